//! Communities (villages, veredas, centros poblados) where a project works. Field monitors are
//! assigned to communities; geography and households attach to them in later slices.

use crate::program::NAME_MAX;
use crate::validation::{Collector, FieldError, optional_text, required_line};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A community as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunityForm {
    /// The community's name (unique within the project).
    pub name: String,
    /// The municipality (district) it belongs to.
    pub municipality: String,
}

/// A valid new community.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCommunity {
    /// Name, trimmed.
    pub name: String,
    /// Municipality, if given.
    pub municipality: Option<String>,
}

impl CommunityForm {
    /// Reads a form post.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut form = CommunityForm::default();
        for (key, value) in pairs {
            match key {
                "name" => form.name = value.to_owned(),
                "municipality" => form.municipality = value.to_owned(),
                _ => {}
            }
        }
        form
    }

    /// Checks every field.
    pub fn validate(&self) -> Result<NewCommunity, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let name = ok.take(required_line("name", &self.name, NAME_MAX));
        let municipality = ok.take(optional_text("municipality", &self.municipality, NAME_MAX));
        match (name, municipality) {
            (Some(name), Some(municipality)) if errors.is_empty() => {
                Ok(NewCommunity { name, municipality })
            }
            _ => Err(errors),
        }
    }
}

/// A stored community.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Community {
    /// Id.
    pub id: i64,
    /// The project it belongs to.
    pub project_id: i64,
    /// Name.
    pub name: String,
    /// Municipality, if known.
    pub municipality: Option<String>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// The communities of a project that a reader may see, and whether it may add one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectCommunities {
    /// The communities, by name.
    pub communities: Vec<Community>,
    /// Whether the reader may add a community.
    pub can_add: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Problem;

    #[test]
    fn a_community_needs_a_name_and_may_have_a_municipality() {
        let errors = CommunityForm::default().validate().unwrap_err();
        assert_eq!(errors[0].problem, Problem::Required);
        let ok =
            CommunityForm::from_pairs([("name", " Vereda La Carmelita "), ("municipality", "")])
                .validate()
                .unwrap();
        assert_eq!(ok.name, "Vereda La Carmelita");
        assert_eq!(ok.municipality, None);
    }
}
