//go:build pprof

package main

// Built with -tags pprof, cong also serves net/http/pprof on 127.0.0.1:6060,
// for profiling under load (bench/). Release builds leave it out.

import (
	"net/http"
	_ "net/http/pprof"
)

func init() {
	go http.ListenAndServe("127.0.0.1:6060", nil)
}
