//! Indicator actuals and their approval workflow. Entering and submitting needs
//! `enter_actuals` on the project; approving and returning needs `approve_actuals`.

use crate::error::AppError;
use shared::actuals::{Actual, ActualForm, IndicatorActuals, StepForm};
use shared::auth::Caller;
use shared::computed::ComputedActual;
use shared::i18n::Locale;

/// Actuals.
#[async_trait::async_trait]
pub trait ActualsBackend {
    /// An indicator's periods and every revision of its actuals.
    async fn indicator_actuals(
        &self,
        caller: &Caller,
        project_id: i64,
        indicator_id: i64,
    ) -> Result<IndicatorActuals, AppError>;
    /// A period's actual worked out from the project's records, for an indicator the records
    /// define (see [`shared::computed`]): offered as a draft, stored only when saved. Needs
    /// `enter_actuals`; answers `not_computed` for other indicators and `unknown_period` for a
    /// period the indicator does not report.
    async fn computed_actual(
        &self,
        caller: &Caller,
        project_id: i64,
        indicator_id: i64,
        period: &str,
        locale: Locale,
    ) -> Result<ComputedActual, AppError>;
    /// Saves a period's actual as a draft: a new one, or the draft or returned revision
    /// changed. An approved period is locked (start a revision); a submitted one waits.
    async fn save_actual(
        &self,
        caller: &Caller,
        project_id: i64,
        indicator_id: i64,
        form: ActualForm,
    ) -> Result<Actual, AppError>;
    /// Takes a workflow step on an actual: submit, approve, return (with a comment) or revise
    /// (a new draft revision of an approved period).
    async fn actual_step(
        &self,
        caller: &Caller,
        project_id: i64,
        actual_id: i64,
        form: StepForm,
    ) -> Result<Actual, AppError>;
}
