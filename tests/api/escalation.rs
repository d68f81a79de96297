//! No escalation: an administrator acts only on accounts within its reach, an invitation to an
//! account in use is a password reset that ends its sessions and tokens, a token limited to some
//! projects makes no token reaching further, and no redirect leaves the site.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};
use tests::{ADMIN_EMAIL, ADMIN_PASSWORD, Http, Method, TestServer};

fn user_id(users: &Value, email: &str) -> i64 {
    users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == email)
        .unwrap_or_else(|| panic!("{email} in {users}"))["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn an_organisation_administrator_gets_no_invitation_link_for_an_account_reaching_further() {
    let server = demo_server();
    let users = server.http().get("/api/v1/users").json();
    let global = user_id(&users, ADMIN_EMAIL);
    let officer = user_id(&users, DEMO_ACCOUNTS[1].0);
    let (email, password, _) = DEMO_ACCOUNTS[0];
    let organisation_admin = server.sign_in(email, password);

    let refused =
        organisation_admin.post_json(&format!("/api/v1/users/{global}/invitations"), &json!({}));
    refused.assert_status(403);
    // Nothing was made: the global administrator still signs in with its password.
    server.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD);
    // Its own organisation's accounts are its to reset.
    organisation_admin
        .post_json(&format!("/api/v1/users/{officer}/invitations"), &json!({}))
        .assert_status(201);
}

#[test]
fn an_invitation_accepted_for_an_account_in_use_ends_its_sessions_and_tokens() {
    let server = TestServer::spawn();
    let admin = server.http();
    let program = tests::fixtures::create_program(&server, "Sur", "");
    let created = admin.post_json(
        "/api/v1/users",
        &json!({"email": "officer@example.org", "display_name": "Ana", "role": "program_officer",
                "scope_kind": "program", "scope_id": program}),
    );
    created.assert_status(201);
    let accept = |path: &str, password: &str| accept_invitation(&server, path, password);
    accept(
        created.json()["path"].as_str().unwrap(),
        "first long password",
    );
    let session = server.sign_in("officer@example.org", "first long password");
    let token = session.post_json(
        "/api/v1/me/tokens",
        &json!({"name": "Sync", "role": "program_officer"}),
    );
    token.assert_status(201);
    let secret = token.json()["secret"].as_str().unwrap().to_owned();
    let bearer = Http::new(server.base_url());
    let with_token = || {
        bearer.send(
            bearer
                .request(Method::GET, "/api/v1/me")
                .bearer_auth(&secret),
        )
    };
    with_token().assert_status(200);

    let id = created.json()["user"]["id"].as_i64().unwrap();
    let reset = admin.post_json(&format!("/api/v1/users/{id}/invitations"), &json!({}));
    reset.assert_status(201);
    accept(
        reset.json()["path"].as_str().unwrap(),
        "second long password",
    );
    session.get("/api/v1/me").assert_status(401);
    with_token().assert_status(401);
    server.sign_in("officer@example.org", "second long password");
}

#[test]
fn a_token_limited_to_some_projects_makes_only_tokens_limited_to_some_of_them() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    let limited = donor.post_json(
        "/api/v1/me/tokens",
        &json!({"name": "Dashboard", "role": "donor_viewer", "projects": [2]}),
    );
    limited.assert_status(201);
    let secret = limited.json()["secret"].as_str().unwrap().to_owned();
    let bearer = Http::new(server.base_url());
    let make = |body: Value| {
        bearer.send(
            bearer
                .request(Method::POST, "/api/v1/me/tokens")
                .bearer_auth(&secret)
                .json(&body),
        )
    };
    let everywhere = make(json!({"name": "All", "role": "donor_viewer", "projects": []}));
    everywhere.assert_status(422);
    assert_eq!(
        everywhere.json()["error"]["fields"][0]["code"],
        "token_needs_projects"
    );
    let further = make(json!({"name": "More", "role": "donor_viewer", "projects": [4]}));
    further.assert_status(422);
    assert_eq!(
        further.json()["error"]["fields"][0]["code"],
        "project_not_reachable"
    );
    let within = make(json!({"name": "Same", "role": "donor_viewer", "projects": [2]}));
    within.assert_status(201);
    let child = within.json()["secret"].as_str().unwrap().to_owned();
    let get = |path: &str| bearer.send(bearer.request(Method::GET, path).bearer_auth(&child));
    get("/api/v1/projects/2").assert_status(200);
    get("/api/v1/projects/4").assert_status(403);
}

#[test]
fn no_redirect_taken_from_a_request_leaves_the_site() {
    let server = TestServer::spawn();
    let http = server.anonymous();
    for back in [
        "/%09/evil.example",
        "/%0a/evil.example",
        "//evil.example",
        "/%5Cevil.example",
        "https://evil.example",
        "javascript:alert(1)",
    ] {
        let switched = http.get(&format!("/lang/es?back={back}"));
        assert_eq!(switched.status, 303, "{back}");
        assert_eq!(switched.location(), Some("/"), "{back}");
    }
    assert_eq!(
        http.get("/lang/es?back=/programs/3%3Fq%3D1").location(),
        Some("/programs/3?q=1")
    );
    let signed_in = http.post_form(
        "/login",
        &[
            ("email", ADMIN_EMAIL),
            ("password", ADMIN_PASSWORD),
            ("next", "/\t/evil.example"),
        ],
    );
    signed_in.assert_status(303);
    assert_eq!(signed_in.location(), Some("/"));
}

/// Sets the password of the account an invitation `path` (`/invite/…`) is for.
pub(crate) fn accept_invitation(server: &TestServer, path: &str, password: &str) {
    let token = path.strip_prefix("/invite/").unwrap();
    server
        .anonymous()
        .post_json(
            &format!("/api/v1/invitations/{token}"),
            &json!({"password": password, "password_repeat": password}),
        )
        .assert_status(204);
}

/// An account made by `admin` with one role, its invitation accepted: its id and its password.
fn invited_account(server: &TestServer, admin: &Http, email: &str, grant: Value) -> (i64, String) {
    let mut body = json!({"email": email, "display_name": "Ana"});
    for (key, value) in grant.as_object().unwrap() {
        body[key] = value.clone();
    }
    let created = admin.post_json("/api/v1/users", &body);
    created.assert_status(201);
    let password = format!("{email} long password");
    accept_invitation(server, created.json()["path"].as_str().unwrap(), &password);
    (created.json()["user"]["id"].as_i64().unwrap(), password)
}

/// A program, and a program officer of it signed in: (program, account id, password, session).
fn program_officer(server: &TestServer) -> (String, i64, String, Http) {
    let program = tests::fixtures::create_program(server, "Sur", "");
    let (id, password) = invited_account(
        server,
        server.http(),
        "officer@example.org",
        json!({"role": "program_officer", "scope_kind": "program", "scope_id": program}),
    );
    let session = server.sign_in("officer@example.org", &password);
    (program, id, password, session)
}

/// A token's secret made by `http` with `role`.
fn token_of(http: &Http, role: &str) -> String {
    let made = http.post_json("/api/v1/me/tokens", &json!({"name": "Sync", "role": role}));
    made.assert_status(201);
    made.json()["secret"].as_str().unwrap().to_owned()
}

fn with_bearer(server: &TestServer, secret: &str, path: &str) -> tests::Response {
    let bearer = Http::new(server.base_url());
    bearer.send(bearer.request(Method::GET, path).bearer_auth(secret))
}

fn audit_actions(admin: &Http, entity: &str) -> Vec<String> {
    admin
        .get(&format!("/api/v1/audit?entity_type={entity}"))
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_deactivated_account_loses_its_sessions_and_tokens_and_signs_in_again_once_reactivated() {
    let server = TestServer::spawn();
    let admin = server.http();
    let (_, id, password, session) = program_officer(&server);
    let secret = token_of(&session, "program_officer");
    with_bearer(&server, &secret, "/api/v1/me").assert_status(200);

    let off = admin.put_json(
        &format!("/api/v1/users/{id}/active"),
        &json!({"active": false}),
    );
    off.assert_status(200);
    let account = off.json();
    assert_eq!(account["user"]["is_active"], false);
    assert!(
        account["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| !t["revoked_at"].is_null()),
        "every token revoked: {account}"
    );
    session.get("/api/v1/me").assert_status(401);
    with_bearer(&server, &secret, "/api/v1/me").assert_status(401);
    let refused = server.anonymous().post_form(
        "/login",
        &[("email", "officer@example.org"), ("password", &password)],
    );
    refused.assert_status(401);
    assert!(audit_actions(admin, "user").contains(&"deactivate".to_owned()));

    let on = admin.put_json(
        &format!("/api/v1/users/{id}/active"),
        &json!({"active": true}),
    );
    on.assert_status(200);
    assert_eq!(on.json()["user"]["is_active"], true);
    server.sign_in("officer@example.org", &password);
    // Its earlier tokens stay revoked.
    with_bearer(&server, &secret, "/api/v1/me").assert_status(401);
    assert!(audit_actions(admin, "user").contains(&"reactivate".to_owned()));
    // Bodies other than `{"active": bool}` are refused as malformed and change nothing.
    admin
        .put_json(
            &format!("/api/v1/users/{id}/active"),
            &json!({"active": "no"}),
        )
        .assert_status(400);
    admin
        .put_json(
            &format!("/api/v1/users/{id}/active"),
            &json!({"active": false, "x": 1}),
        )
        .assert_status(400);
    assert_eq!(
        admin.get(&format!("/api/v1/users/{id}")).json()["user"]["is_active"],
        true
    );
}

#[test]
fn a_removed_role_and_a_revoked_token_take_their_reach_with_them_at_once() {
    let server = TestServer::spawn();
    let admin = server.http();
    let (program, id, _, session) = program_officer(&server);
    let first = token_of(&session, "program_officer");
    let second = token_of(&session, "program_officer");
    let program_path = format!("/api/v1/programs/{program}");
    session.get(&program_path).assert_status(200);

    let account = admin.get(&format!("/api/v1/users/{id}")).json();
    assert_eq!(account["is_caller"], false);
    let tokens = account["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 2, "{account}");
    let first_id = tokens
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .min()
        .unwrap();
    admin
        .delete(&format!("/api/v1/users/{id}/tokens/{first_id}"))
        .assert_status(204);
    admin
        .delete(&format!("/api/v1/users/{id}/tokens/{first_id}"))
        .assert_status(404);
    with_bearer(&server, &first, &program_path).assert_status(401);
    with_bearer(&server, &second, &program_path).assert_status(200);

    let grant = account["grants"][0]["id"].as_i64().unwrap();
    assert_eq!(account["grants"][0]["grant"]["role"], "program_officer");
    admin
        .delete(&format!("/api/v1/users/{id}/grants/{grant}"))
        .assert_status(204);
    admin
        .delete(&format!("/api/v1/users/{id}/grants/{grant}"))
        .assert_status(404);
    // The session and the remaining token read the account's roles on every request.
    session.get(&program_path).assert_status(403);
    with_bearer(&server, &second, &program_path).assert_status(403);
    assert_eq!(
        admin.get(&format!("/api/v1/users/{id}")).json()["grants"],
        json!([])
    );
    assert!(audit_actions(admin, "role_grant").contains(&"revoke".to_owned()));
    assert!(audit_actions(admin, "api_token").contains(&"revoke".to_owned()));
}

#[test]
fn an_administrator_may_not_deactivate_itself_or_remove_its_own_roles() {
    let server = TestServer::spawn();
    let admin = server.http();
    let id = user_id(&admin.get("/api/v1/users").json(), ADMIN_EMAIL);
    let account = admin.get(&format!("/api/v1/users/{id}")).json();
    assert_eq!(account["is_caller"], true);
    let off = admin.put_json(
        &format!("/api/v1/users/{id}/active"),
        &json!({"active": false}),
    );
    off.assert_status(422);
    assert_eq!(off.json()["error"]["fields"][0]["code"], "own_account");
    let grant = account["grants"][0]["id"].as_i64().unwrap();
    let strip = admin.delete(&format!("/api/v1/users/{id}/grants/{grant}"));
    strip.assert_status(422);
    assert_eq!(strip.json()["error"]["fields"][0]["code"], "own_account");
    admin.get("/api/v1/programs").assert_status(200);
}

#[test]
fn an_organisation_administrator_cannot_disable_or_strip_an_account_reaching_further() {
    let server = demo_server();
    let users = server.http().get("/api/v1/users").json();
    let global = user_id(&users, ADMIN_EMAIL);
    let monitor = user_id(&users, DEMO_ACCOUNTS[3].0);
    let (email, password, _) = DEMO_ACCOUNTS[0];
    let organisation_admin = server.sign_in(email, password);
    organisation_admin
        .get(&format!("/api/v1/users/{global}"))
        .assert_status(403);
    organisation_admin
        .put_json(
            &format!("/api/v1/users/{global}/active"),
            &json!({"active": false}),
        )
        .assert_status(403);
    let grant = server.http().get(&format!("/api/v1/users/{global}")).json()["grants"][0]["id"]
        .as_i64()
        .unwrap();
    organisation_admin
        .delete(&format!("/api/v1/users/{global}/grants/{grant}"))
        .assert_status(403);
    organisation_admin
        .post_form(
            &format!("/admin/users/{global}/active"),
            &[("active", "false")],
        )
        .assert_status(403);
    server.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD);
    // Within its organisation it manages accounts.
    organisation_admin
        .get(&format!("/api/v1/users/{monitor}"))
        .assert_status(200);
}

#[test]
fn the_account_page_deactivates_removes_roles_and_revokes_tokens_with_plain_form_posts() {
    let server = TestServer::spawn();
    let admin = server.http();
    let (_, id, _, session) = program_officer(&server);
    token_of(&session, "program_officer");
    let page = format!("/admin/users/{id}");
    let list = admin.get("/admin/users");
    assert!(
        list.body.contains(&format!("href=\"{page}\"")),
        "the list links the account"
    );
    let before = admin.get(&page);
    before.assert_status(200);
    for part in [
        "officer@example.org",
        "id=\"deactivate\"",
        "grant-row-",
        "token-row-",
    ] {
        assert!(before.body.contains(part), "{part} on the account page");
    }
    let account = admin.get(&format!("/api/v1/users/{id}")).json();
    let token = account["tokens"][0]["id"].as_i64().unwrap();
    let grant = account["grants"][0]["id"].as_i64().unwrap();

    let revoked = admin.post_form(&format!("{page}/tokens/{token}/revoke"), &[]);
    revoked.assert_status(303);
    assert_eq!(
        revoked.location(),
        Some(format!("{page}?done=token_revoked").as_str())
    );
    let off = admin.post_form(&format!("{page}/active"), &[("active", "false")]);
    off.assert_status(303);
    assert_eq!(
        off.location(),
        Some(format!("{page}?done=deactivated").as_str())
    );
    let after = admin.get(&format!("{page}?done=deactivated"));
    assert!(after.body.contains("id=\"account-deactivated\""));
    assert!(after.body.contains("id=\"reactivate\""));
    let removed = admin.post_form(&format!("{page}/grants/{grant}/revoke"), &[]);
    removed.assert_status(303);
    assert!(admin.get(&page).body.contains("id=\"no-roles\""));
    // A value other than true or false is named and changes nothing.
    let odd = admin.post_form(&format!("{page}/active"), &[("active", "maybe")]);
    odd.assert_status(422);
    assert_eq!(
        admin.get(&format!("/api/v1/users/{id}")).json()["user"]["is_active"],
        false
    );

    // The administrator's own account: no buttons that would lock it out, and a post is refused
    // with the reason.
    let me = user_id(&admin.get("/api/v1/users").json(), ADMIN_EMAIL);
    let own = admin.get(&format!("/admin/users/{me}"));
    assert!(own.body.contains("id=\"own-account\""));
    assert!(!own.body.contains("id=\"deactivate\""));
    let refused = admin.post_form(&format!("/admin/users/{me}/active"), &[("active", "false")]);
    refused.assert_status(422);
    assert!(
        refused
            .body
            .contains("You cannot deactivate your own account"),
        "{}",
        refused.body
    );
    admin.get("/api/v1/me").assert_status(200);
}

#[test]
fn every_error_page_has_a_title_that_says_what_kind_of_problem_it_is() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[3];
    let monitor = server.sign_in(email, password);
    let title = |response: &tests::Response| {
        let body = &response.body;
        let start = body.find("<title>").map(|i| i + 7).unwrap_or(0);
        let end = body[start..].find("</title>").map_or(start, |i| start + i);
        body[start..end].to_owned()
    };
    let forbidden = monitor.get("/admin/users");
    forbidden.assert_status(403);
    assert!(
        title(&forbidden).contains("You have no access to this page"),
        "{}",
        title(&forbidden)
    );
    let missing = monitor.get("/projects/99999");
    assert!(matches!(missing.status, 403 | 404));
    assert!(!title(&missing).is_empty());
    let unknown = server.http().get("/admin/users/99999");
    unknown.assert_status(404);
    assert!(
        title(&unknown).contains("Page not found"),
        "{}",
        title(&unknown)
    );
}
