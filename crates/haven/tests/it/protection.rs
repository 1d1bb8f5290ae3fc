//! Return, stay and the child pathway through the API (R20, R21, R22).

use serde_json::{json, Value};

use crate::helpers::{json, TestApp};

const RISKS: [&str; 7] = [
    "re_trafficking",
    "reprisals",
    "prosecution_on_return",
    "persecution_or_insecurity",
    "debt_or_ransom",
    "stigma",
    "health",
];

fn risk_body(persecution: &str) -> Value {
    let mut b = serde_json::Map::new();
    for r in RISKS {
        b.insert(r.into(), json!("low"));
    }
    b.insert("persecution_or_insecurity".into(), json!(persecution));
    b.insert("reasons".into(), json!("Conflict in the home township; the family has been threatened."));
    Value::Object(b)
}

fn plan_body(travel_on: &str) -> Value {
    json!({"consent_free_prior_informed": "yes", "consent_on": "2026-11-20", "consent_language": "vi",
           "travel_documents": "arranged", "destination": "VNM", "travel_on": travel_on,
           "reception_contact": "Reception centre Hai Phong, contact Ms Quyen-canary"})
}

async fn post(app: &TestApp, person: &str, kind: &str, body: Value) -> (u16, Value) {
    let res = app.post(&format!("/api/v1/persons/{person}/protection/{kind}")).json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, json(res).await)
}

#[tokio::test]
async fn r21_a_high_return_risk_blocks_the_return_plan_and_proposes_stay_pathways() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Aung Ko").await;
    // No assessment yet: no return plan.
    let (s, b) = post(&app, &pid, "return_plan", plan_body("2026-12-20")).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "r21_no_risk_assessment"));
    // An assessment must rate every risk.
    let (s, b) = post(&app, &pid, "return_risk", json!({"re_trafficking": "high", "reasons": "x"})).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "risk_level_required"));
    let (s, _) = post(&app, &pid, "return_risk", risk_body("high")).await;
    assert_eq!(s, 201);
    let (s, b) = post(&app, &pid, "return_plan", plan_body("2026-12-20")).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "r21_high_risk_blocks_return"));
    let file = json(app.get(&format!("/api/v1/persons/{pid}/protection")).send().await.unwrap()).await;
    assert_eq!(
        file["stay_pathways"],
        json!(["humanitarian_stay", "temporary_residence", "refugee_status_determination"])
    );
    assert_eq!(file["records"].as_array().unwrap().len(), 1, "the refused plan left nothing behind: {file}");
    assert_eq!(file["records"][0]["status"], "high");
    assert_eq!(file["records"][0]["fields"]["persecution_or_insecurity"], "high");
}

#[tokio::test]
async fn r22_a_return_needs_consent_and_documents_and_schedules_follow_ups() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Trần Thị Lan").await;
    assert_eq!(post(&app, &pid, "return_risk", risk_body("medium")).await.0, 201);
    for (field, code) in
        [("consent_free_prior_informed", "r22_consent_required"), ("travel_documents", "r22_travel_documents_required")]
    {
        let mut b = plan_body("2026-12-20");
        b.as_object_mut().unwrap().remove(field);
        let (s, body) = post(&app, &pid, "return_plan", b).await;
        assert_eq!((s, body["error"].as_str().unwrap()), (400, code), "{field}");
    }
    // A return 25 days ago: its first follow-up falls due within days.
    let travel = time::OffsetDateTime::now_utc().date() - time::Duration::days(25);
    let travel = haven_core::person::format_date(travel);
    let (s, _) = post(&app, &pid, "return_plan", plan_body(&travel)).await;
    assert_eq!(s, 201);
    let file = json(app.get(&format!("/api/v1/persons/{pid}/protection")).send().await.unwrap()).await;
    let plan = file["records"].as_array().unwrap().iter().find(|r| r["kind"] == "return_plan").unwrap().clone();
    assert_eq!(plan["status"], "planned");
    assert_eq!(plan["fields"]["follow_ups"].as_str().unwrap().split(' ').count(), 3);
    assert!(file["stay_pathways"].as_array().unwrap().is_empty());
    let tasks = json(app.get("/api/v1/tasks").send().await.unwrap()).await;
    assert!(
        tasks.as_array().unwrap().iter().any(|t| t["kind"] == "return_follow_up" && t["name"] == "Trần Thị Lan"),
        "{tasks}"
    );
}

#[tokio::test]
async fn r20_the_child_pathway_hears_the_child_and_traces_family_only_after_a_risk_assessment() {
    let app = TestApp::spawn().await;
    let child =
        app.create_person(json!({"full_name": "Young Person", "estimated_age": 16, "age_uncertain": true})).await;
    let adult = app.create_named("Grown Person").await;
    let guardian = json!({"name": "Ms Dara", "organisation": "Child Protection Unit", "appointed_on": "2026-11-20"});
    let (s, b) = post(&app, &adult, "guardian", guardian.clone()).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "child_pathway_only"));
    let bia = json!({"child_views": "Wants to keep going to school here.", "recommendation": "remain_in_care",
                     "reasons": "Safe placement; the family situation is unknown."});
    let (s, b) = post(&app, &child, "best_interests", bia.clone()).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "r20_guardian_first"));
    assert_eq!(post(&app, &child, "guardian", guardian).await.0, 201);
    assert_eq!(post(&app, &child, "best_interests", bia).await.0, 201);
    let (s, b) = post(&app, &child, "family_tracing", json!({})).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "r20_family_risk_first"));
    let (s, b) = post(&app, &child, "family_risk", json!({"level": "low", "reasons": "x"})).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "r20_child_must_be_heard"));
    let high = json!({"level": "high", "child_heard": "yes", "reasons": "An uncle arranged the recruitment."});
    assert_eq!(post(&app, &child, "family_risk", high).await.0, 201);
    let (s, b) = post(&app, &child, "family_tracing", json!({})).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "r20_family_risk_high"));
    let low = json!({"level": "low", "child_heard": "yes", "reasons": "The mother is safe and looking for him."});
    assert_eq!(post(&app, &child, "family_risk", low).await.0, 201);
    assert_eq!(post(&app, &child, "family_tracing", json!({"notes": "via the Red Cross"})).await.0, 201);
    let file = json(app.get(&format!("/api/v1/persons/{child}/protection")).send().await.unwrap()).await;
    assert_eq!(file["child_pathway"], true);
    assert_eq!(file["records"][0]["kind"], "family_tracing");
}

#[tokio::test]
async fn r16_r28_protection_records_are_sealed_and_out_of_reach_of_enforcement() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Sealed Person").await;
    assert_eq!(post(&app, &pid, "return_risk", risk_body("low")).await.0, 201);
    assert_eq!(post(&app, &pid, "return_plan", plan_body("2026-12-20")).await.0, 201);
    let police = app.user_token("Border Police", "police", "caseworker", "officer").await;
    let res = app
        .client
        .get(app.url(&format!("/api/v1/persons/{pid}/protection")))
        .bearer_auth(&police)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "R16: an enforcement user cannot even ask");
    // The contact was written: the supervisor reads it back.
    let file = app.get(&format!("/api/v1/persons/{pid}/protection")).send().await.unwrap().text().await.unwrap();
    assert!(file.contains("Quyen-canary"), "{file}");
    // And it is sealed at rest on either engine: in SQLite's files, and in
    // every row PostgreSQL holds.
    for f in crate::helpers::files_under(&app.data_dir()) {
        let bytes = match std::fs::read(&f) {
            Ok(b) => b,
            // SQLite removes -wal and -shm files when its last connection closes.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => panic!("{}: {e}", f.display()),
        };
        assert!(!crate::helpers::contains(&bytes, b"Quyen-canary"), "{} holds the reception contact", f.display());
    }
    if crate::helpers::backend() == haven_store::Backend::Postgres {
        let text = crate::encryption::all_postgres_text(&app).await;
        assert!(text.len() > 1000, "the dump holds the tables");
        assert!(!text.contains("Quyen-canary"), "PostgreSQL holds the reception contact in clear");
    }
}

#[tokio::test]
async fn r19_a_compensation_claim_itemises_losses_and_follows_its_status() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Claimant Person").await;
    let (s, b) = post(&app, &pid, "compensation_claim", json!({"currency": "THB", "forum": "Labour court"})).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "no_losses"));
    let claim = json!({"currency": "thb", "forum": "Labour court, Bangkok", "respondent": "Recruitment agency X",
                       "unpaid_wages": "45000", "ransom_paid": "120000", "fines": "5000"});
    assert_eq!(post(&app, &pid, "compensation_claim", claim.clone()).await.0, 201);
    let mut filed = claim;
    filed["claim_status"] = json!("filed");
    assert_eq!(post(&app, &pid, "compensation_claim", filed).await.0, 201);
    let file = json(app.get(&format!("/api/v1/persons/{pid}/protection")).send().await.unwrap()).await;
    let newest = &file["records"][0];
    assert_eq!(newest["kind"], "compensation_claim");
    assert_eq!(newest["status"], "filed", "the newest record is the claim's current status");
    assert_eq!(newest["fields"]["total"], "170000");
    assert_eq!(newest["fields"]["currency"], "THB");
}

#[tokio::test]
async fn r20_a_presumed_child_screened_gets_a_guardian_task_until_a_guardian_is_recorded() {
    let app = TestApp::spawn().await;
    // No age recorded: presumed a child (R02).
    let child = app.create_person(json!({"full_name": "Presumed Child"})).await;
    let sid = app.start_screening(&child, "en").await;
    app.answer_reasonable_grounds(&sid).await;
    assert_eq!(app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap().status(), 200);
    let guardian_tasks = |tasks: &Value| {
        tasks
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["kind"] == "appoint_guardian" && t["person_id"] == child.as_str())
            .count()
    };
    let tasks = json(app.get("/api/v1/tasks").send().await.unwrap()).await;
    assert_eq!(guardian_tasks(&tasks), 1, "{tasks}");
    let guardian = json!({"name": "Ms Dara", "organisation": "Child Protection Unit", "appointed_on": "2026-11-20"});
    assert_eq!(post(&app, &child, "guardian", guardian).await.0, 201);
    let tasks = json(app.get("/api/v1/tasks").send().await.unwrap()).await;
    assert_eq!(guardian_tasks(&tasks), 0, "{tasks}");
}

#[tokio::test]
async fn r21_the_return_risk_form_offers_not_assessed_and_records_it() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Not Assessed Yet").await;
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, csrf) = app.store.create_session(&sup, true).await.unwrap();
    let cookie = format!("haven_session={secret}");
    let page = app.client.get(app.url(&format!("/persons/{pid}/protection"))).header("cookie", &cookie).send();
    let html = page.await.unwrap().text().await.unwrap();
    assert!(html.contains("value=\"not_assessed\""), "the form offers it");
    let mut form: Vec<(String, String)> = vec![("csrf".into(), csrf.clone())];
    for r in haven_core::protection::RETURN_RISKS {
        let level = if r == "re_trafficking" { "high" } else { "not_assessed" };
        form.push((r.to_owned(), level.to_owned()));
    }
    form.push(("reasons".into(), "The person was not ready to talk about home yet.".into()));
    let res = app
        .client
        .post(app.url(&format!("/persons/{pid}/protection/return_risk")))
        .header("cookie", &cookie)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let records = json(app.get(&format!("/api/v1/persons/{pid}/protection")).send().await.unwrap()).await;
    assert!(records.to_string().contains("not_assessed"), "{records}");
}
