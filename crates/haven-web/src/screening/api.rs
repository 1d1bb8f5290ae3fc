//! Screening instruments and determinations over JSON: the API's DTOs, and
//! the JSON forms the CLI reads and prints (`haven screen evaluate`).

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::Json;
use haven_core::screening::{AnswerType, Instrument};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct InstrumentSummary {
    id: String,
    version: String,
    hash: String,
    title: BTreeMap<String, String>,
    questions: usize,
}

#[derive(Serialize, ToSchema)]
pub struct QuestionOut {
    id: String,
    section: String,
    #[serde(rename = "type")]
    kind: String,
    options: Vec<String>,
    text: BTreeMap<String, String>,
    /// Context-only topics (contract, pay, consent, knowing): never evidence against.
    topic: Option<String>,
    /// Structured facts used for corroboration.
    fact: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct InstrumentOut {
    id: String,
    version: String,
    hash: String,
    title: BTreeMap<String, String>,
    rule_source: String,
    sections: Vec<(String, BTreeMap<String, String>)>,
    questions: Vec<QuestionOut>,
}

fn summary(i: &Instrument) -> InstrumentSummary {
    InstrumentSummary {
        id: i.id.clone(),
        version: i.version.clone(),
        hash: i.hash.clone(),
        title: i.title.clone(),
        questions: i.questions.len(),
    }
}

#[utoipa::path(get, path = "/api/v1/instruments", tag = "screening",
    responses((status = 200, body = [InstrumentSummary]), (status = 401, body = ErrorBody)))]
pub async fn list_instruments(State(state): State<AppState>, _caller: Caller) -> Json<Vec<InstrumentSummary>> {
    Json(crate::kit::context::instruments(&state).iter().map(summary).collect())
}

#[utoipa::path(get, path = "/api/v1/instruments/{id}", params(("id" = String, Path)), tag = "screening",
    responses((status = 200, body = InstrumentOut), (status = 404, body = ErrorBody)))]
pub async fn get_instrument(
    State(state): State<AppState>,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<InstrumentOut>, WebError> {
    let i = crate::kit::context::find_instrument(&state, &id).ok_or(WebError::NotFound)?;
    Ok(Json(InstrumentOut {
        questions: i
            .questions
            .iter()
            .map(|q| QuestionOut {
                id: q.id.clone(),
                section: q.section.clone(),
                kind: q.answer.code().to_owned(),
                options: match &q.answer {
                    AnswerType::Choice(o) | AnswerType::MultiChoice(o) => o.clone(),
                    _ => Vec::new(),
                },
                text: q.text.clone(),
                topic: q.topic.map(|t| t.as_str().to_owned()),
                fact: q.fact.map(|f| f.as_str().to_owned()),
            })
            .collect(),
        id: i.id,
        version: i.version,
        hash: i.hash,
        title: i.title,
        rule_source: i.rule_source,
        sections: i.sections,
    }))
}

/// The instrument as an XLSForm workbook (`survey`, `choices`, `settings`)
/// for KoboToolbox and ODK Collect: every language the instrument has as
/// `label::Language (code)` columns, skip logic as `relevant`, "prefer not
/// to say" and "does not know" kept as answers, and no question required
/// (R06, R18). For callers who may start screenings.
#[utoipa::path(get, path = "/api/v1/instruments/{id}/xlsform", params(("id" = String, Path)), tag = "screening",
    responses(
        (status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub(crate) async fn instrument_xlsform(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::response::Response, WebError> {
    let (instrument, bytes) = super::command::xlsform(&state, &caller, &id)?;
    attachment(bytes, super::command::XLSX, &super::command::xlsform_filename(&instrument))
}

// ---- screenings API ----

use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use haven_core::access::Permission;
use haven_store::screenings::ScreeningView;
use serde::Deserialize;

use crate::kit::prelude::*;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreeningCreate {
    /// An instrument id, e.g. `forced-criminality`.
    instrument: String,
    /// The language the person speaks (BCP 47), chosen apart from the
    /// caseworker's UI language (R18). Where the instrument is not written
    /// in it, the interview runs through an interpreter and the fields
    /// below are required.
    survivor_language: String,
    /// Who interprets (name or role); required for a language the
    /// instrument does not have.
    interpreter: Option<String>,
    /// The language, one the instrument has, in which the interpreter reads
    /// the questions.
    interpreter_language: Option<String>,
    /// What the person asked for: female_interpreter, male_interpreter,
    /// not_from_own_community, in_person, remote.
    #[serde(default)]
    interpreter_preferences: Vec<String>,
    /// The person's wishes in their own words.
    preference_note: Option<String>,
}

/// An interpreted interview as recorded.
#[derive(Serialize, ToSchema)]
pub struct InterpretationOut {
    person_language: String,
    interpreter_name: String,
    interpreter_language: String,
    preferences: Vec<String>,
    preference_note: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswersIn {
    /// Question id to answer: "yes", "no", "prefer_not_to_say", "dont_know",
    /// an option, a list of options, a number or text. No question is mandatory.
    #[schema(value_type = Object)]
    answers: BTreeMap<String, serde_json::Value>,
}

#[derive(Serialize, ToSchema)]
pub struct ScreeningOut {
    id: String,
    person_id: String,
    instrument_id: String,
    instrument_version: String,
    instrument_hash: String,
    interviewer: String,
    survivor_language: String,
    /// Who interpreted: the name, for an interview with an interpreter.
    interpreter: Option<String>,
    /// For an interview in a language the instrument does not have.
    interpretation: Option<InterpretationOut>,
    status: String,
    /// Null when this reader may not see the person's account.
    #[schema(value_type = Object)]
    answers: Option<BTreeMap<String, serde_json::Value>>,
    outcome: Option<String>,
    started_at: String,
    completed_at: Option<String>,
}

fn rfc3339(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

fn screening_out(v: &ScreeningView) -> ScreeningOut {
    ScreeningOut {
        id: v.id.to_string(),
        person_id: v.person_id.to_string(),
        instrument_id: v.instrument_id.clone(),
        instrument_version: v.instrument_version.clone(),
        instrument_hash: v.instrument_hash.clone(),
        interviewer: v.interviewer.to_string(),
        survivor_language: v.survivor_language.clone(),
        interpreter: match super::command::interpretation(v) {
            Some(i) => Some(i.interpreter_name),
            None => v.interpreter.clone(),
        },
        interpretation: super::command::interpretation(v).map(|i| InterpretationOut {
            person_language: i.person_language.as_str().to_owned(),
            interpreter_name: i.interpreter_name,
            interpreter_language: i.interpreter_language,
            preferences: i.preferences.iter().map(|p| p.as_str().to_owned()).collect(),
            preference_note: i.preference_note,
        }),
        status: if v.completed { "completed" } else { "in_progress" }.to_owned(),
        answers: v
            .answers
            .as_ref()
            .map(|a| a.iter().map(|(k, v)| (k.clone(), haven_formats::answers::answer_to_value(v))).collect()),
        outcome: v.outcome.clone(),
        started_at: rfc3339(v.started_at_ms),
        completed_at: v.completed_at_ms.map(rfc3339),
    }
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/screenings", params(("id" = String, Path)), request_body = ScreeningCreate,
    tag = "screening", responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn start_screening(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ScreeningCreate>,
) -> Result<impl IntoResponse, WebError> {
    let input = super::command::StartInput {
        instrument: body.instrument,
        survivor_language: body.survivor_language,
        interpreter: body.interpreter,
        interpreter_language: body.interpreter_language,
        preferences: body.interpreter_preferences,
        preference_note: body.preference_note,
    };
    let sid = super::command::start(&state, &caller, parse_id::<PersonId>(&id)?, input).await?;
    Ok((StatusCode::CREATED, Json(Created::new(sid))))
}

/// A screening done in the field with haven's XLSForm.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreeningImport {
    /// The instrument whose XLSForm was filled in.
    instrument: String,
    /// BCP 47 tag of the language the person was asked in.
    survivor_language: String,
    interpreter: Option<String>,
    interpreter_language: Option<String>,
    #[serde(default)]
    interpreter_preferences: Vec<String>,
    preference_note: Option<String>,
    /// One submission as ODK Collect or ODK Central saves it (instance
    /// XML) or as KoboToolbox exports it (one JSON object), as text; or,
    /// with `row`, a whole export (KoboToolbox's CSV or JSON, ODK
    /// Central's CSV) of which that row is imported.
    submission: String,
    /// The row of an export to import (as `POST /api/v1/field-exports/read` numbers them).
    row: Option<u64>,
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/screenings/import", params(("id" = String, Path)), request_body = ScreeningImport,
    tag = "screening",
    description = "Imports one KoboToolbox or ODK Collect submission of haven's XLSForm as a screening in progress, for a caseworker to read and complete. A blank answer stays unanswered (R06); an unknown field, a value that is not an answer, a submission of another form or one already imported is refused and nothing is written.",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn import_screening(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ScreeningImport>,
) -> Result<impl IntoResponse, WebError> {
    let input = super::command::StartInput {
        instrument: body.instrument,
        survivor_language: body.survivor_language,
        interpreter: body.interpreter,
        interpreter_language: body.interpreter_language,
        preferences: body.interpreter_preferences,
        preference_note: body.preference_note,
    };
    let person = parse_id::<PersonId>(&id)?;
    let sid = super::command::import(&state, &caller, person, input, body.submission.as_bytes(), body.row).await?;
    Ok((StatusCode::CREATED, Json(Created::new(sid))))
}

/// The non-punishment notice as PDF, in the person's language and the
/// authority's (`lang`). Only for a screening that found reasonable grounds
/// (R11); the scope is open-ended (R12).
#[utoipa::path(get, path = "/api/v1/screenings/{id}/notice.pdf",
    params(("id" = String, Path), ("lang" = Option<String>, Query, description = "the authority's language")),
    tag = "screening",
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = ErrorBody)))]
pub(crate) async fn notice_pdf(
    State(state): State<AppState>,
    tr: Tr,
    caller: Caller,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<super::notice::NoticeQuery>,
) -> Result<axum::response::Response, WebError> {
    super::notice::notice_pdf_response(&state, &tr, &caller, &id, q.lang.as_deref()).await
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/screenings", params(("id" = String, Path)), tag = "screening",
    responses((status = 200, body = [ScreeningOut])))]
pub async fn list_screenings(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<ScreeningOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let list = state.store.list_screenings(&scope, parse_id::<PersonId>(&id)?).await?;
    Ok(Json(list.iter().map(screening_out).collect()))
}

#[utoipa::path(get, path = "/api/v1/screenings/{id}", params(("id" = String, Path)), tag = "screening",
    responses((status = 200, body = ScreeningOut), (status = 404, body = ErrorBody)))]
pub async fn get_screening(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ScreeningOut>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    Ok(Json(screening_out(&state.store.get_screening(&scope, parse_id(&id)?).await?)))
}

#[utoipa::path(post, path = "/api/v1/screenings/{id}/answers", params(("id" = String, Path)), request_body = AnswersIn, tag = "screening",
    responses((status = 200, body = ScreeningOut), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn answer_screening(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<AnswersIn>,
) -> Result<Json<ScreeningOut>, WebError> {
    let read = caller.scope(&state, Permission::ReadCase).await?;
    let id = parse_id::<ScreeningId>(&id)?;
    let current = state.store.get_screening(&read, id).await?;
    let instrument = crate::kit::context::instrument_of(&state, &current)?;
    let answers =
        haven_formats::answers::answers_from_values(&instrument, body.answers).map_err(WebError::BadRequest)?;
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    Ok(Json(screening_out(&state.store.record_answers(&scope, id, &answers, &instrument).await?)))
}

pub(crate) async fn determine(
    state: &AppState,
    caller: &Caller,
    v: &ScreeningView,
) -> Result<haven_core::screening::Determination, WebError> {
    let instrument = crate::kit::context::instrument_of(state, v)?;
    let answers = v.answers.clone().ok_or(WebError::Forbidden)?;
    let person = state.store.get_person(&caller.scope(state, Permission::ReadPerson).await?, v.person_id).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let may_be_child = match person.state {
        haven_store::persons::PersonState::Active(r) => r.birth.may_be_child(today),
        haven_store::persons::PersonState::Erased { .. } => return Err(WebError::Erased),
    };
    // The person's language and whether an interpreter took part are
    // needs of their own (R18, R19).
    let setting = haven_core::screening::Setting {
        may_be_child,
        language: Some(v.survivor_language.clone()),
        interpreted: v.interpreter.is_some(),
    };
    Ok(haven_core::screening::evaluate_in(&instrument, &answers, &setting))
}

/// The tasks a determination's needs call for.
pub(crate) fn follow_up_tasks(d: &haven_core::screening::Determination) -> Vec<haven_core::tasks::TaskKind> {
    d.follow_ups().into_iter().map(haven_core::tasks::TaskKind::for_follow_up).collect()
}

#[utoipa::path(post, path = "/api/v1/screenings/{id}/complete", params(("id" = String, Path)), tag = "screening",
    responses((status = 200, description = "the determination, with its explanation"), (status = 409, body = ErrorBody)))]
pub async fn complete_screening(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let read = caller.scope(&state, Permission::ReadCase).await?;
    let id = parse_id::<ScreeningId>(&id)?;
    let v = state.store.get_screening(&read, id).await?;
    let d = determine(&state, &caller, &v).await?;
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    state.store.complete_screening(&scope, id, d.outcome.code(), &follow_up_tasks(&d)).await?;
    let n = state.store.corroboration_count(&read, id).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], haven_formats::answers::determination_json_with(&d, Some(n))))
}

#[utoipa::path(get, path = "/api/v1/screenings/{id}/determination", params(("id" = String, Path)), tag = "screening",
    responses((status = 200, description = "the determination for the answers so far, with its explanation")))]
pub async fn get_determination(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let read = caller.scope(&state, Permission::ReadCase).await?;
    let id = parse_id::<ScreeningId>(&id)?;
    let v = state.store.get_screening(&read, id).await?;
    let d = determine(&state, &caller, &v).await?;
    let n = state.store.corroboration_count(&read, id).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], haven_formats::answers::determination_json_with(&d, Some(n))))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionCreate {
    /// confirmed or not_confirmed.
    conclusion: String,
    /// Written reasons, required (R07).
    reasons: String,
}

#[derive(Serialize, ToSchema)]
pub struct DecisionOut {
    id: String,
    conclusion: String,
    reasons: Option<String>,
    decided_by: String,
    decided_by_name: String,
    decided_at: String,
    supersedes: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/screenings/{id}/decisions", params(("id" = String, Path)), request_body = DecisionCreate, tag = "screening",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "before the end of the reflection period, or the screening is not completed", body = ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<DecisionCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::DecideConclusively).await?;
    let conclusion = haven_core::screening::decision::Conclusion::parse(&body.conclusion)?;
    let reasons = haven_core::screening::decision::Reasons::parse(&body.reasons)?;
    let days = crate::kit::context::reflection_days(&state, &caller).await?;
    let did = state.store.record_decision(&scope, parse_id(&id)?, conclusion, &reasons, days).await?;
    Ok((StatusCode::CREATED, Json(Created::new(did))))
}

#[utoipa::path(get, path = "/api/v1/screenings/{id}/decisions", params(("id" = String, Path)), tag = "screening",
    responses((status = 200, body = [DecisionOut]), (status = 404, body = ErrorBody)))]
pub async fn list_decisions(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<DecisionOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let list = state.store.list_decisions(&scope, parse_id(&id)?).await?;
    Ok(Json(
        list.into_iter()
            .map(|d| DecisionOut {
                id: d.id.to_string(),
                conclusion: d.conclusion,
                reasons: d.reasons,
                decided_by: d.decided_by.to_string(),
                decided_by_name: d.decided_by_name,
                decided_at: rfc3339(d.decided_at_ms),
                supersedes: d.supersedes.map(|s| s.to_string()),
            })
            .collect(),
    ))
}

// ---- remedies (R14) ----

#[cfg(test)]
mod tests {
    /// The instrument as the API exports it: a change to questions,
    /// indicators or translations shows up as a reviewed snapshot diff.
    #[test]
    fn instrument_export_snapshot() {
        let i = haven_instrument::find("forced-criminality").unwrap();
        let mut out = format!("{} {} {}\n", i.id, i.version, i.rule_source);
        for q in &i.questions {
            out.push_str(&format!(
                "Q {} [{}] {} topic={:?} fact={:?}\n",
                q.id,
                q.section,
                q.answer.code(),
                q.topic.map(|t| t.as_str()),
                q.fact.map(|f| f.as_str())
            ));
            for (lang, text) in &q.text {
                out.push_str(&format!("  {lang}: {text}\n"));
            }
        }
        for ind in &i.indicators {
            let els: Vec<&str> = ind.elements.iter().map(|e| e.as_str()).collect();
            out.push_str(&format!(
                "I {} <- {} {:?} {} {}\n",
                ind.id,
                ind.question,
                els,
                ind.strength.as_str(),
                ind.source
            ));
        }
        insta::assert_snapshot!(out);
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExportQuery {
    /// The instrument whose XLSForm was filled in.
    instrument: String,
}

/// One submission of an export, as the caseworker sees it before choosing
/// whose it is.
#[derive(Serialize, ToSchema)]
pub struct ExportRowOut {
    /// The CSV row (the heading is row 1) or the place in the JSON list.
    row: u64,
    submitted: Option<String>,
    by: Option<String>,
    /// It can be imported: it answers questions and names its instanceID.
    ready: bool,
    /// This organisation has imported it already.
    imported: bool,
    /// Why it cannot be imported, naming the question, never an answer.
    problem: Option<String>,
}

/// Reads an export of haven's XLSForm (KoboToolbox's CSV or JSON, ODK
/// Central's CSV; the file as the body) and lists its submissions: when,
/// by whom, whether each can be imported and whether it already was.
/// Nothing is written; each row is then imported for a person with
/// `POST /api/v1/persons/{id}/screenings/import` and its `row`.
#[utoipa::path(post, path = "/api/v1/field-exports/read", params(ExportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"), tag = "screening",
    responses((status = 200, body = Vec<ExportRowOut>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn read_export(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ExportQuery>,
    body: axum::body::Bytes,
) -> Result<Json<Vec<ExportRowOut>>, WebError> {
    use super::command::ImportFailure;
    let (lines, _) = match super::command::read_export(&state, &caller, &q.instrument, &body).await {
        Ok(read) => read,
        Err(ImportFailure::Web(e)) => return Err(e),
        Err(ImportFailure::File { error, .. }) => return Err(WebError::BadRequest(error.message)),
    };
    Ok(Json(
        lines
            .into_iter()
            .map(|l| ExportRowOut {
                row: l.row.row,
                problem: l.row.read.as_ref().err().map(|e| e.message.clone()),
                submitted: l.row.submitted,
                by: l.row.by,
                ready: l.ready,
                imported: l.imported,
            })
            .collect(),
    ))
}
