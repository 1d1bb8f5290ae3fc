//! Online backup and restore.
//!
//! A backup is always a SQLite database file: SQLite copies itself with
//! `VACUUM INTO` (a consistent snapshot while the server runs); PostgreSQL is
//! exported table by table inside one REPEATABLE READ transaction. So any
//! backup restores into a data directory, which also gives a path from
//! PostgreSQL back to the embedded engine.
//!
//! A backup holds only sealed fields and wrapped keys. The master key is not
//! in it, and restore re-applies the erasure ledger that lives beside the
//! key, so a backup taken before an erasure cannot bring the person back.

use std::path::Path;

use haven_core::audit::{Action, RecordKind};
use sqlx::{Any, Connection, Executor, Row};

use crate::audit::Context;
use crate::{Backend, Result, Store, StoreConfig, StoreError};

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Int,
    Blob,
}

/// Every table, parents before children. Columns are not listed: the
/// PostgreSQL export reads them from the live schema, so a column added by a
/// migration can never silently stay out of backups. A test holds this list
/// equal to the live schema's tables.
pub const TABLES: &[&str] = &[
    "meta",
    "organisations",
    "users",
    "sessions",
    "api_tokens",
    "login_throttle",
    "persons",
    "person_keys",
    "person_name_index",
    "person_history",
    "person_merges",
    "cases",
    "case_notes",
    "audit_events",
    "audit_head",
    "audit_checkpoints",
    "erasures",
    "consents",
    "consent_overrides",
    "access_grants",
    "inbox_documents",
    "screenings",
    "decisions",
    "screening_facts",
    "penalties",
    "protection_records",
    "services",
    "referrals",
    "referral_events",
    // Copied verbatim, sealed, like every other table: a backup is not a report.
    "cooperation_records",
    "ad_reviews",
    "recovery_codes",
    "partners",
    "partner_orgs",
    "transfers",
    "transfer_events",
    "transfer_follow_ups",
    "exchange_outbox",
    "exchange_receipts",
    "tracing_requests",
    "tracing_inbound",
    "witnessed_logs",
    "audit_cosignatures",
    "notifications",
];

/// The live columns of a PostgreSQL table with how to copy them.
async fn pg_columns(conn: &mut sqlx::AnyConnection, table: &str) -> Result<Vec<(String, Kind)>> {
    let rows = sqlx::query(
        "SELECT CAST(column_name AS TEXT) AS column_name, CAST(data_type AS TEXT) AS data_type FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let name: String = r.try_get("column_name")?;
        let kind = match r.try_get::<String, _>("data_type")?.as_str() {
            "bytea" => Kind::Blob,
            "bigint" | "integer" | "smallint" => Kind::Int,
            _ => Kind::Text,
        };
        out.push((name, kind));
    }
    if out.is_empty() {
        return Err(StoreError::Config(format!("table {table} is missing from the database")));
    }
    Ok(out)
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

impl Store {
    /// Writes a consistent backup to `out`, which must not exist.
    /// `progress(done, total)` is called as tables are copied.
    pub async fn backup(&self, out: &Path, mut progress: impl FnMut(u64, u64)) -> Result<u64> {
        if out.exists() {
            return Err(StoreError::Config(format!("{} exists; refusing to overwrite", out.display())));
        }
        // Created empty, readable by its owner only, before a byte of data
        // is in it (SQLite writes into an empty file as into a new one), and
        // never through an existing file or link someone else placed there.
        {
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            opts.open(out)?;
        }
        match self.backup_into(out, &mut progress).await {
            Ok(n) => Ok(n),
            Err(e) => {
                // A failed backup leaves no file that looks like one.
                let _ = std::fs::remove_file(out);
                Err(e)
            }
        }
    }

    async fn backup_into(&self, out: &Path, mut progress: impl FnMut(u64, u64)) -> Result<u64> {
        let ctx = Context { actor: "system", purpose: "backup", request_id: "cli" };
        // Recorded before the copy so the backup contains its own event.
        self.record_event(&ctx, Action::Backup, RecordKind::System, "", "ok").await?;
        let copied = match self.backend() {
            Backend::Sqlite => {
                progress(0, 1);
                let target = out.display().to_string().replace('\'', "''");
                sqlx::query(&format!("VACUUM INTO '{target}'")).execute(self.pool()).await?;
                progress(1, 1);
                1
            }
            Backend::Postgres => self.export_postgres(out, &mut progress).await?,
        };
        restrict_file(out);
        Ok(copied)
    }

    async fn export_postgres(&self, out: &Path, progress: &mut impl FnMut(u64, u64)) -> Result<u64> {
        let mut src = self.pool().acquire().await?;
        src.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").await?;
        let mut total = 0u64;
        let mut columns = Vec::with_capacity(TABLES.len());
        for table in TABLES {
            let n: i64 =
                sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}")).fetch_one(&mut *src).await?.try_get("n")?;
            total += n as u64;
            columns.push(pg_columns(&mut src, table).await?);
        }
        let mut dst = sqlx::AnyConnection::connect(&sqlite_url(out)).await?;
        Backend::Sqlite.prepare_connection(&mut dst).await?;
        Backend::sqlite_migrator().run(&mut dst).await?;
        let mut done = 0u64;
        let mut tx = dst.begin().await?;
        for (table, cols) in TABLES.iter().zip(&columns) {
            tx.execute(format!("DELETE FROM {table}").as_str()).await?;
            let names = cols.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>().join(", ");
            let params = (1..=cols.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
            let insert = format!("INSERT INTO {table} ({names}) VALUES ({params})");
            let rows = sqlx::query(&format!("SELECT {names} FROM {table}")).fetch_all(&mut *src).await?;
            for row in rows {
                let mut q = sqlx::query::<Any>(&insert);
                for (c, kind) in cols.iter() {
                    q = match kind {
                        Kind::Text => q.bind(row.try_get::<Option<String>, _>(c.as_str())?),
                        Kind::Int => q.bind(row.try_get::<Option<i64>, _>(c.as_str())?),
                        Kind::Blob => q.bind(row.try_get::<Option<Vec<u8>>, _>(c.as_str())?),
                    };
                }
                q.execute(&mut *tx).await?;
                done += 1;
                if done.is_multiple_of(1000) {
                    progress(done, total);
                }
            }
        }
        tx.commit().await?;
        src.execute("COMMIT").await?;
        dst.close().await?;
        progress(done, total);
        Ok(done)
    }
}

/// Restores a backup into an empty data directory.
///
/// `master_key_file` is the current key file. It is copied into the new
/// directory; its tree no longer derives the key of anyone erased since the
/// backup was taken, and every erasure in its record is applied again to the
/// restored rows before the store is handed back (R28).
pub async fn restore(from: &Path, data_dir: &Path, master_key_file: &Path) -> Result<Store> {
    if data_dir.exists() && std::fs::read_dir(data_dir)?.next().is_some() {
        return Err(StoreError::Config(format!("{} is not empty", data_dir.display())));
    }
    let mut header = [0u8; 16];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(from)?;
        f.read_exact(&mut header).map_err(|_| StoreError::Config("not a haven backup".into()))?;
    }
    if &header != b"SQLite format 3\0" {
        return Err(StoreError::Config("not a haven backup".into()));
    }
    // The key file must be whole before anything is copied: a file whose
    // MAC fails (an edited erasure record) is refused here.
    crate::keyfile::KeyFile::load(master_key_file)?;
    std::fs::create_dir_all(data_dir)?;
    let config = StoreConfig::new(data_dir);
    std::fs::copy(master_key_file, config.key_path())?;
    restrict_file(&config.key_path());
    // A version 1 key file still has its ledger beside it; conversion on
    // open folds it in.
    let legacy = crate::keyfile::legacy_ledger_path(master_key_file);
    if legacy.exists() {
        std::fs::copy(&legacy, config.legacy_ledger_path())?;
    }
    std::fs::copy(from, config.sqlite_path())?;
    restrict_file(&config.sqlite_path());
    // Opening checks the key and re-applies the ledger.
    let store = Store::open(config).await?;
    sqlx::query("VACUUM").execute(store.pool()).await?;
    let ctx = Context { actor: "system", purpose: "restore", request_id: "cli" };
    store.record_event(&ctx, Action::Restore, RecordKind::System, "", "ok").await?;
    Ok(store)
}

fn restrict_file(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
}
