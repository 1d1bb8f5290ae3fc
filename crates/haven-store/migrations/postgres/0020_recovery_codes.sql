-- Second-factor recovery codes (issue 13): ten single-use codes a user
-- writes down at enrolment, for the day their phone is lost. Only a keyed
-- hash of each code is kept, over the user's id and the code: someone who
-- can write SQL but lacks the master key cannot make a code that works, and
-- a row moved to another user matches nothing. A code is deleted when used.
CREATE TABLE recovery_codes (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);
