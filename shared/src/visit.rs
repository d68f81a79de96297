//! Monitoring visits: what a field monitor sees at a household on one day — where (the device's
//! GPS), on each plot visited the illicit crops standing and the licit crops established and
//! surviving, and the household's harvest, sales and income from a promoted crop. A visit also
//! writes what grows on each plot that day into the plot's history (see [`crate::plot`]).

use crate::crop::{AlternativeCrop, IllicitCrop, coded_enum};
use crate::currency;
use crate::i18n::Locale;
use crate::plot::{HECTARE_DECIMALS, PlotCrop, plot_hectares_max};
use crate::validation::{
    Collector, FieldError, Problem, choice, crop_choice, date, non_negative_decimal,
    optional_degrees, optional_non_negative_decimal, optional_text, point_of,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most plot rows one visit takes (a household farms a handful of plots).
pub const VISIT_PLOTS_MAX: usize = 20;
/// The longest note kept.
pub const VISIT_NOTE_MAX: u32 = 2000;
/// The largest harvest one visit records, in kilograms.
pub fn harvest_kg_max() -> Decimal {
    Decimal::from(1_000_000)
}

coded_enum! {
    /// Where the household sold its harvest.
    SalesChannel {
        Cooperative => "cooperative", "Through the cooperative", "A través de la cooperativa";
        PrivateBuyer => "private_buyer", "Private buyer under contract", "Comprador privado con contrato";
        Intermediary => "intermediary", "Intermediary", "Intermediario";
        LocalMarket => "local_market", "Local market", "Mercado local";
        NotSold => "not_sold", "Not sold (own use)", "No vendido (autoconsumo)";
    }
}

/// One plot's row of a visit, as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitPlotForm {
    /// The plot (one of the household's).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12"))]
    pub plot_id: String,
    /// The illicit crop seen standing, if any: `coca_bush`, `opium_poppy`, `cannabis_plant`.
    pub illicit_crop: String,
    /// Hectares of it standing (0 when none).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0"))]
    pub illicit_hectares: String,
    /// The licit crop the program promotes there (`cocoa`, `coffee`, ...).
    pub licit_crop: String,
    /// Hectares of it established (planted).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.2"))]
    pub established_hectares: String,
    /// Hectares of it surviving (no more than established).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.0"))]
    pub surviving_hectares: String,
}

impl VisitPlotForm {
    fn is_blank(&self) -> bool {
        [
            &self.illicit_crop,
            &self.illicit_hectares,
            &self.licit_crop,
            &self.established_hectares,
            &self.surviving_hectares,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }
}

/// A monitoring visit as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitForm {
    /// An id the device made for this entry (a UUID): sending the same entry again answers the
    /// visit already stored instead of storing it twice.
    pub client_id: String,
    /// The day, `YYYY-MM-DD`, not in the future.
    pub visited_on: String,
    /// The device's GPS longitude at the household (WGS84), when it had one.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "-76.51"))]
    pub longitude: String,
    /// The device's GPS latitude.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "-8.19"))]
    pub latitude: String,
    /// The plots visited; rows left blank are plots not visited.
    pub plots: Vec<VisitPlotForm>,
    /// The promoted crop harvested (`cocoa`, ...), if the household harvested.
    pub crop: String,
    /// Kilograms harvested since the last visit.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "420"))]
    pub harvested_kg: String,
    /// Kilograms of it sold (no more than harvested).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "400"))]
    pub sold_kg: String,
    /// The price per kilogram it was sold at, in `currency`.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "8.50"))]
    pub price_per_kg: String,
    /// The currency of the price and the income (ISO 4217).
    pub currency: String,
    /// Where it was sold.
    pub sales_channel: String,
    /// The income from the sale, in `currency`; left empty, it is kilograms sold × price.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "3400.00"))]
    pub income: String,
    /// What else the monitor saw.
    pub note: String,
}

impl VisitForm {
    /// Reads a form post: the visit's fields, and plot rows named `plots[N].field`.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut form = VisitForm::default();
        let mut rows: BTreeMap<usize, VisitPlotForm> = BTreeMap::new();
        for (key, value) in pairs {
            let value = value.to_owned();
            if let Some((index, part)) = key
                .strip_prefix("plots[")
                .and_then(|rest| rest.split_once("]."))
            {
                let Some(index) = index.parse::<usize>().ok().filter(|i| *i < VISIT_PLOTS_MAX)
                else {
                    continue;
                };
                let row = rows.entry(index).or_default();
                match part {
                    "plot_id" => row.plot_id = value,
                    "illicit_crop" => row.illicit_crop = value,
                    "illicit_hectares" => row.illicit_hectares = value,
                    "licit_crop" => row.licit_crop = value,
                    "established_hectares" => row.established_hectares = value,
                    "surviving_hectares" => row.surviving_hectares = value,
                    _ => {}
                }
                continue;
            }
            match key {
                "client_id" => form.client_id = value,
                "visited_on" => form.visited_on = value,
                "longitude" => form.longitude = value,
                "latitude" => form.latitude = value,
                "crop" => form.crop = value,
                "harvested_kg" => form.harvested_kg = value,
                "sold_kg" => form.sold_kg = value,
                "price_per_kg" => form.price_per_kg = value,
                "currency" => form.currency = value,
                "sales_channel" => form.sales_channel = value,
                "income" => form.income = value,
                "note" => form.note = value,
                _ => {}
            }
        }
        if let Some(last) = rows.keys().next_back() {
            form.plots = vec![VisitPlotForm::default(); last + 1];
            for (index, row) in rows {
                form.plots[index] = row;
            }
        }
        form
    }
}

/// What a visit saw on one plot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitPlot {
    /// The plot.
    pub plot_id: i64,
    /// The illicit crop standing, when any stands.
    pub illicit_crop: Option<IllicitCrop>,
    /// Hectares of it.
    pub illicit_hectares: Decimal,
    /// The licit crop promoted there, when any.
    pub licit_crop: Option<AlternativeCrop>,
    /// Hectares of it established.
    pub established_hectares: Decimal,
    /// Hectares of it surviving.
    pub surviving_hectares: Decimal,
}

impl VisitPlot {
    /// What the visit records as growing on the plot that day: the illicit crop standing and
    /// the licit crop surviving (an area of nothing is not a record).
    pub fn grows(&self) -> Vec<(PlotCrop, Decimal)> {
        let mut grows = Vec::new();
        if let Some(crop) = self
            .illicit_crop
            .filter(|_| self.illicit_hectares > Decimal::ZERO)
        {
            grows.push((PlotCrop::Illicit(crop), self.illicit_hectares));
        }
        if let Some(crop) = self
            .licit_crop
            .filter(|_| self.surviving_hectares > Decimal::ZERO)
        {
            grows.push((PlotCrop::Licit(crop), self.surviving_hectares));
        }
        grows
    }
}

/// A household's harvest and sales since the last visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Production {
    /// The promoted crop.
    pub crop: AlternativeCrop,
    /// Kilograms harvested.
    pub harvested_kg: Decimal,
    /// Kilograms sold.
    pub sold_kg: Decimal,
    /// The price per kilogram, when something was sold.
    pub price_per_kg: Option<Decimal>,
    /// The currency of the price and the income.
    pub currency: String,
    /// Where it was sold.
    pub sales_channel: SalesChannel,
    /// The income from the sale, in `currency`.
    pub income: Decimal,
}

/// A valid visit to store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewVisit {
    /// The device's id for the entry, if it sent one.
    pub client_id: Option<String>,
    /// The day.
    pub visited_on: NaiveDate,
    /// The GPS position (longitude, latitude); personal data, like a plot's place.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<f64>>))]
    pub location: Option<(f64, f64)>,
    /// The plots visited.
    pub plots: Vec<VisitPlot>,
    /// The harvest and sales, when there were any.
    pub production: Option<Production>,
    /// The note.
    pub note: Option<String>,
}

fn hectares(field: String, raw: &str) -> Result<Decimal, FieldError> {
    if raw.trim().is_empty() {
        return Ok(Decimal::ZERO);
    }
    non_negative_decimal(&field, raw, plot_hectares_max(), HECTARE_DECIMALS)
}

fn kilograms(field: &str, raw: &str) -> Result<Option<Decimal>, FieldError> {
    optional_non_negative_decimal(field, raw, harvest_kg_max(), 2)
}

/// Whether a client id is acceptable: 8 to 64 letters, digits, `-` or `_` (a UUID fits).
fn client_id(raw: &str) -> Result<Option<String>, FieldError> {
    let id = raw.trim();
    if id.is_empty() {
        return Ok(None);
    }
    let fine = (8..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if fine {
        Ok(Some(id.to_owned()))
    } else {
        Err(FieldError::new("client_id", Problem::InvalidClientId))
    }
}

impl VisitForm {
    /// Checks every field: the day, a whole GPS point or none, each plot row (one of
    /// `household_plots`, once each, a crop for every area, no more surviving than established)
    /// and the harvest (no more sold than harvested; a price and a channel for what was sold;
    /// the income computed from them when not typed).
    pub fn validate(
        &self,
        household_plots: &[i64],
        today: NaiveDate,
    ) -> Result<NewVisit, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let client_id = ok.take(client_id(&self.client_id));
        let visited_on = ok.take(date("visited_on", &self.visited_on).and_then(|d| {
            if d > today {
                Err(FieldError::new("visited_on", Problem::DateInFuture))
            } else {
                Ok(d)
            }
        }));
        let longitude = ok.take(optional_degrees(
            "longitude",
            &self.longitude,
            -180.0,
            180.0,
        ));
        let latitude = ok.take(optional_degrees("latitude", &self.latitude, -90.0, 90.0));
        let location = ok.take(point_of(longitude, latitude)).flatten();
        let mut plots = Vec::new();
        let mut seen = Vec::new();
        for (i, row) in self.plots.iter().enumerate() {
            if row.is_blank() {
                continue;
            }
            if let Some(plot) = plot_row(i, row, household_plots, &mut seen, &mut errors) {
                plots.push(plot);
            }
        }
        let production = production(self, &mut errors);
        let mut ok = Collector(&mut errors);
        let note = ok.take(optional_text("note", &self.note, VISIT_NOTE_MAX));
        match (client_id, visited_on, note) {
            (Some(client_id), Some(visited_on), Some(note)) if errors.is_empty() => Ok(NewVisit {
                client_id,
                visited_on,
                location,
                plots,
                production: production.flatten(),
                note,
            }),
            _ => Err(errors),
        }
    }
}

fn plot_row(
    i: usize,
    row: &VisitPlotForm,
    household_plots: &[i64],
    seen: &mut Vec<i64>,
    errors: &mut Vec<FieldError>,
) -> Option<VisitPlot> {
    let field = |name: &str| format!("plots[{i}].{name}");
    let before = errors.len();
    let mut ok = Collector(errors);
    let plot_id = row
        .plot_id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| household_plots.contains(id));
    if plot_id.is_none() {
        ok.0.push(FieldError::new(field("plot_id"), Problem::UnknownReference));
    }
    if let Some(id) = plot_id {
        if seen.contains(&id) {
            ok.0.push(FieldError::new(field("plot_id"), Problem::DuplicatePlot));
        }
        seen.push(id);
    }
    let illicit_hectares = ok.take(hectares(field("illicit_hectares"), &row.illicit_hectares));
    let illicit_crop = if row.illicit_crop.trim().is_empty() {
        if illicit_hectares.is_some_and(|h| h > Decimal::ZERO) {
            ok.0.push(FieldError::new(field("illicit_crop"), Problem::Required));
        }
        None
    } else {
        ok.take(crop_choice(
            &field("illicit_crop"),
            &row.illicit_crop,
            IllicitCrop::from_code,
        ))
    };
    let established = ok.take(hectares(
        field("established_hectares"),
        &row.established_hectares,
    ));
    let surviving = ok.take(hectares(
        field("surviving_hectares"),
        &row.surviving_hectares,
    ));
    let licit_crop = if row.licit_crop.trim().is_empty() {
        if established.is_some_and(|h| h > Decimal::ZERO)
            || surviving.is_some_and(|h| h > Decimal::ZERO)
        {
            ok.0.push(FieldError::new(field("licit_crop"), Problem::Required));
        }
        None
    } else {
        ok.take(crop_choice(
            &field("licit_crop"),
            &row.licit_crop,
            AlternativeCrop::from_code,
        ))
    };
    if let (Some(e), Some(s)) = (established, surviving)
        && s > e
    {
        ok.0.push(FieldError::new(
            field("surviving_hectares"),
            Problem::TooLarge {
                max: e.normalize().to_string(),
            },
        ));
    }
    if errors.len() > before {
        return None;
    }
    Some(VisitPlot {
        plot_id: plot_id?,
        illicit_crop,
        illicit_hectares: illicit_hectares?,
        licit_crop,
        established_hectares: established?,
        surviving_hectares: surviving?,
    })
}

/// The harvest part of the form: `Some(None)` when left blank.
fn production(form: &VisitForm, errors: &mut Vec<FieldError>) -> Option<Option<Production>> {
    let blank = [
        &form.crop,
        &form.harvested_kg,
        &form.sold_kg,
        &form.price_per_kg,
        &form.sales_channel,
        &form.income,
    ]
    .iter()
    .all(|v| v.trim().is_empty());
    if blank {
        return Some(None);
    }
    let before = errors.len();
    let mut ok = Collector(errors);
    let crop = ok.take(crop_choice("crop", &form.crop, AlternativeCrop::from_code));
    let harvested = ok.take(kilograms("harvested_kg", &form.harvested_kg));
    let sold = ok.take(kilograms("sold_kg", &form.sold_kg));
    let currency = ok.take(currency::currency("currency", &form.currency));
    if let (Some(Some(h)), Some(Some(s))) = (harvested, sold)
        && s > h
    {
        ok.0.push(FieldError::new(
            "sold_kg",
            Problem::TooLarge {
                max: h.normalize().to_string(),
            },
        ));
    }
    let sold_kg = sold.flatten().unwrap_or(Decimal::ZERO);
    let price = match currency {
        Some(c) if !form.price_per_kg.trim().is_empty() => {
            ok.take(currency::amount("price_per_kg", &form.price_per_kg, c).map(Some))
        }
        _ if sold_kg > Decimal::ZERO && form.price_per_kg.trim().is_empty() => {
            ok.0.push(FieldError::new("price_per_kg", Problem::Required));
            None
        }
        _ => Some(None),
    };
    let channel = if form.sales_channel.trim().is_empty() && sold_kg == Decimal::ZERO {
        Some(SalesChannel::NotSold)
    } else {
        ok.take(choice(
            "sales_channel",
            &form.sales_channel,
            SalesChannel::from_code,
        ))
    };
    if channel == Some(SalesChannel::NotSold) && sold_kg > Decimal::ZERO {
        ok.0.push(FieldError::new("sales_channel", Problem::UnknownChoice));
    }
    let income = match (currency, form.income.trim().is_empty()) {
        (Some(c), false) => ok.take(
            optional_non_negative_decimal(
                "income",
                &form.income,
                currency::AMOUNT_MAX,
                c.minor_units,
            )
            .map(Option::unwrap_or_default),
        ),
        // Kilograms sold × price, rounded half to even to the currency's minor units.
        (Some(c), true) => {
            Some((sold_kg * price.flatten().unwrap_or_default()).round_dp(c.minor_units))
        }
        (None, _) => None,
    };
    if errors.len() > before {
        return None;
    }
    let currency = currency?;
    // Money is written with its currency's minor units (3580000 pesos is 3580000.00).
    let in_minor_units = |mut value: Decimal| {
        value.rescale(currency.minor_units);
        value
    };
    Some(Some(Production {
        crop: crop?,
        harvested_kg: harvested?.unwrap_or_default(),
        sold_kg,
        price_per_kg: price?.map(in_minor_units),
        currency: currency.code.to_owned(),
        sales_channel: channel?,
        income: in_minor_units(income?),
    }))
}

/// A visit as stored and shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Visit {
    /// Its id.
    pub id: i64,
    /// The household.
    pub household_id: i64,
    /// The household's code.
    pub household_code: String,
    /// The household's project.
    pub project_id: i64,
    /// What was seen (its `location` only for readers who may see personal data).
    #[serde(flatten)]
    pub visit: NewVisit,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was recorded (UTC).
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

impl Visit {
    /// Illicit hectares seen on all plots of the visit.
    pub fn illicit_hectares(&self) -> Decimal {
        self.visit.plots.iter().map(|p| p.illicit_hectares).sum()
    }

    /// Licit hectares surviving on all plots of the visit.
    pub fn surviving_hectares(&self) -> Decimal {
        self.visit.plots.iter().map(|p| p.surviving_hectares).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
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

    fn posted() -> Vec<(&'static str, &'static str)> {
        vec![
            ("client_id", "4f7c1d0e-9b2a-4c3d-8e1f-2a3b4c5d6e7f"),
            ("visited_on", "2025-06-03"),
            ("longitude", "-76.512345"),
            ("latitude", "-8.187654"),
            ("plots[0].plot_id", "7"),
            ("plots[0].illicit_crop", "coca_bush"),
            ("plots[0].illicit_hectares", "0,25"),
            ("plots[0].licit_crop", "cocoa"),
            ("plots[0].established_hectares", "1.2"),
            ("plots[0].surviving_hectares", "1,1"),
            ("plots[1].plot_id", "8"),
            ("crop", "cocoa"),
            ("harvested_kg", "420"),
            ("sold_kg", "400"),
            ("price_per_kg", "8,55"),
            ("currency", "PEN"),
            ("sales_channel", "cooperative"),
            ("income", ""),
            ("note", "Grafted seedlings doing well"),
        ]
    }

    #[test]
    fn a_visit_is_read_from_a_form_post_with_its_plot_rows_and_the_income_computed() {
        let form = VisitForm::from_pairs(posted());
        assert_eq!(form.plots.len(), 2);
        let visit = form.validate(&[7, 8], today()).unwrap();
        assert_eq!(visit.location, Some((-76.512345, -8.187654)));
        assert_eq!(visit.plots.len(), 1, "a blank row is a plot not visited");
        let plot = &visit.plots[0];
        assert_eq!(
            plot.grows(),
            vec![
                (PlotCrop::Illicit(IllicitCrop::CocaBush), dec!(0.25)),
                (PlotCrop::Licit(AlternativeCrop::Cocoa), dec!(1.1)),
            ]
        );
        let production = visit.production.unwrap();
        // 400 kg × 8.55 = 3,420.00 soles.
        assert_eq!(production.income.to_string(), "3420.00");
        assert_eq!(production.price_per_kg.unwrap().to_string(), "8.55");
        assert_eq!(production.sales_channel, SalesChannel::Cooperative);
        assert_eq!(
            visit.client_id.as_deref(),
            Some("4f7c1d0e-9b2a-4c3d-8e1f-2a3b4c5d6e7f")
        );
    }

    #[test]
    fn a_visit_without_harvest_or_gps_is_a_visit_and_typed_income_is_kept() {
        let form = VisitForm {
            visited_on: "2025-06-03".into(),
            ..VisitForm::default()
        };
        let visit = form.validate(&[], today()).unwrap();
        assert_eq!(visit.location, None);
        assert_eq!(visit.production, None);
        let typed = VisitForm {
            visited_on: "2025-06-03".into(),
            crop: "coffee".into(),
            harvested_kg: "100".into(),
            sold_kg: "100".into(),
            price_per_kg: "12000".into(),
            currency: "COP".into(),
            sales_channel: "intermediary".into(),
            income: "1150000".into(),
            ..VisitForm::default()
        };
        let production = typed.validate(&[], today()).unwrap().production.unwrap();
        assert_eq!(production.income, dec!(1150000));
        let kept = VisitForm {
            visited_on: "2025-06-03".into(),
            crop: "cocoa".into(),
            harvested_kg: "50".into(),
            currency: "PEN".into(),
            ..VisitForm::default()
        };
        let own_use = kept.validate(&[], today()).unwrap().production.unwrap();
        assert_eq!(own_use.sales_channel, SalesChannel::NotSold);
        assert_eq!(own_use.income, dec!(0));
    }

    #[test]
    fn every_problem_of_a_visit_is_named_with_its_row() {
        let form = VisitForm {
            client_id: "x".into(),
            visited_on: "2026-01-02".into(),
            longitude: "-76.5".into(),
            plots: vec![
                VisitPlotForm {
                    plot_id: "9".into(),
                    illicit_hectares: "1".into(),
                    established_hectares: "1".into(),
                    surviving_hectares: "1.5".into(),
                    licit_crop: "tobacco".into(),
                    ..VisitPlotForm::default()
                },
                VisitPlotForm {
                    plot_id: "7".into(),
                    surviving_hectares: "1".into(),
                    licit_crop: "cocoa".into(),
                    established_hectares: "1".into(),
                    ..VisitPlotForm::default()
                },
                VisitPlotForm {
                    plot_id: "7".into(),
                    illicit_crop: "coca_bush".into(),
                    illicit_hectares: "-1".into(),
                    ..VisitPlotForm::default()
                },
            ],
            crop: "cocoa".into(),
            harvested_kg: "100".into(),
            sold_kg: "120".into(),
            currency: "PEN".into(),
            sales_channel: "not_sold".into(),
            ..VisitForm::default()
        };
        assert_eq!(
            codes(form.validate(&[7], today()).unwrap_err()),
            vec![
                pair("client_id", "invalid_client_id"),
                pair("visited_on", "date_in_future"),
                pair("latitude", "both_or_neither"),
                pair("plots[0].plot_id", "unknown_reference"),
                pair("plots[0].illicit_crop", "required"),
                pair("plots[0].licit_crop", "unknown_crop"),
                pair("plots[0].surviving_hectares", "too_large"),
                pair("plots[2].plot_id", "duplicate_plot"),
                pair("plots[2].illicit_hectares", "negative"),
                pair("sold_kg", "too_large"),
                pair("price_per_kg", "required"),
                pair("sales_channel", "unknown_choice"),
            ]
        );
    }
}
