//! A household's plots and what grows on them over time, licit and illicit, in hectares: the
//! record that shows a farm's move from coca, poppy or cannabis to licit crops. A plot is a
//! polygon (measured geodesically by the server) or a GPS point, always with the area the
//! household declares; its exact place is personal data.

use crate::baseline::BaselineSource;
use crate::crop::{AlternativeCrop, IllicitCrop};
use crate::i18n::Locale;
use crate::validation::{
    Collector, FieldError, Problem, choice, optional_degrees, optional_text, point_of,
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
        let crop = ok.take(
            choice("crop", &self.crop, PlotCrop::from_code).map_err(|e| {
                if e.problem == Problem::UnknownChoice {
                    FieldError::new("crop", Problem::UnknownCrop)
                } else {
                    e
                }
            }),
        );
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
}
