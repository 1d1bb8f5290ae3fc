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
    !kind.is_enforcement()
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
            assert_eq!(r.is_ok(), !kind.is_enforcement(), "{kind:?}");
            assert_eq!(may_receive(kind), !kind.is_enforcement());
            if kind.is_enforcement() {
                assert_eq!(r.err().map(|e| e.code), Some("r16_enforcement_recipient"));
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
