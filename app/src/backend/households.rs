//! The household registry: register households, change them and their status, list them. Each
//! operation checks the caller's rights on the household's community; names and phone numbers
//! are answered only to callers who may see personal data there.

use crate::error::AppError;
use shared::auth::Caller;
use shared::gender::GenderView;
use shared::household::{
    Household, HouseholdDetail, HouseholdFilter, HouseholdForm, HouseholdRegistry, HouseholdView,
    StatusForm,
};

/// The household registry.
#[async_trait::async_trait]
pub trait HouseholdsBackend {
    /// The households of a project the caller may see.
    async fn household_registry(
        &self,
        caller: &Caller,
        project_id: i64,
        filter: HouseholdFilter,
    ) -> Result<HouseholdRegistry, AppError>;
    /// One household with its history.
    async fn household(&self, caller: &Caller, id: i64) -> Result<HouseholdView, AppError>;
    /// Registers a household in one of the project's communities, with a new code.
    async fn register_household(
        &self,
        caller: &Caller,
        project_id: i64,
        form: HouseholdForm,
    ) -> Result<Household, AppError>;
    /// Changes a household's facts.
    async fn update_household(
        &self,
        caller: &Caller,
        id: i64,
        form: HouseholdForm,
    ) -> Result<Household, AppError>;
    /// Records a change of a household's status.
    async fn change_household_status(
        &self,
        caller: &Caller,
        id: i64,
        form: StatusForm,
    ) -> Result<HouseholdDetail, AppError>;
    /// The gender view of a project's households that the caller may see.
    async fn project_gender(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<GenderView, AppError>;
    /// The gender view of a program: its projects whose households the caller may see.
    async fn program_gender(
        &self,
        caller: &Caller,
        program_id: i64,
    ) -> Result<GenderView, AppError>;
}
