//! Screening instruments and determinations over JSON: the API's DTOs, and
//! the JSON forms the CLI reads and prints (`haven screen evaluate`).

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::Json;
use haven_core::screening::{Answer, AnswerType, Determination, Instrument, Outcome};
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
    instrument: BTreeMap<&'a str, &'a str>,
    rule: &'a str,
}

/// A determination as pretty JSON (the explanation included).
pub fn determination_json(d: &Determination) -> String {
    let (missing, open) = match &d.outcome {
        Outcome::ReasonableGrounds => (Vec::new(), Vec::new()),
        Outcome::NotYetDetermined { missing, open_questions } => {
            (missing.iter().map(|e| e.as_str()).collect(), open_questions.iter().map(String::as_str).collect())
        }
    };
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
        referral_needs: &d.needs,
        instrument: [
            ("id", d.instrument_id.as_str()),
            ("version", d.instrument_version.as_str()),
            ("hash", d.instrument_hash.as_str()),
        ]
        .into_iter()
        .collect(),
        rule: &d.rule_source,
    };
    serde_json::to_string_pretty(&json).unwrap_or_default()
}
