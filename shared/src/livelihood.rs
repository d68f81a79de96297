//! Livelihood plans: for a group of households that give up an illicit crop, the value chains each
//! household establishes (crop, hectares, planting month, yield curve by year since planting,
//! farm-gate price, market channel, certification), and what follows from them: the income
//! transition per household and for all households, the bridging support that covers the income
//! valley year by year (a budget line that adds up to the cent), and whether support starts before
//! or with eradication, as the Guiding Principles on Alternative Development ask (18(k)).

use crate::crop::AlternativeCrop;
use crate::currency::{AMOUNT_MAX, Currency};
use crate::i18n::Locale;
use crate::income::{self, Transition, ValueChainPlan, months_between};
use crate::program::NAME_MAX;
use crate::validation::{
    Collector, FieldError, Problem, month, non_negative_decimal, positive_decimal, required_line,
    whole_number,
};
use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeMap, HashSet};

/// The most value chains (rows) one plan takes.
pub const VALUE_CHAINS_MAX: u32 = 12;
/// The rows the plan form shows.
pub const VALUE_CHAIN_FORM_ROWS: usize = 4;
/// The most hectares one household may plant in one row: far more than a smallholding, so a
/// larger figure is a typing mistake (or the whole group's area typed as one household's).
pub const HECTARES_PER_HOUSEHOLD_MAX: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);
/// Hectares are kept to the square metre (1 ha = 10,000 m²).
pub const HECTARES_DECIMALS: u32 = 4;
/// The most years a yield curve lists.
pub const YIELD_YEARS_MAX: u32 = 30;
/// The largest yield accepted, in kilograms per hectare per year (100 kg/m²: more than any crop,
/// fish pond or greenhouse gives).
pub const YIELD_MAX: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// Yields are kept to the hundredth of a kilogram.
pub const YIELD_DECIMALS: u32 = 2;
/// The highest farm-gate price per kilogram accepted, in any currency: well above any crop's in
/// any of the currencies offered, and low enough that no plan's totals can overflow.
pub const PRICE_PER_KG_MAX: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
/// The most households one plan covers.
pub const HOUSEHOLDS_MAX: i64 = 1_000_000;
/// The horizon when none is given: six years, enough for cocoa and coffee to reach full yield.
pub const HORIZON_MONTHS_DEFAULT: i64 = 72;
/// The shortest horizon.
pub const HORIZON_MONTHS_MIN: i64 = 12;
/// The longest horizon (twenty years).
pub const HORIZON_MONTHS_MAX: i64 = 240;
/// The longest certification text.
pub const CERTIFICATION_MAX: u32 = 200;

/// Where the harvest of a value chain is sold (or used).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MarketChannel {
    /// Sold through the producers' cooperative or association.
    Cooperative,
    /// Sold to a private buyer or trader.
    PrivateBuyer,
    /// Sold at the local market.
    LocalMarket,
    /// Sold for export (directly or through an exporter).
    Export,
    /// Eaten or used by the household; its value counts as income because it replaces purchases.
    OwnConsumption,
}

impl MarketChannel {
    /// Every channel, in the order forms list them.
    pub const ALL: [MarketChannel; 5] = [
        MarketChannel::Cooperative,
        MarketChannel::PrivateBuyer,
        MarketChannel::LocalMarket,
        MarketChannel::Export,
        MarketChannel::OwnConsumption,
    ];

    /// The stable code used in forms, the API and the database (the serde name).
    pub fn code(self) -> &'static str {
        match self {
            MarketChannel::Cooperative => "cooperative",
            MarketChannel::PrivateBuyer => "private_buyer",
            MarketChannel::LocalMarket => "local_market",
            MarketChannel::Export => "export",
            MarketChannel::OwnConsumption => "own_consumption",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        MarketChannel::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (MarketChannel::Cooperative, Locale::En) => "Cooperative",
            (MarketChannel::Cooperative, Locale::Es) => "Cooperativa",
            (MarketChannel::PrivateBuyer, Locale::En) => "Private buyer",
            (MarketChannel::PrivateBuyer, Locale::Es) => "Comprador privado",
            (MarketChannel::LocalMarket, Locale::En) => "Local market",
            (MarketChannel::LocalMarket, Locale::Es) => "Mercado local",
            (MarketChannel::Export, Locale::En) => "Export",
            (MarketChannel::Export, Locale::Es) => "Exportación",
            (MarketChannel::OwnConsumption, Locale::En) => "Own consumption",
            (MarketChannel::OwnConsumption, Locale::Es) => "Autoconsumo",
        }
    }
}

/// One value chain of a plan as typed or sent: what ONE household plants in one planting month.
/// Several rows of the same crop with different planting months make a planting schedule (cocoa
/// 1 ha in 2025-03 and 1 ha more in 2026-03).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValueChainForm {
    /// The crop's code, such as `cocoa`, `coffee` or `banana` (required).
    pub crop: String,
    /// Hectares EACH household plants in this row (not the whole group's), more than 0 and at
    /// most 1,000, at most 4 decimals; a decimal string ("1.5", "1,5") or a JSON number.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.5"))]
    pub hectares: String,
    /// The month of planting, `YYYY-MM` (a full date is read as its month).
    #[cfg_attr(feature = "openapi", schema(example = "2025-03"))]
    pub planting_month: String,
    /// The yield in kilograms per hectare per year, by year since planting: the first entry is
    /// the first year after planting. Entries are separated by `;` or line breaks (or by spaces
    /// when there is neither, so "1 500" is 1500 in "0; 0; 1 500"), each a number of zero or
    /// more with a decimal point or comma, 1 to 30 entries. After the last year the yield stays
    /// at the last value. JSON may also give a list of numbers or strings.
    #[serde(deserialize_with = "text_or_list")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0; 0; 350; 700; 900"))]
    pub yield_curve: String,
    /// The farm-gate price per kilogram in the plan's currency, more than 0, with at most the
    /// currency's decimals; a decimal string or a JSON number.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "9000"))]
    pub price_per_kg: String,
    /// Where the harvest goes: `cooperative`, `private_buyer`, `local_market`, `export` or
    /// `own_consumption` (required).
    pub market_channel: String,
    /// Certifications, optional, at most 200 characters, such as "Organic, Fairtrade".
    pub certification: String,
}

impl ValueChainForm {
    fn is_blank(&self) -> bool {
        [
            &self.crop,
            &self.hectares,
            &self.planting_month,
            &self.yield_curve,
            &self.price_per_kg,
            &self.market_channel,
            &self.certification,
        ]
        .iter()
        .all(|f| f.trim().is_empty())
    }

    fn set(&mut self, part: &str, value: &str) {
        let field = match part {
            "crop" => &mut self.crop,
            "hectares" => &mut self.hectares,
            "planting_month" => &mut self.planting_month,
            "yield_curve" => &mut self.yield_curve,
            "price_per_kg" => &mut self.price_per_kg,
            "market_channel" => &mut self.market_channel,
            _ => &mut self.certification,
        };
        *field = value.to_owned();
    }
}

/// The parts of a value-chain row, as form posts name them.
const ROW_PARTS: [&str; 7] = [
    "crop",
    "hectares",
    "planting_month",
    "yield_curve",
    "price_per_kg",
    "market_channel",
    "certification",
];

/// Accepts a yield curve as text (`"0; 0; 350"`) or as a JSON list of numbers or strings
/// (`[0, 0, 350]`), kept as text so that a mistake is shown as typed.
fn text_or_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Entry {
        Text(String),
        Int(i64),
        Float(f64),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        List(Vec<Entry>),
    }
    Ok(match Raw::deserialize(deserializer)? {
        Raw::Text(text) => text,
        Raw::List(entries) => entries
            .into_iter()
            .map(|e| match e {
                Entry::Text(s) => s,
                Entry::Int(i) => i.to_string(),
                Entry::Float(f) => f.to_string(),
            })
            .collect::<Vec<_>>()
            .join("; "),
    })
}

/// Accepts an id as a string, a JSON number or `null` (no id).
fn id_or_null<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Int(i64),
    }
    Ok(match Option::<Raw>::deserialize(deserializer)? {
        None => String::new(),
        Some(Raw::Text(s)) => s,
        Some(Raw::Int(i)) => i.to_string(),
    })
}

/// What a user typed or sent to create or change a livelihood plan, as text, before validation.
/// The same struct is the HTML form, the server function's argument and the REST API's body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LivelihoodPlanForm {
    /// The plan's name (required, at most 200 characters).
    pub name: String,
    /// The community whose households follow the plan, by id (optional; it must be one of the
    /// project's communities, else `unknown_reference`). A string, a JSON number or `null`.
    #[serde(deserialize_with = "id_or_null")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "12"))]
    pub community_id: String,
    /// How many households follow this plan: a whole number from 1 to 1,000,000.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "120"))]
    pub households: String,
    /// The illicit income ONE household gives up each month, in the project's currency: zero or
    /// more (zero in preventive alternative development, where nothing is given up), with at
    /// most the currency's decimals.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1200000"))]
    pub illicit_income_monthly: String,
    /// The month illicit income stops (eradication), `YYYY-MM`, within the project's period. The
    /// transition is projected from this month.
    #[cfg_attr(feature = "openapi", schema(example = "2025-03"))]
    pub eradication_month: String,
    /// How many months the transition is projected over, from the eradication month: a whole
    /// number from 12 to 240; 72 (six years) when empty.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "72"))]
    pub horizon_months: String,
    /// The value chains each household establishes: 1 to 12 rows; empty rows are ignored; the
    /// same crop may appear in several rows with different planting months, never twice in the
    /// same month. Form posts name the rows `value_chains[N].crop`, `value_chains[N].hectares`...
    pub value_chains: Vec<ValueChainForm>,
}

/// The name of field `part` of value-chain row `index`, such as `value_chains[2].price_per_kg`.
pub fn value_chain_field(index: usize, part: &str) -> String {
    format!("value_chains[{index}].{part}")
}

/// Reads `value_chains[N].part`; `None` for other keys, unknown parts and indexes of 100 or more
/// (a real form has a handful of rows; a larger index is not given room).
fn parse_row_key(key: &str) -> Option<(usize, &str)> {
    let rest = key.strip_prefix("value_chains[")?;
    let (index, part) = rest.split_once("].")?;
    let index: usize = index.parse().ok()?;
    (index < 100 && ROW_PARTS.contains(&part)).then_some((index, part))
}

/// Reads a yield curve typed as a list: kilograms per hectare per year by year since planting,
/// such as `0; 0; 350; 700; 900`. Entries are separated by `;` or line breaks; when the text has
/// neither, by spaces (so spaces inside an entry, "1 500", are allowed only with `;` or line
/// breaks). Each entry is a number of zero or more, with a decimal point or comma, at most
/// [`YIELD_MAX`] and [`YIELD_DECIMALS`] places; 1 to [`YIELD_YEARS_MAX`] entries.
pub fn yield_curve(field: &str, raw: &str) -> Result<Vec<Decimal>, FieldError> {
    let listed = raw.contains(';') || raw.contains('\n');
    let entries: Vec<&str> = raw
        .split(|c: char| {
            if listed {
                c == ';' || c == '\n'
            } else {
                c.is_whitespace()
            }
        })
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    if entries.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    if entries.len() > YIELD_YEARS_MAX as usize {
        return Err(FieldError::new(
            field,
            Problem::TooMany {
                max: YIELD_YEARS_MAX,
            },
        ));
    }
    entries
        .into_iter()
        .map(|entry| non_negative_decimal(field, entry, YIELD_MAX, YIELD_DECIMALS))
        .collect()
}

/// A yield curve written the way [`yield_curve`] reads it back: `0; 0; 350; 700`.
pub fn yield_curve_text(curve: &[Decimal]) -> String {
    curve
        .iter()
        .map(|y| y.normalize().to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A valid value chain: what each household of the plan plants in one planting month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValueChain {
    /// The crop.
    pub crop: AlternativeCrop,
    /// Hectares each household plants (a decimal string in JSON).
    pub hectares: Decimal,
    /// The month of planting (its first day).
    pub planting_month: NaiveDate,
    /// Kilograms per hectare per year, by year since planting (the first entry is the first
    /// year); after the last entry the yield stays at the last value. Decimal strings in JSON.
    pub yield_curve: Vec<Decimal>,
    /// The farm-gate price per kilogram, in the plan's currency (a decimal string in JSON).
    pub price_per_kg: Decimal,
    /// Where the harvest goes.
    pub market_channel: MarketChannel,
    /// Certifications, if any ("Organic, Fairtrade").
    pub certification: Option<String>,
}

impl ValueChain {
    /// The value chain as the income model takes it (one household's).
    pub fn to_plan(&self) -> ValueChainPlan {
        ValueChainPlan {
            crop: self.crop,
            hectares: self.hectares,
            planted: self.planting_month,
            yield_per_hectare: self.yield_curve.clone(),
            price_per_kilogram: self.price_per_kg,
        }
    }

    /// The row as a form shows it for editing.
    pub fn to_form(&self) -> ValueChainForm {
        ValueChainForm {
            crop: self.crop.code().to_owned(),
            hectares: self.hectares.normalize().to_string(),
            planting_month: self.planting_month.format("%Y-%m").to_string(),
            yield_curve: yield_curve_text(&self.yield_curve),
            price_per_kg: self.price_per_kg.normalize().to_string(),
            market_channel: self.market_channel.code().to_owned(),
            certification: self.certification.clone().unwrap_or_default(),
        }
    }
}

/// A plan ready to be stored: every field valid. Whether `community_id` is one of the project's
/// communities is for the caller to check (it reads the database).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewLivelihoodPlan {
    /// The name, trimmed.
    pub name: String,
    /// The community, if one was chosen.
    pub community_id: Option<i64>,
    /// How many households follow the plan.
    pub households: i64,
    /// The illicit income one household gives up each month, in `currency`.
    pub illicit_income_monthly: Decimal,
    /// The currency the money figures were read in (the project's).
    pub currency: &'static str,
    /// The month illicit income stops (its first day).
    pub eradication_month: NaiveDate,
    /// Months the transition is projected over.
    pub horizon_months: i64,
    /// The value chains, in the order given, blank rows left out.
    pub value_chains: Vec<ValueChain>,
}

impl NewLivelihoodPlan {
    /// The stored plan this becomes under `id` in project `project_id` (also a way to preview a
    /// plan's transition before it is saved).
    pub fn into_plan(self, id: i64, project_id: i64) -> LivelihoodPlan {
        LivelihoodPlan {
            id,
            project_id,
            community_id: self.community_id,
            name: self.name,
            households: self.households,
            illicit_income_monthly: self.illicit_income_monthly,
            currency: self.currency.to_owned(),
            eradication_month: self.eradication_month,
            horizon_months: self.horizon_months,
            value_chains: self.value_chains,
        }
    }
}

impl LivelihoodPlanForm {
    /// Reads a form post: the plan's fields by name and the rows named `value_chains[N].part`
    /// (N below 100). Rows keep their index, so errors point at the right inputs; other fields
    /// are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut form = LivelihoodPlanForm::default();
        let mut rows: BTreeMap<usize, ValueChainForm> = BTreeMap::new();
        for (key, value) in pairs {
            match key {
                "name" => form.name = value.to_owned(),
                "community_id" => form.community_id = value.to_owned(),
                "households" => form.households = value.to_owned(),
                "illicit_income_monthly" => form.illicit_income_monthly = value.to_owned(),
                "eradication_month" => form.eradication_month = value.to_owned(),
                "horizon_months" => form.horizon_months = value.to_owned(),
                _ => {
                    if let Some((index, part)) = parse_row_key(key) {
                        rows.entry(index).or_default().set(part, value);
                    }
                }
            }
        }
        if let Some(last) = rows.keys().next_back() {
            form.value_chains = vec![ValueChainForm::default(); last + 1];
            for (index, row) in rows {
                form.value_chains[index] = row;
            }
        }
        form
    }

    /// Checks every field against the project's period (`span_start`..=`span_end`, whose months
    /// the eradication month must fall in) and its `currency` (money has at most its decimals),
    /// reporting every problem at once with the field's path (`households`,
    /// `value_chains[2].yield_curve`).
    pub fn validate(
        &self,
        span_start: NaiveDate,
        span_end: NaiveDate,
        currency: &Currency,
    ) -> Result<NewLivelihoodPlan, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);

        let name = ok.take(required_line("name", &self.name, NAME_MAX));
        // Chosen from a list: anything but a positive id cannot be one of the project's.
        let community_id = ok.take(match self.community_id.trim() {
            "" => Ok(None),
            raw => raw
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(Some)
                .ok_or_else(|| FieldError::new("community_id", Problem::UnknownReference)),
        });
        let households = ok.take(whole_number(
            "households",
            &self.households,
            1,
            HOUSEHOLDS_MAX,
        ));
        let illicit = ok.take(non_negative_decimal(
            "illicit_income_monthly",
            &self.illicit_income_monthly,
            AMOUNT_MAX,
            currency.minor_units,
        ));
        let eradication = ok.take(
            month("eradication_month", &self.eradication_month).and_then(|m| {
                // Any day of the period's first and last months will do.
                if m < span_start.with_day(1).unwrap_or(span_start) || m > span_end {
                    Err(FieldError::new(
                        "eradication_month",
                        Problem::OutsidePeriod {
                            start: span_start.to_string(),
                            end: span_end.to_string(),
                        },
                    ))
                } else {
                    Ok(m)
                }
            }),
        );
        let horizon = ok.take(match self.horizon_months.trim() {
            "" => Ok(HORIZON_MONTHS_DEFAULT),
            raw => whole_number(
                "horizon_months",
                raw,
                HORIZON_MONTHS_MIN,
                HORIZON_MONTHS_MAX,
            ),
        });
        let value_chains = self.validate_value_chains(currency, &mut errors);

        match (
            name,
            community_id,
            households,
            illicit,
            eradication,
            horizon,
        ) {
            (
                Some(name),
                Some(community_id),
                Some(households),
                Some(illicit_income_monthly),
                Some(eradication_month),
                Some(horizon_months),
            ) if errors.is_empty() => Ok(NewLivelihoodPlan {
                name,
                community_id,
                households,
                illicit_income_monthly,
                currency: currency.code,
                eradication_month,
                horizon_months,
                value_chains,
            }),
            _ => Err(errors),
        }
    }

    fn validate_value_chains(
        &self,
        currency: &Currency,
        errors: &mut Vec<FieldError>,
    ) -> Vec<ValueChain> {
        let filled: Vec<(usize, &ValueChainForm)> = self
            .value_chains
            .iter()
            .enumerate()
            .filter(|(_, row)| !row.is_blank())
            .collect();
        if filled.is_empty() {
            errors.push(FieldError::new("value_chains", Problem::AtLeastOne));
            return Vec::new();
        }
        if filled.len() > VALUE_CHAINS_MAX as usize {
            errors.push(FieldError::new(
                "value_chains",
                Problem::TooMany {
                    max: VALUE_CHAINS_MAX,
                },
            ));
            return Vec::new();
        }
        let mut seen = HashSet::new();
        let mut chains = Vec::new();
        for (index, row) in filled {
            let field = |part: &str| value_chain_field(index, part);
            let mut ok = Collector(errors);
            let crop = ok.take(match row.crop.trim() {
                "" => Err(FieldError::new(field("crop"), Problem::Required)),
                code => AlternativeCrop::from_code(code)
                    .ok_or_else(|| FieldError::new(field("crop"), Problem::UnknownCrop)),
            });
            let hectares = ok.take(positive_decimal(
                &field("hectares"),
                &row.hectares,
                HECTARES_PER_HOUSEHOLD_MAX,
                HECTARES_DECIMALS,
            ));
            let planting_month = ok.take(month(&field("planting_month"), &row.planting_month));
            let curve = ok.take(yield_curve(&field("yield_curve"), &row.yield_curve));
            let price = ok.take(positive_decimal(
                &field("price_per_kg"),
                &row.price_per_kg,
                PRICE_PER_KG_MAX,
                currency.minor_units,
            ));
            let channel = ok.take(
                match row.market_channel.trim() {
                    "" => Err(Problem::Required),
                    code => MarketChannel::from_code(code).ok_or(Problem::UnknownChoice),
                }
                .map_err(|p| FieldError::new(field("market_channel"), p)),
            );
            let certification = ok.take(match row.certification.trim() {
                "" => Ok(None),
                text => required_line(&field("certification"), text, CERTIFICATION_MAX).map(Some),
            });
            // The same crop in two planting months is a schedule; in the same month, a mistake.
            if let (Some(crop), Some(planted)) = (crop, planting_month)
                && !seen.insert((crop, planted))
            {
                errors.push(FieldError::new(field("crop"), Problem::DuplicateCrop));
                continue;
            }
            if let (
                Some(crop),
                Some(hectares),
                Some(planting_month),
                Some(yield_curve),
                Some(price_per_kg),
                Some(market_channel),
                Some(certification),
            ) = (
                crop,
                hectares,
                planting_month,
                curve,
                price,
                channel,
                certification,
            ) {
                chains.push(ValueChain {
                    crop,
                    hectares,
                    planting_month,
                    yield_curve,
                    price_per_kg,
                    market_channel,
                    certification,
                });
            }
        }
        chains
    }
}

/// A stored livelihood plan, as its page and the API show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LivelihoodPlan {
    /// The plan's identifier.
    pub id: i64,
    /// The project it belongs to.
    pub project_id: i64,
    /// The community whose households follow it, if one was chosen.
    pub community_id: Option<i64>,
    /// The plan's name.
    pub name: String,
    /// How many households follow it.
    pub households: i64,
    /// The illicit income one household gives up each month, in `currency` (a decimal string in
    /// JSON).
    pub illicit_income_monthly: Decimal,
    /// The ISO 4217 code of the plan's money figures (the project's currency).
    pub currency: String,
    /// The month illicit income stops (its first day); the transition starts here.
    pub eradication_month: NaiveDate,
    /// Months the transition is projected over.
    pub horizon_months: i64,
    /// What each household plants.
    pub value_chains: Vec<ValueChain>,
}

/// An amount of money for one calendar year, in the plan's currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearAmount {
    /// The calendar year.
    pub year: i32,
    /// The amount (a decimal string in JSON).
    pub amount: Decimal,
}

/// The figures of a transition, rounded to the currency's minor units (half to even), for one
/// household or for all of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransitionFigures {
    /// The illicit income given up each month.
    pub illicit_income_monthly: Decimal,
    /// The deepest monthly gap between licit income and the illicit income given up.
    pub valley_depth: Decimal,
    /// Months from eradication until licit income first reaches the illicit income given up
    /// (the whole horizon when it does not within it).
    pub valley_months: i64,
    /// The month licit income first reaches it (its first day), if within the horizon.
    pub recovery_month: Option<NaiveDate>,
    /// The bridging support that covers every monthly gap over the horizon.
    pub bridging_support: Decimal,
    /// The licit income over the whole horizon.
    pub licit_income: Decimal,
}

/// A plan's income transition in figures, ready for its page and the REST API: per household and
/// for all households, the bridging support by year, and when support starts against
/// eradication.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransitionSummary {
    /// The ISO 4217 code of every money figure here.
    pub currency: String,
    /// How many households the totals cover.
    pub households: i64,
    /// The month illicit income stops (its first day).
    pub eradication_month: NaiveDate,
    /// Months projected.
    pub horizon_months: i64,
    /// The earliest planting month, when livelihood support starts (its first day).
    pub first_support_month: Option<NaiveDate>,
    /// Months between eradication and the start of support: positive when support comes after
    /// eradication (against Guiding Principle 18(k)), zero or negative when with or before it.
    pub support_after_eradication_months: Option<i64>,
    /// Whether support starts after eradication: a plan to revisit.
    pub support_starts_after_eradication: bool,
    /// One household's figures.
    pub per_household: TransitionFigures,
    /// All households' figures; `bridging_support` here is the sum of `bridging_by_year`.
    pub total: TransitionFigures,
    /// The bridging support for all households by calendar year, as a budget line.
    pub bridging_by_year: Vec<YearAmount>,
}

/// Rounds money half to even (banker's rounding: no drift upwards over many figures).
fn round_money(amount: Decimal, minor_units: u32) -> Decimal {
    amount
        .round_dp_with_strategy(minor_units, RoundingStrategy::MidpointNearestEven)
        .normalize()
}

/// Rounds each year's exact amount to `minor_units` so that the years add up exactly to the
/// total rounded half to even: every year is first rounded down, then the units still missing go
/// one each to the years with the largest remainders (the earlier year first on a tie).
fn apportion(years: &[(i32, Decimal)], minor_units: u32) -> Vec<YearAmount> {
    let total: Decimal = years.iter().map(|(_, amount)| *amount).sum();
    let target = round_money(total, minor_units);
    let unit = Decimal::new(1, minor_units);
    let mut out: Vec<YearAmount> = years
        .iter()
        .map(|(year, amount)| YearAmount {
            year: *year,
            amount: amount.round_dp_with_strategy(minor_units, RoundingStrategy::ToZero),
        })
        .collect();
    let mut order: Vec<usize> = (0..years.len()).collect();
    order.sort_by(|&a, &b| {
        let remainder = |i: usize| years[i].1 - out[i].amount;
        remainder(b).cmp(&remainder(a)).then(a.cmp(&b))
    });
    let mut missing = target - out.iter().map(|y| y.amount).sum::<Decimal>();
    for i in order {
        if missing < unit {
            break;
        }
        out[i].amount += unit;
        missing -= unit;
    }
    for year in &mut out {
        year.amount = year.amount.normalize();
    }
    out
}

impl LivelihoodPlan {
    /// The decimals of the plan's currency (2 when the code is unknown).
    fn minor_units(&self) -> u32 {
        Currency::from_code(&self.currency).map_or(2, |c| c.minor_units)
    }

    /// One household's transition: its licit income month by month from the eradication month
    /// over the horizon, against the illicit income it gives up (exact, not rounded).
    pub fn household_transition(&self) -> Transition {
        let plans: Vec<ValueChainPlan> =
            self.value_chains.iter().map(ValueChain::to_plan).collect();
        let months = u32::try_from(self.horizon_months).unwrap_or(0);
        income::transition(
            &plans,
            self.illicit_income_monthly,
            self.eradication_month,
            months,
        )
    }

    /// The transition of all the plan's households: every amount of
    /// [`LivelihoodPlan::household_transition`] times the number of households (exact).
    pub fn total_transition(&self) -> Transition {
        self.household_transition()
            .scaled(Decimal::from(self.households))
    }

    /// The illicit income all households give up each month.
    pub fn total_illicit_income_monthly(&self) -> Decimal {
        self.illicit_income_monthly
            .saturating_mul(Decimal::from(self.households))
    }

    /// The bridging support for all households by calendar year, for the years with a gap,
    /// earliest first, rounded to the currency's minor units so that the years add up EXACTLY to
    /// [`LivelihoodPlan::bridging_total`]: the exact total is rounded once, half to even; each
    /// year is rounded down; the minor units still missing go one each to the years with the
    /// largest remainders (on a tie, the earlier year). A budget built from these lines never
    /// drifts from the total.
    pub fn bridging_by_year(&self) -> Vec<YearAmount> {
        apportion(&self.total_transition().gaps_by_year(), self.minor_units())
    }

    /// The bridging support for all households over the horizon, rounded half to even to the
    /// currency's minor units: the sum of [`LivelihoodPlan::bridging_by_year`].
    pub fn bridging_total(&self) -> Decimal {
        self.bridging_by_year()
            .iter()
            .map(|y| y.amount)
            .sum::<Decimal>()
            .normalize()
    }

    /// The hectares all households plant, across every value chain.
    pub fn total_hectares(&self) -> Decimal {
        self.value_chains
            .iter()
            .map(|c| c.hectares)
            .sum::<Decimal>()
            .saturating_mul(Decimal::from(self.households))
    }

    /// When livelihood support starts: the earliest planting month (`None` without value chains).
    pub fn first_support_month(&self) -> Option<NaiveDate> {
        self.value_chains.iter().map(|c| c.planting_month).min()
    }

    /// How many months after eradication support starts: positive when it comes after
    /// eradication (Guiding Principle 18(k) asks for it before or with eradication), zero when in
    /// the same month, negative when before. `None` without value chains.
    pub fn support_after_eradication_months(&self) -> Option<i64> {
        self.first_support_month()
            .map(|first| months_between(self.eradication_month, first))
    }

    /// Whether support starts after eradication (or there is none): the sequencing safeguard to
    /// warn about.
    pub fn support_starts_after_eradication(&self) -> bool {
        self.support_after_eradication_months()
            .is_none_or(|months| months > 0)
    }

    /// The transition in figures for the plan's page and the API (rounded to the currency's
    /// minor units, half to even; the total bridging support is the sum of the yearly lines).
    pub fn summary(&self) -> TransitionSummary {
        let units = self.minor_units();
        let household = self.household_transition();
        let total = household.scaled(Decimal::from(self.households));
        let figures = |t: &Transition, illicit: Decimal| TransitionFigures {
            illicit_income_monthly: round_money(illicit, units),
            valley_depth: round_money(t.valley_depth, units),
            valley_months: i64::from(t.valley_months),
            recovery_month: t.recovers,
            bridging_support: round_money(t.bridging_support, units),
            licit_income: round_money(t.licit_income_total(), units),
        };
        let bridging_by_year = apportion(&total.gaps_by_year(), units);
        let mut total_figures = figures(&total, self.total_illicit_income_monthly());
        total_figures.bridging_support = bridging_by_year
            .iter()
            .map(|y| y.amount)
            .sum::<Decimal>()
            .normalize();
        TransitionSummary {
            currency: self.currency.clone(),
            households: self.households,
            eradication_month: self.eradication_month,
            horizon_months: self.horizon_months,
            first_support_month: self.first_support_month(),
            support_after_eradication_months: self.support_after_eradication_months(),
            support_starts_after_eradication: self.support_starts_after_eradication(),
            per_household: figures(&household, self.illicit_income_monthly),
            total: total_figures,
            bridging_by_year,
        }
    }

    /// The plan as its form shows it for editing (blank rows are not added).
    pub fn to_form(&self) -> LivelihoodPlanForm {
        LivelihoodPlanForm {
            name: self.name.clone(),
            community_id: self
                .community_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            households: self.households.to_string(),
            illicit_income_monthly: self.illicit_income_monthly.normalize().to_string(),
            eradication_month: self.eradication_month.format("%Y-%m").to_string(),
            horizon_months: self.horizon_months.to_string(),
            value_chains: self.value_chains.iter().map(ValueChain::to_form).collect(),
        }
    }
}

/// The budget lines that cover a plan's bridging support: one per year of the valley, in the
/// plan's currency, coded `BS-{plan}-{year}`, adding up exactly to
/// [`LivelihoodPlan::bridging_total`]. Years of the valley beyond the project's period are
/// budgeted in its last year (and before it, in its first): the support is owed to the
/// households whatever the project's calendar says.
pub fn bridging_budget_lines(
    plan: &LivelihoodPlan,
    span: crate::timeline::ProjectSpan,
    component_id: Option<i64>,
    locale: Locale,
) -> Result<Vec<crate::timeline::NewBudgetLine>, Vec<crate::validation::FieldError>> {
    use crate::timeline::BudgetLineForm;
    let currency = Currency::from_code(&plan.currency).ok_or_else(|| {
        vec![crate::validation::FieldError::new(
            "currency",
            crate::validation::Problem::UnknownChoice,
        )]
    })?;
    let (first, last) = span.years();
    let mut by_year: Vec<(i32, Decimal)> = Vec::new();
    for year_amount in plan.bridging_by_year() {
        let year = year_amount.year.clamp(first, last);
        match by_year.iter_mut().find(|(y, _)| *y == year) {
            Some((_, amount)) => *amount += year_amount.amount,
            None => by_year.push((year, year_amount.amount)),
        }
    }
    let mut lines = Vec::new();
    for (year, amount) in by_year {
        if amount.is_zero() {
            continue;
        }
        let mut form = BudgetLineForm::bridging_support_offer(
            amount,
            currency,
            &plan.name,
            component_id,
            Some(year),
            locale,
        );
        form.code = format!("BS-{}-{year}", plan.id);
        lines.push(form.validate(span, currency)?.as_bridging_support(plan.id));
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn day(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    fn cop() -> &'static Currency {
        Currency::from_code("COP").unwrap()
    }

    fn chain(crop: AlternativeCrop, hectares: Decimal, planted: NaiveDate) -> ValueChain {
        ValueChain {
            crop,
            hectares,
            planting_month: planted,
            yield_curve: vec![dec!(0), dec!(0), dec!(400), dec!(800)],
            price_per_kg: dec!(9000),
            market_channel: MarketChannel::Cooperative,
            certification: None,
        }
    }

    /// The worked example: 25 households each give up 1,200,000 COP a month of coca in March
    /// 2025 and plant, that same month, 2 ha of cocoa (0, 0, 400, 800 kg/ha a year at 9,000
    /// COP/kg) and 0.5 ha of plantain as a bridge crop (6,000 then 12,000 kg/ha a year at 800
    /// COP/kg).
    fn worked_example() -> LivelihoodPlan {
        LivelihoodPlan {
            id: 1,
            project_id: 3,
            community_id: Some(7),
            name: "Cacao y plátano La Esperanza".into(),
            households: 25,
            illicit_income_monthly: dec!(1200000),
            currency: "COP".into(),
            eradication_month: day(2025, 3),
            horizon_months: 72,
            value_chains: vec![
                chain(AlternativeCrop::Cocoa, dec!(2), day(2025, 3)),
                ValueChain {
                    yield_curve: vec![dec!(6000), dec!(12000)],
                    price_per_kg: dec!(800),
                    market_channel: MarketChannel::LocalMarket,
                    ..chain(AlternativeCrop::Banana, dec!(0.5), day(2025, 3))
                },
            ],
        }
    }

    /// By hand, one household:
    /// - plantain: year 1, 6,000 × 0.5 × 800 = 2,400,000 a year = 200,000 a month; from year 2,
    ///   12,000 × 0.5 × 800 = 4,800,000 a year = 400,000 a month;
    /// - cocoa: years 1–2 nothing; year 3, 400 × 2 × 9,000 = 7,200,000 a year = 600,000 a month;
    ///   from year 4, 800 × 2 × 9,000 = 14,400,000 a year = 1,200,000 a month.
    ///
    /// Year 1 (Mar 2025–Feb 2026): licit 200,000, gap 1,000,000 × 12 = 12,000,000.
    /// Year 2 (Mar 2026–Feb 2027): licit 400,000, gap 800,000 × 12 = 9,600,000.
    /// Year 3 (Mar 2027–Feb 2028): licit 1,000,000, gap 200,000 × 12 = 2,400,000.
    /// Year 4 on (Mar 2028): licit 1,600,000 ≥ 1,200,000: recovered after 36 months.
    /// Valley depth 1,000,000; bridging 12,000,000 + 9,600,000 + 2,400,000 = 24,000,000 COP.
    /// Licit income over 72 months: 12 × 200,000 + 12 × 400,000 + 12 × 1,000,000
    /// + 36 × 1,600,000 = 2,400,000 + 4,800,000 + 12,000,000 + 57,600,000 = 76,800,000 COP.
    #[test]
    fn a_cocoa_household_with_a_plantain_bridge_crosses_a_three_year_valley_worked_by_hand() {
        let t = worked_example().household_transition();
        assert_eq!(t.months.len(), 72);
        assert_eq!(t.months[0].month, day(2025, 3));
        assert_eq!(t.months[0].licit_income, dec!(200000));
        assert_eq!(t.months[12].gap, dec!(800000));
        assert_eq!(t.months[24].licit_income, dec!(1000000));
        assert_eq!(t.months[36].licit_income, dec!(1600000));
        assert_eq!(t.valley_depth, dec!(1000000));
        assert_eq!(t.valley_months, 36);
        assert_eq!(t.recovers, Some(day(2028, 3)));
        assert_eq!(t.bridging_support, dec!(24000000));
        assert_eq!(t.licit_income_total(), dec!(76800000));
    }

    #[test]
    fn all_households_are_one_household_times_the_number_of_households() {
        let plan = worked_example();
        let (one, all) = (plan.household_transition(), plan.total_transition());
        assert_eq!(all.bridging_support, dec!(600000000));
        assert_eq!(all.valley_depth, dec!(25000000));
        assert_eq!(all.licit_income_total(), dec!(1920000000));
        assert_eq!((all.valley_months, all.recovers), (36, Some(day(2028, 3))));
        for (a, b) in one.months.iter().zip(&all.months) {
            assert_eq!(a.licit_income * dec!(25), b.licit_income);
            assert_eq!(a.gap * dec!(25), b.gap);
        }
        assert_eq!(plan.total_illicit_income_monthly(), dec!(30000000));
        assert_eq!(plan.total_hectares(), dec!(62.5));
    }

    /// By calendar year, one household: 2025 has Mar–Dec of year 1, 10 × 1,000,000 =
    /// 10,000,000; 2026 has Jan–Feb of year 1 and Mar–Dec of year 2, 2 × 1,000,000 + 10 × 800,000
    /// = 10,000,000; 2027, 2 × 800,000 + 10 × 200,000 = 3,600,000; 2028, Jan–Feb, 2 × 200,000 =
    /// 400,000. Times 25 households.
    #[test]
    fn bridging_by_year_is_the_budget_line_worked_by_hand_and_adds_up_to_the_total() {
        let plan = worked_example();
        let years: Vec<(i32, Decimal)> = plan
            .bridging_by_year()
            .into_iter()
            .map(|y| (y.year, y.amount))
            .collect();
        assert_eq!(
            years,
            [
                (2025, dec!(250000000)),
                (2026, dec!(250000000)),
                (2027, dec!(90000000)),
                (2028, dec!(10000000)),
            ]
        );
        assert_eq!(plan.bridging_total(), dec!(600000000));
    }

    /// An awkward case in soles (2 decimals): 3 households each give up 1,000 PEN a month in
    /// November 2025 and plant 0.15 ha of cocoa that month at 350 kg/ha a year and 8.50 PEN/kg.
    /// Licit income: 350 × 0.15 × 8.50 / 12 = 446.25 / 12 = 37.1875 a month; gap 962.8125 a
    /// month; 3 households: 2,888.4375 a month. Over 24 months: 2025 (Nov–Dec) 5,776.875; 2026
    /// 34,661.25; 2027 (Jan–Oct) 28,884.375; total exactly 69,322.50.
    /// Rounding each year half to even gives 5,776.88 + 34,661.25 + 28,884.38 = 69,322.51, a
    /// cent more than the total. The rule: round down (5,776.87; 34,661.25; 28,884.37 =
    /// 69,322.49), the missing cent to the largest remainder, a tie of 0.005 between 2025 and
    /// 2027 that goes to the earlier year: 5,776.88 + 34,661.25 + 28,884.37 = 69,322.50.
    #[test]
    fn yearly_bridging_adds_up_exactly_to_the_rounded_total_where_rounding_each_year_would_drift() {
        let plan = LivelihoodPlan {
            households: 3,
            illicit_income_monthly: dec!(1000),
            currency: "PEN".into(),
            eradication_month: day(2025, 11),
            horizon_months: 24,
            value_chains: vec![ValueChain {
                yield_curve: vec![dec!(350)],
                price_per_kg: dec!(8.50),
                ..chain(AlternativeCrop::Cocoa, dec!(0.15), day(2025, 11))
            }],
            ..worked_example()
        };
        let exact = plan.total_transition().gaps_by_year();
        assert_eq!(
            exact,
            [
                (2025, dec!(5776.875)),
                (2026, dec!(34661.25)),
                (2027, dec!(28884.375))
            ]
        );
        let naive: Decimal = exact.iter().map(|(_, a)| a.round_dp(2)).sum();
        assert_eq!(naive, dec!(69322.51), "what the rule avoids");
        let years: Vec<Decimal> = plan.bridging_by_year().iter().map(|y| y.amount).collect();
        assert_eq!(years, [dec!(5776.88), dec!(34661.25), dec!(28884.37)]);
        assert_eq!(plan.bridging_total(), dec!(69322.5));
        let summary = plan.summary();
        assert_eq!(summary.total.bridging_support, dec!(69322.5));
        assert_eq!(summary.per_household.bridging_support, dec!(23107.5));
        assert_eq!(summary.per_household.valley_depth, dec!(962.81));
        assert_eq!(summary.total.valley_depth, dec!(2888.44));
    }

    #[test]
    fn thirds_are_apportioned_by_largest_remainder_with_ties_to_the_earlier_year() {
        let third = dec!(10) / dec!(3);
        let years = apportion(&[(2025, third), (2026, third), (2027, third)], 2);
        let amounts: Vec<Decimal> = years.iter().map(|y| y.amount).collect();
        assert_eq!(amounts, [dec!(3.34), dec!(3.33), dec!(3.33)]);
        // The largest remainder wins over the earlier year: 1.004 + 2.006 = 3.01.
        let years = apportion(&[(2025, dec!(1.004)), (2026, dec!(2.006))], 2);
        assert_eq!(years[0].amount, dec!(1));
        assert_eq!(years[1].amount, dec!(2.01));
        // A currency without decimals: 0.5 × 3 = 1.5, rounded half to even to 2.
        let years = apportion(
            &[(2025, dec!(0.5)), (2026, dec!(0.5)), (2027, dec!(0.5))],
            0,
        );
        let amounts: Vec<Decimal> = years.iter().map(|y| y.amount).collect();
        assert_eq!(amounts, [dec!(1), dec!(1), dec!(0)]);
        assert!(apportion(&[], 2).is_empty());
    }

    #[test]
    fn the_summary_gives_rounded_figures_per_household_and_in_total() {
        let summary = worked_example().summary();
        assert_eq!(summary.currency, "COP");
        assert_eq!(summary.households, 25);
        assert_eq!(summary.per_household.valley_depth, dec!(1000000));
        assert_eq!(summary.per_household.valley_months, 36);
        assert_eq!(summary.per_household.recovery_month, Some(day(2028, 3)));
        assert_eq!(summary.per_household.bridging_support, dec!(24000000));
        assert_eq!(summary.per_household.licit_income, dec!(76800000));
        assert_eq!(summary.per_household.illicit_income_monthly, dec!(1200000));
        assert_eq!(summary.total.illicit_income_monthly, dec!(30000000));
        assert_eq!(summary.total.valley_depth, dec!(25000000));
        assert_eq!(summary.total.bridging_support, dec!(600000000));
        assert_eq!(summary.total.licit_income, dec!(1920000000));
        assert_eq!(summary.bridging_by_year.len(), 4);
        assert_eq!(summary.first_support_month, Some(day(2025, 3)));
        assert_eq!(summary.support_after_eradication_months, Some(0));
        assert!(!summary.support_starts_after_eradication);
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["total"]["bridging_support"], "600000000");
        assert_eq!(json["per_household"]["recovery_month"], "2028-03-01");
        assert_eq!(json["bridging_by_year"][2]["amount"], "90000000");
    }

    #[test]
    fn money_is_rounded_half_to_even_and_endless_decimals_to_the_cent() {
        assert_eq!(round_money(dec!(0.125), 2), dec!(0.12));
        assert_eq!(round_money(dec!(0.135), 2), dec!(0.14));
        assert_eq!(round_money(dec!(2.5), 0), dec!(2));
        // 1 kg/ha a year at 1 COP/kg on 1 ha is 1/12 COP a month, 0.0833…, which no decimal
        // holds exactly; twelve of them are 1 COP to the cent.
        let plan = LivelihoodPlan {
            households: 1,
            illicit_income_monthly: dec!(0),
            horizon_months: 12,
            value_chains: vec![ValueChain {
                yield_curve: vec![dec!(1)],
                price_per_kg: dec!(1),
                ..chain(AlternativeCrop::Cocoa, dec!(1), day(2025, 3))
            }],
            ..worked_example()
        };
        let summary = plan.summary();
        assert_eq!(summary.per_household.licit_income, dec!(1));
        assert_eq!(summary.per_household.bridging_support, dec!(0));
        assert_eq!(summary.per_household.valley_months, 0);
        assert_eq!(summary.per_household.recovery_month, Some(day(2025, 3)));
        assert!(
            summary.bridging_by_year.is_empty(),
            "no gap, no budget line"
        );
    }

    #[test]
    fn support_is_sequenced_against_eradication_by_the_earliest_planting() {
        let mut plan = worked_example();
        plan.value_chains[0].planting_month = day(2025, 5);
        plan.value_chains[1].planting_month = day(2025, 7);
        assert_eq!(plan.first_support_month(), Some(day(2025, 5)));
        assert_eq!(plan.support_after_eradication_months(), Some(2));
        assert!(plan.support_starts_after_eradication());
        plan.value_chains[1].planting_month = day(2024, 12);
        assert_eq!(plan.support_after_eradication_months(), Some(-3));
        assert!(!plan.support_starts_after_eradication());
        plan.value_chains.clear();
        assert_eq!(plan.first_support_month(), None);
        assert_eq!(plan.support_after_eradication_months(), None);
        assert!(plan.support_starts_after_eradication());
    }

    fn curve(raw: &str) -> Result<Vec<Decimal>, Problem> {
        yield_curve("value_chains[0].yield_curve", raw).map_err(|e| e.problem)
    }

    #[test]
    fn a_yield_curve_is_read_with_semicolons_line_breaks_or_spaces() {
        let expected = vec![dec!(0), dec!(0), dec!(350), dec!(700), dec!(900)];
        assert_eq!(curve("0; 0; 350; 700; 900").unwrap(), expected);
        assert_eq!(curve("0\n0\r\n350\n700\n900\n").unwrap(), expected);
        assert_eq!(curve(" 0 0 350  700 900 ").unwrap(), expected);
        assert_eq!(curve("0;0;350;;700;900;").unwrap(), expected);
        assert_eq!(curve("1200").unwrap(), [dec!(1200)]);
    }

    #[test]
    fn a_yield_curve_takes_decimal_commas_and_spaced_thousands_between_semicolons() {
        assert_eq!(
            curve("0; 12,5; 350.75").unwrap(),
            [dec!(0), dec!(12.5), dec!(350.75)]
        );
        assert_eq!(
            curve("0; 1 500; 12 000").unwrap(),
            [dec!(0), dec!(1500), dec!(12000)]
        );
        assert_eq!(curve("0 12,5").unwrap(), [dec!(0), dec!(12.5)]);
        // Commas between entries could be decimal marks: refused rather than guessed.
        assert_eq!(curve("0,0,350").unwrap_err(), Problem::AmbiguousNumber);
        assert_eq!(curve("350,700").unwrap_err(), Problem::AmbiguousNumber);
    }

    #[test]
    fn a_yield_curve_refuses_negatives_words_too_many_years_and_nothing() {
        assert_eq!(curve("0; -5; 300").unwrap_err(), Problem::Negative);
        assert_eq!(curve("0; \u{2212}5").unwrap_err(), Problem::Negative);
        assert_eq!(curve("0; mucho").unwrap_err(), Problem::NotANumber);
        assert_eq!(
            curve("1.234").unwrap_err(),
            Problem::TooManyDecimals { max: 2 }
        );
        assert!(matches!(
            curve("2000000").unwrap_err(),
            Problem::TooLarge { .. }
        ));
        assert_eq!(curve(&["100"; 30].join("; ")).unwrap().len(), 30);
        assert_eq!(
            curve(&["100"; 31].join("; ")).unwrap_err(),
            Problem::TooMany { max: 30 }
        );
        assert_eq!(curve("").unwrap_err(), Problem::Required);
        assert_eq!(curve(" ; ;\n").unwrap_err(), Problem::Required);
    }

    #[test]
    fn a_yield_curve_is_written_back_the_way_it_is_read() {
        let read = curve("0; 0; 350,50; 700").unwrap();
        assert_eq!(yield_curve_text(&read), "0; 0; 350.5; 700");
        assert_eq!(curve(&yield_curve_text(&read)).unwrap(), read);
    }

    #[test]
    fn every_market_channel_code_reads_back_and_has_both_names() {
        for channel in MarketChannel::ALL {
            assert_eq!(MarketChannel::from_code(channel.code()), Some(channel));
            assert_eq!(
                serde_json::to_value(channel).unwrap(),
                serde_json::Value::from(channel.code())
            );
            assert_ne!(channel.name(Locale::En), channel.name(Locale::Es));
        }
        assert_eq!(MarketChannel::from_code("trueque"), None);
        assert_eq!(
            MarketChannel::OwnConsumption.name(Locale::Es),
            "Autoconsumo"
        );
    }

    fn row(crop: &str, planted: &str) -> ValueChainForm {
        ValueChainForm {
            crop: crop.into(),
            hectares: "2".into(),
            planting_month: planted.into(),
            yield_curve: "0; 0; 400; 800".into(),
            price_per_kg: "9000".into(),
            market_channel: "cooperative".into(),
            certification: " Organic, Fairtrade ".into(),
        }
    }

    fn valid() -> LivelihoodPlanForm {
        LivelihoodPlanForm {
            name: " Cacao y plátano La Esperanza ".into(),
            community_id: "7".into(),
            households: "25".into(),
            illicit_income_monthly: "1200000".into(),
            eradication_month: "2025-03".into(),
            horizon_months: String::new(),
            value_chains: vec![
                row("cocoa", "2025-03"),
                ValueChainForm::default(),
                ValueChainForm {
                    crop: "banana".into(),
                    hectares: "0,5".into(),
                    yield_curve: "6000\n12000".into(),
                    price_per_kg: "800".into(),
                    market_channel: "local_market".into(),
                    certification: String::new(),
                    ..row("", "2025-03")
                },
            ],
        }
    }

    /// The project runs from 15 January 2025 to 30 June 2028.
    fn check(form: &LivelihoodPlanForm) -> Result<NewLivelihoodPlan, Vec<FieldError>> {
        form.validate(
            NaiveDate::from_ymd_opt(2025, 1, 15).unwrap(),
            NaiveDate::from_ymd_opt(2028, 6, 30).unwrap(),
            cop(),
        )
    }

    fn fields(form: &LivelihoodPlanForm) -> Vec<(String, &'static str)> {
        check(form)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem.code()))
            .collect()
    }

    fn pairs(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        list.iter().map(|(f, c)| ((*f).to_owned(), *c)).collect()
    }

    #[test]
    fn a_valid_plan_form_gives_the_worked_example_with_blank_rows_skipped() {
        let new = check(&valid()).unwrap();
        assert_eq!(new.name, "Cacao y plátano La Esperanza");
        assert_eq!(new.community_id, Some(7));
        assert_eq!(new.households, 25);
        assert_eq!(new.horizon_months, HORIZON_MONTHS_DEFAULT);
        assert_eq!(new.currency, "COP");
        assert_eq!(new.value_chains.len(), 2);
        assert_eq!(
            new.value_chains[0].certification.as_deref(),
            Some("Organic, Fairtrade")
        );
        assert_eq!(new.value_chains[1].hectares, dec!(0.5));
        assert_eq!(
            new.value_chains[1].market_channel,
            MarketChannel::LocalMarket
        );
        assert_eq!(new.value_chains[1].certification, None);
        let plan = new.into_plan(1, 3);
        assert_eq!(plan, worked_example_with_certification());
    }

    fn worked_example_with_certification() -> LivelihoodPlan {
        let mut plan = worked_example();
        plan.name = "Cacao y plátano La Esperanza".into();
        plan.value_chains[0].certification = Some("Organic, Fairtrade".into());
        plan
    }

    #[test]
    fn a_stored_plan_gives_back_a_form_that_validates_to_the_same_plan() {
        let plan = worked_example_with_certification();
        let again = check(&plan.to_form()).unwrap().into_plan(1, 3);
        assert_eq!(again, plan);
        assert_eq!(plan.to_form().value_chains[1].yield_curve, "6000; 12000");
        assert_eq!(plan.to_form().eradication_month, "2025-03");
    }

    #[test]
    fn every_plan_field_problem_is_reported_at_once_with_its_path() {
        let form = LivelihoodPlanForm {
            name: " ".into(),
            community_id: "0".into(),
            households: "2.5".into(),
            illicit_income_monthly: "-1".into(),
            eradication_month: "2024-12".into(),
            horizon_months: "6".into(),
            value_chains: vec![row("cocoa", "2025-03")],
        };
        assert_eq!(
            fields(&form),
            pairs(&[
                ("name", "required"),
                ("community_id", "unknown_reference"),
                ("households", "not_a_whole_number"),
                ("illicit_income_monthly", "negative"),
                ("eradication_month", "outside_period"),
                ("horizon_months", "out_of_range"),
            ])
        );
    }

    #[test]
    fn the_plan_fields_take_their_ranges_and_the_currency_s_decimals() {
        let with = |f: fn(&mut LivelihoodPlanForm)| {
            let mut form = valid();
            f(&mut form);
            fields(&form)
        };
        assert_eq!(
            with(|f| f.name = "x".repeat(201)),
            pairs(&[("name", "too_long")])
        );
        assert_eq!(
            with(|f| f.community_id = "abc".into()),
            pairs(&[("community_id", "unknown_reference")])
        );
        assert_eq!(
            with(|f| f.households = "0".into()),
            pairs(&[("households", "out_of_range")])
        );
        assert_eq!(
            with(|f| f.households = "1000001".into()),
            pairs(&[("households", "out_of_range")])
        );
        assert_eq!(
            with(|f| f.illicit_income_monthly = "1200000.125".into()),
            pairs(&[("illicit_income_monthly", "too_many_decimals")])
        );
        assert_eq!(
            with(|f| f.illicit_income_monthly = String::new()),
            pairs(&[("illicit_income_monthly", "required")])
        );
        assert_eq!(
            with(|f| f.eradication_month = "2028-07".into()),
            pairs(&[("eradication_month", "outside_period")])
        );
        assert_eq!(
            with(|f| f.eradication_month = "marzo".into()),
            pairs(&[("eradication_month", "invalid_month")])
        );
        assert_eq!(
            with(|f| f.horizon_months = "241".into()),
            pairs(&[("horizon_months", "out_of_range")])
        );
        assert_eq!(
            with(|f| f.horizon_months = "72.5".into()),
            pairs(&[("horizon_months", "not_a_whole_number")])
        );
    }

    #[test]
    fn the_edges_of_the_ranges_are_accepted() {
        let mut form = valid();
        form.community_id = String::new();
        form.households = "1".into();
        // Preventive alternative development: nothing given up.
        form.illicit_income_monthly = "0".into();
        // The project's first month, though it starts on the 15th.
        form.eradication_month = "2025-01".into();
        form.horizon_months = "12".into();
        let new = check(&form).unwrap();
        assert_eq!(new.community_id, None);
        assert_eq!(new.illicit_income_monthly, dec!(0));
        assert_eq!(new.eradication_month, day(2025, 1));
        assert_eq!(new.horizon_months, 12);
        form.eradication_month = "2028-06".into();
        form.horizon_months = "240".into();
        form.households = "1000000".into();
        assert!(check(&form).is_ok());
        let mut outside = form.clone();
        outside.eradication_month = "2024-12".into();
        assert_eq!(
            check(&outside).unwrap_err()[0].problem,
            Problem::OutsidePeriod {
                start: "2025-01-15".into(),
                end: "2028-06-30".into()
            }
        );
    }

    #[test]
    fn every_row_problem_names_its_row_and_field() {
        let mut form = valid();
        form.value_chains[0] = ValueChainForm {
            crop: "coca_bush".into(),
            hectares: "0".into(),
            planting_month: "2025-13".into(),
            yield_curve: "0; -5".into(),
            price_per_kg: "9000.555".into(),
            market_channel: "trueque".into(),
            certification: "x".repeat(201),
        };
        form.value_chains[2] = ValueChainForm {
            crop: String::new(),
            hectares: "1000.5".into(),
            planting_month: String::new(),
            yield_curve: String::new(),
            price_per_kg: "0".into(),
            market_channel: String::new(),
            certification: "a\u{7}b".into(),
        };
        assert_eq!(
            fields(&form),
            pairs(&[
                ("value_chains[0].crop", "unknown_crop"),
                ("value_chains[0].hectares", "not_positive"),
                ("value_chains[0].planting_month", "invalid_month"),
                ("value_chains[0].yield_curve", "negative"),
                ("value_chains[0].price_per_kg", "too_many_decimals"),
                ("value_chains[0].market_channel", "unknown_choice"),
                ("value_chains[0].certification", "too_long"),
                ("value_chains[2].crop", "required"),
                ("value_chains[2].hectares", "too_large"),
                ("value_chains[2].planting_month", "required"),
                ("value_chains[2].yield_curve", "required"),
                ("value_chains[2].price_per_kg", "not_positive"),
                ("value_chains[2].market_channel", "required"),
                ("value_chains[2].certification", "control_characters"),
            ])
        );
    }

    #[test]
    fn a_crop_may_be_planted_in_several_months_but_not_twice_in_the_same_month() {
        let mut form = valid();
        // Cocoa 2 ha in March 2025 and 1 ha more in March 2026: a planting schedule.
        form.value_chains[1] = ValueChainForm {
            hectares: "1".into(),
            ..row("cocoa", "2026-03")
        };
        let new = check(&form).unwrap();
        assert_eq!(new.value_chains.len(), 3);
        assert_eq!(new.value_chains[1].planting_month, day(2026, 3));
        // The same month written as a full date is the same month.
        form.value_chains[1].planting_month = "2025-03-20".into();
        assert_eq!(
            fields(&form),
            pairs(&[("value_chains[1].crop", "duplicate_crop")])
        );
    }

    #[test]
    fn a_plan_needs_one_value_chain_and_takes_at_most_twelve() {
        let mut form = valid();
        form.value_chains = vec![ValueChainForm::default(); 3];
        assert_eq!(fields(&form), pairs(&[("value_chains", "at_least_one")]));
        form.value_chains = (1..=13)
            .map(|m| row("cocoa", &format!("{}-{:02}", 2025 + m / 12, m % 12 + 1)))
            .collect();
        assert_eq!(fields(&form), pairs(&[("value_chains", "too_many")]));
        form.value_chains.pop();
        assert_eq!(check(&form).unwrap().value_chains.len(), 12);
    }

    #[test]
    fn a_form_post_is_read_with_indexed_rows_that_keep_their_index() {
        let form = LivelihoodPlanForm::from_pairs([
            ("name", "Café de altura"),
            ("community_id", "4"),
            ("households", "40"),
            ("illicit_income_monthly", "950000"),
            ("eradication_month", "2025-06"),
            ("horizon_months", "96"),
            ("value_chains[2].crop", "coffee"),
            ("value_chains[2].hectares", "1,5"),
            ("value_chains[2].planting_month", "2025-04"),
            ("value_chains[2].yield_curve", "0; 300; 900; 1200"),
            ("value_chains[2].price_per_kg", "14000"),
            ("value_chains[2].market_channel", "export"),
            ("value_chains[2].certification", "Rainforest Alliance"),
            ("value_chains[0].crop", ""),
            ("value_chains[100].crop", "cocoa"),
            ("value_chains[1].colour", "red"),
            ("value_chains[x].crop", "cocoa"),
            ("csrf", "token"),
        ]);
        assert_eq!(form.name, "Café de altura");
        assert_eq!(form.horizon_months, "96");
        assert_eq!(form.value_chains.len(), 3);
        assert_eq!(form.value_chains[1], ValueChainForm::default());
        let coffee = &form.value_chains[2];
        assert_eq!(coffee.crop, "coffee");
        assert_eq!(coffee.hectares, "1,5");
        assert_eq!(coffee.yield_curve, "0; 300; 900; 1200");
        assert_eq!(coffee.market_channel, "export");
        assert_eq!(coffee.certification, "Rainforest Alliance");
        let new = check(&form).unwrap();
        assert_eq!(new.value_chains.len(), 1);
        assert_eq!(new.value_chains[0].hectares, dec!(1.5));
        // Errors point at the row's index in the post.
        let mut bad = form.clone();
        bad.value_chains[2].price_per_kg = "gratis".into();
        assert_eq!(
            fields(&bad),
            pairs(&[("value_chains[2].price_per_kg", "not_a_number")])
        );
    }

    #[test]
    fn json_numbers_lists_and_null_are_read_and_unknown_fields_refused() {
        let form: LivelihoodPlanForm = serde_json::from_str(
            r#"{"name":"x","community_id":null,"households":25,"illicit_income_monthly":1200000.5,
                "horizon_months":"72","value_chains":[{"crop":"cocoa","hectares":2.5,
                "yield_curve":[0, 0, 400, "800,5"],"price_per_kg":9000}]}"#,
        )
        .unwrap();
        assert_eq!(form.community_id, "");
        assert_eq!(form.households, "25");
        assert_eq!(form.illicit_income_monthly, "1200000.5");
        assert_eq!(form.value_chains[0].hectares, "2.5");
        assert_eq!(form.value_chains[0].yield_curve, "0; 0; 400; 800,5");
        assert_eq!(
            curve(&form.value_chains[0].yield_curve).unwrap(),
            [dec!(0), dec!(0), dec!(400), dec!(800.5)]
        );
        let with_id: LivelihoodPlanForm = serde_json::from_str(r#"{"community_id":7}"#).unwrap();
        assert_eq!(with_id.community_id, "7");
        assert!(serde_json::from_str::<LivelihoodPlanForm>(r#"{"nombre":"x"}"#).is_err());
        assert!(
            serde_json::from_str::<LivelihoodPlanForm>(r#"{"value_chains":[{"crops":"x"}]}"#)
                .is_err()
        );
    }

    #[test]
    fn a_stored_plan_serializes_money_and_hectares_as_strings_with_its_currency() {
        let json = serde_json::to_value(worked_example()).unwrap();
        assert_eq!(json["currency"], "COP");
        assert_eq!(json["illicit_income_monthly"], "1200000");
        assert_eq!(json["eradication_month"], "2025-03-01");
        assert_eq!(json["value_chains"][1]["hectares"], "0.5");
        assert_eq!(json["value_chains"][1]["market_channel"], "local_market");
        assert_eq!(json["value_chains"][0]["yield_curve"][2], "400");
        let back: LivelihoodPlan = serde_json::from_value(json).unwrap();
        assert_eq!(back, worked_example());
    }

    #[test]
    fn bridging_budget_lines_cover_the_valley_year_by_year_and_add_up_to_the_total() {
        let form = LivelihoodPlanForm::from_pairs([
            ("name", "Cacao"),
            ("households", "120"),
            ("illicit_income_monthly", "1200000"),
            ("eradication_month", "2024-03"),
            ("horizon_months", "72"),
            ("value_chains[0].crop", "cocoa"),
            ("value_chains[0].hectares", "2"),
            ("value_chains[0].planting_month", "2024-03"),
            ("value_chains[0].yield_curve", "0; 0; 400; 800"),
            ("value_chains[0].price_per_kg", "9000"),
            ("value_chains[0].market_channel", "cooperative"),
        ]);
        let cop = Currency::from_code("COP").unwrap();
        let start = NaiveDate::from_ymd_opt(2024, 1, 15).unwrap();
        let end = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let plan = form.validate(start, end, cop).unwrap().into_plan(7, 1);
        let span = crate::timeline::ProjectSpan { start, end };
        let lines = bridging_budget_lines(&plan, span, Some(3), Locale::Es).unwrap();
        // The valley lasts 36 months: the whole 1,200,000 COP a month while cocoa yields nothing
        // (years 1 and 2), half in year 3 (400 kg × 2 ha × 9,000 COP / 12 = 600,000 a month).
        // All 120 households: 2024 (March–December) 10 × 1,200,000 × 120 = 1,440,000,000;
        // 2025: 12 × 1,200,000 × 120 = 1,728,000,000; 2026: (2 × 1,200,000 + 10 × 600,000) ×
        // 120 = 1,008,000,000; 2027: 2 × 600,000 × 120 = 144,000,000. The project ends in 2025,
        // so 2026 and 2027 are budgeted in 2025: 1,728 + 1,008 + 144 = 2,880 million.
        let years: Vec<Option<i32>> = lines.iter().map(|l| l.year).collect();
        assert_eq!(years, [Some(2024), Some(2025)]);
        assert_eq!(lines[0].amount, dec!(1_440_000_000));
        assert_eq!(lines[1].amount, dec!(2_880_000_000));
        let total: Decimal = lines.iter().map(|l| l.amount).sum();
        assert_eq!(total, plan.bridging_total());
        assert_eq!(lines[0].code, "BS-7-2024");
        assert!(lines.iter().all(|l| l.component_id == Some(3)
            && l.livelihood_plan_id == Some(7)
            && l.description.starts_with("Apoyo puente")));
    }
}
