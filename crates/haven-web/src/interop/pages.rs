use haven_formats::htcds::Issue;
use haven_store::htcds::ImportReport;

use super::Format;
use crate::kit::prelude::*;

/// What a check or an import found, in the reader's language.
pub(crate) struct Outcome {
    /// Nothing wrong.
    ok: bool,
    /// The verdict: can be imported, imported, or refused.
    heading: String,
    counts: Vec<String>,
    /// (table, line, column, problem).
    problems: Vec<(String, String, String, String)>,
}

#[derive(Template)]
#[template(path = "interop.html")]
pub(crate) struct InteropPage {
    l: Layout,
    csrf: String,
    outcome: Option<Outcome>,
}

fn page(tr: &Tr, caller: &Caller, outcome: Option<Outcome>) -> InteropPage {
    InteropPage { l: Layout::new(tr, Some(caller), "/interop"), csrf: caller.csrf().to_owned(), outcome }
}

fn problem_row(tr: &Tr, i: &Issue) -> (String, String, String, String) {
    (
        match i.table {
            Some(t) => tr.t(&format!("htcds-table-{}", t.as_str())),
            None => tr.t("htcds-whole-file"),
        },
        i.line.map(|l| l.to_string()).unwrap_or_default(),
        i.field.clone().unwrap_or_default(),
        i.message.clone(),
    )
}

fn outcome(tr: &Tr, r: &ImportReport) -> Outcome {
    let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
    let heading = if !r.problems.is_empty() {
        tr.t("htcds-refused")
    } else if r.dry_run {
        tr.t("htcds-checked")
    } else {
        tr.t("htcds-imported")
    };
    let counts = if r.problems.is_empty() {
        vec![
            tr.t_with("htcds-count-persons", "n", n(r.persons)),
            tr.t_with2("htcds-count-cases", ("n", n(r.cases)), ("count", n(r.cases_assigned))),
            tr.t_with2("htcds-count-referrals", ("n", n(r.referrals)), ("count", n(r.referrals_reproposed))),
            tr.t_with("htcds-count-screenings", "n", n(r.screenings_not_imported)),
        ]
    } else {
        Vec::new()
    };
    Outcome {
        ok: r.problems.is_empty(),
        heading,
        counts,
        problems: r.problems.iter().map(|i| problem_row(tr, i)).collect(),
    }
}

pub(crate) async fn interop_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    // The page offers the export: only those who may make one see it.
    caller.scope(&state, Permission::ExportRecords).await?;
    render(&page(&tr, &caller, None))
}

pub(crate) async fn export_json(State(state): State<AppState>, PageCaller(caller): PageCaller) -> PageResult {
    Ok(super::export(&state, &caller, Format::Json).await?)
}

pub(crate) async fn export_zip(State(state): State<AppState>, PageCaller(caller): PageCaller) -> PageResult {
    Ok(super::export(&state, &caller, Format::Zip).await?)
}

/// Checks an uploaded file (the button `mode=check`, the default) or
/// imports it (`mode=import`), and shows what was found: every problem
/// with its table and line, or what the import did.
pub(crate) async fn import_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    multipart: axum::extract::Multipart,
) -> PageResult {
    // The role first: nobody else's upload is read at all.
    let scopes = super::import_scopes(&state, &caller).await?;
    let upload = Upload::read(&caller, multipart).await?;
    let mode = upload.text("mode").unwrap_or_default();
    let file = upload.file("file").map(|f| f.bytes.clone());
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        let v = ValidationError::new("file", "htcds_no_file", "choose a file");
        let mut res = render(&page(
            &tr,
            &caller,
            Some(Outcome { ok: false, heading: validation_message(&tr, &v), counts: Vec::new(), problems: Vec::new() }),
        ))?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    };
    let report = super::import(&state, &scopes, &bytes, mode != "import").await?;
    let refused = !report.problems.is_empty();
    let mut res = render(&page(&tr, &caller, Some(outcome(&tr, &report))))?;
    if refused {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}
