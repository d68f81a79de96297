//! A project's dashboard tab (`/projects/:id/outcomes`): its outcomes, beneficiaries, results,
//! income transition, funding and map for the period, municipality and donor in the address,
//! each chart with its numbers and its downloads as SVG, PNG and CSV. For readers of the
//! project's household records.

use crate::components::dashboard::{DashboardView, use_dashboard};
use crate::components::error_view::ErrorNotice;
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::dashboard::DashboardKind;
use shared::i18n::Msg;

/// The dashboard tab.
#[component]
pub fn ProjectOutcomesPage() -> impl IntoView {
    let locale = use_locale();
    let (query, data) = use_dashboard(DashboardKind::Project);
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        let Some(head) = page.head.clone() else {
                            return ().into_any();
                        };
                        let id = head.project.id;
                        view! {
                            <ProjectHeader head tab=ProjectTab::Outcomes />
                            <p class="lead">{locale.t(Msg::DashboardIntro)}</p>
                            <DashboardView
                                page
                                typed=query.get_untracked()
                                path=format!("/projects/{id}/outcomes")
                                files=format!("/api/v1/projects/{id}/dashboard")
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
