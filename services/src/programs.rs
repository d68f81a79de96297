//! Programs and projects: programs, projects and their drafts, donors, communities and project
//! areas.

pub mod db;
pub(crate) mod operations;
pub(crate) mod projects;
