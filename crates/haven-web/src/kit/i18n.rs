//! Translations: Fluent catalogues under `locales/`, compiled into the binary.
//!
//! The UI language comes from the `haven_lang` cookie (set by the language
//! switcher), else the browser's Accept-Language, else English.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, RwLock};

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use fluent_templates::fluent_bundle::concurrent::FluentBundle;
use fluent_templates::fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_templates::{LanguageIdentifier, Loader};

use super::caller::{cookie, LANG_COOKIE};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Pages mark direction with HTML (`lang`, `dir`, <bdi>); Fluent's
        // invisible isolation marks would only get in the way of copy and search.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The nine languages of the UI: code and the language's own name.
pub const LANGUAGES: [(&str, &str); 9] = haven_core::person::LANGUAGES;

#[derive(Clone)]
pub struct Tr {
    code: &'static str,
    id: LanguageIdentifier,
}

impl Tr {
    pub fn new(code: &str) -> Self {
        let code = LANGUAGES.iter().map(|(c, _)| *c).find(|c| *c == code).unwrap_or("en");
        let id = code.parse().unwrap_or_default();
        Self { code, id }
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn t(&self, key: &str) -> String {
        self.overridden(key, None).unwrap_or_else(|| LOCALES.lookup(&self.id, key))
    }

    pub fn t_with(&self, key: &str, name: &'static str, value: impl Into<FluentValue<'static>>) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue<'static>> = HashMap::new();
        args.insert(Cow::Borrowed(name), value.into());
        self.overridden(key, Some(&args)).unwrap_or_else(|| LOCALES.lookup_with_args(&self.id, key, &args))
    }

    pub fn t_with2(&self, key: &str, a: (&'static str, i64), b: (&'static str, i64)) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue<'static>> = HashMap::new();
        args.insert(Cow::Borrowed(a.0), a.1.into());
        args.insert(Cow::Borrowed(b.0), b.1.into());
        self.overridden(key, Some(&args)).unwrap_or_else(|| LOCALES.lookup_with_args(&self.id, key, &args))
    }

    /// A message with several text arguments.
    pub fn t_args(&self, key: &str, args: &[(&'static str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'static>> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone()))).collect();
        self.overridden(key, Some(&map)).unwrap_or_else(|| LOCALES.lookup_with_args(&self.id, key, &map))
    }

    /// The message from this installation's reviewed catalogue for the
    /// language, if it has one (see [`load_overrides`]).
    fn overridden(&self, key: &str, args: Option<&HashMap<Cow<'static, str>, FluentValue<'static>>>) -> Option<String> {
        let o = OVERRIDES.read().ok()?.get(self.code).cloned()?;
        let msg = o.bundle.get_message(key)?;
        let pattern = msg.value()?;
        let fargs = args.map(|a| {
            let mut f = FluentArgs::new();
            for (k, v) in a {
                f.set(k.clone(), v.clone());
            }
            f
        });
        let mut errors = Vec::new();
        let out = o.bundle.format_pattern(pattern, fargs.as_ref(), &mut errors);
        errors.is_empty().then(|| out.into_owned())
    }

    /// Whether the catalogue has `key` in this language or the fallback.
    /// Asked of the parsed catalogues, not by formatting: a message with
    /// placeables does not format without its arguments, yet it exists.
    pub fn has(&self, key: &str) -> bool {
        super::catalogue::built_in(self.code).contains_key(key) || super::catalogue::built_in("en").contains_key(key)
    }
}

/// A catalogue a native reviewer corrected, imported with `haven i18n
/// import` into DATA_DIR/i18n/LANG.ftl: its messages take the place of the
/// built-in ones, and its reviewed messages count as reviewed.
struct Override {
    bundle: FluentBundle<FluentResource>,
    reviewed: BTreeSet<String>,
    /// Each message's text as the reviewer wrote it, for the next export.
    sources: BTreeMap<String, String>,
}

static OVERRIDES: RwLock<BTreeMap<&'static str, Arc<Override>>> = RwLock::new(BTreeMap::new());

/// Why an imported catalogue was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub lang: &'static str,
    pub problems: Vec<String>,
}

/// The largest override file read; a whole catalogue is about 100 KB.
pub const MAX_OVERRIDE_BYTES: u64 = 1 << 20;

/// Loads the reviewed catalogues in `dir` (DATA_DIR/i18n), one file per
/// language, `LANG.ftl`. Each is checked as an import is (Fluent syntax,
/// known keys, the English message's variables, the term base) and applied
/// whole or not at all: a file with one bad message is refused and the
/// built-in catalogue stays, so a page never mixes half an import with the
/// rest. Languages without a file keep what they have.
pub fn load_overrides(dir: &Path) -> Vec<Refused> {
    let mut refused = Vec::new();
    for (code, _) in LANGUAGES.iter().filter(|(c, _)| *c != "en") {
        let path = dir.join(format!("{code}.ftl"));
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        let text = if meta.len() > MAX_OVERRIDE_BYTES {
            Err(format!("{} is larger than {MAX_OVERRIDE_BYTES} bytes", path.display()))
        } else {
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
        };
        match text.map_err(|e| vec![e]).and_then(|t| install_override(code, &t)) {
            Ok(()) => tracing::info!(language = *code, "reviewed catalogue applied"),
            Err(problems) => {
                tracing::warn!(language = *code, problems = problems.len(), "reviewed catalogue refused");
                refused.push(Refused { lang: code, problems });
            }
        }
    }
    refused
}

/// Checks an override catalogue for `lang` and, if it passes, makes it the
/// one pages use; otherwise changes nothing and says why.
pub fn install_override(lang: &str, source: &str) -> Result<(), Vec<String>> {
    let code = LANGUAGES
        .iter()
        .map(|(c, _)| *c)
        .find(|c| *c == lang && *c != "en")
        .ok_or_else(|| vec![format!("{lang:?} is not a translated language of this catalogue")])?;
    let messages = super::translations::check_override(code, source)?;
    let resource = FluentResource::try_new(source.to_owned()).map_err(|_| vec!["not valid Fluent".to_owned()])?;
    let id: LanguageIdentifier = code.parse().map_err(|_| vec![format!("{code}: not a language tag")])?;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // As the built-in catalogues: direction is marked in HTML.
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).map_err(|e| e.iter().map(|e| e.to_string()).collect::<Vec<_>>())?;
    let reviewed = messages.iter().filter(|m| m.reviewed).map(|m| m.key.clone()).collect();
    let sources = messages.into_iter().map(|m| (m.key, m.source)).collect();
    let mut all = OVERRIDES.write().map_err(|_| vec!["the catalogue lock is poisoned".to_owned()])?;
    all.insert(code, Arc::new(Override { bundle, reviewed, sources }));
    Ok(())
}

/// The keys of `lang` a native speaker reviewed: marked so in the built-in
/// catalogue, or in this installation's imported one.
pub fn reviewed_keys(lang: &str) -> BTreeSet<String> {
    let mut keys: BTreeSet<String> =
        super::catalogue::built_in(lang).values().filter(|m| m.reviewed).map(|m| m.key.clone()).collect();
    if let Some(o) = OVERRIDES.read().ok().and_then(|all| all.get(lang).cloned()) {
        keys.extend(o.reviewed.iter().cloned());
    }
    keys
}

/// The current text of every message of `lang`, imported corrections
/// included, as a translator edits it (see [`super::catalogue::Message::source`]).
pub fn current_sources(lang: &str) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> =
        super::catalogue::built_in(lang).values().map(|m| (m.key.clone(), m.source.clone())).collect();
    if let Some(o) = OVERRIDES.read().ok().and_then(|all| all.get(lang).cloned()) {
        out.extend(o.sources.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    out
}

/// Whether every survivor-facing string of `lang` has been reviewed by a
/// native speaker. English is the source language.
pub fn survivor_strings_reviewed(lang: &str) -> bool {
    if lang == "en" {
        return true;
    }
    let reviewed = reviewed_keys(lang);
    super::catalogue::built_in("en")
        .keys()
        .filter(|k| super::catalogue::audience(k) == super::catalogue::Audience::Survivor)
        .all(|k| reviewed.contains(k))
}

/// The language menu: each language in its own name, marked in its own
/// language while its survivor-facing strings are not yet reviewed, so a
/// survivor choosing their language knows to ask the caseworker.
pub fn language_menu() -> Vec<(&'static str, String)> {
    LANGUAGES
        .iter()
        .map(|(code, name)| {
            if survivor_strings_reviewed(code) {
                (*code, (*name).to_owned())
            } else {
                (*code, format!("{name} ({})", Tr::new(code).t("nav-language-unreviewed")))
            }
        })
        .collect()
}

/// Picks a supported language from an Accept-Language header (RFC 4647
/// lookup through fluent-langneg). Filipino (`fil`) is served the Tagalog
/// catalogue, and any Chinese the simplified one, the only Chinese we have.
pub fn negotiate(accept: &str) -> &'static str {
    use fluent_langneg::{accepted_languages, negotiate_languages, NegotiationStrategy};
    let requested: Vec<LanguageIdentifier> = accepted_languages::parse(accept)
        .into_iter()
        .map(|l| match l.language.as_str() {
            "fil" => "tl".parse().unwrap_or(l),
            "zh" => "zh-Hans".parse().unwrap_or(l),
            _ => l,
        })
        .collect();
    let available: Vec<LanguageIdentifier> = LANGUAGES.iter().filter_map(|(c, _)| c.parse().ok()).collect();
    let default: Option<LanguageIdentifier> = "en".parse().ok();
    let chosen = negotiate_languages(&requested, &available, default.as_ref(), NegotiationStrategy::Lookup);
    chosen
        .first()
        .and_then(|id| {
            LANGUAGES.iter().map(|(c, _)| *c).find(|c| c.parse::<LanguageIdentifier>().ok().as_ref() == Some(*id))
        })
        .unwrap_or("en")
}

impl Tr {
    /// The language of a request: the `haven_lang` cookie set by the
    /// switcher, else the browser's Accept-Language, else English.
    pub fn from_headers(headers: &axum::http::HeaderMap) -> Self {
        if let Some(code) = cookie(headers, LANG_COOKIE) {
            return Tr::new(&code);
        }
        let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
        Tr::new(negotiate(accept))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Tr::from_headers(&parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key_of_the_english_catalogue() {
        let en = include_str!("../../locales/en/main.ftl");
        let keys: Vec<&str> = en
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains(" = "))
            .filter_map(|l| l.split(" = ").next())
            .collect();
        assert!(keys.len() > 100);
        // Messages with placeables only resolve when given their arguments.
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert("username".into(), "u".into());
        args.insert("years".into(), 1.into());
        args.insert("n".into(), 1.into());
        args.insert("total".into(), 2.into());
        args.insert("days".into(), 5.into());
        args.insert("count".into(), 2.into());
        args.insert("date".into(), "2026-01-01".into());
        args.insert("reflection".into(), 30.into());
        args.insert("language".into(), "am".into());
        args.insert("name".into(), "Interpreter A".into());
        args.insert("person".into(), "am".into());
        args.insert("below".into(), 10.into());
        args.insert("k".into(), 11.into());
        args.insert("dimension".into(), "sex".into());
        args.insert("status".into(), "closed".into());
        args.insert("detail".into(), "abducted: not an answer".into());
        args.insert("line".into(), 3.into());
        args.insert("kinds".into(), "phone".into());
        args.insert("action".into(), "read".into());
        args.insert("records".into(), "person".into());
        args.insert("link".into(), "https://haven.example/tasks".into());
        args.insert("max".into(), "256".into());
        args.insert("question".into(), "«Were you promised a job?» (job_offer)".into());
        args.insert("field".into(), "group/extra".into());
        args.insert("row".into(), 7.into());
        args.insert("column".into(), "Name".into());
        args.insert("range".into(), "20–25".into());
        args.insert("month".into(), "2024-03".into());
        for (code, _) in LANGUAGES {
            let id: LanguageIdentifier = code.parse().unwrap();
            for key in &keys {
                // No fallback: a missing key in a language is a gap in that catalogue.
                assert!(LOCALES.lookup_no_default_fallback(&id, key, Some(&args)).is_some(), "{code} lacks {key}");
            }
        }
    }

    /// A key defined twice makes the catalogue fail to load at the first
    /// lookup, so every catalogue is checked for duplicates here.
    #[test]
    fn no_catalogue_defines_a_key_twice() {
        for (code, _) in LANGUAGES {
            let path = format!("{}/locales/{code}/main.ftl", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            let mut seen = std::collections::HashSet::new();
            for key in text.lines().filter(|l| !l.starts_with([' ', '#']) && l.contains(" = ")) {
                let key = key.split(" = ").next().unwrap_or_default();
                assert!(seen.insert(key.to_owned()), "{code} defines {key} twice");
            }
        }
    }

    #[test]
    fn accept_language_negotiation() {
        assert_eq!(negotiate("th-TH,th;q=0.9,en;q=0.8"), "th");
        assert_eq!(negotiate("zh-CN"), "zh-Hans");
        assert_eq!(negotiate("fr, vi;q=0.5"), "vi");
        assert_eq!(negotiate("fr"), "en");
        assert_eq!(negotiate("fil-PH"), "tl");
    }

    #[test]
    fn a_message_with_placeables_exists_without_its_arguments() {
        let tr = Tr::new("th");
        assert!(tr.has("odk-fault-odk_bad_answer") && tr.has("nav-signed-in-as") && tr.has("login-title"));
        assert!(!tr.has("no-such-message"));
    }

    #[test]
    fn thai_labels_differ_from_english() {
        assert_ne!(Tr::new("th").t("login-title"), Tr::new("en").t("login-title"));
    }

    /// R18, in the person's own language: a count is part of what a
    /// sentence says. Every message that selects on a number renders, in
    /// every language, for every count; and a wording that leaves the number
    /// out ("one other case") may stand for one count only. CLDR's "one"
    /// covers 2, 3, 5, 7, 8, 10 … in Tagalog, so `[one] isa pang kaso` said
    /// "one other case" for several.
    #[test]
    fn r18_every_plural_message_renders_each_count_correctly_in_every_language() {
        use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
        let tl = PluralRules::create(langid("tl"), PluralRuleType::CARDINAL).unwrap();
        assert_eq!(tl.select(2), Ok(PluralCategory::ONE), "the CLDR rule this test guards against");
        let mut checked = 0;
        for (code, _) in LANGUAGES {
            let id = langid(code);
            for m in crate::kit::catalogue::built_in(code).values().filter(|m| m.selects) {
                let mut without_number: HashMap<String, Vec<i64>> = HashMap::new();
                for n in (0..=120).chain([1000, 1001, 1021, 100_000]) {
                    let args: HashMap<Cow<'static, str>, FluentValue> =
                        m.variables.iter().map(|v| (Cow::Owned(v.clone()), FluentValue::from(n))).collect();
                    let out = LOCALES
                        .lookup_no_default_fallback(&id, &m.key, Some(&args))
                        .unwrap_or_else(|| panic!("{code} {} does not render for {n}", m.key));
                    assert!(!out.trim().is_empty() && !out.contains('{'), "{code} {} for {n}: {out}", m.key);
                    if !out.contains(&n.to_string()) {
                        without_number.entry(out).or_default().push(n);
                    }
                }
                for (out, ns) in without_number {
                    assert_eq!(ns.len(), 1, "{code} {}: {out:?} is shown for the counts {ns:?}", m.key);
                }
                for n in [0, 1, 2, 5, 21] {
                    let args: HashMap<Cow<'static, str>, FluentValue> =
                        m.variables.iter().map(|v| (Cow::Owned(v.clone()), FluentValue::from(n))).collect();
                    assert!(LOCALES.lookup_no_default_fallback(&id, &m.key, Some(&args)).is_some());
                }
                checked += 1;
            }
        }
        assert!(checked >= 2, "English and Tagalog select on a count");
    }

    fn langid(code: &str) -> LanguageIdentifier {
        code.parse().unwrap()
    }

    /// "…, right?" tags, per language. A tag invites the answer it names,
    /// which is leading in an identification interview.
    const TAGS: [(&str, &[&str]); 8] = [
        ("th", &["ใช่ไหม", "ใช่มั้ย", "ใช่หรือไม่", "ไม่ใช่หรือ"]),
        ("lo", &["ແມ່ນບໍ່", "ແມ່ນບໍ", "ບໍ່ແມ່ນບໍ"]),
        ("vi", &["phải không", "đúng không", "phải chứ", "đúng chứ"]),
        ("my", &["မဟုတ်လား", "မဟုတ်ဘူးလား", "နော်"]),
        ("km", &["មែនទេ", "មែនអត់"]),
        ("id", &["kan?", "bukan?", "ya?", "kan."]),
        ("tl", &["hindi ba", "di ba", "diba"]),
        ("zh-Hans", &["对吧", "是吧", "对不对", "是不是", "不是吗"]),
    ];

    /// The tag `text` ends a clause with, if any. Latin-script tags must
    /// start a word ("lakukan?" is not "kan?").
    fn leading_tag(lang: &str, text: &str) -> Option<&'static str> {
        let lower = text.to_lowercase();
        let tags = TAGS.iter().find(|(l, _)| *l == lang).map(|(_, t)| *t).unwrap_or(&[]);
        tags.iter().copied().find(|tag| {
            lower.match_indices(tag).any(|(i, _)| {
                !tag.starts_with(|c: char| c.is_ascii_alphabetic())
                    || !lower[..i].chars().next_back().is_some_and(char::is_alphabetic)
            })
        })
    }

    /// An English yes/no question that asks about an absence ("Do you have
    /// nowhere safe to stay?"): "yes" and "no" then mean the same thing, in
    /// English and in every translation.
    fn negative_question(text: &str) -> bool {
        let q = text.split('?').next().unwrap_or("").to_lowercase();
        let words: Vec<&str> = q.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
        let absent = words.iter().any(|w| matches!(*w, "nowhere" | "nothing" | "nobody" | "none" | "no" | "never"));
        let negated_verb = words.first().is_some_and(|w| w.ends_with("n't")) || (words.len() > 2 && words[2] == "not");
        absent || negated_verb
    }

    fn yes_no_questions() -> Vec<(String, haven_core::screening::Question)> {
        haven_instrument::built_in()
            .into_iter()
            .flat_map(|i| {
                let id = i.id.clone();
                i.questions.into_iter().map(move |q| (format!("{id}:{}", q.id), q))
            })
            .collect()
    }

    /// R18: the interview is trauma-informed. No question, in any language,
    /// ends in a tag that suggests its answer.
    #[test]
    fn r18_no_interview_question_is_a_leading_tag_question() {
        assert_eq!(leading_tag("th", "คุณไม่มีที่พักที่ปลอดภัย หรือไม่มีเงินซื้ออาหาร ใช่ไหม"), Some("ใช่ไหม"));
        assert_eq!(leading_tag("lo", "ທ່ານບໍ່ມີບ່ອນພັກທີ່ປອດໄພ ແມ່ນບໍ່?"), Some("ແມ່ນບໍ່"));
        assert_eq!(leading_tag("id", "Anda dipaksa, kan?"), Some("kan?"));
        assert_eq!(leading_tag("id", "Apa lagi yang Anda dipaksa lakukan?"), None);
        let mut bad = Vec::new();
        for (id, q) in yes_no_questions() {
            for (lang, text) in &q.text {
                if let Some(tag) = leading_tag(lang, text) {
                    bad.push(format!("{id} ({lang}) ends in {tag:?}: {text}"));
                }
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    /// R18 and R06: a yes/no question is asked positively in the English
    /// source, so that "yes" and "no" mean one thing in all nine languages.
    #[test]
    fn r18_no_english_yes_no_question_is_negative() {
        assert!(negative_question("Do you have nowhere safe to stay or no money for food?"));
        assert!(negative_question("Didn't they pay you?"));
        assert!(negative_question("Were you not paid?"));
        assert!(!negative_question("Were your wages withheld or not paid as promised?"));
        assert!(!negative_question("Did you sign a contract? (This never counts against you.)"));
        let bad: Vec<String> = yes_no_questions()
            .into_iter()
            .filter(|(_, q)| q.answer == haven_core::screening::AnswerType::YesNo)
            .filter(|(_, q)| q.text.get("en").is_some_and(|t| negative_question(t)))
            .map(|(id, q)| format!("{id}: {}", q.text["en"]))
            .collect();
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    /// R18: questions read aloud to people with limited literacy are in one
    /// spoken register. Burmese written-style particles (ဤ, သည်, ၏,
    /// သို့မဟုတ်, …) mixed into spoken questions are hard to follow aloud.
    #[test]
    fn r18_burmese_questions_are_in_one_spoken_register() {
        const WRITTEN: [&str; 14] =
            ["ဤ", "သည်", "၏", "သို့မဟုတ်", "တွင်", "၌", "၍", "နှင့်", "ဖြင့်", "လျှင်", "ယခု", "၎င်း", "မည်သူ", "မည်သည့်"];
        let mut bad = Vec::new();
        for i in haven_instrument::built_in() {
            let mut texts: Vec<(String, &String)> = Vec::new();
            for q in &i.questions {
                if let Some(t) = q.text.get("my") {
                    texts.push((format!("{}:{}", i.id, q.id), t));
                }
            }
            for (id, t) in texts {
                // သော is written style, but also the start of သောက် (drink).
                let so = t.match_indices("သော").any(|(k, _)| !t[k + "သော".len()..].starts_with("က်"));
                if let Some(w) = WRITTEN.iter().find(|w| t.contains(**w)).copied().or(so.then_some("သော")) {
                    bad.push(format!("{id}: {w} in {t}"));
                }
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    /// R18: Lao questions and labels use Lao words, not Thai borrowings
    /// (ຕອນນີ້ for "now", from Thai ตอนนี้; Lao says ດຽວນີ້ or ປັດຈຸບັນ).
    #[test]
    fn r18_lao_uses_lao_words_for_now() {
        let lao_now = |t: &str| t.match_indices("ຕອນນີ້").all(|(k, _)| t[..k].ends_with("ຂັ້ນ"));
        for m in crate::kit::catalogue::built_in("lo").values() {
            assert!(lao_now(&m.text), "{}: {}", m.key, m.text);
        }
        for i in haven_instrument::built_in() {
            for q in &i.questions {
                assert!(q.text.get("lo").is_none_or(|t| lao_now(t)), "{}", q.id);
            }
            for (_, t) in &i.sections {
                assert!(t.get("lo").is_none_or(|t| lao_now(t)));
            }
        }
    }
}
