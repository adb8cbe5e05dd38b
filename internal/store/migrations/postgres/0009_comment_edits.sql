-- Moderators may correct a comment's typos; the reader's own words are kept.
ALTER TABLE comments ADD COLUMN original_body TEXT;
ALTER TABLE comments ADD COLUMN edited_at TIMESTAMPTZ;
ALTER TABLE comments ADD COLUMN edited_by BIGINT REFERENCES users (id);
