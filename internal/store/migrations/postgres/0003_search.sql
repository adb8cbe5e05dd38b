-- Full-text search. search_folded holds the folded words (internal/search) of
-- the title, summary, byline and body text of every published or scheduled
-- article, built in Go as a tsvector literal so both engines index the same
-- words; NULL for the rest. The store keeps it in step in the transaction of
-- every change, and fills it when this migration is applied.
ALTER TABLE articles ADD COLUMN search_folded tsvector;
CREATE INDEX articles_search ON articles USING GIN (search_folded);
