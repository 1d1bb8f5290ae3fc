-- Seal what reveals a person's situation (issue 10). Most such columns are
-- text and keep their names: from key scheme 2 they hold keyed tags (where a
-- query compares them) or sealed values in hex (see ARCHITECTURE.md's
-- column table). Whether a past penalty was a consequence of trafficking
-- was a number; it becomes text so it can hold a sealed value too.
ALTER TABLE penalties ALTER COLUMN consequence TYPE TEXT USING CAST(consequence AS TEXT);
