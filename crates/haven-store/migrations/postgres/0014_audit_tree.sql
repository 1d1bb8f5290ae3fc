-- The audit log as an RFC 6962 Merkle tree beside the hash chain (R27): the
-- head keeps the tree's right edge, and each signed checkpoint keeps the
-- tree root and the digest of the checkpoint before it, so deleting one is
-- detected and a checkpoint exported elsewhere pins the whole log.
ALTER TABLE audit_head ADD COLUMN merkle TEXT NOT NULL DEFAULT '0';
ALTER TABLE audit_checkpoints ADD COLUMN root TEXT;
ALTER TABLE audit_checkpoints ADD COLUMN prev TEXT;
