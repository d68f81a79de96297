//! A project's gender view (`/projects/:id/gender`).

use super::id_param;
use crate::api::households::get_project_gender;
use crate::components::error_view::ErrorNotice;
use crate::components::gender::GenderPanel;
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::i18n::Msg;

/// The page.
#[component]
pub fn ProjectGenderPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { get_project_gender(id?).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        view! {
                            <Title text=locale.t(Msg::GenderTitle) />
                            <ProjectHeader head=page.head tab=ProjectTab::Households />
                            <section class="panel" aria-labelledby="gender-heading">
                                <h2 id="gender-heading">{locale.t(Msg::GenderTitle)}</h2>
                                <GenderPanel view=page.view />
                            </section>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
