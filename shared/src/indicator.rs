//! The built-in library of alternative development indicators and the standard disaggregation
//! sets (sex × age band × indigenous status at least), so that programs measure the same things
//! the same way and donor reports can add them up.

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// Sex, as reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Female.
    Female,
    /// Male.
    Male,
}

/// Age bands used across the product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeBand {
    /// Under 18.
    Under18,
    /// 18 to 29 (youth).
    From18To29,
    /// 30 to 59.
    From30To59,
    /// 60 and over.
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
}

/// A standard disaggregation set (never free text, so figures add up across projects).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
pub struct Cell {
    /// Sex.
    pub sex: Option<Sex>,
    /// Age band.
    pub age: Option<AgeBand>,
    /// Indigenous status.
    pub indigenous: Option<bool>,
}

impl Disaggregation {
    /// The cells a figure is reported in.
    pub fn cells(self) -> Vec<Cell> {
        let sexes: Vec<Option<Sex>> = match self {
            Disaggregation::Total => vec![None],
            _ => vec![Some(Sex::Female), Some(Sex::Male)],
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
pub enum Unit {
    /// Hectares.
    Hectares,
    /// Households.
    Households,
    /// People.
    People,
    /// A percentage.
    Percent,
    /// Money, in the project's currency.
    Money,
    /// Kilograms per hectare.
    KilogramsPerHectare,
    /// A count of things (agreements, communities, titles).
    Count,
}

/// Where an indicator sits in the results framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// An outcome (a change in people's lives or in cultivation).
    Outcome,
    /// An output (what the project delivers).
    Output,
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
    /// Where the figure usually comes from.
    pub source: &'static str,
}

impl LibraryIndicator {
    /// The name in `locale`.
    pub fn name(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.name_en,
            Locale::Es => self.name_es,
        }
    }

    /// Finds an indicator by code.
    pub fn from_code(code: &str) -> Option<&'static LibraryIndicator> {
        LIBRARY.iter().find(|i| i.code == code)
    }
}

const fn ind(
    code: &'static str,
    name_en: &'static str,
    name_es: &'static str,
    unit: Unit,
    level: Level,
    disaggregation: Disaggregation,
    source: &'static str,
) -> LibraryIndicator {
    LibraryIndicator {
        code,
        name_en,
        name_es,
        unit,
        level,
        disaggregation,
        source,
    }
}

use Disaggregation::{Sex as BySex, SexAge, SexAgeIndigenous, Total};
use Level::{Outcome, Output};

/// The built-in library (UNODC Illicit Crop Monitoring; Guiding Principles on Alternative
/// Development 17, 18(m), 18(v), 18(ee), 18(ff); GIZ/COPOLAD gender guide, 2023).
pub const LIBRARY: &[LibraryIndicator] = &[
    ind(
        "illicit_hectares",
        "Hectares of illicit crops in the project area",
        "Hectáreas de cultivos ilícitos en el área del proyecto",
        Unit::Hectares,
        Outcome,
        Total,
        "Satellite survey (UNODC)",
    ),
    ind(
        "illicit_hectares_on_plots",
        "Hectares of illicit crops on beneficiary plots",
        "Hectáreas de cultivos ilícitos en predios beneficiarios",
        Unit::Hectares,
        Outcome,
        Total,
        "Field verification",
    ),
    ind(
        "eradicated_verified",
        "Hectares voluntarily eradicated and verified",
        "Hectáreas erradicadas voluntariamente y verificadas",
        Unit::Hectares,
        Output,
        Total,
        "Field verification",
    ),
    ind(
        "replanting_rate",
        "Replanting rate on verified plots",
        "Tasa de resiembra en predios verificados",
        Unit::Percent,
        Outcome,
        Total,
        "Field verification",
    ),
    ind(
        "licit_income",
        "Average monthly licit household income",
        "Ingreso lícito mensual promedio del hogar",
        Unit::Money,
        Outcome,
        BySex,
        "Household survey",
    ),
    ind(
        "licit_income_share",
        "Licit share of household income",
        "Proporción lícita del ingreso del hogar",
        Unit::Percent,
        Outcome,
        BySex,
        "Household survey",
    ),
    ind(
        "promoted_crop_hectares",
        "Hectares of promoted crops established",
        "Hectáreas establecidas de cultivos promovidos",
        Unit::Hectares,
        Output,
        Total,
        "Monitoring visits",
    ),
    ind(
        "promoted_crop_yield",
        "Yield of promoted crops",
        "Rendimiento de los cultivos promovidos",
        Unit::KilogramsPerHectare,
        Outcome,
        Total,
        "Monitoring visits",
    ),
    ind(
        "cooperative_sales",
        "Sales through cooperatives",
        "Ventas a través de cooperativas",
        Unit::Money,
        Outcome,
        Total,
        "Cooperative records",
    ),
    ind(
        "households_enrolled",
        "Households enrolled",
        "Hogares inscritos",
        Unit::Households,
        Output,
        BySex,
        "Household registry",
    ),
    ind(
        "beneficiaries",
        "People benefiting",
        "Personas beneficiarias",
        Unit::People,
        Output,
        SexAgeIndigenous,
        "Household registry",
    ),
    ind(
        "women_headed_households",
        "Women-headed households supported",
        "Hogares con jefatura femenina apoyados",
        Unit::Households,
        Output,
        Total,
        "Household registry",
    ),
    ind(
        "women_in_cooperative_leadership",
        "Women in cooperative leadership",
        "Mujeres en cargos directivos de cooperativas",
        Unit::People,
        Outcome,
        SexAge,
        "Cooperative records",
    ),
    ind(
        "land_titles",
        "Land titles granted",
        "Títulos de tierra otorgados",
        Unit::Count,
        Outcome,
        BySex,
        "Land registry",
    ),
    ind(
        "people_trained",
        "People trained",
        "Personas capacitadas",
        Unit::People,
        Output,
        SexAgeIndigenous,
        "Attendance lists",
    ),
    ind(
        "forest_cover_change",
        "Change in forest cover",
        "Cambio en la cobertura boscosa",
        Unit::Hectares,
        Outcome,
        Total,
        "Satellite imagery",
    ),
    ind(
        "agroforestry_hectares",
        "Hectares under agroforestry",
        "Hectáreas bajo sistemas agroforestales",
        Unit::Hectares,
        Output,
        Total,
        "Monitoring visits",
    ),
    ind(
        "agreements_signed",
        "Voluntary eradication agreements signed",
        "Acuerdos de erradicación voluntaria firmados",
        Unit::Count,
        Output,
        Total,
        "Agreement records",
    ),
    ind(
        "communities_planning",
        "Communities taking part in planning",
        "Comunidades que participan en la planificación",
        Unit::Count,
        Output,
        Total,
        "Meeting records",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

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
            "land_titles",
            "forest_cover_change",
        ] {
            assert!(LibraryIndicator::from_code(code).is_some(), "{code}");
        }
    }
}
