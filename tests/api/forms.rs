//! Plain form posts, as a browser without JavaScript sends them: 303 to the new page on success,
//! the same form with errors and the typed values (422) otherwise.

use serde_json::json;
use tests::TestServer;
use tests::fixtures::create_program;

#[test]
fn a_plain_form_post_creates_a_program_and_redirects_to_its_page() {
    let server = TestServer::spawn();
    let response = server.http().post_form(
        "/programs/new",
        &[
            ("name", "Desarrollo alternativo VRAEM"),
            ("description", "Cacao"),
        ],
    );
    response.assert_status(303);
    let location = response.location().unwrap().to_owned();
    assert!(location.starts_with("/programs/"), "{location}");
    let page = server.http().get(&location).assert_status(200).body.clone();
    assert!(page.contains("Desarrollo alternativo VRAEM"));
}

#[test]
fn a_plain_form_post_with_errors_shows_them_next_to_the_fields_and_keeps_what_was_typed() {
    let server = TestServer::spawn();
    let response = server.http().post_form(
        "/programs/new",
        &[("name", ""), ("description", "Texto que no se pierde")],
    );
    response.assert_status(422);
    assert!(response.content_type().unwrap().starts_with("text/html"));
    let page = &response.body;
    assert!(page.contains("id=\"program-name-error\""));
    assert!(page.contains("This field is required."));
    assert!(
        page.contains("Texto que no se pierde"),
        "the description typed is kept"
    );
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(
        !page.contains("sembrar.js"),
        "an answer to a plain form post carries no hydration scripts"
    );
    assert_eq!(server.http().get("/api/v1/programs").json(), json!([]));
}

#[test]
fn a_plain_form_post_creates_a_project_with_its_crop_rows() {
    let server = TestServer::spawn();
    let program = create_program(&server, "Programa Sur", "");
    let response = server.http().post_form(
        &format!("/programs/{program}/projects/new"),
        &[
            ("name", "Café del Cauca"),
            ("kind", "preventive_ad"),
            ("country", "CO"),
            ("start_date", "2025-03-01"),
            ("end_date", "2029-02-28"),
            ("illicit_crops", "coca_bush"),
            ("illicit_crops", "cannabis_plant"),
            ("planned_crops[0].crop", "coffee"),
            ("planned_crops[0].hectares", "350,25"),
            ("planned_crops[1].crop", ""),
            ("planned_crops[1].hectares", ""),
            ("planned_crops[2].crop", "honey"),
            ("planned_crops[2].hectares", "12"),
            ("description", ""),
        ],
    );
    response.assert_status(303);
    let location = response.location().unwrap().to_owned();
    let id = tests::id_after(&location, "/projects/").expect("redirects to the project page");
    let project = server.http().get(&format!("/api/v1/projects/{id}")).json();
    assert_eq!(project["kind"], "preventive_ad");
    assert_eq!(
        project["illicit_crops"],
        json!(["coca_bush", "cannabis_plant"])
    );
    assert_eq!(
        project["planned_crops"],
        json!([{"crop": "coffee", "hectares": "350.25"}, {"crop": "honey", "hectares": "12"}])
    );
    let page = server.http().get(&location).assert_status(200).body.clone();
    assert!(page.contains("id=\"planned-hectares-chart\""));
    assert!(page.contains("<svg"));
}

#[test]
fn a_plain_project_form_post_with_errors_keeps_every_value_and_stores_nothing() {
    let server = TestServer::spawn();
    let program = create_program(&server, "Programa Sur", "");
    let response = server.http().post_form(
        &format!("/programs/{program}/projects/new"),
        &[
            ("name", "Cacao"),
            ("kind", "ad"),
            ("country", "PE"),
            ("start_date", "2026-01-01"),
            ("end_date", "2025-01-01"),
            ("illicit_crops", "opium_poppy"),
            ("planned_crops[0].crop", "cocoa"),
            ("planned_crops[0].hectares", "-5"),
            ("description", "Notas del técnico"),
        ],
    );
    response.assert_status(422);
    let page = &response.body;
    assert!(page.contains("The end date must be after the start date."));
    assert!(page.contains("Must be greater than zero."));
    assert!(page.contains("value=\"Cacao\""));
    assert!(page.contains("value=\"2026-01-01\""));
    assert!(page.contains("value=\"-5\""));
    assert!(page.contains("Notas del técnico"));
    assert!(page.contains("value=\"PE\" selected") || page.contains("selected value=\"PE\""));
    assert_eq!(
        server
            .http()
            .get(&format!("/api/v1/programs/{program}/projects"))
            .json(),
        json!([])
    );
}
