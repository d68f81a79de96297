//! The results framework: goal → outcomes → outputs, indicators from the library or the
//! project's own, their reporting periods and targets, the gaps a reviewer would flag, and who
//! may change it.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};
use tests::pairs;
use tests::{Http, Response};

/// The demo's Huallaga project (2022-01-01 – 2026-12-31), with no results framework yet.
const HUALLAGA: i64 = 5;
/// The demo's VRAEM project (2023-07-01 – 2027-06-30): a goal and one outcome.
const VRAEM: i64 = 4;

fn path(project: i64, what: &str) -> String {
    format!("/api/v1/projects/{project}/{what}")
}

fn framework(http: &Http, project: i64, lang: &str) -> Value {
    http.get(&path(project, &format!("results-framework?lang={lang}")))
        .assert_status(200)
        .json()
}

fn created_id(response: &Response) -> i64 {
    response.assert_status(201);
    response.json()["id"].as_i64().expect("an id")
}

fn result(http: &Http, project: i64, level: &str, parent: Option<i64>, statement: &str) -> i64 {
    created_id(&http.post_json(
        &path(project, "results"),
        &json!({"level": level, "parent_id": parent, "statement": statement}),
    ))
}

fn indicator(http: &Http, project: i64, body: &Value) -> i64 {
    created_id(&http.post_json(&path(project, "indicators"), body))
}

fn gaps(view: &Value) -> Vec<(String, Value, Value)> {
    view["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["code"].as_str().unwrap().to_owned(),
                g["result_id"].clone(),
                g["indicator_id"].clone(),
            )
        })
        .collect()
}

fn periods_of(view: &Value, indicator: i64) -> Vec<Value> {
    view["periods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["indicator_id"] == indicator)
        .map(|p| p["periods"].as_array().unwrap().clone())
        .unwrap_or_else(|| panic!("no periods for indicator {indicator}"))
}

fn targets(http: &Http, project: i64, indicator: i64, rows: &Value) -> Response {
    http.put_json(
        &path(project, &format!("indicators/{indicator}/targets")),
        &json!({"targets": rows}),
    )
}

#[test]
fn a_framework_is_built_goal_outcome_output_and_a_result_at_the_wrong_level_is_refused() {
    let server = demo_server();
    let admin = server.http();
    let empty = framework(admin, HUALLAGA, "en");
    assert_eq!(empty["framework"]["results"], json!([]));
    assert_eq!(
        gaps(&empty),
        [("no_goal".to_owned(), Value::Null, Value::Null)]
    );
    assert_eq!(
        empty["gaps"][0]["message"],
        "The framework has no goal yet: add the goal the project contributes to."
    );

    let goal_answer = admin.post_json(
        &path(HUALLAGA, "results"),
        &json!({"level": "goal", "statement": "Las familias del Huallaga viven del café y el cacao."}),
    );
    let goal = created_id(&goal_answer);
    assert_eq!(
        goal_answer.location(),
        Some(path(HUALLAGA, &format!("results/{goal}")).as_str())
    );
    assert!(goal_answer.json()["parent_id"].is_null());
    let outcome = created_id(&admin.post_json(
        &path(HUALLAGA, "results"),
        &json!({"level": "outcome", "parent_id": goal.to_string(), "code": "1",
            "statement": "Aumenta el ingreso lícito de las familias."}),
    ));
    let output = result(
        admin,
        HUALLAGA,
        "output",
        Some(outcome),
        "Cafetales renovados.",
    );

    let refused = |body: Value| {
        let response = admin.post_json(&path(HUALLAGA, "results"), &body);
        response.assert_status(422);
        response.field_codes()
    };
    let wrong = admin.post_json(
        &path(HUALLAGA, "results"),
        &json!({"level": "output", "parent_id": goal, "statement": "Bajo el objetivo"}),
    );
    wrong.assert_status(422);
    assert_eq!(wrong.field_codes(), pairs(&[("parent_id", "wrong_level")]));
    assert_eq!(
        wrong.json()["error"]["fields"][0]["message"],
        "Outcomes go under the goal and outputs under an outcome."
    );
    assert_eq!(
        refused(json!({"level": "outcome", "parent_id": outcome, "statement": "x"})),
        pairs(&[("parent_id", "wrong_level")])
    );
    assert_eq!(
        refused(json!({"level": "output", "parent_id": output, "statement": "x"})),
        pairs(&[("parent_id", "wrong_level")])
    );
    assert_eq!(
        refused(json!({"level": "goal", "parent_id": goal, "statement": "x"})),
        pairs(&[("parent_id", "wrong_level")])
    );
    assert_eq!(
        refused(json!({"level": "outcome", "statement": "Sin objetivo"})),
        pairs(&[("parent_id", "required")])
    );
    let vraem_goal = framework(admin, VRAEM, "en")["framework"]["results"][0]["id"].clone();
    assert_eq!(
        refused(json!({"level": "outcome", "parent_id": vraem_goal, "statement": "Ajeno"})),
        pairs(&[("parent_id", "unknown_reference")])
    );
    assert_eq!(
        refused(
            json!({"level": "impact", "parent_id": "abc", "statement": " ",
            "code": "c".repeat(21)})
        ),
        pairs(&[
            ("level", "unknown_choice"),
            ("parent_id", "not_a_whole_number"),
            ("code", "too_long"),
            ("statement", "required"),
        ])
    );

    // An outcome with outputs under it keeps its level, even where the new level would fit.
    let second = result(
        admin,
        HUALLAGA,
        "outcome",
        Some(goal),
        "Baja la coca en los predios.",
    );
    let demoted = admin.put_json(
        &path(HUALLAGA, &format!("results/{outcome}")),
        &json!({"level": "output", "parent_id": second, "statement": "Ahora producto"}),
    );
    demoted.assert_status(422);
    assert_eq!(demoted.field_codes(), pairs(&[("level", "wrong_level")]));
    let renamed = admin.put_json(
        &path(HUALLAGA, &format!("results/{outcome}")),
        &json!({"level": "outcome", "parent_id": goal, "code": "1",
            "statement": "Aumenta el ingreso lícito de mujeres y hombres."}),
    );
    renamed.assert_status(200);
    assert_eq!(
        renamed.json()["statement"],
        "Aumenta el ingreso lícito de mujeres y hombres."
    );
    admin
        .put_json(
            &path(HUALLAGA, &format!("results/{vraem_goal}")),
            &json!({"level": "goal", "statement": "Robado"}),
        )
        .assert_status(404);

    let view = framework(admin, HUALLAGA, "en");
    let results: Vec<(i64, String, Value)> = view["framework"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_i64().unwrap(),
                r["level"].as_str().unwrap().to_owned(),
                r["parent_id"].clone(),
            )
        })
        .collect();
    assert_eq!(results.len(), 4, "nothing refused was stored: {results:?}");
    assert!(results.contains(&(goal, "goal".to_owned(), Value::Null)));
    assert!(results.contains(&(outcome, "outcome".to_owned(), json!(goal))));
    assert!(results.contains(&(output, "output".to_owned(), json!(outcome))));
    assert!(results.contains(&(second, "outcome".to_owned(), json!(goal))));
    assert_eq!(
        framework(admin, VRAEM, "en")["framework"]["results"][0]["statement"],
        "Las familias del VRAEM dejan la coca por cacao y café de calidad."
    );
    let events = admin.get("/api/v1/audit?entity_type=result").json();
    assert_eq!(events[0]["action"], "update");
    assert_eq!(
        events[0]["summary"],
        "Result “1 Aumenta el ingreso lícito de mujeres y hombres.” of project “Huallaga: café \
         y cacao con cooperativas”"
    );
}

#[test]
fn the_indicator_library_is_named_in_the_reader_s_language() {
    let server = demo_server();
    let admin = server.http();
    let spanish = admin
        .get("/api/v1/indicator-library?lang=es")
        .assert_status(200)
        .json();
    let library = spanish.as_array().unwrap();
    assert_eq!(library.len(), 31);
    let entry = |code: &str| {
        library
            .iter()
            .find(|e| e["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("no {code} in the library"))
    };
    assert_eq!(
        entry("eradicated_verified"),
        json!({"code": "eradicated_verified",
            "name": "Hectáreas erradicadas voluntariamente y verificadas",
            "unit": "hectares", "level": "output", "disaggregation": "total",
            "source": "Verificación en campo"})
    );
    assert_eq!(entry("replanting_rate")["unit"], "percent");
    assert_eq!(
        entry("beneficiaries")["disaggregation"],
        "sex_age_indigenous"
    );
    assert_eq!(
        entry("licit_income")["name"],
        "Ingreso lícito mensual promedio del hogar"
    );
    let english = admin.get("/api/v1/indicator-library?lang=en").json();
    assert_eq!(english[3]["code"], "eradicated_verified");
    assert_eq!(
        english[3]["name"],
        "Hectares voluntarily eradicated and verified"
    );
    assert_eq!(english[3]["source"], "Field verification");
    server
        .anonymous()
        .get("/api/v1/indicator-library")
        .assert_status(401);
}

#[test]
fn indicators_come_from_the_library_or_are_defined_by_the_project() {
    let server = demo_server();
    let admin = server.http();
    let goal = result(
        admin,
        HUALLAGA,
        "goal",
        None,
        "Café y cacao en lugar de coca.",
    );
    let outcome = result(admin, HUALLAGA, "outcome", Some(goal), "Baja la coca.");
    let output = result(
        admin,
        HUALLAGA,
        "output",
        Some(outcome),
        "Erradicación verificada.",
    );

    let from_library = admin.post_json(
        &path(HUALLAGA, "indicators"),
        &json!({"result_id": output, "library_code": "eradicated_verified",
            "baseline_value": 0, "baseline_year": 2021, "frequency": "quarterly",
            "responsible_role": "field_monitor"}),
    );
    let library_id = created_id(&from_library);
    assert_eq!(
        from_library.location(),
        Some(path(HUALLAGA, &format!("indicators/{library_id}")).as_str())
    );
    let made = from_library.json();
    assert_eq!(made["library_code"], "eradicated_verified");
    assert!(
        made["name"].is_null(),
        "readers see the library's name in their language"
    );
    assert_eq!(made["unit"], "hectares");
    assert_eq!(made["disaggregation"], "total");
    assert!(made["data_source"].is_null());
    assert_eq!(made["baseline_value"], "0");
    assert_eq!(made["targets"], json!([]));
    // The library's own text typed back (the form offers it prefilled) is not kept.
    let prefilled = admin.post_json(
        &path(HUALLAGA, "indicators"),
        &json!({"result_id": outcome, "library_code": "illicit_hectares_on_plots",
            "name": "Hectáreas de cultivos ilícitos en predios beneficiarios",
            "data_source": "Field verification", "frequency": "annual",
            "responsible_role": "me_officer"}),
    );
    prefilled.assert_status(201);
    assert!(prefilled.json()["name"].is_null());
    assert!(prefilled.json()["data_source"].is_null());

    let own = admin.post_json(
        &path(HUALLAGA, "indicators"),
        &json!({"result_id": outcome, "name": "Familias con certificación orgánica",
            "unit": "households", "baseline_value": "12", "baseline_year": "2022",
            "disaggregation": "sex", "data_source": "Registro de la cooperativa",
            "frequency": "annual", "responsible_role": "implementing_partner",
            "description": "Familias con certificado vigente al 31 de diciembre."}),
    );
    own.assert_status(201);
    let own = own.json();
    assert!(own["library_code"].is_null());
    assert_eq!(own["name"], "Familias con certificación orgánica");
    assert_eq!(own["unit"], "households");
    assert_eq!(own["disaggregation"], "sex");
    assert_eq!(own["data_source"], "Registro de la cooperativa");

    let refused = |body: Value| {
        let response = admin.post_json(&path(HUALLAGA, "indicators"), &body);
        response.assert_status(422);
        response.field_codes()
    };
    assert_eq!(
        refused(json!({"result_id": outcome, "frequency": "annual",
            "responsible_role": "me_officer"})),
        pairs(&[("name", "required"), ("unit", "required")])
    );
    assert_eq!(
        refused(json!({"result_id": outcome, "library_code": "coca_prices",
            "frequency": "annual", "responsible_role": "me_officer"})),
        pairs(&[("library_code", "unknown_choice")])
    );
    assert_eq!(
        refused(
            json!({"result_id": outcome, "library_code": "replanting_rate",
            "baseline_value": "120", "baseline_year": 2027, "frequency": "annual",
            "responsible_role": "me_officer"})
        ),
        pairs(&[
            ("baseline_value", "too_large"),
            ("baseline_year", "out_of_range")
        ])
    );
    assert_eq!(
        refused(
            json!({"result_id": outcome, "name": "Familias", "unit": "households",
            "baseline_value": "12.5", "frequency": "weekly", "responsible_role": "boss",
            "disaggregation": "caste"})
        ),
        pairs(&[
            ("baseline_value", "not_a_whole_number"),
            ("disaggregation", "unknown_choice"),
            ("frequency", "unknown_choice"),
            ("responsible_role", "unknown_choice"),
        ])
    );
    assert_eq!(
        refused(
            json!({"library_code": "beneficiaries", "frequency": "annual",
            "responsible_role": "me_officer"})
        ),
        pairs(&[("result_id", "required")])
    );
    let vraem_outcome = framework(admin, VRAEM, "en")["framework"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["level"] == "outcome")
        .unwrap()["id"]
        .clone();
    let foreign = admin.post_json(
        &path(HUALLAGA, "indicators"),
        &json!({"result_id": vraem_outcome, "library_code": "beneficiaries",
            "frequency": "annual", "responsible_role": "me_officer"}),
    );
    foreign.assert_status(422);
    assert_eq!(
        foreign.field_codes(),
        pairs(&[("result_id", "unknown_reference")])
    );

    // Changing an indicator keeps its targets.
    targets(
        admin,
        HUALLAGA,
        library_id,
        &json!([{"period": "2023-Q2", "value": "40"}]),
    )
    .assert_status(200);
    let changed = admin.put_json(
        &path(HUALLAGA, &format!("indicators/{library_id}")),
        &json!({"result_id": output, "library_code": "eradicated_verified",
            "baseline_value": "3.5", "baseline_year": 2021, "frequency": "quarterly",
            "responsible_role": "me_officer"}),
    );
    changed.assert_status(200);
    assert_eq!(changed.json()["baseline_value"], "3.5");
    assert_eq!(changed.json()["responsible_role"], "me_officer");
    assert_eq!(
        changed.json()["targets"],
        json!([{"period": "2023-Q2", "value": "40"}])
    );
    let vraem_indicator = framework(admin, VRAEM, "en")["framework"]["indicators"][0]["id"].clone();
    admin
        .put_json(
            &path(HUALLAGA, &format!("indicators/{vraem_indicator}")),
            &json!({"result_id": output, "library_code": "beneficiaries",
                "frequency": "annual", "responsible_role": "me_officer"}),
        )
        .assert_status(404);
    let indicators = framework(admin, HUALLAGA, "en")["framework"]["indicators"].clone();
    assert_eq!(
        indicators.as_array().unwrap().len(),
        3,
        "nothing refused was stored"
    );
}

#[test]
fn each_indicator_has_the_reporting_periods_of_its_frequency_within_the_project_s_dates() {
    let server = demo_server();
    let admin = server.http();
    let goal = result(
        admin,
        HUALLAGA,
        "goal",
        None,
        "Café y cacao en lugar de coca.",
    );
    let outcome = result(
        admin,
        HUALLAGA,
        "outcome",
        Some(goal),
        "Sube el ingreso lícito.",
    );
    let by_frequency: Vec<(&str, i64)> = [
        "monthly",
        "quarterly",
        "semiannual",
        "annual",
        "end_of_project",
    ]
    .into_iter()
    .map(|frequency| {
        (
            frequency,
            indicator(
                admin,
                HUALLAGA,
                &json!({"result_id": outcome, "name": format!("Indicador {frequency}"),
                    "unit": "count", "baseline_value": 0, "frequency": frequency,
                    "responsible_role": "me_officer"}),
            ),
        )
    })
    .collect();
    let view = framework(admin, HUALLAGA, "es");
    let periods = |frequency: &str| {
        let id = by_frequency
            .iter()
            .find(|(f, _)| *f == frequency)
            .unwrap()
            .1;
        periods_of(&view, id)
    };
    let brief = |p: &Value| {
        format!(
            "{} {} {}–{}",
            p["code"].as_str().unwrap(),
            p["label"].as_str().unwrap(),
            p["start"].as_str().unwrap(),
            p["end"].as_str().unwrap()
        )
    };
    // The Huallaga project runs 2022-01-01 – 2026-12-31: five whole years.
    let monthly = periods("monthly");
    assert_eq!(monthly.len(), 60);
    assert_eq!(
        brief(&monthly[0]),
        "2022-01 enero 2022 2022-01-01–2022-01-31"
    );
    assert_eq!(
        brief(&monthly[13]),
        "2023-02 febrero 2023 2023-02-01–2023-02-28"
    );
    let quarterly = periods("quarterly");
    assert_eq!(quarterly.len(), 20);
    assert_eq!(
        brief(&quarterly[0]),
        "2022-Q1 T1 2022 2022-01-01–2022-03-31"
    );
    assert_eq!(
        brief(&quarterly[19]),
        "2026-Q4 T4 2026 2026-10-01–2026-12-31"
    );
    let semiannual = periods("semiannual");
    assert_eq!(semiannual.len(), 10);
    assert_eq!(
        brief(&semiannual[1]),
        "2022-H2 S2 2022 2022-07-01–2022-12-31"
    );
    let annual: Vec<String> = periods("annual").iter().map(brief).collect();
    assert_eq!(
        annual,
        [
            "2022 2022 2022-01-01–2022-12-31",
            "2023 2023 2023-01-01–2023-12-31",
            "2024 2024 2024-01-01–2024-12-31",
            "2025 2025 2025-01-01–2025-12-31",
            "2026 2026 2026-01-01–2026-12-31",
        ]
    );
    let end: Vec<String> = periods("end_of_project").iter().map(brief).collect();
    assert_eq!(end, ["end Final del proyecto 2022-01-01–2026-12-31"]);
    let english = framework(admin, HUALLAGA, "en");
    let id = by_frequency[1].1;
    assert_eq!(periods_of(&english, id)[0]["label"], "Q1 2022");

    // The VRAEM project runs 2023-07-01 – 2027-06-30: its first and last periods are clipped.
    let vraem = framework(admin, VRAEM, "en");
    let demo_indicator = vraem["framework"]["indicators"][0]["id"].as_i64().unwrap();
    let annual: Vec<String> = periods_of(&vraem, demo_indicator)
        .iter()
        .map(brief)
        .collect();
    assert_eq!(
        annual,
        [
            "2023 2023 2023-07-01–2023-12-31",
            "2024 2024 2024-01-01–2024-12-31",
            "2025 2025 2025-01-01–2025-12-31",
            "2026 2026 2026-01-01–2026-12-31",
            "2027 2027 2027-01-01–2027-06-30",
        ]
    );
    let outcome_vraem = vraem["framework"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["level"] == "outcome")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let quarterly_vraem = indicator(
        admin,
        VRAEM,
        &json!({"result_id": outcome_vraem, "library_code": "licit_income_share",
            "frequency": "quarterly", "responsible_role": "me_officer"}),
    );
    let quarters = periods_of(&framework(admin, VRAEM, "en"), quarterly_vraem);
    assert_eq!(quarters.len(), 16);
    assert_eq!(brief(&quarters[0]), "2023-Q3 Q3 2023 2023-07-01–2023-09-30");
    assert_eq!(
        brief(&quarters[15]),
        "2027-Q2 Q2 2027 2027-04-01–2027-06-30"
    );
}

#[test]
fn targets_are_set_per_period_and_an_unknown_period_or_a_percentage_above_100_is_refused() {
    let server = demo_server();
    let admin = server.http();
    let goal = result(
        admin,
        HUALLAGA,
        "goal",
        None,
        "Café y cacao en lugar de coca.",
    );
    let outcome = result(
        admin,
        HUALLAGA,
        "outcome",
        Some(goal),
        "No se resiembra coca.",
    );
    let output = result(
        admin,
        HUALLAGA,
        "output",
        Some(outcome),
        "Predios verificados.",
    );
    let rate = indicator(
        admin,
        HUALLAGA,
        &json!({"result_id": outcome, "library_code": "replanting_rate", "baseline_value": "8",
            "baseline_year": 2021, "frequency": "annual", "responsible_role": "me_officer"}),
    );
    let households = indicator(
        admin,
        HUALLAGA,
        &json!({"result_id": output, "library_code": "households_enrolled",
            "baseline_value": 0, "frequency": "semiannual", "responsible_role": "field_monitor"}),
    );
    let before = framework(admin, HUALLAGA, "es");
    assert_eq!(
        gaps(&before),
        [
            (
                "indicator_without_targets".to_owned(),
                Value::Null,
                json!(rate)
            ),
            (
                "indicator_without_targets".to_owned(),
                Value::Null,
                json!(households)
            ),
        ]
    );
    assert_eq!(
        before["gaps"][0]["message"],
        "El indicador «Tasa de resiembra en predios verificados» no tiene metas."
    );

    // Sent out of order, with a blank period: stored in period order, the blank one without.
    let set = targets(
        admin,
        HUALLAGA,
        rate,
        &json!([{"period": "2024", "value": "2,5"}, {"period": "2023", "value": 5},
            {"period": "2026", "value": ""}, {"period": "2025", "value": "100"}]),
    );
    set.assert_status(200);
    assert_eq!(
        set.json()["targets"],
        json!([{"period": "2023", "value": "5"}, {"period": "2024", "value": "2.5"},
            {"period": "2025", "value": "100"}])
    );
    assert_eq!(set.json()["id"], rate);

    let refused = targets(
        admin,
        HUALLAGA,
        rate,
        &json!([{"period": "2027", "value": "1"}, {"period": "2024-Q1", "value": "1"},
            {"period": "2025", "value": "120"}, {"period": "2023", "value": "1"},
            {"period": "2023", "value": "-1"}, {"period": "", "value": "3"},
            {"period": "2026", "value": "1.234"}]),
    );
    refused.assert_status(422);
    assert_eq!(
        refused.field_codes(),
        pairs(&[
            ("targets[0].period", "unknown_period"),
            ("targets[1].period", "unknown_period"),
            ("targets[2].value", "too_large"),
            ("targets[4].period", "duplicate_period"),
            ("targets[4].value", "negative"),
            ("targets[5].period", "required"),
            ("targets[6].value", "too_many_decimals"),
        ])
    );
    let fields = refused.json()["error"]["fields"].clone();
    assert_eq!(
        fields[0]["message"],
        "Choose one of the indicator's reporting periods."
    );
    assert_eq!(fields[2]["message"], "Must be at most 100.");
    let whole = targets(
        admin,
        HUALLAGA,
        households,
        &json!([{"period": "2023-H1", "value": "120.5"}, {"period": "2023", "value": "100"}]),
    );
    assert_eq!(
        whole.field_codes(),
        pairs(&[
            ("targets[0].value", "not_a_whole_number"),
            ("targets[1].period", "unknown_period"),
        ])
    );
    targets(
        admin,
        HUALLAGA,
        households,
        &json!([{"period": "2022-H2", "value": 150}, {"period": "2023-H1", "value": "320"}]),
    )
    .assert_status(200);

    let after = framework(admin, HUALLAGA, "en");
    let stored = |id: i64| {
        after["framework"]["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()["targets"]
            .clone()
    };
    assert_eq!(
        stored(rate),
        json!([{"period": "2023", "value": "5"}, {"period": "2024", "value": "2.5"},
            {"period": "2025", "value": "100"}]),
        "the refused targets changed nothing"
    );
    assert_eq!(
        stored(households),
        json!([{"period": "2022-H2", "value": "150"}, {"period": "2023-H1", "value": "320"}])
    );
    assert_eq!(gaps(&after), Vec::<(String, Value, Value)>::new());

    // Replacing with no rows clears them.
    targets(admin, HUALLAGA, rate, &json!([])).assert_status(200);
    assert_eq!(
        gaps(&framework(admin, HUALLAGA, "en")),
        [(
            "indicator_without_targets".to_owned(),
            Value::Null,
            json!(rate)
        )]
    );
    let vraem_indicator = framework(admin, VRAEM, "en")["framework"]["indicators"][0]["id"]
        .as_i64()
        .unwrap();
    targets(admin, HUALLAGA, vraem_indicator, &json!([])).assert_status(404);
    targets(admin, HUALLAGA, 4242, &json!([])).assert_status(404);
    let events = admin
        .get("/api/v1/audit?entity_type=indicator_targets")
        .json();
    assert_eq!(
        events[0]["summary"],
        "Targets of indicator “Replanting rate on verified plots” of project “Huallaga: café y \
         cacao con cooperativas”: 0 periods"
    );
}

#[test]
fn changing_an_indicator_s_unit_cannot_leave_a_percentage_target_above_100() {
    let server = demo_server();
    let admin = server.http();
    let goal = result(
        admin,
        HUALLAGA,
        "goal",
        None,
        "Café y cacao en lugar de coca.",
    );
    let outcome = result(
        admin,
        HUALLAGA,
        "outcome",
        Some(goal),
        "Familias certificadas.",
    );
    let body = |unit: &str| {
        json!({"result_id": outcome, "name": "Familias con certificación", "unit": unit,
            "baseline_value": 0, "frequency": "annual", "responsible_role": "me_officer"})
    };
    let id = indicator(admin, HUALLAGA, &body("count"));
    targets(
        admin,
        HUALLAGA,
        id,
        &json!([{"period": "2024", "value": "150"}]),
    )
    .assert_status(200);
    // 150 families is a fine count; as a percentage it is what the targets route refuses.
    let changed = admin.put_json(
        &path(HUALLAGA, &format!("indicators/{id}")),
        &body("percent"),
    );
    let stored = framework(admin, HUALLAGA, "en")["framework"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
        .clone();
    if changed.is_success() {
        assert!(
            stored["targets"]
                .as_array()
                .unwrap()
                .iter()
                .all(|t| t["value"].as_str().unwrap().parse::<f64>().unwrap() <= 100.0),
            "a percentage indicator was left with the targets {}",
            stored["targets"]
        );
    } else {
        assert_eq!(changed.status, 422, "{}", changed.body);
        assert_eq!(stored["unit"], "count", "nothing refused was stored");
    }
}

#[test]
fn the_framework_s_gaps_are_flagged_for_the_reviewer_in_the_reader_s_language() {
    let server = demo_server();
    let admin = server.http();
    let goal = result(
        admin,
        HUALLAGA,
        "goal",
        None,
        "Café y cacao en lugar de coca.",
    );
    let view = framework(admin, HUALLAGA, "es");
    assert_eq!(
        gaps(&view),
        [("goal_without_outcomes".to_owned(), json!(goal), Value::Null)]
    );
    assert_eq!(
        view["gaps"][0]["message"],
        "El objetivo «Café y cacao en lugar de coca.» no tiene resultados."
    );
    let outcome = created_id(&admin.post_json(
        &path(HUALLAGA, "results"),
        &json!({"level": "outcome", "parent_id": goal, "code": "1",
            "statement": "Sube el ingreso lícito."}),
    ));
    let view = framework(admin, HUALLAGA, "en");
    assert_eq!(
        gaps(&view),
        [
            (
                "outcome_without_outputs".to_owned(),
                json!(outcome),
                Value::Null
            ),
            (
                "result_without_indicators".to_owned(),
                json!(outcome),
                Value::Null
            ),
        ]
    );
    assert_eq!(
        view["gaps"][0]["message"],
        "Outcome “1 Sube el ingreso lícito.” has no outputs to bring it about."
    );
    assert_eq!(
        view["gaps"][1]["message"],
        "Outcome “1 Sube el ingreso lícito.” has no indicator."
    );
    let own = indicator(
        admin,
        HUALLAGA,
        &json!({"result_id": outcome, "name": "Ingreso por café", "unit": "money",
            "frequency": "annual", "responsible_role": "me_officer"}),
    );
    let output = result(
        admin,
        HUALLAGA,
        "output",
        Some(outcome),
        "Cafetales renovados.",
    );
    let view = framework(admin, HUALLAGA, "es");
    assert_eq!(
        gaps(&view),
        [
            (
                "indicator_without_baseline".to_owned(),
                Value::Null,
                json!(own)
            ),
            (
                "indicator_without_targets".to_owned(),
                Value::Null,
                json!(own)
            ),
            (
                "result_without_indicators".to_owned(),
                json!(output),
                Value::Null
            ),
        ]
    );
    assert_eq!(
        view["gaps"][0]["message"],
        "El indicador «Ingreso por café» no tiene valor de línea de base."
    );
    assert_eq!(
        view["gaps"][2]["message"],
        "El producto «Cafetales renovados.» no tiene indicadores."
    );
    // A second goal is flagged too.
    result(admin, HUALLAGA, "goal", None, "Otro objetivo.");
    let view = framework(admin, HUALLAGA, "en");
    assert_eq!(view["gaps"][0]["code"], "several_goals");
    assert_eq!(
        view["gaps"][0]["message"],
        "The framework has 2 goals; a project contributes to one."
    );
}

#[test]
fn the_m_and_e_officer_changes_the_frameworks_of_program_1_and_not_of_program_2() {
    let server = demo_server();
    let admin = server.http();
    let (email, password, _) = DEMO_ACCOUNTS[2];
    let me_officer = server.sign_in(email, password);
    // Program 1, project 1 (Putumayo): the demo's framework, its goal first.
    let putumayo = framework(&me_officer, 1, "en");
    let goal = putumayo["framework"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["level"] == "goal")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let outcome = result(
        &me_officer,
        1,
        "outcome",
        Some(goal),
        "Mejora la seguridad alimentaria.",
    );
    let food = indicator(
        &me_officer,
        1,
        &json!({"result_id": outcome, "library_code": "food_security", "baseline_value": "61",
            "baseline_year": 2023, "frequency": "annual", "responsible_role": "me_officer"}),
    );
    let set = targets(
        &me_officer,
        1,
        food,
        &json!([{"period": "2026", "value": "80"}]),
    );
    set.assert_status(200);
    assert_eq!(
        set.json()["targets"],
        json!([{"period": "2026", "value": "80"}])
    );
    assert_eq!(
        admin
            .get("/api/v1/audit?entity_type=indicator_targets")
            .json()[0]["actor_email"],
        email
    );

    // Program 2 is not the M&E officer's: neither reading nor changing its frameworks.
    me_officer
        .get(&path(VRAEM, "results-framework"))
        .assert_status(403);
    let vraem = framework(admin, VRAEM, "en");
    let vraem_goal = vraem["framework"]["results"][0]["id"].as_i64().unwrap();
    let vraem_indicator = vraem["framework"]["indicators"][0]["id"].as_i64().unwrap();
    let refused = me_officer.post_json(
        &path(VRAEM, "results"),
        &json!({"level": "outcome", "parent_id": vraem_goal, "statement": "Ajeno"}),
    );
    refused.assert_status(403);
    assert_eq!(refused.json()["error"]["code"], "forbidden");
    targets(
        &me_officer,
        VRAEM,
        vraem_indicator,
        &json!([{"period": "2025", "value": "1"}]),
    )
    .assert_status(403);
    assert_eq!(framework(admin, VRAEM, "en"), vraem, "nothing changed");

    // A donor reads the framework of the project it funds but does not change it; the program
    // officer does.
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    assert_eq!(framework(&donor, VRAEM, "en"), vraem);
    donor
        .post_json(
            &path(VRAEM, "results"),
            &json!({"level": "outcome", "parent_id": vraem_goal, "statement": "x"}),
        )
        .assert_status(403);
    let (email, password, _) = DEMO_ACCOUNTS[1];
    let officer = server.sign_in(email, password);
    result(
        &officer,
        VRAEM,
        "outcome",
        Some(vraem_goal),
        "Las mujeres dirigen cooperativas.",
    );
}

#[test]
fn an_indicator_is_deleted_with_its_targets_and_a_result_only_once_nothing_is_under_it() {
    let server = demo_server();
    let admin = server.http();
    let goal = result(admin, HUALLAGA, "goal", None, "Cacao en lugar de coca.");
    let outcome = result(admin, HUALLAGA, "outcome", Some(goal), "Ingresos lícitos.");
    let output = result(
        admin,
        HUALLAGA,
        "output",
        Some(outcome),
        "Parcelas instaladas.",
    );
    let plots = indicator(
        admin,
        HUALLAGA,
        &json!({"result_id": output, "name": "Parcelas instaladas", "unit": "count",
            "baseline_value": 0, "frequency": "annual", "responsible_role": "me_officer"}),
    );
    targets(
        admin,
        HUALLAGA,
        plots,
        &json!([{"period": "2024", "value": "10"}, {"period": "2025", "value": "25"}]),
    )
    .assert_status(200);
    let before = framework(admin, HUALLAGA, "en");

    // Something is under the outcome (an output) and under the output (an indicator).
    for (id, under) in [(outcome, "an output"), (output, "an indicator")] {
        let refused = admin.delete(&path(HUALLAGA, &format!("results/{id}")));
        assert_eq!(refused.status, 422, "{under}: {}", refused.body);
        assert_eq!(refused.field_codes(), pairs(&[("result", "not_empty")]));
    }
    // Records of another project, or none, are not found there.
    admin
        .delete(&path(VRAEM, &format!("indicators/{plots}")))
        .assert_status(404);
    admin
        .delete(&path(VRAEM, &format!("results/{goal}")))
        .assert_status(404);
    admin
        .delete(&path(HUALLAGA, "indicators/999999"))
        .assert_status(404);
    assert_eq!(
        framework(admin, HUALLAGA, "en"),
        before,
        "nothing refused was deleted"
    );

    admin
        .delete(&path(HUALLAGA, &format!("indicators/{plots}")))
        .assert_status(204);
    let after = framework(admin, HUALLAGA, "en");
    assert_eq!(after["framework"]["indicators"], json!([]));
    assert_eq!(after["framework"]["results"].as_array().unwrap().len(), 3);
    let events = admin.get("/api/v1/audit?entity_type=indicator").json();
    let deleted = events
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "delete")
        .expect("the deletion is in the audit log");
    assert_eq!(deleted["entity_id"], plots.to_string());
    assert!(
        deleted["summary"].as_str().unwrap().contains("2 targets"),
        "{deleted}"
    );
    admin
        .delete(&path(HUALLAGA, &format!("indicators/{plots}")))
        .assert_status(404);

    // Now the results go, the output first.
    admin
        .delete(&path(HUALLAGA, &format!("results/{goal}")))
        .assert_status(422);
    for id in [output, outcome, goal] {
        admin
            .delete(&path(HUALLAGA, &format!("results/{id}")))
            .assert_status(204);
    }
    assert_eq!(
        framework(admin, HUALLAGA, "en")["framework"]["results"],
        json!([])
    );

    // Those who may not change the framework cannot delete from it.
    let vraem = framework(admin, VRAEM, "en");
    let vraem_indicator = vraem["framework"]["indicators"][0]["id"].as_i64().unwrap();
    for account in [2, 3, 4] {
        let (email, password, _) = DEMO_ACCOUNTS[account];
        server
            .sign_in(email, password)
            .delete(&path(VRAEM, &format!("indicators/{vraem_indicator}")))
            .assert_status(403);
    }
    assert_eq!(framework(admin, VRAEM, "en"), vraem);
}
