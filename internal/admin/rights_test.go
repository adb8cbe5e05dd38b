package admin_test

import (
	"bytes"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/tabwriter"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/storetest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

// TestNoLinkLeadsToRefusal opens, as each member of staff, every page they
// may open and follows none of its links but checks each one: a link or a
// form to a route the user lacks the permission for is a button that leads
// to a 403, and one to no route leads nowhere.
func TestNoLinkLeadsToRefusal(t *testing.T) {
	m := newMatrix(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	routes := admin.Routes()
	table := http.NewServeMux()
	byPattern := map[string]admin.RouteSpec{}
	for _, r := range routes {
		p := strings.TrimSpace(r.Method + " " + r.Pattern)
		byPattern[p] = r
		table.Handle(p, http.NotFoundHandler())
	}
	for _, who := range []string{"reporter", "editor", "editor-other", "approver", "admin"} {
		u, checked := m.users[who], 0
		for _, r := range routes {
			if r.Open || r.Method != "GET" || !u.May(r.Need) || usesUp(r) {
				continue
			}
			for _, state := range []string{"submitted", "published"} {
				path := m.address(t, r, state)
				w := m.try(t, who, "GET", path)
				if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
					continue
				}
				for _, l := range links(t, w.Body.String()) {
					if !strings.HasPrefix(l.href, admin.Prefix+"/") {
						continue
					}
					checked++
					_, pattern := table.Handler(httptest.NewRequest(l.method, l.href, nil))
					to, ok := byPattern[pattern]
					switch {
					case !ok || to.Pattern == admin.Prefix+"/":
						t.Errorf("%s, page %s: %s %s leads to no route", who, path, l.method, l.href)
					case !to.Open && !u.May(to.Need):
						t.Errorf("%s, page %s: %s %s needs %s, which %s lacks", who, path, l.method, l.href, to.Need, who)
					}
				}
				if !strings.Contains(r.Pattern, "{id}") {
					break // one state is enough for a page on no article
				}
			}
		}
		if checked == 0 {
			t.Errorf("%s: no link checked", who)
		}
	}
}

type link struct{ method, href string }

// links lists the links and forms of a page, with the method they use.
func links(t *testing.T, page string) []link {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []link
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		attr := map[string]string{}
		for _, a := range n.Attr {
			attr[a.Key] = a.Val
		}
		switch {
		case n.Data == "a" && attr["href"] != "":
			out = append(out, link{"GET", attr["href"]})
		case n.Data == "form" && attr["action"] != "":
			out = append(out, link{or(strings.ToUpper(attr["method"]), "GET"), attr["action"]})
		}
	}
	return out
}

var update = flag.Bool("update", false, "rewrite testdata/rights.golden from the route table")

// TestRightsGolden writes who reaches each route, so that a change to the
// route table or to the table of rights shows in review as a change of
// this file. Refresh it with: go test ./internal/admin -run TestRightsGolden -update
func TestRightsGolden(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("# Who reaches each back-office route: routes.go and portal.RolePermissions.\n")
	b.WriteString("# Refresh with: go test ./internal/admin -run TestRightsGolden -update\n")
	tw := tabwriter.NewWriter(&b, 0, 8, 2, ' ', 0)
	for _, r := range admin.Routes() {
		who := "anyone"
		if !r.Open {
			var roles []string
			for _, role := range portal.Roles {
				if (&portal.User{Roles: []portal.Role{role}}).May(r.Need) {
					roles = append(roles, string(role))
				}
			}
			who = strings.Join(roles, " ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", or(r.Method, "*"), r.Pattern, or(string(r.Need), "-"), who)
	}
	tw.Flush()
	golden := filepath.Join("testdata", "rights.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("who reaches what changed (-golden +now); if meant, refresh with -update:\n%s", diff)
	}
}

// or is s, or else what stands for it when it is empty.
func or(s, empty string) string {
	if s == "" {
		return empty
	}
	return s
}
