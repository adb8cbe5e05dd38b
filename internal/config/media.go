package config

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"

	"cong/internal/media"
)

// bucketName is what S3 allows: 3 to 63 lower-case letters, digits, dots
// and hyphens, starting and ending with a letter or digit.
var bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// parseMedia reads --media and, for S3, the keys: from --s3-keys-file,
// else CONG_S3_ACCESS_KEY and CONG_S3_SECRET_KEY, else the AWS variables.
func (c *Config) parseMedia(getenv func(string) string) error {
	if c.Media == "" {
		if c.S3KeysFile != "" {
			return errors.New("--s3-keys-file is only for --media s3://...")
		}
		return nil
	}
	s3, err := ParseS3(c.Media)
	if err != nil {
		return err
	}
	if c.S3KeysFile != "" {
		s3.AccessKey, s3.SecretKey, err = readS3Keys(c.S3KeysFile)
		if err != nil {
			return fmt.Errorf("--s3-keys-file: %w", err)
		}
	} else if getenv("CONG_S3_ACCESS_KEY") != "" || getenv("CONG_S3_SECRET_KEY") != "" {
		s3.AccessKey, s3.SecretKey = getenv("CONG_S3_ACCESS_KEY"), getenv("CONG_S3_SECRET_KEY")
	} else {
		s3.AccessKey, s3.SecretKey = getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY")
	}
	if s3.AccessKey == "" || s3.SecretKey == "" {
		return errors.New("--media s3://...: no keys; set CONG_S3_ACCESS_KEY and CONG_S3_SECRET_KEY, or give --s3-keys-file " +
			"(thiếu khóa truy cập S3)")
	}
	c.S3 = s3
	return nil
}

// ParseS3 reads s3://BUCKET[/PREFIX]?endpoint=HOST:PORT&region=R[&secure=false].
// The keys never go in it: it is printed by cong config and seen in ps.
func ParseS3(s string) (*media.S3Config, error) {
	bad := func(why string) error {
		return fmt.Errorf("--media %q: %s; want s3://BUCKET[/PREFIX]?endpoint=HOST:PORT&region=REGION[&secure=false] "+
			"(cấu hình lưu trữ tệp không hợp lệ)", s, why)
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "s3" {
		return nil, bad("not an s3:// address (leave it empty for the folder DATA/media)")
	}
	if u.User != nil {
		return nil, bad("keys do not go in the address: use CONG_S3_ACCESS_KEY and CONG_S3_SECRET_KEY or --s3-keys-file")
	}
	if !bucketName.MatchString(u.Host) {
		return nil, bad("the bucket name must be 3 to 63 lower-case letters, digits, dots or hyphens")
	}
	cfg := &media.S3Config{Bucket: u.Host, Prefix: strings.Trim(u.Path, "/"), Secure: true}
	if strings.Contains(cfg.Prefix, "//") || strings.Contains("/"+cfg.Prefix+"/", "/../") {
		return nil, bad("the prefix must be a plain folder name")
	}
	q := u.Query()
	for key := range q {
		switch key {
		case "endpoint", "region", "secure":
		default:
			return nil, bad("unknown setting " + key)
		}
	}
	cfg.Endpoint, cfg.Region = q.Get("endpoint"), q.Get("region")
	if _, port, err := net.SplitHostPort(cfg.Endpoint); err != nil || port == "" {
		return nil, bad("endpoint=HOST:PORT is missing or wrong")
	}
	if v := q.Get("secure"); v != "" {
		if cfg.Secure, err = strconv.ParseBool(v); err != nil {
			return nil, bad("secure must be true or false")
		}
	}
	return cfg, nil
}

// readS3Keys reads the two keys from a file, either as two lines (access
// key, then secret key) or as KEY=VALUE lines naming CONG_S3_ACCESS_KEY and
// CONG_S3_SECRET_KEY (or the AWS_ names), the way an env file holds them.
// Blank lines and lines starting with # are skipped.
func readS3Keys(path string) (access, secret string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	var plain []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		switch k = strings.TrimSpace(k); {
		case !ok:
			plain = append(plain, line)
		case k == "CONG_S3_ACCESS_KEY" || k == "AWS_ACCESS_KEY_ID":
			access = strings.Trim(strings.TrimSpace(v), `"'`)
		case k == "CONG_S3_SECRET_KEY" || k == "AWS_SECRET_ACCESS_KEY":
			secret = strings.Trim(strings.TrimSpace(v), `"'`)
		default:
			return "", "", fmt.Errorf("%s: unknown key %s", path, k)
		}
	}
	if err := sc.Err(); err != nil {
		return "", "", err
	}
	if len(plain) == 2 && access == "" && secret == "" {
		access, secret = plain[0], plain[1]
	}
	if access == "" || secret == "" {
		return "", "", fmt.Errorf("%s: want the access key and the secret key, on two lines or as CONG_S3_ACCESS_KEY=... and CONG_S3_SECRET_KEY=...", path)
	}
	return access, secret, nil
}
