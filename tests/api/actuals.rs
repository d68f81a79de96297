//! Indicator actuals and their approval workflow over the REST API and plain form posts:
//! draft → submitted → approved or returned with a comment; an approved period locked; a
//! correction after approval a new, visible revision.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};
use tests::{Http, pairs};

/// The demo's Tocache project of program 1, where the M&E officer works.
const PROJECT_1: i64 = 1;

fn new_indicator(admin: &Http) -> i64 {
    let framework = admin
        .get(&format!(
            "/api/v1/projects/{PROJECT_1}/results-framework?lang=en"
        ))
        .json();
    let outcome = framework["framework"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["level"] == "outcome")
        .unwrap()["id"]
        .clone();
    let response = admin.post_json(
        &format!("/api/v1/projects/{PROJECT_1}/indicators"),
        &json!({"result_id": outcome, "library_code": "beneficiaries", "frequency": "annual",
            "disaggregation": "sex_age", "responsible_role": "me_officer"}),
    );
    response.assert_status(201);
    response.json()["id"].as_i64().unwrap()
}

fn step(http: &Http, actual: i64, step: &str, comment: &str) -> tests::Response {
    http.post_json(
        &format!("/api/v1/projects/{PROJECT_1}/actuals/{actual}/steps"),
        &json!({"step": step, "comment": comment}),
    )
}

#[test]
fn an_actual_is_submitted_returned_approved_locked_and_corrected_as_a_new_revision() {
    let server = demo_server();
    let admin = server.http();
    let indicator = new_indicator(admin);
    let path = format!("/api/v1/projects/{PROJECT_1}/indicators/{indicator}/actuals");
    let officer = server.sign_in(DEMO_ACCOUNTS[1].0, DEMO_ACCOUNTS[1].1);
    let me = server.sign_in(DEMO_ACCOUNTS[2].0, DEMO_ACCOUNTS[2].1);
    let page = officer.get(&path).assert_status(200).json();
    assert_eq!(page["can_enter"], true);
    assert_eq!(page["can_approve"], false);
    let period = page["periods"][0]["code"].as_str().unwrap().to_owned();
    // Women and men by age band: eight cells, the total left to add up.
    let cells: Vec<&str> = vec!["12", "30", "25", "3", "10", "28", "20", "4"];
    let saved = officer
        .post_json(
            &path,
            &json!({"period": period, "total": "", "cells": cells}),
        )
        .assert_status(200)
        .json();
    assert_eq!(saved["total"], "132");
    assert_eq!(saved["status"], "draft");
    assert_eq!(saved["revision"], 1);
    let id = saved["id"].as_i64().unwrap();
    let wrong = officer.post_json(
        &path,
        &json!({"period": period, "total": "131", "cells": cells}),
    );
    wrong.assert_status(422);
    assert_eq!(
        wrong.field_codes(),
        pairs(&[("total", "cells_do_not_add_up")])
    );

    step(&officer, id, "submit", "").assert_status(200);
    let waiting = officer.post_json(&path, &json!({"period": period, "total": "140"}));
    waiting.assert_status(422);
    assert_eq!(
        waiting.field_codes(),
        pairs(&[("period", "awaiting_approval")])
    );
    // A program officer enters, it does not approve.
    step(&officer, id, "approve", "").assert_status(403);
    let silent = step(&me, id, "return", " ");
    silent.assert_status(422);
    assert_eq!(silent.field_codes(), pairs(&[("comment", "required")]));
    let returned = step(
        &me,
        id,
        "return",
        "Men 30–59 look low: check the list of La Carmelita",
    )
    .assert_status(200)
    .json();
    assert_eq!(returned["status"], "returned");
    let fixed: Vec<&str> = vec!["12", "30", "25", "3", "10", "28", "24", "4"];
    officer
        .post_json(
            &path,
            &json!({"period": period, "cells": fixed, "note": "List checked"}),
        )
        .assert_status(200);
    step(&officer, id, "submit", "").assert_status(200);
    let approved = step(&me, id, "approve", "").assert_status(200).json();
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["total"], "136");

    // Approved: the period is locked.
    let locked = officer.post_json(&path, &json!({"period": period, "total": "150"}));
    locked.assert_status(422);
    assert_eq!(locked.field_codes(), pairs(&[("period", "period_locked")]));
    step(&me, id, "approve", "").assert_status(422);
    // A correction is a new revision; the approved one stays and still counts.
    let revision = step(&officer, id, "revise", "").assert_status(200).json();
    assert_eq!(revision["revision"], 2);
    assert_eq!(revision["status"], "draft");
    assert_eq!(
        revision["total"], "136",
        "it starts from the approved values"
    );
    let second = revision["id"].as_i64().unwrap();
    step(&officer, id, "revise", "").assert_status(422);
    let both = admin.get(&path).json();
    let of_period: Vec<&Value> = both["actuals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["period"] == period.as_str())
        .collect();
    assert_eq!(of_period.len(), 2);
    assert_eq!(of_period[0]["status"], "approved");
    assert_eq!(of_period[0]["superseded"], false);
    let corrected: Vec<&str> = vec!["12", "30", "25", "3", "10", "28", "24", "6"];
    officer
        .post_json(&path, &json!({"period": period, "cells": corrected}))
        .assert_status(200);
    step(&officer, second, "submit", "").assert_status(200);
    step(&me, second, "approve", "").assert_status(200);
    let after = admin.get(&path).json();
    let first = after["actuals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(first["superseded"], true);
    let steps: Vec<&str> = first["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        ["save", "submit", "return", "save", "submit", "approve"]
    );
    assert!(
        first["events"][2]["comment"]
            .as_str()
            .unwrap()
            .contains("La Carmelita")
    );
    let audit = admin.get("/api/v1/audit?entity_type=indicator_actual").body;
    assert!(audit.contains("submitted → approved"), "{audit}");

    // The page shows both revisions and the approved value; a field monitor only reads.
    let shown = admin.get(&format!(
        "/projects/{PROJECT_1}/indicators/{indicator}/actuals"
    ));
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("id=\"actuals-table\"") && shown.body.contains("138"));
    let monitor = server.sign_in(DEMO_ACCOUNTS[3].0, DEMO_ACCOUNTS[3].1);
    monitor.get(&path).assert_status(200);
    monitor
        .post_json(&path, &json!({"period": period, "total": "1"}))
        .assert_status(403);
}

#[test]
fn an_actual_is_entered_and_submitted_from_plain_forms_without_javascript() {
    let server = demo_server();
    let admin = server.http();
    let indicator = new_indicator(admin);
    let api = format!("/api/v1/projects/{PROJECT_1}/indicators/{indicator}/actuals");
    let period = admin.get(&api).json()["periods"][1]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = format!("/projects/{PROJECT_1}/indicators/{indicator}/actuals");
    let form = admin.get(&page);
    assert!(form.body.contains("id=\"actual-form\"") && form.body.contains("id=\"actual-cell-7\""));
    let bad = admin.post_form(
        &page,
        &[
            ("period", period.as_str()),
            ("total", ""),
            ("cell[0]", "3"),
            ("cell[1]", "tres"),
            ("note", "Lista de asistencia"),
        ],
    );
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("actual-cell-1-error") && bad.body.contains("Lista de asistencia"));
    let saved = admin.post_form(
        &page,
        &[("period", period.as_str()), ("total", "40"), ("note", "")],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    let actual = admin.get(&api).json()["actuals"][0]["id"].as_i64().unwrap();
    let submitted = admin.post_form(
        &format!("/projects/{PROJECT_1}/actuals/{actual}/steps"),
        &[
            ("indicator_id", indicator.to_string().as_str()),
            ("step", "submit"),
            ("comment", ""),
        ],
    );
    assert_eq!(submitted.status, 303);
    assert_eq!(admin.get(&api).json()["actuals"][0]["status"], "submitted");
}
