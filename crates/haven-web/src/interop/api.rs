use haven_formats::htcds::Issue;
use haven_store::htcds::ImportReport;

use super::Format;
use crate::kit::prelude::*;

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
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
#[into_params(parameter_in = Query)]
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

/// Refused (422), written (201), or checked in a dry run (200).
fn status_of(report: &ImportReport) -> StatusCode {
    if !report.problems.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else if report.written() {
        StatusCode::CREATED
    } else {
        StatusCode::OK
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
    let status = status_of(&report);
    Ok((status, Json(import_out(&report))).into_response())
}

/// How to read a spreadsheet: which column (by its heading, exactly as in
/// the sheet) fills which field. Give none and haven guesses from the
/// headings, in the nine languages; give any and only those are read.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(crate) struct SheetQuery {
    /// `true` (the default): check the sheet and write nothing. `false`:
    /// import it, all of it or, if anything is wrong, none of it.
    dry_run: Option<bool>,
    /// `day_first` (31/03/2024, the default) or `month_first` (03/31/2024).
    date_order: Option<String>,
    full_name: Option<String>,
    other_names: Option<String>,
    sex: Option<String>,
    date_of_birth: Option<String>,
    age: Option<String>,
    nationality: Option<String>,
    languages: Option<String>,
    contact: Option<String>,
    location: Option<String>,
    notes: Option<String>,
    case_opened_on: Option<String>,
    case_status: Option<String>,
    case_closed_on: Option<String>,
}

impl SheetQuery {
    fn given(&self) -> Vec<(haven_formats::legacy::Field, &str)> {
        use haven_formats::legacy::Field;
        [
            (Field::FullName, &self.full_name),
            (Field::OtherNames, &self.other_names),
            (Field::Sex, &self.sex),
            (Field::DateOfBirth, &self.date_of_birth),
            (Field::Age, &self.age),
            (Field::Nationality, &self.nationality),
            (Field::Languages, &self.languages),
            (Field::Contact, &self.contact),
            (Field::Location, &self.location),
            (Field::Notes, &self.notes),
            (Field::CaseOpenedOn, &self.case_opened_on),
            (Field::CaseStatus, &self.case_status),
            (Field::CaseClosedOn, &self.case_closed_on),
        ]
        .into_iter()
        .filter_map(|(f, v)| v.as_deref().map(|v| (f, v)))
        .collect()
    }
}

/// What a spreadsheet import did or, in a dry run, would do; with
/// problems, nothing was written.
#[derive(Serialize, ToSchema)]
pub struct SheetImportOut {
    dry_run: bool,
    written: bool,
    persons: usize,
    cases: usize,
    /// Field → the heading of the column it was read from.
    mapping: std::collections::BTreeMap<String, String>,
    /// Headings of columns nothing was read from: their contents stay behind.
    left_out: Vec<String>,
    /// Each with the sheet's row (`line`) and heading (`field`).
    problems: Vec<ProblemOut>,
}

/// Imports people and their cases from an organisation's own spreadsheet
/// (CSV in UTF-8, or the first worksheet of an XLSX workbook; the heading
/// row first). Columns are chosen by heading in the query, or guessed from
/// the headings. Every row is checked with the HTCDS import's rules: a dry
/// run (the default) writes nothing; an import writes all or nothing, and
/// cases wait for a supervisor to assign them. A refused sheet answers 422
/// with every problem by row and heading. Supervisors only.
#[utoipa::path(post, path = "/api/v1/imports/spreadsheet", params(SheetQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"), tag = "htcds",
    responses((status = 200, body = SheetImportOut, description = "dry run: the sheet can be imported"),
        (status = 201, body = SheetImportOut, description = "imported"),
        (status = 422, body = SheetImportOut, description = "refused: nothing was written"),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn import_spreadsheet(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<SheetQuery>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    use haven_formats::legacy::{self, DateOrder};
    let scopes = super::import_scopes(&state, &caller).await?;
    let order = DateOrder::parse(q.date_order.as_deref().unwrap_or(""))
        .ok_or_else(|| ValidationError::new("date_order", "invalid_date_order", "day_first or month_first"))?;
    let sheet = legacy::read_sheet(&body).map_err(|e| WebError::BadRequest(e.message))?;
    let given = q.given();
    let mapping = if given.is_empty() {
        legacy::guess(&sheet.headers)
    } else {
        let mut m = legacy::Mapping::new();
        for (field, heading) in given {
            let Some(i) = sheet.headers.iter().position(|h| h == heading.trim()) else {
                return Err(ValidationError::new(
                    field.as_str(),
                    "no_such_column",
                    "no column of the sheet has this heading",
                )
                .into());
            };
            m.insert(field, i);
        }
        m
    };
    let report = super::import_sheet(&state, &scopes, &sheet, &mapping, order, q.dry_run.unwrap_or(true)).await?;
    let status = status_of(&report);
    let out = SheetImportOut {
        dry_run: report.dry_run,
        written: report.written(),
        persons: report.persons,
        cases: report.cases,
        mapping: mapping
            .iter()
            .map(|(f, i)| (f.as_str().to_owned(), sheet.headers.get(*i).cloned().unwrap_or_default()))
            .collect(),
        left_out: legacy::left_out(&sheet, &mapping).into_iter().map(str::to_owned).collect(),
        problems: report.problems.iter().map(problem_out).collect(),
    };
    Ok((status, Json(out)).into_response())
}
