//! A screening instrument as an XLSForm, so that KoboToolbox and ODK
//! Collect can run it on a phone, offline, where haven cannot reach
//! (detention centres, border areas). Pure: an instrument in, XLSX bytes
//! out.
//!
//! What the form must keep from haven's own interview:
//! - every language the instrument is written in, as `label::Name (code)`
//!   columns, so the person is asked in their own language (R18);
//! - no question is mandatory (R18): `required` is never set;
//! - "prefer not to say" and "does not know" stay answers distinct from "no"
//!   and from a blank (R06). Every list offers them; a number, date, place
//!   or text question, which cannot hold them, is followed by a companion
//!   `<id>_no_answer` question (shown only while it is blank) that records
//!   them;
//! - skip logic (`asked_if`) as `relevant`.
//!
//! The words haven's catalogue holds rather than the instrument (yes, no,
//! the two decline answers, option labels of 1.x instruments) come from the
//! caller, per language; English stands in where the caller has none.

use std::collections::BTreeSet;

use haven_core::screening::{AnswerType, Condition, Instrument, Question, Trigger};

use crate::FormatError;

/// A word the instrument leaves to the host's catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostText<'a> {
    Yes,
    No,
    PreferNotToSay,
    DontKnow,
    /// The label of the companion question that records why a number,
    /// date, place or text question was left blank.
    NoAnswer,
    /// An option code the instrument gives no label for (1.x instruments).
    Option(&'a str),
}

/// The answer codes haven accepts on every question besides its own
/// (see `answers::answers_from_values`).
pub const PREFER_NOT_TO_SAY: &str = "prefer_not_to_say";
pub const DONT_KNOW: &str = "dont_know";

/// The suffix of the companion question of a number, date, place or text
/// question: `<id>_no_answer` holds `prefer_not_to_say` or `dont_know`.
pub const NO_ANSWER_SUFFIX: &str = "_no_answer";

const YES_NO_LIST: &str = "yes_no";
const NO_ANSWER_LIST: &str = "no_answer";

/// The nine languages' own names (a language a translation pack adds is
/// named by its tag).
const LANGUAGE_NAMES: [(&str, &str); 9] = haven_core::person::LANGUAGES;

/// The `form_id` the `settings` sheet gives the form: the instrument's id,
/// so that a submission names the instrument it answers.
pub fn form_id(instrument: &Instrument) -> &str {
    &instrument.id
}

/// The `version` the `settings` sheet gives the form: the instrument's
/// version, so that a submission names the questions it was asked.
pub fn form_version(instrument: &Instrument) -> &str {
    &instrument.version
}

/// Whether a question of this type is followed by its `<id>_no_answer`
/// companion: a number, date, place or text field cannot hold "prefer not
/// to say" or "does not know" itself (R06).
pub fn has_companion(answer: &AnswerType) -> bool {
    matches!(answer, AnswerType::Number | AnswerType::Date | AnswerType::Place | AnswerType::FreeText)
}

/// The XLSForm name of a language: `Name (code)`. ODK reads the code in
/// brackets as an IANA language subtag, which a script (`zh-Hans`) is not:
/// only the primary subtag goes there, the name keeps the script.
pub fn language_name(code: &str) -> String {
    let name = LANGUAGE_NAMES.iter().find(|(c, _)| *c == code).map_or(code, |(_, n)| n);
    let primary = code.split('-').next().unwrap_or(code);
    format!("{name} ({primary})")
}

fn english_default(t: HostText<'_>) -> String {
    match t {
        HostText::Yes => "Yes".into(),
        HostText::No => "No".into(),
        HostText::PreferNotToSay => "Prefer not to say".into(),
        HostText::DontKnow => "Does not know".into(),
        HostText::NoAnswer => {
            "If there is no answer: did the person prefer not to say, or not know? Leave this empty if the question was not asked.".into()
        }
        HostText::Option(code) => code.into(),
    }
}

/// The instrument as an XLSForm workbook (`survey`, `choices`, `settings`).
/// `host` gives the catalogue's words per language (`None` where it has
/// none: English, or the option code, stands in).
pub fn write_xlsform(
    instrument: &Instrument,
    host: &dyn Fn(HostText<'_>, &str) -> Option<String>,
) -> Result<Vec<u8>, FormatError> {
    let mut languages = instrument.languages();
    if languages.is_empty() {
        return Err(FormatError::new("the instrument is not complete in any language"));
    }
    // English first: it is the default language, and the column a
    // coordinator reading the sheet looks for.
    if let Some(pos) = languages.iter().position(|l| l == "en") {
        let en = languages.remove(pos);
        languages.insert(0, en);
    }
    let default_language = &languages[0];
    let word = |t: HostText<'_>, lang: &str| -> String {
        host(t, lang).or_else(|| host(t, "en")).unwrap_or_else(|| english_default(t))
    };
    let words = |t: HostText<'_>| -> Vec<String> { languages.iter().map(|l| word(t, l)).collect() };

    let mut survey: Vec<SurveyRow> = Vec::new();
    let mut choices: Vec<ChoiceRow> = Vec::new();
    let mut names: BTreeSet<String> = instrument.questions.iter().map(|q| q.id.clone()).collect();
    let decline = [(PREFER_NOT_TO_SAY, HostText::PreferNotToSay), (DONT_KNOW, HostText::DontKnow)];

    let mut uses_yes_no = false;
    let mut uses_no_answer = false;
    let mut open_section: Option<&str> = None;
    for q in &instrument.questions {
        check_name(&q.id)?;
        if open_section != Some(q.section.as_str()) {
            if open_section.is_some() {
                survey.push(SurveyRow::end_group());
            }
            let title = instrument
                .sections
                .iter()
                .find(|(id, _)| *id == q.section)
                .map(|(_, t)| t)
                .ok_or_else(|| FormatError::new(format!("question {} is in an unknown section", q.id)))?;
            // A section that comes back later in the order is a second
            // group: names are unique in a form, so it gets a suffix.
            let mut group = q.section.clone();
            let mut n = 2;
            while names.contains(&group) {
                group = format!("{}_{n}", q.section);
                n += 1;
            }
            check_name(&group)?;
            names.insert(group.clone());
            survey.push(SurveyRow {
                kind: "begin_group".into(),
                name: group,
                labels: languages.iter().map(|l| title.get(l).cloned().unwrap_or_default()).collect(),
                ..SurveyRow::default()
            });
            open_section = Some(q.section.as_str());
        }
        let relevant = match &q.asked_if {
            Some(c) => Some(relevant(instrument, c)?),
            None => None,
        };
        let labels = languages.iter().map(|l| q.text.get(l).cloned().unwrap_or_default()).collect();
        let (kind, constraint) = match &q.answer {
            AnswerType::YesNo => {
                uses_yes_no = true;
                (format!("select_one {YES_NO_LIST}"), None)
            }
            AnswerType::Choice(_) | AnswerType::MultiChoice(_) => {
                let multi = matches!(q.answer, AnswerType::MultiChoice(_));
                let mut seen = BTreeSet::new();
                for o in q.options() {
                    check_choice(&q.id, o)?;
                    seen.insert(o.as_str());
                    choices.push(ChoiceRow {
                        list: q.id.clone(),
                        name: o.clone(),
                        labels: option_labels(q, o, &languages, &word),
                    });
                }
                for (code, text) in decline {
                    if seen.insert(code) {
                        choices.push(ChoiceRow { list: q.id.clone(), name: code.into(), labels: words(text) });
                    }
                }
                if multi {
                    // Declining is an answer on its own, not one option
                    // among others.
                    let alone = format!(
                        "(not(selected(., '{PREFER_NOT_TO_SAY}')) and not(selected(., '{DONT_KNOW}'))) or count-selected(.) = 1"
                    );
                    (format!("select_multiple {}", q.id), Some(alone))
                } else {
                    (format!("select_one {}", q.id), None)
                }
            }
            AnswerType::Number => ("integer".into(), None),
            AnswerType::Date => ("date".into(), None),
            AnswerType::Place | AnswerType::FreeText => ("text".into(), None),
        };
        let companion = has_companion(&q.answer);
        survey.push(SurveyRow { kind, name: q.id.clone(), labels, relevant: relevant.clone(), constraint });
        if companion {
            uses_no_answer = true;
            let name = format!("{}{NO_ANSWER_SUFFIX}", q.id);
            if !names.insert(name.clone()) {
                return Err(FormatError::new(format!("question {name} clashes with a question of the instrument")));
            }
            let blank = format!("${{{}}} = ''", q.id);
            survey.push(SurveyRow {
                kind: format!("select_one {NO_ANSWER_LIST}"),
                name,
                labels: words(HostText::NoAnswer),
                relevant: Some(match relevant {
                    Some(r) => format!("({r}) and {blank}"),
                    None => blank,
                }),
                constraint: None,
            });
        }
    }
    if open_section.is_some() {
        survey.push(SurveyRow::end_group());
    }
    if uses_yes_no {
        let yes_no = [("yes", HostText::Yes), ("no", HostText::No)].into_iter().chain(decline);
        for (code, text) in yes_no {
            choices.push(ChoiceRow { list: YES_NO_LIST.into(), name: code.into(), labels: words(text) });
        }
    }
    if uses_no_answer {
        for (code, text) in decline {
            choices.push(ChoiceRow { list: NO_ANSWER_LIST.into(), name: code.into(), labels: words(text) });
        }
    }

    let err = |e: rust_xlsxwriter::XlsxError| FormatError::new(format!("xlsx: {e}"));
    let columns: Vec<String> = languages.iter().map(|l| format!("label::{}", language_name(l))).collect();
    let mut wb = rust_xlsxwriter::Workbook::new();

    let sheet = wb.add_worksheet();
    sheet.set_name("survey").map_err(err)?;
    let header = ["type", "name"]
        .iter()
        .map(|s| s.to_string())
        .chain(columns.iter().cloned())
        .chain(["relevant".to_string(), "constraint".to_string()]);
    for (c, h) in header.enumerate() {
        sheet.write_string(0, col(c)?, h).map_err(err)?;
    }
    for (r, row) in survey.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| FormatError::new("too many rows"))?;
        let cells = [Some(row.kind.as_str()), Some(row.name.as_str())]
            .into_iter()
            .chain(row.labels.iter().map(|l| Some(l.as_str())))
            .chain([row.relevant.as_deref(), row.constraint.as_deref()]);
        for (c, v) in cells.enumerate() {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                sheet.write_string(r, col(c)?, v).map_err(err)?;
            }
        }
    }

    let sheet = wb.add_worksheet();
    sheet.set_name("choices").map_err(err)?;
    let header = ["list_name", "name"].iter().map(|s| s.to_string()).chain(columns.iter().cloned());
    for (c, h) in header.enumerate() {
        sheet.write_string(0, col(c)?, h).map_err(err)?;
    }
    for (r, row) in choices.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| FormatError::new("too many rows"))?;
        let cells = [row.list.as_str(), row.name.as_str()].into_iter().chain(row.labels.iter().map(String::as_str));
        for (c, v) in cells.enumerate() {
            sheet.write_string(r, col(c)?, v).map_err(err)?;
        }
    }

    let sheet = wb.add_worksheet();
    sheet.set_name("settings").map_err(err)?;
    let title = instrument.title.get(default_language).cloned().unwrap_or_else(|| instrument.id.clone());
    let settings = [
        ("form_title", title),
        ("form_id", form_id(instrument).to_owned()),
        ("version", form_version(instrument).to_owned()),
        ("default_language", language_name(default_language)),
    ];
    for (c, (k, v)) in settings.iter().enumerate() {
        sheet.write_string(0, col(c)?, *k).map_err(err)?;
        sheet.write_string(1, col(c)?, v).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}

#[derive(Default)]
struct SurveyRow {
    kind: String,
    name: String,
    labels: Vec<String>,
    relevant: Option<String>,
    constraint: Option<String>,
}

impl SurveyRow {
    fn end_group() -> Self {
        SurveyRow { kind: "end_group".into(), ..SurveyRow::default() }
    }
}

struct ChoiceRow {
    list: String,
    name: String,
    labels: Vec<String>,
}

fn col(c: usize) -> Result<u16, FormatError> {
    u16::try_from(c).map_err(|_| FormatError::new("too many columns"))
}

fn option_labels(
    q: &Question,
    code: &str,
    languages: &[String],
    word: &dyn Fn(HostText<'_>, &str) -> String,
) -> Vec<String> {
    languages
        .iter()
        .map(|l| q.option_label(code, l).map_or_else(|| word(HostText::Option(code), l), str::to_owned))
        .collect()
}

/// An XLSForm name is an XML element name; haven's ids are snake case, and
/// anything else is refused rather than rewritten, so that a submission's
/// columns are the instrument's own ids.
fn check_name(name: &str) -> Result<(), FormatError> {
    let mut chars = name.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(())
    } else {
        Err(FormatError::new(format!("{name:?} cannot be a question name in an XLSForm")))
    }
}

/// A choice name goes into `relevant` expressions between single quotes and,
/// for `select_multiple`, is stored space-separated.
fn check_choice(question: &str, code: &str) -> Result<(), FormatError> {
    if code.is_empty() || code.chars().any(|c| c.is_whitespace() || c == '\'' || c == '"') {
        return Err(FormatError::new(format!("option {code:?} of question {question} cannot be an XLSForm choice")));
    }
    Ok(())
}

/// `asked_if` as an XLSForm `relevant` expression: the same triggers the
/// engine fires on (`Answer::fires`).
fn relevant(instrument: &Instrument, c: &Condition) -> Result<String, FormatError> {
    let on = instrument
        .question(&c.question)
        .ok_or_else(|| FormatError::new(format!("a condition refers to unknown question {}", c.question)))?;
    let field = format!("${{{}}}", on.id);
    let expr = match (&c.trigger, &on.answer) {
        (Trigger::Yes, AnswerType::YesNo) => format!("{field} = 'yes'"),
        (Trigger::AnyOf(opts), AnswerType::Choice(_) | AnswerType::MultiChoice(_)) if !opts.is_empty() => {
            let multi = matches!(on.answer, AnswerType::MultiChoice(_));
            let mut parts = Vec::new();
            for o in opts {
                check_choice(&on.id, o)?;
                parts.push(if multi { format!("selected({field}, '{o}')") } else { format!("{field} = '{o}'") });
            }
            parts.join(" or ")
        }
        (Trigger::AtLeast(n), AnswerType::Number) if n.is_finite() => format!("{field} >= {n}"),
        _ => return Err(FormatError::new(format!("a condition on {} cannot be written as XLSForm", on.id))),
    };
    Ok(expr)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx};

    use super::*;

    type Sheet = Vec<BTreeMap<String, String>>;

    /// Every sheet of the workbook as rows keyed by the header row.
    fn read(bytes: &[u8]) -> BTreeMap<String, Sheet> {
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
        let mut out = BTreeMap::new();
        for name in wb.sheet_names() {
            let range = wb.worksheet_range(&name).unwrap();
            let mut rows = range.rows();
            let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
            let sheet = rows
                .map(|r| {
                    header
                        .iter()
                        .zip(r)
                        .filter(|(_, c)| !matches!(c, Data::Empty))
                        .map(|(h, c)| (h.clone(), c.to_string()))
                        .collect()
                })
                .collect();
            out.insert(name, sheet);
        }
        out
    }

    fn catalogue(t: HostText<'_>, lang: &str) -> Option<String> {
        let en = english_default(t);
        match t {
            HostText::Option(_) => None,
            _ => Some(format!("{en} [{lang}]")),
        }
    }

    fn forced_criminality() -> Instrument {
        haven_instrument::find("forced-criminality").unwrap()
    }

    fn row<'a>(sheet: &'a Sheet, name: &str) -> &'a BTreeMap<String, String> {
        sheet
            .iter()
            .find(|r| r.get("name").map(String::as_str) == Some(name))
            .unwrap_or_else(|| panic!("no row {name}"))
    }

    #[test]
    fn r18_every_question_is_in_the_survey_in_every_language_and_none_is_required() {
        for i in haven_instrument::built_in() {
            let wb = read(&write_xlsform(&i, &catalogue).unwrap());
            assert_eq!(wb.keys().collect::<Vec<_>>(), ["choices", "settings", "survey"]);
            let survey = &wb["survey"];
            for q in &i.questions {
                let r = row(survey, &q.id);
                for lang in haven_core::screening::LANGUAGES {
                    let col = format!("label::{}", language_name(lang));
                    assert_eq!(r.get(&col), q.text.get(lang), "{} in {lang}", q.id);
                }
            }
            let header: Vec<&String> = survey.iter().flat_map(|r| r.keys()).collect();
            assert!(header.iter().all(|h| *h != "required"), "R18: no question is mandatory");
            assert!(header.iter().any(|h| *h == "label::ไทย (th)"));
            assert!(header.iter().any(|h| *h == "label::简体中文 (zh)"), "a script is not an IANA subtag");
            let settings = &wb["settings"][0];
            assert_eq!(settings["form_id"], i.id);
            assert_eq!(settings["version"], i.version);
            assert_eq!(settings["default_language"], "English (en)");
            // Groups open and close in step, titled in every language.
            let opens = survey.iter().filter(|r| r["type"] == "begin_group").count();
            let closes = survey.iter().filter(|r| r["type"] == "end_group").count();
            assert!(opens > 0);
            assert_eq!(opens, closes);
            let (section, title) = &i.sections[0];
            assert_eq!(row(survey, section).get("label::ไทย (th)"), title.get("th"));
        }
    }

    #[test]
    fn r06_decline_and_dont_know_stay_answers_on_every_question() {
        let i = forced_criminality();
        let wb = read(&write_xlsform(&i, &catalogue).unwrap());
        let choices = &wb["choices"];
        let list = |name: &str| -> Vec<&str> {
            choices.iter().filter(|r| r["list_name"] == name).map(|r| r["name"].as_str()).collect()
        };
        assert_eq!(list("yes_no"), ["yes", "no", "prefer_not_to_say", "dont_know"]);
        let survey = &wb["survey"];
        for q in &i.questions {
            let kind = &row(survey, &q.id)["type"];
            match &q.answer {
                AnswerType::YesNo => assert_eq!(kind, "select_one yes_no"),
                AnswerType::Choice(opts) | AnswerType::MultiChoice(opts) => {
                    let l = list(&q.id);
                    for code in opts.iter().map(String::as_str).chain([PREFER_NOT_TO_SAY, DONT_KNOW]) {
                        assert!(l.contains(&code), "{}: {code}", q.id);
                    }
                    let multi = matches!(q.answer, AnswerType::MultiChoice(_));
                    assert_eq!(kind, &format!("{} {}", if multi { "select_multiple" } else { "select_one" }, q.id));
                }
                _ => {
                    let c = row(survey, &format!("{}_no_answer", q.id));
                    assert_eq!(c["type"], "select_one no_answer");
                    assert!(c["relevant"].contains(&format!("${{{}}} = ''", q.id)));
                }
            }
        }
        assert_eq!(list("no_answer"), ["prefer_not_to_say", "dont_know"]);
        // The catalogue's words, in each language.
        let pnts = choices.iter().find(|r| r["list_name"] == "yes_no" && r["name"] == "prefer_not_to_say").unwrap();
        assert_eq!(pnts["label::ไทย (th)"], "Prefer not to say [th]");
    }

    #[test]
    fn skip_logic_becomes_relevant() {
        let i = forced_criminality();
        let survey = read(&write_xlsform(&i, &catalogue).unwrap()).remove("survey").unwrap();
        // A multi-choice "other" follow-up, and a single-choice one.
        assert_eq!(row(&survey, "recruited_by_person_other")["relevant"], "selected(${recruited_by_person}, 'other')");
        let platform =
            i.questions.iter().find(|q| q.asked_if.as_ref().is_some_and(|c| c.question == "recruitment_platform"));
        assert_eq!(row(&survey, &platform.unwrap().id)["relevant"], "${recruitment_platform} = 'other'");
        for q in &i.questions {
            assert_eq!(row(&survey, &q.id).contains_key("relevant"), q.asked_if.is_some(), "{}", q.id);
        }
        // A free-text follow-up's companion is asked only where the follow-up is.
        let c = row(&survey, "recruited_by_person_other_no_answer");
        assert_eq!(c["relevant"], "(selected(${recruited_by_person}, 'other')) and ${recruited_by_person_other} = ''");
    }

    #[test]
    fn every_kind_of_condition_is_written() {
        let mut i = forced_criminality();
        let yes_no = i.questions.iter().find(|q| q.answer == AnswerType::YesNo).unwrap().id.clone();
        let number = i.questions.iter().find(|q| q.answer == AnswerType::Number).unwrap().id.clone();
        let last = i.questions.len() - 1;
        i.questions[last].asked_if = Some(Condition { question: yes_no.clone(), trigger: Trigger::Yes });
        let e = relevant(&i, i.questions[last].asked_if.as_ref().unwrap()).unwrap();
        assert_eq!(e, format!("${{{yes_no}}} = 'yes'"));
        let c = Condition { question: number.clone(), trigger: Trigger::AtLeast(3.0) };
        assert_eq!(relevant(&i, &c).unwrap(), format!("${{{number}}} >= 3"));
        let c = Condition {
            question: "recruitment_platform".into(),
            trigger: Trigger::AnyOf(vec!["line".into(), "other".into()]),
        };
        assert_eq!(relevant(&i, &c).unwrap(), "${recruitment_platform} = 'line' or ${recruitment_platform} = 'other'");
        let c = Condition { question: yes_no, trigger: Trigger::AtLeast(1.0) };
        assert!(relevant(&i, &c).is_err(), "a trigger the question cannot answer is refused, never guessed");
    }

    #[test]
    fn options_are_labelled_from_the_instrument_else_the_catalogue_else_the_code() {
        let i = forced_criminality();
        let choices = read(&write_xlsform(&i, &catalogue).unwrap()).remove("choices").unwrap();
        let wechat =
            choices.iter().find(|r| r["list_name"] == "recruitment_platform" && r["name"] == "wechat").unwrap();
        let q = i.question("recruitment_platform").unwrap();
        assert_eq!(Some(wechat["label::简体中文 (zh)"].as_str()), q.option_label("wechat", "zh-Hans"));

        let mut bare = i.clone();
        for q in &mut bare.questions {
            q.option_text.clear();
        }
        let host = |t: HostText<'_>, lang: &str| match t {
            HostText::Option("wechat") => Some(format!("WeChat [{lang}]")),
            _ => None,
        };
        let choices = read(&write_xlsform(&bare, &host).unwrap()).remove("choices").unwrap();
        let label = |code: &str| {
            choices.iter().find(|r| r["list_name"] == "recruitment_platform" && r["name"] == code).unwrap()
                ["label::ไทย (th)"]
                .clone()
        };
        assert_eq!(label("wechat"), "WeChat [th]");
        assert_eq!(label("telegram"), "telegram");
        let yes = choices.iter().find(|r| r["list_name"] == "yes_no" && r["name"] == "yes").unwrap();
        assert_eq!(yes["label::ไทย (th)"], "Yes", "English stands in where the host has no word");
    }

    #[test]
    fn a_name_xlsform_cannot_hold_is_refused() {
        let mut i = forced_criminality();
        i.questions[0].id = "1 bad".into();
        assert!(write_xlsform(&i, &catalogue).is_err());
    }
}
