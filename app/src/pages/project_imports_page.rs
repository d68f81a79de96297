//! A project's imports of KoboToolbox and ODK exports (`/projects/:id/imports`): the form to
//! upload an export (a plain `multipart/form-data` post: on to the import's page to map its
//! columns), and the imports so far with where they stand and what they stored.

use super::id_param;
use crate::api::imports::{ImportsPage, get_project_imports};
use crate::components::error_view::{ActionFailedNotice, ErrorNotice};
use crate::components::form::CsrfField;
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::format;
use shared::i18n::Msg;

/// The page.
#[component]
pub fn ProjectImportsPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { get_project_imports(id?).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <ImportsView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ImportsView(page: ImportsPage) -> impl IntoView {
    let locale = use_locale();
    let project_id = page.head.project.id;
    let rows = page
        .imports
        .imports
        .iter()
        .map(|i| {
            let href = format!("/projects/{project_id}/imports/{}", i.id);
            view! {
                <tr>
                    <th scope="row"><a href=href>{i.file_name.clone()}</a></th>
                    <td>{i.form_name.clone()}</td>
                    <td>
                        <span class=format!("badge import-status import-status--{}", i.status.code())>
                            {i.status.name(locale)}
                        </span>
                    </td>
                    <td class="num">{i.imported}</td>
                    <td class="num">{i.already_imported}</td>
                    <td class="num">{i.issues.len()}</td>
                    <td>{i.created_by.clone()}", "{format::date_time(i.created_at, locale)}</td>
                </tr>
            }
        })
        .collect_view();
    let has_imports = !page.imports.imports.is_empty();
    view! {
        <Title text=locale.t(Msg::ImportsTitle) />
        <ProjectHeader head=page.head.clone() tab=ProjectTab::Households />
        <section class="panel" id="imports" aria-labelledby="imports-heading">
            <h2 id="imports-heading">{locale.t(Msg::ImportsTitle)}</h2>
            <p class="lead">{locale.t(Msg::ImportsIntro)}</p>
            <ActionFailedNotice />
            <form id="import-upload-form" class="form" method="post"
                action=format!("/projects/{project_id}/imports") enctype="multipart/form-data">
                <CsrfField />
                <div class="field">
                    <label for="import-file">{locale.t(Msg::ImportFile)}</label>
                    <input type="file" id="import-file" name="file" multiple=true required=true
                        accept=".xlsx,.zip,.csv,text/csv,application/zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        aria-describedby="import-file-hint" />
                    <span class="hint" id="import-file-hint">{locale.t(Msg::ImportFileHint)}</span>
                </div>
                <button id="import-upload" type="submit" class="button button--primary">
                    {locale.t(Msg::UploadImport)}
                </button>
            </form>
            <h3>{locale.t(Msg::EarlierImports)}</h3>
            {if has_imports {
                view! {
                    <div class="table-scroll" role="region" aria-label=locale.t(Msg::EarlierImports) tabindex="0">
                        <table class="table" id="imports-table">
                            <thead>
                                <tr>
                                    <th scope="col">{locale.t(Msg::ImportFileName)}</th>
                                    <th scope="col">{locale.t(Msg::ImportForm)}</th>
                                    <th scope="col">{locale.t(Msg::ImportStatusLabel)}</th>
                                    <th scope="col" class="num">{locale.t(Msg::VisitsImported)}</th>
                                    <th scope="col" class="num">{locale.t(Msg::AlreadyImported)}</th>
                                    <th scope="col" class="num">{locale.t(Msg::RowsNotImported)}</th>
                                    <th scope="col">{locale.t(Msg::RecordedBy)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            } else {
                view! { <p class="hint">{locale.t(Msg::NoImportsYet)}</p> }.into_any()
            }}
        </section>
    }
}
