//! Sembrar's domain: the words program officers use, the rules their data must follow, the
//! translations of everything a user reads, and the charts. Pure Rust: no IO, no web framework,
//! so the same rules run on the server and in the browser and are unit-tested here.

pub mod account;
pub mod auth;
pub mod baseline;
pub mod community;
pub mod country;
pub mod crop;
pub mod error;
pub mod format;
pub mod geometry_problem;
pub mod i18n;
pub mod income;
pub mod indicator;
pub mod program;
pub mod project;
pub mod validation;

pub use program::ProgramDetail;

#[cfg(feature = "charts")]
pub mod charts;
#[cfg(feature = "geometry")]
pub mod geometry;
