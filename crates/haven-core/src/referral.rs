//! Referrals to services, from proposal to completion (R15, R16, R17, R19).
//!
//! A referral moves proposed → consent recorded → sent → accepted or
//! declined → in progress → completed, and the referring organisation may
//! revoke it at any open step. The receiving organisation sees the person
//! only while the referral is live *and* the consent linked to it still
//! covers that organisation on the day (R17): withdrawal or expiry closes
//! the data at the next read, whatever the referral's status says.
//!
//! R15: nothing here takes, stores or checks cooperation with investigators.
//! The transition function's inputs are the whole of what decides whether a
//! referral proceeds, and they have no place for it; the tests walk every
//! service type to hold that.

use time::Date;

use crate::access::{Categories, OrgKind};
use crate::consent::{Consent, ConsentPurpose};
use crate::ids::OrgId;
use crate::services::SERVICE_TYPES;
use crate::ValidationError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Proposed,
    ConsentRecorded,
    Sent,
    Accepted,
    Declined,
    InProgress,
    Completed,
    Revoked,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Proposed,
        Status::ConsentRecorded,
        Status::Sent,
        Status::Accepted,
        Status::Declined,
        Status::InProgress,
        Status::Completed,
        Status::Revoked,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::ConsentRecorded => "consent_recorded",
            Status::Sent => "sent",
            Status::Accepted => "accepted",
            Status::Declined => "declined",
            Status::InProgress => "in_progress",
            Status::Completed => "completed",
            Status::Revoked => "revoked",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|x| x.as_str() == s.trim()).ok_or(ValidationError::new(
            "status",
            "invalid_referral_status",
            "unknown referral status",
        ))
    }

    /// Declined, completed and revoked referrals take no further step.
    pub fn is_closed(&self) -> bool {
        matches!(self, Status::Declined | Status::Completed | Status::Revoked)
    }

    /// The statuses in which the receiving organisation works with the
    /// person and so may read what the consent covers. A completed referral
    /// no longer needs the data (data minimisation).
    pub fn opens_data(&self) -> bool {
        matches!(self, Status::Sent | Status::Accepted | Status::InProgress)
    }
}

/// Which organisation takes a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Referring,
    Receiving,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Send,
    Accept,
    Decline,
    Start,
    Complete,
    Revoke,
    /// The person told the receiving organisation they withdraw their
    /// consent: recorded there, it withdraws the consent itself (R17).
    RecordWithdrawal,
}

impl Step {
    pub const ALL: [Step; 7] =
        [Step::Send, Step::Accept, Step::Decline, Step::Start, Step::Complete, Step::Revoke, Step::RecordWithdrawal];

    pub fn as_str(&self) -> &'static str {
        match self {
            Step::Send => "send",
            Step::Accept => "accept",
            Step::Decline => "decline",
            Step::Start => "start",
            Step::Complete => "complete",
            Step::Revoke => "revoke",
            Step::RecordWithdrawal => "record_withdrawal",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|x| x.as_str() == s.trim()).ok_or(ValidationError::new(
            "step",
            "invalid_referral_step",
            "unknown referral step",
        ))
    }

    pub fn side(&self) -> Side {
        match self {
            Step::Send | Step::Revoke => Side::Referring,
            Step::Accept | Step::Decline | Step::Start | Step::Complete | Step::RecordWithdrawal => Side::Receiving,
        }
    }
}

/// The status after `step`, or why it cannot be taken. Sending also needs a
/// consent that covers the recipient today; the caller passes whether it does.
pub fn advance(from: Status, step: Step, side: Side, consent_in_force: bool) -> Result<Status, ValidationError> {
    if step.side() != side {
        return Err(ValidationError::new("step", "other_side", "the other organisation takes this step"));
    }
    let to = match (from, step) {
        (Status::ConsentRecorded, Step::Send) => Status::Sent,
        (Status::Sent, Step::Accept) => Status::Accepted,
        (Status::Sent, Step::Decline) => Status::Declined,
        (Status::Accepted, Step::Start) => Status::InProgress,
        (Status::InProgress, Step::Complete) => Status::Completed,
        (s, Step::Revoke) if !s.is_closed() => Status::Revoked,
        (s, Step::RecordWithdrawal) if s.opens_data() => Status::Revoked,
        (Status::Proposed, Step::Send) => {
            return Err(ValidationError::new("step", "r17_consent_required", "record the person's consent first (R17)"))
        }
        _ => {
            return Err(ValidationError::new("step", "invalid_transition", "this step does not follow the current one"))
        }
    };
    // The receiving side acts on the person's data, so every step of theirs,
    // like sending, needs the consent to be in force.
    // Revoking and withdrawing only ever narrow what is shared.
    if !matches!(step, Step::Revoke | Step::RecordWithdrawal) && !consent_in_force {
        return Err(ValidationError::new(
            "step",
            "r17_consent_not_in_force",
            "the person's consent has been withdrawn or has expired (R17)",
        ));
    }
    Ok(to)
}

/// What the receiving organisation may read today: the consent's categories
/// while the referral is live and the consent covers them; otherwise nothing.
pub fn recipient_categories(
    status: Status,
    consent: Option<&Consent>,
    recipient: OrgId,
    today: Date,
) -> Option<Categories> {
    let c = consent?;
    (status.opens_data() && c.covers(ConsentPurpose::Referral, recipient, c.terms.categories, today))
        .then_some(c.terms.categories)
}

/// Need to know inside the receiving organisation. Until someone there
/// accepts the referral, everyone there, supervisors included, sees only
/// who is referred (identity, if consented) and how urgent it is, to decide;
/// once accepted, everything consented opens to the person who accepted it
/// and to those whose role reaches the whole organisation.
pub fn within_recipient(consented: Categories, status: Status, is_handler: bool, org_wide: bool) -> Categories {
    let accepted = matches!(status, Status::Accepted | Status::InProgress);
    if accepted && (is_handler || org_wide) {
        consented
    } else {
        consented.intersect(Categories::of(&[crate::access::Category::Identity]))
    }
}

/// Whether a consent may be the one a referral relies on.
pub fn consent_fits(consent: &Consent, recipient: OrgId, today: Date) -> bool {
    consent.covers(ConsentPurpose::Referral, recipient, consent.terms.categories, today)
}

/// The receiving organisation is asked to answer within this many working days.
pub const RESPONSE_WORKING_DAYS: u32 = 5;

pub fn response_due(sent_on: Date) -> Date {
    crate::tasks::add_working_days(sent_on, RESPONSE_WORKING_DAYS)
}

/// A referral as proposed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub service_type: &'static str,
    pub recipient: OrgId,
    pub note: String,
}

impl Proposal {
    /// R16: a referral is for assistance; it never goes to an enforcement
    /// organisation (those receive only consented documents in their inbox).
    pub fn parse(
        service_type: &str,
        recipient: OrgId,
        recipient_kind: OrgKind,
        referring: OrgId,
        note: &str,
    ) -> Result<Self, ValidationError> {
        let service_type = SERVICE_TYPES.iter().copied().find(|t| *t == service_type.trim()).ok_or(
            ValidationError::new("service_type", "invalid_service_type", "choose a service type from the list"),
        )?;
        if recipient_kind.is_enforcement() {
            return Err(ValidationError::new(
                "recipient",
                "r16_enforcement_recipient",
                "a referral for assistance cannot go to police, prosecution, immigration or border authorities (R16)",
            ));
        }
        if recipient_kind.is_platform() {
            return Err(ValidationError::new(
                "recipient",
                "r26_platform_recipient",
                "an online platform reviews advertisements and is never sent a person's case",
            ));
        }
        if recipient == referring {
            return Err(ValidationError::new("recipient", "same_org", "choose another organisation"));
        }
        let note = note.trim();
        if note.chars().count() > 2000 {
            return Err(ValidationError::new("note", "too_long", "the text is too long"));
        }
        Ok(Self { service_type, recipient, note: note.to_owned() })
    }
}

/// A reason for declining: required, so the referring caseworker can look elsewhere.
pub fn parse_reason(step: Step, raw: &str) -> Result<Option<String>, ValidationError> {
    let r = raw.trim();
    if r.chars().count() > 2000 {
        return Err(ValidationError::new("reason", "too_long", "the text is too long"));
    }
    match (step, r.is_empty()) {
        (Step::Decline, true) => {
            Err(ValidationError::new("reason", "required", "say why, so another service can be found"))
        }
        (_, true) => Ok(None),
        _ => Ok(Some(r.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Category;
    use crate::consent::{ConsentInput, ConsentTerms};
    use crate::ids::UserId;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 26);

    fn org(n: u8) -> OrgId {
        OrgId::from_random_bytes([n; 16])
    }

    fn consent(purpose: &str, recipient: OrgId) -> Consent {
        let input = ConsentInput {
            purpose: purpose.into(),
            categories: "identity,contact_location".into(),
            expires_on: "2027-01-31".into(),
            language: "my".into(),
            interpreter: None,
        };
        let terms = ConsentTerms::parse(&input, recipient, UserId::from_random_bytes([1; 16]), TODAY).unwrap();
        Consent { terms, withdrawn_on: None }
    }

    fn walk(steps: &[Step]) -> Result<Status, ValidationError> {
        steps.iter().try_fold(Status::ConsentRecorded, |s, step| advance(s, *step, step.side(), true))
    }

    #[test]
    fn r17_the_full_lifecycle_runs_in_order() {
        assert_eq!(walk(&[Step::Send, Step::Accept, Step::Start, Step::Complete]), Ok(Status::Completed));
        assert_eq!(walk(&[Step::Send, Step::Decline]), Ok(Status::Declined));
        assert!(walk(&[Step::Accept]).is_err(), "nothing to accept before sending");
        assert!(walk(&[Step::Send, Step::Complete]).is_err(), "work starts before it completes");
        assert!(walk(&[Step::Send, Step::Decline, Step::Revoke]).is_err(), "closed referrals stay closed");
    }

    #[test]
    fn r17_no_referral_is_sent_without_consent_in_force() {
        let e = advance(Status::Proposed, Step::Send, Side::Referring, false).unwrap_err();
        assert_eq!(e.code, "r17_consent_required");
        let e = advance(Status::ConsentRecorded, Step::Send, Side::Referring, false).unwrap_err();
        assert_eq!(e.code, "r17_consent_not_in_force");
        let e = advance(Status::Sent, Step::Accept, Side::Receiving, false).unwrap_err();
        assert_eq!(e.code, "r17_consent_not_in_force");
        // Revoking is always possible: it only ever narrows what is shared.
        assert_eq!(advance(Status::Sent, Step::Revoke, Side::Referring, false), Ok(Status::Revoked));
    }

    #[test]
    fn r17_the_receiving_side_records_a_withdrawal_the_person_tells_it_of() {
        for from in [Status::Sent, Status::Accepted, Status::InProgress] {
            assert_eq!(advance(from, Step::RecordWithdrawal, Side::Receiving, false), Ok(Status::Revoked));
        }
        assert!(advance(Status::ConsentRecorded, Step::RecordWithdrawal, Side::Receiving, true).is_err());
        assert!(advance(Status::Sent, Step::RecordWithdrawal, Side::Referring, true).is_err());
    }

    #[test]
    fn each_side_takes_only_its_own_steps() {
        assert!(advance(Status::Sent, Step::Accept, Side::Referring, true).is_err());
        assert!(advance(Status::ConsentRecorded, Step::Send, Side::Receiving, true).is_err());
        assert!(advance(Status::Accepted, Step::Revoke, Side::Receiving, true).is_err());
    }

    #[test]
    fn r17_recipient_reads_only_while_live_and_consented() {
        let c = consent("referral", org(9));
        let cats = Categories::of(&[Category::Identity, Category::ContactLocation]);
        assert_eq!(recipient_categories(Status::Sent, Some(&c), org(9), TODAY), Some(cats));
        assert_eq!(recipient_categories(Status::ConsentRecorded, Some(&c), org(9), TODAY), None, "not yet sent");
        assert_eq!(recipient_categories(Status::Completed, Some(&c), org(9), TODAY), None, "finished");
        assert_eq!(recipient_categories(Status::Sent, Some(&c), org(8), TODAY), None, "someone else");
        assert_eq!(recipient_categories(Status::Sent, Some(&c), org(9), date!(2027 - 02 - 01)), None, "expired");
        assert_eq!(recipient_categories(Status::Sent, None, org(9), TODAY), None);
        let mut withdrawn = c.clone();
        withdrawn.withdrawn_on = Some(TODAY);
        assert_eq!(recipient_categories(Status::InProgress, Some(&withdrawn), org(9), TODAY), None, "withdrawn");
        let other_purpose = consent("research", org(9));
        assert!(!consent_fits(&other_purpose, org(9), TODAY));
    }

    #[test]
    fn r17_inside_the_recipient_only_the_handler_and_supervisors_see_all_that_was_consented() {
        let consented = Categories::of(&[Category::Identity, Category::Health]);
        let identity = Categories::of(&[Category::Identity]);
        for status in [Status::Accepted, Status::InProgress] {
            assert_eq!(within_recipient(consented, status, true, false), consented);
            assert_eq!(within_recipient(consented, status, false, true), consented);
            assert_eq!(within_recipient(consented, status, false, false), identity);
        }
        let no_identity = Categories::of(&[Category::Health]);
        assert!(within_recipient(no_identity, Status::Accepted, false, false).is_empty());
    }

    #[test]
    fn r17_before_anyone_accepts_even_supervisors_of_the_recipient_see_only_who_is_referred() {
        let consented = Categories::of(&[Category::Identity, Category::ContactLocation, Category::Health]);
        let identity = Categories::of(&[Category::Identity]);
        for status in [Status::Sent, Status::Proposed, Status::ConsentRecorded, Status::Declined, Status::Revoked] {
            for (handler, org_wide) in [(true, true), (false, true), (true, false), (false, false)] {
                assert_eq!(within_recipient(consented, status, handler, org_wide), identity, "{status:?}");
            }
        }
    }

    #[test]
    fn r16_referrals_never_go_to_enforcement() {
        for kind in OrgKind::ALL {
            let r = Proposal::parse("legal_aid", org(9), kind, org(1), "");
            assert_eq!(r.is_err(), !kind.receives_case_data(), "{kind:?}");
            if kind.is_platform() {
                assert_eq!(r.err().map(|e| e.code), Some("r26_platform_recipient"));
            }
        }
        assert_eq!(Proposal::parse("legal_aid", org(1), OrgKind::Shelter, org(1), "").unwrap_err().code, "same_org");
        assert!(Proposal::parse("massage", org(9), OrgKind::Shelter, org(1), "").is_err());
    }

    /// R17: a referral's status is stored as a code; each reads back as the
    /// very same status, so a revoked referral never reads back as a live one
    /// that opens data.
    #[test]
    fn r17_statuses_and_steps_read_back_from_their_codes_exactly() {
        for st in Status::ALL {
            assert_eq!(Status::parse(&format!(" {} ", st.as_str())), Ok(st));
        }
        for step in Step::ALL {
            assert_eq!(Step::parse(step.as_str()), Ok(step));
        }
        assert_eq!((Status::Revoked.as_str(), Step::RecordWithdrawal.as_str()), ("revoked", "record_withdrawal"));
        assert!(Status::parse("open").is_err() && Step::parse("reopen").is_err());
        let open: Vec<Status> = Status::ALL.into_iter().filter(Status::opens_data).collect();
        assert_eq!(open, [Status::Sent, Status::Accepted, Status::InProgress]);
        let closed: Vec<Status> = Status::ALL.into_iter().filter(Status::is_closed).collect();
        assert_eq!(closed, [Status::Declined, Status::Completed, Status::Revoked]);
    }

    #[test]
    fn r17_a_consent_for_a_referral_to_this_recipient_in_force_today_fits() {
        let c = consent("referral", org(9));
        assert!(consent_fits(&c, org(9), TODAY));
        assert!(consent_fits(&c, org(9), date!(2027 - 01 - 31)), "its last day");
        assert!(!consent_fits(&c, org(9), date!(2027 - 02 - 01)));
        assert!(!consent_fits(&c, org(8), TODAY));
    }

    #[test]
    fn r19_a_proposal_keeps_its_note_within_bounds() {
        let p = Proposal::parse("legal_aid", org(9), OrgKind::LegalAid, org(1), &format!(" {} ", "n".repeat(2000)));
        assert_eq!(p.unwrap().note, "n".repeat(2000));
        assert!(Proposal::parse("legal_aid", org(9), OrgKind::LegalAid, org(1), &"n".repeat(2001)).is_err());
        assert_eq!(parse_reason(Step::Decline, &"r".repeat(2000)), Ok(Some("r".repeat(2000))));
        assert_eq!(parse_reason(Step::Decline, &"r".repeat(2001)).unwrap_err().code, "too_long");
    }

    #[test]
    fn a_decline_needs_a_reason() {
        assert!(parse_reason(Step::Decline, "  ").is_err());
        assert_eq!(parse_reason(Step::Accept, ""), Ok(None));
        assert_eq!(parse_reason(Step::Decline, " full "), Ok(Some("full".into())));
    }

    #[test]
    fn responses_are_due_five_working_days_after_sending() {
        // Thursday 26 November 2026 → Thursday 3 December.
        assert_eq!(response_due(TODAY), date!(2026 - 12 - 03));
    }

    /// R15: whether a referral proceeds is decided by [`advance`] alone, and
    /// its inputs are the status, the step, the side taking it and whether
    /// consent is in force: nothing about cooperation with investigators,
    /// nor about the person or the service. The signature is pinned, so an
    /// added input (a cooperation flag, a record to consult) fails this test
    /// instead of slipping in; the table then holds every path the lifecycle
    /// can take, so no step was made to depend on anything else either.
    #[test]
    fn r15_the_referral_lifecycle_has_no_input_for_cooperation() {
        let pinned: fn(Status, Step, Side, bool) -> Result<Status, ValidationError> = advance;
        let expected = |from: Status, step: Step| match (from, step) {
            (Status::ConsentRecorded, Step::Send) => Some(Status::Sent),
            (Status::Sent, Step::Accept) => Some(Status::Accepted),
            (Status::Sent, Step::Decline) => Some(Status::Declined),
            (Status::Accepted, Step::Start) => Some(Status::InProgress),
            (Status::InProgress, Step::Complete) => Some(Status::Completed),
            (s, Step::Revoke) if !s.is_closed() => Some(Status::Revoked),
            (Status::Sent | Status::Accepted | Status::InProgress, Step::RecordWithdrawal) => Some(Status::Revoked),
            _ => None,
        };
        for from in Status::ALL {
            for step in Step::ALL {
                assert_eq!(pinned(from, step, step.side(), true).ok(), expected(from, step), "{from:?} {step:?}");
            }
        }
    }

    #[test]
    fn r19_every_listed_service_type_can_be_proposed_to_every_assistance_organisation() {
        for t in SERVICE_TYPES {
            for kind in OrgKind::ALL.into_iter().filter(|k| k.receives_case_data()) {
                let p = Proposal::parse(&format!(" {t} "), org(9), kind, org(1), "").unwrap();
                assert_eq!(p.service_type, t, "{kind:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn r17_closed_referrals_never_reopen(s in 0usize..8, st in 0usize..7, consent in any::<bool>()) {
            let from = Status::ALL[s];
            let step = Step::ALL[st];
            if from.is_closed() {
                prop_assert!(advance(from, step, step.side(), consent).is_err());
            }
        }
    }
}
