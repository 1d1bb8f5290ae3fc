//! HTCDS 2.0 export and import end to end (issue 16): the round trip into
//! another installation, the dry run, a bad file refused whole with every
//! row named, what an export holds and who may make one (R16, R17, R23,
//! R24, R27).

use std::collections::BTreeMap;

use haven_formats::htcds::{self, Bundle, Limits};
use serde_json::{json, Value};

use crate::helpers::{json, TestApp};

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

async fn export(app: &TestApp, format: &str) -> Vec<u8> {
    let res = app.get(&format!("/api/v1/htcds/export?format={format}")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    res.bytes().await.unwrap().to_vec()
}

fn read(bytes: &[u8]) -> Bundle {
    htcds::read(bytes, &Limits::default(), today()).unwrap()
}

async fn import(app: &TestApp, bytes: &[u8], dry_run: bool) -> (u16, Value) {
    let res = app
        .post(&format!("/api/v1/htcds/import?dry_run={dry_run}"))
        .header("content-type", "application/octet-stream")
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), json(res).await)
}

async fn post_json(app: &TestApp, path: &str, body: Value) -> Value {
    let res = app.post(path).json(&body).send().await.unwrap();
    assert!(res.status().is_success(), "{path}: {}", res.status());
    json(res).await
}

/// Organisation A's records: three people in three scripts, their cases
/// (one closed), a completed screening, and referrals that ended, that are
/// proposed, and that were sent.
async fn records(app: &TestApp) -> BTreeMap<&'static str, String> {
    let beta = app.store.create_org("Beta Shelter", "shelter", Some("THA")).await.unwrap().to_string();
    let mut ids = BTreeMap::new();
    let lan = app
        .create_person(json!({
            "full_name": "Nguyễn Thị Lan", "other_names": ["Lan", "Lana"], "latin_name": "Nguyen Thi Lan",
            "sex": "female", "date_of_birth": "1994-03-02", "nationalities": ["VNM"], "languages": ["vi", "en"],
            "contact": "+84 90 000 0000", "location": "shelter", "notes": "Arrived at night; wants to call her sister."
        }))
        .await;
    let zaw = app
        .create_person(json!({
            "full_name": "ကိုဇော်လင်း", "sex": "male", "estimated_age": 31, "age_uncertain": true,
            "nationalities": ["MMR"], "languages": ["my"], "location": "immigration_detention"
        }))
        .await;
    let somchai =
        app.create_person(json!({"full_name": "สมชาย ใจดี", "estimated_age": 40, "location": "community"})).await;
    for p in [&lan, &zaw, &somchai] {
        post_json(app, &format!("/api/v1/persons/{p}/cases"), json!({"opened_on": "2026-01-05"})).await;
    }
    // Somchai's case is closed; the others stay open.
    let cases = json(app.get(&format!("/api/v1/persons/{somchai}/cases")).send().await.unwrap()).await;
    let case = cases["items"][0]["id"].as_str().or(cases[0]["id"].as_str()).unwrap().to_owned();
    let res = app
        .patch(&format!("/api/v1/cases/{case}"))
        .json(&json!({"status": "closed", "closed_on": "2026-02-01", "reason": "returned home"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // Lan was screened: reasonable grounds.
    let s = app.start_screening(&lan, "vi").await;
    app.answer_reasonable_grounds(&s).await;
    post_json(app, &format!("/api/v1/screenings/{s}/complete"), json!({})).await;
    // Referrals for Lan: one revoked (ended), one proposed, one sent.
    let referral =
        |service: &str| json!({"service_type": service, "recipient_org_id": beta, "note": "Speaks Vietnamese"});
    let ended = post_json(app, &format!("/api/v1/persons/{lan}/referrals"), referral("legal_aid")).await;
    let ended = ended["id"].as_str().unwrap().to_owned();
    post_json(app, &format!("/api/v1/referrals/{ended}/steps/revoke"), json!({})).await;
    post_json(app, &format!("/api/v1/persons/{lan}/referrals"), referral("primary_health")).await;
    let sent = post_json(app, &format!("/api/v1/persons/{lan}/referrals"), referral("shelter_women")).await;
    let sent = sent["id"].as_str().unwrap().to_owned();
    post_json(
        app,
        &format!("/api/v1/referrals/{sent}/consent"),
        json!({"categories": ["identity"], "expires_on": "2099-12-31", "language": "vi"}),
    )
    .await;
    post_json(app, &format!("/api/v1/referrals/{sent}/steps/send"), json!({})).await;
    ids.insert("lan", lan);
    ids.insert("zaw", zaw);
    ids.insert("somchai", somchai);
    ids.insert("screening", s);
    ids
}

/// What "the same content" means between two installations: every field of
/// every row, with haven's ids (the person's, case's, screening's and
/// referral's, and a case owner's user id) replaced by the position of the
/// person in name order. Ids are the one thing an importing installation
/// makes anew.
fn without_ids(b: &Bundle) -> Bundle {
    let mut persons = b.persons.clone();
    persons.sort_by(|x, y| x.full_name.cmp(&y.full_name));
    let position: BTreeMap<String, String> =
        persons.iter().enumerate().map(|(i, p)| (p.id.clone(), format!("person-{i}"))).collect();
    let person = |id: &str| position[id].clone();
    let mut out = Bundle {
        persons: persons.iter().map(|p| htcds::PersonRow { id: person(&p.id), ..p.clone() }).collect(),
        cases: b
            .cases
            .iter()
            .map(|c| htcds::CaseRow { id: String::new(), person_id: person(&c.person_id), owner: None, ..c.clone() })
            .collect(),
        screenings: b
            .screenings
            .iter()
            .map(|s| htcds::ScreeningRow { id: String::new(), person_id: person(&s.person_id), ..s.clone() })
            .collect(),
        referrals: b
            .referrals
            .iter()
            .map(|r| htcds::ReferralRow { id: String::new(), person_id: person(&r.person_id), ..r.clone() })
            .collect(),
    };
    out.cases.sort_by_key(|c| format!("{c:?}"));
    out.screenings.sort_by_key(|s| format!("{s:?}"));
    out.referrals.sort_by_key(|r| format!("{r:?}"));
    out
}

/// R24, R27: export → import into an empty installation → export gives the
/// same records, field for field, except what the import documents: new
/// ids, screenings not imported (a finding is kept only with its
/// interview), a referral still open elsewhere coming in as a proposal
/// (its consent did not travel), and no case owner from another
/// installation. The same holds through the zip of CSV files.
#[tokio::test]
async fn r24_export_import_export_gives_the_same_records_on_another_installation() {
    let a = TestApp::spawn().await;
    let ids = records(&a).await;
    let first = read(&export(&a, "json").await);
    assert_eq!(first, read(&export(&a, "zip").await), "JSON and zip hold the same bundle");
    assert_eq!((first.persons.len(), first.cases.len(), first.screenings.len(), first.referrals.len()), (3, 3, 1, 3));
    let lan = first.persons.iter().find(|p| p.id == ids["lan"]).unwrap();
    assert_eq!(lan.mobile_phone.as_deref(), Some("+84 90 000 0000"), "a supervisor's export opens contact");
    assert_eq!(lan.notes.as_deref(), Some("Arrived at night; wants to call her sister."));
    let screening = &first.screenings[0];
    assert_eq!(screening.outcome.as_deref(), Some("reasonable_grounds"));
    assert!(screening.forms.contains(&"forced_criminality".to_owned()), "{:?}", screening.forms);

    let b = TestApp::spawn().await;
    b.store.create_org("Beta Shelter", "shelter", Some("THA")).await.unwrap();
    let file = export(&a, "zip").await;
    let (status, report) = import(&b, &file, false).await;
    assert_eq!(status, 201, "{report}");
    assert_eq!(report["written"], true);
    assert_eq!(
        (&report["persons"], &report["cases"], &report["cases_assigned"], &report["referrals"]),
        (&json!(3), &json!(3), &json!(0), &json!(3))
    );
    assert_eq!(report["referrals_reproposed"], 1, "the sent referral");
    assert_eq!(report["screenings_not_imported"], 1);
    let second = read(&export(&b, "json").await);

    let mut expected = without_ids(&first);
    expected.screenings.clear();
    for r in &mut expected.referrals {
        if r.haven_status_is_open() {
            r.status = "proposed".to_owned();
            r.sent_on = None;
            r.response = None;
        }
    }
    expected.referrals.sort_by_key(|r| format!("{r:?}"));
    assert_eq!(without_ids(&second), expected);
    // And again, byte for byte: what came in goes out unchanged.
    let c = TestApp::spawn().await;
    c.store.create_org("Beta Shelter", "shelter", Some("THA")).await.unwrap();
    let (status, _) = import(&c, &htcds::write_json(&second).unwrap(), false).await;
    assert_eq!(status, 201);
    assert_eq!(without_ids(&read(&export(&c, "json").await)), without_ids(&second));
}

trait OpenStatus {
    fn haven_status_is_open(&self) -> bool;
}

impl OpenStatus for htcds::ReferralRow {
    fn haven_status_is_open(&self) -> bool {
        !["completed", "declined", "revoked", "proposed"].contains(&self.status.as_str())
    }
}

/// R23: a dry run reads the file and writes nothing: no person, case or
/// referral, and no audit event.
#[tokio::test]
async fn r23_a_dry_run_writes_nothing() {
    let a = TestApp::spawn().await;
    records(&a).await;
    let file = export(&a, "json").await;
    let b = TestApp::spawn().await;
    b.store.create_org("Beta Shelter", "shelter", Some("THA")).await.unwrap();
    let before: Vec<i64> =
        [b.count("persons").await, b.count("cases").await, b.count("referrals").await, b.count("audit_events").await]
            .to_vec();
    let (status, report) = import(&b, &file, true).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!((report["dry_run"].clone(), report["written"].clone()), (json!(true), json!(false)));
    assert_eq!(report["persons"], 3);
    // Without the parameter an import is a dry run too: writing must be asked for.
    let res = b.post("/api/v1/htcds/import").body(file.clone()).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let after = vec![
        b.count("persons").await,
        b.count("cases").await,
        b.count("referrals").await,
        b.count("audit_events").await,
    ];
    assert_eq!(before, after);
}

/// Replaces the first occurrence of `from` on the line that contains `on`.
fn edit(text: &str, on: &str, from: &str, to: &str) -> String {
    let mut done = false;
    text.lines()
        .map(|l| {
            if !done && l.contains(on) && l.contains(from) {
                done = true;
                l.replacen(from, to, 1)
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

/// R23: a file with bad rows is refused whole: nothing is written, and
/// every bad row is named with its table and line, never a value from it.
/// The file's own problems come first; once it reads, what does not fit
/// this installation is named the same way.
#[tokio::test]
async fn r23_a_bad_file_is_refused_whole_with_every_bad_row_named() {
    let a = TestApp::spawn().await;
    let ids = records(&a).await;
    let text = String::from_utf8(export(&a, "json").await).unwrap();
    let b = TestApp::spawn().await;
    b.store.create_org("Beta Shelter", "shelter", Some("THA")).await.unwrap();

    // Two rows the reader refuses: a date that is no date, and a service
    // type haven does not know.
    let bad = edit(&text, &ids["lan"], "\"prs_Birthdate\":\"1994-03-02\"", "\"prs_Birthdate\":\"1994-13-02\"");
    let bad = edit(&bad, "\"haven_ServiceType\":\"legal_aid\"", "legal_aid", "astrology");
    let (status, report) = import(&b, bad.as_bytes(), false).await;
    assert_eq!(status, 422, "{report}");
    assert_eq!(report["written"], false);
    let named: Vec<(String, u64, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["table"].as_str().unwrap().to_owned(),
                p["line"].as_u64().unwrap(),
                p["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let person_line = line_of(&bad, "1994-13-02");
    let referral_line = line_of(&bad, "astrology");
    assert!(named.contains(&("persons".into(), person_line, "prs_Birthdate".into())), "{named:?}");
    assert!(named.contains(&("referrals".into(), referral_line, "haven_ServiceType".into())), "{named:?}");
    assert!(!report.to_string().contains("astrology") && !report.to_string().contains("1994-13-02"));

    // A file that reads, but two of its referrals go where this
    // installation cannot send them, and a person has two open cases.
    let unknown = edit(&text, "\"haven_ServiceType\":\"legal_aid\"", "Beta Shelter", "Nowhere Org");
    let unknown = edit(&unknown, "\"haven_ServiceType\":\"primary_health\"", "Beta Shelter", "Local organisation");
    let somchai_case = unknown.lines().find(|l| l.contains("haven_ClosedOn") && l.contains(&ids["somchai"])).unwrap();
    let reopened = somchai_case
        .replace(&ids["somchai"], &ids["lan"])
        .replace("\"cas_Status\":\"Closed\"", "\"cas_Status\":\"Active\"")
        .replace("\"haven_CaseStatus\":\"closed\"", "\"haven_CaseStatus\":\"open\"")
        .replace(",\"haven_ClosedOn\":\"2026-02-01\"", "");
    let unknown = unknown.replace(somchai_case, &reopened);
    let (status, report) = import(&b, unknown.as_bytes(), false).await;
    assert_eq!(status, 422, "{report}");
    let problems = report["problems"].as_array().unwrap();
    let at = |table: &str, line: u64, field: &str| {
        problems.iter().any(|p| p["table"] == table && p["line"] == line && p["field"] == field)
    };
    assert!(at("referrals", line_of(&unknown, "Nowhere Org"), "cas_ReferredOrganisation"), "{report}");
    assert!(
        at("referrals", line_of(&unknown, "primary_health"), "cas_ReferredOrganisation"),
        "own organisation: {report}"
    );
    let second_open = unknown
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("haven_CaseId") && l.contains(&ids["lan"]))
        .map(|(i, _)| i as u64 + 1)
        .max()
        .unwrap();
    assert!(at("cases", second_open, "cas_Status"), "{report}");
    assert_eq!(problems.len(), 3, "{report}");
    assert_eq!((b.count("persons").await, b.count("cases").await, b.count("referrals").await), (0, 0, 0));
}

/// R16: no referral is imported to an enforcement organisation: the whole
/// file is refused, naming the row.
#[tokio::test]
async fn r16_an_import_never_refers_anyone_to_an_enforcement_organisation() {
    let a = TestApp::spawn().await;
    records(&a).await;
    let text = String::from_utf8(export(&a, "json").await).unwrap();
    let b = TestApp::spawn().await;
    b.store.create_org("Beta Shelter", "immigration", Some("THA")).await.unwrap();
    let (status, report) = import(&b, text.as_bytes(), false).await;
    assert_eq!(status, 422, "{report}");
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 3, "each referral to the immigration office is named: {report}");
    for p in problems {
        assert_eq!((p["table"].as_str(), p["field"].as_str()), (Some("referrals"), Some("cas_ReferredOrganisation")));
        assert!(p["message"].as_str().unwrap().contains("R16"), "{p}");
    }
    assert_eq!(b.count("persons").await, 0);
    assert_eq!(b.count("referrals").await, 0);
}

/// R27: every person in an export is recorded as read for the export, by
/// the supervisor who made it; the cases, screenings and referrals as listed.
#[tokio::test]
async fn r27_every_exported_person_is_audited() {
    let a = TestApp::spawn().await;
    let ids = records(&a).await;
    export(&a, "zip").await;
    for p in ["lan", "zaw", "somchai"] {
        let n = a
            .count(&format!(
                "audit_events WHERE action = 'read' AND record_kind = 'person' AND record_id = '{}' \
                 AND outcome = 'htcds_export'",
                ids[p]
            ))
            .await;
        assert_eq!(n, 1, "{p}");
    }
    let s = a
        .count(&format!(
            "audit_events WHERE record_kind = 'screening' AND record_id = '{}' AND outcome = 'htcds_export'",
            ids["screening"]
        ))
        .await;
    assert_eq!(s, 1);
    assert_eq!(a.count("audit_events WHERE outcome = 'htcds_export' AND record_kind = 'referral'").await, 3);
}

/// R17, R24: an export holds the exporter's own organisation only, within
/// their reach: another organisation's supervisor exports nothing of these
/// people, and an erased person is not in it at all.
#[tokio::test]
async fn r24_an_export_holds_only_the_organisation_in_reach_and_no_erased_person() {
    let a = TestApp::spawn().await;
    let ids = records(&a).await;
    let other = a.user_token("Delta Aid", "ngo_assistance", "supervisor", "delta.sup").await;
    let res = a.client.get(a.url("/api/v1/htcds/export")).bearer_auth(&other).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let theirs = read(&res.bytes().await.unwrap());
    assert!(theirs.is_empty(), "another organisation's supervisor exports none of A's records");
    let scope = haven_core::access::authorize(
        &a.store.user_by_username("sup").await.unwrap().actor(),
        haven_core::access::Permission::ErasePerson,
        haven_core::access::Purpose::case_management(),
        "test",
    )
    .unwrap();
    a.store.erase_person(&scope, ids["zaw"].parse().unwrap()).await.unwrap();
    let ours = read(&export(&a, "json").await);
    assert_eq!(ours.persons.len(), 2);
    assert!(ours.persons.iter().all(|p| p.id != ids["zaw"]));
    assert!(ours.cases.iter().all(|c| c.person_id != ids["zaw"]), "nor the erased person's case");
    let text = String::from_utf8(htcds::write_json(&ours).unwrap()).unwrap();
    assert!(!text.contains("ကိုဇော်လင်း"));
}

/// R16, R23: only a supervisor of an assistance organisation exports or
/// imports; every other role, an enforcement organisation's supervisor, and
/// a supervisor's token without its admin scope get 403, and nothing is
/// written.
#[tokio::test]
async fn r16_r23_only_supervisors_export_or_import() {
    let app = TestApp::spawn().await;
    records(&app).await;
    let file = export(&app, "json").await;
    let mut refused = Vec::new();
    for (org, kind, role) in [
        ("Local organisation", "ngo_assistance", "caseworker"),
        ("Local organisation", "ngo_assistance", "decision_maker"),
        ("Local organisation", "ngo_assistance", "org_admin"),
        ("Local organisation", "ngo_assistance", "auditor"),
        ("Gamma Immigration", "immigration", "supervisor"),
        ("Gamma Immigration", "immigration", "org_admin"),
    ] {
        let name = format!("{role}.{kind}");
        refused.push((name.clone(), app.user_token(org, kind, role, &name).await));
    }
    let (_, narrow, _) = app
        .store
        .create_token_with("sup", &[haven_core::access::TokenScope::Read, haven_core::access::TokenScope::Write], None)
        .await
        .unwrap();
    refused.push(("sup without admin scope".into(), narrow));
    let persons = app.count("persons").await;
    for (who, token) in &refused {
        let res = app.client.get(app.url("/api/v1/htcds/export")).bearer_auth(token).send().await.unwrap();
        assert_eq!(res.status(), 403, "{who} export");
        let res = app
            .client
            .post(app.url("/api/v1/htcds/import?dry_run=false"))
            .bearer_auth(token)
            .body(file.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{who} import");
    }
    assert_eq!(app.count("persons").await, persons);
}

/// The page a supervisor uses: export links, a check that shows every
/// problem with its table and line, then the import.
#[tokio::test]
async fn the_interop_page_checks_then_imports() {
    let a = TestApp::spawn().await;
    records(&a).await;
    let file = export(&a, "json").await;
    let b = TestApp::spawn().await;
    b.store.create_org("Beta Shelter", "shelter", Some("THA")).await.unwrap();
    let page = b.page_as("sup", "/interop").await;
    assert!(page.contains("id=\"htcds-import\"") && page.contains("/interop/export.zip"), "{page}");
    let user = b.store.user_by_username("sup").await.unwrap();
    let (secret, _) = b.store.create_session(&user, true).await.unwrap();
    let cookie = format!("haven_session={secret}; haven_lang=en");
    let page = b.client.get(b.url("/interop")).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
    let csrf = page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let send = |mode: &'static str, bytes: Vec<u8>| {
        let mut body = format!(
            "--XBOUNDARY\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
             --XBOUNDARY\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\n{mode}\r\n\
             --XBOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bundle.json\"\r\n\
             Content-Type: application/json\r\n\r\n"
        )
        .into_bytes();
        body.extend(bytes);
        body.extend(b"\r\n--XBOUNDARY--\r\n");
        b.client
            .post(b.url("/interop/import"))
            .header("cookie", &cookie)
            .header("content-type", "multipart/form-data; boundary=XBOUNDARY")
            .body(body)
            .send()
    };
    let bad = String::from_utf8(file.clone()).unwrap().replacen(
        "\"haven_Sex\":\"female\"",
        "\"haven_Sex\":\"female\",\"prs_Nickname\":\"x\"",
        1,
    );
    let res = send("check", bad.into_bytes()).await.unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"htcds-problems\"") && html.contains("prs_Nickname"), "{html}");
    let res = send("check", file.clone()).await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("The file can be imported"), "{html}");
    assert_eq!(b.count("persons").await, 0);
    let res = send("import", file).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("The file has been imported"));
    assert_eq!(b.count("persons").await, 3);
}

/// The administrator's commands: export to a private file, a dry run that
/// writes nothing, then the import, each as a named supervisor.
#[tokio::test]
async fn cli_exports_and_imports_as_a_named_supervisor() {
    let a = TestApp::spawn().await;
    records(&a).await;
    let out = a.dir.path().join("records.zip");
    let o = a.cli(&[
        "htcds",
        "export",
        "--org",
        "Local organisation",
        "--as",
        "sup",
        "--format",
        "zip",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert_eq!(read(&std::fs::read(&out).unwrap()).persons.len(), 3);
    let o = a.cli(&["htcds", "export", "--org", "Local organisation", "--as", "sup", "--out", out.to_str().unwrap()]);
    assert!(!o.status.success(), "an existing file is not overwritten");

    let b = TestApp::spawn().await;
    b.store.create_org("Beta Shelter", "shelter", Some("THA")).await.unwrap();
    let file = out.to_str().unwrap();
    let o = b.cli(&["htcds", "import", "--file", file, "--org", "Local organisation", "--as", "sup", "--dry-run"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("people: 3"));
    assert_eq!(b.count("persons").await, 0);
    let o = b.cli(&["htcds", "import", "--file", file, "--org", "Beta Shelter", "--as", "sup"]);
    assert!(!o.status.success(), "sup is not a user of Beta Shelter");
    let o = b.cli(&["htcds", "import", "--file", file, "--org", "Local organisation", "--as", "sup"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(b.count("persons").await, 3);
}

/// A file cannot do what a form may not: no referral is imported to the
/// fictional demo organisation from a real one (second insider review).
#[tokio::test]
async fn an_import_never_refers_a_real_person_to_the_demo_organisation() {
    let a = TestApp::spawn().await;
    records(&a).await;
    let text = String::from_utf8(export(&a, "json").await).unwrap();
    let b = TestApp::spawn().await;
    let demo = b.store.create_org("Beta Shelter", "shelter", Some("THA")).await.unwrap();
    b.store.mark_demo_org(demo).await.unwrap();
    let (status, report) = import(&b, text.as_bytes(), false).await;
    assert_eq!(status, 422, "{report}");
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 3, "each referral to the demo organisation is named: {report}");
    for p in problems {
        assert_eq!((p["table"].as_str(), p["field"].as_str()), (Some("referrals"), Some("cas_ReferredOrganisation")));
    }
    assert_eq!(b.count("referrals").await, 0);
}

/// An organisation's own list, as kept before haven: headings in Thai and
/// English, dates day first, a country by name, an age "about".
const LEGACY_SHEET: &str =
    "\u{feff}ชื่อ,Sex,DOB,Age,Nationality,Language,Where now,Case status,Opened on,Closed on,Village\n\
    Aung Ko Ko,male,04/03/1998,,Myanmar,Burmese,shelter,active,02/01/2024,,Myawaddy\n\
    Nguyen Thi Lan,female,,24?,Viet Nam,vi,detention,closed,05/01/2024,30/06/2024,\n\
    Dara Sok,male,,31,KHM,km,,,,,\n";

async fn import_sheet(app: &TestApp, query: &str, body: &str) -> (u16, Value) {
    let res = app
        .post(&format!("/api/v1/imports/spreadsheet?{query}"))
        .header("content-type", "application/octet-stream")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), json(res).await)
}

#[tokio::test]
async fn r23_a_spreadsheet_moves_in_through_a_column_mapping_checked_whole_then_all_or_nothing() {
    let app = TestApp::spawn().await;
    // The dry run (the default) guesses the columns, names what stays
    // behind, and writes nothing.
    let (s, r) = import_sheet(&app, "", LEGACY_SHEET).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!((r["persons"].as_u64(), r["cases"].as_u64(), r["written"].as_bool()), (Some(3), Some(2), Some(false)));
    assert_eq!(r["mapping"]["full_name"], "ชื่อ");
    assert_eq!(r["mapping"]["date_of_birth"], "DOB");
    assert_eq!(r["mapping"]["location"], "Where now");
    assert_eq!(r["left_out"], json!(["Village"]), "{r}");
    assert_eq!(app.count("persons").await, 0);

    // A bad row refuses the whole sheet, each problem by the sheet's row
    // and heading, and never with a value from it.
    let bad = format!("{LEGACY_SHEET}Min Thu,male,31/02/1990,,Atlantis,,,,,,\n,,,,,,,sleeping,02/01/2024,,\n");
    let (s, r) = import_sheet(&app, "dry_run=false", &bad).await;
    assert_eq!(s, 422, "{r}");
    let at: Vec<(u64, String)> = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["line"].as_u64().unwrap_or(0), p["field"].as_str().unwrap_or("").to_owned()))
        .collect();
    for expected in [(5, "DOB"), (5, "Nationality"), (6, "ชื่อ"), (6, "Case status")] {
        assert!(at.contains(&(expected.0, expected.1.to_owned())), "{expected:?} in {r}");
    }
    assert!(!r.to_string().contains("Atlantis"), "{r}");
    assert_eq!(app.count("persons").await, 0, "nothing of a refused sheet is written");

    // The person importing chooses the columns; only those are read.
    let (s, r) =
        import_sheet(&app, "full_name=%E0%B8%8A%E0%B8%B7%E0%B9%88%E0%B8%AD&location=Where%20now", LEGACY_SHEET).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["cases"], 0, "the case columns were not chosen");
    let (s, r) = import_sheet(&app, "full_name=Client", LEGACY_SHEET).await;
    assert_eq!((s, r["error"].as_str()), (400, Some("no_such_column")), "{r}");

    let (s, r) = import_sheet(&app, "dry_run=false&date_order=day_first", LEGACY_SHEET).await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(app.count("persons").await, 3);
    assert_eq!(app.count("cases").await, 2);
    assert_eq!(app.count("cases WHERE assigned_to IS NULL").await, 2, "cases wait to be assigned");
    let people = json(app.get("/api/v1/persons?q=Aung").send().await.unwrap()).await;
    let id = people["items"][0]["id"].as_str().unwrap_or_default().to_owned();
    let p = json(app.get(&format!("/api/v1/persons/{id}")).send().await.unwrap()).await;
    assert_eq!(p["date_of_birth"], "1998-03-04", "day first: {p}");
    assert_eq!(p["nationalities"], json!(["MMR"]), "{p}");
    assert_eq!(p["location"], "shelter", "{p}");
}

#[tokio::test]
async fn r16_only_supervisors_move_a_spreadsheet_in() {
    let app = TestApp::spawn().await;
    let caseworker = app.user_token("Local organisation", "ngo", "caseworker", "cw.sheet").await;
    let res = app
        .client
        .post(app.url("/api/v1/imports/spreadsheet?dry_run=false"))
        .bearer_auth(&caseworker)
        .body(LEGACY_SHEET)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(app.count("persons").await, 0);
}

/// The page: a file in, the guessed columns shown with what stays behind,
/// a check that names bad rows, then the import.
#[tokio::test]
async fn the_spreadsheet_page_maps_checks_then_imports() {
    let b = TestApp::spawn().await;
    let user = b.store.user_by_username("sup").await.unwrap();
    let (secret, _) = b.store.create_session(&user, true).await.unwrap();
    let cookie = format!("haven_session={secret}; haven_lang=en");
    let page = b.client.get(b.url("/interop/spreadsheet")).header("cookie", &cookie).send().await.unwrap();
    let page = page.text().await.unwrap();
    assert!(page.contains("id=\"sheet-upload\""), "{page}");
    let csrf = page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let send = |parts: Vec<(&str, String)>, file: Option<&str>| {
        let mut body = String::new();
        for (name, value) in parts.iter().chain([("csrf", csrf.clone())].iter()) {
            body.push_str(&format!("--XB\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"));
        }
        if let Some(f) = file {
            body.push_str(&format!(
                "--XB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\nContent-Type: text/csv\r\n\r\n{f}\r\n"
            ));
        }
        body.push_str("--XB--\r\n");
        b.client
            .post(b.url("/interop/spreadsheet"))
            .header("cookie", &cookie)
            .header("content-type", "multipart/form-data; boundary=XB")
            .body(body)
            .send()
    };
    let res = send(vec![("mode", "map".into())], Some(LEGACY_SHEET)).await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"sheet-map\"") && html.contains("id=\"sheet-left-out\""), "{html}");
    assert!(html.contains("Village"), "the column that stays behind is named: {html}");
    let data = html.split("name=\"data\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    // The guessed choices as the form sends them back.
    let choices = |extra: Vec<(&'static str, String)>| {
        let mut v: Vec<(&str, String)> = vec![
            ("data", data.clone()),
            ("map-full_name", "0".into()),
            ("map-sex", "1".into()),
            ("map-date_of_birth", "2".into()),
            ("map-age", "3".into()),
            ("map-nationality", "4".into()),
            ("map-languages", "5".into()),
            ("map-location", "6".into()),
            ("map-case_status", "7".into()),
            ("map-case_opened_on", "8".into()),
            ("map-case_closed_on", "9".into()),
            ("date_order", "day_first".into()),
        ];
        v.extend(extra);
        v
    };
    // A column chosen twice is refused before any row is read.
    let mut twice = choices(vec![("mode", "check".into())]);
    twice.push(("map-notes", "0".into()));
    let res = send(twice, None).await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("is chosen for two fields"));
    let res = send(choices(vec![("mode", "check".into())]), None).await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("The sheet can be imported. People: 3. Cases: 2."), "{html}");
    assert!(html.contains("id=\"sheet-import\""), "{html}");
    assert_eq!(b.count("persons").await, 0);
    let res = send(choices(vec![("mode", "import".into())]), None).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Imported. People: 3. Cases: 2."));
    assert_eq!(b.count("persons").await, 3);
}

#[tokio::test]
async fn cli_imports_a_spreadsheet_as_a_named_supervisor() {
    let app = TestApp::spawn().await;
    let file = app.dir.path().join("people.csv");
    std::fs::write(&file, LEGACY_SHEET).unwrap();
    let path = file.to_str().unwrap();
    let base = ["htcds", "import-spreadsheet", "--file", path, "--org", "Local organisation", "--as", "sup"];
    let o = app.cli(&[&base[..], &["--dry-run"]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("full_name <- \"ชื่อ\"") && out.contains("not imported: Village"), "{out}");
    assert_eq!(app.count("persons").await, 0);
    let o = app.cli(&[&base[..], &["--map", "full_name=Client"]].concat());
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no column of the sheet is headed"));
    let o = app.cli(&[&base[..], &["--map", "full_name=ชื่อ", "--map", "location=Where now"]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("3 people, 0 cases"));
    assert_eq!(app.count("persons").await, 3);
}
