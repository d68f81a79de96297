//! Digests: a community's field records reduced to running totals that change on some days —
//! households taking part (by sex and age band of the head, people by sex and age band), the
//! plots' illicit and licit hectares, the agreements' committed and verified hectares and the
//! replanting found, the support delivered, the sales recorded and who was visited in each
//! quarter. A dashboard or a donor report of a national program adds up a few thousand
//! digests instead of reading ten million plot records; the server keeps each digest beside its
//! community and works it out again from the raw records whenever one of them changes.
//!
//! Every figure read from digests equals the figure worked out from the raw records the way
//! [`crate::outcomes`] and [`crate::donor_report`] define it; the tests here check that on
//! records made to hit every rule (same-day crops, corrections, withdrawals and returns,
//! repeated verifications, replanting, several currencies).

use crate::agreement::mark_replanting;
use crate::computed::{HouseholdFacts, RecordFacts};
use crate::indicator::{AgeBand, Sex};
use crate::outcomes::{EradicationPoint, HectaresPoint, quarter_ends};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Figures that add up and take away.
pub trait Tally: Copy + Default + PartialEq {
    /// The sum.
    fn plus(self, other: Self) -> Self;
    /// The difference.
    fn minus(self, other: Self) -> Self;
}

impl Tally for Decimal {
    fn plus(self, other: Self) -> Self {
        self + other
    }
    fn minus(self, other: Self) -> Self {
        self - other
    }
}

fn zip<const N: usize>(a: [i64; N], b: [i64; N], sign: i64) -> [i64; N] {
    let mut out = a;
    for (o, x) in out.iter_mut().zip(b) {
        *o += sign * x;
    }
    out
}

/// A running total: the value on a day is the last entry's on or before it (nothing before the
/// first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Running<V> {
    entries: Vec<(NaiveDate, V)>,
}

impl<V> Default for Running<V> {
    fn default() -> Self {
        Running {
            entries: Vec::new(),
        }
    }
}

impl<V: Tally> Running<V> {
    /// The running total of these changes by day.
    pub fn from_changes(changes: BTreeMap<NaiveDate, V>) -> Self {
        let mut total = V::default();
        let mut entries = Vec::new();
        for (day, change) in changes {
            if change == V::default() {
                continue;
            }
            total = total.plus(change);
            entries.push((day, total));
        }
        Running { entries }
    }

    /// The total on `day`.
    pub fn at(&self, day: NaiveDate) -> V {
        let n = self.entries.partition_point(|(d, _)| *d <= day);
        n.checked_sub(1)
            .map_or_else(V::default, |i| self.entries[i].1)
    }

    /// What changed from `from` to `until`, both days included.
    pub fn between(&self, from: NaiveDate, until: NaiveDate) -> V {
        match from.pred_opt() {
            Some(before) => self.at(until).minus(self.at(before)),
            None => self.at(until),
        }
    }

    /// How many days it changes on.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it never changes.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn add_change<V: Tally>(changes: &mut BTreeMap<NaiveDate, V>, day: NaiveDate, change: V) {
    let entry = changes.entry(day).or_default();
    *entry = entry.plus(change);
}

/// Households taking part and the people in them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct People {
    /// Households.
    #[serde(rename = "h")]
    pub households: i64,
    /// Households by their head's sex, in [`Sex::ALL`]'s order.
    #[serde(rename = "s")]
    pub heads_by_sex: [i64; 2],
    /// Households by their head's age band, in [`AgeBand::ALL`]'s order.
    #[serde(rename = "a")]
    pub heads_by_age: [i64; 4],
    /// Everyone in them, by sex then age band.
    #[serde(rename = "p")]
    pub people: [[i64; 4]; 2],
}

impl Tally for People {
    fn plus(self, o: Self) -> Self {
        People {
            households: self.households + o.households,
            heads_by_sex: zip(self.heads_by_sex, o.heads_by_sex, 1),
            heads_by_age: zip(self.heads_by_age, o.heads_by_age, 1),
            people: [
                zip(self.people[0], o.people[0], 1),
                zip(self.people[1], o.people[1], 1),
            ],
        }
    }
    fn minus(self, o: Self) -> Self {
        People {
            households: self.households - o.households,
            heads_by_sex: zip(self.heads_by_sex, o.heads_by_sex, -1),
            heads_by_age: zip(self.heads_by_age, o.heads_by_age, -1),
            people: [
                zip(self.people[0], o.people[0], -1),
                zip(self.people[1], o.people[1], -1),
            ],
        }
    }
}

impl People {
    fn of(h: &HouseholdFacts, sign: i64) -> People {
        let mut p = People {
            households: sign,
            ..People::default()
        };
        if let Some(i) = Sex::ALL.iter().position(|s| *s == h.head_sex) {
            p.heads_by_sex[i] = sign;
        }
        if let Some(i) = AgeBand::ALL.iter().position(|a| *a == h.head_age_band) {
            p.heads_by_age[i] = sign;
        }
        for (i, sex) in Sex::ALL.into_iter().enumerate() {
            for (j, age) in AgeBand::ALL.into_iter().enumerate() {
                p.people[i][j] = sign * i64::from(h.members.get(sex, age));
            }
        }
        p
    }

    /// Everyone, by sex.
    pub fn people_by_sex(&self) -> [i64; 2] {
        self.people.map(|row| row.iter().sum())
    }

    /// Everyone, by age band.
    pub fn people_by_age(&self) -> [i64; 4] {
        let mut out = [0; 4];
        for row in &self.people {
            out = zip(out, *row, 1);
        }
        out
    }
}

/// The plots' land: each plot counts as its latest record by the day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Land {
    /// Illicit hectares.
    #[serde(rename = "i")]
    pub illicit: Decimal,
    /// Licit hectares.
    #[serde(rename = "l")]
    pub licit: Decimal,
    /// Plots with a record by the day.
    #[serde(rename = "n")]
    pub plots: i64,
    /// The illicit hectares of those plots' first records.
    #[serde(rename = "f")]
    pub first_illicit: Decimal,
}

impl Tally for Land {
    fn plus(self, o: Self) -> Self {
        Land {
            illicit: self.illicit + o.illicit,
            licit: self.licit + o.licit,
            plots: self.plots + o.plots,
            first_illicit: self.first_illicit + o.first_illicit,
        }
    }
    fn minus(self, o: Self) -> Self {
        Land {
            illicit: self.illicit - o.illicit,
            licit: self.licit - o.licit,
            plots: self.plots - o.plots,
            first_illicit: self.first_illicit - o.first_illicit,
        }
    }
}

/// The eradication agreements signed by the day, and what was verified and found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pledges {
    /// Agreements signed.
    #[serde(rename = "a")]
    pub agreements: i64,
    /// Their committed hectares.
    #[serde(rename = "c")]
    pub committed: Decimal,
    /// Hectares verified eradicated: each agreement's latest verification, up to what it
    /// commits.
    #[serde(rename = "v")]
    pub verified: Decimal,
    /// Verification visits that found replanting.
    #[serde(rename = "r")]
    pub replanting: i64,
}

impl Tally for Pledges {
    fn plus(self, o: Self) -> Self {
        Pledges {
            agreements: self.agreements + o.agreements,
            committed: self.committed + o.committed,
            verified: self.verified + o.verified,
            replanting: self.replanting + o.replanting,
        }
    }
    fn minus(self, o: Self) -> Self {
        Pledges {
            agreements: self.agreements - o.agreements,
            committed: self.committed - o.committed,
            verified: self.verified - o.verified,
            replanting: self.replanting - o.replanting,
        }
    }
}

/// Support delivered in one currency, and to households headed by women and by men.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivered {
    /// All of it.
    #[serde(rename = "t")]
    pub total: Decimal,
    /// To households headed by a woman.
    #[serde(rename = "w")]
    pub women_headed: Decimal,
    /// To households headed by a man.
    #[serde(rename = "m")]
    pub men_headed: Decimal,
}

impl Tally for Delivered {
    fn plus(self, o: Self) -> Self {
        Delivered {
            total: self.total + o.total,
            women_headed: self.women_headed + o.women_headed,
            men_headed: self.men_headed + o.men_headed,
        }
    }
    fn minus(self, o: Self) -> Self {
        Delivered {
            total: self.total - o.total,
            women_headed: self.women_headed - o.women_headed,
            men_headed: self.men_headed - o.men_headed,
        }
    }
}

/// The first day of the calendar quarter `day` falls in.
pub fn quarter_first_day(day: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(day.year(), (day.month0() / 3) * 3 + 1, 1).unwrap_or(day)
}

/// The households visited in one calendar quarter: each set of days a household was visited on,
/// with how many households share it.
pub type QuarterVisits = Vec<(Vec<NaiveDate>, u32)>;

/// One community's records as running totals.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordsDigest {
    /// The community.
    pub community_id: i64,
    /// Its registered plots (each has a place).
    pub plots: u64,
    /// Households taking part.
    pub people: Running<People>,
    /// Plot land.
    pub land: Running<Land>,
    /// Agreements.
    pub pledges: Running<Pledges>,
    /// Support, per currency.
    pub support: Vec<(String, Running<Delivered>)>,
    /// Sales recorded at visits, per currency.
    pub sales: Vec<(String, Running<Decimal>)>,
    /// Per calendar quarter (its first day): the days each household visited in it was visited
    /// on, each set of days with how many households share it.
    pub visits: Vec<(NaiveDate, QuarterVisits)>,
}

impl RecordsDigest {
    /// The digest of community `community_id`'s records among `facts` (records of households
    /// of other communities are left out), with `plots` registered plots.
    pub fn of(community_id: i64, facts: &RecordFacts, plots: u64) -> RecordsDigest {
        let households: BTreeMap<i64, &HouseholdFacts> = facts
            .households
            .iter()
            .filter(|h| h.community_id == community_id)
            .map(|h| (h.id, h))
            .collect();
        let ours = |id: &i64| households.contains_key(id);

        // Taking part changes only on the enrolment day and on status changes.
        let mut people = BTreeMap::new();
        for h in households.values() {
            let days: BTreeSet<NaiveDate> = std::iter::once(h.enrolled_on)
                .chain(h.history.iter().map(|(d, _)| *d))
                .collect();
            let mut taking_part = false;
            for day in days {
                let now = h.takes_part_on(day);
                if now != taking_part {
                    add_change(&mut people, day, People::of(h, if now { 1 } else { -1 }));
                    taking_part = now;
                }
            }
        }

        // Each plot's days in order, with the day's crops added up.
        let mut plot_days: BTreeMap<i64, BTreeMap<NaiveDate, (Decimal, Decimal)>> = BTreeMap::new();
        for r in facts.plots.iter().filter(|r| ours(&r.household_id)) {
            let day = plot_days
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
        let mut land = BTreeMap::new();
        for days in plot_days.values() {
            let mut before: Option<(Decimal, Decimal)> = None;
            for (day, (illicit, licit)) in days {
                let change = match before {
                    None => Land {
                        illicit: *illicit,
                        licit: *licit,
                        plots: 1,
                        first_illicit: *illicit,
                    },
                    Some((i, l)) => Land {
                        illicit: *illicit - i,
                        licit: *licit - l,
                        ..Land::default()
                    },
                };
                add_change(&mut land, *day, change);
                before = Some((*illicit, *licit));
            }
        }

        // An agreement counts from its signing; its verified hectares are its latest
        // verification's by the day.
        let mut pledges = BTreeMap::new();
        for a in facts.agreements.iter().filter(|a| ours(&a.household_id)) {
            let value = |day: NaiveDate| {
                if a.signed_on > day {
                    return Pledges::default();
                }
                let latest = a
                    .verifications
                    .iter()
                    .filter(|v| v.verification.visited_on <= day)
                    .max_by_key(|v| (v.verification.visited_on, v.id));
                Pledges {
                    agreements: 1,
                    committed: a.committed_hectares,
                    verified: latest.map_or(Decimal::ZERO, |v| {
                        v.verification.eradicated_hectares.min(a.committed_hectares)
                    }),
                    replanting: 0,
                }
            };
            let days: BTreeSet<NaiveDate> = std::iter::once(a.signed_on)
                .chain(a.verifications.iter().map(|v| v.verification.visited_on))
                .collect();
            let mut before = Pledges::default();
            for day in days {
                let now = value(day);
                add_change(&mut pledges, day, now.minus(before));
                before = now;
            }
            for v in mark_replanting(a.verifications.clone(), a.committed_hectares) {
                if v.replanting {
                    add_change(
                        &mut pledges,
                        v.verification.visited_on,
                        Pledges {
                            replanting: 1,
                            ..Pledges::default()
                        },
                    );
                }
            }
        }

        let mut support: BTreeMap<String, BTreeMap<NaiveDate, Delivered>> = BTreeMap::new();
        for s in &facts.support {
            let Some(h) = households.get(&s.household_id) else {
                continue;
            };
            let value = s.support.value;
            add_change(
                support.entry(s.support.currency.clone()).or_default(),
                s.support.delivered_on,
                Delivered {
                    total: value,
                    women_headed: if h.head_sex == Sex::Female {
                        value
                    } else {
                        Decimal::ZERO
                    },
                    men_headed: if h.head_sex == Sex::Male {
                        value
                    } else {
                        Decimal::ZERO
                    },
                },
            );
        }

        let mut sales: BTreeMap<String, BTreeMap<NaiveDate, Decimal>> = BTreeMap::new();
        let mut visited: BTreeMap<(NaiveDate, i64), BTreeSet<NaiveDate>> = BTreeMap::new();
        for v in facts.visits.iter().filter(|v| ours(&v.household_id)) {
            if let Some((currency, amount)) = &v.sales {
                let days = sales.entry(currency.clone()).or_default();
                // A sale of nothing still names a currency the series is drawn in.
                *days.entry(v.visited_on).or_default() += *amount;
            }
            visited
                .entry((quarter_first_day(v.visited_on), v.household_id))
                .or_default()
                .insert(v.visited_on);
        }
        let mut patterns: BTreeMap<NaiveDate, BTreeMap<Vec<NaiveDate>, u32>> = BTreeMap::new();
        for ((quarter, _), days) in visited {
            *patterns
                .entry(quarter)
                .or_default()
                .entry(days.into_iter().collect())
                .or_default() += 1;
        }

        RecordsDigest {
            community_id,
            plots,
            people: Running::from_changes(people),
            land: Running::from_changes(land),
            pledges: Running::from_changes(pledges),
            support: support
                .into_iter()
                .map(|(c, changes)| (c, Running::from_changes(changes)))
                .collect(),
            sales: sales
                .into_iter()
                .map(|(c, days)| (c, running_keeping_zeros(days)))
                .collect(),
            visits: patterns
                .into_iter()
                .map(|(q, p)| (q, p.into_iter().collect()))
                .collect(),
        }
    }

    /// A digest per community of the households in `facts`, each plot registered once it has
    /// a record (for records made without a plot register).
    pub fn by_community(facts: &RecordFacts) -> Vec<RecordsDigest> {
        let communities: BTreeSet<i64> = facts.households.iter().map(|h| h.community_id).collect();
        communities
            .into_iter()
            .map(|c| {
                let ours: BTreeSet<i64> = facts
                    .households
                    .iter()
                    .filter(|h| h.community_id == c)
                    .map(|h| h.id)
                    .collect();
                let plots: BTreeSet<i64> = facts
                    .plots
                    .iter()
                    .filter(|r| ours.contains(&r.household_id))
                    .map(|r| r.plot_id)
                    .collect();
                RecordsDigest::of(c, facts, plots.len() as u64)
            })
            .collect()
    }

    /// The households visited from `from` to `until`, which must fall in one calendar quarter.
    pub fn households_visited(&self, from: NaiveDate, until: NaiveDate) -> u64 {
        let quarter = quarter_first_day(until);
        self.visits
            .iter()
            .filter(|(q, _)| *q == quarter)
            .flat_map(|(_, patterns)| patterns.iter())
            .filter(|(days, _)| days.iter().any(|d| *d >= from && *d <= until))
            .map(|(_, n)| u64::from(*n))
            .sum()
    }

    /// The sales recorded in `currency` from `from` to `until`.
    pub fn sold(&self, currency: &str, from: NaiveDate, until: NaiveDate) -> Decimal {
        self.sales
            .iter()
            .find(|(c, _)| c == currency)
            .map_or(Decimal::ZERO, |(_, r)| r.between(from, until))
    }
}

/// Sales are kept even where they add nothing, so a currency sold in for nothing still shows.
fn running_keeping_zeros(days: BTreeMap<NaiveDate, Decimal>) -> Running<Decimal> {
    let mut total = Decimal::ZERO;
    Running {
        entries: days
            .into_iter()
            .map(|(day, amount)| {
                total += amount;
                (day, total)
            })
            .collect(),
    }
}

/// The plots' hectares at the end of each quarter from `from` to `until`, as
/// [`crate::outcomes::hectares_over_time`] works them out from the records.
pub fn hectares_series<'a>(
    digests: impl Iterator<Item = &'a RecordsDigest> + Clone,
    from: NaiveDate,
    until: NaiveDate,
) -> Vec<HectaresPoint> {
    quarter_ends(from, until)
        .into_iter()
        .map(|end| {
            let land = digests
                .clone()
                .fold(Land::default(), |sum, d| sum.plus(d.land.at(end)));
            HectaresPoint {
                end,
                illicit: land.illicit,
                licit: land.licit,
                plots: usize::try_from(land.plots).unwrap_or(0),
            }
        })
        .collect()
}

/// The agreements' hectares at the end of each quarter from `from` to `until`, as
/// [`crate::outcomes::eradication_over_time`] works them out from the records.
pub fn eradication_series<'a>(
    digests: impl Iterator<Item = &'a RecordsDigest> + Clone,
    from: NaiveDate,
    until: NaiveDate,
) -> Vec<EradicationPoint> {
    quarter_ends(from, until)
        .into_iter()
        .map(|end| {
            let p = digests
                .clone()
                .fold(Pledges::default(), |sum, d| sum.plus(d.pledges.at(end)));
            EradicationPoint {
                end,
                committed: p.committed,
                verified: p.verified,
                agreements: usize::try_from(p.agreements).unwrap_or(0),
            }
        })
        .collect()
}

/// A community's illicit hectares at the period's start and end, as
/// [`crate::dashboard::illicit_span`] reads its plots' records: at the start each plot as its
/// latest record by then shows it, or as its first record does for a plot first recorded later
/// in the period; at the end as its latest record by then. `None` when no plot has a record by
/// the end.
pub fn illicit_span_of(
    digest: &RecordsDigest,
    from: NaiveDate,
    until: NaiveDate,
) -> (Option<Decimal>, Option<Decimal>) {
    let (at_from, at_until) = (digest.land.at(from), digest.land.at(until));
    if at_until.plots == 0 {
        return (None, None);
    }
    let later_firsts = at_until.first_illicit - at_from.first_illicit;
    (Some(at_from.illicit + later_firsts), Some(at_until.illicit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::{
        NewSupport, NewVerification, Support, SupportKind, Verification, VerificationMethod,
    };
    use crate::computed::{AgreementFacts, PlotRecord, VisitFacts};
    use crate::household::{HouseholdStatus, Members};
    use crate::outcomes::{eradication_over_time, hectares_over_time};
    use crate::plot::PlotCrop;
    use rust_decimal::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A small deterministic generator, so the records hit every rule and the test repeats.
    struct Dice(u64);
    impl Dice {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
        fn day(&mut self) -> NaiveDate {
            d(2023, 1, 1) + chrono::Duration::days(i64::try_from(self.below(1000)).unwrap())
        }
        fn hectares(&mut self) -> Decimal {
            Decimal::new(i64::try_from(self.below(400)).unwrap(), 2)
        }
    }

    fn records(seed: u64) -> RecordFacts {
        let mut dice = Dice(seed);
        let coca = PlotCrop::from_code("coca_bush").unwrap();
        let cocoa = PlotCrop::from_code("cocoa").unwrap();
        let mut facts = RecordFacts {
            currency: "COP".into(),
            ..RecordFacts::default()
        };
        let mut plot = 0;
        for id in 1..=40 {
            let mut members = Members::default();
            for sex in Sex::ALL {
                for age in AgeBand::ALL {
                    members.set(sex, age, u32::try_from(dice.below(3)).unwrap());
                }
            }
            let mut history = Vec::new();
            for _ in 0..dice.below(3) {
                let status = [
                    HouseholdStatus::Active,
                    HouseholdStatus::Withdrawn,
                    HouseholdStatus::Suspended,
                ][usize::try_from(dice.below(3)).unwrap()];
                history.push((dice.day(), status));
            }
            facts.households.push(HouseholdFacts {
                id,
                community_id: 100 + id % 3,
                head_sex: Sex::ALL[usize::try_from(dice.below(2)).unwrap()],
                head_age_band: AgeBand::ALL[usize::try_from(dice.below(4)).unwrap()],
                indigenous: dice.below(2) == 0,
                members,
                enrolled_on: dice.day(),
                history,
            });
            for _ in 0..dice.below(4) {
                plot += 1;
                for _ in 0..dice.below(6) {
                    let day = dice.day();
                    // Same-day records of both kinds, and corrections of the same day.
                    for crop in [coca, cocoa] {
                        if dice.below(3) > 0 {
                            facts.plots.push(PlotRecord {
                                plot_id: plot,
                                household_id: id,
                                observed_on: day,
                                crop,
                                hectares: dice.hectares(),
                            });
                        }
                    }
                }
            }
            if dice.below(4) > 0 {
                let committed = dice.hectares();
                let mut verifications = Vec::new();
                for k in 0..dice.below(4) {
                    let eradicated = if dice.below(2) == 0 {
                        committed
                    } else {
                        dice.hectares()
                    };
                    verifications.push(Verification {
                        id: id * 10 + i64::try_from(k).unwrap(),
                        agreement_id: id,
                        verification: NewVerification {
                            visited_on: dice.day(),
                            method: VerificationMethod::FieldVisit,
                            eradicated_hectares: eradicated,
                            illicit_hectares_found: if dice.below(2) == 0 {
                                Decimal::ZERO
                            } else {
                                dice.hectares()
                            },
                            note: None,
                        },
                        replanting: false,
                        recorded_by: "t".into(),
                        recorded_at: chrono::Utc::now(),
                    });
                }
                facts.agreements.push(AgreementFacts {
                    household_id: id,
                    signed_on: dice.day(),
                    committed_hectares: committed,
                    verifications,
                });
            }
            for _ in 0..dice.below(3) {
                facts.support.push(Support {
                    id: 0,
                    household_id: id,
                    support: NewSupport {
                        kind: SupportKind::Inputs,
                        delivered_on: dice.day(),
                        value: dice.hectares() * dec!(1000),
                        currency: if dice.below(3) == 0 { "USD" } else { "COP" }.into(),
                        description: None,
                    },
                    recorded_by: "t".into(),
                    recorded_at: chrono::Utc::now(),
                });
            }
            for _ in 0..dice.below(5) {
                facts.visits.push(VisitFacts {
                    household_id: id,
                    visited_on: dice.day(),
                    sales: (dice.below(3) > 0).then(|| {
                        (
                            if dice.below(4) == 0 { "USD" } else { "COP" }.to_owned(),
                            dice.hectares() * dec!(100),
                        )
                    }),
                });
            }
        }
        facts
    }

    fn days_to_check() -> Vec<NaiveDate> {
        (0..=1100)
            .step_by(13)
            .map(|n| d(2022, 12, 25) + chrono::Duration::days(n))
            .collect()
    }

    #[test]
    fn hectares_and_agreements_from_digests_equal_those_from_the_records() {
        for seed in 1..=6 {
            let facts = records(seed);
            let digests = RecordsDigest::by_community(&facts);
            for from in [d(2023, 2, 14), d(2024, 1, 1), d(2025, 8, 30)] {
                let until = from + chrono::Duration::days(500);
                assert_eq!(
                    hectares_series(digests.iter(), from, until),
                    hectares_over_time(&facts.plots, from, until),
                    "seed {seed}"
                );
                assert_eq!(
                    eradication_series(digests.iter(), from, until),
                    eradication_over_time(&facts.agreements, from, until),
                    "seed {seed}"
                );
            }
        }
    }

    #[test]
    fn households_taking_part_from_digests_equal_those_from_the_records() {
        for seed in 1..=6 {
            let facts = records(seed);
            let digests = RecordsDigest::by_community(&facts);
            for day in days_to_check() {
                let from_digests = digests
                    .iter()
                    .fold(People::default(), |s, d| s.plus(d.people.at(day)));
                let taking_part: Vec<_> = facts
                    .households
                    .iter()
                    .filter(|h| h.takes_part_on(day))
                    .collect();
                let women = taking_part
                    .iter()
                    .filter(|h| h.head_sex == Sex::Female)
                    .count();
                let people: u32 = taking_part
                    .iter()
                    .map(|h| {
                        Sex::ALL
                            .iter()
                            .flat_map(|s| AgeBand::ALL.map(|a| h.members.get(*s, a)))
                            .sum::<u32>()
                    })
                    .sum();
                assert_eq!(from_digests.households, taking_part.len() as i64, "{day}");
                assert_eq!(from_digests.heads_by_sex[0], women as i64, "{day}");
                assert_eq!(
                    from_digests.people_by_sex().iter().sum::<i64>(),
                    i64::from(people),
                    "{day}"
                );
                assert_eq!(
                    from_digests.people_by_age().iter().sum::<i64>(),
                    i64::from(people),
                    "{day}"
                );
            }
        }
    }

    #[test]
    fn illicit_spans_from_digests_equal_those_from_the_plot_records() {
        for seed in 1..=6 {
            let facts = records(seed);
            for digest in RecordsDigest::by_community(&facts) {
                let ours: BTreeSet<i64> = facts
                    .households
                    .iter()
                    .filter(|h| h.community_id == digest.community_id)
                    .map(|h| h.id)
                    .collect();
                let plots: Vec<PlotRecord> = facts
                    .plots
                    .iter()
                    .filter(|r| ours.contains(&r.household_id))
                    .cloned()
                    .collect();
                for from in [d(2023, 3, 1), d(2024, 6, 15), d(2025, 1, 1)] {
                    let until = from + chrono::Duration::days(300);
                    assert_eq!(
                        illicit_span_of(&digest, from, until),
                        crate::dashboard::illicit_span(&plots, from, until),
                        "seed {seed}, community {}",
                        digest.community_id
                    );
                }
            }
        }
    }

    #[test]
    fn support_sales_and_visits_from_digests_equal_those_from_the_records() {
        for seed in 1..=6 {
            let facts = records(seed);
            let digests = RecordsDigest::by_community(&facts);
            let head: BTreeMap<i64, Sex> = facts
                .households
                .iter()
                .map(|h| (h.id, h.head_sex))
                .collect();
            for (from, until) in [
                (d(2023, 1, 1), d(2023, 3, 31)),
                (d(2024, 5, 10), d(2024, 6, 30)),
                (d(2025, 7, 1), d(2025, 8, 20)),
                (d(2025, 7, 15), d(2025, 8, 20)),
            ] {
                for currency in ["COP", "USD"] {
                    let delivered = facts.support.iter().filter(|s| {
                        s.support.currency == currency
                            && s.support.delivered_on >= from
                            && s.support.delivered_on <= until
                    });
                    let (mut total, mut women) = (Decimal::ZERO, Decimal::ZERO);
                    for s in delivered {
                        total += s.support.value;
                        if head[&s.household_id] == Sex::Female {
                            women += s.support.value;
                        }
                    }
                    let digested = digests
                        .iter()
                        .flat_map(|d| d.support.iter().filter(|(c, _)| c == currency))
                        .fold(Delivered::default(), |s, (_, r)| {
                            s.plus(r.between(from, until))
                        });
                    assert_eq!((digested.total, digested.women_headed), (total, women));
                    let sold: Decimal = facts
                        .visits
                        .iter()
                        .filter(|v| v.visited_on >= from && v.visited_on <= until)
                        .filter_map(|v| v.sales.as_ref())
                        .filter(|(c, _)| c == currency)
                        .map(|(_, a)| *a)
                        .sum();
                    let digested: Decimal =
                        digests.iter().map(|d| d.sold(currency, from, until)).sum();
                    assert_eq!(digested, sold);
                }
                let visited: BTreeSet<i64> = facts
                    .visits
                    .iter()
                    .filter(|v| v.visited_on >= from && v.visited_on <= until)
                    .map(|v| v.household_id)
                    .collect();
                let digested: u64 = digests
                    .iter()
                    .map(|d| d.households_visited(from, until))
                    .sum();
                assert_eq!(digested, visited.len() as u64, "{from} to {until}");
            }
        }
    }

    #[test]
    fn a_running_total_reads_nothing_before_its_first_day_and_differences_between_days() {
        let mut changes = BTreeMap::new();
        changes.insert(d(2025, 1, 10), dec!(2));
        changes.insert(d(2025, 3, 1), dec!(0));
        changes.insert(d(2025, 3, 5), dec!(-0.5));
        let r = Running::from_changes(changes);
        assert_eq!(r.len(), 2);
        assert_eq!(r.at(d(2025, 1, 9)), dec!(0));
        assert_eq!(r.at(d(2025, 1, 10)), dec!(2));
        assert_eq!(r.at(d(2025, 12, 31)), dec!(1.5));
        assert_eq!(r.between(d(2025, 1, 11), d(2025, 3, 5)), dec!(-0.5));
        assert_eq!(r.between(d(2025, 1, 10), d(2025, 3, 4)), dec!(2));
    }

    #[test]
    fn a_digest_survives_being_written_and_read_back() {
        let facts = records(3);
        for digest in RecordsDigest::by_community(&facts) {
            let text = serde_json::to_string(&digest).unwrap();
            assert_eq!(
                serde_json::from_str::<RecordsDigest>(&text).unwrap(),
                digest
            );
        }
    }
}
