// Package httperr gives the HTTP status of the portal's errors: the one
// table from portal error codes to statuses that the public site and the
// back office both answer with.
package httperr

import (
	"net/http"

	"cong/internal/portal"
)

// statuses maps each portal error code to its HTTP status.
var statuses = map[string]int{
	portal.EINVALID:   http.StatusBadRequest,
	portal.EFORBIDDEN: http.StatusForbidden,
	portal.ENOTFOUND:  http.StatusNotFound,
	portal.ECONFLICT:  http.StatusConflict,
	portal.ETOOLARGE:  http.StatusRequestEntityTooLarge,
	portal.ELIMIT:     http.StatusTooManyRequests,
	portal.EINTERNAL:  http.StatusInternalServerError,
	// The reader's request was fine; the portal cannot serve it for now.
	portal.EUNAVAILABLE: http.StatusServiceUnavailable,
	portal.EFULL:        http.StatusServiceUnavailable,
}

// Status is the HTTP status for err: its portal code's, and 500 for an
// error without one, whose details belong in the log only.
func Status(err error) int {
	if s, ok := statuses[portal.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}
