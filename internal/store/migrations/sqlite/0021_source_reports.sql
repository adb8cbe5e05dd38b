-- An article re-posted from another portal ("tin dẫn nguồn"): besides its
-- source's name and link, the note of who approved re-posting it (staff
-- only). Revisions keep the link and the note, as they keep the name.
ALTER TABLE articles ADD COLUMN source_note TEXT NOT NULL DEFAULT '';
ALTER TABLE article_revisions ADD COLUMN source_url TEXT NOT NULL DEFAULT '';
ALTER TABLE article_revisions ADD COLUMN source_note TEXT NOT NULL DEFAULT '';

-- Readers' reports of errors in articles ("Báo lỗi"), for the editors of
-- the article's category; the sender is kept from the public, as for
-- comments, and throttled the same way (by ip or email).
CREATE TABLE error_reports (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    email      TEXT    NOT NULL,
    ip         TEXT    NOT NULL,
    quote      TEXT    NOT NULL DEFAULT '',
    body       TEXT    NOT NULL,
    status     TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'done')),
    created_at TIMESTAMP NOT NULL,
    handled_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    handled_at TIMESTAMP
);
CREATE INDEX error_reports_status ON error_reports (status, created_at);
CREATE INDEX error_reports_article ON error_reports (article_id);
CREATE INDEX error_reports_ip ON error_reports (ip, created_at);
CREATE INDEX error_reports_email ON error_reports (email, created_at);
