//! Checks of the browser harness itself, on a page of its own (no server needed).

use tests::{Browser, JavaScript};

/// A `data:` URL for `html`, percent-encoding everything but letters and digits.
fn data_url(html: &str) -> String {
    let encoded: String = html
        .bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect();
    format!("data:text/html;charset=utf-8,{encoded}")
}

fn typed_dates_land_in_date_inputs(javascript: JavaScript) {
    let browser = Browser::launch(javascript);
    browser.goto(&data_url(
        r#"<!doctype html><html lang="en"><body>
        <input type="date" id="empty"><input type="date" id="filled" value="2024-03-03">
        <p id="script">no script ran</p>
        <script>document.getElementById('script').textContent = 'a script ran';</script>
        </body></html>"#,
    ));

    browser.find("#empty").type_date("2025-01-15");
    browser.find("#filled").type_date("2026-12-31");

    assert_eq!(browser.find("#empty").value(), "2025-01-15");
    assert_eq!(browser.find("#filled").value(), "2026-12-31");
    let expected_script_text = match javascript {
        JavaScript::On => "a script ran",
        JavaScript::Off => "no script ran",
    };
    assert_eq!(browser.find("#script").text(), expected_script_text);
}

#[test]
fn typed_dates_land_in_date_inputs_with_javascript_on() {
    typed_dates_land_in_date_inputs(JavaScript::On);
}

#[test]
fn typed_dates_land_in_date_inputs_with_javascript_off_and_scripts_stay_blocked() {
    typed_dates_land_in_date_inputs(JavaScript::Off);
}
