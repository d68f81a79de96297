//! A user's roles with where each applies, and the scrolling wrapper wide tables sit in.

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

/// A table that may be wider than a phone's screen scrolls sideways inside this region (which
/// keyboard users can focus to scroll).
#[component]
pub fn TableScroll(
    /// What the region holds, for screen readers.
    label: &'static str,
    /// The table.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-scroll" role="region" aria-label=label tabindex="0">
            {children()}
        </div>
    }
}
