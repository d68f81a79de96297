//! The form that creates a program. With JavaScript it validates in the browser and saves through
//! a server function without reloading; without, it posts to this same address and the server
//! answers with the program page or with this form again, errors shown and typing kept.

use crate::api::programs::create_program;
use crate::components::error_view::ErrorSummary;
use crate::components::field::{TextArea, TextField};
use crate::components::form::{CsrfField, FormActions, FormState, borrowed};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::i18n::{Locale, Msg};
use shared::program::{DESCRIPTION_MAX, NAME_MAX, ProgramForm};

/// The id of the input for a field of the program form.
pub fn program_field_id(field: &str) -> String {
    format!("program-{field}")
}

/// The label of a field of the program form, for the error summary.
pub fn program_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "description" => Msg::Description,
            _ => Msg::ProgramName,
        })
        .to_owned()
}

/// "Create a program".
#[component]
pub fn NewProgramPage() -> impl IntoView {
    let locale = use_locale();
    let (initial, state) = FormState::from_submission::<ProgramForm>();
    let on_submit = state.submit_handler(
        |pairs| ProgramForm::from_pairs(borrowed(pairs)),
        |form| form.validate().err().unwrap_or_default(),
        create_program,
        |id| format!("/programs/{id}"),
    );
    let errors = state.errors;

    view! {
        <Title text=locale.t(Msg::NewProgramTitle) />
        <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
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
            <CsrfField />
            <ErrorSummary
                errors
                general=state.general
                field_id=program_field_id
                field_label=program_field_label
            />
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
            <FormActions id="program-submit" label=Msg::CreateProgram cancel_href="/" state />
        </form>
    }
}
