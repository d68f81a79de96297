//! A funding agreement's page (`/funding-agreements/:id`): what the donor agreed (amount,
//! period, earmark, long-term and flexible funding), its reporting periods and when each report
//! is due, its planned tranches against what was received by each due day, its transactions,
//! its figures in its own currency, and for those who keep funding records the forms that plan
//! a tranche and record a transaction (plain form posts).

use super::id_param;
use crate::api::funding::{AgreementPage, get_funding_agreement};
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::TextField;
use crate::components::form::{CsrfField, FormState};
use crate::components::funding::{TransactionFormView, TransactionsTable};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use rust_decimal::Decimal;
use shared::format;
use shared::funding::TransactionKind;
use shared::funding_agreement::TrancheForm;
use shared::i18n::{Locale, Msg};

/// The page.
#[component]
pub fn FundingAgreementPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        move |id| async move { get_funding_agreement(id?).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Agreement page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn tranche_field_id(field: &str) -> String {
    format!("tranche-{}", field.replace('_', "-"))
}

fn tranche_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "due_date" => Msg::TrancheDue,
            "condition" => Msg::TrancheCondition,
            _ => Msg::Amount,
        })
        .to_owned()
}

#[component]
fn Agreement(page: AgreementPage) -> impl IntoView {
    let locale = use_locale();
    let view_data = page.view;
    let a = view_data.agreement.clone();
    let id = a.id;
    let c = a.currency.clone();
    let own = a.currency.clone();
    let money = move |d: Decimal| format::money(d, &own, locale);
    let yes_no = |b: bool| locale.t(if b { Msg::Yes } else { Msg::No });
    let long_term_warning = (a.long_term && !a.lasts_long_term()).then(|| {
        view! { <p class="notice notice--warning notice--compact" id="long-term-warning">{locale.t(Msg::ShorterThanLongTerm)}</p> }
    });
    let periods = view_data
        .reporting_periods
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <td>{format!("{} – {}", format::date(p.start, locale), format::date(p.end, locale))}</td>
                    <td>{format::date(p.due, locale)}</td>
                </tr>
            }
        })
        .collect_view();
    // What reached the program by each tranche's due day, in the agreement's currency only.
    let received_by = |day| -> Decimal {
        view_data
            .transactions
            .iter()
            .filter(|t| {
                t.value_date <= day
                    && t.currency == c
                    && matches!(
                        t.kind,
                        TransactionKind::IncomingFunds | TransactionKind::Disbursement
                    )
            })
            .map(|t| t.amount)
            .sum()
    };
    let tranches = if view_data.tranches.is_empty() {
        view! { <p class="hint" id="no-tranches">{locale.t(Msg::NoTranches)}</p> }.into_any()
    } else {
        let mut planned = Decimal::ZERO;
        let rows = view_data
            .tranches
            .iter()
            .map(|t| {
                planned += t.amount;
                view! {
                    <tr>
                        <td>{format::date(t.due_date, locale)}</td>
                        <td class="number">{format::money(t.amount, &c, locale)}</td>
                        <td class="number">{format::money(planned, &c, locale)}</td>
                        <td class="number">{format::money(received_by(t.due_date), &c, locale)}</td>
                        <td>{t.condition.clone().unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll" role="region" aria-label=locale.t(Msg::TranchesTitle) tabindex="0">
                <table class="table table--wide" id="tranches-table">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(Msg::TrancheDue)}</th>
                            <th scope="col">{locale.t(Msg::Amount)}</th>
                            <th scope="col">{locale.t(Msg::TranchesPlanned)}</th>
                            <th scope="col">{locale.t(Msg::ReceivedByDue)}</th>
                            <th scope="col">{locale.t(Msg::TrancheCondition)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let (submitted, state) = FormState::from_submission::<TrancheForm>();
    let errors = state.errors;
    let tranche_form = view_data.can_manage.then(|| {
        view! {
            <form id="tranche-form" class="form" method="post"
                action=format!("/funding-agreements/{id}/tranches") novalidate>
                <CsrfField />
                <ErrorSummary id="tranche-errors" errors general=state.general
                    field_id=tranche_field_id field_label=tranche_field_label />
                <div class="form__row form__row--wrap">
                    <TextField id="tranche-due-date" name="due_date" label=Msg::TrancheDue
                        value=submitted.due_date.clone() errors kind="date" required=true />
                    <TextField id="tranche-amount" name="amount" label=Msg::Amount
                        label_suffix=format!("({})", view_data.agreement.currency)
                        value=submitted.amount.clone() errors inputmode="decimal" required=true />
                    <TextField id="tranche-condition" name="condition" label=Msg::TrancheCondition
                        value=submitted.condition.clone() errors maxlength=300 />
                </div>
                <button id="tranche-submit" type="submit" class="button button--primary">{locale.t(Msg::AddTranche)}</button>
            </form>
        }
    });
    let figures = view_data.figures.clone().map(|f| {
        let cur = f.currency.clone();
        let m = move |d: Decimal| format::money(d, &cur, locale);
        view! {
            <dl class="facts" id="agreement-figures">
                <dt>{locale.t(Msg::FundingAgreed)}</dt><dd>{m(f.budget.amount)}</dd>
                <dt>{locale.t(Msg::FundingCommitted)}</dt><dd>{m(f.committed.amount)}</dd>
                <dt>{locale.t(Msg::FundingDisbursed)}</dt><dd id="agreement-disbursed">{m(f.disbursed.amount)}</dd>
                <dt>{locale.t(Msg::FundingSpent)}</dt><dd>{m(f.spent.amount)}</dd>
                <dt>{locale.t(Msg::FundingToDisburse)}</dt><dd id="agreement-to-disburse">{m(f.to_disburse)}</dd>
                <dt>{locale.t(Msg::SpendingRate)}</dt>
                <dd>{f.spending_rate.map(|r| format::percent(r, locale)).unwrap_or_else(|| "—".into())}</dd>
            </dl>
        }
    });
    let missing = view_data.missing_rate.clone().map(|m| {
        view! {
            <p class="notice notice--warning notice--compact" id="missing-rate">
                {locale.t(Msg::MissingRateMsg)}" "{format!("{} → {} ({})", m.from, m.to, format::date(m.day, locale))}
            </p>
        }
    });
    let prefix = a
        .project_name
        .clone()
        .map(|p| format!("{p} › "))
        .unwrap_or_default();
    let projects: Vec<(String, String)> = page
        .choices
        .projects
        .iter()
        .filter(|(pid, _)| match a.earmark.project_id {
            Some(p) => *pid == p.to_string(),
            None => true,
        })
        .cloned()
        .collect();
    let in_earmark = |list: &[(String, String)]| -> Vec<(String, String)> {
        list.iter()
            .filter(|(_, label)| prefix.is_empty() || label.starts_with(&prefix))
            .cloned()
            .collect()
    };
    let transaction_form = view_data.can_manage.then(|| {
        view! {
            <TransactionFormView
                action=format!("/funding-agreements/{id}/transactions")
                agreements=Vec::new()
                projects
                components=in_earmark(&page.choices.components)
                budget_lines=in_earmark(&page.choices.budget_lines)
                currency=view_data.agreement.currency.clone()
            />
        }
    });
    let edit = view_data.can_manage.then(|| {
        view! {
            <a id="edit-funding-agreement" class="button button--secondary"
                href=format!("/funding-agreements/{id}/edit")>{locale.t(Msg::EditFundingAgreement)}</a>
        }
    });
    let agreement = view_data.agreement.clone();
    view! {
        <Title text=agreement.title.clone() />
        <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
            <a href="/donors">{locale.t(Msg::DonorsTitle)}</a>
            " › "
            <a href=format!("/donors/{}", agreement.donor_id)>{agreement.donor_name.clone()}</a>
        </nav>
        <div class="page-header">
            <h1>{agreement.title.clone()}</h1>
            {edit}
        </div>
        <section class="panel" aria-labelledby="agreement-facts-heading">
            <h2 id="agreement-facts-heading" class="visually-hidden">{locale.t(Msg::FundingAgreementLabel)}</h2>
            <dl class="facts" id="agreement-facts">
                <dt>{locale.t(Msg::Donor)}</dt><dd>{agreement.donor_name.clone()}</dd>
                <dt>{locale.t(Msg::AgreementReference)}</dt><dd>{agreement.reference.clone().unwrap_or_default()}</dd>
                <dt>{locale.t(Msg::AgreementAmount)}</dt><dd id="agreement-amount">{money(agreement.amount)}</dd>
                <dt>{locale.t(Msg::Period)}</dt>
                <dd>{format!("{} – {}", format::date(agreement.start_date, locale), format::date(agreement.end_date, locale))}</dd>
                <dt>{locale.t(Msg::EarmarkedFor)}</dt><dd id="agreement-earmark">{agreement.earmark_text()}</dd>
                <dt>{locale.t(Msg::LongTermFunding)}</dt><dd>{yes_no(agreement.long_term)}</dd>
                <dt>{locale.t(Msg::FlexibleShort)}</dt><dd>{yes_no(agreement.flexible)}</dd>
                <dt>{locale.t(Msg::ReportingFrequencyLabel)}</dt><dd>{agreement.reporting_frequency.name(locale)}</dd>
                <dt>{locale.t(Msg::ReportingRequirements)}</dt><dd>{agreement.reporting_requirements.clone().unwrap_or_default()}</dd>
            </dl>
            {long_term_warning}
        </section>
        <section class="panel" aria-labelledby="agreement-figures-heading">
            <h2 id="agreement-figures-heading">{format!("{} ({})", locale.t(Msg::FundingTitle), agreement.currency)}</h2>
            {figures}
            {missing}
        </section>
        <section class="panel" aria-labelledby="periods-heading">
            <h2 id="periods-heading">{locale.t(Msg::ReportingPeriodsTitle)}</h2>
            <div class="table-scroll" role="region" aria-label=locale.t(Msg::ReportingPeriodsTitle) tabindex="0">
                <table class="table" id="reporting-periods">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(Msg::Period)}</th>
                            <th scope="col">{locale.t(Msg::ReportDue)}</th>
                        </tr>
                    </thead>
                    <tbody>{periods}</tbody>
                </table>
            </div>
        </section>
        <section class="panel" aria-labelledby="tranches-heading" id="tranches">
            <h2 id="tranches-heading">{locale.t(Msg::TranchesTitle)}</h2>
            {tranches}
            {tranche_form}
        </section>
        <section class="panel" aria-labelledby="transactions-heading" id="transactions">
            <h2 id="transactions-heading">{locale.t(Msg::TransactionsTitle)}</h2>
            <TransactionsTable transactions=view_data.transactions.clone() />
        </section>
        {transaction_form}
    }
}
