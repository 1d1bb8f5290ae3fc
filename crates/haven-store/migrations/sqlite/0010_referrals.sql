-- Referrals to services (R17, R19). The note and the receiving
-- organisation's reply are sealed under the person's key; the status and
-- dates stay in the clear for the task list. Which data the receiving
-- organisation may read is never stored here: it is the linked consent,
-- checked at every read, so withdrawal takes effect at once.
-- Cooperation with investigators is deliberately not here (R15).
CREATE TABLE referrals (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    from_org_id TEXT NOT NULL REFERENCES organisations(id),
    to_org_id TEXT NOT NULL REFERENCES organisations(id),
    service_type TEXT NOT NULL,
    status TEXT NOT NULL,
    consent_id TEXT REFERENCES consents(id),
    note BLOB,
    response BLOB,
    sent_on TEXT,
    due_on TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX referrals_person ON referrals(person_id);
CREATE INDEX referrals_to ON referrals(to_org_id, status);
CREATE INDEX referrals_consent ON referrals(consent_id);

-- Each status a referral reached, when and by which organisation.
CREATE TABLE referral_events (
    referral_id TEXT NOT NULL REFERENCES referrals(id),
    status TEXT NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations(id),
    at BIGINT NOT NULL
);
CREATE INDEX referral_events_referral ON referral_events(referral_id, at);
