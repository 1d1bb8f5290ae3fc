//! R28 and the encryption-at-rest invariant: no plaintext personal data in
//! any file or table, and erasure that survives a restore of an old backup.

use serde_json::json;

use crate::helpers::{backend, contains, files_under, haven, TestApp};

const CANARY_NAME: &str = "Quilliam Zedekiah Canaryton";
const CANARY_THAI: &str = "สมศักดิ์ทดสอบ";
const CANARY_NOTE: &str = "canary-note-detail-7731";

async fn app_with_canary() -> (TestApp, String) {
    let app = TestApp::spawn().await;
    let id = app
        .create_person(json!({
            "full_name": CANARY_NAME,
            "other_names": [CANARY_THAI],
            "contact": "+66 81 234 5678",
            "notes": CANARY_NOTE,
            "nationalities": ["THA"]
        }))
        .await;
    let cid = app.post(&format!("/api/v1/persons/{id}/cases")).json(&json!({})).send().await.unwrap();
    let cid = cid.json::<serde_json::Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    app.post(&format!("/api/v1/cases/{cid}/notes")).json(&json!({"body": CANARY_NOTE})).send().await.unwrap();
    (app, id)
}

fn needles() -> Vec<Vec<u8>> {
    vec![
        CANARY_NAME.as_bytes().to_vec(),
        b"Canaryton".to_vec(),
        b"canaryton".to_vec(),
        CANARY_THAI.as_bytes().to_vec(),
        CANARY_NOTE.as_bytes().to_vec(),
        b"234 5678".to_vec(),
    ]
}

fn assert_no_plaintext(path: &std::path::Path) {
    // SQLite removes its -wal and -shm files when the last connection closes;
    // a file gone between listing and reading holds nothing to check.
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    for n in needles() {
        assert!(!contains(&bytes, &n), "{} contains {:?}", path.display(), String::from_utf8_lossy(&n));
    }
}

/// Every row of every table, as PostgreSQL renders it in text.
pub(crate) async fn all_postgres_text(app: &TestApp) -> String {
    use sqlx::Row;
    let tables = sqlx::query("SELECT CAST(tablename AS TEXT) AS tablename FROM pg_tables WHERE schemaname = 'public'")
        .fetch_all(app.store.pool())
        .await
        .unwrap();
    let mut all = String::new();
    for t in tables {
        let name: String = t.try_get("tablename").unwrap();
        let rows = sqlx::query(&format!("SELECT CAST(t AS TEXT) AS r FROM {name} t"))
            .fetch_all(app.store.pool())
            .await
            .unwrap();
        for r in rows {
            all.push_str(&r.try_get::<String, _>("r").unwrap());
            all.push('\n');
        }
    }
    all
}

#[tokio::test]
async fn r28_plaintext_never_reaches_disk_or_backups() {
    let (app, _id) = app_with_canary().await;
    // Searching makes the index do its work too.
    let res = app.get("/api/v1/persons?q=canaryton").send().await.unwrap();
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["items"].as_array().unwrap().len(), 1);

    let files = files_under(&app.data_dir());
    assert!(!files.is_empty());
    for f in &files {
        assert_no_plaintext(f);
    }
    if backend() == haven_store::Backend::Postgres {
        let text = all_postgres_text(&app).await;
        assert!(text.len() > 1000, "the dump should hold the tables");
        for n in needles() {
            assert!(!text.contains(&*String::from_utf8_lossy(&n)), "postgres holds plaintext");
        }
    }
    let backup = app.dir.path().join("backup.db");
    let out = app.cli(&["backup", "--out", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::metadata(&backup).unwrap().len() > 0);
    assert_no_plaintext(&backup);
}

#[tokio::test]
async fn r28_restoring_a_backup_from_before_an_erasure_does_not_bring_the_person_back() {
    let (app, id) = app_with_canary().await;
    let backup = app.dir.path().join("before-erasure.db");
    let out = app.cli(&["backup", "--out", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let res = app.post(&format!("/api/v1/persons/{id}/erase")).send().await.unwrap();
    assert_eq!(res.status(), 204);

    let restored = app.dir.path().join("restored");
    let key = app.data_dir().join("master.key");
    let out = haven(&[
        "restore",
        "--from",
        backup.to_str().unwrap(),
        "--data-dir",
        restored.to_str().unwrap(),
        "--master-key-file",
        key.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // The restored installation says "erased" for this person.
    let mut config = haven_store::StoreConfig::new(&restored);
    config.create_key = false;
    let store = haven_store::Store::open(config).await.unwrap();
    let admin = store.user_by_username("sup").await.unwrap().actor();
    let scope = haven_core::access::authorize(
        &admin,
        haven_core::access::Permission::ReadPerson,
        haven_core::access::Purpose::case_management(),
        "test",
    )
    .unwrap();
    let view = store.get_person(&scope, id.parse().unwrap()).await.unwrap();
    assert!(matches!(view.state, haven_store::persons::PersonState::Erased { .. }));
    store.close().await;
    // And the restored files no longer hold the wrapped key or the sealed name.
    for f in files_under(&restored) {
        assert_no_plaintext(&f);
    }
    let out = haven(&["audit", "verify", "--data-dir", restored.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test]
async fn restore_refuses_a_non_empty_directory_and_a_non_backup_file() {
    let app = TestApp::spawn().await;
    let key = app.data_dir().join("master.key");
    let junk = app.dir.path().join("junk.db");
    std::fs::write(&junk, b"definitely not sqlite").unwrap();
    let out = haven(&[
        "restore",
        "--from",
        junk.to_str().unwrap(),
        "--data-dir",
        app.dir.path().join("x").to_str().unwrap(),
        "--master-key-file",
        key.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a haven backup"));
    let out = haven(&[
        "restore",
        "--from",
        junk.to_str().unwrap(),
        "--data-dir",
        app.data_dir().to_str().unwrap(),
        "--master-key-file",
        key.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
}

#[tokio::test]
async fn a_wrong_master_key_is_refused_at_start() {
    let app = TestApp::spawn().await;
    let other = app.dir.path().join("other.key");
    std::fs::write(&other, format!("{}\n", "ab".repeat(32))).unwrap();
    let mut args = vec!["migrate".to_owned(), "--master-key-file".to_owned(), other.display().to_string()];
    args.extend(app.data_args());
    let out = haven(&args);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("master key does not match"));
}
