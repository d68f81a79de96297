//! Offline field entry over the REST API: the bundle a monitor's device keeps (its communities'
//! households, plots and agreements, without names, phones or places) and the idempotent sync of
//! the visits entered on it — each entry stored once however often it is sent, refused entries
//! answered with their reasons, entries made before the household changed answered as conflicts.

use crate::access::demo_server;
use serde_json::{Value, json};
use tests::{Http, Method};

/// The demo's first Colombian project; the demo field monitor works in its community 1.
const PROJECT: i64 = 1;
const MONITOR: (&str, &str) = ("monitor@demo.sembrar.example", "sembrar-monitor-demo");

fn household(http: &Http, community: i64, name: &str) -> (i64, i64) {
    let response = http.post_json(
        &format!("/api/v1/projects/{PROJECT}/households"),
        &json!({"community_id": community, "head_sex": "female", "head_age_band": "30_59",
            "members_female_30_59": 1, "members_male_30_59": 1, "land_tenure": "titled_owner",
            "title_holder": "woman", "enrolled_on": "2025-01-10", "name": name,
            "phone": "+57 310 555 0199"}),
    );
    response.assert_status(201);
    let id = response.json()["id"].as_i64().unwrap();
    let plot = http.post_json(
        &format!("/api/v1/households/{id}/plots"),
        &json!({"name": "La vega", "declared_hectares": "3", "longitude": -76.4321, "latitude": 0.8765}),
    );
    plot.assert_status(201);
    (id, plot.json()["id"].as_i64().unwrap())
}

fn entry(n: usize, household: i64, plot: i64, version: &str) -> Value {
    json!({
        "client_id": format!("0b1e7c52-0000-4000-8000-{n:012}"),
        "household_id": household,
        "base_version": version,
        "visit": {
            "client_id": "",
            "visited_on": format!("2025-{:02}-{:02}", 1 + n % 12, 1 + n % 28),
            "longitude": "", "latitude": "",
            "plots": [{"plot_id": plot.to_string(), "illicit_crop": "", "illicit_hectares": "",
                "licit_crop": "cocoa", "established_hectares": "1", "surviving_hectares": "0.8"}],
            "crop": "", "harvested_kg": "", "sold_kg": "", "price_per_kg": "", "currency": "COP",
            "sales_channel": "", "income": "", "note": format!("entry {n}")
        }
    })
}

fn bundle_household(bundle: &Value, id: i64) -> &Value {
    bundle["communities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["households"].as_array().unwrap())
        .find(|h| h["id"] == id)
        .unwrap_or_else(|| panic!("household {id} in the bundle {bundle}"))
}

fn visits_of(http: &Http, household: i64) -> usize {
    let response = http.get(&format!("/api/v1/households/{household}/visits"));
    response.assert_status(200);
    response.json().as_array().unwrap().len()
}

#[test]
fn a_monitor_s_device_keeps_its_communities_households_without_names_phones_or_places() {
    let server = demo_server();
    let admin = server.http();
    let (mine, plot) = household(admin, 1, "Rosa Elvira Quinchoa");
    let (elsewhere, _) = household(admin, 2, "Aurelio Mutumbajoy");
    let monitor = server.sign_in(MONITOR.0, MONITOR.1);
    let response = monitor.get("/api/v1/field/bundle");
    response.assert_status(200);
    let bundle = response.json();
    let communities = bundle["communities"].as_array().unwrap();
    assert!(
        communities.iter().all(|c| c["id"] == 1),
        "only the monitor's community: {bundle}"
    );
    let kept = bundle_household(&bundle, mine);
    assert_eq!(kept["status"], "enrolled");
    assert_eq!(kept["member_total"], 2);
    assert_eq!(kept["plots"][0]["id"], plot);
    assert_eq!(kept["plots"][0]["hectares"], "3");
    assert_eq!(kept["version"].as_str().unwrap().len(), 16);
    let text = bundle.to_string();
    for secret in [
        "Rosa Elvira",
        "Quinchoa",
        "555 0199",
        "-76.4321",
        "0.8765",
        "longitude",
    ] {
        assert!(!text.contains(secret), "{secret} left the server: {text}");
    }
    assert!(
        !text.contains(&format!("\"id\":{elsewhere},")),
        "another community's household"
    );
    // Nobody signed in: nothing.
    server
        .anonymous()
        .get("/api/v1/field/bundle")
        .assert_status(401);
}

#[test]
fn a_batch_sent_three_times_stores_each_of_its_fifty_entries_once() {
    let server = demo_server();
    let admin = server.http();
    let (first, first_plot) = household(admin, 1, "Primera");
    let (second, second_plot) = household(admin, 1, "Segunda");
    let monitor = server.sign_in(MONITOR.0, MONITOR.1);
    let bundle = monitor.get("/api/v1/field/bundle").json();
    let versions = [
        bundle_household(&bundle, first)["version"]
            .as_str()
            .unwrap()
            .to_owned(),
        bundle_household(&bundle, second)["version"]
            .as_str()
            .unwrap()
            .to_owned(),
    ];
    let entries: Vec<Value> = (0..50)
        .map(|n| {
            if n % 2 == 0 {
                entry(n, first, first_plot, &versions[0])
            } else {
                entry(n, second, second_plot, &versions[1])
            }
        })
        .collect();
    let batch = json!({ "entries": entries });
    for round in 0..3 {
        let response = monitor.post_json("/api/v1/field/sync", &batch);
        response.assert_status(200);
        let report = response.json();
        let results = report["results"].as_array().unwrap();
        assert_eq!(results.len(), 50);
        let expected = if round == 0 {
            "stored"
        } else {
            "already_stored"
        };
        assert!(
            results
                .iter()
                .all(|r| r["outcome"] == expected && r["visit_id"].is_i64()),
            "round {round}: {report}"
        );
        assert_eq!(report[expected], 50);
        assert_eq!(results[7]["client_id"], entries[7]["client_id"]);
    }
    assert_eq!(visits_of(admin, first) + visits_of(admin, second), 50);
    // Each visit stored once wrote its plot record once.
    let plot = admin.get(&format!("/api/v1/plots/{first_plot}")).json();
    assert_eq!(plot["uses"].as_array().unwrap().len(), 25);
}

#[test]
fn an_entry_made_before_its_household_changed_is_a_conflict_until_it_is_sent_knowingly() {
    let server = demo_server();
    let admin = server.http();
    let (id, plot) = household(admin, 1, "Conflicto");
    let monitor = server.sign_in(MONITOR.0, MONITOR.1);
    let before = bundle_household(&monitor.get("/api/v1/field/bundle").json(), id).clone();
    // Meanwhile, on the server: the household becomes active and its plot is re-measured.
    admin
        .post_json(
            &format!("/api/v1/households/{id}/status"),
            &json!({"status": "active", "changed_on": "2025-02-01"}),
        )
        .assert_status(200);
    admin
        .put_json(
            &format!("/api/v1/plots/{plot}"),
            &json!({"name": "La vega", "declared_hectares": "2.5", "longitude": -76.4321, "latitude": 0.8765}),
        )
        .assert_status(200);
    let offline = entry(1, id, plot, before["version"].as_str().unwrap());
    let response = monitor.post_json(
        "/api/v1/field/sync",
        &json!({ "entries": [offline.clone()] }),
    );
    response.assert_status(200);
    let result = &response.json()["results"][0];
    assert_eq!(result["outcome"], "conflict", "{result}");
    assert_eq!(result["household"]["status"], "active");
    assert_eq!(result["household"]["plots"][0]["hectares"], "2.5");
    assert_ne!(result["household"]["version"], before["version"]);
    assert_eq!(visits_of(admin, id), 0, "nothing stored over the change");
    // Sent again unchanged, it is still a conflict; sent knowingly, it is stored, once.
    let again = monitor.post_json(
        "/api/v1/field/sync",
        &json!({ "entries": [offline.clone()] }),
    );
    assert_eq!(again.json()["results"][0]["outcome"], "conflict");
    let mut kept = offline.clone();
    kept["keep_mine"] = json!(true);
    let stored = monitor.post_json("/api/v1/field/sync", &json!({ "entries": [kept] }));
    assert_eq!(stored.json()["results"][0]["outcome"], "stored");
    // Once stored, the old version no longer matters: sending it again is "already stored".
    let replay = monitor.post_json("/api/v1/field/sync", &json!({ "entries": [offline] }));
    assert_eq!(replay.json()["results"][0]["outcome"], "already_stored");
    assert_eq!(visits_of(admin, id), 1);
}

#[test]
fn refused_entries_come_back_with_their_reasons_and_the_rest_of_the_batch_is_stored() {
    let server = demo_server();
    let admin = server.http();
    let (mine, plot) = household(admin, 1, "Buena");
    let (elsewhere, other_plot) = household(admin, 2, "Ajena");
    let monitor = server.sign_in(MONITOR.0, MONITOR.1);
    let mut future = entry(1, mine, plot, "");
    future["visit"]["visited_on"] = json!("2999-01-01");
    future["visit"]["plots"][0]["surviving_hectares"] = json!("muchas");
    let mut bad_id = entry(2, mine, plot, "");
    bad_id["client_id"] = json!("x");
    let batch = json!({ "entries": [
        future,
        entry(3, elsewhere, other_plot, ""),
        bad_id,
        entry(4, mine, plot, ""),
    ]});
    let response = monitor.send(
        monitor
            .request(Method::POST, "/api/v1/field/sync")
            .header("accept-language", "es-CO,es;q=0.9")
            .json(&batch),
    );
    response.assert_status(200);
    let report = response.json();
    let results = report["results"].as_array().unwrap();
    assert_eq!(results[0]["outcome"], "rejected");
    let fields: Vec<&str> = results[0]["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"visited_on"), "{report}");
    assert!(fields.contains(&"plots[0].surviving_hectares"), "{report}");
    assert!(
        results[0]["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| "áéíóúñ".contains(c)),
        "the reasons in the language asked for: {report}"
    );
    assert_eq!(results[1]["outcome"], "rejected");
    assert_eq!(results[1]["error"]["code"], "forbidden");
    assert_eq!(results[2]["outcome"], "rejected");
    assert_eq!(results[2]["error"]["fields"][0]["field"], "client_id");
    assert_eq!(results[3]["outcome"], "stored");
    assert_eq!(
        (report["stored"].as_u64(), report["rejected"].as_u64()),
        (Some(1), Some(3))
    );
    assert_eq!(visits_of(admin, mine), 1);
    assert_eq!(visits_of(admin, elsewhere), 0);
}

#[test]
fn a_batch_of_more_than_a_hundred_entries_is_refused_whole() {
    let server = demo_server();
    let admin = server.http();
    let (id, plot) = household(admin, 1, "Grande");
    let entries: Vec<Value> = (0..101).map(|n| entry(n, id, plot, "")).collect();
    let response = admin.post_json("/api/v1/field/sync", &json!({ "entries": entries }));
    response.assert_status(422);
    assert_eq!(response.json()["error"]["fields"][0]["field"], "entries");
    assert_eq!(visits_of(admin, id), 0);
    let unreadable = admin.post_json(
        "/api/v1/field/sync",
        &json!({ "entries": [{"client_id": 5}] }),
    );
    unreadable.assert_status(400);
}

#[test]
fn the_service_worker_is_served_from_the_root_with_the_deployment_s_version() {
    let server = demo_server();
    let response = server.anonymous().get("/sw.js");
    response.assert_status(200);
    assert!(
        response
            .header("content-type")
            .unwrap_or_default()
            .contains("javascript")
    );
    assert_eq!(response.header("service-worker-allowed"), Some("/"));
    assert!(
        response
            .header("cache-control")
            .unwrap_or_default()
            .contains("no-cache")
    );
    let text = &response.body;
    assert!(
        !text.contains("__SEMBRAR_VERSION__"),
        "the version is written in"
    );
    assert!(text.contains("const VERSION = \""));
    let page = server.http().get("/field");
    page.assert_status(200);
    let html = &page.body;
    assert!(html.contains("id=\"field-app\""));
    assert!(html.contains("/offline.js"));
    // Every text the page's script shows comes translated from the server.
    let http = server.http();
    let spanish = http.send(
        http.request(Method::GET, "/field")
            .header("accept-language", "es-CO,es;q=0.9"),
    );
    for text in [
        "Entrada de campo",
        "Este dispositivo",
        "Guardar en este dispositivo",
    ] {
        assert!(spanish.body.contains(text), "{text} in the Spanish page");
    }
}
