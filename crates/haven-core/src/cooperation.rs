//! The restricted record of a person's cooperation with investigators (R15).
//!
//! Assistance is unconditional: nothing in haven may read this record to
//! decide shelter, a referral, a return, a task or a report. It exists so
//! that an organisation that must note what a person decided (for example,
//! to support them through proceedings they chose) can do so without the
//! note leaking into assistance. Only supervisors reach it
//! ([`crate::access::Permission::RecordCooperation`]); enforcement
//! organisations never do (R16). The architecture test
//! `r15_cooperation_is_read_only_by_its_own_module` holds the separation.

use crate::ValidationError;

/// What the person decided about cooperating.
pub const STATUSES: [&str; 3] = ["undecided", "statement_given", "declined"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub status: &'static str,
    pub note: String,
}

impl Entry {
    pub fn parse(status: &str, note: &str) -> Result<Self, ValidationError> {
        let status = STATUSES.iter().copied().find(|s| *s == status.trim()).ok_or(ValidationError::new(
            "status",
            "invalid_cooperation_status",
            "choose one of the listed answers",
        ))?;
        let note = note.trim();
        if note.chars().count() > 2000 {
            return Err(ValidationError::new("note", "too_long", "the text is too long"));
        }
        Ok(Self { status, note: note.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    // Input validation of the record's fields; R15 itself is guarded by the
    // architecture test named in the module comment.
    fn cooperation_entries_are_validated() {
        assert_eq!(Entry::parse("declined", "  ").unwrap(), Entry { status: "declined", note: String::new() });
        assert!(Entry::parse("informant", "").is_err());
        assert!(Entry::parse("undecided", &"x".repeat(2001)).is_err());
        assert_eq!(Entry::parse(" statement_given ", &"x".repeat(2000)).unwrap().status, "statement_given");
        for status in STATUSES {
            assert_eq!(Entry::parse(status, "").unwrap().status, status);
        }
    }
}
