//! Rules guarded through the path a user takes (the API, the pages, the
//! CLI), where their other tests sit closer to the core: age and the child
//! profile (R02), no stereotype (R10), the notice gate (R11), expungement
//! (R14), a consent's last day (R17), the service list (R19) and the audit
//! trail of changes (R27).

use serde_json::{json, Value};

use crate::helpers::{haven, json, TestApp};

/// Answers that show the act and point at exploitation without showing a
/// means: for an adult the means is still missing, for a child it is never
/// asked for (R02).
fn act_and_purpose_only() -> Value {
    json!({"answers": {"taken_to_compound": "yes", "targets_and_scripts": "yes"}})
}

/// Screens a person with `answers`, completes it and returns the
/// determination.
async fn screen(app: &TestApp, person: &str, answers: &Value) -> Value {
    let sid = app.start_screening(person, "en").await;
    let res = app.post(&format!("/api/v1/screenings/{sid}/answers")).json(answers).send().await.unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let res = app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let mut d = json(res).await;
    d["screening_id"] = json!(sid);
    d
}

#[tokio::test]
async fn r02_the_child_profile_follows_age_its_uncertainty_and_its_absence() {
    let app = TestApp::spawn().await;
    let today = time::OffsetDateTime::now_utc().date();
    let years_ago = |years: i32, plus_days: i64| {
        let d = today.replace_year(today.year() - years).unwrap_or(today) + time::Duration::days(plus_days);
        d.to_string()
    };
    // (who, the age fields, child?)
    let cases: [(&str, Value, bool); 8] = [
        ("seventeen", json!({"estimated_age": 17}), true),
        ("nineteen, uncertain", json!({"estimated_age": 19, "age_uncertain": true}), true),
        ("twenty, uncertain", json!({"estimated_age": 20, "age_uncertain": true}), true),
        ("twenty-one, uncertain", json!({"estimated_age": 21, "age_uncertain": true}), false),
        ("eighteen, certain", json!({"estimated_age": 18}), false),
        ("age unknown", json!({}), true),
        ("eighteen today", json!({"date_of_birth": years_ago(18, 0)}), false),
        ("eighteen tomorrow", json!({"date_of_birth": years_ago(18, 1)}), true),
    ];
    for (who, age, child) in cases {
        let mut body = json!({"full_name": format!("Person {who}")});
        for (k, v) in age.as_object().unwrap() {
            body[k] = v.clone();
        }
        let pid = app.create_person(body).await;
        let person = json(app.get(&format!("/api/v1/persons/{pid}")).send().await.unwrap()).await;
        assert_eq!(person["may_be_child"], child, "{who}: {person}");
        let d = screen(&app, &pid, &act_and_purpose_only()).await;
        assert_eq!(d["profile"], if child { "child" } else { "adult" }, "{who}");
        let missing = d["missing_elements"].as_array().unwrap();
        assert_eq!(!missing.contains(&json!("means")), child, "{who}: the means is asked of adults only: {d}");
        assert!(missing.contains(&json!("purpose")), "{who}: {d}");
        // A child, or a person who may be one, is given a guardian.
        let guardian = d["needs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["need"] == "guardian" && n["reasons"].to_string().contains("may_be_child"));
        assert_eq!(guardian, child, "{who}: {d}");
    }
}

#[tokio::test]
async fn r10_the_same_answers_give_the_same_finding_whatever_the_sex_or_nationality() {
    let app = TestApp::spawn().await;
    let full = json!({"answers": {"job_differed": "yes", "taken_to_compound": "yes", "passport_taken": "yes",
                                  "forced_to_scam": "yes", "targets_and_scripts": "yes", "fear_of_return": "yes"}});
    let partial = json!({"answers": {"job_differed": "yes", "irregular_status": "yes", "fear_of_return": "yes"}});
    let people = [
        ("male", "VNM"),
        ("female", "VNM"),
        ("male", "IDN"),
        ("female", "ETH"),
        ("non-binary", "CHN"),
        ("male", "PHL"),
        ("female", "MMR"),
    ];
    for answers in [&full, &partial] {
        let mut seen: Option<Value> = None;
        for (i, (sex, nationality)) in people.iter().enumerate() {
            let pid = app
                .create_person(json!({"full_name": format!("Person {i}"), "sex": sex, "nationalities": [nationality],
                                      "estimated_age": 30}))
                .await;
            let mut d = screen(&app, &pid, answers).await;
            d.as_object_mut().unwrap().remove("screening_id");
            match &seen {
                None => seen = Some(d),
                Some(first) => assert_eq!(&d, first, "{sex}, {nationality} was found differently"),
            }
        }
        // The check can fail: the two answer sets are found differently.
        assert!(seen.is_some());
    }
    let a = app.create_named("Control A").await;
    let b = app.create_named("Control B").await;
    assert_ne!(screen(&app, &a, &full).await["outcome"], screen(&app, &b, &partial).await["outcome"]);
}

#[test]
fn r10_an_instrument_with_a_sex_or_gender_indicator_is_refused() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shipped = std::fs::read_to_string(repo.join("instruments/forced-criminality-v2.toml")).unwrap();
    let question = "id = \"recruited_job_ad\"\nsection = \"recruitment\"\ntype = \"yes_no\"\n";
    assert!(shipped.contains(question), "the shipped question moved; update this test");
    let dir = tempfile::tempdir().unwrap();
    for topic in ["sex", "gender", "nationality"] {
        // An indicator (online_job_ad) already rests on this question; the
        // question now says it is about the person's sex, gender or nationality.
        let text = shipped.replace(question, &format!("{question}topic = \"{topic}\"\n"));
        let path = dir.path().join(format!("{topic}.toml"));
        std::fs::write(&path, text).unwrap();
        let out = haven(&["instrument", "validate", path.to_str().unwrap()]);
        assert!(!out.status.success(), "{topic} accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("R10") && err.contains(topic), "{topic}: {err}");
    }
}

#[tokio::test]
async fn r11_no_notice_for_a_screening_that_did_not_find_reasonable_grounds() {
    let app = TestApp::spawn().await;
    let pid = app
        .create_person(json!({"full_name": "Gate Person", "estimated_age": 30,
                                       "location": "immigration_detention"}))
        .await;
    let immigration = app.store.create_org("Immigration Office", "immigration", Some("THA")).await.unwrap();
    let res = app
        .post(&format!("/api/v1/persons/{pid}/consents"))
        .json(&json!({"purpose": "non_punishment_notice", "recipient_org_id": immigration.to_string(),
                      "categories": ["identity"], "expires_on": "2099-12-31", "language": "en"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, csrf) = app.store.create_session(&sup, true).await.unwrap();
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let cookie = format!("haven_session={secret}");

    let nothing = json!({"answers": {}});
    let vulnerable = json!({"answers": {"irregular_status": "yes", "fear_of_return": "yes"}});
    let found = json!({"answers": {"job_differed": "yes", "taken_to_compound": "yes", "passport_taken": "yes",
                                   "confined": "yes", "forced_to_scam": "yes", "targets_and_scripts": "yes"}});
    for (answers, outcome) in
        [(&nothing, "not_yet_determined"), (&vulnerable, "vulnerable_migrant"), (&found, "reasonable_grounds")]
    {
        let d = screen(&app, &pid, answers).await;
        assert_eq!(d["outcome"], outcome, "{d}");
        let sid = d["screening_id"].as_str().unwrap();
        let open = outcome == "reasonable_grounds";
        let page = client.get(app.url(&format!("/screenings/{sid}/notice"))).header("cookie", &cookie).send();
        let page = page.await.unwrap().status().as_u16();
        let pdf = client.get(app.url(&format!("/screenings/{sid}/notice.pdf"))).header("cookie", &cookie).send();
        let pdf = pdf.await.unwrap().status().as_u16();
        let api = app.get(&format!("/api/v1/screenings/{sid}/notice.pdf")).send().await.unwrap().status().as_u16();
        let before = app.count("inbox_documents").await;
        let sent = client
            .post(app.url(&format!("/screenings/{sid}/notice/send")))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.as_str()), ("recipient_org_id", &immigration.to_string())])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        let after = app.count("inbox_documents").await;
        if open {
            assert_eq!((page, pdf, api, sent, after), (200, 200, 200, 303, before + 1), "{outcome}");
        } else {
            assert_eq!((page, pdf, api, sent, after), (404, 404, 404, 404, before), "{outcome}");
        }
    }
}

#[tokio::test]
async fn r14_a_penalty_not_caused_by_trafficking_is_kept_but_not_put_forward_for_expungement() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Penalty Person").await;
    for (offence, caused) in [("theft before recruitment", false), ("overstay after escaping", true)] {
        let res = app
            .post(&format!("/api/v1/persons/{pid}/penalties"))
            .json(&json!({"kind": "conviction", "country": "THA", "imposed_on": "2025-02-01", "offence": offence,
                          "consequence_of_trafficking": caused}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{:?}", res.text().await);
    }
    let list = json(app.get(&format!("/api/v1/persons/{pid}/penalties")).send().await.unwrap()).await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2, "both are kept");
    for p in list {
        let caused = p["consequence_of_trafficking"].as_bool().unwrap();
        assert_eq!(p["expungement_due"], caused, "{p}");
    }
    let tasks = json(app.get("/api/v1/tasks").send().await.unwrap()).await.to_string();
    let expungement_tasks = tasks.matches("expungement").count();
    assert!(expungement_tasks <= 1, "only the penalty caused by trafficking is followed: {tasks}");
}

#[tokio::test]
async fn r17_a_consent_holds_through_its_last_day_and_not_after() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Last Day Person").await;
    let sid = app.start_screening(&pid, "en").await;
    app.answer_reasonable_grounds(&sid).await;
    app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
    let immigration = app.store.create_org("Immigration Office", "immigration", Some("THA")).await.unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let res = app
        .post(&format!("/api/v1/persons/{pid}/consents"))
        .json(&json!({"purpose": "non_punishment_notice", "recipient_org_id": immigration.to_string(),
                      "categories": ["identity"], "expires_on": today.to_string(), "language": "en"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "a consent may end today");
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, csrf) = app.store.create_session(&sup, true).await.unwrap();
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let send = || {
        client
            .post(app.url(&format!("/screenings/{sid}/notice/send")))
            .header("cookie", format!("haven_session={secret}"))
            .form(&[("csrf", csrf.as_str()), ("recipient_org_id", &immigration.to_string())])
            .send()
    };
    assert_eq!(send().await.unwrap().status(), 303, "on its last day the consent still holds");
    let yesterday = today - time::Duration::days(1);
    app.backdate(&format!("UPDATE consents SET expires_on = '{yesterday}'"), "consents").await;
    assert_eq!(send().await.unwrap().status(), 400, "the day after, it does not");
    let list = json(app.get(&format!("/api/v1/persons/{pid}/consents")).send().await.unwrap()).await;
    assert_eq!(list[0]["in_force"], false, "{list}");
}

#[tokio::test]
async fn r19_the_referral_form_offers_every_service_the_rule_names() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Service Person").await;
    let html = app.page_as("sup", &format!("/persons/{pid}/referrals")).await;
    let select = html.split("name=\"service_type\"").nth(1).and_then(|s| s.split("</select>").next()).unwrap();
    // R19's list, in its order: open shelter (for men too), primary and
    // sexual and reproductive health, psychological care, torture
    // rehabilitation, legal aid, interpretation, consular assistance,
    // compensation claims, housing, education and work on return.
    for service in [
        "shelter_men",
        "shelter_women",
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
    ] {
        assert!(select.contains(&format!("value=\"{service}\"")), "{service} is missing from the form");
    }
}

/// Audit events after `seq` other than reads and the row bindings every
/// write carries, as (action, record kind, record id).
async fn changes_since(app: &TestApp, seq: i64) -> Vec<(String, String, String)> {
    use sqlx::Row;
    sqlx::query(&format!(
        "SELECT action, record_kind, record_id FROM audit_events WHERE seq > {seq} \
         AND action NOT IN ('read', 'list', 'search', 'row_write') ORDER BY seq"
    ))
    .fetch_all(app.store.pool())
    .await
    .unwrap()
    .iter()
    .map(|r| (r.try_get("action").unwrap(), r.try_get("record_kind").unwrap(), r.try_get("record_id").unwrap()))
    .collect()
}

async fn last_seq(app: &TestApp) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COALESCE(MAX(seq), 0) AS s FROM audit_events")
        .fetch_one(app.store.pool())
        .await
        .unwrap()
        .try_get("s")
        .unwrap()
}

#[tokio::test]
async fn r27_every_change_to_a_record_appends_an_event_naming_it() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Audited Person").await;
    let shelter = app.user_token("Men's Shelter", "shelter", "caseworker", "shelter_r27").await;
    let shelter_org = app.store.org_by_name("Men's Shelter").await.unwrap().to_string();
    let dm = app.user_token("Local organisation", "ngo_assistance", "decision_maker", "dm_r27").await;

    // Each step: what it is, the request, the action and record it must log.
    let mut seq = last_seq(&app).await;
    let expect = |label: &str, events: Vec<(String, String, String)>, action: &str, record: &str| {
        assert!(
            events.iter().any(|(a, _, r)| a == action && r == record),
            "{label}: no {action} event on {record}; got {events:?}"
        );
    };

    let res = app.patch(&format!("/api/v1/persons/{pid}")).json(&json!({"location": "shelter"})).send().await.unwrap();
    assert_eq!(res.status(), 200);
    expect("person update", changes_since(&app, seq).await, "update", &pid);
    seq = last_seq(&app).await;

    let res = app
        .post(&format!("/api/v1/persons/{pid}/referrals"))
        .json(&json!({"service_type": "shelter_men", "recipient_org_id": shelter_org}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{:?}", res.text().await);
    let rid = json(res).await["id"].as_str().unwrap().to_owned();
    expect("referral proposed", changes_since(&app, seq).await, "create", &rid);
    seq = last_seq(&app).await;

    let res = app
        .post(&format!("/api/v1/referrals/{rid}/consent"))
        .json(&json!({"categories": ["identity"], "expires_on": "2099-12-31", "language": "en"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{:?}", res.text().await);
    let cid = json(res).await["consent_id"].as_str().map(str::to_owned);
    let events = changes_since(&app, seq).await;
    assert!(events.iter().any(|(a, k, _)| a == "create" && k == "consent"), "consent recorded: {events:?}");
    seq = last_seq(&app).await;

    let res = app.post(&format!("/api/v1/referrals/{rid}/steps/send")).json(&json!({})).send().await.unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    expect("referral sent", changes_since(&app, seq).await, "update", &rid);
    seq = last_seq(&app).await;

    let res = app
        .client
        .post(app.url(&format!("/api/v1/referrals/{rid}/steps/accept")))
        .bearer_auth(&shelter)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    expect("referral accepted by the receiving side", changes_since(&app, seq).await, "update", &rid);
    seq = last_seq(&app).await;

    let consents = json(app.get(&format!("/api/v1/persons/{pid}/consents")).send().await.unwrap()).await;
    let cid = cid.unwrap_or_else(|| consents[0]["id"].as_str().unwrap().to_owned());
    assert_eq!(app.post(&format!("/api/v1/consents/{cid}/withdraw")).send().await.unwrap().status(), 204);
    expect("consent withdrawn", changes_since(&app, seq).await, "withdraw", &cid);
    seq = last_seq(&app).await;

    let sid = app.start_screening(&pid, "en").await;
    expect("screening started", changes_since(&app, seq).await, "create", &sid);
    seq = last_seq(&app).await;
    app.answer_reasonable_grounds(&sid).await;
    expect("answers recorded", changes_since(&app, seq).await, "update", &sid);
    seq = last_seq(&app).await;
    assert_eq!(app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap().status(), 200);
    expect("screening completed", changes_since(&app, seq).await, "update", &sid);
    app.backdate("UPDATE screenings SET completed_at = completed_at - 2678400000", "screenings").await;
    seq = last_seq(&app).await;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/screenings/{sid}/decisions")))
        .bearer_auth(&dm)
        .json(&json!({"conclusion": "confirmed", "reasons": "Consistent account over two interviews."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{:?}", res.text().await);
    let did = json(res).await["id"].as_str().unwrap().to_owned();
    expect("decision", changes_since(&app, seq).await, "create", &did);
    seq = last_seq(&app).await;

    assert_eq!(app.post(&format!("/api/v1/persons/{pid}/erase")).send().await.unwrap().status(), 204);
    expect("erasure", changes_since(&app, seq).await, "erase", &pid);
}

#[tokio::test]
async fn r18_the_interview_and_consent_start_in_the_persons_language_and_the_notice_in_the_authoritys() {
    let app = TestApp::spawn().await;
    let org = app.store.org_by_name("Local organisation").await.unwrap();
    app.exec(&format!("UPDATE organisations SET country = 'KHM' WHERE id = '{org}'")).await;
    app.backdate("SELECT 1", "organisations").await;
    let pid = app.create_person(json!({"full_name": "Lang Person", "languages": ["vi-VN"], "estimated_age": 30})).await;
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, _) = app.store.create_session(&sup, true).await.unwrap();
    let page = |path: String| {
        let url = app.url(&path);
        let client = app.client.clone();
        let cookie = format!("haven_session={secret}; haven_lang=en");
        async move { client.get(url).header("cookie", cookie).send().await.unwrap().text().await.unwrap() }
    };
    let html = page(format!("/persons/{pid}")).await;
    let select = html.split("id=\"s-language\"").nth(1).and_then(|s| s.split("</select>").next()).unwrap();
    assert!(select.contains("value=\"vi\" lang=\"vi\" selected"), "{select}");
    assert_eq!(select.matches("selected").count(), 1, "{select}");
    assert!(html.contains("id=\"c-language\" name=\"language\" required value=\"vi\""), "the consent's language");
    // A person with no language recorded starts in the caseworker's.
    let other = app.create_named("No Language Person").await;
    let html = page(format!("/persons/{other}")).await;
    let select = html.split("id=\"s-language\"").nth(1).and_then(|s| s.split("</select>").next()).unwrap();
    assert!(select.contains("value=\"en\" lang=\"en\" selected"), "{select}");

    let sid = app.start_screening(&pid, "vi").await;
    app.answer_reasonable_grounds(&sid).await;
    app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
    let html = page(format!("/screenings/{sid}")).await;
    let select = html.split("id=\"notice-lang\"").nth(1).and_then(|s| s.split("</select>").next()).unwrap();
    assert!(select.contains("value=\"km\" lang=\"km\" selected"), "Cambodian authorities read Khmer: {select}");
}
