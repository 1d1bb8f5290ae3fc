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
use crate::persons::read_ledger;
use crate::{Backend, Result, Store, StoreConfig, StoreError};

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Int,
    Blob,
}
use Kind::{Blob, Int, Text};

/// Every table, parents before children, with its columns.
const TABLES: &[(&str, &[(&str, Kind)])] = &[
    ("meta", &[("key", Text), ("value", Text)]),
    (
        "organisations",
        &[
            ("id", Text),
            ("name", Text),
            ("kind", Text),
            ("country", Text),
            ("created_at", Int),
            ("languages", Text),
            ("caseworkers_see_all", Int),
        ],
    ),
    (
        "users",
        &[
            ("id", Text),
            ("org_id", Text),
            ("username", Text),
            ("role", Text),
            ("password_hash", Text),
            ("must_change_password", Int),
            ("failed_logins", Int),
            ("locked_until", Int),
            ("disabled", Int),
            ("created_at", Int),
            ("totp_secret", Blob),
            ("totp_enabled", Int),
            ("totp_last_step", Int),
        ],
    ),
    (
        "sessions",
        &[
            ("id_hash", Text),
            ("user_id", Text),
            ("csrf", Text),
            ("created_at", Int),
            ("last_seen", Int),
            ("mfa_ok", Int),
        ],
    ),
    ("api_tokens", &[("id", Text), ("user_id", Text), ("token_hash", Text), ("created_at", Int), ("revoked_at", Int)]),
    (
        "persons",
        &[
            ("id", Text),
            ("org_id", Text),
            ("location", Text),
            ("created_at", Int),
            ("updated_at", Int),
            ("erased_at", Int),
            ("full_name", Blob),
            ("other_names", Blob),
            ("latin_name", Blob),
            ("sex", Blob),
            ("birth", Blob),
            ("nationalities", Blob),
            ("languages", Blob),
            ("contact", Blob),
            ("notes", Blob),
            ("created_by", Text),
        ],
    ),
    ("person_keys", &[("person_id", Text), ("wrapped", Blob)]),
    ("person_name_index", &[("token", Text), ("person_id", Text)]),
    (
        "cases",
        &[
            ("id", Text),
            ("person_id", Text),
            ("org_id", Text),
            ("status", Text),
            ("opened_on", Text),
            ("closed_on", Text),
            ("assigned_to", Text),
            ("created_at", Int),
            ("updated_at", Int),
        ],
    ),
    ("case_notes", &[("id", Text), ("case_id", Text), ("author_id", Text), ("created_at", Int), ("body", Blob)]),
    (
        "audit_events",
        &[
            ("seq", Int),
            ("at_ms", Int),
            ("actor", Text),
            ("action", Text),
            ("record_kind", Text),
            ("record_id", Text),
            ("purpose", Text),
            ("request_id", Text),
            ("outcome", Text),
            ("prev_hash", Text),
            ("hash", Text),
        ],
    ),
    ("audit_head", &[("id", Int), ("seq", Int), ("hash", Text), ("signature", Text)]),
    ("audit_checkpoints", &[("seq", Int), ("hash", Text), ("at_ms", Int), ("signature", Text)]),
    ("erasures", &[("person_id", Text), ("erased_at", Int)]),
    (
        "consents",
        &[
            ("id", Text),
            ("person_id", Text),
            ("org_id", Text),
            ("purpose", Text),
            ("recipient_org_id", Text),
            ("categories", Text),
            ("expires_on", Text),
            ("explained_by", Text),
            ("language", Text),
            ("interpreter", Blob),
            ("recorded_at", Int),
            ("withdrawn_at", Int),
            ("withdrawn_by", Text),
        ],
    ),
    (
        "consent_overrides",
        &[
            ("id", Text),
            ("person_id", Text),
            ("org_id", Text),
            ("purpose", Text),
            ("recipient_org_id", Text),
            ("categories", Text),
            ("reason", Blob),
            ("created_by", Text),
            ("created_at", Int),
            ("reviewed_by", Text),
            ("reviewed_at", Int),
        ],
    ),
    (
        "access_grants",
        &[
            ("id", Text),
            ("person_id", Text),
            ("org_id", Text),
            ("user_id", Text),
            ("reason", Blob),
            ("created_at", Int),
            ("expires_at", Int),
            ("reviewed_by", Text),
            ("reviewed_at", Int),
        ],
    ),
    (
        "screenings",
        &[
            ("id", Text),
            ("person_id", Text),
            ("org_id", Text),
            ("instrument_id", Text),
            ("instrument_version", Text),
            ("instrument_hash", Text),
            ("interviewer_id", Text),
            ("survivor_language", Text),
            ("interpreter", Blob),
            ("status", Text),
            ("answers", Blob),
            ("outcome", Text),
            ("started_at", Int),
            ("updated_at", Int),
            ("completed_at", Int),
        ],
    ),
    (
        "decisions",
        &[
            ("id", Text),
            ("screening_id", Text),
            ("person_id", Text),
            ("org_id", Text),
            ("conclusion", Text),
            ("reasons", Blob),
            ("decided_by", Text),
            ("decided_at", Int),
            ("supersedes", Text),
        ],
    ),
    (
        "screening_facts",
        &[("screening_id", Text), ("person_id", Text), ("org_id", Text), ("kind", Text), ("token", Text)],
    ),
    (
        "penalties",
        &[
            ("id", Text),
            ("person_id", Text),
            ("org_id", Text),
            ("kind", Text),
            ("country", Text),
            ("imposed_on", Text),
            ("offence", Blob),
            ("consequence", Int),
            ("expungement", Text),
            ("created_at", Int),
            ("updated_at", Int),
        ],
    ),
    (
        "services",
        &[
            ("id", Text),
            ("added_by_org", Text),
            ("provider", Text),
            ("name", Text),
            ("service_type", Text),
            ("languages", Text),
            ("country", Text),
            ("location", Text),
            ("sex", Text),
            ("min_age", Int),
            ("max_age", Int),
            ("capacity", Int),
            ("contact", Text),
            ("created_at", Int),
        ],
    ),
    (
        "protection_records",
        &[
            ("id", Text),
            ("person_id", Text),
            ("org_id", Text),
            ("kind", Text),
            ("status", Text),
            ("body", Blob),
            ("made_on", Text),
            ("due_dates", Text),
            ("created_by", Text),
            ("created_at", Int),
        ],
    ),
    (
        "inbox_documents",
        &[
            ("id", Text),
            ("recipient_org_id", Text),
            ("consent_id", Text),
            ("kind", Text),
            ("created_at", Int),
            ("content", Blob),
            ("person_id", Text),
        ],
    ),
    (
        "referrals",
        &[
            ("id", Text),
            ("person_id", Text),
            ("from_org_id", Text),
            ("to_org_id", Text),
            ("service_type", Text),
            ("status", Text),
            ("consent_id", Text),
            ("note", Blob),
            ("response", Blob),
            ("sent_on", Text),
            ("due_on", Text),
            ("created_by", Text),
            ("created_at", Int),
            ("updated_at", Int),
            ("handled_by", Text),
        ],
    ),
    ("referral_events", &[("referral_id", Text), ("status", Text), ("org_id", Text), ("at", Int)]),
    // Copied verbatim, sealed, like every other table: a backup is not a report.
    (
        "cooperation_records",
        &[
            ("id", Text),
            ("person_id", Text),
            ("org_id", Text),
            ("body", Blob),
            ("recorded_by", Text),
            ("recorded_at", Int),
        ],
    ),
];

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
        for (table, _) in TABLES {
            let n: i64 =
                sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}")).fetch_one(&mut *src).await?.try_get("n")?;
            total += n as u64;
        }
        let mut dst = sqlx::AnyConnection::connect(&sqlite_url(out)).await?;
        Backend::Sqlite.prepare_connection(&mut dst).await?;
        Backend::sqlite_migrator().run(&mut dst).await?;
        let mut done = 0u64;
        let mut tx = dst.begin().await?;
        for (table, cols) in TABLES {
            tx.execute(format!("DELETE FROM {table}").as_str()).await?;
            let names = cols.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ");
            let params = (1..=cols.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
            let insert = format!("INSERT INTO {table} ({names}) VALUES ({params})");
            let rows = sqlx::query(&format!("SELECT {names} FROM {table}")).fetch_all(&mut *src).await?;
            for row in rows {
                let mut q = sqlx::query::<Any>(&insert);
                for (c, kind) in cols.iter() {
                    q = match kind {
                        Text => q.bind(row.try_get::<Option<String>, _>(*c)?),
                        Int => q.bind(row.try_get::<Option<i64>, _>(*c)?),
                        Blob => q.bind(row.try_get::<Option<Vec<u8>>, _>(*c)?),
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
/// `master_key_file` is the key the backup was made under. It is copied into
/// the new directory together with its erasure ledger, and every erasure in
/// the ledger is applied again before the store is handed back.
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
    std::fs::create_dir_all(data_dir)?;
    let config = StoreConfig::new(data_dir);
    std::fs::copy(master_key_file, config.key_path())?;
    restrict_file(&config.key_path());
    let source_config =
        StoreConfig { master_key_file: Some(master_key_file.to_path_buf()), ..StoreConfig::new(data_dir) };
    let ledger = read_ledger(&source_config.ledger_path())?;
    if !ledger.is_empty() {
        let lines: String = ledger.iter().map(|id| format!("{id} 0\n")).collect();
        std::fs::write(config.ledger_path(), lines)?;
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
