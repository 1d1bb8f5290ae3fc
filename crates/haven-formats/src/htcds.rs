//! Case data in IOM's Human Trafficking Case Data Standard, version 2.0
//! (HTCDS), for export to and import from other case-management systems
//! (issue 16).
//!
//! The field names and picklist values below are HTCDS's, taken from
//! *HTCDS Field Standards 2.0* (the spreadsheet in
//! `../shared/standards/htcds/`). HTCDS is © IOM and licensed under
//! Creative Commons Attribution 4.0 (CC BY 4.0,
//! <http://creativecommons.org/licenses/by/4.0/>); haven uses the names to
//! interoperate, changes none of them, and implies no endorsement by IOM.
//!
//! # A bundle
//!
//! A [`Bundle`] holds four tables: persons, cases, screenings and
//! referrals. It is written as one JSON document ([`write_json`]) or as a
//! zip of one CSV file per table ([`write_zip`]), and read back by
//! [`read_json`], [`read_zip`] or [`read`]. Writing is deterministic: rows
//! in id order, columns in a fixed order, keys of a JSON row in the same
//! order, no times in the zip. So the same records give the same bytes,
//! and export → import → export is byte-identical.
//!
//! Rows link by id (`haven_PersonId` and friends): ids of the exporting
//! installation, unique in their table. An importing installation gives
//! the records ids of its own.
//!
//! The CSV files: UTF-8 with a byte-order mark, a header row of column
//! names, one row per line (a cell with a line break is quoted). A list is
//! one cell with its items joined by `;`, except `haven_OtherNames`, which
//! has one name per line. A cell starting with `=`, `+`, `-`, `@`, a tab,
//! a carriage return or `'` is written with one more `'` in front, so that
//! no spreadsheet runs it as a formula; the reader takes one `'` off any
//! cell. In JSON a list is an array; a field not given has no key at all.
//!
//! # How haven's records map to HTCDS
//!
//! | column | table | from haven |
//! |---|---|---|
//! | `prs_Gender` | persons | the self-described sex, grouped: female, woman → `Feminine`; male, man → `Masculine`; trans woman → `TransgenderFeminine`; trans man → `TransgenderMasculine`; non-binary → `NonConforming`; any other word, or none → `NonSpecifiedUnknown` |
//! | `prs_Birthdate` | persons | the date of birth, `YYYY-MM-DD` |
//! | `prs_Citizenship` | persons | the nationalities, ISO 3166-1 alpha-3 |
//! | `prs_PrimaryLanguage` | persons | the language subtag (ISO 639) of the first language |
//! | `prs_SecondaryLanguage` | persons | the same of the second |
//! | `prs_MobilePhone` | persons | the contact field, as in the exchange payload |
//! | `cas_Status` | cases | open, active, suspended → `Active`; closed → `Closed` |
//! | `cas_CaseOwner` | cases | the assigned caseworker's user id |
//! | `vic_TraffickingStatus` | screenings | a completed screening, whatever it found → `PossibleVictimOfTrafficking` (the engine never finds a negative, R06); a signed decision: confirmed → `ActualVictimOfTrafficking`, not confirmed → `NotAVictimOfTrafficking` (R07) |
//! | `vic_TraffickingStatusDecisionMakingOrg` | screenings | the kind of organisation that screened or decided |
//! | `vic_TypeOfExploitation` | screenings | the forms of exploitation found: forced labour, sexual exploitation, servitude as such; forced criminality and slavery → `Other` |
//! | `cas_ReferringOrganisation` | referrals | the referring organisation's name |
//! | `cas_ReferredOrganisation` | referrals | the receiving organisation's name |
//! | `cas_ReasonForOutgoingReferral` | referrals | always `AdditionalServicesRequired` |
//! | `cas_OutgoingReferralDate` | referrals | the day the referral was sent |
//! | `cas_OutgoingReferralDetails` | referrals | the referral's note |
//! | `spl_Type` | referrals | the kind of service: shelters, housing, interpretation → `SocialCare`; health services → `Health`; legal aid, consular help, compensation → `Legal`; `Education`; `Livelihood` |
//!
//! HTCDS has no table for referrals: it keeps one referral's fields on the
//! case. A bundle gives each referral a row of its own with the same
//! fields. Where a map loses detail, an extension field keeps haven's
//! value and the reader checks that the two agree; a file from another
//! system may give the HTCDS field alone.
//!
//! # The haven extension
//!
//! What HTCDS has no field for. Every column below is written; the test
//! `the_documented_extension_is_what_is_written` holds this list to the
//! columns.
//!
//! | column | table | what it holds |
//! |---|---|---|
//! | `haven_PersonId` | all | the person's id; cases, screenings and referrals name it |
//! | `haven_FullName` | persons | the name as the person writes it, in any script (HTCDS splits names into first and second, which a Burmese or Vietnamese name does not fit) |
//! | `haven_OtherNames` | persons | other names and spellings |
//! | `haven_LatinName` | persons | a Latin-script rendering |
//! | `haven_Sex` | persons | the self-described sex, the person's own word |
//! | `haven_EstimatedAge` | persons | an estimated age in years, when there is no date of birth |
//! | `haven_AgeUncertain` | persons | whether the estimate is uncertain (a possible child is treated as one, R02) |
//! | `haven_Languages` | persons | all the person's languages, BCP 47 tags |
//! | `haven_Location` | persons | where the person is now: `shelter`, `community`, `immigration_detention`, `police_custody`, `hospital`, `in_compound`, `unknown` |
//! | `haven_Notes` | persons | the caseworker's notes |
//! | `haven_CaseId` | cases | the case's id |
//! | `haven_CaseStatus` | cases | haven's status: `open`, `active`, `suspended`, `closed` |
//! | `haven_OpenedOn` | cases | the day the case opened |
//! | `haven_ClosedOn` | cases | the day it closed |
//! | `haven_ScreeningId` | screenings | the screening's id |
//! | `haven_InstrumentId` | screenings | the instrument the screening used |
//! | `haven_InstrumentVersion` | screenings | its version: a finding is read with the questions that were asked |
//! | `haven_InstrumentHash` | screenings | SHA-256 of the instrument file, hex |
//! | `haven_StartedOn` | screenings | the day the interview started |
//! | `haven_CompletedOn` | screenings | the day it was completed |
//! | `haven_ScreeningOutcome` | screenings | `reasonable_grounds`, `not_yet_determined` or `vulnerable_migrant`, never a negative (R06) |
//! | `haven_FormsOfExploitation` | screenings | the forms of exploitation the answers show: `forced_criminality` (R04), `forced_labour`, `slavery_or_similar_practices`, `servitude`, `sexual_exploitation` |
//! | `haven_NonPunishmentSince` | screenings | the day the non-punishment principle applies from: the completion of a screening with reasonable grounds (R11) |
//! | `haven_DecisionConclusion` | screenings | a signed conclusive decision: `confirmed` or `not_confirmed` (R07) |
//! | `haven_DecisionDate` | screenings | the day it was signed |
//! | `haven_DecisionReasons` | screenings | its written reasons |
//! | `haven_ReferralId` | referrals | the referral's id |
//! | `haven_ServiceType` | referrals | haven's service type (`shelter_men`, `legal_aid`, …; R19) |
//! | `haven_ReferralStatus` | referrals | `proposed`, `consent_recorded`, `sent`, `accepted`, `declined`, `in_progress`, `completed`, `revoked` |
//! | `haven_Response` | referrals | the receiving organisation's answer |
//!
//! # What is left out (R17, R24)
//!
//! The row builders take the categories the exporting reader may open for
//! the person, and leave out every field outside them: no key in JSON, an
//! empty cell in CSV. Identity is the floor: without it there is no
//! person row at all. Contact and location need `contact_location`
//! (`prs_MobilePhone`, `haven_Location`); the notes, the forms of
//! exploitation, a decision's reasons and a referral's note and answer
//! need `narrative`. Which persons go in a bundle, and under which consent,
//! is the store's decision, not this module's.
//!
//! # Reading
//!
//! A file is untrusted. Its size, the number of rows across all tables,
//! the length of a cell and the items of a list are capped ([`Limits`]); a
//! zip's entries are counted and inflated through a bounded reader. A
//! column or key that is neither HTCDS's nor the extension's is refused.
//! Every row is checked: ids, dates, picklist values, haven's codes, the
//! agreement of each HTCDS field with the extension field beside it, and
//! the person through the core's own parser; then ids must be unique in
//! their table and every case, screening and referral must name a person
//! of the bundle. The reader returns the whole bundle or a [`Report`] of
//! every problem found, each with its table, line and column, never a
//! part of a bundle. No message repeats a value from the file (R23).

mod check;
mod codec;
mod codes;
mod csvzip;
mod json;
mod map;
mod rows;

use std::fmt;

use time::Date;

pub use codes::{
    DecisionMakingOrg, Gender, HtcdsCaseStatus, ReasonForReferral, ScreeningOutcome, SupportPlanType,
    TraffickingStatus, TypeOfExploitation,
};
pub use map::{
    case_record, case_row, person_input, person_row, purpose_forms, referral_facts, referral_row, screening_facts,
    screening_row, DecisionFacts, ReferralFacts, ScreeningFacts,
};
pub use rows::{column_names, Bundle, CaseRow, PersonRow, ReferralRow, ScreeningRow, Table};

use crate::FormatError;

/// The standard a bundle follows, as its header names it.
pub const STANDARD: &str = "HTCDS 2.0";
/// The extension, as its header names it; a change to the extension's
/// meaning is a new version.
pub const EXTENSION: &str = "haven/1";

pub const JSON_TYPE: &str = "application/json";
pub const ZIP_TYPE: &str = "application/zip";

/// The caps a reader holds a file to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The file, and what a zip inflates to.
    pub max_bytes: usize,
    /// Rows of all four tables together.
    pub max_rows: usize,
    /// One cell, in bytes.
    pub max_field_bytes: usize,
    /// Items of one list cell.
    pub max_list_items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // Notes hold up to 20,000 characters, which is 80,000 bytes in a
        // script of four-byte characters.
        Self { max_bytes: 32 << 20, max_rows: 50_000, max_field_bytes: 80_000, max_list_items: 32 }
    }
}

/// One problem in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// `None` for the file as a whole.
    pub table: Option<Table>,
    /// Where the row (or the problem) starts, from 1: in the JSON document,
    /// or in the table's CSV file.
    pub line: Option<u64>,
    /// The column to blame, where there is one.
    pub field: Option<String>,
    /// What is wrong and what is expected. Never a value from the file.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.table, self.line) {
            (Some(t), Some(l)) => write!(f, "{t}, line {l}: ")?,
            (Some(t), None) => write!(f, "{t}: ")?,
            (None, Some(l)) => write!(f, "line {l}: ")?,
            (None, None) => {}
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Everything wrong with a file, in table and line order. A reader returns
/// this or a whole bundle, never both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub issues: Vec<Issue>,
}

impl Report {
    pub(crate) fn new(mut issues: Vec<Issue>) -> Self {
        issues.sort_by_key(|i| (i.table, i.line));
        Self { issues }
    }

    pub(crate) fn file(message: impl Into<String>) -> Self {
        Self::new(vec![Issue { table: None, line: None, field: None, message: message.into() }])
    }

    pub(crate) fn at(table: Option<Table>, line: u64, message: impl Into<String>) -> Self {
        Self::new(vec![Issue { table, line: Some(line), field: None, message: message.into() }])
    }

    pub(crate) fn of_fields(table: Table, found: Vec<check::FieldIssue>) -> Self {
        Self::new(
            found
                .into_iter()
                .map(|f| Issue { table: Some(table), line: None, field: Some(f.column.to_owned()), message: f.message })
                .collect(),
        )
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, issue) in self.issues.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{issue}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

/// The bundle as one JSON document.
pub fn write_json(bundle: &Bundle) -> Result<Vec<u8>, FormatError> {
    json::write(bundle)
}

/// The bundle as a zip of `manifest.json` and one CSV file per table.
pub fn write_zip(bundle: &Bundle) -> Result<Vec<u8>, FormatError> {
    csvzip::write(bundle)
}

/// Where each row of a bundle starts in the file it was read from (as
/// [`Issue::line`] counts), in the order of the bundle's rows: so that a
/// check made after reading (an importer's, against its own records) can
/// name the line of a row too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines {
    pub persons: Vec<u64>,
    pub cases: Vec<u64>,
    pub screenings: Vec<u64>,
    pub referrals: Vec<u64>,
}

impl Lines {
    /// The line of row `index` of `table`, if the bundle was read from a file.
    pub fn of(&self, table: Table, index: usize) -> Option<u64> {
        let lines = match table {
            Table::Persons => &self.persons,
            Table::Cases => &self.cases,
            Table::Screenings => &self.screenings,
            Table::Referrals => &self.referrals,
        };
        lines.get(index).copied()
    }
}

/// Reads a JSON bundle. `today` bounds dates (no birth, case or decision
/// in the future); it is passed in because this crate has no clock.
pub fn read_json(bytes: &[u8], limits: &Limits, today: Date) -> Result<Bundle, Report> {
    json::read(bytes, limits, today).map(|(b, _)| b)
}

/// Reads a zip of CSV files, as [`read_json`].
pub fn read_zip(bytes: &[u8], limits: &Limits, today: Date) -> Result<Bundle, Report> {
    csvzip::read(bytes, limits, today).map(|(b, _)| b)
}

/// Reads either form, told apart by the zip signature.
pub fn read(bytes: &[u8], limits: &Limits, today: Date) -> Result<Bundle, Report> {
    read_lined(bytes, limits, today).map(|(b, _)| b)
}

/// [`read`], with the line each row starts on. The rows keep the file's
/// order, so `lines` and the bundle's tables line up index by index.
pub fn read_lined(bytes: &[u8], limits: &Limits, today: Date) -> Result<(Bundle, Lines), Report> {
    if bytes.starts_with(b"PK\x03\x04") {
        csvzip::read(bytes, limits, today)
    } else {
        json::read(bytes, limits, today)
    }
}

/// Checks rows made elsewhere (a legacy spreadsheet read through a column
/// mapping) by every rule a file's rows are checked by; `line` is each
/// row's place in its source. The bundle comes back only if nothing is wrong.
pub(crate) fn check_rows(
    persons: Vec<(u64, PersonRow)>,
    cases: Vec<(u64, CaseRow)>,
    today: Date,
    issues: Vec<Issue>,
) -> Result<(Bundle, Lines), Vec<Issue>> {
    let rows = check::Lined {
        persons: persons.into_iter().map(|(l, r)| (l, r, true)).collect(),
        cases: cases.into_iter().map(|(l, r)| (l, r, true)).collect(),
        screenings: Vec::new(),
        referrals: Vec::new(),
        persons_complete: true,
    };
    check::check_bundle(rows, today, issues)
}

#[cfg(test)]
mod tests;
