// Command wxrgen writes a generated WordPress export, and the uploads its
// attachments need, for bench/wordpress.sh:
//
//	go run ./bench/wxrgen -posts 100000 -attachments 500 -uploads DIR > export.xml
package main

import (
	"flag"
	"fmt"
	"os"

	"cong/internal/importer/wordpress/wxrgen"
)

func main() {
	var o wxrgen.Options
	var uploads string
	flag.IntVar(&o.Posts, "posts", 1000, "posts")
	flag.IntVar(&o.Attachments, "attachments", 0, "pictures, shown by the posts and listed after them")
	flag.IntVar(&o.BodyBytes, "body", 3000, "about how many bytes a post's body has")
	flag.IntVar(&o.Comments, "comments", 3, "at most this many comments a post")
	flag.Uint64Var(&o.Seed, "seed", 1, "the draw of words")
	flag.StringVar(&uploads, "uploads", "", "write the attachments' pictures under this folder")
	flag.Parse()
	if uploads != "" {
		if err := wxrgen.WriteUploads(uploads, o); err != nil {
			fmt.Fprintln(os.Stderr, "wxrgen:", err)
			os.Exit(1)
		}
	}
	if err := wxrgen.Write(os.Stdout, o); err != nil {
		fmt.Fprintln(os.Stderr, "wxrgen:", err)
		os.Exit(1)
	}
}
