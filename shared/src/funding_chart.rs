//! The funding chart of a project, program or donor: what was committed, disbursed and spent,
//! cumulative quarter by quarter, against the budget (a dashed line), with the spending rate of
//! the last quarter in the legend. Drawn as SVG on the server, in the reader's language.

use crate::charts::{ChartError, PALETTE, chart_error};
use crate::format;
use crate::funding::FundingPoint;
use crate::i18n::{Locale, Msg};
use crate::transition_chart::{Swatch, draw_legend, tick_text};
use plotters::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The chart's width in pixels.
pub const WIDTH: u32 = 900;
/// The chart's height in pixels.
pub const HEIGHT: u32 = 440;
const LEGEND_HEIGHT: u32 = 64;

/// Draws the figures `points` (in `currency`) against `budget` as an SVG document titled with
/// `name`.
pub fn funding_svg(
    name: &str,
    points: &[FundingPoint],
    budget: Option<Decimal>,
    currency: &str,
    locale: Locale,
) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        draw_funding(root, name, points, budget, currency, locale)?;
    }
    Ok(svg)
}

/// [`funding_svg`] drawn on any plotters backend of [`WIDTH`] by [`HEIGHT`] pixels.
pub fn draw_funding<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    name: &str,
    points: &[FundingPoint],
    budget: Option<Decimal>,
    currency: &str,
    locale: Locale,
) -> Result<(), ChartError> {
    let value = |d: Decimal| d.to_f64().unwrap_or(0.0);
    let budget_value = budget.map(value).unwrap_or(0.0);
    let peak = points
        .iter()
        .flat_map(|p| [p.committed, p.disbursed, p.spent])
        .map(value)
        .fold(budget_value, f64::max);
    let top = if peak > 0.0 { peak * 1.12 } else { 1.0 };
    let decimals = if top >= 100.0 { 0 } else { 2 };
    let count = i32::try_from(points.len()).unwrap_or(i32::MAX).max(1);
    let labels: Vec<String> = points
        .iter()
        .map(|p| crate::outcomes::quarter_label(p.end, locale))
        .collect();
    // At most eight labels along the axis.
    let step = (points.len() / 8).max(1);
    {
        root.fill(&WHITE).map_err(chart_error)?;
        let (plot_area, legend_area) = root.split_vertically(HEIGHT - LEGEND_HEIGHT);
        let mut chart = ChartBuilder::on(&plot_area)
            .caption(
                format!("{}: {name}", locale.t(Msg::FundingChartTitle)),
                ("sans-serif", 24).into_font().color(&BLACK),
            )
            .margin(14)
            .x_label_area_size(52)
            .y_label_area_size(124)
            .build_cartesian_2d(0..(count - 1).max(1), 0.0..top)
            .map_err(chart_error)?;
        let label_of = |i: &i32| {
            usize::try_from(*i)
                .ok()
                .filter(|i| i % step == 0)
                .and_then(|i| labels.get(i).cloned())
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(RGBColor(225, 225, 225))
            .light_line_style(TRANSPARENT)
            .x_desc(locale.t(Msg::QuarterAxis))
            .y_desc(format!("{} ({currency})", locale.t(Msg::CumulativeAxis)))
            .x_labels(points.len().clamp(1, 12))
            .x_label_formatter(&label_of)
            .y_label_formatter(&|v: &f64| tick_text(*v, decimals, locale))
            .x_label_style(("sans-serif", 17.5))
            .y_label_style(("sans-serif", 17.5))
            .axis_desc_style(("sans-serif", 18))
            .draw()
            .map_err(chart_error)?;
        if let Some(budget) = budget {
            // A dashed line across the plot, drawn in pixels.
            let y = value(budget);
            let (left, row) = chart.backend_coord(&(0, y));
            let (right, _) = chart.backend_coord(&((count - 1).max(1), y));
            let mut x = left;
            while x < right {
                root.draw(&PathElement::new(
                    vec![(x, row), ((x + 12).min(right), row)],
                    PALETTE[5].stroke_width(3),
                ))
                .map_err(chart_error)?;
                x += 20;
            }
        }
        let series = |pick: fn(&FundingPoint) -> Decimal| -> Vec<(i32, f64)> {
            (0..)
                .zip(points)
                .map(|(i, p)| (i, value(pick(p))))
                .collect()
        };
        for (colour, pick) in [
            (
                PALETTE[0],
                (|p: &FundingPoint| p.committed) as fn(&FundingPoint) -> Decimal,
            ),
            (PALETTE[1], |p: &FundingPoint| p.disbursed),
            (PALETTE[2], |p: &FundingPoint| p.spent),
        ] {
            let line = series(pick);
            chart
                .draw_series(LineSeries::new(line.clone(), colour.stroke_width(3)))
                .map_err(chart_error)?;
            chart
                .draw_series(
                    line.into_iter()
                        .map(|(x, y)| Circle::new((x, y), 4, colour.filled())),
                )
                .map_err(chart_error)?;
        }
        let rate = points
            .last()
            .and_then(|p| p.spending_rate)
            .map(|r| format::percent(r, locale))
            .unwrap_or_else(|| "—".to_owned());
        let budget_text = match budget {
            Some(b) => format!(
                "{}: {}",
                locale.t(Msg::FundingBudget),
                format::money(b, currency, locale)
            ),
            None => locale.t(Msg::FundingBudget).to_owned(),
        };
        draw_legend(
            &legend_area,
            &[
                (
                    Swatch::Line(PALETTE[0]),
                    locale.t(Msg::FundingCommitted).to_owned(),
                ),
                (
                    Swatch::Line(PALETTE[1]),
                    locale.t(Msg::FundingDisbursed).to_owned(),
                ),
                (
                    Swatch::Line(PALETTE[2]),
                    format!(
                        "{} ({}: {rate})",
                        locale.t(Msg::FundingSpent),
                        locale.t(Msg::SpendingRate)
                    ),
                ),
                (Swatch::Dashed(PALETTE[5]), budget_text),
            ],
        )?;
        root.present().map_err(chart_error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use rust_decimal::dec;

    #[test]
    fn the_funding_chart_is_titled_labelled_and_names_its_currency() {
        let point = |m: u32, c, d, s| FundingPoint {
            end: NaiveDate::from_ymd_opt(2025, m, 28).unwrap(),
            committed: c,
            disbursed: d,
            spent: s,
            spending_rate: Some(dec!(40.0)),
        };
        let points = [
            point(3, dec!(100000), dec!(50000), dec!(0)),
            point(6, dec!(100000), dec!(80000), dec!(32000)),
        ];
        let svg = funding_svg("Cacao", &points, Some(dec!(120000)), "USD", Locale::En).unwrap();
        assert!(svg.starts_with("<svg"));
        for text in ["Funding: Cacao", "(USD)", "2025 Q1", "Spent", "40.0 %"] {
            assert!(svg.contains(text), "{text}");
        }
        let es = funding_svg("Cacao", &points, None, "COP", Locale::Es).unwrap();
        assert!(es.contains("2025 T2") && es.contains("Gastado"));
    }
}
