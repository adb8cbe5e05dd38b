package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
)

// scheduleColumns are read by scanEntry, in its order.
const scheduleColumns = `e.id, e.starts_at, e.ends_at, e.session, e.leader, e.content, e.location, e.attendees,
	e.preparer, e.status, COALESCE(e.owner_id, 0), e.published_at, e.expires_at, e.sequence, e.cancelled,
	e.adjusted_at, e.adjust_note, e.created_at, e.updated_at`

// readerVisible is the condition on entries readers see at $1.
const readerVisible = `e.status IN ('published', 'scheduled') AND e.published_at <= $1
	AND (e.expires_at IS NULL OR e.expires_at > $1)`

func scanEntry(row scanner, e *portal.ScheduleEntry) error {
	var ends, published, expires, adjusted, created, updated sql.NullTime
	err := row.Scan(&e.ID, &e.StartsAt, &ends, &e.Session, &e.Leader, &e.Content, &e.Location, &e.Attendees,
		&e.Preparer, &e.Status, &e.OwnerID, &published, &expires, &e.Sequence, &e.Cancelled, &adjusted,
		&e.AdjustNote, &created, &updated)
	e.EndsAt, e.PublishedAt, e.ExpiresAt, e.AdjustedAt = ends.Time, published.Time, expires.Time, adjusted.Time
	e.CreatedAt, e.UpdatedAt = created.Time, updated.Time
	return err
}

// PublicSchedule lists the entries readers see at f.Now starting in
// [f.From, f.To), of one leader when f.LeaderID is set.
func (s *DB) PublicSchedule(ctx context.Context, f portal.ScheduleFilter) ([]portal.ScheduleEntry, error) {
	q := `SELECT ` + scheduleColumns + ` FROM schedule_entries e WHERE ` + readerVisible + `
		AND e.starts_at >= $2 AND e.starts_at < $3`
	args := []any{f.Now.UTC(), f.From.UTC(), f.To.UTC()}
	if f.LeaderID != 0 {
		q += " AND EXISTS (SELECT 1 FROM schedule_entry_leaders l WHERE l.entry_id = e.id AND l.leader_id = $4)"
		args = append(args, f.LeaderID)
	}
	return s.withLeaders(ctx, q+" ORDER BY e.starts_at, e.id LIMIT 2000", args...)
}

// ScheduleBounds finds the first and last entries readers see at f.Now, and
// the nearest ones before f.From and from f.To on. Each is one indexed row,
// read as a plain ordered column so that both drivers return a time.
func (s *DB) ScheduleBounds(ctx context.Context, f portal.ScheduleFilter) (portal.ScheduleBounds, error) {
	var b portal.ScheduleBounds
	where, args := ` WHERE `+readerVisible, []any{f.Now.UTC()}
	if f.LeaderID != 0 {
		where += " AND EXISTS (SELECT 1 FROM schedule_entry_leaders l WHERE l.entry_id = e.id AND l.leader_id = $2)"
		args = append(args, f.LeaderID)
	}
	next := "$" + strconv.Itoa(len(args)+1)
	for _, q := range []struct {
		into        *time.Time
		cond, order string
		arg         any
	}{
		{&b.First, "", "", nil},
		{&b.Last, "", " DESC", nil},
		{&b.Before, " AND e.starts_at < " + next, " DESC", f.From.UTC()},
		{&b.After, " AND e.starts_at >= " + next, "", f.To.UTC()},
	} {
		a := args
		if q.arg != nil {
			a = append(a[:len(a):len(a)], q.arg)
		}
		err := s.db.QueryRowContext(ctx, `SELECT e.starts_at FROM schedule_entries e`+where+q.cond+
			` ORDER BY e.starts_at`+q.order+` LIMIT 1`, a...).Scan(q.into)
		if err != nil && err != sql.ErrNoRows {
			return b, err
		}
	}
	return b, nil
}

// NextScheduleChange is the first publish or expiry time after now of an
// entry in the workflow's public statuses. Each is read as a plain column,
// ordered, so that both drivers return a time.
func (s *DB) NextScheduleChange(ctx context.Context, now time.Time) (time.Time, error) {
	var next time.Time
	for _, col := range []string{"published_at", "expires_at"} {
		var t time.Time
		err := s.db.QueryRowContext(ctx, `SELECT `+col+` FROM schedule_entries WHERE status IN ('published', 'scheduled')
			AND `+col+` > $1 ORDER BY `+col+` LIMIT 1`, now.UTC()).Scan(&t)
		switch {
		case err == sql.ErrNoRows:
		case err != nil:
			return time.Time{}, err
		case next.IsZero() || t.Before(next):
			next = t
		}
	}
	return next, nil
}

// ScheduleEntries lists every entry starting in [from, to), for staff.
func (s *DB) ScheduleEntries(ctx context.Context, from, to time.Time) ([]portal.ScheduleEntry, error) {
	return s.withLeaders(ctx, `SELECT `+scheduleColumns+` FROM schedule_entries e
		WHERE e.starts_at >= $1 AND e.starts_at < $2 ORDER BY e.starts_at, e.id LIMIT 2000`, from.UTC(), to.UTC())
}

// ScheduleEntry returns one entry with its leaders.
func (s *DB) ScheduleEntry(ctx context.Context, id int64) (*portal.ScheduleEntry, error) {
	es, err := s.withLeaders(ctx, `SELECT `+scheduleColumns+` FROM schedule_entries e WHERE e.id = $1`, id)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, portal.Errorf(portal.ENOTFOUND, "Không tìm thấy mục lịch.")
	}
	return &es[0], nil
}

// withLeaders reads entries and then, in one query, their leaders.
func (s *DB) withLeaders(ctx context.Context, q string, args ...any) ([]portal.ScheduleEntry, error) {
	es, err := query(ctx, s.db, scanEntry, q, args...)
	if err != nil || len(es) == 0 {
		return es, err
	}
	at := make(map[int64]int, len(es))
	ids := make([]string, len(es))
	for i, e := range es {
		at[e.ID], ids[i] = i, strconv.FormatInt(e.ID, 10)
	}
	type link struct {
		entry  int64
		leader portal.Leader
	}
	links, err := query(ctx, s.db, func(row scanner, l *link) error {
		return row.Scan(&l.entry, &l.leader.ID, &l.leader.Name, &l.leader.Title, &l.leader.Slug, &l.leader.Position,
			&l.leader.Active)
	}, `SELECT el.entry_id, l.id, l.name, l.title, l.slug, l.position, l.active FROM schedule_entry_leaders el
		JOIN leaders l ON l.id = el.leader_id WHERE el.entry_id IN (`+strings.Join(ids, ",")+`)`)
	byPosition(links, func(l *link) (int, string, int64) { return leaderKey(&l.leader) })
	for _, l := range links {
		e := &es[at[l.entry]]
		e.Leaders = append(e.Leaders, l.leader)
	}
	return es, err
}

// ScheduleHistory lists an entry's workflow steps and adjustments, oldest first.
func (s *DB) ScheduleHistory(ctx context.Context, id int64) ([]portal.Transition, error) {
	return query(ctx, s.db, func(row scanner, t *portal.Transition) error {
		return row.Scan(&t.ID, &t.ArticleID, &t.ActorID, &t.ActorName, &t.Action, &t.From, &t.To, &t.Note, &t.At)
	}, `SELECT id, entry_id, COALESCE(actor_id, 0), actor_name, action, from_status, to_status, note, at
		FROM schedule_history WHERE entry_id = $1 ORDER BY at, id`, id)
}

// Leaders lists the leaders in position order, then by name.
func (s *DB) Leaders(ctx context.Context, all bool) ([]portal.Leader, error) {
	list, err := query(ctx, s.db, func(row scanner, l *portal.Leader) error {
		return row.Scan(&l.ID, &l.Name, &l.Title, &l.Slug, &l.Position, &l.Active)
	}, `SELECT id, name, title, slug, position, active FROM leaders WHERE active OR $1`, all)
	byPosition(list, leaderKey)
	return list, err
}
