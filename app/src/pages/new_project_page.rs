//! The page that creates a project in a program (or continues a draft of one).

use super::{draft_param, id_param};
use crate::api::programs::get_program;
use crate::api::projects::get_project_form_context;
use crate::components::error_view::ErrorNotice;
use crate::components::project_form::{ProjectFormMode, ProjectFormView};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::i18n::Msg;

/// "Create a project".
#[component]
pub fn NewProjectPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let draft = draft_param();
    let data = Resource::new(
        move || (id.get(), draft.get()),
        |(id, draft)| async move {
            let program = get_program(id?).await?;
            let context = get_project_form_context(draft).await?;
            Ok::<_, crate::error::AppError>((program, context))
        },
    );
    view! {
        <Title text=locale.t(Msg::NewProjectTitle) />
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((detail, context)) => {
                        let program = detail.program;
                        let initial = context.draft.as_ref().map(|d| d.form.clone()).unwrap_or_default();
                        view! {
                            <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
                                <a href="/">{locale.t(Msg::ProgramsTitle)}</a>
                                " › "
                                <a href=format!("/programs/{}", program.id)>{program.name.clone()}</a>
                            </nav>
                            <h1>{locale.t(Msg::NewProjectTitle)}</h1>
                            <p class="lead">{locale.t(Msg::InProgram)}": "{program.name}</p>
                            <ProjectFormView
                                mode=ProjectFormMode::New {
                                    program_id: program.id,
                                }
                                initial
                                donors=context.donors
                                draft=context.draft
                                cancel_href=format!("/programs/{}", program.id)
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
