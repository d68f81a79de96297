//! Test data made through the REST API, for tests that are about something else.

use serde_json::{Value, json};

use crate::TestServer;

/// The `id` field of a JSON object as text, whether the API sends it as a number or a string.
///
/// # Panics
/// If there is no `id`, or it is neither a number nor a string.
pub fn id_of(value: &Value) -> String {
    match value.get("id") {
        Some(Value::Number(number)) => number.to_string(),
        Some(Value::String(text)) => text.clone(),
        _ => panic!("expected an `id` in {value}"),
    }
}

/// Creates a program with `POST /api/v1/programs` and returns its id.
///
/// # Panics
/// Unless the API answers `201` with a JSON body containing `id`.
pub fn create_program(server: &TestServer, name: &str, description: &str) -> String {
    let response = server.http().post_json(
        "/api/v1/programs",
        &json!({ "name": name, "description": description }),
    );
    response.assert_status(201);
    id_of(&response.json())
}
