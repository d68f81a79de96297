//! Accounts over HTTP: the REST API of users, tokens and the audit trail, and the plain form posts
//! of the account pages.

pub mod forms;
pub mod rest;
