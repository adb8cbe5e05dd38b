package store

import (
	"cmp"

	"cong/internal/portal"
	"cong/internal/viet"
)

// Lists of names are ordered in Go, never by ORDER BY name: SQLite compares
// bytes and PostgreSQL its server's locale, and neither knows that đ follows
// d or that tone marks weigh after letters. viet.Compare is the one order, the
// same on both engines.

// byPosition sorts list by the position staff set, then by name in
// Vietnamese order, then by id, for lists whose positions may tie.
func byPosition[T any](list []T, key func(*T) (position int, name string, id int64)) {
	viet.SortFunc(list, func(names func(a, b string) int, x, y *T) int {
		px, nx, ix := key(x)
		py, ny, iy := key(y)
		if c := cmp.Compare(px, py); c != 0 {
			return c
		}
		return cmp.Or(names(nx, ny), cmp.Compare(ix, iy))
	})
}

// sortCategories orders categories by parent, then position, then name.
func sortCategories(cats []portal.Category) {
	viet.SortFunc(cats, func(names func(a, b string) int, x, y *portal.Category) int {
		if c := cmp.Or(cmp.Compare(x.ParentID, y.ParentID), cmp.Compare(x.Position, y.Position)); c != 0 {
			return c
		}
		return cmp.Or(names(x.Name, y.Name), cmp.Compare(x.ID, y.ID))
	})
}

func topicKey(t *portal.Topic) (int, string, int64)       { return t.Position, t.Name, t.ID }
func termKey(t *portal.DocumentTerm) (int, string, int64) { return t.Position, t.Name, t.ID }
func leaderKey(l *portal.Leader) (int, string, int64)     { return l.Position, l.Name, l.ID }
func mapUnitKey(u *portal.MapUnit) (int, string, int64)   { return u.Position, u.Name, u.ID }
