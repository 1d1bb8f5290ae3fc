-- The tasks a completed screening's answers call for (a guardian, a safety
-- plan, a return-risk assessment, ...), sealed under the person's key like
-- the answers they come from (issue 11). The task list opens them.
ALTER TABLE screenings ADD COLUMN follow_ups BLOB;
