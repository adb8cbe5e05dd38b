-- Full-text search. The index holds the folded words (internal/search) of
-- the title, summary, byline and body text of every published or scheduled
-- article, rowid = article id; the store keeps it in step in the transaction
-- of every change, and fills it when this migration is applied. Contentless:
-- the texts are in articles already, and snippets are made in Go.
CREATE VIRTUAL TABLE article_search USING fts5 (
    title, summary, author, body,
    content = '', contentless_delete = 1,
    -- The words come folded and joined by spaces: nothing left to remove.
    tokenize = 'unicode61 remove_diacritics 0'
);

-- An article deleted by any means leaves the index with it.
CREATE TRIGGER articles_search_delete AFTER DELETE ON articles
BEGIN DELETE FROM article_search WHERE rowid = old.id; END;
