//! A small blocking HTTP client for tests: redirects are not followed unless asked, and every response is
//! read whole into a [`Response`].

use std::time::Duration;

use reqwest::Method;
use reqwest::blocking::{Client, RequestBuilder};
use reqwest::header::HeaderMap;
use reqwest::redirect::Policy;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// How long one request may take before the test fails.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// A blocking HTTP client bound to a base URL such as `http://127.0.0.1:4000`.
///
/// Paths passed to its methods are joined to the base URL; a full `http://` or `https://` URL is used as
/// it is. Requests that fail at the transport level (connection refused, timeout) panic with the method
/// and URL, so a test reads as a list of requests and assertions.
#[derive(Debug, Clone)]
pub struct Http {
    client: Client,
    base_url: String,
    headers: HeaderMap,
}

impl Http {
    /// A client for `base_url` that does **not** follow redirects: a `303 See Other` comes back as such,
    /// with its `Location` header.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self::build(base_url.into(), Policy::none(), None)
    }

    /// A client for `base_url` that follows up to 10 redirects, like a browser.
    pub fn following_redirects(base_url: impl Into<String>) -> Self {
        Self::build(base_url.into(), Policy::limited(10), None)
    }

    /// A client for `base_url` whose connections leave from `address`: another loopback address
    /// (`127.0.0.2`) is another client address to a server on `127.0.0.1`.
    pub fn from_address(base_url: impl Into<String>, address: std::net::IpAddr) -> Self {
        Self::build(base_url.into(), Policy::none(), Some(address))
    }

    fn build(base_url: String, policy: Policy, address: Option<std::net::IpAddr>) -> Self {
        let client = Client::builder()
            .local_address(address)
            .redirect(policy)
            .timeout(
                std::env::var("SEMBRAR_TEST_HTTP_TIMEOUT_SECONDS")
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .map_or(REQUEST_TIMEOUT, Duration::from_secs),
            )
            .build()
            .expect("an HTTP client");
        Self {
            client,
            base_url: base_url.trim_end_matches('/').to_owned(),
            headers: HeaderMap::new(),
        }
    }

    /// A client for `base_url` signed in as `email`: it signs in through the sign-in form and
    /// then sends the session cookie, and an `Origin` naming the server as a browser does, with
    /// every request. Redirects are not followed.
    ///
    /// # Panics
    /// Unless signing in answers `303` with a session cookie.
    pub fn signed_in(base_url: impl Into<String>, email: &str, password: &str) -> Self {
        Self::new(base_url).sign_in(email, password)
    }

    /// This client, signed in as `email` through the sign-in form (see [`Http::signed_in`]).
    ///
    /// # Panics
    /// Unless signing in answers `303` with a session cookie.
    pub fn sign_in(self, email: &str, password: &str) -> Self {
        let mut http = self;
        let response = http.post_form(
            "/login",
            &[("email", email), ("password", password), ("next", "/")],
        );
        response.assert_status(303);
        let cookie = response
            .headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("sembrar_session="))
            .and_then(|v| v.split(';').next())
            .unwrap_or_else(|| panic!("signing in as {email} set no session cookie"))
            .to_owned();
        let origin = http.base_url.clone();
        http.headers
            .insert("cookie", cookie.parse().expect("a cookie header value"));
        http.headers
            .insert("origin", origin.parse().expect("an origin header value"));
        http
    }

    /// The session cookie this client sends (`sembrar_session=...`), if signed in.
    pub fn session_cookie(&self) -> Option<&str> {
        self.headers.get("cookie").and_then(|v| v.to_str().ok())
    }

    /// The same client without the `Origin` header (as an old browser or a script would send).
    pub fn without_origin(&self) -> Self {
        let mut http = self.clone();
        http.headers.remove("origin");
        http
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The full URL of `path` (a path starting with `/`, or a full URL that is returned unchanged).
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            path.to_owned()
        } else if path.starts_with('/') {
            format!("{}{path}", self.base_url)
        } else {
            format!("{}/{path}", self.base_url)
        }
    }

    /// A request builder for anything the helpers below do not cover (custom headers, other bodies);
    /// send it with [`Http::send`].
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, self.url(path))
            .headers(self.headers.clone())
    }

    /// Sends a request made with [`Http::request`] and reads the whole response.
    ///
    /// # Panics
    /// If the request cannot be sent or its body cannot be read.
    pub fn send(&self, request: RequestBuilder) -> Response {
        self.try_send(request)
            .unwrap_or_else(|error| panic!("{error}"))
    }

    /// Like [`Http::send`], but a request that could not be sent whole (a server may answer a
    /// too-large body early and close the connection) is an `Err` naming it, not a panic.
    ///
    /// # Panics
    /// If the request cannot be built.
    pub fn try_send(&self, request: RequestBuilder) -> Result<Response, String> {
        let request = request.build().expect("a well-formed request");
        let method = request.method().clone();
        let url = request.url().to_string();
        let response = self
            .client
            .execute(request)
            .map_err(|error| format!("{method} {url} failed: {error}"))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .text()
            .map_err(|error| format!("{method} {url}: cannot read the body: {error}"))?;
        Ok(Response {
            method,
            url,
            status,
            headers,
            body,
        })
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Response {
        self.send(self.request(Method::GET, path))
    }

    /// `GET path` for a binary file: the status, the content type and the bytes.
    ///
    /// # Panics
    /// If the request cannot be sent or its body cannot be read.
    pub fn get_bytes(&self, path: &str) -> (u16, String, Vec<u8>) {
        let request = self
            .request(Method::GET, path)
            .build()
            .expect("a well-formed request");
        let response = self
            .client
            .execute(request)
            .unwrap_or_else(|error| panic!("GET {path} failed: {error}"));
        let status = response.status().as_u16();
        let kind = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = response
            .bytes()
            .unwrap_or_else(|error| panic!("GET {path}: cannot read the body: {error}"));
        (status, kind, bytes.to_vec())
    }

    /// `DELETE path`.
    pub fn delete(&self, path: &str) -> Response {
        self.send(self.request(Method::DELETE, path))
    }

    /// `POST path` with a JSON body.
    pub fn post_json(&self, path: &str, body: &impl Serialize) -> Response {
        self.send(self.request(Method::POST, path).json(body))
    }

    /// `PUT path` with a JSON body.
    pub fn put_json(&self, path: &str, body: &impl Serialize) -> Response {
        self.send(self.request(Method::PUT, path).json(body))
    }

    /// `PATCH path` with a JSON body.
    pub fn patch_json(&self, path: &str, body: &impl Serialize) -> Response {
        self.send(self.request(Method::PATCH, path).json(body))
    }

    /// `POST path` with an `application/x-www-form-urlencoded` body, as a browser without JavaScript
    /// sends a form. Repeat a name to send several values (`[("illicit_crops", "a"), ("illicit_crops", "b")]`).
    pub fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.send(self.request(Method::POST, path).form(fields))
    }
}

/// A whole HTTP response: status, headers and the body as text.
#[derive(Debug, Clone)]
pub struct Response {
    /// The request's method, for messages.
    pub method: Method,
    /// The requested URL, for messages.
    pub url: String,
    /// The status code, such as `200` or `303`.
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body, decoded as text.
    pub body: String,
}

impl Response {
    /// `(field, code)` of every field error of a 422 answer, in order.
    pub fn field_codes(&self) -> Vec<(String, String)> {
        self.json()["error"]["fields"]
            .as_array()
            .expect("field errors")
            .iter()
            .map(|f| {
                (
                    f["field"].as_str().unwrap_or_default().to_owned(),
                    f["code"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    }

    /// Panics, showing the request and the body, unless the status is `expected`. Returns `self` so
    /// calls chain: `http.get("/x").assert_status(200).json()`.
    pub fn assert_status(&self, expected: u16) -> &Self {
        assert_eq!(
            self.status, expected,
            "{} {} answered {} instead of {expected}; body:\n{}",
            self.method, self.url, self.status, self.body
        );
        self
    }

    /// Whether the status is in 200..=299.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// A header's value as text, if present and valid text (the first one when repeated).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The `Location` header of a redirect.
    pub fn location(&self) -> Option<&str> {
        self.header("location")
    }

    /// The `Content-Type` header.
    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    /// The body parsed as JSON.
    ///
    /// # Panics
    /// If the body is not JSON; the message shows the body.
    pub fn json(&self) -> serde_json::Value {
        self.json_as()
    }

    /// The body parsed as JSON into `T`.
    ///
    /// # Panics
    /// If the body does not parse as `T`; the message shows the body.
    pub fn json_as<T: DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body).unwrap_or_else(|error| {
            panic!(
                "{} {} ({}): the body is not the expected JSON ({error}):\n{}",
                self.method, self.url, self.status, self.body
            )
        })
    }
}

/// Borrowed `(field, code)` pairs as [`Response::field_codes`] answers them, for comparing.
pub fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
        .collect()
}
