-- Moderators may correct a comment's typos; the reader's own words are kept.
ALTER TABLE comments ADD COLUMN original_body TEXT;
ALTER TABLE comments ADD COLUMN edited_at TIMESTAMP;
ALTER TABLE comments ADD COLUMN edited_by INTEGER REFERENCES users (id);
