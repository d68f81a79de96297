//! A project's page: its facts, the planned-hectares chart (drawn on the server with plotters)
//! and the same figures as a table.

use super::id_param;
use crate::api::projects::{get_project, list_communities};
use crate::components::error_view::ErrorNotice;
use crate::components::error_view::ErrorSummary;
use crate::components::field::{TextArea, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::community::CommunityForm;
use shared::country::Country;
use shared::format;
use shared::i18n::Locale;
use shared::i18n::Msg;

/// One project.
#[component]
pub fn ProjectPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        move |id| async move { get_project(id?, locale).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => {
                        let project = data.project;
                        let ha = locale.t(Msg::HectaresUnit);
                        let total = project.total_planned_hectares();
                        let country = Country::from_code(&project.country)
                            .map(|c| c.name(locale))
                            .unwrap_or_default();
                        let illicit = project
                            .illicit_crops
                            .iter()
                            .map(|c| c.name(locale))
                            .collect::<Vec<_>>()
                            .join(", ");
                        let rows = project
                            .planned_crops
                            .iter()
                            .map(|p| {
                                let share = shared::project::share_percent(p.hectares, total);
                                view! {
                                    <tr>
                                        <th scope="row">{p.crop.name(locale)}</th>
                                        <td class="num">{format::decimal(p.hectares, locale)}</td>
                                        <td class="num">{format::decimal(share, locale)}" %"</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <Title text=project.name.clone() />
                            <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
                                <a href="/">{locale.t(Msg::ProgramsTitle)}</a>
                                " › "
                                <a href=format!("/programs/{}", project.program_id)>{project.program_name.clone()}</a>
                            </nav>
                            <h1>{project.name.clone()}</h1>
                            {project
                                .is_demo
                                .then(|| view! { <p class="badge badge--demo">{locale.t(Msg::DemoDataExplained)}</p> })}
                            <dl class="facts">
                                <div>
                                    <dt>{locale.t(Msg::ProjectKind)}</dt>
                                    <dd>{project.kind.name(locale)}</dd>
                                </div>
                                <div>
                                    <dt>{locale.t(Msg::Country)}</dt>
                                    <dd>{country}</dd>
                                </div>
                                <div>
                                    <dt>{locale.t(Msg::Period)}</dt>
                                    <dd>
                                        <time datetime=project.start_date.to_string()>
                                            {format::date(project.start_date, locale)}
                                        </time>
                                        " – "
                                        <time datetime=project.end_date.to_string()>
                                            {format::date(project.end_date, locale)}
                                        </time>
                                    </dd>
                                </div>
                                <div>
                                    <dt>{locale.t(Msg::IllicitCropsTargeted)}</dt>
                                    <dd>{illicit}</dd>
                                </div>
                                <div>
                                    <dt>{locale.t(Msg::TotalPlanned)}</dt>
                                    <dd>{format::decimal(total, locale)}" "{ha}</dd>
                                </div>
                            </dl>
                            {project.description.clone().map(|d| view! { <p class="description">{d}</p> })}
                            <section class="panel" aria-labelledby="planned-heading">
                                <h2 id="planned-heading">{locale.t(Msg::PlannedHectaresByCrop)}</h2>
                                <figure id="planned-hectares-chart" class="chart">
                                    <div
                                        class="chart__svg"
                                        role="img"
                                        aria-label=locale.t(Msg::ChartSummary)
                                        inner_html=data.planned_hectares_svg
                                    ></div>
                                    <figcaption>{locale.t(Msg::ChartSummary)}</figcaption>
                                </figure>
                                <table id="planned-crops-table" class="table">
                                    <caption>{locale.t(Msg::PlannedHectaresByCrop)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{locale.t(Msg::Crop)}</th>
                                            <th scope="col" class="num">{locale.t(Msg::Hectares)}" ("{ha}")"</th>
                                            <th scope="col" class="num">"%"</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                    <tfoot>
                                        <tr>
                                            <th scope="row">{locale.t(Msg::TotalPlanned)}</th>
                                            <td class="num">{format::decimal(total, locale)}</td>
                                            <td class="num">"100 %"</td>
                                        </tr>
                                    </tfoot>
                                </table>
                            </section>
                            <AreaSection
                                project_id=project.id
                                hectares=data.area_hectares
                                map_svg=data.map_svg
                                can_edit=data.can_edit
                            />
                            <CommunitiesSection project_id=project.id />
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
            _ => Msg::CommunityName,
        })
        .to_owned()
}

/// The project's communities the reader may see, and (for those who may) a form to add one.
#[component]
fn CommunitiesSection(project_id: i64) -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(move || project_id, list_communities);
    let (initial, state) = FormState::from_submission::<CommunityForm>();
    let errors = state.errors;
    view! {
        <section class="panel" id="communities" aria-labelledby="communities-heading">
            <h2 id="communities-heading">{locale.t(Msg::CommunitiesTitle)}</h2>
            <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
                {move || {
                    let initial = initial.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(found) => {
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
                                                    view! {
                                                        <li>
                                                            {c.name}
                                                            {c.municipality.map(|m| view! { <span class="card__meta">" · "{m}</span> })}
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
                                                <button id="community-submit" type="submit" class="button button--primary">
                                                    {locale.t(Msg::AddCommunity)}
                                                </button>
                                            </form>
                                        }
                                    });
                                view! { {list} {form} }.into_any()
                            }
                            Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
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
