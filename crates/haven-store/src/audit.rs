//! Appending to and verifying the audit chain (R27).

use haven_core::access::Scope;
use haven_core::audit::{
    checkpoint_digest, checkpoint_message, checkpoint_message_v2, head_message, Action, ChainBreak, Event, RecordKind,
    StoredEvent, Verifier,
};
use haven_core::tlog::{self, Checkpoint, Frontier};
use sqlx::Row;

use crate::WriteTx;

use crate::{now_ms, Result, Store, StoreError};

/// A signed checkpoint is kept every this many events, so verification can
/// tell a chain that was cut back to an old head from one that never grew,
/// and a missing checkpoint is itself a sign of deletion.
pub const CHECKPOINT_EVERY: i64 = 256;

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
        self.append_many(tx, &ctx, action, kind, record_ids, "ok").await?;
        Ok(())
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
        self.append_many(tx, ctx, action, kind, &[record_id], outcome).await?;
        Ok(())
    }

    /// Appends one event per record id, signing the head once at the end.
    /// List and search pages use it: each person whose name is shown gets
    /// their own event, so "who saw this record" includes list views.
    /// Returns the sequence number of the last event (the events are
    /// numbered consecutively up to it).
    pub(crate) async fn append_many(
        &self,
        tx: &mut WriteTx,
        ctx: &Context<'_>,
        action: Action,
        kind: RecordKind,
        record_ids: &[&str],
        outcome: &str,
    ) -> Result<i64> {
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
    /// database makes expensive. The Merkle tree's right edge is kept with
    /// the head; every `CHECKPOINT_EVERY` events a checkpoint is signed with
    /// the tree root and chained to the checkpoint before it.
    async fn append_events(&self, tx: &mut WriteTx, new: &[NewEvent<'_>]) -> Result<i64> {
        if new.is_empty() {
            let head = sqlx::query("SELECT seq FROM audit_head WHERE id = 1").fetch_one(&mut **tx).await?;
            return Ok(head.try_get("seq")?);
        }
        let head = sqlx::query("SELECT seq, hash, merkle FROM audit_head WHERE id = 1").fetch_one(&mut **tx).await?;
        let mut seq: i64 = head.try_get("seq")?;
        let mut prev_hash: String = head.try_get("hash")?;
        let mut prev = [0u8; 32];
        hex::decode_to_slice(&prev_hash, &mut prev)
            .map_err(|_| StoreError::AuditBroken(ChainBreak::HeadMismatch { seq }))?;
        // A log written before the tree existed keeps appending without it
        // until the key-file conversion rebuilds the tree from its events.
        let mut frontier = Frontier::decode(&head.try_get::<String, _>("merkle")?).filter(|f| f.size() == seq as u64);
        let at_ms = now_ms();
        let mut rows = Vec::with_capacity(new.len());
        let mut checkpoints = Vec::new();
        let mut last_cp: Option<[u8; 32]> = None;
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
            if let Some(f) = frontier.as_mut() {
                f.push(tlog::leaf_hash(&hash_bytes));
            }
            if event.seq % CHECKPOINT_EVERY == 0 {
                match &frontier {
                    Some(f) => {
                        let before = match last_cp {
                            Some(d) => d,
                            None => self.last_checkpoint_digest(tx).await?,
                        };
                        let root = f.root();
                        let msg = checkpoint_message_v2(event.seq, &hash, &root, &before);
                        last_cp = Some(checkpoint_digest(&msg));
                        checkpoints.push((event.seq, hash.clone(), Some((root, before)), self.keys().sign(&msg)));
                    }
                    None => checkpoints.push((
                        event.seq,
                        hash.clone(),
                        None,
                        self.keys().sign(&checkpoint_message(event.seq, &hash)),
                    )),
                }
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
                    let ps: Vec<String> = (1..=11).map(|i| format!("${}", b + i)).collect();
                    format!("({})", ps.join(", "))
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
        for (cseq, chash, tree, sig) in checkpoints {
            sqlx::query(
                "INSERT INTO audit_checkpoints (seq, hash, at_ms, signature, root, prev) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(cseq)
            .bind(chash)
            .bind(at_ms)
            .bind(sig)
            .bind(tree.map(|(r, _)| hex::encode(r)))
            .bind(tree.map(|(_, p)| hex::encode(p)))
            .execute(&mut **tx)
            .await?;
        }
        let (merkle, signature) = match &frontier {
            Some(f) => (f.encode(), self.keys().sign(&head_message(seq, &prev_hash, &f.root()))),
            None => (head.try_get::<String, _>("merkle")?, self.keys().sign(&checkpoint_message(seq, &prev_hash))),
        };
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2, signature = $3, merkle = $4 WHERE id = 1")
            .bind(seq)
            .bind(&prev_hash)
            .bind(&signature)
            .bind(merkle)
            .execute(&mut **tx)
            .await?;
        Ok(seq)
    }

    /// The digest of the newest stored checkpoint, or zeros before the first.
    async fn last_checkpoint_digest(&self, tx: &mut WriteTx) -> Result<[u8; 32]> {
        let row = sqlx::query("SELECT seq, hash, root, prev FROM audit_checkpoints ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut **tx)
            .await?;
        let Some(r) = row else { return Ok([0; 32]) };
        let seq: i64 = r.try_get("seq")?;
        let broken = || StoreError::AuditBroken(ChainBreak::CheckpointChain { seq });
        let root = decode32(r.try_get::<Option<String>, _>("root")?.as_deref()).ok_or_else(broken)?;
        let prev = decode32(r.try_get::<Option<String>, _>("prev")?.as_deref()).ok_or_else(broken)?;
        Ok(checkpoint_digest(&checkpoint_message_v2(seq, &r.try_get::<String, _>("hash")?, &root, &prev)))
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
        // Reads' events change no token or account, and they commit all the
        // time: clearing the token cache on each would empty it for nothing.
        tx.credentials = None;
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

    /// Walks the whole chain: every hash, every link, the Merkle tree, the
    /// signed head and every signed checkpoint, which must all be present
    /// and chained. Each of `against` (checkpoints exported earlier and kept
    /// elsewhere) must be matched: a log behind one, or disagreeing with it,
    /// was rolled back or replaced. Returns the first thing that cannot be
    /// trusted.
    pub async fn verify_audit(&self, mut progress: impl FnMut(i64, i64)) -> Result<VerifyReport> {
        self.verify_audit_against(&[], &mut progress).await
    }

    pub async fn verify_audit_against(
        &self,
        against: &[Checkpoint],
        progress: &mut impl FnMut(i64, i64),
    ) -> Result<VerifyReport> {
        let head = sqlx::query("SELECT seq, hash, signature, merkle FROM audit_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        let head_seq: i64 = head.try_get("seq")?;
        let head_hash: String = head.try_get("hash")?;
        let head_sig: String = head.try_get("signature")?;
        let stored_tree = Frontier::decode(&head.try_get::<String, _>("merkle")?)
            .ok_or(StoreError::AuditBroken(ChainBreak::TreeMismatch { seq: head_seq }))?;
        if head_seq > 0
            && !self.keys().verify_signature(&head_message(head_seq, &head_hash, &stored_tree.root()), &head_sig)
        {
            return Err(StoreError::AuditSignature(head_seq));
        }
        for cp in against {
            if cp.size as i64 > head_seq {
                return Err(StoreError::AuditBroken(ChainBreak::Behind { size: cp.size as i64, head: head_seq }));
            }
        }

        // Every multiple of CHECKPOINT_EVERY up to the head has a checkpoint,
        // each signed and chained to the one before.
        let mut checkpoints = std::collections::HashMap::new();
        let mut before = [0u8; 32];
        let rows = sqlx::query("SELECT seq, hash, signature, root, prev FROM audit_checkpoints ORDER BY seq")
            .fetch_all(&self.pool)
            .await?;
        let mut expected = CHECKPOINT_EVERY;
        for r in &rows {
            let seq: i64 = r.try_get("seq")?;
            if seq != expected {
                return Err(StoreError::AuditBroken(ChainBreak::CheckpointMissing { seq: expected.min(seq) }));
            }
            let hash: String = r.try_get("hash")?;
            let sig: String = r.try_get("signature")?;
            let root = decode32(r.try_get::<Option<String>, _>("root")?.as_deref())
                .ok_or(StoreError::AuditBroken(ChainBreak::CheckpointChain { seq }))?;
            let prev = decode32(r.try_get::<Option<String>, _>("prev")?.as_deref())
                .ok_or(StoreError::AuditBroken(ChainBreak::CheckpointChain { seq }))?;
            if prev != before {
                return Err(StoreError::AuditBroken(ChainBreak::CheckpointChain { seq }));
            }
            let msg = checkpoint_message_v2(seq, &hash, &root, &prev);
            if !self.keys().verify_signature(&msg, &sig) {
                return Err(StoreError::AuditSignature(seq));
            }
            before = checkpoint_digest(&msg);
            checkpoints.insert(seq, (hash, root));
            expected += CHECKPOINT_EVERY;
        }
        if expected <= head_seq {
            return Err(StoreError::AuditBroken(ChainBreak::CheckpointMissing { seq: expected }));
        }
        let n_checkpoints = checkpoints.len() as i64;
        let pins: std::collections::HashMap<i64, &Checkpoint> = against.iter().map(|c| (c.size as i64, c)).collect();

        let mut verifier = Verifier::default();
        let mut tree = Frontier::default();
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
                let stored = stored_event(r)?;
                verifier.push(&stored).map_err(StoreError::AuditBroken)?;
                let seq = stored.event.seq;
                tree.push(tlog::leaf_hash(&verifier.last().1));
                if let Some((h, root)) = checkpoints.get(&seq) {
                    if *h != stored.hash || *root != tree.root() {
                        return Err(StoreError::AuditBroken(ChainBreak::Altered { seq }));
                    }
                }
                if let Some(pin) = pins.get(&seq) {
                    if pin.root != tree.root() || pin.chain != verifier.last().1 {
                        return Err(StoreError::AuditBroken(ChainBreak::Forked { size: seq }));
                    }
                }
                after = seq;
            }
            progress(after, head_seq);
        }
        let events = verifier.finish(head_seq, &head_hash).map_err(StoreError::AuditBroken)?;
        if tree != stored_tree {
            return Err(StoreError::AuditBroken(ChainBreak::TreeMismatch { seq: head_seq }));
        }
        Ok(VerifyReport { events, checkpoints: n_checkpoints })
    }
}

/// An event row as the chain verifier reads it (`SELECT` every column of
/// `audit_events`).
fn stored_event(r: &sqlx::any::AnyRow) -> Result<StoredEvent> {
    Ok(StoredEvent {
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
    })
}

fn decode32(s: Option<&str>) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(s?, &mut out).ok()?;
    Some(out)
}

/// A checkpoint exported for keeping outside the server.
pub struct ExportedCheckpoint {
    pub checkpoint: Checkpoint,
    /// The C2SP signed note, ready to write to a file.
    pub note: String,
}

impl Store {
    /// This installation's log origin and signing-key name.
    pub fn log_origin(&self) -> String {
        let pk = self.keys().verifying_key().to_bytes();
        format!("haven/{}", &crate::crypto::sha256_hex(&pk)[..16])
    }

    /// The current head as a checkpoint.
    /// Its signature is checked first: a head written in SQL without the
    /// key is never exported or adopted as the anchor.
    pub async fn current_checkpoint(&self) -> Result<Checkpoint> {
        let head = sqlx::query("SELECT seq, hash, signature, merkle FROM audit_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        let seq: i64 = head.try_get("seq")?;
        let tree = Frontier::decode(&head.try_get::<String, _>("merkle")?)
            .filter(|f| f.size() == seq as u64)
            .ok_or(StoreError::AuditBroken(ChainBreak::TreeMismatch { seq }))?;
        let hash: String = head.try_get("hash")?;
        if seq > 0
            && !self
                .keys()
                .verify_signature(&head_message(seq, &hash, &tree.root()), &head.try_get::<String, _>("signature")?)
        {
            return Err(StoreError::AuditSignature(seq));
        }
        let chain = decode32(Some(&hash)).ok_or(StoreError::AuditBroken(ChainBreak::HeadMismatch { seq }))?;
        Ok(Checkpoint { origin: self.log_origin(), size: seq as u64, root: tree.root(), chain })
    }

    /// Signs the current head as a C2SP checkpoint for keeping elsewhere,
    /// records that it was exported, and remembers it beside the key file,
    /// so that the server refuses to start on a log behind it.
    pub async fn export_checkpoint(&self) -> Result<ExportedCheckpoint> {
        let checkpoint = self.current_checkpoint().await?;
        let body = checkpoint.body();
        let origin = self.log_origin();
        let pk = self.keys().verifying_key().to_bytes();
        let sig = self.keys().sign_bytes(body.as_bytes());
        let note = tlog::signed_note(&body, &[(origin.clone(), tlog::key_hash(&origin, &pk), sig)]);
        self.write_anchor(&checkpoint)?;
        let ctx = Context { actor: "system", purpose: "audit_checkpoint", request_id: "cli" };
        self.record_event(&ctx, Action::Checkpoint, RecordKind::System, &checkpoint.size.to_string(), "exported")
            .await?;
        Ok(ExportedCheckpoint { checkpoint, note })
    }

    /// Reads a checkpoint file and checks that this installation signed it.
    pub fn read_checkpoint(&self, text: &str) -> Result<Checkpoint> {
        let (body, sigs) = tlog::open_note(text).map_err(|e| StoreError::Config(e.to_string()))?;
        let origin = self.log_origin();
        let pk = self.keys().verifying_key().to_bytes();
        let kh = tlog::key_hash(&origin, &pk);
        let ok = sigs
            .iter()
            .any(|(name, h, sig)| *name == origin && *h == kh && self.keys().verify_bytes(body.as_bytes(), sig));
        if !ok {
            return Err(StoreError::Config(tlog::NoteError::BadSignature.to_string()));
        }
        let cp = Checkpoint::parse_body(&body).map_err(|e| StoreError::Config(e.to_string()))?;
        if cp.origin != origin {
            return Err(StoreError::Config("the checkpoint is for another installation's log".into()));
        }
        Ok(cp)
    }

    fn anchor_path(&self) -> std::path::PathBuf {
        let key = self.config().key_path();
        let mut name = key.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(".anchor");
        key.with_file_name(name)
    }

    /// Remembers a checkpoint beside the key file (outside the database, so
    /// an insider with only SQL access cannot move it back). Never moves
    /// the anchor backwards.
    pub(crate) fn write_anchor(&self, cp: &Checkpoint) -> Result<()> {
        if let Some(old) = self.read_anchor()? {
            if old.size >= cp.size {
                return Ok(());
            }
        }
        let line = format!("haven-anchor 1\n{} {} {}\n", cp.size, hex::encode(cp.chain), hex::encode(cp.root));
        let text = format!("{line}mac {}\n", self.keys().anchor_mac(&line));
        let path = self.anchor_path();
        let tmp = path.with_extension("anchor-tmp");
        std::fs::write(&tmp, text)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))?;
        }
        std::fs::rename(&tmp, &path)?;
        Ok(())
    }

    fn read_anchor(&self) -> Result<Option<Checkpoint>> {
        let text = match std::fs::read_to_string(self.anchor_path()) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let bad = || StoreError::Config("the audit anchor beside the key file is damaged or was edited".into());
        let (line, mac) = text.rsplit_once("mac ").ok_or_else(bad)?;
        if !crate::crypto::ct_eq(self.keys().anchor_mac(line).as_bytes(), mac.trim().as_bytes()) {
            return Err(bad());
        }
        let fields: Vec<&str> = line.lines().nth(1).ok_or_else(bad)?.split(' ').collect();
        let [size, chain, root] = fields.as_slice() else { return Err(bad()) };
        Ok(Some(Checkpoint {
            origin: self.log_origin(),
            size: size.parse().map_err(|_| bad())?,
            chain: decode32(Some(chain)).ok_or_else(bad)?,
            root: decode32(Some(root)).ok_or_else(bad)?,
        }))
    }

    /// Records the current head as the anchor (the server does this
    /// periodically and when it stops), after checking that the log has not
    /// fallen behind the anchor kept so far.
    /// A log found behind or forked from its anchor while the server runs
    /// is also an alarm for the auditor, not only a line in the server log.
    pub async fn anchor_head(&self) -> Result<()> {
        if let Err(e) = self.check_audit_anchor().await {
            if matches!(e, StoreError::AuditBroken(_)) {
                let ctx = Context { actor: "system", purpose: "integrity", request_id: "anchor" };
                self.record_event(&ctx, Action::IntegrityAlarm, RecordKind::System, "audit_log", "chain_broken")
                    .await?;
            }
            return Err(e);
        }
        let cp = self.current_checkpoint().await?;
        self.write_anchor(&cp)
    }

    /// At every start, after the anchor check: a log with events but no
    /// anchor beside the key file means the anchor was removed (or the data
    /// was restored into a new directory), which would hide a rollback, so
    /// the auditor is told; then the current head becomes the anchor.
    pub(crate) async fn anchor_at_open(&self) -> Result<()> {
        if self.read_anchor()?.is_none() {
            let head: i64 =
                sqlx::query("SELECT seq FROM audit_head WHERE id = 1").fetch_one(&self.pool).await?.try_get("seq")?;
            if head > 0 {
                tracing::warn!("the audit anchor beside the key file is missing: recorded as an alarm");
                let ctx = Context { actor: "system", purpose: "integrity", request_id: "startup" };
                self.record_event(&ctx, Action::IntegrityAlarm, RecordKind::System, "audit_anchor", "anchor_missing")
                    .await?;
            }
        }
        match self.current_checkpoint().await {
            Ok(cp) => self.write_anchor(&cp),
            // A head that does not verify is never adopted; the store still
            // opens (and writes nothing here), so that `haven audit verify`
            // can say what is wrong.
            Err(e @ (StoreError::AuditBroken(_) | StoreError::AuditSignature(_))) => {
                tracing::error!(error = %e, "the audit head does not verify: not adopted as the anchor");
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Refuses a log that is behind, or disagrees with, the last checkpoint
    /// exported or anchored: someone rolled the database back or replaced
    /// its history. The event at the anchor's size must carry the anchored
    /// chain hash, which commits to every event before it.
    pub(crate) async fn check_audit_anchor(&self) -> Result<()> {
        let Some(anchor) = self.read_anchor()? else {
            // No anchor yet (or it was removed: `anchor_at_open` says so):
            // the whole log is checked before one is adopted.
            return self.verify_since(0, haven_core::audit::GENESIS).await;
        };
        let head: i64 =
            sqlx::query("SELECT seq FROM audit_head WHERE id = 1").fetch_one(&self.pool).await?.try_get("seq")?;
        let size = anchor.size as i64;
        if head < size {
            return Err(StoreError::AuditBroken(ChainBreak::Behind { size, head }));
        }
        if size == 0 {
            return Ok(());
        }
        let row =
            sqlx::query("SELECT hash FROM audit_events WHERE seq = $1").bind(size).fetch_optional(&self.pool).await?;
        let hash = row.map(|r| r.try_get::<String, _>("hash")).transpose()?;
        if hash.as_deref() != Some(hex::encode(anchor.chain).as_str()) {
            return Err(StoreError::AuditBroken(ChainBreak::Forked { size }));
        }
        self.verify_since(size, anchor.chain).await
    }

    /// Verifies the events after a trusted point (the anchor) up to the
    /// signed head: no event missing, none altered, each linked to the one
    /// before. Cheap, because the anchor is refreshed every few minutes; it
    /// is what makes a deleted `row_write` event (to make an earlier copy of
    /// a row look latest) an error at start and an alarm while running.
    async fn verify_since(&self, size: i64, chain: [u8; 32]) -> Result<()> {
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&self.pool).await?;
        let head_seq: i64 = head.try_get("seq")?;
        let head_hash: String = head.try_get("hash")?;
        let mut verifier = Verifier::resume(size, chain);
        let mut after = size;
        loop {
            // Up to the head as read above: a running server (or another
            // command) may append meanwhile, and an event newer than the
            // head read is for the next check, not a break in the chain.
            let rows = sqlx::query(
                "SELECT seq, at_ms, actor, action, record_kind, record_id, purpose, request_id, outcome, prev_hash, hash \
                 FROM audit_events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT 10000",
            )
            .bind(after)
            .bind(head_seq)
            .fetch_all(&self.pool)
            .await?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let stored = stored_event(r)?;
                verifier.push(&stored).map_err(StoreError::AuditBroken)?;
                after = stored.event.seq;
            }
        }
        verifier.finish(head_seq, &head_hash).map_err(StoreError::AuditBroken)?;
        Ok(())
    }

    /// Rebuilds the Merkle tree and the chained checkpoints of a log written
    /// before they existed, after verifying it as version 1 verified it (the
    /// hash chain, the signed head and the signed checkpoints). Part of the
    /// key-file conversion; a log that does not verify is not converted.
    pub(crate) async fn rebuild_audit_tree(&self, tx: &mut WriteTx) -> Result<()> {
        let head = sqlx::query("SELECT seq, hash, signature FROM audit_head WHERE id = 1").fetch_one(&mut **tx).await?;
        let head_seq: i64 = head.try_get("seq")?;
        let head_hash: String = head.try_get("hash")?;
        if head_seq > 0
            && !self
                .keys()
                .verify_signature(&checkpoint_message(head_seq, &head_hash), &head.try_get::<String, _>("signature")?)
        {
            return Err(StoreError::AuditSignature(head_seq));
        }
        let mut old = std::collections::HashMap::new();
        for r in sqlx::query("SELECT seq, hash, signature FROM audit_checkpoints").fetch_all(&mut **tx).await? {
            let seq: i64 = r.try_get("seq")?;
            let hash: String = r.try_get("hash")?;
            if !self.keys().verify_signature(&checkpoint_message(seq, &hash), &r.try_get::<String, _>("signature")?) {
                return Err(StoreError::AuditSignature(seq));
            }
            old.insert(seq, hash);
        }
        let mut verifier = Verifier::default();
        let mut tree = Frontier::default();
        let mut new_cps = Vec::new();
        let mut before = [0u8; 32];
        let mut after = 0i64;
        loop {
            let rows = sqlx::query(
                "SELECT seq, at_ms, actor, action, record_kind, record_id, purpose, request_id, outcome, prev_hash, hash \
                 FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT 10000",
            )
            .bind(after)
            .fetch_all(&mut **tx)
            .await?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let stored = stored_event(r)?;
                verifier.push(&stored).map_err(StoreError::AuditBroken)?;
                let seq = stored.event.seq;
                if old.get(&seq).is_some_and(|h| *h != stored.hash) {
                    return Err(StoreError::AuditBroken(ChainBreak::Altered { seq }));
                }
                tree.push(tlog::leaf_hash(&verifier.last().1));
                if seq % CHECKPOINT_EVERY == 0 {
                    let root = tree.root();
                    let msg = checkpoint_message_v2(seq, &stored.hash, &root, &before);
                    new_cps.push((seq, stored.hash.clone(), root, before, self.keys().sign(&msg)));
                    before = checkpoint_digest(&msg);
                }
                after = seq;
            }
        }
        verifier.finish(head_seq, &head_hash).map_err(StoreError::AuditBroken)?;
        sqlx::query("DELETE FROM audit_checkpoints").execute(&mut **tx).await?;
        for (seq, hash, root, prev, sig) in new_cps {
            sqlx::query(
                "INSERT INTO audit_checkpoints (seq, hash, at_ms, signature, root, prev) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(seq)
            .bind(hash)
            .bind(now_ms())
            .bind(sig)
            .bind(hex::encode(root))
            .bind(hex::encode(prev))
            .execute(&mut **tx)
            .await?;
        }
        let sig = self.keys().sign(&head_message(head_seq, &head_hash, &tree.root()));
        sqlx::query("UPDATE audit_head SET merkle = $1, signature = $2 WHERE id = 1")
            .bind(tree.encode())
            .bind(sig)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
