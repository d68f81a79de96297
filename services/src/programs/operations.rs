//! Programs, projects and their places: programs, the projects in them and what a caller may do
//! with each, donors, communities (typed or imported) and project areas.

use crate::Error;
use crate::audit::{self, Event};
use crate::db::{self};
use crate::service::*;
use shared::auth::{Action, Caller, Place};
use shared::community::{Community, CommunityForm};
use shared::donor::Donor;
use shared::program::{Program, ProgramDetail, ProgramForm};
use shared::project::{Project, ProjectForm, ProjectRights};
use shared::validation::{FieldError, Problem};

impl Services {
    /// Where a community sits.
    pub(crate) async fn community_place(&self, community: &Community) -> Result<Place, Error> {
        let project = db::accounts::place_of(
            &mut *self.db.conn().await?,
            None,
            Some(community.project_id),
        )
        .await?
        .ok_or(Error::NotFound)?;
        Ok(project.with_community(community.id))
    }

    /// The communities of a project that the caller may see.
    pub async fn list_communities(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<Vec<Community>, Error> {
        signed_in(caller)?;
        let project = db::projects::get(&mut *self.db.conn().await?, project_id).await?;
        let place = project_place(&project);
        if !self.sees_project(caller, &place).await? {
            return Err(Error::Forbidden);
        }
        let area = db::areas::get(&mut *self.db.conn().await?, project_id)
            .await?
            .and_then(|a| shared::geometry::Area::from_stored(&a.geometry.to_string()));
        Ok(
            db::communities::list_for_project(&mut *self.db.conn().await?, project_id)
                .await?
                .into_iter()
                .filter(|c| caller.may(Action::ViewCommunity, &place.with_community(c.id)))
                .map(|c| with_area_flag(c, area.as_ref()))
                .collect(),
        )
    }

    /// One community.
    pub async fn get_community(&self, caller: &Caller, id: i64) -> Result<Community, Error> {
        signed_in(caller)?;
        let community = db::communities::get(&mut *self.db.conn().await?, id).await?;
        authorize(
            caller,
            Action::ViewCommunity,
            &self.community_place(&community).await?,
        )?;
        let area = db::areas::get(&mut *self.db.conn().await?, community.project_id)
            .await?
            .and_then(|a| shared::geometry::Area::from_stored(&a.geometry.to_string()));
        Ok(with_area_flag(community, area.as_ref()))
    }

    /// Adds a community to a project.
    pub async fn create_community(
        &self,
        caller: &Caller,
        project_id: i64,
        form: CommunityForm,
    ) -> Result<Community, Error> {
        signed_in(caller)?;
        let project = db::projects::get(&mut *self.db.conn().await?, project_id).await?;
        let place = project_place(&project);
        authorize(caller, Action::CreateCommunity, &place)?;
        let new = form.validate().map_err(Error::Invalid)?;
        let mut tx = self.db.begin().await?;
        let id = db::communities::insert(&mut tx, project_id, &new).await?;
        let community = db::communities::get(&mut tx, id).await?;
        audit::record(
            &mut tx,
            caller,
            "",
            Event {
                action: "create",
                entity_type: "community",
                entity_id: Some(id.to_string()),
                summary: format!(
                    "Community “{}” added to project “{}”",
                    community.name, project.name
                ),
                old_value: None,
                new_value: json(&community),
                place: place.with_community(id),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(community)
    }

    /// Imports community locations from GeoJSON or KML: a point feature whose name is already a
    /// community of the project sets its location; another one adds a community. Every feature
    /// that cannot be used is answered with its reason; nothing is dropped silently.
    pub async fn import_communities(
        &self,
        caller: &Caller,
        project_id: i64,
        text: &str,
        locale: shared::i18n::Locale,
    ) -> Result<shared::community::CommunityImport, Error> {
        let (project, place) = self
            .editable_project(caller, project_id, Action::CreateCommunity)
            .await?;
        let read = shared::points::read_points(text).map_err(|detail| {
            Error::Invalid(vec![FieldError::new(
                "file",
                Problem::InvalidGeometry { detail },
            )])
        })?;
        let existing =
            db::communities::list_for_project(&mut *self.db.conn().await?, project_id).await?;
        let key = |name: &str| shared::baseline_record::place_key(name);
        let mut import = shared::community::CommunityImport {
            created: Vec::new(),
            updated: Vec::new(),
            problems: read
                .problems
                .iter()
                .map(|p| shared::community::ImportedFeatureProblem {
                    index: p.index,
                    name: p.name.clone(),
                    message: p.message(locale),
                })
                .collect(),
        };
        let mut tx = self.db.begin().await?;
        for point in &read.points {
            match existing.iter().find(|c| key(&c.name) == key(&point.name)) {
                Some(community) => {
                    db::communities::set_location(
                        &mut tx,
                        community.id,
                        (point.lon, point.lat),
                        point.municipality.as_deref(),
                    )
                    .await?;
                    import
                        .updated
                        .push(db::communities::get(&mut tx, community.id).await?);
                }
                None => {
                    let new = CommunityForm {
                        name: point.name.clone(),
                        municipality: point.municipality.clone().unwrap_or_default(),
                        longitude: point.lon.to_string(),
                        latitude: point.lat.to_string(),
                        indigenous: String::new(),
                    }
                    .validate();
                    match new {
                        Ok(new) => {
                            let id = db::communities::insert(&mut tx, project_id, &new).await?;
                            import
                                .created
                                .push(db::communities::get(&mut tx, id).await?);
                        }
                        Err(errors) => {
                            import
                                .problems
                                .push(shared::community::ImportedFeatureProblem {
                                    index: point.index,
                                    name: Some(point.name.clone()),
                                    message: errors
                                        .iter()
                                        .map(|e| e.problem.message(locale))
                                        .collect::<Vec<_>>()
                                        .join(" "),
                                });
                        }
                    }
                }
            }
        }
        import.problems.sort_by_key(|p| p.index);
        self.log(&mut tx,
            caller,
            place,
            "import",
            "community",
            None,
            format!(
                "Communities imported into project “{}”: {} added, {} located, {} features not used",
                project.name,
                import.created.len(),
                import.updated.len(),
                import.problems.len()
            ),
            None,
            json(&import),
        )
        .await?;
        tx.commit().await?;
        Ok(import)
    }

    /// A project's area, if it has one (whoever may see the project may see its area).
    pub async fn get_project_area(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<Option<shared::project::ProjectArea>, Error> {
        let project = self.get_project(caller, project_id).await?;
        db::areas::get(&mut *self.db.conn().await?, project.id).await
    }

    /// Sets a project's area from GeoJSON or KML: validated, measured on the ellipsoid, stored.
    pub async fn set_project_area(
        &self,
        caller: &Caller,
        project_id: i64,
        geojson: &str,
    ) -> Result<shared::project::ProjectArea, Error> {
        signed_in(caller)?;
        let project = db::projects::get(&mut *self.db.conn().await?, project_id).await?;
        authorize(caller, Action::EditProject, &project_place(&project))?;
        let area = shared::geometry::area_from_text(geojson).map_err(|problems| {
            Error::Invalid(
                problems
                    .into_iter()
                    .map(|detail| FieldError::new("area", Problem::InvalidGeometry { detail }))
                    .collect(),
            )
        })?;
        // Hectares to the square metre, rounded half to even.
        let hectares = area.hectares_decimal();
        let mut tx = self.db.begin().await?;
        let old = db::areas::get(&mut tx, project_id).await?;
        db::areas::upsert(&mut tx, project_id, &area.to_geojson(), hectares).await?;
        let stored = db::areas::get(&mut tx, project_id)
            .await?
            .ok_or(Error::Internal)?;
        audit::record(
            &mut tx,
            caller,
            "",
            Event {
                action: if old.is_some() { "update" } else { "create" },
                entity_type: "project_area",
                entity_id: Some(project_id.to_string()),
                summary: format!("Area of project “{}” set: {hectares} ha", project.name),
                old_value: old.as_ref().map(|a| a.hectares.to_string()),
                new_value: Some(hectares.to_string()),
                place: project_place(&project),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// The programs the caller may see, by name.
    pub async fn list_programs(&self, caller: &Caller) -> Result<Vec<Program>, Error> {
        Ok(self
            .visible_programs(caller)
            .await?
            .into_iter()
            .map(|(p, _)| p)
            .collect())
    }

    /// One program with the projects the caller may see.
    pub async fn get_program(&self, caller: &Caller, id: i64) -> Result<ProgramDetail, Error> {
        if !caller.is_signed_in() {
            return Err(Error::Unauthorized);
        }
        let program = db::programs::get(&mut *self.db.conn().await?, id).await?;
        let place = program_place(&program);
        let all = db::projects::list_for_program(&mut *self.db.conn().await?, id).await?;
        let inside = self.places_inside(&place).await?;
        if !caller.reaches(Action::ViewProgram, &place, &inside) {
            return Err(Error::Forbidden);
        }
        let mut projects = Vec::new();
        for project in all {
            let project_place = Place {
                project: Some(project.id),
                ..place
            };
            if self.sees_project(caller, &project_place).await? {
                projects.push(project);
            }
        }
        let mut program = program;
        program.project_count = i64::try_from(projects.len()).unwrap_or(i64::MAX);
        Ok(ProgramDetail {
            can_create_project: caller.may(Action::CreateProject, &place),
            sees_households: caller.reaches(Action::ViewHouseholds, &place, &inside),
            sees_funding: caller.may(Action::ViewFunding, &place)
                || !caller.donor_views_of(&place).is_empty(),
            can_publish: caller.reaches(Action::PublishReports, &place, &inside),
            sees_outcomes: inside
                .iter()
                .filter(|p| p.community.is_none() && p.project.is_some())
                .any(|p| caller.may(Action::ViewHouseholds, p)),
            program,
            projects,
        })
    }

    /// Validates and stores a new program in the caller's organisation.
    pub async fn create_program(
        &self,
        caller: &Caller,
        form: ProgramForm,
    ) -> Result<Program, Error> {
        let organisation = caller.organisation_id.ok_or(if caller.is_signed_in() {
            Error::Forbidden
        } else {
            Error::Unauthorized
        })?;
        authorize(
            caller,
            Action::CreateProgram,
            &Place::organisation(organisation),
        )?;
        let program = form.validate().map_err(Error::Invalid)?;
        let mut tx = self.db.begin().await?;
        let id = db::programs::insert(&mut tx, organisation, &program, false).await?;
        let created = db::programs::get(&mut tx, id).await?;
        audit::record(
            &mut tx,
            caller,
            "",
            Event {
                action: "create",
                entity_type: "program",
                entity_id: Some(id.to_string()),
                summary: format!("Program “{}” created", created.name),
                old_value: None,
                new_value: json(&created),
                place: program_place(&created),
            },
        )
        .await?;
        tx.commit().await?;
        tracing::info!(program_id = id, "program created");
        Ok(created)
    }

    /// One project.
    pub async fn get_project(&self, caller: &Caller, id: i64) -> Result<Project, Error> {
        if !caller.is_signed_in() {
            return Err(Error::Unauthorized);
        }
        let project = db::projects::get(&mut *self.db.conn().await?, id).await?;
        if !self.sees_project(caller, &project_place(&project)).await? {
            return Err(Error::Forbidden);
        }
        Ok(project)
    }

    /// Validates and stores a new project in a program; deletes the caller's draft it came from.
    pub async fn create_project(
        &self,
        caller: &Caller,
        program_id: i64,
        form: ProjectForm,
        draft_id: Option<i64>,
    ) -> Result<Project, Error> {
        if !caller.is_signed_in() {
            return Err(Error::Unauthorized);
        }
        let program = db::programs::get(&mut *self.db.conn().await?, program_id).await?;
        authorize(caller, Action::CreateProject, &program_place(&program))?;
        let project = form.validate().map_err(Error::Invalid)?;
        self.check_donors(program.organisation_id, &project).await?;
        let mut tx = self.db.begin().await?;
        let id = db::projects::insert(&mut tx, program_id, &project).await?;
        let created = db::projects::get(&mut tx, id).await?;
        audit::record(
            &mut tx,
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
                place: project_place(&created),
            },
        )
        .await?;
        tx.commit().await?;
        self.finish_draft(caller, draft_id).await;
        tracing::info!(program_id, project_id = id, "project created");
        Ok(created)
    }

    /// Validates and stores changes to a project; deletes the caller's draft they came from.
    pub async fn update_project(
        &self,
        caller: &Caller,
        id: i64,
        form: ProjectForm,
        draft_id: Option<i64>,
    ) -> Result<Project, Error> {
        let project = self.change_project(caller, id, form).await?;
        self.finish_draft(caller, draft_id).await;
        Ok(project)
    }

    /// What the caller may do with a project.
    pub async fn project_rights(&self, caller: &Caller, id: i64) -> Result<ProjectRights, Error> {
        let project = self.get_project(caller, id).await?;
        let place = project_place(&project);
        Ok(ProjectRights {
            edit: caller.may(Action::EditProject, &place),
            edit_results: caller.may(Action::EditResultsFramework, &place),
            add_community: caller.may(Action::CreateCommunity, &place),
            households: caller.may(Action::ViewHouseholds, &place)
                || caller.reaches(
                    Action::ViewHouseholds,
                    &place,
                    &self.places_inside(&place).await?,
                ),
            funding: caller.may(Action::ViewFunding, &place)
                || !caller.donor_views_of(&place).is_empty(),
            outcomes: caller.may(Action::ViewHouseholds, &place),
        })
    }

    /// The donors the caller may list, and whether it may add one.
    pub async fn list_donors(&self, caller: &Caller) -> Result<(Vec<Donor>, bool), Error> {
        let donors = self.visible_donors(caller).await?;
        let can_add = caller
            .organisation_id
            .is_some_and(|o| caller.may(Action::ManageDonors, &Place::organisation(o)));
        Ok((donors, can_add))
    }

    /// The communities of a project the caller may see, and whether it may add one.
    pub async fn project_communities(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<shared::community::ProjectCommunities, Error> {
        let communities = self.list_communities(caller, project_id).await?;
        let project = db::projects::get(&mut *self.db.conn().await?, project_id).await?;
        Ok(shared::community::ProjectCommunities {
            communities,
            can_add: caller.may(Action::CreateCommunity, &project_place(&project)),
        })
    }

    /// A project's area, if set, and whether the caller may change it.
    pub async fn project_area(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<(Option<shared::project::ProjectArea>, bool), Error> {
        let project = self.get_project(caller, project_id).await?;
        let area = db::areas::get(&mut *self.db.conn().await?, project.id).await?;
        Ok((
            area,
            caller.may(Action::EditProject, &project_place(&project)),
        ))
    }
}
