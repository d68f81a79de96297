//! Safeguards of a project (free, prior and informed consent, traditional uses, human rights,
//! environment, sequencing) and the warnings the plan raises, appearing and disappearing as the
//! rules say.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};
use tests::pairs;
use tests::{Http, Response};

/// The demo's VRAEM project: "Comunidad nativa Otari" is indigenous, consent in progress.
const VRAEM: i64 = 4;
/// The demo's Huallaga project: no indigenous community, no safeguard recorded, no plan.
const HUALLAGA: i64 = 5;

fn safeguards(http: &Http, project: i64, lang: &str) -> Value {
    http.get(&format!(
        "/api/v1/projects/{project}/safeguards?lang={lang}"
    ))
    .assert_status(200)
    .json()
}

/// `(code, subject)` of every warning, in order.
fn warnings(http: &Http, project: i64) -> Vec<(String, Option<String>)> {
    safeguards(http, project, "en")["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["code"].as_str().unwrap().to_owned(),
                w["subject"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn warning(code: &str, subject: Option<&str>) -> (String, Option<String>) {
    (code.to_owned(), subject.map(str::to_owned))
}

fn message_of(view: &Value, code: &str) -> String {
    view["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == code)
        .and_then(|w| w["message"].as_str())
        .unwrap_or_else(|| panic!("no warning {code} in {view}"))
        .to_owned()
}

fn put(http: &Http, project: i64, kind: &str, body: &Value) -> Response {
    http.put_json(
        &format!("/api/v1/projects/{project}/safeguards/{kind}"),
        body,
    )
}

/// Today's date (UTC) as the server sees it, `YYYY-MM-DD`, from the HTTP `Date` header
/// (`Tue, 01 Dec 2026 21:52:51 GMT`).
fn today(response: &Response) -> String {
    let date = response.header("date").expect("a Date header");
    let parts: Vec<&str> = date.split_whitespace().collect();
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| *m == parts[2])
    .expect("an English month")
        + 1;
    format!("{}-{month:02}-{}", parts[3], parts[1])
}

fn livelihood_plan(name: &str, eradication: &str, planting: &str) -> Value {
    json!({
        "name": name, "households": 25, "illicit_income_monthly": "900",
        "eradication_month": eradication,
        "value_chains": [{"crop": "coffee", "hectares": "1.5", "planting_month": planting,
            "yield_curve": "0; 0; 700; 1000", "price_per_kg": "11", "market_channel": "cooperative"}]
    })
}

#[test]
fn an_indigenous_community_without_consent_is_warned_about_until_its_consent_is_met() {
    let server = demo_server();
    let admin = server.http();
    let view = safeguards(admin, VRAEM, "en");
    assert_eq!(view["safeguards"][0]["kind"], "fpic");
    assert_eq!(view["safeguards"][0]["status"], "in_progress");
    assert_eq!(
        warnings(admin, VRAEM),
        [
            warning("fpic_not_met", Some("Comunidad nativa Otari")),
            warning("traditional_uses_not_assessed", None),
            warning("environment_not_assessed", None),
            warning("sequencing_not_assessed", None),
        ]
    );
    assert_eq!(
        message_of(&view, "fpic_not_met"),
        "Comunidad nativa Otari is an indigenous community and its free, prior and informed \
         consent is not recorded as obtained (status: in progress)."
    );
    let spanish = safeguards(admin, VRAEM, "es");
    assert_eq!(
        message_of(&spanish, "fpic_not_met"),
        "Comunidad nativa Otari es una comunidad indígena y su consentimiento libre, previo e \
         informado no figura como obtenido (estado: en curso)."
    );
    assert_eq!(
        message_of(&spanish, "traditional_uses_not_assessed"),
        "El proyecto aborda el arbusto de coca y trabaja con comunidades indígenas, pero no se \
         han evaluado los usos tradicionales lícitos de la hoja de coca."
    );
    assert_eq!(
        message_of(&spanish, "environment_not_assessed"),
        "No se ha evaluado la protección del medio ambiente."
    );

    // Met needs its evidence and the day it was assessed.
    let bare = put(admin, VRAEM, "fpic", &json!({"status": "met"}));
    bare.assert_status(422);
    assert_eq!(
        bare.field_codes(),
        pairs(&[("evidence", "required"), ("assessed_on", "required")])
    );
    assert_eq!(
        safeguards(admin, VRAEM, "en")["safeguards"][0]["status"],
        "in_progress"
    );

    let met = put(
        admin,
        VRAEM,
        "fpic",
        &json!({"status": "met", "assessed_on": "2024-05-10",
            "evidence": "Acta de la asamblea comunal de Otari que da su consentimiento (demostración)."}),
    );
    met.assert_status(200);
    assert_eq!(
        met.json(),
        json!({"kind": "fpic", "status": "met", "assessed_on": "2024-05-10",
            "evidence": "Acta de la asamblea comunal de Otari que da su consentimiento (demostración)."})
    );
    let view = safeguards(admin, VRAEM, "en");
    assert_eq!(view["safeguards"][0], met.json());
    assert_eq!(
        warnings(admin, VRAEM),
        [
            warning("traditional_uses_not_assessed", None),
            warning("environment_not_assessed", None),
            warning("sequencing_not_assessed", None),
        ]
    );
    let events = admin.get("/api/v1/audit?entity_type=safeguard").json();
    assert_eq!(
        events[0]["summary"],
        "Safeguard “fpic” of project “Cacao fino de aroma — VRAEM”: met"
    );
    let old: Value = serde_json::from_str(events[0]["old_value"].as_str().unwrap()).unwrap();
    assert_eq!(old["status"], "in_progress");

    // Back to in progress, the warning returns.
    put(admin, VRAEM, "fpic", &json!({"status": "in_progress"})).assert_status(200);
    assert_eq!(
        warnings(admin, VRAEM)[0],
        warning("fpic_not_met", Some("Comunidad nativa Otari"))
    );
}

#[test]
fn each_safeguard_assessed_silences_its_warning_and_a_breached_one_raises_its_own() {
    let server = demo_server();
    let admin = server.http();
    put(
        admin,
        VRAEM,
        "traditional_uses",
        &json!({"status": "not_applicable",
            "evidence": "La comunidad no usa tradicionalmente la hoja de coca (demostración)."}),
    )
    .assert_status(200);
    put(
        admin,
        VRAEM,
        "environment",
        &json!({"status": "in_progress"}),
    )
    .assert_status(200);
    put(
        admin,
        VRAEM,
        "sequencing",
        &json!({"status": "met", "assessed_on": "2023-10-01",
            "evidence": "Plantones entregados en agosto de 2023, antes de la erradicación."}),
    )
    .assert_status(200);
    assert_eq!(
        warnings(admin, VRAEM),
        [warning("fpic_not_met", Some("Comunidad nativa Otari"))]
    );

    // A breach is the most serious warning, and consent is not also reported as not met.
    put(
        admin,
        VRAEM,
        "fpic",
        &json!({"status": "breached",
            "evidence": "Se sembró en tierras comunales sin consulta (demostración)."}),
    )
    .assert_status(200);
    let view = safeguards(admin, VRAEM, "en");
    assert_eq!(warnings(admin, VRAEM), [warning("breached", None)]);
    assert_eq!(view["warnings"][0]["kind"], "fpic");
    assert_eq!(
        view["warnings"][0]["message"],
        "The safeguard “Free, prior and informed consent of indigenous communities” is recorded \
         as breached: remedy it, and record how, before the plan goes ahead."
    );
    assert_eq!(
        message_of(&safeguards(admin, VRAEM, "es"), "breached"),
        "La salvaguarda «Consentimiento libre, previo e informado de las comunidades indígenas» \
         figura como incumplida: hay que remediarla, y registrar cómo, antes de seguir adelante \
         con el plan."
    );
    put(
        admin,
        VRAEM,
        "human_rights",
        &json!({"status": "breached", "evidence": "Denuncia ante la Defensoría (demostración)."}),
    )
    .assert_status(200);
    let kinds: Vec<Value> = safeguards(admin, VRAEM, "en")["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| json!([w["code"], w["kind"]]))
        .collect();
    assert_eq!(
        kinds,
        [
            json!(["breached", "fpic"]),
            json!(["breached", "human_rights"])
        ]
    );

    // Human rights never assessed in a fresh project is warned about too.
    assert_eq!(
        warnings(admin, HUALLAGA),
        [
            warning("human_rights_not_assessed", None),
            warning("environment_not_assessed", None),
        ]
    );
    let fresh = safeguards(admin, HUALLAGA, "en");
    let statuses: Vec<&str> = fresh["safeguards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["not_assessed"; 5]);
}

#[test]
fn sequencing_warnings_follow_the_livelihood_plans_and_their_bridging_budget() {
    let server = demo_server();
    let admin = server.http();
    put(
        admin,
        HUALLAGA,
        "human_rights",
        &json!({"status": "in_progress"}),
    )
    .assert_status(200);
    put(
        admin,
        HUALLAGA,
        "environment",
        &json!({"status": "in_progress"}),
    )
    .assert_status(200);
    assert!(warnings(admin, HUALLAGA).is_empty());

    // Coffee planted three months after eradication, its income valley not budgeted.
    let created = admin.post_json(
        &format!("/api/v1/projects/{HUALLAGA}/livelihood-plans"),
        &livelihood_plan("Café Uchiza", "2023-03", "2023-06"),
    );
    created.assert_status(201);
    let plan = created.json()["plan"]["id"].as_i64().unwrap();
    let valley = created.json()["summary"]["per_household"]["valley_months"]
        .as_i64()
        .unwrap();
    // 900 a month given up; 1.5 ha × 700 kg × 11 = 11,550 a year (962.50 a month) from the
    // third year after planting (June 2025): 27 months after March 2023.
    assert_eq!(valley, 27);
    assert_eq!(
        warnings(admin, HUALLAGA),
        [
            warning("sequencing_not_assessed", None),
            warning("support_after_eradication", Some("Café Uchiza")),
            warning("valley_not_bridged", Some("Café Uchiza")),
        ]
    );
    let view = safeguards(admin, HUALLAGA, "en");
    assert_eq!(
        message_of(&view, "support_after_eradication"),
        "Café Uchiza: the first livelihood support comes 3 months after eradication; it should \
         come before or with it."
    );
    assert_eq!(
        message_of(&view, "valley_not_bridged"),
        "Café Uchiza: licit income takes 27 months to replace the income given up, and no \
         bridging support is budgeted for that time."
    );
    let spanish = safeguards(admin, HUALLAGA, "es");
    assert_eq!(
        message_of(&spanish, "support_after_eradication"),
        "Café Uchiza: el primer apoyo a los medios de vida llega 3 meses después de la \
         erradicación; debe llegar antes o al mismo tiempo."
    );
    assert_eq!(
        message_of(&spanish, "valley_not_bridged"),
        "Café Uchiza: el ingreso lícito tarda 27 meses en reemplazar el ingreso que se deja, y \
         no hay apoyo puente presupuestado para ese tiempo."
    );

    // Budgeting the bridging support answers the valley.
    admin
        .post_json(
            &format!("/api/v1/projects/{HUALLAGA}/livelihood-plans/{plan}/bridging-budget"),
            &json!({}),
        )
        .assert_status(201);
    assert_eq!(
        warnings(admin, HUALLAGA),
        [
            warning("sequencing_not_assessed", None),
            warning("support_after_eradication", Some("Café Uchiza")),
        ]
    );
    // Planting moved to the month of eradication answers the sequencing.
    admin
        .put_json(
            &format!("/api/v1/projects/{HUALLAGA}/livelihood-plans/{plan}"),
            &livelihood_plan("Café Uchiza", "2023-03", "2023-03"),
        )
        .assert_status(200);
    assert_eq!(
        warnings(admin, HUALLAGA),
        [warning("sequencing_not_assessed", None)]
    );
    put(
        admin,
        HUALLAGA,
        "sequencing",
        &json!({"status": "in_progress"}),
    )
    .assert_status(200);
    assert!(warnings(admin, HUALLAGA).is_empty());

    // Removing the budget lines brings the valley's warning back.
    let timeline = admin
        .get(&format!("/api/v1/projects/{HUALLAGA}/timeline"))
        .json();
    let lines: Vec<i64> = timeline["budget_lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["livelihood_plan_id"] == plan)
        .map(|l| l["id"].as_i64().unwrap())
        .collect();
    assert!(!lines.is_empty());
    for line in lines {
        admin
            .delete(&format!("/api/v1/projects/{HUALLAGA}/budget-lines/{line}"))
            .assert_status(204);
    }
    assert_eq!(
        warnings(admin, HUALLAGA),
        [warning("valley_not_bridged", Some("Café Uchiza"))]
    );
}

#[test]
fn a_preventive_project_eradicates_nothing_so_its_plans_raise_no_sequencing_warning() {
    let server = demo_server();
    let admin = server.http();
    let project = admin.post_json(
        "/api/v1/programs/2/projects",
        &json!({"name": "Prevención en Monzón", "kind": "preventive_ad", "country": "PE",
            "start_date": "2025-01-01", "end_date": "2028-12-31", "illicit_crops": ["coca_bush"],
            "planned_crops": [{"crop": "coffee", "hectares": "300"}]}),
    );
    project.assert_status(201);
    let id = project.json()["id"].as_i64().unwrap();
    admin
        .post_json(
            &format!("/api/v1/projects/{id}/livelihood-plans"),
            &livelihood_plan("Café Monzón", "2025-03", "2025-09"),
        )
        .assert_status(201);
    assert_eq!(
        warnings(admin, id),
        [
            warning("human_rights_not_assessed", None),
            warning("environment_not_assessed", None),
        ]
    );
}

#[test]
fn a_safeguard_needs_its_evidence_and_cannot_be_assessed_in_the_future() {
    let server = demo_server();
    let admin = server.http();
    for status in ["not_applicable", "breached"] {
        let refused = put(
            admin,
            VRAEM,
            "environment",
            &json!({"status": status, "evidence": " "}),
        );
        refused.assert_status(422);
        assert_eq!(
            refused.field_codes(),
            pairs(&[("evidence", "required")]),
            "{status}"
        );
    }
    let refused = put(
        admin,
        VRAEM,
        "environment",
        &json!({"status": "", "evidence": "x"}),
    );
    assert_eq!(refused.field_codes(), pairs(&[("status", "required")]));
    let refused = put(admin, VRAEM, "environment", &json!({"status": "done"}));
    assert_eq!(
        refused.field_codes(),
        pairs(&[("status", "unknown_choice")])
    );
    let refused = put(
        admin,
        VRAEM,
        "environment",
        &json!({"status": "in_progress", "evidence": "e".repeat(4001), "assessed_on": "31/12/2024"}),
    );
    assert_eq!(
        refused.field_codes(),
        pairs(&[("evidence", "too_long"), ("assessed_on", "invalid_date")])
    );

    let future = put(
        admin,
        VRAEM,
        "environment",
        &json!({"status": "met", "evidence": "Plan de manejo ambiental aprobado.",
            "assessed_on": "2099-06-30"}),
    );
    future.assert_status(422);
    assert_eq!(
        future.field_codes(),
        pairs(&[("assessed_on", "outside_period")])
    );
    assert_eq!(
        future.json()["error"]["fields"][0]["message"],
        format!("Must fall between 1990-01-01 and {}.", today(&future))
    );
    // Today itself is not in the future.
    let now = today(&future);
    let today_ok = put(
        admin,
        VRAEM,
        "environment",
        &json!({"status": "met", "evidence": "Plan de manejo ambiental aprobado.",
            "assessed_on": now}),
    );
    today_ok.assert_status(200);
    assert_eq!(today_ok.json()["assessed_on"], now);

    let unknown = put(admin, VRAEM, "gender", &json!({"status": "met"}));
    unknown.assert_status(404);
    assert_eq!(unknown.json()["error"]["code"], "not_found");
    put(admin, 4242, "fpic", &json!({"status": "in_progress"})).assert_status(404);
    admin
        .get("/api/v1/projects/4242/safeguards")
        .assert_status(404);

    // Nothing refused was stored: consent is still in progress, the environment met today.
    let view = safeguards(admin, VRAEM, "en");
    assert_eq!(view["safeguards"][0]["status"], "in_progress");
    assert_eq!(view["safeguards"][3]["status"], "met");
}

#[test]
fn only_those_who_plan_a_project_may_record_its_safeguards() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    assert_eq!(
        warnings(&donor, VRAEM)[0],
        warning("fpic_not_met", Some("Comunidad nativa Otari")),
        "a donor reads the warnings of the project it funds"
    );
    let refused = put(
        &donor,
        VRAEM,
        "fpic",
        &json!({"status": "not_applicable", "evidence": "x"}),
    );
    refused.assert_status(403);
    assert_eq!(refused.json()["error"]["code"], "forbidden");
    let (email, password, _) = DEMO_ACCOUNTS[3];
    let monitor = server.sign_in(email, password);
    monitor
        .get(&format!("/api/v1/projects/{VRAEM}/safeguards"))
        .assert_status(403);
    let (email, password, _) = DEMO_ACCOUNTS[2];
    let me_officer = server.sign_in(email, password);
    put(
        &me_officer,
        1,
        "human_rights",
        &json!({"status": "in_progress"}),
    )
    .assert_status(403);
    let (email, password, _) = DEMO_ACCOUNTS[1];
    let officer = server.sign_in(email, password);
    put(
        &officer,
        1,
        "human_rights",
        &json!({"status": "met", "evidence": "Ruta acordada.",
        "assessed_on": "2025-01-15"}),
    )
    .assert_status(200);
    assert_eq!(
        safeguards(server.http(), VRAEM, "en")["safeguards"][0]["status"],
        "in_progress"
    );
}
