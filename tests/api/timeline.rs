//! A project's plan of work: components, activities, milestones and budget lines through the
//! REST API, the timeline that gathers them, the budget they add up to and the Gantt chart.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};
use tests::pairs;
use tests::{Http, Response};

/// The demo's VRAEM project (2023-07-01 – 2027-06-30), with three components.
const VRAEM: i64 = 4;
/// The demo's Huallaga project (2022-01-01 – 2026-12-31, PEN), with no plan of work yet.
const HUALLAGA: i64 = 5;

fn path(project: i64, what: &str) -> String {
    format!("/api/v1/projects/{project}/{what}")
}

fn timeline(http: &Http, project: i64) -> Value {
    http.get(&path(project, "timeline"))
        .assert_status(200)
        .json()
}

fn created_id(response: &Response) -> i64 {
    response.assert_status(201);
    response.json()["id"].as_i64().expect("an id")
}

fn component(http: &Http, project: i64, kind: &str, name: &str) -> i64 {
    created_id(&http.post_json(
        &path(project, "components"),
        &json!({"kind": kind, "name": name}),
    ))
}

fn names(list: &Value, key: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| item[key].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn components_activities_milestones_and_budget_lines_are_created_changed_and_deleted() {
    let server = demo_server();
    let admin = server.http();
    let created = admin.post_json(
        &path(HUALLAGA, "components"),
        &json!({"kind": "livelihoods", "name": "Componente 1: café y cacao",
            "description": "Renovación de cafetales con asistencia técnica."}),
    );
    let coffee = created_id(&created);
    assert_eq!(
        created.location(),
        Some(path(HUALLAGA, &format!("components/{coffee}")).as_str())
    );
    assert_eq!(created.json()["kind"], "livelihoods");
    assert_eq!(created.json()["project_id"], HUALLAGA);
    let market = component(admin, HUALLAGA, "market_access", "Componente 2: mercados");

    let line = admin.post_json(
        &path(HUALLAGA, "budget-lines"),
        &json!({"code": "1.1", "description": "Plantones de café", "component_id": coffee,
            "year": 2023, "amount": "125000.50"}),
    );
    let line_id = created_id(&line);
    assert_eq!(line.json()["amount"], "125000.5");
    assert_eq!(line.json()["currency"], "PEN");
    assert_eq!(line.json()["origin"], "manual");

    let nursery = admin.post_json(
        &path(HUALLAGA, "activities"),
        &json!({"component_id": coffee, "name": "Viveros de café", "start_date": "2022-03-01",
            "end_date": "2022-09-30", "partner_kind": "ngo",
            "partner_name": "Asociación Tocache Verde (demostración)",
            "budget_line_id": line_id, "status": "in_progress"}),
    );
    let nursery_id = created_id(&nursery);
    assert_eq!(
        nursery.location(),
        Some(path(HUALLAGA, &format!("activities/{nursery_id}")).as_str())
    );
    assert_eq!(nursery.json()["budget_line_id"], line_id);
    let training = created_id(&admin.post_json(
        &path(HUALLAGA, "activities"),
        &json!({"component_id": coffee, "name": "Escuelas de campo", "start_date": "2022-02-01",
            "end_date": "2023-12-31", "partner_kind": "fao"}),
    ));
    let fair = created_id(&admin.post_json(
        &path(HUALLAGA, "activities"),
        &json!({"component_id": market, "name": "Feria del café de Tocache",
            "start_date": "2024-08-15", "end_date": "2024-08-15", "partner_kind": "cooperative",
            "partner_name": "Cooperativa Agraria Cafetalera de Tocache (demostración)"}),
    ));
    let milestone = admin.post_json(
        &path(HUALLAGA, "milestones"),
        &json!({"name": "Primera cosecha de café", "due_date": "2024-06-30",
            "component_id": coffee}),
    );
    let milestone_id = created_id(&milestone);
    assert_eq!(milestone.json()["status"], "pending");
    assert!(milestone.json()["reached_on"].is_null());

    let read = timeline(admin, HUALLAGA);
    assert_eq!(read["components"].as_array().unwrap().len(), 2);
    assert_eq!(read["components"][0]["component"]["id"], coffee);
    assert_eq!(
        names(&read["components"][0]["activities"], "name"),
        ["Escuelas de campo", "Viveros de café"],
        "by start date"
    );
    let fao = &read["components"][0]["activities"][0];
    assert_eq!(fao["id"], training);
    assert_eq!(fao["partner_kind"], "fao");
    assert!(fao["partner_name"].is_null());
    assert_eq!(fao["status"], "planned");
    assert_eq!(read["components"][1]["component"]["id"], market);
    assert_eq!(read["components"][1]["activities"][0]["id"], fair);
    assert_eq!(read["milestones"][0]["id"], milestone_id);
    assert_eq!(read["budget_lines"][0]["id"], line_id);

    // Changes.
    let changed = admin.put_json(
        &path(HUALLAGA, &format!("activities/{nursery_id}")),
        &json!({"component_id": coffee, "name": "Viveros de café", "start_date": "2022-03-01",
            "end_date": "2022-11-30", "partner_kind": "ngo",
            "partner_name": "Asociación Tocache Verde (demostración)",
            "budget_line_id": line_id, "status": "completed"}),
    );
    changed.assert_status(200);
    assert_eq!(changed.json()["status"], "completed");
    assert_eq!(changed.json()["end_date"], "2022-11-30");
    admin
        .put_json(
            &path(HUALLAGA, &format!("components/{market}")),
            &json!({"kind": "market_access", "name": "Componente 2: mercados y certificación"}),
        )
        .assert_status(200);
    let reached = admin.put_json(
        &path(HUALLAGA, &format!("milestones/{milestone_id}")),
        &json!({"name": "Primera cosecha de café", "due_date": "2024-06-30",
            "component_id": coffee, "reached_on": "2024-07-12"}),
    );
    reached.assert_status(200);
    assert_eq!(
        reached.json()["status"],
        "reached",
        "a reached date means reached"
    );
    assert_eq!(reached.json()["reached_on"], "2024-07-12");
    let amount = admin.put_json(
        &path(HUALLAGA, &format!("budget-lines/{line_id}")),
        &json!({"code": "1.1", "description": "Plantones de café", "component_id": coffee,
            "year": 2023, "amount": 130000}),
    );
    amount.assert_status(200);
    assert_eq!(amount.json()["amount"], "130000");
    let read = timeline(admin, HUALLAGA);
    assert_eq!(
        read["components"][1]["component"]["name"],
        "Componente 2: mercados y certificación"
    );
    assert_eq!(
        read["components"][0]["activities"][1]["status"],
        "completed"
    );
    assert_eq!(read["milestones"][0]["status"], "reached");
    assert_eq!(read["budget_lines"][0]["amount"], "130000");

    // Deletions: the activity, the milestone, then the line (the activity that named it, if
    // any, keeps no line).
    admin
        .delete(&path(HUALLAGA, &format!("activities/{fair}")))
        .assert_status(204);
    admin
        .delete(&path(HUALLAGA, &format!("activities/{fair}")))
        .assert_status(404);
    admin
        .delete(&path(HUALLAGA, &format!("milestones/{milestone_id}")))
        .assert_status(204);
    admin
        .delete(&path(HUALLAGA, &format!("budget-lines/{line_id}")))
        .assert_status(204);
    let read = timeline(admin, HUALLAGA);
    assert_eq!(read["components"][1]["activities"], json!([]));
    assert_eq!(read["milestones"], json!([]));
    assert_eq!(read["budget_lines"], json!([]));
    let nursery = &read["components"][0]["activities"][1];
    assert_eq!(nursery["id"], nursery_id);
    assert!(nursery["budget_line_id"].is_null());

    let actions: Vec<String> = admin
        .get("/api/v1/audit?entity_type=activity")
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(actions, ["delete", "update", "create", "create", "create"]);
    let events = admin
        .get("/api/v1/audit?entity_type=activity&action=update")
        .json();
    assert_eq!(
        events[0]["summary"],
        "Activity “Viveros de café” of project “Huallaga: café y cacao con cooperativas” \
         (2022-03-01 – 2022-11-30)"
    );
}

#[test]
fn a_component_added_by_mistake_can_be_deleted() {
    let server = demo_server();
    let admin = server.http();
    let kept = component(admin, HUALLAGA, "livelihoods", "Café");
    let mistake = component(admin, HUALLAGA, "environment", "Componente duplicado");
    let deleted = admin.delete(&path(HUALLAGA, &format!("components/{mistake}")));
    assert_eq!(deleted.status, 204, "{}", deleted.body);
    let read = timeline(admin, HUALLAGA);
    let ids: Vec<i64> = read["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["component"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [kept]);
    admin
        .delete(&path(HUALLAGA, &format!("components/{mistake}")))
        .assert_status(404);
}

#[test]
fn dates_outside_the_project_s_period_are_refused_naming_the_period() {
    let server = demo_server();
    let admin = server.http();
    let coffee = component(admin, HUALLAGA, "livelihoods", "Café");
    let outside = admin.post_json(
        &path(HUALLAGA, "activities"),
        &json!({"component_id": coffee, "name": "Antes y después", "start_date": "2021-12-31",
            "end_date": "2027-01-01", "partner_kind": "unodc"}),
    );
    outside.assert_status(422);
    assert_eq!(
        outside.field_codes(),
        pairs(&[
            ("start_date", "outside_period"),
            ("end_date", "outside_period")
        ])
    );
    for field in outside.json()["error"]["fields"].as_array().unwrap() {
        assert_eq!(
            field["message"],
            "Must fall between 2022-01-01 and 2026-12-31."
        );
    }
    let spanish = admin.send(
        admin
            .request(tests::Method::POST, &path(HUALLAGA, "activities"))
            .header("accept-language", "es")
            .json(
                &json!({"component_id": coffee, "name": "Antes", "start_date": "2021-12-31",
                "end_date": "2022-01-31", "partner_kind": "unodc"}),
            ),
    );
    spanish.assert_status(422);
    assert_eq!(
        spanish.json()["error"]["fields"][0]["message"],
        "Debe estar entre 2022-01-01 y 2026-12-31."
    );
    let backwards = admin.post_json(
        &path(HUALLAGA, "activities"),
        &json!({"component_id": coffee, "name": "Al revés", "start_date": "2023-05-01",
            "end_date": "2023-04-30", "partner_kind": "fao"}),
    );
    assert_eq!(
        backwards.field_codes(),
        pairs(&[("end_date", "end_not_after_start")])
    );
    // The first and the last day of the project are within it.
    created_id(&admin.post_json(
        &path(HUALLAGA, "activities"),
        &json!({"component_id": coffee, "name": "Todo el proyecto", "start_date": "2022-01-01",
            "end_date": "2026-12-31", "partner_kind": "undp"}),
    ));

    let milestone = admin.post_json(
        &path(HUALLAGA, "milestones"),
        &json!({"name": "Cierre", "due_date": "2027-01-15", "status": "pending",
            "reached_on": "2026-12-01"}),
    );
    assert_eq!(
        milestone.field_codes(),
        pairs(&[
            ("due_date", "outside_period"),
            ("reached_on", "not_applicable")
        ])
    );
    let reached_outside = admin.post_json(
        &path(HUALLAGA, "milestones"),
        &json!({"name": "Cierre", "due_date": "2026-12-15", "status": "reached",
            "reached_on": "2027-02-01"}),
    );
    assert_eq!(
        reached_outside.field_codes(),
        pairs(&[("reached_on", "outside_period")])
    );
    let reached_without_date = admin.post_json(
        &path(HUALLAGA, "milestones"),
        &json!({"name": "Cierre", "due_date": "2026-12-15", "status": "reached"}),
    );
    assert_eq!(
        reached_without_date.field_codes(),
        pairs(&[("reached_on", "required")])
    );

    let line = admin.post_json(
        &path(HUALLAGA, "budget-lines"),
        &json!({"code": "", "description": "", "year": 2030, "amount": "1.234"}),
    );
    assert_eq!(
        line.field_codes(),
        pairs(&[
            ("code", "required"),
            ("description", "required"),
            ("year", "out_of_range"),
            ("amount", "too_many_decimals"),
        ])
    );
    assert_eq!(
        line.json()["error"]["fields"][2]["message"],
        "Must be between 2022 and 2026."
    );

    let read = timeline(admin, HUALLAGA);
    assert_eq!(
        names(&read["components"][0]["activities"], "name"),
        ["Todo el proyecto"],
        "nothing refused was stored"
    );
    assert_eq!(read["milestones"], json!([]));
    assert_eq!(read["budget_lines"], json!([]));
}

#[test]
fn a_component_or_budget_line_of_another_project_is_an_unknown_reference() {
    let server = demo_server();
    let admin = server.http();
    let vraem = timeline(admin, VRAEM);
    let vraem_component = vraem["components"][0]["component"]["id"].as_i64().unwrap();
    let vraem_activity = vraem["components"][0]["activities"][0]["id"]
        .as_i64()
        .unwrap();
    let vraem_line = vraem["budget_lines"][0]["id"].as_i64().unwrap();
    let vraem_milestone = vraem["milestones"][0]["id"].as_i64().unwrap();
    let own = component(admin, HUALLAGA, "environment", "Bosques");

    let activity = admin.post_json(
        &path(HUALLAGA, "activities"),
        &json!({"component_id": vraem_component, "name": "Prestada", "start_date": "2024-01-01",
            "end_date": "2024-06-30", "partner_kind": "fao", "budget_line_id": vraem_line}),
    );
    activity.assert_status(422);
    assert_eq!(
        activity.field_codes(),
        pairs(&[
            ("component_id", "unknown_reference"),
            ("budget_line_id", "unknown_reference"),
        ])
    );
    assert_eq!(
        activity.json()["error"]["fields"][0]["message"],
        "This record is not part of this project."
    );
    let not_an_id = admin.post_json(
        &path(HUALLAGA, "activities"),
        &json!({"component_id": "cacao", "name": "x", "start_date": "2024-01-01",
            "end_date": "2024-06-30", "partner_kind": "fao", "budget_line_id": -3}),
    );
    assert_eq!(
        not_an_id.field_codes(),
        pairs(&[
            ("component_id", "unknown_reference"),
            ("budget_line_id", "unknown_reference"),
        ])
    );
    let milestone = admin.post_json(
        &path(HUALLAGA, "milestones"),
        &json!({"name": "Hito ajeno", "due_date": "2024-06-30", "component_id": vraem_component}),
    );
    assert_eq!(
        milestone.field_codes(),
        pairs(&[("component_id", "unknown_reference")])
    );
    let line = admin.post_json(
        &path(HUALLAGA, "budget-lines"),
        &json!({"code": "9.9", "description": "Ajena", "component_id": vraem_component,
            "amount": "10"}),
    );
    assert_eq!(
        line.field_codes(),
        pairs(&[("component_id", "unknown_reference")])
    );

    // Records of another project are not found through this one.
    let activity_body = json!({"component_id": own, "name": "x", "start_date": "2024-01-01",
        "end_date": "2024-06-30", "partner_kind": "fao"});
    admin
        .put_json(
            &path(HUALLAGA, &format!("components/{vraem_component}")),
            &json!({"kind": "environment", "name": "Robado"}),
        )
        .assert_status(404);
    admin
        .put_json(
            &path(HUALLAGA, &format!("activities/{vraem_activity}")),
            &activity_body,
        )
        .assert_status(404);
    admin
        .delete(&path(HUALLAGA, &format!("activities/{vraem_activity}")))
        .assert_status(404);
    admin
        .delete(&path(HUALLAGA, &format!("milestones/{vraem_milestone}")))
        .assert_status(404);
    let missing = admin.delete(&path(HUALLAGA, &format!("budget-lines/{vraem_line}")));
    missing.assert_status(404);
    assert_eq!(missing.json()["error"]["code"], "not_found");

    assert_eq!(
        timeline(admin, VRAEM),
        vraem,
        "the other project is untouched"
    );
    let read = timeline(admin, HUALLAGA);
    assert_eq!(read["components"][0]["activities"], json!([]));
    assert_eq!(read["milestones"], json!([]));
    assert_eq!(read["budget_lines"], json!([]));
}

#[test]
fn an_activity_must_name_its_partner_unless_a_united_nations_agency_is_responsible() {
    let server = demo_server();
    let admin = server.http();
    let coffee = component(admin, HUALLAGA, "livelihoods", "Café");
    let empty = admin.post_json(&path(HUALLAGA, "activities"), &json!({}));
    empty.assert_status(422);
    assert_eq!(
        empty.field_codes(),
        pairs(&[
            ("component_id", "required"),
            ("name", "required"),
            ("start_date", "required"),
            ("end_date", "required"),
            ("partner_kind", "required"),
        ])
    );
    let body = |kind: &str, name: &str| {
        json!({"component_id": coffee, "name": format!("Asistencia técnica ({kind})"),
            "start_date": "2023-01-01", "end_date": "2023-12-31", "partner_kind": kind,
            "partner_name": name})
    };
    for kind in [
        "government",
        "ngo",
        "cooperative",
        "private_buyer",
        "community",
        "other",
    ] {
        let refused = admin.post_json(&path(HUALLAGA, "activities"), &body(kind, " "));
        refused.assert_status(422);
        assert_eq!(
            refused.field_codes(),
            pairs(&[("partner_name", "required")]),
            "{kind}"
        );
    }
    let unknown = admin.post_json(&path(HUALLAGA, "activities"), &body("church", ""));
    assert_eq!(
        unknown.field_codes(),
        pairs(&[("partner_kind", "unknown_choice")])
    );
    for kind in ["unodc", "fao", "ilo", "undp"] {
        let made = admin.post_json(&path(HUALLAGA, "activities"), &body(kind, ""));
        made.assert_status(201);
        assert!(made.json()["partner_name"].is_null(), "{kind}");
    }
    let named = admin.post_json(
        &path(HUALLAGA, "activities"),
        &body("ngo", "  Asociación Tocache Verde  "),
    );
    named.assert_status(201);
    assert_eq!(named.json()["partner_name"], "Asociación Tocache Verde");
    let office = admin.post_json(
        &path(HUALLAGA, "activities"),
        &body("unodc", "Oficina de Enlace en Lima"),
    );
    assert_eq!(office.json()["partner_name"], "Oficina de Enlace en Lima");
    let bad_status = admin.post_json(
        &path(HUALLAGA, "activities"),
        &json!({"component_id": coffee, "name": "x", "start_date": "2023-01-01",
            "end_date": "2023-12-31", "partner_kind": "fao", "status": "forgotten"}),
    );
    assert_eq!(
        bad_status.field_codes(),
        pairs(&[("status", "unknown_choice")])
    );
    assert_eq!(
        timeline(admin, HUALLAGA)["components"][0]["activities"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
}

#[test]
fn the_timeline_groups_activities_under_their_components_and_adds_up_the_budget() {
    let server = demo_server();
    let admin = server.http();
    // The demo's VRAEM project: three components with their activities, by start date.
    let vraem = timeline(admin, VRAEM);
    let grouped: Vec<(String, Vec<String>)> = vraem["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["component"]["name"].as_str().unwrap().to_owned(),
                names(&c["activities"], "name"),
            )
        })
        .collect();
    let owned = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        grouped,
        [
            (
                "Cacao injertado con clones finos".to_owned(),
                owned(&[
                    "Injertación y renovación de cacaotales",
                    "Centros de acopio y poscosecha"
                ])
            ),
            (
                "Certificación y exportación".to_owned(),
                owned(&["Certificación orgánica y de comercio justo"])
            ),
            (
                "Gobernanza comunal".to_owned(),
                owned(&["Consulta previa con la comunidad nativa"])
            ),
        ]
    );
    for plan in vraem["components"].as_array().unwrap() {
        let id = &plan["component"]["id"];
        assert!(
            plan["activities"]
                .as_array()
                .unwrap()
                .iter()
                .all(|a| &a["component_id"] == id)
        );
    }

    // A budget of our own: lines ordered by code as budgets number them, totals exact.
    let coffee = component(admin, HUALLAGA, "livelihoods", "Café");
    let roads = component(admin, HUALLAGA, "rural_development", "Vías");
    let lines = [
        ("2.10", "Puente peatonal", Some(roads), "74999.50"),
        ("1.1", "Plantones", Some(coffee), "125000.50"),
        ("2.9", "Afirmado de trocha", Some(roads), "200000"),
        ("10", "Evaluación final", None, "0.01"),
        ("1.2", "Fertilizantes", Some(coffee), "99999.99"),
    ];
    for (code, description, component, amount) in lines {
        let mut line = json!({"code": code, "description": description, "year": 2024,
            "amount": amount});
        if let Some(component) = component {
            line["component_id"] = json!(component);
        }
        created_id(&admin.post_json(&path(HUALLAGA, "budget-lines"), &line));
    }
    let read = timeline(admin, HUALLAGA);
    assert_eq!(
        names(&read["budget_lines"], "code"),
        ["1.1", "1.2", "2.9", "2.10", "10"]
    );
    // 125,000.50 + 99,999.99 + 200,000 + 74,999.50 + 0.01 = 500,000.00 PEN; the coffee
    // component 225,000.49 PEN, the roads 274,999.50 PEN.
    let cents: i64 = read["budget_lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let (units, decimals) = l["amount"]
                .as_str()
                .unwrap()
                .split_once('.')
                .unwrap_or((l["amount"].as_str().unwrap(), ""));
            units.parse::<i64>().unwrap() * 100 + format!("{decimals:0<2}").parse::<i64>().unwrap()
        })
        .sum();
    assert_eq!(cents, 500_000 * 100);
    let page = admin
        .get(&format!("/projects/{HUALLAGA}/timeline"))
        .assert_status(200)
        .body
        .clone();
    let total = page
        .split("id=\"budget-total\"")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("the budget total on the timeline page");
    assert!(total.contains("500,000.00 PEN"), "{total}");
    let section = |id: i64| {
        page.split(&format!("id=\"component-{id}\""))
            .nth(1)
            .and_then(|rest| rest.split("</section>").next())
            .unwrap_or_else(|| panic!("no section for component {id}"))
            .to_owned()
    };
    let coffee_section = section(coffee);
    assert!(
        coffee_section.contains("225,000.49 PEN"),
        "{coffee_section}"
    );
    let roads_section = section(roads);
    assert!(roads_section.contains("274,999.50 PEN"), "{roads_section}");
}

#[test]
fn an_optional_reference_sent_as_null_means_none_as_the_api_itself_writes_it() {
    let server = demo_server();
    let admin = server.http();
    let coffee = component(admin, HUALLAGA, "livelihoods", "Café");
    // The API writes `null` for the references a record does not have (`component_id` of a
    // line, `budget_line_id` of an activity...); a client sending them back so must be heard,
    // as the livelihood plans' `community_id` and the results' `parent_id` are.
    let line = admin.post_json(
        &path(HUALLAGA, "budget-lines"),
        &json!({"code": "9", "description": "Evaluación final", "component_id": null,
            "year": null, "amount": "1500"}),
    );
    created_id(&line);
    assert!(line.json()["component_id"].is_null());
    assert!(line.json()["year"].is_null());
    let activity = admin.post_json(
        &path(HUALLAGA, "activities"),
        &json!({"component_id": coffee, "name": "Viveros", "start_date": "2022-03-01",
            "end_date": "2022-09-30", "partner_kind": "fao", "budget_line_id": null}),
    );
    created_id(&activity);
    assert!(activity.json()["budget_line_id"].is_null());
    let milestone = admin.post_json(
        &path(HUALLAGA, "milestones"),
        &json!({"name": "Cierre", "due_date": "2026-12-15", "component_id": null}),
    );
    created_id(&milestone);
    let figure = admin.post_json(
        &path(HUALLAGA, "baselines"),
        &json!({"community_id": null, "place": "Tocache", "crop": "coca_bush", "year": 2021,
            "hectares": "1358", "source": "satellite_survey"}),
    );
    figure.assert_status(201);
    assert!(figure.json()["community_id"].is_null());
}

#[test]
fn the_gantt_chart_is_an_svg_with_the_activity_names_and_labels_in_the_asked_language() {
    let server = demo_server();
    let admin = server.http();
    let coffee = component(admin, HUALLAGA, "livelihoods", "Café & cacao <Tocache>");
    for (name, start, end, status) in [
        ("Viveros de café", "2022-03-01", "2022-09-30", "completed"),
        (
            "Escuelas de campo",
            "2023-01-15",
            "2024-06-30",
            "in_progress",
        ),
    ] {
        created_id(&admin.post_json(
            &path(HUALLAGA, "activities"),
            &json!({"component_id": coffee, "name": name, "start_date": start, "end_date": end,
                "partner_kind": "fao", "status": status}),
        ));
    }
    created_id(&admin.post_json(
        &path(HUALLAGA, "milestones"),
        &json!({"name": "Primera cosecha", "due_date": "2024-06-30", "reached_on": "2024-07-02"}),
    ));

    let spanish = admin.get(&path(HUALLAGA, "charts/timeline.svg?lang=es"));
    spanish.assert_status(200);
    assert!(spanish.content_type().unwrap().starts_with("image/svg+xml"));
    let svg = &spanish.body;
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains("role=\"img\""));
    for text in [
        "Cronograma del proyecto",
        "Periodo: 1 ene 2022 – 31 dic 2026",
        "Café &amp; cacao &lt;Tocache&gt;",
        "Viveros de café",
        "Escuelas de campo",
        "Hitos del proyecto",
        "Primera cosecha",
        "Hito alcanzado",
        "Completada",
        "En curso",
    ] {
        assert!(svg.contains(text), "the Spanish chart lacks {text}");
    }
    assert!(!svg.contains("Project timeline") && !svg.contains("<Tocache>"));

    let english = admin
        .get(&path(HUALLAGA, "charts/timeline.svg?lang=en"))
        .body
        .clone();
    for text in [
        "Project timeline",
        "Period: 1 Jan 2022 – 31 Dec 2026",
        "Viveros de café",
        "Project milestones",
        "Milestone reached",
    ] {
        assert!(english.contains(text), "the English chart lacks {text}");
    }

    // The demo's chart names its components and activities (long names cut with an ellipsis).
    let vraem = admin
        .get(&path(VRAEM, "charts/timeline.svg?lang=es"))
        .body
        .clone();
    for text in [
        "<title>Cronograma del proyecto, 1 jul 2023 – 30 jun 2027: 3 componentes, 4 actividades, 2 hitos.</title>",
        "Cacao injertado con clones finos",
        "Centros de acopio y poscosecha",
        "Injertación y renovación de cacaota…",
        "Convenios de reconversión firmados",
        "Periodo: 1 jul 2023 – 30 jun 2027",
    ] {
        assert!(vraem.contains(text), "the VRAEM chart lacks {text}");
    }

    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    donor
        .get(&path(VRAEM, "charts/timeline.svg"))
        .assert_status(200);
    donor
        .get(&path(HUALLAGA, "charts/timeline.svg"))
        .assert_status(403);
}

#[test]
fn the_gantt_chart_s_accessible_title_counts_one_component_activity_or_milestone_in_the_singular() {
    let server = demo_server();
    let admin = server.http();
    let coffee = component(admin, HUALLAGA, "livelihoods", "Café");
    created_id(&admin.post_json(
        &path(HUALLAGA, "activities"),
        &json!({"component_id": coffee, "name": "Viveros", "start_date": "2022-03-01",
            "end_date": "2022-09-30", "partner_kind": "fao"}),
    ));
    created_id(&admin.post_json(
        &path(HUALLAGA, "milestones"),
        &json!({"name": "Primera cosecha", "due_date": "2024-06-30"}),
    ));
    let spanish = admin
        .get(&path(HUALLAGA, "charts/timeline.svg?lang=es"))
        .body
        .clone();
    assert!(
        spanish.contains(
            "<title>Cronograma del proyecto, 1 ene 2022 – 31 dic 2026: 1 componente, 1 actividad, \
             1 hito.</title>"
        ),
        "{}",
        spanish.lines().next().unwrap_or_default()
    );
    let english = admin
        .get(&path(HUALLAGA, "charts/timeline.svg?lang=en"))
        .body
        .clone();
    assert!(
        english.contains(
            "<title>Project timeline, 1 Jan 2022 – 31 Dec 2026: 1 component, 1 activity, \
             1 milestone.</title>"
        ),
        "{}",
        english.lines().next().unwrap_or_default()
    );
}

#[test]
fn only_those_who_plan_a_project_may_change_its_timeline() {
    let server = demo_server();
    let admin = server.http();
    let before = timeline(admin, VRAEM);
    let component_id = before["components"][0]["component"]["id"].as_i64().unwrap();
    let body = json!({"component_id": component_id, "name": "Intrusa",
        "start_date": "2024-01-01", "end_date": "2024-02-01", "partner_kind": "fao"});
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    assert_eq!(
        timeline(&donor, VRAEM),
        before,
        "a donor reads the plan of work it funds"
    );
    let refused = donor.post_json(&path(VRAEM, "activities"), &body);
    refused.assert_status(403);
    assert_eq!(refused.json()["error"]["code"], "forbidden");
    donor
        .post_json(
            &path(VRAEM, "components"),
            &json!({"kind": "environment", "name": "x"}),
        )
        .assert_status(403);
    let (email, password, _) = DEMO_ACCOUNTS[2];
    let me_officer = server.sign_in(email, password);
    me_officer
        .post_json(
            &path(1, "components"),
            &json!({"kind": "environment", "name": "x"}),
        )
        .assert_status(403);
    let (email, password, _) = DEMO_ACCOUNTS[1];
    let officer = server.sign_in(email, password);
    created_id(&officer.post_json(&path(VRAEM, "activities"), &body));
    assert_eq!(
        timeline(admin, VRAEM)["components"][0]["activities"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}
