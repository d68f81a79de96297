//! User administration: the accounts the signed-in administrator manages, a form that creates
//! an account and shows its one-time invitation link, and a button per account for a new link.
//! Every form is a plain post (with or without JavaScript) answered by `server::http::accounts`'s
//! page handlers: the link is shown once, in the page answering the post, and stored nowhere.

use crate::api::account::list_users;
use crate::components::error_view::{ActionFailedNotice, ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextField};
use crate::components::form::{CsrfField, FormState, PostButton};
use crate::components::grants::GrantList;
use crate::components::table::WideTable;
use crate::i18n::use_locale;
use crate::submission::{InvitationLink, Made};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::account::{NewUserForm, UserSummary};
use shared::auth::{Role, Scope};
use shared::format;
use shared::i18n::{Locale, Msg};
use shared::program::NAME_MAX;

/// The id of the input for a field of the new-account form.
pub fn user_field_id(field: &str) -> String {
    format!("user-{}", field.replace('_', "-"))
}

/// The label of a field of the new-account form, for the error summary.
pub fn user_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "email" => Msg::Email,
            "display_name" => Msg::DisplayName,
            "role" => Msg::Role,
            "scope_kind" => Msg::ScopeKind,
            _ => Msg::ScopeId,
        })
        .to_owned()
}

/// The status of an account, for people, and a class for its colour.
fn status_of(user: &UserSummary) -> (Msg, &'static str) {
    if !user.is_active {
        (Msg::StatusDeactivated, "status--off")
    } else if user.is_locked {
        (Msg::StatusLocked, "status--warning")
    } else if !user.has_password {
        (Msg::StatusInvited, "status--pending")
    } else {
        (Msg::StatusActive, "status--ok")
    }
}

/// "Users".
#[component]
pub fn UsersPage() -> impl IntoView {
    let locale = use_locale();
    let users = Resource::new(|| (), |_| list_users());
    let (initial, state) = FormState::from_submission::<NewUserForm>();
    let made = use_context::<Made<InvitationLink>>();
    view! {
        <Title text=locale.t(Msg::UsersTitle) />
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || {
                let initial = initial.clone();
                let made = made.clone();
                Suspend::new(async move {
                    match users.await {
                        Ok(list) => {
                            view! {
                                <h1>{locale.t(Msg::UsersTitle)}</h1>
                                <ActionFailedNotice />
                                {made.map(|Made(link)| view! { <InvitationNotice link /> })}
                                <p class="lead">{locale.t(Msg::UsersIntro)}</p>
                                <UserTable users=list />
                                <CreateUserForm initial state />
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The one-time invitation link just made.
#[component]
fn InvitationNotice(link: InvitationLink) -> impl IntoView {
    let locale = use_locale();
    let InvitationLink { invitation, url } = link;
    view! {
        <section
            class="notice notice--success"
            id="invitation-created"
            role="status"
            aria-labelledby="invitation-title"
        >
            <h2 id="invitation-title">
                {locale.t(Msg::InvitationLinkFor)}" "
                <span id="invitation-email">{invitation.user.email}</span>
            </h2>
            <p class="secret">
                <a id="invitation-link" href=url.clone()>
                    {url.clone()}
                </a>
            </p>
            <p>{locale.t(Msg::InvitationShownOnce)}</p>
            <p class="card__meta">
                {locale.t(Msg::Expires)}": "{format::date_time(invitation.expires_at, locale)}
            </p>
        </section>
    }
}

/// Every account: email, name, roles with scopes, status, and a button for a new link.
#[component]
fn UserTable(users: Vec<UserSummary>) -> impl IntoView {
    let locale = use_locale();
    if users.is_empty() {
        return view! { <p id="no-users" class="empty">{locale.t(Msg::NoUsersYet)}</p> }.into_any();
    }
    let rows = users
        .into_iter()
        .map(|user| {
            let (status, class) = status_of(&user);
            let action = format!("/admin/users/{}/invitation", user.id);
            view! {
                <tr id=format!("user-row-{}", user.id)>
                    <th scope="row" class="user-email">
                        <a href=format!("/admin/users/{}", user.id) id=format!("user-link-{}", user.id)>
                            {user.email.clone()}
                        </a>
                    </th>
                    <td>{user.display_name}</td>
                    <td>
                        <GrantList grants=user.grants />
                    </td>
                    <td>
                        <span class=format!("status {class}")>{locale.t(status)}</span>
                    </td>
                    <td>
                        <PostButton
                            action
                            id=format!("invite-{}", user.id)
                            label=Msg::NewInvitationLink
                            which=user.email.clone()
                        />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <WideTable
            id="user-table"
            caption=Msg::AccountsTable
            caption_visible=true
            headers=vec![Msg::Email, Msg::DisplayName, Msg::Roles, Msg::Status, Msg::Actions]
        >
            {rows}
        </WideTable>
    }
    .into_any()
}

/// "Create an account": email, name, one role and where it applies.
#[component]
fn CreateUserForm(initial: NewUserForm, state: FormState) -> impl IntoView {
    let locale = use_locale();
    let errors = state.errors;
    let roles = Role::ALL
        .into_iter()
        .map(|r| (r.code().to_owned(), r.name(locale).to_owned()))
        .collect();
    let kinds = Scope::KINDS
        .into_iter()
        .map(|k| {
            let name = Scope::kind_name(k, locale).unwrap_or(k);
            (k.to_owned(), name.to_owned())
        })
        .collect();
    view! {
        <section class="panel" aria-labelledby="new-user-title">
            <h2 id="new-user-title">{locale.t(Msg::CreateAccountTitle)}</h2>
            <p class="hint">{locale.t(Msg::CreateAccountIntro)}</p>
            <form id="user-form" class="form form--plain" method="post" action="/admin/users" novalidate>
                <CsrfField />
                <ErrorSummary
                    errors
                    general=state.general
                    field_id=user_field_id
                    field_label=user_field_label
                />
                <div class="form__row">
                    <TextField
                        id="user-email"
                        name="email"
                        label=Msg::Email
                        kind="email"
                        autocomplete="off"
                        value=initial.email
                        errors
                        required=true
                        maxlength=254
                    />
                    <TextField
                        id="user-display-name"
                        name="display_name"
                        label=Msg::DisplayName
                        autocomplete="off"
                        value=initial.display_name
                        errors
                        required=true
                        maxlength=NAME_MAX
                    />
                </div>
                <div class="form__row">
                    <SelectField
                        id="user-role"
                        name="role"
                        label=Msg::Role
                        options=roles
                        selected=initial.role
                        errors
                        placeholder=Msg::ChooseRole
                        required=true
                    />
                    <SelectField
                        id="user-scope-kind"
                        name="scope_kind"
                        label=Msg::ScopeKind
                        options=kinds
                        selected=initial.scope_kind
                        errors
                        placeholder=Msg::ChooseScope
                        required=true
                    />
                </div>
                <div class="form__row">
                    <TextField
                        id="user-scope-id"
                        name="scope_id"
                        label=Msg::ScopeId
                        hint=Msg::ScopeIdHint
                        inputmode="numeric"
                        value=initial.scope_id
                        errors
                    />
                </div>
                <div class="form__actions">
                    <button id="user-submit" type="submit" class="button button--primary">
                        {locale.t(Msg::CreateAccount)}
                    </button>
                </div>
            </form>
        </section>
    }
}
