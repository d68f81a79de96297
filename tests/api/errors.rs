//! The one error shape: malformed JSON, unknown fields, wrong types, wrong content type, bodies
//! too large, unknown routes, and messages in the client's language.

use serde_json::json;
use tests::{Method, TestServer};

fn assert_error_shape(body: &serde_json::Value, status: u16, code: &str) {
    let error = &body["error"];
    assert_eq!(error["status"], status, "{body}");
    assert_eq!(error["code"], code, "{body}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
}

#[test]
fn malformed_json_gets_a_400_in_the_error_shape_and_stores_nothing() {
    let server = TestServer::spawn();
    let http = server.http();
    let response = http.send(
        http.request(Method::POST, "/api/v1/programs")
            .header("content-type", "application/json")
            .body("{\"name\": \"Sur\""),
    );
    response.assert_status(400);
    assert_error_shape(&response.json(), 400, "invalid_request");
    assert!(
        response.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Malformed JSON")
    );
    assert_eq!(http.get("/api/v1/programs").json(), json!([]));
}

#[test]
fn an_unknown_field_is_refused_by_name() {
    let server = TestServer::spawn();
    let response = server
        .http()
        .post_json("/api/v1/programs", &json!({"name": "Sur", "budget": 5}));
    response.assert_status(400);
    let message = response.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("unknown field `budget`"), "{message}");
    assert_eq!(server.http().get("/api/v1/programs").json(), json!([]));
}

#[test]
fn a_field_of_the_wrong_type_is_named_in_the_message() {
    let server = TestServer::spawn();
    let program = tests::fixtures::create_program(&server, "Sur", "");
    let response = server.http().post_json(
        &format!("/api/v1/programs/{program}/projects"),
        &json!({"name": "x", "planned_crops": [{"crop": 7, "hectares": "1"}]}),
    );
    response.assert_status(400);
    let message = response.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("planned_crops[0].crop"), "{message}");
}

#[test]
fn a_body_that_is_not_json_is_refused_with_a_clear_message() {
    let server = TestServer::spawn();
    let response = server
        .http()
        .post_form("/api/v1/programs", &[("name", "Sur")]);
    response.assert_status(400);
    assert!(
        response.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Content-Type")
    );
}

#[test]
fn a_body_larger_than_one_mebibyte_is_refused_with_413() {
    let server = TestServer::spawn();
    let response = server
        .http()
        .post_json("/api/v1/programs", &json!({"name": "x".repeat(1_100_000)}));
    response.assert_status(413);
    assert_error_shape(&response.json(), 413, "too_large");
    assert_eq!(
        response.json()["error"]["message"],
        "The request is larger than 1 MiB, the most accepted here."
    );
}

#[test]
fn error_messages_follow_the_clients_language() {
    let server = TestServer::spawn();
    let http = server.http();
    let response = http.send(
        http.request(Method::POST, "/api/v1/programs")
            .header("accept-language", "es-CO,es;q=0.9")
            .json(&json!({"name": ""})),
    );
    response.assert_status(422);
    let error = &response.json()["error"];
    assert_eq!(error["message"], "Algunos campos no son válidos.");
    assert_eq!(error["fields"][0]["message"], "Este campo es obligatorio.");
    assert_eq!(
        error["fields"][0]["code"], "required",
        "codes stay the same in every language"
    );
}

#[test]
fn unknown_api_paths_and_wrong_methods_answer_in_the_error_shape() {
    let server = TestServer::spawn();
    let http = server.http();
    let response = http.get("/api/v1/no-such-thing");
    response.assert_status(404);
    assert_error_shape(&response.json(), 404, "not_found");

    let response = http.send(http.request(Method::DELETE, "/api/v1/programs"));
    response.assert_status(405);
    assert_error_shape(&response.json(), 405, "method_not_allowed");
    assert!(response.header("allow").is_some_and(|a| a.contains("GET")));
}
