use std::collections::BTreeMap;

use haven_core::screening::{Answer, AnswerType, Instrument};
use proptest::prelude::*;

use super::*;
use crate::xlsform::has_companion;

fn fc() -> Instrument {
    haven_instrument::find("forced-criminality").unwrap()
}

/// forced-criminality with a date question, which no built-in has yet.
fn with_date() -> Instrument {
    let mut i = fc();
    let q = i.questions.iter_mut().find(|q| q.id == "recruiter_handle").unwrap();
    q.answer = AnswerType::Date;
    i
}

fn limits() -> Limits {
    Limits::default()
}

fn answers(pairs: &[(&str, Answer)]) -> BTreeMap<String, Answer> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

/// Each question's field and companion field as ODK fills them in:
/// `(group, name, value)`, blank where not answered.
fn odk_values(i: &Instrument, a: &BTreeMap<String, Answer>) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for q in &i.questions {
        let (value, declined) = match a.get(&q.id) {
            None => (String::new(), String::new()),
            Some(Answer::Yes) => ("yes".into(), String::new()),
            Some(Answer::No) => ("no".into(), String::new()),
            Some(Answer::Choice(c) | Answer::Text(c)) => (c.clone(), String::new()),
            Some(Answer::Multi(cs)) => (cs.join(" "), String::new()),
            Some(Answer::Number(n)) => (format!("{}", *n as i64), String::new()),
            Some(d @ (Answer::PreferNotToSay | Answer::DontKnow)) => {
                let code = if *d == Answer::PreferNotToSay { "prefer_not_to_say" } else { "dont_know" };
                if has_companion(&q.answer) {
                    (String::new(), code.into())
                } else {
                    (code.into(), String::new())
                }
            }
        };
        out.push((q.section.clone(), q.id.clone(), value));
        if has_companion(&q.answer) {
            out.push((q.section.clone(), format!("{}_no_answer", q.id), declined));
        }
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// An instance as ODK Collect writes it: one group per run of a section,
/// every field present, blank ones empty.
fn xml_of(i: &Instrument, values: &[(String, String, String)], outer: Option<&str>) -> String {
    let mut body = String::new();
    let mut open: Option<&str> = None;
    for (group, name, value) in values {
        if open != Some(group.as_str()) {
            if let Some(g) = open {
                body.push_str(&format!("</{g}>"));
            }
            body.push_str(&format!("<{group}>"));
            open = Some(group);
        }
        if value.is_empty() {
            body.push_str(&format!("<{name}/>"));
        } else {
            body.push_str(&format!("<{name}>{}</{name}>", escape(value)));
        }
    }
    if let Some(g) = open {
        body.push_str(&format!("</{g}>"));
    }
    if let Some(o) = outer {
        body = format!("<{o}>{body}</{o}>");
    }
    format!(
        "<?xml version='1.0' encoding='UTF-8' ?><data id=\"{}\" version=\"{}\" xmlns:h=\"http://www.w3.org/1999/xhtml\" \
         xmlns:jr=\"http://openrosa.org/javarosa\" xmlns:orx=\"http://openrosa.org/xforms\">{body}\
         <meta><instanceID>uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90</instanceID></meta></data>",
        i.id, i.version
    )
}

fn xml(i: &Instrument, a: &BTreeMap<String, Answer>) -> String {
    xml_of(i, &odk_values(i, a), None)
}

/// One submission as KoboToolbox's API gives it: blank fields left out,
/// KoboToolbox's own metadata beside the answers.
fn kobo_of(values: &[(String, String, String)]) -> String {
    let mut o = serde_json::json!({
        "_id": 48213,
        "formhub/uuid": "0c2a4f3e9d8b4b6aa1f0e7d6c5b4a392",
        "start": "2026-03-02T09:14:05.000+07:00",
        "end": "2026-03-02T09:41:52.000+07:00",
        "__version__": "vQm4rT8sPzK2xW9nYhB3dF",
        "meta/instanceID": "uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90",
        "meta/rootUuid": "uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90",
        "_xform_id_string": "aHk2Q9vTz3sLmP8rWcX4eN",
        "_uuid": "7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90",
        "_attachments": [],
        "_status": "submitted_via_web",
        "_geolocation": [null, null],
        "_submission_time": "2026-03-02T02:42:10",
        "_tags": [],
        "_notes": [],
        "_validation_status": {},
        "_submitted_by": null
    });
    for (group, name, value) in values {
        if !value.is_empty() {
            o[format!("{group}/{name}")] = value.clone().into();
        }
    }
    o.to_string()
}

fn kobo(i: &Instrument, a: &BTreeMap<String, Answer>) -> String {
    kobo_of(&odk_values(i, a))
}

fn read(i: &Instrument, text: &str) -> Result<Submission, FormatError> {
    read_submission(i, text.as_bytes(), &limits())
}

fn err(i: &Instrument, text: &str) -> String {
    match read(i, text) {
        Ok(s) => panic!("accepted: {:?}", s.answers),
        Err(e) => e.message,
    }
}

/// The answers of a whole interview, one of every kind.
fn interview() -> BTreeMap<String, Answer> {
    answers(&[
        ("recruited_job_ad", Answer::Yes),
        ("abducted", Answer::No),
        ("passport_taken", Answer::PreferNotToSay),
        ("phone_taken", Answer::DontKnow),
        ("recruited_by_person", Answer::Multi(vec!["agent_or_broker".into(), "other".into()])),
        ("recruited_by_person_other", Answer::Text("A man at the bus station in Myawaddy".into())),
        ("recruitment_platform", Answer::Choice("telegram".into())),
        ("recruiter_handle", Answer::DontKnow),
        ("hours_per_day", Answer::Number(16.0)),
        ("compound_province", Answer::PreferNotToSay),
    ])
}

#[test]
fn a_submission_from_odk_collect_becomes_the_answers_given() {
    let i = fc();
    let s = read(&i, &xml(&i, &interview())).unwrap();
    assert_eq!(s.answers, interview());
    assert_eq!(s.format, Format::OdkXml);
    assert_eq!(s.form_id.as_deref(), Some("forced-criminality"));
    assert_eq!(s.version.as_deref(), Some(i.version.as_str()));
    assert_eq!(s.instance_id.as_deref(), Some("uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90"));
    // The same through the XML reader itself.
    assert_eq!(read_xml(&i, xml(&i, &interview()).as_bytes(), &limits()).unwrap(), s);
}

#[test]
fn a_kobo_submission_becomes_the_same_answers_and_its_metadata_is_ignored() {
    let i = fc();
    let s = read(&i, &kobo(&i, &interview())).unwrap();
    assert_eq!(s.answers, interview());
    assert_eq!(s.format, Format::KoboJson);
    // KoboToolbox's own ids say nothing of the instrument.
    assert_eq!((s.form_id, s.version), (None, None));
    assert_eq!(s.instance_id.as_deref(), Some("uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90"));
    assert_eq!(read_kobo_json(&i, kobo(&i, &interview()).as_bytes(), &limits()).unwrap().answers, interview());

    // A number may come as a JSON number, and a bare key without its group.
    let text = r#"{"work/hours_per_day": 12, "recruited_job_ad": "yes", "end": "2026-03-02T09:41:52+07:00"}"#;
    let s = read(&i, text).unwrap();
    assert_eq!(s.answers, answers(&[("hours_per_day", Answer::Number(12.0)), ("recruited_job_ad", Answer::Yes)]));
}

#[test]
fn r06_blank_field_is_not_no() {
    let i = fc();
    let xml = format!(
        "<data id=\"{}\" version=\"{}\"><recruitment><recruited_job_ad/><abducted></abducted>\
         <recruited_by_person> </recruited_by_person><recruitment_platform>\n</recruitment_platform>\
         <recruiter_handle>  </recruiter_handle><recruiter_handle_no_answer/></recruitment>\
         <work><hours_per_day/><hours_per_day_no_answer></hours_per_day_no_answer></work><control/></data>",
        i.id, i.version
    );
    let s = read(&i, &xml).unwrap();
    assert!(s.answers.is_empty(), "{:?}", s.answers);
    let json = r#"{"recruitment/recruited_job_ad": null, "recruitment/abducted": "",
        "work/hours_per_day": null, "work/hours_per_day_no_answer": "", "recruitment/recruited_by_person": " "}"#;
    assert!(read(&i, json).unwrap().answers.is_empty());
    // Only the questions answered are in the answers; the rest stay open.
    let one = answers(&[("abducted", Answer::No)]);
    assert_eq!(read(&i, &kobo(&i, &one)).unwrap().answers, one);
    assert_eq!(read(&i, &self::xml(&i, &one)).unwrap().answers, one);
}

#[test]
fn r18_a_submission_with_no_answers_at_all_is_read() {
    let i = fc();
    let empty = BTreeMap::new();
    assert!(read(&i, &xml(&i, &empty)).unwrap().answers.is_empty());
    assert!(read(&i, &kobo(&i, &empty)).unwrap().answers.is_empty());
    assert!(read(&i, &format!("<data id=\"{}\"/>", i.id)).unwrap().answers.is_empty());
    assert!(read(&i, "{}").unwrap().answers.is_empty());
}

#[test]
fn r06_declines_come_from_the_list_or_from_the_companion() {
    let i = fc();
    let declined = answers(&[
        ("recruited_job_ad", Answer::PreferNotToSay),
        ("recruitment_platform", Answer::DontKnow),
        ("recruited_by_person", Answer::PreferNotToSay),
        ("hours_per_day", Answer::DontKnow),
        ("recruiter_handle", Answer::PreferNotToSay),
        ("compound_province", Answer::DontKnow),
    ]);
    let values = odk_values(&i, &declined);
    // Number, text and place questions decline through their companions.
    let field = |name: &str| values.iter().find(|(_, n, _)| n == name).unwrap().2.as_str();
    assert_eq!((field("hours_per_day"), field("hours_per_day_no_answer")), ("", "dont_know"));
    assert_eq!(field("recruited_job_ad"), "prefer_not_to_say");
    assert_eq!(read(&i, &xml(&i, &declined)).unwrap().answers, declined);
    assert_eq!(read(&i, &kobo(&i, &declined)).unwrap().answers, declined);
}

#[test]
fn r06_a_companion_left_beside_an_answer_is_ignored_as_the_form_hides_it() {
    // The XLSForm asks the companion only while its question is blank, so
    // a companion beside an answer was left from before the answer.
    let i = fc();
    let xml = format!(
        "<data id=\"{}\"><work><hours_per_day>14</hours_per_day>\
         <hours_per_day_no_answer>prefer_not_to_say</hours_per_day_no_answer></work></data>",
        i.id
    );
    assert_eq!(read(&i, &xml).unwrap().answers, answers(&[("hours_per_day", Answer::Number(14.0))]));
    let json = r#"{"facts/compound_province": "Shwe Kokko", "facts/compound_province_no_answer": "dont_know"}"#;
    assert_eq!(read(&i, json).unwrap().answers, answers(&[("compound_province", Answer::Text("Shwe Kokko".into()))]));
    // It must still be one of the two: anything else is not the form's.
    let json = r#"{"facts/compound_province": "Shwe Kokko", "facts/compound_province_no_answer": "no"}"#;
    let e = err(&i, json);
    assert!(e.contains("compound_province_no_answer") && e.contains("prefer_not_to_say or dont_know"), "{e}");
    // A yes/no or choice question has no companion: its own list declines.
    let e = err(&i, r#"{"recruitment/recruited_job_ad_no_answer": "dont_know"}"#);
    assert!(e.contains("recruited_job_ad_no_answer") && e.contains("not a question"), "{e}");
}

#[test]
fn groups_may_nest_and_only_the_field_name_says_the_question() {
    let i = fc();
    let a = interview();
    let nested = xml_of(&i, &odk_values(&i, &a), Some("screening"));
    assert!(nested.contains("<screening><recruitment>"));
    assert_eq!(read(&i, &nested).unwrap().answers, a);
    let deeper = nested.replace("<screening>", "<screening><part>").replace("</screening>", "</part></screening>");
    assert_eq!(read(&i, &deeper).unwrap().answers, a);
    let json = r#"{"screening/work/hours_per_day": "9", "recruitment/recruited_job_ad": "no"}"#;
    assert_eq!(
        read(&i, json).unwrap().answers,
        answers(&[("hours_per_day", Answer::Number(9.0)), ("recruited_job_ad", Answer::No)])
    );
    // A section's group written empty is a group with nothing in it.
    assert!(read(&i, &format!("<data id=\"{}\"><recruitment/><control></control></data>", i.id)).is_ok());
    // A question is never a group.
    let e = err(&i, r#"{"recruitment/recruited_by_person/agent_or_broker": "1"}"#);
    assert!(e.contains("question recruited_by_person holds other fields"), "{e}");
}

#[test]
fn the_form_id_and_version_must_be_the_instruments() {
    let i = fc();
    let good = xml(&i, &interview());
    let other = good.replace("id=\"forced-criminality\"", "id=\"vulnerability\"");
    let e = err(&i, &other);
    assert_eq!(
        e,
        format!(
            "this submission is for form \"vulnerability\" version {:?}; this instrument is \"forced-criminality\" version {:?}",
            i.version, i.version
        )
    );
    let older = good.replace(&format!("version=\"{}\"", i.version), "version=\"1.0.0\"");
    let e = err(&i, &older);
    assert!(e.contains("version \"1.0.0\"") && e.contains(&format!("version {:?}", i.version)), "{e}");
    // ODK Central may write the version in the OpenRosa namespace.
    let orx = good.replace(&format!(" version=\"{}\"", i.version), " orx:version=\"1.0.0\"");
    assert!(err(&i, &orx).contains("\"1.0.0\""));
    // Neither is required: an instance without them is read by its fields.
    let bare = good.replace(&format!(" id=\"{}\" version=\"{}\"", i.id, i.version), "");
    let s = read(&i, &bare).unwrap();
    assert_eq!((s.form_id, s.version, s.answers), (None, None, interview()));
    // A form hosted by KoboToolbox carries its ids: the error says what to do.
    let kobo_xml = good
        .replace("id=\"forced-criminality\"", "id=\"aHk2Q9vTz3sLmP8rWcX4eN\"")
        .replace("<meta>", "<formhub><uuid>0c2a4f3e</uuid></formhub><meta>");
    assert!(err(&i, &kobo_xml).contains("import its JSON export instead"));
    // Another instrument's submission, through the JSON door, is refused by its fields.
    let v = haven_instrument::find("vulnerability").unwrap();
    let q = v.questions.iter().find(|q| i.question(&q.id).is_none()).unwrap();
    let e = err(&i, &format!("{{\"{}/{}\": \"yes\"}}", q.section, q.id));
    assert!(e.contains(&q.id) && e.contains("is not a question of instrument forced-criminality"), "{e}");
}

#[test]
fn unknown_fields_are_refused_by_name_and_metadata_is_not_unknown() {
    let i = fc();
    let xml =
        format!("<data id=\"{}\"><recruitment><favourite_colour>blue</favourite_colour></recruitment></data>", i.id);
    let e = err(&i, &xml);
    assert!(e.starts_with("\"recruitment/favourite_colour\" is not a question"), "{e}");
    let e = err(&i, r#"{"recruitment/favourite_colour": "blue"}"#);
    assert!(e.starts_with("\"recruitment/favourite_colour\" is not a question"), "{e}");
    // Even blank: a field the form does not have means another form.
    assert!(err(&i, &format!("<data id=\"{}\"><x><favourite_colour/></x></data>", i.id)).contains("favourite_colour"));
    // ODK's and KoboToolbox's metadata, wherever they put it.
    let xml = format!(
        "<data id=\"{}\"><start>2026-03-02T09:14:05+07:00</start><deviceid>collect:x</deviceid>\
         <__version__>vQm4</__version__><formhub><uuid>0c2a</uuid></formhub>\
         <meta><instanceID>uuid:1</instanceID><deprecatedID>uuid:0</deprecatedID><instanceName>n</instanceName></meta></data>",
        i.id
    );
    let s = read(&i, &xml).unwrap();
    assert_eq!(s.instance_id.as_deref(), Some("uuid:1"));
    // A question given twice is ambiguous.
    let e = err(&i, r#"{"recruitment/abducted": "yes", "abducted": "no"}"#);
    assert_eq!(e, "question abducted appears twice in the submission");
    let e = err(&i, &format!("<data id=\"{}\"><a><abducted>yes</abducted></a><b><abducted/></b></data>", i.id));
    assert_eq!(e, "question abducted appears twice in the submission");
    assert!(err(&i, r#"{"abducted": "yes", "abducted": "yes"}"#).contains("twice"));
}

#[test]
fn malformed_values_are_refused_naming_the_question() {
    let i = fc();
    let cases: &[(&str, &str)] = &[
        (r#"{"recruited_job_ad": "maybe"}"#, "question recruited_job_ad: the answer must be yes, no"),
        (r#"{"recruited_job_ad": "yes no"}"#, "question recruited_job_ad:"),
        (r#"{"recruited_job_ad": true}"#, "question recruited_job_ad:"),
        (
            r#"{"recruitment_platform": "myspace"}"#,
            "question recruitment_platform: the answer must be one of its options",
        ),
        (r#"{"recruited_by_person": "friend myspace"}"#, "question recruited_by_person: the answer must be some"),
        (r#"{"recruited_by_person": "friend friend"}"#, "question recruited_by_person:"),
        (r#"{"recruited_by_person": "friend dont_know"}"#, "question recruited_by_person:"),
        (r#"{"recruited_by_person": ["friend"]}"#, "question recruited_by_person:"),
        (r#"{"hours_per_day": "twelve"}"#, "question hours_per_day: the answer must be a whole number"),
        (r#"{"hours_per_day": "12.5"}"#, "question hours_per_day:"),
        (r#"{"hours_per_day": 12.5}"#, "question hours_per_day:"),
        (r#"{"hours_per_day": "99999999999999999999"}"#, "question hours_per_day:"),
        (r#"{"hours_per_day": 18446744073709551615}"#, "question hours_per_day:"),
        (r#"{"hours_per_day": "prefer_not_to_say"}"#, "question hours_per_day:"),
        (r#"{"recruited_job_ad": 1}"#, "question recruited_job_ad:"),
        (r#"{"recruiter_handle": "Ko\u202eAung"}"#, "question recruiter_handle: the text contains invisible"),
        (r#"{"recruiter_handle": {"a": 1}}"#, "question recruiter_handle:"),
        (r#"{"meta/instanceID": "uuid: with spaces"}"#, "meta/instanceID is not an instance id"),
    ];
    for (json, expected) in cases {
        let e = err(&i, json);
        assert!(e.starts_with(expected), "{json}: {e}");
    }
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    assert!(err(&i, &format!("{{\"recruiter_handle\": \"{long}\"}}")).contains("too long"));
}

#[test]
fn r23_an_error_never_repeats_the_persons_words() {
    let i = fc();
    let words = "Ko Aung took us to Shwe Kokko";
    for text in [
        format!("{{\"recruited_job_ad\": \"{words}\"}}"),
        format!("{{\"hours_per_day\": \"{words}\"}}"),
        format!("{{\"compound_province_no_answer\": \"{words}\"}}"),
        format!("<data><recruitment><recruitment_platform>{words}</recruitment_platform></recruitment></data>"),
        format!("<data><recruitment><recruitment_platform>{words}</recruitment_platform><x></data>"),
    ] {
        let e = err(&i, &text);
        assert!(!e.contains("Aung") && !e.contains("Kokko"), "{e}");
    }
}

#[test]
fn dates_are_days_of_the_calendar_as_odk_writes_them() {
    let i = with_date();
    let s = read(&i, r#"{"recruitment/recruiter_handle": "2024-02-29"}"#).unwrap();
    assert_eq!(s.answers, answers(&[("recruiter_handle", Answer::Text("2024-02-29".into()))]));
    for bad in ["2023-02-29", "2024-13-01", "2024-1-01", "01/02/2024", "2024-02-29T00:00", "+024-02-01"] {
        let e = err(&i, &format!("{{\"recruiter_handle\": \"{bad}\"}}"));
        assert!(e.starts_with("question recruiter_handle: the answer must be a date"), "{bad}: {e}");
    }
    let declined = answers(&[("recruiter_handle", Answer::DontKnow)]);
    assert_eq!(read(&i, &xml(&i, &declined)).unwrap().answers, declined);
}

#[test]
fn xml_text_is_read_with_the_five_entities_and_character_references() {
    let i = fc();
    let xml = format!(
        "<data id=\"{}\"><facts><compound_province>KK Park &amp; Dongmei &#x2014; &lt;Myawaddy&gt; &#39;&quot;&apos;</compound_province>\
         <recruiter_handle><![CDATA[@recruit_<th>]]></recruiter_handle></facts><!-- a comment --></data>",
        i.id
    );
    let s = read(&i, &xml).unwrap();
    assert_eq!(s.answers["compound_province"], Answer::Text("KK Park & Dongmei \u{2014} <Myawaddy> '\"'".into()));
    assert_eq!(s.answers["recruiter_handle"], Answer::Text("@recruit_<th>".into()));
}

#[test]
fn a_doctype_is_refused_and_no_other_entity_is_expanded() {
    let i = fc();
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE data [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\
                  <data><facts><compound_province>&lol2;</compound_province></facts></data>";
    assert!(err(&i, laughs).contains("DOCTYPE"));
    let e = err(&i, "<data><facts><compound_province>&lol;</compound_province></facts></data>");
    assert!(e.contains("entity &lol; is refused"), "{e}");
    let e = err(&i, "<data id=\"&lol;\"/>");
    assert!(e.starts_with("not well-formed XML"), "{e}");
    assert!(err(&i, "<data><facts><compound_province>&#0;</compound_province></facts></data>").contains("character"));
    assert!(err(&i, "<data><facts><compound_province>&#x1;</compound_province></facts></data>").contains("character"));
}

#[test]
fn limits_hold_before_and_while_parsing() {
    let i = fc();
    let small = Limits { max_bytes: 100, ..limits() };
    let big = xml(&i, &interview());
    assert!(read_submission(&i, big.as_bytes(), &small).unwrap_err().message.contains("at most 100 are read"));
    assert!(read_submission(&i, kobo(&i, &interview()).as_bytes(), &small).is_err());

    let deep = format!("<data>{}{}</data>", "<g>".repeat(20), "</g>".repeat(20));
    assert!(err(&i, &deep).contains("more than 16 deep"));
    let deep_json = format!("{{\"_x\": {}{}}}", "[".repeat(20), "]".repeat(20));
    assert!(err(&i, &deep_json).contains("more than 16 deep"));
    let deep_key = format!("{{\"{}abducted\": \"no\"}}", "g/".repeat(20));
    assert!(err(&i, &deep_key).contains("too deep"));
    // Brackets inside strings are not nesting.
    assert!(read(&i, &format!("{{\"_note\": \"{}\"}}", "[{".repeat(50))).is_ok());

    // A group's name is kept for each field in it, so names are short.
    let long = format!("<data><{g}>{}</{g}></data>", "<_x/>".repeat(100), g = "g".repeat(300));
    assert!(err(&i, &long).contains("longer than 256 bytes"));

    let few = Limits { max_fields: 10, ..limits() };
    let many = format!("<data>{}</data>", "<_x/>".repeat(11));
    assert!(read_submission(&i, many.as_bytes(), &few).unwrap_err().message.contains("more than 10 elements"));
    let many = format!("{{{}\"_y\": 0}}", (0..10).map(|n| format!("\"_x{n}\": 0, ")).collect::<String>());
    assert!(read_submission(&i, many.as_bytes(), &few).unwrap_err().message.contains("more than 10 keys"));
    let ten = format!("{{{}}}", (0..10).map(|n| format!("\"_x{n}\": 0")).collect::<Vec<_>>().join(", "));
    assert!(read_submission(&i, ten.as_bytes(), &few).is_ok());
}

#[test]
fn anything_but_one_utf8_submission_is_refused_as_a_whole() {
    let i = fc();
    let cases: &[(&[u8], &str)] = &[
        (b"", "neither an ODK submission"),
        (b"recruited_job_ad=yes", "neither an ODK submission"),
        (b"[{\"abducted\": \"no\"}]", "neither an ODK submission"),
        (b"<data>\xff</data>", "not UTF-8 text (from byte 6)"),
        (b"\xff\xfe<\x00d\x00", "not UTF-8"),
        (b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><data/>", "encoding other than UTF-8"),
        (b"<data/><data/>", "more than one root element"),
        (b"<data/>text", "text outside its root element"),
        (b"<data><recruitment>", "ends inside element \"recruitment\""),
        (b"<data><recruitment></control></data>", "not well-formed XML"),
        (b"<data>yes<recruitment/></data>", "holds both text and other elements"),
        (b"<data><recruitment><abducted>no</abducted>x</recruitment></data>", "holds both text"),
        (b"<data>yes</data>", "root element holds text"),
        (b"<data id=\"a\" id=\"b\"/>", "not well-formed XML"),
        (b"{\"abducted\": \"no\"", "cannot read the JSON"),
        (b"{\"abducted\": \"no\"}\n{\"abducted\": \"yes\"}", "cannot read the JSON"),
        (b"{\"count\": 2, \"next\": null, \"results\": []}", "give one item of its results"),
        (b"{\"recruitment//abducted\": \"no\"}", "is not a field of a form"),
    ];
    for (bytes, expected) in cases {
        let e = read_submission(&i, bytes, &limits()).unwrap_err().message;
        assert!(e.contains(expected), "{}: {e}", String::from_utf8_lossy(bytes));
    }
    // A byte order mark and a trailing line break are fine.
    let mut bom = "\u{feff}".as_bytes().to_vec();
    bom.extend_from_slice(kobo(&i, &interview()).as_bytes());
    bom.push(b'\n');
    assert_eq!(read_submission(&i, &bom, &limits()).unwrap().answers, interview());
    // Each reader refuses the other's shape.
    assert!(read_xml(&i, b"{}", &limits()).is_err());
    assert!(read_kobo_json(&i, b"<data/>", &limits()).is_err());
}

#[test]
fn the_xlsform_hides_the_companion_once_its_question_is_answered() {
    // The stale-companion rule above rests on this `relevant`.
    use calamine::{Reader as _, Xlsx};
    let i = fc();
    let bytes = crate::xlsform::write_xlsform(&i, &|_, _| None).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let survey = wb.worksheet_range("survey").unwrap();
    let rows: Vec<Vec<String>> = survey.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (name, relevant) = (col("name"), col("relevant"));
    let companions: Vec<&Vec<String>> = rows.iter().filter(|r| r[name].ends_with("_no_answer")).collect();
    assert!(!companions.is_empty());
    for r in companions {
        let q = r[name].trim_end_matches("_no_answer");
        assert!(r[relevant].ends_with(&format!("${{{q}}} = ''")), "{}", r[relevant]);
    }
    let settings = wb.worksheet_range("settings").unwrap();
    let values: Vec<String> = settings.rows().nth(1).unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(values[1], crate::xlsform::form_id(&i));
    assert_eq!(values[2], crate::xlsform::form_version(&i));
}

// ---------------------------------------------------------------- properties

fn text_answer() -> impl Strategy<Value = Option<String>> {
    "[a-zA-Z0-9 &<>'\"ก-ฮ@._-]{0,24}".prop_map(|s| {
        let t = s.trim().to_owned();
        (!t.is_empty()).then_some(t)
    })
}

fn answer_for(q: &haven_core::screening::Question) -> BoxedStrategy<Option<Answer>> {
    let decline = prop_oneof![Just(Answer::PreferNotToSay), Just(Answer::DontKnow)];
    // An option coded like a decline (`compound_country`'s `dont_know`) is
    // that decline, in the XLSForm's list as in every reader of answers.
    let opts = |o: &Vec<String>| -> Vec<String> {
        o.iter().filter(|c| !matches!(c.as_str(), "prefer_not_to_say" | "dont_know")).cloned().collect()
    };
    let given: BoxedStrategy<Option<Answer>> = match &q.answer {
        AnswerType::YesNo => prop_oneof![Just(Answer::Yes), Just(Answer::No)].prop_map(Some).boxed(),
        AnswerType::Choice(o) => prop::sample::select(opts(o)).prop_map(|c| Some(Answer::Choice(c))).boxed(),
        AnswerType::MultiChoice(o) => {
            let o = opts(o);
            let n = o.len();
            prop::sample::subsequence(o, 1..=n).prop_map(|cs| Some(Answer::Multi(cs))).boxed()
        }
        AnswerType::Number => (0u32..100_000).prop_map(|n| Some(Answer::Number(f64::from(n)))).boxed(),
        AnswerType::Date => (1900i32..2100, 1u8..=12, 1u8..=28)
            .prop_map(|(y, m, d)| Some(Answer::Text(format!("{y:04}-{m:02}-{d:02}"))))
            .boxed(),
        AnswerType::Place | AnswerType::FreeText => text_answer().prop_map(|t| t.map(Answer::Text)).boxed(),
    };
    prop_oneof![2 => Just(None), 1 => decline.prop_map(Some), 4 => given].boxed()
}

fn instrument_and_answers() -> impl Strategy<Value = (Instrument, BTreeMap<String, Answer>)> {
    let mut instruments = haven_instrument::built_in();
    instruments.push(with_date());
    prop::sample::select(instruments).prop_flat_map(|i| {
        let per_question: Vec<BoxedStrategy<Option<Answer>>> = i.questions.iter().map(answer_for).collect();
        let ids: Vec<String> = i.questions.iter().map(|q| q.id.clone()).collect();
        (Just(i), per_question).prop_map(move |(i, given)| {
            let a = ids.iter().cloned().zip(given).filter_map(|(id, a)| a.map(|a| (id, a))).collect();
            (i, a)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn r06_random_answers_come_back_the_same_through_xml_and_kobo_json(
        (i, a) in instrument_and_answers(),
        nested in any::<bool>(),
    ) {
        let values = odk_values(&i, &a);
        let x = xml_of(&i, &values, nested.then_some("screening"));
        let back = read(&i, &x);
        prop_assert!(back.is_ok(), "{:?}", back.as_ref().err());
        prop_assert_eq!(&back.unwrap().answers, &a);
        let back = read(&i, &kobo_of(&values));
        prop_assert!(back.is_ok(), "{:?}", back.as_ref().err());
        prop_assert_eq!(&back.unwrap().answers, &a);
    }

    #[test]
    fn the_readers_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let i = fc();
        let _ = read_submission(&i, &bytes, &limits());
        let _ = read_xml(&i, &bytes, &limits());
        let _ = read_kobo_json(&i, &bytes, &limits());
    }

    #[test]
    fn the_readers_never_panic_on_broken_submissions(
        (i, a) in instrument_and_answers(),
        cut in any::<prop::sample::Index>(),
        junk in "[<>&;/{}\\[\\]\"#x0-9a-z:!-]{0,8}",
    ) {
        let tiny = Limits { max_bytes: 1 << 20, max_depth: 3, max_fields: 40 };
        for text in [xml(&i, &a), kobo(&i, &a)] {
            let mut at = cut.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let broken = format!("{}{junk}{}", &text[..at], &text[at..]);
            let _ = read(&i, &broken);
            let _ = read_submission(&i, broken.as_bytes(), &tiny);
        }
    }
}

/// The faults a caseworker can fix carry a code the page words in their
/// language, naming the question, never the answer given.
#[test]
fn r18_a_fixable_fault_carries_its_code_and_the_question_not_the_answer() {
    let i = fc();
    let a = answers(&[("abducted", Answer::No)]);
    let bad = xml(&i, &a).replace("<abducted>no</abducted>", "<abducted>secret words</abducted>");
    let e = read_submission(&i, bad.as_bytes(), &limits()).unwrap_err();
    assert_eq!(e.code, Some("odk_bad_answer"));
    assert_eq!(e.args, vec![("question", "abducted".to_owned())]);
    assert!(!e.message.contains("secret words") && e.args.iter().all(|(_, v)| !v.contains("secret")));
    let e = read_submission(&i, b"plain text", &limits()).unwrap_err();
    assert_eq!(e.code, Some("odk_not_a_submission"));
    let twice = xml(&i, &a).replace("<abducted>no</abducted>", "<abducted>no</abducted><abducted>yes</abducted>");
    assert_eq!(read_submission(&i, twice.as_bytes(), &limits()).unwrap_err().code, Some("odk_question_twice"));
    let other =
        xml(&i, &a).replace("<abducted>no</abducted>", "<abducted>no</abducted><not_a_question>x</not_a_question>");
    let e = read_submission(&i, other.as_bytes(), &limits()).unwrap_err();
    assert_eq!(e.code, Some("odk_unknown_field"));
}

/// The same interview as the exports write it: one heading row, a row per
/// submission, the instanceID among the metadata.
fn export_csv(i: &Instrument, rows: &[BTreeMap<String, Answer>], sep: char, central: bool) -> String {
    let values: Vec<Vec<(String, String, String)>> = rows.iter().map(|a| odk_values(i, a)).collect();
    let join = |group: &str, name: &str| if central { format!("{group}-{name}") } else { format!("{group}/{name}") };
    let (when, inst, by) = if central {
        ("SubmissionDate", "meta-instanceID", "SubmitterName")
    } else {
        ("_submission_time", "meta/instanceID", "_submitted_by")
    };
    let mut head = vec![when.to_owned(), by.to_owned()];
    head.extend(values[0].iter().map(|(g, n, _)| join(g, n)));
    head.push(inst.to_owned());
    let mut out = head.join(&sep.to_string());
    out.push('\n');
    for (k, v) in values.iter().enumerate() {
        let mut cells = vec![format!("2026-03-0{}T10:00:00", k + 1), "field.team".to_owned()];
        cells.extend(v.iter().map(|(_, _, value)| value.clone()));
        cells.push(format!("uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c9{k}"));
        out.push_str(&cells.join(&sep.to_string()));
        out.push('\n');
    }
    out
}

#[test]
fn r06_an_export_of_many_submissions_reads_each_row_as_one_submission_would_be() {
    let i = fc();
    let mut second = interview();
    second.insert("abducted".into(), Answer::Yes);
    for (sep, central) in [(';', false), (',', false), (',', true)] {
        let csv = export_csv(&i, &[interview(), second.clone()], sep, central);
        let rows = read_export(&i, csv.as_bytes(), &limits()).unwrap();
        assert_eq!(rows.len(), 2, "{sep} central={central}");
        assert_eq!(rows[0].row, 2, "the heading is row 1");
        assert_eq!(rows[0].read.as_ref().unwrap().answers, interview(), "{sep} central={central}");
        assert_eq!(rows[1].read.as_ref().unwrap().answers, second);
        assert_eq!(rows[1].submitted.as_deref(), Some("2026-03-02T10:00"), "to the minute");
        assert_eq!(rows[1].by.as_deref(), Some("field.team"));
        assert_eq!(
            rows[0].read.as_ref().unwrap().instance_id.as_deref(),
            Some("uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90")
        );
    }
    // KoboToolbox's JSON export (a list) and its API (`results`).
    let one = kobo(&i, &interview());
    for text in [format!("[{one},{one}]"), format!("{{\"count\":1,\"results\":[{one}]}}"), one.clone()] {
        let rows = read_export(&i, text.as_bytes(), &limits()).unwrap();
        assert!(!rows.is_empty());
        assert_eq!(rows[0].read.as_ref().unwrap().answers, interview());
        assert_eq!(rows[0].submitted.as_deref(), Some("2026-03-02T09:14–09:41"), "the interview's own start and end");
    }
}

#[test]
fn kobotoolbox_default_exports_are_read_or_refused_with_the_setting_to_change() {
    let i = fc();
    let csv = export_csv(&i, &[interview()], ';', false);
    // The default "single and separate columns": a 0/1 column per option
    // after each multiple-choice question.
    let (head, body) = csv.split_once('\n').unwrap();
    let with_options = format!(
        "{head};recruitment/recruited_by_person/agent_or_broker;recruitment/recruited_by_person/friend\n{}\n",
        body.trim_end().to_owned() + ";1;0"
    );
    let rows = read_export(&i, with_options.as_bytes(), &limits()).unwrap();
    assert_eq!(rows[0].read.as_ref().unwrap().answers, interview());
    // The default "Labels" headings match no question.
    let labels = "Were you promised a job?;Where were you taken?\nyes;no\n";
    assert_eq!(read_export(&i, labels.as_bytes(), &limits()).unwrap_err().code, Some("odk_export_labels"));
    // Headings too many or too long are refused before any row is built.
    let long = format!("{};x\na;b\n", "h".repeat(300));
    assert!(read_export(&i, long.as_bytes(), &limits()).is_err());
    assert_eq!(read_export(&i, b"abducted\n", &limits()).unwrap_err().code, Some("odk_export_empty"));
}

#[test]
fn a_bad_row_of_an_export_says_why_and_leaves_the_others_readable() {
    let i = fc();
    let csv = export_csv(&i, &[interview(), interview()], ';', false).replacen(";no;", ";perhaps;", 1);
    let rows = read_export(&i, csv.as_bytes(), &limits()).unwrap();
    let e = rows[0].read.as_ref().unwrap_err();
    assert!(e.message.contains("abducted") && !e.message.contains("perhaps"), "{}", e.message);
    assert!(rows[1].read.is_ok());
    assert!(read_export(&i, b"", &limits()).is_err());
    assert!(read_export(&i, b"[1,2]", &limits()).is_err());
    assert!(read_export(&i, &vec![b' '; MAX_EXPORT_BYTES + 1], &limits()).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn r23_any_export_is_read_or_refused_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let _ = read_export(&fc(), &bytes, &limits());
    }
}
