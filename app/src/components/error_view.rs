//! How errors are shown on pages, with the right HTTP status when rendered on the server.

use crate::error::AppError;
use crate::i18n::use_locale;
use crate::submission::ActionFailed;
use leptos::prelude::*;
use shared::i18n::{Locale, Msg};
use shared::validation::FieldError;

/// Sets the HTTP status of the page being rendered on the server (no effect in the browser).
pub fn set_http_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        options.set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// The title of an error's page: what kind of problem it is.
pub fn error_title(error: &AppError) -> Msg {
    match error.status() {
        401 => Msg::SignInNeededTitle,
        403 => Msg::NoAccessTitle,
        404 => Msg::NotFoundTitle,
        422 | 400 | 413 => Msg::NotAcceptedTitle,
        429 => Msg::TooManyRequestsTitle,
        _ => Msg::ErrorTitle,
    }
}

/// A page-level error: what went wrong, as the page's title too, and a way back.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let locale = use_locale();
    set_http_status(error.status());
    let title = locale.t(error_title(&error));
    view! {
        <leptos_meta::Title text=title />
        <section class="notice notice--error" role="alert">
            <h1>{title}</h1>
            <p>{error.message(locale)}</p>
            <p>
                <a href="/">{locale.t(Msg::BackToPrograms)}</a>
            </p>
        </section>
    }
}

/// The box at the top of a form listing every problem, each linking to its field. `field_id`
/// maps a field path to the id of its input, `field_label` to the field's name as the form shows
/// it.
#[component]
pub fn ErrorSummary(
    errors: RwSignal<Vec<FieldError>>,
    general: RwSignal<Option<AppError>>,
    field_id: fn(&str) -> String,
    field_label: fn(&str, Locale) -> String,
    /// The box's id, `form-errors` unless a page has several forms.
    #[prop(optional, into)]
    id: Option<String>,
    /// Put before every field's id (`{prefix}-{id}`) when a page repeats a form.
    #[prop(optional, into)]
    prefix: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    let visible = move || errors.with(|e| !e.is_empty()) || general.with(Option::is_some);
    view! {
        <div
            class="error-summary"
            id=id.unwrap_or_else(|| "form-errors".to_owned())
            role="alert"
            tabindex="-1"
            hidden=move || !visible()
        >
            {move || {
                visible()
                    .then(|| {
                        let general_text = general
                            .get()
                            .filter(|e| !matches!(e, AppError::Invalid(_)))
                            .map(|e| e.message(locale));
                        view! {
                            <p class="error-summary__title">
                                {general_text.unwrap_or_else(|| locale.t(Msg::FormHasErrors).to_owned())}
                            </p>
                            <ul>
                                {errors
                                    .get()
                                    .into_iter()
                                    .map(|e| {
                                        let href = match &prefix {
                                            Some(p) => format!("#{p}-{}", field_id(&e.field)),
                                            None => format!("#{}", field_id(&e.field)),
                                        };
                                        let text = format!(
                                            "{}: {}",
                                            field_label(&e.field, locale),
                                            e.problem.message(locale),
                                        );
                                        view! {
                                            <li>
                                                <a href=href>{text}</a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
        </div>
    }
}

/// Why a button's plain form post failed ([`ActionFailed`]), at the top of the page answering it;
/// nothing otherwise.
#[component]
pub fn ActionFailedNotice() -> impl IntoView {
    let locale = use_locale();
    use_context::<ActionFailed>().map(|ActionFailed(error)| {
        view! {
            <div class="notice notice--error notice--compact" id="action-error" role="alert">
                <p>{error.message(locale)}</p>
                {error
                    .field_errors()
                    .iter()
                    .map(|e| view! { <p>{e.problem.message(locale)}</p> })
                    .collect_view()}
            </div>
        }
    })
}

/// A short confirmation at the top of a page (a password changed, a token revoked).
#[component]
pub fn DoneNotice(
    /// The notice's id.
    id: &'static str,
    /// What was done.
    message: Msg,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="notice notice--success notice--compact" id=id role="status">
            <p>{locale.t(message)}</p>
        </div>
    }
}
