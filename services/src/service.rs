//! What every operation shares: [`Services`], the one check of a caller's rights ([`authorize`],
//! with the one rule in `shared::auth`), where programs and projects sit and who may see them, and
//! the audit helpers that write in the operation's transaction. The operations themselves live
//! with their domain (`accounts`, `programs`, `planning`, `households`, `funding`, `outcomes`,
//! `publishing`): each checks the caller's rights first, then validates its input with the rules
//! in `shared`, then writes its records and audit events in one transaction.

use crate::Error;
use crate::audit::{self, Event};
use crate::db::{self, Conn, Db};
use shared::auth::{Action, Caller, Place, Scope};
use shared::community::Community;
use shared::program::Program;
use shared::project::Project;
use shared::validation::{FieldError, Problem};

/// Sembrar's operations over a database.
#[derive(Clone, Debug)]
pub struct Services {
    /// The database.
    pub db: Db,
    /// The tile layer drawn under maps, when the deployment has one.
    pub tiles: Option<shared::mapview::TileLayer>,
    /// Seals and opens personal data.
    pub sealer: crate::sealing::Sealer,
    /// Days an uploaded import file nobody imports is kept (see `Settings::import_upload_days`).
    pub import_upload_days: i64,
}

/// The one place where rights are checked: nobody signed in is `Unauthorized`, a caller without
/// the right is `Forbidden`.
pub fn authorize(caller: &Caller, action: Action, place: &Place) -> Result<(), Error> {
    if !caller.is_signed_in() {
        Err(Error::Unauthorized)
    } else if caller.may(action, place) {
        Ok(())
    } else {
        tracing::info!(user = ?caller.user_id, ?action, ?place, "forbidden");
        Err(Error::Forbidden)
    }
}

pub(crate) fn program_place(program: &Program) -> Place {
    Place {
        organisation: program.organisation_id,
        program: Some(program.id),
        ..Place::default()
    }
}

pub(crate) fn project_place(project: &Project) -> Place {
    Place {
        organisation: project.organisation_id,
        program: Some(project.program_id),
        project: Some(project.id),
        community: None,
        donor: None,
    }
}

/// Flags a community located outside its project's area.
pub(crate) fn with_area_flag(
    mut community: Community,
    area: Option<&shared::geometry::Area>,
) -> Community {
    community.outside_project_area = match (area, community.longitude, community.latitude) {
        (Some(area), Some(lon), Some(lat)) => Some(!area.contains(lon, lat)),
        _ => None,
    };
    community
}

pub(crate) fn json<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// How long an invitation link works.
pub(crate) const INVITATION_DAYS: i64 = 7;

pub(crate) fn signed_in(caller: &Caller) -> Result<i64, Error> {
    caller.user_id.ok_or(Error::Unauthorized)
}

pub(crate) fn hashing_failed(error: String) -> Error {
    tracing::error!(error, "password hashing failed");
    Error::Internal
}

impl Services {
    /// A project the caller may see, and where it sits.
    pub(crate) async fn visible_project(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<(Project, Place), Error> {
        signed_in(caller)?;
        let project = db::projects::get(&mut *self.db.conn().await?, project_id).await?;
        let place = project_place(&project);
        if !self.sees_project(caller, &place).await? {
            return Err(Error::Forbidden);
        }
        Ok((project, place))
    }

    /// A project the caller may change with `action`, and where it sits.
    pub(crate) async fn editable_project(
        &self,
        caller: &Caller,
        project_id: i64,
        action: Action,
    ) -> Result<(Project, Place), Error> {
        let (project, place) = self.visible_project(caller, project_id).await?;
        authorize(caller, action, &place)?;
        Ok((project, place))
    }

    /// Appends an audit event about a record of a project, in the operation's transaction.
    #[expect(
        clippy::too_many_arguments,
        reason = "an audit event has this many parts"
    )]
    pub(crate) async fn log(
        &self,
        conn: &mut Conn,
        caller: &Caller,
        place: Place,
        action: &str,
        entity_type: &str,
        entity_id: Option<i64>,
        summary: String,
        old_value: Option<String>,
        new_value: Option<String>,
    ) -> Result<(), Error> {
        audit::record(
            conn,
            caller,
            "",
            Event {
                action,
                entity_type,
                entity_id: entity_id.map(|id| id.to_string()),
                summary,
                old_value,
                new_value,
                place,
            },
        )
        .await
    }

    /// Appends an audit event done by `caller`, in the operation's transaction.
    #[expect(
        clippy::too_many_arguments,
        reason = "an audit event has this many parts"
    )]
    pub(crate) async fn audit(
        &self,
        conn: &mut Conn,
        caller: &Caller,
        action: &str,
        entity_type: &str,
        entity_id: Option<i64>,
        summary: String,
        new_value: Option<String>,
    ) -> Result<(), Error> {
        audit::record(
            conn,
            caller,
            "",
            Event {
                action,
                entity_type,
                entity_id: entity_id.map(|id| id.to_string()),
                summary,
                old_value: None,
                new_value,
                place: Place::default(),
            },
        )
        .await
    }

    /// Where a grant's scope sits, to check that an administrator may hand it out.
    pub(crate) async fn place_of_scope(&self, scope: Scope) -> Result<Place, Error> {
        let unknown = || Error::Invalid(vec![FieldError::new("scope_id", Problem::UnknownScope)]);
        match scope {
            Scope::Global => Ok(Place::default()),
            Scope::Organisation(id) => Ok(Place::organisation(id)),
            Scope::Program(id) => {
                db::accounts::place_of(&mut *self.db.conn().await?, Some(id), None)
                    .await?
                    .ok_or_else(unknown)
            }
            Scope::Project(id) => {
                db::accounts::place_of(&mut *self.db.conn().await?, None, Some(id))
                    .await?
                    .ok_or_else(unknown)
            }
            Scope::Community(id) => {
                match db::communities::get(&mut *self.db.conn().await?, id).await {
                    Ok(community) => Ok(self.community_place(&community).await?),
                    Err(Error::NotFound) => Err(unknown()),
                    Err(error) => Err(error),
                }
            }
            Scope::Donor(id) => match db::donors::get(&mut *self.db.conn().await?, id).await {
                Ok(donor) => Ok(Place::organisation(donor.organisation_id).of_donor(Some(id))),
                Err(Error::NotFound) => Err(unknown()),
                Err(error) => Err(error),
            },
        }
    }

    /// The places inside a program (its projects and their communities) or inside a project
    /// (its communities): a grant on one of them lets the reader see the program or project.
    pub(crate) async fn places_inside(&self, place: &Place) -> Result<Vec<Place>, Error> {
        let projects = db::programs::project_ids_by_program(&mut *self.db.conn().await?).await?;
        let communities = db::communities::all_ids(&mut *self.db.conn().await?).await?;
        let mut inside = Vec::new();
        for (program, project) in projects {
            if place.program != Some(program) {
                continue;
            }
            let project_place = Place {
                project: Some(project),
                community: None,
                ..*place
            };
            if place.project.is_none() {
                inside.push(project_place);
            }
            if place.project.is_none_or(|p| p == project) {
                inside.extend(
                    communities
                        .iter()
                        .filter(|(_, p, _)| *p == project)
                        .map(|(_, _, c)| project_place.with_community(*c)),
                );
            }
        }
        Ok(inside)
    }

    /// Whether the caller may see a project: a grant covering it, or one of its communities.
    pub(crate) async fn sees_project(&self, caller: &Caller, place: &Place) -> Result<bool, Error> {
        Ok(caller.may(Action::ViewProject, place)
            || caller.reaches(
                Action::ViewProject,
                place,
                &self.places_inside(place).await?,
            ))
    }

    /// The programs the caller may see, each with the projects it may see.
    pub(crate) async fn visible_programs(
        &self,
        caller: &Caller,
    ) -> Result<Vec<(Program, Vec<i64>)>, Error> {
        if !caller.is_signed_in() {
            return Err(Error::Unauthorized);
        }
        let mut visible = Vec::new();
        for mut program in db::programs::list(&mut *self.db.conn().await?).await? {
            let place = program_place(&program);
            let inside = self.places_inside(&place).await?;
            if !caller.reaches(Action::ViewProgram, &place, &inside) {
                continue;
            }
            let mut seen = Vec::new();
            for project in inside.iter().filter(|p| p.community.is_none()) {
                let communities: Vec<Place> = inside
                    .iter()
                    .filter(|p| p.project == project.project && p.community.is_some())
                    .copied()
                    .collect();
                if caller.reaches(Action::ViewProject, project, &communities) {
                    seen.extend(project.project);
                }
            }
            program.project_count = i64::try_from(seen.len()).unwrap_or(i64::MAX);
            visible.push((program, seen));
        }
        Ok(visible)
    }
}

impl Services {
    /// The tile layer the deployment draws under maps, if any (maps need none).
    pub fn tile_layer(&self) -> Option<shared::mapview::TileLayer> {
        self.tiles.clone()
    }
}
