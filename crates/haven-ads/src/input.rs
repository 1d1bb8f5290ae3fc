//! Parsing the batch files a platform or NGO hands to `haven ads screen`: JSON Lines or CSV.
//!
//! Untrusted input: every function here is total (no panics; fuzzed and property-tested). A bad line is reported
//! with its line number and never silently dropped; a batch above the cap is refused as a whole so that nobody
//! believes a truncated batch was screened in full.

use std::collections::BTreeMap;

use crate::lang::Lang;

/// Caps on untrusted input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest ad text, in characters (Unicode scalar values).
    pub max_ad_chars: usize,
    /// Most ads in one batch.
    pub max_batch: usize,
    /// Longest id, in characters.
    pub max_id_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // A long real job ad is a few thousand characters; 20,000 leaves room while keeping one ad's cost bounded.
        Limits { max_ad_chars: 20_000, max_batch: 100_000, max_id_chars: 200 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Jsonl,
    Csv,
}

impl InputFormat {
    /// By file name first (`.jsonl`, `.ndjson`, `.json`, `.csv`), otherwise by content: JSON Lines start with `{`.
    pub fn detect(file_name: &str, bytes: &[u8]) -> InputFormat {
        let lower = file_name.to_ascii_lowercase();
        if lower.ends_with(".csv") {
            return InputFormat::Csv;
        }
        if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".json") {
            return InputFormat::Jsonl;
        }
        let first = strip_bom(bytes).iter().find(|b| !b.is_ascii_whitespace());
        if first == Some(&b'{') {
            InputFormat::Jsonl
        } else {
            InputFormat::Csv
        }
    }
}

/// One ad to screen.
#[derive(Debug, Clone, PartialEq)]
pub struct AdInput {
    pub id: String,
    pub text: String,
    /// The language the submitter declared, if any. Informational: patterns of every language are applied, because
    /// real ads mix languages.
    pub language: Option<Lang>,
    /// 1-based line in the input file where the record starts.
    pub line: usize,
}

/// A record that could not be screened, with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Problems with the file as a whole.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BatchError {
    #[error("the batch has more than {limit} ads (line {line} is ad {count}); split it into smaller files")]
    TooManyAds { limit: usize, line: usize, count: usize },
    #[error("the file is UTF-16 but its length is odd or it contains unpaired surrogates; save it as UTF-8")]
    BadUtf16,
    #[error("CSV header must name the columns id and text (and optionally language); found: {0}")]
    CsvHeader(String),
    #[error("CSV header is not readable: {0}")]
    CsvUnreadable(String),
}

#[derive(Debug, Default, PartialEq)]
pub struct Parsed {
    pub ads: Vec<AdInput>,
    pub errors: Vec<LineError>,
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes)
}

/// Spreadsheet programs on Windows save "Unicode text" as UTF-16 with a byte-order mark; accept it rather than
/// report every line as invalid UTF-8.
fn decode_utf16_if_marked(bytes: &[u8]) -> Result<Option<Vec<u8>>, BatchError> {
    let (le, body) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return Ok(None),
    };
    if body.len() % 2 != 0 {
        return Err(BatchError::BadUtf16);
    }
    let units =
        body.chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
    let s: String = char::decode_utf16(units).collect::<Result<String, _>>().map_err(|_| BatchError::BadUtf16)?;
    Ok(Some(s.into_bytes()))
}

/// Parses a whole batch.
pub fn parse_input(bytes: &[u8], format: InputFormat, limits: &Limits) -> Result<Parsed, BatchError> {
    let decoded = decode_utf16_if_marked(bytes)?;
    let bytes = strip_bom(decoded.as_deref().unwrap_or(bytes));
    let mut parsed = match format {
        InputFormat::Jsonl => parse_jsonl(bytes, limits)?,
        InputFormat::Csv => parse_csv(bytes, limits)?,
    };
    // Results are matched back to ads by id, so two ads with one id would make a reviewer act on the wrong ad.
    let mut first_line: BTreeMap<String, usize> = BTreeMap::new();
    let mut kept = Vec::with_capacity(parsed.ads.len());
    for ad in parsed.ads {
        if let Some(first) = first_line.get(&ad.id) {
            parsed.errors.push(LineError {
                line: ad.line,
                message: format!("duplicate id {:?}, first used on line {first}", ad.id),
            });
        } else {
            first_line.insert(ad.id.clone(), ad.line);
            kept.push(ad);
        }
    }
    parsed.ads = kept;
    parsed.errors.sort_by_key(|e| e.line);
    Ok(parsed)
}

/// Validates one record's fields into an ad.
fn make_ad(line: usize, id: &str, text: &str, language: Option<&str>, limits: &Limits) -> Result<AdInput, LineError> {
    let fail = |message: String| LineError { line, message };
    let id = id.trim();
    if id.is_empty() {
        return Err(fail("id is empty".into()));
    }
    let id_chars = id.chars().count();
    if id_chars > limits.max_id_chars {
        return Err(fail(format!("id has {id_chars} characters; the limit is {}", limits.max_id_chars)));
    }
    if id.chars().any(char::is_control) {
        return Err(fail("id contains control characters".into()));
    }
    let chars = text.chars().count();
    if chars > limits.max_ad_chars {
        return Err(fail(format!("ad {id:?} has {chars} characters; the limit is {}", limits.max_ad_chars)));
    }
    if text.trim().is_empty() {
        return Err(fail(format!("ad {id:?} has no text")));
    }
    let language = match language.map(str::trim).filter(|l| !l.is_empty()) {
        None => None,
        Some(tag) => Some(Lang::parse(tag).ok_or_else(|| {
            let shown: String = tag.chars().take(20).collect();
            fail(format!(
                "ad {id:?}: language {shown:?} is not one of en, th, vi, my, km, lo, id, tl, zh-Hans (leave it out if unknown)"
            ))
        })?),
    };
    Ok(AdInput { id: id.to_owned(), text: text.to_owned(), language, line })
}

fn check_count(count: usize, line: usize, limits: &Limits) -> Result<(), BatchError> {
    if count > limits.max_batch {
        return Err(BatchError::TooManyAds { limit: limits.max_batch, line, count });
    }
    Ok(())
}

/// JSON Lines: one object per line, `{"id": ..., "text": ..., "language"?: ...}`; other fields are ignored. Blank
/// lines are not records and are skipped.
pub fn parse_jsonl(bytes: &[u8], limits: &Limits) -> Result<Parsed, BatchError> {
    let mut out = Parsed::default();
    let mut count = 0usize;
    for (i, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let line = i + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        count += 1;
        check_count(count, line, limits)?;
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t,
            Err(e) => {
                out.errors.push(LineError {
                    line,
                    message: format!(
                        "not valid UTF-8 (first bad byte at column {}); save the file as UTF-8",
                        e.valid_up_to() + 1
                    ),
                });
                continue;
            }
        };
        match parse_json_record(line, text, limits) {
            Ok(ad) => out.ads.push(ad),
            Err(e) => out.errors.push(e),
        }
    }
    Ok(out)
}

fn parse_json_record(line: usize, text: &str, limits: &Limits) -> Result<AdInput, LineError> {
    let fail = |message: String| LineError { line, message };
    // A line can be no longer than the longest ad plus room for JSON escapes and the other fields; refusing larger
    // lines before parsing bounds the memory one bad line can take.
    let max_bytes = limits.max_ad_chars.saturating_mul(12).saturating_add(64 * 1024);
    if text.len() > max_bytes {
        return Err(fail(format!(
            "line is {} bytes; far above the ad length limit of {} characters",
            text.len(),
            limits.max_ad_chars
        )));
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| fail(format!("not a JSON object: {e}")))?;
    let obj = value.as_object().ok_or_else(|| fail("not a JSON object".into()))?;
    let id = match obj.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => return Err(fail("\"id\" must be a string or a number".into())),
        None => return Err(fail("missing \"id\"".into())),
    };
    let ad_text = match obj.get("text") {
        Some(serde_json::Value::String(s)) => s.as_str(),
        Some(_) => return Err(fail("\"text\" must be a string".into())),
        None => return Err(fail("missing \"text\"".into())),
    };
    let language = match obj.get("language") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.as_str()),
        Some(_) => return Err(fail("\"language\" must be a string".into())),
    };
    make_ad(line, &id, ad_text, language, limits)
}

/// CSV with a header row naming `id`, `text` and optionally `language` (any order, any case). Quoted fields may
/// span lines; errors name the line the record starts on.
pub fn parse_csv(bytes: &[u8], limits: &Limits) -> Result<Parsed, BatchError> {
    let mut out = Parsed::default();
    let mut rdr =
        csv::ReaderBuilder::new().has_headers(true).flexible(true).delimiter(sniff_delimiter(bytes)).from_reader(bytes);
    let header = rdr.byte_headers().map_err(|e| BatchError::CsvUnreadable(e.to_string()))?.clone();
    let names: Vec<String> = header
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let col = |name: &str| names.iter().position(|n| n == name);
    let (Some(id_col), Some(text_col)) = (col("id"), col("text")) else {
        let shown: Vec<String> = names.iter().take(10).map(|n| n.chars().take(30).collect()).collect();
        return Err(BatchError::CsvHeader(shown.join(",")));
    };
    let lang_col = col("language");
    let mut record = csv::ByteRecord::new();
    let mut count = 0usize;
    loop {
        let line_before = usize::try_from(rdr.position().line()).unwrap_or(usize::MAX);
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line_before, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
                if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                    continue;
                }
                count += 1;
                check_count(count, line, limits)?;
                match csv_record(line, &record, id_col, text_col, lang_col, limits) {
                    Ok(ad) => out.ads.push(ad),
                    Err(e) => out.errors.push(e),
                }
            }
            Err(e) => {
                let line = e.position().map_or(line_before, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
                out.errors.push(LineError { line, message: format!("unreadable CSV record: {e}") });
                // An I/O-kind error cannot happen on a byte slice, but if the reader cannot move on, stop rather
                // than loop for ever.
                if usize::try_from(rdr.position().line()).unwrap_or(usize::MAX) == line_before {
                    break;
                }
            }
        }
    }
    Ok(out)
}

/// Spreadsheet programs in locales with a decimal comma save "CSV" with semicolons, and some exports use tabs; the
/// header line (which must name id and text) tells which one this file uses.
fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |d: u8| header.iter().filter(|b| **b == d).count();
    let (commas, semicolons, tabs) = (count(b','), count(b';'), count(b'\t'));
    if commas == 0 && semicolons > 0 && semicolons >= tabs {
        b';'
    } else if commas == 0 && tabs > 0 {
        b'\t'
    } else {
        b','
    }
}

fn csv_record(
    line: usize,
    record: &csv::ByteRecord,
    id_col: usize,
    text_col: usize,
    lang_col: Option<usize>,
    limits: &Limits,
) -> Result<AdInput, LineError> {
    let field = |i: usize, name: &str| -> Result<&str, LineError> {
        let raw = record.get(i).ok_or_else(|| LineError { line, message: format!("no {name} column in this row") })?;
        std::str::from_utf8(raw).map_err(|e| LineError {
            line,
            message: format!(
                "{name} is not valid UTF-8 (first bad byte at offset {}); save the file as UTF-8",
                e.valid_up_to() + 1
            ),
        })
    };
    let id = field(id_col, "id")?;
    let text = field(text_col, "text")?;
    let language = match lang_col {
        Some(i) if record.get(i).is_some() => Some(field(i, "language")?),
        _ => None,
    };
    make_ad(line, id, text, language, limits)
}
