//! The restricted cooperation record over the API and in the browser (R15).
//! Its own module, and the only one in this crate that reads the record: no
//! page, list, task, export or report elsewhere shows it or counts it.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use haven_core::access::Permission;
use haven_core::cooperation::{Entry, STATUSES};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::{Created, JsonBody};
use crate::auth::Caller;
use crate::error::WebError;
use crate::html::{finish, local_date, render, validation_message, Layout, PageCaller};
use crate::i18n::Tr;
use crate::AppState;

#[derive(Deserialize, ToSchema)]
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
    responses((status = 200, body = [CooperationOut]), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<CooperationOut>>, WebError> {
    let scope = caller.scope(&state, Permission::RecordCooperation).await?;
    let rows = state.store.list_cooperation(&scope, crate::screening::person_id(&id)?).await?;
    Ok(Json(
        rows.into_iter()
            .map(|v| CooperationOut {
                id: v.id,
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
    tag = "cooperation", responses((status = 201, body = Created), (status = 400, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn record(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CooperationIn>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::RecordCooperation).await?;
    let entry = Entry::parse(&body.status, body.note.as_deref().unwrap_or_default())?;
    let rid = state.store.record_cooperation(&scope, crate::screening::person_id(&id)?, &entry).await?;
    Ok((StatusCode::CREATED, Json(Created::new(rid))))
}

#[derive(Template)]
#[template(path = "cooperation.html")]
struct CooperationPage {
    l: Layout,
    csrf: String,
    id: String,
    error: Option<String>,
    rows: Vec<(String, String, String)>,
    statuses: Vec<(&'static str, String)>,
}

async fn view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
    error: Option<String>,
) -> Result<CooperationPage, WebError> {
    let scope = caller.scope(state, Permission::RecordCooperation).await?;
    let rows = state.store.list_cooperation(&scope, crate::screening::person_id(id)?).await?;
    Ok(CooperationPage {
        l: Layout::new(tr, Some(caller), &format!("/persons/{id}/cooperation")),
        csrf: caller.csrf().to_owned(),
        id: id.to_owned(),
        error,
        rows: rows
            .into_iter()
            .map(|v| (local_date(v.recorded_at_ms), tr.t(&format!("coop-status-{}", v.entry.status)), v.entry.note))
            .collect(),
        statuses: STATUSES.iter().map(|s| (*s, tr.t(&format!("coop-status-{s}")))).collect(),
    })
}

pub(crate) async fn page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> Response {
    let result = async { render(&view(&state, &tr, &caller, &id, None).await?) }.await;
    finish(&tr, result)
}

#[derive(Deserialize)]
pub(crate) struct CooperationForm {
    csrf: String,
    status: String,
    #[serde(default)]
    note: String,
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<CooperationForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let scope = caller.scope(&state, Permission::RecordCooperation).await?;
        let pid = crate::screening::person_id(&id)?;
        let r = match Entry::parse(&form.status, &form.note) {
            Ok(entry) => state.store.record_cooperation(&scope, pid, &entry).await.map_err(WebError::from),
            Err(v) => Err(WebError::Invalid(v)),
        };
        match r {
            Ok(_) => Ok(Redirect::to(&format!("/persons/{id}/cooperation")).into_response()),
            Err(WebError::Invalid(v)) => {
                let mut res = render(&view(&state, &tr, &caller, &id, Some(validation_message(&tr, &v))).await?)?;
                *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                Ok(res)
            }
            Err(e) => Err(e),
        }
    }
    .await;
    finish(&tr, result)
}
