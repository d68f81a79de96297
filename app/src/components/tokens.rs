//! A user's API tokens as a table (never their secrets), on the user's own account page and on
//! the page where an administrator manages the account.

use crate::components::form::PostButton;
use crate::components::table::WideTable;
use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::account::ApiToken;
use shared::format;
use shared::i18n::Msg;

/// A user's tokens, newest as the server orders them, with a button to revoke active ones.
#[component]
pub fn TokenTable(
    /// The tokens.
    tokens: Vec<ApiToken>,
    /// Where a token's revoke button posts, before `/{id}/revoke`: `/account/tokens` for the
    /// user's own, `/admin/users/{user}/tokens` for an administrator.
    revoke_base: String,
) -> impl IntoView {
    let locale = use_locale();
    if tokens.is_empty() {
        return view! { <p id="no-tokens" class="empty">{locale.t(Msg::NoTokensYet)}</p> }
            .into_any();
    }
    let rows = tokens
        .into_iter()
        .map(|token| {
            let projects = if token.projects.is_empty() {
                locale.t(Msg::WhereverTheRoleApplies).to_owned()
            } else {
                token
                    .projects
                    .iter()
                    .map(|p| format!("{} {p}", locale.t(Msg::ScopeProject)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let last_used = token.last_used_at.map_or_else(
                || locale.t(Msg::Never).to_owned(),
                |at| format::date_time(at, locale),
            );
            let revoked = token.revoked_at.is_some();
            let status = locale.t(if revoked {
                Msg::RevokedOn
            } else {
                Msg::TokenActive
            });
            let revoked_at = token.revoked_at.map(|at| {
                view! { <span class="status-date">{format::date_time(at, locale)}</span> }
            });
            let revoke = (!revoked).then(|| {
                view! {
                    <PostButton
                        action=format!("{revoke_base}/{}/revoke", token.id)
                        id=format!("revoke-{}", token.id)
                        label=Msg::Revoke
                        which=token.name.clone()
                    />
                }
            });
            view! {
                <tr id=format!("token-row-{}", token.id) class:revoked=revoked>
                    <th scope="row">{token.name.clone()}</th>
                    <td>{token.role.name(locale)}</td>
                    <td>{projects}</td>
                    <td>{format::date_time(token.created_at, locale)}</td>
                    <td>{last_used}</td>
                    <td>
                        <span class="status" class:status--ok=!revoked class:status--off=revoked>
                            {status}
                        </span>
                        {revoked_at}
                    </td>
                    <td>{revoke}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <WideTable
            id="token-table"
            caption=Msg::ApiTokensTitle
            headers=vec![Msg::TokenName, Msg::Role, Msg::TokenProjects, Msg::CreatedOn, Msg::LastUsed, Msg::Status, Msg::Actions]
        >
            {rows}
        </WideTable>
    }
    .into_any()
}
