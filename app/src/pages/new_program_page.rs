//! The form that creates a program. With JavaScript it validates in the browser and saves through
//! a server function without reloading; without, it posts to this same address and the server
//! answers with the program page or with this form again, errors shown and typing kept.

use crate::api::programs::create_program;
use crate::components::error_view::ErrorSummary;
use crate::components::field::{TextArea, TextField};
use crate::components::form_data::{focus_error_summary, submitted_pairs};
use crate::error::AppError;
use crate::i18n::use_locale;
use crate::submission::Submission;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use shared::i18n::Msg;
use shared::program::{DESCRIPTION_MAX, NAME_MAX, ProgramForm};

/// The id of the input for a field of the program form.
pub fn program_field_id(field: &str) -> String {
    format!("program-{field}")
}

/// "Create a program".
#[component]
pub fn NewProgramPage() -> impl IntoView {
    let locale = use_locale();
    let submitted = use_context::<Submission<ProgramForm>>();
    let (initial, initial_errors, initial_error) = submitted
        .map(|s| {
            (
                s.form,
                s.errors,
                s.error.filter(|e| !matches!(e, AppError::Invalid(_))),
            )
        })
        .unwrap_or_default();
    let errors = RwSignal::new(initial_errors);
    let general = RwSignal::new(initial_error);
    let pending = RwSignal::new(false);
    let navigate = use_navigate();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let pairs = submitted_pairs(&ev);
        let form = ProgramForm::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        general.set(None);
        if let Err(problems) = form.validate() {
            errors.set(problems);
            focus_error_summary();
            return;
        }
        errors.set(Vec::new());
        pending.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match create_program(form).await {
                Ok(id) => navigate(&format!("/programs/{id}"), Default::default()),
                Err(AppError::Invalid(problems)) => {
                    errors.set(problems);
                    focus_error_summary();
                }
                Err(error) => {
                    general.set(Some(error));
                    focus_error_summary();
                }
            }
            pending.set(false);
        });
    };

    view! {
        <Title text=locale.t(Msg::NewProgramTitle) />
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <a href="/">{locale.t(Msg::ProgramsTitle)}</a>
        </nav>
        <h1>{locale.t(Msg::NewProgramTitle)}</h1>
        <form
            id="program-form"
            class="form"
            method="post"
            action="/programs/new"
            novalidate
            on:submit=on_submit
        >
            <ErrorSummary errors general field_id=program_field_id />
            <TextField
                id="program-name"
                name="name"
                label=Msg::ProgramName
                hint=Msg::ProgramNameHint
                value=initial.name
                errors
                required=true
                maxlength=NAME_MAX
            />
            <TextArea
                id="program-description"
                name="description"
                label=Msg::Description
                hint=Msg::DescriptionHint
                value=initial.description
                errors
                maxlength=DESCRIPTION_MAX
            />
            <div class="form__actions">
                <button
                    id="program-submit"
                    type="submit"
                    class="button button--primary"
                    aria-disabled=move || pending.get().then_some("true")
                >
                    {move || locale.t(if pending.get() { Msg::Saving } else { Msg::CreateProgram })}
                </button>
                <a class="button button--secondary" href="/">
                    {locale.t(Msg::Cancel)}
                </a>
            </div>
        </form>
    }
}
