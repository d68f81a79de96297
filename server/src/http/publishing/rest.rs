//! Publishing over the REST API: the organisation's publishing settings and a program's IATI
//! 2.03 file; and the settings form's plain post (a 303 to the page on success, the page again
//! with the typed values and each problem otherwise).

use crate::http::AppState;
use crate::http::api::parse_id;
use crate::http::error::ApiResult;
use crate::http::extract::ApiJson;
use crate::http::forms::Posted;
use crate::http::forms::saved_or_again;
use app::i18n::locale_from_headers;
use axum::Json;
use axum::extract::{Extension, Path, Query, Request, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use shared::auth::Caller;
use shared::error::ErrorBody;
use shared::iati::{IatiImportOptions, IatiImportReport, IatiPreview};
use shared::organisation::{Organisation, OrganisationForm};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of the REST API.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_organisation, update_organisation))
        .routes(routes!(iati_preview))
        .routes(routes!(iati_file))
        .routes(routes!(iati_import))
}

/// The plain form posts.
pub fn add_routes(router: axum::Router<AppState>) -> axum::Router<AppState> {
    router
        .route("/organisation", axum::routing::post(post_organisation))
        .route(
            "/programs/{id}/iati-import",
            axum::routing::post(post_iati_import),
        )
}

/// The caller's organisation and its publishing settings (`can_edit`: whether the caller may
/// change them).
#[utoipa::path(get, path = "/api/v1/organisation", tag = "publishing",
    responses(
        (status = 200, description = "The organisation", body = Organisation),
        (status = 401, description = "Nobody is signed in", body = ErrorBody)))]
async fn get_organisation(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<Organisation>> {
    Ok(Json(state.services.organisation(&caller).await?))
}

/// Changes the organisation's publishing settings: its IATI organisation identifier (the
/// reporting organisation of its IATI files, and the start of its activities' identifiers)
/// and its IATI organisation type. Needs `manage_users` on the organisation (administrators).
#[utoipa::path(put, path = "/api/v1/organisation", tag = "publishing",
    request_body = OrganisationForm,
    responses(
        (status = 200, description = "Changed", body = Organisation),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not change the organisation's settings", body = ErrorBody),
        (status = 422, description = "An identifier not shaped like the registry's, or an unknown type; nothing was changed", body = ErrorBody)))]
async fn update_organisation(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiJson(form): ApiJson<OrganisationForm>,
) -> ApiResult<Json<Organisation>> {
    Ok(Json(
        state.services.update_organisation(&caller, form).await?,
    ))
}

/// What a program's IATI file will hold: one activity per project the caller may publish
/// (`publish_reports`), and notes on what is left out (budget lines without a year, results
/// without indicators, values withheld to protect participants, donors without identifiers).
#[utoipa::path(get, path = "/api/v1/programs/{id}/iati", tag = "publishing",
    params(("id" = i64, Path, description = "Program id")),
    responses(
        (status = 200, description = "The preview", body = IatiPreview),
        (status = 403, description = "The caller may publish none of the program's projects", body = ErrorBody),
        (status = 404, description = "No such program", body = ErrorBody)))]
async fn iati_preview(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<IatiPreview>> {
    Ok(Json(
        state.services.iati_preview(&caller, parse_id(&id)?).await?,
    ))
}

/// The file's language.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct LangQuery {
    /// `en` or `es`; default from `Accept-Language`.
    lang: Option<String>,
}

/// A program's IATI 2.03 activity file: per project its participating organisations (donors
/// funding, the organisation implementing), status, dates, country, locations aggregated to
/// municipalities (never a household's or plot's point), DAC sectors 31165 and 43050 split by
/// the budget's components, budgets by year, transactions and results with targets and
/// approved actuals disaggregated by sex and age (counts of fewer than 5 people withheld). It
/// validates against the official schema `iati-activities-schema.xsd`.
#[utoipa::path(get, path = "/api/v1/programs/{id}/iati.xml", tag = "publishing",
    params(("id" = i64, Path, description = "Program id"), LangQuery),
    responses(
        (status = 200, description = "An IATI 2.03 activities file", content_type = "application/xml", body = String),
        (status = 403, description = "The caller may publish none of the program's projects", body = ErrorBody),
        (status = 404, description = "No such program", body = ErrorBody),
        (status = 422, description = "The organisation has no IATI identifier yet (`iati_identifier`)", body = ErrorBody)))]
async fn iati_file(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let locale = crate::http::api::locale_of(query.lang.as_deref(), &headers);
    let xml = state.services.iati_file(&caller, id, locale).await?;
    Ok(crate::http::api::attachment(
        "application/xml; charset=utf-8",
        &format!("iati-program-{id}.xml"),
        xml,
    ))
}

/// `POST /organisation`: changes the publishing settings.
pub async fn post_organisation(State(state): State<AppState>, request: Request) -> Response {
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let form = OrganisationForm::from_pairs(posted.fields());
    let back = posted
        .fields()
        .find(|(k, _)| *k == "return_to")
        .and_then(|(_, v)| shared::redirect::same_site_path(v))
        .unwrap_or("/organisation")
        .to_owned();
    // On an error the page comes again with the same way back.
    let page = if back == "/organisation" {
        back.clone()
    } else {
        format!(
            "/organisation?return_to={}",
            form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>()
        )
    };
    let result = state
        .services
        .update_organisation(&posted.caller, form.clone())
        .await
        .map(|_| back);
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// The language of the reasons.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ImportLang {
    /// `en` or `es`; default from `Accept-Language`.
    lang: Option<String>,
}

/// Imports an IATI 2.0x activities file (the request's body) into a program: each activity
/// creates a project or updates the one imported from it before (matched by its IATI
/// identifier); its funding organisations become donors (matched by identifier or name); its
/// budgets budget lines in the project's currency; its transactions (types 1, 2/11, 3, 4)
/// transactions, commitments and incoming funds under an agreement of their donor; its results
/// and indicators the results framework with targets per reporting period and the actuals as
/// published (stored approved, with a comment). What could not be mapped is listed with its
/// line and reason; a second import of the same file stores nothing twice. New projects
/// address `illicit_crop` and start their plan with `planned_crop` on `planned_hectares`
/// (what IATI files do not say). Needs `create_project` in the program.
#[utoipa::path(post, path = "/api/v1/programs/{id}/iati-import", tag = "publishing",
    params(("id" = i64, Path, description = "Program id"), IatiImportOptions, ImportLang),
    request_body(content = String, description = "An IATI activities file", content_type = "application/xml"),
    responses(
        (status = 200, description = "What was imported and what could not be mapped", body = IatiImportReport),
        (status = 403, description = "The caller may not create projects in the program", body = ErrorBody),
        (status = 404, description = "No such program", body = ErrorBody),
        (status = 422, description = "Not an IATI activities file (`file`), an unknown crop (`illicit_crop`, `planned_crop`) or hectares that are not a positive number (`planned_hectares`); nothing was stored", body = ErrorBody)))]
async fn iati_import(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(options): Query<IatiImportOptions>,
    Query(query): Query<ImportLang>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> ApiResult<Json<IatiImportReport>> {
    let locale = crate::http::api::locale_of(query.lang.as_deref(), &headers);
    let xml = crate::http::forms::decode_text(&body);
    Ok(Json(
        state
            .services
            .import_iati(&caller, parse_id(&id)?, &xml, &options, locale)
            .await?,
    ))
}

/// `POST /programs/{id}/iati-import`: an uploaded IATI file (`file`) and the crop its projects
/// address (`illicit_crop`); answers the IATI page with what was imported.
pub async fn post_iati_import(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request,
) -> Response {
    use axum::extract::FromRequest;
    let Ok(program) = raw.parse::<i64>() else {
        return crate::http::forms::plain_error(app::error::AppError::NotFound);
    };
    let caller = crate::http::forms::caller_of(&request);
    let locale = locale_from_headers(request.headers());
    let (parts, body) = request.into_parts();
    let rebuilt = Request::from_parts(parts.clone(), body);
    let result = async {
        let mut multipart = axum::extract::Multipart::from_request(rebuilt, &state)
            .await
            .map_err(|_| app::error::AppError::BadRequest("The form could not be read.".into()))?;
        let mut xml = String::new();
        let mut options = IatiImportOptions::default();
        while let Some(part) = multipart
            .next_field()
            .await
            .map_err(|_| app::error::AppError::TooLarge(crate::http::BODY_LIMIT))?
        {
            let name = part.name().unwrap_or_default().to_owned();
            let bytes = part
                .bytes()
                .await
                .map_err(|_| app::error::AppError::TooLarge(crate::http::BODY_LIMIT))?;
            match name.as_str() {
                "file" => xml = crate::http::forms::decode_text(&bytes),
                "illicit_crop" => options.illicit_crop = crate::http::forms::decode_text(&bytes),
                "planned_crop" => options.planned_crop = crate::http::forms::decode_text(&bytes),
                "planned_hectares" => {
                    options.planned_hectares = crate::http::forms::decode_text(&bytes);
                }
                _ => {}
            }
        }
        state
            .services
            .import_iati(&caller, program, &xml, &options, locale)
            .await
            .map_err(app::error::AppError::from)
    }
    .await;
    let status = match &result {
        Ok(_) => http::StatusCode::OK,
        Err(error) => {
            http::StatusCode::from_u16(error.status()).unwrap_or(http::StatusCode::BAD_REQUEST)
        }
    };
    let page = crate::http::forms::at(parts, &format!("/programs/{program}/iati"));
    crate::http::forms::render_page(&state, page, status, move || {
        match &result {
            Ok(report) => {
                leptos::prelude::provide_context(app::submission::IatiImported(report.clone()));
            }
            Err(error) => {
                leptos::prelude::provide_context(app::submission::ActionFailed(error.clone()))
            }
        }
        leptos::prelude::provide_context(app::submission::PlainFormResponse);
    })
    .await
}
