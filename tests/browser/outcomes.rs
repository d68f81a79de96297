//! A program officer reads the demo's dashboards in the browser, with JavaScript on and off: the
//! program's page links to its dashboard, a project's tab draws every chart with its numbers
//! beside it, the filter form narrows it to a municipality (its address saying so), and the
//! downloads answer the chart as SVG and PNG and its numbers as CSV for the same filter. A donor
//! viewer reads its donor's dashboard.

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
    for chart in ["eradication", "beneficiaries", "results", "map"] {
        assert!(browser.exists(&format!("#{chart}-chart svg")), "{chart}");
    }
    assert!(browser.exists("#key-figures"));

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

    // Narrowed to one municipality with the filter form.
    let municipality = browser
        .find_all("#dashboard-municipality option")
        .into_iter()
        .filter_map(|o| o.attribute("value"))
        .find(|v| !v.is_empty())
        .expect("a municipality to choose");
    browser
        .find("#dashboard-municipality")
        .select_by_value(&municipality);
    browser.find("#dashboard-apply").click();
    browser.wait_until("the filtered dashboard", || {
        browser.current_url().contains("municipality=")
            && browser
                .find_all("#outcomes-period")
                .first()
                .is_some_and(|p| p.text().contains(&municipality))
    });
    browser.wait_until("the charts", || browser.exists("#map-chart svg"));
    screenshot_if_javascript(&browser, "project-outcomes");
    let http = Http::signed_in(server.base_url(), email, password);
    for (link, kind) in [
        ("#hectares-svg", "image/svg+xml"),
        ("#map-png", "image/png"),
        ("#eradication-csv", "text/csv"),
    ] {
        let href = browser.find(link).attribute("href").expect("a download");
        assert!(href.contains("municipality="), "{link}: {href}");
        let (status, content_type, body) =
            http.get_bytes(href.trim_start_matches(server.base_url()));
        assert_eq!(status, 200, "{link}");
        assert!(content_type.starts_with(kind), "{link}: {content_type}");
        assert!(!body.is_empty(), "{link}");
    }
    // A period that ends before it starts is refused at its field, and nothing is drawn.
    let path = browser.path();
    browser.goto(&server.url(&format!("{path}?from=2025-06-01&to=2025-01-01")));
    browser.wait_until("the refused filter", || {
        browser
            .find_all("#dashboard-to-error")
            .first()
            .is_some_and(|e| !e.text().trim().is_empty())
    });
    assert!(!browser.exists("#hectares-chart"));
}

fn a_donor_viewer_reads_its_donor_s_dashboard(javascript: JavaScript) {
    let server = TestServer::spawn_with(|cmd| {
        cmd.env("SEMBRAR_SEED_DEMO", "true");
    });
    let browser = Browser::launch(javascript);
    sign_in(
        &browser,
        &server,
        "donor@demo.sembrar.example",
        "sembrar-donor-demo",
    );
    browser.goto(&server.url("/donors/1"));
    browser.wait_until_interactive();
    browser.find("#donor-dashboard-link").click();
    browser.wait_for_url("the donor's dashboard", |p| p == "/donors/1/dashboard");
    browser.wait_until("the charts", || browser.exists("#hectares-chart svg"));
    assert!(browser.exists("#map-chart svg"));
    assert!(browser.exists("#dashboard-protection"));
    // A donor's dashboard is already one donor's: it offers no donor to choose.
    assert!(!browser.exists("#dashboard-donor"));
}

#[test]
fn a_donor_viewer_reads_its_donor_s_dashboard_with_javascript() {
    a_donor_viewer_reads_its_donor_s_dashboard(JavaScript::On);
}

#[test]
fn a_donor_viewer_reads_its_donor_s_dashboard_without_javascript() {
    a_donor_viewer_reads_its_donor_s_dashboard(JavaScript::Off);
}

#[test]
fn a_program_officer_reads_filters_and_downloads_the_dashboards_with_javascript() {
    reads_the_outcomes(JavaScript::On);
}

#[test]
fn a_program_officer_reads_filters_and_downloads_the_dashboards_without_javascript() {
    reads_the_outcomes(JavaScript::Off);
}
