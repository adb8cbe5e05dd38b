-- The leaders' work schedule: the list of leaders, entries that follow the
-- articles' approval, adjustments after publishing and their history.
CREATE TABLE leaders (
    id       INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL DEFAULT '',
    title    TEXT    NOT NULL,
    slug     TEXT    NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0,
    active   BOOLEAN NOT NULL DEFAULT TRUE
);

ALTER TABLE schedule_entries ADD COLUMN ends_at TIMESTAMP;
ALTER TABLE schedule_entries ADD COLUMN session TEXT NOT NULL DEFAULT 'sang'
    CHECK (session IN ('sang', 'chieu', 'toi'));
ALTER TABLE schedule_entries ADD COLUMN attendees TEXT NOT NULL DEFAULT '';
ALTER TABLE schedule_entries ADD COLUMN preparer TEXT NOT NULL DEFAULT '';
-- Entries made before the workflow were public: they stay published.
ALTER TABLE schedule_entries ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
ALTER TABLE schedule_entries ADD COLUMN owner_id INTEGER REFERENCES users (id);
ALTER TABLE schedule_entries ADD COLUMN published_at TIMESTAMP;
ALTER TABLE schedule_entries ADD COLUMN expires_at TIMESTAMP;
ALTER TABLE schedule_entries ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE schedule_entries ADD COLUMN cancelled TEXT NOT NULL DEFAULT ''
    CHECK (cancelled IN ('', 'postponed', 'cancelled'));
ALTER TABLE schedule_entries ADD COLUMN adjusted_at TIMESTAMP;
ALTER TABLE schedule_entries ADD COLUMN adjust_note TEXT NOT NULL DEFAULT '';
ALTER TABLE schedule_entries ADD COLUMN created_at TIMESTAMP;
ALTER TABLE schedule_entries ADD COLUMN updated_at TIMESTAMP;
UPDATE schedule_entries SET published_at = '2000-01-01 00:00:00+00:00', created_at = '2000-01-01 00:00:00+00:00', updated_at = '2000-01-01 00:00:00+00:00';
CREATE INDEX schedule_entries_status ON schedule_entries (status, starts_at);

CREATE TABLE schedule_entry_leaders (
    entry_id  INTEGER NOT NULL REFERENCES schedule_entries (id) ON DELETE CASCADE,
    leader_id INTEGER NOT NULL REFERENCES leaders (id),
    PRIMARY KEY (entry_id, leader_id)
);
CREATE INDEX schedule_entry_leaders_leader ON schedule_entry_leaders (leader_id);

-- Workflow steps and adjustments (action 'adjust' or 'cancel') of entries.
CREATE TABLE schedule_history (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES schedule_entries (id) ON DELETE CASCADE,
    actor_id    INTEGER REFERENCES users (id),
    actor_name  TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    from_status TEXT    NOT NULL,
    to_status   TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    at          TIMESTAMP NOT NULL
);
CREATE INDEX schedule_history_entry ON schedule_history (entry_id, at);
