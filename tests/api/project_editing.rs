//! Changing a project, saving its form as a draft, listing projects with filters, and the
//! organisation's donors.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};

fn project_body(name: &str) -> Value {
    json!({
        "name": name, "kind": "ad", "country": "PE", "status": "active", "currency": "USD",
        "start_date": "2025-01-01", "end_date": "2028-12-31", "illicit_crops": ["coca_bush"],
        "planned_crops": [{"crop": "cocoa", "hectares": "250.25"}, {"crop": "coffee", "hectares": 80}],
        "donors": ["1"], "description": "Changed through the API."
    })
}

#[test]
fn a_project_is_changed_with_every_field_and_the_change_is_audited_with_old_and_new_values() {
    let server = demo_server();
    let admin = server.http();
    let before = admin.get("/api/v1/projects/5").assert_status(200).json();
    let changed = admin.send(
        admin
            .request(tests::Method::PUT, "/api/v1/projects/5")
            .json(&project_body("Huallaga cacao renovado")),
    );
    changed.assert_status(200);
    let project = changed.json();
    assert_eq!(project["name"], "Huallaga cacao renovado");
    assert_eq!(project["status"], "active");
    assert_eq!(project["currency"], "USD");
    assert_eq!(project["planned_crops"][0]["hectares"], "250.25");
    assert_eq!(project["donors"][0]["id"], 1);
    assert_eq!(project["donors"][0]["name"], "European Union");
    assert!(project["updated_at"].is_string());
    let read = admin.get("/api/v1/projects/5").json();
    assert_eq!(read["planned_crops"].as_array().unwrap().len(), 2);

    let events = admin
        .get("/api/v1/audit?entity_type=project&action=update")
        .json();
    let event = &events[0];
    assert!(
        event["old_value"]
            .as_str()
            .unwrap()
            .contains(before["name"].as_str().unwrap())
    );
    assert!(
        event["new_value"]
            .as_str()
            .unwrap()
            .contains("Huallaga cacao renovado")
    );
}

#[test]
fn a_change_with_problems_names_every_field_and_changes_nothing() {
    let server = demo_server();
    let admin = server.http();
    let before = admin.get("/api/v1/projects/5").json();
    let mut body = project_body("");
    body["status"] = json!("finished");
    body["currency"] = json!("XYZ");
    body["donors"] = json!(["999"]);
    body["end_date"] = json!("2024-01-01");
    let refused = admin.send(
        admin
            .request(tests::Method::PUT, "/api/v1/projects/5")
            .json(&body),
    );
    refused.assert_status(422);
    let fields: Vec<String> = refused.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect();
    for field in ["name", "end_date", "status", "currency"] {
        assert!(fields.contains(&field.to_owned()), "{field} in {fields:?}");
    }
    // The donor is checked against the organisation's list once the form itself is valid.
    let mut unknown_donor = project_body("Otro nombre");
    unknown_donor["donors"] = json!(["999"]);
    let refused = admin.send(
        admin
            .request(tests::Method::PUT, "/api/v1/projects/5")
            .json(&unknown_donor),
    );
    refused.assert_status(422);
    assert_eq!(refused.json()["error"]["fields"][0]["field"], "donors");
    assert_eq!(
        refused.json()["error"]["fields"][0]["code"],
        "unknown_reference"
    );
    assert_eq!(admin.get("/api/v1/projects/5").json(), before);
}

#[test]
fn only_those_who_plan_a_project_may_change_it() {
    let server = demo_server();
    for (email, password, role) in DEMO_ACCOUNTS {
        let http = server.sign_in(email, password);
        let status = http
            .send(
                http.request(tests::Method::PUT, "/api/v1/projects/2")
                    .json(&project_body(&format!("Cambio por {role}"))),
            )
            .status;
        let expected = match role {
            "administrator" | "program_officer" => 200,
            _ => 403,
        };
        assert_eq!(status, expected, "{role}");
    }
}

#[test]
fn a_draft_keeps_an_invalid_form_as_typed_only_for_its_author_until_the_project_is_made() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[1];
    let officer = server.sign_in(email, password);
    let typed = json!({"name": "Cacao a medio escribir", "start_date": "31/02/2026",
        "planned_crops": [{"crop": "cocoa", "hectares": "1,234"}]});
    let saved = officer.post_json("/api/v1/programs/2/drafts", &typed);
    saved.assert_status(201);
    let draft = saved.json();
    let id = draft["id"].as_i64().unwrap();
    assert_eq!(draft["kind"], "new_project");
    assert_eq!(draft["form"]["start_date"], "31/02/2026");
    assert_eq!(draft["form"]["planned_crops"][0]["hectares"], "1,234");

    // Nobody else sees it, not even an administrator.
    let admin = server.http();
    admin
        .get(&format!("/api/v1/drafts/{id}"))
        .assert_status(404);
    assert_eq!(admin.get("/api/v1/drafts").json(), json!([]));
    // Its author continues it in the page.
    let page = officer
        .get(&format!("/programs/2/projects/new?draft={id}"))
        .assert_status(200)
        .body
        .clone();
    assert!(page.contains("id=\"draft-notice\""));
    assert!(page.contains("value=\"31/02/2026\""));
    assert!(page.contains("Cacao a medio escribir"));

    // Saving it again keeps the newer text; a draft larger than a draft keeps is refused.
    let mut newer = typed.clone();
    newer["start_date"] = json!("2026-02-01");
    officer
        .send(
            officer
                .request(tests::Method::PUT, &format!("/api/v1/drafts/{id}"))
                .json(&newer),
        )
        .assert_status(200);
    let mut huge = typed.clone();
    huge["description"] = json!("x".repeat(10_001));
    let refused = officer.send(
        officer
            .request(tests::Method::PUT, &format!("/api/v1/drafts/{id}"))
            .json(&huge),
    );
    refused.assert_status(422);
    assert_eq!(refused.json()["error"]["fields"][0]["field"], "description");
    assert_eq!(
        officer.get(&format!("/api/v1/drafts/{id}")).json()["form"]["start_date"],
        "2026-02-01"
    );

    // Creating the project from the page's form deletes the draft.
    let id_text = id.to_string();
    let made = officer.post_form(
        "/programs/2/projects/new",
        &[
            ("draft_id", id_text.as_str()),
            ("name", "Cacao terminado"),
            ("kind", "ad"),
            ("country", "PE"),
            ("start_date", "2026-02-01"),
            ("end_date", "2028-12-31"),
            ("illicit_crops", "coca_bush"),
            ("planned_crops[0].crop", "cocoa"),
            ("planned_crops[0].hectares", "1234"),
        ],
    );
    made.assert_status(303);
    officer
        .get(&format!("/api/v1/drafts/{id}"))
        .assert_status(404);
}

#[test]
fn the_save_as_draft_button_of_a_plain_form_post_keeps_what_was_typed() {
    let server = demo_server();
    let admin = server.http();
    let saved = admin.post_form(
        "/projects/5/edit",
        &[
            ("intent", "draft"),
            ("name", "Huallaga — borrador"),
            ("start_date", "no es una fecha"),
        ],
    );
    saved.assert_status(303);
    let location = saved.location().unwrap().to_owned();
    assert!(
        location.starts_with("/projects/5/edit?draft="),
        "{location}"
    );
    let page = admin.get(&location).assert_status(200).body.clone();
    assert!(page.contains("value=\"no es una fecha\""));
    // The project itself did not change; its overview lists the draft.
    assert_ne!(
        admin.get("/api/v1/projects/5").json()["name"],
        "Huallaga — borrador"
    );
    let overview = admin.get("/projects/5").body.clone();
    assert!(overview.contains("id=\"drafts\"") && overview.contains("Huallaga — borrador"));
}

#[test]
fn projects_are_listed_across_programs_with_every_filter() {
    let server = demo_server();
    let admin = server.http();
    let names = |query: &str| -> Vec<String> {
        admin
            .get(&format!("/api/v1/projects{query}"))
            .assert_status(200)
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names("").len(), 5);
    assert_eq!(names("?country=PE").len(), 2);
    assert_eq!(names("?crop=sacha_inchi"), ["Cacao fino de aroma — VRAEM"]);
    assert_eq!(
        names("?status=planning"),
        ["Guaviare sostenible — caucho, miel y piscicultura"]
    );
    // The demo's European Union funds the Caquetá coffee and VRAEM cocoa projects.
    assert_eq!(
        names("?donor=1"),
        [
            "Cacao fino de aroma — VRAEM",
            "Cafés especiales del Caquetá"
        ]
    );
    assert_eq!(
        names("?program=1&crop=coffee"),
        ["Cafés especiales del Caquetá"]
    );
    assert_eq!(
        names("?q=cacao%20putumayo"),
        ["Cacao para la paz — Putumayo"]
    );
    assert!(names("?donor=nope").is_empty(), "a bad id matches nothing");
    // A donor viewer lists only the projects it reads.
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    let seen = donor.get("/api/v1/projects").json();
    assert_eq!(seen.as_array().unwrap().len(), 2);
    // The page shows the same list with the filters kept in the form.
    let page = admin
        .get("/projects?country=PE&status=completed")
        .assert_status(200)
        .body
        .clone();
    assert!(page.contains("Huallaga: café y cacao con cooperativas"));
    assert!(!page.contains("Cacao fino de aroma — VRAEM</a>"));
    assert!(page.contains("value=\"completed\" selected"));
}

#[test]
fn donors_are_listed_for_the_organisation_and_added_by_those_who_may() {
    let server = demo_server();
    let admin = server.http();
    let donors = admin.get("/api/v1/donors").assert_status(200).json();
    assert_eq!(donors.as_array().unwrap().len(), 2);
    assert_eq!(donors[0]["iati_identifier"], "XI-IATI-EC_INTPA");
    let made = admin.post_json(
        "/api/v1/donors",
        &json!({"name": "Gobierno de Alemania", "iati_identifier": "DE-1", "organisation_type": "government"}),
    );
    made.assert_status(201);
    let again = admin.post_json("/api/v1/donors", &json!({"name": "Gobierno de Alemania"}));
    again.assert_status(422);
    assert_eq!(again.json()["error"]["fields"][0]["code"], "name_taken");
    let bad = admin.post_json(
        "/api/v1/donors",
        &json!({"name": "X", "iati_identifier": "DE 1"}),
    );
    assert_eq!(
        bad.json()["error"]["fields"][0]["code"],
        "invalid_iati_identifier"
    );
    // A donor viewer sees only the donors of the projects it reads and adds none.
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    let seen = donor.get("/api/v1/donors").json();
    let names: Vec<&str> = seen
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["European Union"]);
    donor
        .post_json("/api/v1/donors", &json!({"name": "Mine"}))
        .assert_status(403);
    // The plain form post of the donors page.
    let posted = admin.post_form("/donors", &[("name", ""), ("iati_identifier", "GB-GOV-1")]);
    posted.assert_status(422);
    assert!(posted.body.contains("value=\"GB-GOV-1\""));
}
