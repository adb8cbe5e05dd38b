package config_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"cong/internal/config"
	"cong/internal/media"
)

const s3URL = "s3://cong-media/portal?endpoint=127.0.0.1:9000&region=us-east-1&secure=false"

func TestMediaS3(t *testing.T) {
	keys := filepath.Join(t.TempDir(), "s3.keys")
	for name, tc := range map[string]struct {
		keys string // the file's content; none when empty
		env  func(string) string
		want [2]string
	}{
		"cong env":   {env: env("CONG_S3_ACCESS_KEY", "ak", "CONG_S3_SECRET_KEY", "sk", "AWS_ACCESS_KEY_ID", "x"), want: [2]string{"ak", "sk"}},
		"aws env":    {env: env("AWS_ACCESS_KEY_ID", "ak", "AWS_SECRET_ACCESS_KEY", "sk"), want: [2]string{"ak", "sk"}},
		"two lines":  {keys: "ak\nsk\n", env: env("CONG_S3_ACCESS_KEY", "x", "CONG_S3_SECRET_KEY", "y"), want: [2]string{"ak", "sk"}},
		"key=value":  {keys: "# keys\nCONG_S3_SECRET_KEY=sk\nCONG_S3_ACCESS_KEY=\"ak\"\n", env: env(), want: [2]string{"ak", "sk"}},
		"aws values": {keys: "AWS_ACCESS_KEY_ID=ak\nAWS_SECRET_ACCESS_KEY=sk\n", env: env(), want: [2]string{"ak", "sk"}},
	} {
		args := []string{"--media", s3URL}
		if tc.keys != "" {
			if err := os.WriteFile(keys, []byte(tc.keys), 0o600); err != nil {
				t.Fatal(err)
			}
			args = append(args, "--s3-keys-file", keys)
		}
		c, err := config.Parse("cong", args, tc.env, io.Discard)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		want := &media.S3Config{Endpoint: "127.0.0.1:9000", Region: "us-east-1", Bucket: "cong-media", Prefix: "portal",
			AccessKey: tc.want[0], SecretKey: tc.want[1]}
		if diff := cmp.Diff(want, c.S3); diff != "" {
			t.Errorf("%s: S3 (-want +got):\n%s", name, diff)
		}
		if s := c.String(); strings.Contains(s, "=sk\n") || !strings.Contains(s, "s3-access-key=ak\n") || !strings.Contains(s, "media="+s3URL) {
			t.Errorf("%s: String() = %q; want the address and access key, not the secret", name, s)
		}
	}
}

func TestMediaDefault(t *testing.T) {
	c, err := config.Parse("cong", nil, env("AWS_SECRET_ACCESS_KEY", "sk"), io.Discard)
	if err != nil || c.S3 != nil || c.MediaDir() != filepath.Join("data", "media") {
		t.Errorf("Parse() = %+v, %v; want the local folder", c, err)
	}
}

func TestMediaInvalid(t *testing.T) {
	keys := env("CONG_S3_ACCESS_KEY", "ak", "CONG_S3_SECRET_KEY", "sk")
	missing := filepath.Join(t.TempDir(), "none")
	for name, tc := range map[string]struct {
		args []string
		env  func(string) string
		want string
	}{
		"folder":      {[]string{"--media", "/srv/media"}, keys, "not an s3:// address"},
		"no endpoint": {[]string{"--media", "s3://cong-media"}, keys, "endpoint"},
		"bad bucket":  {[]string{"--media", "s3://Cong_Media?endpoint=h:1"}, keys, "bucket name"},
		"keys in url": {[]string{"--media", "s3://ak:sk@cong-media?endpoint=h:1"}, keys, "keys do not go"},
		"unknown":     {[]string{"--media", "s3://cong-media?endpoint=h:1&secret=sk"}, keys, "unknown setting"},
		"secure":      {[]string{"--media", "s3://cong-media?endpoint=h:1&secure=maybe"}, keys, "secure"},
		"no keys":     {[]string{"--media", s3URL}, env("CONG_S3_ACCESS_KEY", "ak"), "no keys"},
		"keys file":   {[]string{"--media", s3URL, "--s3-keys-file", missing}, keys, "--s3-keys-file"},
		"file alone":  {[]string{"--s3-keys-file", missing}, keys, "only for --media"},
		"env media":   {nil, env("CONG_MEDIA", "http://x"), "--media"},
	} {
		_, err := config.Parse("cong", tc.args, tc.env, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v; want one saying %q", name, err, tc.want)
		}
	}
}
