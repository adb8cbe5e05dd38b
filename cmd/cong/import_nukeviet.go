package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"cong/internal/importer/nukeviet"
)

// nukevietFlags are the flags of `cong import nukeviet`.
type nukevietFlags struct{ from, prefix, lang, uploads string }

// nukevietSource is `cong import nukeviet --from mysql://… [--prefix] [--lang] [--uploads DIR]`.
func nukevietSource() importSource {
	var o nukevietFlags
	return importSource{
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&o.from, "from", "", "cong import nukeviet: the site's database, mysql://USER:PASS@HOST:3306/DATABASE")
			fs.StringVar(&o.prefix, "prefix", "nv4", "cong import nukeviet: the site's table prefix ($db_config['prefix'])")
			fs.StringVar(&o.lang, "lang", "vi", "cong import nukeviet: the language whose news module to read")
			fs.StringVar(&o.uploads, "uploads", "", "cong import nukeviet: the site's uploads/ folder, for its pictures")
		},
		run: func(ctx context.Context, job *importJob) error { return runNukeviet(ctx, job, o) },
	}
}

// runNukeviet reads a NukeViet 4 site into the portal.
func runNukeviet(ctx context.Context, job *importJob, o nukevietFlags) error {
	if o.from == "" {
		return errors.New("cong import nukeviet needs --from mysql://USER:PASS@HOST:3306/DATABASE")
	}
	if _, err := nukeviet.CheckUploads(o.uploads); err != nil {
		return err
	}
	src, err := nukeviet.Open(ctx, o.from, o.prefix, o.lang)
	if err != nil {
		return err
	}
	defer src.Close()
	fmt.Fprintf(job.Out, "reading %s: tables %s_%s_news_*, module %q, pictures from %s\n", src.Redacted, src.Prefix,
		src.Lang, src.Module, orNone(o.uploads))
	im := &nukeviet.Importer{Store: job.Store, Library: job.DB, Run: job.Run, Who: job.Who, Uploads: o.uploads}
	if !job.Run.DryRun {
		im.Files = job.Files
	}
	return im.Import(ctx, src)
}

func orNone(dir string) string {
	if dir == "" {
		return "nowhere (no --uploads)"
	}
	return dir
}
