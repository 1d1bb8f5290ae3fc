-- Seal what reveals a person's situation (issue 10). Most such columns are
-- text and keep their names: from key scheme 2 they hold keyed tags (where a
-- query compares them) or sealed values in hex (see ARCHITECTURE.md's
-- column table). Whether a past penalty was a consequence of trafficking
-- was a number; it becomes text so it can hold a sealed value too.
CREATE TABLE penalties_new (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    imposed_on TEXT,
    offence BLOB,
    consequence TEXT NOT NULL,
    expungement TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO penalties_new (id, person_id, org_id, kind, country, imposed_on, offence, consequence, expungement, created_at, updated_at)
SELECT id, person_id, org_id, kind, country, imposed_on, offence, CAST(consequence AS TEXT), expungement, created_at, updated_at
FROM penalties;
DROP TABLE penalties;
ALTER TABLE penalties_new RENAME TO penalties;
CREATE INDEX penalties_person ON penalties(person_id);
