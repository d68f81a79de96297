//! The REST API for a project's plan: illicit-crop baselines (and their import from published
//! tables), safeguards and warnings, components, activities, milestones and budget lines with the
//! timeline chart, livelihood plans with their income transition, and the results framework with
//! the indicator library. Handlers are thin: they call the same operations as the pages.

use crate::http::AppState;
use crate::http::api::{created, parse_id};
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ApiJson;
use app::error::AppError;
use app::i18n::locale_from_headers;
use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode, header};
use serde::Deserialize;
use shared::auth::Caller;
use shared::baseline_record::{Baseline, BaselineForm, BaselineImportForm, ImportPreview};
use shared::error::ErrorBody;
use shared::i18n::Locale;
use shared::indicator::{LibraryEntry, library_entries};
use shared::livelihood::LivelihoodPlanForm;
use shared::plan_views::{
    LivelihoodPlanDetail, LivelihoodPlanView, ResultsFrameworkView, SafeguardsView, WarningView,
};
use shared::results::{Indicator, IndicatorForm, ResultForm, ResultNode, TargetsForm};
use shared::safeguard::{Safeguard, SafeguardForm, SafeguardKind};
use shared::timeline::{
    Activity, ActivityForm, BudgetLine, BudgetLineForm, Component, ComponentForm, Milestone,
    MilestoneForm, ProjectSpan, Timeline,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_baselines, create_baseline))
        .routes(routes!(delete_baseline))
        .routes(routes!(import_baselines))
        .routes(routes!(get_safeguards))
        .routes(routes!(put_safeguard))
        .routes(routes!(get_timeline))
        .routes(routes!(get_timeline_chart))
        .routes(routes!(create_component))
        .routes(routes!(update_component, delete_component))
        .routes(routes!(create_activity))
        .routes(routes!(update_activity, delete_activity))
        .routes(routes!(create_milestone))
        .routes(routes!(update_milestone, delete_milestone))
        .routes(routes!(create_budget_line))
        .routes(routes!(update_budget_line, delete_budget_line))
        .routes(routes!(list_livelihood_plans, create_livelihood_plan))
        .routes(routes!(get_livelihood_plan, update_livelihood_plan))
        .routes(routes!(get_transition_chart))
        .routes(routes!(budget_bridging_support))
        .routes(routes!(get_indicator_library))
        .routes(routes!(get_results_framework))
        .routes(routes!(create_result))
        .routes(routes!(update_result, delete_result))
        .routes(routes!(create_indicator))
        .routes(routes!(update_indicator, delete_indicator))
        .routes(routes!(put_targets))
}

/// The language of an answer: `?lang=` when given, else `Accept-Language`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct LangQuery {
    /// `en` or `es`; default from `Accept-Language`.
    lang: Option<String>,
}

impl LangQuery {
    fn locale(&self, headers: &HeaderMap) -> Locale {
        self.lang
            .as_deref()
            .and_then(Locale::from_code)
            .unwrap_or_else(|| locale_from_headers(headers))
    }
}

fn svg(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        body,
    )
        .into_response()
}

fn chart_failed(error: shared::charts::ChartError) -> ApiError {
    tracing::error!(%error, "chart");
    ApiError(AppError::Internal)
}

// ------------------------------------------------------------------ baselines

/// The project's illicit-crop baseline figures: newest year first. A community's figures are
/// listed only to those who may see the community.
#[utoipa::path(get, path = "/api/v1/projects/{id}/baselines", tag = "baselines",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The figures", body = [Baseline]),
        (status = 403, description = "Not the caller's project", body = ErrorBody),
        (status = 404, description = "No such project", body = ErrorBody)))]
async fn list_baselines(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<Baseline>>> {
    Ok(Json(
        state
            .services
            .list_baselines(&caller, parse_id(&id)?)
            .await?,
    ))
}

/// Stores one baseline figure, or replaces the figure stored for the same place, crop, year and
/// source.
#[utoipa::path(post, path = "/api/v1/projects/{id}/baselines", tag = "baselines",
    params(("id" = i64, Path, description = "Project id")),
    request_body = BaselineForm,
    responses(
        (status = 201, description = "Stored", body = Baseline),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn create_baseline(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<BaselineForm>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let figure = state.services.save_baseline(&caller, id, form).await?;
    Ok(created(
        format!("/api/v1/projects/{id}/baselines/{}", figure.id),
        figure,
    ))
}

/// Deletes one baseline figure.
#[utoipa::path(delete, path = "/api/v1/projects/{id}/baselines/{baseline_id}", tag = "baselines",
    params(("id" = i64, Path, description = "Project id"),
           ("baseline_id" = i64, Path, description = "Figure id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such figure in this project", body = ErrorBody)))]
async fn delete_baseline(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, baseline_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    state
        .services
        .delete_baseline(&caller, parse_id(&id)?, parse_id(&baseline_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reads a baseline table as governments and UNODC publish them (a column per year or a row
/// per year; either thousands separator; `-` for zero) and answers what it holds: every figure
/// with the community it matches and the figure it would replace, every line that cannot be
/// read with its reason, and the table's own totals against its rows. With `"commit": true`
/// the figures are stored (all in one transaction) and the same answer says so.
#[utoipa::path(post, path = "/api/v1/projects/{id}/baselines/import", tag = "baselines",
    params(("id" = i64, Path, description = "Project id"), LangQuery),
    request_body = BaselineImportForm,
    responses(
        (status = 200, description = "The preview (or what was stored)", body = ImportPreview),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 422, description = "The settings are not valid, or the table cannot be read at all", body = ErrorBody)))]
async fn import_baselines(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(lang): Query<LangQuery>,
    headers: HeaderMap,
    ApiJson(form): ApiJson<BaselineImportForm>,
) -> ApiResult<Json<ImportPreview>> {
    Ok(Json(
        state
            .services
            .import_baselines(&caller, parse_id(&id)?, form, lang.locale(&headers))
            .await?,
    ))
}

// ------------------------------------------------------------------ safeguards

/// The project's safeguards (free, prior and informed consent; traditional licit uses; human
/// rights; environmental protection; sequencing of support and eradication) and the warnings
/// its plan raises, in the reader's language.
#[utoipa::path(get, path = "/api/v1/projects/{id}/safeguards", tag = "safeguards",
    params(("id" = i64, Path, description = "Project id"), LangQuery),
    responses(
        (status = 200, description = "Safeguards and warnings", body = SafeguardsView),
        (status = 403, description = "Not the caller's project", body = ErrorBody)))]
async fn get_safeguards(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(lang): Query<LangQuery>,
    headers: HeaderMap,
) -> ApiResult<Json<SafeguardsView>> {
    let locale = lang.locale(&headers);
    let (safeguards, warnings) = state
        .services
        .project_safeguards(&caller, parse_id(&id)?)
        .await?;
    Ok(Json(SafeguardsView {
        safeguards,
        warnings: warnings
            .iter()
            .map(|w| WarningView::of(w, locale))
            .collect(),
    }))
}

/// Records one safeguard's status and evidence (`kind`: `fpic`, `traditional_uses`,
/// `human_rights`, `environment`, `sequencing`).
#[utoipa::path(put, path = "/api/v1/projects/{id}/safeguards/{kind}", tag = "safeguards",
    params(("id" = i64, Path, description = "Project id"),
           ("kind" = String, Path, description = "The safeguard")),
    request_body = SafeguardForm,
    responses(
        (status = 200, description = "Recorded", body = Safeguard),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such project or safeguard", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn put_safeguard(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, kind)): Path<(String, String)>,
    ApiJson(form): ApiJson<SafeguardForm>,
) -> ApiResult<Json<Safeguard>> {
    let kind = SafeguardKind::from_code(&kind).ok_or(ApiError(AppError::NotFound))?;
    Ok(Json(
        state
            .services
            .set_safeguard(&caller, parse_id(&id)?, kind, form)
            .await?,
    ))
}

// ------------------------------------------------------------------ timeline

/// The project's components with their activities, its milestones and its budget lines.
#[utoipa::path(get, path = "/api/v1/projects/{id}/timeline", tag = "timeline",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The timeline", body = Timeline),
        (status = 403, description = "Not the caller's project", body = ErrorBody)))]
async fn get_timeline(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Timeline>> {
    Ok(Json(
        state
            .services
            .project_timeline(&caller, parse_id(&id)?)
            .await?,
    ))
}

/// The project's timeline (Gantt) chart as SVG: activities by component, coloured by status,
/// milestones and today.
#[utoipa::path(get, path = "/api/v1/projects/{id}/charts/timeline.svg", tag = "timeline",
    params(("id" = i64, Path, description = "Project id"), LangQuery),
    responses(
        (status = 200, description = "An SVG document", content_type = "image/svg+xml", body = String),
        (status = 403, description = "Not the caller's project", body = ErrorBody)))]
async fn get_timeline_chart(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(lang): Query<LangQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let project = state.services.get_project(&caller, id).await?;
    let timeline = state.services.project_timeline(&caller, id).await?;
    let today = services::today();
    let chart = shared::gantt::timeline_svg(
        &timeline,
        ProjectSpan::from(&project),
        Some(today),
        lang.locale(&headers),
    )
    .map_err(chart_failed)?;
    Ok(svg(chart))
}

/// Adds a component (rural development and infrastructure, livelihoods and value chains, market
/// access, social inclusion and protection, environment, institutions and rule of law).
#[utoipa::path(post, path = "/api/v1/projects/{id}/components", tag = "timeline",
    params(("id" = i64, Path, description = "Project id")),
    request_body = ComponentForm,
    responses(
        (status = 201, description = "Created", body = Component),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn create_component(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ComponentForm>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let made = state
        .services
        .save_component(&caller, id, None, form)
        .await?;
    Ok(created(
        format!("/api/v1/projects/{id}/components/{}", made.id),
        made,
    ))
}

/// Changes a component.
#[utoipa::path(put, path = "/api/v1/projects/{id}/components/{component_id}", tag = "timeline",
    params(("id" = i64, Path, description = "Project id"),
           ("component_id" = i64, Path, description = "Component id")),
    request_body = ComponentForm,
    responses(
        (status = 200, description = "Changed", body = Component),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such component in this project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn update_component(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
    ApiJson(form): ApiJson<ComponentForm>,
) -> ApiResult<Json<Component>> {
    Ok(Json(
        state
            .services
            .save_component(&caller, parse_id(&id)?, Some(parse_id(&item)?), form)
            .await?,
    ))
}

/// Deletes a component with its activities (its milestones and budget lines stay, under no
/// component).
#[utoipa::path(delete, path = "/api/v1/projects/{id}/components/{component_id}", tag = "timeline",
    params(("id" = i64, Path, description = "Project id"),
           ("component_id" = i64, Path, description = "Component id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such component in this project", body = ErrorBody)))]
async fn delete_component(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    state
        .services
        .delete_component(&caller, parse_id(&id)?, parse_id(&item)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds an activity to one of the project's components: dates within the project's period,
/// the responsible partner, an optional budget line, a status.
#[utoipa::path(post, path = "/api/v1/projects/{id}/activities", tag = "timeline",
    params(("id" = i64, Path, description = "Project id")),
    request_body = ActivityForm,
    responses(
        (status = 201, description = "Created", body = Activity),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn create_activity(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ActivityForm>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let made = state
        .services
        .save_activity(&caller, id, None, form)
        .await?;
    Ok(created(
        format!("/api/v1/projects/{id}/activities/{}", made.id),
        made,
    ))
}

/// Changes an activity.
#[utoipa::path(put, path = "/api/v1/projects/{id}/activities/{activity_id}", tag = "timeline",
    params(("id" = i64, Path, description = "Project id"),
           ("activity_id" = i64, Path, description = "Activity id")),
    request_body = ActivityForm,
    responses(
        (status = 200, description = "Changed", body = Activity),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such activity in this project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn update_activity(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
    ApiJson(form): ApiJson<ActivityForm>,
) -> ApiResult<Json<Activity>> {
    Ok(Json(
        state
            .services
            .save_activity(&caller, parse_id(&id)?, Some(parse_id(&item)?), form)
            .await?,
    ))
}

/// Deletes an activity.
#[utoipa::path(delete, path = "/api/v1/projects/{id}/activities/{activity_id}", tag = "timeline",
    params(("id" = i64, Path, description = "Project id"),
           ("activity_id" = i64, Path, description = "Activity id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such activity in this project", body = ErrorBody)))]
async fn delete_activity(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    state
        .services
        .delete_activity(&caller, parse_id(&id)?, parse_id(&item)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a milestone.
#[utoipa::path(post, path = "/api/v1/projects/{id}/milestones", tag = "timeline",
    params(("id" = i64, Path, description = "Project id")),
    request_body = MilestoneForm,
    responses(
        (status = 201, description = "Created", body = Milestone),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn create_milestone(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<MilestoneForm>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let made = state
        .services
        .save_milestone(&caller, id, None, form)
        .await?;
    Ok(created(
        format!("/api/v1/projects/{id}/milestones/{}", made.id),
        made,
    ))
}

/// Changes a milestone (mark it reached, say).
#[utoipa::path(put, path = "/api/v1/projects/{id}/milestones/{milestone_id}", tag = "timeline",
    params(("id" = i64, Path, description = "Project id"),
           ("milestone_id" = i64, Path, description = "Milestone id")),
    request_body = MilestoneForm,
    responses(
        (status = 200, description = "Changed", body = Milestone),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such milestone in this project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn update_milestone(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
    ApiJson(form): ApiJson<MilestoneForm>,
) -> ApiResult<Json<Milestone>> {
    Ok(Json(
        state
            .services
            .save_milestone(&caller, parse_id(&id)?, Some(parse_id(&item)?), form)
            .await?,
    ))
}

/// Deletes a milestone.
#[utoipa::path(delete, path = "/api/v1/projects/{id}/milestones/{milestone_id}", tag = "timeline",
    params(("id" = i64, Path, description = "Project id"),
           ("milestone_id" = i64, Path, description = "Milestone id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such milestone in this project", body = ErrorBody)))]
async fn delete_milestone(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    state
        .services
        .delete_milestone(&caller, parse_id(&id)?, parse_id(&item)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a budget line in the project's currency (code, description, component, year, amount).
#[utoipa::path(post, path = "/api/v1/projects/{id}/budget-lines", tag = "timeline",
    params(("id" = i64, Path, description = "Project id")),
    request_body = BudgetLineForm,
    responses(
        (status = 201, description = "Created", body = BudgetLine),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn create_budget_line(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<BudgetLineForm>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let made = state
        .services
        .save_budget_line(&caller, id, None, form)
        .await?;
    Ok(created(
        format!("/api/v1/projects/{id}/budget-lines/{}", made.id),
        made,
    ))
}

/// Changes a budget line.
#[utoipa::path(put, path = "/api/v1/projects/{id}/budget-lines/{line_id}", tag = "timeline",
    params(("id" = i64, Path, description = "Project id"),
           ("line_id" = i64, Path, description = "Budget line id")),
    request_body = BudgetLineForm,
    responses(
        (status = 200, description = "Changed", body = BudgetLine),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such budget line in this project", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn update_budget_line(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
    ApiJson(form): ApiJson<BudgetLineForm>,
) -> ApiResult<Json<BudgetLine>> {
    Ok(Json(
        state
            .services
            .save_budget_line(&caller, parse_id(&id)?, Some(parse_id(&item)?), form)
            .await?,
    ))
}

/// Deletes a budget line (activities that named it keep no line).
#[utoipa::path(delete, path = "/api/v1/projects/{id}/budget-lines/{line_id}", tag = "timeline",
    params(("id" = i64, Path, description = "Project id"),
           ("line_id" = i64, Path, description = "Budget line id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 404, description = "No such budget line in this project", body = ErrorBody)))]
async fn delete_budget_line(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, item)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    state
        .services
        .delete_budget_line(&caller, parse_id(&id)?, parse_id(&item)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ------------------------------------------------------------------ livelihood plans

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

// ------------------------------------------------------------------ results framework

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
