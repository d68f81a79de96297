//! The funding agreement form: new (`/funding-agreements/new`, `?donor=` and `?program=` choose
//! first) or a change (`/funding-agreements/:id/edit`, the donor kept). A plain form post that
//! keeps every typed value on an error and names each problem next to its field.

use crate::api::funding::get_agreement_form;
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField, currency_options};
use crate::components::form::{CsrfField, FormState};
use crate::i18n::use_locale;
use crate::submission::Submission;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::funding_agreement::{
    FundingAgreement, FundingAgreementForm, FundingChoices, frequency_options,
};
use shared::i18n::{Locale, Msg};

fn field_id(field: &str) -> String {
    format!("funding-{}", field.replace('_', "-"))
}

fn field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "donor_id" => Msg::Donor,
            "title" => Msg::AgreementTitleLabel,
            "reference" => Msg::AgreementReference,
            "amount" => Msg::AgreementAmount,
            "currency" => Msg::Currency,
            "start_date" => Msg::AgreementStart,
            "end_date" => Msg::AgreementEnd,
            "program_id" => Msg::Program,
            "project_id" => Msg::AgreementProjectOptional,
            "component_id" => Msg::AgreementComponentOptional,
            "long_term" => Msg::LongTermFunding,
            "flexible" => Msg::FlexibleShort,
            "reporting_frequency" => Msg::ReportingFrequencyLabel,
            "report_due_days" => Msg::ReportDueDays,
            _ => Msg::ReportingRequirements,
        })
        .to_owned()
}

/// The form page, new or for a change.
#[component]
pub fn FundingAgreementFormPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    let data = Resource::new(move || id.get(), get_agreement_form);
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((agreement, choices)) => {
                        let q = query.read_untracked();
                        let first = FundingAgreementForm {
                            donor_id: q.get("donor").unwrap_or_default(),
                            program_id: q.get("program").unwrap_or_default(),
                            ..FundingAgreementForm::default()
                        };
                        view! { <AgreementFormView agreement choices first /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AgreementFormView(
    agreement: Option<FundingAgreement>,
    choices: FundingChoices,
    first: FundingAgreementForm,
) -> impl IntoView {
    let locale = use_locale();
    let resubmitted = use_context::<Submission<FundingAgreementForm>>().is_some();
    let (submitted, state) = FormState::from_submission::<FundingAgreementForm>();
    let errors = state.errors;
    let form = if resubmitted {
        submitted
    } else {
        agreement.as_ref().map(|a| a.to_form()).unwrap_or(first)
    };
    let (title, action) = match &agreement {
        Some(a) => (
            locale.t(Msg::EditFundingAgreement),
            format!("/funding-agreements/{}/edit", a.id),
        ),
        None => (
            locale.t(Msg::NewFundingAgreement),
            "/funding-agreements/new".to_owned(),
        ),
    };
    let none = |list: Vec<(String, String)>, first: Msg| {
        let mut all = vec![(String::new(), locale.t(first).to_owned())];
        all.extend(list);
        all
    };
    let donor_field = match &agreement {
        Some(a) => view! {
            <p class="field" id="funding-donor">
                <strong>{locale.t(Msg::Donor)}": "</strong>{a.donor_name.clone()}
            </p>
        }
        .into_any(),
        None => view! {
            <SelectField id="funding-donor-id" name="donor_id" label=Msg::Donor options=choices.donors.clone()
                selected=form.donor_id.clone() errors placeholder=Msg::ChooseOption required=true />
        }
        .into_any(),
    };
    let checked = |v: &str| matches!(v.trim(), "on" | "true" | "1" | "yes");
    view! {
        <Title text=title />
        <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
            <a href="/donors">{locale.t(Msg::DonorsTitle)}</a>
        </nav>
        <h1>{title}</h1>
        <p class="lead">{locale.t(Msg::FundingAgreementIntro)}</p>
        <form id="funding-agreement-form" class="form" method="post" action=action novalidate>
            <CsrfField />
            <ErrorSummary id="funding-agreement-errors" errors general=state.general field_id field_label />
            {donor_field}
            <TextField id="funding-title" name="title" label=Msg::AgreementTitleLabel value=form.title.clone()
                errors required=true maxlength=200 />
            <TextField id="funding-reference" name="reference" label=Msg::AgreementReference
                value=form.reference.clone() errors maxlength=100 />
            <div class="form__row form__row--wrap">
                <TextField id="funding-amount" name="amount" label=Msg::AgreementAmount value=form.amount.clone()
                    errors inputmode="decimal" required=true />
                <SelectField id="funding-currency" name="currency" label=Msg::Currency
                    options=currency_options(locale) selected=form.currency.clone() errors
                    placeholder=Msg::ChooseOption required=true />
                <TextField id="funding-start-date" name="start_date" label=Msg::AgreementStart
                    value=form.start_date.clone() errors kind="date" required=true />
                <TextField id="funding-end-date" name="end_date" label=Msg::AgreementEnd
                    value=form.end_date.clone() errors kind="date" required=true />
            </div>
            <fieldset class="fieldset">
                <legend>{locale.t(Msg::EarmarkedFor)}</legend>
                <SelectField id="funding-program-id" name="program_id" label=Msg::Program
                    options=choices.programs.clone() selected=form.program_id.clone() errors
                    placeholder=Msg::ChooseOption required=true />
                <SelectField id="funding-project-id" name="project_id" label=Msg::AgreementProjectOptional
                    options=none(choices.projects.clone(), Msg::WholeProgram) selected=form.project_id.clone() errors />
                <SelectField id="funding-component-id" name="component_id" label=Msg::AgreementComponentOptional
                    options=none(choices.components.clone(), Msg::WholeProject) selected=form.component_id.clone() errors />
            </fieldset>
            <div class="checkbox">
                <input type="checkbox" id="funding-long-term" name="long_term" value="true"
                    checked=checked(&form.long_term) />
                <label for="funding-long-term">{locale.t(Msg::LongTermFunding)}</label>
            </div>
            <div class="checkbox">
                <input type="checkbox" id="funding-flexible" name="flexible" value="true"
                    checked=checked(&form.flexible) />
                <label for="funding-flexible">{locale.t(Msg::FlexibleFunding)}</label>
            </div>
            <div class="form__row form__row--wrap">
                <SelectField id="funding-reporting-frequency" name="reporting_frequency"
                    label=Msg::ReportingFrequencyLabel options=frequency_options(locale)
                    selected=if form.reporting_frequency.is_empty() { "annual".to_owned() } else { form.reporting_frequency.clone() }
                    errors />
                <TextField id="funding-report-due-days" name="report_due_days" label=Msg::ReportDueDays
                    value=if form.report_due_days.is_empty() { "30".to_owned() } else { form.report_due_days.clone() }
                    errors inputmode="numeric" />
            </div>
            <TextArea id="funding-reporting-requirements" name="reporting_requirements"
                label=Msg::ReportingRequirements value=form.reporting_requirements.clone() errors maxlength=2000 />
            <button id="funding-agreement-submit" type="submit" class="button button--primary">
                {locale.t(Msg::SaveFundingAgreement)}
            </button>
        </form>
    }
}
