//! The one error shape of the REST API, shared so that clients (and the tests) can read it.

use crate::i18n::{Locale, Msg};
use crate::validation::FieldError;
use serde::{Deserialize, Serialize};

/// The body of every error response: `{"error": {...}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// What went wrong, for people and for programs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// The HTTP status code, repeated for convenience.
    pub status: u16,
    /// A stable machine-readable code: `validation_failed`, `not_found`, `invalid_json`,
    /// `unavailable`, `internal`.
    pub code: String,
    /// A sentence for people, in the language the client asked for (`Accept-Language`).
    pub message: String,
    /// For `validation_failed`: one entry per invalid field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldErrorBody>,
}

/// One invalid field in an error response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldErrorBody {
    /// The field's path, such as `end_date` or `planned_crops[0].hectares`.
    pub field: String,
    /// A stable code for the problem, such as `required` or `end_not_after_start`.
    pub code: String,
    /// The message shown next to the field in the forms.
    pub message: String,
}

/// The kinds of failure, with the one mapping to an HTTP status, a stable code and a sentence.
/// The app's error type and the services' error type both answer with these, so a failure reads
/// the same wherever it is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Fields are not valid.
    Invalid,
    /// Nobody is signed in.
    Unauthorized,
    /// The caller may not do this.
    Forbidden,
    /// A request not shown to come from this site.
    CrossSite,
    /// Too many requests.
    TooManyRequests,
    /// Nothing there.
    NotFound,
    /// The request could not be read.
    BadRequest,
    /// Wrong HTTP method.
    MethodNotAllowed,
    /// The request is too large.
    TooLarge,
    /// The database cannot be reached.
    Unavailable,
    /// A fault on the server.
    Internal,
    /// The browser could not reach the server.
    Network,
}

impl ErrorKind {
    /// The HTTP status.
    pub fn status(self) -> u16 {
        match self {
            ErrorKind::Invalid => 422,
            ErrorKind::Unauthorized => 401,
            ErrorKind::Forbidden | ErrorKind::CrossSite => 403,
            ErrorKind::TooManyRequests => 429,
            ErrorKind::NotFound => 404,
            ErrorKind::BadRequest => 400,
            ErrorKind::MethodNotAllowed => 405,
            ErrorKind::TooLarge => 413,
            ErrorKind::Unavailable => 503,
            ErrorKind::Internal => 500,
            ErrorKind::Network => 502,
        }
    }

    /// The stable machine-readable code.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Invalid => "validation_failed",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::CrossSite => "cross_site_request",
            ErrorKind::TooManyRequests => "too_many_requests",
            ErrorKind::NotFound => "not_found",
            ErrorKind::BadRequest => "invalid_request",
            ErrorKind::MethodNotAllowed => "method_not_allowed",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Internal => "internal",
            ErrorKind::Network => "network",
        }
    }

    /// The sentence for people, in `locale`; `detail` is added after it (what could not be read).
    pub fn message(self, locale: Locale, detail: Option<&str>) -> String {
        let msg = match self {
            ErrorKind::Invalid => Msg::ErrInvalid,
            ErrorKind::Unauthorized => Msg::ErrUnauthorized,
            ErrorKind::Forbidden => Msg::ErrForbidden,
            ErrorKind::CrossSite => Msg::ErrCsrf,
            ErrorKind::TooManyRequests => Msg::ErrTooManyRequests,
            ErrorKind::NotFound => Msg::ErrNotFound,
            ErrorKind::BadRequest => Msg::ErrBadRequest,
            ErrorKind::MethodNotAllowed => Msg::ErrMethodNotAllowed,
            ErrorKind::TooLarge => Msg::ErrTooLarge,
            ErrorKind::Unavailable => Msg::ErrUnavailable,
            ErrorKind::Internal => Msg::ErrInternal,
            ErrorKind::Network => Msg::ErrNetwork,
        };
        match detail {
            Some(detail) => format!("{} {detail}", locale.t(msg)),
            None => locale.t(msg).to_owned(),
        }
    }
}

impl ErrorBody {
    /// The body for a failure of `kind` told with `message`, with its invalid fields.
    pub fn new(kind: ErrorKind, message: String, fields: &[FieldError], locale: Locale) -> Self {
        ErrorBody {
            error: ErrorDetail {
                status: kind.status(),
                code: kind.code().to_owned(),
                message,
                fields: fields
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
