-- The legal-document register ("Văn bản"): lookup lists, documents, their
-- files, and the links from articles.
CREATE TABLE document_types (
    id       INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL UNIQUE,
    slug     TEXT    NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE document_bodies (
    id       INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL UNIQUE,
    slug     TEXT    NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE document_fields (
    id       INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL UNIQUE,
    slug     TEXT    NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    number        TEXT    NOT NULL,
    slug          TEXT    NOT NULL UNIQUE,
    type_id       INTEGER NOT NULL REFERENCES document_types (id),
    body_id       INTEGER NOT NULL REFERENCES document_bodies (id),
    field_id      INTEGER REFERENCES document_fields (id),
    signer        TEXT    NOT NULL DEFAULT '',
    -- Calendar days as 'YYYY-MM-DD', which sort as dates on both engines.
    issued_on     TEXT    NOT NULL,
    issue_year    INTEGER NOT NULL,
    effective_on  TEXT,
    abstract      TEXT    NOT NULL,
    published     BOOLEAN NOT NULL DEFAULT FALSE,
    -- Number, abstract, signer and lookup names folded (tone marks off, đ →
    -- d), words between single spaces and a space at each end.
    search_folded TEXT    NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX documents_list ON documents (published, issued_on, id);
CREATE INDEX documents_number ON documents (number);

CREATE TABLE document_files (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    file        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL DEFAULT '',
    mime        TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX document_files_document ON document_files (document_id, position);

CREATE TABLE article_documents (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, document_id)
);
CREATE INDEX article_documents_document ON article_documents (document_id);

INSERT INTO document_types (name, slug, position) VALUES
    ('Nghị quyết', 'nghi-quyet', 1), ('Chỉ thị', 'chi-thi', 2), ('Quyết định', 'quyet-dinh', 3),
    ('Kết luận', 'ket-luan', 4), ('Quy định', 'quy-dinh', 5), ('Kế hoạch', 'ke-hoach', 6),
    ('Thông báo', 'thong-bao', 7), ('Hướng dẫn', 'huong-dan', 8), ('Công văn', 'cong-van', 9),
    ('Báo cáo', 'bao-cao', 10), ('Tờ trình', 'to-trinh', 11);
INSERT INTO document_bodies (name, slug, position) VALUES
    ('Tỉnh ủy', 'tinh-uy', 1), ('Ban Thường vụ Tỉnh ủy', 'ban-thuong-vu-tinh-uy', 2),
    ('Ban Chấp hành Đảng bộ tỉnh', 'ban-chap-hanh-dang-bo-tinh', 3), ('HĐND tỉnh', 'hdnd-tinh', 4),
    ('UBND tỉnh', 'ubnd-tinh', 5), ('Ban Tuyên giáo Tỉnh ủy', 'ban-tuyen-giao-tinh-uy', 6),
    ('Ban Tổ chức Tỉnh ủy', 'ban-to-chuc-tinh-uy', 7), ('Ủy ban Kiểm tra Tỉnh ủy', 'uy-ban-kiem-tra-tinh-uy', 8),
    ('Trung ương', 'trung-uong', 9);
INSERT INTO document_fields (name, slug, position) VALUES
    ('Xây dựng Đảng', 'xay-dung-dang', 1), ('Kinh tế', 'kinh-te', 2), ('Văn hóa - Xã hội', 'van-hoa-xa-hoi', 3),
    ('Quốc phòng - An ninh', 'quoc-phong-an-ninh', 4), ('Tổ chức - Cán bộ', 'to-chuc-can-bo', 5),
    ('Kiểm tra, giám sát', 'kiem-tra-giam-sat', 6), ('Dân vận', 'dan-van', 7), ('Nội chính', 'noi-chinh', 8);
