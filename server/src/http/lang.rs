//! `GET /lang/{code}?back=/path`: remembers the chosen language in a cookie and goes back to the
//! page. A plain link, so it works without JavaScript.

use app::i18n::LANG_COOKIE;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use http::header;
use serde::Deserialize;
use shared::i18n::Locale;

/// Where to go back to.
#[derive(Debug, Deserialize)]
pub struct Back {
    back: Option<String>,
}

/// Only paths on this site (`shared::redirect`).
fn safe_back(back: Option<String>) -> String {
    shared::redirect::same_site_or(back.as_deref(), "/")
}

/// Switches the interface language.
pub async fn switch_language(Path(code): Path<String>, Query(back): Query<Back>) -> Response {
    let target = safe_back(back.back);
    match Locale::from_code(&code) {
        Some(locale) => {
            let cookie = format!(
                "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
                locale.code()
            );
            ([(header::SET_COOKIE, cookie)], Redirect::to(&target)).into_response()
        }
        None => Redirect::to(&target).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_back;

    #[test]
    fn the_language_switch_only_goes_back_to_pages_of_this_site() {
        assert_eq!(safe_back(Some("/programs/3".into())), "/programs/3");
        assert_eq!(safe_back(Some("//evil.example".into())), "/");
        assert_eq!(safe_back(Some("https://evil.example".into())), "/");
        assert_eq!(safe_back(Some("/\\evil.example".into())), "/");
        assert_eq!(safe_back(Some("/\t/evil.example".into())), "/");
        assert_eq!(safe_back(None), "/");
    }
}
