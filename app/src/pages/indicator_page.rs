//! Adding or changing an indicator of a project's results framework: picked from the built-in
//! library of alternative development indicators (its name, unit, disaggregation and source
//! then come from the library, in the reader's language) or defined by the project; baseline,
//! disaggregation set, data source, reporting frequency and who reports it. A plain form post.

use crate::api::planning::{ProjectResults, get_project_results};
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::i18n::{Locale, Msg};
use shared::indicator::{Disaggregation, Level, Unit};
use shared::results::{Frequency, IndicatorForm, ResponsibleRole};

fn indicator_field_id(field: &str) -> String {
    format!("indicator-{}", field.replace('_', "-"))
}

fn indicator_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "result_id" => Msg::ResultMeasured,
            "library_code" => Msg::LibraryIndicator,
            "unit" => Msg::Unit,
            "baseline_value" => Msg::Baseline,
            "baseline_year" => Msg::BaselineYear,
            "disaggregation" => Msg::Disaggregation,
            "data_source" => Msg::DataSource,
            "frequency" => Msg::Frequency,
            "responsible_role" => Msg::ResponsibleRole,
            "description" => Msg::Description,
            _ => Msg::IndicatorName,
        })
        .to_owned()
}

/// The indicator page: `/projects/:id/indicators/new?result=R` or
/// `/projects/:id/indicators/:indicator_id`.
#[component]
pub fn IndicatorPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    let ids = Memo::new(move |_| {
        let map = params.read();
        (
            map.get("id").and_then(|v| v.parse::<i64>().ok()),
            map.get("indicator_id").and_then(|v| v.parse::<i64>().ok()),
        )
    });
    let result = Memo::new(move |_| query.read().get("result").unwrap_or_default());
    let data = Resource::new(
        move || ids.get(),
        move |(project, _)| async move {
            get_project_results(project.ok_or(crate::error::AppError::NotFound)?, locale).await
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(results) => {
                        if !results.head.rights.edit_results {
                            return view! { <ErrorNotice error=crate::error::AppError::Forbidden /> }.into_any();
                        }
                        let (_, indicator_id) = ids.get_untracked();
                        if indicator_id.is_some_and(|id| results.view.framework.indicator(id).is_none()) {
                            return view! { <ErrorNotice error=crate::error::AppError::NotFound /> }.into_any();
                        }
                        view! { <IndicatorFormView results indicator_id result=result.get_untracked() /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn IndicatorFormView(
    results: ProjectResults,
    indicator_id: Option<i64>,
    result: String,
) -> impl IntoView {
    let locale = use_locale();
    let project_id = results.head.project.id;
    let (submitted, state) = FormState::from_submission::<IndicatorForm>();
    let existing = indicator_id.and_then(|id| results.view.framework.indicator(id).cloned());
    let initial = if submitted != IndicatorForm::default() {
        submitted
    } else {
        existing
            .as_ref()
            .map(|i| i.form())
            .unwrap_or_else(|| IndicatorForm {
                result_id: result,
                frequency: Frequency::Annual.code().to_owned(),
                responsible_role: ResponsibleRole::MeOfficer.code().to_owned(),
                ..IndicatorForm::default()
            })
    };
    let errors = state.errors;
    let result_options = results
        .view
        .framework
        .results
        .iter()
        .map(|r| {
            (
                r.id.to_string(),
                format!("{} — {}", r.level.name(locale), r.reference()),
            )
        })
        .collect();
    let library = results.library.clone();
    let library_group = |level: Level| {
        library
            .iter()
            .filter(|e| e.level == level)
            .map(|e| {
                let is = e.code == initial.library_code;
                view! {
                    <option value=e.code.clone() selected=is>
                        {format!("{} ({})", e.name, e.unit.name(locale))}
                    </option>
                }
            })
            .collect_view()
    };
    let outcome_options = library_group(Level::Outcome);
    let output_options = library_group(Level::Output);
    let units = Unit::ALL
        .iter()
        .map(|u| (u.code().to_owned(), u.name(locale).to_owned()))
        .collect();
    let sets = Disaggregation::ALL
        .iter()
        .map(|d| (d.code().to_owned(), d.name(locale).to_owned()))
        .collect();
    let frequencies = Frequency::ALL
        .iter()
        .map(|f| (f.code().to_owned(), f.name(locale).to_owned()))
        .collect();
    let roles = ResponsibleRole::ALL
        .iter()
        .map(|r| (r.code().to_owned(), r.name(locale).to_owned()))
        .collect();
    let action = match indicator_id {
        Some(id) => format!("/projects/{project_id}/indicators/{id}"),
        None => format!("/projects/{project_id}/indicators"),
    };
    let library_message = crate::components::field::error_text(errors, "library_code".to_owned());
    view! {
        <ProjectHeader head=results.head tab=ProjectTab::Results />
        <h2>{locale.t(if indicator_id.is_some() { Msg::EditIndicator } else { Msg::AddIndicator })}</h2>
        <p class="lead">{locale.t(Msg::IndicatorFormIntro)}</p>
        <form id="indicator-form" class="form" method="post" action=action novalidate>
            <CsrfField />
            <ErrorSummary errors general=state.general field_id=indicator_field_id field_label=indicator_field_label />
            <SelectField
                id="indicator-result-id"
                name="result_id"
                label=Msg::ResultMeasured
                options=result_options
                selected=initial.result_id.clone()
                errors
                placeholder=Msg::ChooseOption
                required=true
            />
            <div class="field" class:field--invalid=move || library_message.with(Option::is_some)>
                <label for="indicator-library-code">{locale.t(Msg::LibraryIndicator)}</label>
                <p class="hint" id="indicator-library-code-hint">{locale.t(Msg::LibraryIndicatorHint)}</p>
                <select
                    id="indicator-library-code"
                    name="library_code"
                    aria-describedby="indicator-library-code-hint indicator-library-code-error"
                >
                    <option value="">{locale.t(Msg::OwnIndicator)}</option>
                    <optgroup label=Level::Outcome.name(locale)>{outcome_options}</optgroup>
                    <optgroup label=Level::Output.name(locale)>{output_options}</optgroup>
                </select>
                <crate::components::field::FieldErrorText id="indicator-library-code" message=library_message />
            </div>
            <TextField id="indicator-name" name="name" label=Msg::IndicatorName hint=Msg::IndicatorNameHint value=initial.name.clone() errors />
            <div class="form__row">
                <SelectField
                    id="indicator-unit"
                    name="unit"
                    label=Msg::Unit
                    options=units
                    selected=initial.unit.clone()
                    errors
                    placeholder=Msg::FromLibraryOption
                />
                <SelectField
                    id="indicator-disaggregation"
                    name="disaggregation"
                    label=Msg::Disaggregation
                    options=sets
                    selected=initial.disaggregation.clone()
                    errors
                    placeholder=Msg::FromLibraryOption
                />
            </div>
            <div class="form__row">
                <TextField
                    id="indicator-baseline-value"
                    name="baseline_value"
                    label=Msg::Baseline
                    inputmode="decimal"
                    value=initial.baseline_value.clone()
                    errors
                />
                <TextField
                    id="indicator-baseline-year"
                    name="baseline_year"
                    label=Msg::BaselineYear
                    inputmode="numeric"
                    value=initial.baseline_year.clone()
                    errors
                />
            </div>
            <div class="form__row">
                <SelectField
                    id="indicator-frequency"
                    name="frequency"
                    label=Msg::Frequency
                    options=frequencies
                    selected=initial.frequency.clone()
                    errors
                    required=true
                />
                <SelectField
                    id="indicator-responsible-role"
                    name="responsible_role"
                    label=Msg::ResponsibleRole
                    options=roles
                    selected=initial.responsible_role.clone()
                    errors
                    required=true
                />
            </div>
            <TextField id="indicator-data-source" name="data_source" label=Msg::DataSource value=initial.data_source.clone() errors />
            <TextArea id="indicator-description" name="description" label=Msg::Description value=initial.description.clone() errors />
            <div class="form__actions">
                <button id="indicator-submit" type="submit" class="button button--primary">
                    {locale.t(if indicator_id.is_some() { Msg::SaveChanges } else { Msg::AddIndicator })}
                </button>
                <a class="button button--secondary" href=format!("/projects/{project_id}/results")>{locale.t(Msg::Cancel)}</a>
            </div>
        </form>
    }
}
