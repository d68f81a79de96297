//! The application's error type: what server functions and the REST API return when something
//! goes wrong. It is mapped to an HTTP status and a JSON body in exactly one place
//! ([`AppError::status`], [`AppError::body`]) and never carries internal error text.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use shared::error::{ErrorBody, ErrorDetail, FieldErrorBody};
use shared::i18n::{Locale, Msg};
use shared::validation::FieldError;

/// Something that went wrong, as the user or API client may be told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// One or more fields are not valid; nothing was stored.
    #[error("some fields are not valid")]
    Invalid(Vec<FieldError>),
    /// Nobody is signed in (or the session expired, or the API token is unknown or revoked).
    #[error("not signed in")]
    Unauthorized,
    /// The caller may not do this.
    #[error("forbidden")]
    Forbidden,
    /// A form post or request could not be shown to come from this site.
    #[error("cross-site request refused")]
    CrossSite,
    /// Too many requests in a short time.
    #[error("too many requests")]
    TooManyRequests,
    /// The thing asked for does not exist.
    #[error("not found")]
    NotFound,
    /// The request could not be read (malformed JSON, a wrong type); the text says where.
    #[error("the request could not be read: {0}")]
    BadRequest(String),
    /// The address exists but not for this HTTP method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The request body is larger than the server accepts here: the limit, in bytes.
    #[error("the request is larger than {0} bytes")]
    TooLarge(usize),
    /// The database cannot be reached.
    #[error("the service is unavailable")]
    Unavailable,
    /// A fault on the server; details are in the server's log, never in the response.
    #[error("internal error")]
    Internal,
    /// The browser could not reach the server.
    #[error("the server could not be reached")]
    Network,
}

impl AppError {
    /// The HTTP status for this error: the one mapping used by every route.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) => 422,
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::CrossSite => 403,
            AppError::TooManyRequests => 429,
            AppError::NotFound => 404,
            AppError::BadRequest(_) => 400,
            AppError::MethodNotAllowed => 405,
            AppError::TooLarge(_) => 413,
            AppError::Unavailable => 503,
            AppError::Internal => 500,
            AppError::Network => 502,
        }
    }

    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "validation_failed",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::CrossSite => "cross_site_request",
            AppError::TooManyRequests => "too_many_requests",
            AppError::NotFound => "not_found",
            AppError::BadRequest(_) => "invalid_request",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::TooLarge(_) => "too_large",
            AppError::Unavailable => "unavailable",
            AppError::Internal => "internal",
            AppError::Network => "network",
        }
    }

    /// A sentence for people, in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        let msg = match self {
            AppError::Invalid(_) => Msg::ErrInvalid,
            AppError::Unauthorized => Msg::ErrUnauthorized,
            AppError::Forbidden => Msg::ErrForbidden,
            AppError::CrossSite => Msg::ErrCsrf,
            AppError::TooManyRequests => Msg::ErrTooManyRequests,
            AppError::NotFound => Msg::ErrNotFound,
            AppError::BadRequest(detail) => {
                return format!("{} {detail}", locale.t(Msg::ErrBadRequest));
            }
            AppError::MethodNotAllowed => Msg::ErrMethodNotAllowed,
            AppError::TooLarge(max) => {
                let size = if max % (1024 * 1024) == 0 {
                    format!("{} MiB", max / (1024 * 1024))
                } else {
                    format!("{} KiB", max.div_ceil(1024))
                };
                return locale.t(Msg::ErrTooLarge).replace("{size}", &size);
            }
            AppError::Unavailable => Msg::ErrUnavailable,
            AppError::Internal => Msg::ErrInternal,
            AppError::Network => Msg::ErrNetwork,
        };
        locale.t(msg).to_owned()
    }

    /// The field errors, when the error is about fields.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Invalid(errors) => errors,
            _ => &[],
        }
    }

    /// The JSON body of the REST API's error responses.
    pub fn body(&self, locale: Locale) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                status: self.status(),
                code: self.code().to_owned(),
                message: self.message(locale),
                fields: self
                    .field_errors()
                    .iter()
                    .map(|e| FieldErrorBody {
                        field: e.field.clone(),
                        code: e.problem.code().to_owned(),
                        message: e.problem.message(locale),
                    })
                    .collect(),
            },
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::Deserialization(detail) => {
                AppError::BadRequest(detail)
            }
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            _ => AppError::Internal,
        }
    }
}
