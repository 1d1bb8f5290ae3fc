#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::io::Write;

use haven_core::access::{Categories, Category, OrgKind};
use haven_core::case::{CaseRecord, CaseStatus};
use haven_core::ids::{CaseId, PersonId, UserId};
use haven_core::person::{LocationType, PersonInput, PersonRecord};
use haven_core::referral::Status as ReferralStatus;
use haven_core::screening::decision::Conclusion;
use haven_core::screening::Form;
use haven_core::services::SERVICE_TYPES;
use proptest::prelude::*;
use time::macros::date;
use time::{Date, Duration};

use super::*;

const TODAY: Date = date!(2026 - 11 - 25);

fn limits() -> Limits {
    Limits::default()
}

fn pid(n: u8) -> PersonId {
    PersonId::from_random_bytes([n; 16])
}

fn person(name: &str) -> PersonRecord {
    let input = PersonInput {
        full_name: name.into(),
        other_names: vec!["=Lan".into(), "Lan; Nguyen".into()],
        latin_name: Some("Nguyen Thi Lan".into()),
        sex: Some("woman".into()),
        date_of_birth: Some("2001-02-03".into()),
        nationalities: vec!["VNM".into(), "KHM".into()],
        languages: vec!["vi".into(), "km-KH".into(), "en".into()],
        contact: Some("+84 90 123 4567".into()),
        location: Some("immigration_detention".into()),
        notes: Some("Kept in a compound near the border.\nSays \"we were beaten\"; 3 months.".into()),
        ..PersonInput::default()
    };
    PersonRecord::parse(&input, TODAY).unwrap()
}

fn estimated(name: &str) -> PersonRecord {
    let input = PersonInput {
        full_name: name.into(),
        sex: Some("ชาย".into()),
        estimated_age: Some(17),
        age_uncertain: true,
        nationalities: vec!["MMR".into()],
        languages: vec!["my".into()],
        ..PersonInput::default()
    };
    PersonRecord::parse(&input, TODAY).unwrap()
}

const REASONS: &str = "Consistent account, corroborated by two other cases naming the same compound.";

fn screening() -> ScreeningFacts {
    ScreeningFacts {
        instrument_id: "forced-criminality".into(),
        instrument_version: "2.0.1".into(),
        instrument_hash: Some("ab".repeat(32)),
        started_on: date!(2026 - 03 - 01),
        completed_on: Some(date!(2026 - 03 - 02)),
        outcome: Some(ScreeningOutcome::ReasonableGrounds),
        forms: vec![Form::ForcedCriminality, Form::ForcedLabour],
        decision_maker: Some(DecisionMakingOrg::for_org(OrgKind::NgoAssistance)),
        decision: Some(DecisionFacts {
            conclusion: Conclusion::Confirmed,
            decided_on: date!(2026 - 04 - 15),
            reasons: Some(REASONS.into()),
        }),
    }
}

fn referral() -> ReferralFacts {
    ReferralFacts {
        status: ReferralStatus::Declined,
        service_type: "shelter_women".into(),
        from_org: Some("Haven Shelter, Mae Sot".into()),
        to_org: "=Legal \"Aid\"".into(),
        sent_on: Some(date!(2026 - 04 - 20)),
        note: Some("Needs a women's shelter\nnear the clinic".into()),
        response: Some("No place until next month.".into()),
    }
}

/// Every column of every table has a value somewhere in this bundle.
fn full_bundle() -> Bundle {
    let closed = CaseRecord::open(date!(2026 - 03 - 01), Some(UserId::from_random_bytes([9; 16])))
        .with_status(CaseStatus::Closed, Some(date!(2026 - 10 - 01)), TODAY)
        .unwrap();
    Bundle {
        persons: vec![
            person_row(pid(1), &person("Nguyễn Thị Lan"), Categories::ALL).unwrap(),
            person_row(pid(2), &estimated("မောင်မောင်"), Categories::ALL).unwrap(),
        ],
        cases: vec![case_row(CaseId::from_random_bytes([3; 16]), pid(1), &closed)],
        screenings: vec![screening_row("s-1", pid(1), &screening(), Categories::ALL)],
        referrals: vec![referral_row("r-1", pid(1), &referral(), Categories::ALL)],
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn a_full_bundle_round_trips_through_json_and_zip_byte_for_byte() {
    let b = full_bundle();
    let json = write_json(&b).unwrap();
    let back = read_json(&json, &limits(), TODAY).unwrap();
    assert_eq!(back, b.clone().canonical());
    assert_eq!(write_json(&back).unwrap(), json);
    let zip = write_zip(&b).unwrap();
    assert!(zip.starts_with(b"PK\x03\x04"));
    let back = read_zip(&zip, &limits(), TODAY).unwrap();
    assert_eq!(back, b.clone().canonical());
    assert_eq!(write_zip(&back).unwrap(), zip);
    assert_eq!(read(&zip, &limits(), TODAY), read(&json, &limits(), TODAY), "either form, told apart by its bytes");
}

#[test]
fn json_is_one_row_per_line_with_htcds_names_and_picklist_values() {
    let json = text(&write_json(&full_bundle()).unwrap());
    let lines: Vec<&str> = json.lines().collect();
    assert_eq!(lines[0], r#"{"standard":"HTCDS 2.0","extension":"haven/1","#);
    assert_eq!(lines[1], r#""persons":["#);
    assert!(lines[2].starts_with(r#"{"haven_PersonId":"01010101-"#), "{}", lines[2]);
    for expected in [
        r#""prs_Gender":"Feminine""#,
        r#""haven_Sex":"woman""#,
        r#""prs_Citizenship":["VNM","KHM"]"#,
        r#""prs_PrimaryLanguage":"vi","prs_SecondaryLanguage":"km""#,
        r#""prs_Birthdate":"2001-02-03""#,
        r#""cas_Status":"Closed","haven_CaseStatus":"closed""#,
        r#""vic_TraffickingStatus":"ActualVictimOfTrafficking""#,
        r#""vic_TraffickingStatusDecisionMakingOrg":"NGO""#,
        r#""vic_TypeOfExploitation":["Other","ForcedLabour"]"#,
        r#""haven_FormsOfExploitation":["forced_criminality","forced_labour"]"#,
        r#""haven_NonPunishmentSince":"2026-03-02""#,
        r#""spl_Type":"SocialCare""#,
        r#""cas_ReasonForOutgoingReferral":"AdditionalServicesRequired""#,
    ] {
        assert!(json.contains(expected), "{expected} in {json}");
    }
    // The person of unknown gender word: the word is kept, the code does not guess.
    assert!(json.contains(r#""haven_Sex":"ชาย","prs_Gender":"NonSpecifiedUnknown""#), "{json}");
}

fn zip_entry(zip: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    s
}

fn make_zip(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in entries {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The archive `write_zip` makes, with one entry replaced.
fn zip_with(name: &str, body: &str) -> Vec<u8> {
    let zip = write_zip(&full_bundle()).unwrap();
    let names = ["manifest.json", "persons.csv", "cases.csv", "screenings.csv", "referrals.csv"];
    let bodies: Vec<String> =
        names.iter().map(|n| if *n == name { body.to_owned() } else { zip_entry(&zip, n) }).collect();
    make_zip(&names.iter().copied().zip(bodies.iter().map(String::as_str)).collect::<Vec<_>>())
}

#[test]
fn csv_files_have_a_byte_order_mark_a_header_and_defused_formulas() {
    let zip = write_zip(&full_bundle()).unwrap();
    let persons = zip_entry(&zip, "persons.csv");
    assert!(persons.starts_with("\u{feff}haven_PersonId,haven_FullName,haven_OtherNames,"), "{persons}");
    assert!(persons.contains("\"'=Lan\nLan; Nguyen\""), "names one per line, a formula defused: {persons}");
    assert!(persons.contains("'+84 90 123 4567"), "{persons}");
    assert!(persons.contains("VNM;KHM"), "{persons}");
    let referrals = zip_entry(&zip, "referrals.csv");
    assert!(referrals.contains("\"'=Legal \"\"Aid\"\"\""), "{referrals}");
    assert_eq!(zip_entry(&zip, "manifest.json"), "{\"standard\":\"HTCDS 2.0\",\"extension\":\"haven/1\"}\n");
}

#[test]
fn the_same_records_in_any_order_give_the_same_bytes() {
    let b = full_bundle();
    let mut shuffled = b.clone();
    shuffled.persons.reverse();
    assert_eq!(write_json(&b).unwrap(), write_json(&shuffled).unwrap());
    assert_eq!(write_zip(&b).unwrap(), write_zip(&shuffled).unwrap());
}

#[test]
fn a_file_with_the_htcds_fields_alone_imports_through_the_core_parser() {
    let json = r#"{"standard":"HTCDS 2.0","extension":"haven/1",
"persons":[
{"haven_PersonId":"p1","haven_FullName":"Mya Mya","prs_Gender":"TransgenderFeminine","prs_Citizenship":["MMR"],"prs_PrimaryLanguage":"my","prs_SecondaryLanguage":"th"}
],
"cases":[{"haven_CaseId":"c1","haven_PersonId":"p1","cas_Status":"FollowUp","haven_OpenedOn":"2026-01-05"}],
"screenings":[],"referrals":[]}"#;
    let b = read_json(json.as_bytes(), &limits(), TODAY).unwrap();
    let p = PersonRecord::parse(&person_input(&b.persons[0]), TODAY).unwrap();
    assert_eq!(p.sex.as_deref(), Some("trans woman"));
    assert_eq!(p.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>(), ["my", "th"]);
    let c = case_record(&b.cases[0]).unwrap();
    assert_eq!(c.status, CaseStatus::Active, "FollowUp is still an open case");
}

#[test]
fn r24_fields_outside_the_categories_are_left_out_not_emptied() {
    let p = person("Nguyễn Thị Lan");
    let identity = Categories::of(&[Category::Identity]);
    let row = person_row(pid(1), &p, identity).unwrap();
    assert_eq!((row.mobile_phone.as_deref(), row.location.as_deref(), row.notes.as_deref()), (None, None, None));
    assert!(person_row(pid(1), &p, Categories::of(&[Category::ContactLocation, Category::Narrative])).is_none());
    let b = Bundle {
        persons: vec![row],
        cases: vec![],
        screenings: vec![screening_row("s-1", pid(1), &screening(), identity)],
        referrals: vec![referral_row("r-1", pid(1), &referral(), identity)],
    };
    let json = text(&write_json(&b).unwrap());
    for absent in [
        "prs_MobilePhone",
        "haven_Location",
        "haven_Notes",
        "haven_FormsOfExploitation",
        "vic_TypeOfExploitation",
        "haven_DecisionReasons",
        "cas_OutgoingReferralDetails",
        "haven_Response",
        "+84",
        "compound",
        "corroborated",
        "clinic",
        "next month",
    ] {
        assert!(!json.contains(absent), "{absent} in {json}");
    }
    let zip = write_zip(&b).unwrap();
    for name in ["persons.csv", "screenings.csv", "referrals.csv"] {
        let csv = zip_entry(&zip, name);
        for absent in ["+84", "immigration_detention", "compound", "forced_criminality", "corroborated", "clinic"] {
            assert!(!csv.contains(absent), "{absent} in {name}: {csv}");
        }
    }
    // What is left still reads back whole.
    assert_eq!(read_json(json.as_bytes(), &limits(), TODAY).unwrap(), b.clone().canonical());
    assert_eq!(read_zip(&zip, &limits(), TODAY).unwrap(), b.canonical());
}

fn report_json(json: &str) -> Report {
    read_json(json.as_bytes(), &limits(), TODAY).unwrap_err()
}

fn report_zip(zip: &[u8]) -> Report {
    read_zip(zip, &limits(), TODAY).unwrap_err()
}

fn has(r: &Report, table: Option<Table>, line: Option<u64>, field: Option<&str>, words: &str) -> bool {
    r.issues
        .iter()
        .any(|i| i.table == table && i.line == line && i.field.as_deref() == field && i.message.contains(words))
}

/// The JSON `write_json` makes, with `from` replaced by `to` (once).
fn json_with(from: &str, to: &str) -> String {
    let json = text(&write_json(&full_bundle()).unwrap());
    assert!(json.contains(from), "{from} not in {json}");
    json.replacen(from, to, 1)
}

#[test]
fn r23_the_report_never_repeats_a_value_from_the_file() {
    let json = json_with(r#""prs_Citizenship":["VNM","KHM"]"#, r#""prs_Citizenship":["Vietnam"]"#)
        .replacen(r#""prs_Gender":"Feminine""#, r#""prs_Gender":"Femme""#, 1)
        .replacen(r#""haven_Sex":"woman""#, r#""haven_Sex":"Lan's secret""#, 1)
        .replacen(r#""haven_OpenedOn":"2026-03-01""#, r#""haven_OpenedOn":"Lan 1 March""#, 1);
    let r = report_json(&json);
    let shown = r.to_string();
    assert!(r.issues.len() >= 3, "{shown}");
    for value in ["Vietnam", "Femme", "Lan's", "Nguyễn", "+84", "1 March"] {
        assert!(!shown.contains(value), "{value} echoed: {shown}");
    }
    // A CSV whose header row is a person's data: the cells are not echoed as column names.
    let zip = zip_with("persons.csv", "Nguyễn Thị Lan,VNM,+84 90 123 4567\nMya,MMR,\n");
    let shown = report_zip(&zip).to_string();
    assert!(shown.contains("column 1 is not a column of the persons table"), "{shown}");
    for value in ["Nguyễn", "+84", "Mya"] {
        assert!(!shown.contains(value), "{value} echoed: {shown}");
    }
}

#[test]
fn every_bad_row_is_reported_with_its_table_and_line_not_only_the_first() {
    // Line 3 is the first person, line 4 the second; cases start on line 7.
    let json = json_with(r#""prs_Gender":"Feminine""#, r#""prs_Gender":"Female""#)
        .replacen(r#""haven_EstimatedAge":17"#, r#""haven_EstimatedAge":"seventeen""#, 1)
        .replacen(r#""cas_Status":"Closed""#, r#""cas_Status":"Open""#, 1)
        .replacen(r#""haven_ScreeningOutcome":"reasonable_grounds""#, r#""haven_ScreeningOutcome":"victim""#, 1)
        .replacen(r#""haven_ServiceType":"shelter_women""#, r#""haven_ServiceType":"spa""#, 1);
    let r = report_json(&json);
    let shown = r.to_string();
    assert!(has(&r, Some(Table::Persons), Some(3), Some("prs_Gender"), "Feminine, Masculine"), "{shown}");
    assert!(has(&r, Some(Table::Persons), Some(4), Some("haven_EstimatedAge"), "whole number"), "{shown}");
    assert!(has(&r, Some(Table::Cases), Some(7), Some("cas_Status"), "Active, FollowUp"), "{shown}");
    assert!(
        has(&r, Some(Table::Screenings), Some(10), Some("haven_ScreeningOutcome"), "reasonable_grounds"),
        "{shown}"
    );
    assert!(has(&r, Some(Table::Referrals), Some(13), Some("haven_ServiceType"), "shelter_men"), "{shown}");
    assert!(shown.contains("persons, line 3: prs_Gender: "), "{shown}");
    // In order of table and line.
    let keys: Vec<_> = r.issues.iter().map(|i| (i.table, i.line)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn unknown_columns_and_keys_are_refused_by_name() {
    let r = report_json(&json_with(r#"{"haven_CaseId""#, r#"{"passport_scan":"x","haven_CaseId""#));
    assert!(
        has(&r, Some(Table::Cases), Some(7), None, "the key passport_scan is not a column of the cases table"),
        "{r}"
    );
    let r = report_json(&json_with(r#""cases":["#, r#""photo_scans":[],"cases":["#));
    assert!(r.to_string().contains("the key photo_scans is not part of a bundle"), "{r}");
    let r = report_json(&json_with(r#""cases":["#, r#""Lan":[],"cases":["#));
    assert!(has(&r, None, Some(6), None, "a key is not part of a bundle"), "{r}");
    let zip = write_zip(&full_bundle()).unwrap();
    let cases = zip_entry(&zip, "cases.csv").replacen("haven_CaseId,", "haven_CaseId,passport_scan,", 1);
    let r = report_zip(&zip_with("cases.csv", &cases));
    assert!(has(&r, Some(Table::Cases), Some(1), None, "column 2 (passport_scan) is not a column"), "{r}");
    let twice = zip_entry(&zip, "cases.csv").replacen("haven_CaseId,", "haven_CaseId,cas_Status,", 1);
    let r = report_zip(&zip_with("cases.csv", &twice));
    assert!(has(&r, Some(Table::Cases), Some(1), Some("cas_Status"), "given twice"), "{r}");
    // A key given twice in a JSON row is not silently resolved.
    let r = report_json(&json_with(r#"{"haven_CaseId""#, r#"{"cas_Status":"Active","haven_CaseId""#));
    assert!(has(&r, Some(Table::Cases), Some(7), Some("cas_Status"), "given twice"), "{r}");
}

#[test]
fn csv_rows_are_reported_on_their_own_line_even_after_a_multi_line_cell() {
    let zip = write_zip(&full_bundle()).unwrap();
    let persons = zip_entry(&zip, "persons.csv");
    // The first person's row spans lines 2 to 4 (other names and notes hold line breaks).
    let bad = persons.replacen("MMR", "Burma", 1);
    let r = report_zip(&zip_with("persons.csv", &bad));
    let line = persons.lines().position(|l| l.contains("MMR")).unwrap() as u64 + 1;
    assert!(line > 3, "{persons}");
    assert!(has(&r, Some(Table::Persons), Some(line), Some("prs_Citizenship"), "alpha-3"), "{r}");
    let short = persons.trim_end().rsplit_once(',').unwrap().0.to_owned() + "\n";
    let r = report_zip(&zip_with("persons.csv", &short));
    assert!(has(&r, Some(Table::Persons), Some(line), None, "cells, the header"), "{r}");
}

#[test]
fn ids_must_be_unique_and_every_reference_must_name_a_person_of_the_bundle() {
    let mut b = full_bundle();
    b.persons[1].id = b.persons[0].id.clone();
    b.cases[0].person_id = "nobody".into();
    b.referrals[0].person_id = pid(7).to_string();
    let r = report_json(&text(&write_json(&b).unwrap()));
    assert!(has(&r, Some(Table::Persons), Some(4), Some("haven_PersonId"), "same id as the row on line 3"), "{r}");
    assert!(has(&r, Some(Table::Cases), Some(7), Some("haven_PersonId"), "not in the bundle"), "{r}");
    assert!(has(&r, Some(Table::Referrals), Some(13), Some("haven_PersonId"), "not in the bundle"), "{r}");
    assert!(!has(&r, Some(Table::Screenings), Some(10), Some("haven_PersonId"), "not in the bundle"), "{r}");
    let r = report_zip(&write_zip(&b).unwrap());
    assert!(has(&r, Some(Table::Cases), Some(2), Some("haven_PersonId"), "not in the bundle"), "{r}");
}

#[test]
fn htcds_fields_must_agree_with_the_extension_beside_them() {
    for (from, to, table, field) in [
        (r#""prs_Gender":"Feminine""#, r#""prs_Gender":"Masculine""#, Table::Persons, "prs_Gender"),
        (r#""prs_PrimaryLanguage":"vi""#, r#""prs_PrimaryLanguage":"th""#, Table::Persons, "prs_PrimaryLanguage"),
        (r#""cas_Status":"Closed""#, r#""cas_Status":"Active""#, Table::Cases, "cas_Status"),
        (
            r#""vic_TraffickingStatus":"ActualVictimOfTrafficking""#,
            r#""vic_TraffickingStatus":"PossibleVictimOfTrafficking""#,
            Table::Screenings,
            "vic_TraffickingStatus",
        ),
        (
            r#""vic_TypeOfExploitation":["Other","ForcedLabour"]"#,
            r#""vic_TypeOfExploitation":["ForcedLabour"]"#,
            Table::Screenings,
            "vic_TypeOfExploitation",
        ),
        (
            r#""haven_NonPunishmentSince":"2026-03-02""#,
            r#""haven_NonPunishmentSince":"2026-03-01""#,
            Table::Screenings,
            "haven_NonPunishmentSince",
        ),
        (r#""spl_Type":"SocialCare""#, r#""spl_Type":"Health""#, Table::Referrals, "spl_Type"),
    ] {
        let r = report_json(&json_with(from, to));
        assert!(r.issues.iter().any(|i| i.table == Some(table) && i.field.as_deref() == Some(field)), "{field}: {r}");
    }
}

#[test]
fn r07_a_decision_needs_a_completed_screening_a_date_and_real_reasons() {
    let r = report_json(&json_with(REASONS, "ok"));
    assert!(has(&r, Some(Table::Screenings), Some(10), Some("haven_DecisionReasons"), "20 characters"), "{r}");
    let r = report_json(&json_with(r#""haven_DecisionDate":"2026-04-15""#, r#""haven_DecisionDate":"2026-03-01""#));
    assert!(has(&r, Some(Table::Screenings), Some(10), Some("haven_DecisionDate"), "before"), "{r}");
    let r = report_json(&json_with(
        r#""haven_DecisionConclusion":"confirmed""#,
        r#""haven_DecisionConclusion":"negative""#,
    ));
    assert!(has(&r, Some(Table::Screenings), Some(10), Some("haven_DecisionConclusion"), "not_confirmed"), "{r}");
}

#[test]
fn dates_are_iso_and_never_after_today() {
    let r = report_json(&json_with(r#""haven_OpenedOn":"2026-03-01""#, r#""haven_OpenedOn":"01/03/2026""#));
    assert!(has(&r, Some(Table::Cases), Some(7), Some("haven_OpenedOn"), "YYYY-MM-DD"), "{r}");
    let r = report_json(&json_with(
        r#""cas_OutgoingReferralDate":"2026-04-20""#,
        r#""cas_OutgoingReferralDate":"2027-04-20""#,
    ));
    assert!(has(&r, Some(Table::Referrals), Some(13), Some("cas_OutgoingReferralDate"), "after today"), "{r}");
    let r = report_json(&json_with(r#""prs_Birthdate":"2001-02-03""#, r#""prs_Birthdate":"2030-02-03""#));
    assert!(has(&r, Some(Table::Persons), Some(3), Some("prs_Birthdate"), "not plausible"), "{r}");
}

#[test]
fn a_file_that_is_not_a_bundle_is_refused_as_a_whole_with_its_line() {
    let r = report_json("{\"standard\":\"HTCDS 2.0\",\n\"persons\":[\n{\"haven_PersonId\":\"p\",}\n]}");
    assert!(has(&r, None, Some(3), None, "not valid JSON"), "{r}");
    let r = report_json(&json_with("\"standard\":\"HTCDS 2.0\"", "\"standard\":\"HTCDS 1.0\""));
    assert!(has(&r, None, None, Some("standard"), "HTCDS 2.0"), "{r}");
    let r = report_json(&json_with(",\n\"referrals\":[", ",\n\"x_referrals\":["));
    assert!(r.to_string().contains("x_referrals is not part of a bundle"), "{r}");
    let r = report_json(r#"{"standard":"HTCDS 2.0","extension":"haven/1","persons":[],"cases":[],"screenings":[]}"#);
    assert!(has(&r, Some(Table::Referrals), None, None, "missing"), "{r}");
    let r = report_json(
        r#"{"standard":"HTCDS 2.0","extension":"haven/1","persons":"Nguyen","cases":[],"screenings":[],"referrals":[]}"#,
    );
    assert!(!r.to_string().contains("Nguyen"), "{r}");
    let r = report_json(&json_with(r#"{"haven_CaseId""#, r#"["haven_CaseId"],{"haven_CaseId""#));
    assert!(has(&r, Some(Table::Cases), Some(7), None, "a row is a JSON object"), "{r}");
    assert!(read_json(b"\xff\xfe{}", &limits(), TODAY).unwrap_err().to_string().contains("UTF-8"));
}

#[test]
fn a_zip_must_hold_the_bundle_files_once_and_nothing_else() {
    let r = report_zip(b"PK\x03\x04 not really a zip");
    assert!(r.to_string().contains("not a zip archive"), "{r}");
    let zip = write_zip(&full_bundle()).unwrap();
    let entries = |skip: &str, extra: Option<(&str, &str)>| {
        let names = ["manifest.json", "persons.csv", "cases.csv", "screenings.csv", "referrals.csv"];
        let bodies: Vec<(String, String)> = names
            .iter()
            .filter(|n| **n != skip)
            .map(|n| (n.to_string(), zip_entry(&zip, n)))
            .chain(extra.map(|(n, b)| (n.to_owned(), b.to_owned())))
            .collect();
        make_zip(&bodies.iter().map(|(n, b)| (n.as_str(), b.as_str())).collect::<Vec<_>>())
    };
    let r = report_zip(&entries("referrals.csv", None));
    assert!(r.to_string().contains("the archive has no referrals.csv"), "{r}");
    let r = report_zip(&entries("", Some(("passport_scans.csv", "x"))));
    assert!(r.to_string().contains("file 6 (passport_scans.csv) of the archive is not part of a bundle"), "{r}");
    let r = report_zip(&entries("", Some(("Nguyễn Thị Lan.pdf", "x"))));
    assert!(r.to_string().contains("file 6 of the archive is not part"), "{r}");
    assert!(!r.to_string().contains("Nguy"), "{r}");
    let r = report_zip(&zip_with("manifest.json", "{\"standard\":\"HTCDS 1.0\"}"));
    assert!(has(&r, None, None, Some("manifest.json"), "HTCDS 2.0"), "{r}");
    let r = report_zip(&zip_with("cases.csv", ""));
    assert!(has(&r, Some(Table::Cases), Some(1), None, "header row"), "{r}");
}

#[test]
fn caps_on_size_rows_cells_and_lists_hold_for_both_forms() {
    let b = full_bundle();
    let json = write_json(&b).unwrap();
    let zip = write_zip(&b).unwrap();
    let small = Limits { max_bytes: json.len() - 1, ..limits() };
    assert!(read_json(&json, &small, TODAY).unwrap_err().to_string().contains("larger than"));
    let small = Limits { max_bytes: zip.len() - 1, ..limits() };
    assert!(read_zip(&zip, &small, TODAY).unwrap_err().to_string().contains("larger than"));
    // Five rows in the bundle: four pass, the fifth is refused wherever it is.
    let few = Limits { max_rows: 4, ..limits() };
    assert!(read_json(&json, &few, TODAY).unwrap_err().to_string().contains("more than 4 rows"));
    let r = read_zip(&zip, &few, TODAY).unwrap_err();
    assert!(has(&r, Some(Table::Referrals), Some(2), None, "more than 4 rows"), "{r}");
    let five = Limits { max_rows: 5, ..limits() };
    assert!(read_json(&json, &five, TODAY).is_ok() && read_zip(&zip, &five, TODAY).is_ok());
    // A long cell: the notes are the longest.
    let narrow = Limits { max_field_bytes: 40, ..limits() };
    let r = read_json(&json, &narrow, TODAY).unwrap_err();
    assert!(has(&r, Some(Table::Persons), Some(3), Some("haven_Notes"), "longer than 40 bytes"), "{r}");
    let r = read_zip(&zip, &narrow, TODAY).unwrap_err();
    assert!(r.issues.iter().any(|i| i.field.as_deref() == Some("haven_Notes") && i.message.contains("longer")), "{r}");
    let two = Limits { max_list_items: 2, ..limits() };
    let r = read_json(&json, &two, TODAY).unwrap_err();
    assert!(has(&r, Some(Table::Persons), Some(3), Some("haven_Languages"), "more than 2 items"), "{r}");
    let r = read_zip(&zip, &two, TODAY).unwrap_err();
    assert!(r.issues.iter().any(|i| i.field.as_deref() == Some("haven_Languages")), "{r}");
}

#[test]
fn a_zip_bomb_is_refused_without_inflating_it_all() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("persons.csv", opts).unwrap();
    let zeros = vec![b'a'; 1 << 20];
    for _ in 0..40 {
        zip.write_all(&zeros).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    let small = Limits { max_bytes: 1 << 20, ..limits() };
    assert!(bomb.len() < small.max_bytes, "{}", bomb.len());
    assert!(read_zip(&bomb, &small, TODAY).unwrap_err().to_string().contains("inflates past"));
    let many: Vec<(String, &str)> = (0..40).map(|i| (format!("f{i}.csv"), "")).collect();
    let many = make_zip(&many.iter().map(|(n, b)| (n.as_str(), *b)).collect::<Vec<_>>());
    assert!(report_zip(&many).to_string().contains("more than 16 files"));
}

/// The names in the doc table that follows `heading`, up to the next heading.
fn documented(heading: &str) -> BTreeSet<String> {
    let src = include_str!("../htcds.rs");
    let section = src.split(heading).nth(1).unwrap().split("\n//! # ").next().unwrap();
    section
        .lines()
        .filter_map(|l| l.strip_prefix("//! | `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_owned)
        .collect()
}

fn written_keys() -> BTreeSet<String> {
    let json = text(&write_json(&full_bundle()).unwrap());
    let mut keys = BTreeSet::new();
    for line in json.lines().filter(|l| l.starts_with('{') && !l.starts_with("{\"standard\"")) {
        let row: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line.trim_end_matches(',')).unwrap();
        keys.extend(row.keys().cloned());
    }
    keys
}

#[test]
fn the_documented_extension_is_what_is_written() {
    let doc = documented("//! # The haven extension");
    assert!(doc.len() > 20, "{doc:?}");
    let columns: BTreeSet<String> = Table::ALL
        .iter()
        .flat_map(|t| column_names(*t).iter())
        .filter(|c| c.starts_with("haven_"))
        .map(|c| c.to_string())
        .collect();
    assert_eq!(doc, columns, "the module doc's extension table and the columns differ");
    let written: BTreeSet<String> = written_keys().into_iter().filter(|k| k.starts_with("haven_")).collect();
    assert_eq!(doc, written, "the module doc's extension table and a full JSON export differ");
    let zip = write_zip(&full_bundle()).unwrap();
    let headers: BTreeSet<String> = Table::ALL
        .iter()
        .flat_map(|t| {
            let csv = zip_entry(&zip, t.file_name());
            let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap().to_owned();
            header.split(',').map(str::to_owned).collect::<Vec<_>>()
        })
        .filter(|c| c.starts_with("haven_"))
        .collect();
    assert_eq!(doc, headers, "the module doc's extension table and the CSV headers differ");
}

/// Every field of HTCDS Field Standards 2.0 that a bundle may use (from the spreadsheet).
const HTCDS_2_0_FIELDS: &[&str] = &[
    "prs_FirstName",
    "prs_SecondName",
    "prs_Birthdate",
    "prs_Gender",
    "prs_PrimaryLanguage",
    "prs_SecondaryLanguage",
    "prs_Citizenship",
    "prs_IdentityNumber",
    "prs_MobilePhone",
    "vic_TraffickingStatus",
    "vic_TraffickingStatusDecisionMakingOrg",
    "vic_TypeOfExploitation",
    "cas_Status",
    "cas_CaseOwner",
    "cas_ReferringOrganisation",
    "cas_ReasonForIncomingReferral",
    "cas_ReferredOrganisation",
    "cas_ReasonForOutgoingReferral",
    "cas_OutgoingReferralDate",
    "cas_OutgoingReferralDetails",
    "spl_Type",
    "con_Consent",
];

#[test]
fn the_documented_htcds_fields_are_what_is_written_and_all_are_htcds_2_0_fields() {
    let doc = documented("//! # How haven's records map to HTCDS");
    let columns: BTreeSet<String> = Table::ALL
        .iter()
        .flat_map(|t| column_names(*t).iter())
        .filter(|c| !c.starts_with("haven_"))
        .map(|c| c.to_string())
        .collect();
    assert_eq!(doc, columns);
    let written: BTreeSet<String> = written_keys().into_iter().filter(|k| !k.starts_with("haven_")).collect();
    assert_eq!(doc, written);
    for c in &columns {
        assert!(HTCDS_2_0_FIELDS.contains(&c.as_str()), "{c} is not an HTCDS 2.0 field");
    }
}

#[test]
fn names_shared_with_the_exchange_payload_mean_the_same_there() {
    // haven-exchange's payload names these fields; a bundle uses the same names for the same data.
    let p = person("Nguyễn Thị Lan");
    let row = person_row(pid(1), &p, Categories::ALL).unwrap();
    assert_eq!(row.birthdate.as_deref(), Some("2001-02-03"));
    assert_eq!(row.citizenship, ["VNM", "KHM"]);
    assert_eq!(row.mobile_phone, p.contact);
    assert!(PersonRow::COLUMN_NAMES.contains(&"prs_Birthdate"));
    assert!(ReferralRow::COLUMN_NAMES.contains(&"cas_ReferringOrganisation"));
}

// Strategies: records as the core makes them, so that every generated row is one haven could export.

fn day() -> impl Strategy<Value = Date> {
    (0i64..1500).prop_map(|d| TODAY - Duration::days(d))
}

fn person_record() -> impl Strategy<Value = PersonRecord> {
    let names = prop::sample::select(vec![
        "Nguyễn Thị Lan",
        "မောင်မောင်",
        "สมชาย ใจดี",
        "សុខ ចាន់",
        "李伟",
        "Maria dela Cruz",
        "=cmd|' /C calc'!A0",
        "O'Brien, \"Ko\"",
        "'quoted",
        "+66 Tan",
        "-dash; semi",
        "@at",
    ]);
    let other = prop::collection::vec(prop::sample::select(vec!["Lan", "=x", "Ko Ko", "'a", "a;b, c"]), 0..3);
    let sex =
        prop::option::of(prop::sample::select(vec!["female", "Woman", "male", "trans man", "non-binary", "ชาย", "x"]));
    let birth = prop_oneof![
        Just((None, None, false)),
        (0i64..30_000).prop_map(|d| (Some(haven_core::person::format_date(TODAY - Duration::days(d))), None, false)),
        (0u16..=120, any::<bool>()).prop_map(|(a, u)| (None, Some(a), u)),
    ];
    let countries =
        prop::sample::subsequence(vec!["THA", "MMR", "VNM", "KHM", "LAO", "IDN", "PHL", "CHN", "MYS"], 0..4);
    let languages = prop::sample::subsequence(vec!["my", "vi", "th", "km-KH", "lo", "id", "zh-Hans", "en"], 0..4);
    let contact = prop::option::of(prop::sample::select(vec!["+66 81 234 5678", "=1+1", "line: @lan", "a\nb", "-"]));
    let location = prop::sample::select(LocationType::ALL.to_vec());
    let notes = prop::option::of("[a-zA-Zก-ฮ ,;\"'=\n-]{1,60}");
    (names, other, sex, birth, countries, languages, contact, location, notes).prop_filter_map(
        "the core refuses it",
        |(name, other, sex, (dob, age, uncertain), countries, languages, contact, location, notes)| {
            let input = PersonInput {
                full_name: name.into(),
                other_names: other.into_iter().map(str::to_owned).collect(),
                latin_name: None,
                sex: sex.map(str::to_owned),
                date_of_birth: dob,
                estimated_age: age,
                age_uncertain: uncertain,
                nationalities: countries.into_iter().map(str::to_owned).collect(),
                languages: languages.into_iter().map(str::to_owned).collect(),
                contact: contact.map(str::to_owned),
                location: Some(location.as_str().to_owned()),
                notes,
            };
            PersonRecord::parse(&input, TODAY).ok()
        },
    )
}

fn case_record_strategy() -> impl Strategy<Value = CaseRecord> {
    (day(), prop::sample::select(CaseStatus::ALL.to_vec()), 0i64..400, prop::option::of(any::<[u8; 16]>())).prop_map(
        |(opened, status, len, owner)| {
            let closed = (opened + Duration::days(len)).min(TODAY);
            CaseRecord::open(opened, owner.map(UserId::from_random_bytes))
                .with_status(status, Some(closed), TODAY)
                .unwrap()
        },
    )
}

fn screening_facts_strategy() -> impl Strategy<Value = ScreeningFacts> {
    let purposes: Vec<Form> = Form::ALL.iter().copied().filter(|f| TypeOfExploitation::of_form(*f).is_some()).collect();
    (
        day(),
        prop::option::of((0i64..30, prop::sample::select(ScreeningOutcome::ALL.to_vec()))),
        prop::sample::subsequence(purposes, 0..4),
        prop::option::of((any::<bool>(), 0i64..200, any::<bool>())),
        prop::sample::select(OrgKind::ALL.to_vec()),
        any::<bool>(),
    )
        .prop_map(|(started, done, forms, decision, org, hashed)| {
            let completed = done.map(|(d, _)| (started + Duration::days(d)).min(TODAY));
            let outcome = done.map(|(_, o)| o);
            let decision = completed.and(decision).map(|(confirmed, after, reasons)| DecisionFacts {
                conclusion: if confirmed { Conclusion::Confirmed } else { Conclusion::NotConfirmed },
                decided_on: completed.map_or(TODAY, |c| (c + Duration::days(after)).min(TODAY)),
                reasons: reasons.then(|| REASONS.to_owned()),
            });
            ScreeningFacts {
                instrument_id: if hashed { "forced-criminality" } else { "vulnerability" }.into(),
                instrument_version: "2.0.1".into(),
                instrument_hash: hashed.then(|| "0f".repeat(32)),
                started_on: started,
                completed_on: completed,
                outcome,
                forms: if completed.is_some() { forms } else { Vec::new() },
                decision_maker: completed.map(|_| DecisionMakingOrg::for_org(org)),
                decision,
            }
        })
}

fn referral_facts_strategy() -> impl Strategy<Value = ReferralFacts> {
    (
        prop::sample::select(ReferralStatus::ALL.to_vec()),
        prop::sample::select(SERVICE_TYPES.to_vec()),
        prop::option::of(prop::sample::select(vec!["Haven Shelter, Mae Sot", "=org"])),
        prop::sample::select(vec!["Legal Aid \"PP\"", "Clinic; north", "+Health", "ศูนย์ช่วยเหลือ"]),
        day(),
        any::<bool>(),
        prop::option::of("[a-z ,;\"'=\n]{1,40}"),
        prop::option::of("[a-z ,;]{1,40}"),
    )
        .prop_map(|(status, service, from, to, sent, revoked_sent, note, response)| {
            let sent_on = match status {
                ReferralStatus::Proposed | ReferralStatus::ConsentRecorded => None,
                ReferralStatus::Revoked if !revoked_sent => None,
                _ => Some(sent),
            };
            let clean = |t: Option<String>| {
                t.and_then(|t| haven_core::text::clean_text("x", &t, 2000).ok()).filter(|t| !t.is_empty())
            };
            ReferralFacts {
                status,
                service_type: service.into(),
                from_org: from.map(str::to_owned),
                to_org: to.into(),
                sent_on,
                note: clean(note),
                response: clean(response),
            }
        })
}

fn categories() -> impl Strategy<Value = Categories> {
    (any::<bool>(), any::<bool>()).prop_map(|(contact, narrative)| {
        let mut c = vec![Category::Identity];
        if contact {
            c.push(Category::ContactLocation);
        }
        if narrative {
            c.push(Category::Narrative);
        }
        Categories::of(&c)
    })
}

fn bundle() -> impl Strategy<Value = Bundle> {
    (
        prop::collection::vec((person_record(), categories()), 1..4),
        prop::collection::vec((any::<prop::sample::Index>(), case_record_strategy()), 0..3),
        prop::collection::vec((any::<prop::sample::Index>(), screening_facts_strategy(), categories()), 0..3),
        prop::collection::vec((any::<prop::sample::Index>(), referral_facts_strategy(), categories()), 0..3),
    )
        .prop_map(|(persons, cases, screenings, referrals)| {
            let ids: Vec<PersonId> = (0..persons.len()).map(|i| pid(i as u8 + 1)).collect();
            let pick = |ix: &prop::sample::Index| ids[ix.index(ids.len())];
            Bundle {
                persons: persons.iter().zip(&ids).filter_map(|((p, c), id)| person_row(*id, p, *c)).collect(),
                cases: cases
                    .iter()
                    .enumerate()
                    .map(|(i, (ix, c))| case_row(CaseId::from_random_bytes([i as u8 + 100; 16]), pick(ix), c))
                    .collect(),
                screenings: screenings
                    .iter()
                    .enumerate()
                    .map(|(i, (ix, s, c))| screening_row(&format!("s{i}"), pick(ix), s, *c))
                    .collect(),
                referrals: referrals
                    .iter()
                    .enumerate()
                    .map(|(i, (ix, r, c))| referral_row(&format!("r{i}"), pick(ix), r, *c))
                    .collect(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn json_export_import_export_is_byte_identical(b in bundle()) {
        let bytes = write_json(&b).unwrap();
        let back = read_json(&bytes, &limits(), TODAY);
        prop_assert!(back.is_ok(), "{}", back.as_ref().err().map(|r| r.to_string()).unwrap_or_default());
        let back = back.unwrap();
        prop_assert_eq!(&back, &b.clone().canonical());
        prop_assert_eq!(write_json(&back).unwrap(), bytes);
    }

    #[test]
    fn zip_export_import_export_is_byte_identical(b in bundle()) {
        let bytes = write_zip(&b).unwrap();
        let back = read_zip(&bytes, &limits(), TODAY);
        prop_assert!(back.is_ok(), "{}", back.as_ref().err().map(|r| r.to_string()).unwrap_or_default());
        let back = back.unwrap();
        prop_assert_eq!(&back, &b.clone().canonical());
        prop_assert_eq!(write_zip(&back).unwrap(), bytes);
    }

    #[test]
    fn records_come_back_from_their_rows(
        p in person_record(),
        c in case_record_strategy(),
        s in screening_facts_strategy(),
        r in referral_facts_strategy(),
    ) {
        let row = person_row(pid(1), &p, Categories::ALL).unwrap();
        prop_assert_eq!(PersonRecord::parse(&person_input(&row), TODAY).unwrap(), p);
        let row = case_row(CaseId::from_random_bytes([2; 16]), pid(1), &c);
        prop_assert_eq!(case_record(&row).unwrap(), c);
        let row = screening_row("s", pid(1), &s, Categories::ALL);
        prop_assert_eq!(screening_facts(&row).unwrap(), s);
        let row = referral_row("r", pid(1), &r, Categories::ALL);
        prop_assert_eq!(referral_facts(&row).unwrap(), r);
    }

    #[test]
    fn the_readers_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = read(&bytes, &limits(), TODAY);
        let _ = read_json(&bytes, &limits(), TODAY);
        let mut z = b"PK\x03\x04".to_vec();
        z.extend(&bytes);
        let _ = read_zip(&z, &limits(), TODAY);
    }

    #[test]
    fn the_readers_never_panic_on_a_damaged_export(at in any::<prop::sample::Index>(), byte in any::<u8>(), zip in any::<bool>()) {
        let b = full_bundle();
        let mut bytes = if zip { write_zip(&b).unwrap() } else { write_json(&b).unwrap() };
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let _ = read(&bytes, &limits(), TODAY);
    }
}
