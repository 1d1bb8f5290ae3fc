//! Features for the learned component: hashed words (for scripts with spaces) and character bigrams and trigrams
//! (for Thai, Lao, Khmer, Burmese and Chinese, which have no spaces between words), over the normalised text.
//!
//! Every feature keeps its surface text so that the screen can say which words moved the score.

use std::collections::BTreeMap;

use unicode_normalization::char::is_combining_mark;

/// Number of hash buckets. The model file stores only the buckets that carry weight.
pub const BUCKETS: u32 = 1 << 18;
/// Tokens longer than this are noise (URLs, base64, keyboard mashing), not words.
const MAX_TOKEN_CHARS: usize = 40;

/// Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, CJK ideographs, kana.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0xAA60..=0xAA7F | 0x1780..=0x17FF | 0x19E0..=0x19FF
        | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || c == '$' || c == '@'
}

/// FNV-1a, 64-bit: stable across platforms and releases, which the saved model depends on.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

pub fn bucket(token: &str) -> u32 {
    // BUCKETS is a power of two, so the modulo keeps the low bits.
    (fnv1a(token.as_bytes()) % u64::from(BUCKETS)) as u32
}

/// The tokens of a normalised text, with digits folded to `0` so that "$1,800" and "$2,500" share features.
pub fn tokens(normalised: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<String>| {
        if word.is_empty() {
            return;
        }
        let chars: Vec<char> = word.chars().collect();
        if chars.iter().any(|c| is_unspaced(*c)) {
            if chars.len() <= 2 {
                out.push(word.clone());
            } else {
                for n in [2usize, 3] {
                    for w in chars.windows(n) {
                        out.push(w.iter().collect());
                    }
                }
            }
        } else if chars.len() <= MAX_TOKEN_CHARS {
            out.push(word.clone());
        }
        word.clear();
    };
    for c in normalised.chars() {
        if is_word_char(c) {
            word.push(if c.is_numeric() { '0' } else { c });
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A sparse, L2-normalised binary feature vector: bucket → (value, one surface token that fell in the bucket).
pub fn vectorise(normalised: &str) -> BTreeMap<u32, (f64, String)> {
    let mut v: BTreeMap<u32, (f64, String)> = BTreeMap::new();
    for t in tokens(normalised) {
        v.entry(bucket(&t)).or_insert((1.0, t));
    }
    let norm = (v.len() as f64).sqrt();
    if norm > 0.0 {
        for e in v.values_mut() {
            e.0 /= norm;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_char_ngrams() {
        assert_eq!(tokens("free flight $1,800!"), vec!["free", "flight", "$0", "000"]);
        let t = tokens("高薪客服");
        assert!(t.contains(&"高薪".to_owned()) && t.contains(&"客服".to_owned()) && t.contains(&"薪客服".to_owned()));
        let th = tokens("เงินเดือนสูง");
        assert!(th.iter().any(|x| x == "สูง"));
    }
}
