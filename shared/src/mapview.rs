//! The map: project areas, communities and plots drawn as an SVG document with no internet tile
//! service needed, in the Web Mercator projection (EPSG:3857 maths) so that a deployment that has
//! an XYZ tile server can lay its tiles underneath and they line up. No geo dependency and no
//! feature gate: the browser's WebAssembly uses the same projection, viewport and helpers for the
//! polygon editor (a click becomes a coordinate with [`Viewport::unproject`]).
//!
//! Coordinates are (longitude, latitude) in WGS84 decimal degrees. Screen coordinates are pixels
//! from the top-left corner of the map box, x to the right and y down. Areas crossing the
//! antimeridian are not handled (no alternative development region needs it).

use crate::geometry_problem::GeometryProblem;
use crate::i18n::Locale;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;
use std::fmt::Write as _;

/// The sphere radius of Web Mercator (EPSG:3857): the WGS84 semi-major axis, in metres.
pub const EARTH_RADIUS_M: f64 = 6_378_137.0;
/// WGS84's first eccentricity squared, for ground distances along a parallel.
const WGS84_E2: f64 = 0.006_694_379_990_141_317;
/// The latitude where Web Mercator's square world ends (north and south), in degrees.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;
/// The side of an XYZ tile in pixels.
pub const TILE_SIZE: f64 = 256.0;
/// The deepest tile zoom requested from a tile server.
pub const MAX_TILE_ZOOM: u8 = 19;
/// The closest a fitted map zooms in (so a single point does not fill the map with one metre).
const MAX_FIT_ZOOM: f64 = 18.0;
/// The space kept between the drawn shapes and the map's edge, in pixels.
pub const MAP_PADDING: f64 = 24.0;
/// The smallest map box height (or the maximum, if smaller): room around a single point.
const MIN_MAP_HEIGHT: f64 = 240.0;
/// Height of the band above the map that holds the visible title.
const TITLE_BAND: f64 = 40.0;
const FONT: &str = "font-family=\"sans-serif\"";
const TEXT_COLOUR: &str = "#1b1f23";
const AREA_FILL: &str = "#d8ebe1";
const AREA_STROKE: &str = "#1f6f50";
/// Okabe–Ito blue: communities.
const COMMUNITY_COLOUR: &str = "#0072B2";
/// Okabe–Ito vermillion: a community outside the area.
const OUTSIDE_COLOUR: &str = "#D55E00";
/// The most characters a label shows on the map (the whole label stays in its tooltip).
const LABEL_MAX_CHARS: usize = 40;

/// Web Mercator world x of a longitude: 0 at 180°W, 1 at 180°E.
pub fn world_x(longitude: f64) -> f64 {
    (longitude + 180.0) / 360.0
}

/// Web Mercator world y of a latitude: 0 at the northern edge ([`MAX_LATITUDE`]), 1 at the
/// southern; latitudes beyond the edges are clamped to them.
pub fn world_y(latitude: f64) -> f64 {
    let phi = latitude.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    (1.0 - phi.tan().asinh() / PI) / 2.0
}

/// The longitude of a world x (the inverse of [`world_x`]).
pub fn longitude_of(world_x: f64) -> f64 {
    world_x * 360.0 - 180.0
}

/// The latitude of a world y (the inverse of [`world_y`]).
pub fn latitude_of(world_y: f64) -> f64 {
    (PI * (1.0 - 2.0 * world_y)).sinh().atan().to_degrees()
}

/// A longitude/latitude box: west, south, east, north in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// Westernmost longitude.
    pub west: f64,
    /// Southernmost latitude.
    pub south: f64,
    /// Easternmost longitude.
    pub east: f64,
    /// Northernmost latitude.
    pub north: f64,
}

impl Bounds {
    /// The box around points; points that are not finite or out of range are left out, and
    /// `None` when none is left.
    pub fn around(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Bounds> {
        points
            .into_iter()
            .filter(|&(lon, lat)| usable(lon, lat))
            .fold(None, |bounds: Option<Bounds>, (lon, lat)| {
                Some(match bounds {
                    None => Bounds {
                        west: lon,
                        south: lat,
                        east: lon,
                        north: lat,
                    },
                    Some(b) => Bounds {
                        west: b.west.min(lon),
                        south: b.south.min(lat),
                        east: b.east.max(lon),
                        north: b.north.max(lat),
                    },
                })
            })
    }
}

fn usable(lon: f64, lat: f64) -> bool {
    lon.is_finite() && lat.is_finite() && (-180.0..=180.0).contains(&lon) && lat.abs() <= 90.0
}

/// What part of the Web Mercator world a map box shows, and at which scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// The map box's width in pixels.
    pub width: f64,
    /// The map box's height in pixels.
    pub height: f64,
    /// World x at the left edge.
    pub left: f64,
    /// World y at the top edge.
    pub top: f64,
    /// Pixels per world unit: `256 × 2^zoom`.
    pub scale: f64,
}

impl Viewport {
    /// The viewport that shows `bounds` whole, centred, `padding` pixels from the edges, in a
    /// box `width` wide and at most `max_height` high. The box keeps the shapes' proportions: its
    /// height is what the bounds need at the scale that fits (at least 240 px, or `max_height`
    /// if that is smaller, so a single point or a thin strip still has room around it).
    pub fn fit(bounds: Bounds, width: f64, max_height: f64, padding: f64) -> Viewport {
        let width = width.max(1.0);
        let max_height = max_height.max(1.0);
        let padding = padding.clamp(0.0, (width.min(max_height) / 2.0 - 1.0).max(0.0));
        let (x0, x1) = (world_x(bounds.west), world_x(bounds.east));
        let (y0, y1) = (world_y(bounds.north), world_y(bounds.south));
        let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
        let fit = |room: f64, span: f64| {
            if span > 0.0 {
                room / span
            } else {
                f64::INFINITY
            }
        };
        let scale = fit(width - 2.0 * padding, dx)
            .min(fit(max_height - 2.0 * padding, dy))
            .min(TILE_SIZE * MAX_FIT_ZOOM.exp2());
        let height = (dy * scale + 2.0 * padding)
            .max(MIN_MAP_HEIGHT)
            .min(max_height);
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        Viewport {
            width,
            height,
            left: cx - width / 2.0 / scale,
            top: cy - height / 2.0 / scale,
            scale,
        }
    }

    /// Where a point (longitude, latitude) falls in the map box, in pixels.
    pub fn project(&self, longitude: f64, latitude: f64) -> (f64, f64) {
        (
            (world_x(longitude) - self.left) * self.scale,
            (world_y(latitude) - self.top) * self.scale,
        )
    }

    /// The point (longitude, latitude) at pixel (x, y) of the map box: the inverse of
    /// [`Viewport::project`] (turns a click into a coordinate).
    pub fn unproject(&self, x: f64, y: f64) -> (f64, f64) {
        (
            longitude_of(x / self.scale + self.left),
            latitude_of(y / self.scale + self.top),
        )
    }

    /// The zoom level, fractional: `log2(scale / 256)`.
    pub fn zoom(&self) -> f64 {
        (self.scale / TILE_SIZE).log2()
    }

    /// The longitudes and latitudes the map box shows.
    pub fn visible_bounds(&self) -> Bounds {
        let (west, north) = self.unproject(0.0, 0.0);
        let (east, south) = self.unproject(self.width, self.height);
        Bounds {
            west,
            south,
            east,
            north,
        }
    }

    /// Metres on the ground per pixel along the parallel at `latitude` (on the WGS84 ellipsoid:
    /// a parallel's radius is N·cos φ, and Web Mercator stretches every parallel to the equator's
    /// length).
    pub fn metres_per_pixel(&self, latitude: f64) -> f64 {
        let phi = latitude.to_radians();
        let n = EARTH_RADIUS_M / (1.0 - WGS84_E2 * phi.sin().powi(2)).sqrt();
        2.0 * PI * n * phi.cos() / self.scale
    }
}

/// An area to draw: its label (shown in the legend) and its polygons, each a list of rings of
/// (longitude, latitude) — the outer boundary first, then holes.
#[derive(Clone, Debug, PartialEq)]
pub struct MapArea {
    /// The label (a project's name, say); empty for the generic legend entry.
    pub label: String,
    /// The polygons' rings.
    pub polygons: Vec<Vec<Vec<(f64, f64)>>>,
}

/// A community to mark.
#[derive(Clone, Debug, PartialEq)]
pub struct MapCommunity {
    /// The label written beside the marker.
    pub label: String,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Whether it lies outside the project's area (drawn as a hollow vermillion ring).
    pub outside_area: bool,
}

/// A plot's shape: a polygon (its rings, the outer boundary first) or a point.
#[derive(Clone, Debug, PartialEq)]
pub enum PlotShape {
    /// Rings of (longitude, latitude).
    Polygon(Vec<Vec<(f64, f64)>>),
    /// A single location: (longitude, latitude).
    Point(f64, f64),
}

/// What grows on a plot, as the map colours it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PlotStatus {
    /// Licit crops only.
    Licit,
    /// Illicit crops (coca bush, opium poppy or cannabis).
    Illicit,
    /// Licit and illicit crops side by side.
    Mixed,
    /// Illicit crops eradicated, and the eradication verified.
    EradicatedVerified,
    /// Not yet known.
    Unknown,
}

impl PlotStatus {
    /// Every status, in the order the legend lists them.
    pub const ALL: [PlotStatus; 5] = [
        PlotStatus::Licit,
        PlotStatus::Illicit,
        PlotStatus::Mixed,
        PlotStatus::EradicatedVerified,
        PlotStatus::Unknown,
    ];

    /// The stable code (same as the serde name).
    pub fn code(self) -> &'static str {
        match self {
            PlotStatus::Licit => "licit",
            PlotStatus::Illicit => "illicit",
            PlotStatus::Mixed => "mixed",
            PlotStatus::EradicatedVerified => "eradicated_verified",
            PlotStatus::Unknown => "unknown",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<PlotStatus> {
        PlotStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The status's name (it qualifies a plot, *parcela*, hence the Spanish feminine).
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (PlotStatus::Licit, Locale::En) => "Licit",
            (PlotStatus::Licit, Locale::Es) => "Lícita",
            (PlotStatus::Illicit, Locale::En) => "Illicit",
            (PlotStatus::Illicit, Locale::Es) => "Ilícita",
            (PlotStatus::Mixed, Locale::En) => "Mixed (licit and illicit)",
            (PlotStatus::Mixed, Locale::Es) => "Mixta (lícita e ilícita)",
            (PlotStatus::EradicatedVerified, Locale::En) => "Eradicated, verified",
            (PlotStatus::EradicatedVerified, Locale::Es) => "Erradicada y verificada",
            (PlotStatus::Unknown, Locale::En) => "Unknown",
            (PlotStatus::Unknown, Locale::Es) => "Sin información",
        }
    }

    /// The legend's wording for plots of this status.
    pub fn legend(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (PlotStatus::Licit, Locale::En) => "Plot with licit crops",
            (PlotStatus::Licit, Locale::Es) => "Parcela con cultivos lícitos",
            (PlotStatus::Illicit, Locale::En) => "Plot with illicit crops",
            (PlotStatus::Illicit, Locale::Es) => "Parcela con cultivos ilícitos",
            (PlotStatus::Mixed, Locale::En) => "Plot with licit and illicit crops",
            (PlotStatus::Mixed, Locale::Es) => "Parcela con cultivos lícitos e ilícitos",
            (PlotStatus::EradicatedVerified, Locale::En) => "Plot eradicated (verified)",
            (PlotStatus::EradicatedVerified, Locale::Es) => "Parcela erradicada (verificada)",
            (PlotStatus::Unknown, Locale::En) => "Plot, status unknown",
            (PlotStatus::Unknown, Locale::Es) => "Parcela sin información",
        }
    }

    /// The colour it is drawn in, from the Okabe–Ito palette (grey for unknown).
    pub fn colour(self) -> &'static str {
        match self {
            PlotStatus::Licit => "#009E73",
            PlotStatus::Illicit => "#D55E00",
            PlotStatus::Mixed => "#E69F00",
            PlotStatus::EradicatedVerified => "#56B4E9",
            PlotStatus::Unknown => "#999999",
        }
    }
}

/// A plot to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPlot {
    /// Its label (shown as a tooltip: plots are too many and too small for written labels).
    pub label: String,
    /// Its shape.
    pub shape: PlotShape,
    /// What grows there.
    pub status: PlotStatus,
}

/// Everything a map shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapLayers {
    /// Areas (drawn first, underneath).
    pub areas: Vec<MapArea>,
    /// Communities.
    pub communities: Vec<MapCommunity>,
    /// Plots.
    pub plots: Vec<MapPlot>,
}

impl MapLayers {
    /// The box around everything drawn; `None` when there is nothing with a location.
    pub fn bounds(&self) -> Option<Bounds> {
        let areas = self
            .areas
            .iter()
            .flat_map(|a| a.polygons.iter().flatten().flatten().copied());
        let communities = self.communities.iter().map(|c| (c.lon, c.lat));
        let plots = self.plots.iter().flat_map(|p| match &p.shape {
            PlotShape::Polygon(rings) => rings.iter().flatten().copied().collect::<Vec<_>>(),
            PlotShape::Point(lon, lat) => vec![(*lon, *lat)],
        });
        Bounds::around(areas.chain(communities).chain(plots))
    }
}

/// How to draw a map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapOptions {
    /// The title: drawn above the map, and the document's `<title>` and `aria-label`.
    pub title: String,
    /// The width in pixels (clamped to 200…4000).
    pub width: f64,
    /// The map box's largest height in pixels, without the title and the legend (clamped to
    /// 120…4000).
    pub max_height: f64,
    /// An XYZ tile URL template such as `https://tile.example.org/{z}/{x}/{y}.png`, from the
    /// settings of a deployment that has a tile server; checked again with
    /// [`tile_url_template`] and ignored if it is not acceptable.
    pub tile_url: Option<String>,
    /// The tile layer's attribution (such as `© OpenStreetMap contributors`), written on the
    /// map when tiles are drawn.
    pub tile_attribution: Option<String>,
    /// The reader's language, for the legend, the labels of the graticule and the scale bar.
    pub locale: Locale,
}

impl MapOptions {
    /// Options for a 760 × 560 map without tiles.
    pub fn new(title: impl Into<String>, locale: Locale) -> MapOptions {
        MapOptions {
            title: title.into(),
            width: 760.0,
            max_height: 560.0,
            tile_url: None,
            tile_attribution: None,
            locale,
        }
    }
}

/// Where the map box sits in the SVG document [`map_svg`] draws, for a page that overlays its
/// own drawing (the polygon editor): click coordinates in the document minus (0, `map_top`) are
/// the viewport's pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapFrame {
    /// The map box's viewport.
    pub viewport: Viewport,
    /// The map box's top edge in the document (below the title).
    pub map_top: f64,
    /// The document's width.
    pub width: f64,
    /// The document's height, legend included.
    pub height: f64,
}

/// The frame [`map_svg`] uses for these layers and options; `None` when nothing has a location.
pub fn map_frame(layers: &MapLayers, options: &MapOptions) -> Option<MapFrame> {
    let (width, max_height) = sizes(options);
    let bounds = layers.bounds()?;
    let viewport = Viewport::fit(bounds, width, max_height, MAP_PADDING);
    let map_top = title_band(options);
    let legend = legend_height(&legend_entries(layers, options.locale), width);
    Some(MapFrame {
        viewport,
        map_top,
        width,
        height: map_top + viewport.height + legend,
    })
}

fn sizes(options: &MapOptions) -> (f64, f64) {
    let clamp = |v: f64, min: f64| {
        if v.is_finite() {
            v.clamp(min, 4000.0)
        } else {
            min
        }
    };
    (
        clamp(options.width, 200.0),
        clamp(options.max_height, 120.0),
    )
}

fn title_band(options: &MapOptions) -> f64 {
    if options.title.trim().is_empty() {
        0.0
    } else {
        TITLE_BAND
    }
}

/// Text made safe for SVG text and attribute values: `& < > " '` escaped, and characters XML
/// cannot hold (control characters other than tab and line breaks) left out.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A pixel coordinate as the SVG writes it: one decimal, never `-0.0`.
fn px(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 || !rounded.is_finite() {
        "0.0".to_owned()
    } else {
        format!("{rounded:.1}")
    }
}

/// The SVG path data of a ring (`M x y L x y … Z`) in the viewport's pixels; a closing point
/// equal to the first is not repeated, points that are not usable coordinates are left out, and
/// the path is closed only with three or more vertices.
pub fn ring_path_d(points: &[(f64, f64)], viewport: &Viewport) -> String {
    let points: Vec<(f64, f64)> = open_ring(points)
        .iter()
        .copied()
        .filter(|&(lon, lat)| usable(lon, lat))
        .collect();
    let mut d = String::new();
    for (i, &(lon, lat)) in points.iter().enumerate() {
        let (x, y) = viewport.project(lon, lat);
        d.push(if i == 0 { 'M' } else { 'L' });
        let _ = write!(d, "{} {}", px(x), px(y));
    }
    if points.len() >= 3 {
        d.push('Z');
    }
    d
}

/// The ring without its closing point (when the last point repeats the first).
fn open_ring(points: &[(f64, f64)]) -> &[(f64, f64)] {
    match points {
        [first, .., last] if first == last => &points[..points.len() - 1],
        _ => points,
    }
}

/// The index of the vertex nearest pixel (x, y), if it is within `radius` pixels (the first of
/// equally near ones). Editor vertex lists do not repeat the first vertex at the end.
pub fn nearest_vertex(
    vertices: &[(f64, f64)],
    viewport: &Viewport,
    x: f64,
    y: f64,
    radius: f64,
) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, &(lon, lat)) in vertices.iter().enumerate() {
        let (vx, vy) = viewport.project(lon, lat);
        let distance = (vx - x).hypot(vy - y);
        if distance <= radius && best.is_none_or(|(_, d)| distance < d) {
            best = Some((i, distance));
        }
    }
    best.map(|(i, _)| i)
}

/// The edge of a ring nearest pixel (x, y), if within `radius` pixels: `(i, foot)` for the edge
/// from vertex `i` to the next (the last edge closes the ring back to vertex 0), and the point of
/// that edge nearest the pixel, in pixels.
fn nearest_edge(
    vertices: &[(f64, f64)],
    viewport: &Viewport,
    x: f64,
    y: f64,
    radius: f64,
) -> Option<(usize, (f64, f64))> {
    let n = vertices.len();
    let edges = match n {
        0 | 1 => return None,
        2 => 1,
        _ => n,
    };
    let mut best: Option<(usize, (f64, f64), f64)> = None;
    for i in 0..edges {
        let (ax, ay) = viewport.project(vertices[i].0, vertices[i].1);
        let (bx, by) = viewport.project(vertices[(i + 1) % n].0, vertices[(i + 1) % n].1);
        let (ex, ey) = (bx - ax, by - ay);
        let length2 = ex * ex + ey * ey;
        let t = if length2 > 0.0 {
            (((x - ax) * ex + (y - ay) * ey) / length2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let foot = (ax + t * ex, ay + t * ey);
        let distance = (foot.0 - x).hypot(foot.1 - y);
        if distance <= radius && best.is_none_or(|(_, _, d)| distance < d) {
            best = Some((i, foot, distance));
        }
    }
    best.map(|(i, foot, _)| (i, foot))
}

/// Inserts a vertex on the ring's edge nearest pixel (x, y), where that edge passes closest to
/// it (so the shape does not change until the vertex is dragged), if the edge is within `radius`
/// pixels; answers the new vertex's index. The last edge closes the ring back to vertex 0.
pub fn insert_vertex_on_nearest_edge(
    vertices: &mut Vec<(f64, f64)>,
    viewport: &Viewport,
    x: f64,
    y: f64,
    radius: f64,
) -> Option<usize> {
    let (edge, (fx, fy)) = nearest_edge(vertices, viewport, x, y, radius)?;
    let at = edge + 1;
    vertices.insert(at, viewport.unproject(fx, fy));
    Some(at)
}

/// Rounds a degree to 7 decimal places (about 1 cm): a click has no more precision than that.
fn round7(value: f64) -> f64 {
    (value * 1e7).round() / 1e7
}

/// A GeoJSON Polygon geometry of one ring through `vertices` (longitude, latitude), closed by
/// repeating the first vertex (unless the list already ends with it); degrees rounded to 7
/// decimal places; vertices that are not finite numbers left out. Fewer than three vertices still
/// give a Polygon, which [`crate::geometry`] then refuses with its reason.
pub fn polygon_geojson(vertices: &[(f64, f64)]) -> String {
    let mut ring: Vec<(f64, f64)> = vertices
        .iter()
        .filter(|(lon, lat)| lon.is_finite() && lat.is_finite())
        .map(|&(lon, lat)| (round7(lon), round7(lat)))
        .collect();
    if let (Some(&first), Some(&last)) = (ring.first(), ring.last())
        && (ring.len() == 1 || first != last)
    {
        ring.push(first);
    }
    let positions: Vec<String> = ring
        .iter()
        .map(|(lon, lat)| format!("[{},{}]", plain(*lon), plain(*lat)))
        .collect();
    format!(
        "{{\"type\":\"Polygon\",\"coordinates\":[[{}]]}}",
        positions.join(",")
    )
}

fn plain(value: f64) -> String {
    if value == 0.0 {
        "0".to_owned()
    } else {
        value.to_string()
    }
}

/// The ring the polygon editor loads from a stored area, and what it cannot edit.
#[derive(Clone, Debug, PartialEq)]
pub struct EditableRing {
    /// The first polygon's outer boundary, without the closing point.
    pub vertices: Vec<(f64, f64)>,
    /// How many polygons the text holds (the editor edits the first only).
    pub polygons: u32,
    /// How many holes the first polygon has (the editor does not keep them).
    pub holes: u32,
}

/// Reads the outer ring of the first polygon of a GeoJSON Polygon or MultiPolygon (bare, in a
/// Feature, a FeatureCollection or a GeometryCollection) for the polygon editor, with serde_json
/// alone (no geo in the browser). Counts the polygons and holes the editor would not keep, so the
/// page can say so before anything is lost.
pub fn exterior_ring_from_geojson(text: &str) -> Result<EditableRing, GeometryProblem> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| GeometryProblem::NotGeoJson {
            detail: e.to_string(),
        })?;
    let mut polygons = Vec::new();
    collect_polygon_rings(&value, &mut polygons);
    let first = polygons.first().ok_or(GeometryProblem::NoPolygon)?;
    let outer = first.first().ok_or(GeometryProblem::TooFewPoints {
        polygon: 0,
        ring: 0,
    })?;
    let positions = outer.as_array().ok_or(GeometryProblem::TooFewPoints {
        polygon: 0,
        ring: 0,
    })?;
    let mut vertices = Vec::with_capacity(positions.len());
    for (i, position) in positions.iter().enumerate() {
        let coordinate = |k: usize| position.get(k).and_then(serde_json::Value::as_f64);
        match (coordinate(0), coordinate(1)) {
            (Some(lon), Some(lat)) if usable(lon, lat) => vertices.push((lon, lat)),
            _ => {
                return Err(GeometryProblem::CoordinateOutOfRange {
                    polygon: 0,
                    ring: 0,
                    point: u32::try_from(i).unwrap_or(u32::MAX),
                });
            }
        }
    }
    let open = open_ring(&vertices).len();
    vertices.truncate(open);
    if vertices.len() < 3 {
        return Err(GeometryProblem::TooFewPoints {
            polygon: 0,
            ring: 0,
        });
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(EditableRing {
        vertices,
        polygons: count(polygons.len()),
        holes: count(first.len().saturating_sub(1)),
    })
}

/// Every polygon's rings (each a JSON array of positions) found in a GeoJSON value.
fn collect_polygon_rings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a [serde_json::Value]>) {
    let field = |name: &str| value.get(name);
    match field("type").and_then(serde_json::Value::as_str) {
        Some("Polygon") => {
            if let Some(rings) = field("coordinates").and_then(serde_json::Value::as_array) {
                out.push(rings);
            }
        }
        Some("MultiPolygon") => {
            for polygon in field("coordinates")
                .and_then(serde_json::Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(rings) = polygon.as_array() {
                    out.push(rings);
                }
            }
        }
        Some("Feature") => {
            if let Some(geometry) = field("geometry") {
                collect_polygon_rings(geometry, out);
            }
        }
        Some("FeatureCollection") => {
            for feature in field("features")
                .and_then(serde_json::Value::as_array)
                .into_iter()
                .flatten()
            {
                collect_polygon_rings(feature, out);
            }
        }
        Some("GeometryCollection") => {
            for geometry in field("geometries")
                .and_then(serde_json::Value::as_array)
                .into_iter()
                .flatten()
            {
                collect_polygon_rings(geometry, out);
            }
        }
        _ => {}
    }
}

/// What is wrong with a tile URL template from the settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TileUrlProblem {
    /// Nothing was given.
    Empty,
    /// Longer than 1,000 characters.
    TooLong,
    /// Not an `http://` or `https://` address (a `javascript:` or `data:` URL, a file, a
    /// relative address...).
    NotHttp,
    /// No server name after the scheme.
    NoHost,
    /// A user name or password in the address (every reader's browser would see it).
    Credentials,
    /// A space, quote, angle bracket, backslash or control character.
    ForbiddenCharacter {
        /// The character.
        character: String,
    },
    /// A placeholder other than `{z}`, `{x}` and `{y}` (such as `{s}`), or an unclosed brace.
    UnknownPlaceholder {
        /// The placeholder as written.
        placeholder: String,
    },
    /// One of `{z}`, `{x}` and `{y}` is missing.
    MissingPlaceholder {
        /// The placeholder missing.
        placeholder: String,
    },
}

impl TileUrlProblem {
    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            TileUrlProblem::Empty => "empty",
            TileUrlProblem::TooLong => "too_long",
            TileUrlProblem::NotHttp => "not_http",
            TileUrlProblem::NoHost => "no_host",
            TileUrlProblem::Credentials => "credentials",
            TileUrlProblem::ForbiddenCharacter { .. } => "forbidden_character",
            TileUrlProblem::UnknownPlaceholder { .. } => "unknown_placeholder",
            TileUrlProblem::MissingPlaceholder { .. } => "missing_placeholder",
        }
    }

    /// A sentence for the person editing the settings.
    pub fn message(&self, locale: Locale) -> String {
        let es = locale == Locale::Es;
        match self {
            TileUrlProblem::Empty if es => "Falta la plantilla de URL de teselas.".to_owned(),
            TileUrlProblem::Empty => "The tile URL template is empty.".to_owned(),
            TileUrlProblem::TooLong if es => {
                "La plantilla de URL de teselas tiene más de 1000 caracteres.".to_owned()
            }
            TileUrlProblem::TooLong => {
                "The tile URL template is longer than 1,000 characters.".to_owned()
            }
            TileUrlProblem::NotHttp if es => {
                "La plantilla de URL de teselas debe empezar por https:// o http://.".to_owned()
            }
            TileUrlProblem::NotHttp => {
                "The tile URL template must start with https:// or http://.".to_owned()
            }
            TileUrlProblem::NoHost if es => {
                "Falta el nombre del servidor después de https://.".to_owned()
            }
            TileUrlProblem::NoHost => "The server name after https:// is missing.".to_owned(),
            TileUrlProblem::Credentials if es => {
                "La plantilla no puede llevar usuario ni contraseña: el navegador de cada lector los vería.".to_owned()
            }
            TileUrlProblem::Credentials => {
                "The template cannot hold a user name or password: every reader's browser would see them.".to_owned()
            }
            TileUrlProblem::ForbiddenCharacter { character } if es => format!(
                "La plantilla contiene un carácter no permitido en una URL: «{}».",
                character.escape_default()
            ),
            TileUrlProblem::ForbiddenCharacter { character } => format!(
                "The template holds a character a URL cannot: “{}”.",
                character.escape_default()
            ),
            TileUrlProblem::UnknownPlaceholder { placeholder } if es => format!(
                "Solo se reemplazan {{z}}, {{x}} y {{y}}; «{placeholder}» no. Escriba un único servidor en lugar de {{s}}."
            ),
            TileUrlProblem::UnknownPlaceholder { placeholder } => format!(
                "Only {{z}}, {{x}} and {{y}} are replaced, not “{placeholder}”. Write a single server instead of {{s}}."
            ),
            TileUrlProblem::MissingPlaceholder { placeholder } if es => {
                format!("Falta {placeholder} en la plantilla de URL de teselas.")
            }
            TileUrlProblem::MissingPlaceholder { placeholder } => {
                format!("The tile URL template lacks {placeholder}.")
            }
        }
    }
}

impl std::fmt::Display for TileUrlProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Locale::En))
    }
}

impl std::error::Error for TileUrlProblem {}

/// An XYZ tile layer a deployment draws under its maps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TileLayer {
    /// The checked template, `https://host/{z}/{x}/{y}.png`.
    pub template: String,
    /// The attribution the tiles' terms ask for.
    pub attribution: Option<String>,
}

impl TileLayer {
    /// The tiles' origin (`https://host:port`), for the Content-Security-Policy's `img-src`.
    pub fn origin(&self) -> Option<String> {
        let (scheme, rest) = self.template.split_once("://")?;
        let host = rest.split('/').next()?;
        Some(format!("{scheme}://{host}"))
    }

    /// `options` with this layer under the map.
    pub fn apply(&self, mut options: MapOptions) -> MapOptions {
        options.tile_url = Some(self.template.clone());
        options.tile_attribution = self.attribution.clone();
        options
    }
}

/// Checks an XYZ tile URL template from the settings, such as
/// `https://tile.example.org/{z}/{x}/{y}.png`: an `http://` or `https://` address with a server
/// name, no credentials, no character a URL cannot hold, and exactly the placeholders `{z}`, `{x}`
/// and `{y}` (each at least once). Answers the template trimmed.
pub fn tile_url_template(raw: &str) -> Result<String, TileUrlProblem> {
    let template = raw.trim();
    if template.is_empty() {
        return Err(TileUrlProblem::Empty);
    }
    if template.chars().count() > 1000 {
        return Err(TileUrlProblem::TooLong);
    }
    if let Some(c) = template.chars().find(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
    }) {
        return Err(TileUrlProblem::ForbiddenCharacter {
            character: c.to_string(),
        });
    }
    let lower = template.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &template["https://".len()..]
    } else if lower.starts_with("http://") {
        &template["http://".len()..]
    } else {
        return Err(TileUrlProblem::NotHttp);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(TileUrlProblem::Credentials);
    }
    let host = authority.split(':').next().unwrap_or_default();
    if host.is_empty() && !authority.starts_with('[') {
        return Err(TileUrlProblem::NoHost);
    }
    let mut seen = [false; 3];
    let mut remaining = template;
    while let Some(open) = remaining.find(['{', '}']) {
        let after = &remaining[open..];
        let Some(close) = after.find('}').filter(|_| after.starts_with('{')) else {
            return Err(TileUrlProblem::UnknownPlaceholder {
                placeholder: after.chars().take(12).collect(),
            });
        };
        let placeholder = &after[..=close];
        match placeholder {
            "{z}" => seen[0] = true,
            "{x}" => seen[1] = true,
            "{y}" => seen[2] = true,
            other => {
                return Err(TileUrlProblem::UnknownPlaceholder {
                    placeholder: other.to_owned(),
                });
            }
        }
        remaining = &after[close + 1..];
    }
    for (name, present) in ["{z}", "{x}", "{y}"].into_iter().zip(seen) {
        if !present {
            return Err(TileUrlProblem::MissingPlaceholder {
                placeholder: name.to_owned(),
            });
        }
    }
    Ok(template.to_owned())
}

/// The URL of one tile: the template with `{z}`, `{x}` and `{y}` replaced.
pub fn tile_url(template: &str, z: u8, x: u32, y: u32) -> String {
    template
        .replace("{z}", &z.to_string())
        .replace("{x}", &x.to_string())
        .replace("{y}", &y.to_string())
}

/// The tile zoom for a viewport: the whole zoom nearest its scale, so tiles show between about
/// 181 and 362 pixels wide (256 on average), clamped to 0…[`MAX_TILE_ZOOM`].
pub fn tile_zoom(viewport: &Viewport) -> u8 {
    let zoom = viewport.zoom().round();
    if zoom.is_nan() || zoom < 0.0 {
        0
    } else if zoom > f64::from(MAX_TILE_ZOOM) {
        MAX_TILE_ZOOM
    } else {
        // In 0..=19 after the checks above.
        zoom as u8
    }
}

/// One XYZ tile covering part of the map box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tile {
    /// Zoom.
    pub z: u8,
    /// Column (wrapped around the antimeridian).
    pub x: u32,
    /// Row, from the north.
    pub y: u32,
    /// Left edge in the map box, in pixels.
    pub left: f64,
    /// Top edge in the map box, in pixels.
    pub top: f64,
    /// Side in pixels.
    pub size: f64,
}

/// The tiles that cover the viewport at [`tile_zoom`], row by row from the north-west.
pub fn tiles(viewport: &Viewport) -> Vec<Tile> {
    let z = tile_zoom(viewport);
    let n = f64::from(z).exp2();
    let size = viewport.scale / n;
    let columns =
        (viewport.left * n).floor()..((viewport.left + viewport.width / viewport.scale) * n).ceil();
    let rows = (viewport.top * n).floor().max(0.0)
        ..((viewport.top + viewport.height / viewport.scale) * n)
            .ceil()
            .min(n);
    let mut out = Vec::new();
    // A map at least a tile wide shows a few dozen tiles; the cap only guards against nonsense.
    let (mut row, cap) = (rows.start, 1024);
    while row < rows.end && out.len() < cap {
        let mut column = columns.start;
        while column < columns.end && out.len() < cap {
            out.push(Tile {
                z,
                // Both are whole numbers within 0..2^19 here.
                x: column.rem_euclid(n) as u32,
                y: row as u32,
                left: (column / n - viewport.left) * viewport.scale,
                top: (row / n - viewport.top) * viewport.scale,
                size,
            });
            column += 1.0;
        }
        row += 1.0;
    }
    out
}

/// Which coordinate a graticule label gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    /// Longitude (E/W).
    Longitude,
    /// Latitude (N/S).
    Latitude,
}

/// The spacing of graticule lines, in degrees, for a span of `span` degrees: the widest of
/// 30°, 20°, 10°, 5°, 2°, 1°, 0.5°, 0.25°, 0.1°, 0.05°, 0.025°, 0.01° … that still draws at
/// least three lines.
pub fn graticule_step(span: f64) -> f64 {
    const STEPS: [f64; 17] = [
        30.0, 20.0, 10.0, 5.0, 2.0, 1.0, 0.5, 0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.0025, 0.001,
        0.0005, 0.00025,
    ];
    STEPS
        .into_iter()
        .find(|step| span / step >= 3.0)
        .unwrap_or(STEPS[STEPS.len() - 1])
}

/// How many decimals a graticule step needs (0.25 → 2).
fn step_decimals(step: f64) -> usize {
    (0..=5)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(5)
}

/// A graticule label: degrees with as many decimals as the step needs, in the locale's decimal
/// mark, and the hemisphere letter (`76.5°W`, `0.25°S`; in Spanish `76,5°O`); `0°` for the
/// equator and the prime meridian.
pub fn degree_label(value: f64, step: f64, axis: Axis, locale: Locale) -> String {
    let decimals = step_decimals(step);
    let text = format!("{:.*}", decimals, value.abs());
    if text.chars().all(|c| c == '0' || c == '.') {
        return "0°".to_owned();
    }
    let text = match locale {
        Locale::En => text,
        Locale::Es => text.replace('.', ","),
    };
    let letter = match (axis, value < 0.0, locale) {
        (Axis::Longitude, true, Locale::En) => "W",
        (Axis::Longitude, true, Locale::Es) => "O",
        (Axis::Longitude, false, _) => "E",
        (Axis::Latitude, true, _) => "S",
        (Axis::Latitude, false, _) => "N",
    };
    format!("{text}°{letter}")
}

/// The graticule lines inside the viewport along one axis: (degrees, pixel position — x for
/// meridians, y for parallels), and the step used.
fn graticule_lines(viewport: &Viewport, axis: Axis) -> (f64, Vec<(f64, f64)>) {
    let b = viewport.visible_bounds();
    let (low, high) = match axis {
        Axis::Longitude => (b.west, b.east),
        Axis::Latitude => (b.south.max(-MAX_LATITUDE), b.north.min(MAX_LATITUDE)),
    };
    let step = graticule_step(high - low);
    let first = (low / step).ceil() as i64;
    let last = (high / step).floor() as i64;
    let lines = (first..=last)
        .take(64)
        .map(|k| {
            let degrees = k as f64 * step;
            let position = match axis {
                Axis::Longitude => viewport.project(degrees, 0.0).0,
                Axis::Latitude => viewport.project(0.0, degrees).1,
            };
            (degrees, position)
        })
        .collect();
    (step, lines)
}

/// A scale bar: a round length and how many pixels it spans.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleBar {
    /// Its length on the ground, in metres (1, 2 or 5 × a power of ten).
    pub metres: u64,
    /// Its length on the map, in pixels.
    pub pixels: f64,
    /// The label: `20 km`, `500 m` (thousands grouped by locale: `1,000 km` / `1.000 km`).
    pub label: String,
}

/// The longest round scale bar (1, 2 or 5 × a power of ten metres) that fits in `max_pixels`
/// at `latitude`; `None` if even one metre is longer.
pub fn scale_bar(
    viewport: &Viewport,
    latitude: f64,
    max_pixels: f64,
    locale: Locale,
) -> Option<ScaleBar> {
    let per_pixel = viewport.metres_per_pixel(latitude);
    if !(per_pixel.is_finite() && per_pixel > 0.0) {
        return None;
    }
    let mut best = None;
    for power in 0..8u32 {
        for m in [1u64, 2, 5] {
            let metres = m * 10u64.pow(power);
            let pixels = metres as f64 / per_pixel;
            if pixels <= max_pixels {
                best = Some((metres, pixels));
            }
        }
    }
    let (metres, pixels) = best?;
    let label = if metres < 1000 {
        format!("{metres} m")
    } else {
        format!(
            "{} km",
            crate::format::decimal(Decimal::from(metres / 1000), locale)
        )
    };
    Some(ScaleBar {
        metres,
        pixels,
        label,
    })
}

/// Fixed words of the map, in the reader's language.
#[derive(Clone, Copy)]
enum Word {
    Map,
    Area,
    Community,
    CommunityOutside,
    Nothing,
}

fn word(w: Word, locale: Locale) -> &'static str {
    match (w, locale) {
        (Word::Map, Locale::En) => "Map",
        (Word::Map, Locale::Es) => "Mapa",
        (Word::Area, Locale::En) => "Area",
        (Word::Area, Locale::Es) => "Área",
        (Word::Community, Locale::En) => "Community",
        (Word::Community, Locale::Es) => "Comunidad",
        (Word::CommunityOutside, Locale::En) => "Community outside the area",
        (Word::CommunityOutside, Locale::Es) => "Comunidad fuera del área",
        (Word::Nothing, Locale::En) => {
            "Nothing to show yet: no area, community location or plot has been recorded."
        }
        (Word::Nothing, Locale::Es) => {
            "Aún no hay nada que mostrar: no se ha registrado área, ubicación de comunidad ni parcela."
        }
    }
}

fn summary(layers: &MapLayers, locale: Locale) -> String {
    let outside = layers.communities.iter().filter(|c| c.outside_area).count();
    let (areas, communities, plots) = (
        layers.areas.len(),
        layers.communities.len(),
        layers.plots.len(),
    );
    match locale {
        Locale::En => format!(
            "Areas: {areas}. Communities: {communities}, {outside} of them outside the area. Plots: {plots}."
        ),
        Locale::Es => format!(
            "Áreas: {areas}. Comunidades: {communities}, de ellas {outside} fuera del área. Parcelas: {plots}."
        ),
    }
}

/// A legend entry: its swatch and its text.
enum Swatch {
    Area,
    Community,
    Outside,
    Plot(PlotStatus),
}

fn legend_entries(layers: &MapLayers, locale: Locale) -> Vec<(Swatch, String)> {
    let mut entries = Vec::new();
    for area in &layers.areas {
        let label = if area.label.trim().is_empty() {
            word(Word::Area, locale).to_owned()
        } else {
            area.label.clone()
        };
        entries.push((Swatch::Area, label));
    }
    if layers.communities.iter().any(|c| !c.outside_area) {
        entries.push((Swatch::Community, word(Word::Community, locale).to_owned()));
    }
    if layers.communities.iter().any(|c| c.outside_area) {
        entries.push((
            Swatch::Outside,
            word(Word::CommunityOutside, locale).to_owned(),
        ));
    }
    for status in PlotStatus::ALL {
        if layers.plots.iter().any(|p| p.status == status) {
            entries.push((Swatch::Plot(status), status.legend(locale).to_owned()));
        }
    }
    entries
}

const LEGEND_ROW: f64 = 24.0;
const LEGEND_FONT: f64 = 14.0;

/// An estimate of a text's width in pixels (sans-serif averages about 0.56 em a character).
fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().count() as f64 * font_size * 0.56
}

/// Each legend entry's (x, row) and the text as drawn.
fn legend_layout(entries: &[(Swatch, String)], width: f64) -> Vec<(f64, usize, String)> {
    let mut out = Vec::new();
    let (mut x, mut row) = (12.0, 0);
    for (_, text) in entries {
        let text = shorten(text, 60);
        let entry = 26.0 + text_width(&text, LEGEND_FONT) + 20.0;
        if x > 12.0 && x + entry > width - 12.0 {
            x = 12.0;
            row += 1;
        }
        out.push((x, row, text));
        x += entry;
    }
    out
}

fn legend_height(entries: &[(Swatch, String)], width: f64) -> f64 {
    match legend_layout(entries, width).last() {
        None => 0.0,
        Some((_, rows, _)) => (*rows as f64 + 1.0) * LEGEND_ROW + 12.0,
    }
}

fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

fn swatch_svg(swatch: &Swatch, x: f64, y: f64) -> String {
    match swatch {
        Swatch::Area => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"18\" height=\"12\" fill=\"{AREA_FILL}\" stroke=\"{AREA_STROKE}\" stroke-width=\"2\"/>",
            px(x),
            px(y - 6.0)
        ),
        Swatch::Community => format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"{COMMUNITY_COLOUR}\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
            px(x + 9.0),
            px(y)
        ),
        Swatch::Outside => format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"none\" stroke=\"{OUTSIDE_COLOUR}\" stroke-width=\"3\"/>",
            px(x + 9.0),
            px(y)
        ),
        Swatch::Plot(status) => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{c}\" fill-opacity=\"0.6\" stroke=\"{c}\" stroke-width=\"2\"{dash}/>",
            px(x + 3.0),
            px(y - 6.0),
            c = status.colour(),
            dash = dash(*status),
        ),
    }
}

fn dash(status: PlotStatus) -> &'static str {
    if status == PlotStatus::Unknown {
        " stroke-dasharray=\"3 2\""
    } else {
        ""
    }
}

/// Text with a white halo, legible over tiles and lines.
fn halo_text(x: f64, y: f64, anchor: &str, size: f64, text: &str) -> String {
    format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" {FONT} font-size=\"{size}\" fill=\"{TEXT_COLOUR}\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">{}</text>",
        px(x),
        px(y),
        xml_escape(text)
    )
}

/// Where a community's label goes: to the right of the marker, or to its left when it would
/// run off the map's right edge; kept between the top and bottom edges; shortened when even the
/// whole width cannot hold it. Answers (x, y, anchor, text).
fn label_position(
    x: f64,
    y: f64,
    label: &str,
    viewport: &Viewport,
) -> (f64, f64, &'static str, String) {
    const SIZE: f64 = 13.0;
    let room = ((viewport.width - 8.0) / (SIZE * 0.56)).floor().max(1.0) as usize;
    let text = shorten(label, LABEL_MAX_CHARS.min(room));
    let w = text_width(&text, SIZE);
    let y = (y + 4.5).min(viewport.height - 4.0).max(SIZE + 2.0);
    if x + 10.0 + w <= viewport.width - 4.0 {
        (x + 10.0, y, "start", text)
    } else if x - 10.0 - w >= 4.0 {
        (x - 10.0, y, "end", text)
    } else {
        (viewport.width - 4.0, y, "end", text)
    }
}

/// The map as a standalone SVG document: a light background (and the tiles, when a tile URL
/// template is set and acceptable), a graticule labelled in degrees, the areas (even-odd fill, so
/// holes show), the plots coloured by status, the communities (filled blue; outside the area a
/// hollow vermillion ring) with labels kept on the map, a scale bar in kilometres true at the
/// map's middle latitude, the title above and the legend below. Accessible (`role="img"`,
/// `aria-label`, `<title>`, `<desc>` with the counts), every text escaped, and the same output
/// for the same input.
pub fn map_svg(layers: &MapLayers, options: &MapOptions) -> String {
    let locale = options.locale;
    let title = match options.title.trim() {
        "" => word(Word::Map, locale),
        title => title,
    };
    let title = xml_escape(title);
    let Some(frame) = map_frame(layers, options) else {
        let (width, _) = sizes(options);
        let top = title_band(options);
        let height = top + 120.0;
        let mut svg = svg_open(
            width,
            height,
            &title,
            &xml_escape(word(Word::Nothing, locale)),
        );
        svg.push_str(&title_text(options, width));
        let _ = write!(
            svg,
            "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"120\" fill=\"#eef3f1\"/>",
            px(top),
            px(width)
        );
        svg.push_str(&halo_text(
            width / 2.0,
            top + 64.0,
            "middle",
            14.0,
            word(Word::Nothing, locale),
        ));
        svg.push_str("</svg>");
        return svg;
    };
    let vp = frame.viewport;
    let mut svg = svg_open(
        frame.width,
        frame.height,
        &title,
        &xml_escape(&summary(layers, locale)),
    );
    svg.push_str(&title_text(options, frame.width));
    // A nested <svg> clips everything drawn in the map box, tiles included, to the box, and
    // gives the editor one element whose coordinates are the viewport's pixels.
    let _ = write!(
        svg,
        "<svg class=\"map-box\" x=\"0\" y=\"{}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" overflow=\"hidden\">\
         <rect width=\"{w}\" height=\"{h}\" fill=\"#eef3f1\"/>",
        px(frame.map_top),
        w = px(vp.width),
        h = px(vp.height),
    );
    let template = options
        .tile_url
        .as_deref()
        .and_then(|t| tile_url_template(t).ok());
    if let Some(template) = &template {
        svg.push_str("<g class=\"tiles\">");
        for tile in tiles(&vp) {
            // Whole-pixel edges, overlapping by at most a pixel, so no seam shows between tiles.
            let (x0, y0) = (tile.left.floor(), tile.top.floor());
            let (x1, y1) = (
                (tile.left + tile.size).ceil(),
                (tile.top + tile.size).ceil(),
            );
            let _ = write!(
                svg,
                "<image href=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\"/>",
                xml_escape(&tile_url(template, tile.z, tile.x, tile.y)),
                px(x0),
                px(y0),
                px(x1 - x0),
                px(y1 - y0)
            );
        }
        svg.push_str("</g>");
    }
    let (lon_step, meridians) = graticule_lines(&vp, Axis::Longitude);
    let (lat_step, parallels) = graticule_lines(&vp, Axis::Latitude);
    svg.push_str(
        "<g class=\"graticule\" stroke=\"#9fb1a8\" stroke-width=\"0.8\" stroke-opacity=\"0.7\">",
    );
    for (_, x) in &meridians {
        let _ = write!(
            svg,
            "<line x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{}\"/>",
            px(vp.height),
            x = px(*x)
        );
    }
    for (_, y) in &parallels {
        let _ = write!(
            svg,
            "<line x1=\"0\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>",
            px(vp.width),
            y = px(*y)
        );
    }
    svg.push_str("</g>");
    let area_opacity = if template.is_some() { "0.45" } else { "1" };
    for area in &layers.areas {
        let label = match area.label.trim() {
            "" => word(Word::Area, locale),
            label => label,
        };
        let d: Vec<String> = area
            .polygons
            .iter()
            .flatten()
            .map(|ring| ring_path_d(ring, &vp))
            .filter(|d| !d.is_empty())
            .collect();
        let _ = write!(
            svg,
            "<path class=\"area\" d=\"{}\" fill=\"{AREA_FILL}\" fill-opacity=\"{area_opacity}\" fill-rule=\"evenodd\" stroke=\"{AREA_STROKE}\" stroke-width=\"2\"><title>{}</title></path>",
            d.join(" "),
            xml_escape(label)
        );
    }
    for plot in &layers.plots {
        let tooltip = xml_escape(&format!(
            "{} — {}",
            plot.label.trim(),
            plot.status.name(locale)
        ));
        let c = plot.status.colour();
        match &plot.shape {
            PlotShape::Polygon(rings) => {
                let d: Vec<String> = rings.iter().map(|r| ring_path_d(r, &vp)).collect();
                let _ = write!(
                    svg,
                    "<path class=\"plot\" d=\"{}\" fill=\"{c}\" fill-opacity=\"0.55\" fill-rule=\"evenodd\" stroke=\"{c}\" stroke-width=\"1.5\"{}><title>{tooltip}</title></path>",
                    d.join(" "),
                    dash(plot.status)
                );
            }
            PlotShape::Point(lon, lat) => {
                if !usable(*lon, *lat) {
                    continue;
                }
                let (x, y) = vp.project(*lon, *lat);
                let _ = write!(
                    svg,
                    "<rect class=\"plot\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{c}\" stroke=\"{TEXT_COLOUR}\" stroke-width=\"1\"{}><title>{tooltip}</title></rect>",
                    px(x - 5.0),
                    px(y - 5.0),
                    dash(plot.status)
                );
            }
        }
    }
    let mut labels = String::new();
    for community in &layers.communities {
        if !usable(community.lon, community.lat) {
            continue;
        }
        let (x, y) = vp.project(community.lon, community.lat);
        let (fill, stroke, width) = if community.outside_area {
            ("none", OUTSIDE_COLOUR, 3)
        } else {
            (COMMUNITY_COLOUR, "#ffffff", 2)
        };
        let label = xml_escape(community.label.trim());
        let _ = write!(
            svg,
            "<circle class=\"community\" cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"><title>{label}</title></circle>",
            px(x),
            px(y)
        );
        let (lx, ly, anchor, text) = label_position(x, y, &community.label, &vp);
        labels.push_str(&halo_text(lx, ly, anchor, 13.0, &text));
    }
    svg.push_str(&labels);
    for (degrees, x) in &meridians {
        if *x >= 48.0 && *x <= vp.width - 36.0 {
            svg.push_str(&halo_text(
                *x,
                16.0,
                "middle",
                13.0,
                &degree_label(*degrees, lon_step, Axis::Longitude, locale),
            ));
        }
    }
    for (degrees, y) in &parallels {
        let y = *y - 4.0;
        if y >= 34.0 && y <= vp.height - 48.0 {
            svg.push_str(&halo_text(
                4.0,
                y,
                "start",
                13.0,
                &degree_label(*degrees, lat_step, Axis::Latitude, locale),
            ));
        }
    }
    let (_, middle_latitude) = vp.unproject(vp.width / 2.0, vp.height / 2.0);
    if let Some(bar) = scale_bar(&vp, middle_latitude, vp.width / 4.0, locale) {
        let (x, y) = (12.0, vp.height - 12.0);
        let box_width = bar.pixels.max(text_width(&bar.label, 13.0)) + 16.0;
        let _ = write!(
            svg,
            "<g class=\"scale-bar\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"34\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>\
             <path d=\"M{} {}V{}H{}V{}\" fill=\"none\" stroke=\"{TEXT_COLOUR}\" stroke-width=\"2\"/>\
             <text x=\"{}\" y=\"{}\" {FONT} font-size=\"13\" fill=\"{TEXT_COLOUR}\">{}</text></g>",
            px(x - 6.0),
            px(y - 28.0),
            px(box_width),
            px(x),
            px(y - 6.0),
            px(y),
            px(x + bar.pixels),
            px(y - 6.0),
            px(x),
            px(y - 10.0),
            xml_escape(&bar.label)
        );
    }
    if template.is_some()
        && let Some(attribution) = options.tile_attribution.as_deref().map(str::trim)
        && !attribution.is_empty()
    {
        svg.push_str(&halo_text(
            vp.width - 4.0,
            vp.height - 4.0,
            "end",
            13.0,
            &shorten(attribution, 90),
        ));
    }
    svg.push_str("</svg>");
    let entries = legend_entries(layers, locale);
    let legend_top = frame.map_top + vp.height;
    let _ = write!(
        svg,
        "<g class=\"legend\" {FONT} font-size=\"{LEGEND_FONT}\" fill=\"{TEXT_COLOUR}\">"
    );
    for ((swatch, _), (x, row, text)) in entries.iter().zip(legend_layout(&entries, frame.width)) {
        let y = legend_top + 6.0 + LEGEND_ROW * (row as f64 + 0.5);
        svg.push_str(&swatch_svg(swatch, x, y));
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            px(x + 26.0),
            px(y + 5.0),
            xml_escape(&text)
        );
    }
    svg.push_str("</g></svg>");
    svg
}

fn svg_open(width: f64, height: f64, title: &str, description: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{title}\">\
         <title>{title}</title><desc>{description}</desc><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
        w = px(width),
        h = px(height),
    )
}

fn title_text(options: &MapOptions, width: f64) -> String {
    let title = options.title.trim();
    if title.is_empty() {
        return String::new();
    }
    let room = ((width - 24.0) / (18.0 * 0.56)).floor().max(1.0) as usize;
    format!(
        "<text x=\"12\" y=\"26\" {FONT} font-size=\"18\" font-weight=\"bold\" fill=\"{TEXT_COLOUR}\">{}</text>",
        xml_escape(&shorten(title, room))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    /// A viewport at exactly zoom `z` whose top-left corner is at world (left, top).
    fn at_zoom(z: i32, left: f64, top: f64) -> Viewport {
        Viewport {
            width: 760.0,
            height: 560.0,
            left,
            top,
            scale: TILE_SIZE * 2f64.powi(z),
        }
    }

    fn square(west: f64, south: f64, side: f64) -> Vec<Vec<Vec<(f64, f64)>>> {
        vec![vec![vec![
            (west, south),
            (west + side, south),
            (west + side, south + side),
            (west, south + side),
            (west, south),
        ]]]
    }

    fn putumayo() -> MapLayers {
        MapLayers {
            areas: vec![MapArea {
                label: "Área del proyecto".into(),
                polygons: square(-77.0, 0.0, 1.0),
            }],
            communities: vec![
                MapCommunity {
                    label: "Vereda La Carmelita".into(),
                    lon: -76.52,
                    lat: 0.49,
                    outside_area: false,
                },
                MapCommunity {
                    label: "Puerto Asís".into(),
                    lon: -75.9,
                    lat: 0.5,
                    outside_area: true,
                },
            ],
            plots: vec![
                MapPlot {
                    label: "P-001".into(),
                    shape: PlotShape::Point(-76.6, 0.3),
                    status: PlotStatus::Illicit,
                },
                MapPlot {
                    label: "P-002".into(),
                    shape: PlotShape::Polygon(vec![vec![
                        (-76.4, 0.2),
                        (-76.39, 0.2),
                        (-76.39, 0.21),
                        (-76.4, 0.2),
                    ]]),
                    status: PlotStatus::Licit,
                },
            ],
        }
    }

    #[test]
    fn the_projection_sends_the_world_to_the_unit_square() {
        assert_eq!(world_x(-180.0), 0.0);
        assert_eq!(world_x(180.0), 1.0);
        assert_eq!(world_y(0.0), 0.5);
        assert!(close(world_y(MAX_LATITUDE), 0.0, 1e-12));
        assert!(close(world_y(-MAX_LATITUDE), 1.0, 1e-12));
        assert_eq!(
            world_y(89.9),
            world_y(MAX_LATITUDE),
            "beyond the edge is clamped"
        );
    }

    #[test]
    fn projecting_and_unprojecting_are_inverses() {
        let vp = Viewport::fit(
            Bounds {
                west: -77.0,
                south: -1.0,
                east: -75.0,
                north: 1.5,
            },
            760.0,
            560.0,
            24.0,
        );
        for (lon, lat) in [
            (-76.52, 0.49),
            (-74.0721, 4.711),
            (0.0, 0.0),
            (179.9, -85.0),
            (-179.9, 85.0),
            (96.1, 21.9),
        ] {
            let (x, y) = vp.project(lon, lat);
            let (lon2, lat2) = vp.unproject(x, y);
            assert!(
                close(lon, lon2, 1e-9) && close(lat, lat2, 1e-9),
                "{lon},{lat}"
            );
        }
        for (x, y) in [(0.0, 0.0), (380.0, 280.0), (759.5, 12.25), (-40.0, 600.0)] {
            let (lon, lat) = vp.unproject(x, y);
            let (x2, y2) = vp.project(lon, lat);
            assert!(close(x, x2, 1e-6) && close(y, y2, 1e-6), "{x},{y}");
        }
    }

    #[test]
    fn the_projection_finds_the_same_tiles_as_the_slippy_map_formula() {
        // OSM's formula: x = floor((lon + 180) / 360 · 2^z),
        // y = floor((1 − asinh(tan φ) / π) / 2 · 2^z).
        // Bogotá (−74.0721, 4.7110) at zoom 12: x = floor(1205.224) = 1205, y = floor(1994.339) = 1994.
        let n = 2f64.powi(12);
        assert_eq!((world_x(-74.0721) * n).floor(), 1205.0);
        assert_eq!((world_y(4.7110) * n).floor(), 1994.0);
    }

    #[test]
    fn a_square_at_the_equator_is_fitted_by_its_height_and_centred() {
        let bounds = Bounds {
            west: 0.0,
            south: 0.0,
            east: 1.0,
            north: 1.0,
        };
        let vp = Viewport::fit(bounds, 760.0, 560.0, 24.0);
        // Width 1/360 of the world; height world_y(0) − world_y(1) = 0.0027779 (a hair taller:
        // Mercator stretches away from the equator). The box is 712 × 512 inside the padding, so
        // the height decides: scale = 512 / 0.0027779.
        assert_eq!(vp.height, 560.0);
        let (x0, y0) = vp.project(0.0, 1.0);
        let (x1, y1) = vp.project(1.0, 0.0);
        assert!(close(y0, 24.0, 1e-6) && close(y1, 536.0, 1e-6), "{y0} {y1}");
        assert!(close(x0 + x1, 760.0, 1e-6), "centred: {x0} {x1}");
        assert!(close(
            x1 - x0,
            512.0 * (1.0 / 360.0) / (world_y(0.0) - world_y(1.0)),
            1e-6
        ));
    }

    #[test]
    fn a_wide_strip_keeps_its_proportions_and_a_single_point_still_gets_room() {
        let strip = Viewport::fit(
            Bounds {
                west: -78.0,
                south: 0.0,
                east: -74.0,
                north: 0.5,
            },
            760.0,
            560.0,
            24.0,
        );
        // Width decides: 712 px for 4°, so 0.5° of latitude (≈ 0.5° of longitude at the
        // equator) takes 89 px, plus 48 px of padding, below the 240 px floor.
        assert_eq!(strip.height, 240.0);
        let (xw, _) = strip.project(-78.0, 0.0);
        let (xe, _) = strip.project(-74.0, 0.0);
        assert!(close(xw, 24.0, 1e-6) && close(xe, 736.0, 1e-6));
        let point = Viewport::fit(
            Bounds {
                west: -76.5,
                south: 0.5,
                east: -76.5,
                north: 0.5,
            },
            760.0,
            560.0,
            24.0,
        );
        assert_eq!(
            point.zoom(),
            18.0,
            "a point is shown at the closest fitting zoom"
        );
        let (x, y) = point.project(-76.5, 0.5);
        assert!(close(x, 380.0, 1e-6) && close(y, 120.0, 1e-6));
    }

    #[test]
    fn the_tile_zoom_is_the_nearest_whole_zoom_and_tiles_cover_the_map() {
        let vp = at_zoom(10, 294.0 / 1024.0, 509.0 / 1024.0);
        assert_eq!(tile_zoom(&vp), 10);
        assert_eq!(
            tile_zoom(&Viewport {
                scale: 256.0 * 2f64.powf(10.4),
                ..vp
            }),
            10
        );
        assert_eq!(
            tile_zoom(&Viewport {
                scale: 256.0 * 2f64.powf(10.6),
                ..vp
            }),
            11
        );
        assert_eq!(
            tile_zoom(&Viewport {
                scale: 256.0 * 2f64.powf(25.0),
                ..vp
            }),
            19
        );
        assert_eq!(tile_zoom(&Viewport { scale: 10.0, ..vp }), 0);
        // The map's corner is exactly tile (294, 509)'s corner; 760 × 560 px needs 3 columns
        // (760 / 256 = 2.97) and 3 rows (560 / 256 = 2.19).
        let tiles = tiles(&vp);
        assert_eq!(tiles.len(), 9);
        assert_eq!((tiles[0].x, tiles[0].y, tiles[0].z), (294, 509, 10));
        assert!(close(tiles[0].left, 0.0, 1e-6) && close(tiles[0].size, 256.0, 1e-9));
        assert_eq!((tiles[8].x, tiles[8].y), (296, 511));
        assert!(close(tiles[8].left, 512.0, 1e-6) && close(tiles[8].top, 512.0, 1e-6));
        assert_eq!(
            tile_url("https://tile.example.org/{z}/{x}/{y}.png", 10, 294, 509),
            "https://tile.example.org/10/294/509.png"
        );
    }

    #[test]
    fn tiles_wrap_around_the_antimeridian_and_stop_at_the_poles() {
        let vp = Viewport {
            width: 512.0,
            height: 512.0,
            left: -0.25,
            top: -0.25,
            scale: 512.0,
        };
        // Zoom 1: 2 × 2 tiles of 256 px. The box spans world x −0.25…0.75 (columns −1, 0 and 1;
        // −1 wraps to 1) and world y −0.25…0.75: nothing lies north of the edge, so rows 0 and 1
        // only, the first starting 128 px down.
        let tiles = tiles(&vp);
        let columns: Vec<u32> = tiles.iter().map(|t| t.x).collect();
        let rows: Vec<u32> = tiles.iter().map(|t| t.y).collect();
        assert_eq!(columns, [1, 0, 1, 1, 0, 1]);
        assert_eq!(rows, [0, 0, 0, 1, 1, 1]);
        assert!(close(tiles[0].left, -128.0, 1e-9) && close(tiles[0].top, 128.0, 1e-9));
        assert!(tiles.iter().all(|t| t.z == 1));
    }

    #[test]
    fn tile_templates_are_refused_unless_http_with_the_three_placeholders() {
        assert_eq!(
            tile_url_template("  https://tile.example.org/{z}/{x}/{y}.png "),
            Ok("https://tile.example.org/{z}/{x}/{y}.png".to_owned())
        );
        assert!(tile_url_template("HTTP://tiles.local:8080/osm/{z}/{x}/{y}.png?key=a&v=2").is_ok());
        let problem = |raw: &str| tile_url_template(raw).unwrap_err();
        assert_eq!(
            problem("javascript:alert(1)//{z}/{x}/{y}"),
            TileUrlProblem::NotHttp
        );
        assert_eq!(problem("JavaScript:alert(1)"), TileUrlProblem::NotHttp);
        assert_eq!(
            problem("data:image/png;base64,{z}{x}{y}"),
            TileUrlProblem::NotHttp
        );
        assert_eq!(
            problem("ftp://tile.example.org/{z}/{x}/{y}.png"),
            TileUrlProblem::NotHttp
        );
        assert_eq!(
            problem("//tile.example.org/{z}/{x}/{y}.png"),
            TileUrlProblem::NotHttp
        );
        assert_eq!(
            problem("file:///tiles/{z}/{x}/{y}.png"),
            TileUrlProblem::NotHttp
        );
        assert_eq!(problem("https:///{z}/{x}/{y}.png"), TileUrlProblem::NoHost);
        assert_eq!(problem(""), TileUrlProblem::Empty);
        assert_eq!(
            problem("https://user:secret@tile.example.org/{z}/{x}/{y}.png"),
            TileUrlProblem::Credentials
        );
        assert_eq!(
            problem("https://tile.example.org/{z}/{x}.png"),
            TileUrlProblem::MissingPlaceholder {
                placeholder: "{y}".into()
            }
        );
        assert_eq!(
            problem("https://{s}.tile.example.org/{z}/{x}/{y}.png"),
            TileUrlProblem::UnknownPlaceholder {
                placeholder: "{s}".into()
            }
        );
        assert!(matches!(
            problem("https://tile.example.org/{z/{x}/{y}.png"),
            TileUrlProblem::UnknownPlaceholder { .. }
        ));
        assert_eq!(
            problem("https://tile.example.org/{z}/{x}/{y}.png\"onload=\"x"),
            TileUrlProblem::ForbiddenCharacter {
                character: "\"".into()
            }
        );
        assert!(matches!(
            problem("https://tile.example.org/{z}/{x}/{y}.png x"),
            TileUrlProblem::ForbiddenCharacter { .. }
        ));
        assert_eq!(
            problem(&format!(
                "https://a.org/{}{{z}}{{x}}{{y}}",
                "a".repeat(1000)
            )),
            TileUrlProblem::TooLong
        );
        assert_eq!(
            problem("ftp://x").message(Locale::Es),
            "La plantilla de URL de teselas debe empezar por https:// o http://."
        );
        assert!(
            problem("https://{s}.t.org/{z}/{x}/{y}")
                .message(Locale::En)
                .contains("{s}")
        );
        assert_eq!(TileUrlProblem::NoHost.code(), "no_host");
    }

    #[test]
    fn the_map_draws_escaped_tiles_clipped_to_the_map_box() {
        let mut options = MapOptions::new("Mapa", Locale::Es);
        options.tile_url = Some("https://tile.example.org/{z}/{x}/{y}.png?key=a&lang=es".into());
        options.tile_attribution = Some("© OpenStreetMap <contributors>".into());
        let svg = map_svg(&putumayo(), &options);
        let frame = map_frame(&putumayo(), &options).unwrap();
        let z = tile_zoom(&frame.viewport);
        let first = tiles(&frame.viewport)[0];
        let url = format!(
            "https://tile.example.org/{z}/{}/{}.png?key=a&amp;lang=es",
            first.x, first.y
        );
        assert!(svg.contains(&format!("<image href=\"{url}\"")), "{svg}");
        assert_eq!(svg.matches("<image ").count(), tiles(&frame.viewport).len());
        assert!(
            svg.contains("overflow=\"hidden\""),
            "tiles are clipped by the nested map box"
        );
        assert!(svg.contains("© OpenStreetMap &lt;contributors&gt;"));
        options.tile_url = Some("javascript:alert(1)/{z}/{x}/{y}".into());
        let svg = map_svg(&putumayo(), &options);
        assert!(!svg.contains("<image") && !svg.contains("javascript"));
        assert!(
            !svg.contains("OpenStreetMap"),
            "no attribution without tiles"
        );
    }

    #[test]
    fn graticule_steps_give_three_to_seven_lines_and_labels_name_the_hemisphere() {
        assert_eq!(graticule_step(2.4), 0.5);
        assert_eq!(graticule_step(10.0), 2.0);
        assert_eq!(graticule_step(0.6), 0.1);
        assert_eq!(graticule_step(0.05), 0.01);
        assert_eq!(
            degree_label(-76.5, 0.5, Axis::Longitude, Locale::En),
            "76.5°W"
        );
        assert_eq!(
            degree_label(-76.5, 0.5, Axis::Longitude, Locale::Es),
            "76,5°O"
        );
        assert_eq!(
            degree_label(-0.25, 0.25, Axis::Latitude, Locale::En),
            "0.25°S"
        );
        assert_eq!(
            degree_label(-0.5, 0.25, Axis::Latitude, Locale::En),
            "0.50°S"
        );
        assert_eq!(degree_label(2.0, 1.0, Axis::Latitude, Locale::Es), "2°N");
        assert_eq!(degree_label(96.0, 2.0, Axis::Longitude, Locale::En), "96°E");
        assert_eq!(degree_label(0.0, 0.5, Axis::Latitude, Locale::En), "0°");
        assert_eq!(degree_label(-1e-12, 0.5, Axis::Longitude, Locale::En), "0°");
    }

    #[test]
    fn the_map_labels_its_graticule_in_degrees() {
        let en = map_svg(&putumayo(), &MapOptions::new("Map", Locale::En));
        // The map box spans about 77.2°W to 75.7°W (1.5°), so meridians every 0.25° from 77°W
        // to 76°W, labelled with two decimals; parallels every 0.25° too.
        for label in [
            ">77.00°W<",
            ">76.75°W<",
            ">76.50°W<",
            ">76.00°W<",
            ">0.25°N<",
            ">0.75°N<",
        ] {
            assert!(en.contains(label), "{label}");
        }
        let es = map_svg(&putumayo(), &MapOptions::new("Mapa", Locale::Es));
        assert!(es.contains(">76,50°O<") && es.contains(">0,50°N<"));
    }

    #[test]
    fn the_scale_bar_is_true_at_the_equator_and_at_sixty_degrees() {
        let vp = at_zoom(10, 0.0, 0.0);
        // Zoom 10: 262,144 px around the world. At the equator N = a, so a pixel is
        // 2π · 6,378,137 m / 262,144 = 152.874 m; 190 px (a quarter of 760) hold 29 km, so the
        // bar is 20 km = 130.8 px.
        assert!(close(vp.metres_per_pixel(0.0), 152.874_056_570, 1e-6));
        let bar = scale_bar(&vp, 0.0, 190.0, Locale::En).unwrap();
        assert_eq!((bar.metres, bar.label.as_str()), (20_000, "20 km"));
        assert!(close(bar.pixels, 20_000.0 / 152.874_056_570, 1e-6));
        // At 60°: N = a / √(1 − e² sin² 60°) = 6,378,137 / √(1 − 0.00669438 · 0.75)
        // = 6,394,209.2 m; the parallel's radius N cos 60° = 3,197,104.6 m; a pixel is
        // 2π · 3,197,104.6 / 262,144 = 76.630 m (a sphere would say 76.437). 190 px hold 14.6 km:
        // the bar is 10 km = 130.5 px.
        assert!(close(vp.metres_per_pixel(60.0), 76.629_640_8, 1e-6));
        let bar = scale_bar(&vp, 60.0, 190.0, Locale::En).unwrap();
        assert_eq!(bar.metres, 10_000);
        assert!(close(bar.pixels, 130.497, 1e-3));
        let close_in = at_zoom(17, 0.0, 0.0);
        assert_eq!(
            scale_bar(&close_in, 0.0, 190.0, Locale::En).unwrap().label,
            "200 m"
        );
        let world = at_zoom(1, 0.0, 0.0);
        assert_eq!(
            scale_bar(&world, 0.0, 190.0, Locale::Es).unwrap().label,
            "10.000 km"
        );
        assert_eq!(
            scale_bar(&world, 0.0, 190.0, Locale::En).unwrap().label,
            "10,000 km"
        );
    }

    #[test]
    fn the_map_shows_a_scale_bar_for_its_middle_latitude() {
        let svg = map_svg(&putumayo(), &MapOptions::new("Map", Locale::En));
        let frame = map_frame(&putumayo(), &MapOptions::new("Map", Locale::En)).unwrap();
        let vp = frame.viewport;
        let (_, middle) = vp.unproject(vp.width / 2.0, vp.height / 2.0);
        let bar = scale_bar(&vp, middle, vp.width / 4.0, Locale::En).unwrap();
        // 760 px show about 1.5° of longitude at 0.5°N (≈ 166 km, ≈ 219 m a pixel): a quarter
        // of the width holds 41 km, so the bar is 20 km.
        assert_eq!(bar.label, "20 km");
        assert!(close(
            bar.pixels,
            20_000.0 / vp.metres_per_pixel(middle),
            1e-9
        ));
        assert!(svg.contains(">20 km</text>"));
    }

    #[test]
    fn every_label_and_the_title_are_escaped() {
        let mut layers = putumayo();
        layers.communities[0].label = "<script>alert('x')</script> & \"co\"\u{0}".into();
        layers.plots[0].label = "<b>".into();
        layers.areas[0].label = "A & B".into();
        let svg = map_svg(
            &layers,
            &MapOptions::new("Área <del> \"proyecto\"", Locale::En),
        );
        assert!(!svg.contains("<script>") && !svg.contains("<b>") && !svg.contains("<del>"));
        assert!(
            svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;")
        );
        assert!(!svg.contains('\u{0}'));
        assert!(svg.contains("aria-label=\"Área &lt;del&gt; &quot;proyecto&quot;\""));
        assert!(svg.contains("<title>Área &lt;del&gt; &quot;proyecto&quot;</title>"));
        assert!(svg.contains(">A &amp; B</text>"));
    }

    #[test]
    fn the_legend_and_description_are_in_spanish_for_spanish_readers() {
        let svg = map_svg(
            &putumayo(),
            &MapOptions::new("Mapa del proyecto", Locale::Es),
        );
        for text in [
            ">Área del proyecto</text>",
            ">Comunidad</text>",
            ">Comunidad fuera del área</text>",
            ">Parcela con cultivos lícitos</text>",
            ">Parcela con cultivos ilícitos</text>",
            "<desc>Áreas: 1. Comunidades: 2, de ellas 1 fuera del área. Parcelas: 2.</desc>",
            "<title>P-001 — Ilícita</title>",
        ] {
            assert!(svg.contains(text), "{text}");
        }
        assert!(
            !svg.contains("Parcela mixta") && !svg.contains("erradicada"),
            "only statuses drawn"
        );
        assert!(svg.contains("role=\"img\""));
    }

    #[test]
    fn the_map_draws_every_layer_in_its_colours() {
        let svg = map_svg(&putumayo(), &MapOptions::new("Map", Locale::En));
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.ends_with("</svg>")
        );
        assert!(svg.contains("fill-rule=\"evenodd\""));
        assert_eq!(svg.matches("class=\"community\"").count(), 2);
        assert!(
            svg.contains("fill=\"#0072B2\" stroke=\"#ffffff\""),
            "inside: filled blue"
        );
        assert!(
            svg.contains("fill=\"none\" stroke=\"#D55E00\" stroke-width=\"3\""),
            "outside: hollow vermillion"
        );
        assert!(
            svg.contains("class=\"plot\" x=")
                && svg.contains("fill=\"#D55E00\" stroke=\"#1b1f23\"")
        );
        assert!(svg.contains("class=\"plot\" d=\"M") && svg.contains("fill=\"#009E73\""));
        assert!(svg.contains(">Vereda La Carmelita</text>"));
        assert!(
            svg.contains("<rect width=\"760.0\" height=\"560.0\" fill=\"#eef3f1\"/>"),
            "light background"
        );
    }

    #[test]
    fn the_same_layers_draw_the_same_document() {
        let options = MapOptions::new("Map", Locale::En);
        assert_eq!(
            map_svg(&putumayo(), &options),
            map_svg(&putumayo(), &options)
        );
    }

    #[test]
    fn labels_near_the_right_edge_turn_left_and_long_labels_are_shortened() {
        let mut layers = putumayo();
        // The outside community is the easternmost point: its label would run off the map.
        layers.communities[1].label = "Puerto Asís (cabecera municipal)".into();
        layers.communities[0].label = "V".repeat(80);
        let options = MapOptions::new("Map", Locale::En);
        let svg = map_svg(&layers, &options);
        let vp = map_frame(&layers, &options).unwrap().viewport;
        let (x, y) = vp.project(-75.9, 0.5);
        assert!(x + 10.0 + text_width("Puerto Asís (cabecera municipal)", 13.0) > vp.width);
        assert!(svg.contains(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"",
            px(x - 10.0),
            px(y + 4.5)
        )));
        assert!(svg.contains(&format!(">{}…</text>", "V".repeat(39))));
        assert!(
            svg.contains(&format!("<title>{}</title>", "V".repeat(80))),
            "the tooltip keeps it whole"
        );
    }

    #[test]
    fn a_map_with_nothing_located_says_so() {
        let svg = map_svg(&MapLayers::default(), &MapOptions::new("Mapa", Locale::Es));
        assert!(svg.contains("Aún no hay nada que mostrar"));
        assert!(map_frame(&MapLayers::default(), &MapOptions::new("", Locale::En)).is_none());
        let untitled = map_svg(&putumayo(), &MapOptions::new(" ", Locale::Es));
        assert!(untitled.contains("aria-label=\"Mapa\"") && untitled.contains("y=\"0.0\""));
    }

    #[test]
    fn the_frame_tells_the_editor_where_the_map_box_is() {
        let options = MapOptions::new("Map", Locale::En);
        let frame = map_frame(&putumayo(), &options).unwrap();
        assert_eq!(frame.map_top, 40.0);
        // Five legend entries take two rows of 24 px at 760 px, plus 12 px of margins.
        assert_eq!(frame.height, 40.0 + frame.viewport.height + 60.0);
        let svg = map_svg(&putumayo(), &options);
        assert!(svg.contains(&format!(
            "<svg class=\"map-box\" x=\"0\" y=\"40.0\" width=\"760.0\" height=\"{}\"",
            px(frame.viewport.height)
        )));
    }

    #[test]
    fn a_ring_becomes_path_data_without_repeating_its_closing_point() {
        let vp = at_zoom(0, 0.0, 0.0);
        // Zoom 0: 256 px for the world; 0°,0° is at (128, 128); 90°E is a quarter further east.
        let d = ring_path_d(&[(0.0, 0.0), (90.0, 0.0), (90.0, 10.0), (0.0, 0.0)], &vp);
        let (_, y10) = vp.project(90.0, 10.0);
        assert_eq!(d, format!("M128.0 128.0L192.0 128.0L192.0 {}Z", px(y10)));
        assert_eq!(
            ring_path_d(&[(0.0, 0.0), (90.0, 0.0)], &vp),
            "M128.0 128.0L192.0 128.0"
        );
        assert_eq!(ring_path_d(&[], &vp), "");
        assert_eq!(
            ring_path_d(&[(0.0, 0.0), (f64::NAN, 1.0), (90.0, 0.0)], &vp),
            "M128.0 128.0L192.0 128.0",
            "unusable points are left out"
        );
    }

    #[test]
    fn the_nearest_vertex_is_found_within_the_radius_only() {
        let vp = at_zoom(0, 0.0, 0.0);
        let ring = [(0.0, 0.0), (90.0, 0.0), (90.0, 45.0)];
        // (90°E, 0°) is at (192, 128).
        assert_eq!(nearest_vertex(&ring, &vp, 190.0, 131.0, 8.0), Some(1));
        assert_eq!(nearest_vertex(&ring, &vp, 160.0, 128.0, 8.0), None);
        assert_eq!(nearest_vertex(&[], &vp, 0.0, 0.0, 8.0), None);
    }

    #[test]
    fn a_vertex_is_inserted_on_the_nearest_edge_where_it_passes_closest() {
        let vp = at_zoom(0, 0.0, 0.0);
        let mut ring = vec![(0.0, 0.0), (90.0, 0.0), (90.0, 45.0), (0.0, 45.0)];
        // A click 3 px below the middle of the first edge (from (128,128) to (192,128)).
        assert_eq!(
            insert_vertex_on_nearest_edge(&mut ring, &vp, 160.0, 131.0, 8.0),
            Some(1)
        );
        assert_eq!(ring.len(), 5);
        assert!(
            close(ring[1].0, 45.0, 1e-9) && close(ring[1].1, 0.0, 1e-9),
            "{:?}",
            ring[1]
        );
        // A click beside the closing edge (from (0°,45°) back to (0°,0°), x = 128) goes last.
        let (_, y_mid) = vp.project(0.0, 22.0);
        assert_eq!(
            insert_vertex_on_nearest_edge(&mut ring, &vp, 126.0, y_mid, 8.0),
            Some(5)
        );
        assert!(close(ring[5].0, 0.0, 1e-9) && close(ring[5].1, 22.0, 1e-9));
        assert_eq!(
            insert_vertex_on_nearest_edge(&mut ring, &vp, 10.0, 10.0, 8.0),
            None
        );
        assert_eq!(ring.len(), 6);
    }

    #[test]
    fn the_editor_vertices_become_a_closed_geojson_polygon() {
        let json = polygon_geojson(&[(-76.5, 0.5), (-76.123456789, 0.5), (-76.1, 0.9)]);
        assert_eq!(
            json,
            r#"{"type":"Polygon","coordinates":[[[-76.5,0.5],[-76.1234568,0.5],[-76.1,0.9],[-76.5,0.5]]]}"#
        );
        let closed = polygon_geojson(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]);
        assert_eq!(
            closed.matches("[0,0]").count(),
            2,
            "not closed twice: {closed}"
        );
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["coordinates"][0].as_array().unwrap().len(), 4);
    }

    #[test]
    fn the_editor_loads_the_outer_ring_of_a_stored_area_and_counts_what_it_cannot_edit() {
        let ring = exterior_ring_from_geojson(
            r#"{"type":"MultiPolygon","coordinates":[
                [[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.2,0.2],[0.2,0.4],[0.4,0.4],[0.2,0.2]]],
                [[[5,5],[6,5],[6,6],[5,5]]]]}"#,
        )
        .unwrap();
        assert_eq!(
            ring.vertices,
            [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
        );
        assert_eq!((ring.polygons, ring.holes), (2, 1));
        let feature = exterior_ring_from_geojson(
            r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[-76.5,0.5],[-76.1,0.5],[-76.1,0.9],[-76.5,0.5]]]}}"#,
        )
        .unwrap();
        assert_eq!(feature.vertices.len(), 3);
        assert_eq!((feature.polygons, feature.holes), (1, 0));
        let round_trip = exterior_ring_from_geojson(&polygon_geojson(&feature.vertices)).unwrap();
        assert_eq!(round_trip.vertices, feature.vertices);
    }

    #[test]
    fn unreadable_areas_are_refused_with_their_reason() {
        assert!(matches!(
            exterior_ring_from_geojson("{not json"),
            Err(GeometryProblem::NotGeoJson { .. })
        ));
        assert_eq!(
            exterior_ring_from_geojson(r#"{"type":"Point","coordinates":[0,0]}"#),
            Err(GeometryProblem::NoPolygon)
        );
        assert_eq!(
            exterior_ring_from_geojson(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#),
            Err(GeometryProblem::TooFewPoints {
                polygon: 0,
                ring: 0
            })
        );
        assert_eq!(
            exterior_ring_from_geojson(
                r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,"x"],[0,1],[0,0]]]}"#
            ),
            Err(GeometryProblem::CoordinateOutOfRange {
                polygon: 0,
                ring: 0,
                point: 2
            })
        );
    }

    #[test]
    fn plot_statuses_have_codes_names_and_distinct_colours() {
        for status in PlotStatus::ALL {
            assert_eq!(PlotStatus::from_code(status.code()), Some(status));
            assert_eq!(
                serde_json::to_string(&status).unwrap(),
                format!("\"{}\"", status.code())
            );
            assert_ne!(status.name(Locale::En), status.name(Locale::Es));
        }
        let colours: std::collections::HashSet<_> =
            PlotStatus::ALL.iter().map(|s| s.colour()).collect();
        assert_eq!(colours.len(), 5);
        assert_eq!(PlotStatus::from_code("lost"), None);
        assert_eq!(
            PlotStatus::EradicatedVerified.name(Locale::Es),
            "Erradicada y verificada"
        );
    }

    #[test]
    fn a_tile_layer_names_its_origin_for_the_content_security_policy() {
        let layer = TileLayer {
            template: tile_url_template("https://tiles.example.org:8443/osm/{z}/{x}/{y}.png")
                .unwrap(),
            attribution: Some("© OpenStreetMap".into()),
        };
        assert_eq!(
            layer.origin().as_deref(),
            Some("https://tiles.example.org:8443")
        );
        let options = layer.apply(MapOptions::new("Map", Locale::En));
        assert_eq!(options.tile_url.as_deref(), Some(layer.template.as_str()));
        assert_eq!(options.tile_attribution.as_deref(), Some("© OpenStreetMap"));
    }
}
