-- On PostgreSQL this migration stores article texts in LZ4. SQLite does not
-- compress them: nothing changes here, but both engines stay at the same
-- number, which a backup made on one is checked against when restored on
-- the other.
SELECT 1;
