package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/viet"
)

// freeSlugOf returns base, else base cut to fit with "-2", "-3", … added, the
// first slug that taken says is free; after 999 tries it gives up with an
// EINVALID error for field saying what. Every kind of object with a slug
// (articles, categories, pages, documents, drafts) chooses its slug here.
func freeSlugOf(base string, taken func(slug string) (bool, error), field, what string) (string, error) {
	for i := 1; i < 1000; i++ {
		slug := base
		if i > 1 {
			suffix := "-" + strconv.Itoa(i)
			slug = strings.TrimRight(base[:min(len(base), viet.SlugMaxLen-len(suffix))], "-") + suffix
		}
		busy, err := taken(slug)
		if err != nil {
			return "", err
		}
		if !busy {
			return slug, nil
		}
	}
	return "", portal.Invalid(field, "Không tìm được đường dẫn trống cho "+what+".")
}

// counted reports whether the COUNT(*) query q, its first parameter the
// slug, counts any row.
func counted(ctx context.Context, tx *sql.Tx, q string, args ...any) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, q, args...).Scan(&n)
	return n > 0, err
}
