-- Each audit entry names the site whose view made the change (see
-- 0026_sites); entries made before are the main site's. The entry's hash
-- covers the site when it is not the main one, so older entries verify as
-- they were.
ALTER TABLE audit_log ADD COLUMN site_id INTEGER NOT NULL DEFAULT 1;
