//! Consent (R17), consent overrides, break-glass grants and their review,
//! the audit views (R27) and the enforcement inbox (R16).

use haven_core::access::{Categories, Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::case::NoteBody;
use haven_core::consent::{Consent, ConsentPurpose, ConsentTerms};
use haven_core::ids::{ConsentId, DocumentId, GrantId, OrgId, OverrideId, PersonId, UserId};
use haven_core::person::{format_date, parse_date, LanguageTag};
use haven_core::ValidationError;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::crypto::DataKey;
use crate::reach::ReachSql;
use crate::{new_id_bytes, now_ms, require, today, Result, Store, StoreError, WriteTx};

/// How long a break-glass grant lasts.
pub const BREAK_GLASS_MINUTES: i64 = 60;

#[derive(Debug, Clone)]
pub struct ConsentView {
    pub id: ConsentId,
    pub person_id: PersonId,
    pub consent: Consent,
    pub recipient_name: String,
    pub recorded_at_ms: i64,
}

/// What a reviewer marks reviewed: a break-glass grant or a consent override.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reviewable {
    BreakGlass(GrantId),
    ConsentOverride(OverrideId),
}

impl Reviewable {
    /// From the kind code and the id, as they appear in a path; `None` for
    /// an unknown kind or an id that cannot be one.
    pub fn parse(kind: &str, id: &str) -> Option<Self> {
        match kind {
            "break_glass" => id.parse().ok().map(Self::BreakGlass),
            "consent_override" => id.parse().ok().map(Self::ConsentOverride),
            _ => None,
        }
    }

    /// `break_glass` or `consent_override`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::BreakGlass(_) => "break_glass",
            Self::ConsentOverride(_) => "consent_override",
        }
    }

    /// The grant's or override's id as text.
    pub fn id(&self) -> String {
        match self {
            Self::BreakGlass(id) => id.to_string(),
            Self::ConsentOverride(id) => id.to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ReviewItem {
    pub item: Reviewable,
    pub person_id: PersonId,
    pub username: String,
    pub reason: Option<String>,
    pub created_at_ms: i64,
    pub expires_at_ms: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct AuditRow {
    pub seq: i64,
    pub at_ms: i64,
    pub actor: String,
    /// The actor's username, when the actor is a user.
    pub actor_name: Option<String>,
    pub action: String,
    pub record_kind: String,
    pub record_id: String,
    pub purpose: String,
    pub outcome: String,
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub record_id: Option<String>,
    pub action: Option<String>,
    pub limit: i64,
}

#[derive(Debug, Clone)]
pub struct InboxItem {
    pub id: DocumentId,
    pub kind: String,
    pub created_at_ms: i64,
}

fn parse_reason(raw: &str) -> Result<NoteBody> {
    NoteBody::parse(raw).map_err(|_| ValidationError::new("reason", "required", "a written reason is required").into())
}

impl Store {
    /// The person's data key, if the person is in the scope's reach and not erased.
    pub(crate) async fn reachable_person_key(&self, tx: &mut WriteTx, scope: &Scope, person: &str) -> Result<DataKey> {
        self.person_key_checked(tx, scope, person, false).await
    }

    /// As [`Store::reachable_person_key`], for acts that change the file or
    /// send it out (consent, override, cooperation, transfer): r16, only
    /// someone who reaches the person by their own role, never through an
    /// emergency grant, which opens the file to read in an emergency.
    pub(crate) async fn owned_person_key(&self, tx: &mut WriteTx, scope: &Scope, person: &str) -> Result<DataKey> {
        self.person_key_checked(tx, scope, person, true).await
    }

    async fn person_key_checked(&self, tx: &mut WriteTx, scope: &Scope, person: &str, own: bool) -> Result<DataKey> {
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT p.erased_at, k.wrapped{} FROM persons p LEFT JOIN person_keys k ON k.person_id = p.id \
             {} WHERE p.id = $1 AND {}",
            reach.columns, reach.joins, reach.condition
        );
        let Some(row) = reach.bind(sqlx::query(&sql).bind(person)).fetch_optional(&mut **tx).await? else {
            // Out of reach, or moved out of it in SQL: the reach test reads
            // `org_id` in the query, so an edited row would otherwise just
            // vanish from every list with no alarm (R16, R27).
            let sql = format!(
                "SELECT {} FROM persons t WHERE t.id = $1",
                crate::integrity::select_cols(&crate::integrity::PERSONS, "t", "")
            );
            if let Some(r) = sqlx::query(&sql).bind(person).fetch_optional(&mut **tx).await? {
                self.check_row(&crate::integrity::PERSONS, &r, "").await?;
            }
            return Err(StoreError::NotFound);
        };
        // The relationship's evidence (creator, case, grant) must be as
        // haven wrote it, not only what SQL returned.
        crate::reach::row_categories(self, scope, &row)?.ok_or(StoreError::NotFound)?;
        if own && crate::reach::own_categories(self, scope, &row)?.is_none() {
            return Err(StoreError::Denied);
        }
        let wrapped: Option<Vec<u8>> = row.try_get("wrapped")?;
        let wrapped = wrapped.ok_or(StoreError::Erased)?;
        self.keys().unwrap(person, &wrapped)
    }

    /// The recipient exists, and is real if the sender is real (fictional
    /// if the sender is the demo): a real person's data never reaches the
    /// demo organisation, whose passwords an operator prints on a terminal,
    /// nor fictional data a real one (insider review).
    pub(crate) async fn recipient_ok(&self, tx: &mut WriteTx, from: OrgId, to: OrgId) -> Result<()> {
        let rows = sqlx::query("SELECT id, demo FROM organisations WHERE id = $1 OR id = $2")
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(&mut **tx)
            .await?;
        let demo_of = |org: OrgId| -> Option<i64> {
            rows.iter()
                .find(|r| r.try_get::<String, _>("id").ok().as_deref() == Some(org.to_string().as_str()))
                .and_then(|r| r.try_get::<i64, _>("demo").ok())
        };
        let Some(to_demo) = demo_of(to) else {
            return Err(ValidationError::new("recipient", "unknown_org", "no such organisation").into());
        };
        // r26: a platform is never the recipient of a consent, a referral or
        // a notice, whatever the form says; the policy's own check is in
        // `haven_core::referral`, and this one covers every path at once. The
        // kind is read with its row MAC checked, so editing the column for
        // a moment in SQL does not open the way.
        if self.org_kind(to).await?.is_platform() {
            return Err(ValidationError::new(
                "recipient",
                "r26_platform_recipient",
                "an online platform reviews advertisements and is never sent a person's case",
            )
            .into());
        }
        if demo_of(from).unwrap_or(0) != to_demo {
            return Err(ValidationError::new(
                "recipient",
                "demo_org",
                "the fictional demo organisation and a real one never share anything",
            )
            .into());
        }
        Ok(())
    }

    pub async fn record_consent(&self, scope: &Scope, person: PersonId, terms: &ConsentTerms) -> Result<ConsentId> {
        require(scope, Permission::RecordConsent)?;
        let mut tx = self.begin().await?;
        let dek = self.owned_person_key(&mut tx, scope, &person.to_string()).await?;
        let id = self.insert_consent(&mut tx, scope, person, terms, &dek).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Writes a consent inside the caller's transaction, which has already
    /// checked the person is in reach and opened their key.
    pub(crate) async fn insert_consent(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        person: PersonId,
        terms: &ConsentTerms,
        dek: &DataKey,
    ) -> Result<ConsentId> {
        let typed = ConsentId::from_random_bytes(new_id_bytes());
        let id = typed.to_string();
        self.recipient_ok(tx, scope.org(), terms.recipient).await?;
        let interpreter = terms.interpreter.as_deref().map(|i| dek.seal(&id, "interpreter", i)).transpose()?;
        sqlx::query(
            "INSERT INTO consents (id, person_id, org_id, purpose, recipient_org_id, categories, expires_on, explained_by, \
             language, interpreter, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&id)
        .bind(person.to_string())
        .bind(scope.org().to_string())
        .bind(self.tag(crate::integrity::tags::CONSENT_PURPOSE, &scope.org().to_string(), terms.purpose.as_str()))
        .bind(terms.recipient.to_string())
        .bind(terms.categories.encode())
        .bind(format_date(terms.expires_on))
        .bind(terms.explained_by.to_string())
        .bind(dek.seal_hex(&id, "language", terms.language.as_str())?)
        .bind(interpreter)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        self.seal_row(tx, &crate::integrity::CONSENTS, &id).await?;
        self.append_scoped(tx, scope, Action::Create, RecordKind::Consent, &id, "ok").await?;
        Ok(typed)
    }

    /// Withdraws a consent. Every later disclosure check sees it at once.
    pub async fn withdraw_consent(&self, scope: &Scope, consent_id: ConsentId) -> Result<PersonId> {
        require(scope, Permission::RecordConsent)?;
        let consent_id: &str = &consent_id.to_string();
        let mut tx = self.begin().await?;
        let row = sqlx::query("SELECT person_id FROM consents WHERE id = $1 AND org_id = $2 AND withdrawn_at IS NULL")
            .bind(consent_id)
            .bind(scope.org().to_string())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let person: String = row.try_get("person_id")?;
        self.reachable_person_key(&mut tx, scope, &person).await?;
        self.mark_consent_withdrawn(&mut tx, scope, consent_id, "ok").await?;
        // R17: a referral resting on this consent ends with it.
        self.revoke_referrals_of_consent(&mut tx, scope, consent_id).await?;
        tx.commit().await?;
        Ok(person.parse()?)
    }

    /// Marks a consent withdrawn, with its audit event, inside the caller's
    /// transaction. Every way a consent ends (withdrawn at the holding
    /// organisation, told to a referral's recipient, replaced) comes here.
    pub(crate) async fn mark_consent_withdrawn(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        consent_id: &str,
        outcome: &str,
    ) -> Result<()> {
        sqlx::query("UPDATE consents SET withdrawn_at = $1, withdrawn_by = $2 WHERE id = $3 AND withdrawn_at IS NULL")
            .bind(now_ms())
            .bind(scope.actor().to_string())
            .bind(consent_id)
            .execute(&mut **tx)
            .await?;
        self.seal_row(tx, &crate::integrity::CONSENTS, consent_id).await?;
        self.append_scoped(tx, scope, Action::Withdraw, RecordKind::Consent, consent_id, outcome).await
    }

    pub async fn list_consents(&self, scope: &Scope, person: PersonId) -> Result<Vec<ConsentView>> {
        require(scope, Permission::ReadPerson)?;
        let person_s = person.to_string();
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT k.wrapped{} FROM persons p LEFT JOIN person_keys k ON k.person_id = p.id {} WHERE p.id = $1 AND {}",
            reach.columns, reach.joins, reach.condition
        );
        let prow = reach.bind(sqlx::query(&sql).bind(&person_s)).fetch_optional(&self.pool).await?;
        let Some(prow) = prow else {
            self.audit_read(scope, Action::List, RecordKind::Consent, &[&person_s], "not_found").await?;
            return Err(StoreError::NotFound);
        };
        let dek =
            prow.try_get::<Option<Vec<u8>>, _>("wrapped")?.map(|w| self.keys().unwrap(&person_s, &w)).transpose()?;
        let rows = sqlx::query(&format!(
            "SELECT c.*, {}, o.name AS recipient_name FROM consents c \
                 JOIN organisations o ON o.id = c.recipient_org_id WHERE c.person_id = $1 ORDER BY c.recorded_at DESC",
            crate::integrity::latest_col(&crate::integrity::CONSENTS, "c", "")
        ))
        .bind(&person_s)
        .fetch_all(&self.pool)
        .await?;
        let mut views = Vec::with_capacity(rows.len());
        for r in &rows {
            self.check_row(&crate::integrity::CONSENTS, r, "").await?;
            // An erased person's consents keep no purpose (R28).
            if r.try_get::<String, _>("purpose")?.is_empty() {
                continue;
            }
            views.push(consent_from_row(self.keys(), r, dek.as_ref())?);
        }
        let ids: Vec<String> = views.iter().map(|v| v.id.to_string()).collect();
        let refs = if ids.is_empty() { vec![person_s.as_str()] } else { ids.iter().map(String::as_str).collect() };
        self.audit_read(scope, Action::List, RecordKind::Consent, &refs, "ok").await?;
        Ok(views)
    }

    /// Records a disclosure decision taken without consent: a separate
    /// permission, a written reason, and a place in the review queue.
    pub async fn override_consent(
        &self,
        scope: &Scope,
        person: PersonId,
        purpose: ConsentPurpose,
        recipient: OrgId,
        categories: Categories,
        reason: &str,
    ) -> Result<OverrideId> {
        require(scope, Permission::OverrideConsent)?;
        let reason = parse_reason(reason)?;
        let person_s = person.to_string();
        let typed = OverrideId::from_random_bytes(new_id_bytes());
        let id = typed.to_string();
        let mut tx = self.begin().await?;
        let dek = self.owned_person_key(&mut tx, scope, &person_s).await?;
        self.recipient_ok(&mut tx, scope.org(), recipient).await?;
        sqlx::query(
            "INSERT INTO consent_overrides (id, person_id, org_id, purpose, recipient_org_id, categories, reason, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&id)
        .bind(&person_s)
        .bind(scope.org().to_string())
        .bind(self.tag(crate::integrity::tags::CONSENT_PURPOSE, &scope.org().to_string(), purpose.as_str()))
        .bind(recipient.to_string())
        .bind(categories.encode())
        .bind(dek.seal(&id, "reason", reason.as_str())?)
        .bind(scope.actor().to_string())
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        self.seal_row(&mut tx, &crate::integrity::CONSENT_OVERRIDES, &id).await?;
        self.append_scoped(&mut tx, scope, Action::OverrideConsent, RecordKind::Consent, &id, "flagged_for_review")
            .await?;
        tx.commit().await?;
        Ok(typed)
    }

    /// Emergency access to a person of one's own organisation outside one's
    /// reach: a stated reason, an expiry, an audit event and a review.
    pub async fn break_glass(&self, scope: &Scope, person: PersonId, reason: &str) -> Result<GrantId> {
        require(scope, Permission::BreakGlass)?;
        let reason = parse_reason(reason)?;
        let person_s = person.to_string();
        let typed = GrantId::from_random_bytes(new_id_bytes());
        let id = typed.to_string();
        let mut tx = self.begin().await?;
        // Only within the organisation: break-glass never crosses to another
        // organisation's records, which need consent instead.
        let row = sqlx::query(
            "SELECT p.erased_at, k.wrapped FROM persons p LEFT JOIN person_keys k ON k.person_id = p.id \
             WHERE p.id = $1 AND p.org_id = $2",
        )
        .bind(&person_s)
        .bind(scope.org().to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            self.append_scoped(&mut tx, scope, Action::BreakGlass, RecordKind::Person, &person_s, "not_found").await?;
            tx.commit().await?;
            return Err(StoreError::NotFound);
        };
        let wrapped: Vec<u8> = row.try_get::<Option<Vec<u8>>, _>("wrapped")?.ok_or(StoreError::Erased)?;
        let dek = self.keys().unwrap(&person_s, &wrapped)?;
        let now = now_ms();
        sqlx::query(
            "INSERT INTO access_grants (id, person_id, org_id, user_id, reason, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(&person_s)
        .bind(scope.org().to_string())
        .bind(scope.actor().to_string())
        .bind(dek.seal(&id, "reason", reason.as_str())?)
        .bind(now)
        .bind(now + BREAK_GLASS_MINUTES * 60_000)
        .execute(&mut *tx)
        .await?;
        self.seal_row(&mut tx, &crate::integrity::ACCESS_GRANTS, &id).await?;
        self.append_scoped(&mut tx, scope, Action::BreakGlass, RecordKind::Person, &person_s, "granted").await?;
        tx.commit().await?;
        Ok(typed)
    }

    /// Break-glass uses and consent overrides not yet reviewed.
    pub async fn review_queue(&self, scope: &Scope) -> Result<Vec<ReviewItem>> {
        require(scope, Permission::ReviewAccess)?;
        let org = scope.org().to_string();
        let mut items = Vec::new();
        for (kind, table, who, expires) in [
            ("break_glass", "access_grants", "user_id", "expires_at"),
            ("consent_override", "consent_overrides", "created_by", "NULL"),
        ] {
            let sql = format!(
                "SELECT t.id, t.person_id, t.reason, t.created_at, {expires} AS expires, u.username, k.wrapped \
                 FROM {table} t JOIN users u ON u.id = t.{who} LEFT JOIN person_keys k ON k.person_id = t.person_id \
                 WHERE t.org_id = $1 AND t.reviewed_at IS NULL ORDER BY t.created_at"
            );
            for r in sqlx::query(&sql).bind(&org).fetch_all(&self.pool).await? {
                let id: String = r.try_get("id")?;
                let person: String = r.try_get("person_id")?;
                let reason =
                    match (r.try_get::<Option<Vec<u8>>, _>("wrapped")?, r.try_get::<Option<Vec<u8>>, _>("reason")?) {
                        (Some(w), Some(ct)) => Some(self.keys().unwrap(&person, &w)?.open(&id, "reason", &ct)?),
                        _ => None,
                    };
                items.push(ReviewItem {
                    item: match kind {
                        "break_glass" => Reviewable::BreakGlass(id.parse()?),
                        _ => Reviewable::ConsentOverride(id.parse()?),
                    },
                    person_id: person.parse()?,
                    username: r.try_get("username")?,
                    reason,
                    created_at_ms: r.try_get("created_at")?,
                    expires_at_ms: r.try_get::<Option<i64>, _>("expires")?,
                });
            }
        }
        let ids: Vec<String> = items.iter().map(|i| i.item.id()).collect();
        let refs = if ids.is_empty() { vec![""] } else { ids.iter().map(String::as_str).collect() };
        self.audit_read(scope, Action::List, RecordKind::Grant, &refs, "ok").await?;
        Ok(items)
    }

    pub async fn mark_reviewed(&self, scope: &Scope, item: Reviewable) -> Result<()> {
        require(scope, Permission::ReviewAccess)?;
        let table = match item {
            Reviewable::BreakGlass(_) => "access_grants",
            Reviewable::ConsentOverride(_) => "consent_overrides",
        };
        let id: &str = &item.id();
        let mut tx = self.begin().await?;
        let done = sqlx::query(&format!(
            "UPDATE {table} SET reviewed_by = $1, reviewed_at = $2 WHERE id = $3 AND org_id = $4 AND reviewed_at IS NULL"
        ))
        .bind(scope.actor().to_string())
        .bind(now_ms())
        .bind(id)
        .bind(scope.org().to_string())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        // The review is under the grant's MAC (it keeps the grant out of the
        // queue); unsealed, every later read through the grant raised a false
        // integrity alarm and refused its holder.
        let spec = match item {
            Reviewable::BreakGlass(_) => &crate::integrity::ACCESS_GRANTS,
            Reviewable::ConsentOverride(_) => &crate::integrity::CONSENT_OVERRIDES,
        };
        self.seal_row(&mut tx, spec, id).await?;
        self.append_scoped(&mut tx, scope, Action::Review, RecordKind::Grant, id, "ok").await?;
        tx.commit().await
    }

    /// The auditor's view: events filtered by actor, record or action.
    /// Events hold ids and codes only, so this shows no case content.
    pub async fn audit_log(&self, scope: &Scope, filter: &AuditFilter) -> Result<Vec<AuditRow>> {
        require(scope, Permission::ReadAudit)?;
        // An auditor sees what the users of their own organisation did.
        let mut sql = String::from(
            "SELECT e.seq, e.at_ms, e.actor, e.action, e.record_kind, e.record_id, e.purpose, e.outcome, u.username \
             FROM audit_events e JOIN users u ON u.id = e.actor WHERE u.org_id = $1",
        );
        let mut binds = vec![scope.org().to_string()];
        for (col, v) in [("e.actor", &filter.actor), ("e.record_id", &filter.record_id), ("e.action", &filter.action)] {
            if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                binds.push(v.to_owned());
                sql.push_str(&format!(" AND {col} = ${}", binds.len()));
            }
        }
        sql.push_str(&format!(" ORDER BY e.seq DESC LIMIT ${}", binds.len() + 1));
        let mut q = sqlx::query(&sql);
        for b in binds {
            q = q.bind(b);
        }
        let rows = q.bind(filter.limit.clamp(1, 500)).fetch_all(&self.pool).await?;
        let out = rows.iter().map(audit_row).collect::<Result<Vec<_>>>()?;
        self.record_scoped_event(scope, Action::Read, RecordKind::System, "audit_log", "ok").await?;
        Ok(out)
    }

    /// Alarms for the auditor: rows that failed their integrity check
    /// anywhere on the installation (someone edited the database without the
    /// master key; the events name only the table and the row id), and
    /// accounts of this organisation locked after wrong second-factor codes.
    pub async fn alarms(&self, scope: &Scope, limit: i64) -> Result<Vec<AuditRow>> {
        require(scope, Permission::ReadAudit)?;
        let rows = sqlx::query(
            "SELECT e.seq, e.at_ms, e.actor, e.action, e.record_kind, e.record_id, e.purpose, e.outcome, u.username \
             FROM audit_events e LEFT JOIN users u ON u.id = e.actor \
             WHERE e.action = 'integrity_alarm' OR (e.action = 'second_factor_alarm' AND u.org_id = $1) \
             ORDER BY e.seq DESC LIMIT $2",
        )
        .bind(scope.org().to_string())
        .bind(limit.clamp(1, 500))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(audit_row).collect()
    }

    /// "Who accessed this record and why": events about the person and
    /// their cases, newest first. Reads of the restricted cooperation record
    /// are left out (R15): auditors see them in the audit log.
    /// Who read or changed a person's record, newest first: `limit` events
    /// older than the event `before` (a sequence number), so a long log
    /// is read page by page.
    pub async fn access_log(
        &self,
        scope: &Scope,
        person: PersonId,
        limit: i64,
        before: Option<i64>,
    ) -> Result<Vec<AuditRow>> {
        require(scope, Permission::ReadPerson)?;
        let person_s = person.to_string();
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT p.id{} FROM persons p {} WHERE p.id = $1 AND {}",
            reach.columns, reach.joins, reach.condition
        );
        let row = reach.bind(sqlx::query(&sql).bind(&person_s)).fetch_optional(&self.pool).await?;
        // r16: who read a record is itself about the person; the sealed
        // relationship decides, not the SQL condition alone.
        if crate::reach::opened(self, scope, row)?.is_none() {
            return Err(StoreError::NotFound);
        }
        let rows = sqlx::query(
            "SELECT e.seq, e.at_ms, e.actor, e.action, e.record_kind, e.record_id, e.purpose, e.outcome, u.username \
             FROM audit_events e LEFT JOIN users u ON u.id = e.actor \
             WHERE (e.record_id = $1 OR e.record_id IN (SELECT id FROM cases WHERE person_id = $1)) \
             AND e.record_kind <> 'cooperation' AND e.seq < $3 \
             ORDER BY e.seq DESC LIMIT $2",
        )
        .bind(&person_s)
        .bind(limit.clamp(1, 500))
        .bind(before.unwrap_or(i64::MAX))
        .fetch_all(&self.pool)
        .await?;
        let out = rows.iter().map(audit_row).collect::<Result<Vec<_>>>()?;
        self.audit_read(scope, Action::Read, RecordKind::System, &[&person_s], "access_log").await?;
        Ok(out)
    }

    /// Sends a document (the non-punishment notice) to another
    /// organisation's inbox. Refused unless the person consented to this
    /// purpose and recipient (R17); readable there only while that consent
    /// holds.
    pub async fn send_to_inbox(
        &self,
        scope: &Scope,
        read: &Scope,
        person: PersonId,
        recipient: OrgId,
        kind: &str,
        content: &str,
    ) -> Result<DocumentId> {
        require(scope, Permission::WriteCase)?;
        let consents = self.list_consents(read, person).await?;
        // The one consent rule every disclosure uses (R17).
        let covering = haven_core::consent::covering(
            &consents,
            |c| &c.consent,
            ConsentPurpose::NonPunishmentNotice,
            recipient,
            Categories::of(&[haven_core::access::Category::Identity]),
            today(),
        );
        let Some(consent) = covering else {
            self.record_scoped_event(scope, Action::Denied, RecordKind::Consent, &person.to_string(), "no_consent")
                .await?;
            // Said plainly, with what to do: the caseworker may send it once
            // the person agrees (R17), so this is not "no access".
            return Err(StoreError::Invalid(haven_core::ValidationError::new(
                "recipient_org_id",
                "r17_notice_needs_consent",
                "the person has not agreed to this notice going to this organisation, or that consent has ended: \
                 record their consent to the non-punishment notice for this organisation first",
            )));
        };
        let typed = DocumentId::from_random_bytes(new_id_bytes());
        let id = typed.to_string();
        let mut tx = self.begin().await?;
        // Sealed under the person's key, so erasing the person shreds the
        // document in every copy too (R28).
        let dek = self.person_dek(&mut tx, &person.to_string()).await?.ok_or(StoreError::Erased)?;
        sqlx::query(
            "INSERT INTO inbox_documents (id, recipient_org_id, consent_id, kind, created_at, content, person_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(recipient.to_string())
        .bind(consent.id.to_string())
        .bind(dek.seal_hex(&id, "kind", kind)?)
        .bind(now_ms())
        .bind(dek.seal(&id, "content", content)?)
        .bind(person.to_string())
        .execute(&mut *tx)
        .await?;
        self.seal_row(&mut tx, &crate::integrity::INBOX_DOCUMENTS, &id).await?;
        self.append_scoped(&mut tx, scope, Action::Create, RecordKind::Consent, &id, "sent_with_consent").await?;
        tx.commit().await?;
        Ok(typed)
    }

    /// One inbox document, if it was sent to the reader's organisation and
    /// its consent is still in force.
    pub async fn inbox_document(&self, scope: &Scope, id: DocumentId) -> Result<String> {
        require(scope, Permission::ReadInbox)?;
        let id: &str = &id.to_string();
        let row = sqlx::query(&format!(
            "SELECT d.content, k.wrapped, {}, {} FROM inbox_documents d JOIN consents c ON c.id = d.consent_id \
             LEFT JOIN person_keys k ON k.person_id = d.person_id \
             WHERE d.id = $1 AND d.recipient_org_id = $2",
            crate::integrity::select_cols(&crate::integrity::INBOX_DOCUMENTS, "d", "d_"),
            crate::integrity::select_cols(&crate::integrity::CONSENTS, "c", "c_")
        ))
        .bind(id)
        .bind(scope.org().to_string())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            self.record_scoped_event(scope, Action::Read, RecordKind::System, id, "not_found").await?;
            return Err(StoreError::NotFound);
        };
        // The firewall's last door (R16): the document's recipient and the
        // consent behind it must be as haven wrote them.
        self.check_row(&crate::integrity::INBOX_DOCUMENTS, &row, "d_").await?;
        self.check_row(&crate::integrity::CONSENTS, &row, "c_").await?;
        let withdrawn: Option<i64> = row.try_get("c_withdrawn_at")?;
        let expires: String = row.try_get("c_expires_on")?;
        let expired = parse_date(&expires).is_none_or(|d| d < today());
        let content: Option<Vec<u8>> = row.try_get("content")?;
        let (Some(content), None, false) = (content, withdrawn, expired) else {
            // Withdrawal (or erasure) cuts access at once (R17, R28).
            self.record_scoped_event(scope, Action::Read, RecordKind::System, id, "consent_withdrawn").await?;
            return Err(StoreError::NotFound);
        };
        let person: String = row.try_get::<Option<String>, _>("d_person_id")?.ok_or(StoreError::NotFound)?;
        let wrapped: Vec<u8> = row.try_get::<Option<Vec<u8>>, _>("wrapped")?.ok_or(StoreError::Erased)?;
        let text = self.keys().unwrap(&person, &wrapped)?.open(id, "content", &content)?;
        self.record_scoped_event(scope, Action::Read, RecordKind::System, id, "ok").await?;
        Ok(text)
    }

    /// An enforcement organisation's inbox: only documents sent to it.
    pub async fn inbox(&self, scope: &Scope) -> Result<Vec<InboxItem>> {
        require(scope, Permission::ReadInbox)?;
        // Documents whose consent was withdrawn or expired disappear from the list.
        let rows = sqlx::query(&format!(
            "SELECT d.kind, d.created_at, k.wrapped, {}, {} FROM inbox_documents d JOIN consents c ON c.id = d.consent_id \
             JOIN person_keys k ON k.person_id = d.person_id \
             WHERE d.recipient_org_id = $1 AND c.withdrawn_at IS NULL AND d.content IS NOT NULL \
             ORDER BY d.created_at DESC LIMIT 200",
            crate::integrity::select_cols(&crate::integrity::INBOX_DOCUMENTS, "d", "d_"),
            crate::integrity::select_cols(&crate::integrity::CONSENTS, "c", "c_")
        ))
        .bind(scope.org().to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            self.check_row(&crate::integrity::INBOX_DOCUMENTS, r, "d_").await?;
            self.check_row(&crate::integrity::CONSENTS, r, "c_").await?;
            let id: String = r.try_get("d_id")?;
            let person: String = r.try_get::<Option<String>, _>("d_person_id")?.ok_or(StoreError::NotFound)?;
            let key = self.keys().unwrap(&person, &r.try_get::<Vec<u8>, _>("wrapped")?)?;
            items.push(InboxItem {
                kind: key.open_hex(&id, "kind", &r.try_get::<String, _>("kind")?)?,
                created_at_ms: r.try_get("created_at")?,
                id: id.parse()?,
            });
        }
        self.record_scoped_event(scope, Action::List, RecordKind::System, "inbox", "ok").await?;
        Ok(items)
    }
}

pub(crate) fn uuid_string() -> String {
    haven_core::ids::NoteId::from_random_bytes(new_id_bytes()).to_string()
}

fn audit_row(r: &AnyRow) -> Result<AuditRow> {
    Ok(AuditRow {
        seq: r.try_get("seq")?,
        at_ms: r.try_get("at_ms")?,
        actor: r.try_get("actor")?,
        actor_name: r.try_get("username")?,
        action: r.try_get("action")?,
        record_kind: r.try_get("record_kind")?,
        record_id: r.try_get("record_id")?,
        purpose: r.try_get("purpose")?,
        outcome: r.try_get("outcome")?,
    })
}

pub(crate) fn consent_from_row(keys: &crate::crypto::Keys, r: &AnyRow, dek: Option<&DataKey>) -> Result<ConsentView> {
    let id: String = r.try_get("id")?;
    let person: String = r.try_get("person_id")?;
    let purposes: Vec<&str> = ConsentPurpose::ALL.iter().map(|p| p.as_str()).collect();
    let purpose = crate::integrity::untag(
        keys,
        crate::integrity::tags::CONSENT_PURPOSE,
        &r.try_get::<String, _>("org_id")?,
        &r.try_get::<String, _>("purpose")?,
        &purposes,
    )?;
    let recipient: String = r.try_get("recipient_org_id")?;
    let categories: String = r.try_get("categories")?;
    let expires: String = r.try_get("expires_on")?;
    let explained_by: String = r.try_get("explained_by")?;
    // The language the consent was explained in is the person's: sealed,
    // and only opened for a reader who holds the person's key here.
    let language = match dek {
        Some(k) => k.open_hex(&id, "language", &r.try_get::<String, _>("language")?)?,
        None => "und".to_owned(),
    };
    let interpreter = match (dek, r.try_get::<Option<Vec<u8>>, _>("interpreter")?) {
        (Some(k), Some(ct)) => Some(k.open(&id, "interpreter", &ct)?),
        _ => None,
    };
    let withdrawn_at: Option<i64> = r.try_get("withdrawn_at")?;
    let withdrawn_on = withdrawn_at.and_then(|ms| {
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok().map(|t| t.date())
    });
    let bad = || StoreError::Conflict("stored consent is malformed".into());
    Ok(ConsentView {
        person_id: person.parse()?,
        consent: Consent {
            terms: ConsentTerms {
                purpose: ConsentPurpose::parse(purpose)?,
                recipient: recipient.parse()?,
                categories: Categories::parse_list(&categories)?,
                expires_on: parse_date(&expires).ok_or_else(bad)?,
                explained_by: explained_by.parse::<UserId>()?,
                language: LanguageTag::parse(&language)?,
                interpreter,
            },
            withdrawn_on,
        },
        recipient_name: r.try_get("recipient_name")?,
        recorded_at_ms: r.try_get("recorded_at")?,
        id: id.parse()?,
    })
}
