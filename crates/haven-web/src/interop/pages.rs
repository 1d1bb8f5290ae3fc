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

/// One field of the column mapping: its code, its label, and the column
/// chosen for it (as the select's value: the column's index, or empty).
struct SheetField {
    code: &'static str,
    label: String,
    chosen: String,
}

#[derive(Template)]
#[template(path = "interop_sheet.html")]
pub(crate) struct SheetPage {
    l: Layout,
    csrf: String,
    /// The sheet as uploaded, base64, carried to the next step; empty
    /// before a file is chosen.
    data: String,
    date_order: &'static str,
    fields: Vec<SheetField>,
    /// (index, heading) of each column.
    headers: Vec<(String, String)>,
    left_out: String,
    /// The file could not be read, or no file was chosen.
    fault: Option<String>,
    /// (row, column, problem).
    problems: Vec<(String, String, String)>,
    /// What a clean check or the import found.
    verdict: Option<String>,
    /// Checked and clean: the import button is offered.
    can_import: bool,
    /// Imported: no form any more.
    done: bool,
}

impl SheetPage {
    fn new(tr: &Tr, caller: &Caller) -> Self {
        SheetPage {
            l: Layout::new(tr, Some(caller), "/interop"),
            csrf: caller.csrf().to_owned(),
            data: String::new(),
            date_order: "day_first",
            fields: Vec::new(),
            headers: Vec::new(),
            left_out: String::new(),
            fault: None,
            problems: Vec::new(),
            verdict: None,
            can_import: false,
            done: false,
        }
    }
}

pub(crate) async fn sheet_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    super::import_scopes(&state, &caller).await?;
    render(&SheetPage::new(&tr, &caller))
}

/// The three steps in one handler: a file comes in and its columns are
/// matched to fields (`mode=map`); the choices are checked against every
/// row (`mode=check`, nothing written); a clean sheet is imported
/// (`mode=import`, all or nothing). The sheet travels with the form, so no
/// upload is kept on the server between steps.
pub(crate) async fn sheet_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    multipart: axum::extract::Multipart,
) -> PageResult {
    use base64::Engine;
    use haven_formats::legacy::{self, DateOrder, Field, Mapping};
    // The role first: nobody else's upload is read at all.
    let scopes = super::import_scopes(&state, &caller).await?;
    let upload = Upload::read(&caller, multipart).await?;
    let mut page = SheetPage::new(&tr, &caller);
    let refuse = |page: SheetPage| -> PageResult {
        let mut res = render(&page)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        Ok(res)
    };
    let carried = upload.text("data").filter(|d| !d.is_empty());
    let bytes = match (upload.file("file"), carried) {
        (Some(f), _) => f.bytes.to_vec(),
        (None, Some(d)) => match base64::engine::general_purpose::STANDARD.decode(d.as_bytes()) {
            Ok(b) => b,
            Err(_) => {
                return Err(WebError::BadRequest("the form's sheet is damaged: choose the file again".into()).into())
            }
        },
        (None, None) => {
            page.fault = Some(tr.t("sheet-no-file"));
            return refuse(page);
        }
    };
    let order = DateOrder::parse(&upload.text("date_order").unwrap_or_default()).unwrap_or_default();
    page.date_order = order.as_str();
    let sheet = match legacy::read_sheet(&bytes) {
        Ok(s) => s,
        Err(e) => {
            page.fault = Some(super::sheet_fault(&tr, &e));
            return refuse(page);
        }
    };
    let mode = upload.text("mode").unwrap_or_default();
    // A file just chosen is matched by its headings; after that, the
    // person's own choices stand.
    let mapping: Mapping = if upload.file("file").is_some() {
        legacy::guess(&sheet.headers)
    } else {
        Field::ALL
            .iter()
            .filter_map(|f| {
                let v = upload.text(&format!("map-{}", f.as_str()))?;
                v.parse::<usize>().ok().filter(|i| *i < sheet.headers.len()).map(|i| (*f, i))
            })
            .collect()
    };
    page.data = base64::engine::general_purpose::STANDARD.encode(&bytes);
    page.headers = sheet.headers.iter().enumerate().map(|(i, h)| (i.to_string(), h.clone())).collect();
    page.fields = Field::ALL
        .iter()
        .map(|f| SheetField {
            code: f.as_str(),
            label: tr.t(&format!("sheet-field-{}", f.as_str())),
            chosen: mapping.get(f).map(|i| i.to_string()).unwrap_or_default(),
        })
        .collect();
    page.left_out = legacy::left_out(&sheet, &mapping).join(", ");
    if upload.file("file").is_some() || !matches!(mode.as_str(), "check" | "import") {
        return render(&page);
    }
    if let Err(e) = legacy::check_mapping(&sheet, &mapping) {
        page.fault = Some(super::sheet_fault(&tr, &e));
        return refuse(page);
    }
    let report = super::import_sheet(&state, &scopes, &sheet, &mapping, order, mode != "import").await?;
    let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
    if !report.problems.is_empty() {
        page.fault = Some(tr.t("sheet-refused"));
        page.problems = report
            .problems
            .iter()
            .map(|i| {
                (
                    i.line.map(|l| l.to_string()).unwrap_or_default(),
                    i.field.clone().unwrap_or_default(),
                    i.message.clone(),
                )
            })
            .collect();
        return refuse(page);
    }
    if report.written() {
        page.verdict = Some(tr.t_with2("sheet-imported", ("n", n(report.persons)), ("count", n(report.cases))));
        page.done = true;
        page.data = String::new();
    } else {
        page.verdict = Some(tr.t_with2("sheet-checked", ("n", n(report.persons)), ("count", n(report.cases))));
        page.can_import = true;
    }
    render(&page)
}
