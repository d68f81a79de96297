//! The pieces of every funding page: the currency chooser (a GET form), the figures with the
//! rates they used, the chart, the quarter-by-quarter table, the agreements and transactions,
//! and the form that records a transaction (a plain form post).

use crate::components::error_view::ErrorSummary;
use crate::components::field::{SelectField, TextField, currency_options};
use crate::components::form::{CsrfField, FormState};
use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::format;
use shared::funding::{FigureRow, FundingFigures, FundingOverview};
use shared::funding_agreement::{
    Choice, FundingAgreement, Transaction, TransactionForm, kind_options,
};
use shared::fx::Total;
use shared::i18n::{Locale, Msg};

/// The form that shows the figures in another currency (a GET of the same page).
#[component]
pub fn CurrencyChooser(
    /// The page's address.
    action: String,
    /// The currency shown.
    currency: String,
    /// The currencies offered.
    currencies: Vec<String>,
) -> impl IntoView {
    let locale = use_locale();
    let options = currencies
        .into_iter()
        .map(|c| {
            let selected = c == currency;
            view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
        })
        .collect_view();
    view! {
        <form id="funding-currency-form" class="form form--inline" method="get" action=action>
            <div class="field">
                <label for="funding-currency">{locale.t(Msg::FundingCurrency)}</label>
                <select id="funding-currency" name="currency">{options}</select>
            </div>
            <button type="submit" class="button button--secondary">{locale.t(Msg::ShowFigures)}</button>
        </form>
    }
}

fn money(amount: rust_decimal::Decimal, currency: &str, locale: Locale) -> String {
    format::money(amount, currency, locale)
}

/// The rates a total used, one line each.
fn rates_of(total: &Total, locale: Locale) -> Vec<String> {
    let mut lines: Vec<String> = total
        .parts
        .iter()
        .filter(|p| !p.rate.legs.is_empty())
        .map(|p| p.rate.describe(locale))
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

/// The figures of an overview: budget (or agreed), committed, disbursed, spent, the gap, what
/// remains to disburse and the spending rate, with the rates used; or which rate is missing.
#[component]
pub fn FiguresPanel(
    /// The overview.
    overview: FundingOverview,
    /// The label of the budget line ("Budget", or "Agreed" for a donor).
    budget_label: Msg,
) -> impl IntoView {
    let locale = use_locale();
    let currency = overview.currency.clone();
    let as_of = format::date(overview.as_of, locale);
    let body = match (overview.figures, overview.missing_rate) {
        (Some(f), _) => view! { <FiguresTable figures=f budget_label /> }.into_any(),
        (None, Some(missing)) => view! {
            <div class="notice notice--warning" id="missing-rate" role="status">
                <p>
                    {locale.t(Msg::MissingRateMsg)}" "
                    <strong>{format!("{} → {}", missing.from, missing.to)}</strong>
                    " ("{format::date(missing.day, locale)}")."
                </p>
                <p>
                    {locale.t(Msg::MissingRateHint)}" "
                    <a href="/exchange-rates">{locale.t(Msg::RatesLink)}</a>
                </p>
            </div>
        }
        .into_any(),
        (None, None) => ().into_any(),
    };
    view! {
        <section class="panel" aria-labelledby="figures-heading" id="funding-figures">
            <h2 id="figures-heading">
                {format!("{} ({currency}) — {} {as_of}", locale.t(Msg::FundingTitle), locale.t(Msg::FundingAsOf))}
            </h2>
            {body}
            <p class="hint">{locale.t(Msg::FundingRuleNote)}</p>
        </section>
    }
}

/// The figures as a definition table.
#[component]
fn FiguresTable(figures: FundingFigures, budget_label: Msg) -> impl IntoView {
    let locale = use_locale();
    let c = figures.currency.clone();
    let rate = figures
        .spending_rate
        .map(|r| format::percent(r, locale))
        .unwrap_or_else(|| "—".to_owned());
    let mut rates: Vec<String> = [
        &figures.budget,
        &figures.committed,
        &figures.disbursed,
        &figures.spent,
    ]
    .iter()
    .flat_map(|t| rates_of(t, locale))
    .collect();
    rates.sort();
    rates.dedup();
    let rates_view = (!rates.is_empty()).then(|| {
        let items = rates
            .into_iter()
            .map(|r| view! { <li>{r}</li> })
            .collect_view();
        view! {
            <details id="rates-used">
                <summary>{locale.t(Msg::RatesUsedTitle)}</summary>
                <ul>{items}</ul>
            </details>
        }
    });
    let row = |id: &'static str, label: String, value: String| {
        view! {
            <tr id=id>
                <th scope="row">{label}</th>
                <td class="number">{value}</td>
            </tr>
        }
    };
    view! {
        <div class="table-scroll" role="region" aria-label=locale.t(Msg::FundingTitle) tabindex="0">
            <table class="table" id="funding-figures-table">
                <tbody>
                    {row("figure-budget", locale.t(budget_label).to_owned(), money(figures.budget.amount, &c, locale))}
                    {row("figure-committed", locale.t(Msg::FundingCommitted).to_owned(), money(figures.committed.amount, &c, locale))}
                    {row("figure-disbursed", locale.t(Msg::FundingDisbursed).to_owned(), money(figures.disbursed.amount, &c, locale))}
                    {row("figure-spent", locale.t(Msg::FundingSpent).to_owned(), money(figures.spent.amount, &c, locale))}
                    {row("figure-gap", locale.t(Msg::FundingGap).to_owned(), money(figures.gap, &c, locale))}
                    {row("figure-to-disburse", locale.t(Msg::FundingToDisburse).to_owned(), money(figures.to_disburse, &c, locale))}
                    {row("figure-spending-rate", format!("{} ({})", locale.t(Msg::SpendingRate), locale.t(Msg::SpendingRateHint)), rate)}
                </tbody>
            </table>
        </div>
        {rates_view}
    }
}

/// The chart and, under it, the same figures quarter by quarter as a table.
#[component]
pub fn FundingChart(
    /// The overview.
    overview: FundingOverview,
    /// The chart as SVG.
    svg: String,
) -> impl IntoView {
    let locale = use_locale();
    if overview.over_time.is_empty() {
        return ().into_any();
    }
    let c = overview.currency.clone();
    let files = overview.files_path();
    let lang = locale.code();
    let rows = overview
        .over_time
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{format::date(p.end, locale)}</th>
                    <td class="number">{money(p.committed, &c, locale)}</td>
                    <td class="number">{money(p.disbursed, &c, locale)}</td>
                    <td class="number">{money(p.spent, &c, locale)}</td>
                    <td class="number">{p.spending_rate.map(|r| format::percent(r, locale)).unwrap_or_else(|| "—".into())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="over-time-heading">
            <h2 id="over-time-heading">{locale.t(Msg::FundingOverTime)}</h2>
            <figure class="chart" id="funding-chart">
                <div class="chart__svg" role="img" aria-label=format!("{}: {}", locale.t(Msg::FundingChartTitle), overview.name) inner_html=svg></div>
            </figure>
            <p class="downloads">
                <a id="funding-svg" href=format!("{files}/funding.svg?currency={c}&lang={lang}")
                    download="funding.svg" rel="external">{locale.t(Msg::DownloadSvg)}</a>
                " · "
                <a id="funding-csv" href=format!("{files}/funding.csv?currency={c}&lang={lang}")
                    download="funding.csv" rel="external">{locale.t(Msg::DownloadCsv)}</a>
            </p>
            <details>
                <summary>{locale.t(Msg::FundingOverTime)}</summary>
                <div class="table-scroll" role="region" aria-label=locale.t(Msg::FundingOverTime) tabindex="0">
                    <table class="table" id="funding-over-time">
                        <thead>
                            <tr>
                                <th scope="col">{locale.t(Msg::QuarterEnd)}</th>
                                <th scope="col">{locale.t(Msg::FundingCommitted)}</th>
                                <th scope="col">{locale.t(Msg::FundingDisbursed)}</th>
                                <th scope="col">{locale.t(Msg::FundingSpent)}</th>
                                <th scope="col">{locale.t(Msg::SpendingRate)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </section>
    }
    .into_any()
}

/// A table of figure rows (a program's projects, a donor's agreements).
#[component]
pub fn FigureRows(
    /// The rows.
    rows: Vec<FigureRow>,
    /// The table's heading.
    heading: Msg,
    /// The label of the budget column.
    budget_label: Msg,
    /// The currency.
    currency: String,
) -> impl IntoView {
    let locale = use_locale();
    if rows.is_empty() {
        return ().into_any();
    }
    let body = rows
        .into_iter()
        .map(|r| {
            let cells = match r.figures {
                Some(f) => view! {
                    <td class="number">{money(f.budget.amount, &currency, locale)}</td>
                    <td class="number">{money(f.committed.amount, &currency, locale)}</td>
                    <td class="number">{money(f.disbursed.amount, &currency, locale)}</td>
                    <td class="number">{money(f.spent.amount, &currency, locale)}</td>
                    <td class="number">{money(f.gap, &currency, locale)}</td>
                    <td class="number">{f.spending_rate.map(|x| format::percent(x, locale)).unwrap_or_else(|| "—".into())}</td>
                }
                .into_any(),
                None => view! { <td colspan="6">{locale.t(Msg::MissingRateMsg)}</td> }.into_any(),
            };
            view! {
                <tr>
                    <th scope="row"><a href=r.href>{r.name}</a></th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="figure-rows-heading">
            <h2 id="figure-rows-heading">{locale.t(heading)}</h2>
            <div class="table-scroll" role="region" aria-label=locale.t(heading) tabindex="0">
                <table class="table table--wide" id="figure-rows">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(Msg::Name)}</th>
                            <th scope="col">{locale.t(budget_label)}</th>
                            <th scope="col">{locale.t(Msg::FundingCommitted)}</th>
                            <th scope="col">{locale.t(Msg::FundingDisbursed)}</th>
                            <th scope="col">{locale.t(Msg::FundingSpent)}</th>
                            <th scope="col">{locale.t(Msg::FundingGap)}</th>
                            <th scope="col">{locale.t(Msg::SpendingRate)}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// The funding agreements listed, each linking to its page.
#[component]
pub fn AgreementsTable(
    /// The agreements.
    agreements: Vec<FundingAgreement>,
) -> impl IntoView {
    let locale = use_locale();
    let body = if agreements.is_empty() {
        view! { <p class="hint" id="no-funding-agreements">{locale.t(Msg::NoFundingAgreements)}</p> }
            .into_any()
    } else {
        let rows = agreements
            .into_iter()
            .map(|a| {
                let mut flags = Vec::new();
                if a.long_term {
                    flags.push(locale.t(Msg::LongTermShort));
                }
                if a.flexible {
                    flags.push(locale.t(Msg::FlexibleShort));
                }
                view! {
                    <tr>
                        <th scope="row"><a href=format!("/funding-agreements/{}", a.id)>{a.title.clone()}</a></th>
                        <td>{a.donor_name.clone()}</td>
                        <td>{a.earmark_text()}</td>
                        <td class="number">{money(a.amount, &a.currency, locale)}</td>
                        <td>{format!("{} – {}", format::date(a.start_date, locale), format::date(a.end_date, locale))}</td>
                        <td>{flags.join(", ")}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll" role="region" aria-label=locale.t(Msg::FundingAgreementsTitle) tabindex="0">
                <table class="table table--wide" id="funding-agreements-table">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(Msg::AgreementTitleLabel)}</th>
                            <th scope="col">{locale.t(Msg::Donor)}</th>
                            <th scope="col">{locale.t(Msg::EarmarkedFor)}</th>
                            <th scope="col">{locale.t(Msg::AgreementAmount)}</th>
                            <th scope="col">{locale.t(Msg::Period)}</th>
                            <th scope="col">{locale.t(Msg::Status)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby="agreements-heading" id="agreements">
            <h2 id="agreements-heading">{locale.t(Msg::FundingAgreementsTitle)}</h2>
            {body}
        </section>
    }
}

/// The transactions listed.
#[component]
pub fn TransactionsTable(
    /// The transactions, newest first.
    transactions: Vec<Transaction>,
) -> impl IntoView {
    let locale = use_locale();
    if transactions.is_empty() {
        return view! { <p class="hint" id="no-transactions">{locale.t(Msg::NoTransactions)}</p> }
            .into_any();
    }
    let rows = transactions
        .into_iter()
        .map(|t| {
            let agreement = t.agreement_id.map(|id| {
                view! {
                    <a href=format!("/funding-agreements/{id}")>
                        {format!("{} · {}", t.donor_name.clone().unwrap_or_default(), t.agreement_title.clone().unwrap_or_default())}
                    </a>
                }
            });
            let place = [
                t.project_name.clone(),
                t.component_name.clone(),
                t.budget_line_code.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" › ");
            view! {
                <tr>
                    <td>{format::date(t.value_date, locale)}</td>
                    <td>{t.kind.name(locale)}</td>
                    <td class="number">{money(t.amount, &t.currency, locale)}</td>
                    <td>{t.description.clone()}</td>
                    <td>{agreement}</td>
                    <td>{place}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" aria-label=locale.t(Msg::TransactionsTitle) tabindex="0">
            <table class="table table--wide" id="transactions-table">
                <thead>
                    <tr>
                        <th scope="col">{locale.t(Msg::ValueDate)}</th>
                        <th scope="col">{locale.t(Msg::TransactionKindLabel)}</th>
                        <th scope="col">{locale.t(Msg::Amount)}</th>
                        <th scope="col">{locale.t(Msg::Description)}</th>
                        <th scope="col">{locale.t(Msg::FundingAgreementLabel)}</th>
                        <th scope="col">{locale.t(Msg::ProjectLabel)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn transaction_field_id(field: &str) -> String {
    format!("transaction-{}", field.replace('_', "-"))
}

fn transaction_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "kind" => Msg::TransactionKindLabel,
            "value_date" => Msg::ValueDate,
            "amount" => Msg::Amount,
            "currency" => Msg::Currency,
            "description" => Msg::Description,
            "agreement_id" => Msg::FundingAgreementLabel,
            "project_id" => Msg::ProjectLabel,
            "component_id" => Msg::Component,
            _ => Msg::BudgetLine,
        })
        .to_owned()
}

/// The form that records a transaction, posted to `action`: the agreement's page names its
/// agreement and offers its projects; a project's tab names its project and offers its
/// agreements.
#[component]
pub fn TransactionFormView(
    /// Where the form posts.
    action: String,
    /// The agreements offered (none: the page names it).
    agreements: Vec<Choice>,
    /// The projects offered (none: the page names it).
    projects: Vec<Choice>,
    /// The components offered.
    components: Vec<Choice>,
    /// The budget lines offered.
    budget_lines: Vec<Choice>,
    /// The currency offered first.
    currency: String,
) -> impl IntoView {
    let locale = use_locale();
    let (submitted, state) = FormState::from_submission::<TransactionForm>();
    let errors = state.errors;
    let with_none = |list: Vec<Choice>| {
        let mut all = vec![(String::new(), locale.t(Msg::NoneOption).to_owned())];
        all.extend(list);
        all
    };
    let typed_currency = if submitted.currency.is_empty() {
        currency
    } else {
        submitted.currency.clone()
    };
    let agreement_field = (!agreements.is_empty()).then(|| {
        view! {
            <SelectField id="transaction-agreement-id" name="agreement_id" label=Msg::FundingAgreementLabel
                options=with_none(agreements) selected=submitted.agreement_id.clone() errors />
        }
    });
    let project_field = (!projects.is_empty()).then(|| {
        view! {
            <SelectField id="transaction-project-id" name="project_id" label=Msg::ProjectLabel
                options=with_none(projects) selected=submitted.project_id.clone() errors />
        }
    });
    view! {
        <section class="panel" aria-labelledby="add-transaction-heading">
            <h2 id="add-transaction-heading">{locale.t(Msg::AddTransaction)}</h2>
            <form id="transaction-form" class="form" method="post" action=action novalidate>
                <CsrfField />
                <ErrorSummary id="transaction-errors" errors general=state.general
                    field_id=transaction_field_id field_label=transaction_field_label />
                <div class="form__row form__row--wrap">
                    <SelectField id="transaction-kind" name="kind" label=Msg::TransactionKindLabel
                        options=kind_options(locale) selected=submitted.kind.clone() errors
                        placeholder=Msg::ChooseOption required=true />
                    <TextField id="transaction-value-date" name="value_date" label=Msg::ValueDate
                        value=submitted.value_date.clone() errors kind="date" required=true />
                    <TextField id="transaction-amount" name="amount" label=Msg::Amount
                        value=submitted.amount.clone() errors inputmode="decimal" required=true />
                    <SelectField id="transaction-currency" name="currency" label=Msg::Currency
                        options=currency_options(locale) selected=typed_currency errors required=true />
                </div>
                <TextField id="transaction-description" name="description" label=Msg::Description
                    value=submitted.description.clone() errors required=true maxlength=300 />
                <div class="form__row form__row--wrap">
                    {agreement_field}
                    {project_field}
                    <SelectField id="transaction-component-id" name="component_id" label=Msg::Component
                        options=with_none(components) selected=submitted.component_id.clone() errors />
                    <SelectField id="transaction-budget-line-id" name="budget_line_id" label=Msg::BudgetLine
                        options=with_none(budget_lines) selected=submitted.budget_line_id.clone() errors />
                </div>
                <button id="transaction-submit" type="submit" class="button button--primary">{locale.t(Msg::SaveTransaction)}</button>
            </form>
        </section>
    }
}
