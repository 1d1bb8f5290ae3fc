use serde_json::{json, Value};

use crate::helpers::{json, TestApp};

#[tokio::test]
async fn person_create_get_update_list_and_search() {
    let app = TestApp::spawn().await;
    let id = app
        .create_person(json!({
            "full_name": "Nguyễn Văn Minh",
            "other_names": ["Minh"],
            "sex": "male",
            "estimated_age": 17,
            "age_uncertain": true,
            "nationalities": ["vnm"],
            "languages": ["vi"],
            "location": "immigration_detention"
        }))
        .await;
    let p = json(app.get(&format!("/api/v1/persons/{id}")).send().await.unwrap()).await;
    assert_eq!(p["full_name"], "Nguyễn Văn Minh");
    assert_eq!(p["nationalities"], json!(["VNM"]));
    assert_eq!(p["may_be_child"], true);
    assert_eq!(p["location"], "immigration_detention");

    let res = app.patch(&format!("/api/v1/persons/{id}")).json(&json!({"location": "shelter"})).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let p = json(res).await;
    assert_eq!(p["location"], "shelter");
    assert_eq!(p["full_name"], "Nguyễn Văn Minh", "a patch keeps untouched fields");

    app.create_named("สมชาย ใจดี").await;
    app.create_named("李伟").await;
    let list = json(app.get("/api/v1/persons?per_page=2").send().await.unwrap()).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    assert_eq!(list["has_more"], true);

    for (query, expected) in [("Nguyen Van Minh", "Nguyễn Văn Minh"), ("somchai", "สมชาย ใจดี"), ("li wei", "李伟")]
    {
        let found = json(app.get(&format!("/api/v1/persons?q={query}")).send().await.unwrap()).await;
        let names: Vec<&str> =
            found["items"].as_array().unwrap().iter().map(|i| i["full_name"].as_str().unwrap()).collect();
        assert_eq!(names, vec![expected], "query {query}");
    }
    let none = json(app.get("/api/v1/persons?q=Pham").send().await.unwrap()).await;
    assert!(none["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn unknown_fields_are_rejected_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let (persons, events) = (app.count("persons").await, app.count("audit_events").await);
    let res = app.post("/api/v1/persons").json(&json!({"full_name": "A", "religion": "x"})).send().await.unwrap();
    assert_eq!(res.status(), 400);
    let body = json(res).await;
    assert_eq!(body["error"], "bad_request");
    assert!(body["message"].as_str().unwrap().contains("religion"));
    assert_eq!(app.count("persons").await, persons);
    assert_eq!(app.count("audit_events").await, events);
}

#[tokio::test]
async fn invalid_values_name_the_field_and_write_nothing() {
    let app = TestApp::spawn().await;
    let before = app.count("persons").await;
    for (body, field) in [
        (json!({"full_name": "  "}), "full_name"),
        (json!({"full_name": "A", "nationalities": ["Burma"]}), "nationalities"),
        (json!({"full_name": "A", "date_of_birth": "2090-01-01"}), "date_of_birth"),
        (json!({"full_name": "A", "location": "prison"}), "location"),
        (json!({"full_name": "A", "languages": ["burmese language"]}), "languages"),
    ] {
        let res = app.post("/api/v1/persons").json(&body).send().await.unwrap();
        assert_eq!(res.status(), 400, "{body}");
        let err = json(res).await;
        assert_eq!(err["field"], field, "{err}");
    }
    assert_eq!(app.count("persons").await, before);
    assert_eq!(app.count("person_name_index").await, 0);
    assert_eq!(app.count("person_keys").await, 0);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = TestApp::spawn().await;
    let big = "x".repeat(haven_web::MAX_BODY_BYTES + 10);
    let res = app.post("/api/v1/persons").json(&json!({"full_name": "A", "notes": big})).send().await.unwrap();
    assert!(res.status() == 413 || res.status() == 400, "{}", res.status());
    let body: Value = res.json().await.unwrap();
    assert!(body["error"].is_string());
    assert_eq!(app.count("persons").await, 0);
}

#[tokio::test]
async fn requests_without_valid_credentials_get_401_json() {
    let app = TestApp::spawn().await;
    let id = app.create_named("Juan Dela Cruz").await;
    for auth in [None, Some("hvn_not_a_token")] {
        let mut req = app.client.get(app.url(&format!("/api/v1/persons/{id}")));
        if let Some(t) = auth {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 401);
        let text = res.text().await.unwrap();
        assert!(text.contains("unauthenticated"));
        assert!(!text.contains("Juan"));
    }
}

#[tokio::test]
async fn unknown_and_malformed_ids_are_404() {
    let app = TestApp::spawn().await;
    // Every kind of typed id in a path: one that cannot exist answers as one that does not.
    for path in [
        "/api/v1/persons/not-an-id",
        "/api/v1/persons/7d0f3c3e-0000-4000-8000-000000000000",
        "/api/v1/cases/xyz",
        "/api/v1/screenings/not-an-id",
        "/api/v1/screenings/7d0f3c3e-0000-4000-8000-000000000000",
        "/api/v1/screenings/not-an-id/decisions",
        "/api/v1/screenings/7d0f3c3e-0000-4000-8000-000000000000/decisions",
        "/api/v1/referrals/not-an-id",
        "/api/v1/referrals/7d0f3c3e-0000-4000-8000-000000000000",
    ] {
        let res = app.get(path).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        assert_eq!(json(res).await["error"], "not_found");
    }
}

#[tokio::test]
async fn cases_and_notes_round_trip() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Dewi Lestari").await;
    let res = app.post(&format!("/api/v1/persons/{pid}/cases")).json(&json!({})).send().await.unwrap();
    assert_eq!(res.status(), 201);
    let cid = json(res).await["id"].as_str().unwrap().to_owned();
    let case = json(app.get(&format!("/api/v1/cases/{cid}")).send().await.unwrap()).await;
    assert_eq!(case["status"], "open");
    assert_eq!(case["person_id"], pid.as_str());

    let res = app
        .post(&format!("/api/v1/cases/{cid}/notes"))
        .json(&json!({"body": "Met at the shelter."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let notes = json(app.get(&format!("/api/v1/cases/{cid}/notes")).send().await.unwrap()).await;
    assert_eq!(notes[0]["body"], "Met at the shelter.");

    let res = app
        .patch(&format!("/api/v1/cases/{cid}"))
        .json(&json!({"status": "closed", "closed_on": "2001-01-01", "reason": "returned home"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400, "closing before opening is refused");
    let res = app
        .patch(&format!("/api/v1/cases/{cid}"))
        .json(&json!({"status": "closed", "reason": "returned home"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let closed = json(res).await;
    assert_eq!(closed["status"], "closed");
    assert!(closed["closed_on"].is_string());

    let listed = json(app.get(&format!("/api/v1/persons/{pid}/cases")).send().await.unwrap()).await;
    assert_eq!(listed["items"][0]["id"], cid.as_str());
    let all = json(app.get("/api/v1/cases").send().await.unwrap()).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn r28_after_erasure_reads_say_erased_and_notes_are_gone() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Sok Chantha").await;
    let cid = json(app.post(&format!("/api/v1/persons/{pid}/cases")).json(&json!({})).send().await.unwrap()).await
        ["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post(&format!("/api/v1/cases/{cid}/notes")).json(&json!({"body": "private detail"})).send().await.unwrap();

    let res = app.post(&format!("/api/v1/persons/{pid}/erase")).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let res = app.get(&format!("/api/v1/persons/{pid}")).send().await.unwrap();
    assert_eq!(res.status(), 410);
    let body = res.text().await.unwrap();
    assert!(body.contains("\"erased\""), "{body}");
    assert!(!body.contains("Sok"));
    let notes = json(app.get(&format!("/api/v1/cases/{cid}/notes")).send().await.unwrap()).await;
    assert!(notes[0]["body"].is_null());
    assert_eq!(app.count("person_keys").await, 0);
    let res = app.post(&format!("/api/v1/persons/{pid}/erase")).send().await.unwrap();
    assert_eq!(res.status(), 410, "erasing twice reports the erasure");
    let found = json(app.get("/api/v1/persons?q=Sok").send().await.unwrap()).await;
    assert!(found["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn r27_every_read_appends_one_audit_event_without_personal_data() {
    use sqlx::Row;
    let app = TestApp::spawn().await;
    let id = app.create_named("Maria Santos").await;
    let before = app.count("audit_events").await;
    let res = app
        .get(&format!("/api/v1/persons/{id}"))
        .header("x-haven-purpose", "referral_preparation")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(app.count("audit_events").await, before + 1);
    let row =
        sqlx::query("SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(row.try_get::<String, _>("action").unwrap(), "read");
    assert_eq!(row.try_get::<String, _>("record_id").unwrap(), id);
    assert_eq!(row.try_get::<String, _>("purpose").unwrap(), "referral_preparation");
    assert!(!row.try_get::<String, _>("request_id").unwrap().is_empty());

    // List and search pages audit each person shown.
    let before = app.count("audit_events").await;
    app.get("/api/v1/persons?q=maria").send().await.unwrap();
    assert_eq!(app.count("audit_events").await, before + 1);

    let rows = sqlx::query("SELECT * FROM audit_events").fetch_all(app.store.pool()).await.unwrap();
    for r in rows {
        for col in ["actor", "action", "record_kind", "record_id", "purpose", "request_id", "outcome"] {
            let v: String = r.try_get(col).unwrap();
            assert!(!v.to_lowercase().contains("maria"), "{col} = {v}");
        }
    }
}

#[tokio::test]
async fn invalid_purpose_header_is_refused() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/v1/persons").header("x-haven-purpose", "Robert'); DROP TABLE").send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["field"], "purpose");
}

#[tokio::test]
async fn openapi_document_describes_every_api_route() {
    let app = TestApp::spawn().await;
    let doc = json(app.client.get(app.url("/api/openapi.json")).send().await.unwrap()).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/healthz",
        "/api/v1/persons",
        "/api/v1/persons/{id}",
        "/api/v1/persons/{id}/erase",
        "/api/v1/persons/{id}/cases",
        "/api/v1/cases",
        "/api/v1/cases/{id}",
        "/api/v1/cases/{id}/notes",
    ] {
        assert!(paths.contains_key(p), "{p} missing from OpenAPI");
    }
    // A path parameter is one the path names; every other is in the query,
    // or a generated client builds the wrong request.
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            for param in op["parameters"].as_array().into_iter().flatten() {
                let name = param["name"].as_str().unwrap();
                let in_path = path.contains(&format!("{{{name}}}"));
                let declared = param["in"].as_str().unwrap();
                assert_eq!(declared == "path", in_path, "{method} {path}: parameter {name} is declared in {declared}");
            }
        }
    }
    let persons = &paths["/api/v1/persons"]["get"]["parameters"];
    let q = persons.as_array().unwrap().iter().find(|p| p["name"] == "q").unwrap();
    assert_eq!(q["in"], "query");
    assert_ne!(q["required"], true, "a name query is optional");
    let ui = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(ui.status(), 200);
    assert!(ui.text().await.unwrap().contains("swagger"));
}

#[tokio::test]
async fn security_headers_are_present() {
    let app = TestApp::spawn().await;
    for path in ["/healthz", "/login", "/api/v1/persons"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        let h = res.headers();
        let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
        assert!(h.get("x-request-id").is_some());
        assert!(h.get("strict-transport-security").is_none(), "HSTS only under TLS");
    }
}

#[tokio::test]
async fn html_pages_require_login_and_login_needs_csrf() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let res = client.get(app.url("/persons")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login");
    // A cross-site login form without our CSRF cookie is refused.
    let res = client
        .post(app.url("/login"))
        .form(&[("username", "admin"), ("password", "x"), ("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn unknown_query_parameters_paths_and_methods_get_json_errors() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/v1/persons?pagesize=10").send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "bad_request");
    let res = app.get("/api/v1/nothing-here").send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(json(res).await["error"], "not_found");
    let res = app.client.delete(app.url("/api/v1/persons")).bearer_auth(&app.token).send().await.unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(json(res).await["error"], "method_not_allowed");
    // Unknown HTML pages get a page in the reader's language.
    let res = app.client.get(app.url("/no-such-page")).header("accept-language", "vi").send().await.unwrap();
    assert_eq!(res.status(), 404);
    let html = res.text().await.unwrap();
    assert!(html.contains("lang=\"vi\""), "{html}");
}

#[tokio::test]
async fn r13_a_person_edited_in_the_web_ui_out_of_detention_clears_the_release_task() {
    let app = TestApp::spawn().await;
    let pid = app
        .create_person(json!({"full_name": "Edited Person", "estimated_age": 30, "location": "immigration_detention"}))
        .await;
    let sid = app.start_screening(&pid, "en").await;
    app.answer_reasonable_grounds(&sid).await;
    app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
    let release = |tasks: &serde_json::Value| {
        tasks.as_array().unwrap().iter().any(|t| t["kind"] == "request_release" && t["person_id"] == pid.as_str())
    };
    assert!(release(&json(app.get("/api/v1/tasks").send().await.unwrap()).await));
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, csrf) = app.store.create_session(&sup, true).await.unwrap();
    let cookie = format!("haven_session={secret}");
    let form = app.client.get(app.url(&format!("/persons/{pid}/edit"))).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(form.status(), 200);
    let html = form.text().await.unwrap();
    assert!(html.contains("value=\"Edited Person\""), "the form shows the record");
    // A typo fixed and the release recorded.
    let res = app
        .client
        .post(app.url(&format!("/persons/{pid}/edit")))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("full_name", "Edited Persson"),
            ("estimated_age", "30"),
            ("location", "shelter"),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let p = json(app.get(&format!("/api/v1/persons/{pid}")).send().await.unwrap()).await;
    assert_eq!(p["full_name"], "Edited Persson");
    assert_eq!(p["location"], "shelter");
    assert!(!release(&json(app.get("/api/v1/tasks").send().await.unwrap()).await), "released: no release task");
    // A bad date is refused with the form kept and nothing written.
    let res = app
        .client
        .post(app.url(&format!("/persons/{pid}/edit")))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str()), ("full_name", "Should Not Save"), ("date_of_birth", "2999-01-01")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("Should Not Save"));
    let p = json(app.get(&format!("/api/v1/persons/{pid}")).send().await.unwrap()).await;
    assert_eq!(p["full_name"], "Edited Persson");
}

#[tokio::test]
async fn r26_screening_stores_nothing_and_a_decision_needs_a_reviewer_and_a_reason() {
    let app = TestApp::spawn().await;
    let scam = "URGENT customer service typist in Sihanoukville, salary $2500/month, no experience, free flight and \
                housing, contact Telegram @hr_fastjob only";
    let res = app
        .post("/api/v1/ads/screen")
        .json(&json!({"ads": [{"id": "a1", "text": scam}, {"id": "a2", "text": "Cashier wanted at our Chiang Mai \
                       grocery store. Thai speakers, apply in person with your CV."}], "language": "th"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let out = json(res).await;
    assert_eq!(out[0]["id"], "a1");
    assert!(out[0]["score"].as_f64().unwrap() > out[1]["score"].as_f64().unwrap(), "{out}");
    let flags = out[0]["flags"].as_array().unwrap();
    assert!(!flags.is_empty());
    for f in flags {
        // Every flag carries its reason, here in Thai.
        let why = f["explanation"].as_str().unwrap();
        assert!(why.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)), "{why}");
    }
    // Screening writes nothing: there is no automatic decision.
    assert_eq!(app.count("ad_reviews").await, 0);
    // A decision without a reason is refused and nothing is written.
    let res = app.post("/api/v1/ads/reviews").json(&json!({"text": scam, "decision": "remove", "reason": ""})).send();
    assert_eq!(res.await.unwrap().status(), 400);
    assert_eq!(app.count("ad_reviews").await, 0);
    let res = app
        .post("/api/v1/ads/reviews")
        .json(&json!({"text": scam, "decision": "remove", "reason": "Matches the embassy warning: Telegram-only typist job."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let list = json(app.get("/api/v1/ads/reviews").send().await.unwrap()).await;
    assert_eq!(list[0]["decision"], "remove");
    assert_eq!(list[0]["reviewer"], "sup", "a person decided");
    assert!(list[0]["score"].as_f64().unwrap() > 0.5, "the score haven computed is kept: {list}");
    assert!(!list[0]["flags"].as_array().unwrap().is_empty());
    // Enforcement organisations screen no ads through haven (R16 firewall).
    let police = app.user_token("Harbour Police", "police", "supervisor", "ads.police").await;
    let res = app
        .client
        .post(app.url("/api/v1/ads/screen"))
        .bearer_auth(&police)
        .json(&json!({"ads": [{"id": "x", "text": scam}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn r26_the_ads_page_shows_the_flags_in_the_text_and_records_the_reviewers_decision() {
    let app = TestApp::spawn().await;
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, csrf) = app.store.create_session(&sup, true).await.unwrap();
    let cookie = format!("haven_session={secret}");
    let text = "Game promoter job in KK Park, Myawaddy. Salary 3000 USD, passport needed in advance, contact WhatsApp";
    let res = app
        .client
        .post(app.url("/ads/screen"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str()), ("text", text)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("<mark>"), "matched words are marked in the ad");
    assert!(html.contains("class=\"flags\""), "the reasons are listed");
    let res = app
        .client
        .post(app.url("/ads/reviews"))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("text", text),
            ("decision", "escalate"),
            ("reason", "Destination is a known compound area."),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success() || res.status().is_redirection());
    let page = app.client.get(app.url("/ads")).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Destination is a known compound area."), "{page}");
}

#[tokio::test]
async fn r13_the_people_list_filters_by_location_and_sorts_in_the_api_and_the_page() {
    let app = TestApp::spawn().await;
    let first = app
        .create_person(json!({"full_name": "First Detained", "location": "immigration_detention", "estimated_age": 30}))
        .await;
    app.create_person(json!({"full_name": "In Shelter", "location": "shelter", "estimated_age": 30})).await;
    let last = app
        .create_person(json!({"full_name": "Last Detained", "location": "immigration_detention", "estimated_age": 30}))
        .await;
    let ids = |v: Value| -> Vec<String> {
        v["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect()
    };
    let detained = json(app.get("/api/v1/persons?location=immigration_detention").send().await.unwrap()).await;
    assert_eq!(ids(detained), vec![last.clone(), first.clone()], "newest first");
    let oldest =
        json(app.get("/api/v1/persons?location=immigration_detention&sort=oldest").send().await.unwrap()).await;
    assert_eq!(ids(oldest), vec![first.clone(), last.clone()]);
    assert_eq!(ids(json(app.get("/api/v1/persons").send().await.unwrap()).await).len(), 3);
    for (q, code) in [("location=prison", "invalid_location"), ("sort=alphabetical", "invalid_sort")] {
        let res = app.get(&format!("/api/v1/persons?{q}")).send().await.unwrap();
        assert_eq!(res.status(), 400, "{q}");
        assert_eq!(json(res).await["error"], code, "{q}");
    }
    // The page offers the same, detention first in its list of places.
    let html = app.page_as("sup", "/persons?location=immigration_detention&sort=oldest").await;
    assert!(html.contains("First Detained") && html.contains("Last Detained") && !html.contains("In Shelter"));
    assert!(html.find("First Detained").unwrap() < html.find("Last Detained").unwrap(), "oldest first");
    let options = html.split("id=\"f-location\"").nth(1).and_then(|s| s.split("</select>").next()).unwrap();
    assert!(options.find("immigration_detention").unwrap() < options.find("shelter").unwrap());
    assert!(options.contains("value=\"immigration_detention\" selected"), "{options}");
}

#[tokio::test]
async fn r13_the_people_list_filters_by_nationality_sex_age_outcome_worker_and_dates() {
    let app = TestApp::spawn().await;
    let thai_woman = app
        .create_person(
            json!({"full_name": "Filter Thai Woman", "sex": "หญิง", "nationalities": ["THA"], "estimated_age": 30}),
        )
        .await;
    let viet_man = app
        .create_person(
            json!({"full_name": "Filter Viet Man", "sex": "Nam", "nationalities": ["VNM", "KHM"], "estimated_age": 16}),
        )
        .await;
    let unknown = app.create_person(json!({"full_name": "Filter Nothing Known"})).await;
    // The Vietnamese man is screened to reasonable grounds and his case assigned.
    let sid = app.start_screening(&viet_man, "vi").await;
    app.answer_reasonable_grounds(&sid).await;
    assert_eq!(app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap().status(), 200);
    app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_filter").await;
    let cw = app.store.user_by_username("cw_filter").await.unwrap().id.to_string();
    let res = app.post(&format!("/api/v1/persons/{viet_man}/cases")).json(&json!({"assigned_to": cw})).send().await;
    assert_eq!(res.unwrap().status(), 201);
    // The Thai woman has a case nobody is assigned to.
    let res = app.post(&format!("/api/v1/persons/{thai_woman}/cases")).json(&json!({})).send().await;
    assert_eq!(res.unwrap().status(), 201);

    let ids = |v: Value| -> Vec<String> {
        let mut out: Vec<String> =
            v["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect();
        out.sort();
        out
    };
    let sorted = |mut v: Vec<&String>| {
        v.sort();
        v.into_iter().cloned().collect::<Vec<_>>()
    };
    let today = time::OffsetDateTime::now_utc().date();
    let tomorrow = today.next_day().unwrap();
    for (q, want) in [
        ("nationality=THA", vec![&thai_woman]),
        ("nationality=khm", vec![&viet_man]),
        ("sex=female", vec![&thai_woman]),
        ("sex=male", vec![&viet_man]),
        ("sex=not_recorded", vec![&unknown]),
        ("age=12-17", vec![&viet_man]),
        ("age=25-34", vec![&thai_woman]),
        ("age=unknown", vec![&unknown]),
        ("outcome=reasonable_grounds", vec![&viet_man]),
        ("outcome=not_screened", vec![&thai_woman, &unknown]),
        (&*format!("worker={cw}"), vec![&viet_man]),
        ("worker=nobody", vec![&thai_woman, &unknown]),
        ("sex=female&worker=nobody&nationality=THA", vec![&thai_woman]),
        ("sex=female&outcome=reasonable_grounds", vec![]),
        ("case=open", vec![&thai_woman, &viet_man]),
        ("case=none", vec![&unknown]),
        ("case=closed", vec![]),
        (&*format!("added_from={today}&added_to={today}"), vec![&thai_woman, &viet_man, &unknown]),
        (&*format!("added_from={tomorrow}"), vec![]),
        (&*format!("added_to={}", today.previous_day().unwrap()), vec![]),
    ] {
        let res = app.get(&format!("/api/v1/persons?{q}")).send().await.unwrap();
        assert_eq!(res.status(), 200, "{q}");
        assert_eq!(ids(json(res).await), sorted(want), "{q}");
    }
    // The case list filters by status and by whom a case is assigned to.
    let app = &app;
    let case_people = |q: &str| {
        let q = q.to_owned();
        async move {
            let v = json(app.get(&format!("/api/v1/cases?{q}")).send().await.unwrap()).await;
            let mut p: Vec<String> =
                v["items"].as_array().unwrap().iter().map(|c| c["person_id"].as_str().unwrap().to_owned()).collect();
            p.sort();
            p
        }
    };
    assert_eq!(case_people(&format!("assigned_to={cw}")).await, vec![viet_man.clone()]);
    assert_eq!(case_people("assigned_to=nobody").await, vec![thai_woman.clone()]);
    assert_eq!(case_people("status=open").await, sorted(vec![&thai_woman, &viet_man]));
    assert!(case_people("status=closed").await.is_empty());
    let res = app.get("/api/v1/cases?status=finished").send().await.unwrap();
    assert_eq!(json(res).await["error"], "invalid_status");
    // Paging works over filtered results too.
    let page1 = json(app.get("/api/v1/persons?outcome=not_screened&per_page=1").send().await.unwrap()).await;
    assert_eq!(page1["items"].as_array().unwrap().len(), 1);
    assert_eq!(page1["has_more"], true);
    let page2 = json(app.get("/api/v1/persons?outcome=not_screened&per_page=1&page=2").send().await.unwrap()).await;
    assert_eq!(page2["has_more"], false);
    assert_ne!(page1["items"][0]["id"], page2["items"][0]["id"]);
    let page1 = json(app.get("/api/v1/persons?age=unknown&per_page=1").send().await.unwrap()).await;
    assert_eq!((page1["items"].as_array().unwrap().len(), &page1["has_more"]), (1, &json!(false)));

    for (q, code) in [
        ("sex=woman", "invalid_sex_group"),
        ("age=adult", "invalid_age_band"),
        ("outcome=trafficked", "invalid_outcome_filter"),
        ("worker=someone", "invalid_worker"),
        ("case=maybe", "invalid_case_filter"),
        ("nationality=Thailand", "invalid_country"),
        ("added_from=30/11/2026", "invalid_date"),
        (&*format!("added_from={tomorrow}&added_to={today}"), "date_range_reversed"),
    ] {
        let res = app.get(&format!("/api/v1/persons?{q}")).send().await.unwrap();
        assert_eq!(res.status(), 400, "{q}");
        assert_eq!(json(res).await["error"], code, "{q}");
    }

    // A caseworker's list is filtered within their own reach only (R16), and
    // they may ask only for their own cases, not whose case another is in.
    let cw_token = app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_filter2").await;
    let as_cw = |q: String| app.client.get(app.url(&format!("/api/v1/persons?{q}"))).bearer_auth(&cw_token).send();
    assert_eq!(ids(json(as_cw("sex=female".into()).await.unwrap()).await), Vec::<String>::new());
    for q in [format!("worker={cw}"), "worker=nobody".to_owned()] {
        let res = as_cw(q.clone()).await.unwrap();
        assert_eq!(res.status(), 400, "{q}");
        assert_eq!(json(res).await["error"], "worker_filter_own_only", "{q}");
    }
    let cw_token = app.store.create_confirmed_token("cw_filter").await.unwrap().1;
    let res = app.client.get(app.url(&format!("/api/v1/persons?worker={cw}"))).bearer_auth(&cw_token).send();
    assert_eq!(ids(json(res.await.unwrap()).await), vec![viet_man.clone()], "their own cases");
    // What was asked is in the audit trail, not only who was shown (R27).
    let auditor = app.user_token("Local organisation", "ngo_assistance", "auditor", "aud_filter").await;
    let trail = app.client.get(app.url("/api/v1/audit?action=list&limit=500")).bearer_auth(&auditor).send();
    let trail = json(trail.await.unwrap()).await;
    let asked = trail.to_string();
    assert!(asked.contains("ok filtered nationality=THA sex=female worker=nobody"), "{asked}");

    // The page: the same filters, the choices kept, a way to clear them.
    let html = app.page_as("sup", &format!("/persons?sex=male&worker={cw}&age=12-17")).await;
    assert!(html.contains("Filter Viet Man") && !html.contains("Filter Thai Woman"), "{html}");
    assert!(html.contains("value=\"male\" selected") && html.contains("value=\"12-17\" selected"), "{html}");
    assert!(html.contains(&format!("value=\"{cw}\" selected")) && html.contains(">cw_filter<"), "{html}");
    assert!(html.contains("id=\"clear-filters\""));
    // A band with a plus sign comes through the query string intact.
    let html = app.page_as("sup", "/persons?age=45%2B").await;
    assert!(html.contains("value=\"45+\" selected"), "{html}");
    let html = app.page_as("sup", "/persons?sex=transgender").await;
    assert!(html.contains("id=\"persons-none\"") && html.contains("No one matches these filters"), "{html}");
    let html = app.page_as("sup", "/persons").await;
    assert!(!html.contains("id=\"clear-filters\""));
}

#[tokio::test]
async fn a_person_has_one_open_case_at_a_time_and_a_closed_one_can_be_followed_by_another() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("One Case Person").await;
    let open = || app.post(&format!("/api/v1/persons/{pid}/cases")).json(&json!({})).send();
    let res = open().await.unwrap();
    assert_eq!(res.status(), 201);
    let cid = json(res).await["id"].as_str().unwrap().to_owned();
    let res = open().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "case_already_open");
    assert_eq!(app.count("cases").await, 1, "nothing was written");
    let res = app
        .patch(&format!("/api/v1/cases/{cid}"))
        .json(&json!({"status": "closed", "reason": "returned home"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    assert_eq!(open().await.unwrap().status(), 201, "a new case after the last one closed");
}

/// Screens one ad as the holder of `token` and returns what it was told of
/// survivors' reports: (`reported_by`, `reported_by_at_least`).
async fn reported_by(app: &TestApp, token: &str, text: &str) -> (Value, Value) {
    let res = app
        .client
        .post(app.url("/api/v1/ads/screen"))
        .bearer_auth(token)
        .json(&json!({"ads": [{"id": "a", "text": text}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let out = json(res).await;
    (out[0]["reported_by"].clone(), out[0]["reported_by_at_least"].clone())
}

#[tokio::test]
async fn r08_r26_an_ad_shows_how_many_survivors_reported_its_contact_never_who() {
    let app = TestApp::spawn().await;
    let ad =
        "Customer service staff needed in Sihanoukville, 2500 USD. Apply: https://t.me/Golden_HR or +855 12 345 678";
    let count = |n: i64| (json!(n), Value::Null);
    let mut people = std::collections::BTreeMap::new();
    // Nobody has reported it yet.
    assert_eq!(reported_by(&app, &app.token, ad).await, count(0));
    // Three survivors of this organisation name the recruiter, each in their own spelling.
    for (name, answers) in [
        ("Witness One", json!({"recruiter_handle": "golden_hr"})),
        ("Witness Two", json!({"recruiter_handle": "Telegram @GOLDEN_HR"})),
        ("Witness Three", json!({"recruiter_handle": "WhatsApp 012 345 678"})),
        ("Lone Witness", json!({"recruiter_handle": "@lone_agent", "ad_text": "Cleaner in Bangkok"})),
        // A survivor's own number, told in the account of the ad, is never a mark.
        ("Own Phone", json!({"ad_text": "They rang me on my own number 089 765 4321 and mailed mya.t88@gmail.com"})),
    ] {
        let pid = app.create_named(name).await;
        let sid = app.start_screening(&pid, "en").await;
        let res =
            app.post(&format!("/api/v1/screenings/{sid}/answers")).json(&json!({"answers": answers})).send().await;
        assert_eq!(res.unwrap().status(), 200);
        people.insert(name, (pid, sid));
    }
    let res = app.post("/api/v1/ads/screen").json(&json!({"ads": [{"id": "a", "text": ad}]})).send().await.unwrap();
    let body = res.text().await.unwrap();
    let out: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(out[0]["reported_by"], 3, "one handle in two spellings and one phone: {body}");
    assert_eq!(out[0]["reported_marks"], json!(["handle", "phone"]), "which kinds matched, never whose");
    for name in ["Witness", "Own Phone"] {
        assert!(!body.contains(name), "who reported it is never shown");
    }
    assert_eq!(reported_by(&app, &app.token, "Call 089 765 4321 or mya.t88@gmail.com").await, count(0));
    // A passage of the advertisement copied into an account counts too.
    let pid = app.create_named("Witness Four").await;
    let sid = app.start_screening(&pid, "en").await;
    let copied = json!({"answers": {"ad_text": "Customer service staff needed in Sihanoukville"}});
    let res = app.post(&format!("/api/v1/screenings/{sid}/answers")).json(&copied).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(reported_by(&app, &app.token, ad).await, count(4));
    // Another assistance organisation counts only its own survivors.
    let other = app.user_token("Other NGO", "ngo_assistance", "caseworker", "ads.other").await;
    assert_eq!(reported_by(&app, &other, ad).await, count(0));
    // Its supervisor screens a third survivor who names the same account.
    let other_sup = app.user_token("Other NGO", "ngo_assistance", "supervisor", "ads.other.sup").await;
    let res =
        app.client.post(app.url("/api/v1/persons")).bearer_auth(&other_sup).json(&json!({"full_name": "Far Witness"}));
    let pid = json(res.send().await.unwrap()).await["id"].as_str().unwrap().to_owned();
    let res = app
        .client
        .post(app.url(&format!("/api/v1/persons/{pid}/screenings")))
        .bearer_auth(&other_sup)
        .json(&json!({"instrument": "forced-criminality", "survivor_language": "vi"}));
    let far_sid = json(res.send().await.unwrap()).await["id"].as_str().unwrap().to_owned();
    let res = app
        .client
        .post(app.url(&format!("/api/v1/screenings/{far_sid}/answers")))
        .bearer_auth(&other_sup)
        .json(&json!({"answers": {"recruiter_handle": "t.me/golden_hr"}}));
    assert_eq!(res.send().await.unwrap().status(), 200);
    assert_eq!(reported_by(&app, &other, ad).await, count(1));
    assert_eq!(reported_by(&app, &app.token, ad).await, count(4), "nor does this one see the other's");
    // A platform is told only that one contact or passage was named by at
    // least three survivors across the installation, never a count.
    let platform = app.user_token("Video Platform", "platform", "caseworker", "ads.platform").await;
    let at_least = (Value::Null, json!(3));
    let not_told = (Value::Null, Value::Null);
    // Only survivors whose identification a decision maker confirmed count
    // for a platform: screenings alone, which any caseworker can make up, do not.
    assert_eq!(reported_by(&app, &platform, ad).await, not_told);
    let dm = app.user_token("Local organisation", "ngo_assistance", "decision_maker", "ads.dm").await;
    let other_dm = app.user_token("Other NGO", "ngo_assistance", "decision_maker", "ads.other.dm").await;
    let confirm = |sid: String, sup: String, dm: String| {
        let app = &app;
        async move {
            let res = app.client.post(app.url(&format!("/api/v1/screenings/{sid}/complete"))).bearer_auth(&sup);
            assert_eq!(res.send().await.unwrap().status(), 200);
            // The reflection period has run.
            app.exec(&format!("UPDATE screenings SET completed_at = completed_at - 2678400000 WHERE id = '{sid}'"))
                .await;
            let body = json!({"conclusion": "confirmed", "reasons": "Consistent account; the recruiter is named in other cases."});
            let res =
                app.client.post(app.url(&format!("/api/v1/screenings/{sid}/decisions"))).bearer_auth(&dm).json(&body);
            assert_eq!(res.send().await.unwrap().status(), 201);
        }
    };
    for name in ["Witness One", "Witness Two", "Lone Witness"] {
        confirm(people[name].1.clone(), app.token.clone(), dm.clone()).await;
    }
    confirm(far_sid, other_sup.clone(), other_dm).await;
    assert_eq!(reported_by(&app, &platform, ad).await, at_least);
    let res = app.client.post(app.url("/api/v1/ads/screen")).bearer_auth(&platform);
    let out = json(res.json(&json!({"ads": [{"id": "a", "text": ad}]})).send().await.unwrap()).await;
    assert_eq!(out[0]["reported_marks"], json!(["handle"]), "only the kind that reached the floor: {out}");
    assert_eq!(reported_by(&app, &platform, "Cleaner wanted in Bangkok, contact @lone_agent").await, not_told);
    assert_eq!(reported_by(&app, &platform, "Cashier wanted, apply in person").await, not_told);
    // A widely reported contact cannot carry a probe of another over the
    // threshold: with the lone survivor's handle added, the answer is the same.
    assert_eq!(reported_by(&app, &platform, "Contact @golden_hr").await, at_least);
    assert_eq!(reported_by(&app, &platform, "Contact @golden_hr or @lone_agent").await, at_least);
    assert_eq!(reported_by(&app, &platform, "Contact @lone_agent or 012 345 678").await, not_told, "1 + 1 is not 3");
    // A caseworker makes up two people who name the lone witness's
    // recruiter: unconfirmed, they lift nothing over the floor.
    for name in ["Made Up One", "Made Up Two"] {
        let pid = app.create_named(name).await;
        let sid = app.start_screening(&pid, "en").await;
        let res = app.post(&format!("/api/v1/screenings/{sid}/answers"));
        let res = res.json(&json!({"answers": {"recruiter_handle": "@lone_agent"}})).send().await.unwrap();
        assert_eq!(res.status(), 200);
    }
    assert_eq!(reported_by(&app, &platform, "Contact @lone_agent").await, not_told, "made-up people count for nobody");
    // Someone with SQL write access copies the lone witness's facts under
    // two other people's screenings: the copies fail their binding.
    for name in ["Copy One", "Copy Two"] {
        let pid = app.create_named(name).await;
        let sid = app.start_screening(&pid, "en").await;
        app.exec(&format!(
            "INSERT INTO screening_facts (screening_id, person_id, org_id, kind, token, binding) \
             SELECT '{sid}', '{pid}', org_id, kind, token, binding FROM screening_facts WHERE person_id = '{}'",
            people["Lone Witness"].0
        ))
        .await;
    }
    assert_eq!(reported_by(&app, &platform, "Contact @lone_agent").await, not_told, "copies count for nobody");
    // The organisation counts its own screenings, made-up ones too (it can
    // see them), but never the SQL copies.
    assert_eq!(reported_by(&app, &app.token, "Contact @lone_agent").await, count(3));
    // Each screening request is in the audit log with how many marks it tested.
    use sqlx::Row;
    let rows = sqlx::query("SELECT outcome FROM audit_events WHERE action = 'search' AND record_kind = 'ad_review'")
        .fetch_all(app.store.pool())
        .await
        .unwrap();
    let outcomes: Vec<String> = rows.iter().map(|r| r.try_get("outcome").unwrap()).collect();
    assert!(outcomes.iter().any(|o| o == "screened 1 marks 2 reported 1"), "{outcomes:?}");
}

#[tokio::test]
async fn r26_platform_accounts_screen_ads_and_reach_no_person_nor_receive_one() {
    let app = TestApp::spawn().await;
    let platform = app.user_token("Video Platform", "platform", "supervisor", "plat.sup").await;
    let pid = app.create_named("Platform Probe").await;
    for path in ["/api/v1/persons", &format!("/api/v1/persons/{pid}"), "/api/v1/tasks", "/api/v1/statistics"] {
        let res = app.client.get(app.url(path)).bearer_auth(&platform).send().await.unwrap();
        assert!(matches!(res.status().as_u16(), 403 | 404), "{path}: {}", res.status());
        assert!(!res.text().await.unwrap().contains("Platform Probe"));
    }
    let res = app
        .client
        .post(app.url("/api/v1/ads/screen"))
        .bearer_auth(&platform)
        .json(&json!({"ads": [{"id": "x", "text": "Typist in KK Park"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // Nobody can send a platform a consent or a referral.
    let plat_org = app.store.org_by_name("Video Platform").await.unwrap();
    let res = app
        .post(&format!("/api/v1/persons/{pid}/consents"))
        .json(&json!({"purpose": "referral", "recipient_org_id": plat_org.to_string(), "categories": ["identity"],
                      "expires_on": "2099-01-01", "language": "en"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("r26_platform_recipient"));
    assert_eq!(app.count("consents").await, 0, "nothing is written");
    let res = app
        .post(&format!("/api/v1/persons/{pid}/referrals"))
        .json(&json!({"service_type": "legal_aid", "recipient_org_id": plat_org.to_string()}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(app.count("referrals").await, 0);
    // The platform's page menu offers the ads and nothing else.
    let html = app.page_as("plat.sup", "/ads").await;
    assert!(html.contains("href=\"/ads\""));
    for other in ["href=\"/persons\"", "href=\"/tasks\"", "href=\"/statistics\"", "href=\"/referrals\""] {
        assert!(!html.contains(other), "{other}");
    }
}

fn ads_upload(csrf: &str, name: &str, content: &str) -> String {
    format!(
        "--XBOUNDARY\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --XBOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n{content}\r\n--XBOUNDARY--\r\n"
    )
}

#[tokio::test]
async fn r26_an_uploaded_file_of_ads_is_listed_by_score_with_reasons_bad_lines_named_and_nothing_stored() {
    let app = TestApp::spawn().await;
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, csrf) = app.store.create_session(&sup, true).await.unwrap();
    let cookie = format!("haven_session={secret}");
    let post = |body: String| {
        app.client
            .post(app.url("/ads/upload"))
            .header("cookie", &cookie)
            .header("content-type", "multipart/form-data; boundary=XBOUNDARY")
            .body(body)
            .send()
    };
    let file = "{\"id\": \"calm\", \"text\": \"Cashier wanted at our Chiang Mai grocery store, apply in person.\"}\n\
                {\"id\": \"scam\", \"text\": \"URGENT typist in Sihanoukville, $2500, no experience, free flight, Telegram @hr_fast only\"}\n\
                not json at all\n\
                {\"id\": \"hidden\", \"text\": \"Typist in Sihanouk\\u200bville, Telegram @hr_\\u200bfast\"}\n";
    let res = post(ads_upload(&csrf, "ads.jsonl", file)).await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let table = &html[html.find("id=\"ads-batch\"").expect("a results table")..];
    let (scam, calm) = (table.find("<td>scam</td>").unwrap(), table.find("<td>calm</td>").unwrap());
    assert!(scam < calm, "the likeliest fraud comes first");
    assert!(html.contains("Line 3"), "the bad line is named");
    assert!(
        html.contains("Typist in Sihanoukville, Telegram @hr_fast"),
        "hidden characters are removed, as when pasted"
    );
    assert!(!html.contains('\u{200b}'));
    assert!(html.contains("Telegram"), "the reasons are shown");
    assert_eq!(app.count("ad_reviews").await, 0, "screening a file stores nothing");
    // A file over the page's cap is refused as a whole, with the way round it.
    let big: String = (0..501).map(|i| format!("{{\"id\": \"a{i}\", \"text\": \"Typist job\"}}\n")).collect();
    let res = post(ads_upload(&csrf, "big.jsonl", &big)).await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("haven ads screen"));
    // A CSV without the columns, and an empty file, are refused in words.
    let res = post(ads_upload(&csrf, "x.csv", "name,body\na,b\n")).await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("must name the columns id and text"));
    let res = post(ads_upload(&csrf, "x.csv", "")).await.unwrap();
    assert_eq!(res.status(), 422);
    // Without the form's token nothing is read.
    let res = post(ads_upload("forged", "ads.jsonl", file)).await.unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn r26_an_escalated_ad_waits_in_the_review_queue_until_someone_decides_again() {
    let app = TestApp::spawn().await;
    let ad = "Online marketing in Myawaddy, 1800 USD, visa arranged on arrival, contact @mw_jobs";
    let decide = |decision: &'static str| {
        app.post("/api/v1/ads/reviews")
            .json(&json!({"text": ad, "decision": decision, "reason": "Compound town, Telegram only; needs a second look."}))
            .send()
    };
    let queue = || async { json(app.get("/api/v1/ads/reviews?queue=escalated").send().await.unwrap()).await };
    assert_eq!(queue().await.as_array().unwrap().len(), 0);
    assert_eq!(decide("escalate").await.unwrap().status(), 201);
    let q = queue().await;
    assert_eq!(q.as_array().unwrap().len(), 1, "{q}");
    assert_eq!(q[0]["text"], ad);
    let html = app.page_as("sup", "/ads").await;
    assert!(html.contains("id=\"ads-queue\""), "the page shows the queue");
    // A second look decides; the ad leaves the queue, and both decisions stay on record.
    assert_eq!(decide("remove").await.unwrap().status(), 201);
    assert_eq!(queue().await.as_array().unwrap().len(), 0);
    assert_eq!(json(app.get("/api/v1/ads/reviews").send().await.unwrap()).await.as_array().unwrap().len(), 2);
    assert_eq!(app.get("/api/v1/ads/reviews?queue=other").send().await.unwrap().status(), 400);
}

#[tokio::test]
async fn r08_fact_bindings_are_made_once_and_a_reset_marker_binds_nothing_and_raises_an_alarm() {
    let app = TestApp::spawn().await;
    let pid = app.create_named("Legacy Witness").await;
    let sid = app.start_screening(&pid, "en").await;
    let res = app
        .post(&format!("/api/v1/screenings/{sid}/answers"))
        .json(&json!({"answers": {"recruiter_handle": "@legacy_agent"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(reported_by(&app, &app.token, "Contact @legacy_agent").await.0, 1);
    // Someone with SQL access strips the bindings and sets the marker the
    // upgrade leaves, hoping the next start binds whatever rows are there.
    app.exec("UPDATE screening_facts SET binding = NULL").await;
    app.exec("UPDATE meta SET value = 'pending' WHERE key = 'fact_bindings'").await;
    assert_eq!(reported_by(&app, &app.token, "Contact @legacy_agent").await.0, 0, "unbound rows count for nobody");
    // The next start (here the CLI's, on the same data) binds nothing: the
    // one binding run is in the log already, so it raises an alarm instead.
    let out = app.cli(&["audit", "verify"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(reported_by(&app, &app.token, "Contact @legacy_agent").await.0, 0);
    use sqlx::Row;
    let rows = sqlx::query("SELECT action, outcome FROM audit_events WHERE record_id = 'screening_facts'")
        .fetch_all(app.store.pool())
        .await
        .unwrap();
    let events: Vec<(String, String)> =
        rows.iter().map(|r| (r.try_get("action").unwrap(), r.try_get("outcome").unwrap())).collect();
    assert_eq!(
        events,
        [("row_write".to_owned(), "bound 0".to_owned()), ("integrity_alarm".to_owned(), "fact_bindings".to_owned())],
        "the first start bound the nothing there was; the reset is an alarm"
    );
    assert_eq!(app.store.meta("fact_bindings").await.unwrap().as_deref(), Some("done"));
    let out = app.cli(&["audit", "verify"]);
    assert!(out.status.success(), "the chain holds: {}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test]
async fn r13_error_pages_keep_the_menu_and_say_when_a_role_does_not_allow_it() {
    let app = TestApp::spawn().await;
    // An address that does not exist: still the reader's menu, the way back to work.
    let html = app.page_as("sup", "/no/such/page").await;
    assert!(html.contains("<nav aria-label=\"main\">") && html.contains("href=\"/persons\""), "{html}");
    assert!(html.contains("Signed in as sup"), "{html}");
    // A place the role does not reach says so, not "something went wrong".
    app.user_token("Local organisation", "ngo_assistance", "caseworker", "cw_err").await;
    let html = app.page_as("cw_err", "/statistics").await;
    assert!(html.contains("Your role does not allow this") && !html.contains("Something went wrong"), "{html}");
    assert!(html.contains("<nav aria-label=\"main\">"), "{html}");
}
