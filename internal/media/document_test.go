package media_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	"cong/internal/media"
	"cong/internal/portal"
)

const pdfDoc = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

// docFile builds an OLE2 header with the directory names given, enough for
// the checks (which read the header and look for names).
func docFile(names ...string) []byte {
	b := make([]byte, 2048)
	copy(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	binary.LittleEndian.PutUint16(b[0x18:], 0x3E)
	binary.LittleEndian.PutUint16(b[0x1A:], 3)
	binary.LittleEndian.PutUint16(b[0x1C:], 0xFFFE)
	binary.LittleEndian.PutUint16(b[0x1E:], 9)
	binary.LittleEndian.PutUint16(b[0x20:], 6)
	at := 1024
	for _, n := range names {
		for i := 0; i < len(n); i++ {
			b[at] = n[i]
			at += 2
		}
		at += 64
	}
	return b
}

// docxFile builds a ZIP with the named entries; an entry's content is its
// value, or n zero bytes for a "zeros:n" value.
func docxFile(t *testing.T, entries map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, body := range entries {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := strings.CutPrefix(body, "zeros:"); ok {
			size := 0
			for _, c := range n {
				size = size*10 + int(c-'0')
			}
			body = string(make([]byte, size))
		}
		w.Write([]byte(body))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const contentTypes = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

func goodDocx(t *testing.T) []byte {
	return docxFile(t, map[string]string{"[Content_Types].xml": contentTypes, "word/document.xml": "<w:document/>"})
}

func TestProcessDocumentStores(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		data       []byte
		mime, ext  string
	}{
		{"pdf", "Nghị quyết 15.pdf", []byte(pdfDoc), media.MIMEPDF, ".pdf"},
		{"doc", "ke-hoach.DOC", docFile("Root Entry", "WordDocument", "1Table"), media.MIMEDOC, ".doc"},
		{"docx", "huong-dan.docx", goodDocx(t), media.MIMEDOCX, ".docx"},
		{"no extension", "van-ban", goodDocx(t), media.MIMEDOCX, ".docx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, dir := newProcessor(t)
			s, err := p.ProcessDocument(ctx, tc.file, bytes.NewReader(tc.data))
			if err != nil {
				t.Fatalf("ProcessDocument: %v", err)
			}
			if s.MIME != tc.mime || !strings.HasPrefix(s.File, "van-ban/2026/10/") || !strings.HasSuffix(s.File, tc.ext) {
				t.Errorf("saved %s as %s; want %s under van-ban/2026/10/ ending %s", s.File, s.MIME, tc.mime, tc.ext)
			}
			if got := readStored(t, dir, s.File); !bytes.Equal(got, tc.data) || s.Size != int64(len(tc.data)) {
				t.Errorf("stored %d bytes (size %d); want the %d uploaded", len(got), s.Size, len(tc.data))
			}
		})
	}
}

func TestProcessDocumentRefuses(t *testing.T) {
	macroTypes := strings.Replace(contentTypes, "document.main+xml", "document.macroEnabled.main+xml", 1)
	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"empty", "a.pdf", nil, "Tệp rỗng."},
		{"html named pdf", "nghi-quyet.pdf", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), "Chỉ nhận văn bản PDF"},
		{"pdf named docx", "a.docx", []byte(pdfDoc), "tên là .docx nhưng nội dung là PDF"},
		{"docx named doc", "a.doc", goodDocx(t), "tên là .doc nhưng nội dung là DOCX"},
		{"exe named pdf", "a.pdf", append([]byte("MZ\x90\x00"), make([]byte, 600)...), "Chỉ nhận văn bản PDF"},
		{"picture", "anh.pdf", []byte("\x89PNG\r\n\x1a\n0000"), "Chỉ nhận văn bản PDF"},
		{"cut pdf", "a.pdf", []byte("%PDF-1.4\n1 0 obj"), "PDF bị hỏng"},
		{"ole2 spreadsheet", "a.doc", docFile("Root Entry", "Workbook"), "DOC bị hỏng"},
		{"ole2 short", "a.doc", docFile("WordDocument")[:600], "DOC bị hỏng"},
		{"doc with macros", "a.doc", docFile("WordDocument", "Macros", "VBA"), "macro"},
		{"zip without word", "a.docx", docxFile(t, map[string]string{"[Content_Types].xml": contentTypes, "x.txt": "x"}), "DOCX bị hỏng"},
		{"broken zip", "a.docx", []byte("PK\x03\x04garbage"), "DOCX bị hỏng"},
		{"vba project", "a.docx", docxFile(t, map[string]string{"[Content_Types].xml": contentTypes,
			"word/document.xml": "<w:document/>", "word/vbaProject.bin": "VBA"}), "macro"},
		{"macro content type", "a.docx", docxFile(t, map[string]string{"[Content_Types].xml": macroTypes,
			"word/document.xml": "<w:document/>"}), "macro"},
		{"zip bomb", "a.docx", docxFile(t, map[string]string{"[Content_Types].xml": contentTypes,
			"word/document.xml": "<w:document/>", "word/media/big.bin": "zeros:8000000"}), "bất thường"},
		{"too many entries", "a.docx", manyEntries(t, 2100), "bất thường"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, dir := newProcessor(t)
			_, err := p.ProcessDocument(ctx, tc.file, bytes.NewReader(tc.data))
			if portal.ErrorCode(err) != portal.EINVALID || !strings.Contains(portal.ErrorMessage(err), tc.want) {
				t.Fatalf("ProcessDocument(%s) = %v; want EINVALID containing %q", tc.name, err, tc.want)
			}
			if got := files(t, dir); len(got) != 0 {
				t.Errorf("files left after refusal: %v", got)
			}
		})
	}
}

func manyEntries(t *testing.T, n int) []byte {
	entries := map[string]string{"[Content_Types].xml": contentTypes, "word/document.xml": "<w:document/>"}
	for i := range n {
		entries["word/p"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+itoa(i)+".xml"] = ""
	}
	return docxFile(t, entries)
}

func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		if n /= 10; n == 0 {
			return string(b)
		}
	}
}

func TestProcessDocumentTooBig(t *testing.T) {
	p, _ := newProcessor(t)
	big := append([]byte(pdfDoc), make([]byte, media.MaxDocumentBytes)...)
	_, err := p.ProcessDocument(ctx, "a.pdf", bytes.NewReader(big))
	if !strings.Contains(portal.ErrorMessage(err), "20 MB") {
		t.Fatalf("ProcessDocument(20 MB + 1) = %v; want too big", err)
	}
}

// The media library keeps refusing Word files: only documents take them.
func TestProcessRefusesWordFiles(t *testing.T) {
	p, _ := newProcessor(t)
	for name, data := range map[string][]byte{"a.docx": goodDocx(t), "a.doc": docFile("WordDocument")} {
		if _, err := p.Process(ctx, name, bytes.NewReader(data)); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("Process(%s) = %v; want EINVALID", name, err)
		}
	}
}
