//! Witnessed audit logs (issue 14, R27).
//!
//! The hash chain and the Merkle tree catch every edit of the log, but not a
//! whole database put back from an older copy: that log is itself valid.
//! Only someone outside the server can say "I saw it larger". Partners are
//! that someone: each installation sends its signed checkpoint to its
//! partners inside a signed, encrypted package; each partner, as witness,
//! refuses a checkpoint smaller than the newest it cosigned (or the same
//! size with another root), and otherwise cosigns it in the C2SP
//! tlog-cosignature format and keeps it. `haven audit verify --witnesses`
//! asks every partner for the newest checkpoint it cosigned of this log and
//! holds the local log to it, so a rollback is caught once any witness has
//! cosigned a newer checkpoint.
//!
//! What the witness does not check is that a newer checkpoint extends the
//! older one (a consistency proof): a fork of equal or greater size is
//! caught at the owner's verification instead, which compares the chain
//! hash at the cosigned size.

use haven_core::audit::{Action, RecordKind};
use haven_core::tlog::{self, Checkpoint};
use haven_exchange::payload::WitnessMessage;
use haven_exchange::{Fingerprint, PackageKind};
use sqlx::Row;

use crate::audit::Context;
use crate::{now_ms, Result, Store, StoreError, WriteTx};

/// The name a witness signs under: its node fingerprint.
pub fn witness_name(fp: &Fingerprint) -> String {
    format!("haven-witness/{fp}")
}

fn refused(v: haven_core::ValidationError) -> StoreError {
    StoreError::Invalid(v)
}

fn malformed() -> StoreError {
    refused(haven_core::ValidationError::new("checkpoint", "checkpoint_malformed", "not a checkpoint"))
}

impl Store {
    /// This installation's current checkpoint as a signed note.
    pub async fn signed_checkpoint_note(&self) -> Result<(Checkpoint, String)> {
        let checkpoint = self.current_checkpoint().await?;
        let body = checkpoint.body();
        let origin = self.log_origin();
        let pk = self.keys().verifying_key().to_bytes();
        let sig = self.keys().sign_bytes(body.as_bytes());
        Ok((checkpoint.clone(), tlog::signed_note(&body, &[(origin.clone(), tlog::key_hash(&origin, &pk), sig)])))
    }

    /// Sends the current checkpoint to every partner for witnessing, unless
    /// one was sent less than `min_interval_ms` ago (sending is itself
    /// audited, so the log always grows a little). Returns how many left.
    pub async fn send_checkpoints(&self, min_interval_ms: i64) -> Result<usize> {
        let now = now_ms();
        let last: Option<i64> = sqlx::query("SELECT value FROM meta WHERE key = 'witness_sent_at'")
            .fetch_optional(self.pool())
            .await?
            .and_then(|r| r.try_get::<String, _>("value").ok())
            .and_then(|v| v.parse().ok());
        if last.is_some_and(|t| now - t < min_interval_ms) {
            return Ok(0);
        }
        let partners: Vec<String> = sqlx::query("SELECT fingerprint FROM partners WHERE removed_at IS NULL")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| r.try_get("fingerprint"))
            .collect::<std::result::Result<_, _>>()?;
        if partners.is_empty() {
            return Ok(0);
        }
        let (_, note) = self.signed_checkpoint_note().await?;
        let body = WitnessMessage { note }.to_bytes().map_err(|_| StoreError::Crypto)?;
        let mut tx = self.begin().await?;
        for fp in &partners {
            self.queue_package(&mut tx, fp, PackageKind::Checkpoint, None, &body).await?;
        }
        sqlx::query("DELETE FROM meta WHERE key = 'witness_sent_at'").execute(&mut *tx).await?;
        sqlx::query("INSERT INTO meta (key, value) VALUES ('witness_sent_at', $1)")
            .bind(now.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(partners.len())
    }

    /// As a witness: checks a partner's checkpoint against the newest one
    /// cosigned for it, cosigns it and keeps it. Returns the cosigned note.
    pub(crate) async fn witness_checkpoint(
        &self,
        tx: &mut WriteTx,
        partner: &Fingerprint,
        note: &str,
    ) -> Result<String> {
        let (kept, _) = tlog::split_cosignatures(note).map_err(|_| malformed())?;
        let (body, _) = tlog::open_note(&kept).map_err(|_| malformed())?;
        let cp = Checkpoint::parse_body(&body).map_err(|_| malformed())?;
        let root = hex::encode(cp.root);
        let held = sqlx::query("SELECT origin, size, root FROM witnessed_logs WHERE partner = $1")
            .bind(partner.as_str())
            .fetch_optional(&mut **tx)
            .await?;
        if let Some(h) = held {
            let (origin, size, held_root): (String, i64, String) =
                (h.try_get("origin")?, h.try_get("size")?, h.try_get("root")?);
            let rolled_back = (cp.size as i64) < size;
            let forked = origin != cp.origin || ((cp.size as i64) == size && held_root != root);
            if rolled_back || forked {
                // The partner's log is behind or disagrees with what this
                // installation witnessed: an alarm here too, for the auditor.
                // Recorded by a task of its own: the caller's transaction
                // holds the write lock and will roll back.
                let outcome = if rolled_back { "checkpoint_rollback" } else { "checkpoint_fork" };
                let (store, who) = (self.clone(), partner.to_string());
                tokio::spawn(async move {
                    let actor = format!("partner:{who}");
                    let ctx = Context { actor: &actor, purpose: "witness", request_id: "checkpoint" };
                    if let Err(e) =
                        store.record_event(&ctx, Action::IntegrityAlarm, RecordKind::Partner, &who, outcome).await
                    {
                        tracing::error!(error = %e, "could not record the witness alarm");
                    }
                });
                return Err(if rolled_back {
                    refused(haven_core::ValidationError::new(
                        "checkpoint",
                        "checkpoint_rollback",
                        "the log is behind a checkpoint this witness cosigned",
                    ))
                } else {
                    refused(haven_core::ValidationError::new(
                        "checkpoint",
                        "checkpoint_fork",
                        "the log disagrees with a checkpoint this witness cosigned",
                    ))
                });
            }
        }
        let keys = self.node_keys();
        let fp = keys.public().fingerprint();
        let name = witness_name(&fp);
        let time = u64::try_from(now_ms() / 1000).unwrap_or_default();
        let sig = keys.sign(&tlog::cosigned_message(&body, time));
        let line = tlog::cosignature_line(&name, tlog::cosigner_key_hash(&name, &keys.public().signing), time, &sig);
        let cosigned = format!("{kept}{line}");
        sqlx::query("DELETE FROM witnessed_logs WHERE partner = $1").bind(partner.as_str()).execute(&mut **tx).await?;
        sqlx::query(
            "INSERT INTO witnessed_logs (partner, origin, size, root, note, at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(partner.as_str())
        .bind(&cp.origin)
        .bind(cp.size as i64)
        .bind(&root)
        .bind(&cosigned)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        Ok(cosigned)
    }

    /// As a log: keeps a witness's cosignature of our checkpoint, once it
    /// verifies with the witness's key and our own.
    pub(crate) async fn keep_cosignature(
        &self,
        tx: &mut WriteTx,
        witness: &Fingerprint,
        public: &haven_exchange::NodePublic,
        note: &str,
    ) -> Result<()> {
        // The witness's key is the one the package was just opened with: no
        // second read (and no second transaction) is needed.
        let cp = self.pin_with_key(witness, public, note)?;
        let newer = sqlx::query("SELECT size FROM audit_cosignatures WHERE witness = $1")
            .bind(witness.as_str())
            .fetch_optional(&mut **tx)
            .await?
            .map(|r| r.try_get::<i64, _>("size"))
            .transpose()?
            .is_none_or(|s| s <= cp.size as i64);
        if newer {
            sqlx::query("DELETE FROM audit_cosignatures WHERE witness = $1")
                .bind(witness.as_str())
                .execute(&mut **tx)
                .await?;
            sqlx::query("INSERT INTO audit_cosignatures (witness, size, note, at) VALUES ($1, $2, $3, $4)")
                .bind(witness.as_str())
                .bind(cp.size as i64)
                .bind(note)
                .bind(now_ms())
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// A checkpoint of this installation's log as a witness cosigned it:
    /// the witness's cosignature must verify with the registered partner's
    /// key, and the log's own signature with ours. The result can be held
    /// against the log like an exported checkpoint.
    pub async fn witness_pin(&self, witness: &Fingerprint, note: &str) -> Result<Checkpoint> {
        let public = self
            .partners_public()
            .await?
            .into_iter()
            .find(|(fp, _)| fp == witness)
            .map(|(_, p)| p)
            .ok_or_else(|| StoreError::Config(format!("witness {witness}: not a registered partner")))?;
        self.pin_with_key(witness, &public, note)
    }

    fn pin_with_key(
        &self,
        witness: &Fingerprint,
        public: &haven_exchange::NodePublic,
        note: &str,
    ) -> Result<Checkpoint> {
        let bad = |m: &'static str| StoreError::Config(format!("witness {witness}: {m}"));
        let (kept, cosigs) = tlog::split_cosignatures(note).map_err(|_| bad("not a signed note"))?;
        let (body, _) = tlog::open_note(&kept).map_err(|_| bad("not a signed note"))?;
        let name = witness_name(witness);
        let kh = tlog::cosigner_key_hash(&name, &public.signing);
        let vk = ed25519_dalek::VerifyingKey::from_bytes(&public.signing).map_err(|_| bad("invalid key"))?;
        let ok = cosigs.iter().any(|(n, h, t, sig)| {
            *n == name
                && *h == kh
                && vk
                    .verify_strict(&tlog::cosigned_message(&body, *t), &ed25519_dalek::Signature::from_bytes(sig))
                    .is_ok()
        });
        if !ok {
            return Err(bad("the cosignature does not verify with the partner's key"));
        }
        self.read_checkpoint(&kept)
    }

    /// The newest checkpoint of a partner's log this installation cosigned,
    /// for that partner's verification (`GET /federation/v1/witness/{fp}`).
    pub async fn witnessed_note(&self, log: &str) -> Result<Option<String>> {
        let fp = Fingerprint::parse(log).map_err(|_| StoreError::NotFound)?;
        Ok(sqlx::query("SELECT note FROM witnessed_logs WHERE partner = $1")
            .bind(fp.as_str())
            .fetch_optional(self.pool())
            .await?
            .map(|r| r.try_get("note"))
            .transpose()?)
    }

    /// Every partner's fingerprint, URL and public keys (MAC checked), for
    /// asking witnesses.
    pub async fn partners_public(&self) -> Result<Vec<(Fingerprint, haven_exchange::NodePublic)>> {
        let fps: Vec<String> = sqlx::query("SELECT fingerprint FROM partners WHERE removed_at IS NULL")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| r.try_get("fingerprint"))
            .collect::<std::result::Result<_, _>>()?;
        let mut out = Vec::new();
        for fp in fps {
            if let Some(p) = self.partner_public(&fp).await? {
                out.push(p);
            }
        }
        Ok(out)
    }
}
