//! Tracing requests and answers arrive from other installations (issue 15, R25): once a
//! package opens, its body is still the partner's input and must be refused, never panic.
#![no_main]

use haven_core::tracing::{Context, Outcome};
use haven_exchange::payload::{TracingAnswerPayload, TracingRequestPayload};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = TracingRequestPayload::parse(data) {
        let _ = Context::from_fields(&p.context);
        let _ = haven_trace::encode::parse_encoded(p.encoded.as_bytes());
    }
    if let Ok(a) = TracingAnswerPayload::parse(data) {
        if let Ok(o) = Outcome::parse(&a.outcome, &a.text) {
            // What is kept reads back as what arrived.
            assert_eq!(Outcome::parse(o.kind(), o.text()).ok(), Some(o));
        }
    }
});
