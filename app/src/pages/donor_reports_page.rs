//! The donor reports (`/reports`): every saved report the reader may read, newest first, with
//! whether it was issued, and the way to start a new one for who may publish reports.

use crate::api::donor_reports::get_donor_reports;
use crate::components::error_view::ErrorNotice;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::donor_report::ReportList;
use shared::format;
use shared::i18n::Msg;

/// The page.
#[component]
pub fn DonorReportsPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_donor_reports());
    view! {
        <Title text=locale.t(Msg::ReportsTitle) />
        <h1>{locale.t(Msg::ReportsTitle)}</h1>
        <p class="lead">{locale.t(Msg::ReportsIntro)}</p>
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <ReportsTable list /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportsTable(list: ReportList) -> impl IntoView {
    let locale = use_locale();
    let new_link = list.can_create.then(|| {
        view! {
            <p>
                <a class="button button--primary" id="new-report" href="/reports/new">
                    {locale.t(Msg::NewReport)}
                </a>
            </p>
        }
    });
    if list.reports.is_empty() {
        return view! {
            {new_link}
            <p id="reports-none">{locale.t(Msg::ReportsNone)}</p>
        }
        .into_any();
    }
    let rows = list
        .reports
        .into_iter()
        .map(|r| {
            let status = match r.issued_at {
                Some(at) => format!(
                    "{} {}",
                    locale.t(Msg::ReportIssuedOn),
                    format::date_time(at, locale)
                ),
                None => locale.t(Msg::ReportDraft).to_owned(),
            };
            view! {
                <tr>
                    <th scope="row">
                        <a href=format!("/reports/{}", r.id)>{r.title}</a>
                    </th>
                    <td>{r.scope.name(locale)}</td>
                    <td>
                        {format!(
                            "{} – {}",
                            format::date(r.period_start, locale),
                            format::date(r.period_end, locale),
                        )}
                    </td>
                    <td>{status}</td>
                    <td>{r.created_by}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {new_link}
        <div class="table-wrap">
            <table class="table" id="reports-table">
                <caption class="visually-hidden">{locale.t(Msg::ReportsTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{locale.t(Msg::ReportTitleLabel)}</th>
                        <th scope="col">{locale.t(Msg::ReportScopeLabel)}</th>
                        <th scope="col">{locale.t(Msg::OutcomesPeriod)}</th>
                        <th scope="col">{locale.t(Msg::ReportStatus)}</th>
                        <th scope="col">{locale.t(Msg::ReportMadeBy)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
