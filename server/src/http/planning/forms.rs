//! Plain form posts of a project's plan, results framework and timeline tabs. Success redirects
//! (303) to the tab, at the record; a problem renders the page the form was on again, with what
//! was typed and every problem next to its field; a button that fails (a delete) renders its tab
//! saying why.

use crate::http::AppState;
use crate::http::forms::{
    Posted, at, caller_of, done_or_failed, id, plain_error, render_again, render_page,
    saved_or_again,
};
use app::error::AppError;
use app::i18n::locale_from_headers;
use app::submission::{KindedForm, Made, PlainFormResponse};
use axum::extract::{Path, Request, State};
use axum::response::Response;
use http::{StatusCode, header};
use leptos::prelude::provide_context;
use shared::baseline_record::{BaselineForm, BaselineImportForm};
use shared::livelihood::LivelihoodPlanForm;
use shared::results::{IndicatorForm, ResultForm, TargetsForm};
use shared::safeguard::{SafeguardForm, SafeguardKind};
use shared::timeline::{ActivityForm, BudgetLineForm, ComponentForm, MilestoneForm};

fn ids(project: &str, item: &str) -> Result<(i64, i64), AppError> {
    Ok((id(project)?, id(item)?))
}

macro_rules! read {
    ($request:expr) => {
        match Posted::read($request).await {
            Ok(posted) => posted,
            Err(answer) => return answer,
        }
    };
}

macro_rules! parse {
    ($e:expr) => {
        match $e {
            Ok(value) => value,
            Err(error) => return plain_error(error),
        }
    };
}

// ------------------------------------------------------------------ plan tab

/// `POST /projects/{id}/baselines`.
pub async fn post_baseline(
    State(state): State<AppState>,
    Path(project): Path<String>,
    request: Request,
) -> Response {
    let project = parse!(id(&project));
    let posted = read!(request);
    let form = BaselineForm::from_pairs(posted.fields());
    let result = state
        .services
        .save_baseline(&posted.caller, project, form.clone())
        .await
        .map(|_| format!("/projects/{project}/plan#baselines"));
    let page = format!("/projects/{project}/plan");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /projects/{id}/baselines/{baseline_id}/delete`.
pub async fn post_delete_baseline(
    State(state): State<AppState>,
    Path((project, item)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (project, item) = parse!(ids(&project, &item));
    let posted = read!(request);
    let result = state
        .services
        .delete_baseline(&posted.caller, project, item)
        .await
        .map(|()| format!("/projects/{project}/plan#baselines"));
    let page = format!("/projects/{project}/plan");
    done_or_failed(&state, posted.parts, result, &page).await
}

/// The fields of a post sent as `multipart/form-data` (a file upload) or url-encoded, with the
/// text of the file field `file` put in `file_field` when the file is not empty.
async fn fields_with_upload(
    request: Request,
    state: &AppState,
    file_field: &str,
) -> Result<
    (
        shared::auth::Caller,
        http::request::Parts,
        Vec<(String, String)>,
    ),
    Response,
> {
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !is_multipart {
        let posted = Posted::read(request).await?;
        return Ok((posted.caller, posted.parts, posted.pairs));
    }
    use axum::extract::FromRequest;
    let caller = caller_of(&request);
    let (parts, body) = request.into_parts();
    let rebuilt = Request::from_parts(parts.clone(), body);
    let mut multipart = axum::extract::Multipart::from_request(rebuilt, state)
        .await
        .map_err(|_| plain_error(AppError::BadRequest("The form could not be read.".into())))?;
    let mut pairs = Vec::new();
    let mut uploaded = String::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| plain_error(AppError::TooLarge(crate::http::BODY_LIMIT)))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field
            .bytes()
            .await
            .map_err(|_| plain_error(AppError::TooLarge(crate::http::BODY_LIMIT)))?;
        let text = crate::http::forms::decode_text(&bytes);
        if name == "file" {
            uploaded = text;
        } else {
            pairs.push((name, text));
        }
    }
    if !uploaded.trim().is_empty() {
        pairs.retain(|(k, _)| k != file_field);
        pairs.push((file_field.to_owned(), uploaded));
    }
    Ok((caller, parts, pairs))
}

/// `POST /projects/{id}/baselines/import`: previews the table (or stores it, with
/// `commit=true`) and answers the import page showing what it holds.
pub async fn post_import_baselines(
    State(state): State<AppState>,
    Path(project): Path<String>,
    request: Request,
) -> Response {
    let project = parse!(id(&project));
    let (caller, parts, pairs) = match fields_with_upload(request, &state, "table").await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let form = BaselineImportForm::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let locale = locale_from_headers(&parts.headers);
    let page = format!("/projects/{project}/baselines/import");
    match state
        .services
        .import_baselines(&caller, project, form.clone(), locale)
        .await
    {
        Ok(preview) => {
            let submission = app::submission::Submission {
                form,
                errors: Vec::new(),
                error: None,
            };
            render_page(&state, at(parts, &page), StatusCode::OK, move || {
                provide_context(submission.clone());
                provide_context(Made(preview.clone()));
                provide_context(PlainFormResponse);
            })
            .await
        }
        Err(error) => render_again(&state, at(parts, &page), form, error).await,
    }
}

/// `POST /projects/{id}/safeguards/{kind}`.
pub async fn post_safeguard(
    State(state): State<AppState>,
    Path((project, kind)): Path<(String, String)>,
    request: Request,
) -> Response {
    let project = parse!(id(&project));
    let kind = parse!(SafeguardKind::from_code(&kind).ok_or(AppError::NotFound));
    let posted = read!(request);
    let form = SafeguardForm::from_pairs(posted.fields());
    let result = state
        .services
        .set_safeguard(&posted.caller, project, kind, form.clone())
        .await
        .map(|_| {
            format!(
                "/projects/{project}/plan#safeguard-{}",
                kind.code().replace('_', "-")
            )
        });
    let page = format!("/projects/{project}/plan");
    let kinded = KindedForm {
        kind: kind.code().to_owned(),
        form,
    };
    saved_or_again(&state, posted.parts, result, &page, kinded).await
}

/// `POST /projects/{id}/livelihood-plans` (a new plan) and
/// `POST /projects/{id}/livelihood-plans/{plan_id}` (changes).
async fn livelihood_plan(
    state: AppState,
    project: i64,
    plan: Option<i64>,
    request: Request,
) -> Response {
    let posted = read!(request);
    let form = LivelihoodPlanForm::from_pairs(posted.fields());
    let result = state
        .services
        .save_livelihood_plan(&posted.caller, project, plan, form.clone())
        .await
        .map(|saved| format!("/projects/{project}/plan#plan-{}", saved.id));
    let page = match plan {
        Some(plan) => format!("/projects/{project}/livelihood-plans/{plan}"),
        None => format!("/projects/{project}/livelihood-plans/new"),
    };
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /projects/{id}/livelihood-plans`.
pub async fn post_new_livelihood_plan(
    State(state): State<AppState>,
    Path(project): Path<String>,
    request: Request,
) -> Response {
    let project = parse!(id(&project));
    livelihood_plan(state, project, None, request).await
}

/// `POST /projects/{id}/livelihood-plans/{plan_id}`.
pub async fn post_livelihood_plan(
    State(state): State<AppState>,
    Path((project, item)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (project, item) = parse!(ids(&project, &item));
    livelihood_plan(state, project, Some(item), request).await
}

/// `POST /projects/{id}/livelihood-plans/{plan_id}/bridging-budget`.
pub async fn post_bridging_budget(
    State(state): State<AppState>,
    Path((project, item)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (project, item) = parse!(ids(&project, &item));
    let posted = read!(request);
    let component = posted
        .pairs
        .iter()
        .find(|(k, _)| k == "component_id")
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty());
    let component = match component.map(|c| id(&c)).transpose() {
        Ok(component) => component,
        Err(error) => {
            let page = format!("/projects/{project}/plan");
            return done_or_failed(&state, posted.parts, Err(error), &page).await;
        }
    };
    let result = state
        .services
        .budget_bridging_support(&posted.caller, project, item, component)
        .await
        .map(|_| format!("/projects/{project}/timeline#budget"));
    let page = format!("/projects/{project}/plan");
    done_or_failed(&state, posted.parts, result, &page).await
}

// ------------------------------------------------------------------ timeline tab

/// The timeline tab, with a record open in its form when the post was a change.
fn timeline_page(project: i64, edit: Option<(&str, i64)>) -> String {
    match edit {
        Some((kind, item)) => format!("/projects/{project}/timeline?edit={kind}-{item}"),
        None => format!("/projects/{project}/timeline"),
    }
}

macro_rules! timeline_posts {
    ($new:ident, $change:ident, $form:ty, $save:ident, $kind:literal, $anchor:literal) => {
        /// Adds a record from the timeline tab's form.
        pub async fn $new(
            State(state): State<AppState>,
            Path(project): Path<String>,
            request: Request,
        ) -> Response {
            let project = parse!(id(&project));
            let posted = read!(request);
            let form = <$form>::from_pairs(posted.fields());
            let result = state
                .services
                .$save(&posted.caller, project, None, form.clone())
                .await
                .map(|saved| format!("/projects/{project}/timeline#{}-{}", $anchor, saved.id));
            let page = timeline_page(project, None);
            saved_or_again(&state, posted.parts, result, &page, form).await
        }

        /// Changes a record from the timeline tab's form.
        pub async fn $change(
            State(state): State<AppState>,
            Path((project, item)): Path<(String, String)>,
            request: Request,
        ) -> Response {
            let (project, item) = parse!(ids(&project, &item));
            let posted = read!(request);
            let form = <$form>::from_pairs(posted.fields());
            let result = state
                .services
                .$save(&posted.caller, project, Some(item), form.clone())
                .await
                .map(|saved| format!("/projects/{project}/timeline#{}-{}", $anchor, saved.id));
            let page = timeline_page(project, Some(($kind, item)));
            saved_or_again(&state, posted.parts, result, &page, form).await
        }
    };
}

timeline_posts!(
    post_new_component,
    post_component,
    ComponentForm,
    save_component,
    "component",
    "component"
);
timeline_posts!(
    post_new_activity,
    post_activity,
    ActivityForm,
    save_activity,
    "activity",
    "activity"
);
timeline_posts!(
    post_new_milestone,
    post_milestone,
    MilestoneForm,
    save_milestone,
    "milestone",
    "milestone"
);
timeline_posts!(
    post_new_budget_line,
    post_budget_line,
    BudgetLineForm,
    save_budget_line,
    "budget-line",
    "budget-line"
);

macro_rules! timeline_delete {
    ($name:ident, $delete:ident, $anchor:literal) => {
        /// Deletes a record from the timeline tab.
        pub async fn $name(
            State(state): State<AppState>,
            Path((project, item)): Path<(String, String)>,
            request: Request,
        ) -> Response {
            let (project, item) = parse!(ids(&project, &item));
            let posted = read!(request);
            let result = state
                .services
                .$delete(&posted.caller, project, item)
                .await
                .map(|()| format!("/projects/{project}/timeline#{}", $anchor));
            let page = timeline_page(project, None);
            done_or_failed(&state, posted.parts, result, &page).await
        }
    };
}

timeline_delete!(post_delete_component, delete_component, "components");
timeline_delete!(post_delete_activity, delete_activity, "components");
timeline_delete!(post_delete_milestone, delete_milestone, "milestones");
timeline_delete!(post_delete_budget_line, delete_budget_line, "budget");

// ------------------------------------------------------------------ results tab

/// `POST /projects/{id}/results` (a new result) and `POST /projects/{id}/results/{result_id}`.
async fn result(state: AppState, project: i64, item: Option<i64>, request: Request) -> Response {
    let posted = read!(request);
    let form = ResultForm::from_pairs(posted.fields());
    let result = state
        .services
        .save_result(&posted.caller, project, item, form.clone())
        .await
        .map(|saved| format!("/projects/{project}/results#result-{}", saved.id));
    let page = match item {
        Some(item) => format!("/projects/{project}/results?edit={item}"),
        None => format!("/projects/{project}/results"),
    };
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /projects/{id}/results`.
pub async fn post_new_result(
    State(state): State<AppState>,
    Path(project): Path<String>,
    request: Request,
) -> Response {
    let project = parse!(id(&project));
    result(state, project, None, request).await
}

/// `POST /projects/{id}/results/{result_id}`.
pub async fn post_result(
    State(state): State<AppState>,
    Path((project, item)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (project, item) = parse!(ids(&project, &item));
    result(state, project, Some(item), request).await
}

/// `POST /projects/{id}/results/{result_id}/delete`: deletes a result with nothing under it.
pub async fn post_delete_result(
    State(state): State<AppState>,
    Path((project, item)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (project, item) = parse!(ids(&project, &item));
    let posted = read!(request);
    let result = state
        .services
        .delete_result(&posted.caller, project, item)
        .await
        .map(|()| format!("/projects/{project}/results#results-framework"));
    let page = format!("/projects/{project}/results");
    done_or_failed(&state, posted.parts, result, &page).await
}

/// `POST /projects/{id}/indicators/{indicator_id}/delete`: deletes an indicator and its targets.
pub async fn post_delete_indicator(
    State(state): State<AppState>,
    Path((project, item)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (project, item) = parse!(ids(&project, &item));
    let posted = read!(request);
    let result = state
        .services
        .delete_indicator(&posted.caller, project, item)
        .await
        .map(|()| format!("/projects/{project}/results#results-framework"));
    let page = format!("/projects/{project}/results");
    done_or_failed(&state, posted.parts, result, &page).await
}

/// `POST /projects/{id}/indicators` and `POST /projects/{id}/indicators/{indicator_id}`.
async fn indicator(state: AppState, project: i64, item: Option<i64>, request: Request) -> Response {
    let posted = read!(request);
    let form = IndicatorForm::from_pairs(posted.fields());
    let result = state
        .services
        .save_indicator(&posted.caller, project, item, form.clone())
        .await
        .map(|saved| format!("/projects/{project}/results#indicator-{}", saved.id));
    let page = match item {
        Some(item) => format!("/projects/{project}/indicators/{item}"),
        None => format!("/projects/{project}/indicators/new"),
    };
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// `POST /projects/{id}/indicators`.
pub async fn post_new_indicator(
    State(state): State<AppState>,
    Path(project): Path<String>,
    request: Request,
) -> Response {
    let project = parse!(id(&project));
    indicator(state, project, None, request).await
}

/// `POST /projects/{id}/indicators/{indicator_id}`.
pub async fn post_indicator(
    State(state): State<AppState>,
    Path((project, item)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (project, item) = parse!(ids(&project, &item));
    indicator(state, project, Some(item), request).await
}

/// `POST /projects/{id}/indicators/{indicator_id}/targets`.
pub async fn post_targets(
    State(state): State<AppState>,
    Path((project, item)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (project, item) = parse!(ids(&project, &item));
    let posted = read!(request);
    let form = TargetsForm::from_pairs(posted.fields());
    let result = state
        .services
        .set_targets(&posted.caller, project, item, form.clone())
        .await
        .map(|saved| format!("/projects/{project}/results#indicator-{}", saved.id));
    let page = format!("/projects/{project}/indicators/{item}/targets");
    saved_or_again(&state, posted.parts, result, &page, form).await
}

/// Adds the routes of these posts (path parameters named as the pages name theirs, so the
/// router sees one path for a page and its post).
pub fn add_routes(router: axum::Router<AppState>) -> axum::Router<AppState> {
    use axum::routing::post;
    router
        .route("/projects/{id}/baselines", post(post_baseline))
        .route(
            "/projects/{id}/baselines/{item}/delete",
            post(post_delete_baseline),
        )
        .route(
            "/projects/{id}/baselines/import",
            post(post_import_baselines),
        )
        .route("/projects/{id}/safeguards/{kind}", post(post_safeguard))
        .route(
            "/projects/{id}/livelihood-plans",
            post(post_new_livelihood_plan),
        )
        .route(
            "/projects/{id}/livelihood-plans/{plan_id}",
            post(post_livelihood_plan),
        )
        .route(
            "/projects/{id}/livelihood-plans/{plan_id}/bridging-budget",
            post(post_bridging_budget),
        )
        .route("/projects/{id}/components", post(post_new_component))
        .route("/projects/{id}/components/{item}", post(post_component))
        .route(
            "/projects/{id}/components/{item}/delete",
            post(post_delete_component),
        )
        .route("/projects/{id}/activities", post(post_new_activity))
        .route("/projects/{id}/activities/{item}", post(post_activity))
        .route(
            "/projects/{id}/activities/{item}/delete",
            post(post_delete_activity),
        )
        .route("/projects/{id}/milestones", post(post_new_milestone))
        .route("/projects/{id}/milestones/{item}", post(post_milestone))
        .route(
            "/projects/{id}/milestones/{item}/delete",
            post(post_delete_milestone),
        )
        .route("/projects/{id}/budget-lines", post(post_new_budget_line))
        .route("/projects/{id}/budget-lines/{item}", post(post_budget_line))
        .route(
            "/projects/{id}/budget-lines/{item}/delete",
            post(post_delete_budget_line),
        )
        .route("/projects/{id}/results", post(post_new_result))
        .route("/projects/{id}/results/{item}", post(post_result))
        .route(
            "/projects/{id}/results/{item}/delete",
            post(post_delete_result),
        )
        .route("/projects/{id}/indicators", post(post_new_indicator))
        .route(
            "/projects/{id}/indicators/{indicator_id}",
            post(post_indicator),
        )
        .route(
            "/projects/{id}/indicators/{indicator_id}/delete",
            post(post_delete_indicator),
        )
        .route(
            "/projects/{id}/indicators/{indicator_id}/targets",
            post(post_targets),
        )
}
