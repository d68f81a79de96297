//! The one implementation of every operation, used by the server functions (through the
//! [`Backend`] trait) and by the REST API alike: the caller's rights are checked first (here,
//! with the one rule in `shared::auth`), then the input is validated with the rules in `shared`,
//! then the database is used and the change recorded in the audit trail.

use crate::audit::{self, Event};
use crate::db::{self, Db};
use app::backend::Backend;
use app::error::AppError;
use shared::auth::{Action, Caller, Place};
use shared::program::{Program, ProgramDetail, ProgramForm};
use shared::project::{Project, ProjectForm};

/// Sembrar's operations over a database.
#[derive(Clone, Debug)]
pub struct Services {
    /// The database.
    pub db: Db,
}

/// The one place where rights are checked: nobody signed in is `Unauthorized`, a caller without
/// the right is `Forbidden`.
pub fn authorize(caller: &Caller, action: Action, place: &Place) -> Result<(), AppError> {
    if !caller.is_signed_in() {
        Err(AppError::Unauthorized)
    } else if caller.may(action, place) {
        Ok(())
    } else {
        tracing::info!(user = ?caller.user_id, ?action, ?place, "forbidden");
        Err(AppError::Forbidden)
    }
}

fn program_place(program: &Program) -> Place {
    Place {
        organisation: program.organisation_id,
        program: Some(program.id),
        project: None,
    }
}

fn project_place(project: &Project) -> Place {
    Place {
        organisation: project.organisation_id,
        program: Some(project.program_id),
        project: Some(project.id),
    }
}

fn json<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

impl Services {
    /// The projects of each program, for deciding what a reader may see.
    async fn visible_programs(
        &self,
        caller: &Caller,
    ) -> Result<Vec<(Program, Vec<i64>)>, AppError> {
        if !caller.is_signed_in() {
            return Err(AppError::Unauthorized);
        }
        let pairs = db::programs::project_ids_by_program(&self.db).await?;
        let mut visible = Vec::new();
        for mut program in db::programs::list(&self.db).await? {
            let place = program_place(&program);
            let projects: Vec<i64> = pairs
                .iter()
                .filter(|(program_id, _)| *program_id == program.id)
                .map(|(_, project)| *project)
                .collect();
            if !caller.reaches(Action::ViewProgram, &place, &projects) {
                continue;
            }
            let seen: Vec<i64> = projects
                .into_iter()
                .filter(|p| {
                    caller.may(
                        Action::ViewProject,
                        &Place {
                            project: Some(*p),
                            ..place
                        },
                    )
                })
                .collect();
            program.project_count = i64::try_from(seen.len()).unwrap_or(i64::MAX);
            visible.push((program, seen));
        }
        Ok(visible)
    }
}

#[async_trait::async_trait]
impl Backend for Services {
    async fn list_programs(&self, caller: &Caller) -> Result<Vec<Program>, AppError> {
        Ok(self
            .visible_programs(caller)
            .await?
            .into_iter()
            .map(|(p, _)| p)
            .collect())
    }

    async fn get_program(&self, caller: &Caller, id: i64) -> Result<ProgramDetail, AppError> {
        if !caller.is_signed_in() {
            return Err(AppError::Unauthorized);
        }
        let program = db::programs::get(&self.db, id).await?;
        let place = program_place(&program);
        let all = db::projects::list_for_program(&self.db, id).await?;
        let ids: Vec<i64> = all.iter().map(|p| p.id).collect();
        if !caller.reaches(Action::ViewProgram, &place, &ids) {
            return Err(AppError::Forbidden);
        }
        let projects: Vec<_> = all
            .into_iter()
            .filter(|p| {
                caller.may(
                    Action::ViewProject,
                    &Place {
                        project: Some(p.id),
                        ..place
                    },
                )
            })
            .collect();
        let mut program = program;
        program.project_count = i64::try_from(projects.len()).unwrap_or(i64::MAX);
        Ok(ProgramDetail {
            can_create_project: caller.may(Action::CreateProject, &place),
            program,
            projects,
        })
    }

    async fn create_program(
        &self,
        caller: &Caller,
        form: ProgramForm,
    ) -> Result<Program, AppError> {
        let organisation = caller.organisation_id.ok_or(if caller.is_signed_in() {
            AppError::Forbidden
        } else {
            AppError::Unauthorized
        })?;
        authorize(
            caller,
            Action::CreateProgram,
            &Place::organisation(organisation),
        )?;
        let program = form.validate().map_err(AppError::Invalid)?;
        let id = db::programs::insert(&self.db, organisation, &program, false).await?;
        let created = db::programs::get(&self.db, id).await?;
        audit::record(
            &self.db,
            caller,
            "",
            Event {
                action: "create",
                entity_type: "program",
                entity_id: Some(id.to_string()),
                summary: format!("Program “{}” created", created.name),
                old_value: None,
                new_value: json(&created),
            },
        )
        .await?;
        tracing::info!(program_id = id, "program created");
        Ok(created)
    }

    async fn get_project(&self, caller: &Caller, id: i64) -> Result<Project, AppError> {
        if !caller.is_signed_in() {
            return Err(AppError::Unauthorized);
        }
        let project = db::projects::get(&self.db, id).await?;
        authorize(caller, Action::ViewProject, &project_place(&project))?;
        Ok(project)
    }

    async fn create_project(
        &self,
        caller: &Caller,
        program_id: i64,
        form: ProjectForm,
    ) -> Result<Project, AppError> {
        if !caller.is_signed_in() {
            return Err(AppError::Unauthorized);
        }
        let program = db::programs::get(&self.db, program_id).await?;
        authorize(caller, Action::CreateProject, &program_place(&program))?;
        let project = form.validate().map_err(AppError::Invalid)?;
        let id = db::projects::insert(&self.db, program_id, &project).await?;
        let created = db::projects::get(&self.db, id).await?;
        audit::record(
            &self.db,
            caller,
            "",
            Event {
                action: "create",
                entity_type: "project",
                entity_id: Some(id.to_string()),
                summary: format!(
                    "Project “{}” created in program “{}”",
                    created.name, program.name
                ),
                old_value: None,
                new_value: json(&created),
            },
        )
        .await?;
        tracing::info!(program_id, project_id = id, "project created");
        Ok(created)
    }
}
