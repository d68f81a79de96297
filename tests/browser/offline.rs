//! Offline field entry in real headless Chromium. The network is switched off and on for the
//! page through the DevTools protocol (`Network.emulateNetworkConditions`), and the server is
//! stopped while the device is "offline" — the page's emulation does not reach its service
//! worker, and a stopped server is what a monitor far from any antenna meets anyway. The
//! server comes back on the same address with the same database.

use crate::support::{PHONE, sign_in};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tests::{Browser, BrowserOptions, Http, JavaScript, TempDir, TestServer};

const MONITOR: (&str, &str) = ("monitor@demo.sembrar.example", "sembrar-monitor-demo");

fn demo_server() -> TestServer {
    TestServer::spawn_with(|command| {
        command.env("SEMBRAR_SEED_DEMO", "true");
    })
}

/// A household of the monitor's community (community 1 of project 1) with one plot of 3 ha.
fn household(http: &Http) -> (i64, i64) {
    let response = http.post_json(
        "/api/v1/projects/1/households",
        &json!({"community_id": 1, "head_sex": "female", "head_age_band": "30_59",
            "members_female_30_59": 1, "land_tenure": "titled_owner", "title_holder": "woman",
            "enrolled_on": "2025-01-10"}),
    );
    response.assert_status(201);
    let id = response.json()["id"].as_i64().unwrap();
    let plot = http.post_json(
        &format!("/api/v1/households/{id}/plots"),
        &json!({"name": "La vega", "declared_hectares": "3", "longitude": -76.5, "latitude": 0.9}),
    );
    plot.assert_status(201);
    (id, plot.json()["id"].as_i64().unwrap())
}

fn phone_in(profile: &Path) -> Browser {
    let mut browser = Browser::launch_in(
        BrowserOptions::new(JavaScript::On).window_size(PHONE.0, PHONE.1),
        profile,
    );
    browser.set_wait_timeout(Duration::from_secs(60));
    browser
}

fn network(browser: &Browser, online: bool) {
    browser.devtools("Network.enable", json!({}));
    browser.devtools(
        "Network.emulateNetworkConditions",
        json!({"offline": !online, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
    );
}

/// No connection at all: the page's network off, and the server gone.
fn go_offline(browser: &Browser, server: &mut TestServer) {
    network(browser, false);
    server.stop();
}

fn block_sync(browser: &Browser, blocked: bool) {
    browser.devtools("Network.enable", json!({}));
    let urls: Vec<&str> = if blocked {
        vec!["*/api/v1/field/*"]
    } else {
        vec![]
    };
    browser.devtools("Network.setBlockedURLs", json!({ "urls": urls }));
}

fn app_data(browser: &Browser, name: &str) -> String {
    browser
        .try_find("#field-app")
        .ok()
        .and_then(|app| app.try_attribute(&format!("data-{name}")).ok().flatten())
        .unwrap_or_default()
}

/// Opens the field-entry page and waits until the app has started from what the device keeps.
fn open_field_page(browser: &Browser, server: &TestServer) {
    browser.goto(&server.url("/field"));
    browser.wait_until("the field app has started", || {
        app_data(browser, "state") == "ready"
    });
}

fn wait_for_waiting(browser: &Browser, count: usize) {
    browser.wait_until(&format!("{count} entries waiting"), || {
        app_data(browser, "waiting") == count.to_string()
    });
}

/// Opens the visit form of `household` from the list of households kept on the device.
fn open_visit_form(browser: &Browser, household: i64) {
    browser
        .find(&format!(
            "li[data-household-id='{household}'] button[data-action='new-visit']"
        ))
        .click();
}

/// A phone with a profile of its own, signed in as the demo's field monitor, on the field page.
/// The profile is dropped after the browser.
fn monitor_on_field_page(server: &TestServer) -> (TempDir, Browser) {
    let profile = TempDir::new("sembrar-phone");
    let browser = phone_in(profile.path());
    sign_in(&browser, server, MONITOR.0, MONITOR.1);
    open_field_page(&browser, server);
    (profile, browser)
}

/// Enters a visit to `household` through the form: the day, cocoa established and surviving
/// on its first plot, and a note.
fn enter_visit(browser: &Browser, household: i64, n: usize) {
    open_visit_form(browser, household);
    browser.find("#field-visited_on").type_date(&format!(
        "2025-{:02}-{:02}",
        1 + n % 12,
        1 + n % 28
    ));
    browser
        .find("#field-plots-0-licit_crop")
        .select_by_value("cocoa");
    browser
        .find("#field-plots-0-established_hectares")
        .send_keys("1");
    browser
        .find("#field-plots-0-surviving_hectares")
        .send_keys("0.8");
    browser
        .find("#field-note")
        .send_keys(&format!("offline visit {n}"));
    browser.find("button[data-action='save']").click();
    browser.wait_until("the form closed after saving", || {
        !browser.exists("#field-visited_on")
    });
}

fn visits_of(http: &Http, household: i64) -> Vec<Value> {
    let response = http.get(&format!("/api/v1/households/{household}/visits"));
    response.assert_status(200);
    response.json().as_array().unwrap().clone()
}

/// Signs in again when the session did not survive, and comes back to the field page.
fn signed_in_on_field_page(browser: &Browser, server: &TestServer) {
    open_field_page(browser, server);
    if browser.exists("a[href='/login?next=%2Ffield']") || browser.path().starts_with("/login") {
        sign_in(browser, server, MONITOR.0, MONITOR.1);
        open_field_page(browser, server);
    }
}

#[test]
fn fifty_visits_entered_offline_survive_closing_the_browser_and_arrive_exactly_once() {
    let mut server = demo_server();
    let households = [household(server.http()), household(server.http())];
    let profile = TempDir::new("sembrar-phone");

    {
        let browser = phone_in(profile.path());
        sign_in(&browser, &server, MONITOR.0, MONITOR.1);
        // The monitor reaches the page from the menu.
        browser.goto(&server.url("/"));
        browser.find("#nav-field").click();
        browser.wait_until("the field app has started", || {
            app_data(&browser, "state") == "ready"
        });
        browser.wait_until("the page is kept for offline use", || {
            app_data(&browser, "offline-ready") == "true"
        });
        for (id, _) in &households {
            browser.find(&format!("li[data-household-id='{id}']"));
        }

        network(&browser, false);
        server.stop();
        browser.wait_until("the page says it is offline", || {
            app_data(&browser, "online") == "false"
        });
        for n in 0..50 {
            enter_visit(&browser, households[n % 2].0, n);
        }
        wait_for_waiting(&browser, 50);
        assert_eq!(browser.find_all("li[data-state='waiting']").len(), 50);
        browser.screenshot("offline-field-entry-50-waiting");
        // With no connection at all the page still opens, from the device.
        browser.refresh();
        browser.wait_until("the field app has started again", || {
            app_data(&browser, "state") == "ready"
        });
        wait_for_waiting(&browser, 50);
        assert!(
            browser
                .find("[data-field='connection']")
                .text()
                .contains("Offline")
        );
    }

    // The browser was closed. Opened again, still offline: the 50 entries are there.
    let browser = phone_in(profile.path());
    network(&browser, false);
    open_field_page(&browser, &server);
    wait_for_waiting(&browser, 50);
    assert_eq!(browser.find_all("li[data-state='waiting']").len(), 50);
    server.start_again(|_| {});
    let waited: usize = households
        .iter()
        .map(|(id, _)| visits_of(server.http(), *id).len())
        .sum();
    assert_eq!(waited, 0, "nothing arrived while offline");

    network(&browser, true);
    signed_in_on_field_page(&browser, &server);
    browser.find("button[data-action='send-now']").click();
    wait_for_waiting(&browser, 0);
    assert_eq!(browser.find_all("li[data-state='sent']").len(), 50);
    assert_ne!(
        browser.find("[data-field='last-sync']").text(),
        "Never",
        "the page says when the last sync happened"
    );
    let admin = server.http();
    let arrived: Vec<Value> = households
        .iter()
        .flat_map(|(id, _)| visits_of(admin, *id))
        .collect();
    assert_eq!(arrived.len(), 50, "every entry arrived once");
    let mut notes: Vec<String> = arrived
        .iter()
        .map(|v| v["note"].as_str().unwrap_or_default().to_owned())
        .collect();
    notes.sort();
    notes.dedup();
    assert_eq!(notes.len(), 50, "fifty different visits");

    // The same batch sent three more times from the device stores nothing again.
    let outcomes = browser.execute_async_script(
        r#"const done = arguments[arguments.length - 1];
        (async () => {
          const db = await new Promise((ok, ko) => { const r = indexedDB.open("sembrar-field"); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
          const entries = await new Promise((ok) => { const r = db.transaction("entries").objectStore("entries").getAll(); r.onsuccess = () => ok(r.result); });
          const batch = { entries: entries.map((e) => ({ client_id: e.client_id, household_id: e.household_id, base_version: e.base_version, keep_mine: false, visit: e.visit })) };
          const seen = [];
          for (let i = 0; i < 3; i++) {
            const response = await fetch("/api/v1/field/sync", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(batch) });
            const report = await response.json();
            seen.push([response.status, report.already_stored, report.stored]);
          }
          done(seen);
        })().catch((e) => done(String(e)));"#,
        vec![],
    );
    assert_eq!(outcomes, json!([[200, 50, 0], [200, 50, 0], [200, 50, 0]]));
    let again: usize = households
        .iter()
        .map(|(id, _)| visits_of(admin, *id).len())
        .sum();
    assert_eq!(again, 50);
}

#[test]
fn a_visit_entered_offline_after_its_household_changed_on_the_server_is_shown_as_a_conflict() {
    let mut server = demo_server();
    let (id, _) = household(server.http());
    let (_profile, browser) = monitor_on_field_page(&server);
    browser.wait_until("the page is kept for offline use", || {
        app_data(&browser, "offline-ready") == "true"
    });

    go_offline(&browser, &mut server);
    enter_visit(&browser, id, 3);
    wait_for_waiting(&browser, 1);

    // Meanwhile an officer records that the household became active.
    server.start_again(|_| {});
    server
        .http()
        .post_json(
            &format!("/api/v1/households/{id}/status"),
            &json!({"status": "active", "changed_on": "2025-02-01"}),
        )
        .assert_status(200);

    network(&browser, true);
    browser.find("button[data-action='send-now']").click();
    let conflict = browser.find("li[data-state='conflict']");
    assert_eq!(
        browser.execute_script("return document.body.dataset.hydrated ?? null;", vec![]),
        json!("true"),
        "the page's WebAssembly took over beside the field app"
    );
    conflict.find("button[data-action='send-as-is']");
    browser.screenshot("offline-field-entry-conflict");
    let text = conflict.text();
    assert!(text.contains("changed"), "{text}");
    assert!(
        text.contains("Enrolled → Active"),
        "what changed is shown: {text}"
    );
    assert!(
        visits_of(server.http(), id).is_empty(),
        "nothing stored over the change"
    );
    assert_eq!(app_data(&browser, "waiting"), "1", "the entry still waits");

    // The monitor checks and sends it as it is.
    conflict.find("button[data-action='send-as-is']").click();
    wait_for_waiting(&browser, 0);
    let stored = visits_of(server.http(), id);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["note"], "offline visit 3");
}

/// The site folder the test server serves (`site` beside the binary), copied so that a test can
/// deploy a changed version of it.
fn copy_site(to: &Path) -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for item in std::fs::read_dir(from).unwrap() {
            let item = item.unwrap();
            let target = to.join(item.file_name());
            if item.file_type().unwrap().is_dir() {
                copy(&item.path(), &target);
            } else {
                std::fs::copy(item.path(), &target).unwrap();
            }
        }
    }
    let site = tests::server_binary().parent().unwrap().join("site");
    let copied = to.join("site");
    copy(&site, &copied);
    copied
}

#[test]
fn a_new_service_worker_deployed_while_entries_wait_still_opens_the_forms_offline_and_sends_them_all()
 {
    let mut server = demo_server();
    let (id, _) = household(server.http());
    let (_profile, browser) = monitor_on_field_page(&server);
    browser.wait_until("the first worker reports its version", || {
        !app_data(&browser, "sw-version").is_empty()
    });
    let first = app_data(&browser, "sw-version");

    go_offline(&browser, &mut server);
    for n in 0..3 {
        enter_visit(&browser, id, n);
    }
    wait_for_waiting(&browser, 3);

    // A new version is deployed (its stylesheet changed, so its worker is new). The page stays
    // offline and its sends blocked while the browser fetches the new worker.
    let deployment = TempDir::new("sembrar-deploy");
    let site = copy_site(deployment.path());
    let css = site.join("pkg").join("sembrar.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n/* version 2 */\n");
    std::fs::write(&css, text).unwrap();
    // Its compressed copy, made by `scripts/build-site.sh`, goes with it (served when present).
    let _ = std::fs::remove_file(site.join("pkg").join("sembrar.css.gz"));
    server.start_again(|command| {
        command.env("SEMBRAR_SITE_ROOT", &site);
    });
    let second = server.anonymous().get("/sw.js").body;
    assert!(!second.contains(&first), "the deployment has a new worker");
    block_sync(&browser, true);
    open_field_page(&browser, &server);
    browser.wait_until("the new worker took over", || {
        let version = app_data(&browser, "sw-version");
        !version.is_empty() && version != first
    });
    wait_for_waiting(&browser, 3);

    // Offline again, with the new worker: the page and its form open, the entries are there.
    server.stop();
    open_field_page(&browser, &server);
    wait_for_waiting(&browser, 3);
    assert_eq!(browser.find_all("li[data-state='waiting']").len(), 3);
    open_visit_form(&browser, id);
    browser.find("#field-visited_on");
    browser.find("button[data-action='cancel']").click();

    server.start_again(|command| {
        command.env("SEMBRAR_SITE_ROOT", &site);
    });
    block_sync(&browser, false);
    network(&browser, true);
    browser.find("button[data-action='send-now']").click();
    wait_for_waiting(&browser, 0);
    assert_eq!(
        visits_of(server.http(), id).len(),
        3,
        "every entry arrived, once"
    );
}

#[test]
fn signing_out_with_entries_waiting_warns_first_and_keeps_them() {
    let mut server = demo_server();
    let (id, _) = household(server.http());
    let (_profile, browser) = monitor_on_field_page(&server);
    go_offline(&browser, &mut server);
    enter_visit(&browser, id, 1);
    wait_for_waiting(&browser, 1);
    server.start_again(|_| {});
    block_sync(&browser, true);
    network(&browser, true);

    // Sign out: the browser asks first; dismissed, nothing happens.
    browser.find("#sign-out").click();
    let warning = browser.wait_for("the warning", || browser.alert_text());
    assert!(warning.contains("not sent yet: 1."), "{warning}");
    browser.dismiss_alert();
    assert!(browser.exists("#account-menu"), "still signed in");
    // Accepted: signed out, and the entry is still on the device.
    browser.find("#sign-out").click();
    browser.wait_for("the warning again", || browser.alert_text());
    browser.accept_alert();
    browser.wait_for_url("the sign-in page", |url| url.contains("/login"));
    block_sync(&browser, false);
    sign_in(&browser, &server, MONITOR.0, MONITOR.1);
    open_field_page(&browser, &server);
    wait_for_waiting(&browser, 0);
    assert_eq!(
        visits_of(server.http(), id).len(),
        1,
        "sent after signing in again"
    );
}

#[test]
fn without_javascript_the_field_page_says_where_to_record_visits() {
    let server = demo_server();
    let browser = Browser::launch(JavaScript::Off);
    sign_in(&browser, &server, MONITOR.0, MONITOR.1);
    browser.goto(&server.url("/field"));
    let notice = browser.find("#field-noscript");
    assert!(notice.is_displayed());
    assert!(notice.text().contains("JavaScript"));
    assert!(browser.exists("#field-noscript a[href='/projects']"));
}

#[test]
fn an_entry_the_server_refuses_stays_on_the_device_with_its_reasons_until_it_is_corrected() {
    let server = demo_server();
    let (id, _) = household(server.http());
    let (_profile, browser) = monitor_on_field_page(&server);

    // 5 ha of coca on a plot of 3 ha: the device cannot tell, the server can.
    open_visit_form(&browser, id);
    browser.find("#field-visited_on").type_date("2025-05-20");
    browser
        .find("#field-plots-0-illicit_crop")
        .select_by_value("coca_bush");
    browser
        .find("#field-plots-0-illicit_hectares")
        .send_keys("5");
    browser.find("button[data-action='save']").click();
    let refused = browser.find("li[data-state='rejected']");
    assert!(
        refused.text().contains("Plot 1"),
        "the reason names the field: {}",
        refused.text()
    );
    assert_eq!(app_data(&browser, "waiting"), "1", "it stays on the device");
    assert!(visits_of(server.http(), id).is_empty());

    // Corrected in the form, which shows the reason beside the field, it is sent.
    refused.find("button[data-action='correct']").click();
    let field = browser.find("#field-plots-0-illicit_hectares");
    assert_eq!(field.attribute("aria-invalid").as_deref(), Some("true"));
    assert!(
        browser
            .find("#field-plots-0-illicit_hectares-error")
            .is_displayed()
    );
    field.replace_text("1.5");
    browser.find("button[data-action='save']").click();
    wait_for_waiting(&browser, 0);
    let stored = visits_of(server.http(), id);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["plots"][0]["illicit_hectares"], "1.5");
}

#[test]
fn a_visit_being_typed_is_kept_on_the_device_when_the_page_closes_before_it_is_saved() {
    let server = demo_server();
    let (id, _) = household(server.http());
    let (_profile, browser) = monitor_on_field_page(&server);
    open_visit_form(&browser, id);
    browser
        .find("#field-note")
        .send_keys("Half typed when the phone locked");
    browser
        .find("#field-plots-0-licit_crop")
        .select_by_value("coffee");
    // The page closes (here: reloads) before "Save on this device".
    std::thread::sleep(Duration::from_millis(800));
    open_field_page(&browser, &server);
    browser.find("button[data-action='continue-draft']").click();
    assert_eq!(
        browser.find("#field-note").value(),
        "Half typed when the phone locked"
    );
    assert_eq!(browser.find("#field-plots-0-licit_crop").value(), "coffee");
    browser
        .find("#field-plots-0-established_hectares")
        .send_keys("1");
    browser
        .find("#field-plots-0-surviving_hectares")
        .send_keys("1");
    browser.find("button[data-action='save']").click();
    browser.find("li[data-state='sent']");
    wait_for_waiting(&browser, 0);
    assert!(
        !browser.exists("button[data-action='continue-draft']"),
        "saved, the draft is gone"
    );
    let stored = visits_of(server.http(), id);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["note"], "Half typed when the phone locked");
}

#[test]
fn a_copy_of_the_waiting_entries_saved_to_a_file_brings_them_back_on_another_device_sent_once() {
    let mut server = demo_server();
    let (id, _) = household(server.http());
    let (_profile, browser) = monitor_on_field_page(&server);
    go_offline(&browser, &mut server);
    enter_visit(&browser, id, 1);
    enter_visit(&browser, id, 2);
    wait_for_waiting(&browser, 2);

    // The monitor saves a copy before the browser's data could be cleared.
    let downloads = TempDir::new("sembrar-downloads");
    browser.devtools(
        "Browser.setDownloadBehavior",
        json!({"behavior": "allow", "downloadPath": downloads.path().display().to_string()}),
    );
    browser.find("button[data-action='export']").click();
    let link = browser.find("[data-field='copy-link']");
    assert!(link.text().contains('2'), "{}", link.text());
    link.click();
    let file = browser.wait_for("the copy downloaded", || {
        std::fs::read_dir(downloads.path())
            .ok()?
            .filter_map(Result::ok)
            .map(|f| f.path())
            .find(|p| p.extension().is_some_and(|e| e == "json"))
    });
    let copy: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(copy["format"], "sembrar-field-entries");
    assert_eq!(copy["entries"].as_array().unwrap().len(), 2);

    // On another phone (or after the browser's data was cleared) the copy is loaded and sent.
    server.start_again(|_| {});
    let (_other_profile, other) = monitor_on_field_page(&server);
    let path = file.display().to_string();
    other.find("#field-import").send_keys(&path);
    other.wait_until("both loaded entries were sent", || {
        other.find_all("li[data-state='sent']").len() == 2
    });
    wait_for_waiting(&other, 0);
    assert_eq!(visits_of(server.http(), id).len(), 2);
    // Loaded again, nothing is sent twice; the first phone's own entries arrive as stored.
    other.find("#field-import").send_keys(&path);
    other.wait_until("the second load says the entries were there", || {
        other
            .try_find("#field-app")
            .and_then(|app| app.try_text())
            .is_ok_and(|text| text.contains("already on this device: 2"))
    });
    network(&browser, true);
    browser.find("button[data-action='send-now']").click();
    wait_for_waiting(&browser, 0);
    assert_eq!(visits_of(server.http(), id).len(), 2, "each visit once");
}
