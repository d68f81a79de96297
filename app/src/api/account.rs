//! Server functions about the signed-in user.

use crate::error::AppError;
use leptos::prelude::*;
use shared::auth::Me;

/// The signed-in user, or `None`.
#[server(prefix = "/rpc", endpoint = "get_me")]
pub async fn get_me() -> Result<Option<Me>, AppError> {
    Ok(Me::of(&crate::backend::use_caller()))
}
