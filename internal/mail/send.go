package mail

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"time"

	"cong/internal/portal"
)

// sessionTimeout bounds one conversation with the server, from the dial to
// QUIT: a server that stops answering holds no sender for long.
const sessionTimeout = time.Minute

// ErrNoStartTLS is the refusal to send over a server that does not offer
// STARTTLS while the configuration requires it.
var ErrNoStartTLS = errors.New("the mail server does not offer STARTTLS (add starttls=optional or starttls=off to --smtp-url to send without it)")

// PermanentError is a refusal the server means for good (a 5xx reply to
// the recipient or the message): trying again would get the same.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Send delivers m to its recipient through the server of c, in one SMTP
// session of its own.
func (c *Config) Send(ctx context.Context, m portal.QueuedMail) error {
	ctx, cancel := context.WithTimeout(ctx, sessionTimeout)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", c.Addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) }) // a stop ends the session at once
	defer stop()
	tlsConfig := &tls.Config{ServerName: c.Host, RootCAs: c.RootCAs, MinVersion: tls.VersionTLS12}
	if c.TLS == ImplicitTLS {
		conn = tls.Client(conn, tlsConfig)
	}
	client, err := smtp.NewClient(conn, c.Host)
	if err != nil {
		return err
	}
	defer client.Close()
	if err := client.Hello(cmp.Or(c.HelloName, "localhost")); err != nil {
		return err
	}
	if c.TLS == StartTLSRequired || c.TLS == StartTLSOptional {
		switch ok, _ := client.Extension("STARTTLS"); {
		case ok:
			if err := client.StartTLS(tlsConfig); err != nil {
				return fmt.Errorf("STARTTLS: %w", err)
			}
		case c.TLS == StartTLSRequired:
			return ErrNoStartTLS
		}
	}
	if c.Username != "" {
		// PlainAuth sends the password only over TLS (or to localhost).
		if err := client.Auth(smtp.PlainAuth("", c.Username, c.Password, c.Host)); err != nil {
			return fmt.Errorf("AUTH: %w", err)
		}
	}
	if err := client.Mail(c.From.Address); err != nil {
		return fmt.Errorf("MAIL FROM: %w", err)
	}
	if err := client.Rcpt(m.To); err != nil {
		return permanent(fmt.Errorf("RCPT TO <%s>: %w", m.To, err))
	}
	w, err := client.Data()
	if err != nil {
		return permanent(fmt.Errorf("DATA: %w", err))
	}
	if _, err := w.Write(c.Message(m)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return permanent(fmt.Errorf("DATA: %w", err))
	}
	client.Quit() // the server took the mail: a QUIT lost now must not send it again
	return nil
}

// permanent marks err permanent when it is a 5xx reply of the server.
func permanent(err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 && te.Code < 600 {
		return &PermanentError{Err: err}
	}
	return err
}
