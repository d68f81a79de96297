//! IATI 2.03 activity files: what Sembrar publishes of its projects for the International Aid
//! Transparency Initiative. The activities are plain data, already protected by whoever builds
//! them (no names, phones or household places; small counts suppressed, see
//! [`crate::protection`]); this module writes them in the element order the official schema
//! (`iati-activities-schema.xsd`, version 2.03) requires, and holds the code lists' values it
//! uses.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

use crate::actuals::CellValue;
use crate::i18n::Locale;
use crate::indicator::{AgeBand, Cell, Unit};
use crate::organisation::Organisation;
use crate::project::ProjectStatus;
use crate::protection::protect;
use crate::results::ResultLevel;
use crate::timeline::ComponentKind;

/// The DAC 5-digit purpose code of agricultural alternative development.
pub const SECTOR_AGRICULTURAL_AD: &str = "31165";
/// The DAC 5-digit purpose code of non-agricultural alternative development.
pub const SECTOR_NON_AGRICULTURAL_AD: &str = "43050";

/// An organisation as an IATI file names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IatiOrg {
    /// Its IATI organisation identifier, when known.
    pub reference: Option<String>,
    /// Its IATI organisation type code (`OrganisationType`: 10, 21, 40...), when known.
    pub type_code: Option<&'static str>,
    /// Its name.
    pub name: String,
}

/// The role of a participating organisation (`OrganisationRole`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgRole {
    /// Funding (1).
    Funding,
    /// Accountable (2).
    Accountable,
    /// Extending (3).
    Extending,
    /// Implementing (4).
    Implementing,
}

impl OrgRole {
    /// The code list's value.
    pub fn code(self) -> &'static str {
        match self {
            OrgRole::Funding => "1",
            OrgRole::Accountable => "2",
            OrgRole::Extending => "3",
            OrgRole::Implementing => "4",
        }
    }
}

/// The `ActivityStatus` code of a project's status.
pub fn activity_status(status: ProjectStatus) -> &'static str {
    match status {
        ProjectStatus::Planning => "1",
        ProjectStatus::Active => "2",
        ProjectStatus::Completed => "3",
        ProjectStatus::Cancelled => "5",
        ProjectStatus::Suspended => "6",
    }
}

/// The `ResultType` code of a results-framework level: output 1, outcome 2, impact (the goal) 3.
pub fn result_type(level: ResultLevel) -> &'static str {
    match level {
        ResultLevel::Output => "1",
        ResultLevel::Outcome => "2",
        ResultLevel::Goal => "3",
    }
}

/// The DAC purpose code a component's spending counts under: value chains, markets and forests
/// are agricultural alternative development; roads, schools, inclusion and institutions are not.
pub fn sector_of(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Livelihoods | ComponentKind::MarketAccess | ComponentKind::Environment => {
            SECTOR_AGRICULTURAL_AD
        }
        ComponentKind::RuralDevelopment
        | ComponentKind::SocialInclusion
        | ComponentKind::Institutions => SECTOR_NON_AGRICULTURAL_AD,
    }
}

/// The sectors of an activity with their shares, from its budget by component kind: each DAC
/// code's share of the budget, in per cent to two places, the last share making up 100 exactly.
/// Without a budget (or only unassigned lines) the activity is all agricultural alternative
/// development.
pub fn sector_split(budget: &[(ComponentKind, Decimal)]) -> Vec<(&'static str, Decimal)> {
    let mut agricultural = Decimal::ZERO;
    let mut other = Decimal::ZERO;
    for (kind, amount) in budget {
        if sector_of(*kind) == SECTOR_AGRICULTURAL_AD {
            agricultural += *amount;
        } else {
            other += *amount;
        }
    }
    let total = agricultural + other;
    if total <= Decimal::ZERO || other <= Decimal::ZERO {
        return vec![(SECTOR_AGRICULTURAL_AD, Decimal::ONE_HUNDRED)];
    }
    if agricultural <= Decimal::ZERO {
        return vec![(SECTOR_NON_AGRICULTURAL_AD, Decimal::ONE_HUNDRED)];
    }
    let share = (agricultural * Decimal::ONE_HUNDRED / total)
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointNearestEven);
    vec![
        (SECTOR_AGRICULTURAL_AD, share),
        (SECTOR_NON_AGRICULTURAL_AD, Decimal::ONE_HUNDRED - share),
    ]
}

/// A place an activity works in, aggregated to an administrative area (a municipality or
/// district): never a household's or a plot's point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IatiLocation {
    /// The publisher's own reference for it.
    pub reference: String,
    /// Its name ("Solano, CO").
    pub name: String,
    /// What the activity does there ("12 communities").
    pub description: Option<String>,
}

/// One year's (or shorter period's) budget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IatiBudget {
    /// First day.
    pub start: NaiveDate,
    /// Last day (at most a year after the start).
    pub end: NaiveDate,
    /// The amount.
    pub amount: Decimal,
    /// Its currency.
    pub currency: String,
}

/// One transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IatiTransaction {
    /// The publisher's reference for it.
    pub reference: String,
    /// `TransactionType` code (1 incoming funds, 11 incoming commitment, 3 disbursement,
    /// 4 expenditure).
    pub type_code: &'static str,
    /// Its day (also the value day).
    pub date: NaiveDate,
    /// The amount.
    pub amount: Decimal,
    /// Its currency.
    pub currency: String,
    /// What it is.
    pub description: Option<String>,
    /// Who the money comes from.
    pub provider: Option<IatiOrg>,
    /// Who it goes to.
    pub receiver: Option<IatiOrg>,
}

/// A figure of a result: a target or an actual, whole or one cell of its disaggregation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IatiValue {
    /// The value; `None` when it is withheld (a small count suppressed).
    pub value: Option<Decimal>,
    /// The cell: (`sex`, `female`), (`age`, `18-29`)... Empty for the whole.
    pub dimensions: Vec<(&'static str, String)>,
    /// A comment (why a value is withheld, how it was worked out).
    pub comment: Option<String>,
}

/// One reporting period of an indicator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IatiPeriod {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// The targets (the whole, then cells).
    pub targets: Vec<IatiValue>,
    /// The approved actuals (the whole, then cells).
    pub actuals: Vec<IatiValue>,
}

/// One indicator of a result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IatiIndicator {
    /// Its name.
    pub title: String,
    /// Its unit and notes.
    pub description: Option<String>,
    /// Measured as a percentage (`IndicatorMeasure` 2) rather than in units (1).
    pub percentage: bool,
    /// Whether a higher value is better; `None` when not known.
    pub ascending: Option<bool>,
    /// The baseline's year and value.
    pub baseline: Option<(i32, Decimal)>,
    /// Its periods.
    pub periods: Vec<IatiPeriod>,
}

/// One result of an activity's results framework.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IatiResult {
    /// `ResultType` code ([`result_type`]).
    pub type_code: &'static str,
    /// Its statement.
    pub title: String,
    /// Its notes.
    pub description: Option<String>,
    /// Its indicators (a result without any is not published: the schema needs one).
    pub indicators: Vec<IatiIndicator>,
}

/// One activity (a project).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IatiActivity {
    /// The activity identifier: the reporting organisation's identifier, a hyphen, its own.
    pub identifier: String,
    /// Who publishes it (its reference is required).
    pub reporting_org: IatiOrg,
    /// The language of its texts (`en`, `es`).
    pub language: &'static str,
    /// The currency of its values unless they say otherwise.
    pub default_currency: String,
    /// When it last changed.
    pub last_updated: DateTime<Utc>,
    /// Its title.
    pub title: String,
    /// Its description ("General" type 1); the title stands in when there is none.
    pub description: Option<String>,
    /// Who takes part in it, and how.
    pub participants: Vec<(IatiOrg, OrgRole)>,
    /// `ActivityStatus` code ([`activity_status`]).
    pub status_code: &'static str,
    /// Planned first day.
    pub planned_start: NaiveDate,
    /// Planned last day.
    pub planned_end: NaiveDate,
    /// ISO 3166-1 alpha-2 country code.
    pub recipient_country: String,
    /// Where it works, by administrative area.
    pub locations: Vec<IatiLocation>,
    /// DAC 5-digit sectors with their shares (summing to 100).
    pub sectors: Vec<(&'static str, Decimal)>,
    /// Its budgets.
    pub budgets: Vec<IatiBudget>,
    /// Its transactions.
    pub transactions: Vec<IatiTransaction>,
    /// Its results.
    pub results: Vec<IatiResult>,
}

/// XML text with the five special characters escaped, and characters XML 1.0 forbids dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A decimal as IATI values are written: plain digits, no exponent, no trailing zeros.
fn number(value: Decimal) -> String {
    value.normalize().to_string()
}

struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn attributes(&mut self, attributes: &[(&str, &str)]) {
        for (name, value) in attributes {
            let _ = write!(self.out, " {name}=\"{}\"", escape(value));
        }
    }

    fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        self.attributes(attributes);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        let _ = writeln!(self.out, "</{name}>");
    }

    fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        self.attributes(attributes);
        self.out.push_str("/>\n");
    }

    fn text(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        self.attributes(attributes);
        let _ = writeln!(self.out, ">{}</{name}>", escape(text));
    }

    /// An element holding one narrative.
    fn narrated(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.open(name, attributes);
        self.text("narrative", &[], text);
        self.close(name);
    }

    fn org(&mut self, name: &str, org: &IatiOrg, extra: &[(&str, &str)]) {
        let mut attributes: Vec<(&str, &str)> = Vec::new();
        if let Some(reference) = &org.reference {
            attributes.push(("ref", reference));
        }
        if let Some(code) = org.type_code {
            attributes.push(("type", code));
        }
        attributes.extend_from_slice(extra);
        self.narrated(name, &attributes, &org.name);
    }

    fn value(&mut self, name: &str, value: &IatiValue) {
        let text = value.value.map(number);
        let attributes: Vec<(&str, &str)> = text.iter().map(|v| ("value", v.as_str())).collect();
        if value.dimensions.is_empty() && value.comment.is_none() {
            self.empty(name, &attributes);
            return;
        }
        self.open(name, &attributes);
        for (dimension, cell) in &value.dimensions {
            self.empty("dimension", &[("name", dimension), ("value", cell)]);
        }
        if let Some(comment) = &value.comment {
            self.narrated("comment", &[], comment);
        }
        self.close(name);
    }
}

/// The `iati-activities` file of these activities, generated at `generated`.
pub fn write_activities(activities: &[IatiActivity], generated: DateTime<Utc>) -> String {
    let mut xml = Xml {
        out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        depth: 0,
    };
    let stamp = generated.to_rfc3339_opts(SecondsFormat::Secs, true);
    xml.open(
        "iati-activities",
        &[("version", "2.03"), ("generated-datetime", &stamp)],
    );
    for activity in activities {
        write_activity(&mut xml, activity);
    }
    xml.close("iati-activities");
    xml.out
}

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn write_activity(xml: &mut Xml, a: &IatiActivity) {
    let updated = a.last_updated.to_rfc3339_opts(SecondsFormat::Secs, true);
    xml.open(
        "iati-activity",
        &[
            ("last-updated-datetime", &updated),
            ("xml:lang", a.language),
            ("default-currency", &a.default_currency),
            ("hierarchy", "1"),
        ],
    );
    xml.text("iati-identifier", &[], &a.identifier);
    xml.org("reporting-org", &a.reporting_org, &[]);
    xml.narrated("title", &[], &a.title);
    xml.narrated(
        "description",
        &[("type", "1")],
        a.description.as_deref().unwrap_or(&a.title),
    );
    for (org, role) in &a.participants {
        xml.org("participating-org", org, &[("role", role.code())]);
    }
    xml.empty("activity-status", &[("code", a.status_code)]);
    xml.empty(
        "activity-date",
        &[("iso-date", &day(a.planned_start)), ("type", "1")],
    );
    xml.empty(
        "activity-date",
        &[("iso-date", &day(a.planned_end)), ("type", "3")],
    );
    xml.empty("recipient-country", &[("code", &a.recipient_country)]);
    for location in &a.locations {
        xml.open("location", &[("ref", &location.reference)]);
        // 1: the activity happens there (not only benefits it).
        xml.empty("location-reach", &[("code", "1")]);
        xml.narrated("name", &[], &location.name);
        if let Some(description) = &location.description {
            xml.narrated("description", &[], description);
        }
        // 2: approximate; 1: an administrative region; ADM2: a second-order division.
        xml.empty("exactness", &[("code", "2")]);
        xml.empty("location-class", &[("code", "1")]);
        xml.empty("feature-designation", &[("code", "ADM2")]);
        xml.close("location");
    }
    for (code, share) in &a.sectors {
        let share = number(*share);
        xml.empty(
            "sector",
            &[("vocabulary", "1"), ("code", code), ("percentage", &share)],
        );
    }
    for budget in &a.budgets {
        xml.open("budget", &[("type", "1"), ("status", "1")]);
        xml.empty("period-start", &[("iso-date", &day(budget.start))]);
        xml.empty("period-end", &[("iso-date", &day(budget.end))]);
        xml.text(
            "value",
            &[
                ("currency", &budget.currency),
                ("value-date", &day(budget.start)),
            ],
            &number(budget.amount),
        );
        xml.close("budget");
    }
    for t in &a.transactions {
        xml.open("transaction", &[("ref", &t.reference)]);
        xml.empty("transaction-type", &[("code", t.type_code)]);
        xml.empty("transaction-date", &[("iso-date", &day(t.date))]);
        xml.text(
            "value",
            &[("currency", &t.currency), ("value-date", &day(t.date))],
            &number(t.amount),
        );
        if let Some(description) = &t.description {
            xml.narrated("description", &[], description);
        }
        if let Some(provider) = &t.provider {
            xml.org("provider-org", provider, &[]);
        }
        if let Some(receiver) = &t.receiver {
            xml.org("receiver-org", receiver, &[]);
        }
        xml.close("transaction");
    }
    for result in a.results.iter().filter(|r| !r.indicators.is_empty()) {
        xml.open("result", &[("type", result.type_code)]);
        xml.narrated("title", &[], &result.title);
        if let Some(description) = &result.description {
            xml.narrated("description", &[], description);
        }
        for indicator in &result.indicators {
            let measure = if indicator.percentage { "2" } else { "1" };
            let mut attributes = vec![("measure", measure)];
            if let Some(ascending) = indicator.ascending {
                attributes.push(("ascending", if ascending { "1" } else { "0" }));
            }
            xml.open("indicator", &attributes);
            xml.narrated("title", &[], &indicator.title);
            if let Some(description) = &indicator.description {
                xml.narrated("description", &[], description);
            }
            if let Some((year, value)) = indicator.baseline {
                let year = year.to_string();
                let value = number(value);
                xml.empty("baseline", &[("year", &year), ("value", &value)]);
            }
            for period in &indicator.periods {
                xml.open("period", &[]);
                xml.empty("period-start", &[("iso-date", &day(period.start))]);
                xml.empty("period-end", &[("iso-date", &day(period.end))]);
                for target in &period.targets {
                    xml.value("target", target);
                }
                for actual in &period.actuals {
                    xml.value("actual", actual);
                }
                xml.close("period");
            }
            xml.close("indicator");
        }
        xml.close("result");
    }
    xml.close("iati-activity");
}

/// The IATI `dimension`s of a disaggregation cell: `sex` (`female`, `male`), `age` (`0-17`,
/// `18-29`, `30-59`, `60+`) and `indigenous` (`yes`, `no`).
pub fn dimensions_of(cell: &Cell) -> Vec<(&'static str, String)> {
    let mut dimensions = Vec::new();
    if let Some(sex) = cell.sex {
        dimensions.push(("sex", sex.code().to_owned()));
    }
    if let Some(age) = cell.age {
        let band = match age {
            AgeBand::Under18 => "0-17",
            AgeBand::From18To29 => "18-29",
            AgeBand::From30To59 => "30-59",
            AgeBand::From60 => "60+",
        };
        dimensions.push(("age", band.to_owned()));
    }
    if let Some(indigenous) = cell.indigenous {
        dimensions.push((
            "indigenous",
            if indigenous { "yes" } else { "no" }.to_owned(),
        ));
    }
    dimensions
}

/// Why a value is withheld, as the file's comment says it.
fn withheld_comment(locale: Locale) -> String {
    match locale {
        Locale::Es => "Se omite: cuenta menos de 5 personas u hogares, o permitiría deducir una cifra así.".to_owned(),
        Locale::En => "Withheld: it counts fewer than 5 people or households, or would let such a figure be worked out.".to_owned(),
    }
}

/// An approved figure as a file publishes it: the whole, then each cell with its dimensions,
/// protected ([`crate::protection::protect`]); answers the values and how many were withheld.
pub fn published_values(
    unit: Unit,
    total: Decimal,
    cells: &[CellValue],
    locale: Locale,
) -> (Vec<IatiValue>, usize) {
    let amounts: Vec<Decimal> = cells.iter().map(|c| c.value).collect();
    let protected = protect(unit, total, &amounts);
    let comment = |shown: &Option<Decimal>| shown.is_none().then(|| withheld_comment(locale));
    let mut values = vec![IatiValue {
        value: protected.total,
        dimensions: Vec::new(),
        comment: comment(&protected.total),
    }];
    for (cell, shown) in cells.iter().zip(&protected.cells) {
        values.push(IatiValue {
            value: *shown,
            dimensions: dimensions_of(&cell.cell),
            comment: comment(shown),
        });
    }
    (values, protected.withheld)
}

/// Something an IATI file leaves out or names without a reference, said on the page before
/// the file is downloaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum IatiNote {
    /// The organisation has no IATI identifier yet: no file can be made.
    NoOrganisationIdentifier,
    /// A donor is named without a reference: it has no IATI identifier.
    DonorWithoutIdentifier {
        /// The donor's name.
        donor: String,
    },
    /// Budget lines without a year (an IATI budget covers a year at most) are left out.
    BudgetLinesWithoutYear {
        /// The project's name.
        project: String,
        /// How many.
        count: usize,
    },
    /// Budget lines in another currency than the project's are left out.
    BudgetLinesInOtherCurrency {
        /// The project's name.
        project: String,
        /// How many.
        count: usize,
    },
    /// Results without indicators are left out (IATI needs one per result).
    ResultsWithoutIndicators {
        /// The project's name.
        project: String,
        /// How many.
        count: usize,
    },
    /// Values counting fewer than five people or households are withheld.
    Withheld {
        /// The project's name.
        project: String,
        /// How many values.
        count: usize,
    },
}

impl IatiNote {
    /// The note in the reader's language.
    pub fn text(&self, locale: Locale) -> String {
        let es = locale == Locale::Es;
        match self {
            IatiNote::NoOrganisationIdentifier => if es {
                "Su organización aún no tiene identificador IATI: escríbalo abajo para poder publicar."
            } else {
                "Your organisation has no IATI identifier yet: enter it below to publish."
            }
            .to_owned(),
            IatiNote::DonorWithoutIdentifier { donor } => if es {
                format!("{donor} no tiene identificador IATI: se nombra sin referencia.")
            } else {
                format!("{donor} has no IATI identifier: it is named without a reference.")
            },
            IatiNote::BudgetLinesWithoutYear { project, count } => if es {
                format!("{project}: {count} línea(s) de presupuesto sin año quedan fuera (un presupuesto IATI cubre un año como máximo).")
            } else {
                format!("{project}: {count} budget line(s) without a year are left out (an IATI budget covers a year at most).")
            },
            IatiNote::BudgetLinesInOtherCurrency { project, count } => if es {
                format!("{project}: {count} línea(s) de presupuesto en otra moneda que la del proyecto quedan fuera.")
            } else {
                format!("{project}: {count} budget line(s) in another currency than the project's are left out.")
            },
            IatiNote::ResultsWithoutIndicators { project, count } => if es {
                format!("{project}: {count} resultado(s) sin indicadores quedan fuera (IATI pide al menos uno).")
            } else {
                format!("{project}: {count} result(s) without indicators are left out (IATI needs at least one).")
            },
            IatiNote::Withheld { project, count } => if es {
                format!("{project}: {count} valor(es) que cuentan menos de 5 personas u hogares se omiten para proteger a los participantes.")
            } else {
                format!("{project}: {count} value(s) counting fewer than 5 people or households are withheld to protect participants.")
            },
        }
    }
}

/// One activity of a program's IATI file, as the page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IatiActivitySummary {
    /// The project.
    pub project_id: i64,
    /// Its name.
    pub name: String,
    /// Its IATI activity identifier.
    pub identifier: String,
    /// How many administrative areas it names.
    pub locations: usize,
    /// How many budgets (years).
    pub budgets: usize,
    /// How many transactions.
    pub transactions: usize,
    /// How many indicators.
    pub indicators: usize,
}

/// What a program's IATI file will hold, before it is downloaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IatiPreview {
    /// The program.
    pub program_id: i64,
    /// Its name.
    pub program_name: String,
    /// The publishing organisation.
    pub organisation: Organisation,
    /// The activities (the projects the reader may publish).
    pub activities: Vec<IatiActivitySummary>,
    /// What is left out or named without a reference.
    pub notes: Vec<IatiNote>,
    /// Whether the reader may import IATI files into the program (create its projects).
    #[serde(default)]
    pub can_import: bool,
}

impl IatiPreview {
    /// Whether a file can be made: the organisation has its identifier and there is an
    /// activity to publish.
    pub fn ready(&self) -> bool {
        self.organisation.iati_identifier.is_some() && !self.activities.is_empty()
    }
}

/// What an IATI import needs to know that IATI files do not say: the illicit crop the new
/// projects address and the licit crop and hectares they start their plan with (corrected
/// later on each project's page). Projects already imported keep their own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
pub struct IatiImportOptions {
    /// `coca_bush`, `opium_poppy` or `cannabis_plant`.
    pub illicit_crop: String,
    /// A licit crop code (`cocoa`, `coffee`...).
    pub planned_crop: String,
    /// Its hectares.
    pub planned_hectares: String,
}

/// What an IATI import did with one activity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportedActivity {
    /// Its IATI identifier.
    pub identifier: String,
    /// The project it created or updated.
    pub project_id: i64,
    /// That project's name.
    pub project_name: String,
    /// Whether the project was created (else updated).
    pub created: bool,
    /// Budgets stored as budget lines.
    pub budgets: usize,
    /// Transactions stored.
    pub transactions: usize,
    /// Transactions already stored by an earlier import.
    pub transactions_already_stored: usize,
    /// Indicators created or updated.
    pub indicators: usize,
    /// Actuals stored (as published, approved).
    pub actuals: usize,
}

/// A part of an IATI file an import could not map, with where it is and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IatiUnmapped {
    /// The activity's identifier, when known.
    pub activity: Option<String>,
    /// The line in the file.
    pub line: usize,
    /// The element (`transaction`, `budget`, `result`...).
    pub element: String,
    /// Why, in the reader's language.
    pub reason: String,
}

/// What an IATI import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IatiImportReport {
    /// The activities imported.
    pub activities: Vec<ImportedActivity>,
    /// What could not be mapped.
    pub unmapped: Vec<IatiUnmapped>,
    /// Donors created from the file's organisations.
    pub donors_created: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn org(reference: &str, name: &str) -> IatiOrg {
        IatiOrg {
            reference: Some(reference.into()),
            type_code: Some("21"),
            name: name.into(),
        }
    }

    fn activity() -> IatiActivity {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        IatiActivity {
            identifier: "XM-OCHA-1-P7".into(),
            reporting_org: org("XM-OCHA-1", "Café & Coca <Sur>"),
            language: "es",
            default_currency: "COP".into(),
            last_updated: DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
            title: "Cacao en Solano".into(),
            description: None,
            participants: vec![(org("XI-IATI-EC_INTPA", "Unión Europea"), OrgRole::Funding)],
            status_code: activity_status(ProjectStatus::Active),
            planned_start: date(2025, 1, 1),
            planned_end: date(2027, 12, 31),
            recipient_country: "CO".into(),
            locations: vec![IatiLocation {
                reference: "XM-OCHA-1-P7-L1".into(),
                name: "Solano, CO".into(),
                description: Some("3 communities".into()),
            }],
            sectors: sector_split(&[]),
            budgets: vec![IatiBudget {
                start: date(2025, 1, 1),
                end: date(2025, 12, 31),
                amount: dec!(1500000.50),
                currency: "COP".into(),
            }],
            transactions: vec![],
            results: vec![IatiResult {
                type_code: result_type(ResultLevel::Output),
                title: "Families trained".into(),
                description: None,
                indicators: vec![IatiIndicator {
                    title: "Women trained".into(),
                    description: None,
                    percentage: false,
                    ascending: Some(true),
                    baseline: Some((2024, dec!(0))),
                    periods: vec![IatiPeriod {
                        start: date(2025, 1, 1),
                        end: date(2025, 12, 31),
                        targets: vec![IatiValue {
                            value: Some(dec!(40)),
                            dimensions: vec![],
                            comment: None,
                        }],
                        actuals: vec![IatiValue {
                            value: None,
                            dimensions: vec![("sex", "female".into()), ("age", "18-29".into())],
                            comment: Some("Fewer than 5: not shown.".into()),
                        }],
                    }],
                }],
            }],
        }
    }

    #[test]
    fn text_is_escaped_and_forbidden_characters_are_dropped() {
        assert_eq!(
            escape("A & B <c> \"d\" 'e'\u{1}"),
            "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;"
        );
    }

    #[test]
    fn an_activity_is_written_in_the_schema_order_with_escaped_names_and_plain_numbers() {
        let xml = write_activities(&[activity()], DateTime::from_timestamp(0, 0).unwrap());
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" generated-datetime=\"1970-01-01T00:00:00Z\">"));
        assert!(xml.contains("<narrative>Café &amp; Coca &lt;Sur&gt;</narrative>"));
        assert!(xml.contains(">1500000.5</value>"));
        let order = [
            "<iati-identifier>",
            "<reporting-org",
            "<title>",
            "<description type=\"1\">",
            "<participating-org",
            "<activity-status",
            "<activity-date",
            "<recipient-country",
            "<location ",
            "<sector ",
            "<budget ",
            "<result ",
        ];
        let positions: Vec<usize> = order.iter().map(|t| xml.find(t).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert!(xml.contains("<actual>\n"));
        assert!(xml.contains("<dimension name=\"sex\" value=\"female\"/>"));
        // The title stands in for a missing description.
        assert!(
            xml.contains("<description type=\"1\">\n      <narrative>Cacao en Solano</narrative>")
        );
    }

    #[test]
    fn a_result_without_indicators_is_left_out() {
        let mut a = activity();
        a.results[0].indicators.clear();
        let xml = write_activities(&[a], Utc::now());
        assert!(!xml.contains("<result"));
    }

    #[test]
    fn sectors_follow_the_budget_by_component_and_add_up_to_one_hundred() {
        assert_eq!(sector_split(&[]), vec![(SECTOR_AGRICULTURAL_AD, dec!(100))]);
        let split = sector_split(&[
            (ComponentKind::Livelihoods, dec!(200)),
            (ComponentKind::RuralDevelopment, dec!(100)),
            (ComponentKind::Environment, dec!(0)),
        ]);
        // 200 of 300: 66.666… rounds to 66.67, and the rest is 33.33.
        assert_eq!(
            split,
            vec![
                (SECTOR_AGRICULTURAL_AD, dec!(66.67)),
                (SECTOR_NON_AGRICULTURAL_AD, dec!(33.33))
            ]
        );
        assert_eq!(
            sector_split(&[(ComponentKind::Institutions, dec!(5))]),
            vec![(SECTOR_NON_AGRICULTURAL_AD, dec!(100))]
        );
    }

    #[test]
    fn published_people_counts_withhold_small_cells_with_a_comment() {
        use crate::indicator::Sex;
        let cell = |sex, age, value| CellValue {
            cell: Cell {
                sex: Some(sex),
                age: Some(age),
                indigenous: None,
            },
            value,
        };
        let cells = [
            cell(Sex::Female, AgeBand::From18To29, dec!(20)),
            cell(Sex::Female, AgeBand::From30To59, dec!(3)),
            cell(Sex::Male, AgeBand::From18To29, dec!(9)),
            cell(Sex::Male, AgeBand::From30To59, dec!(8)),
        ];
        let (values, withheld) = published_values(Unit::People, dec!(40), &cells, Locale::En);
        assert_eq!(withheld, 2);
        let shown: Vec<Option<Decimal>> = values.iter().map(|v| v.value).collect();
        assert_eq!(
            shown,
            [Some(dec!(40)), Some(dec!(20)), None, Some(dec!(9)), None]
        );
        assert_eq!(
            values[2].dimensions,
            [("sex", "female".to_owned()), ("age", "30-59".to_owned())]
        );
        assert!(
            values[2]
                .comment
                .as_deref()
                .unwrap()
                .starts_with("Withheld")
        );
        assert!(values[1].comment.is_none());
        // Hectares are not counts of people: shown whole.
        let (_, none) = published_values(Unit::Hectares, dec!(4), &cells, Locale::Es);
        assert_eq!(none, 0);
    }
}
