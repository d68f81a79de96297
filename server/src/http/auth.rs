//! Authentication on every request, in one layer: the session cookie or the API token (bearer)
//! becomes the request's [`Caller`]; cross-site requests are refused; requests are rate-limited;
//! pages ask anonymous visitors to sign in. Also sign-in and sign-out.

use super::{AppState, BODY_LIMIT};
use app::error::AppError;
use app::submission::{CsrfToken, PlainFormResponse, Submission};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, Method, StatusCode, header};
use leptos::prelude::provide_context;
use services::audit::{self, Event};
use services::auth::{new_token, token_hash, verify_password};
use services::db::accounts;
use shared::auth::{Caller, LoginForm};
use shared::validation::{FieldError, Problem};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The session cookie.
pub const SESSION_COOKIE: &str = "sembrar_session";
/// The form field carrying the CSRF token in plain form posts.
pub const CSRF_FIELD: &str = "csrf_token";

/// Counts requests per key in one-minute windows. In memory: each app server limits its own
/// traffic (account lockout, which must hold across servers, lives in the database).
#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// Whether one more request for `key` fits in `per_minute`.
    pub fn allow(&self, key: &str, per_minute: u32) -> bool {
        let now = Instant::now();
        let Ok(mut windows) = self.windows.lock() else {
            return true;
        };
        if windows.len() > 100_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(60));
        }
        let entry = windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= Duration::from_secs(60) {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= per_minute
    }
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_owned())
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(|t| t.trim().to_owned())
}

/// How the caller proved who it is.
enum Credential {
    None,
    Session { csrf: String },
    Token,
}

async fn resolve(state: &AppState, headers: &HeaderMap) -> Result<(Caller, Credential), AppError> {
    if let Some(token) = bearer(headers) {
        let caller = services::db::tokens::caller_for_token(
            &mut *state.db.conn().await?,
            &token_hash(&token),
        )
        .await?
        .ok_or(AppError::Unauthorized)?;
        return Ok((caller, Credential::Token));
    }
    if let Some(token) = cookie(headers, SESSION_COOKIE)
        && let Some((user, csrf)) =
            accounts::session(&mut *state.db.conn().await?, &token_hash(&token)).await?
    {
        let caller = accounts::caller_for(&mut *state.db.conn().await?, &user).await?;
        return Ok((caller, Credential::Session { csrf }));
    }
    Ok((Caller::anonymous(), Credential::None))
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether the request's `Origin` (or, lacking it, `Referer`) names this server.
fn same_origin(headers: &HeaderMap) -> Option<bool> {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok())?;
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok())?;
    let authority = source
        .split_once("://")
        .map(|(_, rest)| rest.split('/').next().unwrap_or_default())?;
    Some(authority.eq_ignore_ascii_case(host))
}

/// Server functions anyone may call (the header asks who is signed in; the invitation page asks
/// whom its link is for).
pub fn is_public_server_function(path: &str) -> bool {
    path == "/rpc/get_me" || path == "/rpc/get_invitation"
}

/// The stored hash of the request's session token, if it has one.
pub fn session_hash(headers: &HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE).map(|t| token_hash(&t))
}

/// Pages and files anyone may load without signing in.
fn is_public(path: &str) -> bool {
    path == "/login"
        || path == "/healthz"
        || path == "/favicon.svg"
        || path == "/api/openapi.json"
        || path.starts_with("/pkg/")
        || path.starts_with("/lang/")
        || path.starts_with("/invite/")
}

fn wants_page(request: &Request) -> bool {
    request.method() == Method::GET
        && !request.uri().path().starts_with("/api/")
        && !request.uri().path().starts_with("/rpc/")
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
}

/// The client's IP address as the socket saw it (empty when unknown).
pub(crate) fn client_ip(request: &Request) -> String {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default()
}

/// The authentication layer: see the module's description.
pub async fn authenticate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let (caller, credential) = match resolve(&state, request.headers()).await {
        Ok(found) => found,
        // Public addresses (the health check above all) answer even when the database cannot
        // tell who is asking.
        Err(AppError::Internal | AppError::Unavailable) if is_public(&path) => {
            (Caller::anonymous(), Credential::None)
        }
        Err(error) => return super::error::ApiError(error).into_response(),
    };
    let mut request = request;

    if is_unsafe(request.method()) {
        match (same_origin(request.headers()), &credential) {
            // A browser says where the request comes from: it must be this site.
            (Some(false), _) => return super::error::ApiError(AppError::CrossSite).into_response(),
            (Some(true), _) | (None, Credential::None | Credential::Token) => {}
            // A signed-in browser request that does not say where it comes from must carry the
            // session's token in its form.
            (None, Credential::Session { csrf }) => {
                let (rebuilt, ok) = form_carries_token(request, csrf).await;
                if !ok {
                    return super::error::ApiError(AppError::CrossSite).into_response();
                }
                request = rebuilt;
            }
        }
    }

    let is_machine = path.starts_with("/api/") || path.starts_with("/rpc/");
    if is_machine && path != "/api/openapi.json" {
        let key = caller.user_id.map_or_else(
            || format!("ip:{}", client_ip(&request)),
            |id| format!("user:{id}"),
        );
        if !state
            .limiter
            .allow(&key, state.settings.api_rate_per_minute)
        {
            return super::error::ApiError(AppError::TooManyRequests).into_response();
        }
    }

    if !caller.is_signed_in() && path.starts_with("/rpc/") && !is_public_server_function(&path) {
        return super::error::ApiError(AppError::Unauthorized).into_response();
    }

    if !caller.is_signed_in() && wants_page(&request) && !is_public(&path) {
        let target = request
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_owned();
        return Redirect::to(&format!("/login?next={}", encode(&target))).into_response();
    }

    if let Credential::Session { csrf } = &credential {
        request.extensions_mut().insert(CsrfToken(csrf.clone()));
    }
    request.extensions_mut().insert(caller);
    next.run(request).await
}

async fn form_carries_token(request: Request, csrf: &str) -> (Request, bool) {
    let (parts, body) = request.into_parts();
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let bytes = if is_form {
        axum::body::to_bytes(body, BODY_LIMIT)
            .await
            .unwrap_or_default()
    } else {
        Bytes::new()
    };
    let ok = is_form && form_urlencoded::parse(&bytes).any(|(k, v)| k == CSRF_FIELD && v == csrf);
    (Request::from_parts(parts, Body::from(bytes)), ok)
}

/// Percent-encodes a path for a query value.
fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Only paths on this site (`shared::redirect`).
pub fn safe_next(next: &str) -> String {
    shared::redirect::same_site_or(Some(next), "/")
}

fn session_cookie(state: &AppState, value: &str, max_age: i64) -> String {
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!("{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// `POST /login`: checks the password; success starts a session and goes to `next`; failure
/// shows the sign-in page again (the email kept, never the password). An unknown email, a wrong
/// password and a locked account get the same answer after the same work (one password hash
/// checked), so neither the answer nor its time tells which emails have accounts. A run of
/// failures locks the account from that client address only (`login_failures`), so nobody can
/// keep its owner out from elsewhere.
pub async fn post_login(State(state): State<AppState>, request: Request) -> Response {
    let ip = client_ip(&request);
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .unwrap_or_default();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();
    let form = LoginForm::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let password = pairs
        .iter()
        .find(|(k, _)| k == "password")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();

    if !state
        .limiter
        .allow(&format!("login:{ip}"), state.settings.login_rate_per_minute)
    {
        return login_again(&state, parts, form, AppError::TooManyRequests).await;
    }
    let email = form.email.trim().to_lowercase();
    let found =
        match async { accounts::user_by_email(&mut *state.db.conn().await?, &email).await }.await {
            Ok(found) => found,
            Err(error) => return login_again(&state, parts, form, error).await,
        };
    let refused = || AppError::Invalid(vec![FieldError::new("email", Problem::BadCredentials)]);
    let Some((user, hash)) = found.filter(|(u, _)| u.is_active) else {
        // The same work as for a known account: a lock looked up, a password hash checked.
        let _ = async { accounts::login_locked_until(&mut *state.db.conn().await?, 0, &ip).await }
            .await;
        let _ = verify_password(password, None).await;
        // What was typed is not kept: it may be a password typed into the email field.
        audit_refused_sign_in(&state, "", "sign_in_failed", None).await;
        return login_again(&state, parts, form, refused()).await;
    };
    let locked = match async {
        accounts::login_locked_until(&mut *state.db.conn().await?, user.id, &ip).await
    }
    .await
    {
        Ok(locked) => locked.is_some(),
        Err(error) => return login_again(&state, parts, form, error).await,
    };
    let matches = verify_password(password, hash).await;
    if locked {
        audit_refused_sign_in(&state, &email, "sign_in_locked", Some(&user)).await;
        return login_again(&state, parts, form, refused()).await;
    }
    if !matches {
        let lock = chrono::Duration::minutes(state.settings.login_lock_minutes);
        let max = state.settings.login_max_failures;
        let recorded = with_sign_in_event(&state, &email, "sign_in_failed", &user, async |conn| {
            accounts::record_failed_login(conn, user.id, &ip, max, lock).await
        });
        if let Err(error) = recorded.await {
            return login_again(&state, parts, form, error).await;
        }
        return login_again(&state, parts, form, refused()).await;
    }

    let token = new_token("ses_");
    let csrf = new_token("csrf_");
    let ttl = chrono::Duration::seconds(state.settings.session_ttl_seconds);
    let started = with_sign_in_event(&state, &email, "sign_in", &user, async |conn| {
        accounts::clear_failed_logins(conn, user.id, &ip).await?;
        accounts::create_session(conn, &token_hash(&token), user.id, &csrf, ttl).await
    });
    if let Err(error) = started.await {
        return login_again(&state, parts, form, error).await;
    }
    let cookie = session_cookie(&state, &token, state.settings.session_ttl_seconds);
    (
        [(header::SET_COOKIE, cookie)],
        Redirect::to(&safe_next(&form.next)),
    )
        .into_response()
}

/// Who an event about a sign-in is by, and what it says.
fn sign_in_event<'a>(
    email: &str,
    action: &'a str,
    user: Option<&accounts::User>,
) -> (Caller, Event<'a>) {
    let caller = Caller {
        user_id: user.map(|u| u.id),
        email: email.to_owned(),
        organisation_id: user.map(|u| u.organisation_id),
        ..Caller::default()
    };
    let event = Event {
        action,
        entity_type: "session",
        entity_id: None,
        summary: match action {
            "sign_in" => format!("{email} signed in"),
            "sign_in_locked" => {
                format!("Sign-in refused for {email}: locked from this address")
            }
            _ if user.is_none() => "Failed sign-in with an email that has no account".to_owned(),
            _ => format!("Failed sign-in for {email}"),
        },
        old_value: None,
        new_value: None,
        place: shared::auth::Place::default(),
    };
    (caller, event)
}

/// Records a sign-in refused before anything was written (an unknown email, a locked
/// address); a failure to record it is logged and does not change the answer.
async fn audit_refused_sign_in(
    state: &AppState,
    email: &str,
    action: &str,
    user: Option<&accounts::User>,
) {
    let (caller, event) = sign_in_event(email, action, user);
    let recorded =
        async { audit::record(&mut *state.db.conn().await?, &caller, email, event).await };
    if let Err(error) = recorded.await {
        tracing::error!(?error, "audit of a sign-in failed");
    }
}

/// Runs `write` and records the sign-in event in one transaction.
async fn with_sign_in_event(
    state: &AppState,
    email: &str,
    action: &str,
    user: &accounts::User,
    write: impl AsyncFnOnce(&mut services::db::Conn) -> Result<(), services::Error>,
) -> Result<(), services::Error> {
    let (caller, event) = sign_in_event(email, action, Some(user));
    let mut tx = state.db.begin().await?;
    write(&mut tx).await?;
    audit::record(&mut tx, &caller, email, event).await?;
    tx.commit().await?;
    Ok(())
}

async fn login_again(
    state: &AppState,
    parts: http::request::Parts,
    form: LoginForm,
    error: impl Into<AppError>,
) -> Response {
    let error: AppError = error.into();
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::UNAUTHORIZED);
    let status = if status == StatusCode::UNPROCESSABLE_ENTITY {
        StatusCode::UNAUTHORIZED
    } else {
        status
    };
    let submission = Submission {
        form,
        errors: error.field_errors().to_vec(),
        error: Some(error),
    };
    super::forms::render_page(state, parts, status, move || {
        provide_context(submission.clone());
        provide_context(PlainFormResponse);
    })
    .await
}

/// `POST /logout`: ends the session and goes to the sign-in page.
pub async fn post_logout(State(state): State<AppState>, request: Request) -> Response {
    if let Some(token) = cookie(request.headers(), SESSION_COOKIE) {
        let caller = request
            .extensions()
            .get::<Caller>()
            .cloned()
            .unwrap_or_default();
        let ended = async {
            let mut tx = state.db.begin().await?;
            accounts::delete_session(&mut tx, &token_hash(&token)).await?;
            if caller.is_signed_in() {
                let event = Event {
                    action: "sign_out",
                    entity_type: "session",
                    entity_id: None,
                    summary: format!("{} signed out", caller.email),
                    old_value: None,
                    new_value: None,
                    place: shared::auth::Place::default(),
                };
                audit::record(&mut tx, &caller, "", event).await?;
            }
            tx.commit().await?;
            Ok::<(), services::Error>(())
        };
        if let Err(error) = ended.await {
            return super::error::ApiError::from(error).into_response();
        }
    }
    let cookie = session_cookie(&state, "", 0);
    ([(header::SET_COOKIE, cookie)], Redirect::to("/login")).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_limiter_counts_per_key_and_minute() {
        let limiter = RateLimiter::default();
        assert!(limiter.allow("a", 2));
        assert!(limiter.allow("a", 2));
        assert!(!limiter.allow("a", 2));
        assert!(limiter.allow("b", 2));
    }

    #[test]
    fn only_requests_from_this_site_count_as_same_origin() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "127.0.0.1:3000".parse().unwrap());
        assert_eq!(same_origin(&headers), None);
        headers.insert(header::ORIGIN, "http://127.0.0.1:3000".parse().unwrap());
        assert_eq!(same_origin(&headers), Some(true));
        headers.insert(header::ORIGIN, "https://evil.example".parse().unwrap());
        assert_eq!(same_origin(&headers), Some(false));
    }

    #[test]
    fn sign_in_only_goes_on_to_pages_of_this_site() {
        assert_eq!(safe_next("/projects/3"), "/projects/3");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next(""), "/");
    }
}
