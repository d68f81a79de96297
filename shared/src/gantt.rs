//! The project's timeline as a Gantt chart, drawn as SVG on the server: one bold row per
//! component with the span of its activities, a row per activity with a bar from its first to its
//! last day coloured by status, milestones as diamonds on their due date, a dashed line on today,
//! and a time axis of years over months or quarters in the reader's language.
//!
//! The layout is computed in pixels here rather than with a plotters chart, because a Gantt
//! chart's rows are labels, not values; plotters still writes the SVG (and escapes its text).

use crate::charts::{ChartError, PALETTE, chart_error};
use crate::i18n::Locale;
use crate::timeline::{
    Activity, ActivityStatus, Milestone, MilestoneStatus, ProjectSpan, Timeline,
};
use chrono::{Datelike, Days, NaiveDate};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The chart's width in pixels: a page's content column, and an A4 page in portrait.
pub const GANTT_WIDTH: u32 = 900;

const MARGIN: i32 = 16;
/// Labels take the column from `MARGIN` to about 300 px; the plot starts a little after.
const PLOT_LEFT: i32 = 310;
const PLOT_RIGHT: i32 = GANTT_WIDTH as i32 - MARGIN;
const AXIS_TOP: i32 = 68;
const TIER_H: i32 = 24;
const ROWS_TOP: i32 = AXIS_TOP + 2 * TIER_H + 4;
const ROW_H: i32 = 26;
const GROUP_H: i32 = 30;
const LEGEND_LINE_H: i32 = 26;

// plotters writes an SVG font size of the size given divided by 1.24: these give 13.3 px for
// text, 14.1 px for component names and 20.2 px for the title.
const TEXT: f64 = 16.5;
const BOLD: f64 = 17.5;
const TITLE: f64 = 25.0;
/// A generous estimate of a character's width at `TEXT` (13.3 px, about 0.55 em), for layout.
const CHAR_W: f64 = 7.4;

// Labels longer than these are cut with an ellipsis so they stay within the labels' column.
const GROUP_CHARS: usize = 32;
const ACTIVITY_CHARS: usize = 36;
const MILESTONE_CHARS: usize = 34;

const GRID: RGBColor = RGBColor(228, 228, 228);
const YEAR_LINE: RGBColor = RGBColor(170, 170, 170);
const BAND: RGBColor = RGBColor(242, 242, 242);
const MUTED: RGBColor = RGBColor(85, 85, 85);
const SUMMARY: RGBColor = RGBColor(80, 80, 80);
const CANCELLED_FILL: RGBColor = RGBColor(215, 215, 215);
const CANCELLED_HATCH: RGBColor = RGBColor(110, 110, 110);

/// The colour of an activity's bar: Okabe–Ito colours, told apart by people with
/// colour-vision deficiencies; cancelled activities are grey and hatched, so they read as
/// struck out even in black and white.
pub fn status_colour(status: ActivityStatus) -> RGBColor {
    match status {
        ActivityStatus::Planned => PALETTE[4],
        ActivityStatus::InProgress => PALETTE[0],
        ActivityStatus::Completed => PALETTE[2],
        ActivityStatus::Delayed => PALETTE[5],
        ActivityStatus::Cancelled => CANCELLED_FILL,
    }
}

fn tr(locale: Locale, en: &'static str, es: &'static str) -> &'static str {
    match locale {
        Locale::En => en,
        Locale::Es => es,
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_ES: [&str; 12] = [
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
];

fn month_name(month0: u32, locale: Locale) -> &'static str {
    let names = match locale {
        Locale::En => MONTHS_EN,
        Locale::Es => MONTHS_ES,
    };
    names[month0 as usize % 12]
}

/// `text` cut to `max` characters, the last one an ellipsis when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut = cut.trim_end().to_owned();
        cut.push('…');
        cut
    }
}

fn text_width(text: &str) -> i32 {
    (text.chars().count() as f64 * CHAR_W).ceil() as i32
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The first day of the month after `day`'s.
fn next_month(day: NaiveDate) -> NaiveDate {
    let (y, m) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MAX)
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn day_after(day: NaiveDate) -> NaiveDate {
    day.checked_add_days(Days::new(1)).unwrap_or(day)
}

/// Maps days of the span to pixels across the plot.
#[derive(Clone, Copy)]
struct Scale {
    span: ProjectSpan,
    days: f64,
}

impl Scale {
    fn new(span: ProjectSpan) -> Self {
        Scale {
            span,
            days: span.days() as f64,
        }
    }

    fn width() -> f64 {
        f64::from(PLOT_RIGHT - PLOT_LEFT)
    }

    /// The pixel where `day` begins, clamped to the plot.
    fn x(self, day: NaiveDate) -> i32 {
        let offset = (day - self.span.start).num_days() as f64;
        let x = f64::from(PLOT_LEFT) + offset / self.days * Self::width();
        (x.round() as i32).clamp(PLOT_LEFT, PLOT_RIGHT)
    }

    /// The pixel where `day` ends (the next day begins).
    fn x_end(self, day: NaiveDate) -> i32 {
        self.x(day_after(day))
    }

    /// The middle of `day`.
    fn x_mid(self, day: NaiveDate) -> i32 {
        (self.x(day) + self.x_end(day)) / 2
    }

    fn pixels_per_day(self) -> f64 {
        Self::width() / self.days
    }
}

/// What the lower tier of the time axis shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SubTier {
    Months,
    Quarters,
    None,
}

fn sub_tier(scale: Scale) -> SubTier {
    let per_day = scale.pixels_per_day();
    // "sept" is the longest month label: four characters and some air.
    if per_day * 30.4 >= f64::from(text_width("sept") + 6) {
        SubTier::Months
    } else if per_day * 91.3 >= f64::from(text_width("T4") + 8) {
        SubTier::Quarters
    } else {
        SubTier::None
    }
}

/// One row of the chart.
enum Row<'a> {
    /// A component (or the project's own milestones): bold, on a band, with the span of its
    /// activities.
    Group {
        name: String,
        extent: Option<(NaiveDate, NaiveDate)>,
    },
    Activity(&'a Activity),
    Milestone(&'a Milestone),
}

impl Row<'_> {
    fn height(&self) -> i32 {
        match self {
            Row::Group { .. } => GROUP_H,
            _ => ROW_H,
        }
    }
}

fn rows<'a>(timeline: &'a Timeline, locale: Locale) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    for plan in &timeline.components {
        let extent = plan
            .activities
            .iter()
            .map(|a| a.start_date)
            .min()
            .zip(plan.activities.iter().map(|a| a.end_date).max());
        rows.push(Row::Group {
            name: plan.component.name.clone(),
            extent,
        });
        rows.extend(plan.activities.iter().map(Row::Activity));
        rows.extend(
            timeline
                .milestones_of(Some(plan.component.id))
                .map(Row::Milestone),
        );
    }
    let project_milestones: Vec<&Milestone> = timeline
        .milestones
        .iter()
        .filter(|m| {
            m.component_id
                .is_none_or(|id| timeline.component(id).is_none())
        })
        .collect();
    if !project_milestones.is_empty() {
        rows.push(Row::Group {
            name: tr(locale, "Project milestones", "Hitos del proyecto").to_owned(),
            extent: None,
        });
        rows.extend(project_milestones.into_iter().map(Row::Milestone));
    }
    rows
}

/// A legend entry's symbol.
#[derive(Clone, Copy)]
enum Swatch {
    Bar(ActivityStatus),
    Diamond(MilestoneStatus),
    Today,
}

/// Lays the legend out in lines that fit the chart's width: each entry with its x and line.
fn legend_layout(entries: &[(Swatch, String)]) -> Vec<(i32, i32)> {
    let (mut x, mut line) = (MARGIN, 0);
    entries
        .iter()
        .map(|(_, label)| {
            let width = 24 + text_width(label);
            if x > MARGIN && x + width > PLOT_RIGHT {
                x = MARGIN;
                line += 1;
            }
            let at = (x, line);
            x += width + 22;
            at
        })
        .collect()
}

fn diamond(cx: i32, cy: i32, r: i32) -> Vec<(i32, i32)> {
    vec![(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)]
}

/// The segments of 45° hatching inside a rectangle, `step` pixels apart.
fn hatch(x0: i32, y0: i32, x1: i32, y1: i32, step: i32) -> Vec<[(i32, i32); 2]> {
    let mut lines = Vec::new();
    let mut k = x0 + y0 + step;
    while k < x1 + y1 {
        // The line x + y = k, within x0..=x1 and y0..=y1.
        let lo = x0.max(k - y1);
        let hi = x1.min(k - y0);
        if lo < hi {
            lines.push([(lo, k - lo), (hi, k - hi)]);
        }
        k += step;
    }
    lines
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn text_style(size: f64, bold: bool, colour: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    let font = if bold {
        ("sans-serif", size, FontStyle::Bold).into_font()
    } else {
        ("sans-serif", size).into_font()
    };
    font.color(colour).pos(Pos::new(h, v))
}

fn draw_text(
    area: &Area<'_>,
    text: &str,
    at: (i32, i32),
    style: TextStyle<'static>,
) -> Result<(), ChartError> {
    area.draw(&Text::new(text.to_owned(), at, style))
        .map_err(chart_error)
}

fn draw_diamond(
    area: &Area<'_>,
    cx: i32,
    cy: i32,
    r: i32,
    status: MilestoneStatus,
) -> Result<(), ChartError> {
    let points = diamond(cx, cy, r);
    let (fill, outline) = match status {
        MilestoneStatus::Reached => (BLACK, BLACK),
        MilestoneStatus::Pending => (WHITE, BLACK),
        MilestoneStatus::Missed => (WHITE, PALETTE[5]),
    };
    area.draw(&Polygon::new(points.clone(), fill.filled()))
        .map_err(chart_error)?;
    let mut closed = points;
    closed.push(closed[0]);
    area.draw(&PathElement::new(closed, outline.stroke_width(2)))
        .map_err(chart_error)?;
    if status == MilestoneStatus::Missed {
        // A cross, so a missed milestone differs from a pending one by shape, not only colour.
        let d = r / 2;
        for line in [
            vec![(cx - d, cy - d), (cx + d, cy + d)],
            vec![(cx - d, cy + d), (cx + d, cy - d)],
        ] {
            area.draw(&PathElement::new(line, PALETTE[5].stroke_width(2)))
                .map_err(chart_error)?;
        }
    }
    Ok(())
}

fn draw_bar(
    area: &Area<'_>,
    (x0, y0, x1, y1): (i32, i32, i32, i32),
    status: ActivityStatus,
) -> Result<(), ChartError> {
    area.draw(&Rectangle::new(
        [(x0, y0), (x1, y1)],
        status_colour(status).filled(),
    ))
    .map_err(chart_error)?;
    if status == ActivityStatus::Cancelled {
        for [a, b] in hatch(x0, y0, x1, y1, 6) {
            area.draw(&PathElement::new(
                vec![a, b],
                CANCELLED_HATCH.stroke_width(1),
            ))
            .map_err(chart_error)?;
        }
        area.draw(&Rectangle::new(
            [(x0, y0), (x1, y1)],
            CANCELLED_HATCH.stroke_width(1),
        ))
        .map_err(chart_error)?;
    }
    Ok(())
}

fn draw_swatch(area: &Area<'_>, x: i32, cy: i32, swatch: Swatch) -> Result<(), ChartError> {
    match swatch {
        Swatch::Bar(status) => draw_bar(area, (x, cy - 7, x + 18, cy + 7), status),
        Swatch::Diamond(status) => draw_diamond(area, x + 9, cy, 7, status),
        Swatch::Today => area
            .draw(&DashedPathElement::new(
                vec![(x + 9, cy - 9), (x + 9, cy + 9)],
                5,
                3,
                BLACK.stroke_width(2),
            ))
            .map_err(chart_error),
    }
}

/// Draws the time axis: years above, months or quarters below, with grid lines down to
/// `bottom`.
fn draw_axis(area: &Area<'_>, scale: Scale, bottom: i32, locale: Locale) -> Result<(), ChartError> {
    let span = scale.span;
    let label = text_style(TEXT, false, &BLACK, HPos::Center, VPos::Center);
    let tier = sub_tier(scale);
    // Without months or quarters, the years take both tiers.
    let year_y = if tier == SubTier::None {
        AXIS_TOP + TIER_H
    } else {
        AXIS_TOP + TIER_H / 2
    };
    let sub_y = AXIS_TOP + TIER_H + TIER_H / 2;
    area.draw(&Rectangle::new(
        [(PLOT_LEFT, AXIS_TOP), (PLOT_RIGHT, AXIS_TOP + 2 * TIER_H)],
        RGBColor(250, 250, 250).filled(),
    ))
    .map_err(chart_error)?;

    let mut month = first_of_month(span.start);
    while month <= span.end {
        let next = next_month(month);
        let starts_quarter = month.month0().is_multiple_of(3);
        let boundary = month > span.start
            && (tier == SubTier::Months || (tier == SubTier::Quarters && starts_quarter));
        if boundary && month.month() != 1 {
            let x = scale.x(month);
            area.draw(&PathElement::new(
                vec![(x, AXIS_TOP + TIER_H), (x, bottom)],
                GRID.stroke_width(1),
            ))
            .map_err(chart_error)?;
        }
        let segment_end = match tier {
            SubTier::Quarters => {
                let mut end = next;
                while !end.month0().is_multiple_of(3) {
                    end = next_month(end);
                }
                end
            }
            _ => next,
        };
        let text = match tier {
            SubTier::Months => Some(month_name(month.month0(), locale).to_owned()),
            SubTier::Quarters if starts_quarter || month == first_of_month(span.start) => {
                let q = month.month0() / 3 + 1;
                Some(format!("{}{q}", tr(locale, "Q", "T")))
            }
            _ => None,
        };
        if let Some(text) = text {
            let (x0, x1) = (
                scale.x(month.max(span.start)),
                scale.x(segment_end.min(day_after(span.end))),
            );
            if x1 - x0 >= text_width(&text) + 4 {
                draw_text(area, &text, ((x0 + x1) / 2, sub_y), label.clone())?;
            }
        }
        month = next;
    }

    let (first, last) = span.years();
    let per_year = scale.pixels_per_day() * 365.25;
    let every = [1, 2, 5, 10, 20]
        .into_iter()
        .find(|n| per_year * f64::from(*n) >= f64::from(text_width("2025") + 10))
        .unwrap_or(50);
    for year in first..=last {
        let jan = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(span.start);
        let next = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or(NaiveDate::MAX);
        if jan > span.start {
            let x = scale.x(jan);
            area.draw(&PathElement::new(
                vec![(x, AXIS_TOP), (x, bottom)],
                YEAR_LINE.stroke_width(1),
            ))
            .map_err(chart_error)?;
        }
        if (year - first) % every == 0 {
            let text = year.to_string();
            let (x0, x1) = (
                scale.x(jan.max(span.start)),
                scale.x(next.min(day_after(span.end))),
            );
            if x1 - x0 >= text_width(&text) + 4 || every > 1 {
                let x = if every > 1 {
                    x0 + text_width(&text) / 2 + 2
                } else {
                    (x0 + x1) / 2
                };
                draw_text(area, &text, (x, year_y), label.clone())?;
            }
        }
    }
    let tiers: &[i32] = if tier == SubTier::None {
        &[AXIS_TOP, AXIS_TOP + 2 * TIER_H]
    } else {
        &[AXIS_TOP, AXIS_TOP + TIER_H, AXIS_TOP + 2 * TIER_H]
    };
    for &y in tiers {
        area.draw(&PathElement::new(
            vec![(PLOT_LEFT, y), (PLOT_RIGHT, y)],
            YEAR_LINE.stroke_width(1),
        ))
        .map_err(chart_error)?;
    }
    for x in [PLOT_LEFT, PLOT_RIGHT] {
        area.draw(&PathElement::new(
            vec![(x, AXIS_TOP), (x, bottom)],
            YEAR_LINE.stroke_width(1),
        ))
        .map_err(chart_error)?;
    }
    Ok(())
}

/// The chart's accessible name, for screen readers: what it shows, the period and how much is
/// in it.
fn summary(timeline: &Timeline, span: ProjectSpan, locale: Locale) -> String {
    let components = timeline.components.len();
    let activities = timeline.activities().count();
    let milestones = timeline.milestones.len();
    let period = format!(
        "{} – {}",
        crate::format::date(span.start, locale),
        crate::format::date(span.end, locale)
    );
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match locale {
        Locale::En => format!(
            "Project timeline, {period}: {}, {}, {}.",
            count(components, "component", "components"),
            count(activities, "activity", "activities"),
            count(milestones, "milestone", "milestones"),
        ),
        Locale::Es => format!(
            "Cronograma del proyecto, {period}: {}, {}, {}.",
            count(components, "componente", "componentes"),
            count(activities, "actividad", "actividades"),
            count(milestones, "hito", "hitos"),
        ),
    }
}

/// The project's timeline as a Gantt chart, an SVG document [`GANTT_WIDTH`] pixels wide whose
/// height grows with its rows.
///
/// Rows: each component in bold on a grey band, with a dark bar over the span of its activities;
/// under it, its activities (a bar from the first to the last day, both included, coloured by
/// status — with `today`, late activities show as delayed) and its milestones (a diamond on the
/// due day: filled when reached, hollow when pending, crossed in vermillion when missed); then
/// the project's own milestones. Names longer than the labels' column are cut with an ellipsis.
/// Dates outside `span` are drawn at its edge. `today`, when within `span`, is a dashed line.
/// The axis shows years over months (short projects) or quarters (long ones), in `locale`
/// ("ene" … "dic", "T1" … "T4" in Spanish). A legend explains colours and symbols. The SVG
/// carries `role="img"` and a `<title>` summarising the plan. An empty timeline still gives an
/// SVG, saying that nothing is planned yet.
pub fn timeline_svg(
    timeline: &Timeline,
    span: ProjectSpan,
    today: Option<NaiveDate>,
    locale: Locale,
) -> Result<String, ChartError> {
    let rows = rows(timeline, locale);
    let scale = Scale::new(span);
    let today = today.filter(|t| span.contains(*t));

    let mut legend: Vec<(Swatch, String)> = ActivityStatus::ALL
        .into_iter()
        .map(|s| (Swatch::Bar(s), s.name(locale).to_owned()))
        .collect();
    for status in MilestoneStatus::ALL {
        if timeline.milestones.iter().any(|m| m.status == status) {
            let label = match status {
                MilestoneStatus::Pending => tr(locale, "Milestone pending", "Hito pendiente"),
                MilestoneStatus::Reached => tr(locale, "Milestone reached", "Hito alcanzado"),
                MilestoneStatus::Missed => tr(locale, "Milestone missed", "Hito no alcanzado"),
            };
            legend.push((Swatch::Diamond(status), label.to_owned()));
        }
    }
    if today.is_some() {
        legend.push((Swatch::Today, tr(locale, "Today", "Hoy").to_owned()));
    }
    let legend_at = legend_layout(&legend);
    let legend_lines = legend_at
        .iter()
        .map(|(_, line)| line + 1)
        .max()
        .unwrap_or(0);

    let rows_bottom = ROWS_TOP + rows.iter().map(Row::height).sum::<i32>();
    let legend_top = rows_bottom + 30;
    let height = if timeline.is_empty() {
        200
    } else {
        legend_top + legend_lines * LEGEND_LINE_H + MARGIN
    };

    let mut svg = String::new();
    {
        let height = u32::try_from(height).unwrap_or(u32::MAX);
        let root = SVGBackend::with_string(&mut svg, (GANTT_WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let title = tr(locale, "Project timeline", "Cronograma del proyecto");
        draw_text(
            &root,
            title,
            (MARGIN, MARGIN),
            text_style(TITLE, true, &BLACK, HPos::Left, VPos::Top),
        )?;
        let period = format!(
            "{}: {} – {}",
            tr(locale, "Period", "Periodo"),
            crate::format::date(span.start, locale),
            crate::format::date(span.end, locale)
        );
        draw_text(
            &root,
            &period,
            (MARGIN, MARGIN + 30),
            text_style(TEXT, false, &MUTED, HPos::Left, VPos::Top),
        )?;

        if timeline.is_empty() {
            draw_text(
                &root,
                tr(
                    locale,
                    "Nothing is planned yet: add a component, then its activities and milestones.",
                    "Aún no hay nada planificado: agregue un componente y luego sus actividades e hitos.",
                ),
                (GANTT_WIDTH as i32 / 2, 130),
                text_style(TEXT, false, &MUTED, HPos::Center, VPos::Center),
            )?;
        } else {
            draw_rows(&root, &rows, scale, today, rows_bottom, locale)?;
            if let Some(today) = today {
                let x = scale.x_mid(today);
                root.draw(&DashedPathElement::new(
                    vec![(x, AXIS_TOP + 2 * TIER_H), (x, rows_bottom)],
                    6,
                    4,
                    BLACK.stroke_width(2),
                ))
                .map_err(chart_error)?;
                draw_text(
                    &root,
                    tr(locale, "Today", "Hoy"),
                    (x, rows_bottom + 4),
                    text_style(TEXT, false, &BLACK, HPos::Center, VPos::Top),
                )?;
            }
            for ((swatch, label), (x, line)) in legend.iter().zip(&legend_at) {
                let cy = legend_top + line * LEGEND_LINE_H + LEGEND_LINE_H / 2;
                draw_swatch(&root, *x, cy, *swatch)?;
                draw_text(
                    &root,
                    label,
                    (x + 24, cy),
                    text_style(TEXT, false, &BLACK, HPos::Left, VPos::Center),
                )?;
            }
        }
        root.present().map_err(chart_error)?;
    }
    Ok(with_title(&svg, &summary(timeline, span, locale)))
}

/// Adds `role="img"` and a `<title>` to the SVG's root element, which plotters does not write.
fn with_title(svg: &str, title: &str) -> String {
    match (svg.find("<svg"), svg.find('>')) {
        (Some(0), Some(end)) => format!(
            "{} role=\"img\"><title>{}</title>{}",
            &svg[..end],
            escape(title),
            &svg[end + 1..]
        ),
        _ => svg.to_owned(),
    }
}

fn draw_rows(
    area: &Area<'_>,
    rows: &[Row<'_>],
    scale: Scale,
    today: Option<NaiveDate>,
    rows_bottom: i32,
    locale: Locale,
) -> Result<(), ChartError> {
    // Bands and separators first, so the grid lines and bars lie on top of them.
    let mut y = ROWS_TOP;
    for row in rows {
        let h = row.height();
        if let Row::Group { .. } = row {
            area.draw(&Rectangle::new(
                [(MARGIN, y), (PLOT_RIGHT, y + h)],
                BAND.filled(),
            ))
            .map_err(chart_error)?;
        }
        area.draw(&PathElement::new(
            vec![(MARGIN, y + h), (PLOT_RIGHT, y + h)],
            GRID.stroke_width(1),
        ))
        .map_err(chart_error)?;
        y += h;
    }
    draw_axis(area, scale, rows_bottom, locale)?;

    let mut y = ROWS_TOP;
    for row in rows {
        let h = row.height();
        let cy = y + h / 2;
        match row {
            Row::Group { name, extent } => {
                draw_text(
                    area,
                    &truncate(name, GROUP_CHARS),
                    (MARGIN + 4, cy),
                    text_style(BOLD, true, &BLACK, HPos::Left, VPos::Center),
                )?;
                if let Some((start, end)) = extent {
                    let (x0, x1) = (scale.x(*start), scale.x_end(*end).max(scale.x(*start) + 3));
                    area.draw(&Rectangle::new(
                        [(x0, cy - 4), (x1, cy + 4)],
                        SUMMARY.filled(),
                    ))
                    .map_err(chart_error)?;
                }
            }
            Row::Activity(activity) => {
                draw_text(
                    area,
                    &truncate(&activity.name, ACTIVITY_CHARS),
                    (MARGIN + 16, cy),
                    text_style(TEXT, false, &BLACK, HPos::Left, VPos::Center),
                )?;
                let status = today.map_or(activity.status, |t| activity.display_status(t));
                let x0 = scale.x(activity.start_date).min(PLOT_RIGHT - 3);
                let x1 = scale.x_end(activity.end_date).max(x0 + 3);
                draw_bar(area, (x0, cy - 7, x1, cy + 7), status)?;
            }
            Row::Milestone(milestone) => {
                draw_diamond(area, MARGIN + 22, cy, 5, milestone.status)?;
                draw_text(
                    area,
                    &truncate(&milestone.name, MILESTONE_CHARS),
                    (MARGIN + 34, cy),
                    text_style(TEXT, false, &BLACK, HPos::Left, VPos::Center),
                )?;
                let x = scale.x_mid(milestone.due_date);
                draw_diamond(area, x, cy, 8, milestone.status)?;
                let due = crate::format::date(milestone.due_date, locale);
                // The due date beside the diamond, on whichever side has room.
                let (at, h_pos) = if x + 12 + text_width(&due) <= PLOT_RIGHT {
                    (x + 12, HPos::Left)
                } else {
                    (x - 12, HPos::Right)
                };
                draw_text(
                    area,
                    &due,
                    (at, cy),
                    text_style(TEXT, false, &MUTED, h_pos, VPos::Center),
                )?;
            }
        }
        y += h;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::tests::{activity, component, day, span};
    use crate::timeline::{Component, ComponentPlan};

    fn timeline() -> Timeline {
        let mut roads = activity(1, 10, "2025-02-01", "2025-09-30");
        roads.name = "Improve 12 km of tertiary road".into();
        roads.status = ActivityStatus::InProgress;
        let mut seedlings = activity(2, 20, "2025-03-01", "2025-03-01");
        seedlings.name = "Deliver cocoa seedlings".into();
        seedlings.status = ActivityStatus::Completed;
        let mut cancelled = activity(3, 20, "2026-01-01", "2026-06-30");
        cancelled.name = "Honey pilot".into();
        cancelled.status = ActivityStatus::Cancelled;
        let long = component(
            20,
            2,
            "Livelihoods: cocoa, coffee and honey value chains for 2,400 families",
        );
        Timeline {
            components: vec![
                ComponentPlan {
                    component: component(10, 1, "Rural roads"),
                    activities: vec![roads],
                },
                ComponentPlan {
                    component: long,
                    activities: vec![seedlings, cancelled],
                },
            ],
            milestones: vec![
                Milestone {
                    id: 1,
                    project_id: 1,
                    component_id: Some(20),
                    name: "First cocoa harvest sold".into(),
                    due_date: day("2026-09-30"),
                    status: MilestoneStatus::Reached,
                    reached_on: Some(day("2026-09-15")),
                },
                Milestone {
                    id: 2,
                    project_id: 1,
                    component_id: None,
                    name: "Mid-term review".into(),
                    due_date: day("2026-06-30"),
                    status: MilestoneStatus::Pending,
                    reached_on: None,
                },
            ],
            budget_lines: vec![],
        }
    }

    fn font_sizes(svg: &str) -> Vec<f64> {
        svg.split("font-size=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect()
    }

    #[test]
    fn the_chart_shows_its_title_components_activities_and_milestones() {
        let svg = timeline_svg(&timeline(), span(), None, Locale::En).unwrap();
        assert!(svg.starts_with("<svg"));
        for text in [
            "Project timeline",
            "Period: 1 Jan 2025 – 31 Dec 2027",
            "Rural roads",
            "Improve 12 km of tertiary road",
            "Deliver cocoa seedlings",
            "Honey pilot",
            "First cocoa harvest sold",
            "30 Sep 2026",
            "Project milestones",
            "Mid-term review",
            "2025",
            "2026",
            "2027",
            "Milestone reached",
            "Milestone pending",
            "In progress",
        ] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert!(!svg.contains(">Today"), "no today line without a today");
        assert!(
            svg.contains("font-weight=\"bold\""),
            "component rows are bold"
        );
        // The palette's colours for in progress (blue) and completed (bluish green).
        assert!(svg.contains("#0072B2") && svg.contains("#009E73"));
        // Diamonds: polygons for the two milestones, their label icons and the legend.
        assert!(svg.matches("<polygon").count() >= 6);
    }

    #[test]
    fn long_component_names_are_cut_with_an_ellipsis() {
        let svg = timeline_svg(&timeline(), span(), None, Locale::En).unwrap();
        assert!(svg.contains("Livelihoods: cocoa, coffee and…"), "{svg}");
        assert!(!svg.contains("2,400 families"));
        assert_eq!(truncate("Cacao", 5), "Cacao");
        assert_eq!(truncate("Cacao fino", 6), "Cacao…");
    }

    #[test]
    fn today_is_a_dashed_line_when_within_the_project_and_late_activities_show_as_delayed() {
        let svg = timeline_svg(&timeline(), span(), Some(day("2025-12-01")), Locale::Es).unwrap();
        assert!(
            svg.contains(">\nHoy\n") || svg.contains(">Hoy<"),
            "today's label"
        );
        // The road (in progress, ended 30 Sep 2025) is late: vermillion, and delayed in the legend.
        assert!(svg.contains("#D55E00"));
        assert!(svg.contains("Retrasada"));
        // The dashed line is drawn as many short segments at the same x.
        // 1 Dec 2025 is day 334 of 1,095: 310 + 334.5 / 1095 × 574 ≈ 485.
        let x = "485";
        let dashes = svg.matches(&format!("points=\"{x},")).count();
        assert!(dashes > 5, "dashes at x={x}: {dashes}");
        let outside =
            timeline_svg(&timeline(), span(), Some(day("2030-01-01")), Locale::Es).unwrap();
        assert!(!outside.contains(">\nHoy\n") && !outside.contains(">Hoy<"));
    }

    #[test]
    fn a_short_project_is_labelled_by_month_in_the_reader_s_language() {
        let short = ProjectSpan {
            start: day("2025-01-01"),
            end: day("2025-12-31"),
        };
        let mut t = timeline();
        t.components.truncate(1);
        t.milestones.clear();
        let es = timeline_svg(&t, short, None, Locale::Es).unwrap();
        for month in [
            "ene",
            "feb",
            "sept",
            "dic",
            "2025",
            "Cronograma del proyecto",
        ] {
            assert!(es.contains(&format!("\n{month}\n")), "missing {month}");
        }
        assert!(es.contains("Periodo: 1 ene 2025 – 31 dic 2025"));
        let en = timeline_svg(&t, short, None, Locale::En).unwrap();
        assert!(en.contains("\nJan\n") && en.contains("\nDec\n") && !en.contains("\nene\n"));
    }

    #[test]
    fn a_long_project_is_labelled_by_quarter_or_year() {
        let svg = timeline_svg(&timeline(), span(), None, Locale::Es).unwrap();
        assert!(
            svg.contains("\nT1\n") && svg.contains("\nT4\n"),
            "quarters in three years"
        );
        assert!(!svg.contains("\nene\n"));
        let decade = ProjectSpan {
            start: day("2020-01-01"),
            end: day("2034-12-31"),
        };
        let svg = timeline_svg(&timeline(), decade, None, Locale::En).unwrap();
        assert!(!svg.contains("\nQ1\n") && svg.contains("\n2030\n"));
    }

    #[test]
    fn every_text_is_at_least_thirteen_pixels() {
        let svg = timeline_svg(&timeline(), span(), Some(day("2026-02-01")), Locale::En).unwrap();
        let sizes = font_sizes(&svg);
        assert!(sizes.len() > 20);
        assert!(sizes.iter().all(|s| *s >= 13.0), "{sizes:?}");
    }

    #[test]
    fn the_chart_grows_with_its_rows_and_has_an_accessible_title() {
        let height = |svg: &str| -> u32 {
            svg.split("height=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        let small = timeline_svg(&timeline(), span(), None, Locale::En).unwrap();
        let mut bigger = timeline();
        bigger.components[0]
            .activities
            .extend((100..110).map(|id| activity(id, 10, "2025-05-01", "2025-08-31")));
        let big = timeline_svg(&bigger, span(), None, Locale::En).unwrap();
        assert_eq!(height(&big), height(&small) + 10 * ROW_H as u32);
        assert!(small.contains("width=\"900\""));
        assert!(small.contains(
            "role=\"img\"><title>Project timeline, 1 Jan 2025 – 31 Dec 2027: 2 components, 3 activities, 2 milestones.</title>"
        ));
    }

    #[test]
    fn an_empty_timeline_says_nothing_is_planned_yet() {
        let svg = timeline_svg(
            &Timeline::default(),
            span(),
            Some(day("2025-06-01")),
            Locale::Es,
        )
        .unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("Cronograma del proyecto"));
        assert!(svg.contains("Aún no hay nada planificado"));
        let en = timeline_svg(&Timeline::default(), span(), None, Locale::En).unwrap();
        assert!(en.contains("Nothing is planned yet"));
    }

    #[test]
    fn names_are_escaped_in_the_svg() {
        let mut t = timeline();
        t.components[0].component = Component {
            name: "Roads & <bridges>".into(),
            ..t.components[0].component.clone()
        };
        let svg = timeline_svg(&t, span(), None, Locale::En).unwrap();
        assert!(svg.contains("Roads &amp; &lt;bridges&gt;"));
        assert!(!svg.contains("<bridges>"));
    }

    #[test]
    fn a_one_day_or_inverted_span_still_draws() {
        for (start, end) in [("2025-06-01", "2025-06-01"), ("2026-01-01", "2025-01-01")] {
            let odd = ProjectSpan {
                start: day(start),
                end: day(end),
            };
            let svg = timeline_svg(&timeline(), odd, Some(day(start)), Locale::En).unwrap();
            assert!(svg.contains("Rural roads"), "{start}..{end}");
        }
    }

    #[test]
    fn cancelled_bars_are_hatched_inside_their_rectangle() {
        let lines = hatch(0, 0, 20, 10, 6);
        assert!(!lines.is_empty());
        for [(ax, ay), (bx, by)] in lines {
            for (x, y) in [(ax, ay), (bx, by)] {
                assert!((0..=20).contains(&x) && (0..=10).contains(&y));
            }
            assert_eq!(ax + ay, bx + by, "45°");
        }
    }
}
