-- Several sites in one install (a provincial committee's portal and its
-- districts'), told apart by host name. Site 1 is the main site: it answers
-- every host no other site names, and keeps what is not per site (the
-- registers, the schedule, Q&A, consultations, polls, contact, the map,
-- members, threads). A site has its own categories, and through them its
-- articles, comments, feeds, sitemaps and search; its own settings, image
-- links, ads and notices; staff have roles per site. Sites are never
-- deleted, so the columns below name them without a foreign key (SQLite
-- cannot add one with a default).
CREATE TABLE sites (
    id       INTEGER PRIMARY KEY,
    slug     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    base_url TEXT NOT NULL DEFAULT '',
    host     TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX sites_host ON sites (host) WHERE host <> '';
INSERT INTO sites (id, slug, name) VALUES (1, 'chinh', 'Cổng chính');

ALTER TABLE categories ADD COLUMN site_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX categories_site ON categories (site_id);
ALTER TABLE image_links ADD COLUMN site_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ads ADD COLUMN site_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE notices ADD COLUMN site_id INTEGER NOT NULL DEFAULT 1;

CREATE TABLE settings_new (
    site_id INTEGER NOT NULL DEFAULT 1,
    key     TEXT    NOT NULL,
    value   TEXT    NOT NULL,
    PRIMARY KEY (site_id, key)
);
INSERT INTO settings_new (site_id, key, value) SELECT 1, key, value FROM settings;
DROP TABLE settings;
ALTER TABLE settings_new RENAME TO settings;

CREATE TABLE user_roles_new (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    site_id INTEGER NOT NULL DEFAULT 1,
    role    TEXT    NOT NULL CHECK (role IN ('reporter', 'editor', 'approver', 'admin')),
    PRIMARY KEY (user_id, site_id, role)
);
INSERT INTO user_roles_new (user_id, site_id, role) SELECT user_id, 1, role FROM user_roles;
DROP TABLE user_roles;
ALTER TABLE user_roles_new RENAME TO user_roles;
