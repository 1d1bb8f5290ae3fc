-- Each corroboration fact is bound, under a key the database does not hold,
-- to the person, organisation and screening it came from (issue 17, insider
-- review): a row copied in SQL under another person's id no longer counts,
-- so nobody with write access can lift one survivor's facts over the
-- threshold at which a platform is told of them. Rows written before this
-- migration are bound once, at the next start, and that is audited.
ALTER TABLE screening_facts ADD COLUMN binding TEXT;
INSERT INTO meta (key, value) VALUES ('fact_bindings', 'pending');
