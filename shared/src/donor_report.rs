//! Donor reports: for a donor, one of its agreements or a set of projects, and a period, the
//! figures a donor asks for — a summary of who takes part and what changed on the plots, the
//! results table (baseline, target, actual and % of target, by sex and age band), a funding
//! statement per agreement in the agreement's currency, the series the charts draw, a map of the
//! project areas and communities, and the narrative sections officers write. Worked out here
//! from the raw records, so the same rules make every output (page, HTML, PDF, XLSX, CSV), and a
//! report once issued is kept as it was.
//!
//! Protection: no person is named, no household or plot point is placed; counts of fewer than
//! five people or households are withheld ([`crate::protection`]), and the report says how many.

use crate::digest::{
    Delivered, Land, People, Pledges, RecordsDigest, Tally, eradication_series, hectares_series,
};
use crate::funding::{FundingPoint, TransactionKind, funding_over_time, money_of};
use crate::funding_agreement::{FundingAgreement, Tranche, Transaction};
use crate::fx::{NoRate, RateTable, Total, total_in};
use crate::i18n::{Locale, Msg};
use crate::indicator::{AgeBand, Sex, Unit};
use crate::outcomes::{EradicationPoint, HectaresPoint};
use crate::protection::protect;
use crate::results::{Indicator, ResultLevel, ResultNode};
use crate::validation::{Collector, FieldError, Problem};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The longest title.
pub const TITLE_MAX: u32 = 200;
/// The longest narrative section, in characters.
pub const NARRATIVE_MAX: u32 = 20_000;

/// What a report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ReportScope {
    /// Every project a donor funds, and the donor's agreements.
    Donor,
    /// One agreement: the projects it earmarks, and it alone.
    Agreement,
    /// A set of projects, with the agreements earmarked to them.
    Projects,
}

impl ReportScope {
    /// Every scope, in the order the form offers them.
    pub const ALL: [ReportScope; 3] = [
        ReportScope::Donor,
        ReportScope::Agreement,
        ReportScope::Projects,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            ReportScope::Donor => "donor",
            ReportScope::Agreement => "agreement",
            ReportScope::Projects => "projects",
        }
    }

    /// Reads a code.
    pub fn from_code(code: &str) -> Option<ReportScope> {
        ReportScope::ALL
            .into_iter()
            .find(|s| s.code() == code.trim())
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        locale.t(match self {
            ReportScope::Donor => Msg::ReportScopeDonor,
            ReportScope::Agreement => Msg::ReportScopeAgreement,
            ReportScope::Projects => Msg::ReportScopeProjects,
        })
    }
}

/// The new-report form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportForm {
    /// The title on the cover.
    pub title: String,
    /// `donor`, `agreement` or `projects`.
    pub scope: String,
    /// The donor (scope `donor`).
    #[serde(default)]
    pub donor_id: String,
    /// The agreement (scope `agreement`).
    #[serde(default)]
    pub agreement_id: String,
    /// The projects (scope `projects`).
    #[serde(default)]
    pub project_ids: Vec<String>,
    /// The period's first day.
    pub period_start: String,
    /// The period's last day.
    pub period_end: String,
    /// The report's language (`en`, `es`).
    #[serde(default)]
    pub language: String,
}

/// A valid request for a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSpec {
    /// The title on the cover.
    pub title: String,
    /// What it covers.
    pub scope: ReportScope,
    /// The donor (scope `donor`).
    pub donor_id: Option<i64>,
    /// The agreement (scope `agreement`).
    pub agreement_id: Option<i64>,
    /// The projects (scope `projects`).
    pub project_ids: Vec<i64>,
    /// The period's first day.
    pub period_start: NaiveDate,
    /// The period's last day.
    pub period_end: NaiveDate,
    /// The report's language (`en`, `es`).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub language: Locale,
}

fn id_of(field: &str, raw: &str) -> Result<i64, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| FieldError::new(field, Problem::UnknownChoice))
}

impl ReportForm {
    /// Reads a posted form (`project_ids` may come several times).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut form = ReportForm::default();
        for (key, value) in pairs {
            let value = value.to_owned();
            match key {
                "title" => form.title = value,
                "scope" => form.scope = value,
                "donor_id" => form.donor_id = value,
                "agreement_id" => form.agreement_id = value,
                "project_ids" => form.project_ids.push(value),
                "period_start" => form.period_start = value,
                "period_end" => form.period_end = value,
                "language" => form.language = value,
                _ => {}
            }
        }
        form
    }

    /// Checks every field; each problem names its field.
    pub fn validate(&self) -> Result<ReportSpec, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let title = ok.take(crate::validation::required_line(
            "title",
            &self.title,
            TITLE_MAX,
        ));
        let scope = ok.take(
            ReportScope::from_code(&self.scope)
                .ok_or_else(|| FieldError::new("scope", Problem::UnknownChoice)),
        );
        let (mut donor_id, mut agreement_id, mut project_ids) = (None, None, Vec::new());
        match scope {
            Some(ReportScope::Donor) => donor_id = ok.take(id_of("donor_id", &self.donor_id)),
            Some(ReportScope::Agreement) => {
                agreement_id = ok.take(id_of("agreement_id", &self.agreement_id));
            }
            Some(ReportScope::Projects) => {
                for raw in self.project_ids.iter().filter(|r| !r.trim().is_empty()) {
                    if let Some(id) = ok.take(id_of("project_ids", raw))
                        && !project_ids.contains(&id)
                    {
                        project_ids.push(id);
                    }
                }
                if project_ids.is_empty() && !errors.iter().any(|e| e.field == "project_ids") {
                    errors.push(FieldError::new("project_ids", Problem::AtLeastOne));
                }
            }
            None => {}
        }
        let mut ok = Collector(&mut errors);
        let start = ok.take(crate::validation::date("period_start", &self.period_start));
        let end = ok.take(crate::validation::date("period_end", &self.period_end));
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            errors.push(FieldError::new("period_end", Problem::EndNotAfterStart));
        }
        let language = if self.language.trim().is_empty() {
            Some(Locale::En)
        } else {
            Locale::from_code(&self.language)
        };
        if language.is_none() {
            errors.push(FieldError::new("language", Problem::UnknownChoice));
        }
        match (title, scope, start, end, language) {
            (Some(title), Some(scope), Some(period_start), Some(period_end), Some(language))
                if errors.is_empty() =>
            {
                Ok(ReportSpec {
                    title,
                    scope,
                    donor_id,
                    agreement_id,
                    project_ids,
                    period_start,
                    period_end,
                    language,
                })
            }
            _ => Err(errors),
        }
    }
}

impl ReportSpec {
    /// The form that makes this request again.
    pub fn to_form(&self) -> ReportForm {
        ReportForm {
            title: self.title.clone(),
            scope: self.scope.code().to_owned(),
            donor_id: self.donor_id.map(|i| i.to_string()).unwrap_or_default(),
            agreement_id: self.agreement_id.map(|i| i.to_string()).unwrap_or_default(),
            project_ids: self.project_ids.iter().map(|i| i.to_string()).collect(),
            period_start: self.period_start.to_string(),
            period_end: self.period_end.to_string(),
            language: self.language.code().to_owned(),
        }
    }
}

/// A narrative section officers write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum NarrativeSection {
    /// The context of the period (security, markets, weather).
    Context,
    /// Progress against the plan.
    Progress,
    /// Difficulties and how they were met.
    Challenges,
    /// What comes next.
    NextSteps,
}

impl NarrativeSection {
    /// Every section, in the report's order.
    pub const ALL: [NarrativeSection; 4] = [
        NarrativeSection::Context,
        NarrativeSection::Progress,
        NarrativeSection::Challenges,
        NarrativeSection::NextSteps,
    ];

    /// The stable code, also the form field's name.
    pub fn code(self) -> &'static str {
        match self {
            NarrativeSection::Context => "context",
            NarrativeSection::Progress => "progress",
            NarrativeSection::Challenges => "challenges",
            NarrativeSection::NextSteps => "next_steps",
        }
    }

    /// The section's heading.
    pub fn title(self, locale: Locale) -> &'static str {
        locale.t(self.heading())
    }

    /// The section's heading as a message.
    pub fn heading(self) -> Msg {
        match self {
            NarrativeSection::Context => Msg::NarrativeContext,
            NarrativeSection::Progress => Msg::NarrativeProgress,
            NarrativeSection::Challenges => Msg::NarrativeChallenges,
            NarrativeSection::NextSteps => Msg::NarrativeNextSteps,
        }
    }
}

/// One written section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Narrative {
    /// The section.
    pub section: NarrativeSection,
    /// What was written (line breaks kept).
    pub text: String,
}

/// The narrative form: a text per section code (`context`, `progress`, …); missing ones are
/// empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NarrativesForm {
    /// The texts by section code.
    pub sections: std::collections::BTreeMap<String, String>,
}

impl NarrativesForm {
    /// Reads a posted form: each section's text under its code.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        NarrativesForm {
            sections: pairs
                .into_iter()
                .filter(|(k, _)| NarrativeSection::ALL.iter().any(|s| s.code() == *k))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        }
    }

    /// The form showing these sections.
    pub fn of(narratives: &[Narrative]) -> NarrativesForm {
        NarrativesForm {
            sections: narratives
                .iter()
                .map(|n| (n.section.code().to_owned(), n.text.clone()))
                .collect(),
        }
    }

    /// The written sections in the report's order; an unknown section or a text too long is a
    /// field error naming the section.
    pub fn validate(&self) -> Result<Vec<Narrative>, Vec<FieldError>> {
        let mut errors = Vec::new();
        for code in self.sections.keys() {
            if !NarrativeSection::ALL.iter().any(|s| s.code() == code) {
                errors.push(FieldError::new(code, Problem::UnknownChoice));
            }
        }
        let mut out = Vec::new();
        for section in NarrativeSection::ALL {
            let raw = self.sections.get(section.code()).map_or("", String::as_str);
            match crate::validation::optional_text(section.code(), raw, NARRATIVE_MAX) {
                Ok(Some(text)) => out.push(Narrative { section, text }),
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }
}

/// A figure split by sex and by age band, each part shown or withheld (`None`) by the protection
/// rule. A part is also `None` when the records do not split the figure that way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Breakdown {
    /// The total; `None` when withheld.
    pub total: Option<Decimal>,
    /// Women and girls.
    pub female: Option<Decimal>,
    /// Men and boys.
    pub male: Option<Decimal>,
    /// By age band, in [`AgeBand::ALL`]'s order.
    pub ages: Vec<Option<Decimal>>,
    /// Whether the figure was split by sex at all.
    pub by_sex: bool,
    /// Whether the figure was split by age band at all.
    pub by_age: bool,
    /// How many of its values were withheld.
    pub withheld: u32,
}

impl Breakdown {
    /// The figure `total` split as `by_sex` (female, male) and `by_age` say, protected when
    /// `unit` counts people or households.
    pub fn of(
        unit: Unit,
        total: Decimal,
        by_sex: Option<[Decimal; 2]>,
        by_age: Option<[Decimal; 4]>,
    ) -> Breakdown {
        let whole = protect(unit, total, &[]);
        let mut withheld = u32::try_from(whole.withheld).unwrap_or(u32::MAX);
        let mut out = Breakdown {
            total: whole.total,
            by_sex: by_sex.is_some(),
            by_age: by_age.is_some(),
            ages: vec![None; 4],
            ..Breakdown::default()
        };
        if let Some(sexes) = by_sex {
            let p = protect(unit, total, &sexes);
            if whole.total.is_some() {
                withheld += u32::try_from(p.withheld).unwrap_or(u32::MAX);
            }
            out.female = p.cells[0].filter(|_| whole.total.is_some());
            out.male = p.cells[1].filter(|_| whole.total.is_some());
        }
        if let Some(ages) = by_age {
            let p = protect(unit, total, &ages);
            if whole.total.is_some() {
                withheld += u32::try_from(p.withheld).unwrap_or(u32::MAX);
            }
            out.ages = p
                .cells
                .into_iter()
                .map(|c| c.filter(|_| whole.total.is_some()))
                .collect();
        }
        out.withheld = withheld;
        out
    }
}

/// A project the report covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportProject {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its country (ISO code).
    pub country: String,
    /// Its dates.
    pub start_date: NaiveDate,
    /// Its dates.
    pub end_date: NaiveDate,
    /// Its municipalities (the finest place a donor output names), sorted.
    pub municipalities: Vec<String>,
    /// How many communities it works in.
    pub communities: u32,
}

/// The summary figures, each for the report's period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSummary {
    /// Households taking part on the period's last day, by the sex of their head (`ages`: the
    /// head's age band).
    pub households: Breakdown,
    /// The people in those households: the beneficiaries, by sex and age band.
    pub beneficiaries: Breakdown,
    /// Hectares of illicit crops on the plots on the period's first day.
    pub illicit_start: Decimal,
    /// …and on its last day.
    pub illicit_end: Decimal,
    /// Hectares of licit crops on the period's first day.
    pub licit_start: Decimal,
    /// …and on its last day.
    pub licit_end: Decimal,
    /// Eradication agreements signed in the period.
    pub agreements_signed: u32,
    /// Hectares committed in them.
    pub committed_hectares: Decimal,
    /// Hectares verified eradicated in the period (the change in the agreements' verified
    /// hectares from the day before the period to its last day).
    pub verified_hectares: Decimal,
    /// Verification visits in the period that found replanting.
    pub replanting_found: u32,
    /// Support delivered in the period, by currency: (currency, total, to women-headed
    /// households, to men-headed households).
    pub support: Vec<SupportTotal>,
}

/// Support delivered in one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportTotal {
    /// The currency.
    pub currency: String,
    /// Everything delivered.
    pub total: Decimal,
    /// To households headed by a woman.
    pub women_headed: Decimal,
    /// To households headed by a man.
    pub men_headed: Decimal,
}

/// A row of the results table: one indicator in one of its reporting periods.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultRow {
    /// The project.
    pub project: String,
    /// The result's level.
    pub level: ResultLevel,
    /// The result's statement.
    pub result: String,
    /// The indicator.
    pub indicator: String,
    /// Its unit as written (`ha`, `households`, `COP`).
    pub unit: String,
    /// Its baseline: (year, value).
    pub baseline: Option<(i32, Decimal)>,
    /// The reporting period's code.
    pub period: String,
    /// The reporting period's first day.
    pub period_start: NaiveDate,
    /// The reporting period's last day.
    pub period_end: NaiveDate,
    /// The target for the period.
    pub target: Option<Decimal>,
    /// The approved actual; `None` when none was approved.
    pub actual: Option<Breakdown>,
    /// How far the actual has come towards the target, in per cent to one decimal, by the
    /// results framework's rule (a reduction counts the share of the planned fall); `None`
    /// without both, or when the actual is withheld.
    pub percent_of_target: Option<Decimal>,
}

/// A conversion a funding statement used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateNote {
    /// The rate as the report writes it, with its source and day.
    pub text: String,
}

/// One agreement's money, in its currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundingStatement {
    /// The agreement's id.
    pub agreement_id: i64,
    /// Its title.
    pub title: String,
    /// Its reference, if any.
    pub reference: Option<String>,
    /// Its donor.
    pub donor: String,
    /// Its currency: every amount below is in it.
    pub currency: String,
    /// The agreement's amount.
    pub amount: Decimal,
    /// Its dates.
    pub start_date: NaiveDate,
    /// Its dates.
    pub end_date: NaiveDate,
    /// The figures; `None` when an amount could not be converted (see `missing_rate`).
    pub figures: Option<StatementFigures>,
    /// The amount with no rate, when one had none.
    pub missing_rate: Option<NoRate>,
    /// The rates used.
    pub rates: Vec<RateNote>,
    /// Tranches due in the period: (due day, amount).
    pub tranches_due: Vec<(NaiveDate, Decimal)>,
    /// Cumulative figures quarter by quarter up to the period's end (for the chart).
    pub over_time: Vec<FundingPoint>,
}

/// The money of an agreement in the period and up to its end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementFigures {
    /// Committed up to the period's end.
    pub committed_to_date: Decimal,
    /// Disbursed (incoming funds and disbursements) in the period.
    pub disbursed_in_period: Decimal,
    /// …up to the period's end.
    pub disbursed_to_date: Decimal,
    /// Spent (expenditure) in the period.
    pub spent_in_period: Decimal,
    /// …up to the period's end.
    pub spent_to_date: Decimal,
    /// Disbursed but not spent by the period's end.
    pub balance: Decimal,
    /// The agreement's amount not yet disbursed by the period's end.
    pub to_disburse: Decimal,
    /// Tranches due in the period, added up.
    pub due_in_period: Decimal,
}

/// A project area as the report's map draws it: rings of (longitude, latitude).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportArea {
    /// The project's name.
    pub label: String,
    /// Polygons, each a list of rings.
    pub polygons: Vec<Vec<Vec<(f64, f64)>>>,
}

/// The report's map: project areas and community points — never a household's or a plot's.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportMap {
    /// The areas.
    pub areas: Vec<ReportArea>,
    /// The communities' points (longitude, latitude), unnamed.
    pub communities: Vec<(f64, f64)>,
}

/// When and by whom a report was issued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Issued {
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Who.
    pub by: String,
}

/// A donor report, as worked out (a draft) or as issued.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DonorReport {
    /// What was asked for.
    pub spec: ReportSpec,
    /// The organisation reporting.
    pub organisation: String,
    /// The donor reported to, when there is one.
    pub donor: Option<String>,
    /// When the figures were worked out.
    pub worked_out_at: DateTime<Utc>,
    /// Set once issued.
    pub issued: Option<Issued>,
    /// The projects covered.
    pub projects: Vec<ReportProject>,
    /// The summary.
    pub summary: ReportSummary,
    /// The results table.
    pub results: Vec<ResultRow>,
    /// A funding statement per agreement.
    pub funding: Vec<FundingStatement>,
    /// Hectares on the plots quarter by quarter in the period.
    pub hectares: Vec<HectaresPoint>,
    /// Eradication agreements quarter by quarter in the period.
    pub eradication: Vec<EradicationPoint>,
    /// The map.
    pub map: ReportMap,
    /// The narrative sections.
    pub narratives: Vec<Narrative>,
    /// How many values the protection rule withheld in the whole report.
    pub withheld: u32,
}

/// One project's records, as the report needs them.
#[derive(Clone, Debug)]
pub struct ProjectRecords {
    /// The project.
    pub project: ReportProject,
    /// Its field records, a digest per community ([`crate::digest`]).
    pub digests: Vec<std::sync::Arc<RecordsDigest>>,
    /// Its results.
    pub results: Vec<ResultNode>,
    /// Its indicators, each with its actuals' revisions.
    pub indicators: Vec<(Indicator, Vec<crate::actuals::Actual>)>,
    /// Its currency (the unit of its money indicators).
    pub currency: String,
    /// Its area, if drawn.
    pub area: Option<ReportArea>,
    /// Its communities.
    pub communities: Vec<CommunityPlace>,
}

/// A community as reports and dashboards place it.
#[derive(Clone, Debug, PartialEq)]
pub struct CommunityPlace {
    /// Its id.
    pub id: i64,
    /// Its municipality, if recorded.
    pub municipality: Option<String>,
    /// Its point (longitude, latitude), if recorded.
    pub point: Option<(f64, f64)>,
}

/// One agreement, with its tranches and transactions.
#[derive(Clone, Debug)]
pub struct AgreementRecords {
    /// The agreement.
    pub agreement: FundingAgreement,
    /// Its planned tranches.
    pub tranches: Vec<Tranche>,
    /// The transactions recorded under it.
    pub transactions: Vec<Transaction>,
}

/// Everything a report is worked out from.
#[derive(Clone, Debug)]
pub struct ReportInput {
    /// What was asked for.
    pub spec: ReportSpec,
    /// The organisation's name.
    pub organisation: String,
    /// The donor's name, when the report has one donor.
    pub donor: Option<String>,
    /// The projects.
    pub projects: Vec<ProjectRecords>,
    /// The agreements.
    pub agreements: Vec<AgreementRecords>,
    /// The organisation's exchange rates.
    pub rates: RateTable,
    /// The narratives saved with the report.
    pub narratives: Vec<Narrative>,
    /// Now.
    pub now: DateTime<Utc>,
}

/// An approved actual's cells added up by sex and by age band; `None` for a split the cells do
/// not make.
fn splits(cells: &[crate::actuals::CellValue]) -> (Option<[Decimal; 2]>, Option<[Decimal; 4]>) {
    let by_sex = cells.iter().all(|c| c.cell.sex.is_some()) && !cells.is_empty();
    let by_age = cells.iter().all(|c| c.cell.age.is_some()) && !cells.is_empty();
    let sexes = by_sex.then(|| {
        Sex::ALL.map(|s| {
            cells
                .iter()
                .filter(|c| c.cell.sex == Some(s))
                .map(|c| c.value)
                .sum()
        })
    });
    let ages = by_age.then(|| {
        AgeBand::ALL.map(|a| {
            cells
                .iter()
                .filter(|c| c.cell.age == Some(a))
                .map(|c| c.value)
                .sum()
        })
    });
    (sexes, ages)
}

fn result_rows(p: &ProjectRecords, spec: &ReportSpec) -> Vec<ResultRow> {
    let locale = spec.language;
    let mut results = p.results.clone();
    results.sort_by_key(|r| {
        (
            ResultLevel::ALL.iter().position(|l| *l == r.level),
            r.position,
            r.id,
        )
    });
    let mut rows = Vec::new();
    for result in &results {
        for (indicator, revisions) in p
            .indicators
            .iter()
            .filter(|(i, _)| i.result_id == result.id)
        {
            for period in indicator.periods(p.project.start_date, p.project.end_date) {
                if period.end < spec.period_start || period.start > spec.period_end {
                    continue;
                }
                let target = indicator.target(&period.code);
                let actual = crate::actuals::approved_revision(revisions, &period.code);
                let breakdown = actual.map(|a| {
                    let (sexes, ages) = splits(&a.actual.cells);
                    Breakdown::of(indicator.unit, a.actual.total, sexes, ages)
                });
                let percent = match (&breakdown, target) {
                    (Some(b), Some(t)) => b.total.and_then(|a| {
                        crate::results::percent_of_target(indicator.baseline_value, t, a)
                    }),
                    _ => None,
                };
                rows.push(ResultRow {
                    project: p.project.name.clone(),
                    level: result.level,
                    result: result.statement.clone(),
                    indicator: indicator.display_name(locale).to_owned(),
                    unit: indicator.unit.label(locale, &p.currency),
                    baseline: indicator
                        .baseline_year
                        .filter(|y| *y > 0)
                        .zip(indicator.baseline_value),
                    period: period.code.clone(),
                    period_start: period.start,
                    period_end: period.end,
                    target,
                    actual: breakdown,
                    percent_of_target: percent,
                });
            }
        }
    }
    rows
}

fn summary_of(projects: &[ProjectRecords], spec: &ReportSpec) -> ReportSummary {
    let (start, end) = (spec.period_start, spec.period_end);
    let mut s = ReportSummary::default();
    let digests = || projects.iter().flat_map(|p| p.digests.iter().map(|d| &**d));
    let taking_part = digests().fold(People::default(), |sum, d| sum.plus(d.people.at(end)));
    let (land_start, land_end) = digests().fold((Land::default(), Land::default()), |(a, b), d| {
        (a.plus(d.land.at(start)), b.plus(d.land.at(end)))
    });
    s.illicit_start = land_start.illicit;
    s.licit_start = land_start.licit;
    s.illicit_end = land_end.illicit;
    s.licit_end = land_end.licit;
    let pledged = digests().fold(Pledges::default(), |sum, d| {
        sum.plus(d.pledges.between(start, end))
    });
    s.agreements_signed = u32::try_from(pledged.agreements).unwrap_or(0);
    s.committed_hectares = pledged.committed;
    s.verified_hectares = pledged.verified;
    s.replanting_found = u32::try_from(pledged.replanting).unwrap_or(0);
    let mut support: std::collections::BTreeMap<&str, Delivered> = Default::default();
    for (currency, delivered) in digests().flat_map(|d| d.support.iter()) {
        let sum = support.entry(currency.as_str()).or_default();
        *sum = sum.plus(delivered.between(start, end));
    }
    s.support = support
        .into_iter()
        .filter(|(_, d)| *d != Delivered::default())
        .map(|(currency, d)| SupportTotal {
            currency: currency.to_owned(),
            total: d.total,
            women_headed: d.women_headed,
            men_headed: d.men_headed,
        })
        .collect();
    let count = |n: i64| Decimal::from(n);
    s.households = Breakdown::of(
        Unit::Households,
        count(taking_part.households),
        Some(taking_part.heads_by_sex.map(count)),
        Some(taking_part.heads_by_age.map(count)),
    );
    s.beneficiaries = Breakdown::of(
        Unit::People,
        count(taking_part.people_by_sex().iter().sum()),
        Some(taking_part.people_by_sex().map(count)),
        Some(taking_part.people_by_age().map(count)),
    );
    s
}

fn statement_of(a: &AgreementRecords, spec: &ReportSpec, table: &RateTable) -> FundingStatement {
    let ag = &a.agreement;
    let (start, end) = (spec.period_start, spec.period_end);
    let currency = ag.currency.as_str();
    let mut rates: Vec<RateNote> = Vec::new();
    let mut note = |total: &Total| {
        for part in &total.parts {
            if part.rate.from != part.rate.to {
                let text = part.rate.describe(spec.language);
                if !rates.iter().any(|r| r.text == text) {
                    rates.push(RateNote { text });
                }
            }
        }
    };
    let sum = |kinds: &[TransactionKind], from: Option<NaiveDate>| -> Result<Total, NoRate> {
        let lines: Vec<(Decimal, &str, NaiveDate)> = a
            .transactions
            .iter()
            .filter(|t| kinds.contains(&t.kind))
            .filter(|t| t.value_date <= end && from.is_none_or(|f| t.value_date >= f))
            .map(|t| (t.amount, t.currency.as_str(), t.value_date))
            .collect();
        total_in(table, &lines, currency)
    };
    use TransactionKind::*;
    let figures = (|| -> Result<StatementFigures, NoRate> {
        let committed = sum(&[Commitment], None)?;
        let disbursed_in = sum(&[IncomingFunds, Disbursement], Some(start))?;
        let disbursed = sum(&[IncomingFunds, Disbursement], None)?;
        let spent_in = sum(&[Expenditure], Some(start))?;
        let spent = sum(&[Expenditure], None)?;
        for t in [&committed, &disbursed, &spent] {
            note(t);
        }
        let due_in_period = a
            .tranches
            .iter()
            .filter(|t| t.due_date >= start && t.due_date <= end)
            .map(|t| t.amount)
            .sum();
        Ok(StatementFigures {
            committed_to_date: committed.amount,
            disbursed_in_period: disbursed_in.amount,
            disbursed_to_date: disbursed.amount,
            spent_in_period: spent_in.amount,
            spent_to_date: spent.amount,
            balance: disbursed.amount - spent.amount,
            to_disburse: ag.amount - disbursed.amount,
            due_in_period,
        })
    })();
    let up_to_end = a.transactions.iter().filter(|t| t.value_date <= end);
    let over_time = funding_over_time(&money_of(up_to_end), currency, table, end)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.end >= start)
        .collect();
    let (figures, missing_rate) = match figures {
        Ok(f) => (Some(f), None),
        Err(missing) => (None, Some(missing)),
    };
    FundingStatement {
        agreement_id: ag.id,
        title: ag.title.clone(),
        reference: ag.reference.clone(),
        donor: ag.donor_name.clone(),
        currency: ag.currency.clone(),
        amount: ag.amount,
        start_date: ag.start_date,
        end_date: ag.end_date,
        figures,
        missing_rate,
        rates,
        tranches_due: a
            .tranches
            .iter()
            .filter(|t| t.due_date >= start && t.due_date <= end)
            .map(|t| (t.due_date, t.amount))
            .collect(),
        over_time,
    }
}

/// Works out the report.
pub fn donor_report(input: &ReportInput) -> DonorReport {
    let spec = &input.spec;
    let summary = summary_of(&input.projects, spec);
    let results: Vec<ResultRow> = input
        .projects
        .iter()
        .flat_map(|p| result_rows(p, spec))
        .collect();
    let funding: Vec<FundingStatement> = input
        .agreements
        .iter()
        .map(|a| statement_of(a, spec, &input.rates))
        .collect();
    let digests = input
        .projects
        .iter()
        .flat_map(|p| p.digests.iter().map(|d| &**d));
    let withheld = summary.households.withheld
        + summary.beneficiaries.withheld
        + results
            .iter()
            .filter_map(|r| r.actual.as_ref())
            .map(|b| b.withheld)
            .sum::<u32>();
    DonorReport {
        spec: spec.clone(),
        organisation: input.organisation.clone(),
        donor: input.donor.clone(),
        worked_out_at: input.now,
        issued: None,
        projects: input.projects.iter().map(|p| p.project.clone()).collect(),
        summary,
        results,
        funding,
        hectares: hectares_series(digests.clone(), spec.period_start, spec.period_end),
        eradication: eradication_series(digests, spec.period_start, spec.period_end),
        map: ReportMap {
            areas: input
                .projects
                .iter()
                .filter_map(|p| p.area.clone())
                .collect(),
            communities: input
                .projects
                .iter()
                .flat_map(|p| p.communities.iter().filter_map(|c| c.point))
                .collect(),
        },
        narratives: input.narratives.clone(),
        withheld,
    }
}

/// A saved report as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSummaryRow {
    /// Its id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// What it covers, as written.
    pub scope: ReportScope,
    /// The period's first day.
    pub period_start: NaiveDate,
    /// The period's last day.
    pub period_end: NaiveDate,
    /// When it was issued, if it was.
    pub issued_at: Option<DateTime<Utc>>,
    /// Who made it.
    pub created_by: String,
}

/// The saved reports and what the reader may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportList {
    /// The reports, newest first.
    pub reports: Vec<ReportSummaryRow>,
    /// Whether the reader may make reports.
    pub can_create: bool,
}

/// A saved report with what the reader may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedReport {
    /// Its id.
    pub id: i64,
    /// The report: worked out now for a draft, as issued once issued.
    pub report: DonorReport,
    /// Whether the reader may write its narratives and issue it (drafts only).
    pub can_edit: bool,
}

/// The choices the new-report form offers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportChoices {
    /// Donors: (id, name).
    pub donors: Vec<(i64, String)>,
    /// Agreements: (id, title with its donor).
    pub agreements: Vec<(i64, String)>,
    /// Projects: (id, name).
    pub projects: Vec<(i64, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actuals::{Actual, CellValue, NewActual};
    use crate::computed::{AgreementFacts, HouseholdFacts, PlotRecord};
    use crate::household::Members;
    use crate::indicator::Cell;
    use rust_decimal::dec;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn spec() -> ReportSpec {
        ReportForm {
            title: "Annual report 2025".into(),
            scope: "projects".into(),
            project_ids: vec!["1".into()],
            period_start: "2025-01-01".into(),
            period_end: "2025-12-31".into(),
            language: "en".into(),
            ..ReportForm::default()
        }
        .validate()
        .unwrap()
    }

    #[test]
    fn the_form_names_each_field_it_cannot_take() {
        let errors = ReportForm {
            title: " ".into(),
            scope: "projects".into(),
            period_start: "2025-12-31".into(),
            period_end: "2025-01-01".into(),
            language: "fr".into(),
            ..ReportForm::default()
        }
        .validate()
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["title", "project_ids", "period_end", "language"],
            "{errors:?}"
        );
        let errors = ReportForm {
            title: "T".into(),
            scope: "donor".into(),
            donor_id: "x".into(),
            period_start: "2025-01-01".into(),
            period_end: "2025-01-01".into(),
            ..ReportForm::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors[0].field, "donor_id");
        assert_eq!(spec().to_form().validate().unwrap(), spec());
    }

    #[test]
    fn narratives_keep_their_order_and_refuse_an_unknown_section() {
        let mut form = NarrativesForm::default();
        form.sections
            .insert("progress".into(), "Cocoa took.\r\nWell.".into());
        form.sections.insert("context".into(), "Rains.".into());
        form.sections.insert("challenges".into(), "  ".into());
        let n = form.validate().unwrap();
        assert_eq!(n.len(), 2);
        assert_eq!(n[0].section, NarrativeSection::Context);
        assert_eq!(n[1].text, "Cocoa took.\nWell.");
        form.sections.insert("gossip".into(), "x".into());
        assert_eq!(form.validate().unwrap_err()[0].field, "gossip");
    }

    #[test]
    fn a_breakdown_withholds_small_counts_and_what_would_give_them_away() {
        let b = Breakdown::of(
            Unit::People,
            dec!(40),
            Some([dec!(37), dec!(3)]),
            Some([dec!(10), dec!(10), dec!(10), dec!(10)]),
        );
        assert_eq!(b.total, Some(dec!(40)));
        assert_eq!((b.female, b.male), (None, None));
        assert_eq!(b.ages, vec![Some(dec!(10)); 4]);
        assert_eq!(b.withheld, 2);
        let small = Breakdown::of(Unit::Households, dec!(3), Some([dec!(3), dec!(0)]), None);
        assert_eq!((small.total, small.female, small.male), (None, None, None));
        assert_eq!(small.withheld, 1);
        let hectares = Breakdown::of(Unit::Hectares, dec!(2.5), Some([dec!(1), dec!(1.5)]), None);
        assert_eq!(hectares.female, Some(dec!(1)));
        assert!(!hectares.by_age);
    }

    fn household(
        id: i64,
        sex: Sex,
        enrolled: NaiveDate,
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
            indigenous: false,
            members: m,
            enrolled_on: enrolled,
            history: Vec::new(),
        }
    }

    fn records() -> ProjectRecords {
        use crate::plot::PlotCrop;
        let mut households = Vec::new();
        for id in 1..=6 {
            let sex = if id <= 3 { Sex::Female } else { Sex::Male };
            households.push(household(
                id,
                sex,
                day(2024, 6, 1),
                &[
                    (Sex::Female, AgeBand::From30To59, 1),
                    (Sex::Male, AgeBand::Under18, 2),
                ],
            ));
        }
        // Enrolled after the period: not counted.
        households.push(household(7, Sex::Male, day(2026, 2, 1), &[]));
        let plot = |plot_id, on, crop, ha| PlotRecord {
            plot_id,
            household_id: 1,
            observed_on: on,
            crop,
            hectares: ha,
        };
        let plots = vec![
            plot(
                1,
                day(2024, 12, 1),
                PlotCrop::Illicit(crate::crop::IllicitCrop::CocaBush),
                dec!(2),
            ),
            plot(
                1,
                day(2025, 6, 1),
                PlotCrop::Licit(crate::crop::AlternativeCrop::Cocoa),
                dec!(2),
            ),
            plot(
                2,
                day(2025, 3, 1),
                PlotCrop::Illicit(crate::crop::IllicitCrop::CocaBush),
                dec!(1.5),
            ),
        ];
        let agreements = vec![AgreementFacts {
            household_id: 1,
            signed_on: day(2025, 2, 1),
            committed_hectares: dec!(2),
            verifications: Vec::new(),
        }];
        ProjectRecords {
            project: ReportProject {
                id: 1,
                name: "Cacao del Guaviare".into(),
                country: "CO".into(),
                start_date: day(2024, 1, 1),
                end_date: day(2027, 12, 31),
                municipalities: vec!["San José del Guaviare".into()],
                communities: 2,
            },
            digests: RecordsDigest::by_community(&crate::computed::RecordFacts {
                currency: "COP".into(),
                households,
                plots,
                agreements,
                ..Default::default()
            })
            .into_iter()
            .map(std::sync::Arc::new)
            .collect(),
            results: Vec::new(),
            indicators: Vec::new(),
            currency: "COP".into(),
            area: None,
            communities: vec![CommunityPlace {
                id: 1,
                municipality: Some("Puerto Rico".into()),
                point: Some((-72.6, 2.5)),
            }],
        }
    }

    #[test]
    fn the_summary_counts_who_takes_part_at_the_end_and_what_changed_on_the_plots() {
        let input = ReportInput {
            spec: spec(),
            organisation: "Org".into(),
            donor: None,
            projects: vec![records()],
            agreements: Vec::new(),
            rates: RateTable::new(Vec::new()),
            narratives: Vec::new(),
            now: Utc::now(),
        };
        let r = donor_report(&input);
        let s = &r.summary;
        assert_eq!(s.households.total, Some(dec!(6)));
        // 3 women-headed, 3 men-headed: both withheld (1–4).
        assert_eq!((s.households.female, s.households.male), (None, None));
        assert_eq!(s.beneficiaries.total, Some(dec!(18)));
        assert_eq!(s.beneficiaries.female, Some(dec!(6)));
        assert_eq!(s.beneficiaries.male, Some(dec!(12)));
        // Plot 1 was coca (2 ha) on the first day; plot 2 had no record yet.
        assert_eq!((s.illicit_start, s.licit_start), (dec!(2), dec!(0)));
        assert_eq!((s.illicit_end, s.licit_end), (dec!(1.5), dec!(2)));
        assert_eq!((s.agreements_signed, s.committed_hectares), (1, dec!(2)));
        assert_eq!(r.hectares.len(), 4);
        assert!(r.withheld >= 2);
    }

    #[test]
    fn a_results_row_gives_the_target_the_approved_actual_and_its_share() {
        use crate::results::{Frequency, ResponsibleRole, Target};
        let mut p = records();
        p.results = vec![ResultNode {
            id: 10,
            project_id: 1,
            parent_id: None,
            level: ResultLevel::Outcome,
            code: None,
            statement: "Families grow licit crops".into(),
            position: 0,
        }];
        let indicator = Indicator {
            id: 20,
            project_id: 1,
            result_id: 10,
            library_code: None,
            name: Some("Households with cocoa".into()),
            unit: Unit::Households,
            baseline_value: Some(dec!(0)),
            baseline_year: Some(2024),
            disaggregation: crate::indicator::Disaggregation::Sex,
            data_source: None,
            frequency: Frequency::Annual,
            responsible_role: ResponsibleRole::MeOfficer,
            description: None,
            targets: vec![Target {
                period: "2025".into(),
                value: dec!(80),
            }],
        };
        let cell = |sex, value| CellValue {
            cell: Cell {
                sex: Some(sex),
                age: None,
                indigenous: None,
            },
            value,
        };
        let actual = Actual {
            id: 1,
            indicator_id: 20,
            revision: 1,
            status: crate::actuals::ActualStatus::Approved,
            actual: NewActual {
                period: "2025".into(),
                total: dec!(60),
                cells: vec![cell(Sex::Female, dec!(25)), cell(Sex::Male, dec!(35))],
                note: None,
            },
            superseded: false,
            events: Vec::new(),
        };
        p.indicators = vec![(indicator, vec![actual])];
        let rows = result_rows(&p, &spec());
        assert_eq!(rows.len(), 1, "only the 2025 period falls in the report");
        let row = &rows[0];
        assert_eq!(row.target, Some(dec!(80)));
        let actual = row.actual.as_ref().unwrap();
        assert_eq!(
            (actual.total, actual.female, actual.male),
            (Some(dec!(60)), Some(dec!(25)), Some(dec!(35)))
        );
        assert!(!actual.by_age);
        assert_eq!(row.percent_of_target, Some(dec!(75.0)));
        assert_eq!(row.baseline, Some((2024, dec!(0))));
    }
}
