//! One donor report (`/reports/:id`): the report as its HTML file has it (cover, summary,
//! protection statement, results, funding statement, charts, map, narratives), its downloads
//! (print-ready HTML, PDF, XLSX, CSV), and — while it is a draft, for who may write it — the
//! narrative sections to write and save, and the button that issues it. Both are plain form
//! posts, so the page works without JavaScript.

use super::id_param;
use crate::api::donor_reports::{DonorReportPage as Page, get_donor_report};
use crate::components::error_view::{ActionFailedNotice, ErrorNotice, ErrorSummary};
use crate::components::field::TextArea;
use crate::components::form::{CsrfField, FormActions, FormState};
use crate::i18n::use_locale;
use crate::submission::Submission;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::donor_report::{NARRATIVE_MAX, NarrativeSection, NarrativesForm};
use shared::i18n::{Locale, Msg};

fn field_id(field: &str) -> String {
    format!("narrative-{}", field.replace('_', "-"))
}

fn field_label(field: &str, locale: Locale) -> String {
    NarrativeSection::ALL
        .into_iter()
        .find(|s| s.code() == field)
        .map_or_else(
            || locale.t(Msg::ReportNarrativesTitle).to_owned(),
            |s| s.title(locale).to_owned(),
        )
}

/// The page.
#[component]
pub fn DonorReportPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { get_donor_report(id?).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <ReportView page /> }.into_any(),
                    Err(error) => view! {
                        <Title text=locale.t(Msg::ReportsTitle) />
                        <h1>{locale.t(Msg::ReportsTitle)}</h1>
                        <ErrorNotice error />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportView(page: Page) -> impl IntoView {
    let locale = use_locale();
    let id = page.saved.id;
    let report = page.saved.report.clone();
    let saved = use_query_map()
        .read_untracked()
        .get("saved")
        .is_some()
        .then(|| view! { <p class="notice notice--success" role="status" id="narratives-saved">{locale.t(Msg::NarrativesSaved)}</p> });
    let status = if report.issued.is_some() {
        locale.t(Msg::ReportIssuedNote)
    } else {
        locale.t(Msg::ReportDraftNote)
    };
    let file = |name: &str| format!("/api/v1/reports/{id}/{name}");
    let downloads = view! {
        <nav class="report-downloads" aria-label=locale.t(Msg::ReportDownloads)>
            <h2>{locale.t(Msg::ReportDownloads)}</h2>
            <ul class="inline-list">
                <li><a id="report-html" href=file("report.html")>{locale.t(Msg::DownloadHtml)}</a></li>
                <li><a id="report-pdf" href=file("report.pdf")>{locale.t(Msg::DownloadPdf)}</a></li>
                <li><a id="report-xlsx" href=file("report.xlsx")>{locale.t(Msg::DownloadXlsx)}</a></li>
                <li><a id="report-csv" href=file("report.csv")>{locale.t(Msg::DownloadReportCsv)}</a></li>
            </ul>
        </nav>
    };
    let editing = page
        .saved
        .can_edit
        .then(|| view! { <Editing id narratives=NarrativesForm::of(&report.narratives) /> });
    view! {
        <Title text=report.spec.title.clone() />
        <p class="breadcrumb"><a href="/reports">{locale.t(Msg::ReportsTitle)}</a></p>
        <ActionFailedNotice />
        {saved}
        <p class="notice" id="report-status">{status}</p>
        {downloads}
        <div class="report-page" id="report-body" inner_html=page.body></div>
        {editing}
    }
}

#[component]
fn Editing(id: i64, narratives: NarrativesForm) -> impl IntoView {
    let locale = use_locale();
    let resubmitted = use_context::<Submission<NarrativesForm>>().is_some();
    let (submitted, state) = FormState::from_submission::<NarrativesForm>();
    let errors = state.errors;
    let form = if resubmitted { submitted } else { narratives };
    let areas = NarrativeSection::ALL
        .into_iter()
        .map(|s| {
            view! {
                <TextArea
                    id=field_id(s.code())
                    name=s.code()
                    label=s.heading()
                    value=form.sections.get(s.code()).cloned().unwrap_or_default()
                    errors
                    maxlength=NARRATIVE_MAX
                />
            }
        })
        .collect_view();
    view! {
        <section id="narratives" aria-labelledby="narratives-title">
            <h2 id="narratives-title">{locale.t(Msg::ReportNarrativesTitle)}</h2>
            <p>{locale.t(Msg::ReportNarrativesIntro)}</p>
            <form id="narratives-form" class="form" method="post" action=format!("/reports/{id}/narratives") novalidate>
                <CsrfField />
                <ErrorSummary id="narratives-errors" errors general=state.general field_id field_label />
                {areas}
                <FormActions id="narratives-submit" label=Msg::SaveNarratives cancel_href=format!("/reports/{id}") state />
            </form>
        </section>
        <section id="issue" aria-labelledby="issue-title">
            <h2 id="issue-title">{locale.t(Msg::IssueReport)}</h2>
            <p>{locale.t(Msg::IssueHint)}</p>
            <form id="issue-form" method="post" action=format!("/reports/{id}/issue")>
                <CsrfField />
                <button type="submit" class="button button--primary" id="issue-submit">
                    {locale.t(Msg::IssueReport)}
                </button>
            </form>
        </section>
    }
}
