//! Publishing: the organisation's publishing settings and its IATI 2.03 files. Reading the
//! settings needs an account of the organisation, changing them `manage_users` on it
//! (administrators); making an IATI file `publish_reports` on each project it holds.

use crate::error::AppError;
use shared::auth::Caller;
use shared::i18n::Locale;
use shared::iati::{IatiImportOptions, IatiImportReport, IatiPreview};
use shared::organisation::{Organisation, OrganisationForm};

/// Publishing.
#[async_trait::async_trait]
pub trait PublishingBackend {
    /// The caller's organisation, with whether the caller may change its settings.
    async fn organisation(&self, caller: &Caller) -> Result<Organisation, AppError>;
    /// Validates and stores the caller's organisation's publishing settings.
    async fn update_organisation(
        &self,
        caller: &Caller,
        form: OrganisationForm,
    ) -> Result<Organisation, AppError>;
    /// What a program's IATI file will hold: the projects the caller may publish, and what
    /// is left out.
    async fn iati_preview(&self, caller: &Caller, program_id: i64)
    -> Result<IatiPreview, AppError>;
    /// A program's IATI 2.03 activity file (texts in `locale`), or why it cannot be made.
    async fn iati_file(
        &self,
        caller: &Caller,
        program_id: i64,
        locale: Locale,
    ) -> Result<String, AppError>;
    /// Imports an IATI activities file into a program: projects created or updated (by their
    /// IATI identifier; new ones with the crops of `options`), donors, budget lines, transactions, results,
    /// indicators, targets and actuals; what could not be mapped comes back with its line.
    async fn import_iati(
        &self,
        caller: &Caller,
        program_id: i64,
        xml: &str,
        options: &IatiImportOptions,
        locale: Locale,
    ) -> Result<IatiImportReport, AppError>;
}
