package store

import (
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"cong/internal/portal"
)

// Fault tells a fault of the database apart from an error of the request.
// It returns err wrapped as portal.Unavailable when it means the database
// cannot be reached for now — a refused, broken or timed-out connection, a
// server shutting down, crashed or starting, SQLite locked past its busy
// timeout or unable to read its file — as portal.Full when the database or
// its disk has no room left, and err itself otherwise: a portal error (not
// found, invalid, …) stays what it is, and so does a query's own mistake.
func Fault(err error) error {
	var pe *portal.Error
	switch {
	case err == nil || errors.As(err, &pe):
		return err
	case full(err):
		return portal.Full(err)
	case unreachable(err):
		return portal.Unavailable(err)
	}
	return err
}

// full reports whether err says there is no room left: PostgreSQL's
// disk_full, SQLite's SQLITE_FULL, or the system's ENOSPC or EDQUOT.
func full(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "53100"
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		return lite.Code()&0xff == sqlite3.SQLITE_FULL
	}
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// unreachable reports whether err means the database cannot be reached.
func unreachable(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return strings.HasPrefix(pg.Code, "08") || // connection exception
			pg.Code == "57P01" || pg.Code == "57P02" || pg.Code == "57P03" || // shut down, crashed, starting up
			pg.Code == "53300" || pg.Code == "58030" // too many connections, I/O error
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		switch lite.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_NOMEM:
			return true
		}
		return false
	}
	var connect *pgconn.ConnectError
	var netErr net.Error
	return errors.As(err, &connect) || errors.As(err, &netErr) || pgconn.Timeout(err) ||
		errors.Is(err, pgconn.ErrConnClosed) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}
