//! Cases and case notes. Case status and dates are not identifying and stay
//! in the clear for task lists; note bodies are sealed under the person's key,
//! so erasing the person makes their notes unreadable too.

use haven_core::access::{Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::case::{CaseRecord, CaseStatus, NoteBody};
use haven_core::ids::{CaseId, NoteId, PersonId, UserId};
use haven_core::notify::NotificationKind;
use haven_core::person::{format_date, parse_date};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::persons::{Listing, Page};
use crate::reach::{row_categories, ReachSql};
use crate::{new_id_bytes, now_ms, require, Result, Store, StoreError};
use haven_core::access::{Categories, Category};

#[derive(Debug, Clone)]
pub struct CaseView {
    pub id: CaseId,
    pub person_id: PersonId,
    pub record: CaseRecord,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

struct NoteAccess {
    person_id: String,
    wrapped: Option<Vec<u8>>,
    categories: Categories,
}

#[derive(Debug, Clone)]
pub struct NoteView {
    pub id: NoteId,
    pub case_id: CaseId,
    pub author_id: UserId,
    pub created_at_ms: i64,
    /// `None` once the person has been erased.
    pub body: Option<String>,
}

pub(crate) fn case_from_row(r: &AnyRow) -> Result<CaseView> {
    let id: String = r.try_get("id")?;
    let person_id: String = r.try_get("person_id")?;
    let status: String = r.try_get("status")?;
    let opened_on: String = r.try_get("opened_on")?;
    let closed_on: Option<String> = r.try_get("closed_on")?;
    let assigned_to: Option<String> = r.try_get("assigned_to")?;
    let bad = || StoreError::Conflict("stored case has an invalid date".into());
    Ok(CaseView {
        id: id.parse()?,
        person_id: person_id.parse()?,
        record: CaseRecord {
            status: CaseStatus::parse(&status)?,
            opened_on: parse_date(&opened_on).ok_or_else(bad)?,
            closed_on: match closed_on {
                Some(c) => Some(parse_date(&c).ok_or_else(bad)?),
                None => None,
            },
            assigned_to: assigned_to.map(|a| a.parse()).transpose()?,
        },
        created_at_ms: r.try_get("created_at")?,
        updated_at_ms: r.try_get("updated_at")?,
    })
}

impl Store {
    pub async fn open_case(&self, scope: &Scope, person: PersonId, record: &CaseRecord) -> Result<CaseId> {
        let mut tx = self.begin().await?;
        match self.insert_case(&mut tx, scope, person, record).await {
            // A read that found nothing, or a refusal, is audited; that event is kept.
            Err(e @ (StoreError::NotFound | StoreError::Denied)) => {
                tx.commit().await?;
                Err(e)
            }
            Err(e) => Err(e),
            Ok(id) => {
                tx.commit().await?;
                Ok(id)
            }
        }
    }

    /// Opens a case inside the caller's transaction.
    pub(crate) async fn insert_case(
        &self,
        tx: &mut crate::WriteTx,
        scope: &Scope,
        person: PersonId,
        record: &CaseRecord,
    ) -> Result<CaseId> {
        require(scope, Permission::WriteCase)?;
        let person_s = person.to_string();
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT p.erased_at{} FROM persons p {} WHERE p.id = $1 AND {}",
            reach.columns, reach.joins, reach.condition
        );
        let p = reach.bind(sqlx::query(&sql).bind(&person_s)).fetch_optional(&mut **tx).await?;
        match p {
            None => {
                self.append_scoped(tx, scope, Action::Create, RecordKind::Case, &person_s, "not_found").await?;
                return Err(StoreError::NotFound);
            }
            Some(r) if r.try_get::<Option<i64>, _>("erased_at")?.is_some() => return Err(StoreError::Erased),
            // A case with an assignee gives that person the whole file: only
            // someone who holds it by their own role hands it out, never
            // through an emergency grant (insider review).
            Some(r)
                if record.assigned_to.is_some()
                    && crate::reach::own_categories(self, scope, &r)? != Some(haven_core::access::Categories::ALL) =>
            {
                return Err(StoreError::Denied);
            }
            // r16: an emergency grant is for reading in an emergency. Opening
            // a case, even unassigned, is managing the file, which only
            // someone who reaches the person by their own role may do.
            Some(r) if crate::reach::own_categories(self, scope, &r)?.is_none() => {
                self.append_scoped(tx, scope, Action::Create, RecordKind::Case, &person_s, "denied").await?;
                return Err(StoreError::Denied);
            }
            Some(_) => {}
        }
        // One open case per person and organisation: a second would split
        // the notes and the tasks between two files nobody reads together.
        if record.status != haven_core::case::CaseStatus::Closed {
            let open: i64 = sqlx::query(
                "SELECT COUNT(*) AS n FROM cases WHERE person_id = $1 AND org_id = $2 AND status <> 'closed'",
            )
            .bind(&person_s)
            .bind(scope.org().to_string())
            .fetch_one(&mut **tx)
            .await?
            .try_get("n")?;
            if open > 0 {
                return Err(StoreError::Invalid(haven_core::ValidationError::new(
                    "case",
                    "case_already_open",
                    "this person already has an open case here: add to it, or close it before opening another",
                )));
            }
        }
        if let Some(user) = record.assigned_to {
            self.check_assignee(tx, scope, user).await?;
        }
        let id = CaseId::from_random_bytes(new_id_bytes());
        let id_s = id.to_string();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO cases (id, person_id, org_id, status, opened_on, closed_on, assigned_to, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&id_s)
        .bind(&person_s)
        .bind(scope.org().to_string())
        .bind(record.status.as_str())
        .bind(format_date(record.opened_on))
        .bind(record.closed_on.map(format_date))
        .bind(record.assigned_to.map(|u| u.to_string()))
        .bind(now)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        self.seal_row(tx, &crate::integrity::CASES, &id_s).await?;
        self.append_scoped(tx, scope, Action::Create, RecordKind::Case, &id_s, "ok").await?;
        if let Some(user) = record.assigned_to.filter(|u| *u != scope.actor()) {
            self.notify(tx, &user.to_string(), NotificationKind::CaseAssigned, &id_s).await?;
        }
        Ok(id)
    }

    /// A case may only be assigned to a user of the same organisation.
    async fn check_assignee(&self, tx: &mut crate::WriteTx, scope: &Scope, user: UserId) -> Result<()> {
        // An active account of this organisation whose role works on cases:
        // a case left with an auditor, or with an account waiting for
        // approval, is a case nobody works (insider review).
        let sql = format!(
            "SELECT {} FROM users t WHERE t.id = $1 AND t.org_id = $2",
            crate::integrity::select_cols(&crate::integrity::USERS, "t", "")
        );
        let row =
            sqlx::query(&sql).bind(user.to_string()).bind(scope.org().to_string()).fetch_optional(&mut **tx).await?;
        let ok = match &row {
            Some(r) => {
                self.check_row(&crate::integrity::USERS, r, "").await?;
                let role = haven_core::access::Role::parse(&r.try_get::<String, _>("role")?)?;
                r.try_get::<i64, _>("disabled")? == 0
                    && r.try_get::<String, _>("status")? == "active"
                    && haven_core::access::role_allows(role, Permission::WriteCase)
            }
            None => false,
        };
        if !ok {
            return Err(haven_core::ValidationError::new(
                "assigned_to",
                "unknown_user",
                "no such user in this organisation",
            )
            .into());
        }
        Ok(())
    }

    pub async fn get_case(&self, scope: &Scope, id: CaseId) -> Result<CaseView> {
        require(scope, Permission::ReadCase)?;
        let id_s = id.to_string();
        let reach = ReachSql::cases(scope, 2);
        let sql =
            format!("SELECT c.*{} FROM cases c {} WHERE c.id = $1 AND {}", reach.columns, reach.joins, reach.condition);
        let row = reach.bind(sqlx::query(&sql).bind(&id_s)).fetch_optional(&self.pool).await?;
        // r16: the SQL condition alone would trust a grant inserted or an
        // assignment moved in SQL; the relationship's sealed row decides.
        let row = crate::reach::opened(self, scope, row)?;
        let outcome = if row.is_some() { "ok" } else { "not_found" };
        self.audit_read(scope, Action::Read, RecordKind::Case, &[&id_s], outcome).await?;
        case_from_row(&row.ok_or(StoreError::NotFound)?)
    }

    pub async fn update_case(
        &self,
        scope: &Scope,
        id: CaseId,
        change: impl FnOnce(&CaseRecord) -> Result<CaseRecord>,
    ) -> Result<CaseView> {
        self.update_case_with_note(scope, id, None, change).await
    }

    /// Changes a case and, in the same transaction, adds a note saying why
    /// (a case closed with its reason): the change and its reason stand or
    /// fall together.
    pub async fn update_case_with_note(
        &self,
        scope: &Scope,
        id: CaseId,
        note: Option<&NoteBody>,
        change: impl FnOnce(&CaseRecord) -> Result<CaseRecord>,
    ) -> Result<CaseView> {
        require(scope, Permission::WriteCase)?;
        let id_s = id.to_string();
        let mut tx = self.begin().await?;
        let reach = ReachSql::cases(scope, 2);
        let sql =
            format!("SELECT c.*{} FROM cases c {} WHERE c.id = $1 AND {}", reach.columns, reach.joins, reach.condition);
        let row = reach.bind(sqlx::query(&sql).bind(&id_s)).fetch_optional(&mut *tx).await?;
        let Some(row) = row else {
            self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Case, &id_s, "not_found").await?;
            tx.commit().await?;
            return Err(StoreError::NotFound);
        };
        // r16: a case is changed only by someone who reaches it by their own
        // role; an emergency grant opens the file to read, not to close it.
        if crate::reach::own_categories(self, scope, &row)?.is_none() {
            self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Case, &id_s, "denied").await?;
            tx.commit().await?;
            return Err(StoreError::Denied);
        }
        let mut view = case_from_row(&row)?;
        let updated = change(&view.record)?;
        if updated.assigned_to != view.record.assigned_to {
            // Handing a case on (or taking it) is for someone who holds the
            // whole file by their own role: an emergency grant must not turn
            // into a permanent assignment.
            if crate::reach::own_categories(self, scope, &row)? != Some(haven_core::access::Categories::ALL) {
                return Err(StoreError::Denied);
            }
            if let Some(user) = updated.assigned_to {
                self.check_assignee(&mut tx, scope, user).await?;
                // Whoever takes a case on is told; assigning it to oneself is no news.
                if user != scope.actor() {
                    self.notify(&mut tx, &user.to_string(), NotificationKind::CaseAssigned, &id_s).await?;
                }
            }
        }
        let now = now_ms();
        sqlx::query("UPDATE cases SET status = $1, closed_on = $2, assigned_to = $3, updated_at = $4 WHERE id = $5")
            .bind(updated.status.as_str())
            .bind(updated.closed_on.map(format_date))
            .bind(updated.assigned_to.map(|u| u.to_string()))
            .bind(now)
            .bind(&id_s)
            .execute(&mut *tx)
            .await?;
        self.seal_row(&mut tx, &crate::integrity::CASES, &id_s).await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Case, &id_s, "ok").await?;
        if let Some(body) = note {
            self.insert_note(&mut tx, scope, &id_s, body).await?;
        }
        tx.commit().await?;
        view.record = updated;
        view.updated_at_ms = now;
        Ok(view)
    }

    /// Cases of the organisation, optionally for one person.
    pub async fn list_cases(&self, scope: &Scope, person: Option<PersonId>, page: Page) -> Result<Listing<CaseView>> {
        self.list_cases_filtered(scope, person, page, None, None).await
    }

    /// Cases in reach, newest first, optionally one person's, in one
    /// status, or assigned to one user (or to nobody). A caseworker reaches
    /// only the cases assigned to them, so asking for a colleague's finds none.
    pub async fn list_cases_filtered(
        &self,
        scope: &Scope,
        person: Option<PersonId>,
        page: Page,
        status: Option<haven_core::case::CaseStatus>,
        assignee: Option<crate::persons::WorkerFilter>,
    ) -> Result<Listing<CaseView>> {
        require(scope, Permission::ReadCase)?;
        let size = i64::from(page.size);
        let offset = i64::from(page.number - 1) * size;
        let reach = ReachSql::cases(scope, 1);
        let mut binds: Vec<String> = Vec::new();
        let mut filters = String::new();
        if let Some(p) = person {
            binds.push(p.to_string());
            filters.push_str(&format!(" AND c.person_id = ${}", 5 + binds.len()));
        }
        if let Some(st) = status {
            binds.push(st.as_str().to_owned());
            filters.push_str(&format!(" AND c.status = ${}", 5 + binds.len()));
        }
        match assignee {
            Some(crate::persons::WorkerFilter::Assigned(u)) => {
                binds.push(u.to_string());
                filters.push_str(&format!(" AND c.assigned_to = ${}", 5 + binds.len()));
            }
            Some(crate::persons::WorkerFilter::Nobody) => filters.push_str(" AND c.assigned_to IS NULL"),
            None => {}
        }
        let sql = format!(
            "SELECT c.*{} FROM cases c{} WHERE {}{filters} ORDER BY c.created_at DESC, c.id DESC LIMIT $4 OFFSET $5",
            reach.columns, reach.joins, reach.condition
        );
        let mut q = reach.bind(sqlx::query(&sql)).bind(size + 1).bind(offset);
        for b in binds {
            q = q.bind(b);
        }
        let rows = q.fetch_all(&self.pool).await?;
        let has_more = rows.len() as i64 > size;
        // r16: a row whose relationship is not backed by a sealed row is
        // left out (a tampered one raises its alarm in `row_categories`).
        let mut items = Vec::new();
        for r in rows.iter().take(page.size as usize) {
            match row_categories(self, scope, r) {
                Ok(Some(_)) => items.push(case_from_row(r)?),
                Ok(None) | Err(StoreError::Integrity(_)) => {}
                Err(e) => return Err(e),
            }
        }
        let ids: Vec<String> = items.iter().map(|c| c.id.to_string()).collect();
        let refs: Vec<&str> = if ids.is_empty() { vec![""] } else { ids.iter().map(String::as_str).collect() };
        self.audit_read(scope, Action::List, RecordKind::Case, &refs, "ok").await?;
        Ok(Listing { items, has_more })
    }

    /// The person's wrapped key and what the reader may see of the case's notes.
    async fn case_person_key<'e, E>(&self, exec: E, scope: &Scope, case: &str) -> Result<Option<NoteAccess>>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let reach = ReachSql::cases(scope, 2);
        let sql = format!(
            "SELECT c.person_id, k.wrapped{} FROM cases c LEFT JOIN person_keys k ON k.person_id = c.person_id \
             {} WHERE c.id = $1 AND {}",
            reach.columns, reach.joins, reach.condition
        );
        let row = reach.bind(sqlx::query(&sql).bind(case)).fetch_optional(exec).await?;
        match row {
            None => Ok(None),
            Some(r) => Ok(Some(NoteAccess {
                person_id: r.try_get("person_id")?,
                wrapped: r.try_get("wrapped")?,
                categories: row_categories(self, scope, &r)?.unwrap_or(Categories::NONE),
            })),
        }
    }

    pub async fn add_note(&self, scope: &Scope, case: CaseId, body: &NoteBody) -> Result<NoteId> {
        require(scope, Permission::WriteCase)?;
        let case_s = case.to_string();
        let mut tx = self.begin().await?;
        let id = match self.insert_note(&mut tx, scope, &case_s, body).await {
            Err(StoreError::NotFound) => {
                self.append_scoped(&mut tx, scope, Action::Create, RecordKind::Note, &case_s, "not_found").await?;
                tx.commit().await?;
                return Err(StoreError::NotFound);
            }
            r => r?,
        };
        tx.commit().await?;
        Ok(id)
    }

    async fn insert_note(
        &self,
        tx: &mut crate::WriteTx,
        scope: &Scope,
        case_s: &str,
        body: &NoteBody,
    ) -> Result<NoteId> {
        let Some(NoteAccess { person_id, wrapped, categories }) =
            self.case_person_key(&mut **tx, scope, case_s).await?
        else {
            return Err(StoreError::NotFound);
        };
        if !categories.contains(Category::Narrative) {
            return Err(StoreError::Denied);
        }
        let wrapped = wrapped.ok_or(StoreError::Erased)?;
        let dek = self.keys().unwrap(&person_id, &wrapped)?;
        let id = NoteId::from_random_bytes(new_id_bytes());
        let id_s = id.to_string();
        let sealed = dek.seal(&id_s, "body", body.as_str())?;
        sqlx::query("INSERT INTO case_notes (id, case_id, author_id, created_at, body) VALUES ($1, $2, $3, $4, $5)")
            .bind(&id_s)
            .bind(case_s)
            .bind(scope.actor().to_string())
            .bind(now_ms())
            .bind(sealed)
            .execute(&mut **tx)
            .await?;
        sqlx::query("UPDATE cases SET updated_at = $1 WHERE id = $2")
            .bind(now_ms())
            .bind(case_s)
            .execute(&mut **tx)
            .await?;
        self.append_scoped(tx, scope, Action::Create, RecordKind::Note, &id_s, "ok").await?;
        Ok(id)
    }

    pub async fn list_notes(&self, scope: &Scope, case: CaseId) -> Result<Vec<NoteView>> {
        require(scope, Permission::ReadCase)?;
        let case_s = case.to_string();
        let Some(NoteAccess { person_id, wrapped, categories }) =
            self.case_person_key(&self.pool, scope, &case_s).await?
        else {
            self.audit_read(scope, Action::List, RecordKind::Note, &[&case_s], "not_found").await?;
            return Err(StoreError::NotFound);
        };
        // Without the narrative category the reader learns that notes exist, not what they say.
        let wrapped = if categories.contains(Category::Narrative) { wrapped } else { None };
        let rows = sqlx::query("SELECT * FROM case_notes WHERE case_id = $1 ORDER BY created_at, id LIMIT 500")
            .bind(&case_s)
            .fetch_all(&self.pool)
            .await?;
        let dek = wrapped.map(|w| self.keys().unwrap(&person_id, &w)).transpose()?;
        let mut notes = Vec::with_capacity(rows.len());
        for r in &rows {
            let id_s: String = r.try_get("id")?;
            let author: String = r.try_get("author_id")?;
            let body: Option<Vec<u8>> = r.try_get("body")?;
            let body = match (&dek, body) {
                (Some(k), Some(ct)) => Some(k.open(&id_s, "body", &ct)?),
                _ => None,
            };
            notes.push(NoteView {
                id: id_s.parse()?,
                case_id: case,
                author_id: author.parse()?,
                created_at_ms: r.try_get("created_at")?,
                body,
            });
        }
        let ids: Vec<String> = notes.iter().map(|n| n.id.to_string()).collect();
        let refs: Vec<&str> =
            if ids.is_empty() { vec![case_s.as_str()] } else { ids.iter().map(String::as_str).collect() };
        self.audit_read(scope, Action::Read, RecordKind::Note, &refs, "ok").await?;
        Ok(notes)
    }
}
