//! The bundle as a zip of CSV files: `manifest.json` naming the standard
//! and the extension, then `persons.csv`, `cases.csv`, `screenings.csv`
//! and `referrals.csv`, each with a header row of column names. CSV files
//! start with a byte-order mark, without which spreadsheet programs misread
//! Thai, Burmese or Khmer. The archive is read defensively: its size, the
//! number of entries and what they inflate to are capped, and every entry
//! is inflated through a bounded reader.

use std::io::{Cursor, Read, Write};

use time::Date;

use super::check::{check_bundle, Lined, LinedRows};
use super::codec::{default_cell, escape, shown_name, unescape, Problem};
use super::rows::{sorted, Bundle, CaseRow, Cell, PersonRow, ReferralRow, ScreeningRow, Shape, Table, TableRow};
use super::{Issue, Limits, Lines, Report, EXTENSION, STANDARD};
use crate::FormatError;

pub(crate) const MANIFEST: &str = "manifest.json";

/// A table's rows and whether the table was read at all; `None` once the
/// row cap is reached, which ends the whole read.
type TableRead<R> = Option<(LinedRows<R>, bool)>;

/// Entries beyond this are refused before any is read.
const MAX_ENTRIES: usize = 16;

/// A header wider than this is refused.
const MAX_COLUMNS: usize = 64;

fn manifest() -> String {
    format!("{{\"standard\":\"{STANDARD}\",\"extension\":\"{EXTENSION}\"}}\n")
}

fn csv_cell(table: Table, column: &str, shape: Shape, cell: Cell) -> Result<String, FormatError> {
    Ok(match cell {
        Cell::Text(s) => escape(&s.unwrap_or_default()),
        Cell::Bool(b) => b.to_string(),
        Cell::Int(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        Cell::List(items) => {
            let sep = match shape {
                Shape::List(sep) => sep,
                _ => ';',
            };
            // An item holding the separator would read back as two.
            if items.iter().any(|i| i.is_empty() || i.contains(sep) || i.trim() != i) {
                return Err(FormatError::new(format!(
                    "{table}: a {column} item is empty, has blanks around it or holds the separator"
                )));
            }
            escape(&items.join(&sep.to_string()))
        }
    })
}

fn table_csv<R: TableRow>(rows: &[R]) -> Result<Vec<u8>, FormatError> {
    let err = |e: csv::Error| FormatError::new(format!("csv: {e}"));
    let mut w = csv::WriterBuilder::new().from_writer("\u{feff}".as_bytes().to_vec());
    w.write_record(R::COLUMNS.iter().map(|c| c.name)).map_err(err)?;
    for row in sorted(rows) {
        let mut line = Vec::with_capacity(R::COLUMNS.len());
        for (col, cell) in R::COLUMNS.iter().zip(row.to_cells()) {
            line.push(csv_cell(R::TABLE, col.name, col.shape, cell)?);
        }
        w.write_record(&line).map_err(err)?;
    }
    w.into_inner().map_err(|e| FormatError::new(format!("csv: {e}")))
}

pub(crate) fn write(b: &Bundle) -> Result<Vec<u8>, FormatError> {
    let err = |e: &dyn std::fmt::Display| FormatError::new(format!("zip: {e}"));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed time, so that the same bundle always gives the same bytes.
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let entries = [
        (MANIFEST, manifest().into_bytes()),
        (Table::Persons.file_name(), table_csv(&b.persons)?),
        (Table::Cases.file_name(), table_csv(&b.cases)?),
        (Table::Screenings.file_name(), table_csv(&b.screenings)?),
        (Table::Referrals.file_name(), table_csv(&b.referrals)?),
    ];
    for (name, bytes) in entries {
        zip.start_file(name, opts).map_err(|e| err(&e))?;
        zip.write_all(&bytes).map_err(|e| err(&e))?;
    }
    Ok(zip.finish().map_err(|e| err(&e))?.into_inner())
}

fn read_cell(shape: Shape, raw: &str, limits: &Limits) -> Result<Cell, Problem> {
    if raw.len() > limits.max_field_bytes {
        return Err(Problem::TooLong);
    }
    match shape {
        Shape::Text => {
            let v = unescape(raw);
            Ok(Cell::Text((!v.is_empty()).then(|| v.to_owned())))
        }
        // Spreadsheets write TRUE and FALSE.
        Shape::Bool if raw.is_empty() || raw.eq_ignore_ascii_case("false") => Ok(Cell::Bool(false)),
        Shape::Bool if raw.eq_ignore_ascii_case("true") => Ok(Cell::Bool(true)),
        Shape::Bool => Err(Problem::Shape("true or false")),
        Shape::Int if raw.is_empty() => Ok(Cell::Int(None)),
        Shape::Int => raw.parse::<u16>().map(|n| Cell::Int(Some(n))).map_err(|_| Problem::Shape("a whole number")),
        Shape::List(sep) => {
            let items: Vec<String> =
                unescape(raw).split(sep).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
            if items.len() > limits.max_list_items {
                return Err(Problem::TooMany);
            }
            Ok(Cell::List(items))
        }
    }
}

/// One table's CSV, header first. Rows are counted against `rows_left`;
/// `None` when the cap is reached, which ends the whole read.
fn read_table<R: TableRow>(
    text: &str,
    limits: &Limits,
    rows_left: &mut usize,
    issues: &mut Vec<Issue>,
) -> TableRead<R> {
    let table = R::TABLE;
    let at = |line: u64, field: Option<String>, message: String| Issue {
        table: Some(table),
        line: Some(line),
        field,
        message,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            issues.push(at(1, None, "the file is empty: it needs a header row of column names".to_owned()));
            return Some((Vec::new(), false));
        }
        Some(Err(_)) => {
            issues.push(at(1, None, "the header row cannot be read".to_owned()));
            return Some((Vec::new(), false));
        }
        Some(Ok(h)) => h,
    };
    if header.len() > MAX_COLUMNS {
        issues.push(at(1, None, format!("more than {MAX_COLUMNS} columns")));
        return Some((Vec::new(), false));
    }
    let before = issues.len();
    let mut columns: Vec<Option<usize>> = Vec::with_capacity(header.len());
    for (pos, name) in header.iter().enumerate() {
        let found = R::COLUMNS.iter().position(|c| c.name == name.trim());
        match found {
            None => issues.push(at(
                1,
                None,
                format!(
                    "column {}{} is not a column of the {table} table, in HTCDS 2.0 or haven's extension",
                    pos + 1,
                    shown_name(name.trim()).map(|n| format!(" ({n})")).unwrap_or_default()
                ),
            )),
            Some(i) if columns.contains(&Some(i)) => {
                issues.push(at(1, Some(R::COLUMNS[i].name.to_owned()), "the column is given twice".to_owned()))
            }
            Some(_) => {}
        }
        columns.push(found);
    }
    if !columns.contains(&Some(0)) {
        issues.push(at(1, Some(R::COLUMNS[0].name.to_owned()), "the header has no id column".to_owned()));
    }
    if issues.len() > before {
        return Some((Vec::new(), false));
    }
    let mut rows = Vec::new();
    for record in records {
        let Ok(record) = record else {
            let line = rows.last().map_or(2, |(l, _, _): &(u64, R, bool)| l + 1);
            issues.push(at(line, None, "the CSV cannot be read from here on".to_owned()));
            return Some((rows, false));
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        if *rows_left == 0 {
            issues.push(at(line, None, format!("more than {} rows in the bundle", limits.max_rows)));
            return None;
        }
        *rows_left -= 1;
        let before = issues.len();
        if record.len() != header.len() {
            issues.push(at(line, None, format!("the row has {} cells, the header {}", record.len(), header.len())));
        }
        let mut cells: Vec<Cell> = R::COLUMNS.iter().map(|c| default_cell(c.shape)).collect();
        for (raw, column) in record.iter().zip(&columns) {
            let Some(i) = *column else { continue };
            match read_cell(R::COLUMNS[i].shape, raw, limits) {
                Ok(cell) => cells[i] = cell,
                Err(p) => issues.push(at(line, Some(R::COLUMNS[i].name.to_owned()), p.message(limits))),
            }
        }
        rows.push((line, R::from_cells(cells), issues.len() == before));
    }
    Some((rows, true))
}

/// A file name from the archive, as a message may repeat it: only a plain
/// one (letters, digits, `.`, `_`, `-`), which a person's name is not often.
fn file_name_shown(name: &str) -> String {
    let plain = (1..=64).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && name.contains(['.', '_']);
    if plain {
        format!(" ({name})")
    } else {
        String::new()
    }
}

/// A table's entry, if it was there and readable as text.
fn read_entry<R: TableRow>(
    text: Option<String>,
    limits: &Limits,
    rows_left: &mut usize,
    issues: &mut Vec<Issue>,
) -> TableRead<R> {
    match text {
        None => Some((Vec::new(), false)),
        Some(t) => read_table::<R>(&t, limits, rows_left, issues),
    }
}

pub(crate) fn read(bytes: &[u8], limits: &Limits, today: Date) -> Result<(Bundle, Lines), Report> {
    if bytes.len() > limits.max_bytes {
        return Err(Report::file(format!("the file is larger than {} bytes", limits.max_bytes)));
    }
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Report::file("not a zip archive that can be read"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(Report::file(format!("the archive has more than {MAX_ENTRIES} files")));
    }
    let names: Vec<&str> = std::iter::once(MANIFEST).chain(Table::ALL.iter().map(|t| t.file_name())).collect();
    // None: not in the archive; Some(None): there, but not text.
    let mut texts: Vec<Option<Option<String>>> = vec![None; names.len()];
    let mut issues = Vec::new();
    let mut inflated: u64 = 0;
    let max = limits.max_bytes as u64;
    for i in 0..zip.len() {
        let entry =
            zip.by_index(i).map_err(|_| Report::file(format!("file {} of the archive cannot be read", i + 1)))?;
        let Ok(name) = entry.name().map(|n| n.into_owned()) else {
            issues.push(Issue {
                table: None,
                line: None,
                field: None,
                message: format!("file {} of the archive has a name that cannot be read", i + 1),
            });
            continue;
        };
        let Some(slot) = names.iter().position(|n| *n == name) else {
            issues.push(Issue {
                table: None,
                line: None,
                field: None,
                message: format!(
                    "file {}{} of the archive is not part of a bundle (manifest.json, persons.csv, cases.csv, screenings.csv, referrals.csv)",
                    i + 1,
                    file_name_shown(&name)
                ),
            });
            continue;
        };
        if texts[slot].is_some() {
            issues.push(Issue {
                table: None,
                line: None,
                field: None,
                message: format!("{name} is in the archive twice"),
            });
            continue;
        }
        let mut buf = Vec::new();
        let left = max.saturating_sub(inflated);
        entry
            .take(left + 1)
            .read_to_end(&mut buf)
            .map_err(|_| Report::file(format!("{name} cannot be inflated: the archive is damaged")))?;
        inflated += buf.len() as u64;
        if inflated > max {
            return Err(Report::file(format!("the archive inflates past {} bytes", limits.max_bytes)));
        }
        match String::from_utf8(buf) {
            Ok(t) => texts[slot] = Some(Some(t)),
            Err(e) => {
                let bytes = e.as_bytes();
                let line = 1 + bytes[..e.utf8_error().valid_up_to()].iter().filter(|b| **b == b'\n').count() as u64;
                let table = Table::ALL.iter().copied().find(|t| t.file_name() == name);
                issues.push(Issue { table, line: Some(line), field: None, message: "not UTF-8 text".to_owned() });
                texts[slot] = Some(None);
            }
        }
    }
    for (name, text) in names.iter().zip(&texts) {
        if text.is_none() {
            issues.push(Issue { table: None, line: None, field: None, message: format!("the archive has no {name}") });
        }
    }
    if let Some(Some(m)) = &texts[0] {
        if m.trim() != manifest().trim() {
            issues.push(Issue {
                table: None,
                line: None,
                field: Some(MANIFEST.to_owned()),
                message: format!("this reader takes {{\"standard\":\"{STANDARD}\",\"extension\":\"{EXTENSION}\"}}"),
            });
        }
    }
    let mut rows_left = limits.max_rows;
    let Some((persons, persons_complete)) =
        read_entry::<PersonRow>(texts[1].take().flatten(), limits, &mut rows_left, &mut issues)
    else {
        return Err(Report::new(issues));
    };
    let Some((cases, _)) = read_entry::<CaseRow>(texts[2].take().flatten(), limits, &mut rows_left, &mut issues) else {
        return Err(Report::new(issues));
    };
    let Some((screenings, _)) =
        read_entry::<ScreeningRow>(texts[3].take().flatten(), limits, &mut rows_left, &mut issues)
    else {
        return Err(Report::new(issues));
    };
    let Some((referrals, _)) =
        read_entry::<ReferralRow>(texts[4].take().flatten(), limits, &mut rows_left, &mut issues)
    else {
        return Err(Report::new(issues));
    };
    let lined = Lined { persons, cases, screenings, referrals, persons_complete };
    check_bundle(lined, today, issues).map_err(Report::new)
}
