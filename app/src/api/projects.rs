//! Server functions for projects.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use shared::i18n::Locale;
use shared::project::{Project, ProjectForm};

/// A project with its chart, drawn on the server in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectWithChart {
    /// The project.
    pub project: Project,
    /// The planned-hectares chart as an SVG document.
    pub planned_hectares_svg: String,
    /// The project's area in hectares, when set.
    pub area_hectares: Option<rust_decimal::Decimal>,
    /// The map of the area as an SVG document, when set.
    pub map_svg: Option<String>,
    /// Whether the reader may change the area.
    pub can_edit: bool,
}

/// One project and its planned-hectares chart.
#[server(prefix = "/rpc", endpoint = "get_project")]
pub async fn get_project(id: i64, locale: Locale) -> Result<ProjectWithChart, AppError> {
    let (backend, caller) = crate::backend::backend_and_caller()?;
    let project = crate::backend::answer(backend.get_project(&caller, id).await)?;
    let planned_hectares_svg = shared::charts::planned_hectares_svg(&project.planned_crops, locale)
        .map_err(|e| {
            leptos::logging::error!("chart of project {id}: {e}");
            AppError::Internal
        })?;
    let (area, can_edit) = crate::backend::answer(backend.project_area(&caller, id).await)?;
    let points: Vec<shared::geometry::MapPoint> = match &area {
        Some(_) => crate::backend::answer(backend.project_communities(&caller, id).await)?
            .communities
            .into_iter()
            .filter_map(|c| {
                Some(shared::geometry::MapPoint {
                    label: c.name,
                    longitude: c.longitude?,
                    latitude: c.latitude?,
                })
            })
            .collect(),
        None => Vec::new(),
    };
    let map_svg = area.as_ref().and_then(|a| {
        shared::geometry::area_from_geojson(&a.geometry.to_string())
            .ok()
            .map(|shape| {
                let title = format!(
                    "{} — {}",
                    project.name,
                    locale.t(shared::i18n::Msg::ProjectAreaTitle)
                );
                shared::geometry::map_svg(&shape, &points, &title)
            })
    });
    Ok(ProjectWithChart {
        project,
        planned_hectares_svg,
        area_hectares: area.map(|a| a.hectares),
        map_svg,
        can_edit,
    })
}

/// Creates a project in a program; answers its id.
#[server(prefix = "/rpc", endpoint = "create_project", input = Json)]
pub async fn create_project(program_id: i64, form: ProjectForm) -> Result<i64, AppError> {
    let (backend, caller) = crate::backend::backend_and_caller()?;
    crate::backend::answer(
        backend
            .create_project(&caller, program_id, form)
            .await
            .map(|p| p.id),
    )
}

/// The communities of a project the caller may see, and whether it may add one.
#[server(prefix = "/rpc", endpoint = "list_communities")]
pub async fn list_communities(
    project_id: i64,
) -> Result<shared::community::ProjectCommunities, AppError> {
    let (backend, caller) = crate::backend::backend_and_caller()?;
    crate::backend::answer(backend.project_communities(&caller, project_id).await)
}
