//! Figures through the API, the page and the exports (R23): small cells
//! suppressed with their complements, the method printed, the threshold
//! never lowered, and figures only for roles that may read them (R16).

use serde_json::{json, Value};

use crate::helpers::{json, TestApp};

/// 14 Vietnamese men and 12 Vietnamese women in a shelter; 11 Filipino men
/// and 10 Filipino women in immigration detention, 3 Filipino women in a
/// shelter; 3 Indonesian women in a shelter. The 3 Indonesians are few
/// enough to be recognised; so are the 10 women in detention.
async fn population(app: &TestApp) {
    let mut people = Vec::new();
    let mut add = |n: usize, label: &str, sex: &str, nat: &str, age: u16, location: &str| {
        for i in 0..n {
            people.push(json!({"full_name": format!("{label} {i}"), "sex": sex, "nationalities": [nat],
                               "estimated_age": age, "location": location}));
        }
    };
    add(14, "VN man", "male", "VNM", 30, "shelter");
    add(12, "VN woman", "female", "VNM", 28, "shelter");
    add(11, "PH man", "male", "PHL", 25, "immigration_detention");
    add(10, "PH woman", "female", "PHL", 35, "immigration_detention");
    add(3, "PH woman sheltered", "female", "PHL", 35, "shelter");
    add(3, "ID woman", "female", "IDN", 40, "shelter");
    for p in people {
        app.create_person(p).await;
    }
}

fn figures(t: &Value) -> Vec<Option<u64>> {
    let mut out: Vec<Option<u64>> = Vec::new();
    for row in t["cells"].as_array().unwrap() {
        out.extend(row.as_array().unwrap().iter().map(Value::as_u64));
    }
    out.extend(t["row_totals"].as_array().unwrap().iter().map(Value::as_u64));
    out.extend(t["col_totals"].as_array().unwrap().iter().map(Value::as_u64));
    out.push(t["total"].as_u64());
    out
}

#[tokio::test]
async fn r23_released_figures_never_show_a_small_cell_or_one_derivable_from_a_total() {
    let app = TestApp::spawn().await;
    population(&app).await;
    // Three Indonesians are too few to show: they count with the next
    // smallest nationality, in every table, so no table's total gives them
    // away against another's.
    let t = json(app.get("/api/v1/statistics?rows=nationality&cols=sex").send().await.unwrap()).await;
    assert_eq!(t["rows"], json!(["VNM", "smaller_groups"]), "{t}");
    assert_eq!(t["row_totals"], json!([26, 27]));
    let by_age = json(app.get("/api/v1/statistics?rows=nationality&cols=age_band").send().await.unwrap()).await;
    assert_eq!(by_age["rows"], t["rows"]);
    assert_eq!(by_age["row_totals"], t["row_totals"], "the same totals in every table");

    // Ten women in detention: hidden, with what would give them away.
    let res = app.get("/api/v1/statistics?rows=sex&cols=location").send().await.unwrap();
    assert_eq!(res.status(), 200);
    let t = json(res).await;
    assert_eq!(t["rows"], json!(["female", "male"]), "{t}");
    assert_eq!(t["cols"], json!(["immigration_detention", "shelter"]), "{t}");
    assert!(t["cells"][0][0].is_null(), "{t}");
    let lines = |t: &Value| {
        let cell = |r: usize, c: usize| t["cells"][r][c].clone();
        let mut out: Vec<Vec<Value>> = Vec::new();
        for r in 0..2 {
            out.push(vec![cell(r, 0), cell(r, 1), t["row_totals"][r].clone()]);
        }
        for c in 0..2 {
            out.push(vec![cell(0, c), cell(1, c), t["col_totals"][c].clone()]);
        }
        out.push(vec![t["col_totals"][0].clone(), t["col_totals"][1].clone(), t["total"].clone()]);
        out.push(vec![t["row_totals"][0].clone(), t["row_totals"][1].clone(), t["total"].clone()]);
        out
    };
    for line in lines(&t) {
        assert_ne!(line.iter().filter(|v| v.is_null()).count(), 1, "one hidden figure in {line:?} can be derived: {t}");
    }
    assert_eq!(t["row_totals"], json!([28, 25]));
    assert_eq!(t["col_totals"], json!([21, 32]));
    assert_eq!(t["total"], 53);
    for f in figures(&t).into_iter().flatten() {
        assert!(f == 0 || f >= 11, "a small figure was released: {f} in {t}");
    }
    assert_eq!(t["k"], 11);
    assert!(t["method"].as_str().unwrap().contains("k = 11"), "{t}");

    // One audit event records each release (three tables here), with no one's name.
    let events = app.count("audit_events WHERE action = 'release'").await;
    assert_eq!(events, 3);
}

#[tokio::test]
async fn r23_the_threshold_can_be_raised_never_lowered_and_dimensions_are_a_closed_list() {
    let app = TestApp::spawn().await;
    population(&app).await;
    let res = app.get("/api/v1/statistics?rows=nationality&cols=sex&k=5").send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "r23_threshold_too_low");
    let t = json(app.get("/api/v1/statistics?rows=nationality&cols=sex&k=15").send().await.unwrap()).await;
    assert_eq!(t["k"], 15);
    assert_eq!(t["cols"], json!(["female", "male"]));
    assert!(t["cells"][0][1].is_null(), "14 Vietnamese men is below 15: {t}");
    for (q, code) in [("rows=full_name", "invalid_dimension"), ("rows=sex&cols=sex", "same_dimension")] {
        let res = app.get(&format!("/api/v1/statistics?{q}")).send().await.unwrap();
        assert_eq!(res.status(), 400, "{q}");
        assert_eq!(json(res).await["error"], code, "{q}");
    }
    let res = app.get("/api/v1/statistics?person=1").send().await.unwrap();
    assert_eq!(res.status(), 400, "unknown parameters are refused");
}

#[tokio::test]
async fn r23_exports_carry_the_suppression_and_the_method() {
    let app = TestApp::spawn().await;
    population(&app).await;
    let res = app.get("/api/v1/statistics/export.csv?rows=sex&cols=location").send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("haven-figures-sex-by-location.csv"));
    let csv = res.text().await.unwrap();
    assert!(csv.starts_with('\u{feff}'), "a byte-order mark, for spreadsheets");
    assert!(csv.contains("\nFemale,hidden,hidden,28\n"), "the page's word for a hidden figure: {csv}");
    assert!(csv.contains("k = 11"), "{csv}");
    for line in csv.lines().skip(1) {
        for cell in line.split(',').skip(1) {
            if let Ok(n) = cell.parse::<u64>() {
                assert!(n == 0 || n >= 11, "{csv}");
            }
        }
    }
    let res = app.get("/api/v1/statistics/export.xlsx?rows=age_band&cols=outcome").send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.bytes().await.unwrap().starts_with(b"PK\x03\x04"));
}

#[tokio::test]
async fn r16_r23_figures_are_for_supervisors_decision_makers_and_auditors_only() {
    let app = TestApp::spawn().await;
    population(&app).await;
    let as_user = |token: String| {
        let url = app.url("/api/v1/statistics");
        let client = app.client.clone();
        async move { client.get(url).bearer_auth(token).send().await.unwrap().status().as_u16() }
    };
    let cw = app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_stats").await;
    let dm = app.user_token("Local organisation", "ngo_assistance", "decision_maker", "dm_stats").await;
    let auditor = app.user_token("Local organisation", "ngo_assistance", "auditor", "aud_stats").await;
    let police = app.user_token("Provincial Police", "police", "supervisor", "police_stats").await;
    assert_eq!(as_user(cw).await, 403);
    assert_eq!(as_user(dm).await, 200);
    assert_eq!(as_user(auditor).await, 200);
    assert_eq!(as_user(police).await, 403, "R16: no figures for enforcement");
    // Another organisation's supervisor counts only its own people.
    let other = app.user_token("Other NGO", "ngo_assistance", "supervisor", "other_sup").await;
    let t = json(app.client.get(app.url("/api/v1/statistics")).bearer_auth(other).send().await.unwrap()).await;
    assert_eq!(t["total"], 0, "{t}");
}

#[tokio::test]
async fn r23_the_page_shows_hidden_cells_the_method_and_a_chart_in_the_readers_language() {
    let app = TestApp::spawn().await;
    population(&app).await;
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, _) = app.store.create_session(&sup, true).await.unwrap();
    let page_in = |path: &str, lang: &str| {
        let url = app.url(path);
        let client = app.client.clone();
        let cookie = format!("haven_session={secret}; haven_lang={lang}");
        async move { client.get(url).header("cookie", cookie).send().await.unwrap().text().await.unwrap() }
    };
    let page = |path: &str| page_in(path, "en");
    let html = page("/statistics?rows=sex&cols=location").await;
    assert!(html.contains("href=\"/statistics\""), "the navigation offers it");
    assert!(html.contains("class=\"suppressed\">hidden<"), "{html}");
    assert!(html.contains("k = 11"));
    assert!(html.contains("<svg") && html.contains("<rect"), "a chart of the totals");
    assert!(!html.contains("ID woman"), "no one's name");
    let html = page_in("/statistics?rows=outcome&cols=sex", "vi").await;
    assert!(html.contains("Chưa sàng lọc") && html.contains("Nữ"), "{html}");
    let csv = page("/statistics.csv?rows=sex&cols=location&k=11").await;
    assert!(csv.contains("hidden"), "{csv}");
}

/// The data rows of a CTDC export, as maps from column to value.
fn ctdc_rows(csv: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut lines = csv.lines();
    let method = lines.next().unwrap();
    assert!(method.starts_with('#'), "the method comes first: {method}");
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines.map(|l| header.iter().map(|h| h.to_string()).zip(l.split(',').map(str::to_owned)).collect()).collect()
}

#[tokio::test]
async fn r23_the_ctdc_export_holds_no_combination_of_fewer_than_k_people_and_names_nobody() {
    let app = TestApp::spawn().await;
    population(&app).await;
    // One Lao woman in her fifties: unique, so never published as herself.
    let lao = app
        .create_person(
            json!({"full_name": "Only Lao Woman", "sex": "female", "nationalities": ["LAO"], "estimated_age": 52}),
        )
        .await;
    let s = app.start_screening(&lao, "lo").await;
    app.answer_reasonable_grounds(&s).await;
    assert_eq!(app.post(&format!("/api/v1/screenings/{s}/complete")).send().await.unwrap().status(), 200);

    let res = app.get("/api/v1/statistics/ctdc.csv").send().await.unwrap();
    assert_eq!(res.status(), 200);
    let csv = res.text().await.unwrap();
    assert!(csv.lines().next().unwrap().contains("k = 11"), "the threshold is printed: {csv}");
    assert!(!csv.contains("Lao Woman") && !csv.contains("VN man"), "no name leaves");
    let rows = ctdc_rows(&csv);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["citizenship"] != "LA"), "the only Lao person is never shown as Lao");
    // Every published combination of the quasi-identifiers holds at least k rows.
    let quasi = ["yearOfRegistration", "gender", "ageBroad", "majorityStatus", "citizenship", "CountryOfExploitation"];
    let mut classes: std::collections::BTreeMap<Vec<String>, usize> = Default::default();
    for r in &rows {
        *classes.entry(quasi.iter().map(|q| r[*q].clone()).collect()).or_default() += 1;
    }
    assert!(classes.values().all(|n| *n >= 11), "{classes:?}");
    // Every published row, flags included, is shared by at least k rows:
    // no pattern of flags links one person's row across two releases.
    let mut full: std::collections::BTreeMap<Vec<String>, usize> = Default::default();
    for r in &rows {
        *full.entry(r.values().cloned().collect()).or_default() += 1;
    }
    assert!(full.values().all(|n| *n >= 11), "{full:?}");
    // One threshold for every release: two releases at different k cannot
    // be laid side by side (insider review).
    for k in ["5", "13"] {
        let res = app.get(&format!("/api/v1/statistics/ctdc.csv?k={k}")).send().await.unwrap();
        assert_eq!(res.status(), 400, "k={k}");
    }
    assert_eq!(app.get("/api/v1/statistics/ctdc.csv").send().await.unwrap().text().await.unwrap(), csv);

    // A record-level file is for those who may export records: not a
    // caseworker, and not an auditor who reads only figures.
    for role in ["caseworker", "auditor"] {
        let token = app.user_token("Local organisation", "ngo_assistance", role, &format!("{role}_ctdc")).await;
        let res = app.client.get(app.url("/api/v1/statistics/ctdc.csv")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(res.status(), 403, "{role}");
    }
    // The page offers it to a supervisor.
    assert!(app.page_as("sup", "/statistics").await.contains("id=\"ctdc-csv\""));
}

/// Twelve people screened as forced into scams in Cambodia (reasonable
/// grounds the day they were first recorded), eleven of them referred to a
/// men's shelter and two of those referred twice, and the twelfth referred
/// to eleven kinds of service.
#[tokio::test]
async fn r04_r23_figures_by_form_country_time_to_reasonable_grounds_and_referrals() {
    let app = TestApp::spawn().await;
    let shelter = {
        app.user_token("Men's Shelter Mae Sot", "shelter", "caseworker", "shelter1").await;
        app.store.org_by_name("Men's Shelter Mae Sot").await.unwrap().to_string()
    };
    for i in 0..12 {
        let person = app
            .create_person(json!({"full_name": format!("Screened {i}"), "sex": "male", "nationalities": ["MMR"],
                                  "estimated_age": 30, "location": "shelter"}))
            .await;
        let sid = app.start_screening(&person, "my").await;
        app.answer_reasonable_grounds(&sid).await;
        let res = app
            .post(&format!("/api/v1/screenings/{sid}/answers"))
            .json(&json!({"answers": {"compound_country": "KHM"}}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let res = app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        let services: Vec<&str> = if i < 11 {
            vec!["shelter_men"; if i < 2 { 2 } else { 1 }]
        } else {
            haven_core::services::SERVICE_TYPES.iter().copied().filter(|s| *s != "shelter_men").take(11).collect()
        };
        for service in services {
            let res = app
                .post(&format!("/api/v1/persons/{person}/referrals"))
                .json(&json!({"service_type": service, "recipient_org_id": shelter}))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 201, "{service}");
        }
    }
    // Eleven people not screened at all, so the table has a second line.
    for i in 0..11 {
        app.create_person(json!({"full_name": format!("Unscreened {i}"), "sex": "female", "estimated_age": 30})).await;
    }

    let t = json(
        app.get("/api/v1/statistics?rows=form_of_exploitation&cols=time_to_reasonable_grounds").send().await.unwrap(),
    )
    .await;
    assert_eq!(t["rows"], json!(["forced_criminality", "not_screened"]), "{t}");
    assert_eq!(t["cols"], json!(["not_found", "within_target"]), "{t}");
    assert_eq!(t["cells"], json!([[0, 12], [11, 0]]), "{t}");

    let t = json(app.get("/api/v1/statistics?rows=country_of_exploitation&cols=decision").send().await.unwrap()).await;
    assert_eq!(t["rows"], json!(["KHM", "not_recorded"]), "{t}");
    assert_eq!(t["cols"], json!(["no_decision"]), "{t}");
    assert_eq!(t["row_totals"], json!([12, 11]), "{t}");

    // Nobody has a return plan or a claim: all 23 count under none.
    let t = json(app.get("/api/v1/statistics?rows=return_plan&cols=compensation_claim").send().await.unwrap()).await;
    assert_eq!(
        (t["rows"].clone(), t["cols"].clone(), t["total"].clone()),
        (json!(["none"]), json!(["none"]), json!(23))
    );

    // Twenty-four referrals of twelve people: each person counts once,
    // under their latest referral, so the shelter's eleven people show and
    // the one person referred to eleven services is one person, merged
    // into a group that may not be shown alone (insider review: counted
    // per service, that one person made a released figure of eleven).
    let t = json(app.get("/api/v1/statistics?rows=service_type&cols=referral_status").send().await.unwrap()).await;
    assert_eq!(t["cols"], json!(["proposed"]), "{t}");
    assert_eq!(t["total"], 12, "{t}");
    for f in figures(&t).into_iter().flatten() {
        assert!(f == 0 || f >= 11, "a small figure was released: {f} in {t}");
    }
    assert!(t["method"].as_str().unwrap().contains("each person once, under their latest referral"), "{t}");

    // People and referrals are never mixed in one table.
    let res = app.get("/api/v1/statistics?rows=service_type&cols=sex").send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "mixed_units");

    // The page names the form and the service in the reader's language.
    let page = app.page_as("sup", "/statistics?rows=form_of_exploitation&cols=time_to_reasonable_grounds").await;
    assert!(page.contains("Forced criminality (such as online scams)"), "{page}");
    assert!(page.contains("Within the target"), "{page}");
    let page = app.page_as("sup", "/statistics?rows=service_type&cols=referral_status").await;
    assert!(page.contains("Proposed") && page.contains("Smaller groups together"), "{page}");
    let csv = app.get("/api/v1/statistics/export.csv?rows=service_type&cols=referral_status").send().await.unwrap();
    let csv = csv.text().await.unwrap();
    assert!(csv.contains("Smaller groups together,12,12"), "{csv}");
}

/// A reader who mixes a people breakdown with a referral one stays on the
/// page, with the reason and the form (new-user review: it was a dead end).
#[tokio::test]
async fn r23_mixing_people_and_referrals_on_the_page_keeps_the_form_and_says_why() {
    let app = TestApp::spawn().await;
    population(&app).await;
    let user = app.store.user_by_username("sup").await.unwrap();
    let (secret, _) = app.store.create_session(&user, true).await.unwrap();
    let res = app
        .client
        .get(app.url("/statistics?rows=nationality&cols=referral_status"))
        .header("cookie", format!("haven_session={secret}; haven_lang=en"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"stats-fault\"") && page.contains("Choose two of the same group"), "{page}");
    assert!(page.contains("id=\"stats-form\"") && page.contains("id=\"figures\""), "{page}");
}
