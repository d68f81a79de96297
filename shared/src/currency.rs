//! Currencies (ISO 4217) in which projects plan and spend, with their minor units, and amounts of
//! money read exactly: a decimal with no more places than the currency has (never a float).

use crate::i18n::Locale;
use crate::validation::{FieldError, Problem, positive_decimal};
use rust_decimal::Decimal;

/// A currency: its ISO 4217 code, minor units (decimal places) and names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency {
    /// ISO 4217 code, upper case.
    pub code: &'static str,
    /// How many decimal places an amount has (ISO 4217 minor units).
    pub minor_units: u32,
    name_en: &'static str,
    name_es: &'static str,
}

impl Currency {
    /// The currency's name in `locale`.
    pub fn name(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.name_en,
            Locale::Es => self.name_es,
        }
    }

    /// Finds a currency by its code, case-insensitively.
    pub fn from_code(code: &str) -> Option<&'static Currency> {
        let code = code.trim();
        CURRENCIES
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code))
    }

    /// The currency a project in `country` usually plans in (its national currency), else USD.
    pub fn for_country(country: &str) -> &'static Currency {
        let code = match country.trim().to_ascii_uppercase().as_str() {
            "AF" => "AFN",
            "BO" => "BOB",
            "BR" => "BRL",
            "CO" => "COP",
            "GT" => "GTQ",
            "HN" => "HNL",
            "LA" => "LAK",
            "LB" => "LBP",
            "MA" => "MAD",
            "MX" => "MXN",
            "MM" => "MMK",
            "PK" => "PKR",
            "PY" => "PYG",
            "PE" => "PEN",
            "TH" => "THB",
            "VN" => "VND",
            _ => "USD",
        };
        Currency::from_code(code).unwrap_or(&CURRENCIES[0])
    }
}

const fn c(
    code: &'static str,
    minor_units: u32,
    name_en: &'static str,
    name_es: &'static str,
) -> Currency {
    Currency {
        code,
        minor_units,
        name_en,
        name_es,
    }
}

/// The currencies offered: the donors' (USD first) and those of countries with alternative
/// development programs. Minor units from ISO 4217.
pub const CURRENCIES: &[Currency] = &[
    c("USD", 2, "US dollar", "Dólar estadounidense"),
    c("EUR", 2, "Euro", "Euro"),
    c("GBP", 2, "Pound sterling", "Libra esterlina"),
    c("CHF", 2, "Swiss franc", "Franco suizo"),
    c("SEK", 2, "Swedish krona", "Corona sueca"),
    c("NOK", 2, "Norwegian krone", "Corona noruega"),
    c("JPY", 0, "Yen", "Yen"),
    c("CAD", 2, "Canadian dollar", "Dólar canadiense"),
    c("AUD", 2, "Australian dollar", "Dólar australiano"),
    c("AFN", 2, "Afghani", "Afgani"),
    c("BOB", 2, "Boliviano", "Boliviano"),
    c("BRL", 2, "Brazilian real", "Real brasileño"),
    c("COP", 2, "Colombian peso", "Peso colombiano"),
    c("GTQ", 2, "Quetzal", "Quetzal"),
    c("HNL", 2, "Lempira", "Lempira"),
    c("LAK", 2, "Lao kip", "Kip laosiano"),
    c("LBP", 2, "Lebanese pound", "Libra libanesa"),
    c("MAD", 2, "Moroccan dirham", "Dírham marroquí"),
    c("MXN", 2, "Mexican peso", "Peso mexicano"),
    c("MMK", 2, "Kyat", "Kyat"),
    c("PKR", 2, "Pakistan rupee", "Rupia pakistaní"),
    c("PYG", 0, "Guaraní", "Guaraní"),
    c("PEN", 2, "Sol", "Sol"),
    c("THB", 2, "Baht", "Baht"),
    c("VND", 0, "Dong", "Dong"),
];

/// The largest amount of money one figure of a plan may hold: more than any national program's
/// budget in any of these currencies, so a larger figure is a typing mistake.
pub const AMOUNT_MAX: Decimal = Decimal::from_parts(0xA4C6_8000, 0x0003_8D7E, 0, false, 0);

/// A positive amount of money in `currency`, with at most its minor units of decimals.
pub fn amount(field: &str, raw: &str, currency: &Currency) -> Result<Decimal, FieldError> {
    positive_decimal(field, raw, AMOUNT_MAX, currency.minor_units)
}

/// A currency code from the list.
pub fn currency(field: &str, raw: &str) -> Result<&'static Currency, FieldError> {
    if raw.trim().is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    Currency::from_code(raw).ok_or_else(|| FieldError::new(field, Problem::UnknownChoice))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn currency_codes_are_unique_three_letter_upper_case() {
        for (i, a) in CURRENCIES.iter().enumerate() {
            assert_eq!(a.code.len(), 3);
            assert_eq!(a.code, a.code.to_ascii_uppercase());
            assert!(CURRENCIES[i + 1..].iter().all(|b| b.code != a.code));
            assert!(!a.name(Locale::Es).is_empty());
        }
    }

    #[test]
    fn projects_plan_in_their_country_s_currency_or_in_dollars() {
        assert_eq!(Currency::for_country("CO").code, "COP");
        assert_eq!(Currency::for_country("pe").code, "PEN");
        assert_eq!(Currency::for_country("EC").code, "USD");
        assert_eq!(Currency::for_country("").code, "USD");
    }

    #[test]
    fn amounts_have_no_more_decimals_than_their_currency() {
        let cop = Currency::from_code("cop").unwrap();
        assert_eq!(amount("a", "1500000,50", cop).unwrap(), dec!(1500000.5));
        let pyg = Currency::from_code("PYG").unwrap();
        assert_eq!(
            amount("a", "10.5", pyg).unwrap_err().problem,
            Problem::TooManyDecimals { max: 0 }
        );
        assert_eq!(
            amount("a", "0", cop).unwrap_err().problem,
            Problem::NotPositive
        );
        assert_eq!(AMOUNT_MAX, dec!(1_000_000_000_000_000));
        assert!(matches!(
            amount("a", "1000000000000001", cop).unwrap_err().problem,
            Problem::TooLarge { .. }
        ));
    }

    #[test]
    fn an_unknown_currency_is_refused() {
        assert_eq!(currency("c", "usd").unwrap().code, "USD");
        assert_eq!(
            currency("c", "XXX").unwrap_err().problem,
            Problem::UnknownChoice
        );
        assert_eq!(currency("c", " ").unwrap_err().problem, Problem::Required);
    }
}
