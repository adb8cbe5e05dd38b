-- Drafts put to the public for comment ("Góp ý dự thảo"), their files, and
-- readers' comments on them, kept apart from the comments under articles.
CREATE TABLE consultations (
    id               INTEGER PRIMARY KEY,
    slug             TEXT    NOT NULL UNIQUE,
    title            TEXT    NOT NULL,
    issuer           TEXT    NOT NULL DEFAULT '',
    summary          TEXT    NOT NULL DEFAULT '',
    opens_at         TIMESTAMP NOT NULL,
    closes_at        TIMESTAMP NOT NULL,
    receiver_address TEXT    NOT NULL DEFAULT '',
    receiver_email   TEXT    NOT NULL DEFAULT '',
    public_comments  BOOLEAN NOT NULL DEFAULT FALSE,
    published        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX consultations_opens ON consultations (published, opens_at, id);
CREATE INDEX consultations_closes ON consultations (published, closes_at, id);

CREATE TABLE consultation_files (
    consultation_id INTEGER NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    media_id        INTEGER NOT NULL REFERENCES media (id),
    position        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (consultation_id, media_id)
);

CREATE TABLE consultation_comments (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    email           TEXT    NOT NULL DEFAULT '',
    ip              TEXT    NOT NULL DEFAULT '',
    body            TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
    created_at      TIMESTAMP NOT NULL,
    moderated_by    INTEGER REFERENCES users (id),
    moderated_at    TIMESTAMP
);
CREATE INDEX consultation_comments_list ON consultation_comments (consultation_id, status, created_at);
CREATE INDEX consultation_comments_ip ON consultation_comments (ip, created_at);
CREATE INDEX consultation_comments_email ON consultation_comments (email, created_at);
