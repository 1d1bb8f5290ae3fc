//! The service directory: who offers what, to whom, in which languages
//! (R19), and which services a screening's referral needs point to (R09).

use std::collections::BTreeMap;

use crate::person::{Country, LanguageTag};
use crate::ValidationError;

/// The services a survivor may need. Shelter is split by who it takes in,
/// because men's shelters are scarce and must be findable (R10, R19).
pub const SERVICE_TYPES: [&str; 15] = [
    "shelter_men",
    "shelter_women",
    "shelter_children",
    "shelter_families",
    "primary_health",
    "sexual_reproductive_health",
    "psychological_care",
    "torture_rehabilitation",
    "legal_aid",
    "interpretation",
    "consular_assistance",
    "compensation_claims",
    "housing",
    "education",
    "livelihood",
];

/// Who a service takes.
pub const ELIGIBLE_SEX: [&str; 3] = ["any", "men", "women"];

/// The columns of the directory's CSV form, in order.
pub const CSV_COLUMNS: [&str; 11] = [
    "provider",
    "name",
    "service_type",
    "languages",
    "country",
    "location",
    "sex",
    "min_age",
    "max_age",
    "capacity",
    "contact",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub provider: String,
    pub name: String,
    pub service_type: &'static str,
    pub languages: Vec<LanguageTag>,
    pub country: Country,
    pub location: String,
    pub sex: &'static str,
    pub min_age: Option<u32>,
    pub max_age: Option<u32>,
    pub capacity: Option<u32>,
    pub contact: String,
}

fn field<'a>(input: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    input.get(name).map(|s| s.trim()).unwrap_or_default()
}

fn bounded(input: &BTreeMap<String, String>, name: &'static str, max: usize) -> Result<String, ValidationError> {
    let v = field(input, name);
    if v.is_empty() {
        return Err(ValidationError::new(name, "required", "this is required"));
    }
    if v.chars().count() > max {
        return Err(ValidationError::new(name, "too_long", "the text is too long"));
    }
    Ok(v.to_owned())
}

fn number(input: &BTreeMap<String, String>, name: &'static str) -> Result<Option<u32>, ValidationError> {
    match field(input, name) {
        "" => Ok(None),
        v => v.parse::<u32>().ok().filter(|n| *n <= 100_000).map(Some).ok_or(ValidationError::new(
            name,
            "invalid_number",
            "a whole number is expected",
        )),
    }
}

impl Service {
    /// Parses one entry, from a form, an API call or a CSV row.
    pub fn parse(input: &BTreeMap<String, String>) -> Result<Self, ValidationError> {
        let service_type = SERVICE_TYPES
            .into_iter()
            .find(|t| *t == field(input, "service_type"))
            .ok_or(ValidationError::new("service_type", "unknown_service_type", "choose a service type"))?;
        let sex = match field(input, "sex") {
            "" => "any",
            s => ELIGIBLE_SEX.into_iter().find(|e| *e == s).ok_or(ValidationError::new(
                "sex",
                "invalid_choice",
                "any, men or women",
            ))?,
        };
        let languages = field(input, "languages")
            .split([' ', ',', ';'])
            .filter(|l| !l.is_empty())
            .map(LanguageTag::parse)
            .collect::<Result<Vec<_>, _>>()?;
        let (min_age, max_age) = (number(input, "min_age")?, number(input, "max_age")?);
        if let (Some(lo), Some(hi)) = (min_age, max_age) {
            if lo > hi {
                return Err(ValidationError::new("max_age", "invalid_range", "the upper age is below the lower"));
            }
        }
        Ok(Service {
            provider: bounded(input, "provider", 200)?,
            name: bounded(input, "name", 200)?,
            service_type,
            languages,
            country: Country::parse(field(input, "country"))?,
            location: field(input, "location").chars().take(200).collect(),
            sex,
            min_age,
            max_age,
            capacity: number(input, "capacity")?,
            contact: bounded(input, "contact", 500)?,
        })
    }

    /// The entry as named fields, the inverse of [`Service::parse`].
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let n = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        vec![
            ("provider", self.provider.clone()),
            ("name", self.name.clone()),
            ("service_type", self.service_type.to_owned()),
            ("languages", self.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(" ")),
            ("country", self.country.as_str().to_owned()),
            ("location", self.location.clone()),
            ("sex", self.sex.to_owned()),
            ("min_age", n(self.min_age)),
            ("max_age", n(self.max_age)),
            ("capacity", n(self.capacity)),
            ("contact", self.contact.clone()),
        ]
    }

    /// Whether the service takes this person. Sex and age here decide fit,
    /// never identification; an unknown sex or age never excludes.
    pub fn takes(&self, sex: Option<&str>, age: Option<u32>, may_be_child: bool) -> bool {
        let sex_ok = !matches!((self.sex, sex), ("men", Some("female")) | ("women", Some("male")));
        let child_shelter = self.service_type == "shelter_children";
        let age_ok = match age {
            Some(a) => self.min_age.is_none_or(|m| a >= m) && self.max_age.is_none_or(|m| a <= m),
            None => true,
        };
        sex_ok && age_ok && (!child_shelter || may_be_child)
    }
}

/// The service types a screening's referral needs point to (R09, R19).
/// Shelter is matched to the person: a child to children's shelter, a man to
/// men's, and anyone to family shelter.
/// A self-described sex as the directory's eligibility reads it, or `None`
/// when it does not say (then every shelter is suggested).
pub fn fit_sex(raw: Option<&str>) -> Option<&'static str> {
    match raw.map(|s| s.trim().to_lowercase()).as_deref() {
        Some("male" | "man" | "m") => Some("male"),
        Some("female" | "woman" | "f") => Some("female"),
        _ => None,
    }
}

pub fn suggested_types(needs: &[String], sex: Option<&str>, may_be_child: bool) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for need in needs {
        let types: &[&'static str] = match need.as_str() {
            "legal_aid" => &["legal_aid", "compensation_claims"],
            "medical" => &["primary_health", "sexual_reproductive_health"],
            "psychological" => &["psychological_care", "torture_rehabilitation"],
            "consular" => &["consular_assistance"],
            "return_risk_assessment" | "legal_defence" => &["legal_aid"],
            "torture_rehabilitation" => &["torture_rehabilitation"],
            "interpretation" => &["interpretation"],
            "compensation" => &["compensation_claims"],
            "shelter" if may_be_child => &["shelter_children"],
            "shelter" => match sex {
                Some("male") => &["shelter_men", "shelter_families"],
                Some("female") => &["shelter_women", "shelter_families"],
                _ => &["shelter_men", "shelter_women", "shelter_families"],
            },
            _ => &[],
        };
        for t in types {
            if !out.contains(t) {
                out.push(t);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn entry(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        let mut m: BTreeMap<String, String> = [
            ("provider", "Safe Haven Foundation"),
            ("name", "Men's open shelter"),
            ("service_type", "shelter_men"),
            ("languages", "th my en"),
            ("country", "THA"),
            ("location", "Mae Sot"),
            ("sex", "men"),
            ("min_age", "18"),
            ("capacity", "12"),
            ("contact", "+66 2 000 0000"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        for (k, v) in pairs {
            m.insert((*k).to_owned(), (*v).to_owned());
        }
        m
    }

    #[test]
    fn r19_an_entry_parses_and_round_trips_through_its_fields() {
        let s = Service::parse(&entry(&[])).unwrap();
        assert_eq!(s.service_type, "shelter_men");
        let back: BTreeMap<String, String> = s.fields().into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        assert_eq!(Service::parse(&back).unwrap(), s);
        for (field, bad, code) in [
            ("service_type", "spa", "unknown_service_type"),
            ("country", "Thailand", "invalid_country"),
            ("capacity", "-3", "invalid_number"),
            ("provider", "", "required"),
            ("sex", "female-ish", "invalid_choice"),
        ] {
            assert_eq!(Service::parse(&entry(&[(field, bad)])).unwrap_err().code, code, "{field}");
        }
        assert_eq!(Service::parse(&entry(&[("min_age", "30"), ("max_age", "20")])).unwrap_err().code, "invalid_range");
    }

    #[test]
    fn r19_a_man_is_offered_mens_shelter_and_a_child_childrens() {
        let needs = vec!["shelter".to_string(), "medical".to_string()];
        let man = suggested_types(&needs, Some("male"), false);
        assert!(man.contains(&"shelter_men") && !man.contains(&"shelter_women"));
        assert!(man.contains(&"sexual_reproductive_health"));
        let child = suggested_types(&needs, Some("male"), true);
        assert_eq!(child[0], "shelter_children");
        let unknown = suggested_types(&needs, None, false);
        assert!(unknown.contains(&"shelter_men") && unknown.contains(&"shelter_women"));
        let mens = Service::parse(&entry(&[])).unwrap();
        assert!(mens.takes(Some("male"), Some(30), false));
        assert!(mens.takes(None, None, false), "unknown sex or age never excludes");
        assert!(!mens.takes(Some("female"), Some(30), false));
        assert!(!mens.takes(Some("male"), Some(16), true));
    }
}
