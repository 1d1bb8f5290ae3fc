//! A reviewer's decision on a screened job advertisement (R26). The
//! screening (`haven-ads`) scores and explains; only a person decides, and
//! every decision carries their reason. There is no decision without one.

use crate::text::{clean_quoted_text, clean_text};
use crate::ValidationError;

/// What the reviewer decided about the advertisement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Ask the platform to take it down.
    Remove,
    /// Leave it up: the flags did not hold on reading.
    Keep,
    /// Pass it on (to a senior reviewer, a platform's trust and safety team,
    /// or the anti-trafficking authority).
    Escalate,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Remove, Decision::Keep, Decision::Escalate];

    pub fn as_str(&self) -> &'static str {
        match self {
            Decision::Remove => "remove",
            Decision::Keep => "keep",
            Decision::Escalate => "escalate",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|d| d.as_str() == s.trim()).ok_or(ValidationError::new(
            "decision",
            "invalid_choice",
            "choose remove, keep or escalate",
        ))
    }
}

/// The longest advertisement kept with a decision, in characters.
pub const MAX_AD_CHARS: usize = 20_000;

/// A decision as recorded: the advertisement as the reviewer read it, the
/// decision and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub ad_text: String,
    pub decision: Decision,
    pub reason: String,
}

impl Review {
    pub fn parse(ad_text: &str, decision: &str, reason: &str) -> Result<Self, ValidationError> {
        let ad_text = clean_quoted_text("text", ad_text, MAX_AD_CHARS)?;
        if ad_text.is_empty() {
            return Err(ValidationError::new("text", "required", "paste the advertisement"));
        }
        let decision = Decision::parse(decision)?;
        let reason = clean_text("reason", reason, 2_000)?;
        // A decision without a reason is the software's, not a person's.
        if reason.chars().count() < 10 {
            return Err(ValidationError::new("reason", "reason_required", "say why, in a sentence"));
        }
        Ok(Self { ad_text, decision, reason })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r26_a_decision_needs_a_person_s_reason() {
        assert!(Review::parse("Typist in Sihanoukville, Telegram only", "remove", "").is_err());
        assert!(Review::parse("Typist in Sihanoukville, Telegram only", "remove", "ok").is_err());
        assert!(Review::parse("Typist", "delete_automatically", "Fits every red flag in the warning.").is_err());
        assert!(Review::parse("", "keep", "Nothing to review here at all.").is_err());
        let r = Review::parse("Typist in Sihanoukville", "escalate", "Matches the 2023 police warning.").unwrap();
        assert_eq!(r.decision, Decision::Escalate);
    }
}
