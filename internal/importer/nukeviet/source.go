package nukeviet

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
)

// ParseURL turns mysql://USER:PASS@HOST[:PORT]/DB[?tls=true] into the
// driver's configuration: utf8mb4, times in UTC. NukeViet keeps its times as
// Unix seconds in INT columns, so no time zone reaches the conversion; the
// location only matters to DATETIME columns, which the reader never selects.
func ParseURL(raw string) (*mysql.Config, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "mysql" && u.Scheme != "mariadb" {
		return nil, fmt.Errorf("--from %s: want mysql://USER:PASS@HOST:3306/DATABASE", Redact(raw))
	}
	cfg := mysql.NewConfig()
	cfg.Net, cfg.Addr = "tcp", u.Host
	if u.Port() == "" && u.Hostname() != "" {
		cfg.Addr = net.JoinHostPort(u.Hostname(), "3306")
	}
	cfg.User = u.User.Username()
	cfg.Passwd, _ = u.User.Password()
	cfg.DBName = strings.Trim(u.Path, "/")
	cfg.ParseTime, cfg.Loc = true, time.UTC
	cfg.Timeout, cfg.ReadTimeout = 10*time.Second, 5*time.Minute
	if err := cfg.Apply(mysql.Charset("utf8mb4", "utf8mb4_unicode_ci")); err != nil {
		return nil, err
	}
	for key, vals := range u.Query() {
		switch {
		case key == "tls" && len(vals) == 1:
			cfg.TLSConfig = vals[0]
		case key == "socket" && len(vals) == 1:
			cfg.Net, cfg.Addr = "unix", vals[0]
		default:
			return nil, fmt.Errorf("--from %s: unknown parameter %q (known: tls, socket)", Redact(raw), key)
		}
	}
	switch {
	case cfg.Addr == "":
		return nil, fmt.Errorf("--from %s: no host", Redact(raw))
	case cfg.DBName == "" || strings.Contains(cfg.DBName, "/"):
		return nil, fmt.Errorf("--from %s: name the database: mysql://USER:PASS@HOST:3306/DATABASE", Redact(raw))
	case cfg.User == "":
		return nil, fmt.Errorf("--from %s: no user", Redact(raw))
	}
	return cfg, nil
}

// Redact returns the address with its password hidden, for messages.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an address that does not parse)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "***")
	}
	return strings.Replace(u.String(), ":%2A%2A%2A@", ":***@", 1)
}

// Source is a NukeViet database opened for reading, its tables checked.
type Source struct {
	DB       *sql.DB
	Name     string // the database
	Prefix   string // "nv4"
	Lang     string // "vi"
	Module   string // the news module's name in addresses (nv=news)
	Upload   string // the news module's folder under uploads/ ("news")
	Redacted string // the address, password hidden

	has map[string]bool // the optional tables and columns present
}

// table returns the full name of one of the news module's tables.
func (s *Source) table(name string) string { return s.Prefix + "_" + s.Lang + "_news_" + name }

// comments is the comment module's table of the language.
func (s *Source) comments() string { return s.Prefix + "_" + s.Lang + "_comment" }

// Open connects to the database at rawURL and checks that it holds the news
// module of prefix and lang. A database that is not NukeViet's, or a wrong
// prefix, is refused with what the database does hold.
func Open(ctx context.Context, rawURL, prefix, lang string) (*Source, error) {
	if !regexp.MustCompile(`^[A-Za-z0-9_]{1,40}$`).MatchString(prefix) || !regexp.MustCompile(`^[a-z]{2}$`).MatchString(lang) {
		return nil, fmt.Errorf("--prefix %q, --lang %q: want a table prefix such as nv4 and a language code such as vi", prefix, lang)
	}
	cfg, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	conn, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, err
	}
	s := &Source{DB: sql.OpenDB(conn), Name: cfg.DBName, Prefix: prefix, Lang: lang, Module: "news", Upload: "news",
		Redacted: Redact(rawURL)}
	s.DB.SetMaxOpenConns(4)
	if err := s.check(ctx); err != nil {
		s.DB.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the connection.
func (s *Source) Close() error { return s.DB.Close() }

// required are the news module's tables without which there is nothing to read.
var required = []string{"cat", "rows", "detail"}

// check reads the names of the tables and finds the news module's.
func (s *Source) check(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	tables, err := s.tables(ctx)
	var netErr *net.OpError
	if errors.As(err, &netErr) {
		return fmt.Errorf("%s: cannot connect: %w", s.Redacted, err)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", s.Redacted, err)
	}
	var missing []string
	for _, t := range required {
		if !tables[s.table(t)] {
			missing = append(missing, s.table(t))
		}
	}
	if len(missing) > 0 {
		return s.notNews(tables, missing)
	}
	s.has = map[string]bool{}
	for _, t := range []string{"sources", "tags", "tags_id", "authorlist"} {
		s.has[t] = tables[s.table(t)]
	}
	s.has["comment"] = tables[s.comments()]
	if err := s.columns(ctx); err != nil {
		return err
	}
	if tables[s.Prefix+"_"+s.Lang+"_modules"] {
		return s.moduleNames(ctx)
	}
	return nil
}

func (s *Source) tables(ctx context.Context) (map[string]bool, error) {
	rows, err := s.DB.QueryContext(ctx, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")
	if err != nil {
		var me *mysql.MySQLError
		switch {
		case errors.As(err, &me) && me.Number == 1049:
			return nil, fmt.Errorf("no database %q on that server", s.Name)
		case errors.As(err, &me) && me.Number == 1044:
			return nil, fmt.Errorf("the user may not read database %q, or there is none of that name: %w", s.Name, err)
		}
		return nil, err
	}
	defer rows.Close()
	names := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names[n] = true
	}
	return names, rows.Err()
}

// newsRows finds the news modules' row tables: PREFIX_LANG_news_rows.
var newsRows = regexp.MustCompile(`^(.+)_([a-z]{2})_news_rows$`)

// notNews explains why the database cannot be read: another prefix or
// language holds the news module, or it is no NukeViet database at all.
func (s *Source) notNews(tables map[string]bool, missing []string) error {
	var found []string
	for t := range tables {
		if m := newsRows.FindStringSubmatch(t); m != nil {
			found = append(found, fmt.Sprintf("--prefix %s --lang %s", m[1], m[2]))
		}
	}
	slices.Sort(found)
	what := fmt.Sprintf("database %q has no table %s", s.Name, strings.Join(missing, ", "))
	if len(found) > 0 {
		return fmt.Errorf("%s: wrong prefix or language? The NukeViet news tables there are for: %s", what, strings.Join(found, "; "))
	}
	names := make([]string, 0, len(tables))
	for t := range tables {
		names = append(names, t)
	}
	slices.Sort(names)
	if len(names) > 8 {
		names = append(names[:8], fmt.Sprintf("… %d in all", len(tables)))
	}
	if len(names) == 0 {
		names = []string{"no tables at all"}
	}
	return fmt.Errorf("%s: it is not a NukeViet 4 database (no table named PREFIX_LANG_news_rows; it holds %s)", what, strings.Join(names, ", "))
}

// columns notes the columns older NukeViet 4 releases lack: the
// categories' status (4.3 and later), the tags' title (4.4 and later).
func (s *Source) columns(ctx context.Context) error {
	rows, err := s.DB.QueryContext(ctx, `SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS
		WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?, ?)`, s.table("cat"), s.table("tags"))
	if err != nil {
		return fmt.Errorf("%s: reading columns: %w", s.Redacted, err)
	}
	defer rows.Close()
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			return err
		}
		s.has[strings.TrimPrefix(t, s.Prefix+"_"+s.Lang+"_news_")+"."+c] = true
	}
	return rows.Err()
}

// moduleNames reads the news module's name in addresses and its uploads
// folder from the language's module list.
func (s *Source) moduleNames(ctx context.Context) error {
	err := s.DB.QueryRowContext(ctx, "SELECT title, module_upload FROM "+s.Prefix+"_"+s.Lang+
		"_modules WHERE module_data = 'news' ORDER BY module_file = 'news' DESC, title LIMIT 1").Scan(&s.Module, &s.Upload)
	if errors.Is(err, sql.ErrNoRows) {
		s.Module, s.Upload = "news", "news"
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: reading %s_%s_modules: %w", s.Redacted, s.Prefix, s.Lang, err)
	}
	if s.Upload == "" {
		s.Upload = "news"
	}
	return nil
}
