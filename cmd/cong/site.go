package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"cong/internal/config"
	"cong/internal/portal"
	"cong/internal/store"
)

// runSite runs `cong site list` and `cong site add`: the sites one install
// serves by host name (portal.Site). A running `cong serve` takes a new
// site within its reload period (sitesReload).
func runSite(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const usage = `usage: cong site list | cong site add --name NAME --url https://HOST [--slug SLUG]`
	if len(args) == 0 || (args[0] != "add" && args[0] != "list") {
		return errors.New(usage)
	}
	var s portal.Site
	extra := func(fs *flag.FlagSet) {}
	if args[0] == "add" {
		extra = func(fs *flag.FlagSet) {
			fs.StringVar(&s.Name, "name", "", "cong site add: the site's name, \"Cổng Thông tin điện tử huyện Châu Thành\"")
			fs.StringVar(&s.BaseURL, "url", "", "cong site add: the site's public address, the host it answers")
			fs.StringVar(&s.Slug, "slug", "", "cong site add: the site's code (default: from the name)")
		}
	}
	cfg, err := config.Parse("cong site "+args[0], args[1:], getenv, stderr, extra)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	sites, err := db.Sites(ctx)
	if err != nil {
		return err
	}
	if args[0] == "list" {
		for _, x := range sites {
			url := x.BaseURL
			if x.Main() {
				url = "(--base-url, and every host no other site names)"
			}
			fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\n", x.ID, x.Slug, x.Name, url)
		}
		return nil
	}
	if s.Name == "" || s.BaseURL == "" {
		return errors.New("cong site add needs --name and --url")
	}
	if err := s.Validate(); err != nil {
		return fmt.Errorf("cong site add: %s", portal.ErrorMessage(err))
	}
	// Run twice, it finds the site it added.
	for _, x := range sites {
		if x.Slug == s.Slug || x.Host == s.Host {
			if x.Name == s.Name && x.BaseURL == s.BaseURL {
				fmt.Fprintf(stdout, "site %s (%s) is there already, id %d\n", x.Slug, x.BaseURL, x.ID)
				return nil
			}
			return fmt.Errorf("cong site add: site %d (%s, %s) has this code or host already", x.ID, x.Slug, x.BaseURL)
		}
	}
	if err := db.CreateSite(ctx, portal.System("cong site add"), &s); err != nil {
		return fmt.Errorf("cong site add: %s", portal.ErrorMessage(err))
	}
	fmt.Fprintf(stdout, "added site %d: %s (%s); staff roles on it are set in the main site's back office (Các trang)\n",
		s.ID, s.Slug, s.BaseURL)
	return nil
}

// siteView is the store as the site with code slug sees it (store.DB.ForSite);
// the main site's for "".
func siteView(ctx context.Context, db *store.DB, slug string) (*store.DB, error) {
	if slug == "" {
		return db.ForSite(portal.MainSite), nil
	}
	sites, err := db.Sites(ctx)
	if err != nil {
		return nil, err
	}
	var codes []string
	for _, x := range sites {
		if x.Slug == slug {
			return db.ForSite(x.ID), nil
		}
		codes = append(codes, x.Slug)
	}
	return nil, fmt.Errorf("no site %q; the sites are: %s", slug, strings.Join(codes, ", "))
}
