package store_test

import (
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// newDepartment saves a department with the given addresses and staff.
func newDepartment(t *testing.T, db *store.DB, name string, staff []int64, emails ...string) *portal.Department {
	t.Helper()
	d := &portal.Department{Name: name, Emails: emails, StaffIDs: staff}
	if err := db.SaveDepartment(ctx, storetest.Actor, d); err != nil {
		t.Fatal(err)
	}
	return d
}

func contactFrom(ip string, dep int64) *portal.ContactMessage {
	return &portal.ContactMessage{DepartmentID: dep, Name: "Lê Văn Tám", Email: ip + "@example.vn", Phone: "0909 123 456",
		Subject: "Hỏi về cấp phép xây dựng", Body: "Xin cho biết thủ tục.", IP: ip}
}

func TestContactSubmit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		u := &portal.User{Username: "vanphong", Name: "Cán bộ văn phòng", PasswordHash: "-", Roles: []portal.Role{portal.RoleReporter}}
		if err := db.CreateUser(ctx, storetest.Actor, u); err != nil {
			t.Fatal(err)
		}
		d := newDepartment(t, db, "Văn phòng", []int64{u.ID, u.ID, 999_999}, "vp@example.vn\nchanhvp@example.vn")
		deps, err := db.Departments(ctx)
		if err != nil || len(deps) != 1 || !slices.Equal(deps[0].StaffIDs, []int64{u.ID}) ||
			!slices.Equal(deps[0].Emails, []string{"vp@example.vn", "chanhvp@example.vn"}) {
			t.Fatalf("Departments() = %+v, %v", deps, err)
		}
		if err := db.SaveDepartment(ctx, storetest.Actor, &portal.Department{Name: "Văn phòng", Emails: []string{"a@b.vn"}}); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("a second department of the same name: %v; want EINVALID", err)
		}

		m := contactFrom("10.0.0.1", d.ID)
		if err := db.SubmitContact(ctx, portal.Reader(m.IP), m, time.Minute, 5); err != nil {
			t.Fatal(err)
		}
		got, err := db.ContactMessage(ctx, m.ID)
		if err != nil || got.DepartmentName != "Văn phòng" || got.Subject != m.Subject || len(got.Deliveries) != 2 ||
			got.Deliveries[0].Recipient != "vp@example.vn" || !got.Deliveries[0].SentAt.IsZero() {
			t.Fatalf("ContactMessage() = %+v, %v", got, err)
		}

		// Refused: nothing saved, no mail queued.
		for _, tc := range []struct {
			name string
			m    *portal.ContactMessage
			code string
		}{
			{"too soon", contactFrom("10.0.0.1", d.ID), portal.ELIMIT},
			{"no such department", contactFrom("10.0.0.2", d.ID+100), portal.EINVALID},
			{"invalid", &portal.ContactMessage{DepartmentID: d.ID, IP: "10.0.0.3"}, portal.EINVALID},
		} {
			tc.m.Subject += " " + tc.name
			if err := db.SubmitContact(ctx, portal.Reader(tc.m.IP), tc.m, time.Minute, 5); portal.ErrorCode(err) != tc.code {
				t.Errorf("%s: %v; want %s", tc.name, err, tc.code)
			}
		}
		all, err := db.ContactMessages(ctx, portal.ContactFilter{All: true})
		if err != nil || len(all) != 1 {
			t.Errorf("messages after refusals: %d, %v", len(all), err)
		}
		claimed, err := db.ClaimMail(ctx, time.Minute, 10)
		if err != nil || len(claimed) != 2 {
			t.Fatalf("ClaimMail() = %d mails, %v; want the 2 of the one message", len(claimed), err)
		}
		if c := claimed[0]; c.ReplyEmail != m.Email || c.ReplyName != m.Name || c.Subject != "[Liên hệ – Văn phòng] "+m.Subject ||
			c.Attempts != 1 || c.Token == "" || c.Token == claimed[1].Token {
			t.Errorf("queued mail %+v", c)
		}

		// Staff see their departments' messages only.
		mine, err := db.ContactMessages(ctx, portal.ContactFilter{Departments: []int64{d.ID}})
		none, err2 := db.ContactMessages(ctx, portal.ContactFilter{Departments: nil})
		if err != nil || err2 != nil || len(mine) != 1 || len(none) != 0 {
			t.Errorf("by department: %d, %d (%v, %v)", len(mine), len(none), err, err2)
		}
	})
}

// TestMailQueue: a claimed mail is held for its lease, failed ones come
// back after their delay, sent and given-up ones never, and senders on two
// instances sharing the database never take the same mail.
func TestMailQueue(t *testing.T) {
	for name, dsn := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			url := dsn(t)
			a, b := storetest.Open(t, url), storetest.Open(t, url)
			now := time.Now().UTC()
			clock := func() time.Time { return now }
			a.Now, b.Now = clock, clock
			d := newDepartment(t, a, "Phòng Tiếp dân", nil, "tiepdan@example.vn")
			for i := range 20 {
				m := contactFrom("10.1.0."+strconv.Itoa(i), d.ID)
				if err := a.SubmitContact(ctx, portal.Reader(m.IP), m, time.Minute, 5); err != nil {
					t.Fatal(err)
				}
			}

			var mu sync.Mutex
			seen := map[int64]int{}
			var wg sync.WaitGroup
			for i := range 8 {
				db := a
				if i%2 == 1 {
					db = b
				}
				wg.Go(func() {
					for range 10 {
						got, err := db.ClaimMail(ctx, time.Minute, 3)
						if err != nil {
							t.Error(err)
							return
						}
						mu.Lock()
						for _, m := range got {
							seen[m.ID]++
						}
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			if len(seen) != 20 {
				t.Fatalf("claimed %d mails of 20", len(seen))
			}
			for id, n := range seen {
				if n != 1 {
					t.Errorf("mail %d claimed %d times", id, n)
				}
			}
			if again, _ := b.ClaimMail(ctx, time.Minute, 50); len(again) != 0 {
				t.Errorf("%d mails claimed again within their lease", len(again))
			}

			ids := slices.Sorted(func(yield func(int64) bool) {
				for id := range seen {
					if !yield(id) {
						return
					}
				}
			})
			if err := a.MailSent(ctx, ids[0]); err != nil {
				t.Fatal(err)
			}
			if err := a.MailFailed(ctx, ids[1], 30*time.Second, "dial tcp: connection refused", false); err != nil {
				t.Fatal(err)
			}
			if err := a.MailFailed(ctx, ids[2], 30*time.Second, "550 no such user", true); err != nil {
				t.Fatal(err)
			}
			now = now.Add(20 * time.Second)
			if got, _ := a.ClaimMail(ctx, time.Minute, 50); len(got) != 0 {
				t.Errorf("claimed %d before the retry is due", len(got))
			}
			now = now.Add(20 * time.Second)
			got, err := a.ClaimMail(ctx, time.Minute, 50)
			if err != nil || len(got) != 1 || got[0].ID != ids[1] || got[0].Attempts != 2 {
				t.Fatalf("after the retry delay: %+v, %v; want mail %d, second attempt", got, err, ids[1])
			}
			// The lease runs out (its sender died): the others come back, the
			// sent and given-up ones do not.
			now = now.Add(2 * time.Minute)
			got, err = b.ClaimMail(ctx, time.Minute, 50)
			if err != nil || len(got) != 18 {
				t.Fatalf("after the leases ran out: %d mails, %v; want 18", len(got), err)
			}
			msgs, err := a.ContactMessages(ctx, portal.ContactFilter{All: true, Limit: 50})
			if err != nil || len(msgs) != 20 {
				t.Fatalf("messages: %d, %v", len(msgs), err)
			}
			states := map[string]int{}
			for _, m := range msgs {
				full, err := a.ContactMessage(ctx, m.ID)
				if err != nil || len(full.Deliveries) != 1 {
					t.Fatalf("message %d: %+v, %v", m.ID, full, err)
				}
				switch dv := full.Deliveries[0]; {
				case !dv.SentAt.IsZero():
					states["sent"]++
				case !dv.GivenUpAt.IsZero() && dv.LastError == "550 no such user":
					states["given up"]++
				default:
					states["waiting"]++
				}
			}
			if states["sent"] != 1 || states["given up"] != 1 || states["waiting"] != 18 {
				t.Errorf("deliveries: %v", states)
			}
		})
	}
}
