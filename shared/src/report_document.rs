//! A donor report laid out once as a document — cover, summary, protection statement, results
//! table, funding statement, charts with their numbers, map and narratives — and written from
//! that layout as print-ready HTML (the page shows the same), as PDF, and as tables for the
//! spreadsheet; the CSV is one tidy row per figure, each with its period, unit and currency.
//! Every string is in the report's language.

use crate::charts::{BAR_CHART_SIZE, Bar, ChartError, bar_chart_svg, draw_bar_chart};
use crate::donor_report::{Breakdown, DonorReport, FundingStatement, ResultRow};
use crate::format;
use crate::i18n::{Locale, Msg};
use crate::indicator::{AgeBand, Sex};
use crate::mapview::{MapArea, MapCommunity, MapLayers, MapOptions, map_svg, xml_escape};
use crate::outcomes::csv_cell;
use crate::pdf::{Align, Pdf, PdfBackend};
use chrono::NaiveDate;
use plotters::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

pub use crate::protection::WITHHELD;

/// A table cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A number, with how the report writes it.
    Number(Decimal, String),
    /// A value withheld by the protection rule.
    Withheld,
    /// Nothing to show.
    Empty,
}

impl Value {
    /// The cell as the page and the PDF write it.
    pub fn text(&self) -> &str {
        match self {
            Value::Text(t) | Value::Number(_, t) => t,
            Value::Withheld => WITHHELD,
            Value::Empty => "",
        }
    }
}

/// A table of the report (each one a sheet of the spreadsheet).
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Its sheet's name (at most 31 characters).
    pub sheet: String,
    /// Its caption.
    pub caption: String,
    /// The column headings.
    pub headers: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Value>>,
    /// The columns' relative widths in print.
    pub widths: Vec<f64>,
}

/// A chart of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// Illicit against licit hectares.
    Hectares,
    /// Eradication agreements.
    Eradication,
    /// Beneficiaries by sex and age band.
    Beneficiaries,
    /// One funding statement's figures over time.
    Funding(usize),
}

/// A block of the document, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// The cover: the kind of report, the title and its facts.
    Cover {
        /// "Donor report".
        kind: String,
        /// The title.
        title: String,
        /// (label, value) pairs.
        facts: Vec<(String, String)>,
    },
    /// A section heading.
    Heading(String),
    /// A heading within a section.
    Subheading(String),
    /// A paragraph (line breaks kept).
    Paragraph(String),
    /// A table.
    Table(Table),
    /// A chart.
    Chart(Chart),
    /// The map.
    Map,
}

struct Writer {
    locale: Locale,
}

impl Writer {
    fn t(&self, m: Msg) -> &'static str {
        self.locale.t(m)
    }
    fn date(&self, d: NaiveDate) -> String {
        format::date(d, self.locale)
    }
    fn period(&self, start: NaiveDate, end: NaiveDate) -> String {
        if start == end {
            format!("{} {}", self.t(Msg::ReportOnDay), self.date(end))
        } else {
            format!("{} – {}", self.date(start), self.date(end))
        }
    }
    fn number(&self, d: Decimal) -> Value {
        Value::Number(d, format::decimal(d, self.locale))
    }
    /// An amount to its currency's minor units, the currency in its own column.
    fn amount(&self, d: Decimal, currency: &str) -> Value {
        let text = format::money(d, currency, self.locale);
        let bare = text.strip_suffix(currency).unwrap_or(&text).trim_end();
        Value::Number(d, bare.to_owned())
    }
    fn shown(&self, d: Option<Decimal>) -> Value {
        d.map_or(Value::Withheld, |d| self.number(d))
    }
    fn text(&self, s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }
}

fn sex_name(sex: Sex, locale: Locale) -> &'static str {
    locale.t(match sex {
        Sex::Female => Msg::ReportWomenAndGirls,
        Sex::Male => Msg::ReportMenAndBoys,
    })
}

/// The rows of a breakdown: total, each sex, each age band (those the figure is split by).
fn breakdown_rows(
    w: &Writer,
    figure: &str,
    b: &Breakdown,
    unit: &str,
    period: &str,
    sexes: [Msg; 2],
) -> Vec<Vec<Value>> {
    let mut rows = vec![vec![
        w.text(figure),
        w.shown(b.total),
        w.text(unit),
        w.text(period),
    ]];
    if b.by_sex {
        for (label, v) in sexes.into_iter().zip([b.female, b.male]) {
            rows.push(vec![
                w.text(format!("  {}", w.t(label))),
                w.shown(v),
                w.text(unit),
                w.text(period),
            ]);
        }
    }
    if b.by_age {
        for (age, v) in AgeBand::ALL.into_iter().zip(&b.ages) {
            rows.push(vec![
                w.text(format!("  {}", age.name(w.locale))),
                w.shown(*v),
                w.text(unit),
                w.text(period),
            ]);
        }
    }
    rows
}

fn summary_table(w: &Writer, r: &DonorReport) -> Table {
    let s = &r.summary;
    let (start, end) = (r.spec.period_start, r.spec.period_end);
    let whole = w.period(start, end);
    let on_end = w.period(end, end);
    let on_start = w.period(start, start);
    let ha = w.t(Msg::HectaresUnit);
    let households = w.t(Msg::ReportUnitHouseholds);
    let people = w.t(Msg::ReportUnitPeople);
    let mut rows = Vec::new();
    let mut heads = s.households.clone();
    heads.by_age = false;
    rows.extend(breakdown_rows(
        w,
        w.t(Msg::ReportHouseholdsTakingPart),
        &heads,
        households,
        &on_end,
        [Msg::ReportHeadedByWomen, Msg::ReportHeadedByMen],
    ));
    rows.extend(breakdown_rows(
        w,
        w.t(Msg::ReportBeneficiaries),
        &s.beneficiaries,
        people,
        &on_end,
        [Msg::ReportWomenAndGirls, Msg::ReportMenAndBoys],
    ));
    for (label, value, period) in [
        (Msg::ReportIllicitHectares, s.illicit_start, &on_start),
        (Msg::ReportIllicitHectares, s.illicit_end, &on_end),
        (Msg::ReportLicitHectares, s.licit_start, &on_start),
        (Msg::ReportLicitHectares, s.licit_end, &on_end),
    ] {
        rows.push(vec![
            w.text(w.t(label)),
            w.number(value),
            w.text(ha),
            w.text(period.clone()),
        ]);
    }
    rows.push(vec![
        w.text(w.t(Msg::ReportAgreementsSigned)),
        w.number(Decimal::from(s.agreements_signed)),
        w.text(w.t(Msg::ReportUnitAgreements)),
        w.text(whole.clone()),
    ]);
    for (label, value) in [
        (Msg::ReportCommittedHectares, s.committed_hectares),
        (Msg::ReportVerifiedHectares, s.verified_hectares),
    ] {
        rows.push(vec![
            w.text(w.t(label)),
            w.number(value),
            w.text(ha),
            w.text(whole.clone()),
        ]);
    }
    rows.push(vec![
        w.text(w.t(Msg::ReportReplantingFound)),
        w.number(Decimal::from(s.replanting_found)),
        w.text(w.t(Msg::ReportUnitVisits)),
        w.text(whole.clone()),
    ]);
    for support in &s.support {
        for (label, value) in [
            (Msg::ReportSupportDelivered, support.total),
            (Msg::ReportSupportWomenHeaded, support.women_headed),
            (Msg::ReportSupportMenHeaded, support.men_headed),
        ] {
            rows.push(vec![
                w.text(w.t(label)),
                w.amount(value, &support.currency),
                w.text(support.currency.clone()),
                w.text(whole.clone()),
            ]);
        }
    }
    Table {
        sheet: w.t(Msg::ReportSummarySheet).to_owned(),
        caption: w.t(Msg::ReportSummary).to_owned(),
        headers: vec![
            w.t(Msg::ReportFigure).to_owned(),
            w.t(Msg::ReportValue).to_owned(),
            w.t(Msg::ReportUnit).to_owned(),
            w.t(Msg::OutcomesPeriod).to_owned(),
        ],
        rows,
        widths: vec![4.0, 1.6, 1.2, 2.4],
    }
}

fn results_table(w: &Writer, rows: &[ResultRow]) -> Table {
    let mut out = Vec::new();
    for r in rows {
        let split = |v: Option<Decimal>, made: bool| {
            if made { w.shown(v) } else { Value::Empty }
        };
        let (actual, parts) = match &r.actual {
            Some(b) => {
                let mut parts = vec![split(b.female, b.by_sex), split(b.male, b.by_sex)];
                for v in &b.ages {
                    parts.push(split(*v, b.by_age));
                }
                (w.shown(b.total), parts)
            }
            None => (w.text(w.t(Msg::ReportNotApproved)), vec![Value::Empty; 6]),
        };
        let mut row = vec![
            w.text(r.project.clone()),
            w.text(format!("{}: {}", r.level.name(w.locale), r.result)),
            w.text(r.indicator.clone()),
            w.text(r.unit.clone()),
            w.text(format!(
                "{} ({})",
                r.period,
                w.period(r.period_start, r.period_end)
            )),
            match r.baseline {
                Some((year, v)) => {
                    Value::Number(v, format!("{} ({year})", format::decimal(v, w.locale)))
                }
                None => Value::Empty,
            },
            r.target.map_or(Value::Empty, |t| w.number(t)),
            actual,
            r.percent_of_target.map_or(Value::Empty, |p| {
                Value::Number(p, format::percent(p, w.locale))
            }),
        ];
        row.extend(parts);
        out.push(row);
    }
    let mut headers: Vec<String> = [
        Msg::ReportProject,
        Msg::ReportResult,
        Msg::ReportIndicator,
        Msg::ReportUnit,
        Msg::OutcomesPeriod,
        Msg::ReportBaseline,
        Msg::ReportTarget,
        Msg::ReportActual,
        Msg::ReportPercentOfTarget,
    ]
    .into_iter()
    .map(|m| w.t(m).to_owned())
    .collect();
    headers.push(w.t(Msg::ReportWomen).to_owned());
    headers.push(w.t(Msg::ReportMen).to_owned());
    headers.extend(AgeBand::ALL.map(|a| a.name(w.locale).to_owned()));
    Table {
        sheet: w.t(Msg::ReportResultsSheet).to_owned(),
        caption: w.t(Msg::ReportResults).to_owned(),
        headers,
        rows: out,
        widths: vec![
            1.5, 2.2, 2.2, 0.9, 1.9, 1.0, 0.8, 0.8, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8,
        ],
    }
}

/// A funding statement's figures as (code, label, amount, in the period or up to its end).
pub fn statement_lines(s: &FundingStatement) -> Vec<(&'static str, Msg, Decimal, bool)> {
    let mut lines = vec![("amount", Msg::ReportAgreementAmount, s.amount, false)];
    if let Some(f) = &s.figures {
        lines.extend([
            (
                "committed_to_date",
                Msg::ReportCommittedToDate,
                f.committed_to_date,
                false,
            ),
            (
                "due_in_period",
                Msg::ReportDueInPeriod,
                f.due_in_period,
                true,
            ),
            (
                "disbursed_in_period",
                Msg::ReportDisbursedInPeriod,
                f.disbursed_in_period,
                true,
            ),
            (
                "disbursed_to_date",
                Msg::ReportDisbursedToDate,
                f.disbursed_to_date,
                false,
            ),
            (
                "spent_in_period",
                Msg::ReportSpentInPeriod,
                f.spent_in_period,
                true,
            ),
            (
                "spent_to_date",
                Msg::ReportSpentToDate,
                f.spent_to_date,
                false,
            ),
            ("balance", Msg::ReportBalance, f.balance, false),
            ("to_disburse", Msg::ReportToDisburse, f.to_disburse, false),
        ]);
    }
    lines
}

fn funding_table(w: &Writer, r: &DonorReport) -> Table {
    let (start, end) = (r.spec.period_start, r.spec.period_end);
    let mut rows = Vec::new();
    for s in &r.funding {
        let name = match &s.reference {
            Some(reference) => format!("{} ({reference}) — {}", s.title, s.donor),
            None => format!("{} — {}", s.title, s.donor),
        };
        for (_, label, amount, in_period) in statement_lines(s) {
            let period = if label == Msg::ReportAgreementAmount {
                w.period(s.start_date, s.end_date)
            } else if in_period {
                w.period(start, end)
            } else {
                format!("{} {}", w.t(Msg::ReportUpTo), w.date(end))
            };
            rows.push(vec![
                w.text(name.clone()),
                w.text(w.t(label)),
                w.text(period),
                w.amount(amount, &s.currency),
                w.text(s.currency.clone()),
            ]);
        }
    }
    Table {
        sheet: w.t(Msg::ReportFundingSheet).to_owned(),
        caption: w.t(Msg::ReportFunding).to_owned(),
        headers: vec![
            w.t(Msg::ReportAgreement).to_owned(),
            w.t(Msg::ReportFigure).to_owned(),
            w.t(Msg::OutcomesPeriod).to_owned(),
            w.t(Msg::ReportAmount).to_owned(),
            w.t(Msg::ReportCurrency).to_owned(),
        ],
        rows,
        widths: vec![3.0, 2.4, 2.4, 1.8, 0.8],
    }
}

/// A quarterly series as a table: quarter, its last day, two figures in hectares and a count.
fn series_table(
    w: &Writer,
    sheet: Msg,
    title: Msg,
    columns: [Msg; 3],
    points: impl Iterator<Item = (NaiveDate, Decimal, Decimal, usize)>,
) -> Table {
    let mut headers = vec![
        w.t(Msg::QuarterAxis).to_owned(),
        w.t(Msg::ReportOnDay).to_owned(),
    ];
    headers.extend(columns.map(|m| w.t(m).to_owned()));
    Table {
        sheet: w.t(sheet).to_owned(),
        caption: format!("{} ({})", w.t(title), w.t(Msg::HectaresUnit)),
        headers,
        rows: points
            .map(|(end, a, b, n)| {
                vec![
                    w.text(crate::outcomes::quarter_label(end, w.locale)),
                    w.text(w.date(end)),
                    w.number(a),
                    w.number(b),
                    w.number(Decimal::from(n)),
                ]
            })
            .collect(),
        widths: vec![1.0, 1.2, 1.2, 1.2, 1.2],
    }
}

fn series_tables(w: &Writer, r: &DonorReport) -> (Table, Table) {
    let hectares = series_table(
        w,
        Msg::ReportHectaresSheet,
        Msg::HectaresChartTitle,
        [Msg::OutcomeIllicit, Msg::OutcomeLicit, Msg::PlotsRecorded],
        r.hectares
            .iter()
            .map(|p| (p.end, p.illicit, p.licit, p.plots)),
    );
    let eradication = series_table(
        w,
        Msg::ReportEradicationSheet,
        Msg::EradicationChartTitle,
        [
            Msg::OutcomeCommitted,
            Msg::OutcomeVerified,
            Msg::AgreementsSigned,
        ],
        r.eradication
            .iter()
            .map(|p| (p.end, p.committed, p.verified, p.agreements)),
    );
    (hectares, eradication)
}

/// The report laid out as a document.
pub fn document(r: &DonorReport) -> Vec<Block> {
    let w = Writer {
        locale: r.spec.language,
    };
    let (start, end) = (r.spec.period_start, r.spec.period_end);
    let mut facts = vec![(
        w.t(Msg::ReportOrganisation).to_owned(),
        r.organisation.clone(),
    )];
    if let Some(donor) = &r.donor {
        facts.push((w.t(Msg::ReportDonor).to_owned(), donor.clone()));
    }
    if !r.funding.is_empty() {
        let agreements: Vec<String> = r
            .funding
            .iter()
            .map(|s| match &s.reference {
                Some(reference) => format!("{} ({reference})", s.title),
                None => s.title.clone(),
            })
            .collect();
        facts.push((w.t(Msg::ReportAgreements).to_owned(), agreements.join("; ")));
    }
    let projects: Vec<String> = r
        .projects
        .iter()
        .map(|p| {
            let country = crate::country::Country::from_code(&p.country)
                .map_or(p.country.clone(), |c| c.name(w.locale).to_owned());
            if p.municipalities.is_empty() {
                format!("{} ({country})", p.name)
            } else {
                format!("{} ({}, {country})", p.name, p.municipalities.join(", "))
            }
        })
        .collect();
    facts.push((w.t(Msg::ReportProjects).to_owned(), projects.join("; ")));
    facts.push((w.t(Msg::OutcomesPeriod).to_owned(), w.period(start, end)));
    facts.push((
        w.t(Msg::ReportStatus).to_owned(),
        match &r.issued {
            Some(issued) => format!(
                "{} {} — {}",
                w.t(Msg::ReportIssuedOn),
                format::date_time(issued.at, w.locale),
                issued.by
            ),
            None => format!(
                "{} {}",
                w.t(Msg::ReportDraftWorkedOut),
                format::date_time(r.worked_out_at, w.locale)
            ),
        },
    ));
    let mut blocks = vec![
        Block::Cover {
            kind: w.t(Msg::ReportKind).to_owned(),
            title: r.spec.title.clone(),
            facts,
        },
        Block::Heading(w.t(Msg::ReportSummary).to_owned()),
        Block::Table(summary_table(&w, r)),
        Block::Heading(w.t(Msg::ReportProtectionTitle).to_owned()),
        Block::Paragraph(
            w.t(Msg::ReportProtectionText)
                .replace("{count}", &r.withheld.to_string()),
        ),
        Block::Heading(w.t(Msg::ReportResults).to_owned()),
    ];
    if r.results.is_empty() {
        blocks.push(Block::Paragraph(w.t(Msg::ReportNoResults).to_owned()));
    } else {
        blocks.push(Block::Table(results_table(&w, &r.results)));
    }
    blocks.push(Block::Heading(w.t(Msg::ReportFunding).to_owned()));
    if r.funding.is_empty() {
        blocks.push(Block::Paragraph(w.t(Msg::ReportNoAgreements).to_owned()));
    } else {
        blocks.push(Block::Paragraph(w.t(Msg::ReportFundingIntro).to_owned()));
        blocks.push(Block::Table(funding_table(&w, r)));
        for s in &r.funding {
            if let Some(missing) = &s.missing_rate {
                blocks.push(Block::Paragraph(format!(
                    "{}: {} {} → {} ({})",
                    s.title,
                    w.t(Msg::ReportMissingRate),
                    missing.from,
                    missing.to,
                    w.date(missing.day)
                )));
            }
            if !s.rates.is_empty() {
                let rates: Vec<&str> = s.rates.iter().map(|n| n.text.as_str()).collect();
                blocks.push(Block::Paragraph(format!(
                    "{} — {}: {}",
                    s.title,
                    w.t(Msg::ReportRatesUsed),
                    rates.join("; ")
                )));
            }
        }
    }
    blocks.push(Block::Heading(w.t(Msg::ReportCharts).to_owned()));
    let (hectares, eradication) = series_tables(&w, r);
    blocks.push(Block::Chart(Chart::Hectares));
    blocks.push(Block::Table(hectares));
    blocks.push(Block::Chart(Chart::Eradication));
    blocks.push(Block::Table(eradication));
    blocks.push(Block::Chart(Chart::Beneficiaries));
    for i in 0..r.funding.len() {
        blocks.push(Block::Chart(Chart::Funding(i)));
    }
    blocks.push(Block::Heading(w.t(Msg::ReportMap).to_owned()));
    blocks.push(Block::Paragraph(w.t(Msg::ReportMapNote).to_owned()));
    blocks.push(Block::Map);
    for n in &r.narratives {
        blocks.push(Block::Heading(n.section.title(w.locale).to_owned()));
        blocks.push(Block::Paragraph(n.text.clone()));
    }
    blocks
}

/// The tables of the document, for the spreadsheet; the narratives make the last sheet.
pub fn tables(r: &DonorReport) -> Vec<Table> {
    let mut out: Vec<Table> = document(r)
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    let w = Writer {
        locale: r.spec.language,
    };
    out.push(Table {
        sheet: w.t(Msg::ReportNarrativesSheet).to_owned(),
        caption: w.t(Msg::ReportNarrativesSheet).to_owned(),
        headers: vec![
            w.t(Msg::ReportSection).to_owned(),
            w.t(Msg::ReportText).to_owned(),
        ],
        rows: r
            .narratives
            .iter()
            .map(|n| vec![w.text(n.section.title(w.locale)), w.text(n.text.clone())])
            .collect(),
        widths: vec![1.0, 6.0],
    });
    out
}

fn beneficiary_bars(r: &DonorReport) -> Vec<Bar> {
    let locale = r.spec.language;
    let b = &r.summary.beneficiaries;
    let mut bars = Vec::new();
    let mut push = |label: String, v: Option<Decimal>| {
        bars.push(Bar {
            label,
            value: v.and_then(|d| d.to_f64()).unwrap_or(0.0),
            value_text: v.map_or_else(|| WITHHELD.to_owned(), |d| format::decimal(d, locale)),
        });
    };
    for (sex, v) in Sex::ALL.into_iter().zip([b.female, b.male]) {
        push(sex_name(sex, locale).to_owned(), v);
    }
    for (age, v) in AgeBand::ALL.into_iter().zip(&b.ages) {
        push(age.name(locale).to_owned(), *v);
    }
    bars
}

fn whole_tick(locale: Locale) -> impl Fn(f64) -> String {
    move |v: f64| {
        let rounded = rust_decimal::Decimal::from_f64_retain(v.round()).unwrap_or_default();
        format::decimal(rounded.round(), locale)
    }
}

fn subject(r: &DonorReport) -> String {
    match r.projects.as_slice() {
        [one] => one.name.clone(),
        _ => r.spec.title.clone(),
    }
}

/// The table holding a chart's numbers, as the report shows it.
pub fn chart_table(r: &DonorReport, chart: Chart) -> Table {
    let w = Writer {
        locale: r.spec.language,
    };
    match chart {
        Chart::Hectares => series_tables(&w, r).0,
        Chart::Eradication => series_tables(&w, r).1,
        Chart::Beneficiaries => summary_table(&w, r),
        Chart::Funding(i) => {
            let mut one = r.clone();
            one.funding = r.funding.get(i).cloned().into_iter().collect();
            funding_table(&w, &one)
        }
    }
}

/// The results table, as the report shows it.
pub fn results_table_of(r: &DonorReport) -> Table {
    results_table(
        &Writer {
            locale: r.spec.language,
        },
        &r.results,
    )
}

/// A chart as an SVG document.
pub fn chart_svg(r: &DonorReport, chart: Chart) -> Result<String, ChartError> {
    let locale = r.spec.language;
    match chart {
        Chart::Hectares => crate::outcome_chart::hectares_svg(&subject(r), &r.hectares, locale),
        Chart::Eradication => {
            crate::outcome_chart::eradication_svg(&subject(r), &r.eradication, locale)
        }
        Chart::Beneficiaries => bar_chart_svg(
            locale.t(Msg::ReportBeneficiariesChart),
            locale.t(Msg::ReportUnitPeople),
            &beneficiary_bars(r),
            &whole_tick(locale),
        ),
        Chart::Funding(i) => {
            let s = &r.funding[i];
            crate::funding_chart::funding_svg(
                &s.title,
                &s.over_time,
                Some(s.amount),
                &s.currency,
                locale,
            )
        }
    }
}

fn chart_pdf(r: &DonorReport, chart: Chart, backend: PdfBackend<'_>) -> Result<(), ChartError> {
    draw_chart(r, chart, backend.into_drawing_area())
}

/// A chart drawn on any plotters backend of its size.
pub fn draw_chart<DB: DrawingBackend>(
    r: &DonorReport,
    chart: Chart,
    root: DrawingArea<DB, plotters::coord::Shift>,
) -> Result<(), ChartError> {
    let locale = r.spec.language;
    match chart {
        Chart::Hectares => {
            crate::outcome_chart::draw_hectares(root, &subject(r), &r.hectares, locale)
        }
        Chart::Eradication => {
            crate::outcome_chart::draw_eradication(root, &subject(r), &r.eradication, locale)
        }
        Chart::Beneficiaries => draw_bar_chart(
            root,
            locale.t(Msg::ReportBeneficiariesChart),
            locale.t(Msg::ReportUnitPeople),
            &beneficiary_bars(r),
            &whole_tick(locale),
        ),
        Chart::Funding(i) => {
            let s = &r.funding[i];
            crate::funding_chart::draw_funding(
                root,
                &s.title,
                &s.over_time,
                Some(s.amount),
                &s.currency,
                locale,
            )
        }
    }
}

fn chart_size(chart: Chart) -> (u32, u32) {
    match chart {
        Chart::Beneficiaries => BAR_CHART_SIZE,
        Chart::Hectares | Chart::Eradication => {
            (crate::outcome_chart::WIDTH, crate::outcome_chart::HEIGHT)
        }
        Chart::Funding(_) => (crate::funding_chart::WIDTH, crate::funding_chart::HEIGHT),
    }
}

fn map_layers(r: &DonorReport) -> MapLayers {
    MapLayers {
        areas: r
            .map
            .areas
            .iter()
            .map(|a| MapArea {
                label: a.label.clone(),
                polygons: a.polygons.clone(),
            })
            .collect(),
        communities: r
            .map
            .communities
            .iter()
            .map(|(lon, lat)| MapCommunity {
                label: String::new(),
                lon: *lon,
                lat: *lat,
                outside_area: false,
            })
            .collect(),
        plots: Vec::new(),
    }
}

fn map_title(r: &DonorReport) -> String {
    format!("{}: {}", r.spec.language.t(Msg::ReportMap), subject(r))
}

const MAP_SIZE: (u32, u32) = (900, 520);

fn map_pdf(r: &DonorReport, backend: PdfBackend<'_>) -> Result<(), ChartError> {
    use crate::charts::{PALETTE, chart_error};
    use crate::mapview::Viewport;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(chart_error)?;
    let locale = r.spec.language;
    root.draw(&Text::new(
        map_title(r),
        (14, 10),
        ("sans-serif", 24).into_font().color(&BLACK),
    ))
    .map_err(chart_error)?;
    let layers = map_layers(r);
    let Some(bounds) = layers.bounds() else {
        root.draw(&Text::new(
            locale.t(Msg::ReportNoMap).to_owned(),
            (14, 60),
            ("sans-serif", 18).into_font().color(&BLACK),
        ))
        .map_err(chart_error)?;
        return Ok(());
    };
    let (top, legend) = (44, 40);
    let height = f64::from(MAP_SIZE.1 - top - legend);
    let view = Viewport::fit(bounds, f64::from(MAP_SIZE.0), height, 24.0);
    let at = |lon: f64, lat: f64| {
        let (x, y) = view.project(lon, lat);
        (x.round() as i32, y.round() as i32 + top as i32)
    };
    draw_areas(&root, layers.areas.iter().map(|a| &a.polygons), &at, 0.18)?;
    for c in &layers.communities {
        root.draw(&Circle::new(at(c.lon, c.lat), 5, PALETTE[5].filled()))
            .map_err(chart_error)?;
    }
    let y = (MAP_SIZE.1 - legend / 2) as i32;
    root.draw(&Rectangle::new(
        [(14, y - 8), (44, y + 8)],
        PALETTE[0].mix(0.4).filled(),
    ))
    .map_err(chart_error)?;
    let text = |s: &str, x: i32| {
        Text::new(
            s.to_owned(),
            (x, y),
            ("sans-serif", 17).into_font().color(&BLACK).pos(
                plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Left,
                    plotters::style::text_anchor::VPos::Center,
                ),
            ),
        )
    };
    root.draw(&text(locale.t(Msg::ReportMapArea), 52))
        .map_err(chart_error)?;
    root.draw(&Circle::new((420, y), 5, PALETTE[5].filled()))
        .map_err(chart_error)?;
    root.draw(&text(locale.t(Msg::ReportMapCommunity), 434))
        .map_err(chart_error)?;
    Ok(())
}

/// Map areas, each polygon's outer ring shaded (`shade`: its opacity) and outlined, placed by
/// `at` (longitude, latitude → pixels).
pub(crate) fn draw_areas<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    areas: impl Iterator<Item = &'a Vec<Vec<Vec<(f64, f64)>>>>,
    at: &dyn Fn(f64, f64) -> (i32, i32),
    shade: f64,
) -> Result<(), ChartError> {
    use crate::charts::{PALETTE, chart_error};
    for polygons in areas {
        for ring in polygons.iter().filter_map(|p| p.first()) {
            let points: Vec<(i32, i32)> = ring.iter().map(|(x, y)| at(*x, *y)).collect();
            root.draw(&Polygon::new(
                points.clone(),
                PALETTE[0].mix(shade).filled(),
            ))
            .map_err(chart_error)?;
            let mut closed = points;
            if let Some(first) = closed.first().copied() {
                closed.push(first);
            }
            root.draw(&PathElement::new(closed, PALETTE[0].stroke_width(2)))
                .map_err(chart_error)?;
        }
    }
    Ok(())
}

fn html_paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|p| format!("<p>{}</p>", xml_escape(p.trim()).replace('\n', "<br>")))
        .collect()
}

fn html_table(t: &Table) -> String {
    let mut out = format!(
        "<div class=\"table-wrap\"><table class=\"report-table\"><caption>{}</caption><thead><tr>",
        xml_escape(&t.caption)
    );
    for h in &t.headers {
        out.push_str(&format!("<th scope=\"col\">{}</th>", xml_escape(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, v) in row.iter().enumerate() {
            let class = match v {
                Value::Number(..) | Value::Withheld => " class=\"num\"",
                _ => "",
            };
            if i == 0 {
                out.push_str(&format!(
                    "<th scope=\"row\"{class}>{}</th>",
                    xml_escape(v.text())
                ));
            } else {
                out.push_str(&format!("<td{class}>{}</td>", xml_escape(v.text())));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// The report's body as HTML (what the page shows and the HTML file holds); every text is
/// escaped.
pub fn html_body(r: &DonorReport) -> String {
    let locale = r.spec.language;
    let mut out = format!(
        "<article class=\"donor-report\" lang=\"{}\">",
        locale.code()
    );
    for block in document(r) {
        match block {
            Block::Cover { kind, title, facts } => {
                out.push_str(&format!(
                    "<header class=\"report-cover\"><p class=\"report-kind\">{}</p><h1>{}</h1><dl>",
                    xml_escape(&kind),
                    xml_escape(&title)
                ));
                for (label, value) in facts {
                    out.push_str(&format!(
                        "<dt>{}</dt><dd>{}</dd>",
                        xml_escape(&label),
                        xml_escape(&value)
                    ));
                }
                out.push_str("</dl></header>");
            }
            Block::Heading(h) => out.push_str(&format!("<h2>{}</h2>", xml_escape(&h))),
            Block::Subheading(h) => out.push_str(&format!("<h3>{}</h3>", xml_escape(&h))),
            Block::Paragraph(p) => out.push_str(&html_paragraphs(&p)),
            Block::Table(t) => out.push_str(&html_table(&t)),
            Block::Chart(c) => {
                if let Ok(svg) = chart_svg(r, c) {
                    out.push_str(&format!("<figure class=\"report-chart\">{svg}</figure>"));
                }
            }
            Block::Map => {
                let mut options = MapOptions::new(map_title(r), locale);
                options.width = 900.0;
                options.max_height = 520.0;
                out.push_str(&format!(
                    "<figure class=\"report-chart\">{}</figure>",
                    map_svg(&map_layers(r), &options)
                ));
            }
        }
    }
    out.push_str(&format!(
        "<p class=\"report-footnote\">{} {}</p></article>",
        WITHHELD,
        xml_escape(locale.t(Msg::ReportWithheldNote))
    ));
    out
}

/// The styles of the HTML file, made for print: A4 landscape, tables that break between rows
/// repeating their heading, charts kept whole.
pub const PRINT_CSS: &str = "@page{size:A4 landscape;margin:14mm}\
body{font-family:Helvetica,Arial,sans-serif;color:#111;margin:0 auto;max-width:1100px;padding:16px;line-height:1.4}\
.report-cover{border-bottom:2px solid #0072B2;margin-bottom:1.5em;padding-bottom:1em}\
.report-kind{text-transform:uppercase;letter-spacing:.08em;color:#333;margin:0}\
h1{font-size:1.9em;margin:.2em 0 .6em}h2{font-size:1.35em;margin:1.4em 0 .5em;break-after:avoid}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1.2em;margin:0}dt{font-weight:bold}dd{margin:0}\
.table-wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.85em;margin:.5em 0 1em}\
caption{text-align:left;font-weight:bold;padding:.3em 0}th,td{border-bottom:1px solid #bbb;padding:.3em .4em;text-align:left;vertical-align:top}\
thead th{background:#eee}.num{text-align:right;white-space:nowrap}tr{break-inside:avoid}thead{display:table-header-group}\
figure{margin:1em 0;break-inside:avoid}figure svg{max-width:100%;height:auto}\
.report-footnote{font-size:.85em;color:#333}";

/// The report as a print-ready HTML file.
pub fn html_file(r: &DonorReport) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{PRINT_CSS}</style></head><body>{body}</body></html>",
        lang = r.spec.language.code(),
        title = xml_escape(&r.spec.title),
        body = html_body(r)
    )
}

/// The report as a PDF file.
pub fn pdf_file(r: &DonorReport) -> Vec<u8> {
    let locale = r.spec.language;
    let mut pdf = Pdf::new(&r.spec.title);
    let width = Pdf::body_width();
    let mut last_heading = String::new();
    for block in document(r) {
        match block {
            Block::Cover { kind, title, facts } => {
                pdf.space(60.0);
                pdf.paragraph(&kind, 12.0, false);
                pdf.space(6.0);
                pdf.paragraph(&title, 26.0, true);
                pdf.space(18.0);
                for (label, value) in facts {
                    pdf.paragraph(&format!("{label}: {value}"), 12.0, false);
                    pdf.space(3.0);
                }
                pdf.new_page();
            }
            Block::Heading(h) => {
                pdf.heading(&h, 15.0, 60.0);
                last_heading = h;
            }
            Block::Subheading(h) => pdf.heading(&h, 12.0, 40.0),
            Block::Paragraph(p) => {
                pdf.paragraph(&p, 10.0, false);
                pdf.space(6.0);
            }
            Block::Table(t) => {
                let aligns: Vec<Align> = (0..t.headers.len())
                    .map(|i| {
                        let numeric = t
                            .rows
                            .iter()
                            .any(|r| matches!(r.get(i), Some(Value::Number(..) | Value::Withheld)));
                        if numeric && i > 0 {
                            Align::Right
                        } else {
                            Align::Left
                        }
                    })
                    .collect();
                let rows: Vec<Vec<String>> = t
                    .rows
                    .iter()
                    .map(|r| r.iter().map(|v| v.text().to_owned()).collect())
                    .collect();
                let size = if t.headers.len() > 8 { 7.0 } else { 9.0 };
                if t.caption != last_heading {
                    pdf.paragraph(&t.caption, 10.0, true);
                }
                pdf.table(&t.headers, &rows, &t.widths, &aligns, size);
            }
            Block::Chart(c) => {
                let _ = pdf.drawing(chart_size(c), width * 0.8, |b| chart_pdf(r, c, b));
            }
            Block::Map => {
                let _ = pdf.drawing(MAP_SIZE, width * 0.8, |b| map_pdf(r, b));
            }
        }
    }
    pdf.paragraph(
        &format!("{WITHHELD} {}", locale.t(Msg::ReportWithheldNote)),
        9.0,
        false,
    );
    let title = r.spec.title.clone();
    pdf.finish(move |page, pages| {
        format!("{title} — {} {page} / {pages}", locale.t(Msg::ReportPage))
    })
}

/// The report's figures as CSV: one row per figure with its section, subject, item, measure,
/// breakdown, period, unit and value (decimal points, no thousands separators); a withheld
/// value is empty with `withheld` in the note.
pub fn csv_file(r: &DonorReport) -> String {
    csv_rows(r, &|_, _, _| true)
}

/// The rows of [`csv_file`] whose section, subject and item `keep` keeps (a dashboard's chart
/// downloads its own numbers this way), under the same header.
pub fn csv_rows(r: &DonorReport, keep: &dyn Fn(&str, &str, &str) -> bool) -> String {
    let locale = r.spec.language;
    let mut out = String::new();
    let header = [
        Msg::CsvSection,
        Msg::CsvSubject,
        Msg::CsvItem,
        Msg::CsvMeasure,
        Msg::CsvBreakdown,
        Msg::CsvPeriodStart,
        Msg::CsvPeriodEnd,
        Msg::ReportUnit,
        Msg::ReportValue,
        Msg::CsvNote,
    ]
    .map(|m| csv_cell(locale.t(m)))
    .join(",");
    out.push_str(&header);
    out.push_str("\r\n");
    let mut row = |section: &str,
                   subject: &str,
                   item: &str,
                   measure: &str,
                   breakdown: &str,
                   start: NaiveDate,
                   end: NaiveDate,
                   unit: &str,
                   value: Option<Decimal>| {
        if !keep(section, subject, item) {
            return;
        }
        let (value, note) = match value {
            Some(v) => (v.normalize().to_string(), ""),
            None => (String::new(), "withheld"),
        };
        let cells = [
            section.to_owned(),
            subject.to_owned(),
            item.to_owned(),
            measure.to_owned(),
            breakdown.to_owned(),
            start.to_string(),
            end.to_string(),
            unit.to_owned(),
            value,
            note.to_owned(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    };
    let (start, end) = (r.spec.period_start, r.spec.period_end);
    let org = r.organisation.as_str();
    let breakdown = |row: &mut dyn FnMut(&str, Option<Decimal>), b: &Breakdown| {
        row("total", b.total);
        if b.by_sex {
            row("female", b.female);
            row("male", b.male);
        }
        if b.by_age {
            for (age, v) in AgeBand::ALL.into_iter().zip(&b.ages) {
                row(age.code(), *v);
            }
        }
    };
    let s = &r.summary;
    let mut heads = s.households.clone();
    heads.by_age = false;
    breakdown(
        &mut |b, v| {
            row(
                "summary",
                org,
                "households",
                "count",
                b,
                end,
                end,
                "households",
                v,
            )
        },
        &heads,
    );
    breakdown(
        &mut |b, v| {
            row(
                "summary",
                org,
                "beneficiaries",
                "count",
                b,
                end,
                end,
                "people",
                v,
            )
        },
        &s.beneficiaries,
    );
    for (item, day, v) in [
        ("illicit_hectares", start, s.illicit_start),
        ("illicit_hectares", end, s.illicit_end),
        ("licit_hectares", start, s.licit_start),
        ("licit_hectares", end, s.licit_end),
    ] {
        row(
            "summary",
            org,
            item,
            "area",
            "total",
            day,
            day,
            "ha",
            Some(v),
        );
    }
    row(
        "summary",
        org,
        "agreements_signed",
        "count",
        "total",
        start,
        end,
        "agreements",
        Some(Decimal::from(s.agreements_signed)),
    );
    row(
        "summary",
        org,
        "committed_hectares",
        "area",
        "total",
        start,
        end,
        "ha",
        Some(s.committed_hectares),
    );
    row(
        "summary",
        org,
        "verified_hectares",
        "area",
        "total",
        start,
        end,
        "ha",
        Some(s.verified_hectares),
    );
    row(
        "summary",
        org,
        "replanting_found",
        "count",
        "total",
        start,
        end,
        "visits",
        Some(Decimal::from(s.replanting_found)),
    );
    for t in &s.support {
        row(
            "summary",
            org,
            "support_delivered",
            "amount",
            "total",
            start,
            end,
            &t.currency,
            Some(t.total),
        );
        row(
            "summary",
            org,
            "support_delivered",
            "amount",
            "women_headed",
            start,
            end,
            &t.currency,
            Some(t.women_headed),
        );
        row(
            "summary",
            org,
            "support_delivered",
            "amount",
            "men_headed",
            start,
            end,
            &t.currency,
            Some(t.men_headed),
        );
    }
    for x in &r.results {
        let (ps, pe) = (x.period_start, x.period_end);
        if let Some((year, v)) = x.baseline {
            let day = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(ps);
            let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(ps);
            row(
                "results",
                &x.project,
                &x.indicator,
                "baseline",
                "total",
                first,
                day,
                &x.unit,
                Some(v),
            );
        }
        if let Some(t) = x.target {
            row(
                "results",
                &x.project,
                &x.indicator,
                "target",
                "total",
                ps,
                pe,
                &x.unit,
                Some(t),
            );
        }
        if let Some(b) = &x.actual {
            breakdown(
                &mut |part, v| {
                    row(
                        "results",
                        &x.project,
                        &x.indicator,
                        "actual",
                        part,
                        ps,
                        pe,
                        &x.unit,
                        v,
                    )
                },
                b,
            );
            if x.target.is_some() {
                row(
                    "results",
                    &x.project,
                    &x.indicator,
                    "percent_of_target",
                    "total",
                    ps,
                    pe,
                    "%",
                    x.percent_of_target,
                );
            }
        }
    }
    for f in &r.funding {
        for (code, _, amount, in_period) in statement_lines(f) {
            let (from, until) = if code == "amount" {
                (f.start_date, f.end_date)
            } else if in_period {
                (start, end)
            } else {
                (f.start_date.min(start), end)
            };
            row(
                "funding",
                &f.title,
                code,
                "amount",
                "total",
                from,
                until,
                &f.currency,
                Some(amount),
            );
        }
    }
    for p in &r.hectares {
        let q = crate::outcomes::quarter_label(p.end, locale);
        row(
            "hectares",
            &q,
            "illicit_hectares",
            "area",
            "total",
            p.end,
            p.end,
            "ha",
            Some(p.illicit),
        );
        row(
            "hectares",
            &q,
            "licit_hectares",
            "area",
            "total",
            p.end,
            p.end,
            "ha",
            Some(p.licit),
        );
    }
    for p in &r.eradication {
        let q = crate::outcomes::quarter_label(p.end, locale);
        row(
            "eradication",
            &q,
            "committed_hectares",
            "area",
            "total",
            p.end,
            p.end,
            "ha",
            Some(p.committed),
        );
        row(
            "eradication",
            &q,
            "verified_hectares",
            "area",
            "total",
            p.end,
            p.end,
            "ha",
            Some(p.verified),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::donor_report::{ReportForm, ReportSummary};
    use rust_decimal::dec;

    fn report(locale: &str) -> DonorReport {
        let spec = ReportForm {
            title: "Informe <anual> 2025".into(),
            scope: "projects".into(),
            project_ids: vec!["1".into()],
            period_start: "2025-01-01".into(),
            period_end: "2025-12-31".into(),
            language: locale.into(),
            ..ReportForm::default()
        }
        .validate()
        .unwrap();
        DonorReport {
            spec,
            organisation: "Fundación Café & Cacao".into(),
            donor: Some("UNODC".into()),
            worked_out_at: chrono::Utc::now(),
            issued: None,
            projects: Vec::new(),
            summary: ReportSummary {
                households: Breakdown::of(
                    crate::indicator::Unit::Households,
                    dec!(120),
                    Some([dec!(50), dec!(70)]),
                    None,
                ),
                beneficiaries: Breakdown::of(
                    crate::indicator::Unit::People,
                    dec!(3),
                    Some([dec!(1), dec!(2)]),
                    None,
                ),
                illicit_end: dec!(12.5),
                ..ReportSummary::default()
            },
            results: Vec::new(),
            funding: Vec::new(),
            hectares: Vec::new(),
            eradication: Vec::new(),
            map: Default::default(),
            narratives: vec![crate::donor_report::Narrative {
                section: crate::donor_report::NarrativeSection::Progress,
                text: "Primera línea\n\nSegunda <b>".into(),
            }],
            withheld: 3,
        }
    }

    #[test]
    fn the_html_escapes_what_was_typed_and_says_what_was_withheld() {
        let html = html_file(&report("es"));
        assert!(html.contains("Informe &lt;anual&gt; 2025"));
        assert!(html.contains("Segunda &lt;b&gt;"));
        assert!(!html.contains("<b>"));
        assert!(html.contains("lang=\"es\""));
        assert!(html.contains("Fundación Café &amp; Cacao"));
        assert!(html.contains("12,5"), "Spanish decimals");
        assert!(html.contains("<svg"), "charts drawn");
    }

    #[test]
    fn the_csv_has_a_row_per_figure_with_period_and_unit_and_leaves_withheld_values_empty() {
        let csv = csv_file(&report("en"));
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].starts_with("Section,"));
        assert!(
            lines.contains(&"summary,Fundación Café & Cacao,households,count,total,2025-12-31,2025-12-31,households,120,"),
            "{csv}"
        );
        assert!(lines.iter().any(|l| {
            l.contains(",beneficiaries,count,total,2025-12-31,2025-12-31,people,,withheld")
        }));
        assert!(
            lines
                .iter()
                .any(|l| l.contains(",illicit_hectares,area,total,2025-12-31,2025-12-31,ha,12.5,"))
        );
    }

    #[test]
    fn the_pdf_holds_the_cover_the_tables_and_the_narratives() {
        let pdf = pdf_file(&report("en"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        for wanted in [
            "(Summary) Tj",
            "(Progress in the period) Tj",
            "(Primera l\\355nea) Tj",
        ] {
            assert!(text.contains(wanted), "missing {wanted}");
        }
    }

    #[test]
    fn every_table_becomes_a_sheet_with_a_short_name() {
        let tables = tables(&report("es"));
        assert!(tables.len() >= 4);
        assert!(tables.iter().all(|t| t.sheet.chars().count() <= 31));
        assert!(
            tables
                .iter()
                .all(|t| t.rows.iter().all(|r| r.len() == t.headers.len()))
        );
    }
}
