//! Case records in and out in IOM's HTCDS 2.0 (issue 16): the
//! organisation's own export, as one JSON document or a zip of CSV files,
//! and an import that is checked whole first (a dry run), then written all
//! or nothing. The rules of what goes out and what comes in are the
//! store's (`haven_store::htcds`); the format is `haven_formats::htcds`.
//!
//! Supervisors only ([`Permission::ExportRecords`],
//! [`Permission::ImportRecords`]): a file of many people's identifying
//! records is the most dangerous thing haven can hand out or take in.

mod api;
mod pages;

use haven_formats::htcds::{self, Limits};
use haven_store::htcds::{ImportReport, ImportScopes};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::prelude::*;
use crate::kit::routes::{self as r, RouteDef};

/// The most an uploaded form may be: the reader's cap on the file, and
/// room for the rest of the form. The API takes the file alone, so its cap
/// is the reader's.
fn import_body_bytes() -> usize {
    Limits::default().max_bytes + 64 * 1024
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::export))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(api::import))
                .layer(axum::extract::DefaultBodyLimit::max(Limits::default().max_bytes)),
        )
        .merge(
            OpenApiRouter::new()
                .routes(routes!(api::import_spreadsheet))
                .layer(axum::extract::DefaultBodyLimit::max(haven_formats::legacy::MAX_BYTES)),
        )
}

pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/interop", pages::interop_page),
        r::get("/interop/export.json", pages::export_json),
        r::get("/interop/export.zip", pages::export_zip),
        r::post("/interop/import", pages::import_submit).with_body_limit(import_body_bytes()),
        r::get("/interop/spreadsheet", pages::sheet_page),
        r::post("/interop/spreadsheet", pages::sheet_submit).with_body_limit(sheet_body_bytes()),
    ]
}

/// The two forms of a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Json,
    Zip,
}

impl Format {
    fn parse(s: Option<&str>) -> Result<Self, WebError> {
        match s.map(str::trim) {
            None | Some("") | Some("json") => Ok(Format::Json),
            Some("zip") => Ok(Format::Zip),
            Some(_) => Err(ValidationError::new("format", "htcds_format", "json or zip").into()),
        }
    }
}

/// The organisation's records in the caller's reach, as a download.
pub(crate) async fn export(state: &AppState, caller: &Caller, format: Format) -> Result<Response, WebError> {
    let scope = caller.scope(state, Permission::ExportRecords).await?;
    let bundle = state.store.export_htcds(&scope, &haven_instrument::find_version).await?;
    let name = format!("haven-htcds-{}", format_date(today()));
    match format {
        Format::Json => attachment(htcds::write_json(&bundle)?, htcds::JSON_TYPE, &format!("{name}.json")),
        Format::Zip => attachment(htcds::write_zip(&bundle)?, htcds::ZIP_TYPE, &format!("{name}.zip")),
    }
}

/// The three scopes an import takes, asked for before a byte of the file is
/// read: nobody else's upload is parsed at all.
pub(crate) async fn import_scopes(
    state: &AppState,
    caller: &Caller,
) -> Result<(haven_core::access::Scope, haven_core::access::Scope, haven_core::access::Scope), WebError> {
    let import = caller.scope(state, Permission::ImportRecords).await?;
    let persons = caller.scope(state, Permission::WritePerson).await?;
    let cases = caller.scope(state, Permission::WriteCase).await?;
    Ok((import, persons, cases))
}

/// Checks a file and, unless `dry_run`, imports it.
pub(crate) async fn import(
    state: &AppState,
    scopes: &(haven_core::access::Scope, haven_core::access::Scope, haven_core::access::Scope),
    bytes: &[u8],
    dry_run: bool,
) -> Result<ImportReport, WebError> {
    let scopes = ImportScopes { import: &scopes.0, persons: &scopes.1, cases: &scopes.2 };
    Ok(state.store.import_htcds_file(&scopes, bytes, dry_run).await?)
}

/// The largest spreadsheet form: the sheet carried between the steps as
/// base64 (four bytes for three), and room for the column choices.
fn sheet_body_bytes() -> usize {
    haven_formats::legacy::MAX_BYTES / 3 * 4 + 256 * 1024
}

/// Reads a sheet through a mapping and checks it whole with the HTCDS
/// import's rules, then (unless `dry_run`) imports it all or nothing.
pub(crate) async fn import_sheet(
    state: &AppState,
    scopes: &(haven_core::access::Scope, haven_core::access::Scope, haven_core::access::Scope),
    sheet: &haven_formats::legacy::Sheet,
    mapping: &haven_formats::legacy::Mapping,
    order: haven_formats::legacy::DateOrder,
    dry_run: bool,
) -> Result<ImportReport, WebError> {
    let scopes = ImportScopes { import: &scopes.0, persons: &scopes.1, cases: &scopes.2 };
    Ok(state.store.import_sheet(&scopes, sheet, mapping, order, dry_run).await?)
}

/// A sheet that cannot be read at all, in the reader's language where
/// there are words for the fault.
pub(crate) fn sheet_fault(tr: &Tr, e: &haven_formats::FormatError) -> String {
    match e.code {
        Some(code) if tr.has(&format!("sheet-fault-{code}")) => tr.t_args(&format!("sheet-fault-{code}"), &e.args),
        _ => tr.t_with("sheet-fault-unreadable", "detail", e.message.clone()),
    }
}
