//! An indicator's targets: one row per reporting period of the project (from the indicator's
//! frequency and the project's dates), each with its value in the indicator's unit; a blank
//! value clears the period's target. A plain form post.

use crate::api::planning::get_project_results;
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::TextField;
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::format;
use shared::i18n::{Locale, Msg};
use shared::results::{TargetsForm, target_field};

fn targets_field_id(field: &str) -> String {
    if let Some(rest) = field.strip_prefix("targets[")
        && let Some((index, _)) = rest.split_once("].")
    {
        return format!("target-value-{index}");
    }
    "target-value-0".to_owned()
}

fn targets_field_label(field: &str, locale: Locale) -> String {
    if let Some(rest) = field.strip_prefix("targets[")
        && let Some((index, _)) = rest.split_once("].")
    {
        let row = index.parse::<usize>().map(|i| i + 1).unwrap_or_default();
        return format!(
            "{}, {} {row}",
            locale.t(Msg::Target),
            locale.t(Msg::Row).to_lowercase()
        );
    }
    locale.t(Msg::Targets).to_owned()
}

/// `/projects/:id/indicators/:indicator_id/targets`.
#[component]
pub fn TargetsPage() -> impl IntoView {
    let locale = use_locale();
    let ids = super::project_and_indicator_params();
    let data = Resource::new(
        move || ids.get(),
        move |(project, _)| async move {
            get_project_results(project.ok_or(crate::error::AppError::NotFound)?, locale).await
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                let (_, indicator_id) = ids.get_untracked();
                match data.await {
                    Ok(results) => {
                        let Some(indicator) = indicator_id
                            .and_then(|id| results.view.framework.indicator(id).cloned())
                        else {
                            return view! { <ErrorNotice error=crate::error::AppError::NotFound /> }.into_any();
                        };
                        if !results.head.rights.edit_results {
                            return view! { <ErrorNotice error=crate::error::AppError::Forbidden /> }.into_any();
                        }
                        let project_id = results.head.project.id;
                        let currency = results.head.project.currency.clone();
                        let periods = results.view.periods_of(indicator.id).to_vec();
                        let (submitted, state) = FormState::from_submission::<TargetsForm>();
                        let initial = if submitted != TargetsForm::default() {
                            submitted
                        } else {
                            let codes: Vec<shared::results::ReportingPeriod> = periods
                                .iter()
                                .map(|p| shared::results::ReportingPeriod {
                                    code: p.code.clone(),
                                    start: p.start,
                                    end: p.end,
                                })
                                .collect();
                            TargetsForm::for_periods(&codes, &indicator.targets)
                        };
                        let errors = state.errors;
                        let unit = indicator.unit.label(locale, &currency);
                        let baseline = indicator
                            .baseline_value
                            .map(|v| format!("{} {unit}", format::decimal(v, locale)))
                            .unwrap_or_else(|| "—".to_owned());
                        let rows = initial
                            .targets
                            .iter()
                            .enumerate()
                            .map(|(index, row)| {
                                let label = periods
                                    .iter()
                                    .find(|p| p.code == row.period)
                                    .map(|p| p.label.clone())
                                    .unwrap_or_else(|| row.period.clone());
                                let (row_label, shown) = (label.clone(), label.clone());
                                view! {
                                    <li class="planned-row" aria-label=row_label>
                                        <input type="hidden" name=target_field(index, "period") value=row.period.clone() />
                                        <TextField
                                            id=format!("target-value-{index}")
                                            name=target_field(index, "value")
                                            label=Msg::Target
                                            label_suffix=format!("{label} ({unit})")
                                            inputmode="decimal"
                                            value=row.value.clone()
                                            errors
                                        />
                                        <span class="planned-row__label" aria-hidden="true">{shown}</span>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <ProjectHeader head=results.head tab=ProjectTab::Results />
                            <h2>{locale.t(Msg::SetTargets)}": "{indicator.display_name(locale).to_owned()}</h2>
                            <dl class="facts">
                                <div>
                                    <dt>{locale.t(Msg::Unit)}</dt>
                                    <dd>{unit.clone()}</dd>
                                </div>
                                <div>
                                    <dt>{locale.t(Msg::Baseline)}</dt>
                                    <dd>{baseline}</dd>
                                </div>
                                <div>
                                    <dt>{locale.t(Msg::Frequency)}</dt>
                                    <dd>{indicator.frequency.name(locale)}</dd>
                                </div>
                            </dl>
                            <form
                                id="targets-form"
                                class="form"
                                method="post"
                                action=format!("/projects/{project_id}/indicators/{}/targets", indicator.id)
                                novalidate
                            >
                                <CsrfField />
                                <ErrorSummary errors general=state.general field_id=targets_field_id field_label=targets_field_label />
                                <p class="hint">{locale.t(Msg::TargetsHint)}</p>
                                <ol class="planned-rows">{rows}</ol>
                                <div class="form__actions">
                                    <button id="targets-submit" type="submit" class="button button--primary">
                                        {locale.t(Msg::SaveTargets)}
                                    </button>
                                    <a class="button button--secondary" href=format!("/projects/{project_id}/results")>
                                        {locale.t(Msg::Cancel)}
                                    </a>
                                </div>
                            </form>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
