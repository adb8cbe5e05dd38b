-- An article re-posted from another portal ("tin dẫn nguồn"): besides its
-- source's name and link, the note of who approved re-posting it (staff
-- only). Revisions keep the link and the note, as they keep the name.
ALTER TABLE articles ADD COLUMN source_note TEXT NOT NULL DEFAULT '';
ALTER TABLE article_revisions ADD COLUMN source_url TEXT NOT NULL DEFAULT '';
ALTER TABLE article_revisions ADD COLUMN source_note TEXT NOT NULL DEFAULT '';
