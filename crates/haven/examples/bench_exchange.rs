//! Outbox throughput between two local installations (issue 14, R24): not a
//! test, a measurement. Two whole installations (store, key file, HTTP
//! server) on loopback; installation A proposes transfers of people who
//! consented, its pusher delivers them to B over HTTP, B accepts each into
//! a case, and B's pusher returns the answers. Prints a markdown table.
//!
//!     cargo run --release -p haven --example bench_exchange            # SQLite, 200 transfers
//!     BENCH_TRANSFERS=500 HAVEN_TEST_BACKEND=postgres cargo run --release -p haven --example bench_exchange
//!
//! The pusher here is the server's own (`exchange_push_due`), called in a
//! loop instead of on its 5 s timer, so the figures are the work, not the wait.

use std::time::{Duration, Instant};

use haven_store::{testdb, Backend, Store, StoreConfig};
use serde_json::{json, Value};

struct Node {
    _dir: tempfile::TempDir,
    store: Store,
    url: String,
    token: String,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

async fn node(name: &str) -> anyhow::Result<Node> {
    let dir = tempfile::tempdir()?;
    let database_url = match testdb::backend_under_test() {
        Backend::Postgres => Some(testdb::fresh_postgres_url().await?),
        Backend::Sqlite => None,
    };
    let store = Store::open(StoreConfig {
        data_dir: dir.path().join("data"),
        database_url,
        master_key_file: None,
        create_key: true,
    })
    .await?;
    store.bootstrap().await?;
    let org = store.org_by_name("Local organisation").await?;
    store
        .create_user(
            &haven_core::access::OrgAdmin::key_holder(org),
            "sup",
            haven_core::access::Role::Supervisor,
            "a-long-bench-password",
            false,
        )
        .await?;
    let (_, token) = store.create_confirmed_token("sup").await?;
    let app = haven_web::app(store.clone(), haven_web::WebConfig::new(false, true));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(haven_web::serve(listener, app, async move {
        let _ = rx.await;
    }));
    store.set_node_address(Some(name), &url).await?;
    Ok(Node { _dir: dir, store, url, token, _shutdown: tx })
}

async fn post(client: &reqwest::Client, n: &Node, path: &str, body: Value) -> anyhow::Result<Value> {
    let res = client.post(format!("{}{path}", n.url)).bearer_auth(&n.token).json(&body).send().await?;
    let status = res.status();
    let v: Value = res.json().await?;
    anyhow::ensure!(status.is_success(), "{path}: {status} {v}");
    Ok(v)
}

fn id(v: &Value, key: &str) -> anyhow::Result<String> {
    v[key].as_str().map(str::to_owned).ok_or_else(|| anyhow::anyhow!("no {key} in {v}"))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// Pushes until nothing more is delivered; returns how many left.
async fn drain(store: &Store, client: &reqwest::Client) -> usize {
    let mut total = 0;
    loop {
        let n = haven_web::exchange_push_due(store, client).await;
        if n == 0 {
            return total;
        }
        total += n;
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let transfers: usize = std::env::var("BENCH_TRANSFERS").ok().and_then(|s| s.parse().ok()).unwrap_or(200);
    let backend = match testdb::backend_under_test() {
        Backend::Postgres => "PostgreSQL",
        Backend::Sqlite => "SQLite",
    };
    let a = node("Bangkok node").await?;
    let b = node("Hanoi node").await?;
    let card_a = a.store.node_card("Bangkok node", &a.url, "2026-11-30T00:00:00Z").await?;
    let card_b = b.store.node_card("Hanoi node", &b.url, "2026-11-30T00:00:00Z").await?;
    a.store.add_partner(&card_b.to_bytes(), &b.store.node_keys().public().fingerprint().to_string()).await?;
    b.store.add_partner(&card_a.to_bytes(), &a.store.node_keys().public().fingerprint().to_string()).await?;
    let partners = a.store.partners().await?;
    let b_org = partners
        .first()
        .and_then(|p| p.organisations.first())
        .map(|(o, _)| o.to_string())
        .ok_or_else(|| anyhow::anyhow!("the partner has no organisation"))?;
    let client = reqwest::Client::new();

    // People who consented to the transfer: set-up, not measured.
    let mut ready = Vec::with_capacity(transfers);
    for i in 0..transfers {
        let p = post(
            &client,
            &a,
            "/api/v1/persons",
            json!({"full_name": format!("Nguyễn Thị Lan {i}"), "estimated_age": 24, "sex": "female",
                   "nationalities": ["VNM"], "languages": ["vi"], "contact": "+84 91 234 5678",
                   "notes": "Recruited through a typing-job advert; held in a compound near the border for eight months."}),
        )
        .await?;
        let person = id(&p, "id")?;
        let c = post(
            &client,
            &a,
            &format!("/api/v1/persons/{person}/consents"),
            json!({"purpose": "cross_border_transfer", "recipient_org_id": b_org,
                   "categories": ["identity", "contact_location", "narrative"], "expires_on": "2030-01-01", "language": "vi"}),
        )
        .await?;
        ready.push((person, id(&c, "id")?));
    }

    // 1. Propose: read and check the consent, open the person with exactly
    //    its categories, build, sign and seal the package, write the outbox
    //    row and the audit event, in one transaction (plus HTTP).
    let mut propose = Vec::with_capacity(transfers);
    let mut ids = Vec::with_capacity(transfers);
    for (person, consent) in &ready {
        let t = Instant::now();
        let v = post(
            &client,
            &a,
            &format!("/api/v1/persons/{person}/transfers"),
            json!({"recipient_org_id": b_org, "consent_id": consent, "purpose": "return_reintegration"}),
        )
        .await?;
        propose.push(t.elapsed());
        ids.push(id(&v, "id")?);
    }
    let package_bytes: usize =
        a.store.outbox(i64::try_from(transfers)?).await?.iter().map(|o| o.bytes.len()).sum::<usize>()
            / transfers.max(1);

    // 2. Deliver: A's pusher posts each package; B authenticates, decrypts,
    //    checks the window, stores the payload under a key of its own and
    //    answers with a signed receipt, which A records.
    let t = Instant::now();
    let delivered = drain(&a.store, &client).await;
    let deliver = t.elapsed();
    anyhow::ensure!(delivered == transfers, "delivered {delivered} of {transfers}");

    // 3. Accept each at B: a person and a case from what arrived.
    let mut accept = Vec::with_capacity(transfers);
    for tid in &ids {
        let t = Instant::now();
        post(&client, &b, &format!("/api/v1/transfers/{tid}/accept"), json!({})).await?;
        accept.push(t.elapsed());
    }

    // 4. Answers back: B's pusher returns the signed accepts.
    let t = Instant::now();
    let answered = drain(&b.store, &client).await;
    let answer = t.elapsed();
    anyhow::ensure!(answered == transfers, "answered {answered} of {transfers}");

    let per_s = |n: usize, d: Duration| n as f64 / d.as_secs_f64().max(1e-9);
    println!("| backend | transfers | package bytes (mean) | propose (median) | deliver, A → B | accept (median) | answers, B → A |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {backend} | {transfers} | {package_bytes} | {:.1} ms | {:.0} /s ({:.2} s) | {:.1} ms | {:.0} /s ({:.2} s) |",
        median(propose).as_secs_f64() * 1000.0,
        per_s(delivered, deliver),
        deliver.as_secs_f64(),
        median(accept).as_secs_f64() * 1000.0,
        per_s(answered, answer),
        answer.as_secs_f64(),
    );
    Ok(())
}
