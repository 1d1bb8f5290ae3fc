//! Referrals through the API: consent-scoped access for the receiving
//! organisation, withdrawal cutting it, the lifecycle, the letter, overdue
//! answers on the task list (R15, R16, R17, R19).

use serde_json::{json, Value};

use crate::helpers::{json, session, TestApp};

struct Referral {
    app: TestApp,
    person: String,
    id: String,
    /// A caseworker of the receiving shelter.
    shelter: String,
    shelter_org: String,
}

async fn propose(app: &TestApp, person: &str, service: &str, to: &str) -> (u16, Value) {
    let res = app
        .post(&format!("/api/v1/persons/{person}/referrals"))
        .json(&json!({"service_type": service, "recipient_org_id": to, "note": "Needs a bed tonight; speaks Burmese only"}))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), json(res).await)
}

async fn consent(app: &TestApp, referral: &str, categories: &[&str]) -> (u16, Value) {
    let res = app
        .post(&format!("/api/v1/referrals/{referral}/consent"))
        .json(&json!({"categories": categories, "expires_on": "2099-12-31", "language": "my"}))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), json(res).await)
}

async fn step(app: &TestApp, token: &str, referral: &str, step: &str, reason: Option<&str>) -> (u16, Value) {
    let res = app
        .client
        .post(app.url(&format!("/api/v1/referrals/{referral}/steps/{step}")))
        .bearer_auth(token)
        .json(&json!({ "reason": reason }))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), json(res).await)
}

async fn as_user(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    let res = app.client.get(app.url(path)).bearer_auth(token).send().await.unwrap();
    (res.status().as_u16(), json(res).await)
}

/// A person referred to a men's shelter with consent to identity and contact.
async fn sent_referral() -> Referral {
    let app = TestApp::spawn().await;
    let person = app
        .create_person(json!({"full_name": "Ko Zaw Lin", "languages": ["my"], "contact": "+66 80 123 4567",
                              "notes": "Story-canary: beaten for missing quotas"}))
        .await;
    let shelter = app.user_token("Men's Shelter Mae Sot", "shelter", "caseworker", "shelter1").await;
    let shelter_org = app.store.org_by_name("Men's Shelter Mae Sot").await.unwrap().to_string();
    let (s, b) = propose(&app, &person, "shelter_men", &shelter_org).await;
    assert_eq!(s, 201, "{b}");
    let id = b["id"].as_str().unwrap().to_owned();
    // Not yet consented: nothing can be sent, and the shelter knows nothing.
    let (s, b) = step(&app, &app.token, &id, "send", None).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "r17_consent_required"));
    assert_eq!(as_user(&app, &shelter, &format!("/api/v1/referrals/{id}")).await.0, 404);
    assert_eq!(consent(&app, &id, &["identity", "contact_location"]).await.0, 201);
    let (s, b) = step(&app, &app.token, &id, "send", None).await;
    assert_eq!((s, b["status"].as_str().unwrap()), (200, "sent"), "{b}");
    Referral { app, person, id, shelter, shelter_org }
}

#[tokio::test]
async fn r17_receiving_org_sees_only_the_consented_categories_and_withdrawal_cuts_access() {
    let r = sent_referral().await;
    let (s, list) = as_user(&r.app, &r.shelter, "/api/v1/referrals").await;
    assert_eq!(s, 200);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["person"]["full_name"], "Ko Zaw Lin");
    let path = format!("/api/v1/referrals/{}", r.id);
    // Before anyone takes it on, a caseworker there sees who is referred, to triage.
    let (s, one) = as_user(&r.app, &r.shelter, &path).await;
    assert_eq!(s, 200);
    assert_eq!(one["person"]["full_name"], "Ko Zaw Lin");
    assert!(one["person"]["contact"].is_null(), "{one}");
    assert_eq!(one["referral"]["shared_categories"], json!(["identity", "contact_location"]));
    // The shelter's own reach does not include the person.
    assert_eq!(as_user(&r.app, &r.shelter, &format!("/api/v1/persons/{}", r.person)).await.0, 404);

    assert_eq!(step(&r.app, &r.shelter, &r.id, "accept", None).await.0, 200);
    // The caseworker who accepted, and the shelter's supervisor, see all that was consented.
    let supervisor = r.app.user_token("Men's Shelter Mae Sot", "shelter", "supervisor", "shelter-sup").await;
    let colleague = r.app.user_token("Men's Shelter Mae Sot", "shelter", "caseworker", "shelter2").await;
    for token in [&r.shelter, &supervisor] {
        let (_, one) = as_user(&r.app, token, &path).await;
        assert_eq!(one["person"]["contact"], "+66 80 123 4567");
        assert!(one["person"]["notes"].is_null(), "the account of events was not consented: {one}");
        assert!(one["referral"]["note"].is_null(), "nor the caseworker's note about the person's situation");
        assert!(!one.to_string().contains("Story-canary"));
    }
    // Another caseworker there still sees only the name (need to know).
    let (_, one) = as_user(&r.app, &colleague, &path).await;
    assert_eq!(one["person"]["full_name"], "Ko Zaw Lin");
    assert!(one["person"]["contact"].is_null());
    let consents = json(r.app.get(&format!("/api/v1/persons/{}/consents", r.person)).send().await.unwrap()).await;
    let cid = consents[0]["id"].as_str().unwrap();
    assert_eq!(r.app.post(&format!("/api/v1/consents/{cid}/withdraw")).send().await.unwrap().status(), 204);

    let (s, one) = as_user(&r.app, &r.shelter, &format!("/api/v1/referrals/{}", r.id)).await;
    assert_eq!(s, 200);
    assert!(one["person"].is_null(), "withdrawal cuts access at once: {one}");
    assert_eq!(one["referral"]["status"], "revoked");
    assert_eq!(one["referral"]["shared_categories"], json!([]));
    let (_, list) = as_user(&r.app, &r.shelter, "/api/v1/referrals").await;
    assert!(list[0]["person"].is_null());
    assert!(!list.to_string().contains("Ko Zaw Lin"));
    // And nothing more can be done on it.
    let (s, b) = step(&r.app, &r.shelter, &r.id, "start", None).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "invalid_transition"));
}

#[tokio::test]
async fn r17_expired_consent_closes_the_data_even_if_the_referral_is_open() {
    let r = sent_referral().await;
    // Age the consent as if its last day had passed.
    r.app.backdate("UPDATE consents SET expires_on = '2020-01-01'", "consents").await;
    let (s, one) = as_user(&r.app, &r.shelter, &format!("/api/v1/referrals/{}", r.id)).await;
    assert_eq!(s, 200);
    assert_eq!(one["referral"]["status"], "sent");
    assert!(one["person"].is_null(), "{one}");
    let (s, b) = step(&r.app, &r.shelter, &r.id, "accept", None).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "r17_consent_not_in_force"));
}

#[tokio::test]
async fn r19_the_lifecycle_runs_from_proposal_to_completion_with_its_history() {
    let r = sent_referral().await;
    // Each side takes only its own steps.
    assert_eq!(step(&r.app, &r.app.token, &r.id, "accept", None).await.0, 403);
    assert_eq!(step(&r.app, &r.shelter, &r.id, "revoke", None).await.0, 403);
    for st in ["accept", "start", "complete"] {
        let (s, b) = step(&r.app, &r.shelter, &r.id, st, None).await;
        assert_eq!(s, 200, "{st}: {b}");
    }
    let list = json(r.app.get(&format!("/api/v1/persons/{}/referrals", r.person)).send().await.unwrap()).await;
    let statuses: Vec<&str> =
        list[0]["events"].as_array().unwrap().iter().map(|e| e["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["proposed", "consent_recorded", "sent", "accepted", "in_progress", "completed"]);
    assert_eq!(list[0]["note"], "Needs a bed tonight; speaks Burmese only");
    // Completed: the shelter no longer needs, or gets, the person's data.
    let (_, one) = as_user(&r.app, &r.shelter, &format!("/api/v1/referrals/{}", r.id)).await;
    assert!(one["person"].is_null());
}

#[tokio::test]
async fn r19_a_decline_needs_a_reason_and_the_referring_caseworker_reads_it() {
    let r = sent_referral().await;
    let (s, b) = step(&r.app, &r.shelter, &r.id, "decline", Some("  ")).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "required"));
    let (s, _) = step(&r.app, &r.shelter, &r.id, "decline", Some("No bed until next month")).await;
    assert_eq!(s, 200);
    let list = json(r.app.get(&format!("/api/v1/persons/{}/referrals", r.person)).send().await.unwrap()).await;
    assert_eq!(list[0]["status"], "declined");
    assert_eq!(list[0]["response"], "No bed until next month");
}

#[tokio::test]
async fn r16_no_referral_goes_to_an_enforcement_authority_or_can_be_read_there() {
    let r = sent_referral().await;
    let police = r.app.user_token("Provincial Police", "police", "caseworker", "pol1").await;
    let police_org = r.app.store.org_by_name("Provincial Police").await.unwrap().to_string();
    let (s, b) = propose(&r.app, &r.person, "legal_aid", &police_org).await;
    assert_eq!((s, b["error"].as_str().unwrap()), (400, "r16_enforcement_recipient"));
    assert_eq!(as_user(&r.app, &police, "/api/v1/referrals").await.0, 403);
    assert_eq!(as_user(&r.app, &police, &format!("/api/v1/referrals/{}", r.id)).await.0, 403);
    assert_eq!(r.app.count("referrals").await, 1, "the refused proposal left nothing");
}

#[tokio::test]
async fn r19_every_service_in_the_list_can_be_proposed_consented_and_sent() {
    let app = TestApp::spawn().await;
    let person = app.create_named("Nguyen Van Binh").await;
    app.user_token("Partner NGO", "ngo_assistance", "caseworker", "partner1").await;
    let to = app.store.org_by_name("Partner NGO").await.unwrap().to_string();
    for t in haven_core::services::SERVICE_TYPES {
        let (s, b) = propose(&app, &person, t, &to).await;
        assert_eq!(s, 201, "{t}: {b}");
        let id = b["id"].as_str().unwrap();
        assert_eq!(consent(&app, id, &["identity"]).await.0, 201, "{t}");
        let (s, b) = step(&app, &app.token, id, "send", None).await;
        assert_eq!((s, b["status"].as_str().unwrap()), (200, "sent"), "{t}");
    }
}

#[tokio::test]
async fn r17_the_referral_letter_is_a_pdf_in_the_providers_and_persons_languages() {
    let r = sent_referral().await;
    r.app.exec(&format!("UPDATE organisations SET languages = 'th' WHERE id = '{}'", r.shelter_org)).await;
    let res = r.app.get(&format!("/api/v1/referrals/{}/letter.pdf", r.id)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Ko Zaw Lin"), "{text}");
    assert!(text.contains("+66 80 123 4567"), "contact was consented");
    assert!(!text.contains("Story-canary"));
    assert!(!text.contains("Needs a bed"), "the note is part of the account, which was not consented");
    // The Thai and Burmese titles (the provider's and the person's languages).
    assert!(text.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)), "Thai: {text}");
    assert!(text.chars().any(|c| ('\u{1000}'..='\u{109F}').contains(&c)), "Burmese: {text}");
    // (A letter in Burmese alone has no English title: the check below
    // tells the languages apart.)
    r.app.exec(&format!("UPDATE organisations SET languages = 'my' WHERE id = '{}'", r.shelter_org)).await;
    let pdf = r.app.get(&format!("/api/v1/referrals/{}/letter.pdf", r.id)).send().await.unwrap().bytes().await.unwrap();
    std::fs::write(&path, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Referral"));
    // A provider with no language recorded gets the referring side's
    // language (English here) beside the person's, not Burmese alone.
    r.app.exec(&format!("UPDATE organisations SET languages = '' WHERE id = '{}'", r.shelter_org)).await;
    let pdf = r.app.get(&format!("/api/v1/referrals/{}/letter.pdf", r.id)).send().await.unwrap().bytes().await.unwrap();
    std::fs::write(&path, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Referral"), "English for the provider: {text}");
    assert!(text.chars().any(|c| ('\u{1000}'..='\u{109F}').contains(&c)), "Burmese: {text}");
    // The receiving side does not write the referring side's letter.
    let res = r
        .app
        .client
        .get(r.app.url(&format!("/api/v1/referrals/{}/letter.pdf", r.id)))
        .bearer_auth(&r.shelter)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn r19_an_unanswered_referral_appears_on_the_task_list_when_overdue() {
    let r = sent_referral().await;
    let tasks = json(r.app.get("/api/v1/tasks").send().await.unwrap()).await;
    assert!(!tasks.to_string().contains("referral_overdue"), "not yet due: {tasks}");
    // Ten days before the test's own today, whatever day it runs.
    let past = time::OffsetDateTime::now_utc().date() - time::Duration::days(10);
    r.app.exec(&format!("UPDATE referrals SET due_on = '{past}'")).await;
    let tasks = json(r.app.get("/api/v1/tasks").send().await.unwrap()).await;
    let t = tasks.as_array().unwrap().iter().find(|t| t["kind"] == "referral_overdue").expect("overdue task");
    assert_eq!(t["person_id"], r.person.as_str());
    assert_eq!(t["overdue"], true);
    // Answered: off the list.
    assert_eq!(step(&r.app, &r.shelter, &r.id, "accept", None).await.0, 200);
    let tasks = json(r.app.get("/api/v1/tasks").send().await.unwrap()).await;
    assert!(!tasks.to_string().contains("referral_overdue"));
}

#[tokio::test]
async fn r17_r28_erasure_revokes_open_referrals_and_empties_their_text() {
    let r = sent_referral().await;
    assert_eq!(r.app.post(&format!("/api/v1/persons/{}/erase", r.person)).send().await.unwrap().status(), 204);
    let (s, one) = as_user(&r.app, &r.shelter, &format!("/api/v1/referrals/{}", r.id)).await;
    assert_eq!(s, 200);
    assert_eq!(one["referral"]["status"], "revoked");
    assert!(one["person"].is_null());
    assert_eq!(r.app.count("referrals WHERE note IS NOT NULL").await, 0);
}

// ---- the restricted cooperation record (R15, R16) ----

async fn record_cooperation(app: &TestApp, person: &str, status: &str) {
    let res = app
        .post(&format!("/api/v1/persons/{person}/cooperation"))
        .json(&json!({"status": status, "note": "Coop-canary: asked by the investigating officer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{status}");
}

#[tokio::test]
async fn r15_every_referral_and_task_proceeds_whatever_the_cooperation_record_says() {
    let app = TestApp::spawn().await;
    app.user_token("Partner NGO", "ngo_assistance", "caseworker", "partner1").await;
    let to = app.store.org_by_name("Partner NGO").await.unwrap().to_string();
    let mut views = Vec::new();
    for status in [None, Some("declined"), Some("statement_given"), Some("undecided")] {
        let person = app.create_named(&format!("Person {status:?}")).await;
        if let Some(s) = status {
            record_cooperation(&app, &person, s).await;
        }
        for t in haven_core::services::SERVICE_TYPES {
            let (s, b) = propose(&app, &person, t, &to).await;
            assert_eq!(s, 201, "{status:?} {t}: {b}");
            let id = b["id"].as_str().unwrap();
            assert_eq!(consent(&app, id, &["identity"]).await.0, 201);
            let (s, b) = step(&app, &app.token, id, "send", None).await;
            assert_eq!((s, b["status"].as_str().unwrap()), (200, "sent"), "{status:?} {t}");
        }
        // What the person's own pages say does not depend on it either.
        let referrals = json(app.get(&format!("/api/v1/persons/{person}/referrals")).send().await.unwrap()).await;
        let mut shape: Vec<(String, String)> = referrals
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["service_type"].as_str().unwrap().to_owned(), r["status"].as_str().unwrap().to_owned()))
            .collect();
        shape.sort();
        let file = json(app.get(&format!("/api/v1/persons/{person}")).send().await.unwrap()).await;
        assert!(!file.to_string().contains("Coop-canary"));
        assert!(!referrals.to_string().contains("Coop-canary") && !referrals.to_string().contains("cooperat"));
        views.push(shape);
    }
    assert!(views.windows(2).all(|w| w[0] == w[1]), "identical whatever was recorded");
    let tasks = json(app.get("/api/v1/tasks").send().await.unwrap()).await;
    assert!(!tasks.to_string().contains("cooperat"));
}

#[tokio::test]
async fn r15_r16_r28_the_cooperation_record_is_restricted_to_supervisors_never_reaches_enforcement_and_is_erased() {
    let r = sent_referral().await;
    record_cooperation(&r.app, &r.person, "declined").await;
    let list = json(r.app.get(&format!("/api/v1/persons/{}/cooperation", r.person)).send().await.unwrap()).await;
    assert_eq!(list[0]["status"], "declined");
    assert_eq!(list[0]["note"], "Coop-canary: asked by the investigating officer");
    // A caseworker of the same organisation, even assigned, does not see it.
    let cw = r.app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw1").await;
    assert_eq!(as_user(&r.app, &cw, &format!("/api/v1/persons/{}/cooperation", r.person)).await.0, 403);
    // Its reads do not show in the person's access log that caseworkers read.
    let cw_log = as_user(&r.app, &cw, &format!("/api/v1/persons/{}/access-log", r.person)).await;
    assert_ne!(cw_log.0, 200, "the unassigned caseworker does not reach the person at all");
    let log = json(r.app.get(&format!("/api/v1/persons/{}/access-log", r.person)).send().await.unwrap()).await;
    assert!(!log.to_string().contains("cooperation"), "{log}");
    // Police see neither it nor whether shelter was given (R16).
    let police = r.app.user_token("Provincial Police", "police", "supervisor", "pol1").await;
    assert_eq!(as_user(&r.app, &police, &format!("/api/v1/persons/{}/cooperation", r.person)).await.0, 403);
    assert_eq!(as_user(&r.app, &police, &format!("/api/v1/persons/{}/referrals", r.person)).await.0, 403);
    assert_eq!(as_user(&r.app, &police, &format!("/api/v1/persons/{}/protection", r.person)).await.0, 403);
    // The receiving shelter never sees it either.
    let (_, one) = as_user(&r.app, &r.shelter, &format!("/api/v1/referrals/{}", r.id)).await;
    assert!(!one.to_string().contains("Coop-canary"));
    // Sealed: the decision cannot be counted in SQL.
    assert_eq!(r.app.count("cooperation_records").await, 1);
    // Erasure removes it.
    assert_eq!(r.app.post(&format!("/api/v1/persons/{}/erase", r.person)).send().await.unwrap().status(), 204);
    assert_eq!(r.app.count("cooperation_records").await, 0);
}

#[tokio::test]
async fn r17_a_new_consent_replaces_the_old_and_the_note_follows_the_narrative_category() {
    let app = TestApp::spawn().await;
    let person = app.create_named("Ma Hnin").await;
    app.user_token("Clinic", "health", "caseworker", "clinic1").await;
    let clinic = app.store.create_confirmed_token("clinic1").await.unwrap().1;
    let to = app.store.org_by_name("Clinic").await.unwrap().to_string();
    let (_, b) = propose(&app, &person, "primary_health", &to).await;
    let id = b["id"].as_str().unwrap().to_owned();
    let (_, first) = consent(&app, &id, &["identity"]).await;
    // The person agrees to share their account too: a new consent.
    let (s, second) = consent(&app, &id, &["identity", "narrative"]).await;
    assert_eq!(s, 201);
    let consents = json(app.get(&format!("/api/v1/persons/{person}/consents")).send().await.unwrap()).await;
    let state = |cid: &Value| {
        consents.as_array().unwrap().iter().find(|c| c["id"] == cid["id"]).unwrap()["in_force"].as_bool().unwrap()
    };
    assert!(!state(&first), "the replaced consent is withdrawn, not left in force unlinked");
    assert!(state(&second));
    assert_eq!(step(&app, &app.token, &id, "send", None).await.0, 200);
    let (_, one) = as_user(&app, &clinic, &format!("/api/v1/referrals/{id}")).await;
    assert!(one["referral"]["note"].is_null(), "not before the clinic's caseworker takes it on");
    assert_eq!(step(&app, &clinic, &id, "accept", None).await.0, 200);
    let (_, one) = as_user(&app, &clinic, &format!("/api/v1/referrals/{id}")).await;
    assert_eq!(one["referral"]["note"], "Needs a bed tonight; speaks Burmese only", "narrative consented");
}

#[tokio::test]
async fn r17_no_letter_once_the_consent_has_expired() {
    let r = sent_referral().await;
    let path = format!("/api/v1/referrals/{}/letter.pdf", r.id);
    assert_eq!(r.app.get(&path).send().await.unwrap().status(), 200);
    r.app.backdate("UPDATE consents SET expires_on = '2020-01-01'", "consents").await;
    assert_eq!(r.app.get(&path).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn r17_a_withdrawal_told_to_the_receiving_organisation_withdraws_the_consent_itself() {
    let r = sent_referral().await;
    assert_eq!(step(&r.app, &r.shelter, &r.id, "accept", None).await.0, 200);
    let (s, b) = step(&r.app, &r.shelter, &r.id, "record_withdrawal", None).await;
    assert_eq!((s, b["status"].as_str().unwrap()), (200, "revoked"), "{b}");
    let (_, one) = as_user(&r.app, &r.shelter, &format!("/api/v1/referrals/{}", r.id)).await;
    assert!(one["person"].is_null(), "access ends at once: {one}");
    let consents = json(r.app.get(&format!("/api/v1/persons/{}/consents", r.person)).send().await.unwrap()).await;
    assert_eq!(consents[0]["in_force"], false, "the holding organisation sees the consent withdrawn");
    // The referring side cannot take this step on the shelter's behalf.
    assert_eq!(step(&r.app, &r.app.token, &r.id, "record_withdrawal", None).await.0, 403);
}

#[tokio::test]
async fn r27_what_the_receiving_organisation_reads_shows_in_the_persons_access_log() {
    let r = sent_referral().await;
    let log = |app: &TestApp, person: String| {
        let req = app.get(&format!("/api/v1/persons/{person}/access-log"));
        async move { json(req.send().await.unwrap()).await }
    };
    let by_shelter = |log: &Value| {
        log.as_array().unwrap().iter().filter(|e| e["actor_name"] == "shelter1").cloned().collect::<Vec<_>>()
    };
    assert!(by_shelter(&log(&r.app, r.person.clone()).await).is_empty());
    as_user(&r.app, &r.shelter, "/api/v1/referrals").await;
    as_user(&r.app, &r.shelter, &format!("/api/v1/referrals/{}", r.id)).await;
    let entries = by_shelter(&log(&r.app, r.person.clone()).await);
    let actions: Vec<&str> = entries.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["read", "list"], "the list that showed the name, then the opened record: {entries:?}");
    assert!(entries.iter().all(|e| e["outcome"] == "referral" && e["record_kind"] == "person"));
}

#[tokio::test]
async fn r19_the_receiving_organisation_finds_a_referral_to_answer_on_its_task_list() {
    let r = sent_referral().await;
    let (s, tasks) = as_user(&r.app, &r.shelter, "/api/v1/tasks").await;
    assert_eq!(s, 200);
    let mine: Vec<&Value> = tasks.as_array().unwrap().iter().filter(|t| t["kind"] == "referral_to_answer").collect();
    assert_eq!(mine.len(), 1, "{tasks}");
    assert_eq!(mine[0]["referral_id"], r.id.as_str());
    assert_eq!(mine[0]["name"], "Ko Zaw Lin", "the consent opens the name to the receiving side");
    assert_eq!(mine[0]["person_id"], "", "the person's id in the sender's records stays there");
    // The page links to the referral itself.
    let html = r.app.page_as("shelter1", "/tasks").await;
    assert!(html.contains(&format!("href=\"/referrals/{}\"", r.id)), "{html}");
    assert!(html.contains("data-kind=\"referral_to_answer\""));
    // Not on the referring side's list; and off the receiving side's once answered.
    let own = json(r.app.get("/api/v1/tasks").send().await.unwrap()).await;
    assert!(!own.to_string().contains("referral_to_answer"), "{own}");
    assert_eq!(step(&r.app, &r.shelter, &r.id, "accept", None).await.0, 200);
    let (_, tasks) = as_user(&r.app, &r.shelter, "/api/v1/tasks").await;
    assert!(!tasks.to_string().contains("referral_to_answer"), "{tasks}");
}

#[tokio::test]
async fn r19_the_receiving_organisation_is_notified_of_a_referral_and_the_referrer_of_its_answer_naming_nobody() {
    let r = sent_referral().await;
    // Someone at the shelter who does not work on cases is not told.
    r.app.user_token("Men's Shelter Mae Sot", "shelter", "auditor", "shelter_auditor").await;
    let (s, list) = as_user(&r.app, &r.shelter, "/api/v1/notifications").await;
    assert_eq!(s, 200);
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 1, "{list}");
    assert_eq!(items[0]["kind"], "referral_received");
    assert_eq!(items[0]["record_id"], r.id.as_str());
    assert_eq!(items[0]["href"], format!("/referrals/{}", r.id));
    assert_eq!(items[0]["read"], false);
    assert!(!list.to_string().contains("Ko Zaw Lin"), "a notification names nobody: {list}");
    let html = r.app.page_as("shelter1", "/tasks").await;
    assert!(html.contains("Tasks (1 new)") && html.contains("id=\"notifications\""), "{html}");
    assert!(html.contains("A referral was sent to your organisation"));
    // The referring side is told nothing yet; it is told of the answer.
    let own = json(r.app.get("/api/v1/notifications").send().await.unwrap()).await;
    assert_eq!(own, json!([]));
    assert_eq!(step(&r.app, &r.shelter, &r.id, "accept", None).await.0, 200);
    let own = json(r.app.get("/api/v1/notifications").send().await.unwrap()).await;
    assert_eq!(own[0]["kind"], "referral_answered", "{own}");

    // Read is read, for the reader only.
    let res = r.app.client.post(r.app.url("/api/v1/notifications/read")).bearer_auth(&r.shelter).send().await;
    assert_eq!(json(res.unwrap()).await["marked"], 1);
    let (_, list) = as_user(&r.app, &r.shelter, "/api/v1/notifications").await;
    assert_eq!(list[0]["read"], true);
    assert!(!r.app.page_as("shelter1", "/tasks").await.contains("id=\"notifications\""));
    let own = json(r.app.get("/api/v1/notifications").send().await.unwrap()).await;
    assert_eq!(own[0]["read"], false, "another user's notifications stay unread");
}

#[tokio::test]
async fn r19_opening_the_referral_reads_its_notification_and_a_read_only_token_marks_nothing() {
    let r = sent_referral().await;
    let (_, token, pending) =
        r.app.store.create_token_with("shelter1", &[haven_core::access::TokenScope::Read], None).await.unwrap();
    assert!(!pending);
    let res = r.app.client.post(r.app.url("/api/v1/notifications/read")).bearer_auth(&token).send().await;
    assert_eq!(res.unwrap().status(), 403, "marking read is a write");
    let res = r.app.client.get(r.app.url("/api/v1/notifications")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), 200, "reading them is a read");
    assert!(r.app.page_as("shelter1", "/tasks").await.contains("Tasks (1 new)"));
    let page = r.app.page_as("shelter1", &format!("/referrals/{}", r.id)).await;
    assert!(page.contains("Ko Zaw Lin"), "{page}");
    let (_, list) = as_user(&r.app, &r.shelter, "/api/v1/notifications").await;
    assert_eq!(list[0]["read"], true, "opening the referral is reading the news: {list}");
    assert!(!r.app.page_as("shelter1", "/tasks").await.contains("new)"));
}

/// A minimal SMTP server for one test: accepts every message and hands
/// each back (envelope recipient, data) on the channel.
async fn fake_smtp() -> (u16, tokio::sync::mpsc::UnboundedReceiver<(String, String)>) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 fake ESMTP\r\n").await.unwrap();
                let (mut rcpt, mut data, mut in_data) = (String::new(), String::new(), false);
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            tx.send((rcpt.clone(), std::mem::take(&mut data))).unwrap();
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 fake\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        rcpt = line[8..].trim().trim_matches(['<', '>']).to_owned();
                        b"250 ok\r\n"
                    } else if upper.starts_with("DATA") {
                        in_data = true;
                        b"354 go ahead\r\n"
                    } else if upper.starts_with("QUIT") {
                        write.write_all(b"221 bye\r\n").await.unwrap();
                        break;
                    } else {
                        b"250 ok\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, rx)
}

#[tokio::test]
async fn r13_a_notification_email_says_how_many_and_links_to_haven_naming_nobody() {
    let app = TestApp::spawn().await;
    let (port, mut inbox) = fake_smtp().await;
    let config = haven_web::MailConfig::new(
        &format!("smtp://127.0.0.1:{port}"),
        "haven <haven@example.org>",
        "https://haven.example/",
    )
    .unwrap();
    // A caseworker gives an address, in Thai; a bad one is refused.
    let cw = app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_mail").await;
    let put =
        |body: Value| app.client.put(app.url("/api/v1/account/notification-email")).bearer_auth(&cw).json(&body).send();
    // A token made only to read cannot redirect the account's e-mail.
    let (_, read_only, pending) =
        app.store.create_token_with("cw_mail", &[haven_core::access::TokenScope::Read], None).await.unwrap();
    assert!(!pending, "a caseworker's token needs no second factor here");
    let res = app
        .client
        .put(app.url("/api/v1/account/notification-email"))
        .bearer_auth(&read_only)
        .json(&json!({"email": "spy@example.org"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = put(json!({"email": "cw@example.org\r\nBcc: spy@example.org"})).await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "invalid_email");
    assert_eq!(put(json!({"email": "cw@example.org", "language": "th"})).await.unwrap().status(), 204);
    let me = app.client.get(app.url("/api/v1/account/notification-email")).bearer_auth(&cw).send().await.unwrap();
    assert_eq!(json(me).await["email"], "cw@example.org");
    // The address is sealed: not in the database as text.
    let raw = app.count("users WHERE CAST(notify_email AS TEXT) LIKE '%example.org%'").await;
    assert_eq!(raw, 0);

    // Two cases assigned to them: two notifications, one e-mail.
    let user = app.store.user_by_username("cw_mail").await.unwrap().id.to_string();
    for name in ["Mailperson One", "Mailperson Two"] {
        let pid = app.create_named(name).await;
        let res = app.post(&format!("/api/v1/persons/{pid}/cases")).json(&json!({"assigned_to": user})).send().await;
        assert_eq!(res.unwrap().status(), 201);
    }
    assert_eq!(haven_web::send_due_mail(&app.store, &config).await.unwrap(), 1);
    let (to, data) = inbox.recv().await.unwrap();
    assert_eq!(to, "cw@example.org");
    // In Thai, as chosen: the body is sent base64-encoded, so read it back.
    let (headers, body) = data.split_once("\n\n").unwrap();
    let body = if headers.contains("Content-Transfer-Encoding: base64") {
        use base64::Engine;
        let joined: String = body.lines().collect();
        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(joined).unwrap()).unwrap()
    } else {
        body.to_owned()
    };
    assert!(body.contains("https://haven.example/tasks") && body.contains("การแจ้งเตือนใหม่"), "{body}");
    assert!(body.contains(": 2"), "how many: {body}");
    assert!(headers.contains("Subject: haven: =?utf-8?"), "{headers}");
    for leak in ["Mailperson", "/cases/", "case"] {
        assert!(!data.contains(leak) && !body.contains(leak), "nothing about anyone: {body}");
    }
    // Nothing is announced twice.
    assert_eq!(haven_web::send_due_mail(&app.store, &config).await.unwrap(), 0);

    // A server that is down loses nothing: the next round sends it.
    let pid = app.create_named("Mailperson Three").await;
    app.post(&format!("/api/v1/persons/{pid}/cases")).json(&json!({"assigned_to": user})).send().await.unwrap();
    let down = haven_web::MailConfig::new("smtp://127.0.0.1:9", "haven@example.org", "https://haven.example").unwrap();
    assert_eq!(haven_web::send_due_mail(&app.store, &down).await.unwrap(), 0);
    assert_eq!(haven_web::send_due_mail(&app.store, &config).await.unwrap(), 1);
    inbox.recv().await.unwrap();

    // Cleared: no more e-mail, and the change is audited.
    assert_eq!(put(json!({"email": null})).await.unwrap().status(), 204);
    let pid = app.create_named("Mailperson Four").await;
    app.post(&format!("/api/v1/persons/{pid}/cases")).json(&json!({"assigned_to": user})).send().await.unwrap();
    assert_eq!(haven_web::send_due_mail(&app.store, &config).await.unwrap(), 0);
    assert_eq!(app.count("audit_events WHERE outcome LIKE 'notification_email_%'").await, 2);
}

#[tokio::test]
async fn r13_the_account_page_sets_and_clears_the_notification_email() {
    let app = TestApp::spawn().await;
    let (cookie, csrf) = session(&app, "sup").await;
    let post = |email: &str| {
        app.client
            .post(app.url("/account/email"))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.as_str()), ("email", email)])
            .send()
    };
    let page = post("not an address").await.unwrap();
    assert_eq!(page.status(), 400);
    assert!(page.text().await.unwrap().contains("such as name@example.org"));
    let page = post("sup@example.org").await.unwrap().text().await.unwrap();
    // This test server has no mail server: the page says so rather than promise e-mail.
    assert!(page.contains("value=\"sup@example.org\"") && page.contains("does not send e-mail yet"), "{page}");
    assert!(page.contains("id=\"no-mail-server\"") && !page.contains("New notifications will be announced"));
    let page = post("").await.unwrap().text().await.unwrap();
    assert!(page.contains("No more notification e-mails") && !page.contains("value=\"sup@example.org\""), "{page}");
}
