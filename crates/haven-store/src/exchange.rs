//! Cross-border exchange between installations (R16, R17, R24, R27).
//!
//! The rules live in `haven_core::exchange`, the package construction in
//! `haven-exchange`; this module holds the rows and keeps the invariants
//! that need a transaction:
//! - **nothing leaves without consent:** a transfer package is built inside
//!   the transaction that reads the consent and checks it, from the person
//!   opened with exactly the consent's categories;
//! - **no personal data in clear headers:** the header is built here from
//!   ids, kinds, counters and times only;
//! - **a revocation destroys the remote copy:** the receiver keeps the
//!   payload under a key wrapped by a leaf of the key file's tree, and a
//!   revocation punctures that leaf before it confirms.
//!
//! Every step at either end is audited (R27); receipts and answers from the
//! partner are kept whole as evidence.

use haven_core::access::{Categories, OrgKind, Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::case::{CaseRecord, CaseStatus};
use haven_core::exchange::{self as rules, FollowUp, Purpose, Status};
use haven_core::ids::{ConsentId, OrgId, PersonId};
use haven_core::person::{PersonInput, PersonRecord};
use haven_core::ValidationError;
use haven_exchange::payload::{ConsentSummary, Extension, Message, TransferPayload};
use haven_exchange::{Fingerprint, Header, NodeKeys, NodePublic, PackageKind, SignedCard, Window};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::Context;
use crate::crypto::DataKey;
use crate::integrity::{self, select_cols, PARTNERS, PARTNER_ORGS, TRANSFERS, TRANSFER_FOLLOW_UPS};
use crate::{now_ms, require, today, Result, Store, StoreError, WriteTx};

/// How long a package may wait before the receiver refuses it as expired.
const PACKAGE_LIFETIME_MS: i64 = 14 * 24 * 3600 * 1000;

/// The backoff before the n-th retry: doubling from 30 s, at most 1 h.
pub fn retry_delay_ms(attempts: i64) -> i64 {
    let exp = attempts.clamp(0, 7) as u32;
    (30_000_i64 << exp).min(3_600_000)
}

/// A partner installation as registered here.
#[derive(Debug, Clone)]
pub struct PartnerView {
    pub fingerprint: Fingerprint,
    pub name: String,
    pub url: String,
    pub added_at_ms: i64,
    pub removed: bool,
    pub organisations: Vec<(OrgId, String)>,
}

/// One transfer as one end holds it.
#[derive(Debug, Clone)]
pub struct TransferView {
    pub id: String,
    pub outgoing: bool,
    pub partner_name: String,
    pub local_org: OrgId,
    pub remote_org_name: String,
    pub person_id: Option<PersonId>,
    pub consent_id: Option<ConsentId>,
    pub purpose: Purpose,
    pub status: Status,
    pub categories: Categories,
    pub reason: Option<String>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    /// When this side sent a revocation (read through the row's MAC).
    pub revoked_at_ms: Option<i64>,
    pub events: Vec<(Status, i64)>,
    /// What arrived, opened for the receiving organisation; `None` for the
    /// sender, and once the copy is destroyed.
    pub payload: Option<TransferPayload>,
    /// Follow-ups about the person, oldest first: sent by this end when it
    /// received the transfer, from the partner when it sent it.
    pub follow_ups: Vec<FollowUpView>,
}

/// One follow-up as this end holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpView {
    pub status: FollowUp,
    pub at_ms: i64,
    /// At the sender: when someone here marked a call for help as acted on.
    pub handled_at_ms: Option<i64>,
}

/// One package in the outbox.
#[derive(Debug, Clone)]
pub struct OutboxItem {
    pub package_id: String,
    pub partner_name: String,
    pub url: String,
    pub kind: String,
    pub transfer_id: Option<String>,
    pub bytes: Vec<u8>,
    pub attempts: i64,
    pub next_attempt_at_ms: i64,
    pub last_error: Option<String>,
    pub delivered_at_ms: Option<i64>,
}

/// How a package arrived: pushed by the partner (answers go back in the
/// same exchange) or carried as a file (answers wait in the outbox).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Push,
    File,
}

/// What receiving a package led to.
#[derive(Debug)]
pub struct Received {
    pub kind: PackageKind,
    pub transfer_id: Option<String>,
    /// A signed receipt to hand back to the sender in the same exchange.
    pub receipt: Option<Vec<u8>>,
}

struct Partner {
    fingerprint: Fingerprint,
    name: String,
    url: String,
    public: NodePublic,
    send_seq: i64,
    window: Window,
    removed: bool,
}

fn partner_ctx(fp: &str) -> String {
    format!("partner:{fp}")
}

pub(crate) fn refused(v: ValidationError) -> StoreError {
    StoreError::Invalid(v)
}

/// Each refusal of the package format as a refusal with its own code, which
/// the web layer translates; the codes are `ExchangeError::code`'s.
pub(crate) fn exchange_error(e: haven_exchange::ExchangeError) -> StoreError {
    use haven_exchange::ExchangeError as E;
    let v = match e {
        E::TooLarge { .. } => ValidationError::new("package", "package_too_large", "the package is too large"),
        E::Malformed(_) => ValidationError::new("package", "package_malformed", "the file is not a haven package"),
        E::Downgrade { .. } => ValidationError::new(
            "package",
            "package_downgrade",
            "the package uses a format version this installation refuses",
        ),
        E::WrongRecipient => ValidationError::new(
            "package",
            "package_wrong_recipient",
            "the package is addressed to another installation",
        ),
        E::UnknownSender => {
            ValidationError::new("package", "package_unknown_sender", "the sender is not a registered partner")
        }
        E::Tampered => {
            ValidationError::new("package", "package_tampered", "the package was altered or not sealed by its sender")
        }
        E::Expired => ValidationError::new("package", "package_expired", "the package has expired"),
        E::NotYetValid => {
            ValidationError::new("package", "package_not_yet_valid", "the package is dated in the future")
        }
        E::Replayed => ValidationError::new("package", "package_replayed", "the package has already been received"),
        E::TooOld => {
            ValidationError::new("package", "package_too_old", "the package is older than those still accepted")
        }
        E::CardInvalid(_) => ValidationError::new("card", "card_invalid", "the node card is not valid"),
        E::CardBadSignature => {
            ValidationError::new("card", "card_bad_signature", "the node card's signature does not verify")
        }
        E::FingerprintInvalid => {
            ValidationError::new("fingerprint", "fingerprint_invalid", "a fingerprint is 32 hexadecimal digits")
        }
        E::KeyInvalid => ValidationError::new("card", "key_invalid", "the node card holds an invalid key"),
    };
    StoreError::Invalid(v)
}

impl Store {
    /// This installation's exchange keys, derived from the master key.
    pub fn node_keys(&self) -> &NodeKeys {
        self.keys().node_keys()
    }

    /// The signed card a partner's administrator adds: our keys, address
    /// and the assistance organisations that may receive cases here. No
    /// enforcement organisation is offered (R16).
    pub async fn node_card(&self, name: &str, url: &str, issued_at: &str) -> Result<SignedCard> {
        let orgs = self.list_orgs().await?;
        let remote: std::collections::BTreeSet<String> = sqlx::query("SELECT org_id FROM partner_orgs")
            .fetch_all(self.pool())
            .await?
            .iter()
            .filter_map(|r| r.try_get("org_id").ok())
            .collect();
        let organisations = orgs
            .into_iter()
            .filter(|o| o.kind.receives_case_data() && !remote.contains(&o.id.to_string()))
            .map(|o| haven_exchange::CardOrg {
                id: o.id.to_string(),
                name: o.name,
                kind: o.kind.as_str().to_owned(),
                country: o.country,
                languages: o.languages,
            })
            .collect();
        let keys = self.node_keys();
        let public = keys.public();
        let card = haven_exchange::NodeCard {
            format: haven_exchange::FORMAT,
            name: name.to_owned(),
            url: url.to_owned(),
            signing_key: public.signing_hex(),
            encryption_key: public.encryption_hex(),
            organisations,
            issued_at: issued_at.to_owned(),
        };
        Ok(keys.sign_card(card))
    }

    async fn partner(&self, tx: &mut WriteTx, fp: &str) -> Result<Option<Partner>> {
        let sql = format!("SELECT {} FROM partners t WHERE t.fingerprint = $1", select_cols(&PARTNERS, "t", ""));
        let Some(r) = sqlx::query(&sql).bind(fp).fetch_optional(&mut **tx).await? else {
            return Ok(None);
        };
        self.check_row(&PARTNERS, &r, "").await?;
        self.partner_from_row(&r).map(Some)
    }

    fn partner_from_row(&self, r: &AnyRow) -> Result<Partner> {
        let bad = |_| StoreError::Conflict("stored partner is malformed".into());
        let fp: String = r.try_get("fingerprint")?;
        let public =
            NodePublic::from_hex(&r.try_get::<String, _>("signing_key")?, &r.try_get::<String, _>("encryption_key")?)
                .map_err(bad)?;
        let fingerprint = Fingerprint::parse(&fp).map_err(bad)?;
        // The stored fingerprint must be the keys': a row whose keys were
        // swapped fails the MAC first, this is the second lock.
        if public.fingerprint() != fingerprint {
            return Err(StoreError::Conflict("stored partner keys do not match its fingerprint".into()));
        }
        Ok(Partner {
            fingerprint,
            name: r.try_get("name")?,
            url: r.try_get("url")?,
            public,
            send_seq: r.try_get("send_seq")?,
            window: Window::decode(&r.try_get::<String, _>("recv_window")?).unwrap_or_default(),
            removed: r.try_get::<Option<i64>, _>("removed_at")?.is_some(),
        })
    }

    /// Registers a partner from its signed card, once the administrator has
    /// checked its fingerprint out of band. A card whose fingerprint is not
    /// the one they were told is refused: someone may have swapped it.
    pub async fn add_partner(&self, card_bytes: &[u8], expected: &str) -> Result<PartnerView> {
        let card = SignedCard::parse(card_bytes).map_err(exchange_error)?;
        let expected = Fingerprint::parse(expected).map_err(exchange_error)?;
        let fp = card.fingerprint().map_err(exchange_error)?;
        if fp != expected {
            return Err(refused(ValidationError::new(
                "fingerprint",
                "fingerprint_mismatch",
                "the card's fingerprint is not the one you were given: do not add it, and check with the partner",
            )));
        }
        if fp == self.node_keys().public().fingerprint() {
            return Err(refused(ValidationError::new(
                "card",
                "partner_is_self",
                "this is this installation's own card",
            )));
        }
        let public = card.public().map_err(exchange_error)?;
        let now = now_ms();
        let mut tx = self.begin().await?;
        let existing = self.partner(&mut tx, fp.as_str()).await?;
        let ctx = Context { actor: "system", purpose: "administration", request_id: "cli" };
        match existing {
            Some(p) if !p.removed => {
                return Err(StoreError::Conflict(format!("partner {} is already registered", p.name)));
            }
            Some(_) => {
                // Re-added after removal: the same keys, a fresh card.
                sqlx::query(
                    "UPDATE partners SET removed_at = NULL, name = $1, url = $2, card = $3 WHERE fingerprint = $4",
                )
                .bind(&card.card.name)
                .bind(&card.card.url)
                .bind(String::from_utf8_lossy(&card.to_bytes()).into_owned())
                .bind(fp.as_str())
                .execute(&mut *tx)
                .await?;
            }
            None => {
                let clash = sqlx::query("SELECT fingerprint FROM partners WHERE name = $1")
                    .bind(&card.card.name)
                    .fetch_optional(&mut *tx)
                    .await?;
                if clash.is_some() {
                    return Err(StoreError::Conflict("a partner with this name exists".into()));
                }
                sqlx::query(
                    "INSERT INTO partners (fingerprint, name, url, signing_key, encryption_key, card, added_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(fp.as_str())
                .bind(&card.card.name)
                .bind(&card.card.url)
                .bind(public.signing_hex())
                .bind(public.encryption_hex())
                .bind(String::from_utf8_lossy(&card.to_bytes()).into_owned())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
        }
        self.seal_row(&mut tx, &PARTNERS, fp.as_str()).await?;
        for org in &card.card.organisations {
            let Ok(kind) = OrgKind::parse(&org.kind) else { continue };
            // R16, R26: whatever the card says, an enforcement organisation
            // or a platform never becomes a place a case can be sent.
            if !kind.receives_case_data() {
                continue;
            }
            let known = sqlx::query("SELECT org_id FROM partner_orgs WHERE partner = $1 AND remote_id = $2")
                .bind(fp.as_str())
                .bind(&org.id)
                .fetch_optional(&mut *tx)
                .await?;
            if known.is_some() {
                continue;
            }
            let name = format!("{} · {}", org.name, card.card.name);
            let name = haven_core::text::clean_line("name", &name, 200)?;
            let country = org.country.as_deref().and_then(|c| haven_core::person::Country::parse(c).ok());
            let id = OrgId::from_random_bytes(crate::new_id_bytes());
            let clash = sqlx::query("SELECT id FROM organisations WHERE name = $1")
                .bind(&name)
                .fetch_optional(&mut *tx)
                .await?;
            if clash.is_some() {
                return Err(StoreError::Conflict(format!("an organisation named {name} exists here")));
            }
            sqlx::query(
                "INSERT INTO organisations (id, name, kind, country, languages, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id.to_string())
            .bind(&name)
            .bind(kind.as_str())
            .bind(country.map(|c| c.as_str().to_owned()))
            .bind(org.languages.iter().filter(|l| haven_core::person::LanguageTag::parse(l).is_ok()).cloned().collect::<Vec<_>>().join(","))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            self.seal_org_row(&mut tx, &id.to_string()).await?;
            sqlx::query("INSERT INTO partner_orgs (org_id, partner, remote_id) VALUES ($1, $2, $3)")
                .bind(id.to_string())
                .bind(fp.as_str())
                .bind(&org.id)
                .execute(&mut *tx)
                .await?;
            self.seal_row(&mut tx, &PARTNER_ORGS, &id.to_string()).await?;
        }
        self.append(&mut tx, &ctx, Action::Create, RecordKind::Partner, fp.as_str(), "ok").await?;
        tx.commit().await?;
        self.partners().await?.into_iter().find(|p| p.fingerprint == fp).ok_or(StoreError::NotFound)
    }

    /// Every registered partner, removed ones marked.
    pub async fn partners(&self) -> Result<Vec<PartnerView>> {
        let sql = format!("SELECT {}, t.added_at FROM partners t ORDER BY t.name", select_cols(&PARTNERS, "t", ""));
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            self.check_row(&PARTNERS, r, "").await?;
            let p = self.partner_from_row(r)?;
            let orgs = sqlx::query(
                "SELECT o.id, o.name FROM partner_orgs po JOIN organisations o ON o.id = po.org_id WHERE po.partner = $1 ORDER BY o.name",
            )
            .bind(p.fingerprint.as_str())
            .fetch_all(self.pool())
            .await?;
            let mut organisations = Vec::new();
            for o in orgs {
                organisations.push((o.try_get::<String, _>("id")?.parse()?, o.try_get("name")?));
            }
            out.push(PartnerView {
                fingerprint: p.fingerprint,
                name: p.name,
                url: p.url,
                added_at_ms: r.try_get("added_at")?,
                removed: p.removed,
                organisations,
            });
        }
        Ok(out)
    }

    /// Removes a partner: no package is sent to it or believed from it any
    /// more. Its organisations stay named in consents already recorded.
    pub async fn remove_partner(&self, name: &str) -> Result<()> {
        let mut tx = self.begin().await?;
        let row = sqlx::query("SELECT fingerprint FROM partners WHERE name = $1 AND removed_at IS NULL")
            .bind(name.trim())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let fp: String = row.try_get("fingerprint")?;
        self.partner(&mut tx, &fp).await?;
        // Every copy the partner holds is revoked first (R24): after the
        // removal nothing would ever ask for them again.
        let live: Vec<String> =
            sqlx::query("SELECT id FROM transfers WHERE partner = $1 AND direction = 'out' AND revoked_at IS NULL")
                .bind(&fp)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| r.try_get("id"))
                .collect::<std::result::Result<_, _>>()?;
        // A row that fails its MAC (its alarm raised) is left out; it must
        // not keep a partner trusted that an administrator is removing.
        for id in live {
            let r = match self.checked_transfer(&mut tx, &id).await {
                Ok(r) => r,
                Err(StoreError::Integrity(_)) => continue,
                Err(e) => return Err(e),
            };
            if Status::parse(&r.try_get::<String, _>("status")?)?.copy_exists_remotely() {
                self.revoke_in(&mut tx, &id, &fp).await?;
            }
        }
        // What it sent and nobody here answered can no longer be accepted
        // (nothing is believed from a removed partner): its copy goes.
        let unanswered: Vec<String> =
            sqlx::query("SELECT id FROM transfers WHERE partner = $1 AND direction = 'in' AND status = 'received'")
                .bind(&fp)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| r.try_get("id"))
                .collect::<std::result::Result<_, _>>()?;
        for id in &unanswered {
            match self.checked_transfer(&mut tx, id).await {
                Ok(_) => self.set_transfer_status(&mut tx, id, Status::Destroyed, None).await?,
                Err(StoreError::Integrity(_)) => {}
                Err(e) => return Err(e),
            }
        }
        sqlx::query("UPDATE partners SET removed_at = $1 WHERE fingerprint = $2")
            .bind(now_ms())
            .bind(&fp)
            .execute(&mut *tx)
            .await?;
        self.seal_row(&mut tx, &PARTNERS, &fp).await?;
        let ctx = Context { actor: "system", purpose: "administration", request_id: "cli" };
        self.append(&mut tx, &ctx, Action::Update, RecordKind::Partner, &fp, "removed").await?;
        tx.commit().await?;
        // After the commit, like every destruction: the key file is outside
        // the transaction.
        for id in &unanswered {
            self.destroy_copy(id).await?;
        }
        Ok(())
    }

    /// The partner an organisation belongs to, if it is remote (MAC checked).
    pub(crate) async fn remote_of(&self, tx: &mut WriteTx, org: OrgId) -> Result<Option<(String, String)>> {
        let sql = format!("SELECT {} FROM partner_orgs t WHERE t.org_id = $1", select_cols(&PARTNER_ORGS, "t", ""));
        let Some(r) = sqlx::query(&sql).bind(org.to_string()).fetch_optional(&mut **tx).await? else {
            return Ok(None);
        };
        self.check_row(&PARTNER_ORGS, &r, "").await?;
        Ok(Some((r.try_get("partner")?, r.try_get("remote_id")?)))
    }

    /// Whether an organisation is a partner's (for lists and pickers).
    pub async fn remote_orgs(&self) -> Result<std::collections::BTreeMap<OrgId, String>> {
        let rows =
            sqlx::query("SELECT po.org_id, p.name FROM partner_orgs po JOIN partners p ON p.fingerprint = po.partner")
                .fetch_all(self.pool())
                .await?;
        let mut out = std::collections::BTreeMap::new();
        for r in rows {
            out.insert(r.try_get::<String, _>("org_id")?.parse()?, r.try_get("name")?);
        }
        Ok(out)
    }

    /// Takes the next sequence number for a partner, resealing its row.
    async fn next_seq(&self, tx: &mut WriteTx, p: &Partner) -> Result<u64> {
        let seq = p.send_seq + 1;
        sqlx::query("UPDATE partners SET send_seq = $1 WHERE fingerprint = $2")
            .bind(seq)
            .bind(p.fingerprint.as_str())
            .execute(&mut **tx)
            .await?;
        self.seal_row(tx, &PARTNERS, p.fingerprint.as_str()).await?;
        u64::try_from(seq).map_err(|_| StoreError::Conflict("sequence overflow".into()))
    }

    /// A partner's fingerprint and keys, if registered and not removed.
    pub(crate) async fn partner_public(&self, fp: &str) -> Result<Option<(Fingerprint, NodePublic)>> {
        Ok(self.partner_read(fp).await?.filter(|p| !p.removed).map(|p| (p.fingerprint, p.public)))
    }

    /// [`Store::queue`] for the other modules of the store.
    pub(crate) async fn queue_package(
        &self,
        tx: &mut WriteTx,
        partner_fp: &str,
        kind: PackageKind,
        transfer_id: Option<&str>,
        body: &[u8],
    ) -> Result<(String, Vec<u8>)> {
        self.queue(tx, partner_fp, kind, transfer_id, body).await
    }

    /// Seals a package to a partner and puts it in the outbox, inside `tx`.
    async fn queue(
        &self,
        tx: &mut WriteTx,
        partner_fp: &str,
        kind: PackageKind,
        transfer_id: Option<&str>,
        body: &[u8],
    ) -> Result<(String, Vec<u8>)> {
        let p = self.partner(tx, partner_fp).await?.ok_or(StoreError::NotFound)?;
        // A removed partner is sent nothing more, except the revocations of
        // what it already holds: removing it must not leave copies behind.
        if p.removed && kind != PackageKind::Revocation {
            return Err(refused(ValidationError::new("partner", "partner_removed", "this partner has been removed")));
        }
        let sequence = self.next_seq(tx, &p).await?;
        let keys = self.node_keys();
        let now = now_ms();
        let package_id = crate::access::uuid_string();
        let header = Header {
            format: haven_exchange::FORMAT,
            id: package_id.clone(),
            kind,
            sender: keys.public().fingerprint(),
            recipient: p.fingerprint.clone(),
            sequence,
            created_ms: now,
            expires_ms: now + PACKAGE_LIFETIME_MS,
        };
        let bytes =
            haven_exchange::seal(keys, &p.public, &header, body, &mut rand::rngs::OsRng).map_err(exchange_error)?;
        sqlx::query(
            "INSERT INTO exchange_outbox (package_id, partner, transfer_id, kind, bytes, created_at, next_attempt_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(&package_id)
        .bind(p.fingerprint.as_str())
        .bind(transfer_id)
        .bind(kind.as_str())
        .bind(&bytes)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        let ctx_actor = partner_ctx(p.fingerprint.as_str());
        let ctx = Context { actor: &ctx_actor, purpose: "exchange", request_id: &package_id };
        self.append(tx, &ctx, Action::Send, RecordKind::Transfer, transfer_id.unwrap_or(&package_id), kind.as_str())
            .await?;
        Ok((package_id, bytes))
    }

    async fn add_transfer_event(
        &self,
        tx: &mut WriteTx,
        id: &str,
        status: Status,
        package: Option<&str>,
    ) -> Result<()> {
        sqlx::query("INSERT INTO transfer_events (transfer_id, status, package_id, at) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(status.as_str())
            .bind(package)
            .bind(now_ms())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    async fn set_transfer_status(
        &self,
        tx: &mut WriteTx,
        id: &str,
        status: Status,
        package: Option<&str>,
    ) -> Result<()> {
        sqlx::query("UPDATE transfers SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status.as_str())
            .bind(now_ms())
            .bind(id)
            .execute(&mut **tx)
            .await?;
        self.seal_row(tx, &TRANSFERS, id).await?;
        self.add_transfer_event(tx, id, status, package).await
    }

    /// Proposes a transfer of a person in the caller's reach to an
    /// organisation on a partner installation, and queues the package.
    /// `consent_id` is `None` when the caller named no consent that could
    /// exist: refused exactly as a consent that is not there.
    pub async fn propose_transfer(
        &self,
        scope: &Scope,
        person: PersonId,
        recipient: OrgId,
        consent_id: Option<ConsentId>,
        purpose: &str,
    ) -> Result<String> {
        require(scope, Permission::WriteCase)?;
        let purpose = Purpose::parse(purpose)?;
        let person_s = person.to_string();
        let mut tx = self.begin().await?;
        let dek = self.owned_person_key(&mut tx, scope, &person_s).await?;
        let kind = self.org_kind(recipient).await.map_err(|e| match e {
            StoreError::NotFound => {
                ValidationError::new("recipient_org_id", "unknown_org", "no such organisation").into()
            }
            e => e,
        })?;
        let remote = self.remote_of(&mut tx, recipient).await?;
        let consent = match consent_id {
            Some(c) => self.transfer_consent(&mut tx, scope, &person_s, &c.to_string(), &dek).await?,
            None => None,
        };
        let categories =
            rules::check_proposal(recipient, kind, remote.is_some(), consent.as_ref().map(|c| &c.consent), today())?;
        let Some((partner_fp, remote_id)) = remote else {
            return Err(StoreError::NotFound);
        };
        let consent = consent.ok_or(StoreError::NotFound)?;
        // One live transfer of a person to one organisation: a second would
        // open a second file there for the same person.
        let live = sqlx::query(
            "SELECT id FROM transfers WHERE person_id = $1 AND remote_org_id = $2 AND direction = 'out' \
             AND status IN ('queued', 'delivered', 'accepted')",
        )
        .bind(&person_s)
        .bind(recipient.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        if live.is_some() {
            return Err(ValidationError::new(
                "recipient_org_id",
                "transfer_already_sent",
                "this person has already been transferred to this organisation",
            )
            .into());
        }
        // The person opened with exactly what the consent covers: nothing
        // else is in memory when the payload is built (R24).
        let record = self.open_person_for(&mut tx, &person_s, &dek, categories).await?;
        let id = crate::access::uuid_string();
        let from_name = self.org_name(scope.org()).await?;
        let payload = build_payload(&id, scope.org(), &from_name, &remote_id, purpose, &consent, &record, categories);
        let body = payload.to_bytes().map_err(exchange_error)?;
        let now = now_ms();
        let remote_name = self.org_name(recipient).await?;
        sqlx::query(
            "INSERT INTO transfers (id, direction, partner, local_org_id, remote_org_id, remote_org_name, person_id, consent_id, \
             purpose, status, categories, created_by, created_at, updated_at) \
             VALUES ($1, 'out', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
        )
        .bind(&id)
        .bind(&partner_fp)
        .bind(scope.org().to_string())
        .bind(recipient.to_string())
        .bind(&remote_name)
        .bind(&person_s)
        .bind(consent.id.to_string())
        .bind(purpose.as_str())
        .bind(Status::Queued.as_str())
        .bind(categories.encode())
        .bind(scope.actor().to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        self.seal_row(&mut tx, &TRANSFERS, &id).await?;
        let (package_id, _) = self.queue(&mut tx, &partner_fp, PackageKind::Transfer, Some(&id), &body).await?;
        self.add_transfer_event(&mut tx, &id, Status::Queued, Some(&package_id)).await?;
        self.append_scoped(&mut tx, scope, Action::Create, RecordKind::Transfer, &id, "queued").await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The consent a transfer names, if it is this person's, recorded here
    /// and unaltered (MAC checked).
    async fn transfer_consent(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        person: &str,
        consent_id: &str,
        dek: &DataKey,
    ) -> Result<Option<crate::access::ConsentView>> {
        let sql = format!(
            "SELECT {}, t.explained_by, t.language, t.interpreter, t.recorded_at, o.name AS recipient_name \
             FROM consents t JOIN organisations o ON o.id = t.recipient_org_id \
             WHERE t.id = $1 AND t.person_id = $2 AND t.org_id = $3",
            select_cols(&integrity::CONSENTS, "t", "")
        );
        let Some(r) = sqlx::query(&sql)
            .bind(consent_id.trim())
            .bind(person)
            .bind(scope.org().to_string())
            .fetch_optional(&mut **tx)
            .await?
        else {
            return Ok(None);
        };
        self.check_row(&integrity::CONSENTS, &r, "").await?;
        crate::access::consent_from_row(self.keys(), &r, Some(dek)).map(Some)
    }

    async fn open_person_for(
        &self,
        tx: &mut WriteTx,
        person: &str,
        dek: &DataKey,
        cats: Categories,
    ) -> Result<PersonRecord> {
        let row = sqlx::query("SELECT * FROM persons WHERE id = $1").bind(person).fetch_one(&mut **tx).await?;
        crate::persons::open_person(self.keys(), dek, person, &row, cats)
    }

    /// One transfer, for the organisation at this end of it.
    pub async fn get_transfer(&self, scope: &Scope, id: &str) -> Result<TransferView> {
        require(scope, Permission::ReadCase)?;
        let mut tx = self.begin().await?;
        let v = self.transfer_in(&mut tx, scope, id).await?;
        self.append_scoped(&mut tx, scope, Action::Read, RecordKind::Transfer, id, "ok").await?;
        tx.commit().await?;
        Ok(v)
    }

    /// One transfer at this end. Need to know: a view shows what arrived only
    /// as far as identity (who it is, to decide who takes it up); the rest
    /// the consent covers opens in the person's file once someone accepts,
    /// under the file's own reach rules. `whole` is for accepting.
    async fn transfer_in(&self, tx: &mut WriteTx, scope: &Scope, id: &str) -> Result<TransferView> {
        self.transfer_at(tx, scope, id, false).await
    }

    async fn transfer_at(&self, tx: &mut WriteTx, scope: &Scope, id: &str, whole: bool) -> Result<TransferView> {
        let sql = format!(
            "SELECT {}, t.remote_org_name, t.purpose, t.payload, t.payload_key, t.reason, t.created_at, t.updated_at, \
             p.name AS partner_name FROM transfers t JOIN partners p ON p.fingerprint = t.partner \
             WHERE t.id = $1 AND t.local_org_id = $2",
            select_cols(&TRANSFERS, "t", "")
        );
        let r = sqlx::query(&sql)
            .bind(id.trim())
            .bind(scope.org().to_string())
            .fetch_optional(&mut **tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        self.check_row(&TRANSFERS, &r, "").await?;
        let outgoing = r.try_get::<String, _>("direction")? == "out";
        let person_id: Option<String> = r.try_get("person_id")?;
        // The sender sees its transfers only for people in its reach; once
        // the person is erased the transfer (which names nobody) stays
        // visible, since its revocation may still wait for confirmation.
        // The receiver, once it accepted, only for the person it made, in
        // the caller's reach like any other file.
        match (outgoing, person_id.as_deref()) {
            (true, None) => return Err(StoreError::NotFound),
            (_, Some(p)) => match self.reachable_person_key(tx, scope, p).await {
                Ok(_) => {}
                Err(StoreError::Erased) => {}
                Err(e) => return Err(e),
            },
            (false, None) => {}
        }
        let events = sqlx::query("SELECT status, at FROM transfer_events WHERE transfer_id = $1 ORDER BY at, status")
            .bind(id.trim())
            .fetch_all(&mut **tx)
            .await?
            .iter()
            .filter_map(|e| Some((Status::parse(&e.try_get::<String, _>("status").ok()?).ok()?, e.try_get("at").ok()?)))
            .collect();
        let sql = format!(
            "SELECT {} FROM transfer_follow_ups t WHERE t.transfer_id = $1 ORDER BY t.at, t.id",
            select_cols(&TRANSFER_FOLLOW_UPS, "t", "")
        );
        let mut follow_ups = Vec::new();
        for f in sqlx::query(&sql).bind(id.trim()).fetch_all(&mut **tx).await? {
            self.check_row(&TRANSFER_FOLLOW_UPS, &f, "").await?;
            follow_ups.push(FollowUpView {
                status: FollowUp::parse(&f.try_get::<String, _>("status")?)?,
                at_ms: f.try_get("at")?,
                handled_at_ms: f.try_get("handled_at")?,
            });
        }
        let payload = if outgoing { None } else { self.open_payload(id.trim(), &r)? };
        let payload = match payload {
            Some(mut p) if !whole => {
                p.contact = None;
                p.haven.location = None;
                p.haven.notes = None;
                Some(p)
            }
            p => p,
        };
        let reason = match r.try_get::<Option<Vec<u8>>, _>("reason")? {
            Some(sealed) => Some(
                String::from_utf8_lossy(&self.keys().open_secret(&format!("transfer-reason\0{id}"), &sealed)?)
                    .into_owned(),
            ),
            None => None,
        };
        Ok(TransferView {
            id: r.try_get("id")?,
            outgoing,
            partner_name: r.try_get("partner_name")?,
            local_org: r.try_get::<String, _>("local_org_id")?.parse()?,
            remote_org_name: r.try_get("remote_org_name")?,
            person_id: person_id.map(|p| p.parse()).transpose()?,
            consent_id: r.try_get::<Option<String>, _>("consent_id")?.map(|c| c.parse()).transpose()?,
            purpose: Purpose::parse(&r.try_get::<String, _>("purpose")?)?,
            status: Status::parse(&r.try_get::<String, _>("status")?)?,
            categories: Categories::parse_list(&r.try_get::<String, _>("categories")?)?,
            reason,
            created_at_ms: r.try_get("created_at")?,
            updated_at_ms: r.try_get("updated_at")?,
            revoked_at_ms: r.try_get("revoked_at")?,
            events,
            payload,
            follow_ups,
        })
    }

    fn open_payload(&self, id: &str, r: &AnyRow) -> Result<Option<TransferPayload>> {
        let (Some(wrapped), Some(sealed)) =
            (r.try_get::<Option<Vec<u8>>, _>("payload_key")?, r.try_get::<Option<Vec<u8>>, _>("payload")?)
        else {
            return Ok(None);
        };
        let dek = match self.keys().unwrap(&transfer_leaf(id), &wrapped) {
            Ok(k) => k,
            Err(StoreError::Erased) => return Ok(None),
            Err(e) => return Err(e),
        };
        let json = dek.open(id, "payload", &sealed)?;
        TransferPayload::parse(json.as_bytes()).map(Some).map_err(exchange_error)
    }

    /// A person's transfers in both directions: those this organisation
    /// sent, and the one their file here was opened from (where its
    /// follow-ups are sent).
    pub async fn transfers_for_person(&self, scope: &Scope, person: PersonId) -> Result<Vec<TransferView>> {
        self.list_transfers(scope, "", Some(person)).await
    }

    /// Transfers the caller's organisation sent, for people in the caller's reach.
    pub async fn outgoing_transfers(&self, scope: &Scope) -> Result<Vec<TransferView>> {
        self.list_transfers(scope, "out", None).await
    }

    /// Transfers that arrived for the caller's organisation.
    pub async fn incoming_transfers(&self, scope: &Scope) -> Result<Vec<TransferView>> {
        self.list_transfers(scope, "in", None).await
    }

    /// One organisation's transfers in one direction, newest first, each
    /// read through [`Store::transfer_in`] (so the MAC and, for the sender,
    /// the person's reach decide), and each listed one audited.
    async fn list_transfers(
        &self,
        scope: &Scope,
        direction: &str,
        person: Option<PersonId>,
    ) -> Result<Vec<TransferView>> {
        require(scope, Permission::ReadCase)?;
        let ids = sqlx::query(
            "SELECT id FROM transfers WHERE local_org_id = $1 AND ($2 = '' OR direction = $2) AND ($3 = '' OR person_id = $3) \
             ORDER BY created_at DESC LIMIT 500",
        )
        .bind(scope.org().to_string())
        .bind(direction)
        .bind(person.map(|p| p.to_string()).unwrap_or_default())
        .fetch_all(self.pool())
        .await?;
        let mut tx = self.begin().await?;
        let mut out = Vec::new();
        for r in ids {
            let id: String = r.try_get("id")?;
            match self.transfer_in(&mut tx, scope, &id).await {
                Ok(v) => out.push(v),
                // Out of the caller's reach, or erased: not listed. A row
                // that fails its MAC has raised its alarm; the rest of the
                // list (and the task list built on it) still works.
                Err(StoreError::NotFound) | Err(StoreError::Erased) | Err(StoreError::Integrity(_)) => {}
                Err(e) => return Err(e),
            }
        }
        let refs: Vec<&str> = out.iter().map(|t| t.id.as_str()).collect();
        if !refs.is_empty() {
            self.append_many_scoped(&mut tx, scope, Action::List, RecordKind::Transfer, &refs).await?;
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Accepts an incoming transfer: the person and an open case assigned to
    /// the caller are created here, holding only what arrived, and the
    /// sender is told.
    /// `scope` is the caller's for case work, `person_scope` the same
    /// caller's for writing people: accepting does both.
    pub async fn accept_transfer(&self, scope: &Scope, person_scope: &Scope, id: &str) -> Result<PersonId> {
        require(scope, Permission::WriteCase)?;
        require(person_scope, Permission::WritePerson)?;
        if person_scope.actor() != scope.actor() || person_scope.org() != scope.org() {
            return Err(StoreError::Denied);
        }
        let mut tx = self.begin().await?;
        let t = self.transfer_at(&mut tx, scope, id, true).await?;
        if t.outgoing || !t.status.awaits_answer() {
            return Err(refused(ValidationError::new(
                "transfer",
                "transfer_not_awaiting_answer",
                "this transfer is not waiting for an answer",
            )));
        }
        if !rules::may_receive(self.org_kind(scope.org()).await?) {
            return Err(StoreError::Denied);
        }
        let p = t.payload.as_ref().ok_or(StoreError::Erased)?;
        let record = PersonRecord::parse(&person_input(p), today())?;
        let person = self
            .insert_persons(&mut tx, person_scope, std::slice::from_ref(&record))
            .await?
            .into_iter()
            .next()
            .ok_or(StoreError::NotFound)?;
        let case = CaseRecord {
            status: CaseStatus::Open,
            opened_on: today(),
            closed_on: None,
            assigned_to: Some(scope.actor()),
        };
        self.insert_case(&mut tx, scope, person, &case).await?;
        sqlx::query("UPDATE transfers SET person_id = $1, handled_by = $2 WHERE id = $3")
            .bind(person.to_string())
            .bind(scope.actor().to_string())
            .bind(&t.id)
            .execute(&mut *tx)
            .await?;
        self.seal_row(&mut tx, &TRANSFERS, &t.id).await?;
        let fp = self.transfer_partner(&mut tx, &t.id).await?;
        let body =
            Message { transfer_id: t.id.clone(), reason: None, status: None }.to_bytes().map_err(exchange_error)?;
        let (package, _) = self.queue(&mut tx, &fp, PackageKind::Accept, Some(&t.id), &body).await?;
        self.set_transfer_status(&mut tx, &t.id, Status::Accepted, Some(&package)).await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Transfer, &t.id, "accepted").await?;
        tx.commit().await?;
        Ok(person)
    }

    /// Declines an incoming transfer with a reason the sender is told; the
    /// copy that arrived is destroyed, since nobody here will work with it.
    pub async fn decline_transfer(&self, scope: &Scope, id: &str, reason: &str) -> Result<()> {
        require(scope, Permission::WriteCase)?;
        let reason = haven_core::text::clean_text("reason", reason, 2000)?;
        if reason.trim().is_empty() {
            return Err(ValidationError::new("reason", "required", "a written reason is required").into());
        }
        let mut tx = self.begin().await?;
        let t = self.transfer_in(&mut tx, scope, id).await?;
        if t.outgoing || !t.status.awaits_answer() {
            return Err(refused(ValidationError::new(
                "transfer",
                "transfer_not_awaiting_answer",
                "this transfer is not waiting for an answer",
            )));
        }
        let fp = self.transfer_partner(&mut tx, &t.id).await?;
        let body = Message { transfer_id: t.id.clone(), reason: Some(reason.clone()), status: None }
            .to_bytes()
            .map_err(exchange_error)?;
        let (package, _) = self.queue(&mut tx, &fp, PackageKind::Decline, Some(&t.id), &body).await?;
        let sealed = self.keys().seal_secret(&format!("transfer-reason\0{}", t.id), reason.as_bytes())?;
        sqlx::query("UPDATE transfers SET reason = $1, handled_by = $2 WHERE id = $3")
            .bind(sealed)
            .bind(scope.actor().to_string())
            .bind(&t.id)
            .execute(&mut *tx)
            .await?;
        self.set_transfer_status(&mut tx, &t.id, Status::Declined, Some(&package)).await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Transfer, &t.id, "declined").await?;
        tx.commit().await?;
        // After the commit: the key file is outside the transaction, and a
        // declined copy is destroyed even if this step is retried.
        self.destroy_copy(&t.id).await
    }

    /// Tells the sender of a transfer this organisation accepted how the
    /// person is doing: a status word, under the consent that carried the
    /// transfer (R24), audited here and on arrival there (R27).
    pub async fn send_follow_up(&self, scope: &Scope, id: &str, status: &str) -> Result<()> {
        require(scope, Permission::WriteCase)?;
        let status = FollowUp::parse(status)?;
        let mut tx = self.begin().await?;
        let t = self.transfer_in(&mut tx, scope, id).await?;
        let expires = t.payload.as_ref().and_then(|p| haven_core::person::parse_date(&p.consent.expires_on));
        rules::check_follow_up(t.outgoing, t.status, expires, today())?;
        let fp = self.transfer_partner(&mut tx, &t.id).await?;
        let body = Message { transfer_id: t.id.clone(), reason: None, status: Some(status.as_str().to_owned()) }
            .to_bytes()
            .map_err(exchange_error)?;
        let (package, _) = self.queue(&mut tx, &fp, PackageKind::FollowUp, Some(&t.id), &body).await?;
        self.insert_follow_up(&mut tx, &t.id, status, &package, Some(&scope.actor().to_string()), now_ms()).await?;
        self.append_scoped(
            &mut tx,
            scope,
            Action::Update,
            RecordKind::Transfer,
            &t.id,
            &format!("follow_up:{}", status.as_str()),
        )
        .await?;
        tx.commit().await
    }

    /// Marks the partner's newest call for help about a transfer this
    /// organisation sent as acted on, by the caller (audited): the task
    /// list then stops flagging it. Only the newest, only "needs help",
    /// only once.
    pub async fn handle_follow_up(&self, scope: &Scope, id: &str) -> Result<()> {
        require(scope, Permission::WriteCase)?;
        let mut tx = self.begin().await?;
        let t = self.transfer_in(&mut tx, scope, id).await?;
        let open = t.outgoing
            && t.follow_ups.last().is_some_and(|f| f.status == FollowUp::NeedsHelp && f.handled_at_ms.is_none());
        if !open {
            return Err(refused(ValidationError::new(
                "transfer",
                "follow_up_not_open",
                "there is no call for help on this transfer waiting for someone to act",
            )));
        }
        let latest: String =
            sqlx::query("SELECT id FROM transfer_follow_ups WHERE transfer_id = $1 ORDER BY at DESC, id DESC")
                .bind(&t.id)
                .fetch_one(&mut *tx)
                .await?
                .try_get("id")?;
        sqlx::query("UPDATE transfer_follow_ups SET handled_by = $1, handled_at = $2 WHERE id = $3")
            .bind(scope.actor().to_string())
            .bind(now_ms())
            .bind(&latest)
            .execute(&mut *tx)
            .await?;
        self.seal_row(&mut tx, &TRANSFER_FOLLOW_UPS, &latest).await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Transfer, &t.id, "follow_up_handled").await?;
        tx.commit().await
    }

    async fn insert_follow_up(
        &self,
        tx: &mut WriteTx,
        transfer: &str,
        status: FollowUp,
        package: &str,
        by: Option<&str>,
        at_ms: i64,
    ) -> Result<()> {
        let id = crate::access::uuid_string();
        sqlx::query(
            "INSERT INTO transfer_follow_ups (id, transfer_id, status, package_id, recorded_by, at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(transfer)
        .bind(status.as_str())
        .bind(package)
        .bind(by)
        .bind(at_ms)
        .execute(&mut **tx)
        .await?;
        self.seal_row(tx, &TRANSFER_FOLLOW_UPS, &id).await
    }

    async fn transfer_partner(&self, tx: &mut WriteTx, id: &str) -> Result<String> {
        Ok(self.checked_transfer(tx, id).await?.try_get("partner")?)
    }

    /// Destroys the payload of an incoming transfer by puncturing its key's
    /// leaf in the key file, then clears the columns.
    async fn destroy_copy(&self, id: &str) -> Result<()> {
        self.keys().erase(&transfer_leaf(id), now_ms())?;
        sqlx::query("UPDATE transfers SET payload = NULL, payload_key = NULL WHERE id = $1 AND direction = 'in'")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Sends a revocation for every outgoing transfer whose consent no
    /// longer covers it (withdrawn, expired, or the person erased), once.
    /// Each transfer is handled on its own: one that cannot be revoked now
    /// (an unreadable row, a store error) is logged and retried at the next
    /// pass, and never holds back the others. Returns how many were revoked.
    pub async fn revoke_uncovered_transfers(&self) -> Result<usize> {
        let ids: Vec<String> = sqlx::query("SELECT id FROM transfers WHERE direction = 'out' AND revoked_at IS NULL")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| r.try_get("id"))
            .collect::<std::result::Result<_, _>>()?;
        let mut n = 0;
        for id in ids {
            match self.revoke_if_uncovered(&id).await {
                Ok(true) => n += 1,
                Ok(false) => {}
                Err(e) => {
                    tracing::error!(transfer = %id, error = %e, "transfer revocation not sent; retried at the next pass")
                }
            }
        }
        Ok(n + self.requeue_lost_revocations().await?)
    }

    /// Queues the revocation again for every revoked transfer whose
    /// revocation package is gone from the outbox (haven keeps delivered
    /// rows, so only an edit in SQL removes one): the receiver must still be
    /// told to destroy its copy. Returns how many were queued again.
    pub async fn requeue_lost_revocations(&self) -> Result<usize> {
        let ids: Vec<String> = sqlx::query(
            "SELECT t.id FROM transfers t WHERE t.direction = 'out' AND t.status = 'revoked' \
             AND NOT EXISTS (SELECT 1 FROM exchange_outbox o WHERE o.transfer_id = t.id AND o.kind = 'revocation')",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<std::result::Result<_, _>>()?;
        let mut n = 0;
        // Each on its own: one row that fails its MAC (its alarm raised)
        // must not hold back the others.
        for id in ids {
            match self.requeue_revocation(&id).await {
                Ok(true) => n += 1,
                Ok(false) => {}
                Err(e) => tracing::error!(transfer = %id, error = %e, "lost revocation not queued again"),
            }
        }
        Ok(n)
    }

    async fn requeue_revocation(&self, id: &str) -> Result<bool> {
        let mut tx = self.begin().await?;
        // Through the MAC: only a transfer this installation revoked.
        let r = self.checked_transfer(&mut tx, id).await?;
        if Status::parse(&r.try_get::<String, _>("status")?)? != Status::Revoked {
            return Ok(false);
        }
        let partner: String = r.try_get("partner")?;
        let body =
            Message { transfer_id: id.to_owned(), reason: None, status: None }.to_bytes().map_err(exchange_error)?;
        self.queue(&mut tx, &partner, PackageKind::Revocation, Some(id), &body).await?;
        let ctx = Context { actor: "system", purpose: "integrity", request_id: "" };
        self.append(&mut tx, &ctx, Action::IntegrityAlarm, RecordKind::Transfer, id, "revocation_requeued").await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn revoke_if_uncovered(&self, id: &str) -> Result<bool> {
        let mut tx = self.begin().await?;
        // Read through the MAC: which transfers are live, and on which
        // consent, is never taken from a row edited in SQL.
        let r = self.checked_transfer(&mut tx, id).await?;
        let status = Status::parse(&r.try_get::<String, _>("status")?)?;
        if !status.copy_exists_remotely() || r.try_get::<Option<i64>, _>("revoked_at")?.is_some() {
            return Ok(false);
        }
        let consent_id: Option<String> = r.try_get("consent_id")?;
        let recipient: OrgId = r.try_get::<String, _>("remote_org_id")?.parse()?;
        let covered = match consent_id {
            // A consent that cannot be read (the person was erased, or the
            // row fails its check) covers nothing.
            Some(c) => {
                matches!(self.consent_by_id(&c).await, Ok(Some(c)) if rules::still_covered(&c, recipient, today()))
            }
            None => false,
        };
        if covered {
            return Ok(false);
        }
        self.revoke_in(&mut tx, id, &r.try_get::<String, _>("partner")?).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Revokes one transfer inside `tx`: a package still waiting in the
    /// outbox is withdrawn from it (nothing more leaves), and a revocation
    /// goes to the partner in any case, since the transfer may already be
    /// on its way.
    async fn revoke_in(&self, tx: &mut WriteTx, id: &str, partner: &str) -> Result<()> {
        sqlx::query(
            "DELETE FROM exchange_outbox WHERE transfer_id = $1 AND kind = 'transfer' AND delivered_at IS NULL",
        )
        .bind(id)
        .execute(&mut **tx)
        .await?;
        let body =
            Message { transfer_id: id.to_owned(), reason: None, status: None }.to_bytes().map_err(exchange_error)?;
        let (package, _) = self.queue(tx, partner, PackageKind::Revocation, Some(id), &body).await?;
        sqlx::query("UPDATE transfers SET revoked_at = $1 WHERE id = $2")
            .bind(now_ms())
            .bind(id)
            .execute(&mut **tx)
            .await?;
        self.set_transfer_status(tx, id, Status::Revoked, Some(&package)).await
    }

    /// Destroys what arrived in the transfers a person's file here was
    /// opened from, when that person is erased (R28): the leaf of each
    /// payload's key is punctured first, so no backup opens it either, then
    /// the columns are cleared.
    pub(crate) async fn destroy_incoming_copies_of(&self, person: &str) -> Result<()> {
        let ids: Vec<String> = sqlx::query(
            "SELECT id FROM transfers WHERE person_id = $1 AND direction = 'in' AND payload_key IS NOT NULL",
        )
        .bind(person)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<std::result::Result<_, _>>()?;
        for id in &ids {
            self.destroy_copy(id).await?;
        }
        Ok(())
    }

    /// A transfer row, refused with an integrity alarm if its MAC fails.
    async fn checked_transfer(&self, tx: &mut WriteTx, id: &str) -> Result<AnyRow> {
        let sql = format!("SELECT {} FROM transfers t WHERE t.id = $1", select_cols(&TRANSFERS, "t", ""));
        let r = sqlx::query(&sql).bind(id).fetch_optional(&mut **tx).await?.ok_or(StoreError::NotFound)?;
        self.check_row(&TRANSFERS, &r, "").await?;
        Ok(r)
    }

    async fn consent_by_id(&self, id: &str) -> Result<Option<haven_core::consent::Consent>> {
        let sql = format!(
            "SELECT {}, t.explained_by, t.language, t.interpreter, t.recorded_at, o.name AS recipient_name \
             FROM consents t JOIN organisations o ON o.id = t.recipient_org_id WHERE t.id = $1",
            select_cols(&integrity::CONSENTS, "t", "")
        );
        let Some(r) = sqlx::query(&sql).bind(id).fetch_optional(self.pool()).await? else { return Ok(None) };
        self.check_row(&integrity::CONSENTS, &r, "").await?;
        Ok(Some(crate::access::consent_from_row(self.keys(), &r, None)?.consent))
    }

    /// The outbox, newest first (for the administrator's view).
    pub async fn outbox(&self, limit: i64) -> Result<Vec<OutboxItem>> {
        let rows = sqlx::query(
            "SELECT o.*, p.name AS partner_name, p.url FROM exchange_outbox o JOIN partners p ON p.fingerprint = o.partner \
             ORDER BY o.created_at DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(outbox_item).collect()
    }

    /// Packages due for delivery now, to partners not removed.
    /// One transfer's packages leave in the order they were made: a
    /// follow-up never overtakes the accept waiting out its backoff, which
    /// the partner would otherwise have to drop as about a case not taken up.
    pub async fn outbox_due(&self, limit: i64) -> Result<Vec<OutboxItem>> {
        let rows = sqlx::query(
            "SELECT o.*, p.name AS partner_name, p.url FROM exchange_outbox o JOIN partners p ON p.fingerprint = o.partner \
             WHERE o.delivered_at IS NULL AND o.next_attempt_at <= $1 AND (p.removed_at IS NULL OR o.kind = 'revocation') \
             AND NOT EXISTS (SELECT 1 FROM exchange_outbox e WHERE e.transfer_id = o.transfer_id \
                 AND e.delivered_at IS NULL AND e.created_at < o.created_at) \
             ORDER BY o.created_at LIMIT $2",
        )
        .bind(now_ms())
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(outbox_item).collect()
    }

    /// Records a failed delivery and when to try again.
    pub async fn outbox_failed(&self, package_id: &str, error: &str) -> Result<()> {
        let row = sqlx::query("SELECT attempts FROM exchange_outbox WHERE package_id = $1")
            .bind(package_id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        let attempts: i64 = row.try_get::<i64, _>("attempts")? + 1;
        let error: String = error.chars().take(300).collect();
        sqlx::query(
            "UPDATE exchange_outbox SET attempts = $1, next_attempt_at = $2, last_error = $3 WHERE package_id = $4",
        )
        .bind(attempts)
        .bind(now_ms() + retry_delay_ms(attempts))
        .bind(error)
        .bind(package_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Records a delivery. The partner's answer, if any, is a signed receipt
    /// package: it is received like any other, and must be valid for the
    /// delivery to count.
    pub async fn outbox_delivered(&self, package_id: &str, answer: &[u8]) -> Result<()> {
        if !answer.is_empty() {
            self.receive_package(answer, Via::Push).await?;
        }
        // Once delivered, the sealed bytes are not kept: a copy of this
        // database must not hold what a later revocation destroys at the
        // other end (R24).
        sqlx::query(
            "UPDATE exchange_outbox SET delivered_at = $1, last_error = NULL, bytes = $2 WHERE package_id = $3",
        )
        .bind(now_ms())
        .bind(Vec::<u8>::new())
        .bind(package_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The transfer package of an outgoing transfer, for the file transport.
    pub async fn transfer_package(&self, scope: &Scope, id: &str) -> Result<Vec<u8>> {
        let t = self.get_transfer(scope, id).await?;
        if !t.outgoing {
            return Err(StoreError::NotFound);
        }
        self.transfer_package_by_operator(id).await
    }

    /// The same, for the operator at the console (`haven exchange export`).
    /// Only while the package waits to leave and its consent still covers
    /// it: a withdrawn transfer is never carried out on a stick.
    pub async fn transfer_package_by_operator(&self, id: &str) -> Result<Vec<u8>> {
        let mut tx = self.begin().await?;
        let r = self.checked_transfer(&mut tx, id.trim()).await?;
        let waiting = r.try_get::<String, _>("direction")? == "out"
            && Status::parse(&r.try_get::<String, _>("status")?)? == Status::Queued
            && r.try_get::<Option<i64>, _>("revoked_at")?.is_none();
        let covered = match r.try_get::<Option<String>, _>("consent_id")? {
            Some(c) => {
                let recipient: OrgId = r.try_get::<String, _>("remote_org_id")?.parse()?;
                matches!(self.consent_by_id(&c).await, Ok(Some(c)) if rules::still_covered(&c, recipient, today()))
            }
            None => false,
        };
        if !waiting || !covered {
            return Err(refused(ValidationError::new(
                "transfer",
                "transfer_not_waiting",
                "only a transfer waiting to be sent, whose consent still holds, can be carried as a file",
            )));
        }
        let row = sqlx::query(
            "SELECT bytes FROM exchange_outbox WHERE transfer_id = $1 AND kind = 'transfer' AND delivered_at IS NULL",
        )
        .bind(id.trim())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(row.try_get("bytes")?)
    }

    /// Receives one package from a partner, by push or from a file. Every
    /// check comes before anything is written; a refusal is audited.
    pub async fn receive_package(&self, bytes: &[u8], via: Via) -> Result<Received> {
        match self.receive_checked(bytes, via).await {
            Ok(r) => Ok(r),
            Err(e) => {
                let code = match &e {
                    StoreError::Invalid(v) => v.code,
                    _ => "package_refused",
                };
                // Refusals before the sender is authenticated cost an
                // attacker nothing: they are audited at most once a minute,
                // so they cannot bury the log (R27). Everything refused
                // after authentication is audited each time.
                let before_auth = matches!(
                    code,
                    "package_too_large"
                        | "package_malformed"
                        | "package_downgrade"
                        | "package_wrong_recipient"
                        | "package_unknown_sender"
                        | "package_tampered"
                );
                let now = now_ms();
                let last = self.unauthenticated_refusal_at.load(std::sync::atomic::Ordering::Relaxed);
                if !before_auth || now - last > 60_000 {
                    self.unauthenticated_refusal_at.store(now, std::sync::atomic::Ordering::Relaxed);
                    if let Ok(mut tx) = self.begin().await {
                        let ctx = Context { actor: "partner:unknown", purpose: "exchange", request_id: "receive" };
                        let id =
                            haven_exchange::peek_header(bytes).map(|h| h.id).unwrap_or_else(|_| "unreadable".into());
                        if self.append(&mut tx, &ctx, Action::Refuse, RecordKind::Transfer, &id, code).await.is_ok() {
                            let _ = tx.commit().await;
                        }
                    }
                } else {
                    tracing::warn!(code, "package refused before its sender was authenticated");
                }
                Err(e)
            }
        }
    }

    /// A package carried as a file, imported by a user: received like a
    /// push, and the import audited under that user (R27).
    pub async fn import_package(&self, scope: &Scope, bytes: &[u8]) -> Result<Received> {
        require(scope, Permission::WriteCase)?;
        let r = self.receive_package(bytes, Via::File).await?;
        let mut tx = self.begin().await?;
        let record = r.transfer_id.clone().unwrap_or_else(|| r.kind.as_str().to_owned());
        self.append_scoped(&mut tx, scope, Action::Create, RecordKind::Transfer, &record, "imported").await?;
        tx.commit().await?;
        Ok(r)
    }

    /// A partner read outside any write transaction (MAC checked).
    async fn partner_read(&self, fp: &str) -> Result<Option<Partner>> {
        let sql = format!("SELECT {} FROM partners t WHERE t.fingerprint = $1", select_cols(&PARTNERS, "t", ""));
        let Some(r) = sqlx::query(&sql).bind(fp).fetch_optional(self.pool()).await? else {
            return Ok(None);
        };
        self.check_row(&PARTNERS, &r, "").await?;
        self.partner_from_row(&r).map(Some)
    }

    async fn receive_checked(&self, bytes: &[u8], via: Via) -> Result<Received> {
        let header = haven_exchange::peek_header(bytes).map_err(exchange_error)?;
        let unknown = || {
            refused(ValidationError::new("package", "package_unknown_sender", "the sender is not a registered partner"))
        };
        // Authenticated and decrypted before the write lock is taken, so
        // that packages nobody registered signed cannot hold it.
        let known = self.partner_read(header.sender.as_str()).await?.ok_or_else(unknown)?;
        // A removed partner is believed only when it confirms that it
        // destroyed what it held.
        if known.removed && header.kind != PackageKind::RevocationConfirmed {
            return Err(unknown());
        }
        let keys = self.node_keys();
        let opened = haven_exchange::open(keys, &known.public, bytes).map_err(exchange_error)?;
        let h = opened.header;
        haven_exchange::check_times(&h, now_ms()).map_err(exchange_error)?;
        let mut tx = self.begin().await?;
        // Read again under the lock: the window must be the latest.
        let p = self.partner(&mut tx, header.sender.as_str()).await?.ok_or_else(unknown)?;
        if p.public != known.public {
            return Err(unknown());
        }
        let mut window = p.window;
        window.accept(h.sequence).map_err(exchange_error)?;
        sqlx::query("UPDATE partners SET recv_window = $1 WHERE fingerprint = $2")
            .bind(window.encode())
            .bind(p.fingerprint.as_str())
            .execute(&mut *tx)
            .await?;
        self.seal_row(&mut tx, &PARTNERS, p.fingerprint.as_str()).await?;
        let actor = partner_ctx(p.fingerprint.as_str());
        let ctx = Context { actor: &actor, purpose: "exchange", request_id: &h.id };
        let mut receipt = None;
        let transfer_id = match h.kind {
            PackageKind::Transfer => {
                let payload = TransferPayload::parse(&opened.body).map_err(exchange_error)?;
                let id = self.store_incoming(&mut tx, &p, &payload).await?;
                let body = Message { transfer_id: id.clone(), reason: None, status: None }
                    .to_bytes()
                    .map_err(exchange_error)?;
                let (_, sealed) =
                    self.queue(&mut tx, p.fingerprint.as_str(), PackageKind::Receipt, Some(&id), &body).await?;
                // Pushed: handed back in the same exchange, so the copy in
                // the outbox is marked delivered. From a file: it waits in
                // the outbox until the link to the sender is up.
                sqlx::query(
                    "UPDATE exchange_outbox SET delivered_at = $1 WHERE transfer_id = $2 AND kind = 'receipt' AND $3 = 1",
                )
                    .bind(now_ms())
                    .bind(&id)
                    .bind(i64::from(via == Via::Push))
                    .execute(&mut *tx)
                    .await?;
                receipt = Some(sealed);
                Some(id)
            }
            PackageKind::Checkpoint => {
                let m = haven_exchange::payload::WitnessMessage::parse(&opened.body).map_err(exchange_error)?;
                let cosigned = self.witness_checkpoint(&mut tx, &p.fingerprint, &m.note).await?;
                let body =
                    haven_exchange::payload::WitnessMessage { note: cosigned }.to_bytes().map_err(exchange_error)?;
                let (package, sealed) =
                    self.queue(&mut tx, p.fingerprint.as_str(), PackageKind::Cosignature, None, &body).await?;
                // Handed back in the same exchange when pushed, like a receipt.
                sqlx::query("UPDATE exchange_outbox SET delivered_at = $1 WHERE package_id = $2 AND $3 = 1")
                    .bind(now_ms())
                    .bind(&package)
                    .bind(i64::from(via == Via::Push))
                    .execute(&mut *tx)
                    .await?;
                receipt = Some(sealed);
                None
            }
            PackageKind::Cosignature => {
                let m = haven_exchange::payload::WitnessMessage::parse(&opened.body).map_err(exchange_error)?;
                self.keep_cosignature(&mut tx, &p.fingerprint, &p.public, &m.note).await?;
                None
            }
            // R25: kept for a caseworker at either end; audited below under
            // the local record's id, never the family's names.
            PackageKind::TracingRequest => Some(
                self.receive_tracing_request(&mut tx, p.fingerprint.as_str(), &p.name, &p.public, &opened.body).await?,
            ),
            PackageKind::TracingAnswer => {
                Some(self.receive_tracing_answer(&mut tx, p.fingerprint.as_str(), &opened.body).await?)
            }
            kind => {
                let m = Message::parse(&opened.body).map_err(exchange_error)?;
                self.apply_answer(&mut tx, &p, kind, &m, &h.id, h.created_ms).await?;
                sqlx::query(
                    "INSERT INTO exchange_receipts (package_id, partner, transfer_id, kind, received_at, bytes) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&h.id)
                .bind(p.fingerprint.as_str())
                .bind(&m.transfer_id)
                .bind(kind.as_str())
                .bind(now_ms())
                .bind(bytes)
                .execute(&mut *tx)
                .await?;
                Some(m.transfer_id)
            }
        };
        let record_kind = match h.kind {
            PackageKind::TracingRequest | PackageKind::TracingAnswer => RecordKind::Tracing,
            _ => RecordKind::Transfer,
        };
        self.append(
            &mut tx,
            &ctx,
            Action::Receive,
            record_kind,
            transfer_id.as_deref().unwrap_or(&h.id),
            h.kind.as_str(),
        )
        .await?;
        tx.commit().await?;
        // A revocation destroys the copy after the commit that recorded it
        // (the key file is outside the transaction), then confirms.
        if h.kind == PackageKind::Revocation {
            if let Some(id) = &transfer_id {
                self.destroy_and_confirm(id, &p.fingerprint).await?;
            }
        }
        Ok(Received { kind: h.kind, transfer_id, receipt })
    }

    async fn store_incoming(&self, tx: &mut WriteTx, p: &Partner, payload: &TransferPayload) -> Result<String> {
        let to: OrgId = payload.to_org_id.parse().map_err(|_| {
            refused(ValidationError::new(
                "package",
                "package_malformed",
                "the package names no organisation of this installation",
            ))
        })?;
        // Only a local organisation that is not a partner's mirror.
        if self.remote_of(tx, to).await?.is_some() {
            return Err(refused(ValidationError::new(
                "package",
                "package_malformed",
                "the package names no organisation of this installation",
            )));
        }
        let kind = self.org_kind(to).await.map_err(|_| {
            refused(ValidationError::new(
                "package",
                "package_malformed",
                "the package names no organisation of this installation",
            ))
        })?;
        // R16: a case addressed to an enforcement organisation is refused,
        // whatever the sender's node says.
        if !rules::may_receive(kind) {
            return Err(refused(ValidationError::new(
                "package",
                "r16_enforcement_recipient",
                "a case is never received by an enforcement organisation",
            )));
        }
        let id = payload.transfer_id.trim().to_owned();
        if id.is_empty() || id.len() > 64 {
            return Err(refused(ValidationError::new(
                "package",
                "package_malformed",
                "the package has no transfer id",
            )));
        }
        let exists = sqlx::query("SELECT id FROM transfers WHERE id = $1").bind(&id).fetch_optional(&mut **tx).await?;
        if exists.is_some() {
            return Err(refused(ValidationError::new(
                "package",
                "package_replayed",
                "this transfer has already arrived",
            )));
        }
        let purpose = Purpose::parse(&payload.purpose)?;
        let categories = Categories::parse_list(&payload.consent.categories.join(","))?;
        // Parse now so that nothing unreadable is ever stored or offered.
        PersonRecord::parse(&person_input(payload), today())?;
        let dek = DataKey::generate();
        let wrapped = self.keys().wrap(&transfer_leaf(&id), &dek)?;
        let json = String::from_utf8(payload.to_bytes().map_err(exchange_error)?).map_err(|_| StoreError::Crypto)?;
        let sealed = dek.seal(&id, "payload", &json)?;
        let now = now_ms();
        sqlx::query(
            "INSERT INTO transfers (id, direction, partner, local_org_id, remote_org_id, remote_org_name, purpose, status, \
             categories, payload, payload_key, created_at, updated_at) \
             VALUES ($1, 'in', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
        )
        .bind(&id)
        .bind(p.fingerprint.as_str())
        .bind(to.to_string())
        .bind(payload.from_org_id.chars().take(64).collect::<String>())
        .bind(format!("{} · {}", payload.from_org_name.chars().take(150).collect::<String>(), p.name))
        .bind(purpose.as_str())
        .bind(Status::Received.as_str())
        .bind(categories.encode())
        .bind(sealed)
        .bind(wrapped)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        self.seal_row(tx, &TRANSFERS, &id).await?;
        self.add_transfer_event(tx, &id, Status::Received, None).await?;
        Ok(id)
    }

    /// An answer about one of our transfers, from the partner it went to.
    async fn apply_answer(
        &self,
        tx: &mut WriteTx,
        p: &Partner,
        kind: PackageKind,
        m: &Message,
        package_id: &str,
        sent_ms: i64,
    ) -> Result<()> {
        let row = match self.checked_transfer(tx, &m.transfer_id).await {
            Ok(r) if r.try_get::<String, _>("partner")? == p.fingerprint.as_str() => r,
            // A revocation of a transfer that never arrived (withdrawn
            // while it waited in the sender's outbox) is confirmed: there
            // is nothing here to destroy.
            Err(StoreError::NotFound) if kind == PackageKind::Revocation => return Ok(()),
            Ok(_) | Err(StoreError::NotFound) => {
                return Err(refused(ValidationError::new(
                    "package",
                    "package_malformed",
                    "the package is about no transfer with this partner",
                )))
            }
            Err(e) => return Err(e),
        };
        let outgoing = row.try_get::<String, _>("direction")? == "out";
        let status = Status::parse(&row.try_get::<String, _>("status")?)?;
        if kind == PackageKind::FollowUp {
            let word = m.status.as_deref().unwrap_or_default();
            let follow_up = FollowUp::parse(word).map_err(|_| {
                refused(ValidationError::new("package", "package_malformed", "the follow-up has no known status"))
            })?;
            if !outgoing {
                return Err(refused(ValidationError::new(
                    "package",
                    "package_out_of_order",
                    "this answer does not follow the transfer's state",
                )));
            }
            // About a transfer revoked since: the person withdrew, so what
            // the partner says about them is not kept.
            if rules::follow_up_applies(outgoing, status) {
                // When the partner wrote it (signed in the header), not when
                // it arrived: a retried older status must not land after a
                // newer one and clear a call for help.
                self.insert_follow_up(tx, &m.transfer_id, follow_up, package_id, None, sent_ms).await?;
            }
            return Ok(());
        }
        let next = match (kind, outgoing, status) {
            (PackageKind::Receipt, true, Status::Queued) => Some(Status::Delivered),
            (PackageKind::Receipt, true, _) => None,
            (PackageKind::Accept, true, Status::Queued | Status::Delivered) => Some(Status::Accepted),
            (PackageKind::Decline, true, Status::Queued | Status::Delivered) => Some(Status::Declined),
            (PackageKind::RevocationConfirmed, true, Status::Revoked) => Some(Status::Destroyed),
            (PackageKind::Revocation, false, s) if s != Status::Destroyed => Some(Status::Destroyed),
            // Already destroyed: confirmed again (the sender may have lost
            // the first confirmation, or its revocation was sent twice).
            (PackageKind::Revocation, false, Status::Destroyed) => None,
            _ => {
                return Err(refused(ValidationError::new(
                    "package",
                    "package_out_of_order",
                    "this answer does not follow the transfer's state",
                )))
            }
        };
        if let Some(next) = next {
            self.set_transfer_status(tx, &m.transfer_id, next, None).await?;
        }
        if let (PackageKind::Decline, Some(reason)) = (kind, &m.reason) {
            let sealed = self.keys().seal_secret(&format!("transfer-reason\0{}", m.transfer_id), reason.as_bytes())?;
            sqlx::query("UPDATE transfers SET reason = $1 WHERE id = $2")
                .bind(sealed)
                .bind(&m.transfer_id)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// Destroys a revoked incoming transfer's copy, and the person created
    /// from it if it was accepted, then confirms to the sender.
    async fn destroy_and_confirm(&self, id: &str, partner: &Fingerprint) -> Result<()> {
        let (exists, person) = {
            let mut tx = self.begin().await?;
            // Through the MAC: a person id swapped in SQL must not decide
            // which record is erased, nor hide the one that must be.
            let found = match self.checked_transfer(&mut tx, id).await {
                Ok(r) => (true, r.try_get::<Option<String>, _>("person_id")?),
                Err(StoreError::NotFound) => (false, None),
                Err(e) => return Err(e),
            };
            tx.commit().await?;
            found
        };
        if exists {
            self.destroy_copy(id).await?;
        }
        if let Some(person) = person {
            match self.erase_person_by_operator(&person).await {
                Ok(()) | Err(StoreError::Erased) => {}
                Err(e) => return Err(e),
            }
        }
        let fp = partner.as_str().to_owned();
        let mut tx = self.begin().await?;
        let body =
            Message { transfer_id: id.to_owned(), reason: None, status: None }.to_bytes().map_err(exchange_error)?;
        self.queue(&mut tx, &fp, PackageKind::RevocationConfirmed, Some(id), &body).await?;
        tx.commit().await
    }
}

/// The key-file leaf of an incoming transfer's payload key.
pub(crate) fn transfer_leaf(id: &str) -> String {
    format!("transfer:{id}")
}

fn outbox_item(r: &AnyRow) -> Result<OutboxItem> {
    Ok(OutboxItem {
        package_id: r.try_get("package_id")?,
        partner_name: r.try_get("partner_name")?,
        url: r.try_get("url")?,
        kind: r.try_get("kind")?,
        transfer_id: r.try_get("transfer_id")?,
        bytes: r.try_get("bytes")?,
        attempts: r.try_get("attempts")?,
        next_attempt_at_ms: r.try_get("next_attempt_at")?,
        last_error: r.try_get("last_error")?,
        delivered_at_ms: r.try_get("delivered_at")?,
    })
}

/// The payload for a person opened with `cats` only: every field outside
/// them was never opened, so it cannot be here (R24).
#[allow(clippy::too_many_arguments)]
fn build_payload(
    id: &str,
    from: OrgId,
    from_name: &str,
    to_remote_id: &str,
    purpose: Purpose,
    consent: &crate::access::ConsentView,
    r: &PersonRecord,
    cats: Categories,
) -> TransferPayload {
    use haven_core::access::Category;
    use haven_core::person::Birth;
    let (date_of_birth, estimated_age, age_uncertain) = match r.birth {
        Birth::Unknown => (None, None, false),
        Birth::DateOfBirth(d) => (Some(haven_core::person::format_date(d)), None, false),
        Birth::Estimated { years, uncertain } => (None, Some(u16::from(years)), uncertain),
    };
    let contact_ok = cats.contains(Category::ContactLocation);
    TransferPayload {
        format: haven_exchange::FORMAT,
        transfer_id: id.to_owned(),
        from_org_id: from.to_string(),
        to_org_id: to_remote_id.to_owned(),
        purpose: purpose.as_str().to_owned(),
        from_org_name: from_name.to_owned(),
        consent: ConsentSummary {
            purpose: consent.consent.terms.purpose.as_str().to_owned(),
            categories: cats.iter().map(|c| c.as_str().to_owned()).collect(),
            expires_on: haven_core::person::format_date(consent.consent.terms.expires_on),
            language: consent.consent.terms.language.as_str().to_owned(),
        },
        sex: r.sex.clone(),
        date_of_birth,
        nationalities: r.nationalities.iter().map(|c| c.as_str().to_owned()).collect(),
        contact: if contact_ok { r.contact.clone() } else { None },
        haven: Extension {
            full_name: r.full_name.as_str().to_owned(),
            other_names: r.other_names.iter().map(|n| n.as_str().to_owned()).collect(),
            latin_name: r.latin_name.as_ref().map(|n| n.as_str().to_owned()),
            estimated_age,
            age_uncertain,
            languages: r.languages.iter().map(|l| l.as_str().to_owned()).collect(),
            location: contact_ok.then(|| r.location.as_str().to_owned()),
            notes: if cats.contains(Category::Narrative) { r.notes.clone() } else { None },
        },
    }
}

/// What arrived, as raw input for the one parser every person goes through.
fn person_input(p: &TransferPayload) -> PersonInput {
    PersonInput {
        full_name: p.haven.full_name.clone(),
        other_names: p.haven.other_names.clone(),
        latin_name: p.haven.latin_name.clone(),
        sex: p.sex.clone(),
        date_of_birth: p.date_of_birth.clone(),
        estimated_age: p.haven.estimated_age,
        age_uncertain: p.haven.age_uncertain,
        nationalities: p.nationalities.clone(),
        languages: p.haven.languages.clone(),
        contact: p.contact.clone(),
        // Where the person was at the sender's end (a detention centre, a
        // shelter there) is not where they are here: the new file starts
        // "not known" rather than showing, say, detention in Viet Nam.
        location: None,
        notes: p.haven.notes.clone(),
    }
}

impl Store {
    /// Records the name and address partners know this installation by
    /// (`haven serve --node-name --public-url`); they go into the node card.
    pub async fn set_node_address(&self, name: Option<&str>, url: &str) -> Result<()> {
        let mut tx = self.begin().await?;
        let mut pairs = vec![("node_url", url.trim().to_owned())];
        if let Some(n) = name {
            pairs.push(("node_name", haven_core::text::clean_line("name", n, 120)?));
        }
        for (k, v) in pairs {
            sqlx::query("DELETE FROM meta WHERE key = $1").bind(k).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2)").bind(k).bind(v).execute(&mut *tx).await?;
        }
        tx.commit().await
    }

    /// The node's name and address as last recorded; the name defaults to
    /// the first organisation's.
    pub async fn node_address(&self) -> Result<(String, String)> {
        let get = |k: &'static str| async move {
            sqlx::query("SELECT value FROM meta WHERE key = $1")
                .bind(k)
                .fetch_optional(self.pool())
                .await
                .map(|r| r.and_then(|r| r.try_get::<String, _>("value").ok()))
        };
        let url = get("node_url").await?.unwrap_or_else(|| "http://127.0.0.1:8080".to_owned());
        let name = match get("node_name").await? {
            Some(n) => n,
            None => sqlx::query("SELECT name FROM organisations o WHERE NOT EXISTS (SELECT 1 FROM partner_orgs po WHERE po.org_id = o.id) ORDER BY created_at LIMIT 1")
                .fetch_optional(self.pool())
                .await?
                .map(|r| r.try_get::<String, _>("name"))
                .transpose()?
                .unwrap_or_else(|| "haven".to_owned()),
        };
        Ok((name, url))
    }
}
