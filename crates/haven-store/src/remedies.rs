//! Past penalties for expungement (R14).

use haven_core::access::{Category, Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::ids::{PenaltyId, PersonId};
use haven_core::person::format_date;
use haven_core::remedy::{Expungement, Penalty, PenaltyKind};
use sqlx::Row;

use crate::reach::{row_categories, ReachSql};
use crate::{new_id_bytes, now_ms, require, Result, Store, StoreError};

#[derive(Debug, Clone)]
pub struct PenaltyView {
    pub id: PenaltyId,
    pub kind: PenaltyKind,
    pub country: String,
    pub imposed_on: Option<String>,
    /// `None` for readers without the forced-acts category.
    pub offence: Option<String>,
    pub consequence_of_trafficking: bool,
    pub expungement: Expungement,
}

impl Store {
    pub async fn record_penalty(&self, scope: &Scope, person: PersonId, p: &Penalty) -> Result<PenaltyId> {
        require(scope, Permission::WriteCase)?;
        let person_s = person.to_string();
        let typed = PenaltyId::from_random_bytes(new_id_bytes());
        let id = typed.to_string();
        let mut tx = self.begin().await?;
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT k.wrapped{} FROM persons p LEFT JOIN person_keys k ON k.person_id = p.id {} WHERE p.id = $1 AND {}",
            reach.columns, reach.joins, reach.condition
        );
        let row = reach
            .bind(sqlx::query(&sql).bind(&person_s))
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        if !row_categories(self, scope, &row)?.is_some_and(|c| c.contains(Category::ForcedActs)) {
            return Err(StoreError::Denied);
        }
        let wrapped: Vec<u8> = row.try_get::<Option<Vec<u8>>, _>("wrapped")?.ok_or(StoreError::Erased)?;
        let dek = self.keys().unwrap(&person_s, &wrapped)?;
        let now = now_ms();
        sqlx::query(
            "INSERT INTO penalties (id, person_id, org_id, kind, country, imposed_on, offence, consequence, expungement, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&id)
        .bind(&person_s)
        .bind(scope.org().to_string())
        .bind(dek.seal_hex(&id, "kind", p.kind.as_str())?)
        .bind(dek.seal_hex(&id, "country", p.country.as_str())?)
        .bind(p.imposed_on.map(|d| dek.seal_hex(&id, "imposed_on", &format_date(d))).transpose()?)
        .bind(dek.seal(&id, "offence", &p.offence)?)
        .bind(dek.seal_hex(&id, "consequence", if p.consequence_of_trafficking { "1" } else { "0" })?)
        .bind(dek.seal_hex(&id, "expungement", p.expungement.as_str())?)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        self.append_scoped(&mut tx, scope, Action::Create, RecordKind::Person, &id, "penalty").await?;
        tx.commit().await?;
        Ok(typed)
    }

    pub async fn list_penalties(&self, scope: &Scope, person: PersonId) -> Result<Vec<PenaltyView>> {
        require(scope, Permission::ReadCase)?;
        let person_s = person.to_string();
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT k.wrapped{} FROM persons p LEFT JOIN person_keys k ON k.person_id = p.id {} WHERE p.id = $1 AND {}",
            reach.columns, reach.joins, reach.condition
        );
        let prow = reach
            .bind(sqlx::query(&sql).bind(&person_s))
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        let may_read = row_categories(self, scope, &prow)?.is_some_and(|c| c.contains(Category::ForcedActs));
        // Kind, country and status open for anyone who reaches the person;
        // the offence only with the forced-acts category.
        let Some(key) =
            prow.try_get::<Option<Vec<u8>>, _>("wrapped")?.map(|w| self.keys().unwrap(&person_s, &w)).transpose()?
        else {
            return Err(StoreError::Erased);
        };
        let dek = may_read.then_some(&key);
        let rows = sqlx::query("SELECT * FROM penalties WHERE person_id = $1 ORDER BY created_at")
            .bind(&person_s)
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: String = r.try_get("id")?;
            let open = |col: &str| -> Result<String> { key.open_hex(&id, col, &r.try_get::<String, _>(col)?) };
            let offence = match (dek, r.try_get::<Option<Vec<u8>>, _>("offence")?) {
                (Some(k), Some(ct)) => Some(k.open(&id, "offence", &ct)?),
                _ => None,
            };
            out.push(PenaltyView {
                kind: PenaltyKind::parse(&open("kind")?)?,
                country: open("country")?,
                imposed_on: r
                    .try_get::<Option<String>, _>("imposed_on")?
                    .map(|v| key.open_hex(&id, "imposed_on", &v))
                    .transpose()?,
                offence,
                consequence_of_trafficking: open("consequence")? == "1",
                expungement: Expungement::parse(&open("expungement")?)?,
                id: id.parse()?,
            });
        }
        self.audit_read(scope, Action::List, RecordKind::Person, &[&person_s], "penalties").await?;
        Ok(out)
    }

    /// Follows an expungement request: requested, granted or refused.
    /// Returns the person the penalty belongs to.
    pub async fn set_expungement(&self, scope: &Scope, penalty: PenaltyId, status: Expungement) -> Result<PersonId> {
        require(scope, Permission::WriteCase)?;
        let penalty: &str = &penalty.to_string();
        let mut tx = self.begin().await?;
        let row = sqlx::query("SELECT person_id FROM penalties WHERE id = $1 AND org_id = $2")
            .bind(penalty)
            .bind(scope.org().to_string())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let person: String = row.try_get("person_id")?;
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT p.id, k.wrapped{} FROM persons p LEFT JOIN person_keys k ON k.person_id = p.id {} WHERE p.id = $1 AND {}",
            reach.columns, reach.joins, reach.condition
        );
        let prow =
            reach.bind(sqlx::query(&sql).bind(&person)).fetch_optional(&mut *tx).await?.ok_or(StoreError::NotFound)?;
        row_categories(self, scope, &prow)?.ok_or(StoreError::NotFound)?;
        // r16: recording an expungement changes the file; not through an emergency grant.
        if crate::reach::own_categories(self, scope, &prow)?.is_none() {
            return Err(StoreError::Denied);
        }
        let wrapped: Vec<u8> = prow.try_get::<Option<Vec<u8>>, _>("wrapped")?.ok_or(StoreError::Erased)?;
        let key = self.keys().unwrap(&person, &wrapped)?;
        sqlx::query("UPDATE penalties SET expungement = $1, updated_at = $2 WHERE id = $3")
            .bind(key.seal_hex(penalty, "expungement", status.as_str())?)
            .bind(now_ms())
            .bind(penalty)
            .execute(&mut *tx)
            .await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Person, penalty, "expungement").await?;
        tx.commit().await?;
        Ok(person.parse()?)
    }
}
