//! The outcome charts of a dashboard: each drawn on the server, with its numbers in a table
//! beside it (for screen readers and for checking) and its downloads as SVG and CSV.

use crate::api::outcomes::OutcomesPage;
use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::format;
use shared::i18n::Msg;
use shared::outcomes::quarter_label;

/// The charts of a series whose files are under `files` (`/api/v1/projects/1/outcomes`).
#[component]
pub fn OutcomeCharts(page: OutcomesPage, files: String) -> impl IntoView {
    let locale = use_locale();
    let series = page.series;
    let decimal = |d| format::decimal(d, locale);
    let hectares = series
        .hectares
        .iter()
        .map(|p| {
            (
                quarter_label(p.end, locale),
                [decimal(p.illicit), decimal(p.licit), p.plots.to_string()],
            )
        })
        .collect();
    let eradication = series
        .eradication
        .iter()
        .map(|p| {
            (
                quarter_label(p.end, locale),
                [
                    decimal(p.committed),
                    decimal(p.verified),
                    p.agreements.to_string(),
                ],
            )
        })
        .collect();
    let period = format!(
        "{} – {}",
        format::date(series.from, locale),
        format::date(series.until, locale)
    );
    view! {
        <p class="lead" id="outcomes-period">{locale.t(Msg::OutcomesPeriod)}": "{period}</p>
        <ChartSection
            name="hectares"
            title=Msg::HectaresChartTitle
            subject=series.subject.clone()
            svg=page.hectares_svg
            files=files.clone()
            columns=[Msg::OutcomeIllicit, Msg::OutcomeLicit, Msg::PlotsRecorded]
            rows=hectares
        />
        <ChartSection
            name="eradication"
            title=Msg::EradicationChartTitle
            subject=series.subject.clone()
            svg=page.eradication_svg
            files
            columns=[Msg::OutcomeCommitted, Msg::OutcomeVerified, Msg::AgreementsSigned]
            rows=eradication
        />
    }
}

/// One chart: its drawing, its downloads (`{files}/{name}.svg`, `.csv`) and its numbers, a row
/// per quarter (the first two columns in hectares).
#[component]
fn ChartSection(
    name: &'static str,
    title: Msg,
    subject: String,
    svg: String,
    files: String,
    columns: [Msg; 3],
    rows: Vec<(String, [String; 3])>,
) -> impl IntoView {
    let locale = use_locale();
    let lang = locale.code();
    let heading = format!("{name}-heading");
    let body = rows
        .into_iter()
        .map(|(quarter, cells)| {
            view! {
                <tr>
                    <th scope="row">{quarter}</th>
                    {cells.into_iter().map(|c| view! { <td class="number">{c}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby=format!("{name}-heading")>
            <h2 id=heading>{locale.t(title)}</h2>
            <figure class="chart" id=format!("{name}-chart")>
                <div class="chart__svg" role="img" aria-label=format!("{}: {subject}", locale.t(title))
                    inner_html=svg></div>
            </figure>
            <p class="downloads">
                <a id=format!("{name}-svg") href=format!("{files}/{name}.svg?lang={lang}")
                    download=format!("{name}.svg") rel="external">{locale.t(Msg::DownloadSvg)}</a>
                " · "
                <a id=format!("{name}-csv") href=format!("{files}/{name}.csv?lang={lang}")
                    download=format!("{name}.csv") rel="external">{locale.t(Msg::DownloadCsv)}</a>
            </p>
            <details>
                <summary>{locale.t(Msg::ChartNumbers)}</summary>
                <div class="table-scroll" role="region" aria-label=locale.t(title) tabindex="0">
                    <table class="table" id=format!("{name}-table")>
                        <thead>
                            <tr>
                                <th scope="col">{locale.t(Msg::QuarterAxis)}</th>
                                <th scope="col">{locale.t(columns[0])}" (ha)"</th>
                                <th scope="col">{locale.t(columns[1])}" (ha)"</th>
                                <th scope="col">{locale.t(columns[2])}</th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            </details>
        </section>
    }
}
