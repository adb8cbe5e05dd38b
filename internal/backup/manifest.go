// Package backup writes, reads and checks Cổng's backup archives: a zip
// file holding every table of a database snapshot as JSON lines, every
// media file, and a manifest sealed with the audit key. The archive is the
// same whichever engine it came from, so restoring one is also how a portal
// moves between SQLite and PostgreSQL.
package backup

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"cong/internal/store"
)

// Format names this layout of archive; a reader refuses any other.
const Format = "cong-backup/1"

// The names of the archive's own parts.
const (
	manifestName = "manifest.json"
	sealName     = "manifest.hmac"
	tablesDir    = "tables/"
	mediaDir     = "media/"
)

// Manifest describes an archive: what made it, the schema its rows follow,
// and every other part with its size and SHA-256, so that any change to a
// part shows. The seal (an HMAC of the manifest under the audit key) shows
// any change to the manifest itself.
type Manifest struct {
	Format        string    `json:"format"`
	Version       string    `json:"cong_version"`
	CreatedAt     time.Time `json:"created_at"`
	Engine        string    `json:"engine"`         // the engine the backup was read from
	SchemaVersion int       `json:"schema_version"` // the number of the last migration applied
	Migrations    []string  `json:"migrations"`
	Tables        []Table   `json:"tables"` // each after the tables it refers to
	Media         []Part    `json:"media"`
}

// Table is a table's part: one JSON array per line, one line per row, its
// values in the order of Columns.
type Table struct {
	Table   string         `json:"table"`
	Columns []store.Column `json:"columns"`
	Rows    int64          `json:"rows"`
	Part
}

// Part is a file in the archive.
type Part struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Rows counts the rows of every table.
func (m *Manifest) Rows() int64 {
	var n int64
	for _, t := range m.Tables {
		n += t.Rows
	}
	return n
}

// MediaBytes is the size of every media file.
func (m *Manifest) MediaBytes() int64 {
	var n int64
	for _, p := range m.Media {
		n += p.Size
	}
	return n
}

// seal is the manifest's HMAC under key.
func seal(key, manifest []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write(manifest)
	return hex.EncodeToString(mac.Sum(nil))
}
