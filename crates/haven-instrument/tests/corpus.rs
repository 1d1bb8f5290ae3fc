//! The validation corpus (`corpus/identification/`) against forced-criminality
//! 1.1.0 and 2.0.1 (2.0.0 with wording fixes): 2.0.1 reaches each vignette's expected outcome, and the
//! figures in `docs/identification.md` are the ones these runs produce.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use haven_core::person::Birth;
use haven_core::screening::{evaluate_in, Answer, Instrument, Openness, Outcome};
use haven_instrument::corpus::{self, CaseResult, Figures, Truth, Vignette};

const TODAY: time::Date = time::macros::date!(2026 - 11 - 25);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn vignettes() -> Vec<Vignette> {
    let dir = root().join("corpus/identification");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let v = Vignette::parse(&std::fs::read_to_string(p).unwrap()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(Some(v.id.as_str()), p.file_stem().and_then(|s| s.to_str()), "file named after its id");
            v
        })
        .collect()
}

fn versions() -> (Instrument, Instrument) {
    (
        haven_instrument::find_version("forced-criminality", "1.1.0").unwrap(),
        haven_instrument::find("forced-criminality").unwrap(),
    )
}

#[test]
fn the_corpus_covers_what_it_must() {
    let cases = vignettes();
    assert!(cases.len() >= 60, "{} vignettes", cases.len());
    let count = |f: &dyn Fn(&Vignette) -> bool| cases.iter().filter(|v| f(v)).count();
    assert!(count(&|v| v.truth == Truth::NotTrafficked) >= 15, "people who are not trafficked, for specificity");
    assert!(count(&|v| matches!(v.birth, Birth::Estimated { years, .. } if years < 18)) >= 5, "children");
    assert!(count(&|v| v.birth == Birth::Unknown) >= 2, "unknown age");
    assert!(count(&|v| matches!(v.birth, Birth::Estimated { years, uncertain: true } if years >= 18)) >= 1);
    assert!(count(&|v| v.interpreter) >= 4, "interpreted interviews");
    let declined = |v: &Vignette| {
        v.answers.values().any(|a| a.as_str().is_some_and(|s| s == "prefer_not_to_say" || s == "dont_know"))
    };
    assert!(count(&declined) >= 4, "declined or unknown answers");
    for v in &cases {
        assert!(!v.facts.trim().is_empty() && !v.why.trim().is_empty(), "{}", v.id);
    }
}

#[test]
fn every_answer_is_to_a_question_of_some_version_and_fits_it() {
    let (old, new) = versions();
    for v in vignettes() {
        let (a_new, skipped_new) = v.answers_for(&new).unwrap();
        let (_, skipped_old) = v.answers_for(&old).unwrap();
        // A key neither version asks, or a value neither accepts, is a typo.
        for k in &skipped_new {
            assert!(
                old.question(k).is_some() && !skipped_old.contains(k),
                "{}: {k} is not a question of either version, or its value fits neither",
                v.id
            );
        }
        assert!(!a_new.is_empty(), "{}", v.id);
        // R10: no vignette answers on sex, gender or nationality; there is
        // no such question to answer.
        for k in v.answers.keys() {
            assert!(!["sex", "gender", "nationality"].contains(&k.as_str()), "{}", v.id);
        }
    }
}

fn run() -> (Instrument, Vec<CaseResult>, Instrument, Vec<CaseResult>) {
    let (old, new) = versions();
    let cases = vignettes();
    let before = corpus::run(&old, &cases, TODAY).unwrap();
    let after = corpus::run(&new, &cases, TODAY).unwrap();
    (old, before, new, after)
}

#[test]
fn r01_r02_instrument_2_reaches_every_expected_outcome() {
    let (_, _, _, after) = run();
    let wrong: Vec<String> = after
        .iter()
        .filter(|r| r.outcome() != r.expected)
        .map(|r| format!("{}: expected {}, got {}", r.id, r.expected, r.outcome()))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn r07_no_one_who_is_not_trafficked_is_found_to_be_by_either_version() {
    let (_, before, _, after) = run();
    for r in before.iter().chain(&after) {
        if r.truth == Truth::NotTrafficked {
            assert_ne!(r.determination.outcome, Outcome::ReasonableGrounds, "{}", r.id);
        }
    }
}

#[test]
fn r06_undisclosed_cases_stay_open_with_their_questions_offered_again() {
    let (_, _, _, after) = run();
    for r in after.iter().filter(|r| r.truth == Truth::Undisclosed) {
        assert_ne!(r.determination.outcome, Outcome::ReasonableGrounds, "{}", r.id);
        assert_eq!(r.determination.outcome.openness(), Openness::QuestionsOpen, "{}", r.id);
    }
}

/// R03, R05 over the whole corpus: whatever a person says about a contract,
/// pay, agreeing to go or knowing the work was fraud, the outcome is the one
/// the rest of their answers give.
#[test]
fn r03_r05_contract_pay_consent_and_knowing_never_change_a_corpus_outcome() {
    let (_, new) = versions();
    let protected = ["signed_contract", "was_paid", "agreed_to_go", "knew_scam_work"];
    for v in vignettes() {
        let (answers, _) = v.answers_for(&new).unwrap();
        let setting = v.setting(TODAY);
        let base: BTreeMap<String, Answer> = answers
            .iter()
            .filter(|(k, _)| !protected.contains(&k.as_str()))
            .map(|(k, a)| (k.clone(), a.clone()))
            .collect();
        let expected = evaluate_in(&new, &base, &setting).outcome;
        for fill in [Answer::Yes, Answer::No, Answer::PreferNotToSay] {
            let mut a = base.clone();
            for p in protected {
                a.insert(p.to_owned(), fill.clone());
            }
            assert_eq!(evaluate_in(&new, &a, &setting).outcome, expected, "{} with {fill:?}", v.id);
        }
    }
}

#[test]
fn interpreted_and_uncovered_languages_bring_interpretation_among_the_needs() {
    let (_, _, new, after) = run();
    let cases = vignettes();
    for (v, r) in cases.iter().zip(&after) {
        let uncovered = v.language.as_deref().is_some_and(|l| new.language_for(l).is_none());
        let needs_it = r.determination.needs.iter().any(|n| n.kind == haven_core::screening::NeedKind::Interpretation);
        assert_eq!(needs_it, uncovered || v.interpreter, "{}", v.id);
    }
}

/// The figures and the list of changed cases in `docs/identification.md`
/// are exactly what this corpus gives; regenerate them with
/// `cargo run -p haven-instrument --example corpus_report`.
#[test]
fn the_documented_figures_are_the_measured_ones() {
    let (old, before, new, after) = run();
    let report = corpus::report((&old, &before), (&new, &after));
    let doc = std::fs::read_to_string(root().join("docs/identification.md")).unwrap();
    assert!(doc.contains(&report), "docs/identification.md is out of date; it should contain:\n{report}");
    let f = Figures::of(&after);
    assert_eq!(f.false_positives, 0);
}
