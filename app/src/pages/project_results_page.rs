//! A project's results framework tab: goal → outcomes → outputs, each with its indicators (unit,
//! baseline, disaggregation, frequency, source, who reports, targets per period); what a reviewer
//! would flag; and, for program officers and M&E officers, the forms that add or change a result
//! (`?edit=N` opens result N in the form) and the links to the indicator and target pages.

use super::id_param;
use crate::api::planning::{ProjectResults, get_project_results};
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::format;
use shared::i18n::{Locale, Msg};
use shared::plan_views::ResultsFrameworkView;
use shared::results::{Indicator, ResultBranch, ResultForm, ResultLevel};

/// The results framework tab.
#[component]
pub fn ProjectResultsPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let query = use_query_map();
    let edit = Memo::new(move |_| query.read().get("edit").and_then(|v| v.parse::<i64>().ok()));
    let data = Resource::new(
        move || id.get(),
        move |id| async move { get_project_results(id?, locale).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(results) => view! { <ResultsTab results edit=edit.get_untracked() /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ResultsTab(results: ProjectResults, edit: Option<i64>) -> impl IntoView {
    let locale = use_locale();
    let project_id = results.head.project.id;
    let can_edit = results.head.rights.edit_results;
    let currency = results.head.project.currency.clone();
    let view_data = results.view;
    let gaps = view_data.gaps.clone();
    let tree = view_data.framework.tree();
    let branches = tree
        .iter()
        .map(|b| branch_view(b, &view_data, project_id, can_edit, &currency, locale, 3))
        .collect_view();
    let empty = view_data.framework.results.is_empty();
    view! {
        <ProjectHeader head=results.head tab=ProjectTab::Results />
        <section class="panel" aria-labelledby="framework-heading" id="results-framework">
            <h2 id="framework-heading">{locale.t(Msg::TabResults)}</h2>
            <p class="lead">{locale.t(Msg::ResultsIntro)}</p>
            {(!gaps.is_empty())
                .then(|| {
                    view! {
                        <div class="notice notice--warning" id="framework-gaps">
                            <h3>{locale.t(Msg::FrameworkGaps)}</h3>
                            <ul>
                                {gaps
                                    .into_iter()
                                    .map(|g| view! { <li data-code=g.code.clone()>{g.message}</li> })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })}
            {empty.then(|| view! { <p class="empty" id="no-results">{locale.t(Msg::NoResultsYet)}</p> })}
            <div class="results-tree">{branches}</div>
        </section>
        {can_edit
            .then(|| {
                view! { <ResultFormView project_id framework=view_data.clone() edit /> }
            })}
        <section class="panel" aria-labelledby="library-heading" id="indicator-library">
            <h2 id="library-heading">{locale.t(Msg::IndicatorLibrary)}</h2>
            <details>
                <summary>{locale.t(Msg::IndicatorLibraryShow)}</summary>
                <ul class="plain-list">
                    {results
                        .library
                        .into_iter()
                        .map(|e| {
                            view! {
                                <li>
                                    <strong>{e.name}</strong>
                                    <span class="card__meta">
                                        " · "{e.unit.name(locale)}" · "{e.level.name(locale)}" · "
                                        {e.disaggregation.name(locale)}" · "{e.source}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        </section>
    }
}

fn branch_view(
    branch: &ResultBranch<'_>,
    view_data: &ResultsFrameworkView,
    project_id: i64,
    can_edit: bool,
    currency: &str,
    locale: Locale,
    depth: u8,
) -> AnyView {
    let result = branch.result;
    let heading = format!(
        "{}{}{}",
        result.level.name(locale),
        result
            .code
            .as_ref()
            .map(|c| format!(" {c}"))
            .unwrap_or_default(),
        ": "
    );
    let title = view! {
        <span class="result__level">{heading}</span>
        {result.statement.clone()}
    };
    let title = match depth {
        3 => view! { <h3 id=format!("result-{}", result.id)>{title}</h3> }.into_any(),
        4 => view! { <h4 id=format!("result-{}", result.id)>{title}</h4> }.into_any(),
        _ => view! { <h5 id=format!("result-{}", result.id)>{title}</h5> }.into_any(),
    };
    let indicators = branch
        .indicators
        .iter()
        .map(|i| indicator_row(i, view_data, project_id, can_edit, currency, locale))
        .collect_view();
    let has_indicators = !branch.indicators.is_empty();
    let children = branch
        .children
        .iter()
        .map(|c| {
            branch_view(
                c,
                view_data,
                project_id,
                can_edit,
                currency,
                locale,
                depth + 1,
            )
        })
        .collect_view();
    let result_id = result.id;
    // Only a result with nothing under it can be deleted: its outputs and indicators go first.
    let deletable = branch.children.is_empty() && !has_indicators;
    let reference = result.reference();
    view! {
        <div class=format!("result result--{}", result.level.code())>
            {title}
            {can_edit
                .then(|| {
                    view! {
                        <div class="result__actions">
                            <a href=format!("/projects/{project_id}/results?edit={result_id}#result-form")>
                                {locale.t(Msg::EditResult)}
                            </a>
                            " · "
                            <a
                                class="add-indicator-link"
                                href=format!("/projects/{project_id}/indicators/new?result={result_id}")
                            >
                                {locale.t(Msg::AddIndicator)}
                            </a>
                            {deletable
                                .then(|| {
                                    view! {
                                        " · "
                                        <form
                                            class="inline-form"
                                            method="post"
                                            action=format!("/projects/{project_id}/results/{result_id}/delete")
                                        >
                                            <CsrfField />
                                            <button type="submit" class="button button--link delete-result">
                                                {locale.t(Msg::DeleteResult)}
                                                <span class="visually-hidden">" "{reference.clone()}</span>
                                            </button>
                                        </form>
                                    }
                                })}
                        </div>
                    }
                })}
            {has_indicators
                .then(|| {
                    view! {
                        <div class="table-scroll" role="region" aria-label=locale.t(Msg::Indicators) tabindex="0">
                            <table class="table table--wide indicators-table">
                                <caption class="visually-hidden">{locale.t(Msg::Indicators)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{locale.t(Msg::Indicator)}</th>
                                        <th scope="col">{locale.t(Msg::Unit)}</th>
                                        <th scope="col">{locale.t(Msg::Baseline)}</th>
                                        <th scope="col">{locale.t(Msg::ActualsAgainstTargets)}</th>
                                        <th scope="col">{locale.t(Msg::Disaggregation)}</th>
                                        <th scope="col">{locale.t(Msg::Frequency)}</th>
                                        <th scope="col">{locale.t(Msg::DataSource)}</th>
                                        <th scope="col">{locale.t(Msg::ResponsibleRole)}</th>
                                    </tr>
                                </thead>
                                <tbody>{indicators}</tbody>
                            </table>
                        </div>
                    }
                })}
            {children}
        </div>
    }
    .into_any()
}

fn indicator_row(
    indicator: &Indicator,
    view_data: &ResultsFrameworkView,
    project_id: i64,
    can_edit: bool,
    currency: &str,
    locale: Locale,
) -> impl IntoView + use<> {
    let unit = indicator.unit.label(locale, currency);
    let baseline = match (indicator.baseline_value, indicator.baseline_year) {
        (Some(v), Some(y)) => format!("{} {unit} ({y})", format::decimal(v, locale)),
        (Some(v), None) => format!("{} {unit}", format::decimal(v, locale)),
        _ => "—".to_owned(),
    };
    let periods = view_data.periods_of(indicator.id);
    let progress: Vec<_> = view_data
        .progress_of(indicator.id)
        .iter()
        .filter(|p| p.target.is_some() || p.actual.is_some())
        .map(|p| {
            let label = periods
                .iter()
                .find(|v| v.code == p.period)
                .map(|v| v.label.clone())
                .unwrap_or_else(|| p.period.clone());
            let target = p
                .target
                .map(|t| format::decimal(t, locale))
                .unwrap_or_else(|| "—".to_owned());
            let actual = p
                .actual
                .map(|a| format::decimal(a, locale))
                .unwrap_or_else(|| "—".to_owned());
            let share = p.percent_of_target.map(|v| {
                let v = format::decimal(v, locale);
                match locale {
                    Locale::En => format!(" ({v}% {})", locale.t(Msg::OfTarget)),
                    Locale::Es => format!(" ({v} % {})", locale.t(Msg::OfTarget)),
                }
            });
            view! {
                <li class="period-progress" data-period=p.period.clone()>
                    <span class="period-label">{label}</span>": "
                    {locale.t(Msg::Target)}" "{target}" · "
                    {locale.t(Msg::ActualValue)}" "<span class="period-actual">{actual}</span>
                    {share.map(|s| view! { <span class="of-target">{s}</span> })}
                </li>
            }
        })
        .collect();
    let has_progress = !progress.is_empty();
    let id = indicator.id;
    let name = indicator.display_name(locale).to_owned();
    let target_count = indicator.targets.len();
    view! {
        <tr id=format!("indicator-{id}")>
            <th scope="row">
                {indicator.display_name(locale).to_owned()}
                {indicator
                    .library_code
                    .is_some()
                    .then(|| view! { " "<span class="badge badge--info">{locale.t(Msg::FromLibrary)}</span> })}
                " "
                <a class="actuals-link" href=format!("/projects/{project_id}/indicators/{id}/actuals")>
                    {locale.t(Msg::Actuals)}
                </a>
                {can_edit
                    .then(|| {
                        view! {
                            <span class="row-actions">
                                <a href=format!("/projects/{project_id}/indicators/{id}")>{locale.t(Msg::Edit)}</a>
                                " · "
                                <a class="targets-link" href=format!("/projects/{project_id}/indicators/{id}/targets")>
                                    {locale.t(Msg::SetTargets)}
                                </a>
                                " · "
                                <form
                                    class="inline-form"
                                    method="post"
                                    action=format!("/projects/{project_id}/indicators/{id}/delete")
                                >
                                    <CsrfField />
                                    <button type="submit" class="button button--link delete-indicator">
                                        {locale.t(Msg::DeleteIndicator)}
                                        <span class="visually-hidden">" "{name.clone()}</span>
                                        {(target_count > 0)
                                            .then(|| format!(" ({target_count} {})", locale.t(Msg::TargetsGoWithIt)))}
                                    </button>
                                </form>
                            </span>
                        }
                    })}
            </th>
            <td>{unit}</td>
            <td>{baseline}</td>
            <td class="indicator-targets">
                {if has_progress {
                    view! { <ul class="progress-list">{progress}</ul> }.into_any()
                } else {
                    locale.t(Msg::NoTargetsYet).into_any()
                }}
            </td>
            <td>{indicator.disaggregation.name(locale)}</td>
            <td>{indicator.frequency.name(locale)}</td>
            <td>{indicator.display_data_source(locale).unwrap_or_default().to_owned()}</td>
            <td>{indicator.responsible_role.name(locale)}</td>
        </tr>
    }
}

fn result_field_id(field: &str) -> String {
    format!("result-{}", field.replace('_', "-"))
}

fn result_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "level" => Msg::ResultLevel,
            "parent_id" => Msg::ResultParent,
            "code" => Msg::ResultCode,
            _ => Msg::ResultStatement,
        })
        .to_owned()
}

#[component]
fn ResultFormView(
    project_id: i64,
    framework: ResultsFrameworkView,
    edit: Option<i64>,
) -> impl IntoView {
    let locale = use_locale();
    let (submitted, state) = FormState::from_submission::<ResultForm>();
    let editing = edit.and_then(|id| framework.framework.result(id).cloned());
    let initial = if submitted != ResultForm::default() {
        submitted
    } else {
        editing.as_ref().map(|r| r.form()).unwrap_or_default()
    };
    let errors = state.errors;
    let levels = ResultLevel::ALL
        .iter()
        .map(|l| (l.code().to_owned(), l.name(locale).to_owned()))
        .collect();
    let parents = framework
        .framework
        .results
        .iter()
        .filter(|r| r.level != ResultLevel::Output && Some(r.id) != edit)
        .map(|r| {
            (
                r.id.to_string(),
                format!("{} — {}", r.level.name(locale), r.reference()),
            )
        })
        .collect();
    let action = match &editing {
        Some(r) => format!("/projects/{project_id}/results/{}", r.id),
        None => format!("/projects/{project_id}/results"),
    };
    let title = locale.t(if editing.is_some() {
        Msg::EditResult
    } else {
        Msg::AddResult
    });
    view! {
        <section class="panel" aria-labelledby="result-form-heading">
            <form id="result-form" class="form form--inline" method="post" action=action novalidate>
                <h2 id="result-form-heading">{title}</h2>
                <CsrfField />
                <ErrorSummary
                    id="result-errors"
                    errors
                    general=state.general
                    field_id=result_field_id
                    field_label=result_field_label
                />
                <div class="form__row">
                    <SelectField
                        id="result-level"
                        name="level"
                        label=Msg::ResultLevel
                        options=levels
                        selected=initial.level.clone()
                        errors
                        placeholder=Msg::ChooseOption
                        required=true
                    />
                    <SelectField
                        id="result-parent-id"
                        name="parent_id"
                        label=Msg::ResultParent
                        options=parents
                        selected=initial.parent_id.clone()
                        errors
                        placeholder=Msg::NoParent
                    />
                    <TextField id="result-code" name="code" label=Msg::ResultCode value=initial.code.clone() errors />
                </div>
                <TextArea
                    id="result-statement"
                    name="statement"
                    label=Msg::ResultStatement
                    hint=Msg::ResultStatementHint
                    value=initial.statement.clone()
                    errors
                />
                <div class="form__actions">
                    <button id="result-submit" type="submit" class="button button--primary">
                        {locale.t(if editing.is_some() { Msg::SaveChanges } else { Msg::AddResult })}
                    </button>
                    {editing
                        .is_some()
                        .then(|| {
                            view! {
                                <a class="button button--secondary" href=format!("/projects/{project_id}/results")>
                                    {locale.t(Msg::Cancel)}
                                </a>
                            }
                        })}
                </div>
            </form>
        </section>
    }
}
