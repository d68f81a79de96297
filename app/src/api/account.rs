//! Server functions about the signed-in user.

use crate::error::AppError;
use leptos::prelude::*;
use shared::auth::Me;

/// The signed-in user, or `None`.
#[server(prefix = "/rpc", endpoint = "get_me")]
pub async fn get_me() -> Result<Option<Me>, AppError> {
    Ok(Me::of(&crate::context::use_caller()))
}

use leptos::server_fn::codec::Json;
use shared::account::{
    ApiToken, AuditEvent, AuditFilter, CreatedToken, Invitation, NewUserForm, TokenForm,
    UserAccount, UserSummary,
};

/// The accounts the caller administers.
#[server(prefix = "/rpc", endpoint = "list_users")]
pub async fn list_users() -> Result<Vec<UserSummary>, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.list_users(&caller).await)
}

/// Creates an account and answers its one-time invitation link.
#[server(prefix = "/rpc", endpoint = "create_user", input = Json)]
pub async fn create_user(form: NewUserForm) -> Result<Invitation, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.create_user(&caller, form).await)
}

/// A new invitation link for an account.
#[server(prefix = "/rpc", endpoint = "new_invitation")]
pub async fn new_invitation(user_id: i64) -> Result<Invitation, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.new_invitation(&caller, user_id).await)
}

/// One account as its administrator sees it: roles with their ids, API tokens.
#[server(prefix = "/rpc", endpoint = "get_user_account")]
pub async fn get_user_account(user_id: i64) -> Result<UserAccount, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.user_account(&caller, user_id).await)
}

/// The email an invitation link is for, or `None` when the link is unknown, used or expired.
/// Public: the person following the link has no account to sign in with yet.
#[server(prefix = "/rpc", endpoint = "get_invitation")]
pub async fn get_invitation(token: String) -> Result<Option<String>, AppError> {
    let services = crate::context::use_services()?;
    crate::context::answer(services.invitation_email(&token).await)
}

/// The caller's API tokens.
#[server(prefix = "/rpc", endpoint = "list_tokens")]
pub async fn list_tokens() -> Result<Vec<ApiToken>, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.list_tokens(&caller).await)
}

/// Makes an API token; the secret is shown once.
#[server(prefix = "/rpc", endpoint = "create_token", input = Json)]
pub async fn create_token(form: TokenForm) -> Result<CreatedToken, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.create_token(&caller, form).await)
}

/// Revokes one of the caller's tokens.
#[server(prefix = "/rpc", endpoint = "revoke_token")]
pub async fn revoke_token(token_id: i64) -> Result<(), AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.revoke_token(&caller, token_id).await)
}

/// The newest audit events matching a filter.
#[server(prefix = "/rpc", endpoint = "list_audit", input = Json)]
pub async fn list_audit(filter: AuditFilter) -> Result<Vec<AuditEvent>, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.list_audit(&caller, filter).await)
}
