package diff

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"testing/quick"

	"golang.org/x/text/unicode/norm"
)

func TestWords(t *testing.T) {
	const sentence = "Hội nghị tỉnh ủy Hậu Giang lần thứ 12"
	tests := []struct {
		name string
		a, b string
		want []Op
	}{
		{"both empty", "", "", nil},
		{"identical", sentence, sentence, []Op{{Equal, sentence}}},
		{"empty against text", "", sentence, []Op{{Insert, sentence}}},
		{"text against empty", sentence, "", []Op{{Delete, sentence}}},
		{
			"changed words at the end",
			"Hội nghị tỉnh ủy Hậu Giang", "Hội nghị tỉnh ủy Cần Thơ",
			[]Op{{Equal, "Hội nghị tỉnh ủy "}, {Delete, "Hậu Giang"}, {Insert, "Cần Thơ"}},
		},
		{
			"changed words in the middle",
			sentence, "Hội nghị tỉnh ủy Cần Thơ lần thứ 12",
			[]Op{{Equal, "Hội nghị tỉnh ủy "}, {Delete, "Hậu Giang"}, {Insert, "Cần Thơ"}, {Equal, " lần thứ 12"}},
		},
		{
			// A tone mark is part of its word: the whole word changes.
			"tone mark",
			"ông Hậu phát biểu", "ông Hầu phát biểu",
			[]Op{{Equal, "ông "}, {Delete, "Hậu"}, {Insert, "Hầu"}, {Equal, " phát biểu"}},
		},
		{
			"number",
			"Quyết định số 1.234/QĐ-UBND", "Quyết định số 1.243/QĐ-UBND",
			[]Op{{Equal, "Quyết định số 1."}, {Delete, "234"}, {Insert, "243"}, {Equal, "/QĐ-UBND"}},
		},
		{
			"punctuation only",
			"tỉnh Hậu Giang, Cần Thơ", "tỉnh Hậu Giang. Cần Thơ",
			[]Op{{Equal, "tỉnh Hậu Giang"}, {Delete, ","}, {Insert, "."}, {Equal, " Cần Thơ"}},
		},
		{
			"word moved",
			"kinh tế, văn hóa, xã hội", "văn hóa, xã hội, kinh tế",
			[]Op{{Delete, "kinh tế, "}, {Equal, "văn hóa, xã hội"}, {Insert, ", kinh tế"}},
		},
		{
			"words inserted",
			"Đại hội Đảng bộ tỉnh", "Đại hội đại biểu Đảng bộ tỉnh lần thứ XIV",
			[]Op{{Equal, "Đại hội "}, {Insert, "đại biểu "}, {Equal, "Đảng bộ tỉnh"}, {Insert, " lần thứ XIV"}},
		},
		{
			// Kept spaces and a lone kept word inside a rewritten sentence
			// are noise; one replacement reads better.
			"sentence rewritten",
			"Sáng nay tỉnh tổ chức hội nghị tổng kết năm", "Chiều qua thành phố tổ chức lễ kỷ niệm năm",
			[]Op{{Delete, "Sáng nay tỉnh"}, {Insert, "Chiều qua thành phố"}, {Equal, " tổ chức "},
				{Delete, "hội nghị tổng kết"}, {Insert, "lễ kỷ niệm"}, {Equal, " năm"}},
		},
		{
			"paragraph added",
			"Đoạn một.\nĐoạn hai.", "Đoạn một.\nĐoạn mới.\nĐoạn hai.",
			[]Op{{Equal, "Đoạn một.\n"}, {Insert, "Đoạn mới.\n"}, {Equal, "Đoạn hai."}},
		},
		{
			"paragraph split",
			"Câu một. Câu hai.", "Câu một.\nCâu hai.",
			[]Op{{Equal, "Câu một."}, {Delete, " "}, {Insert, "\n"}, {Equal, "Câu hai."}},
		},
		{
			// Texts are compared in NFC: the same letters composed and
			// decomposed are no change.
			"NFD against NFC",
			norm.NFD.String(sentence), sentence,
			[]Op{{Equal, sentence}},
		},
		{
			"NFD with a change",
			norm.NFD.String("Hậu Giang"), "Hậu Giang.",
			[]Op{{Equal, "Hậu Giang"}, {Insert, "."}},
		},
		{
			"markup is text",
			"Tin <b>mới</b>", "Tin <script>alert(1)</script>",
			[]Op{{Equal, "Tin <"}, {Delete, "b>mới</b"}, {Insert, "script>alert(1)</script"}, {Equal, ">"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Words(tt.a, tt.b); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Words(%q, %q) = %q; want %q", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// TestWordsFallback checks the coarser diffs Words falls back to when the
// word-level diff would cost too much.
func TestWordsFallback(t *testing.T) {
	const (
		a = "Một hai ba bốn.\nNăm sáu bảy.\nTám chín mười."
		b = "Một HAI ba BỐN.\nNăm sáu bảy.\nTám chín MƯỜI."
	)
	tests := []struct {
		name string
		lim  limits
		want []Op
	}{
		{"words within limits", defaultLimits, []Op{
			{Equal, "Một "}, {Delete, "hai"}, {Insert, "HAI"}, {Equal, " ba "}, {Delete, "bốn"}, {Insert, "BỐN"},
			{Equal, ".\nNăm sáu bảy.\nTám chín "}, {Delete, "mười"}, {Insert, "MƯỜI"}, {Equal, "."},
		}},
		{"words by changed line", limits{words: 1, lines: 100, hunks: 100}, []Op{
			{Equal, "Một "}, {Delete, "hai"}, {Insert, "HAI"}, {Equal, " ba "}, {Delete, "bốn"}, {Insert, "BỐN"},
			{Equal, ".\nNăm sáu bảy.\nTám chín "}, {Delete, "mười"}, {Insert, "MƯỜI"}, {Equal, "."},
		}},
		{"changed lines whole", limits{words: 1, lines: 100}, []Op{
			{Equal, "Một "}, {Delete, "hai ba bốn"}, {Insert, "HAI ba BỐN"},
			{Equal, ".\nNăm sáu bảy.\nTám chín "}, {Delete, "mười"}, {Insert, "MƯỜI"}, {Equal, "."},
		}},
		{"everything whole", limits{}, []Op{
			{Equal, "Một "}, {Delete, "hai ba bốn.\nNăm sáu bảy.\nTám chín mười"},
			{Insert, "HAI ba BỐN.\nNăm sáu bảy.\nTám chín MƯỜI"}, {Equal, "."},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := words(a, b, tt.lim); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("words(%q, %q, %+v) = %q; want %q", a, b, tt.lim, got, tt.want)
			}
		})
	}
}

func TestStats(t *testing.T) {
	tests := []struct {
		name     string
		a, b     string
		ins, del int
	}{
		{"identical", "Hậu Giang", "Hậu Giang", 0, 0},
		{"replaced", "Hội nghị tỉnh ủy Hậu Giang", "Hội nghị tỉnh ủy thành phố Cần Thơ", 4, 2},
		{"punctuation is no word", "Hậu Giang, Cần Thơ", "Hậu Giang. Cần Thơ", 0, 0},
		{"number is a word", "năm 2024", "năm 2025", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ops := Words(tt.a, tt.b)
			if ins, del := Stats(ops); ins != tt.ins || del != tt.del {
				t.Errorf("Stats(%q) = %d, %d; want %d, %d", ops, ins, del, tt.ins, tt.del)
			}
		})
	}
}

// rebuild joins the texts of ops of the kind given and of Equal.
func rebuild(ops []Op, side Kind) string {
	var sb strings.Builder
	for _, op := range ops {
		if op.Kind == Equal || op.Kind == side {
			sb.WriteString(op.Text)
		}
	}
	return sb.String()
}

// checkOps reports whether ops rebuild both texts (in NFC) and are well
// formed: no empty op, no two adjacent ops of the same kind.
func checkOps(t *testing.T, a, b string, ops []Op) bool {
	t.Helper()
	ok := true
	if got, want := rebuild(ops, Delete), norm.NFC.String(a); got != want {
		t.Errorf("Words(%q, %q): Equal+Delete = %q; want %q", a, b, got, want)
		ok = false
	}
	if got, want := rebuild(ops, Insert), norm.NFC.String(b); got != want {
		t.Errorf("Words(%q, %q): Equal+Insert = %q; want %q", a, b, got, want)
		ok = false
	}
	for i, op := range ops {
		if op.Text == "" || (i > 0 && ops[i-1].Kind == op.Kind) {
			t.Errorf("Words(%q, %q) = %q; want no empty op and no two adjacent ops of one kind", a, b, ops)
			return false
		}
	}
	return ok
}

// TestWordsRebuild checks on random revisions that the ops rebuild both
// texts, at full limits and with limits so small that Words falls back to
// lines and to deleting and inserting whole.
func TestWordsRebuild(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		a := randomText(rng, 1+rng.IntN(60), 8)
		b := revise(rng, a, 1+rng.IntN(10))
		lim := defaultLimits
		switch i % 4 {
		case 1: // words give up, lines and some groups of lines do not
			lim = limits{words: 10, lines: 1000, hunks: 100}
		case 2: // words and lines give up
			lim = limits{words: 10, lines: 2, hunks: 1000}
		case 3: // everything gives up
			lim = limits{}
		}
		if !checkOps(t, a, b, words(a, b, lim)) {
			return
		}
	}
}

// TestWordsRebuildAnyText does the same with arbitrary strings, invalid
// UTF-8 and lone combining marks included.
func TestWordsRebuildAnyText(t *testing.T) {
	f := func(a, b []byte) bool {
		return checkOps(t, string(a), string(b), Words(string(a), string(b)))
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 2000}); err != nil {
		t.Error(err)
	}
}

// vocabulary is the stuff of random articles: words that repeat a lot, as
// in real text, punctuation and paragraph breaks.
var vocabulary = strings.Fields("Hội nghị tỉnh ủy Hậu Giang Cần Thơ Đảng bộ nhân dân kinh tế văn hóa xã hội " +
	"phát triển năm 2024 2025 đồng chí Bí thư Chủ tịch UBND huyện xã thị trấn công tác chỉ đạo , . ; : – " +
	"nghị quyết thực hiện nhiệm vụ giải pháp đầu tư dự án cán bộ đảng viên")

// randomText returns n words from vocabulary, in paragraphs of about para
// words.
func randomText(rng *rand.Rand, n, para int) string {
	var sb strings.Builder
	for i := range n {
		if i > 0 {
			if rng.IntN(para) == 0 {
				sb.WriteString("\n")
			} else {
				sb.WriteString(" ")
			}
		}
		sb.WriteString(vocabulary[rng.IntN(len(vocabulary))])
	}
	return sb.String()
}

// revise makes n random edits to the words of a: replacing, deleting or
// inserting one.
func revise(rng *rand.Rand, a string, n int) string {
	w := strings.Split(a, " ")
	for range n {
		i := rng.IntN(len(w))
		switch rng.IntN(3) {
		case 0:
			w[i] = vocabulary[rng.IntN(len(vocabulary))]
		case 1:
			if len(w) > 1 {
				w = append(w[:i], w[i+1:]...)
			}
		case 2:
			w = append(w[:i], append([]string{vocabulary[rng.IntN(len(vocabulary))]}, w[i:]...)...)
		}
	}
	return strings.Join(w, " ")
}

func BenchmarkWords(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	old, long := randomText(rng, 20000, 80), randomText(rng, 50000, 80)
	benchmarks := []struct {
		name string
		a, b string
	}{
		{"20k words 1% changed", old, revise(rng, old, 200)},
		{"20k words 20% changed", old, revise(rng, old, 4000)},
		{"20k words all different", old, randomText(rng, 20000, 80)},
		{"50k words 1% changed", long, revise(rng, long, 500)},
		{"50k words all different", randomText(rng, 50000, 80), randomText(rng, 50000, 80)},
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				Words(bm.a, bm.b)
			}
		})
	}
}

// TestWordsLongRevision checks that the work limits leave room for the
// longest articles: 1% of the words of a 50 000-word text changed is still
// diffed word by word, not by line.
func TestWordsLongRevision(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	a := randomText(rng, 50000, 80)
	b := revise(rng, a, 500)
	ops := Words(a, b)
	if ins, del := Stats(ops); ins > 600 || del > 600 {
		t.Errorf("Stats(Words(a, b)) = %d, %d for 500 edits in 50 000 words; want each under 600", ins, del)
	}
}
