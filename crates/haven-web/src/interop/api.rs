use haven_formats::htcds::Issue;
use haven_store::htcds::ImportReport;

use super::Format;
use crate::kit::prelude::*;

#[derive(Deserialize, IntoParams, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExportQuery {
    /// `json` (one document, the default) or `zip` (one CSV file per table).
    format: Option<String>,
}

/// The organisation's case records in the caller's reach, in HTCDS 2.0:
/// persons, cases, screenings with their decisions, and referrals, each
/// person opened only for the categories the caller may see. Every person
/// exported is audited. Supervisors only, with a token's admin scope.
#[utoipa::path(get, path = "/api/v1/htcds/export", params(ExportQuery), tag = "htcds",
    responses((status = 200, content_type = "application/json", body = String),
        (status = 200, content_type = "application/zip", body = Vec<u8>),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ExportQuery>,
) -> Result<Response, WebError> {
    let format = Format::parse(q.format.as_deref())?;
    super::export(&state, &caller, format).await
}

#[derive(Deserialize, IntoParams, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct ImportQuery {
    /// `true` (the default): check the file and write nothing. `false`:
    /// import it, all of it or, if anything is wrong, none of it.
    dry_run: Option<bool>,
}

/// One problem in a file: where it is and what is wrong, never a value from it.
#[derive(Serialize, ToSchema)]
pub struct ProblemOut {
    /// `persons`, `cases`, `screenings` or `referrals`; none for the file as a whole.
    table: Option<String>,
    /// The line the row starts on, in the JSON document or the table's CSV file.
    line: Option<u64>,
    /// The column.
    field: Option<String>,
    message: String,
}

/// What an import did or, in a dry run, would do; with problems, nothing was written.
#[derive(Serialize, ToSchema)]
pub struct HtcdsImportOut {
    dry_run: bool,
    written: bool,
    persons: usize,
    cases: usize,
    /// Cases that kept their owner (a user of this organisation here); the others wait to be assigned.
    cases_assigned: usize,
    referrals: usize,
    /// Referrals still open in the file, imported as proposals: their consent did not come with them.
    referrals_reproposed: usize,
    /// Screenings are never imported: haven keeps a finding only with the interview behind it.
    screenings_not_imported: usize,
    problems: Vec<ProblemOut>,
}

pub(crate) fn problem_out(i: &Issue) -> ProblemOut {
    ProblemOut {
        table: i.table.map(|t| t.as_str().to_owned()),
        line: i.line,
        field: i.field.clone(),
        message: i.message.clone(),
    }
}

fn import_out(r: &ImportReport) -> HtcdsImportOut {
    HtcdsImportOut {
        dry_run: r.dry_run,
        written: r.written(),
        persons: r.persons,
        cases: r.cases,
        cases_assigned: r.cases_assigned,
        referrals: r.referrals,
        referrals_reproposed: r.referrals_reproposed,
        screenings_not_imported: r.screenings_not_imported,
        problems: r.problems.iter().map(problem_out).collect(),
    }
}

/// Imports an HTCDS 2.0 file (JSON, or a zip of CSV files) into the caller's
/// organisation, with new ids. A dry run (the default) checks everything and
/// writes nothing; an import writes all or nothing. A refused file answers
/// 422 with every problem, each with its table and line. Supervisors only.
#[utoipa::path(post, path = "/api/v1/htcds/import", params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"), tag = "htcds",
    responses((status = 200, body = HtcdsImportOut, description = "dry run: the file can be imported"),
        (status = 201, body = HtcdsImportOut, description = "imported"),
        (status = 422, body = HtcdsImportOut, description = "refused: nothing was written"),
        (status = 403, body = ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ImportQuery>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let scopes = super::import_scopes(&state, &caller).await?;
    let report = super::import(&state, &scopes, &body, q.dry_run.unwrap_or(true)).await?;
    let status = if !report.problems.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else if report.written() {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(import_out(&report))).into_response())
}
