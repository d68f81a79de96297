//! Starting the real `sembrar` binary for one test, with its own port, data directory and database.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use crate::http::Http;
use crate::temp::{TempDir, unique_name};

/// The line the server prints on stdout once it accepts connections, followed by its base URL.
const LISTENING_PREFIX: &str = "Sembrar is listening on ";
/// How long the server may take to print [`LISTENING_PREFIX`].
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Which database engine the whole test run uses, from `SEMBRAR_TEST_DATABASE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseKind {
    /// SQLite, in a file inside the server's data directory (the default).
    Sqlite,
    /// PostgreSQL: a fresh database per test on the cluster at `SEMBRAR_TEST_PG_URL`.
    Postgres,
}

impl DatabaseKind {
    /// Reads `SEMBRAR_TEST_DATABASE`: unset, empty or `sqlite` gives SQLite; `postgres` or `postgresql`
    /// gives PostgreSQL.
    ///
    /// # Panics
    /// On any other value.
    pub fn from_env() -> Self {
        match std::env::var("SEMBRAR_TEST_DATABASE")
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
            .as_str()
        {
            "" | "sqlite" => Self::Sqlite,
            "postgres" | "postgresql" | "pg" => Self::Postgres,
            other => panic!("SEMBRAR_TEST_DATABASE must be `sqlite` or `postgres`, not `{other}`"),
        }
    }
}

/// Runs one SQL command with `psql` against `url` (with `ON_ERROR_STOP`, no `.psqlrc`, unaligned tuples
/// only) and returns what it printed.
///
/// # Errors
/// If psql cannot be started or exits unsuccessfully: its stderr.
pub fn psql(url: &str, sql: &str) -> Result<String, String> {
    let output = Command::new("psql")
        .arg(url)
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run psql: {error}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!(
            "psql failed ({}) running `{sql}`: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// `url` with its database (the path after the host) replaced by `database`, keeping any query string.
fn with_database(url: &str, database: &str) -> String {
    let authority_start = url.find("://").map_or(0, |index| index + 3);
    let rest = &url[authority_start..];
    let path_start = rest
        .find(['/', '?'])
        .map_or(url.len(), |index| authority_start + index);
    let query = url[path_start..]
        .find('?')
        .map_or("", |index| &url[path_start + index..]);
    format!("{}/{database}{query}", &url[..path_start])
}

/// A fresh PostgreSQL database made for one test, dropped (with `FORCE`) when this value drops.
#[derive(Debug)]
pub struct PostgresDatabase {
    name: String,
    admin_url: String,
    url: String,
}

impl PostgresDatabase {
    /// Creates a database named `sembrar_t_<pid>_<counter>_<nanos>` on the cluster at `admin_url`.
    ///
    /// # Panics
    /// If psql fails.
    pub fn create(admin_url: &str) -> Self {
        let name = unique_name("sembrar_t");
        psql(admin_url, &format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|error| panic!("cannot create the test database: {error}"));
        Self {
            url: with_database(admin_url, &name),
            admin_url: admin_url.to_owned(),
            name,
        }
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The administrator URL of the cluster (`SEMBRAR_TEST_PG_URL`), connected to another database.
    pub fn admin_url(&self) -> &str {
        &self.admin_url
    }

    /// The URL the server was given: the admin URL with this database's name.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Runs SQL as the administrator, connected to the cluster's admin database (not this one).
    ///
    /// # Panics
    /// If psql fails.
    pub fn admin_sql(&self, sql: &str) -> String {
        psql(&self.admin_url, sql).unwrap_or_else(|error| panic!("{error}"))
    }

    /// Runs SQL inside this database.
    ///
    /// # Panics
    /// If psql fails.
    pub fn sql(&self, sql: &str) -> String {
        psql(&self.url, sql).unwrap_or_else(|error| panic!("{error}"))
    }

    /// Cuts every client off this database: forbids new connections
    /// (`ALTER DATABASE … ALLOW_CONNECTIONS false`) and terminates the open ones.
    pub fn cut_off(&self) {
        self.admin_sql(&format!(
            "ALTER DATABASE {} ALLOW_CONNECTIONS false",
            self.name
        ));
        self.admin_sql(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{}' AND pid <> pg_backend_pid()",
            self.name
        ));
    }

    /// Undoes [`PostgresDatabase::cut_off`]: allows connections again.
    pub fn reconnect(&self) {
        self.admin_sql(&format!(
            "ALTER DATABASE {} ALLOW_CONNECTIONS true",
            self.name
        ));
    }
}

impl Drop for PostgresDatabase {
    fn drop(&mut self) {
        if let Err(error) = psql(
            &self.admin_url,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        ) {
            eprintln!("could not drop the test database {}: {error}", self.name);
        }
    }
}

/// The database a [`TestServer`] was given.
#[derive(Debug)]
enum TestDatabase {
    Sqlite,
    Postgres(PostgresDatabase),
}

/// Text a child process wrote, shared with the thread that drains its pipe.
type Captured = Arc<Mutex<String>>;

fn read_captured(captured: &Captured) -> String {
    captured
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

/// The `sembrar` binary under test: `$SEMBRAR_BIN`, or `sembrar` in the cargo profile directory of the
/// running test executable (`<target>/debug/sembrar`).
///
/// # Panics
/// If the binary does not exist.
pub fn server_binary() -> PathBuf {
    let path = match std::env::var_os("SEMBRAR_BIN") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => crate::target_profile_dir().join("sembrar"),
    };
    assert!(
        path.is_file(),
        "the server binary {} does not exist: run `cargo build --workspace` first \
         (scripts/test.sh does), or point SEMBRAR_BIN at it",
        path.display()
    );
    path
}

/// The email of the global administrator every test server creates on start.
pub const ADMIN_EMAIL: &str = "admin@test.sembrar.example";
/// That administrator's password.
pub const ADMIN_PASSWORD: &str = "test-administrator-password";

/// The real `sembrar` server, running for one test on a random port of 127.0.0.1 with a fresh data
/// directory and a fresh, empty database. Killed on drop (also when the test panics, in which case its
/// stderr is printed).
///
/// ```no_run
/// let server = tests::TestServer::spawn();
/// let created = server
///     .http()
///     .post_json("/api/v1/programs", &serde_json::json!({"name": "Cacao", "description": ""}));
/// created.assert_status(201);
/// ```
#[derive(Debug)]
pub struct TestServer {
    child: Child,
    base_url: String,
    http: std::sync::OnceLock<Http>,
    stdout: Captured,
    stderr: Captured,
    database: TestDatabase,
    data_dir: TempDir,
    /// The folder of the personal-data key file, apart from the data folder.
    key_dir: TempDir,
}

impl TestServer {
    /// Starts the server with the default test settings: an empty database, no demo data.
    ///
    /// # Panics
    /// If the binary is missing, the database cannot be made, or the server does not announce that it
    /// listens within 60 s (the message shows its stderr).
    pub fn spawn() -> Self {
        Self::spawn_with(|_| {})
    }

    /// Starts the server after letting `configure` change its command, for example
    /// `TestServer::spawn_with(|cmd| { cmd.env("SEMBRAR_SEED_DEMO", "true"); })`.
    ///
    /// The command already has `SEMBRAR_ADDR=127.0.0.1:0`, `SEMBRAR_DATA_DIR` (a fresh temporary
    /// directory), `SEMBRAR_SEED_DEMO=false`, `SEMBRAR_DATABASE_URL` for PostgreSQL (unset for SQLite)
    /// and no `SEMBRAR_CONFIG`; `configure` runs last and may override any of them.
    ///
    /// # Panics
    /// As [`TestServer::spawn`].
    pub fn spawn_with(configure: impl FnOnce(&mut Command)) -> Self {
        let binary = server_binary();
        let data_dir = TempDir::new("sembrar-data");
        let key_dir = TempDir::new("sembrar-key");
        let database = match DatabaseKind::from_env() {
            DatabaseKind::Sqlite => TestDatabase::Sqlite,
            DatabaseKind::Postgres => {
                let admin_url = std::env::var("SEMBRAR_TEST_PG_URL").unwrap_or_else(|_| {
                    panic!(
                        "SEMBRAR_TEST_DATABASE=postgres needs SEMBRAR_TEST_PG_URL, an admin URL such as \
                         postgres://postgres@127.0.0.1:5432/postgres"
                    )
                });
                TestDatabase::Postgres(PostgresDatabase::create(&admin_url))
            }
        };

        let stdout = Captured::default();
        let stderr = Captured::default();
        let key_file = key_dir.path().join("personal-data.key");
        let mut command = base_command(
            &binary,
            data_dir.path(),
            &key_file,
            &database,
            "127.0.0.1:0",
        );
        configure(&mut command);
        let (child, base_url) = launch(command, &binary, &stdout, &stderr);

        Self {
            child,
            http: std::sync::OnceLock::new(),
            base_url,
            stdout,
            stderr,
            database,
            data_dir,
            key_dir,
        }
    }

    /// Runs SQL in the server's database, as psql prints it unaligned (`|` between columns, a
    /// line per row): through psql on PostgreSQL, through Python's `sqlite3` module on SQLite
    /// (the test machine has python3; the server keeps running).
    ///
    /// # Panics
    /// If the SQL fails.
    pub fn sql(&self, sql: &str) -> String {
        match &self.database {
            TestDatabase::Postgres(postgres) => postgres.sql(sql),
            TestDatabase::Sqlite => {
                const SCRIPT: &str = "import sqlite3, sys\n\
                    db = sqlite3.connect(sys.argv[1], timeout=30)\n\
                    rows = db.execute(sys.argv[2]).fetchall()\n\
                    db.commit()\n\
                    print('\\n'.join('|'.join('' if v is None else str(v) for v in r) for r in rows))\n";
                let output = Command::new("python3")
                    .args(["-c", SCRIPT])
                    .arg(self.data_dir.path().join("sembrar.db"))
                    .arg(sql)
                    .stdin(Stdio::null())
                    .output()
                    .unwrap_or_else(|error| panic!("cannot run python3: {error}"));
                assert!(
                    output.status.success(),
                    "`{sql}` failed: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
                String::from_utf8_lossy(&output.stdout).into_owned()
            }
        }
    }

    /// The personal-data key file the server uses (`SEMBRAR_PERSONAL_DATA_KEY_FILE`), in a
    /// folder of its own apart from the data folder.
    pub fn key_file(&self) -> PathBuf {
        self.key_dir.path().join("personal-data.key")
    }

    /// Stops the server and runs the `sembrar` binary once with its settings (data folder,
    /// database, key file) and `args`, after `configure`; answers what it printed and how it
    /// ended. For commands such as `rotate-key`, or to see a start refused: a run that has not
    /// ended after 60 s is killed and the test fails.
    ///
    /// # Panics
    /// If the binary cannot be started, or runs for more than 60 s.
    pub fn run_binary(
        &mut self,
        args: &[&str],
        configure: impl FnOnce(&mut Command),
    ) -> std::process::Output {
        self.stop();
        let binary = server_binary();
        let mut command = base_command(
            &binary,
            self.data_dir.path(),
            &self.key_file(),
            &self.database,
            "127.0.0.1:0",
        );
        command.args(args);
        configure(&mut command);
        let mut child = command
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start {}: {error}", binary.display()));
        let started = Instant::now();
        while child.try_wait().ok().flatten().is_none() {
            if started.elapsed() > START_TIMEOUT {
                let _ = child.kill();
                let output = child.wait_with_output().expect("the binary's output");
                panic!(
                    "sembrar {args:?} still ran after {} s:\n{}{}",
                    START_TIMEOUT.as_secs(),
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                );
            }
            thread::sleep(Duration::from_millis(50));
        }
        child.wait_with_output().expect("the binary's output")
    }

    /// The server's base URL, such as `http://127.0.0.1:40123` (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The full URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        self.anonymous().url(path)
    }

    /// An HTTP client for this server, signed in as the global administrator the test settings
    /// create ([`ADMIN_EMAIL`]); it does not follow redirects.
    pub fn http(&self) -> &Http {
        self.http
            .get_or_init(|| Http::signed_in(self.base_url.clone(), ADMIN_EMAIL, ADMIN_PASSWORD))
    }

    /// An HTTP client for this server with nobody signed in.
    pub fn anonymous(&self) -> Http {
        Http::new(self.base_url.clone())
    }

    /// An HTTP client signed in as `email`.
    pub fn sign_in(&self, email: &str, password: &str) -> Http {
        Http::signed_in(self.base_url.clone(), email, password)
    }

    /// Everything the server wrote to stderr so far (its logs).
    pub fn stderr_text(&self) -> String {
        read_captured(&self.stderr)
    }

    /// Everything the server wrote to stdout so far.
    pub fn stdout_text(&self) -> String {
        read_captured(&self.stdout)
    }

    /// The server's data directory (`SEMBRAR_DATA_DIR`), removed on drop.
    pub fn data_dir(&self) -> &Path {
        self.data_dir.path()
    }

    /// The database engine this server runs on.
    pub fn database_kind(&self) -> DatabaseKind {
        match self.database {
            TestDatabase::Sqlite => DatabaseKind::Sqlite,
            TestDatabase::Postgres(_) => DatabaseKind::Postgres,
        }
    }

    /// The server's PostgreSQL database (its name, URLs and admin helpers), when the run is on
    /// PostgreSQL.
    pub fn postgres(&self) -> Option<&PostgresDatabase> {
        match &self.database {
            TestDatabase::Sqlite => None,
            TestDatabase::Postgres(postgres) => Some(postgres),
        }
    }

    /// The operating-system process id of the server.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the server process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Stops the server (as a power cut or a lost connection would take it away): its address
    /// refuses connections until [`TestServer::start_again`]. The data stays.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts the server again on the same address with the same data directory and database,
    /// after letting `configure` change its command (for example another `SEMBRAR_SITE_ROOT`, a
    /// new deployment). Stops it first if it runs. Sessions live in the database, so signed-in
    /// clients stay signed in.
    ///
    /// # Panics
    /// As [`TestServer::spawn`], or if it listens elsewhere.
    pub fn start_again(&mut self, configure: impl FnOnce(&mut Command)) {
        self.stop();
        let binary = server_binary();
        let addr = self
            .base_url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        let mut command = base_command(
            &binary,
            self.data_dir.path(),
            &self.key_file(),
            &self.database,
            &addr,
        );
        configure(&mut command);
        let (child, base_url) = launch(command, &binary, &self.stdout, &self.stderr);
        self.child = child;
        assert_eq!(
            base_url, self.base_url,
            "the server came back at another address"
        );
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if thread::panicking() {
            eprintln!(
                "--- stderr of the server at {} ---\n{}--- end of the server's stderr ---",
                self.base_url,
                self.stderr_text()
            );
        }
        // Fields drop after this: the PostgreSQL database, then the data directory.
    }
}

/// The server's command with the test settings (see [`TestServer::spawn_with`]).
fn base_command(
    binary: &Path,
    data_dir: &Path,
    key_file: &Path,
    database: &TestDatabase,
    addr: &str,
) -> Command {
    let mut command = Command::new(binary);
    command
        .env("SEMBRAR_ADDR", addr)
        .env("SEMBRAR_DATA_DIR", data_dir)
        .env("SEMBRAR_PERSONAL_DATA_KEY_FILE", key_file)
        .env_remove("SEMBRAR_PERSONAL_DATA_KEY")
        .env("SEMBRAR_SEED_DEMO", "false")
        .env("SEMBRAR_ADMIN_EMAIL", ADMIN_EMAIL)
        .env("SEMBRAR_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env_remove("SEMBRAR_CONFIG")
        .env_remove("SEMBRAR_DATABASE_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let TestDatabase::Postgres(postgres) = database {
        command.env("SEMBRAR_DATABASE_URL", postgres.url());
    }
    command
}

/// Starts `command` and waits until the server says where it listens (appending what it writes
/// to `stdout` and `stderr`); panics as [`TestServer::spawn`].
fn launch(
    mut command: Command,
    binary: &Path,
    stdout: &Captured,
    stderr: &Captured,
) -> (Child, String) {
    let mut child = command
        .spawn()
        .unwrap_or_else(|error| panic!("cannot start {}: {error}", binary.display()));
    let (listening_tx, listening_rx) = mpsc::channel();
    drain_stdout(
        child.stdout.take().expect("piped stdout"),
        stdout.clone(),
        listening_tx,
    );
    let stderr_done = drain(child.stderr.take().expect("piped stderr"), stderr.clone());

    let started = Instant::now();
    let base_url = loop {
        match listening_rx.recv_timeout(Duration::from_millis(100)) {
            Ok(url) => break url,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {}
        }
        if let Ok(Some(status)) = child.try_wait() {
            // Let the stderr thread read what the server wrote before it died.
            let _ = stderr_done.recv_timeout(Duration::from_secs(2));
            panic!(
                "the server exited ({status}) before listening.\n--- stdout ---\n{}\n--- stderr ---\n{}",
                read_captured(stdout),
                read_captured(stderr)
            );
        }
        if started.elapsed() > START_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            let _ = stderr_done.recv_timeout(Duration::from_secs(2));
            panic!(
                "the server did not print `{LISTENING_PREFIX}…` within {} s.\n--- stdout ---\n{}\n--- stderr ---\n{}",
                START_TIMEOUT.as_secs(),
                read_captured(stdout),
                read_captured(stderr)
            );
        }
    };
    (child, base_url)
}

/// Reads the server's stdout line by line into `captured`, sending the base URL once the listening
/// line appears.
fn drain_stdout(stdout: ChildStdout, captured: Captured, listening: mpsc::Sender<String>) {
    thread::spawn(move || {
        let mut announced = false;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if !announced && let Some(url) = line.trim().strip_prefix(LISTENING_PREFIX) {
                announced = true;
                let _ = listening.send(url.trim().trim_end_matches('/').to_owned());
            }
            let mut text = captured.lock().unwrap_or_else(PoisonError::into_inner);
            text.push_str(&line);
            text.push('\n');
        }
    });
}

/// Reads the server's stderr into `captured` until it closes; the returned channel gets a message then.
fn drain(mut stderr: ChildStderr, captured: Captured) -> mpsc::Receiver<()> {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buffer = [0_u8; 8192];
        loop {
            match stderr.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(read) => captured
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push_str(&String::from_utf8_lossy(&buffer[..read])),
            }
        }
        let _ = done_tx.send(());
    });
    done_rx
}

#[cfg(test)]
mod unit {
    use super::with_database;

    #[test]
    fn with_database_replaces_only_the_database_name() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database(
                "postgres://u:p@127.0.0.1:5432/postgres?sslmode=disable",
                "t1"
            ),
            "postgres://u:p@127.0.0.1:5432/t1?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://127.0.0.1:5432", "t1"),
            "postgres://127.0.0.1:5432/t1"
        );
    }
}
