//! A project's eradication agreements (`/projects/:id/agreements`), for the households the
//! reader may see: hectares committed and verified, replanting rate, overdue agreements and
//! agreements eradicated before support reached the household, then every agreement.

use super::id_param;
use crate::api::agreements::{ProjectAgreementsPage, get_project_agreements};
use crate::components::agreements::AgreementsTable;
use crate::components::error_view::ErrorNotice;
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::format;
use shared::i18n::Msg;

/// The page.
#[component]
pub fn ProjectAgreementsPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { get_project_agreements(id?).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <ProjectAgreementsView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProjectAgreementsView(page: ProjectAgreementsPage) -> impl IntoView {
    let locale = use_locale();
    let summary = page.agreements.summary.clone();
    let ha = move |value| format!("{} ha", format::decimal(value, locale));
    let rate = summary.replanting_rate_percent.map_or_else(
        || locale.t(Msg::NotYetMeasured).to_owned(),
        |r| format!("{} %", format::decimal(r, locale)),
    );
    let figures = [
        (
            "summary-agreements",
            Msg::AgreementsCount,
            summary.agreements.to_string(),
        ),
        (
            "summary-committed",
            Msg::CommittedHectares,
            ha(summary.committed_hectares),
        ),
        (
            "summary-verified",
            Msg::VerifiedHectares,
            ha(summary.verified_hectares),
        ),
        (
            "summary-verified-agreements",
            Msg::VerifiedAgreements,
            summary.verified_agreements.to_string(),
        ),
        ("summary-replanting-rate", Msg::ReplantingRate, rate),
        (
            "summary-overdue",
            Msg::OverdueAgreements,
            summary.overdue_agreements.to_string(),
        ),
        (
            "summary-breaches",
            Msg::SequencingBreaches,
            summary.sequencing_breaches.to_string(),
        ),
    ]
    .into_iter()
    .map(|(id, label, value)| {
        view! { <div><dt>{locale.t(label)}</dt><dd id=id>{value}</dd></div> }
    })
    .collect_view();
    let agreements = page.agreements.agreements.clone();
    view! {
        <Title text=locale.t(Msg::ProjectAgreementsTitle) />
        <ProjectHeader head=page.head tab=ProjectTab::Households />
        <section class="panel" aria-labelledby="agreements-heading">
            <h2 id="agreements-heading">{locale.t(Msg::ProjectAgreementsTitle)}</h2>
            <p class="lead">{locale.t(Msg::AgreementsIntro)}</p>
            <dl class="facts" id="agreements-summary">{figures}</dl>
            {(summary.sequencing_breaches > 0)
                .then(|| {
                    view! {
                        <p class="notice notice--warning" role="note">
                            {shared::agreement::SequencingCheck::EradicationBeforeSupport.explain(locale)}
                        </p>
                    }
                })}
            {if agreements.is_empty() {
                view! { <p id="no-agreements">{locale.t(Msg::NoAgreementsYet)}</p> }.into_any()
            } else {
                view! { <AgreementsTable id="project-agreements" agreements with_household=true /> }.into_any()
            }}
        </section>
    }
}
