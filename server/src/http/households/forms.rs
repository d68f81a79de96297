//! Plain form posts of the household registry, households' plots, agreements and support: a 303 to the household's page on success; on
//! error, the form's page again (422) with every typed value kept and each problem named next to
//! its field.

use crate::http::AppState;
use crate::http::forms::{Posted, plain_error};
use crate::http::forms::{done_or_failed, id, saved_or_again};
use app::error::AppError;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use shared::activity::ReportForm;
use shared::actuals::{ActualForm, StepForm};
use shared::agreement::{AgreementForm, SupportForm, VerificationForm};
use shared::household::{HouseholdForm, StatusForm};
use shared::plot::{PlotForm, PlotUseForm};
use shared::visit::VisitForm;

/// The id in the address and the post, or the answer to give at once.
async fn read(raw_id: &str, request: Request) -> Result<(i64, Posted), Response> {
    let id = id(raw_id).map_err(plain_error)?;
    Ok((id, Posted::read(request).await?))
}

/// `POST /projects/{id}/households/new`: registers a household.
pub async fn post_new_household(
    State(state): State<AppState>,
    Path(project): Path<String>,
    request: Request,
) -> Response {
    let (project, posted) = match read(&project, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = HouseholdForm::from_pairs(posted.fields());
    let result = state
        .services
        .register_household(&posted.caller, project, form.clone())
        .await
        .map(|h| format!("/households/{}", h.id));
    let page = format!("/projects/{project}/households/new");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /households/{id}/edit`: changes a household.
pub async fn post_edit_household(
    State(state): State<AppState>,
    Path(household): Path<String>,
    request: Request,
) -> Response {
    let (household, posted) = match read(&household, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = HouseholdForm::from_pairs(posted.fields());
    let result = state
        .services
        .update_household(&posted.caller, household, form.clone())
        .await
        .map(|h| format!("/households/{}", h.id));
    let page = format!("/households/{household}/edit");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /households/{id}/status`: records a status change.
pub async fn post_household_status(
    State(state): State<AppState>,
    Path(household): Path<String>,
    request: Request,
) -> Response {
    let (household, posted) = match read(&household, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = StatusForm::from_pairs(posted.fields());
    let result = state
        .services
        .change_household_status(&posted.caller, household, form.clone())
        .await
        .map(|_| format!("/households/{household}#history"));
    let page = format!("/households/{household}");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /households/{id}/plots/new`: adds a plot to a household.
pub async fn post_new_plot(
    State(state): State<AppState>,
    Path(household): Path<String>,
    request: Request,
) -> Response {
    let (household, posted) = match read(&household, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = PlotForm::from_pairs(posted.fields());
    let result = state
        .services
        .add_plot(&posted.caller, household, form.clone())
        .await
        .map(|p| format!("/plots/{}", p.id));
    let page = format!("/households/{household}/plots/new");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /plots/{id}/edit`: changes a plot.
pub async fn post_edit_plot(
    State(state): State<AppState>,
    Path(plot): Path<String>,
    request: Request,
) -> Response {
    let (plot, posted) = match read(&plot, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = PlotForm::from_pairs(posted.fields());
    let result = state
        .services
        .update_plot(&posted.caller, plot, form.clone())
        .await
        .map(|p| format!("/plots/{}", p.id));
    let page = format!("/plots/{plot}/edit");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /plots/{id}/uses`: records what grew on a plot on a day.
pub async fn post_plot_use(
    State(state): State<AppState>,
    Path(plot): Path<String>,
    request: Request,
) -> Response {
    let (plot, posted) = match read(&plot, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = PlotUseForm::from_pairs(posted.fields());
    let result = state
        .services
        .record_plot_use(&posted.caller, plot, form.clone())
        .await
        .map(|_| format!("/plots/{plot}#uses"));
    let page = format!("/plots/{plot}");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /plots/{id}/uses/{use_id}/delete`: deletes a record made in error.
pub async fn post_delete_plot_use(
    State(state): State<AppState>,
    Path((plot, record)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (plot, posted) = match read(&plot, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let result = match id(&record) {
        Ok(record) => state
            .services
            .delete_plot_use(&posted.caller, plot, record)
            .await
            .map_err(AppError::from)
            .map(|_| format!("/plots/{plot}#uses")),
        Err(error) => Err(error),
    };
    let page = format!("/plots/{plot}");
    done_or_failed(&state, posted.parts, result, &page).await
}

/// `POST /households/{id}/agreements/new`: records an eradication agreement.
pub async fn post_new_agreement(
    State(state): State<AppState>,
    Path(household): Path<String>,
    request: Request,
) -> Response {
    let (household, posted) = match read(&household, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = AgreementForm::from_pairs(posted.fields());
    let result = state
        .services
        .sign_agreement(&posted.caller, household, form.clone())
        .await
        .map(|a| format!("/agreements/{}", a.id));
    let page = format!("/households/{household}/agreements/new");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /agreements/{id}/verifications`: records a verification visit.
pub async fn post_verification(
    State(state): State<AppState>,
    Path(agreement): Path<String>,
    request: Request,
) -> Response {
    let (agreement, posted) = match read(&agreement, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = VerificationForm::from_pairs(posted.fields());
    let result = state
        .services
        .record_verification(&posted.caller, agreement, form.clone())
        .await
        .map(|_| format!("/agreements/{agreement}#verifications"));
    let page = format!("/agreements/{agreement}");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /households/{id}/support`: records support delivered.
pub async fn post_support(
    State(state): State<AppState>,
    Path(household): Path<String>,
    request: Request,
) -> Response {
    let (household, posted) = match read(&household, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = SupportForm::from_pairs(posted.fields());
    let result = state
        .services
        .record_support(&posted.caller, household, form.clone())
        .await
        .map(|_| format!("/households/{household}#support"));
    let page = format!("/households/{household}");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /households/{id}/visits`: records a monitoring visit (the same entry sent twice is
/// stored once).
pub async fn post_visit(
    State(state): State<AppState>,
    Path(household): Path<String>,
    request: Request,
) -> Response {
    let (household, posted) = match read(&household, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = VisitForm::from_pairs(posted.fields());
    let result = state
        .services
        .record_visit(&posted.caller, household, form.clone())
        .await
        .map(|_| format!("/households/{household}#visits"));
    let page = format!("/households/{household}/visits/new");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /projects/{id}/reports`: records a community activity report.
pub async fn post_report(
    State(state): State<AppState>,
    Path(project): Path<String>,
    request: Request,
) -> Response {
    let (project, posted) = match read(&project, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = ReportForm::from_pairs(posted.fields());
    let result = state
        .services
        .record_report(&posted.caller, project, form.clone())
        .await
        .map(|_| format!("/projects/{project}/reports#reports"));
    let page = format!("/projects/{project}/reports");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /projects/{id}/indicators/{indicator_id}/actuals`: saves a period's actual as a draft.
pub async fn post_actual(
    State(state): State<AppState>,
    Path((project, indicator)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (project, posted) = match read(&project, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = ActualForm::from_pairs(posted.fields());
    let page = format!("/projects/{project}/indicators/{indicator}/actuals");
    let result = match id(&indicator) {
        Ok(indicator) => state
            .services
            .save_actual(&posted.caller, project, indicator, form.clone())
            .await
            .map_err(AppError::from)
            .map(|_| format!("{page}#actuals")),
        Err(error) => Err(error),
    };
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /projects/{id}/actuals/{actual_id}/steps`: a workflow step; back to the actual's
/// indicator (on an error, to the page the post names in `indicator_id`, where it came from).
pub async fn post_actual_step(
    State(state): State<AppState>,
    Path((project, actual)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (project, posted) = match read(&project, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let indicator = posted
        .fields()
        .find(|(k, _)| *k == "indicator_id")
        .map(|(_, v)| v.to_owned())
        .unwrap_or_default();
    let form = StepForm::from_pairs(posted.fields());
    let page = format!("/projects/{project}/indicators/{indicator}/actuals");
    let result = match id(&actual) {
        Ok(actual) => state
            .services
            .actual_step(&posted.caller, project, actual, form.clone())
            .await
            .map_err(AppError::from)
            .map(|a| {
                format!(
                    "/projects/{project}/indicators/{}/actuals#actuals",
                    a.indicator_id
                )
            }),
        Err(error) => Err(error),
    };
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// Adds the routes.
pub fn add_routes(router: axum::Router<AppState>) -> axum::Router<AppState> {
    use axum::routing::post;
    router
        .route("/projects/{id}/households/new", post(post_new_household))
        .route("/households/{id}/edit", post(post_edit_household))
        .route("/households/{id}/status", post(post_household_status))
        .route("/households/{id}/plots/new", post(post_new_plot))
        .route("/plots/{id}/edit", post(post_edit_plot))
        .route("/households/{id}/agreements/new", post(post_new_agreement))
        .route("/agreements/{id}/verifications", post(post_verification))
        .route("/households/{id}/support", post(post_support))
        .route("/households/{id}/visits", post(post_visit))
        .route("/projects/{id}/reports", post(post_report))
        .route(
            "/projects/{id}/indicators/{indicator_id}/actuals",
            post(post_actual),
        )
        .route(
            "/projects/{id}/actuals/{actual_id}/steps",
            post(post_actual_step),
        )
        .route("/plots/{id}/uses", post(post_plot_use))
        .route(
            "/plots/{id}/uses/{use_id}/delete",
            post(post_delete_plot_use),
        )
}
