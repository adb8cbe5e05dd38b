package config_test

import (
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"cong/internal/config"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestDefaults(t *testing.T) {
	c, err := config.Parse("cong", nil, env(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DB != "data/cong.db" || c.Data != "./data" || !c.Demo || c.ViewWindow != 30*time.Minute || c.OnlineWindow != 20*time.Minute ||
		c.MetricsAddr != "" || !c.LogRequests {
		t.Errorf("defaults = %+v", c)
	}
}

func TestFlagsBeatEnvironment(t *testing.T) {
	c, err := config.Parse("cong", []string{"--addr", ":9000"}, env("CONG_ADDR", ":7000", "CONG_DATA", "/srv/cong", "CONG_VIEW_WINDOW", "1h"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":9000" || c.Data != "/srv/cong" || c.DB != "/srv/cong/cong.db" || c.ViewWindow != time.Hour {
		t.Errorf("config = %+v", c)
	}
}

func TestMetricsAndRequestLog(t *testing.T) {
	c, err := config.Parse("cong", []string{"--metrics-addr", "127.0.0.1:9090"}, env("CONG_LOG_REQUESTS", "false"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.MetricsAddr != "127.0.0.1:9090" || c.LogRequests {
		t.Errorf("metrics-addr = %q, log-requests = %t; want 127.0.0.1:9090, false", c.MetricsAddr, c.LogRequests)
	}
	if s := c.String(); !strings.Contains(s, "metrics-addr=127.0.0.1:9090\n") || !strings.Contains(s, "log-requests=false\n") {
		t.Errorf("String() = %q; want metrics-addr and log-requests", s)
	}
}

func TestInvalid(t *testing.T) {
	for name, tc := range map[string]struct {
		args []string
		env  func(string) string
		want string
	}{
		"addr":              {[]string{"--addr", "nowhere"}, env(), "--addr"},
		"env window":        {nil, env("CONG_VIEW_WINDOW", "soon"), "CONG_VIEW_WINDOW"},
		"zero window":       {[]string{"--view-window", "0s"}, env(), "--view-window"},
		"cache":             {[]string{"--cache-mb", "0"}, env(), "--cache-mb"},
		"level":             {[]string{"--log-level", "loud"}, env(), "--log-level"},
		"postgres":          {[]string{"--db", "postgres:/x"}, env(), "postgres://"},
		"extra":             {[]string{"serve"}, env(), "unexpected"},
		"articles":          {[]string{"--articles", "-1"}, env(), "--articles"},
		"metrics":           {[]string{"--metrics-addr", "9090"}, env(), "--metrics-addr"},
		"same addr":         {[]string{"--metrics-addr", "127.0.0.1:8080"}, env(), "must differ"},
		"env log":           {nil, env("CONG_LOG_REQUESTS", "maybe"), "CONG_LOG_REQUESTS"},
		"backup every":      {[]string{"--backup-every", "30s"}, env(), "--backup-every"},
		"backup keep":       {[]string{"--backup-keep", "0"}, env(), "--backup-keep"},
		"env keep":          {nil, env("CONG_BACKUP_KEEP", "many"), "CONG_BACKUP_KEEP"},
		"replica on sqlite": {[]string{"--db-replica", "postgres://r1/cong"}, env(), "need a PostgreSQL --db"},
		"replica url":       {[]string{"--db", "postgres://p/cong", "--db-replica", "r1.local"}, env(), "want a postgres:// URL"},
		"replica lag":       {[]string{"--db", "postgres://p/cong", "--replica-max-lag", "0s"}, env(), "--replica-max-lag"},
		"shared ttl":        {[]string{"--shared-cache-ttl", "2h"}, env(), "--shared-cache-ttl"},
		"shared stale":      {[]string{"--shared-cache-stale", "-1s"}, env(), "--shared-cache-stale"},
		"purge url":         {[]string{"--purge-url", "127.0.0.1:8081"}, env(), "--purge-url"},
		"env purge":         {nil, env("CONG_PURGE_URL", "ftp://x"), "--purge-url"},
	} {
		_, err := config.Parse("cong", tc.args, tc.env, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v; want one naming %s", name, err, tc.want)
		}
	}
}

func TestStringHidesPassword(t *testing.T) {
	c, err := config.Parse("cong", []string{"--db", "postgres://cong:s3cret@db.local:5432/cong?sslmode=disable"}, env(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	s := c.String()
	if strings.Contains(s, "s3cret") || !strings.Contains(s, "db.local") {
		t.Errorf("String() = %q; want the URL without its password", s)
	}
}

func TestShutdownTimeout(t *testing.T) {
	c, err := config.Parse("cong", nil, env(), io.Discard)
	if err != nil || c.ShutdownTimeout != 15*time.Second {
		t.Errorf("default shutdown timeout = %v, %v; want 15s", c.ShutdownTimeout, err)
	}
	c, err = config.Parse("cong", nil, env("CONG_SHUTDOWN_TIMEOUT", "40s"), io.Discard)
	if err != nil || c.ShutdownTimeout != 40*time.Second || !strings.Contains(c.String(), "shutdown-timeout=40s\n") {
		t.Errorf("CONG_SHUTDOWN_TIMEOUT=40s: %v, %v", c, err)
	}
	if _, err := config.Parse("cong", []string{"--shutdown-timeout", "0s"}, env(), io.Discard); err == nil ||
		!strings.Contains(err.Error(), "--shutdown-timeout must be positive") {
		t.Errorf("--shutdown-timeout 0s: err = %v; want it refused", err)
	}
}

func TestReplicas(t *testing.T) {
	primary := "postgres://cong@p/cong"
	for name, tc := range map[string]struct {
		args []string
		env  func(string) string
		want []string
	}{
		"none":        {[]string{"--db", primary}, env(), nil},
		"flags":       {[]string{"--db", primary, "--db-replica", "postgres://r1/cong", "--db-replica", "postgres://r2/cong"}, env(), []string{"postgres://r1/cong", "postgres://r2/cong"}},
		"environment": {[]string{"--db", primary}, env("CONG_DB_REPLICA", "postgres://r1/cong, postgres://r2/cong postgres://r3/cong"), []string{"postgres://r1/cong", "postgres://r2/cong", "postgres://r3/cong"}},
		"flags win":   {[]string{"--db", primary, "--db-replica", "postgres://r9/cong"}, env("CONG_DB_REPLICA", "postgres://r1/cong"), []string{"postgres://r9/cong"}},
	} {
		c, err := config.Parse("cong", tc.args, tc.env, io.Discard)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !slices.Equal(c.Replicas, tc.want) || c.ReplicaMaxLag != 5*time.Second {
			t.Errorf("%s: replicas %q, max lag %s; want %q, 5s", name, c.Replicas, c.ReplicaMaxLag, tc.want)
		}
	}
	c, err := config.Parse("cong", []string{"--db", primary, "--db-replica", "postgres://cong:s3cret@r1/cong", "--replica-max-lag", "2s"}, env(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if s := c.String(); strings.Contains(s, "s3cret") || !strings.Contains(s, "db-replica=postgres://cong:") || !strings.Contains(s, "replica-max-lag=2s\n") {
		t.Errorf("String() = %q; want the replica without its password and the max lag", s)
	}
}

// TestSMTPURL: the mail server's address is read from the flag or the
// variable, refused when broken without showing its password, and printed
// with its password hidden.
func TestSMTPURL(t *testing.T) {
	const u = "smtp://cong:m%E1%BA%ADt-kh%E1%BA%A9u@mail.tinh.gov.vn:587?from=cong@tinh.gov.vn"
	c, err := config.Parse("serve", nil, env("CONG_SMTP_URL", u), io.Discard)
	if err != nil || c.SMTP == nil || c.SMTP.Addr != "mail.tinh.gov.vn:587" || c.SMTP.Password != "mật-khẩu" {
		t.Fatalf("Parse with CONG_SMTP_URL: %+v, %v", c, err)
	}
	if s := c.String(); strings.Contains(s, "m%E1%BA%ADt") || !strings.Contains(s, "smtp-url=smtp://cong:xxxxx@mail.tinh.gov.vn:587?from=cong@tinh.gov.vn\n") {
		t.Errorf("String() = %q; want the URL without its password", s)
	}
	_, err = config.Parse("serve", []string{"--smtp-url", "smtp://cong:s3cret@mail.tinh.gov.vn?from=nobody"}, env(), io.Discard)
	if err == nil || strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "xxxxx") {
		t.Errorf("a bad --smtp-url: %v; want an error without the password", err)
	}
	if c, err := config.Parse("serve", nil, env(), io.Discard); err != nil || c.SMTP != nil || !strings.Contains(c.String(), "smtp-url=\n") {
		t.Errorf("without --smtp-url: %v, %v", c, err)
	}
}

// TestAudioFlags: the programs and workers of "Nghe đọc bài", from the
// environment or flags, printed, the number of workers bounded.
func TestAudioFlags(t *testing.T) {
	c, err := config.Parse("serve", nil, env(), io.Discard)
	if err != nil || c.Espeak != "espeak-ng" || c.Lame != "lame" || c.AudioWorkers != 1 {
		t.Fatalf("defaults: %+v, %v", c, err)
	}
	c, err = config.Parse("serve", []string{"--audio-workers", "2"}, env("CONG_ESPEAK", "/opt/espeak-ng"), io.Discard)
	if err != nil || !strings.Contains(c.String(), "espeak=/opt/espeak-ng\nlame=lame\naudio-workers=2\n") {
		t.Errorf("config: %v, %v", c, err)
	}
	if _, err := config.Parse("serve", []string{"--audio-workers", "-1"}, env(), io.Discard); err == nil || !strings.Contains(err.Error(), "--audio-workers") {
		t.Errorf("--audio-workers -1: %v; want an error naming it", err)
	}
}
