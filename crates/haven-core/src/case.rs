//! A case: the holding organisation's work with one person.

use time::Date;

use crate::ids::UserId;
use crate::ValidationError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStatus {
    Open,
    Active,
    Suspended,
    Closed,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 4] = [CaseStatus::Open, CaseStatus::Active, CaseStatus::Suspended, CaseStatus::Closed];

    pub fn as_str(&self) -> &'static str {
        match self {
            CaseStatus::Open => "open",
            CaseStatus::Active => "active",
            CaseStatus::Suspended => "suspended",
            CaseStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|c| c.as_str() == s.trim()).ok_or(ValidationError::new(
            "status",
            "invalid_status",
            "unknown case status",
        ))
    }
}

/// Validated case fields. A closed case always has a closing date on or after
/// its opening date, and an open one never has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub status: CaseStatus,
    pub opened_on: Date,
    pub closed_on: Option<Date>,
    pub assigned_to: Option<UserId>,
}

impl CaseRecord {
    pub fn open(opened_on: Date, assigned_to: Option<UserId>) -> Self {
        Self { status: CaseStatus::Open, opened_on, closed_on: None, assigned_to }
    }

    /// Applies a status change. Closing sets the date to `today` unless given;
    /// reopening clears it.
    pub fn with_status(
        &self,
        status: CaseStatus,
        closed_on: Option<Date>,
        today: Date,
    ) -> Result<Self, ValidationError> {
        let closed_on = match status {
            CaseStatus::Closed => Some(closed_on.unwrap_or(today)),
            _ => None,
        };
        if closed_on.is_some_and(|c| c < self.opened_on) {
            return Err(ValidationError::new("closed_on", "before_opening", "a case cannot close before it opened"));
        }
        Ok(Self { status, closed_on, ..self.clone() })
    }
}

/// A note's body: free text, never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteBody(String);

impl NoteBody {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(ValidationError::new("body", "required", "the note is empty"));
        }
        if s.chars().count() > 20_000 {
            return Err(ValidationError::new("body", "too_long", "the note is too long (20,000 characters at most)"));
        }
        Ok(Self(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn closing_sets_date_and_reopening_clears_it() {
        let c = CaseRecord::open(date!(2026 - 01 - 01), None);
        let closed = c.with_status(CaseStatus::Closed, None, date!(2026 - 02 - 01)).unwrap();
        assert_eq!(closed.closed_on, Some(date!(2026 - 02 - 01)));
        let reopened = closed.with_status(CaseStatus::Active, None, date!(2026 - 03 - 01)).unwrap();
        assert_eq!(reopened.closed_on, None);
        assert!(c.with_status(CaseStatus::Closed, Some(date!(2025 - 01 - 01)), date!(2026 - 02 - 01)).is_err());
    }

    #[test]
    fn empty_note_is_refused() {
        assert!(NoteBody::parse("   ").is_err());
    }
}
