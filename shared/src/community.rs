//! Communities (villages, veredas, centros poblados) where a project works. Field monitors are
//! assigned to communities; geography and households attach to them in later slices.

use crate::program::NAME_MAX;
use crate::validation::{
    Collector, FieldError, flag, optional_degrees, optional_text, point_of, required_line,
};
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
    /// Longitude in decimal degrees (WGS84), optional.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "-76.52"))]
    pub longitude: String,
    /// Latitude in decimal degrees (WGS84), optional.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.49"))]
    pub latitude: String,
    /// Whether it is an indigenous community (a resguardo, a comunidad nativa): `true` or
    /// `false` (default); free, prior and informed consent applies to it.
    #[serde(deserialize_with = "crate::project::string_or_bool")]
    #[cfg_attr(feature = "openapi", schema(value_type = bool))]
    pub indigenous: String,
}

/// A valid new community.
#[derive(Clone, Debug, PartialEq)]
pub struct NewCommunity {
    /// Name, trimmed.
    pub name: String,
    /// Municipality, if given.
    pub municipality: Option<String>,
    /// (longitude, latitude), if given.
    pub location: Option<(f64, f64)>,
    /// Whether it is an indigenous community.
    pub indigenous: bool,
}

crate::text_form_from_pairs!(CommunityForm {
    name,
    municipality,
    longitude,
    latitude,
    indigenous
});

impl CommunityForm {
    /// Checks every field.
    pub fn validate(&self) -> Result<NewCommunity, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let name = ok.take(required_line("name", &self.name, NAME_MAX));
        let municipality = ok.take(optional_text("municipality", &self.municipality, NAME_MAX));
        let longitude = ok.take(optional_degrees(
            "longitude",
            &self.longitude,
            -180.0,
            180.0,
        ));
        let latitude = ok.take(optional_degrees("latitude", &self.latitude, -90.0, 90.0));
        let indigenous = ok.take(flag("indigenous", &self.indigenous));
        let location = ok.take(point_of(longitude, latitude)).flatten();
        match (name, municipality, indigenous) {
            (Some(name), Some(municipality), Some(indigenous)) if errors.is_empty() => {
                Ok(NewCommunity {
                    name,
                    municipality,
                    location,
                    indigenous,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A stored community.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// Longitude (WGS84), if known.
    pub longitude: Option<f64>,
    /// Latitude (WGS84), if known.
    pub latitude: Option<f64>,
    /// Whether the location lies outside the project's area (`None` when either is unknown).
    pub outside_project_area: Option<bool>,
    /// Whether it is an indigenous community.
    pub indigenous: bool,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// Community locations as pasted on the map tab (GeoJSON or KML text), kept when the import is
/// refused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsForm {
    /// The text pasted or uploaded.
    pub points: String,
}

/// What importing community locations from a GeoJSON or KML file did: the communities added,
/// those whose location (and municipality) was updated because a community of that name was
/// already in the project, and every feature that could not be used, with its reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunityImport {
    /// Communities added.
    pub created: Vec<Community>,
    /// Communities already in the project whose location was set from the file.
    pub updated: Vec<Community>,
    /// Features not imported, each with its number in the file and the reason.
    pub problems: Vec<ImportedFeatureProblem>,
}

/// A feature of an import file that could not be used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportedFeatureProblem {
    /// Its place in the file, from 1.
    pub index: u32,
    /// Its name, if it has one.
    pub name: Option<String>,
    /// The reason, in the reader's language.
    pub message: String,
}

/// The communities of a project that a reader may see, and whether it may add one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
        assert_eq!(ok.location, None);
    }

    #[test]
    fn a_location_needs_both_coordinates_in_range() {
        let form = |lon: &str, lat: &str| CommunityForm {
            name: "Vereda".into(),
            longitude: lon.into(),
            latitude: lat.into(),
            ..CommunityForm::default()
        };
        assert_eq!(
            form("-76,52", "0.49").validate().unwrap().location,
            Some((-76.52, 0.49))
        );
        assert_eq!(
            form("-76.5", "").validate().unwrap_err()[0].problem,
            Problem::BothOrNeither
        );
        assert_eq!(
            form("-76.5", "95").validate().unwrap_err()[0]
                .problem
                .code(),
            "out_of_range"
        );
        assert_eq!(
            form("abc", "1").validate().unwrap_err()[0].problem,
            Problem::NotANumber
        );
    }

    #[test]
    fn an_indigenous_community_is_marked_from_a_checkbox_or_a_json_flag() {
        let ticked = CommunityForm::from_pairs([("name", "Resguardo Nasa"), ("indigenous", "on")]);
        assert!(ticked.validate().unwrap().indigenous);
        let json: CommunityForm =
            serde_json::from_str(r#"{"name": "Comunidad nativa", "indigenous": true}"#).unwrap();
        assert!(json.validate().unwrap().indigenous);
        let unclear = CommunityForm {
            name: "x".into(),
            indigenous: "maybe".into(),
            ..CommunityForm::default()
        };
        assert_eq!(
            unclear.validate().unwrap_err()[0].field,
            "indigenous".to_owned()
        );
        assert!(
            !CommunityForm::from_pairs([("name", "x")])
                .validate()
                .unwrap()
                .indigenous
        );
    }
}
