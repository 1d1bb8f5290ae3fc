//! What differs between SQLite and PostgreSQL: connection set-up, pool size,
//! migrations and (in `backup`) how a consistent copy is taken.

use sqlx::{AnyConnection, AnyPool, Executor};

use crate::Result;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    pub(crate) fn pool_size(&self) -> u32 {
        match self {
            // One writer at a time anyway; a few readers keep list pages fast.
            Backend::Sqlite => 8,
            // Each connection is a PostgreSQL backend process competing for
            // the same cores: at 200 clients on 2 cores, 8 served a third more
            // requests a second than 16 (docs/benchmarks.md, issue 12).
            Backend::Postgres => {
                let cores = std::thread::available_parallelism().map_or(2, |n| n.get()) as u32;
                (cores * 4).clamp(8, 32)
            }
        }
    }

    pub(crate) async fn prepare_connection(&self, conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
        if *self == Backend::Sqlite {
            // WAL lets readers and the admin CLI work beside a running server;
            // secure_delete overwrites erased rows instead of leaving them in
            // free pages (R28). synchronous = FULL syncs the WAL at every
            // commit, so a power cut cannot drop an acknowledged write or its
            // audit event; the cost is measured in docs/benchmarks.md.
            conn.execute(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
                 PRAGMA busy_timeout = 15000; PRAGMA secure_delete = ON;",
            )
            .await?;
        }
        Ok(())
    }

    pub(crate) async fn migrate(&self, pool: &AnyPool) -> Result<()> {
        match self {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    pub(crate) fn sqlite_migrator() -> &'static sqlx::migrate::Migrator {
        &SQLITE_MIGRATIONS
    }
}
