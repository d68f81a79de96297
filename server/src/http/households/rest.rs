//! The REST API of the household registry. Handlers are thin: they call the same operations as
//! the pages, which check the caller's rights on each household's community.

use crate::http::AppState;
use crate::http::api::{created, parse_id};
use crate::http::error::ApiResult;
use crate::http::extract::ApiJson;
use axum::Json;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::response::Response;
use shared::auth::Caller;
use shared::error::ErrorBody;
use shared::gender::GenderView;
use shared::household::{
    Household, HouseholdDetail, HouseholdFilter, HouseholdForm, HouseholdRegistry, HouseholdView,
    StatusForm,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_households, register_household))
        .routes(routes!(get_household, update_household))
        .routes(routes!(change_status))
        .routes(routes!(project_gender))
        .routes(routes!(program_gender))
}

/// The gender view of a project: households taking part and women-headed ones; beneficiaries
/// by sex and age band; support and visit income by the sex and age band of the head of
/// household, per currency; women in cooperatives and their leadership; land titles by sex.
/// Over the households the caller may see (a field monitor: its communities).
#[utoipa::path(get, path = "/api/v1/projects/{id}/gender", tag = "households",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The gender view", body = GenderView),
        (status = 403, description = "The caller may not see this project's households", body = ErrorBody),
        (status = 404, description = "No such project", body = ErrorBody)))]
async fn project_gender(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<GenderView>> {
    Ok(Json(
        state
            .services
            .project_gender(&caller, parse_id(&id)?)
            .await?,
    ))
}

/// The gender view of a program: the same figures over its projects whose households the
/// caller may see.
#[utoipa::path(get, path = "/api/v1/programs/{id}/gender", tag = "households",
    params(("id" = i64, Path, description = "Program id")),
    responses(
        (status = 200, description = "The gender view", body = GenderView),
        (status = 403, description = "The caller may not see households of this program", body = ErrorBody),
        (status = 404, description = "No such program", body = ErrorBody)))]
async fn program_gender(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<GenderView>> {
    Ok(Json(
        state
            .services
            .program_gender(&caller, parse_id(&id)?)
            .await?,
    ))
}

/// The households of a project that the caller may see (a field monitor: those of its
/// communities; donor viewers: none), by community and code. `personal` (name and phone) is
/// present only for callers who may see personal data in the household's community, and each
/// answer that shows it is recorded in the audit trail.
#[utoipa::path(get, path = "/api/v1/projects/{id}/households", tag = "households",
    params(("id" = i64, Path, description = "Project id"), HouseholdFilter),
    responses(
        (status = 200, description = "The registry", body = HouseholdRegistry),
        (status = 403, description = "The caller may not see this project's households", body = ErrorBody),
        (status = 404, description = "No such project", body = ErrorBody),
        (status = 422, description = "A filter is not valid (a household code with a wrong check character, an unknown status)", body = ErrorBody)))]
async fn list_households(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<HouseholdRegistry>> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    let filter = HouseholdFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    Ok(Json(
        state
            .services
            .household_registry(&caller, parse_id(&id)?, filter)
            .await?,
    ))
}

/// Registers a household in one of the project's communities. The server makes its
/// pseudonymous code; name and phone are optional and kept encrypted.
#[utoipa::path(post, path = "/api/v1/projects/{id}/households", tag = "households",
    params(("id" = i64, Path, description = "Project id")),
    request_body = HouseholdForm,
    responses(
        (status = 201, description = "Registered, as enrolled on its enrolment date", body = Household),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not register households in this community", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn register_household(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<HouseholdForm>,
) -> ApiResult<Response> {
    let household = state
        .services
        .register_household(&caller, parse_id(&id)?, form)
        .await?;
    Ok(created(
        format!("/api/v1/households/{}", household.id),
        household,
    ))
}

/// One household with its status history.
#[utoipa::path(get, path = "/api/v1/households/{id}", tag = "households",
    params(("id" = i64, Path, description = "Household id")),
    responses(
        (status = 200, description = "The household", body = HouseholdView),
        (status = 403, description = "The caller may not see this household", body = ErrorBody),
        (status = 404, description = "No such household", body = ErrorBody)))]
async fn get_household(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<HouseholdView>> {
    Ok(Json(
        state.services.household(&caller, parse_id(&id)?).await?,
    ))
}

/// Changes a household: the same fields as registering it, all of them. Name and phone change
/// only for callers who may see personal data; for others they stay as stored.
#[utoipa::path(put, path = "/api/v1/households/{id}", tag = "households",
    params(("id" = i64, Path, description = "Household id")),
    request_body = HouseholdForm,
    responses(
        (status = 200, description = "The household as stored", body = Household),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not change this household", body = ErrorBody),
        (status = 404, description = "No such household", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn update_household(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<HouseholdForm>,
) -> ApiResult<Json<Household>> {
    Ok(Json(
        state
            .services
            .update_household(&caller, parse_id(&id)?, form)
            .await?,
    ))
}

/// Records a change of status (active, suspended, withdrawn) with its date and, for a
/// suspension or withdrawal, its reason; the history keeps every change.
#[utoipa::path(post, path = "/api/v1/households/{id}/status", tag = "households",
    params(("id" = i64, Path, description = "Household id")),
    request_body = StatusForm,
    responses(
        (status = 200, description = "The household with its history", body = HouseholdDetail),
        (status = 403, description = "The caller may not change this household", body = ErrorBody),
        (status = 404, description = "No such household", body = ErrorBody),
        (status = 422, description = "The change is not valid (same status, withdrawn household, date before the last change or in the future, missing reason)", body = ErrorBody)))]
async fn change_status(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<StatusForm>,
) -> ApiResult<Json<HouseholdDetail>> {
    Ok(Json(
        state
            .services
            .change_household_status(&caller, parse_id(&id)?, form)
            .await?,
    ))
}
