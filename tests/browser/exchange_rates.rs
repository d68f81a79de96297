//! An administrator keeps the exchange rates: imports the ECB's daily file from the page,
//! reads what was stored, and converts an amount that names the rate it used — with JavaScript
//! on and off.

use crate::support::{screenshot_if_javascript, sign_in_as_admin};
use tests::{Browser, JavaScript, TestServer};

fn keeps_the_exchange_rates(javascript: JavaScript) {
    let server = TestServer::spawn();
    let browser = Browser::launch(javascript);
    sign_in_as_admin(&browser, &server);
    let path = std::env::temp_dir().join(format!(
        "sembrar-eurofxref-{}-{}.csv",
        std::process::id(),
        javascript == JavaScript::On
    ));
    std::fs::write(
        &path,
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/testdata/fx/ecb_eurofxref_daily_sample.csv"
        )),
    )
    .expect("the file written");
    browser.goto(&server.url("/donors"));
    browser.wait_until_interactive();
    browser.find("#exchange-rates-link").click();
    browser.wait_for_url("the rates page", |p| p == "/exchange-rates");
    browser.wait_until("the import form", || browser.exists("#rates-import-form"));
    browser.find("select#rates-kind").select_by_value("ecb");
    browser
        .find("#rates-file")
        .send_keys(path.to_str().expect("a path"));
    browser.find("#rates-import").click();
    // The answer to a plain upload is the page saying what was stored.
    let stored = browser.wait_for_text("#rates-imported");
    assert!(stored.contains("29"), "{stored}");
    assert!(browser.exists("#rates-table"));

    browser.goto(&server.url("/exchange-rates"));
    browser.wait_until_interactive();
    browser.find("#convert-amount").replace_text("1000");
    browser.find("select#convert-from").select_by_value("EUR");
    browser.find("select#convert-to").select_by_value("USD");
    browser.find("#convert-day").type_date("2026-04-13");
    browser.find("#convert-submit").click();
    let converted = browser.wait_for_text("#converted");
    assert!(
        converted.contains("1,168.40") && converted.contains("European Central Bank"),
        "{converted}"
    );
    screenshot_if_javascript(&browser, "exchange-rates");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn an_administrator_imports_rates_and_converts_an_amount_with_javascript() {
    keeps_the_exchange_rates(JavaScript::On);
}

#[test]
fn an_administrator_imports_rates_and_converts_an_amount_without_javascript() {
    keeps_the_exchange_rates(JavaScript::Off);
}
