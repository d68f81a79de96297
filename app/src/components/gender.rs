//! The gender view's figures, shared by a project's and a program's page.

use crate::components::table::CountsTable;
use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::format;
use shared::gender::{GenderView, MoneyByHead};
use shared::household::Members;
use shared::i18n::Msg;

fn money_table(id: &'static str, caption: Msg, rows: Vec<MoneyByHead>) -> impl IntoView {
    let locale = use_locale();
    if rows.is_empty() {
        return view! {
            <h3>{locale.t(caption)}</h3>
            <p>{locale.t(Msg::NothingRecordedYet)}</p>
        }
        .into_any();
    }
    let body = rows
        .into_iter()
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">{format!("{}, {}", m.sex.name(locale), m.age_band.name(locale))}</th>
                    <td class="num">{m.households}</td>
                    <td class="num">{format::money(m.total, &m.currency, locale)}</td>
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
                        <th scope="col">{locale.t(Msg::HeadOfHousehold)}</th>
                        <th scope="col" class="num">{locale.t(Msg::HouseholdsReached)}</th>
                        <th scope="col" class="num">{locale.t(Msg::Amount)}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The figures: households and women-headed ones, heads and beneficiaries by sex and age band,
/// support and income by head of household, cooperatives, land titles.
#[component]
pub fn GenderPanel(
    /// The figures.
    view: GenderView,
) -> impl IntoView {
    let locale = use_locale();
    let percent = view
        .women_headed_percent
        .map(|p| format!(" ({} %)", format::decimal(p, locale)))
        .unwrap_or_default();
    let coop = view.cooperatives;
    let titles = view.titles.clone();
    view! {
        <p class="lead">{locale.t(Msg::GenderIntro)}</p>
        <dl class="facts" id="gender-summary">
            <div><dt>{locale.t(Msg::HouseholdsTakingPart)}</dt><dd id="gender-households">{view.households}</dd></div>
            <div><dt>{locale.t(Msg::WomenHeaded)}</dt><dd id="gender-women-headed">{format!("{}{percent}", view.women_headed)}</dd></div>
            <div><dt>{locale.t(Msg::HouseholdsInCooperative)}</dt>
            <dd id="gender-in-cooperative">{format!("{} / {}", view.in_cooperative.0, view.in_cooperative.1)}</dd></div>
        </dl>
        <CountsTable id="gender-heads" caption=Msg::HeadsBySexAge counts=Members::from_cells(&view.heads) />
        <CountsTable id="gender-beneficiaries" caption=Msg::Beneficiaries counts=Members::from_cells(&view.beneficiaries) />
        {money_table("gender-support", Msg::SupportByHead, view.support.clone())}
        {money_table("gender-income", Msg::IncomeByHead, view.income.clone())}
        <div class="table-scroll" role="region" aria-label=locale.t(Msg::CooperativesTitle) tabindex="0">
            <table class="table" id="gender-cooperatives">
                <caption>{locale.t(Msg::CooperativesTitle)}</caption>
                <thead>
                    <tr>
                        <td></td>
                        <th scope="col" class="num">{locale.t(Msg::Women)}</th>
                        <th scope="col" class="num">{locale.t(Msg::Men)}</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">{locale.t(Msg::CooperativeMembersRow)}</th>
                        <td class="num">{coop.members_female}</td>
                        <td class="num">{coop.members_male}</td>
                    </tr>
                    <tr>
                        <th scope="row">{locale.t(Msg::CooperativeLeadersRow)}</th>
                        <td class="num">{coop.leaders_female}</td>
                        <td class="num">{coop.leaders_male}</td>
                    </tr>
                </tbody>
            </table>
        </div>
        <div class="table-scroll" role="region" aria-label=locale.t(Msg::TitlesBySexTitle) tabindex="0">
            <table class="table" id="gender-titles">
                <caption>{locale.t(Msg::TitlesBySexTitle)}</caption>
                <tbody>
                    {[
                        (shared::household::TitleHolder::Woman.name(locale), titles.woman),
                        (shared::household::TitleHolder::Man.name(locale), titles.man),
                        (shared::household::TitleHolder::Joint.name(locale), titles.joint),
                        (shared::household::TitleHolder::Collective.name(locale), titles.collective),
                        (locale.t(Msg::NoTitle), titles.none),
                    ]
                        .into_iter()
                        .map(|(label, n)| view! { <tr><th scope="row">{label}</th><td class="num">{n}</td></tr> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
