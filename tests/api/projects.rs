//! Projects through the REST API: creation, exact hectares, validation of every field.

use serde_json::{Value, json};
use tests::TestServer;
use tests::fixtures::create_program;

fn valid_project() -> Value {
    json!({
        "name": "Cacao para la paz",
        "kind": "ad",
        "country": "co",
        "start_date": "2025-01-01",
        "end_date": "2028-12-31",
        "illicit_crops": ["coca_bush"],
        "planned_crops": [
            {"crop": "cocoa", "hectares": "1200.5"},
            {"crop": "honey", "hectares": 40},
            {"crop": "", "hectares": ""}
        ],
        "description": "Cacao fino de aroma con sombra agroforestal."
    })
}

#[test]
fn a_project_created_through_the_api_keeps_its_hectares_exactly() {
    let server = TestServer::spawn();
    let program = create_program(&server, "Programa Sur", "");
    let http = server.http();

    let created = http.post_json(
        &format!("/api/v1/programs/{program}/projects"),
        &valid_project(),
    );
    created.assert_status(201);
    let project = created.json();
    let id = project["id"].as_i64().unwrap();
    assert_eq!(
        created.location(),
        Some(format!("/api/v1/projects/{id}").as_str())
    );
    assert_eq!(project["country"], "CO");
    assert_eq!(project["kind"], "ad");
    assert_eq!(project["illicit_crops"], json!(["coca_bush"]));
    assert_eq!(
        project["planned_crops"],
        json!([{"crop": "cocoa", "hectares": "1200.5"}, {"crop": "honey", "hectares": "40"}])
    );
    assert_eq!(project["program_name"], "Programa Sur");

    let read = http
        .get(&format!("/api/v1/projects/{id}"))
        .assert_status(200)
        .json();
    assert_eq!(read, project);

    let listed = http
        .get(&format!("/api/v1/programs/{program}/projects"))
        .assert_status(200)
        .json();
    assert_eq!(listed[0]["name"], "Cacao para la paz");
    assert_eq!(listed[0]["total_planned_hectares"], "1240.5");
    let programs = http.get("/api/v1/programs").json();
    assert_eq!(programs[0]["project_count"], 1);
}

#[test]
fn the_planned_hectares_chart_is_an_svg_in_the_asked_language() {
    let server = TestServer::spawn();
    let program = create_program(&server, "Programa Sur", "");
    let project = server
        .http()
        .post_json(
            &format!("/api/v1/programs/{program}/projects"),
            &valid_project(),
        )
        .json();
    let id = &project["id"];

    let english = server.http().get(&format!(
        "/api/v1/projects/{id}/charts/planned-hectares.svg"
    ));
    english.assert_status(200);
    assert!(english.content_type().unwrap().starts_with("image/svg+xml"));
    assert!(english.body.starts_with("<svg"));
    for text in [
        "Planned hectares by crop",
        "Cocoa",
        "Honey (beekeeping)",
        "1,200.5 ha",
    ] {
        assert!(english.body.contains(text), "missing {text}");
    }
    let spanish = server.http().get(&format!(
        "/api/v1/projects/{id}/charts/planned-hectares.svg?lang=es"
    ));
    for text in ["Hectáreas planificadas por cultivo", "Cacao", "1.200,5 ha"] {
        assert!(spanish.body.contains(text), "missing {text}");
    }
}

#[test]
fn bad_project_input_names_every_field_at_fault_and_stores_nothing() {
    let server = TestServer::spawn();
    let program = create_program(&server, "Programa Sur", "");
    let path = format!("/api/v1/programs/{program}/projects");

    let response = server.http().post_json(
        &path,
        &json!({
            "name": "",
            "kind": "eradication",
            "country": "XX",
            "start_date": "2026-01-01",
            "end_date": "2025-01-01",
            "illicit_crops": ["tobacco"],
            "planned_crops": [
                {"crop": "cocoa", "hectares": "-5"},
                {"crop": "coffee", "hectares": "5000000"},
                {"crop": "opium_poppy", "hectares": "3"},
                {"crop": "tea", "hectares": "abc"},
                {"crop": "cocoa", "hectares": "1"}
            ]
        }),
    );
    response.assert_status(422);
    let fields: Vec<(String, String)> = response.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert!(!f["message"].as_str().unwrap().is_empty());
            (
                f["field"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("name", "required"),
        ("kind", "unknown_kind"),
        ("country", "unknown_country"),
        ("end_date", "end_not_after_start"),
        ("illicit_crops", "unknown_crop"),
        ("planned_crops[0].hectares", "not_positive"),
        ("planned_crops[1].hectares", "too_large"),
        ("planned_crops[2].crop", "unknown_crop"),
        ("planned_crops[3].hectares", "not_a_number"),
        ("planned_crops[4].crop", "duplicate_crop"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
        .collect();
    assert_eq!(fields, expected);

    assert_eq!(server.http().get(&path).json(), json!([]));
}

#[test]
fn a_project_needs_at_least_one_planned_crop_and_one_illicit_crop() {
    let server = TestServer::spawn();
    let program = create_program(&server, "Programa Sur", "");
    let mut project = valid_project();
    project["planned_crops"] = json!([]);
    project["illicit_crops"] = json!([]);
    let response = server
        .http()
        .post_json(&format!("/api/v1/programs/{program}/projects"), &project);
    response.assert_status(422);
    let fields = &response.json()["error"]["fields"];
    assert_eq!(fields[0]["field"], "illicit_crops");
    assert_eq!(fields[1]["field"], "planned_crops");
    assert_eq!(fields[1]["code"], "at_least_one");
}

#[test]
fn a_project_name_is_unique_within_its_program_only() {
    let server = TestServer::spawn();
    let first = create_program(&server, "Programa A", "");
    let second = create_program(&server, "Programa B", "");
    let http = server.http();
    http.post_json(
        &format!("/api/v1/programs/{first}/projects"),
        &valid_project(),
    )
    .assert_status(201);
    let again = http.post_json(
        &format!("/api/v1/programs/{first}/projects"),
        &valid_project(),
    );
    again.assert_status(422);
    assert_eq!(again.json()["error"]["fields"][0]["code"], "name_taken");
    http.post_json(
        &format!("/api/v1/programs/{second}/projects"),
        &valid_project(),
    )
    .assert_status(201);
}

#[test]
fn a_project_in_a_missing_program_answers_404() {
    let server = TestServer::spawn();
    let response = server
        .http()
        .post_json("/api/v1/programs/4242/projects", &valid_project());
    response.assert_status(404);
    assert_eq!(response.json()["error"]["code"], "not_found");
    server
        .http()
        .get("/api/v1/projects/4242")
        .assert_status(404);
}
