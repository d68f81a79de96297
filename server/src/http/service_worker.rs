//! The service worker (`/sw.js`) that keeps the field-entry page and the app shell on the
//! device. Its text is `assets/sw.js` with the deployment's version written in: a digest of the
//! files it keeps, so a new deployment is a new worker and browsers install it (keeping offline
//! access and every entry: the worker never touches the entries).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::path::Path;

const TEMPLATE: &str = include_str!("../../assets/sw.js");

/// The files the worker keeps, relative to the site folder (the page itself is rendered).
const KEPT: [&str; 5] = [
    "offline.js",
    "pkg/sembrar.js",
    "pkg/sembrar.wasm",
    "pkg/sembrar.css",
    "favicon.svg",
];

/// The deployment's version: the first 16 hexadecimal digits of the SHA-256 of the worker's
/// template, this server's version and the files it keeps (a missing file counts as empty).
pub fn version(site_root: &Path) -> String {
    let mut digest = Sha256::new();
    digest.update(TEMPLATE.as_bytes());
    digest.update(env!("CARGO_PKG_VERSION").as_bytes());
    for file in KEPT {
        digest.update(file.as_bytes());
        digest.update(std::fs::read(site_root.join(file)).unwrap_or_default());
    }
    digest
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The worker's script for `version`.
pub fn script(version: &str) -> String {
    TEMPLATE.replace("__SEMBRAR_VERSION__", version)
}

/// The `/sw.js` response: never taken from a cache without asking (`no-cache`), allowed to
/// control the whole site.
pub fn response(script: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                header::HeaderName::from_static("service-worker-allowed"),
                HeaderValue::from_static("/"),
            ),
        ],
        script.to_owned(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_changes_when_a_kept_file_changes() {
        let dir = std::env::temp_dir().join(format!("sembrar-sw-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("pkg/sembrar.css"), "body {}").unwrap();
        let first = version(&dir);
        assert_eq!(first.len(), 16);
        assert_eq!(first, version(&dir));
        std::fs::write(dir.join("pkg/sembrar.css"), "body { color: red }").unwrap();
        assert_ne!(first, version(&dir));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_script_carries_its_version() {
        let text = script("0123456789abcdef");
        assert!(text.contains("const VERSION = \"0123456789abcdef\";"));
        assert!(!text.contains("__SEMBRAR_VERSION__"));
    }
}
