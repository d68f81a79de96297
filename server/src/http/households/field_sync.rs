//! The REST API of offline field entry: the bundle a device keeps, and the idempotent sync of the
//! visits entered on it. Handlers are thin: the rules are in `service::field_sync`.

use crate::http::AppState;
use crate::http::error::ApiResult;
use crate::http::extract::ApiJson;
use app::i18n::locale_from_headers;
use axum::Json;
use axum::extract::{Extension, State};
use axum::http::HeaderMap;
use shared::auth::Caller;
use shared::error::ErrorBody;
use shared::field_sync::{FieldBundle, SyncBatch, SyncReport};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(field_bundle))
        .routes(routes!(sync_visits))
}

/// What a field monitor's device keeps for offline entry: the communities where the caller may
/// record visits, with their households (codes, status, members), plots (names, hectares, the
/// latest record) and eradication agreements. Never names, phone numbers or places: a lost
/// device gives none away. Each household carries the version its visits are recorded against.
#[utoipa::path(get, path = "/api/v1/field/bundle", tag = "field",
    responses(
        (status = 200, description = "The bundle", body = FieldBundle),
        (status = 401, description = "Nobody is signed in", body = ErrorBody)))]
async fn field_bundle(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<FieldBundle>> {
    Ok(Json(state.services.field_bundle(&caller).await?))
}

/// Sends visits entered on a device (at most 100 per request). Each entry is stored at most once:
/// an entry whose `client_id` was stored before is answered `already_stored`, so a batch sent
/// again — after a lost answer, or three times — stores nothing twice. Each entry is checked as
/// the visit form is (rights on the household, every field, the plots' areas): a refused one is
/// answered `rejected` with the reasons per field, and nothing of it is stored. An entry made
/// against an older version of its household (`base_version`) is answered `conflict` with the
/// household as it is now, unstored, until it is sent again with `keep_mine`. One result per
/// entry, in order; the others are stored whatever became of one.
#[utoipa::path(post, path = "/api/v1/field/sync", tag = "field",
    request_body = SyncBatch,
    responses(
        (status = 200, description = "One result per entry", body = SyncReport),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 401, description = "Nobody is signed in (the device keeps its entries)", body = ErrorBody),
        (status = 422, description = "More than 100 entries; nothing was stored", body = ErrorBody)))]
async fn sync_visits(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    ApiJson(batch): ApiJson<SyncBatch>,
) -> ApiResult<Json<SyncReport>> {
    Ok(Json(
        state
            .services
            .sync_visits(&caller, batch, locale_from_headers(&headers))
            .await?,
    ))
}
