//! Starting a screening, shared by the API and the page: parse, scope,
//! store. The interview runs in the person's language where the instrument
//! is written in it; otherwise only through an interpreter, recorded with
//! their language and the person's wishes (R18). Never a silent fallback.

use haven_core::screening::interview::{plan, Interpretation, InterpretationInput, LanguagePlan};
use haven_core::screening::Instrument;
use haven_store::screenings::ScreeningView;

use crate::kit::prelude::*;

/// What a caseworker gives to start an interview.
pub(crate) struct StartInput {
    pub instrument: String,
    pub survivor_language: String,
    /// A name for a direct interview; required for an interpreted one.
    pub interpreter: Option<String>,
    pub interpreter_language: Option<String>,
    pub preferences: Vec<String>,
    pub preference_note: Option<String>,
}

pub(crate) async fn start(
    state: &AppState,
    caller: &Caller,
    person: PersonId,
    input: StartInput,
) -> Result<ScreeningId, WebError> {
    let scope = caller.scope(state, Permission::WriteCase).await?;
    let (instrument, language, interpreter) = interview_setting(state, input)?;
    Ok(state.store.start_screening(&scope, person, &instrument, &language, interpreter.as_deref()).await?)
}

/// A screening done in the field with haven's XLSForm, imported from the
/// submission ODK Collect or KoboToolbox saved: the same language rules
/// as an interview here (R18), the answers read strictly (a blank stays
/// unanswered, R06), left in progress for the caseworker to read and
/// complete.
pub(crate) async fn import(
    state: &AppState,
    caller: &Caller,
    person: PersonId,
    input: StartInput,
    submission: &[u8],
    row: Option<u64>,
) -> Result<ScreeningId, WebError> {
    import_checked(state, caller, person, input, submission, row).await.map_err(|f| match f {
        ImportFailure::Web(e) => e,
        ImportFailure::File { error, .. } => WebError::BadRequest(error.message),
    })
}

/// Why an import failed: a refusal like any other, or a fault in the file,
/// kept whole (with its code) so the page can say it in the reader's words.
pub(crate) enum ImportFailure {
    Web(WebError),
    File { error: haven_formats::FormatError, instrument: Box<Instrument> },
}

impl From<WebError> for ImportFailure {
    fn from(e: WebError) -> Self {
        ImportFailure::Web(e)
    }
}

impl From<ValidationError> for ImportFailure {
    fn from(e: ValidationError) -> Self {
        ImportFailure::Web(e.into())
    }
}

pub(crate) async fn import_checked(
    state: &AppState,
    caller: &Caller,
    person: PersonId,
    input: StartInput,
    submission: &[u8],
    row: Option<u64>,
) -> Result<ScreeningId, ImportFailure> {
    let scope = caller.scope(state, Permission::WriteCase).await?;
    let (instrument, language, interpreter) = interview_setting(state, input)?;
    let (read, instance) = read_one(&instrument, submission, row)?;
    Ok(state
        .store
        .import_screening(
            &scope,
            person,
            &instrument,
            &language,
            interpreter.as_deref(),
            &read.answers,
            Some(&instance),
        )
        .await
        .map_err(WebError::from)?)
}

/// A person created from a field interview and the interview imported for
/// them, all in one transaction: the interview is read and its language
/// settled before anything is written, and a refused import (a duplicate
/// above all) leaves nobody behind.
pub(crate) async fn create_and_import(
    state: &AppState,
    caller: &Caller,
    record: &haven_core::person::PersonRecord,
    input: StartInput,
    bytes: &[u8],
    row: u64,
) -> Result<(PersonId, ScreeningId), ImportFailure> {
    let scope = caller.scope(state, Permission::WriteCase).await?;
    let persons = caller.scope(state, Permission::WritePerson).await?;
    let (instrument, language, interpreter) = interview_setting(state, input)?;
    let (read, instance) = read_one(&instrument, bytes, Some(row))?;
    Ok(state
        .store
        .create_person_with_import(
            &persons,
            record,
            &scope,
            &instrument,
            &language,
            interpreter.as_deref(),
            &read.answers,
            Some(&instance),
        )
        .await
        .map_err(WebError::from)?)
}

/// One submission, ready to import: read from a file of one, or taken
/// from row `row` of an export of many; with answers and an instanceID.
pub(crate) fn read_one(
    instrument: &Instrument,
    bytes: &[u8],
    row: Option<u64>,
) -> Result<(haven_formats::odk::Submission, String), ImportFailure> {
    use haven_formats::odk;
    let limits = odk::Limits::default();
    let read = match row {
        None => odk::read_submission(instrument, bytes, &limits),
        Some(n) => odk::read_export(instrument, bytes, &limits).and_then(|rows| {
            rows.into_iter().find(|r| r.row == n).map(|r| r.read).unwrap_or_else(|| {
                Err(haven_formats::FormatError::new(format!("the export has no submission on row {n}")))
            })
        }),
    }
    .map_err(|error| ImportFailure::File { error, instrument: Box::new(instrument.clone()) })?;
    if read.answers.is_empty() {
        return Err(ValidationError::new("file", "submission_empty", "the submission answers no question").into());
    }
    // One interview is one instanceID, however a tool writes it:
    // without one, nothing stops it counting twice.
    let instance = read
        .instance_id
        .as_deref()
        .and_then(canonical_uuid)
        .ok_or_else(|| ValidationError::new("file", "submission_no_id", "the submission has no instanceID"))?;
    Ok((read, instance))
}

/// An export's rows as a caseworker works through them: each readable or
/// not (and why), and whether it is already imported here.
pub(crate) struct ExportLine {
    pub row: haven_formats::odk::ExportRow,
    pub ready: bool,
    pub imported: bool,
}

pub(crate) async fn read_export(
    state: &AppState,
    caller: &Caller,
    instrument: &str,
    bytes: &[u8],
) -> Result<(Vec<ExportLine>, Instrument), ImportFailure> {
    let scope = caller.scope(state, Permission::WriteCase).await?;
    let instrument = instrument_of(state, instrument)?;
    let rows = haven_formats::odk::read_export(&instrument, bytes, &haven_formats::odk::Limits::default())
        .map_err(|error| ImportFailure::File { error, instrument: Box::new(instrument.clone()) })?;
    let instance_of = |r: &haven_formats::odk::ExportRow| {
        r.read.as_ref().ok().and_then(|s| s.instance_id.as_deref()).and_then(canonical_uuid)
    };
    let ids: Vec<String> = rows.iter().filter_map(instance_of).collect();
    let done = state.store.imported_instances(&scope, &ids).await.map_err(WebError::from)?;
    let lines = rows
        .into_iter()
        .map(|row| {
            let instance = instance_of(&row);
            let answered = row.read.as_ref().is_ok_and(|s| !s.answers.is_empty());
            ExportLine {
                ready: answered && instance.is_some(),
                imported: instance.is_some_and(|i| done.contains(&i)),
                row,
            }
        })
        .collect();
    Ok((lines, instrument))
}

/// An instrument by its id, or the refusal a form shows for an unknown one.
fn instrument_of(state: &AppState, id: &str) -> Result<Instrument, WebError> {
    crate::kit::context::find_instrument(state, id).ok_or_else(|| {
        WebError::Invalid(ValidationError::new("instrument", "unknown_instrument", "no such instrument"))
    })
}

/// The instrument, the person's language and the interpreter record an
/// interview needs: direct in the person's language where the instrument
/// has it, otherwise only through a recorded interpreter.
fn interview_setting(
    state: &AppState,
    input: StartInput,
) -> Result<(Instrument, haven_core::person::LanguageTag, Option<String>), WebError> {
    let instrument = instrument_of(state, &input.instrument)?;
    let language = haven_core::person::LanguageTag::parse(&input.survivor_language)?;
    let interpreter = match plan(&language, &instrument) {
        LanguagePlan::Direct { .. } => input.interpreter.map(|i| i.trim().to_owned()).filter(|i| !i.is_empty()),
        LanguagePlan::Interpreter => {
            let raw = InterpretationInput {
                person_language: language.as_str().to_owned(),
                interpreter_name: input.interpreter.unwrap_or_default(),
                interpreter_language: input.interpreter_language.unwrap_or_default(),
                preferences: input.preferences.join(" "),
                preference_note: input.preference_note,
            };
            Some(Interpretation::parse(&raw, &instrument)?.encode())
        }
    };
    Ok((instrument, language, interpreter))
}

/// The recorded interpretation of a screening, if it was interpreted with
/// the interpreter flow (earlier screenings recorded only a name).
pub(crate) fn interpretation(view: &ScreeningView) -> Option<Interpretation> {
    view.interpreter.as_deref().and_then(Interpretation::decode)
}

/// The language the questions are shown in: the interpreter's for an
/// interpreted interview, else the person's where the instrument has it.
/// Never a silent fallback: if the person's language is no longer available
/// (its translation pack was removed), the interview stops with a reason.
pub(crate) fn interview_language(view: &ScreeningView, instrument: &Instrument) -> Result<String, WebError> {
    match interpretation(view) {
        Some(i) => Ok(i.interpreter_language),
        None => instrument.language_for(&view.survivor_language).ok_or_else(|| {
            WebError::Invalid(ValidationError::new(
                "survivor_language",
                "language_gone",
                "the questions are not available in this person's language any more (its translation pack is no \
                 longer installed): reinstall it, or start a new screening with an interpreter",
            ))
        }),
    }
}

/// An instrument as an XLSForm for KoboToolbox and ODK Collect, with this
/// installation's translation packs, for the API and the page alike. Only
/// for those who interview (they start screenings): the form carries no
/// personal data, but it is a tool of the work, not a public document.
pub(crate) fn xlsform(state: &AppState, caller: &Caller, id: &str) -> Result<(Instrument, Vec<u8>), WebError> {
    if !caller.may(Permission::WriteCase) {
        return Err(WebError::Forbidden);
    }
    let instrument = crate::kit::context::find_instrument(state, id).ok_or(WebError::NotFound)?;
    let bytes = haven_formats::xlsform::write_xlsform(&instrument, &labels::instrument_word)
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok((instrument, bytes))
}

/// The file name of an instrument's XLSForm: id and version, so that two
/// versions downloaded side by side are told apart.
pub(crate) fn xlsform_filename(i: &Instrument) -> String {
    let safe =
        |s: &str| s.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect::<String>();
    format!("{}-{}.xlsx", safe(&i.id), safe(&i.version))
}

pub(crate) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An ODK instanceID in one form, whatever way it is written ("uuid:",
/// "urn:uuid:", braces, upper case, no hyphens): 32 lower-case hex digits.
/// Anything else is not an instanceID (a trailing character, a doubled
/// prefix), so that no spelling of the same id passes as a new interview.
fn canonical_uuid(raw: &str) -> Option<String> {
    let mut s = raw.trim().to_ascii_lowercase();
    for prefix in ["urn:", "uuid:"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_owned();
        }
    }
    let s = s.strip_prefix('{').and_then(|x| x.strip_suffix('}')).map(str::to_owned).unwrap_or(s);
    let hex: String = s.chars().filter(|c| *c != '-').collect();
    (hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit())).then_some(hex)
}

#[cfg(test)]
mod tests {
    use super::canonical_uuid;

    #[test]
    fn every_spelling_of_one_instance_id_is_one_id_and_others_are_none() {
        let id = "7c1e2f8a0b4d4c1e9a573f2b1d6e8c90";
        for raw in [
            "uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90",
            "UUID:7C1E2F8A-0B4D-4C1E-9A57-3F2B1D6E8C90",
            "urn:uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90",
            "{7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90}",
            "7c1e2f8a0b4d4c1e9a573f2b1d6e8c90",
            " 7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90 ",
        ] {
            assert_eq!(canonical_uuid(raw).as_deref(), Some(id), "{raw}");
        }
        for raw in [
            "uuid:uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90",
            "uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90.",
            "",
            "uuid:",
        ] {
            assert_eq!(canonical_uuid(raw), None, "{raw}");
        }
    }
}
