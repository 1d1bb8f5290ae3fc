//! Remedies: past penalties recorded for expungement (R14).
//!
//! Convictions, fines and deportation orders imposed for acts committed as a
//! consequence of being trafficked are recorded so that their expungement
//! can be requested and followed.

use time::Date;

use crate::person::Country;
use crate::ValidationError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PenaltyKind {
    Conviction,
    Fine,
    DeportationOrder,
    EntryBan,
}

impl PenaltyKind {
    pub const ALL: [PenaltyKind; 4] =
        [PenaltyKind::Conviction, PenaltyKind::Fine, PenaltyKind::DeportationOrder, PenaltyKind::EntryBan];
    pub fn as_str(&self) -> &'static str {
        match self {
            PenaltyKind::Conviction => "conviction",
            PenaltyKind::Fine => "fine",
            PenaltyKind::DeportationOrder => "deportation_order",
            PenaltyKind::EntryBan => "entry_ban",
        }
    }
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s.trim()).ok_or(ValidationError::new(
            "kind",
            "invalid_penalty_kind",
            "use conviction, fine, deportation_order or entry_ban",
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expungement {
    NotRequested,
    Requested,
    Granted,
    Refused,
}

impl Expungement {
    pub const ALL: [Expungement; 4] =
        [Expungement::NotRequested, Expungement::Requested, Expungement::Granted, Expungement::Refused];
    pub fn as_str(&self) -> &'static str {
        match self {
            Expungement::NotRequested => "not_requested",
            Expungement::Requested => "requested",
            Expungement::Granted => "granted",
            Expungement::Refused => "refused",
        }
    }
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s.trim()).ok_or(ValidationError::new(
            "expungement",
            "invalid_expungement",
            "use not_requested, requested, granted or refused",
        ))
    }
}

/// A penalty as recorded: what, where, when, for which act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Penalty {
    pub kind: PenaltyKind,
    pub country: Country,
    pub imposed_on: Option<Date>,
    /// The act it punished, in the caseworker's words (an act the person may
    /// have been forced to commit: sealed, and shown only to readers with the
    /// forced-acts category).
    pub offence: String,
    /// Whether the act was committed as a consequence of being trafficked:
    /// the ground for asking expungement.
    pub consequence_of_trafficking: bool,
    pub expungement: Expungement,
}

impl Penalty {
    pub fn parse(
        kind: &str,
        country: &str,
        imposed_on: Option<&str>,
        offence: &str,
        consequence_of_trafficking: bool,
        today: Date,
    ) -> Result<Self, ValidationError> {
        let imposed_on = match imposed_on.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => {
                let date = crate::person::parse_date(d).ok_or(ValidationError::new(
                    "imposed_on",
                    "invalid_date",
                    "use the form YYYY-MM-DD",
                ))?;
                if date > today {
                    return Err(ValidationError::new("imposed_on", "implausible_date", "the date is in the future"));
                }
                Some(date)
            }
            None => None,
        };
        let offence = offence.trim();
        if offence.is_empty() || offence.chars().count() > 2_000 {
            return Err(ValidationError::new(
                "offence",
                "required",
                "describe the act that was punished (2,000 characters at most)",
            ));
        }
        Ok(Self {
            kind: PenaltyKind::parse(kind)?,
            country: Country::parse(country)?,
            imposed_on,
            offence: offence.to_owned(),
            consequence_of_trafficking,
            expungement: Expungement::NotRequested,
        })
    }

    /// R14: whether expungement should be requested and has not been yet.
    pub fn expungement_due(&self) -> bool {
        self.consequence_of_trafficking && self.expungement == Expungement::NotRequested
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn r14_a_penalty_for_a_forced_act_is_due_for_expungement() {
        let p = Penalty::parse(
            "fine",
            "THA",
            Some("2025-03-01"),
            "overstay fine after escape",
            true,
            date!(2026 - 11 - 25),
        )
        .unwrap();
        assert!(p.expungement_due());
        let q = Penalty { expungement: Expungement::Requested, ..p.clone() };
        assert!(!q.expungement_due());
        assert!(Penalty::parse("fine", "THA", Some("2030-01-01"), "x", true, date!(2026 - 11 - 25)).is_err());
        assert!(Penalty::parse("flogging", "THA", None, "x", true, date!(2026 - 11 - 25)).is_err());
    }

    #[test]
    fn r14_a_penalty_not_caused_by_trafficking_is_not_due_for_expungement() {
        let today = date!(2026 - 11 - 25);
        let p = Penalty::parse("fine", "THA", None, "overstay before recruitment", false, today).unwrap();
        assert!(!p.expungement_due());
        let q = Penalty { expungement: Expungement::Refused, consequence_of_trafficking: true, ..p };
        assert!(!q.expungement_due(), "already asked and refused: not due again");
    }

    /// R14: a penalty is recorded with what, where, when and for which act,
    /// so that expungement can be asked for precisely.
    #[test]
    fn r14_a_penalty_is_recorded_precisely() {
        let today = date!(2026 - 11 - 25);
        let p =
            Penalty::parse(" fine ", "THA", Some(" 2026-11-25 "), " fraud under the compound's control ", true, today)
                .unwrap();
        assert_eq!(p.imposed_on, Some(today), "a penalty imposed today is not in the future");
        assert_eq!(p.offence, "fraud under the compound's control");
        assert_eq!((p.kind, p.expungement), (PenaltyKind::parse("fine").unwrap(), Expungement::NotRequested));
        assert_eq!(Penalty::parse("fine", "THA", Some(""), "x", true, today).unwrap().imposed_on, None);
        assert!(Penalty::parse("fine", "THA", Some("2026-11-26"), "x", true, today).is_err());
        assert!(Penalty::parse("fine", "THA", Some("25/11/2026"), "x", true, today).is_err());
        assert!(Penalty::parse("fine", "THA", None, "   ", true, today).is_err());
        assert!(Penalty::parse("fine", "THA", None, &"x".repeat(2000), true, today).is_ok());
        assert!(Penalty::parse("fine", "THA", None, &"x".repeat(2001), true, today).is_err());
        for k in PenaltyKind::ALL {
            assert_eq!(PenaltyKind::parse(k.as_str()), Ok(k));
        }
        for e in Expungement::ALL {
            assert_eq!(Expungement::parse(e.as_str()), Ok(e));
        }
        assert_eq!(Expungement::Requested.as_str(), "requested");
        assert!(PenaltyKind::parse("").is_err() && Expungement::parse("maybe").is_err());
    }
}
