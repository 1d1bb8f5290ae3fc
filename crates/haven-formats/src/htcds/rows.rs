//! The four tables of a bundle, one row type each. A row holds its cells as
//! text, under the column names of HTCDS 2.0 (`prs_`, `cas_`, `vic_`,
//! `spl_`) or of haven's extension (`haven_`). Each row type and its column
//! list come from one declaration, so the JSON keys, the CSV header and the
//! struct cannot name different fields.

use std::fmt;

/// The tables of a bundle, in the order they are written and reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Persons,
    Cases,
    Screenings,
    Referrals,
}

impl Table {
    pub const ALL: [Table; 4] = [Table::Persons, Table::Cases, Table::Screenings, Table::Referrals];

    /// The key in the JSON document.
    pub fn as_str(&self) -> &'static str {
        match self {
            Table::Persons => "persons",
            Table::Cases => "cases",
            Table::Screenings => "screenings",
            Table::Referrals => "referrals",
        }
    }

    /// The entry in the zip archive.
    pub fn file_name(&self) -> &'static str {
        match self {
            Table::Persons => "persons.csv",
            Table::Cases => "cases.csv",
            Table::Screenings => "screenings.csv",
            Table::Referrals => "referrals.csv",
        }
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a column's cells are written: text, a flag, a whole number, or a
/// list (a JSON array; in CSV, the items joined by the column's separator).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Text,
    Bool,
    Int,
    List(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Column {
    pub name: &'static str,
    pub shape: Shape,
}

/// One cell. Empty text, an absent number and an empty list are all
/// "not given": written as no key in JSON and an empty cell in CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cell {
    Text(Option<String>),
    Bool(bool),
    Int(Option<u16>),
    List(Vec<String>),
}

pub(crate) trait CellValue: Sized {
    /// The shape, with `;` for lists; a column may name another separator.
    const SHAPE: Shape;
    fn to_cell(&self) -> Cell;
    fn from_cell(cell: Cell) -> Self;
}

impl CellValue for String {
    const SHAPE: Shape = Shape::Text;
    fn to_cell(&self) -> Cell {
        Cell::Text((!self.is_empty()).then(|| self.clone()))
    }
    fn from_cell(cell: Cell) -> Self {
        match cell {
            Cell::Text(s) => s.unwrap_or_default(),
            _ => String::new(),
        }
    }
}

impl CellValue for Option<String> {
    const SHAPE: Shape = Shape::Text;
    fn to_cell(&self) -> Cell {
        Cell::Text(self.clone().filter(|s| !s.is_empty()))
    }
    fn from_cell(cell: Cell) -> Self {
        match cell {
            Cell::Text(s) => s.filter(|s| !s.is_empty()),
            _ => None,
        }
    }
}

impl CellValue for bool {
    const SHAPE: Shape = Shape::Bool;
    fn to_cell(&self) -> Cell {
        Cell::Bool(*self)
    }
    fn from_cell(cell: Cell) -> Self {
        matches!(cell, Cell::Bool(true))
    }
}

impl CellValue for Option<u16> {
    const SHAPE: Shape = Shape::Int;
    fn to_cell(&self) -> Cell {
        Cell::Int(*self)
    }
    fn from_cell(cell: Cell) -> Self {
        match cell {
            Cell::Int(n) => n,
            _ => None,
        }
    }
}

impl CellValue for Vec<String> {
    const SHAPE: Shape = Shape::List(';');
    fn to_cell(&self) -> Cell {
        Cell::List(self.clone())
    }
    fn from_cell(cell: Cell) -> Self {
        match cell {
            Cell::List(v) => v,
            _ => Vec::new(),
        }
    }
}

/// What the codecs need of a row type.
pub(crate) trait TableRow: Sized {
    const TABLE: Table;
    const COLUMNS: &'static [Column];
    /// The row's id, the first column.
    fn id(&self) -> &str;
    /// The cells in the order of `COLUMNS`.
    fn to_cells(&self) -> Vec<Cell>;
    /// The row from cells in the order of `COLUMNS`.
    fn from_cells(cells: Vec<Cell>) -> Self;
}

macro_rules! table {
    (
        $(#[$m:meta])*
        pub struct $name:ident in $table:ident {
            $( $(#[$fm:meta])* $field:ident : $ty:ty = $col:literal $(/ $sep:literal)? ),+ $(,)?
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct $name {
            $( $(#[$fm])* pub $field: $ty, )+
        }

        impl $name {
            /// The column names, in the order they are written.
            pub const COLUMN_NAMES: &'static [&'static str] = &[$($col),+];
        }

        impl TableRow for $name {
            const TABLE: Table = Table::$table;
            const COLUMNS: &'static [Column] = &[$(Column {
                name: $col,
                shape: table!(@shape <$ty as CellValue>::SHAPE $(, $sep)?),
            }),+];
            fn id(&self) -> &str {
                &self.id
            }
            fn to_cells(&self) -> Vec<Cell> {
                vec![$(CellValue::to_cell(&self.$field)),+]
            }
            fn from_cells(cells: Vec<Cell>) -> Self {
                let mut cells = cells.into_iter();
                Self { $( $field: CellValue::from_cell(cells.next().unwrap_or(Cell::Text(None))), )+ }
            }
        }
    };
    (@shape $shape:expr) => { $shape };
    (@shape $shape:expr, $sep:literal) => { Shape::List($sep) };
}

table! {
    /// A person (HTCDS `prs_`). Names, sex and languages as haven holds
    /// them go in the extension: HTCDS splits names into first and second,
    /// which most of the names haven records do not have (a Burmese name
    /// has no family name, a Vietnamese one puts it first).
    pub struct PersonRow in Persons {
        /// `haven_PersonId`: unique in the bundle; cases, screenings and
        /// referrals name it.
        id: String = "haven_PersonId",
        full_name: String = "haven_FullName",
        /// One name per line in a CSV cell: a name never holds a line break.
        other_names: Vec<String> = "haven_OtherNames" / '\n',
        latin_name: Option<String> = "haven_LatinName",
        /// The person's own word for their sex.
        sex: Option<String> = "haven_Sex",
        /// [`super::Gender`] of `sex`.
        gender: Option<String> = "prs_Gender",
        /// `YYYY-MM-DD`.
        birthdate: Option<String> = "prs_Birthdate",
        estimated_age: Option<u16> = "haven_EstimatedAge",
        age_uncertain: bool = "haven_AgeUncertain",
        /// ISO 3166-1 alpha-3 codes.
        citizenship: Vec<String> = "prs_Citizenship",
        /// The language subtag of the first of `languages`.
        primary_language: Option<String> = "prs_PrimaryLanguage",
        /// The language subtag of the second of `languages`.
        secondary_language: Option<String> = "prs_SecondaryLanguage",
        /// BCP 47 tags, in the person's order.
        languages: Vec<String> = "haven_Languages",
        /// haven's contact field (free text: a phone, a messaging handle).
        mobile_phone: Option<String> = "prs_MobilePhone",
        /// Where the person is now, one of haven's location codes.
        location: Option<String> = "haven_Location",
        notes: Option<String> = "haven_Notes",
    }
}

table! {
    /// A case (HTCDS `cas_`): one organisation's work with one person.
    pub struct CaseRow in Cases {
        id: String = "haven_CaseId",
        person_id: String = "haven_PersonId",
        /// [`super::HtcdsCaseStatus`].
        status: String = "cas_Status",
        /// haven's own status (`open`, `active`, `suspended`, `closed`).
        haven_status: Option<String> = "haven_CaseStatus",
        opened_on: String = "haven_OpenedOn",
        closed_on: Option<String> = "haven_ClosedOn",
        /// The assigned caseworker's user id on the exporting installation.
        owner: Option<String> = "cas_CaseOwner",
    }
}

table! {
    /// A screening and what it found (HTCDS `vic_` status fields), with the
    /// conclusive decision on it if one was signed.
    pub struct ScreeningRow in Screenings {
        id: String = "haven_ScreeningId",
        person_id: String = "haven_PersonId",
        instrument_id: String = "haven_InstrumentId",
        instrument_version: String = "haven_InstrumentVersion",
        /// SHA-256 of the instrument file, lower-case hex.
        instrument_hash: Option<String> = "haven_InstrumentHash",
        started_on: String = "haven_StartedOn",
        completed_on: Option<String> = "haven_CompletedOn",
        /// [`super::ScreeningOutcome`], once completed.
        outcome: Option<String> = "haven_ScreeningOutcome",
        /// [`super::TraffickingStatus`] of the outcome and decision.
        trafficking_status: Option<String> = "vic_TraffickingStatus",
        /// [`super::DecisionMakingOrg`].
        decision_making_org: Option<String> = "vic_TraffickingStatusDecisionMakingOrg",
        /// [`super::TypeOfExploitation`] of `forms`.
        type_of_exploitation: Vec<String> = "vic_TypeOfExploitation",
        /// The forms of the purpose element the answers show, haven's codes
        /// (`forced_criminality` among them, R04).
        forms: Vec<String> = "haven_FormsOfExploitation",
        /// The day the non-punishment principle applies from: the
        /// completion of a screening with reasonable grounds (R11).
        non_punishment_since: Option<String> = "haven_NonPunishmentSince",
        /// `confirmed` or `not_confirmed` (R07).
        decision: Option<String> = "haven_DecisionConclusion",
        decided_on: Option<String> = "haven_DecisionDate",
        decision_reasons: Option<String> = "haven_DecisionReasons",
    }
}

table! {
    /// A referral to a service, in the outgoing-referral fields HTCDS keeps
    /// on the case (`cas_`), one row per referral, with the kind of support
    /// as a support plan type (`spl_Type`).
    pub struct ReferralRow in Referrals {
        id: String = "haven_ReferralId",
        person_id: String = "haven_PersonId",
        /// The referring organisation's name.
        referring_org: Option<String> = "cas_ReferringOrganisation",
        /// The receiving organisation's name.
        referred_org: String = "cas_ReferredOrganisation",
        /// [`super::ReasonForReferral`].
        reason: Option<String> = "cas_ReasonForOutgoingReferral",
        sent_on: Option<String> = "cas_OutgoingReferralDate",
        /// The referral's note.
        details: Option<String> = "cas_OutgoingReferralDetails",
        /// [`super::SupportPlanType`] of `service_type`.
        support_plan_type: Option<String> = "spl_Type",
        service_type: String = "haven_ServiceType",
        status: String = "haven_ReferralStatus",
        /// The receiving organisation's answer (why it declined, say).
        response: Option<String> = "haven_Response",
    }
}

/// Persons, cases, screenings and referrals, exported or imported together.
/// A bundle from a reader has passed every check of the module; one built
/// by hand is checked only when it is read back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bundle {
    pub persons: Vec<PersonRow>,
    pub cases: Vec<CaseRow>,
    pub screenings: Vec<ScreeningRow>,
    pub referrals: Vec<ReferralRow>,
}

impl Bundle {
    /// Each table ordered by id: the order the writers use, so that the
    /// same records give the same bytes.
    pub fn canonical(mut self) -> Self {
        self.persons.sort_by(|a, b| a.id.cmp(&b.id));
        self.cases.sort_by(|a, b| a.id.cmp(&b.id));
        self.screenings.sort_by(|a, b| a.id.cmp(&b.id));
        self.referrals.sort_by(|a, b| a.id.cmp(&b.id));
        self
    }

    /// Rows in all tables.
    pub fn len(&self) -> usize {
        self.persons.len() + self.cases.len() + self.screenings.len() + self.referrals.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The columns of a table, for callers that do not hold a row type.
pub fn column_names(table: Table) -> &'static [&'static str] {
    match table {
        Table::Persons => PersonRow::COLUMN_NAMES,
        Table::Cases => CaseRow::COLUMN_NAMES,
        Table::Screenings => ScreeningRow::COLUMN_NAMES,
        Table::Referrals => ReferralRow::COLUMN_NAMES,
    }
}

/// Rows in the writers' order, without copying them.
pub(crate) fn sorted<R: TableRow>(rows: &[R]) -> Vec<&R> {
    let mut out: Vec<&R> = rows.iter().collect();
    out.sort_by(|a, b| a.id().cmp(b.id()));
    out
}
