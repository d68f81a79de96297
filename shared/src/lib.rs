//! Sembrar's domain: the words program officers use, the rules their data must follow, the
//! translations of everything a user reads, and the charts. Pure Rust: no IO, no web framework,
//! so the same rules run on the server and in the browser and are unit-tested here.

pub mod account;
pub mod activity;
pub mod actuals;
pub mod agreement;
pub mod auth;
pub mod baseline;
pub mod baseline_record;
pub mod community;
pub mod computed;
pub mod country;
pub mod crop;
pub mod currency;
pub mod donor;
pub mod draft;
pub mod error;
pub mod field_import;
pub mod format;
pub mod funding;
pub mod funding_agreement;
pub mod fx;
pub mod gender;
pub mod geometry_problem;
pub mod household;
pub mod i18n;
pub mod iati;
pub mod income;
pub mod indicator;
pub mod livelihood;
pub mod mapview;
pub mod organisation;
pub mod outcomes;
pub mod plan_views;
pub mod plot;
pub mod program;
pub mod project;
pub mod protection;
pub mod results;
pub mod safeguard;
pub mod timeline;
pub mod validation;
pub mod visit;

pub use program::ProgramDetail;

#[cfg(feature = "charts")]
pub mod charts;
#[cfg(feature = "charts")]
pub mod funding_chart;
#[cfg(feature = "charts")]
pub mod gantt;
#[cfg(feature = "geometry")]
pub mod geometry;
#[cfg(feature = "iati")]
pub mod iati_read;
#[cfg(feature = "charts")]
pub mod outcome_chart;
#[cfg(feature = "geometry")]
pub mod points;
#[cfg(feature = "charts")]
pub mod transition_chart;
