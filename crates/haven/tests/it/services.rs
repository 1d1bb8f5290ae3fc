//! The service directory (R19) through the API, the CLI and the screening page.

use serde_json::json;

use crate::helpers::{json, TestApp};

const CSV: &str = "provider,name,service_type,languages,country,location,sex,min_age,max_age,capacity,contact\n\
    Safe Haven Foundation,Open shelter for men,shelter_men,th my en,THA,Mae Sot,men,18,,12,+66 2 000 0000\n\
    Women's Refuge,Shelter,shelter_women,th,THA,Bangkok,women,18,,20,refuge@example.org\n\
    Legal Aid Centre,Lawyers for survivors,legal_aid,vi en,THA,Bangkok,,,,,+66 2 111 1111\n";

async fn import(app: &TestApp, body: &str) -> (u16, serde_json::Value) {
    let res = app
        .post("/api/v1/services/import")
        .header("content-type", "text/csv")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let s = res.status().as_u16();
    (s, json(res).await)
}

#[tokio::test]
async fn r19_a_spreadsheet_imports_all_or_nothing_and_the_directory_filters() {
    let app = TestApp::spawn().await;
    let bad = format!("{CSV}Clinic,Clinic,massage,,THA,,,,,,x\n");
    let (s, body) = import(&app, &bad).await;
    assert_eq!(s, 400, "{body}");
    assert!(body["message"].as_str().unwrap().contains("row 5"), "{body}");
    let all = json(app.get("/api/v1/services").send().await.unwrap()).await;
    assert_eq!(all.as_array().unwrap().len(), 0, "a refused import adds nothing");

    let (s, body) = import(&app, CSV).await;
    assert_eq!((s, body["added"].as_u64()), (201, Some(3)));
    let men = json(app.get("/api/v1/services?type=shelter_men").send().await.unwrap()).await;
    assert_eq!(men.as_array().unwrap().len(), 1);
    assert_eq!(men[0]["fields"]["provider"], "Safe Haven Foundation");
    let burmese = json(app.get("/api/v1/services?language=my").send().await.unwrap()).await;
    assert_eq!(burmese.as_array().unwrap().len(), 1);
    let words = json(app.get("/api/v1/services?q=bangkok%20lawyers").send().await.unwrap()).await;
    assert_eq!(words[0]["fields"]["name"], "Lawyers for survivors");

    // One entry by hand, with a clear error first.
    let entry = json!({"provider": "Clinic", "name": "Health post", "service_type": "primary_health",
                       "country": "THA", "contact": "clinic@example.org", "min_age": "40", "max_age": "20"});
    let res = app.post("/api/v1/services").json(&entry).send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "invalid_range");

    // The export reads back as the same directory.
    let res = app.get("/api/v1/services/export.csv").send().await.unwrap();
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let exported = res.text().await.unwrap();
    assert!(exported.starts_with("provider,name,service_type"));
    assert!(exported.contains("'+66 2 000 0000"), "formula-like cells are defused");
    let again = TestApp::spawn().await;
    assert_eq!(import(&again, &exported).await.1["added"], 3);
    let back = json(again.get("/api/v1/services?type=shelter_men").send().await.unwrap()).await;
    assert_eq!(back[0]["fields"], men[0]["fields"]);

    // R16: enforcement users are not part of the assistance network.
    let police = app.user_token("Border Police", "police", "caseworker", "officer").await;
    let res = app.client.get(app.url("/api/v1/services")).bearer_auth(&police).send().await.unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn r19_an_administrator_imports_the_directory_from_the_command_line() {
    let app = TestApp::spawn().await;
    let file = app.dir.path().join("services.csv");
    std::fs::write(&file, CSV).unwrap();
    let out = app.cli(&["services", "import", file.to_str().unwrap(), "--as", "sup"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 services imported"));
    let out = app.cli(&["services", "export", "--as", "sup"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Safe Haven Foundation"));
    std::fs::write(&file, "provider,name\nx,y\n").unwrap();
    let out = app.cli(&["services", "import", file.to_str().unwrap(), "--as", "sup"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("service_type"));
}

/// A vulnerability screening (in Burmese) that finds the person has no
/// money or shelter; returns its id, not yet completed.
async fn screen_without_shelter(app: &TestApp, pid: &str) -> String {
    let res = app
        .post(&format!("/api/v1/persons/{pid}/screenings"))
        .json(&json!({"instrument": "vulnerability", "survivor_language": "my"}))
        .send()
        .await
        .unwrap();
    let sid = json(res).await["id"].as_str().unwrap().to_owned();
    app.post(&format!("/api/v1/screenings/{sid}/answers"))
        .json(&json!({"answers": {"no_money_or_shelter": "yes"}}))
        .send()
        .await
        .unwrap();
    sid
}

#[tokio::test]
async fn r09_r19_a_screened_man_is_shown_mens_shelter_from_the_directory() {
    let app = TestApp::spawn().await;
    import(&app, CSV).await;
    let pid = app.create_person(json!({"full_name": "Ko Min", "sex": "male", "estimated_age": 30})).await;
    let sid = screen_without_shelter(&app, &pid).await;
    let sup = app.store.user_by_username("sup").await.unwrap();
    let (secret, _) = app.store.create_session(&sup, true).await.unwrap();
    let html = app
        .client
        .get(app.url(&format!("/screenings/{sid}")))
        .header("cookie", format!("haven_session={secret}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Safe Haven Foundation"), "men's shelter offered");
    assert!(!html.contains("Women's Refuge") && !html.contains("Women&#39;s Refuge"), "not a women's shelter");
    assert!(html.contains("Legal Aid Centre"), "legal aid for everyone screened (R09)");
}

#[tokio::test]
async fn r09_r19_suggested_referrals_combine_the_screening_and_the_recorded_needs() {
    let app = TestApp::spawn().await;
    import(&app, CSV).await;
    let pid = app.create_person(json!({"full_name": "Ko Thura", "sex": "male", "estimated_age": 30})).await;
    let suggestions = |app: &TestApp, pid: String| {
        let req = app.get(&format!("/api/v1/persons/{pid}/referral-suggestions"));
        async move { json(req.send().await.unwrap()).await }
    };
    assert_eq!(suggestions(&app, pid.clone()).await, json!([]), "nothing known yet, nothing suggested");
    let sid = screen_without_shelter(&app, &pid).await;
    assert_eq!(app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap().status(), 200);
    let s = suggestions(&app, pid.clone()).await;
    let types: Vec<&str> = s.as_array().unwrap().iter().map(|x| x["service_type"].as_str().unwrap()).collect();
    assert!(types.contains(&"shelter_men") && !types.contains(&"shelter_women"), "{types:?}");
    assert!(types.contains(&"legal_aid"), "legal aid for everyone screened (R09): {types:?}");
    let men = s.as_array().unwrap().iter().find(|x| x["service_type"] == "shelter_men").unwrap();
    assert_eq!(men["sources"], json!(["screening"]));
    assert!(men["providers"][0].as_str().unwrap().contains("Safe Haven Foundation"));

    // The caseworker's needs assessment adds interpretation and confirms shelter.
    let res = app
        .post(&format!("/api/v1/persons/{pid}/protection/needs_assessment"))
        .json(&json!({"needs": "interpretation shelter_men", "notes": "Speaks Burmese only"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let s = suggestions(&app, pid.clone()).await;
    let by_type = |t: &str| s.as_array().unwrap().iter().find(|x| x["service_type"] == t).cloned();
    assert_eq!(by_type("shelter_men").unwrap()["sources"], json!(["screening", "needs_assessment"]));
    assert_eq!(by_type("interpretation").unwrap()["sources"], json!(["needs_assessment"]));
    // A bad need is refused and leaves the earlier assessment in force.
    let res = app
        .post(&format!("/api/v1/persons/{pid}/protection/needs_assessment"))
        .json(&json!({"needs": "massage"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let after = suggestions(&app, pid.clone()).await;
    assert_eq!(after, s, "the refused assessment changed nothing");
}

#[tokio::test]
async fn r19_the_directory_goes_out_and_comes_back_as_xlsx() {
    let app = TestApp::spawn().await;
    import(&app, CSV).await;
    let res = app.get("/api/v1/services/export.xlsx").send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], haven_formats::directory::XLSX_TYPE);
    let xlsx = res.bytes().await.unwrap().to_vec();
    assert_eq!(haven_formats::directory::parse_xlsx(&xlsx).unwrap().len(), 3);

    // Another installation imports the workbook over the API and the CLI.
    let other = TestApp::spawn().await;
    let res = other
        .post("/api/v1/services/import")
        .header("content-type", haven_formats::directory::XLSX_TYPE)
        .body(xlsx.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(json(res).await["added"], 3);
    let file = other.dir.path().join("services.xlsx");
    let out = other.cli(&["services", "export", "--as", "sup", "--format", "xlsx"]);
    assert!(out.status.success());
    std::fs::write(&file, &out.stdout).unwrap();
    let out = other.cli(&["services", "import", file.to_str().unwrap(), "--as", "sup"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 services imported"));
    let all = json(other.get("/api/v1/services").send().await.unwrap()).await;
    assert_eq!(all.as_array().unwrap().len(), 6);

    // A broken workbook is refused whole.
    let before = other.count("services").await;
    let res = other
        .post("/api/v1/services/import")
        .header("content-type", haven_formats::directory::XLSX_TYPE)
        .body(xlsx[..xlsx.len() / 2].to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(other.count("services").await, before);
}

#[tokio::test]
async fn r19_an_import_may_be_larger_than_other_requests_up_to_its_own_cap() {
    let app = TestApp::spawn().await;
    // About 300 KiB: over the 64 KiB limit of ordinary requests.
    let mut csv = String::from("provider,name,service_type,country,contact,location\n");
    for i in 0..2000 {
        csv.push_str(&format!(
            "Provider {i},Legal clinic {i},legal_aid,THA,clinic{i}@example.org,{}\n",
            "x".repeat(100)
        ));
    }
    assert!(csv.len() > 200 * 1024);
    let (s, b) = import(&app, &csv).await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(b["added"], 2000);
    let too_big = "x".repeat(haven_formats::directory::MAX_CSV_BYTES + 200 * 1024);
    let res =
        app.post("/api/v1/services/import").header("content-type", "text/csv").body(too_big).send().await.unwrap();
    assert_eq!(res.status(), 413);
}

#[tokio::test]
async fn r19_an_organisation_removes_its_own_entries_and_only_those() {
    let app = TestApp::spawn().await;
    import(&app, CSV).await;
    let other = app.user_token("Partner NGO", "ngo_assistance", "caseworker", "partner1").await;
    let res = app
        .client
        .post(app.url("/api/v1/services"))
        .bearer_auth(&other)
        .json(&json!({"provider": "Partner NGO", "name": "Interpreters", "service_type": "interpretation",
                      "country": "THA", "contact": "interp@example.org"}))
        .send()
        .await
        .unwrap();
    let theirs = json(res).await["id"].as_str().unwrap().to_owned();
    let all = json(app.get("/api/v1/services").send().await.unwrap()).await;
    let ours = all.as_array().unwrap().iter().find(|s| s["fields"]["provider"] == "Women's Refuge").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let delete = |id: &str| app.client.delete(app.url(&format!("/api/v1/services/{id}"))).bearer_auth(&app.token);
    assert_eq!(delete(&theirs).send().await.unwrap().status(), 404, "another organisation's entry");
    assert_eq!(delete(&ours).send().await.unwrap().status(), 204);
    assert_eq!(delete(&ours).send().await.unwrap().status(), 404, "already gone");
    let all = json(app.get("/api/v1/services").send().await.unwrap()).await;
    let providers: Vec<&str> =
        all.as_array().unwrap().iter().map(|s| s["fields"]["provider"].as_str().unwrap()).collect();
    assert_eq!(providers.len(), 3);
    assert!(!providers.contains(&"Women's Refuge") && providers.contains(&"Partner NGO"));
}
