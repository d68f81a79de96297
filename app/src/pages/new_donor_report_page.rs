//! A new donor report (`/reports/new`): its title, what it covers (a donor's projects, one
//! agreement, or chosen projects), its period and language. A plain form post: on an error the
//! form comes again with what was typed and each problem named.

use crate::api::donor_reports::{NewReportPage, get_report_choices};
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextField};
use crate::components::form::{CsrfField, FormActions, FormState};
use crate::i18n::use_locale;
use chrono::Datelike;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::donor_report::{ReportForm, ReportScope};
use shared::i18n::{Locale, Msg};

fn field_id(field: &str) -> String {
    format!("report-{}", field.replace('_', "-"))
}

fn field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "title" => Msg::ReportTitleLabel,
            "scope" => Msg::ReportScopeLabel,
            "donor_id" => Msg::ReportDonor,
            "agreement_id" => Msg::ReportAgreement,
            "project_ids" => Msg::ReportProjects,
            "period_start" => Msg::ReportPeriodStart,
            "period_end" => Msg::ReportPeriodEnd,
            _ => Msg::ReportLanguage,
        })
        .to_owned()
}

/// The page.
#[component]
pub fn NewDonorReportPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_report_choices());
    view! {
        <Title text=locale.t(Msg::NewReport) />
        <p class="breadcrumb"><a href="/reports">{locale.t(Msg::ReportsTitle)}</a></p>
        <h1>{locale.t(Msg::NewReport)}</h1>
        <p class="lead">{locale.t(Msg::NewReportIntro)}</p>
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <ReportFormView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportFormView(page: NewReportPage) -> impl IntoView {
    let locale = use_locale();
    let (submitted, state) = FormState::from_submission::<ReportForm>();
    let errors = state.errors;
    let last_year = page.today.year() - 1;
    let form = if submitted == ReportForm::default() {
        ReportForm {
            scope: ReportScope::Donor.code().to_owned(),
            period_start: format!("{last_year}-01-01"),
            period_end: format!("{last_year}-12-31"),
            language: locale.code().to_owned(),
            ..ReportForm::default()
        }
    } else {
        submitted
    };
    let pairs = |list: &[(i64, String)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(id, n)| (id.to_string(), n.clone()))
            .collect()
    };
    let scopes = ReportScope::ALL
        .into_iter()
        .map(|s| {
            let id = format!("report-scope-{}", s.code());
            view! {
                <div class="choice">
                    <input
                        type="radio"
                        name="scope"
                        id=id.clone()
                        value=s.code()
                        checked=form.scope == s.code()
                    />
                    <label for=id>{s.name(locale)}</label>
                </div>
            }
        })
        .collect_view();
    let chosen = form.project_ids.clone();
    let projects = page
        .choices
        .projects
        .iter()
        .map(|(id, name)| {
            let input = format!("report-project-{id}");
            view! {
                <div class="choice">
                    <input
                        type="checkbox"
                        name="project_ids"
                        id=input.clone()
                        value=id.to_string()
                        checked=chosen.contains(&id.to_string())
                    />
                    <label for=input>{name.clone()}</label>
                </div>
            }
        })
        .collect_view();
    let languages = Locale::ALL
        .iter()
        .map(|l| (l.code().to_owned(), l.native_name().to_owned()))
        .collect();
    view! {
        <form id="report-form" class="form" method="post" action="/reports" novalidate>
            <CsrfField />
            <ErrorSummary id="report-errors" errors general=state.general field_id field_label />
            <TextField
                id="report-title"
                name="title"
                label=Msg::ReportTitleLabel
                value=form.title.clone()
                errors
                required=true
                maxlength=shared::donor_report::TITLE_MAX
            />
            <fieldset class="field fieldset" id="report-scope">
                <legend>{locale.t(Msg::ReportScopeLabel)}</legend>
                <p class="hint">{locale.t(Msg::ReportScopeHint)}</p>
                {scopes}
            </fieldset>
            <SelectField
                id="report-donor-id"
                name="donor_id"
                label=Msg::ReportDonor
                options=pairs(&page.choices.donors)
                selected=form.donor_id.clone()
                placeholder=Msg::ChooseOption
                errors
            />
            <SelectField
                id="report-agreement-id"
                name="agreement_id"
                label=Msg::ReportAgreement
                options=pairs(&page.choices.agreements)
                selected=form.agreement_id.clone()
                placeholder=Msg::ChooseOption
                errors
            />
            <fieldset class="field fieldset" id="report-project-ids">
                <legend>{locale.t(Msg::ReportProjects)}</legend>
                <p class="hint">{locale.t(Msg::ReportProjectsHint)}</p>
                {projects}
            </fieldset>
            <TextField
                id="report-period-start"
                name="period_start"
                label=Msg::ReportPeriodStart
                value=form.period_start.clone()
                errors
                kind="date"
                required=true
            />
            <TextField
                id="report-period-end"
                name="period_end"
                label=Msg::ReportPeriodEnd
                value=form.period_end.clone()
                errors
                kind="date"
                required=true
            />
            <SelectField
                id="report-language"
                name="language"
                label=Msg::ReportLanguage
                options=languages
                selected=form.language.clone()
                errors
                required=true
            />
            <FormActions id="report-submit" label=Msg::CreateReport cancel_href="/reports" state />
        </form>
    }
}
