-- The document itself, sealed under a server key: it is readable only
-- through the inbox, and only while the consent it was sent under holds.
ALTER TABLE inbox_documents ADD COLUMN content BLOB;
ALTER TABLE inbox_documents ADD COLUMN person_id TEXT REFERENCES persons(id);
