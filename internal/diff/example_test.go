package diff_test

import (
	"fmt"

	"cong/internal/diff"
)

func ExampleWords() {
	ops := diff.Words("Hội nghị tỉnh ủy Hậu Giang", "Hội nghị tỉnh ủy Cần Thơ")
	fmt.Println(diff.HTML(ops))
	fmt.Println(diff.Stats(ops))
	// Output:
	// Hội nghị tỉnh ủy <del>Hậu Giang</del><ins>Cần Thơ</ins>
	// 2 2
}

func ExampleBlocks() {
	old := diff.Blocks(`<p>Sáng 15/3, tỉnh Hậu Giang khai mạc hội nghị.</p>`)
	cur := diff.Blocks(`<p>Sáng 16/3, tỉnh Hậu Giang khai mạc hội nghị.</p><p>Tin mới.</p>`)
	fmt.Println(diff.HTML(diff.Words(old, cur)))
	// Output:
	// Sáng <del>15</del><ins>16</ins>/3, tỉnh Hậu Giang khai mạc hội nghị.<ins><br>Tin mới.</ins>
}
