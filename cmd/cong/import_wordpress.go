package main

import (
	"context"
	"flag"

	"cong/internal/importer/wordpress"
)

// wordpressSource is `cong import wordpress FILE.xml [--uploads DIR]`.
func wordpressSource() importSource {
	var uploads string
	return importSource{
		file: "FILE.xml (a WordPress export: Tools → Export)",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&uploads, "uploads", "", "cong import wordpress: a copy of the site's wp-content/uploads, where attachments are read from (never fetched)")
		},
		run: func(ctx context.Context, job *importJob) error {
			o := wordpress.Options{File: job.File, UploadsDir: uploads, Store: job.Store, Library: job.DB,
				Run: job.Run, Who: job.Who}
			if !job.Run.DryRun {
				o.Files = job.Files
			}
			return wordpress.Import(ctx, o)
		},
	}
}
