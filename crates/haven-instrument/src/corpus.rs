//! The validation corpus: case vignettes, each with the facts it states,
//! the answers an interviewer would record from those facts alone, what the
//! law's test says about them, and why (`corpus/identification/*.toml`).
//!
//! A vignette file:
//!
//! ```toml
//! id = "fc-001"
//! title = "…"
//! sources = ["OHCHR 2023, III 'The action'"]
//! facts = """…"""
//! age = 24                  # omit when nobody knows or has estimated it
//! age_uncertain = false
//! language = "vi"           # BCP 47
//! interpreter = false
//! truth = "trafficked"      # or "not_trafficked", or "undisclosed"
//! expected = "reasonable_grounds"
//! why = """…"""
//! [answers]
//! recruited_job_ad = "yes"  # "no", "prefer_not_to_say", "dont_know",
//!                           # an option, a list of options, a number, text
//! ```
//!
//! `truth` is what the facts show: trafficked, not trafficked, or not
//! enough disclosed to tell (those count in neither sensitivity nor
//! specificity; they must never end in a negative, R06, R07).

use std::collections::BTreeMap;

use haven_core::person::Birth;
use haven_core::screening::{evaluate_in, Answer, AnswerType, Determination, Instrument, Setting};
use serde::Deserialize;

/// What the facts show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    Trafficked,
    NotTrafficked,
    /// The person did not say enough to tell either way.
    Undisclosed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Vignette {
    pub id: String,
    pub title: String,
    pub sources: Vec<String>,
    pub facts: String,
    pub birth: Birth,
    pub language: Option<String>,
    pub interpreter: bool,
    pub truth: Truth,
    pub expected: String,
    pub why: String,
    pub answers: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVignette {
    id: String,
    title: String,
    sources: Vec<String>,
    facts: String,
    #[serde(default)]
    age: Option<u8>,
    #[serde(default)]
    age_uncertain: bool,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    interpreter: bool,
    truth: String,
    expected: String,
    why: String,
    #[serde(default)]
    answers: BTreeMap<String, toml::Value>,
}

const OUTCOMES: [&str; 3] = ["reasonable_grounds", "not_yet_determined", "vulnerable_migrant"];

impl Vignette {
    pub fn parse(text: &str) -> Result<Self, String> {
        let raw: RawVignette = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        let truth = match raw.truth.as_str() {
            "trafficked" => Truth::Trafficked,
            "not_trafficked" => Truth::NotTrafficked,
            "undisclosed" => Truth::Undisclosed,
            t => return Err(format!("{}: unknown truth {t:?}", raw.id)),
        };
        if !OUTCOMES.contains(&raw.expected.as_str()) {
            return Err(format!("{}: unknown outcome {:?}", raw.id, raw.expected));
        }
        if raw.sources.iter().all(|s| s.trim().is_empty()) {
            return Err(format!("{}: no source cited", raw.id));
        }
        let birth = match raw.age {
            None => Birth::Unknown,
            Some(years) => Birth::Estimated { years, uncertain: raw.age_uncertain },
        };
        Ok(Self {
            id: raw.id,
            title: raw.title,
            sources: raw.sources,
            facts: raw.facts,
            birth,
            language: raw.language,
            interpreter: raw.interpreter,
            truth,
            expected: raw.expected,
            why: raw.why,
            answers: raw.answers,
        })
    }

    /// The answers as the instrument reads them, and the keys it does not
    /// ask (an older version lacks the newer questions and options; those
    /// answers are not given to it, as its interviewer would not have asked).
    /// A value of the wrong kind for a question the instrument has is an
    /// error in the vignette.
    pub fn answers_for(&self, instrument: &Instrument) -> Result<(BTreeMap<String, Answer>, Vec<String>), String> {
        let mut out = BTreeMap::new();
        let mut skipped = Vec::new();
        for (id, v) in &self.answers {
            let Some(q) = instrument.question(id) else {
                skipped.push(id.clone());
                continue;
            };
            let answer = match (&q.answer, v) {
                (_, toml::Value::String(s)) if s == "prefer_not_to_say" => Answer::PreferNotToSay,
                (_, toml::Value::String(s)) if s == "dont_know" => Answer::DontKnow,
                (AnswerType::YesNo, toml::Value::String(s)) if s == "yes" => Answer::Yes,
                (AnswerType::YesNo, toml::Value::String(s)) if s == "no" => Answer::No,
                (AnswerType::Choice(_), toml::Value::String(s)) => Answer::Choice(s.clone()),
                (AnswerType::MultiChoice(_), toml::Value::Array(items)) => Answer::Multi(
                    items
                        .iter()
                        .map(|i| {
                            i.as_str().map(str::to_owned).ok_or_else(|| format!("{}: {id}: not an option", self.id))
                        })
                        .collect::<Result<_, _>>()?,
                ),
                (AnswerType::Number, toml::Value::Integer(n)) => Answer::Number(*n as f64),
                (AnswerType::Number, toml::Value::Float(n)) if n.is_finite() => Answer::Number(*n),
                (AnswerType::Date | AnswerType::Place | AnswerType::FreeText, toml::Value::String(s)) => {
                    Answer::Text(s.clone())
                }
                _ => return Err(format!("{}: {id}: {v:?} does not answer a {} question", self.id, q.answer.code())),
            };
            if answer.fits(&q.answer) {
                out.insert(id.clone(), answer);
            } else {
                skipped.push(id.clone());
            }
        }
        Ok((out, skipped))
    }

    /// The setting the engine is given: the R02 presumption from the age
    /// as recorded, the language and whether it was interpreted.
    pub fn setting(&self, today: time::Date) -> Setting {
        Setting {
            may_be_child: self.birth.may_be_child(today),
            language: self.language.clone(),
            interpreted: self.interpreter,
        }
    }
}

/// One vignette run against one instrument.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub id: String,
    pub truth: Truth,
    pub expected: String,
    pub determination: Determination,
    /// Answer keys the instrument does not ask.
    pub skipped: Vec<String>,
}

impl CaseResult {
    pub fn outcome(&self) -> &'static str {
        self.determination.outcome.code()
    }
}

pub fn run(instrument: &Instrument, cases: &[Vignette], today: time::Date) -> Result<Vec<CaseResult>, String> {
    cases
        .iter()
        .map(|v| {
            let (answers, skipped) = v.answers_for(instrument)?;
            Ok(CaseResult {
                id: v.id.clone(),
                truth: v.truth,
                expected: v.expected.clone(),
                determination: evaluate_in(instrument, &answers, &v.setting(today)),
                skipped,
            })
        })
        .collect()
}

/// Sensitivity and specificity of reasonable grounds against the facts.
/// A "positive" is reasonable grounds; everything else is "not (yet)"
/// (there is no negative outcome).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    pub true_positives: usize,
    pub false_negatives: usize,
    pub true_negatives: usize,
    pub false_positives: usize,
    pub undisclosed: usize,
}

impl Figures {
    pub fn of(results: &[CaseResult]) -> Self {
        let mut f = Figures::default();
        for r in results {
            let rg = r.outcome() == "reasonable_grounds";
            match (r.truth, rg) {
                (Truth::Trafficked, true) => f.true_positives += 1,
                (Truth::Trafficked, false) => f.false_negatives += 1,
                (Truth::NotTrafficked, false) => f.true_negatives += 1,
                (Truth::NotTrafficked, true) => f.false_positives += 1,
                (Truth::Undisclosed, _) => f.undisclosed += 1,
            }
        }
        f
    }

    pub fn sensitivity(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }

    pub fn specificity(&self) -> f64 {
        ratio(self.true_negatives, self.true_negatives + self.false_positives)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The report in `docs/identification.md`: figures per version, then every
/// case whose outcome differs between them.
pub fn report(before: (&Instrument, &[CaseResult]), after: (&Instrument, &[CaseResult])) -> String {
    let mut out = String::new();
    out.push_str("| instrument | cases | trafficked → RG | not trafficked → not RG | undisclosed | sensitivity | specificity |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for (i, r) in [before, after] {
        let f = Figures::of(r);
        out.push_str(&format!(
            "| {} {} | {} | {}/{} | {}/{} | {} | {:.1}% | {:.1}% |\n",
            i.id,
            i.version,
            r.len(),
            f.true_positives,
            f.true_positives + f.false_negatives,
            f.true_negatives,
            f.true_negatives + f.false_positives,
            f.undisclosed,
            100.0 * f.sensitivity(),
            100.0 * f.specificity(),
        ));
    }
    out.push_str(&format!("\nCases whose outcome {} changed:\n\n", after.0.version));
    out.push_str(&format!("| case | truth | {} | {} |\n|---|---|---|---|\n", before.0.version, after.0.version));
    for (b, a) in before.1.iter().zip(after.1) {
        if b.outcome() != a.outcome() {
            let truth = match a.truth {
                Truth::Trafficked => "trafficked",
                Truth::NotTrafficked => "not trafficked",
                Truth::Undisclosed => "undisclosed",
            };
            out.push_str(&format!("| {} | {truth} | {} | {} |\n", a.id, b.outcome(), a.outcome()));
        }
    }
    out
}
