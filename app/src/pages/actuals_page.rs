//! An indicator's actuals (`/projects/:id/indicators/:indicator_id/actuals`): a row per
//! reporting period with its target, its latest revision (value, status) and the approved
//! value; the buttons of the workflow the reader may take (submit; approve or return with a
//! comment; correct an approved period as a new revision); each period's history; and the form
//! to enter a period's actual with its disaggregation. Plain form posts throughout.

use crate::api::planning::{ActualsPage, get_indicator_actuals};
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::actuals::{Actual, ActualForm, ActualStatus, StepForm, approved_value, cell_field};
use shared::format;
use shared::i18n::{Locale, Msg};
use shared::indicator::Disaggregation;
use shared::results::period_label;

fn actual_field_id(field: &str) -> String {
    format!("actual-{}", field.replace(['[', '_'], "-").replace(']', ""))
}

fn actual_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "period" => Msg::Period,
            "total" => Msg::TotalLabel,
            "note" => Msg::Note,
            "comment" => Msg::Comment,
            "step" => Msg::Status,
            _ => Msg::CellsLegend,
        })
        .to_owned()
}

/// The page.
#[component]
pub fn ActualsPage() -> impl IntoView {
    let locale = use_locale();
    let ids = super::project_and_indicator_params();
    let query = leptos_router::hooks::use_query_map();
    let from_records = Memo::new(move |_| query.read().get("from_records"));
    let data = Resource::new(
        move || (ids.get(), from_records.get()),
        move |((project, indicator), from_records)| async move {
            match (project, indicator) {
                (Some(p), Some(i)) => get_indicator_actuals(p, i, from_records, locale).await,
                _ => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <ActualsView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A button that posts one workflow step.
fn step_button(
    project: i64,
    indicator: i64,
    actual: &Actual,
    step: &'static str,
    label: Msg,
    locale: Locale,
) -> impl IntoView {
    let period = period_label(&actual.actual.period, locale);
    view! {
        <form class="inline-form" method="post" action=format!("/projects/{project}/actuals/{}/steps", actual.id)>
            <CsrfField />
            <input type="hidden" name="indicator_id" value=indicator.to_string() />
            <input type="hidden" name="step" value=step />
            <button type="submit" class=format!("button button--secondary step-{step}")>
                {locale.t(label)}
                <span class="visually-hidden">" "{period}</span>
            </button>
        </form>
    }
}

#[component]
fn ActualsView(page: ActualsPage) -> impl IntoView {
    let locale = use_locale();
    let data = page.actuals.clone();
    let indicator = data.indicator.clone();
    let project = page.head.project.id;
    let indicator_id = indicator.id;
    let title = format!(
        "{} — {}",
        locale.t(Msg::ActualsTitle),
        indicator.display_name(locale)
    );
    let unit = indicator.unit.name(locale);
    let (submitted, state) = FormState::from_submission::<ActualForm>();
    // A draft worked out from the records fills the form, unless a post is being shown again.
    let computed = page.computed.clone();
    let submitted = match &computed {
        Some(c) if submitted == ActualForm::default() => c.form.clone(),
        _ => submitted,
    };
    let (_, step_state) = FormState::from_submission::<StepForm>();
    let errors = state.errors;
    let rows = data
        .periods
        .iter()
        .map(|period| {
            let latest = data.latest(&period.code).cloned();
            let approved = approved_value(&data.actuals, &period.code);
            let history: Vec<Actual> = data
                .actuals
                .iter()
                .filter(|a| a.actual.period == period.code)
                .cloned()
                .collect();
            let actions = latest.as_ref().map(|a| {
                let mut buttons = Vec::new();
                if data.can_enter && matches!(a.status, ActualStatus::Draft | ActualStatus::Returned) {
                    buttons.push(step_button(project, indicator_id, a, "submit", Msg::SubmitActual, locale).into_any());
                }
                if data.can_approve && a.status == ActualStatus::Submitted {
                    buttons.push(step_button(project, indicator_id, a, "approve", Msg::ApproveActual, locale).into_any());
                    let id = a.id;
                    buttons.push(
                        view! {
                            <form class="inline-form return-form" method="post" action=format!("/projects/{project}/actuals/{id}/steps")>
                                <CsrfField />
                                <input type="hidden" name="indicator_id" value=indicator_id.to_string() />
                                <input type="hidden" name="step" value="return" />
                                <label for=format!("comment-{id}")>{locale.t(Msg::Comment)}</label>
                                <input type="text" id=format!("comment-{id}") name="comment" aria-describedby=format!("comment-{id}-hint") />
                                <span class="hint" id=format!("comment-{id}-hint")>{locale.t(Msg::CommentHint)}</span>
                                <button type="submit" class="button button--secondary step-return">{locale.t(Msg::ReturnActual)}</button>
                            </form>
                        }
                            .into_any(),
                    );
                }
                if data.can_enter && a.status == ActualStatus::Approved {
                    buttons.push(step_button(project, indicator_id, a, "revise", Msg::ReviseActual, locale).into_any());
                }
                buttons.collect_view()
            });
            let events = history
                .iter()
                .flat_map(|a| {
                    a.events.iter().map(move |e| {
                        view! {
                            <li>
                                {format!("{} {} — {}, {}", locale.t(Msg::Revision), a.revision, e.step.name(locale), e.by)}
                                " ("{format::date_time(e.at, locale)}")"
                                {e.comment.clone().map(|c| format!(": “{c}”"))}
                                {(a.superseded && e.status == ActualStatus::Approved).then(|| format!(" — {}", locale.t(Msg::Superseded)))}
                            </li>
                        }
                    })
                })
                .collect_view();
            view! {
                <tr id=format!("period-{}", period.code)>
                    <th scope="row">{period.label(locale)}</th>
                    <td class="num">{indicator.target(&period.code).map(|t| format::decimal(t, locale)).unwrap_or_else(|| "—".to_owned())}</td>
                    <td class="num">
                        {match &latest {
                            Some(a) => view! {
                                {format::decimal(a.actual.total, locale)}
                                " "<span class=format!("badge actual-status actual-status--{}", a.status.code())>{a.status.name(locale)}</span>
                                " "<span class="hint">{format!("{} {}", locale.t(Msg::Revision), a.revision)}</span>
                            }.into_any(),
                            None => view! { <span class="hint">{locale.t(Msg::NoActualYet)}</span> }.into_any(),
                        }}
                    </td>
                    <td class="num approved-value">{approved.map(|v| format::decimal(v, locale)).unwrap_or_else(|| "—".to_owned())}</td>
                    <td>{actions}</td>
                    <td>
                        {(!history.is_empty()).then(|| view! {
                            <details>
                                <summary>{locale.t(Msg::StepsHistory)}</summary>
                                <ul class="steps">{events.clone()}</ul>
                            </details>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    // The periods a draft may be saved for: not submitted and not approved.
    let open_periods: Vec<(String, String)> = data
        .periods
        .iter()
        .filter(|p| {
            data.latest(&p.code)
                .is_none_or(|a| matches!(a.status, ActualStatus::Draft | ActualStatus::Returned))
        })
        .map(|p| (p.code.clone(), p.label(locale)))
        .collect();
    let cells = indicator.disaggregation.cells();
    let split = indicator.disaggregation != Disaggregation::Total;
    let cell_inputs = cells
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            let name = cell_field(i);
            let value = submitted.cells.get(i).cloned().unwrap_or_default();
            let message = crate::components::field::error_text(errors, name.clone());
            let id = actual_field_id(&name);
            view! {
                <div class="field" class:field--invalid=move || message.with(Option::is_some)>
                    <label for=id.clone()>{cell.label(locale)}</label>
                    <input type="text" id=id.clone() name=name value=value inputmode="decimal"
                        aria-invalid=move || message.with(Option::is_some).then_some("true")
                        aria-describedby=format!("{id}-error") />
                    <crate::components::field::FieldErrorText id=id message />
                </div>
            }
        })
        .collect_view();
    let from_records = data.computation.filter(|_| data.can_enter && !open_periods.is_empty()).map(|computation| {
        let links = open_periods
            .iter()
            .map(|(code, label)| {
                view! {
                    <li>
                        <a class="from-records-link"
                            href=format!("/projects/{project}/indicators/{indicator_id}/actuals?from_records={code}#actual-form")>
                            {locale.t(Msg::WorkOutFromRecords)}
                            " — "{label.clone()}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="notice from-records" id="from-records" aria-labelledby="from-records-heading">
                <h3 id="from-records-heading">{locale.t(Msg::FromRecordsTitle)}</h3>
                <p>{computation.explain(locale)}</p>
                <ul>{links}</ul>
            </section>
        }
    });
    let computed_notice = computed.map(|c| {
        let remarks = c
            .remarks
            .iter()
            .map(|r| view! { <li>{r.clone()}</li> })
            .collect_view();
        let figure = match c.total {
            Some(total) => format!(
                "{}: {} {}",
                period_label(&c.period, locale),
                format::decimal(total, locale),
                indicator.unit.label(locale, &page.head.project.currency),
            ),
            None => locale.t(Msg::NothingToComputeFrom).to_owned(),
        };
        view! {
            <div class="notice notice--info" id="computed-notice" role="status">
                <p><strong>{locale.t(Msg::ComputedDraft)}</strong>" "{figure}</p>
                <p>{locale.t(Msg::ComputedDraftHint)}</p>
                {(!c.remarks.is_empty()).then(|| view! { <ul>{remarks}</ul> })}
            </div>
        }
    });
    let form = (data.can_enter && !open_periods.is_empty()).then(|| {
        view! {
            <form id="actual-form" class="form" method="post"
                action=format!("/projects/{project}/indicators/{indicator_id}/actuals") novalidate>
                <h3>{locale.t(Msg::EnterActual)}</h3>
                {computed_notice}
                <CsrfField />
                <ErrorSummary id="actual-errors" errors general=state.general
                    field_id=actual_field_id field_label=actual_field_label />
                <div class="form__row">
                    <SelectField id="actual-period" name="period" label=Msg::Period
                        options=open_periods selected=submitted.period.clone() errors
                        placeholder=Msg::ChooseOption required=true />
                    <TextField id="actual-total" name="total" label=Msg::TotalLabel
                        label_suffix=format!("({unit})")
                        hint=Msg::TotalHint value=submitted.total.clone() errors inputmode="decimal" />
                </div>
                {split.then(|| view! {
                    <fieldset class="field fieldset" aria-describedby="actual-cells-hint">
                        <legend>{locale.t(Msg::CellsLegend)}" — "{indicator.disaggregation.name(locale)}</legend>
                        <p class="hint" id="actual-cells-hint">{locale.t(Msg::CellsHint)}</p>
                        <div class="form__row form__row--cells">{cell_inputs}</div>
                    </fieldset>
                })}
                <TextArea id="actual-note" name="note" label=Msg::Note value=submitted.note.clone()
                    errors maxlength=shared::actuals::ACTUAL_NOTE_MAX />
                <button id="actual-submit" type="submit" class="button button--primary">{locale.t(Msg::SaveActual)}</button>
            </form>
        }
    });
    view! {
        <Title text=title.clone() />
        <ProjectHeader head=page.head.clone() tab=ProjectTab::Results />
        <section class="panel" id="actuals" aria-labelledby="actuals-heading">
            <h2 id="actuals-heading">{title}</h2>
            <p class="lead">{locale.t(Msg::ActualsIntro)}</p>
            <ErrorSummary id="step-errors" errors=step_state.errors general=step_state.general
                field_id=actual_field_id field_label=actual_field_label />
            <div class="table-scroll" role="region" aria-label=locale.t(Msg::ActualsTitle) tabindex="0">
                <table class="table" id="actuals-table">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(Msg::Period)}</th>
                            <th scope="col" class="num">{locale.t(Msg::Target)}</th>
                            <th scope="col" class="num">{locale.t(Msg::ActualValue)}</th>
                            <th scope="col" class="num">{locale.t(Msg::ApprovedValue)}</th>
                            <td></td>
                            <td></td>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {from_records}
            {form}
        </section>
    }
}
