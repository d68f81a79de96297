//! Plain form posts of the account pages (with or without JavaScript): creating accounts and
//! invitation links (`/admin/users`), accepting an invitation (`/invite/{token}`), changing one's
//! password and managing one's API tokens (`/account`). They call the same [`Services`] methods
//! as the REST API and the server functions.
//!
//! A post that makes a secret (an invitation link, a token) is answered with the page itself,
//! showing the secret once and marked `Cache-Control: no-store`; other successes redirect (303);
//! a problem renders the page again with the errors and what was typed, passwords excepted.
//!
//! [`Services`]: services::Services

use crate::http::AppState;
use crate::http::forms::{Posted, caller_of, form_pairs, plain_error, render_again, render_page};
use app::error::AppError;
use app::pages::account_page::{DONE_PASSWORD, DONE_REVOKED};
use app::pages::user_page::{
    DONE_DEACTIVATED, DONE_REACTIVATED, DONE_ROLE_REMOVED, DONE_TOKEN_REVOKED,
};
use app::submission::{ActionFailed, InvitationLink, Made, PlainFormResponse};
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use leptos::prelude::provide_context;
use shared::account::{Invitation, NewUserForm, PasswordForm, TokenInput};

fn borrowed(pairs: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

fn parse_id(text: &str) -> Result<i64, AppError> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

/// The address the browser used for this site (`http://127.0.0.1:3000`), from the `Origin` of its
/// post. The authentication layer has already refused posts whose `Origin` is another site.
fn site_origin(headers: &HeaderMap) -> Option<String> {
    let origin = headers.get(header::ORIGIN)?.to_str().ok()?;
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let (scheme, authority) = origin.split_once("://")?;
    let fine = matches!(scheme, "http" | "https")
        && authority.eq_ignore_ascii_case(host)
        && authority
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
    fine.then(|| format!("{scheme}://{authority}"))
}

/// Keeps a page that shows a secret out of every cache.
fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Renders the page at `path` (as a GET) with extra context, answering `status`.
async fn render_at(
    state: &AppState,
    mut parts: http::request::Parts,
    path: &'static str,
    status: StatusCode,
    extra_context: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    parts.uri = Uri::from_static(path);
    render_page(state, parts, status, move || {
        extra_context();
        provide_context(PlainFormResponse);
    })
    .await
}

/// Renders the form page at `path` again with what was typed and the errors.
async fn render_again_at<F>(
    state: &AppState,
    mut parts: http::request::Parts,
    path: &'static str,
    form: F,
    error: impl Into<AppError>,
) -> Response
where
    F: Clone + Send + Sync + 'static,
{
    parts.uri = Uri::from_static(path);
    render_again(state, parts, form, error).await
}

/// Answers a button's post that failed with the page at `path`, saying why at the top.
async fn action_failed(
    state: &AppState,
    parts: http::request::Parts,
    path: &'static str,
    error: impl Into<AppError>,
) -> Response {
    let error: AppError = error.into();
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    render_at(state, parts, path, status, move || {
        provide_context(ActionFailed(error.clone()));
    })
    .await
}

/// The users page showing a new invitation link once.
async fn show_invitation(
    state: &AppState,
    parts: http::request::Parts,
    invitation: Invitation,
) -> Response {
    let url = match site_origin(&parts.headers) {
        Some(origin) => format!("{origin}{}", invitation.path),
        None => invitation.path.clone(),
    };
    let link = InvitationLink { invitation, url };
    no_store(
        render_at(state, parts, "/admin/users", StatusCode::OK, move || {
            provide_context(Made(link.clone()));
        })
        .await,
    )
}

/// `POST /admin/users`: creates an account with one role; the answer shows its invitation link.
pub async fn post_create_user(State(state): State<AppState>, request: Request) -> Response {
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let form = NewUserForm::from_pairs(posted.fields());
    match state
        .services
        .create_user(&posted.caller, form.clone())
        .await
    {
        Ok(invitation) => show_invitation(&state, posted.parts, invitation).await,
        Err(error) => render_again(&state, posted.parts, form, error).await,
    }
}

/// `POST /admin/users/{id}/invitation`: a new invitation link for an account (the old one stops
/// working); the answer is the users page showing it.
pub async fn post_new_invitation(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let caller = caller_of(&request);
    let (parts, _) = request.into_parts();
    let made = match parse_id(&id) {
        Ok(id) => state
            .services
            .new_invitation(&caller, id)
            .await
            .map_err(AppError::from),
        Err(error) => Err(error),
    };
    match made {
        Ok(invitation) => show_invitation(&state, parts, invitation).await,
        Err(error) => action_failed(&state, parts, "/admin/users", error).await,
    }
}

/// Where a post about account `id` comes back to, saying what was done.
fn back_to_account(id: i64, done: &str) -> Response {
    Redirect::to(&format!("/admin/users/{id}?done={done}")).into_response()
}

/// Answers a failed post about account `id` with its page, saying why at the top (the users
/// list when the account is not one the caller may see).
async fn account_action_failed(
    state: &AppState,
    mut parts: http::request::Parts,
    id: i64,
    error: impl Into<AppError>,
) -> Response {
    let error: AppError = error.into();
    if id <= 0 {
        return action_failed(state, parts, "/admin/users", error).await;
    }
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    match Uri::try_from(format!("/admin/users/{id}")) {
        Ok(uri) => parts.uri = uri,
        Err(_) => return action_failed(state, parts, "/admin/users", error).await,
    }
    render_page(state, parts, status, move || {
        provide_context(ActionFailed(error.clone()));
        provide_context(PlainFormResponse);
    })
    .await
}

/// `POST /admin/users/{id}/active`: deactivates the account (`active=false`) or lets it sign in
/// again (`active=true`); back to its page.
pub async fn post_user_active(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let id = parse_id(&id).unwrap_or(0);
    let active = match posted
        .fields()
        .find(|(k, _)| *k == "active")
        .map(|(_, v)| v)
    {
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        _ => Err(AppError::Invalid(vec![
            shared::validation::FieldError::new(
                "active",
                shared::validation::Problem::UnknownChoice,
            ),
        ])),
    };
    let done = match (id, active) {
        (0, _) => Err(AppError::NotFound),
        (_, Err(error)) => Err(error),
        (id, Ok(active)) => state
            .services
            .set_user_active(&posted.caller, id, active)
            .await
            .map_err(AppError::from)
            .map(|account| account.user.is_active),
    };
    match done {
        Ok(true) => back_to_account(id, DONE_REACTIVATED),
        Ok(false) => back_to_account(id, DONE_DEACTIVATED),
        Err(error) => account_action_failed(&state, posted.parts, id, error).await,
    }
}

/// `POST /admin/users/{id}/grants/{grant_id}/revoke`: removes a role of the account.
pub async fn post_revoke_grant(
    State(state): State<AppState>,
    Path((id, grant_id)): Path<(String, String)>,
    request: Request,
) -> Response {
    let caller = caller_of(&request);
    let (parts, _) = request.into_parts();
    let id = parse_id(&id).unwrap_or(0);
    let done = match (id, parse_id(&grant_id)) {
        (0, _) => Err(AppError::NotFound),
        (_, Err(error)) => Err(error),
        (id, Ok(grant_id)) => state
            .services
            .revoke_grant(&caller, id, grant_id)
            .await
            .map_err(AppError::from),
    };
    match done {
        Ok(()) => back_to_account(id, DONE_ROLE_REMOVED),
        Err(error) => account_action_failed(&state, parts, id, error).await,
    }
}

/// `POST /admin/users/{id}/tokens/{token_id}/revoke`: revokes an API token of the account.
pub async fn post_revoke_user_token(
    State(state): State<AppState>,
    Path((id, token_id)): Path<(String, String)>,
    request: Request,
) -> Response {
    let caller = caller_of(&request);
    let (parts, _) = request.into_parts();
    let id = parse_id(&id).unwrap_or(0);
    let done = match (id, parse_id(&token_id)) {
        (0, _) => Err(AppError::NotFound),
        (_, Err(error)) => Err(error),
        (id, Ok(token_id)) => state
            .services
            .revoke_user_token(&caller, id, token_id)
            .await
            .map_err(AppError::from),
    };
    match done {
        Ok(()) => back_to_account(id, DONE_TOKEN_REVOKED),
        Err(error) => account_action_failed(&state, parts, id, error).await,
    }
}

/// `POST /invite/{token}`: sets the invited account's password and goes on to the sign-in page.
/// Limited per client address like sign-in, since each try hashes a password.
pub async fn post_accept_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    let ip = crate::http::auth::client_ip(&request);
    let (parts, body) = request.into_parts();
    if !state.limiter.allow(
        &format!("invite:{ip}"),
        state.settings.login_rate_per_minute,
    ) {
        return render_again(
            &state,
            parts,
            PasswordForm::default(),
            AppError::TooManyRequests,
        )
        .await;
    }
    let pairs = match form_pairs(body).await {
        Ok(pairs) => pairs,
        Err(error) => return plain_error(error),
    };
    let form = PasswordForm::from_pairs(borrowed(&pairs));
    match state.services.accept_invitation(&token, &form).await {
        Ok(()) => Redirect::to("/login").into_response(),
        // Passwords are never sent back.
        Err(error) => render_again(&state, parts, PasswordForm::default(), error).await,
    }
}

/// `POST /account/password`: changes the signed-in user's password (the current one is needed);
/// the user's other sessions end, this one stays.
pub async fn post_change_password(State(state): State<AppState>, request: Request) -> Response {
    let keep = crate::http::auth::session_hash(request.headers());
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let form = PasswordForm::from_pairs(posted.fields());
    match state
        .services
        .change_password(&posted.caller, &form, keep.as_deref())
        .await
    {
        Ok(()) => Redirect::to(&format!("/account?done={DONE_PASSWORD}")).into_response(),
        Err(error) => {
            render_again_at(
                &state,
                posted.parts,
                "/account",
                PasswordForm::default(),
                error,
            )
            .await
        }
    }
}

/// `POST /account/tokens`: makes an API token for the signed-in user; the answer is the account
/// page showing its secret once.
pub async fn post_create_token(State(state): State<AppState>, request: Request) -> Response {
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let input = TokenInput::from_pairs(posted.fields());
    let made = if posted.caller.is_signed_in() {
        match input.parse() {
            Ok(form) => state
                .services
                .create_token(&posted.caller, form)
                .await
                .map_err(AppError::from),
            Err(problems) => Err(AppError::Invalid(problems)),
        }
    } else {
        Err(AppError::Unauthorized)
    };
    match made {
        Ok(created) => no_store(
            render_at(
                &state,
                posted.parts,
                "/account",
                StatusCode::OK,
                move || {
                    provide_context(Made(created.clone()));
                },
            )
            .await,
        ),
        Err(error) => render_again_at(&state, posted.parts, "/account", input, error).await,
    }
}

/// `POST /account/tokens/{id}/revoke`: revokes one of the signed-in user's tokens.
pub async fn post_revoke_token(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let caller = caller_of(&request);
    let (parts, _) = request.into_parts();
    let revoked = match parse_id(&id) {
        Ok(id) => state
            .services
            .revoke_token(&caller, id)
            .await
            .map_err(AppError::from),
        Err(error) => Err(error),
    };
    match revoked {
        Ok(()) => Redirect::to(&format!("/account?done={DONE_REVOKED}")).into_response(),
        Err(error) => action_failed(&state, parts, "/account", error).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_origin_comes_from_a_same_site_origin_header_only() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "127.0.0.1:3000".parse().unwrap());
        assert_eq!(site_origin(&headers), None);
        headers.insert(header::ORIGIN, "http://127.0.0.1:3000".parse().unwrap());
        assert_eq!(
            site_origin(&headers).as_deref(),
            Some("http://127.0.0.1:3000")
        );
        headers.insert(header::ORIGIN, "https://evil.example".parse().unwrap());
        assert_eq!(site_origin(&headers), None);
        headers.insert(
            header::ORIGIN,
            "javascript://127.0.0.1:3000".parse().unwrap(),
        );
        assert_eq!(site_origin(&headers), None);
    }
}
