//! API tests: the real `sembrar` binary over HTTP, one fresh server and database per test, on
//! SQLite or PostgreSQL (`SEMBRAR_TEST_DATABASE`).

mod access;
mod accounts;
mod actuals;
mod agreements;
mod areas;
mod baselines;
mod command_line;
mod communities;
mod dashboards;
mod demo_places;
mod donor_reports;
mod errors;
mod field_sync;
mod forms;
mod funding;
mod funding_agreements;
mod gender;
mod health;
mod households;
mod iati;
mod imports;
mod livelihood;
mod openapi;
mod outcomes;
mod pages;
mod plan_forms;
mod plots;
mod programs;
mod project_editing;
mod projects;
mod results;
mod safeguards;
mod timeline;
mod visits;
