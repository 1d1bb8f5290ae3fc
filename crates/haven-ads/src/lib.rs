//! Job-advertisement screening for the marks of fraudulent recruitment into scam compounds (RIGHTS.md R26).
//!
//! Two parts, both explainable:
//! - [`rules`]: red flags as data (`rules/red-flags.toml`), each with patterns in the supported languages, a weight,
//!   an explanation in every language and a cited public source;
//! - [`model`]: a small logistic regression over hashed words and character n-grams plus the rule score, trained
//!   offline (`examples/train.rs`) and embedded as a versioned text file (`model/ads-model.txt`).
//!
//! [`Screener::screen`] combines them into a score in 0..1 (higher = more likely fraudulent recruitment), the flags
//! that fired with their explanation and matched text, and the words that moved the score most.
//!
//! The crate only *scores and explains*. It has no remove, block or take-down action of any kind: under R26 a
//! platform's reviewers, not the software, decide what is removed. The test `r26_library_has_no_removal_action`
//! guards that the public surface stays that way.
//!
//! Pure: no IO, no clock, no randomness. The CLI (`haven ads screen`) reads files and hands bytes to [`input`].

pub mod corpus;
pub mod features;
pub mod input;
pub mod lang;
pub mod model;
pub mod normalise;
pub mod output;
pub mod rules;
pub mod screen;

pub use input::{parse_input, AdInput, BatchError, InputFormat, Limits, LineError, Parsed};
pub use lang::Lang;
pub use output::{FlagOut, ScreenResult, TermOut};
pub use screen::{screen_bytes, ScreenedFile, Screener, ScreenerError};
