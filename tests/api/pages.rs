//! Server-rendered pages: the demo, 404s, the language choice and the security headers.

use tests::{Method, TestServer};

#[test]
fn the_run_command_demo_is_seeded_on_first_start_and_marked_as_demo_data() {
    let server = TestServer::spawn_with(|command| {
        command.env("SEMBRAR_SEED_DEMO", "true");
    });
    let programs = server.http().get("/api/v1/programs").json();
    let programs = programs.as_array().unwrap();
    assert!(programs.len() >= 2);
    assert!(programs.iter().all(|p| p["is_demo"] == true));
    assert!(
        programs
            .iter()
            .all(|p| p["project_count"].as_i64().unwrap() > 0)
    );
    let page = server.http().get("/").assert_status(200).body.clone();
    assert!(page.contains("Demo data"));
    assert!(page.contains("id=\"program-list\""));
}

#[test]
fn an_unknown_page_answers_404_with_a_page_in_the_layout() {
    let server = TestServer::spawn();
    let response = server.http().get("/no/such/page");
    response.assert_status(404);
    assert!(response.body.contains("Page not found"));
    let response = server.http().get("/projects/999");
    response.assert_status(404);
}

#[test]
fn pages_follow_the_browsers_language_and_the_remembered_choice() {
    let server = TestServer::spawn();
    let http = server.http();
    let spanish = http.send(
        http.request(Method::GET, "/")
            .header("accept-language", "es-PE,es;q=0.9"),
    );
    assert!(spanish.body.contains("<html lang=\"es\""));
    assert!(spanish.body.contains("Programas"));

    let switch = http.get("/lang/en?back=/programs/new");
    switch.assert_status(303);
    assert_eq!(switch.location(), Some("/programs/new"));
    let cookie = switch.header("set-cookie").unwrap().to_owned();
    assert!(cookie.starts_with("sembrar_lang=en"), "{cookie}");
    let cookie_pair = cookie.split(';').next().unwrap().to_owned();

    let remembered = http.send(
        http.request(Method::GET, "/")
            .header("accept-language", "es")
            .header("cookie", cookie_pair),
    );
    assert!(
        remembered.body.contains("<html lang=\"en\""),
        "the cookie wins"
    );

    let outside = http.get("/lang/es?back=//evil.example/");
    assert_eq!(
        outside.location(),
        Some("/"),
        "never redirects off the site"
    );
}

#[test]
fn responses_carry_security_headers() {
    let server = TestServer::spawn();
    let response = server.http().get("/");
    assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(response.header("x-frame-options"), Some("DENY"));
    assert_eq!(response.header("referrer-policy"), Some("same-origin"));
}

#[test]
fn a_configured_tile_layer_is_drawn_under_project_maps_and_allowed_by_the_content_security_policy()
{
    let server = TestServer::spawn_with(|command| {
        command
            .env("SEMBRAR_SEED_DEMO", "true")
            .env(
                "SEMBRAR_TILE_URL",
                "https://tiles.example.org/base/{z}/{x}/{y}.png",
            )
            .env("SEMBRAR_TILE_ATTRIBUTION", "Example tiles contributors");
    });
    let page = server.http().get("/projects/1/map");
    page.assert_status(200);
    let policy = page
        .header("content-security-policy")
        .expect("a CSP")
        .to_owned();
    let img_src = policy
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("img-src"))
        .expect("an img-src directive")
        .to_owned();
    assert!(img_src.contains("https://tiles.example.org"), "{policy}");
    assert!(
        page.body
            .contains("<image href=\"https://tiles.example.org/base/"),
        "the map draws tiles under the area"
    );
    assert!(page.body.contains("Example tiles contributors"));

    let plain = TestServer::spawn_with(|command| {
        command.env("SEMBRAR_SEED_DEMO", "true");
    });
    let page = plain.http().get("/projects/1/map");
    page.assert_status(200);
    assert!(!page.body.contains("<image "), "no tiles unless configured");
    assert!(
        !page
            .header("content-security-policy")
            .unwrap()
            .contains("tiles.example.org")
    );
}
