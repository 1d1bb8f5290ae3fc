//! Duplicate person records merged into the one kept (issue 13): proposed,
//! then confirmed or undone, by a supervisor. See [`haven_core::merge`].

use haven_core::access::{Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::ids::{MergeId, PersonId};
use haven_core::merge::{self, MergeStatus, MergeStep};
use haven_core::person::PersonRecord;
use sqlx::Row;

use crate::integrity::PERSON_MERGES;
use crate::{new_id_bytes, now_ms, require, today, Result, Store, StoreError};

#[derive(Debug, Clone)]
pub struct MergeView {
    pub id: MergeId,
    pub kept: PersonId,
    pub merged: PersonId,
    pub status: MergeStatus,
    /// Usernames, where the account still exists.
    pub proposed_by: Option<String>,
    pub proposed_at_ms: i64,
    pub decided_by: Option<String>,
    pub decided_at_ms: Option<i64>,
}

/// The merge with its evidence (`select_cols`, which for a bound table
/// also reads the row's latest write event) and the deciders' names.
fn select() -> String {
    format!(
        "SELECT {}, pu.username AS proposer, du.username AS decider FROM person_merges m \
         LEFT JOIN users pu ON pu.id = m.proposed_by LEFT JOIN users du ON du.id = m.decided_by",
        crate::integrity::select_cols(&PERSON_MERGES, "m", "")
    )
}

fn view(r: &sqlx::any::AnyRow) -> Result<MergeView> {
    let status: String = r.try_get("status")?;
    Ok(MergeView {
        id: r.try_get::<String, _>("id")?.parse()?,
        kept: r.try_get::<String, _>("kept_id")?.parse()?,
        merged: r.try_get::<String, _>("merged_id")?.parse()?,
        status: MergeStatus::parse(&status).ok_or_else(|| StoreError::Integrity("person_merges".into()))?,
        proposed_by: r.try_get("proposer")?,
        proposed_at_ms: r.try_get("proposed_at")?,
        decided_by: r.try_get("decider")?,
        decided_at_ms: r.try_get("decided_at")?,
    })
}

impl Store {
    /// Marks `duplicate` a duplicate of `kept`. The duplicate leaves the
    /// lists at once; nothing else changes until the merge is confirmed.
    pub async fn propose_merge(&self, scope: &Scope, kept: PersonId, duplicate: PersonId) -> Result<MergeId> {
        require(scope, Permission::MergePersons)?;
        let (kept_s, dup_s) = (kept.to_string(), duplicate.to_string());
        merge::check_pair(&kept_s, &dup_s)?;
        let mut tx = self.begin().await?;
        for id in [kept, duplicate] {
            // A merge moves what one record says into another: only one who
            // sees both whole (R17) makes one.
            match self.whole_record(&mut tx, scope, id).await {
                Ok(_) => {}
                Err(StoreError::NotFound) => {
                    tx.commit().await?;
                    return Err(StoreError::NotFound);
                }
                Err(e) => return Err(e),
            }
        }
        // A record received from a partner stays whole and apart: its sender
        // may revoke it, and what was copied into a local record would
        // outlive that (R24).
        let received: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM transfers WHERE direction = 'in' AND (person_id = $1 OR person_id = $2)",
        )
        .bind(&kept_s)
        .bind(&dup_s)
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
        if received > 0 {
            return Err(StoreError::Invalid(haven_core::ValidationError::new(
                "duplicate_id",
                "merge_received_record",
                "a record received from a partner installation cannot be merged: its sender may still withdraw it",
            )));
        }
        // No chains and no second home: a duplicate is merged once, and a
        // record merged away does not take in others.
        let busy: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM person_merges WHERE org_id = $1 AND status <> 'undone' \
             AND (merged_id = $2 OR merged_id = $3 OR kept_id = $3)",
        )
        .bind(scope.org().to_string())
        .bind(&kept_s)
        .bind(&dup_s)
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
        if busy > 0 {
            return Err(StoreError::Invalid(haven_core::ValidationError::new(
                "duplicate_id",
                "merge_already_open",
                "one of these records is already part of a merge: undo that merge first, or merge into the kept record",
            )));
        }
        let typed = MergeId::from_random_bytes(new_id_bytes());
        let id = typed.to_string();
        sqlx::query(
            "INSERT INTO person_merges (id, org_id, kept_id, merged_id, status, proposed_by, proposed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(scope.org().to_string())
        .bind(&kept_s)
        .bind(&dup_s)
        .bind(MergeStatus::Pending.as_str())
        .bind(scope.actor().to_string())
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        self.seal_row(&mut tx, &PERSON_MERGES, &id).await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Person, &dup_s, "merge_pending").await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Person, &kept_s, "merge_pending").await?;
        tx.commit().await?;
        Ok(typed)
    }

    /// Confirms or undoes a pending merge. Confirming writes the duplicate's
    /// names and what it knew into the kept record, through the same update
    /// (and field history) as an edit, in the same transaction.
    pub async fn decide_merge(&self, scope: &Scope, id: MergeId, step: MergeStep) -> Result<MergeView> {
        require(scope, Permission::MergePersons)?;
        let id: &str = &id.to_string();
        let mut tx = self.begin().await?;
        let row = sqlx::query(&format!("{} WHERE m.id = $1 AND m.org_id = $2", select()))
            .bind(id)
            .bind(scope.org().to_string())
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Person, id, "merge_not_found").await?;
            tx.commit().await?;
            return Err(StoreError::NotFound);
        };
        self.check_row(&PERSON_MERGES, &row, "").await?;
        let mut m = view(&row)?;
        let next = merge::advance(m.status, step)?;
        // The duplicate must still be wholly in the decider's reach, and for
        // a confirmation the kept record too; undoing needs only the
        // duplicate, so it can always be brought back.
        let (_, duplicate, _, duplicate_updated) = self.whole_record(&mut tx, scope, m.merged).await?;
        if next == MergeStatus::Confirmed {
            let (_, _, _, kept_updated) = self.whole_record(&mut tx, scope, m.kept).await?;
            self.update_person_in(&mut tx, scope, m.kept, |kept| {
                let merged = merge::merged_record(kept, &duplicate, duplicate_updated > kept_updated)?;
                Ok(PersonRecord::parse(&merged.to_input(), today())?)
            })
            .await?;
        }
        let now = now_ms();
        sqlx::query("UPDATE person_merges SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4")
            .bind(next.as_str())
            .bind(scope.actor().to_string())
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        self.seal_row(&mut tx, &PERSON_MERGES, id).await?;
        let outcome = if next == MergeStatus::Confirmed { "merge_confirmed" } else { "merge_undone" };
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Person, &m.merged.to_string(), outcome).await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Person, &m.kept.to_string(), outcome).await?;
        tx.commit().await?;
        m.status = next;
        m.decided_at_ms = Some(now);
        m.decided_by = None;
        Ok(m)
    }

    /// The merges a person in reach is part of, either side, newest first.
    /// A row edited in SQL raises the alarm instead of being shown.
    pub async fn merges_of(&self, scope: &Scope, person: PersonId) -> Result<Vec<MergeView>> {
        require(scope, Permission::ReadPerson)?;
        let person_s = person.to_string();
        if self.fetch_person_row(&self.pool, scope, &person_s).await?.is_none() {
            return Err(StoreError::NotFound);
        }
        let rows = sqlx::query(&format!(
            "{} WHERE m.org_id = $1 AND (m.kept_id = $2 OR m.merged_id = $2) ORDER BY m.proposed_at DESC, m.id",
            select()
        ))
        .bind(scope.org().to_string())
        .bind(&person_s)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            self.check_row(&PERSON_MERGES, r, "").await?;
            out.push(view(r)?);
        }
        Ok(out)
    }

    /// The duplicates an organisation's lists leave out: those of merges
    /// whose row is as haven wrote it. A row forged or edited in SQL hides
    /// nobody; it raises the alarm instead.
    pub(crate) async fn hidden_duplicates(&self, org: &str) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT {} FROM person_merges m WHERE m.org_id = $1 AND m.status <> 'undone'",
            crate::integrity::select_cols(&PERSON_MERGES, "m", "")
        );
        let mut out = Vec::new();
        for r in sqlx::query(&sql).bind(org).fetch_all(&self.pool).await? {
            let id: String = r.try_get("id")?;
            if crate::integrity::row_ok(self.keys(), &PERSON_MERGES, &r, "")? {
                out.push(r.try_get("merged_id")?);
            } else {
                self.alarm_soon(RecordKind::Person, id, "person_merges");
            }
        }
        Ok(out)
    }

    /// Before a person is erased: a pending merge with them is undone, so no
    /// living record stays hidden behind an erased one, and the duplicates
    /// merged into them for good are returned to be erased with them, since
    /// a confirmed duplicate is the same person (R28).
    pub(crate) async fn settle_merges_for_erasure(&self, scope: &Scope, person: &str) -> Result<Vec<String>> {
        let mut tx = self.begin().await?;
        let rows = sqlx::query(&format!(
            "{} WHERE m.org_id = $1 AND (m.kept_id = $2 OR m.merged_id = $2) AND m.status <> 'undone'",
            select()
        ))
        .bind(scope.org().to_string())
        .bind(person)
        .fetch_all(&mut *tx)
        .await?;
        let mut erase_too = Vec::new();
        for r in &rows {
            self.check_row(&PERSON_MERGES, r, "").await?;
            let m = view(r)?;
            match m.status {
                MergeStatus::Pending => {
                    sqlx::query("UPDATE person_merges SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4")
                        .bind(MergeStatus::Undone.as_str())
                        .bind(scope.actor().to_string())
                        .bind(now_ms())
                        .bind(m.id.to_string())
                        .execute(&mut *tx)
                        .await?;
                    self.seal_row(&mut tx, &PERSON_MERGES, &m.id.to_string()).await?;
                    let other = if m.kept.to_string() == person { m.merged } else { m.kept };
                    self.append_scoped(
                        &mut tx,
                        scope,
                        Action::Update,
                        RecordKind::Person,
                        &other.to_string(),
                        "merge_undone_by_erasure",
                    )
                    .await?;
                }
                MergeStatus::Confirmed if m.kept.to_string() == person => erase_too.push(m.merged.to_string()),
                MergeStatus::Confirmed | MergeStatus::Undone => {}
            }
        }
        tx.commit().await?;
        Ok(erase_too)
    }
}
