package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cong/internal/config"
)

// TestSystemdUnit checks deploy/cong.service with systemd-analyze verify
// (when the machine has it), its ExecStart pointed at a binary that exists,
// and that its sandbox keeps the settings the README promises.
func TestSystemdUnit(t *testing.T) {
	b, err := os.ReadFile("../../deploy/cong.service")
	if err != nil {
		t.Fatal(err)
	}
	unit := string(b)
	for _, want := range []string{"User=cong", "EnvironmentFile=/etc/cong/cong.env", "ExecStart=/usr/local/bin/cong serve",
		"ProtectSystem=strict", "ReadWritePaths=/var/lib/cong", "ProtectHome=yes", "PrivateTmp=yes", "NoNewPrivileges=yes",
		"CapabilityBoundingSet=\n", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "SystemCallFilter=@system-service",
		"MemoryDenyWriteExecute=yes", "Restart=on-failure"} {
		if !strings.Contains(unit, want) {
			t.Errorf("deploy/cong.service lacks %q", strings.TrimSpace(want))
		}
	}
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("no systemd-analyze to verify the unit with")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cong.service")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(unit, "/usr/local/bin/cong", self)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(analyze, "verify", path).CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("systemd-analyze verify deploy/cong.service: %v\n%s", err, out)
	}
}

// TestEnvExample reads deploy/cong.env.example as systemd would and checks
// that cong takes every setting in it: names it knows, values it accepts.
func TestEnvExample(t *testing.T) {
	f, err := os.Open("../../deploy/cong.env.example")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || !strings.HasPrefix(k, "CONG_") {
			t.Errorf("line %q: want CONG_NAME=value", line)
			continue
		}
		if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
			v = v[1 : len(v)-1]
		}
		env[k] = v
	}
	cfg, err := config.Parse("cong serve", nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatalf("cong refuses deploy/cong.env.example: %v", err)
	}
	printed := cfg.String()
	for k, v := range env {
		name := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(k, "CONG_"), "_", "-"))
		if !strings.Contains(printed, name+"="+v+"\n") {
			t.Errorf("%s=%s is not a setting cong knows (or it read it otherwise)", k, v)
		}
	}
}
