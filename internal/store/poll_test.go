package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func newPoll(opens, closes time.Time, max int) *portal.Poll {
	return &portal.Poll{Question: "Bạn đánh giá thế nào về dịch vụ công trực tuyến?", MaxChoices: max,
		ResultsAfter: portal.ResultsAfterVote, OpensAt: opens, ClosesAt: closes, Published: true,
		Options: []portal.PollOption{{Label: "Rất hài lòng"}, {Label: "Hài lòng"}, {Label: "Chưa hài lòng"}}}
}

func votes(t *testing.T, db *store.DB, id int64) []int {
	t.Helper()
	p, err := db.Poll(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, o := range p.Options {
		out = append(out, o.Votes)
	}
	return out
}

func TestPollVoting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 5, 1, 3, 0, 0, 0, time.UTC)
		clk := &clock{t: now}
		db.Now = clk.Now
		p := newPoll(now.Add(-time.Hour), now.Add(time.Hour), 2)
		if err := db.CreatePoll(ctx, storetest.Actor, p); err != nil {
			t.Fatal(err)
		}
		o := p.Options
		vote := func(voter, ip string, opts ...int64) error {
			return db.Vote(ctx, portal.Reader(ip), &portal.Ballot{PollID: p.ID, Voter: voter, IP: ip, Options: opts}, 3, time.Hour)
		}
		if err := vote("a", "10.0.0.1", o[0].ID, o[1].ID); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name  string
			err   error
			code  string
			field string
		}{
			{"the same voter again", vote("a", "10.0.0.9", o[2].ID), portal.ECONFLICT, ""},
			{"no choice", vote("b", "10.0.0.2"), portal.EINVALID, "choice"},
			{"too many choices", vote("b", "10.0.0.2", o[0].ID, o[1].ID, o[2].ID), portal.EINVALID, "choice"},
			{"one option twice", vote("b", "10.0.0.2", o[0].ID, o[0].ID), portal.EINVALID, "choice"},
			{"another poll's option", vote("b", "10.0.0.2", 999999), portal.EINVALID, "choice"},
			{"no voter token", vote("", "10.0.0.2", o[0].ID), portal.EINVALID, ""},
		} {
			if portal.ErrorCode(c.err) != c.code {
				t.Errorf("%s: %v; want %s", c.name, c.err, c.code)
			}
		}
		for _, v := range []string{"c", "d"} {
			if err := vote(v, "10.0.0.5", o[2].ID); err != nil {
				t.Fatal(err)
			}
		}
		if err := vote("e", "10.0.0.5", o[2].ID); err != nil {
			t.Fatal(err)
		}
		if err := vote("f", "10.0.0.5", o[2].ID); portal.ErrorCode(err) != portal.ELIMIT {
			t.Errorf("a fourth ballot from one address in the hour = %v; want ELIMIT", err)
		}
		if got, want := fmt.Sprint(votes(t, db, p.ID)), "[1 1 3]"; got != want {
			t.Errorf("votes = %s; want %s", got, want)
		}
		if n, _ := db.PollVoters(ctx, p.ID); n != 4 {
			t.Errorf("voters = %d; want 4", n)
		}
		if ok, _ := db.Voted(ctx, p.ID, "a"); !ok {
			t.Error("Voted(a) = false after voting")
		}

		clk.Set(p.ClosesAt)
		if err := vote("g", "10.0.0.7", o[0].ID); err != portal.ErrPollClosed {
			t.Errorf("vote at the closing minute = %v; want %v", err, portal.ErrPollClosed)
		}
		clk.Set(p.OpensAt.Add(-time.Second))
		if err := vote("g", "10.0.0.7", o[0].ID); err != portal.ErrPollUpcoming {
			t.Errorf("vote before opening = %v; want %v", err, portal.ErrPollUpcoming)
		}
		clk.Set(now)

		p.Options = append(p.Options, portal.PollOption{Label: "Ý kiến khác"})
		if err := db.UpdatePoll(ctx, storetest.Actor, p); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("adding an option after votes = %v; want EINVALID", err)
		}
		p.Options = p.Options[:3]
		p.Options[2].Label = "Không hài lòng"
		if err := db.UpdatePoll(ctx, storetest.Actor, p); err != nil {
			t.Errorf("rewording an option after votes: %v", err)
		}
		if got, want := fmt.Sprint(votes(t, db, p.ID)), "[1 1 3]"; got != want {
			t.Errorf("votes after rewording = %s; want %s", got, want)
		}
	})
}

func TestPollOpenCloseDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 5, 1, 3, 0, 30, 0, time.UTC)
		clk := &clock{t: now}
		db.Now = clk.Now
		p := newPoll(now.Add(24*time.Hour), now.Add(48*time.Hour), 1)
		p.Published = false
		if err := db.CreatePoll(ctx, storetest.Actor, p); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CurrentPoll(ctx, now); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("current poll with only a hidden one = %v; want ENOTFOUND", err)
		}
		if err := db.Vote(ctx, portal.Reader("10.0.0.1"), &portal.Ballot{PollID: p.ID, Voter: "a", IP: "10.0.0.1",
			Options: []int64{p.Options[0].ID}}, 3, time.Hour); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("vote on a hidden poll = %v; want ENOTFOUND", err)
		}
		if err := db.OpenPoll(ctx, storetest.Actor, p.ID); err != nil {
			t.Fatal(err)
		}
		cur, err := db.CurrentPoll(ctx, now)
		if err != nil || cur.ID != p.ID || len(cur.Options) != 3 || !cur.OpensAt.Equal(now.Truncate(time.Minute)) {
			t.Fatalf("current poll after opening = %+v, %v", cur, err)
		}
		if next, _ := db.NextPollChange(ctx, now); !next.Equal(p.ClosesAt) {
			t.Errorf("next change = %v; want the closing %v", next, p.ClosesAt)
		}
		clk.Set(now.Add(2 * time.Minute))
		if err := db.ClosePoll(ctx, storetest.Actor, p.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := db.Poll(ctx, p.ID)
		if got.Phase(clk.Now()) != portal.PhaseClosed {
			t.Errorf("phase after closing = %s", got.Phase(clk.Now()))
		}
		if n, _ := db.CountPolls(ctx, portal.PollFilter{PublishedOnly: true, Now: clk.Now()}); n != 1 {
			t.Errorf("published polls = %d; want 1", n)
		}
		if err := db.DeletePoll(ctx, storetest.Actor, p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Poll(ctx, p.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("poll after deleting = %v; want ENOTFOUND", err)
		}
		entries, err := db.AuditLog(ctx, portal.AuditFilter{Action: "poll", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range entries {
			seen[e.Action] = true
		}
		for _, a := range []string{"poll.create", "poll.open", "poll.close", "poll.delete"} {
			if !seen[a] {
				t.Errorf("no audit entry %s in %v", a, seen)
			}
		}
	})
}

// TestPollConcurrentVoters: 200 readers voting at once are each counted
// once, and a second ballot of each, racing the first, is refused.
func TestPollConcurrentVoters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Now().UTC()
		p := newPoll(now.Add(-time.Hour), now.Add(time.Hour), 1)
		if err := db.CreatePoll(ctx, storetest.Actor, p); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		const voters = 200
		var wg sync.WaitGroup
		errs := make(chan error, 2*voters)
		for i := range 2 * voters {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v := i % voters
				ip := fmt.Sprintf("10.1.%d.%d", v/250, v%250)
				errs <- db.Vote(ctx, portal.Reader(ip), &portal.Ballot{PollID: p.ID, Voter: fmt.Sprintf("v%03d", v),
					IP: ip, Options: []int64{p.Options[v%3].ID}}, 3, time.Hour)
			}()
		}
		wg.Wait()
		close(errs)
		ok, dup := 0, 0
		for err := range errs {
			switch {
			case err == nil:
				ok++
			case err == portal.ErrPollVoted:
				dup++
			default:
				t.Errorf("vote: %v", err)
			}
		}
		if ok != voters || dup != voters {
			t.Errorf("%d ballots counted, %d refused as repeated; want %d and %d", ok, dup, voters, voters)
		}
		if got, want := fmt.Sprint(votes(t, db, p.ID)), "[67 67 66]"; got != want {
			t.Errorf("votes = %s; want %s", got, want)
		}
	})
}
