//! Sembrar's user interface: the routes, pages and components, and the server functions the pages
//! call. Compiled twice: with `ssr` into the server, with `hydrate` to WebAssembly for the browser.
//!
//! How server functions reach the database: with `ssr`, this crate depends on the `services`
//! crate (never compiled for the browser); the server provides `services::Services` as Leptos
//! context and server functions call it (see `context`). The REST API calls the very same
//! operations, so both share one set of permission checks and validation.

// Leptos views are deeply nested types; the project form needs more than the default depth.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod context;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod shell;
pub mod submission;

pub use shell::{App, shell};

/// The browser's entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
