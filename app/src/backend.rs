//! The operations the pages need, implemented by the server crate (database, rules) and provided
//! to server functions as Leptos context. The REST API calls the same implementation.

use crate::error::AppError;
use shared::program::{Program, ProgramDetail, ProgramForm};
use shared::project::{Project, ProjectForm};
use std::sync::Arc;

/// Sembrar's operations. Each one validates its input with the rules in `shared`.
#[async_trait::async_trait]
pub trait Backend: Send + Sync + 'static {
    /// Every program, by name.
    async fn list_programs(&self) -> Result<Vec<Program>, AppError>;
    /// One program with its projects.
    async fn get_program(&self, id: i64) -> Result<ProgramDetail, AppError>;
    /// Validates and stores a new program.
    async fn create_program(&self, form: ProgramForm) -> Result<Program, AppError>;
    /// One project.
    async fn get_project(&self, id: i64) -> Result<Project, AppError>;
    /// Validates and stores a new project in a program.
    async fn create_project(&self, program_id: i64, form: ProjectForm)
    -> Result<Project, AppError>;
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
