// Package progress shows how far a long command is (an import, a backup, a
// restore, a check): a line rewritten in place when it goes to a terminal,
// plain lines now and then when it goes to a log or a pipe.
package progress

import (
	"fmt"
	"io"
	"os"
	"time"
)

// How often a line is shown: often on a terminal, where it replaces the
// last one, seldom elsewhere, where each stays.
const (
	terminalEvery = 100 * time.Millisecond
	plainEvery    = 5 * time.Second
)

// Line is one progress line on out. It is not safe for concurrent use: its
// owner calls it under its own lock.
type Line struct {
	out      io.Writer
	Terminal bool // out is a terminal: the line is rewritten in place
	shown    time.Time
}

// NewLine starts a progress line on out at now.
func NewLine(out io.Writer, now time.Time) *Line {
	return &Line{out: out, Terminal: IsTerminal(out), shown: now}
}

// Due reports whether a line may be shown at now — always when final —
// and, when it may, counts it as shown.
func (l *Line) Due(now time.Time, final bool) bool {
	every := plainEvery
	if l.Terminal {
		every = terminalEvery
	}
	if !final && now.Sub(l.shown) < every {
		return false
	}
	l.shown = now
	return true
}

// Write shows text: in place of the last line on a terminal, where final
// ends the line, or as a line of its own elsewhere.
func (l *Line) Write(text string, final bool) {
	if !l.Terminal {
		fmt.Fprintln(l.out, text)
		return
	}
	fmt.Fprintf(l.out, "\r\033[K%s", text)
	if final {
		fmt.Fprintln(l.out)
	}
}

// IsTerminal reports whether w is a terminal (a character device), where a
// line may be rewritten in place.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
