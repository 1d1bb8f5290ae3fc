//! haven's domain core.
//!
//! Everything here is pure: no IO, no clock, no randomness. Callers pass the
//! current time and random bytes in, so every rule can be tested without a
//! database or a server. Types are built by parsing: once you hold a
//! [`person::PersonRecord`] its fields are valid, so storage and the web layer
//! never re-check them.

pub mod access;
pub mod ad_review;
pub mod audit;
pub mod case;
pub mod consent;
pub mod cooperation;
pub mod corroboration;
pub mod ctdc;
pub mod disclosure;
pub mod exchange;
pub mod ids;
pub mod linefmt;
pub mod merge;
pub mod names;
pub mod notify;
pub mod person;
pub mod protection;
pub mod referral;
pub mod remedy;
pub mod screening;
pub mod services;
pub mod tasks;
pub mod text;
pub mod tlog;
pub mod tracing;

mod iso3166;

/// A validation failure, phrased for the person who typed the value.
///
/// `field` names the input that was wrong so the web layer can point at it;
/// `code` is stable and machine-readable; the message never echoes the value,
/// because the value may be a survivor's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    pub field: &'static str,
    pub code: &'static str,
    pub message: &'static str,
}

impl ValidationError {
    pub const fn new(field: &'static str, code: &'static str, message: &'static str) -> Self {
        Self { field, code, message }
    }
}
