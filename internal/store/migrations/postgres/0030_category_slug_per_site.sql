-- cong: foreign keys off
-- A category's address is unique on its site, no longer across the install:
-- each district may have its /tin-tuc (see 0026_sites). The index on the
-- site alone goes: the new UNIQUE begins with it. (The first line is for
-- SQLite's migration of the same number, which makes the table again.)
ALTER TABLE categories DROP CONSTRAINT categories_slug_key;
ALTER TABLE categories ADD CONSTRAINT categories_site_slug_key UNIQUE (site_id, slug);
DROP INDEX categories_site;
