//! One household: its facts, its members by sex and age band, its status history, and (for
//! those who may change it) the link to edit it and a form to change its status.

use super::id_param;
use super::plot_page::plot_status_class;
use super::project_households_page::household_status_class;
use crate::api::households::{HouseholdPage, get_household};
use crate::components::agreements::AgreementsTable;
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::components::table::CountsTable;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::agreement::{SupportForm, SupportKind, support_totals};
use shared::format;
use shared::household::{HouseholdStatus, Members, StatusForm};
use shared::i18n::{Locale, Msg};

/// The page.
#[component]
pub fn HouseholdPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { get_household(id?).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <HouseholdView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn support_field_id(field: &str) -> String {
    format!("support-{}", field.replace('_', "-"))
}

fn support_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "kind" => Msg::SupportKindLabel,
            "delivered_on" => Msg::DeliveredOn,
            "value" => Msg::SupportValue,
            "currency" => Msg::Currency,
            _ => Msg::Description,
        })
        .to_owned()
}

fn status_field_id(field: &str) -> String {
    format!("status-{}", field.replace('_', "-"))
}

fn status_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "changed_on" => Msg::ChangedOn,
            "reason" => Msg::Reason,
            _ => Msg::NewStatus,
        })
        .to_owned()
}

#[component]
fn HouseholdView(page: HouseholdPage) -> impl IntoView {
    let locale = use_locale();
    let view = page.view;
    let household = view.detail.household.clone();
    let id = household.id;
    let members = Members::from_cells(&household.members);
    let history_rows = view
        .detail
        .history
        .iter()
        .map(|change| {
            view! {
                <tr>
                    <th scope="row">{format::date(change.changed_on, locale)}</th>
                    <td><span class=household_status_class(change.status)>{change.status.name(locale)}</span></td>
                    <td>{change.reason.clone().unwrap_or_default()}</td>
                    <td>{change.recorded_by.clone()}</td>
                    <td>{format::date_time(change.recorded_at, locale)}</td>
                </tr>
            }
        })
        .collect_view();
    let coop = household.cooperative_counts;
    let cooperative = household.cooperative.clone().map(|name| {
        format!(
            "{name} — {}: {} / {}; {}: {} / {}",
            locale.t(Msg::MembersColumn),
            coop.members_female,
            coop.members_male,
            locale.t(Msg::CooperativeLeadersFemale),
            coop.leaders_female,
            coop.leaders_male
        )
    });
    let add_plot = (view.can_edit && household.status != HouseholdStatus::Withdrawn).then(|| {
        view! {
            <a id="add-plot-link" class="button button--secondary" href=format!("/households/{id}/plots/new")>
                {locale.t(Msg::AddPlot)}
            </a>
        }
    });
    let plots_table = if view.plots.is_empty() {
        view! { <p id="no-plots">{locale.t(Msg::NoPlotsYet)}</p> }.into_any()
    } else {
        let ha = move |value| format::decimal(value, locale);
        let rows = view
            .plots
            .iter()
            .map(|plot| {
                let status = plot.status();
                let latest = plot.latest.clone();
                view! {
                    <tr>
                        <th scope="row"><a href=format!("/plots/{}", plot.id)>{plot.name.clone()}</a></th>
                        <td class="num">{ha(plot.declared_hectares)}</td>
                        <td class="num">
                            {plot.measured_hectares.map_or_else(|| "—".to_owned(), ha)}
                            {plot.areas_disagree.then(|| view! { " " <span class="badge badge--warning" title=locale.t(Msg::AreasDisagree)>"!"<span class="visually-hidden">{locale.t(Msg::AreasDisagree)}</span></span> })}
                        </td>
                        <td class="num">{latest.as_ref().map_or_else(|| "—".to_owned(), |d| ha(d.illicit_hectares))}</td>
                        <td class="num">{latest.as_ref().map_or_else(|| "—".to_owned(), |d| ha(d.licit_hectares))}</td>
                        <td>
                            <span class=plot_status_class(status)>{status.name(locale)}</span>
                            {latest.map(|d| format!(" {}", format::date(d.observed_on, locale)))}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll" role="region" aria-label=locale.t(Msg::Plots) tabindex="0">
                <table class="table" id="household-plots">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(Msg::PlotName)}</th>
                            <th scope="col" class="num">{locale.t(Msg::DeclaredHectares)}</th>
                            <th scope="col" class="num">{locale.t(Msg::MeasuredHectares)}</th>
                            <th scope="col" class="num">{locale.t(Msg::IllicitHectares)}</th>
                            <th scope="col" class="num">{locale.t(Msg::LicitHectares)}</th>
                            <th scope="col">{locale.t(Msg::LatestRecord)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let record_agreement = (view.can_edit && household.status != HouseholdStatus::Withdrawn)
        .then(|| {
            view! {
                <a id="record-agreement-link" class="button button--secondary" href=format!("/households/{id}/agreements/new")>
                    {locale.t(Msg::RecordAgreement)}
                </a>
            }
        });
    let agreements_table = if view.agreements.is_empty() {
        view! { <p id="no-agreements">{locale.t(Msg::NoAgreementsYet)}</p> }.into_any()
    } else {
        view! { <AgreementsTable id="household-agreements" agreements=view.agreements.clone() /> }
            .into_any()
    };
    let support_table = if view.support.is_empty() {
        view! { <p id="no-support">{locale.t(Msg::NoSupportYet)}</p> }.into_any()
    } else {
        let rows = view
            .support
            .iter()
            .map(|s| {
                let support = &s.support;
                view! {
                    <tr>
                        <th scope="row">{format::date(support.delivered_on, locale)}</th>
                        <td>{support.kind.name(locale)}</td>
                        <td class="num">{format::money(support.value, &support.currency, locale)}</td>
                        <td>{support.description.clone().unwrap_or_default()}</td>
                        <td>{s.recorded_by.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        let totals = support_totals(&view.support)
            .into_iter()
            .map(|(currency, total)| format::money(total, &currency, locale))
            .collect::<Vec<_>>()
            .join(" · ");
        view! {
            <div class="table-scroll" role="region" aria-label=locale.t(Msg::SupportReceived) tabindex="0">
                <table class="table" id="household-support">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(Msg::DeliveredOn)}</th>
                            <th scope="col">{locale.t(Msg::SupportKindLabel)}</th>
                            <th scope="col" class="num">{locale.t(Msg::SupportValue)}</th>
                            <th scope="col">{locale.t(Msg::Description)}</th>
                            <th scope="col">{locale.t(Msg::RecordedBy)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="2">{locale.t(Msg::TotalsByCurrency)}</th>
                            <td class="num" id="support-totals" colspan="3">{totals}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        }
            .into_any()
    };
    let (support_submitted, support_state) = FormState::from_submission::<SupportForm>();
    let support_errors = support_state.errors;
    let kinds: Vec<(String, String)> = SupportKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.name(locale).to_owned()))
        .collect();
    let currencies = crate::components::field::currency_options(locale);
    let currency = if support_submitted.currency.is_empty() {
        page.head.project.currency.clone()
    } else {
        support_submitted.currency.clone()
    };
    let support_form = view.can_edit.then(|| {
        view! {
            <form
                id="support-form"
                class="form"
                method="post"
                action=format!("/households/{id}/support")
                novalidate
            >
                <h4>{locale.t(Msg::RecordSupport)}</h4>
                <CsrfField />
                <ErrorSummary
                    id="support-errors"
                    errors=support_errors
                    general=support_state.general
                    field_id=support_field_id
                    field_label=support_field_label
                />
                <div class="form__row">
                    <SelectField
                        id="support-kind"
                        name="kind"
                        label=Msg::SupportKindLabel
                        options=kinds
                        selected=support_submitted.kind.clone()
                        errors=support_errors
                        placeholder=Msg::ChooseOption
                        required=true
                    />
                    <TextField
                        id="support-delivered-on"
                        name="delivered_on"
                        label=Msg::DeliveredOn
                        kind="date"
                        value=support_submitted.delivered_on.clone()
                        errors=support_errors
                        required=true
                    />
                </div>
                <div class="form__row">
                    <TextField
                        id="support-value"
                        name="value"
                        label=Msg::SupportValue
                        value=support_submitted.value.clone()
                        errors=support_errors
                        inputmode="decimal"
                        required=true
                    />
                    <SelectField
                        id="support-currency"
                        name="currency"
                        label=Msg::Currency
                        options=currencies
                        selected=currency
                        errors=support_errors
                        required=true
                    />
                </div>
                <TextArea
                    id="support-description"
                    name="description"
                    label=Msg::Description
                    value=support_submitted.description.clone()
                    errors=support_errors
                    maxlength=shared::agreement::NOTE_MAX
                />
                <button id="support-submit" type="submit" class="button button--primary">
                    {locale.t(Msg::SaveSupport)}
                </button>
            </form>
        }
    });
    let visits_table = if view.visits.is_empty() {
        view! { <p id="no-visits">{locale.t(Msg::NoVisitsYet)}</p> }.into_any()
    } else {
        let ha = move |value| format::decimal(value, locale);
        let rows = view
            .visits
            .iter()
            .map(|v| {
                let production = v.visit.production.as_ref();
                view! {
                    <tr>
                        <th scope="row">{format::date(v.visit.visited_on, locale)}</th>
                        <td class="num">{v.visit.plots.len()}</td>
                        <td class="num">{ha(v.illicit_hectares())}</td>
                        <td class="num">{ha(v.surviving_hectares())}</td>
                        <td>
                            {production
                                .map(|p| format!("{} {} kg", p.crop.name(locale), format::decimal(p.sold_kg, locale)))
                                .unwrap_or_else(|| "—".to_owned())}
                        </td>
                        <td class="num">
                            {production
                                .map(|p| format::money(p.income, &p.currency, locale))
                                .unwrap_or_else(|| "—".to_owned())}
                        </td>
                        <td>{v.recorded_by.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll" role="region" aria-label=locale.t(Msg::Visits) tabindex="0">
                <table class="table" id="household-visits">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(Msg::VisitedOn)}</th>
                            <th scope="col" class="num">{locale.t(Msg::PlotsVisited)}</th>
                            <th scope="col" class="num">{locale.t(Msg::IllicitHectares)}</th>
                            <th scope="col" class="num">{locale.t(Msg::SurvivingHectares)}</th>
                            <th scope="col">{locale.t(Msg::SoldKg)}</th>
                            <th scope="col" class="num">{locale.t(Msg::Income)}</th>
                            <th scope="col">{locale.t(Msg::RecordedBy)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let personal = household.personal.clone();
    let title = format!("{} {}", locale.t(Msg::HouseholdFacts), household.code);
    let (submitted, state) = FormState::from_submission::<StatusForm>();
    let errors = state.errors;
    let next_statuses: Vec<(String, String)> = HouseholdStatus::ALL
        .iter()
        .filter(|s| household.status.may_become(**s))
        .map(|s| (s.code().to_owned(), s.name(locale).to_owned()))
        .collect();
    let status_form =
        (view.can_edit && household.status != HouseholdStatus::Withdrawn).then(|| {
            view! {
                <form
                    id="status-form"
                    class="form form--inline"
                    method="post"
                    action=format!("/households/{id}/status")
                    novalidate
                >
                    <h3>{locale.t(Msg::ChangeStatus)}</h3>
                    <CsrfField />
                    <ErrorSummary
                        id="status-errors"
                        errors
                        general=state.general
                        field_id=status_field_id
                        field_label=status_field_label
                    />
                    <div class="form__row">
                        <SelectField
                            id="status-status"
                            name="status"
                            label=Msg::NewStatus
                            options=next_statuses
                            selected=submitted.status.clone()
                            errors
                            placeholder=Msg::ChooseOption
                            required=true
                        />
                        <TextField
                            id="status-changed-on"
                            name="changed_on"
                            label=Msg::ChangedOn
                            kind="date"
                            value=submitted.changed_on.clone()
                            errors
                            required=true
                        />
                    </div>
                    <TextArea
                        id="status-reason"
                        name="reason"
                        label=Msg::Reason
                        hint=Msg::ReasonHint
                        value=submitted.reason.clone()
                        errors
                        maxlength=shared::household::REASON_MAX
                    />
                    <button id="status-submit" type="submit" class="button button--primary">
                        {locale.t(Msg::SaveStatus)}
                    </button>
                </form>
            }
        });
    view! {
        <Title text=title.clone() />
        <ProjectHeader head=page.head tab=ProjectTab::Households />
        <div class="page-header">
            <h2 id="household-title">{title}</h2>
            {view
                .can_edit
                .then(|| {
                    view! {
                        <a id="edit-household-link" class="button button--secondary" href=format!("/households/{id}/edit")>
                            {locale.t(Msg::EditHousehold)}
                        </a>
                    }
                })}
        </div>
        <section class="panel" aria-labelledby="household-facts-heading">
            <h3 id="household-facts-heading" class="visually-hidden">{locale.t(Msg::HouseholdFacts)}</h3>
            <dl class="facts" id="household-facts">
                <div><dt>{locale.t(Msg::Community)}</dt>
                <dd>{household.community_name.clone()}</dd></div>
                <div><dt>{locale.t(Msg::HouseholdStatusLabel)}</dt>
                <dd>
                    <span id="household-status" class=household_status_class(household.status)>
                        {household.status.name(locale)}
                    </span>
                    " "{locale.t(Msg::StatusSince)}" "{format::date(household.status_since, locale)}
                </dd></div>
                <div><dt>{locale.t(Msg::HeadOfHousehold)}</dt>
                <dd>{format!("{}, {}", household.head_sex.name(locale), household.head_age_band.name(locale))}</dd></div>
                <div><dt>{locale.t(Msg::IndigenousHousehold)}</dt>
                <dd>{locale.t(if household.indigenous { Msg::Yes } else { Msg::No })}</dd></div>
                <div><dt>{locale.t(Msg::CooperativeColumn)}</dt>
                <dd>{cooperative.unwrap_or_else(|| "—".to_owned())}</dd></div>
                <div><dt>{locale.t(Msg::LandTenureLabel)}</dt>
                <dd>{household.land_tenure.name(locale)}</dd></div>
                <div><dt>{locale.t(Msg::TitleHolderLabel)}</dt>
                <dd>{household.title_holder.map_or_else(|| locale.t(Msg::NoTitle).to_owned(), |t| t.name(locale).to_owned())}</dd></div>
                <div><dt>{locale.t(Msg::EnrolledOn)}</dt>
                <dd>{format::date(household.enrolled_on, locale)}</dd></div>
                {match personal {
                    Some(data) => {
                        view! {
                            <div><dt>{locale.t(Msg::PersonName)}</dt>
                            <dd id="household-name">{data.name.unwrap_or_else(|| "—".to_owned())}</dd></div>
                            <div><dt>{locale.t(Msg::Phone)}</dt>
                            <dd id="household-phone">{data.phone.unwrap_or_else(|| "—".to_owned())}</dd></div>
                        }
                            .into_any()
                    }
                    None => view! { <div><dt>{locale.t(Msg::PersonName)}</dt><dd>{locale.t(Msg::PersonalDataHidden)}</dd></div> }.into_any(),
                }}
            </dl>
            <CountsTable id="household-members" caption=Msg::MembersLegend counts=members />
        </section>
        <section class="panel" id="visits" aria-labelledby="visits-heading">
            <div class="page-header">
                <h3 id="visits-heading">{locale.t(Msg::Visits)}</h3>
                {view
                    .can_edit
                    .then(|| {
                        view! {
                            <a id="record-visit-link" class="button button--primary" href=format!("/households/{id}/visits/new")>
                                {locale.t(Msg::RecordVisit)}
                            </a>
                        }
                    })}
            </div>
            {visits_table}
        </section>
        <section class="panel" id="plots" aria-labelledby="plots-heading">
            <div class="page-header">
                <h3 id="plots-heading">{locale.t(Msg::Plots)}</h3>
                {add_plot}
            </div>
            <p class="hint">{locale.t(Msg::PlotsIntro)}</p>
            {plots_table}
        </section>
        <section class="panel" id="agreements" aria-labelledby="agreements-heading">
            <div class="page-header">
                <h3 id="agreements-heading">{locale.t(Msg::Agreements)}</h3>
                {record_agreement}
            </div>
            {agreements_table}
            <p><a href=format!("/projects/{}/agreements", household.project_id)>{locale.t(Msg::AllAgreementsLink)}</a></p>
        </section>
        <section class="panel" id="support" aria-labelledby="support-heading">
            <h3 id="support-heading">{locale.t(Msg::SupportReceived)}</h3>
            {support_table}
            {support_form}
        </section>
        <section class="panel" id="history" aria-labelledby="history-heading">
            <h3 id="history-heading">{locale.t(Msg::StatusHistory)}</h3>
            <div class="table-scroll" role="region" aria-label=locale.t(Msg::StatusHistory) tabindex="0">
                <table class="table" id="status-history">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(Msg::ChangedOn)}</th>
                            <th scope="col">{locale.t(Msg::HouseholdStatusLabel)}</th>
                            <th scope="col">{locale.t(Msg::Reason)}</th>
                            <th scope="col">{locale.t(Msg::RecordedBy)}</th>
                            <th scope="col">{locale.t(Msg::HouseholdRegistered)}</th>
                        </tr>
                    </thead>
                    <tbody>{history_rows}</tbody>
                </table>
            </div>
            {(household.status == HouseholdStatus::Withdrawn)
                .then(|| view! { <p class="hint">{locale.t(Msg::WithdrawnFinal)}</p> })}
            {status_form}
        </section>
    }
}
