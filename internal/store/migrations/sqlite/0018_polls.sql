-- Readers' polls ("Bình chọn"): the question, its options, and one ballot
-- per voter token, each a row, so the figures are exact counts.
CREATE TABLE polls (
    id            INTEGER PRIMARY KEY,
    question      TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    max_choices   INTEGER NOT NULL DEFAULT 1 CHECK (max_choices >= 1),
    results_after TEXT    NOT NULL DEFAULT 'vote' CHECK (results_after IN ('vote', 'close')),
    opens_at      TIMESTAMP NOT NULL,
    closes_at     TIMESTAMP NOT NULL,
    published     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX polls_opens ON polls (published, opens_at, id);
CREATE INDEX polls_closes ON polls (published, closes_at, id);

CREATE TABLE poll_options (
    id       INTEGER PRIMARY KEY,
    poll_id  INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    label    TEXT    NOT NULL
);
CREATE INDEX poll_options_poll ON poll_options (poll_id, position);

-- A reader's ballot: the voter token is unique per poll, which refuses a
-- second vote whatever races it.
CREATE TABLE poll_ballots (
    id         INTEGER PRIMARY KEY,
    poll_id    INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    voter      TEXT    NOT NULL,
    ip         TEXT    NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    UNIQUE (poll_id, voter)
);
CREATE INDEX poll_ballots_ip ON poll_ballots (poll_id, ip, created_at);

CREATE TABLE poll_choices (
    ballot_id INTEGER NOT NULL REFERENCES poll_ballots (id) ON DELETE CASCADE,
    option_id INTEGER NOT NULL REFERENCES poll_options (id) ON DELETE CASCADE,
    PRIMARY KEY (ballot_id, option_id)
);
CREATE INDEX poll_choices_option ON poll_choices (option_id);
