//! The database side of accounts: queries by aggregate, each on the connection it is given.

pub mod accounts;
pub mod sealed;
pub mod tokens;
