-- Each instance's sketch of who is online, so that instances behind a load
-- balancer count the people online together.
CREATE TABLE online_sketches (
    instance   TEXT NOT NULL,
    kind       INTEGER NOT NULL,
    registers  BYTEA NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (instance, kind)
);
