//! The REST API of a project's results framework: the indicator library, results, indicators
//! and their targets.

use super::rest::LangQuery;
use crate::http::AppState;
use crate::http::api::{created, parse_id};
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ApiJson;
use app::error::AppError;
use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::response::Response;
use http::{HeaderMap, StatusCode};
use shared::auth::Caller;
use shared::error::ErrorBody;
use shared::indicator::{LibraryEntry, library_entries};
use shared::plan_views::ResultsFrameworkView;
use shared::results::{Indicator, IndicatorForm, ResultForm, ResultNode, TargetsForm};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_indicator_library))
        .routes(routes!(get_results_framework))
        .routes(routes!(create_result))
        .routes(routes!(update_result, delete_result))
        .routes(routes!(create_indicator))
        .routes(routes!(update_indicator, delete_indicator))
        .routes(routes!(put_targets))
}

/// The built-in library of alternative development indicators: unit, level, usual
/// disaggregation and data source, named in the reader's language.
#[utoipa::path(get, path = "/api/v1/indicator-library", tag = "results",
    params(LangQuery),
    responses(
        (status = 200, description = "The library", body = [LibraryEntry]),
        (status = 401, description = "Not signed in", body = ErrorBody)))]
async fn get_indicator_library(
    Extension(caller): Extension<Caller>,
    Query(lang): Query<LangQuery>,
    headers: HeaderMap,
) -> ApiResult<Json<Vec<LibraryEntry>>> {
    if !caller.is_signed_in() {
        return Err(ApiError(AppError::Unauthorized));
    }
    Ok(Json(library_entries(lang.locale(&headers))))
}

/// The project's results framework: goal, outcomes and outputs, their indicators with targets,
/// each indicator's reporting periods, and what a reviewer would flag.
#[utoipa::path(get, path = "/api/v1/projects/{id}/results-framework", tag = "results",
    params(("id" = i64, Path, description = "Project id"), LangQuery),
    responses(
        (status = 200, description = "The framework", body = ResultsFrameworkView),
        (status = 403, description = "Not the caller's project", body = ErrorBody)))]
async fn get_results_framework(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(lang): Query<LangQuery>,
    headers: HeaderMap,
) -> ApiResult<Json<ResultsFrameworkView>> {
    let id = parse_id(&id)?;
    let project = state.services.get_project(&caller, id).await?;
    let framework = state.services.results_framework(&caller, id).await?;
    Ok(Json(ResultsFrameworkView::of(
        framework,
        project.start_date,
        project.end_date,
        lang.locale(&headers),
    )))
}

/// Adds a result: the goal, an outcome under the goal, or an output under an outcome.
#[utoipa::path(post, path = "/api/v1/projects/{id}/results", tag = "results",
    params(("id" = i64, Path, description = "Project id")),
    request_body = ResultForm,
    responses(
        (status = 201, description = "Created", body = ResultNode),
        (status = 403, description = "The caller may not change this results framework", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn create_result(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ResultForm>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let made = state.services.save_result(&caller, id, None, form).await?;
    Ok(created(
        format!("/api/v1/projects/{id}/results/{}", made.id),
        made,
    ))
}

/// Changes a result.
#[utoipa::path(put, path = "/api/v1/projects/{id}/results/{result_id}", tag = "results",
    params(("id" = i64, Path, description = "Project id"),
           ("result_id" = i64, Path, description = "Result id")),
    request_body = ResultForm,
    responses(
        (status = 200, description = "Changed", body = ResultNode),
        (status = 403, description = "The caller may not change this results framework", body = ErrorBody),
        (status = 404, description = "No such result in this project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn update_result(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
    ApiJson(form): ApiJson<ResultForm>,
) -> ApiResult<Json<ResultNode>> {
    Ok(Json(
        state
            .services
            .save_result(&caller, parse_id(&id)?, Some(parse_id(&item)?), form)
            .await?,
    ))
}

/// Deletes a result with nothing under it: its outputs and indicators are deleted first.
#[utoipa::path(delete, path = "/api/v1/projects/{id}/results/{result_id}", tag = "results",
    params(("id" = i64, Path, description = "Project id"),
           ("result_id" = i64, Path, description = "Result id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "The caller may not change this results framework", body = ErrorBody),
        (status = 404, description = "No such result in this project", body = ErrorBody),
        (status = 422, description = "Results or indicators are still under it (`not_empty` on `result`); nothing was deleted", body = ErrorBody)))]
async fn delete_result(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    state
        .services
        .delete_result(&caller, parse_id(&id)?, parse_id(&item)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds an indicator to a result: from the library (`library_code`) or defined by the project.
#[utoipa::path(post, path = "/api/v1/projects/{id}/indicators", tag = "results",
    params(("id" = i64, Path, description = "Project id")),
    request_body = IndicatorForm,
    responses(
        (status = 201, description = "Created", body = Indicator),
        (status = 403, description = "The caller may not change this results framework", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn create_indicator(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<IndicatorForm>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let made = state
        .services
        .save_indicator(&caller, id, None, form)
        .await?;
    Ok(created(
        format!("/api/v1/projects/{id}/indicators/{}", made.id),
        made,
    ))
}

/// Changes an indicator (its targets stay; see the targets route).
#[utoipa::path(put, path = "/api/v1/projects/{id}/indicators/{indicator_id}", tag = "results",
    params(("id" = i64, Path, description = "Project id"),
           ("indicator_id" = i64, Path, description = "Indicator id")),
    request_body = IndicatorForm,
    responses(
        (status = 200, description = "Changed", body = Indicator),
        (status = 403, description = "The caller may not change this results framework", body = ErrorBody),
        (status = 404, description = "No such indicator in this project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn update_indicator(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
    ApiJson(form): ApiJson<IndicatorForm>,
) -> ApiResult<Json<Indicator>> {
    Ok(Json(
        state
            .services
            .save_indicator(&caller, parse_id(&id)?, Some(parse_id(&item)?), form)
            .await?,
    ))
}

/// Deletes an indicator with its targets.
#[utoipa::path(delete, path = "/api/v1/projects/{id}/indicators/{indicator_id}", tag = "results",
    params(("id" = i64, Path, description = "Project id"),
           ("indicator_id" = i64, Path, description = "Indicator id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "The caller may not change this results framework", body = ErrorBody),
        (status = 404, description = "No such indicator in this project", body = ErrorBody)))]
async fn delete_indicator(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    state
        .services
        .delete_indicator(&caller, parse_id(&id)?, parse_id(&item)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replaces an indicator's targets: one value per reporting period (`targets[].period` is a
/// period code such as `2026-Q1`; a blank value clears the period's target).
#[utoipa::path(put, path = "/api/v1/projects/{id}/indicators/{indicator_id}/targets", tag = "results",
    params(("id" = i64, Path, description = "Project id"),
           ("indicator_id" = i64, Path, description = "Indicator id")),
    request_body = TargetsForm,
    responses(
        (status = 200, description = "The indicator with its targets", body = Indicator),
        (status = 403, description = "The caller may not change this results framework", body = ErrorBody),
        (status = 404, description = "No such indicator in this project", body = ErrorBody),
        (status = 422, description = "Some targets are not valid; nothing was stored", body = ErrorBody)))]
async fn put_targets(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
    ApiJson(form): ApiJson<TargetsForm>,
) -> ApiResult<Json<Indicator>> {
    Ok(Json(
        state
            .services
            .set_targets(&caller, parse_id(&id)?, parse_id(&item)?, form)
            .await?,
    ))
}
