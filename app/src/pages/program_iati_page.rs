//! A program's IATI file (`/programs/:id/iati`): the activities it will hold (one per project
//! the reader may publish) with their identifiers and what each carries, what it leaves out
//! and why, and the download in the reader's language. Without the organisation's IATI
//! identifier it says so and links to the settings.

use crate::api::publishing::get_iati_preview;
use crate::components::error_view::ErrorNotice;
use crate::components::table::WideTable;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::i18n::Msg;
use shared::iati::IatiPreview;

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
