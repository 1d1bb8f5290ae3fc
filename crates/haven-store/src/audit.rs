//! Appending to and verifying the audit chain (R27).

use haven_core::access::Scope;
use haven_core::audit::{checkpoint_message, Action, Event, RecordKind, StoredEvent, Verifier};
use sqlx::Row;

use crate::WriteTx;

use crate::{now_ms, Result, Store, StoreError};

/// A signed checkpoint is kept every this many events, so verification can
/// tell a chain that was cut back to an old head from one that never grew.
const CHECKPOINT_EVERY: i64 = 256;

/// Who did something, when there is no [`Scope`] (logins, CLI, system work).
pub struct Context<'a> {
    pub actor: &'a str,
    pub purpose: &'a str,
    pub request_id: &'a str,
}

/// An event to append, before it has a place in the chain.
struct NewEvent<'a> {
    actor: &'a str,
    purpose: &'a str,
    request_id: &'a str,
    action: Action,
    kind: RecordKind,
    record_id: &'a str,
    outcome: &'a str,
}

/// A read's audit events, waiting for the group commit.
pub(crate) struct Pending {
    actor: String,
    purpose: String,
    request_id: String,
    action: Action,
    kind: RecordKind,
    record_ids: Vec<String>,
    outcome: String,
    reply: tokio::sync::oneshot::Sender<Result<(), String>>,
}

/// Group commit for the audit events of reads.
///
/// A read's data is fetched outside any write transaction, then its events
/// are queued here and the caller waits until they are committed before any
/// data leaves the store; if the commit fails the read fails. One task drains
/// the queue and commits whatever has gathered in one transaction, so
/// concurrent readers share one lock acquisition and one signature instead of
/// queueing one by one on the chain head. Writes do not use this: a write and
/// its event always commit in the write's own transaction.
pub(crate) struct AuditSink;

impl AuditSink {
    const MAX_BATCH: usize = 512;

    pub(crate) fn spawn(writer: Store) -> tokio::sync::mpsc::Sender<Pending> {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Pending>(8192);
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let mut batch = vec![first];
                while batch.len() < Self::MAX_BATCH {
                    match rx.try_recv() {
                        Ok(p) => batch.push(p),
                        Err(_) => break,
                    }
                }
                let outcome = writer.commit_batch(&batch).await.map_err(|e| e.to_string());
                if let Err(e) = &outcome {
                    tracing::error!(error = %e, "audit group commit failed");
                }
                for p in batch {
                    let _ = p.reply.send(outcome.clone());
                }
            }
        });
        tx
    }
}

/// The outcome of a full verification.
#[derive(Debug, Clone)]
pub struct VerifyReport {
    pub events: i64,
    pub checkpoints: i64,
}

impl Store {
    /// Appends one event inside `tx`. Called by every method that reads or
    /// writes a person, case or note, before it commits.
    pub(crate) async fn append_scoped(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        action: Action,
        kind: RecordKind,
        record_id: &str,
        outcome: &str,
    ) -> Result<()> {
        let actor = scope.actor().to_string();
        let ctx = Context { actor: &actor, purpose: scope.purpose().as_str(), request_id: scope.request_id() };
        self.append(tx, &ctx, action, kind, record_id, outcome).await
    }

    pub(crate) async fn append_many_scoped(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        action: Action,
        kind: RecordKind,
        record_ids: &[&str],
    ) -> Result<()> {
        let actor = scope.actor().to_string();
        let ctx = Context { actor: &actor, purpose: scope.purpose().as_str(), request_id: scope.request_id() };
        self.append_many(tx, &ctx, action, kind, record_ids, "ok").await
    }

    pub(crate) async fn append(
        &self,
        tx: &mut WriteTx,
        ctx: &Context<'_>,
        action: Action,
        kind: RecordKind,
        record_id: &str,
        outcome: &str,
    ) -> Result<()> {
        self.append_many(tx, ctx, action, kind, &[record_id], outcome).await
    }

    /// Appends one event per record id, signing the head once at the end.
    /// List and search pages use it: each person whose name is shown gets
    /// their own event, so "who saw this record" includes list views.
    pub(crate) async fn append_many(
        &self,
        tx: &mut WriteTx,
        ctx: &Context<'_>,
        action: Action,
        kind: RecordKind,
        record_ids: &[&str],
        outcome: &str,
    ) -> Result<()> {
        let rows: Vec<NewEvent<'_>> = record_ids
            .iter()
            .map(|id| NewEvent {
                actor: ctx.actor,
                purpose: ctx.purpose,
                request_id: ctx.request_id,
                action,
                kind,
                record_id: id,
                outcome,
            })
            .collect();
        self.append_events(tx, &rows).await
    }

    /// Chains, stores and signs a batch of events: one head read, multi-row
    /// inserts, one head update. Round trips, not hashing, are what a remote
    /// database makes expensive.
    async fn append_events(&self, tx: &mut WriteTx, new: &[NewEvent<'_>]) -> Result<()> {
        if new.is_empty() {
            return Ok(());
        }
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&mut **tx).await?;
        let mut seq: i64 = head.try_get("seq")?;
        let mut prev_hash: String = head.try_get("hash")?;
        let mut prev = [0u8; 32];
        hex::decode_to_slice(&prev_hash, &mut prev)
            .map_err(|_| StoreError::AuditBroken(haven_core::audit::ChainBreak::HeadMismatch { seq }))?;
        let at_ms = now_ms();
        let mut rows = Vec::with_capacity(new.len());
        let mut checkpoints = Vec::new();
        for n in new {
            let event = Event {
                seq: seq + 1,
                at_ms,
                actor: n.actor.to_owned(),
                action: n.action.as_str().to_owned(),
                record_kind: n.kind.as_str().to_owned(),
                record_id: n.record_id.to_owned(),
                purpose: n.purpose.to_owned(),
                request_id: n.request_id.to_owned(),
                outcome: n.outcome.to_owned(),
            };
            let hash_bytes = event.chain_hash(&prev);
            let hash = hex::encode(hash_bytes);
            if event.seq % CHECKPOINT_EVERY == 0 {
                checkpoints.push((event.seq, hash.clone(), self.keys().sign(&checkpoint_message(event.seq, &hash))));
            }
            seq = event.seq;
            prev = hash_bytes;
            rows.push((event, std::mem::replace(&mut prev_hash, hash.clone()), hash));
        }
        const PER_INSERT: usize = 64;
        for chunk in rows.chunks(PER_INSERT) {
            let values = (0..chunk.len())
                .map(|r| {
                    let b = r * 11;
                    format!(
                        "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                        b + 1,
                        b + 2,
                        b + 3,
                        b + 4,
                        b + 5,
                        b + 6,
                        b + 7,
                        b + 8,
                        b + 9,
                        b + 10,
                        b + 11
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "INSERT INTO audit_events (seq, at_ms, actor, action, record_kind, record_id, purpose, request_id, outcome, prev_hash, hash) VALUES {values}"
            );
            let mut q = sqlx::query(&sql);
            for (e, prev_h, h) in chunk {
                q = q
                    .bind(e.seq)
                    .bind(e.at_ms)
                    .bind(e.actor.clone())
                    .bind(e.action.clone())
                    .bind(e.record_kind.clone())
                    .bind(e.record_id.clone())
                    .bind(e.purpose.clone())
                    .bind(e.request_id.clone())
                    .bind(e.outcome.clone())
                    .bind(prev_h.clone())
                    .bind(h.clone());
            }
            q.execute(&mut **tx).await?;
        }
        for (cseq, chash, sig) in checkpoints {
            sqlx::query("INSERT INTO audit_checkpoints (seq, hash, at_ms, signature) VALUES ($1, $2, $3, $4)")
                .bind(cseq)
                .bind(chash)
                .bind(at_ms)
                .bind(sig)
                .execute(&mut **tx)
                .await?;
        }
        let signature = self.keys().sign(&checkpoint_message(seq, &prev_hash));
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2, signature = $3 WHERE id = 1")
            .bind(seq)
            .bind(&prev_hash)
            .bind(&signature)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    async fn commit_batch(&self, batch: &[Pending]) -> Result<()> {
        let rows: Vec<NewEvent<'_>> = batch
            .iter()
            .flat_map(|p| {
                p.record_ids.iter().map(move |id| NewEvent {
                    actor: &p.actor,
                    purpose: &p.purpose,
                    request_id: &p.request_id,
                    action: p.action,
                    kind: p.kind,
                    record_id: id,
                    outcome: &p.outcome,
                })
            })
            .collect();
        let mut tx = self.begin().await?;
        self.append_events(&mut tx, &rows).await?;
        tx.commit().await
    }

    /// Audits a read and returns once its events are committed. Call it
    /// after fetching and before returning any data.
    pub(crate) async fn audit_read(
        &self,
        scope: &Scope,
        action: Action,
        kind: RecordKind,
        record_ids: &[&str],
        outcome: &str,
    ) -> Result<()> {
        let Some(sink) = &self.audit_sink else {
            let mut tx = self.begin().await?;
            let actor = scope.actor().to_string();
            let ctx = Context { actor: &actor, purpose: scope.purpose().as_str(), request_id: scope.request_id() };
            self.append_many(&mut tx, &ctx, action, kind, record_ids, outcome).await?;
            return tx.commit().await;
        };
        let (reply, wait) = tokio::sync::oneshot::channel();
        let pending = Pending {
            actor: scope.actor().to_string(),
            purpose: scope.purpose().as_str().to_owned(),
            request_id: scope.request_id().to_owned(),
            action,
            kind,
            record_ids: record_ids.iter().map(|s| (*s).to_owned()).collect(),
            outcome: outcome.to_owned(),
            reply,
        };
        sink.send(pending).await.map_err(|_| StoreError::Audit("the audit writer has stopped".into()))?;
        match wait.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(StoreError::Audit(e)),
            Err(_) => Err(StoreError::Audit("the audit writer has stopped".into())),
        }
    }

    /// Records an event on behalf of a scope, in its own transaction (denied
    /// attempts, inbox and audit-log reads).
    pub(crate) async fn record_scoped_event(
        &self,
        scope: &Scope,
        action: Action,
        kind: RecordKind,
        record_id: &str,
        outcome: &str,
    ) -> Result<()> {
        let actor = scope.actor().to_string();
        let ctx = Context { actor: &actor, purpose: scope.purpose().as_str(), request_id: scope.request_id() };
        self.record_event(&ctx, action, kind, record_id, outcome).await
    }

    /// Records an event that is not part of another write (logins, backups,
    /// denied attempts), in its own transaction.
    pub async fn record_event(
        &self,
        ctx: &Context<'_>,
        action: Action,
        kind: RecordKind,
        record_id: &str,
        outcome: &str,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        self.append(&mut tx, ctx, action, kind, record_id, outcome).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Walks the whole chain: every hash, every link, the signed head and
    /// every signed checkpoint. Returns the first event that cannot be trusted.
    pub async fn verify_audit(&self, mut progress: impl FnMut(i64, i64)) -> Result<VerifyReport> {
        let head =
            sqlx::query("SELECT seq, hash, signature FROM audit_head WHERE id = 1").fetch_one(&self.pool).await?;
        let head_seq: i64 = head.try_get("seq")?;
        let head_hash: String = head.try_get("hash")?;
        let head_sig: String = head.try_get("signature")?;
        if head_seq > 0 && !self.keys().verify_signature(&checkpoint_message(head_seq, &head_hash), &head_sig) {
            return Err(StoreError::AuditSignature(head_seq));
        }

        let mut checkpoints = std::collections::HashMap::new();
        for r in sqlx::query("SELECT seq, hash, signature FROM audit_checkpoints").fetch_all(&self.pool).await? {
            let seq: i64 = r.try_get("seq")?;
            let hash: String = r.try_get("hash")?;
            let sig: String = r.try_get("signature")?;
            if !self.keys().verify_signature(&checkpoint_message(seq, &hash), &sig) {
                return Err(StoreError::AuditSignature(seq));
            }
            checkpoints.insert(seq, hash);
        }
        let n_checkpoints = checkpoints.len() as i64;

        let mut verifier = Verifier::default();
        let batch = 10_000i64;
        let mut after = 0i64;
        loop {
            let rows = sqlx::query(
                "SELECT seq, at_ms, actor, action, record_kind, record_id, purpose, request_id, outcome, prev_hash, hash \
                 FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2",
            )
            .bind(after)
            .bind(batch)
            .fetch_all(&self.pool)
            .await?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let stored = StoredEvent {
                    event: Event {
                        seq: r.try_get("seq")?,
                        at_ms: r.try_get("at_ms")?,
                        actor: r.try_get("actor")?,
                        action: r.try_get("action")?,
                        record_kind: r.try_get("record_kind")?,
                        record_id: r.try_get("record_id")?,
                        purpose: r.try_get("purpose")?,
                        request_id: r.try_get("request_id")?,
                        outcome: r.try_get("outcome")?,
                    },
                    prev_hash: r.try_get("prev_hash")?,
                    hash: r.try_get("hash")?,
                };
                verifier.push(&stored).map_err(StoreError::AuditBroken)?;
                if let Some(h) = checkpoints.get(&stored.event.seq) {
                    if *h != stored.hash {
                        return Err(StoreError::AuditBroken(haven_core::audit::ChainBreak::Altered {
                            seq: stored.event.seq,
                        }));
                    }
                }
                after = stored.event.seq;
            }
            progress(after, head_seq);
        }
        // A checkpoint beyond the end means events after it were cut away.
        if let Some(max_cp) = checkpoints.keys().max() {
            if *max_cp > after {
                return Err(StoreError::AuditBroken(haven_core::audit::ChainBreak::Truncated {
                    last: after,
                    head: *max_cp,
                }));
            }
        }
        let events = verifier.finish(head_seq, &head_hash).map_err(StoreError::AuditBroken)?;
        Ok(VerifyReport { events, checkpoints: n_checkpoints })
    }
}
