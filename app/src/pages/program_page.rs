//! A program's page: what it is and its projects.

use super::id_param;
use crate::api::programs::get_program;
use crate::api::projects::list_drafts;
use crate::components::error_view::ErrorNotice;
use crate::i18n::use_locale;
use crate::pages::project_page::DraftList;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::country::Country;
use shared::i18n::Msg;
use shared::{format, project::ProjectSummary};

/// One program and its projects.
#[component]
pub fn ProgramPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let detail = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id?;
            let detail = get_program(id).await?;
            let drafts: Vec<shared::draft::Draft> = list_drafts()
                .await?
                .into_iter()
                .filter(|d| d.program_id == id && d.project_id.is_none())
                .collect();
            Ok::<_, crate::error::AppError>((detail, drafts))
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok((detail, drafts)) => {
                        let program = detail.program;
                        view! {
                            <Title text=program.name.clone() />
                            <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
                                <a href="/">{locale.t(Msg::ProgramsTitle)}</a>
                            </nav>
                            <div class="page-header">
                                <h1>{program.name.clone()}</h1>
                                {detail
                                    .can_create_project
                                    .then(|| {
                                        view! {
                                            <a
                                                id="new-project-link"
                                                class="button button--primary"
                                                href=format!("/programs/{}/projects/new", program.id)
                                            >
                                                {locale.t(Msg::NewProject)}
                                            </a>
                                        }
                                    })}
                            </div>
                            {program
                                .is_demo
                                .then(|| {
                                    view! {
                                        <p class="badge badge--demo">{locale.t(Msg::DemoDataExplained)}</p>
                                    }
                                })}
                            {program.description.map(|d| view! { <p class="lead">{d}</p> })}
                            <DraftList drafts />
                            <h2>{locale.t(Msg::ProjectsTitle)}</h2>
                            {if detail.projects.is_empty() {
                                view! { <p id="no-projects" class="empty">{locale.t(Msg::NoProjectsYet)}</p> }
                                    .into_any()
                            } else {
                                view! {
                                    <ul id="project-list" class="card-list">
                                        {detail.projects.into_iter().map(project_card).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn project_card(project: ProjectSummary) -> impl IntoView {
    let locale = use_locale();
    let country = Country::from_code(&project.country)
        .map(|c| c.name(locale))
        .unwrap_or_default();
    view! {
        <li class="card">
            <h3 class="card__title">
                <a href=format!("/projects/{}", project.id)>{project.name}</a>
            </h3>
            <p class="card__meta">
                {project.kind.name(locale)}" · "{country}" · "
                {format::date(project.start_date, locale)}" – "{format::date(project.end_date, locale)}
            </p>
            <p class="card__meta">
                {locale.t(Msg::TotalPlanned)}": "
                {format::decimal(project.total_planned_hectares, locale)}" "
                {locale.t(Msg::HectaresUnit)}
            </p>
        </li>
    }
}
