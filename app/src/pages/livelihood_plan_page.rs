//! Adding or changing a livelihood plan: how many households follow it, the illicit income each
//! gives up and the month it stops, and the value chains each household establishes — crop,
//! hectares, planting month (several rows of one crop make a planting schedule), yield curve by
//! year since planting, farm-gate price in the project's currency, market channel and
//! certification. A plain form post; what was typed comes back with every problem named.

use crate::api::planning::get_livelihood_plan;
use crate::api::projects::{ProjectHead, get_project_map};
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::community::Community;
use shared::crop::AlternativeCrop;
use shared::i18n::{Locale, Msg};
use shared::livelihood::{
    LivelihoodPlanForm, MarketChannel, VALUE_CHAIN_FORM_ROWS, ValueChainForm, value_chain_field,
};

/// The id of a field's input (`value_chains[1].price_per_kg` → `chain-price-per-kg-1`).
pub fn plan_field_id(field: &str) -> String {
    if let Some(rest) = field.strip_prefix("value_chains[")
        && let Some((index, part)) = rest.split_once("].")
    {
        return format!("chain-{}-{index}", part.replace('_', "-"));
    }
    match field {
        "value_chains" => "chain-crop-0".to_owned(),
        other => format!("plan-{}", other.replace('_', "-")),
    }
}

/// The label of a field, for the error summary (`value_chains[1].hectares` → "Hectares per
/// household, row 2").
pub fn plan_field_label(field: &str, locale: Locale) -> String {
    if let Some(rest) = field.strip_prefix("value_chains[")
        && let Some((index, part)) = rest.split_once("].")
    {
        let row = index.parse::<usize>().map(|i| i + 1).unwrap_or_default();
        let label = match part {
            "crop" => Msg::Crop,
            "hectares" => Msg::HectaresPerHousehold,
            "planting_month" => Msg::PlantingMonth,
            "yield_curve" => Msg::YieldCurve,
            "price_per_kg" => Msg::FarmGatePrice,
            "market_channel" => Msg::MarketChannel,
            _ => Msg::Certification,
        };
        return format!(
            "{}, {} {row}",
            locale.t(label),
            locale.t(Msg::Row).to_lowercase()
        );
    }
    locale
        .t(match field {
            "community_id" => Msg::Community,
            "households" => Msg::Households,
            "illicit_income_monthly" => Msg::IllicitIncomeGivenUp,
            "eradication_month" => Msg::EradicationMonth,
            "horizon_months" => Msg::HorizonMonths,
            "value_chains" => Msg::ValueChains,
            _ => Msg::PlanName,
        })
        .to_owned()
}

/// The page.
#[component]
pub fn LivelihoodPlanPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let ids = Memo::new(move |_| {
        let map = params.read();
        let project = map.get("id").and_then(|v| v.parse::<i64>().ok());
        let plan = map.get("plan_id").and_then(|v| v.parse::<i64>().ok());
        (project, plan)
    });
    let data = Resource::new(
        move || ids.get(),
        move |(project, plan)| async move {
            let project = project.ok_or(crate::error::AppError::NotFound)?;
            match plan {
                Some(plan) => {
                    let (head, plan, communities) = get_livelihood_plan(project, plan).await?;
                    Ok::<_, crate::error::AppError>((
                        head,
                        Some((plan.id, plan.to_form())),
                        communities,
                    ))
                }
                None => {
                    let map = get_project_map(project, locale).await?;
                    Ok((map.head, None, map.communities.communities))
                }
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((head, plan, communities)) => {
                        if !head.rights.edit {
                            return view! { <ErrorNotice error=crate::error::AppError::Forbidden /> }.into_any();
                        }
                        view! { <PlanForm head plan communities /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlanForm(
    head: ProjectHead,
    plan: Option<(i64, LivelihoodPlanForm)>,
    communities: Vec<Community>,
) -> impl IntoView {
    let locale = use_locale();
    let project_id = head.project.id;
    let currency = head.project.currency.clone();
    let (submitted, state) = FormState::from_submission::<LivelihoodPlanForm>();
    let plan_id = plan.as_ref().map(|(id, _)| *id);
    let mut initial = if submitted != LivelihoodPlanForm::default() {
        submitted
    } else {
        plan.map(|(_, form)| form).unwrap_or_default()
    };
    let rows = (initial.value_chains.len() + 2).max(VALUE_CHAIN_FORM_ROWS);
    initial.value_chains.resize(rows, ValueChainForm::default());
    let errors = state.errors;
    let action = match plan_id {
        Some(id) => format!("/projects/{project_id}/livelihood-plans/{id}"),
        None => format!("/projects/{project_id}/livelihood-plans"),
    };
    let community_options: Vec<(String, String)> = communities
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    let crop_options: Vec<(String, String)> = AlternativeCrop::ALL
        .iter()
        .map(|c| (c.code().to_owned(), c.name(locale).to_owned()))
        .collect();
    let channel_options: Vec<(String, String)> = MarketChannel::ALL
        .iter()
        .map(|c| (c.code().to_owned(), c.name(locale).to_owned()))
        .collect();
    let title = locale.t(if plan_id.is_some() {
        Msg::EditLivelihoodPlan
    } else {
        Msg::NewLivelihoodPlan
    });
    view! {
        <ProjectHeader head tab=ProjectTab::Plan />
        <h2>{title}</h2>
        <p class="lead">{locale.t(Msg::LivelihoodPlanFormIntro)}</p>
        <form id="livelihood-plan-form" class="form" method="post" action=action novalidate>
            <CsrfField />
            <ErrorSummary errors general=state.general field_id=plan_field_id field_label=plan_field_label />
            <TextField id="plan-name" name="name" label=Msg::PlanName value=initial.name.clone() errors required=true />
            <div class="form__row">
                <SelectField
                    id="plan-community-id"
                    name="community_id"
                    label=Msg::Community
                    options=community_options
                    selected=initial.community_id.clone()
                    errors
                    placeholder=Msg::AllCommunities
                />
                <TextField
                    id="plan-households"
                    name="households"
                    label=Msg::Households
                    inputmode="numeric"
                    value=initial.households.clone()
                    errors
                    required=true
                />
            </div>
            <div class="form__row">
                <TextField
                    id="plan-illicit-income-monthly"
                    name="illicit_income_monthly"
                    label=Msg::IllicitIncomeGivenUp
                    hint=Msg::IllicitIncomeHint
                    label_suffix=currency.clone()
                    inputmode="decimal"
                    value=initial.illicit_income_monthly.clone()
                    errors
                    required=true
                />
                <TextField
                    id="plan-eradication-month"
                    name="eradication_month"
                    label=Msg::EradicationMonth
                    hint=Msg::MonthFormatHint
                    value=initial.eradication_month.clone()
                    errors
                    required=true
                />
                <TextField
                    id="plan-horizon-months"
                    name="horizon_months"
                    label=Msg::HorizonMonths
                    inputmode="numeric"
                    value=initial.horizon_months.clone()
                    errors
                />
            </div>
            <fieldset class="field fieldset">
                <legend>
                    {locale.t(Msg::ValueChains)}
                    <span class="required" aria-hidden="true">" *"</span>
                </legend>
                <p class="hint">{locale.t(Msg::ValueChainsHint)}</p>
                <ol class="planned-rows">
                    {initial
                        .value_chains
                        .iter()
                        .enumerate()
                        .map(|(index, row)| {
                            let suffix = format!("{} {}", locale.t(Msg::Row), index + 1);
                            let row_label = suffix.clone();
                            view! {
                                <li class="planned-row planned-row--wide" aria-label=row_label>
                                    <SelectField
                                        id=format!("chain-crop-{index}")
                                        name=value_chain_field(index, "crop")
                                        label=Msg::Crop
                                        label_suffix=suffix.clone()
                                        options=crop_options.clone()
                                        selected=row.crop.clone()
                                        errors
                                        placeholder=Msg::ChooseCrop
                                    />
                                    <TextField
                                        id=format!("chain-hectares-{index}")
                                        name=value_chain_field(index, "hectares")
                                        label=Msg::HectaresPerHousehold
                                        label_suffix=suffix.clone()
                                        inputmode="decimal"
                                        value=row.hectares.clone()
                                        errors
                                    />
                                    <TextField
                                        id=format!("chain-planting-month-{index}")
                                        name=value_chain_field(index, "planting_month")
                                        label=Msg::PlantingMonth
                                        label_suffix=suffix.clone()
                                        value=row.planting_month.clone()
                                        errors
                                    />
                                    <TextField
                                        id=format!("chain-yield-curve-{index}")
                                        name=value_chain_field(index, "yield_curve")
                                        label=Msg::YieldCurve
                                        label_suffix=suffix.clone()
                                        value=row.yield_curve.clone()
                                        errors
                                    />
                                    <TextField
                                        id=format!("chain-price-per-kg-{index}")
                                        name=value_chain_field(index, "price_per_kg")
                                        label=Msg::FarmGatePrice
                                        label_suffix=format!("{suffix}, {currency}")
                                        inputmode="decimal"
                                        value=row.price_per_kg.clone()
                                        errors
                                    />
                                    <SelectField
                                        id=format!("chain-market-channel-{index}")
                                        name=value_chain_field(index, "market_channel")
                                        label=Msg::MarketChannel
                                        label_suffix=suffix.clone()
                                        options=channel_options.clone()
                                        selected=row.market_channel.clone()
                                        errors
                                        placeholder=Msg::ChooseOption
                                    />
                                    <TextField
                                        id=format!("chain-certification-{index}")
                                        name=value_chain_field(index, "certification")
                                        label=Msg::Certification
                                        label_suffix=suffix.clone()
                                        value=row.certification.clone()
                                        errors
                                    />
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
                <p class="hint">{locale.t(Msg::YieldCurveHint)}</p>
            </fieldset>
            <div class="form__actions">
                <button id="plan-submit" type="submit" class="button button--primary">
                    {locale.t(if plan_id.is_some() { Msg::SaveChanges } else { Msg::CreateLivelihoodPlan })}
                </button>
                <a class="button button--secondary" href=format!("/projects/{project_id}/plan#livelihood-plans")>
                    {locale.t(Msg::Cancel)}
                </a>
            </div>
        </form>
    }
}
