-- The search index moves to a narrow table of its own, beside what the
-- reader filter reads, and its documents change shape (see search.Doc.TSVector
-- and store/search_postgres.go): the words and each pair of words next to
-- each other, without positions, and the bucket of the article's id. Words
-- and phrases are then found through the index alone, newest first a window
-- at a time, without reading the articles. The store rebuilds the documents
-- after this migration, in the same transaction (see apply).
ALTER TABLE articles DROP COLUMN search_folded;
CREATE TABLE article_search (
    id           BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    category_id  BIGINT NOT NULL,
    published_at TIMESTAMPTZ,
    expires_at   TIMESTAMPTZ,
    doc          TSVECTOR NOT NULL
);
CREATE INDEX article_search_doc ON article_search USING GIN (doc);
