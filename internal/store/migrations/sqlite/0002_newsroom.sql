-- The newsroom: staff, sessions, the workflow's history and the audit log.
CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    username       TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL,
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    totp_secret    TEXT    NOT NULL DEFAULT '',
    totp_last_step INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT    NOT NULL CHECK (role IN ('reporter', 'editor', 'approver', 'admin')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE user_categories (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, category_id)
);

CREATE TABLE sessions (
    id         TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    last_seen  TIMESTAMP NOT NULL,
    ip         TEXT    NOT NULL DEFAULT '',
    user_agent TEXT    NOT NULL DEFAULT '',
    -- The password was right but the second factor is still to come.
    pending    BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT    NOT NULL,
    used_at   TIMESTAMP,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE login_failures (
    key TEXT      NOT NULL,
    at  TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

ALTER TABLE articles ADD COLUMN owner_id INTEGER REFERENCES users (id);
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN expires_at TIMESTAMP;
CREATE INDEX articles_expiring ON articles (expires_at);
CREATE INDEX articles_owner ON articles (owner_id, status, updated_at);
CREATE INDEX articles_updated ON articles (status, updated_at);

-- The widths of a picture's resized copies ("320,640"), and who uploaded it.
ALTER TABLE media ADD COLUMN variants TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN uploaded_by INTEGER REFERENCES users (id);
CREATE INDEX media_created ON media (created_at);

CREATE TABLE article_transitions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    actor_id    INTEGER REFERENCES users (id),
    actor_name  TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    from_status TEXT    NOT NULL,
    to_status   TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    at          TIMESTAMP NOT NULL
);
CREATE INDEX article_transitions_article ON article_transitions (article_id, at);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL,
    slug TEXT    NOT NULL UNIQUE
);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id),
    position   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag ON article_tags (tag_id);

-- Views per article per day (Asia/Ho_Chi_Minh), for "most read this week".
CREATE TABLE article_views_daily (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    day        TEXT    NOT NULL,
    views      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, article_id)
);
CREATE INDEX articles_views ON articles (status, view_count);

-- Every save of an article, whole, so any can be read, compared or restored.
CREATE TABLE article_revisions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    category_id INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    editor_id   INTEGER REFERENCES users (id),
    editor_name TEXT    NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (article_id, version)
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TIMESTAMP NOT NULL,
    actor_id  INTEGER NOT NULL DEFAULT 0,
    actor     TEXT    NOT NULL DEFAULT '',
    ip        TEXT    NOT NULL DEFAULT '',
    action    TEXT    NOT NULL,
    object    TEXT    NOT NULL DEFAULT '',
    result    TEXT    NOT NULL,
    detail    TEXT    NOT NULL DEFAULT '',
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
-- Append-only: the database itself refuses edits and deletions.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- What readers see changes with this number; every instance polls it to drop
-- its cached pages.
INSERT INTO settings (key, value) VALUES ('content.version', '1');
