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

/// Months from `from`'s month to `to`'s month (negative when `to` is earlier); the days are
/// ignored.
pub fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month())
}

/// The first day of the month `n` months after `start`'s month.
pub fn month_after(start: NaiveDate, n: u32) -> NaiveDate {
    let index = i64::from(start.year()) * 12 + i64::from(start.month0()) + i64::from(n);
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX);
    let month = u32::try_from(index.rem_euclid(12)).unwrap_or(0) + 1;
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(start)
}

/// One month of the transition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

impl Transition {
    /// The same transition for `factor` households alike: every amount multiplied by `factor`
    /// (the valley's length and recovery month do not change). Multiplying saturates instead of
    /// overflowing; validated plans stay far below `Decimal::MAX`.
    pub fn scaled(&self, factor: Decimal) -> Transition {
        let times = |amount: Decimal| amount.saturating_mul(factor);
        Transition {
            months: self
                .months
                .iter()
                .map(|m| TransitionMonth {
                    month: m.month,
                    licit_income: times(m.licit_income),
                    gap: times(m.gap),
                })
                .collect(),
            valley_depth: times(self.valley_depth),
            valley_months: self.valley_months,
            recovers: self.recovers,
            bridging_support: times(self.bridging_support),
        }
    }

    /// The licit income over the whole horizon.
    pub fn licit_income_total(&self) -> Decimal {
        self.months.iter().map(|m| m.licit_income).sum()
    }

    /// The gaps added up by calendar year, earliest first, for the years that have a gap; the
    /// amounts add up to [`Transition::bridging_support`] (exact, not rounded).
    pub fn gaps_by_year(&self) -> Vec<(i32, Decimal)> {
        let mut years: Vec<(i32, Decimal)> = Vec::new();
        for m in self.months.iter().filter(|m| !m.gap.is_zero()) {
            match years.last_mut() {
                Some((year, amount)) if *year == m.month.year() => *amount += m.gap,
                _ => years.push((m.month.year(), m.gap)),
            }
        }
        years
    }
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

    #[test]
    fn a_transition_scaled_to_households_multiplies_every_amount_but_not_the_valley_length() {
        let one = transition(&[cocoa()], dec!(1000000), day(2025, 1), 60);
        let all = one.scaled(dec!(30));
        assert_eq!(all.bridging_support, dec!(1008000000));
        assert_eq!(all.valley_depth, dec!(30000000));
        assert_eq!(all.months[24].licit_income, dec!(12000000));
        assert_eq!(all.months[36].gap, dec!(6000000));
        assert_eq!((all.valley_months, all.recovers), (48, Some(day(2029, 1))));
        // Year 5's 1,066,666.66… a month is not a finite decimal: equal to the cent, not beyond.
        assert_eq!(
            all.licit_income_total().round_dp(2),
            (one.licit_income_total() * dec!(30)).round_dp(2)
        );
    }

    /// The cocoa household over 60 months: licit income 12 × 400,000 + 12 × 800,000 +
    /// 12,800,000 (year 5) = 4,800,000 + 9,600,000 + 12,800,000 = 27,200,000; planted in January,
    /// its gaps by calendar year are those of its years since planting.
    #[test]
    fn licit_income_adds_up_over_the_horizon_and_gaps_by_calendar_year() {
        let t = transition(&[cocoa()], dec!(1000000), day(2025, 1), 60);
        assert_eq!(t.licit_income_total().round_dp(2), dec!(27200000));
        assert_eq!(
            t.gaps_by_year(),
            [
                (2025, dec!(12000000)),
                (2026, dec!(12000000)),
                (2027, dec!(7200000)),
                (2028, dec!(2400000)),
            ]
        );
        // Planted in July, a calendar year holds the end of one year since planting and the
        // start of the next: 2025 has Jul–Dec, 6 × 1,000,000; 2026, 12 × 1,000,000 (no harvest
        // in years 1 and 2); 2027, 6 × 1,000,000 + 6 × 600,000 (year 3) = 9,600,000; 2028,
        // Jan–Jun, 6 × 600,000 = 3,600,000.
        let july = ValueChainPlan {
            planted: day(2025, 7),
            ..cocoa()
        };
        let t = transition(&[july], dec!(1000000), day(2025, 7), 36);
        assert_eq!(
            t.gaps_by_year(),
            [
                (2025, dec!(6000000)),
                (2026, dec!(12000000)),
                (2027, dec!(9600000)),
                (2028, dec!(3600000)),
            ]
        );
    }
}
