-- Liên hệ: the departments readers write to, the staff who read each
-- department's messages, the messages, and the mail queue that carries
-- them to the departments' addresses (see store/contact.go, store/mailqueue.go).
CREATE TABLE contact_departments (
    id       INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL UNIQUE,
    -- One address a line, at least one.
    emails   TEXT    NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE contact_department_staff (
    department_id INTEGER NOT NULL REFERENCES contact_departments (id),
    user_id       INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (department_id, user_id)
);
CREATE INDEX contact_department_staff_user ON contact_department_staff (user_id);
CREATE TABLE contact_messages (
    id            INTEGER PRIMARY KEY,
    department_id INTEGER NOT NULL REFERENCES contact_departments (id),
    name          TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    phone         TEXT    NOT NULL DEFAULT '',
    subject       TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    ip            TEXT    NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX contact_messages_department ON contact_messages (department_id, id);
CREATE INDEX contact_messages_ip ON contact_messages (ip, created_at);
CREATE INDEX contact_messages_email ON contact_messages (email, created_at);
-- One row per mail and recipient, written in the transaction of what it
-- tells; a sender claims due rows by moving lease_until, sends, and marks
-- them sent or due again later.
CREATE TABLE mail_queue (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER REFERENCES contact_messages (id),
    recipient   TEXT    NOT NULL,
    reply_name  TEXT    NOT NULL DEFAULT '',
    reply_email TEXT    NOT NULL DEFAULT '',
    subject     TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    token       TEXT    NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     TIMESTAMP NOT NULL,
    lease_until TIMESTAMP,
    sent_at     TIMESTAMP,
    -- Set when the server refused the mail for good (a 5xx reply): no more tries.
    given_up_at TIMESTAMP,
    last_error  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX mail_queue_due ON mail_queue (sent_at, next_at);
CREATE INDEX mail_queue_contact ON mail_queue (contact_id);
