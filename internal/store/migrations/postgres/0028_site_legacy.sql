-- The old addresses of a portal imported into a site lead to its items on
-- that site's host (see 0026_sites).
ALTER TABLE legacy_paths ADD COLUMN site_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE legacy_paths DROP CONSTRAINT legacy_paths_pkey;
ALTER TABLE legacy_paths ADD PRIMARY KEY (site_id, path);
