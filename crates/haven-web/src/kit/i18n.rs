//! Translations: Fluent catalogues under `locales/`, compiled into the binary.
//!
//! The UI language comes from the `haven_lang` cookie (set by the language
//! switcher), else the browser's Accept-Language, else English.

use std::borrow::Cow;
use std::collections::HashMap;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use fluent_templates::fluent_bundle::FluentValue;
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
pub const LANGUAGES: [(&str, &str); 9] = [
    ("en", "English"),
    ("th", "ไทย"),
    ("vi", "Tiếng Việt"),
    ("my", "မြန်မာ"),
    ("km", "ខ្មែរ"),
    ("lo", "ລາວ"),
    ("id", "Bahasa Indonesia"),
    ("tl", "Tagalog"),
    ("zh-Hans", "简体中文"),
];

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
        LOCALES.lookup(&self.id, key)
    }

    pub fn t_with(&self, key: &str, name: &'static str, value: impl Into<FluentValue<'static>>) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue<'static>> = HashMap::new();
        args.insert(Cow::Borrowed(name), value.into());
        LOCALES.lookup_with_args(&self.id, key, &args)
    }

    pub fn t_with2(&self, key: &str, a: (&'static str, i64), b: (&'static str, i64)) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue<'static>> = HashMap::new();
        args.insert(Cow::Borrowed(a.0), a.1.into());
        args.insert(Cow::Borrowed(b.0), b.1.into());
        LOCALES.lookup_with_args(&self.id, key, &args)
    }

    /// A message with several text arguments.
    pub fn t_args(&self, key: &str, args: &[(&'static str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'static>> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone()))).collect();
        LOCALES.lookup_with_args(&self.id, key, &map)
    }

    /// Whether the catalogue has `key` in this language or the fallback.
    pub fn has(&self, key: &str) -> bool {
        LOCALES.try_lookup(&self.id, key).is_some()
    }
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
    fn thai_labels_differ_from_english() {
        assert_ne!(Tr::new("th").t("login-title"), Tr::new("en").t("login-title"));
    }
}
