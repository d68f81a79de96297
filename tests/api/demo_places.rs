//! The demo's communities lie where their projects work: inside the real department boundaries
//! of `shared/testdata/geo` (Peru's departments as GeoJSON, Colombia's as TopoJSON), checked by the
//! product's own area and point-in-area rules.

use crate::access::demo_server;
use serde_json::{Value, json};

const PERU: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/testdata/geo/peru_departamental_simple.geojson"
);
const COLOMBIA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/testdata/geo/colombia-departments.topojson.json"
);

fn read(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn peru_department(name: &str) -> Value {
    read(PERU)["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["NOMBDEP"] == name)
        .map(|f| f["geometry"].clone())
        .unwrap_or_else(|| panic!("no department {name}"))
}

/// A Colombian department as a GeoJSON MultiPolygon, decoded from the TopoJSON's quantized,
/// delta-encoded arcs.
fn colombia_department(name: &str) -> Value {
    let topology = read(COLOMBIA);
    let scale = &topology["transform"]["scale"];
    let translate = &topology["transform"]["translate"];
    let (sx, sy) = (scale[0].as_f64().unwrap(), scale[1].as_f64().unwrap());
    let (tx, ty) = (
        translate[0].as_f64().unwrap(),
        translate[1].as_f64().unwrap(),
    );
    let arcs: Vec<Vec<(f64, f64)>> = topology["arcs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    x += d[0].as_f64().unwrap();
                    y += d[1].as_f64().unwrap();
                    (x * sx + tx, y * sy + ty)
                })
                .collect()
        })
        .collect();
    let ring = |indexes: &Value| -> Vec<[f64; 2]> {
        let mut points: Vec<(f64, f64)> = Vec::new();
        for index in indexes.as_array().unwrap() {
            let i = index.as_i64().unwrap();
            let arc: Vec<(f64, f64)> = if i >= 0 {
                arcs[i as usize].clone()
            } else {
                arcs[(!i) as usize].iter().rev().copied().collect()
            };
            let skip = usize::from(!points.is_empty());
            points.extend(arc.into_iter().skip(skip));
        }
        points.into_iter().map(|(x, y)| [x, y]).collect()
    };
    let geometry = topology["objects"]["COL_adm1"]["geometries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["properties"]["NAME_1"] == name)
        .unwrap_or_else(|| panic!("no department {name}"))
        .clone();
    let polygons: Vec<Vec<Vec<[f64; 2]>>> = match geometry["type"].as_str().unwrap() {
        "Polygon" => vec![
            geometry["arcs"]
                .as_array()
                .unwrap()
                .iter()
                .map(ring)
                .collect(),
        ],
        _ => geometry["arcs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_array().unwrap().iter().map(ring).collect())
            .collect(),
    };
    json!({"type": "MultiPolygon", "coordinates": polygons})
}

#[test]
fn every_demo_community_lies_inside_the_real_boundary_of_its_department() {
    let server = demo_server();
    let admin = server.http();
    // (project, department): the demo's projects 1–3 are in Colombia, 4–5 in Peru.
    let places = [
        (1, colombia_department("Putumayo")),
        (2, colombia_department("Caquetá")),
        (3, colombia_department("Guaviare")),
        (4, peru_department("CUSCO")),
        (5, peru_department("SAN MARTIN")),
    ];
    let mut checked = 0;
    for (project, boundary) in places {
        admin
            .send(
                admin
                    .request(
                        tests::Method::PUT,
                        &format!("/api/v1/projects/{project}/area"),
                    )
                    .json(&boundary),
            )
            .assert_status(200);
        let communities = admin
            .get(&format!("/api/v1/projects/{project}/communities"))
            .assert_status(200)
            .json();
        for community in communities.as_array().unwrap() {
            assert_eq!(
                community["outside_project_area"],
                json!(false),
                "{} of project {project} is outside its department",
                community["name"]
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 11, "every demo community was placed and checked");
}
