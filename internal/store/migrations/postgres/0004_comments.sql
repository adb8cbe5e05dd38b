-- Readers' comments: who sent them (kept from the public), and moderation.
ALTER TABLE comments ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN ip TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'approved', 'rejected', 'spam'));
ALTER TABLE comments ADD COLUMN moderated_by BIGINT REFERENCES users (id);
ALTER TABLE comments ADD COLUMN moderated_at TIMESTAMPTZ;
-- A reply by the portal sits under the comment it answers.
ALTER TABLE comments ADD COLUMN parent_id BIGINT REFERENCES comments (id) ON DELETE CASCADE;
ALTER TABLE comments ADD COLUMN staff BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE comments SET status = 'approved' WHERE approved;
-- Comments can be closed for one article or a whole category.
ALTER TABLE articles ADD COLUMN comments_closed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE categories ADD COLUMN comments_closed BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX comments_status ON comments (status, created_at);
CREATE INDEX comments_ip ON comments (ip, created_at);
CREATE INDEX comments_email ON comments (email, created_at);

-- The key that signs the time a comment form was shown, so that robots
-- posting at once are told apart; shared by every instance.
INSERT INTO settings (key, value) VALUES ('forms.secret', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
