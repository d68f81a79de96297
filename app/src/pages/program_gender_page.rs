//! A program's gender view (`/programs/:id/gender`): the figures over its projects whose
//! households the reader may see.

use super::id_param;
use crate::api::households::get_program_gender;
use crate::components::error_view::ErrorNotice;
use crate::components::gender::GenderPanel;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::i18n::Msg;

/// The page.
#[component]
pub fn ProgramGenderPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { get_program_gender(id?).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        let title = format!("{} — {}", locale.t(Msg::GenderTitle), page.program.name);
                        view! {
                            <Title text=title.clone() />
                            <p><a href=format!("/programs/{}", page.program.id)>{page.program.name.clone()}</a></p>
                            <section class="panel" aria-labelledby="gender-heading">
                                <h2 id="gender-heading">{title}</h2>
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
