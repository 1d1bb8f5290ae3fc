//! Identity, access and the firewall: R16, R17, R27 and the per-field policy.

use serde_json::{json, Value};

use crate::helpers::{json, TestApp};
use haven_store::auth::SecondFactorOutcome::Accepted;

async fn person_with_notes(app: &TestApp, name: &str) -> (String, String) {
    let id =
        app.create_person(json!({"full_name": name, "notes": "told us about the compound", "contact": "+66 1"})).await;
    let cid = json(app.post(&format!("/api/v1/persons/{id}/cases")).json(&json!({})).send().await.unwrap()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post(&format!("/api/v1/cases/{cid}/notes"))
        .json(&json!({"body": "details of the escape"}))
        .send()
        .await
        .unwrap();
    (id, cid)
}

#[tokio::test]
async fn r16_immigration_user_cannot_read_assistance_record() {
    let app = TestApp::spawn().await;
    let (id, cid) = person_with_notes(&app, "Aung Kyaw Firewall").await;
    for role in ["caseworker", "supervisor", "org_admin"] {
        let token = app.user_token("Border Immigration Office", "immigration", role, &format!("imm_{role}")).await;
        for path in [
            format!("/api/v1/persons/{id}"),
            format!("/api/v1/cases/{cid}"),
            format!("/api/v1/cases/{cid}/notes"),
            format!("/api/v1/persons/{id}/consents"),
            format!("/api/v1/persons/{id}/access-log"),
            "/api/v1/persons".to_owned(),
            "/api/v1/persons?q=aung".to_owned(),
            "/api/v1/cases".to_owned(),
            "/api/v1/audit".to_owned(),
        ] {
            let res = app.client.get(app.url(&path)).bearer_auth(&token).send().await.unwrap();
            assert!(matches!(res.status().as_u16(), 403 | 404), "{role} {path}: {}", res.status());
            let body = res.text().await.unwrap();
            assert!(!body.contains("Aung") && !body.contains("escape") && !body.contains("compound"), "{path}: {body}");
        }
        // Not even by breaking the glass.
        let res = app
            .client
            .post(app.url(&format!("/api/v1/persons/{id}/break-glass")))
            .bearer_auth(&token)
            .json(&json!({"reason": "we need it"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        // What they do have is an inbox.
        let res = app.client.get(app.url("/api/v1/inbox")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(res.status(), 200, "{role}");
    }
}

#[tokio::test]
async fn r27_denied_attempts_are_audited() {
    use sqlx::Row;
    let app = TestApp::spawn().await;
    let id = app.create_named("Denied Reader Target").await;
    let token = app.user_token("Provincial Police", "police", "caseworker", "pol1").await;
    let res = app.client.get(app.url(&format!("/api/v1/persons/{id}"))).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let user = app.store.user_by_username("pol1").await.unwrap();
    let row = sqlx::query("SELECT action, outcome FROM audit_events WHERE actor = $1 ORDER BY seq DESC LIMIT 1")
        .bind(user.id.to_string())
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(row.try_get::<String, _>("action").unwrap(), "denied");
    assert_eq!(row.try_get::<String, _>("outcome").unwrap(), "denied");
}

#[tokio::test]
async fn caseworkers_reach_only_their_assigned_records_unless_the_organisation_widens_it() {
    let app = TestApp::spawn().await;
    let (id, cid) = person_with_notes(&app, "Unassigned Person").await;
    let cw = app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_other").await;
    let res = app.client.get(app.url(&format!("/api/v1/persons/{id}"))).bearer_auth(&cw).send().await.unwrap();
    assert_eq!(res.status(), 404);

    // The organisation lets every caseworker see every case: identity and
    // contact yes, the person's account no, and no editing.
    app.widen_caseworker_reach("Local organisation").await;
    let p: Value =
        json(app.client.get(app.url(&format!("/api/v1/persons/{id}"))).bearer_auth(&cw).send().await.unwrap()).await;
    assert_eq!(p["full_name"], "Unassigned Person");
    assert_eq!(p["contact"], "+66 1");
    assert!(p["notes"].is_null());
    assert_eq!(p["withheld"], json!(["narrative", "health", "immigration_status", "forced_acts"]));
    let notes =
        json(app.client.get(app.url(&format!("/api/v1/cases/{cid}/notes"))).bearer_auth(&cw).send().await.unwrap())
            .await;
    // The case itself is assigned to nobody here, so its notes stay out of reach.
    assert!(notes["error"].is_string() || notes[0]["body"].is_null(), "{notes}");
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/persons/{id}")))
        .bearer_auth(&cw)
        .json(&json!({"sex": "male"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "editing needs the whole record");
}

#[tokio::test]
async fn break_glass_is_reasoned_time_limited_partial_and_reviewed() {
    use sqlx::Row;
    let app = TestApp::spawn().await;
    let (id, _) = person_with_notes(&app, "Emergency Person").await;
    let cw = app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_night").await;
    let bg = |reason: &'static str| {
        app.client
            .post(app.url(&format!("/api/v1/persons/{id}/break-glass")))
            .bearer_auth(&cw)
            .json(&json!({ "reason": reason }))
            .send()
    };
    assert_eq!(bg("  ").await.unwrap().status(), 400, "a reason is required");
    assert_eq!(bg("shelter reports the person missing tonight").await.unwrap().status(), 201);
    let p =
        json(app.client.get(app.url(&format!("/api/v1/persons/{id}"))).bearer_auth(&cw).send().await.unwrap()).await;
    assert_eq!(p["full_name"], "Emergency Person");
    assert!(p["notes"].is_null(), "emergency access does not open the person's account");

    let queue = json(app.get("/api/v1/review").send().await.unwrap()).await;
    let item = queue.as_array().unwrap().iter().find(|i| i["username"] == "cw_night").unwrap().clone();
    assert_eq!(item["kind"], "break_glass");
    assert_eq!(item["reason"], "shelter reports the person missing tonight");
    let res = app.post(&format!("/api/v1/review/break_glass/{}", item["id"].as_str().unwrap())).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let queue = json(app.get("/api/v1/review").send().await.unwrap()).await;
    assert!(queue.as_array().unwrap().iter().all(|i| i["username"] != "cw_night"));
    // Reviewed, the grant still holds until it expires: the review is sealed
    // with the row, not mistaken for an edit in SQL.
    let res = app.client.get(app.url(&format!("/api/v1/persons/{id}"))).bearer_auth(&cw).send().await.unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);

    // When the grant expires, so does the access.
    app.backdate("UPDATE access_grants SET expires_at = 0", "access_grants").await;
    let res = app.client.get(app.url(&format!("/api/v1/persons/{id}"))).bearer_auth(&cw).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'break_glass'")
        .fetch_one(app.store.pool())
        .await
        .unwrap()
        .try_get("n")
        .unwrap();
    assert!(n >= 1);
}

#[tokio::test]
async fn r17_consent_is_per_purpose_and_recipient_and_withdrawal_stops_disclosure() {
    // Through the disclosure a caseworker makes (the notice to an
    // authority), so the test exercises the check production runs.
    let app = TestApp::spawn().await;
    let id = app.create_person(json!({"full_name": "Consenting Person", "estimated_age": 30})).await;
    let sid = app.start_screening(&id, "en").await;
    app.answer_reasonable_grounds(&sid).await;
    app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
    let police = app.store.create_org("Provincial Police", "police", Some("THA")).await.unwrap();
    let immigration = app.store.create_org("Immigration Office", "immigration", Some("THA")).await.unwrap();
    let consent = |purpose: &'static str, to: haven_core::ids::OrgId| {
        app.post(&format!("/api/v1/persons/{id}/consents"))
            .json(&json!({"purpose": purpose, "recipient_org_id": to.to_string(), "categories": ["identity"],
                          "expires_on": "2099-12-31", "language": "my", "interpreter": "Burmese interpreter, NGO staff"}))
            .send()
    };
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, csrf) = app.store.create_session(&sup, true).await.unwrap();
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let send = |to: haven_core::ids::OrgId| {
        client
            .post(app.url(&format!("/screenings/{sid}/notice/send")))
            .header("cookie", format!("haven_session={secret}"))
            .form(&[("csrf", csrf.as_str()), ("recipient_org_id", &to.to_string())])
            .send()
    };
    // A consent for another purpose to the same recipient does not cover it.
    assert_eq!(consent("prosecution_disclosure", police).await.unwrap().status(), 201);
    assert_eq!(send(police).await.unwrap().status(), 400, "other purpose");
    let res = consent("non_punishment_notice", immigration).await.unwrap();
    assert_eq!(res.status(), 201);
    let cid = json(res).await["id"].as_str().unwrap().to_owned();
    assert_eq!(send(police).await.unwrap().status(), 400, "other recipient");
    assert_eq!(send(immigration).await.unwrap().status(), 303, "the consented purpose and recipient");

    let list = json(app.get(&format!("/api/v1/persons/{id}/consents")).send().await.unwrap()).await;
    let listed = list.as_array().unwrap().iter().find(|c| c["id"] == cid.as_str()).unwrap().clone();
    assert_eq!(listed["interpreter"], "Burmese interpreter, NGO staff");
    assert_eq!(listed["language"], "my");
    assert_eq!(listed["in_force"], true);

    assert_eq!(app.post(&format!("/api/v1/consents/{cid}/withdraw")).send().await.unwrap().status(), 204);
    assert_eq!(send(immigration).await.unwrap().status(), 400, "withdrawn");
    let list = json(app.get(&format!("/api/v1/persons/{id}/consents")).send().await.unwrap()).await;
    let listed = list.as_array().unwrap().iter().find(|c| c["id"] == cid.as_str()).unwrap().clone();
    assert_eq!(listed["in_force"], false);
    assert!(listed["withdrawn_on"].is_string());
}

#[tokio::test]
async fn r17_overriding_consent_needs_its_own_permission_a_reason_and_review() {
    let app = TestApp::spawn().await;
    let (id, _) = person_with_notes(&app, "Override Person").await;
    let shelter = app.store.create_org("Health Clinic", "health", Some("THA")).await.unwrap();
    let body = |reason: &str| json!({"purpose": "referral", "recipient_org_id": shelter.to_string(), "categories": ["health"], "reason": reason});
    // A caseworker (even assigned) cannot override.
    let cw = app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_o").await;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/persons/{id}/consent-overrides")))
        .bearer_auth(&cw)
        .json(&body("urgent"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = app.post(&format!("/api/v1/persons/{id}/consent-overrides")).json(&body("")).send().await.unwrap();
    assert_eq!(res.status(), 400);
    let res = app
        .post(&format!("/api/v1/persons/{id}/consent-overrides"))
        .json(&body("unconscious, needs surgery; clinic must know allergies"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let queue = json(app.get("/api/v1/review").send().await.unwrap()).await;
    assert!(queue.as_array().unwrap().iter().any(|i| i["kind"] == "consent_override"));
}

#[tokio::test]
async fn r27_the_person_record_shows_who_accessed_it_and_why() {
    let app = TestApp::spawn().await;
    let id = app.create_named("Logged Person").await;
    app.get(&format!("/api/v1/persons/{id}")).header("x-haven-purpose", "shelter_intake").send().await.unwrap();
    let log = json(app.get(&format!("/api/v1/persons/{id}/access-log")).send().await.unwrap()).await;
    let rows = log.as_array().unwrap();
    assert!(rows.iter().any(|r| r["action"] == "read" && r["purpose"] == "shelter_intake" && r["actor_name"] == "sup"));
    assert!(rows.iter().any(|r| r["action"] == "create"));
    // An auditor sees the log of their organisation but no case content.
    let auditor = app.user_token("Local organisation", "ngo_assistance", "auditor", "aud1").await;
    let res =
        app.client.get(app.url(&format!("/api/v1/audit?record_id={id}"))).bearer_auth(&auditor).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    assert!(text.contains(&id) && !text.contains("Logged Person"));
    let res = app.client.get(app.url(&format!("/api/v1/persons/{id}"))).bearer_auth(&auditor).send().await.unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn second_factor_is_required_for_decision_makers_before_anything_else() {
    let app = TestApp::spawn().await;
    let org = app.store.org_by_name("Local organisation").await.unwrap();
    app.store
        .create_user(
            &haven_core::access::OrgAdmin::key_holder(org),
            "dm1",
            haven_core::access::Role::DecisionMaker,
            "a-long-test-password",
            false,
        )
        .await
        .unwrap();
    let user = app.store.user_by_username("dm1").await.unwrap();
    assert!(user.second_factor_required());
    let (secret, _) = app.store.create_session(&user, false).await.unwrap();
    let cookie = format!("haven_session={secret}");
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let res = client.get(app.url("/persons")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/account/second-factor");
    // Enrolment shows the key as a QR code to scan, drawn on the server
    // as inline SVG, and as text to type.
    let page = client.get(app.url("/account/second-factor")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let qr = html.split("<figure class=\"qr\"").nth(1).unwrap_or_default();
    assert!(qr.contains("<svg") && qr.contains("<path") && !qr.contains("<?xml"), "{html}");
    assert!(html.contains("id=\"secret\""));
    let res = client.get(app.url("/api/v1/persons")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(res.status(), 401, "the API is closed until the second factor is done");

    app.store.begin_totp(&user).await.unwrap();
    assert_ne!(app.store.verify_second_factor(&user, "000000", Some(&secret)).await.unwrap(), Accepted);
    let code = app.store.current_totp_code(&user).await.unwrap();
    assert_eq!(app.store.verify_second_factor(&user, &code, Some(&secret)).await.unwrap(), Accepted);
    assert_ne!(app.store.verify_second_factor(&user, &code, None).await.unwrap(), Accepted, "a code works once");
    let res = client.get(app.url("/persons")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(app.store.user_by_username("dm1").await.unwrap().totp_enabled);
}

#[tokio::test]
async fn r16_r17_the_notice_reaches_an_authority_only_with_consent_and_withdrawal_cuts_it_off() {
    use serde_json::json as j;
    let app = TestApp::spawn().await;
    let pid = app.create_person(j!({"full_name": "Notice Person", "location": "immigration_detention"})).await;
    let sid = app.start_screening(&pid, "en").await;
    app.answer_reasonable_grounds(&sid).await;
    app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
    let officer = app.user_token("Immigration Office", "immigration", "caseworker", "officer_n").await;
    let imm = app.store.org_by_name("Immigration Office").await.unwrap();

    // The caseworker's browser session sends the notice.
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, csrf) = app.store.create_session(&sup, true).await.unwrap();
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let send = || {
        client
            .post(app.url(&format!("/screenings/{sid}/notice/send")))
            .header("cookie", format!("haven_session={secret}"))
            .form(&[("csrf", csrf.as_str()), ("recipient_org_id", &imm.to_string()), ("lang", "th")])
            .send()
    };
    let refused = send().await.unwrap();
    assert_eq!(refused.status(), 400, "no consent, no sending");
    // Said plainly, with the next step, and no rule code.
    let page = refused.text().await.unwrap();
    assert!(page.contains("has not agreed to this notice") && page.contains("Record their consent"), "{page}");
    assert!(!page.contains("(R17)") && !page.contains("You do not have access"), "{page}");
    assert!(page.contains("This cannot be done yet") && !page.contains("recipient_org_id"), "{page}");
    // The refusal keeps the menu, so the way back to work is one tap away.
    assert!(page.contains("<nav aria-label=\"main\">") && page.contains("href=\"/persons\""), "{page}");
    let inbox = json(app.client.get(app.url("/api/v1/inbox")).bearer_auth(&officer).send().await.unwrap()).await;
    assert!(inbox.as_array().unwrap().is_empty());

    let res = app
        .post(&format!("/api/v1/persons/{pid}/consents"))
        .json(&j!({"purpose": "non_punishment_notice", "recipient_org_id": imm.to_string(), "categories": ["identity"],
                   "expires_on": "2099-01-01", "language": "en"}))
        .send()
        .await
        .unwrap();
    let consent = json(res).await["id"].as_str().unwrap().to_owned();
    let sent = send().await.unwrap();
    assert_eq!(sent.status(), 303);
    // The caseworker is told it went.
    let back = sent.headers()["location"].to_str().unwrap().to_owned();
    let page = client
        .get(app.url(&back))
        .header("cookie", format!("haven_session={secret}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"notice-sent\""), "{page}");

    // The officer sees the notice, with the name it must carry, and nothing else.
    let officer_user = app.store.user_by_username("officer_n").await.unwrap();
    let (osecret, _) = app.store.create_session(&officer_user, true).await.unwrap();
    let inbox = json(app.client.get(app.url("/api/v1/inbox")).bearer_auth(&officer).send().await.unwrap()).await;
    let doc = inbox[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(inbox[0]["kind"], "non_punishment_notice");
    let read = || {
        app.client.get(app.url(&format!("/inbox/{doc}"))).header("cookie", format!("haven_session={osecret}")).send()
    };
    let res = read().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Notice Person") && html.contains("must not be punished"));
    assert!(html.contains("lang=\"th\""), "in the authority's language too, as chosen when sending");
    let res = app.client.get(app.url(&format!("/api/v1/persons/{pid}"))).bearer_auth(&officer).send().await.unwrap();
    assert_eq!(res.status(), 403, "still no way into the record");

    // Withdrawal cuts access at once.
    assert_eq!(app.post(&format!("/api/v1/consents/{consent}/withdraw")).send().await.unwrap().status(), 204);
    let res = read().await.unwrap();
    assert_eq!(res.status(), 404);
    assert!(!res.text().await.unwrap().contains("Notice Person"));
    let inbox = json(app.client.get(app.url("/api/v1/inbox")).bearer_auth(&officer).send().await.unwrap()).await;
    assert!(inbox.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn r16_emergency_access_never_opens_changes_or_takes_a_case_nor_the_field_history() {
    let app = TestApp::spawn().await;
    let (id, cid) = person_with_notes(&app, "Granted Person").await;
    let res = app.patch(&format!("/api/v1/persons/{id}")).json(&json!({"notes": "a second account"})).send().await;
    assert_eq!(res.unwrap().status(), 200);
    let cw = app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_grab").await;
    let me = app.store.user_by_username("cw_grab").await.unwrap().id.to_string();
    let res = app
        .client
        .post(app.url(&format!("/api/v1/persons/{id}/break-glass")))
        .bearer_auth(&cw)
        .json(&json!({"reason": "person missing tonight"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let as_cw = |method: reqwest::Method, path: String| app.client.request(method, app.url(&path)).bearer_auth(&cw);
    // Taking the existing case, or opening a new one in one's own name, is refused.
    let res = as_cw(reqwest::Method::PATCH, format!("/api/v1/cases/{cid}")).json(&json!({"assigned_to": me})).send();
    assert_eq!(res.await.unwrap().status(), 403);
    // Nor may the grant close the case, or open one assigned to nobody.
    let res = as_cw(reqwest::Method::PATCH, format!("/api/v1/cases/{cid}"))
        .json(&json!({"status": "closed", "reason": "not mine to close"}))
        .send();
    assert_eq!(res.await.unwrap().status(), 403);
    let c = json(app.get(&format!("/api/v1/cases/{cid}")).send().await.unwrap()).await;
    assert_ne!(c["status"], "closed", "{c}");
    let closed = app
        .patch(&format!("/api/v1/cases/{cid}"))
        .json(&json!({"status": "closed", "reason": "moved on"}))
        .send()
        .await
        .unwrap();
    assert_eq!(closed.status(), 200);
    let res =
        as_cw(reqwest::Method::POST, format!("/api/v1/persons/{id}/cases")).json(&json!({"assigned_to": me})).send();
    assert_eq!(res.await.unwrap().status(), 403);
    let res = as_cw(reqwest::Method::POST, format!("/api/v1/persons/{id}/cases")).json(&json!({})).send();
    assert_eq!(res.await.unwrap().status(), 403);
    let cases = json(app.get(&format!("/api/v1/persons/{id}/cases")).send().await.unwrap()).await;
    assert_eq!(cases["items"].as_array().map(Vec::len), Some(1), "{cases}");
    // Nor may it record a consent, or propose a referral: those send the
    // file out, and are for someone who holds it by their own role.
    let other = app.store.create_org("Grant Test Shelter", "shelter", Some("THA")).await.unwrap();
    let res = as_cw(reqwest::Method::POST, format!("/api/v1/persons/{id}/consents"))
        .json(&json!({"purpose": "referral", "recipient_org_id": other.to_string(), "categories": ["identity"],
                      "expires_on": "2099-01-01", "language": "en"}))
        .send();
    assert_eq!(res.await.unwrap().status(), 403);
    let res = as_cw(reqwest::Method::POST, format!("/api/v1/persons/{id}/referrals"))
        .json(&json!({"service_type": "shelter_men", "recipient_org_id": other.to_string(), "note": ""}))
        .send();
    assert_eq!(res.await.unwrap().status(), 403);
    let consents = json(app.get(&format!("/api/v1/persons/{id}/consents")).send().await.unwrap()).await;
    assert_eq!(consents.as_array().map(Vec::len), Some(0), "{consents}");
    // The grant still opens only what it opened: no history, no account.
    let res = as_cw(reqwest::Method::GET, format!("/api/v1/persons/{id}/history")).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let p = json(as_cw(reqwest::Method::GET, format!("/api/v1/persons/{id}")).send().await.unwrap()).await;
    assert!(p["notes"].is_null(), "{p}");
    let c = json(app.get(&format!("/api/v1/cases/{cid}")).send().await.unwrap()).await;
    assert_ne!(c["assigned_to"], me.as_str());
}

#[tokio::test]
async fn a_case_goes_only_to_an_active_account_whose_role_works_on_cases() {
    let app = TestApp::spawn().await;
    let (_, cid) = person_with_notes(&app, "Handed Person").await;
    app.user_token("Local organisation", "ngo_assistance", "auditor", "aud_case").await;
    let auditor = app.store.user_by_username("aud_case").await.unwrap().id.to_string();
    let res = app.patch(&format!("/api/v1/cases/{cid}")).json(&json!({"assigned_to": auditor})).send().await.unwrap();
    assert_eq!(res.status(), 400, "an auditor does not work cases");
    app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_ok").await;
    let cw = app.store.user_by_username("cw_ok").await.unwrap().id.to_string();
    let res = app.patch(&format!("/api/v1/cases/{cid}")).json(&json!({"assigned_to": cw})).send().await.unwrap();
    assert_eq!(res.status(), 200);
}
