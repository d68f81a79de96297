//! A program officer's funding round, in the browser with JavaScript on and off: from the
//! donors page to a donor, a new funding agreement (a mistake named and every typed value kept,
//! then saved), a planned tranche, the incoming funds and an expenditure recorded, and the
//! project's funding tab adding them up in the project's currency with the chart.

use crate::support::{screenshot_if_javascript, sign_in_as_admin};
use serde_json::json;
use tests::fixtures::{create_program, id_of};
use tests::{Browser, JavaScript, TestServer};

fn records_a_funding_agreement(javascript: JavaScript) {
    let server = TestServer::spawn();
    let admin = server.http();
    let program = create_program(&server, "Programa Andino", "");
    let project = admin.post_json(
        &format!("/api/v1/programs/{program}/projects"),
        &json!({"name": "Cacao del Sur", "kind": "ad", "country": "CO", "currency": "USD",
            "start_date": "2025-01-01", "end_date": "2027-12-31",
            "illicit_crops": ["coca_bush"], "planned_crops": [{"crop": "cocoa", "hectares": "10"}]}),
    );
    project.assert_status(201);
    let project = id_of(&project.json());
    admin
        .post_json(
            &format!("/api/v1/projects/{project}/budget-lines"),
            &json!({"code": "1.1", "description": "Cocoa seedlings", "year": "2025", "amount": "80000"}),
        )
        .assert_status(201);
    admin
        .post_json(
            "/api/v1/donors",
            &json!({"name": "Cooperación Suiza", "organisation_type": "government"}),
        )
        .assert_status(201);

    let browser = Browser::launch(javascript);
    sign_in_as_admin(&browser, &server);
    browser.goto(&server.url("/donors"));
    browser.wait_until_interactive();
    browser.find("#donors-table a").click();
    browser.wait_for_url("the donor's page", |p| p.starts_with("/donors/"));
    browser.wait_until("the donor's page", || {
        browser.exists("#no-funding-agreements")
    });
    browser.find("#new-funding-agreement").click();
    browser.wait_for_url("the agreement form", |p| p == "/funding-agreements/new");
    browser.wait_until_interactive();
    browser.wait_until("the form", || browser.exists("#funding-agreement-form"));
    browser
        .find("#funding-title")
        .replace_text("Cacao para la paz");
    browser.find("#funding-amount").replace_text("100000");
    browser
        .find("select#funding-currency")
        .select_by_value("USD");
    browser.find("#funding-start-date").type_date("2025-01-01");
    browser.find("#funding-end-date").type_date("2024-12-31");
    browser
        .find("select#funding-program-id")
        .select_by_value(&program);
    browser
        .find("select#funding-project-id")
        .select_by_value(&project);
    browser.find("#funding-long-term").click();
    browser.find("#funding-agreement-submit").click();
    // The mistake is named by field; what was typed is kept.
    let summary = browser.wait_for_text("#funding-agreement-errors");
    assert!(summary.contains("Last day"), "{summary}");
    assert_eq!(browser.find("#funding-title").value(), "Cacao para la paz");
    assert_eq!(browser.find("#funding-amount").value(), "100000");
    assert!(browser.find("#funding-long-term").is_selected());
    browser.find("#funding-end-date").type_date("2027-12-31");
    browser.find("#funding-agreement-submit").click();
    browser.wait_for_url("the agreement's page", |p| {
        p.starts_with("/funding-agreements/") && !p.ends_with("/new")
    });
    let earmark = browser.wait_for_text("#agreement-earmark");
    assert!(earmark.contains("Cacao del Sur"), "{earmark}");
    assert_eq!(browser.find_all("#reporting-periods tbody tr").len(), 3);

    browser.wait_until_interactive();
    browser.find("#tranche-due-date").type_date("2025-03-01");
    browser.find("#tranche-amount").replace_text("60000");
    browser
        .find("#tranche-condition")
        .replace_text("On signature");
    browser.find("#tranche-submit").click();
    browser.wait_until("the tranche", || browser.exists("#tranches-table"));

    for (kind, day, amount, description) in [
        ("commitment", "2025-01-15", "100000", "Agreement signed"),
        (
            "incoming_funds",
            "2025-03-10",
            "60000",
            "First tranche received",
        ),
        ("expenditure", "2025-06-30", "15000.50", "Seedlings"),
    ] {
        browser.wait_until_interactive();
        browser
            .find("select#transaction-kind")
            .select_by_value(kind);
        browser.find("#transaction-value-date").type_date(day);
        browser.find("#transaction-amount").replace_text(amount);
        browser
            .find("#transaction-description")
            .replace_text(description);
        if kind == "expenditure" {
            browser
                .find("select#transaction-project-id")
                .select_by_value(&project);
        }
        browser.find("#transaction-submit").click();
        browser.wait_until("the transaction listed", || {
            browser
                .try_find("#transactions-table")
                .ok()
                .and_then(|table| table.try_text().ok())
                .is_some_and(|t| t.contains(description))
        });
    }
    let disbursed = browser.wait_for_text("#agreement-disbursed");
    assert!(disbursed.contains("60,000.00 USD"), "{disbursed}");
    let remaining = browser.wait_for_text("#agreement-to-disburse");
    assert!(remaining.contains("40,000.00 USD"), "{remaining}");

    // The project's funding tab: its budget, what the donor committed, what reached it and
    // what it spent, in dollars, and the chart.
    browser.goto(&server.url(&format!("/projects/{project}")));
    browser.wait_until_interactive();
    browser.find("#tab-funding").click();
    browser.wait_for_url("the funding tab", |p| p.ends_with("/funding"));
    let budget = browser.wait_for_text("#figure-budget");
    assert!(budget.contains("80,000.00 USD"), "{budget}");
    assert!(
        browser
            .wait_for_text("#figure-spent")
            .contains("15,000.50 USD")
    );
    assert!(
        browser
            .wait_for_text("#figure-gap")
            .contains("-20,000.00 USD")
    );
    assert!(
        browser
            .wait_for_text("#figure-spending-rate")
            .contains("25.0 %")
    );
    assert!(browser.exists("#funding-chart svg"));
    // The chart and its numbers can be downloaded, in the currency shown.
    let csv = browser
        .find("#funding-csv")
        .attribute("href")
        .expect("a download");
    let file = admin.get(csv.trim_start_matches(server.base_url()));
    file.assert_status(200);
    assert!(
        file.body.contains("80000.00") || file.body.contains(",USD,"),
        "{}",
        file.body
    );
    assert!(browser.exists("#budget-table"));
    screenshot_if_javascript(&browser, "project-funding");
}

#[test]
fn a_program_officer_records_an_agreement_its_tranche_and_transactions_with_javascript() {
    records_a_funding_agreement(JavaScript::On);
}

#[test]
fn a_program_officer_records_an_agreement_its_tranche_and_transactions_without_javascript() {
    records_a_funding_agreement(JavaScript::Off);
}
