//! The REST API of monitoring visits and community activity reports. Handlers are thin: they call the same operations as the
//! pages. A visit's `location` (the device's GPS position) is answered only to callers who may
//! see personal data in the household's community.

use crate::http::AppState;
use crate::http::api::{created, parse_id};
use crate::http::error::ApiResult;
use crate::http::extract::ApiJson;
use axum::Json;
use axum::extract::{Extension, Path, State};
use axum::response::{IntoResponse, Response};
use shared::activity::{ActivityReport, ProjectReports, ReportForm};
use shared::auth::Caller;
use shared::error::ErrorBody;
use shared::visit::{Visit, VisitForm};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_visits, record_visit))
        .routes(routes!(get_visit))
        .routes(routes!(list_reports, record_report))
        .routes(routes!(get_report))
}

/// A household's monitoring visits, newest first.
#[utoipa::path(get, path = "/api/v1/households/{id}/visits", tag = "visits",
    params(("id" = i64, Path, description = "Household id")),
    responses(
        (status = 200, description = "The visits", body = Vec<Visit>),
        (status = 403, description = "The caller may not see this household", body = ErrorBody),
        (status = 404, description = "No such household", body = ErrorBody)))]
async fn list_visits(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<Visit>>> {
    Ok(Json(
        state
            .services
            .household(&caller, parse_id(&id)?)
            .await?
            .visits,
    ))
}

/// Records a monitoring visit: the day, the device's GPS position, a row per plot visited
/// (illicit crops standing, licit crops established and surviving — written into each plot's
/// history), and the harvest, sales and income. With a `client_id`, sending the same entry
/// again answers the stored visit (200) instead of storing it twice.
#[utoipa::path(post, path = "/api/v1/households/{id}/visits", tag = "visits",
    params(("id" = i64, Path, description = "Household id")),
    request_body = VisitForm,
    responses(
        (status = 201, description = "Recorded", body = Visit),
        (status = 200, description = "This entry (its client id) was already recorded: the stored visit", body = Visit),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not record visits to this household", body = ErrorBody),
        (status = 404, description = "No such household", body = ErrorBody),
        (status = 422, description = "Some fields are not valid (each plot row's problems on `plots[N].field`); nothing was stored", body = ErrorBody)))]
async fn record_visit(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<VisitForm>,
) -> ApiResult<Response> {
    let (visit, new) = state
        .services
        .record_visit(&caller, parse_id(&id)?, form)
        .await?;
    Ok(if new {
        created(format!("/api/v1/visits/{}", visit.id), visit)
    } else {
        Json(visit).into_response()
    })
}

/// One monitoring visit.
#[utoipa::path(get, path = "/api/v1/visits/{id}", tag = "visits",
    params(("id" = i64, Path, description = "Visit id")),
    responses(
        (status = 200, description = "The visit", body = Visit),
        (status = 403, description = "The caller may not see this household", body = ErrorBody),
        (status = 404, description = "No such visit", body = ErrorBody)))]
async fn get_visit(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Visit>> {
    Ok(Json(state.services.visit(&caller, parse_id(&id)?).await?))
}

/// The activity reports of a project's communities that the caller may see (a field monitor:
/// those of its communities; donor viewers: none), newest first, with the attendance of all
/// trainings and meetings by sex and age band.
#[utoipa::path(get, path = "/api/v1/projects/{id}/activity-reports", tag = "visits",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The reports", body = ProjectReports),
        (status = 403, description = "The caller may not see this project's field records", body = ErrorBody),
        (status = 404, description = "No such project", body = ErrorBody)))]
async fn list_reports(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<ProjectReports>> {
    Ok(Json(
        state
            .services
            .project_reports(&caller, parse_id(&id)?)
            .await?,
    ))
}

/// Records a community activity report: a training or meeting with its attendance by sex and
/// age band, or the progress of an infrastructure work.
#[utoipa::path(post, path = "/api/v1/projects/{id}/activity-reports", tag = "visits",
    params(("id" = i64, Path, description = "Project id")),
    request_body = ReportForm,
    responses(
        (status = 201, description = "Recorded", body = ActivityReport),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not report in this community", body = ErrorBody),
        (status = 404, description = "No such project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid (a training without attendees, a work without its progress); nothing was stored", body = ErrorBody)))]
async fn record_report(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ReportForm>,
) -> ApiResult<Response> {
    let report = state
        .services
        .record_report(&caller, parse_id(&id)?, form)
        .await?;
    Ok(created(
        format!("/api/v1/activity-reports/{}", report.id),
        report,
    ))
}

/// One activity report.
#[utoipa::path(get, path = "/api/v1/activity-reports/{id}", tag = "visits",
    params(("id" = i64, Path, description = "Report id")),
    responses(
        (status = 200, description = "The report", body = ActivityReport),
        (status = 403, description = "The caller may not see this community's reports", body = ErrorBody),
        (status = 404, description = "No such report", body = ErrorBody)))]
async fn get_report(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<ActivityReport>> {
    Ok(Json(state.services.report(&caller, parse_id(&id)?).await?))
}
