package search

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
)

func TestNewField(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		folded   string
		words    []string // originals
	}{
		{"empty", "", "", nil},
		{"punctuation only", ` ,.;:!?-–—"'()[]{}*^&|<->…`, "", nil},
		{"nfc", "Đảng bộ tỉnh Hậu Giang", "dang bo tinh hau giang", []string{"Đảng", "bộ", "tỉnh", "Hậu", "Giang"}},
		{"nfd", norm.NFD.String("Đảng bộ tỉnh Hậu Giang"), "dang bo tinh hau giang",
			[]string{norm.NFD.String("Đảng"), norm.NFD.String("bộ"), norm.NFD.String("tỉnh"), norm.NFD.String("Hậu"), "Giang"}},
		{"upper case", "ĐẢNG BỘ", "dang bo", []string{"ĐẢNG", "BỘ"}},
		{"every tone", "ma mà má mả mã mạ", "ma ma ma ma ma ma", []string{"ma", "mà", "má", "mả", "mã", "mạ"}},
		{"vowel marks", "ă â ê ô ơ ư Ư Ơ", "a a e o o u u o", []string{"ă", "â", "ê", "ô", "ơ", "ư", "Ư", "Ơ"}},
		{"eth for đ", "ÐẢNG", "dang", []string{"ÐẢNG"}},
		{"punctuation splits", "COVID-19, (năm 2021)", "covid 19 nam 2021", []string{"COVID", "19", "năm", "2021"}},
		{"nbsp and dashes", "Hà\u00a0Nội–Huế", "ha noi hue", []string{"Hà", "Nội", "Huế"}},
		{"stray mark is no word", " \u0301 a", "a", []string{"a"}},
		{"syntax", `"a" AND b* OR c^ NEAR(d) e:f <-> g&h|!i`, "a and b or c near d e f g h i",
			[]string{"a", "AND", "b", "OR", "c", "NEAR", "d", "e", "f", "g", "h", "i"}},
		{"long word dropped", "a " + strings.Repeat("x", MaxWordBytes+1) + " b", "a b", []string{"a", "b"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := NewField(tt.in, 1000)
			if f.Folded != tt.folded {
				t.Errorf("NewField(%q).Folded = %q; want %q", tt.in, f.Folded, tt.folded)
			}
			var words []string
			for i := range f.Words() {
				words = append(words, f.Original(i))
			}
			if diff := cmp.Diff(tt.words, words); diff != "" {
				t.Errorf("NewField(%q) words (-want +got):\n%s", tt.in, diff)
			}
			if got := strings.Join(strings.Fields(f.Folded), " "); got != f.Folded {
				t.Errorf("Folded %q is not words joined by single spaces", f.Folded)
			}
		})
	}
}

func TestNewFieldLimit(t *testing.T) {
	f := NewField("một hai ba bốn năm", 3)
	if f.Folded != "mot hai ba" || f.Words() != 3 {
		t.Errorf("NewField(…, 3).Folded = %q; want %q", f.Folded, "mot hai ba")
	}
	d := NewDoc("a b", "", "", strings.Repeat("x ", MaxDocWords))
	if n := d.Fields[FieldTitle].Words() + d.Fields[FieldBody].Words(); n != MaxDocWords {
		t.Errorf("NewDoc holds %d words; want %d", n, MaxDocWords)
	}
}

func TestText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain", "plain"},
		{"<p>Một</p><p>Hai</p>", "Một  Hai"},
		{"<p>Đ<b>ảng</b> bộ</p>", "Đảng bộ"},
		{"a &amp; b &lt;c&gt; &nbsp;d &#272;ảng &bogus; &", "a & b <c> \u00a0d Đảng &bogus; &"},
		{"<p>x</p><script>var a = '<p>';</script><style>p{}</style>y", "x   y"},
		{`<figure><img src="a.png" alt="ảnh"><figcaption>Hội nghị</figcaption></figure>`, "Hội nghị"},
		{"a <unclosed", "a"},
	} {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestScoreHTML checks that scoring a body as HTML, through the scorer's
// reused buffer, is scoring its Text, one article after another.
func TestScoreHTML(t *testing.T) {
	q, err := Parse(`đảng "bộ tỉnh"`)
	if err != nil {
		t.Fatal(err)
	}
	html, plain := q.NewScorer(), q.NewScorer()
	for _, body := range []string{
		"<p>Đ<b>ảng</b> bộ tỉnh &amp; Đảng bộ tỉnh</p>",
		"Đảng bộ tỉnh, không thẻ",
		"<p>bộ tỉnh</p><p>đảng &#272;ảng</p><script>đảng</script>",
		"",
		"<p>Đảng bộ huyện</p>",
	} {
		gotScore, gotOK := html.ScoreHTML("Tiêu đề", "", "PV", body)
		wantScore, wantOK := plain.Score("Tiêu đề", "", "PV", Text(body))
		if gotScore != wantScore || gotOK != wantOK {
			t.Errorf("ScoreHTML(%q) = %v, %v; Score of its Text = %v, %v", body, gotScore, gotOK, wantScore, wantOK)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     *Query
		err      error
	}{
		{"words", "dang bo", &Query{Words: []Word{{"dang", "dang"}, {"bo", "bo"}}}, nil},
		{"marks kept", "Đường", &Query{Words: []Word{{"duong", "đường"}}}, nil},
		{"nfd", norm.NFD.String("ĐƯỜNG"), &Query{Words: []Word{{"duong", "đường"}}}, nil},
		{"same word twice", "hội Hội HỘI", &Query{Words: []Word{{"hoi", "hội"}}}, nil},
		{"same fold, other marks", "đường dương", &Query{Words: []Word{{"duong", "đường"}, {"duong", "dương"}}}, nil},
		{"phrase", `"Hậu Giang" tỉnh`, &Query{
			Words:   []Word{{"hau", "hậu"}, {"giang", "giang"}, {"tinh", "tỉnh"}},
			Phrases: [][]int{{0, 1}},
		}, nil},
		{"curly quotes", "“Đảng bộ” tỉnh", &Query{
			Words:   []Word{{"dang", "đảng"}, {"bo", "bộ"}, {"tinh", "tỉnh"}},
			Phrases: [][]int{{0, 1}},
		}, nil},
		{"unclosed quote", `tỉnh "hậu giang`, &Query{
			Words:   []Word{{"tinh", "tỉnh"}, {"hau", "hậu"}, {"giang", "giang"}},
			Phrases: [][]int{{1, 2}},
		}, nil},
		{"one-word phrase is a word", `"tỉnh"`, &Query{Words: []Word{{"tinh", "tỉnh"}}}, nil},
		{"syntax is words", `a* OR -b`, &Query{Words: []Word{{"a", "a"}, {"or", "or"}, {"b", "b"}}}, nil},
		{"empty", "", nil, ErrEmpty},
		{"blank", "   ", nil, ErrEmpty},
		{"punctuation", `"" ** ( ) - : ^ <-> & | !`, nil, ErrEmpty},
		{"too long", strings.Repeat("a", MaxQueryLen+1), nil, ErrTooLong},
		{"long enough", strings.Repeat("ă ", MaxQueryLen/2), &Query{Words: []Word{{"a", "ă"}}}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != tt.err {
				t.Fatalf("Parse(%q) error = %v; want %v", tt.in, err, tt.err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseWordLimit(t *testing.T) {
	q, err := Parse(strings.Repeat("a b c d e f g h i j k l m n o p q r s t u v w x y z ", 3))
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Words) != 26 {
		t.Errorf("distinct words = %d; want 26", len(q.Words))
	}
	q, _ = Parse(strings.TrimSpace(strings.Repeat("ab ac ad ae af ag ah ai aj ak ", 4)) + " x1 x2 x3 x4 x5 x6 x7 x8 x9 y1 y2 y3 y4 y5 y6 y7 y8 y9 z1 z2 z3 z4 z5 z6 z7 z8 z9")
	if len(q.Words) != MaxQueryWords {
		t.Errorf("distinct words = %d; want at most %d", len(q.Words), MaxQueryWords)
	}
}

func TestSyntax(t *testing.T) {
	q, err := Parse(`Đảng "hậu giang" and "o'neil" bộ*`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := q.FTS5(), `"dang" "and" "bo" "hau giang" "o neil"`; got != want {
		t.Errorf("FTS5() = %s; want %s", got, want)
	}
	if got, want := q.TSQuery(), `'dang' & 'and' & 'bo' & 'hau giang' & 'o neil'`; got != want {
		t.Errorf("TSQuery() = %s; want %s", got, want)
	}
	q, _ = Parse(`"ủy ban nhân dân" "tỉnh"`)
	if got, want := q.TSQuery(), `'tinh' & 'uy ban' & 'ban nhan' & 'nhan dan'`; got != want {
		t.Errorf("TSQuery() = %s; want %s", got, want)
	}
	if got, want := tsQuote(`a'b\c`), `'a''b\\c'`; got != want {
		t.Errorf("tsQuote = %s; want %s", got, want)
	}
}

func TestTSVector(t *testing.T) {
	d := NewDoc("Hậu Giang", "Tỉnh Hậu Giang", "", "giang tỉnh")
	// The words and the pairs of words next to each other in one field:
	// "giang tinh" only in the body, never across the title and summary.
	want := `'giang' 'giang tinh' 'hau' 'hau giang' 'tinh' 'tinh hau'`
	if got := d.TSVector(); got != want {
		t.Errorf("TSVector() = %s; want %s", got, want)
	}
}

func score(t *testing.T, query, title, body string) (Score, bool) {
	t.Helper()
	q, err := Parse(query)
	if err != nil {
		t.Fatal(err)
	}
	return q.NewScorer().Score(title, "", "", body)
}

func TestMatch(t *testing.T) {
	for _, tt := range []struct {
		query, title, body string
		want               bool
	}{
		{"dang bo tinh hau giang", "Đảng bộ tỉnh Hậu Giang", "", true},
		{"ĐẢNG BỘ", "đảng bộ", "", true},
		{norm.NFD.String("Đảng bộ"), "Đảng bộ", "", true},
		{"Đảng bộ", "", norm.NFD.String("ĐẢNG BỘ"), true},
		{"dang bo", "Đảng", "", false},          // every word is needed
		{"dang", "Đảngbộ", "", false},           // whole words only
		{`"hau giang"`, "Hậu Giang", "", true},  // phrase
		{`"giang hau"`, "Hậu Giang", "", false}, // in order
		{`"hau giang"`, "Hậu", "Giang", false},  // in one field
		{`"hau giang"`, "", "Hậu, Giang", true}, // punctuation between is no gap
		{`"hau giang"`, "", "Hậu và Giang", false},
	} {
		if _, ok := score(t, tt.query, tt.title, tt.body); ok != tt.want {
			t.Errorf("%q against (%q, %q): match = %v; want %v", tt.query, tt.title, tt.body, ok, tt.want)
		}
	}
}

// TestRankExactFirst: words typed with marks find only-folded matches too,
// but those with the very marks typed come first, whatever the case or form.
func TestRankExactFirst(t *testing.T) {
	for _, tt := range []struct {
		query, better, worse string
	}{
		{"đường", "Đường", "Dương"},
		{"đường", "ĐƯỜNG", "Dương Dương Dương"},
		{"Đường", norm.NFD.String("đường"), "duong"},
		{norm.NFD.String("đường"), "Đường", "Dường"},
		{"mà", "mà", "ma"},
		{"má", "má", "mà"},
		{"mả", "MẢ", "mã"},
		{"mã", "mã", "mạ"},
		{"mạ", "Mạ", "má"},
		{"hòa bình", "Hòa Bình", "Hoa Binh"},
		{"hòa bình", "Hòa binh", "hoa binh"},
		// The same marks: relevance decides.
		{"đường", "Đường mới, đường xa", "Đường mới"},
	} {
		b, okb := score(t, tt.query, tt.better, "")
		w, okw := score(t, tt.query, tt.worse, "")
		if !okb || !okw {
			t.Errorf("%q: match %q = %v, %q = %v; want both", tt.query, tt.better, okb, tt.worse, okw)
			continue
		}
		if !b.Better(w) {
			t.Errorf("%q: %q scores %+v, %q scores %+v; want the first ahead", tt.query, tt.better, b, tt.worse, w)
		}
	}
	// Without marks in the query, marks in the text do not matter.
	a, _ := score(t, "duong", "Đường", "")
	b, _ := score(t, "duong", "Dương", "")
	if a != b {
		t.Errorf(`"duong": Đường scores %+v, Dương %+v; want equal`, a, b)
	}
	// A title match outranks a body match.
	title, _ := score(t, "đường", "Đường", "khác")
	body, _ := score(t, "đường", "Khác", "Đường")
	if !title.Better(body) {
		t.Errorf("title match %+v; body match %+v; want the title first", title, body)
	}
}

func marked(m Marked) string {
	var b strings.Builder
	last := 0
	for _, r := range m.Marks {
		b.WriteString(m.Text[last:r[0]] + "[" + m.Text[r[0]:r[1]] + "]")
		last = r[1]
	}
	return b.String() + m.Text[last:]
}

func TestHighlight(t *testing.T) {
	for _, tt := range []struct{ query, text, want string }{
		{"dang bo", "Hội nghị Đảng bộ tỉnh", "Hội nghị [Đảng bộ] tỉnh"},
		{"đường", "Đường và Dương", "[Đường] và [Dương]"},
		{"hau giang", "HẬU GIANG, Hậu-Giang", "[HẬU GIANG], [Hậu]-[Giang]"},
		{"dang", norm.NFD.String("Đảng bộ"), "[" + norm.NFD.String("Đảng") + "] " + norm.NFD.String("bộ")},
		{"x", "không có", "không có"},
	} {
		q, _ := Parse(tt.query)
		if got := marked(q.Highlight(tt.text)); got != tt.want {
			t.Errorf("Highlight(%q, %q) = %q; want %q", tt.query, tt.text, got, tt.want)
		}
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("một hai ba bốn năm sáu bảy tám chín mười ", 10)
	for _, tt := range []struct {
		name, query, text string
		n                 int
		want              string
		ok                bool
	}{
		{"short text whole", "dang", "Đảng bộ tỉnh.", 10, "[Đảng] bộ tỉnh.", true},
		{"cut both sides", "muoi", "a b c d e f g h mười x y z", 4, "… g h [mười] x …", true},
		{"start kept", "a", "  a b c d", 2, "[a] b …", true},
		{"densest window", "hau giang", "Hậu x x x x x x x x x Hậu Giang x x", 3,
			"… x [Hậu Giang] …", true},
		{"no match: beginning", "zzz", long, 3, "một hai ba …", false},
		{"empty", "x", "   ", 3, "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := Parse(tt.query)
			m, ok := q.Snippet(tt.text, tt.n)
			if got := marked(m); got != tt.want || ok != tt.ok {
				t.Errorf("Snippet(%q, %q, %d) = %q, %v; want %q, %v", tt.query, tt.text, tt.n, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func BenchmarkScore(b *testing.B) {
	body := Text(strings.Repeat("<p>Sáng ngày 30/12, Ban Thường vụ Tỉnh ủy Hậu Giang tổ chức hội nghị học tập, quán triệt Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIV. Đồng chí Nguyễn Văn A, Phó Bí thư Thường trực Tỉnh ủy, chủ trì hội nghị.</p>", 12))
	q, _ := Parse("đảng bộ tỉnh")
	s := q.NewScorer()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		s.Score("Hội nghị học tập Nghị quyết", "Tóm tắt", "Thanh Tâm", body)
	}
}
