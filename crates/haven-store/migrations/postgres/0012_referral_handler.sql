-- Need to know inside the receiving organisation: the user who accepted a
-- referral (with supervisors) sees everything its consent covers; the rest
-- of that organisation sees who is referred, to triage.
ALTER TABLE referrals ADD COLUMN handled_by TEXT;
