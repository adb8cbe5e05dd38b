package httperr_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"cong/internal/httperr"
	"cong/internal/portal"
)

func TestStatus(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want int
	}{
		{"invalid", portal.Invalid("title", "Xin nhập tiêu đề."), http.StatusBadRequest},
		{"forbidden", portal.Errorf(portal.EFORBIDDEN, "Không được."), http.StatusForbidden},
		{"not found", portal.Errorf(portal.ENOTFOUND, ""), http.StatusNotFound},
		{"conflict", portal.Errorf(portal.ECONFLICT, "Đã có người sửa."), http.StatusConflict},
		{"too large", portal.TooLarge("file", "Tệp quá lớn."), http.StatusRequestEntityTooLarge},
		{"too many", portal.Errorf(portal.ELIMIT, "Xin đợi."), http.StatusTooManyRequests},
		{"wrapped too many", fmt.Errorf("submit: %w", portal.Errorf(portal.ELIMIT, "Xin đợi.")), http.StatusTooManyRequests},
		{"unavailable", fmt.Errorf("%w: %w", portal.Errorf(portal.EUNAVAILABLE, "x"), errors.New("dial")), http.StatusServiceUnavailable},
		{"full", portal.Errorf(portal.EFULL, "x"), http.StatusServiceUnavailable},
		{"internal", portal.Errorf(portal.EINTERNAL, "x"), http.StatusInternalServerError},
		{"plain error", errors.New("disk full"), http.StatusInternalServerError},
		{"unknown code", portal.Errorf("strange", "x"), http.StatusInternalServerError},
	} {
		if got := httperr.Status(tc.err); got != tc.want {
			t.Errorf("%s: Status(%v) = %d; want %d", tc.name, tc.err, got, tc.want)
		}
	}
}
