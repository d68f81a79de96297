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

/// Elements a `<p>` cannot hold: an HTML parser meeting one of them closes the paragraph first,
/// so the page in the browser is no longer the page that was rendered, and hydration breaks.
const NOT_IN_A_PARAGRAPH: [&str; 25] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "table",
];

/// Each element that `html` opens inside a `<p>` although a paragraph cannot hold it, with the
/// paragraph's opening text (the contents of `<script>`, `<style>` and `<template>` are skipped).
fn misplaced_in_paragraphs(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut open_paragraph: Option<usize> = None;
    let mut at = 0;
    while let Some(offset) = lower[at..].find('<') {
        let start = at + offset;
        let rest = &lower[start + 1..];
        let end = rest.find('>').map_or(lower.len(), |e| start + 1 + e);
        let tag = &rest[..end - start - 1];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        at = end.min(lower.len());
        if !closing && ["script", "style", "template"].contains(&name.as_str()) {
            let close = format!("</{name}");
            at = lower[at..].find(&close).map_or(lower.len(), |c| at + c);
            continue;
        }
        if name == "p" && closing {
            open_paragraph = None;
            continue;
        }
        if let Some(paragraph) = open_paragraph
            && !closing
            && NOT_IN_A_PARAGRAPH.contains(&name.as_str())
        {
            let context: String = html[paragraph..].chars().take(120).collect();
            found.push(format!("<{name}> inside {context}"));
        }
        if name == "p" && !closing {
            open_paragraph = Some(start);
        }
    }
    found
}

#[test]
fn the_paragraph_check_finds_a_form_inside_a_paragraph_and_passes_a_form_after_one() {
    assert_eq!(
        misplaced_in_paragraphs(
            "<p>Edit · <form method=\"post\"><button>Delete</button></form></p>"
        )
        .len(),
        1
    );
    assert!(
        misplaced_in_paragraphs("<p>Edit</p><form><p>Name</p></form><script>'<p><div>'</script>")
            .is_empty()
    );
}

#[test]
fn no_page_puts_a_block_such_as_a_form_inside_a_paragraph_where_the_browser_would_split_it() {
    let server = crate::access::demo_server();
    let admin = server.http();
    // A goal with nothing under it yet, so that the results tab offers to delete it.
    admin
        .post_json(
            "/api/v1/projects/5/results",
            &serde_json::json!({"level": "goal", "statement": "Cacao en lugar de coca."}),
        )
        .assert_status(201);
    let mut pages: Vec<String> = [
        "/",
        "/programs",
        "/programs/new",
        "/programs/1",
        "/programs/2",
        "/programs/1/projects/new",
        "/projects",
        "/donors",
        "/account",
        "/admin/users",
        "/admin/users/5",
        "/audit",
    ]
    .map(str::to_owned)
    .to_vec();
    for project in 1..=5 {
        for tab in [
            "",
            "/edit",
            "/map",
            "/plan",
            "/results",
            "/timeline",
            "/baselines/import",
            "/livelihood-plans/new",
            "/indicators/new",
        ] {
            pages.push(format!("/projects/{project}{tab}"));
        }
        let plans = admin
            .get(&format!("/api/v1/projects/{project}/livelihood-plans"))
            .json();
        for plan in plans.as_array().into_iter().flatten() {
            let id = plan["plan"]["id"].as_i64().expect("a plan id");
            pages.push(format!("/projects/{project}/livelihood-plans/{id}"));
        }
        let framework = admin
            .get(&format!("/api/v1/projects/{project}/results-framework"))
            .json();
        for indicator in framework["framework"]["indicators"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let id = indicator["id"].as_i64().expect("an indicator id");
            pages.push(format!("/projects/{project}/indicators/{id}"));
            pages.push(format!("/projects/{project}/indicators/{id}/targets"));
        }
    }
    let mut problems = Vec::new();
    let mut inline_forms_seen = std::collections::BTreeSet::new();
    for page in &pages {
        let response = admin.get(page);
        assert_eq!(response.status, 200, "{page}: {}", response.body);
        for class in ["delete-result", "delete-indicator", "delete-component"] {
            if response.body.contains(class) {
                inline_forms_seen.insert(class);
            }
        }
        for problem in misplaced_in_paragraphs(&response.body) {
            problems.push(format!("{page}: {problem}"));
        }
    }
    assert!(pages.len() > 50, "only {} pages walked", pages.len());
    assert_eq!(
        inline_forms_seen.len(),
        3,
        "the walk met the inline delete forms of results, indicators and components: {inline_forms_seen:?}"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_browser_bundle_is_sent_as_compressed_once_when_it_was_built_not_on_every_request() {
    let server = TestServer::spawn();
    let http = server.anonymous();
    for (file, kind) in [
        ("/pkg/sembrar.wasm", "application/wasm"),
        ("/pkg/sembrar.js", "text/javascript"),
    ] {
        let compressed = http.send(
            http.request(Method::GET, file)
                .header("accept-encoding", "gzip"),
        );
        compressed.assert_status(200);
        assert_eq!(
            compressed.header("content-encoding"),
            Some("gzip"),
            "{file}"
        );
        assert_eq!(compressed.header("content-type"), Some(kind), "{file}");
        assert!(
            compressed
                .header("vary")
                .is_some_and(|v| v.contains("accept-encoding")),
            "{file}: caches keep the two forms apart"
        );
        // A client that takes no gzip gets the file itself.
        let plain = http.send(http.request(Method::GET, file));
        plain.assert_status(200);
        assert_eq!(plain.header("content-encoding"), None, "{file}");
    }
}
