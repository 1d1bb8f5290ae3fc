//! Persistence checks itself (issue 12): the SQLite and PostgreSQL
//! migrations build the same schema. Both engines are opened in every run
//! (PostgreSQL is running wherever the suite runs), so a column added to one
//! engine's migrations only fails here, not months later on a large
//! installation.

use std::collections::BTreeSet;

use haven_store::{Store, StoreConfig};
use sqlx::Row;

/// A column's type as both engines spell it, reduced to what matters.
fn kind(decl: &str) -> &'static str {
    match decl.to_ascii_lowercase().as_str() {
        "text" | "character varying" | "varchar" => "text",
        "bigint" | "integer" | "int" | "smallint" | "int8" | "int4" => "integer",
        "blob" | "bytea" => "bytes",
        "real" | "double precision" | "double" | "float" => "float",
        "boolean" | "bool" => "boolean",
        _ => "other",
    }
}

type Schema = (BTreeSet<(String, String, &'static str)>, BTreeSet<(String, String)>);

async fn sqlite_schema() -> Schema {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(StoreConfig {
        data_dir: dir.path().join("data"),
        database_url: None,
        master_key_file: None,
        create_key: true,
    })
    .await
    .unwrap();
    let pool = store.pool();
    let tables: Vec<String> = sqlx::query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get::<String, _>("name"))
    .collect();
    let mut columns = BTreeSet::new();
    for t in &tables {
        for r in sqlx::query(&format!("SELECT name, type FROM pragma_table_info('{t}')")).fetch_all(pool).await.unwrap()
        {
            let ty: String = r.get("type");
            columns.insert((t.clone(), r.get::<String, _>("name"), kind(&ty)));
        }
    }
    let indexes = sqlx::query(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get::<String, _>("tbl_name"), r.get::<String, _>("name")))
    .collect();
    store.close().await;
    (columns, indexes)
}

async fn postgres_schema() -> Schema {
    let dir = tempfile::tempdir().unwrap();
    let url = haven_store::testdb::fresh_postgres_url().await.unwrap();
    let store = Store::open(StoreConfig {
        data_dir: dir.path().join("data"),
        database_url: Some(url),
        master_key_file: None,
        create_key: true,
    })
    .await
    .unwrap();
    let pool = store.pool();
    let columns = sqlx::query(
        "SELECT CAST(table_name AS TEXT) AS t, CAST(column_name AS TEXT) AS c, CAST(data_type AS TEXT) AS ty \
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    .iter()
    .map(|r| {
        let ty: String = r.get("ty");
        (r.get::<String, _>("t"), r.get::<String, _>("c"), kind(&ty))
    })
    .collect();
    // Primary keys and UNIQUE constraints make indexes of their own in
    // PostgreSQL; SQLite's equivalents are its automatic indexes.
    let indexes = sqlx::query(
        "SELECT CAST(tablename AS TEXT) AS t, CAST(indexname AS TEXT) AS i FROM pg_indexes \
         WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key' \
         AND tablename NOT LIKE '_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get::<String, _>("t"), r.get::<String, _>("i")))
    .collect();
    store.close().await;
    (columns, indexes)
}

#[tokio::test]
async fn the_sqlite_and_postgresql_migrations_build_the_same_tables_columns_types_and_indexes() {
    let (lite_cols, lite_idx) = sqlite_schema().await;
    let (pg_cols, pg_idx) = postgres_schema().await;
    assert!(lite_cols.len() > 100, "the schema was read: {}", lite_cols.len());
    let only_lite: Vec<_> = lite_cols.difference(&pg_cols).collect();
    let only_pg: Vec<_> = pg_cols.difference(&lite_cols).collect();
    assert!(
        only_lite.is_empty() && only_pg.is_empty(),
        "only in SQLite: {only_lite:?}\nonly in PostgreSQL: {only_pg:?}"
    );
    let only_lite: Vec<_> = lite_idx.difference(&pg_idx).collect();
    let only_pg: Vec<_> = pg_idx.difference(&lite_idx).collect();
    assert!(
        only_lite.is_empty() && only_pg.is_empty(),
        "indexes only in SQLite: {only_lite:?}\nonly in PostgreSQL: {only_pg:?}"
    );
}

/// Every table of a backup file except the audit log's, each row as text,
/// sorted: the content, whatever order the engine returns it in.
async fn backup_content(path: &std::path::Path) -> Vec<(String, Vec<String>)> {
    use sqlx::Connection;
    let mut conn = sqlx::AnyConnection::connect(&format!("sqlite://{}?mode=ro", path.display())).await.unwrap();
    let mut out = Vec::new();
    // The audit tables record the backup and the restore themselves.
    for table in haven_store::backup::TABLES.iter().filter(|t| !t.starts_with("audit_")) {
        let cols: Vec<String> = sqlx::query(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .fetch_all(&mut conn)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>("name"))
            .collect();
        let expr = cols.iter().map(|c| format!("quote({c})")).collect::<Vec<_>>().join(" || ',' || ");
        let mut rows: Vec<String> = sqlx::query(&format!("SELECT {expr} AS r FROM {table}"))
            .fetch_all(&mut conn)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>("r"))
            .collect();
        rows.sort();
        out.push((table.to_string(), rows));
    }
    out
}

#[tokio::test]
async fn a_backup_restored_and_backed_up_again_has_the_same_content() {
    use crate::helpers::TestApp;
    let app = TestApp::spawn().await;
    let pid = app.create_person(serde_json::json!({"full_name": "Round Trip Person", "contact": "+66 1"})).await;
    let sid = app.start_screening(&pid, "th").await;
    app.answer_reasonable_grounds(&sid).await;
    app.post(&format!("/api/v1/screenings/{sid}/complete")).send().await.unwrap();
    let erased = app.create_named("Erased Round Trip").await;
    app.post(&format!("/api/v1/persons/{erased}/erase")).send().await.unwrap();
    let b1 = app.dir.path().join("b1.db");
    app.store.backup(&b1, |_, _| {}).await.unwrap();
    let dir2 = app.dir.path().join("restored");
    let restored = haven_store::backup::restore(&b1, &dir2, &app.data_dir().join("master.key")).await.unwrap();
    let b2 = app.dir.path().join("b2.db");
    restored.backup(&b2, |_, _| {}).await.unwrap();
    restored.close().await;
    let (one, two) = (backup_content(&b1).await, backup_content(&b2).await);
    let counts: Vec<(&str, usize)> = one.iter().map(|(t, r)| (t.as_str(), r.len())).collect();
    for table in ["persons", "person_keys", "screenings", "users", "erasures", "person_name_index"] {
        assert!(counts.iter().any(|(t, n)| *t == table && *n > 0), "the backup has {table}: {counts:?}");
    }
    for ((table, a), (_, b)) in one.iter().zip(&two) {
        assert_eq!(a, b, "table {table} differs after backup → restore → backup");
    }
}
