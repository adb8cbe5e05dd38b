package viet

import (
	"math"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

const seedTitle = "Hội nghị học tập, quán triệt, triển khai thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIV, nhiệm kỳ 2020 - 2025"

// vietSentence is a typical headline, used where a test or benchmark needs
// ordinary Vietnamese text.
const vietSentence = "Cộng hòa Xã hội Chủ nghĩa Việt Nam: Độc lập – Tự do – Hạnh phúc"

func TestNFC(t *testing.T) {
	nfd := "Vie\u0302\u0323t Nam"
	if got, want := NFC(nfd), "Việt Nam"; got != want {
		t.Errorf("NFC(%q) = %q; want %q", nfd, got, want)
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ascii lower", "hello world 2025", "hello world 2025"},
		{"ascii upper", "XIV Hello", "xiv hello"},
		{"d with stroke", "Đảng đoàn", "dang doan"},
		{"upper case", "ĐẠI HỘI ĐẢNG BỘ", "dai hoi dang bo"},
		{"NFD input", "Ho\u0302\u0323i nghi\u0323", "hoi nghi"},
		{"NFD upper", "O\u031B\u0300", "o"},
		{"old and new tone placement", "hoà hòa", "hoa hoa"},
		{"sentence", vietSentence, "cong hoa xa hoi chu nghia viet nam: doc lap – tu do – hanh phuc"},
		{"eth from legacy converters", "Ðảng", "dang"},
		{"other latin", "Café Ñandú", "cafe nandu"},
		{"non-latin kept", "Hà Nội 北京", "ha noi 北京"},
		{"invalid utf-8", "a\xffB", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Fold(tt.in)
			if got != tt.want {
				t.Errorf("Fold(%q) = %q; want %q", tt.in, got, tt.want)
			}
			if again := Fold(got); again != got {
				t.Errorf("Fold(%q) = %q; want %q (folding twice must change nothing)", got, again, got)
			}
		})
	}
}

// TestFoldVowels checks every Vietnamese vowel with every tone (and none),
// in both cases, composed and decomposed.
func TestFoldVowels(t *testing.T) {
	bases := map[string]string{
		"a": "a", "ă": "a", "â": "a", "e": "e", "ê": "e", "i": "i",
		"o": "o", "ô": "o", "ơ": "o", "u": "u", "ư": "u", "y": "y",
	}
	tones := []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
	n := 0
	for base, want := range bases {
		for _, b := range []string{base, strings.ToUpper(base)} {
			for _, tone := range tones {
				nfc := norm.NFC.String(b + tone)
				if c := len([]rune(nfc)); c != 1 {
					t.Fatalf("NFC(%q+%q) = %q has %d runes; want 1", b, tone, nfc, c)
				}
				for _, in := range []string{nfc, norm.NFD.String(nfc)} {
					if got := Fold(in); got != want {
						t.Errorf("Fold(%q) = %q; want %q", in, got, want)
					}
					n++
				}
			}
		}
	}
	if n != 12*2*6*2 {
		t.Errorf("checked %d vowel forms; want %d", n, 12*2*6*2)
	}
}

func TestFoldAllocs(t *testing.T) {
	tests := []struct {
		name, in string
		max      float64
	}{
		{"folded ascii", "hoi nghi hoc tap", 0},
		{"upper ascii", "Hoi Nghi Hoc Tap", 1},
		{"vietnamese", vietSentence, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := testing.AllocsPerRun(100, func() { Fold(tt.in) }); got > tt.max {
				t.Errorf("Fold(%q) allocates %v times; want at most %v", tt.in, got, tt.max)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"short title", "Hội nghị học tập, quán triệt", "hoi-nghi-hoc-tap-quan-triet"},
		{"roman numerals and years", "Đảng bộ tỉnh lần thứ XIV, nhiệm kỳ 2020 - 2025", "dang-bo-tinh-lan-thu-xiv-nhiem-ky-2020-2025"},
		{"seed title", seedTitle, "hoi-nghi-hoc-tap-quan-triet-trien-khai-thuc-hien-nghi-quyet-dai-hoi-dai-bieu-dang-bo-tinh-lan-thu-xiv-nhiem-ky-2020-2025"},
		{"NFD input", "Ho\u0302\u0323i nghi\u0323", "hoi-nghi"},
		{"trimmed", "  --«Tin mới»!--  ", "tin-moi"},
		{"hyphen in word", "COVID-19: tin mới nhất", "covid-19-tin-moi-nhat"},
		{"punctuation only", " -- !?… «» ", ""},
		{"empty", "", ""},
		{"non-latin only", "北京", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slug(tt.in); got != tt.want {
				t.Errorf("Slug(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSlugLength(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// "viet-nam-" is 9 bytes: 13 of them make 117, and the 14th "viet" would end past 120.
		{"cut between words", strings.Repeat("Việt Nam ", 20), strings.TrimSuffix(strings.Repeat("viet-nam-", 13), "-")},
		// "nghi-quyet" ends exactly at byte 120 and the next byte is a '-'.
		{"word ends at max", strings.Repeat("Nghị quyết ", 20), strings.TrimSuffix(strings.Repeat("nghi-quyet-", 11), "-")},
		{"cut just before a dash", strings.Repeat("x", 120) + " tiếp", strings.Repeat("x", 120)},
		{"one long word", strings.Repeat("Ă", 130), strings.Repeat("a", 120)},
		{"exactly max", strings.Repeat("a", 120), strings.Repeat("a", 120)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Slug(tt.in)
			if got != tt.want {
				t.Errorf("Slug(%q) = %q; want %q", tt.in, got, tt.want)
			}
			if len(got) > SlugMaxLen || strings.HasSuffix(got, "-") {
				t.Errorf("Slug(%q) = %q: %d bytes, want at most %d and no trailing '-'", tt.in, got, len(got), SlugMaxLen)
			}
		})
	}
	// The longest seed title fills SlugMaxLen exactly and must stay whole.
	if n := len(Slug(seedTitle)); n != SlugMaxLen {
		t.Errorf("len(Slug(seedTitle)) = %d; want %d", n, SlugMaxLen)
	}
}

func TestLocation(t *testing.T) {
	if got, want := Location.String(), "Asia/Ho_Chi_Minh"; got != want {
		t.Errorf("Location = %q; want %q", got, want)
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		name                                    string
		utc                                     string
		date, dateTime, clock, weekdayDate, day string
	}{
		{"half past midnight in Hanoi", "2020-12-29T17:30:00Z", "30/12/2020", "30/12/2020 00:30", "00:30", "Thứ Tư, 30/12/2020", "2020-12-30"},
		{"last second before midnight", "2020-12-29T16:59:59Z", "29/12/2020", "29/12/2020 23:59", "23:59", "Thứ Ba, 29/12/2020", "2020-12-29"},
		{"midnight", "2020-12-29T17:00:00Z", "30/12/2020", "30/12/2020 00:00", "00:00", "Thứ Tư, 30/12/2020", "2020-12-30"},
		{"new year in Hanoi", "2020-12-31T19:05:00Z", "01/01/2021", "01/01/2021 02:05", "02:05", "Thứ Sáu, 01/01/2021", "2021-01-01"},
		{"afternoon", "2021-03-07T08:15:00Z", "07/03/2021", "07/03/2021 15:15", "15:15", "Chủ Nhật, 07/03/2021", "2021-03-07"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tm := mustParseUTC(t, tt.utc)
			check(t, "Date", tt.utc, Date(tm), tt.date)
			check(t, "DateTime", tt.utc, DateTime(tm), tt.dateTime)
			check(t, "Time", tt.utc, Time(tm), tt.clock)
			check(t, "WeekdayDate", tt.utc, WeekdayDate(tm), tt.weekdayDate)
			check(t, "Day", tt.utc, Day(tm), tt.day)
		})
	}
}

func TestWeekday(t *testing.T) {
	want := []string{"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"}
	monday := time.Date(2020, 12, 28, 12, 0, 0, 0, Location)
	for i, w := range want {
		tm := monday.AddDate(0, 0, i)
		if got := Weekday(tm.Weekday()); got != w {
			t.Errorf("Weekday(%v) = %q; want %q", tm.Weekday(), got, w)
		}
	}
	for _, d := range []time.Weekday{-1, 7} {
		if got := Weekday(d); got != "" {
			t.Errorf("Weekday(%d) = %q; want %q", d, got, "")
		}
	}
}

func TestWeekStart(t *testing.T) {
	monday := time.Date(2020, 12, 28, 0, 0, 0, 0, Location)
	tests := []struct {
		name string
		in   time.Time
	}{
		{"monday midnight", monday},
		{"monday noon", time.Date(2020, 12, 28, 12, 0, 0, 0, Location)},
		{"wednesday", time.Date(2020, 12, 30, 9, 0, 0, 0, Location)},
		{"sunday night", time.Date(2021, 1, 3, 23, 59, 59, 0, Location)},
		{"sunday in UTC, monday in Hanoi", time.Date(2020, 12, 27, 17, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WeekStart(tt.in); !got.Equal(monday) || got.Location() != Location {
				t.Errorf("WeekStart(%v) = %v; want %v", tt.in, got, monday)
			}
		})
	}
	sunday := time.Date(2020, 12, 27, 10, 0, 0, 0, Location)
	if got, want := WeekStart(sunday), monday.AddDate(0, 0, -7); !got.Equal(want) {
		t.Errorf("WeekStart(%v) = %v; want %v", sunday, got, want)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"30/12/2020", time.Date(2020, 12, 30, 0, 0, 0, 0, Location)},
		{"01/02/2021", time.Date(2021, 2, 1, 0, 0, 0, 0, Location)},
		{"1/2/2021", time.Date(2021, 2, 1, 0, 0, 0, 0, Location)},
		{"29/02/2024", time.Date(2024, 2, 29, 0, 0, 0, 0, Location)},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil || !got.Equal(tt.want) || got.Location() != Location {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	for _, in := range []string{
		"", "2020-12-30", "30-12-2020", "30/12/20", "30/12/2020 ", " 30/12/2020",
		"31/02/2021", "29/02/2023", "1/13/2021", "001/01/2021", "30/12/2020 10:00", "hôm nay",
	} {
		if got, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %v, nil; want an error", in, got)
		}
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0"},
		{5, "5"},
		{-5, "-5"},
		{999, "999"},
		{1000, "1.000"},
		{-1000, "-1.000"},
		{100000, "100.000"},
		{1234567, "1.234.567"},
		{math.MaxInt64, "9.223.372.036.854.775.807"},
		{math.MinInt64, "-9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		if got := Number(tt.in); got != tt.want {
			t.Errorf("Number(%d) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	benchmarks := []struct {
		name, in string
	}{
		{"vietnamese", vietSentence},
		{"vietnamese NFD", norm.NFD.String(vietSentence)},
		{"ascii", "Cong hoa Xa hoi Chu nghia Viet Nam: Doc lap - Tu do - Hanh phuc"},
		{"ascii folded", "cong hoa xa hoi chu nghia viet nam: doc lap - tu do - hanh phuc"},
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bm.in)))
			for b.Loop() {
				Fold(bm.in)
			}
		})
	}
}

func BenchmarkBuildLatinFold(b *testing.B) {
	for b.Loop() {
		buildLatinFold()
	}
}

func mustParseUTC(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func check(t *testing.T, fn, in, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s(%s) = %q; want %q", fn, in, got, want)
	}
}
