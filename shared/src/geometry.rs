//! Project areas and community locations: reading GeoJSON, checking the geometry (closed rings,
//! coordinates in range, no self-intersection) and measuring areas in hectares on the WGS84
//! ellipsoid (Karney's geodesic algorithms through the geo crate — not a spherical
//! approximation).

pub use crate::geometry_problem::GeometryProblem;
use crate::i18n::Locale;
use crate::mapview::{self, MapArea, MapCommunity, MapLayers, MapOptions, MapPlot};
use crate::ring_sides::{Side, any_clash};
use geo::orient::{Direction, Orient};
use geo::{Contains, Coord, GeodesicArea, Line, LineString, MultiPolygon, Point, Polygon};

/// The most corners an area may have, all its rings together: a municipality's boundary,
/// simplified for a map, has a few thousand. Checked before anything is built, so the
/// validity check (a sweep over the sides) stays within a fraction of a second.
pub const CORNERS_MAX: usize = 10_000;

/// A valid area: one or more polygons in WGS84 longitude/latitude.
#[derive(Clone, Debug, PartialEq)]
pub struct Area(MultiPolygon<f64>);

impl Area {
    /// The area in hectares, measured on the WGS84 ellipsoid (holes subtracted).
    pub fn hectares(&self) -> f64 {
        self.0.geodesic_area_unsigned() / 10_000.0
    }

    /// The area in hectares as stored and shown: to the square metre (four decimals), rounded
    /// half to even.
    pub fn hectares_decimal(&self) -> rust_decimal::Decimal {
        rust_decimal::Decimal::from_f64_retain(self.hectares())
            .unwrap_or_default()
            .round_dp(4)
            .normalize()
    }

    /// Whether a point (longitude, latitude) lies inside the area.
    pub fn contains(&self, longitude: f64, latitude: f64) -> bool {
        self.0.contains(&Point::new(longitude, latitude))
    }

    /// The polygons.
    pub fn polygons(&self) -> &MultiPolygon<f64> {
        &self.0
    }

    /// The area as a GeoJSON MultiPolygon geometry (the form it is stored in).
    pub fn to_geojson(&self) -> String {
        geojson::Geometry::from(&self.0).to_string()
    }

    /// An area as stored (its [`Area::to_geojson`]): it was checked when it was given, so it
    /// is read without checking it again; `None` when the text is not a stored area.
    pub fn from_stored(geojson: &str) -> Option<Area> {
        let parsed: geojson::GeoJson = geojson.parse().ok()?;
        let mut polygons: Vec<Rings> = Vec::new();
        collect_polygons(&parsed, &mut polygons);
        let built = polygons
            .iter()
            .filter_map(|rings| {
                let mut lines = rings.iter().map(|ring| {
                    LineString::new(
                        ring.iter()
                            .filter_map(|p| {
                                Some(Coord {
                                    x: *p.first()?,
                                    y: *p.get(1)?,
                                })
                            })
                            .collect(),
                    )
                });
                Some(Polygon::new(lines.next()?, lines.collect()))
            })
            .collect::<Vec<_>>();
        (!built.is_empty()).then(|| Area(MultiPolygon::new(built).orient(Direction::Default)))
    }

    /// The centre of mass of the polygons as (longitude, latitude): where a plot with a
    /// boundary is marked when only one point can be shown. Inside any convex polygon.
    pub fn centroid(&self) -> Option<(f64, f64)> {
        use geo::Centroid;
        self.0.centroid().map(|p| (p.x(), p.y()))
    }

    /// The bounding box: (west, south, east, north).
    pub fn bounds(&self) -> Option<(f64, f64, f64, f64)> {
        use geo::BoundingRect;
        self.0
            .bounding_rect()
            .map(|r| (r.min().x, r.min().y, r.max().x, r.max().y))
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

/// Reads an area from GeoJSON or KML, telling them apart by the first character (`<` for KML).
pub fn area_from_text(text: &str) -> Result<Area, Vec<GeometryProblem>> {
    if text.trim_start().starts_with('<') {
        area_from_kml(text)
    } else {
        area_from_geojson(text)
    }
}

/// Reads every `<Polygon>` of a KML document (its outer boundary and holes; coordinates are
/// `longitude,latitude[,altitude]` separated by white space) into one area, reporting every
/// problem found. A coordinate that is not a number is reported as out of range at its place.
pub fn area_from_kml(text: &str) -> Result<Area, Vec<GeometryProblem>> {
    use quick_xml::events::Event;
    let not_kml = |detail: String| vec![GeometryProblem::NotKml { detail }];
    let mut reader = quick_xml::Reader::from_str(text);
    let mut polygons: Vec<Rings> = Vec::new();
    let mut outer: Option<Vec<Vec<f64>>> = None;
    let mut holes: Rings = Vec::new();
    let (mut in_polygon, mut in_outer, mut in_coordinates) = (false, false, false);
    let mut coordinates = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"Polygon" => {
                    in_polygon = true;
                    outer = None;
                    holes.clear();
                }
                b"outerBoundaryIs" => in_outer = true,
                b"innerBoundaryIs" => in_outer = false,
                b"coordinates" if in_polygon => {
                    in_coordinates = true;
                    coordinates.clear();
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_coordinates => {
                coordinates.push_str(&t.decode().map_err(|e| not_kml(e.to_string()))?);
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"coordinates" if in_coordinates => {
                    in_coordinates = false;
                    let ring: Vec<Vec<f64>> = coordinates
                        .split_whitespace()
                        .map(|tuple| {
                            tuple
                                .split(',')
                                .take(2)
                                .map(|n| n.trim().parse::<f64>().unwrap_or(f64::NAN))
                                .collect()
                        })
                        .collect();
                    if in_outer {
                        outer = Some(ring);
                    } else {
                        holes.push(ring);
                    }
                }
                b"Polygon" => {
                    in_polygon = false;
                    let mut rings = vec![outer.take().unwrap_or_default()];
                    rings.append(&mut holes);
                    polygons.push(rings);
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(e) => return Err(not_kml(e.to_string())),
            _ => {}
        }
    }
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

/// Whether a polygon's rings cross themselves or each other, or a hole lies outside the outer
/// boundary or inside another hole: a sweep over the sides (`crate::ring_sides`) instead of
/// every pair of sides, then one point of each hole located.
fn invalid(polygon: &Polygon<f64>) -> Option<Option<usize>> {
    let rings: Vec<&LineString<f64>> = std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .collect();
    let mut sides = Vec::new();
    for (r, ring) in rings.iter().enumerate() {
        // Repeated corners make sides of no length: leave them out.
        let lines: Vec<Line<f64>> = ring.lines().filter(|l| l.start != l.end).collect();
        let n = lines.len();
        sides.extend(lines.into_iter().enumerate().map(|(index, line)| Side {
            ring: r,
            index,
            sides_in_ring: n,
            line,
        }));
    }
    if any_clash(&sides) {
        return Some(None);
    }
    // No sides cross: one corner of a hole tells where the whole hole lies.
    let outer = Polygon::new(polygon.exterior().clone(), vec![]);
    let holes: Vec<Polygon<f64>> = polygon
        .interiors()
        .iter()
        .map(|h| Polygon::new(h.clone(), vec![]))
        .collect();
    for (h, hole) in polygon.interiors().iter().enumerate() {
        let Some(corner) = hole.0.first().map(|c| Point::from(*c)) else {
            continue;
        };
        let inside_another = holes
            .iter()
            .enumerate()
            .any(|(other, o)| other != h && o.contains(&corner));
        if !outer.contains(&corner) && !outer.exterior().contains(&corner) || inside_another {
            return Some(Some(h + 1));
        }
    }
    None
}

/// Checks rings given as `[[[lon, lat], ...], ...]` per polygon and builds the area.
pub fn area_from_rings(polygons: &[Rings]) -> Result<Area, Vec<GeometryProblem>> {
    let corners: usize = polygons.iter().flatten().map(Vec::len).sum();
    if corners > CORNERS_MAX {
        return Err(vec![GeometryProblem::TooManyCorners {
            max: index(CORNERS_MAX),
        }]);
    }
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
        match invalid(polygon) {
            None => {}
            Some(None) => problems.push(GeometryProblem::SelfIntersection { polygon: index(p) }),
            Some(Some(ring)) => problems.push(GeometryProblem::HoleOutside {
                polygon: index(p),
                ring: index(ring),
            }),
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

/// A point to mark on a map: its label and (longitude, latitude).
#[derive(Clone, Debug, PartialEq)]
pub struct MapPoint {
    /// The label.
    pub label: String,
    /// Longitude.
    pub longitude: f64,
    /// Latitude.
    pub latitude: f64,
}

impl MapPoint {
    /// The point as a community marker, flagged when it lies outside `area`.
    pub fn community_in(&self, area: &Area) -> MapCommunity {
        MapCommunity {
            label: self.label.clone(),
            lon: self.longitude,
            lat: self.latitude,
            outside_area: !area.contains(self.longitude, self.latitude),
        }
    }
}

impl Area {
    /// The area as a map layer: every polygon's rings as (longitude, latitude), labelled `label`
    /// in the legend.
    pub fn map_area(&self, label: impl Into<String>) -> MapArea {
        let ring = |r: &LineString<f64>| r.coords().map(|c| (c.x, c.y)).collect();
        MapArea {
            label: label.into(),
            polygons: self
                .0
                .0
                .iter()
                .map(|p| {
                    std::iter::once(p.exterior())
                        .chain(p.interiors())
                        .map(ring)
                        .collect()
                })
                .collect(),
        }
    }
}

impl From<&Area> for MapArea {
    /// The area as a map layer with the generic legend entry.
    fn from(area: &Area) -> MapArea {
        area.map_area("")
    }
}

/// The legend's name for a project's area.
pub fn project_area_label(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "Project area",
        Locale::Es => "Área del proyecto",
    }
}

/// The layers of a project's map: its area (labelled "Project area" in the reader's language),
/// its communities (each flagged when outside the area) and its plots.
pub fn project_map_layers(
    area: &Area,
    communities: &[MapPoint],
    plots: &[MapPlot],
    locale: Locale,
) -> MapLayers {
    MapLayers {
        areas: vec![area.map_area(project_area_label(locale))],
        communities: communities.iter().map(|c| c.community_in(area)).collect(),
        plots: plots.to_vec(),
    }
}

/// A project's map as an SVG document (see [`crate::mapview::map_svg`]): the area, the
/// communities (hollow vermillion rings outside the area) and the plots, with the title, legend,
/// graticule and scale bar in `options.locale` and the tile layer of `options.tile_url` when the
/// deployment has one.
pub fn project_map_svg(
    area: &Area,
    communities: &[MapPoint],
    plots: &[MapPlot],
    options: &MapOptions,
) -> String {
    mapview::map_svg(
        &project_map_layers(area, communities, plots, options.locale),
        options,
    )
}

/// A map of an area and points in English without tiles: [`project_map_svg`] with
/// [`MapOptions::new`]. Kept for the pages that call it today; new code passes the reader's
/// locale to [`project_map_svg`].
pub fn map_svg(area: &Area, points: &[MapPoint], title: &str) -> String {
    project_map_svg(area, points, &[], &MapOptions::new(title, Locale::En))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERU: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/geo/peru_departamental_simple.geojson"
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
    fn a_map_draws_the_area_and_marks_points_outside_it() {
        let area = area_from_geojson(
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"#,
        )
        .unwrap();
        let points = [
            MapPoint {
                label: "Vereda <A>".into(),
                longitude: 0.5,
                latitude: 0.5,
            },
            MapPoint {
                label: "Outside".into(),
                longitude: 1.5,
                latitude: 0.5,
            },
        ];
        let svg = map_svg(&area, &points, "Project area");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title>Project area</title>"));
        assert!(svg.contains("Vereda &lt;A&gt;"), "labels are escaped");
        assert!(
            svg.contains("stroke=\"#D55E00\""),
            "the outside point is flagged"
        );
    }

    #[test]
    fn an_area_becomes_a_map_layer_with_its_holes() {
        let area = area_from_geojson(
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.25,0.25],[0.25,0.75],[0.75,0.75],[0.75,0.25],[0.25,0.25]]]}"#,
        )
        .unwrap();
        let layer = area.map_area("Proyecto");
        assert_eq!(layer.label, "Proyecto");
        assert_eq!(layer.polygons.len(), 1);
        assert_eq!(layer.polygons[0].len(), 2, "outer ring and hole");
        assert_eq!(layer.polygons[0][0].len(), 5);
        assert!(layer.polygons[0][0].contains(&(1.0, 1.0)));
        assert_eq!(MapArea::from(&area).label, "");
    }

    #[test]
    fn the_project_map_is_drawn_in_the_readers_language_with_its_plots() {
        let area = area_from_geojson(
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"#,
        )
        .unwrap();
        let communities = [
            MapPoint {
                label: "Dentro".into(),
                longitude: 0.5,
                latitude: 0.5,
            },
            MapPoint {
                label: "Fuera".into(),
                longitude: 1.5,
                latitude: 0.5,
            },
        ];
        let layers = project_map_layers(&area, &communities, &[], Locale::Es);
        assert!(!layers.communities[0].outside_area && layers.communities[1].outside_area);
        let plots = [MapPlot {
            label: "P-7".into(),
            shape: crate::mapview::PlotShape::Point(0.2, 0.2),
            status: crate::mapview::PlotStatus::EradicatedVerified,
        }];
        let svg = project_map_svg(
            &area,
            &communities,
            &plots,
            &MapOptions::new("Mapa", Locale::Es),
        );
        assert!(svg.contains(">Área del proyecto</text>"));
        assert!(svg.contains(">Comunidad fuera del área</text>"));
        assert!(svg.contains(">Parcela erradicada (verificada)</text>"));
        assert!(svg.contains("0,50°N"), "Spanish degree labels");
    }

    #[test]
    fn a_kml_polygon_with_a_hole_reads_like_its_geojson_twin() {
        let kml = r#"<?xml version="1.0" encoding="UTF-8"?>
            <kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Área</name>
            <Polygon><outerBoundaryIs><LinearRing><coordinates>
              0,0,0 1,0,0 1,1,0 0,1,0 0,0,0
            </coordinates></LinearRing></outerBoundaryIs>
            <innerBoundaryIs><LinearRing><coordinates>0.25,0.25 0.25,0.75 0.75,0.75 0.75,0.25 0.25,0.25</coordinates></LinearRing></innerBoundaryIs>
            </Polygon></Placemark></Document></kml>"#;
        let from_kml = area_from_text(kml).unwrap();
        let from_geojson = area_from_text(
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.25,0.25],[0.25,0.75],[0.75,0.75],[0.75,0.25],[0.25,0.25]]]}"#,
        )
        .unwrap();
        assert!((from_kml.hectares() - from_geojson.hectares()).abs() < 1e-6);
    }

    #[test]
    fn broken_kml_and_unreadable_coordinates_are_reported() {
        assert!(matches!(
            area_from_kml("<kml><Polygon>").unwrap_err()[0],
            GeometryProblem::NoPolygon | GeometryProblem::NotKml { .. }
        ));
        let problems = area_from_kml(
            "<kml><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 x,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></kml>",
        )
        .unwrap_err();
        assert_eq!(
            problems,
            vec![GeometryProblem::CoordinateOutOfRange {
                polygon: 0,
                ring: 0,
                point: 1
            }]
        );
        assert_eq!(
            area_from_kml("<kml></kml>").unwrap_err(),
            vec![GeometryProblem::NoPolygon]
        );
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
