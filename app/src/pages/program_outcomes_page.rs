//! A program's outcomes (`/programs/:id/outcomes`): the charts of its outcomes quarter by
//! quarter over the projects whose household records the reader may see.

use super::id_param;
use crate::api::outcomes::get_program_outcomes;
use crate::components::error_view::ErrorNotice;
use crate::components::outcomes::OutcomeCharts;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::i18n::Msg;

/// The page.
#[component]
pub fn ProgramOutcomesPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        move |id| async move { get_program_outcomes(id?, locale).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        let id = id.get_untracked().unwrap_or_default();
                        let title = format!("{} · {}", locale.t(Msg::OutcomesTitle), page.series.subject);
                        let files = format!("/api/v1/programs/{id}/outcomes");
                        view! {
                            <Title text=title.clone() />
                            <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
                                <a href="/">{locale.t(Msg::ProgramsTitle)}</a>
                                " › "
                                <a href=format!("/programs/{id}")>{page.series.subject.clone()}</a>
                            </nav>
                            <h1>{title}</h1>
                            <p class="lead">{locale.t(Msg::OutcomesIntro)}</p>
                            <OutcomeCharts page files />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
