//! The bundle as one JSON document: a header naming the standard and the
//! extension, then the four tables, one row object per line, keys in
//! column order. The reader takes any layout of the same JSON and keeps
//! each row's place in the text, so a problem is reported on its line.

use std::cell::{Cell as StdCell, RefCell};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use time::Date;

use super::check::{check_bundle, Lined};
use super::codec::{default_cell, shown_name, Problem};
use super::rows::{sorted, Bundle, CaseRow, Cell, PersonRow, ReferralRow, ScreeningRow, Shape, Table, TableRow};
use super::{Issue, Limits, Lines, Report, EXTENSION, STANDARD};
use crate::FormatError;

pub(crate) fn write(b: &Bundle) -> Result<Vec<u8>, FormatError> {
    let mut out = String::new();
    out.push_str(&format!("{{\"standard\":{},\"extension\":{},\n", quote(STANDARD)?, quote(EXTENSION)?));
    table(&mut out, &b.persons)?;
    out.push_str(",\n");
    table(&mut out, &b.cases)?;
    out.push_str(",\n");
    table(&mut out, &b.screenings)?;
    out.push_str(",\n");
    table(&mut out, &b.referrals)?;
    out.push_str("\n}\n");
    Ok(out.into_bytes())
}

fn quote(s: &str) -> Result<String, FormatError> {
    serde_json::to_string(s).map_err(|e| FormatError::new(format!("json: {e}")))
}

fn table<R: TableRow>(out: &mut String, rows: &[R]) -> Result<(), FormatError> {
    out.push_str(&quote(R::TABLE.as_str())?);
    out.push_str(":[");
    for (i, row) in sorted(rows).into_iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push('{');
        let mut first = true;
        for (col, cell) in R::COLUMNS.iter().zip(row.to_cells()) {
            let value = match cell {
                Cell::Text(Some(s)) if !s.is_empty() => quote(&s)?,
                Cell::Bool(b) => b.to_string(),
                Cell::Int(Some(n)) => n.to_string(),
                Cell::List(items) if !items.is_empty() => {
                    serde_json::to_string(&items).map_err(|e| FormatError::new(format!("json: {e}")))?
                }
                // Not given: no key at all, not even null.
                Cell::Text(_) | Cell::Int(None) | Cell::List(_) => continue,
            };
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&quote(col.name)?);
            out.push(':');
            out.push_str(&value);
        }
        out.push('}');
    }
    if !rows.is_empty() {
        out.push('\n');
    }
    out.push(']');
    Ok(())
}

/// A key from the file, as a message names it.
fn the_key(key: &str) -> String {
    shown_name(key).map_or_else(|| "a key".to_owned(), |k| format!("the key {k}"))
}

/// The document's top level, rows still as raw text.
#[derive(Default)]
struct Doc<'a> {
    standard: Option<String>,
    extension: Option<String>,
    tables: [Option<Vec<&'a RawValue>>; 4],
}

/// Why parsing stopped, in our words: serde's own messages can quote the
/// value they choked on, which may be a person's name.
type Why = RefCell<Option<String>>;

fn stop<E: de::Error>(why: &Why, message: String) -> E {
    *why.borrow_mut() = Some(message);
    E::custom("refused")
}

struct DocSeed<'c> {
    rows_left: &'c StdCell<usize>,
    max_rows: usize,
    why: &'c Why,
}

impl<'de> DeserializeSeed<'de> for DocSeed<'_> {
    type Value = Doc<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Doc<'de>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocSeed<'_> {
    type Value = Doc<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an HTCDS bundle")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Doc<'de>, A::Error> {
        let mut doc = Doc::default();
        while let Some(key) = map.next_key::<String>()? {
            let twice = || stop(self.why, format!("{} is given twice", the_key(&key)));
            match key.as_str() {
                "standard" | "extension" => {
                    let slot = if key == "standard" { &mut doc.standard } else { &mut doc.extension };
                    if slot.is_some() {
                        return Err(twice());
                    }
                    let v: serde_json::Value = map.next_value()?;
                    *slot = Some(v.as_str().unwrap_or_default().to_owned());
                }
                name => {
                    let Some(i) = Table::ALL.iter().position(|t| t.as_str() == name) else {
                        return Err(stop(
                            self.why,
                            format!(
                                "{} is not part of a bundle, which has standard, extension, persons, cases, screenings and referrals",
                                the_key(name)
                            ),
                        ));
                    };
                    if doc.tables[i].is_some() {
                        return Err(twice());
                    }
                    let seed = RowsSeed { left: self.rows_left, max_rows: self.max_rows, why: self.why };
                    doc.tables[i] = Some(map.next_value_seed(seed)?);
                }
            }
        }
        Ok(doc)
    }
}

/// A table's rows, at most `max_rows` across the bundle: the cap holds
/// before anything is kept.
struct RowsSeed<'c> {
    left: &'c StdCell<usize>,
    max_rows: usize,
    why: &'c Why,
}

impl<'de> DeserializeSeed<'de> for RowsSeed<'_> {
    type Value = Vec<&'de RawValue>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_> {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            if self.left.get() == 0 {
                return Err(stop(self.why, format!("more than {} rows in the bundle", self.max_rows)));
            }
            self.left.set(self.left.get() - 1);
            out.push(raw);
        }
        Ok(out)
    }
}

/// A list of raw values, at most `max` of them.
struct Capped(usize);

impl<'de> DeserializeSeed<'de> for Capped {
    type Value = Vec<&'de RawValue>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Capped {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            if out.len() == self.0 {
                return Err(de::Error::custom("too many"));
            }
            out.push(raw);
        }
        Ok(out)
    }
}

/// A row object's keys and raw values, in order, at most `max` of them.
struct Fields(usize);

impl<'de> DeserializeSeed<'de> for Fields {
    type Value = Vec<(String, &'de RawValue)>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Fields {
    type Value = Vec<(String, &'de RawValue)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a row")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.len() == self.0 {
                return Err(de::Error::custom("too many"));
            }
            out.push((key, map.next_value::<&'de RawValue>()?));
        }
        Ok(out)
    }
}

/// How many keys a row may have: every column, and then some for the
/// unknown ones to be reported by name.
const MAX_ROW_KEYS: usize = 64;

fn string(raw: &RawValue, limits: &Limits) -> Result<Option<String>, Problem> {
    let text = raw.get();
    if text == "null" {
        return Ok(None);
    }
    if !text.starts_with('"') {
        return Err(Problem::Shape("text"));
    }
    // A JSON escape takes at most six bytes per byte it stands for.
    if text.len() > limits.max_field_bytes.saturating_mul(6).saturating_add(2) {
        return Err(Problem::TooLong);
    }
    let s: String = serde_json::from_str(text).map_err(|_| Problem::Shape("text"))?;
    if s.len() > limits.max_field_bytes {
        return Err(Problem::TooLong);
    }
    Ok(Some(s).filter(|s| !s.is_empty()))
}

fn json_cell(shape: Shape, raw: &RawValue, limits: &Limits) -> Result<Cell, Problem> {
    let text = raw.get();
    match shape {
        Shape::Text => string(raw, limits).map(Cell::Text),
        Shape::Bool => match text {
            "true" => Ok(Cell::Bool(true)),
            "false" | "null" => Ok(Cell::Bool(false)),
            _ => Err(Problem::Shape("true or false")),
        },
        Shape::Int if text == "null" => Ok(Cell::Int(None)),
        Shape::Int => {
            serde_json::from_str::<u16>(text).map(|n| Cell::Int(Some(n))).map_err(|_| Problem::Shape("a whole number"))
        }
        Shape::List(_) if text == "null" => Ok(Cell::List(Vec::new())),
        Shape::List(_) => {
            if !text.starts_with('[') {
                return Err(Problem::Shape("a list of texts"));
            }
            let mut de = serde_json::Deserializer::from_str(text);
            let items = Capped(limits.max_list_items).deserialize(&mut de).map_err(|_| Problem::TooMany)?;
            let mut out = Vec::new();
            for item in items {
                match string(item, limits) {
                    Ok(Some(s)) => out.push(s),
                    Ok(None) => {}
                    Err(Problem::TooLong) => return Err(Problem::TooLong),
                    Err(_) => return Err(Problem::Shape("a list of texts")),
                }
            }
            Ok(Cell::List(out))
        }
    }
}

/// One row object as a row of `R`, or what is wrong with it.
fn json_row<R: TableRow>(raw: &RawValue, limits: &Limits, line: u64, issues: &mut Vec<Issue>) -> (R, bool) {
    let at = |field: Option<String>, message: String| Issue { table: Some(R::TABLE), line: Some(line), field, message };
    let mut cells: Vec<Cell> = R::COLUMNS.iter().map(|c| default_cell(c.shape)).collect();
    let mut given = vec![false; R::COLUMNS.len()];
    let before = issues.len();
    let text = raw.get();
    if !text.starts_with('{') {
        issues.push(at(None, "a row is a JSON object".to_owned()));
        return (R::from_cells(cells), false);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let Ok(fields) = Fields(MAX_ROW_KEYS).deserialize(&mut de) else {
        issues.push(at(None, format!("a row has more than {MAX_ROW_KEYS} keys")));
        return (R::from_cells(cells), false);
    };
    for (key, value) in fields {
        let Some(i) = R::COLUMNS.iter().position(|c| c.name == key) else {
            issues.push(at(
                None,
                format!(
                    "{} is not a column of the {} table, in HTCDS 2.0 or haven's extension",
                    the_key(&key),
                    R::TABLE
                ),
            ));
            continue;
        };
        let column = R::COLUMNS[i];
        if given[i] {
            issues.push(at(Some(column.name.to_owned()), "given twice".to_owned()));
            continue;
        }
        given[i] = true;
        match json_cell(column.shape, value, limits) {
            Ok(cell) => cells[i] = cell,
            Err(p) => issues.push(at(Some(column.name.to_owned()), p.message(limits))),
        }
    }
    (R::from_cells(cells), issues.len() == before)
}

/// Line numbers (1-based) of byte offsets into `text`, in one pass.
fn lines_of(text: &str, offsets: &[usize]) -> Vec<u64> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|i| offsets[*i]);
    let bytes = text.as_bytes();
    let mut out = vec![0u64; offsets.len()];
    let (mut pos, mut line) = (0usize, 1u64);
    for i in order {
        let to = offsets[i].min(bytes.len());
        line += bytes[pos..to].iter().filter(|b| **b == b'\n').count() as u64;
        pos = to;
        out[i] = line;
    }
    out
}

fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize)
}

fn rows_of<R: TableRow>(
    raws: &[&RawValue],
    lines: &mut impl Iterator<Item = u64>,
    limits: &Limits,
    issues: &mut Vec<Issue>,
) -> Vec<(u64, R, bool)> {
    raws.iter()
        .map(|raw| {
            let line = lines.next().unwrap_or(0);
            let (row, ok) = json_row::<R>(raw, limits, line, issues);
            (line, row, ok)
        })
        .collect()
}

pub(crate) fn read(bytes: &[u8], limits: &Limits, today: Date) -> Result<(Bundle, Lines), Report> {
    if bytes.len() > limits.max_bytes {
        return Err(Report::file(format!("the file is larger than {} bytes", limits.max_bytes)));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() as u64;
            return Err(Report::at(None, line, "the file is not UTF-8 text"));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows_left = StdCell::new(limits.max_rows);
    let why: Why = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = DocSeed { rows_left: &rows_left, max_rows: limits.max_rows, why: &why }
        .deserialize(&mut de)
        .and_then(|doc| de.end().map(|()| doc));
    let doc = match parsed {
        Ok(doc) => doc,
        Err(e) => {
            let message = why.take().unwrap_or_else(|| match e.classify() {
                serde_json::error::Category::Eof => "the JSON ends too early".to_owned(),
                serde_json::error::Category::Syntax => "not valid JSON here".to_owned(),
                _ => "not an HTCDS bundle: a JSON object with standard, extension and four lists of rows".to_owned(),
            });
            return Err(Report::at(None, e.line().max(1) as u64, message));
        }
    };
    let mut issues = Vec::new();
    let header = [("standard", &doc.standard, STANDARD), ("extension", &doc.extension, EXTENSION)];
    for (key, value, expected) in header {
        if value.as_deref() != Some(expected) {
            issues.push(Issue {
                table: None,
                line: None,
                field: Some(key.to_owned()),
                message: format!("this reader takes {expected}"),
            });
        }
    }
    for (t, rows) in Table::ALL.iter().zip(&doc.tables) {
        if rows.is_none() {
            issues.push(Issue { table: Some(*t), line: None, field: None, message: "the table is missing".to_owned() });
        }
    }
    let raws: [&[&RawValue]; 4] = [0, 1, 2, 3].map(|i| doc.tables[i].as_deref().unwrap_or_default());
    let offsets: Vec<usize> = raws.iter().flat_map(|t| t.iter().map(|r| offset_in(text, r.get()))).collect();
    let mut lines = lines_of(text, &offsets).into_iter();
    let lined = Lined {
        persons: rows_of::<PersonRow>(raws[0], &mut lines, limits, &mut issues),
        cases: rows_of::<CaseRow>(raws[1], &mut lines, limits, &mut issues),
        screenings: rows_of::<ScreeningRow>(raws[2], &mut lines, limits, &mut issues),
        referrals: rows_of::<ReferralRow>(raws[3], &mut lines, limits, &mut issues),
        persons_complete: doc.tables[0].is_some(),
    };
    check_bundle(lined, today, issues).map_err(Report::new)
}
