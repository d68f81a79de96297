//! The REST API's errors: handlers return [`ApiError`]; one middleware turns it into the one JSON
//! error shape, in the language the client asked for. Internal details never leave the server.

use app::error::AppError;
use app::i18n::locale_from_headers;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::StatusCode;

/// An error answered by a REST handler.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        ApiError(error)
    }
}

impl From<services::Error> for ApiError {
    fn from(error: services::Error) -> Self {
        ApiError(error.into())
    }
}

/// The result of a REST handler.
pub type ApiResult<T> = Result<T, ApiError>;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // The body is written by `render_api_errors`, which knows the request's language.
        let mut response = StatusCode::from_u16(self.0.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response();
        response.extensions_mut().insert(self.0);
        response
    }
}

/// Middleware: writes the JSON body of every [`ApiError`] in the request's language, and gives
/// unknown paths and wrong methods under `/api/` the same JSON shape as every other API error.
pub async fn render_api_errors(request: Request, next: Next) -> Response {
    let locale = locale_from_headers(request.headers());
    let is_api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let error =
        response
            .extensions_mut()
            .remove::<AppError>()
            .or_else(|| match response.status() {
                StatusCode::NOT_FOUND if is_api => Some(AppError::NotFound),
                StatusCode::METHOD_NOT_ALLOWED if is_api => Some(AppError::MethodNotAllowed),
                _ => None,
            });
    match error {
        Some(error) => {
            let status = response.status();
            let allow = response.headers().get(http::header::ALLOW).cloned();
            let mut json = (status, axum::Json(error.body(locale))).into_response();
            if let Some(allow) = allow {
                json.headers_mut().insert(http::header::ALLOW, allow);
            }
            json
        }
        None => response,
    }
}
