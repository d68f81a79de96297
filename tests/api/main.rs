//! API tests: the real `sembrar` binary over HTTP, one fresh server and database per test, on
//! SQLite or PostgreSQL (`SEMBRAR_TEST_DATABASE`).

mod access;
mod accounts;
mod areas;
mod communities;
mod errors;
mod forms;
mod health;
mod openapi;
mod pages;
mod programs;
mod projects;
