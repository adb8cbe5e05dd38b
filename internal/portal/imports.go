package portal

import (
	"context"
	"net/url"
	"path"
	"slices"
	"strings"
)

// Source names an item in the system it is imported from: the system
// ("wordpress", "nukeviet", "pages", with a site key when one portal takes
// in several sites), the kind of item there ("post", "category",
// "attachment", "comment", …) and its id there. A second import of the same
// item updates what the first made instead of making another.
type Source struct {
	System string
	Kind   string
	ID     string
}

func (s Source) String() string { return s.System + "/" + s.Kind + "/" + s.ID }

// Import is what an importer says of one item beside its content: where it
// came from, a checksum of what it read (an unchanged checksum means nothing
// to do), and the old addresses that lead to it (see LegacyKey).
type Import struct {
	Source   Source
	Checksum string
	Paths    []string
}

// Outcome is what an import did with one item.
type Outcome string

// The outcomes of an item.
const (
	Created   Outcome = "created"
	Updated   Outcome = "updated"
	Unchanged Outcome = "unchanged"
	Skipped   Outcome = "skipped" // left out on purpose (a pingback, a revision)
	Failed    Outcome = "failed"
)

// Imported is the record of an item imported before.
type Imported struct {
	Object   string // "article", "category", "page", "media", "comment"
	ID       int64
	Checksum string
}

// LegacyPath is an old address and what it now leads to: an object ("article",
// "category", "page", "media"), resolved to its current address when a reader
// comes, or with Object "url" the fixed path Target.
type LegacyPath struct {
	Key      string // from LegacyKey
	Object   string
	ObjectID int64
	Target   string
}

// queryPaths are the paths whose query says which page is meant: the old
// portals' front controllers. Their plain address is the home page.
var queryPaths = map[string]bool{"/": true, "/index.php": true}

// queryScripts are the extensions of server scripts whose query, too, says
// which page is meant: ASP.NET and DotNetNuke (/Default.aspx?tabid=57&ItemID=123,
// /Pages/tin-tuc.aspx?ItemID=…, image handlers such as /ImageHandler.ashx?id=5),
// classic ASP, PHP, JSP and Struts. Any other path (a folder, a .html page, a
// picture) is known by its path alone, so a tracking query added to it still
// finds it.
var queryScripts = []string{".aspx", ".ashx", ".asp", ".php", ".jsp", ".do"}

// keepsQuery reports whether the query of path p names the page.
func keepsQuery(p string) bool {
	if queryPaths[p] {
		return true
	}
	ext := strings.ToLower(path.Ext(p))
	return ext != "" && slices.Contains(queryScripts, ext)
}

// LegacyKey is the form an old address is stored and looked up in: the path
// unescaped, without a trailing slash, and for the front controllers ("/",
// "/index.php") and server scripts (".aspx", ".asp", ".php", … see
// queryScripts) the query, its parameters sorted; "" when there is nothing
// to look up (the plain home page). A script without a query, or with one
// that does not parse, is known by its path.
func LegacyKey(rawPath, rawQuery string) string {
	p, err := url.PathUnescape(rawPath)
	if err != nil || !strings.HasPrefix(p, "/") || HasControl(p) {
		return ""
	}
	p = path.Clean(p)
	if !keepsQuery(p) {
		return p
	}
	q, err := url.ParseQuery(rawQuery)
	switch {
	case (err != nil || len(q) == 0) && queryPaths[p]:
		return ""
	case err != nil || len(q) == 0:
		return p
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(k + "=" + q.Get(k))
	}
	return p + "?" + b.String()
}

// LegacyKeyOf is LegacyKey of an address written out ("/?p=12",
// "/2020/12/30/hoi-nghi/"), as importers find them in their sources; a full
// URL counts by its path and query.
func LegacyKeyOf(address string) string {
	u, err := url.Parse(strings.TrimSpace(address))
	if err != nil {
		return ""
	}
	return LegacyKey(u.EscapedPath(), u.RawQuery)
}

// ImportService takes in what importers read. Every method writes through
// the store's one write path, with its audit entry, and records the source
// and the old addresses in the same transaction: an import stopped at any
// point leaves whole items or none, and running it again resumes it.
type ImportService interface {
	// Imported returns the record of src, or ENOTFOUND.
	Imported(ctx context.Context, src Source) (*Imported, error)
	ImportCategory(ctx context.Context, who Actor, imp Import, c *Category) (Outcome, error)
	ImportMedia(ctx context.Context, who Actor, imp Import, m *Media) (Outcome, error)
	// ImportArticle saves a with its tags; note, when set, goes to the
	// article's history (why an item came in as a draft, say).
	ImportArticle(ctx context.Context, who Actor, imp Import, a *Article, note string) (Outcome, error)
	ImportPage(ctx context.Context, who Actor, imp Import, p *Page) (Outcome, error)
	ImportComment(ctx context.Context, who Actor, imp Import, c *Comment) (Outcome, error)
	// AddLegacyPaths records old addresses that lead to no imported item
	// (tag pages, feeds).
	AddLegacyPaths(ctx context.Context, who Actor, paths []LegacyPath) error
	// LegacyPath returns what the old address key leads to, or ENOTFOUND.
	LegacyPath(ctx context.Context, key string) (*LegacyPath, error)
}
