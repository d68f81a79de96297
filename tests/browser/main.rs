//! Browser tests: the real `sembrar` binary driven through headless Chromium, with JavaScript on
//! (the hydrated app) and off (plain links and forms).

mod accounts;
mod donor_reports;
mod exchange_rates;
mod funding;
mod harness;
mod households;
mod imports;
mod language;
mod offline;
mod outcomes;
mod project_creation;
mod project_planning;
mod project_validation;
mod publishing;
mod support;
