//! Outcomes over time for the dashboards, worked out from the field records: a project's or a
//! program's illicit and licit hectares and its eradication agreements, quarter by quarter.
//! Reading them needs `view_households` on the whole project (for a program: on each project
//! counted).

use crate::error::AppError;
use shared::auth::Caller;
use shared::outcomes::OutcomeSeries;

/// Outcomes.
#[async_trait::async_trait]
pub trait OutcomesBackend {
    /// A project's series, from its start to today (or its end).
    async fn project_outcomes(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<OutcomeSeries, AppError>;
    /// A program's series over the projects whose households the caller may see.
    async fn program_outcomes(
        &self,
        caller: &Caller,
        program_id: i64,
    ) -> Result<OutcomeSeries, AppError>;
}
