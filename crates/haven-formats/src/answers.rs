//! Screening answers and determinations as JSON: the file format of
//! `haven screen evaluate`, and the shape the API returns a determination
//! in. Answers are interpreted by each question's type; unknown questions
//! and malformed values are errors, never guesses.

use std::collections::BTreeMap;

use haven_core::screening::{Answer, AnswerType, Determination, Instrument};
use serde::Serialize;

/// Reads answers from JSON: `{"question": "yes" | "no" | "prefer_not_to_say"
/// | "dont_know" | "<option>" | ["<option>", …] | 12, …}`, interpreted by
/// each question's type. Unknown questions and malformed values are errors.
pub fn answers_from_json(instrument: &Instrument, text: &str) -> Result<BTreeMap<String, Answer>, String> {
    let raw: BTreeMap<String, serde_json::Value> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    answers_from_values(instrument, raw)
}

pub fn answers_from_values(
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
    /// The same needs, most urgent first, each with the answers behind it
    /// and the task it calls for (R09, R19).
    needs: Vec<NeedJson<'a>>,
    /// R09: the vulnerable situations the answers show, whatever the outcome.
    vulnerabilities: &'a [String],
    instrument: BTreeMap<&'a str, &'a str>,
    rule: &'a str,
    /// R08: other people of the organisation who named the same compound,
    /// recruiter or advertisement (a count, never who).
    #[serde(skip_serializing_if = "Option::is_none")]
    corroborated_by: Option<i64>,
}

#[derive(Serialize)]
struct NeedJson<'a> {
    need: &'a str,
    urgency: &'a str,
    /// Offered to everyone screened, whatever the answers.
    always_offered: bool,
    /// Why it is there: `{"question", "answer"}` for an answer, or
    /// `{"reason": "may_be_child" | "language_not_covered" | "interpreted", "language"?}`.
    reasons: Vec<serde_json::Value>,
    /// The task it creates, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    task: Option<&'a str>,
    /// The consent purpose required before anything is disclosed for it (R17).
    #[serde(skip_serializing_if = "Option::is_none")]
    consent_first: Option<&'a str>,
}

fn need_json(n: &haven_core::screening::Need) -> NeedJson<'_> {
    use haven_core::screening::NeedReason;
    use serde_json::json;
    NeedJson {
        need: n.kind.as_str(),
        urgency: n.urgency.as_str(),
        always_offered: n.always_offered,
        reasons: n
            .reasons
            .iter()
            .map(|r| match r {
                NeedReason::Answer { question, answer } => json!({"question": question, "answer": answer}),
                NeedReason::MayBeChild => json!({"reason": "may_be_child"}),
                NeedReason::LanguageNotCovered { language } => {
                    json!({"reason": "language_not_covered", "language": language})
                }
                NeedReason::Interpreted { language } => json!({"reason": "interpreted", "language": language}),
            })
            .collect(),
        task: n.follow_up.as_ref().map(|f| f.code()),
        consent_first: n.consent_first.as_ref().map(|p| p.as_str()),
    }
}

/// A determination as pretty JSON (the explanation included).
pub fn determination_json(d: &Determination) -> String {
    determination_json_with(d, None)
}

pub fn determination_json_with(d: &Determination, corroborated_by: Option<i64>) -> String {
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
        needs: d.needs.iter().map(need_json).collect(),
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

pub fn answer_to_value(a: &Answer) -> serde_json::Value {
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
