//! Protection of beneficiaries in every output that leaves the organisation (IATI files, donor
//! reports, their tables and charts): counts of people or households under
//! [`SUPPRESSION_THRESHOLD`] are withheld, so that no one can be picked out of a small cell.
//!
//! The rule: a count of 1 to 4 is withheld (0 is shown: it names no one). Where a withheld cell
//! could be worked back from its total and the cells shown beside it (only one cell of a split
//! withheld), the smallest other non-zero cell is withheld too. A total under the threshold is
//! withheld with all its cells.

use rust_decimal::Decimal;

use crate::indicator::Unit;

/// Counts below this are withheld.
pub const SUPPRESSION_THRESHOLD: i64 = 5;

/// How outputs write a withheld value.
pub const WITHHELD: &str = "*";

/// Whether figures in this unit count people or households, and so are protected.
pub fn counts_people(unit: Unit) -> bool {
    matches!(unit, Unit::People | Unit::Households)
}

/// Whether a count is small enough to single people out: 1 to 4.
pub fn is_small(count: Decimal) -> bool {
    count > Decimal::ZERO && count < Decimal::from(SUPPRESSION_THRESHOLD)
}

/// A figure and its split, as an output may show them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Protected {
    /// The total, or `None` when withheld.
    pub total: Option<Decimal>,
    /// Each cell in the order given, or `None` when withheld.
    pub cells: Vec<Option<Decimal>>,
    /// How many values (the total and cells) were withheld.
    pub withheld: usize,
}

/// Applies the rule to a count and its cells (see the module's text).
pub fn protect_counts(total: Decimal, cells: &[Decimal]) -> Protected {
    if is_small(total) {
        return Protected {
            total: None,
            cells: vec![None; cells.len()],
            withheld: 1 + cells.len(),
        };
    }
    let mut shown: Vec<Option<Decimal>> = cells
        .iter()
        .map(|c| if is_small(*c) { None } else { Some(*c) })
        .collect();
    if shown.iter().filter(|c| c.is_none()).count() == 1 {
        let smallest = shown
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.filter(|v| *v > Decimal::ZERO).map(|v| (v, i)))
            .min();
        if let Some((_, i)) = smallest {
            shown[i] = None;
        }
    }
    let withheld = shown.iter().filter(|c| c.is_none()).count();
    Protected {
        total: Some(total),
        cells: shown,
        withheld,
    }
}

/// Applies the rule only to figures that count people; other figures are shown whole.
pub fn protect(unit: Unit, total: Decimal, cells: &[Decimal]) -> Protected {
    if counts_people(unit) {
        protect_counts(total, cells)
    } else {
        Protected {
            total: Some(total),
            cells: cells.iter().copied().map(Some).collect(),
            withheld: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn counts_of_one_to_four_are_withheld_and_zero_is_shown() {
        assert!(!is_small(dec!(0)));
        assert!(is_small(dec!(1)));
        assert!(is_small(dec!(4)));
        assert!(!is_small(dec!(5)));
    }

    #[test]
    fn a_lone_withheld_cell_takes_the_smallest_other_cell_with_it() {
        // 3 could be worked out as 40 − 20 − 9 − 8: 8 goes too.
        let p = protect_counts(dec!(40), &[dec!(20), dec!(3), dec!(9), dec!(8)]);
        assert_eq!(p.total, Some(dec!(40)));
        assert_eq!(p.cells, vec![Some(dec!(20)), None, Some(dec!(9)), None]);
        assert_eq!(p.withheld, 2);
    }

    #[test]
    fn two_small_cells_protect_each_other() {
        let p = protect_counts(dec!(30), &[dec!(2), dec!(3), dec!(25), dec!(0)]);
        assert_eq!(p.cells, vec![None, None, Some(dec!(25)), Some(dec!(0))]);
        assert_eq!(p.withheld, 2);
    }

    #[test]
    fn a_small_total_is_withheld_with_every_cell() {
        let p = protect_counts(dec!(4), &[dec!(4), dec!(0)]);
        assert_eq!(p.total, None);
        assert_eq!(p.cells, vec![None, None]);
        assert_eq!(p.withheld, 3);
    }

    #[test]
    fn hectares_are_not_counts_of_people_and_are_shown_whole() {
        let p = protect(Unit::Hectares, dec!(3.5), &[dec!(1.5), dec!(2)]);
        assert_eq!(p.withheld, 0);
        assert_eq!(p.cells, vec![Some(dec!(1.5)), Some(dec!(2))]);
        let p = protect(Unit::People, dec!(3), &[]);
        assert_eq!(p.total, None);
    }
}
