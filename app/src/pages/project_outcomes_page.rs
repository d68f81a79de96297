//! A project's outcomes tab (`/projects/:id/outcomes`): quarter by quarter from its start,
//! illicit against licit hectares on its plots and the hectares committed in eradication
//! agreements against those verified eradicated, each chart with its numbers and its downloads
//! as SVG and CSV. For readers of the project's household records.

use super::id_param;
use crate::api::outcomes::{OutcomesPage, get_project_outcomes};
use crate::components::error_view::ErrorNotice;
use crate::components::outcomes::OutcomeCharts;
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::i18n::Msg;

/// The outcomes tab.
#[component]
pub fn ProjectOutcomesPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        move |id| async move { get_project_outcomes(id?, locale).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <OutcomesTab page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OutcomesTab(page: OutcomesPage) -> impl IntoView {
    let locale = use_locale();
    let Some(head) = page.head.clone() else {
        return ().into_any();
    };
    let files = format!("/api/v1/projects/{}/outcomes", head.project.id);
    view! {
        <ProjectHeader head tab=ProjectTab::Outcomes />
        <p class="lead">{locale.t(Msg::OutcomesIntro)}</p>
        <OutcomeCharts page files />
    }
    .into_any()
}
