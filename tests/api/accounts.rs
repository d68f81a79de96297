//! Accounts: sign-in and sessions, lockout, forged form posts, API tokens, invitations, password
//! changes, the audit trail and rate limits.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::json;
use std::time::Duration;
use tests::{ADMIN_EMAIL, ADMIN_PASSWORD, DatabaseKind, Http, Method, TestServer, psql};

#[test]
fn signing_in_sets_a_secure_http_only_same_site_cookie_and_signing_out_ends_the_session() {
    let server = TestServer::spawn();
    let response = server.anonymous().post_form(
        "/login",
        &[
            ("email", ADMIN_EMAIL),
            ("password", ADMIN_PASSWORD),
            ("next", "/programs/new"),
        ],
    );
    response.assert_status(303);
    assert_eq!(response.location(), Some("/programs/new"));
    let cookie = response.header("set-cookie").unwrap().to_owned();
    for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(
            cookie.contains(attribute),
            "{attribute} missing in {cookie}"
        );
    }

    let http = server.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD);
    http.get("/api/v1/me").assert_status(200);
    let out = http.post_form("/logout", &[]);
    out.assert_status(303);
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    http.get("/api/v1/me").assert_status(401);
}

#[test]
fn pages_send_visitors_who_are_not_signed_in_to_the_sign_in_page() {
    let server = TestServer::spawn();
    let http = server.anonymous();
    let response = http.send(
        http.request(Method::GET, "/projects/1")
            .header("accept", "text/html"),
    );
    response.assert_status(303);
    assert_eq!(response.location(), Some("/login?next=%2Fprojects%2F1"));
    let login = http.send(
        http.request(Method::GET, "/login")
            .header("accept", "text/html"),
    );
    login.assert_status(200);
    assert!(login.body.contains("id=\"login-form\""));
}

#[test]
fn a_wrong_password_is_refused_without_saying_whether_the_account_exists() {
    let server = TestServer::spawn();
    let http = server.anonymous();
    let wrong = http.post_form(
        "/login",
        &[("email", ADMIN_EMAIL), ("password", "not the password")],
    );
    wrong.assert_status(401);
    let unknown = http.post_form(
        "/login",
        &[
            ("email", "nobody@example.org"),
            ("password", "not the password"),
        ],
    );
    unknown.assert_status(401);
    assert!(
        wrong
            .body
            .contains("The email or the password is not right.")
    );
    assert!(
        unknown
            .body
            .contains("The email or the password is not right.")
    );
    assert!(wrong.header("set-cookie").is_none());
    assert!(
        wrong.body.contains(&format!("value=\"{ADMIN_EMAIL}\"")),
        "the email typed is kept"
    );
    assert!(
        !wrong.body.contains("not the password"),
        "the password is never sent back"
    );
}

/// The sign-in page's message, as the answer's body shows it.
fn sign_in_message(body: &str) -> String {
    let start = body
        .find("The email or the password")
        .expect("the sign-in message");
    body[start..]
        .split('<')
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn repeated_failed_sign_ins_lock_the_account_from_that_address_only_and_say_nothing_more() {
    let server = TestServer::spawn_with(|command| {
        command.env("SEMBRAR_LOGIN_MAX_FAILURES", "3");
    });
    let http = server.anonymous();
    let wrong = http.post_form(
        "/login",
        &[("email", ADMIN_EMAIL), ("password", "wrong password!")],
    );
    for _ in 0..2 {
        http.post_form(
            "/login",
            &[("email", ADMIN_EMAIL), ("password", "wrong password!")],
        )
        .assert_status(401);
    }
    let locked = http.post_form(
        "/login",
        &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)],
    );
    locked.assert_status(401);
    assert!(
        locked.header("set-cookie").is_none(),
        "the right password waits"
    );
    let unknown = http.post_form(
        "/login",
        &[
            ("email", "nobody@example.org"),
            ("password", ADMIN_PASSWORD),
        ],
    );
    // Wrong password, locked account, unknown email: one answer.
    let message = sign_in_message(&wrong.body);
    assert!(
        message.contains("After several failed attempts"),
        "{message}"
    );
    assert_eq!(sign_in_message(&locked.body), message);
    assert_eq!(sign_in_message(&unknown.body), message);
    assert!(!locked.body.contains("locked"), "{}", locked.body);

    // Failing from another address does not keep the owner out from here, and the lock here
    // does not reach there.
    let elsewhere = tests::Http::from_address(server.base_url(), "127.0.0.2".parse().unwrap());
    elsewhere
        .post_form(
            "/login",
            &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)],
        )
        .assert_status(303);
    let stranger = tests::Http::from_address(server.base_url(), "127.0.0.3".parse().unwrap());
    for _ in 0..5 {
        stranger
            .post_form(
                "/login",
                &[("email", ADMIN_EMAIL), ("password", "guessing...")],
            )
            .assert_status(401);
    }
    elsewhere
        .post_form(
            "/login",
            &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)],
        )
        .assert_status(303);

    // The audit trail keeps no email that has no account (it may be a password typed there).
    let admin = tests::Http::from_address(server.base_url(), "127.0.0.2".parse().unwrap())
        .sign_in(ADMIN_EMAIL, ADMIN_PASSWORD);
    let trail = admin.get("/api/v1/audit?action=sign_in_failed");
    trail.assert_status(200);
    assert!(!trail.body.contains("nobody@example.org"), "{}", trail.body);
    assert!(trail.body.contains("no account"), "{}", trail.body);
}

#[test]
fn an_expired_session_no_longer_signs_anyone_in() {
    let server = TestServer::spawn_with(|command| {
        command.env("SEMBRAR_SESSION_TTL_SECONDS", "1");
    });
    let http = server.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD);
    std::thread::sleep(Duration::from_millis(1500));
    http.get("/api/v1/me").assert_status(401);
    let page = http.send(http.request(Method::GET, "/").header("accept", "text/html"));
    page.assert_status(303);
    assert!(page.location().unwrap().starts_with("/login"));
}

#[test]
fn a_forged_cross_site_form_post_is_refused_and_changes_nothing() {
    let server = TestServer::spawn();
    let admin = server.http();
    let cookie = admin.session_cookie().unwrap().to_owned();
    let plain = server.anonymous();

    // Another site's page posting with the victim's cookie: the browser names that site.
    let forged = plain.send(
        plain
            .request(Method::POST, "/programs/new")
            .header("cookie", &cookie)
            .header("origin", "https://evil.example")
            .form(&[("name", "Forged program")]),
    );
    forged.assert_status(403);
    assert_eq!(forged.json()["error"]["code"], "cross_site_request");

    // No Origin and no token from the form: refused as well.
    let tokenless = plain.send(
        plain
            .request(Method::POST, "/programs/new")
            .header("cookie", &cookie)
            .form(&[("name", "Forged program")]),
    );
    tokenless.assert_status(403);

    // With the token the page carries, the same post goes through.
    let page = admin.get("/programs/new").body.clone();
    let token = page
        .split("name=\"csrf-token\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page carries the CSRF token")
        .to_owned();
    let genuine = plain.send(
        plain
            .request(Method::POST, "/programs/new")
            .header("cookie", &cookie)
            .form(&[("name", "Genuine program"), ("csrf_token", token.as_str())]),
    );
    genuine.assert_status(303);

    let names: Vec<String> = admin
        .get("/api/v1/programs")
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["Genuine program"]);
}

#[test]
fn an_api_token_is_shown_once_works_as_a_bearer_token_and_stops_when_revoked() {
    let server = TestServer::spawn();
    let admin = server.http();
    let created = admin.post_json(
        "/api/v1/me/tokens",
        &json!({"name": "Kobo sync", "role": "administrator"}),
    );
    created.assert_status(201);
    let body = created.json();
    let secret = body["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("smb_"));
    let id = body["token"]["id"].as_i64().unwrap();

    let listed = admin.get("/api/v1/me/tokens");
    assert!(!listed.body.contains(&secret), "the secret is never listed");
    assert_eq!(listed.json()[0]["name"], "Kobo sync");

    let bearer = Http::new(server.base_url());
    let with_token =
        |path: &str| bearer.send(bearer.request(Method::GET, path).bearer_auth(&secret));
    with_token("/api/v1/me").assert_status(200);
    let created_program = bearer.send(
        bearer
            .request(Method::POST, "/api/v1/programs")
            .bearer_auth(&secret)
            .json(&json!({"name": "Through a token"})),
    );
    created_program.assert_status(201);

    admin
        .delete(&format!("/api/v1/me/tokens/{id}"))
        .assert_status(204);
    let refused = with_token("/api/v1/me");
    refused.assert_status(401);
    assert_eq!(refused.json()["error"]["code"], "unauthorized");
    assert!(admin.get("/api/v1/me/tokens").json()[0]["revoked_at"].is_string());
    bearer
        .send(
            bearer
                .request(Method::GET, "/api/v1/me")
                .bearer_auth("smb_made_up"),
        )
        .assert_status(401);
}

#[test]
fn a_token_limited_to_one_project_reaches_only_that_project() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    let created = donor.post_json(
        "/api/v1/me/tokens",
        &json!({"name": "Dashboard", "role": "donor_viewer", "projects": [2]}),
    );
    created.assert_status(201);
    let secret = created.json()["secret"].as_str().unwrap().to_owned();
    let bearer = Http::new(server.base_url());
    let get = |path: &str| bearer.send(bearer.request(Method::GET, path).bearer_auth(&secret));
    get("/api/v1/projects/2").assert_status(200);
    get("/api/v1/projects/4").assert_status(403);
    donor.get("/api/v1/projects/4").assert_status(200);

    let not_mine = donor.post_json(
        "/api/v1/me/tokens",
        &json!({"name": "More", "role": "donor_viewer", "projects": [5]}),
    );
    not_mine.assert_status(422);
    assert_eq!(
        not_mine.json()["error"]["fields"][0]["code"],
        "project_not_reachable"
    );
    let not_my_role = donor.post_json(
        "/api/v1/me/tokens",
        &json!({"name": "More", "role": "administrator"}),
    );
    not_my_role.assert_status(422);
    assert_eq!(not_my_role.json()["error"]["fields"][0]["field"], "role");
}

#[test]
fn an_administrator_invites_an_account_that_sets_its_password_once() {
    let server = TestServer::spawn();
    let admin = server.http();
    let program = tests::fixtures::create_program(&server, "Programa Sur", "");
    let created = admin.post_json(
        "/api/v1/users",
        &json!({"email": "Monitora@Example.org", "display_name": "Rosa Huamán",
                "role": "field_monitor", "scope_kind": "program", "scope_id": program}),
    );
    created.assert_status(201);
    let invitation = created.json();
    assert_eq!(invitation["user"]["email"], "monitora@example.org");
    assert_eq!(invitation["user"]["has_password"], false);
    let path = invitation["path"].as_str().unwrap().to_owned();
    let token = path.strip_prefix("/invite/").unwrap().to_owned();

    // Before accepting, the account cannot sign in.
    server
        .anonymous()
        .post_form(
            "/login",
            &[
                ("email", "monitora@example.org"),
                ("password", "anything at all"),
            ],
        )
        .assert_status(401);

    let weak = server.anonymous().post_json(
        &format!("/api/v1/invitations/{token}"),
        &json!({"password": "short", "password_repeat": "short"}),
    );
    weak.assert_status(422);
    assert_eq!(weak.json()["error"]["fields"][0]["code"], "weak_password");
    server
        .anonymous()
        .post_json(
            &format!("/api/v1/invitations/{token}"),
            &json!({"password": "cacao y café 2026", "password_repeat": "cacao y café 2026"}),
        )
        .assert_status(204);
    let again = server.anonymous().post_json(
        &format!("/api/v1/invitations/{token}"),
        &json!({"password": "another long one", "password_repeat": "another long one"}),
    );
    again.assert_status(422);
    assert_eq!(
        again.json()["error"]["fields"][0]["code"],
        "invitation_invalid"
    );

    let monitor = server.sign_in("monitora@example.org", "cacao y café 2026");
    let me = monitor.get("/api/v1/me").json();
    assert_eq!(me["display_name"], "Rosa Huamán");
    assert_eq!(
        me["grants"][0]["scope"],
        json!({"kind": "program", "id": program.parse::<i64>().unwrap()})
    );
    monitor.get("/api/v1/users").assert_status(403);

    let duplicate = admin.post_json(
        "/api/v1/users",
        &json!({"email": "monitora@example.org", "display_name": "Otra", "role": "donor_viewer",
                "scope_kind": "global", "scope_id": ""}),
    );
    duplicate.assert_status(422);
    assert_eq!(duplicate.json()["error"]["fields"][0]["field"], "email");
}

#[test]
fn an_organisation_administrator_cannot_hand_out_rights_beyond_its_organisation() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[0];
    let demo_admin = server.sign_in(email, password);
    let global = demo_admin.post_json(
        "/api/v1/users",
        &json!({"email": "x@example.org", "display_name": "X", "role": "administrator",
                "scope_kind": "global", "scope_id": ""}),
    );
    global.assert_status(403);
    demo_admin
        .post_json(
            "/api/v1/users",
            &json!({"email": "y@example.org", "display_name": "Y", "role": "donor_viewer",
                    "scope_kind": "project", "scope_id": 3}),
        )
        .assert_status(201);
}

#[test]
fn changing_a_password_needs_the_current_one_and_ends_other_sessions() {
    let server = TestServer::spawn();
    let first = server.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD);
    let second = server.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD);
    let wrong = second.send(second.request(Method::PUT, "/api/v1/me/password").json(&json!({
        "current_password": "not the one", "password": "a brand new password", "password_repeat": "a brand new password"})));
    wrong.assert_status(422);
    assert_eq!(
        wrong.json()["error"]["fields"][0]["field"],
        "current_password"
    );
    second
        .send(
            second
                .request(Method::PUT, "/api/v1/me/password")
                .json(&json!({
            "current_password": ADMIN_PASSWORD, "password": "a brand new password",
            "password_repeat": "a brand new password"})),
        )
        .assert_status(204);
    second.get("/api/v1/me").assert_status(200);
    first.get("/api/v1/me").assert_status(401);
    server.sign_in(ADMIN_EMAIL, "a brand new password");
}

#[test]
fn the_audit_trail_records_who_changed_what_and_can_be_filtered() {
    let server = TestServer::spawn();
    let admin = server.http();
    tests::fixtures::create_program(&server, "Programa auditado", "");
    server.anonymous().post_form(
        "/login",
        &[("email", ADMIN_EMAIL), ("password", "wrong password!")],
    );

    let events = admin
        .get("/api/v1/audit?entity_type=program")
        .assert_status(200)
        .json();
    let event = &events[0];
    assert_eq!(event["action"], "create");
    assert_eq!(event["actor_email"], ADMIN_EMAIL);
    assert!(
        event["summary"]
            .as_str()
            .unwrap()
            .contains("Programa auditado")
    );
    let new_value: serde_json::Value =
        serde_json::from_str(event["new_value"].as_str().unwrap()).unwrap();
    assert_eq!(new_value["name"], "Programa auditado");

    let failed = admin.get("/api/v1/audit?action=sign_in_failed").json();
    assert_eq!(failed.as_array().unwrap().len(), 1);
    let signed_in = admin
        .get(&format!(
            "/api/v1/audit?action=sign_in&actor={}",
            "ADMIN@test"
        ))
        .json();
    assert!(
        !signed_in.as_array().unwrap().is_empty(),
        "actor filter ignores case"
    );
    let bad = admin.get("/api/v1/audit?from=2026-02-30");
    bad.assert_status(422);
    assert_eq!(bad.json()["error"]["fields"][0]["field"], "from");

    if server.database_kind() == DatabaseKind::Postgres {
        let database = server.postgres().unwrap();
        let changed = psql(
            database.url(),
            "UPDATE audit_events SET summary = 'rewritten'",
        );
        assert!(
            changed.is_err(),
            "the audit trail refuses updates: {changed:?}"
        );
        let removed = psql(database.url(), "DELETE FROM audit_events");
        assert!(
            removed.is_err(),
            "the audit trail refuses deletes: {removed:?}"
        );
    }
}

#[test]
fn the_api_is_rate_limited_per_caller() {
    let server = TestServer::spawn_with(|command| {
        command.env("SEMBRAR_API_RATE_PER_MINUTE", "5");
    });
    let admin = server.http();
    let statuses: Vec<u16> = (0..7)
        .map(|_| admin.get("/api/v1/programs").status)
        .collect();
    assert_eq!(&statuses[..5], &[200; 5]);
    assert_eq!(statuses[6], 429);
    assert_eq!(
        admin.get("/api/v1/programs").json()["error"]["code"],
        "too_many_requests"
    );
}

#[test]
fn pages_carry_a_content_security_policy_that_still_lets_the_webassembly_run() {
    let server = TestServer::spawn();
    let page = server.http().get("/");
    let policy = page
        .header("content-security-policy")
        .expect("a CSP")
        .to_owned();
    assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        page.body.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the nonce"
    );
}

#[test]
fn each_reader_of_the_audit_trail_sees_only_the_events_within_its_scope() {
    let server = demo_server();
    let (officer_email, officer_password, _) = DEMO_ACCOUNTS[1];
    let officer = server.sign_in(officer_email, officer_password);
    let project = |name: &str| {
        json!({"name": name, "kind": "ad", "country": "CO", "start_date": "2026-01-01",
               "end_date": "2027-01-01", "illicit_crops": ["coca_bush"],
               "planned_crops": [{"crop": "cocoa", "hectares": 5}]})
    };
    officer
        .post_json("/api/v1/programs/1/projects", &project("En Colombia"))
        .assert_status(201);
    officer
        .post_json("/api/v1/programs/2/projects", &project("En Perú"))
        .assert_status(201);

    let (me_email, me_password, _) = DEMO_ACCOUNTS[2];
    let me = server.sign_in(me_email, me_password);
    let seen: Vec<String> = me
        .get("/api/v1/audit?entity_type=project")
        .assert_status(200)
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["summary"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].contains("En Colombia"));

    let (admin_email, admin_password, _) = DEMO_ACCOUNTS[0];
    let admin = server.sign_in(admin_email, admin_password);
    let all = admin.get("/api/v1/audit?entity_type=project").json();
    assert_eq!(all.as_array().unwrap().len(), 2);
}
