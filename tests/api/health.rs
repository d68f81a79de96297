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
    if DatabaseKind::from_env() != DatabaseKind::Postgres {
        eprintln!(
            "skipped: cutting the server off its database needs PostgreSQL \
             (run with SEMBRAR_TEST_DATABASE=postgres and SEMBRAR_TEST_PG_URL)"
        );
        return;
    }
    let server = TestServer::spawn();
    let database = server
        .postgres()
        .expect("a PostgreSQL run gives the server its own database");
    server.http().get("/healthz").assert_status(200);

    database.cut_off();

    // The server's pool may still hold a connection it has not yet found dead: give it a few tries.
    let started = Instant::now();
    let mut last = server.http().get("/healthz");
    while last.status != 503 && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(250));
        last = server.http().get("/healthz");
    }
    last.assert_status(503);

    database.reconnect();
}
