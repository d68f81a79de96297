//! A project's funding tab (`/projects/:id/funding`): the figures in a chosen currency (the
//! project's by default) with the rates they used, the chart quarter by quarter, the budget by
//! component and year, the agreements earmarked for it, its transactions and, for those who
//! keep funding records, the form that records one (a plain form post). A donor viewer sees
//! only its donor's agreements and transactions.

use super::id_param;
use crate::api::funding::{FundingPage, get_project_funding};
use crate::components::error_view::ErrorNotice;
use crate::components::funding::{
    AgreementsTable, CurrencyChooser, FiguresPanel, FundingChart, TransactionFormView,
    TransactionsTable,
};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::format;
use shared::funding::BudgetTable;
use shared::i18n::Msg;

/// The funding tab.
#[component]
pub fn ProjectFundingPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let query = use_query_map();
    let currency = Memo::new(move |_| query.read().get("currency").unwrap_or_default());
    let data = Resource::new(
        move || (id.get(), currency.get()),
        move |(id, currency)| async move { get_project_funding(id?, currency, locale).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <FundingTab page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FundingTab(page: FundingPage) -> impl IntoView {
    let locale = use_locale();
    let Some(head) = page.head.clone() else {
        return ().into_any();
    };
    let project_id = head.project.id;
    let overview = page.overview;
    let prefix = format!("{} › ", head.project.name);
    let of_project = |list: &[(String, String)]| -> Vec<(String, String)> {
        list.iter()
            .filter(|(_, label)| label.starts_with(&prefix))
            .map(|(id, label)| (id.clone(), label[prefix.len()..].to_owned()))
            .collect()
    };
    // Agreements for this project, or for its whole program, may pay for it.
    let agreements = page
        .choices
        .agreements_for(head.project.program_id, project_id);
    let form = overview.can_manage.then(|| {
        view! {
            <TransactionFormView
                action=format!("/projects/{project_id}/transactions")
                agreements
                projects=Vec::new()
                components=of_project(&page.choices.components)
                budget_lines=of_project(&page.choices.budget_lines)
                currency=head.project.currency.clone()
            />
        }
    });
    let budget = overview
        .budget_table
        .clone()
        .map(|table| view! { <BudgetTableView table /> });
    view! {
        <ProjectHeader head tab=ProjectTab::Funding />
        <p class="lead">{locale.t(Msg::ProjectFundingIntro)}</p>
        <CurrencyChooser
            action=format!("/projects/{project_id}/funding")
            currency=overview.currency.clone()
            currencies=overview.currencies.clone()
        />
        <FiguresPanel overview=overview.clone() budget_label=Msg::FundingBudget />
        <FundingChart overview=overview.clone() svg=page.chart_svg />
        {budget}
        <AgreementsTable agreements=overview.agreements.clone() />
        <section class="panel" aria-labelledby="transactions-heading" id="transactions">
            <h2 id="transactions-heading">{locale.t(Msg::TransactionsTitle)}</h2>
            <TransactionsTable transactions=overview.transactions.clone() />
        </section>
        {form}
    }
    .into_any()
}

/// The budget by component (rows) and year (columns), with totals, in the project's currency.
#[component]
fn BudgetTableView(table: BudgetTable) -> impl IntoView {
    let locale = use_locale();
    let c = table.currency.clone();
    if table.rows.is_empty() {
        return view! {
            <section class="panel" aria-labelledby="budget-heading">
                <h2 id="budget-heading">{locale.t(Msg::BudgetByComponent)}</h2>
                <p class="hint">{locale.t(Msg::NoBudgetYet)}</p>
            </section>
        }
        .into_any();
    }
    let headers = table
        .years
        .iter()
        .map(|y| {
            let text = y
                .map(|y| y.to_string())
                .unwrap_or_else(|| locale.t(Msg::NoYear).to_owned());
            view! { <th scope="col">{text}</th> }
        })
        .collect_view();
    let rows = table
        .rows
        .iter()
        .map(|r| {
            let name = if r.component_id.is_none() {
                locale.t(Msg::NoComponent).to_owned()
            } else {
                r.name.clone()
            };
            let cells = r
                .amounts
                .iter()
                .map(|a| view! { <td class="number">{format::money(*a, &c, locale)}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    {cells}
                    <td class="number"><strong>{format::money(r.total, &c, locale)}</strong></td>
                </tr>
            }
        })
        .collect_view();
    let totals = table
        .year_totals
        .iter()
        .map(|a| view! { <td class="number"><strong>{format::money(*a, &c, locale)}</strong></td> })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="budget-heading">
            <h2 id="budget-heading">{format!("{} ({c})", locale.t(Msg::BudgetByComponent))}</h2>
            <div class="table-scroll" role="region" aria-label=locale.t(Msg::BudgetByComponent) tabindex="0">
                <table class="table table--wide" id="budget-table">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(Msg::Component)}</th>
                            {headers}
                            <th scope="col">{locale.t(Msg::Total)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{locale.t(Msg::Total)}</th>
                            {totals}
                            <td class="number"><strong>{format::money(table.total, &c, locale)}</strong></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
    .into_any()
}
