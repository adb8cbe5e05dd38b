-- Event threads ("dòng sự kiện"): an article joins at most one, through
-- its own save (articles.thread_id); the thread's page is a timeline of
-- its published articles.
CREATE TABLE threads (
    id          INTEGER PRIMARY KEY,
    title       TEXT      NOT NULL,
    slug        TEXT      NOT NULL UNIQUE,
    description TEXT      NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

ALTER TABLE articles ADD COLUMN thread_id INTEGER REFERENCES threads (id) ON DELETE SET NULL;
CREATE INDEX articles_thread ON articles (thread_id, published_at, id) WHERE thread_id IS NOT NULL;

-- Curated groups ("chuyên đề"): articles chosen and ordered by hand, shown
-- on their page and, when on_home, as a home block at position. built_in
-- marks the group the portal keeps itself: 'featured' is the hand order of
-- Tin nổi bật, which cannot be deleted.
CREATE TABLE collections (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    slug        TEXT    NOT NULL UNIQUE,
    description TEXT    NOT NULL DEFAULT '',
    on_home     BOOLEAN NOT NULL DEFAULT FALSE,
    position    INTEGER NOT NULL DEFAULT 0,
    built_in    TEXT    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX collections_built_in ON collections (built_in) WHERE built_in <> '';

CREATE TABLE collection_articles (
    collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    PRIMARY KEY (collection_id, article_id)
);
CREATE INDEX collection_articles_order ON collection_articles (collection_id, position);
CREATE INDEX collection_articles_article ON collection_articles (article_id);

INSERT INTO collections (name, slug, description, on_home, position, built_in)
VALUES ('Tin nổi bật', 'tin-noi-bat', 'Thứ tự tin nổi bật trên trang chủ, do ban biên tập sắp xếp.', FALSE, 0, 'featured');
