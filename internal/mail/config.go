// Package mail sends the portal's mail: the messages readers send to
// departments from the contact page. Mail waits in a queue in the database
// (portal.MailQueue), written in the transaction of what it tells; a Worker
// on each instance claims due mails, sends them through an SMTP server
// (net/smtp, STARTTLS) and retries with a growing delay while the server is
// down, so no message is lost.
package mail

import (
	"cmp"
	"crypto/x509"
	"fmt"
	"net"
	stdmail "net/mail"
	"net/url"
	"strings"
)

// TLS says how a connection to the mail server is protected.
type TLS string

// The ways to reach a mail server.
const (
	// StartTLSRequired upgrades with STARTTLS and refuses a server that
	// does not offer it: the default, since mail carries readers' data.
	StartTLSRequired TLS = "required"
	// StartTLSOptional upgrades when the server offers STARTTLS.
	StartTLSOptional TLS = "optional"
	// StartTLSOff never upgrades: a relay on the same host or network.
	StartTLSOff TLS = "off"
	// ImplicitTLS speaks TLS from the first byte (smtps://, port 465).
	ImplicitTLS TLS = "implicit"
)

// Config is how to reach the mail server and whom mail comes from, read
// from --smtp-url.
type Config struct {
	Addr               string // host:port
	Host               string // the server's name, which its certificate must carry
	Username, Password string // "": no authentication
	From               stdmail.Address
	TLS                TLS
	// RootCAs are the authorities the server's certificate is checked
	// against; nil: the system's. Tests set it.
	RootCAs *x509.CertPool
	// HelloName is the name this host gives in EHLO; "": localhost.
	HelloName string
}

// ParseURL reads an SMTP address:
//
//	smtp://USER:PASSWORD@HOST[:PORT]?from=ADDRESS[&from_name=NAME][&starttls=required|optional|off]
//	smtps://USER:PASSWORD@HOST[:PORT]?from=ADDRESS[&from_name=NAME]
//
// smtp:// defaults to port 587 and STARTTLS required; smtps:// to port 465
// and TLS from the start. The user and password are optional, and are
// percent-encoded in the URL like any.
func ParseURL(s string) (*Config, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("not a URL: %w", redactErr(err))
	}
	c := &Config{Host: u.Hostname(), TLS: StartTLSRequired}
	port := u.Port()
	switch u.Scheme {
	case "smtp":
		port = cmp.Or(port, "587")
	case "smtps":
		port, c.TLS = cmp.Or(port, "465"), ImplicitTLS
	default:
		return nil, fmt.Errorf("want smtp:// or smtps://, not %q", u.Scheme)
	}
	if c.Host == "" || (u.Path != "" && u.Path != "/") {
		return nil, fmt.Errorf("want smtp://[USER:PASSWORD@]HOST[:PORT]?from=ADDRESS")
	}
	c.Addr = net.JoinHostPort(c.Host, port)
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	q := u.Query()
	for key := range q {
		switch key {
		case "from", "from_name", "starttls":
		default:
			return nil, fmt.Errorf("unknown parameter %q (want from, from_name, starttls)", key)
		}
	}
	from, err := stdmail.ParseAddress(q.Get("from"))
	if err != nil || from.Name != "" || strings.ContainsAny(from.Address, "\r\n") {
		return nil, fmt.Errorf("from=%q: want the address mail is sent from, e.g. from=cong@example.gov.vn", q.Get("from"))
	}
	c.From = stdmail.Address{Name: q.Get("from_name"), Address: from.Address}
	if strings.ContainsAny(c.From.Name, "\r\n") {
		return nil, fmt.Errorf("from_name must be one line")
	}
	if v := q.Get("starttls"); v != "" {
		if c.TLS == ImplicitTLS {
			return nil, fmt.Errorf("starttls=%s: smtps:// speaks TLS from the start", v)
		}
		switch TLS(v) {
		case StartTLSRequired, StartTLSOptional, StartTLSOff:
			c.TLS = TLS(v)
		default:
			return nil, fmt.Errorf("starttls=%q: want required, optional or off", v)
		}
	}
	return c, nil
}

// Redact is an SMTP URL with its password hidden, for printing.
func Redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(not a URL)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// redactErr keeps a URL's password out of a parse error: url.Error quotes
// the whole URL.
func redactErr(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
