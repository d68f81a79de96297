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
use shared::plan_views::{SafeguardsView, WarningView};
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
        .merge(super::livelihood::router())
        .merge(super::results::router())
}

/// The language of an answer: `?lang=` when given, else `Accept-Language`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct LangQuery {
    /// `en` or `es`; default from `Accept-Language`.
    pub(crate) lang: Option<String>,
}

impl LangQuery {
    pub(crate) fn locale(&self, headers: &HeaderMap) -> Locale {
        self.lang
            .as_deref()
            .and_then(Locale::from_code)
            .unwrap_or_else(|| locale_from_headers(headers))
    }
}

pub(crate) fn svg(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        body,
    )
        .into_response()
}

pub(crate) fn chart_failed(error: shared::charts::ChartError) -> ApiError {
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
