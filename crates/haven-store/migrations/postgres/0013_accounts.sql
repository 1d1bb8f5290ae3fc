-- Accounts that hold against insiders (issue 10).
-- A grant of a case role waits for a second administrator (four eyes).
ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE users ADD COLUMN created_by TEXT;
ALTER TABLE users ADD COLUMN approved_by TEXT;
-- Wrong second-factor codes per account, with a capped back-off.
ALTER TABLE users ADD COLUMN totp_failures BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_locked_until BIGINT;
-- Keyed MACs over the columns that decide what a row may do, so a SQL edit
-- without the master key makes the row refuse to work.
ALTER TABLE users ADD COLUMN row_mac TEXT;
ALTER TABLE organisations ADD COLUMN row_mac TEXT;
ALTER TABLE sessions ADD COLUMN row_mac TEXT;
-- Tokens expire, carry scopes, and for roles that need a second factor wait
-- until their owner confirms them with it.
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'read,write,admin';
ALTER TABLE api_tokens ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE api_tokens ADD COLUMN row_mac TEXT;
-- Failed sign-ins per keyed (username, network) pair: a stranger's guesses
-- slow down only their own network, and the entry exists whether or not the
-- username does, so the throttle tells nobody which accounts are real.
-- Both keys are keyed hashes: attempted usernames and addresses are not kept.
CREATE TABLE login_throttle (
    account TEXT NOT NULL,
    network TEXT NOT NULL,
    failures BIGINT NOT NULL,
    locked_until BIGINT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (account, network)
);
-- The per-account lock-out is replaced by the throttle above.
ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;
