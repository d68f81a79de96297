//! Livelihood plans: value chains, the income transition month by month, its chart, and the
//! bridging support budgeted as one line per year that adds up exactly to the plan's total —
//! checked against worked examples computed by hand here.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};
use tests::Http;
use tests::pairs;

/// The demo's Huallaga project: 2022-01-01 – 2026-12-31, in PEN, no livelihood plan yet.
const HUALLAGA: i64 = 5;
/// The demo's VRAEM project, with one plan.
const VRAEM: i64 = 4;

fn plans_path(project: i64) -> String {
    format!("/api/v1/projects/{project}/livelihood-plans")
}

/// A decimal string without trailing zeros (`"50020.0"` → `"50020"`, `"2.50"` → `"2.5"`), to
/// compare amounts whatever scale the server kept.
fn number(value: &Value) -> String {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("{value} is not a decimal string"));
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text.to_owned()
    }
}

/// An amount in céntimos: `cents(1250, 50)` is S/ 1,250.50.
const fn cents(soles: i64, centimos: i64) -> i64 {
    soles * 100 + centimos
}

/// Cents written as the API writes PEN amounts (`1200480`, `1250.5`, `0.01`).
fn soles(cents: i64) -> String {
    let (units, rest) = (cents / 100, cents % 100);
    match rest {
        0 => units.to_string(),
        r if r % 10 == 0 => format!("{units}.{}", r / 10),
        r => format!("{units}.{r:02}"),
    }
}

fn create(http: &Http, project: i64, body: &Value) -> Value {
    let response = http.post_json(&plans_path(project), body);
    response.assert_status(201);
    let id = response.json()["plan"]["id"].as_i64().unwrap();
    assert_eq!(
        response.location(),
        Some(format!("{}/{id}", plans_path(project)).as_str())
    );
    response.json()
}

fn community_id(http: &Http, project: i64, name: &str) -> i64 {
    http.get(&format!("/api/v1/projects/{project}/communities"))
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .and_then(|c| c["id"].as_i64())
        .unwrap_or_else(|| panic!("no community {name} in project {project}"))
}

/// Worked example A: 40 households of Pucayacu give up S/ 1,250.50 a month each from April
/// 2023 and plant 1 ha of coffee that month. Coffee yields nothing in its first two years,
/// then 1,200 kg/ha at S/ 15/kg: S/ 18,000 a year, S/ 1,500 a month, more than was given up.
fn coffee_pucayacu(community: i64) -> Value {
    json!({
        "name": "Café Pucayacu", "community_id": community, "households": 40,
        "illicit_income_monthly": "1250.50", "eradication_month": "2023-04",
        "value_chains": [{"crop": "coffee", "hectares": "1", "planting_month": "2023-04",
            "yield_curve": "0; 0; 1200", "price_per_kg": "15", "market_channel": "cooperative",
            "certification": "Orgánico"}]
    })
}

#[test]
fn a_livelihood_plan_is_stored_with_its_value_chains_and_its_transition_worked_out() {
    let server = demo_server();
    let admin = server.http();
    let pucayacu = community_id(admin, HUALLAGA, "Caserío Pucayacu");
    let created = create(admin, HUALLAGA, &coffee_pucayacu(pucayacu));
    let plan = &created["plan"];
    let id = plan["id"].as_i64().unwrap();
    assert_eq!(plan["project_id"], HUALLAGA);
    assert_eq!(plan["community_id"], pucayacu);
    assert_eq!(plan["households"], 40);
    assert_eq!(number(&plan["illicit_income_monthly"]), "1250.5");
    assert_eq!(plan["currency"], "PEN");
    assert_eq!(plan["eradication_month"], "2023-04-01");
    assert_eq!(plan["horizon_months"], 72, "six years when none is given");
    let chain = &plan["value_chains"][0];
    assert_eq!(chain["crop"], "coffee");
    assert_eq!(chain["planting_month"], "2023-04-01");
    assert_eq!(chain["yield_curve"], json!(["0", "0", "1200"]));
    assert_eq!(chain["market_channel"], "cooperative");
    assert_eq!(chain["certification"], "Orgánico");

    // By hand: the gap is the whole S/ 1,250.50 for the 24 months before coffee pays (April
    // 2023 – March 2025), then nothing. Per household 24 × 1,250.50 = 30,012.00; for the 40
    // households 1,200,480.00: 9 months of 2023, 12 of 2024 and 3 of 2025.
    let (households, gap_cents, valley_months) = (40, cents(1250, 50), 24);
    let per_household = valley_months * gap_cents;
    let total = households * per_household;
    let year = |months: i64| soles(households * months * gap_cents);
    let summary = &created["summary"];
    assert_eq!(summary["per_household"]["valley_months"], valley_months);
    assert_eq!(summary["per_household"]["recovery_month"], "2025-04-01");
    assert_eq!(number(&summary["per_household"]["valley_depth"]), "1250.5");
    assert_eq!(
        number(&summary["per_household"]["bridging_support"]),
        soles(per_household)
    );
    assert_eq!(
        number(&summary["per_household"]["bridging_support"]),
        "30012"
    );
    // Licit income over the six years: 48 months of S/ 1,500.
    assert_eq!(number(&summary["per_household"]["licit_income"]), "72000");
    assert_eq!(number(&summary["total"]["bridging_support"]), soles(total));
    assert_eq!(number(&summary["total"]["bridging_support"]), "1200480");
    assert_eq!(number(&summary["total"]["illicit_income_monthly"]), "50020");
    let by_year: Vec<(i64, String)> = summary["bridging_by_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| (y["year"].as_i64().unwrap(), number(&y["amount"])))
        .collect();
    assert_eq!(
        by_year,
        [(2023, year(9)), (2024, year(12)), (2025, year(3))]
    );
    assert_eq!(summary["support_after_eradication_months"], 0);
    assert_eq!(summary["support_starts_after_eradication"], false);

    // The detail: the transition month by month, per household and for all of them.
    let detail = admin
        .get(&format!("{}/{id}", plans_path(HUALLAGA)))
        .assert_status(200)
        .json();
    assert_eq!(detail["summary"], created["summary"]);
    let months = detail["household"]["months"].as_array().unwrap();
    assert_eq!(months.len(), 72);
    let month = |m: &Value| {
        (
            m["month"].clone(),
            number(&m["licit_income"]),
            number(&m["gap"]),
        )
    };
    assert_eq!(
        month(&months[0]),
        (json!("2023-04-01"), "0".into(), "1250.5".into())
    );
    assert_eq!(
        month(&months[23]),
        (json!("2025-03-01"), "0".into(), "1250.5".into())
    );
    assert_eq!(
        month(&months[24]),
        (json!("2025-04-01"), "1500".into(), "0".into())
    );
    assert_eq!(
        month(&months[71]),
        (json!("2029-03-01"), "1500".into(), "0".into())
    );
    assert_eq!(detail["household"]["recovers"], "2025-04-01");
    let all = detail["total"]["months"].as_array().unwrap();
    assert_eq!(
        month(&all[0]),
        (json!("2023-04-01"), "0".into(), "50020".into())
    );
    assert_eq!(month(&all[30]).1, "60000", "40 households × S/ 1,500");
    let gaps: i64 = all
        .iter()
        .map(|m| {
            let gap = number(&m["gap"]);
            gap.parse::<i64>()
                .unwrap_or_else(|_| panic!("{gap} is not whole"))
        })
        .sum();
    assert_eq!(gaps * 100, total);

    let listed = admin.get(&plans_path(HUALLAGA)).assert_status(200).json();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0], created);
    let event = &admin
        .get("/api/v1/audit?entity_type=livelihood_plan")
        .json()[0];
    assert_eq!(event["action"], "create");
    assert_eq!(
        event["summary"],
        "Livelihood plan “Café Pucayacu” of project “Huallaga: café y cacao con cooperativas”: \
         40 households, income valley of 24 months, bridging support 1200480 PEN"
    );
}

#[test]
fn the_transition_chart_is_an_svg_for_all_households_or_one_in_the_asked_language() {
    let server = demo_server();
    let admin = server.http();
    let pucayacu = community_id(admin, HUALLAGA, "Caserío Pucayacu");
    let id = create(admin, HUALLAGA, &coffee_pucayacu(pucayacu))["plan"]["id"].clone();
    let chart = |query: &str| {
        let response = admin.get(&format!(
            "{}/{id}/transition.svg?{query}",
            plans_path(HUALLAGA)
        ));
        response.assert_status(200);
        assert!(
            response
                .content_type()
                .unwrap()
                .starts_with("image/svg+xml")
        );
        assert!(response.body.starts_with("<svg"));
        response.body.clone()
    };
    let spanish = chart("lang=es");
    for text in [
        "Transición de ingresos: Café Pucayacu (los 40 hogares)",
        "Ingreso mensual (PEN)",
        "Ingreso lícito",
        "Ingreso ilícito que se deja: 50.020 PEN al mes",
        "Valle de ingresos (brecha del apoyo puente)",
        "Recuperación: abr 2025",
        "abr 2023",
    ] {
        assert!(spanish.contains(text), "the Spanish chart lacks {text}");
    }
    assert!(!spanish.contains("Licit income"));
    let household = chart("lang=es&scope=household");
    assert!(household.contains("Transición de ingresos: Café Pucayacu (un hogar)"));
    assert!(household.contains("Ingreso ilícito que se deja: 1.250,5 PEN al mes"));
    let english = chart("lang=en");
    for text in [
        "Income transition: Café Pucayacu (all 40 households)",
        "Illicit income given up: 50,020 PEN a month",
        "Recovery: Apr 2025",
    ] {
        assert!(english.contains(text), "the English chart lacks {text}");
    }
    admin
        .get(&format!("{}/4242/transition.svg", plans_path(HUALLAGA)))
        .assert_status(404);
    // The VRAEM plan is not reached through the Huallaga project.
    let vraem_plan = admin.get(&plans_path(VRAEM)).json()[0]["plan"]["id"].clone();
    admin
        .get(&format!(
            "{}/{vraem_plan}/transition.svg",
            plans_path(HUALLAGA)
        ))
        .assert_status(404);
    admin
        .get(&format!(
            "{}/{vraem_plan}/transition.svg",
            plans_path(VRAEM)
        ))
        .assert_status(200);
}

#[test]
fn changing_a_plan_replaces_its_value_chains_and_its_transition() {
    let server = demo_server();
    let admin = server.http();
    let pucayacu = community_id(admin, HUALLAGA, "Caserío Pucayacu");
    let id = create(admin, HUALLAGA, &coffee_pucayacu(pucayacu))["plan"]["id"]
        .as_i64()
        .unwrap();
    let mut changed = coffee_pucayacu(pucayacu);
    changed["name"] = json!("Café y plátano Pucayacu");
    changed["horizon_months"] = json!(36);
    // Banana gives S/ 0.80 × 9,000 kg × 0.5 ha = S/ 3,600 from the first year: S/ 300 a month.
    changed["value_chains"] = json!([
        {"crop": "coffee", "hectares": "1", "planting_month": "2023-04",
            "yield_curve": [0, 0, 1200], "price_per_kg": 15, "market_channel": "cooperative"},
        {"crop": "banana", "hectares": "0,5", "planting_month": "2023-04",
            "yield_curve": "9000", "price_per_kg": "0.80", "market_channel": "local_market"}
    ]);
    let response = admin.put_json(&format!("{}/{id}", plans_path(HUALLAGA)), &changed);
    response.assert_status(200);
    let view = response.json();
    assert_eq!(view["plan"]["name"], "Café y plátano Pucayacu");
    assert_eq!(view["plan"]["horizon_months"], 36);
    let crops: Vec<&str> = view["plan"]["value_chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["crop"].as_str().unwrap())
        .collect();
    assert_eq!(crops, ["coffee", "banana"]);
    assert_eq!(number(&view["plan"]["value_chains"][1]["hectares"]), "0.5");
    assert!(view["plan"]["value_chains"][0]["certification"].is_null());
    // By hand: the gap is 1,250.50 − 300 = 950.50 for 24 months: 22,812 per household.
    let summary = &view["summary"];
    assert_eq!(number(&summary["per_household"]["valley_depth"]), "950.5");
    assert_eq!(
        number(&summary["per_household"]["bridging_support"]),
        soles(24 * cents(950, 50))
    );
    assert_eq!(
        number(&summary["total"]["bridging_support"]),
        soles(40 * 24 * cents(950, 50))
    );
    let detail = admin.get(&format!("{}/{id}", plans_path(HUALLAGA))).json();
    assert_eq!(detail["household"]["months"].as_array().unwrap().len(), 36);
    assert_eq!(detail["plan"], view["plan"]);

    let event = &admin
        .get("/api/v1/audit?entity_type=livelihood_plan")
        .json()[0];
    assert_eq!(event["action"], "update");
    let old: Value = serde_json::from_str(event["old_value"].as_str().unwrap()).unwrap();
    assert_eq!(old["name"], "Café Pucayacu");

    let vraem_plan = admin.get(&plans_path(VRAEM)).json()[0]["plan"]["id"].clone();
    admin
        .put_json(&format!("{}/{vraem_plan}", plans_path(HUALLAGA)), &changed)
        .assert_status(404);
    assert_eq!(
        admin.get(&plans_path(VRAEM)).json()[0]["plan"]["name"],
        "Cacao injertado — Unión Mantaro"
    );
}

#[test]
fn bridging_support_is_budgeted_one_line_a_year_adding_up_exactly_to_the_rounded_total() {
    let server = demo_server();
    let admin = server.http();
    let social = admin.post_json(
        &format!("/api/v1/projects/{HUALLAGA}/components"),
        &json!({"kind": "social_inclusion", "name": "Apoyo puente"}),
    );
    social.assert_status(201);
    let social = social.json()["id"].as_i64().unwrap();
    let manual = admin.post_json(
        &format!("/api/v1/projects/{HUALLAGA}/budget-lines"),
        &json!({"code": "3.1", "description": "Kits de seguridad alimentaria",
            "component_id": social, "year": 2024, "amount": "12000"}),
    );
    manual.assert_status(201);

    // Worked example B: 3 households give up S/ 100 a month from November 2024 and plant 1 ha
    // of cocoa that month, yielding 0, then 200, then 2,000 kg/ha a year at S/ 1/kg. In its
    // second year cocoa brings 200/12 = 16.666… a month, so the gap is 83.333…: thirds that
    // only add up in whole cents over the years. In twelfths of a cent:
    let households = 3;
    let first_year_gap = cents(100, 0) * 12; // Nov 2024 – Oct 2025, per month
    let second_year_gap = cents(100, 0) * 12 - cents(200, 0); // Nov 2025 – Oct 2026, per month
    let twelfths = |months_first: i64, months_second: i64| {
        households * (months_first * first_year_gap + months_second * second_year_gap)
    };
    let (y2024, y2025, y2026) = (twelfths(2, 0), twelfths(10, 2), twelfths(0, 10));
    for amount in [y2024, y2025, y2026] {
        assert_eq!(amount % 12, 0, "each year happens to come to whole cents");
    }
    let (y2024, y2025, y2026) = (y2024 / 12, y2025 / 12, y2026 / 12);
    let total = y2024 + y2025 + y2026;
    assert_eq!(
        (y2024, y2025, y2026, total),
        (
            cents(600, 0),
            cents(3500, 0),
            cents(2500, 0),
            cents(6600, 0)
        )
    );

    let plan = create(
        admin,
        HUALLAGA,
        &json!({"name": "Cacao Santa Rosa", "households": households,
            "illicit_income_monthly": 100, "eradication_month": "2024-11",
            "value_chains": [{"crop": "cocoa", "hectares": 1, "planting_month": "2024-11",
                "yield_curve": "0; 200; 2000", "price_per_kg": 1,
                "market_channel": "cooperative"}]}),
    );
    let id = plan["plan"]["id"].as_i64().unwrap();
    assert_eq!(
        number(&plan["summary"]["total"]["bridging_support"]),
        soles(total)
    );
    assert_eq!(
        number(&plan["summary"]["per_household"]["bridging_support"]),
        "2200"
    );
    assert_eq!(plan["summary"]["total"]["valley_months"], 24);

    let budget = |body: &Value| {
        let response = admin.post_json(
            &format!("{}/{id}/bridging-budget", plans_path(HUALLAGA)),
            body,
        );
        response.assert_status(201);
        response.json().as_array().unwrap().clone()
    };
    let lines = budget(&json!({"component_id": social}));
    let made: Vec<(String, i64, String)> = lines
        .iter()
        .map(|l| {
            (
                l["code"].as_str().unwrap().to_owned(),
                l["year"].as_i64().unwrap(),
                number(&l["amount"]),
            )
        })
        .collect();
    assert_eq!(
        made,
        [
            (format!("BS-{id}-2024"), 2024, soles(y2024)),
            (format!("BS-{id}-2025"), 2025, soles(y2025)),
            (format!("BS-{id}-2026"), 2026, soles(y2026)),
        ]
    );
    for line in &lines {
        assert_eq!(line["origin"], "bridging_support");
        assert_eq!(line["livelihood_plan_id"], id);
        assert_eq!(line["component_id"], social);
        assert_eq!(line["currency"], "PEN");
        assert_eq!(line["description"], "Apoyo puente: Cacao Santa Rosa");
    }
    let cents: i64 = made
        .iter()
        .map(|(_, _, amount)| {
            let (units, decimals) = amount.split_once('.').unwrap_or((amount, ""));
            units.parse::<i64>().unwrap() * 100 + format!("{decimals:0<2}").parse::<i64>().unwrap()
        })
        .sum();
    assert_eq!(cents, total, "the lines add up exactly to the plan's total");

    // A second call replaces the plan's lines (now under no component); the manual line stays.
    let again = budget(&json!({}));
    assert_eq!(again.len(), 3);
    assert!(again.iter().all(|l| l["component_id"].is_null()));
    let timeline = admin
        .get(&format!("/api/v1/projects/{HUALLAGA}/timeline"))
        .json();
    let stored = timeline["budget_lines"].as_array().unwrap();
    let from_plan: Vec<&Value> = stored
        .iter()
        .filter(|l| l["livelihood_plan_id"] == id)
        .collect();
    assert_eq!(from_plan.len(), 3, "replaced, not added");
    assert_eq!(stored.len(), 4);
    assert!(
        stored
            .iter()
            .any(|l| l["code"] == "3.1" && l["origin"] == "manual")
    );
    let events = admin.get("/api/v1/audit?entity_type=budget_line").json();
    assert_eq!(
        events[0]["summary"],
        "Bridging support of livelihood plan “Cacao Santa Rosa” budgeted in project “Huallaga: \
         café y cacao con cooperativas”: 3 lines, 6600 PEN"
    );

    // A component of another project, or a plan of another project, is refused.
    let vraem_component = admin
        .get(&format!("/api/v1/projects/{VRAEM}/timeline"))
        .json()["components"][0]["component"]["id"]
        .clone();
    let foreign = admin.post_json(
        &format!("{}/{id}/bridging-budget", plans_path(HUALLAGA)),
        &json!({"component_id": vraem_component}),
    );
    foreign.assert_status(422);
    assert_eq!(
        foreign.field_codes(),
        pairs(&[("component_id", "unknown_reference")])
    );
    let vraem_plan = admin.get(&plans_path(VRAEM)).json()[0]["plan"]["id"].clone();
    admin
        .post_json(
            &format!("{}/{vraem_plan}/bridging-budget", plans_path(HUALLAGA)),
            &json!({}),
        )
        .assert_status(404);
    assert_eq!(
        admin
            .get(&format!("/api/v1/projects/{HUALLAGA}/timeline"))
            .json()["budget_lines"]
            .as_array()
            .unwrap()
            .len(),
        4,
        "the refused calls changed nothing"
    );
}

/// The project's budget lines as `(code, amount, livelihood plan)`, by code.
fn budget_lines(http: &Http, project: i64) -> Vec<(String, String, Value)> {
    let timeline = http
        .get(&format!("/api/v1/projects/{project}/timeline"))
        .json();
    let mut lines: Vec<(String, String, Value)> = timeline["budget_lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["code"].as_str().unwrap().to_owned(),
                number(&l["amount"]),
                l["livelihood_plan_id"].clone(),
            )
        })
        .collect();
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    lines
}

/// Worked example B's plan (S/ 600 in 2024, 3,500 in 2025 and 2,500 in 2026): its id.
fn santa_rosa_plan(http: &Http) -> i64 {
    create(
        http,
        HUALLAGA,
        &json!({"name": "Cacao Santa Rosa", "households": 3, "illicit_income_monthly": 100,
            "eradication_month": "2024-11",
            "value_chains": [{"crop": "cocoa", "hectares": 1, "planting_month": "2024-11",
                "yield_curve": "0; 200; 2000", "price_per_kg": 1,
                "market_channel": "cooperative"}]}),
    )["plan"]["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn a_bridging_budget_that_cannot_be_stored_whole_stores_none_of_its_lines() {
    let server = demo_server();
    let admin = server.http();
    let id = santa_rosa_plan(admin);
    // An officer already typed a line under the code the 2025 line would take.
    admin
        .post_json(
            &format!("/api/v1/projects/{HUALLAGA}/budget-lines"),
            &json!({"code": format!("BS-{id}-2025"), "description": "Línea escrita a mano",
                "amount": "10"}),
        )
        .assert_status(201);
    let before = budget_lines(admin, HUALLAGA);
    let answer = admin.post_json(
        &format!("{}/{id}/bridging-budget", plans_path(HUALLAGA)),
        &json!({}),
    );
    if answer.is_success() {
        let from_plan: Vec<_> = budget_lines(admin, HUALLAGA)
            .into_iter()
            .filter(|(_, _, plan)| plan == &json!(id))
            .collect();
        assert_eq!(from_plan.len(), 3, "{from_plan:?}");
    } else {
        assert_eq!(answer.status, 422, "{}", answer.body);
        assert_eq!(
            budget_lines(admin, HUALLAGA),
            before,
            "a refused bridging budget must store none of its lines"
        );
    }
}

#[test]
fn a_second_bridging_budget_that_cannot_be_stored_keeps_the_lines_it_was_to_replace() {
    let server = demo_server();
    let admin = server.http();
    let lines_path = format!("/api/v1/projects/{HUALLAGA}/budget-lines");
    let id = santa_rosa_plan(admin);
    let bridging = format!("{}/{id}/bridging-budget", plans_path(HUALLAGA));
    let made = admin.post_json(&bridging, &json!({}));
    made.assert_status(201);
    // The officer renames the 2026 line (it stays the plan's) and reuses its code by hand.
    let line_2026 = made
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["year"] == 2026)
        .unwrap()["id"]
        .clone();
    let renamed = admin.put_json(
        &format!("{lines_path}/{line_2026}"),
        &json!({"code": "3.8", "description": "Apoyo puente 2026", "year": 2026,
            "amount": "2500"}),
    );
    renamed.assert_status(200);
    assert_eq!(renamed.json()["livelihood_plan_id"], id);
    admin
        .post_json(
            &lines_path,
            &json!({"code": format!("BS-{id}-2026"), "description": "Otra cosa", "amount": "1"}),
        )
        .assert_status(201);
    let before = budget_lines(admin, HUALLAGA);
    let bridged: i64 = before
        .iter()
        .filter(|(_, _, plan)| plan == &json!(id))
        .map(|(_, amount, _)| amount.parse::<i64>().unwrap())
        .sum();
    assert_eq!(bridged, 6600);
    let again = admin.post_json(&bridging, &json!({}));
    if again.is_success() {
        let bridged: i64 = budget_lines(admin, HUALLAGA)
            .iter()
            .filter(|(_, _, plan)| plan == &json!(id))
            .map(|(_, amount, _)| amount.parse::<i64>().unwrap())
            .sum();
        assert_eq!(bridged, 6600);
    } else {
        assert_eq!(again.status, 422, "{}", again.body);
        assert_eq!(
            budget_lines(admin, HUALLAGA),
            before,
            "a refused bridging budget must keep the lines it was to replace"
        );
    }
}

#[test]
fn bridging_support_owed_after_the_project_ends_is_budgeted_in_its_last_year() {
    let server = demo_server();
    let admin = server.http();
    // Worked example C: 10 households give up S/ 200 a month from June 2026, six months before
    // the project ends, and plant cocoa that month (nothing for two years, then 5,000 kg/ha at
    // S/ 1: S/ 416.67 a month). The gap: 24 months × S/ 200 × 10 = S/ 48,000, of which 7
    // months fall in 2026, 12 in 2027 and 5 in 2028.
    let plan = create(
        admin,
        HUALLAGA,
        &json!({"name": "Cacao tardío", "households": 10, "illicit_income_monthly": 200,
            "eradication_month": "2026-06",
            "value_chains": [{"crop": "cocoa", "hectares": 1, "planting_month": "2026-06",
                "yield_curve": "0; 0; 5000", "price_per_kg": 1,
                "market_channel": "cooperative"}]}),
    );
    let id = plan["plan"]["id"].as_i64().unwrap();
    let by_year: Vec<(i64, String)> = plan["summary"]["bridging_by_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| (y["year"].as_i64().unwrap(), number(&y["amount"])))
        .collect();
    let year = |months: i64| soles(10 * months * cents(200, 0));
    assert_eq!(
        by_year,
        [(2026, year(7)), (2027, year(12)), (2028, year(5))]
    );
    let lines = admin.post_json(
        &format!("{}/{id}/bridging-budget", plans_path(HUALLAGA)),
        &json!({}),
    );
    lines.assert_status(201);
    let lines = lines.json();
    assert_eq!(lines.as_array().unwrap().len(), 1);
    assert_eq!(lines[0]["year"], 2026);
    assert_eq!(lines[0]["code"], format!("BS-{id}-2026"));
    assert_eq!(number(&lines[0]["amount"]), soles(10 * 24 * cents(200, 0)));
    assert_eq!(number(&lines[0]["amount"]), "48000");
}

#[test]
fn planting_after_the_eradication_month_raises_the_sequencing_warning() {
    let server = demo_server();
    let admin = server.http();
    let body = |plantings: &[&str]| {
        json!({"name": "Cacao Mishollo", "households": 12, "illicit_income_monthly": "800",
            "eradication_month": "2023-01",
            "value_chains": plantings.iter().map(|month| json!({"crop": "cocoa",
                "hectares": "1", "planting_month": month, "yield_curve": "0; 300; 700; 1000",
                "price_per_kg": "9.5", "market_channel": "export"})).collect::<Vec<_>>()})
    };
    let sequencing = |http: &Http| -> Vec<String> {
        http.get(&format!("/api/v1/projects/{HUALLAGA}/safeguards"))
            .json()["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["code"] == "support_after_eradication")
            .map(|w| w["message"].as_str().unwrap().to_owned())
            .collect()
    };
    // Two plantings, in May and in February: support starts with the earlier one, a month
    // after eradication.
    let plan = create(admin, HUALLAGA, &body(&["2023-05", "2023-02"]));
    let id = plan["plan"]["id"].as_i64().unwrap();
    assert_eq!(plan["summary"]["first_support_month"], "2023-02-01");
    assert_eq!(plan["summary"]["support_after_eradication_months"], 1);
    assert_eq!(plan["summary"]["support_starts_after_eradication"], true);
    assert_eq!(
        sequencing(admin),
        [
            "Cacao Mishollo: the first livelihood support comes 1 month after eradication; it \
          should come before or with it."
        ]
    );
    let later = admin.put_json(
        &format!("{}/{id}", plans_path(HUALLAGA)),
        &body(&["2023-05"]),
    );
    later.assert_status(200);
    assert_eq!(
        later.json()["summary"]["support_after_eradication_months"],
        4
    );
    assert_eq!(
        sequencing(admin),
        [
            "Cacao Mishollo: the first livelihood support comes 4 months after eradication; it \
          should come before or with it."
        ]
    );
    let before = admin.put_json(
        &format!("{}/{id}", plans_path(HUALLAGA)),
        &body(&["2022-12"]),
    );
    assert_eq!(
        before.json()["summary"]["support_after_eradication_months"],
        -1
    );
    assert_eq!(
        before.json()["summary"]["support_starts_after_eradication"],
        false
    );
    assert!(sequencing(admin).is_empty());
}

#[test]
fn a_bad_livelihood_plan_names_every_field_at_fault_and_stores_nothing() {
    let server = demo_server();
    let admin = server.http();
    let refused = admin.post_json(
        &plans_path(HUALLAGA),
        &json!({"name": "", "households": "0", "illicit_income_monthly": "-5",
        "eradication_month": "2030-01", "horizon_months": "6",
        "value_chains": [
            {"crop": "tobacco", "hectares": "0", "planting_month": "2023-13",
                "yield_curve": "abc", "price_per_kg": "0", "market_channel": "barter"},
            {"crop": "coffee", "hectares": "1", "planting_month": "2023-04",
                "yield_curve": "0; 0; 900", "price_per_kg": "10.555",
                "market_channel": "cooperative"},
            {"crop": "coffee", "hectares": "2", "planting_month": "2023-04",
                "yield_curve": "0; 0; 900", "price_per_kg": "10",
                "market_channel": "cooperative"},
            {"crop": "", "hectares": "", "planting_month": "", "yield_curve": "",
                "price_per_kg": "", "market_channel": ""},
            {"crop": "cocoa", "hectares": "1001", "planting_month": "2023-04",
                "yield_curve": vec!["1"; 31].join("; "), "price_per_kg": "9",
                "market_channel": ""}
        ]}),
    );
    refused.assert_status(422);
    assert_eq!(
        refused.field_codes(),
        pairs(&[
            ("name", "required"),
            ("households", "out_of_range"),
            ("illicit_income_monthly", "negative"),
            ("eradication_month", "outside_period"),
            ("horizon_months", "out_of_range"),
            ("value_chains[0].crop", "unknown_crop"),
            ("value_chains[0].hectares", "not_positive"),
            ("value_chains[0].planting_month", "invalid_month"),
            ("value_chains[0].yield_curve", "not_a_number"),
            ("value_chains[0].price_per_kg", "not_positive"),
            ("value_chains[0].market_channel", "unknown_choice"),
            ("value_chains[1].price_per_kg", "too_many_decimals"),
            ("value_chains[2].crop", "duplicate_crop"),
            ("value_chains[4].hectares", "too_large"),
            ("value_chains[4].yield_curve", "too_many"),
            ("value_chains[4].market_channel", "required"),
        ])
    );
    let fields = refused.json()["error"]["fields"].clone();
    assert_eq!(
        fields[3]["message"],
        "Must fall between 2022-01-01 and 2026-12-31."
    );
    assert_eq!(fields[4]["message"], "Must be between 12 and 240.");

    let no_chain = admin.post_json(
        &plans_path(HUALLAGA),
        &json!({"name": "Sin cultivos", "households": 5, "illicit_income_monthly": 100,
            "eradication_month": "2023-01", "value_chains": []}),
    );
    assert_eq!(
        no_chain.field_codes(),
        pairs(&[("value_chains", "at_least_one")])
    );
    let otari = community_id(admin, VRAEM, "Comunidad nativa Otari");
    let mut foreign = coffee_pucayacu(otari);
    foreign["name"] = json!("Café en Otari");
    let foreign = admin.post_json(&plans_path(HUALLAGA), &foreign);
    foreign.assert_status(422);
    assert_eq!(
        foreign.field_codes(),
        pairs(&[("community_id", "unknown_reference")])
    );
    let unknown_field = admin.post_json(&plans_path(HUALLAGA), &json!({"name": "x", "hogares": 5}));
    assert_eq!(unknown_field.status, 400, "{}", unknown_field.body);

    assert_eq!(admin.get(&plans_path(HUALLAGA)).json(), json!([]));
}

#[test]
fn a_donor_reads_the_livelihood_plans_it_funds_and_only_planners_change_them() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    let plans = donor.get(&plans_path(VRAEM)).assert_status(200).json();
    assert_eq!(plans[0]["plan"]["name"], "Cacao injertado — Unión Mantaro");
    assert_eq!(
        number(&plans[0]["summary"]["total"]["bridging_support"]),
        "3060000"
    );
    let id = plans[0]["plan"]["id"].clone();
    donor
        .get(&format!("{}/{id}", plans_path(VRAEM)))
        .assert_status(200);
    let pucayacu = community_id(server.http(), HUALLAGA, "Caserío Pucayacu");
    donor
        .post_json(&plans_path(VRAEM), &coffee_pucayacu(pucayacu))
        .assert_status(403);
    donor
        .post_json(
            &format!("{}/{id}/bridging-budget", plans_path(VRAEM)),
            &json!({}),
        )
        .assert_status(403);
    donor.get(&plans_path(HUALLAGA)).assert_status(403);
    let (email, password, _) = DEMO_ACCOUNTS[2];
    let me_officer = server.sign_in(email, password);
    me_officer
        .post_json(&plans_path(1), &coffee_pucayacu(pucayacu))
        .assert_status(403);
    let (email, password, _) = DEMO_ACCOUNTS[1];
    let officer = server.sign_in(email, password);
    create(&officer, HUALLAGA, &coffee_pucayacu(pucayacu));
    assert_eq!(
        server
            .http()
            .get(&plans_path(VRAEM))
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
