//! Projects beyond their creation: editing, the list across programs with filters, donors, and
//! drafts of the project form.

use crate::Error;
use crate::audit::{self, Event};
use crate::db;
use crate::service::{Services, authorize, json, program_place, project_place, signed_in};
use shared::auth::{Action, Caller, Place};
use shared::donor::{Donor, DonorForm};
use shared::draft::{Draft, DraftKind, check_draft};
use shared::project::{NewProject, Project, ProjectFilter, ProjectForm, ProjectSummary};
use shared::validation::{FieldError, Problem};

impl Services {
    /// Checks that the donors a project names are in the list of its organisation.
    pub(crate) async fn check_donors(
        &self,
        organisation: Option<i64>,
        project: &NewProject,
    ) -> Result<(), Error> {
        for id in &project.donors {
            match db::donors::get(&mut *self.db.conn().await?, *id).await {
                Ok(donor) if Some(donor.organisation_id) == organisation => {}
                Ok(_) | Err(Error::NotFound) => {
                    return Err(Error::Invalid(vec![FieldError::new(
                        "donors",
                        Problem::UnknownReference,
                    )]));
                }
                Err(other) => return Err(other),
            }
        }
        Ok(())
    }

    /// Changes a project's facts, crops, status, currency and donors.
    pub(crate) async fn change_project(
        &self,
        caller: &Caller,
        id: i64,
        form: ProjectForm,
    ) -> Result<Project, Error> {
        signed_in(caller)?;
        let old = db::projects::get(&mut *self.db.conn().await?, id).await?;
        let place = project_place(&old);
        if !self.sees_project(caller, &place).await? {
            return Err(Error::Forbidden);
        }
        authorize(caller, Action::EditProject, &place)?;
        let project = form.validate().map_err(Error::Invalid)?;
        self.check_donors(old.organisation_id, &project).await?;
        let mut tx = self.db.begin().await?;
        db::projects::update(&mut tx, id, &project).await?;
        let new = db::projects::get(&mut tx, id).await?;
        audit::record(
            &mut tx,
            caller,
            "",
            Event {
                action: "update",
                entity_type: "project",
                entity_id: Some(id.to_string()),
                summary: format!("Project “{}” changed", new.name),
                old_value: json(&old),
                new_value: json(&new),
                place,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(new)
    }

    /// The projects the caller may see, across programs, that pass `filter`.
    pub async fn list_projects(
        &self,
        caller: &Caller,
        filter: &ProjectFilter,
    ) -> Result<Vec<ProjectSummary>, Error> {
        let visible: std::collections::HashSet<i64> = self
            .visible_programs(caller)
            .await?
            .into_iter()
            .flat_map(|(_, projects)| projects)
            .collect();
        Ok(db::projects::list_all(&mut *self.db.conn().await?)
            .await?
            .into_iter()
            .filter(|p| visible.contains(&p.id) && filter.matches(p))
            .collect())
    }

    /// The donors the caller may list: its organisation's (every organisation's for a global
    /// administrator); a donor viewer sees only the donors of the projects it may see.
    pub(crate) async fn visible_donors(&self, caller: &Caller) -> Result<Vec<Donor>, Error> {
        signed_in(caller)?;
        if caller.may(Action::ManageDonors, &Place::default()) {
            return db::donors::list(&mut *self.db.conn().await?, None).await;
        }
        let organisation = caller.organisation_id.ok_or(Error::Forbidden)?;
        let donors = db::donors::list(&mut *self.db.conn().await?, Some(organisation)).await?;
        if caller.may(Action::ViewProgram, &Place::organisation(organisation)) {
            return Ok(donors);
        }
        let seen: std::collections::HashSet<i64> = self
            .list_projects(caller, &ProjectFilter::default())
            .await?
            .into_iter()
            .flat_map(|p| p.donors.into_iter().map(|d| d.id))
            .collect();
        Ok(donors
            .into_iter()
            .filter(|d| seen.contains(&d.id))
            .collect())
    }

    /// Adds a donor to the caller's organisation.
    pub async fn create_donor(&self, caller: &Caller, form: DonorForm) -> Result<Donor, Error> {
        signed_in(caller)?;
        let organisation = caller.organisation_id.ok_or(Error::Forbidden)?;
        authorize(
            caller,
            Action::ManageDonors,
            &Place::organisation(organisation),
        )?;
        let new = form.validate().map_err(Error::Invalid)?;
        let mut tx = self.db.begin().await?;
        let id = db::donors::insert(&mut tx, organisation, &new, false).await?;
        let donor = db::donors::get(&mut tx, id).await?;
        audit::record(
            &mut tx,
            caller,
            "",
            Event {
                action: "create",
                entity_type: "donor",
                entity_id: Some(id.to_string()),
                summary: format!("Donor “{}” added", donor.name),
                old_value: None,
                new_value: json(&donor),
                place: Place::organisation(organisation),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(donor)
    }

    /// Where a new draft of a project of `program_id` (or a draft of changes to `project_id`)
    /// sits, after checking that the caller may make that project.
    async fn draft_place(
        &self,
        caller: &Caller,
        program_id: i64,
        project_id: Option<i64>,
    ) -> Result<(), Error> {
        match project_id {
            Some(project_id) => {
                let project = db::projects::get(&mut *self.db.conn().await?, project_id).await?;
                let place = project_place(&project);
                if !self.sees_project(caller, &place).await? {
                    return Err(Error::Forbidden);
                }
                authorize(caller, Action::EditProject, &place)
            }
            None => {
                let program = db::programs::get(&mut *self.db.conn().await?, program_id).await?;
                authorize(caller, Action::CreateProject, &program_place(&program))
            }
        }
    }

    /// Saves a project form as a draft, as typed: a new draft (`draft_id` `None`) for a new
    /// project of `program_id` or for changes to `project_id`, or over one of the caller's
    /// drafts. Only sizes are checked; nothing typed is lost.
    pub async fn save_draft(
        &self,
        caller: &Caller,
        program_id: Option<i64>,
        project_id: Option<i64>,
        draft_id: Option<i64>,
        form: ProjectForm,
    ) -> Result<Draft, Error> {
        let user = signed_in(caller)?;
        check_draft(&form).map_err(Error::Invalid)?;
        let id = match draft_id {
            Some(id) => {
                let draft = db::drafts::get(&mut *self.db.conn().await?, user, id).await?;
                self.draft_place(caller, draft.program_id, draft.project_id)
                    .await?;
                db::drafts::update(&mut *self.db.conn().await?, user, id, &form).await?;
                id
            }
            None => {
                let program_id = match (program_id, project_id) {
                    (_, Some(project)) => {
                        db::projects::get(&mut *self.db.conn().await?, project)
                            .await?
                            .program_id
                    }
                    (Some(program), None) => program,
                    (None, None) => return Err(Error::NotFound),
                };
                self.draft_place(caller, program_id, project_id).await?;
                let kind = if project_id.is_some() {
                    DraftKind::EditProject
                } else {
                    DraftKind::NewProject
                };
                db::drafts::insert(
                    &mut *self.db.conn().await?,
                    user,
                    kind,
                    program_id,
                    project_id,
                    &form,
                )
                .await?
            }
        };
        db::drafts::get(&mut *self.db.conn().await?, user, id).await
    }

    /// The caller's drafts, newest first.
    pub async fn list_drafts(&self, caller: &Caller) -> Result<Vec<Draft>, Error> {
        db::drafts::list(&mut *self.db.conn().await?, signed_in(caller)?).await
    }

    /// One of the caller's drafts (`NotFound` for anyone else's).
    pub async fn get_draft(&self, caller: &Caller, id: i64) -> Result<Draft, Error> {
        db::drafts::get(&mut *self.db.conn().await?, signed_in(caller)?, id).await
    }

    /// Deletes one of the caller's drafts.
    pub async fn delete_draft(&self, caller: &Caller, id: i64) -> Result<(), Error> {
        db::drafts::delete(&mut *self.db.conn().await?, signed_in(caller)?, id).await
    }

    /// Deletes a draft once the project it was for has been saved; a draft already gone is no
    /// error (another tab may have finished it).
    pub(crate) async fn finish_draft(&self, caller: &Caller, draft_id: Option<i64>) {
        if let (Some(user), Some(id)) = (caller.user_id, draft_id)
            && let Err(error) =
                async { db::drafts::delete(&mut *self.db.conn().await?, user, id).await }.await
            && error != Error::NotFound
        {
            tracing::warn!(
                draft_id = id,
                ?error,
                "a finished draft could not be deleted"
            );
        }
    }
}
