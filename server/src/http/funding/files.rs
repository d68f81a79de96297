//! The funding chart of a project, program or donor as a file: the chart as SVG, or its numbers
//! as CSV, in a chosen currency.

use crate::http::AppState;
use crate::http::api::parse_id;
use crate::http::error::{ApiError, ApiResult};
use app::error::AppError;
use axum::extract::{Extension, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use shared::auth::Caller;
use shared::error::ErrorBody;
use shared::funding::{FundingSubject, funding_csv};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of the REST API.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(project_funding_file))
        .routes(routes!(program_funding_file))
        .routes(routes!(donor_funding_file))
}

/// The file's currency and language.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct FileQuery {
    /// ISO 4217; the subject's own when absent.
    currency: Option<String>,
    /// `en` or `es`; default from `Accept-Language`.
    lang: Option<String>,
}

async fn funding_file(
    state: &AppState,
    caller: &Caller,
    subject: FundingSubject,
    (id, file): (String, String),
    query: FileQuery,
    headers: &HeaderMap,
) -> ApiResult<Response> {
    let locale = crate::http::api::locale_of(query.lang.as_deref(), headers);
    if file != "funding.svg" && file != "funding.csv" {
        return Err(ApiError(AppError::NotFound));
    }
    let overview = state
        .services
        .funding_overview(
            caller,
            subject,
            parse_id(&id)?,
            query.currency.as_deref().unwrap_or_default(),
        )
        .await?;
    let (content_type, body) = if file == "funding.csv" {
        ("text/csv; charset=utf-8", funding_csv(&overview, locale))
    } else {
        let svg = shared::funding_chart::funding_svg(
            &overview.name,
            &overview.over_time,
            overview.figures.as_ref().map(|f| f.budget.amount),
            &overview.currency,
            locale,
        )
        .map_err(|e| {
            tracing::error!(error = %e, "funding chart");
            ApiError(AppError::Internal)
        })?;
        ("image/svg+xml; charset=utf-8", svg)
    };
    Ok(crate::http::api::attachment(content_type, &file, body))
}

/// A project's funding chart as SVG (`funding.svg`) or its numbers as CSV (`funding.csv`): a row
/// per quarter, cumulative committed, disbursed and spent in the currency's minor units, and the
/// spending rate.
#[utoipa::path(get, path = "/api/v1/projects/{id}/funding/{file}", tag = "funding",
    params(("id" = i64, Path, description = "Project id"),
        ("file" = String, Path, description = "`funding.svg` or `funding.csv`"), FileQuery),
    responses(
        (status = 200, description = "An SVG chart or a CSV table", content_type = "image/svg+xml", body = String),
        (status = 403, description = "The caller may not read this project's funding", body = ErrorBody),
        (status = 404, description = "No such project or file", body = ErrorBody),
        (status = 422, description = "An unknown currency", body = ErrorBody)))]
async fn project_funding_file(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(path): Path<(String, String)>,
    Query(query): Query<FileQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    funding_file(
        &state,
        &caller,
        FundingSubject::Project,
        path,
        query,
        &headers,
    )
    .await
}

/// A program's funding chart as SVG or its numbers as CSV.
#[utoipa::path(get, path = "/api/v1/programs/{id}/funding/{file}", tag = "funding",
    params(("id" = i64, Path, description = "Program id"),
        ("file" = String, Path, description = "`funding.svg` or `funding.csv`"), FileQuery),
    responses(
        (status = 200, description = "An SVG chart or a CSV table", content_type = "image/svg+xml", body = String),
        (status = 403, description = "The caller may not read this program's funding", body = ErrorBody),
        (status = 404, description = "No such program or file", body = ErrorBody),
        (status = 422, description = "An unknown currency", body = ErrorBody)))]
async fn program_funding_file(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(path): Path<(String, String)>,
    Query(query): Query<FileQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    funding_file(
        &state,
        &caller,
        FundingSubject::Program,
        path,
        query,
        &headers,
    )
    .await
}

/// A donor's funding chart as SVG or its numbers as CSV.
#[utoipa::path(get, path = "/api/v1/donors/{id}/funding/{file}", tag = "funding",
    params(("id" = i64, Path, description = "Donor id"),
        ("file" = String, Path, description = "`funding.svg` or `funding.csv`"), FileQuery),
    responses(
        (status = 200, description = "An SVG chart or a CSV table", content_type = "image/svg+xml", body = String),
        (status = 403, description = "The caller may not read this donor's funding", body = ErrorBody),
        (status = 404, description = "No such donor or file", body = ErrorBody),
        (status = 422, description = "An unknown currency", body = ErrorBody)))]
async fn donor_funding_file(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(path): Path<(String, String)>,
    Query(query): Query<FileQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    funding_file(
        &state,
        &caller,
        FundingSubject::Donor,
        path,
        query,
        &headers,
    )
    .await
}
