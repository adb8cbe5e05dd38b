-- The widths of a picture that also have a WebP copy (comma-separated, like
-- variants; the picture's own width when the picture itself has one).
ALTER TABLE media ADD COLUMN webp TEXT NOT NULL DEFAULT '';
