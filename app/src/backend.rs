//! The operations the pages need, implemented by the server crate (database, rules) and provided
//! to server functions as Leptos context. The REST API calls the same implementation. Every
//! operation receives the [`Caller`] and checks its rights itself.

use crate::error::AppError;
use shared::account::{
    ApiToken, AuditEvent, AuditFilter, CreatedToken, Invitation, NewUserForm, TokenForm,
    UserAccount, UserSummary,
};
use shared::auth::Caller;
use shared::donor::{Donor, DonorForm};
use shared::draft::Draft;
use shared::program::{Program, ProgramDetail, ProgramForm};
use shared::project::{Project, ProjectFilter, ProjectForm, ProjectRights, ProjectSummary};
use std::sync::Arc;

pub mod actuals;
pub mod agreements;
pub mod dashboards;
pub mod donor_reports;
pub mod field_sync;
pub mod funding;
pub mod households;
pub mod imports;
pub mod livelihood;
pub mod outcomes;
pub mod plan;
pub mod plots;
pub mod publishing;
pub mod results;
pub mod timeline;
pub mod visits;

/// Sembrar's operations. Each one checks the caller's rights, then validates its input with the
/// rules in `shared`.
#[async_trait::async_trait]
pub trait Backend:
    plan::PlanBackend
    + timeline::TimelineBackend
    + livelihood::LivelihoodBackend
    + results::ResultsBackend
    + households::HouseholdsBackend
    + plots::PlotsBackend
    + agreements::AgreementsBackend
    + visits::VisitsBackend
    + actuals::ActualsBackend
    + imports::ImportsBackend
    + funding::FundingBackend
    + publishing::PublishingBackend
    + outcomes::OutcomesBackend
    + donor_reports::DonorReportsBackend
    + dashboards::DashboardsBackend
    + field_sync::FieldSyncBackend
    + Send
    + Sync
    + 'static
{
    /// The tile layer the deployment draws under maps, if any (maps need none).
    fn tile_layer(&self) -> Option<shared::mapview::TileLayer>;
    /// The programs the caller may see, by name.
    async fn list_programs(&self, caller: &Caller) -> Result<Vec<Program>, AppError>;
    /// One program with the projects the caller may see.
    async fn get_program(&self, caller: &Caller, id: i64) -> Result<ProgramDetail, AppError>;
    /// Validates and stores a new program in the caller's organisation.
    async fn create_program(&self, caller: &Caller, form: ProgramForm)
    -> Result<Program, AppError>;
    /// One project.
    async fn get_project(&self, caller: &Caller, id: i64) -> Result<Project, AppError>;
    /// Validates and stores a new project in a program; deletes the caller's draft it came from.
    async fn create_project(
        &self,
        caller: &Caller,
        program_id: i64,
        form: ProjectForm,
        draft_id: Option<i64>,
    ) -> Result<Project, AppError>;
    /// Validates and stores changes to a project; deletes the caller's draft they came from.
    async fn update_project(
        &self,
        caller: &Caller,
        id: i64,
        form: ProjectForm,
        draft_id: Option<i64>,
    ) -> Result<Project, AppError>;
    /// What the caller may do with a project.
    async fn project_rights(&self, caller: &Caller, id: i64) -> Result<ProjectRights, AppError>;
    /// The projects the caller may see, across programs, that pass the filter.
    async fn list_projects(
        &self,
        caller: &Caller,
        filter: ProjectFilter,
    ) -> Result<Vec<ProjectSummary>, AppError>;
    /// The donors the caller may list, and whether it may add one.
    async fn list_donors(&self, caller: &Caller) -> Result<(Vec<Donor>, bool), AppError>;
    /// Adds a donor to the caller's organisation.
    async fn create_donor(&self, caller: &Caller, form: DonorForm) -> Result<Donor, AppError>;
    /// Saves a project form as typed: a new draft for a new project of a program or for changes
    /// to a project, or over one of the caller's drafts.
    async fn save_draft(
        &self,
        caller: &Caller,
        program_id: Option<i64>,
        project_id: Option<i64>,
        draft_id: Option<i64>,
        form: ProjectForm,
    ) -> Result<Draft, AppError>;
    /// One of the caller's drafts.
    async fn get_draft(&self, caller: &Caller, id: i64) -> Result<Draft, AppError>;
    /// The caller's drafts, newest first.
    async fn list_drafts(&self, caller: &Caller) -> Result<Vec<Draft>, AppError>;
    /// Deletes one of the caller's drafts.
    async fn delete_draft(&self, caller: &Caller, id: i64) -> Result<(), AppError>;
    /// The communities of a project the caller may see, and whether it may add one.
    async fn project_communities(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<shared::community::ProjectCommunities, AppError>;
    /// A project's area, if set, and whether the caller may change it.
    async fn project_area(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<(Option<shared::project::ProjectArea>, bool), AppError>;
    /// The accounts the caller administers.
    async fn list_users(&self, caller: &Caller) -> Result<Vec<UserSummary>, AppError>;
    /// Creates an account with one role and answers its one-time invitation link.
    async fn create_user(&self, caller: &Caller, form: NewUserForm)
    -> Result<Invitation, AppError>;
    /// A new invitation link for an account (the old one stops working).
    async fn new_invitation(&self, caller: &Caller, user_id: i64) -> Result<Invitation, AppError>;
    /// One account the caller administers: its roles with their ids and its API tokens.
    async fn user_account(&self, caller: &Caller, user_id: i64) -> Result<UserAccount, AppError>;
    /// The email of the account an invitation link is for, while the link still works. Anyone
    /// may ask (the link is the secret).
    async fn invitation_email(&self, token: &str) -> Result<Option<String>, AppError>;
    /// The caller's own API tokens.
    async fn list_tokens(&self, caller: &Caller) -> Result<Vec<ApiToken>, AppError>;
    /// Makes an API token for the caller; its secret is in the answer and nowhere else.
    async fn create_token(
        &self,
        caller: &Caller,
        form: TokenForm,
    ) -> Result<CreatedToken, AppError>;
    /// Revokes one of the caller's tokens.
    async fn revoke_token(&self, caller: &Caller, token_id: i64) -> Result<(), AppError>;
    /// The newest audit events matching a filter.
    async fn list_audit(
        &self,
        caller: &Caller,
        filter: AuditFilter,
    ) -> Result<Vec<AuditEvent>, AppError>;
}

/// The backend as shared between requests.
pub type SharedBackend = Arc<dyn Backend>;

/// The backend provided to this request.
pub fn use_backend() -> Result<SharedBackend, AppError> {
    leptos::prelude::use_context::<SharedBackend>().ok_or_else(|| {
        leptos::logging::error!("no backend in context");
        AppError::Internal
    })
}

/// Who is making this request: the server's authentication layer puts the [`Caller`] in the
/// request's extensions; anonymous when there is none.
pub fn use_caller() -> Caller {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Caller>().cloned())
        .unwrap_or_default()
}

/// The backend and the caller, for a server function.
pub fn backend_and_caller() -> Result<(SharedBackend, Caller), AppError> {
    Ok((use_backend()?, use_caller()))
}

/// Answers a server function's result, with the error's HTTP status on the response (server
/// functions otherwise answer every error with 500).
pub fn answer<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result
        && let (Some(options), Ok(status)) = (
            leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
            http::StatusCode::from_u16(error.status()),
        )
    {
        options.set_status(status);
    }
    result
}
