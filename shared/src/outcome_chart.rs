//! The outcome charts of the dashboards: illicit against licit hectares on the registered plots,
//! and hectares committed against those verified eradicated, quarter by quarter. Drawn as SVG on
//! the server in the reader's language, titled with what and whose, the axes named with their
//! units, in the colour-blind-safe palette, lines also told apart by their markers.

use crate::charts::{ChartError, PALETTE, chart_error};
use crate::i18n::{Locale, Msg};
use crate::outcomes::{EradicationPoint, HectaresPoint, quarter_label};
use crate::transition_chart::{Swatch, draw_legend, tick_text};
use chrono::NaiveDate;
use plotters::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The charts' width in pixels.
pub const WIDTH: u32 = 900;
/// The charts' height in pixels.
pub const HEIGHT: u32 = 440;
const LEGEND_HEIGHT: u32 = 64;

/// One line of a chart: its name, colour and a value per quarter (`None`: a gap).
pub(crate) struct Line {
    pub(crate) name: String,
    pub(crate) colour: RGBColor,
    pub(crate) values: Vec<Option<f64>>,
    pub(crate) square: bool,
}

fn value(d: Decimal) -> Option<f64> {
    Some(d.to_f64().unwrap_or(0.0))
}

pub(crate) fn lines_svg(
    title: &str,
    y_desc: &str,
    ends: &[NaiveDate],
    lines: &[Line],
    locale: Locale,
) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        draw_lines(root, title, y_desc, ends, lines, locale)?;
    }
    Ok(svg)
}

pub(crate) fn draw_lines<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    title: &str,
    y_desc: &str,
    ends: &[NaiveDate],
    lines: &[Line],
    locale: Locale,
) -> Result<(), ChartError> {
    let peak = lines
        .iter()
        .flat_map(|l| l.values.iter().flatten().copied())
        .fold(0.0, f64::max);
    let top = if peak > 0.0 { peak * 1.12 } else { 1.0 };
    let decimals = if top >= 100.0 { 0 } else { 1 };
    let count = i32::try_from(ends.len()).unwrap_or(i32::MAX).max(1);
    let labels: Vec<String> = ends.iter().map(|e| quarter_label(*e, locale)).collect();
    let step = (ends.len() / 8).max(1);
    {
        root.fill(&WHITE).map_err(chart_error)?;
        let (plot_area, legend_area) = root.split_vertically(HEIGHT - LEGEND_HEIGHT);
        let mut chart = ChartBuilder::on(&plot_area)
            .caption(title, ("sans-serif", 24).into_font().color(&BLACK))
            .margin(14)
            .margin_right(40)
            .x_label_area_size(52)
            .y_label_area_size(96)
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
            .y_desc(y_desc)
            .x_labels(ends.len().clamp(1, 12))
            .x_label_formatter(&label_of)
            .y_label_formatter(&|v: &f64| tick_text(*v, decimals, locale))
            .x_label_style(("sans-serif", 17.5))
            .y_label_style(("sans-serif", 17.5))
            .axis_desc_style(("sans-serif", 18))
            .draw()
            .map_err(chart_error)?;
        for line in lines {
            let points: Vec<(i32, f64)> = (0..)
                .zip(line.values.iter().copied())
                .filter_map(|(x, v)| v.map(|v| (x, v)))
                .collect();
            // A gap breaks the line: each run of consecutive quarters is drawn on its own.
            let mut runs: Vec<Vec<(i32, f64)>> = Vec::new();
            for p in &points {
                match runs.last_mut() {
                    Some(run) if run.last().is_some_and(|l| l.0 + 1 == p.0) => run.push(*p),
                    _ => runs.push(vec![*p]),
                }
            }
            for run in runs {
                chart
                    .draw_series(LineSeries::new(run, line.colour.stroke_width(3)))
                    .map_err(chart_error)?;
            }
            if line.square {
                chart
                    .draw_series(points.into_iter().map(|(x, y)| {
                        EmptyElement::at((x, y))
                            + Rectangle::new([(-4, -4), (4, 4)], line.colour.filled())
                    }))
                    .map_err(chart_error)?;
            } else {
                chart
                    .draw_series(
                        points
                            .into_iter()
                            .map(|(x, y)| Circle::new((x, y), 4, line.colour.filled())),
                    )
                    .map_err(chart_error)?;
            }
        }
        let entries: Vec<(Swatch, String)> = lines
            .iter()
            .map(|l| (Swatch::Line(l.colour), l.name.clone()))
            .collect();
        draw_legend(&legend_area, &entries)?;
        root.present().map_err(chart_error)?;
    }
    Ok(())
}

/// Illicit against licit hectares on the plots of `subject`.
pub fn hectares_svg(
    subject: &str,
    points: &[HectaresPoint],
    locale: Locale,
) -> Result<String, ChartError> {
    let (title, ends, lines) = hectares_lines(subject, points, locale);
    lines_svg(&title, locale.t(Msg::HectaresAxis), &ends, &lines, locale)
}

/// [`hectares_svg`] drawn on any plotters backend of [`WIDTH`] by [`HEIGHT`] pixels.
pub fn draw_hectares<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    subject: &str,
    points: &[HectaresPoint],
    locale: Locale,
) -> Result<(), ChartError> {
    let (title, ends, lines) = hectares_lines(subject, points, locale);
    draw_lines(
        root,
        &title,
        locale.t(Msg::HectaresAxis),
        &ends,
        &lines,
        locale,
    )
}

fn hectares_lines(
    subject: &str,
    points: &[HectaresPoint],
    locale: Locale,
) -> (String, Vec<NaiveDate>, Vec<Line>) {
    (
        format!("{}: {subject}", locale.t(Msg::HectaresChartTitle)),
        points.iter().map(|p| p.end).collect(),
        vec![
            Line {
                name: locale.t(Msg::OutcomeIllicit).to_owned(),
                colour: PALETTE[5],
                values: points.iter().map(|p| value(p.illicit)).collect(),
                square: false,
            },
            Line {
                name: locale.t(Msg::OutcomeLicit).to_owned(),
                colour: PALETTE[2],
                values: points.iter().map(|p| value(p.licit)).collect(),
                square: true,
            },
        ],
    )
}

/// Hectares committed against hectares verified eradicated in the agreements of `subject`.
pub fn eradication_svg(
    subject: &str,
    points: &[EradicationPoint],
    locale: Locale,
) -> Result<String, ChartError> {
    let (title, ends, lines) = eradication_lines(subject, points, locale);
    lines_svg(&title, locale.t(Msg::HectaresAxis), &ends, &lines, locale)
}

/// [`eradication_svg`] drawn on any plotters backend of [`WIDTH`] by [`HEIGHT`] pixels.
pub fn draw_eradication<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    subject: &str,
    points: &[EradicationPoint],
    locale: Locale,
) -> Result<(), ChartError> {
    let (title, ends, lines) = eradication_lines(subject, points, locale);
    draw_lines(
        root,
        &title,
        locale.t(Msg::HectaresAxis),
        &ends,
        &lines,
        locale,
    )
}

fn eradication_lines(
    subject: &str,
    points: &[EradicationPoint],
    locale: Locale,
) -> (String, Vec<NaiveDate>, Vec<Line>) {
    (
        format!("{}: {subject}", locale.t(Msg::EradicationChartTitle)),
        points.iter().map(|p| p.end).collect(),
        vec![
            Line {
                name: locale.t(Msg::OutcomeCommitted).to_owned(),
                colour: PALETTE[0],
                values: points.iter().map(|p| value(p.committed)).collect(),
                square: false,
            },
            Line {
                name: locale.t(Msg::OutcomeVerified).to_owned(),
                colour: PALETTE[1],
                values: points.iter().map(|p| value(p.verified)).collect(),
                square: true,
            },
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn the_hectares_chart_is_titled_with_its_subject_and_names_its_unit() {
        let point = |m, illicit, licit| HectaresPoint {
            end: NaiveDate::from_ymd_opt(2025, m, 30).unwrap(),
            illicit,
            licit,
            plots: 2,
        };
        let points = [
            point(3, dec!(2), dec!(0.25)),
            point(6, dec!(0.5), dec!(1.45)),
        ];
        let svg = hectares_svg("Cacao del Sur", &points, Locale::En).unwrap();
        assert!(svg.starts_with("<svg"));
        for text in [
            "Illicit and licit crops: Cacao del Sur",
            "Hectares (ha)",
            "2025 Q1",
            "Illicit crops",
        ] {
            assert!(svg.contains(text), "{text}");
        }
        let es = eradication_svg("Cacao", &[], Locale::Es).unwrap();
        assert!(es.contains("Erradicación"), "{es}");
    }
}
