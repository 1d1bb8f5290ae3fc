use crate::kit::prelude::*;

#[derive(Serialize, ToSchema)]
pub struct AuditOut {
    seq: i64,
    at: String,
    actor: String,
    actor_name: Option<String>,
    action: String,
    record_kind: String,
    record_id: String,
    purpose: String,
    outcome: String,
}

fn audit_out(a: &haven_store::access::AuditRow) -> AuditOut {
    AuditOut {
        seq: a.seq,
        at: rfc3339(a.at_ms),
        actor: a.actor.clone(),
        actor_name: a.actor_name.clone(),
        action: a.action.clone(),
        record_kind: a.record_kind.clone(),
        record_id: a.record_id.clone(),
        purpose: a.purpose.clone(),
        outcome: a.outcome.clone(),
    }
}

/// A page of the access log.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(crate) struct LogPage {
    /// Only events older than this one (the `seq` of the last event of the
    /// previous page).
    before: Option<i64>,
    /// How many events (1–500, default 200).
    limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/access-log", params(("id" = String, Path), LogPage), tag = "access",
    responses((status = 200, description = "newest first", body = [AuditOut]), (status = 404, body = ErrorBody)))]
pub(crate) async fn access_log(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    QueryParams(page): QueryParams<LogPage>,
) -> Result<Json<Vec<AuditOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let rows = state.store.access_log(&scope, parse_id(&id)?, page.limit.unwrap_or(200), page.before).await?;
    Ok(Json(rows.iter().map(audit_out).collect()))
}

#[derive(Serialize, ToSchema)]
pub struct ReviewOut {
    kind: String,
    id: String,
    person_id: String,
    username: String,
    reason: Option<String>,
    created_at: String,
    expires_at: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/review", tag = "access", responses((status = 200, body = [ReviewOut]), (status = 403, body = ErrorBody)))]
pub(crate) async fn review_queue(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<ReviewOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReviewAccess).await?;
    let items = state.store.review_queue(&scope).await?;
    Ok(Json(
        items
            .iter()
            .map(|i| ReviewOut {
                kind: i.item.kind().to_owned(),
                id: i.item.id(),
                person_id: i.person_id.to_string(),
                username: i.username.clone(),
                reason: i.reason.clone(),
                created_at: rfc3339(i.created_at_ms),
                expires_at: i.expires_at_ms.map(rfc3339),
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/review/{kind}/{id}", params(("kind" = String, Path), ("id" = String, Path)), tag = "access",
    responses((status = 204, description = "marked reviewed"), (status = 404, body = ErrorBody)))]
pub(crate) async fn mark_reviewed(
    State(state): State<AppState>,
    caller: Caller,
    Path((kind, id)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    let scope = caller.scope(&state, Permission::ReviewAccess).await?;
    let item = haven_store::access::Reviewable::parse(&kind, &id).ok_or(WebError::NotFound)?;
    state.store.mark_reviewed(&scope, item).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    actor: Option<String>,
    record_id: Option<String>,
    action: Option<String>,
    limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/audit", params(AuditQuery), tag = "access",
    responses((status = 200, body = [AuditOut]), (status = 403, body = ErrorBody)))]
pub(crate) async fn audit_log(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(q): QueryParams<AuditQuery>,
) -> Result<Json<Vec<AuditOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadAudit).await?;
    let filter = haven_store::access::AuditFilter {
        actor: q.actor,
        record_id: q.record_id,
        action: q.action,
        limit: q.limit.unwrap_or(100),
    };
    let rows = state.store.audit_log(&scope, &filter).await?;
    Ok(Json(rows.iter().map(audit_out).collect()))
}

/// Integrity alarms (rows edited in the database without the master key)
/// and accounts locked after wrong second-factor codes, newest first.
#[utoipa::path(get, path = "/api/v1/audit/alarms", tag = "access",
    responses((status = 200, body = [AuditOut]), (status = 403, body = ErrorBody)))]
pub(crate) async fn audit_alarms(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<AuditOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadAudit).await?;
    let rows = state.store.alarms(&scope, 200).await?;
    Ok(Json(rows.iter().map(audit_out).collect()))
}
