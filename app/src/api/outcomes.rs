//! Server functions for the outcome dashboards of a project and a program.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::outcomes::OutcomeSeries;

/// A dashboard: the series and its charts drawn as SVG in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutcomesPage {
    /// The project's head, on a project's tab.
    pub head: Option<crate::api::projects::ProjectHead>,
    /// The series.
    pub series: OutcomeSeries,
    /// Illicit against licit hectares.
    pub hectares_svg: String,
    /// Hectares committed against verified eradicated.
    pub eradication_svg: String,
}

#[cfg(feature = "ssr")]
fn drawn(
    series: OutcomeSeries,
    locale: shared::i18n::Locale,
) -> Result<(OutcomeSeries, String, String), AppError> {
    let failed = |e: shared::charts::ChartError| {
        leptos::logging::error!("outcome chart: {e}");
        AppError::Internal
    };
    let hectares = shared::outcome_chart::hectares_svg(&series.subject, &series.hectares, locale)
        .map_err(failed)?;
    let eradication =
        shared::outcome_chart::eradication_svg(&series.subject, &series.eradication, locale)
            .map_err(failed)?;
    Ok((series, hectares, eradication))
}

/// A project's outcomes tab.
#[server(prefix = "/rpc", endpoint = "get_project_outcomes")]
pub async fn get_project_outcomes(
    id: i64,
    locale: shared::i18n::Locale,
) -> Result<OutcomesPage, AppError> {
    use crate::backend::{answer, backend_and_caller};
    let (backend, caller) = backend_and_caller()?;
    let head = crate::api::projects::project_head(&backend, &caller, id).await?;
    let series = answer(backend.project_outcomes(&caller, id).await)?;
    let (series, hectares_svg, eradication_svg) = answer(drawn(series, locale))?;
    Ok(OutcomesPage {
        head: Some(head),
        series,
        hectares_svg,
        eradication_svg,
    })
}

/// A program's outcomes page.
#[server(prefix = "/rpc", endpoint = "get_program_outcomes")]
pub async fn get_program_outcomes(
    id: i64,
    locale: shared::i18n::Locale,
) -> Result<OutcomesPage, AppError> {
    use crate::backend::{answer, backend_and_caller};
    let (backend, caller) = backend_and_caller()?;
    let series = answer(backend.program_outcomes(&caller, id).await)?;
    let (series, hectares_svg, eradication_svg) = answer(drawn(series, locale))?;
    Ok(OutcomesPage {
        head: None,
        series,
        hectares_svg,
        eradication_svg,
    })
}
