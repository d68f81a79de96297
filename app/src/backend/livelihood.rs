//! The operations on livelihood plans: the value chains households take up, their income
//! transition, and the bridging support it needs, offered as budget lines.

use crate::error::AppError;
use shared::auth::Caller;
use shared::livelihood::{LivelihoodPlan, LivelihoodPlanForm};
use shared::timeline::BudgetLine;

/// Livelihood plans.
#[async_trait::async_trait]
pub trait LivelihoodBackend {
    /// The livelihood plans of a project.
    async fn list_livelihood_plans(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<Vec<LivelihoodPlan>, AppError>;
    /// One livelihood plan.
    async fn get_livelihood_plan(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<LivelihoodPlan, AppError>;
    /// Adds a plan (`id` `None`) or changes one.
    async fn save_livelihood_plan(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: LivelihoodPlanForm,
    ) -> Result<LivelihoodPlan, AppError>;
    /// Adds the plan's bridging support to the project's budget, one line per year (replacing
    /// lines made from this plan before); answers the lines.
    async fn budget_bridging_support(
        &self,
        caller: &Caller,
        project_id: i64,
        plan_id: i64,
        component_id: Option<i64>,
    ) -> Result<Vec<BudgetLine>, AppError>;
}
