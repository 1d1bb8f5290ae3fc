-- Witnessed audit logs (issue 14, R27). Partners countersign each other's
-- audit checkpoints (C2SP tlog-cosignature), so that a log rolled back to
-- an older, itself valid state is caught by asking a party outside the
-- server what it last cosigned.
--
-- As a witness: the newest checkpoint of each partner's log that this
-- installation cosigned. A checkpoint smaller than it, or of the same size
-- with another root, is refused.
CREATE TABLE witnessed_logs (
    partner TEXT PRIMARY KEY REFERENCES partners(fingerprint),
    origin TEXT NOT NULL,
    size BIGINT NOT NULL,
    root TEXT NOT NULL,
    note TEXT NOT NULL,
    at BIGINT NOT NULL
);

-- As a log: the newest cosignature each witness returned.
CREATE TABLE audit_cosignatures (
    witness TEXT PRIMARY KEY REFERENCES partners(fingerprint),
    size BIGINT NOT NULL,
    note TEXT NOT NULL,
    at BIGINT NOT NULL
);
