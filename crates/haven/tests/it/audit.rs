//! R27: the audit chain detects edits, deletions and reordering made
//! directly in the database, on SQLite and on PostgreSQL.

use crate::helpers::TestApp;

/// An app with a few dozen audit events.
async fn app_with_history() -> TestApp {
    let app = TestApp::spawn().await;
    for name in ["Nguyễn Văn Minh", "Juan Dela Cruz", "Dewi Lestari"] {
        let id = app.create_named(name).await;
        app.get(&format!("/api/v1/persons/{id}")).send().await.unwrap();
    }
    app
}

fn verify(app: &TestApp) -> (bool, String) {
    let out = app.cli(&["audit", "verify"]);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

#[tokio::test]
async fn r27_intact_chain_verifies() {
    let app = app_with_history().await;
    let (ok, text) = verify(&app);
    assert!(ok, "{text}");
    assert!(text.contains("intact"));
}

#[tokio::test]
async fn r27_edited_event_is_detected() {
    let app = app_with_history().await;
    app.exec("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 4").await;
    let (ok, text) = verify(&app);
    assert!(!ok);
    assert!(text.contains("event 4"), "{text}");
}

#[tokio::test]
async fn r27_deleted_event_is_detected() {
    let app = app_with_history().await;
    app.exec("DELETE FROM audit_events WHERE seq = 5").await;
    let (ok, text) = verify(&app);
    assert!(!ok);
    assert!(text.contains("event 6") || text.contains("event 5"), "{text}");
}

#[tokio::test]
async fn r27_reordered_events_are_detected() {
    let app = app_with_history().await;
    // Swap the sequence numbers of two rows, as someone hiding the order of
    // two reads would.
    app.exec("UPDATE audit_events SET seq = -1 WHERE seq = 3").await;
    app.exec("UPDATE audit_events SET seq = 3 WHERE seq = 4").await;
    app.exec("UPDATE audit_events SET seq = 4 WHERE seq = -1").await;
    let (ok, text) = verify(&app);
    assert!(!ok);
    assert!(text.contains("event 3"), "{text}");
}

#[tokio::test]
async fn r27_removed_tail_is_detected() {
    let app = app_with_history().await;
    app.exec("DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)").await;
    let (ok, text) = verify(&app);
    assert!(!ok, "{text}");
}

#[tokio::test]
async fn r27_forged_head_is_detected() {
    let app = app_with_history().await;
    // Cutting the tail and moving the head back needs the node key to sign.
    app.exec("DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)").await;
    app.exec("UPDATE audit_head SET seq = seq - 1, hash = (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1)")
        .await;
    let (ok, text) = verify(&app);
    assert!(!ok);
    assert!(text.contains("signature"), "{text}");
}
