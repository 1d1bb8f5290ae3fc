//! Evaluation: answers in, an explainable finding out.

use std::collections::BTreeMap;

use super::model::*;

/// An answer as recorded. "Prefer not to say", "don't know" and an unasked
/// question (absent from the map) are distinct from "no" (R06).
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Yes,
    No,
    Choice(String),
    Multi(Vec<String>),
    Number(f64),
    Text(String),
    PreferNotToSay,
    DontKnow,
}

impl Answer {
    fn fires(&self, trigger: &Trigger) -> bool {
        match (trigger, self) {
            (Trigger::Yes, Answer::Yes) => true,
            (Trigger::AnyOf(opts), Answer::Choice(c)) => opts.contains(c),
            (Trigger::AnyOf(opts), Answer::Multi(cs)) => cs.iter().any(|c| opts.contains(c)),
            (Trigger::AtLeast(n), Answer::Number(x)) => x >= n,
            _ => false,
        }
    }

    /// Whether the person has not (yet) given an answer that could decide.
    pub fn is_open(&self) -> bool {
        matches!(self, Answer::PreferNotToSay | Answer::DontKnow)
    }

    pub fn describe(&self) -> String {
        match self {
            Answer::Yes => "yes".into(),
            Answer::No => "no".into(),
            Answer::Choice(c) => c.clone(),
            Answer::Multi(cs) => cs.join(", "),
            Answer::Number(n) => n.to_string(),
            Answer::Text(_) => "(free text)".into(),
            Answer::PreferNotToSay => "prefer not to say".into(),
            Answer::DontKnow => "don't know".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileKind {
    Adult,
    /// R02: under 18, or may be.
    Child,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The required elements are evidenced: the consequences of reasonable
    /// grounds (non-punishment, protection) start now.
    ReasonableGrounds,
    /// Too little is known yet. Never a negative: the person is offered the
    /// reflection period and a later screening.
    NotYetDetermined { missing: Vec<Element>, open_questions: Vec<String> },
    /// Trafficking is not (yet) established, but the answers show a migrant
    /// in a vulnerable situation (R09). Still never a negative: what is
    /// missing stays open for a later screening.
    VulnerableMigrant { missing: Vec<Element>, open_questions: Vec<String> },
}

impl Outcome {
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::ReasonableGrounds => "reasonable_grounds",
            Outcome::NotYetDetermined { .. } => "not_yet_determined",
            Outcome::VulnerableMigrant { .. } => "vulnerable_migrant",
        }
    }

    /// The elements still unevidenced and the questions that could evidence
    /// them; empty at reasonable grounds.
    pub fn still_open(&self) -> (&[Element], &[String]) {
        match self {
            Outcome::ReasonableGrounds => (&[], &[]),
            Outcome::NotYetDetermined { missing, open_questions }
            | Outcome::VulnerableMigrant { missing, open_questions } => (missing, open_questions),
        }
    }
}

/// One indicator that fired, with the answer behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub indicator: String,
    pub question: String,
    pub answer: String,
    pub strength: Strength,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ElementFinding {
    pub element: Element,
    pub met: bool,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Determination {
    pub outcome: Outcome,
    pub profile: ProfileKind,
    pub elements: Vec<ElementFinding>,
    /// Referral needs, computed for everyone screened (R09).
    pub needs: Vec<String>,
    /// The vulnerable situations the answers show, whatever the outcome.
    pub vulnerabilities: Vec<String>,
    pub instrument_id: String,
    pub instrument_version: String,
    pub instrument_hash: String,
    pub rule_source: String,
}

/// Evaluates answers against an instrument. `may_be_child` comes from
/// [`crate::person::Birth::may_be_child`]: an uncertain age that may be
/// under 18 uses the child profile (R02).
pub fn evaluate(instrument: &Instrument, answers: &BTreeMap<String, Answer>, may_be_child: bool) -> Determination {
    let profile = if may_be_child { ProfileKind::Child } else { ProfileKind::Adult };
    let mut per_element: BTreeMap<Element, (Vec<Evidence>, [i64; 3])> = BTreeMap::new();
    for ind in &instrument.indicators {
        let Some(q) = instrument.question(&ind.question) else { continue };
        // Validation already refuses these; the engine refuses them again so
        // that no path through it can use a protected topic (R03, R05, R10).
        if q.topic.is_some_and(|t| t.is_identity_trait() || ind.effect == Effect::Lowers) {
            continue;
        }
        let Some(answer) = answers.get(&ind.question) else { continue };
        if !answer.fires(&ind.trigger) {
            continue;
        }
        let delta = if ind.effect == Effect::Supports { 1 } else { -1 };
        for el in &ind.elements {
            let entry = per_element.entry(*el).or_default();
            let slot = match ind.strength {
                Strength::Strong => 0,
                Strength::Medium => 1,
                Strength::Weak => 2,
            };
            entry.1[slot] += delta;
            if ind.effect == Effect::Supports {
                entry.0.push(Evidence {
                    indicator: ind.id.clone(),
                    question: ind.question.clone(),
                    answer: answer.describe(),
                    strength: ind.strength,
                    source: ind.source.clone(),
                });
            }
        }
    }
    let met = |el: Element| -> bool {
        per_element.get(&el).is_some_and(|(_, c)| {
            let n = |i: usize| u32::try_from(c[i].max(0)).unwrap_or(0);
            instrument.rules.iter().any(|r| r.satisfied(n(0), n(1), n(2)))
        })
    };
    let elements: Vec<ElementFinding> = Element::ALL
        .iter()
        .filter(|el| instrument.indicators.iter().any(|i| i.elements.contains(el)))
        .map(|el| ElementFinding {
            element: *el,
            met: met(*el),
            evidence: per_element.get(el).map(|(e, _)| e.clone()).unwrap_or_default(),
        })
        .collect();
    let required = match profile {
        ProfileKind::Adult => &instrument.adult_requires,
        ProfileKind::Child => &instrument.child_requires,
    };
    let missing: Vec<Element> = required.iter().copied().filter(|el| !met(*el)).collect();
    let fired = |n: &&NeedSignal| answers.get(&n.question).is_some_and(|a| a.fires(&n.trigger));
    let mut vulnerabilities: Vec<String> =
        instrument.needs.iter().filter(fired).filter_map(|n| n.vulnerability.clone()).collect();
    vulnerabilities.sort();
    vulnerabilities.dedup();
    // A vulnerability screen requires no element, so "nothing missing" there
    // must not read as reasonable grounds.
    let outcome = if missing.is_empty() && instrument.kind == InstrumentKind::Identification {
        Outcome::ReasonableGrounds
    } else {
        // The questions that could still evidence a missing element and have
        // no decisive answer yet: offered again at re-screening.
        let mut open: Vec<String> = instrument
            .indicators
            .iter()
            .filter(|i| i.elements.iter().any(|e| missing.contains(e)))
            .filter(|i| answers.get(&i.question).is_none_or(Answer::is_open))
            .map(|i| i.question.clone())
            .collect();
        if instrument.kind == InstrumentKind::Vulnerability {
            open = instrument
                .needs
                .iter()
                .filter(|n| answers.get(&n.question).is_none_or(Answer::is_open))
                .map(|n| n.question.clone())
                .collect();
        }
        open.sort();
        open.dedup();
        if vulnerabilities.is_empty() {
            Outcome::NotYetDetermined { missing, open_questions: open }
        } else {
            Outcome::VulnerableMigrant { missing, open_questions: open }
        }
    };
    let mut needs: Vec<String> = instrument.needs.iter().filter(fired).map(|n| n.need.clone()).collect();
    // Everyone screened is referred to legal, medical and psychological
    // support, whatever the finding (R09).
    for base in ["legal_aid", "medical", "psychological"] {
        needs.push(base.to_owned());
    }
    needs.sort();
    needs.dedup();
    Determination {
        outcome,
        profile,
        elements,
        needs,
        vulnerabilities,
        instrument_id: instrument.id.clone(),
        instrument_version: instrument.version.clone(),
        instrument_hash: instrument.hash.clone(),
        rule_source: instrument.rule_source.clone(),
    }
}

/// A compact, line-based text form of answers for sealed storage:
/// `question<TAB>kind<TAB>value`, with tabs, newlines and backslashes in
/// values escaped. Kept in the core so the store needs no JSON.
pub fn encode_answers(answers: &BTreeMap<String, Answer>) -> String {
    use crate::linefmt::escape as esc;
    let mut out = String::new();
    for (q, a) in answers {
        let (kind, value) = match a {
            Answer::Yes => ("yes", String::new()),
            Answer::No => ("no", String::new()),
            Answer::Choice(c) => ("choice", esc(c)),
            Answer::Multi(cs) => ("multi", cs.iter().map(|c| esc(c)).collect::<Vec<_>>().join("\u{1f}")),
            Answer::Number(n) => ("number", n.to_string()),
            Answer::Text(t) => ("text", esc(t)),
            Answer::PreferNotToSay => ("prefer_not", String::new()),
            Answer::DontKnow => ("dont_know", String::new()),
        };
        out.push_str(&format!("{}\t{kind}\t{value}\n", esc(q)));
    }
    out
}

pub fn decode_answers(text: &str) -> Option<BTreeMap<String, Answer>> {
    use crate::linefmt::unescape as unesc;
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let mut parts = line.splitn(3, '\t');
        let q = unesc(parts.next()?);
        let kind = parts.next()?;
        let value = parts.next().unwrap_or("");
        let a = match kind {
            "yes" => Answer::Yes,
            "no" => Answer::No,
            "choice" => Answer::Choice(unesc(value)),
            "multi" => {
                Answer::Multi(if value.is_empty() { Vec::new() } else { value.split('\u{1f}').map(unesc).collect() })
            }
            "number" => Answer::Number(value.parse().ok()?),
            "text" => Answer::Text(unesc(value)),
            "prefer_not" => Answer::PreferNotToSay,
            "dont_know" => Answer::DontKnow,
            _ => return None,
        };
        out.insert(q, a);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_answer() -> impl Strategy<Value = Answer> {
        prop_oneof![
            Just(Answer::Yes),
            Just(Answer::No),
            Just(Answer::PreferNotToSay),
            Just(Answer::DontKnow),
            "[a-z_]{1,10}".prop_map(Answer::Choice),
            prop::collection::vec("[a-z_]{1,8}", 0..4).prop_map(Answer::Multi),
            (-1.0e6f64..1.0e6).prop_map(Answer::Number),
            any::<String>().prop_map(Answer::Text),
        ]
    }

    proptest! {
        #[test]
        fn answers_survive_the_storage_encoding(a in prop::collection::btree_map("[a-z_\\t\\\\]{1,12}", any_answer(), 0..12)) {
            prop_assert_eq!(decode_answers(&encode_answers(&a)), Some(a));
        }
    }
}
