//! The HTTP side: the router that puts pages, server functions, the REST API, plain form posts,
//! the language switch, the health check and static files together.

pub mod accounts;
pub mod api;
pub mod auth;
pub mod error;
pub mod extract;
pub mod forms;
pub mod funding;
pub mod health;
pub mod households;
pub mod lang;
pub mod outcomes;
pub mod planning;
pub mod programs;
pub mod publishing;
pub mod service_worker;

use crate::settings::Settings;
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::routing::get;
use http::{HeaderValue, header};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use services::Services;
use services::db::Db;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// The largest request body accepted (1 MiB): forms and JSON of this product are far smaller.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// Leptos's options (site root, bundle name).
    pub leptos_options: LeptosOptions,
    /// The operations.
    pub services: Arc<Services>,
    /// The database, for the health check and authentication.
    pub db: Db,
    /// The settings.
    pub settings: Arc<Settings>,
    /// Request counts for rate limits.
    pub limiter: Arc<auth::RateLimiter>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// The context every page render and server function gets: the services.
    pub fn page_context(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let services: services::Services = (*self.services).clone();
        move || provide_context(services.clone())
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let (api_router, mut openapi) = api::router().split_for_parts();
    api::describe_server_functions(&mut openapi);
    let openapi_json = Arc::new(openapi.to_pretty_json().unwrap_or_default());
    let shell_options = state.leptos_options.clone();
    let shell = move || app::shell(shell_options.clone());
    let worker = Arc::new(service_worker::script(&service_worker::version(
        &state.settings.site_root,
    )));

    outcomes::donor_reports::add_routes(publishing::rest::add_routes(funding::records::add_routes(
        funding::rates::add_routes(households::imports::add_routes(
            households::forms::add_routes(planning::forms::add_routes(Router::new())),
        )),
    )))
    .route("/healthz", get(health::healthz))
    // The bundle: the gzip copy `scripts/build-site.sh` made beside each file when the browser
    // accepts it (the compression layer leaves an encoded answer alone), else the file itself.
    .nest_service(
        "/pkg",
        tower_http::set_header::SetResponseHeader::if_not_present(
            tower_http::services::ServeDir::new(state.settings.site_root.join("pkg"))
                .precompressed_gzip(),
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ),
    )
    .route(
        "/sw.js",
        get(move || {
            let worker = worker.clone();
            async move { service_worker::response(&worker) }
        }),
    )
    .route(
        "/api/openapi.json",
        get(move || {
            let body = openapi_json.clone();
            async move {
                (
                    [(header::CONTENT_TYPE, "application/json")],
                    (*body).clone(),
                )
            }
        }),
    )
    .merge(api_router)
    .route("/lang/{code}", get(lang::switch_language))
    .route("/login", axum::routing::post(auth::post_login))
    .route("/logout", axum::routing::post(auth::post_logout))
    .route(
        "/programs/new",
        axum::routing::post(forms::post_new_program),
    )
    .route(
        "/projects/{id}/area",
        axum::routing::post(forms::post_project_area),
    )
    .route(
        "/projects/{id}/communities",
        axum::routing::post(forms::post_new_community),
    )
    .route(
        "/projects/{id}/communities/import",
        axum::routing::post(forms::post_import_communities),
    )
    .route(
        "/programs/{id}/projects/new",
        axum::routing::post(forms::post_new_project),
    )
    .route(
        "/projects/{id}/edit",
        axum::routing::post(forms::post_edit_project),
    )
    .route(
        "/drafts/{id}/delete",
        axum::routing::post(forms::post_delete_draft),
    )
    .route("/donors", axum::routing::post(forms::post_new_donor))
    .route(
        "/admin/users",
        axum::routing::post(accounts::forms::post_create_user),
    )
    .route(
        "/admin/users/{id}/invitation",
        axum::routing::post(accounts::forms::post_new_invitation),
    )
    .route(
        "/admin/users/{id}/active",
        axum::routing::post(accounts::forms::post_user_active),
    )
    .route(
        "/admin/users/{id}/grants/{grant_id}/revoke",
        axum::routing::post(accounts::forms::post_revoke_grant),
    )
    .route(
        "/admin/users/{id}/tokens/{token_id}/revoke",
        axum::routing::post(accounts::forms::post_revoke_user_token),
    )
    .route(
        "/invite/{token}",
        axum::routing::post(accounts::forms::post_accept_invitation),
    )
    .route(
        "/account/password",
        axum::routing::post(accounts::forms::post_change_password),
    )
    .route(
        "/account/tokens",
        axum::routing::post(accounts::forms::post_create_token),
    )
    .route(
        "/account/tokens/{id}/revoke",
        axum::routing::post(accounts::forms::post_revoke_token),
    )
    .leptos_routes_with_context(&state, routes, state.page_context(), shell)
    .fallback(leptos_axum::file_and_error_handler_with_context::<
        AppState,
        _,
    >(state.page_context(), app::shell))
    .layer(axum::middleware::from_fn_with_state(
        state.clone(),
        auth::authenticate,
    ))
    .layer(axum::middleware::from_fn(extract::refuse_nul))
    .layer(axum::middleware::from_fn(error::render_api_errors))
    .layer(DefaultBodyLimit::max(BODY_LIMIT))
    .layer(CompressionLayer::new())
    .layer(SetResponseHeaderLayer::if_not_present(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ))
    .layer(SetResponseHeaderLayer::if_not_present(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("DENY"),
    ))
    .layer(SetResponseHeaderLayer::if_not_present(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    ))
    .with_state(state)
}
