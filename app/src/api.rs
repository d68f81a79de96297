//! Server functions, grouped by domain. Each body runs on the server and calls the services.

pub mod account;
pub mod agreements;
pub mod dashboards;
pub mod donor_reports;
pub mod funding;
pub mod households;
pub mod imports;
pub mod planning;
pub mod plots;
pub mod programs;
pub mod projects;
pub mod publishing;
pub mod reports;
pub mod visits;
