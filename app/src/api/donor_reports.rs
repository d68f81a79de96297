//! Server functions for the donor report pages.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::donor_report::{ReportChoices, ReportList, SavedReport};

/// The reports page.
#[server(prefix = "/rpc", endpoint = "get_donor_reports")]
pub async fn get_donor_reports() -> Result<ReportList, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    answer(services.list_reports(&caller).await)
}

/// The new-report form: its choices and a default period (the last whole year).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewReportPage {
    /// The donors, agreements and projects.
    pub choices: ReportChoices,
    /// Today on the server.
    pub today: chrono::NaiveDate,
}

/// The new-report form's choices.
#[server(prefix = "/rpc", endpoint = "get_report_choices")]
pub async fn get_report_choices() -> Result<NewReportPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    Ok(NewReportPage {
        choices: answer(services.report_choices(&caller).await)?,
        today: services::today(),
    })
}

/// A report's page: the report and its body as the HTML file has it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DonorReportPage {
    /// The saved report.
    pub saved: SavedReport,
    /// Its body (cover, tables, charts, map, narratives), escaped HTML.
    pub body: String,
}

/// A saved report.
#[server(prefix = "/rpc", endpoint = "get_donor_report")]
pub async fn get_donor_report(id: i64) -> Result<DonorReportPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let saved = answer(services.get_report(&caller, id).await)?;
    let body = shared::report_document::html_body(&saved.report);
    Ok(DonorReportPage { saved, body })
}
