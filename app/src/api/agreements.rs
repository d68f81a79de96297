//! Server functions for the agreement pages.

use crate::api::projects::ProjectHead;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::agreement::{AgreementView, ProjectAgreements};

/// An agreement's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgreementPage {
    /// The household's project and the reader's rights there.
    pub head: ProjectHead,
    /// The agreement, its visits and the household's support.
    pub view: AgreementView,
}

/// A project's agreements page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectAgreementsPage {
    /// The project and the reader's rights.
    pub head: ProjectHead,
    /// The agreements and their figures.
    pub agreements: ProjectAgreements,
}

/// One agreement.
#[server(prefix = "/rpc", endpoint = "get_agreement")]
pub async fn get_agreement(id: i64) -> Result<AgreementPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let view = answer(services.agreement(&caller, id).await)?;
    let head =
        crate::api::projects::project_head(&services, &caller, view.agreement.project_id).await?;
    Ok(AgreementPage { head, view })
}

/// A project's agreements.
#[server(prefix = "/rpc", endpoint = "get_project_agreements")]
pub async fn get_project_agreements(id: i64) -> Result<ProjectAgreementsPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let head = crate::api::projects::project_head(&services, &caller, id).await?;
    let agreements = answer(services.project_agreements(&caller, id).await)?;
    Ok(ProjectAgreementsPage { head, agreements })
}
