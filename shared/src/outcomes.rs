//! Outcomes over time, worked out from the field records for the dashboards: quarter by
//! quarter, the hectares of illicit and licit crops on the registered plots (each plot as its
//! latest record by the quarter's last day shows it), and the hectares that households committed
//! to eradicate and those verified eradicated. Each series is drawn as a chart and downloaded as
//! CSV with its unit and period in every row.

use crate::computed::{AgreementFacts, PlotRecord};
use crate::funding::quarter_end;
use crate::i18n::Locale;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The hectares on the registered plots at a quarter's end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HectaresPoint {
    /// The quarter's last day (or the day the series stops, for the current quarter).
    pub end: NaiveDate,
    /// Hectares of coca bush, opium poppy and cannabis.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub illicit: Decimal,
    /// Hectares of licit crops.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub licit: Decimal,
    /// Plots with a record by then.
    pub plots: usize,
}

/// The eradication agreements' hectares at a quarter's end, cumulative.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EradicationPoint {
    /// The quarter's last day (or the day the series stops).
    pub end: NaiveDate,
    /// Hectares committed in the agreements signed by then.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub committed: Decimal,
    /// Hectares verified eradicated by then (each agreement's latest verification, at most
    /// what it committed).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub verified: Decimal,
    /// Agreements signed by then.
    pub agreements: usize,
}

/// A dashboard's series of one subject (a project or a program).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeSeries {
    /// The project's or program's name.
    pub subject: String,
    /// The first day counted.
    pub from: NaiveDate,
    /// The last day counted (today, or the end of the project).
    pub until: NaiveDate,
    /// Hectares on the plots, a point per quarter.
    pub hectares: Vec<HectaresPoint>,
    /// The eradication agreements' hectares, a point per quarter.
    pub eradication: Vec<EradicationPoint>,
}

impl OutcomeSeries {
    /// The series of these records from `from` to `until`.
    pub fn of(
        subject: &str,
        from: NaiveDate,
        until: NaiveDate,
        plots: &[PlotRecord],
        agreements: &[AgreementFacts],
    ) -> OutcomeSeries {
        OutcomeSeries {
            subject: subject.to_owned(),
            from,
            until,
            hectares: hectares_over_time(plots, from, until),
            eradication: eradication_over_time(agreements, from, until),
        }
    }
}

/// The quarter's name: `2025 Q1` / `2025 T1`.
pub fn quarter_label(end: NaiveDate, locale: Locale) -> String {
    let letter = match locale {
        Locale::En => 'Q',
        Locale::Es => 'T',
    };
    format!("{} {letter}{}", end.year(), end.month0() / 3 + 1)
}

/// The last days of the quarters from `from`'s to `until`'s, the last one cut at `until`.
pub fn quarter_ends(from: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
    let mut ends = Vec::new();
    if until < from {
        return ends;
    }
    let mut end = quarter_end(from);
    loop {
        if end >= until {
            ends.push(until);
            break;
        }
        ends.push(end);
        end = quarter_end(end + chrono::Duration::days(1));
    }
    ends
}

/// The plots' hectares at the end of each quarter from `from` to `until`.
pub fn hectares_over_time(
    records: &[PlotRecord],
    from: NaiveDate,
    until: NaiveDate,
) -> Vec<HectaresPoint> {
    // Per plot, its days in order, each with (illicit, licit).
    let mut days: BTreeMap<i64, BTreeMap<NaiveDate, (Decimal, Decimal)>> = BTreeMap::new();
    for r in records {
        let day = days
            .entry(r.plot_id)
            .or_default()
            .entry(r.observed_on)
            .or_default();
        if r.crop.is_illicit() {
            day.0 += r.hectares;
        } else {
            day.1 += r.hectares;
        }
    }
    quarter_ends(from, until)
        .into_iter()
        .map(|end| {
            let mut point = HectaresPoint {
                end,
                illicit: Decimal::ZERO,
                licit: Decimal::ZERO,
                plots: 0,
            };
            for plot in days.values() {
                if let Some((_, (illicit, licit))) = plot.range(..=end).next_back() {
                    point.illicit += *illicit;
                    point.licit += *licit;
                    point.plots += 1;
                }
            }
            point
        })
        .collect()
}

/// The agreements' hectares at the end of each quarter from `from` to `until`.
pub fn eradication_over_time(
    agreements: &[AgreementFacts],
    from: NaiveDate,
    until: NaiveDate,
) -> Vec<EradicationPoint> {
    quarter_ends(from, until)
        .into_iter()
        .map(|end| {
            let mut point = EradicationPoint {
                end,
                committed: Decimal::ZERO,
                verified: Decimal::ZERO,
                agreements: 0,
            };
            for a in agreements.iter().filter(|a| a.signed_on <= end) {
                point.committed += a.committed_hectares;
                point.agreements += 1;
                let latest = a
                    .verifications
                    .iter()
                    .filter(|v| v.verification.visited_on <= end)
                    .max_by_key(|v| (v.verification.visited_on, v.id));
                if let Some(v) = latest {
                    point.verified += v.verification.eradicated_hectares.min(a.committed_hectares);
                }
            }
            point
        })
        .collect()
}

/// A CSV cell: text a spreadsheet would read as a formula neutralised ([`spreadsheet_text`]),
/// then quoted when it holds a separator, a quote or a line break.
pub(crate) fn csv_cell(text: &str) -> String {
    let text = spreadsheet_text(text);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

/// Whether a spreadsheet opening `text` in a cell would read it as a formula (OWASP's rule for
/// CSV injection): it starts with `=`, `+`, `-`, `@`, a tab or a carriage return and is not a
/// plain number such as `-12.5`.
pub fn reads_as_formula(text: &str) -> bool {
    let plain_number = |t: &str| {
        let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
        let mut parts = digits.splitn(2, '.');
        let whole = parts.next().unwrap_or_default();
        let fraction = parts.next().unwrap_or_default();
        !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.bytes().all(|b| b.is_ascii_digit())
    };
    text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !plain_number(text)
}

/// `text` as a spreadsheet cell shows it and never runs it: a leading `'` when it would read as
/// a formula ([`reads_as_formula`]); any other text as it is.
pub fn spreadsheet_text(text: &str) -> std::borrow::Cow<'_, str> {
    if reads_as_formula(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A series as CSV: a row per quarter with the subject, the quarter, its last day and the
/// figures (decimal points, no thousands separators, so any spreadsheet reads the numbers).
fn series_csv(
    subject: &str,
    heading: &str,
    rows: impl Iterator<Item = (NaiveDate, [String; 3])>,
    locale: Locale,
) -> String {
    let mut out = format!("{heading}\r\n");
    for (end, [a, b, c]) in rows {
        out.push_str(&format!(
            "{},{},{end},{a},{b},{c}\r\n",
            csv_cell(subject),
            quarter_label(end, locale)
        ));
    }
    out
}

/// The hectares series as CSV, the unit in the heading.
pub fn hectares_csv(subject: &str, points: &[HectaresPoint], locale: Locale) -> String {
    let heading = match locale {
        Locale::En => {
            "subject,quarter,last_day,illicit_hectares_ha,licit_hectares_ha,plots_recorded"
        }
        Locale::Es => {
            "sujeto,trimestre,ultimo_dia,hectareas_ilicitas_ha,hectareas_licitas_ha,parcelas_registradas"
        }
    };
    let rows = points.iter().map(|p| {
        (
            p.end,
            [
                p.illicit.normalize().to_string(),
                p.licit.normalize().to_string(),
                p.plots.to_string(),
            ],
        )
    });
    series_csv(subject, heading, rows, locale)
}

/// The eradication series as CSV, the unit in the heading.
pub fn eradication_csv(subject: &str, points: &[EradicationPoint], locale: Locale) -> String {
    let heading = match locale {
        Locale::En => {
            "subject,quarter,last_day,committed_hectares_ha,verified_eradicated_hectares_ha,agreements_signed"
        }
        Locale::Es => {
            "sujeto,trimestre,ultimo_dia,hectareas_comprometidas_ha,hectareas_erradicadas_verificadas_ha,acuerdos_firmados"
        }
    };
    let rows = points.iter().map(|p| {
        (
            p.end,
            [
                p.committed.normalize().to_string(),
                p.verified.normalize().to_string(),
                p.agreements.to_string(),
            ],
        )
    });
    series_csv(subject, heading, rows, locale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::{NewVerification, Verification, VerificationMethod};
    use crate::plot::PlotCrop;
    use rust_decimal::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn record(plot: i64, day: NaiveDate, crop: PlotCrop, hectares: Decimal) -> PlotRecord {
        PlotRecord {
            plot_id: plot,
            household_id: plot,
            observed_on: day,
            crop,
            hectares,
        }
    }

    #[test]
    fn quarters_run_from_the_first_to_the_day_the_series_stops() {
        assert_eq!(
            quarter_ends(d(2025, 2, 10), d(2025, 8, 5)),
            [d(2025, 3, 31), d(2025, 6, 30), d(2025, 8, 5)]
        );
        assert_eq!(
            quarter_ends(d(2025, 2, 10), d(2025, 2, 10)),
            [d(2025, 2, 10)]
        );
        assert!(quarter_ends(d(2025, 2, 10), d(2025, 1, 1)).is_empty());
        assert_eq!(quarter_label(d(2025, 8, 5), Locale::Es), "2025 T3");
    }

    #[test]
    fn each_plot_counts_as_its_latest_record_by_the_quarter_s_end() {
        let coca = PlotCrop::from_code("coca_bush").unwrap();
        let cocoa = PlotCrop::from_code("cocoa").unwrap();
        let records = [
            // Plot 1: 1.5 ha of coca in February, replaced by 1.2 ha of cocoa in May.
            record(1, d(2025, 2, 1), coca, dec!(1.5)),
            record(1, d(2025, 5, 20), cocoa, dec!(1.2)),
            // Plot 2: 0.5 coca and 0.25 cocoa on one day in March, nothing recorded after.
            record(2, d(2025, 3, 3), coca, dec!(0.5)),
            record(2, d(2025, 3, 3), cocoa, dec!(0.25)),
            // Plot 3: first recorded in the third quarter.
            record(3, d(2025, 7, 1), cocoa, dec!(2)),
        ];
        let points = hectares_over_time(&records, d(2025, 1, 1), d(2025, 9, 30));
        let figures: Vec<(Decimal, Decimal, usize)> = points
            .iter()
            .map(|p| (p.illicit, p.licit, p.plots))
            .collect();
        assert_eq!(
            figures,
            [
                (dec!(2.0), dec!(0.25), 2),
                (dec!(0.5), dec!(1.45), 2),
                (dec!(0.5), dec!(3.45), 3),
            ]
        );
        let csv = hectares_csv("Cacao, Sur", &points, Locale::En);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "subject,quarter,last_day,illicit_hectares_ha,licit_hectares_ha,plots_recorded"
        );
        assert_eq!(lines[2], "\"Cacao, Sur\",2025 Q2,2025-06-30,0.5,1.45,2");
    }

    #[test]
    fn verified_hectares_are_each_agreement_s_latest_visit_at_most_what_it_committed() {
        let visit = |id, day, hectares| Verification {
            id,
            agreement_id: 1,
            verification: NewVerification {
                visited_on: day,
                method: VerificationMethod::FieldVisit,
                eradicated_hectares: hectares,
                illicit_hectares_found: Decimal::ZERO,
                note: None,
            },
            replanting: false,
            recorded_by: String::new(),
            recorded_at: chrono::DateTime::from_timestamp(0, 0).unwrap(),
        };
        let agreements = [
            AgreementFacts {
                household_id: 1,
                signed_on: d(2025, 1, 15),
                committed_hectares: dec!(2),
                verifications: vec![
                    visit(1, d(2025, 3, 1), dec!(1)),
                    visit(2, d(2025, 5, 1), dec!(2.5)),
                ],
            },
            AgreementFacts {
                household_id: 2,
                signed_on: d(2025, 4, 2),
                committed_hectares: dec!(1.5),
                verifications: vec![],
            },
        ];
        let points = eradication_over_time(&agreements, d(2025, 1, 1), d(2025, 6, 30));
        let figures: Vec<(Decimal, Decimal, usize)> = points
            .iter()
            .map(|p| (p.committed, p.verified, p.agreements))
            .collect();
        assert_eq!(figures, [(dec!(2), dec!(1), 1), (dec!(3.5), dec!(2), 2)]);
        assert!(eradication_csv("X", &points, Locale::Es).starts_with("sujeto,trimestre"));
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_neutralised_and_numbers_are_kept() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(csv_cell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(csv_cell("-1+1"), "'-1+1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\t=1"), "'\t=1");
        assert_eq!(csv_cell("\r=1"), "\"'\r=1\"");
        assert_eq!(csv_cell("-"), "'-");
        for number in ["-12.5", "+3", "0.25", "-1000", "42"] {
            assert_eq!(csv_cell(number), number);
        }
        assert_eq!(csv_cell("Vereda La Carmelita"), "Vereda La Carmelita");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
    }
}
