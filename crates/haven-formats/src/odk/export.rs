//! Many submissions at once: the exports KoboToolbox and ODK Central hand
//! out for a form (issue 16). A caseworker back from a day in a detention
//! centre downloads one file of the day's interviews; each row is then
//! linked to a person (or a person is created for it) and imported on its
//! own, as a screening in progress for a caseworker to read and complete.
//!
//! Three shapes, told apart by their first character:
//! - a JSON array of submissions (KoboToolbox's JSON export);
//! - a JSON object with a `results` array (KoboToolbox's API), or one
//!   submission object;
//! - CSV with a heading row: KoboToolbox's export (`;` or `,` between
//!   cells, groups joined by `/`) or ODK Central's (`,`, groups joined by
//!   `-`, metadata such as `SubmissionDate` and `meta-instanceID`).
//!
//! Every row is read by the one-submission reader, so a row is held to the
//! same rules (R06: blank is unanswered; an unknown field or a value that
//! is not an answer is refused, named by question). A bad row does not
//! refuse the others: each row says whether it can be imported, and why
//! not. The file as a whole is capped in bytes and rows.

use super::{read_kobo_json, Limits, Submission};
use crate::FormatError;

/// An export larger than this is refused before it is read.
pub const MAX_EXPORT_BYTES: usize = 16 << 20;

/// And one with more submissions than this.
pub const MAX_EXPORT_ROWS: usize = 2000;

/// One submission of an export.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    /// Its place: the CSV row (the heading is row 1) or the position in the
    /// JSON list (from 1).
    pub row: u64,
    /// When it was submitted or finished, as the tool wrote it.
    pub submitted: Option<String>,
    /// Who submitted it (the tool's account name), where the tool says.
    pub by: Option<String>,
    /// The submission, or why it cannot be imported.
    pub read: Result<Submission, FormatError>,
}

const SUBMITTED: [&str; 4] = ["_submission_time", "SubmissionDate", "end", "start"];
const BY: [&str; 3] = ["_submitted_by", "SubmitterName", "username"];

/// Reads an export of haven's XLSForm for `instrument`.
pub fn read_export(
    instrument: &haven_core::screening::Instrument,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<ExportRow>, FormatError> {
    if bytes.len() > MAX_EXPORT_BYTES {
        return Err(FormatError::coded(
            "odk_too_large",
            vec![("max", (MAX_EXPORT_BYTES / 1024).to_string())],
            format!("the export is {} bytes; at most {MAX_EXPORT_BYTES} are read", bytes.len()),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        FormatError::coded("odk_export_not_text", vec![], "the export is not CSV or JSON text in UTF-8")
    })?;
    let rows = match text.trim_start().as_bytes().first() {
        Some(b'[') | Some(b'{') => json_objects(text, limits)?
            .into_iter()
            .map(|(row, object)| row_of(instrument, limits, row, &object))
            .collect(),
        Some(_) => csv_rows(instrument, text, limits)?,
        None => Vec::new(),
    };
    if rows.is_empty() {
        return Err(FormatError::coded("odk_export_empty", vec![], "the export holds no interview"));
    }
    Ok(rows)
}

/// One object (a JSON item, or a CSV row made into one) read as a
/// submission, with when and by whom.
fn row_of(instrument: &haven_core::screening::Instrument, limits: &Limits, row: u64, object: &Object) -> ExportRow {
    let field =
        |names: &[&str]| names.iter().find_map(|n| object.get(*n).and_then(|v| v.as_str()).filter(|v| !v.is_empty()));
    ExportRow {
        row,
        submitted: when(field(&["start"]), field(&["end"])).or_else(|| field(&SUBMITTED).map(|t| minute(t).to_owned())),
        by: field(&BY).map(str::to_owned),
        read: serde_json::to_string(object)
            .map_err(|_| FormatError::new("the row cannot be read"))
            .and_then(|text| read_kobo_json(instrument, text.as_bytes(), limits)),
    }
}

/// A time as the tools write it (`2026-11-30T09:20:11.000+07:00`), to the
/// minute and in the phone's own clock: the hour the interview happened.
fn minute(t: &str) -> &str {
    t.get(..16).filter(|m| m.as_bytes().get(10) == Some(&b'T')).unwrap_or(t)
}

/// When the interview ran, from the form's start and end: "2026-11-30T09:20–09:58".
fn when(start: Option<&str>, end: Option<&str>) -> Option<String> {
    let (s, e) = (minute(start?), minute(end?));
    Some(match (s.get(..10), e.get(..10), e.get(11..)) {
        (Some(sd), Some(ed), Some(et)) if sd == ed && s.len() == 16 => format!("{s}–{et}"),
        _ => format!("{s} – {e}"),
    })
}

type Object = serde_json::Map<String, serde_json::Value>;

fn json_objects(text: &str, limits: &Limits) -> Result<Vec<(u64, Object)>, FormatError> {
    super::check_json_depth(text.as_bytes(), limits.max_depth + 2)?;
    let bad = |_| FormatError::coded("odk_export_not_text", vec![], "the export is not readable JSON");
    let value: serde_json::Value = serde_json::from_str(text).map_err(bad)?;
    let list = match value {
        serde_json::Value::Array(items) => items,
        serde_json::Value::Object(mut o) => match o.remove("results") {
            Some(serde_json::Value::Array(items)) => items,
            Some(_) => return Err(FormatError::new("`results` is not a list of submissions")),
            None => vec![serde_json::Value::Object(o)],
        },
        _ => return Err(FormatError::new("the export is neither a list of submissions nor one")),
    };
    if list.len() > MAX_EXPORT_ROWS {
        return Err(FormatError::new(format!("more than {MAX_EXPORT_ROWS} submissions in one export")));
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.into_iter().enumerate() {
        match item {
            serde_json::Value::Object(o) => out.push((i as u64 + 1, o)),
            _ => return Err(FormatError::new(format!("item {} of the list is not a submission", i + 1))),
        }
    }
    Ok(out)
}

/// The longest heading read, in bytes: XLSForm names are short.
const MAX_HEADING_BYTES: usize = 256;

/// Each CSV row made into the JSON object KoboToolbox would have written
/// (blank cells left out, unanswered; ODK Central's `-` between groups
/// turned into `/`) and read at once, so that only one row's object is
/// ever held: headings are capped in number and length, and a row's
/// object in bytes, before it is built (insider review: a file of long
/// headings copied into every cell of every row exhausted memory).
fn csv_rows(
    instrument: &haven_core::screening::Instrument,
    text: &str,
    limits: &Limits,
) -> Result<Vec<ExportRow>, FormatError> {
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records().enumerate();
    let headers: Vec<String> = match records.next() {
        Some((_, Ok(h))) => h.iter().map(|c| c.trim().to_owned()).collect(),
        _ => return Err(FormatError::coded("odk_export_empty", vec![], "the export has no heading row")),
    };
    if headers.len() > limits.max_fields || headers.iter().any(|h| h.len() > MAX_HEADING_BYTES) {
        return Err(FormatError::new(format!(
            "the heading row has more than {} columns or a heading longer than {MAX_HEADING_BYTES} bytes",
            limits.max_fields
        )));
    }
    // Central names `meta-instanceID` and `section-question`; haven's ids
    // are snake case, so a hyphen is never part of one.
    let central = !headers.iter().any(|h| h.contains('/')) && headers.iter().any(|h| h == "meta-instanceID");
    let names: Vec<String> = headers.iter().map(|h| if central { h.replace('-', "/") } else { h.clone() }).collect();
    let last = |n: &str| n.rsplit('/').next().unwrap_or(n).to_owned();
    // KoboToolbox's default export adds, after each multiple-choice
    // question, a 0/1 column per option (`group/question/option`): the
    // question's own column already holds the choices.
    let option_column = |n: &str| {
        let parts: Vec<&str> = n.split('/').collect();
        parts.len() >= 2
            && instrument
                .question(parts[parts.len() - 2])
                .is_some_and(|q| matches!(q.answer, haven_core::screening::AnswerType::MultiChoice(_)))
    };
    let keep: Vec<bool> = names.iter().map(|n| !n.is_empty() && !option_column(n)).collect();
    // Headings that are the form's labels, not its names, match no
    // question at all: the export was made with KoboToolbox's "Labels"
    // setting, and every row would be refused for fields it does not know.
    let known = names.iter().any(|n| {
        let q = last(n);
        instrument.question(&q).is_some()
            || q.strip_suffix(crate::xlsform::NO_ANSWER_SUFFIX).is_some_and(|id| instrument.question(id).is_some())
    });
    if !known {
        return Err(FormatError::coded(
            "odk_export_labels",
            vec![],
            "no heading is a question of the form: export again with XML values and headers, not labels",
        ));
    }
    let mut out = Vec::new();
    for (index, record) in records {
        let row = index as u64 + 1;
        if out.len() >= MAX_EXPORT_ROWS {
            return Err(FormatError::new(format!("more than {MAX_EXPORT_ROWS} submissions in one export")));
        }
        let record = record.map_err(|_| FormatError::new(format!("row {row} cannot be read")))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() > names.len() {
            out.push(ExportRow {
                row,
                submitted: None,
                by: None,
                read: Err(FormatError::new("the row has more cells than the heading row has columns")),
            });
            continue;
        }
        let size: usize =
            names.iter().zip(record.iter()).filter(|(_, c)| !c.trim().is_empty()).map(|(n, c)| n.len() + c.len()).sum();
        if size > limits.max_bytes {
            out.push(ExportRow {
                row,
                submitted: None,
                by: None,
                read: Err(FormatError::new(format!("the row holds more than {} bytes", limits.max_bytes))),
            });
            continue;
        }
        let mut object = Object::new();
        for ((name, cell), kept) in names.iter().zip(record.iter()).zip(&keep) {
            if *kept && !cell.trim().is_empty() {
                object.insert(name.clone(), serde_json::Value::String(cell.to_owned()));
            }
        }
        out.push(row_of(instrument, limits, row, &object));
    }
    Ok(out)
}
