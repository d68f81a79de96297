//! The dashboards of a program, a project and a donor: the same figures a donor report holds
//! (hectares over time, eradication and replanting, beneficiaries and support by sex and age band,
//! indicators against their targets per period, funding committed, disbursed and spent) for a
//! period, a region (a municipality) and a donor chosen with the filters, plus the income
//! transition planned against observed and a map of the areas and communities (and, for who may
//! see them, the plots) coloured by status. Worked out by [`crate::donor_report::donor_report`],
//! so a dashboard and a report of the same choices show the same numbers, protected the same way.

use crate::digest::{RecordsDigest, illicit_span_of};
use crate::donor_report::{DonorReport, ProjectRecords, ReportArea, ReportInput, donor_report};
use crate::i18n::{Locale, Msg};
use crate::livelihood::LivelihoodPlan;
use crate::outcomes::quarter_ends;
use crate::validation::{FieldError, Problem};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Whose dashboard it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DashboardKind {
    /// A program's, over its projects.
    Program,
    /// One project's.
    Project,
    /// A donor's, over the projects it funds.
    Donor,
}

/// The filters as typed (query parameters; every one may be empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardQuery {
    /// The period's first day (`YYYY-MM-DD`); default: the subject's start.
    pub from: String,
    /// The period's last day; default: today, or the subject's end if earlier.
    pub to: String,
    /// Only the communities of this municipality.
    pub municipality: String,
    /// Only the projects and agreements of this donor (its id).
    pub donor: String,
}

/// Valid filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardFilter {
    /// The period's first day.
    pub from: NaiveDate,
    /// The period's last day.
    pub until: NaiveDate,
    /// The municipality, when one was chosen.
    pub municipality: Option<String>,
    /// The donor, when one was chosen.
    pub donor_id: Option<i64>,
}

impl DashboardQuery {
    /// Reads the query pairs of a page's address.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = DashboardQuery::default();
        for (key, value) in pairs {
            let value = value.to_owned();
            match key {
                "from" => q.from = value,
                "to" => q.to = value,
                "municipality" => q.municipality = value,
                "donor" => q.donor = value,
                _ => {}
            }
        }
        q
    }

    /// The query string that asks for these filters again (`from=…&to=…`, empty ones left out).
    pub fn to_query(&self) -> String {
        [
            ("from", &self.from),
            ("to", &self.to),
            ("municipality", &self.municipality),
            ("donor", &self.donor),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", crate::format::url_component(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
    }

    /// Checks the filters against the subject's span (`start`, `end`) and its choices; each
    /// problem names its field. An empty period bound takes the subject's own.
    pub fn validate(
        &self,
        start: NaiveDate,
        end: NaiveDate,
        choices: &DashboardChoices,
    ) -> Result<DashboardFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let day = |field: &str, raw: &str, default: NaiveDate, errors: &mut Vec<FieldError>| {
            if raw.trim().is_empty() {
                return Some(default);
            }
            match crate::validation::date(field, raw) {
                Ok(d) => Some(d),
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        };
        let from = day("from", &self.from, start, &mut errors);
        let until = day("to", &self.to, end.max(start), &mut errors);
        if let (Some(f), Some(u)) = (from, until)
            && u < f
        {
            errors.push(FieldError::new("to", Problem::EndNotAfterStart));
        }
        let municipality = Some(self.municipality.trim())
            .filter(|m| !m.is_empty())
            .map(str::to_owned);
        if let Some(m) = &municipality
            && !choices.municipalities.iter().any(|c| c == m)
        {
            errors.push(FieldError::new("municipality", Problem::UnknownChoice));
        }
        let donor_id = match self.donor.trim() {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(id) if choices.donors.iter().any(|(d, _)| *d == id) => Some(id),
                _ => {
                    errors.push(FieldError::new("donor", Problem::UnknownChoice));
                    None
                }
            },
        };
        match (from, until) {
            (Some(from), Some(until)) if errors.is_empty() => Ok(DashboardFilter {
                from,
                until,
                municipality,
                donor_id,
            }),
            _ => Err(errors),
        }
    }
}

impl DashboardFilter {
    /// The query that asks for these filters.
    pub fn to_query(&self) -> DashboardQuery {
        DashboardQuery {
            from: self.from.to_string(),
            to: self.until.to_string(),
            municipality: self.municipality.clone().unwrap_or_default(),
            donor: self.donor_id.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// What the filters offer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardChoices {
    /// The municipalities of the subject's communities, sorted.
    pub municipalities: Vec<String>,
    /// The donors funding the subject: (id, name), by name.
    pub donors: Vec<(i64, String)>,
}

/// Licit income per household in one quarter, planned against observed, in one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncomePoint {
    /// The quarter's last day (or the period's, for its last quarter).
    pub end: NaiveDate,
    /// The licit income the livelihood plans expect per household in the quarter (weighted by
    /// their households); `None` when no plan covers it.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub planned: Option<Decimal>,
    /// The sales income the monitoring visits recorded in the quarter, per household visited;
    /// `None` when no household was visited, or fewer than the protection rule's minimum.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub observed: Option<Decimal>,
    /// The households visited in the quarter (0 when withheld as too few).
    pub households_visited: u32,
    /// Whether the observed income was withheld because fewer than 5 households were visited.
    pub observed_withheld: bool,
    /// The households the plans covering the quarter count.
    pub households_planned: u32,
}

/// The income transition of one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncomeSeries {
    /// Every amount's currency.
    pub currency: String,
    /// A point per quarter of the period.
    pub points: Vec<IncomePoint>,
}

/// A place's status on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PlaceStatus {
    /// No illicit crops on its plots at the period's end.
    IllicitFree,
    /// Fewer illicit hectares at the period's end than at its start.
    Reducing,
    /// As many illicit hectares or more.
    NotReducing,
    /// No plot record by the period's end.
    NoRecords,
}

impl PlaceStatus {
    /// Every status, in the legend's order.
    pub const ALL: [PlaceStatus; 4] = [
        PlaceStatus::IllicitFree,
        PlaceStatus::Reducing,
        PlaceStatus::NotReducing,
        PlaceStatus::NoRecords,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            PlaceStatus::IllicitFree => "illicit_free",
            PlaceStatus::Reducing => "reducing",
            PlaceStatus::NotReducing => "not_reducing",
            PlaceStatus::NoRecords => "no_records",
        }
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        locale.t(match self {
            PlaceStatus::IllicitFree => Msg::StatusIllicitFree,
            PlaceStatus::Reducing => Msg::StatusReducing,
            PlaceStatus::NotReducing => Msg::StatusNotReducing,
            PlaceStatus::NoRecords => Msg::StatusNoRecords,
        })
    }

    /// The status of plots that held `start` illicit hectares on the period's first day and
    /// `end` on its last (`None`: no record by then).
    pub fn of(start: Option<Decimal>, end: Option<Decimal>) -> PlaceStatus {
        match (start, end) {
            (_, None) => PlaceStatus::NoRecords,
            (_, Some(e)) if e.is_zero() => PlaceStatus::IllicitFree,
            (Some(s), Some(e)) if e < s => PlaceStatus::Reducing,
            _ => PlaceStatus::NotReducing,
        }
    }
}

/// A point on the map with its status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MapPlace {
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Its status.
    pub status: PlaceStatus,
}

/// The map: the project areas, the communities (unnamed) and, only for who may see exact
/// locations, the plots — each coloured by status.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusMap {
    /// The areas.
    pub areas: Vec<ReportArea>,
    /// The communities with a point.
    pub communities: Vec<MapPlace>,
    /// The plots with a location (empty for who may not see them, and when there are more than
    /// [`MAP_PLOTS_MAX`]).
    pub plots: Vec<MapPlace>,
    /// Plots not drawn because there are too many.
    pub plots_left_out: u64,
    /// How many communities are in each status, with or without a point, in
    /// [`PlaceStatus::ALL`]'s order.
    pub community_counts: Vec<u32>,
}

/// A dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    /// Whose.
    pub kind: DashboardKind,
    /// The program's, project's or donor's id.
    pub id: i64,
    /// Its name.
    pub subject: String,
    /// The filters applied.
    pub filter: DashboardFilter,
    /// What the filters offer.
    pub choices: DashboardChoices,
    /// The figures, as a donor report of the same choices has them.
    pub figures: DonorReport,
    /// The income transition, a series per currency.
    pub income: Vec<IncomeSeries>,
    /// The map.
    pub map: StatusMap,
}

/// A chart's numbers as a table the page shows beside it (for screen readers and for checking).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NumbersTable {
    /// What it holds, with its unit.
    pub caption: String,
    /// The column headings.
    pub headers: Vec<String>,
    /// The rows, each cell as written (the first names the row).
    pub rows: Vec<Vec<String>>,
}

/// Everything a dashboard is worked out from.
#[derive(Clone, Debug)]
pub struct DashboardInput {
    /// Whose.
    pub kind: DashboardKind,
    /// Its id.
    pub id: i64,
    /// Its name.
    pub subject: String,
    /// The filters.
    pub filter: DashboardFilter,
    /// What the filters offer.
    pub choices: DashboardChoices,
    /// The records, as for a report (its spec's period the filter's); the municipality filter
    /// is applied here.
    pub report: ReportInput,
    /// The livelihood plans of the projects.
    pub plans: Vec<LivelihoodPlan>,
    /// The plots to draw, only for who may see them: those of the communities the filter
    /// keeps.
    pub plots: PlotLayer,
}

/// The records of `p` in the communities of `municipality`: its households there and their
/// plots, agreements, support and visits; `None` when it works in none of them.
pub fn in_municipality(p: &ProjectRecords, municipality: &str) -> Option<ProjectRecords> {
    let communities: Vec<_> = p
        .communities
        .iter()
        .filter(|c| c.municipality.as_deref() == Some(municipality))
        .cloned()
        .collect();
    if communities.is_empty() {
        return None;
    }
    let ids: BTreeSet<i64> = communities.iter().map(|c| c.id).collect();
    let mut out = p.clone();
    out.digests.retain(|d| ids.contains(&d.community_id));
    out.project.municipalities = vec![municipality.to_owned()];
    out.project.communities = u32::try_from(communities.len()).unwrap_or(u32::MAX);
    out.communities = communities;
    Some(out)
}

/// The first day of the quarter `end` falls in, not before `from`.
fn quarter_start(end: NaiveDate, from: NaiveDate) -> NaiveDate {
    let month = (end.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(end.year(), month, 1)
        .unwrap_or(end)
        .max(from)
}

/// Licit income per household, planned and observed, quarter by quarter from `from` to `until`,
/// a series per currency (plans in their currency, sales in theirs).
pub fn income_over_time(
    plans: &[LivelihoodPlan],
    projects: &[ProjectRecords],
    from: NaiveDate,
    until: NaiveDate,
) -> Vec<IncomeSeries> {
    let ends = quarter_ends(from, until);
    let mut currencies: BTreeSet<String> = plans.iter().map(|p| p.currency.clone()).collect();
    let digests = || projects.iter().flat_map(|p| p.digests.iter().map(|d| &**d));
    for d in digests() {
        currencies.extend(d.sales.iter().map(|(c, _)| c.clone()));
    }
    let transitions: Vec<_> = plans
        .iter()
        .map(|p| (p, p.household_transition()))
        .collect();
    currencies
        .into_iter()
        .map(|currency| {
            let points = ends
                .iter()
                .map(|&end| {
                    let start = quarter_start(end, from);
                    let (mut weighted, mut planned_households) = (Decimal::ZERO, 0_i64);
                    for (plan, t) in transitions.iter().filter(|(p, _)| p.currency == currency) {
                        let first_month = NaiveDate::from_ymd_opt(start.year(), start.month(), 1)
                            .unwrap_or(start);
                        let months: Vec<_> = t
                            .months
                            .iter()
                            .filter(|m| m.month >= first_month && m.month <= end)
                            .collect();
                        if months.is_empty() || plan.households <= 0 {
                            continue;
                        }
                        let income: Decimal = months.iter().map(|m| m.licit_income).sum();
                        weighted += income * Decimal::from(plan.households);
                        planned_households += plan.households;
                    }
                    let sold: Decimal = digests().map(|d| d.sold(&currency, start, end)).sum();
                    let visited: u64 = digests().map(|d| d.households_visited(start, end)).sum();
                    let visited = u32::try_from(visited).unwrap_or(u32::MAX);
                    let shown = visited > 0 && !crate::protection::is_small(Decimal::from(visited));
                    IncomePoint {
                        end,
                        planned: (planned_households > 0)
                            .then(|| (weighted / Decimal::from(planned_households)).round_dp(2)),
                        observed: shown.then(|| (sold / Decimal::from(visited)).round_dp(2)),
                        households_visited: if shown { visited } else { 0 },
                        observed_withheld: visited > 0 && !shown,
                        households_planned: u32::try_from(planned_households).unwrap_or(u32::MAX),
                    }
                })
                .collect();
            IncomeSeries { currency, points }
        })
        .collect()
}

/// The illicit hectares of these plot records at the period's start and end: at its start, each
/// plot as its latest record by then shows it, or (for a plot first recorded later in the
/// period) as its first record does; at its end, as its latest record by then. `None` when no
/// plot has a record by then.
pub fn illicit_span(
    records: &[crate::computed::PlotRecord],
    from: NaiveDate,
    until: NaiveDate,
) -> (Option<Decimal>, Option<Decimal>) {
    let spans = plot_spans(records.iter(), from, until);
    if spans.is_empty() {
        return (None, None);
    }
    let (start, end) = spans
        .values()
        .fold((Decimal::ZERO, Decimal::ZERO), |(s, e), (a, b)| {
            (s + a, e + b)
        });
    (Some(start), Some(end))
}

/// Each plot's illicit hectares at the period's start and end, as [`illicit_span`] reads them,
/// for the plots with a record by its end.
fn plot_spans<'a>(
    records: impl Iterator<Item = &'a crate::computed::PlotRecord>,
    from: NaiveDate,
    until: NaiveDate,
) -> BTreeMap<i64, (Decimal, Decimal)> {
    // A day's figure adds up its crops.
    let mut days: BTreeMap<(i64, NaiveDate), Decimal> = BTreeMap::new();
    for r in records.filter(|r| r.observed_on <= until) {
        let illicit = if r.crop.is_illicit() {
            r.hectares
        } else {
            Decimal::ZERO
        };
        *days.entry((r.plot_id, r.observed_on)).or_default() += illicit;
    }
    // Per plot: its first day's figure, its latest by `from`, its latest by `until`.
    type Day = Option<Decimal>;
    let mut plots: BTreeMap<i64, (Day, Day, Day)> = BTreeMap::new();
    for ((plot, day), illicit) in days {
        let entry = plots.entry(plot).or_insert((None, None, None));
        if entry.0.is_none() {
            entry.0 = Some(illicit);
        }
        if day <= from {
            entry.1 = Some(illicit);
        }
        entry.2 = Some(illicit);
    }
    plots
        .into_iter()
        .map(|(plot, (first, by_start, by_end))| {
            let start = by_start.or(first).unwrap_or_default();
            (plot, (start, by_end.unwrap_or_default()))
        })
        .collect()
}

/// The most plots a map draws; beyond them only the communities are drawn (a national program's
/// million plots would make a chart nobody can read or download).
pub const MAP_PLOTS_MAX: usize = 5_000;

/// The plots a map draws: their places and records, given only to who may see exact locations
/// and only when there are at most [`MAP_PLOTS_MAX`] of them.
#[derive(Clone, Debug, Default)]
pub struct PlotLayer {
    /// The plots' places (plot id, longitude, latitude).
    pub points: Vec<(i64, f64, f64)>,
    /// Their records.
    pub records: Vec<crate::computed::PlotRecord>,
    /// Plots not drawn because there are too many.
    pub left_out: u64,
}

/// The map of these projects' records from `from` to `until`.
pub fn status_map(
    projects: &[ProjectRecords],
    plots: &PlotLayer,
    from: NaiveDate,
    until: NaiveDate,
) -> StatusMap {
    let mut map = StatusMap {
        community_counts: vec![0; PlaceStatus::ALL.len()],
        plots_left_out: plots.left_out,
        ..StatusMap::default()
    };
    let points: BTreeMap<i64, (f64, f64)> = plots
        .points
        .iter()
        .map(|(id, x, y)| (*id, (*x, *y)))
        .collect();
    for (plot, (start, end)) in plot_spans(plots.records.iter(), from, until) {
        if let Some((lon, lat)) = points.get(&plot) {
            map.plots.push(MapPlace {
                lon: *lon,
                lat: *lat,
                status: PlaceStatus::of(Some(start), Some(end)),
            });
        }
    }
    for p in projects {
        map.areas.extend(p.area.clone());
        let digests: BTreeMap<i64, &RecordsDigest> =
            p.digests.iter().map(|d| (d.community_id, &**d)).collect();
        for c in &p.communities {
            let (start, end) = digests
                .get(&c.id)
                .map_or((None, None), |d| illicit_span_of(d, from, until));
            let status = PlaceStatus::of(start, end);
            if let Some(i) = PlaceStatus::ALL.iter().position(|s| *s == status) {
                map.community_counts[i] += 1;
            }
            if let Some((lon, lat)) = c.point {
                map.communities.push(MapPlace { lon, lat, status });
            }
        }
    }
    map
}

/// Works the dashboard out.
pub fn dashboard(input: DashboardInput) -> Dashboard {
    let DashboardInput {
        kind,
        id,
        subject,
        filter,
        choices,
        mut report,
        plans,
        plots,
    } = input;
    if let Some(m) = &filter.municipality {
        report.projects = report
            .projects
            .iter()
            .filter_map(|p| in_municipality(p, m))
            .collect();
    }
    let kept: BTreeSet<i64> = report.projects.iter().map(|p| p.project.id).collect();
    let kept_communities: BTreeSet<i64> = report
        .projects
        .iter()
        .flat_map(|p| p.communities.iter().map(|c| c.id))
        .collect();
    let plans: Vec<LivelihoodPlan> = plans
        .into_iter()
        .filter(|p| kept.contains(&p.project_id))
        .filter(|p| {
            filter.municipality.is_none()
                || p.community_id.is_none_or(|c| kept_communities.contains(&c))
        })
        .collect();
    let income = income_over_time(&plans, &report.projects, filter.from, filter.until);
    let map = status_map(&report.projects, &plots, filter.from, filter.until);
    let figures = donor_report(&report);
    Dashboard {
        kind,
        id,
        subject,
        filter,
        choices,
        figures,
        income,
        map,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::computed::{PlotRecord, VisitFacts};
    use crate::plot::PlotCrop;
    use rust_decimal::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn choices() -> DashboardChoices {
        DashboardChoices {
            municipalities: vec!["Puerto Rico".into(), "Vista Hermosa".into()],
            donors: vec![(3, "EU".into())],
        }
    }

    #[test]
    fn empty_filters_take_the_subjects_own_span() {
        let f = DashboardQuery::default()
            .validate(d(2024, 1, 1), d(2026, 6, 30), &choices())
            .unwrap();
        assert_eq!((f.from, f.until), (d(2024, 1, 1), d(2026, 6, 30)));
        assert_eq!((f.municipality, f.donor_id), (None, None));
    }

    #[test]
    fn each_bad_filter_is_named_by_its_field() {
        let q = DashboardQuery {
            from: "2025-13-01".into(),
            to: "soon".into(),
            municipality: "Atlantis".into(),
            donor: "99".into(),
        };
        let errors = q
            .validate(d(2024, 1, 1), d(2026, 6, 30), &choices())
            .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["from", "to", "municipality", "donor"]);
    }

    #[test]
    fn a_period_that_ends_before_it_starts_is_refused_on_its_end() {
        let q = DashboardQuery {
            from: "2025-06-01".into(),
            to: "2025-01-01".into(),
            ..Default::default()
        };
        let errors = q
            .validate(d(2024, 1, 1), d(2026, 6, 30), &choices())
            .unwrap_err();
        assert_eq!(errors[0].field, "to");
    }

    #[test]
    fn filters_round_trip_through_their_query() {
        let q = DashboardQuery {
            from: "2025-01-01".into(),
            to: "2025-12-31".into(),
            municipality: "Puerto Rico".into(),
            donor: "3".into(),
        };
        let f = q
            .validate(d(2024, 1, 1), d(2026, 6, 30), &choices())
            .unwrap();
        assert_eq!(f.to_query(), q);
        assert_eq!(
            q.to_query(),
            "from=2025-01-01&to=2025-12-31&municipality=Puerto%20Rico&donor=3"
        );
    }

    #[test]
    fn a_place_is_illicit_free_reducing_or_not_by_its_illicit_hectares() {
        assert_eq!(
            PlaceStatus::of(Some(dec!(2)), Some(dec!(0))),
            PlaceStatus::IllicitFree
        );
        assert_eq!(
            PlaceStatus::of(Some(dec!(2)), Some(dec!(1.5))),
            PlaceStatus::Reducing
        );
        assert_eq!(
            PlaceStatus::of(Some(dec!(2)), Some(dec!(2))),
            PlaceStatus::NotReducing
        );
        assert_eq!(
            PlaceStatus::of(None, Some(dec!(1))),
            PlaceStatus::NotReducing
        );
        assert_eq!(PlaceStatus::of(Some(dec!(1)), None), PlaceStatus::NoRecords);
    }

    fn record(plot: i64, on: NaiveDate, illicit: bool, hectares: Decimal) -> PlotRecord {
        PlotRecord {
            plot_id: plot,
            household_id: plot,
            observed_on: on,
            crop: PlotCrop::from_code(if illicit { "coca_bush" } else { "cocoa" }).unwrap(),
            hectares,
        }
    }

    #[test]
    fn a_plot_first_recorded_within_the_period_starts_from_its_first_record() {
        let records = [
            record(1, d(2024, 12, 1), true, dec!(2)),
            record(1, d(2025, 8, 1), true, dec!(0.5)),
            // First seen in the period, with 1 ha that is still there at its end.
            record(2, d(2025, 3, 1), true, dec!(1)),
            // Recorded only after the period: not counted.
            record(3, d(2026, 2, 1), true, dec!(9)),
        ];
        assert_eq!(
            illicit_span(&records, d(2025, 1, 1), d(2025, 12, 31)),
            (Some(dec!(3)), Some(dec!(1.5)))
        );
        assert_eq!(
            illicit_span(&records[3..], d(2025, 1, 1), d(2025, 12, 31)),
            (None, None)
        );
    }

    fn project(visits: Vec<VisitFacts>) -> ProjectRecords {
        ProjectRecords {
            project: crate::donor_report::ReportProject {
                id: 1,
                name: "Cacao".into(),
                country: "CO".into(),
                start_date: d(2025, 1, 1),
                end_date: d(2027, 12, 31),
                municipalities: vec![],
                communities: 0,
            },
            digests: RecordsDigest::by_community(&crate::computed::RecordFacts {
                currency: "COP".into(),
                households: (1..=6)
                    .map(|id| crate::computed::HouseholdFacts {
                        id,
                        community_id: 1,
                        head_sex: crate::indicator::Sex::Female,
                        head_age_band: crate::indicator::AgeBand::From30To59,
                        indigenous: false,
                        members: Default::default(),
                        enrolled_on: d(2024, 1, 1),
                        history: vec![],
                    })
                    .collect(),
                visits,
                ..Default::default()
            })
            .into_iter()
            .map(std::sync::Arc::new)
            .collect(),
            results: vec![],
            indicators: vec![],
            currency: "COP".into(),
            area: None,
            communities: vec![],
        }
    }

    #[test]
    fn observed_income_is_the_sales_per_household_visited_and_withheld_under_five() {
        let visit = |h: i64, on: NaiveDate, sold: Option<Decimal>| VisitFacts {
            household_id: h,
            visited_on: on,
            sales: sold.map(|s| ("COP".to_owned(), s)),
        };
        let mut visits: Vec<VisitFacts> = (1..=5)
            .map(|h| visit(h, d(2025, 2, 10), Some(Decimal::from(h * 100))))
            .collect();
        // A sixth household visited without sales counts as visited, selling nothing.
        visits.push(visit(6, d(2025, 3, 1), None));
        // Only two households visited in the second quarter: withheld.
        visits.push(visit(1, d(2025, 5, 1), Some(dec!(700))));
        visits.push(visit(2, d(2025, 5, 2), Some(dec!(900))));
        let series = income_over_time(&[], &[project(visits)], d(2025, 1, 1), d(2025, 6, 30));
        assert_eq!(series.len(), 1);
        let q = &series[0].points;
        assert_eq!(q[0].observed, Some(dec!(250)));
        assert_eq!(q[0].households_visited, 6);
        assert_eq!(q[0].planned, None);
        assert_eq!((q[1].observed, q[1].observed_withheld), (None, true));
        assert_eq!(q[1].households_visited, 0);
    }

    #[test]
    fn planned_income_is_weighted_by_the_households_of_each_plan() {
        let plan = |id: i64, households: i64, price: Decimal| LivelihoodPlan {
            id,
            project_id: 1,
            community_id: None,
            name: format!("Plan {id}"),
            households,
            illicit_income_monthly: dec!(1000),
            currency: "COP".into(),
            eradication_month: d(2025, 1, 1),
            horizon_months: 24,
            value_chains: vec![crate::livelihood::ValueChain {
                crop: crate::crop::AlternativeCrop::Cocoa,
                hectares: dec!(1),
                planting_month: d(2025, 1, 1),
                // 1,200 kg a year: 100 kg a month.
                yield_curve: vec![dec!(1200)],
                price_per_kg: price,
                market_channel: crate::livelihood::MarketChannel::Cooperative,
                certification: None,
            }],
        };
        // 100 kg a month at 2 and at 5: 600 and 1,500 a quarter; weighted 1:3 → 1,275.
        let plans = [plan(1, 10, dec!(2)), plan(2, 30, dec!(5))];
        let series = income_over_time(&plans, &[], d(2025, 1, 1), d(2025, 3, 31));
        let p = &series[0].points[0];
        assert_eq!(p.planned, Some(dec!(1275)));
        assert_eq!(p.households_planned, 40);
        assert_eq!(p.observed, None);
    }

    #[test]
    fn a_quarter_starts_on_its_first_day_but_not_before_the_period() {
        assert_eq!(quarter_start(d(2025, 6, 30), d(2024, 1, 1)), d(2025, 4, 1));
        assert_eq!(
            quarter_start(d(2025, 6, 30), d(2025, 5, 10)),
            d(2025, 5, 10)
        );
    }
}
