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
use haven_core::services::{Service, CSV_COLUMNS};
use haven_store::services::ServiceFilter;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::JsonBody;
use crate::auth::Caller;
use crate::error::WebError;
use crate::AppState;

/// An import larger than this is refused before parsing.
pub const MAX_CSV_BYTES: usize = 1 << 20;
/// And so is one with more rows than this.
pub const MAX_CSV_ROWS: usize = 5000;

/// Parses a directory CSV: a header row naming the columns (any order;
/// unknown columns are ignored), then one service per row. The first bad row
/// refuses the whole file, naming the row and the field.
pub fn parse_csv(bytes: &[u8]) -> Result<Vec<Service>, WebError> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(WebError::BadRequest(format!("the file is larger than {MAX_CSV_BYTES} bytes")));
    }
    // Spreadsheets often save with a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| WebError::BadRequest(format!("the header row cannot be read: {e}")))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    for required in ["provider", "name", "service_type", "country", "contact"] {
        if !headers.iter().any(|h| h == required) {
            return Err(WebError::BadRequest(format!("the header row has no {required} column")));
        }
    }
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        if out.len() >= MAX_CSV_ROWS {
            return Err(WebError::BadRequest(format!("more than {MAX_CSV_ROWS} rows")));
        }
        let record = record.map_err(|e| WebError::BadRequest(format!("row {row}: {e}")))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let fields: BTreeMap<String, String> = headers
            .iter()
            .zip(record.iter())
            .filter(|(h, _)| CSV_COLUMNS.contains(&h.as_str()))
            .map(|(h, v)| (h.clone(), unescape_cell(v)))
            .collect();
        let service = Service::parse(&fields)
            .map_err(|v| WebError::BadRequest(format!("row {row}: {}: {}", v.field, v.message)))?;
        out.push(service);
    }
    Ok(out)
}

/// A cell a spreadsheet would run as a formula is written with a leading
/// apostrophe (CSV injection); reading strips it again.
fn escape_cell(v: &str) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_owned()
    }
}

fn unescape_cell(v: &str) -> String {
    match v.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => v.to_owned(),
    }
}

/// The directory as CSV, in the column order of [`CSV_COLUMNS`].
pub fn write_csv(services: &[Service]) -> Result<Vec<u8>, WebError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| WebError::Internal(format!("csv: {e}"));
    w.write_record(CSV_COLUMNS).map_err(err)?;
    for s in services {
        w.write_record(s.fields().iter().map(|(_, v)| escape_cell(v))).map_err(err)?;
    }
    w.into_inner().map_err(|e| WebError::Internal(format!("csv: {e}")))
}

#[derive(Deserialize, IntoParams, Default)]
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
pub struct ImportOut {
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
        list.into_iter().map(|v| ServiceOut { id: v.id, fields: v.service.fields().into_iter().collect() }).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/services", request_body = ServiceIn, tag = "services",
    responses((status = 201, body = crate::api::Created), (status = 400, body = crate::error::ErrorBody)))]
pub async fn add_service(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<ServiceIn>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let service = Service::parse(&body.0)?;
    let ids = state.store.add_services(&scope, std::slice::from_ref(&service)).await?;
    let id = ids.into_iter().next().ok_or_else(|| WebError::Internal("no id".into()))?;
    Ok((StatusCode::CREATED, Json(crate::api::Created::new(id))))
}

/// Imports a CSV (the body, `text/csv`): all rows or, on the first bad
/// row, none, with the row named.
#[utoipa::path(post, path = "/api/v1/services/import", request_body(content = String, content_type = "text/csv"),
    tag = "services", responses((status = 201, body = ImportOut), (status = 400, body = crate::error::ErrorBody)))]
pub async fn import_services(
    State(state): State<AppState>,
    caller: Caller,
    body: axum::body::Bytes,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let services = parse_csv(&body)?;
    state.store.add_services(&scope, &services).await?;
    Ok((StatusCode::CREATED, Json(ImportOut { added: services.len() })))
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

pub(crate) async fn csv_response(state: &AppState, caller: &Caller, q: &ServiceQuery) -> Result<Response, WebError> {
    let scope = caller.scope(state, Permission::ReadCase).await?;
    let list = state.store.list_services(&scope, &q.filter()).await?;
    let services: Vec<Service> = list.into_iter().map(|v| v.service).collect();
    let mut res = write_csv(&services)?.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"haven-services.csv\""));
    Ok(res)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str =
        "\u{feff}provider,name,service_type,languages,country,location,sex,min_age,max_age,capacity,contact,notes\n\
        Safe Haven,Men's shelter,shelter_men,th my,THA,Mae Sot,men,18,,12,+66 2 000 0000,ignored\n\
        Legal Aid Org,Lawyers,legal_aid,en km,KHM,Phnom Penh,,,,,legal@example.org,\n";

    #[test]
    fn r19_a_spreadsheet_export_imports_and_round_trips() {
        let services = parse_csv(SAMPLE.as_bytes()).unwrap();
        assert_eq!(services.len(), 2);
        assert_eq!(services[0].contact, "+66 2 000 0000");
        let out = write_csv(&services).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.contains("'+66 2 000 0000"), "a formula-like cell is defused: {text}");
        assert_eq!(parse_csv(&out).unwrap(), services);
    }

    #[test]
    fn r19_one_bad_row_refuses_the_file_and_names_the_row() {
        let bad = format!("{SAMPLE}Clinic,Clinic,spa,,THA,,,,,,x\n");
        let err = parse_csv(bad.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("row 4") && err.contains("service_type"), "{err}");
        let no_header = "a,b\n1,2\n";
        assert!(parse_csv(no_header.as_bytes()).unwrap_err().to_string().contains("provider"));
        let big = vec![b'a'; MAX_CSV_BYTES + 1];
        assert!(parse_csv(&big).is_err());
    }

    proptest! {
        #[test]
        fn the_csv_parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = parse_csv(&bytes);
        }

        #[test]
        fn the_csv_parser_never_panics_on_text_after_a_valid_header(s in ".{0,600}") {
            let _ = parse_csv(format!("provider,name,service_type,country,contact\n{s}").as_bytes());
        }
    }
}
