//! Conclusive decisions (R07): taken by an authorised person, with written
//! reasons, after the recovery and reflection period. Software records them;
//! it never makes one.

use time::Date;

use crate::ValidationError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conclusion {
    /// Identified as a victim of trafficking.
    Confirmed,
    /// Not confirmed on what is known now. A human decision with reasons,
    /// open to reconsideration; the person keeps the referrals (R09).
    NotConfirmed,
}

impl Conclusion {
    pub fn as_str(&self) -> &'static str {
        match self {
            Conclusion::Confirmed => "confirmed",
            Conclusion::NotConfirmed => "not_confirmed",
        }
    }
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        match s.trim() {
            "confirmed" => Ok(Conclusion::Confirmed),
            "not_confirmed" => Ok(Conclusion::NotConfirmed),
            _ => Err(ValidationError::new("conclusion", "invalid_conclusion", "use confirmed or not_confirmed")),
        }
    }
}

/// Written reasons: required, at most 20,000 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reasons(String);

impl Reasons {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        if s.chars().count() < 20 {
            return Err(ValidationError::new(
                "reasons",
                "reasons_required",
                "write the reasons for the decision (20 characters at least)",
            ));
        }
        if s.chars().count() > 20_000 {
            return Err(ValidationError::new("reasons", "too_long", "the text is too long"));
        }
        Ok(Self(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The first day a conclusive decision may be taken, given when the
/// screening was completed and the jurisdiction's reflection period.
pub fn earliest_decision(screening_completed: Date, reflection_days: u32) -> Date {
    screening_completed.saturating_add(time::Duration::days(i64::from(reflection_days)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn r07_reasons_are_required() {
        assert!(Reasons::parse("").is_err());
        assert!(Reasons::parse("too short").is_err());
        assert!(Reasons::parse("Consistent account corroborated by two other cases naming the compound.").is_ok());
    }

    /// R07: written reasons, 20 to 20,000 characters, kept as written
    /// (without the surrounding blanks).
    #[test]
    fn r07_reasons_have_a_floor_and_a_ceiling() {
        assert!(Reasons::parse(&"r".repeat(19)).is_err());
        assert_eq!(Reasons::parse(&format!("  {}  ", "r".repeat(20))).unwrap().as_str(), "r".repeat(20));
        assert!(Reasons::parse(&"r".repeat(20_000)).is_ok());
        assert_eq!(Reasons::parse(&"r".repeat(20_001)).unwrap_err().code, "too_long");
    }

    /// R07: a conclusion is stored as a code and reads back as itself: a
    /// "not confirmed" never reads back as "confirmed", nor the reverse.
    #[test]
    fn r07_conclusions_read_back_from_their_codes_exactly() {
        for c in [Conclusion::Confirmed, Conclusion::NotConfirmed] {
            assert_eq!(Conclusion::parse(&format!(" {} ", c.as_str())), Ok(c));
        }
        assert_eq!(Conclusion::NotConfirmed.as_str(), "not_confirmed");
        assert!(Conclusion::parse("negative").is_err());
    }

    #[test]
    fn r07_decision_waits_for_the_reflection_period() {
        assert_eq!(earliest_decision(date!(2026 - 01 - 01), 30), date!(2026 - 01 - 31));
    }
}
