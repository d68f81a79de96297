//! Project areas and community locations: reading GeoJSON, checking the geometry (closed rings,
//! coordinates in range, no self-intersection) and measuring areas in hectares on the WGS84
//! ellipsoid (Karney's geodesic algorithms through the geo crate — not a spherical
//! approximation).

use crate::i18n::Locale;
use geo::orient::{Direction, Orient};
use geo::{Contains, Coord, GeodesicArea, LineString, MultiPolygon, Point, Polygon, Validation};
use serde::{Deserialize, Serialize};

/// What is wrong with a geometry, and where (ring 0 is a polygon's outer boundary, 1.. its holes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum GeometryProblem {
    /// The text is not GeoJSON.
    NotGeoJson {
        /// The parser's explanation.
        detail: String,
    },
    /// The GeoJSON holds no polygon (a project area must be a Polygon or MultiPolygon).
    NoPolygon,
    /// A ring's last point is not its first.
    RingNotClosed {
        /// Which polygon.
        polygon: u32,
        /// Which ring.
        ring: u32,
    },
    /// A ring has fewer than 4 points (3 distinct corners and the closing point).
    TooFewPoints {
        /// Which polygon.
        polygon: u32,
        /// Which ring.
        ring: u32,
    },
    /// A coordinate is outside longitude −180…180 or latitude −90…90 (or not a number).
    CoordinateOutOfRange {
        /// Which polygon.
        polygon: u32,
        /// Which ring.
        ring: u32,
        /// Which point.
        point: u32,
    },
    /// A ring crosses itself, or the rings of a polygon cross.
    SelfIntersection {
        /// Which polygon.
        polygon: u32,
    },
}

impl GeometryProblem {
    /// A sentence for people.
    pub fn message(&self, locale: Locale) -> String {
        let es = locale == Locale::Es;
        match self {
            GeometryProblem::NotGeoJson { detail } => {
                if es {
                    format!("El archivo no es GeoJSON válido: {detail}")
                } else {
                    format!("The file is not valid GeoJSON: {detail}")
                }
            }
            GeometryProblem::NoPolygon => if es {
                "El archivo no contiene ningún polígono."
            } else {
                "The file holds no polygon."
            }
            .to_owned(),
            GeometryProblem::RingNotClosed { polygon, ring } => {
                if es {
                    format!(
                        "Polígono {}, anillo {}: el último punto no es igual al primero.",
                        polygon + 1,
                        ring + 1
                    )
                } else {
                    format!(
                        "Polygon {}, ring {}: the last point is not the first.",
                        polygon + 1,
                        ring + 1
                    )
                }
            }
            GeometryProblem::TooFewPoints { polygon, ring } => {
                if es {
                    format!(
                        "Polígono {}, anillo {}: se necesitan al menos 3 vértices distintos.",
                        polygon + 1,
                        ring + 1
                    )
                } else {
                    format!(
                        "Polygon {}, ring {}: at least 3 distinct corners are needed.",
                        polygon + 1,
                        ring + 1
                    )
                }
            }
            GeometryProblem::CoordinateOutOfRange {
                polygon,
                ring,
                point,
            } => {
                if es {
                    format!(
                        "Polígono {}, anillo {}, punto {}: la longitud debe estar entre −180 y 180 y la latitud entre −90 y 90.",
                        polygon + 1,
                        ring + 1,
                        point + 1
                    )
                } else {
                    format!(
                        "Polygon {}, ring {}, point {}: longitude must be within −180…180 and latitude within −90…90.",
                        polygon + 1,
                        ring + 1,
                        point + 1
                    )
                }
            }
            GeometryProblem::SelfIntersection { polygon } => {
                if es {
                    format!("Polígono {}: el borde se cruza consigo mismo.", polygon + 1)
                } else {
                    format!("Polygon {}: its boundary crosses itself.", polygon + 1)
                }
            }
        }
    }
}

/// A valid area: one or more polygons in WGS84 longitude/latitude.
#[derive(Clone, Debug, PartialEq)]
pub struct Area(MultiPolygon<f64>);

impl Area {
    /// The area in hectares, measured on the WGS84 ellipsoid (holes subtracted).
    pub fn hectares(&self) -> f64 {
        self.0.geodesic_area_unsigned() / 10_000.0
    }

    /// Whether a point (longitude, latitude) lies inside the area.
    pub fn contains(&self, longitude: f64, latitude: f64) -> bool {
        self.0.contains(&Point::new(longitude, latitude))
    }

    /// The polygons.
    pub fn polygons(&self) -> &MultiPolygon<f64> {
        &self.0
    }
}

type Rings = Vec<Vec<Vec<f64>>>;

/// Reads every Polygon and MultiPolygon in a GeoJSON text (a geometry, a feature or a feature
/// collection) into one area, reporting every problem found.
pub fn area_from_geojson(text: &str) -> Result<Area, Vec<GeometryProblem>> {
    let parsed: geojson::GeoJson = text.parse().map_err(|e: geojson::Error| {
        vec![GeometryProblem::NotGeoJson {
            detail: e.to_string(),
        }]
    })?;
    let mut polygons: Vec<Rings> = Vec::new();
    collect_polygons(&parsed, &mut polygons);
    if polygons.is_empty() {
        return Err(vec![GeometryProblem::NoPolygon]);
    }
    area_from_rings(&polygons)
}

/// One feature of a collection: its properties and its area (or what is wrong with it).
pub type FeatureArea = (geojson::JsonObject, Result<Area, Vec<GeometryProblem>>);

/// Reads one GeoJSON feature's polygons (for a feature collection of several areas, such as
/// departments, one area each).
pub fn areas_of_features(text: &str) -> Result<Vec<FeatureArea>, GeometryProblem> {
    let parsed: geojson::GeoJson =
        text.parse()
            .map_err(|e: geojson::Error| GeometryProblem::NotGeoJson {
                detail: e.to_string(),
            })?;
    let features = match parsed {
        geojson::GeoJson::FeatureCollection(c) => c.features,
        geojson::GeoJson::Feature(f) => vec![f],
        geojson::GeoJson::Geometry(_) => return Err(GeometryProblem::NoPolygon),
    };
    Ok(features
        .into_iter()
        .map(|f| {
            let properties = f.properties.clone().unwrap_or_default();
            let mut polygons = Vec::new();
            collect_polygons(&geojson::GeoJson::Feature(f), &mut polygons);
            let area = if polygons.is_empty() {
                Err(vec![GeometryProblem::NoPolygon])
            } else {
                area_from_rings(&polygons)
            };
            (properties, area)
        })
        .collect())
}

fn rings_of(polygon: &geojson::PolygonType) -> Rings {
    polygon
        .iter()
        .map(|ring| ring.iter().map(|p| p.as_slice().to_vec()).collect())
        .collect()
}

fn collect_polygons(value: &geojson::GeoJson, out: &mut Vec<Rings>) {
    fn from_geometry(geometry: &geojson::Geometry, out: &mut Vec<Rings>) {
        match &geometry.value {
            geojson::GeometryValue::Polygon { coordinates } => out.push(rings_of(coordinates)),
            geojson::GeometryValue::MultiPolygon { coordinates } => {
                out.extend(coordinates.iter().map(rings_of));
            }
            geojson::GeometryValue::GeometryCollection { geometries } => {
                geometries.iter().for_each(|g| from_geometry(g, out));
            }
            _ => {}
        }
    }
    match value {
        geojson::GeoJson::Geometry(g) => from_geometry(g, out),
        geojson::GeoJson::Feature(f) => {
            if let Some(g) = &f.geometry {
                from_geometry(g, out);
            }
        }
        geojson::GeoJson::FeatureCollection(c) => {
            for f in &c.features {
                if let Some(g) = &f.geometry {
                    from_geometry(g, out);
                }
            }
        }
    }
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Checks rings given as `[[[lon, lat], ...], ...]` per polygon and builds the area.
pub fn area_from_rings(polygons: &[Rings]) -> Result<Area, Vec<GeometryProblem>> {
    let mut problems = Vec::new();
    let mut built = Vec::new();
    for (p, rings) in polygons.iter().enumerate() {
        let mut line_strings = Vec::new();
        for (r, ring) in rings.iter().enumerate() {
            let (polygon, ring_index) = (index(p), index(r));
            let mut coords = Vec::with_capacity(ring.len());
            for (i, position) in ring.iter().enumerate() {
                let (lon, lat) = (position.first().copied(), position.get(1).copied());
                match (lon, lat) {
                    (Some(lon), Some(lat))
                        if lon.is_finite()
                            && lat.is_finite()
                            && (-180.0..=180.0).contains(&lon)
                            && (-90.0..=90.0).contains(&lat) =>
                    {
                        coords.push(Coord { x: lon, y: lat });
                    }
                    _ => problems.push(GeometryProblem::CoordinateOutOfRange {
                        polygon,
                        ring: ring_index,
                        point: index(i),
                    }),
                }
            }
            if ring.len() < 4 {
                problems.push(GeometryProblem::TooFewPoints {
                    polygon,
                    ring: ring_index,
                });
            } else if ring.first() != ring.last() {
                problems.push(GeometryProblem::RingNotClosed {
                    polygon,
                    ring: ring_index,
                });
            }
            line_strings.push(LineString::new(coords));
        }
        if line_strings.is_empty() {
            problems.push(GeometryProblem::TooFewPoints {
                polygon: index(p),
                ring: 0,
            });
            continue;
        }
        let exterior = line_strings.remove(0);
        built.push(Polygon::new(exterior, line_strings));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for (p, polygon) in built.iter().enumerate() {
        if !polygon.is_valid() {
            problems.push(GeometryProblem::SelfIntersection { polygon: index(p) });
        }
    }
    if problems.is_empty() {
        // Outer rings counter-clockwise, holes clockwise: the ellipsoidal area of a ring is then
        // the inside it encloses, never the rest of the globe, whatever order the file used.
        Ok(Area(MultiPolygon::new(built).orient(Direction::Default)))
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERU: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/data/geo/peru_departamental_simple.geojson"
    );
    const REFERENCE: &str = include_str!("../testdata/peru_departments_geographiclib.csv");

    #[test]
    fn the_area_of_every_peruvian_department_is_within_a_ten_thousandth_of_geographiclib() {
        let text = std::fs::read_to_string(PERU)
            .unwrap_or_else(|e| panic!("the reference boundaries at {PERU}: {e}"));
        let areas = areas_of_features(&text).unwrap();
        assert_eq!(areas.len(), 25);
        let expected: std::collections::HashMap<&str, f64> = REFERENCE
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(','))
            .map(|(name, ha)| (name, ha.parse().unwrap()))
            .collect();
        for (properties, area) in areas {
            let name = properties["NOMBDEP"].as_str().unwrap().to_owned();
            let area = area.unwrap_or_else(|p| panic!("{name}: {p:?}"));
            let reference = expected[name.as_str()];
            let relative = (area.hectares() - reference).abs() / reference;
            assert!(
                relative < 1e-4,
                "{name}: {} ha against GeographicLib's {reference} ha",
                area.hectares()
            );
        }
    }

    #[test]
    fn a_one_degree_square_at_the_equator_has_its_ellipsoidal_area() {
        // GeographicLib (WGS84): 12,308,778,361.469 m² for the square 0..1°E × 0..1°N.
        let area = area_from_geojson(
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"#,
        )
        .unwrap();
        let expected = 12_308_778_361.469 / 10_000.0;
        assert!(
            (area.hectares() - expected).abs() / expected < 1e-6,
            "{}",
            area.hectares()
        );
        assert!(area.contains(0.5, 0.5));
        assert!(!area.contains(1.5, 0.5));
    }

    #[test]
    fn holes_are_subtracted() {
        let with_hole = area_from_geojson(
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.25,0.25],[0.25,0.75],[0.75,0.75],[0.75,0.25],[0.25,0.25]]]}"#,
        )
        .unwrap();
        let full = area_from_geojson(
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"#,
        )
        .unwrap();
        assert!(with_hole.hectares() < full.hectares() * 0.76);
        assert!(!with_hole.contains(0.5, 0.5));
    }

    #[test]
    fn open_rings_short_rings_and_coordinates_out_of_range_are_reported_with_their_place() {
        let problems = area_from_geojson(
            r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1]]],[[[0,0],[1,0],[0,0]]],[[[0,0],[200,0],[1,95],[0,0]]]]}"#,
        )
        .unwrap_err();
        assert_eq!(
            problems,
            vec![
                GeometryProblem::RingNotClosed {
                    polygon: 0,
                    ring: 0
                },
                GeometryProblem::TooFewPoints {
                    polygon: 1,
                    ring: 0
                },
                GeometryProblem::CoordinateOutOfRange {
                    polygon: 2,
                    ring: 0,
                    point: 1
                },
                GeometryProblem::CoordinateOutOfRange {
                    polygon: 2,
                    ring: 0,
                    point: 2
                },
            ]
        );
        assert!(problems[0].message(Locale::Es).contains("anillo 1"));
    }

    #[test]
    fn a_bow_tie_crossing_itself_is_refused() {
        let problems = area_from_geojson(
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"#,
        )
        .unwrap_err();
        assert_eq!(
            problems,
            vec![GeometryProblem::SelfIntersection { polygon: 0 }]
        );
    }

    #[test]
    fn text_that_is_not_geojson_or_holds_no_polygon_is_refused() {
        assert!(matches!(
            area_from_geojson("{nope").unwrap_err()[0],
            GeometryProblem::NotGeoJson { .. }
        ));
        assert_eq!(
            area_from_geojson(r#"{"type":"Point","coordinates":[-74.1,4.6]}"#).unwrap_err(),
            vec![GeometryProblem::NoPolygon]
        );
    }
}
