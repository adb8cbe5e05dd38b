-- Each site counts its own visitors: the visits per day and the sketches
-- of who is online are kept per site (see 0026_sites).
ALTER TABLE visit_days ADD COLUMN site_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE visit_days DROP CONSTRAINT visit_days_pkey;
ALTER TABLE visit_days ADD PRIMARY KEY (site_id, day);

ALTER TABLE online_sketches ADD COLUMN site_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE online_sketches DROP CONSTRAINT online_sketches_pkey;
ALTER TABLE online_sketches ADD PRIMARY KEY (site_id, instance, kind);
