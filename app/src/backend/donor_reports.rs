//! Donor reports: made for a donor, one of its agreements or a set of projects and a period by
//! who may publish reports of every project covered (`publish_reports`); their narratives are
//! written and saved with them; once issued they are kept as issued. A donor's viewers read the
//! issued reports made for their donor.

use crate::error::AppError;
use shared::auth::Caller;
use shared::donor_report::{NarrativesForm, ReportChoices, ReportForm, ReportList, SavedReport};

/// Donor reports.
#[async_trait::async_trait]
pub trait DonorReportsBackend {
    /// What the new-report form offers: the donors, agreements and projects the caller may
    /// report on.
    async fn report_choices(&self, caller: &Caller) -> Result<ReportChoices, AppError>;
    /// The saved reports the caller may read, newest first.
    async fn list_reports(&self, caller: &Caller) -> Result<ReportList, AppError>;
    /// Validates and saves a new draft report; its id.
    async fn create_report(&self, caller: &Caller, form: ReportForm) -> Result<i64, AppError>;
    /// A saved report: a draft worked out now, an issued one as issued.
    async fn get_report(&self, caller: &Caller, id: i64) -> Result<SavedReport, AppError>;
    /// A saved report to be written out as a file in `format` (recorded in the audit trail).
    async fn export_report(
        &self,
        caller: &Caller,
        id: i64,
        format: &str,
    ) -> Result<SavedReport, AppError>;
    /// Saves a draft's narratives.
    async fn save_narratives(
        &self,
        caller: &Caller,
        id: i64,
        form: NarrativesForm,
    ) -> Result<SavedReport, AppError>;
    /// Issues a draft: from now on it reopens exactly as it is.
    async fn issue_report(&self, caller: &Caller, id: i64) -> Result<SavedReport, AppError>;
}
