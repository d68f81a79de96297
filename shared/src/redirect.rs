//! Where a "go back to" or "next" value may send the browser: only a path of this site. One rule
//! for every redirect the app makes from a value it was given (sign-in's `next`, the language
//! switch's `back`, the settings' `return_to`).

/// `wanted` when it is a path of this site, else `None`.
///
/// A path of this site starts with one `/` and holds only visible ASCII other than `\`: a second
/// `/` or a `\` after the first makes it another host in browsers (`//evil.example`,
/// `/\evil.example`), and browsers drop tabs and line breaks from a URL before reading it
/// (`/<tab>/evil.example` is `//evil.example`), so no control character, space or non-ASCII
/// letter passes (paths of this site are written percent-encoded).
pub fn same_site_path(wanted: &str) -> Option<&str> {
    let rest = wanted.strip_prefix('/')?;
    let plain = wanted.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    (plain && !rest.starts_with('/')).then_some(wanted)
}

/// `wanted` when it is a path of this site, else `fallback`.
pub fn same_site_or(wanted: Option<&str>, fallback: &str) -> String {
    wanted
        .and_then(same_site_path)
        .unwrap_or(fallback)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_this_site_pass_with_their_query() {
        for path in [
            "/",
            "/programs/3",
            "/projects?country=CO&crop=coca_bush",
            "/households/7/visits/new#plot-2",
            "/buscar?q=caf%C3%A9",
        ] {
            assert_eq!(same_site_path(path), Some(path), "{path}");
        }
    }

    #[test]
    fn other_hosts_schemes_and_hidden_characters_are_refused() {
        for path in [
            "",
            "programs/3",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "/programs\\..\\x",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/ /evil.example",
            "/\u{0}",
            "/caf\u{e9}",
            "/\u{202e}moc.live",
            "https://evil.example",
            "javascript:alert(1)",
            " /programs",
        ] {
            assert_eq!(same_site_path(path), None, "{path:?}");
        }
    }

    #[test]
    fn a_refused_path_gives_the_fallback() {
        assert_eq!(same_site_or(Some("/programs/3"), "/"), "/programs/3");
        assert_eq!(same_site_or(Some("//evil.example"), "/"), "/");
        assert_eq!(same_site_or(None, "/organisation"), "/organisation");
    }
}
