//! PEOPLE.csv, as issue 15 specifies it: a header; the first column is the id (any name);
//! `full_name`, `sex`, `date_of_birth`, `age_estimate`, `nationality`, `place_of_origin`, and
//! one date column, `reported_on` or `recorded_on`.
//!
//! Bad rows are returned with their line number, never dropped silently (R25: a missing person
//! left out of a search without anyone knowing is a search that failed quietly).

use thiserror::Error;

/// Largest PEOPLE.csv accepted (bytes): a million rows of long names fit well within it.
pub const MAX_INPUT_BYTES: usize = 1 << 30;
/// Most rows in one file.
pub const MAX_ROWS: usize = 5_000_000;
/// Longest single field, in bytes.
pub const MAX_FIELD_BYTES: usize = 1024;

/// A calendar date, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: i32 = s.get(0..4)?.parse().ok()?;
        let month: u8 = s.get(5..7)?.parse().ok()?;
        let day: u8 = s.get(8..10)?.parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if !(1800..=2200).contains(&year) || day == 0 || day > days {
            return None;
        }
        Some(Date { year, month, day })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// What is known of when someone was born.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Birth {
    Date(Date),
    Year(i32),
    /// An age estimate `lo-hi` at the row's date.
    AgeRange {
        lo: u8,
        hi: u8,
    },
    Unknown,
}

/// One row of PEOPLE.csv, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub full_name: String,
    pub sex: Option<Sex>,
    pub birth: Birth,
    /// ISO 3166 alpha-3, upper case.
    pub nationality: Option<String>,
    pub place_of_origin: String,
    /// `reported_on` or `recorded_on`.
    pub on: Option<Date>,
}

impl Person {
    /// The birth years this row allows (inclusive), if it says anything about them.
    pub fn birth_years(&self) -> Option<(i32, i32)> {
        match self.birth {
            Birth::Date(d) => Some((d.year, d.year)),
            Birth::Year(y) => Some((y, y)),
            // Someone aged lo..=hi on a date in year Y was born in Y-hi-1 ..= Y-lo.
            Birth::AgeRange { lo, hi } => self.on.map(|d| (d.year - i32::from(hi) - 1, d.year - i32::from(lo))),
            Birth::Unknown => None,
        }
    }
}

/// A row that could not be read, with the line it is on (1-based, the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

#[derive(Debug, Error)]
pub enum PeopleError {
    #[error("the file is larger than {MAX_INPUT_BYTES} bytes")]
    TooLarge,
    #[error("the file has more than {MAX_ROWS} rows")]
    TooManyRows,
    #[error("the header is missing the column `{0}`")]
    MissingColumn(&'static str),
    #[error("the header needs exactly one of `reported_on` or `recorded_on`")]
    DateColumn,
    #[error("the header cannot be read: {0}")]
    Header(String),
}

/// All rows read, and every bad row with its line number.
#[derive(Debug, Default)]
pub struct Parsed {
    pub people: Vec<Person>,
    pub bad_rows: Vec<RowError>,
}

struct Columns {
    name: usize,
    sex: usize,
    dob: usize,
    age: usize,
    nationality: usize,
    place: usize,
    on: usize,
}

fn find(header: &[String], name: &'static str) -> Result<usize, PeopleError> {
    header.iter().position(|h| h == name).ok_or(PeopleError::MissingColumn(name))
}

/// Parses PEOPLE.csv from bytes (which need not be valid UTF-8: a bad row is reported).
pub fn parse_people(bytes: &[u8]) -> Result<Parsed, PeopleError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(PeopleError::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(bytes);
    let header: Vec<String> = reader
        .byte_headers()
        .map_err(|e| PeopleError::Header(e.to_string()))?
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_ascii_lowercase())
        .collect();
    if header.is_empty() || header[0].is_empty() && header.len() == 1 {
        return Err(PeopleError::MissingColumn("id"));
    }
    let on = match (header.iter().position(|h| h == "reported_on"), header.iter().position(|h| h == "recorded_on")) {
        (Some(i), None) | (None, Some(i)) => i,
        _ => return Err(PeopleError::DateColumn),
    };
    let cols = Columns {
        name: find(&header, "full_name")?,
        sex: find(&header, "sex")?,
        dob: find(&header, "date_of_birth")?,
        age: find(&header, "age_estimate")?,
        nationality: find(&header, "nationality")?,
        place: find(&header, "place_of_origin")?,
        on,
    };
    let mut parsed = Parsed::default();
    let mut record = csv::ByteRecord::new();
    let mut seen_ids = std::collections::HashSet::new();
    loop {
        let line_hint = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line_hint, csv::Position::line);
                parsed.bad_rows.push(RowError { line, message: format!("unreadable CSV: {e}") });
                // A CSV error from the reader is not recoverable in the middle of a quoted field.
                if parsed.bad_rows.len() > MAX_ROWS {
                    return Err(PeopleError::TooManyRows);
                }
                continue;
            }
        }
        let line = record.position().map_or(line_hint, csv::Position::line);
        if parsed.people.len() + parsed.bad_rows.len() >= MAX_ROWS {
            return Err(PeopleError::TooManyRows);
        }
        match parse_row(&record, &cols, header.len()) {
            Ok(p) => {
                if !seen_ids.insert(p.id.clone()) {
                    parsed.bad_rows.push(RowError { line, message: "the id is used by an earlier row".into() });
                } else {
                    parsed.people.push(p);
                }
            }
            Err(message) => parsed.bad_rows.push(RowError { line, message }),
        }
    }
    Ok(parsed)
}

fn parse_row(record: &csv::ByteRecord, cols: &Columns, width: usize) -> Result<Person, String> {
    if record.len() != width {
        return Err(format!("{} fields where the header has {width}", record.len()));
    }
    let field = |i: usize, name: &str| -> Result<&str, String> {
        let raw = record.get(i).unwrap_or_default();
        if raw.len() > MAX_FIELD_BYTES {
            return Err(format!("`{name}` is longer than {MAX_FIELD_BYTES} bytes"));
        }
        let s = std::str::from_utf8(raw).map_err(|_| format!("`{name}` is not valid UTF-8"))?;
        if s.chars().any(|c| c.is_control()) {
            return Err(format!("`{name}` has control characters"));
        }
        Ok(s.trim())
    };
    let id = field(0, "id")?;
    if id.is_empty() {
        return Err("the id is empty".into());
    }
    if id.len() > crate::encode::MAX_ID {
        return Err(format!("the id is longer than {} bytes", crate::encode::MAX_ID));
    }
    let full_name = field(cols.name, "full_name")?;
    if !full_name.chars().any(char::is_alphabetic) {
        return Err("`full_name` has no letters".into());
    }
    let sex = match field(cols.sex, "sex")? {
        // Not known is not an error: the row is still searched for, without this field.
        "" | "U" | "u" | "X" | "x" | "?" | "Unknown" | "unknown" => None,
        // The issue specifies M and F; the spelled-out words are what spreadsheets often hold.
        "M" | "m" | "Male" | "male" | "MALE" => Some(Sex::Male),
        "F" | "f" | "Female" | "female" | "FEMALE" => Some(Sex::Female),
        other => return Err(format!("`sex` is `{}`, not M, F or empty", other.chars().take(8).collect::<String>())),
    };
    let on_raw = field(cols.on, "reported_on/recorded_on")?;
    let on =
        if on_raw.is_empty() { None } else { Some(Date::parse(on_raw).ok_or("the date column is not YYYY-MM-DD")?) };
    let dob = field(cols.dob, "date_of_birth")?;
    let age = field(cols.age, "age_estimate")?;
    let birth = if !dob.is_empty() {
        if dob.len() == 4 {
            let y: i32 = dob.parse().map_err(|_| "`date_of_birth` is not YYYY-MM-DD or YYYY")?;
            if !(1800..=2200).contains(&y) {
                return Err("`date_of_birth` year is out of range".into());
            }
            Birth::Year(y)
        } else {
            Birth::Date(Date::parse(dob).ok_or("`date_of_birth` is not YYYY-MM-DD or YYYY")?)
        }
    } else if !age.is_empty() {
        let (lo, hi) = age.split_once(['-', '\u{2013}']).ok_or("`age_estimate` is not LO-HI")?;
        let lo: u8 = lo.trim().parse().map_err(|_| "`age_estimate` is not LO-HI")?;
        let hi: u8 = hi.trim().parse().map_err(|_| "`age_estimate` is not LO-HI")?;
        if lo > hi || hi > 120 {
            return Err("`age_estimate` is not a range of ages".into());
        }
        if on.is_none() {
            return Err("`age_estimate` needs the row's date".into());
        }
        Birth::AgeRange { lo, hi }
    } else {
        Birth::Unknown
    };
    let nationality = match field(cols.nationality, "nationality")? {
        "" => None,
        n if n.len() == 3 && n.bytes().all(|b| b.is_ascii_alphabetic()) => Some(n.to_ascii_uppercase()),
        _ => return Err("`nationality` is not ISO 3166 alpha-3".into()),
    };
    Ok(Person {
        id: id.to_owned(),
        full_name: full_name.to_owned(),
        sex,
        birth,
        nationality,
        place_of_origin: field(cols.place, "place_of_origin")?.to_owned(),
        on,
    })
}
