//! Turning a scope's [`Reach`](haven_core::access::Reach) into SQL.
//!
//! Every query over persons or cases is restricted by one of these
//! conditions, and selects the relationship columns `rel_assigned` and
//! `rel_granted` so the store can decide per row which categories of field it
//! may open. Parameters are numbered from the caller's `start`; the same
//! number may appear more than once (both engines bind it once).

use haven_core::access::Scope;

pub(crate) struct ReachSql {
    /// `WHERE`-ready condition.
    pub condition: String,
    /// `, CAST(...) AS rel_assigned, CAST(...) AS rel_granted`.
    pub columns: String,
    pub org: String,
    pub user: String,
    pub now: i64,
}

impl ReachSql {
    /// For persons aliased `p`. A person is "assigned" to the user who
    /// created them or whose case for them is assigned to the user.
    pub(crate) fn persons(scope: &Scope, start: usize) -> Self {
        let (a, b, c) = (start, start + 1, start + 2);
        let assigned = format!(
            "(p.created_by = ${b} OR EXISTS (SELECT 1 FROM cases rc WHERE rc.person_id = p.id AND rc.assigned_to = ${b}))"
        );
        Self::build(scope, a, &assigned, "p.id", b, c)
    }

    /// For cases aliased `c`: assigned means assigned to the user.
    pub(crate) fn cases(scope: &Scope, start: usize) -> Self {
        let (a, b, c) = (start, start + 1, start + 2);
        let assigned = format!("(c.assigned_to = ${b})");
        Self::build(scope, a, &assigned, "c.person_id", b, c)
    }

    fn build(scope: &Scope, a: usize, assigned: &str, person_col: &str, b: usize, c: usize) -> Self {
        let granted = format!(
            "EXISTS (SELECT 1 FROM access_grants g WHERE g.person_id = {person_col} AND g.user_id = ${b} AND g.expires_at > ${c})"
        );
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
        Self {
            condition: format!("{org_col} = ${a} AND ({})", any.join(" OR ")),
            columns: format!(
                ", CAST(CASE WHEN {assigned} THEN 1 ELSE 0 END AS BIGINT) AS rel_assigned, \
                 CAST(CASE WHEN {granted} THEN 1 ELSE 0 END AS BIGINT) AS rel_granted"
            ),
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

/// The categories a row's relationship opens, from its `rel_*` columns.
pub(crate) fn row_categories(
    scope: &Scope,
    row: &sqlx::any::AnyRow,
) -> crate::Result<Option<haven_core::access::Categories>> {
    use sqlx::Row;
    let assigned = row.try_get::<i64, _>("rel_assigned")? != 0;
    let granted = row.try_get::<i64, _>("rel_granted")? != 0;
    Ok(scope.reach().categories_for(assigned, granted))
}
