//! An administrator publishes a program's IATI file, in the browser with JavaScript on and off:
//! the IATI page says the organisation has no identifier yet and offers no file; the settings
//! form names a malformed identifier and keeps it; once set, the page returns with the file's
//! activities and its download, which the server answers with the file; IATI's own example
//! file uploaded there adds its project and lists what could not be mapped.

use crate::support::{screenshot_if_javascript, sign_in_as_admin};
use serde_json::json;
use tests::fixtures::{create_program, id_of};
use tests::{Browser, JavaScript, TestServer};

fn publishes_an_iati_file(javascript: JavaScript) {
    let server = TestServer::spawn();
    let admin = server.http();
    let program = create_program(&server, "Programa Caquetá", "");
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
            &json!({"code": "1.1", "description": "Plantones", "year": "2025", "amount": "80000"}),
        )
        .assert_status(201);

    let browser = Browser::launch(javascript);
    sign_in_as_admin(&browser, &server);
    browser.goto(&server.url(&format!("/programs/{program}")));
    browser.wait_until_interactive();
    browser.find("#program-iati-link").click();
    browser.wait_for_url("the IATI page", |p| p.ends_with("/iati"));
    let notes = browser.wait_for_text("#iati-notes");
    assert!(notes.contains("no IATI identifier"), "{notes}");
    assert!(!browser.exists("#iati-download"));
    assert!(
        browser
            .find("#iati-activities")
            .text()
            .contains("Cacao del Sur")
    );

    browser.find("#organisation-settings-link").click();
    browser.wait_for_url("the settings", |p| p == "/organisation");
    browser.wait_until_interactive();
    browser.wait_until("the form", || browser.exists("#organisation-form"));
    browser
        .find("#organisation-iati-identifier")
        .replace_text("XM TEST 9");
    browser.find("#organisation-submit").click();
    let summary = browser.wait_for_text("#organisation-errors");
    assert!(summary.contains("IATI"), "{summary}");
    assert_eq!(
        browser.find("#organisation-iati-identifier").value(),
        "XM TEST 9"
    );
    browser
        .find("#organisation-iati-identifier")
        .replace_text("XM-TEST-9");
    browser.find("#organisation-submit").click();
    browser.wait_for_url("back on the IATI page", |p| p.ends_with("/iati"));
    let reporting = browser.wait_for_text("#iati-reporting-org");
    assert_eq!(reporting, "XM-TEST-9");
    let identifier = browser.find("#iati-activities tbody td code").text();
    assert_eq!(identifier, format!("XM-TEST-9-SMB-P{project}"));
    let href = browser
        .find("#iati-download")
        .attribute("href")
        .expect("a download link");
    assert!(
        href.contains(&format!("/api/v1/programs/{program}/iati.xml")),
        "{href}"
    );
    screenshot_if_javascript(&browser, "program-iati");
    let path = href.trim_start_matches(server.base_url());
    let file = admin.get(path);
    file.assert_status(200);
    assert!(file.body.contains("<iati-identifier>XM-TEST-9-SMB-P"));

    // Importing IATI's own example file: a project, and what could not be mapped by line.
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/testdata/iati/iati-activity-standard-example-annotated-2.03.xml"
    );
    let example = std::fs::canonicalize(example).expect("the example file");
    browser
        .find("#iati-import-file")
        .send_keys(example.to_str().expect("a path"));
    browser
        .find("select#iati-import-crop")
        .select_by_value("opium_poppy");
    browser
        .find("select#iati-import-planned-crop")
        .select_by_value("coffee");
    browser.find("#iati-import-hectares").replace_text("25");
    browser.find("#iati-import-submit").click();
    let report = browser.wait_for_text("#iati-import-report");
    assert!(report.contains("AA-AAA-123456789-ABC123"), "{report}");
    assert!(report.contains("Created"), "{report}");
    let unmapped = browser.find("#iati-unmapped").text();
    assert!(unmapped.contains("recipient-country"), "{unmapped}");
    screenshot_if_javascript(&browser, "program-iati-import");
    let program_page = admin.get(&format!("/api/v1/programs/{program}")).json();
    assert_eq!(program_page["projects"].as_array().unwrap().len(), 2);
}

#[test]
fn an_administrator_sets_the_organisation_s_iati_identifier_and_gets_the_program_s_file_with_javascript()
 {
    publishes_an_iati_file(JavaScript::On);
}

#[test]
fn an_administrator_sets_the_organisation_s_iati_identifier_and_gets_the_program_s_file_without_javascript()
 {
    publishes_an_iati_file(JavaScript::Off);
}
