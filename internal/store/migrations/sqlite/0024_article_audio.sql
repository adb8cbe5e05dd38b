-- Nghe đọc bài: each article's audio and the job that makes it (see
-- store/audio.go, internal/audio). want is the hash of the text the last
-- change asked for; due_at, when set, says a job waits; a maker claims it
-- by moving lease_until. text_hash, file, bytes and duration_ms describe
-- the audio made, kept until a new one replaces it.
CREATE TABLE article_audio (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    want        TEXT    NOT NULL,
    due_at      TIMESTAMP,
    lease_until TIMESTAMP,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT    NOT NULL DEFAULT '',
    text_hash   TEXT    NOT NULL DEFAULT '',
    file        TEXT    NOT NULL DEFAULT '',
    bytes       INTEGER NOT NULL DEFAULT 0,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    made_at     TIMESTAMP
);
CREATE INDEX article_audio_due ON article_audio (due_at) WHERE due_at IS NOT NULL;
-- The articles readers see or will see get theirs, after any edit's.
INSERT INTO article_audio (article_id, want, due_at)
SELECT id, '', '2000-01-01 00:00:00' FROM articles WHERE status IN ('published', 'scheduled');
