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
) -> Result<String, WebError> {
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
) -> Result<String, WebError> {
    let scope = caller.scope(state, Permission::WriteCase).await?;
    let (instrument, language, interpreter) = interview_setting(state, input)?;
    let read = haven_formats::odk::read_submission(&instrument, submission, &haven_formats::odk::Limits::default())
        .map_err(|e| WebError::BadRequest(e.to_string()))?;
    if read.answers.is_empty() {
        return Err(ValidationError::new("file", "submission_empty", "the submission answers no question").into());
    }
    // One interview is one instanceID, however a tool writes it
    // ("uuid:ABC", "abc"): without one, nothing stops it counting twice.
    let instance = read
        .instance_id
        .as_deref()
        .map(|i| {
            let i = i.trim().to_lowercase();
            i.strip_prefix("uuid:").map(str::to_owned).unwrap_or(i)
        })
        .filter(|i| !i.is_empty())
        .ok_or_else(|| ValidationError::new("file", "submission_no_id", "the submission has no instanceID"))?;
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
        .await?)
}

/// The instrument, the person's language and the interpreter record an
/// interview needs: direct in the person's language where the instrument
/// has it, otherwise only through a recorded interpreter.
fn interview_setting(
    state: &AppState,
    input: StartInput,
) -> Result<(Instrument, haven_core::person::LanguageTag, Option<String>), WebError> {
    let instrument = crate::kit::context::find_instrument(state, &input.instrument).ok_or_else(|| {
        WebError::Invalid(ValidationError::new("instrument", "unknown_instrument", "no such instrument"))
    })?;
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
