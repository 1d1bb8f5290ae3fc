-- Structured facts from screenings (compound, recruiter, advertisement),
-- kept as keyed hashes so cases can corroborate each other (R08) without
-- the facts themselves being readable or searchable in the clear.
CREATE TABLE screening_facts (
    screening_id TEXT NOT NULL REFERENCES screenings(id),
    person_id TEXT NOT NULL REFERENCES persons(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL,
    token TEXT NOT NULL,
    PRIMARY KEY (screening_id, kind, token)
);
CREATE INDEX screening_facts_token ON screening_facts(org_id, token);
