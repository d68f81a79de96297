//! Funding over the REST API and the plain form posts of the exchange rates page: rates
//! imported from the ECB's and the IMF's files or typed by hand, and conversions that name the
//! rate, day and source they used.

use crate::http::AppState;
use crate::http::api::created;
use crate::http::error::ApiResult;
use crate::http::extract::ApiJson;
use crate::http::forms::{Posted, caller_of, decode_text, plain_error, render_page};
use crate::http::forms::{at, saved_or_again};
use app::error::AppError;
use axum::Json;
use axum::extract::{Extension, FromRequest, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::Response;
use leptos::prelude::provide_context;
use serde::Deserialize;
use shared::auth::Caller;
use shared::error::ErrorBody;
use shared::fx::{ConvertForm, Converted, Rate, RateForm, RatesImported, RatesView};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of the REST API.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_rates, add_rate))
        .routes(routes!(import_rates))
        .routes(routes!(convert_amount))
}

/// The plain form posts.
pub fn add_routes(router: axum::Router<AppState>) -> axum::Router<AppState> {
    use axum::routing::post;
    router
        .route("/exchange-rates", post(post_rate))
        .route("/exchange-rates/import", post(post_import))
}

/// Which rates to list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct RatesQuery {
    /// Only rates of this currency (ISO 4217), as base or quote.
    currency: Option<String>,
}

/// The organisation's exchange rates, newest day first (at most 500), and how many there are.
#[utoipa::path(get, path = "/api/v1/exchange-rates", tag = "funding",
    params(RatesQuery),
    responses(
        (status = 200, description = "The rates", body = RatesView),
        (status = 403, description = "The caller may not read the organisation's records", body = ErrorBody)))]
async fn list_rates(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(query): Query<RatesQuery>,
) -> ApiResult<Json<RatesView>> {
    Ok(Json(
        state
            .services
            .exchange_rates(&caller, query.currency.as_deref().unwrap_or_default())
            .await?,
    ))
}

/// Stores a rate typed by hand (`span` `day` or `year`); one of the same pair, day and span
/// typed before is replaced. Needs `manage_funding`.
#[utoipa::path(post, path = "/api/v1/exchange-rates", tag = "funding",
    request_body = RateForm,
    responses(
        (status = 201, description = "Stored", body = Rate),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not keep funding records", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn add_rate(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiJson(form): ApiJson<RateForm>,
) -> ApiResult<Response> {
    let rate = state.services.add_rate(&caller, form).await?;
    Ok(created(
        format!("/api/v1/exchange-rates?currency={}", rate.quote),
        rate,
    ))
}

/// Which file a rates upload is.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ImportQuery {
    /// `ecb` (a reference-rate file, daily or historical) or `imf` (annual averages).
    kind: Option<String>,
}

/// Imports a published rates file, the body as it was downloaded: the ECB's
/// `eurofxref.csv` or `eurofxref-hist.csv` (`?kind=ecb`) or the IMF's annual averages
/// (`?kind=imf`). Importing a file again replaces the rates it stored. Cells that are neither a
/// rate nor marked missing come back with their line. Needs `manage_funding`.
#[utoipa::path(post, path = "/api/v1/exchange-rates/import", tag = "funding",
    params(ImportQuery),
    request_body(content = String, description = "The file", content_type = "text/csv"),
    responses(
        (status = 200, description = "Stored", body = RatesImported),
        (status = 403, description = "The caller may not keep funding records", body = ErrorBody),
        (status = 422, description = "Not a file of that kind (`file`: unknown_table_layout, empty_file) or an unknown `kind`", body = ErrorBody)))]
async fn import_rates(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(query): Query<ImportQuery>,
    body: axum::body::Bytes,
) -> ApiResult<Json<RatesImported>> {
    Ok(Json(
        state
            .services
            .import_rates(
                &caller,
                query.kind.as_deref().unwrap_or_default(),
                &decode_text(&body),
            )
            .await?,
    ))
}

/// Converts an amount at the organisation's rates of a day (a daily rate of that day or the
/// week before, else the annual average of its year; through the euro or the dollar when no
/// rate joins the currencies directly): the exact figure, the figure rounded half to even to
/// the currency's minor units, and the rates, days and sources used. Nothing is stored.
#[utoipa::path(post, path = "/api/v1/exchange-rates/convert", tag = "funding",
    request_body = ConvertForm,
    responses(
        (status = 200, description = "Converted", body = Converted),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not read the organisation's records", body = ErrorBody),
        (status = 422, description = "A field is not valid, or no rate joins the currencies on that day (`no_exchange_rate`)", body = ErrorBody)))]
async fn convert_amount(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiJson(form): ApiJson<ConvertForm>,
) -> ApiResult<Json<Converted>> {
    // Who is not signed in learns nothing, not even which fields are wrong.
    if !caller.is_signed_in() {
        return Err(AppError::Unauthorized.into());
    }
    let (amount, from, to, day) = form.validate().map_err(AppError::Invalid)?;
    Ok(Json(
        state
            .services
            .convert(&caller, amount, &from, &to, day)
            .await?,
    ))
}

/// `POST /exchange-rates`: a rate typed by hand; back to the page, or the form again.
pub async fn post_rate(State(state): State<AppState>, request: Request) -> Response {
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let form = RateForm::from_pairs(posted.fields());
    let result = state
        .services
        .add_rate(&posted.caller, form.clone())
        .await
        .map(|r| format!("/exchange-rates?currency={}#rates", r.quote));
    saved_or_again(&state, posted.parts, result, "/exchange-rates", form).await
}

/// `POST /exchange-rates/import`: a rates file (`multipart/form-data`: `kind`, `file`); the page
/// answers with what was stored and every cell not read.
pub async fn post_import(State(state): State<AppState>, request: Request) -> Response {
    let caller = caller_of(&request);
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !is_multipart {
        return plain_error(AppError::BadRequest(
            "Send the file as a form upload.".into(),
        ));
    }
    let (parts, body) = request.into_parts();
    let rebuilt = Request::from_parts(parts.clone(), body);
    let mut multipart = match axum::extract::Multipart::from_request(rebuilt, &state).await {
        Ok(m) => m,
        Err(_) => return plain_error(AppError::BadRequest("The form could not be read.".into())),
    };
    let (mut kind, mut text) = (String::new(), String::new());
    loop {
        match multipart.next_field().await {
            Ok(Some(part)) => {
                let name = part.name().unwrap_or_default().to_owned();
                let Ok(bytes) = part.bytes().await else {
                    return plain_error(AppError::TooLarge(crate::http::BODY_LIMIT));
                };
                match name.as_str() {
                    "kind" => kind = decode_text(&bytes),
                    "file" => text = decode_text(&bytes),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => return plain_error(AppError::TooLarge(crate::http::BODY_LIMIT)),
        }
    }
    let result = state.services.import_rates(&caller, &kind, &text).await;
    let page = at(parts, "/exchange-rates");
    match result {
        Ok(imported) => {
            render_page(&state, page, StatusCode::OK, move || {
                provide_context(app::submission::Made(imported.clone()));
                provide_context(app::submission::PlainFormResponse);
            })
            .await
        }
        Err(error) => {
            let error = AppError::from(error);
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
            render_page(&state, page, status, move || {
                provide_context(app::submission::ActionFailed(error.clone()));
                provide_context(app::submission::PlainFormResponse);
            })
            .await
        }
    }
}
