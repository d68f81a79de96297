//! Communities imported as points from a file: GeoJSON Point features or KML Placemarks with a
//! Point, each with its name and municipality. Every feature of the file is either a point ready
//! to become a community or a problem saying which feature and why; nothing is dropped silently.

use crate::geometry_problem::GeometryProblem;
use crate::i18n::Locale;
use crate::program::NAME_MAX;
use crate::validation::{Problem, required_line};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Property names that hold a community's name, in order of preference (compared without
/// regard to case; `nombre_ver` is the vereda name in IGAC's vereda layer).
pub const NAME_KEYS: [&str; 7] = [
    "name",
    "nombre",
    "vereda",
    "comunidad",
    "community",
    "nombre_ver",
    "nom_vereda",
];

/// Property names that hold the municipality, in order of preference (compared without regard
/// to case; `nomb_mpio` as in IGAC's vereda layer).
pub const MUNICIPALITY_KEYS: [&str; 4] = ["municipality", "municipio", "nomb_mpio", "nom_mpio"];

/// A feature read as a community location.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedPoint {
    /// The feature's place in the file, from 1.
    pub index: u32,
    /// The name, trimmed.
    pub name: String,
    /// The municipality, when the file gives one.
    pub municipality: Option<String>,
    /// Longitude (WGS84).
    pub lon: f64,
    /// Latitude (WGS84).
    pub lat: f64,
}

/// Why a feature cannot be a community location.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FeatureProblem {
    /// The feature has no geometry.
    NoGeometry,
    /// The geometry is a line or a polygon, not a point.
    NotAPoint {
        /// The geometry's type as the file names it (`Polygon`, `LineString`...).
        geometry: String,
    },
    /// A MultiPoint or MultiGeometry with more than one point: which one is the community?
    SeveralPoints {
        /// How many points.
        count: u32,
    },
    /// The coordinates are missing, not numbers, or outside longitude −180…180 and latitude
    /// −90…90.
    CoordinatesOutOfRange,
    /// No name in any of the properties [`NAME_KEYS`] (or the KML `<name>`).
    NoName,
    /// The name cannot be a community's name (too long, control characters).
    InvalidName {
        /// What is wrong with it.
        problem: Problem,
    },
    /// The municipality cannot be stored (too long, control characters).
    InvalidMunicipality {
        /// What is wrong with it.
        problem: Problem,
    },
    /// An earlier feature of the file has the same name (compared without regard to case).
    DuplicateName {
        /// The earlier feature's place in the file, from 1.
        first: u32,
    },
}

impl FeatureProblem {
    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            FeatureProblem::NoGeometry => "no_geometry",
            FeatureProblem::NotAPoint { .. } => "not_a_point",
            FeatureProblem::SeveralPoints { .. } => "several_points",
            FeatureProblem::CoordinatesOutOfRange => "coordinates_out_of_range",
            FeatureProblem::NoName => "no_name",
            FeatureProblem::InvalidName { .. } => "invalid_name",
            FeatureProblem::InvalidMunicipality { .. } => "invalid_municipality",
            FeatureProblem::DuplicateName { .. } => "duplicate_name",
        }
    }

    /// A sentence for people.
    pub fn message(&self, locale: Locale) -> String {
        let es = locale == Locale::Es;
        match self {
            FeatureProblem::NoGeometry if es => "No tiene geometría.".to_owned(),
            FeatureProblem::NoGeometry => "It has no geometry.".to_owned(),
            FeatureProblem::NotAPoint { geometry } if es => {
                format!("Su geometría es {geometry}, no un punto.")
            }
            FeatureProblem::NotAPoint { geometry } => {
                format!("Its geometry is a {geometry}, not a point.")
            }
            FeatureProblem::SeveralPoints { count } if es => format!(
                "Tiene {count} puntos; una comunidad se ubica con uno solo."
            ),
            FeatureProblem::SeveralPoints { count } => {
                format!("It has {count} points; a community is located by one.")
            }
            FeatureProblem::CoordinatesOutOfRange if es => {
                "Las coordenadas faltan o están fuera de rango (longitud entre −180 y 180, latitud entre −90 y 90).".to_owned()
            }
            FeatureProblem::CoordinatesOutOfRange => {
                "The coordinates are missing or out of range (longitude within −180…180, latitude within −90…90).".to_owned()
            }
            FeatureProblem::NoName if es => format!(
                "No tiene nombre (se busca en las propiedades {}).",
                NAME_KEYS.join(", ")
            ),
            FeatureProblem::NoName => format!(
                "It has no name (looked for in the properties {}).",
                NAME_KEYS.join(", ")
            ),
            FeatureProblem::InvalidName { problem } if es => {
                format!("El nombre no sirve: {}", problem.message(locale))
            }
            FeatureProblem::InvalidName { problem } => {
                format!("The name cannot be used: {}", problem.message(locale))
            }
            FeatureProblem::InvalidMunicipality { problem } if es => {
                format!("El municipio no sirve: {}", problem.message(locale))
            }
            FeatureProblem::InvalidMunicipality { problem } => {
                format!("The municipality cannot be used: {}", problem.message(locale))
            }
            FeatureProblem::DuplicateName { first } if es => {
                format!("El elemento {first} del archivo ya tiene este nombre.")
            }
            FeatureProblem::DuplicateName { first } => {
                format!("Feature {first} of the file already has this name.")
            }
        }
    }
}

/// A feature that cannot be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointProblem {
    /// The feature's place in the file, from 1.
    pub index: u32,
    /// Its name, when it has one.
    pub name: Option<String>,
    /// What is wrong.
    pub problem: FeatureProblem,
}

impl PointProblem {
    /// A sentence naming the feature and the problem.
    pub fn message(&self, locale: Locale) -> String {
        let which = match (&self.name, locale) {
            (Some(name), Locale::Es) => format!("Elemento {} («{name}»)", self.index),
            (Some(name), Locale::En) => format!("Feature {} (“{name}”)", self.index),
            (None, Locale::Es) => format!("Elemento {}", self.index),
            (None, Locale::En) => format!("Feature {}", self.index),
        };
        format!("{which}: {}", self.problem.message(locale))
    }
}

/// What a file holds: the points to import and the features that cannot be, both in file order.
/// A feature with several problems appears once for each.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PointImport {
    /// The features read as community locations.
    pub points: Vec<NamedPoint>,
    /// The features that cannot be imported.
    pub problems: Vec<PointProblem>,
}

/// A feature as read from either format, before it is checked.
#[derive(Default)]
struct RawFeature {
    /// Every (property, text) pair.
    properties: Vec<(String, String)>,
    /// A KML `<name>`.
    kml_name: Option<String>,
    /// The point positions found: (longitude, latitude) or `None` when unreadable.
    points: Vec<Option<(f64, f64)>>,
    /// A geometry that is not a point.
    other_geometry: Option<String>,
}

/// Reads community locations from GeoJSON (a FeatureCollection, a Feature or a bare Point) or
/// KML (every `<Placemark>`), told apart by the first character (`<` for KML). The whole file is
/// refused only when it cannot be read at all.
pub fn read_points(text: &str) -> Result<PointImport, GeometryProblem> {
    let text = text.trim_start_matches('\u{feff}');
    let features = if text.trim_start().starts_with('<') {
        kml_features(text)?
    } else {
        geojson_features(text)?
    };
    Ok(check(features))
}

fn property<'a>(properties: &'a [(String, String)], keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|key| {
        properties
            .iter()
            .find(|(k, v)| k.trim().eq_ignore_ascii_case(key) && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    })
}

fn check(features: Vec<RawFeature>) -> PointImport {
    let mut out = PointImport::default();
    let mut names: HashMap<String, u32> = HashMap::new();
    for (i, feature) in features.into_iter().enumerate() {
        let index = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let raw_name = feature
            .kml_name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .or_else(|| property(&feature.properties, &NAME_KEYS));
        let mut problems = Vec::new();
        let location = match (feature.points.as_slice(), &feature.other_geometry) {
            ([Some(position)], _) => Some(*position),
            ([None], _) => {
                problems.push(FeatureProblem::CoordinatesOutOfRange);
                None
            }
            ([], Some(geometry)) => {
                problems.push(FeatureProblem::NotAPoint {
                    geometry: geometry.clone(),
                });
                None
            }
            ([], None) => {
                problems.push(FeatureProblem::NoGeometry);
                None
            }
            (several, _) => {
                problems.push(FeatureProblem::SeveralPoints {
                    count: u32::try_from(several.len()).unwrap_or(u32::MAX),
                });
                None
            }
        };
        let name = match raw_name.map(|n| required_line("name", n, NAME_MAX)) {
            None => {
                problems.push(FeatureProblem::NoName);
                None
            }
            Some(Ok(name)) => Some(name),
            Some(Err(e)) => {
                problems.push(FeatureProblem::InvalidName { problem: e.problem });
                None
            }
        };
        let municipality = match property(&feature.properties, &MUNICIPALITY_KEYS)
            .map(|m| required_line("municipality", m, NAME_MAX))
        {
            None => None,
            Some(Ok(m)) => Some(m),
            Some(Err(e)) => {
                problems.push(FeatureProblem::InvalidMunicipality { problem: e.problem });
                None
            }
        };
        if let Some(name) = &name
            && problems.is_empty()
        {
            let key = name
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            if let Some(&first) = names.get(&key) {
                problems.push(FeatureProblem::DuplicateName { first });
            } else {
                names.insert(key, index);
            }
        }
        match (name, location) {
            (Some(name), Some((lon, lat))) if problems.is_empty() => {
                out.points.push(NamedPoint {
                    index,
                    name,
                    municipality,
                    lon,
                    lat,
                });
            }
            (name, _) => {
                let name = name.or_else(|| raw_name.map(|n| n.trim().chars().take(80).collect()));
                out.problems
                    .extend(problems.into_iter().map(|problem| PointProblem {
                        index,
                        name: name.clone(),
                        problem,
                    }));
            }
        }
    }
    out
}

fn position(lon: Option<f64>, lat: Option<f64>) -> Option<(f64, f64)> {
    match (lon, lat) {
        (Some(lon), Some(lat))
            if lon.is_finite()
                && lat.is_finite()
                && (-180.0..=180.0).contains(&lon)
                && (-90.0..=90.0).contains(&lat) =>
        {
            Some((lon, lat))
        }
        _ => None,
    }
}

fn json_position(value: &serde_json::Value) -> Option<(f64, f64)> {
    let coordinate = |k: usize| value.get(k).and_then(serde_json::Value::as_f64);
    position(coordinate(0), coordinate(1))
}

fn geojson_features(text: &str) -> Result<Vec<RawFeature>, GeometryProblem> {
    let not_geojson = |detail: String| GeometryProblem::NotGeoJson { detail };
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| not_geojson(e.to_string()))?;
    let kind = value.get("type").and_then(serde_json::Value::as_str);
    let features: Vec<&serde_json::Value> = match kind {
        Some("FeatureCollection") => value
            .get("features")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| not_geojson("the FeatureCollection has no \"features\" list".into()))?
            .iter()
            .collect(),
        Some("Feature") => vec![&value],
        Some(_) => {
            // A bare geometry: one feature without properties.
            return Ok(vec![geojson_geometry(Some(&value), Vec::new())]);
        }
        None => return Err(not_geojson("no GeoJSON \"type\"".into())),
    };
    Ok(features
        .into_iter()
        .map(|feature| {
            let properties = feature
                .get("properties")
                .and_then(serde_json::Value::as_object)
                .map(|p| {
                    p.iter()
                        .filter_map(|(k, v)| {
                            let text = match v {
                                serde_json::Value::String(s) => s.clone(),
                                serde_json::Value::Number(n) => n.to_string(),
                                _ => return None,
                            };
                            Some((k.clone(), text))
                        })
                        .collect()
                })
                .unwrap_or_default();
            geojson_geometry(feature.get("geometry").filter(|g| !g.is_null()), properties)
        })
        .collect())
}

fn geojson_geometry(
    geometry: Option<&serde_json::Value>,
    properties: Vec<(String, String)>,
) -> RawFeature {
    let mut feature = RawFeature {
        properties,
        ..RawFeature::default()
    };
    let Some(geometry) = geometry else {
        return feature;
    };
    let coordinates = geometry.get("coordinates");
    match geometry.get("type").and_then(serde_json::Value::as_str) {
        Some("Point") => feature.points.push(coordinates.and_then(json_position)),
        Some("MultiPoint") => feature.points.extend(
            coordinates
                .and_then(serde_json::Value::as_array)
                .into_iter()
                .flatten()
                .map(json_position),
        ),
        Some(other) => feature.other_geometry = Some(other.to_owned()),
        None => feature.other_geometry = Some("?".to_owned()),
    }
    feature
}

fn kml_tuple(text: &str) -> Option<(f64, f64)> {
    let first = text.split_whitespace().next()?;
    let mut parts = first.split(',').map(|n| n.trim().parse::<f64>().ok());
    position(parts.next().flatten(), parts.next().flatten())
}

/// Reads every `<Placemark>`: its `<name>`, its `<ExtendedData>` (`<Data name>`/`<value>` and
/// `<SimpleData name>`), its points (also inside a `<MultiGeometry>`) and any other geometry.
fn kml_features(text: &str) -> Result<Vec<RawFeature>, GeometryProblem> {
    use quick_xml::events::Event;
    let not_kml = |detail: String| GeometryProblem::NotKml { detail };
    let mut reader = quick_xml::Reader::from_str(text);
    let mut features = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut current: Option<RawFeature> = None;
    let mut buffer = String::new();
    let mut data_key: Option<String> = None;
    let mut point_has_coordinates = false;
    let attribute_name = |e: &quick_xml::events::BytesStart<'_>| {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == b"name")
            .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                buffer.clear();
                match name.as_str() {
                    "Placemark" => current = Some(RawFeature::default()),
                    "Data" | "SimpleData" => data_key = attribute_name(&e),
                    "Point" => point_has_coordinates = false,
                    "LineString" | "LinearRing" | "Polygon" | "Track" | "MultiTrack" | "Model" => {
                        if let Some(f) = current.as_mut() {
                            f.other_geometry.get_or_insert_with(|| name.clone());
                        }
                    }
                    _ => {}
                }
                stack.push(name);
            }
            Ok(Event::Empty(e)) => {
                if e.local_name().as_ref() == b"Point"
                    && let Some(f) = current.as_mut()
                {
                    f.points.push(None);
                }
            }
            Ok(Event::Text(t)) => {
                buffer.push_str(&t.decode().map_err(|e| not_kml(e.to_string()))?);
            }
            Ok(Event::CData(t)) => {
                buffer.push_str(&t.decode().map_err(|e| not_kml(e.to_string()))?);
            }
            Ok(Event::GeneralRef(r)) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    buffer.push(c);
                } else {
                    let entity = r.decode().map_err(|e| not_kml(e.to_string()))?;
                    match quick_xml::escape::resolve_predefined_entity(&entity) {
                        Some(resolved) => buffer.push_str(resolved),
                        None => {
                            return Err(not_kml(format!("unknown entity &{entity};")));
                        }
                    }
                }
            }
            Ok(Event::End(_)) => {
                let name = stack.pop().unwrap_or_default();
                let parent = stack.last().map(String::as_str).unwrap_or_default();
                if let Some(f) = current.as_mut() {
                    match (name.as_str(), parent) {
                        ("name", "Placemark") => f.kml_name = Some(buffer.trim().to_owned()),
                        ("value", "Data") | ("SimpleData", _) => {
                            if let Some(key) = data_key.take() {
                                f.properties.push((key, buffer.trim().to_owned()));
                            }
                        }
                        ("coordinates", "Point") => {
                            point_has_coordinates = true;
                            f.points.push(kml_tuple(&buffer));
                        }
                        ("Point", _) if !point_has_coordinates => f.points.push(None),
                        ("Placemark", _) => {
                            if let Some(f) = current.take() {
                                features.push(f);
                            }
                        }
                        _ => {}
                    }
                }
                buffer.clear();
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(not_kml(e.to_string())),
            _ => {}
        }
    }
    if let Some(unclosed) = current {
        features.push(unclosed);
    }
    Ok(features)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_geojson_collection_gives_its_points_and_every_bad_feature_with_its_reason() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"NOMBRE":"Vereda La Carmelita","MUNICIPIO":"Puerto Asís"},
             "geometry":{"type":"Point","coordinates":[-76.52,0.49,310]}},
            {"type":"Feature","properties":{"vereda":"El Placer"},
             "geometry":{"type":"MultiPoint","coordinates":[[-76.9,0.4]]}},
            {"type":"Feature","properties":{"name":"Área"},
             "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
            {"type":"Feature","properties":{"comunidad":"Lejos"},
             "geometry":{"type":"Point","coordinates":[-200,0.4]}},
            {"type":"Feature","properties":{"id":7},
             "geometry":{"type":"Point","coordinates":[-76.1,0.2]}},
            {"type":"Feature","properties":{"name":"vereda la  carmelita"},
             "geometry":{"type":"Point","coordinates":[-76.5,0.5]}},
            {"type":"Feature","properties":{"name":"Dos puntos"},
             "geometry":{"type":"MultiPoint","coordinates":[[-76.9,0.4],[-76.8,0.4]]}},
            {"type":"Feature","properties":{"community":"Sin forma"},"geometry":null},
            {"type":"Feature","properties":{"name":"X","municipality":"M\u0000"},
             "geometry":{"type":"Point","coordinates":["a",1]}}
        ]}"#;
        let import = read_points(text).unwrap();
        assert_eq!(
            import.points,
            vec![
                NamedPoint {
                    index: 1,
                    name: "Vereda La Carmelita".into(),
                    municipality: Some("Puerto Asís".into()),
                    lon: -76.52,
                    lat: 0.49
                },
                NamedPoint {
                    index: 2,
                    name: "El Placer".into(),
                    municipality: None,
                    lon: -76.9,
                    lat: 0.4
                },
            ]
        );
        let problems: Vec<(u32, Option<&str>, &FeatureProblem)> = import
            .problems
            .iter()
            .map(|p| (p.index, p.name.as_deref(), &p.problem))
            .collect();
        assert_eq!(
            problems,
            vec![
                (
                    3,
                    Some("Área"),
                    &FeatureProblem::NotAPoint {
                        geometry: "Polygon".into()
                    }
                ),
                (4, Some("Lejos"), &FeatureProblem::CoordinatesOutOfRange),
                (5, None, &FeatureProblem::NoName),
                (
                    6,
                    Some("vereda la  carmelita"),
                    &FeatureProblem::DuplicateName { first: 1 }
                ),
                (
                    7,
                    Some("Dos puntos"),
                    &FeatureProblem::SeveralPoints { count: 2 }
                ),
                (8, Some("Sin forma"), &FeatureProblem::NoGeometry),
                (9, Some("X"), &FeatureProblem::CoordinatesOutOfRange),
                (
                    9,
                    Some("X"),
                    &FeatureProblem::InvalidMunicipality {
                        problem: Problem::ControlCharacters
                    }
                ),
            ]
        );
        // Nothing dropped: each of the 9 features is a point or has a problem.
        let mut seen: Vec<u32> = import.points.iter().map(|p| p.index).collect();
        seen.extend(import.problems.iter().map(|p| p.index));
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen, (1..=9).collect::<Vec<_>>());
    }

    #[test]
    fn problems_are_explained_in_both_languages() {
        let problem = PointProblem {
            index: 3,
            name: Some("Área".into()),
            problem: FeatureProblem::NotAPoint {
                geometry: "Polygon".into(),
            },
        };
        assert_eq!(
            problem.message(Locale::En),
            "Feature 3 (“Área”): Its geometry is a Polygon, not a point."
        );
        assert_eq!(
            problem.message(Locale::Es),
            "Elemento 3 («Área»): Su geometría es Polygon, no un punto."
        );
        let duplicate = PointProblem {
            index: 6,
            name: None,
            problem: FeatureProblem::DuplicateName { first: 1 },
        };
        assert_eq!(
            duplicate.message(Locale::Es),
            "Elemento 6: El elemento 1 del archivo ya tiene este nombre."
        );
        assert!(
            FeatureProblem::NoName
                .message(Locale::En)
                .contains("nombre")
        );
        assert_eq!(
            serde_json::to_value(&FeatureProblem::SeveralPoints { count: 2 }).unwrap(),
            serde_json::json!({"code": "several_points", "count": 2})
        );
    }

    #[test]
    fn kml_placemarks_with_points_are_read_with_their_extended_data() {
        let kml = r##"<?xml version="1.0" encoding="UTF-8"?>
            <kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Veredas del proyecto</name>
            <Folder><name>Putumayo</name>
            <Placemark><name>La Carmelita</name>
              <ExtendedData><Data name="municipio"><value>Puerto Asís</value></Data></ExtendedData>
              <Point><coordinates> -76.52,0.49,0 </coordinates></Point></Placemark>
            <Placemark><name><![CDATA[Santa Rosa & El Cedro]]></name>
              <ExtendedData><SchemaData schemaUrl="#s"><SimpleData name="MUNICIPIO">Orito</SimpleData></SchemaData></ExtendedData>
              <MultiGeometry><Point><coordinates>-76.87,0.67</coordinates></Point></MultiGeometry></Placemark>
            <Placemark><name>El &amp; Paraíso &#233;</name><Point><coordinates>-76.6,0.3</coordinates></Point></Placemark>
            </Folder></Document></kml>"##;
        let import = read_points(kml).unwrap();
        assert!(import.problems.is_empty(), "{:?}", import.problems);
        let names: Vec<(&str, Option<&str>)> = import
            .points
            .iter()
            .map(|p| (p.name.as_str(), p.municipality.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                ("La Carmelita", Some("Puerto Asís")),
                ("Santa Rosa & El Cedro", Some("Orito")),
                ("El & Paraíso é", None),
            ]
        );
        assert_eq!((import.points[1].lon, import.points[1].lat), (-76.87, 0.67));
        assert_eq!(import.points[2].index, 3);
    }

    #[test]
    fn bad_kml_placemarks_are_each_reported() {
        let kml = r#"<kml><Document>
            <Placemark><name>Zona</name><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
            <Placemark><Point><coordinates>-76.5,0.5</coordinates></Point></Placemark>
            <Placemark><name>Fuera</name><Point><coordinates>-76.5,95</coordinates></Point></Placemark>
            <Placemark><name>Vacía</name><Point></Point></Placemark>
            <Placemark><name>Dos</name><MultiGeometry><Point><coordinates>1,1</coordinates></Point><Point><coordinates>2,2</coordinates></Point></MultiGeometry></Placemark>
            <Placemark><name>Camino</name><LineString><coordinates>0,0 1,1</coordinates></LineString></Placemark>
            <Placemark><name>Sola</name></Placemark>
            </Document></kml>"#;
        let import = read_points(kml).unwrap();
        assert!(import.points.is_empty());
        let problems: Vec<(u32, &FeatureProblem)> = import
            .problems
            .iter()
            .map(|p| (p.index, &p.problem))
            .collect();
        assert_eq!(
            problems,
            vec![
                (
                    1,
                    &FeatureProblem::NotAPoint {
                        geometry: "Polygon".into()
                    }
                ),
                (2, &FeatureProblem::NoName),
                (3, &FeatureProblem::CoordinatesOutOfRange),
                (4, &FeatureProblem::CoordinatesOutOfRange),
                (5, &FeatureProblem::SeveralPoints { count: 2 }),
                (
                    6,
                    &FeatureProblem::NotAPoint {
                        geometry: "LineString".into()
                    }
                ),
                (7, &FeatureProblem::NoGeometry),
            ]
        );
    }

    #[test]
    fn files_that_cannot_be_read_at_all_are_refused() {
        assert!(matches!(
            read_points("{nope"),
            Err(GeometryProblem::NotGeoJson { .. })
        ));
        assert!(matches!(
            read_points(r#"{"type":"FeatureCollection"}"#),
            Err(GeometryProblem::NotGeoJson { .. })
        ));
        assert!(matches!(
            read_points("<kml><Placemark><name>a</nombre></kml>"),
            Err(GeometryProblem::NotKml { .. })
        ));
        assert_eq!(
            read_points(r#"{"type":"FeatureCollection","features":[]}"#).unwrap(),
            PointImport::default()
        );
    }

    #[test]
    fn a_bare_point_geometry_is_one_feature_without_a_name() {
        let import =
            read_points("\u{feff}{\"type\":\"Point\",\"coordinates\":[-74.1,4.6]}").unwrap();
        assert_eq!(
            import.problems,
            vec![PointProblem {
                index: 1,
                name: None,
                problem: FeatureProblem::NoName
            }]
        );
    }

    #[test]
    fn a_name_too_long_for_a_community_is_refused() {
        let long = "V".repeat(201);
        let text = format!(
            r#"{{"type":"Feature","properties":{{"name":"{long}"}},"geometry":{{"type":"Point","coordinates":[0,0]}}}}"#
        );
        let import = read_points(&text).unwrap();
        assert_eq!(
            import.problems[0].problem,
            FeatureProblem::InvalidName {
                problem: Problem::TooLong { max: 200 }
            }
        );
        assert_eq!(import.problems[0].name.as_deref().map(str::len), Some(80));
    }
}
