-- Each site counts its own visitors: the visits per day and the sketches
-- of who is online are kept per site (see 0026_sites).
CREATE TABLE visit_days_new (
    site_id INTEGER NOT NULL DEFAULT 1,
    day     TEXT    NOT NULL,
    visits  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id, day)
);
INSERT INTO visit_days_new (site_id, day, visits) SELECT 1, day, visits FROM visit_days;
DROP TABLE visit_days;
ALTER TABLE visit_days_new RENAME TO visit_days;

CREATE TABLE online_sketches_new (
    site_id    INTEGER NOT NULL DEFAULT 1,
    instance   TEXT    NOT NULL,
    kind       INTEGER NOT NULL,
    registers  BLOB    NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (site_id, instance, kind)
);
INSERT INTO online_sketches_new (site_id, instance, kind, registers, updated_at)
    SELECT 1, instance, kind, registers, updated_at FROM online_sketches;
DROP TABLE online_sketches;
ALTER TABLE online_sketches_new RENAME TO online_sketches;
