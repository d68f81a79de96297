//! The header (name, navigation, language switch) and footer around every page.

use crate::components::form::CsrfField;
use crate::i18n::{t, use_locale};
use crate::shell::use_me;
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
                            <a href="/" id="nav-programs">
                                {t(Msg::NavPrograms)}
                            </a>
                        </li>
                        <li>
                            <a href="/projects" id="nav-projects">
                                {t(Msg::NavProjects)}
                            </a>
                        </li>
                        <li>
                            <a href="/donors" id="nav-donors">
                                {t(Msg::NavDonors)}
                            </a>
                        </li>
                        <AccountLinks />
                    </ul>
                </nav>
                <LanguageSwitch />
                <AccountMenu />
            </div>
        </header>
    }
}

/// The navigation entries of a signed-in user: users and the audit trail when the roles allow
/// them (the server checks again), and the account page.
#[component]
fn AccountLinks() -> impl IntoView {
    let locale = use_locale();
    let me = use_me();
    let location = use_location();
    let current = move |prefix: &'static str| {
        move || {
            location
                .pathname
                .get()
                .starts_with(prefix)
                .then_some("page")
        }
    };
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(Some(me)) = me.await else {
                    return ().into_any();
                };
                view! {
                    {me
                        .can_manage_users
                        .then(|| {
                            view! {
                                <li>
                                    <a
                                        href="/admin/users"
                                        id="nav-users"
                                        aria-current=current("/admin/users")
                                    >
                                        {locale.t(Msg::NavUsers)}
                                    </a>
                                </li>
                                <li>
                                    <a
                                        href="/organisation"
                                        id="nav-organisation"
                                        aria-current=current("/organisation")
                                    >
                                        {locale.t(Msg::OrganisationTitle)}
                                    </a>
                                </li>
                            }
                        })}
                    {me
                        .can_view_audit
                        .then(|| {
                            view! {
                                <li>
                                    <a href="/audit" id="nav-audit" aria-current=current("/audit")>
                                        {locale.t(Msg::NavAudit)}
                                    </a>
                                </li>
                            }
                        })}
                    {me
                        .can_record_visits
                        .then(|| {
                            view! {
                                <li>
                                    <a href="/field" id="nav-field" aria-current=current("/field")>
                                        {locale.t(Msg::FieldEntryNav)}
                                    </a>
                                </li>
                            }
                        })}
                    <li>
                        <a href="/reports" id="nav-reports" aria-current=current("/reports")>
                            {locale.t(Msg::NavReports)}
                        </a>
                    </li>
                    <li>
                        <a href="/account" id="nav-account" aria-current=current("/account")>
                            {locale.t(Msg::NavAccount)}
                        </a>
                    </li>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// Who is signed in, with their roles, and the sign-out button (a plain form post).
#[component]
fn AccountMenu() -> impl IntoView {
    let locale = use_locale();
    let me = use_me();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => {
                        let mut roles: Vec<&str> = me
                            .grants
                            .iter()
                            .map(|g| g.role.name(locale))
                            .collect();
                        roles.dedup();
                        view! {
                            <div class="account-menu" id="account-menu" aria-label=locale.t(Msg::AccountMenu)>
                                <span class="account-menu__who">
                                    <span class="visually-hidden">{locale.t(Msg::SignedInAs)}" "</span>
                                    <span id="account-name">{me.display_name}</span>
                                    <span class="account-menu__roles" id="account-roles">{roles.join(", ")}</span>
                                </span>
                                <form
                                    method="post"
                                    action="/logout"
                                    class="account-menu__form"
                                    data-waiting-warning=locale.t(Msg::FieldWaitingWarning)
                                >
                                    <CsrfField />
                                    <button type="submit" id="sign-out" class="link-button">
                                        {locale.t(Msg::SignOut)}
                                    </button>
                                </form>
                            </div>
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <a id="sign-in-link" href="/login">
                                {locale.t(Msg::SignIn)}
                            </a>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
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
                            format!("/lang/{}?back={}", locale.code(), shared::format::url_component(&back))
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

/// The page footer.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{t(Msg::Footer)}</p>
        </footer>
    }
}
