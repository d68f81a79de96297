//! One import of a KoboToolbox or ODK export (`/projects/:id/imports/:import_id`): while it
//! waits, the sheets read with their first rows and the form to map the columns (the form's
//! remembered mapping, else one suggested by the headings; a plain form post); while it runs,
//! a progress bar and a page that refreshes itself (with or without JavaScript); once done,
//! what it stored and every row it did not, with its sheet, line and reason.

use crate::api::imports::{ImportPage, get_field_import};
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use shared::field_import::{FieldImport, ImportField, ImportMapping, ImportStatus};
use shared::i18n::{Locale, Msg};

fn import_field_id(field: &str) -> String {
    format!("import-{}", field.replace('_', "-"))
}

fn import_field_label(field: &str, locale: Locale) -> String {
    if let Some(f) = field.strip_prefix("map_").and_then(ImportField::from_code) {
        return f.name(locale).to_owned();
    }
    locale
        .t(match field {
            "plot_sheet" => Msg::PlotSheetLabel,
            "status" => Msg::ImportStatusLabel,
            _ => Msg::ImportFile,
        })
        .to_owned()
}

/// The page.
#[component]
pub fn FieldImportPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let ids = Memo::new(move |_| {
        let map = params.read();
        (
            map.get("id").and_then(|v| v.parse::<i64>().ok()),
            map.get("import_id").and_then(|v| v.parse::<i64>().ok()),
        )
    });
    let data = Resource::new(
        move || ids.get(),
        |ids| async move {
            match ids {
                (Some(p), Some(i)) => get_field_import(p, i).await,
                _ => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <ImportView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A select of the columns for one field.
fn column_select(
    field: ImportField,
    groups: &[(String, Vec<String>)],
    selected: Option<String>,
    errors: RwSignal<Vec<shared::validation::FieldError>>,
    locale: Locale,
) -> impl IntoView + use<> {
    let name = format!("map_{}", field.code());
    let id = import_field_id(&name);
    let message = crate::components::field::error_text(errors, name.clone());
    let selected = selected.unwrap_or_default();
    let several = groups.len() > 1;
    let options = groups
        .iter()
        .map(|(sheet, headers)| {
            let opts = headers
                .iter()
                .map(|h| {
                    view! { <option value=h.clone() selected=*h == selected>{h.clone()}</option> }
                })
                .collect_view();
            if several {
                view! { <optgroup label=sheet.clone()>{opts}</optgroup> }.into_any()
            } else {
                opts.into_any()
            }
        })
        .collect_view();
    view! {
        <div class="field" class:field--invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>
                {field.name(locale)}
                {field.is_required().then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            <select id=id.clone() name=name required=field.is_required()
                aria-invalid=move || message.with(Option::is_some).then_some("true")
                aria-describedby=format!("{id}-error")>
                <option value="">{locale.t(Msg::NoColumn)}</option>
                {options}
            </select>
            <crate::components::field::FieldErrorText id=id message />
        </div>
    }
}

#[component]
fn MappingForm(import: FieldImport, project_id: i64) -> impl IntoView {
    let locale = use_locale();
    let (submitted, state) = FormState::from_submission::<ImportMapping>();
    let errors = state.errors;
    let mapping = if submitted == ImportMapping::default() {
        import.mapping.clone()
    } else {
        submitted
    };
    let main = import.sheets.first().cloned().unwrap_or_default();
    let main_groups = vec![(main.name.clone(), main.headers.clone())];
    let repeat_groups: Vec<(String, Vec<String>)> = import
        .sheets
        .iter()
        .skip(1)
        .map(|s| (s.name.clone(), s.headers.clone()))
        .collect();
    let heading = |f: ImportField| mapping.heading(f).map(str::to_owned);
    let visit_fields = ImportField::VISIT
        .into_iter()
        .map(|f| column_select(f, &main_groups, heading(f), errors, locale))
        .collect_view();
    let plot_fields = ImportField::PLOT
        .into_iter()
        .map(|f| column_select(f, &repeat_groups, heading(f), errors, locale))
        .collect_view();
    let plot_sheet = mapping.plot_sheet.clone().unwrap_or_default();
    let sheet_options = repeat_groups
        .iter()
        .map(|(name, _)| view! { <option value=name.clone() selected=*name == plot_sheet>{name.clone()}</option> })
        .collect_view();
    let again = import.status == ImportStatus::Interrupted;
    view! {
        <form id="import-mapping-form" class="form" method="post"
            action=format!("/projects/{project_id}/imports/{}/start", import.id) novalidate>
            <h3>{locale.t(Msg::MapColumnsTitle)}</h3>
            <p>{locale.t(Msg::MapColumnsIntro)}</p>
            <p class="hint" id="mapping-origin">
                {locale.t(if import.mapping_remembered { Msg::MappingRemembered } else { Msg::MappingSuggested })}
            </p>
            <CsrfField />
            <ErrorSummary id="import-errors" errors general=state.general
                field_id=import_field_id field_label=import_field_label />
            <fieldset class="fieldset">
                <legend>{locale.t(Msg::VisitFieldsLegend)}" — "{main.name.clone()}</legend>
                <div class="form__row form__row--wrap">{visit_fields}</div>
            </fieldset>
            {(!repeat_groups.is_empty()).then(|| view! {
                <fieldset class="fieldset">
                    <legend>{locale.t(Msg::PlotFieldsLegend)}</legend>
                    <div class="field">
                        <label for="import-plot-sheet">{locale.t(Msg::PlotSheetLabel)}</label>
                        <select id="import-plot-sheet" name="plot_sheet">
                            <option value="">{locale.t(Msg::NoPlotSheet)}</option>
                            {sheet_options}
                        </select>
                    </div>
                    <div class="form__row form__row--wrap">{plot_fields}</div>
                </fieldset>
            })}
            <button id="import-start" type="submit" class="button button--primary">
                {locale.t(if again { Msg::StartImportAgain } else { Msg::StartImport })}
            </button>
        </form>
    }
}

#[component]
fn ImportView(page: ImportPage) -> impl IntoView {
    let locale = use_locale();
    let project_id = page.head.project.id;
    let import = page.import.clone();
    let title = format!("{} — {}", locale.t(Msg::ImportsTitle), import.file_name);
    let running = import.status == ImportStatus::Running;
    let waiting = matches!(
        import.status,
        ImportStatus::Mapping | ImportStatus::Interrupted
    );
    let sheets = import
        .sheets
        .iter()
        .map(|s| {
            let sample = (!s.sample.is_empty()).then(|| {
                let head = s.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view();
                let body = s
                    .sample
                    .iter()
                    .map(|row| view! { <tr>{row.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr> })
                    .collect_view();
                view! {
                    <details>
                        <summary>{locale.t(Msg::FirstRows)}</summary>
                        <div class="table-scroll" role="region" aria-label=format!("{} — {}", s.name, locale.t(Msg::FirstRows)) tabindex="0">
                            <table class="table table--wide">
                                <thead><tr>{head}</tr></thead>
                                <tbody>{body}</tbody>
                            </table>
                        </div>
                    </details>
                }
            });
            view! {
                <li>
                    <strong>{s.name.clone()}</strong>
                    {format!(": {} {}", s.rows, locale.t(Msg::SheetRows))}
                    {sample}
                </li>
            }
        })
        .collect_view();
    let issues = import
        .issues
        .iter()
        .map(|i| {
            view! {
                <tr>
                    <td>{i.sheet.clone()}</td>
                    <td class="num">{i.line}</td>
                    <td>{i.household_code.clone().unwrap_or_default()}</td>
                    <td>{i.reason.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let percent = import.percent();
    let finished = import.status == ImportStatus::Done;
    let no_issues = import.issues.is_empty();
    view! {
        <Title text=title.clone() />
        {running.then(|| view! { <Meta http_equiv="refresh" content="2" /> })}
        <ProjectHeader head=page.head.clone() tab=ProjectTab::Households />
        <section class="panel" id="field-import" aria-labelledby="import-heading">
            <h2 id="import-heading">{title}</h2>
            <p>
                <a id="back-to-imports" href=format!("/projects/{project_id}/imports")>{locale.t(Msg::BackToImports)}</a>
            </p>
            <dl class="facts">
                <dt>{locale.t(Msg::ImportForm)}</dt>
                <dd>{import.form_name.clone()}</dd>
                <dt>{locale.t(Msg::ImportStatusLabel)}</dt>
                <dd>
                    <span id="import-status" data-status=import.status.code()
                        class=format!("badge import-status import-status--{}", import.status.code())>
                        {import.status.name(locale)}
                    </span>
                </dd>
            </dl>
            <h3>{locale.t(Msg::SheetsRead)}</h3>
            <ul id="import-sheets">{sheets}</ul>
            {(running || finished).then(|| view! {
                <div class="import-progress">
                    <label for="import-progress">{locale.t(Msg::ImportProgressLabel)}</label>
                    <progress id="import-progress" max="100" value=percent.to_string()>{format!("{percent} %")}</progress>
                    <span>{format!(" {} / {} ({percent} %)", import.processed, import.total)}</span>
                    {running.then(|| view! { <p class="hint" role="status">{locale.t(Msg::ImportRunningHint)}</p> })}
                </div>
                <dl class="facts" id="import-counts">
                    <dt>{locale.t(Msg::VisitsImported)}</dt>
                    <dd id="import-imported">{import.imported}</dd>
                    <dt>{locale.t(Msg::AlreadyImported)}</dt>
                    <dd id="import-already">{import.already_imported}</dd>
                    <dt>{locale.t(Msg::RowsNotImported)}</dt>
                    <dd id="import-issue-count">{import.issues.len()}</dd>
                </dl>
            })}
            {finished.then(|| if no_issues {
                view! { <p class="notice notice--success notice--compact" id="import-clean">{locale.t(Msg::NothingLeftOut)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" role="region" aria-label=locale.t(Msg::RowsNotImported) tabindex="0">
                        <table class="table" id="import-issues">
                            <caption>{locale.t(Msg::RowsNotImported)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{locale.t(Msg::IssueSheet)}</th>
                                    <th scope="col" class="num">{locale.t(Msg::IssueLine)}</th>
                                    <th scope="col">{locale.t(Msg::HouseholdCode)}</th>
                                    <th scope="col">{locale.t(Msg::IssueReason)}</th>
                                </tr>
                            </thead>
                            <tbody>{issues}</tbody>
                        </table>
                    </div>
                }.into_any()
            })}
            {waiting.then(|| view! { <MappingForm import=import.clone() project_id /> })}
        </section>
    }
}
