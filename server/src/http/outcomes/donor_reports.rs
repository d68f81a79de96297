//! Donor reports over the REST API and the pages' plain form posts: start a report, write and
//! save its narratives, issue it, and download it as print-ready HTML, PDF, XLSX (a sheet per
//! table) or CSV (a row per figure).

use crate::http::AppState;
use crate::http::api::parse_id;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::ApiJson;
use crate::http::forms::Posted;
use crate::http::forms::{done_or_failed, saved_or_again};
use app::error::AppError;
use axum::Json;
use axum::extract::{Extension, Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use shared::auth::Caller;
use shared::donor_report::{NarrativesForm, ReportChoices, ReportForm, ReportList, SavedReport};
use shared::error::ErrorBody;
use shared::report_document::{csv_file, html_file, pdf_file, tables};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of the REST API.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_reports, create_report))
        .routes(routes!(report_choices))
        .routes(routes!(get_report))
        .routes(routes!(save_narratives))
        .routes(routes!(issue_report))
        .routes(routes!(report_file))
}

/// The plain form posts.
pub fn add_routes(router: axum::Router<AppState>) -> axum::Router<AppState> {
    router
        .route("/reports", axum::routing::post(post_report))
        .route(
            "/reports/{id}/narratives",
            axum::routing::post(post_narratives),
        )
        .route("/reports/{id}/issue", axum::routing::post(post_issue))
}

/// The saved donor reports the caller may read, newest first: those covering only projects
/// the caller may publish reports of (`publish_reports`), and — for a donor's viewers — the
/// issued reports made for their donor.
#[utoipa::path(get, path = "/api/v1/reports", tag = "reports",
    responses(
        (status = 200, description = "The reports", body = ReportList),
        (status = 401, description = "Nobody is signed in", body = ErrorBody)))]
async fn list_reports(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<ReportList>> {
    Ok(Json(state.services.list_reports(&caller).await?))
}

/// The donors, agreements and projects a new report may cover.
#[utoipa::path(get, path = "/api/v1/reports/choices", tag = "reports",
    responses(
        (status = 200, description = "The choices", body = ReportChoices),
        (status = 403, description = "The caller may publish no reports", body = ErrorBody)))]
async fn report_choices(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<ReportChoices>> {
    Ok(Json(state.services.report_choices(&caller).await?))
}

/// Starts a donor report (a draft): for a donor (every project it funds and its agreements),
/// one agreement (the projects it earmarks) or chosen projects (with the agreements earmarked
/// to them), over a period, in a language. Needs `publish_reports` on every project covered.
/// Answers the draft, worked out now.
#[utoipa::path(post, path = "/api/v1/reports", tag = "reports",
    request_body = ReportForm,
    responses(
        (status = 201, description = "Started", body = SavedReport),
        (status = 403, description = "The caller may not publish reports of a project covered", body = ErrorBody),
        (status = 422, description = "A field is missing or wrong (each named); nothing was stored", body = ErrorBody)))]
async fn create_report(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiJson(form): ApiJson<ReportForm>,
) -> ApiResult<(StatusCode, Json<SavedReport>)> {
    let id = state.services.create_report(&caller, form).await?;
    Ok((
        StatusCode::CREATED,
        Json(state.services.get_report(&caller, id).await?),
    ))
}

/// A saved report: a draft is worked out from the records now; an issued one is answered
/// exactly as it was issued.
#[utoipa::path(get, path = "/api/v1/reports/{id}", tag = "reports",
    params(("id" = i64, Path, description = "Report id")),
    responses(
        (status = 200, description = "The report", body = SavedReport),
        (status = 403, description = "The caller may not read it", body = ErrorBody),
        (status = 404, description = "No such report", body = ErrorBody)))]
async fn get_report(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<SavedReport>> {
    Ok(Json(
        state.services.get_report(&caller, parse_id(&id)?).await?,
    ))
}

/// Saves a draft's narrative sections (`context`, `progress`, `challenges`, `next_steps`;
/// empty ones are left out). An issued report's narratives cannot change (`report`).
#[utoipa::path(put, path = "/api/v1/reports/{id}/narratives", tag = "reports",
    params(("id" = i64, Path, description = "Report id")),
    request_body = NarrativesForm,
    responses(
        (status = 200, description = "Saved", body = SavedReport),
        (status = 403, description = "The caller may not write it", body = ErrorBody),
        (status = 404, description = "No such report", body = ErrorBody),
        (status = 422, description = "An unknown section, a text too long, or the report was issued; nothing was changed", body = ErrorBody)))]
async fn save_narratives(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<NarrativesForm>,
) -> ApiResult<Json<SavedReport>> {
    Ok(Json(
        state
            .services
            .save_narratives(&caller, parse_id(&id)?, form)
            .await?,
    ))
}

/// Issues a draft: the report is kept as it is now and reopens so from then on, whatever
/// happens to the records.
#[utoipa::path(post, path = "/api/v1/reports/{id}/issue", tag = "reports",
    params(("id" = i64, Path, description = "Report id")),
    responses(
        (status = 200, description = "Issued", body = SavedReport),
        (status = 403, description = "The caller may not issue it", body = ErrorBody),
        (status = 404, description = "No such report", body = ErrorBody),
        (status = 422, description = "It was issued already (`report`)", body = ErrorBody)))]
async fn issue_report(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<SavedReport>> {
    Ok(Json(
        state.services.issue_report(&caller, parse_id(&id)?).await?,
    ))
}

/// A report as a file: `report.html` (print-ready, charts and map inline), `report.pdf`
/// (A4 landscape), `report.xlsx` (a sheet per table) or `report.csv` (a row per figure with
/// its period, unit and currency). Protected like every donor output: no names, no household
/// or plot points, counts under 5 withheld.
#[utoipa::path(get, path = "/api/v1/reports/{id}/{file}", tag = "reports",
    params(("id" = i64, Path, description = "Report id"),
        ("file" = String, Path, description = "`report.html`, `report.pdf`, `report.xlsx` or `report.csv`")),
    responses(
        (status = 200, description = "The file"),
        (status = 403, description = "The caller may not read it", body = ErrorBody),
        (status = 404, description = "No such report or file", body = ErrorBody)))]
async fn report_file(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, file)): Path<(String, String)>,
) -> ApiResult<Response> {
    if !caller.is_signed_in() {
        return Err(ApiError(AppError::Unauthorized));
    }
    let id = parse_id(&id)?;
    let format = match file.as_str() {
        "report.html" => "html",
        "report.pdf" => "pdf",
        "report.xlsx" => "xlsx",
        "report.csv" => "csv",
        _ => return Err(ApiError(AppError::NotFound)),
    };
    let saved = state.services.export_report(&caller, id, format).await?;
    let r = &saved.report;
    let name = format!("donor-report-{id}.{format}");
    Ok(match format {
        "html" => crate::http::api::inline("text/html; charset=utf-8", &name, html_file(r)),
        "pdf" => crate::http::api::attachment("application/pdf", &name, pdf_file(r)),
        "csv" => crate::http::api::attachment("text/csv; charset=utf-8", &name, csv_file(r)),
        _ => {
            let bytes = crate::xlsx::workbook(&tables(r)).map_err(|e| {
                tracing::error!(%e, "a workbook could not be written");
                ApiError(AppError::Internal)
            })?;
            crate::http::api::attachment(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &name,
                bytes,
            )
        }
    })
}

/// `POST /reports`: starts a report and goes to it; the form again with each problem otherwise.
async fn post_report(State(state): State<AppState>, request: Request) -> Response {
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let form = ReportForm::from_pairs(posted.fields());
    let result = state
        .services
        .create_report(&posted.caller, form.clone())
        .await
        .map(|id| format!("/reports/{id}"));
    saved_or_again(&state, posted.parts, result, "/reports/new", form).await
}

fn report_id(raw: &str) -> Option<i64> {
    raw.parse::<i64>().ok().filter(|id| *id > 0)
}

/// `POST /reports/{id}/narratives`: saves the narratives; the page again keeping what was
/// typed on an error.
async fn post_narratives(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request,
) -> Response {
    let Some(id) = report_id(&raw) else {
        return crate::http::forms::plain_error(AppError::NotFound);
    };
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let form = NarrativesForm::from_pairs(posted.fields());
    let result = state
        .services
        .save_narratives(&posted.caller, id, form.clone())
        .await
        .map(|_| format!("/reports/{id}?saved=1#narratives"));
    saved_or_again(
        &state,
        posted.parts,
        result,
        &format!("/reports/{id}"),
        form,
    )
    .await
}

/// `POST /reports/{id}/issue`: issues the report.
async fn post_issue(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request,
) -> Response {
    let Some(id) = report_id(&raw) else {
        return crate::http::forms::plain_error(AppError::NotFound);
    };
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let result = state
        .services
        .issue_report(&posted.caller, id)
        .await
        .map(|_| format!("/reports/{id}"));
    done_or_failed(&state, posted.parts, result, &format!("/reports/{id}")).await
}
