// Package web is the public site: the reader pages of the portal.
//
// Reader pages come from memory. Each is rendered once into a page with
// holes (see package render), kept in a byte-bounded cache for a short TTL,
// and served with only its counters filled in; counting a view or a visitor
// touches maps in memory, never the database.
package web

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"maps"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"cong/internal/asset"
	"cong/internal/auth"
	"cong/internal/clientip"
	"cong/internal/counter"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/render"
	"cong/internal/viet"
)

//go:embed templates
var templatesFS embed.FS

//go:embed static
var staticFS embed.FS

// Services are the domain services the public site reads.
type Services struct {
	Categories portal.CategoryService
	Articles   portal.ArticleService
	Side       portal.SideService
	// Schedule is the leaders' work schedule; nil: none (a site other than
	// the main one, see portal.Site).
	Schedule portal.ScheduleReader
	Popular  portal.PopularService // nil: no weekly list
	Comments portal.CommentService // nil: readers cannot comment
	Reports  portal.ReportService  // nil: readers cannot report errors ("Báo lỗi")
	Search   portal.SearchService  // nil: no search page
	// Consultations are drafts put to readers; nil: no "Góp ý dự thảo".
	Consultations portal.ConsultationService
	Documents     portal.DocumentReader // nil: no register of documents
	Map           portal.MapService     // nil: the map is a picture only
	Pages         portal.PageService    // nil: no introduction pages
	Polls         portal.PollService    // nil: no "Bình chọn"
	Audio         portal.AudioReader    // nil: no "Nghe đọc bài" player
	// Library finds the pictures of article bodies, for their WebP copies;
	// nil: bodies are drawn as stored.
	Library portal.MediaReader
	// Members are readers' accounts, for members-only articles; nil: no
	// sign-in, and members-only articles are no one's to read.
	Members portal.MemberService
	Threads portal.ThreadService // nil: no "Dòng sự kiện", no "Chuyên đề"
	// Ready reports whether the database answers, for /readyz.
	Ready func(ctx context.Context) error
	// Writable reports whether the data folder can be written, for /readyz;
	// nil: not checked.
	Writable func(ctx context.Context) error
	// Version reads the content version, which every change readers may
	// see raises (see portal.NewsroomService); nil: pages live out their TTL.
	Version func(ctx context.Context) (int64, error)
	// Questions takes citizens' questions (Hỏi – Đáp); nil: none.
	Questions portal.QuestionService
	// Contact takes readers' messages to departments (Liên hệ); nil: none.
	Contact portal.ContactService
	// Fault returns err as a portal.Unavailable or portal.Full error when
	// it means the database cannot be reached or it or the disk (a form's
	// temporary file) has no room left, err itself otherwise (see
	// store.Fault); nil: no error is told apart. A
	// page that cannot be rebuilt for such a fault is served stale, and
	// forms and search answer 503.
	Fault func(err error) error
	// Legacy knows the addresses of the portal this one replaced; nil:
	// none answer.
	Legacy LegacyService
}

// Config tunes the public site.
type Config struct {
	MediaDir string // uploaded files, served under /media/, when Media is nil
	// Media is where uploads are stored, a folder or a bucket; nil: the
	// folder MediaDir.
	Media      media.Storage
	TempDir    string        // where a citizen's attachment waits while it is read; "": the system's
	CacheTTL   time.Duration // how long a rendered page is served before it is rebuilt
	CacheBytes int           // bound of the page cache
	// VisitorTTL is how long the visitor cookie lives after the last page
	// view: at least the view-counting window and the visit gap.
	VisitorTTL time.Duration
	// Hasher checks members' passwords; nil: one of its own.
	Hasher *auth.Hasher
	// Member, when set, tells signed-in staff apart from guests.
	Member func(r *http.Request) (userID int64, ok bool)
	// Replicas says the services have read replicas: readers' requests are
	// then marked so that their reads may go to one (portal.PreferReplica).
	// Without replicas nothing is marked, and a page view costs nothing more.
	Replicas bool
	// Session, when set, reports whether a request carries a staff session
	// cookie, valid or not: nothing sent to it is marked for a shared cache.
	Session func(r *http.Request) bool
	// ClientIP tells the address a request came from (see package clientip).
	ClientIP func(r *http.Request) string
	// Secure reports whether the browser reached the portal over HTTPS, if
	// through a trusted proxy (see clientip.Resolver.HTTPS) or because the
	// public address is https: responses then carry HSTS and the visitor
	// cookie is Secure. Nil: the request came over TLS.
	Secure func(r *http.Request) bool
	// BaseURL is the portal's public address ("https://haugiang.dcs.vn"), for
	// the absolute links of pages, feeds, sitemaps and metadata. A request's
	// Host is never used: what one request builds, the cache serves to all.
	// Empty: http://localhost (cmd/cong passes the listen address instead).
	BaseURL string
	// SharedTTL, when positive, lets a CDN or proxy cache keep reader pages,
	// feeds and sitemaps this long (s-maxage); reader pages then carry a
	// beacon that counts them, and serving one counts nothing (see
	// shared.go). Zero: pages are for browsers only.
	SharedTTL time.Duration
	// SharedStale is how long a shared cache may serve a page while Cổng
	// fails (stale-if-error).
	SharedStale time.Duration
}

// Handler serves the public site.
type Handler struct {
	cfg      Config
	svc      Services
	counters *counter.Counters
	log      *slog.Logger
	render   *render.Engine
	assets   *asset.Files // the embedded style sheet and pictures, see static
	cache    *pageCache
	sites    siteCache
	handler  http.Handler
	now      func() time.Time
	origin   string // the public address absolute links start with

	cookieAttrs string

	// The key that signs comment forms (from the settings), and the token of
	// the current second.
	formSecret atomic.Pointer[string]
	hasher     *auth.Hasher // members' passwords
	token      atomic.Pointer[secondToken]

	// When the database was last found down (unix nanoseconds): pages
	// with a stale copy skip rebuilding for retryGap after.
	outage atomic.Int64

	// The content version last seen, and the second it was last read.
	version        atomic.Int64
	versionChecked atomic.Int64
}

// New builds the public site.
func New(cfg Config, svc Services, counters *counter.Counters, log *slog.Logger) (*Handler, error) {
	engine, assets, err := newEngine()
	if err != nil {
		return nil, err
	}
	if cfg.Media == nil {
		cfg.Media = media.Dir(cfg.MediaDir)
	}
	if cfg.Hasher == nil {
		cfg.Hasher = auth.NewHasher(2)
	}
	if cfg.ClientIP == nil {
		cfg.ClientIP = (*clientip.Resolver)(nil).IP
	}
	if cfg.Secure == nil {
		cfg.Secure = (*clientip.Resolver)(nil).HTTPS
	}
	h := &Handler{
		cfg: cfg, svc: svc, counters: counters, log: log, render: engine, assets: assets,
		cache: newPageCache(cfg.CacheBytes), now: counters.Now, origin: origin(cfg.BaseURL), hasher: cfg.Hasher,
		cookieAttrs: "; Path=/; Max-Age=" + strconv.Itoa(int(max(cfg.VisitorTTL, visitGap)/time.Second)) + "; HttpOnly; SameSite=Lax",
	}
	h.handler = h.recoverPanics(h.limitRequests(h.routes()))
	return h, nil
}

// ServeHTTP serves a request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.handler.ServeHTTP(w, r)
}

// ClearCache drops every rendered page, so a change shows at once on this
// instance; other instances see it within the cache TTL.
func (h *Handler) ClearCache() {
	h.cache.clear()
	h.sites.mu.Lock()
	h.sites.current = nil
	h.sites.mu.Unlock()
}

// CacheStats reads the page cache's counts, for the metrics.
func (h *Handler) CacheStats() CacheStats { return h.cache.stats() }

// newEngine parses the templates, with the table of static files behind
// their asset function.
func newEngine() (*render.Engine, *asset.Files, error) {
	tmpl, err := fs.Sub(templatesFS, "templates")
	if err != nil {
		return nil, nil, err
	}
	assets, err := staticFiles()
	if err != nil {
		return nil, nil, err
	}
	fm := maps.Clone(funcs)
	fm["asset"] = assets.URL
	engine, err := render.New(tmpl, fm)
	return engine, assets, err
}

var funcs = template.FuncMap{
	"date":     viet.Date,
	"slug":     viet.Slug,
	"datetime": viet.DateTime,
	"clock":    viet.Time,
	"isoTime":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"srcset":   func(m *portal.Media) string { return media.Srcset(m.File, m.Width, m.Variants) },
	"picture":  picture,
	// trustedHTML marks an article body as safe: bodies are sanitized when
	// they are saved, never at display.
	"trustedHTML": func(s string) template.HTML { return template.HTML(s) },

	"noticeLevel": noticeLevel,
	"decimal":     viet.Decimal,
	"number":      viet.Number,
	"tel":         telURL,
	"mapView":     func(m *portal.AdminMap, label string) MapView { return MapView{Map: m, Label: label} },
}

// Picture is a library picture as a page draws it: with its copies for
// srcset (and WebP ones through <picture>), the width the style sheet gives
// it in sizes, and whether it may load lazily (below the fold).
type Picture struct {
	*portal.Media
	Sizes string
	Lazy  bool
}

// pictureSlots are the places pages draw a cover: across the column (the
// home page's lead story) or as a list's thumbnail (.article-item img is
// 140 pixels wide in cong.css).
var pictureSlots = map[string]Picture{
	"column": {Sizes: media.ColumnSizes},
	"thumb":  {Sizes: "140px", Lazy: true},
}

// picture is the template function behind {{template "picture"}}.
func picture(m *portal.Media, slot string) (Picture, error) {
	p, ok := pictureSlots[slot]
	if !ok {
		return Picture{}, fmt.Errorf("web: no picture slot %q", slot)
	}
	p.Media = m
	return p, nil
}

// WebPSrcset is the srcset of the picture's WebP copies.
func (p Picture) WebPSrcset() string { return media.WebPSrcset(p.File, p.Width, p.WebP) }
