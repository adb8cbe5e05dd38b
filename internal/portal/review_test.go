package portal

import (
	"errors"
	"testing"
	"time"
)

func TestReview(t *testing.T) {
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	full := ReviewFacts{IntroPages: 3, EnglishPages: 1, Contacts: 2, Leaders: 4, RecentArticles: 25,
		LastArticle: now.Add(-time.Hour), Documents: 9, LastDocument: now.AddDate(0, -1, 0), Answers: 5,
		Consultations: 1, ScheduleEntries: 12}
	settings := map[string]string{SettingFooterAddress: "Số 1, đường Trần Hưng Đạo", SettingFooterPhone: "0293 3870 000",
		SettingFooterEmail: "vanphong@haugiang.gov.vn", SettingFooterLicence: "Giấy phép số 01/GP-TTĐT",
		SettingSiteNameEN: "Hau Giang Portal"}
	good := ReviewEnv{BaseURL: "https://haugiang.gov.vn", IPv6: []string{"2001:db8::1"}, HasBackup: true,
		LastBackup: Backup{At: now.Add(-48 * time.Hour)}}

	statuses := func(checks []ReviewCheck) map[string]ReviewStatus {
		m := map[string]ReviewStatus{}
		for _, c := range checks {
			if c.Evidence == "" || c.Duty == "" || c.Found == "" {
				t.Errorf("%q: no evidence or nothing found: %+v", c.Duty, c)
			}
			if c.Status != ReviewMet && c.Missing == "" {
				t.Errorf("%q is %s but says nothing is missing", c.Duty, c.Status.Name())
			}
			m[c.Duty] = c.Status
		}
		return m
	}
	all := Review(full, settings, good, now)
	if len(all) != 14 {
		t.Fatalf("%d duties; want the 14 of the decree's list", len(all))
	}
	for duty, st := range statuses(all) {
		if st != ReviewMet {
			t.Errorf("everything in place: %q is %s", duty, st.Name())
		}
	}

	empty := statuses(Review(ReviewFacts{}, nil, ReviewEnv{}, now))
	for duty, want := range map[string]ReviewStatus{
		"Giới thiệu cơ quan: chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức":            ReviewMissing,
		"Thông tin lãnh đạo và đầu mối liên hệ (địa chỉ, điện thoại, thư điện tử)":      ReviewMissing,
		"Tin tức, sự kiện về hoạt động của cơ quan":                                     ReviewMissing,
		"Hỏi – Đáp: tiếp nhận và trả lời câu hỏi của tổ chức, cá nhân":                  ReviewByHand,
		"Lấy ý kiến về dự thảo văn bản quy phạm pháp luật, chính sách":                  ReviewByHand,
		"Thông tin về cơ quan chủ quản, người chịu trách nhiệm, giấy phép (chân trang)": ReviewMissing,
		"Sơ đồ cổng thông tin":  ReviewMet,
		"Hỗ trợ IPv6":           ReviewByHand,
		"Kết nối an toàn HTTPS": ReviewMissing,
		"Sao lưu dữ liệu định kỳ (bản sao lưu trong 7 ngày qua)": ReviewMissing,
	} {
		if got, ok := empty[duty]; !ok || got != want {
			t.Errorf("nothing in place: %q is %q; want %q", duty, got, want)
		}
	}

	for _, tt := range []struct {
		name  string
		facts func(*ReviewFacts)
		env   func(*ReviewEnv)
		duty  string
		want  ReviewStatus
	}{
		{"question waiting too long", func(f *ReviewFacts) { f.Waiting = 2 }, nil,
			"Hỏi – Đáp: tiếp nhận và trả lời câu hỏi của tổ chức, cá nhân", ReviewMissing},
		{"plain HTTP", nil, func(e *ReviewEnv) { e.BaseURL = "http://haugiang.gov.vn" }, "Kết nối an toàn HTTPS", ReviewMissing},
		{"no AAAA record", nil, func(e *ReviewEnv) { e.IPv6 = nil }, "Hỗ trợ IPv6", ReviewMissing},
		{"look-up failed", nil, func(e *ReviewEnv) { e.IPv6, e.LookupErr = nil, errors.New("timeout") }, "Hỗ trợ IPv6", ReviewByHand},
		{"backup 8 days old", nil, func(e *ReviewEnv) { e.LastBackup.At = now.Add(-8 * 24 * time.Hour) },
			"Sao lưu dữ liệu định kỳ (bản sao lưu trong 7 ngày qua)", ReviewMissing},
		{"no English page", func(f *ReviewFacts) { f.EnglishPages = 0 }, nil, "Thông tin cơ bản bằng tiếng Anh", ReviewMissing},
	} {
		f, e := full, good
		if tt.facts != nil {
			tt.facts(&f)
		}
		if tt.env != nil {
			tt.env(&e)
		}
		if got := statuses(Review(f, settings, e, now))[tt.duty]; got != tt.want {
			t.Errorf("%s: %q is %q; want %q", tt.name, tt.duty, got, tt.want)
		}
	}
}
