//! Cross-border transfers between haven installations (R16, R17, R24).
//!
//! A transfer hands a person's case to an organisation on a partner
//! installation, for reception, for return and reintegration, or as a whole
//! case. What decides whether it may leave, and what it may carry, lives
//! here; sealing, signing and transport live in `haven-exchange`, the rows
//! in the store.
//!
//! R24: the minimum, only with consent. A transfer needs a consent in force
//! with purpose `cross_border_transfer` naming the receiving organisation,
//! and carries only the categories that consent covers, checked again at
//! the moment the package is built. R16: an enforcement organisation is
//! never the recipient of a case, whatever a partner's card says about it.

use time::Date;

use crate::access::{Categories, Category, OrgKind};
use crate::consent::{Consent, ConsentPurpose};
use crate::ids::OrgId;
use crate::ValidationError;

/// Why a case crosses the border.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// Reception by an organisation in the country the person goes to.
    Reception,
    /// Return to the country of origin and reintegration there.
    ReturnReintegration,
    /// The whole case moves to the other organisation.
    CaseTransfer,
}

impl Purpose {
    pub const ALL: [Purpose; 3] = [Purpose::Reception, Purpose::ReturnReintegration, Purpose::CaseTransfer];

    pub fn as_str(&self) -> &'static str {
        match self {
            Purpose::Reception => "reception",
            Purpose::ReturnReintegration => "return_reintegration",
            Purpose::CaseTransfer => "case_transfer",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|p| p.as_str() == s.trim()).ok_or(ValidationError::new(
            "purpose",
            "invalid_transfer_purpose",
            "unknown transfer purpose",
        ))
    }
}

/// Where a transfer stands. The sender sees queued → delivered → accepted
/// or declined; after a revocation, revoked until the receiver confirms it
/// destroyed its copy, then destroyed. The receiver sees received →
/// accepted or declined, and destroyed after a revocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Queued,
    Delivered,
    Received,
    Accepted,
    Declined,
    Revoked,
    Destroyed,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Queued,
        Status::Delivered,
        Status::Received,
        Status::Accepted,
        Status::Declined,
        Status::Revoked,
        Status::Destroyed,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Delivered => "delivered",
            Status::Received => "received",
            Status::Accepted => "accepted",
            Status::Declined => "declined",
            Status::Revoked => "revoked",
            Status::Destroyed => "destroyed",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|x| x.as_str() == s.trim()).ok_or(ValidationError::new(
            "status",
            "invalid_transfer_status",
            "unknown transfer status",
        ))
    }

    /// Whether the receiving organisation may still answer.
    pub fn awaits_answer(&self) -> bool {
        matches!(self, Status::Received)
    }

    /// Whether a revocation is still owed to the receiver: its copy exists.
    pub fn copy_exists_remotely(&self) -> bool {
        matches!(self, Status::Queued | Status::Delivered | Status::Accepted | Status::Declined)
    }
}

/// How a person a transfer handed over is doing, as the receiving
/// organisation tells the sender. A status word only, never free text: the
/// sender needs to know whether its part is done or help is wanted, not the
/// person's new circumstances (R24: the minimum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FollowUp {
    Arrived,
    ReintegrationStarted,
    NeedsHelp,
}

impl FollowUp {
    pub const ALL: [FollowUp; 3] = [FollowUp::Arrived, FollowUp::ReintegrationStarted, FollowUp::NeedsHelp];

    pub fn as_str(&self) -> &'static str {
        match self {
            FollowUp::Arrived => "arrived",
            FollowUp::ReintegrationStarted => "reintegration_started",
            FollowUp::NeedsHelp => "needs_help",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|f| f.as_str() == s.trim()).ok_or(ValidationError::new(
            "status",
            "invalid_follow_up",
            "choose arrived, reintegration started or needs help",
        ))
    }
}

/// Whether the receiving organisation may send a follow-up about a transfer
/// it holds: only once it accepted the case, and only while the consent that
/// carried it is in force (`consent_expires` is the day it ends, as the
/// package stated it). A withdrawn consent reaches the receiver as a
/// revocation, which destroys the copy and ends the transfer.
pub fn check_follow_up(
    outgoing: bool,
    status: Status,
    consent_expires: Option<Date>,
    today: Date,
) -> Result<(), ValidationError> {
    if outgoing || status != Status::Accepted {
        return Err(ValidationError::new(
            "transfer",
            "transfer_not_accepted",
            "a follow-up is sent only about a transfer this organisation accepted",
        ));
    }
    // r24: the flow back rides on the same consent as the flow out.
    match consent_expires {
        Some(d) if d >= today => Ok(()),
        _ => Err(ValidationError::new(
            "transfer",
            "r24_consent_expired",
            "the consent that carried this transfer has ended: nothing more is sent about it",
        )),
    }
}

/// Whether a follow-up that arrived is kept by the sender: only about a
/// transfer it sent that the partner accepted (its accept travels ahead of
/// any follow-up in the same outbox). One about a transfer not accepted,
/// revoked or destroyed is dropped: a partner cannot raise "needs help"
/// about a case it never took up, and after a withdrawal nothing is kept.
pub fn follow_up_applies(outgoing: bool, status: Status) -> bool {
    outgoing && status == Status::Accepted
}

/// How long the sender waits for a partner to confirm it destroyed a
/// revoked transfer before the task list flags it.
pub const REVOCATION_CONFIRM_HOURS: i64 = 72;

/// How long a declined transfer stays on the sender's task list, so that
/// someone finds the person another organisation.
pub const DECLINE_NOTICE_DAYS: i64 = 14;

/// Working days the receiving organisation has to answer a transfer.
pub const ANSWER_WITHIN_WORKING_DAYS: u32 = 3;

/// A transfer as the task list needs it; times in milliseconds since the epoch.
#[derive(Debug, Clone)]
pub struct TransferFacts {
    pub id: String,
    pub outgoing: bool,
    pub status: Status,
    /// The person's name where this end may read it, else empty.
    pub name: String,
    /// The person's file at this end, if any.
    pub person_id: Option<String>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    pub revoked_at_ms: Option<i64>,
    /// The newest follow-up the partner sent, and when it arrived.
    pub latest_follow_up: Option<(FollowUp, i64)>,
}

/// What a transfer asks of this end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TransferTaskKind {
    /// A revoked transfer whose destruction the partner has not confirmed
    /// in time: someone must call them (R17, R24).
    RevocationUnconfirmed,
    /// The receiving organisation said the person needs help.
    FollowUpNeedsHelp,
    /// A transfer arrived: accept or decline it.
    TransferToAnswer,
    /// The partner declined: find the person another organisation.
    TransferDeclined,
    /// The sender withdrew a transfer this end held: its copy, and the file
    /// opened from it, were destroyed. Said, so that nobody looks for it.
    TransferWithdrawn,
}

impl TransferTaskKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            TransferTaskKind::RevocationUnconfirmed => "transfer_revocation_unconfirmed",
            TransferTaskKind::FollowUpNeedsHelp => "transfer_needs_help",
            TransferTaskKind::TransferToAnswer => "transfer_to_answer",
            TransferTaskKind::TransferDeclined => "transfer_declined",
            TransferTaskKind::TransferWithdrawn => "transfer_withdrawn",
        }
    }

    /// Listed with the urgent ones at the top of the task list.
    pub fn urgent(&self) -> bool {
        matches!(self, TransferTaskKind::RevocationUnconfirmed | TransferTaskKind::FollowUpNeedsHelp)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferTask {
    pub kind: TransferTaskKind,
    pub transfer_id: String,
    pub name: String,
    pub due: Date,
    pub overdue: bool,
}

/// How long a "needs help" follow-up stays on the sender's list unless a
/// newer follow-up replaces it.
pub const NEEDS_HELP_DAYS: i64 = 30;

fn day_of(ms: i64) -> Date {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).map(|t| t.date()).unwrap_or(Date::MIN)
}

/// The tasks transfers ask of this end, most urgent first.
pub fn transfer_tasks(facts: &[TransferFacts], now_ms: i64) -> Vec<TransferTask> {
    const DAY_MS: i64 = 24 * 3600 * 1000;
    let today = day_of(now_ms);
    let mut out = Vec::new();
    for t in facts {
        let task = |kind, due: Date, overdue: bool| TransferTask {
            kind,
            transfer_id: t.id.clone(),
            name: t.name.clone(),
            due,
            overdue,
        };
        match (t.outgoing, t.status) {
            (false, Status::Received) => {
                let due = crate::tasks::add_working_days(day_of(t.created_at_ms), ANSWER_WITHIN_WORKING_DAYS);
                out.push(task(TransferTaskKind::TransferToAnswer, due, due < today));
            }
            (true, Status::Revoked) => {
                let deadline = t.revoked_at_ms.unwrap_or(t.updated_at_ms) + REVOCATION_CONFIRM_HOURS * 3600 * 1000;
                if now_ms >= deadline {
                    out.push(task(TransferTaskKind::RevocationUnconfirmed, day_of(deadline), true));
                }
            }
            (true, Status::Declined) if now_ms - t.updated_at_ms <= DECLINE_NOTICE_DAYS * DAY_MS => {
                // Done once someone sent the person's case on again.
                let sent_again = facts.iter().any(|o| {
                    o.outgoing
                        && o.id != t.id
                        && o.person_id.is_some()
                        && o.person_id == t.person_id
                        && o.created_at_ms > t.updated_at_ms
                });
                if !sent_again {
                    out.push(task(TransferTaskKind::TransferDeclined, day_of(t.updated_at_ms), false));
                }
            }
            (false, Status::Destroyed) if now_ms - t.updated_at_ms <= DECLINE_NOTICE_DAYS * DAY_MS => {
                out.push(task(TransferTaskKind::TransferWithdrawn, day_of(t.updated_at_ms), false));
            }
            (true, Status::Accepted) => {
                if let Some((FollowUp::NeedsHelp, at)) = t.latest_follow_up {
                    if now_ms - at <= NEEDS_HELP_DAYS * DAY_MS {
                        out.push(task(TransferTaskKind::FollowUpNeedsHelp, day_of(at), false));
                    }
                }
            }
            _ => {}
        }
    }
    out.sort_by(|a, b| (a.kind, a.due, &a.name).cmp(&(b.kind, b.due, &b.name)));
    out
}

/// What a proposed transfer may carry: the consent's categories, once every
/// condition for it to leave holds (R16, R17, R24).
///
/// `recipient_remote` is whether the recipient is an organisation on a
/// registered partner installation; a local organisation is reached by a
/// referral instead, never by a package.
pub fn check_proposal(
    recipient: OrgId,
    recipient_kind: OrgKind,
    recipient_remote: bool,
    consent: Option<&Consent>,
    today: Date,
) -> Result<Categories, ValidationError> {
    // r16: checked before consent, so no consent can open this path.
    if recipient_kind.is_enforcement() {
        return Err(ValidationError::new(
            "recipient_org_id",
            "r16_enforcement_recipient",
            "a case is never sent to an enforcement organisation",
        ));
    }
    if recipient_kind.is_platform() {
        return Err(ValidationError::new(
            "recipient_org_id",
            "r26_platform_recipient",
            "an online platform reviews advertisements and is never sent a person's case",
        ));
    }
    if !recipient_remote {
        return Err(ValidationError::new(
            "recipient_org_id",
            "transfer_recipient_not_remote",
            "this organisation is on this installation: refer the person instead",
        ));
    }
    let consent = consent.ok_or(ValidationError::new(
        "consent_id",
        "r24_consent_required",
        "record the person's consent to the transfer first",
    ))?;
    let categories = consent.terms.categories;
    // r24: purpose, recipient, days in force and categories all in one check.
    if !consent.covers(ConsentPurpose::CrossBorderTransfer, recipient, categories, today) {
        return Err(ValidationError::new(
            "consent_id",
            "r24_consent_does_not_cover",
            "the consent is not for a cross-border transfer to this organisation, or is no longer in force",
        ));
    }
    // Identity is the floor: a package that names nobody cannot be received.
    if !categories.contains(Category::Identity) {
        return Err(ValidationError::new(
            "consent_id",
            "r24_identity_not_consented",
            "the consent must cover identity for a case to be transferred",
        ));
    }
    Ok(categories)
}

/// Whether a consent still covers a transfer already sent: once it does not
/// (withdrawn, expired), the receiver must destroy its copy (R17, R24).
pub fn still_covered(consent: &Consent, recipient: OrgId, today: Date) -> bool {
    consent.covers(ConsentPurpose::CrossBorderTransfer, recipient, consent.terms.categories, today)
}

/// Whether an incoming transfer may be taken by this organisation: only an
/// assistance organisation receives a case (R16), whoever addressed it.
pub fn may_receive(kind: OrgKind) -> bool {
    kind.receives_case_data()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::{ConsentInput, ConsentTerms};
    use crate::ids::UserId;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 30);

    fn org(n: u8) -> OrgId {
        OrgId::from_random_bytes([n; 16])
    }

    fn consent(purpose: &str, to: OrgId, cats: &str, expires: &str) -> Consent {
        let input = ConsentInput {
            purpose: purpose.into(),
            categories: cats.into(),
            expires_on: expires.into(),
            language: "en".into(),
            interpreter: None,
        };
        // Terms are parsed a day early so that an expiry of yesterday is still valid input.
        let day_before = TODAY.previous_day().unwrap_or(TODAY);
        match ConsentTerms::parse(&input, to, UserId::from_random_bytes([9; 16]), day_before) {
            Ok(terms) => Consent { terms, withdrawn_on: None },
            Err(e) => panic!("test consent: {e:?}"),
        }
    }

    #[test]
    fn r16_enforcement_kinds_are_never_transfer_recipients() {
        let to = org(2);
        let c = consent("cross_border_transfer", to, "identity", "2027-01-01");
        for kind in OrgKind::ALL {
            let r = check_proposal(to, kind, true, Some(&c), TODAY);
            assert_eq!(r.is_ok(), kind.receives_case_data(), "{kind:?}");
            assert_eq!(may_receive(kind), kind.receives_case_data());
            if kind.is_enforcement() {
                assert_eq!(r.err().map(|e| e.code), Some("r16_enforcement_recipient"));
            } else if kind.is_platform() {
                assert_eq!(r.err().map(|e| e.code), Some("r26_platform_recipient"));
            }
        }
    }

    #[test]
    fn r24_transfer_needs_a_consent_for_this_purpose_recipient_and_day() {
        let to = org(2);
        let kind = OrgKind::NgoAssistance;
        assert_eq!(check_proposal(to, kind, true, None, TODAY).err().map(|e| e.code), Some("r24_consent_required"));
        let wrong_purpose = consent("referral", to, "identity", "2027-01-01");
        let wrong_org = consent("cross_border_transfer", org(3), "identity", "2027-01-01");
        let expired = consent("cross_border_transfer", to, "identity", "2026-11-29");
        for c in [&wrong_purpose, &wrong_org, &expired] {
            assert_eq!(
                check_proposal(to, kind, true, Some(c), TODAY).err().map(|e| e.code),
                Some("r24_consent_does_not_cover")
            );
        }
        let mut withdrawn = consent("cross_border_transfer", to, "identity", "2027-01-01");
        withdrawn.withdrawn_on = Some(TODAY);
        assert!(check_proposal(to, kind, true, Some(&withdrawn), TODAY).is_err());
        assert!(!still_covered(&withdrawn, to, TODAY));
        let last_day = consent("cross_border_transfer", to, "identity", "2026-11-30");
        assert!(check_proposal(to, kind, true, Some(&last_day), TODAY).is_ok());
        assert!(still_covered(&last_day, to, TODAY));
        assert!(!still_covered(&last_day, org(3), TODAY));
    }

    #[test]
    fn r24_transfer_carries_exactly_the_consented_categories() {
        let to = org(2);
        let c = consent("cross_border_transfer", to, "identity,health", "2027-01-01");
        let cats = check_proposal(to, OrgKind::Shelter, true, Some(&c), TODAY).ok();
        assert_eq!(cats, Some(Categories::of(&[Category::Identity, Category::Health])));
        let no_identity = consent("cross_border_transfer", to, "health", "2027-01-01");
        assert_eq!(
            check_proposal(to, OrgKind::Shelter, true, Some(&no_identity), TODAY).err().map(|e| e.code),
            Some("r24_identity_not_consented")
        );
    }

    #[test]
    fn r24_a_local_organisation_is_referred_not_transferred() {
        let to = org(2);
        let c = consent("cross_border_transfer", to, "identity", "2027-01-01");
        assert_eq!(
            check_proposal(to, OrgKind::Shelter, false, Some(&c), TODAY).err().map(|e| e.code),
            Some("transfer_recipient_not_remote")
        );
    }

    #[test]
    fn r24_follow_up_only_for_an_accepted_transfer_while_the_consent_holds() {
        let day = Some(TODAY);
        assert_eq!(check_follow_up(false, Status::Accepted, day, TODAY), Ok(()));
        for s in Status::ALL.into_iter().filter(|s| *s != Status::Accepted) {
            assert_eq!(check_follow_up(false, s, day, TODAY).err().map(|e| e.code), Some("transfer_not_accepted"));
        }
        // The sender never sends follow-ups about its own transfers.
        assert!(check_follow_up(true, Status::Accepted, day, TODAY).is_err());
        let yesterday = TODAY.previous_day();
        assert_eq!(
            check_follow_up(false, Status::Accepted, yesterday, TODAY).err().map(|e| e.code),
            Some("r24_consent_expired")
        );
        assert_eq!(
            check_follow_up(false, Status::Accepted, None, TODAY).err().map(|e| e.code),
            Some("r24_consent_expired")
        );
        assert!(follow_up_applies(true, Status::Accepted));
        for s in
            [Status::Queued, Status::Delivered, Status::Declined, Status::Revoked, Status::Destroyed, Status::Received]
        {
            assert!(!follow_up_applies(true, s), "{s:?}");
        }
        assert!(!follow_up_applies(false, Status::Accepted));
        for f in FollowUp::ALL {
            assert_eq!(FollowUp::parse(f.as_str()), Ok(f));
        }
        assert_eq!(FollowUp::parse("moved to Hanoi").err().map(|e| e.code), Some("invalid_follow_up"));
    }

    fn facts(outgoing: bool, status: Status) -> TransferFacts {
        TransferFacts {
            id: "t".into(),
            outgoing,
            status,
            name: "Nguyen Van An".into(),
            person_id: Some("p".into()),
            created_at_ms: NOW - 10 * HOUR,
            updated_at_ms: NOW - 10 * HOUR,
            revoked_at_ms: None,
            latest_follow_up: None,
        }
    }

    const HOUR: i64 = 3600 * 1000;
    /// 2026-11-30 12:00 UTC, a Monday.
    const NOW: i64 = 1_796_040_000_000;

    /// R17, R24: a revocation the partner has not confirmed within 72 hours
    /// is flagged, urgent and late; before then it is not.
    #[test]
    fn r24_unconfirmed_revocation_is_flagged_after_72_hours() {
        let mut t = facts(true, Status::Revoked);
        t.revoked_at_ms = Some(NOW - 71 * HOUR);
        assert!(transfer_tasks(std::slice::from_ref(&t), NOW).is_empty());
        t.revoked_at_ms = Some(NOW - 72 * HOUR);
        let tasks = transfer_tasks(std::slice::from_ref(&t), NOW);
        assert_eq!(tasks.len(), 1);
        assert_eq!(tasks[0].kind, TransferTaskKind::RevocationUnconfirmed);
        assert!(tasks[0].overdue && tasks[0].kind.urgent());
        // Confirmed: nothing left to chase.
        t.status = Status::Destroyed;
        assert!(transfer_tasks(&[t], NOW).is_empty());
    }

    #[test]
    fn transfer_tasks_ask_the_receiver_to_answer_and_tell_the_sender_of_a_decline_or_a_call_for_help() {
        assert_eq!(day_of(NOW), date!(2026 - 11 - 30));
        let arrived = facts(false, Status::Received);
        let t = transfer_tasks(std::slice::from_ref(&arrived), NOW);
        assert_eq!(t.len(), 1);
        assert_eq!(
            (t[0].kind, t[0].due, t[0].overdue),
            (TransferTaskKind::TransferToAnswer, date!(2026 - 12 - 03), false)
        );
        let late = TransferFacts { created_at_ms: NOW - 8 * 24 * HOUR, ..arrived.clone() };
        assert!(transfer_tasks(&[late], NOW)[0].overdue);
        // Answered: off the list.
        assert!(transfer_tasks(&[facts(false, Status::Accepted)], NOW).is_empty());

        let declined = facts(true, Status::Declined);
        assert_eq!(transfer_tasks(std::slice::from_ref(&declined), NOW)[0].kind, TransferTaskKind::TransferDeclined);
        let old = TransferFacts { updated_at_ms: NOW - 15 * 24 * HOUR, ..declined.clone() };
        assert!(transfer_tasks(&[old], NOW).is_empty());
        // Sent on to another organisation since: the notice is done.
        let again =
            TransferFacts { id: "t2".into(), status: Status::Queued, created_at_ms: NOW - HOUR, ..declined.clone() };
        assert!(transfer_tasks(&[declined.clone(), again.clone()], NOW).is_empty());
        let someone_else = TransferFacts { person_id: Some("q".into()), ..again };
        assert_eq!(transfer_tasks(&[declined, someone_else], NOW).len(), 1);
        // The receiver is told when a transfer it held was withdrawn.
        let withdrawn = transfer_tasks(&[facts(false, Status::Destroyed)], NOW);
        assert_eq!(withdrawn[0].kind, TransferTaskKind::TransferWithdrawn);
        assert!(!withdrawn[0].kind.urgent());

        let mut accepted = facts(true, Status::Accepted);
        assert!(transfer_tasks(std::slice::from_ref(&accepted), NOW).is_empty());
        accepted.latest_follow_up = Some((FollowUp::NeedsHelp, NOW - HOUR));
        let t = transfer_tasks(std::slice::from_ref(&accepted), NOW);
        assert_eq!(t[0].kind, TransferTaskKind::FollowUpNeedsHelp);
        assert!(t[0].kind.urgent());
        accepted.latest_follow_up = Some((FollowUp::ReintegrationStarted, NOW - HOUR));
        assert!(transfer_tasks(std::slice::from_ref(&accepted), NOW).is_empty());
        accepted.latest_follow_up = Some((FollowUp::NeedsHelp, NOW - 31 * 24 * HOUR));
        assert!(transfer_tasks(&[accepted], NOW).is_empty());
    }

    /// The notices keep their windows to the day: a decline or a withdrawal
    /// for 14 days, a call for help for 30, and an answer is late only after
    /// the day it falls due. The task codes are the catalogue's keys.
    #[test]
    fn r24_transfer_task_windows_hold_to_the_day() {
        const DAY: i64 = 24 * HOUR;
        let kinds = |f: &[TransferFacts]| transfer_tasks(f, NOW).iter().map(|t| t.kind).collect::<Vec<_>>();
        let declined =
            |days_ago: i64| TransferFacts { updated_at_ms: NOW - days_ago * DAY, ..facts(true, Status::Declined) };
        assert_eq!(kinds(&[declined(13)]), [TransferTaskKind::TransferDeclined]);
        assert_eq!(kinds(&[declined(14)]), [TransferTaskKind::TransferDeclined]);
        assert!(kinds(&[TransferFacts { updated_at_ms: NOW - 14 * DAY - 1, ..declined(0) }]).is_empty());
        let withdrawn =
            |days_ago: i64| TransferFacts { updated_at_ms: NOW - days_ago * DAY, ..facts(false, Status::Destroyed) };
        assert_eq!(kinds(&[withdrawn(13)]), [TransferTaskKind::TransferWithdrawn]);
        assert_eq!(kinds(&[withdrawn(14)]), [TransferTaskKind::TransferWithdrawn]);
        assert!(kinds(&[withdrawn(15)]).is_empty());
        let helped = |days_ago: i64| TransferFacts {
            latest_follow_up: Some((FollowUp::NeedsHelp, NOW - days_ago * DAY)),
            ..facts(true, Status::Accepted)
        };
        assert_eq!(kinds(&[helped(29)]), [TransferTaskKind::FollowUpNeedsHelp]);
        assert_eq!(kinds(&[helped(30)]), [TransferTaskKind::FollowUpNeedsHelp]);
        assert!(kinds(&[helped(31)]).is_empty());
        // Sent on at the very moment of the decline is not "since": still listed.
        let d = declined(1);
        let same_moment =
            TransferFacts { id: "t2".into(), status: Status::Queued, created_at_ms: d.updated_at_ms, ..d.clone() };
        assert_eq!(kinds(&[d, same_moment]), [TransferTaskKind::TransferDeclined]);
        // Arrived Wednesday 25 November: three working days is Monday 30, today, not yet late.
        let arrived = TransferFacts { created_at_ms: NOW - 5 * DAY, ..facts(false, Status::Received) };
        let t = transfer_tasks(&[arrived], NOW);
        assert_eq!((t[0].due, t[0].overdue), (date!(2026 - 11 - 30), false));
        let codes: Vec<&str> = [
            TransferTaskKind::RevocationUnconfirmed,
            TransferTaskKind::FollowUpNeedsHelp,
            TransferTaskKind::TransferToAnswer,
            TransferTaskKind::TransferDeclined,
            TransferTaskKind::TransferWithdrawn,
        ]
        .iter()
        .map(|k| k.as_str())
        .collect();
        assert_eq!(
            codes,
            [
                "transfer_revocation_unconfirmed",
                "transfer_needs_help",
                "transfer_to_answer",
                "transfer_declined",
                "transfer_withdrawn"
            ]
        );
    }

    #[test]
    fn transfer_words_round_trip() {
        for p in Purpose::ALL {
            assert_eq!(Purpose::parse(p.as_str()), Ok(p));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Ok(s));
        }
        assert!(Purpose::parse("deportation").is_err());
        assert!(Status::parse("lost").is_err());
        assert!(Status::Received.awaits_answer());
        assert!(!Status::Accepted.awaits_answer());
        assert!(Status::Delivered.copy_exists_remotely());
        assert!(!Status::Destroyed.copy_exists_remotely());
        assert!(!Status::Revoked.copy_exists_remotely());
    }
}
