//! The sign-in page. A plain form post (with or without JavaScript): the server checks the
//! password, starts a session and goes on to the page asked for.

use crate::components::error_view::ErrorSummary;
use crate::components::field::TextField;
use crate::components::form::FormState;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::auth::LoginForm;
use shared::i18n::{Locale, Msg};

fn login_field_id(field: &str) -> String {
    format!("login-{field}")
}

fn login_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(if field == "password" {
            Msg::Password
        } else {
            Msg::Email
        })
        .to_owned()
}

/// "Sign in to Sembrar".
#[component]
pub fn LoginPage() -> impl IntoView {
    let locale = use_locale();
    let (initial, state) = FormState::from_submission::<LoginForm>();
    let query = use_query_map();
    let next = if initial.next.is_empty() {
        query.read_untracked().get("next").unwrap_or_default()
    } else {
        initial.next.clone()
    };
    let errors = state.errors;
    view! {
        <Title text=locale.t(Msg::SignInTitle) />
        <h1>{locale.t(Msg::SignInTitle)}</h1>
        <form id="login-form" class="form form--narrow" method="post" action="/login" novalidate>
            <ErrorSummary
                errors
                general=state.general
                field_id=login_field_id
                field_label=login_field_label
            />
            <input type="hidden" name="next" value=next />
            <TextField
                id="login-email"
                name="email"
                label=Msg::Email
                kind="email"
                autocomplete="username"
                value=initial.email
                errors
                required=true
            />
            <TextField
                id="login-password"
                name="password"
                label=Msg::Password
                kind="password"
                autocomplete="current-password"
                value=""
                errors
                required=true
            />
            <div class="form__actions">
                <button id="login-submit" type="submit" class="button button--primary">
                    {locale.t(Msg::SignIn)}
                </button>
            </div>
        </form>
    }
}
