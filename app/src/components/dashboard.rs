//! A dashboard: its filters (a plain GET form, so every filtered view is an address and works
//! without JavaScript), its key figures, and its charts — each drawn on the server, with its
//! numbers in a table beside it (for screen readers and for checking) and its downloads as SVG,
//! PNG and CSV for the same filters.

use crate::api::dashboards::{ChartView, DashboardPage};
use crate::components::error_view::{ErrorSummary, set_http_status};
use crate::components::field::{SelectField, TextField};
use crate::error::AppError;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::dashboard::{DashboardKind, DashboardQuery, NumbersTable};
use shared::donor_report::Breakdown;
use shared::format;
use shared::i18n::{Locale, Msg};
use shared::validation::FieldError;

/// The dashboard of `kind` whose id is the page's `:id`, for the filters in the page's
/// address: the filters typed and the dashboard worked out for them.
pub fn use_dashboard(
    kind: DashboardKind,
) -> (
    Memo<DashboardQuery>,
    Resource<Result<DashboardPage, AppError>>,
) {
    let locale = use_locale();
    let id = crate::pages::id_param();
    let query = use_dashboard_query();
    let data = Resource::new(
        move || (id.get(), query.get()),
        move |(id, q)| async move {
            crate::api::dashboards::get_dashboard(
                kind,
                id?,
                q.from,
                q.to,
                q.municipality,
                q.donor,
                locale,
            )
            .await
        },
    );
    (query, data)
}

/// The filters in the page's address.
fn use_dashboard_query() -> Memo<DashboardQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        let q = query.read();
        let value = |key: &str| q.get(key).unwrap_or_default();
        DashboardQuery {
            from: value("from"),
            to: value("to"),
            municipality: value("municipality"),
            donor: value("donor"),
        }
    })
}

fn field_id(field: &str) -> String {
    format!("dashboard-{field}")
}

fn field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "to" => Msg::ToDate,
            "municipality" => Msg::DashboardRegion,
            "donor" => Msg::DashboardDonor,
            _ => Msg::FromDate,
        })
        .to_owned()
}

/// The dashboard of `page`, as asked for by `typed`; `path` is the page's own address and
/// `files` where its charts are downloaded (`/api/v1/programs/1/dashboard`).
#[component]
pub fn DashboardView(
    page: DashboardPage,
    typed: DashboardQuery,
    path: String,
    files: String,
) -> impl IntoView {
    let locale = use_locale();
    let d = page.dashboard;
    let invalid = !page.errors.is_empty();
    if invalid {
        set_http_status(422);
    }
    let errors = RwSignal::new(page.errors);
    let general = RwSignal::new(invalid.then(|| AppError::Invalid(Vec::new())));
    let current = if invalid { typed } else { d.filter.to_query() };
    let query = d.filter.to_query().to_query();
    let lang = locale.code();
    let period = format!(
        "{} – {}",
        format::date(d.filter.from, locale),
        format::date(d.filter.until, locale)
    );
    let mut applied = vec![period];
    if let Some(m) = &d.filter.municipality {
        applied.push(m.clone());
    }
    if let Some(donor) = d
        .filter
        .donor_id
        .and_then(|id| d.choices.donors.iter().find(|(i, _)| *i == id))
    {
        applied.push(donor.1.clone());
    }
    let region_note = d.filter.municipality.is_some();
    let charts = page
        .charts
        .into_iter()
        .map(|chart| {
            let links = DownloadLinks {
                base: files.clone(),
                query: query.clone(),
                lang,
            };
            view! { <ChartSection chart links /> }
        })
        .collect_view();
    view! {
        <DashboardFilters
            path
            current
            municipalities=d.choices.municipalities.clone()
            donors=(d.kind != DashboardKind::Donor).then(|| d.choices.donors.clone())
            errors
            general
        />
        {(!invalid).then(|| view! {
            <p class="lead" id="outcomes-period">
                {locale.t(Msg::OutcomesPeriod)}": "{applied.join(" · ")}
            </p>
            <p class="hint" id="dashboard-protection">{locale.t(Msg::DashboardProtection)}</p>
            {region_note.then(|| view! {
                <p class="hint" id="dashboard-region-note">{locale.t(Msg::DashboardRegionNote)}</p>
            })}
            <KeyFigures figures=d.figures.clone() />
            {charts}
        })}
    }
}

/// The filter form.
#[component]
fn DashboardFilters(
    path: String,
    current: DashboardQuery,
    municipalities: Vec<String>,
    donors: Option<Vec<(i64, String)>>,
    errors: RwSignal<Vec<FieldError>>,
    general: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let locale = use_locale();
    let municipalities: Vec<(String, String)> =
        municipalities.into_iter().map(|m| (m.clone(), m)).collect();
    let action = path.clone();
    let donors = donors.filter(|d| !d.is_empty()).map(|list| {
        list.into_iter()
            .map(|(id, name)| (id.to_string(), name))
            .collect::<Vec<_>>()
    });
    view! {
        <form
            id="dashboard-filter"
            class="form form--filter"
            method="get"
            action=action
            role="search"
            aria-labelledby="dashboard-filter-title"
            novalidate
        >
            <h2 id="dashboard-filter-title" class="form__title">{locale.t(Msg::DashboardFilters)}</h2>
            <ErrorSummary errors general field_id field_label />
            <div class="form__row">
                <TextField
                    id="dashboard-from"
                    name="from"
                    label=Msg::FromDate
                    hint=Msg::DateHint
                    kind="date"
                    value=current.from
                    errors
                />
                <TextField
                    id="dashboard-to"
                    name="to"
                    label=Msg::ToDate
                    hint=Msg::DateHint
                    kind="date"
                    value=current.to
                    errors
                />
            </div>
            <div class="form__row">
                <SelectField
                    id="dashboard-municipality"
                    name="municipality"
                    label=Msg::DashboardRegion
                    options=municipalities
                    selected=current.municipality
                    errors
                    placeholder=Msg::AnyValue
                />
                {donors.map(|options| view! {
                    <SelectField
                        id="dashboard-donor"
                        name="donor"
                        label=Msg::DashboardDonor
                        options
                        selected=current.donor.clone()
                        errors
                        placeholder=Msg::AnyValue
                    />
                })}
            </div>
            <div class="form__actions">
                <button id="dashboard-apply" type="submit" class="button button--primary">
                    {locale.t(Msg::ApplyFilter)}
                </button>
                <a id="dashboard-clear" class="button button--secondary" href=path>
                    {locale.t(Msg::ClearFilter)}
                </a>
            </div>
        </form>
    }
}

fn shown(v: Option<rust_decimal::Decimal>, locale: Locale) -> String {
    v.map_or_else(
        || shared::protection::WITHHELD.to_owned(),
        |v| format::decimal(v, locale),
    )
}

/// A breakdown as `total (women and girls · men and boys)`.
fn split(b: &Breakdown, locale: Locale) -> String {
    if b.by_sex && b.total.is_some() {
        format!(
            "{} ({} {} · {} {})",
            shown(b.total, locale),
            shown(b.female, locale),
            locale.t(Msg::ReportWomen),
            shown(b.male, locale),
            locale.t(Msg::ReportMen),
        )
    } else {
        shown(b.total, locale)
    }
}

/// The key figures of the period.
#[component]
fn KeyFigures(figures: shared::donor_report::DonorReport) -> impl IntoView {
    let locale = use_locale();
    let s = figures.summary;
    let ha = |a, b| {
        format!(
            "{} → {} ha",
            format::decimal(a, locale),
            format::decimal(b, locale)
        )
    };
    let mut items = vec![
        (
            Msg::ReportHouseholdsTakingPart,
            split(&s.households, locale),
        ),
        (Msg::ReportBeneficiaries, split(&s.beneficiaries, locale)),
        (
            Msg::ReportIllicitHectares,
            ha(s.illicit_start, s.illicit_end),
        ),
        (Msg::ReportLicitHectares, ha(s.licit_start, s.licit_end)),
        (
            Msg::ReportCommittedHectares,
            format!("{} ha", format::decimal(s.committed_hectares, locale)),
        ),
        (
            Msg::ReportVerifiedHectares,
            format!("{} ha", format::decimal(s.verified_hectares, locale)),
        ),
        (Msg::ReportReplantingFound, s.replanting_found.to_string()),
    ];
    for t in &s.support {
        items.push((
            Msg::ReportSupportDelivered,
            format::money(t.total, &t.currency, locale),
        ));
    }
    view! {
        <section class="panel" aria-labelledby="key-figures-heading">
            <h2 id="key-figures-heading">{locale.t(Msg::ReportSummary)}</h2>
            <dl class="key-figures" id="key-figures">
                {items
                    .into_iter()
                    .map(|(label, value)| view! {
                        <div>
                            <dt>{locale.t(label)}</dt>
                            <dd>{value}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
        </section>
    }
}

/// Where a chart's files are.
#[derive(Clone)]
struct DownloadLinks {
    base: String,
    query: String,
    lang: &'static str,
}

impl DownloadLinks {
    fn href(&self, name: &str, extension: &str) -> String {
        let query = if self.query.is_empty() {
            format!("lang={}", self.lang)
        } else {
            format!("{}&lang={}", self.query, self.lang)
        };
        format!("{}/{name}.{extension}?{query}", self.base)
    }
}

/// One chart: its drawing, its downloads and its numbers.
#[component]
fn ChartSection(chart: ChartView, links: DownloadLinks) -> impl IntoView {
    let locale = use_locale();
    let name = chart.name.clone();
    let heading = format!("{name}-heading");
    let labelled_by = heading.clone();
    let NumbersTable {
        caption,
        headers,
        rows,
    } = chart.table;
    let region = caption.clone();
    let body = rows
        .into_iter()
        .map(|cells| {
            let mut cells = cells.into_iter();
            let first = cells.next().unwrap_or_default();
            view! {
                <tr>
                    <th scope="row">{first}</th>
                    {cells.map(|c| view! { <td>{c}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    let download = |extension: &'static str, label: Msg| {
        view! {
            <a id=format!("{name}-{extension}") href=links.href(&name, extension)
                download=format!("{name}.{extension}") rel="external">{locale.t(label)}</a>
        }
    };
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h2 id=heading>{chart.title.clone()}</h2>
            <figure class="chart" id=format!("{name}-chart")>
                <div class="chart__svg" role="img" aria-label=chart.title.clone()
                    inner_html=chart.svg></div>
            </figure>
            <p class="downloads">
                {download("svg", Msg::DownloadSvg)}
                " · "
                {download("png", Msg::DownloadPng)}
                " · "
                {download("csv", Msg::DownloadCsv)}
            </p>
            <details>
                <summary>{locale.t(Msg::ChartNumbers)}</summary>
                <div class="table-scroll" role="region" aria-label=region tabindex="0">
                    <table class="table" id=format!("{name}-table")>
                        <caption class="visually-hidden">{caption}</caption>
                        <thead>
                            <tr>
                                {headers
                                    .into_iter()
                                    .map(|h| view! { <th scope="col">{h}</th> })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            </details>
        </section>
    }
}
