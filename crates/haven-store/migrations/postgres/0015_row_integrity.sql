-- Keyed MACs over the columns that decide who reaches a record (R16, R17,
-- R27): a person's organisation and creator, a case's assignment, a
-- break-glass grant, a consent's recipient, purpose, categories, expiry and
-- withdrawal, a referral's parties, status and consent, an inbox document's
-- recipient. See crates/haven-store/src/integrity.rs for the exact columns.
ALTER TABLE persons ADD COLUMN row_mac TEXT;
ALTER TABLE cases ADD COLUMN row_mac TEXT;
ALTER TABLE access_grants ADD COLUMN row_mac TEXT;
ALTER TABLE consents ADD COLUMN row_mac TEXT;
ALTER TABLE consent_overrides ADD COLUMN row_mac TEXT;
ALTER TABLE referrals ADD COLUMN row_mac TEXT;
ALTER TABLE inbox_documents ADD COLUMN row_mac TEXT;
