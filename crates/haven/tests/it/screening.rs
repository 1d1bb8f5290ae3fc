//! Screening from the CLI (for instrument authors) and the instruments API.

use crate::helpers::{haven, json, TestApp};

fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

#[test]
fn instrument_validate_accepts_the_shipped_instrument_and_refuses_a_biased_one() {
    let ok = haven(&["instrument", "validate", repo("instruments/forced-criminality-v2.toml").to_str().unwrap()]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("forced-criminality 2.0.1 is valid"));

    let dir = tempfile::tempdir().unwrap();
    let biased = dir.path().join("biased.toml");
    let text = std::fs::read_to_string(repo("instruments/forced-criminality-v2.toml")).unwrap()
        + "\n[[indicators]]\nid = \"paid_so_migrant\"\nquestion = \"was_paid\"\ntrigger = \"yes\"\nelements = [\"purpose\"]\nstrength = \"strong\"\neffect = \"lowers\"\nsource = \"x\"\n";
    std::fs::write(&biased, text).unwrap();
    let refused = haven(&["instrument", "validate", biased.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("R03"));
}

#[test]
fn r06_screen_evaluate_prints_an_explained_determination_and_never_a_negative() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.json");
    std::fs::write(
        &answers,
        r#"{"recruited_job_ad": "yes", "job_differed": "yes", "taken_to_compound": "yes", "crossed_border_unaware": "yes",
            "passport_taken": "yes", "confined": "yes", "forced_to_scam": "yes", "targets_and_scripts": "yes",
            "signed_contract": "yes", "was_paid": "yes", "violence": ["beatings", "threats"], "hours_per_day": 16}"#,
    )
    .unwrap();
    let out =
        haven(&["screen", "evaluate", "--instrument", "forced-criminality", "--answers", answers.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["outcome"], "reasonable_grounds");
    assert_eq!(d["instrument"]["version"], "2.0.1");
    let purpose = d["elements"].as_array().unwrap().iter().find(|e| e["element"] == "purpose").unwrap();
    assert!(purpose["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["question"] == "forced_to_scam" && e["answer"] == "yes"));

    std::fs::write(&answers, r#"{"job_differed": "prefer_not_to_say", "forced_to_scam": "dont_know"}"#).unwrap();
    let out =
        haven(&["screen", "evaluate", "--instrument", "forced-criminality", "--answers", answers.to_str().unwrap()]);
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["outcome"], "not_yet_determined");
    assert!(d["questions_to_revisit"].as_array().unwrap().iter().any(|q| q == "job_differed"));
    assert!(d["referral_needs"].as_array().unwrap().iter().any(|n| n == "legal_aid"));

    std::fs::write(&answers, r#"{"no_such_question": "yes"}"#).unwrap();
    let out =
        haven(&["screen", "evaluate", "--instrument", "forced-criminality", "--answers", answers.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown question"));
}

#[tokio::test]
async fn instruments_are_listed_and_served_in_nine_languages() {
    let app = TestApp::spawn().await;
    let list = json(app.get("/api/v1/instruments").send().await.unwrap()).await;
    assert_eq!(list[0]["id"], "forced-criminality");
    let i = json(app.get("/api/v1/instruments/forced-criminality").send().await.unwrap()).await;
    let q = i["questions"].as_array().unwrap().iter().find(|q| q["id"] == "passport_taken").unwrap();
    for lang in ["en", "th", "vi", "my", "km", "lo", "id", "tl", "zh-Hans"] {
        assert!(q["text"][lang].as_str().is_some_and(|t| !t.is_empty()), "{lang}");
    }
    let res = app.get("/api/v1/instruments/nope").send().await.unwrap();
    assert_eq!(res.status(), 404);
    let res = app.client.get(app.url("/api/v1/instruments")).send().await.unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn r18_an_interview_pauses_resumes_and_completes_into_an_explained_finding() {
    use serde_json::json as j;
    let app = TestApp::spawn().await;
    let pid = app
        .create_person(j!({"full_name": "Trần Văn Bình", "location": "immigration_detention", "languages": ["vi"]}))
        .await;
    let res = app
        .post(&format!("/api/v1/persons/{pid}/screenings"))
        .json(&j!({"instrument": "forced-criminality", "survivor_language": "vi", "interpreter": "Vietnamese interpreter (NGO)"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let sid = json(res).await["id"].as_str().unwrap().to_owned();

    // First sitting: some answers, one declined.
    let res = app
        .post(&format!("/api/v1/screenings/{sid}/answers"))
        .json(
            &j!({"answers": {"recruited_job_ad": "yes", "job_differed": "yes", "passport_taken": "prefer_not_to_say"}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let d = json(app.get(&format!("/api/v1/screenings/{sid}/determination")).send().await.unwrap()).await;
    assert_eq!(d["outcome"], "not_yet_determined");

    // Resumed later.
    let res = app
        .post(&format!("/api/v1/screenings/{sid}/answers"))
        .json(&j!({"answers": {"taken_to_compound": "yes", "confined": "yes", "forced_to_scam": "yes",
                                "targets_and_scripts": "yes", "crossed_border_unaware": "yes", "knew_scam_work": "yes"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let s = json(app.get(&format!("/api/v1/screenings/{sid}")).send().await.unwrap()).await;
    assert_eq!(s["answers"]["passport_taken"], "prefer_not_to_say");
    assert_eq!(s["survivor_language"], "vi");
    assert_eq!(s["interpreter"], "Vietnamese interpreter (NGO)");

    let res = app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let d = json(res).await;
    assert_eq!(d["outcome"], "reasonable_grounds");
    assert_eq!(d["instrument"]["id"], "forced-criminality");

    // A completed screening is kept as it was; re-screening starts a new one.
    let res = app
        .post(&format!("/api/v1/screenings/{sid}/answers"))
        .json(&j!({"answers": {"fines": "yes"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let res = app
        .post(&format!("/api/v1/screenings/{sid}/answers"))
        .json(&j!({"answers": {"nonsense": "yes"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    app.post(&format!("/api/v1/persons/{pid}/screenings"))
        .json(&j!({"instrument": "forced-criminality", "survivor_language": "vi"}))
        .send()
        .await
        .unwrap();
    let history = json(app.get(&format!("/api/v1/persons/{pid}/screenings")).send().await.unwrap()).await;
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert!(history.as_array().unwrap().iter().any(|h| h["outcome"] == "reasonable_grounds"));
}

#[tokio::test]
async fn r06_completing_with_no_answers_is_not_yet_determined() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Silent Person").await;
    let sid = app.start_screening(&pid, "my").await;
    let d = json(app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap()).await;
    assert_eq!(d["outcome"], "not_yet_determined");
    assert_eq!(d["missing_elements"], serde_json::json!(["act", "means", "purpose"]));
}

#[tokio::test]
async fn r07_a_conclusive_decision_is_signed_by_a_decision_maker_with_reasons_after_reflection() {
    use serde_json::json as j;
    let app = TestApp::spawn().await;
    let pid = app.create_named("Decision Person").await;
    let sid = app.start_screening(&pid, "en").await;
    let dm = app.user_token("Local organisation", "ngo_assistance", "decision_maker", "dm_r07").await;
    let decide = |token: String, body: serde_json::Value| {
        let url = app.url(&format!("/api/v1/screenings/{sid}/decisions"));
        let client = app.client.clone();
        async move { client.post(url).bearer_auth(token).json(&body).send().await.unwrap() }
    };
    let reasons = "Account consistent across two interviews; compound named in other reports.";
    // Not before completion.
    let res = decide(dm.clone(), j!({"conclusion": "confirmed", "reasons": reasons})).await;
    assert_eq!(res.status(), 409);
    app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
    // Not before the reflection period has run.
    let res = decide(dm.clone(), j!({"conclusion": "confirmed", "reasons": reasons})).await;
    assert_eq!(res.status(), 409);
    assert!(json(res).await["message"].as_str().unwrap().contains("reflection period"));
    // The page says from when, instead of offering a form that would be refused.
    let page = app.page_as("dm_r07", &format!("/screenings/{sid}")).await;
    assert!(page.contains("id=\"decision-wait\"") && page.contains("can be signed from"), "{page}");
    assert!(!page.contains(&format!("action=\"/screenings/{sid}/decisions\"")), "{page}");
    sqlx::query("UPDATE screenings SET completed_at = completed_at - 2678400000") // 31 days in ms
        .execute(app.store.pool())
        .await
        .unwrap();
    let page = app.page_as("dm_r07", &format!("/screenings/{sid}")).await;
    assert!(!page.contains("id=\"decision-wait\""), "{page}");
    assert!(page.contains(&format!("action=\"/screenings/{sid}/decisions\"")), "{page}");
    // Not by a caseworker or supervisor, and never without reasons.
    let res = decide(app.token.clone(), j!({"conclusion": "confirmed", "reasons": reasons})).await;
    assert_eq!(res.status(), 403);
    let res = decide(dm.clone(), j!({"conclusion": "confirmed", "reasons": "ok"})).await;
    assert_eq!(res.status(), 400);
    let res = decide(dm.clone(), j!({"conclusion": "confirmed", "reasons": reasons})).await;
    assert_eq!(res.status(), 201);
    // Reconsideration supersedes; the history keeps both, signed.
    let res = decide(
        dm.clone(),
        j!({"conclusion": "not_confirmed", "reasons": "Reconsidered after new information from the person."}),
    )
    .await;
    assert_eq!(res.status(), 201);
    let list = json(app.get(&format!("/api/v1/screenings/{sid}/decisions")).send().await.unwrap()).await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["conclusion"], "not_confirmed");
    assert_eq!(list[0]["supersedes"], list[1]["id"]);
    assert_eq!(list[1]["decided_by_name"], "dm_r07");
    assert_eq!(list[1]["reasons"], reasons);
}

#[tokio::test]
async fn r08_cases_naming_the_same_compound_corroborate_each_other_without_revealing_who() {
    use serde_json::json as j;
    let app = TestApp::spawn().await;
    let mut sids = Vec::new();
    for (name, compound) in [
        ("First Witness", "Golden Fortune Park"),
        ("Second Witness", "golden  fortune park"),
        ("Third Person", "Other Place"),
    ] {
        let pid = app.create_named(name).await;
        let sid = app.start_screening(&pid, "en").await;
        let res = app
            .post(&format!("/api/v1/screenings/{sid}/answers"))
            .json(&j!({"answers": {"compound_name": compound, "compound_country": "MMR"}}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        sids.push(sid);
    }
    let d = json(app.get(&format!("/api/v1/screenings/{}/determination", sids[1])).send().await.unwrap()).await;
    assert_eq!(d["corroborated_by"], 1, "the same compound, written differently, corroborates");
    assert!(!d.to_string().contains("First Witness"), "no details of the other case");
    let d = json(app.get(&format!("/api/v1/screenings/{}/determination", sids[2])).send().await.unwrap()).await;
    assert_eq!(d["corroborated_by"], 0, "sharing only a country corroborates nothing");
    // The facts are stored as keyed hashes, not as text.
    use sqlx::Row;
    let rows = sqlx::query("SELECT token FROM screening_facts").fetch_all(app.store.pool()).await.unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        assert!(!r.try_get::<String, _>("token").unwrap().to_lowercase().contains("golden"));
    }
}

#[tokio::test]
async fn r13_r20_the_task_list_puts_release_from_detention_first_then_children_in_detention() {
    use serde_json::json as j;
    let app = TestApp::spawn().await;
    // A child in police custody, not yet screened.
    app.create_person(
        j!({"full_name": "Young Person", "estimated_age": 16, "age_uncertain": true, "location": "police_custody"}),
    )
    .await;
    // An adult in immigration detention with reasonable grounds.
    let pid = app
        .create_person(j!({"full_name": "Detained Adult", "estimated_age": 30, "location": "immigration_detention"}))
        .await;
    let sid = app.start_screening(&pid, "en").await;
    app.answer_reasonable_grounds(&sid).await;
    // An interview still in progress for someone else.
    let other = app.create_named("Interview Pending").await;
    app.post(&format!("/api/v1/persons/{other}/screenings"))
        .json(&j!({"instrument": "forced-criminality", "survivor_language": "th"}))
        .send()
        .await
        .unwrap();
    let before = json(app.get("/api/v1/tasks").send().await.unwrap()).await;
    assert_eq!(before[0]["kind"], "child_in_detention", "{before}");
    let d = json(app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap()).await;
    assert_eq!(d["outcome"], "reasonable_grounds");

    let tasks = json(app.get("/api/v1/tasks").send().await.unwrap()).await;
    let kinds: Vec<(&str, &str)> =
        tasks.as_array().unwrap().iter().map(|t| (t["kind"].as_str().unwrap(), t["name"].as_str().unwrap())).collect();
    assert_eq!(kinds[0], ("request_release", "Detained Adult"));
    assert_eq!(kinds[1], ("child_in_detention", "Young Person"));
    assert!(kinds.contains(&("reasonable_grounds_due", "Interview Pending")));
    assert!(kinds.contains(&("recovery_period_ends", "Detained Adult")));
    assert_eq!(tasks[1]["child"], true);
}

#[tokio::test]
async fn r14_past_penalties_are_recorded_for_expungement_and_followed() {
    use serde_json::json as j;
    let app = TestApp::spawn().await;
    let pid = app.create_named("Penalised Person").await;
    let res = app
        .post(&format!("/api/v1/persons/{pid}/penalties"))
        .json(&j!({"kind": "fine", "country": "tha", "imposed_on": "2025-06-01",
                   "offence": "overstay after escaping the compound", "consequence_of_trafficking": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let id = json(res).await["id"].as_str().unwrap().to_owned();
    let list = json(app.get(&format!("/api/v1/persons/{pid}/penalties")).send().await.unwrap()).await;
    assert_eq!(list[0]["expungement_due"], true);
    assert_eq!(list[0]["country"], "THA");
    let res = app
        .post(&format!("/api/v1/penalties/{id}/expungement"))
        .json(&j!({"status": "requested"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let list = json(app.get(&format!("/api/v1/persons/{pid}/penalties")).send().await.unwrap()).await;
    assert_eq!(list[0]["expungement"], "requested");
    assert_eq!(list[0]["expungement_due"], false);
    // A caseworker who sees only identity and contact never reads the offence.
    app.widen_caseworker_reach("Local organisation").await;
    let cw = app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_pen").await;
    let list = json(
        app.client.get(app.url(&format!("/api/v1/persons/{pid}/penalties"))).bearer_auth(&cw).send().await.unwrap(),
    )
    .await;
    assert!(list[0]["offence"].is_null(), "{list}");
}

#[tokio::test]
async fn r11_r12_a_non_punishment_notice_exists_only_from_reasonable_grounds_and_has_an_open_scope() {
    use serde_json::json as j;
    let app = TestApp::spawn().await;
    let pid = app
        .create_person(j!({"full_name": "Phạm Thị Mai", "location": "immigration_detention", "nationalities": ["VNM"]}))
        .await;
    let sid = app.start_screening(&pid, "vi").await;
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, _) = app.store.create_session(&sup, true).await.unwrap();
    let page = |path: String| {
        let url = app.url(&path);
        let client = app.client.clone();
        let cookie = format!("haven_session={secret}");
        async move {
            let res = client.get(url).header("cookie", cookie).send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let (status, _) = page(format!("/screenings/{sid}/notice")).await;
    assert_eq!(status, 404, "no notice before reasonable grounds");
    app.answer_reasonable_grounds(&sid).await;
    app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
    let (status, html) = page(format!("/screenings/{sid}/notice?lang=th")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Phạm Thị Mai"));
    // In the person's language (Vietnamese, the interview's) and the
    // authority's (Thai), as the PDF and the copy sent to an inbox are.
    assert!(html.contains("rửa tiền") && html.contains("ฟอกเงิน"), "R12: open scope in both");
    assert!(html.contains("trả tự do"), "R13: detained");
    assert!(html.contains("lang=\"vi\"") && html.contains("lang=\"th\""), "both languages");
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed: run scripts/ensure-deps");
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn r11_r12_r13_the_notice_pdf_names_the_person_in_their_language_and_the_authoritys() {
    use serde_json::json as j;
    let app = TestApp::spawn().await;
    let pid = app
        .create_person(j!({"full_name": "Phạm Thị Mai", "location": "immigration_detention",
                           "nationalities": ["VNM"], "languages": ["vi"]}))
        .await;
    let sid = app.start_screening(&pid, "vi").await;
    let res = app.get(&format!("/api/v1/screenings/{sid}/notice.pdf?lang=th")).send().await.unwrap();
    assert_eq!(res.status(), 404, "R11: no notice before reasonable grounds");
    app.answer_reasonable_grounds(&sid).await;
    app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
    let res = app.get(&format!("/api/v1/screenings/{sid}/notice.pdf?lang=th")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&bytes);
    assert!(text.contains("Phạm Thị Mai"), "{text}");
    // Vietnamese for the person, Thai for the authority; words from each
    // language's open-ended scope (R12) and release request (R13).
    assert!(text.contains("rửa tiền"), "Vietnamese scope: {text}");
    assert!(text.contains("ฟอกเงิน"), "Thai scope: {text}");
    assert!(text.contains("trả tự do"), "Vietnamese release request: {text}");
}

#[tokio::test]
async fn r09_a_vulnerability_screening_through_the_api_refers_and_never_finds_against() {
    use serde_json::json as j;
    let app = TestApp::spawn().await;
    let pid = app.create_named("Somchai Dee").await;
    let res = app
        .post(&format!("/api/v1/persons/{pid}/screenings"))
        .json(&j!({"instrument": "vulnerability", "survivor_language": "th"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let sid = json(res).await["id"].as_str().unwrap().to_owned();
    let res = app
        .post(&format!("/api/v1/screenings/{sid}/answers"))
        .json(&j!({"answers": {"stranded": "yes", "injured_or_ill": "yes", "owes_debt": "prefer_not_to_say"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let d = json(app.get(&format!("/api/v1/screenings/{sid}/determination")).send().await.unwrap()).await;
    assert_eq!(d["outcome"], "vulnerable_migrant", "{d}");
    assert_eq!(d["vulnerabilities"], j!(["injured", "stranded"]), "{d}");
    for need in ["consular", "medical", "legal_aid", "psychological"] {
        assert!(d["referral_needs"].as_array().unwrap().iter().any(|n| n == need), "{need}: {d}");
    }
    assert!(d["questions_to_revisit"].as_array().unwrap().iter().any(|q| q == "owes_debt"), "{d}");
}

/// A signed-in supervisor's page fetcher: (status, body).
async fn sup_page(app: &TestApp, path: &str) -> (u16, String) {
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, _) = app.store.create_session(&sup, true).await.unwrap();
    let res = app.client.get(app.url(path)).header("cookie", format!("haven_session={secret}")).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn r18_an_interview_in_a_language_outside_the_nine_runs_only_through_a_recorded_interpreter() {
    use serde_json::json as j;
    let app = TestApp::spawn().await;
    let pid = app.create_named("Abebe Kebede").await;
    let start = |body: serde_json::Value| app.post(&format!("/api/v1/persons/{pid}/screenings")).json(&body).send();
    // Amharic is not among the instrument's languages: no silent English.
    let res = start(j!({"instrument": "forced-criminality", "survivor_language": "am"})).await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["field"], "interpreter_name");
    assert_eq!(app.count("screenings").await, 0, "nothing written");
    // The interpreter's language must be one the questions are written in.
    let res = start(j!({"instrument": "forced-criminality", "survivor_language": "am",
                        "interpreter": "Interpreter A", "interpreter_language": "am"}))
    .await
    .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["field"], "interpreter_language");
    let res = start(j!({"instrument": "forced-criminality", "survivor_language": "am",
                        "interpreter": "Interpreter A", "interpreter_language": "en",
                        "interpreter_preferences": ["female_interpreter", "not_from_own_community"],
                        "preference_note": "not a man from her home town"}))
    .await
    .unwrap();
    assert_eq!(res.status(), 201);
    let sid = json(res).await["id"].as_str().unwrap().to_owned();
    let v = json(app.get(&format!("/api/v1/screenings/{sid}")).send().await.unwrap()).await;
    assert_eq!(v["survivor_language"], "am");
    assert_eq!(v["interpreter"], "Interpreter A");
    assert_eq!(v["interpretation"]["interpreter_language"], "en");
    assert_eq!(v["interpretation"]["preferences"], j!(["female_interpreter", "not_from_own_community"]));
    assert_eq!(v["interpretation"]["preference_note"], "not a man from her home town");
    // Interpretation is a need of its own, with its reason.
    let d = json(app.get(&format!("/api/v1/screenings/{sid}/determination")).send().await.unwrap()).await;
    let need = d["needs"].as_array().unwrap().iter().find(|n| n["need"] == "interpretation").cloned();
    let need = need.unwrap_or_else(|| panic!("{d}"));
    assert!(need["reasons"].to_string().contains("am"), "{need}");
    // The page says who interprets into what, and the questions are shown
    // in the interpreter's language.
    let (status, html) = sup_page(&app, &format!("/screenings/{sid}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Interpreter A") && html.contains("id=\"interpreted\""), "{html}");
    // A language the instrument has needs no interpreter.
    let res = start(j!({"instrument": "forced-criminality", "survivor_language": "my"})).await.unwrap();
    assert_eq!(res.status(), 201);
}

#[tokio::test]
async fn r09_r19_the_result_lists_each_need_with_the_answer_behind_it_and_no_finding_before_the_end() {
    let app = TestApp::spawn().await;
    // Age unknown: presumed a child (R02), so a guardian is needed.
    let pid = app.create_person(serde_json::json!({"full_name": "Unknown Age Person"})).await;
    let sid = app.start_screening(&pid, "en").await;
    let res = app
        .post(&format!("/api/v1/screenings/{sid}/answers"))
        .json(&serde_json::json!({"answers": {"passport_taken": "yes"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let d = json(app.get(&format!("/api/v1/screenings/{sid}/determination")).send().await.unwrap()).await;
    let needs = d["needs"].as_array().unwrap();
    let guardian = needs.iter().find(|n| n["need"] == "guardian").unwrap_or_else(|| panic!("{d}"));
    assert_eq!(guardian["reasons"][0]["reason"], "may_be_child");
    assert_eq!(guardian["task"], "appoint_guardian");
    let consular = needs.iter().find(|n| n["need"] == "consular").unwrap_or_else(|| panic!("{d}"));
    assert_eq!(consular["reasons"][0]["question"], "passport_taken", "{consular}");
    let always = needs.iter().find(|n| n["need"] == "legal_aid").unwrap();
    assert_eq!(always["always_offered"], true);
    // Most urgent first.
    let order: Vec<&str> = needs.iter().map(|n| n["urgency"].as_str().unwrap()).collect();
    let rank = |u: &str| ["immediate", "soon", "routine"].iter().position(|x| *x == u).unwrap();
    assert!(order.windows(2).all(|w| rank(w[0]) <= rank(w[1])), "{order:?}");
    let (status, html) = sup_page(&app, &format!("/screenings/{sid}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Provisional result"), "an unfinished interview shows no final result");
    let consular_li = html.split("data-need=\"consular\"").nth(1).unwrap_or_default();
    let consular_li = consular_li.split("</li></ul></li>").next().unwrap_or_default();
    assert!(consular_li.contains("Because"), "{consular_li}");
    assert!(html.contains("data-need=\"guardian\""));
}

#[tokio::test]
async fn r07_a_vulnerability_screen_offers_no_conclusive_decision() {
    use serde_json::json as j;
    let app = TestApp::spawn().await;
    let pid = app.create_named("Vulnerable Person").await;
    let res = app
        .post(&format!("/api/v1/persons/{pid}/screenings"))
        .json(&j!({"instrument": "vulnerability", "survivor_language": "en"}))
        .send()
        .await
        .unwrap();
    let sid = json(res).await["id"].as_str().unwrap().to_owned();
    app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
    let (status, html) = sup_page(&app, &format!("/screenings/{sid}")).await;
    assert_eq!(status, 200);
    assert!(!html.contains("/decisions"), "no decision form");
    assert!(!html.contains("data-outcome"), "no finding shown for a vulnerability screen");
    assert!(!html.contains("class=\"jurisdiction\""), "no reasonable-grounds deadlines for a vulnerability screen");
}

#[tokio::test]
async fn r06_a_person_who_answered_every_question_is_not_told_they_may_not_be_ready_to_say_more() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Answered Everything").await;
    let sid = app.start_screening(&pid, "en").await;
    let instrument = json(app.get("/api/v1/instruments/forced-criminality").send().await.unwrap()).await;
    let mut answers = serde_json::Map::new();
    for q in instrument["questions"].as_array().unwrap() {
        let value = match q["type"].as_str().unwrap() {
            "yes_no" => serde_json::json!("no"),
            "number" => serde_json::json!(0),
            "choice" => q["options"].as_array().unwrap().last().cloned().unwrap(),
            "multi_choice" => serde_json::json!([q["options"].as_array().unwrap().last().cloned().unwrap()]),
            _ => serde_json::json!("none"),
        };
        answers.insert(q["id"].as_str().unwrap().to_owned(), value);
    }
    let res = app
        .post(&format!("/api/v1/screenings/{sid}/answers"))
        .json(&serde_json::json!({ "answers": answers }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let d = json(app.get(&format!("/api/v1/screenings/{sid}/determination")).send().await.unwrap()).await;
    // The precondition: nothing is left to come back to.
    assert_eq!(d["questions_to_revisit"], serde_json::json!([]), "{d}");
    assert_eq!(d["outcome"], "not_yet_determined", "{d}");
    let (status, html) = sup_page(&app, &format!("/screenings/{sid}")).await;
    assert_eq!(status, 200);
    assert!(!html.contains("may not be ready to say more"), "{html}");
}

#[tokio::test]
async fn r18_every_interview_screen_and_result_is_fully_translated_in_every_language() {
    let app = TestApp::spawn().await;
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, _) = app.store.create_session(&sup, true).await.unwrap();
    let pid = app.create_person(serde_json::json!({"full_name": "Translated Person"})).await;
    for instrument in ["forced-criminality", "vulnerability"] {
        let res = app
            .post(&format!("/api/v1/persons/{pid}/screenings"))
            .json(&serde_json::json!({"instrument": instrument, "survivor_language": "th"}))
            .send()
            .await
            .unwrap();
        let sid = json(res).await["id"].as_str().unwrap().to_owned();
        let n = json(app.get(&format!("/api/v1/instruments/{instrument}")).send().await.unwrap()).await["questions"]
            .as_array()
            .unwrap()
            .len();
        for lang in ["en", "th", "vi", "my", "km", "lo", "id", "tl", "zh-Hans"] {
            let cookie = format!("haven_session={secret}; haven_lang={lang}");
            let mut paths: Vec<String> = (0..n).map(|i| format!("/screenings/{sid}/q/{i}")).collect();
            paths.push(format!("/screenings/{sid}"));
            for path in paths {
                let res = app.client.get(app.url(&path)).header("cookie", &cookie).send().await.unwrap();
                assert_eq!(res.status(), 200, "{path} {lang}");
                let html = res.text().await.unwrap();
                assert!(!html.contains("Unknown localization key"), "{instrument} {path} in {lang}: {html}");
            }
        }
    }
}

#[tokio::test]
async fn r18_an_installed_translation_pack_lets_the_interview_run_directly_in_its_language() {
    let app = TestApp::spawn().await;
    let template = crate::helpers::haven(&["instrument", "pack-template", "--language", "am"]);
    let filled: String = String::from_utf8(template.stdout)
        .unwrap()
        .lines()
        .map(|l| if l.ends_with("= \"\"") { l.replace("= \"\"", "= \"የአማርኛ ጽሑፍ\"") } else { l.to_owned() })
        .collect::<Vec<_>>()
        .join("\n");
    let file = app.dir.path().join("am.toml");
    std::fs::write(&file, filled).unwrap();
    let pid = app.create_named("Abebe Direct").await;
    let start = || {
        app.post(&format!("/api/v1/persons/{pid}/screenings"))
            .json(&serde_json::json!({"instrument": "forced-criminality", "survivor_language": "am"}))
            .send()
    };
    // Before: Amharic needs an interpreter.
    assert_eq!(start().await.unwrap().status(), 400);
    let out = app.cli(&["instrument", "pack-install", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // After: the questions are in Amharic, no interpreter needed.
    let res = start().await.unwrap();
    assert_eq!(res.status(), 201);
    let sid = json(res).await["id"].as_str().unwrap().to_owned();
    let (status, html) = sup_page(&app, &format!("/screenings/{sid}/q/0")).await;
    assert_eq!(status, 200);
    assert!(html.contains("lang=\"am\"") && html.contains("የአማርኛ ጽሑፍ"), "{html}");
    let i = json(app.get("/api/v1/instruments/forced-criminality").send().await.unwrap()).await;
    assert!(i["questions"][0]["text"]["am"].is_string(), "{}", i["questions"][0]);
}

#[tokio::test]
async fn r18_a_pack_removed_under_an_interview_stops_it_rather_than_falling_back_to_english() {
    let app = TestApp::spawn().await;
    let template = crate::helpers::haven(&["instrument", "pack-template", "--language", "am"]);
    let template = String::from_utf8(template.stdout).unwrap();
    let fill = |text: &str| -> String {
        template
            .lines()
            .map(|l| if l.ends_with("= \"\"") { l.replace("= \"\"", &format!("= \"{text}\"")) } else { l.to_owned() })
            .collect::<Vec<_>>()
            .join("\n")
    };
    // Pack text may not hide or reverse what it says.
    let sneaky = app.dir.path().join("sneaky.toml");
    std::fs::write(&sneaky, fill("ጽሑፍ\u{202E}")).unwrap();
    assert!(!app.cli(&["instrument", "pack-install", sneaky.to_str().unwrap()]).status.success());
    let file = app.dir.path().join("am.toml");
    std::fs::write(&file, fill("የአማርኛ ጽሑፍ")).unwrap();
    assert!(app.cli(&["instrument", "pack-install", file.to_str().unwrap()]).status.success());
    assert_eq!(app.count("audit_events WHERE record_id LIKE 'pack:%'").await, 1, "the install is audited");
    // A second file for the same language, dropped beside it, is not read.
    let packs = app.data_dir().join("packs");
    std::fs::write(packs.join("zz.toml"), fill("ሌላ ጽሑፍ")).unwrap();
    let pid = app.create_named("Abebe Pack").await;
    let res = app
        .post(&format!("/api/v1/persons/{pid}/screenings"))
        .json(&serde_json::json!({"instrument": "forced-criminality", "survivor_language": "am"}))
        .send()
        .await
        .unwrap();
    let sid = json(res).await["id"].as_str().unwrap().to_owned();
    let (status, html) = sup_page(&app, &format!("/screenings/{sid}/q/0")).await;
    assert_eq!(status, 200);
    assert!(html.contains("የአማርኛ ጽሑፍ") && !html.contains("ሌላ ጽሑፍ"));
    // The pack goes away: the interview stops and says why.
    for entry in std::fs::read_dir(&packs).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let (status, html) = sup_page(&app, &format!("/screenings/{sid}/q/0")).await;
    assert_eq!(status, 400, "{html}");
    assert!(html.contains("interpreter"), "the refusal says what to do: {html}");
}
