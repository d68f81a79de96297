//! The planning operations of a project's plan tab: illicit-crop baselines (one figure at a time
//! or imported from a published table) and safeguards with the plan's warnings.

use crate::error::AppError;
use shared::auth::Caller;
use shared::baseline_record::{Baseline, BaselineForm, BaselineImportForm, ImportPreview};
use shared::i18n::Locale;
use shared::safeguard::{Safeguard, SafeguardForm, SafeguardKind, SafeguardWarning};

/// Baselines and safeguards.
#[async_trait::async_trait]
pub trait PlanBackend {
    /// The baseline figures of a project.
    async fn list_baselines(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<Vec<Baseline>, AppError>;
    /// Stores one figure (or replaces the one for the same place, crop, year and source).
    async fn save_baseline(
        &self,
        caller: &Caller,
        project_id: i64,
        form: BaselineForm,
    ) -> Result<Baseline, AppError>;
    /// Deletes one figure.
    async fn delete_baseline(
        &self,
        caller: &Caller,
        project_id: i64,
        id: i64,
    ) -> Result<(), AppError>;
    /// Reads a published table: previews it, or stores it when the form says so (all rows that
    /// can be read, in one transaction; the answer lists every row that cannot).
    async fn import_baselines(
        &self,
        caller: &Caller,
        project_id: i64,
        form: BaselineImportForm,
        locale: Locale,
    ) -> Result<ImportPreview, AppError>;
    /// Every safeguard of a project (kinds not recorded are "not assessed") and the warnings the
    /// plan raises.
    async fn project_safeguards(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<(Vec<Safeguard>, Vec<SafeguardWarning>), AppError>;
    /// Records a safeguard's status and evidence.
    async fn set_safeguard(
        &self,
        caller: &Caller,
        project_id: i64,
        kind: SafeguardKind,
        form: SafeguardForm,
    ) -> Result<Safeguard, AppError>;
}
