-- The restricted record of cooperation with investigators (R15). Kept in a
-- table of its own that no other query joins: assistance (referrals,
-- protection records, tasks, reports) never reads it. Only the store's
-- cooperation module touches it; an architecture test holds that.
CREATE TABLE cooperation_records (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    -- What the person decided and the note, sealed together under the
    -- person's key, so not even the status can be counted in SQL.
    body BLOB NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX cooperation_person ON cooperation_records(person_id);
