// Package portal holds Cổng's domain: the types a portal is made of (categories,
// articles, media, side blocks, counters), their validation rules, the service
// interfaces the adapters implement, and the error codes every layer shares.
//
// It imports nothing of ours and knows no SQL and no HTTP, so the rules here
// read the same for the public site, the back office and the command line.
package portal

import (
	"errors"
	"fmt"
)

// Error codes. One table (package httperr) maps each to an HTTP status for
// both the public site and the back office.
const (
	ECONFLICT  = "conflict"
	EINTERNAL  = "internal"
	EINVALID   = "invalid"
	ENOTFOUND  = "not_found"
	EFORBIDDEN = "forbidden"
	ELIMIT     = "too_many"  // too many requests: wait
	ETOOLARGE  = "too_large" // a request body, an upload or a form over its size limit
	// EUNAVAILABLE: the database cannot be reached for now (an outage);
	// the request itself was fine and may be sent again later.
	EUNAVAILABLE = "unavailable"
	// EFULL: the disk or the database has no room left to save what was sent.
	EFULL = "full"
)

// Error is an error a person can be shown: Message is Vietnamese and safe to
// print; Field, when set, names the form field it belongs to.
type Error struct {
	Code    string
	Message string
	Field   string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("portal: %s (%s): %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("portal: %s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error for one form field.
func Invalid(field, message string) *Error {
	return &Error{Code: EINVALID, Field: field, Message: message}
}

// TooLarge returns an ETOOLARGE error for one form field.
func TooLarge(field, message string) *Error {
	return &Error{Code: ETOOLARGE, Field: field, Message: message}
}

// Join joins the errors of several fields, so a form can show them all at
// once: nil when every one is nil, the error itself when only one is not
// (so a type assertion keeps working), errors.Join of them otherwise.
// errors.As, ErrorCode and ErrorMessage see the first.
func Join(errs ...error) error {
	var out []error
	for _, err := range errs {
		if err != nil {
			out = append(out, err)
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return errors.Join(out...)
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message a person may see for err: the *Error's own
// message, or a generic one for internal errors, whose details stay in the log.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Hệ thống đang gặp sự cố, xin vui lòng thử lại sau."
}

// Unavailable wraps cause, an error that means the database cannot be
// reached for now, as the EUNAVAILABLE error a person is shown.
func Unavailable(cause error) error {
	return fmt.Errorf("%w: %w", &Error{Code: EUNAVAILABLE, Message: "Hệ thống đang tạm gián đoạn, xin gửi lại sau ít phút."}, cause)
}

// Full wraps cause, an error that means the disk or the database has no
// room left, as the EFULL error a person is shown.
func Full(cause error) error {
	return fmt.Errorf("%w: %w", &Error{Code: EFULL, Message: "Máy chủ tạm thời không lưu được nội dung gửi lên " +
		"(hết chỗ lưu trữ). Xin gửi lại sau ít phút."}, cause)
}
