//! Cleaning free text before it is stored.
//!
//! Names and notes come from survivors, interpreters and, through imports
//! and other installations, from strangers. Some characters are invisible
//! or reorder what is displayed: a right-to-left override can make one name
//! look like another in a list, a zero-width space can make two records of
//! one person look different to search, and NUL truncates strings in some
//! tools downstream. So text is put into Unicode NFC (one spelling for one
//! visible text) and such characters are refused with a clear message, never
//! silently removed: what a caseworker typed is either stored as typed or
//! sent back to be corrected.

use unicode_normalization::UnicodeNormalization;

use crate::ValidationError;

/// Characters that change how text is displayed or compared without being
/// seen: bidirectional embeddings, overrides, isolates and marks; zero-width
/// spaces and joiners that are not between letters; the BOM; the word
/// joiner and invisible operators; the Mongolian vowel separator; the soft
/// hyphen and the combining grapheme joiner; blank-looking letters (the
/// Hangul fillers, the Khmer inherent vowels, the blank Braille pattern);
/// line and paragraph separators; tag characters; private-use characters
/// and noncharacters, which show as nothing or as whatever a font decides.
fn is_hidden(c: char) -> bool {
    let n = c as u32;
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2065}'..='\u{2069}'
            | '\u{206A}'..='\u{206F}'
            | '\u{061C}'
            | '\u{180B}'..='\u{180F}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{E000}'..='\u{F8FF}'
            | '\u{FDD0}'..='\u{FDEF}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{F0000}'..='\u{10FFFF}'
    ) || n & 0xFFFE == 0xFFFE
}

/// Zero-width joiner and non-joiner shape Indic and other scripts and are
/// legitimate inside a word of such a script (and in emoji sequences);
/// between Latin letters or anywhere else they only hide differences.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Variation selectors choose a glyph for the character before them (an
/// emoji, a Han ideograph); alone, or after plain Latin text, they are
/// invisible.
fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// A neighbour that may carry a joiner or a variation selector: a letter,
/// mark or symbol outside ASCII (Devanagari, Myanmar, Khmer, Han, emoji…).
fn shapes(c: Option<&char>) -> bool {
    c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace() && !is_hidden(*c) && !is_joiner(*c))
}

fn check(field: &'static str, s: &str, multiline: bool) -> Result<(), ValidationError> {
    let chars: Vec<char> = s.chars().collect();
    for (i, c) in chars.iter().copied().enumerate() {
        let allowed_control = multiline && (c == '\n' || c == '\t');
        if c.is_control() && !allowed_control {
            return Err(ValidationError::new(field, "invalid_characters", "the text contains control characters"));
        }
        if is_hidden(c) {
            return Err(ValidationError::new(
                field,
                "invisible_characters",
                "the text contains invisible or direction-changing characters",
            ));
        }
        let before = i.checked_sub(1).and_then(|j| chars.get(j));
        if is_variation_selector(c) && !shapes(before) {
            return Err(ValidationError::new(
                field,
                "invisible_characters",
                "the text contains invisible or direction-changing characters",
            ));
        }
        if is_joiner(c) && !(shapes(before) && shapes(chars.get(i + 1))) {
            return Err(ValidationError::new(
                field,
                "invisible_characters",
                "the text contains invisible or direction-changing characters",
            ));
        }
    }
    Ok(())
}

/// One line of text: NFC, trimmed, at most `max_chars` characters, no
/// control or hidden characters. May be empty; callers that require a value
/// check for that.
pub fn clean_line(field: &'static str, raw: &str, max_chars: usize) -> Result<String, ValidationError> {
    let s: String = raw.trim().nfc().collect();
    if s.chars().count() > max_chars {
        return Err(ValidationError::new(field, "too_long", "the text is too long"));
    }
    check(field, &s, false)?;
    Ok(s)
}

/// Text that may span lines (notes, reasons): as [`clean_line`], but line
/// breaks and tabs are kept.
pub fn clean_text(field: &'static str, raw: &str, max_chars: usize) -> Result<String, ValidationError> {
    let s: String = raw.replace("\r\n", "\n").trim().nfc().collect();
    if s.chars().count() > max_chars {
        return Err(ValidationError::new(field, "too_long", "the text is too long"));
    }
    check(field, &s, true)?;
    Ok(s)
}

/// Text quoted from elsewhere, such as a job advertisement (R26): hidden
/// characters are removed instead of refused. Scam advertisements put
/// zero-width and direction-changing characters between letters precisely
/// to slip past filters; a reviewer cannot see them to retype, and what the
/// reviewer is shown and what is kept must be the same text. Otherwise as
/// [`clean_text`].
pub fn clean_quoted_text(field: &'static str, raw: &str, max_chars: usize) -> Result<String, ValidationError> {
    let s: String = raw.replace("\r\n", "\n").nfc().collect();
    let chars: Vec<char> = s.chars().collect();
    let kept: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            let before = i.checked_sub(1).and_then(|j| chars.get(j));
            let control = c.is_control() && c != '\n' && c != '\t';
            let stray_selector = is_variation_selector(c) && !shapes(before);
            let stray_joiner = is_joiner(c) && !(shapes(before) && shapes(chars.get(i + 1)));
            !(control || is_hidden(c) || stray_selector || stray_joiner)
        })
        .map(|(_, &c)| c)
        .collect();
    clean_text(field, &kept, max_chars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn r26_a_quoted_advertisement_loses_its_hidden_characters_instead_of_being_refused() {
        let ad = "Customer ser\u{200B}vice in Sihanouk\u{200B}ville, contact @golden\u{200B}_hr\u{202E}\u{0007}";
        assert_eq!(
            clean_quoted_text("text", ad, 100).unwrap(),
            "Customer service in Sihanoukville, contact @golden_hr"
        );
        assert!(clean_text("text", ad, 100).is_err(), "typed text is still refused, not silently changed");
        // A joiner inside a word of a script that needs it is kept.
        assert_eq!(clean_quoted_text("text", "क्\u{200D}ष", 10).unwrap(), "क्\u{200D}ष");
        assert_eq!(clean_quoted_text("text", &"a".repeat(11), 10).unwrap_err().code, "too_long");
    }

    proptest! {
        #[test]
        fn r26_whatever_a_quoted_text_holds_what_is_kept_passes_the_typed_text_check(s in "\\PC{0,60}[\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{FE0F}]{0,4}\\PC{0,20}") {
            if let Ok(kept) = clean_quoted_text("text", &s, 1_000) {
                prop_assert_eq!(clean_text("text", &kept, 1_000), Ok(kept.clone()));
            }
        }
    }

    #[test]
    fn nul_bidi_overrides_and_zero_width_spaces_are_refused() {
        for bad in ["Ma\0i", "Ma\u{202E}i", "Ma\u{200B}i", "\u{FEFF}Mai", "Ma\u{2066}i\u{2069}", "Mai\u{200D}"] {
            assert!(clean_line("full_name", bad, 300).is_err(), "{bad:?}");
        }
        // Characters that look like nothing (or like a space) in most fonts.
        for bad in [
            "Ma\u{00AD}i",
            "Ma\u{034F}i",
            "\u{3164}Mai",
            "Ma\u{115F}i",
            "Ma\u{FFA0}i",
            "សុខ\u{17B4}",
            "Ma\u{2800}i",
            "Mai\u{2028}Lan",
            "Mai\u{E0041}",
            "Ma\u{E000}i",
            "Ma\u{FDD0}i",
            "Ma\u{FFFF}i",
            "Ma\u{10FFFD}i",
            // Found by the insider review: joiners between Latin letters,
            // lone variation selectors, deprecated format characters.
            "Ma\u{200D}i",
            "Ma\u{200C}i",
            "\u{FE00}",
            "Mai\u{FE0F}",
            "Ma\u{E0100}i",
            "Ma\u{206A}i",
            "Ma\u{180B}i",
            "Ma\u{1D173}i",
            "Ma\u{1BCA0}i",
            "Ma\u{13430}i",
            "Ma\u{2065}i",
        ] {
            assert!(clean_line("full_name", bad, 300).is_err(), "{bad:?}");
            assert!(clean_text("notes", bad, 300).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn names_in_every_script_pass_and_are_put_in_nfc() {
        for good in ["Nguyễn Văn Minh", "สมชาย ใจดี", "အောင်ကျော်", "សុខ ចាន់", "ສົມພອນ", "王小明", "Maria dela Cruz"]
        {
            assert_eq!(clean_line("full_name", good, 300).unwrap(), good);
        }
        // e + combining acute becomes the one precomposed character.
        assert_eq!(clean_line("full_name", "Le\u{0301}", 300).unwrap(), "Lé");
        // A joiner inside a word is kept (Indic scripts need it), and so is
        // an emoji's variation selector in a note, and a Han ideograph's.
        assert!(clean_line("full_name", "क्\u{200D}ष", 300).is_ok());
        assert!(clean_text("notes", "thanks \u{2764}\u{FE0F}", 300).is_ok());
        assert!(clean_line("full_name", "\u{845B}\u{E0100}\u{57CE}", 300).is_ok());
    }

    #[test]
    fn notes_keep_line_breaks_but_not_other_controls() {
        assert_eq!(clean_text("notes", "a\r\nb\tc", 100).unwrap(), "a\nb\tc");
        assert!(clean_text("notes", "a\u{7}b", 100).is_err());
        assert!(clean_line("notes", "a\nb", 100).is_err());
    }

    proptest! {
        #[test]
        fn cleaned_text_never_holds_hidden_characters(s in "\\PC{0,40}") {
            if let Ok(out) = clean_line("x", &s, 100) {
                prop_assert!(!out.chars().any(|c| c.is_control() || is_hidden(c)));
            }
        }
    }
}
