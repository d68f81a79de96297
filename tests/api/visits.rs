//! Monitoring visits over the REST API and the plain form post: what each plot visited holds,
//! written into the plots' history; harvest, sales and income; the same device entry stored
//! once however often it is sent; GPS positions only where personal data may be seen.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};
use tests::{Http, pairs};

/// The demo's Tocache project in Colombia (communities 1–3; the field monitor works in 1).
const PROJECT_1: i64 = 1;

fn household_with_plots(http: &Http, community: i64) -> (i64, Vec<i64>) {
    let response = http.post_json(
        &format!("/api/v1/projects/{PROJECT_1}/households"),
        &json!({"community_id": community, "head_sex": "female", "head_age_band": "30_59",
            "members_female_30_59": 1, "land_tenure": "titled_owner", "title_holder": "woman",
            "enrolled_on": "2025-01-10"}),
    );
    response.assert_status(201);
    let household = response.json()["id"].as_i64().unwrap();
    let plots = ["La quebrada", "El bajo"]
        .iter()
        .map(|name| {
            let response = http.post_json(
                &format!("/api/v1/households/{household}/plots"),
                &json!({"name": name, "declared_hectares": "2", "longitude": -76.5, "latitude": -8.2}),
            );
            response.assert_status(201);
            response.json()["id"].as_i64().unwrap()
        })
        .collect();
    (household, plots)
}

fn visit(plot: i64, client_id: &str) -> Value {
    json!({
        "client_id": client_id,
        "visited_on": "2025-06-03",
        "longitude": "-76.512345",
        "latitude": -8.187654,
        "plots": [
            {"plot_id": plot, "illicit_crop": "coca_bush", "illicit_hectares": "0,25",
             "licit_crop": "cocoa", "established_hectares": "1.5", "surviving_hectares": "1.2"}
        ],
        "crop": "cocoa", "harvested_kg": "420", "sold_kg": 400, "price_per_kg": "8950",
        "currency": "COP", "sales_channel": "cooperative",
        "note": "Grafted seedlings doing well"
    })
}

#[test]
fn a_visit_writes_what_each_plot_holds_into_its_history_with_the_harvest_and_the_sale() {
    let server = demo_server();
    let admin = server.http();
    let (household, plots) = household_with_plots(admin, 1);
    let response = admin.post_json(
        &format!("/api/v1/households/{household}/visits"),
        &visit(plots[0], "0f4c5d6e-7a8b-4c9d-8e0f-1a2b3c4d5e6f"),
    );
    response.assert_status(201);
    let stored = response.json();
    assert_eq!(stored["location"], json!([-76.512345, -8.187654]));
    assert_eq!(stored["plots"][0]["surviving_hectares"], "1.2");
    // 400 kg × 8,950 pesos = 3,580,000.00 pesos.
    assert_eq!(stored["production"]["income"], "3580000.00");
    assert_eq!(stored["production"]["sales_channel"], "cooperative");
    let plot = admin.get(&format!("/api/v1/plots/{}", plots[0])).json();
    let day = &plot["days"][0];
    assert_eq!(day["observed_on"], "2025-06-03");
    assert_eq!(day["illicit_hectares"], "0.25");
    assert_eq!(day["licit_hectares"], "1.2");
    assert_eq!(day["status"], "mixed");
    assert_eq!(plot["uses"][0]["source"], "field_verification");
    let untouched = admin.get(&format!("/api/v1/plots/{}", plots[1])).json();
    assert_eq!(
        untouched["uses"],
        json!([]),
        "a plot not visited gets no record"
    );
    let listed = admin
        .get(&format!("/api/v1/households/{household}/visits"))
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let id = stored["id"].as_i64().unwrap();
    admin
        .get(&format!("/api/v1/visits/{id}"))
        .assert_status(200);
}

#[test]
fn the_same_entry_sent_three_times_is_stored_once() {
    let server = demo_server();
    let admin = server.http();
    let (household, plots) = household_with_plots(admin, 1);
    let body = visit(plots[0], "entry-7f3a9c21-0001");
    let path = format!("/api/v1/households/{household}/visits");
    let first = admin.post_json(&path, &body);
    first.assert_status(201);
    for _ in 0..2 {
        let again = admin.post_json(&path, &body);
        again.assert_status(200);
        assert_eq!(again.json()["id"], first.json()["id"]);
    }
    let visits = admin.get(&path).json();
    assert_eq!(visits.as_array().unwrap().len(), 1);
    let plot = admin.get(&format!("/api/v1/plots/{}", plots[0])).json();
    assert_eq!(
        plot["uses"].as_array().unwrap().len(),
        2,
        "coca and cocoa, once"
    );
    // The same entry id for another household is refused.
    let (other, other_plots) = household_with_plots(admin, 1);
    let misplaced = admin.post_json(
        &format!("/api/v1/households/{other}/visits"),
        &visit(other_plots[0], "entry-7f3a9c21-0001"),
    );
    misplaced.assert_status(422);
    assert_eq!(
        misplaced.field_codes(),
        pairs(&[("client_id", "invalid_client_id")])
    );
}

#[test]
fn every_problem_of_a_visit_is_named_on_its_row_and_nothing_is_stored() {
    let server = demo_server();
    let admin = server.http();
    let (household, plots) = household_with_plots(admin, 1);
    let path = format!("/api/v1/households/{household}/visits");
    let bad = admin.post_json(
        &path,
        &json!({"visited_on": "2099-01-01", "longitude": "-76.5",
            "plots": [
                {"plot_id": 999_999, "illicit_hectares": "1"},
                {"plot_id": plots[1], "licit_crop": "cocoa", "established_hectares": "1", "surviving_hectares": "2"}
            ],
            "crop": "cocoa", "harvested_kg": "100", "sold_kg": "150", "currency": "COP",
            "sales_channel": "cooperative"}),
    );
    bad.assert_status(422);
    assert_eq!(
        bad.field_codes(),
        pairs(&[
            ("visited_on", "date_in_future"),
            ("latitude", "both_or_neither"),
            ("plots[0].plot_id", "unknown_reference"),
            ("plots[0].illicit_crop", "required"),
            ("plots[1].surviving_hectares", "too_large"),
            ("sold_kg", "too_large"),
            ("price_per_kg", "required"),
        ])
    );
    // A plot of 2 ha (5% to spare) holds no 1.5 ha of coca beside 1.2 ha of cocoa.
    let crowded = admin.post_json(
        &path,
        &json!({"visited_on": "2025-06-03", "plots": [
            {"plot_id": plots[0], "illicit_crop": "coca_bush", "illicit_hectares": "1.5",
             "licit_crop": "cocoa", "established_hectares": "1.2", "surviving_hectares": "1.2"}
        ]}),
    );
    crowded.assert_status(422);
    assert_eq!(
        crowded.field_codes(),
        pairs(&[("plots[0].surviving_hectares", "too_large")])
    );
    assert_eq!(admin.get(&path).json(), json!([]), "nothing stored");
    let plot = admin.get(&format!("/api/v1/plots/{}", plots[0])).json();
    assert_eq!(plot["uses"], json!([]), "no half-written plot history");
}

#[test]
fn a_visit_s_position_is_kept_from_those_who_may_not_see_it_and_from_the_audit_trail() {
    let server = demo_server();
    let admin = server.http();
    let (own, own_plots) = household_with_plots(admin, 1);
    let (other, _) = household_with_plots(admin, 2);
    let (email, password, _) = DEMO_ACCOUNTS[3];
    let monitor = server.sign_in(email, password);
    let recorded = monitor.post_json(
        &format!("/api/v1/households/{own}/visits"),
        &visit(own_plots[0], "monitor-entry-0001"),
    );
    recorded.assert_status(201);
    assert_eq!(recorded.json()["location"][1], -8.187654);
    monitor
        .post_json(
            &format!("/api/v1/households/{other}/visits"),
            &json!({"visited_on": "2025-06-03"}),
        )
        .assert_status(403);
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    let id = recorded.json()["id"].as_i64().unwrap();
    // The donor viewer does not even see project 1: nothing is said about its visits.
    donor
        .get(&format!("/api/v1/visits/{id}"))
        .assert_status(404);
    let audit = admin.get("/api/v1/audit?entity_type=visit").body;
    assert!(audit.contains("Monitoring visit"), "{audit}");
    assert!(
        !audit.contains("8.187654") && !audit.contains("76.512345"),
        "{audit}"
    );
}

#[test]
fn a_visit_is_recorded_from_the_plain_form_once_even_when_sent_twice() {
    let server = demo_server();
    let admin = server.http();
    let (household, plots) = household_with_plots(admin, 1);
    let page = admin.get(&format!("/households/{household}/visits/new"));
    assert_eq!(page.status, 200);
    for field in [
        "visit-visited-on",
        "visit-longitude",
        "visit-plots-0-illicit-hectares",
        "visit-plots-1-surviving-hectares",
        "visit-sold-kg",
        "visit-income",
    ] {
        assert!(page.body.contains(&format!("id=\"{field}\"")), "{field}");
    }
    let entry = page
        .body
        .split("name=\"client_id\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the form carries an entry id")
        .to_owned();
    assert_eq!(entry.len(), 32);
    let first_plot = plots[0].to_string();
    let second_plot = plots[1].to_string();
    let mut fields = vec![
        ("client_id", entry.as_str()),
        ("visited_on", "2025-06-03"),
        ("longitude", ""),
        ("latitude", ""),
        ("plots[0].plot_id", first_plot.as_str()),
        ("plots[0].illicit_crop", ""),
        ("plots[0].illicit_hectares", ""),
        ("plots[0].licit_crop", "coffee"),
        ("plots[0].established_hectares", "1"),
        ("plots[0].surviving_hectares", "1,4"),
        ("plots[1].plot_id", second_plot.as_str()),
        ("crop", ""),
        ("harvested_kg", ""),
        ("sold_kg", ""),
        ("price_per_kg", ""),
        ("currency", "COP"),
        ("sales_channel", ""),
        ("income", ""),
        ("note", "Rust on two rows of coffee"),
    ];
    let again = admin.post_form(&format!("/households/{household}/visits"), &fields);
    assert_eq!(again.status, 422, "{}", again.body);
    assert!(
        again
            .body
            .contains("visit-plots-0-surviving-hectares-error")
    );
    assert!(again.body.contains("Rust on two rows of coffee"));
    assert!(again.body.contains(&entry), "the same entry id comes back");
    fields[9] = ("plots[0].surviving_hectares", "0,9");
    for _ in 0..2 {
        let done = admin.post_form(&format!("/households/{household}/visits"), &fields);
        assert_eq!(done.status, 303, "{}", done.body);
        assert_eq!(
            done.location(),
            Some(format!("/households/{household}#visits").as_str())
        );
    }
    let visits = admin
        .get(&format!("/api/v1/households/{household}/visits"))
        .json();
    assert_eq!(
        visits.as_array().unwrap().len(),
        1,
        "sent twice, stored once"
    );
    let shown = admin.get(&format!("/households/{household}"));
    assert!(shown.body.contains("id=\"household-visits\""));
}

#[test]
fn community_reports_count_attendance_by_sex_and_age_band_and_stay_in_their_community() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[3];
    let monitor = server.sign_in(email, password);
    let path = format!("/api/v1/projects/{PROJECT_1}/activity-reports");
    let training = monitor.post_json(
        &path,
        &json!({"community_id": 1, "kind": "training", "held_on": "2025-05-20",
            "title": "Grafting cocoa", "attendance_female_18_29": 7,
            "attendance_female_30_59": "5", "attendance_male_30_59": 9}),
    );
    training.assert_status(201);
    assert_eq!(training.json()["attendance_total"], 21);
    let work = monitor.post_json(
        &path,
        &json!({"community_id": 1, "kind": "infrastructure", "held_on": "2025-06-01",
            "title": "Collection centre: roof", "progress_percent": 60}),
    );
    work.assert_status(201);
    let bad = monitor.post_json(
        &path,
        &json!({"community_id": 1, "kind": "meeting", "held_on": "2025-06-01", "title": "Assembly"}),
    );
    bad.assert_status(422);
    assert_eq!(
        bad.field_codes(),
        pairs(&[("attendance_female_under_18", "required")])
    );
    // Another community of the project is not the monitor's.
    monitor
        .post_json(
            &path,
            &json!({"community_id": 2, "kind": "meeting", "held_on": "2025-06-01",
                "title": "Assembly", "attendance_male_30_59": 4}),
        )
        .assert_status(403);
    let admin = server.http();
    admin
        .post_json(
            &path,
            &json!({"community_id": 2, "kind": "meeting", "held_on": "2025-06-02",
                "title": "Assembly", "attendance_male_30_59": 4, "attendance_female_30_59": 6}),
        )
        .assert_status(201);
    let seen = monitor.get(&path).assert_status(200).json();
    assert_eq!(
        seen["reports"].as_array().unwrap().len(),
        2,
        "its own community's only"
    );
    let everything = admin.get(&path).json();
    assert_eq!(everything["reports"].as_array().unwrap().len(), 3);
    let female: u64 = everything["attendance"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["sex"] == "female")
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(female, 18);
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    donor
        .get("/api/v1/projects/4/activity-reports")
        .assert_status(403);
    // The page, and its plain form post that keeps what was typed.
    let page = admin.get(&format!("/projects/{PROJECT_1}/reports"));
    assert!(
        page.body.contains("id=\"activity-reports\"") && page.body.contains("id=\"report-form\"")
    );
    let again = admin.post_form(
        &format!("/projects/{PROJECT_1}/reports"),
        &[
            ("community_id", "1"),
            ("kind", "infrastructure"),
            ("held_on", "2025-07-01"),
            ("title", "Drying yard"),
            ("progress_percent", ""),
        ],
    );
    assert_eq!(again.status, 422);
    assert!(
        again.body.contains("report-progress-percent-error") && again.body.contains("Drying yard")
    );
    let done = admin.post_form(
        &format!("/projects/{PROJECT_1}/reports"),
        &[
            ("community_id", "1"),
            ("kind", "infrastructure"),
            ("held_on", "2025-07-01"),
            ("title", "Drying yard"),
            ("progress_percent", "35"),
        ],
    );
    assert_eq!(done.status, 303);
}
