//! Actuals worked out from the records, for the library indicators the records define: the
//! illicit and licit hectares on the households' plots, the hectares eradicated and verified,
//! the replanting rate, agreements signed, support before eradication, households, beneficiaries
//! and women among them, the average monthly licit income from sales, and people trained. The
//! figure is offered as a prefilled draft: an officer checks it, may change it, and submits it
//! through the usual approval workflow.
//!
//! Every figure is split by the indicator's disaggregation where the records know it (the head
//! of household's sex and age band and the household's indigenous status for household
//! figures; each member's sex and age band for beneficiaries; the attendance cells of trainings,
//! which do not record indigenous status).

use crate::actuals::ActualForm;
use crate::agreement::{SequencingCheck, Support, Verification, mark_replanting, sequencing};
use crate::household::{HouseholdStatus, Members};
use crate::i18n::Locale;
use crate::indicator::{AgeBand, Cell, Disaggregation, Sex, Unit};
use crate::plot::PlotCrop;
use crate::results::ReportingPeriod;
use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The library indicators the records define.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Computation {
    /// `illicit_hectares_on_plots`: illicit hectares on each plot's latest record on or before
    /// the period's end.
    IllicitHectaresOnPlots,
    /// `promoted_crop_hectares`: licit hectares on the same records.
    PromotedCropHectares,
    /// `eradicated_verified`: hectares whose eradication was verified during the period.
    EradicatedVerified,
    /// `replanting_rate`: of the agreements verified whole by the period's end, the share where
    /// replanting was found by then.
    ReplantingRate,
    /// `agreements_signed`: agreements signed during the period.
    AgreementsSigned,
    /// `support_before_eradication`: of the households whose eradication was verified by the
    /// period's end, the share whose support came first or the same day.
    SupportBeforeEradication,
    /// `households_enrolled`: households enrolled and taking part at the period's end.
    HouseholdsEnrolled,
    /// `women_headed_households`: the same, headed by a woman.
    WomenHeadedHouseholds,
    /// `beneficiaries`: everyone in those households.
    Beneficiaries,
    /// `women_beneficiaries`: the women and girls in those households.
    WomenBeneficiaries,
    /// `licit_income`: the average over the households visited in the period of their sales
    /// income recorded on its visits, per month of the period, in the project's currency.
    LicitIncome,
    /// `people_trained`: attendances at trainings held during the period.
    PeopleTrained,
}

impl Computation {
    /// Every computation.
    pub const ALL: [Computation; 12] = [
        Computation::IllicitHectaresOnPlots,
        Computation::PromotedCropHectares,
        Computation::EradicatedVerified,
        Computation::ReplantingRate,
        Computation::AgreementsSigned,
        Computation::SupportBeforeEradication,
        Computation::HouseholdsEnrolled,
        Computation::WomenHeadedHouseholds,
        Computation::Beneficiaries,
        Computation::WomenBeneficiaries,
        Computation::LicitIncome,
        Computation::PeopleTrained,
    ];

    /// The library code of the indicator it computes.
    pub fn code(self) -> &'static str {
        match self {
            Computation::IllicitHectaresOnPlots => "illicit_hectares_on_plots",
            Computation::PromotedCropHectares => "promoted_crop_hectares",
            Computation::EradicatedVerified => "eradicated_verified",
            Computation::ReplantingRate => "replanting_rate",
            Computation::AgreementsSigned => "agreements_signed",
            Computation::SupportBeforeEradication => "support_before_eradication",
            Computation::HouseholdsEnrolled => "households_enrolled",
            Computation::WomenHeadedHouseholds => "women_headed_households",
            Computation::Beneficiaries => "beneficiaries",
            Computation::WomenBeneficiaries => "women_beneficiaries",
            Computation::LicitIncome => "licit_income",
            Computation::PeopleTrained => "people_trained",
        }
    }

    /// The computation of a library indicator, if the records define it.
    pub fn of_library(code: &str) -> Option<Computation> {
        Computation::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The unit the computation counts in (an indicator whose unit was changed from the
    /// library's is not computed).
    pub fn unit(self) -> Unit {
        match self {
            Computation::IllicitHectaresOnPlots
            | Computation::PromotedCropHectares
            | Computation::EradicatedVerified => Unit::Hectares,
            Computation::ReplantingRate | Computation::SupportBeforeEradication => Unit::Percent,
            Computation::AgreementsSigned => Unit::Count,
            Computation::HouseholdsEnrolled | Computation::WomenHeadedHouseholds => {
                Unit::Households
            }
            Computation::Beneficiaries
            | Computation::WomenBeneficiaries
            | Computation::PeopleTrained => Unit::People,
            Computation::LicitIncome => Unit::Money,
        }
    }

    /// How the figure is worked out, in `locale`, for the page and the actual's note.
    pub fn explain(self, locale: Locale) -> &'static str {
        let es = locale == Locale::Es;
        match self {
            Computation::IllicitHectaresOnPlots => pick(
                es,
                "Hectares of coca bush, opium poppy and cannabis on every registered plot, as its latest record on or before the period's last day shows them (withdrawn households' plots included).",
                "Hectáreas de arbusto de coca, adormidera y cannabis en cada predio registrado, según su último registro en o antes del último día del período (incluidos los predios de hogares retirados).",
            ),
            Computation::PromotedCropHectares => pick(
                es,
                "Hectares of licit crops on every registered plot, as its latest record on or before the period's last day shows them.",
                "Hectáreas de cultivos lícitos en cada predio registrado, según su último registro en o antes del último día del período.",
            ),
            Computation::EradicatedVerified => pick(
                es,
                "Hectares whose eradication was verified during the period: for each agreement, the hectares verified by the period's end less those verified before it began.",
                "Hectáreas cuya erradicación se verificó durante el período: por acuerdo, las hectáreas verificadas al final del período menos las verificadas antes de su inicio.",
            ),
            Computation::ReplantingRate => pick(
                es,
                "Of the agreements whose whole commitment was verified eradicated by the period's last day, the percentage where a later verification found illicit crops again by that day.",
                "De los acuerdos cuyo compromiso completo se verificó erradicado hasta el último día del período, el porcentaje en que una verificación posterior volvió a encontrar cultivos ilícitos hasta ese día.",
            ),
            Computation::AgreementsSigned => pick(
                es,
                "Eradication agreements signed during the period.",
                "Acuerdos de erradicación firmados durante el período.",
            ),
            Computation::SupportBeforeEradication => pick(
                es,
                "Of the households with eradication verified by the period's last day, the percentage whose first support was delivered before or on the day of the first verified eradication (Guiding Principles, 18(k)).",
                "De los hogares con erradicación verificada hasta el último día del período, el porcentaje cuyo primer apoyo se entregó antes del día de la primera erradicación verificada o ese mismo día (Principios Rectores, 18(k)).",
            ),
            Computation::HouseholdsEnrolled => pick(
                es,
                "Households enrolled on or before the period's last day and not withdrawn on that day, by the head of household's sex and age band.",
                "Hogares inscritos en o antes del último día del período y no retirados ese día, por sexo y grupo de edad de quien encabeza el hogar.",
            ),
            Computation::WomenHeadedHouseholds => pick(
                es,
                "Households headed by a woman, enrolled on or before the period's last day and not withdrawn on that day.",
                "Hogares encabezados por una mujer, inscritos en o antes del último día del período y no retirados ese día.",
            ),
            Computation::Beneficiaries => pick(
                es,
                "Everyone in the households enrolled on or before the period's last day and not withdrawn on that day, by sex and age band, and by the household's indigenous status.",
                "Todas las personas de los hogares inscritos en o antes del último día del período y no retirados ese día, por sexo y grupo de edad, y por la pertenencia indígena del hogar.",
            ),
            Computation::WomenBeneficiaries => pick(
                es,
                "Women and girls in the households enrolled on or before the period's last day and not withdrawn on that day.",
                "Mujeres y niñas de los hogares inscritos en o antes del último día del período y no retirados ese día.",
            ),
            Computation::LicitIncome => pick(
                es,
                "For each household visited during the period, its income from sales recorded on those visits (none sold counts as zero) divided by the period's months; the average of those households, in the project's currency. By the head of household's sex.",
                "Para cada hogar visitado durante el período, sus ingresos por ventas registrados en esas visitas (sin ventas cuenta como cero) divididos por los meses del período; el promedio de esos hogares, en la moneda del proyecto. Por sexo de quien encabeza el hogar.",
            ),
            Computation::PeopleTrained => pick(
                es,
                "Attendance at the trainings held during the period, by sex and age band (someone at two trainings counts twice).",
                "Asistencia a las capacitaciones realizadas durante el período, por sexo y grupo de edad (quien asistió a dos capacitaciones cuenta dos veces).",
            ),
        }
    }

    fn aggregate(self) -> Aggregate {
        match self {
            Computation::ReplantingRate | Computation::SupportBeforeEradication => {
                Aggregate::Percent
            }
            Computation::LicitIncome => Aggregate::Average,
            _ => Aggregate::Sum,
        }
    }
}

/// The computation of an indicator: for a library indicator the records define, kept in the
/// library's unit.
pub fn computation_of(indicator: &crate::results::Indicator) -> Option<Computation> {
    indicator
        .library_code
        .as_deref()
        .and_then(Computation::of_library)
        .filter(|c| c.unit() == indicator.unit)
}

fn pick(es: bool, en: &'static str, es_text: &'static str) -> &'static str {
    if es { es_text } else { en }
}

/// A household as the computations need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseholdFacts {
    /// Its id.
    pub id: i64,
    /// Its community.
    pub community_id: i64,
    /// The head of household's sex.
    pub head_sex: Sex,
    /// The head of household's age band.
    pub head_age_band: AgeBand,
    /// Whether it is indigenous.
    pub indigenous: bool,
    /// Its members by sex and age band.
    pub members: Members,
    /// Its enrolment day.
    pub enrolled_on: NaiveDate,
    /// Its status changes (day, status), in any order.
    pub history: Vec<(NaiveDate, HouseholdStatus)>,
}

impl HouseholdFacts {
    /// Whether it takes part on `day`: enrolled by then and not withdrawn on that day.
    pub fn takes_part_on(&self, day: NaiveDate) -> bool {
        if self.enrolled_on > day {
            return false;
        }
        let status = self
            .history
            .iter()
            .filter(|(on, _)| *on <= day)
            .max_by_key(|(on, _)| *on)
            .map_or(HouseholdStatus::Enrolled, |(_, s)| *s);
        status != HouseholdStatus::Withdrawn
    }

    fn head_cell(&self) -> Cell {
        Cell {
            sex: Some(self.head_sex),
            age: Some(self.head_age_band),
            indigenous: Some(self.indigenous),
        }
    }
}

/// A record of what grew on a plot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlotRecord {
    /// The plot.
    pub plot_id: i64,
    /// Its household.
    pub household_id: i64,
    /// The day.
    pub observed_on: NaiveDate,
    /// The crop.
    pub crop: PlotCrop,
    /// Hectares under it.
    pub hectares: Decimal,
}

/// An eradication agreement with its verifications.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgreementFacts {
    /// The household.
    pub household_id: i64,
    /// The day it was signed.
    pub signed_on: NaiveDate,
    /// Hectares committed.
    pub committed_hectares: Decimal,
    /// Its verification visits, in any order.
    pub verifications: Vec<Verification>,
}

/// A monitoring visit, with its sales if it recorded any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitFacts {
    /// The household.
    pub household_id: i64,
    /// The day.
    pub visited_on: NaiveDate,
    /// The sales income and its currency; `None` when nothing was sold.
    pub sales: Option<(String, Decimal)>,
}

/// A training or meeting with its attendance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainingFacts {
    /// The day.
    pub held_on: NaiveDate,
    /// Whether it was a training (meetings are not counted).
    pub training: bool,
    /// Who attended.
    pub attendance: Members,
}

/// The records of a project.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordFacts {
    /// The project's currency (money figures are in it).
    pub currency: String,
    /// Every registered household.
    pub households: Vec<HouseholdFacts>,
    /// Every plot record.
    pub plots: Vec<PlotRecord>,
    /// Every agreement.
    pub agreements: Vec<AgreementFacts>,
    /// Every support delivery.
    pub support: Vec<Support>,
    /// Every monitoring visit.
    pub visits: Vec<VisitFacts>,
    /// Every community activity report.
    pub trainings: Vec<TrainingFacts>,
}

/// An actual worked out from the records, offered as a draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComputedActual {
    /// What was computed.
    pub computation: Computation,
    /// The period's code.
    pub period: String,
    /// The figure; none when the records hold nothing to work it out from (a rate with no
    /// agreement verified, say).
    pub total: Option<Decimal>,
    /// A value per cell of the indicator's disaggregation, in its order; none when the records
    /// do not split the figure so (then the cells are left for the officer to fill).
    pub cells: Option<Vec<Decimal>>,
    /// How many records the figure rests on (plots, agreements, households, visits, trainings).
    pub records: u32,
    /// Records left out, with why (sales in another currency, plots with no record in the
    /// period whose earlier record was used).
    pub remarks: Vec<String>,
    /// How it was worked out, with the remarks: the note the draft is given.
    pub note: String,
    /// The entry form filled with it.
    pub form: ActualForm,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Aggregate {
    Sum,
    Percent,
    Average,
}

/// One record's share: the cell it falls in (`None` where the record does not know a
/// dimension), a numerator and a denominator (1 for a sum).
struct Part {
    cell: Cell,
    value: Decimal,
    weight: Decimal,
}

fn part(cell: Cell, value: Decimal) -> Part {
    Part {
        cell,
        value,
        weight: Decimal::ONE,
    }
}

/// How many calendar months the period touches (a year 12, a quarter 3; a period clipped to the
/// project's dates counts the months it touches).
pub fn period_months(period: &ReportingPeriod) -> u32 {
    let index = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    u32::try_from(index(period.end) - index(period.start) + 1).unwrap_or(1)
}

fn latest_plot_days(
    facts: &RecordFacts,
    end: NaiveDate,
) -> BTreeMap<i64, (i64, NaiveDate, Decimal, Decimal)> {
    // plot → (household, latest day, illicit, licit)
    let mut latest: BTreeMap<i64, (i64, NaiveDate, Decimal, Decimal)> = BTreeMap::new();
    for r in facts.plots.iter().filter(|r| r.observed_on <= end) {
        let entry = latest.entry(r.plot_id).or_insert((
            r.household_id,
            r.observed_on,
            Decimal::ZERO,
            Decimal::ZERO,
        ));
        if r.observed_on > entry.1 {
            *entry = (r.household_id, r.observed_on, Decimal::ZERO, Decimal::ZERO);
        }
        if r.observed_on == entry.1 {
            if r.crop.is_illicit() {
                entry.2 += r.hectares;
            } else {
                entry.3 += r.hectares;
            }
        }
    }
    latest
}

fn stale_remark(stale: usize, locale: Locale) -> Option<String> {
    (stale > 0).then(|| match locale {
        Locale::En => format!(
            "{stale} plot(s) have no record in the period: their latest earlier record is used."
        ),
        Locale::Es => format!(
            "{stale} predio(s) sin registro en el período: se usa su último registro anterior."
        ),
    })
}

fn parts(
    computation: Computation,
    period: &ReportingPeriod,
    facts: &RecordFacts,
    locale: Locale,
) -> (Vec<Part>, u32, Vec<String>) {
    let households: BTreeMap<i64, &HouseholdFacts> =
        facts.households.iter().map(|h| (h.id, h)).collect();
    let head = |id: i64| {
        households.get(&id).map_or(
            Cell {
                sex: None,
                age: None,
                indigenous: None,
            },
            |h| h.head_cell(),
        )
    };
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut remarks = Vec::new();
    let end = period.end;
    match computation {
        Computation::IllicitHectaresOnPlots | Computation::PromotedCropHectares => {
            let latest = latest_plot_days(facts, end);
            let illicit = computation == Computation::IllicitHectaresOnPlots;
            let stale = latest.values().filter(|v| v.1 < period.start).count();
            remarks.extend(stale_remark(stale, locale));
            let parts = latest
                .values()
                .map(|(household, _, i, l)| part(head(*household), if illicit { *i } else { *l }))
                .collect();
            (parts, count(latest.len()), remarks)
        }
        Computation::EradicatedVerified => {
            let verified = |a: &AgreementFacts, by: NaiveDate| {
                a.verifications
                    .iter()
                    .filter(|v| v.verification.visited_on <= by)
                    .map(|v| v.verification.eradicated_hectares)
                    .max()
                    .unwrap_or(Decimal::ZERO)
            };
            let before = period.start.pred_opt().unwrap_or(period.start);
            let parts: Vec<Part> = facts
                .agreements
                .iter()
                .map(|a| {
                    let gained = (verified(a, end) - verified(a, before)).max(Decimal::ZERO);
                    part(head(a.household_id), gained)
                })
                .filter(|p| p.value > Decimal::ZERO)
                .collect();
            let n = count(parts.len());
            (parts, n, remarks)
        }
        Computation::ReplantingRate => {
            let parts: Vec<Part> = facts
                .agreements
                .iter()
                .filter_map(|a| {
                    let seen: Vec<Verification> = a
                        .verifications
                        .iter()
                        .filter(|v| v.verification.visited_on <= end)
                        .cloned()
                        .collect();
                    let marked = mark_replanting(seen, a.committed_hectares);
                    let whole = marked.iter().any(|v| {
                        v.verification.eradicated_hectares >= a.committed_hectares
                            && v.verification.illicit_hectares_found == Decimal::ZERO
                    });
                    whole.then(|| {
                        let replanted = marked.iter().any(|v| v.replanting);
                        part(
                            head(a.household_id),
                            if replanted {
                                Decimal::ONE
                            } else {
                                Decimal::ZERO
                            },
                        )
                    })
                })
                .collect();
            let n = count(parts.len());
            (parts, n, remarks)
        }
        Computation::AgreementsSigned => {
            let parts: Vec<Part> = facts
                .agreements
                .iter()
                .filter(|a| period.contains(a.signed_on))
                .map(|a| part(head(a.household_id), Decimal::ONE))
                .collect();
            let n = count(parts.len());
            (parts, n, remarks)
        }
        Computation::SupportBeforeEradication => {
            let mut by_household: BTreeMap<i64, Vec<Verification>> = BTreeMap::new();
            for a in &facts.agreements {
                by_household.entry(a.household_id).or_default().extend(
                    a.verifications
                        .iter()
                        .filter(|v| v.verification.visited_on <= end)
                        .cloned(),
                );
            }
            let parts: Vec<Part> = by_household
                .into_iter()
                .filter_map(|(household, visits)| {
                    let support: Vec<Support> = facts
                        .support
                        .iter()
                        .filter(|s| s.household_id == household && s.support.delivered_on <= end)
                        .cloned()
                        .collect();
                    match sequencing(&visits, &support) {
                        SequencingCheck::SupportFirst => Some(part(head(household), Decimal::ONE)),
                        SequencingCheck::EradicationBeforeSupport => {
                            Some(part(head(household), Decimal::ZERO))
                        }
                        _ => None,
                    }
                })
                .collect();
            let n = count(parts.len());
            (parts, n, remarks)
        }
        Computation::HouseholdsEnrolled | Computation::WomenHeadedHouseholds => {
            let women = computation == Computation::WomenHeadedHouseholds;
            let parts: Vec<Part> = facts
                .households
                .iter()
                .filter(|h| h.takes_part_on(end) && (!women || h.head_sex == Sex::Female))
                .map(|h| part(h.head_cell(), Decimal::ONE))
                .collect();
            let n = count(parts.len());
            (parts, n, remarks)
        }
        Computation::Beneficiaries | Computation::WomenBeneficiaries => {
            let sexes: &[Sex] = if computation == Computation::WomenBeneficiaries {
                &[Sex::Female]
            } else {
                &Sex::ALL
            };
            let taking_part: Vec<&HouseholdFacts> = facts
                .households
                .iter()
                .filter(|h| h.takes_part_on(end))
                .collect();
            let mut parts = Vec::new();
            for h in &taking_part {
                for sex in sexes {
                    for age in AgeBand::ALL {
                        let n = h.members.get(*sex, age);
                        if n > 0 {
                            parts.push(part(
                                Cell {
                                    sex: Some(*sex),
                                    age: Some(age),
                                    indigenous: Some(h.indigenous),
                                },
                                Decimal::from(n),
                            ));
                        }
                    }
                }
            }
            (parts, count(taking_part.len()), remarks)
        }
        Computation::LicitIncome => {
            let months = Decimal::from(period_months(period));
            let mut income: BTreeMap<i64, Decimal> = BTreeMap::new();
            let mut other_currency = 0usize;
            for v in facts
                .visits
                .iter()
                .filter(|v| period.contains(v.visited_on))
            {
                let sum = income.entry(v.household_id).or_default();
                match &v.sales {
                    Some((currency, amount)) if currency.eq_ignore_ascii_case(&facts.currency) => {
                        *sum += *amount;
                    }
                    Some(_) => other_currency += 1,
                    None => {}
                }
            }
            if other_currency > 0 {
                remarks.push(match locale {
                    Locale::En => format!(
                        "{other_currency} sale(s) recorded in another currency than {} are left out.",
                        facts.currency
                    ),
                    Locale::Es => format!(
                        "Se dejan fuera {other_currency} venta(s) registradas en una moneda distinta de {}.",
                        facts.currency
                    ),
                });
            }
            let parts: Vec<Part> = income
                .iter()
                .map(|(household, total)| part(head(*household), *total / months))
                .collect();
            (parts, count(income.len()), remarks)
        }
        Computation::PeopleTrained => {
            let held: Vec<&TrainingFacts> = facts
                .trainings
                .iter()
                .filter(|t| t.training && period.contains(t.held_on))
                .collect();
            let mut parts = Vec::new();
            for t in &held {
                for sex in Sex::ALL {
                    for age in AgeBand::ALL {
                        let n = t.attendance.get(sex, age);
                        if n > 0 {
                            parts.push(part(
                                Cell {
                                    sex: Some(sex),
                                    age: Some(age),
                                    indigenous: None,
                                },
                                Decimal::from(n),
                            ));
                        }
                    }
                }
            }
            (parts, count(held.len()), remarks)
        }
    }
}

/// Whether a record's cell falls in a reported cell: `Some(false)` when it does not,
/// `None` when the record does not know a dimension the reported cell splits by.
fn falls_in(record: Cell, reported: Cell) -> Option<bool> {
    fn dim<T: PartialEq>(record: Option<T>, reported: Option<T>) -> Option<bool> {
        match (record, reported) {
            (_, None) => Some(true),
            (None, Some(_)) => None,
            (Some(a), Some(b)) => Some(a == b),
        }
    }
    Some(
        dim(record.sex, reported.sex)?
            && dim(record.age, reported.age)?
            && dim(record.indigenous, reported.indigenous)?,
    )
}

fn figure<'a>(
    aggregate: Aggregate,
    parts: impl Iterator<Item = &'a Part>,
    decimals: u32,
) -> Option<Decimal> {
    let (value, weight) = parts.fold((Decimal::ZERO, Decimal::ZERO), |(v, w), p| {
        (v + p.value, w + p.weight)
    });
    let raw = match aggregate {
        Aggregate::Sum => Some(value),
        Aggregate::Percent => {
            (weight > Decimal::ZERO).then(|| value * Decimal::ONE_HUNDRED / weight)
        }
        Aggregate::Average => (weight > Decimal::ZERO).then(|| value / weight),
    }?;
    let mut rounded = raw.round_dp_with_strategy(decimals, RoundingStrategy::MidpointNearestEven);
    rounded.rescale(decimals);
    Some(rounded.normalize())
}

/// Works out `computation` for `period` from the records, split by `disaggregation` where
/// the records allow, in `locale` (for the note). Figures are rounded half to even to the
/// unit's places (a percentage to one place).
pub fn compute(
    computation: Computation,
    period: &ReportingPeriod,
    disaggregation: Disaggregation,
    facts: &RecordFacts,
    today: NaiveDate,
    locale: Locale,
) -> ComputedActual {
    let unit = computation.unit();
    let decimals = if unit == Unit::Percent {
        1
    } else {
        unit.decimals()
    };
    let aggregate = computation.aggregate();
    let (parts, records, mut remarks) = parts(computation, period, facts, locale);
    let total = figure(aggregate, parts.iter(), decimals);
    let reported = disaggregation.cells();
    let split = disaggregation != Disaggregation::Total;
    let splittable = parts
        .iter()
        .all(|p| reported.iter().all(|c| falls_in(p.cell, *c).is_some()));
    let mut cells = None;
    if split && total.is_some() {
        if splittable {
            let values: Option<Vec<Decimal>> = reported
                .iter()
                .map(|c| {
                    figure(
                        aggregate,
                        parts.iter().filter(|p| falls_in(p.cell, *c) == Some(true)),
                        decimals,
                    )
                })
                .collect();
            match values {
                Some(values) => cells = Some(values),
                None => remarks.push(
                    pick(
                        locale == Locale::Es,
                        "Some groups have no records, so the figure cannot be split: fill in the cells or leave them empty.",
                        "Algunos grupos no tienen registros, así que la cifra no se puede desagregar: complete las casillas o déjelas vacías.",
                    )
                    .to_owned(),
                ),
            }
        } else {
            remarks.push(
                pick(
                    locale == Locale::Es,
                    "The records do not split this figure by every dimension of the indicator's disaggregation (attendance lists do not record indigenous status): fill in the cells or leave them empty.",
                    "Los registros no desagregan esta cifra por todas las dimensiones del indicador (las listas de asistencia no registran la pertenencia indígena): complete las casillas o déjelas vacías.",
                )
                .to_owned(),
            );
        }
    }
    let computed_on = crate::format::date(today, locale);
    let mut note = match locale {
        Locale::En => format!(
            "Computed from the records on {computed_on} ({records} record(s)). {}",
            computation.explain(locale)
        ),
        Locale::Es => format!(
            "Calculado a partir de los registros el {computed_on} ({records} registro(s)). {}",
            computation.explain(locale)
        ),
    };
    for r in &remarks {
        note.push(' ');
        note.push_str(r);
    }
    if note.chars().count() > crate::actuals::ACTUAL_NOTE_MAX as usize {
        note = note
            .chars()
            .take(crate::actuals::ACTUAL_NOTE_MAX as usize)
            .collect();
    }
    let form = ActualForm {
        period: period.code.clone(),
        total: total.map(|t| t.to_string()).unwrap_or_default(),
        cells: cells
            .as_ref()
            .map(|v| v.iter().map(Decimal::to_string).collect())
            .unwrap_or_default(),
        note: note.clone(),
    };
    ComputedActual {
        computation,
        period: period.code.clone(),
        total,
        cells,
        records,
        remarks,
        note,
        form,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::{NewSupport, NewVerification, SupportKind, VerificationMethod};
    use crate::crop::{AlternativeCrop, IllicitCrop};
    use crate::results::Frequency;
    use rust_decimal::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn year(y: i32) -> ReportingPeriod {
        ReportingPeriod {
            code: y.to_string(),
            start: d(y, 1, 1),
            end: d(y, 12, 31),
        }
    }

    fn household(
        id: i64,
        sex: Sex,
        indigenous: bool,
        members: &[(Sex, AgeBand, u32)],
    ) -> HouseholdFacts {
        let mut m = Members::default();
        for (s, a, n) in members {
            m.set(*s, *a, *n);
        }
        HouseholdFacts {
            id,
            community_id: 1,
            head_sex: sex,
            head_age_band: AgeBand::From30To59,
            indigenous,
            members: m,
            enrolled_on: d(2025, 2, 1),
            history: vec![(d(2025, 2, 1), HouseholdStatus::Enrolled)],
        }
    }

    fn verification(on: NaiveDate, eradicated: Decimal, found: Decimal) -> Verification {
        Verification {
            id: 0,
            agreement_id: 0,
            verification: NewVerification {
                visited_on: on,
                method: VerificationMethod::FieldVisit,
                eradicated_hectares: eradicated,
                illicit_hectares_found: found,
                note: None,
            },
            replanting: false,
            recorded_by: "M".into(),
            recorded_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    fn support(household_id: i64, on: NaiveDate) -> Support {
        Support {
            id: 0,
            household_id,
            support: NewSupport {
                kind: SupportKind::Inputs,
                delivered_on: on,
                value: dec!(100),
                currency: "COP".into(),
                description: None,
            },
            recorded_by: "M".into(),
            recorded_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    fn plot(
        plot_id: i64,
        household_id: i64,
        on: NaiveDate,
        crop: PlotCrop,
        ha: Decimal,
    ) -> PlotRecord {
        PlotRecord {
            plot_id,
            household_id,
            observed_on: on,
            crop,
            hectares: ha,
        }
    }

    /// Three households: 1 headed by a woman (indigenous), 2 by a man, 3 by a man and
    /// withdrawn in October 2025.
    fn facts() -> RecordFacts {
        use AgeBand::*;
        use Sex::*;
        let coca = PlotCrop::Illicit(IllicitCrop::CocaBush);
        let cocoa = PlotCrop::Licit(AlternativeCrop::Cocoa);
        let mut third = household(3, Male, false, &[(Male, From30To59, 1)]);
        third
            .history
            .push((d(2025, 10, 1), HouseholdStatus::Withdrawn));
        RecordFacts {
            currency: "COP".into(),
            households: vec![
                household(
                    1,
                    Female,
                    true,
                    &[
                        (Female, From30To59, 1),
                        (Female, Under18, 2),
                        (Male, Under18, 1),
                    ],
                ),
                household(
                    2,
                    Male,
                    false,
                    &[(Male, From30To59, 1), (Female, From30To59, 1)],
                ),
                third,
            ],
            plots: vec![
                // Plot 10: 1.5 ha coca in March, then 0.5 coca + 1 cocoa in November.
                plot(10, 1, d(2025, 3, 1), coca, dec!(1.5)),
                plot(10, 1, d(2025, 11, 5), coca, dec!(0.5)),
                plot(10, 1, d(2025, 11, 5), cocoa, dec!(1)),
                // Plot 20: 2 ha coca recorded in 2024 only (stale in 2025).
                plot(20, 2, d(2024, 6, 1), coca, dec!(2)),
                // Plot 30: recorded after 2025.
                plot(30, 3, d(2026, 1, 10), coca, dec!(3)),
            ],
            agreements: vec![
                AgreementFacts {
                    household_id: 1,
                    signed_on: d(2025, 3, 1),
                    committed_hectares: dec!(1),
                    verifications: vec![
                        verification(d(2025, 6, 1), dec!(0.4), dec!(1.1)),
                        verification(d(2025, 9, 1), dec!(1), dec!(0)),
                    ],
                },
                AgreementFacts {
                    household_id: 2,
                    signed_on: d(2024, 11, 1),
                    committed_hectares: dec!(2),
                    verifications: vec![
                        verification(d(2024, 12, 1), dec!(2), dec!(0)),
                        // Replanting found in 2025.
                        verification(d(2025, 7, 1), dec!(2), dec!(0.3)),
                    ],
                },
            ],
            // Household 1 got support first; household 2 only after its eradication.
            support: vec![support(1, d(2025, 4, 1)), support(2, d(2025, 1, 15))],
            visits: vec![
                VisitFacts {
                    household_id: 1,
                    visited_on: d(2025, 5, 1),
                    sales: Some(("COP".into(), dec!(600000))),
                },
                VisitFacts {
                    household_id: 1,
                    visited_on: d(2025, 11, 5),
                    sales: Some(("cop".into(), dec!(300000))),
                },
                VisitFacts {
                    household_id: 2,
                    visited_on: d(2025, 8, 1),
                    sales: None,
                },
                VisitFacts {
                    household_id: 2,
                    visited_on: d(2025, 9, 1),
                    sales: Some(("USD".into(), dec!(50))),
                },
                VisitFacts {
                    household_id: 3,
                    visited_on: d(2024, 8, 1),
                    sales: Some(("COP".into(), dec!(999))),
                },
            ],
            trainings: vec![
                TrainingFacts {
                    held_on: d(2025, 4, 2),
                    training: true,
                    attendance: {
                        let mut m = Members::default();
                        m.set(Female, From18To29, 4);
                        m.set(Male, From30To59, 3);
                        m
                    },
                },
                TrainingFacts {
                    held_on: d(2025, 4, 3),
                    training: false,
                    attendance: {
                        let mut m = Members::default();
                        m.set(Female, From18To29, 40);
                        m
                    },
                },
            ],
        }
    }

    fn run(c: Computation, set: Disaggregation) -> ComputedActual {
        compute(c, &year(2025), set, &facts(), d(2026, 1, 15), Locale::En)
    }

    #[test]
    fn computable_indicators_are_library_indicators_with_the_same_unit() {
        for c in Computation::ALL {
            let library = crate::indicator::LibraryIndicator::from_code(c.code())
                .unwrap_or_else(|| panic!("{} is not in the library", c.code()));
            assert_eq!(library.unit, c.unit(), "{}", c.code());
            assert_eq!(Computation::of_library(c.code()), Some(c));
            assert!(!c.explain(Locale::Es).is_empty());
        }
        assert_eq!(Computation::of_library("forest_cover"), None);
    }

    #[test]
    fn illicit_hectares_on_plots_take_each_plots_latest_record_by_the_periods_end() {
        // Plot 10's November record: 0.5 ha; plot 20's 2024 record: 2 ha; plot 30 comes later.
        let c = run(Computation::IllicitHectaresOnPlots, Disaggregation::Sex);
        assert_eq!(c.total, Some(dec!(2.5)));
        assert_eq!(c.cells, Some(vec![dec!(0.5), dec!(2)]));
        assert_eq!(c.records, 2);
        assert_eq!(c.remarks.len(), 1, "plot 20 has no record in 2025");
        let licit = run(Computation::PromotedCropHectares, Disaggregation::Total);
        assert_eq!((licit.total, licit.cells), (Some(dec!(1)), None));
        // In 2024 only plot 20 had a record.
        let earlier = compute(
            Computation::IllicitHectaresOnPlots,
            &year(2024),
            Disaggregation::Total,
            &facts(),
            d(2026, 1, 15),
            Locale::En,
        );
        assert_eq!(earlier.total, Some(dec!(2)));
    }

    #[test]
    fn hectares_eradicated_count_what_was_verified_within_the_period() {
        // Agreement 1: 1 ha verified in 2025; agreement 2: all 2 ha were verified in 2024.
        let c = run(Computation::EradicatedVerified, Disaggregation::Total);
        assert_eq!((c.total, c.records), (Some(dec!(1)), 1));
        let c2024 = compute(
            Computation::EradicatedVerified,
            &year(2024),
            Disaggregation::Sex,
            &facts(),
            d(2026, 1, 15),
            Locale::En,
        );
        assert_eq!(c2024.total, Some(dec!(2)));
        assert_eq!(c2024.cells, Some(vec![dec!(0), dec!(2)]));
    }

    #[test]
    fn the_replanting_rate_is_the_share_of_agreements_verified_whole_that_were_replanted() {
        // Both agreements were verified whole by the end of 2025; agreement 2 was replanted.
        let c = run(Computation::ReplantingRate, Disaggregation::Sex);
        assert_eq!(c.total, Some(dec!(50)));
        assert_eq!(c.cells, Some(vec![dec!(0), dec!(100)]));
        // A rate with nothing to rest on is not made up: in 2023 nothing was verified.
        let none = compute(
            Computation::ReplantingRate,
            &year(2023),
            Disaggregation::Sex,
            &facts(),
            d(2026, 1, 15),
            Locale::En,
        );
        assert_eq!((none.total, none.cells.clone()), (None, None));
        assert_eq!(none.form.total, "");
    }

    #[test]
    fn support_before_eradication_counts_households_with_eradication_verified() {
        // Household 1: support 1 April, first eradication 1 June → first. Household 2:
        // eradication December 2024, support January 2025 → not first.
        let c = run(Computation::SupportBeforeEradication, Disaggregation::Sex);
        assert_eq!(c.total, Some(dec!(50)));
        assert_eq!(c.cells, Some(vec![dec!(100), dec!(0)]));
        let signed = run(Computation::AgreementsSigned, Disaggregation::Total);
        assert_eq!(signed.total, Some(dec!(1)));
    }

    #[test]
    fn households_and_beneficiaries_are_those_taking_part_at_the_periods_end() {
        let h = run(Computation::HouseholdsEnrolled, Disaggregation::Sex);
        assert_eq!(
            (h.total, h.cells),
            (Some(dec!(2)), Some(vec![dec!(1), dec!(1)]))
        );
        // Household 3 was withdrawn in October 2025 but took part at the end of Q2.
        let q2 = ReportingPeriod {
            code: "2025-Q2".into(),
            start: d(2025, 4, 1),
            end: d(2025, 6, 30),
        };
        let h_q2 = compute(
            Computation::HouseholdsEnrolled,
            &q2,
            Disaggregation::Total,
            &facts(),
            d(2026, 1, 15),
            Locale::En,
        );
        assert_eq!(h_q2.total, Some(dec!(3)));
        let women_headed = run(Computation::WomenHeadedHouseholds, Disaggregation::Total);
        assert_eq!(women_headed.total, Some(dec!(1)));
        // Households 1 (4 people, indigenous) and 2 (2 people).
        let b = run(Computation::Beneficiaries, Disaggregation::SexAgeIndigenous);
        assert_eq!(b.total, Some(dec!(6)));
        let cells = Disaggregation::SexAgeIndigenous.cells();
        let values = b.cells.clone().unwrap();
        let at = |sex, age, indigenous| {
            values[cells
                .iter()
                .position(|c| {
                    *c == Cell {
                        sex: Some(sex),
                        age: Some(age),
                        indigenous: Some(indigenous),
                    }
                })
                .unwrap()]
        };
        assert_eq!(at(Sex::Female, AgeBand::Under18, true), dec!(2));
        assert_eq!(at(Sex::Female, AgeBand::From30To59, true), dec!(1));
        assert_eq!(at(Sex::Female, AgeBand::From30To59, false), dec!(1));
        assert_eq!(at(Sex::Male, AgeBand::Under18, true), dec!(1));
        assert_eq!(at(Sex::Male, AgeBand::From30To59, false), dec!(1));
        assert_eq!(values.iter().copied().sum::<Decimal>(), dec!(6));
        assert_eq!(b.form.cells.len(), cells.len());
        let women = run(Computation::WomenBeneficiaries, Disaggregation::Total);
        assert_eq!(women.total, Some(dec!(4)));
    }

    #[test]
    fn licit_income_is_the_monthly_average_over_households_visited() {
        // Household 1: 900,000 COP over 12 months = 75,000 a month. Household 2: visited,
        // sold nothing in COP (its USD sale is left out) = 0. Average 37,500.
        let c = run(Computation::LicitIncome, Disaggregation::Sex);
        assert_eq!(c.total, Some(dec!(37500)));
        assert_eq!(c.cells, Some(vec![dec!(75000), dec!(0)]));
        assert_eq!(c.records, 2);
        assert!(
            c.remarks.iter().any(|r| r.contains("another currency")),
            "{:?}",
            c.remarks
        );
        // A quarter is three months; only household 1 was visited in Q4: 300,000 / 3.
        let q4 = ReportingPeriod {
            code: "2025-Q4".into(),
            start: d(2025, 10, 1),
            end: d(2025, 12, 31),
        };
        assert_eq!(period_months(&q4), 3);
        let c4 = compute(
            Computation::LicitIncome,
            &q4,
            Disaggregation::Total,
            &facts(),
            d(2026, 1, 1),
            Locale::En,
        );
        assert_eq!(c4.total, Some(dec!(100000)));
        // A period clipped to a project that starts mid-month still counts the month.
        let clipped = ReportingPeriod {
            code: "2025".into(),
            start: d(2025, 3, 15),
            end: d(2025, 12, 31),
        };
        assert_eq!(period_months(&clipped), 10);
    }

    #[test]
    fn people_trained_count_training_attendance_but_cannot_split_by_indigenous_status() {
        let c = run(Computation::PeopleTrained, Disaggregation::SexAge);
        assert_eq!(c.total, Some(dec!(7)));
        let values = c.cells.clone().unwrap();
        assert_eq!(values.iter().copied().sum::<Decimal>(), dec!(7));
        let by_indigenous = run(Computation::PeopleTrained, Disaggregation::SexAgeIndigenous);
        assert_eq!(
            (by_indigenous.total, by_indigenous.cells.clone()),
            (Some(dec!(7)), None)
        );
        assert!(by_indigenous.note.contains("indigenous status"));
        assert!(by_indigenous.form.cells.is_empty());
        // The draft's form validates as it is.
        let periods = Frequency::Annual.periods(d(2025, 1, 1), d(2026, 12, 31));
        let actual = c
            .form
            .validate(&periods, Unit::People, Disaggregation::SexAge)
            .unwrap();
        assert_eq!(actual.total, dec!(7));
        let es = compute(
            Computation::PeopleTrained,
            &year(2025),
            Disaggregation::Total,
            &facts(),
            d(2026, 1, 15),
            Locale::Es,
        );
        assert!(
            es.note.starts_with("Calculado a partir de los registros"),
            "{}",
            es.note
        );
    }
}
