//! Labels for domain codes in the reader's language, shared by features
//! that show the same codes (where a person is, a case's status, a kind of
//! information).

use haven_core::case::CaseStatus;
use haven_core::person::LocationType;

use super::i18n::Tr;

pub fn location(tr: &Tr, l: LocationType) -> String {
    tr.t(&format!("location-{}", l.as_str()))
}

pub fn case_status(tr: &Tr, s: CaseStatus) -> String {
    tr.t(&format!("status-{}", s.as_str()))
}

pub fn category(tr: &Tr, c: haven_core::access::Category) -> String {
    tr.t(&format!("category-{}", c.as_str()))
}
