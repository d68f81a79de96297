//! The application's error type: what server functions and the REST API return when something
//! goes wrong. It is mapped to an HTTP status and a JSON body in exactly one place
//! ([`AppError::status`], [`AppError::body`]) and never carries internal error text.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use shared::error::{ErrorBody, ErrorKind};
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
    /// The kind of failure, which gives the HTTP status, the code and the sentence.
    pub fn kind(&self) -> ErrorKind {
        match self {
            AppError::Invalid(_) => ErrorKind::Invalid,
            AppError::Unauthorized => ErrorKind::Unauthorized,
            AppError::Forbidden => ErrorKind::Forbidden,
            AppError::CrossSite => ErrorKind::CrossSite,
            AppError::TooManyRequests => ErrorKind::TooManyRequests,
            AppError::NotFound => ErrorKind::NotFound,
            AppError::BadRequest(_) => ErrorKind::BadRequest,
            AppError::MethodNotAllowed => ErrorKind::MethodNotAllowed,
            AppError::TooLarge(_) => ErrorKind::TooLarge,
            AppError::Unavailable => ErrorKind::Unavailable,
            AppError::Internal => ErrorKind::Internal,
            AppError::Network => ErrorKind::Network,
        }
    }

    /// The HTTP status for this error: the one mapping used by every route.
    pub fn status(&self) -> u16 {
        self.kind().status()
    }

    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// A sentence for people, in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            AppError::BadRequest(detail) => self.kind().message(locale, Some(detail)),
            AppError::TooLarge(max) => {
                let size = if max % (1024 * 1024) == 0 {
                    format!("{} MiB", max / (1024 * 1024))
                } else {
                    format!("{} KiB", max.div_ceil(1024))
                };
                locale.t(Msg::ErrTooLarge).replace("{size}", &size)
            }
            _ => self.kind().message(locale, None),
        }
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
        ErrorBody::new(
            self.kind(),
            self.message(locale),
            self.field_errors(),
            locale,
        )
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

#[cfg(feature = "ssr")]
impl From<services::Error> for AppError {
    fn from(error: services::Error) -> Self {
        match error {
            services::Error::Invalid(fields) => AppError::Invalid(fields),
            services::Error::Unauthorized => AppError::Unauthorized,
            services::Error::Forbidden => AppError::Forbidden,
            services::Error::NotFound => AppError::NotFound,
            services::Error::BadRequest(detail) => AppError::BadRequest(detail),
            services::Error::Unavailable => AppError::Unavailable,
            services::Error::Internal => AppError::Internal,
        }
    }
}
