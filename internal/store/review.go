package store

import (
	"context"
	"database/sql"
	"time"

	"cong/internal/portal"
)

// ReviewFacts counts what the yearly review checks (see portal.Review), at
// the moment now.
func (s *DB) ReviewFacts(ctx context.Context, now time.Time) (portal.ReviewFacts, error) {
	now = now.UTC()
	day := 24 * time.Hour
	var f portal.ReviewFacts
	// The news are the site's own (ForSite); the rest is the main site's.
	news := func(args ...any) (string, []any) {
		return s.siteArticles("category_id", addArg(&args)), args
	}
	recentOnSite, recentArgs := news(string(portal.StatusPublished), now.Add(-portal.ReviewNewsDays*day), now)
	lastOnSite, lastArgs := news(string(portal.StatusPublished), now)
	counts := []struct {
		n    *int
		q    string
		args []any
	}{
		{&f.IntroPages, "SELECT COUNT(*) FROM pages WHERE published AND lang = $1", []any{portal.LangVI}},
		{&f.EnglishPages, "SELECT COUNT(*) FROM pages WHERE published AND lang = $1", []any{portal.LangEN}},
		{&f.Contacts, "SELECT COUNT(*) FROM page_contacts c JOIN pages p ON p.id = c.page_id WHERE p.published", nil},
		{&f.Leaders, "SELECT COUNT(*) FROM leaders WHERE active", nil},
		{&f.RecentArticles, "SELECT COUNT(*) FROM articles WHERE status = $1 AND published_at > $2 AND published_at <= $3" + recentOnSite,
			recentArgs},
		{&f.Documents, "SELECT COUNT(*) FROM documents WHERE published", nil},
		{&f.Answers, "SELECT COUNT(*) FROM questions WHERE status = 'published'", nil},
		{&f.Waiting, "SELECT COUNT(*) FROM questions WHERE status IN ('pending', 'assigned') AND created_at < $1",
			[]any{now.Add(-portal.ReviewQuestionDays * day)}},
		{&f.Consultations, "SELECT COUNT(*) FROM consultations WHERE published AND opens_at > $1 AND opens_at <= $2",
			[]any{now.AddDate(-portal.ReviewConsultationYr, 0, 0), now}},
		{&f.ScheduleEntries, "SELECT COUNT(*) FROM schedule_entries WHERE status = $1 AND starts_at >= $2 AND starts_at <= $3",
			[]any{string(portal.StatusPublished), now.Add(-portal.ReviewScheduleDays * day), now.Add(portal.ReviewScheduleDays * day)}},
	}
	for _, c := range counts {
		if err := s.db.QueryRowContext(ctx, c.q, c.args...).Scan(c.n); err != nil {
			return f, err
		}
	}
	// The newest of each, read through ORDER BY so both engines give the
	// column's own type.
	var last sql.NullTime
	err := s.db.QueryRowContext(ctx, `SELECT published_at FROM articles WHERE status = $1 AND published_at <= $2`+
		lastOnSite+` ORDER BY published_at DESC LIMIT 1`, lastArgs...).Scan(&last)
	if err != nil && err != sql.ErrNoRows {
		return f, err
	}
	f.LastArticle = last.Time
	var issued string
	err = s.db.QueryRowContext(ctx, "SELECT issued_on FROM documents WHERE published ORDER BY issued_on DESC LIMIT 1").Scan(&issued)
	if err != nil && err != sql.ErrNoRows {
		return f, err
	}
	if issued != "" {
		f.LastDocument, _ = time.Parse(time.DateOnly, issued)
	}
	return f, nil
}
