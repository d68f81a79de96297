//! A minimal W3C WebDriver client driving headless Chromium through chromedriver, with JavaScript on or
//! off.
//!
//! Each [`Browser`] starts its own chromedriver on a free port and its own Chromium with a fresh profile;
//! dropping it ends the session and kills both, also when the test panics (after saving a screenshot of
//! the page named after the failing test).

use std::fmt;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use base64::Engine as _;
use reqwest::Method;
use reqwest::blocking::Client;
use serde_json::{Value, json};

use crate::temp::TempDir;

/// The key under which WebDriver sends element references.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// How often waits poll.
const POLL_INTERVAL: Duration = Duration::from_millis(100);
/// How long one WebDriver command may take (a page load included).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);
/// How long chromedriver may take to say it is ready.
const DRIVER_START_TIMEOUT: Duration = Duration::from_secs(30);

/// Whether the browser runs the pages' JavaScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JavaScript {
    /// JavaScript and WebAssembly run: the app hydrates.
    On,
    /// JavaScript is blocked by the profile (`profile.managed_default_content_settings.javascript: 2`):
    /// the app must work with plain links and forms.
    Off,
}

impl JavaScript {
    /// `"js-on"` or `"js-off"`, for file names and messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::On => "js-on",
            Self::Off => "js-off",
        }
    }
}

/// How to launch a [`Browser`].
#[derive(Debug, Clone, Copy)]
pub struct BrowserOptions {
    /// JavaScript on or off.
    pub javascript: JavaScript,
    /// The window's width in CSS pixels.
    pub width: u32,
    /// The window's height in CSS pixels.
    pub height: u32,
}

impl BrowserOptions {
    /// A 1280×1000 window with `javascript` on or off.
    pub fn new(javascript: JavaScript) -> Self {
        Self {
            javascript,
            width: 1280,
            height: 1000,
        }
    }

    /// The same options with another window size (for example a phone's 390×844).
    pub fn window_size(self, width: u32, height: u32) -> Self {
        Self {
            width,
            height,
            ..self
        }
    }
}

/// An error answered by chromedriver (or a failure to reach it).
#[derive(Debug, Clone)]
pub struct WebDriverError {
    /// The HTTP status of chromedriver's answer (0 when it could not be reached).
    pub status: u16,
    /// The W3C error code, such as `no such element` or `stale element reference`.
    pub error: String,
    /// chromedriver's message.
    pub message: String,
}

impl WebDriverError {
    fn transport(message: String) -> Self {
        Self {
            status: 0,
            error: "transport".to_owned(),
            message,
        }
    }

    /// Whether this is the W3C error `code`.
    pub fn is(&self, code: &str) -> bool {
        self.error == code
    }
}

impl fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // chromedriver's messages end with a long native stack trace in "(Session info…)"; keep the head.
        let message = self.message.lines().next().unwrap_or_default();
        write!(f, "{}: {message}", self.error)
    }
}

impl std::error::Error for WebDriverError {}

/// Sends one WebDriver command and returns its `value`.
fn command(
    client: &Client,
    method: Method,
    url: &str,
    body: Option<Value>,
) -> Result<Value, WebDriverError> {
    let mut request = client.request(method.clone(), url);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request
        .send()
        .map_err(|error| WebDriverError::transport(format!("{method} {url}: {error}")))?;
    let status = response.status().as_u16();
    let mut answer: Value = response.json().map_err(|error| {
        WebDriverError::transport(format!("{method} {url}: unreadable answer: {error}"))
    })?;
    let value = answer
        .get_mut("value")
        .map(Value::take)
        .unwrap_or(Value::Null);
    if status < 400 {
        return Ok(value);
    }
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    Err(WebDriverError {
        status,
        error: text("error").unwrap_or_else(|| "unknown error".to_owned()),
        message: text("message").unwrap_or_else(|| value.to_string()),
    })
}

/// A free TCP port on 127.0.0.1 (free when asked; another process may take it before it is used).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port on 127.0.0.1")
}

/// Kills, by id, the processes whose command line mentions `marker` (Chromium's processes all carry
/// their `--user-data-dir`), in case one outlived chromedriver.
fn kill_processes_mentioning(marker: &str) {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return;
    };
    let own_pid = std::process::id().to_string();
    for entry in entries.flatten() {
        let pid = entry.file_name().to_string_lossy().into_owned();
        if pid == own_pid || !pid.bytes().all(|byte| byte.is_ascii_digit()) {
            continue;
        }
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        if String::from_utf8_lossy(&cmdline).contains(marker) {
            let _ = Command::new("kill")
                .args(["-KILL", &pid])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
    }
}

/// A chromedriver process in its own process group, killed (with the group) on drop.
#[derive(Debug)]
struct ChromeDriver {
    child: Child,
    url: String,
    log: PathBuf,
    stopped: bool,
}

impl ChromeDriver {
    fn start(client: &Client, log: PathBuf) -> Self {
        let path =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned());
        let mut last_problem = String::new();
        for _attempt in 0..3 {
            let port = free_port();
            let child = Command::new(&path)
                .arg(format!("--port={port}"))
                .arg(format!("--log-path={}", log.display()))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .unwrap_or_else(|error| {
                    panic!("cannot start chromedriver at {path} (set CHROMEDRIVER to its path): {error}")
                });
            let mut driver = Self {
                child,
                url: format!("http://127.0.0.1:{port}"),
                log: log.clone(),
                stopped: false,
            };
            let started = Instant::now();
            while started.elapsed() < DRIVER_START_TIMEOUT {
                if let Ok(Some(status)) = driver.child.try_wait() {
                    last_problem = format!("chromedriver exited ({status})");
                    break;
                }
                let status = command(client, Method::GET, &format!("{}/status", driver.url), None);
                if status.is_ok_and(|value| value["ready"] == json!(true)) {
                    return driver;
                }
                last_problem = "chromedriver did not become ready".to_owned();
                thread::sleep(POLL_INTERVAL);
            }
            driver.stop();
        }
        panic!("{last_problem}; its log:\n{}", log_tail(&log));
    }

    /// Kills chromedriver's process group (chromedriver and anything it left in the group), then reaps
    /// chromedriver. The group is killed first, while chromedriver's pid cannot have been reused.
    fn stop(&mut self) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The last lines of a log file, for messages.
fn log_tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

/// Where screenshots go: `$CARGO_TARGET_DIR/screenshots` when `CARGO_TARGET_DIR` is an absolute path,
/// otherwise `screenshots/` in the target directory the test executable was built in.
pub fn screenshots_dir() -> PathBuf {
    let target = match std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir,
        _ => {
            let profile = crate::target_profile_dir();
            profile.parent().map(Path::to_path_buf).unwrap_or(profile)
        }
    };
    target.join("screenshots")
}

/// `name` reduced to characters safe in a file name.
fn file_name_safe(name: &str) -> String {
    name.replace("::", "__")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `value` escaped for a double-quoted CSS string.
fn css_string(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A headless Chromium driven over WebDriver. Dropping it ends the session and kills chromedriver and
/// Chromium; when the test is panicking, a screenshot `FAILED-<test name>.png` is saved first (see
/// [`screenshots_dir`]).
///
/// Lookups that wait ([`Browser::find`], [`Browser::wait_until`] and friends) poll for up to 20 s
/// (`SEMBRAR_TEST_WAIT_SECS` changes that) and then panic with the page's URL and text.
pub struct Browser {
    client: Client,
    session_url: String,
    javascript: JavaScript,
    wait_timeout: Duration,
    profile_dir: PathBuf,
    driver: ChromeDriver,
    _temp: TempDir,
}

impl fmt::Debug for Browser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Browser")
            .field("session_url", &self.session_url)
            .field("javascript", &self.javascript)
            .finish_non_exhaustive()
    }
}

impl Browser {
    /// Launches Chromium with a 1280×1000 window and JavaScript on or off.
    ///
    /// # Panics
    /// If chromedriver or Chromium cannot start (`CHROMEDRIVER` and `CHROME` override
    /// `/usr/bin/chromedriver` and `/usr/bin/chromium`).
    pub fn launch(javascript: JavaScript) -> Self {
        Self::launch_with(BrowserOptions::new(javascript))
    }

    /// Launches Chromium with `options`.
    ///
    /// # Panics
    /// As [`Browser::launch`].
    pub fn launch_with(options: BrowserOptions) -> Self {
        let temp = TempDir::new("sembrar-browser");
        let profile_dir = temp.path().join("profile");
        Self::start(options, profile_dir, temp)
    }

    /// Launches Chromium with `options` on the profile in `profile` (made when missing), which
    /// outlives the browser: launched again on it, the browser finds its cookies, storage and
    /// service workers, as a phone reopening its browser does.
    ///
    /// # Panics
    /// As [`Browser::launch`].
    pub fn launch_in(options: BrowserOptions, profile: &std::path::Path) -> Self {
        Self::start(
            options,
            profile.to_path_buf(),
            TempDir::new("sembrar-browser"),
        )
    }

    fn start(options: BrowserOptions, profile_dir: PathBuf, temp: TempDir) -> Self {
        let client = Client::builder()
            .timeout(COMMAND_TIMEOUT)
            .build()
            .expect("an HTTP client for chromedriver");
        let driver = ChromeDriver::start(&client, temp.path().join("chromedriver.log"));

        let binary = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
        let mut chrome_options = json!({
            "binary": binary,
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--lang=en-US",
                format!("--window-size={},{}", options.width, options.height),
                format!("--user-data-dir={}", profile_dir.display()),
            ],
        });
        if options.javascript == JavaScript::Off {
            chrome_options["prefs"] =
                json!({ "profile.managed_default_content_settings.javascript": 2 });
        }
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "pageLoadStrategy": "normal",
                    "timeouts": { "implicit": 0, "pageLoad": 60_000, "script": 30_000 },
                    "goog:chromeOptions": chrome_options,
                }
            }
        });
        let session = command(&client, Method::POST, &format!("{}/session", driver.url), Some(capabilities))
            .unwrap_or_else(|error| {
                panic!(
                    "cannot start Chromium at {binary} (set CHROME to its path): {error}\nchromedriver's log:\n{}",
                    log_tail(&driver.log)
                )
            });
        let session_id = session["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no sessionId in chromedriver's answer {session}"));

        let wait_seconds = std::env::var("SEMBRAR_TEST_WAIT_SECS")
            .ok()
            .and_then(|seconds| seconds.trim().parse().ok())
            .unwrap_or(20);
        Self {
            session_url: format!("{}/session/{session_id}", driver.url),
            client,
            javascript: options.javascript,
            wait_timeout: Duration::from_secs(wait_seconds),
            profile_dir,
            driver,
            _temp: temp,
        }
    }

    /// Whether this browser runs JavaScript.
    pub fn javascript(&self) -> JavaScript {
        self.javascript
    }

    /// How long waiting lookups poll before failing.
    pub fn wait_timeout(&self) -> Duration {
        self.wait_timeout
    }

    /// Changes how long waiting lookups poll before failing.
    pub fn set_wait_timeout(&mut self, timeout: Duration) {
        self.wait_timeout = timeout;
    }

    /// Sends a WebDriver command for this session; `path` is relative to `/session/{id}` (for example
    /// `/url`). The escape hatch for commands this client does not wrap.
    ///
    /// # Errors
    /// The error chromedriver answered.
    pub fn command(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, WebDriverError> {
        command(
            &self.client,
            method,
            &format!("{}{path}", self.session_url),
            body,
        )
    }

    /// Runs a Chrome DevTools Protocol command (`Emulation.setGeolocationOverride`, ...) through
    /// chromedriver; panics with the error.
    pub fn devtools(&self, cmd: &str, params: Value) -> Value {
        self.must(
            Method::POST,
            "/goog/cdp/execute",
            Some(json!({ "cmd": cmd, "params": params })),
            &format!("the DevTools command {cmd}"),
        )
    }

    /// The current page printed to PDF by the browser (WebDriver's Print Page), as the page's
    /// print styles lay it out on A4 landscape.
    pub fn print_pdf(&self) -> Vec<u8> {
        let encoded = self.must(
            Method::POST,
            "/print",
            Some(json!({"orientation": "landscape", "page": {"width": 29.7, "height": 21.0}})),
            "printing the page",
        );
        base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().expect("the PDF as base64"))
            .expect("a base64 PDF")
    }

    /// Lets pages read the device's position and makes it (longitude, latitude), as a phone's
    /// GPS would give it.
    pub fn set_geolocation(&self, longitude: f64, latitude: f64) {
        self.devtools(
            "Browser.grantPermissions",
            json!({ "permissions": ["geolocation"] }),
        );
        self.devtools(
            "Emulation.setGeolocationOverride",
            json!({ "latitude": latitude, "longitude": longitude, "accuracy": 5 }),
        );
    }

    /// Like [`Browser::command`] but panics with `what` and the error.
    fn must(&self, method: Method, path: &str, body: Option<Value>, what: &str) -> Value {
        self.command(method, path, body)
            .unwrap_or_else(|error| panic!("{what} failed: {error}"))
    }

    /// Loads `url` (a full URL, such as `server.url("/")`) and waits for the page load to finish.
    /// With JavaScript on, call [`Browser::wait_until_interactive`] before interacting.
    pub fn goto(&self, url: &str) {
        self.must(
            Method::POST,
            "/url",
            Some(json!({ "url": url })),
            &format!("loading {url}"),
        );
    }

    /// The URL of the current page.
    pub fn current_url(&self) -> String {
        self.must(Method::GET, "/url", None, "reading the URL")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The path of the current page's URL, without query or fragment.
    pub fn path(&self) -> String {
        crate::url_path(&self.current_url()).to_owned()
    }

    /// Reloads the page (a full load).
    pub fn refresh(&self) {
        self.must(Method::POST, "/refresh", Some(json!({})), "reloading");
    }

    /// Goes back one step in history.
    pub fn back(&self) {
        self.must(Method::POST, "/back", Some(json!({})), "going back");
    }

    /// The document's title.
    pub fn title(&self) -> String {
        self.must(Method::GET, "/title", None, "reading the title")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The current DOM serialized as HTML.
    pub fn page_source(&self) -> String {
        self.must(Method::GET, "/source", None, "reading the page source")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn element_from(&self, value: &Value) -> Element<'_> {
        let id = value[ELEMENT_KEY]
            .as_str()
            .unwrap_or_else(|| panic!("not an element reference: {value}"));
        Element {
            browser: self,
            id: id.to_owned(),
        }
    }

    /// The first element matching the CSS selector `css` now, without waiting.
    ///
    /// # Errors
    /// `no such element` when nothing matches.
    pub fn try_find(&self, css: &str) -> Result<Element<'_>, WebDriverError> {
        self.command(
            Method::POST,
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        )
        .map(|value| self.element_from(&value))
    }

    /// The first element matching `css`, waiting for it to appear.
    ///
    /// # Panics
    /// If none appears in time.
    pub fn find(&self, css: &str) -> Element<'_> {
        self.wait_for(&format!("an element matching `{css}`"), || {
            self.try_find(css).ok()
        })
    }

    /// All elements matching `css` now (possibly none), without waiting.
    pub fn find_all(&self, css: &str) -> Vec<Element<'_>> {
        let found = self.must(
            Method::POST,
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
            &format!("finding `{css}`"),
        );
        found
            .as_array()
            .map(|elements| {
                elements
                    .iter()
                    .map(|value| self.element_from(value))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether an element matches `css` now.
    pub fn exists(&self, css: &str) -> bool {
        self.try_find(css).is_ok()
    }

    /// The visible texts of all elements matching `css` now, retrying when the page re-renders
    /// underneath (stale elements).
    pub fn texts_of(&self, css: &str) -> Vec<String> {
        let mut last_error = None;
        for _attempt in 0..10 {
            let texts: Result<Vec<String>, WebDriverError> =
                self.find_all(css).iter().map(Element::try_text).collect();
            match texts {
                Ok(texts) => return texts,
                Err(error) => last_error = Some(error),
            }
            thread::sleep(POLL_INTERVAL);
        }
        panic!(
            "cannot read the texts of `{css}`: {}",
            last_error
                .map(|error| error.to_string())
                .unwrap_or_default()
        );
    }

    /// Waits for the first element matching `css` to have non-empty (trimmed) text, and returns that
    /// text.
    pub fn wait_for_text(&self, css: &str) -> String {
        self.wait_for(&format!("`{css}` to show some text"), || {
            let text = self.try_find(css).ok()?.try_text().ok()?;
            let text = text.trim();
            (!text.is_empty()).then(|| text.to_owned())
        })
    }

    /// Polls `probe` until it returns `Some`, and returns that.
    ///
    /// # Panics
    /// If it has not within the wait timeout; the message names `what` and shows the page's URL and
    /// text.
    pub fn wait_for<T>(&self, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
        let started = Instant::now();
        loop {
            if let Some(found) = probe() {
                return found;
            }
            if started.elapsed() > self.wait_timeout {
                panic!(
                    "waited {} s for {what} in vain.\n{}",
                    self.wait_timeout.as_secs(),
                    self.describe_page()
                );
            }
            thread::sleep(POLL_INTERVAL);
        }
    }

    /// Polls `condition` until it holds.
    ///
    /// # Panics
    /// As [`Browser::wait_for`].
    pub fn wait_until(&self, what: &str, mut condition: impl FnMut() -> bool) {
        self.wait_for(what, || condition().then_some(()));
    }

    /// Waits until the current URL's path satisfies `condition` and returns the URL.
    ///
    /// # Panics
    /// As [`Browser::wait_for`].
    pub fn wait_for_url(&self, what: &str, mut condition: impl FnMut(&str) -> bool) -> String {
        self.wait_for(&format!("the URL to be {what}"), || {
            let url = self.command(Method::GET, "/url", None).ok()?;
            let url = url.as_str()?.to_owned();
            condition(crate::url_path(&url)).then_some(url)
        })
    }

    /// Waits until the page can be used: with JavaScript on, until the app has hydrated (`<body>` has
    /// `data-hydrated="true"`); with JavaScript off there is nothing to wait for.
    ///
    /// # Panics
    /// If the app does not hydrate in time (is the WebAssembly bundle served?).
    pub fn wait_until_interactive(&self) {
        if self.javascript == JavaScript::On {
            self.wait_until("the app to hydrate (body[data-hydrated=\"true\"])", || {
                self.exists("body[data-hydrated=\"true\"]")
            });
        }
    }

    /// The `lang` attribute of `<html>`, if any.
    pub fn html_lang(&self) -> Option<String> {
        self.try_find("html").ok()?.try_attribute("lang").ok()?
    }

    /// Runs `script` (a function body; `arguments[0]`… are `args`, elements passed as
    /// [`Element::as_json`]) in the page and returns what it returns.
    ///
    /// # Panics
    /// With JavaScript off (WebDriver could still run it, but a JavaScript-off test must only do what a
    /// user without JavaScript can), or if the script throws.
    pub fn execute_script(&self, script: &str, args: Vec<Value>) -> Value {
        assert!(
            self.javascript == JavaScript::On,
            "execute_script is for JavaScript-on browsers only"
        );
        self.must(
            Method::POST,
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
            "running a script",
        )
    }

    /// Runs `script` asynchronously: it finishes by calling its last argument
    /// (`arguments[arguments.length - 1]`) with the value to return.
    ///
    /// # Panics
    /// With JavaScript off, or if the script throws or times out (30 s).
    pub fn execute_async_script(&self, script: &str, args: Vec<Value>) -> Value {
        assert!(
            self.javascript == JavaScript::On,
            "execute_async_script is for JavaScript-on browsers only"
        );
        self.must(
            Method::POST,
            "/execute/async",
            Some(json!({ "script": script, "args": args })),
            "running an asynchronous script",
        )
    }

    /// The text of the dialog (`confirm`, `alert`) the page shows, if one is open.
    pub fn alert_text(&self) -> Option<String> {
        self.command(Method::GET, "/alert/text", None)
            .ok()
            .and_then(|text| text.as_str().map(str::to_owned))
    }

    /// Accepts the open dialog ("OK").
    pub fn accept_alert(&self) {
        self.must(
            Method::POST,
            "/alert/accept",
            Some(json!({})),
            "accepting the dialog",
        );
    }

    /// Dismisses the open dialog ("Cancel").
    pub fn dismiss_alert(&self) {
        self.must(
            Method::POST,
            "/alert/dismiss",
            Some(json!({})),
            "dismissing the dialog",
        );
    }

    /// Saves a PNG screenshot of the window as `<screenshots_dir>/<name>.png` and returns its path.
    ///
    /// # Panics
    /// If the screenshot cannot be taken or written.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        self.try_screenshot(name)
            .unwrap_or_else(|error| panic!("cannot save the screenshot {name}: {error}"))
    }

    fn try_screenshot(&self, name: &str) -> Result<PathBuf, String> {
        let encoded = self
            .command(Method::GET, "/screenshot", None)
            .map_err(|error| error.to_string())?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().unwrap_or_default())
            .map_err(|error| error.to_string())?;
        let dir = screenshots_dir();
        std::fs::create_dir_all(&dir).map_err(|error| format!("{}: {error}", dir.display()))?;
        let name = file_name_safe(name.trim_end_matches(".png"));
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|error| format!("{}: {error}", path.display()))?;
        Ok(path)
    }

    /// The page's URL and the start of its text, for failure messages (never panics).
    fn describe_page(&self) -> String {
        let url = self
            .command(Method::GET, "/url", None)
            .ok()
            .and_then(|url| url.as_str().map(str::to_owned))
            .unwrap_or_else(|| "(unknown)".to_owned());
        let text = self
            .try_find("body")
            .and_then(|body| body.try_text())
            .unwrap_or_default();
        let mut excerpt: String = text.chars().take(1500).collect();
        if excerpt.len() < text.len() {
            excerpt.push('…');
        }
        format!("page: {url}\n--- page text ---\n{excerpt}\n--- end of page text ---")
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if thread::panicking() {
            let test = thread::current().name().unwrap_or("test").to_owned();
            match self.try_screenshot(&format!("FAILED-{test}-{}", self.javascript.label())) {
                Ok(path) => eprintln!("screenshot of the failing page: {}", path.display()),
                Err(error) => eprintln!("no screenshot of the failing page: {error}"),
            }
        }
        let _ = command(&self.client, Method::DELETE, &self.session_url, None);
        self.driver.stop();
        kill_processes_mentioning(&format!("--user-data-dir={}", self.profile_dir.display()));
        // Then the temporary directory (profile and chromedriver log) is removed.
    }
}

/// An element of the page in a [`Browser`]. Its methods panic with a readable message on failure;
/// the `try_` ones return the WebDriver error instead (useful inside waits, where the page may
/// re-render and make an element stale).
#[derive(Debug, Clone)]
pub struct Element<'b> {
    browser: &'b Browser,
    id: String,
}

impl Element<'_> {
    /// The WebDriver element id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The element as a script argument for [`Browser::execute_script`].
    pub fn as_json(&self) -> Value {
        json!({ ELEMENT_KEY: self.id })
    }

    fn command(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, WebDriverError> {
        self.browser
            .command(method, &format!("/element/{}{path}", self.id), body)
    }

    fn must(&self, method: Method, path: &str, body: Option<Value>, what: &str) -> Value {
        self.command(method, path, body).unwrap_or_else(|error| {
            panic!("{what} failed: {error}\n{}", self.browser.describe_page())
        })
    }

    /// The element's rendered text.
    ///
    /// # Errors
    /// For example `stale element reference` when the page re-rendered.
    pub fn try_text(&self) -> Result<String, WebDriverError> {
        self.command(Method::GET, "/text", None)
            .map(|text| text.as_str().unwrap_or_default().to_owned())
    }

    /// The element's rendered text.
    pub fn text(&self) -> String {
        self.try_text()
            .unwrap_or_else(|error| panic!("reading an element's text failed: {error}"))
    }

    /// An HTML attribute's value, `Ok(None)` when absent.
    ///
    /// # Errors
    /// As [`Element::try_text`].
    pub fn try_attribute(&self, name: &str) -> Result<Option<String>, WebDriverError> {
        self.command(Method::GET, &format!("/attribute/{name}"), None)
            .map(|value| value.as_str().map(str::to_owned))
    }

    /// An HTML attribute's value (as written in the markup or set later), `None` when absent.
    pub fn attribute(&self, name: &str) -> Option<String> {
        self.try_attribute(name)
            .unwrap_or_else(|error| panic!("reading the attribute {name} failed: {error}"))
    }

    /// A DOM property's value, such as `value` or `checked`.
    pub fn property(&self, name: &str) -> Value {
        self.must(
            Method::GET,
            &format!("/property/{name}"),
            None,
            &format!("reading the property {name}"),
        )
    }

    /// The `value` property as text: what an input, textarea or select currently holds.
    pub fn value(&self) -> String {
        match self.property("value") {
            Value::String(text) => text,
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }

    /// Whether a checkbox, radio button or option is selected.
    pub fn is_selected(&self) -> bool {
        self.must(
            Method::GET,
            "/selected",
            None,
            "reading whether an element is selected",
        )
        .as_bool()
        .unwrap_or(false)
    }

    /// Whether the element is displayed.
    pub fn is_displayed(&self) -> bool {
        self.must(
            Method::GET,
            "/displayed",
            None,
            "reading whether an element is displayed",
        )
        .as_bool()
        .unwrap_or(false)
    }

    /// The element's tag name, lower case.
    pub fn tag_name(&self) -> String {
        self.must(Method::GET, "/name", None, "reading a tag name")
            .as_str()
            .unwrap_or_default()
            .to_ascii_lowercase()
    }

    /// Types `text` into the element (focusing it first), as a user would.
    pub fn send_keys(&self, text: &str) {
        self.must(
            Method::POST,
            "/value",
            Some(json!({ "text": text })),
            &format!("typing {text:?}"),
        );
    }

    /// Empties an input or textarea.
    pub fn clear(&self) {
        self.must(Method::POST, "/clear", Some(json!({})), "clearing an input");
    }

    /// Empties an input or textarea, then types `text`.
    pub fn replace_text(&self, text: &str) {
        self.clear();
        if !text.is_empty() {
            self.send_keys(text);
        }
    }

    /// Clicks the element (scrolled into view), retrying while something covers it or it is not yet
    /// interactable.
    pub fn click(&self) {
        let started = Instant::now();
        loop {
            match self.command(Method::POST, "/click", Some(json!({}))) {
                Ok(_) => return,
                Err(error)
                    if (error.is("element click intercepted")
                        || error.is("element not interactable"))
                        && started.elapsed() < self.browser.wait_timeout =>
                {
                    thread::sleep(POLL_INTERVAL);
                }
                Err(error) => panic!("clicking failed: {error}\n{}", self.browser.describe_page()),
            }
        }
    }

    /// The first descendant matching `css`, now.
    ///
    /// # Errors
    /// `no such element` when nothing matches.
    pub fn try_find(&self, css: &str) -> Result<Element<'_>, WebDriverError> {
        self.command(
            Method::POST,
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        )
        .map(|value| self.browser.element_from(&value))
    }

    /// The first descendant matching `css`, waiting for it to appear.
    pub fn find(&self, css: &str) -> Element<'_> {
        self.browser
            .wait_for(&format!("a descendant matching `{css}`"), || {
                self.try_find(css).ok()
            })
    }

    /// All descendants matching `css`, now.
    pub fn find_all(&self, css: &str) -> Vec<Element<'_>> {
        let found = self.must(
            Method::POST,
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
            &format!("finding `{css}` inside an element"),
        );
        found
            .as_array()
            .map(|elements| {
                elements
                    .iter()
                    .map(|value| self.browser.element_from(value))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Chooses the `<option>` of this `<select>` whose value is `value`, by clicking it as a user
    /// would, and checks that the select took it.
    pub fn select_by_value(&self, value: &str) {
        self.find(&format!("option[value=\"{}\"]", css_string(value)))
            .click();
        let chosen = self.value();
        assert_eq!(
            chosen, value,
            "the select holds {chosen:?} after choosing {value:?}"
        );
    }

    /// Types an ISO date (`2025-01-15`) into an `<input type="date">` as a user would, and checks that
    /// the input now holds it.
    ///
    /// Chromium with `--lang=en-US` shows date inputs as `mm/dd/yyyy` and takes the digits
    /// `MMDDYYYY` (the segments advance by themselves), so `2025-01-15` is typed as `01152025`; typing
    /// the ISO text itself gives a wrong date. This works with JavaScript on and off, and fires the
    /// input's `input` and `change` events like real typing.
    ///
    /// # Panics
    /// If `iso` is not `YYYY-MM-DD`, or the input does not end up holding it.
    pub fn type_date(&self, iso: &str) {
        let parts: Vec<&str> = iso.split('-').collect();
        let well_formed = matches!(parts.as_slice(), [year, month, day]
            if year.len() == 4 && month.len() == 2 && day.len() == 2
                && iso.chars().all(|c| c.is_ascii_digit() || c == '-'));
        assert!(
            well_formed,
            "type_date wants a date as YYYY-MM-DD, not {iso:?}"
        );
        let (year, month, day) = (parts[0], parts[1], parts[2]);
        self.clear();
        self.send_keys(&format!("{month}{day}{year}"));
        let held = self.value();
        assert_eq!(
            held, iso,
            "the date input holds {held:?} after typing {iso}"
        );
    }
}
