//! Wide data tables: a caption, column headers and rows, inside a region that scrolls sideways
//! on a phone-sized screen (and that keyboard users can focus to scroll).

use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::i18n::Msg;

/// A table with a caption (shown, or only for screen readers) and one header per column.
#[component]
pub fn WideTable(
    /// The table's id.
    id: &'static str,
    /// The caption, also the scrolling region's name.
    caption: Msg,
    /// Whether the caption is shown (otherwise only screen readers hear it).
    #[prop(optional)]
    caption_visible: bool,
    /// The column headers.
    headers: Vec<Msg>,
    /// The rows (`<tr>` elements).
    children: Children,
) -> impl IntoView {
    let locale = use_locale();
    let caption_class = (!caption_visible).then_some("visually-hidden");
    view! {
        <div class="table-scroll" role="region" aria-label=locale.t(caption) tabindex="0">
            <table id=id class="table table--wide">
                <caption class=caption_class>{locale.t(caption)}</caption>
                <thead>
                    <tr>
                        {headers
                            .into_iter()
                            .map(|h| view! { <th scope="col">{locale.t(h)}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

/// A table of counts by sex (rows) and age band (columns), with each sex's total: household
/// members, attendance, beneficiaries.
#[component]
pub fn CountsTable(
    /// The table's id.
    id: &'static str,
    /// The caption, also the scrolling region's name.
    caption: Msg,
    /// The counts.
    counts: shared::household::Members,
) -> impl IntoView {
    use shared::indicator::{AgeBand, Sex};
    let locale = use_locale();
    let rows = Sex::ALL
        .iter()
        .map(|sex| {
            let cells = AgeBand::ALL
                .iter()
                .map(|age| view! { <td class="num">{counts.get(*sex, *age)}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{sex.name(locale)}</th>
                    {cells}
                    <td class="num">{counts.of_sex(*sex)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" aria-label=locale.t(caption) tabindex="0">
            <table class="table" id=id>
                <caption>{locale.t(caption)}</caption>
                <thead>
                    <tr>
                        <td></td>
                        {AgeBand::ALL
                            .iter()
                            .map(|a| view! { <th scope="col">{a.name(locale)}</th> })
                            .collect_view()}
                        <th scope="col">{locale.t(Msg::Total)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
