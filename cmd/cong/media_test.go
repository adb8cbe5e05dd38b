package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"cong/internal/backup"
	"cong/internal/media"
	"cong/internal/s3test"
	"cong/internal/storetest"
)

// s3env is the environment with the keys of srv.
func s3env(srv *s3test.Server) func(string) string {
	return func(k string) string {
		return map[string]string{"CONG_S3_ACCESS_KEY": srv.AccessKey, "CONG_S3_SECRET_KEY": srv.SecretKey}[k]
	}
}

func cong(t *testing.T, env func(string) string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), args, env, &stdout, &stderr); err != nil {
		t.Fatalf("cong %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// listed is every file of s with its size.
func listed(t *testing.T, s media.Storage) map[string]int64 {
	t.Helper()
	files := map[string]int64{}
	if err := s.List(context.Background(), func(name string, size int64) error { files[name] = size; return nil }); err != nil {
		t.Fatal(err)
	}
	return files
}

// TestMediaMigrate copies a demo portal's media folder into a bucket; a
// second run copies nothing, and a run after an object went missing copies
// that one alone.
func TestMediaMigrate(t *testing.T) {
	srv := s3test.Start(t)
	bucket, name := srv.Bucket(t)
	dir := t.TempDir()
	cong(t, noenv, "demo", "--data", dir)
	local := listed(t, media.Dir(filepath.Join(dir, "media")))
	if len(local) == 0 {
		t.Fatal("the demo wrote no media files")
	}
	out := cong(t, s3env(srv), "media", "migrate", "--data", dir, "--to", srv.URL(name))
	if want := regexp.MustCompile(`: \d+ files copied .*, 0 already there`); !want.MatchString(out) {
		t.Errorf("first run: %q; want every file copied", out)
	}
	if diff := cmp.Diff(local, listed(t, bucket)); diff != "" {
		t.Errorf("bucket after migrate (-folder +bucket):\n%s", diff)
	}
	if out := cong(t, s3env(srv), "media", "migrate", "--data", dir, "--to", srv.URL(name)); !strings.Contains(out, ": 0 files copied") {
		t.Errorf("second run: %q; want nothing copied", out)
	}
	var one string
	for one = range local {
		break
	}
	if err := bucket.Remove(context.Background(), one); err != nil {
		t.Fatal(err)
	}
	if out := cong(t, s3env(srv), "media", "migrate", "--data", dir, "--to", srv.URL(name)); !strings.Contains(out, ": 1 files copied") {
		t.Errorf("run after %s went missing: %q; want it copied alone", one, out)
	}
}

// TestBackupWithS3Media moves a portal from a folder to a bucket with
// backup and restore, and back: every media file arrives, with the same
// hashes in both archives.
func TestBackupWithS3Media(t *testing.T) {
	srv := s3test.Start(t)
	bucket, name := srv.Bucket(t)
	env := s3env(srv)
	from, onS3, back := t.TempDir(), t.TempDir(), t.TempDir()
	key := filepath.Join(from, "audit.key")
	cong(t, noenv, "demo", "--data", from)
	archive1 := filepath.Join(t.TempDir(), "local.zip")
	cong(t, noenv, "backup", "--to", archive1, "--data", from)

	// Folder → bucket, into PostgreSQL when there is one.
	dsn := filepath.Join(onS3, "cong.db")
	if _, ok := storetest.Engines(t)["postgres"]; ok {
		dsn = storetest.PostgresDSN(t)
	}
	cong(t, env, "restore", archive1, "--data", onS3, "--db", dsn, "--audit-key-file", key, "--media", srv.URL(name))
	if diff := cmp.Diff(listed(t, media.Dir(filepath.Join(from, "media"))), listed(t, bucket)); diff != "" {
		t.Errorf("bucket after restore (-folder +bucket):\n%s", diff)
	}
	if entries, _ := os.ReadDir(filepath.Join(onS3, "media")); len(entries) > 0 {
		t.Errorf("restore into a bucket wrote to the folder too: %d entries", len(entries))
	}

	// Bucket → folder, into SQLite.
	archive2 := filepath.Join(t.TempDir(), "s3.zip")
	cong(t, env, "backup", "--to", archive2, "--data", onS3, "--db", dsn, "--audit-key-file", key, "--media", srv.URL(name))
	cong(t, noenv, "restore", archive2, "--data", back, "--audit-key-file", key)
	if diff := cmp.Diff(listed(t, bucket), listed(t, media.Dir(filepath.Join(back, "media")))); diff != "" {
		t.Errorf("folder after restore (-bucket +folder):\n%s", diff)
	}
	if diff := cmp.Diff(manifestMedia(t, archive1), manifestMedia(t, archive2)); diff != "" {
		t.Errorf("media of the archives (-from the folder +from the bucket):\n%s", diff)
	}
}

func manifestMedia(t *testing.T, path string) []backup.Part {
	t.Helper()
	a, err := backup.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	return a.Manifest.Media
}

// TestMediaSettings: a wrong --media is one clear error before anything
// starts, and cong config shows the bucket but never the secret key.
func TestMediaSettings(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"serve", "--data", t.TempDir(), "--media", "s3://bucket"}, noenv, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "endpoint") {
		t.Errorf("serve with a wrong --media: %v; want an error naming the endpoint", err)
	}
	env := func(k string) string {
		return map[string]string{"CONG_MEDIA": "s3://cong?endpoint=127.0.0.1:9&region=vn", "CONG_S3_ACCESS_KEY": "AK1",
			"CONG_S3_SECRET_KEY": "bi-mat-42"}[k]
	}
	if got := cong(t, env, "config"); strings.Contains(got, "bi-mat-42") || !strings.Contains(got, "s3-access-key=AK1") {
		t.Errorf("cong config = %q; want the access key and no secret", got)
	}
	// A bucket that does not answer stops serve at start.
	err = run(context.Background(), []string{"serve", "--data", t.TempDir(), "--addr", freeAddr(t)}, env, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "s3://cong") {
		t.Errorf("serve with a bucket that does not answer: %v; want an error naming it", err)
	}
}

// TestMediaMigrateBadInput: a command or an address cong media migrate
// cannot use is an error that says how to call it, before any copy.
func TestMediaMigrateBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no subcommand", []string{"media"}, "usage: cong media migrate"},
		{"another subcommand", []string{"media", "copy"}, "usage: cong media migrate"},
		{"no destination", []string{"media", "migrate", "--data", dir}, "usage: cong media migrate"},
		{"a folder, not a bucket", []string{"media", "migrate", "--data", dir, "--to", "/srv/media"}, "--to"},
		{"keys in the address", []string{"media", "migrate", "--data", dir, "--to", "s3://ak:sk@b?endpoint=127.0.0.1:9&region=r"}, "--to"},
		{"an unknown flag", []string{"media", "migrate", "--data", dir, "--too", "s3://b"}, "settings"},
	} {
		var out strings.Builder
		err := run(context.Background(), tc.args, noenv, &out, &out)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: cong %s = %v; want an error naming %q", tc.name, strings.Join(tc.args, " "), err, tc.want)
		}
	}
}
