package backup

import (
	"fmt"
	"io"
	"sync"
	"time"

	"cong/internal/progress"
)

// Progress shows how far a backup, a check or a restore is: a line
// rewritten in place when out is a terminal, a line every five seconds
// otherwise, like the importers'. A nil *Progress shows nothing.
type Progress struct {
	name string
	line *progress.Line
	now  func() time.Time

	mu                sync.Mutex
	tables, tablesAll int
	rows              int64
	files, filesAll   int
	bytes             int64
	current           string // the table a restore is writing
	currentRows       int64
}

// NewProgress starts a progress line named name ("backup", "restore").
func NewProgress(name string, out io.Writer) *Progress {
	p := &Progress{name: name, now: time.Now}
	p.line = progress.NewLine(out, p.now())
	return p
}

// expect tells how many tables and media files there are in all.
func (p *Progress) expect(tables, files int) {
	p.update(func() { p.tablesAll, p.filesAll = tables, files })
}

// Expect tells what m holds, for a restore's line.
func (p *Progress) Expect(m Manifest) { p.expect(len(m.Tables), len(m.Media)) }

// TableRows is told by a restore how many rows of table it has written.
func (p *Progress) TableRows(table string, rows int64) {
	p.update(func() {
		if table != p.current {
			p.endTable()
			p.current = table
		}
		p.rows += rows - p.currentRows
		p.currentRows = rows
	})
}

func (p *Progress) endTable() {
	if p.current != "" {
		p.tables++
	}
	p.current, p.currentRows = "", 0
}

// table counts a table done.
func (p *Progress) table() { p.update(func() { p.tables++ }) }

// row counts rows read or written.
func (p *Progress) row(n int64) { p.update(func() { p.rows += n }) }

// file counts a media file done, of size bytes.
func (p *Progress) file(size int64) { p.update(func() { p.files++; p.bytes += size }) }

// addBytes counts bytes of table parts.
func (p *Progress) addBytes(n int64) { p.update(func() { p.bytes += n }) }

func (p *Progress) update(fn func()) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fn()
	p.show(false)
}

// Done ends the line.
func (p *Progress) Done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.endTable()
	p.show(true)
}

func (p *Progress) show(final bool) {
	if !p.line.Due(p.now(), final) {
		return
	}
	p.line.Write(fmt.Sprintf("%s: tables %d/%d, %d rows, media %d/%d, %s", p.name, p.tables, p.tablesAll, p.rows,
		p.files, p.filesAll, Size(p.bytes)), final)
}

// Size writes a number of bytes for people: "512 B", "3.4 MB".
func Size(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "KMGTP"[exp])
}
