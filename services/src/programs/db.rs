//! The database side of programs: queries by aggregate, each on the connection it is given.

pub mod areas;
pub mod communities;
pub mod donors;
pub mod drafts;
pub mod programs;
pub mod projects;
