//! The page an invitation link opens (`/invite/{token}`, no sign-in needed): whom the link is
//! for and a form to choose a password. A plain form post (with or without JavaScript); success
//! goes on to the sign-in page. A link that is unknown, used or expired says so.

use crate::api::account::get_invitation;
use crate::components::error_view::{ErrorNotice, ErrorSummary, set_http_status};
use crate::components::field::TextField;
use crate::components::form::{CsrfField, FormState};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::account::PasswordForm;
use shared::auth::PASSWORD_MAX;
use shared::i18n::{Locale, Msg};
use shared::validation::Problem;

fn invitation_field_id(field: &str) -> String {
    if field == "password_repeat" {
        "invitation-password-repeat".to_owned()
    } else {
        "invitation-password".to_owned()
    }
}

fn invitation_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(if field == "password_repeat" {
            Msg::PasswordRepeat
        } else {
            Msg::NewPassword
        })
        .to_owned()
}

/// "Choose your password", for the person an invitation link was made for.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let email = Resource::new(move || token.get(), get_invitation);
    let (_, state) = FormState::from_submission::<PasswordForm>();
    let errors = state.errors;
    view! {
        <Title text=locale.t(Msg::InvitationTitle) />
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match email.await {
                    Ok(Some(email)) => {
                        let action = format!("/invite/{}", token.get_untracked());
                        view! {
                            <h1>{locale.t(Msg::InvitationTitle)}</h1>
                            <p class="lead">
                                {locale.t(Msg::InvitationFor)}" "
                                <strong id="invitation-email">{email}</strong>". "
                                {locale.t(Msg::InvitationIntro)}
                            </p>
                            <form
                                id="invitation-form"
                                class="form form--narrow"
                                method="post"
                                action=action
                                novalidate
                            >
                                <CsrfField />
                                <ErrorSummary
                                    errors
                                    general=state.general
                                    field_id=invitation_field_id
                                    field_label=invitation_field_label
                                />
                                <TextField
                                    id="invitation-password"
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
                                    id="invitation-password-repeat"
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
                                    <button
                                        id="invitation-submit"
                                        type="submit"
                                        class="button button--primary"
                                    >
                                        {locale.t(Msg::SetPassword)}
                                    </button>
                                </div>
                            </form>
                        }
                            .into_any()
                    }
                    Ok(None) => view! { <InvitationInvalid /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The link is unknown, used or expired.
#[component]
fn InvitationInvalid() -> impl IntoView {
    let locale = use_locale();
    set_http_status(404);
    view! {
        <section class="notice notice--error" id="invitation-invalid" role="alert">
            <h1>{locale.t(Msg::InvitationInvalidTitle)}</h1>
            <p>{Problem::InvitationInvalid.message(locale)}</p>
            <p>
                <a href="/login">{locale.t(Msg::SignIn)}</a>
            </p>
        </section>
    }
}
