//! Households and monitoring over HTTP: the REST API of the registry, plots, visits, agreements,
//! the offline field sync and imports, and the plain form posts of their pages.

pub mod agreements;
pub mod field_sync;
pub mod forms;
pub mod imports;
pub mod plots;
pub mod rest;
pub mod visits;
