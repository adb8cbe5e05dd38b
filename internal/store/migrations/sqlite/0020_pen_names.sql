-- Pen names ("bút danh"), kept apart from staff accounts: one person may
-- write under several, and one may be shared. name_key is the name in NFC
-- and lower case, so names differing only by case are one pen name. An
-- article's byline (author) is its pen name's name; old bylines get their
-- pen names at startup (store.NamePenNames).
CREATE TABLE pen_names (
    id         INTEGER PRIMARY KEY,
    name       TEXT      NOT NULL,
    name_key   TEXT      NOT NULL UNIQUE,
    slug       TEXT      NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE pen_name_users (
    pen_name_id INTEGER NOT NULL REFERENCES pen_names (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (pen_name_id, user_id)
);
CREATE INDEX pen_name_users_user ON pen_name_users (user_id);

ALTER TABLE articles ADD COLUMN pen_name_id INTEGER REFERENCES pen_names (id);
CREATE INDEX articles_pen_name ON articles (pen_name_id, published_at, id);
-- The bylines still waiting for their pen name, found at startup at no cost.
CREATE INDEX articles_unnamed ON articles (author) WHERE pen_name_id IS NULL AND author <> '';

-- Royalties ("nhuận bút"): the kind and points approvers give a published
-- article; points in hundredths (150 is 1,5).
CREATE TABLE article_royalties (
    article_id INTEGER   PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    kind       TEXT      NOT NULL,
    points     INTEGER   NOT NULL CHECK (points > 0),
    graded_by  TEXT      NOT NULL DEFAULT '',
    graded_at  TIMESTAMP NOT NULL
);
