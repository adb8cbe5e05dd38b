-- The portal's own blocks: image links get dates; ads get slots, plain text,
-- weights and daily counts; urgent notices across every page.
ALTER TABLE image_links ADD COLUMN starts_at TIMESTAMP;
ALTER TABLE image_links ADD COLUMN ends_at TIMESTAMP;

-- SQLite cannot drop NOT NULL from media_id (a text ad has no picture): the
-- table is made again with the same rows.
CREATE TABLE ads_new (
    id        INTEGER PRIMARY KEY,
    slot      TEXT    NOT NULL DEFAULT 'side',
    title     TEXT    NOT NULL,
    body      TEXT    NOT NULL DEFAULT '',
    url       TEXT    NOT NULL,
    media_id  INTEGER REFERENCES media (id),
    weight    INTEGER NOT NULL DEFAULT 1,
    position  INTEGER NOT NULL DEFAULT 0,
    starts_at TIMESTAMP NOT NULL,
    ends_at   TIMESTAMP,
    active    BOOLEAN NOT NULL DEFAULT TRUE
);
INSERT INTO ads_new (id, title, url, media_id, position, starts_at, ends_at, active)
    SELECT id, title, url, media_id, position, starts_at, ends_at, active FROM ads;
DROP TABLE ads;
ALTER TABLE ads_new RENAME TO ads;

CREATE TABLE ad_stats (
    ad_id       INTEGER NOT NULL REFERENCES ads (id),
    day         TEXT    NOT NULL,
    impressions INTEGER NOT NULL DEFAULT 0,
    clicks      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (ad_id, day)
);

CREATE TABLE notices (
    id         INTEGER PRIMARY KEY,
    body       TEXT    NOT NULL,
    url        TEXT    NOT NULL DEFAULT '',
    level      TEXT    NOT NULL DEFAULT 'warning',
    starts_at  TIMESTAMP NOT NULL,
    ends_at    TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX notices_starts ON notices (starts_at);
