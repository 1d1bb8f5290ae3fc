//! Identification screening (R01–R10): instruments as data, and the engine
//! that turns answers into an explainable finding.
//!
//! The engine looks for indicators, not for proof of an offence (R08). It
//! can find *reasonable grounds*; it never finds a negative (R06, R07):
//! when the required elements are not all met the outcome is *not yet
//! determined*, with what is missing. A conclusive decision is a person's,
//! recorded elsewhere with reasons.
//!
//! Instruments are parsed and validated by the `haven-instrument` crate;
//! this module holds the validated model, the validation rules that protect
//! R03, R05 and R10, and the evaluation.

pub mod decision;
mod engine;
pub mod interview;
pub mod jurisdiction;
mod model;

pub use engine::{
    decode_answers, encode_answers, evaluate, evaluate_in, rescreen_offer, Answer, Determination, ElementFinding,
    Evidence, Need, NeedReason, Openness, Outcome, ProfileKind, RescreenOffer, Setting,
};
pub use model::*;
