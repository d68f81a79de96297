//! A program officer reads the demo's outcomes in the browser, with JavaScript on and off: the
//! program's page links to its outcomes, a project's tab draws both charts with their numbers
//! beside them, and the downloads answer the chart as SVG and its numbers as CSV.

use crate::support::{screenshot_if_javascript, sign_in};
use tests::{Browser, Http, JavaScript, TestServer};

fn reads_the_outcomes(javascript: JavaScript) {
    let server = TestServer::spawn_with(|cmd| {
        cmd.env("SEMBRAR_SEED_DEMO", "true");
    });
    let (email, password) = ("officer@demo.sembrar.example", "sembrar-officer-demo");
    let browser = Browser::launch(javascript);
    sign_in(&browser, &server, email, password);
    browser.goto(&server.url("/programs/1"));
    browser.wait_until_interactive();
    browser.find("#program-outcomes-link").click();
    browser.wait_for_url("the program's outcomes", |p| p == "/programs/1/outcomes");
    browser.wait_until("the charts", || browser.exists("#hectares-chart svg"));
    assert!(browser.exists("#eradication-chart svg"));

    browser.goto(&server.url("/projects/1"));
    browser.wait_until_interactive();
    browser.find("#tab-outcomes").click();
    browser.wait_for_url("the outcomes tab", |p| p == "/projects/1/outcomes");
    browser.wait_until("the charts", || browser.exists("#hectares-chart svg"));
    let period = browser.wait_for_text("#outcomes-period");
    assert!(
        period.contains("2025") || period.contains("2024"),
        "{period}"
    );
    // The numbers beside the chart, one row per quarter.
    assert!(!browser.find_all("#hectares-table tbody tr").is_empty());
    screenshot_if_javascript(&browser, "project-outcomes");
    let http = Http::signed_in(server.base_url(), email, password);
    for (link, kind) in [
        ("#hectares-svg", "image/svg+xml"),
        ("#eradication-csv", "text/csv"),
    ] {
        let href = browser.find(link).attribute("href").expect("a download");
        let file = http.get(href.trim_start_matches(server.base_url()));
        file.assert_status(200);
        assert!(file.content_type().unwrap().starts_with(kind), "{link}");
    }
}

#[test]
fn a_program_officer_reads_the_outcome_charts_and_downloads_them_with_javascript() {
    reads_the_outcomes(JavaScript::On);
}

#[test]
fn a_program_officer_reads_the_outcome_charts_and_downloads_them_without_javascript() {
    reads_the_outcomes(JavaScript::Off);
}
