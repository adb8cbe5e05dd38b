-- cong: foreign keys off
-- A category's address is unique on its site, no longer across the install:
-- each district may have its /tin-tuc (see 0026_sites). SQLite cannot drop a
-- column's UNIQUE, so the table is made again with the same rows, with
-- foreign keys off (the first line), so that no row naming a category is
-- touched; they are all checked before the commit. The index on the site
-- alone is left out: the new UNIQUE begins with it.
CREATE TABLE categories_new (
    id              INTEGER PRIMARY KEY,
    parent_id       INTEGER REFERENCES categories (id),
    name            TEXT    NOT NULL,
    slug            TEXT    NOT NULL,
    position        INTEGER NOT NULL DEFAULT 0,
    visible         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMP NOT NULL,
    comments_closed BOOLEAN NOT NULL DEFAULT FALSE,
    site_id         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (site_id, slug)
);
INSERT INTO categories_new (id, parent_id, name, slug, position, visible, created_at, comments_closed, site_id)
    SELECT id, parent_id, name, slug, position, visible, created_at, comments_closed, site_id FROM categories;
DROP TABLE categories;
ALTER TABLE categories_new RENAME TO categories;
