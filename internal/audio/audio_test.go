package audio_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cong/internal/audio"
)

// generator returns the Generator of this machine's espeak-ng and lame;
// the test is skipped without them unless CONG_REQUIRE_AUDIO is set.
func generator(t *testing.T) *audio.Generator {
	t.Helper()
	g := audio.New("espeak-ng", "lame")
	if err := g.Available(); err != nil {
		if os.Getenv("CONG_REQUIRE_AUDIO") != "" {
			t.Fatalf("CONG_REQUIRE_AUDIO is set: %v", err)
		}
		t.Skipf("no audio programs (apt-get install espeak-ng lame): %v", err)
	}
	return g
}

// IsMP3 reports whether b starts as an MP3 file: an ID3 tag or a frame's
// sync word.
func isMP3(b []byte) bool {
	return len(b) > 4 && (string(b[:3]) == "ID3" || b[0] == 0xFF && b[1]&0xE0 == 0xE0)
}

// TestGenerate: the audio is an MP3 whose length grows with the text, about
// 24 kbit/s of it.
func TestGenerate(t *testing.T) {
	g := generator(t)
	sentence := "Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm và triển khai nhiệm vụ năm tới. "
	short, dShort, err := g.Generate(context.Background(), sentence)
	if err != nil {
		t.Fatal(err)
	}
	long, dLong, err := g.Generate(context.Background(), strings.Repeat(sentence, 4))
	if err != nil {
		t.Fatal(err)
	}
	if !isMP3(short) || !isMP3(long) {
		t.Fatalf("not MP3: % x…, % x…", short[:4], long[:4])
	}
	if dShort < 2*time.Second || dLong < 3*dShort {
		t.Errorf("lengths %s for one sentence, %s for four; want at least 2 s and three times as long", dShort, dLong)
	}
	if perMinute := float64(len(long)) / dLong.Minutes(); perMinute > 200<<10 {
		t.Errorf("%.0f bytes a minute; want at most 200 KB at 24 kbit/s", perMinute)
	}
	t.Logf("%d bytes for %s (%.0f KB a minute)", len(long), dLong, float64(len(long))/dLong.Minutes()/1024)
}

// TestGenerateTimeout: a job that outlasts its timeout fails, its programs
// killed.
func TestGenerateTimeout(t *testing.T) {
	g := generator(t)
	g.Timeout = 50 * time.Millisecond
	start := time.Now()
	_, _, err := g.Generate(context.Background(), strings.Repeat("Một hai ba bốn năm sáu bảy tám chín mười. ", 2000))
	if err == nil || !strings.Contains(err.Error(), "not made within") {
		t.Errorf("Generate past its timeout: %v; want an error saying so", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("Generate returned after %s; want soon after its timeout", time.Since(start))
	}
}

// TestMissing: a generator pointed at programs that do not exist says which,
// and generates nothing.
func TestMissing(t *testing.T) {
	g := audio.New("/nonexistent/espeak-ng", "lame")
	err := g.Available()
	if err == nil || !strings.Contains(err.Error(), "espeak-ng") {
		t.Fatalf("Available() = %v; want an error naming espeak-ng", err)
	}
	if _, _, err := g.Generate(context.Background(), "xin chào"); err == nil {
		t.Error("Generate without espeak-ng succeeded")
	}
}

func TestScript(t *testing.T) {
	s := audio.Script("Tiêu đề", "Sa pô bài!", "<p>Đoạn <b>một</b></p><p>Đoạn hai.</p>")
	if want := "Tiêu đề.\nSa pô bài!\nĐoạn một Đoạn hai."; s != want {
		t.Errorf("Script = %q; want %q", s, want)
	}
	if audio.Hash(s) == audio.Hash(s+" ") || len(audio.Hash(s)) != 16 {
		t.Errorf("Hash(%q) = %q", s, audio.Hash(s))
	}
	long := audio.Script("Tiêu đề", "", strings.Repeat("<p>Câu dài có dấu tiếng Việt đầy đủ.</p>", 1000))
	if len(long) > audio.MaxScript || !utf8.ValidString(long) || !strings.HasSuffix(long, "trên trang.") {
		t.Errorf("a long script: %d bytes, valid %v, ends %q", len(long), utf8.ValidString(long), long[len(long)-40:])
	}
}
