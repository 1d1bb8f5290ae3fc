//! Identification rules R01–R10 against the shipped forced-criminality instrument.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use haven_core::screening::{evaluate, Answer, Element, Instrument, InstrumentKind, Outcome, ProfileKind};
use proptest::prelude::*;

fn instrument() -> Instrument {
    haven_instrument::find("forced-criminality").expect("the shipped instrument parses and validates")
}

fn answers(pairs: &[(&str, Answer)]) -> BTreeMap<String, Answer> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

/// A typical account: recruited by an ad, deceived, confined, forced to scam.
fn typical() -> Vec<(&'static str, Answer)> {
    vec![
        ("recruited_job_ad", Answer::Yes),
        ("job_differed", Answer::Yes),
        ("taken_to_compound", Answer::Yes),
        ("crossed_border_unaware", Answer::Yes),
        ("passport_taken", Answer::Yes),
        ("confined", Answer::Yes),
        ("forced_to_scam", Answer::Yes),
        ("targets_and_scripts", Answer::Yes),
    ]
}

#[test]
fn the_shipped_instrument_is_valid_and_in_nine_languages() {
    let i = instrument();
    assert_eq!(i.id, "forced-criminality");
    assert_eq!(i.hash.len(), 64);
    for (file, text) in haven_instrument::BUILT_IN {
        let i = haven_instrument::parse(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(i.title.len(), 9, "{file}");
        for q in &i.questions {
            assert_eq!(q.text.len(), 9, "{file}: {}", q.id);
        }
    }
}

#[test]
fn r01_act_means_and_purpose_give_reasonable_grounds_for_an_adult() {
    let d = evaluate(&instrument(), &answers(&typical()), false);
    assert_eq!(d.outcome, Outcome::ReasonableGrounds);
    assert_eq!(d.profile, ProfileKind::Adult);
    for el in [Element::Act, Element::Means, Element::Purpose] {
        let f = d.elements.iter().find(|f| f.element == el).unwrap();
        assert!(f.met, "{el:?}");
        assert!(!f.evidence.is_empty(), "the explanation names the answers behind {el:?}");
    }
    assert_eq!(d.instrument_version, "1.1.0");
}

#[test]
fn r01_without_means_an_adult_is_not_yet_determined_never_negative() {
    let a: Vec<_> = typical()
        .into_iter()
        .filter(|(q, _)| !["job_differed", "crossed_border_unaware", "passport_taken", "confined"].contains(q))
        .collect();
    match evaluate(&instrument(), &answers(&a), false).outcome {
        Outcome::NotYetDetermined { missing, open_questions } => {
            assert_eq!(missing, vec![Element::Means]);
            assert!(open_questions.contains(&"passport_taken".to_string()));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn r02_a_child_needs_no_means_and_a_possible_child_is_treated_as_one() {
    let a: Vec<_> = typical()
        .into_iter()
        .filter(|(q, _)| !["job_differed", "crossed_border_unaware", "passport_taken", "confined"].contains(q))
        .collect();
    let d = evaluate(&instrument(), &answers(&a), true);
    assert_eq!(d.profile, ProfileKind::Child);
    assert_eq!(d.outcome, Outcome::ReasonableGrounds);
}

#[test]
fn r03_an_instrument_letting_a_contract_lower_a_finding_is_refused() {
    let text = haven_instrument::BUILT_IN[0].1.to_owned()
        + "\n[[indicators]]\nid = \"contract_means_migration\"\nquestion = \"signed_contract\"\ntrigger = \"yes\"\nelements = [\"means\"]\nstrength = \"strong\"\neffect = \"lowers\"\nsource = \"bad idea\"\n";
    let err = haven_instrument::parse(&text).unwrap_err().to_string();
    assert!(err.contains("R03"), "{err}");
}

#[test]
fn r04_forced_criminality_is_an_exploitative_purpose() {
    let d = evaluate(
        &instrument(),
        &answers(&[("forced_to_scam", Answer::Yes), ("targets_and_scripts", Answer::Yes)]),
        false,
    );
    let purpose = d.elements.iter().find(|f| f.element == Element::Purpose).unwrap();
    assert!(purpose.met);
    assert!(purpose.evidence.iter().any(|e| e.source.contains("R04")));
}

#[test]
fn r05_knowing_the_work_was_fraud_does_not_exclude() {
    let mut a = typical();
    a.push(("knew_scam_work", Answer::Yes));
    assert_eq!(evaluate(&instrument(), &answers(&a), false).outcome, Outcome::ReasonableGrounds);
    let text = haven_instrument::BUILT_IN[0].1.to_owned()
        + "\n[[indicators]]\nid = \"knew\"\nquestion = \"knew_scam_work\"\ntrigger = \"yes\"\nelements = [\"means\"]\nstrength = \"strong\"\neffect = \"lowers\"\nsource = \"x\"\n";
    assert!(haven_instrument::parse(&text).unwrap_err().to_string().contains("R05"));
}

#[test]
fn r06_declined_answers_never_yield_negative() {
    let i = instrument();
    let all_declined: BTreeMap<String, Answer> =
        i.questions.iter().map(|q| (q.id.clone(), Answer::PreferNotToSay)).collect();
    match evaluate(&i, &all_declined, false).outcome {
        Outcome::NotYetDetermined { missing, open_questions } => {
            assert_eq!(missing.len(), 3);
            assert!(!open_questions.is_empty(), "the questions are offered again");
        }
        other => panic!("nothing was said, yet the outcome is {}", other.code()),
    }
}

#[test]
fn r07_even_all_no_answers_give_no_automatic_negative() {
    let i = instrument();
    let all_no: BTreeMap<String, Answer> = i.questions.iter().map(|q| (q.id.clone(), Answer::No)).collect();
    assert!(matches!(evaluate(&i, &all_no, false).outcome, Outcome::NotYetDetermined { .. }));
}

#[test]
fn r09_everyone_screened_gets_referral_needs() {
    let i = instrument();
    let d = evaluate(&i, &BTreeMap::new(), false);
    for need in ["legal_aid", "medical", "psychological"] {
        assert!(d.needs.contains(&need.to_string()));
    }
    let d = evaluate(&i, &answers(&[("no_money_or_shelter", Answer::Yes), ("fear_of_return", Answer::Yes)]), false);
    assert!(d.needs.contains(&"shelter".to_string()) && d.needs.contains(&"return_risk_assessment".to_string()));
}

fn vulnerability_screen() -> Instrument {
    haven_instrument::find("vulnerability").expect("the vulnerability screen is built in")
}

#[test]
fn r09_a_vulnerable_migrant_without_trafficking_elements_is_still_referred() {
    let i = instrument();
    let d = evaluate(&i, &answers(&[("irregular_status", Answer::Yes), ("injured_or_ill", Answer::Yes)]), false);
    match &d.outcome {
        Outcome::VulnerableMigrant { missing, .. } => assert_eq!(missing.len(), 3, "what is missing stays open"),
        other => panic!("expected vulnerable_migrant, got {}", other.code()),
    }
    assert_eq!(d.vulnerabilities, vec!["injured".to_string(), "irregular_status".to_string()]);
    for need in ["legal_aid", "medical", "psychological"] {
        assert!(d.needs.contains(&need.to_string()));
    }
}

#[test]
fn r09_the_vulnerability_screen_refers_and_can_never_find_reasonable_grounds() {
    let v = vulnerability_screen();
    assert_eq!(v.kind, InstrumentKind::Vulnerability);
    // Every answer "yes": the most a vulnerability screen can say.
    let all_yes: BTreeMap<String, Answer> = v.questions.iter().map(|q| (q.id.clone(), Answer::Yes)).collect();
    let d = evaluate(&v, &all_yes, false);
    assert_eq!(d.outcome.code(), "vulnerable_migrant");
    for (vuln, need) in [
        ("stranded", "consular"),
        ("destitute", "shelter"),
        ("witness_to_abuse", "psychological"),
        ("fear_of_return", "return_risk_assessment"),
    ] {
        assert!(d.vulnerabilities.contains(&vuln.to_string()), "{vuln}");
        assert!(d.needs.contains(&need.to_string()), "{need}");
    }
    // Nothing said: still referred, never a negative, and every question is offered again.
    let d = evaluate(&v, &BTreeMap::new(), false);
    match &d.outcome {
        Outcome::NotYetDetermined { missing, open_questions } => {
            assert!(missing.is_empty());
            assert_eq!(open_questions.len(), v.questions.len());
        }
        other => panic!("expected not_yet_determined, got {}", other.code()),
    }
    assert!(d.needs.contains(&"legal_aid".to_string()));
}

#[test]
fn r09_a_vulnerability_screen_with_indicators_is_refused() {
    let text = haven_instrument::BUILT_IN[1].1.to_owned()
        + "\n[[indicators]]\nid = \"x\"\nquestion = \"stranded\"\ntrigger = \"yes\"\nelements = [\"act\"]\nstrength = \"strong\"\nsource = \"x\"\n";
    let err = haven_instrument::parse(&text).unwrap_err().to_string();
    assert!(err.contains("vulnerability screen"), "{err}");
}

#[test]
fn r10_an_instrument_using_nationality_as_an_indicator_is_refused() {
    let text = haven_instrument::BUILT_IN[0].1.replace(
        "id = \"compound_country\"\nsection = \"facts\"\ntype = \"choice\"",
        "id = \"compound_country\"\nsection = \"facts\"\ntype = \"choice\"\ntopic = \"nationality\"",
    ) + "\n[[indicators]]\nid = \"nat\"\nquestion = \"compound_country\"\ntrigger = { any_of = [\"MMR\"] }\nelements = [\"act\"]\nstrength = \"weak\"\nsource = \"x\"\n";
    let err = haven_instrument::parse(&text).unwrap_err().to_string();
    assert!(err.contains("R10"), "{err}");
}

#[test]
fn malformed_files_are_refused_with_a_reason() {
    for bad in ["", "id = 3", "not toml at all [[[", &"x".repeat(haven_instrument::MAX_BYTES + 1)] {
        assert!(haven_instrument::parse(bad).is_err());
    }
    let unknown_key = haven_instrument::BUILT_IN[0].1.replace("rule_source =", "surprise = 1\nrule_source =");
    assert!(haven_instrument::parse(&unknown_key).is_err());
}

fn any_answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        Just(Answer::Yes),
        Just(Answer::No),
        Just(Answer::PreferNotToSay),
        Just(Answer::DontKnow),
        (0.0f64..24.0).prop_map(Answer::Number),
    ]
}

fn any_answers() -> impl Strategy<Value = BTreeMap<String, Answer>> {
    let ids: Vec<String> = instrument().questions.iter().map(|q| q.id.clone()).collect();
    prop::collection::vec((prop::sample::select(ids), any_answer()), 0..30).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn r03_r05_contract_pay_consent_or_knowing_never_turn_a_positive_into_anything_else(
        extra in prop::collection::vec((prop::sample::select(vec!["signed_contract", "was_paid", "agreed_to_go", "knew_scam_work"]), any_answer()), 1..4),
        child in any::<bool>(),
    ) {
        let i = instrument();
        let mut a = answers(&typical());
        prop_assert_eq!(evaluate(&i, &a, child).outcome, Outcome::ReasonableGrounds);
        for (q, v) in extra {
            a.insert(q.to_string(), v);
        }
        prop_assert_eq!(evaluate(&i, &a, child).outcome, Outcome::ReasonableGrounds);
    }

    #[test]
    fn r06_turning_any_answer_into_prefer_not_to_say_never_yields_a_negative(a in any_answers(), which in 0usize..40) {
        let i = instrument();
        let mut a = a;
        if let Some(k) = a.keys().nth(which % a.len().max(1)).cloned() {
            a.insert(k, Answer::PreferNotToSay);
        }
        // There is no negative outcome to reach; every outcome is one of these three.
        let d = evaluate(&i, &a, false);
        let known = matches!(
            d.outcome,
            Outcome::ReasonableGrounds | Outcome::NotYetDetermined { .. } | Outcome::VulnerableMigrant { .. }
        );
        prop_assert!(known);
        prop_assert!(!d.needs.is_empty());
    }

    #[test]
    fn r10_sex_and_nationality_never_change_the_outcome(a in any_answers(), sex in "[a-z]{0,8}", nat in "[A-Z]{3}") {
        let i = instrument();
        let before = evaluate(&i, &a, false);
        let mut b = a.clone();
        b.insert("sex".into(), Answer::Text(sex));
        b.insert("nationality".into(), Answer::Choice(nat));
        b.insert("gender".into(), Answer::Text("x".into()));
        prop_assert_eq!(evaluate(&i, &b, false).outcome, before.outcome);
    }

    #[test]
    fn the_parser_never_panics_on_arbitrary_text(s in ".{0,400}") {
        let _ = haven_instrument::parse(&s);
    }
}
