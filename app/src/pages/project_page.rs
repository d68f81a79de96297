//! A project's overview tab: its facts (type, country, period, status, currency, donors, crops,
//! area), the planned-hectares chart (drawn on the server with plotters) with the same figures as
//! a table, the map of its area, and the reader's drafts of changes to it.

use super::id_param;
use crate::api::projects::get_project;
use crate::components::error_view::ErrorNotice;
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::country::Country;
use shared::format;
use shared::i18n::Msg;

/// A project's overview.
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
                        let project = data.head.project.clone();
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
                        let donors = if project.donors.is_empty() {
                            locale.t(Msg::NoDonorsNamed).to_owned()
                        } else {
                            project
                                .donors
                                .iter()
                                .map(|d| d.name.clone())
                                .collect::<Vec<_>>()
                                .join(", ")
                        };
                        let currency = shared::currency::Currency::from_code(&project.currency)
                            .map(|c| format!("{} — {}", c.code, c.name(locale)))
                            .unwrap_or_else(|| project.currency.clone());
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
                            <ProjectHeader head=data.head tab=ProjectTab::Overview />
                            <DraftList drafts=data.drafts />
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
                                    <dt>{locale.t(Msg::Currency)}</dt>
                                    <dd id="project-currency">{currency}</dd>
                                </div>
                                <div>
                                    <dt>{locale.t(Msg::Donors)}</dt>
                                    <dd id="project-donors">{donors}</dd>
                                </div>
                                <div>
                                    <dt>{locale.t(Msg::IllicitCropsTargeted)}</dt>
                                    <dd>{illicit}</dd>
                                </div>
                                <div>
                                    <dt>{locale.t(Msg::TotalPlanned)}</dt>
                                    <dd>{format::decimal(total, locale)}" "{ha}</dd>
                                </div>
                                <div>
                                    <dt>{locale.t(Msg::AreaGeodesic)}</dt>
                                    <dd id="area-hectares">
                                        {match data.area_hectares {
                                            Some(area) => format!("{} {ha}", format::decimal(area, locale)),
                                            None => locale.t(Msg::NoAreaYet).to_owned(),
                                        }}
                                    </dd>
                                </div>
                                <div>
                                    <dt>{locale.t(Msg::CommunitiesTitle)}</dt>
                                    <dd>
                                        <a href=ProjectTab::Map.path(project.id)>
                                            {data.community_count.to_string()}
                                        </a>
                                    </dd>
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
                            {data
                                .map_svg
                                .map(|svg| {
                                    view! {
                                        <section class="panel" aria-labelledby="overview-map-heading">
                                            <h2 id="overview-map-heading">{locale.t(Msg::ProjectAreaTitle)}</h2>
                                            <figure id="area-map" class="chart">
                                                <div class="chart__svg" inner_html=svg></div>
                                            </figure>
                                            <p>
                                                <a href=ProjectTab::Map.path(project.id)>{locale.t(Msg::OpenMapTab)}</a>
                                            </p>
                                        </section>
                                    }
                                })}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The reader's drafts of changes to this project, each with a link to continue it.
#[component]
pub fn DraftList(drafts: Vec<shared::draft::Draft>) -> impl IntoView {
    let locale = use_locale();
    (!drafts.is_empty()).then(|| {
        view! {
            <section class="notice notice--info" id="drafts" aria-labelledby="drafts-heading">
                <h2 id="drafts-heading">{locale.t(Msg::YourDrafts)}</h2>
                <ul class="plain-list">
                    {drafts
                        .into_iter()
                        .map(|d| {
                            let title = d
                                .title()
                                .map(str::to_owned)
                                .unwrap_or_else(|| locale.t(Msg::UntitledProject).to_owned());
                            view! {
                                <li>
                                    <a href=d.continue_path()>{title}</a>
                                    <span class="card__meta">
                                        " · "{locale.t(Msg::SavedOn)}" "
                                        {format::date_time(d.updated_at, locale)}
                                    </span>
                                    <form
                                        class="inline-form"
                                        method="post"
                                        action=format!("/drafts/{}/delete", d.id)
                                    >
                                        <crate::components::form::CsrfField />
                                        <button type="submit" class="button button--link">
                                            {locale.t(Msg::DeleteDraft)}
                                        </button>
                                    </form>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
