//! Server functions for a project's plan, results framework and timeline tabs, and for the pages
//! that add or change one of their records.

use crate::api::projects::ProjectHead;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::baseline_record::{Baseline, BaselineTotal};
use shared::community::Community;
use shared::i18n::Locale;
use shared::indicator::LibraryEntry;
use shared::livelihood::LivelihoodPlan;
use shared::plan_views::{LivelihoodPlanView, ResultsFrameworkView, SafeguardsView};
use shared::timeline::{Component, Timeline};

/// A livelihood plan as the plan tab shows it: its figures and its two charts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanCard {
    /// The plan and its transition summed up.
    pub view: LivelihoodPlanView,
    /// One household's transition, as SVG.
    pub household_svg: String,
    /// All households' transition, as SVG.
    pub total_svg: String,
    /// Whether its bridging support is in the budget.
    pub budgeted: bool,
}

/// The plan tab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectPlan {
    /// The project and the reader's rights.
    pub head: ProjectHead,
    /// The baseline figures the reader may see.
    pub baselines: Vec<Baseline>,
    /// Those figures added up by crop, year and source.
    pub baseline_totals: Vec<BaselineTotal>,
    /// The communities the reader may see (for the forms' choices).
    pub communities: Vec<Community>,
    /// The livelihood plans.
    pub plans: Vec<PlanCard>,
    /// The components (where bridging support may be budgeted).
    pub components: Vec<Component>,
    /// Safeguards and warnings.
    pub safeguards: SafeguardsView,
}

/// The results framework tab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectResults {
    /// The project and the reader's rights.
    pub head: ProjectHead,
    /// The framework with periods and gaps.
    pub view: ResultsFrameworkView,
    /// The indicator library.
    pub library: Vec<LibraryEntry>,
}

/// The timeline tab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectTimeline {
    /// The project and the reader's rights.
    pub head: ProjectHead,
    /// Components with activities, milestones, budget lines.
    pub timeline: Timeline,
    /// The Gantt chart, as SVG.
    pub gantt_svg: String,
    /// Today, as the server sees it (activities past their end are late).
    pub today: chrono::NaiveDate,
}

#[cfg(feature = "ssr")]
fn chart_failed(error: shared::charts::ChartError) -> AppError {
    leptos::logging::error!("chart: {error}");
    AppError::Internal
}

/// The plan tab: baselines, livelihood plans with their charts, safeguards and warnings.
#[server(prefix = "/rpc", endpoint = "get_project_plan")]
pub async fn get_project_plan(id: i64, locale: Locale) -> Result<ProjectPlan, AppError> {
    use crate::context::{answer, services_and_caller};
    use shared::plan_views::WarningView;
    let (services, caller) = services_and_caller()?;
    let head = crate::api::projects::project_head(&services, &caller, id).await?;
    let baselines = answer(services.list_baselines(&caller, id).await)?;
    let communities = answer(services.project_communities(&caller, id).await)?.communities;
    let timeline = answer(services.project_timeline(&caller, id).await)?;
    let (safeguards, warnings) = answer(services.project_safeguards(&caller, id).await)?;
    let mut plans = Vec::new();
    for plan in answer(services.list_livelihood_plans(&caller, id).await)? {
        plans.push(PlanCard {
            household_svg: shared::transition_chart::household_transition_svg(&plan, locale)
                .map_err(chart_failed)?,
            total_svg: shared::transition_chart::total_transition_svg(&plan, locale)
                .map_err(chart_failed)?,
            budgeted: timeline
                .budget_lines
                .iter()
                .any(|l| l.livelihood_plan_id == Some(plan.id)),
            view: LivelihoodPlanView::of(plan),
        });
    }
    Ok(ProjectPlan {
        baseline_totals: shared::baseline_record::totals(&baselines),
        baselines,
        communities,
        plans,
        components: timeline
            .components
            .iter()
            .map(|c| c.component.clone())
            .collect(),
        safeguards: SafeguardsView {
            safeguards,
            warnings: warnings
                .iter()
                .map(|w| WarningView::of(w, locale))
                .collect(),
        },
        head,
    })
}

/// The results framework tab.
#[server(prefix = "/rpc", endpoint = "get_project_results")]
pub async fn get_project_results(id: i64, locale: Locale) -> Result<ProjectResults, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let head = crate::api::projects::project_head(&services, &caller, id).await?;
    let framework = answer(services.results_framework(&caller, id).await)?;
    let view = ResultsFrameworkView::of(
        framework,
        head.project.start_date,
        head.project.end_date,
        locale,
    );
    Ok(ProjectResults {
        head,
        view,
        library: shared::indicator::library_entries(locale),
    })
}

/// The timeline tab: the Gantt chart and the records behind it.
#[server(prefix = "/rpc", endpoint = "get_project_timeline")]
pub async fn get_project_timeline(id: i64, locale: Locale) -> Result<ProjectTimeline, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let head = crate::api::projects::project_head(&services, &caller, id).await?;
    let timeline = answer(services.project_timeline(&caller, id).await)?;
    let today = chrono::Utc::now().date_naive();
    let gantt_svg = shared::gantt::timeline_svg(
        &timeline,
        shared::timeline::ProjectSpan::from(&head.project),
        Some(today),
        locale,
    )
    .map_err(chart_failed)?;
    Ok(ProjectTimeline {
        head,
        timeline,
        gantt_svg,
        today,
    })
}

/// One livelihood plan, for its edit page.
#[server(prefix = "/rpc", endpoint = "get_livelihood_plan")]
pub async fn get_livelihood_plan(
    project_id: i64,
    plan_id: i64,
) -> Result<(ProjectHead, LivelihoodPlan, Vec<Community>), AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let head = crate::api::projects::project_head(&services, &caller, project_id).await?;
    let plan = answer(
        services
            .get_livelihood_plan(&caller, project_id, plan_id)
            .await,
    )?;
    let communities = answer(services.project_communities(&caller, project_id).await)?.communities;
    Ok((head, plan, communities))
}

/// An indicator's actuals page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActualsPage {
    /// The project and the reader's rights.
    pub head: ProjectHead,
    /// The indicator's periods and actuals.
    pub actuals: shared::actuals::IndicatorActuals,
    /// The period's actual worked out from the records, when the page was asked for it
    /// (`?from_records=2025`) and the reader may enter actuals.
    pub computed: Option<shared::computed::ComputedActual>,
}

/// An indicator's actuals; with `from_records`, that period's actual worked out from the
/// records as well, to prefill the entry form.
#[server(prefix = "/rpc", endpoint = "get_indicator_actuals")]
pub async fn get_indicator_actuals(
    id: i64,
    indicator_id: i64,
    from_records: Option<String>,
    locale: shared::i18n::Locale,
) -> Result<ActualsPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let head = crate::api::projects::project_head(&services, &caller, id).await?;
    let actuals = answer(services.indicator_actuals(&caller, id, indicator_id).await)?;
    let computed = match from_records.filter(|p| !p.trim().is_empty()) {
        Some(period) if actuals.can_enter && actuals.computation.is_some() => Some(answer(
            services
                .computed_actual(&caller, id, indicator_id, &period, locale)
                .await,
        )?),
        _ => None,
    };
    Ok(ActualsPage {
        head,
        actuals,
        computed,
    })
}
