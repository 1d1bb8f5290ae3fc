-- Family tracing between installations (issue 15, R25).
--
-- tracing_requests: a family's request, kept by the organisation in the
-- country of origin. The request itself (names, dates, the family's
-- contact) and the partner's answer are sealed under the request's own key
-- (body_key, wrapped under a puncturable leaf), so erasing a request
-- destroys it in every backup too.
--
-- tracing_inbound: a request received from a partner, kept by the holding
-- organisation: the keyed encoding (no names), the coarse context (sealed),
-- the candidate a caseworker found and what the person decided. The row MAC
-- covers who it belongs to, its state and its candidate, so a request moved
-- to another organisation or "answered" in SQL is caught where it is read.
CREATE TABLE tracing_requests (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations(id),
    status TEXT NOT NULL,
    recipient_org_id TEXT,
    partner TEXT,
    body BLOB,
    answer BLOB,
    body_key BLOB,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    answered_at BIGINT,
    closed_by TEXT,
    closed_at BIGINT,
    row_mac TEXT,
    row_seq BIGINT
);
CREATE INDEX tracing_requests_org ON tracing_requests(org_id, created_at);

CREATE TABLE tracing_inbound (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations(id),
    partner TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    from_org_name TEXT NOT NULL,
    status TEXT NOT NULL,
    encoded BLOB,
    context BLOB,
    decision BLOB,
    body_key BLOB,
    candidate_id TEXT,
    score BIGINT,
    searched_by TEXT,
    searched_at BIGINT,
    decided_by TEXT,
    decided_at BIGINT,
    created_at BIGINT NOT NULL,
    row_mac TEXT,
    row_seq BIGINT
);
CREATE UNIQUE INDEX tracing_inbound_remote ON tracing_inbound(partner, remote_id);
CREATE INDEX tracing_inbound_org ON tracing_inbound(org_id, created_at);
