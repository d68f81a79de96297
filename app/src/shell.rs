//! The HTML document around every page, and the router.

use crate::components::layout::{Footer, Header};
use crate::i18n::{provide_locale, t};
use crate::pages::{
    new_program_page::NewProgramPage, new_project_page::NewProjectPage,
    not_found_page::NotFoundPage, program_page::ProgramPage, programs_page::ProgramsPage,
    project_page::ProjectPage,
};
use crate::submission::PlainFormResponse;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};
use shared::i18n::Msg;

/// The whole HTML document, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = provide_locale();
    // A page answering a plain form post is used without WebAssembly: leave the scripts out.
    let hydrate = use_context::<PlainFormResponse>().is_none();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                {hydrate.then(|| view! { <HydrationScripts options=options.clone() /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: layout and routes. Every route renders fully on the server before it is
/// sent (`SsrMode::Async`), so pages work before, or without, their WebAssembly.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_locale();
    mark_hydrated();
    view! {
        <Stylesheet id="sembrar" href="/pkg/sembrar.css" />
        <Title formatter=|page: String| {
            if page.is_empty() { "Sembrar".to_owned() } else { format!("{page} · Sembrar") }
        } />
        <Router>
            <a class="skip-link" href="#main">{t(Msg::SkipToContent)}</a>
            <Header />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=ProgramsPage ssr=SsrMode::Async />
                    <Route path=path!("/programs") view=ProgramsPage ssr=SsrMode::Async />
                    <Route path=path!("/programs/new") view=NewProgramPage ssr=SsrMode::Async />
                    <Route path=path!("/programs/:id") view=ProgramPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/programs/:id/projects/new")
                        view=NewProjectPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/projects/:id") view=ProjectPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// Marks `<body data-hydrated="true">` once the WebAssembly runs: tests and styles can tell a
/// hydrated page from a server-rendered one.
fn mark_hydrated() {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
