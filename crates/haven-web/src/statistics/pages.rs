use haven_core::disclosure::{Cell, Dimension, Unit};

use super::api::Export;
use super::TableQuery;
use crate::kit::prelude::*;

/// One bar of the chart of row totals.
struct Bar {
    label: String,
    /// The figure as shown, or the word for hidden.
    figure: String,
    /// Width in the chart's units (0–300); 0 for a hidden total.
    width: u32,
    y: u32,
    hidden: bool,
}

/// A figure as shown (or the word for hidden), and whether it is hidden.
type Figure = (String, bool);

/// One row of the table: its label, its cells and its total.
type Line = (String, Vec<Figure>, Figure);

#[derive(Template)]
#[template(path = "statistics.html")]
struct StatisticsPage {
    l: Layout,
    /// Dimensions of people, then of referrals (counted apart).
    people_dims: Vec<(&'static str, String)>,
    referral_dims: Vec<(&'static str, String)>,
    rows_dim: &'static str,
    cols_dim: &'static str,
    rows_label: String,
    chart_title: String,
    k: u64,
    cols: Vec<String>,
    lines: Vec<Line>,
    totals: Vec<(String, bool)>,
    total: (String, bool),
    method: String,
    bars: Vec<Bar>,
    chart_height: u32,
    query: String,
    /// Why the breakdowns asked for were not shown.
    fault: Option<String>,
    empty: bool,
    /// What an empty table says: no people, or no referrals.
    empty_message: String,
    /// The de-identified records are for those who may export records.
    may_export: bool,
}

fn shown(tr: &Tr, c: Cell) -> (String, bool) {
    match c {
        Cell::Shown(n) => (n.to_string(), false),
        Cell::Suppressed => (tr.t("stats-suppressed"), true),
    }
}

fn dims_of(tr: &Tr, unit: Unit) -> Vec<(&'static str, String)> {
    Dimension::ALL
        .iter()
        .filter(|d| d.unit() == unit)
        .map(|d| (d.as_str(), tr.t(&format!("stats-dim-{}", d.as_str()))))
        .collect()
}

pub(crate) async fn statistics_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Query(q): Query<TableQuery>,
) -> PageResult {
    // Two breakdowns that cannot go together (or one twice) keep the
    // reader on the page with the form and the reason, showing the
    // default table: an error page would leave them at a dead end.
    let (q, fault) = match q.dims() {
        Ok(_) => (q, None),
        Err(WebError::Invalid(v)) => (TableQuery { rows: None, cols: None, k: q.k }, Some(validation_message(&tr, &v))),
        Err(e) => return Err(e.into()),
    };
    let refused = fault.is_some();
    let (rows, cols) = q.dims()?;
    let t = super::released(&state, &caller, &q).await?;
    let max = t.row_totals.iter().filter_map(Cell::shown).max().unwrap_or(0).max(1);
    let bars: Vec<Bar> = t
        .rows
        .iter()
        .zip(&t.row_totals)
        .enumerate()
        .map(|(i, (code, c))| Bar {
            label: super::value_label(&tr, rows, code),
            figure: shown(&tr, *c).0,
            width: c.shown().map_or(0, |n| u32::try_from(n * 300 / max).unwrap_or(300)),
            y: u32::try_from(i).unwrap_or(0) * 24,
            hidden: c.shown().is_none(),
        })
        .collect();
    let query = format!("rows={}&cols={}&k={}", rows.as_str(), cols.as_str(), t.k);
    let mut res = render(&StatisticsPage {
        l: Layout::new(&tr, Some(&caller), "/statistics"),
        may_export: caller.may(Permission::ExportRecords),
        people_dims: dims_of(&tr, Unit::People),
        referral_dims: dims_of(&tr, Unit::Referrals),
        rows_dim: rows.as_str(),
        cols_dim: cols.as_str(),
        rows_label: tr.t(&format!("stats-dim-{}", rows.as_str())),
        chart_title: tr.t_args("stats-chart-title", &[("dimension", tr.t(&format!("stats-dim-{}", rows.as_str())))]),
        k: t.k,
        cols: t.cols.iter().map(|c| super::value_label(&tr, cols, c)).collect(),
        lines: t
            .rows
            .iter()
            .enumerate()
            .map(|(r, code)| {
                (
                    super::value_label(&tr, rows, code),
                    t.cells[r].iter().map(|c| shown(&tr, *c)).collect(),
                    shown(&tr, t.row_totals[r]),
                )
            })
            .collect(),
        totals: t.col_totals.iter().map(|c| shown(&tr, *c)).collect(),
        total: shown(&tr, t.total),
        method: super::method(&tr, rows, &t),
        chart_height: u32::try_from(bars.len()).unwrap_or(0) * 24 + 8,
        bars,
        query,
        fault,
        empty: t.rows.is_empty(),
        empty_message: match rows.unit() {
            Unit::People => tr.t("stats-empty"),
            Unit::Referrals => tr.t("ref-none"),
        },
    })?;
    if refused {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

pub(crate) async fn statistics_csv(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Query(q): Query<TableQuery>,
) -> PageResult {
    Ok(super::api::export(&state, &tr, &caller, &q, Export::Csv).await?)
}

pub(crate) async fn statistics_xlsx(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Query(q): Query<TableQuery>,
) -> PageResult {
    Ok(super::api::export(&state, &tr, &caller, &q, Export::Xlsx).await?)
}

/// The de-identified CTDC records, for the page's download link.
pub(crate) async fn ctdc_csv(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Query(q): Query<super::CtdcQuery>,
) -> PageResult {
    let bytes = super::ctdc(&state, &caller, &q).await?;
    Ok(attachment(bytes, "text/csv; charset=utf-8", "haven-ctdc.csv")?)
}
