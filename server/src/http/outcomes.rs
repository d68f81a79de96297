//! Outcomes and reports over HTTP: outcome series, dashboards and donor reports.

pub mod dashboards;
pub mod donor_reports;
pub mod series;
