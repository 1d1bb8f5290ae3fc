-- Optional e-mail for notifications (issue 13): a staff member may give an
-- address to be told "you have N new notifications" with a link, nothing
-- more. The address is sealed under the server's wrapping key with the
-- user's id as associated data, so it can be neither read from a copy of
-- the database nor moved to another account in SQL. The language is the
-- one the user chose it in; mailed_at keeps a notification from being
-- announced twice.
ALTER TABLE users ADD COLUMN notify_email BYTEA;
ALTER TABLE users ADD COLUMN notify_language TEXT;
ALTER TABLE notifications ADD COLUMN mailed_at BIGINT;
