//! The income-transition chart of a livelihood plan: licit income month by month against the
//! illicit income given up, with the income valley between them shaded and the recovery month
//! marked, so a program officer sees at a glance how deep and how long the valley is that
//! bridging support must cover. Drawn as SVG on the server, in the reader's language.

use crate::charts::{ChartError, PALETTE, chart_error};
use crate::format;
use crate::i18n::Locale;
use crate::income::{Transition, months_between};
use crate::livelihood::LivelihoodPlan;
use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

/// The chart's width in pixels (fits a printed A4 page in landscape or a wide column).
pub const WIDTH: u32 = 900;
/// The chart's height in pixels.
pub const HEIGHT: u32 = 420;
/// The strip under the plot that holds the legend.
const LEGEND_HEIGHT: u32 = 64;
/// The width reserved for the value axis's labels (large incomes in pesos are long numbers).
const Y_LABELS: u32 = 124;
const MARGIN: u32 = 14;
const FONT: &str = "sans-serif";
// plotters writes an SVG font size of its size / 1.24: these give 14, 14.5 and 19 px.
const TEXT_SIZE: f64 = 17.5;
const AXIS_SIZE: f64 = 18.0;
const TITLE_SIZE: f64 = 24.0;

/// The chart's words in one language.
struct Words {
    title: &'static str,
    value_axis: &'static str,
    month_axis: &'static str,
    licit: &'static str,
    illicit: &'static str,
    a_month: &'static str,
    valley: &'static str,
    recovery: &'static str,
    no_recovery: &'static str,
}

fn words(locale: Locale) -> Words {
    match locale {
        Locale::En => Words {
            title: "Income transition",
            value_axis: "Monthly income",
            month_axis: "Month",
            licit: "Licit income",
            illicit: "Illicit income given up",
            a_month: "a month",
            valley: "Income valley (gap for bridging support)",
            recovery: "Recovery",
            no_recovery: "No recovery within the horizon",
        },
        Locale::Es => Words {
            title: "Transición de ingresos",
            value_axis: "Ingreso mensual",
            month_axis: "Mes",
            licit: "Ingreso lícito",
            illicit: "Ingreso ilícito que se deja",
            a_month: "al mes",
            valley: "Valle de ingresos (brecha del apoyo puente)",
            recovery: "Recuperación",
            no_recovery: "Sin recuperación dentro del horizonte",
        },
    }
}

/// A month as the locale writes it: `Mar 2025` / `mar 2025`.
fn month_name(month: NaiveDate, locale: Locale) -> String {
    let date = format::date(month.with_day(1).unwrap_or(month), locale);
    date.split_once(' ')
        .map(|(_, rest)| rest.to_owned())
        .unwrap_or(date)
}

/// The labelled ticks of the month axis: the first month written out, then the Januaries with
/// their year, every year or every few years so that labels never crowd at print size.
fn month_ticks(first: NaiveDate, count: i32, locale: Locale) -> Vec<(i32, String)> {
    let plot_width = f64::from(WIDTH - Y_LABELS - 2 * MARGIN);
    let pixels_per_month = plot_width / f64::from(count.max(1));
    let step = (1..=20)
        .find(|years| f64::from(12 * years) * pixels_per_month >= 56.0)
        .unwrap_or(20);
    let mut ticks = vec![(0, month_name(first, locale))];
    let mut last_year: Option<i32> = None;
    for index in 1..count {
        let month = crate::income::month_after(first, u32::try_from(index).unwrap_or(0));
        let far_enough = f64::from(index) * pixels_per_month >= 60.0;
        let due = last_year.is_none_or(|last| month.year() - last >= step);
        if month.month() == 1 && far_enough && due {
            ticks.push((index, month.year().to_string()));
            last_year = Some(month.year());
        }
    }
    ticks
}

/// A value-axis number in the reader's locale: whole units for incomes, two decimals for small
/// ranges.
pub(crate) fn tick_text(value: f64, decimals: u32, locale: Locale) -> String {
    let rounded = Decimal::from_f64(value)
        .unwrap_or_default()
        .round_dp(decimals);
    format::decimal(rounded, locale)
}

/// Draws a transition as an SVG document of [`WIDTH`] × [`HEIGHT`] pixels: licit income month by
/// month (a line over a light area), `illicit_monthly` — the illicit income given up, for one
/// household or all, matching `transition` — as a dashed reference line, the valley between them
/// shaded, the recovery month marked, the title (`plan_name` and "income transition"), the month
/// axis with year labels and the value axis "Monthly income (`currency`)" in `locale`, and a
/// legend.
pub fn transition_svg(
    plan_name: &str,
    transition: &Transition,
    illicit_monthly: Decimal,
    currency: &str,
    locale: Locale,
) -> Result<String, ChartError> {
    let w = words(locale);
    let months = &transition.months;
    let count = i32::try_from(months.len()).unwrap_or(i32::MAX).max(1);
    let first = months
        .first()
        .map(|m| m.month)
        .or(transition.recovers)
        .unwrap_or_default();
    let illicit = illicit_monthly.to_f64().unwrap_or(0.0);
    let licit: Vec<f64> = months
        .iter()
        .map(|m| m.licit_income.to_f64().unwrap_or(0.0))
        .collect();
    let peak = licit.iter().copied().fold(illicit, f64::max);
    let top = if peak > 0.0 { peak * 1.12 } else { 1.0 };
    let decimals = if top >= 100.0 { 0 } else { 2 };
    let ticks = month_ticks(first, count, locale);
    let recovery = transition
        .recovers
        .map(|month| (months_between(first, month), month));

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let (plot_area, legend_area) = root.split_vertically(HEIGHT - LEGEND_HEIGHT);
        let key_points: Vec<i32> = ticks.iter().map(|(i, _)| *i).collect();
        let mut chart = ChartBuilder::on(&plot_area)
            .caption(
                format!("{}: {plan_name}", w.title),
                (FONT, TITLE_SIZE).into_font().color(&BLACK),
            )
            .margin(MARGIN)
            .x_label_area_size(52)
            .y_label_area_size(Y_LABELS)
            .build_cartesian_2d((0..count).with_key_points(key_points), 0.0..top)
            .map_err(chart_error)?;
        let label_of = |index: &i32| {
            ticks
                .iter()
                .find(|(i, _)| i == index)
                .map(|(_, text)| text.clone())
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(RGBColor(225, 225, 225))
            .light_line_style(TRANSPARENT)
            .x_desc(w.month_axis)
            .y_desc(format!("{} ({currency})", w.value_axis))
            .x_label_formatter(&label_of)
            .y_label_formatter(&|v: &f64| tick_text(*v, decimals, locale))
            .x_label_style((FONT, TEXT_SIZE))
            .y_label_style((FONT, TEXT_SIZE))
            .axis_desc_style((FONT, AXIS_SIZE))
            .draw()
            .map_err(chart_error)?;

        // The valley: each month's gap between licit income and the illicit income given up.
        chart
            .draw_series(
                months
                    .iter()
                    .zip(&licit)
                    .zip(0..)
                    .filter(|((m, _), _)| !m.gap.is_zero())
                    .map(|((_, value), i)| {
                        Rectangle::new(
                            [(i, *value), (i + 1, illicit)],
                            PALETTE[1].mix(0.4).filled(),
                        )
                    }),
            )
            .map_err(chart_error)?;
        // Licit income holds for the whole month, so it is drawn as steps.
        let steps: Vec<(i32, f64)> = licit
            .iter()
            .zip(0..)
            .flat_map(|(value, i)| [(i, *value), (i + 1, *value)])
            .collect();
        chart
            .draw_series(AreaSeries::new(
                steps.clone(),
                0.0,
                PALETTE[0].mix(0.12).filled(),
            ))
            .map_err(chart_error)?;
        chart
            .draw_series(LineSeries::new(steps, PALETTE[0].stroke_width(3)))
            .map_err(chart_error)?;
        chart
            .draw_series(DashedLineSeries::new(
                [(0, illicit), (count, illicit)],
                12,
                7,
                PALETTE[5].stroke_width(3),
            ))
            .map_err(chart_error)?;
        if let Some((index, month)) = recovery {
            let index = i32::try_from(index).unwrap_or(0);
            chart
                .draw_series(LineSeries::new(
                    [(index, 0.0), (index, top)],
                    PALETTE[2].stroke_width(2),
                ))
                .map_err(chart_error)?;
            // Near the right edge the label goes to the left of the line.
            let right_side = f64::from(index) < f64::from(count) * 0.7;
            let (anchor, shift) = if right_side {
                (HPos::Left, 6)
            } else {
                (HPos::Right, -6)
            };
            let label = format!("{}: {}", w.recovery, month_name(month, locale));
            let style = (FONT, TEXT_SIZE)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(anchor, VPos::Top));
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((index, top)) + Text::new(label, (shift, 6), style),
                ))
                .map_err(chart_error)?;
        }

        let recovery_text = match recovery {
            Some((_, month)) => format!("{}: {}", w.recovery, month_name(month, locale)),
            None => w.no_recovery.to_owned(),
        };
        let illicit_text = format!(
            "{}: {} {currency} {}",
            w.illicit,
            format::decimal(illicit_monthly, locale),
            w.a_month
        );
        draw_legend(
            &legend_area,
            &[
                (Swatch::Line(PALETTE[0]), w.licit.to_owned()),
                (Swatch::Area(PALETTE[1]), w.valley.to_owned()),
                (Swatch::Dashed(PALETTE[5]), illicit_text),
                (Swatch::Line(PALETTE[2]), recovery_text),
            ],
        )?;
        root.present().map_err(chart_error)?;
    }
    Ok(svg)
}

/// How a legend entry shows its series.
pub(crate) enum Swatch {
    Line(RGBColor),
    Dashed(RGBColor),
    Area(RGBColor),
}

/// The legend under the plot: two rows of two entries, each a swatch and its label; the left
/// column is wider for the illicit income's longer label.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    entries: &[(Swatch, String)],
) -> Result<(), ChartError> {
    for (n, (swatch, label)) in (0..).zip(entries) {
        let x = if n % 2 == 0 { 20 } else { 500 };
        let y = 18 + (n / 2) * 26;
        match swatch {
            Swatch::Line(colour) => area
                .draw(&PathElement::new(
                    vec![(x, y), (x + 30, y)],
                    colour.stroke_width(3),
                ))
                .map_err(chart_error)?,
            Swatch::Dashed(colour) => {
                for start in [x, x + 19] {
                    area.draw(&PathElement::new(
                        vec![(start, y), (start + 11, y)],
                        colour.stroke_width(3),
                    ))
                    .map_err(chart_error)?;
                }
            }
            Swatch::Area(colour) => area
                .draw(&Rectangle::new(
                    [(x, y - 8), (x + 30, y + 8)],
                    colour.mix(0.4).filled(),
                ))
                .map_err(chart_error)?,
        }
        area.draw(&Text::new(
            label.clone(),
            (x + 40, y),
            (FONT, TEXT_SIZE)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(chart_error)?;
    }
    Ok(())
}

/// The chart of one household of `plan`.
pub fn household_transition_svg(
    plan: &LivelihoodPlan,
    locale: Locale,
) -> Result<String, ChartError> {
    let scope = match locale {
        Locale::En => "one household",
        Locale::Es => "un hogar",
    };
    transition_svg(
        &format!("{} ({scope})", plan.name),
        &plan.household_transition(),
        plan.illicit_income_monthly,
        &plan.currency,
        locale,
    )
}

/// The chart of all the households of `plan` together.
pub fn total_transition_svg(plan: &LivelihoodPlan, locale: Locale) -> Result<String, ChartError> {
    let count = format::decimal(Decimal::from(plan.households), locale);
    let scope = match (locale, plan.households) {
        (Locale::En, 1) => "1 household".to_owned(),
        (Locale::Es, 1) => "1 hogar".to_owned(),
        (Locale::En, _) => format!("all {count} households"),
        (Locale::Es, _) => format!("los {count} hogares"),
    };
    transition_svg(
        &format!("{} ({scope})", plan.name),
        &plan.total_transition(),
        plan.total_illicit_income_monthly(),
        &plan.currency,
        locale,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crop::AlternativeCrop;
    use crate::livelihood::{MarketChannel, ValueChain};
    use rust_decimal::dec;

    fn day(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    /// The worked example of `livelihood`: cocoa and a plantain bridge, recovering in March 2028.
    fn plan() -> LivelihoodPlan {
        let cocoa = ValueChain {
            crop: AlternativeCrop::Cocoa,
            hectares: dec!(2),
            planting_month: day(2025, 3),
            yield_curve: vec![dec!(0), dec!(0), dec!(400), dec!(800)],
            price_per_kg: dec!(9000),
            market_channel: MarketChannel::Cooperative,
            certification: None,
        };
        let plantain = ValueChain {
            crop: AlternativeCrop::Banana,
            hectares: dec!(0.5),
            yield_curve: vec![dec!(6000), dec!(12000)],
            price_per_kg: dec!(800),
            ..cocoa.clone()
        };
        LivelihoodPlan {
            id: 1,
            project_id: 3,
            community_id: None,
            name: "Cacao La Esperanza".into(),
            households: 1200,
            illicit_income_monthly: dec!(1200000),
            currency: "COP".into(),
            eradication_month: day(2025, 3),
            horizon_months: 72,
            value_chains: vec![cocoa, plantain],
        }
    }

    /// The texts of the SVG, trimmed.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let body = t.split_once('>')?.1;
                Some(body.split("</text>").next()?.trim().to_owned())
            })
            .collect()
    }

    fn assert_has(svg: &str, wanted: &[&str]) {
        let all = texts(svg);
        for text in wanted {
            assert!(all.iter().any(|t| t == text), "missing {text} in {all:?}");
        }
    }

    fn font_sizes(svg: &str) -> Vec<f64> {
        svg.split("font-size=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect()
    }

    #[test]
    fn the_chart_has_its_title_axes_with_the_currency_legend_and_recovery_in_english() {
        let p = plan();
        let svg = transition_svg(
            &p.name,
            &p.household_transition(),
            p.illicit_income_monthly,
            "COP",
            Locale::En,
        )
        .unwrap();
        assert!(svg.starts_with("<svg"));
        assert_has(
            &svg,
            &[
                "Income transition: Cacao La Esperanza",
                "Monthly income (COP)",
                "Month",
                "Licit income",
                "Illicit income given up: 1,200,000 COP a month",
                "Income valley (gap for bridging support)",
                "Recovery: Mar 2028",
                "Mar 2025",
                "2026",
                "2030",
                "1,000,000",
            ],
        );
        for colour in ["#0072B2", "#D55E00", "#E69F00", "#009E73"] {
            assert!(
                svg.to_uppercase().contains(colour),
                "palette colour {colour}"
            );
        }
        assert!(font_sizes(&svg).iter().all(|size| *size >= 13.0));
        assert!(!font_sizes(&svg).is_empty());
    }

    #[test]
    fn the_chart_is_drawn_in_spanish_with_spanish_numbers() {
        let svg = total_transition_svg(&plan(), Locale::Es).unwrap();
        assert_has(
            &svg,
            &[
                "Transición de ingresos: Cacao La Esperanza (los 1.200 hogares)",
                "Ingreso mensual (COP)",
                "Mes",
                "Ingreso lícito",
                "Ingreso ilícito que se deja: 1.440.000.000 COP al mes",
                "Valle de ingresos (brecha del apoyo puente)",
                "Recuperación: mar 2028",
                "mar 2025",
                "1.000.000.000",
            ],
        );
        assert!(!svg.contains("Licit income") && !svg.contains("Month"));
    }

    #[test]
    fn a_valley_beyond_the_horizon_says_so_and_an_empty_transition_still_draws() {
        let mut p = plan();
        p.horizon_months = 24;
        let svg = household_transition_svg(&p, Locale::En).unwrap();
        assert!(svg.contains("Income transition: Cacao La Esperanza (one household)"));
        assert!(svg.contains("No recovery within the horizon"));
        assert!(!svg.contains("Recovery:"));
        p.horizon_months = 0;
        let svg = household_transition_svg(&p, Locale::Es).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("Sin recuperación dentro del horizonte"));
    }

    #[test]
    fn a_plan_name_with_markup_is_escaped() {
        let mut p = plan();
        p.name = "Café & cacao <norte>".into();
        let svg = household_transition_svg(&p, Locale::En).unwrap();
        assert!(svg.contains("Café &amp; cacao &lt;norte&gt;"));
    }

    #[test]
    fn a_long_horizon_labels_every_other_year_so_labels_never_crowd() {
        let ticks = month_ticks(day(2025, 3), 240, Locale::En);
        assert_eq!(ticks[0], (0, "Mar 2025".to_owned()));
        let years: Vec<&str> = ticks[1..].iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(years[..3], ["2027", "2029", "2031"]);
        assert_eq!(ticks[1].0, 22, "January 2027");
        let short = month_ticks(day(2025, 11), 24, Locale::Es);
        assert_eq!(short[0].1, "nov 2025");
        assert_eq!(short[1], (2, "2026".to_owned()));
        // Over ten years from December, January is too close to the first label to be written.
        let december = month_ticks(day(2025, 12), 120, Locale::En);
        assert_eq!(december[1], (13, "2027".to_owned()));
    }
}
