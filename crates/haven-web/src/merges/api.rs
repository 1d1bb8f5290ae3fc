use crate::kit::prelude::*;
use haven_core::merge::MergeStep;
use haven_store::merges::MergeView;

/// Marks another record of the organisation a duplicate of this one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeCreate {
    /// The duplicate: it leaves the lists now, and its names and what it
    /// knew join this record when the merge is confirmed.
    duplicate_id: String,
}

/// A merge of a duplicate record into the one kept.
#[derive(Serialize, ToSchema)]
pub struct MergeOut {
    id: String,
    kept_id: String,
    merged_id: String,
    /// pending (can be undone), confirmed, or undone.
    status: String,
    proposed_by: Option<String>,
    /// RFC 3339.
    proposed_at: String,
    decided_by: Option<String>,
    /// RFC 3339.
    decided_at: Option<String>,
}

pub(super) fn merge_out(m: &MergeView) -> MergeOut {
    MergeOut {
        id: m.id.to_string(),
        kept_id: m.kept.to_string(),
        merged_id: m.merged.to_string(),
        status: m.status.as_str().to_owned(),
        proposed_by: m.proposed_by.clone(),
        proposed_at: rfc3339(m.proposed_at_ms),
        decided_by: m.decided_by.clone(),
        decided_at: m.decided_at_ms.map(rfc3339),
    }
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/merges", params(("id" = String, Path, description = "the record kept")),
    request_body = MergeCreate, tag = "persons",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn propose_merge(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<MergeCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::MergePersons).await?;
    let duplicate: PersonId = parse_id(body.duplicate_id.trim())?;
    let merge = state.store.propose_merge(&scope, parse_id(&id)?, duplicate).await?;
    Ok((StatusCode::CREATED, Json(Created::new(merge))))
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/merges", params(("id" = String, Path)), tag = "persons",
    responses((status = 200, body = [MergeOut]), (status = 404, body = ErrorBody)))]
pub(crate) async fn list_merges(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<MergeOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let merges = state.store.merges_of(&scope, parse_id(&id)?).await?;
    Ok(Json(merges.iter().map(merge_out).collect()))
}

#[utoipa::path(post, path = "/api/v1/merges/{id}/confirm", params(("id" = String, Path)), tag = "persons",
    responses((status = 200, body = MergeOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn confirm_merge(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<MergeOut>, WebError> {
    let scope = caller.scope(&state, Permission::MergePersons).await?;
    Ok(Json(merge_out(&state.store.decide_merge(&scope, parse_id(&id)?, MergeStep::Confirm).await?)))
}

#[utoipa::path(post, path = "/api/v1/merges/{id}/undo", params(("id" = String, Path)), tag = "persons",
    responses((status = 200, body = MergeOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn undo_merge(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<MergeOut>, WebError> {
    let scope = caller.scope(&state, Permission::MergePersons).await?;
    Ok(Json(merge_out(&state.store.decide_merge(&scope, parse_id(&id)?, MergeStep::Undo).await?)))
}
