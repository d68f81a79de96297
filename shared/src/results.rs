//! A project's results framework: the goal it contributes to, the outcomes under the goal and the
//! outputs under each outcome; the indicators that measure each result (picked from the built-in
//! [library](crate::indicator::LIBRARY) or defined by the user) with their unit, baseline,
//! disaggregation, data source, reporting frequency and responsible role; their targets per
//! reporting period; and the gaps a reviewer would flag before approving the framework
//! (resolution 75/198, paragraph 96: accurate, disaggregated and comparable data to measure the
//! effectiveness of programmes).

use crate::i18n::Locale;
use crate::indicator::{Disaggregation, Level, LibraryIndicator, Unit};
use crate::validation::{
    Collector, DATE_YEARS, FieldError, Problem, choice, optional_text, required_line, whole_number,
};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeMap, HashSet};

/// The most characters a result statement takes.
pub const STATEMENT_MAX: u32 = 1000;
/// The most characters a result's reference code ("1.2") takes.
pub const RESULT_CODE_MAX: u32 = 20;
/// The most characters an indicator's name takes.
pub const INDICATOR_NAME_MAX: u32 = 300;
/// The most characters an indicator's data source takes.
pub const DATA_SOURCE_MAX: u32 = 300;
/// The most characters an indicator's description takes.
pub const INDICATOR_DESCRIPTION_MAX: u32 = 2000;
/// The most target rows one form takes: every month of the longest span the product accepts
/// (1990–2100 is 1,332 months), so a monthly indicator of any project fits.
pub const TARGET_ROWS_MAX: u32 = 1400;
/// The code of the single reporting period of an indicator reported at the end of the project.
pub const END_OF_PROJECT_CODE: &str = "end";

/// Accepts text, a JSON number or `null` (read as empty) for a number or id field, kept as text
/// so that nothing typed is lost before validation.
pub(crate) fn number_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Int(i64),
        Float(f64),
        Null(()),
    }
    Ok(match Raw::deserialize(deserializer)? {
        Raw::Text(s) => s,
        Raw::Int(i) => i.to_string(),
        Raw::Float(f) => f.to_string(),
        Raw::Null(()) => String::new(),
    })
}

/// An optional single line of text: `None` when blank, otherwise like [`required_line`].
fn optional_line(field: &str, raw: &str, max: u32) -> Result<Option<String>, FieldError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    required_line(field, raw, max).map(Some)
}

/// A required text that may span lines: like [`optional_text`] but not empty.
fn required_text(field: &str, raw: &str, max: u32) -> Result<String, FieldError> {
    optional_text(field, raw, max)?.ok_or_else(|| FieldError::new(field, Problem::Required))
}

/// An optional record id: `None` when blank; a whole number otherwise; zero or negative names
/// no record, so it is [`Problem::UnknownReference`].
fn optional_id(field: &str, raw: &str) -> Result<Option<i64>, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let id: i64 = text
        .parse()
        .map_err(|_| FieldError::new(field, Problem::NotAWholeNumber))?;
    if id <= 0 {
        return Err(FieldError::new(field, Problem::UnknownReference));
    }
    Ok(Some(id))
}

/// A required record id, like [`optional_id`].
fn required_id(field: &str, raw: &str) -> Result<i64, FieldError> {
    optional_id(field, raw)?.ok_or_else(|| FieldError::new(field, Problem::Required))
}

/// The three levels of a results framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ResultLevel {
    /// The goal the project contributes to (one per project).
    Goal,
    /// A change the project brings about (in incomes, cultivation, forest...), under the goal.
    Outcome,
    /// What the project delivers (hectares planted, people trained...), under an outcome.
    Output,
}

impl ResultLevel {
    /// Every level, top first.
    pub const ALL: [ResultLevel; 3] =
        [ResultLevel::Goal, ResultLevel::Outcome, ResultLevel::Output];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            ResultLevel::Goal => "goal",
            ResultLevel::Outcome => "outcome",
            ResultLevel::Output => "output",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        ResultLevel::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The translated name (objetivo, resultado, producto: the words of results-based
    /// management in Latin America).
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (ResultLevel::Goal, Locale::En) => "Goal",
            (ResultLevel::Goal, Locale::Es) => "Objetivo",
            (ResultLevel::Outcome, Locale::En) => "Outcome",
            (ResultLevel::Outcome, Locale::Es) => "Resultado",
            (ResultLevel::Output, Locale::En) => "Output",
            (ResultLevel::Output, Locale::Es) => "Producto",
        }
    }

    /// The level a result of this level sits under; `None` for the goal.
    pub fn parent(self) -> Option<ResultLevel> {
        match self {
            ResultLevel::Goal => None,
            ResultLevel::Outcome => Some(ResultLevel::Goal),
            ResultLevel::Output => Some(ResultLevel::Outcome),
        }
    }

    /// The level of the results under this one; `None` for outputs.
    pub fn child(self) -> Option<ResultLevel> {
        match self {
            ResultLevel::Goal => Some(ResultLevel::Outcome),
            ResultLevel::Outcome => Some(ResultLevel::Output),
            ResultLevel::Output => None,
        }
    }
}

impl From<Level> for ResultLevel {
    fn from(level: Level) -> Self {
        match level {
            Level::Outcome => ResultLevel::Outcome,
            Level::Output => ResultLevel::Output,
        }
    }
}

/// A result as typed or sent, before validation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultForm {
    /// `goal`, `outcome` or `output`.
    pub level: String,
    /// The id of the result it sits under: the goal for an outcome, an outcome for an output;
    /// empty (or `null`) for the goal.
    #[serde(deserialize_with = "number_text")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "12"))]
    pub parent_id: String,
    /// Optional short reference, such as `1.2`; at most 20 characters.
    pub code: String,
    /// What the result is, such as "Families increase their licit income"; required, at most
    /// 1,000 characters.
    pub statement: String,
}

crate::text_form_from_pairs!(ResultForm {
    level,
    parent_id,
    code,
    statement
});

/// A valid new (or edited) result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewResult {
    /// Its level.
    pub level: ResultLevel,
    /// The result it sits under (`None` for the goal).
    pub parent_id: Option<i64>,
    /// The reference code, trimmed, if any.
    pub code: Option<String>,
    /// The statement, trimmed.
    pub statement: String,
}

impl ResultForm {
    /// Checks every field. `parent_level` is the level of the result named by `parent_id`, as
    /// the caller found it in this project; `None` when no parent was given or it is not one of
    /// this project's results (then a given `parent_id` is [`Problem::UnknownReference`]).
    /// A goal has no parent, an outcome sits under the goal, an output under an outcome
    /// ([`Problem::WrongLevel`] on `parent_id` otherwise, [`Problem::Required`] when missing).
    pub fn validate(
        &self,
        parent_level: Option<ResultLevel>,
    ) -> Result<NewResult, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let level = ok.take(choice("level", &self.level, ResultLevel::from_code));
        let parent_id = ok.take(optional_id("parent_id", &self.parent_id));
        let code = ok.take(optional_line("code", &self.code, RESULT_CODE_MAX));
        let statement = ok.take(required_text("statement", &self.statement, STATEMENT_MAX));
        let placement = match (parent_id, parent_level) {
            (Some(Some(_)), None) => Some(Problem::UnknownReference),
            (Some(Some(_)), Some(found)) => level
                .filter(|l| l.parent() != Some(found))
                .map(|_| Problem::WrongLevel),
            (Some(None), _) => level
                .filter(|l| l.parent().is_some())
                .map(|_| Problem::Required),
            (None, _) => None,
        };
        if let Some(problem) = placement {
            errors.push(FieldError::new("parent_id", problem));
        }
        match (level, parent_id, code, statement) {
            (Some(level), Some(parent_id), Some(code), Some(statement)) if errors.is_empty() => {
                Ok(NewResult {
                    level,
                    parent_id,
                    code,
                    statement,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A stored result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultNode {
    /// Id.
    pub id: i64,
    /// The project it belongs to.
    pub project_id: i64,
    /// The result it sits under (`None` for the goal).
    pub parent_id: Option<i64>,
    /// Its level.
    pub level: ResultLevel,
    /// Reference code such as `1.2`, if any.
    pub code: Option<String>,
    /// The statement.
    pub statement: String,
    /// Its place among the results under the same parent (smaller first; ties by id).
    pub position: i64,
}

impl ResultNode {
    /// How messages refer to the result: its code and statement, the statement cut at 80
    /// characters.
    pub fn reference(&self) -> String {
        const MAX: usize = 80;
        let statement: String = if self.statement.chars().count() > MAX {
            let cut: String = self.statement.chars().take(MAX - 1).collect();
            format!("{}…", cut.trim_end())
        } else {
            self.statement.clone()
        };
        match &self.code {
            Some(code) => format!("{code} {statement}"),
            None => statement,
        }
    }

    /// The form that edits this result, filled with its values.
    pub fn form(&self) -> ResultForm {
        ResultForm {
            level: self.level.code().to_owned(),
            parent_id: self.parent_id.map(|id| id.to_string()).unwrap_or_default(),
            code: self.code.clone().unwrap_or_default(),
            statement: self.statement.clone(),
        }
    }
}

/// How often an indicator is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Frequency {
    /// Every calendar month.
    Monthly,
    /// Every calendar quarter.
    Quarterly,
    /// Every calendar half-year.
    Semiannual,
    /// Every calendar year.
    Annual,
    /// Once, for the whole project.
    EndOfProject,
}

impl Frequency {
    /// Every frequency, most frequent first.
    pub const ALL: [Frequency; 5] = [
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::Semiannual,
        Frequency::Annual,
        Frequency::EndOfProject,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Semiannual => "semiannual",
            Frequency::Annual => "annual",
            Frequency::EndOfProject => "end_of_project",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        Frequency::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Frequency::Monthly, Locale::En) => "Monthly",
            (Frequency::Monthly, Locale::Es) => "Mensual",
            (Frequency::Quarterly, Locale::En) => "Quarterly",
            (Frequency::Quarterly, Locale::Es) => "Trimestral",
            (Frequency::Semiannual, Locale::En) => "Every six months",
            (Frequency::Semiannual, Locale::Es) => "Semestral",
            (Frequency::Annual, Locale::En) => "Annual",
            (Frequency::Annual, Locale::Es) => "Anual",
            (Frequency::EndOfProject, Locale::En) => "At the end of the project",
            (Frequency::EndOfProject, Locale::Es) => "Al final del proyecto",
        }
    }

    /// Months in one period; `None` for the end of the project.
    fn months(self) -> Option<i64> {
        match self {
            Frequency::Monthly => Some(1),
            Frequency::Quarterly => Some(3),
            Frequency::Semiannual => Some(6),
            Frequency::Annual => Some(12),
            Frequency::EndOfProject => None,
        }
    }

    /// The reporting periods over a project running from `span_start` to `span_end` (both
    /// included): the calendar months, quarters, half-years or years it touches, the first and
    /// last clipped to the project's dates; one period `end` covering the whole span for
    /// [`Frequency::EndOfProject`]. Empty when the span ends before it starts.
    /// The frequency whose periods are as long as the one from `start` to `end` (both days
    /// counted): up to 31 days monthly, 92 quarterly, 184 half-yearly, 366 yearly, else the
    /// whole project.
    pub fn of_period(start: NaiveDate, end: NaiveDate) -> Frequency {
        let days = (end - start).num_days() + 1;
        if days <= 31 {
            Frequency::Monthly
        } else if days <= 92 {
            Frequency::Quarterly
        } else if days <= 184 {
            Frequency::Semiannual
        } else if days <= 366 {
            Frequency::Annual
        } else {
            Frequency::EndOfProject
        }
    }

    pub fn periods(self, span_start: NaiveDate, span_end: NaiveDate) -> Vec<ReportingPeriod> {
        if span_end < span_start {
            return Vec::new();
        }
        let Some(step) = self.months() else {
            return vec![ReportingPeriod {
                code: END_OF_PROJECT_CODE.to_owned(),
                start: span_start,
                end: span_end,
            }];
        };
        let mut periods = Vec::new();
        let month0 = i64::from(span_start.month0());
        let mut index = i64::from(span_start.year()) * 12 + month0 / step * step;
        while let (Some(first), Some(next)) = (month_start(index), month_start(index + step)) {
            if first > span_end {
                break;
            }
            let Some(last) = next.pred_opt() else { break };
            periods.push(ReportingPeriod {
                code: self.period_code(first),
                start: first.max(span_start),
                end: last.min(span_end),
            });
            index += step;
        }
        periods
    }

    fn period_code(self, first: NaiveDate) -> String {
        let (year, month0) = (first.year(), first.month0());
        match self {
            Frequency::Monthly => format!("{year:04}-{:02}", month0 + 1),
            Frequency::Quarterly => format!("{year:04}-Q{}", month0 / 3 + 1),
            Frequency::Semiannual => format!("{year:04}-H{}", month0 / 6 + 1),
            Frequency::Annual => format!("{year:04}"),
            Frequency::EndOfProject => END_OF_PROJECT_CODE.to_owned(),
        }
    }
}

/// The first day of the month numbered `index` (year × 12 + month − 1).
fn month_start(index: i64) -> Option<NaiveDate> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// One reporting period of an indicator, within the project's dates.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportingPeriod {
    /// Stable code: `2025-03` (a month), `2025-Q1` (a quarter), `2025-H1` (a half-year),
    /// `2025` (a year) or `end` (the whole project).
    pub code: String,
    /// First day, clipped to the project's start.
    pub start: NaiveDate,
    /// Last day, clipped to the project's end.
    pub end: NaiveDate,
}

impl ReportingPeriod {
    /// The period as tables and charts name it: "Q1 2025" / "T1 2025", "H1 2025" / "S1 2025",
    /// "March 2025" / "marzo 2025", "2025", "End of project" / "Final del proyecto".
    pub fn label(&self, locale: Locale) -> String {
        period_label(&self.code, locale)
    }

    /// Whether `day` falls within the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// The label of a reporting period's code (see [`ReportingPeriod::label`]); an unknown code is
/// shown as it is.
pub fn period_label(code: &str, locale: Locale) -> String {
    if code == END_OF_PROJECT_CODE {
        return match locale {
            Locale::En => "End of project",
            Locale::Es => "Final del proyecto",
        }
        .to_owned();
    }
    let year_of = |text: &str| -> Option<i32> {
        (text.len() == 4 && text.chars().all(|c| c.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    if let Some(year) = year_of(code) {
        return year.to_string();
    }
    let parsed = code.split_once('-').and_then(|(year, rest)| {
        let year = year_of(year)?;
        let number = |digits: &str, max: u32| -> Option<u32> {
            let n: u32 = digits.parse().ok()?;
            (digits.len() <= 2 && (1..=max).contains(&n)).then_some(n)
        };
        if let Some(q) = rest.strip_prefix('Q') {
            let q = number(q, 4)?;
            return Some(match locale {
                Locale::En => format!("Q{q} {year}"),
                Locale::Es => format!("T{q} {year}"),
            });
        }
        if let Some(h) = rest.strip_prefix('H') {
            let h = number(h, 2)?;
            return Some(match locale {
                Locale::En => format!("H{h} {year}"),
                Locale::Es => format!("S{h} {year}"),
            });
        }
        let month = (rest.len() == 2).then(|| number(rest, 12)).flatten()?;
        Some(format!("{} {year}", month_name(month, locale)))
    });
    parsed.unwrap_or_else(|| code.to_owned())
}

/// The name of month `month` (1–12): capitalised in English, lower case in Spanish as Spanish
/// writes it.
pub(crate) fn month_name(month: u32, locale: Locale) -> &'static str {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let index = usize::try_from(month.clamp(1, 12) - 1).unwrap_or(0);
    match locale {
        Locale::En => EN[index],
        Locale::Es => ES[index],
    }
}

/// Who collects and reports an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ResponsibleRole {
    /// The program officer.
    ProgramOfficer,
    /// The monitoring and evaluation officer.
    MeOfficer,
    /// The field monitors (extension workers).
    FieldMonitor,
    /// An implementing partner (a cooperative, an NGO, a local agency).
    ImplementingPartner,
}

impl ResponsibleRole {
    /// Every role, in form order.
    pub const ALL: [ResponsibleRole; 4] = [
        ResponsibleRole::ProgramOfficer,
        ResponsibleRole::MeOfficer,
        ResponsibleRole::FieldMonitor,
        ResponsibleRole::ImplementingPartner,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            ResponsibleRole::ProgramOfficer => "program_officer",
            ResponsibleRole::MeOfficer => "me_officer",
            ResponsibleRole::FieldMonitor => "field_monitor",
            ResponsibleRole::ImplementingPartner => "implementing_partner",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        ResponsibleRole::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (ResponsibleRole::ProgramOfficer, Locale::En) => "Program officer",
            (ResponsibleRole::ProgramOfficer, Locale::Es) => "Oficial de programa",
            (ResponsibleRole::MeOfficer, Locale::En) => "M&E officer",
            (ResponsibleRole::MeOfficer, Locale::Es) => "Oficial de monitoreo y evaluación",
            (ResponsibleRole::FieldMonitor, Locale::En) => "Field monitor",
            (ResponsibleRole::FieldMonitor, Locale::Es) => "Monitor de campo",
            (ResponsibleRole::ImplementingPartner, Locale::En) => "Implementing partner",
            (ResponsibleRole::ImplementingPartner, Locale::Es) => "Socio implementador",
        }
    }
}

/// An indicator as typed or sent, before validation: either from the library (give
/// `library_code`; blank name, unit, disaggregation and data source take the library's) or
/// defined by the user (give `name` and `unit`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorForm {
    /// The id of the result (goal, outcome or output) it measures.
    #[serde(deserialize_with = "number_text")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12"))]
    pub result_id: String,
    /// The code of a library indicator, such as `eradicated_verified`; empty for one of the
    /// user's own.
    pub library_code: String,
    /// The name; required for the user's own indicator, at most 300 characters. For a library
    /// indicator leave it empty, so that readers see the library's name in their language.
    pub name: String,
    /// `hectares`, `households`, `people`, `percent`, `money` (the project's currency),
    /// `kilograms_per_hectare`, `kilograms`, `tonnes`, `kilometres` or `count`; required for
    /// the user's own indicator.
    pub unit: String,
    /// Optional baseline value: zero or more, at most 100 for a percentage, whole for people,
    /// households and counts (a decimal string or a JSON number).
    #[serde(deserialize_with = "number_text")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "1250.5"))]
    pub baseline_value: String,
    /// Optional year the baseline was measured, from 1990 to the project's last year.
    #[serde(deserialize_with = "number_text")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "2024"))]
    pub baseline_year: String,
    /// `total`, `sex`, `sex_age` or `sex_age_indigenous`; empty takes the library's usual set,
    /// or `total`.
    pub disaggregation: String,
    /// Where the figures come from, at most 300 characters; empty takes the library's usual
    /// source.
    pub data_source: String,
    /// `monthly`, `quarterly`, `semiannual`, `annual` or `end_of_project`.
    pub frequency: String,
    /// `program_officer`, `me_officer`, `field_monitor` or `implementing_partner`.
    pub responsible_role: String,
    /// Optional notes on how it is measured, at most 2,000 characters.
    pub description: String,
}

crate::text_form_from_pairs!(IndicatorForm {
    result_id,
    library_code,
    name,
    unit,
    baseline_value,
    baseline_year,
    disaggregation,
    data_source,
    frequency,
    responsible_role,
    description
});

/// A valid new (or edited) indicator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewIndicator {
    /// The result it measures (the caller checks it is one of the project's).
    pub result_id: i64,
    /// The library indicator it is, if any.
    pub library_code: Option<String>,
    /// The user's name for it; `None` for a library indicator shown under the library's name.
    pub name: Option<String>,
    /// The unit.
    pub unit: Unit,
    /// The baseline value, if known.
    pub baseline_value: Option<Decimal>,
    /// The baseline year, if known.
    pub baseline_year: Option<i32>,
    /// The disaggregation set.
    pub disaggregation: Disaggregation,
    /// The user's data source; `None` for a library indicator shown with the library's source.
    pub data_source: Option<String>,
    /// How often it is reported.
    pub frequency: Frequency,
    /// Who reports it.
    pub responsible_role: ResponsibleRole,
    /// Notes, if any.
    pub description: Option<String>,
}

/// Text typed for a library indicator that is the library's own text (in either language,
/// because the form offered it prefilled) is not kept, so that each reader sees the library's
/// text in their language.
fn unless_library_text(text: Option<String>, library: [&str; 2]) -> Option<String> {
    text.filter(|t| !library.contains(&t.as_str()))
}

impl IndicatorForm {
    /// Checks every field. `span_end` is the project's last day: the baseline year may not be
    /// later than its year.
    pub fn validate(&self, span_end: NaiveDate) -> Result<NewIndicator, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let result_id = ok.take(required_id("result_id", &self.result_id));
        // `Some(None)`: the user's own indicator; `None`: an unknown library code, after which
        // what the library would have given is not asked for as well.
        let library = ok.take(match self.library_code.trim() {
            "" => Ok(None),
            code => LibraryIndicator::from_code(code)
                .map(Some)
                .ok_or_else(|| FieldError::new("library_code", Problem::UnknownChoice)),
        });
        let from_library = library.flatten();
        let own = library == Some(None);

        let name = ok.take(if own {
            required_line("name", &self.name, INDICATOR_NAME_MAX).map(Some)
        } else {
            optional_line("name", &self.name, INDICATOR_NAME_MAX)
        });
        let unit = ok.take(match (self.unit.trim(), from_library) {
            ("", Some(lib)) => Ok(Some(lib.unit)),
            ("", None) if own => Err(FieldError::new("unit", Problem::Required)),
            ("", None) => Ok(None),
            (code, _) => choice("unit", code, Unit::from_code).map(Some),
        });
        // Until the unit is known, the baseline is read by the loosest unit's rules.
        let baseline_value = ok.take(match self.baseline_value.trim() {
            "" => Ok(None),
            raw => unit
                .flatten()
                .unwrap_or(Unit::Hectares)
                .parse_value("baseline_value", raw)
                .map(Some),
        });
        let baseline_year = ok.take(match self.baseline_year.trim() {
            "" => Ok(None),
            raw => whole_number(
                "baseline_year",
                raw,
                i64::from(DATE_YEARS.0),
                i64::from(span_end.year()),
            )
            .map(|y| i32::try_from(y).ok()),
        });
        let disaggregation = ok.take(match self.disaggregation.trim() {
            "" => Ok(from_library.map_or(Disaggregation::Total, |l| l.disaggregation)),
            code => choice("disaggregation", code, Disaggregation::from_code),
        });
        let data_source = ok.take(optional_line(
            "data_source",
            &self.data_source,
            DATA_SOURCE_MAX,
        ));
        let frequency = ok.take(choice("frequency", &self.frequency, Frequency::from_code));
        let responsible_role = ok.take(choice(
            "responsible_role",
            &self.responsible_role,
            ResponsibleRole::from_code,
        ));
        let description = ok.take(optional_text(
            "description",
            &self.description,
            INDICATOR_DESCRIPTION_MAX,
        ));
        if !errors.is_empty() {
            return Err(errors);
        }
        match (
            result_id,
            unit.flatten(),
            baseline_value,
            baseline_year,
            disaggregation,
            frequency,
            responsible_role,
            description,
        ) {
            (
                Some(result_id),
                Some(unit),
                Some(baseline_value),
                Some(baseline_year),
                Some(disaggregation),
                Some(frequency),
                Some(responsible_role),
                Some(description),
            ) => {
                let (name, data_source) = match from_library {
                    Some(lib) => (
                        unless_library_text(
                            name.flatten(),
                            [lib.name(Locale::En), lib.name(Locale::Es)],
                        ),
                        unless_library_text(
                            data_source.flatten(),
                            [lib.source(Locale::En), lib.source(Locale::Es)],
                        ),
                    ),
                    None => (name.flatten(), data_source.flatten()),
                };
                Ok(NewIndicator {
                    result_id,
                    library_code: from_library.map(|l| l.code.to_owned()),
                    name,
                    unit,
                    baseline_value,
                    baseline_year,
                    disaggregation,
                    data_source,
                    frequency,
                    responsible_role,
                    description,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The target of an indicator for one reporting period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Target {
    /// The reporting period's code (`2025-Q1`...).
    pub period: String,
    /// The value aimed at, in the indicator's unit (a decimal string in JSON).
    pub value: Decimal,
}

/// A stored indicator with its targets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Indicator {
    /// Id.
    pub id: i64,
    /// The project it belongs to.
    pub project_id: i64,
    /// The result it measures.
    pub result_id: i64,
    /// The library indicator it is, if any.
    pub library_code: Option<String>,
    /// The user's name for it (`None`: the library's name, in the reader's language).
    pub name: Option<String>,
    /// The unit (money is in the project's currency).
    pub unit: Unit,
    /// Baseline value, if known (a decimal string in JSON).
    pub baseline_value: Option<Decimal>,
    /// Baseline year, if known.
    pub baseline_year: Option<i32>,
    /// The disaggregation set.
    pub disaggregation: Disaggregation,
    /// The user's data source (`None`: the library's, in the reader's language).
    pub data_source: Option<String>,
    /// How often it is reported.
    pub frequency: Frequency,
    /// Who reports it.
    pub responsible_role: ResponsibleRole,
    /// Notes, if any.
    pub description: Option<String>,
    /// Targets, in period order.
    pub targets: Vec<Target>,
}

impl Indicator {
    /// The library indicator it is, if any.
    pub fn library(&self) -> Option<&'static LibraryIndicator> {
        self.library_code
            .as_deref()
            .and_then(LibraryIndicator::from_code)
    }

    /// Its name for a reader in `locale`: the user's name if given, else the library's.
    pub fn display_name(&self, locale: Locale) -> &str {
        match (&self.name, self.library()) {
            (Some(name), _) => name,
            (None, Some(lib)) => lib.name(locale),
            (None, None) => self.library_code.as_deref().unwrap_or_default(),
        }
    }

    /// Its data source for a reader in `locale`: the user's if given, else the library's.
    pub fn display_data_source(&self, locale: Locale) -> Option<&str> {
        self.data_source
            .as_deref()
            .or_else(|| self.library().map(|l| l.source(locale)))
    }

    /// Its reporting periods over the project's span.
    pub fn periods(&self, span_start: NaiveDate, span_end: NaiveDate) -> Vec<ReportingPeriod> {
        self.frequency.periods(span_start, span_end)
    }

    /// The target for the period coded `period`, if set.
    pub fn target(&self, period: &str) -> Option<Decimal> {
        self.targets
            .iter()
            .find(|t| t.period == period)
            .map(|t| t.value)
    }

    /// Targets set for periods that are no longer among `periods` (after the frequency or the
    /// project's dates changed): the caller shows or removes them.
    pub fn stray_targets(&self, periods: &[ReportingPeriod]) -> Vec<&Target> {
        self.targets
            .iter()
            .filter(|t| periods.iter().all(|p| p.code != t.period))
            .collect()
    }

    /// The form that edits this indicator, filled with its values.
    pub fn form(&self) -> IndicatorForm {
        IndicatorForm {
            result_id: self.result_id.to_string(),
            library_code: self.library_code.clone().unwrap_or_default(),
            name: self.name.clone().unwrap_or_default(),
            unit: self.unit.code().to_owned(),
            baseline_value: self
                .baseline_value
                .map(|v| v.normalize().to_string())
                .unwrap_or_default(),
            baseline_year: self
                .baseline_year
                .map(|y| y.to_string())
                .unwrap_or_default(),
            disaggregation: self.disaggregation.code().to_owned(),
            data_source: self.data_source.clone().unwrap_or_default(),
            frequency: self.frequency.code().to_owned(),
            responsible_role: self.responsible_role.code().to_owned(),
            description: self.description.clone().unwrap_or_default(),
        }
    }
}

/// One target row as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TargetForm {
    /// The reporting period's code, such as `2025-Q1`.
    pub period: String,
    /// The value aimed at, in the indicator's unit (a decimal string or a JSON number); empty
    /// clears the period's target.
    #[serde(deserialize_with = "number_text")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "250"))]
    pub value: String,
}

/// An indicator's targets as typed or sent: one row per reporting period. The rows replace the
/// indicator's targets; a period left out or left blank has no target.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TargetsForm {
    /// The rows, each period at most once.
    pub targets: Vec<TargetForm>,
}

/// The name of the field for target row `index`, such as `targets[2].value`.
pub fn target_field(index: usize, part: &str) -> String {
    format!("targets[{index}].{part}")
}

impl TargetsForm {
    /// The form for an indicator's periods, one row per period with its current target.
    pub fn for_periods(periods: &[ReportingPeriod], targets: &[Target]) -> Self {
        TargetsForm {
            targets: periods
                .iter()
                .map(|p| TargetForm {
                    period: p.code.clone(),
                    value: targets
                        .iter()
                        .find(|t| t.period == p.code)
                        .map(|t| t.value.normalize().to_string())
                        .unwrap_or_default(),
                })
                .collect(),
        }
    }

    /// Reads a form post: rows named `targets[N].period` and `targets[N].value`. Rows keep
    /// their index so that errors point at the right inputs; other fields are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut rows: BTreeMap<usize, TargetForm> = BTreeMap::new();
        for (key, value) in pairs {
            let Some((index, part)) = key
                .strip_prefix("targets[")
                .and_then(|rest| rest.split_once("]."))
            else {
                continue;
            };
            let Ok(index) = index.parse::<usize>() else {
                continue;
            };
            // A form has one row per period; a larger index is not a real form's.
            if index >= TARGET_ROWS_MAX as usize {
                continue;
            }
            match part {
                "period" => rows.entry(index).or_default().period = value.to_owned(),
                "value" => rows.entry(index).or_default().value = value.to_owned(),
                _ => {}
            }
        }
        let mut form = TargetsForm::default();
        if let Some(last) = rows.keys().next_back() {
            form.targets = vec![TargetForm::default(); last + 1];
            for (index, row) in rows {
                form.targets[index] = row;
            }
        }
        form
    }

    /// Checks every row against the indicator's `periods` and `unit`: rows with a blank value
    /// are skipped (the period has no target); the period must be one of the indicator's
    /// ([`Problem::UnknownPeriod`]) and appear once ([`Problem::DuplicatePeriod`] on the later
    /// row); the value is read by the unit's rules ([`Unit::parse_value`]). The targets come
    /// back in period order.
    pub fn validate(
        &self,
        periods: &[ReportingPeriod],
        unit: Unit,
    ) -> Result<Vec<Target>, Vec<FieldError>> {
        if self.targets.len() > TARGET_ROWS_MAX as usize {
            return Err(vec![FieldError::new(
                "targets",
                Problem::TooMany {
                    max: TARGET_ROWS_MAX,
                },
            )]);
        }
        let mut errors = Vec::new();
        let mut seen = HashSet::new();
        let mut targets = Vec::new();
        for (index, row) in self.targets.iter().enumerate() {
            if row.value.trim().is_empty() {
                continue;
            }
            let period_field = target_field(index, "period");
            let period = match row.period.trim() {
                "" => Err(Problem::Required),
                code => periods
                    .iter()
                    .position(|p| p.code == code)
                    .ok_or(Problem::UnknownPeriod),
            }
            .and_then(|position| {
                if seen.insert(position) {
                    Ok(position)
                } else {
                    Err(Problem::DuplicatePeriod)
                }
            })
            .map_err(|p| errors.push(FieldError::new(period_field, p)))
            .ok();
            let value = unit
                .parse_value(&target_field(index, "value"), &row.value)
                .map_err(|e| errors.push(e))
                .ok();
            if let (Some(position), Some(value)) = (period, value) {
                targets.push((position, value));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        targets.sort_by_key(|(position, _)| *position);
        Ok(targets
            .into_iter()
            .filter_map(|(position, value)| {
                periods.get(position).map(|p| Target {
                    period: p.code.clone(),
                    value,
                })
            })
            .collect())
    }
}

/// A project's whole results framework, as stored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultsFramework {
    /// Every result, in any order.
    pub results: Vec<ResultNode>,
    /// Every indicator, with its targets.
    pub indicators: Vec<Indicator>,
    /// The value that counts for each indicator's periods: its latest approved revision.
    #[serde(default)]
    pub approved: Vec<ApprovedActual>,
}

/// The approved value of an indicator in one period (the latest approved revision's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApprovedActual {
    /// The indicator.
    pub indicator_id: i64,
    /// The period's code.
    pub period: String,
    /// The approved total.
    pub value: Decimal,
    /// The revision approved.
    pub revision: u32,
}

/// How far an actual has come towards its target, in per cent, to one decimal: for a target
/// below the baseline (a reduction: illicit hectares, replanting) the share of the planned fall
/// achieved, (baseline − actual) ÷ (baseline − target); otherwise actual ÷ target, or
/// (actual − baseline) ÷ (target − baseline) when a baseline is given below the target. None
/// when the target equals the baseline, or is zero without a baseline.
pub fn percent_of_target(
    baseline: Option<Decimal>,
    target: Decimal,
    actual: Decimal,
) -> Option<Decimal> {
    let (done, planned) = match baseline {
        Some(b) if target < b => (b - actual, b - target),
        Some(b) if target > b => (actual - b, target - b),
        Some(_) => return None,
        None => (actual, target),
    };
    if planned.is_zero() {
        return None;
    }
    let mut p = (done * Decimal::ONE_HUNDRED / planned)
        .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointNearestEven);
    p.rescale(1);
    Some(p)
}

/// One result in the framework's tree, with its indicators and the results under it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResultBranch<'a> {
    /// The result.
    pub result: &'a ResultNode,
    /// Its indicators, in the order they were added (by id).
    pub indicators: Vec<&'a Indicator>,
    /// The results under it, by position.
    pub children: Vec<ResultBranch<'a>>,
}

impl ResultsFramework {
    /// The result with this id, if it is one of the framework's.
    pub fn result(&self, id: i64) -> Option<&ResultNode> {
        self.results.iter().find(|r| r.id == id)
    }

    /// The level of the result with this id: what [`ResultForm::validate`] takes for the
    /// parent.
    pub fn level_of(&self, id: i64) -> Option<ResultLevel> {
        self.result(id).map(|r| r.level)
    }

    /// The indicator with this id, if it is one of the framework's.
    pub fn indicator(&self, id: i64) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// Whether a result sits where its level belongs: an outcome under a goal, an output under
    /// an outcome (a goal always does).
    fn is_placed(&self, node: &ResultNode) -> bool {
        match node.level.parent() {
            None => true,
            Some(level) => node.parent_id.and_then(|p| self.level_of(p)) == Some(level),
        }
    }

    fn sorted(mut nodes: Vec<&ResultNode>) -> Vec<&ResultNode> {
        nodes.sort_by_key(|n| (n.position, n.id));
        nodes
    }

    fn branch<'a>(&'a self, node: &'a ResultNode) -> ResultBranch<'a> {
        let mut indicators: Vec<&Indicator> = self
            .indicators
            .iter()
            .filter(|i| i.result_id == node.id)
            .collect();
        indicators.sort_by_key(|i| i.id);
        let children = Self::sorted(
            self.results
                .iter()
                .filter(|r| r.parent_id == Some(node.id) && Some(r.level) == node.level.child())
                .collect(),
        );
        ResultBranch {
            result: node,
            indicators,
            children: children.into_iter().map(|c| self.branch(c)).collect(),
        }
    }

    /// The framework as a tree: each goal with its outcomes and each outcome with its outputs,
    /// by position, each with its indicators. Results that are not where their level belongs
    /// (their parent was removed, say) follow the goals as roots of their own, so that nothing
    /// is hidden; [`ResultsFramework::gaps`] flags them.
    pub fn tree(&self) -> Vec<ResultBranch<'_>> {
        let goals = Self::sorted(
            self.results
                .iter()
                .filter(|r| r.level == ResultLevel::Goal)
                .collect(),
        );
        let mut misplaced: Vec<&ResultNode> = self
            .results
            .iter()
            .filter(|r| r.level != ResultLevel::Goal && !self.is_placed(r))
            .collect();
        misplaced.sort_by_key(|n| (n.level == ResultLevel::Output, n.position, n.id));
        goals
            .into_iter()
            .chain(misplaced)
            .map(|n| self.branch(n))
            .collect()
    }

    /// What a reviewer would flag, in the tree's order: no goal or several; results not under
    /// their level's parent; a goal without outcomes, an outcome without outputs; an outcome
    /// or output without indicators (the goal's indicators are often national statistics, so
    /// it is not flagged); an indicator without a baseline value or without targets.
    pub fn gaps(&self) -> Vec<Gap> {
        let mut gaps = Vec::new();
        let goals = self
            .results
            .iter()
            .filter(|r| r.level == ResultLevel::Goal)
            .count();
        match goals {
            0 => gaps.push(Gap::NoGoal),
            1 => {}
            n => gaps.push(Gap::SeveralGoals {
                count: i64::try_from(n).unwrap_or(i64::MAX),
            }),
        }
        fn walk(framework: &ResultsFramework, branch: &ResultBranch<'_>, gaps: &mut Vec<Gap>) {
            let node = branch.result;
            let result_id = node.id;
            if !framework.is_placed(node) {
                gaps.push(Gap::MisplacedResult { result_id });
            }
            if branch.children.is_empty() {
                match node.level {
                    ResultLevel::Goal => gaps.push(Gap::GoalWithoutOutcomes { result_id }),
                    ResultLevel::Outcome => gaps.push(Gap::OutcomeWithoutOutputs { result_id }),
                    ResultLevel::Output => {}
                }
            }
            if branch.indicators.is_empty() && node.level != ResultLevel::Goal {
                gaps.push(Gap::ResultWithoutIndicators { result_id });
            }
            for indicator in &branch.indicators {
                let indicator_id = indicator.id;
                if indicator.baseline_value.is_none() {
                    gaps.push(Gap::IndicatorWithoutBaseline { indicator_id });
                }
                if indicator.targets.is_empty() {
                    gaps.push(Gap::IndicatorWithoutTargets { indicator_id });
                }
            }
            for child in &branch.children {
                walk(framework, child, gaps);
            }
        }
        for root in self.tree() {
            walk(self, &root, &mut gaps);
        }
        gaps
    }
}

/// Something a reviewer would flag in a results framework. Serialized with a stable `code`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Gap {
    /// The framework has no goal.
    NoGoal,
    /// The framework has more than one goal.
    SeveralGoals {
        /// How many.
        count: i64,
    },
    /// An outcome not under a goal, or an output not under an outcome.
    MisplacedResult {
        /// The result.
        result_id: i64,
    },
    /// A goal with no outcome under it.
    GoalWithoutOutcomes {
        /// The goal.
        result_id: i64,
    },
    /// An outcome with no output under it (nothing delivered to bring it about).
    OutcomeWithoutOutputs {
        /// The outcome.
        result_id: i64,
    },
    /// An outcome or output that no indicator measures.
    ResultWithoutIndicators {
        /// The result.
        result_id: i64,
    },
    /// An indicator with no baseline value.
    IndicatorWithoutBaseline {
        /// The indicator.
        indicator_id: i64,
    },
    /// An indicator with no target in any period.
    IndicatorWithoutTargets {
        /// The indicator.
        indicator_id: i64,
    },
}

impl Gap {
    /// The stable code (the serde tag).
    pub fn code(&self) -> &'static str {
        match self {
            Gap::NoGoal => "no_goal",
            Gap::SeveralGoals { .. } => "several_goals",
            Gap::MisplacedResult { .. } => "misplaced_result",
            Gap::GoalWithoutOutcomes { .. } => "goal_without_outcomes",
            Gap::OutcomeWithoutOutputs { .. } => "outcome_without_outputs",
            Gap::ResultWithoutIndicators { .. } => "result_without_indicators",
            Gap::IndicatorWithoutBaseline { .. } => "indicator_without_baseline",
            Gap::IndicatorWithoutTargets { .. } => "indicator_without_targets",
        }
    }

    /// The result it is about, if any (to show it next to that result).
    pub fn result_id(&self) -> Option<i64> {
        match self {
            Gap::MisplacedResult { result_id }
            | Gap::GoalWithoutOutcomes { result_id }
            | Gap::OutcomeWithoutOutputs { result_id }
            | Gap::ResultWithoutIndicators { result_id } => Some(*result_id),
            _ => None,
        }
    }

    /// The indicator it is about, if any.
    pub fn indicator_id(&self) -> Option<i64> {
        match self {
            Gap::IndicatorWithoutBaseline { indicator_id }
            | Gap::IndicatorWithoutTargets { indicator_id } => Some(*indicator_id),
            _ => None,
        }
    }

    /// A sentence for the reviewer in `locale`, naming the result or indicator as found in
    /// `framework`.
    pub fn message(&self, framework: &ResultsFramework, locale: Locale) -> String {
        let es = locale == Locale::Es;
        let quote = |text: &str| {
            if es {
                format!("«{text}»")
            } else {
                format!("“{text}”")
            }
        };
        let result = |id: i64| -> (Option<ResultLevel>, String) {
            framework
                .result(id)
                .map_or((None, quote(&format!("#{id}"))), |r| {
                    (Some(r.level), quote(&r.reference()))
                })
        };
        let indicator = |id: i64| {
            quote(
                &framework
                    .indicator(id)
                    .map_or(format!("#{id}"), |i| i.display_name(locale).to_owned()),
            )
        };
        match self {
            Gap::NoGoal if es => {
                "El marco aún no tiene objetivo: agregue el objetivo al que contribuye el proyecto."
                    .to_owned()
            }
            Gap::NoGoal => {
                "The framework has no goal yet: add the goal the project contributes to.".to_owned()
            }
            Gap::SeveralGoals { count } if es => {
                format!("El marco tiene {count} objetivos; un proyecto contribuye a uno solo.")
            }
            Gap::SeveralGoals { count } => {
                format!("The framework has {count} goals; a project contributes to one.")
            }
            Gap::MisplacedResult { result_id } => match (result(*result_id), es) {
                ((Some(ResultLevel::Output), r), true) => {
                    format!("El producto {r} no está bajo ningún resultado.")
                }
                ((Some(ResultLevel::Output), r), false) => {
                    format!("Output {r} is not under an outcome.")
                }
                ((_, r), true) => format!("El resultado {r} no está bajo el objetivo."),
                ((_, r), false) => format!("Outcome {r} is not under the goal."),
            },
            Gap::GoalWithoutOutcomes { result_id } => {
                let (_, r) = result(*result_id);
                if es {
                    format!("El objetivo {r} no tiene resultados.")
                } else {
                    format!("Goal {r} has no outcomes.")
                }
            }
            Gap::OutcomeWithoutOutputs { result_id } => {
                let (_, r) = result(*result_id);
                if es {
                    format!("El resultado {r} no tiene productos que lo hagan posible.")
                } else {
                    format!("Outcome {r} has no outputs to bring it about.")
                }
            }
            Gap::ResultWithoutIndicators { result_id } => match (result(*result_id), es) {
                ((Some(ResultLevel::Output), r), true) => {
                    format!("El producto {r} no tiene indicadores.")
                }
                ((Some(ResultLevel::Output), r), false) => format!("Output {r} has no indicator."),
                ((_, r), true) => format!("El resultado {r} no tiene indicadores."),
                ((_, r), false) => format!("Outcome {r} has no indicator."),
            },
            Gap::IndicatorWithoutBaseline { indicator_id } => {
                let i = indicator(*indicator_id);
                if es {
                    format!("El indicador {i} no tiene valor de línea de base.")
                } else {
                    format!("Indicator {i} has no baseline value.")
                }
            }
            Gap::IndicatorWithoutTargets { indicator_id } => {
                let i = indicator(*indicator_id);
                if es {
                    format!("El indicador {i} no tiene metas.")
                } else {
                    format!("Indicator {i} has no targets.")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn problems(errors: Vec<FieldError>) -> Vec<(String, &'static str)> {
        errors
            .into_iter()
            .map(|e| (e.field, e.problem.code()))
            .collect()
    }

    fn pairs(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        list.iter().map(|(f, c)| ((*f).to_owned(), *c)).collect()
    }

    // ----- results -----

    fn result_form(level: &str, parent: &str) -> ResultForm {
        ResultForm {
            level: level.into(),
            parent_id: parent.into(),
            code: " 1.2 ".into(),
            statement: " Families increase their licit income ".into(),
        }
    }

    #[test]
    fn an_outcome_under_the_goal_is_accepted_trimmed() {
        let new = result_form("outcome", "7")
            .validate(Some(ResultLevel::Goal))
            .unwrap();
        assert_eq!(
            new,
            NewResult {
                level: ResultLevel::Outcome,
                parent_id: Some(7),
                code: Some("1.2".into()),
                statement: "Families increase their licit income".into(),
            }
        );
    }

    #[test]
    fn a_goal_has_no_parent() {
        let goal = result_form("goal", "").validate(None).unwrap();
        assert_eq!(goal.parent_id, None);
        assert_eq!(
            problems(
                result_form("goal", "3")
                    .validate(Some(ResultLevel::Goal))
                    .unwrap_err()
            ),
            pairs(&[("parent_id", "wrong_level")])
        );
    }

    #[test]
    fn an_output_directly_under_the_goal_is_refused() {
        assert_eq!(
            problems(
                result_form("output", "3")
                    .validate(Some(ResultLevel::Goal))
                    .unwrap_err()
            ),
            pairs(&[("parent_id", "wrong_level")])
        );
        assert!(
            result_form("output", "3")
                .validate(Some(ResultLevel::Outcome))
                .is_ok()
        );
    }

    #[test]
    fn an_outcome_under_an_outcome_or_an_output_is_refused() {
        for parent in [ResultLevel::Outcome, ResultLevel::Output] {
            assert_eq!(
                problems(
                    result_form("outcome", "3")
                        .validate(Some(parent))
                        .unwrap_err()
                ),
                pairs(&[("parent_id", "wrong_level")])
            );
        }
    }

    #[test]
    fn outcomes_and_outputs_need_a_parent() {
        for level in ["outcome", "output"] {
            assert_eq!(
                problems(result_form(level, " ").validate(None).unwrap_err()),
                pairs(&[("parent_id", "required")])
            );
        }
    }

    #[test]
    fn a_parent_that_is_not_one_of_the_projects_results_is_an_unknown_reference() {
        for level in ["goal", "outcome", "output", "nonsense"] {
            let errors = problems(result_form(level, "99").validate(None).unwrap_err());
            assert!(
                errors.contains(&("parent_id".to_owned(), "unknown_reference")),
                "{level}: {errors:?}"
            );
        }
        assert_eq!(
            problems(result_form("outcome", "0").validate(None).unwrap_err()),
            pairs(&[("parent_id", "unknown_reference")])
        );
        assert_eq!(
            problems(result_form("outcome", "2.5").validate(None).unwrap_err()),
            pairs(&[("parent_id", "not_a_whole_number")])
        );
    }

    #[test]
    fn every_problem_of_a_result_is_reported_at_once() {
        let form = ResultForm {
            level: "impact".into(),
            parent_id: String::new(),
            code: "x".repeat(21),
            statement: "   ".into(),
        };
        assert_eq!(
            problems(form.validate(None).unwrap_err()),
            pairs(&[
                ("level", "unknown_choice"),
                ("code", "too_long"),
                ("statement", "required"),
            ])
        );
        let form = ResultForm {
            level: String::new(),
            statement: "ñ".repeat(1001),
            ..ResultForm::default()
        };
        assert_eq!(
            problems(form.validate(None).unwrap_err()),
            pairs(&[("level", "required"), ("statement", "too_long")])
        );
        let long_enough = ResultForm {
            statement: "ñ".repeat(1000) + "\n",
            code: "x".repeat(20),
            ..result_form("goal", "")
        };
        assert!(long_enough.validate(None).is_ok());
    }

    #[test]
    fn a_result_is_read_from_a_form_post_or_json_with_a_null_parent() {
        let form = ResultForm::from_pairs([
            ("level", "output"),
            ("parent_id", "4"),
            ("statement", "Cocoa plots established"),
            ("csrf", "x"),
        ]);
        assert_eq!(form.parent_id, "4");
        let json: ResultForm =
            serde_json::from_str(r#"{"level":"goal","parent_id":null,"statement":"Reduce coca"}"#)
                .unwrap();
        assert_eq!(json.parent_id, "");
        let json: ResultForm =
            serde_json::from_str(r#"{"level":"outcome","parent_id":3,"statement":"x"}"#).unwrap();
        assert_eq!(json.parent_id, "3");
        assert!(serde_json::from_str::<ResultForm>(r#"{"nivel":"goal"}"#).is_err());
    }

    #[test]
    fn a_result_refers_to_itself_by_code_and_a_shortened_statement() {
        let mut node = node(1, None, ResultLevel::Goal, 0);
        node.code = Some("1".into());
        node.statement = "a".repeat(100);
        let reference = node.reference();
        assert!(reference.starts_with("1 aaa"));
        assert_eq!(reference.chars().count(), 2 + 80);
        assert!(reference.ends_with('…'));
        assert_eq!(
            node.form().validate(None).unwrap().statement,
            "a".repeat(100)
        );
    }

    // ----- reporting periods -----

    fn codes(periods: &[ReportingPeriod]) -> Vec<&str> {
        periods.iter().map(|p| p.code.as_str()).collect()
    }

    #[test]
    fn monthly_periods_clip_the_first_and_last_month() {
        let periods = Frequency::Monthly.periods(day(2025, 1, 15), day(2025, 4, 10));
        assert_eq!(
            codes(&periods),
            ["2025-01", "2025-02", "2025-03", "2025-04"]
        );
        assert_eq!(
            (periods[0].start, periods[0].end),
            (day(2025, 1, 15), day(2025, 1, 31))
        );
        assert_eq!(periods[1].end, day(2025, 2, 28));
        assert_eq!(
            (periods[3].start, periods[3].end),
            (day(2025, 4, 1), day(2025, 4, 10))
        );
        assert_eq!(periods[2].label(Locale::En), "March 2025");
        assert_eq!(periods[2].label(Locale::Es), "marzo 2025");
    }

    #[test]
    fn quarterly_periods_follow_calendar_quarters_across_years() {
        let periods = Frequency::Quarterly.periods(day(2025, 2, 15), day(2026, 5, 10));
        assert_eq!(
            codes(&periods),
            [
                "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"
            ]
        );
        assert_eq!(
            (periods[0].start, periods[0].end),
            (day(2025, 2, 15), day(2025, 3, 31))
        );
        assert_eq!(
            (periods[3].start, periods[3].end),
            (day(2025, 10, 1), day(2025, 12, 31))
        );
        assert_eq!(
            (periods[5].start, periods[5].end),
            (day(2026, 4, 1), day(2026, 5, 10))
        );
        assert_eq!(periods[0].label(Locale::En), "Q1 2025");
        assert_eq!(periods[0].label(Locale::Es), "T1 2025");
        assert!(periods[1].contains(day(2025, 6, 30)));
        assert!(!periods[1].contains(day(2025, 7, 1)));
    }

    #[test]
    fn half_year_and_annual_periods_are_clipped_to_the_project() {
        let halves = Frequency::Semiannual.periods(day(2025, 7, 1), day(2027, 3, 31));
        assert_eq!(codes(&halves), ["2025-H2", "2026-H1", "2026-H2", "2027-H1"]);
        assert_eq!(halves[3].end, day(2027, 3, 31));
        assert_eq!(halves[0].label(Locale::En), "H2 2025");
        assert_eq!(halves[0].label(Locale::Es), "S2 2025");
        let years = Frequency::Annual.periods(day(2025, 3, 1), day(2027, 2, 28));
        assert_eq!(codes(&years), ["2025", "2026", "2027"]);
        assert_eq!(years[0].start, day(2025, 3, 1));
        assert_eq!(years[1].start, day(2026, 1, 1));
        assert_eq!(years[2].end, day(2027, 2, 28));
        assert_eq!(years[1].label(Locale::Es), "2026");
    }

    #[test]
    fn the_end_of_project_period_covers_the_whole_project() {
        let periods = Frequency::EndOfProject.periods(day(2025, 3, 1), day(2028, 2, 29));
        assert_eq!(
            periods,
            [ReportingPeriod {
                code: "end".into(),
                start: day(2025, 3, 1),
                end: day(2028, 2, 29),
            }]
        );
        assert_eq!(periods[0].label(Locale::En), "End of project");
        assert_eq!(periods[0].label(Locale::Es), "Final del proyecto");
    }

    #[test]
    fn a_span_that_ends_before_it_starts_has_no_periods_and_one_day_has_one() {
        for f in Frequency::ALL {
            assert!(f.periods(day(2025, 3, 2), day(2025, 3, 1)).is_empty());
            let one = f.periods(day(2025, 3, 1), day(2025, 3, 1));
            assert_eq!(one.len(), 1, "{f:?}");
            assert_eq!(
                (one[0].start, one[0].end),
                (day(2025, 3, 1), day(2025, 3, 1))
            );
        }
    }

    #[test]
    fn unknown_period_codes_are_shown_as_they_are() {
        for code in ["2025-Q5", "2025-13", "2025-H3", "x", "2025-3", "25"] {
            assert_eq!(period_label(code, Locale::En), code);
        }
        assert_eq!(period_label("2025-12", Locale::Es), "diciembre 2025");
    }

    // ----- indicators -----

    fn end() -> NaiveDate {
        day(2028, 12, 31)
    }

    fn library_form(code: &str) -> IndicatorForm {
        IndicatorForm {
            result_id: "5".into(),
            library_code: code.into(),
            frequency: "quarterly".into(),
            responsible_role: "field_monitor".into(),
            ..IndicatorForm::default()
        }
    }

    fn own_form() -> IndicatorForm {
        IndicatorForm {
            result_id: "5".into(),
            name: "Families with a bridging-crop plot".into(),
            unit: "households".into(),
            baseline_value: "0".into(),
            baseline_year: "2024".into(),
            frequency: "annual".into(),
            responsible_role: "me_officer".into(),
            ..IndicatorForm::default()
        }
    }

    fn stored(new: NewIndicator) -> Indicator {
        Indicator {
            id: 1,
            project_id: 2,
            result_id: new.result_id,
            library_code: new.library_code,
            name: new.name,
            unit: new.unit,
            baseline_value: new.baseline_value,
            baseline_year: new.baseline_year,
            disaggregation: new.disaggregation,
            data_source: new.data_source,
            frequency: new.frequency,
            responsible_role: new.responsible_role,
            description: new.description,
            targets: Vec::new(),
        }
    }

    #[test]
    fn a_library_indicator_takes_the_librarys_unit_disaggregation_and_texts() {
        let new = library_form("beneficiaries").validate(end()).unwrap();
        assert_eq!(new.library_code.as_deref(), Some("beneficiaries"));
        assert_eq!(new.name, None);
        assert_eq!(new.unit, Unit::People);
        assert_eq!(new.disaggregation, Disaggregation::SexAgeIndigenous);
        assert_eq!(new.data_source, None);
        assert_eq!(new.frequency, Frequency::Quarterly);
        assert_eq!(new.responsible_role, ResponsibleRole::FieldMonitor);
        let indicator = stored(new);
        assert_eq!(indicator.display_name(Locale::En), "People benefiting");
        assert_eq!(indicator.display_name(Locale::Es), "Personas beneficiarias");
        assert_eq!(
            indicator.display_data_source(Locale::Es),
            Some("Registro de hogares")
        );
    }

    #[test]
    fn a_library_indicator_keeps_what_the_user_changed_but_not_the_librarys_own_text() {
        let mut form = library_form("eradicated_verified");
        form.name = "Hectáreas erradicadas voluntariamente y verificadas".into();
        form.data_source = "Field verification".into();
        form.disaggregation = "sex".into();
        let new = form.validate(end()).unwrap();
        assert_eq!((new.name, new.data_source), (None, None));
        assert_eq!(new.disaggregation, Disaggregation::Sex);

        form.name = "Coca hectares eradicated with UNODC verification".into();
        form.data_source = "UNODC SIMCI verification reports".into();
        let indicator = stored(form.validate(end()).unwrap());
        assert_eq!(
            indicator.display_name(Locale::Es),
            "Coca hectares eradicated with UNODC verification"
        );
        assert_eq!(
            indicator.display_data_source(Locale::En),
            Some("UNODC SIMCI verification reports")
        );
    }

    #[test]
    fn a_users_own_indicator_needs_a_name_and_a_unit_and_defaults_to_a_total() {
        let new = own_form().validate(end()).unwrap();
        assert_eq!(new.library_code, None);
        assert_eq!(
            new.name.as_deref(),
            Some("Families with a bridging-crop plot")
        );
        assert_eq!(new.unit, Unit::Households);
        assert_eq!(new.disaggregation, Disaggregation::Total);
        assert_eq!(new.baseline_value, Some(dec!(0)));
        assert_eq!(new.baseline_year, Some(2024));
        let indicator = stored(new);
        assert_eq!(
            indicator.display_name(Locale::Es),
            "Families with a bridging-crop plot"
        );
        assert_eq!(indicator.display_data_source(Locale::Es), None);

        let form = IndicatorForm {
            name: " ".into(),
            unit: String::new(),
            ..own_form()
        };
        assert_eq!(
            problems(form.validate(end()).unwrap_err()),
            pairs(&[("name", "required"), ("unit", "required")])
        );
    }

    #[test]
    fn an_unknown_library_code_is_reported_alone() {
        assert_eq!(
            problems(library_form("coca_income").validate(end()).unwrap_err()),
            pairs(&[("library_code", "unknown_choice")])
        );
    }

    #[test]
    fn every_problem_of_an_indicator_is_reported_with_its_field() {
        let form = IndicatorForm {
            result_id: "abc".into(),
            library_code: String::new(),
            name: "n".repeat(301),
            unit: "acres".into(),
            baseline_value: "-3".into(),
            baseline_year: "1989".into(),
            disaggregation: "by_village".into(),
            data_source: "s".repeat(301),
            frequency: "weekly".into(),
            responsible_role: "donor".into(),
            description: "d".repeat(2001),
        };
        assert_eq!(
            problems(form.validate(end()).unwrap_err()),
            pairs(&[
                ("result_id", "not_a_whole_number"),
                ("name", "too_long"),
                ("unit", "unknown_choice"),
                ("baseline_value", "negative"),
                ("baseline_year", "out_of_range"),
                ("disaggregation", "unknown_choice"),
                ("data_source", "too_long"),
                ("frequency", "unknown_choice"),
                ("responsible_role", "unknown_choice"),
                ("description", "too_long"),
            ])
        );
        let blank = IndicatorForm::default();
        assert_eq!(
            problems(blank.validate(end()).unwrap_err()),
            pairs(&[
                ("result_id", "required"),
                ("name", "required"),
                ("unit", "required"),
                ("frequency", "required"),
                ("responsible_role", "required"),
            ])
        );
    }

    #[test]
    fn baselines_follow_their_units_rules_and_years_stop_at_the_projects_end() {
        let mut form = library_form("replanting_rate");
        form.baseline_value = "120".into();
        form.baseline_year = "2029".into();
        form.result_id = "0".into();
        let errors = form.validate(end()).unwrap_err();
        assert_eq!(
            problems(errors.clone()),
            pairs(&[
                ("result_id", "unknown_reference"),
                ("baseline_value", "too_large"),
                ("baseline_year", "out_of_range"),
            ])
        );
        assert_eq!(
            errors[2].problem,
            Problem::OutOfRange {
                min: "1990".into(),
                max: "2028".into()
            }
        );
        form.baseline_value = "0,6".into();
        form.baseline_year = "2028".into();
        form.result_id = "5".into();
        assert_eq!(
            form.validate(end()).unwrap().baseline_value,
            Some(dec!(0.6))
        );
        let mut households = own_form();
        households.baseline_value = "12.5".into();
        assert_eq!(
            problems(households.validate(end()).unwrap_err()),
            pairs(&[("baseline_value", "not_a_whole_number")])
        );
    }

    #[test]
    fn an_indicator_is_read_from_a_form_post_or_json_numbers() {
        let form = IndicatorForm::from_pairs([
            ("result_id", "5"),
            ("library_code", "licit_income"),
            ("baseline_value", "850000"),
            ("frequency", "semiannual"),
            ("responsible_role", "implementing_partner"),
        ]);
        let new = form.validate(end()).unwrap();
        assert_eq!(new.unit, Unit::Money);
        assert_eq!(new.baseline_value, Some(dec!(850000)));
        let json: IndicatorForm = serde_json::from_str(
            r#"{"result_id":5,"library_code":"replanting_rate","baseline_value":0.6,
                "baseline_year":2024,"frequency":"annual","responsible_role":"me_officer"}"#,
        )
        .unwrap();
        assert_eq!(
            json.validate(end()).unwrap().baseline_value,
            Some(dec!(0.6))
        );
        let indicator = stored(json.validate(end()).unwrap());
        assert_eq!(
            indicator.form().validate(end()).unwrap().baseline_year,
            Some(2024)
        );
    }

    // ----- targets -----

    fn quarters() -> Vec<ReportingPeriod> {
        Frequency::Quarterly.periods(day(2025, 1, 1), day(2025, 12, 31))
    }

    fn row(period: &str, value: &str) -> TargetForm {
        TargetForm {
            period: period.into(),
            value: value.into(),
        }
    }

    #[test]
    fn targets_are_kept_in_period_order_and_blank_values_clear_them() {
        let form = TargetsForm {
            targets: vec![
                row("2025-Q3", "300"),
                row("2025-Q1", "100,5"),
                row("2025-Q2", " "),
                row("", ""),
            ],
        };
        assert_eq!(
            form.validate(&quarters(), Unit::Hectares).unwrap(),
            [
                Target {
                    period: "2025-Q1".into(),
                    value: dec!(100.5)
                },
                Target {
                    period: "2025-Q3".into(),
                    value: dec!(300)
                },
            ]
        );
    }

    #[test]
    fn a_target_for_a_period_the_indicator_does_not_have_is_refused() {
        let form = TargetsForm {
            targets: vec![row("2026-Q1", "10"), row("2025-03", "10"), row("", "10")],
        };
        assert_eq!(
            problems(form.validate(&quarters(), Unit::Hectares).unwrap_err()),
            pairs(&[
                ("targets[0].period", "unknown_period"),
                ("targets[1].period", "unknown_period"),
                ("targets[2].period", "required"),
            ])
        );
    }

    #[test]
    fn a_percentage_target_above_one_hundred_is_refused() {
        let form = TargetsForm {
            targets: vec![row("2025-Q1", "100"), row("2025-Q2", "100.01")],
        };
        let errors = form.validate(&quarters(), Unit::Percent).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "targets[1].value");
        assert_eq!(errors[0].problem, Problem::TooLarge { max: "100".into() });
    }

    #[test]
    fn a_period_given_twice_is_reported_on_the_later_row_and_negatives_on_their_row() {
        let form = TargetsForm {
            targets: vec![
                row("2025-Q1", "1"),
                row("2025-Q2", "-2"),
                row("2025-Q1", "3"),
                row("2025-Q1", ""),
                row("2025-Q4", "2.5"),
            ],
        };
        assert_eq!(
            problems(form.validate(&quarters(), Unit::People).unwrap_err()),
            pairs(&[
                ("targets[1].value", "negative"),
                ("targets[2].period", "duplicate_period"),
                ("targets[4].value", "not_a_whole_number"),
            ])
        );
    }

    #[test]
    fn target_rows_are_read_by_index_and_far_indexes_are_dropped() {
        let form = TargetsForm::from_pairs([
            ("targets[1].period", "2025-Q2"),
            ("targets[1].value", "20"),
            ("targets[0].period", "2025-Q1"),
            ("targets[99999].value", "1"),
            ("targets[x].value", "1"),
            ("csrf", "x"),
        ]);
        assert_eq!(form.targets, [row("2025-Q1", ""), row("2025-Q2", "20")]);
        let json: TargetsForm = serde_json::from_str(
            r#"{"targets":[{"period":"2025-Q1","value":12.5},{"period":"2025-Q2","value":null}]}"#,
        )
        .unwrap();
        assert_eq!(json.targets[0].value, "12.5");
        assert_eq!(json.targets[1].value, "");
        let too_many = TargetsForm {
            targets: vec![TargetForm::default(); TARGET_ROWS_MAX as usize + 1],
        };
        assert_eq!(
            problems(too_many.validate(&quarters(), Unit::People).unwrap_err()),
            pairs(&[("targets", "too_many")])
        );
    }

    #[test]
    fn the_targets_form_lists_every_period_and_stray_targets_are_found() {
        let mut indicator = stored(own_form().validate(end()).unwrap());
        indicator.targets = vec![
            Target {
                period: "2025-Q2".into(),
                value: dec!(40),
            },
            Target {
                period: "2024".into(),
                value: dec!(1),
            },
        ];
        let form = TargetsForm::for_periods(&quarters(), &indicator.targets);
        assert_eq!(form.targets.len(), 4);
        assert_eq!(form.targets[1], row("2025-Q2", "40"));
        assert_eq!(form.targets[0], row("2025-Q1", ""));
        let strays = indicator.stray_targets(&quarters());
        assert_eq!(strays.len(), 1);
        assert_eq!(strays[0].period, "2024");
        assert_eq!(indicator.target("2025-Q2"), Some(dec!(40)));
        assert_eq!(indicator.target("2025-Q3"), None);
    }

    // ----- the framework -----

    fn node(id: i64, parent_id: Option<i64>, level: ResultLevel, position: i64) -> ResultNode {
        ResultNode {
            id,
            project_id: 2,
            parent_id,
            level,
            code: None,
            statement: format!("Result {id}"),
            position,
        }
    }

    fn indicator(id: i64, result_id: i64, baseline: bool, targets: bool) -> Indicator {
        let mut i = stored(
            library_form("promoted_crop_hectares")
                .validate(end())
                .unwrap(),
        );
        i.id = id;
        i.result_id = result_id;
        i.baseline_value = baseline.then_some(dec!(0));
        if targets {
            i.targets = vec![Target {
                period: "2025-Q1".into(),
                value: dec!(10),
            }];
        }
        i
    }

    #[test]
    fn percent_of_target_counts_a_reduction_as_the_share_of_the_planned_fall() {
        use rust_decimal::dec;
        // Illicit hectares from 200 to a target of 50: at 120, 80 of the 150 planned = 53.3%.
        assert_eq!(
            percent_of_target(Some(dec!(200)), dec!(50), dec!(120)),
            Some(dec!(53.3))
        );
        // Worse than the baseline is a negative share, not hidden.
        assert_eq!(
            percent_of_target(Some(dec!(200)), dec!(50), dec!(230)),
            Some(dec!(-20.0))
        );
        // Beneficiaries from 0 to 400: at 300, 75%.
        assert_eq!(
            percent_of_target(Some(dec!(0)), dec!(400), dec!(300)),
            Some(dec!(75.0))
        );
        // Licit income from 100 to 300: at 250, 75%.
        assert_eq!(
            percent_of_target(Some(dec!(100)), dec!(300), dec!(250)),
            Some(dec!(75.0))
        );
        assert_eq!(
            percent_of_target(None, dec!(80), dec!(100)),
            Some(dec!(125.0))
        );
        assert_eq!(percent_of_target(None, dec!(0), dec!(3)), None);
        assert_eq!(percent_of_target(Some(dec!(5)), dec!(5), dec!(3)), None);
        // Half to even at the first decimal: 2 of 3 is 66.666… → 66.7; 1 of 8 is 12.5.
        assert_eq!(percent_of_target(None, dec!(3), dec!(2)), Some(dec!(66.7)));
        assert_eq!(percent_of_target(None, dec!(8), dec!(1)), Some(dec!(12.5)));
    }

    /// Goal 1; under it outcome 2 (position 1) before outcome 3 (position 2); under 2,
    /// outputs 4 and 5 at the same position, so by id; under 3, output 6. Stored shuffled.
    fn framework() -> ResultsFramework {
        ResultsFramework {
            approved: Vec::new(),
            results: vec![
                node(6, Some(3), ResultLevel::Output, 0),
                node(5, Some(2), ResultLevel::Output, 1),
                node(3, Some(1), ResultLevel::Outcome, 2),
                node(1, None, ResultLevel::Goal, 0),
                node(4, Some(2), ResultLevel::Output, 1),
                node(2, Some(1), ResultLevel::Outcome, 1),
            ],
            indicators: vec![
                indicator(12, 2, true, true),
                indicator(11, 2, true, true),
                indicator(13, 3, true, true),
                indicator(14, 4, true, true),
                indicator(15, 5, true, true),
                indicator(16, 6, true, true),
            ],
        }
    }

    fn flatten(branches: &[ResultBranch<'_>], out: &mut Vec<(i64, Vec<i64>)>) {
        for b in branches {
            out.push((b.result.id, b.indicators.iter().map(|i| i.id).collect()));
            flatten(&b.children, out);
        }
    }

    #[test]
    fn the_tree_goes_from_the_goal_to_outcomes_to_outputs_by_position() {
        let framework = framework();
        let tree = framework.tree();
        assert_eq!(tree.len(), 1);
        let mut order = Vec::new();
        flatten(&tree, &mut order);
        assert_eq!(
            order,
            [
                (1, vec![]),
                (2, vec![11, 12]),
                (4, vec![14]),
                (5, vec![15]),
                (3, vec![13]),
                (6, vec![16]),
            ]
        );
        assert_eq!(framework.level_of(3), Some(ResultLevel::Outcome));
        assert_eq!(framework.level_of(99), None);
        assert!(framework.gaps().is_empty(), "{:?}", framework.gaps());
    }

    #[test]
    fn results_out_of_place_follow_the_goal_and_are_flagged() {
        let mut framework = framework();
        framework
            .results
            .push(node(7, Some(1), ResultLevel::Output, 0));
        framework
            .results
            .push(node(8, Some(99), ResultLevel::Outcome, 0));
        let mut order = Vec::new();
        flatten(&framework.tree(), &mut order);
        let ids: Vec<i64> = order.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, [1, 2, 4, 5, 3, 6, 8, 7]);
        assert_eq!(
            framework.gaps(),
            [
                Gap::MisplacedResult { result_id: 8 },
                Gap::OutcomeWithoutOutputs { result_id: 8 },
                Gap::ResultWithoutIndicators { result_id: 8 },
                Gap::MisplacedResult { result_id: 7 },
                Gap::ResultWithoutIndicators { result_id: 7 },
            ]
        );
        assert_eq!(
            Gap::MisplacedResult { result_id: 7 }.message(&framework, Locale::En),
            "Output “Result 7” is not under an outcome."
        );
        assert_eq!(
            Gap::MisplacedResult { result_id: 8 }.message(&framework, Locale::Es),
            "El resultado «Result 8» no está bajo el objetivo."
        );
    }

    #[test]
    fn an_empty_framework_has_no_goal() {
        let empty = ResultsFramework::default();
        assert_eq!(empty.gaps(), [Gap::NoGoal]);
        assert!(empty.tree().is_empty());
    }

    #[test]
    fn a_reviewer_sees_each_gap_in_tree_order_with_its_subject_named() {
        let framework = ResultsFramework {
            approved: Vec::new(),
            results: vec![
                node(1, None, ResultLevel::Goal, 0),
                node(9, None, ResultLevel::Goal, 1),
                ResultNode {
                    code: Some("1.1".into()),
                    statement: "Families increase their licit income".into(),
                    ..node(2, Some(1), ResultLevel::Outcome, 0)
                },
                node(3, Some(2), ResultLevel::Output, 0),
            ],
            indicators: vec![indicator(20, 3, false, false)],
        };
        let gaps = framework.gaps();
        assert_eq!(
            gaps,
            [
                Gap::SeveralGoals { count: 2 },
                Gap::ResultWithoutIndicators { result_id: 2 },
                Gap::IndicatorWithoutBaseline { indicator_id: 20 },
                Gap::IndicatorWithoutTargets { indicator_id: 20 },
                Gap::GoalWithoutOutcomes { result_id: 9 },
            ]
        );
        let en: Vec<String> = gaps
            .iter()
            .map(|g| g.message(&framework, Locale::En))
            .collect();
        assert_eq!(
            en,
            [
                "The framework has 2 goals; a project contributes to one.",
                "Outcome “1.1 Families increase their licit income” has no indicator.",
                "Indicator “Hectares of promoted crops established” has no baseline value.",
                "Indicator “Hectares of promoted crops established” has no targets.",
                "Goal “Result 9” has no outcomes.",
            ]
        );
        assert_eq!(
            gaps[2].message(&framework, Locale::Es),
            "El indicador «Hectáreas establecidas de cultivos promovidos» no tiene valor de línea de base."
        );
        assert_eq!(gaps[1].result_id(), Some(2));
        assert_eq!(gaps[3].indicator_id(), Some(20));
        assert_eq!(
            serde_json::to_value(&gaps[0]).unwrap(),
            serde_json::json!({"code": "several_goals", "count": 2})
        );
    }

    #[test]
    fn every_gap_has_a_code_and_messages_in_both_languages() {
        let framework = framework();
        for gap in [
            Gap::NoGoal,
            Gap::SeveralGoals { count: 2 },
            Gap::MisplacedResult { result_id: 4 },
            Gap::GoalWithoutOutcomes { result_id: 1 },
            Gap::OutcomeWithoutOutputs { result_id: 2 },
            Gap::ResultWithoutIndicators { result_id: 4 },
            Gap::IndicatorWithoutBaseline { indicator_id: 11 },
            Gap::IndicatorWithoutTargets { indicator_id: 404 },
        ] {
            let (en, es) = (
                gap.message(&framework, Locale::En),
                gap.message(&framework, Locale::Es),
            );
            assert!(!en.is_empty() && en != es, "{gap:?}");
            assert_eq!(
                serde_json::to_value(&gap).unwrap()["code"],
                gap.code(),
                "{gap:?}"
            );
        }
        assert_eq!(
            Gap::IndicatorWithoutTargets { indicator_id: 404 }.message(&framework, Locale::En),
            "Indicator “#404” has no targets."
        );
    }

    #[test]
    fn every_choice_code_reads_back_and_has_both_names() {
        for l in ResultLevel::ALL {
            assert_eq!(ResultLevel::from_code(l.code()), Some(l));
            assert_eq!(serde_json::to_value(l).unwrap(), l.code());
            assert_ne!(l.name(Locale::En), l.name(Locale::Es));
        }
        for f in Frequency::ALL {
            assert_eq!(Frequency::from_code(f.code()), Some(f));
            assert_eq!(serde_json::to_value(f).unwrap(), f.code());
            assert_ne!(f.name(Locale::En), f.name(Locale::Es));
        }
        for r in ResponsibleRole::ALL {
            assert_eq!(ResponsibleRole::from_code(r.code()), Some(r));
            assert_eq!(serde_json::to_value(r).unwrap(), r.code());
            assert_ne!(r.name(Locale::En), r.name(Locale::Es));
        }
        assert_eq!(ResultLevel::from(Level::Output), ResultLevel::Output);
        assert_eq!(ResultLevel::Output.parent(), Some(ResultLevel::Outcome));
        assert_eq!(ResultLevel::Goal.child(), Some(ResultLevel::Outcome));
    }

    #[test]
    fn a_period_s_length_gives_its_frequency() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            Frequency::of_period(d(2013, 1, 1), d(2013, 3, 31)),
            Frequency::Quarterly
        );
        assert_eq!(
            Frequency::of_period(d(2024, 1, 1), d(2024, 12, 31)),
            Frequency::Annual
        );
        assert_eq!(
            Frequency::of_period(d(2024, 2, 1), d(2024, 2, 29)),
            Frequency::Monthly
        );
        assert_eq!(
            Frequency::of_period(d(2025, 7, 1), d(2025, 12, 31)),
            Frequency::Semiannual
        );
        assert_eq!(
            Frequency::of_period(d(2021, 1, 1), d(2025, 12, 31)),
            Frequency::EndOfProject
        );
    }
}
