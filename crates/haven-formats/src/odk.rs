//! One filled-in screening from ODK Collect or KoboToolbox, read back into
//! answers: the way home for the XLSForm that `xlsform` writes, after a
//! caseworker has filled it offline on a phone. Pure: bytes in, answers
//! out. The per-type reading of an answer is `answers::answers_from_values`,
//! the same as for haven's own answer files; this module only undoes what
//! ODK does to a value (groups, space-separated choices, numbers and dates
//! as text, the `<id>_no_answer` companions).
//!
//! Two shapes are read, told apart by their first character:
//! - the instance XML that ODK Collect keeps on the phone and ODK Central
//!   hands out (`<data id="…" version="…"><section><q>yes</q>…`);
//! - one KoboToolbox submission as JSON (an item of its API's `results`, or
//!   one line of its JSON export): `{"section/q": "yes", "_id": …}`.
//!
//! What it holds to:
//! - A blank field, an empty element, a JSON `null` or a missing key is a
//!   question not asked or not answered: it is left out of the answers,
//!   never read as "no" (R06).
//! - "Prefer not to say" and "does not know" come from the question itself
//!   (yes/no and choice lists carry them) or, for a number, date, place or
//!   text question, from its `<id>_no_answer` companion. The XLSForm makes
//!   the companion relevant only while the question is blank (`${id} = ''`,
//!   see `xlsform::write_xlsform`), and ODK keeps no meaning for the value
//!   of a question that is not relevant: a companion still filled beside an
//!   answered question is what is left of an earlier "prefer not to say"
//!   that the person later answered. So the answer wins and the companion
//!   is ignored, once its value has been checked to be one of the two.
//! - A field that is not a question of the instrument, nor a companion, nor
//!   ODK's or KoboToolbox's metadata, is an error naming it; so is a value a
//!   question cannot have, named by the question. Nothing is guessed, and
//!   an error never repeats an answer (only names of fields and forms).
//! - The form id and version an ODK instance carries must be the ones the
//!   XLSForm's `settings` gave it (`xlsform::form_id`, `form_version`).
//!   KoboToolbox gives every form it hosts an id and a version of its own
//!   (the asset's uid and its deployment's), so its JSON's `_xform_id_string`
//!   and `__version__` say nothing about the instrument and are not read;
//!   there the question names alone tie a submission to its instrument.
//! - Untrusted input: size, nesting and field counts are capped before and
//!   while parsing; only UTF-8; no DOCTYPE and no entity besides XML's five.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use haven_core::screening::{Answer, AnswerType, Instrument, Question};
use quick_xml::events::{BytesDecl, BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use serde::de::{DeserializeSeed, Error as _, MapAccess, Visitor};

use crate::answers::answers_from_values;
use crate::xlsform::{self, DONT_KNOW, NO_ANSWER_SUFFIX, PREFER_NOT_TO_SAY};
use crate::FormatError;

/// The caps a reader holds a submission to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The whole submission.
    pub max_bytes: usize,
    /// Elements nested in elements (the root counts as one), or JSON
    /// objects and arrays in each other, or the segments of a JSON key.
    pub max_depth: usize,
    /// XML elements, or JSON keys, metadata included.
    pub max_fields: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // An instrument has some sixty questions, a companion for some, and
        // text answers of at most 2,000 characters (8,000 bytes in a script
        // of four-byte characters): a real submission is far below these.
        Self { max_bytes: 1 << 20, max_depth: 16, max_fields: 2000 }
    }
}

/// Which of the two shapes a submission came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ODK instance XML (ODK Collect, ODK Central).
    OdkXml,
    /// One KoboToolbox submission as JSON.
    KoboJson,
}

/// One submission, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub format: Format,
    /// The form id the submission names, where it names one (ODK XML's
    /// `id`); it is the instrument's, or the submission was refused.
    pub form_id: Option<String>,
    /// The form version it names, likewise (ODK XML's `version`).
    pub version: Option<String>,
    /// `meta/instanceID` (`uuid:…`), which ODK keeps across edits of the
    /// same submission: the key to notice one imported twice.
    pub instance_id: Option<String>,
    /// The answers, by question id. A question left blank is absent.
    pub answers: BTreeMap<String, Answer>,
}

/// The longest element name read, in bytes. XLSForm names are short (haven's
/// ids are snake case).
const MAX_NAME_BYTES: usize = 256;

/// The longest text answer, in characters: the same as haven's own
/// interview keeps.
pub const MAX_TEXT_CHARS: usize = 2000;

/// Reads one submission, ODK XML or KoboToolbox JSON, whichever `bytes` is.
pub fn read_submission(instrument: &Instrument, bytes: &[u8], limits: &Limits) -> Result<Submission, FormatError> {
    let text = decode(bytes, limits)?;
    match text.trim_start_matches(is_xml_space).as_bytes().first() {
        Some(b'<') => interpret(instrument, xml_fields(text, limits)?),
        Some(b'{') => interpret(instrument, kobo_fields(text, limits)?),
        _ => Err(FormatError::coded(
            "odk_not_a_submission",
            Vec::new(),
            "this is neither an ODK submission (XML) nor a KoboToolbox submission (a JSON object)",
        )),
    }
}

/// Reads one ODK instance XML.
pub fn read_xml(instrument: &Instrument, bytes: &[u8], limits: &Limits) -> Result<Submission, FormatError> {
    interpret(instrument, xml_fields(decode(bytes, limits)?, limits)?)
}

/// Reads one KoboToolbox submission as JSON.
pub fn read_kobo_json(instrument: &Instrument, bytes: &[u8], limits: &Limits) -> Result<Submission, FormatError> {
    interpret(instrument, kobo_fields(decode(bytes, limits)?, limits)?)
}

fn decode<'a>(bytes: &'a [u8], limits: &Limits) -> Result<&'a str, FormatError> {
    if bytes.len() > limits.max_bytes {
        return Err(FormatError::coded(
            "odk_too_large",
            vec![("max", (limits.max_bytes / 1024).to_string())],
            format!("the submission is {} bytes; at most {} are read", bytes.len(), limits.max_bytes),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        FormatError::coded(
            "odk_damaged",
            Vec::new(),
            format!("the submission is not UTF-8 text (from byte {})", e.valid_up_to()),
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// A field's value as the file has it, before the question's type reads it.
#[derive(Debug)]
enum Value {
    Blank,
    Text(String),
    /// Only JSON has these.
    Number(serde_json::Number),
    /// A JSON `true`, array or object: nothing a question of the form holds.
    Other,
}

struct Field {
    /// Below the root: groups, then the field's own name.
    path: Vec<String>,
    value: Value,
}

struct Raw {
    format: Format,
    form_id: Option<String>,
    version: Option<String>,
    fields: Vec<Field>,
}

/// Fields ODK and KoboToolbox add at the top of a submission, besides
/// those whose names start with `_` and the `meta` and `formhub` groups.
const METADATA: [&str; 24] = [
    // ODK Central's CSV export puts these at the top of each row.
    "SubmissionDate",
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
    "instanceID",
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "background-audio",
    "background_audio",
];

fn is_metadata(path: &[String]) -> bool {
    match path {
        [first, ..] if first == "meta" || first == "formhub" => true,
        [only] => only.starts_with('_') || METADATA.contains(&only.as_str()),
        _ => false,
    }
}

/// The question whose companion `name` is.
fn companion_of<'i>(instrument: &'i Instrument, name: &str) -> Option<&'i Question> {
    name.strip_suffix(NO_ANSWER_SUFFIX)
        .and_then(|id| instrument.question(id))
        .filter(|q| xlsform::has_companion(&q.answer))
}

/// A group the XLSForm opens for a section: the section's id, or the id
/// with `_2`, `_3`, … where the section comes back later in the order.
fn is_group(instrument: &Instrument, name: &str) -> bool {
    instrument.sections.iter().any(|(id, _)| {
        name == id
            || name
                .strip_prefix(id.as_str())
                .and_then(|rest| rest.strip_prefix('_'))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// A name or id from the file, for a message: quoted, and cut short.
fn shown(s: &str) -> String {
    const MAX: usize = 80;
    let cut: String = s.chars().take(MAX).collect();
    if cut.len() < s.len() {
        format!("{cut:?}…")
    } else {
        format!("{cut:?}")
    }
}

fn shown_path(path: &[String]) -> String {
    shown(&path.join("/"))
}

fn interpret(instrument: &Instrument, raw: Raw) -> Result<Submission, FormatError> {
    check_form(instrument, &raw)?;
    let mut given: BTreeMap<&str, &Value> = BTreeMap::new();
    let mut declined: BTreeMap<&str, &Value> = BTreeMap::new();
    let mut instance_id = None;
    for field in &raw.fields {
        let Some((name, groups)) = field.path.split_last() else {
            continue;
        };
        if let Some(g) =
            groups.iter().find(|g| instrument.question(g).is_some() || companion_of(instrument, g).is_some())
        {
            return Err(FormatError::coded(
                "odk_damaged",
                Vec::new(),
                format!(
                    "{}: question {g} holds other fields, which no question of the form does",
                    shown_path(&field.path)
                ),
            ));
        }
        if let Some(q) = instrument.question(name) {
            if given.insert(&q.id, &field.value).is_some() {
                return Err(FormatError::coded(
                    "odk_question_twice",
                    vec![("question", q.id.clone())],
                    format!("question {} appears twice in the submission", q.id),
                ));
            }
        } else if let Some(q) = companion_of(instrument, name) {
            if declined.insert(&q.id, &field.value).is_some() {
                return Err(FormatError::coded(
                    "odk_question_twice",
                    vec![("question", q.id.clone())],
                    format!("question {name} appears twice in the submission"),
                ));
            }
        } else if is_metadata(&field.path) {
            if field.path.len() == 2 && field.path[0] == "meta" && name == "instanceID" {
                if instance_id.is_some() {
                    return Err(FormatError::coded(
                        "odk_bad_instance",
                        Vec::new(),
                        "meta/instanceID appears twice in the submission",
                    ));
                }
                instance_id = instance_id_of(&field.value)?;
            }
        } else if !(matches!(field.value, Value::Blank) && is_group(instrument, name)) {
            // An empty element named as a group is a group with nothing in it.
            return Err(FormatError::coded(
                "odk_unknown_field",
                vec![("field", shown_path(&field.path))],
                format!(
                    "{} is not a question of instrument {} version {}",
                    shown_path(&field.path),
                    instrument.id,
                    instrument.version
                ),
            ));
        }
    }

    let mut answers = BTreeMap::new();
    for q in &instrument.questions {
        let answer = given.get(q.id.as_str()).map(|v| value_of(q, v)).transpose()?.flatten();
        let decline = declined.get(q.id.as_str()).map(|v| decline_of(q, v)).transpose()?.flatten();
        let value = match (answer, decline) {
            (Some(value), _) => value,
            (None, Some(code)) => serde_json::Value::from(code),
            (None, None) => continue,
        };
        let one = answers_from_values(instrument, BTreeMap::from([(q.id.clone(), value)]))
            // Its message repeats the value, which may be the person's words.
            .map_err(|_| bad_answer(q))?;
        answers.extend(one);
    }
    Ok(Submission { format: raw.format, form_id: raw.form_id, version: raw.version, instance_id, answers })
}

fn check_form(instrument: &Instrument, raw: &Raw) -> Result<(), FormatError> {
    let (id, version) = (xlsform::form_id(instrument), xlsform::form_version(instrument));
    let same_id = raw.form_id.as_deref().is_none_or(|f| f == id);
    let same_version = raw.version.as_deref().is_none_or(|v| v == version);
    if same_id && same_version {
        return Ok(());
    }
    let or_none = |s: &Option<String>| s.as_deref().map_or_else(|| "(none)".to_owned(), shown);
    let mut message = format!(
        "this submission is for form {} version {}; this instrument is {} version {}",
        or_none(&raw.form_id),
        or_none(&raw.version),
        shown(id),
        shown(version)
    );
    let from_kobo = raw.fields.iter().any(|f| f.path.first().is_some_and(|p| p == "formhub" || p == "__version__"));
    if from_kobo {
        message.push_str(
            " (KoboToolbox gives the forms it hosts an id and version of its own: import its JSON export instead)",
        );
    }
    let code = if from_kobo { "odk_other_form_kobo" } else { "odk_other_form" };
    Err(FormatError::coded(code, Vec::new(), message))
}

fn instance_id_of(value: &Value) -> Result<Option<String>, FormatError> {
    let bad = || FormatError::coded("odk_bad_instance", Vec::new(), "meta/instanceID is not an instance id");
    match value {
        Value::Blank => Ok(None),
        Value::Text(s) => {
            let s = s.trim_matches(is_xml_space);
            if s.is_empty() {
                Ok(None)
            } else if s.len() <= 200 && s.bytes().all(|b| b.is_ascii_graphic()) {
                Ok(Some(s.to_owned()))
            } else {
                Err(bad())
            }
        }
        Value::Number(_) | Value::Other => Err(bad()),
    }
}

/// What a question of this type takes, for the message that refuses a value.
/// An answer the question does not take: coded so the page can name the
/// question in the reader's language.
fn bad_answer(q: &Question) -> FormatError {
    FormatError::coded(
        "odk_bad_answer",
        vec![("question", q.id.clone())],
        format!("question {}: {}", q.id, expected(q)),
    )
}

fn expected(q: &Question) -> String {
    let decline = format!("{PREFER_NOT_TO_SAY} or {DONT_KNOW}");
    match &q.answer {
        AnswerType::YesNo => format!("the answer must be yes, no, {decline}"),
        AnswerType::Choice(_) => format!("the answer must be one of its options, {decline}"),
        AnswerType::MultiChoice(_) => format!("the answer must be some of its options, or {decline} alone"),
        AnswerType::Number => format!("the answer must be a whole number; {decline} go in {}{NO_ANSWER_SUFFIX}", q.id),
        AnswerType::Date => {
            format!("the answer must be a date (YYYY-MM-DD); {decline} go in {}{NO_ANSWER_SUFFIX}", q.id)
        }
        AnswerType::Place | AnswerType::FreeText => {
            format!("the answer must be text; {decline} go in {}{NO_ANSWER_SUFFIX}", q.id)
        }
    }
}

/// A question's own field as the value `answers_from_values` reads, or
/// `None` where it is blank.
fn value_of(q: &Question, value: &Value) -> Result<Option<serde_json::Value>, FormatError> {
    let refuse = || bad_answer(q);
    let text = match value {
        Value::Blank => return Ok(None),
        Value::Other => return Err(refuse()),
        // KoboToolbox may send an integer as a JSON number.
        Value::Number(n) => {
            return match q.answer {
                // The same range as the text of an `integer` below.
                AnswerType::Number if n.as_i64().is_some_and(|x| x.unsigned_abs() < 10u64.pow(18)) => {
                    Ok(Some(serde_json::Value::Number(n.clone())))
                }
                _ => Err(refuse()),
            };
        }
        Value::Text(s) => s,
    };
    let code = text.trim_matches(is_xml_space);
    match &q.answer {
        AnswerType::YesNo | AnswerType::Choice(_) => Ok((!code.is_empty()).then(|| code.into())),
        AnswerType::MultiChoice(options) => {
            let chosen: Vec<&str> = code.split_ascii_whitespace().collect();
            if chosen.is_empty() {
                return Ok(None);
            }
            let declines = chosen.iter().filter(|c| [PREFER_NOT_TO_SAY, DONT_KNOW].contains(c)).count();
            if declines > 0 {
                // The form's constraint keeps a decline alone, as it is an
                // answer on its own, not one option among others.
                return match chosen[..] {
                    [one] => Ok(Some(one.into())),
                    _ => Err(refuse()),
                };
            }
            if chosen.iter().collect::<BTreeSet<_>>().len() != chosen.len() {
                return Err(refuse());
            }
            // In the instrument's order, as haven's own interview keeps
            // them; a code that is no option is refused just after.
            let mut chosen = chosen;
            chosen.sort_by_key(|c| options.iter().position(|o| o == c).unwrap_or(usize::MAX));
            Ok(Some(chosen.into_iter().map(serde_json::Value::from).collect()))
        }
        AnswerType::Number => {
            if code.is_empty() {
                return Ok(None);
            }
            // ODK's `integer`: an optional minus and at most 18 digits, so
            // that it fits an i64 and, well within, an f64 exactly.
            let digits = code.strip_prefix('-').unwrap_or(code);
            if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(refuse());
            }
            let n: i64 = code.parse().map_err(|_| refuse())?;
            Ok(Some(n.into()))
        }
        AnswerType::Date => {
            if code.is_empty() {
                return Ok(None);
            }
            if is_iso_date(code) {
                Ok(Some(code.into()))
            } else {
                Err(refuse())
            }
        }
        AnswerType::Place | AnswerType::FreeText => {
            let clean = haven_core::text::clean_text("answer", text, MAX_TEXT_CHARS).map_err(|e| {
                FormatError::coded(
                    "odk_bad_answer",
                    vec![("question", q.id.clone())],
                    format!("question {}: {}", q.id, e.message),
                )
            })?;
            Ok((!clean.is_empty()).then(|| clean.into()))
        }
    }
}

/// ODK's `date`: `YYYY-MM-DD`, a day of the calendar.
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let (Ok(y), Ok(m), Ok(d)) = (i32::try_from(y), u8::try_from(m), u8::try_from(d)) else {
        return false;
    };
    time::Month::try_from(m).is_ok_and(|m| time::Date::from_calendar_date(y, m, d).is_ok())
}

/// A companion's field: the decline it records, or `None` where blank.
fn decline_of(q: &Question, value: &Value) -> Result<Option<&'static str>, FormatError> {
    let refuse = || {
        FormatError::coded(
            "odk_bad_answer",
            vec![("question", q.id.clone())],
            format!("question {}{NO_ANSWER_SUFFIX}: the answer must be {PREFER_NOT_TO_SAY} or {DONT_KNOW}", q.id),
        )
    };
    match value {
        Value::Blank => Ok(None),
        Value::Text(s) => match s.trim_matches(is_xml_space) {
            "" => Ok(None),
            PREFER_NOT_TO_SAY => Ok(Some(PREFER_NOT_TO_SAY)),
            DONT_KNOW => Ok(Some(DONT_KNOW)),
            _ => Err(refuse()),
        },
        Value::Number(_) | Value::Other => Err(refuse()),
    }
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn is_blank(s: &str) -> bool {
    s.chars().all(is_xml_space)
}

// ---------------------------------------------------------------- ODK XML

/// An element still open, with the text it holds so far.
struct Open {
    name: String,
    text: String,
    children: bool,
}

struct Tree<'l> {
    limits: &'l Limits,
    stack: Vec<Open>,
    fields: Vec<Field>,
    form_id: Option<String>,
    version: Option<String>,
    elements: usize,
    done: bool,
}

impl Tree<'_> {
    fn open(&mut self, e: &BytesStart<'_>) -> Result<(), FormatError> {
        if self.done {
            return Err(FormatError::new("the submission has more than one root element"));
        }
        self.elements += 1;
        if self.elements > self.limits.max_fields {
            return Err(FormatError::new(format!("the submission has more than {} elements", self.limits.max_fields)));
        }
        if self.stack.len() >= self.limits.max_depth {
            return Err(FormatError::new(format!(
                "the submission nests elements more than {} deep",
                self.limits.max_depth
            )));
        }
        let name = e.local_name().as_ref().to_owned();
        if name.len() > MAX_NAME_BYTES {
            // Each field keeps the names of its groups: a long one, repeated
            // for every field inside it, would multiply the input.
            return Err(FormatError::new(format!(
                "element {} has a name longer than {MAX_NAME_BYTES} bytes, which no form gives",
                shown(&name)
            )));
        }
        let root = self.stack.is_empty();
        for a in e.attributes() {
            let a = a.map_err(|e| FormatError::new(format!("not well-formed XML: {}", cut(&e.to_string()))))?;
            if !root {
                continue;
            }
            let key = a.key.as_ref();
            let target = match key.split_once(':') {
                None if key == "id" => &mut self.form_id,
                None if key == "version" => &mut self.version,
                // ODK Central writes `orx:version` as well as `version`.
                Some((prefix, "version")) if prefix != "xmlns" => &mut self.version,
                _ => continue,
            };
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| FormatError::new(format!("not well-formed XML: {}", cut(&e.to_string()))))?;
            match target {
                Some(before) if *before != *value => {
                    return Err(FormatError::new(format!("the root element names two different {key}s")));
                }
                _ => *target = Some(value.into_owned()),
            }
        }
        if let Some(parent) = self.stack.last_mut() {
            if !is_blank(&parent.text) {
                return Err(FormatError::new(format!(
                    "element {} holds both text and other elements",
                    shown(&parent.name)
                )));
            }
            parent.children = true;
        }
        self.stack.push(Open { name, text: String::new(), children: false });
        Ok(())
    }

    fn close(&mut self) -> Result<(), FormatError> {
        let Some(open) = self.stack.pop() else {
            return Err(FormatError::new("the submission closes an element it never opened"));
        };
        if self.stack.is_empty() {
            if !is_blank(&open.text) {
                return Err(FormatError::new("the root element holds text of its own"));
            }
            self.done = true;
            return Ok(());
        }
        if open.children {
            return Ok(());
        }
        let path = self.stack.iter().skip(1).map(|o| o.name.clone()).chain([open.name]).collect();
        let value = if open.text.is_empty() { Value::Blank } else { Value::Text(open.text) };
        self.fields.push(Field { path, value });
        Ok(())
    }

    fn text(&mut self, s: &str) -> Result<(), FormatError> {
        match self.stack.last_mut() {
            Some(open) if open.children => {
                if is_blank(s) {
                    Ok(())
                } else {
                    Err(FormatError::new(format!("element {} holds both text and other elements", shown(&open.name))))
                }
            }
            Some(open) => {
                open.text.push_str(s);
                Ok(())
            }
            None if is_blank(s) => Ok(()),
            None => Err(FormatError::new("the submission has text outside its root element")),
        }
    }
}

/// A message from the XML parser, which may hold names from the file but no
/// text content; cut short all the same.
fn cut(s: &str) -> String {
    s.chars().take(200).collect()
}

fn xml_fields(text: &str, limits: &Limits) -> Result<Raw, FormatError> {
    let mut reader = Reader::from_str(text);
    let mut tree =
        Tree { limits, stack: Vec::new(), fields: Vec::new(), form_id: None, version: None, elements: 0, done: false };
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                return Err(FormatError::new(format!(
                    "not well-formed XML at byte {}: {}",
                    reader.error_position(),
                    cut(&e.to_string())
                )))
            }
        };
        match event {
            Event::Decl(d) => check_declaration(&d)?,
            Event::DocType(_) => {
                // A DTD could define entities that expand without bound;
                // ODK never writes one.
                return Err(FormatError::new("a submission with a DOCTYPE is refused: ODK writes none"));
            }
            Event::PI(_) | Event::Comment(_) => {}
            Event::Start(e) => tree.open(&e)?,
            Event::Empty(e) => {
                tree.open(&e)?;
                tree.close()?;
            }
            Event::End(_) => tree.close()?,
            Event::Text(t) => tree.text(&t.xml10_content())?,
            Event::CData(c) => tree.text(&c.xml10_content())?,
            Event::GeneralRef(r) => {
                let c = entity(&r)?;
                tree.text(c.encode_utf8(&mut [0; 4]))?;
            }
            Event::Eof => break,
        }
    }
    if let Some(open) = tree.stack.last() {
        return Err(FormatError::new(format!("the submission ends inside element {}", shown(&open.name))));
    }
    if !tree.done {
        return Err(FormatError::new("the submission has no root element"));
    }
    Ok(Raw { format: Format::OdkXml, form_id: tree.form_id, version: tree.version, fields: tree.fields })
}

fn check_declaration(d: &BytesDecl<'_>) -> Result<(), FormatError> {
    match d.encoding() {
        None => Ok(()),
        Some(Ok(enc)) if enc.eq_ignore_ascii_case("utf-8") || enc.eq_ignore_ascii_case("utf8") => Ok(()),
        Some(_) => Err(FormatError::new("the submission declares an encoding other than UTF-8, which ODK writes")),
    }
}

/// `&…;` in text: a character reference, or one of XML's five entities.
fn entity(r: &BytesRef<'_>) -> Result<char, FormatError> {
    let not_a_char = || FormatError::new("a character reference names no character XML allows");
    if let Some(c) = r.resolve_char_ref().map_err(|_| not_a_char())? {
        let allowed = matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
        return if allowed { Ok(c) } else { Err(not_a_char()) };
    }
    match r.as_ref() {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "apos" => Ok('\''),
        "quot" => Ok('"'),
        other => {
            Err(FormatError::new(format!("entity &{}; is refused: only XML's five are read, and no DTD", cut(other))))
        }
    }
}

// ------------------------------------------------------- KoboToolbox JSON

fn kobo_fields(text: &str, limits: &Limits) -> Result<Raw, FormatError> {
    if text.trim_start_matches(is_xml_space).as_bytes().first() != Some(&b'{') {
        return Err(FormatError::new("a KoboToolbox submission is one JSON object"));
    }
    check_json_depth(text.as_bytes(), limits.max_depth)?;
    let json_error = |e: serde_json::Error| FormatError::new(format!("cannot read the JSON: {e}"));
    let mut de = serde_json::Deserializer::from_str(text);
    let entries = Entries { max: limits.max_fields }.deserialize(&mut de).map_err(json_error)?;
    de.end().map_err(json_error)?;

    let keys: BTreeSet<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
    if keys.len() != entries.len() {
        return Err(FormatError::new("a key appears twice in the submission"));
    }
    if keys.contains("results") && keys.contains("count") {
        return Err(FormatError::new(
            "this is a page of KoboToolbox's API, with many submissions: give one item of its results",
        ));
    }
    let mut fields = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let path: Vec<String> = key.split('/').map(str::to_owned).collect();
        if path.iter().any(String::is_empty) {
            return Err(FormatError::new(format!("key {} is not a field of a form", shown(&key))));
        }
        if path.len() > limits.max_depth {
            return Err(FormatError::new(format!("key {} nests groups too deep", shown(&key))));
        }
        let value = match value {
            serde_json::Value::Null => Value::Blank,
            serde_json::Value::String(s) if s.is_empty() => Value::Blank,
            serde_json::Value::String(s) => Value::Text(s),
            serde_json::Value::Number(n) => Value::Number(n),
            serde_json::Value::Bool(_) | serde_json::Value::Array(_) | serde_json::Value::Object(_) => Value::Other,
        };
        fields.push(Field { path, value });
    }
    Ok(Raw { format: Format::KoboJson, form_id: None, version: None, fields })
}

/// Refuses nesting deeper than `max` before serde_json builds anything.
fn check_json_depth(bytes: &[u8], max: usize) -> Result<(), FormatError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in bytes {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > max {
                    return Err(FormatError::new(format!("the submission nests values more than {max} deep")));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The top-level object's entries in file order, duplicates kept (a map
/// would keep only the last), counted as they are read.
struct Entries {
    max: usize,
}

type EntryList = Vec<(String, serde_json::Value)>;

impl<'de> DeserializeSeed<'de> for Entries {
    type Value = EntryList;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<EntryList, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Entries {
    type Value = EntryList;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one KoboToolbox submission, a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EntryList, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.len() >= self.max {
                return Err(A::Error::custom(format!("the submission has more than {} keys", self.max)));
            }
            let value: serde_json::Value = map.next_value()?;
            out.push((key, value));
        }
        Ok(out)
    }
}

mod export;
pub use export::{read_export, ExportRow, MAX_EXPORT_BYTES, MAX_EXPORT_ROWS};

#[cfg(test)]
mod tests;
