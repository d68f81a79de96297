//! A project's household registry: the households the reader may see, filtered by community,
//! status or code (a plain GET form, so it works without JavaScript and can be bookmarked), with
//! members by sex, indigenous status, cooperative, tenure and status; names and phone numbers
//! only for the roles that may see personal data.

use super::id_param;
use crate::api::households::{RegistryPage, get_household_registry};
use crate::components::error_view::ErrorNotice;
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::components::table::WideTable;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::format;
use shared::household::{HouseholdFilter, HouseholdStatus, Members};
use shared::i18n::Msg;
use shared::indicator::Sex;

/// The CSS class of a household status badge.
pub fn household_status_class(status: HouseholdStatus) -> &'static str {
    match status {
        HouseholdStatus::Enrolled => "badge badge--planning",
        HouseholdStatus::Active => "badge badge--ok",
        HouseholdStatus::Suspended => "badge badge--warning",
        HouseholdStatus::Withdrawn => "badge badge--done",
    }
}

/// The registry tab of a project.
#[component]
pub fn ProjectHouseholdsPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let map = query.read();
        let pairs: Vec<(String, String)> = ["community", "status", "code"]
            .iter()
            .filter_map(|k| map.get(k).map(|v| ((*k).to_owned(), v)))
            .collect();
        HouseholdFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    });
    let data = Resource::new(
        move || (id.get(), filter.get()),
        |(id, filter)| async move {
            get_household_registry(id?, filter.community, filter.status, filter.code).await
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Registry page filter=filter.get_untracked() /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn members_text(members: &Members) -> String {
    format!(
        "{} ({} / {})",
        members.total(),
        members.of_sex(Sex::Female),
        members.of_sex(Sex::Male)
    )
}

#[component]
fn Registry(page: RegistryPage, filter: HouseholdFilter) -> impl IntoView {
    let locale = use_locale();
    let project_id = page.head.project.id;
    let registry = page.registry;
    let personal = registry.shows_personal_data;
    let filtered = filter != HouseholdFilter::default();
    let count = registry.households.len();
    let rows = registry
        .households
        .iter()
        .map(|h| {
            let members = Members::from_cells(&h.members);
            let coop = h.cooperative.clone().map(|name| {
                format!(
                    "{name} ({} / {})",
                    h.cooperative_counts.members_female, h.cooperative_counts.members_male
                )
            });
            let tenure = match h.title_holder {
                Some(holder) => format!("{} · {}", h.land_tenure.name(locale), holder.name(locale)),
                None => h.land_tenure.name(locale).to_owned(),
            };
            let personal_cells = personal.then(|| {
                let data = h.personal.clone().unwrap_or_default();
                view! {
                    <td>{data.name.unwrap_or_default()}</td>
                    <td>{data.phone.unwrap_or_default()}</td>
                }
            });
            view! {
                <tr>
                    <th scope="row">
                        <a class="household-code" href=format!("/households/{}", h.id)>{h.code.clone()}</a>
                    </th>
                    <td>{h.community_name.clone()}</td>
                    <td>{format!("{}, {}", h.head_sex.name(locale), h.head_age_band.name(locale))}</td>
                    <td class="num">{members_text(&members)}</td>
                    <td>{locale.t(if h.indigenous { Msg::Yes } else { Msg::No })}</td>
                    <td>{coop.unwrap_or_else(|| "—".to_owned())}</td>
                    <td>{tenure}</td>
                    <td>{format::date(h.enrolled_on, locale)}</td>
                    <td>
                        <span class=household_status_class(h.status)>{h.status.name(locale)}</span>
                        " "
                        {locale.t(Msg::StatusSince)}
                        " "
                        {format::date(h.status_since, locale)}
                    </td>
                    {personal_cells}
                </tr>
            }
        })
        .collect_view();
    let mut headers = vec![
        Msg::HouseholdCode,
        Msg::Community,
        Msg::HeadOfHousehold,
        Msg::MembersColumn,
        Msg::IndigenousHousehold,
        Msg::CooperativeColumn,
        Msg::LandTenureLabel,
        Msg::EnrolledOn,
        Msg::HouseholdStatusLabel,
    ];
    if personal {
        headers.extend([Msg::PersonName, Msg::Phone]);
    }
    let communities = registry.communities.clone();
    let can_register = !registry.can_register_in.is_empty();
    let is = |current: &str, value: &str| current == value;
    view! {
        <ProjectHeader head=page.head tab=ProjectTab::Households />
        <section class="panel" aria-labelledby="households-heading">
            <h2 id="households-heading">{locale.t(Msg::HouseholdsTitle)}</h2>
            <p class="lead">{locale.t(Msg::HouseholdsIntro)}</p>
            {(!personal).then(|| view! { <p class="hint" id="personal-data-hidden">{locale.t(Msg::PersonalDataHidden)}</p> })}
            <p>
                <a id="project-agreements-link" href=format!("/projects/{project_id}/agreements")>
                    {locale.t(Msg::AllAgreementsLink)}
                </a>
                " · "
                <a id="project-reports-link" href=format!("/projects/{project_id}/reports")>
                    {locale.t(Msg::ActivityReportsLink)}
                </a>
                " · "
                <a id="project-gender-link" href=format!("/projects/{project_id}/gender")>
                    {locale.t(Msg::GenderLink)}
                </a>
                {can_register.then(|| view! {
                    " · "
                    <a id="project-imports-link" href=format!("/projects/{project_id}/imports")>
                        {locale.t(Msg::ImportsLink)}
                    </a>
                })}
            </p>
            {can_register
                .then(|| {
                    view! {
                        <p>
                            <a
                                id="register-household-link"
                                class="button button--primary"
                                href=format!("/projects/{project_id}/households/new")
                            >
                                {locale.t(Msg::RegisterHousehold)}
                            </a>
                        </p>
                    }
                })}
            <form id="household-filters" class="form filters" method="get" action=format!("/projects/{project_id}/households")>
                <div class="form__row">
                    <div class="field">
                        <label for="filter-community">{locale.t(Msg::Community)}</label>
                        <select id="filter-community" name="community">
                            <option value="">{locale.t(Msg::AnyOption)}</option>
                            {communities
                                .iter()
                                .map(|c| {
                                    let value = c.id.to_string();
                                    let selected = is(&filter.community, &value);
                                    view! { <option value=value selected=selected>{c.name.clone()}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-status">{locale.t(Msg::HouseholdStatusLabel)}</label>
                        <select id="filter-status" name="status">
                            <option value="">{locale.t(Msg::AnyOption)}</option>
                            {HouseholdStatus::ALL
                                .iter()
                                .map(|s| {
                                    let selected = is(&filter.status, s.code());
                                    view! { <option value=s.code() selected=selected>{s.name(locale)}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-code">{locale.t(Msg::HouseholdCode)}</label>
                        <input
                            type="search"
                            id="filter-code"
                            name="code"
                            value=filter.code.clone()
                            autocomplete="off"
                            aria-describedby="filter-code-hint"
                        />
                        <p class="hint" id="filter-code-hint">{locale.t(Msg::HouseholdCodeHint)}</p>
                    </div>
                </div>
                <div class="form__actions">
                    <button type="submit" class="button button--secondary">{locale.t(Msg::ApplyFilters)}</button>
                    {filtered
                        .then(|| {
                            view! {
                                <a href=format!("/projects/{project_id}/households")>{locale.t(Msg::ClearFilters)}</a>
                            }
                        })}
                </div>
            </form>
            {if count == 0 {
                let empty = if filtered { Msg::NoHouseholdsMatch } else { Msg::NoHouseholdsYet };
                view! { <p class="empty" id="no-households">{locale.t(empty)}</p> }.into_any()
            } else {
                view! {
                    <p id="households-count">{count}" "{locale.t(Msg::HouseholdsShown)}</p>
                    <WideTable id="households" caption=Msg::HouseholdsTitle headers>
                        {rows}
                    </WideTable>
                }
                    .into_any()
            }}
        </section>
    }
}
