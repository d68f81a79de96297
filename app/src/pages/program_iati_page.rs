//! A program's IATI file (`/programs/:id/iati`): the activities it will hold (one per project
//! the reader may publish) with their identifiers and what each carries, what it leaves out
//! and why, and the download in the reader's language. Without the organisation's IATI
//! identifier it says so and links to the settings.

use crate::api::publishing::get_iati_preview;
use crate::components::error_view::{ActionFailedNotice, ErrorNotice};
use crate::components::form::CsrfField;
use crate::components::table::WideTable;
use crate::i18n::use_locale;
use crate::submission::IatiImported;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::crop::{AlternativeCrop, IllicitCrop};
use shared::i18n::Msg;
use shared::iati::{IatiImportReport, IatiPreview};

/// The IATI page.
#[component]
pub fn ProgramIatiPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let data = Resource::new(move || id.get(), get_iati_preview);
    view! {
        <Title text=locale.t(Msg::IatiTitle) />
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(preview) => view! { <PreviewView preview /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PreviewView(preview: IatiPreview) -> impl IntoView {
    let locale = use_locale();
    let ready = preview.ready();
    let program = preview.program_id;
    let rows = preview
        .activities
        .iter()
        .map(|a| {
            view! {
                <tr>
                    <th scope="row"><a href=format!("/projects/{}", a.project_id)>{a.name.clone()}</a></th>
                    <td><code>{a.identifier.clone()}</code></td>
                    <td class="num">{a.locations}</td>
                    <td class="num">{a.budgets}</td>
                    <td class="num">{a.transactions}</td>
                    <td class="num">{a.indicators}</td>
                </tr>
            }
        })
        .collect_view();
    let notes = preview
        .notes
        .iter()
        .map(|n| view! { <li>{n.text(locale)}</li> })
        .collect_view();
    let settings = format!("/organisation?return_to=/programs/{program}/iati");
    view! {
        <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
            <a href=format!("/programs/{program}")>{preview.program_name.clone()}</a>
        </nav>
        <h1>{locale.t(Msg::IatiTitle)}": "{preview.program_name.clone()}</h1>
        <p class="lead">{locale.t(Msg::IatiIntro)}</p>
        <dl class="facts">
            <dt>{locale.t(Msg::OrganisationTitle)}</dt>
            <dd>{preview.organisation.name.clone()}</dd>
            <dt>{locale.t(Msg::IatiIdentifier)}</dt>
            <dd id="iati-reporting-org">
                {preview
                    .organisation
                    .iati_identifier
                    .clone()
                    .unwrap_or_else(|| locale.t(Msg::OrganisationNotSet).to_owned())}
            </dd>
        </dl>
        <p><a id="organisation-settings-link" href=settings>{locale.t(Msg::OrganisationLink)}</a></p>
        {ready
            .then(|| {
                view! {
                    <p>
                        <a
                            id="iati-download"
                            class="button button--primary"
                            href=format!("/api/v1/programs/{program}/iati.xml?lang={}", locale.code())
                            download=format!("iati-program-{program}.xml")
                            rel="external"
                        >
                            {locale.t(Msg::IatiDownload)}
                        </a>
                    </p>
                }
            })}
        <section aria-labelledby="iati-notes-title">
            <h2 id="iati-notes-title">{locale.t(Msg::IatiNotesTitle)}</h2>
            {if preview.notes.is_empty() {
                view! { <p>{locale.t(Msg::IatiNoNotes)}</p> }.into_any()
            } else {
                view! { <ul id="iati-notes">{notes}</ul> }.into_any()
            }}
        </section>
        {use_context::<IatiImported>().map(|IatiImported(report)| view! { <ImportReportView report /> })}
        {preview.can_import.then(|| view! { <ImportForm program /> })}
        <WideTable
            id="iati-activities"
            caption=Msg::IatiActivities
            headers=vec![
                Msg::ProjectLabel,
                Msg::IatiActivityIdentifier,
                Msg::IatiAreas,
                Msg::IatiBudgets,
                Msg::IatiTransactions,
                Msg::IatiIndicators,
            ]
        >
            {rows}
        </WideTable>
    }
}

#[component]
fn ImportForm(program: i64) -> impl IntoView {
    let locale = use_locale();
    let crops = IllicitCrop::ALL
        .iter()
        .map(|c| view! { <option value=c.code()>{c.name(locale)}</option> })
        .collect_view();
    let licit = AlternativeCrop::ALL
        .iter()
        .map(|c| view! { <option value=c.code()>{c.name(locale)}</option> })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="iati-import-title">
            <h2 id="iati-import-title">{locale.t(Msg::IatiImportTitle)}</h2>
            <p>{locale.t(Msg::IatiImportIntro)}</p>
            <ActionFailedNotice />
            <form
                id="iati-import-form"
                class="form"
                method="post"
                action=format!("/programs/{program}/iati-import")
                enctype="multipart/form-data"
            >
                <CsrfField />
                <div class="field">
                    <label for="iati-import-file">{locale.t(Msg::IatiFileLabel)}</label>
                    <input type="file" id="iati-import-file" name="file" accept=".xml,application/xml,text/xml" required=true />
                </div>
                <div class="field">
                    <label for="iati-import-crop">{locale.t(Msg::IatiIllicitCrop)}</label>
                    <select id="iati-import-crop" name="illicit_crop">{crops}</select>
                </div>
                <p class="hint" id="iati-import-plan-hint">{locale.t(Msg::IatiPlanHint)}</p>
                <div class="form__row form__row--wrap">
                    <div class="field">
                        <label for="iati-import-planned-crop">{locale.t(Msg::IatiPlannedCrop)}</label>
                        <select id="iati-import-planned-crop" name="planned_crop" aria-describedby="iati-import-plan-hint">
                            {licit}
                        </select>
                    </div>
                    <div class="field">
                        <label for="iati-import-hectares">{locale.t(Msg::IatiPlannedHectares)}</label>
                        <input type="text" inputmode="decimal" id="iati-import-hectares" name="planned_hectares"
                            required=true aria-describedby="iati-import-plan-hint" />
                    </div>
                </div>
                <button id="iati-import-submit" type="submit" class="button button--primary">
                    {locale.t(Msg::IatiImportSubmit)}
                </button>
            </form>
        </section>
    }
}

#[component]
fn ImportReportView(report: IatiImportReport) -> impl IntoView {
    let locale = use_locale();
    let rows = report
        .activities
        .iter()
        .map(|a| {
            let done = if a.created { Msg::IatiCreated } else { Msg::IatiUpdated };
            let transactions = if a.transactions_already_stored > 0 {
                format!(
                    "{} (+{} {})",
                    a.transactions,
                    a.transactions_already_stored,
                    locale.t(Msg::IatiAlreadyStored)
                )
            } else {
                a.transactions.to_string()
            };
            view! {
                <tr>
                    <th scope="row"><a href=format!("/projects/{}", a.project_id)>{a.project_name.clone()}</a></th>
                    <td><code>{a.identifier.clone()}</code></td>
                    <td>{locale.t(done)}</td>
                    <td class="num">{a.budgets}</td>
                    <td class="num">{transactions}</td>
                    <td class="num">{a.indicators}</td>
                    <td class="num">{a.actuals}</td>
                </tr>
            }
        })
        .collect_view();
    let unmapped = report
        .unmapped
        .iter()
        .map(|u| {
            view! {
                <li>
                    {format!(
                        "{}{} {}, <{}>: {}",
                        u.activity.as_deref().map(|a| format!("{a}, ")).unwrap_or_default(),
                        locale.t(Msg::IatiLine),
                        u.line,
                        u.element,
                        u.reason
                    )}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" id="iati-import-report" aria-labelledby="iati-import-report-title">
            <h2 id="iati-import-report-title">{locale.t(Msg::IatiImportReportTitle)}</h2>
            <p>{locale.t(Msg::IatiDonorsCreated)}": "{report.donors_created}</p>
            <WideTable
                id="iati-imported"
                caption=Msg::IatiImportReportTitle
                headers=vec![
                    Msg::ProjectLabel,
                    Msg::IatiActivityIdentifier,
                    Msg::Status,
                    Msg::IatiBudgets,
                    Msg::IatiTransactions,
                    Msg::IatiIndicators,
                    Msg::IatiActuals,
                ]
            >
                {rows}
            </WideTable>
            <h3>{locale.t(Msg::IatiUnmappedTitle)}</h3>
            {if report.unmapped.is_empty() {
                view! { <p>{locale.t(Msg::IatiAllMapped)}</p> }.into_any()
            } else {
                view! { <ul id="iati-unmapped">{unmapped}</ul> }.into_any()
            }}
        </section>
    }
}
