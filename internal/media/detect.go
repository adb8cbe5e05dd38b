package media

import (
	"bytes"
	"fmt"
	"net/http"
	"path"
	"strings"

	"cong/internal/portal"
)

// format is a kind of file the portal accepts.
type format int

const (
	formatJPEG format = iota + 1
	formatPNG
	formatGIF
	formatWebP
	formatPDF
)

// String is the name people know the format by, used in error messages.
func (f format) String() string {
	switch f {
	case formatJPEG:
		return "JPEG"
	case formatPNG:
		return "PNG"
	case formatGIF:
		return "GIF"
	case formatWebP:
		return "WebP"
	case formatPDF:
		return "PDF"
	}
	return "không xác định"
}

// byMIME maps the answers of http.DetectContentType to formats.
var byMIME = map[string]format{
	"image/jpeg":      formatJPEG,
	"image/png":       formatPNG,
	"image/gif":       formatGIF,
	"image/webp":      formatWebP,
	"application/pdf": formatPDF,
}

// byExt maps the extensions uploaded files carry to the format they claim.
var byExt = map[string]format{
	".jpg":  formatJPEG,
	".jpeg": formatJPEG,
	".jpe":  formatJPEG,
	".jfif": formatJPEG,
	".png":  formatPNG,
	".gif":  formatGIF,
	".webp": formatWebP,
	".pdf":  formatPDF,
}

// Messages shown next to the upload field.
const (
	msgTooBig    = "Tệp quá lớn (tối đa 10 MB)."
	msgEmpty     = "Tệp rỗng."
	msgKind      = "Chỉ nhận ảnh JPEG, PNG, WebP, GIF hoặc tệp PDF."
	msgPixels    = "Ảnh quá lớn (tối đa 24 megapixel, như ảnh 6000 × 4000 điểm). Xin thu nhỏ ảnh rồi tải lên lại."
	msgProgress  = "Ảnh JPEG lũy tiến (progressive) quá lớn (tối đa 12 megapixel). Xin thu nhỏ ảnh hoặc lưu lại ở dạng JPEG thường."
	msgFrames    = "Ảnh động quá lớn (tổng các khung hình tối đa 24 megapixel)."
	msgBroken    = "Tệp ảnh bị hỏng hoặc không đọc được."
	msgBrokenPDF = "Tệp PDF bị hỏng hoặc không đầy đủ."
)

func invalid(message string) error { return portal.Invalid("file", message) }

// sniff returns the format of data, judged by its content. The name only
// has a veto: an extension that claims another format is refused, since
// it is either a mistake the uploader should see or a disguise. A name
// without an extension (a pasted picture) claims nothing.
func sniff(data []byte, name string) (format, error) {
	f, ok := byMIME[http.DetectContentType(data)]
	if !ok {
		return 0, invalid(msgKind)
	}
	ext := strings.ToLower(path.Ext(name))
	if ext != "" && byExt[ext] != f {
		return 0, invalid(fmt.Sprintf("Tệp không đúng định dạng: tên là %s nhưng nội dung là %s.", ext, f))
	}
	return f, nil
}

// checkPDF accepts a PDF only when its end marker is there: a file cut
// short by a failed upload would otherwise be stored and fail for readers.
func checkPDF(data []byte) error {
	tail := data[max(0, len(data)-1024):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return invalid(msgBrokenPDF)
	}
	return nil
}

// tooManyPixels reports whether a w×h picture is over MaxPixels, in int64
// so that declared sizes near the 32-bit limits cannot wrap around.
func tooManyPixels(w, h int) bool {
	return int64(w)*int64(h) > MaxPixels
}

// progressiveJPEG reports whether a JPEG's frame header (SOF2, SOF6, SOF10
// or SOF14) says progressive, walking the marker segments before it without
// decoding anything. Malformed data reports false; the decoder refuses it.
func progressiveJPEG(b []byte) bool {
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			return false
		}
		marker := b[i+1]
		switch {
		case marker == 0xFF: // fill byte
			i++
			continue
		case marker == 0x01 || marker >= 0xD0 && marker <= 0xD7: // no length
			i += 2
			continue
		case marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE:
			return true
		case marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC, marker == 0xDA:
			return false // another frame, or the scan: no progressive frame before it
		}
		i += 2 + (int(b[i+2])<<8 | int(b[i+3]))
	}
	return false
}
