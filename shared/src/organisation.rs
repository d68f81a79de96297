//! The organisation that runs programs: how it names itself in what it publishes (IATI files
//! and donor reports).

use crate::donor::{OrganisationType, iati_identifier};
use crate::validation::{Collector, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// A stored organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organisation {
    /// Id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its IATI organisation identifier: the reporting organisation of its IATI files and the
    /// start of its activities' identifiers. IATI files cannot be made without it.
    pub iati_identifier: Option<String>,
    /// Its IATI organisation type.
    pub organisation_type: OrganisationType,
    /// Whether the reader may change these settings.
    #[serde(default)]
    pub can_edit: bool,
}

impl Organisation {
    /// The settings as their form shows them first.
    pub fn to_form(&self) -> OrganisationForm {
        OrganisationForm {
            iati_identifier: self.iati_identifier.clone().unwrap_or_default(),
            organisation_type: self.organisation_type.code().to_owned(),
        }
    }
}

/// What was typed or sent to change an organisation's publishing settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationForm {
    /// The IATI organisation identifier, such as `XM-DAC-41114` (empty: none yet).
    pub iati_identifier: String,
    /// The IATI organisation type: `government`, `other_public_sector`, `international_ngo`,
    /// `national_ngo`, `multilateral`, `foundation`, `private_sector`.
    pub organisation_type: String,
}

crate::text_form_from_pairs!(OrganisationForm {
    iati_identifier,
    organisation_type
});

/// Valid settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationSettings {
    /// The identifier, if given.
    pub iati_identifier: Option<String>,
    /// The type.
    pub organisation_type: OrganisationType,
}

impl OrganisationForm {
    /// Checks every field, reporting every problem at once.
    pub fn validate(&self) -> Result<OrganisationSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let iati = ok.take(iati_identifier("iati_identifier", &self.iati_identifier));
        let kind = ok.take(
            OrganisationType::from_code(self.organisation_type.trim())
                .ok_or_else(|| FieldError::new("organisation_type", Problem::UnknownChoice)),
        );
        match (iati, kind) {
            (Some(iati_identifier), Some(organisation_type)) if errors.is_empty() => {
                Ok(OrganisationSettings {
                    iati_identifier,
                    organisation_type,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_need_a_known_type_and_a_well_formed_identifier_or_none() {
        let ok = OrganisationForm {
            iati_identifier: " XM-DAC-41114 ".into(),
            organisation_type: "multilateral".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(ok.iati_identifier.as_deref(), Some("XM-DAC-41114"));
        let none = OrganisationForm {
            iati_identifier: String::new(),
            organisation_type: "national_ngo".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(none.iati_identifier, None);
        let errors = OrganisationForm {
            iati_identifier: "no spaces allowed".into(),
            organisation_type: "club".into(),
        }
        .validate()
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["iati_identifier", "organisation_type"]);
    }
}
