//! The header (name, navigation, language switch) and footer around every page.

use crate::i18n::{t, use_locale};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::i18n::{Locale, Msg};

/// The page header.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__name">{t(Msg::AppName)}</span>
                    <span class="brand__tagline">{t(Msg::AppTagline)}</span>
                </a>
                <nav aria-label=t(Msg::MainNavigation)>
                    <ul class="nav">
                        <li>
                            <a href="/">{t(Msg::NavPrograms)}</a>
                        </li>
                    </ul>
                </nav>
                <LanguageSwitch />
            </div>
        </header>
    }
}

/// Links to the page in each other language. They go through `/lang/{code}`, which remembers
/// the choice in a cookie and comes back here, with or without JavaScript.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let current = use_locale();
    let location = use_location();
    view! {
        <nav class="language-switch" aria-label=t(Msg::Language)>
            <ul>
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        let href = move || {
                            let back = location.pathname.get();
                            format!("/lang/{}?back={}", locale.code(), encode_component(&back))
                        };
                        if locale == current {
                            view! {
                                <li>
                                    <span aria-current="true" lang=locale.code()>
                                        {locale.native_name()}
                                    </span>
                                </li>
                            }
                                .into_any()
                        } else {
                            view! {
                                <li>
                                    <a
                                        href=href
                                        hreflang=locale.code()
                                        lang=locale.code()
                                        rel="external"
                                    >
                                        {locale.native_name()}
                                    </a>
                                </li>
                            }
                                .into_any()
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Percent-encodes a path for use as a query value.
fn encode_component(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The page footer.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{t(Msg::Footer)}</p>
        </footer>
    }
}
