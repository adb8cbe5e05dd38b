package main

import (
	"context"
	"flag"
	"strings"

	"cong/internal/importer/pages"
	"cong/internal/media"
)

// pagesSource is `cong import pages DIR --rules FILE|NAME`.
func pagesSource() importSource {
	var rules string
	return importSource{
		file: "DIR",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&rules, "rules", "", "cong import pages: the rules file, or the name of a shipped one ("+
				strings.Join(pages.Shipped(), ", ")+")")
		},
		run: func(ctx context.Context, job *importJob) error { return importPages(ctx, job, rules) },
	}
}

// importPages reads a folder of pages saved with `wget -m` by the rules
// given: articles with their pictures and categories.
func importPages(ctx context.Context, job *importJob, name string) error {
	rules, err := pages.LoadRules(name)
	if err != nil {
		return err
	}
	im := &pages.Importer{Dir: job.File, Rules: rules, Store: job.Store, Library: job.DB, Run: job.Run, Who: job.Who}
	if !job.Run.DryRun {
		im.Media = &media.Processor{Store: job.Files}
	}
	return im.Import(ctx)
}
