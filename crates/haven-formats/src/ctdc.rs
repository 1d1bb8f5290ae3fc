//! The k-anonymised CTDC export as CSV and JSON (R23, issue 16).
//!
//! Only an [`Anonymised`] set can be written, and only
//! `haven_core::ctdc::k_anonymise` makes one: an export cannot skip
//! disclosure control. The method and its parameters ([`method_note`]) go
//! in every file.
//!
//! # Columns
//!
//! The names and their order are those of CTDC's published global
//! k-anonymised dataset (the header of its `globaldataset` CSV of
//! 2020-04-14, as redistributed in public repositories; the codebook is
//! CTDC's *Data Codebook*, version 6, November 2017), keeping the columns
//! haven can fill and leaving out the rest. The age bands (`0--8` …
//! `48+`), `Adult`/`Minor`, the alpha-2 country codes, `Case Management`
//! as the data source and `-99` for a value not known are that dataset's
//! encodings. CTDC's data are © IOM; haven uses the names to interoperate
//! and implies no endorsement.
//!
//! | column | value |
//! |---|---|
//! | `yearOfRegistration` | the year, or a span `2024--2025` where years were merged |
//! | `Datasource` | always `Case Management` |
//! | `gender` | `Female`, `Male`, `Transgender` |
//! | `ageBroad` | CTDC's bands, or the wider `0--17`, `18--29`, `30--47`, `18+` |
//! | `majorityStatus` | `Adult`, `Minor` |
//! | `citizenship`, `CountryOfExploitation` | ISO 3166-1 alpha-2; or a UN M49 sub-region or region by its English name (`South-eastern Asia`, `Asia`); or `Other` for places merged as too rare |
//! | `meansOfControl…`, `is…`, `typeOfLabourIllicitActivities`, `recruiterRelation…` | `1` shown by the person's screening, `0` not shown (which is not evidence that it did not happen) |
//!
//! `-99` in any column: not known, or withheld by the anonymisation; every
//! flag is `-99` for a person with no completed screening. Which indicator
//! sets which flag is in `haven_core::ctdc`.
//!
//! # CSV
//!
//! ASCII, no byte-order mark. The first line is `# ` and the method
//! ([`method_note`], which holds no comma or quote), so that it travels
//! with the data; load with `comment='#'` (pandas) or skip one line. Then
//! a header row and one row per record, in the sorted order the core gives
//! them. A cell a spreadsheet would run as a formula (starting with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) is written with a leading
//! `'`, except CTDC's own `-99`, which a spreadsheet reads as the number
//! it is. Every value is from a closed set, so none should ever need it.
//!
//! # JSON
//!
//! One object: `method`, `k`, `input`, `published`, `suppressed`,
//! `generalised` (published records per quasi-identifier generalised),
//! `generalised_records`, `columns` (the CSV's names, in order) and
//! `records`, one object per record keyed by column. Flags are the numbers
//! `1` and `0`, other values strings, and a value not known is `null`.

use haven_core::ctdc::{Anonymised, Attribute, CtdcRecord, Gender, Majority, Place, Quasi};

use crate::FormatError;

/// CTDC's code for a value not known.
pub const NOT_KNOWN: &str = "-99";

/// The columns, in the order written.
pub const COLUMNS: [&str; 28] = [
    "yearOfRegistration",
    "Datasource",
    "gender",
    "ageBroad",
    "majorityStatus",
    "citizenship",
    "meansOfControlDebtBondage",
    "meansOfControlTakesEarnings",
    "meansOfControlThreats",
    "meansOfControlPsychologicalAbuse",
    "meansOfControlPhysicalAbuse",
    "meansOfControlFalsePromises",
    "meansOfControlRestrictsMovement",
    "meansOfControlExcessiveWorkingHours",
    "meansOfControlThreatOfLawEnforcement",
    "meansOfControlWithholdsNecessities",
    "meansOfControlWithholdsDocuments",
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "isSlaveryAndPractices",
    "typeOfLabourIllicitActivities",
    "isAbduction",
    "CountryOfExploitation",
    "recruiterRelationFriend",
    "recruiterRelationFamily",
    "recruiterRelationOther",
    "recruiterRelationUnknown",
];

/// What fills a column.
#[derive(Clone, Copy)]
enum Field {
    Year,
    Datasource,
    Gender,
    Age,
    Majority,
    Citizenship,
    Exploitation,
    Flag(Attribute),
}

const FIELDS: [Field; 28] = [
    Field::Year,
    Field::Datasource,
    Field::Gender,
    Field::Age,
    Field::Majority,
    Field::Citizenship,
    Field::Flag(Attribute::DebtBondage),
    Field::Flag(Attribute::TakesEarnings),
    Field::Flag(Attribute::Threats),
    Field::Flag(Attribute::PsychologicalAbuse),
    Field::Flag(Attribute::PhysicalAbuse),
    Field::Flag(Attribute::FalsePromises),
    Field::Flag(Attribute::RestrictsMovement),
    Field::Flag(Attribute::ExcessiveWorkingHours),
    Field::Flag(Attribute::ThreatOfLawEnforcement),
    Field::Flag(Attribute::WithholdsNecessities),
    Field::Flag(Attribute::WithholdsDocuments),
    Field::Flag(Attribute::ForcedLabour),
    Field::Flag(Attribute::SexualExploit),
    Field::Flag(Attribute::OtherExploit),
    Field::Flag(Attribute::SlaveryAndPractices),
    Field::Flag(Attribute::LabourIllicitActivities),
    Field::Flag(Attribute::Abduction),
    Field::Exploitation,
    Field::Flag(Attribute::RecruiterFriend),
    Field::Flag(Attribute::RecruiterFamily),
    Field::Flag(Attribute::RecruiterOther),
    Field::Flag(Attribute::RecruiterUnknown),
];

/// A cell: text, a flag, or not known.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Text(String),
    Flag(bool),
    NotKnown,
}

fn place(p: Place) -> Value {
    match p {
        Place::Country(c) => Value::Text(c.alpha2().to_owned()),
        Place::SubRegion(s) => Value::Text(s.name().to_owned()),
        Place::Region(r) => Value::Text(r.name().to_owned()),
        Place::Other => Value::Text("Other".to_owned()),
        Place::NotKnown => Value::NotKnown,
    }
}

fn value(r: &CtdcRecord, f: Field) -> Value {
    let text = |s: &str| Value::Text(s.to_owned());
    match f {
        Field::Year => {
            let y = r.year_of_registration;
            if y.from == y.to {
                Value::Text(y.from.to_string())
            } else {
                Value::Text(format!("{}--{}", y.from, y.to))
            }
        }
        Field::Datasource => text("Case Management"),
        Field::Gender => match r.gender {
            Gender::Female => text("Female"),
            Gender::Male => text("Male"),
            Gender::Transgender => text("Transgender"),
            Gender::NotKnown => Value::NotKnown,
        },
        Field::Age => r.age_broad.code().map_or(Value::NotKnown, text),
        Field::Majority => match r.majority_status {
            Majority::Adult => text("Adult"),
            Majority::Minor => text("Minor"),
            Majority::NotKnown => Value::NotKnown,
        },
        Field::Citizenship => place(r.citizenship),
        Field::Exploitation => place(r.country_of_exploitation),
        Field::Flag(a) => r.attributes.as_ref().map_or(Value::NotKnown, |set| Value::Flag(set.contains(&a))),
    }
}

/// A record's cells as CTDC writes them, in [`COLUMNS`]' order.
pub fn row(r: &CtdcRecord) -> Vec<String> {
    FIELDS
        .iter()
        .map(|f| match value(r, *f) {
            Value::Text(s) => s,
            Value::Flag(b) => if b { "1" } else { "0" }.to_owned(),
            Value::NotKnown => NOT_KNOWN.to_owned(),
        })
        .collect()
}

/// The method and its parameters, as printed on every export: one line
/// with no comma or quote, so that it can head a CSV file as a comment.
pub fn method_note(a: &Anonymised) -> String {
    let k = a.k();
    let published = a.records().len();
    let per: Vec<String> = a.generalised().iter().map(|(q, n)| format!("{} {n}", label(*q))).collect();
    let per = if per.is_empty() { String::new() } else { format!(" ({})", per.join("; ")) };
    format!(
        "k-anonymised (k = {k}): every combination of year of registration; gender; age band; majority status; \
         citizenship and country of exploitation published here is shared by at least {k} records. \
         {input} records in; {published} published; {suppressed} left out because their combination stayed below {k}; \
         {g} published records generalised{per}. \
         Rare values were lifted step by step: countries to their UN M49 sub-region then region then Other; \
         age bands to 0--17 / 18--29 / 30--47 then 18+ (children never merged with adults); \
         rare genders to not known; years merged into spans. \
         {w} published records had their flags withheld (-99): a combination publishes flags only with at least two patterns of them each shared by {k} records. \
         -99 means not known or withheld. A flag is 1 where the screening showed it and 0 where it did not \
         (not evidence that it did not happen).",
        w = a.withheld_attributes(),
        input = a.input(),
        suppressed = a.suppressed(),
        g = a.generalised_records(),
    )
}

fn label(q: Quasi) -> &'static str {
    match q {
        Quasi::Year => "year of registration",
        Quasi::Gender => "gender",
        Quasi::AgeBroad => "age band",
        Quasi::Majority => "majority status",
        Quasi::Citizenship => "citizenship",
        Quasi::CountryOfExploitation => "country of exploitation",
    }
}

/// A cell a spreadsheet would run as a formula gets a leading apostrophe;
/// CTDC's `-99` is a number and stays as it is.
fn defuse(v: &str) -> String {
    if v != NOT_KNOWN && v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_owned()
    }
}

/// The method line, the header, then one row per record.
pub fn write_csv(a: &Anonymised) -> Result<Vec<u8>, FormatError> {
    let note = method_note(a).replace(['\r', '\n'], " ");
    let head = format!("# {note}\n").into_bytes();
    let err = |e: csv::Error| FormatError::new(format!("csv: {e}"));
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(head);
    w.write_record(COLUMNS).map_err(err)?;
    for r in a.records() {
        w.write_record(row(r).iter().map(|v| defuse(v))).map_err(err)?;
    }
    w.into_inner().map_err(|e| FormatError::new(format!("csv: {e}")))
}

/// The same records and method as one JSON document.
pub fn write_json(a: &Anonymised) -> Result<Vec<u8>, FormatError> {
    use serde_json::{Map, Value as Json};
    let records: Vec<Json> = a
        .records()
        .iter()
        .map(|r| {
            let obj: Map<String, Json> = COLUMNS
                .iter()
                .zip(FIELDS)
                .map(|(name, f)| {
                    let v = match value(r, f) {
                        Value::Text(s) => Json::from(s),
                        Value::Flag(b) => Json::from(u8::from(b)),
                        Value::NotKnown => Json::Null,
                    };
                    ((*name).to_owned(), v)
                })
                .collect();
            Json::Object(obj)
        })
        .collect();
    let generalised: Map<String, Json> =
        a.generalised().iter().map(|(q, n)| (q.as_str().to_owned(), Json::from(*n))).collect();
    let doc = serde_json::json!({
        "method": method_note(a),
        "k": a.k(),
        "input": a.input(),
        "published": a.records().len(),
        "suppressed": a.suppressed(),
        "generalised": generalised,
        "generalised_records": a.generalised_records(),
        "columns": COLUMNS,
        "records": records,
    });
    serde_json::to_vec_pretty(&doc).map_err(|e| FormatError::new(format!("json: {e}")))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use haven_core::ctdc::{k_anonymise, Country, CtdcInput, Years};
    use haven_core::person::Birth;
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;
    use haven_core::ctdc::AgeBroad;

    fn person(nationality: &str, indicators: Option<&[&str]>) -> CtdcRecord {
        CtdcRecord::from_input(&CtdcInput {
            recorded_on: date!(2026 - 03 - 15),
            sex: Some("woman".into()),
            birth: Some(Birth::Estimated { years: 25, uncertain: false }),
            nationality: Some(nationality.into()),
            country_of_exploitation: Some("KHM".into()),
            indicators: indicators.map(|i| i.iter().map(|s| (*s).to_owned()).collect()),
            recruiters: BTreeSet::from(["friend".to_owned()]),
        })
    }

    fn sample() -> Anonymised {
        // Two patterns of flags, each shared by 11: the least a combination
        // needs to publish flags.
        let mut people = vec![person("VNM", Some(&["documents_confiscated", "forced_criminality"])); 11];
        people.extend(vec![person("VNM", Some(&["excessive_hours"])); 11]);
        people.push(person("ETH", None));
        k_anonymise(people, 11).unwrap()
    }

    #[test]
    fn the_header_is_ctdcs_names_in_ctdcs_order() {
        let csv = String::from_utf8(write_csv(&sample()).unwrap()).unwrap();
        let header = csv.lines().nth(1).unwrap();
        assert_eq!(header.split(',').collect::<Vec<_>>(), COLUMNS);
        assert!(header.starts_with("yearOfRegistration,Datasource,gender,ageBroad,majorityStatus,citizenship,"));
        assert!(header.ends_with(
            ",CountryOfExploitation,recruiterRelationFriend,recruiterRelationFamily,recruiterRelationOther,recruiterRelationUnknown"
        ));
        assert_eq!(FIELDS.len(), COLUMNS.len());
    }

    #[test]
    fn r23_a_golden_row_and_the_method_on_the_first_line() {
        let a = sample();
        let csv = String::from_utf8(write_csv(&a).unwrap()).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 1 + 1 + 22, "the lone Ethiopian woman is left out");
        assert!(lines[0].starts_with("# k-anonymised (k = 11): "), "{}", lines[0]);
        assert!(lines[0].contains("23 records in; 22 published; 1 left out"), "{}", lines[0]);
        assert!(!lines[0][1..].contains(['#', ',', '"']));
        let golden = "2026,Case Management,Female,24--26,Adult,VN,\
             0,0,0,0,0,0,0,0,0,0,1,\
             1,0,0,0,1,0,\
             KH,1,0,0,0";
        assert_eq!(lines[2..].iter().filter(|l| **l == golden).count(), 11, "{csv}");
        assert!(csv.ends_with('\n') && !csv.contains('\r'));
    }

    #[test]
    fn r23_not_known_and_generalised_values_are_written_as_ctdc_reads_them() {
        let mut r = person("VNM", None);
        r.gender = Gender::NotKnown;
        r.age_broad = AgeBroad::Age18Plus;
        r.majority_status = Majority::NotKnown;
        r.citizenship = Place::SubRegion(haven_core::ctdc::SubRegion::SouthEasternAsia);
        r.country_of_exploitation = Place::Other;
        r.year_of_registration = Years { from: 2024, to: 2025 };
        let cells = row(&r);
        assert_eq!(&cells[..6], ["2024--2025", "Case Management", "-99", "18+", "-99", "South-eastern Asia"]);
        assert!(cells[6..23].iter().all(|c| c == NOT_KNOWN), "not screened: {cells:?}");
        assert_eq!(cells[23], "Other");
        assert!(cells[24..].iter().all(|c| c == NOT_KNOWN));
        r.citizenship = Place::Region(haven_core::ctdc::Region::Africa);
        r.country_of_exploitation = Place::NotKnown;
        r.gender = Gender::Transgender;
        r.majority_status = Majority::Minor;
        r.age_broad = AgeBroad::NotKnown;
        let cells = row(&r);
        assert_eq!((cells[2].as_str(), cells[3].as_str(), cells[4].as_str()), ("Transgender", "-99", "Minor"));
        assert_eq!((cells[5].as_str(), cells[23].as_str()), ("Africa", "-99"));
        r.gender = Gender::Male;
        r.country_of_exploitation = Place::Country(Country::parse("MMR").unwrap());
        let cells = row(&r);
        assert_eq!((cells[2].as_str(), cells[23].as_str()), ("Male", "MM"));
    }

    #[test]
    fn r23_formula_like_cells_are_defused_but_ctdcs_not_known_is_not() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for v in ["+1", "-1", "@x", "\tx", "\rx"] {
            assert_eq!(defuse(v), format!("'{v}"));
        }
        assert_eq!(defuse("-99"), "-99");
        assert_eq!(defuse("VN"), "VN");
    }

    #[test]
    fn r23_the_method_names_k_and_what_was_generalised() {
        let mut people = vec![person("VNM", None); 10];
        people.push(person("LAO", None));
        let a = k_anonymise(people, 11).unwrap();
        let note = method_note(&a);
        assert!(note.contains("(k = 11)"), "{note}");
        assert!(note.contains("11 published records generalised (citizenship 11)"), "{note}");
        let empty = k_anonymise(Vec::new(), 5).unwrap();
        let note = method_note(&empty);
        assert!(note.contains("(k = 5)") && note.contains("0 records in; 0 published; 0 left out"), "{note}");
        assert!(note.contains("0 published records generalised. "), "{note}");
        let labels: Vec<&str> = haven_core::ctdc::Quasi::ALL.iter().map(|q| label(*q)).collect();
        assert_eq!(
            labels,
            ["year of registration", "gender", "age band", "majority status", "citizenship", "country of exploitation"]
        );
    }

    #[test]
    fn the_json_holds_the_same_records_and_the_method() {
        let a = sample();
        let doc: serde_json::Value = serde_json::from_slice(&write_json(&a).unwrap()).unwrap();
        assert_eq!(doc["k"], 11);
        assert_eq!(
            (doc["input"].as_u64(), doc["published"].as_u64(), doc["suppressed"].as_u64()),
            (Some(23), Some(22), Some(1))
        );
        assert_eq!(doc["method"], method_note(&a));
        assert_eq!(doc["columns"].as_array().unwrap().len(), COLUMNS.len());
        let r = doc["records"].as_array().unwrap().iter().find(|r| r["meansOfControlWithholdsDocuments"] == 1).unwrap();
        assert_eq!(r["citizenship"], "VN");
        assert_eq!(r["meansOfControlWithholdsDocuments"], 1);
        assert_eq!(r["meansOfControlDebtBondage"], 0);
        assert_eq!(r["yearOfRegistration"], "2026");
        assert_eq!(doc["records"].as_array().unwrap().len(), 22);
        let mut people = vec![person("VNM", None); 10];
        people.push(person("LAO", None));
        let doc: serde_json::Value =
            serde_json::from_slice(&write_json(&k_anonymise(people, 11).unwrap()).unwrap()).unwrap();
        assert_eq!(doc["generalised"]["citizenship"], 11);
        assert_eq!(doc["generalised_records"], 11);
        assert_eq!(doc["records"][0]["isForcedLabour"], serde_json::Value::Null, "not screened: not known");
    }

    proptest! {
        /// Whatever the records, writing never panics, and every row has
        /// every column.
        #[test]
        fn writing_never_panics(
            people in proptest::collection::vec(
                (0usize..5, proptest::option::of(0u8..80), proptest::option::of(proptest::collection::btree_set("[a-z_]{3,25}", 0..5))),
                0..60,
            ),
            k in 3u64..15,
        ) {
            let nats = ["VNM", "MMR", "ETH", "ATA", "zzz"];
            let records: Vec<CtdcRecord> = people.iter().map(|(n, age, ind)| CtdcRecord::from_input(&CtdcInput {
                recorded_on: date!(2026 - 01 - 01),
                sex: Some("f".into()),
                birth: age.map(|years| Birth::Estimated { years, uncertain: true }),
                nationality: Some(nats[*n].into()),
                country_of_exploitation: None,
                indicators: ind.clone(),
                recruiters: BTreeSet::new(),
            })).collect();
            let a = k_anonymise(records, k).unwrap();
            let csv = write_csv(&a).unwrap();
            let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(csv.as_slice());
            prop_assert_eq!(reader.headers().unwrap().len(), COLUMNS.len());
            let mut n = 0;
            for rec in reader.records() {
                prop_assert_eq!(rec.unwrap().len(), COLUMNS.len());
                n += 1;
            }
            prop_assert_eq!(n, a.records().len());
            write_json(&a).unwrap();
        }
    }
}
