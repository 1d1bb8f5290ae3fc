//! Merging a duplicate person record into the one kept (issue 13).
//!
//! The same survivor is often recorded twice: at a border post and again at
//! the shelter, under a name written in another script. A supervisor marks
//! the second record a duplicate of the first. Until the merge is confirmed
//! it can be undone; the duplicate only leaves the lists. On confirmation the
//! kept record takes what the duplicate knew and it did not: the other names
//! (so a search for either finds the kept record), blank fields, and further
//! nationalities and languages. Nothing the kept record says about who the
//! person is is overwritten: which of two conflicting dates of birth is
//! right is for a caseworker to decide, with the person, not for a merge to
//! guess. Where the person is now comes from the record changed last.

use crate::person::{Birth, LocationType, Name, PersonRecord};
use crate::ValidationError;

/// Where a merge stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MergeStatus {
    /// Proposed: the duplicate is out of the lists, and it can be undone.
    Pending,
    /// Final: the kept record carries the duplicate's names and blanks.
    Confirmed,
    /// Undone before confirmation: both records stand as they were.
    Undone,
}

impl MergeStatus {
    pub const ALL: [MergeStatus; 3] = [MergeStatus::Pending, MergeStatus::Confirmed, MergeStatus::Undone];

    pub fn as_str(&self) -> &'static str {
        match self {
            MergeStatus::Pending => "pending",
            MergeStatus::Confirmed => "confirmed",
            MergeStatus::Undone => "undone",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|m| m.as_str() == s)
    }

    /// Whether the duplicate is out of the lists under this merge.
    pub fn hides_duplicate(&self) -> bool {
        !matches!(self, MergeStatus::Undone)
    }
}

/// What a supervisor does with a pending merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeStep {
    Confirm,
    Undo,
}

/// The next status, or why not: only a pending merge moves, once.
pub fn advance(status: MergeStatus, step: MergeStep) -> Result<MergeStatus, ValidationError> {
    match (status, step) {
        (MergeStatus::Pending, MergeStep::Confirm) => Ok(MergeStatus::Confirmed),
        (MergeStatus::Pending, MergeStep::Undo) => Ok(MergeStatus::Undone),
        (MergeStatus::Confirmed, _) => Err(ValidationError::new(
            "merge",
            "merge_already_confirmed",
            "this merge is confirmed and can no longer be undone",
        )),
        (MergeStatus::Undone, _) => {
            Err(ValidationError::new("merge", "merge_already_undone", "this merge was undone; propose it again"))
        }
    }
}

/// Checks a proposed pair before anything is written.
pub fn check_pair(kept: &str, duplicate: &str) -> Result<(), ValidationError> {
    if kept == duplicate {
        return Err(ValidationError::new(
            "duplicate_id",
            "merge_same_person",
            "a record cannot be merged into itself: choose the other record",
        ));
    }
    Ok(())
}

/// The kept record after taking in the duplicate: its names become other
/// names, and its values fill the kept record's blanks and extend its lists.
/// Refused, rather than cut short, when the names or lists would overflow
/// what a record holds.
///
/// Where the person is now is the one exception: it is news, not a fact
/// about who they are, so the record changed last says it
/// (`duplicate_is_newer`), unless it does not know.
pub fn merged_record(
    kept: &PersonRecord,
    duplicate: &PersonRecord,
    duplicate_is_newer: bool,
) -> Result<PersonRecord, ValidationError> {
    let mut out = kept.clone();
    // The Latin spelling first, so it is not also listed as another name.
    if out.latin_name.is_none() {
        out.latin_name = duplicate.latin_name.clone();
    }
    let known =
        |out: &PersonRecord, n: &str| out.all_names().any(|k| k.trim().to_lowercase() == n.trim().to_lowercase());
    for name in duplicate.all_names() {
        if !known(&out, name) {
            out.other_names.push(Name::parse("other_names", name)?);
        }
    }
    if out.other_names.len() > crate::person::MAX_OTHER_NAMES {
        return Err(ValidationError::new(
            "other_names",
            "merge_too_many_names",
            "together the two records have more names than one record holds: remove some before merging",
        ));
    }
    if out.sex.as_deref().is_none_or(|s| s.trim().is_empty()) {
        out.sex = duplicate.sex.clone();
    }
    if out.birth == Birth::Unknown {
        out.birth = duplicate.birth;
    }
    for c in &duplicate.nationalities {
        if !out.nationalities.contains(c) {
            out.nationalities.push(c.clone());
        }
    }
    for l in &duplicate.languages {
        if !out.languages.contains(l) {
            out.languages.push(l.clone());
        }
    }
    if out.nationalities.len() > crate::person::MAX_LIST || out.languages.len() > crate::person::MAX_LIST {
        return Err(ValidationError::new(
            "nationalities",
            "merge_too_many_values",
            "together the two records list more nationalities or languages than one record holds",
        ));
    }
    if out.contact.as_deref().is_none_or(|c| c.trim().is_empty()) {
        out.contact = duplicate.contact.clone();
    }
    if out.notes.as_deref().is_none_or(|n| n.trim().is_empty()) {
        out.notes = duplicate.notes.clone();
    }
    if out.location == LocationType::Unknown || (duplicate_is_newer && duplicate.location != LocationType::Unknown) {
        out.location = duplicate.location;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::PersonInput;
    use time::macros::date;

    const TODAY: time::Date = date!(2026 - 11 - 30);

    fn record(input: PersonInput) -> PersonRecord {
        PersonRecord::parse(&input, TODAY).unwrap()
    }

    #[test]
    fn r13_only_a_pending_merge_moves_and_only_once() {
        assert_eq!(advance(MergeStatus::Pending, MergeStep::Confirm), Ok(MergeStatus::Confirmed));
        assert_eq!(advance(MergeStatus::Pending, MergeStep::Undo), Ok(MergeStatus::Undone));
        for step in [MergeStep::Confirm, MergeStep::Undo] {
            assert_eq!(advance(MergeStatus::Confirmed, step).map_err(|e| e.code), Err("merge_already_confirmed"));
            assert_eq!(advance(MergeStatus::Undone, step).map_err(|e| e.code), Err("merge_already_undone"));
        }
        assert!(MergeStatus::Pending.hides_duplicate() && MergeStatus::Confirmed.hides_duplicate());
        assert!(!MergeStatus::Undone.hides_duplicate());
        for s in MergeStatus::ALL {
            assert_eq!(MergeStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(MergeStatus::parse("merged"), None);
        assert_eq!(check_pair("a", "a").map_err(|e| e.code), Err("merge_same_person"));
        assert!(check_pair("a", "b").is_ok());
    }

    #[test]
    fn r13_the_kept_record_takes_names_and_blanks_but_keeps_what_it_says() {
        let kept = record(PersonInput {
            full_name: "Nguyễn Thị Lan".into(),
            date_of_birth: Some("2001-03-04".into()),
            nationalities: vec!["VNM".into()],
            ..Default::default()
        });
        let dup = record(PersonInput {
            full_name: "Lan Nguyen".into(),
            other_names: vec!["nguyễn thị lan".into(), "Mai".into()],
            latin_name: Some("Nguyen Thi Lan".into()),
            sex: Some("female".into()),
            estimated_age: Some(30),
            nationalities: vec!["VNM".into(), "KHM".into()],
            languages: vec!["vi".into()],
            contact: Some("+84 90 000".into()),
            notes: Some("met at the border".into()),
            location: Some("immigration_detention".into()),
            ..Default::default()
        });
        let m = merged_record(&kept, &dup, false).unwrap();
        assert_eq!(m.location, LocationType::ImmigrationDetention, "an unknown place takes the duplicate's");
        assert_eq!(m.full_name, kept.full_name, "the kept name stays");
        let others: Vec<&str> = m.other_names.iter().map(Name::as_str).collect();
        // The kept name is not repeated, whatever its case.
        assert_eq!(others, ["Lan Nguyen", "Mai"], "the Latin spelling fills the Latin name instead");
        assert_eq!(m.latin_name.as_ref().map(Name::as_str), Some("Nguyen Thi Lan"));
        assert_eq!(m.sex.as_deref(), Some("female"));
        assert_eq!(m.birth, kept.birth, "a known date of birth is not replaced by an estimate");
        let nats: Vec<&str> = m.nationalities.iter().map(|c| c.as_str()).collect();
        assert_eq!(nats, ["VNM", "KHM"]);
        assert_eq!(m.languages.len(), 1);
        assert_eq!(m.contact.as_deref(), Some("+84 90 000"));
        assert_eq!(m.notes.as_deref(), Some("met at the border"));
        // What the kept record says is kept.
        let kept2 = record(PersonInput {
            full_name: "A".into(),
            sex: Some("woman".into()),
            contact: Some("shelter phone".into()),
            notes: Some("own notes".into()),
            latin_name: Some("A Latin".into()),
            location: Some("shelter".into()),
            ..Default::default()
        });
        let m = merged_record(&kept2, &dup, false).unwrap();
        assert_eq!(m.sex.as_deref(), Some("woman"));
        assert_eq!(m.contact.as_deref(), Some("shelter phone"));
        assert_eq!(m.notes.as_deref(), Some("own notes"));
        assert_eq!(m.latin_name.as_ref().map(Name::as_str), Some("A Latin"));
        let others: Vec<&str> = m.other_names.iter().map(Name::as_str).collect();
        assert_eq!(others, ["Lan Nguyen", "nguyễn thị lan", "Mai", "Nguyen Thi Lan"], "a kept Latin name stays");
        assert_eq!(m.location, LocationType::Shelter, "older news of the duplicate does not move the person");
        let m = merged_record(&kept2, &dup, true).unwrap();
        assert_eq!(m.location, LocationType::ImmigrationDetention, "the newer record says where they are now");
        assert_eq!(m.sex.as_deref(), Some("woman"), "but not who they are");
        let unknown = record(PersonInput { full_name: "U".into(), ..Default::default() });
        assert_eq!(merged_record(&kept2, &unknown, true).unwrap().location, LocationType::Shelter);
        assert_eq!(m.birth, dup.birth, "an unknown birth takes the duplicate's estimate");
    }

    #[test]
    fn r13_a_merge_that_would_overflow_a_record_is_refused_not_cut() {
        let many = |prefix: &str, n: usize| (0..n).map(|i| format!("{prefix} {i}")).collect::<Vec<_>>();
        let kept = record(PersonInput { full_name: "K".into(), other_names: many("k", 15), ..Default::default() });
        let dup = record(PersonInput { full_name: "D".into(), other_names: many("d", 5), ..Default::default() });
        assert_eq!(merged_record(&kept, &dup, false).map_err(|e| e.code), Err("merge_too_many_names"));
        let dup = record(PersonInput { full_name: "D".into(), other_names: many("d", 4), ..Default::default() });
        assert_eq!(merged_record(&kept, &dup, false).unwrap().other_names.len(), 20, "exactly full is fine");
        let codes = ["THA", "VNM", "KHM", "LAO", "MMR", "IDN", "PHL", "CHN", "MYS", "SGP", "BRN", "TLS", "IND"];
        let kept = record(PersonInput {
            full_name: "K".into(),
            nationalities: codes[..7].iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        });
        let dup = record(PersonInput {
            full_name: "D".into(),
            nationalities: codes[6..].iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        });
        assert_eq!(merged_record(&kept, &dup, false).map_err(|e| e.code), Err("merge_too_many_values"));
    }
}
