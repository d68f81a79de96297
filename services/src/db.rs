//! The database: one data-access path (sqlx's `Any` driver, `$1` placeholders, portable types)
//! serving SQLite and PostgreSQL. Each backend has its own migration folder with the same
//! tables and constraint names. Queries are grouped by aggregate, beside their domain's operations
//! (`<domain>/db/<aggregate>.rs`); every query function takes the connection it runs on
//! ([`Conn`]), so an operation runs its writes and their audit events in one transaction.

// The queries live with their domain; they are reachable here as `db::<aggregate>` too.
pub use crate::accounts::db::{accounts, sealed, tokens};
pub use crate::funding::db::{funding, rates};
pub use crate::households::db::{
    activity, agreements, digests, households, imports, plots, records, visits,
};
pub use crate::outcomes::db::donor_reports;
pub use crate::planning::db::{actuals, baselines, livelihood, results, safeguards, timeline};
pub use crate::programs::db::{areas, communities, donors, drafts, programs, projects};
pub use crate::publishing::db::organisations;

use crate::Error;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// A database URL; its password never appears in logs.
#[derive(Clone)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    /// A URL as configured.
    pub fn new(url: String) -> Self {
        DatabaseUrl(url)
    }

    /// The URL itself, for connecting.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether it names a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        self.0.starts_with("postgres://") || self.0.starts_with("postgresql://")
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.split_once("://") {
            Some((scheme, rest)) => {
                let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
                write!(f, "{scheme}://…@{host}")
            }
            None => write!(f, "(database url)"),
        }
    }
}

/// What every database function runs on: a connection from the pool, or the transaction of an
/// operation (a `Transaction` and a `PoolConnection` both lend one).
pub type Conn = sqlx::AnyConnection;

/// Which database engine is behind the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Embedded SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Engine {
    /// The engine's name, as the health check reports it.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }
}

/// The connection pool and the engine behind it.
#[derive(Clone, Debug)]
pub struct Db {
    /// The pool.
    pub pool: AnyPool,
    /// The engine.
    pub engine: Engine,
    /// The community digests this server has read.
    pub digests: std::sync::Arc<digests::DigestCache>,
    /// For SQLite, the database file: open connections keep answering after the file is deleted
    /// or its volume goes away, while every write would be lost, so its presence is checked too.
    sqlite_file: Option<std::path::PathBuf>,
}

/// The file of a `sqlite:` URL (`sqlite://data/x.db?mode=rwc` → `data/x.db`); `None` for an
/// in-memory database.
fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && !path.starts_with(":memory:")).then(|| path.into())
}

/// The database could not be opened or migrated.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// Connecting failed.
    #[error("cannot connect to the database {url:?}: {source}")]
    Connect {
        /// Where.
        url: DatabaseUrl,
        /// Why.
        source: sqlx::Error,
    },
    /// A migration failed.
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl Db {
    /// Connects and applies pending migrations. SQLite connections get WAL, foreign keys and
    /// `synchronous = FULL` (a committed transaction survives a power cut).
    pub async fn connect(url: &DatabaseUrl, max_connections: u32) -> Result<Db, DbError> {
        install_default_drivers();
        let engine = if url.is_postgres() {
            Engine::Postgres
        } else {
            Engine::Sqlite
        };
        if engine == Engine::Sqlite {
            // The file is created (when the URL allows it) by this first connection only; the
            // pool's connections open it read-write without creating it, so a database file
            // that disappears is noticed rather than silently replaced by an empty one.
            let first = AnyPoolOptions::new()
                .max_connections(1)
                .connect(url.expose())
                .await
                .map_err(|source| DbError::Connect {
                    url: url.clone(),
                    source,
                })?;
            first.close().await;
        }
        let pool_url = match engine {
            Engine::Sqlite => url.expose().replace("mode=rwc", "mode=rw"),
            Engine::Postgres => url.expose().to_owned(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                    }
                    Ok(())
                })
            })
            .connect(&pool_url)
            .await
            .map_err(|source| DbError::Connect {
                url: url.clone(),
                source,
            })?;
        match engine {
            Engine::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Engine::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        let sqlite_file = match engine {
            Engine::Sqlite => sqlite_file(url.expose()),
            Engine::Postgres => None,
        };
        Ok(Db {
            pool,
            engine,
            digests: Default::default(),
            sqlite_file,
        })
    }

    /// A connection from the pool, for reads and for a write that stands alone.
    pub async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>, Error> {
        self.pool.acquire().await.map_err(db_error)
    }

    /// A transaction for an operation's writes and the audit events that record them: the
    /// operation commits it once, and nothing of it is stored if anything fails (or the answer
    /// is dropped) before that. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so
    /// that concurrent writers wait their turn (the busy timeout) instead of failing when a read
    /// inside the transaction is followed by a write.
    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, Error> {
        match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => self.pool.begin().await,
        }
        .map_err(db_error)
    }

    /// Whether the database answers a query within two seconds (and, for SQLite, its file is
    /// still there).
    pub async fn is_reachable(&self) -> bool {
        if let Some(file) = &self.sqlite_file
            && !file.exists()
        {
            tracing::error!(file = %file.display(), "the SQLite database file is gone");
            return false;
        }
        let probe = sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(&self.pool);
        matches!(
            tokio::time::timeout(Duration::from_secs(2), probe).await,
            Ok(Ok(1))
        )
    }

    /// Reads a value from the `app_meta` table.
    pub async fn meta(&self, key: &str) -> Result<Option<String>, Error> {
        sqlx::query_scalar::<_, String>("SELECT value FROM app_meta WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_error)
    }

    /// Writes a value into the `app_meta` table.
    pub async fn set_meta(&self, key: &str, value: &str) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO app_meta (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await
        .map(|_| ())
        .map_err(db_error)
    }
}

/// Maps a database error to what the client may know: unreachable, or an internal fault (logged
/// here with its details, which never reach the client).
pub fn db_error(error: sqlx::Error) -> Error {
    let lost_connection = match &error {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Protocol(_) => true,
        // PostgreSQL's connection exceptions (08…), operator intervention such as a terminated
        // backend (57P…) and "database does not allow connections" (55000).
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|c| c.starts_with("08") || c.starts_with("57P") || c == "55000"),
        _ => false,
    };
    match error {
        _ if lost_connection => {
            tracing::warn!(error = %error, "database unreachable");
            Error::Unavailable
        }
        other => {
            tracing::error!(error = %other, "database error");
            Error::Internal
        }
    }
}

/// A query bound to `id` when there is one (for queries that filter by an id or take all).
pub fn query_for(
    sql: &str,
    id: Option<i64>,
) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
    let query = sqlx::query(sql);
    match id {
        Some(id) => query.bind(id),
        None => query,
    }
}

/// Whether `error` is the violation of the unique constraint `constraint`.
pub fn is_unique_violation(error: &sqlx::Error, constraint: &str) -> bool {
    match error {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            // PostgreSQL names the constraint; SQLite names the columns in its message.
            db.constraint() == Some(constraint) || db.constraint().is_none()
        }
        _ => false,
    }
}

/// The current time as stored: RFC 3339 UTC with microseconds.
pub fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Reads a stored timestamp.
pub fn parse_timestamp(text: &str) -> Result<chrono::DateTime<chrono::Utc>, Error> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| {
            tracing::error!(value = text, error = %e, "bad timestamp in the database");
            Error::Internal
        })
}

/// Reads a stored date.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, Error> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
        tracing::error!(value = text, error = %e, "bad date in the database");
        Error::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;
    use std::path::PathBuf;

    #[test]
    fn the_sqlite_file_is_read_from_the_url() {
        assert_eq!(
            sqlite_file("sqlite://data/sembrar.db?mode=rwc"),
            Some(PathBuf::from("data/sembrar.db"))
        );
        assert_eq!(
            sqlite_file("sqlite:/srv/s.db"),
            Some(PathBuf::from("/srv/s.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://h/db"), None);
    }
}
