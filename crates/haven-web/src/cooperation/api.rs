//! The restricted cooperation record over the API and in the browser (R15).
//! Its own module, and the only one in this crate that reads the record: no
//! page, list, task, export or report elsewhere shows it or counts it.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use haven_core::access::Permission;
use haven_core::cooperation::Entry;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::kit::prelude::*;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CooperationIn {
    /// undecided, statement_given or declined.
    status: String,
    note: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CooperationOut {
    id: String,
    status: &'static str,
    note: String,
    recorded_at_ms: i64,
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/cooperation", params(("id" = String, Path)), tag = "cooperation",
    responses((status = 200, body = [CooperationOut]), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<CooperationOut>>, WebError> {
    let scope = caller.scope(&state, Permission::RecordCooperation).await?;
    let rows = state.store.list_cooperation(&scope, parse_id::<haven_core::ids::PersonId>(&id)?).await?;
    Ok(Json(
        rows.into_iter()
            .map(|v| CooperationOut {
                id: v.id.to_string(),
                status: v.entry.status,
                note: v.entry.note,
                recorded_at_ms: v.recorded_at_ms,
            })
            .collect(),
    ))
}

/// Records what the person decided. Supervisors only; it changes nothing
/// else in the person's file (R15).
#[utoipa::path(post, path = "/api/v1/persons/{id}/cooperation", params(("id" = String, Path)), request_body = CooperationIn,
    tag = "cooperation", responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn record(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CooperationIn>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::RecordCooperation).await?;
    let entry = Entry::parse(&body.status, body.note.as_deref().unwrap_or_default())?;
    let rid = state.store.record_cooperation(&scope, parse_id::<haven_core::ids::PersonId>(&id)?, &entry).await?;
    Ok((StatusCode::CREATED, Json(Created::new(rid))))
}
