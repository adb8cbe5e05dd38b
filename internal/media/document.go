package media

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"path"
	"strings"
)

// Limits of a document attachment (the register's files), and of what a
// DOCX may hold, against zip bombs: the archive is never unpacked whole,
// but readers' word processors will.
const (
	MaxDocumentBytes  = 20 << 20  // 20 MB
	maxZipEntries     = 2000      // a long report has a few hundred
	maxZipUnpacked    = 200 << 20 // declared size of everything inside
	maxZipRatio       = 200       // declared over compressed, per entry
	maxContentTypeXML = 1 << 20   // [Content_Types].xml, read to look for macros
)

// The types of document attachments.
const (
	MIMEPDF  = "application/pdf"
	MIMEDOC  = "application/msword"
	MIMEDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// Messages for document attachments.
const (
	msgDocTooBig  = "Tệp quá lớn (tối đa 20 MB)."
	msgDocKind    = "Chỉ nhận văn bản PDF, DOC hoặc DOCX."
	msgBrokenDoc  = "Tệp DOC bị hỏng hoặc không phải văn bản Word."
	msgBrokenDocx = "Tệp DOCX bị hỏng hoặc không phải văn bản Word."
	msgMacros     = "Văn bản có macro (mã lệnh) không được nhận: xin lưu lại thành DOCX thường hoặc PDF."
	msgZipBomb    = "Tệp DOCX có cấu trúc bất thường (quá nhiều phần hoặc nén quá mức)."
)

// ole2Magic opens every OLE2 compound file (Word 97–2003 .doc among them).
var ole2Magic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// docExt maps what a document's name may end with to its type.
var docExt = map[string]string{".pdf": MIMEPDF, ".doc": MIMEDOC, ".docx": MIMEDOCX}

// ProcessDocument checks a file of a legal document — PDF, DOC or DOCX,
// judged by content, its extension required to agree — and stores it as it
// came under "van-ban/", apart from the media library. Pictures are not
// accepted here, and the library's Process accepts no DOC or DOCX.
func (p *Processor) ProcessDocument(ctx context.Context, originalName string, r io.Reader) (*Saved, error) {
	release, err := acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	data, err := io.ReadAll(io.LimitReader(r, MaxDocumentBytes+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("media: reading upload: %w", err)
	case len(data) > MaxDocumentBytes:
		return nil, invalid(msgDocTooBig)
	case len(data) == 0:
		return nil, invalid(msgEmpty)
	}
	mime, err := sniffDocument(data)
	if err != nil {
		return nil, err
	}
	ext := strings.ToLower(path.Ext(originalName))
	if ext != "" && docExt[ext] != mime {
		return nil, invalid(fmt.Sprintf("Tệp không đúng định dạng: tên là %s nhưng nội dung là %s.", ext, kindOf(mime)))
	}
	return p.save(ctx, &prepared{ext: strings.ToLower(kindOf(mime)), mime: mime, data: data, folder: "van-ban/"})
}

// SaveDocument stores data as a document file without checks: for demo
// content made in Go.
func (p *Processor) SaveDocument(ctx context.Context, ext, mime string, data []byte) (*Saved, error) {
	return p.save(ctx, &prepared{ext: ext, mime: mime, data: data, folder: "van-ban/"})
}

func kindOf(mime string) string {
	switch mime {
	case MIMEPDF:
		return "PDF"
	case MIMEDOC:
		return "DOC"
	}
	return "DOCX"
}

// sniffDocument returns the type of a document attachment by its content.
func sniffDocument(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return MIMEPDF, checkPDF(data)
	case bytes.HasPrefix(data, ole2Magic):
		return MIMEDOC, checkDOC(data)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return MIMEDOCX, checkDOCX(data)
	}
	return "", invalid(msgDocKind)
}

// checkDOC accepts an OLE2 compound file with a sane header that holds a
// Word document stream and no macro storage. Names in the directory are
// UTF-16; looking for them in the bytes is enough to tell a Word file from
// a spreadsheet and to refuse one carrying VBA.
func checkDOC(data []byte) error {
	if len(data) < 1536 {
		return invalid(msgBrokenDoc)
	}
	major := binary.LittleEndian.Uint16(data[0x1A:])
	order := binary.LittleEndian.Uint16(data[0x1C:])
	shift := binary.LittleEndian.Uint16(data[0x1E:])
	mini := binary.LittleEndian.Uint16(data[0x20:])
	if order != 0xFFFE || mini != 6 || !(major == 3 && shift == 9 || major == 4 && shift == 12) {
		return invalid(msgBrokenDoc)
	}
	if !bytes.Contains(data, utf16("WordDocument")) {
		return invalid(msgBrokenDoc)
	}
	if bytes.Contains(data, utf16("Macros")) || bytes.Contains(data, utf16("_VBA_PROJECT")) {
		return invalid(msgMacros)
	}
	return nil
}

// utf16 encodes an ASCII name as the little-endian UTF-16 OLE2 stores.
func utf16(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// checkDOCX accepts a ZIP holding a Word document and no macros, within
// bounds on its entries and their declared sizes. Only the content-types
// part is read, and at most maxContentTypeXML of it.
func checkDOCX(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return invalid(msgBrokenDocx)
	}
	if len(z.File) > maxZipEntries {
		return invalid(msgZipBomb)
	}
	var total uint64
	var types *zip.File
	var body bool
	for _, f := range z.File {
		total += f.UncompressedSize64
		if total > maxZipUnpacked || f.UncompressedSize64 > maxZipRatio*max(f.CompressedSize64, 1024) {
			return invalid(msgZipBomb)
		}
		name := strings.ToLower(f.Name)
		switch {
		case name == "[content_types].xml":
			types = f
		case name == "word/document.xml":
			body = true
		case strings.HasSuffix(name, "vbaproject.bin") || strings.HasSuffix(name, "vbadata.xml"):
			return invalid(msgMacros)
		}
	}
	if types == nil || !body {
		return invalid(msgBrokenDocx)
	}
	rc, err := types.Open()
	if err != nil {
		return invalid(msgBrokenDocx)
	}
	defer rc.Close()
	xml, err := io.ReadAll(io.LimitReader(rc, maxContentTypeXML))
	if err != nil {
		return invalid(msgBrokenDocx)
	}
	if bytes.Contains(bytes.ToLower(xml), []byte("macroenabled")) {
		return invalid(msgMacros)
	}
	return nil
}

// RemoveStored removes files stored by ProcessDocument or SaveDocument, when
// what they belonged to was not saved or is gone. Failures are not
// returned: a file left behind costs disk, never correctness.
func (p *Processor) RemoveStored(ctx context.Context, names []string) {
	removeAll(ctx, p.Store, names)
}
