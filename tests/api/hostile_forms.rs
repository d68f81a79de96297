//! No panic from typed text: every form of every page an administrator reaches (crawled from the
//! home page, not listed here), and every JSON body of the REST API (from the OpenAPI document),
//! is sent with each field in turn holding text no form accepts — 100,000 characters mixing
//! multi-byte letters, right-to-left marks and overrides, NUL and other control characters — and
//! must answer 4xx where a person types (a hidden field or a choice may be read as its default:
//! below 500); every field holding short awkward text at once must answer below 500. The server
//! stays up and never logs a panic.

use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use tests::{Http, Method, TestServer};

/// The demo, with the API's rate limit out of the way of a walk of a thousand requests.
fn walk_server() -> TestServer {
    TestServer::spawn_with(|command| {
        command
            .env("SEMBRAR_SEED_DEMO", "true")
            .env("SEMBRAR_API_RATE_PER_MINUTE", "1000000");
    })
}

/// Text no field accepts: far too long, and full of what trips text handling.
fn hostile() -> String {
    let piece = "é中𝄞\u{200f}\u{202e}\u{feff}\u{0}\u{7}\u{1b}\r\n\t<script>'\"=+-@";
    let mut text = String::new();
    while text.chars().count() < 100_000 {
        text.push_str(piece);
    }
    text
}

/// Short awkward text that a free-text field may well accept.
const AWKWARD: &str = "Ñandú \u{200f}مزرعة\u{202e} 中文 \u{0}\u{7} =1+1";

/// The value of a `name="…"` attribute in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].replace("&amp;", "&"))
}

/// A form of a page: where it posts and its fields (name, value as rendered, kind: the input's
/// `type`, or `select`, `textarea`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct PageForm {
    action: String,
    fields: Vec<(String, String, String)>,
}

/// Whether a person types into fields of this kind (rather than choosing or not seeing them).
fn typed(kind: &str) -> bool {
    matches!(
        kind,
        "" | "text"
            | "textarea"
            | "number"
            | "date"
            | "email"
            | "tel"
            | "search"
            | "password"
            | "url"
            | "month"
    )
}

/// The post forms of a page.
fn forms_of(page: &str, html: &str) -> Vec<PageForm> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<form") {
        let after = &rest[open..];
        let tag_end = after.find('>').unwrap_or(after.len());
        let tag = &after[..tag_end];
        let close = after.find("</form>").unwrap_or(after.len());
        let body = &after[tag_end..close];
        rest = &after[close..];
        if !attribute(tag, "method").is_some_and(|m| m.eq_ignore_ascii_case("post")) {
            continue;
        }
        let action = attribute(tag, "action").unwrap_or_else(|| page.to_owned());
        let mut fields = Vec::new();
        for element in ["<input", "<select", "<textarea"] {
            let mut inner = body;
            while let Some(at) = inner.find(element) {
                let field = &inner[at..];
                let end = field.find('>').unwrap_or(field.len());
                let tag = &field[..end];
                inner = &field[end..];
                let Some(name) = attribute(tag, "name") else {
                    continue;
                };
                let kind = match element {
                    "<select" => "select".to_owned(),
                    "<textarea" => "textarea".to_owned(),
                    _ => attribute(tag, "type").unwrap_or_default(),
                };
                if matches!(kind.as_str(), "file" | "submit" | "button") {
                    continue;
                }
                let value = attribute(tag, "value").unwrap_or_default();
                fields.push((name, value, kind));
            }
        }
        found.push(PageForm { action, fields });
    }
    found
}

/// Same-site links of a page worth following: pages, not files, sign-out or API answers.
fn links_of(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("href=\"/") {
        let start = at + 6;
        let end = rest[start..].find('"').map_or(rest.len(), |e| start + e);
        let link = rest[start..end].replace("&amp;", "&");
        rest = &rest[end..];
        let path = link.split(['?', '#']).next().unwrap_or_default().to_owned();
        let is_file = path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'));
        if path.starts_with("/api/")
            || path.starts_with("/pkg/")
            || path.starts_with("/lang/")
            || path == "/logout"
            || is_file
        {
            continue;
        }
        links.push(path);
    }
    links
}

/// Every page an administrator reaches from the home page (at most `limit`), each shape of
/// address (`/projects/N/plan`) at most twice.
fn crawl(http: &Http, limit: usize) -> BTreeMap<String, String> {
    let mut pages = BTreeMap::new();
    let mut queue = VecDeque::from(["/".to_owned(), "/admin/users".to_owned()]);
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
    while let Some(path) = queue.pop_front() {
        if pages.len() >= limit {
            break;
        }
        let shape: String = path
            .split('/')
            .map(|part| {
                if part.parse::<i64>().is_ok() {
                    "N"
                } else {
                    part
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let count = shapes.entry(shape).or_default();
        *count += 1;
        if *count > 2 {
            continue;
        }
        let response = http.send(
            http.request(Method::GET, &path)
                .header("accept", "text/html"),
        );
        if response.status != 200 {
            continue;
        }
        for link in links_of(&response.body) {
            if seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
        pages.insert(path, response.body);
    }
    pages
}

/// Fails naming every problem found, or if the server stopped answering or logged a panic.
fn still_up_and_calm(server: &TestServer, problems: &[String]) {
    server.anonymous().get("/healthz").assert_status(200);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let log = server.stderr_text();
    assert!(
        !log.contains("panicked"),
        "the server logged a panic:\n{log}"
    );
}

/// The number of the next entry a walk sends.
static NEXT_ENTRY: AtomicUsize = AtomicUsize::new(1);

/// Sends `form` with the fields `chosen` picks (never the anti-forgery token) set to `text`,
/// the others as the page rendered them.
fn send_form(
    http: &Http,
    form: &PageForm,
    text: &str,
    chosen: impl Fn(usize) -> bool,
) -> Result<tests::Response, String> {
    let pairs: Vec<(String, String)> = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, (name, value, _))| {
            let sent = if name != "csrf_token" && chosen(i) {
                text.to_owned()
            } else if name == "client_id" {
                // Each post is a new entry, as a page opened anew makes one: a client id
                // already stored is answered as stored without being read again.
                format!("walk-{}", NEXT_ENTRY.fetch_add(1, Ordering::Relaxed))
            } else {
                value.clone()
            };
            (name.clone(), sent)
        })
        .collect();
    http.try_send(http.request(Method::POST, &form.action).form(&pairs))
}

#[test]
fn every_field_of_every_form_answers_hostile_text_with_4xx_and_the_server_stays_up() {
    let server = walk_server();
    let admin = server.http();
    let pages = crawl(admin, 400);
    assert!(pages.len() > 40, "only {} pages reached", pages.len());
    let mut forms = BTreeSet::new();
    for (page, html) in &pages {
        for form in forms_of(page, html) {
            // Sign-in, sign-out and forms of buttons only (no field but the token) are
            // actions, not typed text.
            let has_fields = form.fields.iter().any(|(name, _, _)| name != "csrf_token");
            if has_fields && form.action != "/logout" && form.action != "/login" {
                forms.insert(form);
            }
        }
    }
    assert!(
        forms.len() > 15,
        "only {} forms found: {forms:#?}",
        forms.len()
    );
    let text = hostile();
    let mut problems = Vec::new();
    let mut sent = 0;
    for form in &forms {
        for (i, (name, _, kind)) in form.fields.iter().enumerate() {
            if name == "csrf_token" {
                continue;
            }
            sent += 1;
            match send_form(admin, form, &text, |j| j == i) {
                Ok(answer) if (400..500).contains(&answer.status) => {}
                Ok(answer) if answer.status < 500 && !typed(kind) => {}
                Ok(answer) => problems.push(format!(
                    "{} field {name} ({kind}) answered {} to 100,000 hostile characters",
                    form.action, answer.status
                )),
                Err(error) => problems.push(error),
            }
        }
        match send_form(admin, form, AWKWARD, |_| true) {
            Ok(answer) if answer.status < 500 => {}
            Ok(answer) => problems.push(format!(
                "{} answered {} to short awkward text in every field",
                form.action, answer.status
            )),
            Err(error) => problems.push(error),
        }
    }
    still_up_and_calm(&server, &problems);
    eprintln!(
        "{} pages crawled, {} forms, {sent} fields sent hostile text",
        pages.len(),
        forms.len()
    );
}

/// The schema a `$ref` points at (`#/components/schemas/X`), or the schema itself.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap_or_default();
            &doc["components"]["schemas"][name]
        }
        None => schema,
    }
}

/// A body for `schema` with every property, at every level, holding `text`.
fn body_for(doc: &Value, schema: &Value, text: &str, depth: usize) -> Value {
    let schema = resolve(doc, schema);
    if depth > 4 {
        return json!(text);
    }
    if let Some(properties) = schema["properties"].as_object() {
        let mut body = Map::new();
        for (name, property) in properties {
            let property = resolve(doc, property);
            let value = if property["type"] == "array" {
                json!([body_for(doc, &property["items"], text, depth + 1)])
            } else if property["properties"].is_object() {
                body_for(doc, property, text, depth + 1)
            } else {
                json!(text)
            };
            body.insert(name.clone(), value);
        }
        return Value::Object(body);
    }
    if schema["type"] == "array" {
        return json!([body_for(doc, &schema["items"], text, depth + 1)]);
    }
    json!(text)
}

#[test]
fn every_json_body_of_the_api_answers_hostile_text_with_4xx_and_the_server_stays_up() {
    let server = walk_server();
    let admin = server.http();
    let doc = server.anonymous().get("/api/openapi.json").json();
    let text = hostile();
    let mut sent = 0;
    let mut problems = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("operations") {
            let Some(schema) = operation["requestBody"]["content"]["application/json"]["schema"]
                .as_object()
                .map(|s| Value::Object(s.clone()))
            else {
                continue;
            };
            let concrete = path
                .split('/')
                .map(|part| if part.starts_with('{') { "1" } else { part })
                .collect::<Vec<_>>()
                .join("/");
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("a method");
            let awkward = body_for(&doc, &schema, AWKWARD, 0);
            // Each property in turn holds the hostile text, the others the awkward one; then
            // every property the awkward text.
            let mut bodies: Vec<(String, Value)> = awkward
                .as_object()
                .into_iter()
                .flat_map(|o| o.keys().cloned())
                .map(|key| {
                    let mut body = awkward.clone();
                    body[&key] = json!(text);
                    (key, body)
                })
                .collect();
            if !awkward.is_object() {
                bodies.push(("(the body)".to_owned(), json!(text)));
            }
            bodies.push((String::new(), awkward.clone()));
            for (key, body) in bodies {
                sent += 1;
                let hostile_sent = !key.is_empty();
                let answer =
                    match admin.try_send(admin.request(method.clone(), &concrete).json(&body)) {
                        Ok(answer) => answer,
                        Err(error) => {
                            problems.push(error);
                            continue;
                        }
                    };
                let fine = if hostile_sent {
                    (400..500).contains(&answer.status)
                } else {
                    answer.status < 500
                };
                if !fine {
                    problems.push(format!(
                        "{method} {concrete} answered {} with {}: {}",
                        answer.status,
                        if hostile_sent {
                            format!("100,000 hostile characters in {key}")
                        } else {
                            "awkward text everywhere".to_owned()
                        },
                        answer.body.chars().take(200).collect::<String>()
                    ));
                }
            }
        }
    }
    assert!(sent > 100, "only {sent} bodies sent");
    still_up_and_calm(&server, &problems);
    eprintln!("{sent} JSON bodies sent");
}
