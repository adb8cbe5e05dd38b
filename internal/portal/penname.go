package portal

import (
	"context"
	"strings"
	"unicode/utf8"
)

// PenName is a byline ("bút danh") kept apart from staff accounts: one
// person may write under several, and one may be shared by many ("PV",
// "Ban Biên tập"). An article's byline is its pen name; the store makes the
// pen name of any byline text it saves, reusing one whose name differs
// only by case or Unicode form.
type PenName struct {
	ID        int64
	Name      string // as bylines show it, NFC
	Slug      string // the author page's address: /tac-gia/{slug}; kept when the name changes
	UserIDs   []int64
	UserNames []string // filled by reads, in UserIDs' order
	Articles  int      // how many articles carry it, filled by PenNames
}

// URL is the pen name's public author page.
func (p *PenName) URL() string { return "/tac-gia/" + p.Slug }

// Validate checks a pen name before it is saved, collapsing its spaces.
func (p *PenName) Validate() error {
	p.Name = strings.Join(strings.Fields(p.Name), " ")
	switch {
	case p.Name == "":
		return Invalid("name", "Bút danh không được để trống.")
	case HasControl(p.Name):
		return Invalid("name", "Bút danh có ký tự điều khiển không hợp lệ.")
	case utf8.RuneCountInString(p.Name) > MaxByline:
		return Invalid("name", "Bút danh dài quá 200 ký tự.")
	case len(p.UserIDs) > 200:
		return Invalid("users", "Một bút danh gắn tối đa 200 người.")
	}
	return nil
}

// PenNameService keeps the pen names. Every write is audited; a renamed
// pen name renames the bylines of its articles.
type PenNameService interface {
	PenNameReader
	// PenNames lists every pen name by name, with its people and how many
	// articles carry it.
	PenNames(ctx context.Context) ([]PenName, error)
	PenName(ctx context.Context, id int64) (*PenName, error)
	// PenNamesOf lists the pen names user id writes under, by name.
	PenNamesOf(ctx context.Context, userID int64) ([]PenName, error)
	// SavePenName creates p (ID 0) or renames it and sets its people. A
	// name another pen name holds, ignoring case, is ECONFLICT.
	SavePenName(ctx context.Context, who Actor, p *PenName) error
	// DeletePenName removes a pen name no article carries (else ECONFLICT).
	DeletePenName(ctx context.Context, who Actor, id int64) error
}

// PenNameReader finds the pen name of an author page.
type PenNameReader interface {
	PenNameBySlug(ctx context.Context, slug string) (*PenName, error)
}
