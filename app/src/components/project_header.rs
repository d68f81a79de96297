//! The top of every tab of a project: where it sits, its name and status, the link to change it,
//! and the tabs (each its own address, so every tab works without JavaScript and can be linked).

use crate::api::projects::ProjectHead;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::i18n::Msg;
use shared::project::ProjectStatus;

/// The tabs of a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectTab {
    /// Facts, crops, area, drafts.
    Overview,
    /// Area, map and communities.
    Map,
    /// Baselines, livelihood plans and safeguards.
    Plan,
    /// Goal, outcomes, outputs and indicators.
    Results,
    /// Components, activities, milestones, budget lines and the Gantt chart.
    Timeline,
    /// The household registry (for readers who may see households).
    Households,
    /// Budget, agreements, transactions and funding figures (for readers of its funding).
    Funding,
    /// Outcomes over time from the field records (for readers of its household records).
    Outcomes,
}

impl ProjectTab {
    /// Every tab, in order.
    pub const ALL: [ProjectTab; 8] = [
        ProjectTab::Overview,
        ProjectTab::Map,
        ProjectTab::Plan,
        ProjectTab::Results,
        ProjectTab::Timeline,
        ProjectTab::Households,
        ProjectTab::Funding,
        ProjectTab::Outcomes,
    ];

    /// The tab's address for a project.
    pub fn path(self, project_id: i64) -> String {
        match self {
            ProjectTab::Overview => format!("/projects/{project_id}"),
            ProjectTab::Map => format!("/projects/{project_id}/map"),
            ProjectTab::Plan => format!("/projects/{project_id}/plan"),
            ProjectTab::Results => format!("/projects/{project_id}/results"),
            ProjectTab::Timeline => format!("/projects/{project_id}/timeline"),
            ProjectTab::Households => format!("/projects/{project_id}/households"),
            ProjectTab::Funding => format!("/projects/{project_id}/funding"),
            ProjectTab::Outcomes => format!("/projects/{project_id}/outcomes"),
        }
    }

    fn label(self) -> Msg {
        match self {
            ProjectTab::Overview => Msg::TabOverview,
            ProjectTab::Map => Msg::TabMap,
            ProjectTab::Plan => Msg::TabPlan,
            ProjectTab::Results => Msg::TabResults,
            ProjectTab::Timeline => Msg::TabTimeline,
            ProjectTab::Households => Msg::TabHouseholds,
            ProjectTab::Funding => Msg::TabFunding,
            ProjectTab::Outcomes => Msg::TabOutcomes,
        }
    }

    fn id(self) -> &'static str {
        match self {
            ProjectTab::Overview => "tab-overview",
            ProjectTab::Map => "tab-map",
            ProjectTab::Plan => "tab-plan",
            ProjectTab::Results => "tab-results",
            ProjectTab::Timeline => "tab-timeline",
            ProjectTab::Households => "tab-households",
            ProjectTab::Funding => "tab-funding",
            ProjectTab::Outcomes => "tab-outcomes",
        }
    }
}

/// The CSS class of a status badge.
pub fn status_class(status: ProjectStatus) -> &'static str {
    match status {
        ProjectStatus::Planning => "badge badge--planning",
        ProjectStatus::Active => "badge badge--ok",
        ProjectStatus::Suspended | ProjectStatus::Cancelled => "badge badge--warning",
        ProjectStatus::Completed => "badge badge--done",
    }
}

/// Breadcrumbs, title, status, the edit link and the tabs.
#[component]
pub fn ProjectHeader(
    /// The project and the reader's rights.
    head: ProjectHead,
    /// The tab shown.
    tab: ProjectTab,
) -> impl IntoView {
    let locale = use_locale();
    let project = head.project;
    let title = if tab == ProjectTab::Overview {
        project.name.clone()
    } else {
        format!("{} · {}", locale.t(tab.label()), project.name)
    };
    view! {
        <Title text=title />
        <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
            <a href="/">{locale.t(Msg::ProgramsTitle)}</a>
            " › "
            <a href=format!("/programs/{}", project.program_id)>{project.program_name.clone()}</a>
        </nav>
        <div class="page-header">
            <h1>{project.name.clone()}</h1>
            {head
                .rights
                .edit
                .then(|| {
                    view! {
                        <a
                            id="edit-project-link"
                            class="button button--secondary"
                            href=format!("/projects/{}/edit", project.id)
                        >
                            {locale.t(Msg::EditProject)}
                        </a>
                    }
                })}
        </div>
        <p class="page-header__meta">
            <span id="project-status" class=status_class(project.status)>
                {project.status.name(locale)}
            </span>
            {project
                .is_demo
                .then(|| view! { <span class="badge badge--demo">{locale.t(Msg::DemoDataExplained)}</span> })}
        </p>
        <crate::components::error_view::ActionFailedNotice />
        <nav class="tabs" aria-label=locale.t(Msg::ProjectSections)>
            <ul>
                {ProjectTab::ALL
                    .into_iter()
                    .filter(|t| *t != ProjectTab::Households || head.rights.households)
                    .filter(|t| *t != ProjectTab::Funding || head.rights.funding)
                    .filter(|t| *t != ProjectTab::Outcomes || head.rights.outcomes)
                    .map(|t| {
                        view! {
                            <li>
                                <a
                                    id=t.id()
                                    href=t.path(project.id)
                                    aria-current=(t == tab).then_some("page")
                                >
                                    {locale.t(t.label())}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
