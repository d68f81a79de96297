//! One account as its administrator sees it (`/admin/users/{id}`): who it is, whether it may sign
//! in, each of its roles with a button that removes it, and its API tokens with a button that
//! revokes one; a button that deactivates the account (its sessions end, its tokens are revoked)
//! or lets it sign in again. Every button is a plain post (with or without JavaScript) answered
//! by `server::http::account_forms`, which comes back here saying what was done.

use super::id_param;
use crate::api::account::get_user_account;
use crate::components::error_view::{ActionFailedNotice, DoneNotice, ErrorNotice};
use crate::components::form::{CsrfField, PostButton};
use crate::components::table::WideTable;
use crate::components::tokens::TokenTable;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::account::UserAccount;
use shared::i18n::Msg;

/// `?done=` after deactivating the account.
pub const DONE_DEACTIVATED: &str = "deactivated";
/// `?done=` after letting the account sign in again.
pub const DONE_REACTIVATED: &str = "reactivated";
/// `?done=` after removing a role.
pub const DONE_ROLE_REMOVED: &str = "role_removed";
/// `?done=` after revoking a token.
pub const DONE_TOKEN_REVOKED: &str = "token_revoked";

/// The page.
#[component]
pub fn UserPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let account = Resource::new(
        move || id.get(),
        |id| async move { get_user_account(id?).await },
    );
    let done = use_query_map()
        .read_untracked()
        .get("done")
        .unwrap_or_default();
    view! {
        <Title text=locale.t(Msg::UserAccountTitle) />
        <nav class="breadcrumbs" aria-label=locale.t(Msg::Breadcrumbs)>
            <a href="/admin/users">{locale.t(Msg::UsersTitle)}</a>
        </nav>
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || {
                let done = done.clone();
                Suspend::new(async move {
                    match account.await {
                        Ok(account) => view! { <Account account done /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The notice for what the last post did.
fn done_notice(done: &str) -> Option<(&'static str, Msg)> {
    Some(match done {
        DONE_DEACTIVATED => ("account-deactivated", Msg::AccountDeactivated),
        DONE_REACTIVATED => ("account-reactivated", Msg::AccountReactivated),
        DONE_ROLE_REMOVED => ("role-removed", Msg::RoleRemoved),
        DONE_TOKEN_REVOKED => ("token-revoked", Msg::TokenRevoked),
        _ => return None,
    })
}

#[component]
fn Account(account: UserAccount, done: String) -> impl IntoView {
    let locale = use_locale();
    let UserAccount {
        user,
        grants,
        tokens,
        is_caller,
    } = account;
    let id = user.id;
    let notice = done_notice(&done).map(|(id, message)| view! { <DoneNotice id message /> });
    let status = locale.t(if user.is_active {
        Msg::StatusActive
    } else {
        Msg::StatusDeactivated
    });
    let own = is_caller.then(|| {
        view! { <p class="notice notice--info" id="own-account">{locale.t(Msg::OwnAccountNote)}</p> }
    });
    let access = (!is_caller).then(|| {
        let (label, hint, value, button_id) = if user.is_active {
            (
                Msg::DeactivateAccount,
                Msg::DeactivateHint,
                "false",
                "deactivate",
            )
        } else {
            (
                Msg::ReactivateAccount,
                Msg::ReactivateHint,
                "true",
                "reactivate",
            )
        };
        view! {
            <section class="panel" aria-labelledby="access-title">
                <h2 id="access-title">{locale.t(Msg::SignInAccessTitle)}</h2>
                <p class="hint">{locale.t(hint)}</p>
                <form method="post" action=format!("/admin/users/{id}/active") class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="active" value=value />
                    <button type="submit" class="button button--secondary" id=button_id>
                        {locale.t(label)}
                    </button>
                </form>
            </section>
        }
    });
    let no_roles = grants
        .is_empty()
        .then(|| view! { <p id="no-roles" class="empty">{locale.t(Msg::NoRolesLeft)}</p> });
    let grant_rows = grants
        .into_iter()
        .map(|held| {
            let remove = (!is_caller).then(|| {
                view! {
                    <PostButton
                        action=format!("/admin/users/{id}/grants/{}/revoke", held.id)
                        id=format!("remove-grant-{}", held.id)
                        label=Msg::RemoveRole
                        which=held.grant.describe(locale)
                    />
                }
            });
            view! {
                <tr id=format!("grant-row-{}", held.id)>
                    <th scope="row">{held.grant.role.name(locale)}</th>
                    <td>{held.grant.scope.describe(locale)}</td>
                    <td>{remove}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1 id="account-email">{user.email.clone()}</h1>
        <ActionFailedNotice />
        {notice}
        <dl class="facts" id="account-facts">
            <div>
                <dt>{locale.t(Msg::DisplayName)}</dt>
                <dd id="account-name">{user.display_name.clone()}</dd>
            </div>
            <div>
                <dt>{locale.t(Msg::Status)}</dt>
                <dd id="account-status">{status}</dd>
            </div>
        </dl>
        {own}
        <section class="panel" aria-labelledby="roles-title">
            <h2 id="roles-title">{locale.t(Msg::Roles)}</h2>
            {no_roles}
            <WideTable
                id="grant-table"
                caption=Msg::Roles
                headers=vec![Msg::Role, Msg::ScopeKind, Msg::Actions]
            >
                {grant_rows}
            </WideTable>
        </section>
        <section class="panel" aria-labelledby="user-tokens-title">
            <h2 id="user-tokens-title">{locale.t(Msg::ApiTokensTitle)}</h2>
            <p class="hint">{locale.t(Msg::UserTokensIntro)}</p>
            <TokenTable tokens revoke_base=format!("/admin/users/{id}/tokens") />
        </section>
        {access}
    }
}
