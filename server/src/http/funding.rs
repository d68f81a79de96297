//! Funding over HTTP: exchange rates, funding agreements, tranches and transactions, their files,
//! REST and form posts.

pub mod files;
pub mod rates;
pub mod records;
