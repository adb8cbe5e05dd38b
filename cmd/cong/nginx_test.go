package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// nginxPath finds Debian's nginx. Without it the test is skipped — or
// fails when CONG_REQUIRE_NGINX is set, as in CI. -short skips it too.
func nginxPath(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping the nginx test in -short mode")
	}
	path, err := exec.LookPath("nginx")
	if err != nil {
		path, err = exec.LookPath("/usr/sbin/nginx")
	}
	if err != nil {
		if os.Getenv("CONG_REQUIRE_NGINX") != "" {
			t.Fatalf("CONG_REQUIRE_NGINX is set but there is no nginx: %v", err)
		}
		t.Skipf("no nginx (apt-get install nginx; CI sets CONG_REQUIRE_NGINX=1): %v", err)
	}
	return path
}

// selfSigned writes a certificate for localhost and 127.0.0.1 and its key
// as fullchain.pem and privkey.pem in dir, and returns the certificate.
func selfSigned(t *testing.T, dir string) *x509.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "localhost", Organization: []string{"Cổng test"}},
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	writePEM(t, filepath.Join(dir, "fullchain.pem"), "CERTIFICATE", der)
	writePEM(t, filepath.Join(dir, "privkey.pem"), "PRIVATE KEY", keyDER)
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

func writePEM(t *testing.T, path, kind string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

// siteConfig is deploy/nginx/cong.conf as shipped, with the portal's name,
// ports and paths of the test put in for the examples. Every substitution
// must find its text, so that the test keeps running the file as shipped.
func siteConfig(t *testing.T, dir string, https, http string, cong ...string) string {
	t.Helper()
	b, err := os.ReadFile("../../deploy/nginx/cong.conf")
	if err != nil {
		t.Fatal(err)
	}
	conf := string(b)
	for _, r := range [][2]string{
		{"/etc/letsencrypt/live/portal.example.gov.vn/", dir + "/"},
		{"portal.example.gov.vn", "localhost"},
		{"listen 443 ", "listen " + https + " "},
		{"listen 80;", "listen " + http + ";"},
		{"listen 80 ", "listen " + http + " "},
		{"    server 127.0.0.1:8080 max_fails=1 fail_timeout=10s;\n", upstreams(cong)},
		{"/var/cache/nginx/cong", dir + "/cache"},
		{"/var/log/nginx/", dir + "/"},
		{"/var/www/html", dir + "/www"},
	} {
		if !strings.Contains(conf, r[0]) {
			t.Fatalf("deploy/nginx/cong.conf no longer has %q: update the test's substitutions", r[0])
		}
		conf = strings.ReplaceAll(conf, r[0], r[1])
	}
	// The test's loopback has no IPv6 to count on.
	var lines []string
	for _, line := range strings.Split(conf, "\n") {
		if strings.Contains(line, "listen [::]:") {
			continue
		}
		if f := strings.Fields(line); len(f) > 1 && f[0] == "listen" && !strings.HasPrefix(f[1], "127.0.0.1:") {
			t.Fatalf("deploy/nginx/cong.conf: %q would listen beyond the test's loopback ports", strings.TrimSpace(line))
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// upstreams is the upstream's server lines for the instances at addrs, as
// the file's comment shows them.
func upstreams(addrs []string) string {
	var b strings.Builder
	for _, addr := range addrs {
		fmt.Fprintf(&b, "    server %s max_fails=1 fail_timeout=10s;\n", addr)
	}
	return b.String()
}

// nginxSite is an nginx running deploy/nginx/cong.conf for a test.
type nginxSite struct {
	https, http string // where it listens
	dir         string // its prefix: configuration, logs (cong.access.log), cache
	cert        *x509.Certificate
}

// startNginx runs nginx in the foreground as the test's own process, with
// the site in front of the cong instances listening on congAddrs.
func startNginx(t *testing.T, congAddrs ...string) *nginxSite {
	t.Helper()
	nginx := nginxPath(t)
	dir := t.TempDir()
	for _, sub := range []string{"cache", "www", "tmp"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	n := &nginxSite{https: freeAddr(t), http: freeAddr(t), dir: dir, cert: selfSigned(t, dir)}
	out := runNginx(t, nginx, dir, "deploy/nginx/cong.conf", siteConfig(t, dir, n.https, n.http, congAddrs...))
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		conn, err := tls.Dial("tcp", n.https, &tls.Config{ServerName: "localhost", InsecureSkipVerify: true})
		if err == nil {
			conn.Close()
			return n
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx never answered on %s: %v\n%s", n.https, err, out.String())
		}
	}
}

// runNginx runs nginx in the foreground as the test's own process, with
// site (the named file of deploy/nginx, its test substitutions made) in
// its http block and every path under dir, which must hold tmp/; it is
// stopped when the test ends. What nginx prints is returned, and shown
// with its error log when the test fails.
func runNginx(t *testing.T, nginx, dir, name, site string) *syncBuffer {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "site.conf"), []byte(site), 0o644); err != nil {
		t.Fatal(err)
	}
	user := "" // workers run as the user the test runs as, which owns dir
	if os.Geteuid() == 0 {
		user = "user root;"
	}
	main := fmt.Sprintf(`%s
worker_processes 1;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log info;
events { worker_connections 512; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	client_body_temp_path %[2]s/tmp/body;
	proxy_temp_path %[2]s/tmp/proxy;
	fastcgi_temp_path %[2]s/tmp/fastcgi;
	uwsgi_temp_path %[2]s/tmp/uwsgi;
	scgi_temp_path %[2]s/tmp/scgi;
	include %[2]s/site.conf;
}
`, user, dir)
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-p", dir, "-e", filepath.Join(dir, "error.log"), "-c", conf}
	if out, err := exec.Command(nginx, append(args, "-t")...).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t refuses %s: %v\n%s", name, err, out)
	}
	cmd := exec.Command(nginx, append(args, "-g", "daemon off;")...)
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGQUIT)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			t.Logf("nginx output:\n%s\nerror.log:\n%s", out.String(), log)
		}
	})
	return out
}

// accessLog waits for the first line of the site's access log.
func (n *nginxSite) accessLog(t *testing.T) string {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		b, _ := os.ReadFile(filepath.Join(n.dir, "cong.access.log"))
		if first, _, ok := strings.Cut(string(b), "\n"); ok {
			return first
		}
	}
	t.Fatal("nothing in nginx's access log")
	return ""
}
