-- The old addresses of a portal imported into a site lead to its items on
-- that site's host (see 0026_sites).
CREATE TABLE legacy_paths_new (
    site_id   INTEGER NOT NULL DEFAULT 1,
    path      TEXT    NOT NULL,
    object    TEXT    NOT NULL,
    object_id INTEGER NOT NULL DEFAULT 0,
    target    TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (site_id, path)
);
INSERT INTO legacy_paths_new (site_id, path, object, object_id, target)
    SELECT 1, path, object, object_id, target FROM legacy_paths;
DROP TABLE legacy_paths;
ALTER TABLE legacy_paths_new RENAME TO legacy_paths;
