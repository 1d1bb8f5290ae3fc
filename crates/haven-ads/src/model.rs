//! The learned component: a logistic regression over the rule score and hashed text features.
//!
//! logit = bias + rule_coef × (sum of the weights of the flags that fired) + Σ w[bucket] × x[bucket]
//!
//! The weights are trained offline by `examples/train.rs` (linfa-logistic) on the train split of `corpus/ads` and
//! saved as a small text file, embedded here. The file names the rules version it was trained with; a model trained
//! against other rules is refused, because the rule score it learned to scale would have changed meaning.

use std::collections::BTreeMap;

use crate::features::BUCKETS;

pub const BUILTIN_MODEL: &str = include_str!("../model/ads-model.txt");
pub const FORMAT: u32 = 1;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ModelError {
    #[error("model file line {line}: {message}")]
    Line { line: usize, message: String },
    #[error("model file is missing the header field {0:?}")]
    Missing(&'static str),
    #[error("model file format {0}; this haven reads format {FORMAT}")]
    Format(u32),
    #[error("model was trained with rules {model}, but the rules file is {rules}; retrain it (examples/train.rs)")]
    RulesMismatch { model: String, rules: String },
}

#[derive(Debug, Clone)]
pub struct Model {
    pub version: String,
    pub rules_version: String,
    pub bias: f64,
    pub rule_coef: f64,
    pub weights: BTreeMap<u32, f64>,
}

impl Model {
    pub fn builtin() -> Result<Model, ModelError> {
        Model::parse(BUILTIN_MODEL)
    }

    /// Reads the text format: `key = value` header lines, then `w <bucket> <weight>` lines; `#` starts a comment.
    pub fn parse(text: &str) -> Result<Model, ModelError> {
        let mut format = None;
        let mut version = None;
        let mut rules_version = None;
        let mut bias = None;
        let mut rule_coef = None;
        let mut weights = BTreeMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let l = raw.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let err = |message: &str| ModelError::Line { line, message: message.to_owned() };
            if let Some(rest) = l.strip_prefix("w ") {
                let mut parts = rest.split_whitespace();
                let b: u32 = parts.next().and_then(|s| s.parse().ok()).ok_or_else(|| err("bad bucket"))?;
                let w: f64 = parts.next().and_then(|s| s.parse().ok()).ok_or_else(|| err("bad weight"))?;
                if b >= BUCKETS || !w.is_finite() || parts.next().is_some() {
                    return Err(err("bucket out of range, weight not finite, or trailing text"));
                }
                if weights.insert(b, w).is_some() {
                    return Err(err("bucket given twice"));
                }
                continue;
            }
            let (k, v) = l.split_once('=').ok_or_else(|| err("expected `key = value` or `w bucket weight`"))?;
            let (k, v) = (k.trim(), v.trim());
            let num = || v.parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(|| err("not a finite number"));
            match k {
                "format" => format = Some(v.parse::<u32>().map_err(|_| err("format is not a number"))?),
                "version" => version = Some(v.to_owned()),
                "rules_version" => rules_version = Some(v.to_owned()),
                "buckets" => {
                    if v.parse::<u32>().ok() != Some(BUCKETS) {
                        return Err(err("bucket count differs from this build's feature hashing"));
                    }
                }
                "bias" => bias = Some(num()?),
                "rule_coef" => rule_coef = Some(num()?),
                _ => return Err(err("unknown header field")),
            }
        }
        let format = format.ok_or(ModelError::Missing("format"))?;
        if format != FORMAT {
            return Err(ModelError::Format(format));
        }
        Ok(Model {
            version: version.filter(|v| !v.is_empty()).ok_or(ModelError::Missing("version"))?,
            rules_version: rules_version.ok_or(ModelError::Missing("rules_version"))?,
            bias: bias.ok_or(ModelError::Missing("bias"))?,
            rule_coef: rule_coef.ok_or(ModelError::Missing("rule_coef"))?,
            weights,
        })
    }

    /// Writes the text format read by [`Model::parse`] (used by the training example).
    pub fn to_text(&self, header_comment: &str) -> String {
        let mut s = String::new();
        for l in header_comment.lines() {
            s.push_str("# ");
            s.push_str(l);
            s.push('\n');
        }
        s.push_str(&format!(
            "format = {FORMAT}\nversion = {}\nrules_version = {}\nbuckets = {BUCKETS}\nbias = {}\nrule_coef = {}\n",
            self.version, self.rules_version, self.bias, self.rule_coef
        ));
        for (b, w) in &self.weights {
            s.push_str(&format!("w {b} {w}\n"));
        }
        s
    }
}

pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}
