-- The foundation: categories, articles, media and the side column.
CREATE TABLE categories (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES categories (id),
    name       TEXT    NOT NULL,
    slug       TEXT    NOT NULL UNIQUE,
    position   INTEGER NOT NULL DEFAULT 0,
    visible    BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE media (
    id         INTEGER PRIMARY KEY,
    file       TEXT    NOT NULL UNIQUE,
    mime       TEXT    NOT NULL,
    caption    TEXT    NOT NULL DEFAULT '',
    alt        TEXT    NOT NULL DEFAULT '',
    width      INTEGER NOT NULL DEFAULT 0,
    height     INTEGER NOT NULL DEFAULT 0,
    size       INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    category_id  INTEGER NOT NULL REFERENCES categories (id),
    title        TEXT    NOT NULL,
    slug         TEXT    NOT NULL UNIQUE,
    summary      TEXT    NOT NULL DEFAULT '',
    author       TEXT    NOT NULL DEFAULT '',
    source       TEXT    NOT NULL DEFAULT '',
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'submitted', 'edited', 'scheduled', 'published', 'returned', 'unpublished', 'archived')),
    featured     BOOLEAN NOT NULL DEFAULT FALSE,
    cover_id     INTEGER REFERENCES media (id),
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    view_count   INTEGER NOT NULL DEFAULT 0,
    -- Last, so that list queries, which skip it, need not step over it.
    body         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX articles_published ON articles (status, published_at, id);
CREATE INDEX articles_category ON articles (category_id, status, published_at, id);
CREATE INDEX articles_featured ON articles (featured, status, published_at, id);

CREATE TABLE article_redirects (
    slug       TEXT    PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);

CREATE TABLE article_media (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    media_id   INTEGER NOT NULL REFERENCES media (id),
    position   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, media_id)
);

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    approved   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX comments_article ON comments (article_id, approved, created_at);

CREATE TABLE image_links (
    id       INTEGER PRIMARY KEY,
    title    TEXT    NOT NULL,
    url      TEXT    NOT NULL,
    media_id INTEGER NOT NULL REFERENCES media (id),
    position INTEGER NOT NULL DEFAULT 0,
    active   BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE schedule_entries (
    id        INTEGER PRIMARY KEY,
    starts_at TIMESTAMP NOT NULL,
    leader    TEXT    NOT NULL DEFAULT '',
    content   TEXT    NOT NULL,
    location  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX schedule_entries_starts ON schedule_entries (starts_at);

CREATE TABLE ads (
    id        INTEGER PRIMARY KEY,
    title     TEXT    NOT NULL,
    url       TEXT    NOT NULL,
    media_id  INTEGER NOT NULL REFERENCES media (id),
    position  INTEGER NOT NULL DEFAULT 0,
    starts_at TIMESTAMP NOT NULL,
    ends_at   TIMESTAMP,
    active    BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE visit_days (
    day    TEXT    PRIMARY KEY,
    visits INTEGER NOT NULL DEFAULT 0
);
