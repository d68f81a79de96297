//! The database side of households: queries by aggregate, each on the connection it is given.

pub mod activity;
pub mod agreements;
pub mod digests;
pub mod households;
pub mod imports;
pub mod plots;
pub mod records;
pub mod visits;
