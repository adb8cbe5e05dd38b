package nukeviet

import (
	"context"
	"fmt"

	"cong/internal/importer"
	"cong/internal/portal"
)

// importComments imports the news module's comments by id, so a reply
// finds what it answers already in.
func (im *Importer) importComments(ctx context.Context) error {
	var after int64
	for {
		page, err := im.src.newsComments(ctx, after, pageSize)
		if err != nil || len(page) == 0 {
			return err
		}
		for i := range page {
			if err := ctx.Err(); err != nil {
				return err
			}
			im.importComment(ctx, &page[i])
		}
		after = page[len(page)-1].ID
	}
}

// importComment hands one comment to the store, on the article it was
// written under.
func (im *Importer) importComment(ctx context.Context, c *comment) {
	table, key := im.src.comments(), fmt.Sprint(c.ID)
	articleID := im.ids[c.ArticleID]
	switch articleID {
	case 0:
		im.Run.Item("comment", key, portal.Skipped, nil)
		im.Run.Note("comment", key, fmt.Sprintf("%s, cid %d: article %d no longer exists", table, c.ID, c.ArticleID))
		return
	case failedArticle:
		im.Run.Item("comment", key, portal.Failed, fmt.Errorf("%s, cid %d: its article %d did not come in", table, c.ID, c.ArticleID))
		return
	}
	var parentID int64
	if c.ParentID != 0 {
		if parentID = im.cids[c.ParentID]; parentID == 0 {
			im.Run.Note("comment", key, fmt.Sprintf("it answers comment %d, which did not come in: shown on its own", c.ParentID))
		}
	}
	name := plain(c.Name)
	if name == "" {
		name = "Bạn đọc"
	}
	cm := &portal.Comment{ArticleID: articleID, ParentID: parentID, Name: name, Email: c.Email, IP: c.IP,
		Body: commentText(c.Content), Status: commentStatus(c.Status), CreatedAt: unixTime(c.PostTime)}
	imp := portal.Import{Source: im.source("comment", c.ID),
		Checksum: importer.Checksum("v1", articleID, parentID, cm.Name, cm.Email, cm.IP, cm.Body, cm.Status, c.PostTime)}
	o, err := im.Store.ImportComment(ctx, im.Who, imp, cm)
	if err != nil {
		im.Run.Item("comment", key, o, failure(table, c.ID, err))
		return
	}
	im.cids[c.ID] = cm.ID
	im.Run.Item("comment", key, o, nil)
}
