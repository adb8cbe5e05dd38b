package web

import (
	"errors"
	"html/template"
	"slices"
	"time"

	"cong/internal/httperr"
	"cong/internal/portal"
)

// FormErrors is what is wrong with a form a reader sent, one message per
// field in the order of the form. The readers' three forms (comments,
// comments on drafts, questions) show it the same way, with the templates
// of layout/forms.html: a summary at the top of the form that takes the
// focus and links to each field, and under each field its message, which
// the field names with aria-describedby and marks aria-invalid.
type FormErrors struct {
	// Prefix begins the ids of the form's fields: field "name" is the
	// element #<Prefix>name, its message #<Prefix>name-loi, the summary
	// #<Prefix>loi.
	Prefix string
	List   []FieldError // the form as a whole first, then the fields in order
}

// FieldError is one message; Field is "" for the form as a whole.
type FieldError struct {
	Field, Message string
}

// FieldMessage is a field's message and the id it is shown under.
type FieldMessage struct {
	ID, Message string
}

// formFields are the fields of a form in their order, and the prefix of
// their ids.
type formFields struct {
	prefix string
	names  []string
}

var (
	commentFields  = formFields{"c-", []string{"name", "email", "body", "consent"}}
	questionFields = formFields{"q-", []string{"name", "email", "phone", "address", "topic", "title", "content", "file", "consent"}}
	contactFields  = formFields{"lh-", []string{"department", "name", "email", "phone", "subject", "body", "consent"}}
)

// Of returns the message of field, "" when it has none.
func (e FormErrors) Of(field string) string {
	for _, fe := range e.List {
		if fe.Field == field {
			return fe.Message
		}
	}
	return ""
}

// For returns the message of field with the id it is shown under.
func (e FormErrors) For(field string) FieldMessage {
	return FieldMessage{ID: e.Prefix + field + "-loi", Message: e.Of(field)}
}

// Invalid returns the attributes of a field that has a message: marked
// invalid and described by it. Prefix and field come from this package's
// code, never from a request.
func (e FormErrors) Invalid(field string) template.HTMLAttr {
	if e.Of(field) == "" {
		return ""
	}
	return template.HTMLAttr(` aria-invalid="true" aria-describedby="` + template.HTMLEscapeString(e.Prefix+field) + `-loi"`)
}

// formErrors tells what to show a reader whose form was refused: the
// status, and every message, each at its field when the form has it or
// else for the whole form; ok is false when err holds an error that is
// not the reader's to fix.
func formErrors(err error, form formFields) (status int, fe FormErrors, ok bool) {
	var all []*portal.Error
	if !leaves(err, &all) || len(all) == 0 {
		return 0, fe, false
	}
	switch all[0].Code {
	case portal.EINVALID, portal.ELIMIT, portal.ECONFLICT, portal.EFORBIDDEN, portal.ETOOLARGE:
		status = httperr.Status(all[0])
	default:
		return 0, fe, false
	}
	fe.Prefix = form.prefix
	for _, e := range all { // messages for the whole form, or for a field it does not have
		if !slices.Contains(form.names, e.Field) {
			fe.List = append(fe.List, FieldError{Message: e.Message})
		}
	}
	for _, name := range form.names {
		if i := slices.IndexFunc(all, func(e *portal.Error) bool { return e.Field == name }); i >= 0 {
			fe.List = append(fe.List, FieldError{Field: name, Message: all[i].Message})
		}
	}
	return status, fe, true
}

// leaves appends the *portal.Error values err is made of, in order (errors
// joined by portal.Join included); it reports false if one is not.
func leaves(err error, out *[]*portal.Error) bool {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			if !leaves(e, out) {
				return false
			}
		}
		return true
	}
	var e *portal.Error
	if !errors.As(err, &e) {
		return false
	}
	*out = append(*out, e)
	return true
}

// consentError is the message of a form sent without its consent box ticked.
func consentError(value, message string) error {
	if value == "1" {
		return nil
	}
	return portal.Invalid("consent", message)
}

// tokenError is the message of a form whose signed fill time is forged,
// too recent or stale.
func tokenError(secret, token string, now time.Time) error {
	if checkToken(secret, token, now) {
		return nil
	}
	return portal.Invalid("form", "Biểu mẫu đã quá hạn hoặc được gửi quá nhanh. Xin kiểm tra rồi gửi lại.")
}
