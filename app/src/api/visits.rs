//! Server functions for the monitoring visit form.

use crate::api::projects::ProjectHead;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::household::Household;
use shared::plot::Plot;

/// What the visit form needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewVisitPage {
    /// The household's project and the reader's rights there.
    pub head: ProjectHead,
    /// The household visited.
    pub household: Household,
    /// Its plots, one row each in the form.
    pub plots: Vec<Plot>,
    /// Today on the server, the form's first day.
    pub today: chrono::NaiveDate,
    /// The entry's id, sent with the form so that sending it twice stores one visit.
    pub entry_id: String,
}

/// The visit form of a household; refused to readers who may not record visits there.
#[server(prefix = "/rpc", endpoint = "get_new_visit")]
pub async fn get_new_visit(household: i64) -> Result<NewVisitPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let view = answer(services.household(&caller, household).await)?;
    if !view.can_edit {
        return answer(Err(AppError::Forbidden));
    }
    let head =
        crate::api::projects::project_head(&services, &caller, view.detail.household.project_id)
            .await?;
    Ok(NewVisitPage {
        head,
        household: view.detail.household,
        plots: view.plots,
        today: chrono::Utc::now().date_naive(),
        entry_id: services.new_entry_id(),
    })
}
