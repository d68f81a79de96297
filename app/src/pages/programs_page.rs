//! The programs page: every program, with a way to create one.

use crate::api::programs::list_programs;
use crate::components::error_view::ErrorNotice;
use crate::i18n::use_locale;
use crate::shell::use_me;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::i18n::Msg;

/// Lists the programs.
#[component]
pub fn ProgramsPage() -> impl IntoView {
    let locale = use_locale();
    let programs = Resource::new(|| (), |_| list_programs());
    let me = use_me();
    view! {
        <Title text=locale.t(Msg::ProgramsTitle) />
        <div class="page-header">
            <h1>{locale.t(Msg::ProgramsTitle)}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let may_create = matches!(me.await, Ok(Some(me)) if me.can_create_program);
                    may_create
                        .then(|| {
                            view! {
                                <a id="new-program-link" class="button button--primary" href="/programs/new">
                                    {locale.t(Msg::NewProgram)}
                                </a>
                            }
                        })
                })}
            </Suspense>
        </div>
        <p class="lead">{locale.t(Msg::ProgramsIntro)}</p>
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match programs.await {
                    Ok(list) if list.is_empty() => {
                        view! { <p id="no-programs" class="empty">{locale.t(Msg::NoProgramsYet)}</p> }
                            .into_any()
                    }
                    Ok(list) => {
                        view! {
                            <ul id="program-list" class="card-list">
                                {list
                                    .into_iter()
                                    .map(|program| {
                                        view! {
                                            <li class="card">
                                                <h2 class="card__title">
                                                    <a href=format!("/programs/{}", program.id)>{program.name}</a>
                                                </h2>
                                                {program
                                                    .is_demo
                                                    .then(|| {
                                                        view! {
                                                            <span class="badge badge--demo" title=locale.t(Msg::DemoDataExplained)>
                                                                {locale.t(Msg::DemoData)}
                                                            </span>
                                                        }
                                                    })}
                                                {program.description.map(|d| view! { <p class="card__text">{d}</p> })}
                                                <p class="card__meta">
                                                    {locale.t(Msg::ProjectCount)}": "{program.project_count}
                                                </p>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
