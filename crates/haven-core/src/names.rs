//! Name normalisation for search over encrypted records.
//!
//! The store never holds a name in plaintext, so search works on keyed hashes
//! ("blind indexes") of normalised tokens. This module produces those tokens;
//! the store keys and hashes them. Three kinds of key exist:
//!
//! - `w:` the word case-folded and NFKC-normalised, in its own script;
//! - `l:` the word romanised to ASCII (diacritics dropped, Thai, Burmese, Khmer,
//!   Lao and Chinese transliterated), so "Nguyen" finds "Nguyễn";
//! - `s:` a consonant skeleton of the romanised word, indexed only for scripts
//!   whose romanisation is not standardised (Thai, Burmese, Khmer, Lao), so a
//!   caseworker typing "Somchai" still finds "สมชาย". Skeletons are loose, which
//!   is why Latin-script names are not indexed by them: they would flood results.
//!
//! Burmese is usually written without spaces between syllables and Chinese
//! without spaces between characters, so both are also split into syllables or
//! characters, each of which becomes a token.
//!
//! Known limit: Burmese romanisation is irregular (vowel signs precede their
//! consonant), so a Latin query finds a Burmese-script name reliably only
//! through the Latin rendering recorded beside it.

use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

/// The search keys for one name, deduplicated.
pub fn index_keys(name: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for token in tokens(name) {
        push_keys(&token, true, &mut keys);
    }
    keys.sort();
    keys.dedup();
    keys
}

/// For each token of a query, the keys any one of which satisfies it. A record
/// matches when every group is satisfied.
pub fn query_groups(query: &str) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    for token in whole_words(query) {
        let mut keys = Vec::new();
        push_keys(&token, false, &mut keys);
        // Latin queries may be matched by a Brahmic name's skeleton.
        let latin = romanise(&token);
        if let Some(s) = skeleton(&latin) {
            keys.push(format!("s:{s}"));
        }
        keys.sort();
        keys.dedup();
        if !keys.is_empty() && !groups.contains(&keys) {
            groups.push(keys);
        }
    }
    groups
}

fn push_keys(token: &str, indexing: bool, keys: &mut Vec<String>) {
    let folded = fold(token);
    if folded.is_empty() {
        return;
    }
    keys.push(format!("w:{folded}"));
    let latin = romanise(token);
    if !latin.is_empty() {
        keys.push(format!("l:{latin}"));
        if indexing && needs_skeleton(token) {
            if let Some(s) = skeleton(&latin) {
                keys.push(format!("s:{s}"));
            }
        }
    }
}

/// Words split on whitespace and punctuation, with no sub-splitting.
fn whole_words(s: &str) -> Vec<String> {
    let normalised: String = s.nfkc().collect();
    normalised
        .split(|c: char| !(c.is_alphanumeric() || is_mark(c)))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whole words plus Burmese syllables and Chinese characters.
pub fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in whole_words(s) {
        if word.chars().any(is_myanmar) {
            let syllables = myanmar_syllables(&word);
            if syllables.len() > 1 {
                out.extend(syllables);
            }
        }
        if word.chars().any(is_cjk) && word.chars().count() > 1 {
            out.extend(word.chars().filter(|c| is_cjk(*c)).map(String::from));
        }
        out.push(word);
    }
    out
}

fn fold(s: &str) -> String {
    s.nfkc().flat_map(char::to_lowercase).collect()
}

/// ASCII romanisation: lower case, letters and digits only.
pub fn romanise(s: &str) -> String {
    any_ascii::any_ascii(s).chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

fn skeleton(latin: &str) -> Option<String> {
    let mut out = String::new();
    for c in latin.chars() {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w') || c.is_ascii_digit() {
            continue;
        }
        // Romanisations disagree on voicing and aspiration; merge the pairs.
        let c = match c {
            'g' | 'q' => 'k',
            'd' => 't',
            'b' => 'p',
            'j' | 'z' => 'c',
            'v' => 'f',
            other => other,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    (out.len() >= 2).then_some(out)
}

fn needs_skeleton(token: &str) -> bool {
    token.chars().any(|c| matches!(c.script(), Script::Thai | Script::Lao | Script::Khmer | Script::Myanmar))
}

fn is_myanmar(c: char) -> bool {
    c.script() == Script::Myanmar
}

fn is_cjk(c: char) -> bool {
    c.script() == Script::Han
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Splits Burmese text into syllables: a new syllable starts at a consonant
/// (or independent vowel) unless that consonant is killed by asat (U+103A) or
/// stacked under the previous one by virama (U+1039).
fn myanmar_syllables(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let starts = matches!(c as u32, 0x1000..=0x102A | 0x103F | 0x104C..=0x104F);
        let killed = chars.get(i + 1).is_some_and(|n| *n == '\u{103A}' || *n == '\u{1039}');
        let stacked = i > 0 && chars[i - 1] == '\u{1039}';
        if starts && !killed && !stacked && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(name: &str, query: &str) -> bool {
        let keys = index_keys(name);
        let groups = query_groups(query);
        !groups.is_empty() && groups.iter().all(|g| g.iter().any(|k| keys.contains(k)))
    }

    #[test]
    fn vietnamese_diacritics_are_ignored() {
        assert!(matches("Nguyễn Văn Minh", "Nguyen Van Minh"));
        assert!(matches("Nguyễn Văn Minh", "nguyễn minh"));
        assert!(!matches("Nguyễn Văn Minh", "Nguyen Van Long"));
    }

    #[test]
    fn case_is_folded() {
        assert!(matches("MARIA SANTOS", "maria"));
    }

    #[test]
    fn chinese_matches_pinyin_with_or_without_spaces() {
        assert!(matches("李伟", "Li Wei"));
        assert!(matches("李伟", "liwei"));
        assert!(matches("李伟", "李伟"));
    }

    #[test]
    fn thai_matches_common_romanisation() {
        assert!(matches("สมชาย ใจดี", "somchai"), "keys: {:?}", index_keys("สมชาย ใจดี"));
        assert!(matches("สมชาย ใจดี", "สมชาย"));
    }

    #[test]
    fn burmese_syllables_are_searchable() {
        assert_eq!(myanmar_syllables("မောင်မောင်").len(), 2);
        // One syllable typed in Burmese finds a name written without spaces.
        assert!(matches("အောင်ဆန်း", "ဆန်း"));
        // Burmese romanisation is too irregular for letter-by-letter
        // transliteration ("aung" is written with a vowel sign before the
        // consonant), so Latin search relies on the recorded Latin rendering.
        let keys = index_keys("Aung San");
        assert!(keys.contains(&"l:aung".to_string()));
    }

    #[test]
    fn no_key_contains_the_original_latin_name_unprefixed() {
        for k in index_keys("Nguyễn Văn Minh") {
            assert!(k.starts_with("w:") || k.starts_with("l:") || k.starts_with("s:"));
        }
    }
}
