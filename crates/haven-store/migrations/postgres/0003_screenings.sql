-- Identification screenings (R01-R10). Answers and the explanation are
-- narrative: sealed under the person's data key like every other account.
CREATE TABLE screenings (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    instrument_id TEXT NOT NULL,
    instrument_version TEXT NOT NULL,
    instrument_hash TEXT NOT NULL,
    interviewer_id TEXT NOT NULL REFERENCES users(id),
    survivor_language TEXT NOT NULL,
    interpreter BYTEA,
    status TEXT NOT NULL,
    answers BYTEA,
    outcome TEXT,
    started_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    completed_at BIGINT
);
CREATE INDEX screenings_person ON screenings(person_id, started_at);
