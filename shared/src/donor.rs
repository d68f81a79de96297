//! Donors: the governments, multilateral agencies and foundations that fund alternative
//! development, with their IATI organisation identifier (so donor reports and IATI files name
//! them the way the IATI Registry does) and their IATI organisation type.

use crate::i18n::Locale;
use crate::program::NAME_MAX;
use crate::validation::{Collector, FieldError, Problem, required_line};
use serde::{Deserialize, Serialize};

/// The IATI organisation type (codelist `OrganisationType`), as donor reports and IATI files use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum OrganisationType {
    /// A government or its development agency (IATI code 10).
    #[default]
    Government,
    /// Other public sector (15).
    OtherPublicSector,
    /// An international NGO (21).
    InternationalNgo,
    /// A national NGO (22).
    NationalNgo,
    /// A multilateral organisation (40).
    Multilateral,
    /// A foundation (60).
    Foundation,
    /// The private sector (70).
    PrivateSector,
}

impl OrganisationType {
    /// Every type, in codelist order.
    pub const ALL: [OrganisationType; 7] = [
        OrganisationType::Government,
        OrganisationType::OtherPublicSector,
        OrganisationType::InternationalNgo,
        OrganisationType::NationalNgo,
        OrganisationType::Multilateral,
        OrganisationType::Foundation,
        OrganisationType::PrivateSector,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            OrganisationType::Government => "government",
            OrganisationType::OtherPublicSector => "other_public_sector",
            OrganisationType::InternationalNgo => "international_ngo",
            OrganisationType::NationalNgo => "national_ngo",
            OrganisationType::Multilateral => "multilateral",
            OrganisationType::Foundation => "foundation",
            OrganisationType::PrivateSector => "private_sector",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        OrganisationType::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The IATI `OrganisationType` code.
    pub fn iati_code(self) -> &'static str {
        match self {
            OrganisationType::Government => "10",
            OrganisationType::OtherPublicSector => "15",
            OrganisationType::InternationalNgo => "21",
            OrganisationType::NationalNgo => "22",
            OrganisationType::Multilateral => "40",
            OrganisationType::Foundation => "60",
            OrganisationType::PrivateSector => "70",
        }
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (OrganisationType::Government, Locale::En) => "Government",
            (OrganisationType::Government, Locale::Es) => "Gobierno",
            (OrganisationType::OtherPublicSector, Locale::En) => "Other public sector",
            (OrganisationType::OtherPublicSector, Locale::Es) => "Otro sector público",
            (OrganisationType::InternationalNgo, Locale::En) => "International NGO",
            (OrganisationType::InternationalNgo, Locale::Es) => "ONG internacional",
            (OrganisationType::NationalNgo, Locale::En) => "National NGO",
            (OrganisationType::NationalNgo, Locale::Es) => "ONG nacional",
            (OrganisationType::Multilateral, Locale::En) => "Multilateral",
            (OrganisationType::Multilateral, Locale::Es) => "Multilateral",
            (OrganisationType::Foundation, Locale::En) => "Foundation",
            (OrganisationType::Foundation, Locale::Es) => "Fundación",
            (OrganisationType::PrivateSector, Locale::En) => "Private sector",
            (OrganisationType::PrivateSector, Locale::Es) => "Sector privado",
        }
    }
}

/// The longest IATI organisation identifier accepted.
pub const IATI_IDENTIFIER_MAX: usize = 100;

/// What was typed or sent to add a donor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DonorForm {
    /// The donor's name (required, at most 200 characters, unique in the organisation).
    pub name: String,
    /// Its IATI organisation identifier, such as `GB-GOV-1` or `XM-DAC-41114`: the registration
    /// agency's prefix, a hyphen and the number there; optional.
    pub iati_identifier: String,
    /// Its IATI organisation type: `government` (default when empty), `other_public_sector`,
    /// `international_ngo`, `national_ngo`, `multilateral`, `foundation`, `private_sector`.
    pub organisation_type: String,
}

crate::text_form_from_pairs!(DonorForm {
    name,
    iati_identifier,
    organisation_type
});

/// A donor ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDonor {
    /// The name, trimmed.
    pub name: String,
    /// The IATI identifier, if given.
    pub iati_identifier: Option<String>,
    /// The IATI organisation type.
    pub organisation_type: OrganisationType,
}

/// Reads an IATI organisation identifier: letters, digits and `-._`, with a hyphen after the
/// registration agency's prefix, no spaces; `None` when empty.
pub fn iati_identifier(field: &str, raw: &str) -> Result<Option<String>, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let allowed = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
    let shaped = text
        .split_once('-')
        .is_some_and(|(prefix, rest)| !prefix.is_empty() && !rest.is_empty());
    if text.len() > IATI_IDENTIFIER_MAX || !allowed || !shaped {
        return Err(FieldError::new(field, Problem::InvalidIatiIdentifier));
    }
    Ok(Some(text.to_owned()))
}

impl DonorForm {
    /// Checks every field, reporting every problem at once.
    pub fn validate(&self) -> Result<NewDonor, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let name = ok.take(required_line("name", &self.name, NAME_MAX));
        let iati = ok.take(iati_identifier("iati_identifier", &self.iati_identifier));
        let kind = ok.take(match self.organisation_type.trim() {
            "" => Ok(OrganisationType::Government),
            code => OrganisationType::from_code(code)
                .ok_or_else(|| FieldError::new("organisation_type", Problem::UnknownChoice)),
        });
        match (name, iati, kind) {
            (Some(name), Some(iati_identifier), Some(organisation_type)) if errors.is_empty() => {
                Ok(NewDonor {
                    name,
                    iati_identifier,
                    organisation_type,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A stored donor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Donor {
    /// The donor's identifier.
    pub id: i64,
    /// The organisation whose list it is in.
    pub organisation_id: i64,
    /// Its name.
    pub name: String,
    /// Its IATI organisation identifier, if known.
    pub iati_identifier: Option<String>,
    /// Its IATI organisation type.
    pub organisation_type: OrganisationType,
    /// Whether this is demonstration data.
    pub is_demo: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_donor_needs_a_name_and_takes_a_well_formed_iati_identifier() {
        let donor = DonorForm {
            name: "  European Union ".into(),
            iati_identifier: "XI-IATI-EC_INTPA".into(),
            organisation_type: "multilateral".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(donor.name, "European Union");
        assert_eq!(donor.iati_identifier.as_deref(), Some("XI-IATI-EC_INTPA"));
        assert_eq!(donor.organisation_type.iati_code(), "40");
        let errors = DonorForm {
            name: " ".into(),
            iati_identifier: "GB GOV 1".into(),
            organisation_type: "bank".into(),
        }
        .validate()
        .unwrap_err();
        let codes: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.problem.code()))
            .collect();
        assert_eq!(
            codes,
            [
                ("name", "required"),
                ("iati_identifier", "invalid_iati_identifier"),
                ("organisation_type", "unknown_choice"),
            ]
        );
    }

    #[test]
    fn iati_identifiers_need_a_prefix_and_a_number_after_a_hyphen() {
        assert_eq!(
            iati_identifier("i", "GB-GOV-1").unwrap().as_deref(),
            Some("GB-GOV-1")
        );
        assert_eq!(iati_identifier("i", " ").unwrap(), None);
        for bad in ["GBGOV1", "-1", "GB-", "GB-GOV-1;", "ÉU-1"] {
            assert!(iati_identifier("i", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn organisation_type_codes_read_back() {
        for t in OrganisationType::ALL {
            assert_eq!(OrganisationType::from_code(t.code()), Some(t));
            assert_ne!(t.name(Locale::En), "");
        }
    }
}
