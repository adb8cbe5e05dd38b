package clientip

import (
	"crypto/tls"
	"net/http/httptest"
	"testing"
)

func TestIP(t *testing.T) {
	r, err := New([]string{"10.0.0.0/8", "192.168.1.5"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, remote, xff, want string
	}{
		{"direct", "203.0.113.7:5000", "", "203.0.113.7"},
		{"untrusted peer with a header", "203.0.113.7:5000", "1.2.3.4", "203.0.113.7"},
		{"trusted proxy", "10.1.2.3:5000", "198.51.100.9", "198.51.100.9"},
		{"two proxies", "10.1.2.3:5000", "198.51.100.9, 192.168.1.5", "198.51.100.9"},
		{"spoofed left part", "10.1.2.3:5000", "6.6.6.6, 198.51.100.9", "198.51.100.9"},
		{"only proxies", "10.1.2.3:5000", "10.9.9.9", "10.1.2.3"},
		{"garbage", "10.1.2.3:5000", "nonsense", "10.1.2.3"},
		{"no header", "10.1.2.3:5000", "", "10.1.2.3"},
		{"IPv6 peer", "[2001:db8::1]:5000", "1.2.3.4", "2001:db8::1"},
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = tc.remote
		if tc.xff != "" {
			req.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := r.IP(req); got != tc.want {
			t.Errorf("%s: IP = %q; want %q", tc.name, got, tc.want)
		}
	}
	if _, err := New([]string{"not-an-ip"}); err == nil {
		t.Error("New(not-an-ip): no error")
	}
}

func TestHTTPS(t *testing.T) {
	r, err := New([]string{"10.0.0.0/8"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, remote string
		proto        []string
		tls          bool
		want         bool
	}{
		{"plain", "203.0.113.7:5000", nil, false, false},
		{"TLS", "203.0.113.7:5000", nil, true, true},
		{"trusted proxy says https", "10.1.2.3:5000", []string{"https"}, false, true},
		{"trusted proxy says HTTPS", "10.1.2.3:5000", []string{"HTTPS"}, false, true},
		{"trusted proxy says http", "10.1.2.3:5000", []string{"http"}, false, false},
		{"trusted proxy, no header", "10.1.2.3:5000", nil, false, false},
		{"untrusted peer says https", "203.0.113.7:5000", []string{"https"}, false, false},
		{"client's https, proxy's http", "10.1.2.3:5000", []string{"https, http"}, false, false},
		{"chain ending in https", "10.1.2.3:5000", []string{"http, https"}, false, true},
		{"two header lines", "10.1.2.3:5000", []string{"http", "https"}, false, true},
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = tc.remote
		for _, v := range tc.proto {
			req.Header.Add("X-Forwarded-Proto", v)
		}
		if tc.tls {
			req.TLS = &tls.ConnectionState{}
		}
		if got := r.HTTPS(req); got != tc.want {
			t.Errorf("%s: HTTPS = %v; want %v", tc.name, got, tc.want)
		}
	}
	if (*Resolver)(nil).HTTPS(httptest.NewRequest("GET", "/", nil)) {
		t.Error("a nil resolver believes a plain request is HTTPS")
	}
}
