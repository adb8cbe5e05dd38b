package viet_test

import (
	"fmt"
	"time"

	"cong/internal/viet"
)

func ExampleFold() {
	fmt.Println(viet.Fold("Đảng bộ tỉnh Quảng Trị"))
	// Output: dang bo tinh quang tri
}

func ExampleSlug() {
	fmt.Println(viet.Slug("Đảng bộ tỉnh lần thứ XIV, nhiệm kỳ 2020 - 2025"))
	// Output: dang-bo-tinh-lan-thu-xiv-nhiem-ky-2020-2025
}

func ExampleWeekdayDate() {
	t := time.Date(2020, 12, 29, 17, 30, 0, 0, time.UTC)
	fmt.Println(viet.WeekdayDate(t), viet.Time(t))
	// Output: Thứ Tư, 30/12/2020 00:30
}

func ExampleNumber() {
	fmt.Println(viet.Number(1234567))
	// Output: 1.234.567
}

func ExampleFixEncoding() {
	for _, s := range []string{"Héi nghÞ häc tËp", "Hoäi nghò hoïc taäp", "Quảng Ngãi", "Zoë"} {
		fixed, enc := viet.FixEncoding(s)
		fmt.Println(fixed, enc)
	}
	// Output:
	// Hội nghị học tập TCVN3
	// Hội nghị học tập VNI
	// Quảng Ngãi Unicode
	// Zoë Unicode
}
