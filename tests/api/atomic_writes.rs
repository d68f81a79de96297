//! Every write is stored together with its audit events or not at all: the database is made to
//! refuse audit events (a trigger), and the writes that record one must then store nothing and
//! tell the client so; once the audit trail works again, the retried request stores its record
//! once, with one event.

use serde_json::json;
use tests::DatabaseKind;
use tests::TestServer;

const REFUSAL: &str = "audit events refused by the test";

/// Makes the database refuse every new audit event.
fn refuse_audit_events(server: &TestServer) {
    match server.database_kind() {
        DatabaseKind::Sqlite => server.sql(&format!(
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events \
             BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
        )),
        DatabaseKind::Postgres => server.sql(&format!(
            "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$; \
             CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events \
             FOR EACH ROW EXECUTE FUNCTION refuse_audit()"
        )),
    };
}

/// Lets the database store audit events again.
fn accept_audit_events(server: &TestServer) {
    match server.database_kind() {
        DatabaseKind::Sqlite => server.sql("DROP TRIGGER refuse_audit"),
        DatabaseKind::Postgres => server.sql("DROP TRIGGER refuse_audit ON audit_events"),
    };
}

fn count(server: &TestServer, sql: &str) -> i64 {
    server.sql(sql).trim().parse().expect("a count")
}

#[test]
fn a_program_whose_audit_event_cannot_be_stored_is_not_stored_and_the_client_is_told() {
    let server = TestServer::spawn();
    let http = server.http();
    refuse_audit_events(&server);

    let refused = http.post_json(
        "/api/v1/programs",
        &json!({"name": "Cacao del Huallaga", "description": "Sustitución"}),
    );
    refused.assert_status(500);
    let error = &refused.json()["error"];
    assert_eq!(error["code"], "internal");
    assert!(
        !refused.body.contains(REFUSAL),
        "no internal text reaches the client: {}",
        refused.body
    );
    // The same through a plain form post, as a browser without JavaScript sends it.
    let page = http.post_form(
        "/programs/new",
        &[
            ("name", "Cacao del Huallaga"),
            ("description", "Sustitución"),
        ],
    );
    page.assert_status(500);
    assert!(
        page.body.contains("Cacao del Huallaga"),
        "what was typed is kept"
    );
    assert_eq!(count(&server, "SELECT COUNT(*) FROM programs"), 0);
    assert_eq!(http.get("/api/v1/programs").json(), json!([]));

    // The client retries once the audit trail works again: one program, one event.
    accept_audit_events(&server);
    let stored = http.post_json(
        "/api/v1/programs",
        &json!({"name": "Cacao del Huallaga", "description": "Sustitución"}),
    );
    stored.assert_status(201);
    let id = stored.json()["id"].as_i64().unwrap();
    assert_eq!(count(&server, "SELECT COUNT(*) FROM programs"), 1);
    assert_eq!(
        count(
            &server,
            &format!(
                "SELECT COUNT(*) FROM audit_events WHERE entity_type = 'program' \
                 AND entity_id = '{id}'"
            )
        ),
        1
    );
}

#[test]
fn an_account_whose_audit_event_cannot_be_stored_leaves_no_account_role_or_invitation() {
    let server = TestServer::spawn();
    let http = server.http();
    let program = tests::fixtures::create_program(&server, "Café de altura", "");
    let users_before = count(&server, "SELECT COUNT(*) FROM users");
    let grants_before = count(&server, "SELECT COUNT(*) FROM role_grants");
    let invitations_before = count(&server, "SELECT COUNT(*) FROM invitations");
    refuse_audit_events(&server);

    let body = json!({"email": "monitora@example.org", "display_name": "Rosa Huamán",
                      "role": "field_monitor", "scope_kind": "program", "scope_id": program});
    http.post_json("/api/v1/users", &body).assert_status(500);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM users"), users_before);
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM role_grants"),
        grants_before
    );
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM invitations"),
        invitations_before
    );

    // Retried: the address is free (nothing half-made holds it), and the account is made once.
    accept_audit_events(&server);
    http.post_json("/api/v1/users", &body).assert_status(201);
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM users"),
        users_before + 1
    );
    assert_eq!(
        count(
            &server,
            "SELECT COUNT(*) FROM audit_events WHERE entity_type = 'user' AND action = 'create'"
        ),
        1
    );
}

#[test]
fn a_project_area_whose_audit_event_cannot_be_stored_keeps_the_area_it_had() {
    let server = TestServer::spawn();
    let http = server.http();
    let (project, _) =
        tests::fixtures::project_with_community(&server, "Programa", "Proyecto", "CO", "Vereda");
    let square = |size: f64| {
        json!({"type": "Polygon", "coordinates": [[
            [-76.0, 1.0], [-76.0 + size, 1.0], [-76.0 + size, 1.0 + size],
            [-76.0, 1.0 + size], [-76.0, 1.0]
        ]]})
    };
    let path = format!("/api/v1/projects/{project}/area");
    http.put_json(&path, &square(0.01)).assert_status(200);
    let before = http.get(&path).json();
    refuse_audit_events(&server);

    http.put_json(&path, &square(0.02)).assert_status(500);
    assert_eq!(http.get(&path).json(), before, "the area is the one it had");
}
