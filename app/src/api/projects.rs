//! Server functions for projects: their pages (overview and map), creating and changing them,
//! drafts of their form, the list across programs, and donors.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use shared::community::ProjectCommunities;
use shared::donor::Donor;
use shared::draft::Draft;
use shared::i18n::Locale;
use shared::project::{Project, ProjectFilter, ProjectForm, ProjectRights, ProjectSummary};

/// A project with what its header and tabs need: the project and what the reader may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectHead {
    /// The project.
    pub project: Project,
    /// What the reader may do.
    pub rights: ProjectRights,
}

/// The project's overview tab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectOverview {
    /// The project and the reader's rights.
    pub head: ProjectHead,
    /// The planned-hectares chart as an SVG document.
    pub planned_hectares_svg: String,
    /// The project's area in hectares, when set.
    pub area_hectares: Option<rust_decimal::Decimal>,
    /// The map of the area as an SVG document, when set.
    pub map_svg: Option<String>,
    /// How many communities the reader may see.
    pub community_count: i64,
    /// The reader's drafts of changes to this project.
    pub drafts: Vec<Draft>,
}

/// The project's map tab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectMap {
    /// The project and the reader's rights.
    pub head: ProjectHead,
    /// The project's area in hectares, when set.
    pub area_hectares: Option<rust_decimal::Decimal>,
    /// The area as a GeoJSON MultiPolygon, for the editor.
    pub area_geojson: Option<String>,
    /// The map as an SVG document, when there is something to draw.
    pub map_svg: Option<String>,
    /// The communities the reader may see.
    pub communities: ProjectCommunities,
}

/// What the project form needs: the donors to choose from, and the draft being continued.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectFormContext {
    /// The organisation's donors.
    pub donors: Vec<Donor>,
    /// The draft being continued, if any.
    pub draft: Option<Draft>,
}

/// The list of projects across programs, with what its filters offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectList {
    /// The projects that pass the filters.
    pub projects: Vec<ProjectSummary>,
    /// The donors to filter by.
    pub donors: Vec<Donor>,
}

/// The project's header and the reader's rights.
#[cfg(feature = "ssr")]
pub async fn project_head(
    services: &services::Services,
    caller: &shared::auth::Caller,
    id: i64,
) -> Result<ProjectHead, AppError> {
    let project = crate::context::answer(services.get_project(caller, id).await)?;
    let rights = crate::context::answer(services.project_rights(caller, id).await)?;
    Ok(ProjectHead { project, rights })
}

/// The project's overview: facts, planned crops chart, area and map.
#[server(prefix = "/rpc", endpoint = "get_project")]
pub async fn get_project(id: i64, locale: Locale) -> Result<ProjectOverview, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    let head = project_head(&services, &caller, id).await?;
    let planned_hectares_svg =
        shared::charts::planned_hectares_svg(&head.project.planned_crops, locale).map_err(|e| {
            leptos::logging::error!("chart of project {id}: {e}");
            AppError::Internal
        })?;
    let (area, _) = crate::context::answer(services.project_area(&caller, id).await)?;
    let communities = crate::context::answer(services.project_communities(&caller, id).await)?;
    // The overview's map leaves plots out: their places are for the map tab, which records
    // in the audit trail that they were shown.
    let map_svg = project_map_svg(
        &services,
        &head.project,
        area.as_ref(),
        &communities,
        &[],
        locale,
    );
    let drafts = crate::context::answer(services.list_drafts(&caller).await)?
        .into_iter()
        .filter(|d| d.project_id == Some(id))
        .collect();
    Ok(ProjectOverview {
        planned_hectares_svg,
        area_hectares: area.map(|a| a.hectares),
        map_svg,
        community_count: i64::try_from(communities.communities.len()).unwrap_or(i64::MAX),
        drafts,
        head,
    })
}

/// The project's map tab: area, map and communities.
#[server(prefix = "/rpc", endpoint = "get_project_map")]
pub async fn get_project_map(id: i64, locale: Locale) -> Result<ProjectMap, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    let head = project_head(&services, &caller, id).await?;
    let (area, _) = crate::context::answer(services.project_area(&caller, id).await)?;
    let communities = crate::context::answer(services.project_communities(&caller, id).await)?;
    let plots: Vec<shared::mapview::MapPlot> =
        crate::context::answer(services.project_plots(&caller, id).await)?
            .iter()
            .filter_map(shared::plot::Plot::map_plot)
            .collect();
    let map_svg = project_map_svg(
        &services,
        &head.project,
        area.as_ref(),
        &communities,
        &plots,
        locale,
    );
    Ok(ProjectMap {
        area_hectares: area.as_ref().map(|a| a.hectares),
        area_geojson: area.as_ref().map(|a| a.geometry.to_string()),
        map_svg,
        communities,
        head,
    })
}

/// The map of a project's area with its communities and plots, drawn on the server in the reader's
/// language (over the deployment's tile layer, when it has one).
#[cfg(feature = "ssr")]
fn project_map_svg(
    services: &services::Services,
    project: &Project,
    area: Option<&shared::project::ProjectArea>,
    communities: &ProjectCommunities,
    plots: &[shared::mapview::MapPlot],
    locale: Locale,
) -> Option<String> {
    let area = area?;
    let shape = shared::geometry::Area::from_stored(&area.geometry.to_string())?;
    let points: Vec<shared::geometry::MapPoint> = communities
        .communities
        .iter()
        .filter_map(|c| {
            Some(shared::geometry::MapPoint {
                label: c.name.clone(),
                longitude: c.longitude?,
                latitude: c.latitude?,
            })
        })
        .collect();
    let title = format!(
        "{} — {}",
        project.name,
        locale.t(shared::i18n::Msg::ProjectAreaTitle)
    );
    let mut options = shared::mapview::MapOptions::new(title, locale);
    if let Some(tiles) = services.tile_layer() {
        options = tiles.apply(options);
    }
    Some(shared::geometry::project_map_svg(
        &shape, &points, plots, &options,
    ))
}

/// Creates a project in a program; answers its id. The draft it came from, if any, is deleted.
#[server(prefix = "/rpc", endpoint = "create_project", input = Json)]
pub async fn create_project(
    program_id: i64,
    form: ProjectForm,
    draft_id: Option<i64>,
) -> Result<i64, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(
        services
            .create_project(&caller, program_id, form, draft_id)
            .await
            .map(|p| p.id),
    )
}

/// Changes a project; answers its id. The draft the changes came from, if any, is deleted.
#[server(prefix = "/rpc", endpoint = "update_project", input = Json)]
pub async fn update_project(
    id: i64,
    form: ProjectForm,
    draft_id: Option<i64>,
) -> Result<i64, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(
        services
            .update_project(&caller, id, form, draft_id)
            .await
            .map(|p| p.id),
    )
}

/// Saves the project form as typed; answers the address that continues the draft.
#[server(prefix = "/rpc", endpoint = "save_project_draft", input = Json)]
pub async fn save_project_draft(
    program_id: Option<i64>,
    project_id: Option<i64>,
    draft_id: Option<i64>,
    form: ProjectForm,
) -> Result<String, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(
        services
            .save_draft(&caller, program_id, project_id, draft_id, form)
            .await
            .map(|d| d.continue_path()),
    )
}

/// What the project form needs: donors, and the draft `draft_id` when continuing one.
#[server(prefix = "/rpc", endpoint = "get_project_form_context")]
pub async fn get_project_form_context(
    draft_id: Option<i64>,
) -> Result<ProjectFormContext, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    let (donors, _) = crate::context::answer(services.list_donors(&caller).await)?;
    let draft = match draft_id {
        Some(id) => Some(crate::context::answer(
            services.get_draft(&caller, id).await,
        )?),
        None => None,
    };
    Ok(ProjectFormContext { donors, draft })
}

/// The projects the reader may see across programs, filtered.
#[server(prefix = "/rpc", endpoint = "list_all_projects", input = Json)]
pub async fn list_all_projects(filter: ProjectFilter) -> Result<ProjectList, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    let projects = crate::context::answer(services.list_projects(&caller, &filter).await)?;
    let (donors, _) = crate::context::answer(services.list_donors(&caller).await)?;
    Ok(ProjectList { projects, donors })
}

/// The donors the reader may list, and whether it may add one.
#[server(prefix = "/rpc", endpoint = "list_donors")]
pub async fn list_donors() -> Result<(Vec<Donor>, bool), AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.list_donors(&caller).await)
}

/// The reader's drafts, newest first.
#[server(prefix = "/rpc", endpoint = "list_drafts")]
pub async fn list_drafts() -> Result<Vec<Draft>, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.list_drafts(&caller).await)
}

/// The communities of a project the caller may see, and whether it may add one.
#[server(prefix = "/rpc", endpoint = "list_communities")]
pub async fn list_communities(project_id: i64) -> Result<ProjectCommunities, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.project_communities(&caller, project_id).await)
}
