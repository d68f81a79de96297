//! Households' plots over the REST API and their plain form posts: a GPS point or a boundary
//! measured on the ellipsoid, with the area the household declares; what grows on each plot day
//! by day, licit and illicit, fitted to its area; exact places only where personal data may be
//! seen, and never in the audit trail.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};
use tests::Http;

/// The demo's Tocache project (communities 1–3; the field monitor works in community 1).
const PROJECT_1: i64 = 1;
/// The demo's VRAEM project (communities 8 and 9; the donor viewer reads it).
const VRAEM: i64 = 4;

/// A square of 0.001° on a side at 8.2° south: about 110.2 m × 110.6 m, 1.22 ha.
const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[-76.501,-8.201],[-76.500,-8.201],[-76.500,-8.200],[-76.501,-8.200],[-76.501,-8.201]]]}"#;
/// A ring that crosses itself.
const BOWTIE: &str = r#"{"type":"Polygon","coordinates":[[[-76.501,-8.201],[-76.500,-8.200],[-76.500,-8.201],[-76.501,-8.200],[-76.501,-8.201]]]}"#;

fn register_household(http: &Http, project: i64, community: i64) -> i64 {
    let response = http.post_json(
        &format!("/api/v1/projects/{project}/households"),
        &json!({"community_id": community, "head_sex": "female", "head_age_band": "30_59",
            "members_female_30_59": 1, "land_tenure": "titled_owner", "title_holder": "woman",
            "enrolled_on": "2025-02-10"}),
    );
    response.assert_status(201);
    response.json()["id"].as_i64().unwrap()
}

fn add_plot(http: &Http, household: i64, body: &Value) -> Value {
    let response = http.post_json(&format!("/api/v1/households/{household}/plots"), body);
    response.assert_status(201);
    response.json()
}

fn record(http: &Http, plot: i64, body: &Value) -> tests::Response {
    http.post_json(&format!("/api/v1/plots/{plot}/uses"), body)
}

fn grows(day: &str, crop: &str, hectares: &str) -> Value {
    json!({"observed_on": day, "crop": crop, "hectares": hectares, "source": "field_verification"})
}

#[test]
fn a_plot_is_a_gps_point_or_a_boundary_measured_on_the_ellipsoid_with_its_declared_area() {
    let server = demo_server();
    let admin = server.http();
    let household = register_household(admin, PROJECT_1, 1);
    let point = add_plot(
        admin,
        household,
        &json!({"name": "La quebrada", "declared_hectares": "1,5", "longitude": -76.52, "latitude": "-8.19"}),
    );
    assert_eq!(point["declared_hectares"], "1.5");
    assert!(point["measured_hectares"].is_null());
    assert_eq!(point["location"]["longitude"], -76.52);
    assert_eq!(point["location"]["latitude"], -8.19);
    assert!(point["location"]["boundary"].is_null());
    assert!(point["latest"].is_null());

    let walked = add_plot(
        admin,
        household,
        &json!({"name": "Loma", "declared_hectares": "1.2", "boundary": SQUARE}),
    );
    let measured: f64 = walked["measured_hectares"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1.20..1.24).contains(&measured),
        "a 0.001° square at 8.2° S is about 1.22 ha: {measured}"
    );
    assert_eq!(walked["areas_disagree"], false);
    assert_eq!(walked["location"]["boundary"]["type"], "MultiPolygon");
    let lon = walked["location"]["longitude"].as_f64().unwrap();
    let lat = walked["location"]["latitude"].as_f64().unwrap();
    assert!(
        (lon + 76.5005).abs() < 1e-6 && (lat + 8.2005).abs() < 1e-6,
        "the centroid: {lon}, {lat}"
    );
    // A household that declares far more than was walked is flagged.
    let id = walked["id"].as_i64().unwrap();
    let changed = admin
        .put_json(
            &format!("/api/v1/plots/{id}"),
            &json!({"name": "Loma", "declared_hectares": "2", "boundary": SQUARE}),
        )
        .assert_status(200)
        .json();
    assert_eq!(changed["areas_disagree"], true);

    let plots = admin
        .get(&format!("/api/v1/households/{household}/plots"))
        .assert_status(200)
        .json();
    let names: Vec<&str> = plots
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["La quebrada", "Loma"]);
    let household_view = admin.get(&format!("/api/v1/households/{household}")).json();
    assert_eq!(household_view["plots"].as_array().unwrap().len(), 2);
}

#[test]
fn every_problem_of_a_plot_is_named_and_nothing_is_stored() {
    let server = demo_server();
    let admin = server.http();
    let household = register_household(admin, PROJECT_1, 1);
    let path = format!("/api/v1/households/{household}/plots");
    let cases: [(Value, Vec<(&str, &str)>); 5] = [
        (
            json!({"name": " ", "declared_hectares": "0", "longitude": "-200", "latitude": "-8"}),
            vec![
                ("name", "required"),
                ("declared_hectares", "not_positive"),
                ("longitude", "out_of_range"),
            ],
        ),
        (
            json!({"name": "Loma", "declared_hectares": "1"}),
            vec![("boundary", "required")],
        ),
        (
            json!({"name": "Loma", "declared_hectares": "1", "boundary": SQUARE, "longitude": -76.5, "latitude": -8.2}),
            vec![("boundary", "both_or_neither")],
        ),
        (
            json!({"name": "Loma", "declared_hectares": "1", "longitude": -76.5}),
            vec![("latitude", "both_or_neither")],
        ),
        (
            json!({"name": "Loma", "declared_hectares": "1", "boundary": BOWTIE}),
            vec![("boundary", "invalid_geometry")],
        ),
    ];
    for (body, expected) in cases {
        let response = admin.post_json(&path, &body);
        response.assert_status(422);
        let codes = response.field_codes();
        let codes: Vec<(&str, &str)> = codes
            .iter()
            .map(|(f, c)| (f.as_str(), c.as_str()))
            .collect();
        assert_eq!(codes, expected, "{body}");
    }
    assert_eq!(
        admin.get(&path).json().as_array().unwrap().len(),
        0,
        "nothing stored"
    );
    add_plot(
        admin,
        household,
        &json!({"name": "Loma", "declared_hectares": "1", "longitude": -76.5, "latitude": -8.2}),
    );
    let taken = admin.post_json(
        &path,
        &json!({"name": "Loma", "declared_hectares": "3", "longitude": -76.4, "latitude": -8.1}),
    );
    taken.assert_status(422);
    assert_eq!(taken.field_codes(), tests::pairs(&[("name", "name_taken")]));
    let unknown = admin.post_json(&path, &json!({"name": "Loma", "area": "1"}));
    unknown.assert_status(400);
    // A withdrawn household gets no new plots.
    admin
        .post_json(
            &format!("/api/v1/households/{household}/status"),
            &json!({"status": "withdrawn", "changed_on": "2025-06-01", "reason": "Moved away"}),
        )
        .assert_status(200);
    let late = admin.post_json(
        &path,
        &json!({"name": "Nueva", "declared_hectares": "1", "longitude": -76.5, "latitude": -8.2}),
    );
    late.assert_status(422);
    assert_eq!(
        late.field_codes(),
        tests::pairs(&[("name", "household_withdrawn")])
    );
}

#[test]
fn what_grows_on_a_plot_is_recorded_day_by_day_and_fits_its_area() {
    let server = demo_server();
    let admin = server.http();
    let household = register_household(admin, PROJECT_1, 1);
    let plot = add_plot(
        admin,
        household,
        &json!({"name": "La quebrada", "declared_hectares": "2", "longitude": -76.52, "latitude": -8.19}),
    );
    let id = plot["id"].as_i64().unwrap();
    record(admin, id, &grows("2024-03-01", "coca_bush", "1.8")).assert_status(200);
    record(admin, id, &grows("2025-03-01", "coca_bush", "0.5")).assert_status(200);
    record(admin, id, &grows("2025-03-01", "cocoa", "1,2")).assert_status(200);
    // A second figure for cocoa the same day replaces the first.
    let view = record(admin, id, &grows("2025-03-01", "cocoa", "1.5"))
        .assert_status(200)
        .json();
    let days: Vec<(String, String, String, String)> = view["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["observed_on"].as_str().unwrap().to_owned(),
                d["illicit_hectares"].as_str().unwrap().to_owned(),
                d["licit_hectares"].as_str().unwrap().to_owned(),
                d["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        days,
        [
            (
                "2024-03-01".into(),
                "1.8".into(),
                "0".into(),
                "illicit".into()
            ),
            (
                "2025-03-01".into(),
                "0.5".into(),
                "1.5".into(),
                "mixed".into()
            ),
        ]
    );
    assert_eq!(view["uses"].as_array().unwrap().len(), 3);
    assert_eq!(view["uses"][0]["observed_on"], "2025-03-01");
    assert_eq!(view["uses"][0]["recorded_by"], "Administrator");
    assert_eq!(view["plot"]["latest"]["status"], "mixed");

    // 2 ha with 5% to spare is 2.1 ha: 0.5 of coca leaves 1.6 for another crop that day.
    let too_much = record(admin, id, &grows("2025-03-01", "coffee", "1.7"));
    too_much.assert_status(422);
    assert_eq!(
        too_much.field_codes(),
        tests::pairs(&[("hectares", "too_large")])
    );
    assert!(too_much.body.contains("0.1"), "{}", too_much.body);
    let bad = record(
        admin,
        id,
        &json!({"observed_on": "2099-01-01", "crop": "tobacco", "hectares": "-1", "source": "rumour"}),
    );
    bad.assert_status(422);
    assert_eq!(
        bad.field_codes(),
        tests::pairs(&[
            ("observed_on", "date_in_future"),
            ("crop", "unknown_crop"),
            ("hectares", "not_positive"),
            ("source", "unknown_choice"),
        ])
    );
    let after = admin.get(&format!("/api/v1/plots/{id}")).json();
    assert_eq!(after["uses"].as_array().unwrap().len(), 3, "nothing stored");

    // A record made in error is deleted; the audit trail keeps what it said.
    let first = after["uses"][2]["id"].as_i64().unwrap();
    assert_eq!(after["uses"][2]["observed_on"], "2024-03-01");
    admin
        .delete(&format!("/api/v1/plots/{id}/uses/{first}"))
        .assert_status(204);
    admin
        .delete(&format!("/api/v1/plots/{id}/uses/{first}"))
        .assert_status(404);
    let left = admin.get(&format!("/api/v1/plots/{id}")).json();
    assert_eq!(left["days"].as_array().unwrap().len(), 1);
    let audit = admin.get("/api/v1/audit?entity_type=plot_use").body;
    assert!(
        audit.contains("1.8 ha of coca_bush on 2024-03-01"),
        "{audit}"
    );
}

#[test]
fn plot_places_go_only_to_those_who_see_the_household_and_never_into_the_audit_trail() {
    let server = demo_server();
    let admin = server.http();
    let own = register_household(admin, PROJECT_1, 1);
    let other = register_household(admin, PROJECT_1, 2);
    let mine = add_plot(
        admin,
        own,
        &json!({"name": "Mía", "declared_hectares": "1", "longitude": -76.512345, "latitude": -8.187654}),
    )["id"]
        .as_i64()
        .unwrap();
    let theirs = add_plot(
        admin,
        other,
        &json!({"name": "Ajena", "declared_hectares": "1", "boundary": SQUARE}),
    )["id"]
        .as_i64()
        .unwrap();
    let (email, password, _) = DEMO_ACCOUNTS[3];
    let monitor = server.sign_in(email, password);
    let seen = monitor
        .get(&format!("/api/v1/plots/{mine}"))
        .assert_status(200)
        .json();
    assert_eq!(seen["plot"]["location"]["latitude"], -8.187654);
    assert_eq!(seen["can_edit"], true);
    record(&monitor, mine, &grows("2025-05-02", "coffee", "0.8")).assert_status(200);
    // Another community's plot: neither shown nor changed.
    monitor
        .get(&format!("/api/v1/plots/{theirs}"))
        .assert_status(403);
    record(&monitor, theirs, &grows("2025-05-02", "coffee", "0.8")).assert_status(403);
    let listed = monitor
        .get(&format!("/api/v1/projects/{PROJECT_1}/plots"))
        .assert_status(200)
        .json();
    let ids: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert!(ids.contains(&mine) && !ids.contains(&theirs), "{ids:?}");

    // The donor viewer reads the VRAEM project but no household records of it.
    let vraem = register_household(admin, VRAEM, 8);
    let funded = add_plot(
        admin,
        vraem,
        &json!({"name": "Chacra", "declared_hectares": "1", "longitude": -74.2, "latitude": -12.4}),
    )["id"]
        .as_i64()
        .unwrap();
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    let none = donor
        .get(&format!("/api/v1/projects/{VRAEM}/plots"))
        .assert_status(200)
        .json();
    assert_eq!(none, json!([]));
    donor
        .get(&format!("/api/v1/plots/{funded}"))
        .assert_status(403);
    let map = donor.post_form(
        "/rpc/get_project_map",
        &[("id", &VRAEM.to_string()), ("locale", "en")],
    );
    assert_eq!(map.status, 200);
    assert!(!map.body.contains("Chacra"), "no plots on the donor's map");

    // The audit trail says places were shown, never where they are.
    let audit = admin.get("/api/v1/audit?entity_type=plot").body;
    assert!(audit.contains("view_personal_data"), "{audit}");
    for place in ["-76.512345", "-8.187654", "-76.501", "-74.2"] {
        assert!(!audit.contains(place), "{place} in {audit}");
    }
}

#[test]
fn a_plot_is_added_and_its_crops_recorded_from_plain_forms_without_javascript() {
    let server = demo_server();
    let admin = server.http();
    let household = register_household(admin, PROJECT_1, 1);
    let page = admin.get(&format!("/households/{household}/plots/new"));
    assert_eq!(page.status, 200);
    for field in [
        "plot-name",
        "plot-declared-hectares",
        "plot-longitude",
        "plot-latitude",
        "plot-boundary",
    ] {
        assert!(page.body.contains(&format!("id=\"{field}\"")), "{field}");
    }
    let fields = [
        ("name", "El bajo"),
        ("declared_hectares", "dos"),
        ("longitude", "-76.51"),
        ("latitude", "-8.2"),
        ("boundary", ""),
    ];
    let again = admin.post_form(&format!("/households/{household}/plots/new"), &fields);
    assert_eq!(again.status, 422, "{}", again.body);
    assert!(
        again.body.contains("value=\"El bajo\""),
        "typed values come back"
    );
    assert!(again.body.contains("value=\"dos\""));
    assert!(again.body.contains("plot-declared-hectares-error"));
    let mut fixed = fields.to_vec();
    fixed[1] = ("declared_hectares", "2,5");
    let done = admin.post_form(&format!("/households/{household}/plots/new"), &fixed);
    assert_eq!(done.status, 303, "{}", done.body);
    let location = done.location().unwrap().to_owned();
    let id: i64 = location.trim_start_matches("/plots/").parse().unwrap();
    let shown = admin.get(&location);
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("El bajo") && shown.body.contains("id=\"plot-use-form\""));
    assert!(shown.body.contains("id=\"plot-map\""), "the plot on a map");

    let refused = admin.post_form(
        &format!("/plots/{id}/uses"),
        &[
            ("observed_on", "2025-04-01"),
            ("crop", "cocoa"),
            ("hectares", "9"),
            ("source", "household_declaration"),
            ("note", "Sembrado en enero"),
        ],
    );
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("use-hectares-error"));
    assert!(
        refused.body.contains("Sembrado en enero"),
        "the note comes back"
    );
    let recorded = admin.post_form(
        &format!("/plots/{id}/uses"),
        &[
            ("observed_on", "2025-04-01"),
            ("crop", "cocoa"),
            ("hectares", "2"),
            ("source", "household_declaration"),
            ("note", ""),
        ],
    );
    assert_eq!(recorded.status, 303);
    assert_eq!(
        recorded.location(),
        Some(format!("/plots/{id}#uses").as_str())
    );
    let view = admin.get(&format!("/api/v1/plots/{id}")).json();
    let use_id = view["uses"][0]["id"].as_i64().unwrap();
    let household_page = admin.get(&format!("/households/{household}"));
    assert!(household_page.body.contains("id=\"household-plots\""));
    assert!(household_page.body.contains("El bajo"));
    let deleted = admin.post_form(&format!("/plots/{id}/uses/{use_id}/delete"), &[]);
    assert_eq!(deleted.status, 303);
    let gone = admin.get(&format!("/api/v1/plots/{id}")).json();
    assert_eq!(gone["uses"], json!([]));
    let edit = admin.post_form(
        &format!("/plots/{id}/edit"),
        &[
            ("name", "El bajo"),
            ("declared_hectares", "2.5"),
            ("longitude", ""),
            ("latitude", ""),
            ("boundary", SQUARE),
        ],
    );
    assert_eq!(edit.status, 303, "{}", edit.body);
    let walked = admin.get(&format!("/api/v1/plots/{id}")).json();
    assert!(walked["plot"]["measured_hectares"].is_string());
    assert_eq!(walked["plot"]["areas_disagree"], true);
}
