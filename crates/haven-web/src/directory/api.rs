//! The service directory over the API, and its CSV form (R19). NGOs keep
//! these lists in spreadsheets, so a CSV comes in and goes out; an import
//! is parsed defensively (size and row caps, every row validated) and adds
//! all rows or none.

use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use haven_core::access::Permission;
use haven_core::services::Service;
use haven_store::services::ServiceFilter;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::kit::prelude::*;

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct ServiceQuery {
    /// A service type, e.g. `shelter_men`.
    #[serde(rename = "type")]
    pub service_type: Option<String>,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    /// A language tag the service must speak, e.g. `my`.
    pub language: Option<String>,
    /// Words in the provider, name or location.
    pub q: Option<String>,
}

impl ServiceQuery {
    pub fn filter(&self) -> ServiceFilter {
        let clean = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        ServiceFilter {
            service_type: clean(&self.service_type),
            country: clean(&self.country).map(|c| c.to_uppercase()),
            language: clean(&self.language),
            text: clean(&self.q),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ServiceOut {
    id: String,
    /// The entry's fields, as in the CSV form.
    #[schema(value_type = Object)]
    fields: BTreeMap<&'static str, String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(transparent)]
pub struct ServiceIn(BTreeMap<String, String>);

#[derive(Serialize, ToSchema)]
pub struct ServicesImportOut {
    added: usize,
}

#[utoipa::path(get, path = "/api/v1/services", params(ServiceQuery), tag = "services",
    responses((status = 200, body = [ServiceOut])))]
pub async fn list_services(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ServiceQuery>,
) -> Result<Json<Vec<ServiceOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let list = state.store.list_services(&scope, &q.filter()).await?;
    Ok(Json(
        list.into_iter()
            .map(|v| ServiceOut { id: v.id.to_string(), fields: v.service.fields().into_iter().collect() })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/services", request_body = ServiceIn, tag = "services",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody)))]
pub async fn add_service(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<ServiceIn>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let service = Service::parse(&body.0)?;
    let ids = state.store.add_services(&scope, std::slice::from_ref(&service)).await?;
    let id = ids.into_iter().next().ok_or_else(|| WebError::Internal("no id".into()))?;
    Ok((StatusCode::CREATED, Json(Created::new(id))))
}

/// Imports a spreadsheet (the body, as `text/csv` or XLSX): all rows or, on
/// the first bad row, none, with the row named. Up to 1 MiB and 5,000 rows.
#[utoipa::path(post, path = "/api/v1/services/import",
    request_body(content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )),
    tag = "services", responses((status = 201, body = ServicesImportOut), (status = 400, body = ErrorBody)))]
pub async fn import_services(
    State(state): State<AppState>,
    caller: Caller,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let services = haven_formats::directory::parse_spreadsheet(content_type, &body)?;
    state.store.add_services(&scope, &services).await?;
    Ok((StatusCode::CREATED, Json(ServicesImportOut { added: services.len() })))
}

/// Removes an entry the caller's organisation added; others' are 404.
#[utoipa::path(delete, path = "/api/v1/services/{id}", params(("id" = String, Path)), tag = "services",
    responses((status = 204, description = "removed"), (status = 404, body = ErrorBody)))]
pub async fn remove_service(
    State(state): State<AppState>,
    caller: Caller,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<StatusCode, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    state.store.remove_service(&scope, parse_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/services/export.csv", params(ServiceQuery), tag = "services",
    responses((status = 200, content_type = "text/csv", body = String)))]
pub async fn export_services(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ServiceQuery>,
) -> Result<Response, WebError> {
    csv_response(&state, &caller, &q).await
}

#[utoipa::path(get, path = "/api/v1/services/export.xlsx", params(ServiceQuery), tag = "services",
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>)))]
pub async fn export_services_xlsx(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ServiceQuery>,
) -> Result<Response, WebError> {
    xlsx_response(&state, &caller, &q).await
}

pub(crate) async fn xlsx_response(state: &AppState, caller: &Caller, q: &ServiceQuery) -> Result<Response, WebError> {
    spreadsheet_response(
        state,
        caller,
        q,
        haven_formats::directory::write_xlsx,
        haven_formats::directory::XLSX_TYPE,
        "haven-services.xlsx",
    )
    .await
}

pub(crate) async fn csv_response(state: &AppState, caller: &Caller, q: &ServiceQuery) -> Result<Response, WebError> {
    spreadsheet_response(
        state,
        caller,
        q,
        haven_formats::directory::write_csv,
        "text/csv; charset=utf-8",
        "haven-services.csv",
    )
    .await
}

/// The filtered directory, written by `write`, as a download.
pub(crate) async fn spreadsheet_response(
    state: &AppState,
    caller: &Caller,
    q: &ServiceQuery,
    write: fn(&[Service]) -> Result<Vec<u8>, haven_formats::FormatError>,
    content_type: &'static str,
    filename: &'static str,
) -> Result<Response, WebError> {
    let scope = caller.scope(state, Permission::ReadCase).await?;
    let list = state.store.list_services(&scope, &q.filter()).await?;
    let services: Vec<Service> = list.into_iter().map(|v| v.service).collect();
    let mut res = write(&services)?.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    let disposition = format!("attachment; filename=\"{filename}\"");
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(|e| WebError::Internal(e.to_string()))?,
    );
    Ok(res)
}
