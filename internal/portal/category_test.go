package portal

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCategoryOutline(t *testing.T) {
	cat := func(id, parent int64, name string) Category {
		return Category{ID: id, ParentID: parent, Name: name}
	}
	for _, tc := range []struct {
		name string
		all  []Category // in the store's order: by parent, position, name
		want []string   // depth in dashes, then the name
	}{
		{"empty", nil, []string{}},
		{"children under their parents", []Category{
			cat(1, 0, "Chính trị"), cat(2, 0, "Kinh tế"), cat(3, 0, "Thông báo"),
			cat(4, 1, "Xây dựng Đảng"), cat(5, 1, "Hoạt động của lãnh đạo"), cat(6, 2, "Nông nghiệp"),
			cat(7, 6, "Thủy sản"),
		}, []string{"Chính trị", "-Xây dựng Đảng", "-Hoạt động của lãnh đạo", "Kinh tế", "-Nông nghiệp",
			"--Thủy sản", "Thông báo"}},
		{"a parent listed after its child", []Category{
			cat(2, 0, "Kinh tế"), cat(3, 1, "Con"), cat(1, 2, "Giữa"),
		}, []string{"Kinh tế", "-Giữa", "--Con"}},
		{"a lost parent, and a loop, still listed", []Category{
			cat(1, 0, "Gốc"), cat(2, 99, "Mồ côi"), cat(3, 2, "Cháu"), cat(4, 5, "Vòng A"), cat(5, 4, "Vòng B"),
		}, []string{"Gốc", "Mồ côi", "-Cháu", "Vòng A", "-Vòng B"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := []string{}
			for _, l := range NewCategoryTree(tc.all).Outline() {
				got = append(got, fmt.Sprintf("%.*s%s", l.Depth, "---------", l.Name))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Outline() (-want +got):\n%s", diff)
			}
		})
	}
}
