//! Plain form posts of the plan, timeline and results tabs, as a browser without JavaScript
//! sends them: a 303 to the tab on success; on error, the page again (422) with every typed
//! value kept and each problem named next to its field.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use reqwest::blocking::multipart::{Form, Part};
use serde_json::{Value, json};
use tests::{Http, Method, Response};

/// DEVIDA, *Perú: Monitoreo de cultivos de coca 2021*: coca bush in production by department.
const DEPARTMENTS: &str =
    include_str!("../../shared/testdata/peru_devida_coca_by_department_2017_2021.csv");
/// The demo's Huallaga project (2022-01-01 – 2026-12-31, PEN), with no plan yet.
const HUALLAGA: i64 = 5;
/// The demo's VRAEM project.
const VRAEM: i64 = 4;

fn baselines(http: &Http, project: i64) -> Vec<Value> {
    http.get(&format!("/api/v1/projects/{project}/baselines"))
        .json()
        .as_array()
        .unwrap()
        .clone()
}

fn assert_html(response: &Response, status: u16) -> &str {
    response.assert_status(status);
    assert!(
        response
            .content_type()
            .unwrap_or_default()
            .starts_with("text/html"),
        "{:?}",
        response.content_type()
    );
    &response.body
}

/// The text of the element with `id` up to its first closing `tag`.
fn element<'a>(page: &'a str, id: &str, tag: &str) -> &'a str {
    page.split(&format!("id=\"{id}\""))
        .nth(1)
        .and_then(|rest| rest.split(&format!("</{tag}>")).next())
        .unwrap_or_else(|| panic!("no element #{id} in the page"))
}

fn component(http: &Http, project: i64, name: &str) -> i64 {
    let response = http.post_json(
        &format!("/api/v1/projects/{project}/components"),
        &json!({"kind": "livelihoods", "name": name}),
    );
    response.assert_status(201);
    response.json()["id"].as_i64().unwrap()
}

#[test]
fn the_import_page_previews_an_uploaded_devida_table_then_imports_it() {
    let server = demo_server();
    let admin = server.http();
    let form = Form::new()
        .text("table", "")
        .text("crop", "coca_bush")
        .text("source", "satellite_survey")
        .text("note", "DEVIDA 2021")
        .text("commit", "false")
        .part(
            "file",
            Part::text(DEPARTMENTS).file_name("peru_devida_coca_by_department_2017_2021.csv"),
        );
    let preview = admin.send(
        admin
            .request(
                Method::POST,
                &format!("/projects/{HUALLAGA}/baselines/import"),
            )
            .multipart(form),
    );
    let page = assert_html(&preview, 200);
    let summary = element(page, "import-summary", "p");
    assert!(
        summary.contains("New figures: 65 · Figures replaced: 0 · Lines with problems: 0"),
        "{summary}"
    );
    assert!(element(page, "import-summary", "p").contains("Preview: nothing stored yet."));
    let rows = element(page, "import-rows", "table");
    assert!(rows.contains("<th scope=\"row\">Ucayali</th>"));
    assert!(rows.contains("10,151"), "the figures are listed");
    let totals = element(page, "import-totals", "table");
    assert!(totals.contains("49,900") && totals.contains("49,871"));
    assert!(
        element(page, "import-commit", "button").contains("(65)"),
        "a button imports the 65 figures"
    );
    // The uploaded file travels with the confirmation, in the table field.
    let table = element(page, "import-table", "textarea");
    assert!(table.contains("Ayacucho,\"12,905\",\"14,304\""), "{table}");
    assert!(page.contains("value=\"DEVIDA 2021\""));
    assert!(
        baselines(admin, HUALLAGA).is_empty(),
        "a preview stores nothing"
    );

    let imported = admin.post_form(
        &format!("/projects/{HUALLAGA}/baselines/import"),
        &[
            ("table", DEPARTMENTS),
            ("crop", "coca_bush"),
            ("source", "satellite_survey"),
            ("note", "DEVIDA 2021"),
            ("commit", "true"),
        ],
    );
    let page = assert_html(&imported, 200);
    let summary = element(page, "import-summary", "p");
    assert!(summary.contains("Imported."), "{summary}");
    assert!(summary.contains("New figures: 65"), "{summary}");
    assert!(
        !page.contains("id=\"import-commit\""),
        "nothing left to import"
    );
    let stored = baselines(admin, HUALLAGA);
    assert_eq!(stored.len(), 65);
    assert!(stored.iter().all(|b| b["note"] == "DEVIDA 2021"));

    // In Spanish, the same table again replaces every figure.
    let again = admin.send(
        admin
            .request(
                Method::POST,
                &format!("/projects/{HUALLAGA}/baselines/import"),
            )
            .header("accept-language", "es")
            .form(&[
                ("table", DEPARTMENTS),
                ("source", "satellite_survey"),
                ("commit", "false"),
            ]),
    );
    let page = assert_html(&again, 200);
    let summary = element(page, "import-summary", "p");
    assert!(
        summary.contains("Vista previa: aún no se ha guardado nada."),
        "{summary}"
    );
    assert!(summary.contains("Cifras reemplazadas: 65"), "{summary}");
    assert!(element(page, "import-rows", "table").contains("10.151"));
}

#[test]
fn a_table_saved_by_a_spreadsheet_in_latin_1_is_read_or_shown_again_with_what_was_typed() {
    let server = demo_server();
    let admin = server.http();
    // The same table as a spreadsheet on a Spanish-language computer saves "CSV": one byte a
    // character, "Huánuco" with 0xE1.
    let latin_1: Vec<u8> = DEPARTMENTS
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect();
    assert!(String::from_utf8(latin_1.clone()).is_err());
    let form = Form::new()
        .text("table", "")
        .text("source", "satellite_survey")
        .text("note", "Nota del técnico")
        .text("commit", "false")
        .part(
            "file",
            Part::bytes(latin_1).file_name("coca_departamentos.csv"),
        );
    let answer = admin.send(
        admin
            .request(
                Method::POST,
                &format!("/projects/{HUALLAGA}/baselines/import"),
            )
            .multipart(form),
    );
    if answer.status == 200 {
        let page = assert_html(&answer, 200);
        assert!(element(page, "import-rows", "table").contains("Huánuco"));
    } else {
        let page = assert_html(&answer, 422);
        assert!(page.contains("UTF-8"), "the problem is named");
        assert!(
            page.contains("value=\"Nota del técnico\""),
            "what was typed is kept"
        );
        assert!(
            page.contains("id=\"baseline-import-form\""),
            "the form is shown again"
        );
    }
    assert!(baselines(admin, HUALLAGA).is_empty());
}

#[test]
fn an_import_page_post_with_errors_keeps_what_was_typed_and_names_the_problem() {
    let server = demo_server();
    let admin = server.http();
    let table = "Caserío;Familias\nPucayacu;42\n";
    let no_source = admin.post_form(
        &format!("/projects/{HUALLAGA}/baselines/import"),
        &[
            ("table", table),
            ("source", ""),
            ("note", "Tabla del técnico de campo"),
            ("commit", "true"),
        ],
    );
    let page = assert_html(&no_source, 422);
    assert!(element(page, "import-source-error", "p").contains("This field is required."));
    assert!(element(page, "import-table", "textarea").contains("Pucayacu;42"));
    assert!(page.contains("value=\"Tabla del técnico de campo\""));

    let no_years = admin.post_form(
        &format!("/projects/{HUALLAGA}/baselines/import"),
        &[
            ("table", table),
            ("source", "field_verification"),
            ("commit", "true"),
        ],
    );
    let page = assert_html(&no_years, 422);
    assert!(
        element(page, "import-table-error", "p")
            .contains("The table needs a header with a column per year")
    );
    assert!(element(page, "import-table", "textarea").contains("Pucayacu;42"));
    assert!(
        page.contains("value=\"field_verification\" selected")
            || page.contains("selected value=\"field_verification\"")
    );

    // A readable table with a bad cell: the line and its reason are listed.
    let with_problem = admin.post_form(
        &format!("/projects/{HUALLAGA}/baselines/import"),
        &[
            ("table", "Zona;2022;2023\nVRAEM;35.709;n.d.\n"),
            ("source", "satellite_survey"),
            ("commit", "false"),
        ],
    );
    let page = assert_html(&with_problem, 200);
    let problems = element(page, "import-problems", "table");
    assert!(problems.contains("<td class=\"num\">2</td>"), "{problems}");
    assert!(
        problems.contains("“n.d.” is not a number of hectares."),
        "{problems}"
    );
    assert!(baselines(admin, HUALLAGA).is_empty());
}

#[test]
fn a_livelihood_plan_posted_from_its_form_is_stored_and_redirects_to_the_plan_tab() {
    let server = demo_server();
    let admin = server.http();
    let posted = admin.post_form(
        &format!("/projects/{HUALLAGA}/livelihood-plans"),
        &[
            ("name", "Café Pucayacu"),
            ("community_id", "10"),
            ("households", "40"),
            ("illicit_income_monthly", "1250,50"),
            ("eradication_month", "2023-04"),
            ("horizon_months", ""),
            ("value_chains[0].crop", "coffee"),
            ("value_chains[0].hectares", "1"),
            ("value_chains[0].planting_month", "2023-04"),
            ("value_chains[0].yield_curve", "0; 0; 1200"),
            ("value_chains[0].price_per_kg", "15"),
            ("value_chains[0].market_channel", "cooperative"),
            ("value_chains[0].certification", ""),
            ("value_chains[1].crop", ""),
            ("value_chains[1].hectares", ""),
            ("value_chains[1].planting_month", ""),
            ("value_chains[1].yield_curve", ""),
            ("value_chains[1].price_per_kg", ""),
            ("value_chains[1].market_channel", ""),
            ("value_chains[2].crop", "banana"),
            ("value_chains[2].hectares", "0,5"),
            ("value_chains[2].planting_month", "2023-04"),
            ("value_chains[2].yield_curve", "9000"),
            ("value_chains[2].price_per_kg", "0.80"),
            ("value_chains[2].market_channel", "local_market"),
        ],
    );
    posted.assert_status(303);
    let plans = admin
        .get(&format!("/api/v1/projects/{HUALLAGA}/livelihood-plans"))
        .json();
    let id = plans[0]["plan"]["id"].as_i64().unwrap();
    assert_eq!(
        posted.location(),
        Some(format!("/projects/{HUALLAGA}/plan#plan-{id}").as_str())
    );
    let plan = &plans[0]["plan"];
    assert_eq!(plan["community_id"], 10);
    assert_eq!(plan["illicit_income_monthly"], "1250.5");
    let crops: Vec<&str> = plan["value_chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["crop"].as_str().unwrap())
        .collect();
    assert_eq!(crops, ["coffee", "banana"], "the blank row is left out");
    // 1,250.50 − 300 from banana = 950.50 a month for 24 months, for 40 households.
    assert_eq!(plans[0]["summary"]["total"]["bridging_support"], "912480");
    let page = admin
        .get(&format!("/projects/{HUALLAGA}/plan"))
        .assert_status(200)
        .body
        .clone();
    assert!(page.contains(&format!("id=\"plan-{id}\"")));
    assert!(page.contains("Café Pucayacu"));
}

#[test]
fn a_livelihood_plan_form_with_errors_comes_back_with_every_value_and_problem() {
    let server = demo_server();
    let admin = server.http();
    let posted = admin.post_form(
        &format!("/projects/{HUALLAGA}/livelihood-plans"),
        &[
            ("name", "Cacao Mishollo"),
            ("community_id", ""),
            ("households", "cuarenta"),
            ("illicit_income_monthly", "800"),
            ("eradication_month", "2031-02"),
            ("value_chains[0].crop", "cocoa"),
            ("value_chains[0].hectares", "1,25"),
            ("value_chains[0].planting_month", "2023-02"),
            ("value_chains[0].yield_curve", "0; 300; setecientos"),
            ("value_chains[0].price_per_kg", "9.5"),
            ("value_chains[0].market_channel", "export"),
            ("value_chains[0].certification", "Comercio Justo"),
        ],
    );
    let page = assert_html(&posted, 422);
    assert!(element(page, "plan-households-error", "p").contains("Enter a whole number"));
    assert!(
        element(page, "plan-eradication-month-error", "p")
            .contains("Must fall between 2022-01-01 and 2026-12-31.")
    );
    assert!(element(page, "chain-yield-curve-0-error", "p").contains("Enter a number"));
    for kept in [
        "value=\"Cacao Mishollo\"",
        "value=\"cuarenta\"",
        "value=\"2031-02\"",
        "value=\"1,25\"",
        "value=\"0; 300; setecientos\"",
        "value=\"Comercio Justo\"",
    ] {
        assert!(page.contains(kept), "the page lost {kept}");
    }
    assert!(page.contains("aria-invalid=\"true\""));
    assert_eq!(
        admin
            .get(&format!("/api/v1/projects/{HUALLAGA}/livelihood-plans"))
            .json(),
        json!([])
    );
}

#[test]
fn an_activity_posted_with_errors_comes_back_with_every_value_and_the_period_named() {
    let server = demo_server();
    let admin = server.http();
    let coffee = component(admin, HUALLAGA, "Café");
    let coffee_text = coffee.to_string();
    let posted = admin.post_form(
        &format!("/projects/{HUALLAGA}/activities"),
        &[
            ("component_id", coffee_text.as_str()),
            ("name", "Escuela de campo de café"),
            ("description", "Doce sesiones con las familias"),
            ("start_date", "2021-06-01"),
            ("end_date", "2021-05-01"),
            ("partner_kind", "ngo"),
            ("partner_name", ""),
            ("budget_line_id", ""),
            ("status", "planned"),
        ],
    );
    let page = assert_html(&posted, 422);
    assert!(
        element(page, "activity-start-date-error", "p")
            .contains("Must fall between 2022-01-01 and 2026-12-31.")
    );
    assert!(
        element(page, "activity-end-date-error", "p")
            .contains("Must fall between 2022-01-01 and 2026-12-31.")
    );
    assert!(element(page, "activity-partner-name-error", "p").contains("This field is required."));
    for kept in [
        "value=\"Escuela de campo de café\"",
        "value=\"2021-06-01\"",
        "value=\"2021-05-01\"",
        "Doce sesiones con las familias",
    ] {
        assert!(page.contains(kept), "the page lost {kept}");
    }
    let timeline = admin
        .get(&format!("/api/v1/projects/{HUALLAGA}/timeline"))
        .json();
    assert_eq!(timeline["components"][0]["activities"], json!([]));

    let fixed = admin.post_form(
        &format!("/projects/{HUALLAGA}/activities"),
        &[
            ("component_id", coffee_text.as_str()),
            ("name", "Escuela de campo de café"),
            ("start_date", "2022-06-01"),
            ("end_date", "2022-11-30"),
            ("partner_kind", "ngo"),
            ("partner_name", "Asociación Tocache Verde"),
            ("budget_line_id", ""),
            ("status", ""),
        ],
    );
    fixed.assert_status(303);
    let timeline = admin
        .get(&format!("/api/v1/projects/{HUALLAGA}/timeline"))
        .json();
    let activity = &timeline["components"][0]["activities"][0];
    assert_eq!(
        fixed.location(),
        Some(format!("/projects/{HUALLAGA}/timeline#activity-{}", activity["id"]).as_str())
    );
    assert_eq!(activity["status"], "planned");
    assert_eq!(activity["partner_name"], "Asociación Tocache Verde");
}

#[test]
fn targets_posted_from_their_form_are_stored_and_a_bad_one_is_shown_again() {
    let server = demo_server();
    let admin = server.http();
    let goal = admin
        .post_json(
            &format!("/api/v1/projects/{HUALLAGA}/results"),
            &json!({"level": "goal", "statement": "Café y cacao en lugar de coca."}),
        )
        .json()["id"]
        .clone();
    let outcome = admin
        .post_json(
            &format!("/api/v1/projects/{HUALLAGA}/results"),
            &json!({"level": "outcome", "parent_id": goal, "statement": "Sube el ingreso lícito."}),
        )
        .json()["id"]
        .clone();
    let indicator = admin.post_json(
        &format!("/api/v1/projects/{HUALLAGA}/indicators"),
        &json!({"result_id": outcome, "library_code": "licit_income_share",
            "baseline_value": "20", "frequency": "annual", "responsible_role": "me_officer"}),
    );
    indicator.assert_status(201);
    let id = indicator.json()["id"].as_i64().unwrap();
    let path = format!("/projects/{HUALLAGA}/indicators/{id}/targets");

    let refused = admin.post_form(
        &path,
        &[
            ("targets[0].period", "2022"),
            ("targets[0].value", "35"),
            ("targets[1].period", "2023"),
            ("targets[1].value", "150"),
            ("targets[2].period", "2024"),
            ("targets[2].value", ""),
        ],
    );
    let page = assert_html(&refused, 422);
    assert!(element(page, "target-value-1-error", "p").contains("Must be at most 100."));
    assert!(page.contains("value=\"150\"") && page.contains("value=\"35\""));
    assert_eq!(
        admin
            .get(&format!("/api/v1/projects/{HUALLAGA}/results-framework"))
            .json()["framework"]["indicators"][0]["targets"],
        json!([])
    );

    let stored = admin.post_form(
        &path,
        &[
            ("targets[0].period", "2022"),
            ("targets[0].value", "35"),
            ("targets[1].period", "2023"),
            ("targets[1].value", "50,5"),
            ("targets[2].period", "2024"),
            ("targets[2].value", ""),
        ],
    );
    stored.assert_status(303);
    assert_eq!(
        stored.location(),
        Some(format!("/projects/{HUALLAGA}/results#indicator-{id}").as_str())
    );
    assert_eq!(
        admin
            .get(&format!("/api/v1/projects/{HUALLAGA}/results-framework"))
            .json()["framework"]["indicators"][0]["targets"],
        json!([{"period": "2022", "value": "35"}, {"period": "2023", "value": "50.5"}])
    );
}

#[test]
fn a_safeguard_posted_from_the_plan_tab_is_recorded_or_shown_again_with_its_problems() {
    let server = demo_server();
    let admin = server.http();
    let refused = admin.post_form(
        &format!("/projects/{VRAEM}/safeguards/fpic"),
        &[("status", "met"), ("evidence", ""), ("assessed_on", "")],
    );
    let page = assert_html(&refused, 422);
    assert!(page.contains("This field is required."));
    let recorded = admin.post_form(
        &format!("/projects/{VRAEM}/safeguards/fpic"),
        &[
            ("status", "met"),
            (
                "evidence",
                "Acta de la asamblea comunal de Otari (demostración).",
            ),
            ("assessed_on", "2024-05-10"),
        ],
    );
    recorded.assert_status(303);
    assert_eq!(
        recorded.location(),
        Some(format!("/projects/{VRAEM}/plan#safeguard-fpic").as_str())
    );
    let view = admin
        .get(&format!("/api/v1/projects/{VRAEM}/safeguards"))
        .json();
    assert_eq!(view["safeguards"][0]["status"], "met");
    assert!(
        !view["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "fpic_not_met")
    );

    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    let forbidden = donor.post_form(
        &format!("/projects/{VRAEM}/safeguards/fpic"),
        &[
            ("status", "in_progress"),
            ("evidence", ""),
            ("assessed_on", ""),
        ],
    );
    assert_eq!(forbidden.status, 403, "{}", forbidden.body);
    assert_eq!(
        admin
            .get(&format!("/api/v1/projects/{VRAEM}/safeguards"))
            .json()["safeguards"][0]["status"],
        "met"
    );
}

#[test]
fn results_and_indicators_are_deleted_from_the_results_tab_without_javascript() {
    let server = demo_server();
    let admin = server.http();
    let framework = |http: &Http| {
        http.get(&format!("/api/v1/projects/{VRAEM}/results-framework"))
            .assert_status(200)
            .json()["framework"]
            .clone()
    };
    let before = framework(admin);
    let goal = before["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["level"] == "goal")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let page = admin
        .get(&format!("/projects/{VRAEM}/results"))
        .assert_status(200)
        .body
        .clone();
    assert!(
        !page.contains(&format!("/projects/{VRAEM}/results/{goal}/delete")),
        "a goal with outcomes under it offers no delete button"
    );

    // Posted anyway, the page comes back saying why, and nothing is deleted.
    let refused = admin.post_form(&format!("/projects/{VRAEM}/results/{goal}/delete"), &[]);
    let page = assert_html(&refused, 422);
    let notice = element(page, "action-error", "div");
    assert!(
        notice.contains("still has results or indicators under it"),
        "{notice}"
    );
    assert_eq!(framework(admin), before);

    // Each indicator has its delete button; posting it deletes the indicator.
    let indicators = before["indicators"].as_array().unwrap();
    assert!(!indicators.is_empty());
    for indicator in indicators {
        let id = indicator["id"].as_i64().unwrap();
        let action = format!("/projects/{VRAEM}/indicators/{id}/delete");
        assert!(page.contains(&format!("action=\"{action}\"")), "{action}");
        let deleted = admin.post_form(&action, &[]);
        deleted.assert_status(303);
        assert_eq!(
            deleted.location(),
            Some(format!("/projects/{VRAEM}/results#results-framework").as_str())
        );
    }
    assert_eq!(framework(admin)["indicators"], json!([]));

    // Then the results, leaves first: each empty result now offers its button.
    loop {
        let results = framework(admin)["results"].as_array().unwrap().clone();
        let Some(leaf) = results
            .iter()
            .find(|r| !results.iter().any(|c| c["parent_id"] == r["id"]))
        else {
            break;
        };
        let id = leaf["id"].as_i64().unwrap();
        let page = admin
            .get(&format!("/projects/{VRAEM}/results"))
            .body
            .clone();
        let action = format!("/projects/{VRAEM}/results/{id}/delete");
        assert!(page.contains(&format!("action=\"{action}\"")), "{action}");
        admin.post_form(&action, &[]).assert_status(303);
    }
    assert_eq!(framework(admin)["results"], json!([]));

    // A donor viewer reads the tab without any delete button.
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    let page = donor
        .get(&format!("/projects/{VRAEM}/results"))
        .assert_status(200)
        .body
        .clone();
    assert!(!page.contains("/delete\""));
}

#[test]
fn a_component_is_deleted_from_the_timeline_tab_without_javascript() {
    let server = demo_server();
    let admin = server.http();
    let timeline = admin
        .get(&format!("/api/v1/projects/{VRAEM}/timeline"))
        .assert_status(200)
        .json();
    let first = &timeline["components"][0];
    let id = first["component"]["id"].as_i64().unwrap();
    let count = timeline["components"].as_array().unwrap().len();
    let action = format!("/projects/{VRAEM}/components/{id}/delete");
    let page = admin
        .get(&format!("/projects/{VRAEM}/timeline"))
        .assert_status(200)
        .body
        .clone();
    assert!(page.contains(&format!("action=\"{action}\"")), "{action}");
    let deleted = admin.post_form(&action, &[]);
    deleted.assert_status(303);
    assert_eq!(
        deleted.location(),
        Some(format!("/projects/{VRAEM}/timeline#components").as_str())
    );
    let after = admin
        .get(&format!("/api/v1/projects/{VRAEM}/timeline"))
        .json();
    assert_eq!(after["components"].as_array().unwrap().len(), count - 1);
    // The same post again: the component is gone, and the page says so.
    let again = admin.post_form(&action, &[]);
    assert_html(&again, 404);
}
