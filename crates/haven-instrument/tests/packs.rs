//! Languages beyond the nine (R18): translation packs that add a language to
//! an instrument without a rebuild, and the interpreter flow for a language
//! no instrument text covers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use haven_core::screening::interview::{
    plan, Interpretation, InterpretationInput, InterpreterPreference, LanguagePlan,
};
use haven_core::screening::Instrument;
use haven_instrument::pack::{self, PackError, MAX_PACK_BYTES};
use proptest::prelude::*;

fn instrument() -> Instrument {
    haven_instrument::find("forced-criminality").unwrap()
}

/// The template with every value filled in, as a translator would.
fn filled(i: &Instrument, lang: &str) -> String {
    pack::template(i, lang)
        .lines()
        .map(|l| match l.strip_suffix(" = \"\"") {
            Some(key) => format!("{key} = \"{lang} {}\"", key.trim_matches('"')),
            None => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn r18_a_complete_pack_adds_a_language_and_the_interview_can_run_in_it() {
    let i = instrument();
    let text = filled(&i, "am");
    let p = pack::parse(text.as_bytes(), &i).unwrap();
    assert_eq!(p.language.as_str(), "am");
    assert!(!p.reviewed);
    assert_eq!(p.hash.len(), 64);
    // Without the pack, Amharic needs an interpreter; with it, it does not.
    let am = haven_core::person::LanguageTag::parse("am").unwrap();
    assert_eq!(plan(&am, &i), LanguagePlan::Interpreter);
    let with = p.apply(&i);
    assert_eq!(plan(&am, &with), LanguagePlan::Direct { language: "am".into() });
    assert_eq!(with.hash, i.hash, "the questions and rules are unchanged");
    let q = with.question("recruited_by_person").unwrap();
    assert_eq!(q.text["am"], "am recruited_by_person");
    assert_eq!(q.option_label("friend", "am"), Some("am friend"));
    // The nine are still complete, and the tenth now is too.
    assert_eq!(with.languages().len(), 10);
    // The retired 1.1.0 takes packs too, options included.
    let old = haven_instrument::find_version("forced-criminality", "1.1.0").unwrap();
    let p = pack::parse(filled(&old, "ne").as_bytes(), &old).unwrap();
    assert!(p.apply(&old).languages().contains(&"ne".to_string()));
}

#[test]
fn r18_a_pack_missing_any_question_option_section_or_title_is_refused_with_the_keys_named() {
    let i = instrument();
    let full = filled(&i, "am");
    for (key, named) in [
        ("abducted = ", "questions.abducted"),
        ("friend = ", "options.recruited_by_person.friend"),
        ("facts = ", "sections.facts"),
    ] {
        let text: String = full.lines().filter(|l| !l.starts_with(key)).collect::<Vec<_>>().join("\n");
        match pack::parse(text.as_bytes(), &i) {
            Err(PackError::Missing(keys)) => assert!(keys.contains(&named.to_string()), "{keys:?}"),
            other => panic!("{key}: {other:?}"),
        }
    }
    let no_title: String = full.lines().filter(|l| !l.starts_with("title = ")).collect::<Vec<_>>().join("\n");
    assert!(matches!(pack::parse(no_title.as_bytes(), &i), Err(PackError::Syntax(_))));
    // The message names them, for the organisation to fix.
    let text: String = full.lines().filter(|l| !l.starts_with("abducted = ")).collect::<Vec<_>>().join("\n");
    assert!(pack::parse(text.as_bytes(), &i).unwrap_err().to_string().contains("questions.abducted"));
}

#[test]
fn r18_a_pack_is_parsed_strictly() {
    let i = instrument();
    let full = filled(&i, "am");
    // Unknown keys, at the top and inside the maps.
    let surprise = full.replace("reviewed = false", "reviewed = false\nsurprise = 1");
    assert!(matches!(pack::parse(surprise.as_bytes(), &i), Err(PackError::Syntax(_))));
    let ghost = full.replace("[questions]", "[questions]\nghost_question = \"x\"");
    match pack::parse(ghost.as_bytes(), &i) {
        Err(PackError::Unknown(keys)) => assert_eq!(keys, vec!["questions.ghost_question".to_string()]),
        other => panic!("{other:?}"),
    }
    // The wrong instrument or version.
    let wrong = full.replace("version = \"2.0.1\"", "version = \"1.1.0\"");
    assert!(matches!(pack::parse(wrong.as_bytes(), &i), Err(PackError::WrongInstrument { .. })));
    // A language it already has, in any spelling.
    for lang in ["my", "my-MM", "zh-CN"] {
        let dup = full.replace("language = \"am\"", &format!("language = \"{lang}\""));
        assert!(matches!(pack::parse(dup.as_bytes(), &i), Err(PackError::LanguageExists(_))), "{lang}");
    }
    let bad_tag = full.replace("language = \"am\"", "language = \"not a tag\"");
    assert_eq!(pack::parse(bad_tag.as_bytes(), &i), Err(PackError::BadLanguage));
    // Empty or control characters in a text.
    let empty = full.replace("abducted = \"am abducted\"", "abducted = \"  \"");
    assert_eq!(pack::parse(empty.as_bytes(), &i), Err(PackError::BadText("questions.abducted".into())));
    let control = full.replace("abducted = \"am abducted\"", "abducted = \"a\\u0007b\"");
    assert_eq!(pack::parse(control.as_bytes(), &i), Err(PackError::BadText("questions.abducted".into())));
    // Size and encoding.
    assert_eq!(pack::parse(&vec![b' '; MAX_PACK_BYTES + 1], &i), Err(PackError::TooLarge));
    assert_eq!(pack::parse(&[0xff, 0xfe, 0x00], &i), Err(PackError::NotText));
}

#[test]
fn r18_the_interview_runs_in_the_persons_language_or_through_a_recorded_interpreter() {
    let i = instrument();
    let tag = |s: &str| haven_core::person::LanguageTag::parse(s).unwrap();
    assert_eq!(plan(&tag("my-MM"), &i), LanguagePlan::Direct { language: "my".into() });
    assert_eq!(plan(&tag("zh"), &i), LanguagePlan::Direct { language: "zh-Hans".into() });
    assert_eq!(plan(&tag("zh-CN"), &i), LanguagePlan::Direct { language: "zh-Hans".into() });
    // Traditional Chinese, Amharic, Nepali: not silently shown in English.
    for other in ["zh-TW", "zh-Hant", "am", "ne", "bn"] {
        assert_eq!(plan(&tag(other), &i), LanguagePlan::Interpreter, "{other}");
    }
    let input = InterpretationInput {
        person_language: "am".into(),
        interpreter_name: "Ms Selam T.".into(),
        interpreter_language: "en".into(),
        preferences: "female_interpreter not_from_own_community".into(),
        preference_note: Some("not someone from her home town".into()),
    };
    let rec = Interpretation::parse(&input, &i).unwrap();
    assert_eq!(rec.interpreter_language, "en");
    assert_eq!(
        rec.preferences,
        vec![InterpreterPreference::FemaleInterpreter, InterpreterPreference::NotFromOwnCommunity]
    );
    assert_eq!(Interpretation::decode(&rec.encode()), Some(rec.clone()));
    // A plain name recorded before this format is not mistaken for one.
    assert_eq!(Interpretation::decode("Mr Tesfaye"), None);
    // The interview must run in a language the instrument has.
    let mut bad = input.clone();
    bad.interpreter_language = "am".into();
    assert_eq!(Interpretation::parse(&bad, &i).unwrap_err().code, "language_not_in_instrument");
    let mut bad = input.clone();
    bad.interpreter_name = "  ".into();
    assert_eq!(Interpretation::parse(&bad, &i).unwrap_err().code, "required");
    let mut bad = input.clone();
    bad.preferences = "female_interpreter male_interpreter".into();
    assert_eq!(Interpretation::parse(&bad, &i).unwrap_err().code, "contradictory");
    let mut bad = input;
    bad.preferences = "someone_nice".into();
    assert_eq!(Interpretation::parse(&bad, &i).unwrap_err().code, "invalid_choice");
}

/// R18: what the person asked for in an interpreter is kept exactly: each
/// preference once, in a stable order, read back from its code; the note in
/// their words within bounds; the interpreter's name on one line.
#[test]
fn r18_an_interpreter_request_is_recorded_as_the_person_made_it() {
    let i = instrument();
    let input = InterpretationInput {
        person_language: "am".into(),
        interpreter_name: "Ms Selam T.".into(),
        interpreter_language: "en".into(),
        preferences: "remote,female_interpreter remote".into(),
        preference_note: Some("  ".into()),
    };
    let rec = Interpretation::parse(&input, &i).unwrap();
    assert_eq!(rec.preferences, vec![InterpreterPreference::FemaleInterpreter, InterpreterPreference::Remote]);
    assert_eq!(rec.preference_note, None, "a blank note is no note");
    assert_eq!(rec.interpreter_name, "Ms Selam T.");
    for p in InterpreterPreference::ALL {
        assert_eq!(InterpreterPreference::parse(p.as_str()), Some(p));
        let one = InterpretationInput { preferences: p.as_str().into(), ..input.clone() };
        assert_eq!(Interpretation::parse(&one, &i).unwrap().preferences, vec![p]);
    }
    assert_eq!(InterpreterPreference::MaleInterpreter.as_str(), "male_interpreter");
    let with = |name: &str, note: &str| {
        Interpretation::parse(
            &InterpretationInput { interpreter_name: name.into(), preference_note: Some(note.into()), ..input.clone() },
            &i,
        )
    };
    assert_eq!(with("n", " her own words ").unwrap().preference_note.as_deref(), Some("her own words"));
    assert!(with(&"n".repeat(200), "x").is_ok());
    assert_eq!(with(&"n".repeat(201), "x").unwrap_err().code, "too_long");
    assert_eq!(with("Ms\nSelam", "x").unwrap_err().code, "too_long");
    assert_eq!(with("Ms\tSelam", "x").unwrap_err().code, "too_long");
    assert!(with("n", &"w".repeat(500)).is_ok());
    assert_eq!(with("n", &"w".repeat(501)).unwrap_err().code, "too_long");
    // Stored and read back, with or without a note; anything else is not one.
    for note in [None, Some("not from her town".to_string())] {
        let r = Interpretation { preference_note: note, ..rec.clone() };
        assert_eq!(Interpretation::decode(&r.encode()), Some(r.clone()));
    }
    let stored = rec.encode();
    assert_eq!(Interpretation::decode(&format!("{stored}\textra")), None, "a field too many");
    assert_eq!(Interpretation::decode(&stored.replacen("Ms Selam T.", "", 1)), None, "no interpreter named");
    assert_eq!(Interpretation::decode(&stored.replacen("v2", "v3", 1)), None);
}

proptest! {
    #[test]
    fn r18_arbitrary_bytes_never_panic_the_pack_parser(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = pack::parse(&bytes, &instrument());
    }

    #[test]
    fn r18_arbitrary_text_in_a_pack_shape_never_panics(s in "(instrument|version|language|title|\\[questions\\]|\\[options\\.[a-z_]{1,8}\\]|[a-z_]{1,10}) = \"[^\"]{0,20}\"\n{0,3}") {
        let _ = pack::parse(s.as_bytes(), &instrument());
    }

    /// Dropping any one line of a complete pack either leaves it valid (a
    /// comment, the optional translator) or refuses it: never a partial pack.
    #[test]
    fn r18_a_pack_with_any_one_key_removed_is_refused_or_unchanged(which in any::<prop::sample::Index>()) {
        let i = instrument();
        let full = filled(&i, "am");
        let lines: Vec<&str> = full.lines().collect();
        let drop = which.index(lines.len());
        let text: String = lines.iter().enumerate().filter(|(n, _)| *n != drop).map(|(_, l)| *l).collect::<Vec<_>>().join("\n");
        let line = lines[drop];
        let harmless = line.starts_with('#') || line.is_empty() || line.starts_with("translator") || line.starts_with("reviewed");
        match pack::parse(text.as_bytes(), &i) {
            Ok(p) => {
                prop_assert!(harmless, "dropping {:?} still parsed", line);
                prop_assert_eq!(p.questions.len(), i.questions.len());
            }
            Err(_) => prop_assert!(!harmless, "dropping {:?} was refused", line),
        }
    }
}
