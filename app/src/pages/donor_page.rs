//! A donor's page (`/donors/:id`): its funding agreements and what was committed, received and
//! spent under them, in a chosen currency, with a line per agreement and the chart. For those
//! who keep funding records, the link to a new agreement with this donor.

use super::id_param;
use crate::api::funding::{FundingPage, get_donor_funding};
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
pub fn DonorPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let query = use_query_map();
    let currency = Memo::new(move |_| query.read().get("currency").unwrap_or_default());
    let data = Resource::new(
        move || (id.get(), currency.get()),
        move |(id, currency)| async move { get_donor_funding(id?, currency, locale).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Donor page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Donor(page: FundingPage) -> impl IntoView {
    let locale = use_locale();
    let overview = page.overview;
    let id = overview.id;
    let identifier = page
        .donor
        .as_ref()
        .and_then(|d| d.iati_identifier.clone())
        .map(|i| view! { <p class="page-header__meta"><code id="donor-iati">{i}</code></p> });
    let new_agreement = overview.can_manage.then(|| {
        view! {
            <a id="new-funding-agreement" class="button button--secondary"
                href=format!("/funding-agreements/new?donor={id}")>
                {locale.t(Msg::NewFundingAgreement)}
            </a>
        }
    });
    view! {
        <Title text=overview.name.clone() />
        <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
            <a href="/donors">{locale.t(Msg::DonorsTitle)}</a>
        </nav>
        <div class="page-header">
            <h1>{overview.name.clone()}</h1>
            <a id="donor-dashboard-link" class="button button--secondary"
                href=format!("/donors/{id}/dashboard")>
                {locale.t(Msg::DashboardTitle)}
            </a>
            {new_agreement}
        </div>
        {identifier}
        <p class="lead">{locale.t(Msg::DonorFundingIntro)}</p>
        <AgreementsTable agreements=overview.agreements.clone() />
        <CurrencyChooser
            action=format!("/donors/{id}")
            currency=overview.currency.clone()
            currencies=overview.currencies.clone()
        />
        <FiguresPanel overview=overview.clone() budget_label=Msg::FundingAgreed />
        <FundingChart overview=overview.clone() svg=page.chart_svg />
        <FigureRows rows=overview.rows.clone() heading=Msg::FundingByAgreement
            budget_label=Msg::FundingAgreed currency=overview.currency.clone() />
        <section class="panel" aria-labelledby="transactions-heading" id="transactions">
            <h2 id="transactions-heading">{locale.t(Msg::TransactionsTitle)}</h2>
            <TransactionsTable transactions=overview.transactions.clone() />
        </section>
    }
}
