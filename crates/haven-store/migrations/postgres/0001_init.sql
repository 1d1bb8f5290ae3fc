-- haven schema v1 (PostgreSQL). Sealed columns hold XChaCha20-Poly1305 ciphertext;
-- nothing identifying is stored in the clear.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    country TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations(id),
    username TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    must_change_password BIGINT NOT NULL DEFAULT 0,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT,
    disabled BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE persons (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations(id),
    location TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    erased_at BIGINT,
    full_name BYTEA,
    other_names BYTEA,
    latin_name BYTEA,
    sex BYTEA,
    birth BYTEA,
    nationalities BYTEA,
    languages BYTEA,
    contact BYTEA,
    notes BYTEA
);
CREATE INDEX persons_org_created ON persons(org_id, created_at, id);

CREATE TABLE person_keys (
    person_id TEXT PRIMARY KEY REFERENCES persons(id),
    wrapped BYTEA NOT NULL
);

CREATE TABLE person_name_index (
    token TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons(id),
    PRIMARY KEY (token, person_id)
);
CREATE INDEX person_name_index_person ON person_name_index(person_id);

CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    status TEXT NOT NULL,
    opened_on TEXT NOT NULL,
    closed_on TEXT,
    assigned_to TEXT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX cases_org_created ON cases(org_id, created_at, id);
CREATE INDEX cases_person ON cases(person_id);

CREATE TABLE case_notes (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id),
    author_id TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    body BYTEA
);
CREATE INDEX case_notes_case ON case_notes(case_id, created_at);

CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    purpose TEXT NOT NULL,
    request_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_events_record ON audit_events(record_id, seq);

CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL,
    signature TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash, signature)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', '');

CREATE TABLE audit_checkpoints (
    seq BIGINT PRIMARY KEY,
    hash TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    signature TEXT NOT NULL
);

CREATE TABLE erasures (
    person_id TEXT PRIMARY KEY,
    erased_at BIGINT NOT NULL
);
