//! Programs through the REST API.

use serde_json::json;
use tests::TestServer;
use tests::fixtures::create_program;

#[test]
fn a_program_created_through_the_api_is_listed_and_can_be_read() {
    let server = TestServer::spawn();
    let http = server.http();

    let created = http.post_json(
        "/api/v1/programs",
        &json!({"name": "  Sustitución en el Putumayo  ", "description": "Cacao y café"}),
    );
    created.assert_status(201);
    let body = created.json();
    let id = body["id"].as_i64().expect("a numeric id");
    assert_eq!(
        created.location(),
        Some(format!("/api/v1/programs/{id}").as_str())
    );
    assert_eq!(
        body["name"], "Sustitución en el Putumayo",
        "the name is trimmed"
    );
    assert_eq!(body["is_demo"], false);
    assert_eq!(body["project_count"], 0);

    let list = http.get("/api/v1/programs").assert_status(200).json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], id);

    let detail = http
        .get(&format!("/api/v1/programs/{id}"))
        .assert_status(200)
        .json();
    assert_eq!(detail["program"]["description"], "Cacao y café");
    assert_eq!(detail["projects"], json!([]));
}

#[test]
fn a_program_without_a_name_is_refused_naming_the_field_and_nothing_is_stored() {
    let server = TestServer::spawn();
    let http = server.http();

    let response = http.post_json("/api/v1/programs", &json!({"name": "   "}));
    response.assert_status(422);
    let error = &response.json()["error"];
    assert_eq!(error["code"], "validation_failed");
    assert_eq!(error["fields"][0]["field"], "name");
    assert_eq!(error["fields"][0]["code"], "required");
    assert_eq!(error["fields"][0]["message"], "This field is required.");

    assert_eq!(http.get("/api/v1/programs").json(), json!([]));
}

#[test]
fn a_program_name_already_in_use_is_refused_on_the_name_field() {
    let server = TestServer::spawn();
    create_program(&server, "PNIS Sur", "");

    let response = server
        .http()
        .post_json("/api/v1/programs", &json!({"name": "PNIS Sur"}));
    response.assert_status(422);
    assert_eq!(response.json()["error"]["fields"][0]["code"], "name_taken");
    assert_eq!(
        server
            .http()
            .get("/api/v1/programs")
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn text_beyond_the_limits_is_refused_with_the_limit_in_the_message() {
    let server = TestServer::spawn();
    let response = server.http().post_json(
        "/api/v1/programs",
        &json!({"name": "n".repeat(201), "description": "d".repeat(2001)}),
    );
    response.assert_status(422);
    let fields = response.json()["error"]["fields"].clone();
    assert_eq!(fields[0]["field"], "name");
    assert_eq!(fields[0]["message"], "Must be at most 200 characters long.");
    assert_eq!(fields[1]["field"], "description");
    assert_eq!(fields[1]["code"], "too_long");
}

#[test]
fn an_unknown_program_answers_404_in_the_error_shape() {
    let server = TestServer::spawn();
    for path in [
        "/api/v1/programs/999",
        "/api/v1/programs/abc",
        "/api/v1/programs/-1",
    ] {
        let response = server.http().get(path);
        response.assert_status(404);
        assert_eq!(response.json()["error"]["code"], "not_found", "{path}");
        assert_eq!(response.json()["error"]["status"], 404);
    }
}
