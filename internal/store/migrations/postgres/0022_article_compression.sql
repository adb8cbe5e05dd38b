-- Article texts are compressed with LZ4 instead of pglz when a row is large
-- enough for PostgreSQL to compress them (bodies mostly are). A search ranks
-- up to a thousand candidates, reading each one's body: LZ4 gives them back
-- several times faster for about the same size. Values already stored keep
-- their pglz form until they are next written. A server built without LZ4
-- keeps pglz.
DO $$
BEGIN
    ALTER TABLE articles ALTER COLUMN body SET COMPRESSION lz4,
        ALTER COLUMN summary SET COMPRESSION lz4, ALTER COLUMN title SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'LZ4 compression is not available: article texts stay in pglz';
END
$$;
