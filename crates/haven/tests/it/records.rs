//! A caseworker's day one with records (issue 13): field history of person
//! edits, case reassignment, closing a case with its reason, confirmations.

use serde_json::{json, Value};
use sqlx::Row;

use crate::helpers::{contains, json, no_redirects, session, TestApp};

#[tokio::test]
async fn r17_person_history_names_who_when_and_before_after_sealed_like_the_record() {
    let app = TestApp::spawn().await;
    let id = app
        .create_person(
            json!({"full_name": "Nguyen Van Anh", "location": "immigration_detention", "contact": "+84 90 000"}),
        )
        .await;
    let empty = json(app.get(&format!("/api/v1/persons/{id}/history")).send().await.unwrap()).await;
    assert_eq!(empty["changes"], json!([]), "a new record has no history");

    let res = app
        .patch(&format!("/api/v1/persons/{id}"))
        .json(&json!({"full_name": "Nguyễn Văn Anh", "location": "shelter"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // An edit that changes nothing leaves nothing.
    let res = app.patch(&format!("/api/v1/persons/{id}")).json(&json!({"location": "shelter"})).send().await.unwrap();
    assert_eq!(res.status(), 200);

    let history = json(app.get(&format!("/api/v1/persons/{id}/history")).send().await.unwrap()).await;
    let changes = history["changes"].as_array().unwrap();
    let sup = app.store.user_by_username("sup").await.unwrap();
    let got: Vec<(&str, &str, &str)> = changes
        .iter()
        .map(|c| (c["field"].as_str().unwrap(), c["old"].as_str().unwrap(), c["new"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [("full_name", "Nguyen Van Anh", "Nguyễn Văn Anh"), ("location", "immigration_detention", "shelter")]
    );
    for c in changes {
        assert_eq!(c["changed_by"], sup.id.to_string());
        assert!(c["changed_at"].as_str().unwrap().starts_with("20"), "{c}");
    }

    // The page says it in words: who, the field's label, the place by name.
    let page = app.page_as("sup", &format!("/persons/{id}/history")).await;
    assert!(page.contains("id=\"history\""), "{page}");
    assert!(page.contains("<bdi>sup</bdi>"), "the colleague by name: {page}");
    assert!(page.contains("Where now") && page.contains("Shelter"), "{page}");
    assert!(app.page_as("sup", &format!("/persons/{id}")).await.contains("id=\"person-history\""));

    // Nothing of it in the clear in the database: not the field, not the values.
    let rows = sqlx::query("SELECT field, old_value, new_value FROM person_history").fetch_all(app.store.pool()).await;
    let rows = rows.unwrap();
    assert_eq!(rows.len(), 2);
    for r in &rows {
        for col in ["field", "old_value", "new_value"] {
            let v: Vec<u8> = r.try_get(col).unwrap();
            for plain in [&b"location"[..], b"immigration", b"Nguyen", b"shelter"] {
                assert!(!contains(&v, plain), "{col} holds {plain:?} in the clear");
            }
        }
    }

    // Erasure leaves the rows (each was bound to the audit chain) but
    // nothing readable in them (R28).
    let res = app.post(&format!("/api/v1/persons/{id}/erase")).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let left: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM person_history WHERE field IS NOT NULL OR old_value IS NOT NULL OR new_value IS NOT NULL",
    )
    .fetch_one(app.store.pool())
    .await
    .unwrap()
    .try_get("n")
    .unwrap();
    assert_eq!(left, 0);
    assert!(app.store.verify_integrity().await.unwrap().is_empty(), "erasure is not mistaken for tampering");
}

#[tokio::test]
async fn r17_person_history_is_refused_to_a_reader_who_does_not_see_the_whole_record() {
    let app = TestApp::spawn().await;
    let id = app.create_person(json!({"full_name": "Somchai Jaidee", "notes": "first account"})).await;
    let res = app.patch(&format!("/api/v1/persons/{id}")).json(&json!({"notes": "second account"})).send().await;
    assert_eq!(res.unwrap().status(), 200);
    // A caseworker who sees identity and contact org-wide, not the account:
    // the history would hand over the old account.
    app.widen_caseworker_reach("Local organisation").await;
    let cw = app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_wide").await;
    let res = app.client.get(app.url(&format!("/api/v1/persons/{id}/history"))).bearer_auth(&cw).send().await;
    let res = res.unwrap();
    assert_eq!(res.status(), 403);
    let body = json(res).await;
    assert!(!body.to_string().contains("first account"), "{body}");
    let page = app.page_as("cw_wide", &format!("/persons/{id}/history")).await;
    assert!(!page.contains("first account") && !page.contains("id=\"history\""), "{page}");
    assert!(!app.page_as("cw_wide", &format!("/persons/{id}")).await.contains("id=\"person-history\""));
    // Another organisation reaches nothing at all.
    let other = app.user_token("Other NGO", "ngo_assistance", "supervisor", "sup_other").await;
    let res = app.client.get(app.url(&format!("/api/v1/persons/{id}/history"))).bearer_auth(&other).send().await;
    assert_eq!(res.unwrap().status(), 404);
}

#[tokio::test]
async fn person_history_row_moved_to_another_person_in_sql_raises_the_alarm() {
    let app = TestApp::spawn().await;
    let a = app.create_person(json!({"full_name": "Person A", "location": "shelter"})).await;
    let b = app.create_named("Person B").await;
    let res = app.patch(&format!("/api/v1/persons/{a}")).json(&json!({"location": "community"})).send().await;
    assert_eq!(res.unwrap().status(), 200);
    app.exec(&format!("UPDATE person_history SET person_id = '{b}'")).await;
    let res = app.get(&format!("/api/v1/persons/{b}/history")).send().await.unwrap();
    assert!(res.status().is_server_error() || res.status() == 409, "{}", res.status());
    assert!(!app.store.verify_integrity().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_edit_page_confirms_the_save_and_the_history_page_lists_it() {
    let app = TestApp::spawn().await;
    let id = app.create_person(json!({"full_name": "Trần Thị Mai", "location": "police_custody"})).await;
    let (cookie, csrf) = session(&app, "sup").await;
    let res = no_redirects()
        .post(app.url(&format!("/persons/{id}/edit")))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str()), ("full_name", "Trần Thị Mai"), ("location", "shelter")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{:?}", res.text().await);
    let to = res.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(to, format!("/persons/{id}?saved=person"));
    let page = app.page_as("sup", &to).await;
    assert!(page.contains("id=\"flash\""), "a confirmation after saving: {page}");
    // A word the page does not know shows nothing, and is never echoed.
    let page = app.page_as("sup", &format!("/persons/{id}?saved=%3Cscript%3Ebad")).await;
    assert!(!page.contains("id=\"flash\"") && !page.contains("<script>bad"), "{page}");
    let history = app.page_as("sup", &format!("/persons/{id}/history")).await;
    assert!(history.contains("Police custody") && history.contains("Shelter"), "{history}");
}

async fn open_case(app: &TestApp, person: &str) -> String {
    let res = app.post(&format!("/api/v1/persons/{person}/cases")).json(&json!({})).send().await.unwrap();
    assert_eq!(res.status(), 201);
    json(res).await["id"].as_str().unwrap().to_owned()
}

async fn notes(app: &TestApp, case: &str) -> Vec<String> {
    let v: Value = json(app.get(&format!("/api/v1/cases/{case}/notes")).send().await.unwrap()).await;
    v.as_array().unwrap().iter().map(|n| n["body"].as_str().unwrap_or_default().to_owned()).collect()
}

#[tokio::test]
async fn a_case_is_closed_only_with_a_reason_kept_as_its_note_in_one_step() {
    let app = TestApp::spawn().await;
    let person = app.create_named("Closing Case").await;
    let case = open_case(&app, &person).await;
    let events = app.count("audit_events").await;
    let res = app.patch(&format!("/api/v1/cases/{case}")).json(&json!({"status": "closed"})).send().await.unwrap();
    assert_eq!(res.status(), 400);
    let body = json(res).await;
    assert_eq!(body["field"], "reason", "{body}");
    assert!(body["message"].as_str().unwrap().contains("reason"), "{body}");
    assert_eq!(app.count("audit_events").await, events, "a refused close writes nothing");
    let open = json(app.get(&format!("/api/v1/cases/{case}")).send().await.unwrap()).await;
    assert_eq!(open["status"], "open");

    let res = app
        .patch(&format!("/api/v1/cases/{case}"))
        .json(&json!({"status": "closed", "reason": "Returned home to Hanoi with family support"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(json(res).await["status"], "closed");
    let n = notes(&app, &case).await;
    assert_eq!(n.len(), 1);
    assert!(n[0].contains("Closed") && n[0].contains("Returned home to Hanoi"), "{n:?}");

    // The page refuses a close without a reason, in words, and keeps the case open.
    let person = app.create_named("Page Case").await;
    let case = open_case(&app, &person).await;
    let (cookie, csrf) = session(&app, "sup").await;
    let client = no_redirects();
    let post = |reason: &'static str| {
        client
            .post(app.url(&format!("/cases/{case}/status")))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.as_str()), ("status", "closed"), ("reason", reason)])
            .send()
    };
    let res = post("  ").await.unwrap();
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"case-error\"") && page.contains("Say why the case is closed"), "{page}");
    assert!(!page.contains("close_reason_required"), "no internal codes on the page");
    let res = post("Referred to the shelter in Mae Sot").await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"].to_str().unwrap(), format!("/cases/{case}?saved=case"));
    let page = app.page_as("sup", &format!("/cases/{case}?saved=case")).await;
    assert!(page.contains("id=\"flash\"") && page.contains("Referred to the shelter in Mae Sot"), "{page}");
}

#[tokio::test]
async fn a_case_is_reassigned_from_its_page_only_to_an_active_colleague_of_the_organisation() {
    let app = TestApp::spawn().await;
    let person = app.create_named("Reassigned Person").await;
    let case = open_case(&app, &person).await;
    app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_next").await;
    app.user_token("Other NGO", "ngo_assistance", "caseworker", "cw_elsewhere").await;
    let next = app.store.user_by_username("cw_next").await.unwrap();
    let elsewhere = app.store.user_by_username("cw_elsewhere").await.unwrap();

    let page = app.page_as("sup", &format!("/cases/{case}")).await;
    assert!(page.contains(&format!("value=\"{}\"", next.id)), "a colleague is offered: {page}");
    assert!(!page.contains(&elsewhere.id.to_string()), "another organisation's worker is not");

    let (cookie, csrf) = session(&app, "sup").await;
    let client = no_redirects();
    let assign = |to: String| {
        client
            .post(app.url(&format!("/cases/{case}/assign")))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.clone()), ("assigned_to", to)])
            .send()
    };
    let res = assign(elsewhere.id.to_string()).await.unwrap();
    assert_eq!(res.status(), 400, "a worker of another organisation is refused");
    let c = json(app.get(&format!("/api/v1/cases/{case}")).send().await.unwrap()).await;
    assert_ne!(c["assigned_to"], elsewhere.id.to_string());

    let res = assign(next.id.to_string()).await.unwrap();
    assert_eq!(res.status(), 303);
    let c = json(app.get(&format!("/api/v1/cases/{case}")).send().await.unwrap()).await;
    assert_eq!(c["assigned_to"], next.id.to_string());
    // The new caseworker is told, by a link to the case and nothing more.
    let tasks = app.page_as("cw_next", "/tasks").await;
    assert!(
        tasks.contains("A case was assigned to you") && tasks.contains(&format!("href=\"/cases/{case}\"")),
        "{tasks}"
    );
    let notices = tasks.split("id=\"notifications\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(!notices.contains("Reassigned Person"), "the notification names nobody: {notices}");
    assert!(tasks.split("id=\"my-cases\"").nth(1).unwrap().contains("Reassigned Person"), "it is among my cases");
    assert!(
        !app.page_as("sup", "/tasks").await.contains("A case was assigned to you"),
        "assigning is no news to oneself"
    );
    // The new caseworker now reaches the case (assignment gives reach).
    let page = app.page_as("cw_next", &format!("/cases/{case}")).await;
    assert!(page.contains("Reassigned Person"), "{page}");
    // And nobody: the case waits for the next colleague.
    let res = assign(String::new()).await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/cases/{case}?saved=case").as_str(),
        "a supervisor still reaches it"
    );
    let c = json(app.get(&format!("/api/v1/cases/{case}")).send().await.unwrap()).await;
    assert!(c["assigned_to"].is_null(), "{c}");
}

#[tokio::test]
async fn the_person_form_offers_countries_and_languages_by_name_and_still_takes_codes() {
    let app = TestApp::spawn().await;
    let form = app.page_as("sup", "/persons/new").await;
    assert!(form.contains("<option value=\"MMR\">Myanmar</option>"), "{form}");
    assert!(form.contains("lang=\"my\""), "languages in their own names");
    let (cookie, csrf) = session(&app, "sup").await;
    let res = no_redirects()
        .post(app.url("/persons/new"))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("full_name", "Aung Aung"),
            ("nationality", "MMR"),
            ("nationalities", "eth"),
            ("language", "my"),
            ("languages", "en"),
            ("location", "shelter"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let id = res.headers()["location"].to_str().unwrap().rsplit('/').next().unwrap().to_owned();
    let p = json(app.get(&format!("/api/v1/persons/{id}")).send().await.unwrap()).await;
    assert_eq!(p["nationalities"], json!(["MMR", "ETH"]));
    assert_eq!(p["languages"], json!(["my", "en"]));
    // Editing shows the first by name and the rest as typed.
    let edit = app.page_as("sup", &format!("/persons/{id}/edit")).await;
    assert!(edit.contains("<option value=\"MMR\" selected>Myanmar</option>"), "{edit}");
    assert!(edit.contains("name=\"nationalities\" value=\"ETH\""), "{edit}");
    assert!(edit.contains("value=\"my\" lang=\"my\" selected"), "{edit}");
    // A country not offered by name stays in the typed field.
    let other = app.create_person(json!({"full_name": "Marie", "nationalities": ["FRA"]})).await;
    let edit = app.page_as("sup", &format!("/persons/{other}/edit")).await;
    assert!(edit.contains("name=\"nationalities\" value=\"FRA\""), "{edit}");
    let select = edit.split("id=\"nationality\"").nth(1).unwrap().split("</select>").next().unwrap();
    assert!(!select.contains("selected"), "nothing offered by name is chosen: {select}");
}

#[tokio::test]
async fn r27_the_access_log_is_read_page_by_page_newest_first() {
    let app = TestApp::spawn().await;
    let id = app.create_named("Often Read").await;
    for _ in 0..30 {
        assert_eq!(app.get(&format!("/api/v1/persons/{id}")).send().await.unwrap().status(), 200);
    }
    let first: Value = json(app.get(&format!("/api/v1/persons/{id}/access-log?limit=10")).send().await.unwrap()).await;
    let first = first.as_array().unwrap();
    assert_eq!(first.len(), 10);
    let last = first.last().unwrap()["seq"].as_i64().unwrap();
    let next: Value =
        json(app.get(&format!("/api/v1/persons/{id}/access-log?limit=10&before={last}")).send().await.unwrap()).await;
    let next = next.as_array().unwrap();
    assert_eq!(next.len(), 10);
    assert!(next.iter().all(|e| e["seq"].as_i64().unwrap() < last), "older entries only");

    // The page reads 20 events at a time, links to the older ones, and back.
    // One person's reads within a minute are one row, in words, not codes.
    let page = app.page_as("sup", &format!("/persons/{id}")).await;
    let rows = page.split("<table class=\"audit\">").nth(1).unwrap().split("</table>").next().unwrap();
    let shown = rows.matches("<tr>").count() - 1;
    assert!((1..=3).contains(&shown), "20 reads in a minute or two are not 20 rows: {rows}");
    assert!(rows.contains("Viewed: ") && rows.contains("person record") && rows.contains("Case management"), "{rows}");
    assert!(!rows.contains("case_management") && !rows.contains(">read person<"), "{rows}");
    let older = page.split("id=\"log-older\"").next().unwrap().rsplit("href=\"").next().unwrap().to_owned();
    let older = older.split('"').next().unwrap().replace("&amp;", "&");
    assert!(older.contains("log_before="), "{older}");
    let page = app.page_as("sup", &older).await;
    assert!(page.contains("id=\"log-newest\""), "{page}");
}

#[tokio::test]
async fn r27_the_access_log_on_the_person_page_says_in_words_who_viewed_and_changed_what() {
    let app = TestApp::spawn().await;
    let id = app.create_named("Log In Words").await;
    let res = app.post(&format!("/api/v1/persons/{id}/cases")).json(&json!({})).send().await.unwrap();
    let cid = json(res).await["id"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&format!("/api/v1/persons/{id}")).send().await.unwrap().status(), 200);
    assert_eq!(app.get(&format!("/api/v1/cases/{cid}")).send().await.unwrap().status(), 200);
    let res = app.patch(&format!("/api/v1/persons/{id}")).json(&json!({"notes": "moved to the shelter"})).send();
    assert_eq!(res.await.unwrap().status(), 200);
    let page = app.page_as("sup", &format!("/persons/{id}")).await;
    let rows = page.split("<table class=\"audit\">").nth(1).unwrap().split("</table>").next().unwrap();
    let rows: Vec<&str> = rows.split("<tr>").skip(2).collect();
    let changed = rows.iter().position(|r| r.contains("Changed: person record")).expect("the edit has its own row");
    let viewed = changed
        + rows[changed..]
            .iter()
            .position(|r| r.contains("Viewed: ") && r.contains("person record") && r.contains("case,"))
            .unwrap_or_else(|| panic!("the reads before it are one row: {rows:?}"));
    let created = rows.iter().position(|r| r.contains("Created: person record")).expect("the creation");
    assert!(changed < viewed && viewed < created, "newest first: {rows:?}");
    assert!(rows.iter().all(|r| !r.contains(">ok<") && !r.contains("case_management")), "{rows:?}");
    // A probe by someone out of reach keeps its own row and its own outcome.
    let cw = app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_probe").await;
    let res = app.client.get(app.url(&format!("/api/v1/persons/{id}"))).bearer_auth(&cw).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let page = app.page_as("sup", &format!("/persons/{id}")).await;
    let probe = page.split("<tr>").find(|r| r.contains("cw_probe")).unwrap_or_else(|| panic!("{page}"));
    assert!(probe.contains("Opened: person record") && probe.contains("Not found"), "{probe}");
}

#[tokio::test]
async fn a_demo_organisation_is_never_offered_to_a_real_one_nor_a_real_one_to_a_demo() {
    let app = TestApp::spawn().await;
    let real = app.store.create_org("Real Shelter Mae Sot", "shelter", Some("THA")).await.unwrap();
    let demo = app.store.create_org("Demo shelter (fictional)", "shelter", Some("THA")).await.unwrap();
    app.store.mark_demo_org(demo).await.unwrap();
    let id = app.create_named("Real Person").await;
    for page in [format!("/persons/{id}"), format!("/persons/{id}/referrals")] {
        let html = app.page_as("sup", &page).await;
        assert!(html.contains(&real.to_string()), "a real organisation is offered on {page}");
        assert!(!html.contains(&demo.to_string()) && !html.contains("fictional"), "{page}: {html}");
    }
    // Not in the lists, and not through the API either: no referral and no
    // consent names the demo organisation for a real person.
    let res = app
        .post(&format!("/api/v1/persons/{id}/referrals"))
        .json(&json!({"service_type": "shelter_men", "recipient_org_id": demo.to_string(), "note": ""}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["field"], "recipient");
    let res = app
        .post(&format!("/api/v1/persons/{id}/consents"))
        .json(&json!({"purpose": "referral", "recipient_org_id": demo.to_string(), "categories": ["identity"],
                      "expires_on": "2099-01-01", "language": "en"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(app.count("referrals").await, 0);
    // In the demo organisation it is the other way round.
    app.user_token("Demo shelter (fictional)", "shelter", "supervisor", "demo_sup").await;
    let demo_person = {
        let token = app.store.create_confirmed_token("demo_sup").await.unwrap().1;
        let res = app
            .client
            .post(app.url("/api/v1/persons"))
            .bearer_auth(&token)
            .json(&json!({"full_name": "Fictional Person"}))
            .send()
            .await
            .unwrap();
        json(res).await["id"].as_str().unwrap().to_owned()
    };
    let html = app.page_as("demo_sup", &format!("/persons/{demo_person}/referrals")).await;
    assert!(!html.contains(&real.to_string()), "{html}");
}

#[tokio::test]
async fn a_caseworker_who_hands_a_case_on_lands_on_the_task_list_told_so() {
    let app = TestApp::spawn().await;
    app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_from").await;
    app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_to").await;
    let from = app.store.user_by_username("cw_from").await.unwrap().id.to_string();
    let to = app.store.user_by_username("cw_to").await.unwrap().id.to_string();
    let person = app.create_named("Handed Over").await;
    let res = app.post(&format!("/api/v1/persons/{person}/cases")).json(&json!({"assigned_to": from})).send().await;
    let case = json(res.unwrap()).await["id"].as_str().unwrap().to_owned();
    let (cookie, csrf) = session(&app, "cw_from").await;
    let res = no_redirects()
        .post(app.url(&format!("/cases/{case}/assign")))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str()), ("assigned_to", to.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/tasks?saved=case-handed");
    let page = app.page_as("cw_from", "/tasks?saved=case-handed").await;
    assert!(page.contains("The case was handed over"), "{page}");
}

#[tokio::test]
async fn the_person_page_names_countries_and_languages_and_an_unchanged_edit_says_so() {
    let app = TestApp::spawn().await;
    let id = app
        .create_person(json!({"full_name": "Named", "nationalities": ["MMR", "FRA"], "languages": ["my", "fr"]}))
        .await;
    let page = app.page_as("sup", &format!("/persons/{id}")).await;
    assert!(page.contains("Myanmar, FRA"), "{page}");
    assert!(page.contains("မြန်မာ, fr"), "{page}");
    let (cookie, csrf) = session(&app, "sup").await;
    let res = no_redirects()
        .post(app.url(&format!("/persons/{id}/edit")))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("full_name", "Named"),
            ("nationality", "MMR"),
            ("nationalities", "FRA"),
            ("language", "my"),
            ("languages", "fr"),
            ("location", "unknown"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], format!("/persons/{id}?saved=person-unchanged").as_str());
    let history = json(app.get(&format!("/api/v1/persons/{id}/history")).send().await.unwrap()).await;
    assert_eq!(history["changes"], json!([]));
}

#[tokio::test]
async fn r16_the_task_list_shows_my_open_cases_and_a_supervisor_the_open_cases_per_colleague() {
    let app = TestApp::spawn().await;
    app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_load").await;
    app.user_token("Other NGO", "ngo_assistance", "caseworker", "cw_far").await;
    let me = app.store.user_by_username("cw_load").await.unwrap().id.to_string();
    let mut cases = Vec::new();
    for name in ["Load One", "Load Two", "Load Three"] {
        let person = app.create_named(name).await;
        let res = app.post(&format!("/api/v1/persons/{person}/cases")).json(&json!({"assigned_to": me})).send().await;
        cases.push(json(res.unwrap()).await["id"].as_str().unwrap().to_owned());
    }
    let closed = app
        .patch(&format!("/api/v1/cases/{}", cases[2]))
        .json(&json!({"status": "closed", "reason": "went home"}))
        .send()
        .await
        .unwrap();
    assert_eq!(closed.status(), 200);
    let page = app.page_as("cw_load", "/tasks").await;
    let mine = page.split("id=\"my-cases\"").nth(1).unwrap().split("</ul>").next().unwrap();
    assert!(mine.contains("Load One") && mine.contains("Load Two"), "{mine}");
    assert!(!mine.contains("Load Three"), "a closed case is not open work");
    assert!(!page.contains("id=\"team\""), "a caseworker sees no team chart");
    // The supervisor sees the team: two open cases with cw_load.
    let sup = app.page_as("sup", "/tasks").await;
    let team = sup.split("id=\"team\"").nth(1).unwrap().split("</figure>").next().unwrap();
    assert!(team.contains(">cw_load</text>") && team.contains(">2</text>"), "{team}");
    // Another organisation's caseworker sees none of it.
    let far = app.page_as("cw_far", "/tasks").await;
    assert!(!far.contains("Load One"), "{far}");
}

#[tokio::test]
async fn r13_a_supervisor_merges_a_duplicate_which_can_be_undone_until_confirmed() {
    let app = TestApp::spawn().await;
    let kept =
        app.create_person(json!({"full_name": "Nguyễn Thị Hoa", "nationalities": ["VNM"], "estimated_age": 24})).await;
    let dup = app
        .create_person(json!({"full_name": "Hoa Nguyen", "latin_name": "Nguyen Thi Hoa", "sex": "female",
                              "contact": "+84 1", "nationalities": ["KHM"]}))
        .await;
    let other = app.create_named("Someone Else").await;
    let merge = |kept: &str, dup: &str| {
        app.post(&format!("/api/v1/persons/{kept}/merges")).json(&json!({"duplicate_id": dup})).send()
    };
    let listed = || async {
        let v = json(app.get("/api/v1/persons").send().await.unwrap()).await;
        v["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    // Supervisors only (R16), and never a record into itself.
    let cw = app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_merge").await;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/persons/{kept}/merges")))
        .bearer_auth(&cw)
        .json(&json!({"duplicate_id": dup}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = merge(&kept, &kept).await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "merge_same_person");

    // Proposed: the duplicate leaves the lists and searches at once, and is merged only once.
    let res = merge(&kept, &dup).await.unwrap();
    assert_eq!(res.status(), 201);
    let first = json(res).await["id"].as_str().unwrap().to_owned();
    assert!(!listed().await.contains(&dup) && listed().await.contains(&kept));
    let found = json(app.get("/api/v1/persons?q=Hoa%20Nguyen").send().await.unwrap()).await;
    assert!(!found.to_string().contains(&dup), "{found}");
    let res = merge(&other, &dup).await.unwrap();
    assert_eq!(json(res).await["error"], "merge_already_open");
    let res = merge(&dup, &other).await.unwrap();
    assert_eq!(json(res).await["error"], "merge_already_open", "a record merged away takes in no other");
    // Nothing of the duplicate is in the kept record yet.
    let k = json(app.get(&format!("/api/v1/persons/{kept}")).send().await.unwrap()).await;
    assert!(k["sex"].is_null() && k["latin_name"].is_null(), "{k}");

    // Undone: both stand as they were, and an undone merge stays undone.
    let res = app.post(&format!("/api/v1/merges/{first}/undo")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(json(res).await["status"], "undone");
    assert!(listed().await.contains(&dup));
    let res = app.post(&format!("/api/v1/merges/{first}/confirm")).send().await.unwrap();
    assert_eq!(json(res).await["error"], "merge_already_undone");

    // Proposed again and confirmed: the kept record takes the duplicate's
    // names and blanks, each change in its history.
    let res = merge(&kept, &dup).await.unwrap();
    let second = json(res).await["id"].as_str().unwrap().to_owned();
    let res = app.post(&format!("/api/v1/merges/{second}/confirm")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(json(res).await["status"], "confirmed");
    let k = json(app.get(&format!("/api/v1/persons/{kept}")).send().await.unwrap()).await;
    assert_eq!(k["full_name"], "Nguyễn Thị Hoa");
    assert_eq!(k["other_names"], json!(["Hoa Nguyen"]));
    assert_eq!(k["latin_name"], "Nguyen Thi Hoa");
    assert_eq!(k["sex"], "female");
    assert_eq!(k["contact"], "+84 1");
    assert_eq!(k["nationalities"], json!(["VNM", "KHM"]));
    let history = json(app.get(&format!("/api/v1/persons/{kept}/history")).send().await.unwrap()).await;
    assert!(history["changes"].as_array().unwrap().len() >= 5, "{history}");
    for step in ["undo", "confirm"] {
        let res = app.post(&format!("/api/v1/merges/{second}/{step}")).send().await.unwrap();
        assert_eq!(json(res).await["error"], "merge_already_confirmed", "{step}");
    }
    // A search for the duplicate's name now finds the kept record.
    let found = json(app.get("/api/v1/persons?q=Hoa%20Nguyen").send().await.unwrap()).await;
    let ids: Vec<&str> = found["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [kept.as_str()]);
    let merges = json(app.get(&format!("/api/v1/persons/{dup}/merges")).send().await.unwrap()).await;
    assert_eq!(merges.as_array().unwrap().len(), 2);
    assert_eq!(merges[0]["status"], "confirmed");
    assert_eq!(merges[0]["proposed_by"], "sup");

    // The pages: each record says what happened, in words.
    let page = app.page_as("sup", &format!("/persons/{dup}")).await;
    assert!(page.contains("id=\"merged-into\"") && page.contains(&format!("/persons/{kept}")), "{page}");
    assert!(!page.contains("id=\"find-duplicates\""), "a merged record looks for no duplicates");
    let page = app.page_as("sup", &format!("/persons/{kept}")).await;
    assert!(page.contains("id=\"merges\"") && page.contains("Hoa Nguyen") && page.contains("confirmed"), "{page}");
    assert!(!page.contains(&format!("/merges/{second}/undo")), "a confirmed merge offers no undo");

    // A merge row written in SQL hides nobody, and raises the alarm.
    let victim = app.create_named("Hidden By Insider").await;
    let org = app.store.org_by_name("Local organisation").await.unwrap();
    app.exec(&format!(
        "INSERT INTO person_merges (id, org_id, kept_id, merged_id, status, proposed_by, proposed_at) \
         VALUES ('forged-merge', '{org}', '{other}', '{victim}', 'confirmed', 'x', 0)"
    ))
    .await;
    let alarms_before = app.count("audit_events WHERE action = 'integrity_alarm'").await;
    assert!(listed().await.contains(&victim), "a forged merge hides nobody");
    let mut raised = false;
    for _ in 0..50 {
        if app.count("audit_events WHERE action = 'integrity_alarm'").await > alarms_before {
            raised = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(raised, "the forged row raised the alarm");

    // A merge switched back to "undone" in SQL is caught where it is read (R27).
    app.exec(&format!("UPDATE person_merges SET status = 'undone' WHERE id = '{second}'")).await;
    let res = app.get(&format!("/api/v1/persons/{kept}/merges")).send().await.unwrap();
    assert_eq!(res.status(), 409, "refused as tampered, not shown");
    assert!(app.count("audit_events WHERE action = 'integrity_alarm'").await >= 1);
}

#[tokio::test]
async fn r13_the_duplicates_page_finds_records_by_name_and_merges_from_the_browser() {
    let app = TestApp::spawn().await;
    let kept = app.create_person(json!({"full_name": "Somchai Jaidee"})).await;
    let dup = app.create_person(json!({"full_name": "สมชาย ใจดี", "latin_name": "Somchai Jaidee"})).await;
    app.create_named("Unrelated Person").await;
    let page = app.page_as("sup", &format!("/persons/{kept}")).await;
    assert!(page.contains(&format!("href=\"/persons/{kept}/duplicates\"")), "{page}");
    let page = app.page_as("sup", &format!("/persons/{kept}/duplicates")).await;
    let table = page
        .split("id=\"merge-candidates\"")
        .nth(1)
        .unwrap_or_else(|| panic!("{page}"))
        .split("</table>")
        .next()
        .unwrap();
    assert!(table.contains(&dup) && !table.contains("Unrelated") && !table.contains(&format!("value=\"{kept}\"")));
    assert!(!page.contains("id=\"merge-more\""), "two matches fit: {page}");
    // More matches than the page holds: it says so rather than leaving them out unsaid.
    for n in 0..21 {
        app.create_named(&format!("Somchai Other{n}")).await;
    }
    let crowded = app.page_as("sup", &format!("/persons/{kept}/duplicates?q=somchai")).await;
    assert!(crowded.contains("id=\"merge-more\""), "{crowded}");
    let (cookie, csrf) = session(&app, "sup").await;
    let res = no_redirects()
        .post(app.url(&format!("/persons/{kept}/merges")))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str()), ("duplicate_id", dup.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let back = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.ends_with("?saved=merge-pending"), "{back}");
    let page = app.page_as("sup", &back).await;
    assert!(page.contains("The duplicate is out of the lists"), "{page}");
    let undo = page.split("action=\"/merges/").nth(1).unwrap().split('"').next().unwrap().to_owned();
    assert!(undo.ends_with("/confirm"), "{undo}");
    let id = undo.trim_end_matches("/confirm");
    // Without the form's token nothing happens.
    let res = no_redirects()
        .post(app.url(&format!("/merges/{id}/undo")))
        .header("cookie", &cookie)
        .form(&[("csrf", "wrong")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = no_redirects()
        .post(app.url(&format!("/merges/{id}/undo")))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"].to_str().unwrap(), format!("/persons/{kept}?saved=merge-undone"));
    let merges = json(app.get(&format!("/api/v1/persons/{kept}/merges")).send().await.unwrap()).await;
    assert_eq!(merges[0]["status"], "undone");
}

#[tokio::test]
async fn r28_erasing_a_kept_record_erases_its_confirmed_duplicate_and_frees_a_pending_one() {
    let app = TestApp::spawn().await;
    let merge = |kept: &str, dup: &str| {
        app.post(&format!("/api/v1/persons/{kept}/merges")).json(&json!({"duplicate_id": dup})).send()
    };
    let listed = || async {
        let v = json(app.get("/api/v1/persons").send().await.unwrap()).await;
        v["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    // A confirmed duplicate is the same person: erasing one erases both, or
    // a full copy would stay behind, out of every list.
    let kept2 = app.create_named("Erase Kept").await;
    let dup2 = app.create_named("Erase Duplicate").await;
    let pending_dup = app.create_named("Pending Duplicate").await;
    let res = merge(&kept2, &dup2).await.unwrap();
    let m2 = json(res).await["id"].as_str().unwrap().to_owned();
    assert_eq!(app.post(&format!("/api/v1/merges/{m2}/confirm")).send().await.unwrap().status(), 200);
    assert_eq!(merge(&kept2, &pending_dup).await.unwrap().status(), 201);
    assert!(!listed().await.contains(&pending_dup));
    assert_eq!(app.post(&format!("/api/v1/persons/{kept2}/erase")).send().await.unwrap().status(), 204);
    assert_eq!(app.get(&format!("/api/v1/persons/{dup2}")).send().await.unwrap().status(), 410);
    // A pending merge with an erased record is undone: nobody stays hidden behind it.
    assert!(listed().await.contains(&pending_dup), "the pending duplicate is back in the list");
    let p = json(app.get(&format!("/api/v1/persons/{pending_dup}")).send().await.unwrap()).await;
    assert_eq!(p["full_name"], "Pending Duplicate");

    assert_eq!(app.count("audit_events WHERE outcome = 'erased_with_kept_record'").await, 1);
    assert_eq!(app.count("audit_events WHERE outcome = 'merge_undone_by_erasure'").await, 1);
}

/// A name search with more matches than a page offers the next page, and
/// both pager links keep the search rather than falling back to the list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_search_pages_through_its_matches_in_the_page() {
    let app = TestApp::spawn().await;
    for n in 0..52 {
        app.create_named(&format!("Pagerfamily Given{n}")).await;
    }
    app.create_named("Someone Else").await;
    let first = app.page_as("sup", "/persons?q=pagerfamily").await;
    assert!(first.contains("href=\"/persons?page=2&amp;q=pagerfamily\""), "{first}");
    assert!(!first.contains("Someone Else"));
    let second = app.page_as("sup", "/persons?q=pagerfamily&page=2").await;
    assert!(second.contains("href=\"/persons?page=1&amp;q=pagerfamily\""), "{second}");
    assert!(!second.contains("page=3"), "52 matches fill two pages of 50: {second}");
    assert_eq!(second.matches("Pagerfamily Given").count(), 2, "{second}");
}

/// Name search counts each word's matches cheaply first and exactly only
/// when every word is common (issue 12). Either way every match is found:
/// one rare word beside a common one, and two words past the first count.
#[tokio::test]
async fn a_name_search_finds_every_match_whether_one_word_is_rare_or_both_are_common() {
    let app = TestApp::spawn().await;
    for _ in 0..130 {
        app.create_named("Commonfam Commongiven").await;
    }
    for _ in 0..3 {
        app.create_named("Commonfam Rareword").await;
    }
    let found = |q: &'static str, page: u32| {
        let app = &app;
        async move {
            let v =
                json(app.get(&format!("/api/v1/persons?q={q}&per_page=50&page={page}")).send().await.unwrap()).await;
            (v["items"].as_array().map_or(0, Vec::len), v["has_more"].as_bool())
        }
    };
    assert_eq!(found("commonfam%20rareword", 1).await, (3, Some(false)), "one rare word beside a common one");
    assert_eq!(found("rareword%20commongiven", 1).await, (0, Some(false)), "no one has both");
    // Both words are past the first count: 130 matches over three pages.
    assert_eq!(found("commonfam%20commongiven", 1).await, (50, Some(true)));
    assert_eq!(found("commongiven%20commonfam", 3).await, (30, Some(false)));
}
