-- What importers brought in: each item by its id in the system it came from,
-- so a second run updates instead of duplicating, and the old addresses that
-- now lead to it.
CREATE TABLE import_items (
    system      TEXT      NOT NULL, -- "wordpress", "nukeviet", "pages", with the site when several
    kind        TEXT      NOT NULL, -- "post", "category", "attachment", …
    source_id   TEXT      NOT NULL,
    object      TEXT      NOT NULL, -- "article", "category", "page", "media", "comment"
    object_id   INTEGER   NOT NULL,
    checksum    TEXT      NOT NULL DEFAULT '',
    imported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (system, kind, source_id)
);
CREATE INDEX import_items_object ON import_items (object, object_id);

-- Old addresses (path, and the query for /, /index.php) and what they now
-- lead to: an object, resolved to its current address at each request, or a
-- fixed path.
CREATE TABLE legacy_paths (
    path      TEXT    PRIMARY KEY,
    object    TEXT    NOT NULL,
    object_id INTEGER NOT NULL DEFAULT 0,
    target    TEXT    NOT NULL DEFAULT ''
);

-- Pages under a parent page, as WordPress nests them.
ALTER TABLE pages ADD COLUMN parent_id INTEGER REFERENCES pages (id) ON DELETE SET NULL;
-- The link of an article's source ("Nguồn"), as NukeViet keeps it.
ALTER TABLE articles ADD COLUMN source_url TEXT NOT NULL DEFAULT '';
