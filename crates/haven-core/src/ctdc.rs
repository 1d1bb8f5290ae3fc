//! Record-level export for IOM's Counter Trafficking Data Collaborative
//! (CTDC), k-anonymised (R23, issue 16).
//!
//! CTDC publishes its global dataset one row per person, "k-anonymised
//! (k = 11)": every combination of the attributes a stranger could know
//! about someone (the *quasi-identifiers*) is shared by at least k rows, so
//! no row is a person. haven's export does the same to an organisation's
//! records before any of them leaves: [`CtdcRecord::from_input`] turns what
//! the store knows into CTDC's categories, and [`k_anonymise`] is the only
//! way to an [`Anonymised`] set, which is all the writers in
//! `haven_formats::ctdc` accept.
//!
//! # Quasi-identifiers
//!
//! Year of registration, gender, age band, majority status, citizenship
//! and country of exploitation. Everything else in a row (means of
//! control, type of exploitation, recruiter) is an attribute: published as
//! it is, never used to tell rows apart.
//!
//! # The method
//!
//! 1. **Recoding each quasi-identifier on its own**, as
//!    [`disclosure::recode`](crate::disclosure::recode) does for tables:
//!    a value held by 1 to k − 1 records is lifted one step up its
//!    hierarchy, again until every value holds k or has nowhere to go.
//!    Countries go to their UN M49 sub-region, then region, then `Other`;
//!    CTDC's age bands go to 0–17, 18–29 or 30–47, then 18+ (children are
//!    never merged with adults, R02); a gender held by fewer than k goes
//!    to not known. Years merge with the following year (the last with
//!    the one before) until each span holds k. Majority status is never
//!    generalised. Unlike a table's categories, a group still short of k
//!    at the top (`Other` holding three people) is not padded with a
//!    large category, which would cost everyone in it their detail: its
//!    records can be left out instead (step 3).
//! 2. **Generalising further, whole columns at a time** (after Sweeney's
//!    Datafly): while more records sit in classes below k than would at
//!    the coarsest generalisation, plus k, one quasi-identifier goes one
//!    level up for every record (the lowest level present: countries to
//!    sub-regions, CTDC's bands to the wider ones; all years become one
//!    span; all genders not known). The one chosen is the one that leaves
//!    the fewest records below k; in a tie, Datafly's choice, the one with
//!    the most distinct values. (Step 1 need not run again: every value
//!    that can go up already holds k, and a step only unites such values.)
//! 3. **Suppression**: every record whose class over all six
//!    quasi-identifiers still holds fewer than k is left out.
//!
//! The published records come out sorted, so their order says nothing of
//! the order they were recorded in. The counts of generalised and
//! suppressed records and k go with them, to be printed on every export.
//!
//! k-anonymity protects against being *found* in the file. It does not
//! stop an attribute from being learned when every member of a class
//! shares it (all eleven Lao women of 18–29 in a year with their documents
//! withheld): that is l-diversity, which this does not attempt.
//!
//! # What the categories come from
//!
//! | CTDC field | from haven |
//! |---|---|
//! | year of registration | the year the person was first recorded |
//! | gender | the self-described sex: female, woman, f, feminine, girl → female; male, man, m, masculine, boy → male; trans woman or man, transgender, non-binary, gender non-conforming, genderqueer → transgender; any other word or none → not known |
//! | age band | age at registration, from the date of birth or the estimate, in CTDC's bands `0--8`, `9--17`, `18--20`, `21--23`, `24--26`, `27--29`, `30--38`, `39--47`, `48+` |
//! | majority status | minor under 18; adult from 18, except an uncertain estimate that may hide a child (`Birth::may_be_child`), which is not known: a possible child is never published as an adult (R02) |
//! | citizenship | the first nationality (ISO 3166-1 alpha-3); anything else → not known |
//! | country of exploitation | the screening's `compound_country` answer, an alpha-3 code; `other`, `dont_know` or none → not known |
//!
//! Attributes come from the indicators that the person's latest completed
//! screening found (the ids of `Evidence::indicator`, forced-criminality
//! instrument v1 and v2). Without a completed screening every attribute is
//! not known; with one, an attribute is 1 when an indicator below shows it
//! and 0 when none does, which means *not shown*, not *did not happen*.
//!
//! | indicator | CTDC attribute |
//! |---|---|
//! | `debt_bondage`, `debt_imposed` | means of control: debt bondage |
//! | `fines_imposed`, `wages_withheld` | means of control: takes earnings |
//! | `threats_and_intimidation`, `threatened_now` | means of control: threats |
//! | `isolated_from_family`, `witnessed_death_or_torture` | means of control: psychological abuse |
//! | `violence` (v1), `violence_used` | means of control: physical abuse |
//! | `deceived_about_job` | means of control: false promises |
//! | `confinement`, `armed_guards` | means of control: restricts movement |
//! | `excessive_hours` | means of control: excessive working hours |
//! | `threat_of_denunciation` | means of control: threat of law enforcement |
//! | `denied_necessities` | means of control: withholds necessities |
//! | `documents_confiscated` | means of control: withholds documents |
//! | `forced_criminality`, `forced_other_crimes` | forced labour, and type of labour: illicit activities (CTDC files forced criminality as labour in illicit activities, R04; HTCDS, which has no such type, gets `Other`) |
//! | `forced_labour` | forced labour |
//! | `sexual_exploitation` | sexual exploitation |
//! | `sold_between_compounds` | slavery and similar practices |
//! | `abduction` | abduction |
//!
//! No indicator maps to CTDC's *other exploitation*, so it is 0 for
//! everyone screened. Indicators not listed (`ransom`,
//! `punished_for_targets`, the recruitment and travel indicators, …) have
//! no CTDC attribute that fits without a guess.
//!
//! The recruiter comes from the options chosen for `recruited_by_person`:
//! `friend` → friend; `relative` → family; `agent_or_broker`,
//! `recruitment_agency`, `employer_or_company`, `partner_or_online_contact`
//! (not necessarily an intimate partner) and `other` → other;
//! `none_of_these` → none of them; nothing chosen (not asked, or declined)
//! → not known.
//!
//! Countries' sub-regions are UN M49's, as packaged with OCHA's
//! countries-and-territories taxonomy; alpha-2 codes are from the iso-codes
//! database (see `ctdc/countries.rs`).

use std::collections::{BTreeMap, BTreeSet};

use time::Date;

use crate::disclosure::{ThresholdTooLow, MIN_K};
use crate::person::Birth;

mod countries;

use countries::COUNTRIES;

/// What the store gathers about one person for the export: plain data,
/// nothing of it leaves except through [`k_anonymise`].
#[derive(Debug, Clone, PartialEq)]
pub struct CtdcInput {
    /// When the person was first recorded.
    pub recorded_on: Date,
    /// As the person described it.
    pub sex: Option<String>,
    pub birth: Option<Birth>,
    /// The first nationality recorded (ISO 3166-1 alpha-3).
    pub nationality: Option<String>,
    /// The country the person was exploited in (alpha-3), from the
    /// screening's `compound_country` answer.
    pub country_of_exploitation: Option<String>,
    /// The indicators the latest completed screening found; `None` when
    /// the person has no completed screening.
    pub indicators: Option<BTreeSet<String>>,
    /// The options chosen for `recruited_by_person`; empty when not asked
    /// or not answered.
    pub recruiters: BTreeSet<String>,
}

/// A span of registration years; one year when `from == to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Years {
    pub from: i32,
    pub to: i32,
}

impl Years {
    pub fn single(year: i32) -> Years {
        Years { from: year, to: year }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Gender {
    Female,
    Male,
    /// Transgender or gender non-conforming.
    Transgender,
    /// Not recorded, a word haven does not group, or withheld by the
    /// anonymisation.
    NotKnown,
}

impl Gender {
    /// The gender a self-described sex counts under; never a guess.
    pub fn of_sex(sex: Option<&str>) -> Gender {
        match crate::person::SexGroup::of(sex) {
            crate::person::SexGroup::Female => Gender::Female,
            crate::person::SexGroup::Male => Gender::Male,
            crate::person::SexGroup::Transgender => Gender::Transgender,
            crate::person::SexGroup::Other | crate::person::SexGroup::NotRecorded => Gender::NotKnown,
        }
    }
}

/// CTDC's age bands, then the wider bands the anonymisation lifts them to.
/// Children's bands only ever widen to 0–17 (R02).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgeBroad {
    Age0To8,
    Age9To17,
    Age18To20,
    Age21To23,
    Age24To26,
    Age27To29,
    Age30To38,
    Age39To47,
    Age48Plus,
    Age0To17,
    Age18To29,
    Age30To47,
    Age18Plus,
    NotKnown,
}

impl AgeBroad {
    /// CTDC's band for an age in whole years.
    pub fn of_age(age: Option<u8>) -> AgeBroad {
        match age {
            None => AgeBroad::NotKnown,
            Some(a) if a <= 8 => AgeBroad::Age0To8,
            Some(a) if a <= 17 => AgeBroad::Age9To17,
            Some(a) if a <= 20 => AgeBroad::Age18To20,
            Some(a) if a <= 23 => AgeBroad::Age21To23,
            Some(a) if a <= 26 => AgeBroad::Age24To26,
            Some(a) if a <= 29 => AgeBroad::Age27To29,
            Some(a) if a <= 38 => AgeBroad::Age30To38,
            Some(a) if a <= 47 => AgeBroad::Age39To47,
            Some(_) => AgeBroad::Age48Plus,
        }
    }

    /// The band as CTDC writes it; `None` when not known.
    pub fn code(&self) -> Option<&'static str> {
        Some(match self {
            AgeBroad::Age0To8 => "0--8",
            AgeBroad::Age9To17 => "9--17",
            AgeBroad::Age18To20 => "18--20",
            AgeBroad::Age21To23 => "21--23",
            AgeBroad::Age24To26 => "24--26",
            AgeBroad::Age27To29 => "27--29",
            AgeBroad::Age30To38 => "30--38",
            AgeBroad::Age39To47 => "39--47",
            AgeBroad::Age48Plus => "48+",
            AgeBroad::Age0To17 => "0--17",
            AgeBroad::Age18To29 => "18--29",
            AgeBroad::Age30To47 => "30--47",
            AgeBroad::Age18Plus => "18+",
            AgeBroad::NotKnown => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Majority {
    Adult,
    Minor,
    NotKnown,
}

impl Majority {
    /// R02: under 18 is a minor; a possible child is not known, never an
    /// adult.
    pub fn of_birth(birth: Option<&Birth>, on: Date) -> Majority {
        let Some(b) = birth else { return Majority::NotKnown };
        match b.age_on(on) {
            None => Majority::NotKnown,
            Some(a) if a < 18 => Majority::Minor,
            Some(_) if b.may_be_child(on) => Majority::NotKnown,
            Some(_) => Majority::Adult,
        }
    }
}

/// UN M49 regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Region {
    Africa,
    Americas,
    Asia,
    Europe,
    Oceania,
}

impl Region {
    pub fn name(&self) -> &'static str {
        match self {
            Region::Africa => "Africa",
            Region::Americas => "Americas",
            Region::Asia => "Asia",
            Region::Europe => "Europe",
            Region::Oceania => "Oceania",
        }
    }
}

/// UN M49 sub-regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SubRegion {
    AustraliaAndNewZealand,
    CentralAsia,
    EasternAsia,
    EasternEurope,
    LatinAmericaAndTheCaribbean,
    Melanesia,
    Micronesia,
    NorthernAfrica,
    NorthernAmerica,
    NorthernEurope,
    Polynesia,
    SouthEasternAsia,
    SouthernAsia,
    SouthernEurope,
    SubSaharanAfrica,
    WesternAsia,
    WesternEurope,
}

impl SubRegion {
    pub fn name(&self) -> &'static str {
        match self {
            SubRegion::AustraliaAndNewZealand => "Australia and New Zealand",
            SubRegion::CentralAsia => "Central Asia",
            SubRegion::EasternAsia => "Eastern Asia",
            SubRegion::EasternEurope => "Eastern Europe",
            SubRegion::LatinAmericaAndTheCaribbean => "Latin America and the Caribbean",
            SubRegion::Melanesia => "Melanesia",
            SubRegion::Micronesia => "Micronesia",
            SubRegion::NorthernAfrica => "Northern Africa",
            SubRegion::NorthernAmerica => "Northern America",
            SubRegion::NorthernEurope => "Northern Europe",
            SubRegion::Polynesia => "Polynesia",
            SubRegion::SouthEasternAsia => "South-eastern Asia",
            SubRegion::SouthernAsia => "Southern Asia",
            SubRegion::SouthernEurope => "Southern Europe",
            SubRegion::SubSaharanAfrica => "Sub-Saharan Africa",
            SubRegion::WesternAsia => "Western Asia",
            SubRegion::WesternEurope => "Western Europe",
        }
    }

    pub fn region(&self) -> Region {
        match self {
            SubRegion::NorthernAfrica | SubRegion::SubSaharanAfrica => Region::Africa,
            SubRegion::LatinAmericaAndTheCaribbean | SubRegion::NorthernAmerica => Region::Americas,
            SubRegion::CentralAsia
            | SubRegion::EasternAsia
            | SubRegion::SouthEasternAsia
            | SubRegion::SouthernAsia
            | SubRegion::WesternAsia => Region::Asia,
            SubRegion::EasternEurope
            | SubRegion::NorthernEurope
            | SubRegion::SouthernEurope
            | SubRegion::WesternEurope => Region::Europe,
            SubRegion::AustraliaAndNewZealand | SubRegion::Melanesia | SubRegion::Micronesia | SubRegion::Polynesia => {
                Region::Oceania
            }
        }
    }
}

/// An ISO 3166-1 country; only [`Country::parse`] makes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Country(usize);

impl Country {
    /// An alpha-3 code, as haven records nationalities.
    pub fn parse(alpha3: &str) -> Option<Country> {
        COUNTRIES.binary_search_by(|(c, _, _)| (*c).cmp(alpha3)).ok().map(Country)
    }

    pub fn alpha3(&self) -> &'static str {
        COUNTRIES[self.0].0
    }

    /// The alpha-2 code, as CTDC's dataset writes countries.
    pub fn alpha2(&self) -> &'static str {
        COUNTRIES[self.0].1
    }

    /// `None` for Antarctica alone.
    pub fn sub_region(&self) -> Option<SubRegion> {
        COUNTRIES[self.0].2
    }
}

/// A citizenship or country of exploitation, as published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    Country(Country),
    /// The countries of this sub-region that hold fewer than k each.
    SubRegion(SubRegion),
    Region(Region),
    /// Places merged because each was too rare to publish.
    Other,
    NotKnown,
}

impl Place {
    fn of_code(code: Option<&str>) -> Place {
        code.and_then(|c| Country::parse(c.trim())).map_or(Place::NotKnown, Place::Country)
    }
}

/// An attribute of a record, in the order of CTDC's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Attribute {
    DebtBondage,
    TakesEarnings,
    Threats,
    PsychologicalAbuse,
    PhysicalAbuse,
    FalsePromises,
    RestrictsMovement,
    ExcessiveWorkingHours,
    ThreatOfLawEnforcement,
    WithholdsNecessities,
    WithholdsDocuments,
    ForcedLabour,
    SexualExploit,
    OtherExploit,
    SlaveryAndPractices,
    LabourIllicitActivities,
    Abduction,
    RecruiterFriend,
    RecruiterFamily,
    RecruiterOther,
    RecruiterUnknown,
}

impl Attribute {
    pub const ALL: [Attribute; 21] = [
        Attribute::DebtBondage,
        Attribute::TakesEarnings,
        Attribute::Threats,
        Attribute::PsychologicalAbuse,
        Attribute::PhysicalAbuse,
        Attribute::FalsePromises,
        Attribute::RestrictsMovement,
        Attribute::ExcessiveWorkingHours,
        Attribute::ThreatOfLawEnforcement,
        Attribute::WithholdsNecessities,
        Attribute::WithholdsDocuments,
        Attribute::ForcedLabour,
        Attribute::SexualExploit,
        Attribute::OtherExploit,
        Attribute::SlaveryAndPractices,
        Attribute::LabourIllicitActivities,
        Attribute::Abduction,
        Attribute::RecruiterFriend,
        Attribute::RecruiterFamily,
        Attribute::RecruiterOther,
        Attribute::RecruiterUnknown,
    ];
}

/// Indicator ids and the attributes they show (the module's table).
const INDICATORS: [(&str, Attribute); 25] = [
    ("debt_bondage", Attribute::DebtBondage),
    ("debt_imposed", Attribute::DebtBondage),
    ("fines_imposed", Attribute::TakesEarnings),
    ("wages_withheld", Attribute::TakesEarnings),
    ("threats_and_intimidation", Attribute::Threats),
    ("threatened_now", Attribute::Threats),
    ("isolated_from_family", Attribute::PsychologicalAbuse),
    ("witnessed_death_or_torture", Attribute::PsychologicalAbuse),
    ("violence", Attribute::PhysicalAbuse),
    ("violence_used", Attribute::PhysicalAbuse),
    ("deceived_about_job", Attribute::FalsePromises),
    ("confinement", Attribute::RestrictsMovement),
    ("armed_guards", Attribute::RestrictsMovement),
    ("excessive_hours", Attribute::ExcessiveWorkingHours),
    ("threat_of_denunciation", Attribute::ThreatOfLawEnforcement),
    ("denied_necessities", Attribute::WithholdsNecessities),
    ("documents_confiscated", Attribute::WithholdsDocuments),
    ("forced_criminality", Attribute::ForcedLabour),
    ("forced_criminality", Attribute::LabourIllicitActivities),
    ("forced_other_crimes", Attribute::ForcedLabour),
    ("forced_other_crimes", Attribute::LabourIllicitActivities),
    ("forced_labour", Attribute::ForcedLabour),
    ("sexual_exploitation", Attribute::SexualExploit),
    ("sold_between_compounds", Attribute::SlaveryAndPractices),
    ("abduction", Attribute::Abduction),
];

/// Options of `recruited_by_person` and the relation they show.
const RECRUITERS: [(&str, Attribute); 7] = [
    ("friend", Attribute::RecruiterFriend),
    ("relative", Attribute::RecruiterFamily),
    ("agent_or_broker", Attribute::RecruiterOther),
    ("recruitment_agency", Attribute::RecruiterOther),
    ("employer_or_company", Attribute::RecruiterOther),
    ("partner_or_online_contact", Attribute::RecruiterOther),
    ("other", Attribute::RecruiterOther),
];

/// One person's row, before or after anonymisation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CtdcRecord {
    pub year_of_registration: Years,
    pub gender: Gender,
    pub age_broad: AgeBroad,
    pub majority_status: Majority,
    pub citizenship: Place,
    pub country_of_exploitation: Place,
    /// The attributes shown; `None` when the person has no completed
    /// screening, so that none is known.
    pub attributes: Option<BTreeSet<Attribute>>,
}

impl CtdcRecord {
    pub fn from_input(i: &CtdcInput) -> CtdcRecord {
        let on = i.recorded_on;
        let attributes = i.indicators.as_ref().map(|found| {
            let mut set: BTreeSet<Attribute> =
                INDICATORS.iter().filter(|(code, _)| found.contains(*code)).map(|(_, a)| *a).collect();
            let relations: Vec<Attribute> =
                RECRUITERS.iter().filter(|(code, _)| i.recruiters.contains(*code)).map(|(_, a)| *a).collect();
            if relations.is_empty() && !i.recruiters.contains("none_of_these") {
                set.insert(Attribute::RecruiterUnknown);
            }
            set.extend(relations);
            set
        });
        CtdcRecord {
            year_of_registration: Years::single(on.year()),
            gender: Gender::of_sex(i.sex.as_deref()),
            age_broad: AgeBroad::of_age(i.birth.as_ref().and_then(|b| b.age_on(on))),
            majority_status: Majority::of_birth(i.birth.as_ref(), on),
            citizenship: Place::of_code(i.nationality.as_deref()),
            country_of_exploitation: Place::of_code(i.country_of_exploitation.as_deref()),
            attributes,
        }
    }
}

/// The quasi-identifiers, for the method's account of what was generalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Quasi {
    Year,
    Gender,
    AgeBroad,
    Majority,
    Citizenship,
    CountryOfExploitation,
}

impl Quasi {
    pub const ALL: [Quasi; 6] = [
        Quasi::Year,
        Quasi::Gender,
        Quasi::AgeBroad,
        Quasi::Majority,
        Quasi::Citizenship,
        Quasi::CountryOfExploitation,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Quasi::Year => "year_of_registration",
            Quasi::Gender => "gender",
            Quasi::AgeBroad => "age_broad",
            Quasi::Majority => "majority_status",
            Quasi::Citizenship => "citizenship",
            Quasi::CountryOfExploitation => "country_of_exploitation",
        }
    }
}

/// Records fit for release, with what was done to make them so. Only
/// [`k_anonymise`] makes one, so a writer that takes it cannot be handed
/// records that skipped disclosure control.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anonymised {
    records: Vec<CtdcRecord>,
    k: u64,
    input: u64,
    suppressed: u64,
    generalised: BTreeMap<Quasi, u64>,
    generalised_records: u64,
    withheld_attributes: u64,
}

impl Anonymised {
    /// How many published records had their flags withheld because their
    /// pattern of flags was shared by fewer than k records of their class.
    pub fn withheld_attributes(&self) -> u64 {
        self.withheld_attributes
    }

    /// Sorted; every class over the quasi-identifiers holds at least k.
    pub fn records(&self) -> &[CtdcRecord] {
        &self.records
    }

    pub fn k(&self) -> u64 {
        self.k
    }

    /// How many records were given.
    pub fn input(&self) -> u64 {
        self.input
    }

    /// How many were left out because their class stayed below k.
    pub fn suppressed(&self) -> u64 {
        self.suppressed
    }

    /// Of the published records, how many had each quasi-identifier
    /// generalised (only those with any).
    pub fn generalised(&self) -> &BTreeMap<Quasi, u64> {
        &self.generalised
    }

    /// Published records with at least one quasi-identifier generalised.
    pub fn generalised_records(&self) -> u64 {
        self.generalised_records
    }
}

/// A quasi-identifier with a hierarchy: where a value goes when it is too
/// rare.
trait Hierarchy: Copy + Ord {
    fn parent(self) -> Option<Self>;
    /// How far up the hierarchy a value is; a whole-column step lifts the
    /// values of the lowest level that can still go up.
    fn level(self) -> u8;
}

impl Hierarchy for Gender {
    fn parent(self) -> Option<Self> {
        (self != Gender::NotKnown).then_some(Gender::NotKnown)
    }
    fn level(self) -> u8 {
        u8::from(self == Gender::NotKnown)
    }
}

impl Hierarchy for AgeBroad {
    fn parent(self) -> Option<Self> {
        use AgeBroad::*;
        match self {
            Age0To8 | Age9To17 => Some(Age0To17),
            Age18To20 | Age21To23 | Age24To26 | Age27To29 => Some(Age18To29),
            Age30To38 | Age39To47 => Some(Age30To47),
            Age18To29 | Age30To47 | Age48Plus => Some(Age18Plus),
            Age0To17 | Age18Plus | NotKnown => None,
        }
    }
    fn level(self) -> u8 {
        use AgeBroad::*;
        match self {
            Age0To17 | Age18To29 | Age30To47 => 1,
            Age18Plus | NotKnown => 2,
            _ => 0,
        }
    }
}

impl Hierarchy for Majority {
    fn parent(self) -> Option<Self> {
        None
    }
    fn level(self) -> u8 {
        0
    }
}

impl Hierarchy for Place {
    fn parent(self) -> Option<Self> {
        match self {
            Place::Country(c) => Some(c.sub_region().map_or(Place::Other, Place::SubRegion)),
            Place::SubRegion(s) => Some(Place::Region(s.region())),
            Place::Region(_) => Some(Place::Other),
            Place::Other | Place::NotKnown => None,
        }
    }
    fn level(self) -> u8 {
        match self {
            Place::Country(_) => 0,
            Place::SubRegion(_) => 1,
            Place::Region(_) => 2,
            Place::Other | Place::NotKnown => 3,
        }
    }
}

fn count<T: Ord + Copy>(col: &[T]) -> BTreeMap<T, u64> {
    let mut m = BTreeMap::new();
    for v in col {
        *m.entry(*v).or_insert(0u64) += 1;
    }
    m
}

/// Step 1 for one column: lift rare values until none is left that can
/// go up. Children's bands stop at 0–17 (R02): a rare 0–17 is suppressed,
/// never merged with adults.
fn recode_column<T: Hierarchy>(col: &mut [T], k: u64) {
    loop {
        let lift: BTreeMap<T, T> =
            count(col).into_iter().filter(|(_, n)| *n < k).filter_map(|(v, _)| v.parent().map(|p| (v, p))).collect();
        if lift.is_empty() {
            break;
        }
        for x in col.iter_mut() {
            if let Some(p) = lift.get(x) {
                *x = *p;
            }
        }
    }
}

/// Step 2 for one column: the lowest level that can go up goes up.
/// Returns whether anything changed.
fn step_column<T: Hierarchy>(col: &mut [T]) -> bool {
    let Some(lowest) = col.iter().filter(|v| v.parent().is_some()).map(|v| v.level()).min() else {
        return false;
    };
    for x in col.iter_mut() {
        if x.level() == lowest {
            if let Some(p) = x.parent() {
                *x = p;
            }
        }
    }
    true
}

/// Step 1 for years: from the earliest, each span takes the following
/// years until it holds k; a last span short of k joins the one before.
fn merge_years(col: &mut [Years], k: u64) {
    let mut spans: Vec<(Years, Vec<Years>, u64)> = Vec::new();
    for (y, n) in count(col) {
        match spans.last_mut() {
            Some((span, members, held)) if *held < k => {
                span.to = span.to.max(y.to);
                members.push(y);
                *held += n;
            }
            _ => spans.push((y, vec![y], n)),
        }
    }
    if spans.len() > 1 && spans.last().is_some_and(|(_, _, held)| *held < k) {
        if let Some((span, members, _)) = spans.pop() {
            if let Some((into, into_members, _)) = spans.last_mut() {
                into.to = into.to.max(span.to);
                into_members.extend(members);
            }
        }
    }
    let map: BTreeMap<Years, Years> =
        spans.iter().flat_map(|(span, members, _)| members.iter().map(move |m| (*m, *span))).collect();
    for y in col.iter_mut() {
        if let Some(s) = map.get(y) {
            *y = *s;
        }
    }
}

/// Step 2 for years: one span over them all.
fn step_years(col: &mut [Years]) -> bool {
    let (Some(from), Some(to)) = (col.iter().map(|y| y.from).min(), col.iter().map(|y| y.to).max()) else {
        return false;
    };
    let all = Years { from, to };
    if col.iter().all(|y| *y == all) {
        return false;
    }
    for y in col.iter_mut() {
        *y = all;
    }
    true
}

/// The quasi-identifiers as columns, so that each is recoded on its own.
#[derive(Debug, Clone)]
struct Columns {
    year: Vec<Years>,
    gender: Vec<Gender>,
    age: Vec<AgeBroad>,
    majority: Vec<Majority>,
    citizenship: Vec<Place>,
    exploitation: Vec<Place>,
}

type Key = (Years, Gender, AgeBroad, Majority, Place, Place);

impl Columns {
    fn of(records: &[CtdcRecord]) -> Columns {
        Columns {
            year: records.iter().map(|r| r.year_of_registration).collect(),
            gender: records.iter().map(|r| r.gender).collect(),
            age: records.iter().map(|r| r.age_broad).collect(),
            majority: records.iter().map(|r| r.majority_status).collect(),
            citizenship: records.iter().map(|r| r.citizenship).collect(),
            exploitation: records.iter().map(|r| r.country_of_exploitation).collect(),
        }
    }

    fn key(&self, i: usize) -> Key {
        (self.year[i], self.gender[i], self.age[i], self.majority[i], self.citizenship[i], self.exploitation[i])
    }

    fn recode(&mut self, q: Quasi, k: u64) {
        match q {
            Quasi::Year => merge_years(&mut self.year, k),
            Quasi::Gender => recode_column(&mut self.gender, k),
            Quasi::AgeBroad => recode_column(&mut self.age, k),
            Quasi::Majority => recode_column(&mut self.majority, k),
            Quasi::Citizenship => recode_column(&mut self.citizenship, k),
            Quasi::CountryOfExploitation => recode_column(&mut self.exploitation, k),
        }
    }

    fn step(&mut self, q: Quasi) -> bool {
        match q {
            Quasi::Year => step_years(&mut self.year),
            Quasi::Gender => step_column(&mut self.gender),
            Quasi::AgeBroad => step_column(&mut self.age),
            Quasi::Majority => step_column(&mut self.majority),
            Quasi::Citizenship => step_column(&mut self.citizenship),
            Quasi::CountryOfExploitation => step_column(&mut self.exploitation),
        }
    }

    fn distinct(&self, q: Quasi) -> usize {
        match q {
            Quasi::Year => count(&self.year).len(),
            Quasi::Gender => count(&self.gender).len(),
            Quasi::AgeBroad => count(&self.age).len(),
            Quasi::Majority => count(&self.majority).len(),
            Quasi::Citizenship => count(&self.citizenship).len(),
            Quasi::CountryOfExploitation => count(&self.exploitation).len(),
        }
    }

    fn class_sizes(&self) -> BTreeMap<Key, u64> {
        let mut m = BTreeMap::new();
        for i in 0..self.year.len() {
            *m.entry(self.key(i)).or_insert(0u64) += 1;
        }
        m
    }

    /// How many records sit in classes of fewer than k.
    fn below_k(&self, k: u64) -> u64 {
        self.class_sizes().values().filter(|n| **n < k).sum()
    }

    /// One whole-column step: of the quasi-identifiers that can still go
    /// up, the one that leaves the fewest records below k; in a tie, the
    /// one with the most distinct values (Datafly's choice), then the
    /// first in [`Quasi::ALL`]. Returns whether any could go up.
    fn generalise_once(&mut self, k: u64) -> bool {
        let best = Quasi::ALL
            .into_iter()
            .enumerate()
            .filter_map(|(i, q)| {
                let mut trial = self.clone();
                if !trial.step(q) {
                    return None;
                }
                Some(((trial.below_k(k), std::cmp::Reverse(self.distinct(q)), i), trial))
            })
            .min_by_key(|(score, _)| *score);
        match best {
            Some((_, trial)) => {
                *self = trial;
                true
            }
            None => false,
        }
    }
}

/// Generalises, then suppresses, until every class over the
/// quasi-identifiers holds at least `k` records (see the module's method).
pub fn k_anonymise(records: Vec<CtdcRecord>, k: u64) -> Result<Anonymised, ThresholdTooLow> {
    if k < MIN_K {
        return Err(ThresholdTooLow(k));
    }
    let original = Columns::of(&records);
    let mut cols = original.clone();
    for q in Quasi::ALL {
        cols.recode(q, k);
    }
    // What suppression cannot avoid even at the coarsest generalisation:
    // the allowance is that plus k, so that a few rare people (children,
    // who are never merged with adults) do not coarsen everyone's row.
    let mut coarsest = cols.clone();
    while coarsest.generalise_once(k) {}
    let allowance = coarsest.below_k(k) + k;
    while cols.below_k(k) > allowance {
        if !cols.generalise_once(k) {
            break;
        }
    }
    let sizes = cols.class_sizes();
    let mut kept = Vec::new();
    let mut generalised = BTreeMap::new();
    let mut generalised_records = 0;
    for (i, record) in records.into_iter().enumerate() {
        let key = cols.key(i);
        if sizes.get(&key).copied().unwrap_or(0) < k {
            continue;
        }
        let changed: Vec<Quasi> = Quasi::ALL
            .into_iter()
            .zip([
                key.0 != original.year[i],
                key.1 != original.gender[i],
                key.2 != original.age[i],
                key.3 != original.majority[i],
                key.4 != original.citizenship[i],
                key.5 != original.exploitation[i],
            ])
            .filter(|(_, c)| *c)
            .map(|(q, _)| q)
            .collect();
        if !changed.is_empty() {
            generalised_records += 1;
        }
        for q in changed {
            *generalised.entry(q).or_insert(0u64) += 1;
        }
        kept.push(CtdcRecord {
            year_of_registration: key.0,
            gender: key.1,
            age_broad: key.2,
            majority_status: key.3,
            citizenship: key.4,
            country_of_exploitation: key.5,
            attributes: record.attributes,
        });
    }
    let withheld_attributes = withhold_rare_patterns(&mut kept, k);
    kept.sort();
    let input = original.year.len() as u64;
    let suppressed = input - kept.len() as u64;
    Ok(Anonymised { records: kept, k, input, suppressed, generalised, generalised_records, withheld_attributes })
}

/// The flags are quasi-identifiers too: 21 of them make most people's
/// pattern unique, and a unique pattern links a row across two releases
/// (the differencing attack the insider review showed). Within each class,
/// unless every pattern of flags is shared by at least k records and there
/// are at least two patterns, every record's flags are withheld, so each
/// published row, flags included, appears at least k times and no class
/// gives its members' flags away. Returns how many records lost them.
fn withhold_rare_patterns(records: &mut [CtdcRecord], k: u64) -> u64 {
    type Key = (Years, Gender, AgeBroad, Majority, Place, Place);
    let key = |r: &CtdcRecord| -> Key {
        (r.year_of_registration, r.gender, r.age_broad, r.majority_status, r.citizenship, r.country_of_exploitation)
    };
    let mut patterns: BTreeMap<(Key, Option<BTreeSet<Attribute>>), u64> = BTreeMap::new();
    for r in records.iter() {
        *patterns.entry((key(r), r.attributes.clone())).or_insert(0) += 1;
    }
    // A class whose members all share one pattern tells anyone who knows a
    // member is in it what their flags are (the second insider review): a
    // class publishes flags only with at least two patterns, each shared
    // by k.
    // Only patterns of flags count: rows with none ("not screened") beside
    // rows with one pattern would still give that pattern away to anyone
    // who knows a member was screened (found by the property test).
    let mut kinds: BTreeMap<Key, u64> = BTreeMap::new();
    for (c, _) in patterns.keys().filter(|(_, flags)| flags.is_some()) {
        *kinds.entry(*c).or_insert(0) += 1;
    }
    let rare: BTreeSet<Key> = patterns
        .iter()
        .filter(|((c, _), n)| **n < k || kinds.get(c).copied().unwrap_or(0) < 2)
        .map(|((c, _), _)| *c)
        .collect();
    let mut withheld = 0;
    for r in records.iter_mut().filter(|r| rare.contains(&key(r))) {
        if r.attributes.take().is_some() {
            withheld += 1;
        }
    }
    withheld
}

#[cfg(test)]
mod tests;
