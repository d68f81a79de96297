//! A project's plan of work: its components (rural development, livelihoods, market access,
//! social inclusion, environment, institutions), the activities under each with their dates,
//! responsible partner, budget line and status, its milestones and its budget lines. The
//! [`Timeline`] gathers them for the project page, the API and the Gantt chart.
//!
//! Rules shared by every form here:
//! - dates are `YYYY-MM-DD` and must fall within the project's period ([`ProjectSpan`]), named
//!   in the problem ([`Problem::OutsidePeriod`]);
//! - references to another record (`component_id`, `budget_line_id`) are positive ids; anything
//!   else is [`Problem::UnknownReference`]. Whether the id belongs to this project is for the
//!   store to check (see [`Timeline::check_activity`] and its siblings);
//! - money is exact, in the project's currency, with no more decimals than the currency has.

use crate::currency::{self, Currency};
use crate::i18n::Locale;
use crate::program::{DESCRIPTION_MAX, NAME_MAX};
use crate::validation::{
    Collector, FieldError, Problem, choice, date, optional_date, optional_text, required_line,
    whole_number,
};
use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// The most characters in a partner's name.
pub const PARTNER_NAME_MAX: u32 = 200;
/// The most characters in a budget line's code (such as `2.3` or `A-1.2.4`).
pub const BUDGET_CODE_MAX: u32 = 20;
/// The most characters in a budget line's description.
pub const BUDGET_DESCRIPTION_MAX: u32 = 300;

/// A project's period, first and last day included: every date of its plan falls in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectSpan {
    /// The project's first day.
    pub start: NaiveDate,
    /// The project's last day.
    pub end: NaiveDate,
}

impl ProjectSpan {
    /// Whether `day` falls within the period (both ends included).
    pub fn contains(self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// How many days the period has, both ends included (at least 1).
    pub fn days(self) -> i64 {
        ((self.end - self.start).num_days() + 1).max(1)
    }

    /// The first and last calendar years the period touches.
    pub fn years(self) -> (i32, i32) {
        (self.start.year(), self.end.year())
    }

    /// The problem of a date outside this period, naming the period in ISO dates.
    pub fn outside(self) -> Problem {
        Problem::OutsidePeriod {
            start: self.start.to_string(),
            end: self.end.to_string(),
        }
    }

    /// `day` when it falls within the period; otherwise [`Problem::OutsidePeriod`] on `field`.
    fn check(self, field: &str, day: NaiveDate) -> Result<NaiveDate, FieldError> {
        if self.contains(day) {
            Ok(day)
        } else {
            Err(FieldError::new(field, self.outside()))
        }
    }
}

impl From<&crate::project::Project> for ProjectSpan {
    fn from(project: &crate::project::Project) -> Self {
        ProjectSpan {
            start: project.start_date,
            end: project.end_date,
        }
    }
}

/// The kinds of component an alternative development project is built from (UN Guiding
/// Principles on Alternative Development; resolution 75/198).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ComponentKind {
    /// Roads, water, electricity, schools, health posts.
    RuralDevelopment,
    /// Licit crops, livestock and other value chains, and the income they bring.
    Livelihoods,
    /// Buyers, cooperatives, certification and the roads to market for alternative development products.
    MarketAccess,
    /// Social inclusion and protection: women, youth, indigenous peoples, social protection.
    SocialInclusion,
    /// Forests, agroforestry, protected areas.
    Environment,
    /// Local institutions, land titles, justice and the rule of law.
    Institutions,
}

impl ComponentKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [ComponentKind; 6] = [
        ComponentKind::RuralDevelopment,
        ComponentKind::Livelihoods,
        ComponentKind::MarketAccess,
        ComponentKind::SocialInclusion,
        ComponentKind::Environment,
        ComponentKind::Institutions,
    ];

    /// The stable code (the same as in JSON).
    pub fn code(self) -> &'static str {
        match self {
            ComponentKind::RuralDevelopment => "rural_development",
            ComponentKind::Livelihoods => "livelihoods",
            ComponentKind::MarketAccess => "market_access",
            ComponentKind::SocialInclusion => "social_inclusion",
            ComponentKind::Environment => "environment",
            ComponentKind::Institutions => "institutions",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        ComponentKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (ComponentKind::RuralDevelopment, Locale::En) => "Rural development and infrastructure",
            (ComponentKind::RuralDevelopment, Locale::Es) => "Desarrollo rural e infraestructura",
            (ComponentKind::Livelihoods, Locale::En) => "Livelihoods and value chains",
            (ComponentKind::Livelihoods, Locale::Es) => "Medios de vida y cadenas de valor",
            (ComponentKind::MarketAccess, Locale::En) => "Market access",
            (ComponentKind::MarketAccess, Locale::Es) => "Acceso a mercados",
            (ComponentKind::SocialInclusion, Locale::En) => "Social inclusion and protection",
            (ComponentKind::SocialInclusion, Locale::Es) => "Inclusión y protección social",
            (ComponentKind::Environment, Locale::En) => "Environmental protection",
            (ComponentKind::Environment, Locale::Es) => "Protección ambiental",
            (ComponentKind::Institutions, Locale::En) => "Institutions and rule of law",
            (ComponentKind::Institutions, Locale::Es) => "Instituciones y estado de derecho",
        }
    }
}

/// Who is responsible for an activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PartnerKind {
    /// United Nations Office on Drugs and Crime.
    Unodc,
    /// Food and Agriculture Organization of the United Nations.
    Fao,
    /// International Labour Organization.
    Ilo,
    /// United Nations Development Programme.
    Undp,
    /// A government agency (a ministry, DEVIDA, the agency for crop substitution...).
    Government,
    /// A non-governmental organisation.
    Ngo,
    /// A producers' cooperative or association.
    Cooperative,
    /// A private buyer of the project's products.
    PrivateBuyer,
    /// A community organisation (a community action board, an indigenous council).
    Community,
    /// Any other partner.
    Other,
}

impl PartnerKind {
    /// Every kind, in the order forms list them (the United Nations agencies first).
    pub const ALL: [PartnerKind; 10] = [
        PartnerKind::Unodc,
        PartnerKind::Fao,
        PartnerKind::Ilo,
        PartnerKind::Undp,
        PartnerKind::Government,
        PartnerKind::Ngo,
        PartnerKind::Cooperative,
        PartnerKind::PrivateBuyer,
        PartnerKind::Community,
        PartnerKind::Other,
    ];

    /// The stable code (the same as in JSON).
    pub fn code(self) -> &'static str {
        match self {
            PartnerKind::Unodc => "unodc",
            PartnerKind::Fao => "fao",
            PartnerKind::Ilo => "ilo",
            PartnerKind::Undp => "undp",
            PartnerKind::Government => "government",
            PartnerKind::Ngo => "ngo",
            PartnerKind::Cooperative => "cooperative",
            PartnerKind::PrivateBuyer => "private_buyer",
            PartnerKind::Community => "community",
            PartnerKind::Other => "other",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        PartnerKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The translated name (the agencies' acronyms as each language writes them).
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (PartnerKind::Unodc, _) => "UNODC",
            (PartnerKind::Fao, _) => "FAO",
            (PartnerKind::Ilo, Locale::En) => "ILO",
            (PartnerKind::Ilo, Locale::Es) => "OIT",
            (PartnerKind::Undp, Locale::En) => "UNDP",
            (PartnerKind::Undp, Locale::Es) => "PNUD",
            (PartnerKind::Government, Locale::En) => "Government agency",
            (PartnerKind::Government, Locale::Es) => "Entidad de gobierno",
            (PartnerKind::Ngo, Locale::En) => "NGO",
            (PartnerKind::Ngo, Locale::Es) => "ONG",
            (PartnerKind::Cooperative, Locale::En) => "Cooperative",
            (PartnerKind::Cooperative, Locale::Es) => "Cooperativa",
            (PartnerKind::PrivateBuyer, Locale::En) => "Private buyer",
            (PartnerKind::PrivateBuyer, Locale::Es) => "Comprador privado",
            (PartnerKind::Community, Locale::En) => "Community organisation",
            (PartnerKind::Community, Locale::Es) => "Organización comunitaria",
            (PartnerKind::Other, Locale::En) => "Other",
            (PartnerKind::Other, Locale::Es) => "Otro",
        }
    }

    /// Whether this is a United Nations agency, which its kind already names.
    pub fn is_un_agency(self) -> bool {
        matches!(
            self,
            PartnerKind::Unodc | PartnerKind::Fao | PartnerKind::Ilo | PartnerKind::Undp
        )
    }

    /// Whether an activity must name the partner: every kind but the UN agencies stands for
    /// many organisations ("an NGO" does not say which).
    pub fn needs_name(self) -> bool {
        !self.is_un_agency()
    }
}

/// Where an activity stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ActivityStatus {
    /// Not started yet.
    #[default]
    Planned,
    /// Under way.
    InProgress,
    /// Done.
    Completed,
    /// Behind its dates.
    Delayed,
    /// Will not be done.
    Cancelled,
}

impl ActivityStatus {
    /// Every status, in the order of an activity's life.
    pub const ALL: [ActivityStatus; 5] = [
        ActivityStatus::Planned,
        ActivityStatus::InProgress,
        ActivityStatus::Completed,
        ActivityStatus::Delayed,
        ActivityStatus::Cancelled,
    ];

    /// The stable code (the same as in JSON).
    pub fn code(self) -> &'static str {
        match self {
            ActivityStatus::Planned => "planned",
            ActivityStatus::InProgress => "in_progress",
            ActivityStatus::Completed => "completed",
            ActivityStatus::Delayed => "delayed",
            ActivityStatus::Cancelled => "cancelled",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        ActivityStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The translated name (Spanish agrees with "actividad").
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (ActivityStatus::Planned, Locale::En) => "Planned",
            (ActivityStatus::Planned, Locale::Es) => "Planificada",
            (ActivityStatus::InProgress, Locale::En) => "In progress",
            (ActivityStatus::InProgress, Locale::Es) => "En curso",
            (ActivityStatus::Completed, Locale::En) => "Completed",
            (ActivityStatus::Completed, Locale::Es) => "Completada",
            (ActivityStatus::Delayed, Locale::En) => "Delayed",
            (ActivityStatus::Delayed, Locale::Es) => "Retrasada",
            (ActivityStatus::Cancelled, Locale::En) => "Cancelled",
            (ActivityStatus::Cancelled, Locale::Es) => "Cancelada",
        }
    }

    /// Whether nothing more is expected of the activity (completed or cancelled).
    pub fn is_closed(self) -> bool {
        matches!(self, ActivityStatus::Completed | ActivityStatus::Cancelled)
    }
}

/// Where a milestone stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MilestoneStatus {
    /// Not reached yet.
    #[default]
    Pending,
    /// Reached (on the day recorded).
    Reached,
    /// Not reached, and no longer expected by its due date.
    Missed,
}

impl MilestoneStatus {
    /// Every status.
    pub const ALL: [MilestoneStatus; 3] = [
        MilestoneStatus::Pending,
        MilestoneStatus::Reached,
        MilestoneStatus::Missed,
    ];

    /// The stable code (the same as in JSON).
    pub fn code(self) -> &'static str {
        match self {
            MilestoneStatus::Pending => "pending",
            MilestoneStatus::Reached => "reached",
            MilestoneStatus::Missed => "missed",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        MilestoneStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The translated name (Spanish agrees with "hito").
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (MilestoneStatus::Pending, Locale::En) => "Pending",
            (MilestoneStatus::Pending, Locale::Es) => "Pendiente",
            (MilestoneStatus::Reached, Locale::En) => "Reached",
            (MilestoneStatus::Reached, Locale::Es) => "Alcanzado",
            (MilestoneStatus::Missed, Locale::En) => "Missed",
            (MilestoneStatus::Missed, Locale::Es) => "No alcanzado",
        }
    }
}

/// How a budget line came to be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum BudgetOrigin {
    /// Typed by a program officer.
    #[default]
    Manual,
    /// Offered from a livelihood plan's income valley (the bridging support that covers it) and
    /// accepted by an officer.
    BridgingSupport,
}

impl BudgetOrigin {
    /// Both origins.
    pub const ALL: [BudgetOrigin; 2] = [BudgetOrigin::Manual, BudgetOrigin::BridgingSupport];

    /// The stable code (the same as in JSON).
    pub fn code(self) -> &'static str {
        match self {
            BudgetOrigin::Manual => "manual",
            BudgetOrigin::BridgingSupport => "bridging_support",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        BudgetOrigin::ALL.into_iter().find(|o| o.code() == code)
    }

    /// The translated name (Spanish agrees with "línea presupuestal").
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (BudgetOrigin::Manual, Locale::En) => "Entered by an officer",
            (BudgetOrigin::Manual, Locale::Es) => "Registrada por un oficial",
            (BudgetOrigin::BridgingSupport, Locale::En) => "Bridging support of a livelihood plan",
            (BudgetOrigin::BridgingSupport, Locale::Es) => {
                "Apoyo puente de un plan de medios de vida"
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared field rules

/// A reference to another record: a positive id. Blank is [`Problem::Required`]; anything that
/// is not a positive whole number cannot name a record, so it is [`Problem::UnknownReference`].
pub(crate) fn reference(field: &str, raw: &str) -> Result<i64, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| FieldError::new(field, Problem::UnknownReference))
}

/// An optional [`reference`]: `None` when blank.
pub(crate) fn optional_reference(field: &str, raw: &str) -> Result<Option<i64>, FieldError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    reference(field, raw).map(Some)
}

/// An optional single-line text: `None` when blank, else like [`required_line`].
pub(crate) fn optional_line(
    field: &str,
    raw: &str,
    max: u32,
) -> Result<Option<String>, FieldError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    required_line(field, raw, max).map(Some)
}

/// A date within the project's period.
fn date_within(field: &str, raw: &str, span: ProjectSpan) -> Result<NaiveDate, FieldError> {
    date(field, raw).and_then(|day| span.check(field, day))
}

/// A status code, or `default` when blank.
fn status_or<T>(
    field: &str,
    raw: &str,
    default: T,
    from_code: impl Fn(&str) -> Option<T>,
) -> Result<T, FieldError> {
    if raw.trim().is_empty() {
        Ok(default)
    } else {
        choice(field, raw, from_code)
    }
}

// ---------------------------------------------------------------------------------------------
// Components

/// A component as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentForm {
    /// The kind: `rural_development`, `livelihoods`, `market_access`, `social_inclusion`,
    /// `environment` or `institutions` (required).
    pub kind: String,
    /// The component's name as the project document writes it, such as "Component 2: Cocoa and
    /// coffee value chains" (required, at most 200 characters).
    pub name: String,
    /// What it covers (optional, at most 2,000 characters).
    pub description: String,
}

crate::text_form_from_pairs!(ComponentForm {
    kind,
    name,
    description
});

/// A component ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewComponent {
    /// The kind.
    pub kind: ComponentKind,
    /// The name, trimmed.
    pub name: String,
    /// The description, if any.
    pub description: Option<String>,
}

impl ComponentForm {
    /// Checks every field, reporting every problem at once.
    pub fn validate(&self) -> Result<NewComponent, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let kind = ok.take(choice("kind", &self.kind, ComponentKind::from_code));
        let name = ok.take(required_line("name", &self.name, NAME_MAX));
        let description = ok.take(optional_text(
            "description",
            &self.description,
            DESCRIPTION_MAX,
        ));
        match (kind, name, description) {
            (Some(kind), Some(name), Some(description)) if errors.is_empty() => Ok(NewComponent {
                kind,
                name,
                description,
            }),
            _ => Err(errors),
        }
    }
}

/// A stored component of a project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Component {
    /// Id.
    pub id: i64,
    /// The project it belongs to.
    pub project_id: i64,
    /// The kind.
    pub kind: ComponentKind,
    /// The name.
    pub name: String,
    /// What it covers, if written.
    pub description: Option<String>,
    /// Its place in the project's list (smallest first).
    pub position: i64,
}

impl Component {
    /// The component as its edit form shows it first.
    pub fn to_form(&self) -> ComponentForm {
        ComponentForm {
            kind: self.kind.code().to_owned(),
            name: self.name.clone(),
            description: self.description.clone().unwrap_or_default(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Activities

/// An activity as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityForm {
    /// The id of the component it belongs to (required; a component of this project).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "3"))]
    pub component_id: String,
    /// The activity's name, such as "Deliver cocoa seedlings" (required, at most 200 characters).
    pub name: String,
    /// What it involves (optional, at most 2,000 characters).
    pub description: String,
    /// First day, `YYYY-MM-DD`, within the project's period (required).
    pub start_date: String,
    /// Last day, `YYYY-MM-DD`, within the project's period and not before the first day; the same
    /// day for a one-day activity (required).
    pub end_date: String,
    /// Who is responsible: `unodc`, `fao`, `ilo`, `undp`, `government`, `ngo`, `cooperative`,
    /// `private_buyer`, `community` or `other` (required).
    pub partner_kind: String,
    /// The partner's name, such as "DEVIDA" or "Cooperativa Agraria Cacaotera" (at most 200
    /// characters; required unless the partner is a UN agency).
    pub partner_name: String,
    /// The id of the budget line that pays for it (optional; a budget line of this project).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12"))]
    pub budget_line_id: String,
    /// `planned` (default when empty), `in_progress`, `completed`, `delayed` or `cancelled`.
    pub status: String,
}

crate::text_form_from_pairs!(ActivityForm {
    component_id,
    name,
    description,
    start_date,
    end_date,
    partner_kind,
    partner_name,
    budget_line_id,
    status
});

/// An activity ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewActivity {
    /// The component it belongs to (not yet checked to be this project's).
    pub component_id: i64,
    /// The name, trimmed.
    pub name: String,
    /// The description, if any.
    pub description: Option<String>,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day (the first day or later).
    pub end_date: NaiveDate,
    /// Who is responsible.
    pub partner_kind: PartnerKind,
    /// The partner's name (always given unless a UN agency).
    pub partner_name: Option<String>,
    /// The budget line that pays for it (not yet checked to be this project's).
    pub budget_line_id: Option<i64>,
    /// The status.
    pub status: ActivityStatus,
}

impl ActivityForm {
    /// Checks every field against the project's period, reporting every problem at once. Each
    /// field gets at most one problem: an end date outside the period is reported as that, not
    /// also as before the start.
    pub fn validate(&self, span: ProjectSpan) -> Result<NewActivity, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let component_id = ok.take(reference("component_id", &self.component_id));
        let name = ok.take(required_line("name", &self.name, NAME_MAX));
        let description = ok.take(optional_text(
            "description",
            &self.description,
            DESCRIPTION_MAX,
        ));
        let start = ok.take(date_within("start_date", &self.start_date, span));
        let end = ok.take(date_within("end_date", &self.end_date, span).and_then(
            |end| match date("start_date", &self.start_date) {
                Ok(start) if end < start => {
                    Err(FieldError::new("end_date", Problem::EndNotAfterStart))
                }
                _ => Ok(end),
            },
        ));
        let partner_kind = ok.take(choice(
            "partner_kind",
            &self.partner_kind,
            PartnerKind::from_code,
        ));
        let partner_name = ok.take(
            optional_line("partner_name", &self.partner_name, PARTNER_NAME_MAX).and_then(|name| {
                match (name, partner_kind) {
                    (None, Some(kind)) if kind.needs_name() => {
                        Err(FieldError::new("partner_name", Problem::Required))
                    }
                    (name, _) => Ok(name),
                }
            }),
        );
        let budget_line_id = ok.take(optional_reference("budget_line_id", &self.budget_line_id));
        let status = ok.take(status_or(
            "status",
            &self.status,
            ActivityStatus::Planned,
            ActivityStatus::from_code,
        ));
        match (
            component_id,
            name,
            description,
            start,
            end,
            partner_kind,
            partner_name,
            budget_line_id,
            status,
        ) {
            (
                Some(component_id),
                Some(name),
                Some(description),
                Some(start_date),
                Some(end_date),
                Some(partner_kind),
                Some(partner_name),
                Some(budget_line_id),
                Some(status),
            ) if errors.is_empty() => Ok(NewActivity {
                component_id,
                name,
                description,
                start_date,
                end_date,
                partner_kind,
                partner_name,
                budget_line_id,
                status,
            }),
            _ => Err(errors),
        }
    }
}

/// A stored activity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    /// Id.
    pub id: i64,
    /// The component it belongs to.
    pub component_id: i64,
    /// The name.
    pub name: String,
    /// What it involves, if written.
    pub description: Option<String>,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day (the first day or later).
    pub end_date: NaiveDate,
    /// Who is responsible.
    pub partner_kind: PartnerKind,
    /// The partner's name (given unless a UN agency, and then optional).
    pub partner_name: Option<String>,
    /// The budget line that pays for it, if any.
    pub budget_line_id: Option<i64>,
    /// The status as last recorded.
    pub status: ActivityStatus,
}

impl Activity {
    /// Whether the activity is late on `today`: its last day has passed and it is neither
    /// completed nor cancelled.
    pub fn is_late(&self, today: NaiveDate) -> bool {
        self.end_date < today && !self.status.is_closed()
    }

    /// The status to show on `today`: [`ActivityStatus::Delayed`] for a late activity, whatever
    /// was recorded; otherwise the recorded status.
    pub fn display_status(&self, today: NaiveDate) -> ActivityStatus {
        if self.is_late(today) {
            ActivityStatus::Delayed
        } else {
            self.status
        }
    }

    /// Who is responsible, as a page writes it: "FAO", "NGO: Fundación Nuevo Futuro", or
    /// "FAO: Colombia office" when a UN agency's office is named.
    pub fn partner_label(&self, locale: Locale) -> String {
        let kind = self.partner_kind.name(locale);
        match &self.partner_name {
            Some(name) => format!("{kind}: {name}"),
            None => kind.to_owned(),
        }
    }

    /// The activity as its edit form shows it first.
    pub fn to_form(&self) -> ActivityForm {
        ActivityForm {
            component_id: self.component_id.to_string(),
            name: self.name.clone(),
            description: self.description.clone().unwrap_or_default(),
            start_date: self.start_date.to_string(),
            end_date: self.end_date.to_string(),
            partner_kind: self.partner_kind.code().to_owned(),
            partner_name: self.partner_name.clone().unwrap_or_default(),
            budget_line_id: self
                .budget_line_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            status: self.status.code().to_owned(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Milestones

/// A milestone as typed or sent.
///
/// Rules: the due date falls within the project's period; the status is `pending` when blank,
/// or `reached` when blank and a reached date is given; a `reached` milestone needs the day it
/// was reached, within the project's period (it may be after the due date: reached late); a
/// `pending` or `missed` milestone takes no reached date ([`Problem::NotApplicable`]), so a date
/// typed is never dropped unseen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MilestoneForm {
    /// The milestone, such as "First cocoa harvest sold" (required, at most 200 characters).
    pub name: String,
    /// When it is due, `YYYY-MM-DD`, within the project's period (required).
    pub due_date: String,
    /// The id of the component it marks (optional; empty for a milestone of the whole project).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "3"))]
    pub component_id: String,
    /// `pending`, `reached` or `missed`. When empty: `reached` if `reached_on` is given, else
    /// `pending`.
    pub status: String,
    /// The day it was reached, `YYYY-MM-DD`, within the project's period: required when
    /// `reached`, refused otherwise.
    pub reached_on: String,
}

crate::text_form_from_pairs!(MilestoneForm {
    name,
    due_date,
    component_id,
    status,
    reached_on
});

/// A milestone ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMilestone {
    /// The name, trimmed.
    pub name: String,
    /// When it is due.
    pub due_date: NaiveDate,
    /// The component it marks, if any (not yet checked to be this project's).
    pub component_id: Option<i64>,
    /// The status.
    pub status: MilestoneStatus,
    /// The day it was reached: given exactly when the status is reached.
    pub reached_on: Option<NaiveDate>,
}

impl MilestoneForm {
    /// Checks every field against the project's period, reporting every problem at once.
    pub fn validate(&self, span: ProjectSpan) -> Result<NewMilestone, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let name = ok.take(required_line("name", &self.name, NAME_MAX));
        let due_date = ok.take(date_within("due_date", &self.due_date, span));
        let component_id = ok.take(optional_reference("component_id", &self.component_id));
        let reached_typed = !self.reached_on.trim().is_empty();
        let default = if reached_typed {
            MilestoneStatus::Reached
        } else {
            MilestoneStatus::Pending
        };
        let status = ok.take(status_or(
            "status",
            &self.status,
            default,
            MilestoneStatus::from_code,
        ));
        let reached_on = ok.take(match status {
            Some(MilestoneStatus::Reached) => {
                date_within("reached_on", &self.reached_on, span).map(Some)
            }
            Some(_) if reached_typed => Err(FieldError::new("reached_on", Problem::NotApplicable)),
            Some(_) => Ok(None),
            // With no status to judge by, the date is at least checked as a date.
            None => optional_date("reached_on", &self.reached_on).map(|_| None),
        });
        match (name, due_date, component_id, status, reached_on) {
            (Some(name), Some(due_date), Some(component_id), Some(status), Some(reached_on))
                if errors.is_empty() =>
            {
                Ok(NewMilestone {
                    name,
                    due_date,
                    component_id,
                    status,
                    reached_on,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A stored milestone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Milestone {
    /// Id.
    pub id: i64,
    /// The project it belongs to.
    pub project_id: i64,
    /// The component it marks; `None` for a milestone of the whole project.
    pub component_id: Option<i64>,
    /// The name.
    pub name: String,
    /// When it is due.
    pub due_date: NaiveDate,
    /// The status as last recorded.
    pub status: MilestoneStatus,
    /// The day it was reached, when reached.
    pub reached_on: Option<NaiveDate>,
}

impl Milestone {
    /// Whether the milestone is overdue on `today`: still pending after its due date. (Whether
    /// it is missed is the officer's judgement, so the status is not changed for them.)
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == MilestoneStatus::Pending && self.due_date < today
    }

    /// The milestone as its edit form shows it first.
    pub fn to_form(&self) -> MilestoneForm {
        MilestoneForm {
            name: self.name.clone(),
            due_date: self.due_date.to_string(),
            component_id: self
                .component_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            status: self.status.code().to_owned(),
            reached_on: self.reached_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Budget lines

/// A budget line as typed or sent, in the project's currency.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetLineForm {
    /// The line's code in the project's budget, such as `2.3` (required, at most 20 characters).
    pub code: String,
    /// What it pays for, such as "Cocoa seedlings and grafting" (required, at most 300
    /// characters).
    pub description: String,
    /// The id of the component it belongs to (optional; a component of this project).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "3"))]
    pub component_id: String,
    /// The year it is budgeted for, such as `2026` (optional; one of the project's years).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026"))]
    pub year: String,
    /// The amount in the project's currency, as a decimal string ("125000.50") or a JSON number,
    /// positive, with no more decimals than the currency has (none for PYG, JPY or VND).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "125000.50"))]
    pub amount: String,
}

crate::text_form_from_pairs!(BudgetLineForm {
    code,
    description,
    component_id,
    year,
    amount
});

/// A budget line ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewBudgetLine {
    /// The code, trimmed.
    pub code: String,
    /// The description, trimmed.
    pub description: String,
    /// The component it belongs to, if any (not yet checked to be this project's).
    pub component_id: Option<i64>,
    /// The year, if budgeted for one.
    pub year: Option<i32>,
    /// The amount, exact.
    pub amount: Decimal,
    /// The currency's ISO 4217 code.
    pub currency: String,
    /// Typed by an officer, or accepted from a livelihood plan's bridging support.
    pub origin: BudgetOrigin,
    /// The livelihood plan it was offered from, for bridging support.
    pub livelihood_plan_id: Option<i64>,
}

impl NewBudgetLine {
    /// The same line, recorded as the bridging support offered by livelihood plan
    /// `livelihood_plan_id` (the officer may have edited the offer before accepting it).
    pub fn as_bridging_support(self, livelihood_plan_id: i64) -> NewBudgetLine {
        NewBudgetLine {
            origin: BudgetOrigin::BridgingSupport,
            livelihood_plan_id: Some(livelihood_plan_id),
            ..self
        }
    }
}

impl BudgetLineForm {
    /// Checks every field against the project's period and currency, reporting every problem at
    /// once. The line is [`BudgetOrigin::Manual`]; see [`NewBudgetLine::as_bridging_support`].
    pub fn validate(
        &self,
        span: ProjectSpan,
        currency: &Currency,
    ) -> Result<NewBudgetLine, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let code = ok.take(required_line("code", &self.code, BUDGET_CODE_MAX));
        let description = ok.take(required_line(
            "description",
            &self.description,
            BUDGET_DESCRIPTION_MAX,
        ));
        let component_id = ok.take(optional_reference("component_id", &self.component_id));
        let (first, last) = span.years();
        let year = ok.take(if self.year.trim().is_empty() {
            Ok(None)
        } else {
            whole_number("year", &self.year, i64::from(first), i64::from(last))
                .map(|y| i32::try_from(y).ok())
        });
        let amount = ok.take(currency::amount("amount", &self.amount, currency));
        match (code, description, component_id, year, amount) {
            (Some(code), Some(description), Some(component_id), Some(year), Some(amount))
                if errors.is_empty() =>
            {
                Ok(NewBudgetLine {
                    code,
                    description,
                    component_id,
                    year,
                    amount,
                    currency: currency.code.to_owned(),
                    origin: BudgetOrigin::Manual,
                    livelihood_plan_id: None,
                })
            }
            _ => Err(errors),
        }
    }

    /// The form a page offers for a livelihood plan's bridging support (one offer per year,
    /// say): `bridging_support` rounded up to the currency's minor units so that it covers the
    /// whole valley (an amount already in minor units, such as a livelihood plan's bridging
    /// support by year, is kept as it is), and a description naming the plan. The code is left
    /// for the officer to choose. A `year` outside the project's years will be refused by
    /// [`BudgetLineForm::validate`], so offer only the project's years.
    pub fn bridging_support_offer(
        bridging_support: Decimal,
        currency: &Currency,
        plan_name: &str,
        component_id: Option<i64>,
        year: Option<i32>,
        locale: Locale,
    ) -> BudgetLineForm {
        let amount = bridging_support
            .round_dp_with_strategy(currency.minor_units, RoundingStrategy::AwayFromZero);
        let prefix = match locale {
            Locale::En => "Bridging support",
            Locale::Es => "Apoyo puente",
        };
        let plan: String = plan_name
            .trim()
            .chars()
            .take(BUDGET_DESCRIPTION_MAX as usize - prefix.chars().count() - 2)
            .collect();
        BudgetLineForm {
            code: String::new(),
            description: if plan.is_empty() {
                prefix.to_owned()
            } else {
                format!("{prefix}: {plan}")
            },
            component_id: component_id.map(|id| id.to_string()).unwrap_or_default(),
            year: year.map(|y| y.to_string()).unwrap_or_default(),
            amount: amount.to_string(),
        }
    }
}

/// A stored budget line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetLine {
    /// Id.
    pub id: i64,
    /// The project it belongs to.
    pub project_id: i64,
    /// The component it belongs to, if any.
    pub component_id: Option<i64>,
    /// The code in the project's budget, such as `2.3`.
    pub code: String,
    /// What it pays for.
    pub description: String,
    /// The year it is budgeted for, if any.
    pub year: Option<i32>,
    /// The amount (a decimal string in JSON).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "125000.50"))]
    pub amount: Decimal,
    /// The currency's ISO 4217 code.
    pub currency: String,
    /// Typed by an officer or accepted from a livelihood plan.
    pub origin: BudgetOrigin,
    /// The livelihood plan it came from, for bridging support.
    pub livelihood_plan_id: Option<i64>,
}

impl BudgetLine {
    /// The line as its edit form shows it first.
    pub fn to_form(&self) -> BudgetLineForm {
        BudgetLineForm {
            code: self.code.clone(),
            description: self.description.clone(),
            component_id: self
                .component_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            year: self.year.map(|y| y.to_string()).unwrap_or_default(),
            amount: self.amount.to_string(),
        }
    }
}

/// Orders budget codes the way budgets number them: `2.9` before `2.10`, `2` before `2.1`.
/// Numeric parts compare as numbers, others as text.
pub fn compare_budget_codes(a: &str, b: &str) -> Ordering {
    let mut left = a.split(['.', '-', ' ']);
    let mut right = b.split(['.', '-', ' ']);
    loop {
        match (left.next(), right.next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let order = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    _ => x.cmp(y),
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The timeline

/// A component with its activities, as the timeline lists them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentPlan {
    /// The component.
    pub component: Component,
    /// Its activities, by start date.
    pub activities: Vec<Activity>,
}

/// An amount of money in one currency: a total of budget lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetTotal {
    /// The currency's ISO 4217 code.
    pub currency: String,
    /// The exact sum (a decimal string in JSON).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "250000.00"))]
    pub amount: Decimal,
}

/// The budget of one component (or of the lines under no component).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentBudget {
    /// The component; `None` for the lines that belong to no component.
    pub component_id: Option<i64>,
    /// One total per currency (see [`Timeline::budget_total`]).
    pub totals: Vec<BudgetTotal>,
}

/// How many activities stand in one status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    /// The status.
    pub status: ActivityStatus,
    /// How many activities.
    pub count: i64,
}

/// A project's plan of work: components with their activities, milestones and budget lines.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Timeline {
    /// The components, in their order, each with its activities.
    pub components: Vec<ComponentPlan>,
    /// The milestones, by due date.
    pub milestones: Vec<Milestone>,
    /// The budget lines, by code.
    pub budget_lines: Vec<BudgetLine>,
}

/// Sums amounts per currency, currencies in code order: amounts in different currencies are
/// never added together (converting needs an exchange rate and a date, which a plan does not
/// have).
fn totals<'a>(lines: impl Iterator<Item = &'a BudgetLine>) -> Vec<BudgetTotal> {
    let mut out: Vec<BudgetTotal> = Vec::new();
    for line in lines {
        match out.iter_mut().find(|t| t.currency == line.currency) {
            Some(total) => total.amount += line.amount,
            None => out.push(BudgetTotal {
                currency: line.currency.clone(),
                amount: line.amount,
            }),
        }
    }
    out.sort_by(|a, b| a.currency.cmp(&b.currency));
    out
}

impl Timeline {
    /// Puts a project's records in the order pages show them: components by position (then
    /// id), each with its activities by start date (then end date, then id); milestones by due
    /// date; budget lines by code ([`compare_budget_codes`]). Activities must belong to one of
    /// `components` (the store's foreign key guarantees it); any other is left out.
    pub fn assemble(
        mut components: Vec<Component>,
        mut activities: Vec<Activity>,
        mut milestones: Vec<Milestone>,
        mut budget_lines: Vec<BudgetLine>,
    ) -> Timeline {
        components.sort_by_key(|c| (c.position, c.id));
        activities.sort_by_key(|a| (a.start_date, a.end_date, a.id));
        milestones.sort_by_key(|m| (m.due_date, m.id));
        budget_lines.sort_by(|a, b| compare_budget_codes(&a.code, &b.code).then(a.id.cmp(&b.id)));
        let components = components
            .into_iter()
            .map(|component| ComponentPlan {
                activities: activities
                    .iter()
                    .filter(|a| a.component_id == component.id)
                    .cloned()
                    .collect(),
                component,
            })
            .collect();
        Timeline {
            components,
            milestones,
            budget_lines,
        }
    }

    /// Whether nothing is planned yet: no component and no milestone.
    pub fn is_empty(&self) -> bool {
        self.components.is_empty() && self.milestones.is_empty()
    }

    /// Every activity, component by component.
    pub fn activities(&self) -> impl Iterator<Item = &Activity> {
        self.components.iter().flat_map(|c| c.activities.iter())
    }

    /// The component with this id.
    pub fn component(&self, id: i64) -> Option<&Component> {
        self.components
            .iter()
            .map(|c| &c.component)
            .find(|c| c.id == id)
    }

    /// The budget line with this id.
    pub fn budget_line(&self, id: i64) -> Option<&BudgetLine> {
        self.budget_lines.iter().find(|l| l.id == id)
    }

    /// The milestones that mark component `component_id` (`None`: the whole project's).
    pub fn milestones_of(&self, component_id: Option<i64>) -> impl Iterator<Item = &Milestone> {
        self.milestones
            .iter()
            .filter(move |m| m.component_id == component_id)
    }

    /// The whole budget: one exact total per currency, in currency-code order, empty when there
    /// are no lines. Lines are entered in the project's currency, so there is normally one
    /// total; a second appears only if the project's currency was changed after lines were
    /// entered, and is shown as such rather than added to the first.
    pub fn budget_total(&self) -> Vec<BudgetTotal> {
        totals(self.budget_lines.iter())
    }

    /// The budget of component `component_id` (`None`: the lines under no component), one
    /// total per currency like [`Timeline::budget_total`].
    pub fn component_budget(&self, component_id: Option<i64>) -> Vec<BudgetTotal> {
        totals(
            self.budget_lines
                .iter()
                .filter(|l| l.component_id == component_id),
        )
    }

    /// The budget component by component, in the timeline's order, then the lines under no
    /// component (only when there are some). Components without lines have no totals.
    pub fn budget_by_component(&self) -> Vec<ComponentBudget> {
        let mut out: Vec<ComponentBudget> = self
            .components
            .iter()
            .map(|c| ComponentBudget {
                component_id: Some(c.component.id),
                totals: self.component_budget(Some(c.component.id)),
            })
            .collect();
        // Lines pointing at a component not in the timeline are counted with the unassigned
        // ones, so that the rows always add up to the whole budget.
        let known = |id: &Option<i64>| id.is_some_and(|id| self.component(id).is_some());
        let rest = totals(self.budget_lines.iter().filter(|l| !known(&l.component_id)));
        if !rest.is_empty() {
            out.push(ComponentBudget {
                component_id: None,
                totals: rest,
            });
        }
        out
    }

    /// How many activities stand in each status, every status listed (zeros included) in
    /// [`ActivityStatus::ALL`] order. With `today`, late activities count as delayed
    /// ([`Activity::display_status`]).
    pub fn activity_counts(&self, today: Option<NaiveDate>) -> Vec<StatusCount> {
        ActivityStatus::ALL
            .into_iter()
            .map(|status| StatusCount {
                status,
                count: self
                    .activities()
                    .filter(|a| today.map_or(a.status, |t| a.display_status(t)) == status)
                    .count()
                    .try_into()
                    .unwrap_or(i64::MAX),
            })
            .collect()
    }

    /// The activities late on `today` ([`Activity::is_late`]).
    pub fn late_activities(&self, today: NaiveDate) -> Vec<&Activity> {
        self.activities().filter(|a| a.is_late(today)).collect()
    }

    /// The first day anything is planned: the earliest activity start or milestone due date.
    pub fn first_date(&self) -> Option<NaiveDate> {
        self.activities()
            .map(|a| a.start_date)
            .chain(self.milestones.iter().map(|m| m.due_date))
            .min()
    }

    /// The last day anything is planned: the latest activity end or milestone due date.
    pub fn last_date(&self) -> Option<NaiveDate> {
        self.activities()
            .map(|a| a.end_date)
            .chain(self.milestones.iter().map(|m| m.due_date))
            .max()
    }

    /// The activities and milestones with a date outside `span` (after the project's dates were
    /// changed, say), so a page can ask for them to be moved.
    pub fn outside(&self, span: ProjectSpan) -> (Vec<&Activity>, Vec<&Milestone>) {
        (
            self.activities()
                .filter(|a| !span.contains(a.start_date) || !span.contains(a.end_date))
                .collect(),
            self.milestones
                .iter()
                .filter(|m| {
                    !span.contains(m.due_date) || m.reached_on.is_some_and(|d| !span.contains(d))
                })
                .collect(),
        )
    }

    /// Problems with a valid activity's references: its component and budget line must be
    /// this project's ([`Problem::UnknownReference`] on `component_id` / `budget_line_id`).
    pub fn check_activity(&self, activity: &NewActivity) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.component(activity.component_id).is_none() {
            errors.push(FieldError::new("component_id", Problem::UnknownReference));
        }
        if activity
            .budget_line_id
            .is_some_and(|id| self.budget_line(id).is_none())
        {
            errors.push(FieldError::new("budget_line_id", Problem::UnknownReference));
        }
        errors
    }

    /// Problems with a valid milestone's references: its component, if any, must be this
    /// project's.
    pub fn check_milestone(&self, milestone: &NewMilestone) -> Vec<FieldError> {
        self.check_component("component_id", milestone.component_id)
    }

    /// Problems with a valid budget line's references: its component, if any, must be this
    /// project's.
    pub fn check_budget_line(&self, line: &NewBudgetLine) -> Vec<FieldError> {
        self.check_component("component_id", line.component_id)
    }

    fn check_component(&self, field: &str, id: Option<i64>) -> Vec<FieldError> {
        match id {
            Some(id) if self.component(id).is_none() => {
                vec![FieldError::new(field, Problem::UnknownReference)]
            }
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use rust_decimal::dec;

    pub(crate) fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// A three-year project, 2025-01-01 to 2027-12-31.
    pub(crate) fn span() -> ProjectSpan {
        ProjectSpan {
            start: day("2025-01-01"),
            end: day("2027-12-31"),
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors
            .iter()
            .map(|e| (e.field.as_str(), e.problem.code()))
            .collect()
    }

    fn outside() -> Problem {
        Problem::OutsidePeriod {
            start: "2025-01-01".into(),
            end: "2027-12-31".into(),
        }
    }

    fn activity_form() -> ActivityForm {
        ActivityForm {
            component_id: "3".into(),
            name: "  Deliver cocoa seedlings ".into(),
            description: String::new(),
            start_date: "2025-03-01".into(),
            end_date: "2025-06-30".into(),
            partner_kind: "cooperative".into(),
            partner_name: "Cooperativa Agraria Cacaotera del VRAEM".into(),
            budget_line_id: "12".into(),
            status: String::new(),
        }
    }

    pub(crate) fn activity(id: i64, component_id: i64, start: &str, end: &str) -> Activity {
        Activity {
            id,
            component_id,
            name: format!("Activity {id}"),
            description: None,
            start_date: day(start),
            end_date: day(end),
            partner_kind: PartnerKind::Fao,
            partner_name: None,
            budget_line_id: None,
            status: ActivityStatus::Planned,
        }
    }

    pub(crate) fn component(id: i64, position: i64, name: &str) -> Component {
        Component {
            id,
            project_id: 1,
            kind: ComponentKind::Livelihoods,
            name: name.into(),
            description: None,
            position,
        }
    }

    fn line(
        id: i64,
        component_id: Option<i64>,
        code: &str,
        amount: Decimal,
        cur: &str,
    ) -> BudgetLine {
        BudgetLine {
            id,
            project_id: 1,
            component_id,
            code: code.into(),
            description: format!("Line {code}"),
            year: None,
            amount,
            currency: cur.into(),
            origin: BudgetOrigin::Manual,
            livelihood_plan_id: None,
        }
    }

    fn cop() -> &'static Currency {
        Currency::from_code("COP").unwrap()
    }

    #[test]
    fn every_enum_reads_back_its_own_codes_and_is_named_in_both_languages() {
        fn check<T: Copy + PartialEq + std::fmt::Debug + Serialize>(
            all: &[T],
            code: fn(T) -> &'static str,
            from: fn(&str) -> Option<T>,
            name: fn(T, Locale) -> &'static str,
        ) {
            for &item in all {
                assert_eq!(from(code(item)), Some(item));
                assert_eq!(
                    serde_json::to_string(&item).unwrap(),
                    format!("\"{}\"", code(item))
                );
                assert!(!name(item, Locale::En).is_empty() && !name(item, Locale::Es).is_empty());
            }
            assert_eq!(from("nonsense"), None);
        }
        check(
            &ComponentKind::ALL,
            ComponentKind::code,
            ComponentKind::from_code,
            ComponentKind::name,
        );
        check(
            &PartnerKind::ALL,
            PartnerKind::code,
            PartnerKind::from_code,
            PartnerKind::name,
        );
        check(
            &ActivityStatus::ALL,
            ActivityStatus::code,
            ActivityStatus::from_code,
            ActivityStatus::name,
        );
        check(
            &MilestoneStatus::ALL,
            MilestoneStatus::code,
            MilestoneStatus::from_code,
            MilestoneStatus::name,
        );
        check(
            &BudgetOrigin::ALL,
            BudgetOrigin::code,
            BudgetOrigin::from_code,
            BudgetOrigin::name,
        );
    }

    #[test]
    fn enum_codes_are_their_json_names() {
        assert_eq!(
            serde_json::to_string(&ComponentKind::RuralDevelopment).unwrap(),
            "\"rural_development\""
        );
        assert_eq!(
            serde_json::to_string(&PartnerKind::PrivateBuyer).unwrap(),
            "\"private_buyer\""
        );
        assert_eq!(
            serde_json::to_string(&ActivityStatus::InProgress).unwrap(),
            "\"in_progress\""
        );
        assert_eq!(
            serde_json::to_string(&BudgetOrigin::BridgingSupport).unwrap(),
            "\"bridging_support\""
        );
        assert_eq!(
            ComponentKind::RuralDevelopment.name(Locale::En),
            "Rural development and infrastructure"
        );
        assert_eq!(
            ComponentKind::Institutions.name(Locale::Es),
            "Instituciones y estado de derecho"
        );
        assert_eq!(PartnerKind::Undp.name(Locale::Es), "PNUD");
        assert_eq!(
            PartnerKind::Community.name(Locale::En),
            "Community organisation"
        );
    }

    #[test]
    fn a_component_needs_a_kind_from_the_list_and_a_name() {
        let ok = ComponentForm::from_pairs([
            ("kind", "market_access"),
            ("name", " Component 3: Market access "),
            ("description", ""),
            ("csrf", "x"),
        ])
        .validate()
        .unwrap();
        assert_eq!(
            ok,
            NewComponent {
                kind: ComponentKind::MarketAccess,
                name: "Component 3: Market access".into(),
                description: None,
            }
        );
        let errors = ComponentForm::default().validate().unwrap_err();
        assert_eq!(
            fields(&errors),
            [("kind", "required"), ("name", "required")]
        );
        let errors = ComponentForm {
            kind: "roads".into(),
            name: "x".repeat(201),
            description: "y".repeat(2001),
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                ("kind", "unknown_choice"),
                ("name", "too_long"),
                ("description", "too_long")
            ]
        );
    }

    #[test]
    fn a_valid_activity_is_trimmed_and_planned_by_default() {
        let new = activity_form().validate(span()).unwrap();
        assert_eq!(
            new,
            NewActivity {
                component_id: 3,
                name: "Deliver cocoa seedlings".into(),
                description: None,
                start_date: day("2025-03-01"),
                end_date: day("2025-06-30"),
                partner_kind: PartnerKind::Cooperative,
                partner_name: Some("Cooperativa Agraria Cacaotera del VRAEM".into()),
                budget_line_id: Some(12),
                status: ActivityStatus::Planned,
            }
        );
    }

    #[test]
    fn an_activity_form_post_is_read_field_by_field() {
        let form = ActivityForm::from_pairs([
            ("component_id", "3"),
            ("name", "Train promoters"),
            ("start_date", "2025-03-01"),
            ("end_date", "2025-03-01"),
            ("partner_kind", "ilo"),
            ("partner_name", ""),
            ("budget_line_id", ""),
            ("status", "in_progress"),
            ("description", "Two weeks"),
            ("unknown", "ignored"),
        ]);
        assert_eq!(form.partner_kind, "ilo");
        assert_eq!(form.status, "in_progress");
        let new = form.validate(span()).unwrap();
        assert_eq!(new.start_date, new.end_date, "a one-day activity is fine");
        assert_eq!(new.partner_name, None, "a UN agency needs no name");
        assert_eq!(new.budget_line_id, None);
        assert_eq!(new.status, ActivityStatus::InProgress);
        assert_eq!(new.description.as_deref(), Some("Two weeks"));
    }

    #[test]
    fn activity_dates_outside_the_project_are_refused_naming_the_period() {
        let mut form = activity_form();
        form.start_date = "2024-12-31".into();
        form.end_date = "2028-01-01".into();
        let errors = form.validate(span()).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0], FieldError::new("start_date", outside()));
        assert_eq!(errors[1], FieldError::new("end_date", outside()));
        assert_eq!(
            errors[0].problem.message(Locale::Es),
            "Debe estar entre 2025-01-01 y 2027-12-31."
        );
        // The period's own first and last days are inside it.
        form.start_date = "2025-01-01".into();
        form.end_date = "2027-12-31".into();
        assert!(form.validate(span()).is_ok());
    }

    #[test]
    fn an_activity_ending_before_it_starts_is_refused_on_its_end_date() {
        let mut form = activity_form();
        form.end_date = "2025-02-28".into();
        let errors = form.validate(span()).unwrap_err();
        assert_eq!(fields(&errors), [("end_date", "end_not_after_start")]);
        // Outside the period is the one problem reported, even when also before the start.
        form.start_date = "2025-03-01".into();
        form.end_date = "2024-06-30".into();
        let errors = form.validate(span()).unwrap_err();
        assert_eq!(errors, [FieldError::new("end_date", outside())]);
    }

    #[test]
    fn every_problem_of_an_activity_is_reported_at_once_with_its_field() {
        let form = ActivityForm {
            component_id: "abc".into(),
            name: " ".into(),
            description: "d".repeat(2001),
            start_date: "2025-02-30".into(),
            end_date: String::new(),
            partner_kind: "bank".into(),
            partner_name: "p".repeat(201),
            budget_line_id: "-4".into(),
            status: "done".into(),
        };
        let errors = form.validate(span()).unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                ("component_id", "unknown_reference"),
                ("name", "required"),
                ("description", "too_long"),
                ("start_date", "invalid_date"),
                ("end_date", "required"),
                ("partner_kind", "unknown_choice"),
                ("partner_name", "too_long"),
                ("budget_line_id", "unknown_reference"),
                ("status", "unknown_choice"),
            ]
        );
        let errors = ActivityForm::default().validate(span()).unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                ("component_id", "required"),
                ("name", "required"),
                ("start_date", "required"),
                ("end_date", "required"),
                ("partner_kind", "required"),
            ]
        );
    }

    #[test]
    fn ids_that_cannot_name_a_record_are_unknown_references() {
        for bad in ["0", "-1", "1.5", "x", "99999999999999999999"] {
            let mut form = activity_form();
            form.component_id = bad.into();
            form.budget_line_id = bad.into();
            assert_eq!(
                fields(&form.validate(span()).unwrap_err()),
                [
                    ("component_id", "unknown_reference"),
                    ("budget_line_id", "unknown_reference")
                ],
                "{bad}"
            );
        }
        let mut form = activity_form();
        form.component_id = " 7 ".into();
        assert_eq!(form.validate(span()).unwrap().component_id, 7);
    }

    #[test]
    fn every_partner_but_a_un_agency_must_be_named() {
        for kind in PartnerKind::ALL {
            let mut form = activity_form();
            form.partner_kind = kind.code().into();
            form.partner_name = "  ".into();
            let result = form.validate(span());
            if matches!(
                kind,
                PartnerKind::Unodc | PartnerKind::Fao | PartnerKind::Ilo | PartnerKind::Undp
            ) {
                assert_eq!(result.unwrap().partner_name, None, "{kind:?}");
            } else {
                assert_eq!(
                    fields(&result.unwrap_err()),
                    [("partner_name", "required")],
                    "{kind:?}"
                );
            }
        }
        // A UN agency's office may still be named.
        let mut form = activity_form();
        form.partner_kind = "unodc".into();
        form.partner_name = "Oficina de Enlace y Partenariado en Lima".into();
        assert_eq!(
            form.validate(span()).unwrap().partner_name.as_deref(),
            Some("Oficina de Enlace y Partenariado en Lima")
        );
        // With an unknown kind, only the kind is reported.
        form.partner_kind = "bank".into();
        form.partner_name = String::new();
        assert_eq!(
            fields(&form.validate(span()).unwrap_err()),
            [("partner_kind", "unknown_choice")]
        );
    }

    #[test]
    fn an_activity_is_late_once_its_end_has_passed_unless_completed_or_cancelled() {
        let mut a = activity(1, 3, "2025-03-01", "2025-06-30");
        assert!(
            !a.is_late(day("2025-06-30")),
            "its last day is not late yet"
        );
        assert!(a.is_late(day("2025-07-01")));
        assert_eq!(a.display_status(day("2025-07-01")), ActivityStatus::Delayed);
        assert_eq!(a.display_status(day("2025-05-01")), ActivityStatus::Planned);
        a.status = ActivityStatus::InProgress;
        assert!(a.is_late(day("2026-01-01")));
        for closed in [ActivityStatus::Completed, ActivityStatus::Cancelled] {
            a.status = closed;
            assert!(!a.is_late(day("2026-01-01")));
            assert_eq!(a.display_status(day("2026-01-01")), closed);
        }
    }

    #[test]
    fn an_activity_round_trips_through_its_edit_form() {
        let mut a = activity(9, 3, "2025-03-01", "2025-06-30");
        a.partner_kind = PartnerKind::Ngo;
        a.partner_name = Some("Fundación Nuevo Futuro".into());
        a.budget_line_id = Some(4);
        a.status = ActivityStatus::Completed;
        let new = a.to_form().validate(span()).unwrap();
        assert_eq!(new.partner_name, a.partner_name);
        assert_eq!(new.budget_line_id, Some(4));
        assert_eq!(new.status, ActivityStatus::Completed);
        assert_eq!(a.partner_label(Locale::Es), "ONG: Fundación Nuevo Futuro");
        a.partner_kind = PartnerKind::Fao;
        a.partner_name = None;
        assert_eq!(a.partner_label(Locale::En), "FAO");
    }

    fn milestone_form(status: &str, reached_on: &str) -> MilestoneForm {
        MilestoneForm {
            name: "First cocoa harvest sold".into(),
            due_date: "2026-09-30".into(),
            component_id: String::new(),
            status: status.into(),
            reached_on: reached_on.into(),
        }
    }

    #[test]
    fn a_milestone_is_pending_by_default_and_belongs_to_the_project_when_no_component() {
        let new = MilestoneForm::from_pairs([
            ("name", "Agreements signed"),
            ("due_date", "2025-06-30"),
            ("component_id", ""),
            ("status", ""),
            ("reached_on", ""),
            ("other", "x"),
        ])
        .validate(span())
        .unwrap();
        assert_eq!(
            new,
            NewMilestone {
                name: "Agreements signed".into(),
                due_date: day("2025-06-30"),
                component_id: None,
                status: MilestoneStatus::Pending,
                reached_on: None,
            }
        );
    }

    #[test]
    fn a_reached_milestone_needs_the_day_it_was_reached_within_the_period() {
        let new = milestone_form("reached", "2026-10-15")
            .validate(span())
            .unwrap();
        assert_eq!(new.status, MilestoneStatus::Reached);
        assert_eq!(
            new.reached_on,
            Some(day("2026-10-15")),
            "reached late is fine"
        );
        assert_eq!(
            fields(&milestone_form("reached", "").validate(span()).unwrap_err()),
            [("reached_on", "required")]
        );
        assert_eq!(
            milestone_form("reached", "2028-02-01")
                .validate(span())
                .unwrap_err(),
            [FieldError::new("reached_on", outside())]
        );
        // A reached date with no status says it was reached.
        let new = milestone_form("", "2026-09-01").validate(span()).unwrap();
        assert_eq!(new.status, MilestoneStatus::Reached);
    }

    #[test]
    fn a_pending_or_missed_milestone_refuses_a_reached_date() {
        for status in ["pending", "missed"] {
            assert_eq!(
                fields(
                    &milestone_form(status, "2026-09-01")
                        .validate(span())
                        .unwrap_err()
                ),
                [("reached_on", "not_applicable")],
                "{status}"
            );
            assert_eq!(
                milestone_form(status, "")
                    .validate(span())
                    .unwrap()
                    .reached_on,
                None
            );
        }
    }

    #[test]
    fn every_problem_of_a_milestone_is_reported_at_once() {
        let form = MilestoneForm {
            name: String::new(),
            due_date: "2030-01-01".into(),
            component_id: "first".into(),
            status: "achieved".into(),
            reached_on: "yesterday".into(),
        };
        assert_eq!(
            fields(&form.validate(span()).unwrap_err()),
            [
                ("name", "required"),
                ("due_date", "outside_period"),
                ("component_id", "unknown_reference"),
                ("status", "unknown_choice"),
                ("reached_on", "invalid_date"),
            ]
        );
    }

    #[test]
    fn a_milestone_round_trips_through_its_edit_form() {
        let m = Milestone {
            id: 5,
            project_id: 1,
            component_id: Some(3),
            name: "Cooperative registered".into(),
            due_date: day("2025-12-31"),
            status: MilestoneStatus::Reached,
            reached_on: Some(day("2025-11-20")),
        };
        let new = m.to_form().validate(span()).unwrap();
        assert_eq!(new.component_id, Some(3));
        assert_eq!(new.reached_on, m.reached_on);
        assert!(!m.is_overdue(day("2026-02-01")));
        let pending = Milestone {
            status: MilestoneStatus::Pending,
            reached_on: None,
            ..m
        };
        assert!(pending.is_overdue(day("2026-01-01")));
        assert!(!pending.is_overdue(day("2025-12-31")));
    }

    fn budget_form(amount: &str) -> BudgetLineForm {
        BudgetLineForm {
            code: " 2.3 ".into(),
            description: "Cocoa seedlings and grafting".into(),
            component_id: "3".into(),
            year: "2026".into(),
            amount: amount.into(),
        }
    }

    #[test]
    fn a_budget_line_is_read_exactly_in_the_project_currency() {
        let new = budget_form("125000000,50").validate(span(), cop()).unwrap();
        assert_eq!(
            new,
            NewBudgetLine {
                code: "2.3".into(),
                description: "Cocoa seedlings and grafting".into(),
                component_id: Some(3),
                year: Some(2026),
                amount: dec!(125000000.5),
                currency: "COP".into(),
                origin: BudgetOrigin::Manual,
                livelihood_plan_id: None,
            }
        );
        let form = BudgetLineForm::from_pairs([
            ("code", "1.1"),
            ("description", "Tertiary roads"),
            ("component_id", ""),
            ("year", ""),
            ("amount", "900"),
        ]);
        let new = form.validate(span(), cop()).unwrap();
        assert_eq!((new.component_id, new.year), (None, None));
    }

    #[test]
    fn budget_amounts_have_no_more_decimals_than_the_currency() {
        let pyg = Currency::from_code("PYG").unwrap();
        assert_eq!(
            fields(&budget_form("1500000.5").validate(span(), pyg).unwrap_err()),
            [("amount", "too_many_decimals")]
        );
        assert_eq!(
            budget_form("1500000").validate(span(), pyg).unwrap().amount,
            dec!(1500000)
        );
        let usd = Currency::from_code("USD").unwrap();
        assert_eq!(
            budget_form("10.005").validate(span(), usd).unwrap_err()[0].problem,
            Problem::TooManyDecimals { max: 2 }
        );
        assert_eq!(
            budget_form("0").validate(span(), usd).unwrap_err()[0].problem,
            Problem::NotPositive
        );
        assert_eq!(
            budget_form("1,234").validate(span(), usd).unwrap_err()[0].problem,
            Problem::AmbiguousNumber
        );
    }

    #[test]
    fn every_problem_of_a_budget_line_is_reported_at_once() {
        let form = BudgetLineForm {
            code: "2.3.1.4.5.6.7.8.9.10.11".into(),
            description: String::new(),
            component_id: "0".into(),
            year: "2024".into(),
            amount: "-5".into(),
        };
        let errors = form.validate(span(), cop()).unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                ("code", "too_long"),
                ("description", "required"),
                ("component_id", "unknown_reference"),
                ("year", "out_of_range"),
                ("amount", "not_positive"),
            ]
        );
        assert_eq!(
            errors[3].problem,
            Problem::OutOfRange {
                min: "2025".into(),
                max: "2027".into()
            }
        );
        let mut form = budget_form("");
        form.year = "2026.5".into();
        assert_eq!(
            fields(&form.validate(span(), cop()).unwrap_err()),
            [("year", "not_a_whole_number"), ("amount", "required")]
        );
    }

    #[test]
    fn json_budget_lines_take_numbers_or_strings_and_refuse_unknown_fields() {
        let form: BudgetLineForm = serde_json::from_str(
            r#"{"code":"2.3","description":"Seedlings","component_id":3,"year":2026,"amount":1250.5}"#,
        )
        .unwrap();
        assert_eq!(form.amount, "1250.5");
        assert_eq!(form.component_id, "3");
        let usd = Currency::from_code("USD").unwrap();
        assert_eq!(form.validate(span(), usd).unwrap().amount, dec!(1250.5));
        assert!(serde_json::from_str::<BudgetLineForm>(r#"{"monto":"1"}"#).is_err());
        let activity: ActivityForm =
            serde_json::from_str(r#"{"component_id":3,"budget_line_id":12}"#).unwrap();
        assert_eq!(activity.budget_line_id, "12");
    }

    #[test]
    fn bridging_support_is_offered_rounded_up_to_cover_the_valley_and_accepted_as_such() {
        // 1,234,567.891 COP of gaps, rounded up to cents: 1,234,567.90.
        let offer = BudgetLineForm::bridging_support_offer(
            dec!(1234567.891),
            cop(),
            "Familia 0042 — cacao",
            Some(3),
            Some(2025),
            Locale::Es,
        );
        assert_eq!(offer.amount, "1234567.90");
        assert_eq!(offer.description, "Apoyo puente: Familia 0042 — cacao");
        assert_eq!(offer.code, "", "the officer chooses the code");
        let mut accepted = offer.clone();
        accepted.code = "2.4".into();
        let new = accepted
            .validate(span(), cop())
            .unwrap()
            .as_bridging_support(42);
        assert_eq!(new.origin, BudgetOrigin::BridgingSupport);
        assert_eq!(new.livelihood_plan_id, Some(42));
        assert_eq!(new.amount, dec!(1234567.9));
        // PYG has no minor units: 10.2 rounds up to 11.
        let pyg = Currency::from_code("PYG").unwrap();
        let offer =
            BudgetLineForm::bridging_support_offer(dec!(10.2), pyg, "", None, None, Locale::En);
        assert_eq!(offer.amount, "11");
        assert_eq!(offer.description, "Bridging support");
    }

    #[test]
    fn budget_codes_sort_as_budgets_number_them() {
        let mut codes = vec!["2.10", "10", "2.9", "2", "1.1", "A.1", "2.1"];
        codes.sort_by(|a, b| compare_budget_codes(a, b));
        assert_eq!(codes, ["1.1", "2", "2.1", "2.9", "2.10", "10", "A.1"]);
    }

    fn timeline() -> Timeline {
        let mut late = activity(11, 20, "2025-02-01", "2025-05-31");
        late.status = ActivityStatus::InProgress;
        let mut done = activity(12, 20, "2025-01-15", "2025-03-31");
        done.status = ActivityStatus::Completed;
        let later = activity(13, 10, "2026-01-01", "2027-06-30");
        let mut milestone = Milestone {
            id: 1,
            project_id: 1,
            component_id: None,
            name: "Mid-term review".into(),
            due_date: day("2027-09-30"),
            status: MilestoneStatus::Pending,
            reached_on: None,
        };
        let early = Milestone {
            id: 2,
            due_date: day("2025-01-10"),
            component_id: Some(20),
            name: "Agreements signed".into(),
            ..milestone.clone()
        };
        milestone.component_id = None;
        Timeline::assemble(
            vec![
                component(10, 2, "Roads"),
                component(20, 1, "Cocoa value chain"),
            ],
            vec![later, late, done],
            vec![milestone, early],
            vec![
                line(1, Some(20), "2.10", dec!(1000.10), "USD"),
                line(2, Some(20), "2.9", dec!(0.20), "USD"),
                line(3, Some(10), "1.1", dec!(250000), "USD"),
                line(4, None, "3", dec!(0.05), "USD"),
                line(5, Some(20), "2.11", dec!(5000000), "COP"),
            ],
        )
    }

    #[test]
    fn a_timeline_orders_components_activities_milestones_and_lines() {
        let t = timeline();
        let names: Vec<&str> = t
            .components
            .iter()
            .map(|c| c.component.name.as_str())
            .collect();
        assert_eq!(names, ["Cocoa value chain", "Roads"]);
        let ids: Vec<i64> = t.components[0].activities.iter().map(|a| a.id).collect();
        assert_eq!(ids, [12, 11], "by start date");
        assert_eq!(t.milestones[0].name, "Agreements signed");
        let codes: Vec<&str> = t.budget_lines.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["1.1", "2.9", "2.10", "2.11", "3"]);
        assert_eq!(t.milestones_of(Some(20)).count(), 1);
        assert_eq!(t.milestones_of(None).count(), 1);
        assert!(!t.is_empty());
        assert!(Timeline::default().is_empty());
    }

    #[test]
    fn budget_totals_are_exact_and_never_mix_currencies() {
        let t = timeline();
        let usd = |amount| BudgetTotal {
            currency: "USD".into(),
            amount,
        };
        let cop = |amount| BudgetTotal {
            currency: "COP".into(),
            amount,
        };
        // USD: 1000.10 + 0.20 + 250000 + 0.05 = 251000.35; COP kept apart: 5000000.
        assert_eq!(t.budget_total(), [cop(dec!(5000000)), usd(dec!(251000.35))]);
        // Cocoa (20): 1000.10 + 0.20 = 1000.30 USD, and 5,000,000 COP.
        assert_eq!(
            t.component_budget(Some(20)),
            [cop(dec!(5000000)), usd(dec!(1000.30))]
        );
        assert_eq!(t.component_budget(None), [usd(dec!(0.05))]);
        assert_eq!(
            t.budget_by_component(),
            [
                ComponentBudget {
                    component_id: Some(20),
                    totals: vec![cop(dec!(5000000)), usd(dec!(1000.30))],
                },
                ComponentBudget {
                    component_id: Some(10),
                    totals: vec![usd(dec!(250000))],
                },
                ComponentBudget {
                    component_id: None,
                    totals: vec![usd(dec!(0.05))],
                },
            ]
        );
        assert_eq!(Timeline::default().budget_total(), []);
        assert_eq!(
            serde_json::to_value(usd(dec!(0.30))).unwrap()["amount"],
            "0.30"
        );
    }

    #[test]
    fn activity_counts_list_every_status_and_count_late_ones_as_delayed() {
        let t = timeline();
        let count =
            |today| -> Vec<i64> { t.activity_counts(today).iter().map(|c| c.count).collect() };
        // Planned, in progress, completed, delayed, cancelled.
        assert_eq!(count(None), [1, 1, 1, 0, 0]);
        assert_eq!(count(Some(day("2025-07-01"))), [1, 0, 1, 1, 0]);
        assert_eq!(t.late_activities(day("2025-07-01"))[0].id, 11);
    }

    #[test]
    fn the_timeline_spans_from_its_first_to_its_last_date() {
        let t = timeline();
        assert_eq!(t.first_date(), Some(day("2025-01-10")));
        assert_eq!(t.last_date(), Some(day("2027-09-30")));
        assert_eq!(Timeline::default().first_date(), None);
        let shorter = ProjectSpan {
            start: day("2025-01-01"),
            end: day("2026-12-31"),
        };
        let (activities, milestones) = t.outside(shorter);
        assert_eq!(activities.iter().map(|a| a.id).collect::<Vec<_>>(), [13]);
        assert_eq!(milestones.iter().map(|m| m.id).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn references_to_records_of_another_project_are_refused() {
        let t = timeline();
        let mut new = activity_form().validate(span()).unwrap();
        assert_eq!(
            fields(&t.check_activity(&new)),
            [
                ("component_id", "unknown_reference"),
                ("budget_line_id", "unknown_reference")
            ]
        );
        new.component_id = 20;
        new.budget_line_id = Some(3);
        assert!(t.check_activity(&new).is_empty());
        let mut milestone = milestone_form("", "").validate(span()).unwrap();
        assert!(t.check_milestone(&milestone).is_empty());
        milestone.component_id = Some(99);
        assert_eq!(
            fields(&t.check_milestone(&milestone)),
            [("component_id", "unknown_reference")]
        );
        let line = budget_form("1").validate(span(), cop()).unwrap();
        assert_eq!(
            fields(&t.check_budget_line(&line)),
            [("component_id", "unknown_reference")]
        );
    }

    #[test]
    fn a_timeline_serializes_for_the_api() {
        let json = serde_json::to_value(timeline()).unwrap();
        assert_eq!(json["components"][0]["component"]["kind"], "livelihoods");
        assert_eq!(
            json["components"][0]["activities"][1]["status"],
            "in_progress"
        );
        assert_eq!(json["milestones"][0]["due_date"], "2025-01-10");
        assert_eq!(json["budget_lines"][0]["amount"], "250000");
        let back: Timeline = serde_json::from_value(json).unwrap();
        assert_eq!(back, timeline());
    }

    #[test]
    fn a_span_counts_its_days_and_years_both_ends_included() {
        assert_eq!(span().days(), 365 + 365 + 365);
        assert_eq!(span().years(), (2025, 2027));
        assert!(span().contains(day("2027-12-31")));
        assert!(!span().contains(day("2028-01-01")));
    }
}
