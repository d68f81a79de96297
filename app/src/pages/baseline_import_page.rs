//! Importing an illicit-crop baseline table as governments and UNODC publish it: paste or upload
//! the table, see what it holds — every figure with the community it matches and the figure it
//! replaces, every line that cannot be read with its line number and reason, the table's own
//! totals against its rows — then import it. Both steps are plain form posts; the table travels
//! with the confirmation, so nothing is kept on the server between them.

use super::id_param;
use crate::api::projects::get_project_map;
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::components::table::WideTable;
use crate::i18n::use_locale;
use crate::submission::Made;
use leptos::prelude::*;
use shared::baseline::BaselineSource;
use shared::baseline_record::{BaselineImportForm, ImportPreview};
use shared::crop::IllicitCrop;
use shared::format;
use shared::i18n::{Locale, Msg};

fn import_field_id(field: &str) -> String {
    format!("import-{}", field.replace('_', "-"))
}

fn import_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "crop" => Msg::Crop,
            "source" => Msg::Source,
            "note" => Msg::Note,
            "commit" => Msg::ImportBaselineTable,
            _ => Msg::BaselineTable,
        })
        .to_owned()
}

/// The import page.
#[component]
pub fn BaselineImportPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        move |id| async move { get_project_map(id?, locale).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => {
                        let project_id = data.head.project.id;
                        if !data.head.rights.edit {
                            return view! { <ErrorNotice error=crate::error::AppError::Forbidden /> }.into_any();
                        }
                        view! {
                            <ProjectHeader head=data.head tab=ProjectTab::Plan />
                            <ImportForm project_id />
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
fn ImportForm(project_id: i64) -> impl IntoView {
    let locale = use_locale();
    let (initial, state) = FormState::from_submission::<BaselineImportForm>();
    let preview = use_context::<Made<ImportPreview>>().map(|m| m.0);
    let errors = state.errors;
    let crops = IllicitCrop::ALL
        .iter()
        .map(|c| (c.code().to_owned(), c.name(locale).to_owned()))
        .collect::<Vec<_>>();
    let sources = BaselineSource::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.name(locale).to_owned()))
        .collect::<Vec<_>>();
    let crop = if initial.crop.is_empty() {
        IllicitCrop::CocaBush.code().to_owned()
    } else {
        initial.crop.clone()
    };
    view! {
        <section class="panel" aria-labelledby="import-heading">
            <h2 id="import-heading">{locale.t(Msg::ImportBaselineTable)}</h2>
            <p class="lead">{locale.t(Msg::ImportBaselineIntro)}</p>
            {preview.clone().map(|p| view! { <PreviewView preview=p /> })}
            <form
                id="baseline-import-form"
                class="form"
                method="post"
                action=format!("/projects/{project_id}/baselines/import")
                enctype="multipart/form-data"
                novalidate
            >
                <CsrfField />
                <ErrorSummary errors general=state.general field_id=import_field_id field_label=import_field_label />
                <div class="field">
                    <label for="import-file">{locale.t(Msg::BaselineFile)}</label>
                    <input type="file" id="import-file" name="file" accept=".csv,.txt,text/csv" />
                </div>
                <TextArea
                    id="import-table"
                    name="table"
                    label=Msg::BaselineTable
                    hint=Msg::BaselineTableHint
                    value=initial.table.clone()
                    errors
                />
                <div class="form__row">
                    <SelectField
                        id="import-crop"
                        name="crop"
                        label=Msg::Crop
                        options=crops
                        selected=crop
                        errors
                    />
                    <SelectField
                        id="import-source"
                        name="source"
                        label=Msg::Source
                        options=sources
                        selected=initial.source.clone()
                        errors
                        placeholder=Msg::ChooseOption
                        required=true
                    />
                </div>
                <TextField id="import-note" name="note" label=Msg::Note hint=Msg::ImportNoteHint value=initial.note.clone() errors />
                <div class="form__actions">
                    <button id="import-preview" type="submit" name="commit" value="false" class="button button--secondary">
                        {locale.t(Msg::PreviewImport)}
                    </button>
                    {preview
                        .filter(|p| !p.committed && !p.rows.is_empty())
                        .map(|p| {
                            view! {
                                <button id="import-commit" type="submit" name="commit" value="true" class="button button--primary">
                                    {format!("{} ({})", locale.t(Msg::ImportFigures), p.rows.len())}
                                </button>
                            }
                        })}
                    <a class="button button--secondary" href=format!("/projects/{project_id}/plan#baselines")>
                        {locale.t(Msg::BackToPlan)}
                    </a>
                </div>
            </form>
        </section>
    }
}

#[component]
fn PreviewView(preview: ImportPreview) -> impl IntoView {
    let locale = use_locale();
    let (new, replaced) = preview.counts();
    let summary = format!(
        "{}: {new} · {}: {replaced} · {}: {}",
        locale.t(Msg::NewFigures),
        locale.t(Msg::ReplacedFigures),
        locale.t(Msg::LinesWithProblems),
        preview.lines_with_problems()
    );
    let rows = preview
        .rows
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <td class="num">{r.line}</td>
                    <th scope="row">{r.place.clone()}</th>
                    <td>{r.community_name.clone().unwrap_or_else(|| locale.t(Msg::WiderPlace).to_owned())}</td>
                    <td>{r.crop.name(locale)}</td>
                    <td class="num">{r.year}</td>
                    <td class="num">{format::decimal(r.hectares, locale)}</td>
                    <td><code>{r.as_written.clone()}</code></td>
                    <td class="num">
                        {r.replaces.map(|h| format::decimal(h, locale)).unwrap_or_default()}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let problems = preview
        .problems
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <td class="num">{p.line}</td>
                    <td>{p.column.clone().unwrap_or_default()}</td>
                    <td>{p.message.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let totals = preview
        .totals
        .iter()
        .map(|t| {
            let difference = t.published - t.sum_of_rows;
            view! {
                <tr>
                    <td class="num">{t.line}</td>
                    <td class="num">{t.year}</td>
                    <td>{t.crop.name(locale)}</td>
                    <td class="num">{format::decimal(t.published, locale)}</td>
                    <td class="num">{format::decimal(t.sum_of_rows, locale)}</td>
                    <td class="num">{format::decimal(difference, locale)}</td>
                </tr>
            }
        })
        .collect_view();
    let has_problems = !preview.problems.is_empty();
    let has_totals = !preview.totals.is_empty();
    let unused = preview.unused_columns.join(", ");
    view! {
        <div id="import-preview-result" class="import-preview">
            <p
                class=if preview.committed { "notice notice--success" } else { "notice notice--info" }
                role="status"
                id="import-summary"
            >
                <strong>{locale.t(if preview.committed { Msg::ImportDone } else { Msg::ImportPreviewTitle })}</strong>
                " "
                {summary}
            </p>
            {(!unused.is_empty())
                .then(|| view! { <p class="hint">{locale.t(Msg::UnusedColumns)}": "{unused.clone()}</p> })}
            {has_problems
                .then(|| {
                    view! {
                        <WideTable
                            id="import-problems"
                            caption=Msg::RowsNotRead
                            caption_visible=true
                            headers=vec![Msg::Line, Msg::Column, Msg::Reason]
                        >
                            {problems}
                        </WideTable>
                    }
                })}
            {has_totals
                .then(|| {
                    view! {
                        <WideTable
                            id="import-totals"
                            caption=Msg::PublishedTotals
                            caption_visible=true
                            headers=vec![Msg::Line, Msg::Year, Msg::Crop, Msg::Published, Msg::SumOfRows, Msg::Difference]
                        >
                            {totals}
                        </WideTable>
                    }
                })}
            <WideTable
                id="import-rows"
                caption=Msg::FiguresToImport
                caption_visible=true
                headers=vec![
                    Msg::Line,
                    Msg::Place,
                    Msg::Community,
                    Msg::Crop,
                    Msg::Year,
                    Msg::HectaresColumn,
                    Msg::AsWritten,
                    Msg::Replaces,
                ]
            >
                {rows}
            </WideTable>
        </div>
    }
}
