-- Bind every authorisation row to the audit log (issue 10, insider review):
-- `row_seq` is the sequence number of the `row_write` audit event appended
-- in the transaction that last wrote the row, and it is under the row's MAC.
-- A reader compares it with the latest `row_write` event for the row, so an
-- earlier copy of the row (with its then valid MAC) written back is refused.
-- Screenings and protection records join the MAC'd tables, binding their
-- keyed outcome and kind tags to the row they belong to.
ALTER TABLE organisations ADD COLUMN row_seq BIGINT;
ALTER TABLE users ADD COLUMN row_seq BIGINT;
ALTER TABLE api_tokens ADD COLUMN row_seq BIGINT;
ALTER TABLE persons ADD COLUMN row_seq BIGINT;
ALTER TABLE cases ADD COLUMN row_seq BIGINT;
ALTER TABLE access_grants ADD COLUMN row_seq BIGINT;
ALTER TABLE consents ADD COLUMN row_seq BIGINT;
ALTER TABLE consent_overrides ADD COLUMN row_seq BIGINT;
ALTER TABLE referrals ADD COLUMN row_seq BIGINT;
ALTER TABLE inbox_documents ADD COLUMN row_seq BIGINT;
ALTER TABLE screenings ADD COLUMN row_mac TEXT;
ALTER TABLE screenings ADD COLUMN row_seq BIGINT;
ALTER TABLE protection_records ADD COLUMN row_mac TEXT;
ALTER TABLE protection_records ADD COLUMN row_seq BIGINT;
