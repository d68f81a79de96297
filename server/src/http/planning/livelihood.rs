//! The REST API of a project's livelihood plans: the plans, their income transition chart and
//! the budget lines that bridge the income valley.

use super::rest::{LangQuery, chart_failed, svg};
use crate::http::AppState;
use crate::http::api::{created, parse_id};
use crate::http::error::ApiResult;
use crate::http::extract::ApiJson;
use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::response::Response;
use http::HeaderMap;
use serde::Deserialize;
use shared::auth::Caller;
use shared::error::ErrorBody;
use shared::livelihood::LivelihoodPlanForm;
use shared::plan_views::{LivelihoodPlanDetail, LivelihoodPlanView};
use shared::timeline::BudgetLine;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_livelihood_plans, create_livelihood_plan))
        .routes(routes!(get_livelihood_plan, update_livelihood_plan))
        .routes(routes!(get_transition_chart))
        .routes(routes!(budget_bridging_support))
}

/// The project's livelihood plans, each with its income transition summed up: valley depth and
/// length, recovery month, bridging support per household and in total, by year.
#[utoipa::path(get, path = "/api/v1/projects/{id}/livelihood-plans", tag = "livelihood",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The plans", body = [LivelihoodPlanView]),
        (status = 403, description = "Not the caller's project", body = ErrorBody)))]
async fn list_livelihood_plans(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<LivelihoodPlanView>>> {
    Ok(Json(
        state
            .services
            .list_livelihood_plans(&caller, parse_id(&id)?)
            .await?
            .into_iter()
            .map(LivelihoodPlanView::of)
            .collect(),
    ))
}

/// Adds a livelihood plan: households, the illicit income each gives up, the eradication month,
/// and the value chains (crop, hectares per household, planting month, yield curve by year
/// since planting, farm-gate price, market channel).
#[utoipa::path(post, path = "/api/v1/projects/{id}/livelihood-plans", tag = "livelihood",
    params(("id" = i64, Path, description = "Project id")),
    request_body = LivelihoodPlanForm,
    responses(
        (status = 201, description = "Created", body = LivelihoodPlanView),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn create_livelihood_plan(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<LivelihoodPlanForm>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let plan = state
        .services
        .save_livelihood_plan(&caller, id, None, form)
        .await?;
    Ok(created(
        format!("/api/v1/projects/{id}/livelihood-plans/{}", plan.id),
        LivelihoodPlanView::of(plan),
    ))
}

/// One livelihood plan with its transition month by month, per household and in total.
#[utoipa::path(get, path = "/api/v1/projects/{id}/livelihood-plans/{plan_id}", tag = "livelihood",
    params(("id" = i64, Path, description = "Project id"),
           ("plan_id" = i64, Path, description = "Plan id")),
    responses(
        (status = 200, description = "The plan", body = LivelihoodPlanDetail),
        (status = 403, description = "Not the caller's project", body = ErrorBody),
        (status = 404, description = "No such plan in this project", body = ErrorBody)))]
async fn get_livelihood_plan(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
) -> ApiResult<Json<LivelihoodPlanDetail>> {
    let plan = state
        .services
        .get_livelihood_plan(&caller, parse_id(&id)?, parse_id(&item)?)
        .await?;
    Ok(Json(LivelihoodPlanDetail::of(plan)))
}

/// Changes a livelihood plan (every field; the value chains given replace the old ones).
#[utoipa::path(put, path = "/api/v1/projects/{id}/livelihood-plans/{plan_id}", tag = "livelihood",
    params(("id" = i64, Path, description = "Project id"),
           ("plan_id" = i64, Path, description = "Plan id")),
    request_body = LivelihoodPlanForm,
    responses(
        (status = 200, description = "Changed", body = LivelihoodPlanView),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such plan in this project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn update_livelihood_plan(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
    ApiJson(form): ApiJson<LivelihoodPlanForm>,
) -> ApiResult<Json<LivelihoodPlanView>> {
    let plan = state
        .services
        .save_livelihood_plan(&caller, parse_id(&id)?, Some(parse_id(&item)?), form)
        .await?;
    Ok(Json(LivelihoodPlanView::of(plan)))
}

/// Which households a transition chart is drawn for.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ChartScope {
    /// `household` (one household) or `total` (all the plan's households; the default).
    scope: Option<String>,
    /// `en` or `es`; default from `Accept-Language`.
    lang: Option<String>,
}

/// The plan's income transition as an SVG chart: licit income month by month against the
/// illicit income given up, the valley shaded.
#[utoipa::path(get, path = "/api/v1/projects/{id}/livelihood-plans/{plan_id}/transition.svg", tag = "livelihood",
    params(("id" = i64, Path, description = "Project id"),
           ("plan_id" = i64, Path, description = "Plan id"), ChartScope),
    responses(
        (status = 200, description = "An SVG document", content_type = "image/svg+xml", body = String),
        (status = 404, description = "No such plan in this project", body = ErrorBody)))]
async fn get_transition_chart(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
    Query(query): Query<ChartScope>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let locale = LangQuery { lang: query.lang }.locale(&headers);
    let plan = state
        .services
        .get_livelihood_plan(&caller, parse_id(&id)?, parse_id(&item)?)
        .await?;
    let chart = match query.scope.as_deref() {
        Some("household") => shared::transition_chart::household_transition_svg(&plan, locale),
        _ => shared::transition_chart::total_transition_svg(&plan, locale),
    }
    .map_err(chart_failed)?;
    Ok(svg(chart))
}

/// Where bridging support goes in the budget.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
struct BridgingRequest {
    /// The component the lines belong to (usually social inclusion and protection), optional.
    component_id: Option<i64>,
}

/// Budgets the plan's bridging support: one budget line per year of the income valley (the
/// years add up exactly to the rounded total), replacing lines made from this plan before.
#[utoipa::path(post, path = "/api/v1/projects/{id}/livelihood-plans/{plan_id}/bridging-budget", tag = "livelihood",
    params(("id" = i64, Path, description = "Project id"),
           ("plan_id" = i64, Path, description = "Plan id")),
    request_body = BridgingRequest,
    responses(
        (status = 201, description = "The budget lines made", body = [BudgetLine]),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such plan in this project", body = ErrorBody)))]
async fn budget_bridging_support(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
    ApiJson(request): ApiJson<BridgingRequest>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let lines = state
        .services
        .budget_bridging_support(&caller, id, parse_id(&item)?, request.component_id)
        .await?;
    Ok(created(format!("/api/v1/projects/{id}/timeline"), lines))
}
