//! Switching the interface to Spanish with the header's language link, and the choice being remembered.

use tests::{Browser, JavaScript, TestServer, fixtures, id_after};

use crate::support::screenshot_if_javascript;

const PROGRAM_NAME: &str = "Cacao del Pacífico";

fn wait_for_lang(browser: &Browser, lang: &str) {
    browser.wait_until(&format!("<html lang=\"{lang}\">"), || {
        browser.html_lang().as_deref() == Some(lang)
    });
}

fn the_spanish_link_switches_the_language_and_it_is_remembered(javascript: JavaScript) {
    let server = TestServer::spawn();
    let program_id = fixtures::create_program(&server, PROGRAM_NAME, "");
    let browser = Browser::launch(javascript);
    crate::support::sign_in_as_admin(&browser, &server);
    browser.goto(&server.url("/"));
    browser.wait_until_interactive();
    assert_eq!(
        browser.html_lang().as_deref(),
        Some("en"),
        "an en-US browser gets English first"
    );

    browser.find("a[hreflang=\"es\"]").click();
    wait_for_lang(&browser, "es");
    browser.wait_until_interactive();

    browser.refresh();
    browser.wait_until_interactive();
    wait_for_lang(&browser, "es");

    let link = browser.wait_for("the program's link", || {
        browser
            .find_all("ul#program-list li a")
            .into_iter()
            .find(|link| {
                link.try_text()
                    .is_ok_and(|text| text.trim() == PROGRAM_NAME)
            })
    });
    link.click();
    browser.wait_for_url("the program's page", |path| {
        id_after(path, "/programs/") == Some(&*program_id)
    });
    wait_for_lang(&browser, "es");
    screenshot_if_javascript(&browser, "spanish-program-page");

    browser.find("a[hreflang=\"en\"]").click();
    wait_for_lang(&browser, "en");
}

#[test]
fn the_spanish_link_switches_the_page_to_spanish_and_a_reload_keeps_it_with_javascript() {
    the_spanish_link_switches_the_language_and_it_is_remembered(JavaScript::On);
}

#[test]
fn the_spanish_link_switches_the_page_to_spanish_and_a_reload_keeps_it_without_javascript() {
    the_spanish_link_switches_the_language_and_it_is_remembered(JavaScript::Off);
}
