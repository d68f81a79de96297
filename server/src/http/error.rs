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

/// Middleware: writes the JSON body of every [`ApiError`] in the request's language.
pub async fn render_api_errors(request: Request, next: Next) -> Response {
    let locale = locale_from_headers(request.headers());
    let mut response = next.run(request).await;
    match response.extensions_mut().remove::<AppError>() {
        Some(error) => {
            let status = response.status();
            (status, axum::Json(error.body(locale))).into_response()
        }
        None => response,
    }
}
