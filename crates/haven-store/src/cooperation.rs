//! The restricted cooperation record (R15). This is the only module that
//! names its table; no other query reads or joins it (the architecture test
//! `r15_cooperation_is_read_only_by_its_own_module` holds that), so no
//! assistance decision, task or report can depend on it.

use haven_core::access::{Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::cooperation::Entry;
use haven_core::ids::{CooperationId, PersonId};
use sqlx::Row;

use crate::{new_id_bytes, now_ms, require, Result, Store, StoreError};

#[derive(Debug, Clone)]
pub struct CooperationView {
    pub id: CooperationId,
    pub entry: Entry,
    pub recorded_at_ms: i64,
}

impl Store {
    pub async fn record_cooperation(&self, scope: &Scope, person: PersonId, entry: &Entry) -> Result<CooperationId> {
        require(scope, Permission::RecordCooperation)?;
        let person_s = person.to_string();
        let mut tx = self.begin().await?;
        let dek = self.owned_person_key(&mut tx, scope, &person_s).await?;
        let typed = CooperationId::from_random_bytes(new_id_bytes());
        let id = typed.to_string();
        let body = dek.seal(&id, "body", &format!("{}\n{}", entry.status, entry.note))?;
        sqlx::query(
            "INSERT INTO cooperation_records (id, person_id, org_id, body, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(&person_s)
        .bind(scope.org().to_string())
        .bind(body)
        .bind(scope.actor().to_string())
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        self.append_scoped(&mut tx, scope, Action::Create, RecordKind::Cooperation, &id, "ok").await?;
        tx.commit().await?;
        Ok(typed)
    }

    /// Newest first.
    pub async fn list_cooperation(&self, scope: &Scope, person: PersonId) -> Result<Vec<CooperationView>> {
        require(scope, Permission::RecordCooperation)?;
        let person_s = person.to_string();
        let mut tx = self.begin().await?;
        let dek = self.reachable_person_key(&mut tx, scope, &person_s).await?;
        let rows = sqlx::query(
            "SELECT id, body, recorded_at FROM cooperation_records WHERE person_id = $1 AND org_id = $2 \
             ORDER BY recorded_at DESC",
        )
        .bind(&person_s)
        .bind(scope.org().to_string())
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: String = r.try_get("id")?;
            let Some(ct) = r.try_get::<Option<Vec<u8>>, _>("body")? else { continue };
            let body = dek.open(&id, "body", &ct)?;
            let (status, note) = body.split_once('\n').ok_or(StoreError::Crypto)?;
            out.push(CooperationView {
                entry: Entry::parse(status, note)?,
                recorded_at_ms: r.try_get("recorded_at")?,
                id: id.parse()?,
            });
        }
        self.audit_read(scope, Action::List, RecordKind::Cooperation, &[&person_s], "ok").await?;
        Ok(out)
    }
}

/// Erasure removes the record outright, inside the erasure's transaction.
pub(crate) async fn erase(tx: &mut crate::WriteTx, person: &str) -> Result<()> {
    sqlx::query("DELETE FROM cooperation_records WHERE person_id = $1").bind(person).execute(&mut **tx).await?;
    Ok(())
}
