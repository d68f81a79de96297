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

/// Posts `body` to `path` and answers the new record's id.
fn made(http: &Http, path: &str, body: Value) -> i64 {
    let response = http.post_json(path, &body);
    response.assert_status(201);
    response.json()["id"].as_i64().unwrap()
}

#[test]
fn actuals_are_worked_out_from_the_field_records_and_offered_as_a_draft_that_counts_once_approved()
{
    use tests::TestServer;
    let server = TestServer::spawn();
    let admin = server.http();
    let (project, community) = tests::fixtures::project_with_community(
        &server,
        "Programa calculado",
        "Proyecto Pichari",
        "PE",
        "Natividad",
    );
    let households = format!("/api/v1/projects/{project}/households");
    // Rosa heads an indigenous household of three women; Hugo a household of two; a third
    // household withdrew in March and counts for nothing.
    let rosa = made(
        admin,
        &households,
        json!({"community_id": community, "head_sex": "female", "head_age_band": "30_59",
            "members_female_30_59": 1, "members_female_under_18": 2, "indigenous": true,
            "land_tenure": "titled_owner", "title_holder": "woman", "enrolled_on": "2025-02-01"}),
    );
    let hugo = made(
        admin,
        &households,
        json!({"community_id": community, "head_sex": "male", "head_age_band": "18_29",
            "members_male_18_29": 1, "members_female_18_29": 1,
            "land_tenure": "untitled_possession", "enrolled_on": "2025-02-01"}),
    );
    let gone = made(
        admin,
        &households,
        json!({"community_id": community, "head_sex": "female", "head_age_band": "60_plus",
            "members_female_60_plus": 1, "land_tenure": "tenant", "enrolled_on": "2025-02-01"}),
    );
    admin
        .post_json(
            &format!("/api/v1/households/{gone}/status"),
            &json!({"status": "withdrawn", "changed_on": "2025-03-01", "reason": "Moved away"}),
        )
        .assert_status(200);
    // Plots: Rosa's 1.5 ha of coca in March, 0.5 ha of coca and 1 ha of cocoa in November;
    // Hugo's 2 ha of coca in April.
    let plot = |household: i64, name: &str| {
        made(
            admin,
            &format!("/api/v1/households/{household}/plots"),
            json!({"name": name, "declared_hectares": "3", "longitude": -74.2, "latitude": -12.4}),
        )
    };
    let rosa_plot = plot(rosa, "La loma");
    let hugo_plot = plot(hugo, "El bajo");
    for (p, day, crop, ha) in [
        (rosa_plot, "2025-03-01", "coca_bush", "1.5"),
        (rosa_plot, "2025-11-05", "coca_bush", "0.5"),
        (rosa_plot, "2025-11-05", "cocoa", "1"),
        (hugo_plot, "2025-04-01", "coca_bush", "2"),
    ] {
        admin
            .post_json(
                &format!("/api/v1/plots/{p}/uses"),
                &json!({"observed_on": day, "crop": crop, "hectares": ha, "source": "field_verification"}),
            )
            .assert_status(200);
    }
    // Agreements: Rosa's 1 ha verified whole in September; Hugo's 2 ha verified whole in
    // April and replanted by August.
    let rosa_agreement = made(
        admin,
        &format!("/api/v1/households/{rosa}/agreements"),
        json!({"signed_on": "2025-03-01", "crop": "coca_bush", "committed_hectares": "1",
            "eradicate_by": "2025-12-31"}),
    );
    let hugo_agreement = made(
        admin,
        &format!("/api/v1/households/{hugo}/agreements"),
        json!({"signed_on": "2025-02-10", "crop": "coca_bush", "committed_hectares": "2",
            "eradicate_by": "2025-05-31"}),
    );
    for (agreement, day, eradicated, found) in [
        (rosa_agreement, "2025-06-01", "0.4", "1.1"),
        (rosa_agreement, "2025-09-01", "1", "0"),
        (hugo_agreement, "2025-04-15", "2", "0"),
        (hugo_agreement, "2025-08-01", "2", "0.3"),
    ] {
        admin
            .post_json(
                &format!("/api/v1/agreements/{agreement}/verifications"),
                &json!({"visited_on": day, "method": "field_visit",
                    "eradicated_hectares": eradicated, "illicit_hectares_found": found}),
            )
            .assert_status(200);
    }
    // Rosa's support came before her eradication; Hugo's after his.
    for (who, day) in [(rosa, "2025-04-01"), (hugo, "2025-05-01")] {
        admin
            .post_json(
                &format!("/api/v1/households/{who}/support"),
                &json!({"kind": "inputs", "delivered_on": day, "value": "100", "currency": "PEN"}),
            )
            .assert_status(201);
    }
    // Sales: Rosa 10 kg and 5 kg at 60 PEN (900 PEN in 2025); Hugo visited, sold nothing.
    for (who, day, sold) in [
        (rosa, "2025-05-01", Some("10")),
        (rosa, "2025-11-05", Some("5")),
        (hugo, "2025-08-01", None),
    ] {
        let body = match sold {
            Some(kg) => json!({"visited_on": day, "crop": "cocoa", "harvested_kg": kg,
                "sold_kg": kg, "price_per_kg": "60", "currency": "PEN",
                "sales_channel": "cooperative"}),
            None => json!({"visited_on": day, "note": "Seedlings planted"}),
        };
        admin
            .post_json(&format!("/api/v1/households/{who}/visits"), &body)
            .assert_status(201);
    }
    // A training with 4 young women and 3 men; a meeting that is not a training.
    let reports = format!("/api/v1/projects/{project}/activity-reports");
    made(
        admin,
        &reports,
        json!({"community_id": community, "kind": "training", "held_on": "2025-04-02",
            "title": "Cocoa grafting", "attendance_female_18_29": 4, "attendance_male_30_59": 3}),
    );
    made(
        admin,
        &reports,
        json!({"community_id": community, "kind": "meeting", "held_on": "2025-04-03",
            "title": "Assembly", "attendance_female_18_29": 40}),
    );

    // A results framework with library indicators and one of the project's own.
    let results = format!("/api/v1/projects/{project}/results");
    let goal = made(
        admin,
        &results,
        json!({"level": "goal", "statement": "Licit livelihoods"}),
    );
    let outcome = made(
        admin,
        &results,
        json!({"level": "outcome", "parent_id": goal, "statement": "Less coca"}),
    );
    let indicator = |code: &str, set: &str| {
        let mut body = json!({"result_id": outcome, "library_code": code, "frequency": "annual",
            "responsible_role": "me_officer"});
        if !set.is_empty() {
            body["disaggregation"] = json!(set);
        }
        made(
            admin,
            &format!("/api/v1/projects/{project}/indicators"),
            body,
        )
    };
    let computed = |indicator: i64, period: &str| {
        admin
            .get(&format!(
                "/api/v1/projects/{project}/indicators/{indicator}/actuals/computed?period={period}&lang=en"
            ))
    };
    let figure = |indicator: i64| {
        let answer = computed(indicator, "2025").assert_status(200).json();
        (answer["total"].clone(), answer["cells"].clone())
    };

    let illicit = indicator("illicit_hectares_on_plots", "sex");
    // Each plot's latest record by 31 December 2025: Rosa 0.5 ha, Hugo 2 ha.
    assert_eq!(figure(illicit), (json!("2.5"), json!(["0.5", "2"])));
    let eradicated = indicator("eradicated_verified", "");
    assert_eq!(figure(eradicated), (json!("3"), Value::Null));
    let replanting = indicator("replanting_rate", "sex");
    assert_eq!(figure(replanting), (json!("50"), json!(["0", "100"])));
    let sequenced = indicator("support_before_eradication", "");
    assert_eq!(figure(sequenced).0, json!("50"));
    let beneficiaries = indicator("beneficiaries", "sex_age");
    // Women: under 18 ×2, 18–29 ×1, 30–59 ×1; men: 18–29 ×1.
    assert_eq!(
        figure(beneficiaries),
        (json!("5"), json!(["2", "1", "1", "0", "0", "1", "0", "0"]))
    );
    let women = indicator("women_beneficiaries", "");
    assert_eq!(figure(women).0, json!("4"));
    let households_enrolled = indicator("households_enrolled", "sex");
    assert_eq!(figure(households_enrolled), (json!("2"), json!(["1", "1"])));
    let income = indicator("licit_income", "");
    // Rosa 900 PEN / 12 months = 75; Hugo 0: 37.50 a month on average.
    assert_eq!(figure(income).0, json!("37.5"));
    let trained = indicator("people_trained", "");
    let trained_answer = computed(trained, "2025").assert_status(200).json();
    assert_eq!(trained_answer["total"], "7");
    // Attendance lists do not record indigenous status: the cells are left to fill.
    assert!(trained_answer["cells"].is_null());
    assert!(
        trained_answer["note"]
            .as_str()
            .unwrap()
            .contains("indigenous status"),
        "{trained_answer}"
    );
    // Nothing verified in 2026 yet either, but the rate carries over to the period's end.
    assert_eq!(
        computed(replanting, "2026").assert_status(200).json()["total"],
        "50"
    );

    // The project's own indicator, and a period the indicator does not report, are refused
    // by name; nothing is stored by asking.
    let own = made(
        admin,
        &format!("/api/v1/projects/{project}/indicators"),
        json!({"result_id": outcome, "name": "Cocoa nurseries", "unit": "count",
            "frequency": "annual", "disaggregation": "total", "responsible_role": "me_officer"}),
    );
    assert_eq!(
        computed(own, "2025").assert_status(422).field_codes(),
        [("indicator".to_owned(), "not_computed".to_owned())]
    );
    assert_eq!(
        computed(eradicated, "2031")
            .assert_status(422)
            .field_codes(),
        [("period".to_owned(), "unknown_period".to_owned())]
    );
    let actuals = format!("/api/v1/projects/{project}/indicators/{eradicated}/actuals");
    let listed = admin.get(&actuals).assert_status(200).json();
    assert_eq!(listed["computation"], "eradicated_verified");
    assert_eq!(listed["actuals"], json!([]));

    // The draft is saved as it is, submitted, approved; the results framework then shows it
    // against its target: 3 of 4 hectares, 75%.
    admin
        .put_json(
            &format!("/api/v1/projects/{project}/indicators/{eradicated}/targets"),
            &json!({"targets": [{"period": "2025", "value": "4"}]}),
        )
        .assert_status(200);
    let form = computed(eradicated, "2025").json()["form"].clone();
    assert!(
        form["note"]
            .as_str()
            .unwrap()
            .starts_with("Computed from the records")
    );
    let draft = admin.post_json(&actuals, &form).assert_status(200).json();
    assert_eq!(
        (draft["status"].clone(), draft["total"].clone()),
        (json!("draft"), json!("3"))
    );
    let id = draft["id"].as_i64().unwrap();
    for s in ["submit", "approve"] {
        admin
            .post_json(
                &format!("/api/v1/projects/{project}/actuals/{id}/steps"),
                &json!({"step": s}),
            )
            .assert_status(200);
    }
    let framework = admin
        .get(&format!(
            "/api/v1/projects/{project}/results-framework?lang=en"
        ))
        .json();
    let progress = framework["periods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["indicator_id"] == eradicated)
        .unwrap()["progress"]
        .clone();
    assert_eq!(
        progress[0],
        json!({"period": "2025", "target": "4", "actual": "3", "revision": 1, "percent_of_target": "75.0"})
    );
    assert_eq!(progress[1]["actual"], Value::Null);
    // The results tab says so, and the actuals page offers the figure as a prefilled form.
    let tab = admin.get(&format!("/projects/{project}/results"));
    let at = tab.body.find("period-progress").unwrap_or(0);
    assert!(
        tab.body.contains("(75% of target)"),
        "the results tab: {}",
        &tab.body[at..(at + 600).min(tab.body.len())]
    );
    let page = admin.get(&format!(
        "/projects/{project}/indicators/{illicit}/actuals?from_records=2025"
    ));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"computed-notice\""));
    assert!(page.body.contains("id=\"from-records\""));
    assert!(page.body.contains("value=\"2.5\""), "the total prefilled");
    assert!(page.body.contains("value=\"0.5\""), "a cell prefilled");
}
