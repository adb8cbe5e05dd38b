package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"cong/internal/config"
	"cong/internal/importer"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/store"
)

// importSource is one kind of old portal `cong import` reads.
type importSource struct {
	// file names the positional argument ("FILE.xml", "DIR"); "" for none.
	file string
	// flags registers the source's own flags.
	flags func(fs *flag.FlagSet)
	// run reads the source and hands every item to job.Store.
	run func(ctx context.Context, job *importJob) error
}

// importSources make the sources, by the word after `cong import`: each
// run gets its own, with its own flags.
var importSources = map[string]func() importSource{
	"wordpress": wordpressSource,
	"nukeviet":  nukevietSource,
	"pages":     pagesSource,
}

// importJob is what a source's run works with.
type importJob struct {
	Config *config.Config
	File   string               // the positional argument
	Store  portal.ImportService // the database, or for --dry-run a store that writes nothing
	DB     *store.DB            // the database itself, for reads the import needs
	Run    *importer.Run
	Who    portal.Actor
	Out    io.Writer
	Files  media.Storage // where pictures go: the portal's media storage
}

// runImport runs `cong import SOURCE [FILE] [flags]`: it reads an old
// portal, hands every item to the store's one write path, shows progress,
// prints a summary and, with --report, writes every problem to a file. It
// fails when any item failed; running it again resumes and updates.
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	names := make([]string, 0, len(importSources))
	for n := range importSources {
		names = append(names, n)
	}
	slices.Sort(names)
	usage := "usage: cong import " + strings.Join(names, "|") + " … (cong import SOURCE -h for its flags)"
	if len(args) == 0 {
		return errors.New(usage)
	}
	newSource, ok := importSources[args[0]]
	if !ok {
		return fmt.Errorf("unknown source %q; %s", args[0], usage)
	}
	src, name, args := newSource(), args[0], args[1:]
	var file string
	if src.file != "" && len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	var dryRun bool
	var report, site string
	cfg, err := config.Parse("cong import "+name, args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&dryRun, "dry-run", false, "cong import: read everything, write nothing, print what would be imported and every problem")
		fs.StringVar(&report, "report", "", "cong import: write every problem, with its source id, to this file")
		fs.StringVar(&site, "site", "", "cong import: import into this site, by its code (cong site list); default: the main site")
		if src.flags != nil {
			src.flags(fs)
		}
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	if src.file != "" && file == "" {
		return fmt.Errorf("cong import %s needs %s", name, src.file)
	}
	whole, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer whole.Close()
	db, err := siteView(ctx, whole, site)
	if err != nil {
		return err
	}
	files, err := openMedia(cfg)
	if err != nil {
		return err
	}
	run := importer.New(name, stderr, dryRun)
	job := &importJob{Config: cfg, File: file, Store: db, DB: db, Run: run, Who: portal.System("cong import " + name),
		Out: stdout, Files: files}
	if dryRun {
		job.Store = &importer.Dry{Store: db}
	}
	runErr := src.run(ctx, job)
	run.Summary(stdout)
	if report != "" {
		if err := run.WriteReport(report); err != nil {
			return fmt.Errorf("report: %w", err)
		}
		fmt.Fprintf(stdout, "problems written to %s\n", report)
	}
	switch {
	case runErr != nil:
		return runErr
	case run.Failed() > 0:
		return fmt.Errorf("%d items failed; run again after fixing them: what came in stays, and is updated", run.Failed())
	}
	return nil
}
