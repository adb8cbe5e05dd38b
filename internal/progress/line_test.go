package progress

import (
	"bytes"
	"testing"
	"time"
)

func TestLine(t *testing.T) {
	start := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		terminal bool
		want     string
	}{
		// Off a terminal: a line at most every five seconds, and the last.
		{"plain", false, "at 5s\nat 6s, final\n"},
		// On a terminal: in place, ten times a second at most.
		{"terminal", true, "\r\x1b[Kat 100ms\r\x1b[Kat 5s\r\x1b[Kat 6s, final\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			l := NewLine(&out, start)
			l.Terminal = tc.terminal
			for _, step := range []struct {
				at    time.Duration
				text  string
				final bool
			}{
				{50 * time.Millisecond, "at 50ms", false},
				{100 * time.Millisecond, "at 100ms", false},
				{5 * time.Second, "at 5s", false},
				{6 * time.Second, "at 6s, final", true},
			} {
				if l.Due(start.Add(step.at), step.final) {
					l.Write(step.text, step.final)
				}
			}
			if out.String() != tc.want {
				t.Errorf("wrote %q, want %q", out.String(), tc.want)
			}
		})
	}
}

func TestIsTerminal(t *testing.T) {
	if IsTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is no terminal")
	}
}
