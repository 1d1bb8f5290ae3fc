//! Record identifiers. Random bytes come from the caller so the core stays pure.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            /// Builds an id from 16 random bytes supplied by the caller.
            pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
                Self(uuid::Builder::from_random_bytes(bytes).into_uuid())
            }
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = crate::ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s)
                    .map(Self)
                    .map_err(|_| crate::ValidationError::new("id", "invalid_id", "not a valid identifier"))
            }
        }
    };
}

id_type!(
    /// A person known to the holding organisation.
    PersonId
);
id_type!(
    /// A case: one organisation's work with one person.
    CaseId
);
id_type!(
    /// A note on a case.
    NoteId
);
id_type!(
    /// A user account.
    UserId
);
id_type!(
    /// An organisation running or connected to haven.
    OrgId
);
id_type!(
    /// An API token (the id, never the secret).
    TokenId
);

id_type!(
    /// A screening interview of a person with one instrument.
    ScreeningId
);
id_type!(
    /// A decision (reasonable or conclusive grounds) on a screening.
    DecisionId
);
id_type!(
    /// A person's recorded consent to one purpose and recipient.
    ConsentId
);
id_type!(
    /// A disclosure decided without consent, awaiting review.
    OverrideId
);
id_type!(
    /// A break-glass grant: emergency access to one person, awaiting review.
    GrantId
);
id_type!(
    /// A document (the non-punishment notice) sent to another organisation's inbox.
    DocumentId
);
id_type!(
    /// A referral of a person to another organisation's service.
    ReferralId
);
id_type!(
    /// An entry in the service directory.
    ServiceId
);
id_type!(
    /// An entry in the restricted cooperation record.
    CooperationId
);
id_type!(
    /// A protection record: a return-risk assessment, return plan, guardian, compensation claim and the like.
    ProtectionId
);
id_type!(
    /// A penalty imposed on a person, and its expungement (remedies).
    PenaltyId
);
id_type!(
    /// A proposed merge of a duplicate person record into another.
    MergeId
);
id_type!(
    /// A reviewer's decision on a screened job advertisement.
    AdReviewId
);
id_type!(
    /// A notification to one user about one record.
    NotificationId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text() {
        let id = PersonId::from_random_bytes([7; 16]);
        let parsed: PersonId = id.to_string().parse().unwrap();
        assert_eq!(id, parsed);
        assert!("not-an-id".parse::<PersonId>().is_err());
    }

    /// Every record kind's id is stored as text and read back by parsing,
    /// so each must survive the round trip and refuse what is not a uuid
    /// (a malformed id in a row or a path is an error, never a panic).
    #[test]
    fn every_id_type_round_trips_and_rejects_a_non_uuid() {
        fn check<T: std::str::FromStr + fmt::Display + PartialEq + fmt::Debug>(make: fn([u8; 16]) -> T) {
            let id = make([42; 16]);
            let text = id.to_string();
            assert_eq!(text.parse::<T>().ok(), Some(id), "{text}");
            for bad in ["", "not-an-id", "42", "../etc/passwd", "2a2a2a2a-2a2a-4a2a-aa2a-2a2a2a2a2a2"] {
                assert!(bad.parse::<T>().is_err(), "{bad:?} parsed");
            }
        }
        check(PersonId::from_random_bytes);
        check(CaseId::from_random_bytes);
        check(NoteId::from_random_bytes);
        check(UserId::from_random_bytes);
        check(OrgId::from_random_bytes);
        check(TokenId::from_random_bytes);
        check(ScreeningId::from_random_bytes);
        check(DecisionId::from_random_bytes);
        check(ConsentId::from_random_bytes);
        check(OverrideId::from_random_bytes);
        check(GrantId::from_random_bytes);
        check(DocumentId::from_random_bytes);
        check(ReferralId::from_random_bytes);
        check(ServiceId::from_random_bytes);
        check(CooperationId::from_random_bytes);
        check(ProtectionId::from_random_bytes);
        check(PenaltyId::from_random_bytes);
        check(MergeId::from_random_bytes);
        check(AdReviewId::from_random_bytes);
        check(NotificationId::from_random_bytes);
    }
}

id_type!(
    /// A family's tracing request, held by the organisation in the country of origin (R25).
    TracingRequestId
);
id_type!(
    /// A tracing request received from a partner installation, reviewed by the holding
    /// organisation (R25).
    TracingInboundId
);
