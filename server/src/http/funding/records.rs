//! Funding agreements, tranches, transactions and funding figures over the REST API, and the
//! plain form posts of their pages: a 303 to the record's page on success; on error, the form's
//! page again with every typed value kept and each problem named next to its field.

use crate::http::AppState;
use crate::http::api::{created, parse_id};
use crate::http::error::ApiResult;
use crate::http::extract::ApiJson;
use crate::http::forms::{Posted, plain_error};
use crate::http::forms::{id, saved_or_again};
use axum::Json;
use axum::extract::{Extension, Path, Query, Request, State};
use axum::response::Response;
use serde::Deserialize;
use services::FundingFilter;
use shared::auth::Caller;
use shared::error::ErrorBody;
use shared::funding::{FundingOverview, FundingSubject};
use shared::funding_agreement::{
    FundingAgreement, FundingAgreementForm, FundingAgreementView, Tranche, TrancheForm,
    Transaction, TransactionForm,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of the REST API.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_agreements, create_agreement))
        .routes(routes!(get_agreement, update_agreement))
        .routes(routes!(add_tranche))
        .routes(routes!(list_transactions, add_transaction))
        .routes(routes!(project_funding))
        .routes(routes!(program_funding))
        .routes(routes!(donor_funding))
}

/// The plain form posts.
pub fn add_routes(router: axum::Router<AppState>) -> axum::Router<AppState> {
    use axum::routing::post;
    router
        .route("/funding-agreements/new", post(post_new_agreement))
        .route("/funding-agreements/{id}/edit", post(post_edit_agreement))
        .route("/funding-agreements/{id}/tranches", post(post_tranche))
        .route(
            "/funding-agreements/{id}/transactions",
            post(post_agreement_transaction),
        )
        .route(
            "/projects/{id}/transactions",
            post(post_project_transaction),
        )
}

/// Which agreements or transactions to list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct FilterQuery {
    /// Only this donor's.
    donor_id: Option<i64>,
    /// Only those counted in this program.
    program_id: Option<i64>,
    /// Only those counted in (agreements: earmarked for) this project.
    project_id: Option<i64>,
    /// Only this agreement's (transactions).
    agreement_id: Option<i64>,
}

impl From<FilterQuery> for FundingFilter {
    fn from(q: FilterQuery) -> FundingFilter {
        FundingFilter {
            donor_id: q.donor_id,
            program_id: q.program_id,
            project_id: q.project_id,
            agreement_id: q.agreement_id,
        }
    }
}

/// The funding agreements the caller may read (a donor viewer: its donor's), newest first.
#[utoipa::path(get, path = "/api/v1/funding-agreements", tag = "funding",
    params(FilterQuery),
    responses(
        (status = 200, description = "The agreements", body = [FundingAgreement]),
        (status = 401, description = "Nobody is signed in", body = ErrorBody)))]
async fn list_agreements(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(query): Query<FilterQuery>,
) -> ApiResult<Json<Vec<FundingAgreement>>> {
    Ok(Json(
        state
            .services
            .list_agreements(&caller, query.into())
            .await?,
    ))
}

/// Records a donor's funding agreement: amount and currency, period, earmark (a program, one
/// of its projects, one of that project's components), long-term and flexible flags, and its
/// reporting. An agreement earmarked for a project names the donor among the project's donors.
/// Needs `manage_funding` where it is earmarked.
#[utoipa::path(post, path = "/api/v1/funding-agreements", tag = "funding",
    request_body = FundingAgreementForm,
    responses(
        (status = 201, description = "Recorded", body = FundingAgreement),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not record funding there", body = ErrorBody),
        (status = 422, description = "Some fields are not valid (an unknown donor, a project outside the program, a component of another project, an end before the start); nothing was stored", body = ErrorBody)))]
async fn create_agreement(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiJson(form): ApiJson<FundingAgreementForm>,
) -> ApiResult<Response> {
    let agreement = state.services.create_agreement(&caller, form).await?;
    Ok(created(
        format!("/api/v1/funding-agreements/{}", agreement.id),
        agreement,
    ))
}

/// One agreement with its reporting periods (and when each report is due), planned tranches,
/// transactions and its figures in its own currency.
#[utoipa::path(get, path = "/api/v1/funding-agreements/{id}", tag = "funding",
    params(("id" = i64, Path, description = "Funding agreement id")),
    responses(
        (status = 200, description = "The agreement", body = FundingAgreementView),
        (status = 403, description = "The caller may not read it (another donor's, for a donor viewer)", body = ErrorBody),
        (status = 404, description = "No such agreement", body = ErrorBody)))]
async fn get_agreement(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<FundingAgreementView>> {
    Ok(Json(
        state
            .services
            .get_agreement(&caller, parse_id(&id)?)
            .await?,
    ))
}

/// Changes an agreement (every field but its donor, which stays; `donor_id` is ignored). Its
/// planned tranches must still fit in its amount, and its currency changes only while none is
/// planned.
#[utoipa::path(put, path = "/api/v1/funding-agreements/{id}", tag = "funding",
    params(("id" = i64, Path, description = "Funding agreement id")),
    request_body = FundingAgreementForm,
    responses(
        (status = 200, description = "Changed", body = FundingAgreement),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not record funding there", body = ErrorBody),
        (status = 404, description = "No such agreement", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was changed", body = ErrorBody)))]
async fn update_agreement(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<FundingAgreementForm>,
) -> ApiResult<Json<FundingAgreement>> {
    Ok(Json(
        state
            .services
            .update_agreement(&caller, parse_id(&id)?, form)
            .await?,
    ))
}

/// Plans a tranche of an agreement: due within its period, all tranches together no more than
/// its amount (`exceeds_agreement` says what remains).
#[utoipa::path(post, path = "/api/v1/funding-agreements/{id}/tranches", tag = "funding",
    params(("id" = i64, Path, description = "Funding agreement id")),
    request_body = TrancheForm,
    responses(
        (status = 201, description = "Planned", body = Tranche),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not record funding there", body = ErrorBody),
        (status = 404, description = "No such agreement", body = ErrorBody),
        (status = 422, description = "Some fields are not valid; nothing was stored", body = ErrorBody)))]
async fn add_tranche(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<TrancheForm>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let tranche = state.services.add_tranche(&caller, id, form).await?;
    Ok(created(format!("/api/v1/funding-agreements/{id}"), tranche))
}

/// The transactions the caller may read (a donor viewer: those of its donor's agreements),
/// newest value day first.
#[utoipa::path(get, path = "/api/v1/transactions", tag = "funding",
    params(FilterQuery),
    responses(
        (status = 200, description = "The transactions", body = [Transaction]),
        (status = 401, description = "Nobody is signed in", body = ErrorBody)))]
async fn list_transactions(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(query): Query<FilterQuery>,
) -> ApiResult<Json<Vec<Transaction>>> {
    Ok(Json(
        state
            .services
            .list_transactions(&caller, query.into())
            .await?,
    ))
}

/// Records a transaction: a commitment or incoming funds under an agreement, a disbursement or
/// an expenditure of a project (under an agreement or not), with its value day (not in the
/// future), amount and currency (any: figures convert at the day's rate), description,
/// component and budget line. A project must be within the agreement's earmark.
#[utoipa::path(post, path = "/api/v1/transactions", tag = "funding",
    request_body = TransactionForm,
    responses(
        (status = 201, description = "Recorded", body = Transaction),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 403, description = "The caller may not record funding there", body = ErrorBody),
        (status = 422, description = "Some fields are not valid (`outside_earmark`, an unknown agreement, project, component or budget line, a day in the future); nothing was stored", body = ErrorBody)))]
async fn add_transaction(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiJson(form): ApiJson<TransactionForm>,
) -> ApiResult<Response> {
    let transaction = state.services.add_transaction(&caller, form).await?;
    Ok(created(
        format!(
            "/api/v1/transactions?agreement_id={}",
            transaction.agreement_id.unwrap_or(0)
        ),
        transaction,
    ))
}

/// The currency to show figures in.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct CurrencyQuery {
    /// ISO 4217; the subject's own when absent (a project's currency, the currency of most of a
    /// program's budget, a donor's first agreement's).
    currency: Option<String>,
}

async fn overview(
    state: &AppState,
    caller: &Caller,
    subject: FundingSubject,
    id: &str,
    query: CurrencyQuery,
) -> ApiResult<Json<FundingOverview>> {
    Ok(Json(
        state
            .services
            .funding_overview(
                caller,
                subject,
                parse_id(id)?,
                query.currency.as_deref().unwrap_or_default(),
            )
            .await?,
    ))
}

/// A project's funding in one currency: budget (its budget lines, also by component and year),
/// committed, disbursed, spent, the gap and what remains to disburse, the spending rate, the
/// same quarter by quarter, its agreements and transactions. A donor viewer sees the figures of
/// its donor's agreements only.
#[utoipa::path(get, path = "/api/v1/projects/{id}/funding", tag = "funding",
    params(("id" = i64, Path, description = "Project id"), CurrencyQuery),
    responses(
        (status = 200, description = "The figures", body = FundingOverview),
        (status = 403, description = "The caller may not read this project's funding", body = ErrorBody),
        (status = 404, description = "No such project", body = ErrorBody),
        (status = 422, description = "An unknown currency", body = ErrorBody)))]
async fn project_funding(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(query): Query<CurrencyQuery>,
) -> ApiResult<Json<FundingOverview>> {
    overview(&state, &caller, FundingSubject::Project, &id, query).await
}

/// A program's funding in one currency, with a line per project.
#[utoipa::path(get, path = "/api/v1/programs/{id}/funding", tag = "funding",
    params(("id" = i64, Path, description = "Program id"), CurrencyQuery),
    responses(
        (status = 200, description = "The figures", body = FundingOverview),
        (status = 403, description = "The caller may not read this program's funding", body = ErrorBody),
        (status = 404, description = "No such program", body = ErrorBody),
        (status = 422, description = "An unknown currency", body = ErrorBody)))]
async fn program_funding(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(query): Query<CurrencyQuery>,
) -> ApiResult<Json<FundingOverview>> {
    overview(&state, &caller, FundingSubject::Program, &id, query).await
}

/// A donor's funding in one currency: its agreements' amounts as the budget, and what was
/// committed, received and spent under them, with a line per agreement.
#[utoipa::path(get, path = "/api/v1/donors/{id}/funding", tag = "funding",
    params(("id" = i64, Path, description = "Donor id"), CurrencyQuery),
    responses(
        (status = 200, description = "The figures", body = FundingOverview),
        (status = 403, description = "The caller may not read this donor's funding", body = ErrorBody),
        (status = 404, description = "No such donor", body = ErrorBody),
        (status = 422, description = "An unknown currency", body = ErrorBody)))]
async fn donor_funding(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(query): Query<CurrencyQuery>,
) -> ApiResult<Json<FundingOverview>> {
    overview(&state, &caller, FundingSubject::Donor, &id, query).await
}

async fn read(raw_id: &str, request: Request) -> Result<(i64, Posted), Response> {
    let id = id(raw_id).map_err(plain_error)?;
    Ok((id, Posted::read(request).await?))
}

/// `POST /funding-agreements/new`: records an agreement.
pub async fn post_new_agreement(State(state): State<AppState>, request: Request) -> Response {
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let form = FundingAgreementForm::from_pairs(posted.fields());
    let result = state
        .services
        .create_agreement(&posted.caller, form.clone())
        .await
        .map(|a| format!("/funding-agreements/{}", a.id));
    saved_or_again(
        &state,
        posted.parts,
        result,
        "/funding-agreements/new",
        form,
    )
    .await
}

/// `POST /funding-agreements/{id}/edit`: changes an agreement.
pub async fn post_edit_agreement(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request,
) -> Response {
    let (agreement, posted) = match read(&raw, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = FundingAgreementForm::from_pairs(posted.fields());
    let result = state
        .services
        .update_agreement(&posted.caller, agreement, form.clone())
        .await
        .map(|a| format!("/funding-agreements/{}", a.id));
    let page = format!("/funding-agreements/{agreement}/edit");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /funding-agreements/{id}/tranches`: plans a tranche.
pub async fn post_tranche(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request,
) -> Response {
    let (agreement, posted) = match read(&raw, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = TrancheForm::from_pairs(posted.fields());
    let result = state
        .services
        .add_tranche(&posted.caller, agreement, form.clone())
        .await
        .map(|_| format!("/funding-agreements/{agreement}#tranches"));
    let page = format!("/funding-agreements/{agreement}");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /funding-agreements/{id}/transactions`: a transaction under the agreement.
pub async fn post_agreement_transaction(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request,
) -> Response {
    let (agreement, posted) = match read(&raw, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let mut form = TransactionForm::from_pairs(posted.fields());
    form.agreement_id = agreement.to_string();
    let result = state
        .services
        .add_transaction(&posted.caller, form.clone())
        .await
        .map(|_| format!("/funding-agreements/{agreement}#transactions"));
    let page = format!("/funding-agreements/{agreement}");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /projects/{id}/transactions`: a transaction of the project.
pub async fn post_project_transaction(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request,
) -> Response {
    let (project, posted) = match read(&raw, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let mut form = TransactionForm::from_pairs(posted.fields());
    form.project_id = project.to_string();
    let result = state
        .services
        .add_transaction(&posted.caller, form.clone())
        .await
        .map(|_| format!("/projects/{project}/funding#transactions"));
    let page = format!("/projects/{project}/funding");
    saved_or_again(&state, posted.parts, result, &page, form).await
}
