//! Referrals between organisations (R17, R19). The lifecycle rules live in
//! `haven_core::referral`; this module holds the rows and decides, at every
//! read, what the receiving organisation may open: the categories of the
//! linked consent, only while it is in force. No stored flag grants access,
//! so a withdrawn or expired consent closes the data at the next request.

use haven_core::access::{Categories, Category, Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::consent::{Consent, ConsentInput, ConsentPurpose, ConsentTerms};
use haven_core::ids::{ConsentId, OrgId, PersonId, ReferralId};
use haven_core::notify::NotificationKind;
use haven_core::person::{format_date, parse_date, PersonRecord};
use haven_core::referral::{self, Proposal, Side, Status, Step};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::access::consent_from_row;
use crate::reach::{row_categories, ReachSql};
use crate::{new_id_bytes, now_ms, require, today, Result, Store, StoreError, WriteTx};

/// One status a referral reached.
#[derive(Debug, Clone)]
pub struct ReferralEvent {
    pub status: Status,
    pub org_name: String,
    pub at_ms: i64,
}

#[derive(Debug, Clone)]
pub struct ReferralView {
    pub id: ReferralId,
    pub person_id: PersonId,
    pub from_org: OrgId,
    pub from_org_name: String,
    pub to_org: OrgId,
    pub to_org_name: String,
    pub service_type: String,
    pub status: Status,
    pub consent_id: Option<ConsentId>,
    pub consent: Option<Consent>,
    /// Opened only for a reader entitled to it (see each function).
    pub note: Option<String>,
    pub response: Option<String>,
    pub sent_on: Option<time::Date>,
    pub due_on: Option<time::Date>,
    pub created_at_ms: i64,
    pub events: Vec<ReferralEvent>,
    /// What the receiving organisation may read today, if anything.
    pub recipient_may_read: Option<Categories>,
}

/// An incoming referral with the person as the consent lets the receiving
/// organisation see them.
#[derive(Debug, Clone)]
pub struct IncomingView {
    pub referral: ReferralView,
    /// `None` once the consent no longer covers the reader, or if it never
    /// covered identity (the floor for opening anything).
    pub person: Option<PersonRecord>,
    /// How urgent, shown before anyone accepts so the right person takes
    /// it up: a child (R02, R20), and, where the consent covers where the
    /// person is, detention (R13). Never more than these two facts.
    pub urgent_child: bool,
    pub urgent_detained: bool,
    /// The categories actually opened for this reader: less than the
    /// consent covers until someone here accepts (need to know).
    pub opened: Categories,
}

const SELECT: &str = "SELECT r.*, \
     (SELECT MAX(ev.seq) FROM audit_events ev WHERE ev.record_id = 'referrals:' || r.id) AS latest_seq, \
     fo.name AS from_name, tor.name AS to_name, rk.wrapped AS person_wrapped \
     FROM referrals r JOIN organisations fo ON fo.id = r.from_org_id JOIN organisations tor ON tor.id = r.to_org_id \
     LEFT JOIN person_keys rk ON rk.person_id = r.person_id";

impl Store {
    /// The person's key and what this reader may see of them, or not found.
    async fn referral_subject<'e, E>(
        &self,
        scope: &Scope,
        person: &str,
        own: bool,
        exec: E,
    ) -> Result<(crate::crypto::DataKey, Categories)>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT k.wrapped{} FROM persons p LEFT JOIN person_keys k ON k.person_id = p.id {} WHERE p.id = $1 AND {}",
            reach.columns, reach.joins, reach.condition
        );
        let row = reach.bind(sqlx::query(&sql).bind(person)).fetch_optional(exec).await?.ok_or(StoreError::NotFound)?;
        let cats = row_categories(self, scope, &row)?.ok_or(StoreError::NotFound)?;
        // r16: proposing, consenting to or sending a referral discloses the
        // file; an emergency grant opens it to read, not to send it out.
        if own && crate::reach::own_categories(self, scope, &row)?.is_none() {
            return Err(StoreError::Denied);
        }
        let wrapped: Vec<u8> = row.try_get::<Option<Vec<u8>>, _>("wrapped")?.ok_or(StoreError::Erased)?;
        Ok((self.keys().unwrap(person, &wrapped)?, cats))
    }

    async fn add_event(&self, tx: &mut WriteTx, id: &str, status: Status, org: OrgId) -> Result<()> {
        sqlx::query("INSERT INTO referral_events (referral_id, status, org_id, at) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(status.as_str())
            .bind(org.to_string())
            .bind(now_ms())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Proposes a referral for a person in the caller's reach.
    pub async fn propose_referral(
        &self,
        scope: &Scope,
        person: PersonId,
        service_type: &str,
        recipient: OrgId,
        note: &str,
    ) -> Result<ReferralId> {
        require(scope, Permission::WriteCase)?;
        let person_s = person.to_string();
        let mut tx = self.begin().await?;
        let (dek, _) = self.referral_subject(scope, &person_s, true, &mut *tx).await?;
        self.recipient_ok(&mut tx, scope.org(), recipient).await?;
        let kind: String = sqlx::query("SELECT kind FROM organisations WHERE id = $1")
            .bind(recipient.to_string())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(haven_core::ValidationError::new("recipient", "unknown_org", "no such organisation"))?
            .try_get("kind")?;
        let kind = haven_core::access::OrgKind::parse(&kind)?;
        // A partner installation's organisation is reached by a transfer,
        // never by a referral that someone here could answer in its name.
        let mirrored = sqlx::query("SELECT org_id FROM partner_orgs WHERE org_id = $1")
            .bind(recipient.to_string())
            .fetch_optional(&mut *tx)
            .await?;
        if mirrored.is_some() {
            return Err(haven_core::ValidationError::new(
                "recipient",
                "referral_to_partner_org",
                "this organisation is on a partner installation: send a cross-border transfer instead",
            )
            .into());
        }
        let p = Proposal::parse(service_type, recipient, kind, scope.org(), note)?;
        let typed = ReferralId::from_random_bytes(new_id_bytes());
        let id = typed.to_string();
        let note = (!p.note.is_empty()).then(|| dek.seal(&id, "note", &p.note)).transpose()?;
        let now = now_ms();
        sqlx::query(
            "INSERT INTO referrals (id, person_id, from_org_id, to_org_id, service_type, status, note, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
        )
        .bind(&id)
        .bind(&person_s)
        .bind(scope.org().to_string())
        .bind(recipient.to_string())
        // The kind of service (a women's shelter, torture rehabilitation)
        // says much about the person: sealed like their account.
        .bind(dek.seal_hex(&id, "service_type", p.service_type)?)
        .bind(Status::Proposed.as_str())
        .bind(note)
        .bind(scope.actor().to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        self.seal_row(&mut tx, &crate::integrity::REFERRALS, &id).await?;
        self.add_event(&mut tx, &id, Status::Proposed, scope.org()).await?;
        self.append_scoped(&mut tx, scope, Action::Create, RecordKind::Referral, &id, "proposed").await?;
        tx.commit().await?;
        Ok(typed)
    }

    /// Records the person's consent to this referral: purpose `referral`,
    /// recipient the receiving organisation, the categories they agreed to.
    pub async fn consent_to_referral(&self, scope: &Scope, id: ReferralId, input: &ConsentInput) -> Result<ConsentId> {
        require(scope, Permission::RecordConsent)?;
        let id: &str = &id.to_string();
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "SELECT person_id, to_org_id, status, consent_id FROM referrals WHERE id = $1 AND from_org_id = $2",
        )
        .bind(id)
        .bind(scope.org().to_string())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let person: String = row.try_get("person_id")?;
        let status = Status::parse(&row.try_get::<String, _>("status")?)?;
        if !matches!(status, Status::Proposed | Status::ConsentRecorded) {
            return Err(haven_core::ValidationError::new(
                "step",
                "invalid_transition",
                "this step does not follow the current one",
            )
            .into());
        }
        let (dek, _) = self.referral_subject(scope, &person, true, &mut *tx).await?;
        let recipient: OrgId = row.try_get::<String, _>("to_org_id")?.parse()?;
        let input = ConsentInput { purpose: ConsentPurpose::Referral.as_str().to_owned(), ..input.clone() };
        let terms = ConsentTerms::parse(&input, recipient, scope.actor(), today())?;
        // A new consent replaces the one linked before (say, to widen or
        // narrow what is shared); the old one must not stay in force unlinked.
        if let Some(old) = row.try_get::<Option<String>, _>("consent_id")? {
            self.mark_consent_withdrawn(&mut tx, scope, &old, "replaced").await?;
        }
        let consent_id = self.insert_consent(&mut tx, scope, person.parse()?, &terms, &dek).await?;
        sqlx::query("UPDATE referrals SET status = $1, consent_id = $2, updated_at = $3 WHERE id = $4")
            .bind(Status::ConsentRecorded.as_str())
            .bind(consent_id.to_string())
            .bind(now_ms())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        self.seal_row(&mut tx, &crate::integrity::REFERRALS, id).await?;
        self.add_event(&mut tx, id, Status::ConsentRecorded, scope.org()).await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Referral, id, "consent_recorded").await?;
        tx.commit().await?;
        Ok(consent_id)
    }

    async fn load_consent<'e, E>(&self, consent_id: Option<&str>, exec: E) -> Result<Option<Consent>>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let Some(cid) = consent_id else { return Ok(None) };
        let row = sqlx::query(&format!(
            "SELECT c.*, {}, o.name AS recipient_name FROM consents c \
                 JOIN organisations o ON o.id = c.recipient_org_id WHERE c.id = $1",
            crate::integrity::latest_col(&crate::integrity::CONSENTS, "c", "")
        ))
        .bind(cid)
        .fetch_optional(exec)
        .await?;
        let Some(r) = row else { return Ok(None) };
        self.check_row(&crate::integrity::CONSENTS, &r, "").await?;
        // Erasure blanks the purpose tag (R28): an erased person's consent
        // is no consent.
        if r.try_get::<String, _>("purpose")?.is_empty() {
            return Ok(None);
        }
        Ok(Some(consent_from_row(self.keys(), &r, None)?.consent))
    }

    /// Takes a step. The referring organisation sends and revokes (and must
    /// still reach the person); the receiving one accepts, declines, starts
    /// and completes. Either way the consent must be in force, except to revoke.
    pub async fn referral_step(&self, scope: &Scope, id: ReferralId, step: Step, reason: &str) -> Result<Status> {
        require(scope, Permission::WriteCase)?;
        let id: &str = &id.to_string();
        let reason = referral::parse_reason(step, reason)?;
        let mut tx = self.begin().await?;
        let sql = format!(
            "SELECT r.*, {} FROM referrals r WHERE r.id = $1 AND (r.from_org_id = $2 OR r.to_org_id = $2)",
            crate::integrity::latest_col(&crate::integrity::REFERRALS, "r", "")
        );
        let row = sqlx::query(&sql)
            .bind(id)
            .bind(scope.org().to_string())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        if !crate::integrity::row_ok(self.keys(), &crate::integrity::REFERRALS, &row, "")? {
            drop(tx);
            return Err(self.integrity_alarm(RecordKind::Referral, id, "referrals").await);
        }
        let person: String = row.try_get("person_id")?;
        let from: OrgId = row.try_get::<String, _>("from_org_id")?.parse()?;
        let to: OrgId = row.try_get::<String, _>("to_org_id")?.parse()?;
        let status = Status::parse(&row.try_get::<String, _>("status")?)?;
        let side = if from == scope.org() { Side::Referring } else { Side::Receiving };
        // The other organisation's steps are not this one's to take.
        if step.side() != side {
            return Err(StoreError::Denied);
        }
        if side == Side::Referring {
            self.referral_subject(scope, &person, true, &mut *tx).await?;
        } else if status == Status::Proposed || status == Status::ConsentRecorded {
            // Not yet sent: the receiving organisation does not know of it.
            return Err(StoreError::NotFound);
        }
        let consent = self.load_consent(row.try_get::<Option<String>, _>("consent_id")?.as_deref(), &mut *tx).await?;
        let in_force = consent.as_ref().is_some_and(|c| referral::consent_fits(c, to, today()));
        let next = referral::advance(status, step, side, in_force)?;
        let now = now_ms();
        let wrapped: Option<Vec<u8>> = sqlx::query("SELECT wrapped FROM person_keys WHERE person_id = $1")
            .bind(&person)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| r.try_get("wrapped"))
            .transpose()?;
        let response = match (reason, wrapped) {
            (Some(r), Some(w)) => Some(self.keys().unwrap(&person, &w)?.seal(id, "response", &r)?),
            (Some(_), None) => return Err(StoreError::Erased),
            (None, _) => None,
        };
        let (sent_on, due_on) = if step == Step::Send {
            (Some(format_date(today())), Some(format_date(referral::response_due(today()))))
        } else {
            (row.try_get("sent_on")?, row.try_get("due_on")?)
        };
        // Whoever accepts takes the referral on, and with it the full view.
        let handler = (step == Step::Accept).then(|| scope.actor().to_string());
        sqlx::query(
            "UPDATE referrals SET status = $1, updated_at = $2, sent_on = $3, due_on = $4, \
             response = COALESCE($5, response), handled_by = COALESCE($6, handled_by) WHERE id = $7",
        )
        .bind(next.as_str())
        .bind(now)
        .bind(sent_on)
        .bind(due_on)
        .bind(response)
        .bind(handler)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        self.seal_row(&mut tx, &crate::integrity::REFERRALS, id).await?;
        self.add_event(&mut tx, id, next, scope.org()).await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Referral, id, next.as_str()).await?;
        // Those who must act next are told (issue 13): the receiving
        // organisation's case workers of a referral sent, the referring
        // caseworker of its answer.
        match step {
            Step::Send => {
                self.notify_case_workers(&mut tx, &to.to_string(), NotificationKind::ReferralReceived, id).await?;
            }
            Step::Accept | Step::Decline => {
                if let Some(by) = row.try_get::<Option<String>, _>("created_by")? {
                    self.notify(&mut tx, &by, NotificationKind::ReferralAnswered, id).await?;
                }
            }
            _ => {}
        }
        if step == Step::RecordWithdrawal {
            // The consent itself is withdrawn, whoever heard it: every
            // referral resting on it ends, here and wherever else.
            if let Some(cid) = row.try_get::<Option<String>, _>("consent_id")? {
                self.mark_consent_withdrawn(&mut tx, scope, &cid, "told_recipient").await?;
                self.revoke_referrals_of_consent(&mut tx, scope, &cid).await?;
            }
        }
        tx.commit().await?;
        Ok(next)
    }

    /// R17: called inside the withdrawal's transaction; every open referral
    /// resting on the consent is revoked with it.
    pub(crate) async fn revoke_referrals_of_consent(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        consent_id: &str,
    ) -> Result<()> {
        let rows = sqlx::query("SELECT id, status FROM referrals WHERE consent_id = $1")
            .bind(consent_id)
            .fetch_all(&mut **tx)
            .await?;
        for r in &rows {
            let id: String = r.try_get("id")?;
            if Status::parse(&r.try_get::<String, _>("status")?)?.is_closed() {
                continue;
            }
            sqlx::query("UPDATE referrals SET status = $1, updated_at = $2 WHERE id = $3")
                .bind(Status::Revoked.as_str())
                .bind(now_ms())
                .bind(&id)
                .execute(&mut **tx)
                .await?;
            self.seal_row(tx, &crate::integrity::REFERRALS, &id).await?;
            self.add_event(tx, &id, Status::Revoked, scope.org()).await?;
            self.append_scoped(tx, scope, Action::Update, RecordKind::Referral, &id, "revoked_consent_withdrawn")
                .await?;
        }
        Ok(())
    }

    async fn referral_view<'e, E>(
        &self,
        row: &AnyRow,
        dek: Option<&crate::crypto::DataKey>,
        exec: E,
    ) -> Result<ReferralView>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
    {
        self.check_row(&crate::integrity::REFERRALS, row, "").await?;
        let id: String = row.try_get("id")?;
        let consent_id: Option<String> = row.try_get("consent_id")?;
        let consent = self.load_consent(consent_id.as_deref(), exec).await?;
        let consent_id = consent_id.map(|c| c.parse()).transpose()?;
        let status = Status::parse(&row.try_get::<String, _>("status")?)?;
        let to: OrgId = row.try_get::<String, _>("to_org_id")?.parse()?;
        let events = sqlx::query(
            "SELECT e.status, e.at, o.name FROM referral_events e JOIN organisations o ON o.id = e.org_id \
             WHERE e.referral_id = $1 ORDER BY e.at, e.status",
        )
        .bind(&id)
        .fetch_all(exec)
        .await?
        .iter()
        .map(|e| {
            Ok(ReferralEvent {
                status: Status::parse(&e.try_get::<String, _>("status")?)?,
                org_name: e.try_get("name")?,
                at_ms: e.try_get("at")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        Ok(ReferralView {
            person_id: row.try_get::<String, _>("person_id")?.parse()?,
            from_org: row.try_get::<String, _>("from_org_id")?.parse()?,
            from_org_name: row.try_get("from_name")?,
            to_org: to,
            to_org_name: row.try_get("to_name")?,
            service_type: match row.try_get::<Option<Vec<u8>>, _>("person_wrapped")? {
                Some(w) => self.keys().unwrap(&row.try_get::<String, _>("person_id")?, &w)?.open_hex(
                    &id,
                    "service_type",
                    &row.try_get::<String, _>("service_type")?,
                )?,
                // Erased: what was asked for went with the person's key.
                None => String::new(),
            },
            recipient_may_read: referral::recipient_categories(status, consent.as_ref(), to, today()),
            status,
            consent_id,
            consent,
            note: open_text(row, dek, &id, "note")?,
            response: open_text(row, dek, &id, "response")?,
            sent_on: row.try_get::<Option<String>, _>("sent_on")?.as_deref().and_then(parse_date),
            due_on: row.try_get::<Option<String>, _>("due_on")?.as_deref().and_then(parse_date),
            created_at_ms: row.try_get("created_at")?,
            events,
            id: id.parse()?,
        })
    }

    /// The referrals this organisation made for a person in reach, newest
    /// first. Notes and replies open for readers who see the person's account.
    pub async fn list_referrals(&self, scope: &Scope, person: PersonId) -> Result<Vec<ReferralView>> {
        require(scope, Permission::ReadCase)?;
        let person_s = person.to_string();
        let (dek, cats) = self.referral_subject(scope, &person_s, false, &self.pool).await?;
        let dek = cats.contains(Category::Narrative).then_some(dek);
        let rows =
            sqlx::query(&format!("{SELECT} WHERE r.person_id = $1 AND r.from_org_id = $2 ORDER BY r.created_at DESC"))
                .bind(&person_s)
                .bind(scope.org().to_string())
                .fetch_all(&self.pool)
                .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.referral_view(r, dek.as_ref(), &self.pool).await?);
        }
        self.audit_read(scope, Action::List, RecordKind::Referral, &[&person_s], "ok").await?;
        Ok(out)
    }

    /// Referrals sent to this organisation, newest first, with the person's
    /// name where the consent still lets this organisation read it.
    pub async fn incoming_referrals(&self, scope: &Scope) -> Result<Vec<IncomingView>> {
        require(scope, Permission::ReadPerson)?;
        let rows = sqlx::query(&format!(
            "{SELECT} WHERE r.to_org_id = $1 AND r.status NOT IN ('proposed', 'consent_recorded') ORDER BY r.updated_at DESC LIMIT 500"
        ))
        .bind(scope.org().to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.incoming_view(scope, r, false).await?);
        }
        let ids: Vec<String> = out.iter().map(|v| v.referral.id.to_string()).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        if !ids.is_empty() {
            self.audit_read(scope, Action::List, RecordKind::Referral, &ids, "incoming").await?;
        }
        // Whose names were shown, so each person's access log says so.
        let shown: Vec<String> =
            out.iter().filter(|v| v.person.is_some()).map(|v| v.referral.person_id.to_string()).collect();
        if !shown.is_empty() {
            let refs: Vec<&str> = shown.iter().map(String::as_str).collect();
            self.audit_read(scope, Action::List, RecordKind::Person, &refs, "referral").await?;
        }
        Ok(out)
    }

    /// Builds the receiving side's view: everything decrypted only when the
    /// consent covers this organisation today. `whole` opens all the
    /// categories the consent lists; otherwise the name alone, for lists.
    async fn incoming_view(&self, scope: &Scope, row: &AnyRow, whole: bool) -> Result<IncomingView> {
        let person: String = row.try_get("person_id")?;
        let bare = self.referral_view(row, None, &self.pool).await?;
        let nobody = |referral| IncomingView {
            referral,
            person: None,
            urgent_child: false,
            urgent_detained: false,
            opened: Categories::NONE,
        };
        let Some(consented) = bare.recipient_may_read else { return Ok(nobody(bare)) };
        let prow = sqlx::query(&format!(
            "SELECT p.*, {}, k.wrapped FROM persons p JOIN person_keys k ON k.person_id = p.id \
                 WHERE p.id = $1 AND p.erased_at IS NULL",
            crate::integrity::latest_col(&crate::integrity::PERSONS, "p", "")
        ))
        .bind(&person)
        .fetch_optional(&self.pool)
        .await?;
        let Some(prow) = prow else { return Ok(nobody(bare)) };
        // The person must still belong to the organisation that referred them.
        self.check_row(&crate::integrity::PERSONS, &prow, "").await?;
        if prow.try_get::<String, _>("org_id")? != bare.from_org.to_string() {
            return Err(self.integrity_alarm(RecordKind::Person, &person, "persons").await);
        }
        let dek = self.keys().unwrap(&person, &prow.try_get::<Vec<u8>, _>("wrapped")?)?;
        let handler = row.try_get::<Option<String>, _>("handled_by")?;
        let is_handler = handler.is_some_and(|h| h == scope.actor().to_string());
        let org_wide = scope.reach().org_wide == Some(Categories::ALL);
        let cats = referral::within_recipient(consented, bare.status, is_handler, org_wide);
        let urgency_cats = consented.intersect(Categories::of(&[Category::Identity, Category::ContactLocation]));
        let (urgent_child, urgent_detained) =
            match crate::persons::open_person(self.keys(), &dek, &person, &prow, urgency_cats) {
                Ok(p) => (
                    p.birth.may_be_child(today()),
                    consented.contains(Category::ContactLocation) && p.location.is_detention(),
                ),
                Err(_) => (false, false),
            };
        // The note and reply are the caseworkers' free text about the
        // person's situation: the person's account, so they open for the
        // recipient only if the consent covers the narrative (R17).
        let mut referral = bare;
        if whole && cats.contains(Category::Narrative) {
            let id = referral.id.to_string();
            referral.note = open_text(row, Some(&dek), &id, "note")?;
            referral.response = open_text(row, Some(&dek), &id, "response")?;
        }
        let cats = if whole { cats } else { Categories::of(&[Category::Identity]).intersect(cats) };
        let person = match crate::persons::open_person(self.keys(), &dek, &person, &prow, cats) {
            Ok(p) => Some(p),
            // Identity is the floor: a consent without it shares no record.
            Err(StoreError::Denied) => None,
            Err(e) => return Err(e),
        };
        let opened = if person.is_some() { cats } else { Categories::NONE };
        Ok(IncomingView { referral, person, urgent_child, urgent_detained, opened })
    }

    /// One referral. The receiving organisation gets the person as far as
    /// the consent covers them now; the referring one gets the referral only
    /// (its caseworkers use the person's own page).
    pub async fn open_referral(&self, scope: &Scope, id: ReferralId) -> Result<IncomingView> {
        require(scope, Permission::ReadPerson)?;
        let id: &str = &id.to_string();
        let row = sqlx::query(&format!("{SELECT} WHERE r.id = $1 AND (r.from_org_id = $2 OR r.to_org_id = $2)"))
            .bind(id)
            .bind(scope.org().to_string())
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            self.audit_read(scope, Action::Read, RecordKind::Referral, &[id], "not_found").await?;
            return Err(StoreError::NotFound);
        };
        let from: String = row.try_get("from_org_id")?;
        let view = if from == scope.org().to_string() {
            let person: String = row.try_get("person_id")?;
            let (dek, cats) = self.referral_subject(scope, &person, false, &self.pool).await?;
            let dek = cats.contains(Category::Narrative).then_some(dek);
            IncomingView {
                referral: self.referral_view(&row, dek.as_ref(), &self.pool).await?,
                person: None,
                urgent_child: false,
                urgent_detained: false,
                opened: Categories::NONE,
            }
        } else {
            let status: String = row.try_get("status")?;
            if matches!(Status::parse(&status)?, Status::Proposed | Status::ConsentRecorded) {
                self.audit_read(scope, Action::Read, RecordKind::Referral, &[id], "not_found").await?;
                return Err(StoreError::NotFound);
            }
            self.incoming_view(scope, &row, true).await?
        };
        let outcome = if view.person.is_some() { "ok" } else { "closed" };
        self.audit_read(scope, Action::Read, RecordKind::Referral, &[id], outcome).await?;
        if view.person.is_some() {
            let pid = view.referral.person_id.to_string();
            self.audit_read(scope, Action::Read, RecordKind::Person, &[&pid], "referral").await?;
        }
        Ok(view)
    }

    /// Answers still awaited from receiving organisations, for the task list.
    pub(crate) async fn referral_due_dates(&self, scope: &Scope, person: &str) -> Result<Vec<time::Date>> {
        let rows =
            sqlx::query("SELECT due_on FROM referrals WHERE person_id = $1 AND from_org_id = $2 AND status = 'sent'")
                .bind(person)
                .bind(scope.org().to_string())
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .iter()
            .filter_map(|r| r.try_get::<Option<String>, _>("due_on").ok().flatten())
            .filter_map(|d| parse_date(&d))
            .collect())
    }
}

/// A sealed text column of a referral row, opened when a key is given.
fn open_text(row: &AnyRow, dek: Option<&crate::crypto::DataKey>, id: &str, col: &str) -> Result<Option<String>> {
    match (dek, row.try_get::<Option<Vec<u8>>, _>(col)?) {
        (Some(k), Some(ct)) => Ok(Some(k.open(id, col, &ct)?)),
        _ => Ok(None),
    }
}
