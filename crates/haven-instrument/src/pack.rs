//! Translation packs: a file an organisation imports to add a language to
//! an instrument without a rebuild (R18).
//!
//! ```toml
//! instrument = "forced-criminality"
//! version = "2.0.1"
//! language = "am"                 # any BCP 47 tag the instrument lacks
//! language_name = "አማርኛ"          # the language's name in itself
//! translator = "…"                # optional: who translated
//! reviewed = false                # optional: reviewed by a native-speaking caseworker
//! title = "…"
//! [sections]
//! recruitment = "…"
//! [questions]
//! recruited_job_ad = "…"
//! [options.recruited_by_person]
//! agent_or_broker = "…"
//! ```
//!
//! Packs come from outside, so parsing is strict and defensive: a size cap,
//! UTF-8 only, unknown keys refused, every string bounded and free of
//! control characters, and the pack must translate the whole instrument
//! (title, every section, question and option) or it is refused with the
//! missing keys named. A partial pack would put untranslated questions in
//! front of a survivor. Fuzzed by `fuzz/fuzz_targets/translation_pack.rs`.

use std::collections::BTreeMap;

use haven_core::person::LanguageTag;
use haven_core::screening::Instrument;
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// Packs above this size are refused unread.
pub const MAX_PACK_BYTES: usize = 256 * 1024;
/// The longest translated string accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 2000;
/// At most this many keys are named in an error; the count says the rest.
const MAX_NAMED: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    #[error("the translation pack is larger than {MAX_PACK_BYTES} bytes")]
    TooLarge,
    #[error("the translation pack is not UTF-8 text")]
    NotText,
    #[error("not a valid translation pack: {0}")]
    Syntax(String),
    #[error("the pack is for {found}, not for {expected}")]
    WrongInstrument { expected: String, found: String },
    #[error("the pack's language is not a BCP 47 tag")]
    BadLanguage,
    #[error("the instrument is already written in {0}")]
    LanguageExists(String),
    #[error("the pack names keys the instrument does not have: {}", list(.0))]
    Unknown(Vec<String>),
    #[error("the pack does not translate: {}", list(.0))]
    Missing(Vec<String>),
    #[error("{0}: the text is empty, too long or contains control characters")]
    BadText(String),
}

fn list(keys: &[String]) -> String {
    let shown: Vec<&str> = keys.iter().take(MAX_NAMED).map(String::as_str).collect();
    match keys.len().saturating_sub(MAX_NAMED) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    instrument: String,
    version: String,
    language: String,
    language_name: String,
    #[serde(default)]
    translator: Option<String>,
    #[serde(default)]
    reviewed: bool,
    title: String,
    #[serde(default)]
    sections: BTreeMap<String, String>,
    #[serde(default)]
    questions: BTreeMap<String, String>,
    #[serde(default)]
    options: BTreeMap<String, BTreeMap<String, String>>,
}

/// A validated pack for one instrument version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationPack {
    pub instrument_id: String,
    pub instrument_version: String,
    pub language: LanguageTag,
    pub language_name: String,
    pub translator: Option<String>,
    /// Whether a native-speaking caseworker reviewed it; unreviewed packs
    /// are shown as such, like the built-in machine-quality translations.
    pub reviewed: bool,
    /// SHA-256 of the pack's bytes, hex: a screening records which pack it
    /// was asked with.
    pub hash: String,
    pub title: String,
    pub sections: BTreeMap<String, String>,
    pub questions: BTreeMap<String, String>,
    pub options: BTreeMap<String, BTreeMap<String, String>>,
}

fn clean(key: &str, text: &str) -> Result<String, PackError> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > MAX_TEXT_CHARS {
        return Err(PackError::BadText(key.to_owned()));
    }
    // The same rule as every other text a person types: no control,
    // invisible or direction-changing characters, which could make a
    // question read differently from what the caseworker sees beside it.
    haven_core::text::clean_line("pack", t, MAX_TEXT_CHARS).map_err(|_| PackError::BadText(key.to_owned()))
}

/// Parses a pack and checks it against the instrument it is for.
pub fn parse(bytes: &[u8], instrument: &Instrument) -> Result<TranslationPack, PackError> {
    if bytes.len() > MAX_PACK_BYTES {
        return Err(PackError::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| PackError::NotText)?;
    let raw: RawPack = toml::from_str(text).map_err(|e| PackError::Syntax(e.message().to_owned()))?;
    if raw.instrument != instrument.id || raw.version != instrument.version {
        return Err(PackError::WrongInstrument {
            expected: format!("{} {}", instrument.id, instrument.version),
            found: format!("{} {}", raw.instrument, raw.version),
        });
    }
    let language = LanguageTag::parse(&raw.language).map_err(|_| PackError::BadLanguage)?;
    if let Some(existing) = instrument.language_for(language.as_str()) {
        return Err(PackError::LanguageExists(existing));
    }
    let mut unknown = Vec::new();
    for id in raw.sections.keys().filter(|id| !instrument.sections.iter().any(|(s, _)| s == *id)) {
        unknown.push(format!("sections.{id}"));
    }
    for id in raw.questions.keys().filter(|id| instrument.question(id).is_none()) {
        unknown.push(format!("questions.{id}"));
    }
    for (qid, opts) in &raw.options {
        match instrument.question(qid) {
            None => unknown.push(format!("options.{qid}")),
            Some(q) => {
                for code in opts.keys().filter(|c| !q.options().contains(c)) {
                    unknown.push(format!("options.{qid}.{code}"));
                }
            }
        }
    }
    if !unknown.is_empty() {
        return Err(PackError::Unknown(unknown));
    }
    let mut missing = Vec::new();
    for (id, _) in &instrument.sections {
        if !raw.sections.contains_key(id) {
            missing.push(format!("sections.{id}"));
        }
    }
    for q in &instrument.questions {
        if !raw.questions.contains_key(&q.id) {
            missing.push(format!("questions.{}", q.id));
        }
        for o in q.options() {
            if !raw.options.get(&q.id).is_some_and(|m| m.contains_key(o)) {
                missing.push(format!("options.{}.{o}", q.id));
            }
        }
    }
    if !missing.is_empty() {
        return Err(PackError::Missing(missing));
    }
    let map = |prefix: &str, m: BTreeMap<String, String>| {
        m.into_iter()
            .map(|(k, v)| {
                let t = clean(&format!("{prefix}.{k}"), &v)?;
                Ok((k, t))
            })
            .collect::<Result<BTreeMap<_, _>, PackError>>()
    };
    let translator = match raw.translator.as_deref() {
        None => None,
        Some(t) if t.trim().is_empty() => None,
        Some(t) => Some(clean("translator", t)?),
    };
    let options = raw
        .options
        .into_iter()
        .map(|(q, m)| Ok((q.clone(), map(&format!("options.{q}"), m)?)))
        .collect::<Result<BTreeMap<_, _>, PackError>>()?;
    Ok(TranslationPack {
        instrument_id: raw.instrument,
        instrument_version: raw.version,
        language_name: clean("language_name", &raw.language_name)?,
        translator,
        reviewed: raw.reviewed,
        hash: hex::encode(Sha256::digest(bytes)),
        title: clean("title", &raw.title)?,
        sections: map("sections", raw.sections)?,
        questions: map("questions", raw.questions)?,
        options,
        language,
    })
}

impl TranslationPack {
    /// The instrument with this pack's language added. The instrument's
    /// hash is unchanged: the questions and rules are the same; the
    /// screening records the pack's hash beside it.
    pub fn apply(&self, instrument: &Instrument) -> Instrument {
        let mut out = instrument.clone();
        let lang = self.language.as_str().to_owned();
        out.title.insert(lang.clone(), self.title.clone());
        for (id, title) in &mut out.sections {
            if let Some(t) = self.sections.get(id) {
                title.insert(lang.clone(), t.clone());
            }
        }
        for q in &mut out.questions {
            if let Some(t) = self.questions.get(&q.id) {
                q.text.insert(lang.clone(), t.clone());
            }
            if let Some(opts) = self.options.get(&q.id) {
                for (code, t) in opts {
                    q.option_text.entry(code.clone()).or_default().insert(lang.clone(), t.clone());
                }
            }
        }
        out
    }
}

/// A pack to fill in: every key the instrument needs, each with its
/// English text as a comment and an empty value to translate.
pub fn template(instrument: &Instrument, language: &str) -> String {
    let en = |m: &BTreeMap<String, String>| m.get("en").cloned().unwrap_or_default();
    let mut out = String::new();
    out.push_str("# haven translation pack: translate every value; keep the keys.\n");
    out.push_str(&format!("instrument = {}\n", quote(&instrument.id)));
    out.push_str(&format!("version = {}\n", quote(&instrument.version)));
    out.push_str(&format!("language = {}\n", quote(language)));
    out.push_str("language_name = \"\"\ntranslator = \"\"\nreviewed = false\n");
    out.push_str(&format!("# {}\ntitle = \"\"\n\n[sections]\n", comment(&en(&instrument.title))));
    for (id, title) in &instrument.sections {
        out.push_str(&format!("# {}\n{id} = \"\"\n", comment(&en(title))));
    }
    out.push_str("\n[questions]\n");
    for q in &instrument.questions {
        out.push_str(&format!("# {}\n{} = \"\"\n", comment(&en(&q.text)), q.id));
    }
    for q in instrument.questions.iter().filter(|q| !q.options().is_empty()) {
        out.push_str(&format!("\n[options.{}]\n", q.id));
        for o in q.options() {
            let label = q.option_label(o, "en").unwrap_or(o);
            out.push_str(&format!("# {}\n{} = \"\"\n", comment(label), quote_key(o)));
        }
    }
    out
}

fn comment(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn quote_key(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        s.to_owned()
    } else {
        quote(s)
    }
}
