//! What a server function gets from the request it runs in: Sembrar's [`Services`] (provided by
//! the server as Leptos context) and the [`Caller`]. Server functions call the services directly;
//! every operation checks the caller's rights itself.

use crate::error::AppError;
use services::Services;
use shared::auth::Caller;

/// The services provided to this request.
pub fn use_services() -> Result<Services, AppError> {
    leptos::prelude::use_context::<Services>().ok_or_else(|| {
        leptos::logging::error!("no services in context");
        AppError::Internal
    })
}

/// Who is making this request: the server's authentication layer puts the [`Caller`] in the
/// request's extensions; anonymous when there is none.
pub fn use_caller() -> Caller {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Caller>().cloned())
        .unwrap_or_default()
}

/// The services and the caller, for a server function.
pub fn services_and_caller() -> Result<(Services, Caller), AppError> {
    Ok((use_services()?, use_caller()))
}

/// Answers a server function's result as an [`AppError`] (the one mapping of the services'
/// errors), with the error's HTTP status on the response (server functions otherwise answer
/// every error with 500).
pub fn answer<T, E: Into<AppError>>(result: Result<T, E>) -> Result<T, AppError> {
    let result = result.map_err(Into::into);
    if let Err(error) = &result
        && let (Some(options), Ok(status)) = (
            leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
            http::StatusCode::from_u16(error.status()),
        )
    {
        options.set_status(status);
    }
    result
}
