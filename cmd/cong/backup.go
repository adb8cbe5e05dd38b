package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"cong/internal/backup"
	"cong/internal/config"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/store"
)

// errArchiveBad makes `cong backup verify` exit with a failure after its
// report.
var errArchiveBad = errors.New("the archive cannot be restored")

// runBackup runs `cong backup --to FILE` and `cong backup verify FILE`.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "verify" {
		return runVerify(ctx, args[1:], getenv, stdout, stderr)
	}
	var to string
	cfg, err := config.Parse("cong backup", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&to, "to", "", "cong backup: the archive to write (a .zip)")
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	if to == "" {
		return errors.New("usage: cong backup --to FILE")
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	key, err := store.LoadAuditKey(cfg.AuditKeyFile)
	if err != nil {
		return err
	}
	start := time.Now()
	snap, err := db.Snapshot(ctx)
	if err != nil {
		return err
	}
	defer snap.Close()
	files, err := openMedia(cfg)
	if err != nil {
		return err
	}
	m, size, err := backup.Write(ctx, to, snap, backup.Options{Media: files, Key: key, Version: version,
		Now: start, Progress: backup.NewProgress("backup", stderr)})
	if err != nil {
		return err
	}
	abs, _ := filepath.Abs(to)
	if err := db.RecordBackup(ctx, portal.System("cong backup"), portal.Backup{At: start, Size: size, File: abs}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d tables, %d rows, %d media files (%s), %s in %s\n", to, len(m.Tables), m.Rows(),
		len(m.Media), backup.Size(m.MediaBytes()), backup.Size(size), time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(stdout, "keep the audit key (%s) with the backups, but not in the same place: restoring needs it\n", cfg.AuditKeyFile)
	return nil
}

// fileArg takes the FILE that comes first in args.
func fileArg(args []string, usage string) (string, []string, error) {
	if len(args) > 0 && args[0] == "-h" || len(args) > 0 && args[0] == "--help" {
		return "", args, nil
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return "", nil, errors.New("usage: " + usage)
	}
	return args[0], args[1:], nil
}

// openArchive opens and checks the archive with the audit key, when the key
// file is there (never making one). It reports whether the seal was
// checked.
func openArchive(ctx context.Context, file string, cfg *config.Config, stderr io.Writer) (*backup.Archive, bool, error) {
	var key []byte
	if _, err := os.Stat(cfg.AuditKeyFile); err == nil {
		if key, err = store.LoadAuditKey(cfg.AuditKeyFile); err != nil {
			return nil, false, err
		}
	}
	a, err := backup.Open(file)
	if err != nil {
		return nil, false, err
	}
	if err := a.Verify(ctx, key, backup.NewProgress("check", stderr)); err != nil {
		a.Close()
		return nil, false, fmt.Errorf("%s: %w", file, err)
	}
	return a, key != nil, nil
}

// runVerify runs `cong backup verify FILE`: it checks the archive whole
// without restoring it and prints what it holds and "ok", or what is wrong.
func runVerify(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	file, args, err := fileArg(args, "cong backup verify FILE [--audit-key-file KEY]")
	if err != nil {
		return err
	}
	cfg, err := config.Parse("cong backup verify", args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	a, sealed, err := openArchive(ctx, file, cfg, stderr)
	if err != nil {
		fmt.Fprintf(stdout, "NOT OK: %v\n", err)
		return errArchiveBad
	}
	defer a.Close()
	m := a.Manifest
	fmt.Fprintf(stdout, "%s: made by cong %s on %s at %s, schema %d\n", file, m.Version, m.Engine,
		m.CreatedAt.Format(time.RFC3339), m.SchemaVersion)
	for _, t := range m.Tables {
		fmt.Fprintf(stdout, "  %-28s %9d rows\n", t.Table, t.Rows)
	}
	fmt.Fprintf(stdout, "  %-28s %9d files, %s\n", "media", len(m.Media), backup.Size(m.MediaBytes()))
	if !sealed {
		fmt.Fprintf(stdout, "the manifest's seal was not checked: no audit key at %s (give --audit-key-file)\n", cfg.AuditKeyFile)
	}
	fmt.Fprintf(stdout, "ok, %d tables, %d rows, %d media files\n", len(m.Tables), m.Rows(), len(m.Media))
	return nil
}

// runRestore runs `cong restore FILE`: it checks the archive whole, refuses
// a database with content unless --force, brings the database's schema to
// the archive's, writes the media files, then every table's rows in one
// transaction, and finally runs the migrations newer than the archive.
func runRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	file, args, err := fileArg(args, "cong restore FILE [--force] [--db DSN] [--data DIR] [--audit-key-file KEY]")
	if err != nil {
		return err
	}
	var force bool
	cfg, err := config.Parse("cong restore", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&force, "force", false, "cong restore: replace the content of a database that is not empty")
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	// The archive is sealed, and the audit chain continued, with the key the
	// portal ran with: it must be given, never made anew.
	if _, err := os.Stat(cfg.AuditKeyFile); err != nil {
		return fmt.Errorf("audit key %s: %w (copy the key kept with the backups, or give --audit-key-file)", cfg.AuditKeyFile, err)
	}
	start := time.Now()
	a, _, err := openArchive(ctx, file, cfg, stderr)
	if err != nil {
		return fmt.Errorf("nothing restored: %w", err)
	}
	defer a.Close()
	if err := a.Compatible(store.LatestMigration(cfg.DB)); err != nil {
		return fmt.Errorf("nothing restored: %w", err)
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := restoreInto(ctx, db, a, file, cfg, force, stderr); err != nil {
		return err
	}
	m := a.Manifest
	fmt.Fprintf(stdout, "restored %s into %s: %d tables, %d rows, %d media files in %s\n", file, store.Redact(cfg.DB),
		len(m.Tables), m.Rows(), len(m.Media), time.Since(start).Round(time.Millisecond))
	return nil
}

func restoreInto(ctx context.Context, db *store.DB, a *backup.Archive, file string, cfg *config.Config, force bool, stderr io.Writer) error {
	// A database with a schema may hold content: look before migrating it.
	if names, err := db.Migrations(ctx); err == nil && len(names) > 0 && !force {
		if err := db.CheckEmpty(ctx); err != nil {
			return fmt.Errorf("nothing restored: %w (restore into a new database, or give --force to replace it all)", err)
		}
	}
	if err := db.MigrateTo(ctx, a.Manifest.SchemaVersion); err != nil {
		return fmt.Errorf("migrate database %s: %w", store.Redact(cfg.DB), err)
	}
	key, err := store.LoadAuditKey(cfg.AuditKeyFile)
	if err != nil {
		return err
	}
	db.SetAuditKey(key)
	p := backup.NewProgress("restore", stderr)
	p.Expect(a.Manifest)
	files, err := openMedia(cfg)
	if err != nil {
		return err
	}
	if err := checkMedia(ctx, files); err != nil {
		return err
	}
	if err := a.ExtractMedia(ctx, files, p); err != nil {
		return fmt.Errorf("media files: %w", err)
	}
	err = db.Restore(ctx, portal.System("cong restore"), a, store.RestoreOptions{Name: filepath.Base(file), Force: force,
		Progress: p.TableRows})
	p.Done()
	if err != nil {
		return fmt.Errorf("restore (nothing of the database changed): %w", err)
	}
	if err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate the restored database: %w", err)
	}
	return nil
}

// newBackups is the scheduler of backups serve runs when --backup-dir is
// set; nil when it is not.
func newBackups(cfg *config.Config, db *store.DB, files media.Storage, log *slog.Logger) (*backup.Scheduler, error) {
	if cfg.BackupDir == "" {
		return nil, nil
	}
	key, err := store.LoadAuditKey(cfg.AuditKeyFile)
	if err != nil {
		return nil, err
	}
	return &backup.Scheduler{DB: db, Dir: cfg.BackupDir, Every: cfg.BackupEvery, Keep: cfg.BackupKeep,
		Options: backup.Options{Media: files, Key: key, Version: version}, Now: time.Now, Log: log}, nil
}
