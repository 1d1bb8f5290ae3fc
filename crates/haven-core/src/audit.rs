//! The audit chain: what an event is, how it is hashed, and how a chain is
//! verified. Storage appends and reads events; the rules live here.
//!
//! Each event's hash covers the previous event's hash, so editing, deleting or
//! reordering any stored row breaks every hash after it (R27). Events carry
//! ids and codes only, never a name or any other personal data.

use sha2::{Digest, Sha256};

pub const GENESIS: [u8; 32] = [0; 32];

/// What happened. Stored as its `as_str` code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Read,
    Update,
    List,
    Search,
    Erase,
    Login,
    LoginFailed,
    Logout,
    TokenCreate,
    TokenRevoke,
    Backup,
    Restore,
    UserCreate,
    Withdraw,
    BreakGlass,
    Review,
    OverrideConsent,
    SecondFactor,
    Denied,
    /// A second administrator approved a grant (four eyes).
    Approve,
    /// An administrator unlocked an account's sign-in or second factor.
    Unlock,
    /// An account was disabled: its sessions and tokens ended.
    Disable,
    /// A row's authorisation columns failed their keyed MAC: someone edited
    /// the database without the master key. Shown to auditors.
    IntegrityAlarm,
    /// Too many wrong second-factor codes for one account. Shown to auditors.
    SecondFactorAlarm,
    /// A signed audit checkpoint was exported for keeping elsewhere.
    Checkpoint,
    /// An authorisation row was written; its `row_seq` names this event, so
    /// an earlier copy of the row put back in SQL is refused.
    RowWrite,
    /// Figures were released, through disclosure control (R23).
    Release,
    /// A package left for a partner installation (R24).
    Send,
    /// A package from a partner installation was received (R24).
    Receive,
    /// A package from a partner was refused: tampered, replayed, expired,
    /// unknown sender, or addressed to an enforcement organisation.
    Refuse,
}

impl Action {
    pub fn as_str(&self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Read => "read",
            Action::Update => "update",
            Action::List => "list",
            Action::Search => "search",
            Action::Erase => "erase",
            Action::Login => "login",
            Action::LoginFailed => "login_failed",
            Action::Logout => "logout",
            Action::TokenCreate => "token_create",
            Action::TokenRevoke => "token_revoke",
            Action::Backup => "backup",
            Action::Restore => "restore",
            Action::UserCreate => "user_create",
            Action::Withdraw => "withdraw",
            Action::BreakGlass => "break_glass",
            Action::Review => "review",
            Action::OverrideConsent => "override_consent",
            Action::SecondFactor => "second_factor",
            Action::Denied => "denied",
            Action::Approve => "approve",
            Action::Disable => "disable",
            Action::Unlock => "unlock",
            Action::IntegrityAlarm => "integrity_alarm",
            Action::SecondFactorAlarm => "second_factor_alarm",
            Action::Checkpoint => "checkpoint",
            Action::RowWrite => "row_write",
            Action::Release => "release",
            Action::Send => "send",
            Action::Receive => "receive",
            Action::Refuse => "refuse",
        }
    }
}

/// The kind of record an event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Person,
    Case,
    Note,
    User,
    Token,
    System,
    Consent,
    Grant,
    Organisation,
    Screening,
    Referral,
    /// The restricted cooperation record (R15): kept out of the per-person
    /// access log that caseworkers read, so its existence does not leak.
    Cooperation,
    /// A reviewer's decision on a screened job advertisement (R26).
    AdReview,
    /// A cross-border transfer, at either end (R24).
    Transfer,
    /// A partner installation in the exchange registry.
    Partner,
    /// A family's tracing request, at either end (R25).
    Tracing,
}

impl RecordKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            RecordKind::Person => "person",
            RecordKind::Case => "case",
            RecordKind::Note => "note",
            RecordKind::User => "user",
            RecordKind::Token => "token",
            RecordKind::System => "system",
            RecordKind::Consent => "consent",
            RecordKind::Grant => "grant",
            RecordKind::Organisation => "organisation",
            RecordKind::Screening => "screening",
            RecordKind::Referral => "referral",
            RecordKind::Cooperation => "cooperation",
            RecordKind::AdReview => "ad_review",
            RecordKind::Transfer => "transfer",
            RecordKind::Partner => "partner",
            RecordKind::Tracing => "tracing",
        }
    }
}

/// One event as stored. Text fields are the stored codes so that a chain read
/// back from any backend is verified byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub seq: i64,
    /// Milliseconds since the Unix epoch.
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub record_kind: String,
    pub record_id: String,
    pub purpose: String,
    pub request_id: String,
    pub outcome: String,
}

impl Event {
    /// The hash of this event chained onto `prev`.
    pub fn chain_hash(&self, prev: &[u8; 32]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(b"haven-audit-v1");
        h.update(prev);
        h.update(self.seq.to_be_bytes());
        h.update(self.at_ms.to_be_bytes());
        for field in [
            &self.actor,
            &self.action,
            &self.record_kind,
            &self.record_id,
            &self.purpose,
            &self.request_id,
            &self.outcome,
        ] {
            // Length-prefixed so that moving bytes between fields changes the hash.
            h.update((field.len() as u64).to_be_bytes());
            h.update(field.as_bytes());
        }
        h.finalize().into()
    }
}

/// An event with the hashes stored beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub event: Event,
    pub prev_hash: String,
    pub hash: String,
}

/// Where and why a chain stops being trustworthy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("event {found} follows event {expected_after}: an event is missing or out of order")]
    Gap { expected_after: i64, found: i64 },
    #[error("event {seq} does not link to the event before it (deleted, inserted or reordered)")]
    BrokenLink { seq: i64 },
    #[error("event {seq} was altered: its content does not match its hash")]
    Altered { seq: i64 },
    #[error("the chain ends at event {last} but the signed head is at event {head}: events were removed from the end")]
    Truncated { last: i64, head: i64 },
    #[error("the chain head at event {seq} does not match the signed head")]
    HeadMismatch { seq: i64 },
    #[error("the signed checkpoint at event {seq} is missing: checkpoints were deleted")]
    CheckpointMissing { seq: i64 },
    #[error("the checkpoint at event {seq} does not follow the one before it: checkpoints were replaced")]
    CheckpointChain { seq: i64 },
    #[error("the Merkle tree kept with the head does not match the events")]
    TreeMismatch { seq: i64 },
    #[error("the log has {head} events but a checkpoint exported earlier pins {size}: it was rolled back")]
    Behind { size: i64, head: i64 },
    #[error("the log disagrees with a checkpoint exported earlier at event {size}: its history was replaced")]
    Forked { size: i64 },
}

impl ChainBreak {
    /// The first event that cannot be trusted.
    pub fn seq(&self) -> i64 {
        match self {
            ChainBreak::Gap { found, .. } => *found,
            ChainBreak::BrokenLink { seq }
            | ChainBreak::Altered { seq }
            | ChainBreak::HeadMismatch { seq }
            | ChainBreak::CheckpointMissing { seq }
            | ChainBreak::CheckpointChain { seq }
            | ChainBreak::TreeMismatch { seq } => *seq,
            ChainBreak::Truncated { last, .. } => last + 1,
            ChainBreak::Behind { head, .. } => head + 1,
            ChainBreak::Forked { size } => *size,
        }
    }
}

/// Incremental verifier, so a chain of millions of events can be streamed.
#[derive(Debug, Clone)]
pub struct Verifier {
    last_seq: i64,
    last_hash: [u8; 32],
}

impl Default for Verifier {
    fn default() -> Self {
        Self { last_seq: 0, last_hash: GENESIS }
    }
}

impl Verifier {
    /// Continues from an event already trusted (a checkpoint or anchor):
    /// the events after it must follow on from its sequence number and
    /// chain hash.
    pub fn resume(last_seq: i64, last_hash: [u8; 32]) -> Self {
        Self { last_seq, last_hash }
    }

    pub fn push(&mut self, stored: &StoredEvent) -> Result<(), ChainBreak> {
        let seq = stored.event.seq;
        if seq != self.last_seq + 1 {
            return Err(ChainBreak::Gap { expected_after: self.last_seq, found: seq });
        }
        if stored.prev_hash != hex::encode(self.last_hash) {
            return Err(ChainBreak::BrokenLink { seq });
        }
        let computed = stored.event.chain_hash(&self.last_hash);
        if stored.hash != hex::encode(computed) {
            return Err(ChainBreak::Altered { seq });
        }
        self.last_seq = seq;
        self.last_hash = computed;
        Ok(())
    }

    /// Compares the end of the chain with the signed head the store kept.
    pub fn finish(&self, head_seq: i64, head_hash: &str) -> Result<i64, ChainBreak> {
        if self.last_seq < head_seq {
            return Err(ChainBreak::Truncated { last: self.last_seq, head: head_seq });
        }
        if self.last_seq != head_seq || hex::encode(self.last_hash) != head_hash {
            return Err(ChainBreak::HeadMismatch { seq: self.last_seq });
        }
        Ok(self.last_seq)
    }

    pub fn last(&self) -> (i64, [u8; 32]) {
        (self.last_seq, self.last_hash)
    }
}

/// What the node key signs for the head: the chain hash and the Merkle root
/// at the head. A domain of its own, so a checkpoint's signature can never
/// stand in for a head's.
pub fn head_message(seq: i64, hash: &str, root: &[u8; 32]) -> Vec<u8> {
    let mut m = b"haven-audit-head-v2".to_vec();
    m.extend_from_slice(&seq.to_be_bytes());
    m.extend_from_slice(hash.as_bytes());
    m.extend_from_slice(root);
    m
}

/// What the node key signs for a stored checkpoint: chained to the one
/// before by its digest, so one cannot be deleted or swapped unseen.
pub fn checkpoint_message_v2(seq: i64, hash: &str, root: &[u8; 32], prev: &[u8; 32]) -> Vec<u8> {
    let mut m = b"haven-audit-checkpoint-v2".to_vec();
    m.extend_from_slice(&seq.to_be_bytes());
    m.extend_from_slice(hash.as_bytes());
    m.extend_from_slice(root);
    m.extend_from_slice(prev);
    m
}

/// The digest that the next checkpoint's message includes.
pub fn checkpoint_digest(message: &[u8]) -> [u8; 32] {
    Sha256::digest(message).into()
}

/// The bytes version 1 signed for a checkpoint or head; kept to verify logs
/// written before the Merkle tree, when they are converted.
pub fn checkpoint_message(seq: i64, hash: &str) -> Vec<u8> {
    let mut m = b"haven-audit-checkpoint-v1".to_vec();
    m.extend_from_slice(&seq.to_be_bytes());
    m.extend_from_slice(hash.as_bytes());
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<StoredEvent> {
        let mut prev = GENESIS;
        (1..=n)
            .map(|seq| {
                let event = Event {
                    seq,
                    at_ms: 1_700_000_000_000 + seq,
                    actor: "u1".into(),
                    action: "read".into(),
                    record_kind: "person".into(),
                    record_id: format!("p{seq}"),
                    purpose: "case_management".into(),
                    request_id: format!("r{seq}"),
                    outcome: "ok".into(),
                };
                let hash = event.chain_hash(&prev);
                let stored = StoredEvent { event, prev_hash: hex::encode(prev), hash: hex::encode(hash) };
                prev = hash;
                stored
            })
            .collect()
    }

    fn verify(events: &[StoredEvent]) -> Result<i64, ChainBreak> {
        let mut v = Verifier::default();
        for e in events {
            v.push(e)?;
        }
        let head = chain(5).pop().unwrap();
        v.finish(head.event.seq, &head.hash)
    }

    #[test]
    fn r27_intact_chain_verifies() {
        assert_eq!(verify(&chain(5)), Ok(5));
    }

    #[test]
    fn r27_edited_event_is_detected() {
        let mut c = chain(5);
        c[2].event.actor = "someone-else".into();
        assert_eq!(verify(&c), Err(ChainBreak::Altered { seq: 3 }));
    }

    #[test]
    fn r27_deleted_event_is_detected() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(verify(&c).unwrap_err().seq(), 3);
    }

    #[test]
    fn r27_reordered_events_are_detected() {
        let mut c = chain(5);
        // Swap contents but keep seq numbers in order, as an attacker editing rows would.
        let (a, b) = (c[1].clone(), c[2].clone());
        c[1] = StoredEvent { event: Event { seq: 2, ..b.event }, ..b };
        c[2] = StoredEvent { event: Event { seq: 3, ..a.event }, ..a };
        assert!(matches!(verify(&c), Err(ChainBreak::BrokenLink { seq: 2 })));
    }

    #[test]
    fn r27_truncated_tail_is_detected() {
        let mut c = chain(5);
        c.pop();
        assert_eq!(verify(&c), Err(ChainBreak::Truncated { last: 4, head: 5 }));
    }

    #[test]
    fn moving_bytes_between_fields_changes_the_hash() {
        let a = chain(1).remove(0).event;
        let mut b = a.clone();
        b.actor = "u1r".into();
        b.action = "ead".into();
        assert_ne!(a.chain_hash(&GENESIS), b.chain_hash(&GENESIS));
    }
}
