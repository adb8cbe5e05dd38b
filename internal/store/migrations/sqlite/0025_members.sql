-- Members ("thành viên", đảng viên): readers' accounts, apart from staff,
-- in groups. A category restricted to groups (category_groups) and an
-- article restricted to groups of its own (article_groups) are read by
-- those groups' members alone. articles.members_only is the restriction
-- as it stands, kept by the store on every save of an article or a group,
-- so that every reader's list leaves such articles out by one column.
CREATE TABLE member_groups (
    id         INTEGER PRIMARY KEY,
    name       TEXT      NOT NULL,
    name_key   TEXT      NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE members (
    id            INTEGER PRIMARY KEY,
    username      TEXT      NOT NULL UNIQUE,
    name          TEXT      NOT NULL,
    password_hash TEXT      NOT NULL,
    disabled      BOOLEAN   NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE member_group_members (
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    group_id  INTEGER NOT NULL REFERENCES member_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (member_id, group_id)
);
CREATE INDEX member_group_members_group ON member_group_members (group_id);

CREATE TABLE category_groups (
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    group_id    INTEGER NOT NULL REFERENCES member_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (category_id, group_id)
);
CREATE INDEX category_groups_group ON category_groups (group_id);

CREATE TABLE article_groups (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    group_id   INTEGER NOT NULL REFERENCES member_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, group_id)
);
CREATE INDEX article_groups_group ON article_groups (group_id);

ALTER TABLE articles ADD COLUMN members_only BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX articles_members_only ON articles (published_at, id) WHERE members_only;
