//! Server functions for the dashboards of a program, a project and a donor.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::dashboard::{Dashboard, DashboardKind};

/// One chart as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartView {
    /// Its file name without extension (`hectares`, `funding-3`).
    pub name: String,
    /// Its heading.
    pub title: String,
    /// The chart, drawn as SVG in the reader's language.
    pub svg: String,
    /// Its numbers.
    pub table: shared::dashboard::NumbersTable,
}

/// A dashboard page: the figures and their charts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashboardPage {
    /// The project's head, on a project's tab.
    pub head: Option<crate::api::projects::ProjectHead>,
    /// The figures.
    pub dashboard: Dashboard,
    /// The charts, in the page's order (none when the filters are not valid).
    pub charts: Vec<ChartView>,
    /// What is wrong with the filters typed; the dashboard is then the unfiltered one's choices
    /// and span, without charts.
    pub errors: Vec<shared::validation::FieldError>,
}

/// A dashboard for the filters typed (`from`, `to`, `municipality`, `donor`, as the page's
/// address has them), with its charts drawn in `locale`.
#[server(prefix = "/rpc", endpoint = "get_dashboard")]
pub async fn get_dashboard(
    kind: DashboardKind,
    id: i64,
    from: String,
    to: String,
    municipality: String,
    donor: String,
    locale: shared::i18n::Locale,
) -> Result<DashboardPage, AppError> {
    use shared::dashboard::DashboardQuery;
    let query = DashboardQuery {
        from,
        to,
        municipality,
        donor,
    };
    use crate::context::{answer, services_and_caller};
    use shared::dashboard_chart::{DashboardChart, chart_svg};
    let (services, caller) = services_and_caller()?;
    let head = match kind {
        DashboardKind::Project => {
            Some(crate::api::projects::project_head(&services, &caller, id).await?)
        }
        _ => None,
    };
    let work_out = async |query: &DashboardQuery| match kind {
        DashboardKind::Program => services.program_dashboard(&caller, id, query, locale).await,
        DashboardKind::Project => services.project_dashboard(&caller, id, query, locale).await,
        DashboardKind::Donor => services.donor_dashboard(&caller, id, query, locale).await,
    };
    let dashboard = match work_out(&query).await {
        Err(services::Error::Invalid(errors)) => {
            // The form comes back with its problems and its choices; nothing is worked out for
            // filters that are not valid.
            let unfiltered = answer(work_out(&DashboardQuery::default()).await)?;
            return Ok(DashboardPage {
                head,
                dashboard: unfiltered,
                charts: Vec::new(),
                errors,
            });
        }
        other => answer(other)?,
    };
    let mut charts = Vec::new();
    for chart in DashboardChart::all(&dashboard) {
        let svg = answer(chart_svg(&dashboard, chart).map_err(|e| {
            leptos::logging::error!("dashboard chart: {e}");
            AppError::Internal
        }))?;
        charts.push(ChartView {
            name: chart.name(&dashboard),
            title: chart.title(&dashboard),
            svg,
            table: shared::dashboard_chart::chart_table(&dashboard, chart),
        });
    }
    Ok(DashboardPage {
        head,
        dashboard,
        charts,
        errors: Vec::new(),
    })
}
