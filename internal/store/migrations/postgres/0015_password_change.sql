-- A password someone else set — the one-time password that `cong user add`
-- prints or that an administrator gets when creating staff — opens only the
-- password change, until its owner sets their own.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
