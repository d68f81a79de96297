//! The interface language for the current page: chosen from the `sembrar_lang` cookie (set by the
//! language switch) or else the browser's `Accept-Language`, and written into `<html lang>` so the
//! browser reads the same choice when it hydrates.

use leptos::prelude::*;
use shared::i18n::{Locale, Msg};

/// The cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "sembrar_lang";

/// The current page's locale, provided by [`provide_locale`].
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// Translates a message in the current page's locale.
pub fn t(msg: Msg) -> &'static str {
    use_locale().t(msg)
}

/// Works out the page's locale and provides it as context.
pub fn provide_locale() -> Locale {
    let locale = detect_locale();
    provide_context(locale);
    locale
}

#[cfg(feature = "ssr")]
fn detect_locale() -> Locale {
    use_context::<http::request::Parts>()
        .map(|parts| locale_from_headers(&parts.headers))
        .unwrap_or_default()
}

/// The locale a request asks for: the language cookie first, then `Accept-Language`.
#[cfg(feature = "ssr")]
pub fn locale_from_headers(headers: &http::HeaderMap) -> Locale {
    let from_cookie = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Locale::from_code(value));
    from_cookie.unwrap_or_else(|| {
        headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Locale::negotiate)
            .unwrap_or_default()
    })
}

#[cfg(not(feature = "ssr"))]
fn detect_locale() -> Locale {
    #[cfg(feature = "hydrate")]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|lang| Locale::from_code(&lang))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Locale::default()
    }
}
