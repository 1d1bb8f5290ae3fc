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
}
