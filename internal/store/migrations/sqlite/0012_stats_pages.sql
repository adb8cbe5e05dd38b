-- The portal's statistics: per day (Asia/Ho_Chi_Minh), per metric, per item
-- (a device class, a referrer host, or '' for a plain figure). People's
-- visits stay in visit_days. Instances add to the same rows.
CREATE TABLE stat_days (
    day    TEXT   NOT NULL,
    metric TEXT   NOT NULL,
    item   TEXT   NOT NULL DEFAULT '',
    n      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, metric, item)
);
CREATE INDEX stat_days_metric ON stat_days (metric, day);

-- Introduction pages (Giới thiệu, Cơ cấu tổ chức, Lãnh đạo, Liên hệ) and their
-- English versions, which name the Vietnamese page they translate.
CREATE TABLE pages (
    id             INTEGER PRIMARY KEY,
    lang           TEXT    NOT NULL DEFAULT 'vi',
    slug           TEXT    NOT NULL,
    title          TEXT    NOT NULL,
    body           TEXT    NOT NULL DEFAULT '',
    translation_of INTEGER REFERENCES pages (id) ON DELETE SET NULL,
    position       INTEGER NOT NULL DEFAULT 0,
    in_menu        BOOLEAN NOT NULL DEFAULT TRUE,
    published      BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (lang, slug)
);
CREATE UNIQUE INDEX pages_translation ON pages (translation_of);

-- The named contact officials of a page, in order.
CREATE TABLE page_contacts (
    page_id  INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT    NOT NULL,
    title    TEXT    NOT NULL DEFAULT '',
    phone    TEXT    NOT NULL DEFAULT '',
    email    TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (page_id, position)
);
