//! The form that creates a project in a program: name, type, country, dates, the illicit crops it
//! addresses and the licit crops it plans, with hectares. Works with JavaScript (validated in the
//! browser, saved by a server function, no reload) and without (a plain form post).

use super::id_param;
use crate::api::programs::get_program;
use crate::api::projects::create_project;
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{FieldErrorText, SelectField, TextArea, TextField, error_text};
use crate::components::form::{CsrfField, FormActions, FormState, borrowed};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::country::COUNTRIES;
use shared::crop::{AlternativeCrop, IllicitCrop};
use shared::i18n::{Locale, Msg};
use shared::program::{DESCRIPTION_MAX, NAME_MAX};
use shared::project::{
    PLANNED_CROP_FORM_ROWS, PlannedCropForm, ProjectForm, ProjectKind, planned_field,
};
use shared::validation::FieldError;

/// The id of the input for a field of the project form (`planned_crops[2].hectares` →
/// `planned-hectares-2`).
pub fn project_field_id(field: &str) -> String {
    if let Some(rest) = field.strip_prefix("planned_crops[")
        && let Some((index, part)) = rest.split_once("].")
    {
        let part = if part == "crop" { "crop" } else { "hectares" };
        return format!("planned-{part}-{index}");
    }
    match field {
        "planned_crops" => "planned-crop-0".to_owned(),
        "illicit_crops" => format!("illicit-crop-{}", IllicitCrop::CocaBush.code()),
        other => format!("project-{}", other.replace('_', "-")),
    }
}

/// The label of a field of the project form, for the error summary (`planned_crops[1].hectares`
/// → "Hectares, row 2").
pub fn project_field_label(field: &str, locale: Locale) -> String {
    if let Some(rest) = field.strip_prefix("planned_crops[")
        && let Some((index, part)) = rest.split_once("].")
    {
        let row = index.parse::<usize>().map(|i| i + 1).unwrap_or_default();
        let label = if part == "crop" {
            Msg::Crop
        } else {
            Msg::Hectares
        };
        return format!(
            "{}, {} {row}",
            locale.t(label),
            locale.t(Msg::Row).to_lowercase()
        );
    }
    locale
        .t(match field {
            "kind" => Msg::ProjectKind,
            "country" => Msg::Country,
            "start_date" => Msg::StartDate,
            "end_date" => Msg::EndDate,
            "illicit_crops" => Msg::IllicitCropsTargeted,
            "planned_crops" => Msg::PlannedCrops,
            "description" => Msg::Description,
            _ => Msg::ProjectName,
        })
        .to_owned()
}

/// "Create a project".
#[component]
pub fn NewProjectPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let program = Resource::new(move || id.get(), |id| async move { get_program(id?).await });
    view! {
        <Title text=locale.t(Msg::NewProjectTitle) />
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match program.await {
                    Ok(detail) => {
                        let program = detail.program;
                        view! {
                            <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
                                <a href="/">{locale.t(Msg::ProgramsTitle)}</a>
                                " › "
                                <a href=format!("/programs/{}", program.id)>{program.name.clone()}</a>
                            </nav>
                            <h1>{locale.t(Msg::NewProjectTitle)}</h1>
                            <p class="lead">{locale.t(Msg::InProgram)}": "{program.name}</p>
                            <ProjectFormView program_id=program.id />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProjectFormView(program_id: i64) -> impl IntoView {
    let locale = use_locale();
    let (mut initial, state) = FormState::from_submission::<ProjectForm>();
    if initial.planned_crops.len() < PLANNED_CROP_FORM_ROWS {
        initial
            .planned_crops
            .resize(PLANNED_CROP_FORM_ROWS, PlannedCropForm::default());
    }
    let on_submit = state.submit_handler(
        |pairs| ProjectForm::from_pairs(borrowed(pairs)),
        |form| form.validate().err().unwrap_or_default(),
        move |form| create_project(program_id, form),
        |id| format!("/projects/{id}"),
    );
    let errors = state.errors;

    let kind_options = ProjectKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.name(locale).to_owned()))
        .collect();
    let mut country_options: Vec<(String, String)> = COUNTRIES
        .iter()
        .map(|c| (c.code.to_owned(), c.name(locale).to_owned()))
        .collect();
    country_options.sort_by(|a, b| a.1.cmp(&b.1));
    let kind = if initial.kind.is_empty() {
        ProjectKind::Ad.code().to_owned()
    } else {
        initial.kind.clone()
    };

    view! {
        <form
            id="project-form"
            class="form"
            method="post"
            action=format!("/programs/{program_id}/projects/new")
            novalidate
            on:submit=on_submit
        >
            <CsrfField />
            <ErrorSummary
                errors
                general=state.general
                field_id=project_field_id
                field_label=project_field_label
            />
            <TextField
                id="project-name"
                name="name"
                label=Msg::ProjectName
                value=initial.name.clone()
                errors
                required=true
                maxlength=NAME_MAX
            />
            <div class="form__row">
                <SelectField
                    id="project-kind"
                    name="kind"
                    label=Msg::ProjectKind
                    options=kind_options
                    selected=kind
                    errors
                    required=true
                />
                <SelectField
                    id="project-country"
                    name="country"
                    label=Msg::Country
                    options=country_options
                    selected=initial.country.trim().to_ascii_uppercase()
                    errors
                    placeholder=Msg::ChooseCountry
                    required=true
                />
            </div>
            <div class="form__row">
                <TextField
                    id="project-start-date"
                    name="start_date"
                    label=Msg::StartDate
                    kind="date"
                    value=initial.start_date.clone()
                    errors
                    required=true
                />
                <TextField
                    id="project-end-date"
                    name="end_date"
                    label=Msg::EndDate
                    kind="date"
                    value=initial.end_date.clone()
                    errors
                    required=true
                />
            </div>
            <IllicitCropsField selected=initial.illicit_crops.clone() errors />
            <PlannedCropsField rows=initial.planned_crops.clone() errors locale />
            <TextArea
                id="project-description"
                name="description"
                label=Msg::Description
                hint=Msg::DescriptionHint
                value=initial.description.clone()
                errors
                maxlength=DESCRIPTION_MAX
            />
            <FormActions
                id="project-submit"
                label=Msg::CreateProject
                cancel_href=format!("/programs/{program_id}")
                state
            />
        </form>
    }
}

#[component]
fn IllicitCropsField(selected: Vec<String>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let locale = use_locale();
    let message = error_text(errors, "illicit_crops".to_owned());
    view! {
        <fieldset
            class="field fieldset"
            class:field--invalid=move || message.with(Option::is_some)
            aria-describedby="illicit-crops-hint illicit-crops-error"
        >
            <legend>
                {locale.t(Msg::IllicitCropsTargeted)}
                <span class="required" aria-hidden="true">" *"</span>
            </legend>
            <p class="hint" id="illicit-crops-hint">{locale.t(Msg::IllicitCropsHint)}</p>
            <div class="checkboxes">
                {IllicitCrop::ALL
                    .iter()
                    .map(|crop| {
                        let id = format!("illicit-crop-{}", crop.code());
                        let checked = selected.iter().any(|s| s == crop.code());
                        view! {
                            <div class="checkbox">
                                <input
                                    type="checkbox"
                                    id=id.clone()
                                    name="illicit_crops"
                                    value=crop.code()
                                    checked=checked
                                    aria-invalid=move || message.with(Option::is_some).then_some("true")
                                />
                                <label for=id>{crop.name(locale)}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            <FieldErrorText id="illicit-crops" message />
        </fieldset>
    }
}

#[component]
fn PlannedCropsField(
    rows: Vec<PlannedCropForm>,
    errors: RwSignal<Vec<FieldError>>,
    locale: Locale,
) -> impl IntoView {
    let message = error_text(errors, "planned_crops".to_owned());
    let crop_options: Vec<(String, String)> = AlternativeCrop::ALL
        .iter()
        .map(|c| (c.code().to_owned(), c.name(locale).to_owned()))
        .collect();
    view! {
        <fieldset
            class="field fieldset"
            class:field--invalid=move || message.with(Option::is_some)
            aria-describedby="planned-crops-hint planned-crops-error"
        >
            <legend>
                {locale.t(Msg::PlannedCrops)}
                <span class="required" aria-hidden="true">" *"</span>
            </legend>
            <p class="hint" id="planned-crops-hint">{locale.t(Msg::PlannedCropsHint)}</p>
            <FieldErrorText id="planned-crops" message />
            <ol class="planned-rows">
                {rows
                    .into_iter()
                    .enumerate()
                    .map(|(index, row)| {
                        let row_label = format!("{} {}", locale.t(Msg::Row), index + 1);
                        let (crop_label, hectares_label) = (row_label.clone(), row_label.clone());
                        view! {
                            <li class="planned-row" aria-label=row_label>
                                <SelectField
                                    id=format!("planned-crop-{index}")
                                    name=planned_field(index, "crop")
                                    label=Msg::Crop
                                    label_suffix=crop_label
                                    options=crop_options.clone()
                                    selected=row.crop
                                    errors
                                    placeholder=Msg::ChooseCrop
                                />
                                <TextField
                                    id=format!("planned-hectares-{index}")
                                    name=planned_field(index, "hectares")
                                    label=Msg::Hectares
                                    label_suffix=hectares_label
                                    value=row.hectares
                                    inputmode="decimal"
                                    errors
                                />
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </fieldset>
    }
}
