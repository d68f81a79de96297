//! Monitoring visits and community activity reports. Each operation checks the caller's rights
//! on the household's (or report's) community; a visit's GPS position is answered only to
//! callers who may see personal data there.

use crate::error::AppError;
use shared::activity::{ActivityReport, ProjectReports, ReportForm};
use shared::auth::Caller;
use shared::visit::{Visit, VisitForm};

/// Monitoring visits.
#[async_trait::async_trait]
pub trait VisitsBackend {
    /// Records a monitoring visit to a household, and what it saw growing into the plots'
    /// history. Answers the visit and whether it is new: an entry the device already sent (same
    /// client id) is answered as stored, not stored again.
    async fn record_visit(
        &self,
        caller: &Caller,
        household_id: i64,
        form: VisitForm,
    ) -> Result<(Visit, bool), AppError>;
    /// One visit.
    async fn visit(&self, caller: &Caller, id: i64) -> Result<Visit, AppError>;
    /// A new entry id for a visit form (128 random bits as 32 hexadecimal digits): the form
    /// sends it with the visit, so a form sent twice stores one visit.
    fn new_entry_id(&self) -> String;
    /// The activity reports of a project's communities that the caller may see, with their
    /// attendance added up.
    async fn project_reports(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<ProjectReports, AppError>;
    /// Records an activity report in one of a project's communities.
    async fn record_report(
        &self,
        caller: &Caller,
        project_id: i64,
        form: ReportForm,
    ) -> Result<ActivityReport, AppError>;
    /// One report.
    async fn report(&self, caller: &Caller, id: i64) -> Result<ActivityReport, AppError>;
}
