//! A donor's dashboard (`/donors/:id/dashboard`): the outcomes, beneficiaries, results, income
//! transition, funding and map of the projects it funds, for the period and municipality in the
//! address. A donor viewer reads its own donor's, protected like a donor report: counts under 5
//! withheld, no names, no plots.

use super::id_param;
use crate::components::dashboard::{DashboardView, use_dashboard};
use crate::components::error_view::ErrorNotice;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::dashboard::DashboardKind;
use shared::i18n::Msg;

/// The page.
#[component]
pub fn DonorDashboardPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let (query, data) = use_dashboard(DashboardKind::Donor);
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        let id = id.get_untracked().unwrap_or_default();
                        let subject = page.dashboard.subject.clone();
                        let title = format!("{} · {subject}", locale.t(Msg::DashboardTitle));
                        view! {
                            <Title text=title.clone() />
                            <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
                                <a href="/donors">{locale.t(Msg::DonorsTitle)}</a>
                                " › "
                                <a href=format!("/donors/{id}")>{subject}</a>
                            </nav>
                            <h1>{title}</h1>
                            <p class="lead">{locale.t(Msg::DashboardIntro)}</p>
                            <DashboardView
                                page
                                typed=query.get_untracked()
                                path=format!("/donors/{id}/dashboard")
                                files=format!("/api/v1/donors/{id}/dashboard")
                            />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
