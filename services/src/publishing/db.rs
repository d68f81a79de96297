//! The database side of publishing: queries by aggregate, each on the connection it is given.

pub mod organisations;
