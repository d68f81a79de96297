//! The database side of outcomes: queries by aggregate, each on the connection it is given.

pub mod donor_reports;
