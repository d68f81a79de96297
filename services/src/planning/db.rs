//! The database side of planning: queries by aggregate, each on the connection it is given.

pub mod actuals;
pub mod baselines;
pub mod livelihood;
pub mod results;
pub mod safeguards;
pub mod timeline;
