package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cong/internal/importer/pages/pagestest"
)

// TestImportPagesCommand runs `cong import pages` on a saved site: a dry
// run that writes no file, a run that imports what it can, writes the
// report and exits with an error for the pages that failed, and clear
// errors for a missing rules file or folder.
func TestImportPagesCommand(t *testing.T) {
	site, data := pagestest.Write(t), t.TempDir()
	cmd := func(extra ...string) (string, error) {
		var out bytes.Buffer
		args := append([]string{"import", "pages", site.Dir, "--data", data}, extra...)
		err := run(context.Background(), args, noenv, &out, &out)
		return out.String(), err
	}
	out, err := cmd("--rules", "haugiang", "--dry-run")
	if err == nil || !strings.Contains(err.Error(), "2 items failed") ||
		!strings.Contains(out, "pages: would import (dry run: nothing written) 11 items") {
		t.Errorf("dry run: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(data, "media")); !os.IsNotExist(err) {
		t.Errorf("the dry run made the media folder: %v", err)
	}

	report := filepath.Join(data, "problems.tsv")
	out, err = cmd("--rules", "haugiang", "--report", report)
	if err == nil || !strings.Contains(err.Error(), "2 items failed") || !strings.Contains(out, "problems written to "+report) {
		t.Errorf("run: %v\n%s", err, out)
	}
	b, _ := os.ReadFile(report)
	if want := "failed\tpage\t/Default.aspx?ItemID=126&tabid=57\t" + pagestest.Host + "/" + pagestest.BadDateFile +
		`: rule "date": "31/02/2020" does not parse with layout "2/1/2006"`; !strings.Contains(string(b), want) {
		t.Errorf("report:\n%s\nwant a line %q", b, want)
	}
	if pictures, _ := filepath.Glob(filepath.Join(data, "media", "2020", "12", "*.jpg")); len(pictures) == 0 {
		t.Error("no picture in the media library's 2020/12")
	}

	if _, err := cmd(); err == nil || !strings.Contains(err.Error(), "no rules") {
		t.Errorf("no --rules: %v", err)
	}
	var out2 bytes.Buffer
	err = run(context.Background(), []string{"import", "pages", filepath.Join(data, "khong-co"), "--rules", "haugiang",
		"--data", data}, noenv, &out2, &out2)
	if err == nil || !strings.Contains(err.Error(), "khong-co") {
		t.Errorf("a missing folder: %v", err)
	}
}
