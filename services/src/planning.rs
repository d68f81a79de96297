//! Planning: baselines and safeguards, the timeline (components, activities, milestones, budget),
//! the results framework with its actuals, and livelihood plans.

pub(crate) mod actuals;
pub mod db;
pub(crate) mod livelihood;
pub(crate) mod plan;
pub(crate) mod results;
pub(crate) mod timeline;
