//! A person's record, built by parsing raw input.
//!
//! Names are one free field in any script: Burmese names have no family name
//! and Vietnamese names put the family name first, so splitting into
//! given/family would force a wrong shape on most of the people haven serves.

use time::Date;

use crate::ValidationError;

const MAX_NAME_CHARS: usize = 300;
pub const MAX_OTHER_NAMES: usize = 20;
const MAX_SEX_CHARS: usize = 80;
const MAX_CONTACT_CHARS: usize = 2_000;
const MAX_NOTES_CHARS: usize = 20_000;
pub const MAX_LIST: usize = 12;

/// Raw, unvalidated input as it arrives from a form, the API or an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonInput {
    pub full_name: String,
    pub other_names: Vec<String>,
    pub latin_name: Option<String>,
    pub sex: Option<String>,
    /// ISO 8601 date (`YYYY-MM-DD`).
    pub date_of_birth: Option<String>,
    pub estimated_age: Option<u16>,
    pub age_uncertain: bool,
    pub nationalities: Vec<String>,
    pub languages: Vec<String>,
    pub contact: Option<String>,
    pub location: Option<String>,
    pub notes: Option<String>,
}

/// A name as the person writes it, in any script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name(String);

impl Name {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValidationError> {
        if raw.trim().is_empty() {
            return Err(ValidationError::new(field, "required", "a name is required"));
        }
        if raw.trim().chars().count() > MAX_NAME_CHARS {
            return Err(ValidationError::new(field, "too_long", "the name is too long (300 characters at most)"));
        }
        // NFC and no hidden characters: a reversed or zero-width-padded name
        // must not pass for a different person in a list or a search.
        Ok(Self(crate::text::clean_line(field, raw, MAX_NAME_CHARS)?))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Birth information. An estimate is common: many survivors have no documents
/// left, and the uncertain flag matters because R02 treats a possible child as
/// a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Birth {
    Unknown,
    DateOfBirth(Date),
    Estimated { years: u8, uncertain: bool },
}

impl Birth {
    /// A compact, stable text form for sealed storage.
    pub fn encode(&self) -> String {
        match self {
            Birth::Unknown => "unknown".into(),
            Birth::DateOfBirth(d) => format!("dob:{}", format_date(*d)),
            Birth::Estimated { years, uncertain } => {
                format!("est:{years}:{}", if *uncertain { "uncertain" } else { "certain" })
            }
        }
    }

    pub fn decode(s: &str) -> Option<Self> {
        if s == "unknown" {
            return Some(Birth::Unknown);
        }
        if let Some(d) = s.strip_prefix("dob:") {
            return parse_date(d).map(Birth::DateOfBirth);
        }
        let rest = s.strip_prefix("est:")?;
        let (years, flag) = rest.split_once(':')?;
        Some(Birth::Estimated { years: years.parse().ok()?, uncertain: flag == "uncertain" })
    }

    /// Age in whole years on `today`, where known or estimated.
    pub fn age_on(&self, today: Date) -> Option<u8> {
        match self {
            Birth::Unknown => None,
            Birth::Estimated { years, .. } => Some(*years),
            Birth::DateOfBirth(dob) => {
                let mut age = today.year() - dob.year();
                if (today.month() as u8, today.day()) < (dob.month() as u8, dob.day()) {
                    age -= 1;
                }
                u8::try_from(age.max(0)).ok()
            }
        }
    }

    /// R02: a person who may be under 18 is treated as a child until an age
    /// assessment says otherwise. An uncertain estimate below 21 may hide a
    /// child (estimates from appearance are commonly off by several years),
    /// and so may an age nobody knows or has estimated: until it is
    /// assessed, the person is presumed a child.
    pub fn may_be_child(&self, today: Date) -> bool {
        match self {
            Birth::Unknown => true,
            Birth::DateOfBirth(_) => self.age_on(today).is_some_and(|a| a < 18),
            Birth::Estimated { years, uncertain } => *years < 18 || (*uncertain && *years < 21),
        }
    }
}

/// How a self-described sex is grouped for lists and figures. The record
/// keeps the person's own word; a group is never a guess, so a word haven
/// does not know counts as [`SexGroup::Other`], not as female or male.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SexGroup {
    Female,
    Male,
    /// Transgender or gender non-conforming.
    Transgender,
    /// A word haven does not group.
    Other,
    NotRecorded,
}

/// The words each group is recognised by, in the nine languages haven is
/// written in (caseworkers type the word in the language of the interview).
const SEX_WORDS: [(SexGroup, &[&str]); 3] = [
    (
        SexGroup::Female,
        &[
            "female",
            "woman",
            "f",
            "feminine",
            "girl",
            "หญิง",
            "ผู้หญิง",
            "เพศหญิง",
            "nữ",
            "phụ nữ",
            "con gái",
            "မ",
            "အမျိုးသမီး",
            "မိန်းမ",
            "ស្រី",
            "ភេទស្រី",
            "ຍິງ",
            "ແມ່ຍິງ",
            "ເພດຍິງ",
            "perempuan",
            "wanita",
            "babae",
            "女",
            "女性",
        ],
    ),
    (
        SexGroup::Male,
        &[
            "male",
            "man",
            "m",
            "masculine",
            "boy",
            "ชาย",
            "ผู้ชาย",
            "เพศชาย",
            "nam",
            "đàn ông",
            "con trai",
            "ကျား",
            "အမျိုးသား",
            "ယောက်ျား",
            "ប្រុស",
            "ភេទប្រុស",
            "ຊາຍ",
            "ຜູ້ຊາຍ",
            "ເພດຊາຍ",
            "laki-laki",
            "pria",
            "lalaki",
            "男",
            "男性",
        ],
    ),
    (
        SexGroup::Transgender,
        &[
            "transgender",
            "trans",
            "trans woman",
            "transgender woman",
            "trans female",
            "transgender female",
            "trans feminine",
            "transgender feminine",
            "trans man",
            "transgender man",
            "trans male",
            "transgender male",
            "trans masculine",
            "transgender masculine",
            "non-binary",
            "nonbinary",
            "non binary",
            "non-conforming",
            "gender non-conforming",
            "genderqueer",
            "กะเทย",
            "สาวประเภทสอง",
            "คนข้ามเพศ",
            "người chuyển giới",
            "waria",
            "transpuan",
            "bakla",
            "跨性别",
        ],
    ),
];

impl SexGroup {
    pub const ALL: [SexGroup; 5] =
        [SexGroup::Female, SexGroup::Male, SexGroup::Transgender, SexGroup::Other, SexGroup::NotRecorded];

    /// The group a recorded word counts under: spacing and case do not
    /// matter, and anything unrecognised is `Other`.
    pub fn of(sex: Option<&str>) -> SexGroup {
        let word = sex.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()).unwrap_or_default();
        if word.is_empty() {
            return SexGroup::NotRecorded;
        }
        SEX_WORDS.iter().find(|(_, words)| words.contains(&word.as_str())).map_or(SexGroup::Other, |(g, _)| *g)
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            SexGroup::Female => "female",
            SexGroup::Male => "male",
            SexGroup::Transgender => "transgender",
            SexGroup::Other => "other",
            SexGroup::NotRecorded => "not_recorded",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|g| g.as_str() == s.trim()).ok_or(ValidationError::new(
            "sex",
            "invalid_sex_group",
            "choose female, male, transgender, other or not_recorded",
        ))
    }
}

/// Age bands with children apart (R02): under 12, 12–17, then adults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgeBand {
    Under12,
    From12To17,
    From18To24,
    From25To34,
    From35To44,
    From45,
    Unknown,
}

impl AgeBand {
    pub const ALL: [AgeBand; 7] = [
        AgeBand::Under12,
        AgeBand::From12To17,
        AgeBand::From18To24,
        AgeBand::From25To34,
        AgeBand::From35To44,
        AgeBand::From45,
        AgeBand::Unknown,
    ];

    pub fn of(birth: Option<&Birth>, today: Date) -> AgeBand {
        match birth.and_then(|b| b.age_on(today)) {
            None => AgeBand::Unknown,
            Some(a) if a < 12 => AgeBand::Under12,
            Some(a) if a < 18 => AgeBand::From12To17,
            Some(a) if a < 25 => AgeBand::From18To24,
            Some(a) if a < 35 => AgeBand::From25To34,
            Some(a) if a < 45 => AgeBand::From35To44,
            Some(_) => AgeBand::From45,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            AgeBand::Under12 => "0-11",
            AgeBand::From12To17 => "12-17",
            AgeBand::From18To24 => "18-24",
            AgeBand::From25To34 => "25-34",
            AgeBand::From35To44 => "35-44",
            AgeBand::From45 => "45+",
            AgeBand::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|b| b.as_str() == s.trim()).ok_or(ValidationError::new(
            "age",
            "invalid_age_band",
            "choose an age band: 0-11, 12-17, 18-24, 25-34, 35-44, 45+ or unknown",
        ))
    }
}

/// Where the person is now. Detention locations drive urgent tasks later
/// (R13), so this stays a closed set rather than free text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LocationType {
    Shelter,
    Community,
    ImmigrationDetention,
    PoliceCustody,
    Hospital,
    InCompound,
    Unknown,
}

impl LocationType {
    pub const ALL: [LocationType; 7] = [
        LocationType::Shelter,
        LocationType::Community,
        LocationType::ImmigrationDetention,
        LocationType::PoliceCustody,
        LocationType::Hospital,
        LocationType::InCompound,
        LocationType::Unknown,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            LocationType::Shelter => "shelter",
            LocationType::Community => "community",
            LocationType::ImmigrationDetention => "immigration_detention",
            LocationType::PoliceCustody => "police_custody",
            LocationType::Hospital => "hospital",
            LocationType::InCompound => "in_compound",
            LocationType::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|l| l.as_str() == s).ok_or(ValidationError::new(
            "location",
            "invalid_location",
            "unknown location type",
        ))
    }

    /// Detention of any kind: the first action for a person with reasonable
    /// grounds is release (R13).
    pub fn is_detention(&self) -> bool {
        matches!(self, LocationType::ImmigrationDetention | LocationType::PoliceCustody)
    }
}

/// ISO 3166-1 alpha-3.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Country(String);

impl Country {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let code = raw.trim().to_ascii_uppercase();
        if crate::iso3166::is_alpha3(&code) {
            Ok(Self(code))
        } else {
            Err(ValidationError::new(
                "nationalities",
                "invalid_country",
                "use an ISO 3166 alpha-3 country code, such as THA or MMR",
            ))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The nine languages haven is written in: code and the language's own
/// name. The web layer's menu and the XLSForm export's label columns both
/// read this one list.
pub const LANGUAGES: [(&str, &str); 9] = [
    ("en", "English"),
    ("th", "ไทย"),
    ("vi", "Tiếng Việt"),
    ("my", "မြန်မာ"),
    ("km", "ខ្មែរ"),
    ("lo", "ລາວ"),
    ("id", "Bahasa Indonesia"),
    ("tl", "Tagalog"),
    ("zh-Hans", "简体中文"),
];

/// A BCP 47 language tag, checked for well-formed syntax (language, optional
/// script, region and variants), e.g. `my`, `zh-Hans`, `km-KH`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LanguageTag(String);

impl LanguageTag {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let err = ValidationError::new(
            "languages",
            "invalid_language",
            "use a BCP 47 language tag, such as my, vi or zh-Hans",
        );
        let s = raw.trim();
        let mut parts = s.split('-');
        let lang = parts.next().ok_or(err.clone())?;
        if !(2..=3).contains(&lang.len()) || !lang.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(err);
        }
        let mut out = lang.to_ascii_lowercase();
        for p in parts {
            let ok = match p.len() {
                4 if p.chars().all(|c| c.is_ascii_alphabetic()) => {
                    let mut cs = p.chars();
                    let first = cs.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
                    out.push('-');
                    out.push(first);
                    out.extend(cs.map(|c| c.to_ascii_lowercase()));
                    true
                }
                2 if p.chars().all(|c| c.is_ascii_alphabetic()) => {
                    out.push('-');
                    out.push_str(&p.to_ascii_uppercase());
                    true
                }
                3 if p.chars().all(|c| c.is_ascii_digit()) => {
                    out.push('-');
                    out.push_str(p);
                    true
                }
                5..=8 if p.chars().all(|c| c.is_ascii_alphanumeric()) => {
                    out.push('-');
                    out.push_str(&p.to_ascii_lowercase());
                    true
                }
                _ => false,
            };
            if !ok {
                return Err(err);
            }
        }
        Ok(Self(out))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A validated person record. Every field but `location` is identifying or
/// narrative and is sealed at rest by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRecord {
    pub full_name: Name,
    pub other_names: Vec<Name>,
    pub latin_name: Option<Name>,
    pub sex: Option<String>,
    pub birth: Birth,
    pub nationalities: Vec<Country>,
    pub languages: Vec<LanguageTag>,
    pub contact: Option<String>,
    pub location: LocationType,
    pub notes: Option<String>,
}

fn optional_text(field: &'static str, raw: Option<&str>, max: usize) -> Result<Option<String>, ValidationError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => crate::text::clean_text(field, s, max).map(Some),
    }
}

pub fn parse_date(s: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s.trim(), format).ok()
}

pub fn format_date(d: Date) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    d.format(format).unwrap_or_default()
}

impl PersonRecord {
    /// Parses raw input. `today` bounds the date of birth; it is passed in
    /// because the core has no clock.
    pub fn parse(input: &PersonInput, today: Date) -> Result<Self, ValidationError> {
        let full_name = Name::parse("full_name", &input.full_name)?;
        if input.other_names.len() > MAX_OTHER_NAMES {
            return Err(ValidationError::new("other_names", "too_many", "too many other names (20 at most)"));
        }
        let other_names = input
            .other_names
            .iter()
            .filter(|n| !n.trim().is_empty())
            .map(|n| Name::parse("other_names", n))
            .collect::<Result<Vec<_>, _>>()?;
        let latin_name = match input.latin_name.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => Some(Name::parse("latin_name", s)?),
        };
        let birth = match (&input.date_of_birth, input.estimated_age) {
            (Some(d), _) if !d.trim().is_empty() => {
                let date = parse_date(d).ok_or(ValidationError::new(
                    "date_of_birth",
                    "invalid_date",
                    "use the form YYYY-MM-DD",
                ))?;
                if date > today || today.year() - date.year() > 120 {
                    return Err(ValidationError::new(
                        "date_of_birth",
                        "implausible_date",
                        "the date of birth is not plausible",
                    ));
                }
                Birth::DateOfBirth(date)
            }
            (_, Some(age)) => {
                let years = u8::try_from(age).ok().filter(|a| *a <= 120).ok_or(ValidationError::new(
                    "estimated_age",
                    "implausible_age",
                    "the age must be between 0 and 120",
                ))?;
                Birth::Estimated { years, uncertain: input.age_uncertain }
            }
            _ => Birth::Unknown,
        };
        let nationalities = parse_list(&input.nationalities, "nationalities", Country::parse)?;
        let languages = parse_list(&input.languages, "languages", LanguageTag::parse)?;
        let location = match input.location.as_deref().map(str::trim) {
            None | Some("") => LocationType::Unknown,
            Some(s) => LocationType::parse(s)?,
        };
        Ok(Self {
            full_name,
            other_names,
            latin_name,
            sex: optional_text("sex", input.sex.as_deref(), MAX_SEX_CHARS)?,
            birth,
            nationalities,
            languages,
            contact: optional_text("contact", input.contact.as_deref(), MAX_CONTACT_CHARS)?,
            location,
            notes: optional_text("notes", input.notes.as_deref(), MAX_NOTES_CHARS)?,
        })
    }

    /// Back to raw input, so an update can merge a partial change and then
    /// re-parse the whole record through the same rules.
    pub fn to_input(&self) -> PersonInput {
        let (date_of_birth, estimated_age, age_uncertain) = match self.birth {
            Birth::Unknown => (None, None, false),
            Birth::DateOfBirth(d) => (Some(format_date(d)), None, false),
            Birth::Estimated { years, uncertain } => (None, Some(u16::from(years)), uncertain),
        };
        PersonInput {
            full_name: self.full_name.as_str().to_owned(),
            other_names: self.other_names.iter().map(|n| n.as_str().to_owned()).collect(),
            latin_name: self.latin_name.as_ref().map(|n| n.as_str().to_owned()),
            sex: self.sex.clone(),
            date_of_birth,
            estimated_age,
            age_uncertain,
            nationalities: self.nationalities.iter().map(|c| c.as_str().to_owned()).collect(),
            languages: self.languages.iter().map(|l| l.as_str().to_owned()).collect(),
            contact: self.contact.clone(),
            location: Some(self.location.as_str().to_owned()),
            notes: self.notes.clone(),
        }
    }

    /// Every name the person is known by; all of them feed the search index.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.full_name.as_str())
            .chain(self.other_names.iter().map(Name::as_str))
            .chain(self.latin_name.iter().map(Name::as_str))
    }
}

fn parse_list<T: PartialEq>(
    raw: &[String],
    field: &'static str,
    parse: fn(&str) -> Result<T, ValidationError>,
) -> Result<Vec<T>, ValidationError> {
    if raw.len() > MAX_LIST {
        return Err(ValidationError::new(field, "too_many", "too many entries"));
    }
    let mut out: Vec<T> = Vec::new();
    for item in raw.iter().filter(|s| !s.trim().is_empty()) {
        let v = parse(item)?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Ok(out)
}

/// One field of a person's record, as its history names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonField {
    FullName,
    OtherNames,
    LatinName,
    Sex,
    Birth,
    Nationalities,
    Languages,
    Contact,
    Location,
    Notes,
}

impl PersonField {
    pub const ALL: [PersonField; 10] = [
        PersonField::FullName,
        PersonField::OtherNames,
        PersonField::LatinName,
        PersonField::Sex,
        PersonField::Birth,
        PersonField::Nationalities,
        PersonField::Languages,
        PersonField::Contact,
        PersonField::Location,
        PersonField::Notes,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            PersonField::FullName => "full_name",
            PersonField::OtherNames => "other_names",
            PersonField::LatinName => "latin_name",
            PersonField::Sex => "sex",
            PersonField::Birth => "birth",
            PersonField::Nationalities => "nationalities",
            PersonField::Languages => "languages",
            PersonField::Contact => "contact",
            PersonField::Location => "location",
            PersonField::Notes => "notes",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The field's value in a stable text form (the one the history keeps):
    /// lists joined by `, `, birth as [`Birth::encode`], location as its
    /// code, an empty field as the empty string.
    pub fn value_of(&self, r: &PersonRecord) -> String {
        fn join<T>(items: &[T], s: impl Fn(&T) -> &str) -> String {
            items.iter().map(s).collect::<Vec<_>>().join(", ")
        }
        match self {
            PersonField::FullName => r.full_name.as_str().to_owned(),
            PersonField::OtherNames => join(&r.other_names, Name::as_str),
            PersonField::LatinName => r.latin_name.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default(),
            PersonField::Sex => r.sex.clone().unwrap_or_default(),
            PersonField::Birth => r.birth.encode(),
            PersonField::Nationalities => join(&r.nationalities, Country::as_str),
            PersonField::Languages => join(&r.languages, LanguageTag::as_str),
            PersonField::Contact => r.contact.clone().unwrap_or_default(),
            PersonField::Location => r.location.as_str().to_owned(),
            PersonField::Notes => r.notes.clone().unwrap_or_default(),
        }
    }
}

/// One changed field: what it was and what it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: PersonField,
    pub old: String,
    pub new: String,
}

/// The fields an edit changed, in the record's order. A correction must
/// be traceable (who changed a name or a date of birth, from what), and
/// an edit that changed nothing leaves no entry.
pub fn changes(old: &PersonRecord, new: &PersonRecord) -> Vec<FieldChange> {
    PersonField::ALL
        .into_iter()
        .filter_map(|field| {
            let (o, n) = (field.value_of(old), field.value_of(new));
            (o != n).then_some(FieldChange { field, old: o, new: n })
        })
        .collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn changes_name_each_changed_field_with_old_and_new_and_nothing_else() {
        let old = PersonRecord::parse(
            &PersonInput {
                full_name: "Nguyễn Văn An".into(),
                nationalities: vec!["VNM".into()],
                location: Some("immigration_detention".into()),
                ..Default::default()
            },
            TODAY,
        )
        .unwrap();
        assert!(changes(&old, &old).is_empty());
        let new = PersonRecord::parse(
            &PersonInput {
                full_name: "Nguyễn Văn Anh".into(),
                nationalities: vec!["VNM".into(), "KHM".into()],
                location: Some("shelter".into()),
                notes: Some("released".into()),
                ..Default::default()
            },
            TODAY,
        )
        .unwrap();
        let got = changes(&old, &new);
        let fields: Vec<_> = got.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [PersonField::FullName, PersonField::Nationalities, PersonField::Location, PersonField::Notes]
        );
        assert_eq!((got[0].old.as_str(), got[0].new.as_str()), ("Nguyễn Văn An", "Nguyễn Văn Anh"));
        assert_eq!((got[1].old.as_str(), got[1].new.as_str()), ("VNM", "VNM, KHM"));
        assert_eq!((got[2].old.as_str(), got[2].new.as_str()), ("immigration_detention", "shelter"));
        assert_eq!((got[3].old.as_str(), got[3].new.as_str()), ("", "released"));
    }

    #[test]
    fn person_fields_round_trip_through_their_codes() {
        for f in PersonField::ALL {
            assert_eq!(PersonField::parse(f.as_str()), Some(f));
        }
        assert_eq!(PersonField::parse("row_mac"), None);
    }

    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 25);

    fn input(name: &str) -> PersonInput {
        PersonInput { full_name: name.into(), ..Default::default() }
    }

    #[test]
    fn a_name_in_any_script_is_accepted_as_written() {
        for n in ["Nguyễn Văn Minh", "မောင်မောင်", "สมชาย ใจดี", "សុខ ចាន់", "李伟"]
        {
            let p = PersonRecord::parse(&input(n), TODAY).unwrap();
            assert_eq!(p.full_name.as_str(), n);
        }
    }

    #[test]
    fn empty_or_control_names_are_refused() {
        assert_eq!(PersonRecord::parse(&input("  "), TODAY).unwrap_err().code, "required");
        assert_eq!(PersonRecord::parse(&input("a\u{0}b"), TODAY).unwrap_err().code, "invalid_characters");
    }

    #[test]
    fn nationality_must_be_iso_alpha3() {
        let mut i = input("A");
        i.nationalities = vec!["mmr".into(), "THA".into()];
        let p = PersonRecord::parse(&i, TODAY).unwrap();
        assert_eq!(p.nationalities[0].as_str(), "MMR");
        i.nationalities = vec!["Burma".into()];
        assert_eq!(PersonRecord::parse(&i, TODAY).unwrap_err().code, "invalid_country");
    }

    #[test]
    fn language_tags_are_canonicalised() {
        assert_eq!(LanguageTag::parse("zh-hans").unwrap().as_str(), "zh-Hans");
        assert_eq!(LanguageTag::parse("km-kh").unwrap().as_str(), "km-KH");
        assert!(LanguageTag::parse("burmese language").is_err());
    }

    #[test]
    fn birth_encoding_round_trips() {
        for b in
            [Birth::Unknown, Birth::DateOfBirth(date!(2001 - 02 - 03)), Birth::Estimated { years: 17, uncertain: true }]
        {
            assert_eq!(Birth::decode(&b.encode()), Some(b));
        }
    }

    #[test]
    fn r02_uncertain_age_that_may_be_a_minor_is_treated_as_a_child() {
        assert!(Birth::Estimated { years: 19, uncertain: true }.may_be_child(TODAY));
        assert!(!Birth::Estimated { years: 19, uncertain: false }.may_be_child(TODAY));
        assert!(Birth::DateOfBirth(date!(2010 - 01 - 01)).may_be_child(TODAY));
        assert!(!Birth::DateOfBirth(date!(1990 - 01 - 01)).may_be_child(TODAY));
    }

    #[test]
    fn r02_unknown_age_without_an_estimate_is_presumed_a_child() {
        assert!(Birth::Unknown.may_be_child(TODAY));
        let p = PersonRecord::parse(&input("Ko Min"), TODAY).unwrap();
        assert_eq!(p.birth, Birth::Unknown);
        assert!(p.birth.may_be_child(TODAY), "no date of birth and no estimate: presumed a child until assessed");
        // A known adult age is not.
        assert!(!Birth::Estimated { years: 30, uncertain: true }.may_be_child(TODAY));
    }

    #[test]
    fn future_date_of_birth_is_refused() {
        let mut i = input("A");
        i.date_of_birth = Some("2030-01-01".into());
        assert_eq!(PersonRecord::parse(&i, TODAY).unwrap_err().code, "implausible_date");
    }

    #[test]
    fn to_input_then_parse_is_identity() {
        let mut i = input("Nguyễn Văn Minh");
        i.other_names = vec!["Minh".into()];
        i.estimated_age = Some(24);
        i.age_uncertain = true;
        i.nationalities = vec!["VNM".into()];
        i.languages = vec!["vi".into()];
        i.location = Some("immigration_detention".into());
        let p = PersonRecord::parse(&i, TODAY).unwrap();
        assert_eq!(PersonRecord::parse(&p.to_input(), TODAY).unwrap(), p);
        assert!(p.location.is_detention());
    }

    #[test]
    fn r06_sex_is_grouped_from_the_words_caseworkers_type_never_guessed() {
        for (word, group) in [
            ("Woman", SexGroup::Female),
            (" f ", SexGroup::Female),
            ("หญิง", SexGroup::Female),
            ("Nữ", SexGroup::Female),
            ("အမျိုးသမီး", SexGroup::Female),
            ("ស្រី", SexGroup::Female),
            ("ຍິງ", SexGroup::Female),
            ("Perempuan", SexGroup::Female),
            ("babae", SexGroup::Female),
            ("女", SexGroup::Female),
            ("MALE", SexGroup::Male),
            ("ชาย", SexGroup::Male),
            ("nam", SexGroup::Male),
            ("ကျား", SexGroup::Male),
            ("ប្រុស", SexGroup::Male),
            ("ຊາຍ", SexGroup::Male),
            ("laki-laki", SexGroup::Male),
            ("lalaki", SexGroup::Male),
            ("男", SexGroup::Male),
            ("trans   woman", SexGroup::Transgender),
            ("Non-binary", SexGroup::Transgender),
            ("x", SexGroup::Other),
            ("prefers not to say", SexGroup::Other),
            ("  ", SexGroup::NotRecorded),
        ] {
            assert_eq!(SexGroup::of(Some(word)), group, "{word:?}");
        }
        assert_eq!(SexGroup::of(None), SexGroup::NotRecorded);
        for g in SexGroup::ALL {
            assert_eq!(SexGroup::parse(g.as_str()), Ok(g));
        }
        assert_eq!(SexGroup::parse("woman").map_err(|e| e.code), Err("invalid_sex_group"));
    }

    #[test]
    fn r02_age_bands_keep_children_apart_and_break_on_birthdays() {
        let on =
            |y: i32, m: u8, d: u8| Birth::DateOfBirth(Date::from_calendar_date(y, m.try_into().unwrap(), d).unwrap());
        // TODAY is the reference day: a birthday tomorrow has not happened yet.
        let age = |b: Birth| AgeBand::of(Some(&b), TODAY);
        let est = |years| Birth::Estimated { years, uncertain: false };
        assert_eq!(age(est(11)), AgeBand::Under12);
        assert_eq!(age(est(12)), AgeBand::From12To17);
        assert_eq!(age(est(17)), AgeBand::From12To17);
        assert_eq!(age(est(18)), AgeBand::From18To24);
        assert_eq!(age(est(24)), AgeBand::From18To24);
        assert_eq!(age(est(25)), AgeBand::From25To34);
        assert_eq!(age(est(34)), AgeBand::From25To34);
        assert_eq!(age(est(35)), AgeBand::From35To44);
        assert_eq!(age(est(44)), AgeBand::From35To44);
        assert_eq!(age(est(45)), AgeBand::From45);
        assert_eq!(age(Birth::Unknown), AgeBand::Unknown);
        assert_eq!(AgeBand::of(None, TODAY), AgeBand::Unknown);
        let y = TODAY.year();
        assert_eq!(age(on(y - 18, u8::from(TODAY.month()), TODAY.day())), AgeBand::From18To24);
        let next = TODAY.next_day().unwrap();
        assert_eq!(age(on(y - 18, u8::from(next.month()), next.day())), AgeBand::From12To17);
        for b in AgeBand::ALL {
            assert_eq!(AgeBand::parse(b.as_str()), Ok(b));
        }
        assert!(AgeBand::parse("adult").is_err());
    }
}
