//! The page that changes a project (or continues a draft of changes to it).

use super::{draft_param, id_param};
use crate::api::projects::{get_project, get_project_form_context};
use crate::components::error_view::ErrorNotice;
use crate::components::project_form::{ProjectFormMode, ProjectFormView};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::i18n::Msg;

/// "Edit project".
#[component]
pub fn EditProjectPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let draft = draft_param();
    let data = Resource::new(
        move || (id.get(), draft.get()),
        move |(id, draft)| async move {
            let overview = get_project(id?, locale).await?;
            let context = get_project_form_context(draft).await?;
            Ok::<_, crate::error::AppError>((overview, context))
        },
    );
    view! {
        <Title text=locale.t(Msg::EditProjectTitle) />
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((overview, context)) => {
                        let project = overview.head.project;
                        if !overview.head.rights.edit {
                            return view! { <ErrorNotice error=crate::error::AppError::Forbidden /> }
                                .into_any();
                        }
                        let initial = context
                            .draft
                            .as_ref()
                            .map(|d| d.form.clone())
                            .unwrap_or_else(|| project.to_form());
                        view! {
                            <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
                                <a href="/">{locale.t(Msg::ProgramsTitle)}</a>
                                " › "
                                <a href=format!("/programs/{}", project.program_id)>
                                    {project.program_name.clone()}
                                </a>
                                " › "
                                <a href=format!("/projects/{}", project.id)>{project.name.clone()}</a>
                            </nav>
                            <h1>{locale.t(Msg::EditProjectTitle)}</h1>
                            <p class="lead">{project.name.clone()}</p>
                            <ProjectFormView
                                mode=ProjectFormMode::Edit {
                                    project_id: project.id,
                                }
                                initial
                                donors=context.donors
                                draft=context.draft
                                cancel_href=format!("/projects/{}", project.id)
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
