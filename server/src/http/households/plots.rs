//! The REST API of households' plots. Handlers are thin: they call the same operations as the
//! pages, which check the caller's rights on the plot's household and answer exact places only
//! to callers who may see personal data.

use crate::http::AppState;
use crate::http::api::{created, parse_id};
use crate::http::error::ApiResult;
use crate::http::extract::ApiJson;
use axum::Json;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use shared::auth::Caller;
use shared::error::ErrorBody;
use shared::plot::{Plot, PlotForm, PlotUseForm, PlotView};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_household_plots, add_plot))
        .routes(routes!(list_project_plots))
        .routes(routes!(get_plot, update_plot))
        .routes(routes!(record_plot_use))
        .routes(routes!(delete_plot_use))
}

/// A household's plots with what was recorded on their latest day. `location` (boundary and
/// point) is present only for callers who may see personal data in the household's community.
#[utoipa::path(get, path = "/api/v1/households/{id}/plots", tag = "plots",
    params(("id" = i64, Path, description = "Household id")),
    responses(
        (status = 200, description = "The plots, by name", body = Vec<Plot>),
        (status = 403, description = "The caller may not see this household", body = ErrorBody),
        (status = 404, description = "No such household", body = ErrorBody)))]
async fn list_household_plots(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<Plot>>> {
    let view = state.services.household(&caller, parse_id(&id)?).await?;
    Ok(Json(view.plots))
}

/// Adds a plot to a household: a name, the declared area in hectares, and either a boundary
/// (GeoJSON Polygon or MultiPolygon, or KML, measured on the WGS84 ellipsoid) or a GPS point.
#[utoipa::path(post, path = "/api/v1/households/{id}/plots", tag = "plots",
    params(("id" = i64, Path, description = "Household id")),
    request_body = PlotForm,
    responses(
        (status = 201, description = "Added", body = Plot),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not change this household", body = ErrorBody),
        (status = 404, description = "No such household", body = ErrorBody),
        (status = 422, description = "Some fields are not valid (a boundary that is not a valid polygon, both a boundary and a point, a name the household already uses, a withdrawn household); nothing was stored", body = ErrorBody)))]
async fn add_plot(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<PlotForm>,
) -> ApiResult<Response> {
    let plot = state
        .services
        .add_plot(&caller, parse_id(&id)?, form)
        .await?;
    Ok(created(format!("/api/v1/plots/{}", plot.id), plot))
}

/// The plots of a project's households that the caller may see (a field monitor: those of its
/// communities; donor viewers: none), with places only where the caller may see personal data.
#[utoipa::path(get, path = "/api/v1/projects/{id}/plots", tag = "plots",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The plots", body = Vec<Plot>),
        (status = 404, description = "No such project", body = ErrorBody)))]
async fn list_project_plots(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<Plot>>> {
    Ok(Json(
        state
            .services
            .project_plots(&caller, parse_id(&id)?)
            .await?,
    ))
}

/// One plot with every record of what grew on it and its illicit and licit hectares per day.
#[utoipa::path(get, path = "/api/v1/plots/{id}", tag = "plots",
    params(("id" = i64, Path, description = "Plot id")),
    responses(
        (status = 200, description = "The plot", body = PlotView),
        (status = 403, description = "The caller may not see this plot's household", body = ErrorBody),
        (status = 404, description = "No such plot", body = ErrorBody)))]
async fn get_plot(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<PlotView>> {
    Ok(Json(state.services.plot(&caller, parse_id(&id)?).await?))
}

/// Changes a plot: the same fields as adding it, all of them. The place changes only for
/// callers who may see it; for others it stays as stored.
#[utoipa::path(put, path = "/api/v1/plots/{id}", tag = "plots",
    params(("id" = i64, Path, description = "Plot id")),
    request_body = PlotForm,
    responses(
        (status = 200, description = "The plot as stored", body = Plot),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not change this plot", body = ErrorBody),
        (status = 404, description = "No such plot", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn update_plot(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<PlotForm>,
) -> ApiResult<Json<Plot>> {
    Ok(Json(
        state
            .services
            .update_plot(&caller, parse_id(&id)?, form)
            .await?,
    ))
}

/// Records what grew on a plot on a day: a crop (illicit or licit), its hectares and who says
/// so. The crops of one day fit the plot's area (measured when it has a boundary, declared
/// otherwise) with 5% to spare; a new figure for the same crop on the same day replaces the old.
#[utoipa::path(post, path = "/api/v1/plots/{id}/uses", tag = "plots",
    params(("id" = i64, Path, description = "Plot id")),
    request_body = PlotUseForm,
    responses(
        (status = 200, description = "The plot with its records", body = PlotView),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not record on this plot", body = ErrorBody),
        (status = 404, description = "No such plot", body = ErrorBody),
        (status = 422, description = "Some fields are not valid (a day in the future, an unknown crop, more hectares than the plot has left that day); nothing was stored", body = ErrorBody)))]
async fn record_plot_use(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<PlotUseForm>,
) -> ApiResult<Json<PlotView>> {
    Ok(Json(
        state
            .services
            .record_plot_use(&caller, parse_id(&id)?, form)
            .await?,
    ))
}

/// Deletes a record made in error (the audit trail keeps what it said).
#[utoipa::path(delete, path = "/api/v1/plots/{id}/uses/{use_id}", tag = "plots",
    params(("id" = i64, Path, description = "Plot id"),
           ("use_id" = i64, Path, description = "Record id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "The caller may not change this plot", body = ErrorBody),
        (status = 404, description = "No such record on this plot", body = ErrorBody)))]
async fn delete_plot_use(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, record)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    state
        .services
        .delete_plot_use(&caller, parse_id(&id)?, parse_id(&record)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
