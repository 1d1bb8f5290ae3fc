-- Conclusive identification decisions (R07). Reasons are narrative, sealed.
-- A reconsideration is a new decision that supersedes the earlier one.
CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    screening_id TEXT NOT NULL REFERENCES screenings(id),
    person_id TEXT NOT NULL REFERENCES persons(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    conclusion TEXT NOT NULL,
    reasons BLOB,
    decided_by TEXT NOT NULL REFERENCES users(id),
    decided_at BIGINT NOT NULL,
    supersedes TEXT REFERENCES decisions(id)
);
CREATE INDEX decisions_screening ON decisions(screening_id, decided_at);
