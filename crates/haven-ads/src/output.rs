//! The result record written for each ad: one JSON object per line.
//!
//! `{"id", "score", "flags": [{"id", "explanation", "matched"}], "terms": [{"text", "weight"}], "model_version"}`
//!
//! `flags` are the red flags that fired, each with its explanation in the requested language and the text that made
//! it fire; `terms` are the words or character n-grams of the learned component that moved the score most (positive
//! = towards fraudulent recruitment). Both are there so that a reviewer sees *why* (R26).

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlagOut {
    pub id: String,
    pub explanation: String,
    /// The normalised text snippets that matched, for highlighting.
    pub matched: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermOut {
    pub text: String,
    /// Contribution to the logit, rounded.
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScreenResult {
    pub id: String,
    /// In 0..=1; higher means more likely fraudulent recruitment. A score is advice to a human reviewer, not a
    /// decision.
    pub score: f64,
    pub flags: Vec<FlagOut>,
    pub terms: Vec<TermOut>,
    pub model_version: String,
}

impl ScreenResult {
    /// One JSON line, without the newline.
    pub fn to_json_line(&self) -> String {
        // Serialising plain strings and finite numbers cannot fail; fall back to a minimal record rather than panic.
        serde_json::to_string(self).unwrap_or_else(|_| format!("{{\"id\":{:?},\"error\":\"unserialisable\"}}", self.id))
    }
}
