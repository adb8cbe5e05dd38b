// Command bareserver is the floor under cong's page speed in
// bench/article.sh: a bare net/http server that writes one saved page from
// memory for every request, with nothing else — no routing, no cache, no
// counters, no headers but the content type. Given the page's gzip form
// too, it writes that to requests whose Accept-Encoding names gzip, as
// nginx's gzip_static does.
//
//	bareserver FILE [GZFILE] ADDR
package main

import (
	"fmt"
	"net/http"
	"os"
	"strings"
)

func main() {
	if len(os.Args) != 3 && len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: bareserver FILE [GZFILE] ADDR")
		os.Exit(2)
	}
	page, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "bareserver:", err)
		os.Exit(1)
	}
	var gz []byte
	if len(os.Args) == 4 {
		if gz, err = os.ReadFile(os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, "bareserver:", err)
			os.Exit(1)
		}
	}
	err = http.ListenAndServe(os.Args[len(os.Args)-1], http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		if gz != nil {
			h.Set("Vary", "Accept-Encoding")
			if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				h.Set("Content-Encoding", "gzip")
				w.Write(gz)
				return
			}
		}
		w.Write(page)
	}))
	fmt.Fprintln(os.Stderr, "bareserver:", err)
	os.Exit(1)
}
