//! What two independent accounts can have in common (R08): the same
//! compound, the same recruiter, the same advertisement. Survivors' answers
//! and screened advertisements are reduced to the same marks here, so that
//! the store can compare them by keyed hash and never by plain text.
//!
//! A recruiter is reached the same way whoever writes it down: "@golden_hr",
//! "t.me/Golden_HR" and "https://t.me/golden_hr/" are one Telegram account;
//! "+66 81-234-5678" and "081 234 5678" are one phone. A mark is that
//! common form, with a prefix saying what kind of contact it is.

use unicode_normalization::UnicodeNormalization;

/// Case-folded, compatibility-normalised, whitespace-collapsed, a leading
/// "@" dropped: "@Golden  Fortune" and "golden fortune" are the same fact.
pub fn normalise_fact(raw: &str) -> String {
    let folded: String = raw.nfkc().flat_map(char::to_lowercase).collect();
    folded.trim().trim_start_matches('@').split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The parts of a free-text answer that name one thing each: survivors list
/// several compounds or handles on separate lines or with commas. Parts
/// shorter than three characters name nothing.
pub fn fact_values(answer: &str) -> Vec<String> {
    answer.split(['\n', ',', ';']).map(normalise_fact).filter(|v| v.chars().count() >= 3).collect()
}

/// The parts of an advertisement long enough to be that advertisement and
/// not a phrase every such advertisement shares: at least this many words.
pub const MIN_PASSAGE_WORDS: usize = 5;

/// An advertisement's passages that a survivor may have copied into their
/// account of it, in the same form as [`fact_values`] keeps the account.
pub fn passages(ad: &str) -> Vec<String> {
    fact_values(ad).into_iter().filter(|v| v.split(' ').count() >= MIN_PASSAGE_WORDS).collect()
}

/// The contact marks in a text: messaging handles, links, e-mail addresses
/// and phone numbers, each in one spelling. Sorted and without repeats.
pub fn contact_marks(text: &str) -> Vec<String> {
    let folded: String = text.nfkc().flat_map(char::to_lowercase).collect();
    let mut out: Vec<String> = folded
        .split(|c: char| !is_mark_char(c))
        .filter_map(|word| word_mark(word.trim_matches(|c: char| matches!(c, '.' | '/' | '?' | '-' | '~' | '+'))))
        .collect();
    out.extend(phone_marks(&folded));
    out.sort();
    out.dedup();
    out
}

/// A handle given on its own, as the answer to "which account recruited
/// you": "golden_hr" is the same account as "@golden_hr".
pub fn bare_handle(value: &str) -> Option<String> {
    let v = normalise_fact(value);
    handle(&v).map(|h| format!("handle:{h}"))
}

fn is_mark_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '@' | '.' | '_' | '/' | '-' | '~' | '?' | '=' | '&' | '%' | '+' | '#')
}

/// A handle: 3 to 32 letters, digits, dots or underscores, with a letter.
fn handle(s: &str) -> Option<&str> {
    let ok = (3..=32).contains(&s.chars().count())
        && s.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        && s.chars().any(char::is_alphabetic)
        && !s.starts_with('.')
        && !s.ends_with('.');
    ok.then_some(s)
}

fn word_mark(word: &str) -> Option<String> {
    if word.is_empty() {
        return None;
    }
    if let Some((user, rest)) = word.split_once('@') {
        if handle(user).is_some() && is_domain(rest) {
            return Some(format!("email:{user}@{rest}"));
        }
        // "@golden_hr", "Telegram@golden_hr" written without a space in a
        // script that uses none, or a profile link ending in "/@golden_hr".
        let after = word.rsplit('@').next().unwrap_or("");
        return handle(after.trim_end_matches('/')).map(|h| format!("handle:{h}"));
    }
    // "https://t.me/x" arrives split at the colon, as "//t.me/x", trimmed.
    let bare = word.strip_prefix("www.").unwrap_or(word);
    let (host, path) = bare.split_once('/').unwrap_or((bare, ""));
    if !is_domain(host) {
        return None;
    }
    let first = path.split(['/', '?', '#']).next().unwrap_or("");
    match host {
        "t.me" | "telegram.me" | "telegram.dog" => handle(first.trim_start_matches('@')).map(|h| format!("handle:{h}")),
        "wa.me" => phone_number(first, true),
        "line.me" => {
            path.rsplit('/').next().and_then(|id| handle(id.trim_start_matches('~'))).map(|h| format!("handle:{h}"))
        }
        _ => {
            let path = path.split(['?', '#']).next().unwrap_or("").trim_end_matches('/');
            Some(if path.is_empty() { format!("url:{host}") } else { format!("url:{host}/{path}") })
        }
    }
}

/// A host name: labels of letters, digits and hyphens, and a last label of
/// at least two letters, so that "5.5" or "e.g" is not taken for a site.
fn is_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
}

/// Phone numbers are written in runs of digits, spaces, dashes, dots and
/// brackets. A run counts only if it starts with "+" or "0", as numbers in
/// the region are written, so that "40000-50000 baht" is not a phone;
/// "(+855)" counts as the "+" it holds.
fn phone_marks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once('\n')) {
        if c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.') {
            run.push(c);
            continue;
        }
        let trimmed = run.trim_start_matches([' ', '(', '-', '.']);
        if trimmed.starts_with('+') || trimmed.starts_with('0') {
            out.extend(phone(trimmed));
        }
        run.clear();
    }
    out
}

/// Country calling codes of the region and of the countries its survivors
/// come from, longest first where one begins another: the code is taken
/// off an international number so that it meets the same number written
/// the national way, with its trunk zero.
const CALLING_CODES: [&str; 34] = [
    "855", "856", "880", "886", "852", "853", "670", "673", "977", "971", "966", "974", "251", "254", "234", "233",
    "95", "66", "84", "63", "62", "86", "60", "65", "91", "92", "94", "82", "81", "44", "49", "61", "7", "1",
];

/// A phone number as its national significant number: "+66 81 234 5678",
/// "66812345678" in a wa.me link and "081 234 5678" are all "812345678",
/// while Cambodia's "+855 12 345 678" is "12345678", a different number.
/// `international` says the digits begin with a country code.
fn phone_number(s: &str, international: bool) -> Option<String> {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let national = if international {
        let code = CALLING_CODES.iter().find(|c| digits.starts_with(*c))?;
        digits[code.len()..].trim_start_matches('0').to_owned()
    } else {
        digits.strip_prefix('0')?.to_owned()
    };
    (7..=12).contains(&national.len()).then(|| format!("tel:{national}"))
}

fn phone(s: &str) -> Option<String> {
    let trimmed = s.trim_start();
    match trimmed.strip_prefix('+') {
        Some(rest) => phone_number(rest, true),
        None => phone_number(trimmed, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn r08_one_telegram_account_is_one_mark_however_it_is_written() {
        for text in
            ["Contact @Golden_HR now", "t.me/golden_hr", "https://t.me/golden_hr/", "http://www.t.me/Golden_HR?x=1"]
        {
            assert_eq!(contact_marks(text), vec!["handle:golden_hr".to_owned()], "{text}");
        }
        assert_eq!(bare_handle(" Golden_HR "), Some("handle:golden_hr".to_owned()));
        assert_eq!(bare_handle("golden fortune"), None, "two words are a name, not a handle");
    }

    #[test]
    fn r08_one_phone_is_one_mark_with_or_without_the_country_prefix() {
        let a = contact_marks("WhatsApp +66 81-234-5678");
        let b = contact_marks("call 081 234 5678.");
        let c = contact_marks("https://wa.me/66812345678");
        assert_eq!(a, vec!["tel:812345678".to_owned()]);
        assert_eq!(a, b);
        assert_eq!(a, c);
        // The same last digits in another country are another number.
        assert_ne!(contact_marks("+855 12 345 678"), a);
        assert_eq!(contact_marks("(+855) 12-345-678"), contact_marks("012 345 678"));
    }

    #[test]
    fn r08_salaries_dates_and_abbreviations_are_not_contacts() {
        for text in [
            "40000-50000 baht a month",
            "Salary 1,200 - 1,500 USD",
            "e.g. typing 5.5 hours",
            "2026-11-30",
            "wait...really",
        ] {
            assert!(contact_marks(text).is_empty(), "{text}: {:?}", contact_marks(text));
        }
    }

    #[test]
    fn r08_sites_and_mail_keep_host_and_path() {
        assert_eq!(contact_marks("Apply at https://www.Jobs-Asia.com/apply/ today"), vec!["url:jobs-asia.com/apply"]);
        assert_eq!(contact_marks("hr.team@jobs-asia.com"), vec!["email:hr.team@jobs-asia.com"]);
        assert_eq!(contact_marks("line.me/ti/p/~thaijob88"), vec!["handle:thaijob88"]);
    }

    #[test]
    fn r08_marks_are_found_in_any_script_around_them() {
        assert_eq!(contact_marks("ติดต่อ @golden_hr ด่วน"), vec!["handle:golden_hr"]);
        assert_eq!(contact_marks("联系电话：+855 12 345 678"), vec!["tel:12345678"]);
        assert_eq!(contact_marks("ទូរស័ព្ទ 012 345 678"), vec!["tel:12345678"]);
        assert_eq!(contact_marks("Zalo 0912 345 678"), contact_marks("+84 912 345 678"));
        assert_eq!(contact_marks("Telegram@golden_hr"), vec!["handle:golden_hr"]);
        assert_eq!(contact_marks("tiktok.com/@golden_hr"), vec!["handle:golden_hr"]);
    }

    #[test]
    fn r08_passages_are_long_parts_in_the_form_answers_are_kept() {
        let ad = "Customer service staff needed in Sihanoukville\nhigh pay, free flights";
        assert_eq!(passages(ad), vec!["customer service staff needed in sihanoukville".to_owned()]);
        assert!(fact_values(ad).contains(&"high pay".to_owned()));
        assert_eq!(normalise_fact("@Golden  Fortune"), "golden fortune");
    }

    proptest! {
        #[test]
        fn contact_marks_never_panic_and_are_sorted_and_unique(s in "\\PC{0,200}") {
            let m = contact_marks(&s);
            let mut sorted = m.clone();
            sorted.sort();
            sorted.dedup();
            prop_assert_eq!(m, sorted);
        }
    }
}
