//! The REST API for accounts: the signed-in user, its password and API tokens; user
//! administration with invitation links; the audit trail.

use crate::http::AppState;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ApiJson;
use app::error::AppError;
use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use shared::account::{
    ActiveForm, ApiToken, AuditEvent, AuditFilter, CreatedToken, Invitation, NewUserForm,
    PasswordForm, TokenForm, UserAccount, UserSummary,
};
use shared::auth::{Caller, Me};
use shared::error::ErrorBody;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The account routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_me))
        .routes(routes!(change_password))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
        .routes(routes!(list_users, create_user))
        .routes(routes!(new_invitation))
        .routes(routes!(get_user))
        .routes(routes!(set_user_active))
        .routes(routes!(revoke_user_grant))
        .routes(routes!(revoke_user_token))
        .routes(routes!(accept_invitation))
        .routes(routes!(list_audit))
}

fn parse_id(text: &str) -> Result<i64, ApiError> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(ApiError(AppError::NotFound))
}

/// The signed-in user: name, roles and what the interface offers.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
async fn get_me(Extension(caller): Extension<Caller>) -> ApiResult<Json<Me>> {
    Me::of(&caller)
        .map(Json)
        .ok_or(ApiError(AppError::Unauthorized))
}

/// Changes the signed-in user's password (the current one is needed); other sessions end.
#[utoipa::path(put, path = "/api/v1/me/password", tag = "accounts", request_body = PasswordForm,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn change_password(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    ApiJson(form): ApiJson<PasswordForm>,
) -> ApiResult<StatusCode> {
    let keep = crate::http::auth::session_hash(&headers);
    state
        .services
        .change_password(&caller, &form, keep.as_deref())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user's API tokens (never their secrets).
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "accounts",
    responses((status = 200, body = [ApiToken]), (status = 401, body = ErrorBody)))]
async fn list_tokens(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<Vec<ApiToken>>> {
    Ok(Json(state.services.list_tokens(&caller).await?))
}

/// Makes an API token for the signed-in user, with one of its roles, limited to some projects
/// or not. The secret is in this answer only.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "accounts", request_body = TokenForm,
    responses((status = 201, body = CreatedToken), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn create_token(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiJson(form): ApiJson<TokenForm>,
) -> ApiResult<Response> {
    let created = state.services.create_token(&caller, form).await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// Revokes one of the signed-in user's tokens.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "accounts",
    params(("id" = i64, Path, description = "Token id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn revoke_token(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    state.services.revoke_token(&caller, parse_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The accounts the caller administers.
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts",
    responses((status = 200, body = [UserSummary]), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
async fn list_users(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<Vec<UserSummary>>> {
    Ok(Json(state.services.list_users(&caller).await?))
}

/// Creates an account with a role in a scope; answers its one-time invitation link.
#[utoipa::path(post, path = "/api/v1/users", tag = "accounts", request_body = NewUserForm,
    responses((status = 201, body = Invitation), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_user(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiJson(form): ApiJson<NewUserForm>,
) -> ApiResult<Response> {
    let invitation = state.services.create_user(&caller, form).await?;
    Ok((StatusCode::CREATED, Json(invitation)).into_response())
}

/// A new one-time invitation link for an account (the previous one stops working).
#[utoipa::path(post, path = "/api/v1/users/{id}/invitations", tag = "accounts",
    params(("id" = i64, Path, description = "User id")),
    responses((status = 201, body = Invitation), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn new_invitation(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let invitation = state
        .services
        .new_invitation(&caller, parse_id(&id)?)
        .await?;
    Ok((StatusCode::CREATED, Json(invitation)).into_response())
}

/// One account the caller administers: its roles with their ids, its API tokens (never their
/// secrets), and whether it is the caller's own.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "accounts",
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, body = UserAccount), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_user(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<UserAccount>> {
    Ok(Json(
        state.services.user_account(&caller, parse_id(&id)?).await?,
    ))
}

/// Deactivates an account (`"active": false`: its sessions end and its API tokens are revoked)
/// or lets it sign in again (`true`). Never one's own account. Audited.
#[utoipa::path(put, path = "/api/v1/users/{id}/active", tag = "accounts",
    params(("id" = i64, Path, description = "User id")), request_body = ActiveForm,
    responses((status = 200, body = UserAccount), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn set_user_active(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ActiveForm>,
) -> ApiResult<Json<UserAccount>> {
    Ok(Json(
        state
            .services
            .set_user_active(&caller, parse_id(&id)?, form.active)
            .await?,
    ))
}

/// Removes one role of an account (never one's own). Audited.
#[utoipa::path(delete, path = "/api/v1/users/{id}/grants/{grant_id}", tag = "accounts",
    params(("id" = i64, Path, description = "User id"),
        ("grant_id" = i64, Path, description = "Grant id, from `GET /api/v1/users/{id}`")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn revoke_user_grant(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, grant_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    state
        .services
        .revoke_grant(&caller, parse_id(&id)?, parse_id(&grant_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Revokes one API token of an account the caller administers. Audited.
#[utoipa::path(delete, path = "/api/v1/users/{id}/tokens/{token_id}", tag = "accounts",
    params(("id" = i64, Path, description = "User id"),
        ("token_id" = i64, Path, description = "Token id, from `GET /api/v1/users/{id}`")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn revoke_user_token(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, token_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    state
        .services
        .revoke_user_token(&caller, parse_id(&id)?, parse_id(&token_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Accepts an invitation: sets the account's password. Needs no sign-in: the link is the key.
#[utoipa::path(post, path = "/api/v1/invitations/{token}", tag = "accounts",
    params(("token" = String, Path, description = "The token from the invitation link")),
    request_body = PasswordForm, security(()),
    responses((status = 204), (status = 422, body = ErrorBody)))]
async fn accept_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ApiJson(form): ApiJson<PasswordForm>,
) -> ApiResult<StatusCode> {
    state.services.accept_invitation(&token, &form).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The newest audit events (at most 500), filtered.
#[utoipa::path(get, path = "/api/v1/audit", tag = "accounts", params(AuditFilter),
    responses((status = 200, body = [AuditEvent]), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_audit(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(filter): Query<AuditFilter>,
) -> ApiResult<Json<Vec<AuditEvent>>> {
    Ok(Json(state.services.list_audit(&caller, filter).await?))
}
