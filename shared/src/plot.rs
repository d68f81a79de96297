//! A household's plots and what grows on them over time, licit and illicit, in hectares: the
//! record that shows a farm's move from coca, poppy or cannabis to licit crops. A plot is a
//! polygon (measured geodesically by the server) or a GPS point, always with the area the
//! household declares; its exact place is personal data.

use crate::baseline::BaselineSource;
use crate::crop::{AlternativeCrop, IllicitCrop};
use crate::i18n::Locale;
use crate::mapview::PlotStatus;
use crate::validation::{
    Collector, FieldError, Problem, choice, crop_choice, optional_degrees, optional_text, point_of,
    positive_decimal, required_line,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

/// The largest plot the registry takes, in hectares (a household farm, not a territory).
pub fn plot_hectares_max() -> Decimal {
    Decimal::from(1000)
}

/// Decimal places kept for hectares (a square metre is 0.0001 ha).
pub const HECTARE_DECIMALS: u32 = 4;

/// How far the crops recorded on one day may exceed the plot's area before they are refused:
/// declared areas are rounded by households and intercropping is counted once, so 5% is allowed.
pub const AREA_TOLERANCE_PERCENT: i64 = 5;

/// What grows on (part of) a plot: an illicit crop or a licit one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PlotCrop {
    /// Coca bush, opium poppy or cannabis plant.
    Illicit(IllicitCrop),
    /// A licit crop or value chain.
    Licit(AlternativeCrop),
}

impl PlotCrop {
    /// Reads a crop code of either list.
    pub fn from_code(code: &str) -> Option<PlotCrop> {
        IllicitCrop::from_code(code)
            .map(PlotCrop::Illicit)
            .or_else(|| AlternativeCrop::from_code(code).map(PlotCrop::Licit))
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            PlotCrop::Illicit(c) => c.code(),
            PlotCrop::Licit(c) => c.code(),
        }
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        match self {
            PlotCrop::Illicit(c) => c.name(locale),
            PlotCrop::Licit(c) => c.name(locale),
        }
    }

    /// Whether it is an illicit crop.
    pub fn is_illicit(self) -> bool {
        matches!(self, PlotCrop::Illicit(_))
    }
}

/// A plot as typed or sent: a name, the declared area, and a polygon (GeoJSON) or a point.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlotForm {
    /// What the household calls it ("La quebrada").
    pub name: String,
    /// The area the household declares, in hectares.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.5"))]
    pub declared_hectares: String,
    /// The boundary as a GeoJSON Polygon (or Feature), if walked or drawn.
    pub boundary: String,
    /// The GPS point's longitude (WGS84), when there is no boundary.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "-76.52"))]
    pub longitude: String,
    /// The GPS point's latitude (WGS84).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "-8.19"))]
    pub latitude: String,
}

crate::text_form_from_pairs!(PlotForm {
    name,
    declared_hectares,
    boundary,
    longitude,
    latitude
});

/// Where a plot is.
#[derive(Clone, Debug, PartialEq)]
pub enum PlotPlace {
    /// A boundary, still as GeoJSON text (the server checks and measures it).
    Boundary(String),
    /// A GPS point: (longitude, latitude).
    Point(f64, f64),
}

/// A plot whose fields are valid (a boundary still to be checked by the geometry rules).
#[derive(Clone, Debug, PartialEq)]
pub struct NewPlot {
    /// Its name.
    pub name: String,
    /// The declared area.
    pub declared_hectares: Decimal,
    /// Where it is.
    pub place: PlotPlace,
}

impl PlotForm {
    /// Checks every field: a name, a declared area, and a boundary or a whole GPS point (not
    /// both: a plot walked with a GPS is its boundary).
    pub fn validate(&self) -> Result<NewPlot, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let name = ok.take(required_line("name", &self.name, crate::program::NAME_MAX));
        let declared = ok.take(positive_decimal(
            "declared_hectares",
            &self.declared_hectares,
            plot_hectares_max(),
            HECTARE_DECIMALS,
        ));
        let longitude = ok.take(optional_degrees(
            "longitude",
            &self.longitude,
            -180.0,
            180.0,
        ));
        let latitude = ok.take(optional_degrees("latitude", &self.latitude, -90.0, 90.0));
        let degrees_read = longitude.is_some() && latitude.is_some();
        let point = ok.take(point_of(longitude, latitude));
        let boundary = self.boundary.trim();
        let place = match (boundary.is_empty(), point) {
            (true, Some(Some((lon, lat)))) => Some(PlotPlace::Point(lon, lat)),
            (false, Some(None)) if degrees_read => Some(PlotPlace::Boundary(boundary.to_owned())),
            (false, Some(Some(_))) => {
                errors.push(FieldError::new("boundary", Problem::BothOrNeither));
                None
            }
            (true, Some(None)) if degrees_read => {
                errors.push(FieldError::new("boundary", Problem::Required));
                None
            }
            _ => None,
        };
        match (name, declared, place) {
            (Some(name), Some(declared_hectares), Some(place)) if errors.is_empty() => {
                Ok(NewPlot {
                    name,
                    declared_hectares,
                    place,
                })
            }
            _ => Err(errors),
        }
    }
}

/// What was seen growing on a plot on one day, as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlotUseForm {
    /// The day, `YYYY-MM-DD`, not in the future.
    pub observed_on: String,
    /// The crop's code, illicit (`coca_bush`) or licit (`cocoa`).
    pub crop: String,
    /// Hectares of the plot under it.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.75"))]
    pub hectares: String,
    /// Who says so: `household_declaration`, `field_verification` or `satellite_survey`.
    pub source: String,
    /// A note.
    pub note: String,
}

crate::text_form_from_pairs!(PlotUseForm {
    observed_on,
    crop,
    hectares,
    source,
    note
});

/// A valid record of what grows on a plot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlotUse {
    /// The day.
    pub observed_on: NaiveDate,
    /// The crop.
    pub crop: PlotCrop,
    /// Hectares under it.
    pub hectares: Decimal,
    /// Who says so.
    pub source: BaselineSource,
    /// A note.
    pub note: Option<String>,
}

impl PlotUseForm {
    /// Checks every field; `today` bounds the day.
    pub fn validate(&self, today: NaiveDate) -> Result<PlotUse, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let observed_on = ok.take(
            crate::validation::date("observed_on", &self.observed_on).and_then(|d| {
                if d > today {
                    Err(FieldError::new("observed_on", Problem::DateInFuture))
                } else {
                    Ok(d)
                }
            }),
        );
        let crop = ok.take(crop_choice("crop", &self.crop, PlotCrop::from_code));
        let hectares = ok.take(positive_decimal(
            "hectares",
            &self.hectares,
            plot_hectares_max(),
            HECTARE_DECIMALS,
        ));
        let source = ok.take(choice("source", &self.source, BaselineSource::from_code));
        let note = ok.take(optional_text("note", &self.note, 500));
        match (observed_on, crop, hectares, source, note) {
            (Some(observed_on), Some(crop), Some(hectares), Some(source), Some(note))
                if errors.is_empty() =>
            {
                Ok(PlotUse {
                    observed_on,
                    crop,
                    hectares,
                    source,
                    note,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The area that counts for a plot: the measured one when it has a boundary, else the declared.
pub fn reference_hectares(declared: Decimal, measured: Option<Decimal>) -> Decimal {
    measured.unwrap_or(declared)
}

/// Checks a new record against those already kept for the same day: crops on one plot on one
/// day may not add up to more than its area plus [`AREA_TOLERANCE_PERCENT`]. A record for a crop
/// already seen that day replaces it. Answers the problem on `hectares`, naming the most left.
pub fn fits_plot(
    plot_hectares: Decimal,
    same_day: &[PlotUse],
    new: &PlotUse,
) -> Result<(), FieldError> {
    let others: Decimal = same_day
        .iter()
        .filter(|u| u.observed_on == new.observed_on && u.crop != new.crop)
        .map(|u| u.hectares)
        .sum();
    let allowed = plot_hectares * Decimal::from(100 + AREA_TOLERANCE_PERCENT) / Decimal::from(100);
    if others + new.hectares > allowed {
        let left = (allowed - others)
            .max(Decimal::ZERO)
            .round_dp(HECTARE_DECIMALS);
        return Err(FieldError::new(
            "hectares",
            Problem::TooLarge {
                max: left.normalize().to_string(),
            },
        ));
    }
    Ok(())
}

/// A plot's hectares by kind on one day: (illicit, licit).
pub fn illicit_and_licit(uses: &[PlotUse], on: NaiveDate) -> (Decimal, Decimal) {
    uses.iter()
        .filter(|u| u.observed_on == on)
        .fold((Decimal::ZERO, Decimal::ZERO), |(i, l), u| {
            if u.crop.is_illicit() {
                (i + u.hectares, l)
            } else {
                (i, l + u.hectares)
            }
        })
}

/// Whether a declared area and a measured one disagree by more than a quarter (a sign the
/// boundary or the declaration is wrong, worth a field check).
pub fn areas_disagree(declared: Decimal, measured: Decimal) -> bool {
    let (Some(d), Some(m)) = (declared.to_f64(), measured.to_f64()) else {
        return false;
    };
    d > 0.0 && ((m - d).abs() / d) > 0.25
}

/// What a plot's crops on one day make it, for the map's colours and the lists.
pub fn plot_status(illicit: Decimal, licit: Decimal) -> PlotStatus {
    match (illicit > Decimal::ZERO, licit > Decimal::ZERO) {
        (true, true) => PlotStatus::Mixed,
        (true, false) => PlotStatus::Illicit,
        (false, true) => PlotStatus::Licit,
        (false, false) => PlotStatus::Unknown,
    }
}

/// A plot's illicit and licit hectares on one day on which something was recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlotDay {
    /// The day.
    pub observed_on: NaiveDate,
    /// Hectares under coca bush, opium poppy or cannabis that day.
    pub illicit_hectares: Decimal,
    /// Hectares under licit crops that day.
    pub licit_hectares: Decimal,
    /// What that makes the plot.
    pub status: PlotStatus,
}

/// Every day with records, oldest first, with its illicit and licit hectares: the plot's move
/// from illicit to licit crops.
pub fn plot_days(uses: &[PlotUse]) -> Vec<PlotDay> {
    let mut days: Vec<NaiveDate> = uses.iter().map(|u| u.observed_on).collect();
    days.sort_unstable();
    days.dedup();
    days.into_iter()
        .map(|day| {
            let (illicit, licit) = illicit_and_licit(uses, day);
            PlotDay {
                observed_on: day,
                illicit_hectares: illicit,
                licit_hectares: licit,
                status: plot_status(illicit, licit),
            }
        })
        .collect()
}

/// A plot's exact place, answered only to readers who may see personal data: it leads to the
/// household's farm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlotLocation {
    /// The boundary as a GeoJSON MultiPolygon geometry, when it was walked or drawn.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub boundary: Option<serde_json::Value>,
    /// The GPS point's longitude, or the boundary's centroid's (WGS84).
    pub longitude: f64,
    /// The GPS point's latitude, or the boundary's centroid's.
    pub latitude: f64,
}

/// A household's plot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plot {
    /// Its id.
    pub id: i64,
    /// The household it belongs to.
    pub household_id: i64,
    /// The household's pseudonymous code.
    pub household_code: String,
    /// The household's project.
    pub project_id: i64,
    /// The household's community.
    pub community_id: i64,
    /// The community's name.
    pub community_name: String,
    /// What the household calls it.
    pub name: String,
    /// The area the household declares, in hectares.
    pub declared_hectares: Decimal,
    /// The boundary's geodesic area in hectares, when it has a boundary.
    pub measured_hectares: Option<Decimal>,
    /// Whether the declared and measured areas differ by more than a quarter.
    pub areas_disagree: bool,
    /// Its exact place; absent for readers who may not see personal data.
    pub location: Option<PlotLocation>,
    /// What was recorded on its latest day, if anything was.
    pub latest: Option<PlotDay>,
    /// When it was registered (UTC).
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl Plot {
    /// The area crops are measured against: the measured one when there is a boundary.
    pub fn reference_hectares(&self) -> Decimal {
        reference_hectares(self.declared_hectares, self.measured_hectares)
    }

    /// The plot as a map draws it (its boundary, or its point), coloured by its latest
    /// records; `None` when the reader may not see its place.
    pub fn map_plot(&self) -> Option<crate::mapview::MapPlot> {
        let location = self.location.as_ref()?;
        let shape = location
            .boundary
            .as_ref()
            .and_then(multipolygon_rings)
            .filter(|rings| !rings.is_empty())
            .map_or(
                crate::mapview::PlotShape::Point(location.longitude, location.latitude),
                crate::mapview::PlotShape::Polygon,
            );
        Some(crate::mapview::MapPlot {
            label: format!("{} — {}", self.name, self.household_code),
            shape,
            status: self.status(),
        })
    }

    /// What the plot is now, as its latest records make it.
    pub fn status(&self) -> PlotStatus {
        self.latest
            .as_ref()
            .map_or(PlotStatus::Unknown, |d| d.status)
    }
}

/// The rings of a GeoJSON Polygon or MultiPolygon geometry as (longitude, latitude), every
/// polygon's rings one after the other; `None` when it is neither.
fn multipolygon_rings(geometry: &serde_json::Value) -> Option<Vec<Vec<(f64, f64)>>> {
    let ring = |r: &serde_json::Value| -> Option<Vec<(f64, f64)>> {
        r.as_array()?
            .iter()
            .map(|c| Some((c.get(0)?.as_f64()?, c.get(1)?.as_f64()?)))
            .collect()
    };
    let coordinates = geometry.get("coordinates")?.as_array()?;
    let polygons: Vec<&serde_json::Value> = match geometry.get("type")?.as_str()? {
        "Polygon" => vec![geometry.get("coordinates")?],
        "MultiPolygon" => coordinates.iter().collect(),
        _ => return None,
    };
    polygons
        .into_iter()
        .map(|p| {
            p.as_array()
                .map(|rings| rings.iter().map(ring).collect::<Option<Vec<_>>>())
        })
        .collect::<Option<Option<Vec<Vec<Vec<(f64, f64)>>>>>>()
        .flatten()
        .map(|ps| ps.into_iter().flatten().collect())
}

/// A record of what grew on a plot, with who recorded it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlotUseRecord {
    /// Its id.
    pub id: i64,
    /// The plot.
    pub plot_id: i64,
    /// What was recorded.
    #[serde(flatten)]
    pub record: PlotUse,
    /// The account that recorded it (its name when it was recorded).
    pub recorded_by: String,
    /// When it was recorded (UTC).
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

/// One plot with everything recorded on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlotView {
    /// The plot.
    pub plot: Plot,
    /// What grew on it, newest day first.
    pub uses: Vec<PlotUseRecord>,
    /// Illicit and licit hectares per day, oldest first.
    pub days: Vec<PlotDay>,
    /// Whether the reader may change the plot and record what grows on it.
    pub can_edit: bool,
}

impl PlotForm {
    /// The form filled with a plot's fields (its place only when the reader may see it).
    pub fn of(plot: &Plot) -> PlotForm {
        let location = plot.location.as_ref();
        let boundary = location
            .and_then(|l| l.boundary.as_ref())
            .map(|b| b.to_string())
            .unwrap_or_default();
        let point = location.filter(|l| l.boundary.is_none());
        PlotForm {
            name: plot.name.clone(),
            declared_hectares: plot.declared_hectares.normalize().to_string(),
            boundary,
            longitude: point.map(|l| l.longitude.to_string()).unwrap_or_default(),
            latitude: point.map(|l| l.latitude.to_string()).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, d).unwrap()
    }

    fn codes(errors: Vec<FieldError>) -> Vec<(String, String)> {
        errors
            .into_iter()
            .map(|e| (e.field, e.problem.code().to_owned()))
            .collect()
    }

    fn pair(f: &str, c: &str) -> (String, String) {
        (f.to_owned(), c.to_owned())
    }

    #[test]
    fn a_plot_is_a_point_or_a_boundary_with_its_declared_area() {
        let point = PlotForm {
            name: "La quebrada".into(),
            declared_hectares: "1,5".into(),
            longitude: "-76.52".into(),
            latitude: "-8.19".into(),
            ..PlotForm::default()
        }
        .validate()
        .unwrap();
        assert_eq!(point.declared_hectares, dec!(1.5));
        assert_eq!(point.place, PlotPlace::Point(-76.52, -8.19));
        let boundary = PlotForm {
            name: "Loma".into(),
            declared_hectares: "2".into(),
            boundary: " {\"type\":\"Polygon\"} ".into(),
            ..PlotForm::default()
        }
        .validate()
        .unwrap();
        assert_eq!(
            boundary.place,
            PlotPlace::Boundary("{\"type\":\"Polygon\"}".into())
        );
    }

    #[test]
    fn a_plot_without_a_place_or_with_both_or_half_a_point_is_refused() {
        let base = PlotForm {
            name: "Loma".into(),
            declared_hectares: "2".into(),
            ..PlotForm::default()
        };
        assert_eq!(
            codes(base.validate().unwrap_err()),
            vec![pair("boundary", "required")]
        );
        let both = PlotForm {
            boundary: "{}".into(),
            longitude: "-76".into(),
            latitude: "-8".into(),
            ..base.clone()
        };
        assert_eq!(
            codes(both.validate().unwrap_err()),
            vec![pair("boundary", "both_or_neither")]
        );
        let half = PlotForm {
            longitude: "-76".into(),
            ..base.clone()
        };
        assert_eq!(
            codes(half.validate().unwrap_err()),
            vec![pair("latitude", "both_or_neither")]
        );
        let bad = PlotForm {
            name: " ".into(),
            declared_hectares: "0".into(),
            longitude: "-200".into(),
            latitude: "-8".into(),
            ..PlotForm::default()
        };
        assert_eq!(
            codes(bad.validate().unwrap_err()),
            vec![
                pair("name", "required"),
                pair("declared_hectares", "not_positive"),
                pair("longitude", "out_of_range"),
            ]
        );
    }

    #[test]
    fn a_plot_record_names_an_illicit_or_a_licit_crop() {
        let form = PlotUseForm {
            observed_on: "2025-06-03".into(),
            crop: "coca_bush".into(),
            hectares: "0.75".into(),
            source: "field_verification".into(),
            note: String::new(),
        };
        let coca = form.validate(day(30)).unwrap();
        assert_eq!(coca.crop, PlotCrop::Illicit(IllicitCrop::CocaBush));
        assert!(coca.crop.is_illicit());
        let cocoa = PlotUseForm {
            crop: "cocoa".into(),
            ..form.clone()
        }
        .validate(day(30))
        .unwrap();
        assert_eq!(cocoa.crop, PlotCrop::Licit(AlternativeCrop::Cocoa));
        let bad = PlotUseForm {
            observed_on: "2025-07-01".into(),
            crop: "tobacco".into(),
            hectares: "-1".into(),
            source: "rumour".into(),
            note: String::new(),
        };
        assert_eq!(
            codes(bad.validate(day(30)).unwrap_err()),
            vec![
                pair("observed_on", "date_in_future"),
                pair("crop", "unknown_crop"),
                pair("hectares", "not_positive"),
                pair("source", "unknown_choice"),
            ]
        );
        assert_eq!(
            serde_json::to_string(&PlotCrop::Licit(AlternativeCrop::Coffee)).unwrap(),
            "\"coffee\""
        );
    }

    fn grows(crop: &str, hectares: Decimal, on: NaiveDate) -> PlotUse {
        PlotUse {
            observed_on: on,
            crop: PlotCrop::from_code(crop).unwrap(),
            hectares,
            source: BaselineSource::FieldVerification,
            note: None,
        }
    }

    #[test]
    fn crops_on_one_day_fit_the_plot_with_five_per_cent_to_spare() {
        // A 2 ha plot: 1.2 ha of cocoa and 0.8 ha of coca already seen on 3 June.
        let kept = [
            grows("cocoa", dec!(1.2), day(3)),
            grows("coca_bush", dec!(0.8), day(3)),
            grows("coffee", dec!(2), day(1)),
        ];
        // 0.1 ha of banana more is 2.1 ha: exactly 105%.
        assert!(fits_plot(dec!(2), &kept, &grows("banana", dec!(0.1), day(3))).is_ok());
        let too_much = fits_plot(dec!(2), &kept, &grows("banana", dec!(0.2), day(3))).unwrap_err();
        assert_eq!(too_much.field, "hectares");
        assert_eq!(too_much.problem, Problem::TooLarge { max: "0.1".into() });
        // A new figure for coca that day replaces the old one rather than adding to it.
        assert!(fits_plot(dec!(2), &kept, &grows("coca_bush", dec!(0.9), day(3))).is_ok());
        // Another day starts from nothing.
        assert!(fits_plot(dec!(2), &kept, &grows("cocoa", dec!(2.1), day(4))).is_ok());
    }

    #[test]
    fn illicit_and_licit_hectares_are_added_up_per_day() {
        let kept = [
            grows("cocoa", dec!(1.2), day(3)),
            grows("coffee", dec!(0.3), day(3)),
            grows("coca_bush", dec!(0.8), day(3)),
            grows("coca_bush", dec!(2), day(1)),
        ];
        assert_eq!(illicit_and_licit(&kept, day(3)), (dec!(0.8), dec!(1.5)));
        assert_eq!(illicit_and_licit(&kept, day(1)), (dec!(2), dec!(0)));
        assert_eq!(illicit_and_licit(&kept, day(9)), (dec!(0), dec!(0)));
    }

    #[test]
    fn the_measured_area_counts_and_a_large_disagreement_is_flagged() {
        assert_eq!(reference_hectares(dec!(2), Some(dec!(1.8))), dec!(1.8));
        assert_eq!(reference_hectares(dec!(2), None), dec!(2));
        assert!(!areas_disagree(dec!(2), dec!(2.4)));
        assert!(areas_disagree(dec!(2), dec!(2.6)));
        assert!(areas_disagree(dec!(2), dec!(1.4)));
    }

    #[test]
    fn a_plot_over_time_moves_from_illicit_through_mixed_to_licit() {
        let kept = [
            grows("cocoa", dec!(1.2), day(20)),
            grows("coca_bush", dec!(2), day(1)),
            grows("coca_bush", dec!(0.8), day(10)),
            grows("cocoa", dec!(1), day(10)),
        ];
        let days = plot_days(&kept);
        let summary: Vec<(u32, Decimal, Decimal, PlotStatus)> = days
            .iter()
            .map(|d| {
                use chrono::Datelike;
                (
                    d.observed_on.day(),
                    d.illicit_hectares,
                    d.licit_hectares,
                    d.status,
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (1, dec!(2), dec!(0), PlotStatus::Illicit),
                (10, dec!(0.8), dec!(1), PlotStatus::Mixed),
                (20, dec!(0), dec!(1.2), PlotStatus::Licit),
            ]
        );
        assert_eq!(plot_status(dec!(0), dec!(0)), PlotStatus::Unknown);
        assert!(plot_days(&[]).is_empty());
    }

    fn plot_at(name: &str, declared: Decimal, location: PlotLocation) -> Plot {
        Plot {
            id: 1,
            household_id: 2,
            household_code: "0000-0000-0".into(),
            project_id: 3,
            community_id: 4,
            community_name: "La Esperanza".into(),
            name: name.into(),
            declared_hectares: declared,
            measured_hectares: None,
            areas_disagree: false,
            location: Some(location),
            latest: None,
            created_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_plot_fills_its_form_with_the_place_only_when_the_reader_may_see_it() {
        let mut plot = plot_at(
            "La quebrada",
            dec!(1.50),
            PlotLocation {
                boundary: None,
                longitude: -76.52,
                latitude: -8.19,
            },
        );
        let form = PlotForm::of(&plot);
        assert_eq!(form.declared_hectares, "1.5");
        assert_eq!(
            (form.longitude.as_str(), form.latitude.as_str()),
            ("-76.52", "-8.19")
        );
        assert_eq!(
            form.validate().unwrap().place,
            PlotPlace::Point(-76.52, -8.19)
        );
        plot.location = None;
        let hidden = PlotForm::of(&plot);
        assert!(hidden.longitude.is_empty() && hidden.boundary.is_empty());
        assert_eq!(plot.status(), PlotStatus::Unknown);
    }

    #[test]
    fn a_plot_is_drawn_as_its_boundary_or_its_point_and_not_at_all_without_its_place() {
        let boundary: serde_json::Value = serde_json::from_str(
            r#"{"type":"MultiPolygon","coordinates":[[[[-76.5,-8.2],[-76.49,-8.2],[-76.49,-8.19],[-76.5,-8.2]]]]}"#,
        )
        .unwrap();
        let mut plot = plot_at(
            "Loma",
            dec!(2),
            PlotLocation {
                boundary: Some(boundary),
                longitude: -76.495,
                latitude: -8.197,
            },
        );
        plot.measured_hectares = Some(dec!(1.9));
        plot.latest = Some(PlotDay {
            observed_on: day(3),
            illicit_hectares: dec!(1),
            licit_hectares: dec!(0),
            status: PlotStatus::Illicit,
        });
        let drawn = plot.map_plot().unwrap();
        assert_eq!(drawn.status, PlotStatus::Illicit);
        assert_eq!(drawn.label, "Loma — 0000-0000-0");
        match drawn.shape {
            crate::mapview::PlotShape::Polygon(rings) => {
                assert_eq!(rings.len(), 1);
                assert_eq!(rings[0].len(), 4);
                assert_eq!(rings[0][1], (-76.49, -8.2));
            }
            other => panic!("a boundary is drawn as a polygon, not {other:?}"),
        }
        plot.location.as_mut().unwrap().boundary = None;
        assert_eq!(
            plot.map_plot().unwrap().shape,
            crate::mapview::PlotShape::Point(-76.495, -8.197)
        );
        plot.location = None;
        assert!(plot.map_plot().is_none());
    }
}
