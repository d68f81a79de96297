//! Funding figures: a project's, program's or donor's budget, what donors committed, what
//! reached the program (disbursed) and what it spent, in any one currency, with the funding gap
//! (budget − committed), what remains to disburse (committed − disbursed) and the spending rate
//! (spent ÷ disbursed). Each total converts its amounts at their own days' rates and is rounded
//! once (see [`crate::fx`]); the gap and the remainder are differences of the totals as shown,
//! so a printed table adds up to the last unit.

use crate::fx::{NoRate, RateTable, Total, round_money, total_in};
use crate::i18n::Locale;
use chrono::NaiveDate;
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
    let spending_rate = (disbursed.amount > Decimal::ZERO).then(|| {
        let mut rate = (spent.amount * Decimal::ONE_HUNDRED / disbursed.amount)
            .round_dp_with_strategy(1, RoundingStrategy::MidpointNearestEven);
        rate.rescale(1);
        rate
    });
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
}
