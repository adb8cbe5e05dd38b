package store_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func unit(name, slug, code string) portal.MapUnit {
	return portal.MapUnit{Name: name, Slug: slug, Code: code, Path: "M0 0L10 0L10 10Z", Outline: "M0 0L10 10Z",
		LabelX: 5, LabelY: 5}
}

func slugsOf(m *portal.AdminMap) string {
	var s []string
	for _, u := range m.Units {
		s = append(s, u.Slug)
	}
	return strings.Join(s, " ")
}

// TestReplaceMap uploads a map, writes a unit's page, uploads again with
// a unit renamed (same code), one gone and one new, and checks that the
// pages follow the codes, the view box is kept and each change is seen.
func TestReplaceMap(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		empty, err := db.AdminMap(ctx)
		if err != nil || len(empty.Units) != 0 || empty.Width != 0 {
			t.Fatalf("AdminMap before any upload = %+v, %v; want an empty map", empty, err)
		}
		first := &portal.AdminMap{Width: 600, Height: 500, Units: []portal.MapUnit{
			unit("Vị Thanh", "vi-thanh", "930"), unit("Ngã Bảy", "nga-bay", "931"), unit("Xã Không Mã", "xa-khong-ma", ""),
		}}
		v0, _ := db.ContentVersion(ctx)
		ch, err := db.ReplaceMap(ctx, storetest.Actor, first)
		if err != nil || ch != (portal.MapChange{Added: 3}) {
			t.Fatalf("first ReplaceMap = %+v, %v; want 3 added", ch, err)
		}
		if v1, _ := db.ContentVersion(ctx); v1 <= v0 {
			t.Errorf("content version %d after the upload; want above %d", v1, v0)
		}
		page := portal.MapUnitPage{Intro: "Trung tâm chính trị.\n\nĐoạn hai.", Area: 118.67, Population: 73322,
			Leaders: "Bí thư Thành ủy: Nguyễn Văn A", Address: "Số 1, đường Trần Hưng Đạo", Phone: "(0293) 3 876 543",
			Email: "vp@vithanh.gov.vn", Website: "https://vithanh.haugiang.gov.vn", Tag: "vi-thanh"}
		id := first.Units[0].ID
		if err := db.SaveMapUnitPage(ctx, storetest.Actor, id, &page); err != nil {
			t.Fatal(err)
		}
		keepless := page
		if err := db.SaveMapUnitPage(ctx, storetest.Actor, first.Units[2].ID, &keepless); err != nil {
			t.Fatal(err)
		}

		second := &portal.AdminMap{Width: 600, Height: 480, Units: []portal.MapUnit{
			unit("Xã Không Mã", "xa-khong-ma", ""), unit("Long Mỹ", "long-my", "932"), unit("TP. Vị Thanh", "tp-vi-thanh", "930"),
		}}
		ch, err = db.ReplaceMap(ctx, storetest.Actor, second)
		if err != nil || ch != (portal.MapChange{Kept: 2, Added: 1, Removed: 1}) {
			t.Fatalf("second ReplaceMap = %+v, %v; want 2 kept, 1 added, 1 removed", ch, err)
		}
		m, err := db.AdminMap(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := slugsOf(m); got != "xa-khong-ma long-my tp-vi-thanh" || m.Width != 600 || m.Height != 480 {
			t.Errorf("map after the second upload: %q %d×%d", got, m.Width, m.Height)
		}
		u, err := db.MapUnit(ctx, "tp-vi-thanh")
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != id || u.Name != "TP. Vị Thanh" {
			t.Errorf("renamed unit: id %d, name %q; want id %d kept", u.ID, u.Name, id)
		}
		if diff := cmp.Diff(page, u.MapUnitPage); diff != "" {
			t.Errorf("page of the renamed unit (-want +got):\n%s", diff)
		}
		if u, _ := db.MapUnit(ctx, "xa-khong-ma"); u.Intro != page.Intro {
			t.Errorf("unit without a code lost its page on re-upload (matched by slug): %+v", u.MapUnitPage)
		}
		for _, gone := range []string{"vi-thanh", "nga-bay"} {
			if _, err := db.MapUnit(ctx, gone); portal.ErrorCode(err) != portal.ENOTFOUND {
				t.Errorf("MapUnit(%q) = %v; want ENOTFOUND", gone, err)
			}
		}
	})
}

// TestSaveMapUnitPageRefuses: bad pages change nothing.
func TestSaveMapUnitPageRefuses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		m := &portal.AdminMap{Width: 600, Height: 600, Units: []portal.MapUnit{unit("Vị Thủy", "vi-thuy", "")}}
		if _, err := db.ReplaceMap(ctx, storetest.Actor, m); err != nil {
			t.Fatal(err)
		}
		id := m.Units[0].ID
		for field, p := range map[string]portal.MapUnitPage{
			"area":       {Area: -1},
			"population": {Population: -5},
			"email":      {Email: "không phải thư"},
			"website":    {Website: "javascript:alert(1)"},
			"phone":      {Phone: "<script>"},
			"tag":        {Tag: "Vị Thủy"},
			"address":    {Address: "dòng\nhai"},
			"intro":      {Intro: strings.Repeat("a", portal.MaxUnitIntro+1)},
		} {
			if err := db.SaveMapUnitPage(ctx, storetest.Actor, id, &p); portal.ErrorCode(err) != portal.EINVALID || !strings.Contains(err.Error(), "("+field+")") {
				t.Errorf("SaveMapUnitPage with a bad %s = %v; want EINVALID on %s", field, err, field)
			}
		}
		if err := db.SaveMapUnitPage(ctx, storetest.Actor, id+100, &portal.MapUnitPage{}); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("SaveMapUnitPage(missing) = %v; want ENOTFOUND", err)
		}
		if u, _ := db.MapUnitByID(ctx, id); u.MapUnitPage != (portal.MapUnitPage{}) {
			t.Errorf("page after refusals = %+v; want it untouched", u.MapUnitPage)
		}
	})
}
