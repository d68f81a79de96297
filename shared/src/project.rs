//! Projects: one alternative development intervention in a country, with its dates, the illicit
//! crops it addresses and the licit crops it plans, in hectares.

use crate::country::Country;
use crate::crop::{AlternativeCrop, IllicitCrop};
use crate::currency::Currency;
use crate::i18n::{Locale, Msg};
use crate::program::{DESCRIPTION_MAX, NAME_MAX};
use crate::validation::{
    Collector, FieldError, Problem, date, optional_text, positive_decimal, required_line,
};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeMap, HashSet};

/// The most planned-crop rows a project takes.
pub const PLANNED_CROPS_MAX: u32 = 20;
/// The most donors one project lists.
pub const DONORS_MAX: u32 = 30;
/// The rows the project form shows.
pub const PLANNED_CROP_FORM_ROWS: usize = 6;
/// The largest area one project may plan for one crop, in hectares: larger than any national
/// programme's single-crop plan, so a larger figure is a typing mistake.
pub const HECTARES_MAX: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// Hectares are kept to the square metre (1 ha = 10,000 m²).
pub const HECTARES_DECIMALS: u32 = 4;

/// Whether a project works with communities that grow illicit crops, or with communities at risk
/// of starting (preventive alternative development).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ProjectKind {
    /// Alternative development.
    #[default]
    Ad,
    /// Preventive alternative development.
    PreventiveAd,
}

impl ProjectKind {
    /// Both kinds, in form order.
    pub const ALL: [ProjectKind; 2] = [ProjectKind::Ad, ProjectKind::PreventiveAd];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            ProjectKind::Ad => "ad",
            ProjectKind::PreventiveAd => "preventive_ad",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        ProjectKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        locale.t(match self {
            ProjectKind::Ad => Msg::KindAd,
            ProjectKind::PreventiveAd => Msg::KindPreventiveAd,
        })
    }
}

/// Where a project stands in its life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ProjectStatus {
    /// Being designed: plan, budget and agreements not yet final.
    #[default]
    Planning,
    /// Under way in the field.
    Active,
    /// Stopped for a while (security, funding, a community's decision).
    Suspended,
    /// Finished.
    Completed,
    /// Stopped for good before its end.
    Cancelled,
}

impl ProjectStatus {
    /// Every status, in the order of a project's life.
    pub const ALL: [ProjectStatus; 5] = [
        ProjectStatus::Planning,
        ProjectStatus::Active,
        ProjectStatus::Suspended,
        ProjectStatus::Completed,
        ProjectStatus::Cancelled,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            ProjectStatus::Planning => "planning",
            ProjectStatus::Active => "active",
            ProjectStatus::Suspended => "suspended",
            ProjectStatus::Completed => "completed",
            ProjectStatus::Cancelled => "cancelled",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        ProjectStatus::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        locale.t(match self {
            ProjectStatus::Planning => Msg::StatusPlanning,
            ProjectStatus::Active => Msg::ProjectStatusActive,
            ProjectStatus::Suspended => Msg::StatusSuspended,
            ProjectStatus::Completed => Msg::StatusCompleted,
            ProjectStatus::Cancelled => Msg::StatusCancelled,
        })
    }
}

/// A donor as a project names it: enough to show and link it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DonorRef {
    /// The donor's identifier.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// One planned-crop row as typed or sent: a crop code and hectares as text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlannedCropForm {
    /// The crop's code, such as `cocoa`.
    pub crop: String,
    /// Hectares, as a decimal string ("120.5") or a JSON number.
    #[serde(deserialize_with = "string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "120.5"))]
    pub hectares: String,
}

impl PlannedCropForm {
    fn is_blank(&self) -> bool {
        self.crop.trim().is_empty() && self.hectares.trim().is_empty()
    }
}

/// Accepts `"120.5"` or `120.5` (JSON number, kept exactly as written) for a decimal field, and
/// `null` as empty.
pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
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
        // `null` is how JSON says an optional value is missing: the same as leaving it empty.
        Raw::Null(()) => String::new(),
    })
}

/// Accepts `true`/`false` (JSON) or text (`"on"` from a checkbox) for a yes/no field, kept as text
/// for the form.
pub(crate) fn string_or_bool<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Flag(bool),
    }
    Ok(match Raw::deserialize(deserializer)? {
        Raw::Text(s) => s,
        Raw::Flag(b) => b.to_string(),
    })
}

/// What a user typed or sent to create a project, as text, before validation. The same struct is
/// the HTML form, the server function's argument and the REST API's request body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectForm {
    /// The project's name (required, at most 200 characters, unique within its program).
    pub name: String,
    /// `ad` (default when empty) or `preventive_ad`.
    pub kind: String,
    /// ISO 3166-1 alpha-2 country code, such as `CO` or `PE`.
    pub country: String,
    /// First day, `YYYY-MM-DD`.
    pub start_date: String,
    /// Last day, `YYYY-MM-DD`, after the start date.
    pub end_date: String,
    /// Codes of the illicit crops addressed: `coca_bush`, `opium_poppy`, `cannabis_plant`.
    pub illicit_crops: Vec<String>,
    /// The licit crops planned, at most 20, each crop once. Empty rows are ignored.
    pub planned_crops: Vec<PlannedCropForm>,
    /// Optional description, at most 2,000 characters.
    pub description: String,
    /// `planning` (default when empty), `active`, `suspended`, `completed` or `cancelled`.
    pub status: String,
    /// ISO 4217 code of the currency the project plans in (budgets, prices, incomes); default
    /// when empty: the country's currency (COP for Colombia, PEN for Peru, else USD).
    pub currency: String,
    /// Ids of the donors funding the project (see `/api/v1/donors`); each once.
    pub donors: Vec<String>,
}

/// A valid planned crop: which crop and how many hectares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlannedCrop {
    /// The crop.
    pub crop: AlternativeCrop,
    /// Planned hectares (a decimal string in JSON).
    pub hectares: Decimal,
}

/// A project ready to be stored: every field valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProject {
    /// The name, trimmed.
    pub name: String,
    /// AD or preventive AD.
    pub kind: ProjectKind,
    /// ISO country code.
    pub country: &'static str,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day.
    pub end_date: NaiveDate,
    /// Illicit crops addressed, each once, in catalogue order.
    pub illicit_crops: Vec<IllicitCrop>,
    /// Planned crops in the order given.
    pub planned_crops: Vec<PlannedCrop>,
    /// Description, if any.
    pub description: Option<String>,
    /// Where it stands.
    pub status: ProjectStatus,
    /// The currency it plans in (ISO 4217).
    pub currency: &'static str,
    /// The donors funding it (ids, each once, as given; the server checks they exist).
    pub donors: Vec<i64>,
}

/// The name of the field for row `index` of the planned crops, such as `planned_crops[2].crop`.
pub fn planned_field(index: usize, part: &str) -> String {
    format!("planned_crops[{index}].{part}")
}

impl ProjectForm {
    /// Reads a form post. Repeated `illicit_crops` fields give the list; rows are named
    /// `planned_crops[N].crop` and `planned_crops[N].hectares`. Other fields are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut form = ProjectForm::default();
        let mut rows: BTreeMap<usize, PlannedCropForm> = BTreeMap::new();
        for (key, value) in pairs {
            match key {
                "name" => form.name = value.to_owned(),
                "kind" => form.kind = value.to_owned(),
                "country" => form.country = value.to_owned(),
                "start_date" => form.start_date = value.to_owned(),
                "end_date" => form.end_date = value.to_owned(),
                "description" => form.description = value.to_owned(),
                "illicit_crops" => form.illicit_crops.push(value.to_owned()),
                "status" => form.status = value.to_owned(),
                "currency" => form.currency = value.to_owned(),
                "donors" => form.donors.push(value.to_owned()),
                _ => {
                    if let Some((index, part)) = parse_row_key(key) {
                        let row = rows.entry(index).or_default();
                        match part {
                            "crop" => row.crop = value.to_owned(),
                            _ => row.hectares = value.to_owned(),
                        }
                    }
                }
            }
        }
        // Rows keep their index so that errors point at the right inputs.
        if let Some(last) = rows.keys().next_back() {
            form.planned_crops = vec![PlannedCropForm::default(); last + 1];
            for (index, row) in rows {
                form.planned_crops[index] = row;
            }
        }
        form
    }

    /// Checks every field, reporting every problem at once with the field's path.
    pub fn validate(&self) -> Result<NewProject, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);

        let name = ok.take(required_line("name", &self.name, NAME_MAX));
        let kind = ok.take(match self.kind.trim() {
            "" => Ok(ProjectKind::Ad),
            code => ProjectKind::from_code(code)
                .ok_or_else(|| FieldError::new("kind", Problem::UnknownKind)),
        });
        let country = ok.take(if self.country.trim().is_empty() {
            Err(FieldError::new("country", Problem::Required))
        } else {
            Country::from_code(&self.country)
                .map(|c| c.code)
                .ok_or_else(|| FieldError::new("country", Problem::UnknownCountry))
        });
        let start = ok.take(date("start_date", &self.start_date));
        let end = ok.take(date("end_date", &self.end_date));
        if let (Some(start), Some(end)) = (start, end)
            && end <= start
        {
            ok.0.push(FieldError::new("end_date", Problem::EndNotAfterStart));
        }
        let description = ok.take(optional_text(
            "description",
            &self.description,
            DESCRIPTION_MAX,
        ));

        let status = ok.take(match self.status.trim() {
            "" => Ok(ProjectStatus::Planning),
            code => ProjectStatus::from_code(code)
                .ok_or_else(|| FieldError::new("status", Problem::UnknownChoice)),
        });
        let currency = ok.take(match self.currency.trim() {
            "" => Ok(Currency::for_country(&self.country).code),
            code => Currency::from_code(code)
                .map(|c| c.code)
                .ok_or_else(|| FieldError::new("currency", Problem::UnknownChoice)),
        });
        let donors = ok.take(self.validate_donors());

        let illicit_crops = self.validate_illicit_crops(&mut errors);
        let planned_crops = self.validate_planned_crops(&mut errors);

        match (
            name,
            kind,
            country,
            start,
            end,
            description,
            status,
            currency,
            donors,
        ) {
            (
                Some(name),
                Some(kind),
                Some(country),
                Some(start_date),
                Some(end_date),
                Some(description),
                Some(status),
                Some(currency),
                Some(donors),
            ) if errors.is_empty() => Ok(NewProject {
                name,
                kind,
                country,
                start_date,
                end_date,
                illicit_crops,
                planned_crops,
                description,
                status,
                currency,
                donors,
            }),
            _ => Err(errors),
        }
    }

    fn validate_donors(&self) -> Result<Vec<i64>, FieldError> {
        let mut donors = Vec::new();
        for raw in self
            .donors
            .iter()
            .map(|d| d.trim())
            .filter(|d| !d.is_empty())
        {
            let id = raw
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or_else(|| FieldError::new("donors", Problem::UnknownReference))?;
            if !donors.contains(&id) {
                donors.push(id);
            }
        }
        if donors.len() > DONORS_MAX as usize {
            return Err(FieldError::new(
                "donors",
                Problem::TooMany { max: DONORS_MAX },
            ));
        }
        Ok(donors)
    }

    fn validate_illicit_crops(&self, errors: &mut Vec<FieldError>) -> Vec<IllicitCrop> {
        let mut crops = Vec::new();
        for code in self
            .illicit_crops
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
        {
            match IllicitCrop::from_code(code) {
                Some(crop) if !crops.contains(&crop) => crops.push(crop),
                Some(_) => {}
                None => {
                    errors.push(FieldError::new("illicit_crops", Problem::UnknownCrop));
                    return Vec::new();
                }
            }
        }
        if crops.is_empty() {
            errors.push(FieldError::new("illicit_crops", Problem::AtLeastOne));
        }
        crops.sort();
        crops
    }

    fn validate_planned_crops(&self, errors: &mut Vec<FieldError>) -> Vec<PlannedCrop> {
        let filled: Vec<(usize, &PlannedCropForm)> = self
            .planned_crops
            .iter()
            .enumerate()
            .filter(|(_, row)| !row.is_blank())
            .collect();
        if filled.is_empty() {
            errors.push(FieldError::new("planned_crops", Problem::AtLeastOne));
            return Vec::new();
        }
        if filled.len() > PLANNED_CROPS_MAX as usize {
            errors.push(FieldError::new(
                "planned_crops",
                Problem::TooMany {
                    max: PLANNED_CROPS_MAX,
                },
            ));
            return Vec::new();
        }
        let mut seen = HashSet::new();
        let mut planned = Vec::new();
        for (index, row) in filled {
            let crop = match row.crop.trim() {
                "" => Err(Problem::Required),
                code => AlternativeCrop::from_code(code).ok_or(Problem::UnknownCrop),
            }
            .and_then(|crop| {
                if seen.insert(crop) {
                    Ok(crop)
                } else {
                    Err(Problem::DuplicateCrop)
                }
            })
            .map_err(|p| errors.push(FieldError::new(planned_field(index, "crop"), p)))
            .ok();
            let hectares = positive_decimal(
                &planned_field(index, "hectares"),
                &row.hectares,
                HECTARES_MAX,
                HECTARES_DECIMALS,
            )
            .map_err(|e| errors.push(e))
            .ok();
            if let (Some(crop), Some(hectares)) = (crop, hectares) {
                planned.push(PlannedCrop { crop, hectares });
            }
        }
        planned
    }
}

fn parse_row_key(key: &str) -> Option<(usize, &str)> {
    let rest = key.strip_prefix("planned_crops[")?;
    let (index, part) = rest.split_once("].")?;
    let index: usize = index.parse().ok()?;
    // Forms have a handful of rows; a larger index is not a real form's and is not given room.
    (index < 100 && matches!(part, "crop" | "hectares")).then_some((index, part))
}

/// A stored project, as its page and the API show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Project {
    /// The project's identifier.
    pub id: i64,
    /// The program it belongs to.
    pub program_id: i64,
    /// That program's name.
    pub program_name: String,
    /// The organisation that runs the program.
    pub organisation_id: Option<i64>,
    /// The project's name.
    pub name: String,
    /// AD or preventive AD.
    pub kind: ProjectKind,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day.
    pub end_date: NaiveDate,
    /// Illicit crops addressed.
    pub illicit_crops: Vec<IllicitCrop>,
    /// Licit crops planned, with hectares.
    pub planned_crops: Vec<PlannedCrop>,
    /// Description, if any.
    pub description: Option<String>,
    /// Where it stands.
    pub status: ProjectStatus,
    /// The currency it plans in (ISO 4217).
    pub currency: String,
    /// The donors funding it, by name.
    pub donors: Vec<DonorRef>,
    /// Whether this is demonstration data.
    pub is_demo: bool,
    /// When it was created (UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last changed (UTC), if ever.
    pub updated_at: Option<DateTime<Utc>>,
}

impl Project {
    /// The project as its edit form shows it first: every field as text.
    pub fn to_form(&self) -> ProjectForm {
        ProjectForm {
            name: self.name.clone(),
            kind: self.kind.code().to_owned(),
            country: self.country.clone(),
            start_date: self.start_date.to_string(),
            end_date: self.end_date.to_string(),
            illicit_crops: self
                .illicit_crops
                .iter()
                .map(|c| c.code().to_owned())
                .collect(),
            planned_crops: self
                .planned_crops
                .iter()
                .map(|p| PlannedCropForm {
                    crop: p.crop.code().to_owned(),
                    hectares: p.hectares.normalize().to_string(),
                })
                .collect(),
            description: self.description.clone().unwrap_or_default(),
            status: self.status.code().to_owned(),
            currency: self.currency.clone(),
            donors: self.donors.iter().map(|d| d.id.to_string()).collect(),
        }
    }

    /// The project's period.
    pub fn span(&self) -> (NaiveDate, NaiveDate) {
        (self.start_date, self.end_date)
    }

    /// The hectares planned across all crops.
    pub fn total_planned_hectares(&self) -> Decimal {
        self.planned_crops.iter().map(|c| c.hectares).sum()
    }
}

/// `part` as a percentage of `total`, rounded half-to-even to one decimal place; zero when the
/// total is zero.
pub fn share_percent(part: Decimal, total: Decimal) -> Decimal {
    if total.is_zero() {
        return Decimal::ZERO;
    }
    (part * Decimal::ONE_HUNDRED / total)
        .round_dp(1)
        .normalize()
}

/// The area form as typed: GeoJSON text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaForm {
    /// The GeoJSON pasted or uploaded.
    pub area: String,
}

impl AreaForm {
    /// Reads a form post's `area` field.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        AreaForm {
            area: pairs
                .into_iter()
                .find(|(k, _)| *k == "area")
                .map(|(_, v)| v.to_owned())
                .unwrap_or_default(),
        }
    }
}

/// A project's area: its polygons (GeoJSON MultiPolygon, WGS84) and its geodesic area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectArea {
    /// The project.
    pub project_id: i64,
    /// Hectares on the WGS84 ellipsoid, to the square metre (a decimal string in JSON).
    pub hectares: Decimal,
    /// The polygons as a GeoJSON MultiPolygon geometry.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub geometry: serde_json::Value,
    /// When it was last set (UTC).
    pub updated_at: DateTime<Utc>,
}

/// A project as a list shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectSummary {
    /// The project's identifier.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// AD or preventive AD.
    pub kind: ProjectKind,
    /// ISO country code.
    pub country: String,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day.
    pub end_date: NaiveDate,
    /// Hectares planned across all crops (a decimal string in JSON).
    pub total_planned_hectares: Decimal,
    /// Where it stands.
    pub status: ProjectStatus,
    /// The program it belongs to.
    pub program_id: i64,
    /// That program's name.
    pub program_name: String,
    /// Illicit crops addressed.
    pub illicit_crops: Vec<IllicitCrop>,
    /// Licit crops planned.
    pub planned_crops: Vec<AlternativeCrop>,
    /// The donors funding it.
    pub donors: Vec<DonorRef>,
    /// The area's geodesic hectares, when an area is set.
    pub area_hectares: Option<Decimal>,
}

/// What the reader may do with a project, so pages offer only that (the server checks anyway).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectRights {
    /// Change the project and its plan.
    pub edit: bool,
    /// Change its results framework.
    pub edit_results: bool,
    /// Add communities.
    pub add_community: bool,
    /// See household records (of the project or of some of its communities).
    #[serde(default)]
    pub households: bool,
    /// See its funding (for a donor viewer: its donor's part).
    #[serde(default)]
    pub funding: bool,
    /// See its outcomes over time (household records of the whole project).
    #[serde(default)]
    pub outcomes: bool,
}

/// Which projects a list shows: every filter given must match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct ProjectFilter {
    /// ISO country code.
    pub country: Option<String>,
    /// An illicit crop addressed or an alternative crop planned (its code).
    pub crop: Option<String>,
    /// A status code.
    pub status: Option<String>,
    /// A donor's id.
    pub donor: Option<i64>,
    /// A program's id.
    pub program: Option<i64>,
    /// Words the project's name contains (any case).
    pub q: Option<String>,
}

impl ProjectFilter {
    /// Reads the filters of a list's address (`?country=CO&crop=cocoa`); empty values are no
    /// filter, and an id that is not a number matches nothing rather than everything.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut filter = ProjectFilter::default();
        let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        let id = |v: &str| {
            let v = v.trim();
            (!v.is_empty()).then(|| v.parse::<i64>().unwrap_or(-1))
        };
        for (key, value) in pairs {
            match key {
                "country" => filter.country = text(value),
                "crop" => filter.crop = text(value),
                "status" => filter.status = text(value),
                "donor" => filter.donor = id(value),
                "program" => filter.program = id(value),
                "q" => filter.q = text(value),
                _ => {}
            }
        }
        filter
    }

    /// Whether any filter is set.
    pub fn is_empty(&self) -> bool {
        *self == ProjectFilter::default()
    }

    /// Whether `project` passes every filter given.
    pub fn matches(&self, project: &ProjectSummary) -> bool {
        let country = self
            .country
            .as_deref()
            .is_none_or(|c| project.country.eq_ignore_ascii_case(c));
        let crop = self.crop.as_deref().is_none_or(|code| {
            project.illicit_crops.iter().any(|c| c.code() == code)
                || project.planned_crops.iter().any(|c| c.code() == code)
        });
        let status = self
            .status
            .as_deref()
            .is_none_or(|s| project.status.code() == s);
        let donor = self
            .donor
            .is_none_or(|d| project.donors.iter().any(|x| x.id == d));
        let program = self.program.is_none_or(|p| project.program_id == p);
        let words = self.q.as_deref().is_none_or(|q| {
            let name = project.name.to_lowercase();
            q.to_lowercase()
                .split_whitespace()
                .all(|w| name.contains(w))
        });
        country && crop && status && donor && program && words
    }

    /// The filters as an address's query (`country=CO&status=active`), for links that keep them.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        let mut push = |key: &str, value: String| {
            let encoded: String = value
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                        (b as char).to_string()
                    }
                    b' ' => "+".to_owned(),
                    _ => format!("%{b:02X}"),
                })
                .collect();
            parts.push(format!("{key}={encoded}"));
        };
        if let Some(v) = &self.country {
            push("country", v.clone());
        }
        if let Some(v) = &self.crop {
            push("crop", v.clone());
        }
        if let Some(v) = &self.status {
            push("status", v.clone());
        }
        if let Some(v) = self.donor {
            push("donor", v.to_string());
        }
        if let Some(v) = self.program {
            push("program", v.to_string());
        }
        if let Some(v) = &self.q {
            push("q", v.clone());
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn valid() -> ProjectForm {
        ProjectForm {
            name: "Cacao para la paz".into(),
            kind: "ad".into(),
            country: "co".into(),
            start_date: "2025-01-01".into(),
            end_date: "2028-12-31".into(),
            illicit_crops: vec!["coca_bush".into()],
            planned_crops: vec![
                PlannedCropForm {
                    crop: "cocoa".into(),
                    hectares: "1200.5".into(),
                },
                PlannedCropForm::default(),
                PlannedCropForm {
                    crop: "honey".into(),
                    hectares: "40".into(),
                },
            ],
            description: String::new(),
            ..ProjectForm::default()
        }
    }

    fn fields(form: &ProjectForm) -> Vec<(String, &'static str)> {
        form.validate()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem.code()))
            .collect()
    }

    #[test]
    fn a_valid_project_form_gives_a_project_with_blank_rows_skipped() {
        let project = valid().validate().unwrap();
        assert_eq!(project.country, "CO");
        assert_eq!(project.kind, ProjectKind::Ad);
        assert_eq!(project.illicit_crops, vec![IllicitCrop::CocaBush]);
        assert_eq!(
            project.planned_crops,
            vec![
                PlannedCrop {
                    crop: AlternativeCrop::Cocoa,
                    hectares: dec!(1200.5)
                },
                PlannedCrop {
                    crop: AlternativeCrop::Honey,
                    hectares: dec!(40)
                },
            ]
        );
    }

    #[test]
    fn an_end_date_before_the_start_is_reported_on_the_end_date() {
        let mut form = valid();
        form.end_date = "2024-12-31".into();
        assert_eq!(
            fields(&form),
            [("end_date".to_owned(), "end_not_after_start")]
        );
        form.end_date = form.start_date.clone();
        assert_eq!(
            fields(&form),
            [("end_date".to_owned(), "end_not_after_start")]
        );
    }

    #[test]
    fn row_errors_name_the_row_they_are_in() {
        let mut form = valid();
        form.planned_crops[2].hectares = "-5".into();
        form.planned_crops[1] = PlannedCropForm {
            crop: "coca_bush".into(),
            hectares: "3".into(),
        };
        assert_eq!(
            fields(&form),
            [
                ("planned_crops[1].crop".to_owned(), "unknown_crop"),
                ("planned_crops[2].hectares".to_owned(), "not_positive"),
            ]
        );
    }

    #[test]
    fn a_crop_planned_twice_is_reported_on_the_second_row() {
        let mut form = valid();
        form.planned_crops[2].crop = "cocoa".into();
        assert_eq!(
            fields(&form),
            [("planned_crops[2].crop".to_owned(), "duplicate_crop")]
        );
    }

    #[test]
    fn a_project_needs_a_name_a_known_country_an_illicit_crop_and_a_planned_crop() {
        let form = ProjectForm {
            country: "ZZ".into(),
            illicit_crops: vec!["tobacco".into()],
            ..ProjectForm::default()
        };
        assert_eq!(
            fields(&form),
            [
                ("name".to_owned(), "required"),
                ("country".to_owned(), "unknown_country"),
                ("start_date".to_owned(), "required"),
                ("end_date".to_owned(), "required"),
                ("illicit_crops".to_owned(), "unknown_crop"),
                ("planned_crops".to_owned(), "at_least_one"),
            ]
        );
    }

    #[test]
    fn an_unknown_project_kind_is_refused_and_an_empty_one_means_alternative_development() {
        let mut form = valid();
        form.kind = "eradication".into();
        assert_eq!(fields(&form), [("kind".to_owned(), "unknown_kind")]);
        form.kind = String::new();
        assert_eq!(form.validate().unwrap().kind, ProjectKind::Ad);
    }

    #[test]
    fn more_than_twenty_planned_crops_are_refused() {
        let mut form = valid();
        form.planned_crops = (0..21)
            .map(|i| PlannedCropForm {
                crop: AlternativeCrop::ALL[i % AlternativeCrop::ALL.len()]
                    .code()
                    .into(),
                hectares: "1".into(),
            })
            .collect();
        assert_eq!(fields(&form), [("planned_crops".to_owned(), "too_many")]);
    }

    #[test]
    fn a_form_post_is_read_with_repeated_fields_and_indexed_rows() {
        let form = ProjectForm::from_pairs([
            ("name", "Café"),
            ("illicit_crops", "coca_bush"),
            ("illicit_crops", "cannabis_plant"),
            ("planned_crops[1].crop", "coffee"),
            ("planned_crops[1].hectares", "10"),
            ("planned_crops[0].crop", ""),
            ("planned_crops[999].crop", "cocoa"),
            ("csrf", "x"),
        ]);
        assert_eq!(form.name, "Café");
        assert_eq!(form.illicit_crops, ["coca_bush", "cannabis_plant"]);
        assert_eq!(form.planned_crops.len(), 2);
        assert_eq!(form.planned_crops[1].crop, "coffee");
    }

    #[test]
    fn json_hectares_may_be_numbers_or_strings_and_unknown_fields_are_refused() {
        let form: ProjectForm = serde_json::from_str(
            r#"{"name":"x","planned_crops":[{"crop":"cocoa","hectares":12.5},{"crop":"tea","hectares":"3"}]}"#,
        )
        .unwrap();
        assert_eq!(form.planned_crops[0].hectares, "12.5");
        assert_eq!(form.planned_crops[1].hectares, "3");
        assert!(serde_json::from_str::<ProjectForm>(r#"{"nombre":"x"}"#).is_err());
    }

    #[test]
    fn shares_are_percentages_rounded_to_one_decimal() {
        assert_eq!(share_percent(dec!(1), dec!(3)), dec!(33.3));
        assert_eq!(share_percent(dec!(2), dec!(3)), dec!(66.7));
        assert_eq!(share_percent(dec!(5), dec!(5)), dec!(100));
        assert_eq!(share_percent(dec!(5), dec!(0)), dec!(0));
    }

    #[test]
    fn a_new_project_is_in_planning_in_its_country_s_currency_unless_told_otherwise() {
        let project = valid().validate().unwrap();
        assert_eq!(project.status, ProjectStatus::Planning);
        assert_eq!(project.currency, "COP");
        let mut form = valid();
        form.status = "active".into();
        form.currency = "usd".into();
        form.donors = vec!["2".into(), " ".into(), "1".into(), "2".into()];
        let project = form.validate().unwrap();
        assert_eq!(project.status, ProjectStatus::Active);
        assert_eq!(project.currency, "USD");
        assert_eq!(project.donors, [2, 1]);
    }

    #[test]
    fn an_unknown_status_currency_or_donor_is_named_with_its_field() {
        let mut form = valid();
        form.status = "finished".into();
        form.currency = "XYZ".into();
        form.donors = vec!["abc".into()];
        assert_eq!(
            fields(&form),
            [
                ("status".to_owned(), "unknown_choice"),
                ("currency".to_owned(), "unknown_choice"),
                ("donors".to_owned(), "unknown_reference"),
            ]
        );
    }

    #[test]
    fn a_project_reads_back_into_the_form_that_would_make_it_again() {
        let new = valid().validate().unwrap();
        let project = Project {
            id: 7,
            program_id: 1,
            program_name: "P".into(),
            organisation_id: None,
            name: new.name.clone(),
            kind: new.kind,
            country: new.country.into(),
            start_date: new.start_date,
            end_date: new.end_date,
            illicit_crops: new.illicit_crops.clone(),
            planned_crops: new.planned_crops.clone(),
            description: None,
            status: ProjectStatus::Active,
            currency: "COP".into(),
            donors: vec![DonorRef {
                id: 3,
                name: "EU".into(),
            }],
            is_demo: false,
            created_at: Utc::now(),
            updated_at: None,
        };
        let again = project.to_form().validate().unwrap();
        assert_eq!(again.planned_crops, new.planned_crops);
        assert_eq!(again.status, ProjectStatus::Active);
        assert_eq!(again.donors, [3]);
        assert_eq!(again.country, "CO");
    }

    fn summary() -> ProjectSummary {
        ProjectSummary {
            id: 1,
            name: "Cacao para la paz — Putumayo".into(),
            kind: ProjectKind::Ad,
            country: "CO".into(),
            start_date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            end_date: NaiveDate::from_ymd_opt(2028, 1, 1).unwrap(),
            total_planned_hectares: dec!(10),
            status: ProjectStatus::Active,
            program_id: 4,
            program_name: "P".into(),
            illicit_crops: vec![IllicitCrop::CocaBush],
            planned_crops: vec![AlternativeCrop::Cocoa],
            donors: vec![DonorRef {
                id: 9,
                name: "EU".into(),
            }],
            area_hectares: None,
        }
    }

    #[test]
    fn a_project_list_filter_matches_country_crop_status_donor_program_and_words() {
        let p = summary();
        let filter =
            |q: &str| ProjectFilter::from_pairs(q.split('&').filter_map(|kv| kv.split_once('=')));
        assert!(filter("country=co&crop=cocoa&status=active&donor=9&program=4").matches(&p));
        assert!(filter("crop=coca_bush&q=PAZ cacao").matches(&p));
        assert!(filter("country=&crop=").is_empty());
        for miss in [
            "country=PE",
            "crop=coffee",
            "status=planning",
            "donor=1",
            "program=2",
            "donor=abc",
            "q=café",
        ] {
            assert!(!filter(miss).matches(&p), "{miss}");
        }
        assert_eq!(
            filter("country=CO&q=la paz&donor=9").to_query(),
            "country=CO&donor=9&q=la+paz"
        );
    }

    #[test]
    fn total_planned_hectares_add_up_exactly() {
        let project = valid().validate().unwrap();
        let total: Decimal = project.planned_crops.iter().map(|c| c.hectares).sum();
        assert_eq!(total, dec!(1240.5));
    }
}
