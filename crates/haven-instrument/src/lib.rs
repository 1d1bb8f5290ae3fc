//! Screening instruments as files.
//!
//! An instrument is a TOML file (see `instruments/forced-criminality-v1.toml`).
//! This crate parses it strictly (unknown keys are errors, sizes are capped),
//! hashes the exact bytes, converts it into the core's model and runs the
//! core's validation, which refuses any instrument that would let a contract,
//! pay, consent or knowing the work was fraud count against a person (R03,
//! R05), or use sex, gender or nationality at all (R10). Instrument files may
//! come from other organisations, so the parser is fuzzed (see `fuzz/`).

use std::collections::BTreeMap;

use haven_core::screening::{
    AnswerType, Effect, Element, FactKind, Indicator, Instrument, InstrumentError, InstrumentKind, NeedSignal,
    Question, Rule, Strength, Topic, Trigger,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// Instrument files above this size are refused unread.
pub const MAX_BYTES: usize = 512 * 1024;

/// The instruments shipped with haven, compiled in.
pub const BUILT_IN: [(&str, &str); 2] = [
    ("forced-criminality-v1.toml", include_str!("../../../instruments/forced-criminality-v1.toml")),
    ("vulnerability-v1.toml", include_str!("../../../instruments/vulnerability-v1.toml")),
];

#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("the instrument file is larger than {MAX_BYTES} bytes")]
    TooLarge,
    #[error("not a valid instrument file: {0}")]
    Syntax(String),
    #[error("invalid instrument: {0}")]
    Invalid(#[from] InstrumentError),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInstrument {
    id: String,
    version: String,
    #[serde(default)]
    kind: Option<String>,
    rule_source: String,
    adult_requires: Vec<String>,
    child_requires: Vec<String>,
    title: BTreeMap<String, String>,
    #[serde(default)]
    rules: Vec<RawRule>,
    sections: Vec<RawSection>,
    questions: Vec<RawQuestion>,
    #[serde(default)]
    indicators: Vec<RawIndicator>,
    #[serde(default)]
    needs: Vec<RawNeed>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(default)]
    strong: u32,
    #[serde(default)]
    medium: u32,
    #[serde(default)]
    weak: u32,
    #[serde(default)]
    medium_or_weak: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: String,
    title: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    section: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    options: Vec<String>,
    topic: Option<String>,
    fact: Option<String>,
    text: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawTrigger {
    Word(String),
    AnyOf { any_of: Vec<String> },
    AtLeast { at_least: f64 },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: String,
    question: String,
    trigger: RawTrigger,
    elements: Vec<String>,
    strength: String,
    #[serde(default)]
    effect: Option<String>,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNeed {
    question: String,
    trigger: RawTrigger,
    need: String,
    #[serde(default)]
    vulnerability: Option<String>,
}

fn bad(msg: String) -> ParseError {
    ParseError::Invalid(InstrumentError(msg))
}

fn trigger(t: RawTrigger, owner: &str) -> Result<Trigger, ParseError> {
    Ok(match t {
        RawTrigger::Word(w) if w == "yes" => Trigger::Yes,
        RawTrigger::Word(w) => {
            return Err(bad(format!("{owner}: unknown trigger {w:?} (use \"yes\", any_of or at_least)")))
        }
        RawTrigger::AnyOf { any_of } => Trigger::AnyOf(any_of),
        RawTrigger::AtLeast { at_least } if at_least.is_finite() => Trigger::AtLeast(at_least),
        RawTrigger::AtLeast { .. } => return Err(bad(format!("{owner}: at_least must be a finite number"))),
    })
}

fn elements(raw: &[String], owner: &str) -> Result<Vec<Element>, ParseError> {
    raw.iter().map(|e| Element::parse(e).ok_or_else(|| bad(format!("{owner}: unknown element {e:?}")))).collect()
}

/// Parses, hashes and validates an instrument file.
pub fn parse(text: &str) -> Result<Instrument, ParseError> {
    if text.len() > MAX_BYTES {
        return Err(ParseError::TooLarge);
    }
    let raw: RawInstrument = toml::from_str(text).map_err(|e| ParseError::Syntax(e.message().to_owned()))?;
    let hash = hex::encode(Sha256::digest(text.as_bytes()));
    let mut questions = Vec::with_capacity(raw.questions.len());
    for q in raw.questions {
        let answer = match (q.kind.as_str(), q.options.is_empty()) {
            ("yes_no", true) => AnswerType::YesNo,
            ("choice", false) => AnswerType::Choice(q.options),
            ("multi_choice", false) => AnswerType::MultiChoice(q.options),
            ("number", true) => AnswerType::Number,
            ("date", true) => AnswerType::Date,
            ("place", true) => AnswerType::Place,
            ("free_text", true) => AnswerType::FreeText,
            (k, _) => return Err(bad(format!("question {}: type {k:?} with these options is not allowed", q.id))),
        };
        let topic = q
            .topic
            .map(|t| Topic::parse(&t).ok_or_else(|| bad(format!("question {}: unknown topic {t:?}", q.id))))
            .transpose()?;
        let fact = q
            .fact
            .map(|f| FactKind::parse(&f).ok_or_else(|| bad(format!("question {}: unknown fact {f:?}", q.id))))
            .transpose()?;
        questions.push(Question { id: q.id, section: q.section, text: q.text, answer, topic, fact });
    }
    let mut indicators = Vec::with_capacity(raw.indicators.len());
    for i in raw.indicators {
        let owner = format!("indicator {}", i.id);
        let effect = match i.effect.as_deref() {
            None | Some("supports") => Effect::Supports,
            Some("lowers") => Effect::Lowers,
            Some(e) => return Err(bad(format!("{owner}: unknown effect {e:?}"))),
        };
        indicators.push(Indicator {
            elements: elements(&i.elements, &owner)?,
            strength: Strength::parse(&i.strength).ok_or_else(|| bad(format!("{owner}: unknown strength")))?,
            trigger: trigger(i.trigger, &owner)?,
            effect,
            id: i.id,
            question: i.question,
            source: i.source,
        });
    }
    let needs = raw
        .needs
        .into_iter()
        .map(|n| {
            Ok(NeedSignal {
                trigger: trigger(n.trigger, &n.question)?,
                question: n.question,
                need: n.need,
                vulnerability: n.vulnerability,
            })
        })
        .collect::<Result<Vec<_>, ParseError>>()?;
    let kind = match raw.kind.as_deref() {
        None => InstrumentKind::Identification,
        Some(k) => InstrumentKind::parse(k).ok_or_else(|| bad(format!("unknown instrument kind {k:?}")))?,
    };
    let instrument = Instrument {
        kind,
        adult_requires: elements(&raw.adult_requires, "adult_requires")?,
        child_requires: elements(&raw.child_requires, "child_requires")?,
        rules: raw
            .rules
            .into_iter()
            .map(|r| Rule { strong: r.strong, medium: r.medium, weak: r.weak, medium_or_weak: r.medium_or_weak })
            .collect(),
        id: raw.id,
        version: raw.version,
        hash,
        title: raw.title,
        sections: raw.sections.into_iter().map(|s| (s.id, s.title)).collect(),
        questions,
        indicators,
        needs,
        rule_source: raw.rule_source,
    };
    instrument.validate()?;
    Ok(instrument)
}

/// The built-in instruments, parsed. A built-in that fails to parse is a
/// build defect caught by this crate's tests; here it is skipped.
pub fn built_in() -> Vec<Instrument> {
    BUILT_IN.iter().filter_map(|(_, text)| parse(text).ok()).collect()
}

/// A built-in instrument by id.
pub fn find(id: &str) -> Option<Instrument> {
    built_in().into_iter().find(|i| i.id == id)
}
