//! The project form, for creating a project and for changing one: name, type, country, status,
//! currency, dates, donors, the illicit crops it addresses and the licit crops it plans. It can
//! be saved as a draft at any point, as typed. Works with JavaScript (validated in the browser,
//! saved by a server function, no reload) and without (a plain form post; the button pressed says
//! whether it is a draft).

use crate::api::projects::{create_project, save_project_draft, update_project};
use crate::components::error_view::ErrorSummary;
use crate::components::field::{FieldErrorText, SelectField, TextArea, TextField, error_text};
use crate::components::form::{
    CsrfField, FormState, borrowed, focus_error_summary, submitted_pairs,
};
use crate::i18n::use_locale;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::country::COUNTRIES;
use shared::crop::{AlternativeCrop, IllicitCrop};
use shared::donor::Donor;
use shared::draft::Draft;
use shared::format;
use shared::i18n::{Locale, Msg};
use shared::program::{DESCRIPTION_MAX, NAME_MAX};
use shared::project::{
    PLANNED_CROP_FORM_ROWS, PlannedCropForm, ProjectForm, ProjectKind, ProjectStatus, planned_field,
};
use shared::validation::FieldError;

/// The value of the button that saves the form as a draft (`name="intent"`).
pub const INTENT_DRAFT: &str = "draft";

/// Whether the form makes a new project in a program or changes an existing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectFormMode {
    /// A new project in this program.
    New {
        /// The program.
        program_id: i64,
    },
    /// Changes to this project.
    Edit {
        /// The project.
        project_id: i64,
    },
}

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
        "donors" => "project-donors".to_owned(),
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
            "status" => Msg::ProjectStatusLabel,
            "currency" => Msg::Currency,
            "donors" => Msg::Donors,
            _ => Msg::ProjectName,
        })
        .to_owned()
}

/// Whether the form was submitted with its "Save as draft" button.
fn is_draft_submit(ev: &SubmitEvent) -> bool {
    #[cfg(feature = "hydrate")]
    {
        ev.submitter()
            .and_then(|b| b.get_attribute("value"))
            .is_some_and(|v| v == INTENT_DRAFT)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        false
    }
}

/// The project form.
#[component]
pub fn ProjectFormView(
    /// New project or changes.
    mode: ProjectFormMode,
    /// The values to show first (a submission coming back with errors wins over these).
    initial: ProjectForm,
    /// The organisation's donors, to choose from.
    donors: Vec<Donor>,
    /// The draft being continued, if any.
    draft: Option<Draft>,
    /// Where "Cancel" goes.
    #[prop(into)]
    cancel_href: String,
) -> impl IntoView {
    let locale = use_locale();
    let (submitted, state) = FormState::from_submission::<ProjectForm>();
    let mut initial = if submitted == ProjectForm::default() {
        initial
    } else {
        submitted
    };
    if initial.planned_crops.len() < PLANNED_CROP_FORM_ROWS {
        initial
            .planned_crops
            .resize(PLANNED_CROP_FORM_ROWS, PlannedCropForm::default());
    }
    let errors = state.errors;
    let draft_id = draft.as_ref().map(|d| d.id);
    let navigate = use_navigate();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if state.pending.get_untracked() {
            return;
        }
        let as_draft = is_draft_submit(&ev);
        let form = ProjectForm::from_pairs(borrowed(&submitted_pairs(&ev)));
        state.general.set(None);
        if !as_draft && let Err(problems) = form.validate() {
            state.errors.set(problems);
            focus_error_summary();
            return;
        }
        state.errors.set(Vec::new());
        state.pending.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let saved = if as_draft {
                let (program, project) = match mode {
                    ProjectFormMode::New { program_id } => (Some(program_id), None),
                    ProjectFormMode::Edit { project_id } => (None, Some(project_id)),
                };
                save_project_draft(program, project, draft_id, form).await
            } else {
                match mode {
                    ProjectFormMode::New { program_id } => {
                        create_project(program_id, form, draft_id).await
                    }
                    ProjectFormMode::Edit { project_id } => {
                        update_project(project_id, form, draft_id).await
                    }
                }
                .map(|id| format!("/projects/{id}"))
            };
            match saved {
                Ok(path) => navigate(&path, Default::default()),
                Err(crate::error::AppError::Invalid(problems)) => {
                    state.errors.set(problems);
                    focus_error_summary();
                }
                Err(error) => {
                    state.general.set(Some(error));
                    focus_error_summary();
                }
            }
            state.pending.set(false);
        });
    };

    let action = match mode {
        ProjectFormMode::New { program_id } => format!("/programs/{program_id}/projects/new"),
        ProjectFormMode::Edit { project_id } => format!("/projects/{project_id}/edit"),
    };
    let submit_label = match mode {
        ProjectFormMode::New { .. } => Msg::CreateProject,
        ProjectFormMode::Edit { .. } => Msg::SaveChanges,
    };
    let kind_options = ProjectKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.name(locale).to_owned()))
        .collect();
    let status_options = ProjectStatus::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.name(locale).to_owned()))
        .collect();
    let mut country_options: Vec<(String, String)> = COUNTRIES
        .iter()
        .map(|c| (c.code.to_owned(), c.name(locale).to_owned()))
        .collect();
    country_options.sort_by(|a, b| a.1.cmp(&b.1));
    let currency_options = crate::components::field::currency_options(locale);
    let kind = if initial.kind.is_empty() {
        ProjectKind::Ad.code().to_owned()
    } else {
        initial.kind.clone()
    };
    let status = if initial.status.is_empty() {
        ProjectStatus::Planning.code().to_owned()
    } else {
        initial.status.clone()
    };
    let pending = state.pending;

    view! {
        <form
            id="project-form"
            class="form"
            method="post"
            action=action
            novalidate
            on:submit=on_submit
        >
            <CsrfField />
            {draft
                .as_ref()
                .map(|d| {
                    view! {
                        <input type="hidden" name="draft_id" value=d.id.to_string() />
                        <p class="notice notice--info" id="draft-notice" role="status">
                            {locale.t(Msg::DraftContinuing)}" "
                            <time datetime=d.updated_at.to_rfc3339()>
                                {format::date_time(d.updated_at, locale)}
                            </time>
                        </p>
                    }
                })}
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
                    id="project-status"
                    name="status"
                    label=Msg::ProjectStatusLabel
                    options=status_options
                    selected=status
                    errors
                    required=true
                />
            </div>
            <div class="form__row">
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
                <SelectField
                    id="project-currency"
                    name="currency"
                    label=Msg::Currency
                    options=currency_options
                    selected=initial.currency.trim().to_ascii_uppercase()
                    errors
                    placeholder=Msg::CurrencyOfCountry
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
            <DonorsField donors selected=initial.donors.clone() errors />
            <TextArea
                id="project-description"
                name="description"
                label=Msg::Description
                hint=Msg::DescriptionHint
                value=initial.description.clone()
                errors
                maxlength=DESCRIPTION_MAX
            />
            <div class="form__actions">
                <button
                    id="project-submit"
                    type="submit"
                    name="intent"
                    value="save"
                    class="button button--primary"
                    aria-disabled=move || pending.get().then_some("true")
                >
                    {move || locale.t(if pending.get() { Msg::Saving } else { submit_label })}
                </button>
                <button
                    id="project-save-draft"
                    type="submit"
                    name="intent"
                    value=INTENT_DRAFT
                    class="button button--secondary"
                    formnovalidate
                >
                    {locale.t(Msg::SaveAsDraft)}
                </button>
                <a class="button button--secondary" href=cancel_href>
                    {locale.t(Msg::Cancel)}
                </a>
            </div>
            <p class="hint">{locale.t(Msg::DraftHint)}</p>
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
fn DonorsField(
    donors: Vec<Donor>,
    selected: Vec<String>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let locale = use_locale();
    let message = error_text(errors, "donors".to_owned());
    view! {
        <fieldset
            class="field fieldset"
            id="project-donors"
            tabindex="-1"
            class:field--invalid=move || message.with(Option::is_some)
            aria-describedby="donors-hint donors-error"
        >
            <legend>{locale.t(Msg::Donors)}</legend>
            <p class="hint" id="donors-hint">{locale.t(Msg::DonorsHint)}</p>
            {if donors.is_empty() {
                view! { <p class="empty">{locale.t(Msg::NoDonorsYet)}</p> }.into_any()
            } else {
                view! {
                    <div class="checkboxes">
                        {donors
                            .into_iter()
                            .map(|donor| {
                                let id = format!("donor-{}", donor.id);
                                let value = donor.id.to_string();
                                let checked = selected.iter().any(|s| s.trim() == value);
                                view! {
                                    <div class="checkbox">
                                        <input
                                            type="checkbox"
                                            id=id.clone()
                                            name="donors"
                                            value=value
                                            checked=checked
                                        />
                                        <label for=id>{donor.name}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                }
                    .into_any()
            }}
            <FieldErrorText id="donors" message />
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
