package mail

import (
	"bytes"
	"mime"
	"mime/quotedprintable"
	stdmail "net/mail"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// Message is m as an RFC 5322 message from c.From: names and the subject
// in RFC 2047 encoded words (base64 of UTF-8, folded at 76 columns), the
// body plain UTF-8 text in quoted-printable, a Date of when the mail was
// queued and a Message-ID from its token, the same on every try, so a
// server that saw a try succeed can tell a repeat.
func (c *Config) Message(m portal.QueuedMail) []byte {
	var b bytes.Buffer
	header(&b, "From", address(c.From))
	header(&b, "To", address(stdmail.Address{Address: m.To}))
	if m.ReplyEmail != "" {
		header(&b, "Reply-To", address(stdmail.Address{Name: m.ReplyName, Address: m.ReplyEmail}))
	}
	header(&b, "Subject", encode(m.Subject))
	header(&b, "Date", m.CreatedAt.In(viet.Location).Format(time.RFC1123Z))
	header(&b, "Message-ID", "<"+m.Token+"@"+domain(c.From.Address)+">")
	header(&b, "MIME-Version", "1.0")
	header(&b, "Content-Type", "text/plain; charset=utf-8")
	header(&b, "Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	qp.Write([]byte(strings.ReplaceAll(m.Body, "\r\n", "\n")))
	qp.Close()
	return b.Bytes()
}

// encode is s as encoded words when it is not plain ASCII.
func encode(s string) string { return mime.BEncoding.Encode("utf-8", s) }

// address is a, its name in encoded words when it needs them. The name is
// quoted or encoded so that no character of it can end the header.
func address(a stdmail.Address) string {
	if a.Name == "" {
		return "<" + a.Address + ">"
	}
	if isASCII(a.Name) {
		return a.String() // quotes the name as RFC 5322 needs
	}
	return encode(a.Name) + " <" + a.Address + ">"
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// header writes "Name: value", folded at the spaces between words when a
// line would pass 76 columns. Encoded words hold no space, and the space
// between two of them is not part of the text, so folding changes nothing.
func header(b *bytes.Buffer, name, value string) {
	line := len(name) + 2
	b.WriteString(name + ":")
	for i, word := range strings.Split(value, " ") {
		if line+1+len(word) > 76 && (i > 0 || strings.HasPrefix(word, "=?")) {
			b.WriteString("\r\n")
			line = 0
		}
		b.WriteString(" " + word)
		line += 1 + len(word)
	}
	b.WriteString("\r\n")
}

// domain is the part of an address after its @.
func domain(addr string) string {
	if at := strings.LastIndexByte(addr, '@'); at >= 0 {
		return addr[at+1:]
	}
	return "localhost"
}
