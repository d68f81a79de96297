//! The built-in library of alternative development indicators and the standard disaggregation
//! sets (sex × age band × indigenous status at least), so that programs measure the same things
//! the same way and donor reports can add them up (resolution 75/198, paragraph 96: accurate,
//! disaggregated, comparable data).

use crate::currency::AMOUNT_MAX;
use crate::i18n::Locale;
use crate::validation::{FieldError, Problem, non_negative_decimal};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Sex, as reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Sex {
    /// Female.
    Female,
    /// Male.
    Male,
}

impl Sex {
    /// Both, in the order tables show them (women first, as gender reporting asks).
    pub const ALL: [Sex; 2] = [Sex::Female, Sex::Male];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        Sex::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Sex::Female, Locale::En) => "Female",
            (Sex::Female, Locale::Es) => "Mujer",
            (Sex::Male, Locale::En) => "Male",
            (Sex::Male, Locale::Es) => "Hombre",
        }
    }
}

/// Age bands used across the product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AgeBand {
    /// Under 18.
    #[serde(rename = "under_18")]
    Under18,
    /// 18 to 29 (youth).
    #[serde(rename = "18_29")]
    From18To29,
    /// 30 to 59.
    #[serde(rename = "30_59")]
    From30To59,
    /// 60 and over.
    #[serde(rename = "60_plus")]
    From60,
}

impl AgeBand {
    /// Every band, youngest first.
    pub const ALL: [AgeBand; 4] = [
        AgeBand::Under18,
        AgeBand::From18To29,
        AgeBand::From30To59,
        AgeBand::From60,
    ];

    /// The stable code (the serde name): `under_18`, `18_29`, `30_59`, `60_plus`.
    pub fn code(self) -> &'static str {
        match self {
            AgeBand::Under18 => "under_18",
            AgeBand::From18To29 => "18_29",
            AgeBand::From30To59 => "30_59",
            AgeBand::From60 => "60_plus",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        AgeBand::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (AgeBand::Under18, Locale::En) => "Under 18",
            (AgeBand::Under18, Locale::Es) => "Menores de 18",
            (AgeBand::From18To29, Locale::En) => "18–29",
            (AgeBand::From18To29, Locale::Es) => "18 a 29",
            (AgeBand::From30To59, Locale::En) => "30–59",
            (AgeBand::From30To59, Locale::Es) => "30 a 59",
            (AgeBand::From60, Locale::En) => "60 and over",
            (AgeBand::From60, Locale::Es) => "60 y más",
        }
    }
}

/// A standard disaggregation set (never free text, so figures add up across projects).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Disaggregation {
    /// A single total.
    Total,
    /// By sex.
    Sex,
    /// By sex and age band.
    SexAge,
    /// By sex, age band and indigenous status.
    SexAgeIndigenous,
}

/// One cell of a disaggregated figure; `None` in a dimension the set does not split.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cell {
    /// Sex.
    pub sex: Option<Sex>,
    /// Age band.
    pub age: Option<AgeBand>,
    /// Indigenous status.
    pub indigenous: Option<bool>,
}

impl Cell {
    /// The cell as a table heading shows it ("Female, 18–29, indigenous"); "Total" for the
    /// undivided cell.
    pub fn label(&self, locale: Locale) -> String {
        let mut parts: Vec<&str> = Vec::new();
        if let Some(sex) = self.sex {
            parts.push(sex.name(locale));
        }
        if let Some(age) = self.age {
            parts.push(age.name(locale));
        }
        if let Some(indigenous) = self.indigenous {
            parts.push(match (indigenous, locale) {
                (true, Locale::En) => "indigenous",
                (true, Locale::Es) => "indígena",
                (false, Locale::En) => "non-indigenous",
                (false, Locale::Es) => "no indígena",
            });
        }
        if parts.is_empty() {
            return "Total".to_owned();
        }
        parts.join(", ")
    }
}

impl Disaggregation {
    /// Every set, coarsest first.
    pub const ALL: [Disaggregation; 4] = [
        Disaggregation::Total,
        Disaggregation::Sex,
        Disaggregation::SexAge,
        Disaggregation::SexAgeIndigenous,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Disaggregation::Total => "total",
            Disaggregation::Sex => "sex",
            Disaggregation::SexAge => "sex_age",
            Disaggregation::SexAgeIndigenous => "sex_age_indigenous",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        Disaggregation::ALL.into_iter().find(|d| d.code() == code)
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Disaggregation::Total, Locale::En) => "Total only",
            (Disaggregation::Total, Locale::Es) => "Solo total",
            (Disaggregation::Sex, Locale::En) => "By sex",
            (Disaggregation::Sex, Locale::Es) => "Por sexo",
            (Disaggregation::SexAge, Locale::En) => "By sex and age band",
            (Disaggregation::SexAge, Locale::Es) => "Por sexo y grupo de edad",
            (Disaggregation::SexAgeIndigenous, Locale::En) => {
                "By sex, age band and indigenous status"
            }
            (Disaggregation::SexAgeIndigenous, Locale::Es) => {
                "Por sexo, grupo de edad y pertenencia indígena"
            }
        }
    }

    /// The cells a figure is reported in.
    pub fn cells(self) -> Vec<Cell> {
        let sexes: Vec<Option<Sex>> = match self {
            Disaggregation::Total => vec![None],
            _ => Sex::ALL.into_iter().map(Some).collect(),
        };
        let ages: Vec<Option<AgeBand>> = match self {
            Disaggregation::SexAge | Disaggregation::SexAgeIndigenous => {
                AgeBand::ALL.iter().copied().map(Some).collect()
            }
            _ => vec![None],
        };
        let indigenous: Vec<Option<bool>> = match self {
            Disaggregation::SexAgeIndigenous => vec![Some(true), Some(false)],
            _ => vec![None],
        };
        let mut cells = Vec::new();
        for sex in &sexes {
            for age in &ages {
                for ind in &indigenous {
                    cells.push(Cell {
                        sex: *sex,
                        age: *age,
                        indigenous: *ind,
                    });
                }
            }
        }
        cells
    }
}

/// What an indicator counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Unit {
    /// Hectares.
    Hectares,
    /// Households.
    Households,
    /// People.
    People,
    /// A percentage (0 to 100).
    Percent,
    /// Money, in the project's currency.
    Money,
    /// Kilograms per hectare.
    KilogramsPerHectare,
    /// Kilograms.
    Kilograms,
    /// Tonnes (1,000 kg).
    Tonnes,
    /// Kilometres (of roads, of irrigation channels).
    Kilometres,
    /// A count of things (agreements, communities, titles).
    Count,
}

impl Unit {
    /// Every unit, in the order forms list them.
    pub const ALL: [Unit; 10] = [
        Unit::Hectares,
        Unit::Households,
        Unit::People,
        Unit::Percent,
        Unit::Money,
        Unit::KilogramsPerHectare,
        Unit::Kilograms,
        Unit::Tonnes,
        Unit::Kilometres,
        Unit::Count,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Unit::Hectares => "hectares",
            Unit::Households => "households",
            Unit::People => "people",
            Unit::Percent => "percent",
            Unit::Money => "money",
            Unit::KilogramsPerHectare => "kilograms_per_hectare",
            Unit::Kilograms => "kilograms",
            Unit::Tonnes => "tonnes",
            Unit::Kilometres => "kilometres",
            Unit::Count => "count",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        Unit::ALL.into_iter().find(|u| u.code() == code)
    }

    /// The translated name, as a form's list shows it.
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Unit::Hectares, Locale::En) => "Hectares",
            (Unit::Hectares, Locale::Es) => "Hectáreas",
            (Unit::Households, Locale::En) => "Households",
            (Unit::Households, Locale::Es) => "Hogares",
            (Unit::People, Locale::En) => "People",
            (Unit::People, Locale::Es) => "Personas",
            (Unit::Percent, Locale::En) => "Percent",
            (Unit::Percent, Locale::Es) => "Porcentaje",
            (Unit::Money, Locale::En) => "Money (project currency)",
            (Unit::Money, Locale::Es) => "Dinero (moneda del proyecto)",
            (Unit::KilogramsPerHectare, Locale::En) => "Kilograms per hectare",
            (Unit::KilogramsPerHectare, Locale::Es) => "Kilogramos por hectárea",
            (Unit::Kilograms, Locale::En) => "Kilograms",
            (Unit::Kilograms, Locale::Es) => "Kilogramos",
            (Unit::Tonnes, Locale::En) => "Tonnes",
            (Unit::Tonnes, Locale::Es) => "Toneladas",
            (Unit::Kilometres, Locale::En) => "Kilometres",
            (Unit::Kilometres, Locale::Es) => "Kilómetros",
            (Unit::Count, Locale::En) => "Number",
            (Unit::Count, Locale::Es) => "Número",
        }
    }

    /// The unit as a table heading or chart axis states it next to a figure: its symbol where
    /// it has one ("ha", "%", "kg/ha"), the currency code for money ("COP"), else its name.
    pub fn label(self, locale: Locale, currency: &str) -> String {
        match self {
            Unit::Hectares => "ha".to_owned(),
            Unit::Percent => "%".to_owned(),
            Unit::Money => currency.trim().to_ascii_uppercase(),
            Unit::KilogramsPerHectare => "kg/ha".to_owned(),
            Unit::Kilograms => "kg".to_owned(),
            Unit::Tonnes => "t".to_owned(),
            Unit::Kilometres => "km".to_owned(),
            Unit::Households | Unit::People | Unit::Count => self.name(locale).to_lowercase(),
        }
    }

    /// Whether figures in this unit are whole numbers (people, households, things counted).
    pub fn is_whole(self) -> bool {
        matches!(self, Unit::Households | Unit::People | Unit::Count)
    }

    /// The most decimal places a figure in this unit keeps.
    pub fn decimals(self) -> u32 {
        match self {
            Unit::Households | Unit::People | Unit::Count => 0,
            // Hectares to the square metre, as everywhere else in the product.
            Unit::Hectares => crate::project::HECTARES_DECIMALS,
            Unit::Tonnes | Unit::Kilometres => 3,
            Unit::Percent | Unit::Money | Unit::KilogramsPerHectare | Unit::Kilograms => 2,
        }
    }

    /// The largest figure accepted: 100 for a percentage; otherwise a bound larger than any
    /// program's figure, so that only typing mistakes are refused.
    pub fn max_value(self) -> Decimal {
        match self {
            Unit::Percent => Decimal::ONE_HUNDRED,
            _ => AMOUNT_MAX,
        }
    }

    /// Reads a baseline, target or actual figure in this unit: zero or more, at most
    /// [`Unit::max_value`] (so a percentage is at most 100), with at most [`Unit::decimals`]
    /// places; a count with decimals is [`Problem::NotAWholeNumber`].
    pub fn parse_value(self, field: &str, raw: &str) -> Result<Decimal, FieldError> {
        non_negative_decimal(field, raw, self.max_value(), self.decimals()).map_err(|e| {
            match e.problem {
                Problem::TooManyDecimals { .. } if self.is_whole() => {
                    FieldError::new(field, Problem::NotAWholeNumber)
                }
                _ => e,
            }
        })
    }
}

/// Where an indicator sits in the results framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Level {
    /// An outcome (a change in people's lives or in cultivation).
    Outcome,
    /// An output (what the project delivers).
    Output,
}

impl Level {
    /// Both levels, outcome first.
    pub const ALL: [Level; 2] = [Level::Outcome, Level::Output];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Level::Outcome => "outcome",
            Level::Output => "output",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        Level::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The translated name (the words of results-based management in Latin America:
    /// resultado, producto).
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Level::Outcome, Locale::En) => "Outcome",
            (Level::Outcome, Locale::Es) => "Resultado",
            (Level::Output, Locale::En) => "Output",
            (Level::Output, Locale::Es) => "Producto",
        }
    }
}

/// An indicator of the built-in library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LibraryIndicator {
    /// Stable code.
    pub code: &'static str,
    name_en: &'static str,
    name_es: &'static str,
    /// Unit.
    pub unit: Unit,
    /// Level.
    pub level: Level,
    /// The disaggregation it is usually reported with.
    pub disaggregation: Disaggregation,
    source_en: &'static str,
    source_es: &'static str,
}

impl LibraryIndicator {
    /// The name in `locale`.
    pub fn name(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.name_en,
            Locale::Es => self.name_es,
        }
    }

    /// Where the figure usually comes from, in `locale`.
    pub fn source(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.source_en,
            Locale::Es => self.source_es,
        }
    }

    /// Finds an indicator by code.
    pub fn from_code(code: &str) -> Option<&'static LibraryIndicator> {
        LIBRARY.iter().find(|i| i.code == code)
    }

    /// The indicator as the API and the indicator picker show it, in `locale`.
    pub fn entry(&self, locale: Locale) -> LibraryEntry {
        LibraryEntry {
            code: self.code.to_owned(),
            name: self.name(locale).to_owned(),
            unit: self.unit,
            level: self.level,
            disaggregation: self.disaggregation,
            source: self.source(locale).to_owned(),
        }
    }
}

/// A library indicator as the API returns it, with its name and usual source in the reader's
/// language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LibraryEntry {
    /// Stable code, given as `library_code` when adding an indicator from the library.
    pub code: String,
    /// The name, in the language asked for.
    pub name: String,
    /// The unit it counts in.
    pub unit: Unit,
    /// Where it usually sits in the results framework.
    pub level: Level,
    /// The disaggregation it is usually reported with.
    pub disaggregation: Disaggregation,
    /// Where the figure usually comes from, in the language asked for.
    pub source: String,
}

/// The whole library, in catalogue order, in `locale`.
pub fn library_entries(locale: Locale) -> Vec<LibraryEntry> {
    LIBRARY.iter().map(|i| i.entry(locale)).collect()
}

const fn ind(
    code: &'static str,
    name_en: &'static str,
    name_es: &'static str,
    unit: Unit,
    level: Level,
    disaggregation: Disaggregation,
    source: (&'static str, &'static str),
) -> LibraryIndicator {
    LibraryIndicator {
        code,
        name_en,
        name_es,
        unit,
        level,
        disaggregation,
        source_en: source.0,
        source_es: source.1,
    }
}

use Disaggregation::{Sex as BySex, SexAge, SexAgeIndigenous, Total};
use Level::{Outcome, Output};

const SATELLITE_UNODC: (&str, &str) = ("Satellite survey (UNODC)", "Monitoreo satelital (UNODC)");
const FIELD_VERIFICATION: (&str, &str) = ("Field verification", "Verificación en campo");
const HOUSEHOLD_SURVEY: (&str, &str) = ("Household survey", "Encuesta de hogares");
const MONITORING_VISITS: (&str, &str) = ("Monitoring visits", "Visitas de monitoreo");
const COOPERATIVE_RECORDS: (&str, &str) = ("Cooperative records", "Registros de las cooperativas");
const HOUSEHOLD_REGISTRY: (&str, &str) = ("Household registry", "Registro de hogares");
const LAND_REGISTRY: (&str, &str) = ("Land registry", "Registro de tierras");
const SATELLITE_IMAGERY: (&str, &str) = ("Satellite imagery", "Imágenes satelitales");

/// The built-in library (UNODC Illicit Crop Monitoring; Guiding Principles on Alternative
/// Development 17, 18(k), 18(m), 18(v), 18(ee), 18(ff); GIZ/COPOLAD gender guide, 2023; WFP
/// Food Consumption Score).
pub const LIBRARY: &[LibraryIndicator] = &[
    ind(
        "illicit_hectares",
        "Hectares of illicit crops in the project area",
        "Hectáreas de cultivos ilícitos en el área del proyecto",
        Unit::Hectares,
        Outcome,
        Total,
        SATELLITE_UNODC,
    ),
    ind(
        "illicit_hectares_on_plots",
        "Hectares of illicit crops on beneficiary plots",
        "Hectáreas de cultivos ilícitos en predios beneficiarios",
        Unit::Hectares,
        Outcome,
        Total,
        FIELD_VERIFICATION,
    ),
    ind(
        "illicit_hectares_nearby",
        "Hectares of illicit crops around the project area (displacement)",
        "Hectáreas de cultivos ilícitos alrededor del área del proyecto (desplazamiento)",
        Unit::Hectares,
        Outcome,
        Total,
        SATELLITE_UNODC,
    ),
    ind(
        "eradicated_verified",
        "Hectares voluntarily eradicated and verified",
        "Hectáreas erradicadas voluntariamente y verificadas",
        Unit::Hectares,
        Output,
        Total,
        FIELD_VERIFICATION,
    ),
    ind(
        "replanting_rate",
        "Replanting rate on verified plots",
        "Tasa de resiembra en predios verificados",
        Unit::Percent,
        Outcome,
        Total,
        FIELD_VERIFICATION,
    ),
    ind(
        "support_before_eradication",
        "Households whose livelihood support began before or with eradication",
        "Hogares cuyo apoyo a los medios de vida empezó antes de la erradicación o con ella",
        Unit::Percent,
        Output,
        BySex,
        (
            "Support and agreement records",
            "Registros de apoyos y acuerdos",
        ),
    ),
    ind(
        "licit_income",
        "Average monthly licit household income",
        "Ingreso lícito mensual promedio del hogar",
        Unit::Money,
        Outcome,
        BySex,
        HOUSEHOLD_SURVEY,
    ),
    ind(
        "licit_income_share",
        "Licit share of household income",
        "Proporción lícita del ingreso del hogar",
        Unit::Percent,
        Outcome,
        BySex,
        HOUSEHOLD_SURVEY,
    ),
    ind(
        "food_security",
        "Households with acceptable food consumption",
        "Hogares con consumo de alimentos aceptable",
        Unit::Percent,
        Outcome,
        BySex,
        (
            "Household survey (WFP Food Consumption Score)",
            "Encuesta de hogares (puntaje de consumo de alimentos del PMA)",
        ),
    ),
    ind(
        "promoted_crop_hectares",
        "Hectares of promoted crops established",
        "Hectáreas establecidas de cultivos promovidos",
        Unit::Hectares,
        Output,
        Total,
        MONITORING_VISITS,
    ),
    ind(
        "promoted_crop_yield",
        "Yield of promoted crops",
        "Rendimiento de los cultivos promovidos",
        Unit::KilogramsPerHectare,
        Outcome,
        Total,
        MONITORING_VISITS,
    ),
    ind(
        "promoted_crop_production",
        "Production of promoted crops",
        "Producción de los cultivos promovidos",
        Unit::Tonnes,
        Outcome,
        Total,
        MONITORING_VISITS,
    ),
    ind(
        "cooperative_sales",
        "Sales through cooperatives",
        "Ventas a través de cooperativas",
        Unit::Money,
        Outcome,
        Total,
        COOPERATIVE_RECORDS,
    ),
    ind(
        "cooperative_volume",
        "Volume sold through cooperatives",
        "Volumen vendido a través de cooperativas",
        Unit::Tonnes,
        Outcome,
        Total,
        COOPERATIVE_RECORDS,
    ),
    ind(
        "certified_hectares",
        "Hectares certified (organic, fair trade, deforestation-free)",
        "Hectáreas certificadas (orgánico, comercio justo, libre de deforestación)",
        Unit::Hectares,
        Outcome,
        Total,
        (
            "Certification body records",
            "Registros del organismo certificador",
        ),
    ),
    ind(
        "households_enrolled",
        "Households enrolled",
        "Hogares inscritos",
        Unit::Households,
        Output,
        BySex,
        HOUSEHOLD_REGISTRY,
    ),
    ind(
        "beneficiaries",
        "People benefiting",
        "Personas beneficiarias",
        Unit::People,
        Output,
        SexAgeIndigenous,
        HOUSEHOLD_REGISTRY,
    ),
    ind(
        "women_beneficiaries",
        "Women benefiting directly",
        "Mujeres beneficiarias directas",
        Unit::People,
        Output,
        Total,
        HOUSEHOLD_REGISTRY,
    ),
    ind(
        "women_headed_households",
        "Women-headed households supported",
        "Hogares con jefatura femenina apoyados",
        Unit::Households,
        Output,
        Total,
        HOUSEHOLD_REGISTRY,
    ),
    ind(
        "women_in_cooperative_leadership",
        "Women in cooperative leadership",
        "Mujeres en cargos directivos de cooperativas",
        Unit::People,
        Outcome,
        SexAge,
        COOPERATIVE_RECORDS,
    ),
    ind(
        "women_income_decisions",
        "Women who take part in decisions on household income",
        "Mujeres que participan en las decisiones sobre el ingreso del hogar",
        Unit::Percent,
        Outcome,
        Total,
        HOUSEHOLD_SURVEY,
    ),
    ind(
        "land_titles",
        "Land titles granted",
        "Títulos de tierra otorgados",
        Unit::Count,
        Outcome,
        BySex,
        LAND_REGISTRY,
    ),
    ind(
        "households_with_land_title",
        "Households holding a registered land title",
        "Hogares con título de propiedad registrado",
        Unit::Households,
        Outcome,
        BySex,
        LAND_REGISTRY,
    ),
    ind(
        "people_trained",
        "People trained",
        "Personas capacitadas",
        Unit::People,
        Output,
        SexAgeIndigenous,
        ("Attendance lists", "Listas de asistencia"),
    ),
    ind(
        "forest_cover",
        "Hectares of forest in the project area",
        "Hectáreas de bosque en el área del proyecto",
        Unit::Hectares,
        Outcome,
        Total,
        SATELLITE_IMAGERY,
    ),
    ind(
        "forest_cover_change",
        "Hectares of forest lost in the project area (deforestation)",
        "Hectáreas de bosque perdidas en el área del proyecto (deforestación)",
        Unit::Hectares,
        Outcome,
        Total,
        SATELLITE_IMAGERY,
    ),
    ind(
        "agroforestry_hectares",
        "Hectares under agroforestry",
        "Hectáreas bajo sistemas agroforestales",
        Unit::Hectares,
        Output,
        Total,
        MONITORING_VISITS,
    ),
    ind(
        "rural_roads",
        "Kilometres of rural roads built or improved",
        "Kilómetros de vías rurales construidas o mejoradas",
        Unit::Kilometres,
        Output,
        Total,
        ("Works records", "Registros de obra"),
    ),
    ind(
        "agreements_signed",
        "Voluntary eradication agreements signed",
        "Acuerdos de erradicación voluntaria firmados",
        Unit::Count,
        Output,
        Total,
        ("Agreement records", "Registros de acuerdos"),
    ),
    ind(
        "communities_planning",
        "Communities taking part in planning",
        "Comunidades que participan en la planificación",
        Unit::Count,
        Output,
        Total,
        ("Meeting records", "Actas de reuniones"),
    ),
    ind(
        "state_presence",
        "People who perceive more state presence",
        "Personas que perciben mayor presencia del Estado",
        Unit::Percent,
        Outcome,
        BySex,
        ("Perception survey", "Encuesta de percepción"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn library_codes_are_unique_and_names_exist_in_both_languages() {
        for (i, a) in LIBRARY.iter().enumerate() {
            assert!(
                LIBRARY[i + 1..].iter().all(|b| b.code != a.code),
                "{}",
                a.code
            );
            assert!(!a.name(Locale::En).is_empty() && !a.name(Locale::Es).is_empty());
            assert_ne!(a.name(Locale::En), a.name(Locale::Es), "{}", a.code);
            assert_ne!(a.source(Locale::En), a.source(Locale::Es), "{}", a.code);
        }
        assert_eq!(
            LibraryIndicator::from_code("eradicated_verified").map(|i| i.unit),
            Some(Unit::Hectares)
        );
        assert!(LibraryIndicator::from_code("nope").is_none());
    }

    #[test]
    fn the_standard_sets_split_figures_into_known_cells() {
        assert_eq!(Disaggregation::Total.cells().len(), 1);
        assert_eq!(Disaggregation::Sex.cells().len(), 2);
        assert_eq!(Disaggregation::SexAge.cells().len(), 8);
        let full = Disaggregation::SexAgeIndigenous.cells();
        assert_eq!(full.len(), 16);
        assert!(
            full.iter()
                .all(|c| c.sex.is_some() && c.age.is_some() && c.indigenous.is_some())
        );
        let unique: std::collections::HashSet<_> = full.iter().collect();
        assert_eq!(unique.len(), 16);
    }

    #[test]
    fn the_library_covers_what_alternative_development_programs_report() {
        for code in [
            "illicit_hectares",
            "eradicated_verified",
            "replanting_rate",
            "licit_income",
            "licit_income_share",
            "promoted_crop_hectares",
            "promoted_crop_yield",
            "cooperative_sales",
            "beneficiaries",
            "women_beneficiaries",
            "land_titles",
            "households_with_land_title",
            "certified_hectares",
            "food_security",
            "forest_cover",
            "forest_cover_change",
        ] {
            assert!(LibraryIndicator::from_code(code).is_some(), "{code}");
        }
    }

    #[test]
    fn every_choice_code_reads_back_and_matches_its_serde_name() {
        fn check<T: Copy + PartialEq + std::fmt::Debug + Serialize>(
            all: &[T],
            code: impl Fn(T) -> &'static str,
            from_code: impl Fn(&str) -> Option<T>,
            name: impl Fn(T, Locale) -> &'static str,
        ) {
            for &v in all {
                assert_eq!(from_code(code(v)), Some(v));
                assert_eq!(
                    serde_json::to_string(&v).unwrap(),
                    format!("\"{}\"", code(v))
                );
                assert!(!name(v, Locale::En).is_empty() && !name(v, Locale::Es).is_empty());
            }
            assert_eq!(from_code("nope"), None);
        }
        check(&Sex::ALL, Sex::code, Sex::from_code, Sex::name);
        check(
            &AgeBand::ALL,
            AgeBand::code,
            AgeBand::from_code,
            AgeBand::name,
        );
        check(
            &Disaggregation::ALL,
            Disaggregation::code,
            Disaggregation::from_code,
            Disaggregation::name,
        );
        check(&Unit::ALL, Unit::code, Unit::from_code, Unit::name);
        check(&Level::ALL, Level::code, Level::from_code, Level::name);
    }

    #[test]
    fn a_cell_is_labelled_in_the_readers_language() {
        let cell = Disaggregation::SexAgeIndigenous.cells()[2];
        assert_eq!(cell.label(Locale::En), "Female, 18–29, indigenous");
        assert_eq!(cell.label(Locale::Es), "Mujer, 18 a 29, indígena");
        assert_eq!(Disaggregation::Total.cells()[0].label(Locale::Es), "Total");
        assert_eq!(Disaggregation::Sex.cells()[1].label(Locale::En), "Male");
    }

    #[test]
    fn the_library_is_listed_for_the_api_in_the_readers_language() {
        let entries = library_entries(Locale::Es);
        assert_eq!(entries.len(), LIBRARY.len());
        let eradicated = entries
            .iter()
            .find(|e| e.code == "eradicated_verified")
            .unwrap();
        assert_eq!(
            eradicated.name,
            "Hectáreas erradicadas voluntariamente y verificadas"
        );
        assert_eq!(eradicated.source, "Verificación en campo");
        let json = serde_json::to_value(eradicated).unwrap();
        assert_eq!(json["unit"], "hectares");
        assert_eq!(json["level"], "output");
        assert_eq!(json["disaggregation"], "total");
    }

    #[test]
    fn figures_are_read_in_their_units_rules() {
        assert_eq!(Unit::Percent.parse_value("v", "0,6").unwrap(), dec!(0.6));
        assert_eq!(
            Unit::Percent.parse_value("v", "100.5").unwrap_err().problem,
            Problem::TooLarge { max: "100".into() }
        );
        assert_eq!(
            Unit::Households
                .parse_value("v", "12.5")
                .unwrap_err()
                .problem,
            Problem::NotAWholeNumber
        );
        assert_eq!(Unit::Households.parse_value("v", "120").unwrap(), dec!(120));
        assert_eq!(
            Unit::Hectares.parse_value("v", "-1").unwrap_err().problem,
            Problem::Negative
        );
        assert_eq!(
            Unit::Hectares.parse_value("v", "34767.1234").unwrap(),
            dec!(34767.1234)
        );
        assert_eq!(
            Unit::Money.parse_value("v", "1.005").unwrap_err().problem,
            Problem::TooManyDecimals { max: 2 }
        );
    }

    #[test]
    fn units_are_labelled_with_their_symbol_or_the_currency() {
        assert_eq!(Unit::Money.label(Locale::En, "cop"), "COP");
        assert_eq!(Unit::Hectares.label(Locale::Es, "COP"), "ha");
        assert_eq!(Unit::Households.label(Locale::Es, "COP"), "hogares");
        assert_eq!(Unit::KilogramsPerHectare.label(Locale::En, ""), "kg/ha");
    }
}
