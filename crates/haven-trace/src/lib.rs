//! `haven-trace`: privacy-preserving family tracing across scripts (issue 15, R25).
//!
//! A pure library: no IO, no clock; the caller passes key material in.
//!
//! - [`romanise`] reads names written in Thai, Burmese, Khmer, Lao, Han, Vietnamese or any
//!   Latin spelling into comparable skeleton tokens.
//! - [`people`] parses PEOPLE.csv, reporting bad rows with their line numbers.
//! - [`encode`] turns a person into keyed Bloom filters and tags under a partnership's
//!   linkage key, and reads and writes the ENCODED file.
//! - [`matching`] links two ENCODED files one-to-one.
//!
//! Only the row ids of each side stay readable in an encoding; what crosses a border after
//! matching is a match notice, never the similarity table (R25).

pub mod encode;
pub mod matching;
pub mod people;
pub mod romanise;

pub use encode::{parse_encoded, write_encoded, Encoded, EncodedFile, Encoder, LinkageKey};
pub use matching::{link, Match, MatchConfig, MatchStats};
pub use people::{parse_people, Parsed, Person, RowError};
