package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

const pollColumns = `p.id, p.question, p.description, p.max_choices, p.results_after, p.opens_at, p.closes_at,
	p.published, p.created_at, p.updated_at`

func scanPoll(row scanner, p *portal.Poll) error {
	return row.Scan(&p.ID, &p.Question, &p.Description, &p.MaxChoices, &p.ResultsAfter, &p.OpensAt, &p.ClosesAt,
		&p.Published, &p.CreatedAt, &p.UpdatedAt)
}

func normalizePoll(p *portal.Poll) error {
	p.Question, p.Description = viet.NFC(p.Question), viet.NFC(p.Description)
	for i := range p.Options {
		p.Options[i].Label = viet.NFC(p.Options[i].Label)
	}
	return p.Validate()
}

// CreatePoll saves a new poll with its options.
func (s *DB) CreatePoll(ctx context.Context, who portal.Actor, p *portal.Poll) error {
	if err := normalizePoll(p); err != nil {
		return err
	}
	p.CreatedAt, p.UpdatedAt = s.now(), s.now()
	ch := &change{action: "poll.create", detail: p.Question, public: p.Published}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO polls (question, description, max_choices, results_after, opens_at,
			closes_at, published, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			p.Question, p.Description, p.MaxChoices, p.ResultsAfter, p.OpensAt, p.ClosesAt, p.Published, p.CreatedAt,
			p.UpdatedAt).Scan(&p.ID)
		if err != nil {
			return err
		}
		ch.object = object("poll", p.ID)
		return insertPollOptions(ctx, tx, p)
	})
}

func insertPollOptions(ctx context.Context, tx *sql.Tx, p *portal.Poll) error {
	for i := range p.Options {
		o := &p.Options[i]
		o.Position = i
		err := tx.QueryRowContext(ctx, `INSERT INTO poll_options (poll_id, position, label) VALUES ($1, $2, $3)
			RETURNING id`, p.ID, o.Position, o.Label).Scan(&o.ID)
		if err != nil {
			return err
		}
	}
	return nil
}

// UpdatePoll saves staff's changes. Options are replaced only while nobody
// has voted; afterwards only their wording may change, one for one.
func (s *DB) UpdatePoll(ctx context.Context, who portal.Actor, p *portal.Poll) error {
	if err := normalizePoll(p); err != nil {
		return err
	}
	p.UpdatedAt = s.now()
	ch := &change{action: "poll.update", object: object("poll", p.ID), detail: p.Question, public: true}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE polls SET question = $1, description = $2, max_choices = $3,
			results_after = $4, opens_at = $5, closes_at = $6, updated_at = $7 WHERE id = $8`, p.Question, p.Description,
			p.MaxChoices, p.ResultsAfter, p.OpensAt, p.ClosesAt, p.UpdatedAt, p.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy cuộc bình chọn.")
		}
		return s.savePollOptions(ctx, tx, p)
	})
}

// savePollOptions replaces a poll's options when it has no ballot, and
// otherwise renames the ones it has, refusing any other change.
func (s *DB) savePollOptions(ctx context.Context, tx *sql.Tx, p *portal.Poll) error {
	voted, err := counted(ctx, tx, "SELECT COUNT(*) FROM poll_ballots WHERE poll_id = $1", p.ID)
	if err != nil {
		return err
	}
	if !voted {
		if _, err := tx.ExecContext(ctx, "DELETE FROM poll_options WHERE poll_id = $1", p.ID); err != nil {
			return err
		}
		return insertPollOptions(ctx, tx, p)
	}
	old, err := query(ctx, tx, scanPollOption, `SELECT id, label, position FROM poll_options WHERE poll_id = $1
		ORDER BY position, id`, p.ID)
	if err != nil {
		return err
	}
	if len(old) != len(p.Options) {
		return portal.Invalid("options", "Cuộc bình chọn đã có phiếu: chỉ được sửa lời các phương án, không thêm hay bớt.")
	}
	for i := range old {
		p.Options[i].ID = old[i].ID
		if _, err := tx.ExecContext(ctx, "UPDATE poll_options SET label = $1 WHERE id = $2", p.Options[i].Label,
			old[i].ID); err != nil {
			return err
		}
	}
	return nil
}

func scanPollOption(row scanner, o *portal.PollOption) error {
	return row.Scan(&o.ID, &o.Label, &o.Position)
}

// OpenPoll publishes a poll, opening it at this minute if it was to open
// later. A poll whose closing time has passed must be given a new one.
func (s *DB) OpenPoll(ctx context.Context, who portal.Actor, id int64) error {
	ch := &change{action: "poll.open", object: object("poll", id), public: true}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		p, err := pollIn(ctx, tx, id)
		if err != nil {
			return err
		}
		now := s.now().Truncate(time.Minute)
		if !p.ClosesAt.After(now) {
			return portal.Invalid("closes_at", "Cuộc bình chọn đã quá thời gian kết thúc: xin đặt thời gian kết thúc mới trước khi mở.")
		}
		if p.OpensAt.After(now) {
			p.OpensAt = now
		}
		_, err = tx.ExecContext(ctx, "UPDATE polls SET published = TRUE, opens_at = $1, updated_at = $2 WHERE id = $3",
			p.OpensAt, s.now(), id)
		return err
	})
}

// ClosePoll ends a poll at this minute; a poll not yet open closes before
// it opens.
func (s *DB) ClosePoll(ctx context.Context, who portal.Actor, id int64) error {
	ch := &change{action: "poll.close", object: object("poll", id), public: true}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		p, err := pollIn(ctx, tx, id)
		if err != nil {
			return err
		}
		now := s.now().Truncate(time.Minute)
		if !p.ClosesAt.After(now) {
			return portal.Errorf(portal.ECONFLICT, "Cuộc bình chọn đã kết thúc.")
		}
		opens := p.OpensAt
		if opens.After(now) {
			opens = now.Add(-time.Minute)
		}
		_, err = tx.ExecContext(ctx, "UPDATE polls SET opens_at = $1, closes_at = $2, updated_at = $3 WHERE id = $4",
			opens, now, s.now(), id)
		return err
	})
}

// DeletePoll removes a poll, its options and its ballots.
func (s *DB) DeletePoll(ctx context.Context, who portal.Actor, id int64) error {
	ch := &change{action: "poll.delete", object: object("poll", id), public: true}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		p, err := pollIn(ctx, tx, id)
		if err != nil {
			return err
		}
		ch.detail = p.Question
		_, err = tx.ExecContext(ctx, "DELETE FROM polls WHERE id = $1", id)
		return err
	})
}

func pollIn(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}, id int64) (*portal.Poll, error) {
	var p portal.Poll
	err := scanPoll(q.QueryRowContext(ctx, `SELECT `+pollColumns+` FROM polls p WHERE p.id = $1`, id), &p)
	if err != nil {
		return nil, notFound(err, "cuộc bình chọn")
	}
	return &p, nil
}

// Poll returns a poll with its options, their votes and the ballots cast,
// read in one statement so the figures agree.
func (s *DB) Poll(ctx context.Context, id int64) (*portal.Poll, error) {
	p, err := pollIn(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	p.Options, err = query(ctx, s.db, func(row scanner, o *portal.PollOption) error {
		return row.Scan(&o.ID, &o.Label, &o.Position, &o.Votes, &p.Voters)
	}, `SELECT o.id, o.label, o.position, (SELECT COUNT(*) FROM poll_choices c WHERE c.option_id = o.id),
		(SELECT COUNT(*) FROM poll_ballots b WHERE b.poll_id = o.poll_id)
		FROM poll_options o WHERE o.poll_id = $1 ORDER BY o.position, o.id`, id)
	return p, err
}

func pollFilter(f portal.PollFilter) (string, []any) {
	if !f.PublishedOnly {
		return "TRUE", nil
	}
	return "p.published AND p.opens_at <= $1", []any{f.Now.UTC()}
}

// Polls lists polls, latest opening first, without their options.
func (s *DB) Polls(ctx context.Context, f portal.PollFilter) ([]portal.Poll, error) {
	where, args := pollFilter(f)
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	return query(ctx, s.db, scanPoll, `SELECT `+pollColumns+` FROM polls p WHERE `+where+
		` ORDER BY p.opens_at DESC, p.id DESC LIMIT `+strconv.Itoa(limit)+` OFFSET `+strconv.Itoa(max(f.Offset, 0)), args...)
}

// CountPolls counts what Polls would list without a limit.
func (s *DB) CountPolls(ctx context.Context, f portal.PollFilter) (int, error) {
	where, args := pollFilter(f)
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM polls p WHERE `+where, args...).Scan(&n)
	return n, err
}

// CurrentPoll returns the published poll open at now that opened last,
// with its options (votes not counted: the side block shows no figures).
func (s *DB) CurrentPoll(ctx context.Context, now time.Time) (*portal.Poll, error) {
	var p portal.Poll
	err := scanPoll(s.db.QueryRowContext(ctx, `SELECT `+pollColumns+` FROM polls p WHERE p.published
		AND p.opens_at <= $1 AND p.closes_at > $1 ORDER BY p.opens_at DESC, p.id DESC LIMIT 1`, now.UTC()), &p)
	if err != nil {
		return nil, notFound(err, "cuộc bình chọn")
	}
	p.Options, err = query(ctx, s.db, scanPollOption, `SELECT id, label, position FROM poll_options WHERE poll_id = $1
		ORDER BY position, id`, p.ID)
	return &p, err
}

// NextPollChange returns the first opening or closing of a published poll
// after now; zero if none is to come.
func (s *DB) NextPollChange(ctx context.Context, now time.Time) (time.Time, error) {
	return s.nextOpenOrClose(ctx, "polls", now)
}

// Vote counts a reader's ballot: a row per ballot and per option picked,
// committed with its audit entry. Under the engine's serializing lock it
// judges the poll open by the store's clock, the options, the address's
// ballots in window; the unique voter token refuses a second ballot even
// from a racing transaction.
func (s *DB) Vote(ctx context.Context, who portal.Actor, b *portal.Ballot, perIP int, window time.Duration) error {
	if b.Voter == "" || len(b.Voter) > 100 {
		return portal.Errorf(portal.EINVALID, "Phiếu bình chọn không hợp lệ.")
	}
	ch := &change{action: "poll.vote", object: object("poll", b.PollID)}
	err := s.write(ctx, who, ch, func(tx *sql.Tx) error {
		if err := s.dialect.serialize(ctx, tx); err != nil {
			return err
		}
		p, err := pollIn(ctx, tx, b.PollID)
		if err != nil || !p.Published {
			return notFound(orNoRows(err), "cuộc bình chọn")
		}
		now := s.now()
		switch p.Phase(now) {
		case portal.PhaseUpcoming:
			return portal.ErrPollUpcoming
		case portal.PhaseClosed:
			return portal.ErrPollClosed
		}
		if err := checkBallot(ctx, tx, p, b); err != nil {
			return err
		}
		if voted, err := counted(ctx, tx, "SELECT COUNT(*) FROM poll_ballots WHERE poll_id = $1 AND voter = $2",
			b.PollID, b.Voter); err != nil || voted {
			return orVoted(err)
		}
		var n int
		err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM poll_ballots WHERE poll_id = $1 AND ip = $2
			AND created_at > $3`, b.PollID, b.IP, now.Add(-window)).Scan(&n)
		if err != nil {
			return err
		}
		if n >= perIP {
			return portal.Errorf(portal.ELIMIT, "Địa chỉ mạng của bạn đã bình chọn nhiều lần trong cuộc này. Xin thử lại sau.")
		}
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO poll_ballots (poll_id, voter, ip, created_at) VALUES ($1, $2, $3, $4)
			RETURNING id`, b.PollID, b.Voter, b.IP, now).Scan(&id)
		if err != nil {
			return err
		}
		for _, o := range b.Options {
			if _, err := tx.ExecContext(ctx, "INSERT INTO poll_choices (ballot_id, option_id) VALUES ($1, $2)", id, o); err != nil {
				return err
			}
		}
		ch.detail = "phiếu " + strconv.FormatInt(id, 10)
		return nil
	})
	if err != nil && s.dialect.isUnique(err) {
		return portal.ErrPollVoted
	}
	return err
}

func orVoted(err error) error {
	if err != nil {
		return err
	}
	return portal.ErrPollVoted
}

// checkBallot refuses a ballot with no option, too many, the same twice or
// one of another poll.
func checkBallot(ctx context.Context, tx *sql.Tx, p *portal.Poll, b *portal.Ballot) error {
	switch {
	case len(b.Options) == 0:
		return portal.ErrPollNoChoice
	case len(b.Options) > p.MaxChoices:
		return portal.TooManyChoices(p.MaxChoices)
	}
	seen := map[int64]bool{}
	ids := make([]string, 0, len(b.Options))
	for _, o := range b.Options {
		if seen[o] || o <= 0 {
			return portal.Invalid("choice", "Phương án không hợp lệ.")
		}
		seen[o] = true
		ids = append(ids, strconv.FormatInt(o, 10))
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM poll_options WHERE poll_id = $1 AND id IN (`+
		strings.Join(ids, ",")+`)`, p.ID).Scan(&n)
	if err != nil {
		return err
	}
	if n != len(b.Options) {
		return portal.Invalid("choice", "Phương án không hợp lệ.")
	}
	return nil
}

// Voted reports whether voter has a ballot in the poll.
func (s *DB) Voted(ctx context.Context, pollID int64, voter string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM poll_ballots WHERE poll_id = $1 AND voter = $2", pollID,
		voter).Scan(&n)
	return n > 0, err
}

// PollVoters counts a poll's ballots.
func (s *DB) PollVoters(ctx context.Context, id int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM poll_ballots WHERE poll_id = $1", id).Scan(&n)
	return n, err
}
