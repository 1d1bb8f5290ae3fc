//! Return, stay and the child pathway over the API (R20, R21, R22).

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use haven_core::access::Permission;
use haven_core::protection::{stay_pathways, Kind};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::kit::prelude::*;

/// A protection step's fields, by name. Which fields a kind needs:
/// - `return_risk`: each of `re_trafficking`, `reprisals`, `prosecution_on_return`,
///   `persecution_or_insecurity`, `debt_or_ransom`, `stigma`, `health` as
///   `low`/`medium`/`high`, and `reasons`;
/// - `return_plan`: `consent_free_prior_informed` (`yes`), `consent_on`, `consent_language`,
///   `interpreter`?, `travel_documents` (`arranged`), `destination` (ISO 3166 alpha-3),
///   `travel_on`, `reception_contact`;
/// - `guardian`: `name`, `organisation`, `appointed_on`;
/// - `best_interests`: `child_views`, `recommendation`, `reasons`;
/// - `family_risk`: `level`, `child_heard` (`yes`), `reasons`;
/// - `family_tracing`: `notes`?;
/// - `needs_assessment`: `needs` (service types, space- or comma-separated) and/or `notes`.
#[derive(Deserialize, ToSchema)]
#[serde(transparent)]
pub struct ProtectionIn(BTreeMap<String, String>);

#[derive(Serialize, ToSchema)]
pub struct ProtectionRecordOut {
    id: String,
    kind: &'static str,
    /// A risk level for assessments; `planned`, `appointed`, `completed`, `started` otherwise.
    status: String,
    made_on: String,
    /// The next follow-up after a planned return.
    due_on: Option<String>,
    /// Empty for a reader who may not see the person's account.
    fields: BTreeMap<String, String>,
}

#[derive(Serialize, ToSchema)]
pub struct ProtectionOut {
    /// Under 18, or may be: the child pathway applies (R02, R20).
    child_pathway: bool,
    /// Proposed instead of return when the latest return risk is high (R21).
    stay_pathways: Vec<&'static str>,
    records: Vec<ProtectionRecordOut>,
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/protection", params(("id" = String, Path)), tag = "protection",
    responses((status = 200, body = ProtectionOut), (status = 404, body = ErrorBody)))]
pub async fn list_protection(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ProtectionOut>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let (rows, child) = state.store.list_protection(&scope, parse_id::<haven_core::ids::PersonId>(&id)?).await?;
    let records: Vec<_> = rows.iter().map(|v| v.record.clone()).collect();
    Ok(Json(ProtectionOut {
        child_pathway: child,
        stay_pathways: stay_pathways(&records).to_vec(),
        records: rows
            .into_iter()
            .map(|v| ProtectionRecordOut {
                id: v.id.to_string(),
                kind: v.record.kind.as_str(),
                status: v.record.status,
                made_on: haven_core::person::format_date(v.record.made_on),
                due_on: v.record.due_on.map(haven_core::person::format_date),
                fields: v.record.fields,
            })
            .collect(),
    }))
}

/// Records a step. A refusal is a 400 naming the rule: a high return risk
/// blocks a return plan (R21); a return needs recorded consent and travel
/// documents (R22); family tracing waits for a risk assessment that hears
/// the child (R20).
#[utoipa::path(post, path = "/api/v1/persons/{id}/protection/{kind}",
    params(("id" = String, Path), ("kind" = String, Path, description = "return_risk, return_plan, guardian, best_interests, family_risk, family_tracing, compensation_claim or needs_assessment")),
    request_body = ProtectionIn, tag = "protection",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn record_protection(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, kind)): Path<(String, String)>,
    JsonBody(body): JsonBody<ProtectionIn>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let kind = Kind::parse(&kind)?;
    let rid = state.store.record_protection(&scope, parse_id::<haven_core::ids::PersonId>(&id)?, kind, &body.0).await?;
    Ok((StatusCode::CREATED, Json(Created::new(rid))))
}
