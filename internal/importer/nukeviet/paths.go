package nukeviet

import (
	"net/url"
	"strconv"
)

// NukeViet answers a page of the news module at its op, the path inside the
// module: a category at its alias ("thoi-su"), an article at
// "<category alias>/<alias>-<id>" plus the site's rewrite_exturl (".html"),
// a tag at "tag/<alias>". Depending on the site's settings the op is
// reached as
//
//	/index.php?language=vi&nv=news&op=thoi-su/hoi-nghi-12   (no rewriting)
//	/index.php/thoi-su/hoi-nghi-12.html                      (rewriting, no mod_rewrite)
//	/thoi-su/hoi-nghi-12.html                                (news is the home module)
//	/news/thoi-su/hoi-nghi-12.html                           (news is not)
//
// and each form is recorded, so every link to the old site keeps working.
func (s *Source) opPaths(op string, withExt bool) []string {
	rewritten := op
	if withExt {
		rewritten += ".html"
	}
	q := "/index.php?language=" + url.QueryEscape(s.Lang) + "&nv=" + url.QueryEscape(s.Module) + "&op="
	paths := []string{
		"/" + rewritten,
		"/index.php/" + rewritten,
		"/" + s.Module + "/" + rewritten,
		q + url.QueryEscape(op),
	}
	if withExt {
		paths = append(paths, q+url.QueryEscape(rewritten))
	}
	return paths
}

// categoryPaths are the old addresses of a category.
func (s *Source) categoryPaths(alias string) []string { return s.opPaths(alias, false) }

// articlePaths are the old addresses of an article, under each of its
// categories' aliases (NukeViet shows it under any of them).
func (s *Source) articlePaths(id int64, alias string, catAliases []string) []string {
	var paths []string
	for _, c := range catAliases {
		paths = append(paths, s.opPaths(c+"/"+alias+"-"+strconv.FormatInt(id, 10), true)...)
	}
	return paths
}

// tagPaths are the old addresses of a tag's page.
func (s *Source) tagPaths(alias string) []string { return s.opPaths("tag/"+alias, false) }
