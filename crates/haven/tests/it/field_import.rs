//! Screenings done in the field with haven's XLSForm (KoboToolbox, ODK
//! Collect), imported from their submissions (issue 16).

use serde_json::{json, Value};

use crate::helpers::{json, no_redirects, session, TestApp};

const XML: &str = include_str!("../../../../fuzz/seeds/odk_submission/instance.xml");
const KOBO: &str = include_str!("../../../../fuzz/seeds/odk_submission/kobo.json");

async fn import(app: &TestApp, person: &str, submission: &str) -> reqwest::Response {
    app.post(&format!("/api/v1/persons/{person}/screenings/import"))
        .json(&json!({"instrument": "forced-criminality", "survivor_language": "my", "submission": submission}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn r06_a_field_submission_becomes_a_screening_in_progress_with_blanks_left_unanswered() {
    let app = TestApp::spawn().await;
    let person = app.create_named("Field Person").await;
    let res = import(&app, &person, XML).await;
    assert_eq!(res.status(), 201);
    let sid = json(res).await["id"].as_str().unwrap().to_owned();
    let s: Value = json(app.get(&format!("/api/v1/screenings/{sid}")).send().await.unwrap()).await;
    assert_eq!(s["status"], "in_progress", "the caseworker reads and completes it in haven");
    assert_eq!(s["survivor_language"], "my");
    let a = &s["answers"];
    assert_eq!(a["recruited_job_ad"], "yes");
    assert_eq!(a["abducted"], "no");
    assert_eq!(a["passport_taken"], "prefer_not_to_say");
    assert_eq!(a["recruiter_handle"], "dont_know", "a decline recorded in the companion question");
    assert_eq!(a["hours_per_day"], 16.0);
    assert!(a.get("confined").is_none(), "a blank is not asked, never a no: {a}");
    assert!(a.get("violence").is_none());
    let res = app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
    assert_eq!(res.status(), 200);

    // KoboToolbox's JSON export of a submission reads the same way.
    let other = app.create_named("Kobo Person").await;
    // (Another interview: the seed shares the XML's instanceID.)
    let res = import(&app, &other, &KOBO.replace("uuid:7c1e2f8a", "uuid:5d2e3f8a")).await;
    assert_eq!(res.status(), 201);
    let sid = json(res).await["id"].as_str().unwrap().to_owned();
    let s: Value = json(app.get(&format!("/api/v1/screenings/{sid}")).send().await.unwrap()).await;
    assert_eq!(s["answers"]["recruitment_platform"], "telegram");
    assert!(s["answers"].get("confined").is_none());
}

#[tokio::test]
async fn a_field_submission_is_imported_once_and_a_bad_one_writes_nothing() {
    let app = TestApp::spawn().await;
    let person = app.create_named("Field Person").await;
    assert_eq!(import(&app, &person, XML).await.status(), 201);
    let (screenings, events) = (app.count("screenings").await, app.count("audit_events").await);

    let again = import(&app, &person, XML).await;
    assert_eq!(again.status(), 409, "the same interview is not counted twice");

    let unknown = XML.replace("<abducted>no</abducted>", "<abducted>no</abducted><religion>x</religion>");
    let res = import(&app, &person, &unknown.replace("uuid:7c1e", "uuid:8c1e")).await;
    assert_eq!(res.status(), 400);
    assert!(json(res).await["message"].as_str().unwrap().contains("religion"));
    let wrong_value =
        XML.replace("<abducted>no</abducted>", "<abducted>maybe</abducted>").replace("uuid:7c1e", "uuid:9c1e");
    assert_eq!(import(&app, &person, &wrong_value).await.status(), 400);
    let other_form =
        XML.replace("id=\"forced-criminality\"", "id=\"some-other-form\"").replace("uuid:7c1e", "uuid:ac1e");
    assert_eq!(import(&app, &person, &other_form).await.status(), 400);
    let doctype = format!("<!DOCTYPE data [<!ENTITY x \"y\">]>{}", &XML[XML.find("<data").unwrap()..]);
    assert_eq!(import(&app, &person, &doctype).await.status(), 400);

    // The same interview written another way is the same interview.
    let upper = XML.replace("uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90", "UUID:7C1E2F8A-0B4D-4C1E-9A57-3F2B1D6E8C90");
    assert_eq!(import(&app, &person, &upper).await.status(), 409);
    let bare = XML.replace("uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90", "7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90");
    assert_eq!(import(&app, &person, &bare).await.status(), 409);
    // Without an instanceID nothing would stop it counting twice; without
    // answers it is no interview.
    let anonymous = XML.replace("<instanceID>uuid:7c1e2f8a-0b4d-4c1e-9a57-3f2b1d6e8c90</instanceID>", "");
    let res = import(&app, &person, &anonymous).await;
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["field"], "file");
    let empty =
        "<data id=\"forced-criminality\" version=\"2.0.1\"><meta><instanceID>uuid:e1</instanceID></meta></data>";
    assert_eq!(import(&app, &person, empty).await.status(), 400);
    assert_eq!(app.count("screenings").await, screenings, "no screening from a refused submission");
    assert_eq!(app.count("audit_events").await, events, "nothing written at all");
}

fn multipart(csrf: &str, file: &str) -> String {
    format!(
        "--XBOUNDARY\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --XBOUNDARY\r\nContent-Disposition: form-data; name=\"instrument\"\r\n\r\nforced-criminality\r\n\
         --XBOUNDARY\r\nContent-Disposition: form-data; name=\"survivor_language\"\r\n\r\nmy\r\n\
         --XBOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sub.xml\"\r\nContent-Type: application/xml\r\n\r\n{file}\r\n\
         --XBOUNDARY--\r\n"
    )
}

#[tokio::test]
async fn the_person_page_imports_a_field_submission_and_says_why_one_is_refused() {
    let app = TestApp::spawn().await;
    let person = app.create_named("Page Field Person").await;
    let page = app.page_as("sup", &format!("/persons/{person}")).await;
    assert!(page.contains("id=\"field-import\""), "{page}");
    let (cookie, csrf) = session(&app, "sup").await;
    let client = no_redirects();
    let post = |file: String| {
        client
            .post(app.url(&format!("/persons/{person}/screenings/import")))
            .header("cookie", &cookie)
            .header("content-type", "multipart/form-data; boundary=XBOUNDARY")
            .body(multipart(&csrf, &file))
            .send()
    };
    let bad = XML.replace("<abducted>no</abducted>", "<abducted>maybe</abducted>");
    let res = post(bad).await.unwrap();
    assert_eq!(res.status(), 422);
    let text = res.text().await.unwrap();
    assert!(text.contains("nothing was saved") && text.contains("abducted"), "{text}");
    assert!(text.contains("is not one this question takes"), "said in words, not the parser's: {text}");
    assert_eq!(app.count("screenings").await, 0);
    // In the reader's language, naming the question by its wording in it.
    let res = client
        .post(app.url(&format!("/persons/{person}/screenings/import")))
        .header("cookie", cookie.replace("haven_lang=en", "haven_lang=th"))
        .header("content-type", "multipart/form-data; boundary=XBOUNDARY")
        .body(multipart(&csrf, &XML.replace("<abducted>no</abducted>", "<abducted>maybe</abducted>")))
        .send()
        .await
        .unwrap();
    let text = res.text().await.unwrap();
    assert!(text.contains("ไม่ใช่คำตอบที่คำถามนี้รับ") && text.contains("(abducted)"), "{text}");
    assert!(!text.contains("the answer must be"), "{text}");

    let res = post(XML.to_owned()).await.unwrap();
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with("/screenings/"), "{to}");
    let res = post(XML.to_owned()).await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("already imported"));
    // A forged form (no token) is refused before the file is read.
    let res = client
        .post(app.url(&format!("/persons/{person}/screenings/import")))
        .header("cookie", &cookie)
        .header("content-type", "multipart/form-data; boundary=XBOUNDARY")
        .body(multipart("wrong", XML))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

/// A day's interviews as KoboToolbox exports them to CSV: the first two
/// readable, the third with an answer the question does not take.
const EXPORT: &str = include_str!("../../../../fuzz/seeds/odk_submission/kobo-export.csv");

#[tokio::test]
async fn r06_an_export_lists_its_interviews_and_each_is_imported_once_for_its_person() {
    let app = TestApp::spawn().await;
    let res = app
        .post("/api/v1/field-exports/read?instrument=forced-criminality")
        .header("content-type", "application/octet-stream")
        .body(EXPORT)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let rows: Value = json(res).await;
    assert_eq!(rows.as_array().map(Vec::len), Some(3), "{rows}");
    assert_eq!((rows[0]["row"].as_u64(), rows[0]["ready"].as_bool()), (Some(2), Some(true)), "{rows}");
    assert_eq!(rows[0]["by"], "team.maesot");
    assert_eq!(rows[2]["ready"], false);
    let problem = rows[2]["problem"].as_str().unwrap_or_default();
    assert!(problem.contains("abducted") && !problem.contains("perhaps"), "{problem}");
    assert_eq!(app.count("screenings").await, 0, "reading writes nothing");

    let person = app.create_named("Export Person").await;
    let import_row = |row: u64| {
        app.post(&format!("/api/v1/persons/{person}/screenings/import"))
            .json(&json!({"instrument": "forced-criminality", "survivor_language": "my", "submission": EXPORT, "row": row}))
            .send()
    };
    let res = import_row(3).await.unwrap();
    assert_eq!(res.status(), 201);
    let sid = json(res).await["id"].as_str().unwrap().to_owned();
    let s: Value = json(app.get(&format!("/api/v1/screenings/{sid}")).send().await.unwrap()).await;
    assert_eq!((s["status"].as_str(), s["answers"]["abducted"].as_str()), (Some("in_progress"), Some("yes")), "{s}");
    assert_eq!(import_row(3).await.unwrap().status(), 409, "once");
    assert_eq!(import_row(4).await.unwrap().status(), 400, "the bad row");
    assert_eq!(import_row(9).await.unwrap().status(), 400, "no such row");
    let rows: Value =
        json(app.post("/api/v1/field-exports/read?instrument=forced-criminality").body(EXPORT).send().await.unwrap())
            .await;
    assert_eq!((rows[0]["imported"].as_bool(), rows[1]["imported"].as_bool()), (Some(false), Some(true)), "{rows}");
    assert_eq!(app.count("screenings").await, 1);
}

fn field_form(csrf: &str, parts: &[(&str, &str)], file: Option<&str>) -> String {
    let mut body = format!("--XB\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n");
    for (name, value) in parts {
        body.push_str(&format!("--XB\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"));
    }
    if let Some(f) = file {
        body.push_str(&format!(
            "--XB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.csv\"\r\nContent-Type: text/csv\r\n\r\n{f}\r\n"
        ));
    }
    body.push_str("--XB--\r\n");
    body
}

/// The page: the export listed, a person found and linked for one row, a
/// person created for another, the bad row named and never offered.
#[tokio::test]
async fn the_field_imports_page_links_or_creates_the_person_for_each_interview() {
    let app = TestApp::spawn().await;
    let known = app.create_named("Aung Ko Ko").await;
    let (cookie, csrf) = session(&app, "sup").await;
    let post = |parts: Vec<(&str, String)>, file: Option<&str>| {
        let parts: Vec<(&str, &str)> = parts.iter().map(|(k, v)| (*k, v.as_str())).collect();
        app.client
            .post(app.url("/field-imports"))
            .header("cookie", &cookie)
            .header("content-type", "multipart/form-data; boundary=XB")
            .body(field_form(&csrf, &parts, file))
            .send()
    };
    let base = vec![("instrument", "forced-criminality".to_owned()), ("survivor_language", "my".to_owned())];
    let res = post([base.clone(), vec![("mode", "read".into())]].concat(), Some(EXPORT)).await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"field-list\""), "{html}");
    assert_eq!(html.matches("type=\"radio\" name=\"row\"").count(), 2, "only the readable rows are offered: {html}");
    assert!(html.contains("abducted"), "the bad row says why: {html}");
    let data = html.split("name=\"data\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let with = |extra: Vec<(&'static str, String)>| {
        let mut v = base.clone();
        v.push(("data", data.clone()));
        v.extend(extra);
        v
    };
    let res = post(with(vec![("mode", "find".into()), ("row", "2".into()), ("q", "Aung".into())]), None).await.unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("value=\"{known}\"")), "the person is found: {html}");
    let res =
        post(with(vec![("mode", "link".into()), ("row", "2".into()), ("person", known.clone())]), None).await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Row 2 was imported") && html.contains("Imported already"), "{html}");
    let link = json(app.get(&format!("/api/v1/persons/{known}/screenings")).send().await.unwrap()).await;
    assert_eq!(link.as_array().map(Vec::len), Some(1), "{link}");

    let (people, events) = (app.count("persons").await, app.count("audit_events").await);
    let res = post(with(vec![("mode", "create".into()), ("row", "4".into()), ("full_name", "Mya Mya".into())]), None)
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "the bad row is refused");
    assert_eq!(app.count("persons").await, people, "and leaves no person behind");
    assert_eq!(app.count("audit_events").await, events);
    let res = post(with(vec![("mode", "create".into()), ("row", "3".into()), ("full_name", "Mya Mya".into())]), None)
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Row 3 was imported"));
    assert_eq!(app.count("persons").await, people + 1);
    assert_eq!(app.count("screenings").await, 2);
}

/// Creating a person for an interview and importing it is one write: four
/// clicks at once, or a language the form is not written in, leave nobody
/// without their interview (insider review).
#[tokio::test]
async fn a_person_created_for_a_field_interview_exists_only_with_it() {
    let app = TestApp::spawn().await;
    let (cookie, csrf) = session(&app, "sup").await;
    let data = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, EXPORT);
    let post = |language: &'static str| {
        let parts: Vec<(&str, &str)> = vec![
            ("instrument", "forced-criminality"),
            ("survivor_language", language),
            ("data", data.as_str()),
            ("mode", "create"),
            ("row", "3"),
            ("full_name", "Mya Mya"),
        ];
        app.client
            .post(app.url("/field-imports"))
            .header("cookie", &cookie)
            .header("content-type", "multipart/form-data; boundary=XB")
            .body(field_form(&csrf, &parts, None))
            .send()
    };
    let res = post("ru").await.unwrap();
    assert_eq!(res.status(), 422, "Russian needs an interpreter named");
    assert_eq!(app.count("persons").await, 0);
    let (a, b, c, d) = tokio::join!(post("my"), post("my"), post("my"), post("my"));
    let ok = [a, b, c, d].into_iter().filter(|r| r.as_ref().is_ok_and(|r| r.status() == 200)).count();
    assert_eq!(ok, 1, "one of four at once");
    assert_eq!(app.count("persons").await, 1, "and one person");
    assert_eq!(app.count("screenings").await, 1);
}

/// A row of an export goes only to a person in the importer's reach: a
/// caseworker of another organisation who holds the same file cannot put
/// an interview on, or learn of, someone they cannot see (R16).
#[tokio::test]
async fn r16_a_field_export_row_is_imported_only_for_a_person_in_reach() {
    let app = TestApp::spawn().await;
    let person = app.create_named("Aung Ko Ko").await;
    let other = app.user_token("Men's Shelter Mae Sot", "shelter", "caseworker", "shelter.cw").await;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/persons/{person}/screenings/import")))
        .bearer_auth(&other)
        .json(&json!({"instrument": "forced-criminality", "survivor_language": "my", "submission": EXPORT, "row": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "the same answer as for no such person");
    assert_eq!(app.count("screenings").await, 0);
    let found = app.client.get(app.url("/api/v1/persons?q=Aung")).bearer_auth(&other).send().await.unwrap();
    assert_eq!(found.status(), 200);
    let found = json(found).await;
    assert!(!found.to_string().contains(&person), "the search that links a row shows only people in reach: {found}");
    // Imported here, the interview still reads as new to the other
    // organisation: the marks are kept per organisation.
    let res = app
        .post(&format!("/api/v1/persons/{person}/screenings/import"))
        .json(&json!({"instrument": "forced-criminality", "survivor_language": "my", "submission": EXPORT, "row": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let rows = app
        .client
        .post(app.url("/api/v1/field-exports/read?instrument=forced-criminality"))
        .bearer_auth(&other)
        .body(EXPORT)
        .send()
        .await
        .unwrap();
    assert_eq!(json(rows).await[0]["imported"], false);
}
