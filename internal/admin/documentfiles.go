package admin

import (
	"mime/multipart"
	"net/http"

	"cong/internal/media"
	"cong/internal/portal"
)

// storeDocumentFiles checks and stores the files sent, appending them to
// d.Files, and returns their names in the storage.
func (h *Handler) storeDocumentFiles(r *http.Request, d *portal.Document) ([]string, error) {
	headers := r.MultipartForm.File["files"]
	if len(headers) > maxDocumentFiles {
		return nil, portal.Invalid("files", "Mỗi lần chỉ gửi được tối đa 5 tệp.")
	}
	var stored []string
	for _, fh := range headers {
		if fh.Size == 0 && fh.Filename == "" {
			continue
		}
		saved, err := h.storeDocumentFile(r, fh)
		if err != nil {
			h.media.RemoveStored(r.Context(), stored)
			return nil, portal.Invalid("files", fh.Filename+": "+portal.ErrorMessage(err))
		}
		stored = append(stored, saved.File)
		d.Files = append(d.Files, portal.DocumentFile{File: saved.File, Name: fh.Filename, MIME: saved.MIME, Size: saved.Size})
	}
	return stored, nil
}

func (h *Handler) storeDocumentFile(r *http.Request, fh *multipart.FileHeader) (*media.Saved, error) {
	file, err := fh.Open()
	if err != nil {
		return nil, portal.Invalid("files", "Không đọc được tệp gửi lên.")
	}
	defer file.Close()
	return h.media.ProcessDocument(r.Context(), fh.Filename, file)
}

// removeDocumentFile takes one file off a document, and out of the storage.
func (h *Handler) removeDocumentFile(w http.ResponseWriter, r *http.Request) error {
	d, err := h.loadDocument(r)
	if err != nil {
		return err
	}
	if !userOf(r).CanEditDocument(d) {
		return errForbidden
	}
	fileID, err := pathID(r, "file")
	if err != nil {
		return err
	}
	f, err := h.store.RemoveDocumentFile(r.Context(), h.actor(r), d.ID, fileID)
	if err != nil {
		return err
	}
	h.media.RemoveStored(r.Context(), []string{f.File})
	redirect(w, r, documentURL(d.ID), flashSaved)
	return nil
}

// savedFiles keeps the files that were saved before, dropping those of a
// refused save.
func savedFiles(files []portal.DocumentFile) []portal.DocumentFile {
	var out []portal.DocumentFile
	for _, f := range files {
		if f.ID != 0 {
			out = append(out, f)
		}
	}
	return out
}
