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
use std::sync::LazyLock;

use haven_core::screening::{
    AnswerType, Condition, Effect, Element, ElementRule, FactKind, Form, Indicator, Instrument, InstrumentError,
    InstrumentKind, NeedKind, NeedSignal, Question, Rule, Strength, Topic, Trigger, Urgency,
};

pub mod corpus;
pub mod pack;
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// Instrument files above this size are refused unread.
pub const MAX_BYTES: usize = 512 * 1024;

/// The instruments shipped with haven for new screenings, compiled in.
pub const BUILT_IN: [(&str, &str); 2] = [
    ("forced-criminality-v2.toml", include_str!("../../../instruments/forced-criminality-v2.toml")),
    ("vulnerability-v1.toml", include_str!("../../../instruments/vulnerability-v1.toml")),
];

/// Older versions, kept byte for byte so that the screenings made with them
/// keep their version, hash and result and can still be evaluated. Never
/// offered for a new screening. `forced-criminality` 1.1.0 gates each
/// element on the ILO/EC count, which cannot let forced criminality meet the
/// purpose on its own (R04), so it passes only the retired checks.
/// `forced-criminality` 2.0.0 and `vulnerability` 1.0.0 were replaced by
/// 2.0.1 and 1.0.1, which change wording only: the hash covers the whole
/// file, texts included, so a wording fix is a new version and the old bytes
/// stay here for the screenings that recorded their hash.
pub const RETIRED: [(&str, &str); 3] = [
    ("forced-criminality-v1.toml", include_str!("../../../instruments/forced-criminality-v1.toml")),
    ("forced-criminality-v2.0.0.toml", include_str!("../../../instruments/forced-criminality-v2.0.0.toml")),
    ("vulnerability-v1.0.0.toml", include_str!("../../../instruments/vulnerability-v1.0.0.toml")),
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
    #[serde(default)]
    element_rules: BTreeMap<String, String>,
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
    #[serde(default)]
    option_text: BTreeMap<String, BTreeMap<String, String>>,
    asked_if: Option<RawCondition>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    question: String,
    trigger: RawTrigger,
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
    #[serde(default)]
    forms: Vec<String>,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNeed {
    question: String,
    trigger: RawTrigger,
    need: String,
    #[serde(default)]
    urgency: Option<String>,
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

/// Parses, hashes and validates an instrument file for new screenings.
pub fn parse(text: &str) -> Result<Instrument, ParseError> {
    let instrument = build(text)?;
    instrument.validate()?;
    Ok(instrument)
}

/// Parses a retired version: the checks that protect the person (R02, R03,
/// R05, R10) still apply; see [`RETIRED`].
pub fn parse_retired(text: &str) -> Result<Instrument, ParseError> {
    let instrument = build(text)?;
    instrument.validate_retired()?;
    Ok(instrument)
}

fn build(text: &str) -> Result<Instrument, ParseError> {
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
        let asked_if = q
            .asked_if
            .map(|c| {
                Ok::<_, ParseError>(Condition {
                    trigger: trigger(c.trigger, &format!("question {}", q.id))?,
                    question: c.question,
                })
            })
            .transpose()?;
        questions.push(Question {
            id: q.id,
            section: q.section,
            text: q.text,
            answer,
            topic,
            fact,
            option_text: q.option_text,
            asked_if,
        });
    }
    let mut indicators = Vec::with_capacity(raw.indicators.len());
    for i in raw.indicators {
        let owner = format!("indicator {}", i.id);
        let effect = match i.effect.as_deref() {
            None | Some("supports") => Effect::Supports,
            Some("lowers") => Effect::Lowers,
            Some(e) => return Err(bad(format!("{owner}: unknown effect {e:?}"))),
        };
        let forms = i
            .forms
            .iter()
            .map(|f| Form::parse(f).ok_or_else(|| bad(format!("{owner}: unknown form {f:?}"))))
            .collect::<Result<Vec<_>, _>>()?;
        indicators.push(Indicator {
            forms,
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
            let owner = format!("need on {}", n.question);
            Ok(NeedSignal {
                trigger: trigger(n.trigger, &owner)?,
                need: NeedKind::parse(&n.need).ok_or_else(|| bad(format!("{owner}: unknown need {:?}", n.need)))?,
                urgency: n
                    .urgency
                    .map(|u| Urgency::parse(&u).ok_or_else(|| bad(format!("{owner}: unknown urgency {u:?}"))))
                    .transpose()?,
                question: n.question,
                vulnerability: n.vulnerability,
            })
        })
        .collect::<Result<Vec<_>, ParseError>>()?;
    let kind = match raw.kind.as_deref() {
        None => InstrumentKind::Identification,
        Some(k) => InstrumentKind::parse(k).ok_or_else(|| bad(format!("unknown instrument kind {k:?}")))?,
    };
    let mut element_rules = BTreeMap::new();
    for (el, rule) in &raw.element_rules {
        let el = Element::parse(el).ok_or_else(|| bad(format!("element_rules: unknown element {el:?}")))?;
        let rule = ElementRule::parse(rule).ok_or_else(|| bad(format!("element_rules: unknown rule {rule:?}")))?;
        element_rules.insert(el, rule);
    }
    Ok(Instrument {
        element_rules,
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
    })
}

/// The built-in instruments for new screenings, parsed. A built-in that
/// fails to parse is a build defect caught by this crate's tests; here it
/// is skipped.
pub fn built_in() -> Vec<Instrument> {
    CURRENT.clone()
}

// Parsed once: the built-ins are constants, and parsing and validating one
// costs more than a request should spend on it.
static CURRENT: LazyLock<Vec<Instrument>> =
    LazyLock::new(|| BUILT_IN.iter().filter_map(|(_, text)| parse(text).ok()).collect());
static OLDER: LazyLock<Vec<Instrument>> =
    LazyLock::new(|| RETIRED.iter().filter_map(|(_, text)| parse_retired(text).ok()).collect());

/// The retired built-in versions, parsed (see [`RETIRED`]).
pub fn retired() -> Vec<Instrument> {
    OLDER.clone()
}

/// The current built-in instrument by id: the version new screenings use.
/// `forced-criminality` is 2.0.1.
pub fn find(id: &str) -> Option<Instrument> {
    CURRENT.iter().find(|i| i.id == id).cloned()
}

/// A built-in instrument by id and version, current or retired: the one a
/// stored screening was made with, so that it keeps evaluating under it.
pub fn find_version(id: &str, version: &str) -> Option<Instrument> {
    CURRENT.iter().chain(OLDER.iter()).find(|i| i.id == id && i.version == version).cloned()
}
