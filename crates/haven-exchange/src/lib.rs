//! `haven-exchange`: node identity, node cards, and signed and encrypted packages between haven
//! installations in different countries (issue 14, R24: the minimum data, only with consent,
//! protected in transit, receipt recorded at both ends).
//!
//! A pure library: no IO, no clock, no global randomness. Callers pass the time in as Unix
//! milliseconds (`now_ms`) and randomness as a `CryptoRng`. Deciding *what* may be sent (consent
//! for that purpose and recipient, minimum data) is the core's job; this crate makes sure that
//! what is sent reaches only the intended installation, unaltered, from the sender it names.
//!
//! # Identity
//!
//! Each installation holds two key pairs ([`NodeKeys`]): Ed25519 (RFC 8032) for signatures and
//! X25519 for HPKE (RFC 9180). Its [`NodeCard`] publishes both public keys with its name, URL and
//! organisations, signed by its own key. A card proves nothing about who wrote it; the
//! [`Fingerprint`] of the two keys (16 bytes of SHA-256, shown as 8 groups of 4 hex digits) is
//! what two organisations compare over a channel they already trust before the first exchange.
//!
//! # Packages
//!
//! ```text
//! "HAVENPKG" | format: u8 | header length: u32 BE (≤ 4096) | header JSON |
//!     HPKE encapsulated key (32) | HPKE ciphertext of ( Ed25519 signature (64) | body ) + tag (16)
//! ```
//!
//! The HPKE suite is DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and ChaCha20Poly1305 in Base
//! mode, with info `"haven-package-v1"` and the raw header bytes as associated data. The
//! signature covers `"haven-package-v1\0" || header length || header bytes || body`.
//!
//! Why this shape:
//!
//! - **Sign, then encrypt.** HPKE's Base mode only proves that *someone* who knew the
//!   recipient's public key encrypted the package. The Ed25519 signature inside proves which
//!   installation wrote it, and because it sits inside the ciphertext, an eavesdropper cannot
//!   use it to confirm who sent what. The signature covers the header too, so a signed body
//!   cannot be re-wrapped under another header (another recipient, kind or sequence number)
//!   by the recipient or anyone else: the recipient's fingerprint is bound inside the
//!   signature, which is the usual fix for the "surreptitious forwarding" weakness of naive
//!   sign-then-encrypt.
//! - **The header as associated data.** The header must be readable before decryption, to
//!   find the sender's key and refuse packages for someone else early. Making its exact bytes
//!   the AEAD's associated data means that changing any header byte makes decryption fail;
//!   there is no window in which an altered header is believed.
//! - **Versioned and refused, never negotiated.** The format byte and the header's `format`
//!   must both equal [`FORMAT`]; anything else is refused with its own error
//!   (`package_downgrade`) rather than handled by an older code path.
//! - **Bounded before parsed.** Packages, headers and cards have hard size caps, checked
//!   before any parsing, and all parsing refuses unknown fields.
//! - **Only standard pieces.** HPKE and Ed25519 come from widely used crates (`hpke`,
//!   `ed25519-dalek`); the crate only fixes how they are combined and framed.
//!
//! What an attacker on the wire learns: that two installations exchange packages; the
//! fingerprints of sender and recipient; the kind of package (transfer, receipt, ...); its
//! sequence number, id, creation and expiry times; its size (so roughly the size of the body);
//! and when it was sent. The header carries nothing else, by construction ([`Header`] has no
//! free-form field and refuses unknown ones), so no name, date of birth, case detail or
//! organisation-internal identifier of a person ever crosses a border in clear. Callers who
//! worry about sizes can pad bodies.
//!
//! # Freshness and replay
//!
//! [`open`] authenticates; it does not judge time or order, so that a caller can still record
//! the receipt of a package it then refuses. [`check_times`] applies expiry, clock skew and
//! maximum lifetime; [`Window`] is an IPsec-style sliding window over per-sender sequence
//! numbers that refuses replays and anything too old to tell.

mod card;
mod error;
mod keys;
mod package;
mod replay;

pub mod payload;

pub use card::{CardOrg, NodeCard, SignedCard};
pub use error::ExchangeError;
pub use keys::{Fingerprint, NodeKeys, NodePublic};
pub use package::{open, peek_header, seal, Header, Opened, PackageKind, MAGIC, MAX_HEADER_BYTES, PACKAGE_OVERHEAD};
pub use replay::{check_times, Window, MAX_CLOCK_SKEW_MS, MAX_LIFETIME_MS, WINDOW_SIZE};

/// Package and card format version.
pub const FORMAT: u32 = 1;
/// The largest package accepted or produced, in bytes.
pub const MAX_PACKAGE_BYTES: usize = 16 * 1024 * 1024;
/// The largest card file accepted, in bytes.
pub const MAX_CARD_BYTES: usize = 256 * 1024;
