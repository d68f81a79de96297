//! Countries where alternative development programs run, by ISO 3166-1 alpha-2 code.

use crate::i18n::Locale;

/// A country a project can be in: its ISO 3166-1 alpha-2 code and its names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case.
    pub code: &'static str,
    name_en: &'static str,
    name_es: &'static str,
}

impl Country {
    /// The country's name in `locale`.
    pub fn name(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.name_en,
            Locale::Es => self.name_es,
        }
    }

    /// Finds a country by its code, case-insensitively.
    pub fn from_code(code: &str) -> Option<&'static Country> {
        let code = code.trim();
        COUNTRIES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
    }
}

const fn c(code: &'static str, name_en: &'static str, name_es: &'static str) -> Country {
    Country {
        code,
        name_en,
        name_es,
    }
}

/// Countries with alternative development programs (UNODC World Drug Report; resolution 75/198),
/// in English alphabetical order.
pub const COUNTRIES: &[Country] = &[
    c("AF", "Afghanistan", "Afganistán"),
    c("BO", "Bolivia", "Bolivia"),
    c("BR", "Brazil", "Brasil"),
    c("CO", "Colombia", "Colombia"),
    c("EC", "Ecuador", "Ecuador"),
    c("GT", "Guatemala", "Guatemala"),
    c("HN", "Honduras", "Honduras"),
    c("LA", "Laos", "Laos"),
    c("LB", "Lebanon", "Líbano"),
    c("MA", "Morocco", "Marruecos"),
    c("MX", "Mexico", "México"),
    c("MM", "Myanmar", "Myanmar"),
    c("PK", "Pakistan", "Pakistán"),
    c("PA", "Panama", "Panamá"),
    c("PY", "Paraguay", "Paraguay"),
    c("PE", "Peru", "Perú"),
    c("TH", "Thailand", "Tailandia"),
    c("VE", "Venezuela", "Venezuela"),
    c("VN", "Viet Nam", "Vietnam"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_found_by_code_in_any_case() {
        assert_eq!(
            Country::from_code("co").unwrap().name(Locale::En),
            "Colombia"
        );
        assert_eq!(Country::from_code("PE").unwrap().name(Locale::Es), "Perú");
        assert!(Country::from_code("XX").is_none());
    }

    #[test]
    fn country_codes_are_unique_two_letter_upper_case() {
        for (i, a) in COUNTRIES.iter().enumerate() {
            assert_eq!(a.code.len(), 2);
            assert_eq!(a.code, a.code.to_ascii_uppercase());
            assert!(COUNTRIES[i + 1..].iter().all(|b| b.code != a.code));
        }
    }
}
