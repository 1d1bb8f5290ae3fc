//! The service directory as spreadsheets (R19): CSV and XLSX in, CSV and
//! XLSX out. The files come from outside (an NGO's spreadsheet, another
//! organisation's export), so parsing is defensive: sizes, rows, columns and
//! cells are capped, an XLSX file's zip entries are inflated through a
//! bounded reader before the workbook parser sees them, and cells are read
//! one by one, never as a dense grid a forged dimension could make enormous.
//! An import is all rows or none; the first bad row is named. Cells a
//! spreadsheet would run as formulas are defused on export.

use std::collections::BTreeMap;

use haven_core::services::{Service, CSV_COLUMNS};

use crate::FormatError;

/// An import larger than this is refused before parsing.
pub const MAX_CSV_BYTES: usize = 1 << 20;

/// And so is one with more rows than this.
pub const MAX_CSV_ROWS: usize = 5000;

/// Parses a directory CSV: a header row naming the columns (any order;
/// unknown columns are ignored), then one service per row. The first bad row
/// refuses the whole file, naming the row and the field.
pub fn parse_csv(bytes: &[u8]) -> Result<Vec<Service>, FormatError> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(FormatError::new(format!("the file is larger than {MAX_CSV_BYTES} bytes")));
    }
    // Spreadsheets often save with a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| FormatError::new(format!("the header row cannot be read: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let rows =
        reader.records().map(|r| r.map(|rec| rec.iter().map(unescape_cell).collect()).map_err(|e| e.to_string()));
    parse_table(&headers, rows)
}

/// A spreadsheet of either format may have at most this many columns: one
/// cap for both, so a file refused as XLSX is not accepted as CSV.
pub const MAX_COLUMNS: usize = MAX_XLSX_COLUMNS as usize;

/// The rows of a CSV or a worksheet, after the header, as services.
fn parse_table(
    headers: &[String],
    rows: impl Iterator<Item = Result<Vec<String>, String>>,
) -> Result<Vec<Service>, FormatError> {
    if headers.len() > MAX_COLUMNS {
        return Err(FormatError::new(format!("more than {MAX_COLUMNS} columns")));
    }
    let headers: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    for required in ["provider", "name", "service_type", "country", "contact"] {
        if !headers.iter().any(|h| h == required) {
            return Err(FormatError::new(format!("the header row has no {required} column")));
        }
    }
    let mut out = Vec::new();
    for (i, record) in rows.enumerate() {
        let row = i + 2;
        if out.len() >= MAX_CSV_ROWS {
            return Err(FormatError::new(format!("more than {MAX_CSV_ROWS} rows")));
        }
        let record = record.map_err(|e| FormatError::new(format!("row {row}: {e}")))?;
        if record.len() > MAX_COLUMNS {
            return Err(FormatError::new(format!("row {row}: more than {MAX_COLUMNS} columns")));
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let fields: BTreeMap<String, String> = headers
            .iter()
            .zip(record.iter())
            .filter(|(h, _)| CSV_COLUMNS.contains(&h.as_str()))
            .map(|(h, v)| (h.clone(), v.trim().to_owned()))
            .collect();
        let service =
            Service::parse(&fields).map_err(|v| FormatError::new(format!("row {row}: {}: {}", v.field, v.message)))?;
        out.push(service);
    }
    Ok(out)
}

/// An XLSX workbook may inflate to no more than this (zip-bomb guard).
pub const MAX_XLSX_INFLATED_BYTES: u64 = 32 << 20;

/// Columns past this in a worksheet are refused rather than read.
const MAX_XLSX_COLUMNS: u32 = 64;

/// A cell longer than this is refused before it is copied: one shared
/// string may be referenced by every cell, so inflated size alone does not
/// bound what the grid would hold.
const MAX_XLSX_CELL_BYTES: usize = 4096;

/// Parses the first worksheet of an XLSX workbook the same way as a CSV.
/// The file is untrusted: its size is capped, every zip entry is inflated
/// through a bounded reader before the workbook parser sees it, and cells
/// are read one by one into rows (never as one dense range that a forged
/// dimension could make enormous).
pub fn parse_xlsx(bytes: &[u8]) -> Result<Vec<Service>, FormatError> {
    let mut rows = read_grid(bytes)?.into_iter();
    let headers = rows.next().unwrap_or_default();
    parse_table(&headers, rows.map(Ok))
}

/// The first worksheet of an untrusted XLSX workbook as rows of cell text,
/// with every limit of [`parse_xlsx`] applied; shared with the other
/// spreadsheet formats.
pub(crate) fn read_grid(bytes: &[u8]) -> Result<Vec<Vec<String>>, FormatError> {
    Ok(read_grid_numbered(bytes, MAX_CSV_BYTES, MAX_CSV_ROWS)?.into_iter().map(|(_, r)| r).collect())
}

/// [`read_grid`] with other caps on the file and its rows, each row with
/// its number as the spreadsheet shows it (from 1; empty rows skipped).
pub(crate) fn read_grid_numbered(
    bytes: &[u8],
    max_bytes: usize,
    max_rows: usize,
) -> Result<Vec<(u64, Vec<String>)>, FormatError> {
    use calamine::{Reader, Xlsx};
    use std::io::{Cursor, Read};
    if bytes.len() > max_bytes {
        return Err(FormatError::new(format!("the file is larger than {max_bytes} bytes")));
    }
    // The parser's own words may quote a cell (calamine names an error
    // cell's text), and a refusal never repeats what the file holds.
    let bad = |_: &dyn std::fmt::Display| FormatError::new("not a readable XLSX workbook");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let mut inflated: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| bad(&e))?;
        let left = MAX_XLSX_INFLATED_BYTES.saturating_sub(inflated);
        inflated += std::io::copy(&mut entry.take(left + 1), &mut std::io::sink()).map_err(|e| bad(&e))?;
        if inflated > MAX_XLSX_INFLATED_BYTES {
            return Err(FormatError::new(format!("the workbook inflates past {MAX_XLSX_INFLATED_BYTES} bytes")));
        }
    }
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let sheet = wb.sheet_names().into_iter().next().ok_or_else(|| bad(&"it has no worksheet"))?;
    let mut cells = wb.worksheet_cells_reader(&sheet).map_err(|e| bad(&e))?;
    let mut grid: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    let mut held = 0usize;
    while let Some(cell) = cells.next_cell().map_err(|e| bad(&e))? {
        let (r, c) = cell.get_position();
        if c >= MAX_XLSX_COLUMNS {
            return Err(FormatError::new(format!("more than {MAX_XLSX_COLUMNS} columns")));
        }
        if r as usize > max_rows + 1 {
            return Err(FormatError::new(format!("more than {max_rows} rows")));
        }
        let long = match cell.get_value() {
            calamine::DataRef::SharedString(s) => s.len() > MAX_XLSX_CELL_BYTES,
            calamine::DataRef::String(s) | calamine::DataRef::DateTimeIso(s) | calamine::DataRef::DurationIso(s) => {
                s.len() > MAX_XLSX_CELL_BYTES
            }
            _ => false,
        };
        if long {
            return Err(FormatError::new(format!("row {}: a cell is longer than {MAX_XLSX_CELL_BYTES} bytes", r + 1)));
        }
        let value = calamine::Data::from(cell.get_value().clone()).to_string();
        held += value.len();
        if held > max_bytes {
            return Err(FormatError::new(format!("the cells hold more than {max_bytes} bytes")));
        }
        if !value.is_empty() {
            grid.entry(r).or_default().insert(c, value);
        }
    }
    let width = grid.values().filter_map(|r| r.keys().next_back()).max().map_or(0, |c| c + 1);
    let dense =
        |r: &BTreeMap<u32, String>| (0..width).map(|c| r.get(&c).cloned().unwrap_or_default()).collect::<Vec<_>>();
    Ok(grid.iter().map(|(r, cells)| (u64::from(*r) + 1, dense(cells))).collect())
}

/// The directory as an XLSX workbook, one service per row. Cells are
/// written as strings, never as formulas.
pub fn write_xlsx(services: &[Service]) -> Result<Vec<u8>, FormatError> {
    let err = |e: rust_xlsxwriter::XlsxError| FormatError::new(format!("xlsx: {e}"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    for (c, h) in CSV_COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).map_err(err)?;
    }
    for (r, s) in services.iter().enumerate() {
        for (c, (_, v)) in s.fields().iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, v.as_str()).map_err(err)?;
            }
        }
    }
    wb.save_to_buffer().map_err(err)
}

/// A cell a spreadsheet would run as a formula is written with a leading
/// apostrophe (CSV injection); reading strips it again.
fn escape_cell(v: &str) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_owned()
    }
}

pub(crate) fn unescape_cell(v: &str) -> String {
    match v.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => v.to_owned(),
    }
}

/// The directory as CSV, in the column order of [`CSV_COLUMNS`].
pub fn write_csv(services: &[Service]) -> Result<Vec<u8>, FormatError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| FormatError::new(format!("csv: {e}"));
    w.write_record(CSV_COLUMNS).map_err(err)?;
    for s in services {
        w.write_record(s.fields().iter().map(|(_, v)| escape_cell(v))).map_err(err)?;
    }
    w.into_inner().map_err(|e| FormatError::new(format!("csv: {e}")))
}

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// CSV or XLSX, by the declared content type (or, failing that, by the zip
/// signature an XLSX file starts with).
pub fn parse_spreadsheet(content_type: Option<&str>, bytes: &[u8]) -> Result<Vec<Service>, FormatError> {
    if content_type.is_some_and(|t| t.starts_with(XLSX_TYPE)) || bytes.starts_with(b"PK\x03\x04") {
        parse_xlsx(bytes)
    } else {
        parse_csv(bytes)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str =
        "\u{feff}provider,name,service_type,languages,country,location,sex,min_age,max_age,capacity,contact,notes\n\
        Safe Haven,Men's shelter,shelter_men,th my,THA,Mae Sot,men,18,,12,+66 2 000 0000,ignored\n\
        Legal Aid Org,Lawyers,legal_aid,en km,KHM,Phnom Penh,,,,,legal@example.org,\n";

    #[test]
    fn r19_a_spreadsheet_export_imports_and_round_trips() {
        let services = parse_csv(SAMPLE.as_bytes()).unwrap();
        assert_eq!(services.len(), 2);
        assert_eq!(services[0].contact, "+66 2 000 0000");
        let out = write_csv(&services).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.contains("'+66 2 000 0000"), "a formula-like cell is defused: {text}");
        assert_eq!(parse_csv(&out).unwrap(), services);
    }

    #[test]
    fn r19_one_bad_row_refuses_the_file_and_names_the_row() {
        let bad = format!("{SAMPLE}Clinic,Clinic,spa,,THA,,,,,,x\n");
        let err = parse_csv(bad.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("row 4") && err.contains("service_type"), "{err}");
        let no_header = "a,b\n1,2\n";
        assert!(parse_csv(no_header.as_bytes()).unwrap_err().to_string().contains("provider"));
        let big = vec![b'a'; MAX_CSV_BYTES + 1];
        assert!(parse_csv(&big).is_err());
    }

    #[test]
    fn r19_an_xlsx_export_imports_and_round_trips() {
        let services = parse_csv(SAMPLE.as_bytes()).unwrap();
        let xlsx = write_xlsx(&services).unwrap();
        assert!(xlsx.starts_with(b"PK\x03\x04"));
        assert_eq!(parse_xlsx(&xlsx).unwrap(), services);
        assert_eq!(parse_spreadsheet(None, &xlsx).unwrap(), services, "recognised without a content type");
    }

    fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let sheet = wb.add_worksheet();
        for (r, c, v) in cells {
            sheet.write_string(*r, *c, *v).unwrap();
        }
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn an_xlsx_bad_row_refuses_the_file_and_names_the_row() {
        let header = ["provider", "name", "service_type", "country", "contact"];
        let mut cells: Vec<(u32, u16, &str)> = header.iter().enumerate().map(|(c, h)| (0, c as u16, *h)).collect();
        cells.extend([(1, 0, "P"), (1, 1, "N"), (1, 2, "legal_aid"), (1, 3, "THA"), (1, 4, "c")]);
        cells.extend([(2, 0, "P"), (2, 1, "N"), (2, 2, "spa"), (2, 3, "THA"), (2, 4, "c")]);
        let err = parse_xlsx(&workbook(&cells)).unwrap_err().to_string();
        assert!(err.contains("row 3") && err.contains("service_type"), "{err}");
    }

    #[test]
    fn a_forged_xlsx_is_refused_without_reading_it_all() {
        // A cell far away must not make the parser build a dense grid.
        let far = workbook(&[(0, 0, "provider"), (1_000_000, 0, "x")]);
        assert!(parse_xlsx(&far).unwrap_err().to_string().contains("rows"));
        let long = "x".repeat(MAX_XLSX_CELL_BYTES + 1);
        let huge = workbook(&[(0, 0, "provider"), (1, 0, long.as_str())]);
        assert!(parse_xlsx(&huge).unwrap_err().to_string().contains("longer than"));
        let wide = workbook(&[(0, 0, "provider"), (0, 200, "x")]);
        assert!(parse_xlsx(&wide).unwrap_err().to_string().contains("columns"));
        // A zip bomb: a small file that inflates past the cap.
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..40 {
            std::io::Write::write_all(&mut zip, &zeros).unwrap();
        }
        let bomb = zip.finish().unwrap().into_inner();
        assert!(bomb.len() < MAX_CSV_BYTES, "{}", bomb.len());
        assert!(parse_xlsx(&bomb).unwrap_err().to_string().contains("inflates"));
        assert!(parse_xlsx(b"PK\x03\x04 not really a zip").is_err());
        // The same cap for CSV: 64 columns pass the header check, 65 do not.
        let header = |n: usize| {
            let mut cols = vec!["provider", "name", "service_type", "country", "contact"]
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>();
            cols.extend((cols.len()..n).map(|i| format!("extra{i}")));
            format!("{}\nP,N,legal_aid,THA,c\n", cols.join(","))
        };
        assert!(parse_csv(header(MAX_COLUMNS).as_bytes()).is_ok());
        assert!(parse_csv(header(MAX_COLUMNS + 1).as_bytes()).unwrap_err().to_string().contains("columns"));
    }

    proptest! {
        #[test]
        fn the_xlsx_parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let mut b = b"PK\x03\x04".to_vec();
            b.extend(bytes);
            let _ = parse_spreadsheet(None, &b);
        }

        #[test]
        fn the_csv_parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = parse_csv(&bytes);
        }

        #[test]
        fn the_csv_parser_never_panics_on_text_after_a_valid_header(s in ".{0,600}") {
            let _ = parse_csv(format!("provider,name,service_type,country,contact\n{s}").as_bytes());
        }
    }
}
