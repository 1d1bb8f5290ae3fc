-- One field interview is one screening per organisation (issue 16): the
-- instanceID's keyed tag becomes unique within the organisation (the plain
-- index of 0024 is replaced), so two caseworkers importing the same row of
-- a day's export at once cannot both succeed, whatever the isolation level.
DROP INDEX screenings_field_instance;
CREATE UNIQUE INDEX screenings_field_instance ON screenings (org_id, field_instance)
    WHERE field_instance IS NOT NULL;
