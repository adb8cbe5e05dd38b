package audio

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"cong/internal/search"
	"cong/internal/viet"
)

// MaxScript is the most text, in bytes, one audio reads: about 12 000
// letters, some 12 minutes of speech. A longer article is read up to the
// last sentence (or word) that fits, and the reader is told it goes on.
const MaxScript = 16 << 10

// more ends a script cut at MaxScript.
const more = " Mời quý vị đọc tiếp bài viết trên trang."

// Script is the text an article's audio reads: its title, summary and the
// plain text of its sanitized HTML body, NFC, each part ending a sentence
// so the voice pauses between them, cut at MaxScript.
func Script(title, summary, body string) string {
	var b strings.Builder
	for _, part := range []string{title, summary, search.Text(body)} {
		part = strings.Join(strings.Fields(viet.NFC(part)), " ")
		if part == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(part)
		if r, _ := utf8.DecodeLastRuneInString(part); !strings.ContainsRune(".!?…:;", r) {
			b.WriteString(".")
		}
	}
	return cut(b.String())
}

// cut shortens s to MaxScript bytes at the end of a sentence, or else of a
// word, in the last quarter of the limit.
func cut(s string) string {
	if len(s) <= MaxScript {
		return s
	}
	n := MaxScript - len(more)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n-- // back to a character's first byte
	}
	s = s[:n]
	end := strings.LastIndexAny(s, ".!?")
	if end < len(s)*3/4 {
		end = strings.LastIndexFunc(s, unicode.IsSpace)
	}
	if end > 0 {
		s = s[:end+1]
	}
	return strings.TrimSpace(s) + more
}

// Hash names a script: the first 16 hex digits of its SHA-256, enough that
// two texts of one article never share a file.
func Hash(script string) string {
	sum := sha256.Sum256([]byte(script))
	return hex.EncodeToString(sum[:8])
}
