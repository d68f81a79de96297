//! Planning over HTTP: the REST API of a project's plan (baselines, safeguards, timeline,
//! livelihood plans, results framework, actuals) and the plain form posts of its tabs.

pub mod actuals;
pub mod forms;
pub mod livelihood;
pub mod rest;
pub mod results;
