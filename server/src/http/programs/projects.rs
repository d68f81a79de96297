//! The REST API for projects beyond their creation: changing one, the list across programs with
//! filters, the organisation's donors, and drafts of the project form.

use crate::http::AppState;
use crate::http::api::{created, parse_id};
use crate::http::error::ApiResult;
use crate::http::extract::ApiJson;
use axum::Json;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::response::Response;
use http::StatusCode;
use shared::auth::Caller;
use shared::donor::{Donor, DonorForm};
use shared::draft::Draft;
use shared::error::ErrorBody;
use shared::project::{Project, ProjectFilter, ProjectForm, ProjectSummary};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_all_projects))
        .routes(routes!(update_project))
        .routes(routes!(list_donors, create_donor))
        .routes(routes!(list_drafts))
        .routes(routes!(create_program_draft))
        .routes(routes!(create_project_draft))
        .routes(routes!(get_draft, update_draft, delete_draft))
}

/// Every project the caller may see, across programs, by name; filters narrow the list.
#[utoipa::path(get, path = "/api/v1/projects", tag = "projects",
    params(ProjectFilter),
    responses(
        (status = 200, description = "The projects, by name", body = [ProjectSummary]),
        (status = 401, description = "Not signed in", body = ErrorBody)))]
async fn list_all_projects(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<Vec<ProjectSummary>>> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    let filter = ProjectFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    Ok(Json(state.services.list_projects(&caller, &filter).await?))
}

/// Changes a project: the same fields as creating one, all of them (what is left out is
/// cleared). Every problem is reported at once; nothing is stored when one is found.
#[utoipa::path(put, path = "/api/v1/projects/{id}", tag = "projects",
    params(("id" = i64, Path, description = "Project id")),
    request_body = ProjectForm,
    responses(
        (status = 200, description = "The project as stored", body = Project),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn update_project(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ProjectForm>,
) -> ApiResult<Json<Project>> {
    Ok(Json(
        state
            .services
            .update_project(&caller, parse_id(&id)?, form, None)
            .await?,
    ))
}

/// The donors the caller may list: its organisation's (a donor viewer: those of the projects it
/// reads), by name.
#[utoipa::path(get, path = "/api/v1/donors", tag = "donors",
    responses(
        (status = 200, description = "The donors, by name", body = [Donor]),
        (status = 401, description = "Not signed in", body = ErrorBody)))]
async fn list_donors(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<Vec<Donor>>> {
    Ok(Json(state.services.list_donors(&caller).await?.0))
}

/// Adds a donor to the caller's organisation.
#[utoipa::path(post, path = "/api/v1/donors", tag = "donors", request_body = DonorForm,
    responses(
        (status = 201, description = "Created", body = Donor),
        (status = 403, description = "The caller may not add donors", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn create_donor(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiJson(form): ApiJson<DonorForm>,
) -> ApiResult<Response> {
    let donor = state.services.create_donor(&caller, form).await?;
    Ok(created(format!("/api/v1/donors/{}", donor.id), donor))
}

/// The caller's own drafts, newest first.
#[utoipa::path(get, path = "/api/v1/drafts", tag = "drafts",
    responses(
        (status = 200, description = "The drafts", body = [Draft]),
        (status = 401, description = "Not signed in", body = ErrorBody)))]
async fn list_drafts(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<Vec<Draft>>> {
    Ok(Json(state.services.list_drafts(&caller).await?))
}

/// Saves a form for a new project of a program as a draft, as typed (only sizes are checked).
#[utoipa::path(post, path = "/api/v1/programs/{id}/drafts", tag = "drafts",
    params(("id" = i64, Path, description = "Program id")),
    request_body = ProjectForm,
    responses(
        (status = 201, description = "Saved", body = Draft),
        (status = 403, description = "The caller may not create projects here", body = ErrorBody),
        (status = 404, description = "No such program", body = ErrorBody),
        (status = 422, description = "A field is larger than a draft keeps", body = ErrorBody)))]
async fn create_program_draft(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ProjectForm>,
) -> ApiResult<Response> {
    let draft = state
        .services
        .save_draft(&caller, Some(parse_id(&id)?), None, None, form)
        .await?;
    Ok(created(format!("/api/v1/drafts/{}", draft.id), draft))
}

/// Saves changes to a project as a draft, as typed (only sizes are checked).
#[utoipa::path(post, path = "/api/v1/projects/{id}/drafts", tag = "drafts",
    params(("id" = i64, Path, description = "Project id")),
    request_body = ProjectForm,
    responses(
        (status = 201, description = "Saved", body = Draft),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such project", body = ErrorBody),
        (status = 422, description = "A field is larger than a draft keeps", body = ErrorBody)))]
async fn create_project_draft(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ProjectForm>,
) -> ApiResult<Response> {
    let draft = state
        .services
        .save_draft(&caller, None, Some(parse_id(&id)?), None, form)
        .await?;
    Ok(created(format!("/api/v1/drafts/{}", draft.id), draft))
}

/// One of the caller's drafts (404 for anyone else's).
#[utoipa::path(get, path = "/api/v1/drafts/{id}", tag = "drafts",
    params(("id" = i64, Path, description = "Draft id")),
    responses(
        (status = 200, description = "The draft", body = Draft),
        (status = 404, description = "No such draft of the caller", body = ErrorBody)))]
async fn get_draft(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Draft>> {
    Ok(Json(
        state.services.get_draft(&caller, parse_id(&id)?).await?,
    ))
}

/// Saves a draft again with the form as now typed.
#[utoipa::path(put, path = "/api/v1/drafts/{id}", tag = "drafts",
    params(("id" = i64, Path, description = "Draft id")),
    request_body = ProjectForm,
    responses(
        (status = 200, description = "Saved", body = Draft),
        (status = 404, description = "No such draft of the caller", body = ErrorBody),
        (status = 422, description = "A field is larger than a draft keeps", body = ErrorBody)))]
async fn update_draft(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ProjectForm>,
) -> ApiResult<Json<Draft>> {
    Ok(Json(
        state
            .services
            .save_draft(&caller, None, None, Some(parse_id(&id)?), form)
            .await?,
    ))
}

/// Deletes one of the caller's drafts.
#[utoipa::path(delete, path = "/api/v1/drafts/{id}", tag = "drafts",
    params(("id" = i64, Path, description = "Draft id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such draft of the caller", body = ErrorBody)))]
async fn delete_draft(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    state.services.delete_draft(&caller, parse_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_bad_id_is_not_found() {
        assert!(super::parse_id("x").is_err());
        assert_eq!(
            super::parse_id("0").err().map(|e| e.0),
            Some(app::error::AppError::NotFound)
        );
    }
}
