package demo

import (
	"context"
	"fmt"
	"time"

	"cong/internal/media"
	"cong/internal/portal"
)

// categoryNode is one category of the demo tree with its children.
type categoryNode struct {
	name, slug string
	children   []categoryNode
}

// categoryTree is the menu of the old site, in its order.
var categoryTree = []categoryNode{
	{"Chính trị", "chinh-tri", []categoryNode{
		{"Xây dựng Đảng", "xay-dung-dang", nil},
		{"Hoạt động của lãnh đạo", "hoat-dong-cua-lanh-dao", nil},
	}},
	{"Kinh tế", "kinh-te", []categoryNode{
		{"Nông nghiệp", "nong-nghiep", nil},
		{"Công nghiệp - Thương mại", "cong-nghiep-thuong-mai", nil},
	}},
	{"Văn hóa - Xã hội", "van-hoa-xa-hoi", []categoryNode{
		{"Giáo dục", "giao-duc", nil},
		{"Y tế", "y-te", nil},
	}},
	{"Quốc phòng - An ninh", "quoc-phong-an-ninh", nil},
	{"Thông báo", "thong-bao", nil},
}

// seedCategories creates the demo tree. Categories already there (an admin
// may have made some before adding any article) are kept, matched by slug.
func seedCategories(ctx context.Context, s Store, _ media.Storage, _ time.Time) error {
	have, err := categoryIDs(ctx, s)
	if err != nil {
		return err
	}
	return createCategories(ctx, s, categoryTree, 0, have)
}

func createCategories(ctx context.Context, s Store, nodes []categoryNode, parent int64, have map[string]int64) error {
	for i, n := range nodes {
		id, ok := have[n.slug]
		if !ok {
			c := portal.Category{ParentID: parent, Name: n.name, Slug: n.slug, Position: i + 1, Visible: true}
			if err := s.CreateCategory(ctx, demoActor, &c); err != nil {
				return fmt.Errorf("category %s: %w", n.slug, err)
			}
			id = c.ID
		}
		if err := createCategories(ctx, s, n.children, id, have); err != nil {
			return err
		}
	}
	return nil
}

// categoryIDs maps the slug of every category to its id.
func categoryIDs(ctx context.Context, s Store) (map[string]int64, error) {
	cats, err := s.Categories(ctx)
	if err != nil {
		return nil, err
	}
	ids := make(map[string]int64, len(cats))
	for _, c := range cats {
		ids[c.Slug] = c.ID
	}
	return ids, nil
}
