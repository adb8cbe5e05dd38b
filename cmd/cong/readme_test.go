package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestEveryCommandRuns asks each command of the table for its help: run
// must know every one it lists (and only those, see TestUnknownCommand).
func TestEveryCommandRuns(t *testing.T) {
	for _, c := range commands {
		var out bytes.Buffer
		args := append(strings.Fields(c.name), "-h")
		if err := run(context.Background(), args, noenv, &out, &out); err != nil {
			t.Errorf("cong %s: %v", strings.Join(args, " "), err)
		}
		if !strings.Contains(usage, "  "+c.name+" ") {
			t.Errorf("usage does not list %q:\n%s", c.name, usage)
		}
	}
}

// TestReadmeListsEveryCommand reads the command line the README gives,
// `cong [serve|migrate|...] [flags]`, and wants exactly the commands cong
// knows, in the same order.
func TestReadmeListsEveryCommand(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("`cong \\[([^\\]`]+)\\] \\[flags\\]`").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no line `cong [command|...] [flags]`")
	}
	listed := strings.Split(string(m[1]), "|")
	var known []string
	for _, c := range commands {
		known = append(known, c.name)
	}
	for _, name := range known {
		if !slices.Contains(listed, name) {
			t.Errorf("README.md's command line %q lacks %q", m[1], name)
		}
	}
	for _, name := range listed {
		if !slices.Contains(known, name) {
			t.Errorf("README.md lists %q, which cong does not know", name)
		}
	}
	if !slices.Equal(listed, known) && !t.Failed() {
		t.Errorf("README.md lists %q; want the order of cong help: %q", listed, known)
	}
}
