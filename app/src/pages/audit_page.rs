//! The audit trail: a filter (a plain GET form, so it works without JavaScript and every filtered
//! view has its own address) and the newest matching events, with the values before and after
//! each change.

use crate::api::account::list_audit;
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextField};
use crate::components::table::WideTable;
use crate::error::AppError;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::account::{
    AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, AUDIT_PAGE_SIZE, AuditEvent, AuditFilter, audit_action_name,
    audit_entity_name,
};
use shared::format;
use shared::i18n::{Locale, Msg};

fn audit_field_id(field: &str) -> String {
    format!("audit-{}", field.replace('_', "-"))
}

fn audit_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "actor" => Msg::AuditActor,
            "action" => Msg::AuditAction,
            "entity_type" => Msg::AuditEntityType,
            "to" => Msg::ToDate,
            _ => Msg::FromDate,
        })
        .to_owned()
}

/// JSON text indented for reading; the text as it is when it is not JSON.
fn pretty_json(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| text.to_owned())
}

/// "Audit trail".
#[component]
pub fn AuditPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let query = query.read();
        let value = |key: &str| query.get(key).unwrap_or_default();
        AuditFilter {
            actor: value("actor"),
            action: value("action"),
            entity_type: value("entity_type"),
            from: value("from"),
            to: value("to"),
        }
    });
    let problems = move |f: &AuditFilter| f.days().err().unwrap_or_default();
    let errors = RwSignal::new(problems(&filter.get_untracked()));
    Effect::new(move |_| errors.set(problems(&filter.get())));
    let general = RwSignal::new(None::<AppError>);
    let events = Resource::new(
        move || filter.get(),
        |filter| async move {
            match filter.days() {
                Ok(_) => list_audit(filter).await,
                Err(problems) => Err(AppError::Invalid(problems)),
            }
        },
    );
    view! {
        <Title text=locale.t(Msg::AuditTitle) />
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                let found = match events.await {
                    Ok(list) => Some(list),
                    Err(AppError::Invalid(_)) => None,
                    Err(error) => return view! { <ErrorNotice error /> }.into_any(),
                };
                let current = filter.get_untracked();
                view! {
                    <h1>{locale.t(Msg::AuditTitle)}</h1>
                    <p class="lead">{locale.t(Msg::AuditIntro)}</p>
                    <FilterForm current errors general />
                    {found.map(|list| view! { <EventTable events=list /> })}
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// The filter: a GET form, so the filtered view is an address like any other.
#[component]
fn FilterForm(
    current: AuditFilter,
    errors: RwSignal<Vec<shared::validation::FieldError>>,
    general: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let locale = use_locale();
    let actions = AUDIT_ACTIONS
        .into_iter()
        .map(|code| {
            let name = audit_action_name(code, locale).unwrap_or(code);
            (code.to_owned(), name.to_owned())
        })
        .collect();
    let entities = AUDIT_ENTITY_TYPES
        .into_iter()
        .map(|code| {
            let name = audit_entity_name(code, locale).unwrap_or(code);
            (code.to_owned(), name.to_owned())
        })
        .collect();
    view! {
        <form
            id="audit-filter"
            class="form form--filter"
            method="get"
            action="/audit"
            role="search"
            aria-labelledby="audit-filter-title"
            novalidate
        >
            <h2 id="audit-filter-title" class="form__title">{locale.t(Msg::AuditFilter)}</h2>
            <ErrorSummary
                errors
                general
                field_id=audit_field_id
                field_label=audit_field_label
            />
            <div class="form__row">
                <TextField
                    id="audit-actor"
                    name="actor"
                    label=Msg::AuditActor
                    kind="search"
                    value=current.actor
                    errors
                    maxlength=254
                />
                <SelectField
                    id="audit-action"
                    name="action"
                    label=Msg::AuditAction
                    options=actions
                    selected=current.action
                    errors
                    placeholder=Msg::AnyValue
                />
                <SelectField
                    id="audit-entity-type"
                    name="entity_type"
                    label=Msg::AuditEntityType
                    options=entities
                    selected=current.entity_type
                    errors
                    placeholder=Msg::AnyValue
                />
            </div>
            <div class="form__row">
                <TextField
                    id="audit-from"
                    name="from"
                    label=Msg::FromDate
                    hint=Msg::DateHint
                    kind="date"
                    value=current.from
                    errors
                />
                <TextField
                    id="audit-to"
                    name="to"
                    label=Msg::ToDate
                    hint=Msg::DateHint
                    kind="date"
                    value=current.to
                    errors
                />
            </div>
            <div class="form__actions">
                <button id="audit-submit" type="submit" class="button button--primary">
                    {locale.t(Msg::ApplyFilter)}
                </button>
                <a id="audit-clear" class="button button--secondary" href="/audit">
                    {locale.t(Msg::ClearFilter)}
                </a>
            </div>
        </form>
    }
}

/// The events, newest first.
#[component]
fn EventTable(events: Vec<AuditEvent>) -> impl IntoView {
    let locale = use_locale();
    if events.is_empty() {
        return view! { <p id="no-audit-events" class="empty">{locale.t(Msg::NoAuditEvents)}</p> }
            .into_any();
    }
    let capped = events.len() >= AUDIT_PAGE_SIZE;
    let rows = events
        .into_iter()
        .map(|event| view! { <EventRow event /> })
        .collect_view();
    view! {
        {capped.then(|| view! { <p class="hint" id="audit-limit">{locale.t(Msg::AuditLimit)}</p> })}
        <WideTable
            id="audit-table"
            caption=Msg::AuditEvents
            headers=vec![Msg::When, Msg::Actor, Msg::AuditAction, Msg::Entity, Msg::Summary, Msg::Changes]
        >
            {rows}
        </WideTable>
    }
    .into_any()
}

/// One event.
#[component]
fn EventRow(event: AuditEvent) -> impl IntoView {
    let locale = use_locale();
    let action = audit_action_name(&event.action, locale)
        .map_or_else(|| event.action.clone(), str::to_owned);
    let entity_type = audit_entity_name(&event.entity_type, locale)
        .map_or_else(|| event.entity_type.clone(), str::to_owned);
    let entity = match &event.entity_id {
        Some(id) => format!("{entity_type} {id}"),
        None => entity_type,
    };
    let values = (event.old_value.is_some() || event.new_value.is_some()).then(|| {
        view! {
            <details class="audit-values">
                <summary>{locale.t(Msg::ShowValues)}</summary>
                {event
                    .old_value
                    .as_deref()
                    .map(|old| {
                        view! {
                            <p class="audit-values__label">{locale.t(Msg::OldValue)}</p>
                            <pre>{pretty_json(old)}</pre>
                        }
                    })}
                {event
                    .new_value
                    .as_deref()
                    .map(|new| {
                        view! {
                            <p class="audit-values__label">{locale.t(Msg::NewValue)}</p>
                            <pre>{pretty_json(new)}</pre>
                        }
                    })}
            </details>
        }
    });
    view! {
        <tr id=format!("audit-event-{}", event.id) data-action=event.action.clone()>
            <td class="nowrap">
                <time datetime=event.at.to_rfc3339()>{format::date_time(event.at, locale)}</time>
            </td>
            <td class="nowrap">{event.actor_email}</td>
            <td>{action}</td>
            <td class="nowrap-wide">{entity}</td>
            <td>{event.summary}</td>
            <td>{values}</td>
        </tr>
    }
}
