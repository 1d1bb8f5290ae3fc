//! The labelled corpus in `corpus/ads/*.jsonl` and the fixed train/test split, shared by the training example, the
//! evaluation example and the tests (and re-implemented identically in `scripts/ads-eval` for the baseline).

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Fraud,
    Legit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Train,
    Test,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub text: String,
    pub language: String,
    pub label: Label,
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    text: String,
    language: String,
    label: String,
    source: String,
}

/// The fixed split rule: ids end in a number; every fourth item (number divisible by 4) is in the test split.
/// Decided by the id alone, before any training, so the test split is never tuned on.
pub fn split_of(id: &str) -> Split {
    let digits: String =
        id.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    match digits.parse::<u64>() {
        Ok(n) if n % 4 == 0 => Split::Test,
        _ => Split::Train,
    }
}

/// Parses a corpus file; errors name the line.
pub fn parse(text: &str) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let raw: RawItem = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        let label = match raw.label.as_str() {
            "fraud" => Label::Fraud,
            "legit" => Label::Legit,
            other => return Err(format!("line {}: label {other:?} is not fraud or legit", i + 1)),
        };
        if raw.source.trim().is_empty() {
            return Err(format!("line {}: item {} cites no source", i + 1, raw.id));
        }
        items.push(Item { id: raw.id, text: raw.text, language: raw.language, label, source: raw.source });
    }
    Ok(items)
}

/// Precision and recall at a threshold, over (label, probability) pairs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    pub n: usize,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
}

pub fn metrics(scored: &[(Label, f64)], threshold: f64) -> Metrics {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (label, p) in scored {
        let predicted = *p >= threshold;
        match (label, predicted) {
            (Label::Fraud, true) => tp += 1,
            (Label::Legit, true) => fp += 1,
            (Label::Fraud, false) => fn_ += 1,
            (Label::Legit, false) => {}
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Metrics { n: scored.len(), tp, fp, fn_, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn_) }
}

/// The threshold at which haven's evaluation counts an ad as flagged for review.
pub const THRESHOLD: f64 = 0.5;
