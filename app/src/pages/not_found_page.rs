//! The page for addresses that lead nowhere (HTTP 404).

use crate::components::error_view::set_http_status;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::i18n::Msg;

/// "Page not found".
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let locale = use_locale();
    set_http_status(404);
    view! {
        <Title text=locale.t(Msg::NotFoundTitle) />
        <section class="notice">
            <h1>{locale.t(Msg::NotFoundTitle)}</h1>
            <p>{locale.t(Msg::NotFoundText)}</p>
            <p>
                <a href="/">{locale.t(Msg::BackToPrograms)}</a>
            </p>
        </section>
    }
}
