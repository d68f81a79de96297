//! The database side of funding: queries by aggregate, each on the connection it is given.

pub mod funding;
pub mod rates;
