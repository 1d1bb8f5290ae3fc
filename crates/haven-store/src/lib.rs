//! haven's persistence layer.
//!
//! One [`Store`] serves SQLite (the embedded default) and PostgreSQL through
//! sqlx's `Any` driver. The SQL is portable (`$n` placeholders, no dialect
//! features); each backend has its own migrations and its own backup and
//! connection set-up in [`backend`].
//!
//! Three invariants hold for every method here:
//! - a write and its audit event commit in one transaction, or neither does;
//! - every read of a person's data appends an audit event in the same
//!   transaction as the read;
//! - identifying and narrative fields are sealed before they reach SQL.
//!
//! Every method that touches case data takes a [`haven_core::access::Scope`],
//! which only the core's policy can create; queries are restricted to the
//! scope's organisation.

pub mod access;
pub mod ads;
pub mod audit;
pub mod auth;
pub mod backend;
pub mod backup;
pub mod cases;
pub mod cooperation;
pub mod crypto;
pub mod exchange;
pub mod htcds;
pub mod integrity;
pub mod keyfile;
pub mod merges;
pub mod notifications;
pub mod persons;
pub mod protection;
mod reach;
pub mod referrals;
pub mod remedies;
pub mod screenings;
pub mod services;
pub mod statistics;
pub mod tracing;
pub mod witness;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use haven_core::audit::ChainBreak;
use haven_core::ValidationError;
use sqlx::any::AnyPoolOptions;
use sqlx::{Any, AnyPool, Row, Transaction};

pub use backend::Backend;
use crypto::Keys;
use keyfile::KeyFile;

/// Errors of the storage layer. Messages never include personal data.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("this person's record has been erased")]
    Erased,
    #[error("not permitted")]
    Denied,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("decryption failed: wrong master key or tampered data")]
    Crypto,
    #[error("the master key does not match this database")]
    KeyMismatch,
    #[error("io error: {0}")]
    Io(#[from] std::io::Error),
    #[error("audit chain broken: {0}")]
    AuditBroken(ChainBreak),
    #[error("audit log unavailable: {0}")]
    Audit(String),
    #[error("audit signature invalid at event {0}")]
    AuditSignature(i64),
    #[error("configuration: {0}")]
    Config(String),
    /// A row's authorisation columns failed their keyed MAC: the database
    /// was edited without the master key. An alarm has been recorded.
    #[error("integrity check failed in {0}: the database was changed outside haven")]
    Integrity(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Where the data lives.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    pub data_dir: PathBuf,
    /// `postgres://…` for PostgreSQL; `None` means SQLite at `data_dir/haven.db`.
    pub database_url: Option<String>,
    /// Defaults to `data_dir/master.key`.
    pub master_key_file: Option<PathBuf>,
    /// Create the master key if neither it nor a database exists yet.
    pub create_key: bool,
}

impl StoreConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self { data_dir: data_dir.into(), database_url: None, master_key_file: None, create_key: false }
    }

    pub fn key_path(&self) -> PathBuf {
        self.master_key_file.clone().unwrap_or_else(|| self.data_dir.join("master.key"))
    }

    /// Where version 1 kept its erasure ledger, beside the key; version 2
    /// keeps the record inside the key file and folds this in on conversion.
    pub fn legacy_ledger_path(&self) -> PathBuf {
        keyfile::legacy_ledger_path(&self.key_path())
    }

    pub fn sqlite_path(&self) -> PathBuf {
        self.data_dir.join("haven.db")
    }

    pub fn backend(&self) -> Backend {
        match &self.database_url {
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }
}

/// The store. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    keys: Arc<Keys>,
    config: Arc<StoreConfig>,
    /// SQLite allows one writer; queueing writers here (FIFO) instead of in
    /// SQLite's busy handler, which sleeps and polls, keeps the latency tail short.
    write_lock: Option<Arc<tokio::sync::Mutex<()>>>,
    /// The group-commit queue for read audit events (see `audit::AuditSink`).
    /// `None` in the writer task's own copy of the store.
    audit_sink: Option<tokio::sync::mpsc::Sender<audit::Pending>>,
    /// When a package refused before its sender was authenticated was last
    /// audited (see `exchange::Store::receive_package`).
    pub(crate) unauthenticated_refusal_at: Arc<std::sync::atomic::AtomicI64>,
    /// Bearer tokens' checked owners, kept for a moment (see `auth::TokenCache`).
    pub(crate) token_cache: Arc<auth::TokenCache>,
}

/// A write transaction that already holds the audit chain's lock (and, on
/// SQLite, the in-process writer lock). Derefs to the connection, so
/// `&mut *tx` is an executor.
pub(crate) struct WriteTx {
    tx: Transaction<'static, Any>,
    _guard: Option<tokio::sync::OwnedMutexGuard<()>>,
    /// Cleared once this transaction commits: any write may have revoked a
    /// token or changed its owner, and listing which ones do would be a
    /// list to forget to update. `None` only for the group commit of read
    /// audit events, which changes no one's standing.
    pub(crate) credentials: Option<Arc<auth::TokenCache>>,
}

impl WriteTx {
    pub(crate) async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        if let Some(cache) = &self.credentials {
            cache.forget();
        }
        Ok(())
    }
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

pub(crate) fn now_ms() -> i64 {
    let now = time::OffsetDateTime::now_utc();
    (now.unix_timestamp_nanos() / 1_000_000) as i64
}

pub(crate) fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// The UTC date of a stored millisecond timestamp; the earliest date for
/// one out of range (no row holds one).
pub(crate) fn date_of_ms(ms: i64) -> time::Date {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .map(|t| t.date())
        .unwrap_or(time::Date::MIN)
}

impl Store {
    /// Opens (and if needed creates) the store, runs migrations, checks the
    /// master key against the database and re-applies the erasure ledger.
    pub async fn open(config: StoreConfig) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = config.backend();
        std::fs::create_dir_all(&config.data_dir)?;
        restrict_dir(&config.data_dir);
        let key_path = config.key_path();
        let db_exists = match backend {
            Backend::Sqlite => config.sqlite_path().exists(),
            Backend::Postgres => true,
        };
        let key_file = if key_path.exists() {
            KeyFile::load(&key_path)?
        } else if config.create_key && !(backend == Backend::Sqlite && db_exists) {
            KeyFile::create(&key_path)?
        } else {
            return Err(StoreError::Config(format!(
                "master key not found at {} (set HAVEN_MASTER_KEY_FILE)",
                key_path.display()
            )));
        };
        let keys = Keys::from_file(&key_file, Some(key_path.clone()));
        if backend == Backend::Sqlite && !db_exists {
            create_private_file(&config.sqlite_path())?;
        }

        let url = match backend {
            Backend::Sqlite => format!("sqlite://{}?mode=rwc", config.sqlite_path().display()),
            Backend::Postgres => config.database_url.clone().unwrap_or_default(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(backend.pool_size())
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    backend.prepare_connection(conn).await?;
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        backend.migrate(&pool).await?;

        let write_lock = (backend == Backend::Sqlite).then(|| Arc::new(tokio::sync::Mutex::new(())));
        let mut store = Self {
            pool,
            backend,
            keys: Arc::new(keys),
            config: Arc::new(config),
            write_lock,
            audit_sink: None,
            unauthenticated_refusal_at: Arc::new(std::sync::atomic::AtomicI64::new(0)),
            token_cache: Arc::new(auth::TokenCache::default()),
        };
        store.audit_sink = Some(audit::AuditSink::spawn(store.clone()));
        let fresh = store.check_master_key().await?;
        if key_file.legacy || !key_file.sealed {
            // Erased people go first, so they are not rewrapped under the tree.
            store.reapply_ledger().await?;
            store.convert_to_sealed(&key_path).await?;
        } else if !fresh && store.meta("key_scheme").await?.as_deref() != Some(integrity::KEY_SCHEME) {
            return Err(StoreError::Config(
                "this database was written before key-file version 2, or its key scheme marker was removed: \
                 restore it with the key file from before the upgrade, and haven converts it"
                    .into(),
            ));
        }
        // A trigger or rule could rewrite rows as haven seals them: refuse
        // to run on a database that has one (haven creates none).
        {
            let mut conn = store.pool().acquire().await?;
            store.refuse_rewriting_hooks(&mut conn).await.map_err(|_| {
                StoreError::Config(
                    "the database has triggers or rewrite rules that haven did not create: someone changed its \
                     schema; remove them after finding out who, then start again"
                        .into(),
                )
            })?;
        }
        store.check_erasure_record().await?;
        store.reapply_ledger().await?;
        store.check_audit_anchor().await?;
        if !key_file.bound && !key_file.legacy && key_file.sealed {
            store.bind_rows_once(&key_path).await?;
        }
        store.bind_facts_once().await?;
        store.anchor_at_open().await?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn config(&self) -> &StoreConfig {
        &self.config
    }

    pub(crate) fn keys(&self) -> &Keys {
        &self.keys
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A fresh database records a sealed check value; an existing one must
    /// open it, or the key is wrong and nothing may be written with it.
    /// Returns whether the database was fresh.
    async fn check_master_key(&self) -> Result<bool> {
        let row =
            sqlx::query("SELECT value FROM meta WHERE key = $1").bind("key_check").fetch_optional(&self.pool).await?;
        match row {
            Some(r) => {
                let v: String = r.try_get("value")?;
                let sealed = hex::decode(v).map_err(|_| StoreError::KeyMismatch)?;
                if !self.keys.verify_key_check(&sealed) {
                    return Err(StoreError::KeyMismatch);
                }
                Ok(false)
            }
            None => {
                let sealed = hex::encode(self.keys.key_check()?);
                let pk = hex::encode(self.keys.verifying_key().to_bytes());
                let mut tx = self.pool.begin().await?;
                sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2)")
                    .bind("key_check")
                    .bind(sealed)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2)")
                    .bind("node_public_key")
                    .bind(pk)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2)")
                    .bind("key_scheme")
                    .bind(integrity::KEY_SCHEME)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(true)
            }
        }
    }

    /// Starts a write transaction. The first statement takes the audit head's
    /// row lock: on SQLite that takes the write lock up front (so busy_timeout
    /// applies instead of a failed lock upgrade), on PostgreSQL it serialises
    /// appends to the hash chain.
    pub(crate) async fn begin(&self) -> Result<WriteTx> {
        // Take the in-process lock before a connection, so waiting writers
        // do not hold pool connections that readers need.
        let guard = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1").execute(&mut *tx).await?;
        Ok(WriteTx { tx, _guard: guard, credentials: Some(self.token_cache.clone()) })
    }

    pub async fn meta(&self, key: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT value FROM meta WHERE key = $1").bind(key).fetch_optional(&self.pool).await?;
        Ok(match row {
            Some(r) => Some(r.try_get("value")?),
            None => None,
        })
    }

    /// Refreshes the planner's statistics. Run after a bulk load: without it
    /// PostgreSQL plans list pages over a million fresh rows as full scans.
    /// On PostgreSQL it also vacuums, which marks the fresh pages all-visible:
    /// until then the name index cannot be read index-only, and counting a
    /// common word's matches for search walked the table instead (7 ms
    /// rather than 1 ms a search at 1,000,000 people).
    pub async fn optimize(&self) -> Result<()> {
        let sql = match self.backend {
            Backend::Sqlite => "PRAGMA optimize",
            Backend::Postgres => "VACUUM (ANALYZE)",
        };
        sqlx::query(sql).execute(&self.pool).await?;
        Ok(())
    }

    pub fn node_public_key_hex(&self) -> String {
        hex::encode(self.keys.verifying_key().to_bytes())
    }
}

/// Creates an empty file readable by its owner only. SQLite gives its WAL
/// and shared-memory files the database file's mode, so they are private too.
fn create_private_file(path: &Path) -> Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)?;
    Ok(())
}

/// The data directory holds the master key by default; keep it private.
fn restrict_dir(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
}

/// Every scoped method starts here: a scope granted for one permission
/// cannot be used for another (a read scope never writes).
pub(crate) fn require(scope: &haven_core::access::Scope, p: haven_core::access::Permission) -> Result<()> {
    if scope.allows(p) {
        Ok(())
    } else {
        Err(StoreError::Denied)
    }
}

pub(crate) fn new_id_bytes() -> [u8; 16] {
    crypto::random_id_bytes()
}

/// Test support: a fresh PostgreSQL database per test, so tests can run in
/// parallel against one server. Used by the test suites of every crate.
pub mod testdb {
    use sqlx::{Connection, Executor};

    /// The server tests use; override with `HAVEN_TEST_PG_ADMIN_URL`.
    pub fn admin_url() -> String {
        std::env::var("HAVEN_TEST_PG_ADMIN_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
    }

    /// `sqlite` unless `HAVEN_TEST_BACKEND=postgres`.
    pub fn backend_under_test() -> crate::Backend {
        match std::env::var("HAVEN_TEST_BACKEND").as_deref() {
            Ok("postgres") => crate::Backend::Postgres,
            _ => crate::Backend::Sqlite,
        }
    }

    /// Creates an empty database and returns its URL.
    pub async fn fresh_postgres_url() -> Result<String, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let admin = admin_url();
        let name = format!("haven_test_{}", crate::crypto::random_secret(8));
        let mut conn = sqlx::AnyConnection::connect(&admin).await?;
        conn.execute(format!("CREATE DATABASE {name}").as_str()).await?;
        conn.close().await?;
        let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap_or(admin);
        Ok(format!("{base}/{name}"))
    }
}
