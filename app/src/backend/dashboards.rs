//! Dashboards of a program, a project and a donor, for a period, a region and a donor chosen
//! with filters. A program's or project's needs `view_households` on each project counted (its
//! plots are drawn only for who may also see personal data); a donor's needs `view_funding` of
//! that donor, so a donor viewer reads its own donor's, protected like a donor report.

use crate::error::AppError;
use shared::auth::Caller;
use shared::dashboard::{Dashboard, DashboardQuery};
use shared::i18n::Locale;

/// Dashboards.
#[async_trait::async_trait]
pub trait DashboardsBackend {
    /// A program's dashboard over the projects whose households the caller may see.
    async fn program_dashboard(
        &self,
        caller: &Caller,
        program_id: i64,
        query: &DashboardQuery,
        locale: Locale,
    ) -> Result<Dashboard, AppError>;
    /// A project's dashboard.
    async fn project_dashboard(
        &self,
        caller: &Caller,
        project_id: i64,
        query: &DashboardQuery,
        locale: Locale,
    ) -> Result<Dashboard, AppError>;
    /// A donor's dashboard over the projects it funds.
    async fn donor_dashboard(
        &self,
        caller: &Caller,
        donor_id: i64,
        query: &DashboardQuery,
        locale: Locale,
    ) -> Result<Dashboard, AppError>;
}
