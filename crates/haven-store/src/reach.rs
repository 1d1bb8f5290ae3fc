//! Turning a scope's [`Reach`](haven_core::access::Reach) into SQL.
//!
//! Every query over persons or cases is restricted by one of these
//! conditions, and selects the relationship columns `rel_assigned` and
//! `rel_granted` so the store can decide per row which categories of field it
//! may open. Parameters are numbered from the caller's `start`; the same
//! number may appear more than once (both engines bind it once).
//!
//! SQL decides which rows come back, but SQL is what an insider can edit. So
//! the query also returns the evidence for each relationship (the person's
//! organisation and creator, the assigned case, the break-glass grant) with
//! its keyed MAC, and [`row_categories`] opens nothing unless that evidence
//! is as haven wrote it (see [`crate::integrity`]).

use haven_core::access::Scope;
use haven_core::audit::RecordKind;
use sqlx::Row;

use crate::integrity::{self, row_ok};
use crate::{Store, StoreError};

pub(crate) struct ReachSql {
    /// `WHERE`-ready condition.
    pub condition: String,
    /// `, CAST(...) AS rel_assigned, CAST(...) AS rel_granted`, and the evidence.
    /// The evidence names the tables [`Self::joins`] brings in, so a query
    /// that forgets them fails rather than opening records unchecked.
    pub columns: String,
    /// The `LEFT JOIN`s that bring each relationship's row: they go after the
    /// query's own `FROM` and joins, before its `WHERE`.
    pub joins: String,
    pub org: String,
    pub user: String,
    pub now: i64,
}

/// A `LEFT JOIN` of the first row (by id) of `spec.table` that matches
/// `filter`, aliased `alias`. One join brings the whole row back for its MAC
/// check: a scalar subquery per column, as before, was one index probe per
/// MAC'd field per row, and cost get person a third of its throughput at
/// 1,000,000 people (issue 12).
fn proof_join(spec: &integrity::MacSpec, alias: &str, inner: &str, filter: &str) -> String {
    let (table, id) = (spec.table, spec.id);
    format!(
        " LEFT JOIN {table} {alias} ON {alias}.{id} = \
         (SELECT {inner}.{id} FROM {table} {inner} WHERE {filter} ORDER BY {inner}.{id} LIMIT 1)"
    )
}

impl ReachSql {
    /// For persons aliased `p`. A person is "assigned" to the user who
    /// created them or whose case for them is assigned to the user.
    pub(crate) fn persons(scope: &Scope, start: usize) -> Self {
        let (a, b, c) = (start, start + 1, start + 2);
        let assigned = format!(
            "(p.created_by = ${b} OR EXISTS (SELECT 1 FROM cases rc WHERE rc.person_id = p.id AND rc.assigned_to = ${b}))"
        );
        let mut s =
            Self::build(scope, a, (&assigned, &format!("(p.created_by = ${b} OR rpc.id IS NOT NULL)")), "p.id", b, c);
        s.columns.push_str(&format!(", {}", integrity::select_cols(&integrity::PERSONS, "p", "rp_")));
        s.columns.push_str(&format!(", {}", integrity::select_cols(&integrity::CASES, "rpc", "pcase_")));
        s.joins.push_str(&proof_join(
            &integrity::CASES,
            "rpc",
            "pc",
            &format!("pc.person_id = p.id AND pc.assigned_to = ${b}"),
        ));
        s
    }

    /// For cases aliased `c`: assigned means assigned to the user.
    pub(crate) fn cases(scope: &Scope, start: usize) -> Self {
        let (a, b, c) = (start, start + 1, start + 2);
        let assigned = format!("(c.assigned_to = ${b})");
        let mut s = Self::build(scope, a, (&assigned, &assigned), "c.person_id", b, c);
        s.columns.push_str(&format!(", {}", integrity::select_cols(&integrity::CASES, "c", "rc_")));
        s
    }

    /// `assigned` is the relationship as a condition on the query's own rows
    /// (for `WHERE`) and as the same test over the joined evidence (for
    /// `rel_assigned`), which saves probing the same rows twice.
    fn build(scope: &Scope, a: usize, assigned: (&str, &str), person_col: &str, b: usize, c: usize) -> Self {
        let (assigned, assigned_col) = assigned;
        let grant_filter = format!("g.person_id = {person_col} AND g.user_id = ${b} AND g.expires_at > ${c}");
        let granted = format!("EXISTS (SELECT 1 FROM access_grants g WHERE {grant_filter})");
        let reach = scope.reach();
        let mut any = Vec::new();
        if reach.org_wide.is_some() {
            any.push("1 = 1".to_owned());
        }
        if !reach.assigned.is_empty() {
            any.push(assigned.to_owned());
        }
        if !reach.granted.is_empty() {
            any.push(granted.clone());
        }
        if any.is_empty() {
            any.push("1 = 0".to_owned());
        }
        let org_col = if person_col == "p.id" { "p.org_id" } else { "c.org_id" };
        let mut columns = format!(
            ", CAST(CASE WHEN {assigned_col} THEN 1 ELSE 0 END AS BIGINT) AS rel_assigned, \
             CAST(CASE WHEN rg.id IS NOT NULL THEN 1 ELSE 0 END AS BIGINT) AS rel_granted"
        );
        columns.push_str(&format!(", {}", integrity::select_cols(&integrity::ACCESS_GRANTS, "rg", "grant_")));
        Self {
            condition: format!("{org_col} = ${a} AND ({})", any.join(" OR ")),
            columns,
            joins: proof_join(&integrity::ACCESS_GRANTS, "rg", "g", &grant_filter),
            org: scope.org().to_string(),
            user: scope.actor().to_string(),
            now: crate::now_ms(),
        }
    }

    /// Binds the three parameters, in order, onto a query.
    pub(crate) fn bind<'q>(
        &self,
        q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        q.bind(self.org.clone()).bind(self.user.clone()).bind(self.now)
    }
}

fn has_column(row: &sqlx::any::AnyRow, name: &str) -> bool {
    use sqlx::Column;
    row.columns().iter().any(|c| c.name() == name)
}

/// The categories a row's relationship opens, from its `rel_*` columns,
/// after checking the evidence for each relationship against its MAC. A row
/// whose evidence was edited in SQL opens nothing, and an alarm is recorded.
pub(crate) fn row_categories(
    store: &Store,
    scope: &Scope,
    row: &sqlx::any::AnyRow,
) -> crate::Result<Option<haven_core::access::Categories>> {
    categories(store, scope, row, true)
}

/// As [`row_categories`], through the reader's own relationship to the
/// record only (assignment, creation, the organisation's reach), never an
/// emergency grant: what a grant opens is for reading in an emergency, not
/// for taking the case over (issue 13, insider review).
pub(crate) fn own_categories(
    store: &Store,
    scope: &Scope,
    row: &sqlx::any::AnyRow,
) -> crate::Result<Option<haven_core::access::Categories>> {
    categories(store, scope, row, false)
}

/// The row, if its sealed relationship opens it to the reader: for reads
/// that open nothing sealed themselves (a case's metadata, an access log,
/// erasure) and would otherwise trust the SQL condition alone (r16).
pub(crate) fn opened(
    store: &Store,
    scope: &Scope,
    row: Option<sqlx::any::AnyRow>,
) -> crate::Result<Option<sqlx::any::AnyRow>> {
    match row {
        Some(r) if row_categories(store, scope, &r)?.is_some() => Ok(Some(r)),
        _ => Ok(None),
    }
}

fn categories(
    store: &Store,
    scope: &Scope,
    row: &sqlx::any::AnyRow,
    with_grants: bool,
) -> crate::Result<Option<haven_core::access::Categories>> {
    let keys = store.keys();
    let user = scope.actor().to_string();
    let org = scope.org().to_string();
    let tampered = |kind: RecordKind, id: String, table: &'static str| {
        store.alarm_soon(kind, id, table);
        Err(StoreError::Integrity(table.to_owned()))
    };
    // The person's (or case's) own organisation and creator.
    let (person_id, creator) = if has_column(row, "rp_id") {
        if !row_ok(keys, &integrity::PERSONS, row, "rp_")? {
            return tampered(RecordKind::Person, row.try_get("rp_id")?, "persons");
        }
        if row.try_get::<String, _>("rp_org_id")? != org {
            return tampered(RecordKind::Person, row.try_get("rp_id")?, "persons");
        }
        (row.try_get::<String, _>("rp_id")?, row.try_get::<Option<String>, _>("rp_created_by")?)
    } else {
        if !row_ok(keys, &integrity::CASES, row, "rc_")? {
            return tampered(RecordKind::Case, row.try_get("rc_id")?, "cases");
        }
        if row.try_get::<String, _>("rc_org_id")? != org {
            return tampered(RecordKind::Case, row.try_get("rc_id")?, "cases");
        }
        (row.try_get::<String, _>("rc_person_id")?, None)
    };
    let mut assigned = row.try_get::<i64, _>("rel_assigned")? != 0;
    if assigned {
        let justified = if has_column(row, "rc_id") {
            // A case row: assigned means this (verified) case names the user.
            row.try_get::<Option<String>, _>("rc_assigned_to")?.as_deref() == Some(user.as_str())
        } else if creator.as_deref() == Some(user.as_str()) {
            true
        } else {
            // Assigned through a case: that case must be genuine.
            match row.try_get::<Option<String>, _>("pcase_id")? {
                Some(case_id) => {
                    if !row_ok(keys, &integrity::CASES, row, "pcase_")? {
                        return tampered(RecordKind::Case, case_id, "cases");
                    }
                    row.try_get::<Option<String>, _>("pcase_person_id")?.as_deref() == Some(person_id.as_str())
                        && row.try_get::<Option<String>, _>("pcase_org_id")?.as_deref() == Some(org.as_str())
                        && row.try_get::<Option<String>, _>("pcase_assigned_to")?.as_deref() == Some(user.as_str())
                }
                None => false,
            }
        };
        assigned = justified;
    }
    let mut granted = with_grants && row.try_get::<i64, _>("rel_granted")? != 0;
    if granted {
        match row.try_get::<Option<String>, _>("grant_id")? {
            Some(grant_id) => {
                if !row_ok(keys, &integrity::ACCESS_GRANTS, row, "grant_")? {
                    return tampered(RecordKind::Grant, grant_id, "access_grants");
                }
                granted = row.try_get::<Option<String>, _>("grant_person_id")?.as_deref() == Some(person_id.as_str())
                    && row.try_get::<Option<String>, _>("grant_org_id")?.as_deref() == Some(org.as_str())
                    && row.try_get::<Option<String>, _>("grant_user_id")?.as_deref() == Some(user.as_str());
            }
            None => granted = false,
        }
    }
    Ok(scope.reach().categories_for(assigned, granted))
}

impl Store {
    /// Records an integrity alarm without waiting (for checks made where
    /// the caller cannot wait); the request itself fails at once.
    pub(crate) fn alarm_soon(&self, kind: RecordKind, id: String, table: &'static str) {
        let store = self.clone();
        tokio::spawn(async move {
            store.integrity_alarm(kind, &id, table).await;
        });
    }
}
