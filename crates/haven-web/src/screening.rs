//! Screening instruments and determinations over JSON: the API's DTOs, and
//! the JSON forms the CLI reads and prints (`haven screen evaluate`).

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::Json;
use haven_core::screening::{Answer, AnswerType, Determination, Instrument};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::error::WebError;
use crate::AppState;

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
    responses((status = 200, body = [InstrumentSummary]), (status = 401, body = crate::error::ErrorBody)))]
pub async fn list_instruments(_caller: Caller) -> Json<Vec<InstrumentSummary>> {
    Json(haven_instrument::built_in().iter().map(summary).collect())
}

#[utoipa::path(get, path = "/api/v1/instruments/{id}", params(("id" = String, Path)), tag = "screening",
    responses((status = 200, body = InstrumentOut), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_instrument(
    State(_state): State<AppState>,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<InstrumentOut>, WebError> {
    let i = haven_instrument::find(&id).ok_or(WebError::NotFound)?;
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

/// Reads answers from JSON: `{"question": "yes" | "no" | "prefer_not_to_say"
/// | "dont_know" | "<option>" | ["<option>", …] | 12, …}`, interpreted by
/// each question's type. Unknown questions and malformed values are errors.
pub fn answers_from_json(instrument: &Instrument, text: &str) -> Result<BTreeMap<String, Answer>, String> {
    let raw: BTreeMap<String, serde_json::Value> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    answers_from_values(instrument, raw)
}

fn answers_from_values(
    instrument: &Instrument,
    raw: BTreeMap<String, serde_json::Value>,
) -> Result<BTreeMap<String, Answer>, String> {
    let mut out = BTreeMap::new();
    for (id, v) in raw {
        let q = instrument.question(&id).ok_or_else(|| format!("unknown question {id:?}"))?;
        let answer = match (&q.answer, &v) {
            (_, serde_json::Value::String(s)) if s == "prefer_not_to_say" => Answer::PreferNotToSay,
            (_, serde_json::Value::String(s)) if s == "dont_know" => Answer::DontKnow,
            (AnswerType::YesNo, serde_json::Value::String(s)) if s == "yes" => Answer::Yes,
            (AnswerType::YesNo, serde_json::Value::String(s)) if s == "no" => Answer::No,
            (AnswerType::Choice(opts), serde_json::Value::String(s)) if opts.contains(s) => Answer::Choice(s.clone()),
            (AnswerType::MultiChoice(opts), serde_json::Value::Array(items)) => {
                let mut chosen = Vec::new();
                for item in items {
                    match item.as_str() {
                        Some(s) if opts.iter().any(|o| o == s) => chosen.push(s.to_owned()),
                        _ => return Err(format!("{id}: {item} is not one of the options")),
                    }
                }
                Answer::Multi(chosen)
            }
            (AnswerType::Number, serde_json::Value::Number(n)) => {
                Answer::Number(n.as_f64().filter(|x| x.is_finite()).ok_or_else(|| format!("{id}: not a number"))?)
            }
            (AnswerType::Date | AnswerType::Place | AnswerType::FreeText, serde_json::Value::String(s)) => {
                Answer::Text(s.clone())
            }
            _ => return Err(format!("{id}: {v} is not a valid answer for a {} question", q.answer.code())),
        };
        out.insert(id, answer);
    }
    Ok(out)
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    indicator: &'a str,
    question: &'a str,
    answer: &'a str,
    strength: &'a str,
    source: &'a str,
}

#[derive(Serialize)]
struct ElementJson<'a> {
    element: &'a str,
    met: bool,
    evidence: Vec<EvidenceJson<'a>>,
}

#[derive(Serialize)]
struct DeterminationJson<'a> {
    outcome: &'a str,
    profile: &'a str,
    missing_elements: Vec<&'a str>,
    questions_to_revisit: Vec<&'a str>,
    elements: Vec<ElementJson<'a>>,
    referral_needs: &'a [String],
    /// R09: the vulnerable situations the answers show, whatever the outcome.
    vulnerabilities: &'a [String],
    instrument: BTreeMap<&'a str, &'a str>,
    rule: &'a str,
    /// R08: other people of the organisation who named the same compound,
    /// recruiter or advertisement (a count, never who).
    #[serde(skip_serializing_if = "Option::is_none")]
    corroborated_by: Option<i64>,
}

/// A determination as pretty JSON (the explanation included).
pub fn determination_json(d: &Determination) -> String {
    determination_json_with(d, None)
}

fn determination_json_with(d: &Determination, corroborated_by: Option<i64>) -> String {
    let (missing, open) = d.outcome.still_open();
    let missing = missing.iter().map(|e| e.as_str()).collect();
    let open = open.iter().map(String::as_str).collect();
    let needs = d.need_codes();
    let json = DeterminationJson {
        outcome: d.outcome.code(),
        profile: match d.profile {
            haven_core::screening::ProfileKind::Adult => "adult",
            haven_core::screening::ProfileKind::Child => "child",
        },
        missing_elements: missing,
        questions_to_revisit: open,
        elements: d
            .elements
            .iter()
            .map(|f| ElementJson {
                element: f.element.as_str(),
                met: f.met,
                evidence: f
                    .evidence
                    .iter()
                    .map(|e| EvidenceJson {
                        indicator: &e.indicator,
                        question: &e.question,
                        answer: &e.answer,
                        strength: e.strength.as_str(),
                        source: &e.source,
                    })
                    .collect(),
            })
            .collect(),
        referral_needs: &needs,
        vulnerabilities: &d.vulnerabilities,
        instrument: [
            ("id", d.instrument_id.as_str()),
            ("version", d.instrument_version.as_str()),
            ("hash", d.instrument_hash.as_str()),
        ]
        .into_iter()
        .collect(),
        rule: &d.rule_source,
        corroborated_by,
    };
    serde_json::to_string_pretty(&json).unwrap_or_default()
}

fn answer_to_value(a: &Answer) -> serde_json::Value {
    use serde_json::Value;
    match a {
        Answer::Yes => Value::from("yes"),
        Answer::No => Value::from("no"),
        Answer::Choice(c) | Answer::Text(c) => Value::from(c.clone()),
        Answer::Multi(cs) => Value::from(cs.clone()),
        Answer::Number(n) => Value::from(*n),
        Answer::PreferNotToSay => Value::from("prefer_not_to_say"),
        Answer::DontKnow => Value::from("dont_know"),
    }
}

// ---- screenings API ----

use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use haven_core::access::Permission;
use haven_store::screenings::ScreeningView;
use serde::Deserialize;

use crate::api::{Created, JsonBody};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreeningCreate {
    /// An instrument id, e.g. `forced-criminality`.
    instrument: String,
    /// The language the interview is conducted in (BCP 47), chosen apart
    /// from the caseworker's UI language (R18).
    survivor_language: String,
    /// Who interpreted, if anyone.
    interpreter: Option<String>,
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
    interpreter: Option<String>,
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
        id: v.id.clone(),
        person_id: v.person_id.to_string(),
        instrument_id: v.instrument_id.clone(),
        instrument_version: v.instrument_version.clone(),
        instrument_hash: v.instrument_hash.clone(),
        interviewer: v.interviewer.to_string(),
        survivor_language: v.survivor_language.clone(),
        interpreter: v.interpreter.clone(),
        status: if v.completed { "completed" } else { "in_progress" }.to_owned(),
        answers: v.answers.as_ref().map(|a| a.iter().map(|(k, v)| (k.clone(), answer_to_value(v))).collect()),
        outcome: v.outcome.clone(),
        started_at: rfc3339(v.started_at_ms),
        completed_at: v.completed_at_ms.map(rfc3339),
    }
}

/// The instrument a stored screening was made with; refuses to evaluate
/// against a different version than the one that was asked.
pub(crate) fn instrument_of(v: &ScreeningView) -> Result<Instrument, WebError> {
    let i = haven_instrument::find_version(&v.instrument_id, &v.instrument_version).ok_or(WebError::NotFound)?;
    if i.hash != v.instrument_hash {
        return Err(WebError::Conflict("the instrument has changed since this screening began".into()));
    }
    Ok(i)
}

pub(crate) fn person_id(raw: &str) -> Result<haven_core::ids::PersonId, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/screenings", params(("id" = String, Path)), request_body = ScreeningCreate,
    tag = "screening", responses((status = 201, body = Created), (status = 400, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn start_screening(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ScreeningCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let instrument = haven_instrument::find(&body.instrument).ok_or_else(|| {
        WebError::Invalid(haven_core::ValidationError::new("instrument", "unknown_instrument", "no such instrument"))
    })?;
    let language = haven_core::person::LanguageTag::parse(&body.survivor_language)?;
    let sid = state
        .store
        .start_screening(&scope, person_id(&id)?, &instrument, &language, body.interpreter.as_deref())
        .await?;
    Ok((StatusCode::CREATED, Json(Created::new(sid))))
}

/// The non-punishment notice as PDF, in the person's language and the
/// authority's (`lang`). Only for a screening that found reasonable grounds
/// (R11); the scope is open-ended (R12).
#[utoipa::path(get, path = "/api/v1/screenings/{id}/notice.pdf",
    params(("id" = String, Path), ("lang" = Option<String>, Query, description = "the authority's language")),
    tag = "screening",
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn notice_pdf(
    State(state): State<AppState>,
    tr: crate::i18n::Tr,
    caller: Caller,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<crate::html::NoticeQuery>,
) -> Result<axum::response::Response, WebError> {
    crate::html::notice_pdf_response(&state, &tr, &caller, &id, q.lang.as_deref()).await
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/screenings", params(("id" = String, Path)), tag = "screening",
    responses((status = 200, body = [ScreeningOut])))]
pub async fn list_screenings(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<ScreeningOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let list = state.store.list_screenings(&scope, person_id(&id)?).await?;
    Ok(Json(list.iter().map(screening_out).collect()))
}

#[utoipa::path(get, path = "/api/v1/screenings/{id}", params(("id" = String, Path)), tag = "screening",
    responses((status = 200, body = ScreeningOut), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_screening(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ScreeningOut>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    Ok(Json(screening_out(&state.store.get_screening(&scope, &id).await?)))
}

#[utoipa::path(post, path = "/api/v1/screenings/{id}/answers", params(("id" = String, Path)), request_body = AnswersIn, tag = "screening",
    responses((status = 200, body = ScreeningOut), (status = 400, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn answer_screening(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<AnswersIn>,
) -> Result<Json<ScreeningOut>, WebError> {
    let read = caller.scope(&state, Permission::ReadCase).await?;
    let current = state.store.get_screening(&read, &id).await?;
    let instrument = instrument_of(&current)?;
    let answers = answers_from_values(&instrument, body.answers).map_err(WebError::BadRequest)?;
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    Ok(Json(screening_out(&state.store.record_answers(&scope, &id, &answers, &instrument).await?)))
}

pub(crate) async fn determine(
    state: &AppState,
    caller: &Caller,
    v: &ScreeningView,
) -> Result<haven_core::screening::Determination, WebError> {
    let instrument = instrument_of(v)?;
    let answers = v.answers.clone().ok_or(WebError::Forbidden)?;
    let person = state.store.get_person(&caller.scope(state, Permission::ReadPerson).await?, v.person_id).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let may_be_child = match person.state {
        haven_store::persons::PersonState::Active(r) => r.birth.may_be_child(today),
        haven_store::persons::PersonState::Erased { .. } => return Err(WebError::Erased),
    };
    Ok(haven_core::screening::evaluate(&instrument, &answers, may_be_child))
}

#[utoipa::path(post, path = "/api/v1/screenings/{id}/complete", params(("id" = String, Path)), tag = "screening",
    responses((status = 200, description = "the determination, with its explanation"), (status = 409, body = crate::error::ErrorBody)))]
pub async fn complete_screening(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let read = caller.scope(&state, Permission::ReadCase).await?;
    let v = state.store.get_screening(&read, &id).await?;
    let d = determine(&state, &caller, &v).await?;
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    state.store.complete_screening(&scope, &id, d.outcome.code()).await?;
    let n = state.store.corroboration_count(&read, &id).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], determination_json_with(&d, Some(n))))
}

#[utoipa::path(get, path = "/api/v1/screenings/{id}/determination", params(("id" = String, Path)), tag = "screening",
    responses((status = 200, description = "the determination for the answers so far, with its explanation")))]
pub async fn get_determination(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let read = caller.scope(&state, Permission::ReadCase).await?;
    let v = state.store.get_screening(&read, &id).await?;
    let d = determine(&state, &caller, &v).await?;
    let n = state.store.corroboration_count(&read, &id).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], determination_json_with(&d, Some(n))))
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

/// The reflection period of the law the caller's organisation works under.
/// The law the caller's organisation works under, from its country.
pub(crate) async fn jurisdiction(
    state: &AppState,
    caller: &Caller,
) -> Result<&'static haven_core::screening::jurisdiction::Jurisdiction, WebError> {
    let country =
        state.store.list_orgs().await?.into_iter().find(|o| o.id == caller.user.org_id).and_then(|o| o.country);
    Ok(haven_core::screening::jurisdiction::for_country(country.as_deref()))
}

pub(crate) async fn reflection_days(state: &AppState, caller: &Caller) -> Result<u32, WebError> {
    Ok(jurisdiction(state, caller).await?.reflection_days)
}

#[utoipa::path(post, path = "/api/v1/screenings/{id}/decisions", params(("id" = String, Path)), request_body = DecisionCreate, tag = "screening",
    responses((status = 201, body = Created), (status = 400, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 409, description = "before the end of the reflection period, or the screening is not completed", body = crate::error::ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<DecisionCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::DecideConclusively).await?;
    let conclusion = haven_core::screening::decision::Conclusion::parse(&body.conclusion)?;
    let reasons = haven_core::screening::decision::Reasons::parse(&body.reasons)?;
    let days = reflection_days(&state, &caller).await?;
    let did = state.store.record_decision(&scope, &id, conclusion, &reasons, days).await?;
    Ok((StatusCode::CREATED, Json(Created::new(did))))
}

#[utoipa::path(get, path = "/api/v1/screenings/{id}/decisions", params(("id" = String, Path)), tag = "screening",
    responses((status = 200, body = [DecisionOut]), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list_decisions(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<DecisionOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let list = state.store.list_decisions(&scope, &id).await?;
    Ok(Json(
        list.into_iter()
            .map(|d| DecisionOut {
                id: d.id,
                conclusion: d.conclusion,
                reasons: d.reasons,
                decided_by: d.decided_by.to_string(),
                decided_by_name: d.decided_by_name,
                decided_at: rfc3339(d.decided_at_ms),
                supersedes: d.supersedes,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct TaskOut {
    /// request_release, child_in_detention, reasonable_grounds_due, recovery_period_ends, referral_overdue,
    /// return_follow_up, rescreen.
    kind: String,
    person_id: String,
    name: String,
    screening_id: Option<String>,
    due: String,
    overdue: bool,
    child: bool,
}

#[utoipa::path(get, path = "/api/v1/tasks", tag = "screening",
    responses((status = 200, description = "most urgent first", body = [TaskOut]), (status = 403, body = crate::error::ErrorBody)))]
pub async fn tasks(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<TaskOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let facts = state.store.task_facts(&scope).await?;
    let jur = crate::screening::jurisdiction(&state, &caller).await?;
    let today = time::OffsetDateTime::now_utc().date();
    Ok(Json(
        haven_core::tasks::compute(&facts, today, jur.rg_target_working_days, jur.reflection_days)
            .into_iter()
            .map(|t| TaskOut {
                kind: t.kind.as_str().to_owned(),
                person_id: t.person_id,
                name: t.name,
                screening_id: t.screening_id,
                due: haven_core::person::format_date(t.due),
                overdue: t.overdue,
                child: t.child,
            })
            .collect(),
    ))
}

// ---- remedies (R14) ----

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PenaltyCreate {
    /// conviction, fine, deportation_order, entry_ban.
    kind: String,
    /// ISO 3166 alpha-3 of the country that imposed it.
    country: String,
    /// YYYY-MM-DD, if known.
    imposed_on: Option<String>,
    /// The act that was punished.
    offence: String,
    /// Committed as a consequence of being trafficked: the ground for expungement.
    consequence_of_trafficking: bool,
}

#[derive(Serialize, ToSchema)]
pub struct PenaltyOut {
    id: String,
    kind: String,
    country: String,
    imposed_on: Option<String>,
    /// Null for readers without the forced-acts category.
    offence: Option<String>,
    consequence_of_trafficking: bool,
    expungement: String,
    expungement_due: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpungementUpdate {
    /// not_requested, requested, granted, refused.
    status: String,
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/penalties", params(("id" = String, Path)), request_body = PenaltyCreate, tag = "remedies",
    responses((status = 201, body = Created), (status = 400, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn record_penalty(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PenaltyCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let p = haven_core::remedy::Penalty::parse(
        &body.kind,
        &body.country,
        body.imposed_on.as_deref(),
        &body.offence,
        body.consequence_of_trafficking,
        today,
    )?;
    let pid = state.store.record_penalty(&scope, person_id(&id)?, &p).await?;
    Ok((StatusCode::CREATED, Json(Created::new(pid))))
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/penalties", params(("id" = String, Path)), tag = "remedies",
    responses((status = 200, body = [PenaltyOut]), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list_penalties(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<PenaltyOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let list = state.store.list_penalties(&scope, person_id(&id)?).await?;
    Ok(Json(
        list.into_iter()
            .map(|p| PenaltyOut {
                expungement_due: p.consequence_of_trafficking
                    && p.expungement == haven_core::remedy::Expungement::NotRequested,
                id: p.id,
                kind: p.kind.as_str().to_owned(),
                country: p.country,
                imposed_on: p.imposed_on,
                offence: p.offence,
                consequence_of_trafficking: p.consequence_of_trafficking,
                expungement: p.expungement.as_str().to_owned(),
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/penalties/{id}/expungement", params(("id" = String, Path)), request_body = ExpungementUpdate, tag = "remedies",
    responses((status = 204, description = "updated"), (status = 404, body = crate::error::ErrorBody)))]
pub async fn update_expungement(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ExpungementUpdate>,
) -> Result<StatusCode, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let status = haven_core::remedy::Expungement::parse(&body.status)?;
    state.store.set_expungement(&scope, &id, status).await?;
    Ok(StatusCode::NO_CONTENT)
}

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
