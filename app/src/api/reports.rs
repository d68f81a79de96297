//! Server functions for the community activity reports page.

use crate::api::projects::ProjectHead;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::activity::ProjectReports;

/// A project's reports page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportsPage {
    /// The project and the reader's rights.
    pub head: ProjectHead,
    /// The reports and their attendance.
    pub reports: ProjectReports,
    /// Today on the server, the form's first day.
    pub today: chrono::NaiveDate,
}

/// A project's community activity reports.
#[server(prefix = "/rpc", endpoint = "get_project_reports")]
pub async fn get_project_reports(id: i64) -> Result<ReportsPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let head = crate::api::projects::project_head(&services, &caller, id).await?;
    let reports = answer(services.project_reports(&caller, id).await)?;
    Ok(ReportsPage {
        head,
        reports,
        today: services::today(),
    })
}
