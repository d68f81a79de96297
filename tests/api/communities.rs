//! Communities of a project: added by those who plan the project, seen within each role's scope.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::json;

#[test]
fn a_program_officer_adds_a_community_once_and_it_is_audited() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[1];
    let officer = server.sign_in(email, password);
    let created = officer.post_json(
        "/api/v1/projects/5/communities",
        &json!({"name": "Caserío Nuevo Progreso", "municipality": "Tocache"}),
    );
    created.assert_status(201);
    let id = created.json()["id"].as_i64().unwrap();
    assert_eq!(
        created.location(),
        Some(format!("/api/v1/communities/{id}").as_str())
    );
    let again = officer.post_json(
        "/api/v1/projects/5/communities",
        &json!({"name": "Caserío Nuevo Progreso"}),
    );
    again.assert_status(422);
    assert_eq!(again.json()["error"]["fields"][0]["code"], "name_taken");
    let empty = officer.post_json("/api/v1/projects/5/communities", &json!({"name": " "}));
    empty.assert_status(422);

    let names: Vec<String> = officer
        .get("/api/v1/projects/5/communities")
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(names.contains(&"Caserío Nuevo Progreso".to_owned()));
    let events = server
        .http()
        .get("/api/v1/audit?entity_type=community")
        .json();
    assert!(
        events[0]["summary"]
            .as_str()
            .unwrap()
            .contains("Caserío Nuevo Progreso")
    );
}

#[test]
fn the_project_page_lists_the_communities_the_reader_may_see() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[3];
    let monitor = server.sign_in(email, password);
    let page = monitor
        .get("/projects/1/map")
        .assert_status(200)
        .body
        .clone();
    assert!(page.contains("Vereda La Carmelita"));
    assert!(
        !page.contains("Vereda El Cedral"),
        "another monitor's community stays hidden"
    );
    assert!(
        !page.contains("id=\"community-form\""),
        "a field monitor adds no communities"
    );

    let (email, password, _) = DEMO_ACCOUNTS[1];
    let officer = server.sign_in(email, password);
    let page = officer.get("/projects/1/map").body.clone();
    assert!(page.contains("Vereda El Cedral"));
    assert!(page.contains("id=\"community-form\""));
    let added = officer.post_form(
        "/projects/1/communities",
        &[
            ("name", "Vereda Alto Lorenzo"),
            ("municipality", "Puerto Asís"),
        ],
    );
    added.assert_status(303);
    let refused = officer.post_form(
        "/projects/1/communities",
        &[("name", ""), ("municipality", "Orito")],
    );
    refused.assert_status(422);
    assert!(refused.body.contains("This field is required."));
    assert!(
        refused.body.contains("value=\"Orito\""),
        "what was typed is kept"
    );
}

#[test]
fn communities_with_and_without_coordinates_are_added_one_after_another() {
    // PostgreSQL keeps a statement's parameter types per connection: a community without
    // coordinates must not stop the next one, with coordinates, from being stored.
    let server = demo_server();
    let admin = server.http();
    for i in 0..12 {
        let body = if i % 2 == 0 {
            json!({"name": format!("Vereda sin ubicación {i}")})
        } else {
            json!({"name": format!("Vereda ubicada {i}"), "longitude": -76.4 - f64::from(i) / 100.0, "latitude": 0.5})
        };
        let made = admin.post_json("/api/v1/projects/1/communities", &body);
        made.assert_status(201);
        if i % 2 == 1 {
            assert_eq!(
                made.json()["longitude"],
                json!(-76.4 - f64::from(i) / 100.0)
            );
        }
    }
}
