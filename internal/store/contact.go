package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// Departments lists the departments of the contact page in their order,
// each with its staff.
func (s *DB) Departments(ctx context.Context) ([]portal.Department, error) {
	deps, err := query(ctx, s.db, func(row scanner, d *portal.Department) error {
		var emails string
		err := row.Scan(&d.ID, &d.Name, &emails, &d.Position)
		d.Emails = strings.Split(emails, "\n")
		return err
	}, "SELECT id, name, emails, position FROM contact_departments ORDER BY position, name")
	if err != nil {
		return nil, err
	}
	type pair struct{ department, user int64 }
	staff, err := query(ctx, s.db, func(row scanner, p *pair) error { return row.Scan(&p.department, &p.user) },
		"SELECT department_id, user_id FROM contact_department_staff ORDER BY user_id")
	if err != nil {
		return nil, err
	}
	for i := range deps {
		for _, p := range staff {
			if p.department == deps[i].ID {
				deps[i].StaffIDs = append(deps[i].StaffIDs, p.user)
			}
		}
	}
	return deps, nil
}

// SaveDepartment adds a department, or changes the one d.ID names: its
// name, addresses, position and staff. Readers see the list on the contact
// page, so the change is public.
func (s *DB) SaveDepartment(ctx context.Context, who portal.Actor, d *portal.Department) error {
	d.Name = viet.NFC(d.Name)
	if err := d.Validate(); err != nil {
		return err
	}
	slices.Sort(d.StaffIDs)
	d.StaffIDs = slices.Compact(d.StaffIDs)
	c := &change{action: "contact_department.save", detail: d.Name + " → " + strings.Join(d.Emails, ", "), public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		err := saveDepartmentRow(ctx, tx, d)
		if s.dialect.isUnique(err) {
			return portal.Invalid("name", "Đã có phòng ban tên này.")
		}
		if err != nil {
			return err
		}
		c.object = object("contact_department", d.ID)
		if _, err := tx.ExecContext(ctx, "DELETE FROM contact_department_staff WHERE department_id = $1", d.ID); err != nil {
			return err
		}
		for _, id := range d.StaffIDs { // staff only: an id of no account adds nothing
			if _, err := tx.ExecContext(ctx, `INSERT INTO contact_department_staff (department_id, user_id)
				SELECT $1, id FROM users WHERE id = $2`, d.ID, id); err != nil {
				return err
			}
		}
		return nil
	})
}

func saveDepartmentRow(ctx context.Context, tx *sql.Tx, d *portal.Department) error {
	emails := strings.Join(d.Emails, "\n")
	if d.ID == 0 {
		return tx.QueryRowContext(ctx, "INSERT INTO contact_departments (name, emails, position) VALUES ($1, $2, $3) RETURNING id",
			d.Name, emails, d.Position).Scan(&d.ID)
	}
	res, err := tx.ExecContext(ctx, "UPDATE contact_departments SET name = $1, emails = $2, position = $3 WHERE id = $4",
		d.Name, emails, d.Position, d.ID)
	if n, _ := rowsAffected(res); err == nil && n != 1 {
		return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy phòng ban.")
	}
	return err
}

// SubmitContact saves a reader's message and queues its mails, one per
// address of its department, in one transaction with the limits that keep
// one sender from flooding: a message is never saved without its mails,
// nor a mail queued for a message that was not saved.
func (s *DB) SubmitContact(ctx context.Context, who portal.Actor, m *portal.ContactMessage, gap time.Duration, perHour int) error {
	m.Name, m.Subject, m.Body = viet.NFC(m.Name), viet.NFC(m.Subject), viet.NFC(m.Body)
	if err := m.Validate(); err != nil {
		return err
	}
	now := s.now()
	c := &change{action: "contact.submit"}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		if err := s.dialect.serialize(ctx, tx); err != nil {
			return err
		}
		if err := contactLimits(ctx, tx, m, now, gap, perHour); err != nil {
			return err
		}
		var emails string
		err := tx.QueryRowContext(ctx, "SELECT name, emails FROM contact_departments WHERE id = $1", m.DepartmentID).
			Scan(&m.DepartmentName, &emails)
		if errors.Is(err, sql.ErrNoRows) {
			return portal.Invalid("department", "Phòng ban này không có, xin chọn lại.")
		} else if err != nil {
			return err
		}
		m.CreatedAt = now
		if err := tx.QueryRowContext(ctx, `INSERT INTO contact_messages (department_id, name, email, phone, subject, body,
			ip, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, m.DepartmentID, m.Name, m.Email, m.Phone,
			m.Subject, m.Body, m.IP, now).Scan(&m.ID); err != nil {
			return err
		}
		c.object = object("contact", m.ID)
		subject, body := portal.ContactMail(m, m.DepartmentName)
		for _, to := range strings.Split(emails, "\n") {
			if _, err := tx.ExecContext(ctx, `INSERT INTO mail_queue (contact_id, recipient, reply_name, reply_email,
				subject, body, token, created_at, next_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`, m.ID, to,
				m.Name, m.Email, subject, body, strings.ToLower(rand.Text()), now); err != nil {
				return err
			}
		}
		return nil
	})
}

// contactLimits refuses a message whose sender wrote less than gap ago,
// perHour times in the last hour, or the same message before.
func contactLimits(ctx context.Context, tx rowQueryer, m *portal.ContactMessage, now time.Time, gap time.Duration, perHour int) error {
	var hour, last, same int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(CASE WHEN created_at > $3 THEN 1 END),
		COUNT(CASE WHEN created_at > $4 THEN 1 END), COUNT(CASE WHEN subject = $5 AND body = $6 THEN 1 END)
		FROM contact_messages WHERE ip = $1 OR email = $2`, m.IP, m.Email, now.Add(-time.Hour), now.Add(-gap),
		m.Subject, m.Body).Scan(&hour, &last, &same)
	switch {
	case err != nil:
		return err
	case same > 0:
		return portal.Errorf(portal.ECONFLICT, "Thư này đã được gửi rồi.")
	case last > 0:
		return portal.Errorf(portal.ELIMIT, "Bạn vừa gửi thư. Xin đợi một phút rồi gửi tiếp.")
	case hour >= perHour:
		return portal.Errorf(portal.ELIMIT, "Bạn đã gửi nhiều thư trong một giờ qua. Xin đợi rồi gửi tiếp.")
	}
	return nil
}

const contactColumns = `m.id, m.department_id, d.name, m.name, m.email, m.phone, m.subject, m.body, m.ip, m.created_at
	FROM contact_messages m JOIN contact_departments d ON d.id = m.department_id`

func scanContact(row scanner, m *portal.ContactMessage) error {
	return row.Scan(&m.ID, &m.DepartmentID, &m.DepartmentName, &m.Name, &m.Email, &m.Phone, &m.Subject, &m.Body,
		&m.IP, &m.CreatedAt)
}

// ContactMessages lists messages for staff, newest first, a page at a time
// by id.
func (s *DB) ContactMessages(ctx context.Context, f portal.ContactFilter) ([]portal.ContactMessage, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if !f.All {
		if len(f.Departments) == 0 {
			return nil, nil
		}
		var ids []string
		for _, id := range f.Departments {
			ids = append(ids, arg(id))
		}
		where = append(where, "m.department_id IN ("+strings.Join(ids, ", ")+")")
	}
	if f.DepartmentID != 0 {
		where = append(where, "m.department_id = "+arg(f.DepartmentID))
	}
	if f.BeforeID != 0 {
		where = append(where, "m.id < "+arg(f.BeforeID))
	}
	q := "SELECT " + contactColumns
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	return query(ctx, s.db, scanContact, q+" ORDER BY m.id DESC LIMIT "+strconv.Itoa(limit), args...)
}

// ContactMessage returns a message with where each of its mails stands.
func (s *DB) ContactMessage(ctx context.Context, id int64) (*portal.ContactMessage, error) {
	var m portal.ContactMessage
	if err := scanContact(s.db.QueryRowContext(ctx, "SELECT "+contactColumns+" WHERE m.id = $1", id), &m); err != nil {
		return nil, notFound(err, "thư liên hệ")
	}
	var err error
	m.Deliveries, err = query(ctx, s.db, func(row scanner, d *portal.MailDelivery) error {
		var sent, gaveUp sql.NullTime
		err := row.Scan(&d.Recipient, &d.Attempts, &sent, &gaveUp, &d.NextAt, &d.LastError)
		d.SentAt, d.GivenUpAt = sent.Time, gaveUp.Time
		return err
	}, `SELECT recipient, attempts, sent_at, given_up_at, next_at, last_error FROM mail_queue WHERE contact_id = $1
		ORDER BY id`, id)
	return &m, err
}
