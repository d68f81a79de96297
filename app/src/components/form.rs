//! What every form of the product does the same way. With WebAssembly: read the submitted fields,
//! validate them with the rules in `shared`, save through a server function and go to the new
//! page without reloading. Without: the form posts to its own address and the server answers (see
//! `server::http::forms`); the state below then starts from what the server found.

use crate::error::AppError;
use crate::i18n::use_locale;
use crate::submission::Submission;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::i18n::Msg;
use shared::validation::FieldError;
use std::future::Future;

/// A form's reactive state: field errors, an error not about one field, and whether a save is
/// under way.
#[derive(Clone, Copy, Debug)]
pub struct FormState {
    /// Problems with fields, shown next to them and in the summary.
    pub errors: RwSignal<Vec<FieldError>>,
    /// A problem not about one field.
    pub general: RwSignal<Option<AppError>>,
    /// Whether a save is under way.
    pub pending: RwSignal<bool>,
}

impl FormState {
    /// The state for a form of type `F`, and the values to show first: what a plain form post
    /// sent, when the server renders the form again, else `F::default()`.
    pub fn from_submission<F: Clone + Default + Send + Sync + 'static>() -> (F, FormState) {
        let (form, errors, error) = use_context::<Submission<F>>()
            .map(|s| (s.form, s.errors, s.error))
            .unwrap_or_default();
        let general = error.filter(|e| !matches!(e, AppError::Invalid(_)));
        let state = FormState {
            errors: RwSignal::new(errors),
            general: RwSignal::new(general),
            pending: RwSignal::new(false),
        };
        (form, state)
    }

    /// The form's submit handler: reads the fields with `read`, checks them with `check` (the
    /// same rules the server applies), saves with `save`, and on success goes to `page_of(id)`.
    pub fn submit_handler<F, Fut>(
        self,
        read: fn(&[(String, String)]) -> F,
        check: fn(&F) -> Vec<FieldError>,
        save: impl Fn(F) -> Fut + Clone + 'static,
        page_of: fn(i64) -> String,
    ) -> impl Fn(SubmitEvent) + 'static
    where
        F: 'static,
        Fut: Future<Output = Result<i64, AppError>> + 'static,
    {
        let navigate = use_navigate();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if self.pending.get_untracked() {
                return;
            }
            let form = read(&submitted_pairs(&ev));
            self.general.set(None);
            let problems = check(&form);
            if !problems.is_empty() {
                self.errors.set(problems);
                focus_error_summary();
                return;
            }
            self.errors.set(Vec::new());
            self.pending.set(true);
            let (navigate, save) = (navigate.clone(), save.clone());
            leptos::task::spawn_local(async move {
                match save(form).await {
                    Ok(id) => navigate(&page_of(id), Default::default()),
                    Err(AppError::Invalid(problems)) => {
                        self.errors.set(problems);
                        focus_error_summary();
                    }
                    Err(error) => {
                        self.general.set(Some(error));
                        focus_error_summary();
                    }
                }
                self.pending.set(false);
            });
        }
    }
}

/// Borrows owned (name, value) pairs for the `from_pairs` readers in `shared`.
pub fn borrowed(pairs: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

/// The submit button (showing "Saving…" while a save is under way) and a way back.
#[component]
pub fn FormActions(
    /// The submit button's id.
    id: &'static str,
    /// The submit button's text.
    label: Msg,
    /// Where "Cancel" goes.
    #[prop(into)]
    cancel_href: String,
    /// The form's state.
    state: FormState,
) -> impl IntoView {
    let locale = use_locale();
    let pending = state.pending;
    view! {
        <div class="form__actions">
            <button
                id=id
                type="submit"
                class="button button--primary"
                aria-disabled=move || pending.get().then_some("true")
            >
                {move || locale.t(if pending.get() { Msg::Saving } else { label })}
            </button>
            <a class="button button--secondary" href=cancel_href>
                {locale.t(Msg::Cancel)}
            </a>
        </div>
    }
}

/// The submitted form's fields as (name, value) pairs, in document order.
pub fn submitted_pairs(ev: &SubmitEvent) -> Vec<(String, String)> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return Vec::new();
        };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return Vec::new();
        };
        let mut pairs = Vec::new();
        if let Ok(Some(entries)) = js_sys::try_iter(&data) {
            for entry in entries.flatten() {
                let entry: js_sys::Array = entry.unchecked_into();
                let key = entry.get(0).as_string().unwrap_or_default();
                let value = entry.get(1).as_string().unwrap_or_default();
                pairs.push((key, value));
            }
        }
        pairs
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        Vec::new()
    }
}

/// Moves keyboard focus to the form's error summary, so screen-reader users hear the problems.
pub fn focus_error_summary() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(summary) = document()
            .get_element_by_id("form-errors")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = summary.focus();
        }
    }
}

/// The session's token against cross-site request forgery: from the request on the server, from
/// `<meta name="csrf-token">` in the browser (so both render the same hidden field).
pub fn csrf_token() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .extensions
                    .get::<crate::submission::CsrfToken>()
                    .map(|t| t.0.clone())
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        document()
            .query_selector("meta[name=csrf-token]")
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        String::new()
    }
}

/// The hidden field that carries [`csrf_token`] in a plain form post.
#[component]
pub fn CsrfField() -> impl IntoView {
    view! { <input type="hidden" name="csrf_token" value=csrf_token() /> }
}

/// A button alone in a plain post form — an action on one row of a table (revoke, remove, a new
/// link) — with the anti-forgery field; `which` names the row for screen readers ("Revoke,
/// KoboToolbox sync").
#[component]
pub fn PostButton(
    /// Where it posts.
    action: String,
    /// The button's id.
    id: String,
    /// What it does.
    label: shared::i18n::Msg,
    /// The row it acts on.
    which: String,
) -> impl IntoView {
    let locale = crate::i18n::use_locale();
    view! {
        <form method="post" action=action class="inline-form">
            <CsrfField />
            <button type="submit" class="button button--secondary button--small" id=id>
                {locale.t(label)}
                <span class="visually-hidden">", "{which}</span>
            </button>
        </form>
    }
}
