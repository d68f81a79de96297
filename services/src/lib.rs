//! Sembrar's operations, in one place: each checks the caller's rights (with the one rule in
//! `shared::auth`), validates its input with the rules in `shared`, reads and writes the database
//! and records what it changed in the audit trail. Server functions (in `app`, compiled for the
//! server only) and the REST API (in `server`) call the same [`Services`]; nothing here knows
//! about pages or HTTP. Failures are this crate's [`Error`], mapped once by each caller.

pub mod accounts;
pub mod db;
pub mod error;
pub mod funding;
pub mod households;
pub mod outcomes;
pub mod planning;
pub mod programs;
pub mod publishing;
mod service;

pub use accounts::{audit, auth, sealing};
pub use error::{Error, Result};
pub use funding::FundingFilter;
pub use households::import_files;
pub use service::*;

/// Today on the server's clock (UTC): the day that records are dated and periods end on.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// The latest day it is anywhere now (UTC+14): a visit entered in Myanmar or Laos in the morning
/// is dated a day after the server's UTC day, and is not in the future.
pub fn latest_day_anywhere() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(14)).date_naive()
}
