//! Charts drawn with plotters as SVG on the server, so the browser bundle carries no drawing code.
//! Colours come from the Okabe–Ito palette, which people with colour-vision deficiencies can tell
//! apart.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The Okabe–Ito colour-blind-safe palette (without black, kept for text).
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(240, 228, 66),  // yellow
];

/// A chart could not be drawn (plotters reported an error while writing the SVG).
#[derive(Debug, thiserror::Error)]
#[error("the chart could not be drawn: {0}")]
pub struct ChartError(pub(crate) String);

pub(crate) fn chart_error<E: std::fmt::Debug>(e: E) -> ChartError {
    ChartError(format!("{e:?}"))
}

/// One bar: its label and its value (values are only drawn, never added up, so `f64` is fine).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The category's label.
    pub label: String,
    /// The bar's height.
    pub value: f64,
    /// The value as the page writes it (locale formatting, unit).
    pub value_text: String,
}

/// A titled vertical bar chart with a labelled value axis, as an SVG document. `tick` writes the
/// value axis's numbers (in the reader's locale).
pub fn bar_chart_svg(
    title: &str,
    value_axis: &str,
    bars: &[Bar],
    tick: &dyn Fn(f64) -> String,
) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, BAR_CHART_SIZE).into_drawing_area();
        draw_bar_chart(root, title, value_axis, bars, tick)?;
    }
    Ok(svg)
}

/// The bar chart's size in pixels.
pub const BAR_CHART_SIZE: (u32, u32) = (760, 420);

/// [`bar_chart_svg`] drawn on any plotters backend of [`BAR_CHART_SIZE`].
pub fn draw_bar_chart<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    title: &str,
    value_axis: &str,
    bars: &[Bar],
    tick: &dyn Fn(f64) -> String,
) -> Result<(), ChartError> {
    {
        root.fill(&WHITE).map_err(chart_error)?;
        let top = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
        let top = if top > 0.0 { top * 1.18 } else { 1.0 };
        let count = bars.len().max(1);
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 24).into_font().color(&BLACK))
            .margin(18)
            .x_label_area_size(56)
            .y_label_area_size(84)
            .build_cartesian_2d((0..count - 1).into_segmented(), 0.0..top)
            .map_err(chart_error)?;
        let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
        let label_of = |x: &SegmentValue<usize>| match x {
            SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(RGBColor(220, 220, 220))
            .light_line_style(TRANSPARENT)
            .y_desc(value_axis)
            .x_labels(count)
            .x_label_formatter(&label_of)
            .y_label_formatter(&|v: &f64| tick(*v))
            .x_label_style(("sans-serif", 17.5))
            .y_label_style(("sans-serif", 17.5))
            .axis_desc_style(("sans-serif", 18))
            .draw()
            .map_err(chart_error)?;
        chart
            .draw_series(bars.iter().enumerate().map(|(i, bar)| {
                let colour = PALETTE[i % PALETTE.len()];
                let mut rect = Rectangle::new(
                    [
                        (SegmentValue::Exact(i), 0.0),
                        (SegmentValue::Exact(i + 1), bar.value),
                    ],
                    colour.filled(),
                );
                rect.set_margin(0, 0, 10, 10);
                rect
            }))
            .map_err(chart_error)?;
        chart
            .draw_series(bars.iter().enumerate().map(|(i, bar)| {
                Text::new(
                    bar.value_text.clone(),
                    (SegmentValue::CenterOf(i), bar.value + top * 0.02),
                    ("sans-serif", 17.5)
                        .into_font()
                        .color(&BLACK)
                        .pos(Pos::new(HPos::Center, VPos::Bottom)),
                )
            }))
            .map_err(chart_error)?;
        root.present().map_err(chart_error)?;
    }
    Ok(())
}

/// The project page's chart: planned hectares for each alternative crop, titled and labelled in
/// `locale`.
pub fn planned_hectares_svg(
    planned: &[crate::project::PlannedCrop],
    locale: crate::i18n::Locale,
) -> Result<String, ChartError> {
    use crate::i18n::Msg;
    use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
    let unit = locale.t(Msg::HectaresUnit);
    let bars: Vec<Bar> = planned
        .iter()
        .map(|p| Bar {
            label: p.crop.name(locale).to_owned(),
            value: p.hectares.to_f64().unwrap_or(0.0),
            value_text: format!("{} {unit}", crate::format::decimal(p.hectares, locale)),
        })
        .collect();
    let axis = format!("{} ({unit})", locale.t(Msg::Hectares));
    let tick = |v: f64| {
        let rounded = rust_decimal::Decimal::from_f64(v.round()).unwrap_or_default();
        crate::format::decimal(rounded.round(), locale)
    };
    bar_chart_svg(locale.t(Msg::PlannedHectaresByCrop), &axis, &bars, &tick)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_chart_is_an_svg_with_its_title_labels_and_values() {
        let bars = vec![
            Bar {
                label: "Cocoa".into(),
                value: 1200.5,
                value_text: "1,200.5 ha".into(),
            },
            Bar {
                label: "Coffee".into(),
                value: 300.0,
                value_text: "300 ha".into(),
            },
        ];
        let svg = bar_chart_svg("Planned hectares by crop", "Hectares", &bars, &|v| {
            format!("{v:.0}")
        })
        .unwrap();
        assert!(svg.starts_with("<svg"));
        for text in [
            "Planned hectares by crop",
            "Hectares",
            "Cocoa",
            "Coffee",
            "1,200.5 ha",
        ] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert!(
            svg.contains("#0072B2") || svg.contains("#0072b2"),
            "palette colour"
        );
    }

    #[test]
    fn an_empty_bar_chart_still_draws() {
        assert!(
            bar_chart_svg("t", "y", &[], &|v| v.to_string())
                .unwrap()
                .starts_with("<svg")
        );
    }
}
