//! Identification rules R01–R10 against the shipped forced-criminality
//! instrument: 2.0.1 for new screenings; 1.1.0 and 2.0.0 kept for the
//! screenings made with them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use haven_core::person::{Birth, PersonInput, PersonRecord};
use haven_core::screening::{
    evaluate, evaluate_in, rescreen_offer, Answer, AnswerType, Condition, Effect, Element, ElementRule, FollowUp, Form,
    Indicator, Instrument, InstrumentKind, NeedKind, NeedReason, Openness, Outcome, ProfileKind, Question, Setting,
    Strength, Topic, Trigger, Urgency,
};
use proptest::prelude::*;

fn instrument() -> Instrument {
    haven_instrument::find("forced-criminality").expect("the shipped instrument parses and validates")
}

fn v1() -> Instrument {
    haven_instrument::find_version("forced-criminality", "1.1.0").expect("1.1.0 is kept for its screenings")
}

fn text_of(file: &str) -> String {
    haven_instrument::BUILT_IN.iter().chain(&haven_instrument::RETIRED).find(|(f, _)| *f == file).unwrap().1.to_owned()
}

fn v2_text() -> String {
    text_of("forced-criminality-v2.toml")
}

fn answers(pairs: &[(&str, Answer)]) -> BTreeMap<String, Answer> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn multi(opts: &[&str]) -> Answer {
    Answer::Multi(opts.iter().map(|s| s.to_string()).collect())
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

fn met(i: &Instrument, a: &[(&str, Answer)], el: Element) -> bool {
    evaluate(i, &answers(a), false).element(el).is_some_and(|f| f.met)
}

#[test]
fn the_shipped_instruments_are_valid_and_in_nine_languages() {
    for (file, text) in haven_instrument::BUILT_IN {
        let i = haven_instrument::parse(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(i.title.len(), 9, "{file}");
        for q in &i.questions {
            assert_eq!(q.text.len(), 9, "{file}: {}", q.id);
        }
    }
    let i = instrument();
    assert_eq!((i.id.as_str(), i.version.as_str()), ("forced-criminality", "2.0.1"));
    assert_eq!(i.hash.len(), 64);
    assert_eq!(i.languages().len(), 9);
    // Every option of 2.0 is labelled in every language, so that the
    // survivor's list can carry the interviewer's gloss.
    for q in i.questions.iter().filter(|q| !q.options().is_empty()) {
        for o in q.options() {
            for lang in haven_core::screening::LANGUAGES {
                assert!(q.option_label(o, lang).is_some_and(|t| !t.is_empty()), "{} {o} {lang}", q.id);
            }
        }
    }
}

#[test]
fn forced_criminality_resolves_to_2_0_for_new_screenings_and_1_1_stays_for_its_own() {
    assert_eq!(instrument().version, "2.0.1");
    assert!(
        haven_instrument::built_in().iter().all(|i| i.version != "1.1.0"),
        "1.1.0 is not offered for new screenings"
    );
    let old = v1();
    assert_eq!(old.version, "1.1.0");
    // Byte for byte the file the 1.x screenings recorded the hash of.
    let text = text_of("forced-criminality-v1.toml");
    assert_eq!(haven_instrument::parse_retired(&text).unwrap().hash, old.hash);
    assert_eq!(haven_instrument::find_version("forced-criminality", "2.0.1").unwrap().hash, instrument().hash);
    assert!(haven_instrument::find_version("forced-criminality", "3.0.0").is_none());
}

/// A wording fix changes the file and so its hash, which stored screenings
/// are checked against: it is a new version, and the replaced bytes stay as a
/// retired version. Only the words may differ between the two; any change to
/// questions, options, indicators, needs or rules would need its own version
/// and its own corpus run.
#[test]
fn r18_wording_fixes_are_new_versions_with_the_same_logic_and_the_old_bytes_kept() {
    fn logic(i: &Instrument) -> Instrument {
        let mut i = i.clone();
        i.version.clear();
        i.hash.clear();
        i.title.clear();
        for (_, t) in &mut i.sections {
            t.clear();
        }
        for q in &mut i.questions {
            q.text.clear();
            for t in q.option_text.values_mut() {
                t.clear();
            }
        }
        i
    }
    for (id, old, new, file) in [
        ("forced-criminality", "2.0.0", "2.0.1", "forced-criminality-v2.0.0.toml"),
        ("vulnerability", "1.0.0", "1.0.1", "vulnerability-v1.0.0.toml"),
    ] {
        let before = haven_instrument::find_version(id, old).unwrap_or_else(|| panic!("{id} {old} is kept"));
        let after = haven_instrument::find(id).unwrap();
        assert_eq!(after.version, new);
        assert!(haven_instrument::built_in().iter().all(|i| i.version != old), "{old} is not offered any more");
        assert_ne!(before.hash, after.hash);
        assert_eq!(haven_instrument::parse_retired(&text_of(file)).unwrap().hash, before.hash);
        assert_eq!(logic(&before), logic(&after), "{id} {new} changes wording only");
        assert_ne!(
            before.question("no_money_or_shelter").map(|q| q.text["en"].clone()),
            after.question("no_money_or_shelter").map(|q| q.text["en"].clone()),
            "the shelter question is asked positively from {new}"
        );
    }
}

#[test]
fn r04_the_retired_1_1_fails_the_current_validation_because_forced_criminality_cannot_meet_purpose_alone() {
    let err = haven_instrument::parse(&text_of("forced-criminality-v1.toml")).unwrap_err().to_string();
    assert!(err.contains("R04"), "{err}");
    // And that is true of its rule, not only of its data: forced_to_scam
    // alone does not meet purpose under 1.1.0, and does under 2.0.0.
    assert!(!met(&v1(), &[("forced_to_scam", Answer::Yes)], Element::Purpose));
    assert!(met(&instrument(), &[("forced_to_scam", Answer::Yes)], Element::Purpose));
}

#[test]
fn r01_act_means_and_purpose_give_reasonable_grounds_for_an_adult() {
    let d = evaluate(&instrument(), &answers(&typical()), false);
    assert_eq!(d.outcome, Outcome::ReasonableGrounds);
    assert_eq!(d.profile, ProfileKind::Adult);
    for el in [Element::Act, Element::Means, Element::Purpose] {
        let f = d.element(el).unwrap();
        assert!(f.met && f.decides(), "{el:?}");
        assert!(!f.evidence.is_empty(), "the explanation names the answers behind {el:?}");
        assert!(!f.forms.is_empty(), "the explanation names the form of {el:?} shown");
    }
    // The six ILO/EC dimensions are still computed, as supporting analysis.
    let dims: Vec<Element> = d.elements.iter().filter(|f| !f.decides()).map(|f| f.element).collect();
    assert!(dims.contains(&Element::CoercionAtDestination) && dims.contains(&Element::DeceptiveRecruitment));
    assert!(d.elements.iter().take(3).all(|f| f.decides()), "act, means and purpose come first");
    assert_eq!(d.instrument_version, "2.0.1");
}

#[test]
fn r01_any_one_clearly_indicated_form_meets_each_element() {
    let i = instrument();
    // Any one act, each alone.
    for act in [
        vec![("taken_to_compound", Answer::Yes)],
        vec![("recruited_job_ad", Answer::Yes)],
        vec![("travel_arranged", Answer::Yes)],
        vec![("abducted", Answer::Yes)],
        vec![("sold_to_others", Answer::Yes)],
        vec![("recruited_by_person", multi(&["agent_or_broker"]))],
        vec![("recruited_by_person", multi(&["recruitment_agency"]))],
        vec![("recruited_by_person", multi(&["friend"]))],
        vec![("recruited_by_person", multi(&["relative"]))],
    ] {
        assert!(met(&i, &act, Element::Act), "{act:?}");
        let mut a = act.clone();
        a.extend([("confined", Answer::Yes), ("forced_to_scam", Answer::Yes)]);
        assert_eq!(evaluate(&i, &answers(&a), false).outcome, Outcome::ReasonableGrounds, "{act:?}");
    }
    // Any one means, each alone.
    for means in [
        vec![("job_differed", Answer::Yes)],
        vec![("passport_taken", Answer::Yes)],
        vec![("confined", Answer::Yes)],
        vec![("ransom_demanded", Answer::Yes)],
        vec![("debt_bondage", Answer::Yes)],
        vec![("threatened_with_authorities", Answer::Yes)],
        vec![("violence", multi(&["beatings"]))],
        vec![("violence", multi(&["threats"]))],
        vec![("punished_for_targets", Answer::Yes)],
        // Being made to scam against one's will is itself coercion.
        vec![("forced_to_scam", Answer::Yes)],
    ] {
        assert!(met(&i, &means, Element::Means), "{means:?}");
    }
    // Exploitation, each alone: forced criminality, other forced crimes,
    // sale and debt bondage (paper III), sexual exploitation, forced labour.
    for purpose in [
        vec![("forced_to_scam", Answer::Yes)],
        vec![("other_forced_acts", multi(&["money_laundering"]))],
        vec![("other_forced_acts", multi(&["sexual_exploitation"]))],
        vec![("other_forced_acts", multi(&["other_forced_work"]))],
        vec![("sold_to_others", Answer::Yes)],
        vec![("debt_bondage", Answer::Yes)],
    ] {
        assert!(met(&i, &purpose, Element::Purpose), "{purpose:?}");
    }
    // A weak signal alone still meets nothing: interviews are not an act.
    assert!(!met(&i, &[("interviews_or_tests", Answer::Yes)], Element::Act));
    // "None of these" is not a recruiter.
    assert!(!met(&i, &[("recruited_by_person", multi(&["none_of_these"]))], Element::Act));
}

#[test]
fn excessive_hours_count_from_twelve_a_day_and_not_below() {
    let i = instrument();
    let with_hours = |h: f64| {
        evaluate(
            &i,
            &answers(&[
                ("targets_and_scripts", Answer::Yes),
                ("wages_withheld", Answer::Yes),
                ("hours_per_day", Answer::Number(h)),
            ]),
            false,
        )
        .element(Element::Purpose)
        .is_some_and(|f| f.met)
    };
    // Two medium signals and long hours make three: purpose by counting.
    assert!(with_hours(12.0));
    assert!(with_hours(18.0));
    assert!(!with_hours(11.5));
}

#[test]
fn r01_without_means_an_adult_is_not_yet_determined_never_negative() {
    // Exploitative conditions that add up to the purpose, but nothing yet
    // about deception, force or control.
    let a = [
        ("taken_to_compound", Answer::Yes),
        ("targets_and_scripts", Answer::Yes),
        ("hours_per_day", Answer::Number(14.0)),
        ("wages_withheld", Answer::Yes),
    ];
    match evaluate(&instrument(), &answers(&a), false).outcome {
        Outcome::NotYetDetermined { missing, open_questions } => {
            assert_eq!(missing, vec![Element::Means]);
            assert!(open_questions.contains(&"passport_taken".to_string()));
            assert!(open_questions.contains(&"debt_bondage".to_string()));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn r02_a_child_needs_no_means_and_is_given_a_guardian() {
    let a = [
        ("recruited_by_person", multi(&["friend"])),
        ("targets_and_scripts", Answer::Yes),
        ("hours_per_day", Answer::Number(14.0)),
        ("wages_withheld", Answer::Yes),
    ];
    let d = evaluate(&instrument(), &answers(&a), true);
    assert_eq!(d.profile, ProfileKind::Child);
    assert_eq!(d.outcome, Outcome::ReasonableGrounds);
    let guardian = d.needs.iter().find(|n| n.kind == NeedKind::Guardian).expect("a guardian for a presumed child");
    assert_eq!(guardian.follow_up, Some(FollowUp::AppointGuardian));
    assert_eq!(guardian.urgency, Urgency::Immediate);
    assert_eq!(guardian.reasons, vec![NeedReason::MayBeChild]);
    // The same answers for an adult lack the means.
    assert_ne!(evaluate(&instrument(), &answers(&a), false).outcome, Outcome::ReasonableGrounds);
}

#[test]
fn r02_unknown_age_is_screened_as_a_child() {
    let today = time::macros::date!(2026 - 11 - 25);
    let a = [
        ("taken_to_compound", Answer::Yes),
        ("targets_and_scripts", Answer::Yes),
        ("hours_per_day", Answer::Number(14.0)),
        ("wages_withheld", Answer::Yes),
    ];
    let d = evaluate(&instrument(), &answers(&a), Birth::Unknown.may_be_child(today));
    assert_eq!((d.profile, d.outcome), (ProfileKind::Child, Outcome::ReasonableGrounds));
}

#[test]
fn r02_an_instrument_whose_child_profile_requires_means_is_refused() {
    for required in ["\"means\"", "\"coercion_at_destination\"", "\"deceptive_recruitment\""] {
        let text = v2_text().replace(
            "child_requires = [\"act\", \"purpose\"]",
            &format!("child_requires = [\"act\", \"purpose\", {required}]"),
        );
        let err = haven_instrument::parse(&text).unwrap_err().to_string();
        assert!(err.contains("R02"), "{required}: {err}");
    }
}

#[test]
fn r03_an_instrument_letting_a_contract_lower_a_finding_is_refused() {
    let text = v2_text()
        + "\n[[indicators]]\nid = \"contract_means_migration\"\nquestion = \"signed_contract\"\ntrigger = \"yes\"\nelements = [\"means\"]\nstrength = \"strong\"\neffect = \"lowers\"\nsource = \"bad idea\"\n";
    let err = haven_instrument::parse(&text).unwrap_err().to_string();
    assert!(err.contains("R03"), "{err}");
}

/// The instrument with one more indicator on the contract question, which
/// the law's protected topics allow only if it supports a finding (R03).
fn with_contract_indicator(effect: Effect) -> Instrument {
    let mut i = instrument();
    i.indicators.push(Indicator {
        id: "contract_taken_away".into(),
        question: "signed_contract".into(),
        trigger: Trigger::Yes,
        elements: vec![Element::Means],
        strength: Strength::Strong,
        effect,
        forms: if effect == Effect::Supports { vec![Form::Deception] } else { vec![] },
        source: "test".into(),
    });
    i
}

/// R03: a contract may never count against identification, but it may
/// support it (a contract in a language the person could not read, then
/// taken away): the engine uses a supporting indicator on a protected topic
/// and ignores a lowering one, even one that slipped past validation.
#[test]
fn r03_a_contract_may_support_a_finding_and_never_lower_it() {
    let no_means = [
        ("taken_to_compound", Answer::Yes),
        ("targets_and_scripts", Answer::Yes),
        ("hours_per_day", Answer::Number(14.0)),
        ("wages_withheld", Answer::Yes),
        ("signed_contract", Answer::Yes),
    ];
    let supports = with_contract_indicator(Effect::Supports);
    assert!(supports.validate().is_ok(), "a supporting indicator on a contract is allowed");
    assert!(met(&supports, &no_means, Element::Means), "the supporting indicator is used");
    assert!(!met(&instrument(), &no_means, Element::Means), "without it, no means yet");
    let lowers = with_contract_indicator(Effect::Lowers);
    assert!(lowers.validate().unwrap_err().to_string().contains("R03"));
    let mut a = typical();
    a.push(("signed_contract", Answer::Yes));
    let d = evaluate(&lowers, &answers(&a), false);
    assert_eq!(d.outcome, Outcome::ReasonableGrounds);
    assert!(d.elements.iter().all(|f| f.evidence.iter().all(|e| e.indicator != "contract_taken_away")));
}

/// R08: each element's explanation names only indicators of that element,
/// with the answer behind each, and only forms of that element.
#[test]
fn r08_each_element_is_explained_by_its_own_indicators_only() {
    let i = instrument();
    let d = evaluate(&i, &answers(&typical()), false);
    for f in &d.elements {
        for e in &f.evidence {
            let ind = i.indicators.iter().find(|x| x.id == e.indicator).unwrap();
            assert!(ind.elements.contains(&f.element), "{} explains {:?}", e.indicator, f.element);
            assert_eq!(ind.effect, Effect::Supports);
            assert_eq!(e.question, ind.question);
            assert_eq!(e.answer, "yes");
            assert!(e.forms.iter().all(|form| form.element() == f.element));
        }
        assert!(f.forms.iter().all(|form| form.element() == f.element));
        assert!(f.forms.windows(2).all(|w| w[0] < w[1]), "forms sorted, each once");
    }
    // An element no answer evidences is listed, unmet, with no evidence.
    let d = evaluate(&i, &BTreeMap::new(), false);
    assert!(d.elements.iter().all(|f| !f.met && f.evidence.is_empty() && f.forms.is_empty()));
    assert_eq!(d.elements.len(), Element::ALL.len());
}

#[test]
fn r04_forced_criminality_is_an_exploitative_purpose_on_its_own() {
    let d = evaluate(&instrument(), &answers(&[("forced_to_scam", Answer::Yes)]), false);
    let purpose = d.element(Element::Purpose).unwrap();
    assert!(purpose.met);
    assert_eq!(purpose.forms, vec![Form::ForcedCriminality]);
    assert!(purpose.evidence.iter().any(|e| e.source.contains("R04")));
}

#[test]
fn r04_an_instrument_in_which_forced_criminality_cannot_meet_purpose_alone_is_refused() {
    // Purpose counted instead of met by its form: forced criminality would
    // need company.
    let counted = v2_text().replace("purpose = \"any_form\"", "purpose = \"counting\"");
    let err = haven_instrument::parse(&counted).unwrap_err().to_string();
    assert!(err.contains("R04"), "{err}");
    // No indicator shows forced criminality at all.
    let unnamed = v2_text().replace("forms = [\"forced_criminality\", \"coercion\"]\n", "forms = [\"coercion\"]\n");
    let err = haven_instrument::parse(&unnamed).unwrap_err().to_string();
    assert!(err.contains("R04"), "{err}");
    // Forced criminality made weak, under the counting rule: refused too.
    let weak = counted.replace(
        "strength = \"strong\"\nforms = [\"forced_criminality\", \"coercion\"]",
        "strength = \"weak\"\nforms = [\"forced_criminality\", \"coercion\"]",
    );
    assert_ne!(weak, counted);
    assert!(haven_instrument::parse(&weak).unwrap_err().to_string().contains("R04"));
}

#[test]
fn r05_knowing_the_work_was_fraud_does_not_exclude() {
    let mut a = typical();
    a.push(("knew_scam_work", Answer::Yes));
    assert_eq!(evaluate(&instrument(), &answers(&a), false).outcome, Outcome::ReasonableGrounds);
    let text = v2_text()
        + "\n[[indicators]]\nid = \"knew\"\nquestion = \"knew_scam_work\"\ntrigger = \"yes\"\nelements = [\"means\"]\nstrength = \"strong\"\neffect = \"lowers\"\nsource = \"x\"\n";
    assert!(haven_instrument::parse(&text).unwrap_err().to_string().contains("R05"));
}

#[test]
fn r06_declined_answers_never_yield_negative() {
    let i = instrument();
    let all_declined: BTreeMap<String, Answer> =
        i.questions.iter().map(|q| (q.id.clone(), Answer::PreferNotToSay)).collect();
    let d = evaluate(&i, &all_declined, false);
    match &d.outcome {
        Outcome::NotYetDetermined { missing, open_questions } => {
            assert_eq!(missing.len(), 3);
            assert!(!open_questions.is_empty(), "the questions are offered again");
        }
        other => panic!("nothing was said, yet the outcome is {}", other.code()),
    }
    assert_eq!(d.outcome.openness(), Openness::QuestionsOpen, "someone who declined may not be ready to say more");
}

#[test]
fn r06_a_person_who_answered_every_question_is_not_told_they_may_not_be_ready() {
    let i = instrument();
    // Every question answered, none declined: the person said what they had to say.
    let all_answered: BTreeMap<String, Answer> = i
        .questions
        .iter()
        .map(|q| {
            let a = match &q.answer {
                AnswerType::YesNo => Answer::No,
                AnswerType::Choice(o) => Answer::Choice(o[0].clone()),
                AnswerType::MultiChoice(_) => multi(&["none_of_these"]),
                AnswerType::Number => Answer::Number(8.0),
                _ => Answer::Text("-".into()),
            };
            (q.id.clone(), a)
        })
        .collect();
    let d = evaluate(&i, &all_answered, false);
    assert_ne!(d.outcome, Outcome::ReasonableGrounds);
    assert_eq!(d.outcome.still_open().1, &[] as &[String]);
    assert_eq!(d.outcome.openness(), Openness::Answered);
    // One question declined among them: now it is open again.
    let mut one_declined = all_answered;
    one_declined.insert("confined".into(), Answer::PreferNotToSay);
    let d = evaluate(&i, &one_declined, false);
    assert_eq!(d.outcome.openness(), Openness::QuestionsOpen);
    assert!(d.outcome.still_open().1.contains(&"confined".to_string()));
}

#[test]
fn r07_even_all_no_answers_give_no_automatic_negative() {
    let i = instrument();
    let all_no: BTreeMap<String, Answer> =
        i.questions.iter().filter(|q| q.answer == AnswerType::YesNo).map(|q| (q.id.clone(), Answer::No)).collect();
    assert!(matches!(evaluate(&i, &all_no, false).outcome, Outcome::NotYetDetermined { .. }));
}

#[test]
fn r09_everyone_screened_is_offered_legal_medical_and_psychological_help() {
    let d = evaluate(&instrument(), &BTreeMap::new(), false);
    let mut codes = d.need_codes();
    codes.sort();
    assert_eq!(codes, ["legal_aid", "medical", "psychological"]);
    for kind in NeedKind::ALWAYS_OFFERED {
        let n = d.needs.iter().find(|n| n.kind == kind).unwrap();
        assert!(n.always_offered && n.reasons.is_empty() && n.urgency == Urgency::Routine, "{kind:?}");
    }
    assert_eq!(d.needs.len(), 3, "nothing else without a reason");
}

#[test]
fn r09_needs_come_from_the_answers_with_the_answer_behind_each_most_urgent_first() {
    let i = instrument();
    let a = answers(&[
        ("threats_now", Answer::Yes),
        ("passport_taken", Answer::Yes),
        ("fear_of_return", Answer::Yes),
        ("no_money_or_shelter", Answer::Yes),
        ("injured_or_ill", Answer::Yes),
        ("legal_trouble", multi(&["detained"])),
        ("wages_withheld", Answer::Yes),
    ]);
    let d = evaluate_in(&i, &a, &Setting { may_be_child: true, language: Some("am".into()), interpreted: false });
    let find = |k: NeedKind| d.needs.iter().find(|n| n.kind == k).unwrap_or_else(|| panic!("{k:?}"));
    let answer_behind = |k: NeedKind, q: &str| {
        find(k).reasons.iter().any(|r| matches!(r, NeedReason::Answer { question, .. } if question == q))
    };
    assert_eq!(find(NeedKind::SafetyPlan).follow_up, Some(FollowUp::SafetyPlan));
    assert!(answer_behind(NeedKind::SafetyPlan, "threats_now"));
    assert_eq!(find(NeedKind::Consular).follow_up, Some(FollowUp::AskConsularConsent));
    assert_eq!(find(NeedKind::Consular).consent_first, Some(haven_core::consent::ConsentPurpose::ConsularContact));
    assert!(answer_behind(NeedKind::Consular, "passport_taken"));
    assert_eq!(find(NeedKind::ReturnRiskAssessment).follow_up, Some(FollowUp::ReturnRiskAssessment));
    assert_eq!(find(NeedKind::Shelter).follow_up, Some(FollowUp::FindShelter { for_child: true }));
    assert_eq!(find(NeedKind::Guardian).follow_up, Some(FollowUp::AppointGuardian));
    assert_eq!(find(NeedKind::LegalDefence).follow_up, Some(FollowUp::LegalRepresentation));
    assert_eq!(
        find(NeedKind::Interpretation).follow_up,
        Some(FollowUp::ArrangeInterpreter { language: "am".into() }),
        "Amharic is not one of the instrument's languages"
    );
    assert_eq!(find(NeedKind::Medical).urgency, Urgency::Immediate, "an injury now");
    assert!(find(NeedKind::Medical).always_offered && answer_behind(NeedKind::Medical, "injured_or_ill"));
    assert!(answer_behind(NeedKind::Compensation, "wages_withheld"));
    // Ordered by urgency, immediate first.
    let urgencies: Vec<Urgency> = d.needs.iter().map(|n| n.urgency).collect();
    let mut sorted = urgencies.clone();
    sorted.sort();
    assert_eq!(urgencies, sorted);
    assert_eq!(d.needs[0].kind, NeedKind::SafetyPlan);
    // The tasks to create.
    assert_eq!(d.follow_ups().len(), 7);
    // A covered language without an interpreter needs none.
    let d = evaluate_in(&i, &a, &Setting { may_be_child: false, language: Some("my-MM".into()), interpreted: false });
    assert!(d.needs.iter().all(|n| n.kind != NeedKind::Interpretation));
    assert!(d.needs.iter().all(|n| n.kind != NeedKind::Guardian));
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
        assert!(d.need_codes().contains(&need.to_string()));
    }
}

fn vulnerability_screen() -> Instrument {
    haven_instrument::find("vulnerability").expect("the vulnerability screen is built in")
}

#[test]
fn r09_the_vulnerability_screen_refers_and_can_never_find_reasonable_grounds() {
    let v = vulnerability_screen();
    assert_eq!(v.kind, InstrumentKind::Vulnerability);
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
        assert!(d.need_codes().contains(&need.to_string()), "{need}");
    }
    let d = evaluate(&v, &BTreeMap::new(), false);
    match &d.outcome {
        Outcome::NotYetDetermined { missing, open_questions } => {
            assert!(missing.is_empty());
            assert_eq!(open_questions.len(), v.questions.len());
        }
        other => panic!("expected not_yet_determined, got {}", other.code()),
    }
    assert!(d.need_codes().contains(&"legal_aid".to_string()));
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
    let text = v2_text().replace(
        "id = \"compound_country\"\nsection = \"facts\"\ntype = \"choice\"",
        "id = \"compound_country\"\nsection = \"facts\"\ntype = \"choice\"\ntopic = \"nationality\"",
    ) + "\n[[indicators]]\nid = \"nat\"\nquestion = \"compound_country\"\ntrigger = { any_of = [\"MMR\"] }\nelements = [\"act\"]\nstrength = \"weak\"\nsource = \"x\"\n";
    let err = haven_instrument::parse(&text).unwrap_err().to_string();
    assert!(err.contains("R10"), "{err}");
}

/// R10 for the person, not only the instrument. A person's record holds
/// their sex and nationalities, but the engine is given only the answers and
/// a setting derived from the record, and the setting has no place for sex,
/// gender or nationality: the destructuring below stops compiling if one is
/// added, and `evaluate_in` takes nothing else. So the same answers give a
/// man, a woman and a person of any nationality the same finding, every
/// element, need and open question included; a man is identified exactly as
/// a woman is.
#[test]
fn r10_the_same_answers_give_the_same_finding_for_a_man_a_woman_and_any_nationality() {
    let Setting { may_be_child: _, language: _, interpreted: _ } = Setting::default();
    let today = time::macros::date!(2026 - 11 - 25);
    let i = instrument();
    let accounts = [
        answers(&typical()),
        answers(&[("forced_to_scam", Answer::Yes)]),
        answers(&[("recruited_job_ad", Answer::Yes), ("confined", Answer::PreferNotToSay)]),
        BTreeMap::new(),
    ];
    for (n, a) in accounts.iter().enumerate() {
        let mut findings = Vec::new();
        for sex in [Some("male"), Some("female"), Some("non-binary"), None] {
            for nationality in ["MMR", "VNM", "KEN", "CHN", "IDN", "LKA"] {
                let input = PersonInput {
                    full_name: "Test Person".into(),
                    sex: sex.map(str::to_owned),
                    estimated_age: Some(30),
                    nationalities: vec![nationality.into()],
                    languages: vec!["en".into()],
                    ..PersonInput::default()
                };
                let person = PersonRecord::parse(&input, today).unwrap();
                assert_eq!((person.sex.as_deref(), person.nationalities[0].as_str()), (sex, nationality));
                let setting = Setting {
                    may_be_child: person.birth.may_be_child(today),
                    language: person.languages.first().map(|l| l.as_str().to_owned()),
                    interpreted: false,
                };
                findings.push(evaluate_in(&i, a, &setting));
            }
        }
        assert!(findings.windows(2).all(|w| w[0] == w[1]), "account {n}");
    }
    let man = evaluate_in(&i, &accounts[0], &Setting { language: Some("en".into()), ..Setting::default() });
    assert_eq!(man.outcome, Outcome::ReasonableGrounds, "an adult man with the typical account is identified");
}

/// R18: an instrument is in a language only when all of it is: the title,
/// every section, every question and every option label. A language with
/// one gap is not offered, so nobody is interviewed in a half-translated
/// form; an interpreter is asked for instead.
#[test]
fn r18_an_instrument_is_in_a_language_only_when_all_of_it_is() {
    let full = instrument();
    assert_eq!(full.languages().len(), 9);
    let mut no_title = full.clone();
    no_title.title.remove("lo");
    let mut no_section = full.clone();
    no_section.sections[0].1.remove("th");
    let mut no_question = full.clone();
    let yes_no = no_question.questions.iter().position(|q| q.answer == AnswerType::YesNo).unwrap();
    no_question.questions[yes_no].text.remove("vi");
    let mut no_option = full.clone();
    let listed = no_option.questions.iter().position(|q| !q.options().is_empty()).unwrap();
    let first = no_option.questions[listed].options()[0].clone();
    no_option.questions[listed].option_text.get_mut(&first).unwrap().remove("km");
    for (i, gap) in [(no_title, "lo"), (no_section, "th"), (no_question, "vi"), (no_option, "km")] {
        let langs = i.languages();
        assert!(!langs.contains(&gap.to_string()), "{gap} has a gap, yet is offered");
        assert_eq!(langs.len(), 8, "{gap}");
        assert_eq!(i.language_for(gap), None, "{gap}: an interpreter, never a silent fallback");
    }
}

fn refusal(i: &Instrument) -> String {
    i.validate().expect_err("the instrument should be refused").to_string()
}

fn refused_for(i: Instrument, phrase: &str) {
    let e = refusal(&i);
    assert!(e.contains(phrase), "expected {phrase:?}, got {e:?}");
}

/// R18: a gap in any of the nine languages, in the title, a section, a
/// question or an option, refuses the instrument, naming where.
#[test]
fn r18_an_instrument_with_a_gap_in_any_of_the_nine_languages_is_refused() {
    let base = instrument();
    let mut i = base.clone();
    i.title.insert("th".into(), " ".into());
    refused_for(i, "title has no text in th");
    let mut i = base.clone();
    i.sections[0].1.remove("my");
    refused_for(i, "has no title in my");
    let mut i = base.clone();
    i.questions[0].text.insert("km".into(), String::new());
    refused_for(i, "has no text in km");
    let listed = base.questions.iter().position(|q| !q.options().is_empty()).unwrap();
    let first = base.questions[listed].options()[0].clone();
    let mut i = base.clone();
    i.questions[listed].option_text.get_mut(&first).unwrap().remove("lo");
    refused_for(i, "has no label in lo");
    let mut i = base.clone();
    i.questions[listed].option_text.insert("bogus".into(), BTreeMap::new());
    refused_for(i, "which is not one of its options");
}

/// R06, R08: questions are asked in order, each once, in a known section,
/// after the answers they depend on; indicators cite their source, evidence
/// an element, show only forms of it and fire on answers their question can
/// give. An instrument breaking any of these is refused with the reason.
#[test]
fn r08_an_instrument_whose_questions_or_indicators_are_not_well_formed_is_refused() {
    let base = instrument();
    let mut i = base.clone();
    i.questions.clear();
    refused_for(i, "no questions");
    let mut i = base.clone();
    let q = i.questions[0].clone();
    i.questions.push(q);
    refused_for(i, "is defined twice");
    let mut i = base.clone();
    i.questions[0].section = "nowhere".into();
    refused_for(i, "unknown section");
    let listed = base.questions.iter().position(|q| !q.options().is_empty()).unwrap();
    let mut i = base.clone();
    let first = i.questions[listed].options()[0].clone();
    match &mut i.questions[listed].answer {
        AnswerType::Choice(o) | AnswerType::MultiChoice(o) => o.push(first),
        _ => unreachable!(),
    }
    refused_for(i, "empty or repeated option");
    let yes_no = base.questions.iter().position(|q| q.answer == AnswerType::YesNo).unwrap();
    let later = base.questions.iter().enumerate().position(|(n, q)| n > yes_no && q.asked_if.is_none()).unwrap();
    let yes_no_id = base.questions[yes_no].id.clone();
    let mut i = base.clone();
    i.questions[later].asked_if = Some(Condition { question: "nope".into(), trigger: Trigger::Yes });
    refused_for(i, "depends on unknown question");
    let mut i = base.clone();
    let last = i.questions.last().unwrap().id.clone();
    i.questions[yes_no].asked_if = Some(Condition { question: last, trigger: Trigger::Yes });
    refused_for(i, "not asked before it");
    let mut i = base.clone();
    i.questions[later].asked_if = Some(Condition { question: yes_no_id, trigger: Trigger::AtLeast(1.0) });
    refused_for(i, "has a condition that");
    let mut i = base.clone();
    let d = i.indicators[0].clone();
    i.indicators.push(d);
    refused_for(i, "is defined twice");
    let mut i = base.clone();
    i.indicators[0].question = "nope".into();
    refused_for(i, "refers to unknown question");
    let mut i = base.clone();
    i.indicators[0].elements.clear();
    refused_for(i, "evidences no element");
    let mut i = base.clone();
    i.indicators[0].source = " ".into();
    refused_for(i, "does not cite its source");
    let with_forms = base.indicators.iter().position(|x| !x.forms.is_empty() && x.effect == Effect::Supports).unwrap();
    let mut i = base.clone();
    i.indicators[with_forms].elements = vec![Element::DeceptiveRecruitment];
    refused_for(i, "shows the form");
    let mut i = base.clone();
    i.indicators[with_forms].effect = Effect::Lowers;
    refused_for(i, "names forms but lowers a finding");
    let not_number = base
        .indicators
        .iter()
        .position(|x| base.question(&x.question).is_some_and(|q| q.answer != AnswerType::Number))
        .unwrap();
    let mut i = base.clone();
    i.indicators[not_number].trigger = Trigger::AtLeast(1.0);
    refused_for(i, "has a trigger that question");
    let mut i = base.clone();
    i.rules.clear();
    refused_for(i, "no combination rules");
    let mut i = base.clone();
    i.adult_requires.clear();
    refused_for(i, "requires no element");
    let mut i = base.clone();
    i.child_requires.clear();
    refused_for(i, "requires no element");
    let mut i = base.clone();
    i.element_rules.insert(Element::CoercionAtDestination, ElementRule::AnyForm);
    refused_for(i, "yet no indicator shows one");
    let mut i = base.clone();
    i.needs[0].question = "nope".into();
    refused_for(i, "referral need refers to unknown question");
    let need = base
        .needs
        .iter()
        .position(|n| base.question(&n.question).is_some_and(|q| q.answer != AnswerType::Number))
        .unwrap();
    let mut i = base.clone();
    i.needs[need].trigger = Trigger::AtLeast(1.0);
    refused_for(i, "referral need has a trigger");
    assert!(base.validate().is_ok());
}

/// R09: a vulnerability screen has no indicators, requires no element and
/// names at least one vulnerable situation.
#[test]
fn r09_a_vulnerability_screen_must_name_a_vulnerable_situation_and_require_no_element() {
    let base = vulnerability_screen();
    assert!(base.validate().is_ok());
    let mut i = base.clone();
    for n in &mut i.needs {
        n.vulnerability = None;
    }
    refused_for(i, "names no vulnerability");
    let mut i = base.clone();
    i.adult_requires.push(Element::Act);
    refused_for(i, "requires no element");
    let mut i = base;
    i.child_requires.push(Element::Act);
    refused_for(i, "requires no element");
}

#[test]
fn a_list_that_offers_other_must_be_followed_by_free_text() {
    let text = v2_text().replace("asked_if = { question = \"violence\", trigger = { any_of = [\"other\"] } }\n", "");
    let err = haven_instrument::parse(&text).unwrap_err().to_string();
    assert!(err.contains("violence") && err.contains("other"), "{err}");
    // And the follow-up is asked only when "other" was chosen.
    let i = instrument();
    let follow = i.questions.iter().position(|q| q.id == "violence_other").unwrap();
    let with_other = answers(&[("violence", multi(&["beatings", "other"]))]);
    let without = answers(&[("violence", multi(&["beatings"]))]);
    assert_eq!(i.next_question(Some(follow - 1), &with_other), Some(follow));
    assert_ne!(i.next_question(Some(follow - 1), &without), Some(follow));
}

#[test]
fn a_half_labelled_option_list_is_refused() {
    let text = v2_text().replacen(
        "[questions.option_text.friend]\nen = \"A friend\"\n",
        "[questions.option_text.friend]\n",
        1,
    );
    let err = haven_instrument::parse(&text).unwrap_err().to_string();
    assert!(err.contains("friend") && err.contains("en"), "{err}");
}

#[test]
fn a_1_1_screening_that_2_0_would_find_otherwise_is_offered_again() {
    let old = v1();
    let new = instrument();
    // Recruited, taken into a guarded compound, confined and made to scam:
    // 1.1.0 could not meet purpose with forced criminality alone.
    let a = answers(&[("taken_to_compound", Answer::Yes), ("confined", Answer::Yes), ("forced_to_scam", Answer::Yes)]);
    let before = evaluate(&old, &a, false);
    assert_eq!(before.outcome.code(), "not_yet_determined");
    let offer = rescreen_offer(&old, before.outcome.code(), &new, &a, &Setting::default()).expect("2.0 changes it");
    assert_eq!(offer.on_stored_answers.outcome, Outcome::ReasonableGrounds);
    // A reasonable-grounds finding is never re-opened by a new version.
    let rg = answers(&typical());
    assert!(rescreen_offer(&old, "reasonable_grounds", &new, &rg, &Setting::default()).is_none());
    // Nor is a screening already made with the current version.
    assert!(rescreen_offer(&new, "not_yet_determined", &new, &a, &Setting::default()).is_none());
    // Where the answers alone do not change it, the new questions that
    // could are named.
    let thin = answers(&[("taken_to_compound", Answer::Yes)]);
    let offer = rescreen_offer(&old, "not_yet_determined", &new, &thin, &Setting::default()).unwrap();
    assert!(offer.new_questions.contains(&"debt_bondage".to_string()));
    assert!(offer.new_questions.contains(&"other_forced_acts".to_string()));
    // Exactly the questions 1.1.0 never asked that could show what is
    // still missing: nothing already asked, nothing for an element met.
    let (missing, _) = offer.on_stored_answers.outcome.still_open();
    let mut expected: Vec<String> = new
        .indicators
        .iter()
        .filter(|i| old.question(&i.question).is_none() && i.elements.iter().any(|e| missing.contains(e)))
        .map(|i| i.question.clone())
        .collect();
    expected.sort();
    expected.dedup();
    assert_eq!(offer.new_questions, expected);
    assert!(offer.new_questions.iter().all(|q| old.question(q).is_none()));
    // Another instrument's screening is not this one's to re-open.
    let vuln = vulnerability_screen();
    assert!(rescreen_offer(&vuln, "vulnerable_migrant", &new, &a, &Setting::default()).is_none());
    // An answer the newer version asks in another form is asked again, not
    // carried: a yes/no where 2.0 has a number means nothing there.
    let mut mixed = a.clone();
    mixed.insert("hours_per_day".into(), Answer::Yes);
    let offer = rescreen_offer(&old, before.outcome.code(), &new, &mixed, &Setting::default()).unwrap();
    assert_eq!(offer.on_stored_answers, evaluate_in(&new, &a, &Setting::default()));
}

#[test]
fn malformed_files_are_refused_with_a_reason() {
    for bad in ["", "id = 3", "not toml at all [[[", &"x".repeat(haven_instrument::MAX_BYTES + 1)] {
        assert!(haven_instrument::parse(bad).is_err());
    }
    let unknown_key = v2_text().replace("rule_source =", "surprise = 1\nrule_source =");
    assert!(haven_instrument::parse(&unknown_key).is_err());
    let unknown_form = v2_text().replacen("forms = [\"recruitment\"]", "forms = [\"vibes\"]", 1);
    assert!(haven_instrument::parse(&unknown_form).unwrap_err().to_string().contains("unknown form"));
    // A form of an element the indicator does not evidence.
    let misplaced = v2_text().replacen("forms = [\"recruitment\"]", "forms = [\"deception\"]", 1);
    assert!(haven_instrument::parse(&misplaced).unwrap_err().to_string().contains("without evidencing"));
}

fn any_answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        Just(Answer::Yes),
        Just(Answer::No),
        Just(Answer::PreferNotToSay),
        Just(Answer::DontKnow),
        (0.0f64..24.0).prop_map(Answer::Number),
        prop::sample::subsequence(
            vec!["beatings", "threats", "agent_or_broker", "friend", "money_laundering", "death", "none_of_these"],
            0..3
        )
        .prop_map(|v| multi(&v)),
    ]
}

/// Random answers of the right type for the question they answer, so that
/// the property is exercised on answers the engine really reads.
fn typed_answers(i: &Instrument) -> impl Strategy<Value = BTreeMap<String, Answer>> {
    let qs: Vec<Question> = i.questions.clone();
    prop::collection::vec((prop::sample::select(qs), any_answer(), any::<prop::sample::Index>()), 0..30).prop_map(|v| {
        v.into_iter()
            .filter_map(|(q, a, pick)| {
                let a = match (&q.answer, a) {
                    (_, a @ (Answer::PreferNotToSay | Answer::DontKnow)) => a,
                    (AnswerType::YesNo, a @ (Answer::Yes | Answer::No)) => a,
                    (AnswerType::Number, a @ Answer::Number(_)) => a,
                    (AnswerType::Choice(o), _) => Answer::Choice(pick.get(o).clone()),
                    (AnswerType::MultiChoice(o), _) => Answer::Multi(vec![pick.get(o).clone()]),
                    _ => return None,
                };
                Some((q.id, a))
            })
            .collect()
    })
}

/// The instrument with a question on an identity trait and a strong
/// indicator built on it, bypassing validation: what a tampered or
/// mis-validated instrument would hold.
fn with_identity_indicator(topic: Topic) -> Instrument {
    let mut i = instrument();
    let id = topic.as_str().to_owned();
    let opts = vec!["a".to_string(), "b".to_string(), "c".to_string()];
    i.questions.push(Question {
        id: id.clone(),
        section: "facts".into(),
        text: haven_core::screening::LANGUAGES.iter().map(|l| (l.to_string(), "x".to_string())).collect(),
        answer: AnswerType::Choice(opts.clone()),
        topic: Some(topic),
        fact: None,
        option_text: opts
            .iter()
            .map(|o| (o.clone(), haven_core::screening::LANGUAGES.iter().map(|l| (l.to_string(), o.clone())).collect()))
            .collect(),
        asked_if: None,
    });
    i.indicators.push(Indicator {
        id: format!("{id}_indicator"),
        question: id,
        trigger: Trigger::AnyOf(opts),
        elements: vec![Element::Act, Element::Means, Element::Purpose],
        strength: Strength::Strong,
        effect: Effect::Supports,
        forms: vec![Form::Recruitment, Form::Coercion, Form::ForcedCriminality],
        source: "tampered".into(),
    });
    i
}

proptest! {
    #[test]
    fn r03_r05_contract_pay_consent_or_knowing_never_turn_a_positive_into_anything_else(
        extra in prop::collection::vec((prop::sample::select(vec!["signed_contract", "was_paid", "agreed_to_go", "knew_scam_work"]), prop_oneof![Just(Answer::Yes), Just(Answer::No), Just(Answer::PreferNotToSay), Just(Answer::DontKnow)]), 1..4),
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

    /// Silence is treated as not asked, never as "no": declining a question
    /// leaves the finding exactly as if it had not been asked, and, where
    /// it could still show a missing element, offers it again.
    #[test]
    fn r06_declining_a_question_is_the_same_as_not_being_asked_it_and_keeps_it_open(
        a in typed_answers(&instrument()),
        which in any::<prop::sample::Index>(),
        decline in prop_oneof![Just(Answer::PreferNotToSay), Just(Answer::DontKnow)],
        child in any::<bool>(),
    ) {
        let i = instrument();
        let q = which.get(&i.questions).id.clone();
        let mut declined = a.clone();
        declined.insert(q.clone(), decline);
        let mut unasked = a;
        unasked.remove(&q);
        let d = evaluate(&i, &declined, child);
        let u = evaluate(&i, &unasked, child);
        prop_assert_eq!(d.outcome.code(), u.outcome.code());
        prop_assert_eq!(d.outcome.still_open().0, u.outcome.still_open().0);
        prop_assert_eq!(d.need_codes(), u.need_codes());
        let (missing, open) = d.outcome.still_open();
        let could_show = i.indicators.iter().any(|ind| ind.question == q && ind.elements.iter().any(|e| missing.contains(e)));
        let asked = i.question(&q).is_some_and(|qq| i.is_asked(qq, &declined));
        if could_show && asked {
            prop_assert!(open.contains(&q), "{} was declined and could show {:?}, yet is not offered again", q, missing);
            prop_assert_eq!(d.outcome.openness(), Openness::QuestionsOpen);
        }
    }

    /// R10: even an indicator built on sex, gender or nationality that slipped
    /// past validation never changes a finding: validation refuses it, and the
    /// engine ignores it.
    #[test]
    fn r10_sex_gender_and_nationality_never_change_the_outcome(
        a in typed_answers(&instrument()),
        topic in prop::sample::select(vec![Topic::Sex, Topic::Gender, Topic::Nationality]),
        value in prop::sample::select(vec!["a", "b", "c"]),
        child in any::<bool>(),
    ) {
        let i = with_identity_indicator(topic);
        prop_assert!(i.validate().unwrap_err().to_string().contains("R10"));
        let before = evaluate(&i, &a, child);
        let mut b = a.clone();
        b.insert(topic.as_str().to_owned(), Answer::Choice(value.to_owned()));
        let after = evaluate(&i, &b, child);
        prop_assert_eq!(&after.outcome, &before.outcome);
        prop_assert_eq!(&after.elements, &before.elements);
    }

    #[test]
    fn the_parser_never_panics_on_arbitrary_text(s in ".{0,400}") {
        let _ = haven_instrument::parse(&s);
    }
}
