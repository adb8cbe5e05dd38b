package viet

import (
	"slices"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collators are Vietnamese collators for Compare and SortByName: a
// collate.Collator keeps its working buffers and is not safe for concurrent
// use, so each caller borrows one.
var collators = sync.Pool{New: func() any { return collate.New(language.Vietnamese, collate.Numeric) }}

// Compare orders a and b as a Vietnamese dictionary does: letters in the
// alphabet's order (a ă â b c d đ e ê … o ô ơ … u ư …), a word's tone marks
// weighing only after its letters (An < Ăn < Ấp < Ba < Dĩ An < Đà Nẵng), case
// last, numbers by value ("Phường 2" before "Phường 10"). NFC and NFD forms of
// a name are equal. It returns -1, 0 or +1.
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}

// SortByName sorts list in place by the name of each element in Vietnamese
// order (see Compare), keeping the order of equal names.
func SortByName[T any](list []T, name func(*T) string) {
	SortFunc(list, func(c func(a, b string) int, x, y *T) int { return c(name(x), name(y)) })
}

// SortFunc sorts list in place, stable, by cmp, which compares two elements
// and gets the Vietnamese comparison of names to use for its names, for
// orders with keys before or after the name (position, then name).
func SortFunc[T any](list []T, cmp func(names func(a, b string) int, x, y *T) int) {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	slices.SortStableFunc(list, func(x, y T) int { return cmp(c.CompareString, &x, &y) })
}
