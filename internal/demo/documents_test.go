package demo_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"cong/internal/demo"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func TestSeedDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		dir := t.TempDir()
		if _, err := demo.Seed(ctx, db, dir, now); err != nil {
			t.Fatal(err)
		}
		list, err := db.Documents(ctx, portal.DocumentFilter{})
		if err != nil || list.Total != 10 || len(list.Types) < 5 || len(list.Years) < 5 {
			t.Fatalf("demo register: %d documents, %d types, %d years, %v", list.Total, len(list.Types), len(list.Years), err)
		}
		d, err := db.Document(ctx, list.Documents[0].ID)
		if err != nil || len(d.Files) != 1 {
			t.Fatalf("newest document: %+v, %v", d, err)
		}
		// The sample PDF passes the checks an upload would.
		pdf, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(d.Files[0].File)))
		if err != nil {
			t.Fatal(err)
		}
		p := &media.Processor{Store: media.Dir(t.TempDir())}
		if _, err := p.ProcessDocument(ctx, "mau.pdf", bytes.NewReader(pdf)); err != nil {
			t.Errorf("sample PDF refused: %v", err)
		}
		a, _ := db.ArticleBySlug(ctx, demo.SeedSlug)
		if linked, _ := db.ArticleDocuments(ctx, a.ID); len(linked) != 1 || linked[0].Number != "01-NQ/ĐH" {
			t.Errorf("seed article's documents = %v", linked)
		}
	})
}
