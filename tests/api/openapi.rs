//! The OpenAPI document at `/api/openapi.json` describes the REST API.

use tests::TestServer;

#[test]
fn the_openapi_document_describes_every_api_operation() {
    let server = TestServer::spawn();
    let response = server.http().get("/api/openapi.json");
    response.assert_status(200);
    assert!(
        response
            .content_type()
            .unwrap()
            .starts_with("application/json")
    );
    let doc = response.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = &doc["paths"];
    for (path, method) in [
        ("/api/v1/programs", "get"),
        ("/api/v1/programs", "post"),
        ("/api/v1/programs/{id}", "get"),
        ("/api/v1/programs/{id}/projects", "get"),
        ("/api/v1/programs/{id}/projects", "post"),
        ("/api/v1/projects/{id}", "get"),
        ("/api/v1/projects/{id}/charts/planned-hectares.svg", "get"),
    ] {
        assert!(
            paths[path][method].is_object(),
            "{method} {path} is not described"
        );
    }
    let schemas = &doc["components"]["schemas"];
    for schema in [
        "ErrorBody",
        "ProgramForm",
        "ProjectForm",
        "Project",
        "Program",
    ] {
        assert!(schemas[schema].is_object(), "schema {schema} missing");
    }
}

#[test]
fn every_described_operation_answers_rather_than_falling_through_to_the_pages() {
    let server = TestServer::spawn();
    let doc = server.http().get("/api/openapi.json").json();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for method in operations.as_object().unwrap().keys() {
            if method != "get" {
                continue;
            }
            let concrete = path.replace("{id}", "1");
            let response = server.http().get(&concrete);
            // An empty database: 200 for lists, 404 in the API's error shape for records.
            assert!(
                response.status == 200 || response.json()["error"]["code"] == "not_found",
                "GET {concrete} answered {}: {}",
                response.status,
                response.body
            );
        }
    }
}
