package viet

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The letters of Vietnamese and how each encoding writes them, typed here
// from the published code charts (TCVN 5712:1993 VN3; VNI-Windows) apart
// from the decoder's own tables, so that a slip in either shows. Each row
// is one letter with no tone, then huyền, sắc, hỏi, ngã and nặng.
var (
	letterRows = []string{
		"a à á ả ã ạ", "ă ằ ắ ẳ ẵ ặ", "â ầ ấ ẩ ẫ ậ", "e è é ẻ ẽ ẹ", "ê ề ế ể ễ ệ", "i ì í ỉ ĩ ị",
		"o ò ó ỏ õ ọ", "ô ồ ố ổ ỗ ộ", "ơ ờ ớ ở ỡ ợ", "u ù ú ủ ũ ụ", "ư ừ ứ ử ữ ự", "y ỳ ý ỷ ỹ ỵ",
	}
	tcvn3Rows = []string{
		"a µ ¸ ¶ · ¹", "¨ » ¾ ¼ ½ Æ", "© Ç Ê È É Ë", "e Ì Ð Î Ï Ñ", "ª Ò Õ Ó Ô Ö", "i × Ý Ø Ü Þ",
		"o ß ã á â ä", "« å è æ ç é", "¬ ê í ë ì î", "u ï ó ñ ò ô", "\u00ad õ ø ö ÷ ù", "y ú ý û ü þ",
	}
	vniRows = []string{
		"a aø aù aû aõ aï", "aê aè aé aú aü aë", "aâ aà aá aå aã aä", "e eø eù eû eõ eï",
		"eâ eà eá eå eã eä", "i ì í æ ó ò", "o oø où oû oõ oï", "oâ oà oá oå oã oä",
		"ô ôø ôù ôû ôõ ôï", "u uø uù uû uõ uï", "ö öø öù öû öõ öï", "y yø yù yû yõ î",
	}
	// The capitals TCVN3 codes apart; its other capitals are the small
	// letters' codes set in a capital font.
	tcvn3Capitals = map[rune]string{'Ă': "¡", 'Â': "¢", 'Ê': "£", 'Ô': "¤", 'Ơ': "¥", 'Ư': "¦", 'Đ': "§"}
)

// legacyTable maps each Vietnamese letter (lower case, NFC) to its code in
// an encoding, from the rows above and the code of đ.
func legacyTable(rows []string, d string) map[rune]string {
	m := map[rune]string{'đ': d}
	for i, row := range letterRows {
		codes := strings.Fields(rows[i])
		for j, l := range strings.Fields(row) {
			m[[]rune(l)[0]] = codes[j]
		}
	}
	return m
}

// encode writes s, NFC Vietnamese, in the encoding of table the way a
// typist with that encoding's keyboard driver would: VNI capitals in
// capital codes, TCVN3 capitals with a tone in the small letters' codes.
func encode(s string, table map[rune]string, vni bool) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		lower := unicode.ToLower(r)
		code, ok := table[lower]
		switch {
		case !ok || lower < utf8.RuneSelf && code == string(lower):
			b.WriteRune(r)
		case r == lower:
			b.WriteString(code)
		case vni:
			b.WriteString(strings.ToUpper(code))
		case tcvn3Capitals[r] != "":
			b.WriteString(tcvn3Capitals[r])
		default:
			b.WriteString(code)
		}
	}
	return b.String()
}

func toTCVN3(s string) string { return encode(s, legacyTable(tcvn3Rows, "®"), false) }
func toVNI(s string) string   { return encode(s, legacyTable(vniRows, "ñ"), true) }

// TestEveryLetter decodes every Vietnamese letter in both cases with every
// tone, from both encodings. A TCVN3 capital with a tone is only told from
// its small letter by the capitals around it, so it is tried inside "X…X".
func TestEveryLetter(t *testing.T) {
	var letters []string
	for _, row := range letterRows {
		letters = append(letters, strings.Fields(row)...)
	}
	letters = append(letters, "đ")
	for _, l := range letters {
		for _, want := range []string{l, strings.ToUpper(l)} {
			vni := toVNI(want)
			if got := ToUnicode(vni, VNI); got != want {
				t.Errorf("ToUnicode(%q, VNI) = %q; want %q", vni, got, want)
			}
			word := "x" + want + "x"
			if want != l {
				word = "X" + want + "X"
			}
			tcvn := toTCVN3(word)
			if got := ToUnicode(tcvn, TCVN3); got != word {
				t.Errorf("ToUnicode(%q, TCVN3) = %q; want %q", tcvn, got, word)
			}
		}
	}
	for capital, code := range tcvn3Capitals {
		if got := ToUnicode(code, TCVN3); got != string(capital) {
			t.Errorf("ToUnicode(%q, TCVN3) = %q; want %q", code, got, string(capital))
		}
	}
}

// seedArticle is the demo portal's seed article: real Vietnamese prose.
func seedArticle(t testing.TB) string {
	b, err := os.ReadFile("../demo/seed/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFixEncodingSentences converts real sentences typed in each encoding,
// and the samples public converters document.
func TestFixEncodingSentences(t *testing.T) {
	tests := []struct {
		name, in, want string
		enc            Encoding
	}{
		{"tcvn3 title", "Héi nghÞ häc tËp, qu¸n triÖt", "Hội nghị học tập, quán triệt", TCVN3},
		{"tcvn3 place", "B¶o Th¾ng", "Bảo Thắng", TCVN3},
		{"tcvn3 place 2", "M­êng Kh­¬ng", "Mường Khương", TCVN3},
		{"tcvn3 capitals", "Ninh B×nh, §µ N½ng", "Ninh Bình, Đà Nẵng", TCVN3},
		{"tcvn3 set in capitals", "HéI NGHÞ BAN CHÊP HµNH §¶NG Bé TØNH", "HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", TCVN3},
		{"tcvn3 short field", "Tin tøc", "Tin tức", TCVN3},
		{"tcvn3 one word", "V¨n", "Văn", TCVN3},
		{"tcvn3 quotes read as latin-1", "\u0093V¨n hãa\u0094 vµ thÓ thao", "“Văn hóa” và thể thao", TCVN3},
		{"tcvn3 quotes read as windows-1252", "“V¨n hãa” vµ thÓ thao", "“Văn hóa” và thể thao", TCVN3},
		{"vni greeting", "Xin chaøo caùc baïn", "Xin chào các bạn", VNI},
		{"vni title", "Hoäi nghò hoïc taäp, quaùn trieät", "Hội nghị học tập, quán triệt", VNI},
		{"vni capitals", "ÑAÛNG BOÄ TÆNH HAÄU GIANG", "ĐẢNG BỘ TỈNH HẬU GIANG", VNI},
		{"vni uo", "Nöôùc Vieät Nam", "Nước Việt Nam", VNI},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc := FixEncoding(tt.in)
			if got != tt.want || enc != tt.enc {
				t.Errorf("FixEncoding(%q) = %q, %v; want %q, %v", tt.in, got, enc, tt.want, tt.enc)
			}
			if e := DetectEncoding(tt.in); e != tt.enc {
				t.Errorf("DetectEncoding(%q) = %v; want %v", tt.in, e, tt.enc)
			}
			if again, e := FixEncoding(got); again != got || e != Unicode {
				t.Errorf("FixEncoding(%q) = %q, %v; want it unchanged", got, again, e)
			}
		})
	}
}

// TestFixEncodingSeedArticle sends the seed article through both encodings,
// paragraph by paragraph and whole, and back.
func TestFixEncodingSeedArticle(t *testing.T) {
	article := seedArticle(t)
	paragraphs := strings.Split(article, "\n")
	for _, enc := range []Encoding{TCVN3, VNI} {
		to := toTCVN3
		if enc == VNI {
			to = toVNI
		}
		for _, p := range append(paragraphs, article, seedTitle, strings.ToUpper(seedTitle)) {
			legacy := to(p)
			got, e := FixEncoding(legacy)
			switch {
			case e == Unicode && got != legacy:
				t.Errorf("FixEncoding(%q) = %q, Unicode; want it unchanged", legacy, got)
			case e == Unicode && len(strings.Fields(p)) > 3:
				t.Errorf("FixEncoding(%q) found no encoding; want %v", legacy, enc)
			case e != Unicode && (got != p || e != enc):
				t.Errorf("FixEncoding(%q) = %q, %v; want %q, %v", legacy, got, e, p, enc)
			}
		}
	}
}

// genuine is text in Unicode that must come back untouched: Vietnamese of
// every kind, names that share letters with the legacy codes, and other
// languages written with Latin-1.
var genuine = []string{
	"Đắk Lắk", "Quảng Ngãi", "Hậu Giang", "Bà Rịa – Vũng Tàu", "Cà Mau", "Tây Ninh", "CÀ MAU", "TÂY NINH",
	"Có má", "có cá", "Lê Hà", "Tô Hà", "Hà Tây", "Cô Tô", "Yên Bái", "Lào Cai", "Hòa Bình", "Thái Nguyên",
	"Tân Châu", "Kiên Giang", "Long An", "Trà Vinh", "Bình Dương", "vì sao", "ý kiến", "Giá: 12 €", "Prix : 12 € TTC",
	"Zoë", "Ørsted", "Ærø", "São Paulo", "Müller für Köln", "señor, niño, año", "naïve café résumé",
	"Le thé est né à Paris, où il fait très beau.", "Ça va ? Joyeux Noël !", "Björk Guðmundsdóttir",
	"Hä?", "né", "thé", "Ré", "Où ?", "À bientôt", "£5 million", "5µm", "© 2024", "25°C", "½ cup", "× 2",
	"«Bonjour»", "The quick brown fox jumps over the lazy dog.", "Crème brûlée à la carte",
	"Nghị quyết số 15-NQ/TU", "UBND tỉnh Hậu Giang", "Vie\u0302\u0323t Nam", "Ho\u0302\u0323i nghi\u0323",
	"Quảng Ngãi và Đắk Lắk", "HTML <p>", "", "  ", "123", "e-mail: ubnd@haugiang.gov.vn",
	"ô ôc ôi ôm ôn ông ôp ôt", "a ac ach ai am an ang anh ao ap at au ay", "teỏ teỏ", // rhymes, typos
	"Le fichier de configuration est exploité par divers utilitaires dédiés aux pages de manuel.",
	"Die Größe der Datei wird in Bytes angegeben; für ältere Systeme gilt ein Höchstwert.",
	"El módulo señala un error si el año o la dirección no son válidos; véase también la sección siguiente.",
	"La funzione è già stata chiamata più volte: perché non restituisce né un errore né un valore?",
	"Filen kan ændres af brugeren, og ændringer træder i kraft efter genstart på både server og klient.",
	"Não é possível abrir o arquivo: permissão negada. Verifique as opções e tente novamente após a instalação.",
	"Het bestand wordt geëxporteerd naar België en daarna gecoördineerd met de überlappende taken.",
}

func TestFixEncodingLeavesUnicode(t *testing.T) {
	for _, s := range append(genuine, strings.Split(seedArticle(t), "\n")...) {
		if got, e := FixEncoding(s); got != s || e != Unicode {
			t.Errorf("FixEncoding(%q) = %q, %v; want it unchanged", s, got, e)
		}
	}
}

// TestFixEncodingBytes reads raw legacy bytes as Windows-1252 and UTF-8 as
// UTF-8.
func TestFixEncodingBytes(t *testing.T) {
	tests := []struct {
		in   []byte
		want string
		enc  Encoding
	}{
		{[]byte("H\xe9i ngh\xde h\xe4c t\xcbp \x93V\xa8n\x94"), "Hội nghị học tập “Văn”", TCVN3},
		{[]byte("Ho\xe4i ngh\xf2 ho\xefc ta\xe4p"), "Hội nghị học tập", VNI},
		{[]byte("Quảng Ngãi"), "Quảng Ngãi", Unicode},
		{[]byte("Caf\xe9 \x80 5"), "Café € 5", Unicode},
	}
	for _, tt := range tests {
		if got, e := FixEncodingBytes(tt.in); got != tt.want || e != tt.enc {
			t.Errorf("FixEncodingBytes(%q) = %q, %v; want %q, %v", tt.in, got, e, tt.want, tt.enc)
		}
	}
}

// TestFixEncodingParts converts the legacy pieces of a text and leaves the
// Unicode ones, judging the encoding on all the pieces together.
func TestFixEncodingParts(t *testing.T) {
	parts := []string{"Héi nghÞ", " ", "häc tËp", "Hậu Giang", "Có má", "qu¸n triÖt"}
	want := []string{"Hội nghị", " ", "học tập", "Hậu Giang", "Cú mỏ", "quán triệt"}
	got, e := FixEncodingParts(parts)
	if e != TCVN3 || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("FixEncodingParts(%q) = %q, %v; want %q, TCVN3", parts, got, e, want)
	}
	if parts[0] != "Héi nghÞ" {
		t.Errorf("FixEncodingParts changed its argument: %q", parts)
	}
	same := []string{"Hậu Giang", "Có má"}
	if got, e := FixEncodingParts(same); e != Unicode || &got[0] != &same[0] {
		t.Errorf("FixEncodingParts(%q) = %q, %v; want the same slice, Unicode", same, got, e)
	}
}

func TestSyllable(t *testing.T) {
	for _, w := range strings.Fields(`hội nghị học tập quán triệt triển khai thực hiện nghị quyết đại biểu đảng
		bộ tỉnh lần thứ nhiệm kỳ gì gìn già giữ giường nghe nghiêng người nguyễn quảng ngãi hậu giang khuya hoà
		thuý thủy thuỷ hòa huế ngoằn xoong khuấy ngoài rượu khuỷu của mái hoạch soóc thuở yêu yên quyết quốc quý quýnh khuyên tuyên đắk lắk búk ỉa ý y ô ơ ừ ạ
		NGHỊ Đảng`) {
		if !syllable(w) {
			t.Errorf("syllable(%q) = false; want true", w)
		}
	}
	for _, w := range strings.Fields(`ngho nghoa ka ce gê ci ca̱ hôiy fa zô ngãp tàt héi nghþ bọr
		mỹller seủor hộiộ iên ghy qo quu xiv café teỏ hoaì maí cuả toàn̉`) {
		if syllable(w) {
			t.Errorf("syllable(%q) = true; want false", w)
		}
	}
}

// latin1Words are common Vietnamese words written only with letters Latin-1
// has, the words a legacy reading could take for codes.
var latin1Words = strings.Fields(`cá có là bà má tô cô xã vì ý kê tê cà gà mì Hà tây bán bàn cán chè ché chó chú mà
	nào sáng giá mía tàu máy tiêu yêu tôi côn sông tên bên hôm nay mai ngày tháng giáo viên tiên hàng cây lá hoa
	quà chào không cám rét mùa xuân hè thu biên tình thành Tây Cà Mau Ninh Bình Tân Châu Giang Kiên An Sóc Long Trà
	Vinh Tre Lào Cai Yên Bái La Lai Hòa Thái Nguyên Cao Lâm Tháp Hùng hoà thuý khoá chín mười hai ba bốn năm sáu
	bảy tám xin chào các bạn tin tức thể thao văn hóa kinh tế xã hội`)

// genText builds a text of Vietnamese words from the seed article and
// latin1Words, in lower case, capitalised or in capitals, NFC or NFD, with
// punctuation and numbers between them.
func genText(rnd *rand.Rand, words []string) string {
	var b strings.Builder
	n := 1 + rnd.IntN(40)
	for i := range n {
		if i > 0 {
			b.WriteString([]string{" ", " ", " ", ", ", ". ", " – ", " (", ") ", "\n"}[rnd.IntN(9)])
		}
		w := words[rnd.IntN(len(words))]
		switch rnd.IntN(6) {
		case 0:
			w = strings.ToUpper(w)
		case 1:
			r, size := utf8.DecodeRuneInString(w)
			w = string(unicode.ToUpper(r)) + w[size:]
		case 2:
			w = []string{"2020", "15", "XIV", "UBND", "TP.HCM", "€", "%"}[rnd.IntN(7)]
		}
		b.WriteString(w)
	}
	if rnd.IntN(4) == 0 {
		return norm.NFD.String(b.String())
	}
	return b.String()
}

// TestFixEncodingGeneratedUnicode runs FixEncoding over many generated texts
// of genuine Vietnamese: none may change.
func TestFixEncodingGeneratedUnicode(t *testing.T) {
	words := append(strings.Fields(seedArticle(t)), latin1Words...)
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		text := genText(rnd, latin1Words)
		if rnd.IntN(3) == 0 {
			text = genText(rnd, words)
		}
		if got, e := FixEncoding(text); got != text || e != Unicode {
			t.Fatalf("FixEncoding(%q) = %q, %v; want it unchanged", text, got, e)
		}
	}
}

// FuzzFixEncoding checks that FixEncoding never panics, returns valid UTF-8
// for valid UTF-8, changes nothing when it reports Unicode, and never
// changes genuine Vietnamese generated from the fuzzer's seed.
func FuzzFixEncoding(f *testing.F) {
	for _, s := range append(genuine, "Héi nghÞ", "Hoäi nghò", "HéI NGHÞ", "\x93V¨n\x94", "a\xffb", "¸¸¸¸ µµ") {
		f.Add(s, uint64(len(s)))
	}
	words := append(strings.Fields(seedArticle(f)), latin1Words...)
	f.Fuzz(func(t *testing.T, s string, seed uint64) {
		got, e := FixEncoding(s)
		if e == Unicode && got != s {
			t.Errorf("FixEncoding(%q) = %q, Unicode; want it unchanged", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("FixEncoding(%q) = %q: invalid UTF-8", s, got)
		}
		text := genText(rand.New(rand.NewPCG(seed, 7)), words)
		if got, e := FixEncoding(text); got != text || e != Unicode {
			t.Errorf("FixEncoding(%q) = %q, %v; want it unchanged", text, got, e)
		}
	})
}

// BenchmarkFixEncoding measures the seed article (5 KB) in Unicode, which
// most saves hold, and in TCVN3.
func BenchmarkFixEncoding(b *testing.B) {
	article := seedArticle(b)
	for _, c := range []struct{ name, text string }{{"unicode", article}, {"tcvn3", toTCVN3(article)}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				FixEncoding(c.text)
			}
		})
	}
}
