-- Cross-border exchange between haven installations (issue 14, R24).
--
-- A partner is another installation whose signed node card an administrator
-- added after checking its fingerprint out of band. Its keys decide whose
-- packages are believed and to whom cases are encrypted, so the row carries
-- a MAC: someone who can write SQL cannot swap in their own keys.
CREATE TABLE partners (
    fingerprint TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    signing_key TEXT NOT NULL,
    encryption_key TEXT NOT NULL,
    card TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    -- The last sequence number sent to this partner, and the anti-replay
    -- window over what it sent us.
    send_seq BIGINT NOT NULL DEFAULT 0,
    recv_window TEXT NOT NULL DEFAULT '0:0',
    removed_at BIGINT,
    row_mac TEXT,
    row_seq BIGINT
);

-- A partner's assistance organisations, mirrored into `organisations` so that
-- a consent can name them; this row marks one as remote, on which node.
CREATE TABLE partner_orgs (
    org_id TEXT PRIMARY KEY REFERENCES organisations(id),
    partner TEXT NOT NULL REFERENCES partners(fingerprint),
    remote_id TEXT NOT NULL,
    row_mac TEXT,
    row_seq BIGINT
);
CREATE INDEX partner_orgs_partner ON partner_orgs(partner);

-- One transfer, as the sender (direction 'out') or the receiver ('in') holds
-- it. The same id at both ends. On the receiving side the payload is sealed
-- under a key of its own, wrapped under a leaf of the key file's tree, so a
-- revocation destroys it everywhere, backups included (crypto-shredding).
CREATE TABLE transfers (
    id TEXT PRIMARY KEY,
    direction TEXT NOT NULL,
    partner TEXT NOT NULL REFERENCES partners(fingerprint),
    local_org_id TEXT NOT NULL REFERENCES organisations(id),
    remote_org_id TEXT NOT NULL,
    remote_org_name TEXT NOT NULL,
    person_id TEXT REFERENCES persons(id),
    consent_id TEXT REFERENCES consents(id),
    purpose TEXT NOT NULL,
    status TEXT NOT NULL,
    categories TEXT NOT NULL,
    payload BLOB,
    payload_key BLOB,
    reason BLOB,
    created_by TEXT,
    handled_by TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    revoked_at BIGINT,
    row_mac TEXT,
    row_seq BIGINT
);
CREATE INDEX transfers_person ON transfers(person_id);
CREATE INDEX transfers_org ON transfers(local_org_id, direction);

-- Every step either end took, with the package that carried it.
CREATE TABLE transfer_events (
    transfer_id TEXT NOT NULL REFERENCES transfers(id),
    status TEXT NOT NULL,
    package_id TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX transfer_events_transfer ON transfer_events(transfer_id);

-- Packages waiting to leave, and those that left. Survives restarts; the
-- pusher retries with backoff until the partner answers with a receipt.
CREATE TABLE exchange_outbox (
    package_id TEXT PRIMARY KEY,
    partner TEXT NOT NULL REFERENCES partners(fingerprint),
    transfer_id TEXT,
    kind TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    delivered_at BIGINT
);
CREATE INDEX exchange_outbox_due ON exchange_outbox(delivered_at, next_attempt_at);

-- Signed packages received from partners that hold no personal data
-- (receipts, answers, confirmations), kept whole as evidence (R24, R27).
CREATE TABLE exchange_receipts (
    package_id TEXT PRIMARY KEY,
    partner TEXT NOT NULL REFERENCES partners(fingerprint),
    transfer_id TEXT,
    kind TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    bytes BLOB NOT NULL
);
