//! Planning a project in the browser, with JavaScript on and off: creating it, importing its area
//! from a real boundary file and then drawing it on the map, adding a livelihood plan and seeing
//! its income transition, and building a results framework with an indicator from the library
//! and its targets.

use serde_json::Value;
use tests::{Browser, JavaScript, TestServer, id_after};

use crate::support::{
    ProjectInput, create_program_through_the_form, fill_project_form, screenshot_if_javascript,
    sign_in_as_admin,
};

const PERU: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/testdata/geo/peru_departamental_simple.geojson"
);

/// One department of Peru's boundary file, written to a file the browser can upload.
fn department_file(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let text = std::fs::read_to_string(PERU).unwrap_or_else(|e| panic!("{PERU}: {e}"));
    let all: Value = serde_json::from_str(&text).unwrap();
    let feature = all["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["NOMBDEP"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no department {name}"));
    let path = dir.join(format!("{}.geojson", name.to_lowercase().replace(' ', "_")));
    std::fs::write(&path, feature.to_string()).unwrap();
    path
}

/// The number of a page's element text such as "1,234,567.89 ha".
fn number_in(text: &str) -> f64 {
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number in {text:?}"))
}

fn creates_and_opens_a_project(browser: &Browser) -> String {
    let program_id = create_program_through_the_form(
        browser,
        "Desarrollo alternativo en San Martín",
        "Cocoa and coffee with cooperatives in the Huallaga.",
    );
    browser.find("a#new-project-link").click();
    browser.wait_for_url("the new project form", |path| {
        path == format!("/programs/{program_id}/projects/new")
    });
    fill_project_form(
        browser,
        &ProjectInput {
            name: "Cacao en Tocache",
            kind: Some("ad"),
            country: Some("PE"),
            start_date: Some("2025-01-01"),
            end_date: Some("2029-12-31"),
            illicit_crops: &["coca_bush"],
            planned_crops: &[("cocoa", "300")],
            description: "",
        },
    );
    browser.find("#project-submit").click();
    let path = browser.wait_for_url("the project's page", |path| {
        id_after(path, "/projects/").is_some()
    });
    id_after(&path, "/projects/").unwrap().to_owned()
}

fn imports_the_area_from_a_boundary_file(browser: &Browser, server: &TestServer, project: &str) {
    let dir = tests::TempDir::new("sembrar-area-upload");
    let file = department_file(dir.path(), "SAN MARTIN");
    browser.goto(&server.url(&format!("/projects/{project}/map")));
    browser.wait_until_interactive();
    browser
        .find("input#area-file")
        .send_keys(&file.display().to_string());
    browser.find("#area-submit").click();
    browser.wait_for_url("the map tab after saving the area", |path| {
        path == format!("/projects/{project}/map")
    });
    let hectares = number_in(&browser.wait_for_text("#area-hectares"));
    // GeographicLib gives San Martín 5,127,000 ha or so; the simplified boundary is close.
    assert!(
        (4_500_000.0..5_600_000.0).contains(&hectares),
        "the imported area is measured: {hectares} ha"
    );
    browser.find("#area-map svg");
}

/// Draws a triangle: with JavaScript by clicking the map, without by typing the corners.
fn draws_the_area(browser: &Browser, server: &TestServer, project: &str) -> f64 {
    browser.goto(&server.url(&format!("/projects/{project}/map")));
    browser.wait_until_interactive();
    let corners = [(-76.6, -8.0), (-76.2, -8.1), (-76.4, -8.4)];
    if browser.javascript() == JavaScript::On {
        browser.find("button.js-only");
        // Clear the imported outline, then click three points of the map.
        browser
            .find("#area-editor-form button.js-only.button--secondary")
            .click();
        browser.wait_until("the drawing to be cleared", || {
            browser.texts_of(".area-editor__count")[0].ends_with(": 0")
        });
        for (x, y) in [(0.3, 0.3), (0.7, 0.35), (0.5, 0.7)] {
            browser.execute_script(
                "const svg = document.getElementById('area-editor-map');
                 const r = svg.getBoundingClientRect();
                 const at = {clientX: r.left + r.width * arguments[0],
                             clientY: r.top + r.height * arguments[1], bubbles: true};
                 svg.dispatchEvent(new PointerEvent('pointerdown', at));
                 svg.dispatchEvent(new PointerEvent('pointerup', at));",
                vec![Value::from(x), Value::from(y)],
            );
        }
        browser.wait_until("three corners", || {
            browser.texts_of(".area-editor__count")[0].ends_with(": 3")
        });
        assert!(
            !browser.find("#vertex-lon-2").value().is_empty(),
            "the corners table follows the drawing"
        );
        assert!(browser.find("#vertex-lon-3").value().is_empty());
    } else {
        // Without JavaScript the table lists the stored outline's corners and three spare rows:
        // empty every row, then type the triangle.
        for input in browser.find_all("#area-editor-form input[name^=vertex_]") {
            input.clear();
        }
        for (i, (lon, lat)) in corners.iter().enumerate() {
            browser
                .find(&format!("#vertex-lon-{i}"))
                .replace_text(&lon.to_string());
            browser
                .find(&format!("#vertex-lat-{i}"))
                .replace_text(&lat.to_string());
        }
    }
    browser.find("#area-editor-submit").click();
    browser.wait_for_url("the map tab after saving the drawing", |path| {
        path == format!("/projects/{project}/map")
    });
    let hectares = number_in(&browser.wait_for_text("#area-hectares"));
    assert!(
        hectares < 4_000_000.0,
        "the drawn area replaced the imported one: {hectares} ha"
    );
    hectares
}

fn adds_a_livelihood_plan(browser: &Browser, server: &TestServer, project: &str) {
    browser.goto(&server.url(&format!("/projects/{project}/plan")));
    browser.wait_until_interactive();
    browser.find("#new-livelihood-plan-link").click();
    browser.wait_for_url("the livelihood plan form", |path| {
        path == format!("/projects/{project}/livelihood-plans/new")
    });
    browser.find("#plan-name").replace_text("Cacao — Pucayacu");
    browser.find("#plan-households").replace_text("120");
    browser
        .find("#plan-illicit-income-monthly")
        .replace_text("1200");
    browser
        .find("#plan-eradication-month")
        .replace_text("2025-03");
    browser.find("select#chain-crop-0").select_by_value("cocoa");
    browser.find("#chain-hectares-0").replace_text("2");
    browser
        .find("#chain-planting-month-0")
        .replace_text("2025-03");
    browser
        .find("#chain-yield-curve-0")
        .replace_text("0; 0; 400; 800");
    browser.find("#chain-price-per-kg-0").replace_text("9");
    browser
        .find("select#chain-market-channel-0")
        .select_by_value("cooperative");
    browser.find("#plan-submit").click();
    browser.wait_for_url("the plan tab", |path| {
        path == format!("/projects/{project}/plan")
    });
    let months = browser.wait_for_text(".plan-valley-months");
    // Cocoa yields nothing for two years, half the illicit income in the third (400 kg × 2 ha
    // × 9 PEN / 12 = 600 PEN a month against 1,200), and all of it from the fourth: the valley
    // is 36 months long.
    assert!(months.starts_with("36"), "valley length: {months:?}");
    let bridging = browser.wait_for_text(".plan-bridging-total");
    // 120 households × (24 × 1,200 + 12 × 600) PEN = 4,320,000 PEN.
    assert!(
        bridging.contains("4,320,000.00 PEN"),
        "bridging support of all households: {bridging:?}"
    );
    browser.find("[id^=plan-][id$=-total-chart] svg");
    screenshot_if_javascript(browser, "livelihood-plan");
}

fn builds_a_results_framework_with_targets(browser: &Browser, server: &TestServer, project: &str) {
    browser.goto(&server.url(&format!("/projects/{project}/results")));
    browser.wait_until_interactive();
    browser.find("select#result-level").select_by_value("goal");
    browser
        .find("#result-statement")
        .replace_text("Families in Tocache live from licit crops.");
    browser.find("#result-submit").click();
    browser.wait_until("the goal to be listed", || browser.exists(".result--goal"));
    browser.wait_until_interactive();
    browser
        .find("select#result-level")
        .select_by_value("outcome");
    let goal = browser
        .find(".result--goal h3")
        .attribute("id")
        .unwrap()
        .trim_start_matches("result-")
        .to_owned();
    browser
        .find("select#result-parent-id")
        .select_by_value(&goal);
    browser.find("#result-code").replace_text("1");
    browser
        .find("#result-statement")
        .replace_text("Licit household income rises.");
    browser.find("#result-submit").click();
    browser.wait_until("the outcome to be listed", || {
        browser.exists(".result--outcome")
    });
    // The post answered with a new page: let it hydrate before following its links.
    browser.wait_until_interactive();
    browser.find(".result--outcome .add-indicator-link").click();
    browser.wait_for_url("the indicator form", |path| {
        path == format!("/projects/{project}/indicators/new")
    });
    browser
        .find("select#indicator-library-code")
        .select_by_value("licit_income");
    browser
        .find("select#indicator-frequency")
        .select_by_value("annual");
    browser
        .find("#indicator-baseline-value")
        .replace_text("250");
    browser
        .find("#indicator-baseline-year")
        .replace_text("2024");
    browser.find("#indicator-submit").click();
    browser.wait_for_url("the results tab", |path| {
        path == format!("/projects/{project}/results")
    });
    let name = browser.wait_for_text(".indicators-table tbody th");
    assert!(
        name.contains("Average monthly licit household income"),
        "the library's name: {name:?}"
    );
    browser.find(".targets-link").click();
    browser.wait_for_url("the targets page", |path| path.ends_with("/targets"));
    // With JavaScript the address changes before the routed page has loaded its data.
    browser.wait_until("the targets form", || browser.exists("#targets-submit"));
    browser.wait_until_interactive();
    // Annual periods of a 2025–2029 project: five rows.
    assert_eq!(browser.find_all("input[name$='.value']").len(), 5);
    browser.find("#target-value-0").replace_text("400");
    browser.find("#target-value-1").replace_text("700,5");
    browser.find("#targets-submit").click();
    browser.wait_for_url("the results tab", |path| {
        path == format!("/projects/{project}/results")
    });
    let targets = browser.wait_for_text(".indicator-targets");
    assert!(
        targets.contains("2025: Target 400") && targets.contains("2026: Target 700.5"),
        "the targets per period: {targets:?}"
    );
    screenshot_if_javascript(browser, "results-framework");
}

fn plans_a_project(javascript: JavaScript) {
    let server = TestServer::spawn();
    let browser = Browser::launch(javascript);
    sign_in_as_admin(&browser, &server);
    let project = creates_and_opens_a_project(&browser);
    imports_the_area_from_a_boundary_file(&browser, &server, &project);
    let drawn = draws_the_area(&browser, &server, &project);
    screenshot_if_javascript(&browser, "drawn-area");
    adds_a_livelihood_plan(&browser, &server, &project);
    builds_a_results_framework_with_targets(&browser, &server, &project);
    assert!(drawn > 0.0);
}

#[test]
fn a_project_is_planned_with_an_imported_and_drawn_area_a_livelihood_plan_and_targets_with_javascript()
 {
    plans_a_project(JavaScript::On);
}

#[test]
fn a_project_is_planned_with_an_imported_and_typed_area_a_livelihood_plan_and_targets_without_javascript()
 {
    plans_a_project(JavaScript::Off);
}
