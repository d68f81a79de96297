//! Programs and projects over HTTP: the REST API of projects, donors and drafts.

pub mod projects;
