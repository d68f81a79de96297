//! A program officer's month ends with a donor report, in the browser with JavaScript on and
//! off: the new-report form names a missing title and keeps what was typed; the report opens
//! with its cover, summary and funding statement; the narratives typed are saved and shown in
//! it; the browser prints the print-ready page to PDF and the server's own PDF download reads
//! the same title and narrative; once issued, the report can no longer be written.

use crate::support::{screenshot_if_javascript, sign_in_as_admin};
use serde_json::json;
use tests::fixtures::{create_program, id_of};
use tests::{Browser, JavaScript, TestServer};

fn writes_and_issues_a_donor_report(javascript: JavaScript) {
    let server = TestServer::spawn();
    let admin = server.http();
    let program = create_program(&server, "Programa Guaviare", "");
    let donor = admin.post_json(
        "/api/v1/donors",
        &json!({"name": "Fondo Europeo", "organisation_type": "multilateral"}),
    );
    donor.assert_status(201);
    let donor = id_of(&donor.json());
    let project = admin.post_json(
        &format!("/api/v1/programs/{program}/projects"),
        &json!({"name": "Cacao del Guaviare", "kind": "ad", "country": "CO", "currency": "USD",
            "start_date": "2025-01-01", "end_date": "2027-12-31", "donors": [donor],
            "illicit_crops": ["coca_bush"], "planned_crops": [{"crop": "cocoa", "hectares": "10"}]}),
    );
    project.assert_status(201);
    let project = id_of(&project.json());
    let community = admin.post_json(
        &format!("/api/v1/projects/{project}/communities"),
        &json!({"name": "Charras", "municipality": "San José del Guaviare"}),
    );
    community.assert_status(201);
    let community = community.json()["id"].as_i64().unwrap();
    for _ in 0..6 {
        admin
            .post_json(
                &format!("/api/v1/projects/{project}/households"),
                &json!({"community_id": community, "head_sex": "female", "head_age_band": "30_59",
                    "members_female_30_59": 1, "members_male_under_18": 1,
                    "land_tenure": "untitled_possession", "enrolled_on": "2025-02-01"}),
            )
            .assert_status(201);
    }
    let agreement = admin.post_json(
        "/api/v1/funding-agreements",
        &json!({"donor_id": donor, "program_id": program, "title": "Cacao y bosque",
            "amount": "250000", "currency": "USD", "start_date": "2025-01-01", "end_date": "2027-12-31"}),
    );
    agreement.assert_status(201);

    let browser = Browser::launch(javascript);
    sign_in_as_admin(&browser, &server);
    browser.goto(&server.url("/"));
    browser.wait_until_interactive();
    browser.find("#nav-reports").click();
    browser.wait_for_url("the reports", |p| p == "/reports");
    browser.wait_until_interactive();
    assert!(
        browser
            .wait_for_text("#reports-none")
            .contains("No donor report")
    );
    browser.find("#new-report").click();
    browser.wait_for_url("the new report", |p| p == "/reports/new");
    browser.wait_until_interactive();
    browser.wait_until("the form", || browser.exists("#report-form"));
    browser
        .find("select#report-donor-id")
        .select_by_value(&donor.to_string());
    browser.find("#report-period-start").type_date("2025-01-01");
    browser.find("#report-period-end").type_date("2025-12-31");
    browser.find("#report-submit").click();
    let summary = browser.wait_for_text("#report-errors");
    assert!(summary.contains("Title"), "{summary}");
    assert_eq!(browser.find("#report-period-end").value(), "2025-12-31");
    browser
        .find("#report-title")
        .replace_text("Annual report 2025");
    browser.find("#report-submit").click();
    browser.wait_for_url("the report", |p| {
        p.starts_with("/reports/") && p != "/reports/new"
    });
    let path = browser.path();
    browser.wait_until_interactive();
    let body = browser.wait_for_text("#report-body");
    assert!(body.to_lowercase().contains("donor report"), "{body}");
    for wanted in [
        "Annual report 2025",
        "Fondo Europeo",
        "Cacao del Guaviare",
        "Households taking part",
        "Cacao y bosque",
        "Protection of the people counted",
    ] {
        assert!(body.contains(wanted), "the report lacks {wanted}: {body}");
    }

    browser
        .find("#narrative-progress")
        .send_keys("Cocoa nurseries took in Charras.");
    browser.find("#narratives-submit").click();
    browser.wait_until("the narratives saved", || {
        browser.exists("#narratives-saved")
    });
    assert!(
        browser
            .find("#report-body")
            .text()
            .contains("Cocoa nurseries took in Charras.")
    );
    screenshot_if_javascript(&browser, "donor-report");

    // The browser prints the print-ready page; the server writes its own PDF.
    let id = path.trim_start_matches("/reports/").to_owned();
    browser.goto(&server.url(&format!("/api/v1/reports/{id}/report.html")));
    assert!(
        browser.path().ends_with("/report.html"),
        "the print-ready page opens"
    );
    assert_eq!(browser.title(), "Annual report 2025");
    let printed = tests::pdf_text(&browser.print_pdf());
    assert!(printed.contains("Annual report 2025"), "{printed}");
    assert!(
        printed.contains("Cocoa nurseries took in Charras."),
        "{printed}"
    );
    browser.back();
    browser.wait_until_interactive();
    let href = browser
        .find("#report-pdf")
        .attribute("href")
        .expect("a PDF link");
    let (status, kind, pdf) = admin.get_bytes(href.trim_start_matches(server.base_url()));
    assert_eq!((status, kind.as_str()), (200, "application/pdf"));
    let text = tests::pdf_text(&pdf);
    assert!(text.contains("Annual report 2025"), "{text}");
    assert!(text.contains("Cocoa nurseries took in Charras."), "{text}");

    browser.find("#issue-submit").click();
    browser.wait_until("the report issued", || {
        browser
            .try_find("#report-status")
            .ok()
            .and_then(|e| e.try_text().ok())
            .is_some_and(|t| t.contains("was issued"))
    });
    assert!(!browser.exists("#narratives-form"));
    assert!(browser.find("#report-body").text().contains("Issued on"));
}

#[test]
fn a_program_officer_writes_a_donor_report_prints_it_and_issues_it_with_javascript() {
    writes_and_issues_a_donor_report(JavaScript::On);
}

#[test]
fn a_program_officer_writes_a_donor_report_prints_it_and_issues_it_without_javascript() {
    writes_and_issues_a_donor_report(JavaScript::Off);
}
