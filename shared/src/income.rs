//! The income transition of crop substitution: month by month, the licit income a household's
//! value chains are expected to bring, against the illicit income it gives up when it eradicates.
//! Cocoa and coffee give little or nothing for the first years: the "income valley" that bridging
//! support must cover (Guiding Principles on Alternative Development, 18(k)). Money stays exact
//! (decimals in one currency); rounding is left to the display.

use crate::crop::AlternativeCrop;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One value chain of a livelihood plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueChainPlan {
    /// The crop.
    pub crop: AlternativeCrop,
    /// Hectares planted.
    pub hectares: Decimal,
    /// The month of planting (any day of it).
    pub planted: NaiveDate,
    /// Yield in kilograms per hectare per year, by year since planting (the first entry is the
    /// first year); after the last entry the yield stays at the last value.
    pub yield_per_hectare: Vec<Decimal>,
    /// Farm-gate price per kilogram, in the plan's currency.
    pub price_per_kilogram: Decimal,
}

impl ValueChainPlan {
    /// The income this value chain brings in a month (a twelfth of its yearly harvest value).
    pub fn monthly_income(&self, month: NaiveDate) -> Decimal {
        let since = months_between(self.planted, month);
        if since < 0 {
            return Decimal::ZERO;
        }
        let year = usize::try_from(since / 12).unwrap_or(usize::MAX);
        let yield_per_ha = self
            .yield_per_hectare
            .get(year)
            .or(self.yield_per_hectare.last())
            .copied()
            .unwrap_or_default();
        yield_per_ha * self.hectares * self.price_per_kilogram / Decimal::from(12)
    }
}

/// Months from `from`'s month to `to`'s month (negative when `to` is earlier).
fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month())
}

/// The first day of the month `n` months after `start`'s month.
fn month_after(start: NaiveDate, n: u32) -> NaiveDate {
    let index = i64::from(start.year()) * 12 + i64::from(start.month0()) + i64::from(n);
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX);
    let month = u32::try_from(index.rem_euclid(12)).unwrap_or(0) + 1;
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(start)
}

/// One month of the transition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionMonth {
    /// The month (its first day).
    pub month: NaiveDate,
    /// Licit income expected that month.
    pub licit_income: Decimal,
    /// What is missing to reach the illicit income given up (zero once licit income reaches it).
    pub gap: Decimal,
}

/// The transition over a horizon, and the shape of its valley.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    /// Month by month.
    pub months: Vec<TransitionMonth>,
    /// The deepest monthly gap.
    pub valley_depth: Decimal,
    /// How many months pass before licit income first reaches the illicit income given up (the
    /// whole horizon when it never does within it).
    pub valley_months: u32,
    /// The month licit income first reaches it, if within the horizon.
    pub recovers: Option<NaiveDate>,
    /// The bridging support that covers every gap over the horizon: the sum of the gaps.
    pub bridging_support: Decimal,
}

/// Projects the transition from the month illicit income stops (`start`) over `months`,
/// against `illicit_monthly`, the illicit income given up each month.
pub fn transition(
    plans: &[ValueChainPlan],
    illicit_monthly: Decimal,
    start: NaiveDate,
    months: u32,
) -> Transition {
    let mut rows = Vec::new();
    let (mut depth, mut bridging, mut recovers) = (Decimal::ZERO, Decimal::ZERO, None);
    for n in 0..months {
        let month = month_after(start, n);
        let licit: Decimal = plans.iter().map(|p| p.monthly_income(month)).sum();
        let gap = (illicit_monthly - licit).max(Decimal::ZERO);
        if gap.is_zero() && recovers.is_none() {
            recovers = Some(month);
        }
        depth = depth.max(gap);
        bridging += gap;
        rows.push(TransitionMonth {
            month,
            licit_income: licit,
            gap,
        });
    }
    let valley_months = match recovers {
        Some(month) => u32::try_from(months_between(start, month)).unwrap_or(0),
        None => months,
    };
    Transition {
        months: rows,
        valley_depth: depth,
        valley_months,
        recovers,
        bridging_support: bridging,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn day(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    fn cocoa() -> ValueChainPlan {
        ValueChainPlan {
            crop: AlternativeCrop::Cocoa,
            hectares: dec!(2),
            planted: day(2025, 1),
            yield_per_hectare: vec![dec!(0), dec!(0), dec!(300), dec!(600), dec!(800)],
            price_per_kilogram: dec!(8000),
        }
    }

    /// Worked by hand: a household gives up 1,000,000 COP a month of coca in January 2025 and
    /// plants 2 ha of cocoa. Years 1–2: no income, gap 1,000,000 × 24 = 24,000,000. Year 3:
    /// 300 kg × 2 ha × 8,000 = 4,800,000 a year = 400,000 a month, gap 600,000 × 12 =
    /// 7,200,000. Year 4: 9,600,000 a year = 800,000 a month, gap 200,000 × 12 = 2,400,000.
    /// Year 5: 12,800,000 a year ≥ 12,000,000: recovered in January 2029, after 48 months.
    /// Bridging support: 24,000,000 + 7,200,000 + 2,400,000 = 33,600,000 COP.
    #[test]
    fn a_cocoa_household_crosses_a_four_year_valley_worked_by_hand() {
        let t = transition(&[cocoa()], dec!(1000000), day(2025, 1), 60);
        assert_eq!(t.valley_depth, dec!(1000000));
        assert_eq!(t.valley_months, 48);
        assert_eq!(t.recovers, Some(day(2029, 1)));
        assert_eq!(t.bridging_support, dec!(33600000));
        assert_eq!(t.months[24].licit_income, dec!(400000));
        assert_eq!(t.months[36].gap, dec!(200000));
        assert_eq!(t.months.len(), 60);
    }

    #[test]
    fn a_plantain_bridge_crop_makes_the_valley_shallower_and_cheaper_to_cover() {
        let plantain = ValueChainPlan {
            crop: AlternativeCrop::Banana,
            hectares: dec!(1),
            planted: day(2025, 1),
            // From the second year, 7,500 kg/ha at 800 COP/kg = 6,000,000 a year = 500,000 a month.
            yield_per_hectare: vec![dec!(0), dec!(7500)],
            price_per_kilogram: dec!(800),
        };
        let t = transition(&[cocoa(), plantain], dec!(1000000), day(2025, 1), 60);
        assert_eq!(
            t.valley_depth,
            dec!(1000000),
            "the first year is still empty"
        );
        // Year 1: 12 × 1,000,000; year 2: 12 × 500,000; year 3: 400,000 + 500,000 → 12 × 100,000;
        // year 4: 800,000 + 500,000 ≥ 1,000,000.
        assert_eq!(t.bridging_support, dec!(19200000));
        assert_eq!(t.valley_months, 36);
    }

    #[test]
    fn a_valley_that_outlasts_the_horizon_counts_the_whole_horizon() {
        let t = transition(&[cocoa()], dec!(5000000), day(2025, 1), 24);
        assert_eq!(t.recovers, None);
        assert_eq!(t.valley_months, 24);
        assert_eq!(t.bridging_support, dec!(120000000));
    }

    #[test]
    fn months_are_counted_across_years() {
        assert_eq!(month_after(day(2025, 11), 3), day(2026, 2));
        assert_eq!(months_between(day(2025, 11), day(2026, 2)), 3);
        let late = ValueChainPlan {
            planted: day(2026, 6),
            ..cocoa()
        };
        assert_eq!(late.monthly_income(day(2026, 5)), Decimal::ZERO);
    }
}
