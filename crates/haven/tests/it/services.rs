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

#[tokio::test]
async fn r09_r19_a_screened_man_is_shown_mens_shelter_from_the_directory() {
    let app = TestApp::spawn().await;
    import(&app, CSV).await;
    let pid = app.create_person(json!({"full_name": "Ko Min", "sex": "male"})).await;
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
