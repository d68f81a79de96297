//! The operations of a project's timeline tab: components, activities, milestones and budget
//! lines.

use crate::error::AppError;
use shared::auth::Caller;
use shared::timeline::{
    Activity, ActivityForm, BudgetLine, BudgetLineForm, Component, ComponentForm, Milestone,
    MilestoneForm, Timeline,
};

/// Components, activities, milestones and budget lines.
#[async_trait::async_trait]
pub trait TimelineBackend {
    /// A project's components with their activities, its milestones and budget lines.
    async fn project_timeline(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<Timeline, AppError>;
    /// Adds a component (`id` `None`) or changes one.
    async fn save_component(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: ComponentForm,
    ) -> Result<Component, AppError>;
    /// Deletes a component with its activities (its milestones and budget lines stay, under no
    /// component).
    async fn delete_component(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), AppError>;
    /// Adds an activity (`id` `None`) or changes one.
    async fn save_activity(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: ActivityForm,
    ) -> Result<Activity, AppError>;
    /// Deletes an activity.
    async fn delete_activity(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), AppError>;
    /// Adds a milestone (`id` `None`) or changes one.
    async fn save_milestone(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: MilestoneForm,
    ) -> Result<Milestone, AppError>;
    /// Deletes a milestone.
    async fn delete_milestone(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), AppError>;
    /// Adds a budget line (`id` `None`) or changes one.
    async fn save_budget_line(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: BudgetLineForm,
    ) -> Result<BudgetLine, AppError>;
    /// Deletes a budget line.
    async fn delete_budget_line(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), AppError>;
}
