//! Released figures as CSV and XLSX (R23). Only a [`Released`] table can be
//! written: a table of raw counts has no writer, so an export cannot skip
//! disclosure control. Every file carries the method that made it safe.

use haven_core::disclosure::{Cell, Released};

use crate::FormatError;

/// Labels for the header and rows, in the reader's language; codes where
/// the caller has no word.
pub struct Labels<'a> {
    pub corner: &'a str,
    pub total: &'a str,
    pub method: &'a str,
    /// The word for a hidden figure, as the page shows it.
    pub suppressed: &'a str,
}

fn cell(c: Cell, l: &Labels) -> String {
    match c {
        Cell::Shown(n) => n.to_string(),
        Cell::Suppressed => l.suppressed.to_owned(),
    }
}

/// The grid as rows of strings: header, one line per row with its total,
/// the totals line, then the method.
fn grid(t: &Released, l: &Labels) -> Vec<Vec<String>> {
    let mut out = Vec::with_capacity(t.rows.len() + 4);
    let mut header = vec![l.corner.to_owned()];
    header.extend(t.cols.iter().cloned());
    header.push(l.total.to_owned());
    out.push(header);
    for (r, label) in t.rows.iter().enumerate() {
        let mut line = vec![label.clone()];
        line.extend(t.cells[r].iter().map(|c| cell(*c, l)));
        line.push(cell(t.row_totals[r], l));
        out.push(line);
    }
    let mut totals = vec![l.total.to_owned()];
    totals.extend(t.col_totals.iter().map(|c| cell(*c, l)));
    totals.push(cell(t.total, l));
    out.push(totals);
    out.push(vec![l.method.to_owned()]);
    out
}

/// A label a spreadsheet would run as a formula gets a leading apostrophe.
fn escape(v: &str) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_owned()
    }
}

/// CSV in UTF-8 with a byte-order mark, without which spreadsheet programs
/// read Thai, Burmese or Khmer labels as garbage.
pub fn write_csv(t: &Released, l: &Labels) -> Result<Vec<u8>, FormatError> {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer("\u{feff}".as_bytes().to_vec());
    let err = |e: csv::Error| FormatError::new(format!("csv: {e}"));
    for line in grid(t, l) {
        w.write_record(line.iter().map(|v| escape(v))).map_err(err)?;
    }
    w.into_inner().map_err(|e| FormatError::new(format!("csv: {e}")))
}

pub fn write_xlsx(t: &Released, l: &Labels) -> Result<Vec<u8>, FormatError> {
    let err = |e: rust_xlsxwriter::XlsxError| FormatError::new(format!("xlsx: {e}"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    for (r, line) in grid(t, l).iter().enumerate() {
        for (c, v) in line.iter().enumerate() {
            // Figures as numbers, so that a spreadsheet can chart them;
            // labels and "suppressed" as strings, never as formulas.
            match v.parse::<u64>() {
                Ok(n) if r > 0 && c > 0 => sheet.write_number(r as u32, c as u16, n as f64).map_err(err)?,
                _ => sheet.write_string(r as u32, c as u16, v.as_str()).map_err(err)?,
            };
        }
    }
    wb.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use haven_core::disclosure::{release, Counts};

    fn released() -> Released {
        let counts = Counts {
            rows: vec!["VNM".into(), "=cmd".into()],
            cols: vec!["female".into(), "male".into()],
            cells: vec![vec![20, 3], vec![15, 30]],
        };
        release(&counts, 11).unwrap()
    }

    const L: Labels =
        Labels { corner: "nationality / sex", total: "Total", method: "k = 11", suppressed: "suppressed" };

    #[test]
    fn r23_the_csv_shows_suppression_and_the_method_and_never_the_small_count() {
        let csv = String::from_utf8(write_csv(&released(), &L).unwrap()).unwrap();
        assert!(csv.starts_with("\u{feff}nationality / sex,female,male,Total\n"), "{csv}");
        assert!(csv.contains("VNM,suppressed,suppressed,23"), "{csv}");
        assert!(csv.contains("'=cmd,"), "a label is never a formula: {csv}");
        assert!(csv.trim_end().ends_with("k = 11"), "{csv}");
        assert!(!csv.lines().any(|l| l.split(',').any(|c| c == "3")), "{csv}");
    }

    #[test]
    fn r23_the_workbook_is_a_zip_with_the_figures() {
        let bytes = write_xlsx(&released(), &L).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"));
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        use calamine::Reader;
        let range = wb.worksheet_range_at(0).unwrap().unwrap();
        assert_eq!(range.get_value((1, 1)).map(|v| v.to_string()), Some("suppressed".to_owned()));
        assert_eq!(range.get_value((1, 3)).map(|v| v.to_string()), Some("23".to_owned()));
    }
}
