package store_test

import (
	"slices"
	"strings"
	"testing"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/viet"
)

// vietOrder is a list of names in Vietnamese alphabetical order; the tests
// save them shuffled, at one position, and read them back in this order.
// (Their slugs differ too: lists of documents' terms refuse two names with
// one slug.)
var vietOrder = []string{"An Giang", "Ăn uống", "Ấp Bắc", "Ba Tri", "Dĩ An", "Đà Nẵng", "Ô Môn", "Ơn nghĩa"}

func shuffledNames() []string {
	return []string{"Đà Nẵng", "Ơn nghĩa", "Ba Tri", "Ấp Bắc", "Ô Môn", "An Giang", "Dĩ An", "Ăn uống"}
}

// TestListsInVietnameseOrder checks that every list sorted by name follows
// the Vietnamese alphabet, the same on both engines: categories, leaders,
// document issuing bodies, question topics and units, staff.
func TestListsInVietnameseOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for i, name := range shuffledNames() {
			slug := viet.Slug(name) + "-" + string(rune('a'+i))
			if err := db.CreateCategory(ctx, storetest.Actor, &portal.Category{Name: name, Slug: slug, Position: 50, Visible: true}); err != nil {
				t.Fatalf("CreateCategory(%q): %v", name, err)
			}
			l := portal.Leader{Name: name, Title: "Phó Chủ tịch", Slug: slug, Position: 7, Active: true}
			if err := db.SaveLeader(ctx, storetest.Actor, &l); err != nil {
				t.Fatalf("SaveLeader(%q): %v", name, err)
			}
			if err := db.SaveDocumentTerm(ctx, storetest.Actor, portal.TermBody, &portal.DocumentTerm{Name: "Sở " + name, Position: 90}); err != nil {
				t.Fatalf("SaveDocumentTerm(%q): %v", name, err)
			}
			if err := db.SaveTopic(ctx, storetest.Actor, &portal.Topic{Name: name, Position: 90}); err != nil {
				t.Fatalf("SaveTopic(%q): %v", name, err)
			}
			u := &portal.User{Username: "nv" + string(rune('a'+i)), Name: name, PasswordHash: "x", Roles: []portal.Role{portal.RoleEditor}}
			if err := db.CreateUser(ctx, storetest.Actor, u); err != nil {
				t.Fatalf("CreateUser(%q): %v", name, err)
			}
		}
		check := func(list string, names []string, prefix string) {
			t.Helper()
			var got []string
			for _, n := range names {
				if n, ok := strings.CutPrefix(n, prefix); ok && slices.Contains(vietOrder, n) {
					got = append(got, n)
				}
			}
			if !slices.Equal(got, vietOrder) {
				t.Errorf("%s = %q; want %q", list, got, vietOrder)
			}
		}
		cats, err := db.Categories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		check("Categories", names(cats, func(c portal.Category) string { return c.Name }), "")
		leaders, err := db.Leaders(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		check("Leaders", names(leaders, func(l portal.Leader) string { return l.Name }), "")
		terms, err := db.DocumentTerms(ctx)
		if err != nil {
			t.Fatal(err)
		}
		check("DocumentTerms.Bodies", names(terms.Bodies, func(b portal.DocumentTerm) string { return b.Name }), "Sở ")
		topics, err := db.Topics(ctx)
		if err != nil {
			t.Fatal(err)
		}
		check("Topics", names(topics, func(x portal.Topic) string { return x.Name }), "")
		users, err := db.Users(ctx)
		if err != nil {
			t.Fatal(err)
		}
		check("Users", names(users, func(u portal.User) string { return u.Name }), "")
	})
}

func names[T any](list []T, name func(T) string) []string {
	var out []string
	for _, x := range list {
		out = append(out, name(x))
	}
	return out
}
