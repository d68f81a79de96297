//! The one implementation of every operation, used by the server functions (through the
//! [`Backend`] trait) and by the REST API alike: validation with the rules in `shared`, then the
//! database.

use crate::db::{self, Db};
use app::backend::Backend;
use app::error::AppError;
use shared::program::{Program, ProgramDetail, ProgramForm};
use shared::project::{Project, ProjectForm};

/// Sembrar's operations over a database.
#[derive(Clone, Debug)]
pub struct Services {
    /// The database.
    pub db: Db,
}

#[async_trait::async_trait]
impl Backend for Services {
    async fn list_programs(&self) -> Result<Vec<Program>, AppError> {
        db::programs::list(&self.db).await
    }

    async fn get_program(&self, id: i64) -> Result<ProgramDetail, AppError> {
        let program = db::programs::get(&self.db, id).await?;
        let projects = db::projects::list_for_program(&self.db, id).await?;
        Ok(ProgramDetail { program, projects })
    }

    async fn create_program(&self, form: ProgramForm) -> Result<Program, AppError> {
        let program = form.validate().map_err(AppError::Invalid)?;
        let id = db::programs::insert(&self.db, &program, false).await?;
        tracing::info!(program_id = id, "program created");
        db::programs::get(&self.db, id).await
    }

    async fn get_project(&self, id: i64) -> Result<Project, AppError> {
        db::projects::get(&self.db, id).await
    }

    async fn create_project(
        &self,
        program_id: i64,
        form: ProjectForm,
    ) -> Result<Project, AppError> {
        // The program must exist before the form is worth checking.
        db::programs::get(&self.db, program_id).await?;
        let project = form.validate().map_err(AppError::Invalid)?;
        let id = db::projects::insert(&self.db, program_id, &project).await?;
        tracing::info!(program_id, project_id = id, "project created");
        db::projects::get(&self.db, id).await
    }
}
