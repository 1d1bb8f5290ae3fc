//! Text normalisation shared by the rule patterns and the learned model.

use unicode_normalization::UnicodeNormalization;

/// NFKC (so full-width digits and letters, ligatures and compatibility forms match their plain forms), lower case,
/// every run of whitespace collapsed to one ASCII space, and trimmed.
///
/// Lower-casing uses `char::to_lowercase`, which is close to Unicode simple case folding for the scripts haven
/// serves (Latin with Vietnamese and Tagalog diacritics; the other scripts have no case).
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkc() {
        // Zero-width characters are used to split words and dodge filters; they carry no meaning here.
        if matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}') {
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.extend(c.to_lowercase());
    }
    // Lower-casing can produce decomposed sequences (e.g. 'İ'); compose again so patterns written in NFC match.
    out.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn folds_width_case_and_space() {
        assert_eq!(normalise("  ＵＲＧＥＮＴ\t Hiring\n\n$１,５００ "), "urgent hiring $1,500");
        assert_eq!(normalise("Việc NHẸ lương CAO"), "việc nhẹ lương cao");
        assert_eq!(normalise("tele\u{200b}gram"), "telegram");
    }
}
