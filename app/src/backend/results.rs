//! The operations on a project's results framework: goal, outcomes and outputs, their indicators
//! and the indicators' targets per reporting period.

use crate::error::AppError;
use shared::auth::Caller;
use shared::results::{
    Indicator, IndicatorForm, ResultForm, ResultNode, ResultsFramework, TargetsForm,
};

/// The results framework.
#[async_trait::async_trait]
pub trait ResultsBackend {
    /// A project's results and indicators.
    async fn results_framework(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<ResultsFramework, AppError>;
    /// Adds a result (`id` `None`) or changes one.
    async fn save_result(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: ResultForm,
    ) -> Result<ResultNode, AppError>;
    /// Adds an indicator (`id` `None`) or changes one.
    async fn save_indicator(
        &self,
        caller: &Caller,
        project_id: i64,
        id: Option<i64>,
        form: IndicatorForm,
    ) -> Result<Indicator, AppError>;
    /// Replaces an indicator's targets.
    async fn set_targets(
        &self,
        caller: &Caller,
        project_id: i64,
        indicator_id: i64,
        form: TargetsForm,
    ) -> Result<Indicator, AppError>;
    /// Deletes a result with nothing under it (its outputs and indicators are deleted first;
    /// [`shared::validation::Problem::NotEmpty`] otherwise).
    async fn delete_result(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), AppError>;
    /// Deletes an indicator with its targets.
    async fn delete_indicator(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), AppError>;
}
