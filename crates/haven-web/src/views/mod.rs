//! Pages that compose several features: a person's file shows their cases,
//! consents, screenings, penalties and who accessed it. Only this module
//! and `lib.rs` name features.

mod person;

use crate::kit::routes::{self as r, RouteDef};

pub fn pages() -> Vec<RouteDef> {
    vec![r::get("/persons/{id}", person::person_page)]
}
