//! Eradication agreements, their verification, and the support delivered to households. Each
//! operation checks the caller's rights on the household's community.

use crate::error::AppError;
use shared::agreement::{
    Agreement, AgreementForm, AgreementView, ProjectAgreements, Support, SupportForm,
    VerificationForm,
};
use shared::auth::Caller;

/// Agreements and support.
#[async_trait::async_trait]
pub trait AgreementsBackend {
    /// The agreements of a project's households that the caller may see, with their figures.
    async fn project_agreements(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<ProjectAgreements, AppError>;
    /// One agreement with its verifications and the household's support.
    async fn agreement(&self, caller: &Caller, id: i64) -> Result<AgreementView, AppError>;
    /// Records an agreement a household signed.
    async fn sign_agreement(
        &self,
        caller: &Caller,
        household_id: i64,
        form: AgreementForm,
    ) -> Result<Agreement, AppError>;
    /// Records a verification visit of an agreement.
    async fn record_verification(
        &self,
        caller: &Caller,
        id: i64,
        form: VerificationForm,
    ) -> Result<AgreementView, AppError>;
    /// Records support delivered to a household.
    async fn record_support(
        &self,
        caller: &Caller,
        household_id: i64,
        form: SupportForm,
    ) -> Result<Support, AppError>;
}
