//! Outcomes and reports: outcome series, dashboards and donor reports.

pub(crate) mod dashboards;
pub mod db;
pub(crate) mod donor_reports;
pub(crate) mod series;
