-- Reviewers' decisions on screened job advertisements (issue 17, R26). The
-- advertisement is public text about a job, not about a person, and is kept
-- as published so the decision can be checked; the score and flags are what
-- the screening showed the reviewer. haven never decides: every row is a
-- person's decision with their reason.
CREATE TABLE ad_reviews (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    ad_text TEXT NOT NULL,
    score_permille BIGINT NOT NULL,
    flags TEXT NOT NULL,
    model_version TEXT NOT NULL,
    decision TEXT NOT NULL,
    reason TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    decided_at BIGINT NOT NULL
);
CREATE INDEX ad_reviews_org ON ad_reviews(org_id, decided_at);
