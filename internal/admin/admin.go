// Package admin is the back office under /quan-tri/: where reporters write,
// editors edit, the board approves and administrators manage staff.
//
// Every page is rendered on the server; the only script is the editor and a
// small autosave. Every state-changing request passes
// http.CrossOriginProtection, and every response forbids framing and caching.
package admin

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"cong/internal/asset"
	"cong/internal/auth"
	"cong/internal/clientip"
	"cong/internal/headers"
	"cong/internal/httplog"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/render"
	"cong/internal/viet"
)

//go:embed templates
var templatesFS embed.FS

//go:embed static
var staticFS embed.FS

// Prefix is where the back office lives.
const Prefix = "/quan-tri"

// Store is what the back office reads and writes.
type Store interface {
	portal.UserService
	portal.SiteService
	portal.NewsroomService
	portal.ArticleService
	portal.CategoryService
	portal.AuditService
	portal.MediaService
	portal.RevisionService
	portal.CommentService
	portal.ReportService
	portal.QuestionService
	portal.ContactService
	portal.ConsultationService
	portal.ScheduleService
	portal.DocumentService
	portal.BlockService
	portal.MapWriter
	portal.StatsService
	portal.PageService
	portal.PollService
	portal.ThreadService
	portal.PenNameService
	portal.RoyaltyService
	portal.MemberService
	Settings(ctx context.Context) (map[string]string, error)
	ReviewFacts(ctx context.Context, now time.Time) (portal.ReviewFacts, error)
}

// Previewer renders an article exactly as readers will see it, for staff.
type Previewer interface {
	Preview(w http.ResponseWriter, r *http.Request, a *portal.Article) error
}

// Config tunes the back office.
type Config struct {
	MediaDir string // where uploads are stored (served under /media/), when Media is nil
	// Media is where uploads are stored, a folder or a bucket; nil: the
	// folder MediaDir.
	Media           media.Storage
	IdleTimeout     time.Duration // a session ends after this long without a request
	AbsoluteTimeout time.Duration // and this long after login, whatever happens
	// ClientIP tells the address a request came from (see package clientip).
	ClientIP func(r *http.Request) string
	// Secure reports whether the browser reached the portal over HTTPS, if
	// through a proxy (see clientip.Resolver.HTTPS) or because the public
	// address is https: the session cookie is then Secure and "__Host-"
	// prefixed, and responses carry HSTS. Nil: the request came over TLS.
	Secure func(r *http.Request) bool
	// Fault tells an outage or a full disk from other errors (see
	// store.Fault): staff then get a 503 page saying so. Nil: none.
	Fault func(err error) error
	// BaseURL is the portal's public address (--base-url), which the yearly
	// review checks for HTTPS and IPv6; empty when not set.
	BaseURL string
	// LookupIP resolves host names for the yearly review, as
	// net.Resolver.LookupIP does; nil: the system's resolver.
	LookupIP func(ctx context.Context, network, host string) ([]net.IP, error)
}

// Handler serves the back office.
type Handler struct {
	cfg     Config
	store   Store
	hasher  *auth.Hasher
	preview Previewer
	log     *slog.Logger
	render  *render.Engine
	assets  *asset.Files // the back office's style sheet, editor and scripts, see static
	media   *media.Processor
	sizes   *media.SizeCache // bytes of stored pictures, for their weight
	members members
	handler http.Handler
	// Now is the clock; tests replace it.
	Now func() time.Time
	// Seen is told of every staff request, for the online counter.
	Seen func(userID int64)
}

// New builds the back office.
func New(cfg Config, store Store, preview Previewer, log *slog.Logger) (*Handler, error) {
	tmpl, err := fs.Sub(templatesFS, "templates")
	if err != nil {
		return nil, err
	}
	assets, err := staticFiles()
	if err != nil {
		return nil, err
	}
	fm := maps.Clone(funcs)
	fm["asset"] = assets.URL
	engine, err := render.New(tmpl, fm)
	if err != nil {
		return nil, err
	}
	if cfg.Media == nil {
		cfg.Media = media.Dir(cfg.MediaDir)
	}
	if cfg.ClientIP == nil {
		cfg.ClientIP = (*clientip.Resolver)(nil).IP
	}
	if cfg.Secure == nil {
		cfg.Secure = (*clientip.Resolver)(nil).HTTPS
	}
	h := &Handler{cfg: cfg, store: store, hasher: auth.NewHasher(2), preview: preview, log: log, render: engine,
		assets: assets,
		media:  &media.Processor{Store: cfg.Media, Now: time.Now},
		sizes:  &media.SizeCache{Store: cfg.Media},
		Now:    time.Now, Seen: func(int64) {}}
	routes, err := h.routes()
	if err != nil {
		return nil, err
	}
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(h.crossOrigin))
	h.handler = h.headers(cop.Handler(httplog.Route(bodyLimits.Handler(routes, h.tooLarge))))
	return h, nil
}

// ServeHTTP serves a back-office request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.handler.ServeHTTP(w, r) }

// headers sets what every back-office response carries: no caching, no
// framing, no inline script, no powerful features, no opener shared with
// other sites' windows; over HTTPS, HSTS.
func (h *Handler) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr := w.Header()
		headers.Set(hdr, h.cfg.Secure(r))
		hdr.Set("Cache-Control", "no-store")
		hdr.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "+
			"img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		hdr.Set("X-Frame-Options", "DENY")
		hdr.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

func (h *Handler) crossOrigin(w http.ResponseWriter, r *http.Request) {
	h.showError(w, r, portal.Errorf(portal.EFORBIDDEN, "Yêu cầu bị từ chối vì đến từ một trang khác."))
}

var funcs = template.FuncMap{
	"date":              viet.Date,
	"datetime":          viet.DateTime,
	"statusName":        func(s portal.Status) string { return portal.StatusNames[s] },
	"commentStatusName": func(s portal.CommentStatus) string { return portal.CommentStatusNames[s] },
	"reportStatusName":  func(s portal.ReportStatus) string { return portal.ReportStatusNames[s] },
	"actionName":        func(a portal.Action) string { return portal.ActionNames[a] },
	"roleName":          func(r portal.Role) string { return portal.RoleNames[r] },
	"queueName":         func(q portal.Queue) string { return portal.QueueNames[q] },
	"sessionName":       func(s portal.DayPart) string { return portal.SessionNames[s] },
	"weekName":          viet.WeekName,
	"may":               may,
	// mayAny tells whether a group of links has any the user may follow.
	"mayAny": func(u *portal.User, ps ...string) (bool, error) {
		for _, p := range ps {
			if ok, err := may(u, p); ok || err != nil {
				return ok, err
			}
		}
		return false, nil
	},
	"permissionName": func(p portal.Permission) string { return portal.PermissionNames[p] },
	// holds checks a role's box on the forms that grant roles.
	"holds": func(u *portal.User, r portal.Role) bool { return u.Has(r) },
	// hasID ticks a box of a list of ids (a department's staff).
	"hasID": func(ids []int64, id int64) bool { return slices.Contains(ids, id) },
	"inputTime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(viet.Location).Format("2006-01-02T15:04")
	},
	// treePrefix indents a category of the given depth in a list or a
	// select, where options cannot be styled: no-break spaces (which a
	// screen reader does not read) and a dash under a parent.
	"treePrefix": func(depth int) string {
		if depth <= 0 {
			return ""
		}
		return strings.Repeat("\u00a0", 4*(depth-1)) + "— "
	},
	"lower": strings.ToLower,
	"join":  strings.Join,
	// inGroups reports whether id is among ids: a ticked group.
	"inGroups": func(id int64, ids []int64) bool { return slices.Contains(ids, id) },
	"srcset":   func(m portal.Media) string { return media.Srcset(m.File, m.Width, m.Variants) },
	"kb":       func(n int64) int64 { return (n + 1023) / 1024 },
	// thousands writes a count as Vietnamese does: 1.234.
	"thousands": func(n int) string { return viet.Number(int64(n)) },
	"now":       time.Now,
	// datetimeSeconds is for the audit log, where the order of entries
	// within a minute matters.
	"datetimeSeconds": func(t time.Time) string { return t.In(viet.Location).Format("02/01/2006 15:04:05") },
	// trustedHTML marks an article body as safe: bodies are sanitized when
	// they are saved.
	"trustedHTML": func(s string) template.HTML { return template.HTML(s) },

	"slotName":  func(k string) string { return portal.NameOf(portal.AdSlots, k) },
	"levelName": func(k string) string { return portal.NameOf(portal.NoticeLevels, k) },
	// grantsOf lets the user page reuse the role and category checkboxes.
	"grantsOf": func(p *UserPage) *UsersPage {
		return &UsersPage{Form: *p.Edit, Roles: p.Roles, Categories: p.Categories, Errors: p.Errors}
	},

	// weightKB, kbNumber and phone write an image weight (see weight.go).
	"weightKB": weightKB,
	"kbNumber": func(n int64) int64 { return n / 1000 },
	"phone":    phoneLine,
}

// may asks the table of rights for a template, so a page shows only the
// links and buttons the user may follow; a misspelt permission fails the
// render rather than hiding a button quietly.
func may(u *portal.User, p string) (bool, error) {
	if !portal.Permission(p).Valid() {
		return false, fmt.Errorf("admin: template asks for unknown permission %q", p)
	}
	return u.May(portal.Permission(p)), nil
}

// ctxKey keys the signed-in user in a request's context.
type ctxKey struct{}

func withUser(ctx context.Context, u *portal.User, sessionID string) context.Context {
	return context.WithValue(ctx, ctxKey{}, &signedIn{user: u, session: sessionID})
}

type signedIn struct {
	user    *portal.User
	session string
	// tcvn3 and vni note that fixEncoding converted text of the form
	// from that encoding.
	tcvn3, vni bool
}

// sessionOf returns the stored id of r's session, or "".
func sessionOf(r *http.Request) string {
	if s, ok := r.Context().Value(ctxKey{}).(*signedIn); ok {
		return s.session
	}
	return ""
}

// userOf returns the signed-in user of r, or nil.
func userOf(r *http.Request) *portal.User {
	if s, ok := r.Context().Value(ctxKey{}).(*signedIn); ok {
		return s.user
	}
	return nil
}
