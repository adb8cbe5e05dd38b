package diff

import ("testing"; "fmt")

func TestScratch(t *testing.T) {
	for _, p := range [][2]string{
		{"Hội nghị tỉnh ủy Hậu Giang", "Hội nghị tỉnh ủy Cần Thơ"},
		{"Hậu Giang, Cần Thơ", "Hậu Giang. Cần Thơ"},
		{"Ông Nguyễn Văn A phát biểu tại hội nghị", "Tại hội nghị, ông Nguyễn Văn A phát biểu"},
		{"một hai ba bốn", "hai ba bốn một"},
		{"một hai ba bốn năm sáu", "một hai X ba bốn Y năm sáu"},
		{"a b c d e f g", "x y c z w f g"},
		{"đoạn một\nđoạn hai", "đoạn một\nđoạn mới\nđoạn hai"},
	} {
		fmt.Printf("%q\n", Words(p[0], p[1]))
		fmt.Printf("%q\n", words(p[0], p[1], 1<<20))
	}
}
