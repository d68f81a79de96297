//! Imports of monitoring visits from KoboToolbox and ODK exports: the REST API, and the plain
//! form posts of the imports pages (upload: a 303 to the import's page; mapping: a 303 to the
//! import's page, now running; on error the page again saying why, every choice kept).

use crate::http::AppState;
use crate::http::api::{created, parse_id};
use crate::http::error::ApiResult;
use crate::http::extract::ApiJson;
use crate::http::forms::{Posted, caller_of, plain_error};
use crate::http::forms::{done_or_failed, id, saved_or_again};
use app::error::AppError;
use axum::Json;
use axum::extract::{DefaultBodyLimit, Extension, FromRequest, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use services::import_files::UPLOAD_LIMIT;
use shared::auth::Caller;
use shared::error::ErrorBody;
use shared::field_import::{FieldImport, ImportMapping, ProjectImports};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of the REST API.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_imports, upload_import))
        .routes(routes!(get_import))
        .routes(routes!(start_import))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
}

/// The plain form posts.
pub fn add_routes(router: axum::Router<AppState>) -> axum::Router<AppState> {
    use axum::routing::post;
    router
        .route(
            "/projects/{id}/imports",
            post(post_upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/projects/{id}/imports/{import_id}/start", post(post_start))
}

/// The file name of a raw upload.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct UploadQuery {
    /// The file's name (`visitas.xlsx`, `visita.zip`, `visita.csv`) when the body is the file
    /// itself rather than `multipart/form-data`.
    file_name: Option<String>,
}

/// The uploaded files: every `file` part of a `multipart/form-data` body, or the body itself
/// named by `file_name`.
async fn read_files(
    request: Request,
    state: &AppState,
    file_name: Option<String>,
) -> Result<Vec<(String, Vec<u8>)>, AppError> {
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !is_multipart {
        let bytes = axum::body::to_bytes(request.into_body(), UPLOAD_LIMIT)
            .await
            .map_err(|_| AppError::TooLarge(UPLOAD_LIMIT))?;
        return Ok(vec![(
            file_name.unwrap_or_else(|| "upload.csv".to_owned()),
            bytes.to_vec(),
        )]);
    }
    let mut multipart = axum::extract::Multipart::from_request(request, state)
        .await
        .map_err(|_| AppError::BadRequest("The form could not be read.".into()))?;
    let mut files = Vec::new();
    while let Some(part) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::TooLarge(UPLOAD_LIMIT))?
    {
        if part.name() != Some("file") {
            continue;
        }
        let name = part.file_name().unwrap_or("upload.csv").to_owned();
        let bytes = part
            .bytes()
            .await
            .map_err(|_| AppError::TooLarge(UPLOAD_LIMIT))?;
        files.push((name, bytes.to_vec()));
    }
    Ok(files)
}

/// A project's imports of KoboToolbox and ODK exports, newest first (the caller's own, or all
/// of them for who may edit households in the whole project).
#[utoipa::path(get, path = "/api/v1/projects/{id}/imports", tag = "visits",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The imports", body = ProjectImports),
        (status = 403, description = "The caller may not record visits in this project", body = ErrorBody),
        (status = 404, description = "No such project", body = ErrorBody)))]
async fn list_imports(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<ProjectImports>> {
    Ok(Json(
        state
            .services
            .project_imports(&caller, parse_id(&id)?)
            .await?,
    ))
}

/// Uploads a KoboToolbox or ODK export — an XLSX workbook (repeat groups as sheets), a ZIP of
/// CSV files, or CSV files — as `multipart/form-data` parts named `file`, or as the body with
/// `?file_name=`. Answers the sheets read and the mapping offered (the form's remembered one,
/// else one suggested by the headings); nothing is imported until it is started.
#[utoipa::path(post, path = "/api/v1/projects/{id}/imports", tag = "visits",
    params(("id" = i64, Path, description = "Project id"), UploadQuery),
    request_body(content = Vec<u8>, description = "The export", content_type = "application/octet-stream"),
    responses(
        (status = 201, description = "Read; waiting for its mapping", body = FieldImport),
        (status = 403, description = "The caller may not record visits in this project", body = ErrorBody),
        (status = 413, description = "Larger than 25 MiB", body = ErrorBody),
        (status = 422, description = "Not a file that can be read (`file`: unknown_file_format, unreadable_file, empty_file, too_many_rows)", body = ErrorBody)))]
async fn upload_import(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(query): Query<UploadQuery>,
    request: Request,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let locale = app::i18n::locale_from_headers(request.headers());
    let files = read_files(request, &state, query.file_name).await?;
    let import = state
        .services
        .upload_import(&caller, id, files, locale)
        .await?;
    Ok(created(format!("/api/v1/imports/{}", import.id), import))
}

/// An import: where it stands (`mapping`, `running`, `done`, `interrupted`), how far it has
/// gone, what it stored, and every row it could not import with its sheet, line and reason.
#[utoipa::path(get, path = "/api/v1/imports/{id}", tag = "visits",
    params(("id" = i64, Path, description = "Import id")),
    responses(
        (status = 200, description = "The import", body = FieldImport),
        (status = 404, description = "No such import for the caller", body = ErrorBody)))]
async fn get_import(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<FieldImport>> {
    Ok(Json(
        state.services.field_import(&caller, parse_id(&id)?).await?,
    ))
}

/// Starts an import with its column mapping (remembered for the form's next imports). Answers
/// at once (202) while the visits are imported in the background: follow them with
/// `GET /api/v1/imports/{id}`. An interrupted import may be started again; submissions already
/// stored are counted as such, never stored twice.
#[utoipa::path(post, path = "/api/v1/imports/{id}/start", tag = "visits",
    params(("id" = i64, Path, description = "Import id")),
    request_body = ImportMapping,
    responses(
        (status = 202, description = "Started", body = FieldImport),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 404, description = "No such import for the caller", body = ErrorBody),
        (status = 422, description = "The mapping does not fit the export, or the import is running or done", body = ErrorBody)))]
async fn start_import(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: axum::http::HeaderMap,
    ApiJson(mapping): ApiJson<ImportMapping>,
) -> ApiResult<Response> {
    let locale = app::i18n::locale_from_headers(&headers);
    let import = state
        .services
        .start_import(&caller, parse_id(&id)?, mapping, locale)
        .await?;
    Ok((StatusCode::ACCEPTED, Json(import)).into_response())
}

/// `POST /projects/{id}/imports`: uploads an export; on to its page to map the columns.
pub async fn post_upload(
    State(state): State<AppState>,
    Path(project): Path<String>,
    request: Request,
) -> Response {
    let project = match id(&project) {
        Ok(id) => id,
        Err(error) => return plain_error(error),
    };
    let caller = caller_of(&request);
    let (parts, body) = request.into_parts();
    let locale = app::i18n::locale_from_headers(&parts.headers);
    let rebuilt = Request::from_parts(parts.clone(), body);
    let result = match read_files(rebuilt, &state, None).await {
        Ok(files) => state
            .services
            .upload_import(&caller, project, files, locale)
            .await
            .map_err(AppError::from)
            .map(|import| format!("/projects/{project}/imports/{}", import.id)),
        Err(error) => Err(error),
    };
    done_or_failed(
        &state,
        parts,
        result,
        &format!("/projects/{project}/imports"),
    )
    .await
}

/// `POST /projects/{id}/imports/{import_id}/start`: the mapping form; on to the import's page.
pub async fn post_start(
    State(state): State<AppState>,
    Path((project, import)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (project, import) = match (id(&project), id(&import)) {
        (Ok(p), Ok(i)) => (p, i),
        (Err(error), _) | (_, Err(error)) => return plain_error(error),
    };
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let locale = app::i18n::locale_from_headers(&posted.parts.headers);
    let mapping = ImportMapping::from_pairs(posted.fields());
    let page = format!("/projects/{project}/imports/{import}");
    let result = state
        .services
        .start_import(&posted.caller, import, mapping.clone(), locale)
        .await
        .map(|_| page.clone());
    saved_or_again(&state, posted.parts, result, &page, mapping).await
}
