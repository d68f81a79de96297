//! Plain form posts, for browsers running no WebAssembly (not yet loaded, or JavaScript off).
//! Success redirects (303) to the new record's page; a problem renders the same form again with
//! the errors next to their fields and everything typed kept.

use super::{AppState, BODY_LIMIT};
use app::components::area_editor::AreaDrawing;
use app::error::AppError;
use app::submission::{PlainFormResponse, Submission};
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{Method, StatusCode, header};
use leptos::prelude::provide_context;
use shared::auth::Caller;
use shared::community::CommunityForm;
use shared::program::ProgramForm;
use shared::project::ProjectForm;

/// Reads an `application/x-www-form-urlencoded` body into (name, value) pairs.
pub(crate) async fn form_pairs(body: Body) -> Result<Vec<(String, String)>, AppError> {
    let bytes = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|_| AppError::TooLarge(BODY_LIMIT))?;
    Ok(form_urlencoded::parse(&bytes).into_owned().collect())
}

/// The request's caller (anonymous when the authentication layer found nobody).
pub(crate) fn caller_of(request: &Request) -> Caller {
    request
        .extensions()
        .get::<Caller>()
        .cloned()
        .unwrap_or_default()
}

/// A plain form post as read: who sent it, the request's head (to render its page again) and its
/// fields.
pub(crate) struct Posted {
    /// Who sent it.
    pub caller: Caller,
    /// The request's head.
    pub parts: http::request::Parts,
    /// The fields, in order.
    pub pairs: Vec<(String, String)>,
}

impl Posted {
    /// Reads the post; a body that cannot be read is answered at once.
    pub async fn read(request: Request) -> Result<Posted, Response> {
        let caller = caller_of(&request);
        let (parts, body) = request.into_parts();
        let pairs = form_pairs(body).await.map_err(plain_error)?;
        Ok(Posted {
            caller,
            parts,
            pairs,
        })
    }

    /// The fields as borrowed pairs, for the `from_pairs` readers in `shared`.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// `POST /programs/new`.
pub async fn post_new_program(State(state): State<AppState>, request: Request) -> Response {
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let form = ProgramForm::from_pairs(posted.fields());
    match state
        .services
        .create_program(&posted.caller, form.clone())
        .await
    {
        Ok(program) => Redirect::to(&format!("/programs/{}", program.id)).into_response(),
        Err(error) => render_again(&state, posted.parts, form, error).await,
    }
}

/// Answers a failed post made from a section of a project's tab (`tab` is the tab's address)
/// by rendering that page again with what was typed and the errors.
pub(crate) async fn project_page_again<F>(
    state: &AppState,
    mut parts: http::request::Parts,
    tab: String,
    form: F,
    error: impl Into<AppError>,
) -> Response
where
    F: Clone + Send + Sync + 'static,
{
    parts.uri = tab.parse().unwrap_or(parts.uri);
    render_again(state, parts, form, error).await
}

/// The value of a posted field, if present.
fn field<'a>(posted: &'a Posted, name: &str) -> Option<&'a str> {
    posted
        .pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The draft a posted project form continues (`draft_id`), and whether it asks to be kept as a
/// draft (`intent=draft`) rather than saved.
fn draft_intent(posted: &Posted) -> (Option<i64>, bool) {
    let draft_id = field(posted, "draft_id").and_then(|v| v.trim().parse::<i64>().ok());
    let as_draft = field(posted, "intent") == Some(app::components::project_form::INTENT_DRAFT);
    (draft_id, as_draft)
}

/// What a posted project form is for.
enum ProjectPost {
    /// A new project in this program.
    New(i64),
    /// Changes to this project.
    Edit(i64),
}

/// Saves a posted project form (`ProjectPost`), or keeps it as a draft when its "Save as draft"
/// button was pressed; a problem renders the form again with what was typed.
async fn project_form_post(state: AppState, target: ProjectPost, request: Request) -> Response {
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let form = ProjectForm::from_pairs(posted.fields());
    let (draft_id, as_draft) = draft_intent(&posted);
    let caller = &posted.caller;
    let saved = match (target, as_draft) {
        (ProjectPost::New(program), true) => state
            .services
            .save_draft(caller, Some(program), None, draft_id, form.clone())
            .await
            .map(|d| d.continue_path()),
        (ProjectPost::Edit(project), true) => state
            .services
            .save_draft(caller, None, Some(project), draft_id, form.clone())
            .await
            .map(|d| d.continue_path()),
        (ProjectPost::New(program), false) => state
            .services
            .create_project(caller, program, form.clone(), draft_id)
            .await
            .map(|p| format!("/projects/{}", p.id)),
        (ProjectPost::Edit(project), false) => state
            .services
            .update_project(caller, project, form.clone(), draft_id)
            .await
            .map(|p| format!("/projects/{}", p.id)),
    };
    match saved {
        Ok(path) => Redirect::to(&path).into_response(),
        Err(error) => render_again(&state, posted.parts, form, error).await,
    }
}

/// `POST /programs/{id}/projects/new`: creates the project, or keeps the form as a draft.
pub async fn post_new_project(
    State(state): State<AppState>,
    Path(program_id): Path<String>,
    request: Request,
) -> Response {
    match program_id.parse::<i64>() {
        Ok(id) => project_form_post(state, ProjectPost::New(id), request).await,
        Err(_) => plain_error(AppError::NotFound),
    }
}

/// `POST /projects/{id}/edit`: saves the changes, or keeps the form as a draft.
pub async fn post_edit_project(
    State(state): State<AppState>,
    Path(project_id): Path<String>,
    request: Request,
) -> Response {
    match project_id.parse::<i64>() {
        Ok(id) => project_form_post(state, ProjectPost::Edit(id), request).await,
        Err(_) => plain_error(AppError::NotFound),
    }
}

/// `POST /drafts/{id}/delete`: deletes one of the caller's drafts and goes back to the page of
/// the program or project it was for.
pub async fn post_delete_draft(
    State(state): State<AppState>,
    Path(draft_id): Path<String>,
    request: Request,
) -> Response {
    let Ok(draft_id) = draft_id.parse::<i64>() else {
        return plain_error(AppError::NotFound);
    };
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let back = match state.services.get_draft(&posted.caller, draft_id).await {
        Ok(draft) => match draft.project_id {
            Some(project) => format!("/projects/{project}"),
            None => format!("/programs/{}", draft.program_id),
        },
        Err(error) => return plain_error(error),
    };
    match state.services.delete_draft(&posted.caller, draft_id).await {
        Ok(()) => Redirect::to(&back).into_response(),
        Err(error) => plain_error(error),
    }
}

/// `POST /donors`.
pub async fn post_new_donor(State(state): State<AppState>, request: Request) -> Response {
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let form = shared::donor::DonorForm::from_pairs(posted.fields());
    match state
        .services
        .create_donor(&posted.caller, form.clone())
        .await
    {
        Ok(_) => Redirect::to("/donors").into_response(),
        Err(error) => render_again(&state, posted.parts, form, error).await,
    }
}

/// `POST /projects/{id}/communities`.
pub async fn post_new_community(
    State(state): State<AppState>,
    Path(project_id): Path<String>,
    request: Request,
) -> Response {
    let Ok(project_id) = project_id.parse::<i64>() else {
        return plain_error(AppError::NotFound);
    };
    let posted = match Posted::read(request).await {
        Ok(posted) => posted,
        Err(answer) => return answer,
    };
    let form = CommunityForm::from_pairs(posted.fields());
    match state
        .services
        .create_community(&posted.caller, project_id, form.clone())
        .await
    {
        Ok(_) => Redirect::to(&format!("/projects/{project_id}/map#communities")).into_response(),
        Err(error) => {
            let tab = format!("/projects/{project_id}/map");
            project_page_again(&state, posted.parts, tab, form, error).await
        }
    }
}

/// `POST /projects/{id}/area`: GeoJSON or KML pasted in the `area` field, or a file uploaded in
/// the `file` field (`multipart/form-data`; the file wins when both are given).
pub async fn post_project_area(
    State(state): State<AppState>,
    Path(project_id): Path<String>,
    request: Request,
) -> Response {
    let Ok(project_id) = project_id.parse::<i64>() else {
        return plain_error(AppError::NotFound);
    };
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let (caller, parts, form) = if is_multipart {
        let caller = caller_of(&request);
        let (parts, body) = request.into_parts();
        let rebuilt = Request::from_parts(parts.clone(), body);
        match read_area_upload(rebuilt, &state).await {
            Ok(form) => (caller, parts, form),
            Err(error) => return plain_error(error),
        }
    } else {
        let posted = match Posted::read(request).await {
            Ok(posted) => posted,
            Err(answer) => return answer,
        };
        let drawing = AreaDrawing::from_pairs(posted.fields());
        if !drawing.is_empty() {
            return post_area_drawing(&state, posted, project_id, drawing).await;
        }
        let form = shared::project::AreaForm::from_pairs(posted.fields());
        (posted.caller, posted.parts, form)
    };
    match state
        .services
        .set_project_area(&caller, project_id, &form.area)
        .await
    {
        Ok(_) => Redirect::to(&format!("/projects/{project_id}/map#area")).into_response(),
        Err(error) => {
            let tab = format!("/projects/{project_id}/map");
            project_page_again(&state, parts, tab, form, error).await
        }
    }
}

/// The area drawn in the page's editor (its corners, in order): stored like a pasted area; a
/// problem renders the map tab again with the corners as typed.
async fn post_area_drawing(
    state: &AppState,
    posted: Posted,
    project_id: i64,
    drawing: AreaDrawing,
) -> Response {
    let result = match drawing.to_geojson() {
        Ok(geojson) => state
            .services
            .set_project_area(&posted.caller, project_id, &geojson)
            .await
            .map_err(AppError::from),
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match result {
        Ok(_) => Redirect::to(&format!("/projects/{project_id}/map#area")).into_response(),
        Err(error) => {
            let tab = format!("/projects/{project_id}/map");
            project_page_again(state, posted.parts, tab, drawing, error).await
        }
    }
}

/// `POST /projects/{id}/communities/import`: community locations from an uploaded GeoJSON or
/// KML file (`file`) or pasted text (`points`); the map tab answers with what was done.
pub async fn post_import_communities(
    State(state): State<AppState>,
    Path(project_id): Path<String>,
    request: Request,
) -> Response {
    let Ok(project_id) = project_id.parse::<i64>() else {
        return plain_error(AppError::NotFound);
    };
    let caller = caller_of(&request);
    let (parts, body) = request.into_parts();
    let rebuilt = Request::from_parts(parts.clone(), body);
    let text = match read_upload(rebuilt, &state, "points").await {
        Ok(text) => text,
        Err(error) => return plain_error(error),
    };
    let locale = app::i18n::locale_from_headers(&parts.headers);
    let tab = format!("/projects/{project_id}/map");
    match state
        .services
        .import_communities(&caller, project_id, &text, locale)
        .await
    {
        Ok(import) => {
            let mut parts = parts;
            parts.uri = tab.parse().unwrap_or(parts.uri);
            render_page(&state, parts, StatusCode::OK, move || {
                provide_context(app::submission::Made(import.clone()));
                provide_context(PlainFormResponse);
            })
            .await
        }
        Err(error) => {
            let form = shared::community::PointsForm { points: text };
            project_page_again(&state, parts, tab, form, error).await
        }
    }
}

/// Reads a `multipart/form-data` post's file field `file`, or else its text field `field`.
async fn read_upload(request: Request, state: &AppState, field: &str) -> Result<String, AppError> {
    use axum::extract::FromRequest;
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !is_multipart {
        let pairs = form_pairs(request.into_body()).await?;
        return Ok(pairs
            .into_iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v)
            .unwrap_or_default());
    }
    let mut multipart = axum::extract::Multipart::from_request(request, state)
        .await
        .map_err(|_| AppError::BadRequest("The form could not be read.".into()))?;
    let (mut pasted, mut uploaded) = (String::new(), String::new());
    while let Some(part) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::TooLarge(BODY_LIMIT))?
    {
        let name = part.name().unwrap_or_default().to_owned();
        let bytes = part
            .bytes()
            .await
            .map_err(|_| AppError::TooLarge(BODY_LIMIT))?;
        let text = decode_text(&bytes);
        if name == "file" {
            uploaded = text;
        } else if name == field {
            pasted = text;
        }
    }
    Ok(if uploaded.trim().is_empty() {
        pasted
    } else {
        uploaded
    })
}

/// Reads the area form sent as `multipart/form-data`: the `area` text and the `file` upload.
async fn read_area_upload(
    request: Request,
    state: &AppState,
) -> Result<shared::project::AreaForm, AppError> {
    use axum::extract::FromRequest;
    let mut multipart = axum::extract::Multipart::from_request(request, state)
        .await
        .map_err(|_| AppError::BadRequest("The form could not be read.".into()))?;
    let (mut pasted, mut uploaded) = (String::new(), String::new());
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::TooLarge(BODY_LIMIT))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field
            .bytes()
            .await
            .map_err(|_| AppError::TooLarge(BODY_LIMIT))?;
        let text = decode_text(&bytes);
        match name.as_str() {
            "area" => pasted = text,
            "file" => uploaded = text,
            _ => {}
        }
    }
    Ok(shared::project::AreaForm {
        area: if uploaded.trim().is_empty() {
            pasted
        } else {
            uploaded
        },
    })
}

/// The text of an uploaded file: UTF-8, or else Windows-1252, the encoding spreadsheets on
/// Spanish-language computers save "CSV" in (`shared::sheet::decode_text`).
pub(crate) use shared::sheet::decode_text;

/// A short plain-text answer for a post that cannot even be read.
pub(crate) fn plain_error(error: impl Into<AppError>) -> Response {
    let error: AppError = error.into();
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    (status, error.message(shared::i18n::Locale::En)).into_response()
}

/// Renders the page at the posted address again, with the submission in context.
pub(crate) async fn render_again<F>(
    state: &AppState,
    parts: http::request::Parts,
    form: F,
    error: impl Into<AppError>,
) -> Response
where
    F: Clone + Send + Sync + 'static,
{
    let error: AppError = error.into();
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    let submission = Submission {
        form,
        errors: error.field_errors().to_vec(),
        error: Some(error),
    };
    render_page(state, parts, status, move || {
        provide_context(submission.clone());
        provide_context(PlainFormResponse);
    })
    .await
}

/// Renders the page at the address of `parts` (as a GET, with the same headers and extensions)
/// with extra context, answering `status`.
pub async fn render_page(
    state: &AppState,
    parts: http::request::Parts,
    status: StatusCode,
    extra_context: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    let page_context = state.page_context();
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            page_context();
            extra_context();
        },
        move || app::shell(options.clone()),
    );
    let mut request = Request::from_parts(parts, Body::empty());
    *request.method_mut() = Method::GET;
    request.headers_mut().remove(header::CONTENT_TYPE);
    request.headers_mut().remove(header::CONTENT_LENGTH);
    let mut response = render(request).await;
    *response.status_mut() = status;
    response
}

/// A record id from its address: a positive number, or not found.
pub(crate) fn id(text: &str) -> Result<i64, AppError> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

/// `parts` with its address changed to `path` (with its query, if any).
pub(crate) fn at(mut parts: http::request::Parts, path: &str) -> http::request::Parts {
    if let Ok(uri) = path.parse() {
        parts.uri = uri;
    }
    parts
}

/// Redirects to `done` when the post worked; otherwise renders `page` again with the form.
pub(crate) async fn saved_or_again<F>(
    state: &AppState,
    parts: http::request::Parts,
    result: Result<String, impl Into<AppError>>,
    page: &str,
    form: F,
) -> Response
where
    F: Clone + Send + Sync + 'static,
{
    match result {
        Ok(done) => Redirect::to(&done).into_response(),
        Err(error) => render_again(state, at(parts, page), form, error).await,
    }
}

/// Redirects to `done` when a button's post worked; otherwise renders `page` saying why.
pub(crate) async fn done_or_failed(
    state: &AppState,
    parts: http::request::Parts,
    result: Result<String, impl Into<AppError>>,
    page: &str,
) -> Response {
    match result {
        Ok(done) => Redirect::to(&done).into_response(),
        Err(error) => {
            let error: AppError = error.into();
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
            render_page(state, at(parts, page), status, move || {
                provide_context(app::submission::ActionFailed(error.clone()));
                provide_context(PlainFormResponse);
            })
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn uploads_are_read_as_utf8_or_else_as_windows_1252() {
        assert_eq!(
            super::decode_text("\u{feff}Huánuco;1".as_bytes()),
            "Huánuco;1"
        );
        assert_eq!(super::decode_text(b"Hu\xe1nuco;1"), "Huánuco;1");
        assert_eq!(super::decode_text(b"\x93Total\x94 \x80"), "“Total” €");
    }
}
