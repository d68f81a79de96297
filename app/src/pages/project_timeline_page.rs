//! A project's timeline tab: the Gantt chart (drawn on the server), the components with their
//! activities (dates, responsible partner, budget line, status — late ones marked), the
//! milestones, and the budget lines with totals by component, in the project's currency. For
//! editors, the forms that add a component, an activity, a milestone or a budget line; `?edit=`
//! with `component-N`, `activity-N`, `milestone-N` or `budget-line-N` opens that record in its
//! form. Every form is a plain form post.

use super::id_param;
use crate::api::planning::{ProjectTimeline, get_project_timeline};
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::components::table::WideTable;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::format;
use shared::i18n::{Locale, Msg};
use shared::timeline::{
    ActivityForm, ActivityStatus, BudgetLineForm, ComponentForm, ComponentKind, MilestoneForm,
    MilestoneStatus, PartnerKind, Timeline,
};

/// The timeline tab.
#[component]
pub fn ProjectTimelinePage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let query = use_query_map();
    let edit = Memo::new(move |_| query.read().get("edit").unwrap_or_default());
    let data = Resource::new(
        move || id.get(),
        move |id| async move { get_project_timeline(id?, locale).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <TimelineTab data edit=edit.get_untracked() /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The record `?edit=kind-N` names, if it is of `kind`.
fn editing(edit: &str, kind: &str) -> Option<i64> {
    edit.strip_prefix(kind)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|id| id.parse().ok())
}

#[component]
fn TimelineTab(data: ProjectTimeline, edit: String) -> impl IntoView {
    let locale = use_locale();
    let project_id = data.head.project.id;
    let can_edit = data.head.rights.edit;
    let currency = data.head.project.currency.clone();
    let timeline = data.timeline;
    let today = data.today;
    let component_sections = timeline
        .components
        .iter()
        .map(|plan| {
            let c = &plan.component;
            let rows = plan
                .activities
                .iter()
                .map(|a| {
                    let status = a.display_status(today);
                    let line = a
                        .budget_line_id
                        .and_then(|id| timeline.budget_line(id))
                        .map(|l| format!("{} · {}", l.code, l.description))
                        .unwrap_or_default();
                    let actions = can_edit.then(|| {
                        view! {
                            <a href=format!("/projects/{project_id}/timeline?edit=activity-{}#activity-form", a.id)>
                                {locale.t(Msg::Edit)}
                            </a>
                            <form
                                class="inline-form"
                                method="post"
                                action=format!("/projects/{project_id}/activities/{}/delete", a.id)
                            >
                                <CsrfField />
                                <button type="submit" class="button button--link">
                                    {locale.t(Msg::Delete)}
                                    <span class="visually-hidden">" "{a.name.clone()}</span>
                                </button>
                            </form>
                        }
                    });
                    view! {
                        <tr id=format!("activity-{}", a.id) class:row--late=a.is_late(today)>
                            <th scope="row">{a.name.clone()}</th>
                            <td>{format::date(a.start_date, locale)}</td>
                            <td>{format::date(a.end_date, locale)}</td>
                            <td>{a.partner_label(locale)}</td>
                            <td>{line}</td>
                            <td>
                                <span class=activity_class(status)>{status.name(locale)}</span>
                            </td>
                            <td>{actions}</td>
                        </tr>
                    }
                })
                .collect_view();
            let budget = timeline
                .component_budget(Some(c.id))
                .iter()
                .map(|t| format::money(t.amount, &t.currency, locale))
                .collect::<Vec<_>>()
                .join(" + ");
            let empty = plan.activities.is_empty();
            view! {
                <section class="component" id=format!("component-{}", c.id) aria-labelledby=format!("component-{}-title", c.id)>
                    <h3 id=format!("component-{}-title", c.id)>
                        {c.name.clone()}
                        <span class="card__meta">" · "{c.kind.name(locale)}</span>
                    </h3>
                    {c.description.clone().map(|d| view! { <p>{d}</p> })}
                    <div class="card__meta">
                        {locale.t(Msg::ComponentBudget)}": "
                        {if budget.is_empty() { "—".to_owned() } else { budget }}
                        {can_edit
                            .then(|| {
                                let count = plan.activities.len();
                                view! {
                                    " · "
                                    <a href=format!("/projects/{project_id}/timeline?edit=component-{}#component-form", c.id)>
                                        {locale.t(Msg::Edit)}
                                    </a>
                                    <form
                                        class="inline-form"
                                        method="post"
                                        action=format!("/projects/{project_id}/components/{}/delete", c.id)
                                    >
                                        <CsrfField />
                                        <button type="submit" class="button button--link delete-component">
                                            {locale.t(Msg::DeleteComponent)}
                                            <span class="visually-hidden">" "{c.name.clone()}</span>
                                            {(count > 0).then(|| format!(" ({count} {})", locale.t(Msg::ActivitiesGoWithIt)))}
                                        </button>
                                    </form>
                                }
                            })}
                    </div>
                    {if empty {
                        view! { <p class="empty">{locale.t(Msg::NoActivitiesYet)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-scroll" role="region" aria-label=c.name.clone() tabindex="0">
                                <table class="table table--wide">
                                    <caption class="visually-hidden">{c.name.clone()}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{locale.t(Msg::Activity)}</th>
                                            <th scope="col">{locale.t(Msg::StartDate)}</th>
                                            <th scope="col">{locale.t(Msg::EndDate)}</th>
                                            <th scope="col">{locale.t(Msg::Partner)}</th>
                                            <th scope="col">{locale.t(Msg::BudgetLine)}</th>
                                            <th scope="col">{locale.t(Msg::ProjectStatusLabel)}</th>
                                            <th scope="col">{locale.t(Msg::Actions)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                        }
                            .into_any()
                    }}
                </section>
            }
        })
        .collect_view();
    let milestone_rows = timeline
        .milestones
        .iter()
        .map(|m| {
            let component = m
                .component_id
                .and_then(|id| timeline.component(id))
                .map(|c| c.name.clone())
                .unwrap_or_else(|| locale.t(Msg::WholeProject).to_owned());
            let actions = can_edit.then(|| {
                view! {
                    <a href=format!("/projects/{project_id}/timeline?edit=milestone-{}#milestone-form", m.id)>
                        {locale.t(Msg::Edit)}
                    </a>
                    <form
                        class="inline-form"
                        method="post"
                        action=format!("/projects/{project_id}/milestones/{}/delete", m.id)
                    >
                        <CsrfField />
                        <button type="submit" class="button button--link">
                            {locale.t(Msg::Delete)}
                            <span class="visually-hidden">" "{m.name.clone()}</span>
                        </button>
                    </form>
                }
            });
            view! {
                <tr id=format!("milestone-{}", m.id)>
                    <th scope="row">{m.name.clone()}</th>
                    <td>{format::date(m.due_date, locale)}</td>
                    <td>{component}</td>
                    <td>
                        {m.status.name(locale)}
                        {m.reached_on.map(|d| format!(" ({})", format::date(d, locale)))}
                        {m.is_overdue(today).then(|| view! { " "<span class="badge badge--warning">{locale.t(Msg::Overdue)}</span> })}
                    </td>
                    <td>{actions}</td>
                </tr>
            }
        })
        .collect_view();
    let budget_rows = timeline
        .budget_lines
        .iter()
        .map(|l| {
            let component = l
                .component_id
                .and_then(|id| timeline.component(id))
                .map(|c| c.name.clone())
                .unwrap_or_default();
            let actions = can_edit.then(|| {
                view! {
                    <a href=format!("/projects/{project_id}/timeline?edit=budget-line-{}#budget-line-form", l.id)>
                        {locale.t(Msg::Edit)}
                    </a>
                    <form
                        class="inline-form"
                        method="post"
                        action=format!("/projects/{project_id}/budget-lines/{}/delete", l.id)
                    >
                        <CsrfField />
                        <button type="submit" class="button button--link">
                            {locale.t(Msg::Delete)}
                            <span class="visually-hidden">" "{l.code.clone()}</span>
                        </button>
                    </form>
                }
            });
            view! {
                <tr id=format!("budget-line-{}", l.id)>
                    <th scope="row">{l.code.clone()}</th>
                    <td>
                        {l.description.clone()}
                        {(l.origin == shared::timeline::BudgetOrigin::BridgingSupport)
                            .then(|| view! { " "<span class="badge badge--info">{l.origin.name(locale)}</span> })}
                    </td>
                    <td>{component}</td>
                    <td class="num">{l.year.map(|y| y.to_string()).unwrap_or_default()}</td>
                    <td class="num">{format::money(l.amount, &l.currency, locale)}</td>
                    <td>{actions}</td>
                </tr>
            }
        })
        .collect_view();
    let totals = timeline
        .budget_total()
        .iter()
        .map(|t| format::money(t.amount, &t.currency, locale))
        .collect::<Vec<_>>()
        .join(" + ");
    let has_components = !timeline.components.is_empty();
    let has_milestones = !timeline.milestones.is_empty();
    let has_lines = !timeline.budget_lines.is_empty();
    view! {
        <ProjectHeader head=data.head tab=ProjectTab::Timeline />
        <section class="panel" aria-labelledby="gantt-heading">
            <h2 id="gantt-heading">{locale.t(Msg::GanttTitle)}</h2>
            <figure class="chart" id="timeline-chart">
                <div class="chart__svg" inner_html=data.gantt_svg></div>
                <figcaption>
                    {locale.t(Msg::GanttCaption)}" "
                    <a href=format!("/api/v1/projects/{project_id}/charts/timeline.svg?lang={}", locale.code())>
                        {locale.t(Msg::DownloadSvg)}
                    </a>
                </figcaption>
            </figure>
        </section>
        <section class="panel" id="components" aria-labelledby="components-heading">
            <h2 id="components-heading">{locale.t(Msg::ComponentsTitle)}</h2>
            {(!has_components).then(|| view! { <p class="empty" id="no-components">{locale.t(Msg::NoComponentsYet)}</p> })}
            {component_sections}
        </section>
        <section class="panel" id="milestones" aria-labelledby="milestones-heading">
            <h2 id="milestones-heading">{locale.t(Msg::MilestonesTitle)}</h2>
            {if has_milestones {
                view! {
                    <WideTable
                        id="milestones-table"
                        caption=Msg::MilestonesTitle
                        headers=vec![Msg::Milestone, Msg::DueDate, Msg::Component, Msg::ProjectStatusLabel, Msg::Actions]
                    >
                        {milestone_rows}
                    </WideTable>
                }
                    .into_any()
            } else {
                view! { <p class="empty">{locale.t(Msg::NoMilestonesYet)}</p> }.into_any()
            }}
        </section>
        <section class="panel" id="budget" aria-labelledby="budget-heading">
            <h2 id="budget-heading">{locale.t(Msg::BudgetTitle)}</h2>
            {if has_lines {
                view! {
                    <WideTable
                        id="budget-table"
                        caption=Msg::BudgetTitle
                        headers=vec![Msg::BudgetCode, Msg::Description, Msg::Component, Msg::Year, Msg::Amount, Msg::Actions]
                    >
                        {budget_rows}
                    </WideTable>
                    <p id="budget-total">
                        <strong>{locale.t(Msg::Total)}": "</strong>
                        {totals}
                    </p>
                }
                    .into_any()
            } else {
                view! { <p class="empty">{locale.t(Msg::NoBudgetLinesYet)}</p> }.into_any()
            }}
        </section>
        {can_edit
            .then(|| {
                view! {
                    <TimelineForms project_id timeline=timeline.clone() edit=edit.clone() currency=currency.clone() />
                }
            })}
    }
}

fn activity_class(status: ActivityStatus) -> &'static str {
    match status {
        ActivityStatus::Completed => "badge badge--ok",
        ActivityStatus::InProgress => "badge badge--planning",
        ActivityStatus::Delayed => "badge badge--warning",
        ActivityStatus::Cancelled => "badge badge--done",
        ActivityStatus::Planned => "badge",
    }
}

fn prefixed_id(prefix: &'static str) -> impl Fn(&str) -> String {
    move |field: &str| format!("{prefix}-{}", field.replace('_', "-"))
}

fn component_field_id(field: &str) -> String {
    prefixed_id("component")(field)
}
fn activity_field_id(field: &str) -> String {
    prefixed_id("activity")(field)
}
fn milestone_field_id(field: &str) -> String {
    prefixed_id("milestone")(field)
}
fn budget_field_id(field: &str) -> String {
    prefixed_id("budget")(field)
}

fn timeline_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "kind" => Msg::ComponentKind,
            "component_id" => Msg::Component,
            "description" => Msg::Description,
            "start_date" => Msg::StartDate,
            "end_date" => Msg::EndDate,
            "partner_kind" => Msg::Partner,
            "partner_name" => Msg::PartnerName,
            "budget_line_id" => Msg::BudgetLine,
            "status" => Msg::ProjectStatusLabel,
            "due_date" => Msg::DueDate,
            "reached_on" => Msg::ReachedOn,
            "code" => Msg::BudgetCode,
            "year" => Msg::Year,
            "amount" => Msg::Amount,
            _ => Msg::Name,
        })
        .to_owned()
}

#[component]
fn TimelineForms(
    project_id: i64,
    timeline: Timeline,
    edit: String,
    currency: String,
) -> impl IntoView {
    let locale = use_locale();
    let components: Vec<(String, String)> = timeline
        .components
        .iter()
        .map(|c| (c.component.id.to_string(), c.component.name.clone()))
        .collect();
    let lines: Vec<(String, String)> = timeline
        .budget_lines
        .iter()
        .map(|l| (l.id.to_string(), format!("{} · {}", l.code, l.description)))
        .collect();

    // Components
    let (c_submitted, c_state) = FormState::from_submission::<ComponentForm>();
    let c_edit = editing(&edit, "component").and_then(|id| timeline.component(id).cloned());
    let c_initial = if c_submitted != ComponentForm::default() {
        c_submitted
    } else {
        c_edit.as_ref().map(|c| c.to_form()).unwrap_or_default()
    };
    let c_action = match &c_edit {
        Some(c) => format!("/projects/{project_id}/components/{}", c.id),
        None => format!("/projects/{project_id}/components"),
    };
    let kinds: Vec<(String, String)> = ComponentKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.name(locale).to_owned()))
        .collect();

    // Activities
    let (a_submitted, a_state) = FormState::from_submission::<ActivityForm>();
    let a_edit = editing(&edit, "activity")
        .and_then(|id| timeline.activities().find(|a| a.id == id).cloned());
    let a_initial = if a_submitted != ActivityForm::default() {
        a_submitted
    } else {
        a_edit.as_ref().map(|a| a.to_form()).unwrap_or_default()
    };
    let a_action = match &a_edit {
        Some(a) => format!("/projects/{project_id}/activities/{}", a.id),
        None => format!("/projects/{project_id}/activities"),
    };
    let partners: Vec<(String, String)> = PartnerKind::ALL
        .iter()
        .map(|p| (p.code().to_owned(), p.name(locale).to_owned()))
        .collect();
    let statuses: Vec<(String, String)> = ActivityStatus::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.name(locale).to_owned()))
        .collect();

    // Milestones
    let (m_submitted, m_state) = FormState::from_submission::<MilestoneForm>();
    let m_edit = editing(&edit, "milestone")
        .and_then(|id| timeline.milestones.iter().find(|m| m.id == id).cloned());
    let m_initial = if m_submitted != MilestoneForm::default() {
        m_submitted
    } else {
        m_edit.as_ref().map(|m| m.to_form()).unwrap_or_default()
    };
    let m_action = match &m_edit {
        Some(m) => format!("/projects/{project_id}/milestones/{}", m.id),
        None => format!("/projects/{project_id}/milestones"),
    };
    let m_statuses: Vec<(String, String)> = MilestoneStatus::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.name(locale).to_owned()))
        .collect();

    // Budget lines
    let (b_submitted, b_state) = FormState::from_submission::<BudgetLineForm>();
    let b_edit = editing(&edit, "budget-line").and_then(|id| timeline.budget_line(id).cloned());
    let b_initial = if b_submitted != BudgetLineForm::default() {
        b_submitted
    } else {
        b_edit.as_ref().map(|b| b.to_form()).unwrap_or_default()
    };
    let b_action = match &b_edit {
        Some(b) => format!("/projects/{project_id}/budget-lines/{}", b.id),
        None => format!("/projects/{project_id}/budget-lines"),
    };
    let (c_errors, a_errors, m_errors, b_errors) = (
        c_state.errors,
        a_state.errors,
        m_state.errors,
        b_state.errors,
    );
    let cancel = move |editing: bool| {
        editing.then(|| {
            view! {
                <a class="button button--secondary" href=format!("/projects/{project_id}/timeline")>
                    {locale.t(Msg::Cancel)}
                </a>
            }
        })
    };
    view! {
        <section class="panel" aria-labelledby="timeline-forms-heading">
            <h2 id="timeline-forms-heading">{locale.t(Msg::PlanTheWork)}</h2>
            <form id="component-form" class="form form--inline" method="post" action=c_action novalidate>
                <h3>{locale.t(if c_edit.is_some() { Msg::EditComponent } else { Msg::AddComponent })}</h3>
                <CsrfField />
                <ErrorSummary id="component-errors" errors=c_errors general=c_state.general field_id=component_field_id field_label=timeline_field_label />
                <div class="form__row">
                    <SelectField id="component-kind" name="kind" label=Msg::ComponentKind options=kinds selected=c_initial.kind.clone() errors=c_errors placeholder=Msg::ChooseOption required=true />
                    <TextField id="component-name" name="name" label=Msg::Name value=c_initial.name.clone() errors=c_errors required=true />
                </div>
                <TextArea id="component-description" name="description" label=Msg::Description value=c_initial.description.clone() errors=c_errors />
                <div class="form__actions">
                    <button id="component-submit" type="submit" class="button button--primary">
                        {locale.t(if c_edit.is_some() { Msg::SaveChanges } else { Msg::AddComponent })}
                    </button>
                    {cancel(c_edit.is_some())}
                </div>
            </form>
            <form id="activity-form" class="form form--inline" method="post" action=a_action novalidate>
                <h3>{locale.t(if a_edit.is_some() { Msg::EditActivity } else { Msg::AddActivity })}</h3>
                <CsrfField />
                <ErrorSummary id="activity-errors" errors=a_errors general=a_state.general field_id=activity_field_id field_label=timeline_field_label />
                <div class="form__row">
                    <SelectField id="activity-component-id" name="component_id" label=Msg::Component options=components.clone() selected=a_initial.component_id.clone() errors=a_errors placeholder=Msg::ChooseOption required=true />
                    <TextField id="activity-name" name="name" label=Msg::Name value=a_initial.name.clone() errors=a_errors required=true />
                </div>
                <div class="form__row">
                    <TextField id="activity-start-date" name="start_date" label=Msg::StartDate kind="date" value=a_initial.start_date.clone() errors=a_errors required=true />
                    <TextField id="activity-end-date" name="end_date" label=Msg::EndDate kind="date" value=a_initial.end_date.clone() errors=a_errors required=true />
                </div>
                <div class="form__row">
                    <SelectField id="activity-partner-kind" name="partner_kind" label=Msg::Partner options=partners selected=a_initial.partner_kind.clone() errors=a_errors placeholder=Msg::ChooseOption required=true />
                    <TextField id="activity-partner-name" name="partner_name" label=Msg::PartnerName hint=Msg::PartnerNameHint value=a_initial.partner_name.clone() errors=a_errors />
                </div>
                <div class="form__row">
                    <SelectField id="activity-budget-line-id" name="budget_line_id" label=Msg::BudgetLine options=lines selected=a_initial.budget_line_id.clone() errors=a_errors placeholder=Msg::NoBudgetLine />
                    <SelectField id="activity-status" name="status" label=Msg::ProjectStatusLabel options=statuses selected=a_initial.status.clone() errors=a_errors />
                </div>
                <TextArea id="activity-description" name="description" label=Msg::Description value=a_initial.description.clone() errors=a_errors />
                <div class="form__actions">
                    <button id="activity-submit" type="submit" class="button button--primary">
                        {locale.t(if a_edit.is_some() { Msg::SaveChanges } else { Msg::AddActivity })}
                    </button>
                    {cancel(a_edit.is_some())}
                </div>
            </form>
            <form id="milestone-form" class="form form--inline" method="post" action=m_action novalidate>
                <h3>{locale.t(if m_edit.is_some() { Msg::EditMilestone } else { Msg::AddMilestone })}</h3>
                <CsrfField />
                <ErrorSummary id="milestone-errors" errors=m_errors general=m_state.general field_id=milestone_field_id field_label=timeline_field_label />
                <div class="form__row">
                    <TextField id="milestone-name" name="name" label=Msg::Name value=m_initial.name.clone() errors=m_errors required=true />
                    <TextField id="milestone-due-date" name="due_date" label=Msg::DueDate kind="date" value=m_initial.due_date.clone() errors=m_errors required=true />
                </div>
                <div class="form__row">
                    <SelectField id="milestone-component-id" name="component_id" label=Msg::Component options=components.clone() selected=m_initial.component_id.clone() errors=m_errors placeholder=Msg::WholeProject />
                    <SelectField id="milestone-status" name="status" label=Msg::ProjectStatusLabel options=m_statuses selected=m_initial.status.clone() errors=m_errors />
                    <TextField id="milestone-reached-on" name="reached_on" label=Msg::ReachedOn kind="date" value=m_initial.reached_on.clone() errors=m_errors />
                </div>
                <div class="form__actions">
                    <button id="milestone-submit" type="submit" class="button button--primary">
                        {locale.t(if m_edit.is_some() { Msg::SaveChanges } else { Msg::AddMilestone })}
                    </button>
                    {cancel(m_edit.is_some())}
                </div>
            </form>
            <form id="budget-line-form" class="form form--inline" method="post" action=b_action novalidate>
                <h3>{locale.t(if b_edit.is_some() { Msg::EditBudgetLine } else { Msg::AddBudgetLine })}</h3>
                <CsrfField />
                <ErrorSummary id="budget-errors" errors=b_errors general=b_state.general field_id=budget_field_id field_label=timeline_field_label />
                <div class="form__row">
                    <TextField id="budget-code" name="code" label=Msg::BudgetCode value=b_initial.code.clone() errors=b_errors required=true />
                    <TextField id="budget-description" name="description" label=Msg::Description value=b_initial.description.clone() errors=b_errors required=true />
                </div>
                <div class="form__row">
                    <SelectField id="budget-component-id" name="component_id" label=Msg::Component options=components selected=b_initial.component_id.clone() errors=b_errors placeholder=Msg::NoComponent />
                    <TextField id="budget-year" name="year" label=Msg::Year inputmode="numeric" value=b_initial.year.clone() errors=b_errors />
                    <TextField id="budget-amount" name="amount" label=Msg::Amount label_suffix=currency.clone() inputmode="decimal" value=b_initial.amount.clone() errors=b_errors required=true />
                </div>
                <div class="form__actions">
                    <button id="budget-submit" type="submit" class="button button--primary">
                        {locale.t(if b_edit.is_some() { Msg::SaveChanges } else { Msg::AddBudgetLine })}
                    </button>
                    {cancel(b_edit.is_some())}
                </div>
            </form>
        </section>
    }
}
