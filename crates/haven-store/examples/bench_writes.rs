//! What `PRAGMA synchronous = FULL` costs on SQLite: person creations, each
//! its own transaction with its audit event, one writer and eight. Prints a
//! Markdown table for docs/benchmarks.md. Not a test.
//!
//!     cargo run --release -p haven-store --example bench_writes [-- COUNT]

// A measurement script, not server code: a failure should stop it loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::time::Instant;

use haven_core::access::{authorize, Permission, Purpose, Role};
use haven_core::person::{PersonInput, PersonRecord};
use haven_store::{Store, StoreConfig};

async fn open(dir: &std::path::Path, synchronous: &str) -> Store {
    let mut config = StoreConfig::new(dir);
    config.create_key = true;
    let store = Store::open(config).await.expect("open");
    // The server always runs FULL; for the comparison, switch every pooled
    // connection to the mode under test.
    let mut held = Vec::new();
    for _ in 0..8 {
        let mut c = store.pool().acquire().await.expect("connection");
        sqlx::query(&format!("PRAGMA synchronous = {synchronous}")).execute(&mut *c).await.expect("pragma");
        held.push(c);
    }
    drop(held);
    store
}

async fn run(synchronous: &str, count: usize, writers: usize) -> f64 {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path(), synchronous).await;
    store.bootstrap().await.expect("bootstrap");
    let org = store.org_by_name("Local organisation").await.expect("org");
    store
        .create_user(
            &haven_core::access::OrgAdmin::key_holder(org),
            "bench.writer",
            Role::Supervisor,
            "a-long-bench-password",
            false,
        )
        .await
        .expect("user");
    let actor = store.user_by_username("bench.writer").await.expect("user").actor();
    let today = time::OffsetDateTime::now_utc().date();
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..writers {
        let (store, actor) = (store.clone(), actor.clone());
        tasks.spawn(async move {
            let scope = authorize(&actor, Permission::WritePerson, Purpose::case_management(), "bench").expect("scope");
            for i in 0..count / writers {
                let input = PersonInput { full_name: format!("Bench Person {w} {i}"), ..Default::default() };
                let record = PersonRecord::parse(&input, today).expect("record");
                store.create_person(&scope, &record).await.expect("create");
            }
        });
    }
    while tasks.join_next().await.is_some() {}
    let secs = start.elapsed().as_secs_f64();
    store.close().await;
    (count as f64) / secs
}

#[tokio::main]
async fn main() {
    let count: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(400);
    println!("| synchronous | writers | creations | creations/s |");
    println!("|---|---|---|---|");
    for writers in [1, 8] {
        for mode in ["NORMAL", "FULL"] {
            let rate = run(mode, count, writers).await;
            println!("| {mode} | {writers} | {count} | {rate:.0} |");
        }
    }
}
