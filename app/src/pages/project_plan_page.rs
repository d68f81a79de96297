//! A project's plan tab: the safeguards and the warnings the plan raises; the illicit-crop
//! baseline (added up by crop, year and source; each figure; a form to add one; the import of a
//! published table); and the livelihood plans with their income transition (per household and
//! in total, as charts and figures) and the bridging support they need, offered as budget lines.
//! Every form is a plain form post, so the tab works the same with or without JavaScript.

use super::id_param;
use crate::api::planning::{PlanCard, ProjectPlan, get_project_plan};
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::components::table::WideTable;
use crate::i18n::use_locale;
use crate::submission::KindedForm;
use leptos::prelude::*;
use shared::baseline::BaselineSource;
use shared::baseline_record::BaselineForm;
use shared::crop::IllicitCrop;
use shared::format;
use shared::i18n::{Locale, Msg};
use shared::safeguard::{Safeguard, SafeguardForm, SafeguardStatus};

/// The plan tab of a project.
#[component]
pub fn ProjectPlanPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        move |id| async move { get_project_plan(id?, locale).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(plan) => view! { <PlanTab plan /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlanTab(plan: ProjectPlan) -> impl IntoView {
    let project_id = plan.head.project.id;
    let can_edit = plan.head.rights.edit;
    let currency = plan.head.project.currency.clone();
    view! {
        <ProjectHeader head=plan.head.clone() tab=ProjectTab::Plan />
        <SafeguardsSection project_id can_edit safeguards=plan.safeguards />
        <BaselineSection
            project_id
            can_edit
            baselines=plan.baselines
            totals=plan.baseline_totals
            communities=plan.communities
        />
        <LivelihoodSection
            project_id
            can_edit
            plans=plan.plans
            components=plan.components
            currency
        />
    }
}

// ------------------------------------------------------------------ safeguards

fn status_class(status: SafeguardStatus) -> &'static str {
    match status {
        SafeguardStatus::Met | SafeguardStatus::NotApplicable => "badge badge--ok",
        SafeguardStatus::InProgress => "badge badge--planning",
        SafeguardStatus::NotAssessed => "badge badge--warning",
        SafeguardStatus::Breached => "badge badge--danger",
    }
}

fn safeguard_field_id(field: &str) -> String {
    field.replace('_', "-")
}

fn safeguard_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "evidence" => Msg::Evidence,
            "assessed_on" => Msg::AssessedOn,
            _ => Msg::ProjectStatusLabel,
        })
        .to_owned()
}

#[component]
fn SafeguardsSection(
    project_id: i64,
    can_edit: bool,
    safeguards: shared::plan_views::SafeguardsView,
) -> impl IntoView {
    let locale = use_locale();
    let (submitted, state) = FormState::from_submission::<KindedForm<SafeguardForm>>();
    let warnings = safeguards.warnings;
    view! {
        <section class="panel" id="safeguards" aria-labelledby="safeguards-heading">
            <h2 id="safeguards-heading">{locale.t(Msg::SafeguardsTitle)}</h2>
            <p class="lead">{locale.t(Msg::SafeguardsIntro)}</p>
            {if warnings.is_empty() {
                view! { <p class="notice notice--ok" id="no-safeguard-warnings">{locale.t(Msg::NoSafeguardWarnings)}</p> }
                    .into_any()
            } else {
                view! {
                    <div class="notice notice--warning" id="safeguard-warnings" role="region" aria-labelledby="warnings-heading">
                        <h3 id="warnings-heading">{locale.t(Msg::SafeguardWarnings)}</h3>
                        <ul>
                            {warnings
                                .into_iter()
                                .map(|w| view! { <li data-code=w.code.clone()>{w.message}</li> })
                                .collect_view()}
                        </ul>
                    </div>
                }
                    .into_any()
            }}
            <ul class="safeguard-list">
                {safeguards
                    .safeguards
                    .into_iter()
                    .map(|s| {
                        let mine = submitted.kind == s.kind.code();
                        let initial = if mine { submitted.form.clone() } else { s.form() };
                        view! {
                            <SafeguardItem
                                project_id
                                safeguard=s
                                can_edit
                                initial
                                state=mine.then_some(state)
                            />
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn SafeguardItem(
    project_id: i64,
    safeguard: Safeguard,
    can_edit: bool,
    initial: SafeguardForm,
    state: Option<FormState>,
) -> impl IntoView {
    let locale = use_locale();
    let kind = safeguard.kind;
    let state = state.unwrap_or_else(|| FormState {
        errors: RwSignal::new(Vec::new()),
        general: RwSignal::new(None),
        pending: RwSignal::new(false),
    });
    let errors = state.errors;
    let prefix = format!("safeguard-{}", kind.code().replace('_', "-"));
    let statuses = SafeguardStatus::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.name(locale).to_owned()))
        .collect();
    let open = !state.errors.get_untracked().is_empty();
    view! {
        <li class="safeguard" id=prefix.clone()>
            <h3>
                {kind.name(locale)}" "
                <span class=status_class(safeguard.status)>{safeguard.status.name(locale)}</span>
            </h3>
            <p class="hint">{kind.guidance(locale)}</p>
            {safeguard
                .evidence
                .clone()
                .map(|e| {
                    view! {
                        <p class="evidence">
                            <strong>{locale.t(Msg::Evidence)}": "</strong>
                            {e}
                            {safeguard
                                .assessed_on
                                .map(|d| view! { " ("{format::date(d, locale)}")" })}
                        </p>
                    }
                })}
            {can_edit
                .then(|| {
                    view! {
                        <details open=open>
                            <summary>{locale.t(Msg::RecordAssessment)}</summary>
                            <form
                                class="form form--inline"
                                method="post"
                                action=format!("/projects/{project_id}/safeguards/{}", kind.code())
                                novalidate
                            >
                                <CsrfField />
                                <ErrorSummary
                                    id=format!("{prefix}-errors")
                                    prefix=prefix.clone()
                                    errors
                                    general=state.general
                                    field_id=safeguard_field_id
                                    field_label=safeguard_field_label
                                />
                                <SelectField
                                    id=format!("{prefix}-status")
                                    name="status"
                                    label=Msg::ProjectStatusLabel
                                    options=statuses
                                    selected=initial.status.clone()
                                    errors
                                    required=true
                                />
                                <TextArea
                                    id=format!("{prefix}-evidence")
                                    name="evidence"
                                    label=Msg::Evidence
                                    hint=Msg::EvidenceHint
                                    value=initial.evidence.clone()
                                    errors
                                />
                                <TextField
                                    id=format!("{prefix}-assessed-on")
                                    name="assessed_on"
                                    label=Msg::AssessedOn
                                    kind="date"
                                    value=initial.assessed_on.clone()
                                    errors
                                />
                                <button type="submit" class="button button--primary" id=format!("{prefix}-submit")>
                                    {locale.t(Msg::SaveAssessment)}
                                </button>
                            </form>
                        </details>
                    }
                })}
        </li>
    }
}

// ------------------------------------------------------------------ baselines

fn baseline_field_id(field: &str) -> String {
    format!("baseline-{}", field.replace('_', "-"))
}

fn baseline_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "community_id" => Msg::Community,
            "crop" => Msg::Crop,
            "year" => Msg::Year,
            "hectares" => Msg::Hectares,
            "source" => Msg::Source,
            "note" => Msg::Note,
            _ => Msg::Place,
        })
        .to_owned()
}

#[component]
fn BaselineSection(
    project_id: i64,
    can_edit: bool,
    baselines: Vec<shared::baseline_record::Baseline>,
    totals: Vec<shared::baseline_record::BaselineTotal>,
    communities: Vec<shared::community::Community>,
) -> impl IntoView {
    let locale = use_locale();
    let (initial, state) = FormState::from_submission::<BaselineForm>();
    let errors = state.errors;
    let ha = locale.t(Msg::HectaresUnit);
    let total_rows = totals
        .into_iter()
        .map(|t| {
            view! {
                <tr>
                    <th scope="row">{t.year}</th>
                    <td>{t.crop.name(locale)}</td>
                    <td>{t.source.name(locale)}</td>
                    <td class="num">{format::decimal(t.communities, locale)}</td>
                    <td class="num">{t.community_count}</td>
                    <td class="num">{format::decimal(t.places, locale)}</td>
                    <td class="num">{t.place_count}</td>
                </tr>
            }
        })
        .collect_view();
    let figure_rows = baselines
        .iter()
        .map(|b| {
            let delete = can_edit.then(|| {
                view! {
                    <form
                        class="inline-form"
                        method="post"
                        action=format!("/projects/{project_id}/baselines/{}/delete", b.id)
                    >
                        <CsrfField />
                        <button type="submit" class="button button--link">
                            {locale.t(Msg::Delete)}
                            <span class="visually-hidden">" "{b.place.clone()}" "{b.year}</span>
                        </button>
                    </form>
                }
            });
            view! {
                <tr>
                    <th scope="row">{b.place.clone()}</th>
                    <td>
                        {if b.community_id.is_some() {
                            locale.t(Msg::Community)
                        } else {
                            locale.t(Msg::WiderPlace)
                        }}
                    </td>
                    <td>{b.crop.name(locale)}</td>
                    <td class="num">{b.year}</td>
                    <td class="num">{format::decimal(b.hectares, locale)}</td>
                    <td>{b.source.name(locale)}</td>
                    <td>{b.note.clone().unwrap_or_default()}</td>
                    <td>{delete}</td>
                </tr>
            }
        })
        .collect_view();
    let community_options: Vec<(String, String)> = communities
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    let crops = IllicitCrop::ALL
        .iter()
        .map(|c| (c.code().to_owned(), c.name(locale).to_owned()))
        .collect::<Vec<_>>();
    let sources = BaselineSource::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.name(locale).to_owned()))
        .collect::<Vec<_>>();
    let empty = baselines.is_empty();
    view! {
        <section class="panel" id="baselines" aria-labelledby="baselines-heading">
            <h2 id="baselines-heading">{locale.t(Msg::BaselineTitle)}</h2>
            <p class="lead">{locale.t(Msg::BaselineIntro)}</p>
            {if empty {
                view! { <p class="empty" id="no-baselines">{locale.t(Msg::NoBaselinesYet)}</p> }.into_any()
            } else {
                view! {
                    <WideTable
                        id="baseline-totals"
                        caption=Msg::BaselineTotals
                        caption_visible=true
                        headers=vec![
                            Msg::Year,
                            Msg::Crop,
                            Msg::Source,
                            Msg::CommunitiesHectares,
                            Msg::CommunitiesCounted,
                            Msg::WiderPlacesHectares,
                            Msg::WiderPlacesCounted,
                        ]
                    >
                        {total_rows}
                    </WideTable>
                    <p class="hint">{locale.t(Msg::BaselineTotalsHint)}" ("{ha}")"</p>
                    <WideTable
                        id="baseline-figures"
                        caption=Msg::BaselineFigures
                        caption_visible=true
                        headers=vec![
                            Msg::Place,
                            Msg::PlaceKind,
                            Msg::Crop,
                            Msg::Year,
                            Msg::HectaresColumn,
                            Msg::Source,
                            Msg::Note,
                            Msg::Actions,
                        ]
                    >
                        {figure_rows}
                    </WideTable>
                }
                    .into_any()
            }}
            {can_edit
                .then(|| {
                    view! {
                        <p>
                            <a
                                id="baseline-import-link"
                                class="button button--secondary"
                                href=format!("/projects/{project_id}/baselines/import")
                            >
                                {locale.t(Msg::ImportBaselineTable)}
                            </a>
                        </p>
                        <form
                            id="baseline-form"
                            class="form form--inline"
                            method="post"
                            action=format!("/projects/{project_id}/baselines")
                            novalidate
                        >
                            <h3>{locale.t(Msg::AddBaselineFigure)}</h3>
                            <CsrfField />
                            <ErrorSummary
                                id="baseline-errors"
                                errors
                                general=state.general
                                field_id=baseline_field_id
                                field_label=baseline_field_label
                            />
                            <div class="form__row">
                                <SelectField
                                    id="baseline-community-id"
                                    name="community_id"
                                    label=Msg::Community
                                    options=community_options
                                    selected=initial.community_id.clone()
                                    errors
                                    placeholder=Msg::NotACommunity
                                />
                                <TextField
                                    id="baseline-place"
                                    name="place"
                                    label=Msg::Place
                                    hint=Msg::PlaceHint
                                    value=initial.place.clone()
                                    errors
                                />
                            </div>
                            <div class="form__row">
                                <SelectField
                                    id="baseline-crop"
                                    name="crop"
                                    label=Msg::Crop
                                    options=crops
                                    selected=initial.crop.clone()
                                    errors
                                    placeholder=Msg::ChooseCrop
                                    required=true
                                />
                                <TextField
                                    id="baseline-year"
                                    name="year"
                                    label=Msg::Year
                                    inputmode="numeric"
                                    value=initial.year.clone()
                                    errors
                                    required=true
                                />
                                <TextField
                                    id="baseline-hectares"
                                    name="hectares"
                                    label=Msg::Hectares
                                    inputmode="decimal"
                                    value=initial.hectares.clone()
                                    errors
                                    required=true
                                />
                                <SelectField
                                    id="baseline-source"
                                    name="source"
                                    label=Msg::Source
                                    options=sources
                                    selected=initial.source.clone()
                                    errors
                                    placeholder=Msg::ChooseOption
                                    required=true
                                />
                            </div>
                            <TextField id="baseline-note" name="note" label=Msg::Note value=initial.note.clone() errors />
                            <button id="baseline-submit" type="submit" class="button button--primary">
                                {locale.t(Msg::AddBaselineFigure)}
                            </button>
                        </form>
                    }
                })}
        </section>
    }
}

// ------------------------------------------------------------------ livelihood plans

#[component]
fn LivelihoodSection(
    project_id: i64,
    can_edit: bool,
    plans: Vec<PlanCard>,
    components: Vec<shared::timeline::Component>,
    currency: String,
) -> impl IntoView {
    let locale = use_locale();
    let empty = plans.is_empty();
    view! {
        <section class="panel" id="livelihood-plans" aria-labelledby="livelihood-heading">
            <div class="page-header">
                <h2 id="livelihood-heading">{locale.t(Msg::LivelihoodPlansTitle)}</h2>
                {can_edit
                    .then(|| {
                        view! {
                            <a
                                id="new-livelihood-plan-link"
                                class="button button--primary"
                                href=format!("/projects/{project_id}/livelihood-plans/new")
                            >
                                {locale.t(Msg::NewLivelihoodPlan)}
                            </a>
                        }
                    })}
            </div>
            <p class="lead">{locale.t(Msg::LivelihoodPlansIntro)}</p>
            {empty.then(|| view! { <p class="empty" id="no-livelihood-plans">{locale.t(Msg::NoLivelihoodPlansYet)}</p> })}
            {plans
                .into_iter()
                .map(|card| {
                    view! {
                        <PlanCardView
                            project_id
                            card
                            can_edit
                            components=components.clone()
                            currency=currency.clone()
                        />
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
fn PlanCardView(
    project_id: i64,
    card: PlanCard,
    can_edit: bool,
    components: Vec<shared::timeline::Component>,
    currency: String,
) -> impl IntoView {
    let locale = use_locale();
    let plan = card.view.plan;
    let summary = card.view.summary;
    let money = |v: rust_decimal::Decimal| format::money(v, &summary.currency, locale);
    let months = |n: i64| format!("{n} {}", locale.t(Msg::MonthsUnit));
    let recovery = |m: Option<chrono::NaiveDate>| {
        m.map(|d| format::month(d, locale))
            .unwrap_or_else(|| locale.t(Msg::NoRecoveryInHorizon).to_owned())
    };
    let chains = plan
        .value_chains
        .iter()
        .map(|v| {
            view! {
                <tr>
                    <th scope="row">{v.crop.name(locale)}</th>
                    <td class="num">{format::decimal(v.hectares, locale)}</td>
                    <td>{format::month(v.planting_month, locale)}</td>
                    <td>{shared::livelihood::yield_curve_text(&v.yield_curve)}</td>
                    <td class="num">{format::money(v.price_per_kg, &plan.currency, locale)}</td>
                    <td>{v.market_channel.name(locale)}</td>
                    <td>{v.certification.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let years = summary
        .bridging_by_year
        .iter()
        .map(|y| view! { <tr><th scope="row">{y.year}</th><td class="num">{money(y.amount)}</td></tr> })
        .collect_view();
    let component_options: Vec<(String, String)> = components
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    let plan_id = plan.id;
    let late = summary.support_starts_after_eradication;
    let _ = currency;
    view! {
        <article class="card plan-card" id=format!("plan-{plan_id}") aria-labelledby=format!("plan-{plan_id}-title")>
            <div class="page-header">
                <h3 id=format!("plan-{plan_id}-title")>{plan.name.clone()}</h3>
                {can_edit
                    .then(|| {
                        view! {
                            <a class="button button--secondary" href=format!("/projects/{project_id}/livelihood-plans/{plan_id}")>
                                {locale.t(Msg::EditLivelihoodPlan)}
                            </a>
                        }
                    })}
            </div>
            {late
                .then(|| {
                    view! {
                        <p class="notice notice--warning" role="status">{locale.t(Msg::SupportAfterEradication)}</p>
                    }
                })}
            <dl class="facts">
                <div>
                    <dt>{locale.t(Msg::Households)}</dt>
                    <dd>{summary.households}</dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::EradicationMonth)}</dt>
                    <dd>{format::month(summary.eradication_month, locale)}</dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::IllicitIncomeGivenUp)}</dt>
                    <dd>{money(summary.per_household.illicit_income_monthly)}" / "{locale.t(Msg::PerHouseholdMonth)}</dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::ValleyLength)}</dt>
                    <dd class="plan-valley-months">{months(summary.per_household.valley_months)}</dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::ValleyDepthHousehold)}</dt>
                    <dd>{money(summary.per_household.valley_depth)}</dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::RecoveryMonth)}</dt>
                    <dd>{recovery(summary.per_household.recovery_month)}</dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::BridgingPerHousehold)}</dt>
                    <dd>{money(summary.per_household.bridging_support)}</dd>
                </div>
                <div>
                    <dt>{locale.t(Msg::BridgingTotal)}</dt>
                    <dd class="plan-bridging-total">{money(summary.total.bridging_support)}</dd>
                </div>
            </dl>
            <div class="table-scroll" role="region" aria-label=locale.t(Msg::ValueChains) tabindex="0">
                <table class="table table--wide">
                    <caption>{locale.t(Msg::ValueChains)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(Msg::Crop)}</th>
                            <th scope="col">{locale.t(Msg::HectaresPerHousehold)}</th>
                            <th scope="col">{locale.t(Msg::PlantingMonth)}</th>
                            <th scope="col">{locale.t(Msg::YieldCurve)}</th>
                            <th scope="col">{locale.t(Msg::FarmGatePrice)}</th>
                            <th scope="col">{locale.t(Msg::MarketChannel)}</th>
                            <th scope="col">{locale.t(Msg::Certification)}</th>
                        </tr>
                    </thead>
                    <tbody>{chains}</tbody>
                </table>
            </div>
            <figure class="chart" id=format!("plan-{plan_id}-total-chart")>
                <div class="chart__svg" inner_html=card.total_svg></div>
                <figcaption>{locale.t(Msg::TransitionChartCaption)}</figcaption>
            </figure>
            <details>
                <summary>{locale.t(Msg::OneHouseholdChart)}</summary>
                <figure class="chart">
                    <div class="chart__svg" inner_html=card.household_svg></div>
                </figure>
            </details>
            <table class="table" id=format!("plan-{plan_id}-bridging")>
                <caption>{locale.t(Msg::BridgingByYear)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{locale.t(Msg::Year)}</th>
                        <th scope="col" class="num">{locale.t(Msg::Amount)}</th>
                    </tr>
                </thead>
                <tbody>{years}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{locale.t(Msg::Total)}</th>
                        <td class="num">{money(summary.total.bridging_support)}</td>
                    </tr>
                </tfoot>
            </table>
            {(can_edit && !summary.bridging_by_year.is_empty())
                .then(|| {
                    let errors = RwSignal::new(Vec::new());
                    view! {
                        <form
                            class="form form--inline"
                            method="post"
                            action=format!("/projects/{project_id}/livelihood-plans/{plan_id}/bridging-budget")
                        >
                            <CsrfField />
                            <SelectField
                                id=format!("plan-{plan_id}-component")
                                name="component_id"
                                label=Msg::BudgetComponent
                                options=component_options
                                selected=String::new()
                                errors
                                placeholder=Msg::NoComponent
                            />
                            <button type="submit" class="button button--primary" id=format!("plan-{plan_id}-budget")>
                                {locale.t(if card.budgeted { Msg::UpdateBridgingBudget } else { Msg::AddBridgingBudget })}
                            </button>
                            {card.budgeted.then(|| view! { <p class="hint">{locale.t(Msg::BridgingBudgeted)}</p> })}
                        </form>
                    }
                })}
        </article>
    }
}
