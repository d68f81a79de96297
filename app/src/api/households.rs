//! Server functions for the household registry pages.

use crate::api::projects::ProjectHead;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::community::Community;
use shared::household::{HouseholdRegistry, HouseholdView};

/// The registry tab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistryPage {
    /// The project and the reader's rights.
    pub head: ProjectHead,
    /// The households and communities the reader may see.
    pub registry: HouseholdRegistry,
}

/// A household's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HouseholdPage {
    /// The household's project and the reader's rights there.
    pub head: ProjectHead,
    /// The household.
    pub view: HouseholdView,
}

/// The form to register a household.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewHouseholdPage {
    /// The project and the reader's rights.
    pub head: ProjectHead,
    /// The communities where the reader may register households.
    pub communities: Vec<Community>,
    /// Whether the reader may type names and phone numbers there.
    pub personal_data: bool,
}

/// The registry of a project, filtered by community (an id), status (a code) and household code
/// (empty: no filter).
#[server(prefix = "/rpc", endpoint = "get_household_registry")]
pub async fn get_household_registry(
    id: i64,
    community: String,
    status: String,
    code: String,
) -> Result<RegistryPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let filter = shared::household::HouseholdFilter {
        community,
        status,
        code,
    };
    let (services, caller) = services_and_caller()?;
    let head = crate::api::projects::project_head(&services, &caller, id).await?;
    let registry = answer(services.household_registry(&caller, id, filter).await)?;
    Ok(RegistryPage { head, registry })
}

/// One household.
#[server(prefix = "/rpc", endpoint = "get_household")]
pub async fn get_household(id: i64) -> Result<HouseholdPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let view = answer(services.household(&caller, id).await)?;
    let head =
        crate::api::projects::project_head(&services, &caller, view.detail.household.project_id)
            .await?;
    Ok(HouseholdPage { head, view })
}

/// What the form to register a household of a project needs.
#[server(prefix = "/rpc", endpoint = "get_new_household")]
pub async fn get_new_household(id: i64) -> Result<NewHouseholdPage, AppError> {
    use crate::context::{answer, services_and_caller};
    use shared::auth::{Action, Place};
    let (services, caller) = services_and_caller()?;
    let head = crate::api::projects::project_head(&services, &caller, id).await?;
    let place = Place {
        organisation: head.project.organisation_id,
        program: Some(head.project.program_id),
        project: Some(id),
        community: None,
        donor: None,
    };
    let communities: Vec<Community> = answer(services.project_communities(&caller, id).await)?
        .communities
        .into_iter()
        .filter(|c| caller.may(Action::EditHouseholds, &place.with_community(c.id)))
        .collect();
    if communities.is_empty() {
        return answer(Err(AppError::Forbidden));
    }
    let personal_data = communities
        .iter()
        .any(|c| caller.may(Action::ViewPersonalData, &place.with_community(c.id)));
    Ok(NewHouseholdPage {
        head,
        communities,
        personal_data,
    })
}

/// A project's gender view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectGenderPage {
    /// The project and the reader's rights.
    pub head: ProjectHead,
    /// The figures.
    pub view: shared::gender::GenderView,
}

/// A program's gender view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramGenderPage {
    /// The program.
    pub program: shared::program::Program,
    /// The figures.
    pub view: shared::gender::GenderView,
}

/// The gender view of a project.
#[server(prefix = "/rpc", endpoint = "get_project_gender")]
pub async fn get_project_gender(id: i64) -> Result<ProjectGenderPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let head = crate::api::projects::project_head(&services, &caller, id).await?;
    let view = answer(services.project_gender(&caller, id).await)?;
    Ok(ProjectGenderPage { head, view })
}

/// The gender view of a program.
#[server(prefix = "/rpc", endpoint = "get_program_gender")]
pub async fn get_program_gender(id: i64) -> Result<ProgramGenderPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let program = answer(services.get_program(&caller, id).await)?.program;
    let view = answer(services.program_gender(&caller, id).await)?;
    Ok(ProgramGenderPage { program, view })
}
