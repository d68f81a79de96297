//! A project's map tab: the area (geodesic hectares, a map drawn on the server with no tile
//! service, and for editors the forms that set it from a file, pasted text or the drawing
//! editor), and the communities (listed, added, imported from a file).

use super::id_param;
use crate::api::projects::get_project_map;
use crate::components::area_editor::AreaEditor;
use crate::components::error_view::ErrorNotice;
use crate::components::error_view::ErrorSummary;
use crate::components::field::{TextArea, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::community::{CommunityForm, ProjectCommunities};
use shared::format;
use shared::i18n::Locale;
use shared::i18n::Msg;

/// The map tab of a project.
#[component]
pub fn ProjectMapPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        move |id| async move { get_project_map(id?, locale).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => {
                        let project_id = data.head.project.id;
                        let can_edit = data.head.rights.edit;
                        let country = data.head.project.country.clone();
                        let placed: Vec<(String, f64, f64)> = data
                            .communities
                            .communities
                            .iter()
                            .filter_map(|c| Some((c.name.clone(), c.longitude?, c.latitude?)))
                            .collect();
                        view! {
                            <ProjectHeader head=data.head tab=ProjectTab::Map />
                            <AreaSection
                                project_id
                                hectares=data.area_hectares
                                map_svg=data.map_svg
                                can_edit
                            />
                            {can_edit
                                .then(|| {
                                    view! {
                                        <section class="panel" id="draw" aria-labelledby="draw-heading">
                                            <h2 id="draw-heading">{locale.t(Msg::DrawArea)}</h2>
                                            <AreaEditor
                                                project_id
                                                country
                                                area_geojson=data.area_geojson.clone()
                                                communities=placed
                                            />
                                        </section>
                                    }
                                })}
                            <CommunitiesSection project_id found=data.communities />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn community_field_id(field: &str) -> String {
    format!("community-{field}")
}

fn community_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "municipality" => Msg::Municipality,
            "longitude" => Msg::Longitude,
            "latitude" => Msg::Latitude,
            "indigenous" => Msg::IndigenousCommunityLabel,
            _ => Msg::CommunityName,
        })
        .to_owned()
}

/// The project's communities the reader may see, and (for those who may) a form to add one.
#[component]
fn CommunitiesSection(project_id: i64, found: ProjectCommunities) -> impl IntoView {
    let locale = use_locale();
    let (initial, state) = FormState::from_submission::<CommunityForm>();
    let errors = state.errors;
    let list = if found.communities.is_empty() {
        view! { <p class="empty" id="no-communities">{locale.t(Msg::NoCommunitiesYet)}</p> }
            .into_any()
    } else {
        view! {
            <ul id="community-list" class="plain-list">
                {found
                    .communities
                    .into_iter()
                    .map(|c| {
                        let place = match (c.longitude, c.latitude) {
                            (Some(lon), Some(lat)) => format!(" · {lat:.4}, {lon:.4}"),
                            _ => String::new(),
                        };
                        view! {
                            <li>
                                {c.name}
                                {c.municipality.map(|m| view! { <span class="card__meta">" · "{m}</span> })}
                                <span class="card__meta">{place}</span>
                                {c
                                    .indigenous
                                    .then(|| {
                                        view! {
                                            <span class="badge badge--info">
                                                {locale.t(Msg::IndigenousCommunity)}
                                            </span>
                                        }
                                    })}
                                {(c.outside_project_area == Some(true))
                                    .then(|| {
                                        view! {
                                            <span class="badge badge--warning">
                                                {locale.t(Msg::OutsideProjectArea)}
                                            </span>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
            .into_any()
    };
    let indigenous_checked =
        shared::validation::flag("indigenous", &initial.indigenous).unwrap_or(false);
    let form = found
        .can_add
        .then(|| {
            view! {
                <form
                    id="community-form"
                    class="form form--inline"
                    method="post"
                    action=format!("/projects/{project_id}/communities")
                    novalidate
                >
                    <h3>{locale.t(Msg::AddCommunity)}</h3>
                    <CsrfField />
                    <ErrorSummary
                        errors
                        general=state.general
                        field_id=community_field_id
                        field_label=community_field_label
                    />
                    <TextField
                        id="community-name"
                        name="name"
                        label=Msg::CommunityName
                        value=initial.name.clone()
                        errors
                        required=true
                    />
                    <TextField
                        id="community-municipality"
                        name="municipality"
                        label=Msg::Municipality
                        value=initial.municipality.clone()
                        errors
                    />
                    <div class="form__row">
                        <TextField
                            id="community-longitude"
                            name="longitude"
                            label=Msg::Longitude
                            inputmode="decimal"
                            value=initial.longitude.clone()
                            errors
                        />
                        <TextField
                            id="community-latitude"
                            name="latitude"
                            label=Msg::Latitude
                            inputmode="decimal"
                            value=initial.latitude.clone()
                            errors
                        />
                    </div>
                    <div class="checkbox">
                        <input
                            type="checkbox"
                            id="community-indigenous"
                            name="indigenous"
                            value="true"
                            checked=indigenous_checked
                        />
                        <label for="community-indigenous">{locale.t(Msg::IndigenousCommunityLabel)}</label>
                    </div>
                    <button id="community-submit" type="submit" class="button button--primary">
                        {locale.t(Msg::AddCommunity)}
                    </button>
                </form>
            }
        });
    let imported =
        use_context::<crate::submission::Made<shared::community::CommunityImport>>().map(|m| m.0);
    let (points, points_state) = FormState::from_submission::<shared::community::PointsForm>();
    let points_errors = points_state.errors;
    let import_form = found.can_add.then(|| {
        view! {
            <form
                id="community-import-form"
                class="form form--inline"
                method="post"
                action=format!("/projects/{project_id}/communities/import")
                enctype="multipart/form-data"
                novalidate
            >
                <h3>{locale.t(Msg::ImportCommunities)}</h3>
                <p class="hint">{locale.t(Msg::ImportCommunitiesHint)}</p>
                <CsrfField />
                <ErrorSummary
                    id="community-import-errors"
                    errors=points_errors
                    general=points_state.general
                    field_id=|_| "community-import-file".to_owned()
                    field_label=|_, locale| locale.t(Msg::PointsFile).to_owned()
                />
                <div class="field">
                    <label for="community-import-file">{locale.t(Msg::PointsFile)}</label>
                    <input
                        type="file"
                        id="community-import-file"
                        name="file"
                        accept=".geojson,.json,.kml,application/geo+json,application/vnd.google-earth.kml+xml"
                    />
                </div>
                <TextArea
                    id="community-import-points"
                    name="points"
                    label=Msg::PointsText
                    value=points.points.clone()
                    errors=points_errors
                />
                <button id="community-import-submit" type="submit" class="button button--primary">
                    {locale.t(Msg::ImportCommunities)}
                </button>
            </form>
        }
    });
    let result = imported.map(|i| {
        let summary = format!(
            "{}: {} · {}: {} · {}: {}",
            locale.t(Msg::CommunitiesAdded),
            i.created.len(),
            locale.t(Msg::CommunitiesLocated),
            i.updated.len(),
            locale.t(Msg::FeaturesNotUsed),
            i.problems.len()
        );
        view! {
            <div class="notice notice--success" id="community-import-result" role="status">
                <p>{summary}</p>
                {(!i.problems.is_empty())
                    .then(|| {
                        view! {
                            <ul>
                                {i.problems.iter().map(|p| view! { <li>{p.message.clone()}</li> }).collect_view()}
                            </ul>
                        }
                    })}
            </div>
        }
    });
    view! {
        <section class="panel" id="communities" aria-labelledby="communities-heading">
            <h2 id="communities-heading">{locale.t(Msg::CommunitiesTitle)}</h2>
            {result}
            {list}
            {form}
            {import_form}
        </section>
    }
}

fn area_field_id(_: &str) -> String {
    "area-geojson".to_owned()
}

fn area_field_label(_: &str, locale: Locale) -> String {
    locale.t(Msg::AreaGeoJson).to_owned()
}

/// The project's area: its geodesic hectares and a map drawn on the server (no tile service),
/// and for editors a form to set it from GeoJSON.
#[component]
fn AreaSection(
    project_id: i64,
    hectares: Option<rust_decimal::Decimal>,
    map_svg: Option<String>,
    can_edit: bool,
) -> impl IntoView {
    let locale = use_locale();
    let (initial, state) = FormState::from_submission::<shared::project::AreaForm>();
    let errors = state.errors;
    view! {
        <section class="panel" id="area" aria-labelledby="area-heading">
            <h2 id="area-heading">{locale.t(Msg::ProjectAreaTitle)}</h2>
            {match (hectares, map_svg) {
                (Some(hectares), Some(svg)) => {
                    view! {
                        <dl class="facts">
                            <div>
                                <dt>{locale.t(Msg::AreaGeodesic)}</dt>
                                <dd id="area-hectares">
                                    {format::decimal(hectares, locale)}" "{locale.t(Msg::HectaresUnit)}
                                </dd>
                            </div>
                        </dl>
                        <figure id="area-map" class="chart">
                            <div class="chart__svg" inner_html=svg></div>
                        </figure>
                    }
                        .into_any()
                }
                _ => view! { <p class="empty" id="no-area">{locale.t(Msg::NoAreaYet)}</p> }.into_any(),
            }}
            {can_edit
                .then(|| {
                    view! {
                        <form
                            id="area-form"
                            class="form form--inline"
                            method="post"
                            action=format!("/projects/{project_id}/area")
                            enctype="multipart/form-data"
                            novalidate
                        >
                            <h3>{locale.t(Msg::SetArea)}</h3>
                            <CsrfField />
                            <ErrorSummary
                                errors
                                general=state.general
                                field_id=area_field_id
                                field_label=area_field_label
                            />
                            <div class="field">
                                <label for="area-file">{locale.t(Msg::AreaFile)}</label>
                                <input
                                    type="file"
                                    id="area-file"
                                    name="file"
                                    accept=".geojson,.json,.kml,application/geo+json,application/vnd.google-earth.kml+xml"
                                />
                            </div>
                            <TextArea
                                id="area-geojson"
                                name="area"
                                label=Msg::AreaGeoJson
                                value=initial.area.clone()
                                errors
                            />
                            <button id="area-submit" type="submit" class="button button--primary">
                                {locale.t(Msg::SaveArea)}
                            </button>
                        </form>
                    }
                })}
        </section>
    }
}
