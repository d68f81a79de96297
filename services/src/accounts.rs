//! Accounts: users and their roles, invitations, passwords, API tokens, the audit trail, and the
//! sealing of personal data.

pub mod audit;
pub mod auth;
pub mod db;
pub(crate) mod operations;
pub mod sealing;
