//! The household registry in a phone-sized window, as a field monitor uses it: the households
//! tab, registering a household of its community with its members and name, and the household's
//! page, then a plot placed by the phone's GPS and what grows on it, and a monitoring visit —
//! with JavaScript on (the hydrated app) and off (plain links and form posts).

use crate::support::{monitor_on_a_phone, screenshot_if_javascript};
use tests::{Browser, JavaScript, TestServer};

fn a_field_monitor_registers_a_household_on_a_phone(javascript: JavaScript) {
    let server = TestServer::spawn_with(|cmd| {
        cmd.env("SEMBRAR_SEED_DEMO", "true");
    });
    let browser = monitor_on_a_phone(&server, javascript);
    assert!(browser.exists("#tab-households[aria-current=\"page\"]"));
    let listed = browser.find_all("table#households tbody tr").len();
    assert!(
        listed > 0,
        "the demo households of the monitor's community are listed"
    );
    browser.find("#register-household-link").click();
    browser.wait_for_url("the registration form", |path| {
        path == "/projects/1/households/new"
    });
    browser.wait_until_interactive();

    // Submitted with the head of household left out of the members: the problem is named and
    // every typed value is kept.
    browser
        .find("select#household-community-id")
        .select_by_value("1");
    browser
        .find("#household-enrolled-on")
        .type_date("2025-04-02");
    browser
        .find("select#household-head-sex")
        .select_by_value("female");
    browser
        .find("select#household-head-age-band")
        .select_by_value("30_59");
    browser
        .find("#household-members-female-under-18")
        .replace_text("2");
    browser
        .find("select#household-land-tenure")
        .select_by_value("untitled_possession");
    browser
        .find("#household-name")
        .replace_text("Aurelia Condori Ccanto");
    browser.find("#household-submit").click();
    let message = browser.wait_for_text("#household-members-female-30-59-error");
    assert!(message.contains("head of household"), "{message}");
    assert_eq!(
        browser.find("#household-name").value(),
        "Aurelia Condori Ccanto"
    );
    assert_eq!(
        browser.find("#household-members-female-under-18").value(),
        "2"
    );

    browser
        .find("#household-members-female-30-59")
        .replace_text("1");
    browser.find("#household-submit").click();
    let path = browser.wait_for_url("the household's page", |path| {
        path.starts_with("/households/") && !path.ends_with("/edit")
    });
    browser.wait_until_interactive();
    assert_eq!(
        browser.find("#household-name").text(),
        "Aurelia Condori Ccanto"
    );
    assert!(browser.find("#household-title").text().contains('-'));
    assert!(browser.find("#status-submit").is_displayed());
    if javascript == JavaScript::On {
        // Nothing is wider than the phone: the page does not scroll sideways.
        let overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth;",
            vec![],
        );
        assert!(
            overflow.as_i64().unwrap_or(1) <= 0,
            "{path} is {overflow} px wider than the phone"
        );
    }
    screenshot_if_javascript(&browser, "household-on-a-phone");
    adds_a_plot_and_records_what_grows(&browser, javascript);
}

/// On the household's page: a plot placed by the phone's GPS (typed without JavaScript), then
/// coca and cocoa recorded on it, one refused for not fitting the plot.
fn adds_a_plot_and_records_what_grows(browser: &Browser, javascript: JavaScript) {
    assert!(browser.exists("#no-plots"));
    browser.find("#add-plot-link").click();
    browser.wait_for_url("the plot form", |path| path.ends_with("/plots/new"));
    browser.wait_until_interactive();
    browser.find("#plot-name").replace_text("La quebrada");
    browser.find("#plot-declared-hectares").replace_text("1,5");
    if javascript == JavaScript::On {
        browser.set_geolocation(-76.512345, -8.187654);
        browser.find("#plot-locate").click();
        browser.wait_until("the GPS point to be filled in", || {
            browser.find("#plot-longitude").value() == "-76.512345"
        });
        assert_eq!(browser.find("#plot-latitude").value(), "-8.187654");
    } else {
        assert!(
            !browser.find("#plot-locate").is_displayed(),
            "no GPS button where it cannot work"
        );
        browser.find("#plot-longitude").replace_text("-76.512345");
        browser.find("#plot-latitude").replace_text("-8.187654");
    }
    browser.find("#plot-submit").click();
    browser.wait_for_url("the plot's page", |path| {
        path.starts_with("/plots/") && !path.ends_with("/edit")
    });
    browser.wait_until_interactive();
    assert!(browser.find("#plot-place").text().contains("-8.187654"));
    assert!(browser.exists("#plot-map svg"), "the plot on a map");

    let record = |day: &str, crop: &str, hectares: &str| {
        browser.find("#use-observed-on").type_date(day);
        browser.find("select#use-crop").select_by_value(crop);
        browser.find("#use-hectares").replace_text(hectares);
        browser
            .find("select#use-source")
            .select_by_value("field_verification");
        browser.find("#use-submit").click();
    };
    record("2025-04-02", "coca_bush", "1");
    browser.wait_until("the record to be listed", || {
        browser.exists("#plot-uses tbody tr")
    });
    browser.wait_until_interactive();
    // 1.5 ha with 5% to spare leaves 0.575 ha beside the coca.
    record("2025-04-02", "cocoa", "0,8");
    let message = browser.wait_for_text("#use-hectares-error");
    assert!(message.contains("0.575"), "{message}");
    assert_eq!(browser.find("#use-hectares").value(), "0,8");
    browser.find("#use-hectares").replace_text("0,5");
    browser.find("#use-submit").click();
    browser.wait_until("both records to be listed", || {
        browser.find_all("#plot-uses tbody tr").len() == 2
    });
    let day = browser.wait_for_text("#plot-days tbody tr");
    assert!(day.contains("Mixed"), "{day}");
    screenshot_if_javascript(browser, "plot-on-a-phone");
    records_a_monitoring_visit(browser, javascript);
}

/// Back on the household's page: a monitoring visit with the phone's GPS (typed without
/// JavaScript), what the plot holds, and a sale whose income the server works out.
fn records_a_monitoring_visit(browser: &Browser, javascript: JavaScript) {
    browser.find("#plot-household-link").click();
    browser.wait_for_url("the household's page", |path| {
        path.starts_with("/households/") && !path.contains("/plots")
    });
    browser.wait_until_interactive();
    // With JavaScript the address changes before the routed page has loaded: wait for it.
    browser.wait_until("the household's visits", || browser.exists("#no-visits"));
    browser.find("#record-visit-link").click();
    browser.wait_for_url("the visit form", |path| path.ends_with("/visits/new"));
    browser.wait_until_interactive();
    assert!(
        !browser.find("#visit-visited-on").value().is_empty(),
        "the day starts as today"
    );
    if javascript == JavaScript::On {
        browser.set_geolocation(-76.5101, -8.1902);
        browser.find("#visit-locate").click();
        browser.wait_until("the GPS point to be filled in", || {
            browser.find("#visit-latitude").value() == "-8.190200"
        });
    } else {
        browser.find("#visit-longitude").replace_text("-76.5101");
        browser.find("#visit-latitude").replace_text("-8.1902");
    }
    browser
        .find("select#visit-plots-0-licit-crop")
        .select_by_value("cocoa");
    browser
        .find("#visit-plots-0-established-hectares")
        .replace_text("0,5");
    // More surviving than established: named on the plot's own field, everything kept.
    browser
        .find("#visit-plots-0-surviving-hectares")
        .replace_text("0,6");
    browser.find("select#visit-crop").select_by_value("cocoa");
    browser.find("#visit-harvested-kg").replace_text("120");
    browser.find("#visit-sold-kg").replace_text("100");
    browser.find("#visit-price-per-kg").replace_text("9500");
    browser
        .find("select#visit-sales-channel")
        .select_by_value("cooperative");
    browser
        .find("#visit-note")
        .replace_text("Cacao injertado en buen estado");
    if javascript == JavaScript::On {
        let overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth;",
            vec![],
        );
        assert!(
            overflow.as_i64().unwrap_or(1) <= 0,
            "the visit form is {overflow} px wider than the phone"
        );
    }
    browser.find("#visit-submit").click();
    let message = browser.wait_for_text("#visit-plots-0-surviving-hectares-error");
    assert!(message.contains("0.5"), "{message}");
    assert_eq!(browser.find("#visit-sold-kg").value(), "100");
    assert_eq!(
        browser.find("#visit-note").value(),
        "Cacao injertado en buen estado"
    );
    // The answer to a plain form post is not hydrated: it is used as plain HTML.
    browser
        .find("#visit-plots-0-surviving-hectares")
        .replace_text("0,5");
    browser.find("#visit-submit").click();
    browser.wait_for_url("the household's page", |path| {
        path.starts_with("/households/") && !path.ends_with("/new")
    });
    let row = browser.wait_for_text("#household-visits tbody tr");
    // 100 kg × 9,500 pesos.
    assert!(row.contains("950,000") || row.contains("950.000"), "{row}");
    screenshot_if_javascript(browser, "visit-on-a-phone");
}

#[test]
fn a_field_monitor_registers_a_household_on_a_phone_with_javascript() {
    a_field_monitor_registers_a_household_on_a_phone(JavaScript::On);
}

#[test]
fn a_field_monitor_registers_a_household_on_a_phone_without_javascript() {
    a_field_monitor_registers_a_household_on_a_phone(JavaScript::Off);
}
