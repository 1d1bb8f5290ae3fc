use crate::kit::prelude::*;

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct CaseCreate {
    /// YYYY-MM-DD; defaults to today.
    opened_on: Option<String>,
    /// A user id of the same organisation.
    assigned_to: Option<String>,
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct CasePatch {
    /// open, active, suspended, closed.
    status: Option<String>,
    /// YYYY-MM-DD, with status closed; defaults to today.
    closed_on: Option<String>,
    /// A user id, or an empty string to unassign.
    assigned_to: Option<String>,
    /// Why the status changes; required to close a case. Kept as a sealed
    /// case note, written in the same transaction as the change.
    reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CaseOut {
    id: String,
    person_id: String,
    status: String,
    opened_on: String,
    closed_on: Option<String>,
    assigned_to: Option<String>,
    created_at: String,
    updated_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct CaseList {
    items: Vec<CaseOut>,
    page: u32,
    per_page: u32,
    has_more: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteCreate {
    body: String,
}

#[derive(Serialize, ToSchema)]
pub struct NoteOut {
    id: String,
    case_id: String,
    author_id: String,
    created_at: String,
    /// Null once the person's record has been erased.
    body: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    page: Option<u32>,
    per_page: Option<u32>,
}

fn case_out(c: &CaseView) -> CaseOut {
    CaseOut {
        id: c.id.to_string(),
        person_id: c.person_id.to_string(),
        status: c.record.status.as_str().to_owned(),
        opened_on: format_date(c.record.opened_on),
        closed_on: c.record.closed_on.map(format_date),
        assigned_to: c.record.assigned_to.map(|u| u.to_string()),
        created_at: rfc3339(c.created_at_ms),
        updated_at: rfc3339(c.updated_at_ms),
    }
}

fn note_out(n: &NoteView) -> NoteOut {
    NoteOut {
        id: n.id.to_string(),
        case_id: n.case_id.to_string(),
        author_id: n.author_id.to_string(),
        created_at: rfc3339(n.created_at_ms),
        body: n.body.clone(),
    }
}

fn parse_user(raw: &str) -> Result<UserId, WebError> {
    raw.parse().map_err(|_| {
        WebError::Invalid(haven_core::ValidationError::new(
            "assigned_to",
            "unknown_user",
            "no such user in this organisation",
        ))
    })
}

fn parse_day(field: &'static str, raw: &str) -> Result<time::Date, WebError> {
    parse_date(raw).ok_or(WebError::Invalid(haven_core::ValidationError::new(
        field,
        "invalid_date",
        "use the form YYYY-MM-DD",
    )))
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/cases", params(("id" = String, Path)), request_body = CaseCreate, tag = "cases",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn open_case(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CaseCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let opened_on = match body.opened_on.as_deref() {
        Some(d) => parse_day("opened_on", d)?,
        None => today(),
    };
    let assigned = body.assigned_to.as_deref().filter(|s| !s.is_empty()).map(parse_user).transpose()?;
    let record = CaseRecord::open(opened_on, assigned);
    let cid = state.store.open_case(&scope, parse_id(&id)?, &record).await?;
    Ok((StatusCode::CREATED, Json(Created { id: cid.to_string() })))
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/cases", params(("id" = String, Path), PageQuery), tag = "cases",
    responses((status = 200, body = CaseList)))]
pub(crate) async fn list_person_cases(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    QueryParams(q): QueryParams<PageQuery>,
) -> Result<Json<CaseList>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let page = Page::new(q.page.unwrap_or(1), q.per_page.unwrap_or(50));
    let listing = state.store.list_cases(&scope, Some(parse_id(&id)?), page).await?;
    Ok(Json(CaseList {
        items: listing.items.iter().map(case_out).collect(),
        page: page.number,
        per_page: page.size,
        has_more: listing.has_more,
    }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CaseListQuery {
    page: Option<u32>,
    per_page: Option<u32>,
    /// open, active, suspended or closed.
    status: Option<String>,
    /// A user id, or `nobody` for cases assigned to no one.
    assigned_to: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/cases", params(CaseListQuery), tag = "cases", responses((status = 200, body = CaseList), (status = 400, body = ErrorBody)))]
pub(crate) async fn list_cases(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(q): QueryParams<CaseListQuery>,
) -> Result<Json<CaseList>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let page = Page::new(q.page.unwrap_or(1), q.per_page.unwrap_or(50));
    let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let status = given(&q.status).map(|s| CaseStatus::parse(&s)).transpose()?;
    let assignee = match given(&q.assigned_to).as_deref() {
        None => None,
        Some("nobody") => Some(haven_store::persons::WorkerFilter::Nobody),
        Some(u) => Some(haven_store::persons::WorkerFilter::Assigned(
            u.parse()
                .map_err(|_| ValidationError::new("assigned_to", "invalid_worker", "choose a colleague, or nobody"))?,
        )),
    };
    let listing = state.store.list_cases_filtered(&scope, None, page, status, assignee).await?;
    Ok(Json(CaseList {
        items: listing.items.iter().map(case_out).collect(),
        page: page.number,
        per_page: page.size,
        has_more: listing.has_more,
    }))
}

#[utoipa::path(get, path = "/api/v1/cases/{id}", params(("id" = String, Path)), tag = "cases",
    responses((status = 200, body = CaseOut), (status = 404, body = ErrorBody)))]
pub(crate) async fn get_case(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<CaseOut>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let case = state.store.get_case(&scope, parse_id::<CaseId>(&id)?).await?;
    Ok(Json(case_out(&case)))
}

#[utoipa::path(patch, path = "/api/v1/cases/{id}", params(("id" = String, Path)), request_body = CasePatch, tag = "cases",
    responses((status = 200, body = CaseOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn update_case(
    State(state): State<AppState>,
    tr: Tr,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(patch): JsonBody<CasePatch>,
) -> Result<Json<CaseOut>, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let status = patch.status.as_deref().map(CaseStatus::parse).transpose()?;
    let closed_on = patch.closed_on.as_deref().map(|d| parse_day("closed_on", d)).transpose()?;
    let assigned = match patch.assigned_to.as_deref() {
        None => None,
        Some("") => Some(None),
        Some(u) => Some(Some(parse_user(u)?)),
    };
    let note = match status {
        Some(s) => super::closing_note(&tr, s, patch.reason.as_deref().unwrap_or_default())?,
        None => None,
    };
    let case = state
        .store
        .update_case_with_note(&scope, parse_id(&id)?, note.as_ref(), |current| {
            let mut next = match status {
                Some(s) => current.with_status(s, closed_on, today())?,
                None => current.clone(),
            };
            if let Some(a) = assigned {
                next.assigned_to = a;
            }
            Ok(next)
        })
        .await?;
    Ok(Json(case_out(&case)))
}

#[utoipa::path(post, path = "/api/v1/cases/{id}/notes", params(("id" = String, Path)), request_body = NoteCreate, tag = "cases",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn add_note(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<NoteCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let note = NoteBody::parse(&body.body)?;
    let nid = state.store.add_note(&scope, parse_id(&id)?, &note).await?;
    Ok((StatusCode::CREATED, Json(Created { id: nid.to_string() })))
}

#[utoipa::path(get, path = "/api/v1/cases/{id}/notes", params(("id" = String, Path)), tag = "cases",
    responses((status = 200, body = [NoteOut]), (status = 404, body = ErrorBody)))]
pub(crate) async fn list_notes(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<NoteOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let notes = state.store.list_notes(&scope, parse_id(&id)?).await?;
    Ok(Json(notes.iter().map(note_out).collect()))
}
