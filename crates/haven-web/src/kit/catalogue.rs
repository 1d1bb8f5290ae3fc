//! The translation catalogues as data: every message of every language with
//! its text, the variables it uses, whether a native speaker reviewed it and
//! who reads it. The term base, the interview checks, the native-review
//! spreadsheet and the checks on an imported catalogue all read catalogues
//! through this module, so they agree on what a message is.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use fluent_syntax::ast::{Entry as AstEntry, Expression, InlineExpression, Pattern, PatternElement};

/// The nine catalogues as compiled into the binary, in the order of
/// [`super::i18n::LANGUAGES`].
pub const SOURCES: [(&str, &str); 9] = [
    ("en", include_str!("../../locales/en/main.ftl")),
    ("th", include_str!("../../locales/th/main.ftl")),
    ("vi", include_str!("../../locales/vi/main.ftl")),
    ("my", include_str!("../../locales/my/main.ftl")),
    ("km", include_str!("../../locales/km/main.ftl")),
    ("lo", include_str!("../../locales/lo/main.ftl")),
    ("id", include_str!("../../locales/id/main.ftl")),
    ("tl", include_str!("../../locales/tl/main.ftl")),
    ("zh-Hans", include_str!("../../locales/zh-Hans/main.ftl")),
];

/// The comment that marks a message as reviewed by a native speaker. A
/// catalogue's own header says the rest is machine-quality.
pub const REVIEWED_MARK: &str = "REVIEWED";

/// One message of one catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: String,
    /// The value as written after `key = ` (continuation lines joined with
    /// newlines and their indentation removed), for display and export.
    pub source: String,
    /// All literal text of the value, every variant of a selection
    /// included, for the term base.
    pub text: String,
    /// The `$variables` the value uses.
    pub variables: BTreeSet<String>,
    /// Whether the value selects on a number (`{ $n -> … }`).
    pub selects: bool,
    /// Whether the message comment carries [`REVIEWED_MARK`].
    pub reviewed: bool,
}

/// Who reads a message. Survivor-facing text is read by or to the person
/// (the interview, the quick exit, the notice they carry), so an unreviewed
/// translation there matters most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Survivor,
    Authority,
    Staff,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Survivor => "survivor",
            Audience::Authority => "authority",
            Audience::Staff => "staff",
        }
    }
}

/// Key prefixes of messages a survivor reads or hears: the interview's
/// framing and options, the quick exit and skip link, the app's name, the
/// language menu, and the non-punishment notice the person carries.
const SURVIVOR_PREFIXES: [&str; 9] = [
    "screening-",
    "option-",
    "quick-exit",
    "skip-to-content",
    "app-",
    "nav-language",
    "interp-pref-",
    "outcome-",
    "vulnerabilities-",
];
/// Key prefixes of documents written for police, prosecutors, courts and
/// other authorities.
const AUTHORITY_PREFIXES: [&str; 4] = ["notice-", "ref-letter", "penalty-", "np-"];

/// Who reads the message `key` (see [`Audience`]).
pub fn audience(key: &str) -> Audience {
    if key.starts_with("notice-") {
        // The notice goes to the authorities and stays with the person.
        return Audience::Authority;
    }
    if SURVIVOR_PREFIXES.iter().any(|p| key.starts_with(p)) {
        Audience::Survivor
    } else if AUTHORITY_PREFIXES.iter().any(|p| key.starts_with(p)) {
        Audience::Authority
    } else {
        Audience::Staff
    }
}

/// Where a message appears, from its key's first part, for a reviewer who
/// cannot see the screen.
pub fn context(key: &str) -> String {
    let area = match key.split('-').next().unwrap_or(key) {
        "nav" | "app" | "skip" | "quick" => "every page (header and menu)",
        "login" | "password" | "mfa" | "account" => "sign-in and account pages",
        "persons" | "person" => "the list of people and a person's record",
        "screening" | "outcome" | "vulnerabilities" | "element" | "option" | "interp" | "followup" => {
            "the identification interview and its result"
        }
        "notice" | "np" => "the non-punishment notice (PDF sent to authorities)",
        "decision" => "the conclusive decision",
        "ref" | "referral" => "referrals and the referral letter",
        "consent" => "consent records",
        "prot" | "return" | "stay" | "child" => "protection, return and the child pathway",
        "penalty" | "expungement" => "past penalties and expungement",
        "task" | "tasks" => "the task list",
        "dir" | "directory" | "service" => "the service directory",
        "admin" | "review" | "break" | "org" | "audit" => "administration and access review",
        "validation" => "messages shown when a form is refused",
        "ads" => "job-advertisement screening",
        _ => "the caseworker's screens",
    };
    format!("{area}; read by: {}", audience(key).as_str())
}

/// A catalogue's syntax errors, each with the text around it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the catalogue is not valid Fluent: {}", .0.join("; "))]
pub struct SyntaxErrors(pub Vec<String>);

/// Parses a catalogue into its messages, in file order. Refuses any text
/// the Fluent parser could not read, since the runtime would silently drop
/// such a message.
pub fn parse(source: &str) -> Result<Vec<Message>, SyntaxErrors> {
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => {
            return Err(SyntaxErrors(
                errors
                    .iter()
                    .map(|e| {
                        let near: String = source.get(e.pos.clone()).unwrap_or("").chars().take(60).collect();
                        format!("{:?} near {near:?}", e.kind)
                    })
                    .collect(),
            ))
        }
    };
    let mut out = Vec::new();
    let mut junk = Vec::new();
    for entry in resource.body {
        match entry {
            AstEntry::Message(m) => {
                let Some(value) = m.value else { continue };
                let mut text = String::new();
                let mut variables = BTreeSet::new();
                let mut selects = false;
                walk(&value, &mut text, &mut variables, &mut selects);
                let reviewed = m
                    .comment
                    .as_ref()
                    .is_some_and(|c| c.content.iter().any(|l| l.trim_start().starts_with(REVIEWED_MARK)));
                out.push(Message {
                    source: value_source(source, m.id.name),
                    key: m.id.name.to_owned(),
                    text,
                    variables,
                    selects,
                    reviewed,
                });
            }
            AstEntry::Junk { content } => junk.push(content.chars().take(60).collect::<String>()),
            _ => {}
        }
    }
    if !junk.is_empty() {
        return Err(SyntaxErrors(junk));
    }
    Ok(out)
}

fn walk(p: &Pattern<&str>, text: &mut String, vars: &mut BTreeSet<String>, selects: &mut bool) {
    for el in &p.elements {
        match el {
            PatternElement::TextElement { value } => text.push_str(value),
            PatternElement::Placeable { expression } => expr(expression, text, vars, selects),
        }
    }
}

fn expr(e: &Expression<&str>, text: &mut String, vars: &mut BTreeSet<String>, selects: &mut bool) {
    match e {
        Expression::Select { selector, variants } => {
            *selects = true;
            inline(selector, text, vars, selects);
            for v in variants {
                text.push('\n');
                walk(&v.value, text, vars, selects);
            }
        }
        Expression::Inline(i) => inline(i, text, vars, selects),
    }
}

fn inline(i: &InlineExpression<&str>, text: &mut String, vars: &mut BTreeSet<String>, selects: &mut bool) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::StringLiteral { value } => text.push_str(value),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline(a, text, vars, selects);
            }
        }
        InlineExpression::Placeable { expression } => expr(expression, text, vars, selects),
        _ => {}
    }
}

/// The text after `key = `, continuation lines included, as a translator
/// sees it.
fn value_source(source: &str, key: &str) -> String {
    let mut lines = source.lines().skip_while(|l| !l.starts_with(&format!("{key} =")));
    let Some(first) = lines.next() else { return String::new() };
    let mut out = first.split_once('=').map(|(_, v)| v.trim_start()).unwrap_or("").to_owned();
    // Continuation lines are indented; a selection's closing brace may not be.
    for l in lines.take_while(|l| (l.starts_with(' ') && !l.trim().is_empty()) || l.trim_end() == "}") {
        out.push('\n');
        out.push_str(l.trim());
    }
    out
}

/// The messages of the built-in catalogue of `lang`, by key. The built-in
/// catalogues are checked by this module's tests, so a failure here is a
/// build defect; it yields an empty map rather than a panic in a server.
pub fn built_in(lang: &str) -> &'static BTreeMap<String, Message> {
    static EMPTY: BTreeMap<String, Message> = BTreeMap::new();
    PARSED.get(lang).unwrap_or(&EMPTY)
}

// Parsed once: pages ask on every render (the language menu).
static PARSED: LazyLock<BTreeMap<&'static str, BTreeMap<String, Message>>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(c, s)| (*c, parse(s).map(|ms| ms.into_iter().map(|m| (m.key.clone(), m)).collect()).unwrap_or_default()))
        .collect()
});

/// Turns a translator's text (as in [`Message::source`]: continuation lines
/// separated by newlines) back into a catalogue entry.
pub fn entry(key: &str, value: &str, reviewed: bool) -> String {
    let mut out = String::new();
    if reviewed {
        out.push_str(&format!("# {REVIEWED_MARK} by a native-speaking reviewer\n"));
    }
    let mut lines = value.trim().lines().map(str::trim_end);
    out.push_str(&format!("{key} = {}\n", lines.next().unwrap_or("")));
    for l in lines {
        // Variant lines are indented by one space less than plain ones,
        // as the catalogues write them ("   *[other]").
        let indent = if l.trim_start().starts_with('*') { "   " } else { "    " };
        out.push_str(&format!("{indent}{}\n", l.trim_start()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_catalogue_parses_without_junk() {
        for (code, src) in SOURCES {
            let ms = parse(src).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert!(ms.len() > 600, "{code}: {} messages", ms.len());
        }
    }

    #[test]
    fn a_broken_message_is_refused_not_dropped() {
        assert!(parse("ok = fine\nbad = { $n -> [one] x }\n").is_err(), "a selection without a default");
        assert!(parse("ok = fine\n= no key\n").is_err());
        assert!(parse("ok = fine { $n }\n").is_ok());
    }

    #[test]
    fn a_message_knows_its_variables_selection_and_review_mark() {
        let ms = parse("# REVIEWED by a native-speaking reviewer\na = One { $n } { $n ->\n    [1] x\n   *[other] y { $m }\n}\nb = plain\n")
            .unwrap();
        assert_eq!(ms[0].variables, ["m".to_owned(), "n".to_owned()].into_iter().collect());
        assert!(ms[0].selects && ms[0].reviewed);
        assert!(ms[0].text.contains('x') && ms[0].text.contains('y'));
        assert!(!ms[1].selects && !ms[1].reviewed);
    }

    #[test]
    fn an_entry_written_back_parses_to_the_same_message() {
        let en = built_in("en");
        let tl = built_in("tl");
        for m in [&en["screening-corroborated"], &tl["screening-corroborated"], &en["login-title"]] {
            let again = parse(&entry(&m.key, &m.source, true)).unwrap();
            assert_eq!(again[0].text, m.text);
            assert_eq!(again[0].variables, m.variables);
            assert!(again[0].reviewed);
        }
    }

    #[test]
    fn the_notice_is_for_authorities_and_the_interview_for_survivors() {
        assert_eq!(audience("notice-title"), Audience::Authority);
        assert_eq!(audience("screening-corroborated"), Audience::Survivor);
        assert_eq!(audience("option-wechat"), Audience::Survivor);
        assert_eq!(audience("admin-title"), Audience::Staff);
        assert!(context("notice-to").contains("authority"));
    }
}
