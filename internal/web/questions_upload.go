package web

import (
	"errors"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"

	"cong/internal/formlimit"
	"cong/internal/media"
	"cong/internal/portal"
)

// maxQuestionParts bounds the parts of a question form: it has a dozen.
const maxQuestionParts = 40

// attachment is a question's file, read from the form into a temporary
// file, not yet checked.
type attachment struct {
	name string // as the citizen's computer named it
	file *os.File
}

// remove deletes the temporary file; a nil attachment has none.
func (a *attachment) remove() {
	if a != nil {
		a.file.Close()
		os.Remove(a.file.Name())
	}
}

var errMissingForm = portal.Invalid("form", "Biểu mẫu gửi lên không trọn vẹn hoặc không đọc được. Xin gửi lại.")

// readQuestionForm reads the question form part by part. At the file part,
// before a byte of the file is read, it asks beforeFile about the fields
// read so far — a browser sends them first, in the order of the page — and
// stops there if refused: a sender over the limits costs no upload. The file
// goes to a temporary file, never to memory whole; a form sent without a
// file may be URL-encoded.
func readQuestionForm(r *http.Request, tempDir string, beforeFile func(url.Values) error) (url.Values, *attachment, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		if err := formlimit.Parse(r, questionText); err != nil {
			return url.Values{}, nil, err
		}
		return r.PostForm, nil, nil
	}
	form, left := url.Values{}, int64(questionText)
	var file *attachment
	for parts := 0; ; parts++ {
		p, err := mr.NextPart()
		switch {
		case errors.Is(err, io.EOF):
			return form, file, nil
		case err != nil:
			return form, file, readError(err)
		case parts >= maxQuestionParts:
			return form, file, errMissingForm
		}
		if p.FormName() == "file" && p.FileName() != "" && file == nil {
			if err := beforeFile(form); err != nil {
				return form, nil, err
			}
			if file, err = spool(p, tempDir); err != nil {
				return form, nil, err
			}
			continue
		}
		if p.FileName() != "" || p.FormName() == "" {
			continue // a part this form does not have: skipped unread
		}
		value, err := io.ReadAll(io.LimitReader(p, left+1))
		if err != nil {
			return form, file, readError(err)
		}
		if left -= int64(len(value)); left < 0 {
			return form, file, formlimit.TooLarge(questionText)
		}
		form.Add(p.FormName(), string(value))
	}
}

// spool copies the file part to a temporary file in dir (the system's when
// empty), refusing it past the upload limit; an empty part is no
// attachment. Whatever fails, no temporary file stays behind.
func spool(p *multipart.Part, dir string) (*attachment, error) {
	f, err := os.CreateTemp(dir, "cong-hoi-dap-*")
	if err != nil {
		return nil, err
	}
	a := &attachment{name: p.FileName(), file: f}
	n, err := io.Copy(f, io.LimitReader(p, media.MaxBytes+1))
	switch {
	case err != nil:
		a.remove()
		if errors.As(err, new(*fs.PathError)) {
			return nil, err // writing failed (a full disk): not the form's fault
		}
		return nil, readError(err)
	case n > media.MaxBytes:
		a.remove()
		return nil, &portal.Error{Code: portal.ETOOLARGE, Field: "file", Message: "Tệp đính kèm quá lớn (tối đa 10 MB)."}
	case n == 0:
		a.remove()
		return nil, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		a.remove()
		return nil, err
	}
	return a, nil
}

// readError tells a body over its cap from a broken one.
func readError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return formlimit.TooLarge(tooBig.Limit)
	}
	return errMissingForm
}
