//! The charts of a dashboard, each drawn with plotters on any backend (SVG for the page and the
//! download, a raster for PNG), and each chart's numbers as CSV with their period, unit and
//! currency on every row. The charts a donor report also has are drawn by the report's own
//! functions, so both show the same picture of the same numbers.

use crate::charts::{ChartError, PALETTE, chart_error};
use crate::dashboard::{Dashboard, IncomeSeries, NumbersTable, PlaceStatus, StatusMap};
use crate::i18n::{Locale, Msg};
use crate::mapview::{Bounds, Viewport};
use crate::outcome_chart::{Line, draw_lines};
use crate::outcomes::{csv_cell, quarter_label};
use crate::report_document::{self, Chart};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// A chart of a dashboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DashboardChart {
    /// Illicit against licit hectares.
    Hectares,
    /// Eradication agreements: committed against verified.
    Eradication,
    /// Beneficiaries by sex and age band.
    Beneficiaries,
    /// Indicators against their targets, per period.
    Results,
    /// The income transition of one currency (index into [`Dashboard::income`]).
    Income(usize),
    /// One agreement's funding (index into the figures' funding statements).
    Funding(usize),
    /// The status map.
    Map,
}

/// The most indicator periods the results chart draws (every one is in its CSV and table).
pub const RESULT_BARS: usize = 30;
/// The map's size in pixels.
pub const MAP_SIZE: (u32, u32) = (900, 560);
const RESULTS_WIDTH: u32 = 900;
const BAR_ROW: u32 = 30;

impl DashboardChart {
    /// Every chart of `d`, in the page's order.
    pub fn all(d: &Dashboard) -> Vec<DashboardChart> {
        let mut out = vec![
            DashboardChart::Hectares,
            DashboardChart::Eradication,
            DashboardChart::Beneficiaries,
            DashboardChart::Results,
        ];
        out.extend((0..d.income.len()).map(DashboardChart::Income));
        out.extend((0..d.figures.funding.len()).map(DashboardChart::Funding));
        out.push(DashboardChart::Map);
        out
    }

    /// Its file name without extension: `hectares`, `income-cop`, `funding-12`, `map`.
    pub fn name(self, d: &Dashboard) -> String {
        match self {
            DashboardChart::Hectares => "hectares".into(),
            DashboardChart::Eradication => "eradication".into(),
            DashboardChart::Beneficiaries => "beneficiaries".into(),
            DashboardChart::Results => "results".into(),
            DashboardChart::Income(i) => format!(
                "income-{}",
                d.income
                    .get(i)
                    .map(|s| s.currency.to_ascii_lowercase())
                    .unwrap_or_default()
            ),
            DashboardChart::Funding(i) => format!(
                "funding-{}",
                d.figures
                    .funding
                    .get(i)
                    .map(|f| f.agreement_id)
                    .unwrap_or_default()
            ),
            DashboardChart::Map => "map".into(),
        }
    }

    /// The chart a file name names.
    pub fn from_name(d: &Dashboard, name: &str) -> Option<DashboardChart> {
        DashboardChart::all(d)
            .into_iter()
            .find(|c| c.name(d) == name)
    }

    /// Its heading on the page.
    pub fn title(self, d: &Dashboard) -> String {
        let locale = d.figures.spec.language;
        match self {
            DashboardChart::Hectares => locale.t(Msg::HectaresChartTitle).to_owned(),
            DashboardChart::Eradication => locale.t(Msg::EradicationChartTitle).to_owned(),
            DashboardChart::Beneficiaries => locale.t(Msg::ReportBeneficiariesChart).to_owned(),
            DashboardChart::Results => locale.t(Msg::DashboardResultsChart).to_owned(),
            DashboardChart::Income(i) => format!(
                "{} ({})",
                locale.t(Msg::DashboardIncomeChart),
                d.income.get(i).map(|s| s.currency.as_str()).unwrap_or("")
            ),
            DashboardChart::Funding(i) => format!(
                "{}: {}",
                locale.t(Msg::FundingChartTitle),
                d.figures
                    .funding
                    .get(i)
                    .map(|f| f.title.as_str())
                    .unwrap_or("")
            ),
            DashboardChart::Map => locale.t(Msg::DashboardMap).to_owned(),
        }
    }

    /// Its size in pixels.
    pub fn size(self, d: &Dashboard) -> (u32, u32) {
        match self {
            DashboardChart::Hectares | DashboardChart::Eradication | DashboardChart::Income(_) => {
                (crate::outcome_chart::WIDTH, crate::outcome_chart::HEIGHT)
            }
            DashboardChart::Beneficiaries => crate::charts::BAR_CHART_SIZE,
            DashboardChart::Results => (RESULTS_WIDTH, results_height(d)),
            DashboardChart::Funding(_) => {
                (crate::funding_chart::WIDTH, crate::funding_chart::HEIGHT)
            }
            DashboardChart::Map => MAP_SIZE,
        }
    }
}

fn report_chart(c: DashboardChart) -> Option<Chart> {
    match c {
        DashboardChart::Hectares => Some(Chart::Hectares),
        DashboardChart::Eradication => Some(Chart::Eradication),
        DashboardChart::Beneficiaries => Some(Chart::Beneficiaries),
        DashboardChart::Funding(i) => Some(Chart::Funding(i)),
        _ => None,
    }
}

/// A chart as an SVG document.
pub fn chart_svg(d: &Dashboard, c: DashboardChart) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, c.size(d)).into_drawing_area();
        draw(d, c, root)?;
    }
    Ok(svg)
}

/// A chart drawn on any plotters backend of [`DashboardChart::size`] (the charts a report also
/// has by the report's own drawing, titled with the dashboard's subject).
pub fn draw<DB: DrawingBackend>(
    d: &Dashboard,
    c: DashboardChart,
    root: DrawingArea<DB, plotters::coord::Shift>,
) -> Result<(), ChartError> {
    let r = &d.figures;
    let locale = r.spec.language;
    match c {
        DashboardChart::Hectares => {
            crate::outcome_chart::draw_hectares(root, &d.subject, &r.hectares, locale)
        }
        DashboardChart::Eradication => {
            crate::outcome_chart::draw_eradication(root, &d.subject, &r.eradication, locale)
        }
        DashboardChart::Beneficiaries => report_document::draw_chart(r, Chart::Beneficiaries, root),
        DashboardChart::Funding(i) => report_document::draw_chart(r, Chart::Funding(i), root),
        DashboardChart::Results => draw_results(d, root),
        DashboardChart::Income(i) => match d.income.get(i) {
            Some(series) => draw_income(&d.subject, series, locale, root),
            None => Ok(()),
        },
        DashboardChart::Map => draw_status_map(
            &format!("{}: {}", locale.t(Msg::DashboardMap), d.subject),
            &d.map,
            locale,
            root,
        ),
    }
}

fn income_lines(series: &IncomeSeries, locale: Locale) -> Vec<Line> {
    let f = |v: Option<Decimal>| v.map(|d| d.to_f64().unwrap_or(0.0));
    vec![
        Line {
            name: locale.t(Msg::IncomePlanned).to_owned(),
            colour: PALETTE[0],
            values: series.points.iter().map(|p| f(p.planned)).collect(),
            square: false,
        },
        Line {
            name: locale.t(Msg::IncomeObserved).to_owned(),
            colour: PALETTE[1],
            values: series.points.iter().map(|p| f(p.observed)).collect(),
            square: true,
        },
    ]
}

fn draw_income<DB: DrawingBackend>(
    subject: &str,
    series: &IncomeSeries,
    locale: Locale,
    root: DrawingArea<DB, plotters::coord::Shift>,
) -> Result<(), ChartError> {
    let title = format!("{}: {subject}", locale.t(Msg::DashboardIncomeChart));
    let axis = format!("{} ({})", locale.t(Msg::IncomeAxis), series.currency);
    let ends: Vec<_> = series.points.iter().map(|p| p.end).collect();
    draw_lines(
        root,
        &title,
        &axis,
        &ends,
        &income_lines(series, locale),
        locale,
    )
}

fn results_height(d: &Dashboard) -> u32 {
    let rows = result_bars(d).len().clamp(1, RESULT_BARS);
    110 + BAR_ROW * u32::try_from(rows).unwrap_or(1)
}

/// The indicator periods with a target: (label, % of target or `None`).
fn result_bars(d: &Dashboard) -> Vec<(String, Option<Decimal>)> {
    d.figures
        .results
        .iter()
        .filter(|r| r.target.is_some())
        .map(|r| {
            let room = 40_usize
                .saturating_sub(r.period.chars().count() + 3)
                .max(12);
            (
                format!("{} · {}", shorten(&r.indicator, room), r.period),
                r.percent_of_target,
            )
        })
        .collect()
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn draw_results<DB: DrawingBackend>(
    d: &Dashboard,
    root: DrawingArea<DB, plotters::coord::Shift>,
) -> Result<(), ChartError> {
    let locale = d.figures.spec.language;
    root.fill(&WHITE).map_err(chart_error)?;
    let bars = result_bars(d);
    let shown = &bars[..bars.len().min(RESULT_BARS)];
    let mut title = format!("{}: {}", locale.t(Msg::DashboardResultsChart), d.subject);
    if bars.len() > shown.len() {
        title = format!(
            "{title} ({} {} {})",
            shown.len(),
            locale.t(Msg::DashboardOf),
            bars.len()
        );
    }
    let text = |s: String, x: i32, y: i32, size: f64, h: HPos| {
        Text::new(
            s,
            (x, y),
            ("sans-serif", size)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(h, VPos::Center)),
        )
    };
    root.draw(&text(shorten(&title, 70), 14, 22, 24.0, HPos::Left))
        .map_err(chart_error)?;
    if shown.is_empty() {
        root.draw(&text(
            locale.t(Msg::DashboardNoTargets).to_owned(),
            14,
            70,
            17.5,
            HPos::Left,
        ))
        .map_err(chart_error)?;
        return Ok(());
    }
    let (left, right, top) = (380_i32, 860_i32, 56_i32);
    let peak = shown
        .iter()
        .filter_map(|(_, p)| p.and_then(|p| p.to_f64()))
        .fold(100.0_f64, f64::max)
        .min(400.0);
    let scale = f64::from(right - left) / (peak * 1.1);
    let x_of = |pct: f64| left + (pct.clamp(0.0, peak * 1.1) * scale).round() as i32;
    let bottom = top + i32::try_from(shown.len()).unwrap_or(1) * BAR_ROW as i32;
    // Grid and its ticks every 25 %.
    let mut tick = 0.0;
    while tick <= peak * 1.1 {
        let x = x_of(tick);
        let style = if (tick - 100.0).abs() < f64::EPSILON {
            BLACK.stroke_width(2)
        } else {
            RGBColor(225, 225, 225).stroke_width(1)
        };
        root.draw(&PathElement::new(vec![(x, top - 4), (x, bottom)], style))
            .map_err(chart_error)?;
        root.draw(&text(
            format!("{} %", tick.round()),
            x,
            bottom + 16,
            15.0,
            HPos::Center,
        ))
        .map_err(chart_error)?;
        tick += if peak > 200.0 { 50.0 } else { 25.0 };
    }
    root.draw(&text(
        locale.t(Msg::DashboardPercentAxis).to_owned(),
        (left + right) / 2,
        bottom + 42,
        18.0,
        HPos::Center,
    ))
    .map_err(chart_error)?;
    for (i, (label, pct)) in (0_i32..).zip(shown) {
        let y = top + i * BAR_ROW as i32;
        root.draw(&text(
            label.clone(),
            14,
            y + BAR_ROW as i32 / 2,
            15.0,
            HPos::Left,
        ))
        .map_err(chart_error)?;
        match pct.and_then(|p| p.to_f64()) {
            Some(p) => {
                let colour = if p >= 100.0 { PALETTE[2] } else { PALETTE[0] };
                root.draw(&Rectangle::new(
                    [
                        (left, y + 5),
                        (x_of(p).max(left + 1), y + BAR_ROW as i32 - 5),
                    ],
                    colour.filled(),
                ))
                .map_err(chart_error)?;
                root.draw(&text(
                    crate::format::percent(pct.unwrap_or_default(), locale),
                    (x_of(p) + 6).min(right - 50),
                    y + BAR_ROW as i32 / 2,
                    15.0,
                    HPos::Left,
                ))
                .map_err(chart_error)?;
            }
            None => root
                .draw(&text(
                    locale.t(Msg::DashboardNoActual).to_owned(),
                    left + 6,
                    y + BAR_ROW as i32 / 2,
                    15.0,
                    HPos::Left,
                ))
                .map_err(chart_error)?,
        }
    }
    root.present().map_err(chart_error)?;
    Ok(())
}

/// The colour a status is drawn in (Okabe–Ito; grey for no records).
pub fn status_colour(status: PlaceStatus) -> RGBColor {
    match status {
        PlaceStatus::IllicitFree => PALETTE[2],
        PlaceStatus::Reducing => PALETTE[4],
        PlaceStatus::NotReducing => PALETTE[5],
        PlaceStatus::NoRecords => RGBColor(153, 153, 153),
    }
}

fn map_bounds(map: &StatusMap) -> Option<Bounds> {
    let areas = map
        .areas
        .iter()
        .flat_map(|a| a.polygons.iter().flatten().flatten().copied());
    let places = map
        .communities
        .iter()
        .chain(&map.plots)
        .map(|p| (p.lon, p.lat));
    Bounds::around(areas.chain(places))
}

fn draw_status_map<DB: DrawingBackend>(
    title: &str,
    map: &StatusMap,
    locale: Locale,
    root: DrawingArea<DB, plotters::coord::Shift>,
) -> Result<(), ChartError> {
    root.fill(&WHITE).map_err(chart_error)?;
    let text = |s: String, x: i32, y: i32, size: f64| {
        Text::new(
            s,
            (x, y),
            ("sans-serif", size)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        )
    };
    root.draw(&text(shorten(title, 70), 14, 22, 24.0))
        .map_err(chart_error)?;
    let (top, legend) = (48_u32, 84_u32);
    let Some(bounds) = map_bounds(map) else {
        root.draw(&text(locale.t(Msg::ReportNoMap).to_owned(), 14, 70, 18.0))
            .map_err(chart_error)?;
        return Ok(());
    };
    let height = f64::from(MAP_SIZE.1 - top - legend);
    let view = Viewport::fit(bounds, f64::from(MAP_SIZE.0), height, 24.0);
    let at = |lon: f64, lat: f64| {
        let (x, y) = view.project(lon, lat);
        (x.round() as i32, y.round() as i32 + top as i32)
    };
    report_document::draw_areas(&root, map.areas.iter().map(|a| &a.polygons), &at, 0.12)?;
    for c in &map.communities {
        let centre = at(c.lon, c.lat);
        root.draw(&Circle::new(centre, 8, status_colour(c.status).filled()))
            .map_err(chart_error)?;
        root.draw(&Circle::new(centre, 8, BLACK.stroke_width(1)))
            .map_err(chart_error)?;
    }
    // Plots on top, small, outlined in white so they stand out on a community's circle.
    for p in &map.plots {
        let (x, y) = at(p.lon, p.lat);
        root.draw(&Rectangle::new(
            [(x - 4, y - 4), (x + 4, y + 4)],
            WHITE.filled(),
        ))
        .map_err(chart_error)?;
        root.draw(&Rectangle::new(
            [(x - 3, y - 3), (x + 3, y + 3)],
            status_colour(p.status).filled(),
        ))
        .map_err(chart_error)?;
    }
    // Legend: the statuses (circles: communities; squares: plots), then the area.
    let y0 = (MAP_SIZE.1 - legend) as i32 + 20;
    for (n, status) in (0_i32..).zip(PlaceStatus::ALL) {
        let (x, y) = (14 + (n % 2) * 440, y0 + (n / 2) * 26);
        root.draw(&Circle::new((x + 8, y), 8, status_colour(status).filled()))
            .map_err(chart_error)?;
        root.draw(&text(status.name(locale).to_owned(), x + 24, y, 16.0))
            .map_err(chart_error)?;
    }
    let note = if map.plots_left_out > 0 {
        format!(
            "{} {}: {}",
            locale.t(Msg::DashboardMapLegend),
            locale.t(Msg::DashboardPlotsLeftOut),
            map.plots_left_out
        )
    } else if map.plots.is_empty() {
        locale.t(Msg::DashboardMapLegend).to_owned()
    } else {
        locale.t(Msg::DashboardMapLegendPlots).to_owned()
    };
    root.draw(&text(shorten(&note, 110), 14, y0 + 54, 15.0))
        .map_err(chart_error)?;
    root.present().map_err(chart_error)?;
    Ok(())
}

fn csv_line(cells: &[String]) -> String {
    let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
    format!("{}\r\n", line.join(","))
}

/// A chart's numbers as CSV: every row with its period, unit (and currency) and value.
pub fn chart_csv(d: &Dashboard, c: DashboardChart) -> String {
    let r = &d.figures;
    let locale = r.spec.language;
    match c {
        DashboardChart::Hectares => report_document::csv_rows(r, &|s, _, _| s == "hectares"),
        DashboardChart::Eradication => report_document::csv_rows(r, &|s, _, item| {
            s == "eradication"
                || (s == "summary"
                    && matches!(
                        item,
                        "agreements_signed"
                            | "committed_hectares"
                            | "verified_hectares"
                            | "replanting_found"
                    ))
        }),
        DashboardChart::Beneficiaries => report_document::csv_rows(r, &|s, _, item| {
            s == "summary" && matches!(item, "households" | "beneficiaries" | "support_delivered")
        }),
        DashboardChart::Results => report_document::csv_rows(r, &|s, _, _| s == "results"),
        DashboardChart::Funding(i) => {
            let title = r
                .funding
                .get(i)
                .map(|f| f.title.clone())
                .unwrap_or_default();
            report_document::csv_rows(r, &|s, subject, _| s == "funding" && subject == title)
        }
        DashboardChart::Income(i) => {
            let mut out = csv_line(&[
                locale.t(Msg::QuarterAxis).to_owned(),
                locale.t(Msg::CsvPeriodStart).to_owned(),
                locale.t(Msg::CsvPeriodEnd).to_owned(),
                locale.t(Msg::Currency).to_owned(),
                locale.t(Msg::IncomePlanned).to_owned(),
                locale.t(Msg::IncomeObserved).to_owned(),
                locale.t(Msg::IncomeHouseholdsVisited).to_owned(),
                locale.t(Msg::IncomeHouseholdsPlanned).to_owned(),
                locale.t(Msg::CsvNote).to_owned(),
            ]);
            if let Some(series) = d.income.get(i) {
                let mut start = d.filter.from;
                for p in &series.points {
                    let opt = |v: Option<Decimal>| {
                        v.map(|v| v.normalize().to_string()).unwrap_or_default()
                    };
                    out.push_str(&csv_line(&[
                        quarter_label(p.end, locale),
                        start.to_string(),
                        p.end.to_string(),
                        series.currency.clone(),
                        opt(p.planned),
                        opt(p.observed),
                        p.households_visited.to_string(),
                        p.households_planned.to_string(),
                        if p.observed_withheld { "withheld" } else { "" }.to_owned(),
                    ]));
                    start = p.end.succ_opt().unwrap_or(p.end);
                }
            }
            out
        }
        DashboardChart::Map => {
            let mut out = csv_line(&[
                locale.t(Msg::CsvPeriodStart).to_owned(),
                locale.t(Msg::CsvPeriodEnd).to_owned(),
                locale.t(Msg::DashboardStatus).to_owned(),
                locale.t(Msg::DashboardCommunities).to_owned(),
            ]);
            for (status, n) in PlaceStatus::ALL.into_iter().zip(&d.map.community_counts) {
                out.push_str(&csv_line(&[
                    d.filter.from.to_string(),
                    d.filter.until.to_string(),
                    status.code().to_owned(),
                    n.to_string(),
                ]));
            }
            out
        }
    }
}

fn numbers(t: report_document::Table) -> NumbersTable {
    NumbersTable {
        caption: t.caption,
        headers: t.headers,
        rows: t
            .rows
            .into_iter()
            .map(|row| row.iter().map(|v| v.text().to_owned()).collect())
            .collect(),
    }
}

/// A chart's numbers as the page's table.
pub fn chart_table(d: &Dashboard, c: DashboardChart) -> NumbersTable {
    let r = &d.figures;
    let locale = r.spec.language;
    let decimal =
        |v: Option<Decimal>| v.map_or_else(String::new, |v| crate::format::decimal(v, locale));
    if let Some(chart) = report_chart(c) {
        return numbers(report_document::chart_table(r, chart));
    }
    match c {
        DashboardChart::Results => numbers(report_document::results_table_of(r)),
        DashboardChart::Income(i) => {
            let series = d.income.get(i);
            let currency = series.map(|s| s.currency.clone()).unwrap_or_default();
            NumbersTable {
                caption: format!("{} ({currency})", locale.t(Msg::DashboardIncomeChart)),
                headers: vec![
                    locale.t(Msg::QuarterAxis).to_owned(),
                    format!("{} ({currency})", locale.t(Msg::IncomePlanned)),
                    format!("{} ({currency})", locale.t(Msg::IncomeObserved)),
                    locale.t(Msg::IncomeHouseholdsVisited).to_owned(),
                    locale.t(Msg::IncomeHouseholdsPlanned).to_owned(),
                ],
                rows: series
                    .map(|s| {
                        s.points
                            .iter()
                            .map(|p| {
                                vec![
                                    quarter_label(p.end, locale),
                                    decimal(p.planned),
                                    match p.observed {
                                        Some(v) => crate::format::decimal(v, locale),
                                        None if p.observed_withheld => {
                                            report_document::WITHHELD.to_owned()
                                        }
                                        None => String::new(),
                                    },
                                    p.households_visited.to_string(),
                                    p.households_planned.to_string(),
                                ]
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        }
        _ => NumbersTable {
            caption: locale.t(Msg::DashboardMap).to_owned(),
            headers: vec![
                locale.t(Msg::DashboardStatus).to_owned(),
                locale.t(Msg::DashboardCommunities).to_owned(),
            ],
            rows: PlaceStatus::ALL
                .into_iter()
                .zip(&d.map.community_counts)
                .map(|(s, n)| vec![s.name(locale).to_owned(), n.to_string()])
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::MapPlace;

    #[test]
    fn a_long_label_is_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Hectares of cacao", 40), "Hectares of cacao");
        assert_eq!(shorten("abcdefghij", 5), "abcd…");
    }

    #[test]
    fn the_status_map_names_every_status_in_its_legend() {
        let map = StatusMap {
            communities: vec![MapPlace {
                lon: -72.6,
                lat: 2.5,
                status: PlaceStatus::Reducing,
            }],
            community_counts: vec![0, 1, 0, 0],
            ..StatusMap::default()
        };
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, MAP_SIZE).into_drawing_area();
            draw_status_map("Map: Sur", &map, Locale::Es, root).unwrap();
        }
        for status in PlaceStatus::ALL {
            assert!(svg.contains(status.name(Locale::Es)), "{status:?}");
        }
        assert!(svg.contains("<circle"), "{svg}");
    }
}
