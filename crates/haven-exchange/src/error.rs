//! The crate's one error type.

use thiserror::Error;

/// Everything that can be refused. Messages are plain English and never echo package or card
/// content (a refused package may hold personal data); the web layer translates by [`code`].
///
/// [`code`]: ExchangeError::code
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExchangeError {
    #[error("the package is {size} bytes, more than the {max} bytes allowed")]
    TooLarge { size: usize, max: usize },
    #[error("the package is malformed: {0}")]
    Malformed(&'static str),
    #[error("the package uses format version {found}, but only version {expected} is accepted")]
    Downgrade { found: u32, expected: u32 },
    #[error("the package is addressed to another installation")]
    WrongRecipient,
    #[error("the package does not come from the installation it names as its sender")]
    UnknownSender,
    #[error("the package was altered in transit or was not sealed by its sender")]
    Tampered,
    #[error("the package has expired")]
    Expired,
    #[error("the package claims to have been created in the future")]
    NotYetValid,
    #[error("the package has already been received")]
    Replayed,
    #[error("the package is older than the oldest one still tracked for replays")]
    TooOld,
    #[error("the node card is invalid: {0}")]
    CardInvalid(String),
    #[error("the node card's signature does not verify")]
    CardBadSignature,
    #[error("the fingerprint is not 32 hexadecimal digits")]
    FingerprintInvalid,
    #[error("the key is not a valid public key")]
    KeyInvalid,
}

impl ExchangeError {
    /// A stable identifier for the refusal, for translations, logs and the JSON API.
    pub fn code(&self) -> &'static str {
        match self {
            ExchangeError::TooLarge { .. } => "package_too_large",
            ExchangeError::Malformed(_) => "package_malformed",
            ExchangeError::Downgrade { .. } => "package_downgrade",
            ExchangeError::WrongRecipient => "package_wrong_recipient",
            ExchangeError::UnknownSender => "package_unknown_sender",
            ExchangeError::Tampered => "package_tampered",
            ExchangeError::Expired => "package_expired",
            ExchangeError::NotYetValid => "package_not_yet_valid",
            ExchangeError::Replayed => "package_replayed",
            ExchangeError::TooOld => "package_too_old",
            ExchangeError::CardInvalid(_) => "card_invalid",
            ExchangeError::CardBadSignature => "card_bad_signature",
            ExchangeError::FingerprintInvalid => "fingerprint_invalid",
            ExchangeError::KeyInvalid => "key_invalid",
        }
    }
}
