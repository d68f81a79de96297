//! The REST API of indicator actuals and their approval workflow.

use crate::http::AppState;
use crate::http::api::parse_id;
use crate::http::error::ApiResult;
use crate::http::extract::ApiJson;
use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use shared::actuals::{Actual, ActualForm, IndicatorActuals, StepForm};
use shared::auth::Caller;
use shared::computed::ComputedActual;
use shared::error::ErrorBody;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_actuals, save_actual))
        .routes(routes!(computed_actual))
        .routes(routes!(take_step))
}

/// An indicator's reporting periods and every revision of its actuals, each with its steps
/// (who saved, submitted, approved or returned it, when, with what comment).
#[utoipa::path(get, path = "/api/v1/projects/{id}/indicators/{indicator_id}/actuals", tag = "results",
    params(("id" = i64, Path, description = "Project id"),
           ("indicator_id" = i64, Path, description = "Indicator id")),
    responses(
        (status = 200, description = "The actuals", body = IndicatorActuals),
        (status = 403, description = "The caller may not see this project", body = ErrorBody),
        (status = 404, description = "No such indicator in this project", body = ErrorBody)))]
async fn list_actuals(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, indicator)): Path<(String, String)>,
) -> ApiResult<Json<IndicatorActuals>> {
    Ok(Json(
        state
            .services
            .indicator_actuals(&caller, parse_id(&id)?, parse_id(&indicator)?)
            .await?,
    ))
}

/// The period and language of a computed actual.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ComputedQuery {
    /// The reporting period's code (`2025`, `2025-Q1`...).
    period: Option<String>,
    /// `en` or `es` for the note; default from `Accept-Language`.
    lang: Option<String>,
}

/// A period's actual worked out from the project's records, for the library indicators the
/// records define (illicit and licit hectares on plots, hectares eradicated and verified,
/// replanting rate, agreements signed, support before eradication, households, beneficiaries,
/// women beneficiaries, licit income, people trained): the total, the cells where the records
/// split it so, how it was worked out, and the entry form filled with it. Nothing is stored:
/// post the form to save it as a draft.
#[utoipa::path(get, path = "/api/v1/projects/{id}/indicators/{indicator_id}/actuals/computed", tag = "results",
    params(("id" = i64, Path, description = "Project id"),
           ("indicator_id" = i64, Path, description = "Indicator id"),
           ComputedQuery),
    responses(
        (status = 200, description = "The figure worked out", body = ComputedActual),
        (status = 403, description = "The caller may not enter actuals here", body = ErrorBody),
        (status = 404, description = "No such indicator in this project", body = ErrorBody),
        (status = 422, description = "The indicator is not one the records define (`not_computed`), or the period is not one of its periods", body = ErrorBody)))]
async fn computed_actual(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, indicator)): Path<(String, String)>,
    Query(query): Query<ComputedQuery>,
    headers: HeaderMap,
) -> ApiResult<Json<ComputedActual>> {
    let locale = query
        .lang
        .as_deref()
        .and_then(shared::i18n::Locale::from_code)
        .unwrap_or_else(|| app::i18n::locale_from_headers(&headers));
    Ok(Json(
        state
            .services
            .computed_actual(
                &caller,
                parse_id(&id)?,
                parse_id(&indicator)?,
                query.period.as_deref().unwrap_or_default(),
                locale,
            )
            .await?,
    ))
}

/// Saves a period's actual as a draft: the total and the cells of the indicator's
/// disaggregation (for units that add up the total may be left out). An approved period is
/// locked (`period_locked`: start a revision); a submitted one waits (`awaiting_approval`).
#[utoipa::path(post, path = "/api/v1/projects/{id}/indicators/{indicator_id}/actuals", tag = "results",
    params(("id" = i64, Path, description = "Project id"),
           ("indicator_id" = i64, Path, description = "Indicator id")),
    request_body = ActualForm,
    responses(
        (status = 200, description = "The draft as stored", body = Actual),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not enter actuals here", body = ErrorBody),
        (status = 404, description = "No such indicator in this project", body = ErrorBody),
        (status = 422, description = "Not valid, or not allowed in the period's state; nothing was stored", body = ErrorBody)))]
async fn save_actual(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, indicator)): Path<(String, String)>,
    ApiJson(form): ApiJson<ActualForm>,
) -> ApiResult<Json<Actual>> {
    Ok(Json(
        state
            .services
            .save_actual(&caller, parse_id(&id)?, parse_id(&indicator)?, form)
            .await?,
    ))
}

/// Takes a workflow step: `submit` (a draft or returned actual), `approve` or `return` (a
/// submitted one; returning needs a `comment`; both need `approve_actuals`), or `revise` (an
/// approved one: a new draft revision, the approved one kept).
#[utoipa::path(post, path = "/api/v1/projects/{id}/actuals/{actual_id}/steps", tag = "results",
    params(("id" = i64, Path, description = "Project id"),
           ("actual_id" = i64, Path, description = "Actual id")),
    request_body = StepForm,
    responses(
        (status = 200, description = "The actual after the step (the new revision for `revise`)", body = Actual),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not take this step", body = ErrorBody),
        (status = 404, description = "No such actual in this project", body = ErrorBody),
        (status = 422, description = "The step is not allowed in its state, or the comment is missing", body = ErrorBody)))]
async fn take_step(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, actual)): Path<(String, String)>,
    ApiJson(form): ApiJson<StepForm>,
) -> ApiResult<Json<Actual>> {
    Ok(Json(
        state
            .services
            .actual_step(&caller, parse_id(&id)?, parse_id(&actual)?, form)
            .await?,
    ))
}
