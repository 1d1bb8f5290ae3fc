-- Follow-ups about an accepted transfer (issue 14, R24): the receiving
-- organisation tells the sender how the person is doing, under the consent
-- that carried the transfer. A status word only, never free text, so the
-- sender learns whether help is wanted, not where or how the person lives.
-- The row carries a MAC: a "needs help" forged in SQL, or one deleted,
-- would send a caseworker the wrong way.
CREATE TABLE transfer_follow_ups (
    id TEXT PRIMARY KEY,
    transfer_id TEXT NOT NULL REFERENCES transfers(id),
    status TEXT NOT NULL,
    package_id TEXT,
    recorded_by TEXT,
    at BIGINT NOT NULL,
    -- At the sender: who acted on a "needs help", and when.
    handled_by TEXT,
    handled_at BIGINT,
    row_mac TEXT,
    row_seq BIGINT
);
CREATE INDEX transfer_follow_ups_transfer ON transfer_follow_ups(transfer_id);
