//! Outcomes over time over the REST API: the series of a project or a program as JSON, and
//! each chart as SVG or its numbers as CSV.

use crate::http::AppState;
use crate::http::api::parse_id;
use crate::http::error::{ApiError, ApiResult};
use app::error::AppError;
use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use shared::auth::Caller;
use shared::error::ErrorBody;
use shared::i18n::Locale;
use shared::outcomes::{OutcomeSeries, eradication_csv, hectares_csv};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of the REST API.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(project_outcomes))
        .routes(routes!(program_outcomes))
        .routes(routes!(project_outcome_file))
        .routes(routes!(program_outcome_file))
}

/// The file's language.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct LangQuery {
    /// `en` or `es`; default from `Accept-Language`.
    lang: Option<String>,
}

/// A project's outcomes quarter by quarter, from its start to today: illicit and licit hectares
/// on its plots (each plot as its latest record by the quarter's end), hectares committed in
/// eradication agreements and verified eradicated. Needs `view_households` on the project.
#[utoipa::path(get, path = "/api/v1/projects/{id}/outcomes", tag = "outcomes",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The series", body = OutcomeSeries),
        (status = 403, description = "The caller may not see the project's households", body = ErrorBody),
        (status = 404, description = "No such project", body = ErrorBody)))]
async fn project_outcomes(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<OutcomeSeries>> {
    Ok(Json(
        state
            .services
            .project_outcomes(&caller, parse_id(&id)?)
            .await?,
    ))
}

/// A program's outcomes over the projects whose households the caller may see.
#[utoipa::path(get, path = "/api/v1/programs/{id}/outcomes", tag = "outcomes",
    params(("id" = i64, Path, description = "Program id")),
    responses(
        (status = 200, description = "The series", body = OutcomeSeries),
        (status = 403, description = "The caller may see none of its projects' households", body = ErrorBody),
        (status = 404, description = "No such program", body = ErrorBody)))]
async fn program_outcomes(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<OutcomeSeries>> {
    Ok(Json(
        state
            .services
            .program_outcomes(&caller, parse_id(&id)?)
            .await?,
    ))
}

/// One chart of a series as a file: `hectares.svg`, `hectares.csv`, `eradication.svg` or
/// `eradication.csv`.
fn outcome_file(series: &OutcomeSeries, file: &str, locale: Locale) -> Result<Response, ApiError> {
    let drawn = |svg: Result<String, shared::charts::ChartError>| {
        svg.map_err(|e| {
            tracing::error!(error = %e, "outcome chart");
            ApiError(AppError::Internal)
        })
    };
    let (content_type, body) = match file {
        "hectares.svg" => (
            "image/svg+xml; charset=utf-8",
            drawn(shared::outcome_chart::hectares_svg(
                &series.subject,
                &series.hectares,
                locale,
            ))?,
        ),
        "eradication.svg" => (
            "image/svg+xml; charset=utf-8",
            drawn(shared::outcome_chart::eradication_svg(
                &series.subject,
                &series.eradication,
                locale,
            ))?,
        ),
        "hectares.csv" => (
            "text/csv; charset=utf-8",
            hectares_csv(&series.subject, &series.hectares, locale),
        ),
        "eradication.csv" => (
            "text/csv; charset=utf-8",
            eradication_csv(&series.subject, &series.eradication, locale),
        ),
        _ => return Err(ApiError(AppError::NotFound)),
    };
    Ok(crate::http::api::attachment(content_type, file, body))
}

fn locale_of(query: &LangQuery, headers: &HeaderMap) -> Locale {
    crate::http::api::locale_of(query.lang.as_deref(), headers)
}

/// A chart of a project's outcomes as SVG, or its numbers as CSV (a row per quarter, with the
/// quarter's last day and the unit in the heading).
#[utoipa::path(get, path = "/api/v1/projects/{id}/outcomes/{file}", tag = "outcomes",
    params(("id" = i64, Path, description = "Project id"),
        ("file" = String, Path, description = "`hectares.svg`, `hectares.csv`, `eradication.svg` or `eradication.csv`"),
        LangQuery),
    responses(
        (status = 200, description = "An SVG chart or a CSV table", content_type = "image/svg+xml", body = String),
        (status = 403, description = "The caller may not see the project's households", body = ErrorBody),
        (status = 404, description = "No such project or file", body = ErrorBody)))]
async fn project_outcome_file(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, file)): Path<(String, String)>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let series = state
        .services
        .project_outcomes(&caller, parse_id(&id)?)
        .await?;
    outcome_file(&series, &file, locale_of(&query, &headers))
}

/// A chart of a program's outcomes as SVG, or its numbers as CSV.
#[utoipa::path(get, path = "/api/v1/programs/{id}/outcomes/{file}", tag = "outcomes",
    params(("id" = i64, Path, description = "Program id"),
        ("file" = String, Path, description = "`hectares.svg`, `hectares.csv`, `eradication.svg` or `eradication.csv`"),
        LangQuery),
    responses(
        (status = 200, description = "An SVG chart or a CSV table", content_type = "image/svg+xml", body = String),
        (status = 403, description = "The caller may see none of its projects' households", body = ErrorBody),
        (status = 404, description = "No such program or file", body = ErrorBody)))]
async fn program_outcome_file(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, file)): Path<(String, String)>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let series = state
        .services
        .program_outcomes(&caller, parse_id(&id)?)
        .await?;
    outcome_file(&series, &file, locale_of(&query, &headers))
}
