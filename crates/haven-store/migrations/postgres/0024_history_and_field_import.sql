-- Field history of person records (issue 13): who changed which field,
-- when, from what to what. The field and both values are sealed under the
-- person's data key, like the record itself, so erasing the person (whose
-- key is destroyed) leaves nothing readable here either. The row MAC
-- covers whose history it is, who changed it and when: a change moved to
-- another person, or backdated, in SQL is caught.
CREATE TABLE person_history (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    changed_by TEXT NOT NULL,
    changed_at BIGINT NOT NULL,
    field BYTEA,
    old_value BYTEA,
    new_value BYTEA,
    row_mac TEXT,
    row_seq BIGINT
);
CREATE INDEX person_history_person ON person_history(person_id, changed_at);

-- A screening done in the field with haven's XLSForm (issue 16) carries the
-- submission's instanceID as a keyed tag, so the same interview imported
-- twice is refused rather than counted twice.
ALTER TABLE screenings ADD COLUMN field_instance TEXT;
CREATE INDEX screenings_field_instance ON screenings(org_id, field_instance);
