-- The administrative map: each unit's shape, drawn from an uploaded GeoJSON
-- file, and its page. The view box is the setting 'map.view'.
CREATE TABLE map_units (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    code       TEXT    NOT NULL DEFAULT '',
    path       TEXT    NOT NULL,
    outline    TEXT    NOT NULL,
    label_x    REAL    NOT NULL,
    label_y    REAL    NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    intro      TEXT    NOT NULL DEFAULT '',
    area       REAL    NOT NULL DEFAULT 0,
    population INTEGER NOT NULL DEFAULT 0,
    leaders    TEXT    NOT NULL DEFAULT '',
    address    TEXT    NOT NULL DEFAULT '',
    phone      TEXT    NOT NULL DEFAULT '',
    email      TEXT    NOT NULL DEFAULT '',
    website    TEXT    NOT NULL DEFAULT '',
    tag        TEXT    NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX map_units_position ON map_units (position, id);
