package wordpress

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"cong/internal/importer"
	"cong/internal/portal"
	"cong/internal/sanitize"
)

// commentStatus maps comment_approved: 1 → approved, 0 → pending, spam →
// spam; trash → rejected.
var commentStatus = map[string]portal.CommentStatus{
	"1": portal.CommentApproved, "approve": portal.CommentApproved, "0": portal.CommentPending,
	"hold": portal.CommentPending, "spam": portal.CommentSpam, "trash": portal.CommentRejected,
	"post-trashed": portal.CommentRejected,
}

// comment is a comment of a post made ready before its post is written:
// what it lacks is the ids of its post and its thread here.
type comment struct {
	id     string
	kind   string // "comment", or what is skipped: "pingback", "trackback", …
	root   int64  // the first comment of its thread, 0 when it starts one
	c      portal.Comment
	wpID   int64
	digest string // the checksum of its own fields
}

// prepareComments makes a post's comments, each after the one it answers.
// The portal shows a comment and its replies, one level deep: a reply to a
// reply hangs under the first comment of its thread.
func (j *job) prepareComments(it *wxrItem) []comment {
	ordered := threadOrder(it.Comments)
	byID := map[int64]*wxrComment{}
	for i := range ordered {
		byID[ordered[i].ID] = &ordered[i]
	}
	out := make([]comment, 0, len(ordered))
	for _, c := range ordered {
		cm := comment{id: itoa(c.ID), kind: commentKind(c.Type), wpID: c.ID, root: threadRoot(c, byID)}
		if cm.kind != "comment" {
			out = append(out, cm)
			continue
		}
		status, ok := commentStatus[strings.TrimSpace(c.Approved)]
		if !ok {
			status = portal.CommentPending
			j.Run.Note("comment", cm.id, "status “"+c.Approved+"”: imported as pending")
		}
		cm.c = portal.Comment{Name: truncate(sanitize.Plain(importer.FixText(c.Author)), 100),
			Email: truncate(strings.TrimSpace(c.Email), 200), IP: truncate(strings.TrimSpace(c.IP), 64),
			Body: commentText(importer.FixText(c.Content)), Status: status}
		if cm.c.Name == "" {
			cm.c.Name = "Bạn đọc"
		}
		if cm.c.CreatedAt = wpTime(c.DateGMT, time.UTC); cm.c.CreatedAt.IsZero() {
			cm.c.CreatedAt = wpTime(c.Date, siteZone).UTC()
		}
		cm.digest = importer.Checksum(cm.c.Name, cm.c.Email, cm.c.IP, cm.c.Body, cm.c.Status, timeKey(cm.c.CreatedAt))
		out = append(out, cm)
	}
	return out
}

// importComments writes a post's comments after it. Pingbacks and
// trackbacks are skipped and counted.
func (j *job) importComments(ctx context.Context, it *wxrItem, comments []comment, articleID int64) {
	imported := map[int64]int64{}
	for _, cm := range comments {
		if cm.kind != "comment" {
			j.Run.Item(cm.kind, cm.id, portal.Skipped, nil)
			continue
		}
		c := cm.c
		c.ArticleID, c.ParentID = articleID, imported[cm.root]
		imp := portal.Import{Source: j.source("comment", cm.id),
			Checksum: importer.Checksum(cm.digest, c.ArticleID, c.ParentID)}
		o, err := j.Store.ImportComment(ctx, j.Who, imp, &c)
		if err != nil {
			err = fmt.Errorf("on post %d (line %d): %s", it.ID, it.line, errText(err))
		} else {
			imported[cm.wpID] = c.ID
		}
		j.Run.Item("comment", cm.id, o, err)
	}
}

// skipComments counts the comments of an item that takes none (a page), or
// whose post did not come in, as skipped; why, when set, is noted once.
func (j *job) skipComments(it *wxrItem, why string) {
	for _, c := range it.Comments {
		j.Run.Item(commentKind(c.Type), itoa(c.ID), portal.Skipped, nil)
	}
	if len(it.Comments) == 0 {
		return
	}
	if why == "" && it.Type == "page" {
		why = "the portal's pages take no comments"
	}
	if why != "" {
		j.Run.Note(it.Type, itoa(it.ID), fmt.Sprintf("%d comments left out: %s", len(it.Comments), why))
	}
}

// commentKind is how the run counts a comment: "comment", "pingback",
// "trackback", or its own type (an order note, a review) when it is none.
func commentKind(t string) string {
	switch t = strings.TrimSpace(t); t {
	case "", "comment":
		return "comment"
	}
	return t
}

// threadOrder orders comments so that each comes after the one it
// answers, keeping the export's order otherwise.
func threadOrder(cs []wxrComment) []wxrComment {
	byID := map[int64]int{}
	for i, c := range cs {
		byID[c.ID] = i
	}
	depth := func(c wxrComment) int {
		d := 0
		for c.Parent != 0 && d < 100 {
			i, ok := byID[c.Parent]
			if !ok {
				break
			}
			c, d = cs[i], d+1
		}
		return d
	}
	out := slices.Clone(cs)
	depths := map[int64]int{}
	for _, c := range out {
		depths[c.ID] = depth(c)
	}
	slices.SortStableFunc(out, func(a, b wxrComment) int { return depths[a.ID] - depths[b.ID] })
	return out
}

// threadRoot is the first comment of c's thread, 0 when c starts one (or
// answers a comment the export lacks).
func threadRoot(c wxrComment, byID map[int64]*wxrComment) int64 {
	root := int64(0)
	for range 100 {
		p, ok := byID[c.Parent]
		if c.Parent == 0 || !ok {
			break
		}
		root, c = p.ID, *p
	}
	return root
}

// paragraphBreak is where a comment's lines end.
var paragraphBreak = regexp.MustCompile(`(?i)<br\s*/?>|</?p\b[^>]*>`)

// commentText is a comment as the portal keeps it: plain text, a line per
// paragraph or line break.
func commentText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		// Plain text, as most comments are: no need to parse it.
		var lines []string
		for _, l := range strings.Split(s, "\n") {
			if t := strings.Join(strings.Fields(l), " "); t != "" {
				lines = append(lines, t)
			}
		}
		return strings.Join(lines, "\n")
	}
	var lines []string
	for _, l := range strings.Split(paragraphBreak.ReplaceAllString(s, "\n"), "\n") {
		if t := sanitize.Text(l); t != "" {
			lines = append(lines, t)
		}
	}
	return strings.Join(lines, "\n")
}

// errText is what the report says of err.
func errText(err error) string {
	if portal.ErrorCode(err) != portal.EINTERNAL {
		return portal.ErrorMessage(err)
	}
	return err.Error()
}
