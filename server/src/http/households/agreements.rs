//! The REST API of eradication agreements, their verification visits, and the support
//! delivered to households. Handlers are thin: they call the same operations as the pages.

use crate::http::AppState;
use crate::http::api::{created, parse_id};
use crate::http::error::ApiResult;
use crate::http::extract::ApiJson;
use axum::Json;
use axum::extract::{Extension, Path, State};
use axum::response::Response;
use shared::agreement::{
    Agreement, AgreementForm, AgreementView, ProjectAgreements, Support, SupportForm,
    VerificationForm,
};
use shared::auth::Caller;
use shared::error::ErrorBody;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_project_agreements))
        .routes(routes!(list_household_agreements, sign_agreement))
        .routes(routes!(get_agreement))
        .routes(routes!(record_verification))
        .routes(routes!(list_support, record_support))
}

/// The agreements of a project's households that the caller may see (a field monitor: those of
/// its communities), each with its status and sequencing check, and their figures: hectares
/// committed and verified, replanting rate, overdue agreements, sequencing breaches.
#[utoipa::path(get, path = "/api/v1/projects/{id}/agreements", tag = "agreements",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The agreements and their figures", body = ProjectAgreements),
        (status = 403, description = "The caller may not see this project's households", body = ErrorBody),
        (status = 404, description = "No such project", body = ErrorBody)))]
async fn list_project_agreements(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<ProjectAgreements>> {
    Ok(Json(
        state
            .services
            .project_agreements(&caller, parse_id(&id)?)
            .await?,
    ))
}

/// A household's agreements, oldest first.
#[utoipa::path(get, path = "/api/v1/households/{id}/agreements", tag = "agreements",
    params(("id" = i64, Path, description = "Household id")),
    responses(
        (status = 200, description = "The agreements", body = Vec<Agreement>),
        (status = 403, description = "The caller may not see this household", body = ErrorBody),
        (status = 404, description = "No such household", body = ErrorBody)))]
async fn list_household_agreements(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<Agreement>>> {
    Ok(Json(
        state
            .services
            .household(&caller, parse_id(&id)?)
            .await?
            .agreements,
    ))
}

/// Records a voluntary eradication agreement a household signed: the illicit crop, the hectares
/// committed, and the day by which they are to be eradicated.
#[utoipa::path(post, path = "/api/v1/households/{id}/agreements", tag = "agreements",
    params(("id" = i64, Path, description = "Household id")),
    request_body = AgreementForm,
    responses(
        (status = 201, description = "Recorded", body = Agreement),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not change this household", body = ErrorBody),
        (status = 404, description = "No such household", body = ErrorBody),
        (status = 422, description = "Some fields are not valid (signed in the future, a licit crop, a date before signing, a withdrawn household); nothing was stored", body = ErrorBody)))]
async fn sign_agreement(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<AgreementForm>,
) -> ApiResult<Response> {
    let agreement = state
        .services
        .sign_agreement(&caller, parse_id(&id)?, form)
        .await?;
    Ok(created(
        format!("/api/v1/agreements/{}", agreement.id),
        agreement,
    ))
}

/// One agreement with its verification visits (replanting marked) and the household's support.
#[utoipa::path(get, path = "/api/v1/agreements/{id}", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id")),
    responses(
        (status = 200, description = "The agreement", body = AgreementView),
        (status = 403, description = "The caller may not see this household", body = ErrorBody),
        (status = 404, description = "No such agreement", body = ErrorBody)))]
async fn get_agreement(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<AgreementView>> {
    Ok(Json(
        state.services.agreement(&caller, parse_id(&id)?).await?,
    ))
}

/// Records a verification visit: the hectares verified as eradicated so far (no more than
/// committed) and the hectares of illicit crops found standing; after a whole verification, any
/// found is replanting.
#[utoipa::path(post, path = "/api/v1/agreements/{id}/verifications", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id")),
    request_body = VerificationForm,
    responses(
        (status = 200, description = "The agreement with its visits", body = AgreementView),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not change this household", body = ErrorBody),
        (status = 404, description = "No such agreement", body = ErrorBody),
        (status = 422, description = "Some fields are not valid (a visit before signing or in the future, more eradicated than committed); nothing was stored", body = ErrorBody)))]
async fn record_verification(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<VerificationForm>,
) -> ApiResult<Json<AgreementView>> {
    Ok(Json(
        state
            .services
            .record_verification(&caller, parse_id(&id)?, form)
            .await?,
    ))
}

/// The support a household received, oldest first.
#[utoipa::path(get, path = "/api/v1/households/{id}/support", tag = "agreements",
    params(("id" = i64, Path, description = "Household id")),
    responses(
        (status = 200, description = "The support", body = Vec<Support>),
        (status = 403, description = "The caller may not see this household", body = ErrorBody),
        (status = 404, description = "No such household", body = ErrorBody)))]
async fn list_support(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<Support>>> {
    Ok(Json(
        state
            .services
            .household(&caller, parse_id(&id)?)
            .await?
            .support,
    ))
}

/// Records support delivered to a household: its kind, day, and value as a decimal in its
/// currency (at most the currency's minor units).
#[utoipa::path(post, path = "/api/v1/households/{id}/support", tag = "agreements",
    params(("id" = i64, Path, description = "Household id")),
    request_body = SupportForm,
    responses(
        (status = 201, description = "Recorded", body = Support),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not change this household", body = ErrorBody),
        (status = 404, description = "No such household", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn record_support(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<SupportForm>,
) -> ApiResult<Response> {
    let household = parse_id(&id)?;
    let support = state
        .services
        .record_support(&caller, household, form)
        .await?;
    Ok(created(
        format!("/api/v1/households/{household}/support"),
        support,
    ))
}
