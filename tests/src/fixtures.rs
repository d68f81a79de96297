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

/// Creates a program named `program` with one alternative development project named
/// `project` in `country` (2025–2027, coca bush, cocoa planned) and one community named
/// `community`; answers the project's id and the community's.
///
/// # Panics
/// Unless the API creates all three.
pub fn project_with_community(
    server: &TestServer,
    program: &str,
    project: &str,
    country: &str,
    community: &str,
) -> (String, i64) {
    let program = create_program(server, program, "");
    let http = server.http();
    let created = http.post_json(
        &format!("/api/v1/programs/{program}/projects"),
        &json!({"name": project, "kind": "ad", "country": country,
            "start_date": "2025-01-01", "end_date": "2027-12-31",
            "illicit_crops": ["coca_bush"],
            "planned_crops": [{"crop": "cocoa", "hectares": "10"}]}),
    );
    created.assert_status(201);
    let project = id_of(&created.json());
    let place = http.post_json(
        &format!("/api/v1/projects/{project}/communities"),
        &json!({ "name": community }),
    );
    place.assert_status(201);
    let community = place.json()["id"].as_i64().expect("a community id");
    (project, community)
}
