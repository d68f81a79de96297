//! End-to-end test harness for Sembrar: runs the real `sembrar` binary and drives it over HTTP and in
//! headless Chromium.
//!
//! The pieces:
//! - [`TestServer`] starts the server binary on a random port with a fresh data directory and a fresh
//!   database (SQLite by default, PostgreSQL when `SEMBRAR_TEST_DATABASE=postgres`), and kills it on drop.
//! - [`Http`] is a small blocking HTTP client that does not follow redirects, so tests can check `303`s;
//!   every [`TestServer`] has one at [`TestServer::http`].
//! - [`Browser`] is a minimal W3C WebDriver client driving headless Chromium through chromedriver, with
//!   JavaScript on or off ([`JavaScript`]).
//! - [`fixtures`] creates test data through the REST API.
//!
//! ```no_run
//! use tests::{Browser, JavaScript, TestServer};
//!
//! let server = TestServer::spawn();
//! server.http().get("/healthz").assert_status(200);
//!
//! let browser = Browser::launch(JavaScript::On);
//! browser.goto(&server.url("/"));
//! browser.wait_until_interactive();
//! assert!(!browser.find("h1").text().is_empty());
//! ```
//!
//! Everything a test starts (server, chromedriver, Chromium, temporary directories and databases) is
//! cleaned up when its guard drops, also when the test panics.

pub mod fixtures;
pub mod fuzz;
mod http;
mod server;
mod temp;
mod webdriver;
pub mod xlsx;

pub use http::{Http, Response, pairs};
pub use reqwest::Method;
pub use reqwest::header::HeaderMap;
pub use server::{
    ADMIN_EMAIL, ADMIN_PASSWORD, DatabaseKind, PostgresDatabase, TestServer, psql, server_binary,
};
pub use temp::TempDir;
pub use webdriver::{
    Browser, BrowserOptions, Element, JavaScript, WebDriverError, screenshots_dir,
};

use std::path::PathBuf;

/// The cargo target profile directory the test executable lives in (for example `target/debug`):
/// the test executable is `<profile dir>/deps/<test>-<hash>`.
///
/// # Panics
/// If the path of the running executable cannot be found.
pub fn target_profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the path of the running test executable");
    let deps = exe
        .parent()
        .expect("the test executable has a parent directory");
    deps.parent()
        .expect("the test executable lives in <target>/<profile>/deps")
        .to_path_buf()
}

/// The path part of a URL (`http://host:1/a/b?c#d` gives `/a/b`); a bare path is returned without its
/// query and fragment.
pub fn url_path(url: &str) -> &str {
    let after_scheme = match url.find("://") {
        Some(index) => {
            let rest = &url[index + 3..];
            match rest.find('/') {
                Some(slash) => &rest[slash..],
                None => "/",
            }
        }
        None => url,
    };
    let end = after_scheme.find(['?', '#']).unwrap_or(after_scheme.len());
    &after_scheme[..end]
}

/// The identifier that follows `prefix` in a URL's path, when the path is exactly `prefix` followed by
/// one non-empty segment: `id_after("http://h/projects/12", "/projects/")` gives `Some("12")`, and
/// `id_after("/projects/12/edit", "/projects/")` gives `None`.
pub fn id_after<'a>(url: &'a str, prefix: &str) -> Option<&'a str> {
    let path = url_path(url).trim_end_matches('/');
    let id = path.strip_prefix(prefix)?;
    (!id.is_empty() && !id.contains('/')).then_some(id)
}

/// The text of a PDF file as `pdftotext` (Poppler, installed by `scripts/setup.sh --test`) reads
/// it, page by page in reading order.
///
/// # Panics
/// If `pdftotext` is missing or cannot read the file.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = TempDir::new("sembrar-pdf");
    let file = dir.path().join("file.pdf");
    std::fs::write(&file, pdf).expect("the PDF written to a temporary file");
    let output = std::process::Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&file)
        .arg("-")
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "pdftotext could not run ({error}); install poppler-utils: scripts/setup.sh --test"
            )
        });
    assert!(
        output.status.success(),
        "pdftotext could not read the file: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[cfg(test)]
mod unit {
    use super::{id_after, url_path};

    #[test]
    fn url_path_strips_the_origin_the_query_and_the_fragment() {
        assert_eq!(
            url_path("http://127.0.0.1:3000/programs/4?x=1#y"),
            "/programs/4"
        );
        assert_eq!(url_path("http://127.0.0.1:3000"), "/");
        assert_eq!(url_path("/a/b?c"), "/a/b");
    }

    #[test]
    fn id_after_finds_only_a_single_trailing_segment() {
        assert_eq!(id_after("http://h:1/projects/12", "/projects/"), Some("12"));
        assert_eq!(
            id_after("http://h:1/projects/12/", "/projects/"),
            Some("12")
        );
        assert_eq!(id_after("http://h:1/projects/12/edit", "/projects/"), None);
        assert_eq!(id_after("http://h:1/programs/new", "/projects/"), None);
        assert_eq!(id_after("http://h:1/projects/", "/projects/"), None);
    }
}
