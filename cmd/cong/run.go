package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"cong/internal/audio"
	"cong/internal/config"
	"cong/internal/counter"
	"cong/internal/demo"
	"cong/internal/mail"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/purge"
	"cong/internal/schedule"
	"cong/internal/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// commands are cong's subcommands, in the order the usage lists them. run
// refuses any other, and a test checks that the README lists them all.
var commands = []struct{ name, help string }{
	{"serve", "run the portal (the default)"},
	{"migrate", "bring the database schema up to date; --status lists the migrations applied and pending, changing nothing"},
	{"check", "check the database's integrity and the audit log's chain: \"ok\" or the problems found"},
	{"reindex", "rebuild the search index from the articles"},
	{"fix-encoding", "convert text typed in TCVN3 or VNI to Unicode; --dry-run lists what would change"},
	{"demo", "add demo content; --articles N adds N generated articles"},
	{"user add", "add a member of staff: --name NAME --role ROLE [--password P]"},
	{"site list", "list the sites this install serves by host name"},
	{"site add", "add a site served by host name (a district's portal): --name NAME --url https://HOST [--slug SLUG]"},
	{"member import", "add or update members (đảng viên) and their groups from a CSV: FILE.csv --passwords OUT.csv [--dry-run]"},
	{"audit verify", "check the audit log's chain with its key: \"ok, N entries\" or the first entry changed"},
	{"backup", "write an archive of every table and media file while the portal runs: --to FILE"},
	{"backup verify", "check an archive whole without restoring it: FILE"},
	{"restore", "restore an archive into an empty database of either engine: FILE [--force]"},
	{"media migrate", "copy the media folder DATA/media into a bucket, skipping what is there already: --to s3://BUCKET?endpoint=HOST:PORT&region=R"},
	{"import wordpress", "import a WordPress export: FILE.xml [--uploads DIR] [--dry-run] [--report FILE]"},
	{"import nukeviet", "read a NukeViet 4 site: --from mysql://USER:PASS@HOST/DB [--prefix nv4] [--lang vi] [--uploads DIR]"},
	{"import pages", "import articles from pages saved with wget -m: DIR --rules FILE|NAME [--dry-run] [--report FILE]"},
	{"config", "print the settings, secrets hidden"},
	{"version", "print the version"},
}

// usage is the help text, its command list built from commands.
var usage = func() string {
	var b strings.Builder
	b.WriteString("cong — cổng thông tin điện tử\n\nUsage: cong [command] [flags]\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-17s %s\n", c.name, c.help)
	}
	b.WriteString("\nRun \"cong serve -h\" for the flags, which every command takes.\n")
	return b.String()
}()

// isCommand reports whether name is the first word of one of commands.
func isCommand(name string) bool {
	for _, c := range commands {
		if first, _, _ := strings.Cut(c.name, " "); first == name {
			return true
		}
	}
	return false
}

// run is the whole program, with its environment passed in so tests can
// drive it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch {
	case cmd == "help":
		fmt.Fprint(stdout, usage)
		return nil
	case !isCommand(cmd):
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	case cmd == "user":
		return runUser(ctx, args, getenv, stdout, stderr)
	case cmd == "site":
		return runSite(ctx, args, getenv, stdout, stderr)
	case cmd == "member":
		return runMember(ctx, args, getenv, stdout, stderr)
	case cmd == "audit":
		return runAudit(ctx, args, getenv, stdout, stderr)
	case cmd == "backup":
		return runBackup(ctx, args, getenv, stdout, stderr)
	case cmd == "restore":
		return runRestore(ctx, args, getenv, stdout, stderr)
	case cmd == "import":
		return runImport(ctx, args, getenv, stdout, stderr)
	case cmd == "media":
		return runMedia(ctx, args, getenv, stdout, stderr)
	}
	var extra []func(*flag.FlagSet)
	var seed uint64
	var dryRun, status bool
	switch cmd {
	case "migrate":
		extra = append(extra, func(fs *flag.FlagSet) {
			fs.BoolVar(&status, "status", false, "cong migrate: list the migrations applied and pending, and apply none")
		})
	case "demo":
		extra = append(extra, func(fs *flag.FlagSet) {
			fs.Uint64Var(&seed, "seed", 0, "cong demo: seed for the generated articles, for the same ones again (default: from the clock)")
		})
	case "fix-encoding":
		extra = append(extra, func(fs *flag.FlagSet) {
			fs.BoolVar(&dryRun, "dry-run", false, "cong fix-encoding: list what would be converted and write nothing")
		})
	}
	cfg, err := config.Parse("cong "+cmd, args, getenv, stderr, extra...)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	log := newLogger(cfg, stderr)
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, "cong", version)
		return nil
	case "config":
		fmt.Fprint(stdout, cfg)
		return nil
	case "fix-encoding":
		return runFixEncoding(ctx, cfg, dryRun, stdout, stderr)
	case "check":
		return runCheck(ctx, cfg, stdout, stderr)
	case "migrate":
		if status {
			return runMigrateStatus(ctx, cfg, stdout)
		}
	case "serve":
		if err := quickCheck(ctx, cfg, log); err != nil {
			return err
		}
	}
	files, err := openMedia(cfg)
	if err != nil {
		return err
	}
	if cmd == "serve" {
		if err := checkMedia(ctx, files); err != nil {
			return err
		}
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	switch cmd {
	case "migrate":
		names, err := db.Migrations(ctx)
		fmt.Fprintf(stdout, "%s: %d migrations applied\n", store.Redact(cfg.DB), len(names))
		return err
	case "reindex":
		start := time.Now()
		if err := db.Reindex(ctx, portal.System("cong reindex")); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		n, err := db.CountArticles(ctx, portal.ArticleFilter{})
		fmt.Fprintf(stdout, "search index rebuilt from %d articles in %s\n", n, time.Since(start).Round(time.Millisecond))
		return err
	case "demo":
		return runDemo(ctx, cfg, db, files, seed, stdout)
	}
	return serve(ctx, cfg, db, files, log)
}

func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openDB opens and migrates the database, naming it in any error.
func openDB(ctx context.Context, cfg *config.Config) (*store.DB, error) {
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate database %s: %w", store.Redact(cfg.DB), err)
	}
	key, err := store.LoadAuditKey(cfg.AuditKeyFile)
	if err != nil {
		db.Close()
		return nil, err
	}
	db.SetAuditKey(key)
	if err := db.SealAudit(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("audit log: %w", err)
	}
	return db, nil
}

// runDemo adds the demo content; seed, when not 0, makes the generated
// articles the same from one run to the next (their times follow the clock).
func runDemo(ctx context.Context, cfg *config.Config, db *store.DB, files media.Storage, seed uint64, stdout io.Writer) error {
	start := time.Now()
	if cfg.Articles == 0 {
		seeded, err := demo.SeedIn(ctx, db, files, time.Now())
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		if !seeded {
			fmt.Fprintln(stdout, "the database already has articles; nothing added")
		}
		return nil
	}
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	rnd := rand.New(rand.NewPCG(seed, 1))
	if err := demo.GenerateIn(ctx, db, files, cfg.Articles, time.Now(), rnd); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	n, err := db.CountArticles(ctx, portal.ArticleFilter{})
	fmt.Fprintf(stdout, "added %d articles in %s; %d in all\n", cfg.Articles, time.Since(start).Round(time.Millisecond), n)
	return err
}

// serve runs the portal until ctx ends, then shuts down gracefully: it stops
// taking connections, answers the requests in flight and those already sent
// on kept-alive connections, for at most --shutdown-timeout, and flushes the
// counters (see stopper).
func serve(ctx context.Context, cfg *config.Config, db *store.DB, files media.Storage, log *slog.Logger) error {
	if err := db.AddReplicas(ctx, cfg.Replicas, cfg.ReplicaMaxLag, log); err != nil {
		return err
	}
	if cfg.Demo {
		var seeded bool
		// Instances starting together on one empty database seed it once.
		err := db.Exclusive(ctx, "demo.seed", func() (err error) {
			seeded, err = demo.SeedIn(ctx, db, files, time.Now())
			return err
		})
		if err != nil {
			return fmt.Errorf("demo content: %w", err)
		}
		if seeded {
			log.Info("empty database filled with demo content")
		}
	}
	// Bylines saved before pen names existed get theirs.
	if n, err := db.NamePenNames(ctx, portal.System("bút danh")); err != nil {
		return fmt.Errorf("pen names: %w", err)
	} else if n > 0 {
		log.Info("bylines given pen names", "bylines", n)
	}
	backups, err := newBackups(cfg, db, files, log)
	if err != nil {
		return err
	}
	counters := counter.New(db, cfg.ViewWindow, cfg.OnlineWindow, log)
	if err := counters.Visits.Load(ctx, time.Now()); err != nil {
		return fmt.Errorf("load visit counts: %w", err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	base := cfg.BaseURL
	if base == "" {
		base = listenURL(ln.Addr())
		log.Warn("no --base-url: absolute links (canonical, feeds, sitemaps, sharing) use the listen address; "+
			"a public deployment must set --base-url (CONG_BASE_URL) to its public address", "base_url", base)
	}
	m := newMetrics(cfg, db, counters)
	var purger *purge.Purger
	if cfg.PurgeURL != "" {
		purger = purge.New(cfg.PurgeURL, log)
	}
	sites, err := newSites(ctx, cfg, base, db, files, counters, log, m, purger)
	if err != nil {
		ln.Close()
		return err
	}
	stopMetrics, err := serveMetrics(cfg.MetricsAddr, m, log)
	if err != nil {
		ln.Close()
		return err
	}
	defer stopMetrics()
	srv := newServer(sites.handler, log)
	stop := newStopper(srv, ln, log)
	countCtx, stopCounting := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	wg.Go(func() { counters.Run(countCtx, cfg.FlushInterval) })
	clock := &schedule.Clock{Store: db, Lock: db.Exclusive, Now: time.Now, Log: log}
	if m != nil {
		m.WatchClock(clock.Counts)
		// Read from the database, so a backup another instance or
		// `cong backup` took shows too.
		m.WatchBackups(func() (time.Time, int64) {
			at, size, err := db.LastBackup(context.WithoutCancel(ctx))
			if err != nil {
				return time.Time{}, 0
			}
			return at, size
		})
	}
	wg.Go(func() { clock.Run(countCtx) })
	wg.Go(func() { sites.run(countCtx, sitesReload) })
	if purger != nil {
		wg.Go(func() { purger.Run(countCtx) })
	}
	if sender := mailSender(cfg, db, log); sender != nil {
		wg.Go(func() { sender.Run(countCtx) })
	}
	if maker := audioMaker(cfg, db, files, log); maker != nil {
		wg.Go(func() { maker.Run(countCtx) })
	}
	if backups != nil {
		wg.Go(func() { backups.Run(countCtx) })
	}
	log.Info("serving", "url", "http://"+ln.Addr().String(), "db", store.Redact(cfg.DB), "engine", db.Engine())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err = <-errc:
	case <-ctx.Done():
		log.Info("shutting down", "shutdown_timeout", cfg.ShutdownTimeout)
		err = stop.stop(cfg.ShutdownTimeout)
	}
	stopCounting()
	wg.Wait()
	log.Info("stopped")
	return err
}

// mailSender is the worker that sends the mail queue (readers' contact
// messages) through --smtp-url; nil without one, when mail waits queued.
func mailSender(cfg *config.Config, db *store.DB, log *slog.Logger) *mail.Worker {
	if cfg.SMTP == nil {
		log.Info("no --smtp-url: contact messages are saved and their mail waits in the queue")
		return nil
	}
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Hostname() != "" {
		cfg.SMTP.HelloName = u.Hostname()
	}
	log.Info("sending mail", "smtp", mail.Redact(cfg.SMTPURL))
	return &mail.Worker{Queue: db, Send: cfg.SMTP.Send, Log: log}
}

// audioMaker is the worker that makes the articles' audio ("Nghe đọc
// bài"); nil when --audio-workers is 0, or when espeak-ng or lame is
// missing, which it says: the articles' pages then show no player.
func audioMaker(cfg *config.Config, db *store.DB, files media.Storage, log *slog.Logger) *audio.Worker {
	g := audio.New(cfg.Espeak, cfg.Lame)
	if err := g.Available(); err != nil {
		log.Warn("thiếu chương trình đọc bài (apt-get install espeak-ng lame): bài viết không có bản nghe đọc; "+
			"no espeak-ng or lame: articles get no audio and no player", "err", err)
		return nil
	}
	if cfg.AudioWorkers == 0 {
		log.Info("--audio-workers 0: this instance makes no audio; articles' audio waits queued")
		return nil
	}
	return &audio.Worker{Speaker: g, Queue: db, Files: files, Log: log, Workers: cfg.AudioWorkers}
}

// maxHeaderBytes is the most a request's line and headers may take. Go lets
// a server read MaxHeaderBytes plus 4 KB of slack before it answers 431, so
// the server is given the cap less that slack.
const maxHeaderBytes = 64 << 10

// newServer is the HTTP server: bounded headers, and timeouts so that slow or
// idle clients cannot hold connections open.
func newServer(handler http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    maxHeaderBytes - 4096,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// listenURL is the address the server listens on as a base URL, for when
// none is configured: "http://127.0.0.1:8080", or "http://localhost:8080"
// when it listens on every interface.
func listenURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// audioReader gives the articles' pages their audio, nil (no player)
// when the programs that make it are missing.
func audioReader(cfg *config.Config, db *store.DB) portal.AudioReader {
	if audio.New(cfg.Espeak, cfg.Lame).Available() != nil {
		return nil
	}
	return db
}
