//! A program's funding (`/programs/:id/funding`): the figures in a chosen currency with the
//! rates they used, the chart quarter by quarter, a line per project, the agreements counted in
//! the program and its transactions.

use super::id_param;
use crate::api::funding::{FundingPage, get_program_funding};
use crate::components::error_view::ErrorNotice;
use crate::components::funding::{
    AgreementsTable, CurrencyChooser, FigureRows, FiguresPanel, FundingChart, TransactionsTable,
};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::i18n::Msg;

/// The page.
#[component]
pub fn ProgramFundingPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let query = use_query_map();
    let currency = Memo::new(move |_| query.read().get("currency").unwrap_or_default());
    let data = Resource::new(
        move || (id.get(), currency.get()),
        move |(id, currency)| async move { get_program_funding(id?, currency, locale).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <ProgramFunding page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProgramFunding(page: FundingPage) -> impl IntoView {
    let locale = use_locale();
    let overview = page.overview;
    let id = overview.id;
    let title = format!("{} · {}", locale.t(Msg::FundingTitle), overview.name);
    let new_agreement = overview.can_manage.then(|| {
        view! {
            <a id="new-funding-agreement" class="button button--secondary"
                href=format!("/funding-agreements/new?program={id}")>
                {locale.t(Msg::NewFundingAgreement)}
            </a>
        }
    });
    view! {
        <Title text=title.clone() />
        <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
            <a href="/">{locale.t(Msg::ProgramsTitle)}</a>
            " › "
            <a href=format!("/programs/{id}")>{overview.name.clone()}</a>
        </nav>
        <div class="page-header">
            <h1>{title}</h1>
            {new_agreement}
        </div>
        <p class="lead">{locale.t(Msg::ProgramFundingIntro)}</p>
        <CurrencyChooser
            action=format!("/programs/{id}/funding")
            currency=overview.currency.clone()
            currencies=overview.currencies.clone()
        />
        <FiguresPanel overview=overview.clone() budget_label=Msg::FundingBudget />
        <FundingChart overview=overview.clone() svg=page.chart_svg />
        <FigureRows rows=overview.rows.clone() heading=Msg::FundingByProject
            budget_label=Msg::FundingBudget currency=overview.currency.clone() />
        <AgreementsTable agreements=overview.agreements.clone() />
        <section class="panel" aria-labelledby="transactions-heading" id="transactions">
            <h2 id="transactions-heading">{locale.t(Msg::TransactionsTitle)}</h2>
            <TransactionsTable transactions=overview.transactions.clone() />
        </section>
    }
}
