//! Project areas: set from GeoJSON, validated, measured on the ellipsoid, drawn as a map.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};

const PERU: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/testdata/geo/peru_departamental_simple.geojson"
);
const REFERENCE: &str = include_str!("../../shared/testdata/peru_departments_geographiclib.csv");

fn department(name: &str) -> Value {
    let text = std::fs::read_to_string(PERU).unwrap_or_else(|e| panic!("{PERU}: {e}"));
    let all: Value = serde_json::from_str(&text).unwrap();
    all["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["NOMBDEP"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no department {name}"))
}

#[test]
fn an_area_imported_from_real_boundaries_is_measured_like_geographiclib_and_mapped() {
    let server = demo_server();
    let admin = server.http();
    let feature = department("HUANUCO");
    let set = admin.send(
        admin
            .request(tests::Method::PUT, "/api/v1/projects/5/area")
            .json(&feature),
    );
    set.assert_status(200);
    let hectares: f64 = set.json()["hectares"].as_str().unwrap().parse().unwrap();
    let reference: f64 = REFERENCE
        .lines()
        .find_map(|l| l.strip_prefix("HUANUCO,"))
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (hectares - reference).abs() / reference < 1e-4,
        "{hectares} against {reference}"
    );
    assert_eq!(set.json()["geometry"]["type"], "MultiPolygon");

    let read = admin
        .get("/api/v1/projects/5/area")
        .assert_status(200)
        .json();
    assert_eq!(read["hectares"], set.json()["hectares"]);
    let page = admin.get("/projects/5").assert_status(200).body.clone();
    assert!(page.contains("id=\"area-hectares\""));
    assert!(page.contains("id=\"area-map\""));
    assert!(
        page.contains("<path d=\"M"),
        "the map is drawn on the server"
    );

    let events = admin.get("/api/v1/audit?entity_type=project_area").json();
    assert!(events[0]["summary"].as_str().unwrap().contains("ha"));
}

#[test]
fn an_invalid_area_is_refused_with_every_problem_and_stores_nothing() {
    let server = demo_server();
    let admin = server.http();
    let bow_tie = json!({"type": "MultiPolygon", "coordinates": [
        [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]],
        [[[0, 0], [1, 0], [1, 1], [0, 1]]],
        [[[0, 0], [200, 0], [1, 1], [0, 0]]]
    ]});
    let refused = admin.send(
        admin
            .request(tests::Method::PUT, "/api/v1/projects/5/area")
            .json(&bow_tie),
    );
    refused.assert_status(422);
    let fields = refused.json()["error"]["fields"].clone();
    let codes: Vec<&str> = fields
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.iter().all(|c| *c == "invalid_geometry"), "{codes:?}");
    let messages: Vec<&str> = fields
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("Polygon 2, ring 1: the last point is not the first.")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("Polygon 3, ring 1, point 2")),
        "{messages:?}"
    );
    admin.get("/api/v1/projects/5/area").assert_status(404);

    let not_geojson = admin.send(
        admin
            .request(tests::Method::PUT, "/api/v1/projects/5/area")
            .json(&json!({"type": "Point", "coordinates": [-76, -8]})),
    );
    not_geojson.assert_status(422);
    assert_eq!(
        not_geojson.json()["error"]["fields"][0]["message"],
        "The file holds no polygon."
    );

    let plain = admin.post_form(
        "/projects/5/area",
        &[(
            "area",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}",
        )],
    );
    plain.assert_status(422);
    assert!(plain.body.contains("its boundary crosses itself"));
}

#[test]
fn only_those_who_plan_a_project_may_change_its_area() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    let polygon = json!({"type": "Polygon", "coordinates": [[[-76.3, -8.2], [-76.1, -8.2], [-76.1, -8.0], [-76.3, -8.0], [-76.3, -8.2]]]});
    donor
        .send(
            donor
                .request(tests::Method::PUT, "/api/v1/projects/4/area")
                .json(&polygon),
        )
        .assert_status(403);
    let (email, password, _) = DEMO_ACCOUNTS[1];
    let officer = server.sign_in(email, password);
    officer
        .send(
            officer
                .request(tests::Method::PUT, "/api/v1/projects/4/area")
                .json(&polygon),
        )
        .assert_status(200);
    donor.get("/api/v1/projects/4/area").assert_status(200);
}

#[test]
fn a_community_located_outside_its_project_area_is_flagged() {
    let server = demo_server();
    let admin = server.http();
    // A square around Puerto Asís (Putumayo): La Carmelita lies inside, El Cedral (Orito) outside.
    let around_puerto_asis = json!({"type": "Polygon", "coordinates": [[
        [-76.6, 0.4], [-76.4, 0.4], [-76.4, 0.6], [-76.6, 0.6], [-76.6, 0.4]
    ]]});
    admin
        .send(
            admin
                .request(tests::Method::PUT, "/api/v1/projects/1/area")
                .json(&around_puerto_asis),
        )
        .assert_status(200);
    let communities = admin.get("/api/v1/projects/1/communities").json();
    let flag = |name: &str| {
        communities
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .map(|c| c["outside_project_area"].clone())
            .unwrap()
    };
    assert_eq!(flag("Vereda La Carmelita"), json!(false));
    assert_eq!(flag("Vereda El Cedral"), json!(true));
    admin.get("/api/v1/communities/2").json()["outside_project_area"]
        .as_bool()
        .filter(|outside| *outside)
        .expect("the single community answer carries the flag too");

    let created = admin.post_json(
        "/api/v1/projects/1/communities",
        &json!({"name": "Vereda Nueva", "longitude": "-76,45", "latitude": 0.55}),
    );
    created.assert_status(201);
    assert_eq!(created.json()["longitude"], json!(-76.45));
    let half = admin.post_json(
        "/api/v1/projects/1/communities",
        &json!({"name": "Vereda Media", "longitude": "-76.45"}),
    );
    half.assert_status(422);
    assert_eq!(half.json()["error"]["fields"][0]["code"], "both_or_neither");

    let page = admin.get("/projects/1/map").body.clone();
    assert!(page.contains("outside the project area"));
    assert!(
        page.contains("<circle"),
        "communities are marked on the map"
    );
}

#[test]
fn an_area_can_be_sent_as_kml() {
    let server = demo_server();
    let admin = server.http();
    let kml = r#"<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Tocache</name>
<Polygon><outerBoundaryIs><LinearRing><coordinates>
-76.6,-8.3,0 -76.4,-8.3,0 -76.4,-8.1,0 -76.6,-8.1,0 -76.6,-8.3,0
</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>"#;
    let set = admin.send(
        admin
            .request(tests::Method::PUT, "/api/v1/projects/5/area")
            .header("content-type", "application/vnd.google-earth.kml+xml")
            .body(kml),
    );
    set.assert_status(200);
    let hectares: f64 = set.json()["hectares"].as_str().unwrap().parse().unwrap();
    // About 22 km × 22 km near 8° S.
    assert!((48_000.0..50_000.0).contains(&hectares), "{hectares}");
    let communities = admin.get("/api/v1/projects/5/communities").json();
    let pucayacu = communities
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Caserío Pucayacu")
        .unwrap();
    assert_eq!(pucayacu["outside_project_area"], json!(false));

    let broken = admin.send(
        admin
            .request(tests::Method::PUT, "/api/v1/projects/5/area")
            .header("content-type", "application/vnd.google-earth.kml+xml")
            .body("<kml><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></kml>"),
    );
    broken.assert_status(422);
    let text = admin.send(
        admin
            .request(tests::Method::PUT, "/api/v1/projects/5/area")
            .header("content-type", "text/plain")
            .body("hello"),
    );
    text.assert_status(400);
}

#[test]
fn an_area_file_uploaded_through_the_page_form_is_stored_and_a_bad_one_comes_back_with_its_text() {
    use reqwest::blocking::multipart::{Form, Part};
    let server = demo_server();
    let admin = server.http();
    let feature = department("SAN MARTIN").to_string();
    let form = Form::new()
        .text("area", "")
        .part("file", Part::text(feature).file_name("san_martin.geojson"));
    let uploaded = admin.send(
        admin
            .request(tests::Method::POST, "/projects/5/area")
            .multipart(form),
    );
    uploaded.assert_status(303);
    assert_eq!(uploaded.location(), Some("/projects/5/map#area"));
    admin.get("/api/v1/projects/5/area").assert_status(200);

    let bad = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}";
    let form = Form::new().part("file", Part::text(bad).file_name("open.geojson"));
    let refused = admin.send(
        admin
            .request(tests::Method::POST, "/projects/5/area")
            .multipart(form),
    );
    refused.assert_status(422);
    assert!(refused.body.contains("the last point is not the first"));
    assert!(
        refused.body.contains("[[[0,0],[1,0],[1,1],[0,1]]]"),
        "the uploaded text is kept"
    );
}
