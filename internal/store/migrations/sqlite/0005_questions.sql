-- Hỏi – Đáp: citizens' questions, the fields they are asked in and the
-- units that answer them.
CREATE TABLE question_topics (
    id       INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE question_units (
    id       INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE questions (
    id            INTEGER PRIMARY KEY,
    code          TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    phone         TEXT    NOT NULL DEFAULT '',
    address       TEXT    NOT NULL DEFAULT '',
    ip            TEXT    NOT NULL DEFAULT '',
    topic_id      INTEGER NOT NULL REFERENCES question_topics (id),
    title         TEXT    NOT NULL,
    content       TEXT    NOT NULL,
    media_id      INTEGER REFERENCES media (id),
    status        TEXT    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'assigned', 'answered', 'published', 'rejected', 'spam')),
    unit_id       INTEGER REFERENCES question_units (id),
    answer        TEXT    NOT NULL DEFAULT '',
    answered_by   INTEGER REFERENCES users (id),
    answered_at   TIMESTAMP,
    published_at  TIMESTAMP,
    created_at    TIMESTAMP NOT NULL,
    handled_by    INTEGER REFERENCES users (id),
    handled_at    TIMESTAMP,
    -- The folded words of title, content and answer, " " on both sides,
    -- which readers' word searches match (see store/question.go).
    search_folded TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX questions_status ON questions (status, created_at);
CREATE INDEX questions_published ON questions (status, published_at);
CREATE INDEX questions_ip ON questions (ip, created_at);
CREATE INDEX questions_email ON questions (email, created_at);

INSERT INTO question_topics (name, position) VALUES
    ('Đất đai', 1), ('Xây dựng', 2), ('Giáo dục', 3), ('Y tế', 4), ('Thủ tục hành chính', 5),
    ('Lao động – Việc làm', 6), ('Khác', 99);
INSERT INTO question_units (name, position) VALUES
    ('Văn phòng', 1), ('Ban Tuyên giáo', 2), ('Sở Tài nguyên và Môi trường', 3), ('Sở Xây dựng', 4),
    ('Sở Giáo dục và Đào tạo', 5), ('Sở Y tế', 6), ('Sở Lao động – Thương binh và Xã hội', 7);
