//! Return-risk assessments, return plans and the child pathway (R20–R22).
//! The rules live in `haven_core::protection`; this module gathers the
//! person's file for them, inside the same transaction that writes.

use std::collections::BTreeMap;

use haven_core::access::{Category, Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::ids::{PersonId, ProtectionId};
use haven_core::person::{format_date, parse_date, Birth};
use haven_core::protection::{admit, decode_fields, encode_fields, Context, Kind, Record};
use sqlx::Row;

use crate::crypto::DataKey;
use crate::reach::{row_categories, ReachSql};
use crate::{new_id_bytes, now_ms, require, Result, Store, StoreError};

/// A record as a reader sees it. `fields` is empty for a reader who may not
/// see the person's account (the narrative category).
#[derive(Debug, Clone)]
pub struct ProtectionView {
    pub id: ProtectionId,
    pub record: Record,
}

/// What the rules need about the person, and the key to their fields.
struct Subject {
    key: DataKey,
    /// The reader may see the person's account (the fields of each record).
    may_read: bool,
    may_be_child: bool,
}

impl Store {
    async fn protection_subject<'e, E>(&self, scope: &Scope, person: &str, exec: E) -> Result<Subject>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT p.birth, k.wrapped{} FROM persons p LEFT JOIN person_keys k ON k.person_id = p.id \
             {} WHERE p.id = $1 AND {}",
            reach.columns, reach.joins, reach.condition
        );
        let row = reach.bind(sqlx::query(&sql).bind(person)).fetch_optional(exec).await?.ok_or(StoreError::NotFound)?;
        let may_read = row_categories(self, scope, &row)?.is_some_and(|c| c.contains(Category::Narrative));
        let Some(wrapped) = row.try_get::<Option<Vec<u8>>, _>("wrapped")? else { return Err(StoreError::Erased) };
        let dek = self.keys().unwrap(person, &wrapped)?;
        // Age decides the pathway even for a reader who may not see the
        // narrative: a possible child is always treated as one (R02, R20).
        let birth = match row.try_get::<Option<Vec<u8>>, _>("birth")? {
            Some(ct) => Birth::decode(&dek.open(person, "birth", &ct)?),
            None => None,
        };
        Ok(Subject { may_be_child: birth.is_none_or(|b| b.may_be_child(crate::today())), key: dek, may_read })
    }

    /// The person's records. Kind, status and due dates open with the
    /// person's key for any reader who reaches the person (the task list
    /// needs them); the fields only with `may_read`.
    async fn protection_rows<'e, E>(
        &self,
        person: &str,
        key: &DataKey,
        may_read: bool,
        exec: E,
    ) -> Result<Vec<ProtectionView>>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let dek = may_read.then_some(key);
        let rows = sqlx::query(&format!(
            "SELECT {}, t.status, t.body, t.made_on, t.due_dates FROM protection_records t \
             WHERE t.person_id = $1 ORDER BY t.created_at DESC",
            crate::integrity::select_cols(&crate::integrity::PROTECTION_RECORDS, "t", "")
        ))
        .bind(person)
        .fetch_all(exec)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: String = r.try_get("id")?;
            // The kind tag decides the deadlines: it must be this row's.
            if !crate::integrity::row_ok(self.keys(), &crate::integrity::PROTECTION_RECORDS, r, "")? {
                self.alarm_soon(haven_core::audit::RecordKind::Person, id, "protection_records");
                return Err(StoreError::Integrity("protection_records".into()));
            }
            let fields = match (dek, r.try_get::<Option<Vec<u8>>, _>("body")?) {
                (Some(k), Some(ct)) => decode_fields(&k.open(&id, "body", &ct)?).ok_or(StoreError::Crypto)?,
                _ => BTreeMap::new(),
            };
            let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
            let kind = self.untag(
                crate::integrity::tags::PROTECTION_KIND,
                &r.try_get::<String, _>("org_id")?,
                &r.try_get::<String, _>("kind")?,
                &kinds,
            )?;
            let made_on: String = r.try_get("made_on")?;
            let due = key.open_hex(&id, "due_dates", &r.try_get::<String, _>("due_dates")?)?;
            out.push(ProtectionView {
                record: Record {
                    kind: Kind::parse(kind)?,
                    status: key.open_hex(&id, "status", &r.try_get::<String, _>("status")?)?,
                    fields,
                    made_on: parse_date(&made_on).unwrap_or_else(crate::today),
                    due_on: due.split(' ').find_map(parse_date),
                },
                id: id.parse()?,
            });
        }
        Ok(out)
    }

    /// Records a protection step if the rules allow it given the person's
    /// file; otherwise the refusal names the rule (R20, R21, R22).
    pub async fn record_protection(
        &self,
        scope: &Scope,
        person: PersonId,
        kind: Kind,
        input: &BTreeMap<String, String>,
    ) -> Result<ProtectionId> {
        require(scope, Permission::WriteCase)?;
        let person_s = person.to_string();
        let mut tx = self.begin().await?;
        let subject = self.protection_subject(scope, &person_s, &mut *tx).await?;
        // The rules weigh the whole file, so writing needs the narrative.
        if !subject.may_read {
            return Err(StoreError::Denied);
        }
        let dek = subject.key;
        let existing: Vec<Record> =
            self.protection_rows(&person_s, &dek, true, &mut *tx).await?.into_iter().map(|v| v.record).collect();
        let ctx = Context { today: crate::today(), may_be_child: subject.may_be_child, existing: &existing };
        let record = admit(kind, input, &ctx)?;
        let typed = ProtectionId::from_random_bytes(new_id_bytes());
        let id = typed.to_string();
        let due_dates = match kind {
            Kind::ReturnPlan => haven_core::protection::follow_ups(std::slice::from_ref(&record))
                .into_iter()
                .map(format_date)
                .collect::<Vec<_>>()
                .join(" "),
            _ => record.due_on.map(format_date).unwrap_or_default(),
        };
        sqlx::query(
            "INSERT INTO protection_records (id, person_id, org_id, kind, status, body, made_on, due_dates, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&id)
        .bind(&person_s)
        .bind(scope.org().to_string())
        .bind(self.tag(crate::integrity::tags::PROTECTION_KIND, &scope.org().to_string(), kind.as_str()))
        .bind(dek.seal_hex(&id, "status", &record.status)?)
        .bind(dek.seal(&id, "body", &encode_fields(&record.fields))?)
        .bind(format_date(record.made_on))
        .bind(dek.seal_hex(&id, "due_dates", &due_dates)?)
        .bind(scope.actor().to_string())
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        self.seal_row(&mut tx, &crate::integrity::PROTECTION_RECORDS, &id).await?;
        // Which step was taken stays out of the clear audit log too.
        self.append_scoped(&mut tx, scope, Action::Create, RecordKind::Person, &id, "protection_record").await?;
        tx.commit().await?;
        Ok(typed)
    }

    /// The person's protection file, newest first, and whether they are on
    /// the child pathway.
    pub async fn list_protection(&self, scope: &Scope, person: PersonId) -> Result<(Vec<ProtectionView>, bool)> {
        require(scope, Permission::ReadCase)?;
        let person_s = person.to_string();
        let subject = self.protection_subject(scope, &person_s, &self.pool).await?;
        let rows = self.protection_rows(&person_s, &subject.key, subject.may_read, &self.pool).await?;
        self.audit_read(scope, Action::List, RecordKind::Person, &[&person_s], "protection").await?;
        Ok((rows, subject.may_be_child))
    }
}
