//! A field monitor imports visits collected with KoboToolbox in a phone-sized window: uploads
//! the XLSX export, checks the columns the page suggests, starts the import, follows its
//! progress and reads which row was not imported and why — with JavaScript on and off.

use crate::support::{monitor_on_a_phone, screenshot_if_javascript};
use serde_json::Value;
use tests::{JavaScript, TestServer};

fn strings(row: &[&str]) -> Vec<String> {
    row.iter().map(|c| (*c).to_owned()).collect()
}

fn a_field_monitor_imports_a_kobo_export(javascript: JavaScript) {
    let server = TestServer::spawn_with(|cmd| {
        cmd.env("SEMBRAR_SEED_DEMO", "true");
    });
    // A household of the monitor's community (1) and one of its plots, as the export names them.
    let admin = server.http();
    let registry: Value = admin
        .get("/api/v1/projects/1/households?community=1")
        .assert_status(200)
        .json();
    let household = registry["households"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["status"] != "withdrawn")
        .expect("a demo household taking part")
        .clone();
    let code = household["code"].as_str().unwrap().to_owned();
    let plots: Value = admin
        .get(&format!("/api/v1/households/{}/plots", household["id"]))
        .json();
    let plot = plots[0]["name"].as_str().expect("a demo plot").to_owned();
    let day = yesterday();
    let file = tests::xlsx::workbook(&[
        (
            "Visita de monitoreo",
            vec![
                strings(&[
                    "grp_hogar/household_code",
                    "grp_hogar/fecha",
                    "grp_cosecha/cultivo",
                    "grp_cosecha/harvested_kg",
                    "grp_cosecha/sold_kg",
                    "grp_cosecha/precio",
                    "grp_cosecha/moneda",
                    "grp_cosecha/canal",
                    "_uuid",
                    "_index",
                ]),
                strings(&[
                    &code,
                    &day,
                    "Cacao",
                    "300",
                    "280",
                    "9100",
                    "COP",
                    "Cooperativa",
                    "1c6f3a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
                    "1",
                ]),
                // A harvest sold without a price: refused, with its line.
                strings(&[
                    &code,
                    &day,
                    "Cacao",
                    "100",
                    "90",
                    "",
                    "COP",
                    "Cooperativa",
                    "2d7a4b3f-6c8e-4f90-8b1c-2d3e4f5a6b7c",
                    "2",
                ]),
            ],
        ),
        (
            "grp_predios",
            vec![
                strings(&[
                    "plot_name",
                    "illicit_crop",
                    "illicit_hectares",
                    "licit_crop",
                    "established_hectares",
                    "surviving_hectares",
                    "_parent_index",
                ]),
                strings(&[&plot, "", "0", "Cacao", "1", "0.9", "1"]),
            ],
        ),
    ]);
    let path = std::env::temp_dir().join(format!(
        "sembrar-kobo-{}-{}.xlsx",
        std::process::id(),
        javascript == JavaScript::On
    ));
    std::fs::write(&path, file).expect("the export written");

    let browser = monitor_on_a_phone(&server, javascript);
    browser.find("#project-imports-link").click();
    browser.wait_for_url("the imports page", |p| p == "/projects/1/imports");
    browser.find("#import-upload-form").is_displayed();
    browser
        .find("#import-file")
        .send_keys(path.to_str().expect("a path"));
    browser.find("#import-upload").click();
    browser.wait_for_url("the import's page", |p| {
        p.starts_with("/projects/1/imports/")
    });
    // The columns are suggested from their headings.
    browser.wait_until("the mapping form", || {
        browser.exists("#import-mapping-form")
    });
    assert_eq!(
        browser.find("select#import-map-household-code").value(),
        "grp_hogar/household_code"
    );
    assert_eq!(
        browser.find("select#import-plot-sheet").value(),
        "grp_predios"
    );
    screenshot_if_javascript(&browser, "import-mapping");
    browser.find("#import-start").click();
    browser.wait_until("the import to finish", || {
        browser.exists("#import-status[data-status=\"done\"]")
    });
    assert_eq!(browser.find("#import-imported").text(), "1");
    let issues = browser.texts_of("#import-issues tbody tr");
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(issues[0].contains("grp_cosecha/precio"), "{issues:?}");
    assert!(issues[0].starts_with("Visita de monitoreo"), "{issues:?}");
    screenshot_if_javascript(&browser, "import-done");
    let _ = std::fs::remove_file(&path);
}

/// Yesterday as `YYYY-MM-DD` (a visit may not be in the future), from the system clock.
fn yesterday() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
        - 86_400;
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    format!("{:04}-{m:02}-{d:02}", if m <= 2 { y + 1 } else { y })
}

#[test]
fn a_field_monitor_imports_a_kobo_export_on_a_phone_with_javascript() {
    a_field_monitor_imports_a_kobo_export(JavaScript::On);
}

#[test]
fn a_field_monitor_imports_a_kobo_export_on_a_phone_without_javascript() {
    a_field_monitor_imports_a_kobo_export(JavaScript::Off);
}
