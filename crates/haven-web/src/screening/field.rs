//! A day's field interviews at once (issue 16): an export of haven's
//! XLSForm from KoboToolbox or ODK Central comes in, its submissions are
//! listed (when, by whom, readable or not, imported or not), and the
//! caseworker takes them one by one: finds the person and imports the
//! submission for them, or creates the person from a name. Each becomes a
//! screening in progress, for the caseworker to read and complete; nothing
//! is created unreviewed. The export travels with the form, so no upload is
//! kept on the server between steps.

use base64::Engine;

use super::command::{ExportLine, ImportFailure, StartInput};
use crate::kit::prelude::*;

/// The largest form: the export as base64, and room for the rest.
pub(crate) fn body_bytes() -> usize {
    haven_formats::odk::MAX_EXPORT_BYTES / 3 * 4 + 256 * 1024
}

struct Line {
    row: String,
    submitted: String,
    by: String,
    /// What can be done with it: ready, imported, or why not.
    status: String,
    ready: bool,
}

#[derive(Template)]
#[template(path = "field_imports.html")]
pub(crate) struct FieldPage {
    l: Layout,
    csrf: String,
    data: String,
    instruments: Vec<(String, String)>,
    instrument: String,
    languages: Vec<(&'static str, &'static str)>,
    language: String,
    lines: Vec<Line>,
    /// The row chosen for the next import.
    chosen: String,
    q: String,
    /// The name typed for a new person, kept when the page comes back.
    full_name: String,
    interpreter: String,
    /// People found for `q`: (id, name, detail).
    matches: Vec<(String, String, String)>,
    searched: bool,
    /// No row is left to import.
    all_done: bool,
    fault: Option<String>,
    /// An import just made: (message, screening link).
    done: Option<(String, String)>,
}

fn page(state: &AppState, tr: &Tr, caller: &Caller) -> FieldPage {
    FieldPage {
        l: Layout::new(tr, Some(caller), "/field-imports"),
        csrf: caller.csrf().to_owned(),
        data: String::new(),
        instruments: crate::kit::context::instruments(state)
            .into_iter()
            .map(|i| {
                let title = i.title.get(tr.code()).or_else(|| i.title.get("en")).cloned().unwrap_or_default();
                (i.id, title)
            })
            .collect(),
        instrument: String::new(),
        languages: crate::kit::i18n::LANGUAGES.to_vec(),
        language: tr.code().to_owned(),
        lines: Vec::new(),
        chosen: String::new(),
        q: String::new(),
        full_name: String::new(),
        interpreter: String::new(),
        matches: Vec::new(),
        searched: false,
        all_done: false,
        fault: None,
        done: None,
    }
}

pub(crate) async fn field_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    caller.scope(&state, Permission::WriteCase).await?;
    render(&page(&state, &tr, &caller))
}

fn line(tr: &Tr, l: &ExportLine, instrument: &haven_core::screening::Instrument) -> Line {
    let status = match (&l.row.read, l.imported, l.ready) {
        (_, true, _) => tr.t("field-status-imported"),
        (Err(e), _, _) => super::pages::file_fault(tr, e, instrument),
        (Ok(_), _, true) => tr.t("field-status-ready"),
        (Ok(s), _, false) if s.answers.is_empty() => tr.t("validation-submission_empty"),
        (Ok(_), _, false) => tr.t("validation-submission_no_id"),
    };
    Line {
        row: l.row.row.to_string(),
        submitted: l.row.submitted.clone().unwrap_or_default(),
        by: l.row.by.clone().unwrap_or_default(),
        status,
        ready: l.ready && !l.imported,
    }
}

/// One handler for the steps: `read` lists the export; `find` looks for
/// the person of the chosen row; `link` imports the row for a person found;
/// `create` creates the person from a name and imports the row for them.
pub(crate) async fn field_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    multipart: axum::extract::Multipart,
) -> PageResult {
    // The role first: nobody else's upload is read at all.
    caller.scope(&state, Permission::WriteCase).await?;
    let upload = Upload::read(&caller, multipart).await?;
    let mut p = page(&state, &tr, &caller);
    let refuse = |p: FieldPage| -> PageResult {
        let mut res = render(&p)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        Ok(res)
    };
    let text = |name: &str| upload.text(name).unwrap_or_default();
    p.instrument = text("instrument");
    if let Some(l) = upload.text("survivor_language").filter(|l| !l.is_empty()) {
        p.language = l;
    }
    let bytes = match (upload.file("file"), upload.text("data").filter(|d| !d.is_empty())) {
        (Some(f), _) => f.bytes.to_vec(),
        (None, Some(d)) => base64::engine::general_purpose::STANDARD
            .decode(d.as_bytes())
            .map_err(|_| WebError::BadRequest("the form's export is damaged: choose the file again".into()))?,
        (None, None) => {
            p.fault = Some(tr.t("field-no-file"));
            return refuse(p);
        }
    };
    let mode = text("mode");
    let row: Option<u64> = upload.text("row").and_then(|r| r.parse().ok());
    p.chosen = row.map(|r| r.to_string()).unwrap_or_default();
    p.q = text("q");
    p.full_name = text("full_name");
    p.interpreter = text("interpreter");
    // The person's import first, so the list below shows it as done.
    match (mode.as_str(), row) {
        ("link" | "create", None) => p.fault = Some(tr.t("field-choose-row")),
        ("link", Some(r)) => match upload.text("person").and_then(|id| id.parse::<PersonId>().ok()) {
            None => p.fault = Some(tr.t("field-choose-person")),
            Some(person) => {
                match super::command::import_checked(&state, &caller, person, start_input(&p), &bytes, Some(r)).await {
                    Ok(sid) => done(&tr, &mut p, r, sid),
                    Err(f) => p.fault = Some(failure(&tr, f)?),
                }
            }
        },
        ("create", Some(r)) => {
            let input = haven_core::person::PersonInput {
                full_name: text("full_name"),
                other_names: Vec::new(),
                latin_name: None,
                sex: None,
                date_of_birth: None,
                estimated_age: None,
                age_uncertain: false,
                nationalities: Vec::new(),
                languages: vec![p.language.clone()],
                contact: None,
                location: None,
                notes: None,
            };
            match haven_core::person::PersonRecord::parse(&input, today()) {
                Err(v) => p.fault = Some(validation_message(&tr, &v)),
                Ok(record) => {
                    match super::command::create_and_import(&state, &caller, &record, start_input(&p), &bytes, r).await
                    {
                        Ok((_, sid)) => done(&tr, &mut p, r, sid),
                        Err(f) => p.fault = Some(failure(&tr, f)?),
                    }
                }
            }
        }
        _ => {}
    }
    // A link refused for want of a choice shows the people found again.
    let search = mode == "find" || (mode == "link" && p.fault.is_some());
    if search && !p.q.trim().is_empty() {
        let reader = caller.scope(&state, Permission::ReadPerson).await?;
        let found = state.store.search_persons(&reader, &p.q, haven_store::persons::Page::new(1, 10)).await?;
        p.matches = found
            .items
            .into_iter()
            .map(|m| {
                let detail = m.latin_name.clone().unwrap_or_default();
                (m.id.to_string(), m.full_name, detail)
            })
            .collect();
        p.searched = true;
    }
    if p.full_name.is_empty() {
        p.full_name = p.q.clone();
    }
    match super::command::read_export(&state, &caller, &p.instrument, &bytes).await {
        Ok((lines, instrument)) => {
            p.lines = lines.iter().map(|l| line(&tr, l, &instrument)).collect();
            p.all_done = !p.lines.iter().any(|l| l.ready);
        }
        Err(f) => {
            p.fault = Some(failure(&tr, f)?);
            return refuse(p);
        }
    }
    p.data = base64::engine::general_purpose::STANDARD.encode(&bytes);
    if p.fault.is_some() {
        return refuse(p);
    }
    render(&p)
}

/// The interview's setting as the form gives it: one instrument and one
/// language for the export, an interpreter where one took part.
fn start_input(p: &FieldPage) -> StartInput {
    StartInput {
        instrument: p.instrument.clone(),
        survivor_language: p.language.clone(),
        interpreter: Some(p.interpreter.clone()).filter(|i| !i.trim().is_empty()),
        interpreter_language: None,
        preferences: Vec::new(),
        preference_note: None,
    }
}

/// Says on the page that row `row` was imported, with a link to it, and
/// clears the choices for the next row.
fn done(tr: &Tr, p: &mut FieldPage, row: u64, sid: ScreeningId) {
    p.done = Some((tr.t_with("field-imported", "row", row.to_string()), format!("/screenings/{sid}")));
    p.chosen.clear();
    p.q.clear();
    p.full_name.clear();
}

/// A refusal in the reader's words; anything else is the page's error.
fn failure(tr: &Tr, f: ImportFailure) -> Result<String, PageError> {
    match f {
        ImportFailure::File { error, instrument } => Ok(super::pages::file_fault(tr, &error, &instrument)),
        ImportFailure::Web(WebError::Invalid(v)) => Ok(validation_message(tr, &v)),
        ImportFailure::Web(WebError::Conflict(_)) => Ok(tr.t("odk-import-duplicate")),
        ImportFailure::Web(WebError::BadRequest(d)) => Ok(tr.t_with("odk-import-refused", "detail", d)),
        ImportFailure::Web(e) => Err(e.into()),
    }
}
