//! Insiders in the threat model (issue 10; R16, R17, R27, R28): an
//! administrator who wants more than their role, someone with SQL write
//! access but no master key, someone who kept a backup, someone who rolls
//! the database back. Each test fails on the code before this work.

use haven_core::access::{Actor, Role};
use haven_core::ids::OrgId;
use haven_store::auth::{AccountStatus, LoginOutcome, SecondFactorOutcome};
use serde_json::{json, Value};

use crate::helpers::{haven, json as body_json, TestApp};

fn actor_of(user: &haven_store::auth::User) -> Actor {
    user.actor()
}

/// A user with a confirmed token and a second-factor-complete session.
struct Principal {
    user: haven_store::auth::User,
    token: String,
    session: String,
    csrf: String,
}

async fn principal(app: &TestApp, org: OrgId, role: Role, username: &str) -> Principal {
    app.store
        .create_user(&haven_core::access::OrgAdmin::key_holder(org), username, role, "a-long-test-password", false)
        .await
        .unwrap();
    let token = app.store.create_confirmed_token(username).await.unwrap().1;
    let user = app.store.user_by_username(username).await.unwrap();
    let (session, csrf) = app.store.create_session(&user, true).await.unwrap();
    Principal { user, token, session, csrf }
}

/// A user with a session and an enrolled second factor (code of this
/// thirty-second step used), but no token yet: the next code is free.
async fn enrolled(app: &TestApp, org: OrgId, role: Role, username: &str) -> Principal {
    app.store
        .create_user(&haven_core::access::OrgAdmin::key_holder(org), username, role, "a-long-test-password", false)
        .await
        .unwrap();
    let user = app.store.user_by_username(username).await.unwrap();
    app.store.begin_totp(&user).await.unwrap();
    let code = app.store.totp_code(&user, 0).await.unwrap();
    assert_eq!(app.store.verify_second_factor(&user, &code, None).await.unwrap(), SecondFactorOutcome::Accepted);
    let user = app.store.user_by_username(username).await.unwrap();
    let (session, csrf) = app.store.create_session(&user, true).await.unwrap();
    Principal { user, token: String::new(), session, csrf }
}

async fn count_users_named(app: &TestApp, username: &str) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) AS n FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(app.store.pool())
        .await
        .unwrap()
        .try_get("n")
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_no_one_grants_a_role_above_their_own_or_outside_their_organisation_api_and_ui() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let org_b = app.store.create_org("Other Shelter", "shelter", Some("THA")).await.unwrap();
    let mut creators = Vec::new();
    for role in Role::ALL {
        creators.push((role, principal(&app, org_a, role, &format!("creator_{}", role.as_str())).await));
    }
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let mut n = 0;
    for (creator_role, p) in &creators {
        for target in Role::ALL {
            for (org, other) in [(org_a, false), (org_b, true)] {
                for ui in [false, true] {
                    n += 1;
                    let username = format!("granted{n}");
                    // The rule, stated independently of the code under test.
                    let expected = match creator_role {
                        Role::SystemAdmin => target == Role::OrgAdmin,
                        Role::OrgAdmin => !other && target != Role::SystemAdmin,
                        _ => false,
                    };
                    let status = if ui {
                        client
                            .post(app.url("/admin/users"))
                            .header("cookie", format!("haven_session={}", p.session))
                            .form(&[
                                ("csrf", p.csrf.as_str()),
                                ("username", username.as_str()),
                                ("role", target.as_str()),
                                ("org_id", &org.to_string()),
                            ])
                            .send()
                            .await
                            .unwrap()
                            .status()
                            .as_u16()
                    } else {
                        client
                            .post(app.url("/api/v1/users"))
                            .bearer_auth(&p.token)
                            .json(&json!({"username": username, "role": target.as_str(), "org_id": org.to_string()}))
                            .send()
                            .await
                            .unwrap()
                            .status()
                            .as_u16()
                    };
                    let created = count_users_named(&app, &username).await == 1;
                    let what = format!(
                        "{} creating {} in {} via {}",
                        creator_role.as_str(),
                        target.as_str(),
                        if other { "another organisation" } else { "its own" },
                        if ui { "the page" } else { "the API" }
                    );
                    assert_eq!(created, expected, "{what}: status {status}");
                    if expected {
                        assert_eq!(status, if ui { 200 } else { 201 }, "{what}");
                    } else {
                        assert_eq!(status, 403, "{what}");
                    }
                }
            }
        }
    }
    assert_eq!(n, 6 * 6 * 2 * 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_a_case_account_works_only_after_a_second_administrator_of_its_organisation_approves_it() {
    let app = TestApp::spawn().await;
    let sysadmin = app.store.user_by_username("admin").await.unwrap();
    let shelter = app.store.create_org("Four Eyes Shelter", "shelter", Some("THA")).await.unwrap();
    let rid = "test";
    // Even the first administrator of a new organisation waits: were it
    // active at once, two administrators of the system administrator's own
    // would approve each other's case accounts.
    let first =
        app.store.grant_user(&actor_of(&sysadmin), shelter, "shelter.admin1", Role::OrgAdmin, rid).await.unwrap();
    assert!(first.pending);
    assert!(matches!(
        app.store.login("shelter.admin1", &first.password, "10.0.0.1", rid).await.unwrap(),
        LoginOutcome::Pending
    ));
    assert!(app.store.approve_user(&actor_of(&sysadmin), first.id, rid).await.is_err());
    // The person who runs the server approves them.
    let out = app.cli(&["user", "approve", "--username", "shelter.admin1"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // A system administrator never makes a case account.
    assert!(app
        .store
        .grant_user(&actor_of(&sysadmin), shelter, "sneaky.supervisor", Role::Supervisor, rid)
        .await
        .is_err());
    app.store.set_password(first.id, "first-admins-own-password").await.unwrap();
    let admin1 = app.store.user_by_username("shelter.admin1").await.unwrap();
    // The organisation's administrator grants a supervisor: it waits.
    let sup = app.store.grant_user(&actor_of(&admin1), shelter, "shelter.sup", Role::Supervisor, rid).await.unwrap();
    assert!(sup.pending);
    // The operator approves administrators only, never a case account.
    let out = app.cli(&["user", "approve", "--username", "shelter.sup"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("only organisation administrators"));
    assert!(matches!(
        app.store.login("shelter.sup", &sup.password, "10.0.0.1", rid).await.unwrap(),
        LoginOutcome::Pending
    ));
    assert!(app.store.create_token("shelter.sup").await.is_err(), "no token for a pending account");
    // Nobody approves their own grant.
    assert!(app.store.approve_user(&actor_of(&admin1), sup.id, rid).await.is_err());
    // An administrator the system administrator slips in waits for the existing one...
    let admin2 =
        app.store.grant_user(&actor_of(&sysadmin), shelter, "shelter.admin2", Role::OrgAdmin, rid).await.unwrap();
    assert!(admin2.pending);
    // The operator approves only an organisation's first administrator:
    // here the organisation's own administrator decides.
    let out = app.cli(&["user", "approve", "--username", "shelter.admin2"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already has an active administrator"));
    assert!(app.store.approve_user(&actor_of(&sysadmin), admin2.id, rid).await.is_err());
    app.store.approve_user(&actor_of(&admin1), admin2.id, rid).await.unwrap();
    app.store.set_password(admin2.id, "second-admins-own-password").await.unwrap();
    // ...and then, as a second pair of eyes, approves the supervisor, here through the API.
    let token2 = app.store.create_confirmed_token("shelter.admin2").await.unwrap().1;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/users/{}/approve", sup.id)))
        .bearer_auth(&token2)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let users = app.store.list_users(&haven_core::access::OrgAdmin::key_holder(shelter)).await.unwrap();
    let s = users.iter().find(|u| u.username == "shelter.sup").unwrap();
    assert_eq!(s.status, AccountStatus::Active);
    assert!(matches!(
        app.store.login("shelter.sup", &sup.password, "10.0.0.1", rid).await.unwrap(),
        LoginOutcome::Success(_)
    ));
    // Each approval is in the audit log.
    let n = app.count("audit_events WHERE action = 'approve' AND record_kind = 'user'").await;
    assert_eq!(n, 3);
}

/// Two people, then a backup, then the first one's erasure.
async fn erased_after_backup(app: &TestApp) -> (String, std::path::PathBuf) {
    app.create_named("Kept Person Canary").await;
    let id = app.create_person(json!({"full_name": "Erasure Keyfile Canary", "notes": "kept-in-backup-only"})).await;
    let backup = app.dir.path().join("before.db");
    let out = app.cli(&["backup", "--out", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let res = app.post(&format!("/api/v1/persons/{id}/erase")).send().await.unwrap();
    assert_eq!(res.status(), 204);
    (id, backup)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r28_the_current_key_file_opens_no_one_erased_from_any_backup() {
    use sqlx::{Connection, Row};
    let app = TestApp::spawn().await;
    let (id, backup) = erased_after_backup(&app).await;
    // An insider with the old backup and today's key file, and their own
    // decryption code: the wrapped key is in the backup, the key that opens
    // it is in no file any more.
    let mut conn = sqlx::AnyConnection::connect(&format!("sqlite://{}", backup.display())).await.unwrap();
    let wrapped: Vec<u8> = sqlx::query("SELECT wrapped FROM person_keys WHERE person_id = $1")
        .bind(&id)
        .fetch_one(&mut conn)
        .await
        .unwrap()
        .try_get("wrapped")
        .unwrap();
    let key_file = haven_store::keyfile::KeyFile::load(&app.data_dir().join("master.key")).unwrap();
    let keys = haven_store::crypto::Keys::from_file(&key_file, None);
    assert!(matches!(keys.unwrap(&id, &wrapped), Err(haven_store::StoreError::Erased)));
    // Someone not erased, in the same backup, still opens: the key file
    // lost exactly one person, it is not merely broken.
    let kept: Vec<(String, Vec<u8>)> = sqlx::query("SELECT person_id, wrapped FROM person_keys WHERE person_id <> $1")
        .bind(&id)
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.try_get("person_id").unwrap(), r.try_get("wrapped").unwrap()))
        .collect();
    assert_eq!(kept.len(), 1);
    assert!(keys.unwrap(&kept[0].0, &kept[0].1).is_ok());
    // And no separate ledger file exists that an operator could leave behind.
    assert!(!app.data_dir().join("master.key.erasures").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r28_a_key_file_with_its_erasure_record_edited_or_rolled_back_is_refused() {
    let app = TestApp::spawn().await;
    let key = app.data_dir().join("master.key");
    let before = std::fs::read_to_string(&key).unwrap();
    let (id, backup) = erased_after_backup(&app).await;
    let after = std::fs::read_to_string(&key).unwrap();
    assert!(after.contains(&format!("erased {id}")));
    // Edited: the erasure line removed.
    let edited: String = after.lines().filter(|l| !l.starts_with("erased ")).map(|l| format!("{l}\n")).collect();
    let edited_path = app.dir.path().join("edited.key");
    std::fs::write(&edited_path, edited).unwrap();
    let restored = app.dir.path().join("r1");
    let out = haven(&[
        "restore",
        "--from",
        backup.to_str().unwrap(),
        "--data-dir",
        restored.to_str().unwrap(),
        "--master-key-file",
        edited_path.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("MAC"), "{}", String::from_utf8_lossy(&out.stderr));
    // Rolled back: an older copy of the key file, from before the erasure,
    // against the current database.
    let old_path = app.dir.path().join("old.key");
    std::fs::write(&old_path, before).unwrap();
    let mut args = vec!["migrate".to_owned(), "--master-key-file".to_owned(), old_path.display().to_string()];
    args.extend(app.data_args());
    let out = haven(&args);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("erasure record is missing"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Enough audit events for a few signed checkpoints.
async fn long_log(app: &TestApp, events: usize) {
    let ctx = haven_store::audit::Context { actor: "test", purpose: "test", request_id: "t" };
    for i in 0..events {
        app.store
            .record_event(
                &ctx,
                haven_core::audit::Action::Read,
                haven_core::audit::RecordKind::System,
                &i.to_string(),
                "ok",
            )
            .await
            .unwrap();
    }
}

fn verify(app: &TestApp, extra: &[&str]) -> (bool, String) {
    let mut args = vec!["audit", "verify"];
    args.extend_from_slice(extra);
    let out = app.cli(&args);
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r27_deleting_a_signed_checkpoint_is_detected() {
    let app = TestApp::spawn().await;
    long_log(&app, 600).await;
    let (ok, text) = verify(&app, &[]);
    assert!(ok, "{text}");
    assert!(text.contains("2 signed checkpoints"), "{text}");
    app.exec("DELETE FROM audit_checkpoints WHERE seq = 256").await;
    let (ok, text) = verify(&app, &[]);
    assert!(!ok);
    assert!(text.contains("checkpoint at event 256 is missing"), "{text}");
}

/// The audit head as it is now, to put back later as a rollback would.
async fn saved_head(app: &TestApp) -> (i64, String, String, String) {
    use sqlx::Row;
    let r = sqlx::query("SELECT seq, hash, signature, merkle FROM audit_head WHERE id = 1")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    (
        r.try_get("seq").unwrap(),
        r.try_get("hash").unwrap(),
        r.try_get("signature").unwrap(),
        r.try_get("merkle").unwrap(),
    )
}

/// Cuts the log back to a head saved earlier: every row is as haven wrote
/// it then, every signature valid. Only something outside the database can
/// tell.
async fn roll_back_to(app: &TestApp, head: &(i64, String, String, String)) {
    sqlx::query("DELETE FROM audit_events WHERE seq > $1").bind(head.0).execute(app.store.pool()).await.unwrap();
    sqlx::query("DELETE FROM audit_checkpoints WHERE seq > $1").bind(head.0).execute(app.store.pool()).await.unwrap();
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2, signature = $3, merkle = $4 WHERE id = 1")
        .bind(head.0)
        .bind(&head.1)
        .bind(&head.2)
        .bind(&head.3)
        .execute(app.store.pool())
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r27_a_rollback_is_caught_by_an_exported_checkpoint_and_the_server_will_not_start_on_it() {
    let app = TestApp::spawn().await;
    long_log(&app, 300).await;
    let old = saved_head(&app).await;
    long_log(&app, 300).await;
    let cp = app.dir.path().join("checkpoint.txt");
    let out = app.cli(&["audit", "checkpoint", "--out", cp.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let note = std::fs::read_to_string(&cp).unwrap();
    assert!(note.starts_with("haven/"), "a C2SP checkpoint begins with its origin: {note}");
    assert!(note.contains("\n\n\u{2014} haven/"), "and ends with a signature line: {note}");
    roll_back_to(&app, &old).await;
    // The database alone looks fine: that is the attack.
    let anchor = app.data_dir().join("master.key.anchor");
    let kept = std::fs::read(&anchor).unwrap();
    std::fs::remove_file(&anchor).unwrap();
    let (ok, text) = verify(&app, &[]);
    assert!(ok, "without a checkpoint kept elsewhere the rollback is invisible: {text}");
    // The checkpoint kept elsewhere sees it.
    let (ok, text) = verify(&app, &["--against", cp.to_str().unwrap()]);
    assert!(!ok);
    assert!(text.contains("rolled back"), "{text}");
    // So does the anchor the export left beside the key file: the server
    // (any command that opens the store) refuses to start.
    std::fs::write(&anchor, kept).unwrap();
    let out = app.cli(&["migrate"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("rolled back"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r27_a_log_whose_history_was_replaced_disagrees_with_the_checkpoint() {
    let app = TestApp::spawn().await;
    long_log(&app, 20).await;
    let old = saved_head(&app).await;
    long_log(&app, 20).await;
    let cp = app.dir.path().join("checkpoint.txt");
    assert!(app.cli(&["audit", "checkpoint", "--out", cp.to_str().unwrap()]).status.success());
    roll_back_to(&app, &old).await;
    std::fs::remove_file(app.data_dir().join("master.key.anchor")).unwrap();
    // The server carries on from the old head: a fork, longer than the checkpoint.
    long_log(&app, 40).await;
    let (ok, text) = verify(&app, &[]);
    assert!(ok, "{text}");
    let (ok, text) = verify(&app, &["--against", cp.to_str().unwrap()]);
    assert!(!ok);
    assert!(text.contains("history was replaced"), "{text}");
}

/// A person named "<prefix> Canary" in the assistance organisation, a police
/// supervisor who must not read them and an assistance supervisor who may,
/// each with a token: what an insider re-points a token between.
async fn canary_with_police_and_assistance_supervisors(app: &TestApp, prefix: &str) -> (String, Principal, Principal) {
    let id = app.create_named(&format!("{prefix} Owner Canary")).await;
    let police = app.store.create_org(&format!("{prefix} Police"), "police", Some("THA")).await.unwrap();
    let cop = principal(app, police, Role::Supervisor, &format!("{prefix}.cop")).await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let sup = principal(app, org_a, Role::Supervisor, &format!("{prefix}.sup")).await;
    (id, cop, sup)
}

/// The token and its owner are read in one statement (issue 12): the owner
/// must still be the one the token's sealed row names.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_a_token_pointed_at_another_account_in_sql_opens_nothing() {
    let app = TestApp::spawn().await;
    let (id, cop, sup) = canary_with_police_and_assistance_supervisors(&app, "token").await;
    let res = app.client.get(app.url(&format!("/api/v1/persons/{id}"))).bearer_auth(&cop.token).send().await.unwrap();
    assert_ne!(res.status(), 200, "the police token reads nothing before the edit");
    // The insider re-points the police token at the assistance supervisor.
    app.exec(&format!("UPDATE api_tokens SET user_id = '{}' WHERE user_id = '{}'", sup.user.id, cop.user.id)).await;
    let res = app.client.get(app.url(&format!("/api/v1/persons/{id}"))).bearer_auth(&cop.token).send().await.unwrap();
    let status = res.status();
    let body = res.text().await.unwrap();
    assert_eq!(status, 409, "{body}");
    assert!(!body.contains("Canary"), "{body}");
    // The supervisor's own token still works, and the edit raised an alarm.
    let res = app.client.get(app.url(&format!("/api/v1/persons/{id}"))).bearer_auth(&sup.token).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(app.count("audit_events WHERE action = 'integrity_alarm' AND record_kind = 'token'").await >= 1);
}

/// A token's checked owner is kept for a moment (issue 12). A write this
/// server commits ends that moment: a revocation or a disabled account here
/// is refused on the very next request, though the owner was just cached.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_a_revoked_token_or_disabled_account_is_refused_at_once_though_its_owner_was_cached() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let status = |token: String| {
        let req = app.client.get(app.url("/api/v1/persons")).bearer_auth(token);
        async move { req.send().await.unwrap().status() }
    };
    let revoked = principal(&app, org_a, Role::Caseworker, "cached.revoked").await;
    assert_eq!(status(revoked.token.clone()).await, 200);
    assert_eq!(status(revoked.token.clone()).await, 200, "the second request is served by the cached owner");
    app.store.revoke_tokens("cached.revoked", None).await.unwrap();
    assert_eq!(status(revoked.token.clone()).await, 401);

    let disabled = principal(&app, org_a, Role::Caseworker, "cached.disabled").await;
    let admin = principal(&app, org_a, Role::OrgAdmin, "cached.admin").await;
    assert_eq!(status(disabled.token.clone()).await, 200);
    app.store.disable_user(&actor_of(&admin.user), disabled.user.id, "r16-cache").await.unwrap();
    assert_eq!(status(disabled.token.clone()).await, 401);
}

/// The same edit made in SQL, which this server cannot see happen, is
/// caught once the cached owner lapses (`TOKEN_CACHE_TTL`). Until then the
/// token opens only what its real owner may, never the account it was
/// pointed at.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_a_token_re_pointed_in_sql_is_caught_once_its_cached_owner_lapses() {
    let app = TestApp::spawn().await;
    let (id, cop, sup) = canary_with_police_and_assistance_supervisors(&app, "cache").await;
    let read = || app.client.get(app.url(&format!("/api/v1/persons/{id}"))).bearer_auth(&cop.token).send();
    assert_ne!(read().await.unwrap().status(), 200, "the police token reads nothing before the edit");
    // Not `app.exec`, which stands for the wait: this test is the wait.
    sqlx::query(&format!("UPDATE api_tokens SET user_id = '{}' WHERE user_id = '{}'", sup.user.id, cop.user.id))
        .execute(app.store.pool())
        .await
        .unwrap();
    let res = read().await.unwrap();
    let (status, body) = (res.status(), res.text().await.unwrap());
    assert_ne!(status, 200, "within the moment the cached owner is still the police account: {body}");
    assert!(!body.contains("Canary"), "{body}");
    tokio::time::sleep(haven_store::auth::TOKEN_CACHE_TTL + std::time::Duration::from_millis(100)).await;
    let res = read().await.unwrap();
    let (status, body) = (res.status(), res.text().await.unwrap());
    assert_eq!(status, 409, "{body}");
    assert!(!body.contains("Canary"), "{body}");
    assert!(app.count("audit_events WHERE action = 'integrity_alarm' AND record_kind = 'token'").await >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_moving_a_police_user_into_an_assistance_organisation_in_sql_opens_nothing() {
    let app = TestApp::spawn().await;
    let id = app.create_named("Firewall Sql Canary").await;
    let police = app.store.create_org("Harbour Police", "police", Some("THA")).await.unwrap();
    let cop = principal(&app, police, Role::Supervisor, "harbour.cop").await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    // The insider's edit: no master key needed to run it.
    app.exec(&format!("UPDATE users SET org_id = '{org_a}' WHERE username = 'harbour.cop'")).await;
    for path in [format!("/api/v1/persons/{id}"), "/api/v1/persons".to_owned()] {
        let res = app.client.get(app.url(&path)).bearer_auth(&cop.token).send().await.unwrap();
        let status = res.status();
        let body = res.text().await.unwrap();
        assert_eq!(status, 409, "{path}: {body}");
        assert!(!body.contains("Canary"));
    }
    // The same edit on an organisation's kind.
    app.exec(&format!("UPDATE organisations SET kind = 'ngo_assistance' WHERE id = '{police}'")).await;
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&cop.token).send().await.unwrap();
    assert_ne!(res.status(), 200);
    // The auditor sees the alarms, and verification fails.
    let auditor = principal(&app, org_a, Role::Auditor, "auditor.one").await;
    let alarms =
        body_json(app.client.get(app.url("/api/v1/audit/alarms")).bearer_auth(&auditor.token).send().await.unwrap())
            .await;
    let text = alarms.to_string();
    assert!(text.contains("integrity_alarm") && text.contains("users"), "{text}");
    let (ok, text) = verify(&app, &[]);
    assert!(!ok);
    assert!(text.contains("integrity check"), "{text}");
    let _ = cop.user;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_r17_moving_a_person_or_widening_a_consent_in_sql_opens_nothing() {
    let app = TestApp::spawn().await;
    let id = app.create_person(json!({"full_name": "Moved Person Canary", "contact": "+66 81 000 1111"})).await;
    let other = app.store.create_org("Elsewhere Shelter", "shelter", Some("THA")).await.unwrap();
    let sup_b = principal(&app, other, Role::Supervisor, "elsewhere.sup").await;
    app.exec(&format!("UPDATE persons SET org_id = '{other}' WHERE id = '{id}'")).await;
    let res = app.client.get(app.url(&format!("/api/v1/persons/{id}"))).bearer_auth(&sup_b.token).send().await.unwrap();
    let status = res.status();
    let body = res.text().await.unwrap();
    assert!(!body.contains("Canary"), "{body}");
    assert_eq!(status, 409);
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&sup_b.token).send().await.unwrap();
    assert!(!res.text().await.unwrap().contains("Canary"));
    // A consent recorded for identity only, widened in SQL to everything.
    let id2 = app.create_person(json!({"full_name": "Consent Widened Canary"})).await;
    let res = app
        .post(&format!("/api/v1/persons/{id2}/consents"))
        .json(&json!({"purpose": "referral", "recipient_org_id": other.to_string(), "categories": ["identity"],
                      "expires_on": "2099-01-01", "language": "en"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    app.exec(
        "UPDATE consents SET categories = 'identity,contact_location,narrative,health,immigration_status,forced_acts'",
    )
    .await;
    let res = app.get(&format!("/api/v1/persons/{id2}/consents")).send().await.unwrap();
    assert_eq!(res.status(), 409, "the tampered consent is refused, not used");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_one_time_password_opens_no_api_route_until_it_is_changed() {
    let app = TestApp::spawn().await;
    let org = app.store.org_by_name("Local organisation").await.unwrap();
    app.store
        .create_user(
            &haven_core::access::OrgAdmin::key_holder(org),
            "fresh.worker",
            Role::Caseworker,
            "a-one-time-password",
            true,
        )
        .await
        .unwrap();
    let token = app.store.create_confirmed_token("fresh.worker").await.unwrap().1;
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(body_json(res).await["error"], "password_change_required");
    // The change needs the current password.
    let user = app.store.user_by_username("fresh.worker").await.unwrap();
    assert!(app.store.change_password(&user, "not-the-password", "my-own-long-password").await.is_err());
    app.store.change_password(&user, "a-one-time-password", "my-own-long-password").await.unwrap();
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_password_page_asks_for_the_current_password() {
    let app = TestApp::spawn().await;
    let org = app.store.org_by_name("Local organisation").await.unwrap();
    let p = principal(&app, org, Role::Caseworker, "page.worker").await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let post = |current: &'static str| {
        client
            .post(app.url("/password"))
            .header("cookie", format!("haven_session={}", p.session))
            .form(&[
                ("csrf", p.csrf.as_str()),
                ("current", current),
                ("password", "a-new-long-password"),
                ("confirm", "a-new-long-password"),
            ])
            .send()
    };
    let res = post("wrong-current-password").await.unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("not your current password"));
    let res = post("a-long-test-password").await.unwrap();
    assert_eq!(res.status(), 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_second_factor_codes_lock_the_account_with_back_off_raise_an_alarm_and_an_admin_unlocks() {
    let app = TestApp::spawn().await;
    let org = app.store.org_by_name("Local organisation").await.unwrap();
    enrolled(&app, org, Role::DecisionMaker, "decider").await;
    let admin = principal(&app, org, Role::OrgAdmin, "org.admin").await;
    let user = app.store.user_by_username("decider").await.unwrap();
    let mut outcomes = Vec::new();
    for _ in 0..5 {
        outcomes.push(app.store.verify_second_factor(&user, "000000", None).await.unwrap());
    }
    assert_eq!(outcomes[..4], [SecondFactorOutcome::Wrong; 4]);
    assert_eq!(outcomes[4], SecondFactorOutcome::Locked);
    // Locked: even the right code waits.
    let code = app.store.totp_code(&user, 1).await.unwrap();
    assert_eq!(app.store.verify_second_factor(&user, &code, None).await.unwrap(), SecondFactorOutcome::Locked);
    assert_eq!(app.count("audit_events WHERE action = 'second_factor_alarm'").await, 1);
    let res = app
        .client
        .post(app.url(&format!("/api/v1/users/{}/unlock", user.id)))
        .bearer_auth(&admin.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(app.store.verify_second_factor(&user, &code, None).await.unwrap(), SecondFactorOutcome::Accepted);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_answers_are_the_same_for_real_and_invented_usernames_and_a_stranger_locks_only_their_network() {
    let app = TestApp::spawn().await;
    let rid = "t";
    let mut real = Vec::new();
    let mut invented = Vec::new();
    for _ in 0..7 {
        real.push(format!("{:?}", app.store.login("sup", "wrong-password", "203.0.113.9", rid).await.unwrap()));
        invented.push(format!(
            "{:?}",
            app.store.login("no.such.person", "wrong-password", "203.0.113.9", rid).await.unwrap()
        ));
    }
    assert_eq!(real, invented);
    // The stranger's network is held back, even with the right password...
    assert!(matches!(
        app.store.login("sup", "a-long-test-password", "203.0.113.9", rid).await.unwrap(),
        LoginOutcome::Failed
    ));
    // ...but the real user, elsewhere, signs in.
    assert!(matches!(
        app.store.login("sup", "a-long-test-password", "198.51.100.7", rid).await.unwrap(),
        LoginOutcome::Success(_)
    ));
    // Through the page, both answers read the same.
    let url = app.url("/login");
    let page = |user: &'static str| {
        let url = url.clone();
        async move {
            let client = reqwest::Client::new();
            let login = client.get(&url).send().await.unwrap();
            let cookie =
                login.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_owned();
            let csrf = cookie.split_once('=').unwrap().1.to_owned();
            let res = client
                .post(&url)
                .header("cookie", cookie)
                .form(&[("username", user), ("password", "wrong-password"), ("csrf", csrf.as_str())])
                .send()
                .await
                .unwrap();
            let status = res.status();
            let body = res.text().await.unwrap();
            let message = body.split("role=\"alert\">").nth(1).unwrap_or("").split('<').next().unwrap_or("").to_owned();
            (status, message)
        }
    };
    assert_eq!(page("sup").await, page("nobody.here").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_expire_carry_scopes_and_wait_for_the_second_factor_of_roles_that_need_it() {
    let app = TestApp::spawn().await;
    let org = app.store.org_by_name("Local organisation").await.unwrap();
    // A read-only token reads and cannot write.
    let (_, read_only, pending) =
        app.store.create_token_with("sup", &[haven_core::access::TokenScope::Read], Some(30)).await.unwrap();
    assert!(!pending);
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&read_only).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let res = app
        .client
        .post(app.url("/api/v1/persons"))
        .bearer_auth(&read_only)
        .json(&json!({"full_name": "Not Written"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // An expired token is refused.
    let (tid, short, _) =
        app.store.create_token_with("sup", &haven_core::access::TokenScope::ALL, Some(1)).await.unwrap();
    app.backdate(&format!("UPDATE api_tokens SET expires_at = 1 WHERE id = '{tid}'"), "api_tokens").await;
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&short).send().await.unwrap();
    assert_eq!(res.status(), 401);
    // A decision maker's token made on the server waits for their second factor.
    let dm = enrolled(&app, org, Role::DecisionMaker, "dm.tokens").await;
    let (tid, token, pending) =
        app.store.create_token_with("dm.tokens", &haven_core::access::TokenScope::ALL, None).await.unwrap();
    assert!(pending);
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), 401);
    let code = app.store.totp_code(&dm.user, 1).await.unwrap();
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let res = client
        .post(app.url(&format!("/account/tokens/{tid}/confirm")))
        .header("cookie", format!("haven_session={}", dm.session))
        .form(&[("csrf", dm.csrf.as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_with_hidden_or_direction_changing_characters_are_refused_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let before = app.count("persons").await;
    for name in ["Mai\u{0}Nguyen", "Mai\u{202E}neyugN", "Mai\u{200B}Nguyen", "\u{FEFF}Mai Nguyen"] {
        let res = app.post("/api/v1/persons").json(&json!({"full_name": name})).send().await.unwrap();
        assert_eq!(res.status(), 400, "{name:?}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["field"], "full_name");
    }
    assert_eq!(app.count("persons").await, before);
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_key_file_and_their_companions_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let app = TestApp::spawn().await;
    app.create_named("Mode Check").await;
    let _ = app.post("/api/v1/persons").json(&json!({"full_name": "Erase Me"})).send().await.unwrap();
    let mut checked = 0;
    for entry in std::fs::read_dir(app.data_dir()).unwrap() {
        let path = entry.unwrap().path();
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        if meta.is_file() {
            assert_eq!(meta.permissions().mode() & 0o077, 0, "{} is readable by others", path.display());
            checked += 1;
        }
    }
    // The key file everywhere; on SQLite the database (and its journal) too.
    let expected = if crate::helpers::backend() == haven_store::Backend::Sqlite { 2 } else { 1 };
    assert!(checked >= expected, "only {checked} files checked");
}

/// The integrity alarms an auditor sees, polled briefly: an alarm raised
/// inside a failed write is recorded just after that write rolls back.
async fn alarms_naming(app: &TestApp, auditor: &Principal, needle: &str) -> String {
    let mut text = String::new();
    for _ in 0..50 {
        let res = app.client.get(app.url("/api/v1/audit/alarms")).bearer_auth(&auditor.token).send().await.unwrap();
        text = body_json(res).await.to_string();
        if text.contains(needle) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    text
}

async fn row_of(app: &TestApp, table: &str, cols: &str, id: &str) -> Vec<Option<String>> {
    use sqlx::Row;
    let sql = format!("SELECT {cols} FROM {table} WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_one(app.store.pool()).await.unwrap();
    (0..cols.split(',').count())
        .map(|i| {
            row.try_get::<Option<String>, _>(i)
                .ok()
                .flatten()
                .or_else(|| row.try_get::<Option<i64>, _>(i).ok().flatten().map(|n| n.to_string()))
        })
        .collect()
}

fn sql_value(v: &Option<String>) -> String {
    match v {
        None => "NULL".into(),
        Some(s) if s.parse::<i64>().is_ok() => s.clone(),
        Some(s) => format!("'{s}'"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r17_r27_an_earlier_copy_of_a_withdrawn_consent_written_back_in_sql_is_refused() {
    let app = TestApp::spawn().await;
    let other = app.store.create_org("Replay Shelter", "shelter", Some("THA")).await.unwrap();
    let id = app.create_named("Replayed Consent Canary").await;
    let res = app
        .post(&format!("/api/v1/persons/{id}/consents"))
        .json(&json!({"purpose": "referral", "recipient_org_id": other.to_string(), "categories": ["identity"],
                      "expires_on": "2099-01-01", "language": "en"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let cid = body_json(res).await["id"].as_str().unwrap().to_owned();
    // The insider keeps the row as it was while the consent was in force,
    // MAC included, and writes it back after the survivor withdrew it.
    let saved = row_of(&app, "consents", "withdrawn_at, row_mac, row_seq", &cid).await;
    assert!(saved[0].is_none() && saved[1].is_some() && saved[2].is_some(), "{saved:?}");
    assert_eq!(app.post(&format!("/api/v1/consents/{cid}/withdraw")).send().await.unwrap().status(), 204);
    assert!(row_of(&app, "consents", "withdrawn_at", &cid).await[0].is_some());
    app.exec(&format!(
        "UPDATE consents SET withdrawn_at = NULL, row_mac = {}, row_seq = {} WHERE id = '{cid}'",
        sql_value(&saved[1]),
        sql_value(&saved[2])
    ))
    .await;
    let res = app.get(&format!("/api/v1/persons/{id}/consents")).send().await.unwrap();
    assert_eq!(res.status(), 409, "the replayed consent is refused, not used");
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let auditor = principal(&app, org_a, Role::Auditor, "auditor.replay").await;
    let text = alarms_naming(&app, &auditor, "consents").await;
    assert!(text.contains("integrity_alarm") && text.contains("consents"), "{text}");
    let (ok, text) = verify(&app, &[]);
    assert!(!ok, "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r11_a_screening_outcome_copied_from_another_row_in_sql_is_refused() {
    let app = TestApp::spawn().await;
    let found = app.create_named("Found Screening Canary").await;
    let s1 = app.start_screening(&found, "en").await;
    app.answer_reasonable_grounds(&s1).await;
    assert_eq!(app.post(&format!("/api/v1/screenings/{s1}/complete")).send().await.unwrap().status(), 200);
    let other = app.create_named("Open Screening Canary").await;
    let s2 = app.start_screening(&other, "en").await;
    assert_eq!(app.get(&format!("/api/v1/screenings/{s2}")).send().await.unwrap().status(), 200);
    // The keyed outcome tag of one screening, with its status, put on
    // another: valid tags, but not this row's.
    let tag = row_of(&app, "screenings", "outcome, status", &s1).await;
    assert!(tag[0].is_some(), "{tag:?}");
    app.exec(&format!(
        "UPDATE screenings SET outcome = {}, status = {} WHERE id = '{s2}'",
        sql_value(&tag[0]),
        sql_value(&tag[1])
    ))
    .await;
    let res = app.get(&format!("/api/v1/screenings/{s2}")).send().await.unwrap();
    assert_eq!(res.status(), 409);
    let res = app.get(&format!("/api/v1/screenings/{s2}/notice.pdf")).send().await.unwrap();
    assert_ne!(res.status(), 200, "no notice from a copied outcome");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r28_erasure_blanks_the_keyed_tags_that_said_where_a_person_was_and_what_was_found() {
    let app = TestApp::spawn().await;
    let id = app
        .create_person(json!({"full_name": "Erased Tags Canary", "estimated_age": 30, "location": "in_compound"}))
        .await;
    let sid = app.start_screening(&id, "en").await;
    app.answer_reasonable_grounds(&sid).await;
    assert_eq!(app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap().status(), 200);
    assert!(row_of(&app, "screenings", "outcome", &sid).await[0].is_some());
    assert!(!row_of(&app, "persons", "location", &id).await[0].clone().unwrap_or_default().is_empty());
    assert_eq!(app.post(&format!("/api/v1/persons/{id}/erase")).send().await.unwrap().status(), 204);
    assert_eq!(row_of(&app, "persons", "location", &id).await[0].as_deref(), Some(""));
    assert_eq!(row_of(&app, "screenings", "outcome", &sid).await[0], None);
    // The blanked rows are resealed: nothing about them raises an alarm.
    let bad = app.store.verify_integrity().await.unwrap();
    assert!(bad.is_empty(), "{bad:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_only_an_organisations_own_administrator_lets_its_caseworkers_see_every_case() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let sysadmin = principal(&app, org_a, Role::SystemAdmin, "sys.reach").await;
    let own = principal(&app, org_a, Role::OrgAdmin, "own.reach.admin").await;
    let other_org = app.store.create_org("Reach Shelter", "shelter", Some("THA")).await.unwrap();
    let stranger = principal(&app, other_org, Role::OrgAdmin, "stranger.reach.admin").await;
    let path = format!("/api/v1/orgs/{org_a}/case-reach");
    for p in [&sysadmin, &stranger] {
        let res =
            app.client.put(app.url(&path)).bearer_auth(&p.token).json(&json!({"caseworkers_see_all": true})).send();
        assert_eq!(res.await.unwrap().status(), 403);
    }
    let orgs = app.store.list_orgs().await.unwrap();
    assert!(!orgs.iter().find(|o| o.id == org_a).unwrap().caseworkers_see_all);
    let res = app.client.put(app.url(&path)).bearer_auth(&own.token).json(&json!({"caseworkers_see_all": true})).send();
    assert_eq!(res.await.unwrap().status(), 204);
    let orgs = app.store.list_orgs().await.unwrap();
    assert!(orgs.iter().find(|o| o.id == org_a).unwrap().caseworkers_see_all);
    // The page offers the switch to the organisation's administrator only.
    let page = |p: &Principal| {
        app.client.get(app.url("/admin")).header("cookie", format!("haven_session={}", p.session)).send()
    };
    let own_page = page(&own).await.unwrap().text().await.unwrap();
    assert!(own_page.contains(&format!("/admin/orgs/{org_a}/settings")), "{own_page}");
    let sys_page = page(&sysadmin).await.unwrap().text().await.unwrap();
    assert!(!sys_page.contains("/settings\""), "{sys_page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_a_disabled_account_loses_its_sessions_and_tokens_and_returns_only_through_approval() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let admin = principal(&app, org_a, Role::OrgAdmin, "disabling.admin").await;
    let cw = principal(&app, org_a, Role::Caseworker, "disabled.cw").await;
    let me = app.client.get(app.url("/api/v1/persons")).bearer_auth(&cw.token).send().await.unwrap();
    assert_eq!(me.status(), 200);
    // Nobody disables themselves, and an administrator elsewhere cannot.
    let res = app.client.post(app.url(&format!("/api/v1/users/{}/disable", admin.user.id))).bearer_auth(&admin.token);
    assert_eq!(res.send().await.unwrap().status(), 403);
    let other_org = app.store.create_org("Disable Shelter", "shelter", Some("THA")).await.unwrap();
    let stranger = principal(&app, other_org, Role::OrgAdmin, "stranger.disabler").await;
    let res = app.client.post(app.url(&format!("/api/v1/users/{}/disable", cw.user.id))).bearer_auth(&stranger.token);
    assert_eq!(res.send().await.unwrap().status(), 403);
    let res = app.client.post(app.url(&format!("/api/v1/users/{}/disable", cw.user.id))).bearer_auth(&admin.token);
    assert_eq!(res.send().await.unwrap().status(), 204);
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&cw.token).send().await.unwrap();
    assert_eq!(res.status(), 401);
    let res = app
        .client
        .get(app.url("/persons"))
        .header("cookie", format!("haven_session={}", cw.session))
        .send()
        .await
        .unwrap();
    assert!(!res.text().await.unwrap().contains("disabled.cw"), "the session ended");
    assert_eq!(app.count(&format!("sessions WHERE user_id = '{}'", cw.user.id)).await, 0);
    assert!(matches!(
        app.store.login("disabled.cw", "a-long-test-password", "10.0.0.2", "t").await.unwrap(),
        LoginOutcome::Failed
    ));
    // Enabled again, it waits for a second administrator: the one who
    // enabled it made the decision, so someone else confirms it.
    let res = app.client.post(app.url(&format!("/api/v1/users/{}/enable", cw.user.id))).bearer_auth(&admin.token);
    assert_eq!(res.send().await.unwrap().status(), 204);
    assert!(matches!(
        app.store.login("disabled.cw", "a-long-test-password", "10.0.0.2", "t").await.unwrap(),
        LoginOutcome::Pending
    ));
    // Whoever enabled it cannot also approve it.
    let res = app.client.post(app.url(&format!("/api/v1/users/{}/approve", cw.user.id))).bearer_auth(&admin.token);
    assert_eq!(res.send().await.unwrap().status(), 403);
    // A system administrator switches no case account on or off.
    let sysadmin = principal(&app, org_a, Role::SystemAdmin, "switching.sys").await;
    let res = app.client.post(app.url(&format!("/api/v1/users/{}/disable", cw.user.id))).bearer_auth(&sysadmin.token);
    assert_eq!(res.send().await.unwrap().status(), 403);
    // The old token stays dead after the account returns.
    let second = principal(&app, org_a, Role::OrgAdmin, "second.admin").await;
    let res = app.client.post(app.url(&format!("/api/v1/users/{}/approve", cw.user.id))).bearer_auth(&second.token);
    assert_eq!(res.send().await.unwrap().status(), 204);
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&cw.token).send().await.unwrap();
    assert_eq!(res.status(), 401);
}

// Multi-threaded: the alarm and the audit sink write from tasks of their
// own, which must keep running while the test blocks on the CLI.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_the_operator_disables_an_account_whose_row_was_tampered_with() {
    let app = TestApp::spawn().await;
    let police = app.store.create_org("Tamper Police", "police", Some("THA")).await.unwrap();
    let cop = principal(&app, police, Role::Supervisor, "tamper.cop").await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    app.exec(&format!("UPDATE users SET org_id = '{org_a}' WHERE username = 'tamper.cop'")).await;
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&cop.token).send().await.unwrap();
    assert_eq!(res.status(), 409);
    let out = app.cli(&["user", "disable", "--username", "tamper.cop"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&cop.token).send().await.unwrap();
    assert_eq!(res.status(), 401, "inert, not merely refused");
    assert_eq!(app.count("audit_events WHERE action = 'disable'").await, 1);
    // A tampered row is not brought back: it must pass its check first.
    let out = app.cli(&["user", "enable", "--username", "tamper.cop"]);
    assert!(!out.status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_password_must_differ_from_the_one_time_password() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    app.store
        .create_user(
            &haven_core::access::OrgAdmin::key_holder(org_a),
            "same.pw",
            Role::Caseworker,
            "one-time-password-1",
            true,
        )
        .await
        .unwrap();
    let user = app.store.user_by_username("same.pw").await.unwrap();
    let err = app.store.change_password(&user, "one-time-password-1", "one-time-password-1").await.unwrap_err();
    assert!(err.to_string().contains("different"), "{err}");
    let user = app.store.user_by_username("same.pw").await.unwrap();
    assert!(user.must_change_password, "nothing changed");
    app.store.change_password(&user, "one-time-password-1", "a-new-own-password").await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r27_a_removed_anchor_is_an_alarm_and_a_head_written_without_the_key_is_never_adopted() {
    let app = TestApp::spawn().await;
    long_log(&app, 20).await;
    let anchor = app.data_dir().join("master.key.anchor");
    std::fs::remove_file(&anchor).unwrap();
    let out = app.cli(&["migrate"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(anchor.exists(), "the current head became the anchor again");
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let auditor = principal(&app, org_a, Role::Auditor, "auditor.anchor").await;
    let text = alarms_naming(&app, &auditor, "anchor_missing").await;
    assert!(text.contains("anchor_missing"), "{text}");
    // A head moved forward in SQL carries no valid signature: it is never
    // exported as a checkpoint nor adopted as the anchor.
    let before = std::fs::read(&anchor).unwrap();
    app.exec("UPDATE audit_head SET hash = '00' || substr(hash, 3) WHERE id = 1").await;
    let cp = app.dir.path().join("forged.txt");
    let out = app.cli(&["audit", "checkpoint", "--out", cp.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(app.store.anchor_head().await.is_err());
    assert_eq!(std::fs::read(&anchor).unwrap(), before, "the anchor did not move");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r28_a_person_key_deleted_in_sql_is_an_alarm_not_an_erasure() {
    let app = TestApp::spawn().await;
    let id = app.create_named("Deleted Key Canary").await;
    app.exec(&format!("DELETE FROM person_keys WHERE person_id = '{id}'")).await;
    let res = app.get(&format!("/api/v1/persons/{id}")).send().await.unwrap();
    assert_eq!(res.status(), 409, "not 410: nobody erased this person");
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let auditor = principal(&app, org_a, Role::Auditor, "auditor.keys").await;
    let text = alarms_naming(&app, &auditor, "person_keys").await;
    assert!(text.contains("person_keys"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sealed_fields_swapped_between_people_in_sql_are_refused_as_an_integrity_failure() {
    let app = TestApp::spawn().await;
    let a = app.create_named("Swapped Name One").await;
    let b = app.create_named("Swapped Name Two").await;
    app.exec(&format!(
        "UPDATE persons SET full_name = (SELECT full_name FROM persons WHERE id = '{b}') WHERE id = '{a}'"
    ))
    .await;
    let res = app.get(&format!("/api/v1/persons/{a}")).send().await.unwrap();
    assert_eq!(res.status(), 409);
    assert!(!res.text().await.unwrap().contains("Swapped Name Two"));
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let auditor = principal(&app, org_a, Role::Auditor, "auditor.swap").await;
    let text = alarms_naming(&app, &auditor, &a).await;
    assert!(text.contains(&a), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_file_is_private_from_its_first_byte_and_a_failed_one_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let app = TestApp::spawn().await;
    app.create_named("Backup Mode Person").await;
    let out = app.dir.path().join("b1.db");
    app.store.backup(&out, |_, _| {}).await.unwrap();
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    // A backup into a directory that does not exist fails and leaves no file.
    let missing = app.dir.path().join("no-such-dir").join("b2.db");
    assert!(app.store.backup(&missing, |_, _| {}).await.is_err());
    assert!(!missing.exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_edited_in_sql_is_listed_as_failed_and_the_administration_page_still_works() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let admin = principal(&app, org_a, Role::OrgAdmin, "page.admin").await;
    principal(&app, org_a, Role::Caseworker, "edited.cw").await;
    principal(&app, org_a, Role::Caseworker, "untouched.cw").await;
    app.exec("UPDATE users SET role = 'supervisor' WHERE username = 'edited.cw'").await;
    let res = app
        .client
        .get(app.url("/admin"))
        .header("cookie", format!("haven_session={}", admin.session))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("untouched.cw"), "the other accounts are still listed");
    let row = page.split("edited.cw").nth(1).unwrap_or_default();
    assert!(row.split("</tr>").next().unwrap_or_default().contains("Failed its integrity check"), "{page}");
    let users = body_json(
        app.client
            .get(app.url(&format!("/api/v1/users?org_id={org_a}")))
            .bearer_auth(&admin.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let edited = users.as_array().unwrap().iter().find(|u| u["username"] == "edited.cw").unwrap();
    assert_eq!(edited["integrity_ok"], false);
    let untouched = users.as_array().unwrap().iter().find(|u| u["username"] == "untouched.cw").unwrap();
    assert_eq!(untouched["integrity_ok"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r17_r27_hiding_a_rows_later_write_by_deleting_its_audit_event_is_refused_at_start_and_alarmed_while_running() {
    let app = TestApp::spawn().await;
    let other = app.store.create_org("Hole Shelter", "shelter", Some("THA")).await.unwrap();
    let id = app.create_named("Hole Consent Canary").await;
    let res = app
        .post(&format!("/api/v1/persons/{id}/consents"))
        .json(&json!({"purpose": "referral", "recipient_org_id": other.to_string(), "categories": ["identity"],
                      "expires_on": "2099-01-01", "language": "en"}))
        .send()
        .await
        .unwrap();
    let cid = body_json(res).await["id"].as_str().unwrap().to_owned();
    // The head is anchored beside the key file (as the server does every
    // few minutes).
    app.store.anchor_head().await.unwrap();
    let saved = row_of(&app, "consents", "withdrawn_at, row_mac, row_seq", &cid).await;
    assert_eq!(app.post(&format!("/api/v1/consents/{cid}/withdraw")).send().await.unwrap().status(), 204);
    app.exec(&format!(
        "UPDATE consents SET withdrawn_at = NULL, row_mac = {}, row_seq = {} WHERE id = '{cid}'",
        sql_value(&saved[1]),
        sql_value(&saved[2])
    ))
    .await;
    // The later write's event is deleted, so the old row looks latest.
    app.exec(&format!(
        "DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events WHERE record_id = 'consents:{cid}')"
    ))
    .await;
    // While running: the next anchoring finds the hole, raises the alarm
    // and does not move the anchor.
    assert!(app.store.anchor_head().await.is_err());
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    assert!(app.count("audit_events WHERE action = 'integrity_alarm' AND record_id = 'audit_log'").await >= 1);
    let _ = org_a;
    // At start: refused.
    let out = app.cli(&["migrate"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("missing or out of order"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r11_the_one_time_row_binding_cannot_be_made_to_run_again_from_sql() {
    let app = TestApp::spawn().await;
    let key = std::fs::read_to_string(app.data_dir().join("master.key")).unwrap();
    assert!(key.lines().any(|l| l == "bound"), "a new key file records that rows are bound");
    let found = app.create_named("Found Binding Canary").await;
    let s1 = app.start_screening(&found, "en").await;
    app.answer_reasonable_grounds(&s1).await;
    assert_eq!(app.post(&format!("/api/v1/screenings/{s1}/complete")).send().await.unwrap().status(), 200);
    let other = app.create_named("Open Binding Canary").await;
    let s2 = app.start_screening(&other, "en").await;
    let tag = row_of(&app, "screenings", "outcome, status", &s1).await;
    // The copied tag, with the binding cleared as if the row predated it,
    // and every marker of the conversion removed from the database.
    app.exec(&format!(
        "UPDATE screenings SET outcome = {}, status = {}, row_seq = NULL WHERE id = '{s2}'",
        sql_value(&tag[0]),
        sql_value(&tag[1])
    ))
    .await;
    app.exec("DELETE FROM audit_events WHERE record_id = 'row_binding'").await;
    let out = app.cli(&["migrate"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let res = app.get(&format!("/api/v1/screenings/{s2}")).send().await.unwrap();
    assert_eq!(res.status(), 409, "still refused: nothing was resealed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_second_factor_is_reset_by_the_operator_and_the_user_enrols_again() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let dm = enrolled(&app, org_a, Role::DecisionMaker, "lost.phone").await;
    assert!(app.store.user_by_username("lost.phone").await.unwrap().totp_enabled);
    let out = app.cli(&["user", "reset-mfa", "--username", "lost.phone"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let user = app.store.user_by_username("lost.phone").await.unwrap();
    assert!(!user.totp_enabled, "a new second factor is needed");
    assert_eq!(app.count(&format!("sessions WHERE user_id = '{}'", user.id)).await, 0, "sessions ended");
    let _ = dm;
    // The next sign-in leads to enrolment again.
    let (session, _) = app.store.create_session(&user, false).await.unwrap();
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let res =
        client.get(app.url("/persons")).header("cookie", format!("haven_session={session}")).send().await.unwrap();
    assert_eq!(res.headers()["location"], "/account/second-factor");
    assert!(app.count("audit_events WHERE outcome = 'second_factor_reset'").await == 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_enables_a_disabled_account_which_then_waits_for_an_administrator() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let admin = principal(&app, org_a, Role::OrgAdmin, "enabling.admin").await;
    principal(&app, org_a, Role::Caseworker, "back.cw").await;
    assert!(app.cli(&["user", "disable", "--username", "back.cw"]).status.success());
    let out = app.cli(&["user", "enable", "--username", "back.cw"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(matches!(
        app.store.login("back.cw", "a-long-test-password", "10.0.0.9", "t").await.unwrap(),
        LoginOutcome::Pending
    ));
    let back = app
        .store
        .list_users(&haven_core::access::OrgAdmin::key_holder(org_a))
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username == "back.cw")
        .unwrap();
    let res = app.client.post(app.url(&format!("/api/v1/users/{}/approve", back.id))).bearer_auth(&admin.token);
    assert_eq!(res.send().await.unwrap().status(), 204);
    assert!(matches!(
        app.store.login("back.cw", "a-long-test-password", "10.0.0.9", "t").await.unwrap(),
        LoginOutcome::Success(_)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_a_trigger_added_in_sql_cannot_have_haven_seal_a_rewritten_row() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    principal(&app, org_a, Role::Caseworker, "trig.cw").await;
    let trigger = match crate::helpers::backend() {
        haven_store::Backend::Sqlite => "CREATE TRIGGER lnd AFTER UPDATE OF totp_enabled ON users \
             WHEN NEW.username = 'trig.cw' BEGIN UPDATE users SET role = 'supervisor' WHERE id = NEW.id; END"
            .to_owned(),
        haven_store::Backend::Postgres => {
            app.exec(
                "CREATE FUNCTION lnd() RETURNS trigger AS $$ BEGIN NEW.role := 'supervisor'; RETURN NEW; END $$ \
                 LANGUAGE plpgsql",
            )
            .await;
            "CREATE TRIGGER lnd BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION lnd()".to_owned()
        }
    };
    app.exec(&trigger).await;
    // An operator's routine command refuses rather than sealing the rewrite.
    let out = app.cli(&["user", "reset-mfa", "--username", "trig.cw"]);
    assert!(!out.status.success());
    let role: String = {
        use sqlx::Row;
        sqlx::query("SELECT role FROM users WHERE username = 'trig.cw'")
            .fetch_one(app.store.pool())
            .await
            .unwrap()
            .get("role")
    };
    assert_eq!(role, "caseworker", "nothing was rewritten or sealed");
    // And no store opens on such a database.
    let out = app.cli(&["migrate"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("triggers"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_the_grantor_cannot_approve_their_own_grant_after_the_operator_enables_it() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let oa = principal(&app, org_a, Role::OrgAdmin, "only.admin").await;
    let granted = app.store.grant_user(&actor_of(&oa.user), org_a, "sock.sup", Role::Supervisor, "t").await.unwrap();
    assert!(granted.pending);
    let res = app.client.post(app.url(&format!("/api/v1/users/{}/disable", granted.id))).bearer_auth(&oa.token);
    assert_eq!(res.send().await.unwrap().status(), 204);
    assert!(app.cli(&["user", "enable", "--username", "sock.sup"]).status.success());
    let res = app.client.post(app.url(&format!("/api/v1/users/{}/approve", granted.id))).bearer_auth(&oa.token);
    assert_eq!(res.send().await.unwrap().status(), 403, "four eyes: not one's own grant");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_factor_reset_ends_the_accounts_api_tokens_too() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let cw = principal(&app, org_a, Role::Caseworker, "token.phone").await;
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&cw.token).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(app.cli(&["user", "reset-mfa", "--username", "token.phone"]).status.success());
    // The CLI is another process: the server notices once the owner it
    // cached at the request above lapses (`TOKEN_CACHE_TTL`, issue 12).
    tokio::time::sleep(haven_store::auth::TOKEN_CACHE_TTL).await;
    let res = app.client.get(app.url("/api/v1/persons")).bearer_auth(&cw.token).send().await.unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_one_person_row_edited_in_sql_is_left_out_of_the_list_with_an_alarm_and_the_others_stay() {
    let app = TestApp::spawn().await;
    let kept = app.create_named("Listed Person Canary").await;
    let edited = app.create_named("Edited Person Canary").await;
    app.exec(&format!("UPDATE persons SET created_by = 'someone-else' WHERE id = '{edited}'")).await;
    let res = app.get("/api/v1/persons").send().await.unwrap();
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    assert!(text.contains("Listed Person Canary"), "{text}");
    assert!(!text.contains("Edited Person Canary"), "{text}");
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let auditor = principal(&app, org_a, Role::Auditor, "auditor.list").await;
    let alarms = alarms_naming(&app, &auditor, &edited).await;
    assert!(alarms.contains(&edited), "{alarms}");
    // The record itself is still refused, not served.
    assert_eq!(app.get(&format!("/api/v1/persons/{edited}")).send().await.unwrap().status(), 409);
    let _ = kept;
}

/// Rows planted in SQL under a survivor's name tokens (persons with no key,
/// or with a key that does not open) must not fill a search page and push
/// the survivor off it, and must not take the search down.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_person_rows_planted_in_sql_take_no_place_in_a_name_search() {
    let app = TestApp::spawn().await;
    let target = app.create_named("Planted Target Canary").await;
    let org = app.store.org_by_name("Local organisation").await.unwrap();
    for n in 0..3 {
        let fake = format!("00000000-0000-4000-8000-00000000000{n}");
        app.exec(&format!(
            "INSERT INTO persons (id, org_id, location, created_at, updated_at, created_by) \
             VALUES ('{fake}', '{org}', 'shelter', 9999999999999, 0, 'x')"
        ))
        .await;
        app.exec(&format!(
            "INSERT INTO person_name_index (token, person_id) SELECT token, '{fake}' FROM person_name_index \
             WHERE person_id = '{target}'"
        ))
        .await;
    }
    // One of them with a key copied from the survivor: it does not open.
    app.exec(&format!(
        "INSERT INTO person_keys (person_id, wrapped) SELECT '00000000-0000-4000-8000-000000000002', wrapped \
         FROM person_keys WHERE person_id = '{target}'"
    ))
    .await;
    let res = app.get("/api/v1/persons?q=Planted%20Canary&per_page=1").send().await.unwrap();
    assert_eq!(res.status(), 200);
    let found = body_json(res).await;
    let ids: Vec<&str> = found["items"].as_array().unwrap().iter().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(ids, [target.as_str()], "{found}");
    let auditor = principal(&app, org, Role::Auditor, "auditor.planted").await;
    let alarms = alarms_naming(&app, &auditor, "00000000-0000-4000-8000-000000000002").await;
    assert!(alarms.contains("00000000-0000-4000-8000-000000000002"), "{alarms}");
}

/// An organisation's administrator manages its staff, not the system
/// administrator's account that sits in it: disabling it would leave it
/// waiting for a second approval after any re-enabling.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_an_organisation_administrator_cannot_switch_off_the_system_administrator() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let admin = principal(&app, org_a, Role::OrgAdmin, "switch.admin").await;
    let cw = principal(&app, org_a, Role::Caseworker, "switch.cw").await;
    let sysadmin = app.store.user_by_username("admin").await.unwrap();
    assert_eq!(sysadmin.org_id, org_a);
    let act = |user: String, step: &'static str| {
        app.client.post(app.url(&format!("/api/v1/users/{user}/{step}"))).bearer_auth(admin.token.clone()).send()
    };
    for step in ["disable", "enable"] {
        assert_eq!(act(sysadmin.id.to_string(), step).await.unwrap().status(), 403, "{step}");
    }
    let after = app.store.user_by_username("admin").await.unwrap();
    assert_eq!(after.role, Role::SystemAdmin);
    let listed = app.store.list_users(&haven_core::access::OrgAdmin::key_holder(org_a)).await.unwrap();
    let row = listed.iter().find(|u| u.username == "admin").unwrap();
    assert!(!row.disabled && row.status == haven_store::auth::AccountStatus::Active);
    // Their own staff they still manage.
    assert_eq!(act(cw.user.id.to_string(), "disable").await.unwrap().status(), 204);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_a_role_change_ends_sessions_waits_for_a_second_administrator_and_is_audited() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let admin1 = principal(&app, org_a, Role::OrgAdmin, "role.admin1").await;
    let admin2 = principal(&app, org_a, Role::OrgAdmin, "role.admin2").await;
    let cw = principal(&app, org_a, Role::Caseworker, "role.cw").await;
    let other = app.store.create_org("Other Shelter", "shelter", Some("THA")).await.unwrap();
    let outsider = principal(&app, other, Role::OrgAdmin, "role.outsider").await;
    let set_role = |token: &str, user: String, role: &str| {
        app.client
            .post(app.url(&format!("/api/v1/users/{user}/role")))
            .bearer_auth(token.to_owned())
            .json(&json!({ "role": role }))
            .send()
    };
    let cw_id = cw.user.id.to_string();
    // Nobody else's administrator, nobody for themselves, no system role.
    assert_eq!(set_role(&outsider.token, cw_id.clone(), "supervisor").await.unwrap().status(), 403);
    assert_eq!(set_role(&admin1.token, admin1.user.id.to_string(), "supervisor").await.unwrap().status(), 403);
    assert_eq!(set_role(&admin1.token, cw_id.clone(), "system_admin").await.unwrap().status(), 403);
    assert_eq!(set_role(&admin1.token, cw_id.clone(), "root").await.unwrap().status(), 400);
    // The system administrator sits in this organisation; its administrator
    // still may not demote them.
    let sysadmin = app.store.user_by_username("admin").await.unwrap();
    assert_eq!(sysadmin.org_id, org_a);
    assert_eq!(set_role(&admin1.token, sysadmin.id.to_string(), "caseworker").await.unwrap().status(), 403);
    assert_eq!(set_role(&admin1.token, cw_id.clone(), "caseworker").await.unwrap().status(), 409);
    // The caseworker's token works until the change...
    let persons = |token: String| app.client.get(app.url("/api/v1/persons")).bearer_auth(token).send();
    assert_eq!(persons(cw.token.clone()).await.unwrap().status(), 200);
    assert_eq!(set_role(&admin1.token, cw_id.clone(), "supervisor").await.unwrap().status(), 204);
    // ...and not after: the old role's token and session end.
    assert_eq!(persons(cw.token.clone()).await.unwrap().status(), 401);
    let res = app
        .client
        .get(app.url("/persons"))
        .header("cookie", format!("haven_session={}", cw.session))
        .send()
        .await
        .unwrap();
    assert!(res.url().path().starts_with("/login"), "the session ended: {}", res.url());
    // A supervisor's reach waits for a second administrator.
    assert!(matches!(
        app.store.login("role.cw", "a-long-test-password", "10.0.0.9", "t").await.unwrap(),
        LoginOutcome::Pending
    ));
    assert!(app.store.approve_user(&actor_of(&admin1.user), cw.user.id, "t").await.is_err(), "four eyes");
    let res = app.client.post(app.url(&format!("/api/v1/users/{cw_id}/approve"))).bearer_auth(&admin2.token);
    assert_eq!(res.send().await.unwrap().status(), 204);
    let user = app.store.user_by_username("role.cw").await.unwrap();
    assert_eq!(user.role, Role::Supervisor);
    let n = app.count("audit_events WHERE action = 'update' AND outcome = 'role_supervisor_pending'").await;
    assert_eq!(n, 1);

    // The operator's command: the same four eyes.
    let out = app.cli(&["user", "set-role", "--username", "role.cw", "--role", "auditor"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(matches!(
        app.store.login("role.cw", "a-long-test-password", "10.0.0.9", "t").await.unwrap(),
        LoginOutcome::Pending
    ));
    let listed = app.store.list_users(&haven_core::access::OrgAdmin::key_holder(org_a)).await.unwrap();
    let now = listed.iter().find(|u| u.username == "role.cw").unwrap();
    assert_eq!((now.role, now.status), (Role::Auditor, AccountStatus::Pending));
    let out = app.cli(&["user", "set-role", "--username", "role.cw", "--role", "system_admin"]);
    assert!(!out.status.success());
    let out = app.cli(&["user", "set-role", "--username", "role.cw", "--role", "wizard"]);
    assert!(!out.status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r27_recovery_codes_work_once_are_kept_only_as_keyed_hashes_and_cannot_be_forged_in_sql() {
    use sqlx::Row;
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    app.store
        .create_user(
            &haven_core::access::OrgAdmin::key_holder(org_a),
            "rc.dm",
            Role::DecisionMaker,
            "a-long-test-password",
            false,
        )
        .await
        .unwrap();
    let user = app.store.user_by_username("rc.dm").await.unwrap();
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    // Enrolment in the browser ends on the codes, shown once and never cached.
    let (secret, csrf) = app.store.create_session(&user, false).await.unwrap();
    let cookie = format!("haven_session={secret}");
    let page = client.get(app.url("/account/second-factor")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let code = app.store.current_totp_code(&user).await.unwrap();
    let res = client
        .post(app.url("/account/second-factor"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let html = res.text().await.unwrap();
    let codes: Vec<String> =
        html.split("<li><code>").skip(1).map(|s| s.split("</code>").next().unwrap().to_owned()).collect();
    assert_eq!(codes.len(), 10, "{html}");
    // Only keyed hashes are kept.
    let rows = sqlx::query("SELECT id_hash FROM recovery_codes").fetch_all(app.store.pool()).await.unwrap();
    assert_eq!(rows.len(), 10);
    for r in &rows {
        let h: String = r.try_get("id_hash").unwrap();
        assert!(codes.iter().all(|c| !h.contains(&c.replace('-', ""))));
    }

    let sign_in_with = |code: String| {
        let app = &app;
        let user = user.clone();
        let client = client.clone();
        async move {
            let (secret, csrf) = app.store.create_session(&user, false).await.unwrap();
            client
                .post(app.url("/login/second-factor"))
                .header("cookie", format!("haven_session={secret}"))
                .form(&[("csrf", csrf.as_str()), ("code", code.as_str())])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    // A code works in place of the phone, typed in capitals and spaced too...
    assert_eq!(sign_in_with(codes[0].to_uppercase().replace('-', " ")).await, 303);
    // ...once.
    assert_eq!(sign_in_with(codes[0].clone()).await, 401);
    assert_eq!(app.count("recovery_codes").await, 9);
    assert_eq!(app.count("audit_events WHERE outcome = 'recovery_code'").await, 1);

    // Someone with SQL write access but no master key writes a code of their
    // own, hashed as well as they can: it opens nothing.
    let forged = "abcdefghjk";
    for hash in [forged.to_owned(), sha2_hex(format!("recovery\0{}\0{forged}", user.id).as_bytes())] {
        app.exec(&format!(
            "INSERT INTO recovery_codes (id_hash, user_id, created_at) VALUES ('{hash}', '{}', 0)",
            user.id
        ))
        .await;
    }
    assert_eq!(sign_in_with("abcde-fghjk".to_owned()).await, 401);
    // Another user's code opens nothing either.
    app.store
        .create_user(
            &haven_core::access::OrgAdmin::key_holder(org_a),
            "rc.other",
            Role::DecisionMaker,
            "a-long-test-password",
            false,
        )
        .await
        .unwrap();
    let other = app.store.user_by_username("rc.other").await.unwrap();
    app.store.begin_totp(&other).await.unwrap();
    let c = app.store.current_totp_code(&other).await.unwrap();
    app.store.verify_second_factor(&other, &c, None).await.unwrap();
    let theirs = app.store.issue_recovery_codes(&other).await.unwrap();
    assert_eq!(sign_in_with(theirs[0].clone()).await, 401);

    // A lost phone reset by the operator takes the codes with it.
    assert!(app.cli(&["user", "reset-mfa", "--username", "rc.dm"]).status.success());
    let left = sqlx::query(&format!("SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = '{}'", user.id))
        .fetch_one(app.store.pool())
        .await
        .unwrap()
        .try_get::<i64, _>("n")
        .unwrap();
    assert_eq!(left, 0);
}

/// SHA-256 in hex, as an insider without the key would hash a code.
fn sha2_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r16_a_grant_forged_or_a_case_moved_in_sql_opens_no_case_and_no_access_log() {
    let app = TestApp::spawn().await;
    let org_a = app.store.org_by_name("Local organisation").await.unwrap();
    let outsider = principal(&app, org_a, Role::Caseworker, "case.outsider").await;
    let person = app.create_person(json!({"full_name": "Case Reach Canary"})).await;
    let res = app.post(&format!("/api/v1/persons/{person}/cases")).json(&json!({})).send().await.unwrap();
    assert_eq!(res.status(), 201);
    let case = body_json(res).await["id"].as_str().unwrap().to_owned();
    let get = |path: String| app.client.get(app.url(&path)).bearer_auth(&outsider.token).send();
    let case_path = format!("/api/v1/cases/{case}");
    let log_path = format!("/api/v1/persons/{person}/access-log");
    // The outsider's baseline: neither the case nor the person's log.
    assert_eq!(get(case_path.clone()).await.unwrap().status(), 404);
    assert_eq!(get(log_path.clone()).await.unwrap().status(), 404);
    assert!(!get("/api/v1/cases".into()).await.unwrap().text().await.unwrap().contains(&case));
    let uid = outsider.user.id;
    let tampering = [
        format!(
            "INSERT INTO access_grants (id, person_id, org_id, user_id, created_at, expires_at) \
             VALUES ('forged-grant', '{person}', '{org_a}', '{uid}', 0, 4102444800000)"
        ),
        format!("UPDATE cases SET assigned_to = '{uid}' WHERE id = '{case}'"),
    ];
    for sql in tampering {
        app.exec(&sql).await;
        for path in [&case_path, &log_path] {
            let res = get(path.clone()).await.unwrap();
            let status = res.status().as_u16();
            let body = res.text().await.unwrap();
            assert!(status == 404 || status == 409, "{sql}: {path} answered {status}: {body}");
            assert!(!body.contains(&case) && !body.contains("case.outsider"), "{body}");
        }
        let list = get("/api/v1/cases".into()).await.unwrap();
        assert_eq!(list.status(), 200);
        assert!(!list.text().await.unwrap().contains(&case), "{sql}: the case is listed");
    }
}
