//! The native-review spreadsheet (R18): one row per catalogue string, for a
//! native-speaking caseworker to check and correct, then to import. Pure:
//! rows in, XLSX bytes out, and back. What a row may say (placeholders,
//! Fluent syntax, the term base) is checked by the catalogue's owner, the
//! web layer; this module only reads and writes the sheet, with the same
//! limits as every other spreadsheet that comes from outside.

use crate::directory::read_grid;
use crate::FormatError;

/// The columns, in order. The reviewer edits `translation` and `reviewed`;
/// the rest is there to help and is ignored on import.
pub const COLUMNS: [&str; 7] = ["key", "english", "translation", "reviewed", "context", "term_base", "language"];

/// One string to review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    pub key: String,
    pub english: String,
    pub translation: String,
    /// Whether a native speaker has confirmed this translation.
    pub reviewed: bool,
    /// Where the string appears and who reads it.
    pub context: String,
    /// The term base's words for the terms the English names.
    pub term_base: String,
}

/// A sheet as read back: its language and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSheet {
    pub language: String,
    pub rows: Vec<ReviewRow>,
}

fn yes(v: &str) -> bool {
    matches!(v.trim().to_lowercase().as_str(), "yes" | "y" | "true" | "1" | "x" | "reviewed")
}

/// Writes the sheet. Cells are strings, never formulas; the language is in
/// every row so that a sheet cannot be imported into another language.
pub fn write_xlsx(language: &str, rows: &[ReviewRow]) -> Result<Vec<u8>, FormatError> {
    let err = |e: rust_xlsxwriter::XlsxError| FormatError::new(format!("xlsx: {e}"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name(language).map_err(err)?;
    let wrap = rust_xlsxwriter::Format::new().set_text_wrap();
    for (c, h) in COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).map_err(err)?;
    }
    for (c, width) in [28.0, 50.0, 50.0, 10.0, 36.0, 36.0, 10.0].into_iter().enumerate() {
        sheet.set_column_width(c as u16, width).map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        let cells = [
            row.key.as_str(),
            row.english.as_str(),
            row.translation.as_str(),
            if row.reviewed { "yes" } else { "no" },
            row.context.as_str(),
            row.term_base.as_str(),
            language,
        ];
        for (c, v) in cells.into_iter().enumerate() {
            sheet.write_string_with_format(r, c as u16, v, &wrap).map_err(err)?;
        }
    }
    sheet.set_freeze_panes(1, 1).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}

/// Reads a sheet written by [`write_xlsx`] and edited by a reviewer. The
/// header must name the columns `key`, `translation`, `reviewed` and
/// `language` (any order); one language per sheet.
pub fn parse_xlsx(bytes: &[u8]) -> Result<ReviewSheet, FormatError> {
    let mut rows = read_grid(bytes)?.into_iter();
    let header = rows.next().unwrap_or_default();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
            .ok_or_else(|| FormatError::new(format!("the header row has no column {name:?}")))
    };
    let (k, e, t, rv, l) = (col("key")?, col("english").ok(), col("translation")?, col("reviewed")?, col("language")?);
    let get = |row: &[String], c: usize| row.get(c).map(|v| v.trim_end().to_owned()).unwrap_or_default();
    let mut language: Option<String> = None;
    let mut out = Vec::new();
    for (i, row) in rows.enumerate() {
        let key = get(&row, k).trim().to_owned();
        if key.is_empty() {
            continue;
        }
        let lang = get(&row, l).trim().to_owned();
        match &language {
            None => language = Some(lang),
            Some(first) if *first == lang => {}
            Some(_) => return Err(FormatError::new(format!("row {}: a second language in one sheet", i + 2))),
        }
        out.push(ReviewRow {
            english: e.map(|e| get(&row, e)).unwrap_or_default(),
            translation: get(&row, t),
            reviewed: yes(&get(&row, rv)),
            context: String::new(),
            term_base: String::new(),
            key,
        });
    }
    let language = language.filter(|l| !l.is_empty()).ok_or_else(|| FormatError::new("the sheet has no rows"))?;
    Ok(ReviewSheet { language, rows: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, t: &str, reviewed: bool) -> ReviewRow {
        ReviewRow {
            key: key.into(),
            english: "Sign in".into(),
            translation: t.into(),
            reviewed,
            context: "sign-in".into(),
            term_base: String::new(),
        }
    }

    #[test]
    fn r18_a_review_sheet_round_trips() {
        let rows = vec![row("login-title", "เข้าสู่ระบบ", true), row("a-b", "=1+1 stays text\nsecond line", false)];
        let bytes = write_xlsx("th", &rows).unwrap();
        let back = parse_xlsx(&bytes).unwrap();
        assert_eq!(back.language, "th");
        assert_eq!(back.rows.len(), 2);
        for (a, b) in rows.iter().zip(&back.rows) {
            assert_eq!(
                (&a.key, &a.english, &a.translation, a.reviewed),
                (&b.key, &b.english, &b.translation, b.reviewed)
            );
        }
    }

    #[test]
    fn a_sheet_with_two_languages_or_no_key_column_is_refused() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let s = wb.add_worksheet();
        for (c, h) in ["key", "translation", "reviewed", "language"].iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        for (r, lang) in [(1, "th"), (2, "vi")] {
            s.write_string(r, 0, "k").unwrap();
            s.write_string(r, 3, lang).unwrap();
        }
        let err = parse_xlsx(&wb.save_to_buffer().unwrap()).unwrap_err().to_string();
        assert!(err.contains("row 3"), "{err}");
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().write_string(0, 0, "translation").unwrap();
        assert!(parse_xlsx(&wb.save_to_buffer().unwrap()).unwrap_err().to_string().contains("key"));
    }
}
