//! What an operation answers when it does not succeed. The app and the REST API map it once to
//! their own error type; it never carries internal error text (the cause goes to the log).

use shared::error::{ErrorBody, ErrorKind};
use shared::i18n::Locale;
use shared::validation::FieldError;

/// Why an operation did not succeed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// One or more fields are not valid; nothing was stored.
    #[error("some fields are not valid")]
    Invalid(Vec<FieldError>),
    /// Nobody is signed in (or the session expired, or the API token is unknown or revoked).
    #[error("not signed in")]
    Unauthorized,
    /// The caller may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The thing asked for does not exist (or the caller may not know it does).
    #[error("not found")]
    NotFound,
    /// The request could not be read; the text says where.
    #[error("the request could not be read: {0}")]
    BadRequest(String),
    /// The database cannot be reached.
    #[error("the service is unavailable")]
    Unavailable,
    /// A fault; details are in the server's log.
    #[error("internal error")]
    Internal,
}

/// An operation's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The kind of failure (HTTP status, code and sentence).
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::Unauthorized => ErrorKind::Unauthorized,
            Error::Forbidden => ErrorKind::Forbidden,
            Error::NotFound => ErrorKind::NotFound,
            Error::BadRequest(_) => ErrorKind::BadRequest,
            Error::Unavailable => ErrorKind::Unavailable,
            Error::Internal => ErrorKind::Internal,
        }
    }

    /// The error as the REST API writes it, in `locale`.
    pub fn body(&self, locale: Locale) -> ErrorBody {
        let (detail, fields) = match self {
            Error::BadRequest(detail) => (Some(detail.as_str()), &[][..]),
            Error::Invalid(fields) => (None, fields.as_slice()),
            _ => (None, &[][..]),
        };
        ErrorBody::new(
            self.kind(),
            self.kind().message(locale, detail),
            fields,
            locale,
        )
    }
}

impl From<sqlx::Error> for Error {
    /// A lost connection is [`Error::Unavailable`] (the client may retry), anything else
    /// [`Error::Internal`]; the cause is logged, never told.
    fn from(error: sqlx::Error) -> Self {
        crate::db::db_error(error)
    }
}
