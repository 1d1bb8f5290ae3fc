-- In-app notifications (issue 13): a referral received, a referral
-- answered, a case assigned. A kind and a record id, never a person's
-- details; the link is built from them, so a row forged in SQL can only
-- point inside the app, where the record's own reach still applies.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, created_at);

-- The demo organisation `haven demo` creates (issue 13): kept out of the
-- recipient lists of real organisations, so nobody refers a real person
-- to a fictional shelter.
ALTER TABLE organisations ADD COLUMN demo BIGINT NOT NULL DEFAULT 0;
