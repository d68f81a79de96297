//! Exchange rates by date and conversions that say which rate they used. Rates come from the
//! European Central Bank's reference-rate files (daily and historical: euro against each
//! currency), from the IMF's annual averages (each currency against the US dollar), or typed by
//! hand. A conversion uses a rate of its day (or the last published in the week before: the ECB
//! publishes on working days), else the annual average of its year; through the euro or the dollar
//! when no rate joins the two currencies directly.
//!
//! **Rounding rule.** Amounts are converted exactly (at the rates' full precision, a cross rate
//! as an exact quotient to 28 significant digits), added exactly, and only the figure shown is
//! rounded, once, to the target currency's minor units, half to even. A total is therefore the
//! rounded exact sum, never the sum of rounded parts, and never drifts however many amounts it
//! adds.

use crate::currency::Currency;
use crate::i18n::Locale;
use crate::validation::Problem;
use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

crate::crop::coded_enum! {
    /// Where a rate comes from.
    RateSource {
        Ecb => "ecb", "European Central Bank reference rate", "Tipo de referencia del Banco Central Europeo";
        Imf => "imf", "IMF annual average", "Promedio anual del FMI";
        Manual => "manual", "Entered by hand", "Ingresado a mano";
    }
}

/// How long a rate counts for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RateSpan {
    /// Its day (and the days up to the next publication, at most a week).
    Day,
    /// The whole calendar year of its day (an annual average).
    Year,
}

/// One rate: how many units of `quote` one unit of `base` buys on `day`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rate {
    /// The currency priced (EUR for the ECB, USD for the IMF).
    pub base: String,
    /// The currency it is priced in.
    pub quote: String,
    /// The day it was published for (for an annual average, the year's last day).
    pub day: NaiveDate,
    /// Units of `quote` per unit of `base`.
    pub rate: Decimal,
    /// How long it counts for.
    pub span: RateSpan,
    /// Where it comes from.
    pub source: RateSource,
}

/// A cell of a rates file that is not a rate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateLineProblem {
    /// The line (the heading is line 1).
    pub line: u32,
    /// The column's heading.
    pub column: String,
    /// What the cell holds.
    pub value: String,
}

impl RateLineProblem {
    /// The problem in words.
    pub fn message(&self, locale: Locale) -> String {
        match locale {
            Locale::En => format!(
                "Line {}, column “{}”: “{}” is not a date or a positive rate.",
                self.line, self.column, self.value
            ),
            Locale::Es => format!(
                "Línea {}, columna «{}»: «{}» no es una fecha ni un tipo de cambio positivo.",
                self.line, self.column, self.value
            ),
        }
    }
}

/// The rates read from a file, and the cells that could not be read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateFile {
    /// The rates.
    pub rates: Vec<Rate>,
    /// The cells that are neither a rate nor marked missing (`N/A`, empty).
    pub problems: Vec<RateLineProblem>,
}

fn cells(line: &str) -> Vec<String> {
    line.split(',')
        .map(|c| c.trim().trim_matches('"').to_owned())
        .collect()
}

/// A day as the ECB writes it: `2026-04-13` or `13 April 2026`.
pub fn rate_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d %B %Y"))
        .ok()
}

fn rate_value(text: &str) -> Option<Decimal> {
    // rust_decimal's parser recurses once per character: an endless number would overflow the
    // stack before any limit of ours is reached. No rate is longer than this.
    if text.trim().len() > crate::validation::NUMBER_TEXT_MAX {
        return None;
    }
    Decimal::from_str(text.trim())
        .or_else(|_| Decimal::from_scientific(text.trim()))
        .ok()
        .filter(|r| *r > Decimal::ZERO)
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// A file's heading cells, and its other non-blank lines with their index.
fn heading_and_lines(
    text: &str,
) -> Result<(Vec<String>, impl Iterator<Item = (usize, &str)>), Problem> {
    let mut lines = text
        .trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, heading) = lines.next().ok_or(Problem::UnknownTableLayout)?;
    Ok((cells(heading), lines))
}

/// Reads an ECB reference-rate file, daily (`Date, USD, JPY, …` with `13 April 2026`) or
/// historical (`Date,USD,…` with ISO dates and `N/A` for currencies not quoted that day): the
/// euro's rate against each currency. A file whose heading does not start with `Date` is
/// [`Problem::UnknownTableLayout`].
pub fn read_ecb(text: &str) -> Result<RateFile, Problem> {
    let (heading, lines) = heading_and_lines(text)?;
    if !heading
        .first()
        .is_some_and(|h| h.eq_ignore_ascii_case("date"))
        || heading.len() < 2
    {
        return Err(Problem::UnknownTableLayout);
    }
    let mut file = RateFile::default();
    for (index, line) in lines {
        let row = cells(line);
        let problem = |column: &str, value: &str| RateLineProblem {
            line: line_number(index),
            column: column.to_owned(),
            value: value.to_owned(),
        };
        let Some(day) = row.first().and_then(|d| rate_day(d)) else {
            file.problems
                .push(problem("Date", row.first().map_or("", String::as_str)));
            continue;
        };
        for (currency, value) in heading.iter().zip(row.iter()).skip(1) {
            if currency.is_empty() || value.is_empty() || value.eq_ignore_ascii_case("n/a") {
                continue;
            }
            match rate_value(value) {
                Some(rate) => file.rates.push(Rate {
                    base: "EUR".to_owned(),
                    quote: currency.to_ascii_uppercase(),
                    day,
                    rate,
                    span: RateSpan::Day,
                    source: RateSource::Ecb,
                }),
                None => file.problems.push(problem(currency, value)),
            }
        }
    }
    Ok(file)
}

/// Reads the IMF annual-average file (`Date,Rate,Currency,Frequency,Source,Country code,Country`):
/// units of each currency per US dollar, for the year ending on `Date`. Where a currency is
/// listed for several countries in a year (the euro for Andorra, Kosovo, Montenegro and the
/// euro area), the euro area's (`U2`) row is taken, else the first. Rows of other frequencies
/// are not annual averages and are left out as problems.
pub fn read_imf(text: &str) -> Result<RateFile, Problem> {
    let (heading, lines) = heading_and_lines(text)?;
    let heading: Vec<String> = heading.into_iter().map(|h| h.to_lowercase()).collect();
    let at = |name: &str| heading.iter().position(|h| h == name);
    let (Some(date), Some(rate), Some(currency)) = (at("date"), at("rate"), at("currency")) else {
        return Err(Problem::UnknownTableLayout);
    };
    let (frequency, country) = (at("frequency"), at("country code"));
    let mut file = RateFile::default();
    // (currency, year) → (index in rates, from the euro area)
    let mut seen: std::collections::HashMap<(String, i32), (usize, bool)> =
        std::collections::HashMap::new();
    for (index, line) in lines {
        // The country's name may hold commas inside quotes; the columns used come before it.
        let row = cells(line);
        let cell = |i: usize| row.get(i).map_or("", String::as_str);
        let problem = |column: &str, value: &str| RateLineProblem {
            line: line_number(index),
            column: column.to_owned(),
            value: value.to_owned(),
        };
        if let Some(f) = frequency
            && !cell(f).eq_ignore_ascii_case("a")
        {
            file.problems.push(problem("Frequency", cell(f)));
            continue;
        }
        let Some(day) = rate_day(cell(date)) else {
            file.problems.push(problem("Date", cell(date)));
            continue;
        };
        let Some(value) = rate_value(cell(rate)) else {
            file.problems.push(problem("Rate", cell(rate)));
            continue;
        };
        let quote = cell(currency).to_ascii_uppercase();
        if quote.len() != 3 {
            file.problems.push(problem("Currency", cell(currency)));
            continue;
        }
        let euro_area = country.is_some_and(|c| cell(c) == "U2");
        let entry = Rate {
            base: "USD".to_owned(),
            quote: quote.clone(),
            day,
            rate: value,
            span: RateSpan::Year,
            source: RateSource::Imf,
        };
        match seen.get(&(quote.clone(), day.year())) {
            Some((i, false)) if euro_area => {
                file.rates[*i] = entry;
                seen.insert((quote, day.year()), (*i, true));
            }
            Some(_) => {}
            None => {
                seen.insert((quote, day.year()), (file.rates.len(), euro_area));
                file.rates.push(entry);
            }
        }
    }
    Ok(file)
}

/// The most days a daily rate stands for after its own (a week: the ECB publishes on working
/// days, not on weekends and holidays).
pub const DAILY_RATE_DAYS: i64 = 7;

/// A conversion rate found for a day: how many units of the target one unit of the source buys,
/// and the published rates it was made from (one, or two through the euro or the dollar).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateUsed {
    /// The source currency.
    pub from: String,
    /// The target currency.
    pub to: String,
    /// Units of `to` per unit of `from` (exact product or quotient of the published rates).
    pub rate: Decimal,
    /// The published rates used.
    pub legs: Vec<Rate>,
}

impl RateUsed {
    /// The rate as a figure's note shows it: "1 EUR = 1.1684 USD (European Central Bank
    /// reference rate, 2026-04-13)".
    pub fn describe(&self, locale: Locale) -> String {
        let sources: Vec<String> = self
            .legs
            .iter()
            .map(|l| {
                let when = match l.span {
                    RateSpan::Day => l.day.to_string(),
                    RateSpan::Year => l.day.year().to_string(),
                };
                format!("{} {}/{}, {when}", l.source.name(locale), l.base, l.quote)
            })
            .collect();
        let shown = self.rate.round_dp(6).normalize();
        format!(
            "1 {} = {} {} ({})",
            self.from,
            crate::format::decimal(shown, locale),
            self.to,
            sources.join("; ")
        )
    }
}

/// Rates to convert with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RateTable {
    rates: Vec<Rate>,
}

impl RateTable {
    /// A table of rates (a later rate of the same day, pair and source replaces an earlier one).
    pub fn new(rates: Vec<Rate>) -> RateTable {
        RateTable { rates }
    }

    /// The published rate of `base` in `quote` that counts on `day`: a hand-entered or daily rate
    /// of that day or of the week before (the latest), else the annual average of its year.
    fn published(&self, base: &str, quote: &str, day: NaiveDate) -> Option<&Rate> {
        let pair = |r: &&Rate| r.base == base && r.quote == quote;
        let daily = self
            .rates
            .iter()
            .filter(pair)
            .filter(|r| r.span == RateSpan::Day)
            .filter(|r| r.day <= day && (day - r.day).num_days() <= DAILY_RATE_DAYS)
            .max_by_key(|r| (r.day, r.source == RateSource::Manual));
        daily.or_else(|| {
            self.rates
                .iter()
                .filter(pair)
                .filter(|r| r.span == RateSpan::Year && r.day.year() == day.year())
                .max_by_key(|r| r.source == RateSource::Manual)
        })
    }

    /// Units of `to` per unit of `from` on `day`, from a published rate either way.
    fn direct(&self, from: &str, to: &str, day: NaiveDate) -> Option<(Decimal, Rate)> {
        if let Some(r) = self.published(from, to, day) {
            return Some((r.rate, r.clone()));
        }
        self.published(to, from, day)
            .and_then(|r| Decimal::ONE.checked_div(r.rate).map(|q| (q, r.clone())))
    }

    /// The rate from `from` to `to` on `day`: direct, else through the euro, else through the
    /// dollar. `None` when no rate joins them.
    pub fn rate(&self, from: &str, to: &str, day: NaiveDate) -> Option<RateUsed> {
        let (from, to) = (
            from.trim().to_ascii_uppercase(),
            to.trim().to_ascii_uppercase(),
        );
        if from == to {
            return Some(RateUsed {
                from,
                to,
                rate: Decimal::ONE,
                legs: Vec::new(),
            });
        }
        if let Some((rate, leg)) = self.direct(&from, &to, day) {
            return Some(RateUsed {
                from,
                to,
                rate,
                legs: vec![leg],
            });
        }
        for via in ["EUR", "USD"] {
            if via == from || via == to {
                continue;
            }
            if let (Some((a, first)), Some((b, second))) =
                (self.direct(&from, via, day), self.direct(via, &to, day))
            {
                return Some(RateUsed {
                    from,
                    to,
                    rate: a.checked_mul(b)?,
                    legs: vec![first, second],
                });
            }
        }
        None
    }
}

/// An amount converted: exact, and as shown (rounded once to the target's minor units, half to
/// even), with the rate used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Converted {
    /// The exact converted amount.
    pub exact: Decimal,
    /// The amount as shown and stored in reports: rounded to the currency's minor units.
    pub amount: Decimal,
    /// The target currency.
    pub currency: String,
    /// The rate used.
    pub rate: RateUsed,
}

/// Why an amount could not be converted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoRate {
    /// The source currency.
    pub from: String,
    /// The target currency.
    pub to: String,
    /// The day.
    pub day: NaiveDate,
}

fn minor_units(currency: &str) -> u32 {
    Currency::from_code(currency).map_or(2, |c| c.minor_units)
}

/// Rounds an amount to a currency's minor units, half to even (the one rounding of the rule).
pub fn round_money(amount: Decimal, currency: &str) -> Decimal {
    let units = minor_units(currency);
    let mut rounded = amount.round_dp_with_strategy(units, RoundingStrategy::MidpointNearestEven);
    rounded.rescale(units);
    rounded
}

/// Converts `amount` of `from` into `to` at the rate of `day`.
pub fn convert(
    table: &RateTable,
    amount: Decimal,
    from: &str,
    to: &str,
    day: NaiveDate,
) -> Result<Converted, NoRate> {
    let no_rate = || NoRate {
        from: from.trim().to_ascii_uppercase(),
        to: to.trim().to_ascii_uppercase(),
        day,
    };
    let rate = table.rate(from, to, day).ok_or_else(no_rate)?;
    let exact = amount.checked_mul(rate.rate).ok_or_else(no_rate)?;
    Ok(Converted {
        exact,
        amount: round_money(exact, to),
        currency: rate.to.clone(),
        rate,
    })
}

/// A total of amounts in several currencies and days, in one currency: each converted exactly
/// at its own day's rate, added exactly, rounded once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Total {
    /// The exact sum.
    pub exact: Decimal,
    /// The total as shown: the exact sum rounded to the currency's minor units.
    pub amount: Decimal,
    /// The currency.
    pub currency: String,
    /// Each amount's conversion, in the order given.
    pub parts: Vec<Converted>,
}

/// Adds up `(amount, currency, day)` in `to` (see the module's rounding rule); the first amount
/// with no rate is the error.
pub fn total_in(
    table: &RateTable,
    amounts: &[(Decimal, &str, NaiveDate)],
    to: &str,
) -> Result<Total, NoRate> {
    let parts = amounts
        .iter()
        .map(|(amount, from, day)| convert(table, *amount, from, to, *day))
        .collect::<Result<Vec<_>, _>>()?;
    let exact: Decimal = parts.iter().map(|p| p.exact).sum();
    Ok(Total {
        exact,
        amount: round_money(exact, to),
        currency: to.trim().to_ascii_uppercase(),
        parts,
    })
}

/// A rate typed by hand: one unit of `base` buys `rate` units of `quote` on `day` (or over the
/// year of `day` when `span` is `year`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateForm {
    /// The currency priced (ISO 4217).
    pub base: String,
    /// The currency it is priced in.
    pub quote: String,
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    /// Units of `quote` per unit of `base`.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "4074.43"))]
    pub rate: String,
    /// `day` (the default) or `year`.
    pub span: String,
}

crate::text_form_from_pairs!(RateForm {
    base,
    quote,
    day,
    rate,
    span
});

/// The most decimal places a rate keeps (the IMF publishes up to 16).
pub const RATE_DECIMALS: u32 = 16;

impl RateForm {
    /// Checks every field: two different known currencies, a date, a positive rate.
    pub fn validate(&self) -> Result<Rate, Vec<crate::validation::FieldError>> {
        use crate::validation::{Collector, FieldError, date, positive_decimal};
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let base = ok.take(crate::currency::currency("base", &self.base));
        let quote = ok.take(crate::currency::currency("quote", &self.quote));
        let day = ok.take(date("day", &self.day));
        let rate = ok.take(positive_decimal(
            "rate",
            &self.rate,
            crate::currency::AMOUNT_MAX,
            RATE_DECIMALS,
        ));
        let span = ok.take(match self.span.trim() {
            "" | "day" => Ok(RateSpan::Day),
            "year" => Ok(RateSpan::Year),
            _ => Err(FieldError::new("span", Problem::UnknownChoice)),
        });
        if let (Some(b), Some(q)) = (base, quote)
            && b.code == q.code
        {
            errors.push(FieldError::new("quote", Problem::NotApplicable));
        }
        match (base, quote, day, rate, span) {
            (Some(base), Some(quote), Some(day), Some(rate), Some(span)) if errors.is_empty() => {
                Ok(Rate {
                    base: base.code.to_owned(),
                    quote: quote.code.to_owned(),
                    day,
                    rate: rate.normalize(),
                    span,
                    source: RateSource::Manual,
                })
            }
            _ => Err(errors),
        }
    }
}

/// An amount to convert, as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConvertForm {
    /// The amount, a decimal (point or comma).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1000"))]
    pub amount: String,
    /// Its currency (ISO 4217).
    pub from: String,
    /// The currency wanted.
    pub to: String,
    /// The day of the rate, `YYYY-MM-DD`.
    pub day: String,
}

crate::text_form_from_pairs!(ConvertForm {
    amount,
    from,
    to,
    day
});

impl ConvertForm {
    /// Checks every field: an amount, two known currencies, a date.
    pub fn validate(
        &self,
    ) -> Result<(Decimal, String, String, NaiveDate), Vec<crate::validation::FieldError>> {
        use crate::validation::{Collector, date, non_negative_decimal};
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let amount = ok.take(non_negative_decimal(
            "amount",
            &self.amount,
            crate::currency::AMOUNT_MAX,
            RATE_DECIMALS,
        ));
        let from = ok.take(crate::currency::currency("from", &self.from));
        let to = ok.take(crate::currency::currency("to", &self.to));
        let day = ok.take(date("day", &self.day));
        match (amount, from, to, day) {
            (Some(a), Some(f), Some(t), Some(d)) if errors.is_empty() => {
                Ok((a, f.code.to_owned(), t.code.to_owned(), d))
            }
            _ => Err(errors),
        }
    }
}

/// Which published file a rates upload is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RateFileKind {
    /// An ECB reference-rate file, daily or historical.
    Ecb,
    /// The IMF's annual averages.
    Imf,
}

impl RateFileKind {
    /// Reads a kind's code (`ecb`, `imf`).
    pub fn from_code(code: &str) -> Option<RateFileKind> {
        match code.trim() {
            "ecb" => Some(RateFileKind::Ecb),
            "imf" => Some(RateFileKind::Imf),
            _ => None,
        }
    }

    /// Reads a file of this kind.
    pub fn read(self, text: &str) -> Result<RateFile, Problem> {
        match self {
            RateFileKind::Ecb => read_ecb(text),
            RateFileKind::Imf => read_imf(text),
        }
    }
}

/// What a rates upload stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatesImported {
    /// Rates stored (a rate already stored for its day, pair and source is replaced).
    pub stored: u32,
    /// The cells that could not be read, with their line.
    pub problems: Vec<RateLineProblem>,
}

/// An organisation's exchange rates as the page shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatesView {
    /// The rates asked for, newest day first (at most 500).
    pub rates: Vec<Rate>,
    /// How many rates are stored in all.
    pub total: u32,
    /// Whether the reader may import and enter rates.
    pub can_manage: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    const ECB_DAILY: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/fx/ecb_eurofxref_daily_sample.csv"
    ));
    const ECB_HIST: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/fx/ecb_eurofxref_hist_first60rows.csv"
    ));
    const IMF: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/fx/imf_annual_avg_usd_COP_PEN_BOB_MMK_AFN_LAK_EUR.csv"
    ));

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_ecb_daily_file_is_read_with_its_spaced_heading_long_date_and_trailing_comma() {
        let file = read_ecb(ECB_DAILY).unwrap();
        assert!(file.problems.is_empty(), "{:?}", file.problems);
        assert_eq!(file.rates.len(), 29);
        let usd = file.rates.iter().find(|r| r.quote == "USD").unwrap();
        assert_eq!(
            (usd.base.as_str(), usd.day, usd.rate),
            ("EUR", d(2026, 4, 13), dec!(1.1684))
        );
        assert_eq!(usd.source, RateSource::Ecb);
    }

    #[test]
    fn the_ecb_history_skips_currencies_not_quoted_and_keeps_every_day() {
        let file = read_ecb(ECB_HIST).unwrap();
        assert!(file.problems.is_empty(), "{:?}", file.problems);
        let days: std::collections::BTreeSet<NaiveDate> =
            file.rates.iter().map(|r| r.day).collect();
        assert_eq!(days.len(), 60);
        // Retired currencies (N/A) are not rates.
        assert!(!file.rates.iter().any(|r| r.quote == "CYP"));
        let gbp = file
            .rates
            .iter()
            .find(|r| r.quote == "GBP" && r.day == d(2026, 4, 10))
            .unwrap();
        assert_eq!(gbp.rate, dec!(0.87105));
        let bad = read_ecb("Date,USD\n2026-04-13,abc\nyesterday,1.1\n").unwrap();
        assert_eq!(bad.problems.len(), 2);
        assert_eq!(
            (bad.problems[0].line, bad.problems[0].column.as_str()),
            (2, "USD")
        );
        assert!(bad.problems[1].message(Locale::Es).starts_with("Línea 3"));
        assert_eq!(
            read_ecb("Currency,Rate\n"),
            Err(Problem::UnknownTableLayout)
        );
    }

    #[test]
    fn the_imf_file_gives_each_currency_per_dollar_by_year_the_euro_from_the_euro_area() {
        let file = read_imf(IMF).unwrap();
        assert!(file.problems.is_empty(), "{:?}", file.problems);
        let of = |c: &str, y: i32| {
            file.rates
                .iter()
                .filter(|r| r.quote == c && r.day.year() == y)
                .map(|r| r.rate)
                .collect::<Vec<_>>()
        };
        assert_eq!(of("COP", 2024), [dec!(4074.434166666665)]);
        assert_eq!(of("PEN", 2024), [dec!(3.7525)]);
        // Four euro rows for 2024 (Andorra, euro area, Kosovo, Montenegro): the euro area's.
        assert_eq!(of("EUR", 2024), [dec!(0.9238895461176068)]);
        assert!(
            file.rates
                .iter()
                .all(|r| r.base == "USD" && r.span == RateSpan::Year)
        );
    }

    fn table() -> RateTable {
        let mut rates = read_ecb(ECB_DAILY).unwrap().rates;
        rates.extend(read_imf(IMF).unwrap().rates);
        RateTable::new(rates)
    }

    #[test]
    fn conversions_worked_out_by_hand_say_which_rate_they_used() {
        let t = table();
        // 1,000 EUR on the ECB's day: × 1.1684 = 1,168.40 USD.
        let c = convert(&t, dec!(1000), "EUR", "USD", d(2026, 4, 13)).unwrap();
        assert_eq!((c.amount, c.currency.as_str()), (dec!(1168.40), "USD"));
        assert_eq!(
            c.rate.describe(Locale::En),
            "1 EUR = 1.1684 USD (European Central Bank reference rate EUR/USD, 2026-04-13)"
        );
        // On Sunday 19 April the rate of Monday 13 April still counts; a month later it does not.
        assert!(convert(&t, dec!(1), "EUR", "USD", d(2026, 4, 19)).is_ok());
        // 100 USD → EUR: 100 ÷ 1.1684 = 85.5871276… → 85.59.
        let back = convert(&t, dec!(100), "USD", "EUR", d(2026, 4, 13)).unwrap();
        assert_eq!(back.amount, dec!(85.59));
        // 250 GBP → USD through the euro: 250 × 1.1684 ÷ 0.87058 = 335.5234… → 335.52.
        let cross = convert(&t, dec!(250), "GBP", "USD", d(2026, 4, 14)).unwrap();
        assert_eq!(cross.amount, dec!(335.52));
        assert_eq!(cross.rate.legs.len(), 2);
        // 10,000,000 COP in 2024 at the IMF's annual average: ÷ 4,074.434166… = 2,454.33 USD.
        let cop = convert(&t, dec!(10000000), "COP", "USD", d(2024, 7, 1)).unwrap();
        assert_eq!(cop.amount, dec!(2454.33));
        assert_eq!(cop.rate.legs[0].source, RateSource::Imf);
        // No rate joins COP and USD in 2031.
        assert_eq!(
            convert(&t, dec!(1), "COP", "USD", d(2031, 1, 1)),
            Err(NoRate {
                from: "COP".into(),
                to: "USD".into(),
                day: d(2031, 1, 1)
            })
        );
        // A rate typed by hand for the day wins over the published one.
        let mut with_manual = t.rates.clone();
        with_manual.push(Rate {
            base: "EUR".into(),
            quote: "USD".into(),
            day: d(2026, 4, 13),
            rate: dec!(1.17),
            span: RateSpan::Day,
            source: RateSource::Manual,
        });
        let manual = convert(
            &RateTable::new(with_manual),
            dec!(10),
            "EUR",
            "USD",
            d(2026, 4, 13),
        )
        .unwrap();
        assert_eq!(manual.amount, dec!(11.70));
    }

    #[test]
    fn an_endless_rate_in_a_file_is_refused_not_a_stack_overflow() {
        // Found by the fuzzer: rust_decimal's parser recurses per character.
        let file = format!("Date,USD\n2026-04-13,{}1\n", "0".repeat(200_000));
        if let Ok(read) = read_ecb(&file) {
            assert!(read.rates.is_empty());
        }
        assert_eq!(rate_value(&"0".repeat(200_000)), None);
    }

    #[test]
    fn a_rate_typed_by_hand_is_checked_field_by_field() {
        let form = RateForm {
            base: "usd".into(),
            quote: "COP".into(),
            day: "2025-06-30".into(),
            rate: "4074,43".into(),
            span: String::new(),
        };
        let rate = form.validate().unwrap();
        assert_eq!(
            (rate.base.as_str(), rate.rate, rate.source),
            ("USD", dec!(4074.43), RateSource::Manual)
        );
        let bad = RateForm {
            base: "USD".into(),
            quote: "usd".into(),
            day: "30/06/2025".into(),
            rate: "-1".into(),
            span: "week".into(),
        };
        let codes: Vec<(String, String)> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem.code().to_owned()))
            .collect();
        assert_eq!(
            codes,
            [
                ("day".to_owned(), "invalid_date".to_owned()),
                ("rate".to_owned(), "not_positive".to_owned()),
                ("span".to_owned(), "unknown_choice".to_owned()),
                ("quote".to_owned(), "not_applicable".to_owned()),
            ]
        );
    }

    #[test]
    fn an_amount_to_convert_is_checked_field_by_field() {
        let ok = ConvertForm::from_pairs([
            ("amount", "1000,5"),
            ("from", "eur"),
            ("to", "COP"),
            ("day", "2026-04-13"),
        ]);
        assert_eq!(
            ok.validate().unwrap(),
            (
                dec!(1000.5),
                "EUR".to_owned(),
                "COP".to_owned(),
                d(2026, 4, 13)
            )
        );
        let bad =
            ConvertForm::from_pairs([("amount", "x"), ("from", "XYZ"), ("to", "USD"), ("day", "")]);
        let fields: Vec<String> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["amount", "from", "day"]);
    }

    #[test]
    fn a_total_is_the_exact_sum_rounded_once_never_the_sum_of_rounded_parts() {
        let t = table();
        // Three payments of 10,000 COP in 2024: each 2.4543285… USD (2.45 shown), exactly
        // 7.3629856… together: the total is 7.36, not 3 × 2.45 = 7.35.
        let day = d(2024, 3, 1);
        let total = total_in(
            &t,
            &[
                (dec!(10000), "COP", day),
                (dec!(10000), "COP", day),
                (dec!(10000), "COP", day),
            ],
            "USD",
        )
        .unwrap();
        assert!(total.parts.iter().all(|p| p.amount == dec!(2.45)));
        assert_eq!(total.amount, dec!(7.36));
        // Half to even at the last unit: 0.125 → 0.12, 0.135 → 0.14; yen has no decimals.
        assert_eq!(round_money(dec!(0.125), "USD"), dec!(0.12));
        assert_eq!(round_money(dec!(0.135), "USD"), dec!(0.14));
        assert_eq!(round_money(dec!(186.5), "JPY"), dec!(186));
        assert_eq!(round_money(dec!(2), "USD").to_string(), "2.00");
    }
}
