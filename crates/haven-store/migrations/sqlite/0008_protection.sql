-- Return, stay and the child pathway (R20, R21, R22). The fields are
-- sealed under the person's key as one blob; the kind, the status (a risk
-- level, "planned", "appointed") and follow-up dates stay in the clear so
-- that the task list and the return block need no decryption.
-- Cooperation with investigators is deliberately not here (R15).
CREATE TABLE protection_records (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    body BLOB,
    made_on TEXT NOT NULL,
    due_dates TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX protection_person ON protection_records(person_id, kind);
