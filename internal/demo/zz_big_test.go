package demo_test

import (
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/storetest"
)

func TestZZBig(t *testing.T) {
	if os.Getenv("ZZBIG") == "" {
		t.Skip()
	}
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	start := time.Now()
	if err := demo.Generate(ctx, db, t.TempDir(), 100000, now, rand.New(rand.NewPCG(1, 2))); err != nil {
		t.Fatal(err)
	}
	t.Logf("100000 in %v", time.Since(start))
}
