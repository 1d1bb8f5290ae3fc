//! Combining the rules and the model into one explained score.

use crate::features::vectorise;
use crate::input::{parse_input, AdInput, BatchError, InputFormat, Limits, LineError};
use crate::lang::Lang;
use crate::model::{sigmoid, Model, ModelError};
use crate::normalise::normalise;
use crate::output::{FlagOut, ScreenResult, TermOut};
use crate::rules::{Hit, RuleSet, RulesError};

/// How many learned terms are shown per ad: enough to explain, few enough to read.
const MAX_TERMS: usize = 6;
/// Terms whose contribution is below this are noise and are not shown.
const MIN_TERM_WEIGHT: f64 = 0.01;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ScreenerError {
    #[error(transparent)]
    Rules(#[from] RulesError),
    #[error(transparent)]
    Model(#[from] ModelError),
}

pub struct Screener {
    pub rules: RuleSet,
    pub model: Model,
}

/// The internal, unrounded result used by evaluation and by [`Screener::screen`].
#[derive(Debug, Clone)]
pub struct Scored {
    pub probability: f64,
    pub hits: Vec<Hit>,
    /// (surface text, contribution to the logit), largest absolute contribution first.
    pub terms: Vec<(String, f64)>,
}

impl Screener {
    /// The rules and model built into this binary.
    pub fn builtin() -> Result<Screener, ScreenerError> {
        Screener::new(RuleSet::builtin()?, Model::builtin()?)
    }

    pub fn new(rules: RuleSet, model: Model) -> Result<Screener, ScreenerError> {
        if model.rules_version != rules.version {
            return Err(ModelError::RulesMismatch { model: model.rules_version, rules: rules.version }.into());
        }
        Ok(Screener { rules, model })
    }

    /// `rules-<rules version>+model-<model version>`: both halves change the score, so both are named.
    pub fn model_version(&self) -> String {
        format!("rules-{}+{}", self.rules.version, self.model.version)
    }

    pub fn score_text(&self, text: &str) -> Scored {
        let norm = normalise(text);
        let hits = self.rules.matches(&norm);
        let rule_sum = self.rules.rule_sum(&hits);
        let mut logit = self.model.bias + self.model.rule_coef * rule_sum;
        let mut terms = Vec::new();
        for (bucket, (x, surface)) in vectorise(&norm) {
            if let Some(w) = self.model.weights.get(&bucket) {
                let c = w * x;
                logit += c;
                terms.push((surface, c));
            }
        }
        terms.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then_with(|| a.0.cmp(&b.0)));
        Scored { probability: sigmoid(logit), hits, terms }
    }

    /// Screens one ad, with explanations in `lang`.
    pub fn screen(&self, ad: &AdInput, lang: Lang) -> ScreenResult {
        let s = self.score_text(&ad.text);
        let flags = s
            .hits
            .iter()
            .filter_map(|h| {
                let f = self.rules.flags.get(h.flag)?;
                Some(FlagOut {
                    id: f.id.clone(),
                    explanation: f.explanation(lang).to_owned(),
                    matched: h.matched.clone(),
                })
            })
            .collect();
        let terms = s
            .terms
            .iter()
            // One-letter words ("a", "i") count in the score but explain nothing to a reviewer.
            .filter(|(t, c)| c.abs() >= MIN_TERM_WEIGHT && t.chars().count() > 1)
            .take(MAX_TERMS)
            .map(|(t, c)| TermOut { text: t.clone(), weight: round(*c, 3) })
            .collect();
        ScreenResult {
            id: ad.id.clone(),
            score: round(s.probability, 4),
            flags,
            terms,
            model_version: self.model_version(),
        }
    }
}

fn round(x: f64, places: i32) -> f64 {
    let p = 10f64.powi(places);
    (x * p).round() / p
}

/// The result of screening a whole file.
#[derive(Debug)]
pub struct ScreenedFile {
    /// One JSON line per screened ad, in input order.
    pub lines: Vec<String>,
    /// Records that could not be screened, by line.
    pub errors: Vec<LineError>,
}

/// Parses and screens a batch file end to end (file bytes in, output lines out). The CLI does the same with a
/// progress bar.
pub fn screen_bytes(
    screener: &Screener,
    bytes: &[u8],
    format: InputFormat,
    limits: &Limits,
    lang: Lang,
) -> Result<ScreenedFile, BatchError> {
    let parsed = parse_input(bytes, format, limits)?;
    let lines = parsed.ads.iter().map(|ad| screener.screen(ad, lang).to_json_line()).collect();
    Ok(ScreenedFile { lines, errors: parsed.errors })
}
