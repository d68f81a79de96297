//! Sembrar's operations, in one place: each checks the caller's rights (with the one rule in
//! `shared::auth`), validates its input with the rules in `shared`, reads and writes the database
//! and records what it changed in the audit trail. Server functions (in `app`, compiled for the
//! server only) and the REST API (in `server`) call the same [`Services`]; nothing here knows
//! about pages or HTTP. Failures are this crate's [`Error`], mapped once by each caller.

pub mod audit;
pub mod auth;
pub mod db;
pub mod error;
pub mod import_files;
pub mod sealing;
mod service;

pub use error::{Error, Result};
pub use service::*;
