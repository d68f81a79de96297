//! A program's dashboard (`/programs/:id/outcomes`): its outcomes, beneficiaries, results,
//! income transition, funding and map for the period, municipality and donor in the address,
//! over the projects whose household records the reader may see.

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
pub fn ProgramOutcomesPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let (query, data) = use_dashboard(DashboardKind::Program);
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
                                <a href="/">{locale.t(Msg::ProgramsTitle)}</a>
                                " › "
                                <a href=format!("/programs/{id}")>{subject}</a>
                            </nav>
                            <h1>{title}</h1>
                            <p class="lead">{locale.t(Msg::DashboardIntro)}</p>
                            <DashboardView
                                page
                                typed=query.get_untracked()
                                path=format!("/programs/{id}/outcomes")
                                files=format!("/api/v1/programs/{id}/dashboard")
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
