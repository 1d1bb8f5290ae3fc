use haven_core::disclosure::{Cell, Released};

use super::TableQuery;
use crate::kit::prelude::*;

/// A released table. A suppressed figure is `null`; no figure from 1 to
/// k − 1 is ever present.
#[derive(Serialize, ToSchema)]
pub struct TableOut {
    rows_dimension: String,
    cols_dimension: String,
    rows: Vec<String>,
    cols: Vec<String>,
    cells: Vec<Vec<Option<u64>>>,
    row_totals: Vec<Option<u64>>,
    col_totals: Vec<Option<u64>>,
    total: Option<u64>,
    k: u64,
    /// How the figures were made safe to release, as printed on every table.
    method: String,
}

fn table_out(tr: &Tr, q: &TableQuery, t: &Released) -> Result<TableOut, WebError> {
    let (rows, cols) = q.dims()?;
    let line = |cells: &[Cell]| cells.iter().map(Cell::shown).collect::<Vec<_>>();
    Ok(TableOut {
        rows_dimension: rows.as_str().to_owned(),
        cols_dimension: cols.as_str().to_owned(),
        rows: t.rows.clone(),
        cols: t.cols.clone(),
        cells: t.cells.iter().map(|r| line(r)).collect(),
        row_totals: line(&t.row_totals),
        col_totals: line(&t.col_totals),
        total: t.total.shown(),
        k: t.k,
        method: super::method(tr, rows, t),
    })
}

/// The organisation's people counted by two dimensions, with small cells
/// suppressed (R23). Supervisors, decision makers and auditors.
#[utoipa::path(get, path = "/api/v1/statistics", params(TableQuery), tag = "statistics",
    responses((status = 200, body = TableOut), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn statistics(
    State(state): State<AppState>,
    tr: Tr,
    caller: Caller,
    Query(q): Query<TableQuery>,
) -> Result<Json<TableOut>, WebError> {
    let t = super::released(&state, &caller, &q).await?;
    Ok(Json(table_out(&tr, &q, &t)?))
}

/// The same table as CSV, the method on its last line.
#[utoipa::path(get, path = "/api/v1/statistics/export.csv", params(TableQuery), tag = "statistics",
    responses((status = 200, content_type = "text/csv", body = String), (status = 400, body = ErrorBody)))]
pub async fn statistics_csv(
    State(state): State<AppState>,
    tr: Tr,
    caller: Caller,
    Query(q): Query<TableQuery>,
) -> Result<Response, WebError> {
    export(&state, &tr, &caller, &q, Export::Csv).await
}

/// The same table as an XLSX workbook.
#[utoipa::path(get, path = "/api/v1/statistics/export.xlsx", params(TableQuery), tag = "statistics",
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>)))]
pub async fn statistics_xlsx(
    State(state): State<AppState>,
    tr: Tr,
    caller: Caller,
    Query(q): Query<TableQuery>,
) -> Result<Response, WebError> {
    export(&state, &tr, &caller, &q, Export::Xlsx).await
}

pub(crate) enum Export {
    Csv,
    Xlsx,
}

/// A released table as a download, labelled in the reader's language.
pub(crate) async fn export(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    q: &TableQuery,
    format: Export,
) -> Result<Response, WebError> {
    let (rows, cols) = q.dims()?;
    let mut t = super::released(state, caller, q).await?;
    t.rows = t.rows.iter().map(|c| super::value_label(tr, rows, c)).collect();
    t.cols = t.cols.iter().map(|c| super::value_label(tr, cols, c)).collect();
    let corner = format!(
        "{} / {}",
        tr.t(&format!("stats-dim-{}", rows.as_str())),
        tr.t(&format!("stats-dim-{}", cols.as_str()))
    );
    let total = tr.t("stats-total");
    let method = super::method(tr, rows, &t);
    let suppressed = tr.t("stats-suppressed");
    let labels =
        haven_formats::statistics::Labels { corner: &corner, total: &total, method: &method, suppressed: &suppressed };
    let name = format!("haven-figures-{}-by-{}", rows.as_str(), cols.as_str());
    match format {
        Export::Csv => attachment(
            haven_formats::statistics::write_csv(&t, &labels)?,
            "text/csv; charset=utf-8",
            &format!("{name}.csv"),
        ),
        Export::Xlsx => attachment(
            haven_formats::statistics::write_xlsx(&t, &labels)?,
            haven_formats::directory::XLSX_TYPE,
            &format!("{name}.xlsx"),
        ),
    }
}

/// The organisation's people as one de-identified record each, in the
/// columns of CTDC's global dataset (IOM's Counter Trafficking Data
/// Collaborative), k-anonymous over year, gender, age, majority,
/// citizenship and country of exploitation (R23). The method and its
/// parameters are the file's first line.
#[utoipa::path(get, path = "/api/v1/statistics/ctdc.csv", params(super::CtdcQuery), tag = "statistics",
    responses((status = 200, content_type = "text/csv", body = String), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn ctdc_csv(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<super::CtdcQuery>,
) -> Result<Response, WebError> {
    let bytes = super::ctdc(&state, &caller, &q).await?;
    attachment(bytes, "text/csv; charset=utf-8", "haven-ctdc.csv")
}
