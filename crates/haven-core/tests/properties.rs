//! Property tests of the core's parsers and engines: arbitrary input never
//! panics, and the invariants that search and audit rely on always hold.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use haven_core::audit::{Event, StoredEvent, Verifier, GENESIS};
use haven_core::names::{index_keys, query_groups};
use haven_core::person::{PersonInput, PersonRecord};
use proptest::prelude::*;
use time::macros::date;

fn found_by(name: &str, query: &str) -> bool {
    let keys = index_keys(name);
    let groups = query_groups(query);
    !groups.is_empty() && groups.iter().all(|g| g.iter().any(|k| keys.contains(k)))
}

/// Names drawn from the scripts haven serves.
fn name_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[A-Za-zÀ-ỹ]{1,10}",
            "[\u{0E01}-\u{0E2E}\u{0E30}-\u{0E39}]{1,8}",
            "[\u{1000}-\u{1021}\u{102B}-\u{103E}]{1,8}",
            "[\u{1780}-\u{17B3}]{1,8}",
            "[\u{0E81}-\u{0EAE}]{1,8}",
            "[\u{4E00}-\u{9FA5}]{1,4}",
        ],
        1..4,
    )
    .prop_map(|words| words.join(" "))
}

proptest! {
    #[test]
    fn name_keys_never_panic_on_any_text(s in any::<String>()) {
        let _ = index_keys(&s);
        let _ = query_groups(&s);
    }

    #[test]
    fn a_name_is_always_found_by_its_own_text(name in name_strategy()) {
        prop_assume!(!query_groups(&name).is_empty());
        prop_assert!(found_by(&name, &name));
    }

    #[test]
    // Latin and Vietnamese letters (a range like à-ỹ would also draw combining
    // marks such as U+0345, whose upper case is a different letter).
    fn a_name_is_found_by_its_uppercase_latin_form(
        name in "[a-zàáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]{2,10} [a-zđăơư]{2,10}"
    ) {
        prop_assert!(found_by(&name, &name.to_uppercase()));
    }

    #[test]
    fn person_parsing_never_panics(
        full_name in any::<String>(),
        dob in proptest::option::of(any::<String>()),
        age in proptest::option::of(any::<u16>()),
        nats in prop::collection::vec(any::<String>(), 0..4),
        langs in prop::collection::vec(any::<String>(), 0..4),
        location in proptest::option::of(any::<String>()),
    ) {
        let input = PersonInput { full_name, date_of_birth: dob, estimated_age: age, nationalities: nats,
            languages: langs, location, ..Default::default() };
        if let Ok(record) = PersonRecord::parse(&input, date!(2026 - 11 - 25)) {
            // Whatever parses re-parses to the same record.
            prop_assert_eq!(PersonRecord::parse(&record.to_input(), date!(2026 - 11 - 25)).unwrap(), record);
        }
    }

    #[test]
    fn r27_any_change_to_any_event_is_detected(n in 2i64..20, victim in 0usize..20, field in 0usize..7, junk in "[a-z]{1,5}") {
        let mut prev = GENESIS;
        let mut chain: Vec<StoredEvent> = (1..=n).map(|seq| {
            let event = Event { seq, at_ms: seq * 1000, actor: "u".into(), action: "read".into(), record_kind: "person".into(),
                record_id: format!("p{seq}"), purpose: "case_management".into(), request_id: format!("r{seq}"), outcome: "ok".into() };
            let h = event.chain_hash(&prev);
            let s = StoredEvent { event, prev_hash: hex(&prev), hash: hex(&h) };
            prev = h;
            s
        }).collect();
        let i = victim % chain.len();
        let e = &mut chain[i].event;
        let target = match field { 0 => &mut e.actor, 1 => &mut e.action, 2 => &mut e.record_kind, 3 => &mut e.record_id,
            4 => &mut e.purpose, 5 => &mut e.request_id, _ => &mut e.outcome };
        target.push_str(&junk);
        let mut v = Verifier::default();
        let result = chain.iter().try_for_each(|s| v.push(s));
        prop_assert!(result.is_err());
        prop_assert_eq!(result.unwrap_err().seq(), i as i64 + 1);
    }
}

fn hex(b: &[u8; 32]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
