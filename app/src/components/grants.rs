//! A user's roles with where each applies.

use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::auth::Grant;

/// The grants as a list: "Field monitor · Project 4", one per line.
#[component]
pub fn GrantList(
    /// The grants to show.
    grants: Vec<Grant>,
    /// The list's id, if it needs one.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <ul class="grant-list" id=id>
            {grants.into_iter().map(|g| view! { <li>{g.describe(locale)}</li> }).collect_view()}
        </ul>
    }
}
