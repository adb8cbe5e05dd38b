// Package config reads Cổng's settings from command-line flags and CONG_*
// environment variables (flags win), checks them, and prints them with
// secrets hidden.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"cong/internal/clientip"
	"cong/internal/mail"
	"cong/internal/media"
	"cong/internal/store"
)

// Config is every setting of the cong command. Every subcommand takes all
// of them.
type Config struct {
	Addr string
	DB   string // a SQLite file path or a postgres:// URL
	// Replicas are PostgreSQL standbys of DB that reader pages read from;
	// ReplicaMaxLag is the lag beyond which one is left out.
	Replicas      []string
	ReplicaMaxLag time.Duration
	Data          string // uploads, and the default SQLite file
	// AuditKeyFile holds the key of the audit chain, outside the database.
	AuditKeyFile  string
	Demo          bool // fill an empty database with demo content on start
	Articles      int  // for `cong demo`: how many articles to generate
	ViewWindow    time.Duration
	OnlineWindow  time.Duration
	FlushInterval time.Duration
	CacheTTL      time.Duration
	CacheMB       int
	SessionIdle   time.Duration
	BaseURL       string
	// TrustedProxies are the load balancers whose X-Forwarded-For is believed.
	TrustedProxies string
	LogLevel       string
	LogFormat      string
	// MetricsAddr is where Prometheus metrics are served; empty: nowhere.
	MetricsAddr string
	LogRequests bool // one log line per request
	// BackupDir, when set, makes serve take a backup there every BackupEvery
	// and keep the newest BackupKeep.
	BackupDir   string
	BackupEvery time.Duration
	BackupKeep  int
	// ShutdownTimeout bounds how long a stop waits for requests in flight.
	ShutdownTimeout time.Duration
	// SharedCacheTTL, when positive, lets a CDN or a proxy cache keep reader
	// pages, feeds and sitemaps this long (s-maxage); views are then counted
	// by a beacon. Zero: pages are for browsers only, as before.
	SharedCacheTTL time.Duration
	// SharedCacheStale is how long a shared cache may serve a page it holds
	// while Cổng answers errors or not at all (stale-if-error).
	SharedCacheStale time.Duration
	// PurgeURL, when set, is sent a PURGE request per changed path after
	// every change readers may see.
	PurgeURL string
	// Media is where uploads live: empty for the folder DATA/media, or
	// s3://BUCKET[/PREFIX]?endpoint=HOST:PORT&region=R[&secure=false].
	Media string
	// S3KeysFile holds the S3 access and secret keys (see readS3Keys).
	S3KeysFile string
	// S3 is Media parsed, with its keys; nil for the local folder.
	S3 *media.S3Config
	// SMTPURL is the mail server that carries readers' contact messages to
	// the departments: smtp://USER:PASSWORD@HOST:PORT?from=ADDRESS (see
	// mail.ParseURL); empty: messages wait in the queue, unsent.
	SMTPURL string
	// SMTP is SMTPURL parsed; nil when it is empty.
	SMTP *mail.Config
	// Espeak and Lame are the programs that read articles aloud and encode
	// the sound ("Nghe đọc bài"), names looked up in PATH or paths.
	Espeak, Lame string
	// AudioWorkers is how many audios serve makes at once; 0: none.
	AudioWorkers int
}

// MediaDir is where uploaded files live.
func (c *Config) MediaDir() string { return filepath.Join(c.Data, "media") }

// Parse reads flags from args (after the subcommand) over defaults taken
// from the environment. Usage and errors go to out. extra registers the
// flags of one subcommand beside the common ones.
func Parse(name string, args []string, getenv func(string) string, out io.Writer, extra ...func(*flag.FlagSet)) (*Config, error) {
	c := &Config{}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	var envErrs []error
	replicaFlagSeen := false
	str := func(p *string, flagName, def, usage string) {
		fs.StringVar(p, flagName, envOr(getenv, flagName, def), usage+" ("+envName(flagName)+")")
	}
	dur := func(p *time.Duration, flagName string, def time.Duration, usage string) {
		v, err := parseEnv(getenv, flagName, def, time.ParseDuration)
		envErrs = append(envErrs, err)
		fs.DurationVar(p, flagName, v, usage+" ("+envName(flagName)+")")
	}
	num := func(p *int, flagName string, def int, usage string) {
		v, err := parseEnv(getenv, flagName, def, strconv.Atoi)
		envErrs = append(envErrs, err)
		fs.IntVar(p, flagName, v, usage+" ("+envName(flagName)+")")
	}
	str(&c.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	str(&c.DB, "db", "", "SQLite file or postgres:// URL (default DATA/cong.db)")
	c.Replicas = replicaList(getenv(envName("db-replica")))
	fs.Func("db-replica", "a PostgreSQL standby of --db that reader pages read from; repeat for several ("+envName("db-replica")+": several, separated by commas or spaces)", func(v string) error {
		if !replicaFlagSeen {
			c.Replicas, replicaFlagSeen = nil, true // flags replace the environment's list
		}
		c.Replicas = append(c.Replicas, replicaList(v)...)
		return nil
	})
	dur(&c.ReplicaMaxLag, "replica-max-lag", 5*time.Second, "a replica further behind the primary than this is left out until it catches up")
	str(&c.Data, "data", "./data", "folder for uploads and the default SQLite file")
	str(&c.AuditKeyFile, "audit-key-file", "", "key of the audit log's chain, made on first start when missing; every instance needs the same (default DATA/audit.key)")
	str(&c.TrustedProxies, "trusted-proxies", "", "load balancers (IPs or CIDRs, comma-separated) whose X-Forwarded-For to believe")
	str(&c.BaseURL, "base-url", "", "the portal's public address for absolute links, e.g. https://haugiang.dcs.vn; set it in public deployments (default: the listen address)")
	demo, err := parseEnv(getenv, "demo", true, strconv.ParseBool)
	envErrs = append(envErrs, err)
	fs.BoolVar(&c.Demo, "demo", demo, "fill an empty database with demo content ("+envName("demo")+")")
	num(&c.Articles, "articles", 0, "cong demo: how many demo articles to add")
	dur(&c.ViewWindow, "view-window", 30*time.Minute, "a visitor's views of an article count once per this window")
	dur(&c.OnlineWindow, "online-window", 20*time.Minute, "a visitor counts as online this long after a page view")
	dur(&c.FlushInterval, "flush-interval", 5*time.Second, "how often counters are written to the database")
	dur(&c.CacheTTL, "cache-ttl", 30*time.Second, "how long a rendered reader page is served from memory")
	num(&c.CacheMB, "cache-mb", 64, "memory for rendered pages, in MB")
	dur(&c.SessionIdle, "session-idle", 15*time.Minute, "a staff session ends after this long without a request")
	dur(&c.ShutdownTimeout, "shutdown-timeout", 15*time.Second, "on SIGTERM, how long requests in flight may take before they are cut off")
	str(&c.LogLevel, "log-level", "info", "debug, info, warn or error")
	str(&c.LogFormat, "log-format", "text", "text or json")
	str(&c.MetricsAddr, "metrics-addr", "", "address to serve Prometheus metrics on, at /metrics, e.g. 127.0.0.1:9090 (default: none)")
	logRequests, err := parseEnv(getenv, "log-requests", true, strconv.ParseBool)
	envErrs = append(envErrs, err)
	fs.BoolVar(&c.LogRequests, "log-requests", logRequests, "log one line per request at info level ("+envName("log-requests")+")")
	str(&c.BackupDir, "backup-dir", "", "cong serve: take scheduled backups into this folder (default: none)")
	dur(&c.BackupEvery, "backup-every", 24*time.Hour, "cong serve: how often to take a scheduled backup")
	num(&c.BackupKeep, "backup-keep", 14, "cong serve: how many scheduled backups to keep")
	dur(&c.SharedCacheTTL, "shared-cache-ttl", 0, "let a CDN or proxy cache keep reader pages this long (s-maxage); views are then counted by a beacon (default 0: off)")
	dur(&c.SharedCacheStale, "shared-cache-stale", 24*time.Hour, "with --shared-cache-ttl: how long the cache may serve a kept page while Cổng fails (stale-if-error)")
	str(&c.PurgeURL, "purge-url", "", "after each change readers see, send PURGE URL+path for every changed page, e.g. http://127.0.0.1:8081 (default: none)")
	str(&c.Media, "media", "", "where uploads are stored: s3://BUCKET[/PREFIX]?endpoint=HOST:PORT&region=R[&secure=false] for S3-compatible storage (default: the folder DATA/media)")
	str(&c.S3KeysFile, "s3-keys-file", "", "file with the S3 access key and secret key (default: CONG_S3_ACCESS_KEY and CONG_S3_SECRET_KEY, else AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)")
	str(&c.SMTPURL, "smtp-url", "", "mail server for the contact page's messages, smtp://USER:PASSWORD@HOST:587?from=ADDRESS[&from_name=NAME][&starttls=optional|off] or smtps://…; STARTTLS is required unless starttls says otherwise; prefer the variable, which ps does not show (default: none, messages wait unsent)")
	str(&c.Espeak, "espeak", "espeak-ng", "cong serve: the espeak-ng program that reads articles aloud in Vietnamese (Debian: espeak-ng); missing: no audio")
	str(&c.Lame, "lame", "lame", "cong serve: the lame program that encodes the audio as MP3 (Debian: lame); missing: no audio")
	num(&c.AudioWorkers, "audio-workers", 1, "cong serve: how many articles' audio to make at once (0: none)")
	for _, register := range extra {
		register(fs)
	}
	if err := errors.Join(envErrs...); err != nil {
		return nil, err
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if c.DB == "" {
		c.DB = filepath.Join(c.Data, "cong.db")
	}
	if c.AuditKeyFile == "" {
		c.AuditKeyFile = filepath.Join(c.Data, "audit.key")
	}
	if err := c.parseMedia(getenv); err != nil {
		return nil, err
	}
	if c.SMTPURL != "" {
		if c.SMTP, err = mail.ParseURL(c.SMTPURL); err != nil {
			return nil, fmt.Errorf("--smtp-url %q: %w", mail.Redact(c.SMTPURL), err)
		}
	}
	return c, c.Validate()
}

// Validate checks that the settings make sense together.
func (c *Config) Validate() error {
	var errs []error
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		errs = append(errs, fmt.Errorf("--addr %q: want host:port", c.Addr))
	}
	if c.BaseURL != "" {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" && u.Path != "/" {
			errs = append(errs, fmt.Errorf("--base-url %q: want http(s)://host", c.BaseURL))
		}
	}
	if c.MetricsAddr != "" {
		if _, port, err := net.SplitHostPort(c.MetricsAddr); err != nil || port == "" {
			errs = append(errs, fmt.Errorf("--metrics-addr %q: want host:port", c.MetricsAddr))
		} else if c.MetricsAddr == c.Addr {
			errs = append(errs, fmt.Errorf("--metrics-addr %q: must differ from --addr", c.MetricsAddr))
		}
	}
	if _, err := clientip.New(strings.Split(c.TrustedProxies, ",")); err != nil {
		errs = append(errs, fmt.Errorf("--trusted-proxies: %w", err))
	}
	if strings.TrimSpace(c.Data) == "" {
		errs = append(errs, errors.New("--data must name a folder"))
	}
	if strings.HasPrefix(c.DB, "postgres") && !store.IsPostgres(c.DB) {
		errs = append(errs, fmt.Errorf("--db %q: a PostgreSQL URL starts with postgres://", store.Redact(c.DB)))
	}
	if len(c.Replicas) > 0 && !store.IsPostgres(c.DB) {
		errs = append(errs, errors.New("--db-replica: read replicas need a PostgreSQL --db (postgres://…); SQLite has none"))
	}
	for _, r := range c.Replicas {
		if !store.IsPostgres(r) {
			errs = append(errs, fmt.Errorf("--db-replica %q: want a postgres:// URL", store.Redact(r)))
		}
	}
	positive := map[string]time.Duration{"--replica-max-lag": c.ReplicaMaxLag, "--view-window": c.ViewWindow, "--online-window": c.OnlineWindow,
		"--flush-interval": c.FlushInterval, "--cache-ttl": c.CacheTTL, "--session-idle": c.SessionIdle,
		"--shutdown-timeout": c.ShutdownTimeout}
	for name, d := range positive {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("%s must be positive, not %s", name, d))
		}
	}
	if c.SharedCacheTTL < 0 || c.SharedCacheStale < 0 {
		errs = append(errs, errors.New("--shared-cache-ttl and --shared-cache-stale must not be negative"))
	}
	// A kept page's comment form must stay good to send (its token lives
	// 6 hours): the cache keeps a page twice the TTL at most while Cổng answers.
	if c.SharedCacheTTL > time.Hour {
		errs = append(errs, fmt.Errorf("--shared-cache-ttl %s: want at most 1h", c.SharedCacheTTL))
	}
	if c.PurgeURL != "" {
		if u, err := url.Parse(c.PurgeURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
			errs = append(errs, fmt.Errorf("--purge-url %q: want http(s)://host[:port][/prefix]", c.PurgeURL))
		}
	}
	if c.OnlineWindow < time.Minute {
		errs = append(errs, errors.New("--online-window must be at least 1m"))
	}
	if c.CacheMB < 1 || c.CacheMB > 64<<10 {
		errs = append(errs, fmt.Errorf("--cache-mb %d: want 1 to 65536", c.CacheMB))
	}
	if c.Articles < 0 || c.Articles > 10_000_000 {
		errs = append(errs, fmt.Errorf("--articles %d: want 0 to 10000000", c.Articles))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("--log-level %q: want debug, info, warn or error", c.LogLevel))
	}
	if c.BackupEvery < time.Minute {
		errs = append(errs, fmt.Errorf("--backup-every %s: want at least 1m", c.BackupEvery))
	}
	if c.BackupKeep < 1 {
		errs = append(errs, fmt.Errorf("--backup-keep %d: want at least 1", c.BackupKeep))
	}
	if c.AudioWorkers < 0 || c.AudioWorkers > 8 {
		errs = append(errs, fmt.Errorf("--audio-workers %d: want 0 to 8", c.AudioWorkers))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("--log-format %q: want text or json", c.LogFormat))
	}
	return errors.Join(errs...)
}

// String prints the settings one per line, the passwords of the database
// and the mail server and the S3 secret key hidden.
func (c *Config) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "addr=%s\ndb=%s\ndata=%s\nbase-url=%s\ndemo=%t\narticles=%d\n", c.Addr, store.Redact(c.DB), c.Data,
		c.BaseURL, c.Demo, c.Articles)
	fmt.Fprintf(&b, "audit-key-file=%s\n", c.AuditKeyFile)
	for _, r := range c.Replicas {
		fmt.Fprintf(&b, "db-replica=%s\n", store.Redact(r))
	}
	fmt.Fprintf(&b, "replica-max-lag=%s\n", c.ReplicaMaxLag)
	fmt.Fprintf(&b, "view-window=%s\nonline-window=%s\nflush-interval=%s\n", c.ViewWindow, c.OnlineWindow, c.FlushInterval)
	fmt.Fprintf(&b, "trusted-proxies=%s\n", c.TrustedProxies)
	fmt.Fprintf(&b, "cache-ttl=%s\ncache-mb=%d\nsession-idle=%s\n", c.CacheTTL, c.CacheMB, c.SessionIdle)
	fmt.Fprintf(&b, "log-level=%s\nlog-format=%s\nlog-requests=%t\n", c.LogLevel, c.LogFormat, c.LogRequests)
	fmt.Fprintf(&b, "metrics-addr=%s\n", c.MetricsAddr)
	fmt.Fprintf(&b, "backup-dir=%s\nbackup-every=%s\nbackup-keep=%d\n", c.BackupDir, c.BackupEvery, c.BackupKeep)
	fmt.Fprintf(&b, "shutdown-timeout=%s\n", c.ShutdownTimeout)
	fmt.Fprintf(&b, "shared-cache-ttl=%s\nshared-cache-stale=%s\npurge-url=%s\n", c.SharedCacheTTL, c.SharedCacheStale, c.PurgeURL)
	fmt.Fprintf(&b, "media=%s\ns3-keys-file=%s\n", c.Media, c.S3KeysFile)
	if c.S3 != nil {
		secret := ""
		if c.S3.SecretKey != "" {
			secret = "xxxxx"
		}
		fmt.Fprintf(&b, "s3-access-key=%s\ns3-secret-key=%s\n", c.S3.AccessKey, secret)
	}
	smtp := ""
	if c.SMTPURL != "" {
		smtp = mail.Redact(c.SMTPURL)
	}
	fmt.Fprintf(&b, "smtp-url=%s\n", smtp)
	fmt.Fprintf(&b, "espeak=%s\nlame=%s\naudio-workers=%d\n", c.Espeak, c.Lame, c.AudioWorkers)
	return b.String()
}

// replicaList splits a list of replica URLs separated by commas or spaces
// (a URL holds neither).
func replicaList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
}

func envName(flagName string) string {
	return "CONG_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

func envOr(getenv func(string) string, flagName, def string) string {
	if v := getenv(envName(flagName)); v != "" {
		return v
	}
	return def
}

func parseEnv[T any](getenv func(string) string, flagName string, def T, parse func(string) (T, error)) (T, error) {
	s := getenv(envName(flagName))
	if s == "" {
		return def, nil
	}
	v, err := parse(s)
	if err != nil {
		return def, fmt.Errorf("%s=%q: not a valid value", envName(flagName), s)
	}
	return v, nil
}
