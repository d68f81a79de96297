//! The JSON REST API under `/api/v1`, described by the OpenAPI document at `/api/openapi.json`.
//! Handlers are thin: they call the same [`Services`](services::Services) as the server
//! functions, so validation and checks are the same for both.

use super::AppState;
use super::error::{ApiError, ApiResult};
use super::extract::ApiJson;
use app::error::AppError;
use app::i18n::locale_from_headers;
use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode, header};
use serde::Deserialize;
use shared::auth::Caller;
use shared::community::{Community, CommunityForm};
use shared::error::ErrorBody;
use shared::i18n::Locale;
use shared::program::{Program, ProgramDetail, ProgramForm};
use shared::project::{Project, ProjectForm, ProjectSummary};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The OpenAPI document's header.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Sembrar API",
        version = "1",
        description = "Plan and monitor alternative development programs. Every error has the \
                       shape `{\"error\": {\"status\", \"code\", \"message\", \"fields\"}}`; \
                       messages follow `Accept-Language` (English or Spanish)."
    ),
    tags(
        (name = "programs", description = "Alternative development programs"),
        (name = "projects", description = "Crop-substitution projects"),
        (name = "communities", description = "Communities where projects work"),
        (name = "donors", description = "Donors funding projects"),
        (name = "funding", description = "Funding agreements, tranches, transactions, funding figures, exchange rates and conversions"),
        (name = "outcomes", description = "Outcomes over time from the field records: hectares on plots, eradication agreements; charts as SVG and numbers as CSV"),
        (name = "reports", description = "Donor reports: summary, results, funding statement, charts, map and narratives; saved, issued, and written as HTML, PDF, XLSX and CSV"),
        (name = "publishing", description = "The organisation's publishing settings and IATI 2.03 files of its programs"),
        (name = "drafts", description = "Project forms saved as typed, to finish later"),
        (name = "baselines", description = "Illicit-crop baselines and their import from published tables"),
        (name = "safeguards", description = "Safeguards of a project and the warnings its plan raises"),
        (name = "timeline", description = "Components, activities, milestones, budget lines and the Gantt chart"),
        (name = "livelihood", description = "Livelihood plans and their income transition"),
        (name = "results", description = "Results framework: goal, outcomes, outputs, indicators and targets"),
        (name = "households", description = "The household registry: pseudonymous households, members by sex and age band, tenure, status"),
        (name = "plots", description = "Households' plots and what grows on them over time, licit and illicit, in hectares; exact places only for roles that may see personal data"),
        (name = "agreements", description = "Voluntary eradication agreements, their verification and replanting, the support delivered to households, and the sequencing check between them"),
        (name = "visits", description = "Monitoring visits to households: GPS position, plots visited, harvest, sales and income; idempotent by the device's entry id")
    ),
    components(schemas(ErrorBody)),
    modifiers(&Security),
    security(("bearer_token" = []), ("session_cookie" = []))
)]
struct ApiDoc;

/// Describes how to authenticate: an API token as a bearer token, or the browser's session
/// cookie (with an `Origin` header, or the `csrf_token` form field, on changes).
struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token made at /api/v1/me/tokens (`smb_...`)."))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                super::auth::SESSION_COOKIE,
            ))),
        );
    }
}

/// Adds the server functions the pages call (`/rpc/...`) to the document, so that everything
/// reachable over HTTP is listed in one place (and walked by the access tests).
pub fn describe_server_functions(openapi: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::HttpMethod;
    use utoipa::openapi::path::OperationBuilder;
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        let http_method = if method == http::Method::GET {
            HttpMethod::Get
        } else {
            HttpMethod::Post
        };
        let public = super::auth::is_public_server_function(path);
        let mut operation = OperationBuilder::new()
            .tag("rpc")
            .summary(Some(format!(
                "Server function {path} (called by the pages)"
            )))
            .response(
                "200",
                utoipa::openapi::Response::new("The function's result"),
            );
        if public {
            operation =
                operation.security(utoipa::openapi::security::SecurityRequirement::default());
        }
        openapi
            .paths
            .add_path_operation(path, vec![http_method], operation.build());
    }
}

/// The API's routes with their OpenAPI description.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(list_programs, create_program))
        .routes(routes!(get_program))
        .routes(routes!(list_projects, create_project))
        .routes(routes!(get_project))
        .routes(routes!(get_project_chart))
        .routes(routes!(list_communities, create_community))
        .routes(routes!(get_community))
        .routes(routes!(get_project_area, put_project_area))
        .routes(routes!(import_communities))
        .merge(crate::http::programs::projects::router())
        .merge(crate::http::planning::rest::router())
        .merge(crate::http::households::rest::router())
        .merge(crate::http::households::plots::router())
        .merge(crate::http::households::agreements::router())
        .merge(crate::http::households::visits::router())
        .merge(crate::http::households::field_sync::router())
        .merge(crate::http::planning::actuals::router())
        .merge(crate::http::households::imports::router())
        .merge(crate::http::funding::rates::router())
        .merge(crate::http::funding::records::router())
        .merge(crate::http::funding::files::router())
        .merge(crate::http::publishing::rest::router())
        .merge(crate::http::outcomes::series::router())
        .merge(crate::http::outcomes::donor_reports::router())
        .merge(crate::http::outcomes::dashboards::router())
        .merge(crate::http::accounts::rest::router())
}

/// The language a file or chart is asked in: `lang` when it names one, else `Accept-Language`.
pub(crate) fn locale_of(lang: Option<&str>, headers: &HeaderMap) -> Locale {
    lang.and_then(Locale::from_code)
        .unwrap_or_else(|| locale_from_headers(headers))
}

/// A file to download: its content type, the name it is saved under and its text.
pub(crate) fn attachment(
    content_type: &str,
    file_name: &str,
    body: impl axum::response::IntoResponse,
) -> Response {
    file_response("attachment", content_type, file_name, body)
}

/// What a downloaded HTML file may do: show its own inline styles and `data:` images, nothing
/// else — no script, no request to anywhere, no form, no frame — even if a name typed into it
/// were to carry markup past the escaping.
pub(crate) const DOWNLOAD_HTML_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; \
     img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

/// A file the browser shows (a print-ready page), saved under `file_name` when kept. An HTML one
/// carries [`DOWNLOAD_HTML_POLICY`].
pub(crate) fn inline(
    content_type: &str,
    file_name: &str,
    body: impl axum::response::IntoResponse,
) -> Response {
    let mut response = file_response("inline", content_type, file_name, body);
    if content_type.starts_with("text/html") {
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            http::HeaderValue::from_static(DOWNLOAD_HTML_POLICY),
        );
    }
    response
}

fn file_response(
    disposition: &str,
    content_type: &str,
    file_name: &str,
    body: impl axum::response::IntoResponse,
) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

pub(crate) fn parse_id(text: &str) -> Result<i64, ApiError> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(ApiError(AppError::NotFound))
}

pub(crate) fn created<T: serde::Serialize>(location: String, body: T) -> Response {
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(body),
    )
        .into_response()
}

/// Lists every program.
#[utoipa::path(get, path = "/api/v1/programs", tag = "programs",
    responses((status = 200, description = "The programs, by name", body = [Program])))]
async fn list_programs(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<Vec<Program>>> {
    Ok(Json(state.services.list_programs(&caller).await?))
}

/// Creates a program.
#[utoipa::path(post, path = "/api/v1/programs", tag = "programs", request_body = ProgramForm,
    responses(
        (status = 201, description = "Created", body = Program),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn create_program(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiJson(form): ApiJson<ProgramForm>,
) -> ApiResult<Response> {
    let program = state.services.create_program(&caller, form).await?;
    Ok(created(format!("/api/v1/programs/{}", program.id), program))
}

/// One program with its projects.
#[utoipa::path(get, path = "/api/v1/programs/{id}", tag = "programs",
    params(("id" = i64, Path, description = "Program id")),
    responses(
        (status = 200, description = "The program and its projects", body = ProgramDetail),
        (status = 404, description = "No such program", body = ErrorBody)))]
async fn get_program(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<ProgramDetail>> {
    Ok(Json(
        state.services.get_program(&caller, parse_id(&id)?).await?,
    ))
}

/// The projects of a program.
#[utoipa::path(get, path = "/api/v1/programs/{id}/projects", tag = "projects",
    params(("id" = i64, Path, description = "Program id")),
    responses(
        (status = 200, description = "The program's projects, by name", body = [ProjectSummary]),
        (status = 404, description = "No such program", body = ErrorBody)))]
async fn list_projects(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<ProjectSummary>>> {
    Ok(Json(
        state
            .services
            .get_program(&caller, parse_id(&id)?)
            .await?
            .projects,
    ))
}

/// Creates a project in a program.
#[utoipa::path(post, path = "/api/v1/programs/{id}/projects", tag = "projects",
    params(("id" = i64, Path, description = "Program id")),
    request_body = ProjectForm,
    responses(
        (status = 201, description = "Created", body = Project),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 404, description = "No such program", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn create_project(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ProjectForm>,
) -> ApiResult<Response> {
    let project = state
        .services
        .create_project(&caller, parse_id(&id)?, form, None)
        .await?;
    Ok(created(format!("/api/v1/projects/{}", project.id), project))
}

/// One project.
#[utoipa::path(get, path = "/api/v1/projects/{id}", tag = "projects",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The project", body = Project),
        (status = 404, description = "No such project", body = ErrorBody)))]
async fn get_project(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Project>> {
    Ok(Json(
        state.services.get_project(&caller, parse_id(&id)?).await?,
    ))
}

/// The chart's language.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
struct ChartQuery {
    /// `en` or `es`; default from `Accept-Language`.
    lang: Option<String>,
}

/// The project's planned hectares by crop, as an SVG chart.
#[utoipa::path(get, path = "/api/v1/projects/{id}/charts/planned-hectares.svg", tag = "projects",
    params(("id" = i64, Path, description = "Project id"), ChartQuery),
    responses(
        (status = 200, description = "An SVG document", content_type = "image/svg+xml", body = String),
        (status = 404, description = "No such project", body = ErrorBody)))]
async fn get_project_chart(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(query): Query<ChartQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let locale = locale_of(query.lang.as_deref(), &headers);
    let project = state.services.get_project(&caller, parse_id(&id)?).await?;
    let svg =
        shared::charts::planned_hectares_svg(&project.planned_crops, locale).map_err(|e| {
            tracing::error!(project_id = project.id, error = %e, "chart");
            ApiError(AppError::Internal)
        })?;
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        svg,
    )
        .into_response())
}

/// The communities of a project that the caller may see.
#[utoipa::path(get, path = "/api/v1/projects/{id}/communities", tag = "communities",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The communities, by name", body = [Community]),
        (status = 403, description = "Not the caller's project", body = ErrorBody),
        (status = 404, description = "No such project", body = ErrorBody)))]
async fn list_communities(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<Community>>> {
    Ok(Json(
        state
            .services
            .list_communities(&caller, parse_id(&id)?)
            .await?,
    ))
}

/// Adds a community to a project.
#[utoipa::path(post, path = "/api/v1/projects/{id}/communities", tag = "communities",
    params(("id" = i64, Path, description = "Project id")),
    request_body = CommunityForm,
    responses(
        (status = 201, description = "Created", body = Community),
        (status = 403, description = "The caller may not add communities here", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn create_community(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<CommunityForm>,
) -> ApiResult<Response> {
    let community = state
        .services
        .create_community(&caller, parse_id(&id)?, form)
        .await?;
    Ok(created(
        format!("/api/v1/communities/{}", community.id),
        community,
    ))
}

/// One community.
#[utoipa::path(get, path = "/api/v1/communities/{id}", tag = "communities",
    params(("id" = i64, Path, description = "Community id")),
    responses(
        (status = 200, description = "The community", body = Community),
        (status = 403, description = "Not assigned to the caller", body = ErrorBody),
        (status = 404, description = "No such community", body = ErrorBody)))]
async fn get_community(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Community>> {
    Ok(Json(
        state
            .services
            .get_community(&caller, parse_id(&id)?)
            .await?,
    ))
}

/// The project's area (a GeoJSON MultiPolygon) and its geodesic hectares; 404 when none is set.
#[utoipa::path(get, path = "/api/v1/projects/{id}/area", tag = "projects",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The area", body = shared::project::ProjectArea),
        (status = 403, description = "Not the caller's project", body = ErrorBody),
        (status = 404, description = "No such project, or no area yet", body = ErrorBody)))]
async fn get_project_area(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<shared::project::ProjectArea>> {
    state
        .services
        .get_project_area(&caller, parse_id(&id)?)
        .await?
        .map(Json)
        .ok_or(ApiError(AppError::NotFound))
}

/// Sets the project's area from GeoJSON (a Polygon or MultiPolygon geometry, a Feature or a
/// FeatureCollection; `application/json` or `application/geo+json`) or KML
/// (`application/vnd.google-earth.kml+xml`), WGS84 longitude/latitude. Rings must be closed,
/// coordinates in range and boundaries must not cross themselves; every problem is reported
/// with its place.
#[utoipa::path(put, path = "/api/v1/projects/{id}/area", tag = "projects",
    params(("id" = i64, Path, description = "Project id")),
    request_body(content = Object, description = "GeoJSON, or KML with the KML content type"),
    responses(
        (status = 200, description = "The stored area", body = shared::project::ProjectArea),
        (status = 403, description = "The caller may not change this project", body = ErrorBody),
        (status = 422, description = "The geometry is not valid; nothing was stored", body = ErrorBody)))]
async fn put_project_area(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<Json<shared::project::ProjectArea>> {
    let text = geo_text(&headers, body)?;
    Ok(Json(
        state
            .services
            .set_project_area(&caller, parse_id(&id)?, &text)
            .await?,
    ))
}

/// The text of a GeoJSON (`application/json`, `application/geo+json`) or KML
/// (`application/vnd.google-earth.kml+xml`) body.
fn geo_text(
    headers: &HeaderMap,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<String, ApiError> {
    let mime = super::extract::media_type(headers);
    let accepted = mime == "application/json"
        || mime.ends_with("+json")
        || mime.ends_with("kml+xml")
        || mime == "application/xml"
        || mime == "text/xml";
    if !accepted {
        return Err(ApiError(AppError::BadRequest(
            "Send GeoJSON (Content-Type: application/json) or KML \
             (Content-Type: application/vnd.google-earth.kml+xml)."
                .into(),
        )));
    }
    let body = body.map_err(|rejection| {
        if rejection.status() == http::StatusCode::PAYLOAD_TOO_LARGE {
            ApiError(AppError::TooLarge(crate::http::BODY_LIMIT))
        } else {
            ApiError(AppError::BadRequest("The body could not be read.".into()))
        }
    })?;
    String::from_utf8(body.to_vec())
        .map_err(|_| ApiError(AppError::BadRequest("The body is not UTF-8 text.".into())))
}

/// Imports community locations from GeoJSON (Point features) or KML (Placemarks with a Point):
/// a feature named like a community of the project sets its location (and municipality); any
/// other adds a community. Every feature that cannot be used comes back with its number and
/// reason, in the language of `Accept-Language`.
#[utoipa::path(post, path = "/api/v1/projects/{id}/communities/import", tag = "communities",
    params(("id" = i64, Path, description = "Project id")),
    request_body(content = Object, description = "GeoJSON, or KML with the KML content type"),
    responses(
        (status = 200, description = "What the import did", body = shared::community::CommunityImport),
        (status = 403, description = "The caller may not add communities here", body = ErrorBody),
        (status = 422, description = "The file is not GeoJSON or KML at all; nothing was stored", body = ErrorBody)))]
async fn import_communities(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<Json<shared::community::CommunityImport>> {
    let id = parse_id(&id)?;
    let text = geo_text(&headers, body)?;
    Ok(Json(
        state
            .services
            .import_communities(&caller, id, &text, locale_from_headers(&headers))
            .await?,
    ))
}
