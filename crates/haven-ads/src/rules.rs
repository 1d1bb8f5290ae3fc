//! Red flags as data: the versioned rules file, validated at load like a schema.

use std::collections::{BTreeMap, BTreeSet};

use regex::Regex;
use serde::Deserialize;

use crate::lang::Lang;
use unicode_normalization::UnicodeNormalization;

/// The rules file shipped with haven, embedded at compile time.
pub const BUILTIN_RULES: &str = include_str!("../rules/red-flags.toml");

/// The only schema version this code understands.
pub const SCHEMA: u32 = 1;
/// Weights above this would let one flag decide alone; the combination is meant to do the work.
pub const MAX_WEIGHT: f64 = 4.0;
/// Pattern keys that are not a language: patterns that apply whatever the language (app names, amounts).
const NEUTRAL_KEY: &str = "any";

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RulesError {
    #[error("rules file is not valid TOML: {0}")]
    Toml(String),
    #[error("rules file has schema {found}; this haven understands schema {SCHEMA}")]
    Schema { found: u32 },
    #[error("rules file has an empty version")]
    NoVersion,
    #[error("lure_alone_factor {0} is outside [0, 1]")]
    LureFactor(f64),
    #[error("rules file has no flags")]
    NoFlags,
    #[error("flag id {0:?} is not a lower-case kebab-case id")]
    BadId(String),
    #[error("flag id {0:?} appears more than once")]
    DuplicateId(String),
    #[error("flag {id}: weight {weight} is outside (0, {MAX_WEIGHT}]")]
    Weight { id: String, weight: f64 },
    #[error("flag {0}: no patterns")]
    NoPatterns(String),
    #[error("flag {id}: pattern key {key:?} is not a supported language or \"any\"")]
    PatternLanguage { id: String, key: String },
    #[error("flag {id}: pattern {pattern:?} does not compile: {reason}")]
    PatternSyntax { id: String, pattern: String, reason: String },
    #[error("flag {id}: pattern {pattern:?} has upper-case letters or surrounding spaces; it could never match the lower-cased text")]
    PatternNotNormalised { id: String, pattern: String },
    #[error("flag {id}: pattern {pattern:?} matches the empty string")]
    PatternMatchesEmpty { id: String, pattern: String },
    #[error("flag {id}: no explanation in {lang}")]
    MissingExplanation { id: String, lang: Lang },
    #[error("flag {id}: explanation key {key:?} is not a supported language")]
    ExplanationLanguage { id: String, key: String },
    #[error("flag {0}: no cited public source")]
    NoSource(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    schema: u32,
    version: String,
    lure_alone_factor: f64,
    #[serde(default)]
    flag: Vec<RawFlag>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFlag {
    id: String,
    weight: f64,
    group: Group,
    source: String,
    #[serde(default)]
    patterns: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    explanation: BTreeMap<String, String>,
}

/// Whether a flag points to the scheme itself or is a lure that ordinary ads carry too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// A destination abroad or in a compound area, tourist-visa travel, a passport up front, a scam-typical role,
    /// chat-only contact.
    Context,
    /// High pay, no experience, free housing, urgency, age limits, easy work: common in honest local ads as well.
    Lure,
}

/// One red flag, validated.
#[derive(Debug)]
pub struct Flag {
    pub id: String,
    pub weight: f64,
    pub group: Group,
    pub source: String,
    patterns: Vec<Regex>,
    explanations: BTreeMap<Lang, String>,
}

impl Flag {
    /// The explanation in `lang`; validation guarantees one exists for every supported language.
    pub fn explanation(&self, lang: Lang) -> &str {
        self.explanations.get(&lang).map(String::as_str).unwrap_or_default()
    }

    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }
}

/// A flag that fired on an ad, with the text that made it fire (for highlighting and for the reviewer).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into [`RuleSet::flags`].
    pub flag: usize,
    /// Distinct matched snippets of the normalised text, in order of first appearance (at most a few).
    pub matched: Vec<String>,
}

#[derive(Debug)]
pub struct RuleSet {
    pub version: String,
    /// Multiplier for lure flags' weights when no context flag fired (see the rules file).
    pub lure_alone_factor: f64,
    pub flags: Vec<Flag>,
}

/// How many matched snippets per flag are kept: enough for a reviewer to see why, not a copy of the ad.
const MAX_SNIPPETS: usize = 3;

impl RuleSet {
    /// The rules file embedded in the binary. Its validity is guarded by a test, so an error here means the build
    /// itself is broken; callers still get a `Result` rather than a panic.
    pub fn builtin() -> Result<RuleSet, RulesError> {
        RuleSet::parse(BUILTIN_RULES)
    }

    /// Parses and validates a rules file. Everything that could make a flag silently useless is refused.
    pub fn parse(text: &str) -> Result<RuleSet, RulesError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| RulesError::Toml(e.message().to_owned()))?;
        if raw.schema != SCHEMA {
            return Err(RulesError::Schema { found: raw.schema });
        }
        if raw.version.trim().is_empty() {
            return Err(RulesError::NoVersion);
        }
        if !(0.0..=1.0).contains(&raw.lure_alone_factor) {
            return Err(RulesError::LureFactor(raw.lure_alone_factor));
        }
        if raw.flag.is_empty() {
            return Err(RulesError::NoFlags);
        }
        let mut seen = BTreeSet::new();
        let mut flags = Vec::with_capacity(raw.flag.len());
        for f in raw.flag {
            let id_ok = !f.id.is_empty()
                && f.id.len() <= 64
                && f.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !f.id.starts_with('-')
                && !f.id.ends_with('-');
            if !id_ok {
                return Err(RulesError::BadId(f.id));
            }
            if !seen.insert(f.id.clone()) {
                return Err(RulesError::DuplicateId(f.id));
            }
            // `!(x > 0)` also refuses NaN.
            if !(f.weight > 0.0 && f.weight <= MAX_WEIGHT) {
                return Err(RulesError::Weight { id: f.id, weight: f.weight });
            }
            if f.source.trim().is_empty() {
                return Err(RulesError::NoSource(f.id));
            }
            let mut patterns = Vec::new();
            for (key, list) in &f.patterns {
                if key != NEUTRAL_KEY && Lang::parse(key).is_none() {
                    return Err(RulesError::PatternLanguage { id: f.id.clone(), key: key.clone() });
                }
                for p in list {
                    patterns.push(compile(&f.id, p)?);
                }
            }
            if patterns.is_empty() {
                return Err(RulesError::NoPatterns(f.id));
            }
            let mut explanations = BTreeMap::new();
            for (key, text) in f.explanation {
                let Some(lang) = Lang::parse(&key) else {
                    return Err(RulesError::ExplanationLanguage { id: f.id.clone(), key });
                };
                if !text.trim().is_empty() {
                    explanations.insert(lang, text.trim().to_owned());
                }
            }
            for lang in Lang::ALL {
                if !explanations.contains_key(&lang) {
                    return Err(RulesError::MissingExplanation { id: f.id.clone(), lang });
                }
            }
            flags.push(Flag {
                id: f.id,
                weight: f.weight,
                group: f.group,
                source: f.source.trim().to_owned(),
                patterns,
                explanations,
            });
        }
        Ok(RuleSet { version: raw.version.trim().to_owned(), lure_alone_factor: raw.lure_alone_factor, flags })
    }

    /// Matches every flag against an already normalised text (see [`crate::normalise::normalise`]).
    pub fn matches(&self, normalised: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (i, flag) in self.flags.iter().enumerate() {
            let mut matched: Vec<(usize, String)> = Vec::new();
            for re in &flag.patterns {
                for m in re.find_iter(normalised) {
                    let s = m.as_str().trim();
                    if s.is_empty() || matched.iter().any(|(_, t)| t == s) {
                        continue;
                    }
                    matched.push((m.start(), s.to_owned()));
                    // One match per pattern is enough evidence; more would only repeat it.
                    break;
                }
            }
            if !matched.is_empty() {
                matched.sort();
                matched.truncate(MAX_SNIPPETS);
                hits.push(Hit { flag: i, matched: matched.into_iter().map(|(_, s)| s).collect() });
            }
        }
        hits
    }

    /// The sum of the weights of the flags that fired: the rules' share of the score, before the model's scaling.
    /// Lures without any context flag count at `lure_alone_factor` of their weight.
    pub fn rule_sum(&self, hits: &[Hit]) -> f64 {
        let fired: Vec<&Flag> = hits.iter().filter_map(|h| self.flags.get(h.flag)).collect();
        let context = fired.iter().any(|f| f.group == Group::Context);
        fired
            .iter()
            .map(|f| if context || f.group == Group::Context { f.weight } else { f.weight * self.lure_alone_factor })
            .sum()
    }
}

fn compile(id: &str, pattern: &str) -> Result<Regex, RulesError> {
    // Text is lower-cased before matching, so a pattern with an upper-case letter could never match. Patterns must
    // therefore avoid upper-case escapes (`\D`, `\S`) too. Surrounding whitespace would be a typo.
    if pattern.chars().any(char::is_uppercase) || pattern.trim() != pattern {
        return Err(RulesError::PatternNotNormalised { id: id.to_owned(), pattern: pattern.to_owned() });
    }
    // NFKC changes some letters (Thai and Lao SARA AM decompose), so the pattern goes through the same NFKC as the
    // text. Regex syntax is ASCII and NFKC leaves ASCII alone.
    let nfkc: String = pattern.nfkc().collect();
    let re = Regex::new(&nfkc).map_err(|e| RulesError::PatternSyntax {
        id: id.to_owned(),
        pattern: pattern.to_owned(),
        reason: e.to_string(),
    })?;
    if re.is_match("") {
        return Err(RulesError::PatternMatchesEmpty { id: id.to_owned(), pattern: pattern.to_owned() });
    }
    Ok(re)
}
