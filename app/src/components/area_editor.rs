//! Drawing or changing a project's area on a map in the page. With WebAssembly: click the map to
//! add a corner (a click near a side puts the corner on that side), drag a corner to move it, or
//! focus a corner and move it with the arrow keys (Shift for larger steps), Delete to remove it.
//! Without it, and for keyboard and screen-reader users as well: the corners are a table of
//! longitude and latitude fields, kept in step with the drawing, that the form posts (blank rows
//! are ignored). The server validates the ring (closed, no crossing sides, coordinates in range)
//! and measures it on the ellipsoid. The map is drawn in Web Mercator like the server's, with no
//! tile service.

use crate::components::error_view::ErrorSummary;
use crate::components::form::{CsrfField, FormState};
use crate::i18n::use_locale;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::i18n::{Locale, Msg};
use shared::mapview::{Bounds, Viewport, polygon_geojson, ring_path_d};

/// The editor's map size, in SVG units.
const WIDTH: f64 = 760.0;
const MAX_HEIGHT: f64 = 480.0;
/// How near (in pixels) a click must be to a corner or a side to take it.
#[cfg(feature = "hydrate")]
const GRAB_RADIUS: f64 = 10.0;
/// Blank rows offered for typing corners without JavaScript.
const SPARE_ROWS: usize = 3;

/// The corners as posted: longitudes and latitudes in order (`vertex_lon`, `vertex_lat`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaDrawing {
    /// Longitudes as typed.
    pub lons: Vec<String>,
    /// Latitudes as typed.
    pub lats: Vec<String>,
}

impl AreaDrawing {
    /// Reads a post's repeated `vertex_lon` and `vertex_lat` fields.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut drawing = AreaDrawing::default();
        for (key, value) in pairs {
            match key {
                "vertex_lon" => drawing.lons.push(value.to_owned()),
                "vertex_lat" => drawing.lats.push(value.to_owned()),
                _ => {}
            }
        }
        drawing
    }

    /// Whether any corner was typed.
    pub fn is_empty(&self) -> bool {
        self.lons
            .iter()
            .chain(&self.lats)
            .all(|v| v.trim().is_empty())
    }

    /// The corners as a GeoJSON Polygon, or every row that is not a pair of degrees in range
    /// (`vertex_lon[2]`...). Blank rows are skipped.
    pub fn to_geojson(&self) -> Result<String, Vec<shared::validation::FieldError>> {
        use shared::validation::optional_degrees;
        let mut errors = Vec::new();
        let mut corners = Vec::new();
        let rows = self.lons.len().max(self.lats.len());
        for i in 0..rows {
            let lon = self.lons.get(i).map(String::as_str).unwrap_or_default();
            let lat = self.lats.get(i).map(String::as_str).unwrap_or_default();
            let lon = optional_degrees(&format!("vertex_lon[{i}]"), lon, -180.0, 180.0)
                .map_err(|e| errors.push(e))
                .ok()
                .flatten();
            let lat = optional_degrees(&format!("vertex_lat[{i}]"), lat, -90.0, 90.0)
                .map_err(|e| errors.push(e))
                .ok()
                .flatten();
            match (lon, lat) {
                (Some(lon), Some(lat)) => corners.push((lon, lat)),
                (None, None) => {}
                (Some(_), None) => errors.push(shared::validation::FieldError::new(
                    format!("vertex_lat[{i}]"),
                    shared::validation::Problem::BothOrNeither,
                )),
                (None, Some(_)) => errors.push(shared::validation::FieldError::new(
                    format!("vertex_lon[{i}]"),
                    shared::validation::Problem::BothOrNeither,
                )),
            }
        }
        if errors.is_empty() {
            Ok(polygon_geojson(&corners))
        } else {
            Err(errors)
        }
    }
}

/// A rough box around a country, to start drawing when nothing is placed yet.
fn country_bounds(country: &str) -> Bounds {
    let (west, south, east, north) = match country {
        "CO" => (-79.0, -4.3, -66.8, 12.5),
        "PE" => (-81.4, -18.4, -68.6, -0.0),
        "BO" => (-69.7, -22.9, -57.4, -9.6),
        "EC" => (-81.1, -5.0, -75.2, 1.5),
        "MM" => (92.1, 9.7, 101.2, 28.6),
        "LA" => (100.0, 13.9, 107.7, 22.5),
        "TH" => (97.3, 5.6, 105.7, 20.5),
        "AF" => (60.5, 29.3, 75.0, 38.5),
        "MX" => (-118.5, 14.5, -86.7, 32.8),
        "GT" => (-92.3, 13.7, -88.2, 17.9),
        "HN" => (-89.4, 12.9, -83.1, 16.5),
        _ => (-180.0, -60.0, 180.0, 75.0),
    };
    Bounds {
        west,
        south,
        east,
        north,
    }
}

fn degrees(value: f64) -> String {
    format!("{value:.6}")
}

fn editor_field_id(field: &str) -> String {
    if let Some(rest) = field.strip_prefix("vertex_lon[") {
        return format!("vertex-lon-{}", rest.trim_end_matches(']'));
    }
    if let Some(rest) = field.strip_prefix("vertex_lat[") {
        return format!("vertex-lat-{}", rest.trim_end_matches(']'));
    }
    "area-editor-map".to_owned()
}

fn editor_field_label(field: &str, locale: Locale) -> String {
    let row = |rest: &str| {
        rest.trim_end_matches(']')
            .parse::<usize>()
            .map(|i| i + 1)
            .unwrap_or_default()
    };
    if let Some(rest) = field.strip_prefix("vertex_lon[") {
        return format!(
            "{}, {} {}",
            locale.t(Msg::Longitude),
            locale.t(Msg::Corner),
            row(rest)
        );
    }
    if let Some(rest) = field.strip_prefix("vertex_lat[") {
        return format!(
            "{}, {} {}",
            locale.t(Msg::Latitude),
            locale.t(Msg::Corner),
            row(rest)
        );
    }
    locale.t(Msg::DrawnArea).to_owned()
}

/// The pixel (in SVG units) of a pointer event on the map.
#[cfg(feature = "hydrate")]
fn map_point(ev: &leptos::ev::PointerEvent, height: f64) -> Option<(f64, f64)> {
    use wasm_bindgen::JsCast;
    let svg = document().get_element_by_id("area-editor-map")?;
    let rect = svg
        .dyn_ref::<web_sys::Element>()?
        .get_bounding_client_rect();
    if rect.width() <= 0.0 || rect.height() <= 0.0 {
        return None;
    }
    Some((
        (f64::from(ev.client_x()) - rect.left()) * WIDTH / rect.width(),
        (f64::from(ev.client_y()) - rect.top()) * height / rect.height(),
    ))
}

/// The area editor.
#[component]
pub fn AreaEditor(
    /// The project.
    project_id: i64,
    /// Its country (to frame an empty map).
    #[prop(into)]
    country: String,
    /// The current area as GeoJSON, if set.
    area_geojson: Option<String>,
    /// The communities placed on the map: name, longitude, latitude.
    communities: Vec<(String, f64, f64)>,
) -> impl IntoView {
    let locale = use_locale();
    let (submitted, state) = FormState::from_submission::<AreaDrawing>();
    let current = area_geojson
        .as_deref()
        .and_then(|g| shared::mapview::exterior_ring_from_geojson(g).ok());
    let extra_polygons = current
        .as_ref()
        .is_some_and(|r| r.polygons > 1 || r.holes > 0);
    let start: Vec<(f64, f64)> = if submitted != AreaDrawing::default() {
        submitted
            .lons
            .iter()
            .zip(&submitted.lats)
            .filter_map(|(lon, lat)| {
                Some((
                    lon.trim().replace(',', ".").parse().ok()?,
                    lat.trim().replace(',', ".").parse().ok()?,
                ))
            })
            .collect()
    } else {
        current
            .as_ref()
            .map(|r| r.vertices.clone())
            .unwrap_or_default()
    };
    let mut placed: Vec<(f64, f64)> = start.clone();
    placed.extend(communities.iter().map(|(_, lon, lat)| (*lon, *lat)));
    let bounds = Bounds::around(placed).unwrap_or_else(|| country_bounds(&country));
    let viewport = Viewport::fit(bounds, WIDTH, MAX_HEIGHT, 36.0);
    let height = viewport.height;
    let vertices = RwSignal::new(start);
    let selected = RwSignal::new(None::<usize>);
    let dragging = RwSignal::new(false);
    let errors = state.errors;

    let outline = current
        .as_ref()
        .map(|r| ring_path_d(&r.vertices, &viewport))
        .unwrap_or_default();
    let graticule = graticule_lines(&viewport);
    let community_marks = communities
        .iter()
        .map(|(name, lon, lat)| {
            let (x, y) = viewport.project(*lon, *lat);
            view! {
                <g class="area-editor__community">
                    <title>{name.clone()}</title>
                    <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="5" />
                    <text x=format!("{:.1}", x + 8.0) y=format!("{:.1}", y + 4.0)>{name.clone()}</text>
                </g>
            }
        })
        .collect_view();

    let on_down = move |ev: leptos::ev::PointerEvent| {
        #[cfg(feature = "hydrate")]
        {
            let Some((x, y)) = map_point(&ev, height) else {
                return;
            };
            let near = vertices.with_untracked(|v| {
                shared::mapview::nearest_vertex(v, &viewport, x, y, GRAB_RADIUS)
            });
            if let Some(i) = near {
                selected.set(Some(i));
                dragging.set(true);
                return;
            }
            let mut inserted = None;
            vertices.update(|v| {
                inserted = if v.len() >= 2 {
                    shared::mapview::insert_vertex_on_nearest_edge(v, &viewport, x, y, GRAB_RADIUS)
                } else {
                    None
                };
                if inserted.is_none() {
                    v.push(viewport.unproject(x, y));
                    inserted = Some(v.len() - 1);
                }
            });
            selected.set(inserted);
            dragging.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        #[cfg(feature = "hydrate")]
        {
            if !dragging.get_untracked() {
                return;
            }
            let (Some(i), Some((x, y))) = (selected.get_untracked(), map_point(&ev, height)) else {
                return;
            };
            vertices.update(|v| {
                if let Some(vertex) = v.get_mut(i) {
                    *vertex = viewport.unproject(x.clamp(0.0, WIDTH), y.clamp(0.0, height));
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_up = move |_: leptos::ev::PointerEvent| dragging.set(false);
    let on_key = move |i: usize, ev: leptos::ev::KeyboardEvent| {
        let step = if ev.shift_key() { 12.0 } else { 2.0 };
        let (dx, dy) = match ev.key().as_str() {
            "ArrowLeft" => (-step, 0.0),
            "ArrowRight" => (step, 0.0),
            "ArrowUp" => (0.0, -step),
            "ArrowDown" => (0.0, step),
            "Delete" | "Backspace" => {
                ev.prevent_default();
                vertices.update(|v| {
                    if i < v.len() {
                        v.remove(i);
                    }
                });
                selected.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        selected.set(Some(i));
        vertices.update(|v| {
            if let Some(vertex) = v.get_mut(i) {
                let (x, y) = viewport.project(vertex.0, vertex.1);
                *vertex = viewport.unproject(x + dx, y + dy);
            }
        });
    };

    let ring = move || vertices.with(|v| ring_path_d(v, &viewport));
    let handles = move || {
        vertices
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (lon, lat))| {
                let (x, y) = viewport.project(lon, lat);
                let label = format!(
                    "{} {}: {}, {}",
                    locale.t(Msg::Corner),
                    i + 1,
                    degrees(lat),
                    degrees(lon)
                );
                view! {
                    <circle
                        class="area-editor__corner"
                        class:area-editor__corner--selected=move || selected.get() == Some(i)
                        cx=format!("{x:.1}")
                        cy=format!("{y:.1}")
                        r="7"
                        tabindex="0"
                        role="button"
                        aria-label=label
                        on:keydown=move |ev| on_key(i, ev)
                        on:focus=move |_| selected.set(Some(i))
                    ></circle>
                }
            })
            .collect_view()
    };
    let rows = move || {
        let count = vertices.with(Vec::len);
        (0..count + SPARE_ROWS)
            .map(|i| {
                let lon = move || vertices.with(|v| v.get(i).map(|p| degrees(p.0)).unwrap_or_default());
                let lat = move || vertices.with(|v| v.get(i).map(|p| degrees(p.1)).unwrap_or_default());
                let set = move |axis: usize, text: String| {
                    let Ok(value) = text.trim().replace(',', ".").parse::<f64>() else {
                        return;
                    };
                    vertices.update(|v| {
                        if let Some(vertex) = v.get_mut(i) {
                            if axis == 0 {
                                vertex.0 = value;
                            } else {
                                vertex.1 = value;
                            }
                        }
                    });
                };
                view! {
                    <tr>
                        <th scope="row">{i + 1}</th>
                        <td>
                            <label class="visually-hidden" for=format!("vertex-lon-{i}")>
                                {format!("{}, {} {}", locale.t(Msg::Longitude), locale.t(Msg::Corner), i + 1)}
                            </label>
                            <input
                                type="text"
                                inputmode="decimal"
                                id=format!("vertex-lon-{i}")
                                name="vertex_lon"
                                value=lon()
                                prop:value=lon
                                on:change=move |ev| set(0, event_target_value(&ev))
                            />
                        </td>
                        <td>
                            <label class="visually-hidden" for=format!("vertex-lat-{i}")>
                                {format!("{}, {} {}", locale.t(Msg::Latitude), locale.t(Msg::Corner), i + 1)}
                            </label>
                            <input
                                type="text"
                                inputmode="decimal"
                                id=format!("vertex-lat-{i}")
                                name="vertex_lat"
                                value=lat()
                                prop:value=lat
                                on:change=move |ev| set(1, event_target_value(&ev))
                            />
                        </td>
                        <td>
                            {(i < count)
                                .then(|| {
                                    view! {
                                        <button
                                            type="button"
                                            class="button button--link js-only"
                                            on:click=move |_| {
                                                vertices.update(|v| {
                                                    if i < v.len() {
                                                        v.remove(i);
                                                    }
                                                })
                                            }
                                        >
                                            {locale.t(Msg::RemoveCorner)}
                                            <span class="visually-hidden">" "{i + 1}</span>
                                        </button>
                                    }
                                })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let clear = move |_| {
        vertices.set(Vec::new());
        selected.set(None);
    };
    let count_text = move || format!("{}: {}", locale.t(Msg::Corners), vertices.with(Vec::len));
    view! {
        <form
            id="area-editor-form"
            class="form area-editor"
            method="post"
            action=format!("/projects/{project_id}/area")
            novalidate
        >
            <p class="hint" id="area-editor-help">{locale.t(Msg::DrawAreaHelp)}</p>
            {extra_polygons.then(|| view! { <p class="notice notice--warning">{locale.t(Msg::DrawAreaOnlyFirstPolygon)}</p> })}
            <CsrfField />
            <ErrorSummary
                id="area-editor-errors"
                errors
                general=state.general
                field_id=editor_field_id
                field_label=editor_field_label
            />
            <svg
                id="area-editor-map"
                class="area-editor__map"
                viewBox=format!("0 0 {WIDTH:.0} {height:.0}")
                role="application"
                aria-label=locale.t(Msg::DrawArea)
                aria-describedby="area-editor-help"
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointerleave=on_up
            >
                <rect width="100%" height="100%" class="area-editor__background"></rect>
                <path d=graticule class="area-editor__graticule"></path>
                <path d=outline class="area-editor__current"></path>
                {community_marks}
                <path d=ring class="area-editor__ring"></path>
                {handles}
            </svg>
            <p class="area-editor__count" aria-live="polite">{count_text}</p>
            <div class="table-scroll" role="region" aria-label=locale.t(Msg::Corners) tabindex="0">
                <table class="table area-editor__table">
                    <caption>{locale.t(Msg::CornersTable)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{locale.t(Msg::Longitude)}</th>
                            <th scope="col">{locale.t(Msg::Latitude)}</th>
                            <th scope="col"><span class="visually-hidden">{locale.t(Msg::Actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="form__actions">
                <button id="area-editor-submit" type="submit" class="button button--primary">
                    {locale.t(Msg::SaveDrawnArea)}
                </button>
                <button type="button" class="button button--secondary js-only" on:click=clear>
                    {locale.t(Msg::ClearDrawing)}
                </button>
            </div>
        </form>
    }
}

/// Meridians and parallels across the map, as one SVG path.
fn graticule_lines(viewport: &Viewport) -> String {
    let bounds = viewport.visible_bounds();
    let step = shared::mapview::graticule_step(
        (bounds.east - bounds.west).max(bounds.north - bounds.south),
    );
    let mut d = String::new();
    if step.is_nan() || step <= 0.0 {
        return d;
    }
    let mut lon = (bounds.west / step).floor() * step;
    while lon <= bounds.east {
        let (x, _) = viewport.project(lon, 0.0);
        d.push_str(&format!("M{x:.1} 0V{:.1}", viewport.height));
        lon += step;
    }
    let mut lat = (bounds.south / step).floor() * step;
    while lat <= bounds.north {
        let (_, y) = viewport.project(0.0, lat);
        d.push_str(&format!("M0 {y:.1}H{:.1}", viewport.width));
        lat += step;
    }
    d
}
