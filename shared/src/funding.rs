//! Funding figures: a project's, program's or donor's budget, what donors committed, what
//! reached the program (disbursed) and what it spent, in any one currency, with the funding gap
//! (budget − committed), what remains to disburse (committed − disbursed) and the spending rate
//! (spent ÷ disbursed). Each total converts its amounts at their own days' rates and is rounded
//! once (see [`crate::fx`]); the gap and the remainder are differences of the totals as shown,
//! so a printed table adds up to the last unit.

use crate::fx::{NoRate, RateTable, Total, round_money, total_in};
use crate::i18n::Locale;
use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

crate::crop::coded_enum! {
    /// What a transaction records (IATI transaction types 1, 2/11, 3 and 4).
    TransactionKind {
        IncomingFunds => "incoming_funds", "Incoming funds", "Fondos recibidos";
        Commitment => "commitment", "Commitment", "Compromiso";
        Disbursement => "disbursement", "Disbursement", "Desembolso";
        Expenditure => "expenditure", "Expenditure", "Gasto";
    }
}

impl TransactionKind {
    /// The IATI 2.03 transaction type code (a commitment a donor makes to the program is an
    /// incoming commitment, 11).
    pub fn iati_code(self) -> &'static str {
        match self {
            TransactionKind::IncomingFunds => "1",
            TransactionKind::Commitment => "11",
            TransactionKind::Disbursement => "3",
            TransactionKind::Expenditure => "4",
        }
    }
}

/// An amount of money on a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    /// The amount, a decimal.
    pub amount: Decimal,
    /// Its currency (ISO 4217).
    pub currency: String,
    /// Its value day (for a budget line, the first day of its year).
    pub day: NaiveDate,
}

/// The funding figures in one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundingFigures {
    /// The currency of every figure.
    pub currency: String,
    /// The budget.
    pub budget: Total,
    /// Committed by donors.
    pub committed: Total,
    /// Disbursed: funds that reached the program (disbursements and incoming funds).
    pub disbursed: Total,
    /// Spent.
    pub spent: Total,
    /// Budget − committed, of the totals as shown (negative when more is committed).
    pub gap: Decimal,
    /// Committed − disbursed, of the totals as shown.
    pub to_disburse: Decimal,
    /// Spent ÷ disbursed in per cent, to one decimal; none before anything is disbursed.
    pub spending_rate: Option<Decimal>,
}

/// Works out the figures in `currency` from budget lines and transactions.
pub fn funding_figures(
    budget: &[Money],
    transactions: &[(TransactionKind, Money)],
    currency: &str,
    table: &RateTable,
) -> Result<FundingFigures, NoRate> {
    let lines = |m: &[&Money]| -> Vec<(Decimal, String, NaiveDate)> {
        m.iter()
            .map(|m| (m.amount, m.currency.clone(), m.day))
            .collect()
    };
    let total = |m: Vec<&Money>| {
        let owned = lines(&m);
        let borrowed: Vec<(Decimal, &str, NaiveDate)> =
            owned.iter().map(|(a, c, d)| (*a, c.as_str(), *d)).collect();
        total_in(table, &borrowed, currency)
    };
    let of = |kinds: &[TransactionKind]| {
        transactions
            .iter()
            .filter(|(k, _)| kinds.contains(k))
            .map(|(_, m)| m)
            .collect::<Vec<_>>()
    };
    let budget = total(budget.iter().collect())?;
    let committed = total(of(&[TransactionKind::Commitment]))?;
    let disbursed = total(of(&[
        TransactionKind::Disbursement,
        TransactionKind::IncomingFunds,
    ]))?;
    let spent = total(of(&[TransactionKind::Expenditure]))?;
    let spending_rate = percent_of(spent.amount, disbursed.amount);
    Ok(FundingFigures {
        currency: currency.trim().to_ascii_uppercase(),
        gap: round_money(budget.amount - committed.amount, currency),
        to_disburse: round_money(committed.amount - disbursed.amount, currency),
        spending_rate,
        budget,
        committed,
        disbursed,
        spent,
    })
}

/// The figures at the end of one quarter, counting everything up to that day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundingPoint {
    /// The quarter's last day.
    pub end: NaiveDate,
    /// Committed by then.
    pub committed: Decimal,
    /// Disbursed by then.
    pub disbursed: Decimal,
    /// Spent by then.
    pub spent: Decimal,
    /// Spent ÷ disbursed by then, in per cent to one decimal.
    pub spending_rate: Option<Decimal>,
}

/// The last day of the quarter holding `day`.
pub fn quarter_end(day: NaiveDate) -> NaiveDate {
    let month = (day.month0() / 3) * 3 + 3;
    let (year, month) = if month == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), month + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).expect("first of a month") - chrono::Duration::days(1)
}

/// Transactions as the money the figures add up: each with its kind, amount, currency and value
/// day.
pub fn money_of<'a>(
    transactions: impl IntoIterator<Item = &'a crate::funding_agreement::Transaction>,
) -> Vec<(TransactionKind, Money)> {
    transactions
        .into_iter()
        .map(|t| {
            (
                t.kind,
                Money {
                    amount: t.amount,
                    currency: t.currency.clone(),
                    day: t.value_date,
                },
            )
        })
        .collect()
}

/// `part` as a percentage of `whole`, half to even to one decimal; `None` unless `whole` is
/// positive.
fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    (whole > Decimal::ZERO).then(|| {
        let mut rate = (part * Decimal::ONE_HUNDRED / whole)
            .round_dp_with_strategy(1, RoundingStrategy::MidpointNearestEven);
        rate.rescale(1);
        rate
    })
}

/// The figures quarter by quarter, from the quarter of the first transaction to the quarter of
/// `until` (or of the last transaction, if later): each cumulative, each amount converted at its
/// own day's rate, each figure rounded once. Empty when there is no transaction.
pub fn funding_over_time(
    transactions: &[(TransactionKind, Money)],
    currency: &str,
    table: &RateTable,
    until: NaiveDate,
) -> Result<Vec<FundingPoint>, NoRate> {
    let Some(first) = transactions.iter().map(|(_, m)| m.day).min() else {
        return Ok(Vec::new());
    };
    let last = transactions
        .iter()
        .map(|(_, m)| m.day)
        .max()
        .unwrap_or(first)
        .max(until);
    let converted = transactions
        .iter()
        .map(|(kind, m)| {
            crate::fx::convert(table, m.amount, &m.currency, currency, m.day)
                .map(|c| (*kind, m.day, c.exact))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut points = Vec::new();
    let mut end = quarter_end(first);
    let stop = quarter_end(last);
    while end <= stop {
        let sum = |kinds: &[TransactionKind]| {
            converted
                .iter()
                .filter(|(k, day, _)| kinds.contains(k) && *day <= end)
                .map(|(_, _, exact)| *exact)
                .sum::<Decimal>()
        };
        let committed = round_money(sum(&[TransactionKind::Commitment]), currency);
        let disbursed = round_money(
            sum(&[
                TransactionKind::Disbursement,
                TransactionKind::IncomingFunds,
            ]),
            currency,
        );
        let spent = round_money(sum(&[TransactionKind::Expenditure]), currency);
        points.push(FundingPoint {
            end,
            committed,
            disbursed,
            spent,
            spending_rate: percent_of(spent, disbursed),
        });
        end = quarter_end(end + chrono::Duration::days(1));
    }
    Ok(points)
}

/// A project's budget by component and year, in the project's currency.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetTable {
    /// The currency.
    pub currency: String,
    /// The years, in order; lines budgeted for no year are in the last column (`None`).
    pub years: Vec<Option<i32>>,
    /// One row per component (in the project's order), and a last row for lines in no
    /// component (`component_id` none) when there are any.
    pub rows: Vec<BudgetRow>,
    /// Each year's total.
    pub year_totals: Vec<Decimal>,
    /// The whole budget.
    pub total: Decimal,
}

/// One component's budget by year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetRow {
    /// The component, none for lines in no component.
    pub component_id: Option<i64>,
    /// Its name (empty for lines in no component).
    pub name: String,
    /// The amount of each year of [`BudgetTable::years`].
    pub amounts: Vec<Decimal>,
    /// The row's total.
    pub total: Decimal,
}

/// Lays out budget lines `(component, year, amount)` by component (`components` in order, with
/// their names) and year. Amounts are in one currency and added exactly.
pub fn budget_table(
    currency: &str,
    components: &[(i64, String)],
    lines: &[(Option<i64>, Option<i32>, Decimal)],
) -> BudgetTable {
    let mut years: Vec<Option<i32>> = lines.iter().map(|(_, y, _)| *y).collect();
    years.sort_by_key(|y| (y.is_none(), *y));
    years.dedup();
    let row = |component: Option<i64>, name: String| {
        let amounts: Vec<Decimal> = years
            .iter()
            .map(|year| {
                lines
                    .iter()
                    .filter(|(c, y, _)| *c == component && y == year)
                    .map(|(_, _, a)| *a)
                    .sum()
            })
            .collect();
        BudgetRow {
            component_id: component,
            name,
            total: amounts.iter().sum(),
            amounts,
        }
    };
    let known: Vec<i64> = components.iter().map(|(id, _)| *id).collect();
    let mut rows: Vec<BudgetRow> = components
        .iter()
        .map(|(id, name)| row(Some(*id), name.clone()))
        .collect();
    // Lines of a component no longer listed count with the lines of none.
    let loose: Vec<(Option<i64>, Option<i32>, Decimal)> = lines
        .iter()
        .map(|(c, y, a)| (c.filter(|c| known.contains(c)), *y, *a))
        .collect();
    if loose.iter().any(|(c, _, _)| c.is_none()) {
        let amounts: Vec<Decimal> = years
            .iter()
            .map(|year| {
                loose
                    .iter()
                    .filter(|(c, y, _)| c.is_none() && y == year)
                    .map(|(_, _, a)| *a)
                    .sum()
            })
            .collect();
        rows.push(BudgetRow {
            component_id: None,
            name: String::new(),
            total: amounts.iter().sum(),
            amounts,
        });
    }
    let year_totals = (0..years.len())
        .map(|i| rows.iter().map(|r| r.amounts[i]).sum())
        .collect();
    BudgetTable {
        currency: currency.to_owned(),
        total: rows.iter().map(|r| r.total).sum(),
        years,
        rows,
        year_totals,
    }
}

/// One line of a table of funding figures (a project of a program, an agreement of a donor),
/// in the overview's currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureRow {
    /// What the line is about.
    pub name: String,
    /// Where its own page is.
    pub href: String,
    /// Its figures, or none when a rate is missing.
    pub figures: Option<FundingFigures>,
}

/// What a funding overview is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FundingSubject {
    /// A project: its budget lines and the transactions counted in it.
    Project,
    /// A program: its projects' budget lines and every transaction counted in it.
    Program,
    /// A donor: its agreements' amounts as the budget and their transactions.
    Donor,
}

/// The funding of a project, program or donor in one currency, as its page and the API show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundingOverview {
    /// What it is about.
    pub subject: FundingSubject,
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The currency of every figure.
    pub currency: String,
    /// The currencies the reader may choose (those of the records, and the subject's own).
    pub currencies: Vec<String>,
    /// The day the figures run to (today).
    pub as_of: NaiveDate,
    /// The figures; none when an amount has no rate into the currency (`missing_rate` says
    /// which).
    pub figures: Option<FundingFigures>,
    /// The first amount that could not be converted.
    pub missing_rate: Option<NoRate>,
    /// Quarter by quarter, cumulative.
    pub over_time: Vec<FundingPoint>,
    /// A project's budget by component and year (in the project's currency); none for a
    /// program or donor.
    pub budget_table: Option<BudgetTable>,
    /// The funding agreements counted, the reader's visible ones.
    pub agreements: Vec<crate::funding_agreement::FundingAgreement>,
    /// A program's projects or a donor's agreements, each with its figures.
    pub rows: Vec<FigureRow>,
    /// The transactions counted, newest first.
    pub transactions: Vec<crate::funding_agreement::Transaction>,
    /// Whether the reader may record agreements and transactions.
    pub can_manage: bool,
}

impl FundingOverview {
    /// The address of its files under the REST API (`/api/v1/projects/1/funding`).
    pub fn files_path(&self) -> String {
        let kind = match self.subject {
            FundingSubject::Project => "projects",
            FundingSubject::Program => "programs",
            FundingSubject::Donor => "donors",
        };
        format!("/api/v1/{kind}/{}/funding", self.id)
    }
}

/// The funding chart's numbers as CSV: a row per quarter with its last day, the currency and the
/// cumulative committed, disbursed and spent amounts in the currency's minor units (decimal
/// points, no thousands separators), and the spending rate in per cent.
pub fn funding_csv(overview: &FundingOverview, locale: crate::i18n::Locale) -> String {
    use crate::i18n::Locale;
    let heading = match locale {
        Locale::En => {
            "subject,quarter,last_day,currency,committed,disbursed,spent,spending_rate_percent"
        }
        Locale::Es => {
            "sujeto,trimestre,ultimo_dia,moneda,comprometido,desembolsado,gastado,tasa_de_gasto_por_ciento"
        }
    };
    let places = crate::currency::Currency::from_code(&overview.currency)
        .map(|c| c.minor_units)
        .unwrap_or(2);
    let money = |d: Decimal| {
        let mut d = d.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven);
        d.rescale(places);
        d.to_string()
    };
    let subject = crate::outcomes::csv_cell(&overview.name);
    let mut out = format!("{heading}\r\n");
    for p in &overview.over_time {
        out.push_str(&format!(
            "{subject},{},{},{},{},{},{},{}\r\n",
            crate::outcomes::quarter_label(p.end, locale),
            p.end,
            overview.currency,
            money(p.committed),
            money(p.disbursed),
            money(p.spent),
            p.spending_rate.map(|r| r.to_string()).unwrap_or_default()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fx::{Rate, RateSource, RateSpan};
    use rust_decimal::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn money(amount: Decimal, currency: &str, day: NaiveDate) -> Money {
        Money {
            amount,
            currency: currency.into(),
            day,
        }
    }

    /// 4,000 COP per USD on average in 2025, 4,200 in 2026; 1.10 USD per EUR on 2 March 2026.
    fn table() -> RateTable {
        let rate = |base: &str, quote: &str, day, rate, span| Rate {
            base: base.into(),
            quote: quote.into(),
            day,
            rate,
            span,
            source: RateSource::Manual,
        };
        RateTable::new(vec![
            rate("USD", "COP", d(2025, 12, 31), dec!(4000), RateSpan::Year),
            rate("USD", "COP", d(2026, 12, 31), dec!(4200), RateSpan::Year),
            rate("EUR", "USD", d(2026, 3, 2), dec!(1.10), RateSpan::Day),
        ])
    }

    #[test]
    fn a_small_programs_figures_are_worked_out_by_hand_in_dollars() {
        // Budget: 100,000 USD for 2025 and 420,000,000 COP for 2026 (= 100,000 USD): 200,000.
        let budget = [
            money(dec!(100000), "USD", d(2025, 1, 1)),
            money(dec!(420000000), "COP", d(2026, 1, 1)),
        ];
        use TransactionKind::*;
        let transactions = [
            // Committed: 150,000 USD and 20,000 EUR on 2 March 2026 (= 22,000 USD): 172,000.
            (Commitment, money(dec!(150000), "USD", d(2025, 2, 1))),
            (Commitment, money(dec!(20000), "EUR", d(2026, 3, 2))),
            // Disbursed: 80,000 USD, and 80,000,000 COP received in 2025 (= 20,000): 100,000.
            (Disbursement, money(dec!(80000), "USD", d(2025, 3, 1))),
            (IncomingFunds, money(dec!(80000000), "COP", d(2025, 6, 1))),
            // Spent: 126,000,000 COP in 2026 (= 30,000 USD) and 12,345.67 USD: 42,345.67.
            (Expenditure, money(dec!(126000000), "COP", d(2026, 5, 1))),
            (Expenditure, money(dec!(12345.67), "USD", d(2026, 6, 1))),
        ];
        let f = funding_figures(&budget, &transactions, "USD", &table()).unwrap();
        assert_eq!(f.budget.amount, dec!(200000.00));
        assert_eq!(f.committed.amount, dec!(172000.00));
        assert_eq!(f.disbursed.amount, dec!(100000.00));
        assert_eq!(f.spent.amount, dec!(42345.67));
        assert_eq!(f.gap, dec!(28000.00));
        assert_eq!(f.to_disburse, dec!(72000.00));
        assert_eq!(f.spending_rate, Some(dec!(42.3)));
        // Every converted figure names its rate.
        let eur = &f.committed.parts[1];
        assert_eq!(eur.rate.legs[0].day, d(2026, 3, 2));
        // The same in pesos: the budget at each year's average, 400,000,000 + 420,000,000.
        let cop = funding_figures(&budget, &transactions, "COP", &table()).unwrap();
        assert_eq!(cop.budget.amount, dec!(820000000.00));
        assert_eq!(cop.gap, cop.budget.amount - cop.committed.amount);
        assert_eq!(TransactionKind::Commitment.iati_code(), "11");
    }

    #[test]
    fn nothing_disbursed_gives_no_spending_rate_and_a_missing_rate_is_named() {
        let f = funding_figures(&[], &[], "USD", &table()).unwrap();
        assert_eq!((f.spending_rate, f.gap), (None, dec!(0.00)));
        let err = funding_figures(
            &[money(dec!(1), "PEN", d(2025, 1, 1))],
            &[],
            "USD",
            &table(),
        )
        .unwrap_err();
        assert_eq!(err.from, "PEN");
    }

    #[test]
    fn figures_over_time_are_cumulative_by_quarter() {
        use TransactionKind::*;
        let transactions = [
            (Commitment, money(dec!(150000), "USD", d(2025, 2, 1))),
            (Disbursement, money(dec!(80000), "USD", d(2025, 3, 1))),
            (Expenditure, money(dec!(12000), "USD", d(2025, 5, 20))),
            (IncomingFunds, money(dec!(80000000), "COP", d(2025, 6, 1))),
        ];
        let points = funding_over_time(&transactions, "USD", &table(), d(2025, 8, 1)).unwrap();
        let ends: Vec<NaiveDate> = points.iter().map(|p| p.end).collect();
        assert_eq!(ends, [d(2025, 3, 31), d(2025, 6, 30), d(2025, 9, 30)]);
        assert_eq!(points[0].disbursed, dec!(80000.00));
        assert_eq!(points[0].spending_rate, Some(dec!(0.0)));
        // 80,000 + 80,000,000 COP ÷ 4,000 = 100,000 by June; 12,000 spent = 12.0 %.
        assert_eq!(points[1].disbursed, dec!(100000.00));
        assert_eq!(points[1].spending_rate, Some(dec!(12.0)));
        assert_eq!(
            points[2],
            FundingPoint {
                end: d(2025, 9, 30),
                ..points[1].clone()
            }
        );
        assert_eq!(quarter_end(d(2025, 12, 5)), d(2025, 12, 31));
        assert!(
            funding_over_time(&[], "USD", &table(), d(2025, 1, 1))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_budget_is_laid_out_by_component_and_year() {
        let components = [(1, "Cocoa".to_owned()), (2, "Roads".to_owned())];
        let lines = [
            (Some(1), Some(2026), dec!(100.50)),
            (Some(1), Some(2025), dec!(200)),
            (Some(2), Some(2026), dec!(50)),
            (None, None, dec!(10)),
            (Some(9), Some(2025), dec!(5)),
        ];
        let t = budget_table("USD", &components, &lines);
        assert_eq!(t.years, [Some(2025), Some(2026), None]);
        assert_eq!(t.rows[0].amounts, [dec!(200), dec!(100.50), dec!(0)]);
        assert_eq!(t.rows[1].total, dec!(50));
        assert_eq!(t.rows[2].component_id, None);
        assert_eq!(t.rows[2].amounts, [dec!(5), dec!(0), dec!(10)]);
        assert_eq!(t.year_totals, [dec!(205), dec!(150.50), dec!(10)]);
        assert_eq!(t.total, dec!(365.50));
    }

    #[test]
    fn the_funding_csv_has_a_row_per_quarter_in_the_currency_s_minor_units() {
        let point = |m: u32, c, d, sp, rate| FundingPoint {
            end: NaiveDate::from_ymd_opt(2025, m, 30).unwrap(),
            committed: c,
            disbursed: d,
            spent: sp,
            spending_rate: rate,
        };
        let overview = FundingOverview {
            subject: FundingSubject::Program,
            id: 2,
            name: "Programa, Sur".into(),
            currency: "USD".into(),
            currencies: vec!["USD".into()],
            as_of: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
            figures: None,
            missing_rate: None,
            over_time: vec![
                point(3, dec!(100000), dec!(0), dec!(0), None),
                point(
                    6,
                    dec!(100000),
                    dec!(40000.005),
                    dec!(15000.5),
                    Some(dec!(37.5)),
                ),
            ],
            budget_table: None,
            agreements: vec![],
            rows: vec![],
            transactions: vec![],
            can_manage: false,
        };
        assert_eq!(overview.files_path(), "/api/v1/programs/2/funding");
        let csv = funding_csv(&overview, crate::i18n::Locale::En);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines,
            [
                "subject,quarter,last_day,currency,committed,disbursed,spent,spending_rate_percent",
                "\"Programa, Sur\",2025 Q1,2025-03-30,USD,100000.00,0.00,0.00,",
                // 40,000.005 rounds half to even to 40,000.00.
                "\"Programa, Sur\",2025 Q2,2025-06-30,USD,100000.00,40000.00,15000.50,37.5",
            ]
        );
    }
}
