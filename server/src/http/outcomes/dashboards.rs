//! Dashboards over the REST API: a program's, a project's or a donor's dashboard as JSON for the
//! filters in the query, and each of its charts as SVG or PNG, or its numbers as CSV.

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
use shared::dashboard::{Dashboard, DashboardQuery};
use shared::dashboard_chart::{DashboardChart, chart_csv, chart_svg};
use shared::error::ErrorBody;
use shared::i18n::Locale;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of the REST API.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(program_dashboard))
        .routes(routes!(project_dashboard))
        .routes(routes!(donor_dashboard))
        .routes(routes!(program_dashboard_file))
        .routes(routes!(project_dashboard_file))
        .routes(routes!(donor_dashboard_file))
}

/// The filters and the language.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
struct FilterQuery {
    /// The period's first day (`YYYY-MM-DD`); default: the subject's start.
    from: String,
    /// The period's last day; default: today, or the subject's end if earlier.
    to: String,
    /// Only the communities of this municipality.
    municipality: String,
    /// Only the projects and agreements of this donor (its id; not on a donor's dashboard).
    donor: String,
    /// `en` or `es`; default from `Accept-Language`.
    lang: Option<String>,
}

impl FilterQuery {
    fn filters(&self) -> DashboardQuery {
        DashboardQuery {
            from: self.from.clone(),
            to: self.to.clone(),
            municipality: self.municipality.clone(),
            donor: self.donor.clone(),
        }
    }

    fn locale(&self, headers: &HeaderMap) -> Locale {
        crate::http::api::locale_of(self.lang.as_deref(), headers)
    }
}

#[derive(Clone, Copy)]
enum Whose {
    Program,
    Project,
    Donor,
}

async fn worked_out(
    state: &AppState,
    caller: &Caller,
    whose: Whose,
    id: &str,
    query: &FilterQuery,
    headers: &HeaderMap,
) -> Result<Dashboard, ApiError> {
    let (id, filters, locale) = (parse_id(id)?, query.filters(), query.locale(headers));
    let s = &state.services;
    Ok(match whose {
        Whose::Program => s.program_dashboard(caller, id, &filters, locale).await?,
        Whose::Project => s.project_dashboard(caller, id, &filters, locale).await?,
        Whose::Donor => s.donor_dashboard(caller, id, &filters, locale).await?,
    })
}

/// One chart of a dashboard as a file: `{chart}.svg`, `{chart}.png` or `{chart}.csv`.
fn dashboard_file(d: &Dashboard, file: &str) -> Result<Response, ApiError> {
    let (name, extension) = file.rsplit_once('.').ok_or(ApiError(AppError::NotFound))?;
    let chart = DashboardChart::from_name(d, name).ok_or(ApiError(AppError::NotFound))?;
    let drawn = |what: &str, e: String| {
        tracing::error!(error = %e, chart = name, "dashboard {what}");
        ApiError(AppError::Internal)
    };
    Ok(match extension {
        "svg" => crate::http::api::attachment(
            "image/svg+xml; charset=utf-8",
            file,
            chart_svg(d, chart).map_err(|e| drawn("chart", e.to_string()))?,
        ),
        "png" => {
            let svg = chart_svg(d, chart).map_err(|e| drawn("chart", e.to_string()))?;
            crate::http::api::attachment(
                "image/png",
                file,
                crate::png::from_svg(&svg).map_err(|e| drawn("png", e))?,
            )
        }
        "csv" => crate::http::api::attachment("text/csv; charset=utf-8", file, chart_csv(d, chart)),
        _ => return Err(ApiError(AppError::NotFound)),
    })
}

/// A program's dashboard over the projects whose households the caller may see, for the
/// filters: hectares over time, eradication and replanting, beneficiaries and support by sex and
/// age band, indicators against their targets per period, funding, the income transition
/// planned against observed, and a map by status. Counts under 5 are withheld.
#[utoipa::path(get, path = "/api/v1/programs/{id}/dashboard", tag = "dashboards",
    params(("id" = i64, Path, description = "Program id"), FilterQuery),
    responses(
        (status = 200, description = "The dashboard", body = Dashboard),
        (status = 403, description = "The caller may see none of its projects' households", body = ErrorBody),
        (status = 404, description = "No such program", body = ErrorBody),
        (status = 422, description = "A filter is not valid; each problem names its field", body = ErrorBody)))]
async fn program_dashboard(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(query): Query<FilterQuery>,
    headers: HeaderMap,
) -> ApiResult<Json<Dashboard>> {
    Ok(Json(
        worked_out(&state, &caller, Whose::Program, &id, &query, &headers).await?,
    ))
}

/// A project's dashboard for the filters. Needs `view_households` on the project; plots are on
/// its map only for who may also see personal data.
#[utoipa::path(get, path = "/api/v1/projects/{id}/dashboard", tag = "dashboards",
    params(("id" = i64, Path, description = "Project id"), FilterQuery),
    responses(
        (status = 200, description = "The dashboard", body = Dashboard),
        (status = 403, description = "The caller may not see the project's households", body = ErrorBody),
        (status = 404, description = "No such project", body = ErrorBody),
        (status = 422, description = "A filter is not valid; each problem names its field", body = ErrorBody)))]
async fn project_dashboard(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(query): Query<FilterQuery>,
    headers: HeaderMap,
) -> ApiResult<Json<Dashboard>> {
    Ok(Json(
        worked_out(&state, &caller, Whose::Project, &id, &query, &headers).await?,
    ))
}

/// A donor's dashboard over the projects it funds and its agreements. Needs `view_funding` of
/// the donor: a donor viewer reads its own donor's; no plots are drawn.
#[utoipa::path(get, path = "/api/v1/donors/{id}/dashboard", tag = "dashboards",
    params(("id" = i64, Path, description = "Donor id"), FilterQuery),
    responses(
        (status = 200, description = "The dashboard", body = Dashboard),
        (status = 403, description = "The caller may not read this donor's funding", body = ErrorBody),
        (status = 404, description = "No such donor", body = ErrorBody),
        (status = 422, description = "A filter is not valid; each problem names its field", body = ErrorBody)))]
async fn donor_dashboard(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(query): Query<FilterQuery>,
    headers: HeaderMap,
) -> ApiResult<Json<Dashboard>> {
    Ok(Json(
        worked_out(&state, &caller, Whose::Donor, &id, &query, &headers).await?,
    ))
}

/// A chart of a program's dashboard as SVG or PNG, or its numbers as CSV (a row per figure with
/// its period, unit and currency). Charts: `hectares`, `eradication`, `beneficiaries`,
/// `results`, `income-{currency}`, `funding-{agreement id}`, `map`.
#[utoipa::path(get, path = "/api/v1/programs/{id}/dashboard/{file}", tag = "dashboards",
    params(("id" = i64, Path, description = "Program id"),
        ("file" = String, Path, description = "`{chart}.svg`, `{chart}.png` or `{chart}.csv`"),
        FilterQuery),
    responses(
        (status = 200, description = "An SVG or PNG chart, or a CSV table", content_type = "image/svg+xml", body = String),
        (status = 403, description = "The caller may see none of its projects' households", body = ErrorBody),
        (status = 404, description = "No such program or chart", body = ErrorBody),
        (status = 422, description = "A filter is not valid", body = ErrorBody)))]
async fn program_dashboard_file(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, file)): Path<(String, String)>,
    Query(query): Query<FilterQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let d = worked_out(&state, &caller, Whose::Program, &id, &query, &headers).await?;
    dashboard_file(&d, &file)
}

/// A chart of a project's dashboard as SVG or PNG, or its numbers as CSV.
#[utoipa::path(get, path = "/api/v1/projects/{id}/dashboard/{file}", tag = "dashboards",
    params(("id" = i64, Path, description = "Project id"),
        ("file" = String, Path, description = "`{chart}.svg`, `{chart}.png` or `{chart}.csv`"),
        FilterQuery),
    responses(
        (status = 200, description = "An SVG or PNG chart, or a CSV table", content_type = "image/svg+xml", body = String),
        (status = 403, description = "The caller may not see the project's households", body = ErrorBody),
        (status = 404, description = "No such project or chart", body = ErrorBody),
        (status = 422, description = "A filter is not valid", body = ErrorBody)))]
async fn project_dashboard_file(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, file)): Path<(String, String)>,
    Query(query): Query<FilterQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let d = worked_out(&state, &caller, Whose::Project, &id, &query, &headers).await?;
    dashboard_file(&d, &file)
}

/// A chart of a donor's dashboard as SVG or PNG, or its numbers as CSV.
#[utoipa::path(get, path = "/api/v1/donors/{id}/dashboard/{file}", tag = "dashboards",
    params(("id" = i64, Path, description = "Donor id"),
        ("file" = String, Path, description = "`{chart}.svg`, `{chart}.png` or `{chart}.csv`"),
        FilterQuery),
    responses(
        (status = 200, description = "An SVG or PNG chart, or a CSV table", content_type = "image/svg+xml", body = String),
        (status = 403, description = "The caller may not read this donor's funding", body = ErrorBody),
        (status = 404, description = "No such donor or chart", body = ErrorBody),
        (status = 422, description = "A filter is not valid", body = ErrorBody)))]
async fn donor_dashboard_file(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, file)): Path<(String, String)>,
    Query(query): Query<FilterQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let d = worked_out(&state, &caller, Whose::Donor, &id, &query, &headers).await?;
    dashboard_file(&d, &file)
}
