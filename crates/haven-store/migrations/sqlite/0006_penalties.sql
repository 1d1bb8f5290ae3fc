-- Past penalties recorded for expungement (R14). The offence text is an
-- act the person may have been forced to commit: sealed.
CREATE TABLE penalties (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    imposed_on TEXT,
    offence BLOB,
    consequence BIGINT NOT NULL,
    expungement TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX penalties_person ON penalties(person_id);
