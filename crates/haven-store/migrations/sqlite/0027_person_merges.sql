-- Duplicate person records merged into the one kept (issue 13). While a
-- merge is pending the duplicate is out of the lists and the merge can be
-- undone; once confirmed the kept record carries the duplicate's names.
-- Nothing here is personal data: which two records, who decided and when.
-- The row MAC covers all of it, so a merge moved, re-dated or switched to
-- "undone" in SQL is caught where it is read.
CREATE TABLE person_merges (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations(id),
    kept_id TEXT NOT NULL REFERENCES persons(id),
    merged_id TEXT NOT NULL REFERENCES persons(id),
    status TEXT NOT NULL,
    proposed_by TEXT NOT NULL,
    proposed_at BIGINT NOT NULL,
    decided_by TEXT,
    decided_at BIGINT,
    row_mac TEXT,
    row_seq BIGINT
);
CREATE INDEX person_merges_kept ON person_merges(kept_id);
CREATE INDEX person_merges_merged ON person_merges(merged_id, status);
