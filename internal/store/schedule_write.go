package store

import (
	"context"
	"database/sql"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// normalizeEntry stores an entry's texts NFC and checks them.
func normalizeEntry(e *portal.ScheduleEntry) error {
	e.Leader, e.Content, e.Location = viet.NFC(e.Leader), viet.NFC(e.Content), viet.NFC(e.Location)
	e.Attendees, e.Preparer, e.AdjustNote = viet.NFC(e.Attendees), viet.NFC(e.Preparer), viet.NFC(e.AdjustNote)
	return e.Validate(viet.Location)
}

// CreateScheduleEntry saves a new entry: a draft unless e.Status is set; a
// published one without a publish time is public from now.
func (s *DB) CreateScheduleEntry(ctx context.Context, who portal.Actor, e *portal.ScheduleEntry) error {
	if err := normalizeEntry(e); err != nil {
		return err
	}
	now := s.now()
	e.CreatedAt, e.UpdatedAt = now, now
	if e.Status == "" {
		e.Status = portal.StatusDraft
	}
	if e.Status == portal.StatusPublished && e.PublishedAt.IsZero() {
		e.PublishedAt = now
	}
	c := &change{action: "schedule.create", public: e.Status == portal.StatusPublished}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO schedule_entries (starts_at, ends_at, session, leader, content,
			location, attendees, preparer, status, owner_id, published_at, expires_at, sequence, cancelled, adjusted_at,
			adjust_note, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULLIF($10, 0), $11, $12,
			$13, $14, $15, $16, $17, $17) RETURNING id`, e.StartsAt.UTC(), nullTime(e.EndsAt), string(e.Session),
			e.Leader, e.Content, e.Location, e.Attendees, e.Preparer, string(e.Status), e.OwnerID,
			nullTime(e.PublishedAt), nullTime(e.ExpiresAt), e.Sequence, string(e.Cancelled), nullTime(e.AdjustedAt),
			e.AdjustNote, now).Scan(&e.ID)
		if err != nil {
			return err
		}
		c.object = scheduleObject(e.ID)
		return linkLeaders(ctx, tx, e)
	})
}

// scheduleObject names a schedule entry in the audit log.
func scheduleObject(id int64) string { return object("schedule", id) }

// UpdateScheduleEntry saves e's content if its status is still e.Status,
// and records adj, when given, as an adjustment readers are shown.
func (s *DB) UpdateScheduleEntry(ctx context.Context, who portal.Actor, e *portal.ScheduleEntry, adj *portal.Transition) error {
	if err := normalizeEntry(e); err != nil {
		return err
	}
	now := s.now()
	e.UpdatedAt = now
	c := &change{action: "schedule.save", object: scheduleObject(e.ID), public: true}
	if adj != nil {
		c.detail = adj.Note
		if adj.Action == portal.ActionCancel && e.Cancelled != "" {
			c.action = "schedule." + string(e.Cancelled)
		}
	}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		if adj != nil {
			adj.At, adj.Note = now, viet.NFC(adj.Note)
			adj.ArticleID, adj.From, adj.To = e.ID, e.Status, e.Status
			e.AdjustedAt, e.AdjustNote = now, adj.Note
			e.Sequence++
		}
		res, err := tx.ExecContext(ctx, `UPDATE schedule_entries SET starts_at = $1, ends_at = $2, session = $3,
			leader = $4, content = $5, location = $6, attendees = $7, preparer = $8, cancelled = $9, updated_at = $10,
			sequence = $11, adjusted_at = $12, adjust_note = $13 WHERE id = $14 AND status = $15 AND sequence = $16`,
			e.StartsAt.UTC(), nullTime(e.EndsAt), string(e.Session), e.Leader, e.Content, e.Location, e.Attendees,
			e.Preparer, string(e.Cancelled), now, e.Sequence, nullTime(e.AdjustedAt), e.AdjustNote, e.ID,
			string(e.Status), e.Sequence-boolInt(adj != nil))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return portal.Errorf(portal.ECONFLICT, "Mục lịch vừa được người khác thay đổi. Xin tải lại trang.")
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM schedule_entry_leaders WHERE entry_id = $1", e.ID); err != nil {
			return err
		}
		if err := linkLeaders(ctx, tx, e); err != nil {
			return err
		}
		if adj != nil {
			return insertScheduleStep(ctx, tx, adj)
		}
		return nil
	})
}

// ApplySchedule saves a workflow step of an entry (t.ArticleID is the
// entry), provided the entry is still in t.From.
func (s *DB) ApplySchedule(ctx context.Context, who portal.Actor, t *portal.Transition) error {
	t.At = t.At.UTC().Truncate(time.Microsecond)
	// No clock moves entries on: one published for a time to come is
	// published, and readers' queries wait for its publish time.
	if t.To == portal.StatusScheduled {
		t.To = portal.StatusPublished
	}
	c := &change{action: "schedule." + string(t.Action), object: scheduleObject(t.ArticleID), detail: t.Note,
		public: seen(t.From) || seen(t.To)}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		err := moveStatus(ctx, tx, "schedule_entries", "", t,
			"Mục lịch vừa được người khác chuyển trạng thái. Xin tải lại trang.")
		if err != nil {
			return err
		}
		return insertScheduleStep(ctx, tx, t)
	})
}

func insertScheduleStep(ctx context.Context, tx *sql.Tx, t *portal.Transition) error {
	return tx.QueryRowContext(ctx, `INSERT INTO schedule_history (entry_id, actor_id, actor_name, action, from_status,
		to_status, note, at) VALUES ($1, NULLIF($2, 0), $3, $4, $5, $6, $7, $8) RETURNING id`, t.ArticleID, t.ActorID,
		t.ActorName, string(t.Action), string(t.From), string(t.To), t.Note, t.At.UTC()).Scan(&t.ID)
}

// linkLeaders links e to its leaders; an unknown leader is refused.
func linkLeaders(ctx context.Context, tx *sql.Tx, e *portal.ScheduleEntry) error {
	seen := map[int64]bool{}
	for _, l := range e.Leaders {
		if seen[l.ID] {
			continue
		}
		seen[l.ID] = true
		res, err := tx.ExecContext(ctx, `INSERT INTO schedule_entry_leaders (entry_id, leader_id)
			SELECT $1, id FROM leaders WHERE id = $2`, e.ID, l.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return portal.Invalid("leaders", "Lãnh đạo đã chọn không còn trong danh sách.")
		}
	}
	return nil
}

// SaveLeader creates or updates a leader; slugs are unique.
func (s *DB) SaveLeader(ctx context.Context, who portal.Actor, l *portal.Leader) error {
	l.Name, l.Title = viet.NFC(l.Name), viet.NFC(l.Title)
	if err := l.Validate(); err != nil {
		return err
	}
	c := &change{action: "leader.save", detail: l.Label(), public: true}
	err := s.write(ctx, who, c, func(tx *sql.Tx) error {
		defer func() { c.object = object("leader", l.ID) }()
		if l.ID == 0 {
			err := tx.QueryRowContext(ctx, `INSERT INTO leaders (name, title, slug, position, active)
				VALUES ($1, $2, $3, $4, $5) RETURNING id`, l.Name, l.Title, l.Slug, l.Position, l.Active).Scan(&l.ID)
			if err != nil {
				return err
			}
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE leaders SET name = $1, title = $2, slug = $3, position = $4,
				active = $5 WHERE id = $6`, l.Name, l.Title, l.Slug, l.Position, l.Active, l.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy lãnh đạo.")
			}
		}
		return nil
	})
	if err != nil && s.dialect.isUnique(err) {
		return &portal.Error{Code: portal.ECONFLICT, Message: "Đường dẫn này đã dùng cho lãnh đạo khác.", Field: "slug"}
	}
	return err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
