//! Acknowledged writes survive a crash (R27): `haven serve` is killed with
//! SIGKILL while clients write, then started again; every person whose
//! creation was answered 201 is there, and the audit chain verifies. On the
//! engine under test (SQLite with synchronous = FULL, or PostgreSQL).

use std::process::{Child, Command, Stdio};

use crate::helpers::{backend, haven};

struct Server {
    child: Child,
    url: String,
}

fn start(args: &[String]) -> Server {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_haven"))
        .arg("serve")
        .arg("--listen")
        .arg("127.0.0.1:0")
        .args(args)
        .env_remove("HAVEN_MASTER_KEY_FILE")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut url = String::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.split("listening on ").nth(1) {
            url = rest.split_whitespace().next().unwrap().to_owned();
            break;
        }
    }
    assert!(!url.is_empty(), "the server started");
    Server { child, url }
}

#[tokio::test]
async fn r27_every_acknowledged_write_survives_kill_9_and_the_chain_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["--data-dir".to_owned(), dir.path().join("data").display().to_string()];
    if backend() == haven_store::Backend::Postgres {
        args.push("--database-url".into());
        args.push(haven_store::testdb::fresh_postgres_url().await.unwrap());
    }
    let first = start(&args);
    let cli = |cmd: &[&str], stdin: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_haven"));
        c.args(cmd).args(&args).env_remove("HAVEN_MASTER_KEY_FILE").stdin(Stdio::piped()).stdout(Stdio::piped());
        let mut child = c.spawn().unwrap();
        if let Some(s) = stdin {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{cmd:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    cli(&["user", "create", "--org", "Local organisation", "--role", "supervisor", "--username", "crash.sup"], None);
    cli(&["user", "set-password", "--username", "crash.sup"], Some("a-long-crash-test-password\n"));
    let token = cli(&["token", "create", "--user", "crash.sup"], None).trim().lines().last().unwrap().to_owned();

    let mut acknowledged = Vec::new();
    let mut lost_in_flight = 0;
    let mut server = first;
    for round in 0..3 {
        let client = reqwest::Client::new();
        let url = server.url.clone();
        let mut tasks = tokio::task::JoinSet::new();
        let acked = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        for i in 0..150 {
            let (client, url, token, acked) = (client.clone(), url.clone(), token.clone(), acked.clone());
            tasks.spawn(async move {
                let res = client
                    .post(format!("{url}/api/v1/persons"))
                    .bearer_auth(&token)
                    .json(&serde_json::json!({"full_name": format!("Crash Person {round}-{i}")}))
                    .send()
                    .await
                    .ok()?;
                if res.status() != 201 {
                    return None;
                }
                let v: serde_json::Value = res.json().await.ok()?;
                acked.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                v["id"].as_str().map(str::to_owned)
            });
        }
        // Kill mid-stream, once some writes are acknowledged and more are in flight.
        for _ in 0..1000 {
            if acked.load(std::sync::atomic::Ordering::SeqCst) >= 10 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        server.child.kill().unwrap();
        server.child.wait().unwrap();
        while let Some(r) = tasks.join_next().await {
            match r.unwrap() {
                Some(id) => acknowledged.push(id),
                None => lost_in_flight += 1,
            }
        }
        server = start(&args);
    }
    assert!(!acknowledged.is_empty(), "some writes were acknowledged before each kill");
    // The kill came while requests were in flight; those may or may not
    // have been written, but none was acknowledged and then lost.
    assert!(lost_in_flight > 0, "the kill should interrupt writes ({} acknowledged)", acknowledged.len());
    let client = reqwest::Client::new();
    for id in &acknowledged {
        let res = client.get(format!("{}/api/v1/persons/{id}", server.url)).bearer_auth(&token).send().await.unwrap();
        assert_eq!(res.status(), 200, "acknowledged person {id} is missing after the crash");
    }
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let mut verify = vec!["audit".to_owned(), "verify".to_owned()];
    verify.extend(args.iter().cloned());
    let out = haven(&verify);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
