//! A program's page: what it is, its figures added up over the projects the reader may see
//! (statuses, planned and mapped hectares, communities, the illicit-crop baseline, households
//! in livelihood plans, bridging support and budget per currency, safeguard warnings), a map of
//! every project's area, and its projects.

use super::id_param;
use crate::api::programs::{ProgramOverview, get_program, get_program_overview};
use crate::api::projects::list_drafts;
use crate::components::error_view::ErrorNotice;
use crate::i18n::use_locale;
use crate::pages::project_page::DraftList;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::country::Country;
use shared::i18n::Msg;
use shared::{format, project::ProjectSummary};

/// One program and its projects.
#[component]
pub fn ProgramPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let detail = Resource::new(
        move || id.get(),
        move |id| async move {
            let id = id?;
            let detail = get_program(id).await?;
            let drafts: Vec<shared::draft::Draft> = list_drafts()
                .await?
                .into_iter()
                .filter(|d| d.program_id == id && d.project_id.is_none())
                .collect();
            let overview = get_program_overview(id, locale).await?;
            Ok::<_, crate::error::AppError>((detail, drafts, overview))
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok((detail, drafts, overview)) => {
                        let program = detail.program;
                        view! {
                            <Title text=program.name.clone() />
                            <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
                                <a href="/">{locale.t(Msg::ProgramsTitle)}</a>
                            </nav>
                            <div class="page-header">
                                <h1>{program.name.clone()}</h1>
                                {detail
                                    .can_create_project
                                    .then(|| {
                                        view! {
                                            <a
                                                id="new-project-link"
                                                class="button button--primary"
                                                href=format!("/programs/{}/projects/new", program.id)
                                            >
                                                {locale.t(Msg::NewProject)}
                                            </a>
                                        }
                                    })}
                            </div>
                            {program
                                .is_demo
                                .then(|| {
                                    view! {
                                        <p class="badge badge--demo">{locale.t(Msg::DemoDataExplained)}</p>
                                    }
                                })}
                            {program.description.map(|d| view! { <p class="lead">{d}</p> })}
                            {detail
                                .sees_households
                                .then(|| {
                                    view! {
                                        <p>
                                            <a id="program-gender-link" href=format!("/programs/{}/gender", program.id)>
                                                {locale.t(Msg::GenderLink)}
                                            </a>
                                        </p>
                                    }
                                })}
                            {detail
                                .sees_funding
                                .then(|| {
                                    view! {
                                        <p>
                                            <a id="program-funding-link" href=format!("/programs/{}/funding", program.id)>
                                                {locale.t(Msg::ProgramFundingLink)}
                                            </a>
                                        </p>
                                    }
                                })}
                            {detail
                                .sees_outcomes
                                .then(|| {
                                    view! {
                                        <p>
                                            <a id="program-outcomes-link" href=format!("/programs/{}/outcomes", program.id)>
                                                {locale.t(Msg::DashboardTitle)}
                                            </a>
                                        </p>
                                    }
                                })}
                            {detail
                                .can_publish
                                .then(|| {
                                    view! {
                                        <p>
                                            <a id="program-iati-link" href=format!("/programs/{}/iati", program.id)>
                                                {locale.t(Msg::ProgramIatiLink)}
                                            </a>
                                        </p>
                                    }
                                })}
                            <DraftList drafts />
                            <OverviewView overview />
                            <h2>{locale.t(Msg::ProjectsTitle)}</h2>
                            {if detail.projects.is_empty() {
                                view! { <p id="no-projects" class="empty">{locale.t(Msg::NoProjectsYet)}</p> }
                                    .into_any()
                            } else {
                                view! {
                                    <ul id="project-list" class="card-list">
                                        {detail.projects.into_iter().map(project_card).collect_view()}
                                    </ul>
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

fn project_card(project: ProjectSummary) -> impl IntoView {
    let locale = use_locale();
    let country = Country::from_code(&project.country)
        .map(|c| c.name(locale))
        .unwrap_or_default();
    view! {
        <li class="card">
            <h3 class="card__title">
                <a href=format!("/projects/{}", project.id)>{project.name}</a>
            </h3>
            <p class="card__meta">
                {project.kind.name(locale)}" · "{country}" · "
                {format::date(project.start_date, locale)}" – "{format::date(project.end_date, locale)}
            </p>
            <p class="card__meta">
                {locale.t(Msg::TotalPlanned)}": "
                {format::decimal(project.total_planned_hectares, locale)}" "
                {locale.t(Msg::HectaresUnit)}
            </p>
        </li>
    }
}

/// The program's figures over its projects.
#[component]
fn OverviewView(overview: ProgramOverview) -> impl IntoView {
    let locale = use_locale();
    let ha = locale.t(Msg::HectaresUnit);
    let money = |totals: &[shared::timeline::BudgetTotal]| {
        if totals.is_empty() {
            "—".to_owned()
        } else {
            totals
                .iter()
                .map(|t| format::money(t.amount, &t.currency, locale))
                .collect::<Vec<_>>()
                .join(" + ")
        }
    };
    let statuses = overview
        .status_counts
        .iter()
        .map(|(s, n)| format!("{}: {n}", s.name(locale)))
        .collect::<Vec<_>>()
        .join(" · ");
    let planned_total: rust_decimal::Decimal =
        overview.planned_by_crop.iter().map(|(_, h)| *h).sum();
    let planned = overview
        .planned_by_crop
        .iter()
        .map(|(c, h)| view! { <li>{c.name(locale)}": "{format::decimal(*h, locale)}" "{ha}</li> })
        .collect_view();
    let baseline = if overview.baseline_by_crop.is_empty() {
        "—".to_owned()
    } else {
        overview
            .baseline_by_crop
            .iter()
            .map(|(c, h)| format!("{}: {} {ha}", c.name(locale), format::decimal(*h, locale)))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let warnings = overview
        .warnings
        .iter()
        .map(|(id, name, n)| {
            view! {
                <li>
                    <a href=format!("/projects/{id}/plan#safeguards")>{name.clone()}</a>
                    ": "{n.to_string()}
                </li>
            }
        })
        .collect_view();
    let has_warnings = !overview.warnings.is_empty();
    view! {
        <section class="panel" id="program-overview" aria-labelledby="overview-heading">
            <h2 id="overview-heading">{locale.t(Msg::ProgramOverview)}</h2>
            <dl class="facts">
                <div>
                    <dt>{locale.t(Msg::ProjectsByStatus)}</dt>
                    <dd id="overview-statuses">{statuses}</dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::TotalPlanned)}</dt>
                    <dd id="overview-planned">
                        {format::decimal(planned_total, locale)}" "{ha}
                        <ul class="plain-list plain-list--compact">{planned}</ul>
                    </dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::MappedArea)}</dt>
                    <dd id="overview-area">
                        {format::decimal(overview.area_hectares, locale)}" "{ha}
                        " ("{overview.projects_with_area}" "{locale.t(Msg::ProjectsWithArea)}")"
                    </dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::CommunitiesTitle)}</dt>
                    <dd id="overview-communities">
                        {overview.communities}" ("{overview.indigenous_communities}" "
                        {locale.t(Msg::IndigenousCommunitiesCount)}")"
                    </dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::BaselineInCommunities)}</dt>
                    <dd id="overview-baseline">{baseline}</dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::HouseholdsInPlans)}</dt>
                    <dd id="overview-households">{overview.households_in_plans}</dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::BridgingNeeded)}</dt>
                    <dd id="overview-bridging">{money(&overview.bridging)}</dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::BudgetTitle)}</dt>
                    <dd id="overview-budget">{money(&overview.budget)}</dd>
                </div>
            </dl>
            {has_warnings
                .then(|| {
                    view! {
                        <div class="notice notice--warning" id="overview-warnings">
                            <h3>{locale.t(Msg::SafeguardWarningsByProject)}</h3>
                            <ul>{warnings}</ul>
                        </div>
                    }
                })}
            {overview
                .map_svg
                .map(|svg| {
                    view! {
                        <figure class="chart" id="program-map">
                            <div class="chart__svg" inner_html=svg></div>
                        </figure>
                    }
                })}
        </section>
    }
}
