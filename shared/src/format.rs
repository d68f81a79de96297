//! Numbers and dates written the way each language writes them.

use crate::i18n::Locale;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

/// A decimal with grouped thousands and the locale's decimal mark: `1,234.5` / `1.234,5`.
pub fn decimal(value: Decimal, locale: Locale) -> String {
    let (group, mark) = match locale {
        Locale::En => (',', '.'),
        Locale::Es => ('.', ','),
    };
    let text = value.normalize().to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::new();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(ch);
    }
    if frac_part.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{mark}{frac_part}")
    }
}

/// An amount of money with its currency, to the currency's minor units (rounded half to even
/// for display only; stored figures stay exact): `33,600,000.00 COP` / `33.600.000,00 COP`.
pub fn money(value: Decimal, currency: &str, locale: Locale) -> String {
    let places = crate::currency::Currency::from_code(currency)
        .map(|c| c.minor_units)
        .unwrap_or(2);
    let rounded = value.round_dp(places);
    let mut text = decimal(rounded, locale);
    if places > 0 {
        let mark = match locale {
            Locale::En => '.',
            Locale::Es => ',',
        };
        let have = text.split_once(mark).map_or(0, |(_, f)| f.len());
        if have == 0 {
            text.push(mark);
        }
        for _ in have..places as usize {
            text.push('0');
        }
    }
    format!("{text} {}", currency.trim().to_ascii_uppercase())
}

/// Percent-encodes a text for use as a query value (or a path): every byte but unreserved ones
/// and `/` is written `%XX`.
pub fn url_component(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A share in per cent to one decimal, as funding figures state it: `42.3 %` / `42,3 %`.
pub fn percent(value: Decimal, locale: Locale) -> String {
    let rounded =
        value.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointNearestEven);
    let mut text = decimal(rounded, locale);
    let mark = match locale {
        Locale::En => '.',
        Locale::Es => ',',
    };
    if !text.contains(mark) {
        text.push(mark);
        text.push('0');
    }
    format!("{text} %")
}

/// A month as the locale writes it: `Mar 2025` / `mar 2025`.
pub fn month(value: NaiveDate, locale: Locale) -> String {
    let day = date(value, locale);
    day.split_once(' ')
        .map_or(day.clone(), |(_, rest)| rest.to_owned())
}

/// A date as the locale writes it: `15 Jan 2025` / `15 ene 2025`.
pub fn date(value: NaiveDate, locale: Locale) -> String {
    use chrono::Datelike;
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const ES: [&str; 12] = [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
    ];
    let months = match locale {
        Locale::En => EN,
        Locale::Es => ES,
    };
    let month = months[value.month0() as usize];
    format!("{} {month} {}", value.day(), value.year())
}

/// A moment as the locale writes it, in UTC: `15 Jan 2025, 14:03 UTC`.
pub fn date_time(value: DateTime<Utc>, locale: Locale) -> String {
    format!(
        "{}, {} UTC",
        date(value.date_naive(), locale),
        value.format("%H:%M")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn decimals_are_grouped_and_marked_by_locale() {
        assert_eq!(decimal(dec!(1234567.25), Locale::En), "1,234,567.25");
        assert_eq!(decimal(dec!(1234567.25), Locale::Es), "1.234.567,25");
        assert_eq!(decimal(dec!(999), Locale::En), "999");
        assert_eq!(decimal(dec!(1000.0), Locale::En), "1,000");
        assert_eq!(decimal(dec!(-1500.5), Locale::Es), "-1.500,5");
    }

    #[test]
    fn money_shows_the_currency_s_minor_units_and_its_code() {
        assert_eq!(
            money(dec!(33600000), "COP", Locale::En),
            "33,600,000.00 COP"
        );
        assert_eq!(money(dec!(1234.5), "usd", Locale::Es), "1.234,50 USD");
        assert_eq!(money(dec!(1234.565), "EUR", Locale::En), "1,234.56 EUR");
        assert_eq!(money(dec!(1500.4), "PYG", Locale::En), "1,500 PYG");
    }

    #[test]
    fn months_are_written_without_their_day() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        assert_eq!(month(d, Locale::En), "Mar 2025");
        assert_eq!(month(d, Locale::Es), "mar 2025");
    }

    #[test]
    fn moments_are_written_in_utc() {
        let at = NaiveDate::from_ymd_opt(2025, 1, 15)
            .unwrap()
            .and_hms_opt(14, 3, 59)
            .unwrap()
            .and_utc();
        assert_eq!(date_time(at, Locale::En), "15 Jan 2025, 14:03 UTC");
        assert_eq!(date_time(at, Locale::Es), "15 ene 2025, 14:03 UTC");
    }

    #[test]
    fn dates_use_the_locale_month_names() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
        assert_eq!(date(d, Locale::En), "15 Jan 2025");
        assert_eq!(date(d, Locale::Es), "15 ene 2025");
    }
}
