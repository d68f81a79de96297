//! `GET /healthz`: 200 while the database answers, 503 when it does not.

use std::time::{Duration, Instant};

use tests::{DatabaseKind, TestServer};

#[test]
fn the_health_check_answers_200_when_the_database_is_reachable() {
    let server = TestServer::spawn();

    server.http().get("/healthz").assert_status(200);
}

#[test]
fn the_health_check_answers_503_when_the_database_is_unreachable() {
    let server = TestServer::spawn();
    server.http().get("/healthz").assert_status(200);

    match server.database_kind() {
        // PostgreSQL: the server is cut off its database (new connections refused, open ones
        // terminated).
        DatabaseKind::Postgres => server
            .postgres()
            .expect("a PostgreSQL run gives the server its own database")
            .cut_off(),
        // SQLite: the database file disappears (deleted, or its volume unmounted); open
        // connections would still answer while every write is lost.
        DatabaseKind::Sqlite => {
            let file = server.data_dir().join("sembrar.db");
            std::fs::remove_file(&file).expect("the SQLite database file exists");
        }
    }

    // The server's pool may still hold a connection it has not yet found dead: give it a few tries.
    let started = Instant::now();
    let mut last = server.http().get("/healthz");
    while last.status != 503 && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(250));
        last = server.http().get("/healthz");
    }
    last.assert_status(503);
    assert_eq!(last.json()["status"], "unavailable");

    if let Some(database) = server.postgres() {
        database.reconnect();
    }
}
