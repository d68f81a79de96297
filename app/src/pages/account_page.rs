//! The signed-in user's own account: who they are and with which roles, a form to change the
//! password, and their API tokens (list, create — the secret shown once —, revoke). Every form is
//! a plain post (with or without JavaScript) answered by `server::http::accounts`'s page handlers.

use crate::api::account::list_tokens;
use crate::components::error_view::{ActionFailedNotice, DoneNotice, ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::grants::GrantList;
use crate::components::tokens::TokenTable;
use crate::error::AppError;
use crate::i18n::use_locale;
use crate::shell::use_me;
use crate::submission::Made;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::account::{ApiToken, CreatedToken, PasswordForm, TokenInput};
use shared::auth::{Me, PASSWORD_MAX};
use shared::i18n::{Locale, Msg};
use shared::program::NAME_MAX;

/// `?done=` after changing the password.
pub const DONE_PASSWORD: &str = "password_changed";
/// `?done=` after revoking a token.
pub const DONE_REVOKED: &str = "token_revoked";

fn password_field_id(field: &str) -> String {
    match field {
        "current_password" => "password-current",
        "password_repeat" => "password-repeat",
        _ => "password-new",
    }
    .to_owned()
}

fn password_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "current_password" => Msg::CurrentPassword,
            "password_repeat" => Msg::PasswordRepeat,
            _ => Msg::NewPassword,
        })
        .to_owned()
}

fn token_field_id(field: &str) -> String {
    match field {
        "role" => "token-role",
        "projects" => "token-projects",
        _ => "token-name",
    }
    .to_owned()
}

fn token_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "role" => Msg::Role,
            "projects" => Msg::TokenProjects,
            _ => Msg::TokenName,
        })
        .to_owned()
}

/// The user's API tokens, loading.
type TokenResource = Resource<Result<Vec<ApiToken>, AppError>>;

/// "Your account".
#[component]
pub fn AccountPage() -> impl IntoView {
    let locale = use_locale();
    let me = use_me();
    // Made here, outside the suspense, so that it loads once.
    let tokens = Resource::new(|| (), |_| list_tokens());
    let done = use_query_map()
        .read_untracked()
        .get("done")
        .unwrap_or_default();
    view! {
        <Title text=locale.t(Msg::AccountTitle) />
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || {
                let done = done.clone();
                Suspend::new(async move {
                    match me.await {
                        Ok(Some(me)) => view! { <AccountSections me done tokens /> }.into_any(),
                        Ok(None) => {
                            view! { <ErrorNotice error=AppError::Unauthorized /> }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The page's content once the user is known.
#[component]
fn AccountSections(me: Me, done: String, tokens: TokenResource) -> impl IntoView {
    let locale = use_locale();
    let mut roles: Vec<_> = me.grants.iter().map(|g| g.role).collect();
    roles.sort_unstable();
    roles.dedup();
    let role_options = roles
        .into_iter()
        .map(|r| (r.code().to_owned(), r.name(locale).to_owned()))
        .collect();
    view! {
        <h1>{locale.t(Msg::AccountTitle)}</h1>
        <ActionFailedNotice />
        {(done == DONE_PASSWORD)
            .then(|| view! { <DoneNotice id="password-changed" message=Msg::PasswordChanged /> })}
        {(done == DONE_REVOKED)
            .then(|| view! { <DoneNotice id="token-revoked" message=Msg::TokenRevoked /> })}
        <dl class="facts" id="account-facts">
            <div>
                <dt>{locale.t(Msg::DisplayName)}</dt>
                <dd id="me-name">{me.display_name}</dd>
            </div>
            <div>
                <dt>{locale.t(Msg::Email)}</dt>
                <dd id="me-email">{me.email}</dd>
            </div>
            <div>
                <dt>{locale.t(Msg::Roles)}</dt>
                <dd>
                    <GrantList grants=me.grants id="me-grants" />
                </dd>
            </div>
        </dl>
        <PasswordSection />
        <TokenSection role_options tokens />
    }
}

/// "Change your password": current, new, new again. Nothing typed is sent back.
#[component]
fn PasswordSection() -> impl IntoView {
    let locale = use_locale();
    let (_, state) = FormState::from_submission::<PasswordForm>();
    let errors = state.errors;
    view! {
        <section class="panel" aria-labelledby="password-title">
            <h2 id="password-title">{locale.t(Msg::ChangePasswordTitle)}</h2>
            <p class="hint" id="password-intro">{locale.t(Msg::PasswordChangeIntro)}</p>
            <form
                id="password-form"
                class="form form--plain"
                method="post"
                action="/account/password"
                novalidate
            >
                <CsrfField />
                <ErrorSummary
                    errors
                    general=state.general
                    field_id=password_field_id
                    field_label=password_field_label
                    id="password-errors"
                />
                <TextField
                    id="password-current"
                    name="current_password"
                    label=Msg::CurrentPassword
                    kind="password"
                    autocomplete="current-password"
                    value=""
                    errors
                    required=true
                    maxlength=PASSWORD_MAX
                />
                <TextField
                    id="password-new"
                    name="password"
                    label=Msg::NewPassword
                    hint=Msg::NewPasswordHint
                    kind="password"
                    autocomplete="new-password"
                    value=""
                    errors
                    required=true
                    maxlength=PASSWORD_MAX
                />
                <TextField
                    id="password-repeat"
                    name="password_repeat"
                    label=Msg::PasswordRepeat
                    kind="password"
                    autocomplete="new-password"
                    value=""
                    errors
                    required=true
                    maxlength=PASSWORD_MAX
                />
                <div class="form__actions">
                    <button id="password-submit" type="submit" class="button button--primary">
                        {locale.t(Msg::ChangePassword)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// "API tokens": the secret just made (once), the list, and the form that makes one.
#[component]
fn TokenSection(role_options: Vec<(String, String)>, tokens: TokenResource) -> impl IntoView {
    let locale = use_locale();
    let made = use_context::<Made<CreatedToken>>();
    let (initial, state) = FormState::from_submission::<TokenInput>();
    let errors = state.errors;
    view! {
        <section class="panel" aria-labelledby="tokens-title">
            <h2 id="tokens-title">{locale.t(Msg::ApiTokensTitle)}</h2>
            <p class="hint">{locale.t(Msg::ApiTokensIntro)}</p>
            {made.map(|Made(created)| view! { <TokenSecret created /> })}
            <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(list) => {
                            view! { <TokenTable tokens=list revoke_base="/account/tokens".to_owned() /> }
                                .into_any()
                        }
                        Err(error) => {
                            view! {
                                <p class="field-error" role="alert">
                                    {error.message(locale)}
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
            <h3 id="new-token-title">{locale.t(Msg::CreateTokenTitle)}</h3>
            <form
                id="token-form"
                class="form form--plain"
                method="post"
                action="/account/tokens"
                aria-labelledby="new-token-title"
                novalidate
            >
                <CsrfField />
                <ErrorSummary
                    errors
                    general=state.general
                    field_id=token_field_id
                    field_label=token_field_label
                    id="token-errors"
                />
                <TextField
                    id="token-name"
                    name="name"
                    label=Msg::TokenName
                    hint=Msg::TokenNameHint
                    autocomplete="off"
                    value=initial.name
                    errors
                    required=true
                    maxlength=NAME_MAX
                />
                <SelectField
                    id="token-role"
                    name="role"
                    label=Msg::Role
                    options=role_options
                    selected=initial.role
                    errors
                    placeholder=Msg::ChooseRole
                    required=true
                />
                <TextField
                    id="token-projects"
                    name="projects"
                    label=Msg::TokenProjects
                    hint=Msg::TokenProjectsHint
                    autocomplete="off"
                    value=initial.projects
                    errors
                />
                <div class="form__actions">
                    <button id="token-submit" type="submit" class="button button--primary">
                        {locale.t(Msg::CreateToken)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The secret of the token just made: shown here once, stored nowhere.
#[component]
fn TokenSecret(created: CreatedToken) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div
            class="notice notice--success"
            id="token-created"
            role="status"
            aria-labelledby="token-created-title"
        >
            <h3 id="token-created-title">
                {locale.t(Msg::TokenCreatedTitle)}": “"{created.token.name}"”"
            </h3>
            <p class="secret">
                <code id="token-secret">{created.secret}</code>
            </p>
            <p>{locale.t(Msg::TokenShownOnce)}</p>
        </div>
    }
}
