-- Identity, access and the firewall (R15-R17, R27).
ALTER TABLE organisations ADD COLUMN languages TEXT NOT NULL DEFAULT '';
-- When set, every caseworker of the organisation sees every case (identity
-- and contact fields only, unless assigned).
ALTER TABLE organisations ADD COLUMN caseworkers_see_all BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_secret BLOB;
ALTER TABLE users ADD COLUMN totp_enabled BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN mfa_ok BIGINT NOT NULL DEFAULT 1;
ALTER TABLE persons ADD COLUMN created_by TEXT;
-- The first account of v1 was an all-powers administrator; it becomes the
-- system administrator, who reads no case data.
UPDATE users SET role = 'system_admin' WHERE role = 'administrator';

CREATE TABLE consents (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    purpose TEXT NOT NULL,
    recipient_org_id TEXT NOT NULL REFERENCES organisations(id),
    categories TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    explained_by TEXT NOT NULL REFERENCES users(id),
    language TEXT NOT NULL,
    interpreter BLOB,
    recorded_at BIGINT NOT NULL,
    withdrawn_at BIGINT,
    withdrawn_by TEXT REFERENCES users(id)
);
CREATE INDEX consents_person ON consents(person_id);

CREATE TABLE consent_overrides (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    purpose TEXT NOT NULL,
    recipient_org_id TEXT NOT NULL REFERENCES organisations(id),
    categories TEXT NOT NULL,
    reason BLOB,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    reviewed_by TEXT REFERENCES users(id),
    reviewed_at BIGINT
);

CREATE TABLE access_grants (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    reason BLOB,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    reviewed_by TEXT REFERENCES users(id),
    reviewed_at BIGINT
);
CREATE INDEX access_grants_user ON access_grants(user_id, person_id);

-- Documents sent to an enforcement organisation with the person's consent
-- (the non-punishment notice arrives with the identification work).
CREATE TABLE inbox_documents (
    id TEXT PRIMARY KEY,
    recipient_org_id TEXT NOT NULL REFERENCES organisations(id),
    consent_id TEXT NOT NULL REFERENCES consents(id),
    kind TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
