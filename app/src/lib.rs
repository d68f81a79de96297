//! Sembrar's user interface: the routes, pages and components, and the server functions the pages
//! call. Compiled twice: with `ssr` into the server, with `hydrate` to WebAssembly for the browser.
//!
//! How server functions reach the database without this crate depending on `server`: the server
//! implements the [`backend::Backend`] trait and provides it as Leptos context; server functions
//! call it. The REST API calls the very same implementation, so both share one set of validation
//! and (later) authorization checks.

// Leptos views are deeply nested types; the project form needs more than the default depth.
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod components;
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
