//! Moving in from spreadsheets (issue 16): an organisation's existing list
//! of people and their cases, as CSV or XLSX in whatever columns it kept,
//! read through a column mapping into the same rows an HTCDS import takes.
//! The import itself (all or nothing, every problem named, a dry run
//! first) is the HTCDS import's: this module only turns a sheet into its
//! rows, checked by the same rules, so a spreadsheet can never bring in
//! what an HTCDS file could not.
//!
//! The file is untrusted: size, rows, columns and cells are capped as for
//! the service directory, XLSX zip entries are inflated through a bounded
//! reader, and every problem names the sheet's row and the sheet's own
//! column heading, never a value.

use std::collections::BTreeMap;

use time::{Date, Month};

use crate::htcds::{Bundle, CaseRow, Issue, Lines, PersonRow, Report, Table};
use crate::FormatError;

/// A sheet may be at most this large: more than the service directory
/// allows, because a case list carries notes.
pub const MAX_BYTES: usize = 8 << 20;

/// And hold at most this many rows after the header.
pub const MAX_ROWS: usize = 20_000;

/// What a column of the sheet can become in haven.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    FullName,
    OtherNames,
    Sex,
    DateOfBirth,
    Age,
    Nationality,
    Languages,
    Contact,
    Location,
    Notes,
    CaseOpenedOn,
    CaseStatus,
    CaseClosedOn,
}

impl Field {
    pub const ALL: [Field; 13] = [
        Field::FullName,
        Field::OtherNames,
        Field::Sex,
        Field::DateOfBirth,
        Field::Age,
        Field::Nationality,
        Field::Languages,
        Field::Contact,
        Field::Location,
        Field::Notes,
        Field::CaseOpenedOn,
        Field::CaseStatus,
        Field::CaseClosedOn,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Field::FullName => "full_name",
            Field::OtherNames => "other_names",
            Field::Sex => "sex",
            Field::DateOfBirth => "date_of_birth",
            Field::Age => "age",
            Field::Nationality => "nationality",
            Field::Languages => "languages",
            Field::Contact => "contact",
            Field::Location => "location",
            Field::Notes => "notes",
            Field::CaseOpenedOn => "case_opened_on",
            Field::CaseStatus => "case_status",
            Field::CaseClosedOn => "case_closed_on",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.as_str() == s.trim())
    }

    /// The HTCDS columns this field fills, so that a problem the shared
    /// checks find in one of them is told in the sheet's own terms.
    fn columns(&self) -> &'static [&'static str] {
        match self {
            Field::FullName => &["haven_FullName"],
            Field::OtherNames => &["haven_OtherNames"],
            Field::Sex => &["haven_Sex", "prs_Gender"],
            Field::DateOfBirth => &["prs_Birthdate"],
            Field::Age => &["haven_EstimatedAge", "haven_AgeUncertain"],
            Field::Nationality => &["prs_Citizenship"],
            Field::Languages => &["haven_Languages", "prs_PrimaryLanguage", "prs_SecondaryLanguage"],
            Field::Contact => &["prs_MobilePhone"],
            Field::Location => &["haven_Location"],
            Field::Notes => &["haven_Notes"],
            Field::CaseOpenedOn => &["haven_OpenedOn"],
            Field::CaseStatus => &["haven_CaseStatus", "cas_Status"],
            Field::CaseClosedOn => &["haven_ClosedOn"],
        }
    }

    /// Headings this field is recognised by (lower case, spaces between
    /// words), in the nine languages: the first guess, which the person
    /// importing checks and corrects before anything is read.
    fn headings(&self) -> &'static [&'static str] {
        match self {
            Field::FullName => &[
                "name",
                "full name",
                "fullname",
                "names",
                "client name",
                "survivor name",
                "victim name",
                "ชื่อ",
                "ชื่อ นามสกุล",
                "ชื่อ-นามสกุล",
                "họ tên",
                "họ và tên",
                "tên",
                "nama",
                "nama lengkap",
                "pangalan",
                "buong pangalan",
                "姓名",
                "名字",
                "အမည်",
                "ឈ្មោះ",
                "ຊື່",
                "ຊື່ ແລະ ນາມສະກຸນ",
            ],
            Field::OtherNames => &["other names", "alias", "aliases", "also known as", "aka", "nickname", "ชื่อเล่น"],
            Field::Sex => &[
                "sex",
                "gender",
                "เพศ",
                "giới tính",
                "jenis kelamin",
                "kasarian",
                "性别",
                "ကျား/မ",
                "ကျား မ",
                "ភេទ",
                "ເພດ",
            ],
            Field::DateOfBirth => &[
                "date of birth",
                "dob",
                "birth date",
                "birthdate",
                "born",
                "วันเกิด",
                "ngày sinh",
                "tanggal lahir",
                "petsa ng kapanganakan",
                "kaarawan",
                "出生日期",
                "မွေးသက္ကရာဇ်",
                "မွေးနေ့",
                "ថ្ងៃខែឆ្នាំកំណើត",
                "ວັນເກີດ",
            ],
            Field::Age => &[
                "age",
                "estimated age",
                "age estimate",
                "อายุ",
                "tuổi",
                "umur",
                "usia",
                "edad",
                "年龄",
                "အသက်",
                "អាយុ",
                "ອາຍຸ",
            ],
            Field::Nationality => &[
                "nationality",
                "citizenship",
                "country of origin",
                "สัญชาติ",
                "quốc tịch",
                "kewarganegaraan",
                "nasyonalidad",
                "pagkamamamayan",
                "国籍",
                "နိုင်ငံသား",
                "သို့ လူမျိုး",
                "សញ្ជាតិ",
                "ສັນຊາດ",
            ],
            Field::Languages => {
                &["language", "languages", "ภาษา", "ngôn ngữ", "bahasa", "wika", "语言", "ဘာသာစကား", "ភាសា", "ພາສາ"]
            }
            Field::Contact => &[
                "contact",
                "phone",
                "telephone",
                "mobile",
                "phone number",
                "เบอร์โทร",
                "โทรศัพท์",
                "điện thoại",
                "số điện thoại",
                "telepon",
                "no hp",
                "telepono",
                "numero ng telepono",
                "电话",
                "联系方式",
                "ဖုန်း",
                "ទូរស័ព្ទ",
                "ເບີໂທ",
            ],
            Field::Location => &["location", "current location", "where now", "ที่อยู่ปัจจุบัน", "vị trí hiện tại", "lokasi"],
            Field::Notes => &[
                "notes",
                "note",
                "remarks",
                "comments",
                "หมายเหตุ",
                "ghi chú",
                "catatan",
                "tala",
                "备注",
                "မှတ်ချက်",
                "កំណត់ចំណាំ",
                "ໝາຍເຫດ",
            ],
            Field::CaseOpenedOn => &[
                "case opened",
                "opened",
                "opened on",
                "date opened",
                "intake date",
                "date of intake",
                "registration date",
                "date registered",
                "วันที่รับเข้า",
                "วันที่เปิดกรณี",
                "วันที่เปิดคดี",
                "วันรับเข้า",
                "ngày tiếp nhận",
                "ngày mở hồ sơ",
                "tanggal masuk",
                "tanggal dibuka",
                "petsa ng pagbukas",
                "受理日期",
                "开案日期",
                "လက်ခံသည့်ရက်",
                "ថ្ងៃទទួល",
                "ວັນທີຮັບເຂົ້າ",
            ],
            Field::CaseStatus => &[
                "case status",
                "status",
                "สถานะ",
                "สถานะกรณี",
                "สถานะคดี",
                "trạng thái",
                "tình trạng",
                "status kasus",
                "katayuan",
                "状态",
                "个案状态",
                "အခြေအနေ",
                "ស្ថានភាព",
                "ສະຖານະ",
            ],
            Field::CaseClosedOn => &[
                "case closed",
                "closed",
                "closed on",
                "date closed",
                "closing date",
                "วันที่ปิดกรณี",
                "วันที่ปิดคดี",
                "ngày đóng hồ sơ",
                "tanggal ditutup",
                "petsa ng pagsara",
                "结案日期",
                "ပိတ်သည့်ရက်",
                "ថ្ងៃបិទ",
                "ວັນທີປິດ",
            ],
        }
    }
}

/// How the sheet writes a date whose day and month could be swapped
/// (03/04/1998): day first in most of the region, month first in the
/// Philippines and the United States. The person importing says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

impl DateOrder {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "" | "day_first" => Some(DateOrder::DayFirst),
            "month_first" => Some(DateOrder::MonthFirst),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day_first",
            DateOrder::MonthFirst => "month_first",
        }
    }
}

/// A sheet as read: its headings and its rows, each with the row number a
/// spreadsheet shows (the heading is row 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<(u64, Vec<String>)>,
}

/// Reads a CSV (UTF-8, with or without a byte-order mark) or the first
/// worksheet of an XLSX workbook, told apart by the zip signature.
pub fn read_sheet(bytes: &[u8]) -> Result<Sheet, FormatError> {
    if bytes.len() > MAX_BYTES {
        return Err(FormatError::coded(
            "legacy_too_large",
            vec![("max", (MAX_BYTES >> 20).to_string())],
            format!("the file is larger than {} MiB", MAX_BYTES >> 20),
        ));
    }
    let mut rows = if bytes.starts_with(b"PK\x03\x04") {
        crate::directory::read_grid_numbered(bytes, MAX_BYTES, MAX_ROWS)?
    } else {
        read_csv(bytes)?
    }
    .into_iter();
    let Some((_, headers)) = rows.next() else {
        return Err(FormatError::coded("legacy_empty", vec![], "the sheet is empty: no heading row"));
    };
    let headers: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
    if headers.iter().all(String::is_empty) {
        return Err(FormatError::coded("legacy_empty", vec![], "the sheet is empty: no heading row"));
    }
    let rows: Vec<(u64, Vec<String>)> = rows.filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty())).collect();
    Ok(Sheet { headers, rows })
}

fn read_csv(bytes: &[u8]) -> Result<Vec<(u64, Vec<String>)>, FormatError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if std::str::from_utf8(bytes).is_err() {
        return Err(FormatError::coded(
            "legacy_not_utf8",
            vec![],
            "the file is neither an XLSX workbook nor CSV saved as UTF-8",
        ));
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut out = Vec::new();
    // A spreadsheet's row is a record, not a line of the file: a cell may
    // hold line breaks, and Windows ends lines with two characters. Rows
    // are counted from 1, the heading's.
    for (index, record) in reader.records().enumerate() {
        let line = index as u64 + 1;
        let record = record.map_err(|_| {
            FormatError::coded("legacy_bad_row", vec![("row", line.to_string())], format!("row {line}: cannot be read"))
        })?;
        if out.len() > MAX_ROWS {
            return Err(FormatError::coded(
                "legacy_too_many_rows",
                vec![("max", MAX_ROWS.to_string())],
                format!("more than {MAX_ROWS} rows"),
            ));
        }
        if record.len() > crate::directory::MAX_COLUMNS {
            return Err(FormatError::coded(
                "legacy_too_many_columns",
                vec![("max", crate::directory::MAX_COLUMNS.to_string())],
                format!("row {line}: more than {} columns", crate::directory::MAX_COLUMNS),
            ));
        }
        out.push((line, record.iter().map(crate::directory::unescape_cell).collect()));
    }
    Ok(out)
}

/// Which column (by index) fills each field.
pub type Mapping = BTreeMap<Field, usize>;

fn normalise(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-' || c == '.' || c == ':')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A first mapping from the headings: each field takes the first column
/// whose heading it recognises, and no column fills two fields.
pub fn guess(headers: &[String]) -> Mapping {
    let mut out = Mapping::new();
    let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    for field in Field::ALL {
        let taken: Vec<usize> = out.values().copied().collect();
        let hit = normalised
            .iter()
            .enumerate()
            .find(|(i, h)| !taken.contains(i) && field.headings().iter().any(|w| normalise(w) == **h));
        if let Some((i, _)) = hit {
            out.insert(field, i);
        }
    }
    out
}

/// The columns no field takes: named to the person importing, because
/// whatever is in them stays behind.
pub fn left_out<'a>(sheet: &'a Sheet, mapping: &Mapping) -> Vec<&'a str> {
    sheet
        .headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !h.is_empty() && !mapping.values().any(|m| m == i))
        .map(|(_, h)| h.as_str())
        .collect()
}

/// Why a mapping cannot be used at all.
pub fn check_mapping(sheet: &Sheet, mapping: &Mapping) -> Result<(), FormatError> {
    if !mapping.contains_key(&Field::FullName) {
        return Err(FormatError::coded("legacy_no_name", vec![], "choose the column that holds the name"));
    }
    let mut seen = BTreeMap::new();
    for (field, column) in mapping {
        if *column >= sheet.headers.len() {
            return Err(FormatError::coded("legacy_no_such_column", vec![], "a chosen column is not in the sheet"));
        }
        if let Some(other) = seen.insert(*column, *field) {
            return Err(FormatError::coded(
                "legacy_column_twice",
                vec![("column", sheet.headers[*column].clone())],
                format!(
                    "the column {:?} is chosen for both {} and {}",
                    sheet.headers[*column],
                    other.as_str(),
                    field.as_str()
                ),
            ));
        }
    }
    Ok(())
}

/// Reads the sheet's rows through the mapping into persons and cases, and
/// checks them with every rule an HTCDS import applies. Each problem names
/// the sheet's row and its heading; with any problem, no row comes back.
pub fn to_bundle(sheet: &Sheet, mapping: &Mapping, order: DateOrder, today: Date) -> Result<(Bundle, Lines), Report> {
    if let Err(e) = check_mapping(sheet, mapping) {
        return Err(Report { issues: vec![Issue { table: None, line: None, field: None, message: e.message }] });
    }
    let mut persons = Vec::new();
    let mut cases = Vec::new();
    let mut issues = Vec::new();
    for (line, cells) in &sheet.rows {
        let cell = |f: Field| mapping.get(&f).and_then(|i| cells.get(*i)).map(|c| c.trim()).filter(|c| !c.is_empty());
        let mut problem = |f: Field, message: String| {
            issues.push(Issue {
                table: Some(Table::Persons),
                line: Some(*line),
                field: Some(heading(sheet, mapping, f)),
                message,
            });
        };
        let birthdate = cell(Field::DateOfBirth).and_then(|s| match parse_date(s, order) {
            Some(d) if buddhist_era(d, today) => {
                problem(Field::DateOfBirth, BUDDHIST_ERA.to_owned());
                None
            }
            Some(d) => Some(d),
            None => {
                problem(Field::DateOfBirth, date_help(order));
                None
            }
        });
        // A sheet that keeps both has the age at intake beside the date it
        // follows from: the date stands, and the age is not read.
        let (estimated_age, age_uncertain) = match cell(Field::Age).filter(|_| birthdate.is_none()).map(parse_age) {
            None => (None, false),
            Some(Some((age, uncertain))) => (Some(age), uncertain),
            Some(None) => {
                problem(Field::Age, "a whole number of years, such as 24, or about 24 written as 24?".to_owned());
                (None, false)
            }
        };
        let mut citizenship = Vec::new();
        for part in cell(Field::Nationality).map(split_list).unwrap_or_default() {
            match country_code(part) {
                Some(c) => citizenship.push(c),
                None => problem(
                    Field::Nationality,
                    "a country as a three-letter code (MMR, VNM) or its English name (Myanmar, Viet Nam)".to_owned(),
                ),
            }
        }
        let mut languages = Vec::new();
        for part in cell(Field::Languages).map(split_list).unwrap_or_default() {
            match language_code(part) {
                Some(c) => languages.push(c),
                None => problem(
                    Field::Languages,
                    "a language as a code (my, vi, km) or its English name (Burmese, Vietnamese)".to_owned(),
                ),
            }
        }
        let location = match cell(Field::Location) {
            None => None,
            Some(s) => match location_code(s) {
                Some(l) => Some(l.to_owned()),
                None => {
                    problem(
                        Field::Location,
                        "one of: shelter, community, immigration detention, police custody, hospital, in a compound, unknown"
                            .to_owned(),
                    );
                    None
                }
            },
        };
        let id = format!("row-{line}");
        persons.push((
            *line,
            PersonRow {
                id: id.clone(),
                full_name: cell(Field::FullName).unwrap_or_default().to_owned(),
                other_names: cell(Field::OtherNames).map(split_names).unwrap_or_default(),
                latin_name: None,
                sex: cell(Field::Sex).map(str::to_owned),
                gender: None,
                birthdate: birthdate.map(|d| d.to_string()),
                estimated_age,
                age_uncertain,
                citizenship,
                primary_language: None,
                secondary_language: None,
                languages,
                mobile_phone: cell(Field::Contact).map(str::to_owned),
                location,
                notes: cell(Field::Notes).map(str::to_owned),
            },
        ));
        let status = cell(Field::CaseStatus);
        let opened = cell(Field::CaseOpenedOn);
        let closed = cell(Field::CaseClosedOn);
        if status.is_none() && opened.is_none() && closed.is_none() {
            continue;
        }
        let mut bad_date = false;
        let mut date_of = |f: Field, s: Option<&str>| match s.map(|s| parse_date(s, order)) {
            None => None,
            Some(Some(d)) if !buddhist_era(d, today) => Some(d.to_string()),
            Some(parsed) => {
                issues.push(Issue {
                    table: Some(Table::Cases),
                    line: Some(*line),
                    field: Some(heading(sheet, mapping, f)),
                    message: if parsed.is_some() { BUDDHIST_ERA.to_owned() } else { date_help(order) },
                });
                bad_date = true;
                None
            }
        };
        let opened_on = date_of(Field::CaseOpenedOn, opened);
        let closed_on = date_of(Field::CaseClosedOn, closed);
        // The date is already named; the shared checks would only add
        // that it is missing.
        if bad_date {
            continue;
        }
        let status = match status {
            None if closed_on.is_some() => Some(haven_core::case::CaseStatus::Closed),
            None => Some(haven_core::case::CaseStatus::Open),
            Some(s) => case_status(s),
        };
        let Some(status) = status else {
            issues.push(Issue {
                table: Some(Table::Cases),
                line: Some(*line),
                field: Some(heading(sheet, mapping, Field::CaseStatus)),
                message: "one of: open, active, suspended, closed".to_owned(),
            });
            continue;
        };
        if opened.is_none() {
            issues.push(Issue {
                table: Some(Table::Cases),
                line: Some(*line),
                field: Some(
                    mapping
                        .get(&Field::CaseOpenedOn)
                        .map_or_else(|| "case_opened_on".to_owned(), |_| heading(sheet, mapping, Field::CaseOpenedOn)),
                ),
                message: "a case needs the date it was opened".to_owned(),
            });
            continue;
        }
        cases.push((
            *line,
            CaseRow {
                id: format!("case-{line}"),
                person_id: id,
                status: crate::htcds::HtcdsCaseStatus::of(status).as_str().to_owned(),
                haven_status: Some(status.as_str().to_owned()),
                opened_on: opened_on.unwrap_or_default(),
                closed_on,
                owner: None,
            },
        ));
    }
    // The shared checks run on what parsed; problems already found stand
    // beside theirs, so one pass names everything.
    match crate::htcds::check_rows(persons, cases, today, Vec::new()) {
        Ok(checked) if issues.is_empty() => Ok(checked),
        Ok(_) => Err(sorted(issues)),
        Err(found) => {
            issues.extend(found.into_iter().map(|i| in_sheet_terms(sheet, mapping, i)));
            Err(sorted(issues))
        }
    }
}

fn sorted(mut issues: Vec<Issue>) -> Report {
    issues.sort_by_key(|i| i.line);
    issues.dedup();
    Report { issues }
}

fn heading(sheet: &Sheet, mapping: &Mapping, f: Field) -> String {
    mapping.get(&f).and_then(|i| sheet.headers.get(*i)).cloned().unwrap_or_else(|| f.as_str().to_owned())
}

/// A problem the shared checks found, with the sheet's heading for the
/// HTCDS column it names; rows here are people and cases alike, so the
/// table is dropped.
pub fn in_sheet_terms(sheet: &Sheet, mapping: &Mapping, mut issue: Issue) -> Issue {
    if let Some(column) = issue.field.as_deref() {
        if let Some(f) = Field::ALL.iter().find(|f| f.columns().contains(&column)) {
            issue.field = Some(heading(sheet, mapping, *f));
        }
    }
    issue
}

/// Thai records often write the year of the Buddhist era (2567 for 2024):
/// such a date is centuries ahead, and saying why beats "in the future".
const BUDDHIST_ERA: &str = "the year looks like one of the Buddhist era (2567): write the Western year (2024)";

fn buddhist_era(d: Date, today: Date) -> bool {
    d.year() >= today.year() + 400 && d.year() <= today.year() + 600
}

fn date_help(order: DateOrder) -> String {
    match order {
        DateOrder::DayFirst => "a date such as 2024-03-31 or 31/03/2024 (day first)".to_owned(),
        DateOrder::MonthFirst => "a date such as 2024-03-31 or 03/31/2024 (month first)".to_owned(),
    }
}

/// A date as spreadsheets hold it: ISO (2024-03-31), with slashes, dashes
/// or dots in the sheet's order (31/03/2024), or a workbook's serial day
/// number (45382), which is how an XLSX date cell reads.
pub fn parse_date(s: &str, order: DateOrder) -> Option<Date> {
    let s = s.trim();
    // "2024-03-31 00:00:00" from a date-time cell: the day is enough.
    let s = s.split([' ', 'T']).next().unwrap_or(s);
    if let Ok(serial) = s.parse::<f64>() {
        // Serials from 10000 (1927) to 2958465 (9999-12-31): a smaller
        // number is more likely a year alone (1998), which is not a date.
        if !(10_000.0..2_958_466.0).contains(&serial) {
            return None;
        }
        let epoch = Date::from_calendar_date(1899, Month::December, 30).ok()?;
        return epoch.checked_add(time::Duration::days(serial.floor() as i64));
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    let num = |x: &str| x.parse::<u16>().ok().filter(|_| x.chars().all(|c| c.is_ascii_digit()));
    let (a, b, c) = (num(a)?, num(b)?, num(c)?);
    let (y, m, d) = if parts[0].len() == 4 {
        (a, b, c)
    } else if parts[2].len() == 4 {
        match order {
            DateOrder::DayFirst => (c, b, a),
            DateOrder::MonthFirst => (c, a, b),
        }
    } else {
        return None;
    };
    Date::from_calendar_date(i32::from(y), Month::try_from(u8::try_from(m).ok()?).ok()?, u8::try_from(d).ok()?).ok()
}

/// An age in years; "24?", "~24", "about 24", "approx. 24" or "24 (est.)"
/// are 24 and uncertain; "24 years" is 24.
fn parse_age(s: &str) -> Option<(u16, bool)> {
    let lower = s.trim().to_lowercase();
    let mut rest = lower.as_str();
    let mut uncertain = false;
    for p in [
        "about",
        "approx.",
        "approx",
        "circa",
        "ca.",
        "~",
        "ประมาณ",
        "khoảng",
        "sekitar",
        "kira-kira",
        "mga",
        "约",
        "大约",
    ] {
        if let Some(r) = rest.strip_prefix(p) {
            rest = r.trim_start();
            uncertain = true;
            break;
        }
    }
    let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (digits, tail) = rest.split_at(end);
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    match tail.trim() {
        "" | "y" | "yrs" | "years" | "years old" | "ปี" | "tuổi" | "tahun" | "taon" | "岁" | "ခုနှစ်" | "နှစ်" | "ឆ្នាំ"
        | "ປີ" => {}
        "?" | "(est.)" | "(est)" | "est." | "est" | "(approx.)" => uncertain = true,
        _ => return None,
    }
    Some((digits.parse().ok()?, uncertain))
}

fn split_list(s: &str) -> Vec<&str> {
    s.split([',', ';', '/', '|', '、', '，']).map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// Other names: one per line, or separated by semicolons (a comma may be
/// part of a name written family name first).
fn split_names(s: &str) -> Vec<String> {
    s.split(['\n', ';']).map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

/// The region's countries by the names and adjectives spreadsheets use;
/// any country by its alpha-3 code.
const COUNTRY_NAMES: &[(&str, &[&str])] = &[
    ("MMR", &["myanmar", "burma", "burmese", "พม่า", "เมียนมา", "miến điện", "缅甸", "မြန်မာ", "ភូមា", "ມຽນມາ"]),
    ("VNM", &["viet nam", "vietnam", "vietnamese", "เวียดนาม", "việt nam", "越南", "ဗီယက်နမ်", "វៀតណាម", "ຫວຽດນາມ"]),
    ("THA", &["thailand", "thai", "ไทย", "thái lan", "泰国", "ထိုင်း", "ថៃ", "ໄທ"]),
    (
        "KHM",
        &["cambodia", "cambodian", "khmer", "กัมพูชา", "เขมร", "campuchia", "柬埔寨", "ကမ္ဘောဒီးယား", "កម្ពុជា", "ກຳປູເຈຍ"],
    ),
    ("LAO", &["laos", "lao", "lao pdr", "laotian", "ลาว", "lào", "老挝", "လာအို", "ឡាវ", "ລາວ"]),
    ("IDN", &["indonesia", "indonesian", "อินโดนีเซีย", "印度尼西亚", "印尼", "အင်ဒိုနီးရှား", "ឥណ្ឌូណេស៊ី"]),
    (
        "PHL",
        &["philippines", "the philippines", "filipino", "filipina", "pilipinas", "ฟิลิปปินส์", "菲律宾", "ဖိလစ်ပိုင်", "ហ្វីលីពីន"],
    ),
    ("CHN", &["china", "chinese", "prc", "จีน", "trung quốc", "中国", "တရုတ်", "ចិន", "ຈີນ"]),
    ("MYS", &["malaysia", "malaysian"]),
    ("SGP", &["singapore", "singaporean"]),
    ("TWN", &["taiwan", "taiwanese"]),
    ("HKG", &["hong kong"]),
    ("KOR", &["south korea", "korea", "korean"]),
    ("JPN", &["japan", "japanese"]),
    ("IND", &["india", "indian"]),
    ("BGD", &["bangladesh", "bangladeshi"]),
    ("NPL", &["nepal", "nepali", "nepalese"]),
    ("PAK", &["pakistan", "pakistani"]),
    ("LKA", &["sri lanka", "sri lankan"]),
    ("TLS", &["timor-leste", "timor leste", "east timor"]),
    ("ETH", &["ethiopia", "ethiopian"]),
    ("KEN", &["kenya", "kenyan"]),
    ("UGA", &["uganda", "ugandan"]),
    ("NGA", &["nigeria", "nigerian"]),
    ("GHA", &["ghana", "ghanaian"]),
    ("BRA", &["brazil", "brazilian"]),
    ("TUR", &["turkey", "türkiye", "turkish"]),
    ("UZB", &["uzbekistan", "uzbek"]),
    ("KAZ", &["kazakhstan", "kazakh"]),
    ("RUS", &["russia", "russian"]),
    ("USA", &["united states", "usa", "american"]),
    ("GBR", &["united kingdom", "uk", "british"]),
];

pub fn country_code(s: &str) -> Option<String> {
    let t = s.trim();
    if t.len() == 3 && haven_core::person::Country::parse(&t.to_ascii_uppercase()).is_ok() {
        return Some(t.to_ascii_uppercase());
    }
    let lower = normalise(t);
    COUNTRY_NAMES.iter().find(|(_, names)| names.iter().any(|n| normalise(n) == lower)).map(|(c, _)| (*c).to_owned())
}

/// The languages of the region by their English names; anything else as a
/// BCP 47 tag.
const LANGUAGE_NAMES: &[(&str, &[&str])] = &[
    ("my", &["burmese", "myanmar", "พม่า", "ภาษาพม่า", "မြန်မာ", "缅甸语", "tiếng miến điện"]),
    ("th", &["thai", "ไทย", "ภาษาไทย", "tiếng thái", "泰语"]),
    ("vi", &["vietnamese", "เวียดนาม", "ภาษาเวียดนาม", "tiếng việt", "越南语"]),
    ("km", &["khmer", "cambodian", "เขมร", "ภาษาเขมร", "ខ្មែរ", "tiếng khmer", "高棉语"]),
    ("lo", &["lao", "laotian", "ลาว", "ภาษาลาว", "ລາວ", "tiếng lào", "老挝语"]),
    ("id", &["indonesian", "bahasa indonesia", "อินโดนีเซีย", "印尼语"]),
    ("tl", &["tagalog", "filipino", "ตากาล็อก", "他加禄语"]),
    ("zh", &["chinese", "mandarin", "จีน", "ภาษาจีน", "中文", "汉语", "普通话", "tiếng trung"]),
    ("yue", &["cantonese"]),
    ("ms", &["malay"]),
    ("en", &["english"]),
    ("kar", &["karen"]),
    ("shn", &["shan"]),
    ("am", &["amharic"]),
    ("sw", &["swahili"]),
    ("hi", &["hindi"]),
    ("bn", &["bengali", "bangla"]),
    ("ne", &["nepali"]),
    ("ur", &["urdu"]),
    ("ru", &["russian"]),
];

pub fn language_code(s: &str) -> Option<String> {
    let lower = normalise(s);
    if let Some((c, _)) = LANGUAGE_NAMES.iter().find(|(_, names)| names.iter().any(|n| *n == lower)) {
        return Some((*c).to_owned());
    }
    haven_core::person::LanguageTag::parse(s.trim()).ok().map(|t| t.as_str().to_owned())
}

fn location_code(s: &str) -> Option<&'static str> {
    let lower = normalise(s);
    let found =
        haven_core::person::LocationType::ALL.iter().find(|l| normalise(l.as_str()) == lower).map(|l| l.as_str());
    found.or(match lower.as_str() {
        "detention" | "idc" | "immigration detention centre" | "immigration detention center" => {
            Some("immigration_detention")
        }
        "police" | "police station" | "in police custody" => Some("police_custody"),
        "compound" | "in a compound" | "scam compound" => Some("in_compound"),
        "home" | "with family" | "returned home" => Some("community"),
        _ => None,
    })
}

fn case_status(s: &str) -> Option<haven_core::case::CaseStatus> {
    use haven_core::case::CaseStatus;
    match normalise(s).as_str() {
        "open" | "new" | "pending" | "เปิด" | "ใหม่" | "mở" | "mới" | "baru" | "bukas" | "新" | "开" => {
            Some(CaseStatus::Open)
        }
        "active" | "ongoing" | "in progress" | "ดำเนินการ" | "กำลังดำเนินการ" | "đang xử lý" | "aktif" | "进行中" => {
            Some(CaseStatus::Active)
        }
        "suspended" | "on hold" | "paused" | "ระงับ" | "พัก" | "tạm dừng" | "ditangguhkan" | "暂停" => {
            Some(CaseStatus::Suspended)
        }
        "closed"
        | "done"
        | "complete"
        | "completed"
        | "ปิด"
        | "ปิดแล้ว"
        | "đóng"
        | "đã đóng"
        | "ditutup"
        | "selesai"
        | "sarado"
        | "已结案"
        | "结案"
        | "关闭" => Some(CaseStatus::Closed),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 30);

    fn sheet(csv: &str) -> Sheet {
        match read_sheet(csv.as_bytes()) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn headings_in_the_regions_languages_are_recognised_and_no_column_fills_two_fields() {
        let s = sheet(
            "ชื่อ,เพศ,วันเกิด,สัญชาติ,Status,Opened on,Remarks,Village\nสมชาย ใจดี,ชาย,1998-03-04,Thai,open,2024-01-02,,x\n",
        );
        let m = guess(&s.headers);
        assert_eq!(m.get(&Field::FullName), Some(&0));
        assert_eq!(m.get(&Field::Sex), Some(&1));
        assert_eq!(m.get(&Field::DateOfBirth), Some(&2));
        assert_eq!(m.get(&Field::Nationality), Some(&3));
        assert_eq!(m.get(&Field::CaseStatus), Some(&4));
        assert_eq!(m.get(&Field::CaseOpenedOn), Some(&5));
        assert_eq!(m.get(&Field::Notes), Some(&6));
        assert_eq!(left_out(&s, &m), ["Village"], "what stays behind is named");
    }

    #[test]
    fn r23_rows_become_people_and_cases_checked_by_the_import_rules() {
        let s = sheet(
            "Name,Sex,DOB,Age,Nationality,Language,Location,Case status,Opened on,Closed on\n\
             Aung Ko,male,04/03/1998,,Myanmar,Burmese,shelter,active,02/01/2024,\n\
             Nguyen Thi Lan,F,,24?,VNM,vi,detention,closed,2024-01-05,2024-06-30\n\
             Dara,,,,,,,,,\n",
        );
        let m = guess(&s.headers);
        let (bundle, lines) = match to_bundle(&s, &m, DateOrder::DayFirst, TODAY) {
            Ok(b) => b,
            Err(r) => panic!("{r}"),
        };
        assert_eq!(bundle.persons.len(), 3);
        assert_eq!(bundle.cases.len(), 2, "the third row has no case");
        assert_eq!(lines.persons, [2, 3, 4]);
        let aung = &bundle.persons[0];
        assert_eq!(aung.birthdate.as_deref(), Some("1998-03-04"), "day first");
        assert_eq!(aung.citizenship, ["MMR"]);
        assert_eq!(aung.languages, ["my"]);
        let lan = &bundle.persons[1];
        assert_eq!((lan.estimated_age, lan.age_uncertain), (Some(24), true));
        assert_eq!(lan.location.as_deref(), Some("immigration_detention"));
        assert_eq!(bundle.cases[1].haven_status.as_deref(), Some("closed"));
        assert_eq!(bundle.cases[1].closed_on.as_deref(), Some("2024-06-30"));
        // Month first reads the same cell as 3 April.
        let (b, _) = to_bundle(&s, &m, DateOrder::MonthFirst, TODAY).unwrap_or_else(|r| panic!("{r}"));
        assert_eq!(b.persons[0].birthdate.as_deref(), Some("1998-04-03"));
    }

    #[test]
    fn every_bad_row_is_named_by_its_row_and_heading_and_nothing_comes_back() {
        let s = sheet(
            "Name,DOB,Nationality,Case status,Opened on\n\
             Aung Ko,31/02/1998,Myanmar,,\n\
             ,,,,\n\
             ,1990-01-01,Atlantis,,\n\
             Mya,,,sleeping,2024-01-01\n\
             Future,2099-01-01,,,\n",
        );
        let m = guess(&s.headers);
        let r = match to_bundle(&s, &m, DateOrder::DayFirst, TODAY) {
            Ok(_) => panic!("bad rows were accepted"),
            Err(r) => r,
        };
        let at: Vec<(Option<u64>, Option<&str>)> = r.issues.iter().map(|i| (i.line, i.field.as_deref())).collect();
        // The empty third row is skipped; the others keep their numbers.
        assert!(at.contains(&(Some(2), Some("DOB"))), "{r}");
        assert!(at.contains(&(Some(4), Some("Nationality"))), "{r}");
        assert!(at.contains(&(Some(4), Some("Name"))), "a row with no name: {r}");
        assert!(at.contains(&(Some(5), Some("Case status"))), "{r}");
        assert!(at.contains(&(Some(6), Some("DOB"))), "a birth in the future: {r}");
        assert!(!r.to_string().contains("Atlantis"), "a value from the file is never echoed: {r}");
    }

    #[test]
    fn dates_read_as_spreadsheets_write_them() {
        let d = |s| parse_date(s, DateOrder::DayFirst);
        assert_eq!(d("2024-03-31"), Some(date!(2024 - 03 - 31)));
        assert_eq!(d("31.03.2024"), Some(date!(2024 - 03 - 31)));
        assert_eq!(d("45382"), Some(date!(2024 - 03 - 31)), "an XLSX date cell's serial");
        assert_eq!(d("2024-03-31 00:00:00"), Some(date!(2024 - 03 - 31)));
        assert_eq!(parse_date("03/31/2024", DateOrder::MonthFirst), Some(date!(2024 - 03 - 31)));
        assert_eq!(d("03/31/2024"), None, "no 31st month");
        assert_eq!(d("1998"), None);
        assert_eq!(d("-5"), None);
        assert_eq!(parse_age("about 24"), Some((24, true)));
        assert_eq!(parse_age("24 (est.)"), Some((24, true)));
        assert_eq!(parse_age("24 years"), Some((24, false)));
        assert_eq!(parse_age("twenty"), None);
        assert_eq!(parse_age("ประมาณ 22"), Some((22, true)));
        assert_eq!(parse_age("27 ปี"), Some((27, false)));
        assert_eq!(country_code("พม่า").as_deref(), Some("MMR"));
        assert_eq!(language_code("ภาษาพม่า").as_deref(), Some("my"));
        assert_eq!(case_status("ปิด"), Some(haven_core::case::CaseStatus::Closed));
        assert_eq!(parse_age("24-26"), None);
    }

    #[test]
    fn a_mapping_needs_a_name_and_one_field_per_column() {
        let s = sheet("Name,Sex\nA,F\n");
        let mut m = Mapping::new();
        m.insert(Field::Sex, 1);
        assert_eq!(check_mapping(&s, &m).map_err(|e| e.code), Err(Some("legacy_no_name")));
        m.insert(Field::FullName, 1);
        assert_eq!(check_mapping(&s, &m).map_err(|e| e.code), Err(Some("legacy_column_twice")));
        m.insert(Field::FullName, 7);
        assert_eq!(check_mapping(&s, &m).map_err(|e| e.code), Err(Some("legacy_no_such_column")));
    }

    #[test]
    fn untrusted_sheets_are_refused_whole_with_a_reason() {
        assert_eq!(read_sheet(b"").map_err(|e| e.code), Err(Some("legacy_empty")));
        assert_eq!(read_sheet(b"\xff\xfeN\x00").map_err(|e| e.code), Err(Some("legacy_not_utf8")));
        assert!(read_sheet(b"PK\x03\x04garbage").is_err());
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(read_sheet(&big).map_err(|e| e.code), Err(Some("legacy_too_large")));
        let mut many = String::from("Name\n");
        for i in 0..=MAX_ROWS + 1 {
            many.push_str(&format!("p{i}\n"));
        }
        assert_eq!(read_sheet(many.as_bytes()).map_err(|e| e.code), Err(Some("legacy_too_many_rows")));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Any bytes, or any text cut into cells, are read or refused with
        /// a reason naming a row of the sheet (from 2, after the
        /// headings): never a panic.
        #[test]
        fn r23_any_sheet_is_read_or_refused_without_a_panic(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048),
            cells in proptest::collection::vec("[a-zA-Z0-9/ .?~,-]{0,12}", 0..40),
        ) {
            let _ = read_sheet(&bytes);
            let mut text = String::from("Name,DOB,Age,Nationality,Case status,Opened on,Closed on\n");
            for row in cells.chunks(7) {
                text.push_str(&row.join(","));
                text.push('\n');
            }
            if let Ok(s) = read_sheet(text.as_bytes()) {
                let m = guess(&s.headers);
                for order in [DateOrder::DayFirst, DateOrder::MonthFirst] {
                    if let Err(r) = to_bundle(&s, &m, order, TODAY) {
                        for i in &r.issues {
                            proptest::prop_assert!(i.line.is_none_or(|l| l >= 2), "{i}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn rows_are_the_sheets_rows_whatever_the_line_endings_and_line_breaks_in_cells() {
        let lf = "Name,Age\nA,x\nB,y\n";
        let crlf = lf.replace('\n', "\r\n");
        let multi = "Name,Notes,Age\nA,\"one\ntwo\nthree\",x\nB,,y\n";
        for text in [lf, crlf.as_str(), multi] {
            let s = sheet(text);
            let r = match to_bundle(&s, &guess(&s.headers), DateOrder::DayFirst, TODAY) {
                Ok(_) => panic!("bad ages were accepted"),
                Err(r) => r,
            };
            let lines: Vec<Option<u64>> = r.issues.iter().map(|i| i.line).collect();
            assert_eq!(lines, [Some(2), Some(3)], "{text:?}: {r}");
        }
    }

    #[test]
    fn a_date_of_birth_stands_over_an_age_and_a_buddhist_era_year_is_named() {
        let s = sheet("ชื่อ,วันเกิด,อายุ,สถานะ,วันที่รับเข้า\nสมชาย,04/03/1998,26,เปิด,02/01/2024\nสมหญิง,04/03/2541,,,\n");
        let m = guess(&s.headers);
        assert_eq!(m.get(&Field::CaseStatus), Some(&3), "Thai case headings are recognised");
        assert_eq!(m.get(&Field::CaseOpenedOn), Some(&4));
        let r = match to_bundle(&s, &m, DateOrder::DayFirst, TODAY) {
            Ok(_) => panic!("a Buddhist-era year was accepted"),
            Err(r) => r,
        };
        assert_eq!(r.issues.len(), 1, "{r}");
        assert!(r.issues[0].message.contains("Buddhist era"), "{r}");
        let s = sheet("ชื่อ,วันเกิด,อายุ\nสมชาย,04/03/1998,26\n");
        let (b, _) = to_bundle(&s, &guess(&s.headers), DateOrder::DayFirst, TODAY).unwrap_or_else(|r| panic!("{r}"));
        assert_eq!((b.persons[0].birthdate.as_deref(), b.persons[0].estimated_age), (Some("1998-03-04"), None));
    }

    /// A workbook as a spreadsheet program saves it: a real date cell, a
    /// number cell, an empty row, and the rows numbered as the program
    /// shows them.
    #[test]
    fn an_xlsx_sheet_reads_date_and_number_cells_and_keeps_its_row_numbers() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        let built: Result<(), rust_xlsxwriter::XlsxError> = (|| {
            ws.write_string(0, 0, "Name")?;
            ws.write_string(0, 1, "DOB")?;
            ws.write_string(0, 2, "Age")?;
            ws.write_string(1, 0, "Aung Ko")?;
            ws.write_datetime_with_format(1, 1, &rust_xlsxwriter::ExcelDateTime::from_ymd(1998, 3, 4)?, &date)?;
            ws.write_string(3, 0, "Lan")?;
            ws.write_number(3, 2, 24.0)?;
            Ok(())
        })();
        assert!(built.is_ok(), "{built:?}");
        let bytes = match wb.save_to_buffer() {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        };
        let s = read_sheet(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.rows.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [2, 4], "row 3 is empty");
        let (b, lines) =
            to_bundle(&s, &guess(&s.headers), DateOrder::MonthFirst, TODAY).unwrap_or_else(|r| panic!("{r}"));
        assert_eq!(b.persons[0].birthdate.as_deref(), Some("1998-03-04"), "a date cell is a date, whatever the order");
        assert_eq!(b.persons[1].estimated_age, Some(24));
        assert_eq!(lines.persons, [2, 4]);
    }
}
