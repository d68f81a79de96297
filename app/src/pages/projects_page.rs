//! Every project the reader may see, across programs, with filters by country, crop, status,
//! donor, program and name. The filters are a GET form, so every filtered list has its own
//! address and works without JavaScript.

use crate::api::programs::list_programs;
use crate::api::projects::list_all_projects;
use crate::components::error_view::ErrorNotice;
use crate::components::project_header::status_class;
use crate::components::table::WideTable;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::country::{COUNTRIES, Country};
use shared::crop::{AlternativeCrop, IllicitCrop};
use shared::format;
use shared::i18n::Msg;
use shared::project::{ProjectFilter, ProjectStatus};

/// The project list.
#[component]
pub fn ProjectsPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let map = query.read();
        let pairs: Vec<(String, String)> = ["country", "crop", "status", "donor", "program", "q"]
            .iter()
            .filter_map(|k| map.get(k).map(|v| ((*k).to_owned(), v)))
            .collect();
        ProjectFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    });
    let data = Resource::new(
        move || filter.get(),
        |filter| async move {
            let list = list_all_projects(filter).await?;
            let programs = list_programs().await?;
            Ok::<_, crate::error::AppError>((list, programs))
        },
    );
    view! {
        <Title text=locale.t(Msg::ProjectsTitle) />
        <h1>{locale.t(Msg::ProjectsTitle)}</h1>
        <p class="lead">{locale.t(Msg::ProjectsIntro)}</p>
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                let filter = filter.get_untracked();
                match data.await {
                    Ok((list, programs)) => {
                        let selected = |value: Option<String>, option: &str| {
                            value.as_deref().is_some_and(|v| v.eq_ignore_ascii_case(option))
                        };
                        let mut countries: Vec<(String, String)> = COUNTRIES
                            .iter()
                            .map(|c| (c.code.to_owned(), c.name(locale).to_owned()))
                            .collect();
                        countries.sort_by(|a, b| a.1.cmp(&b.1));
                        let count = list.projects.len();
                        let rows = list
                            .projects
                            .into_iter()
                            .map(|p| {
                                let country = Country::from_code(&p.country)
                                    .map(|c| c.name(locale))
                                    .unwrap_or_default();
                                let illicit = p
                                    .illicit_crops
                                    .iter()
                                    .map(|c| c.name(locale))
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                let donors = p
                                    .donors
                                    .iter()
                                    .map(|d| d.name.clone())
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                view! {
                                    <tr>
                                        <th scope="row">
                                            <a href=format!("/projects/{}", p.id)>{p.name}</a>
                                        </th>
                                        <td>
                                            <a href=format!("/programs/{}", p.program_id)>{p.program_name}</a>
                                        </td>
                                        <td>{country}</td>
                                        <td>
                                            <span class=status_class(p.status)>{p.status.name(locale)}</span>
                                        </td>
                                        <td>{illicit}</td>
                                        <td class="num">{format::decimal(p.total_planned_hectares, locale)}</td>
                                        <td class="num">
                                            {p.area_hectares.map(|a| format::decimal(a, locale)).unwrap_or_default()}
                                        </td>
                                        <td>{donors}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <form id="project-filters" class="form filters" method="get" action="/projects">
                                <div class="form__row">
                                    <div class="field">
                                        <label for="filter-q">{locale.t(Msg::NameContains)}</label>
                                        <input
                                            type="search"
                                            id="filter-q"
                                            name="q"
                                            value=filter.q.clone().unwrap_or_default()
                                        />
                                    </div>
                                    <div class="field">
                                        <label for="filter-country">{locale.t(Msg::Country)}</label>
                                        <select id="filter-country" name="country">
                                            <option value="">{locale.t(Msg::AnyOption)}</option>
                                            {countries
                                                .into_iter()
                                                .map(|(code, name)| {
                                                    let is = selected(filter.country.clone(), &code);
                                                    view! { <option value=code selected=is>{name}</option> }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="filter-crop">{locale.t(Msg::Crop)}</label>
                                        <select id="filter-crop" name="crop">
                                            <option value="">{locale.t(Msg::AnyOption)}</option>
                                            <optgroup label=locale.t(Msg::IllicitCropsTargeted)>
                                                {IllicitCrop::ALL
                                                    .iter()
                                                    .map(|c| {
                                                        let is = selected(filter.crop.clone(), c.code());
                                                        view! { <option value=c.code() selected=is>{c.name(locale)}</option> }
                                                    })
                                                    .collect_view()}
                                            </optgroup>
                                            <optgroup label=locale.t(Msg::PlannedCrops)>
                                                {AlternativeCrop::ALL
                                                    .iter()
                                                    .map(|c| {
                                                        let is = selected(filter.crop.clone(), c.code());
                                                        view! { <option value=c.code() selected=is>{c.name(locale)}</option> }
                                                    })
                                                    .collect_view()}
                                            </optgroup>
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="filter-status">{locale.t(Msg::ProjectStatusLabel)}</label>
                                        <select id="filter-status" name="status">
                                            <option value="">{locale.t(Msg::AnyOption)}</option>
                                            {ProjectStatus::ALL
                                                .iter()
                                                .map(|s| {
                                                    let is = selected(filter.status.clone(), s.code());
                                                    view! { <option value=s.code() selected=is>{s.name(locale)}</option> }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="filter-donor">{locale.t(Msg::Donor)}</label>
                                        <select id="filter-donor" name="donor">
                                            <option value="">{locale.t(Msg::AnyOption)}</option>
                                            {list
                                                .donors
                                                .into_iter()
                                                .map(|d| {
                                                    let is = filter.donor == Some(d.id);
                                                    view! { <option value=d.id.to_string() selected=is>{d.name}</option> }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="filter-program">{locale.t(Msg::Program)}</label>
                                        <select id="filter-program" name="program">
                                            <option value="">{locale.t(Msg::AnyOption)}</option>
                                            {programs
                                                .into_iter()
                                                .map(|p| {
                                                    let is = filter.program == Some(p.id);
                                                    view! { <option value=p.id.to_string() selected=is>{p.name}</option> }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                </div>
                                <div class="form__actions">
                                    <button id="filter-submit" type="submit" class="button button--primary">
                                        {locale.t(Msg::ApplyFilters)}
                                    </button>
                                    <a class="button button--secondary" href="/projects">
                                        {locale.t(Msg::ClearFilters)}
                                    </a>
                                </div>
                            </form>
                            <p id="project-count" role="status">
                                {format!("{}: {count}", locale.t(Msg::ProjectsFound))}
                            </p>
                            {if count == 0 {
                                view! { <p class="empty" id="no-matching-projects">{locale.t(Msg::NoMatchingProjects)}</p> }
                                    .into_any()
                            } else {
                                view! {
                                    <WideTable
                                        id="projects-table"
                                        caption=Msg::ProjectsTitle
                                        headers=vec![
                                            Msg::ProjectName,
                                            Msg::Program,
                                            Msg::Country,
                                            Msg::ProjectStatusLabel,
                                            Msg::IllicitCropsTargeted,
                                            Msg::PlannedHectaresColumn,
                                            Msg::AreaHectaresColumn,
                                            Msg::Donors,
                                        ]
                                    >
                                        {rows}
                                    </WideTable>
                                }
                                    .into_any()
                            }}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
