//! The one implementation of every operation, used by the server functions and by the REST API
//! alike: the caller's rights are checked first (here, with the one rule in `shared::auth`), then
//! the input is validated with the rules in `shared`, then the database is used and the change
//! recorded in the audit trail.

use crate::Error;
use crate::audit::{self, Event};
use crate::auth::{hash_password, new_token, token_hash, verify_password};
use crate::db::{self, Conn, Db};
use shared::account::{
    ApiToken, AuditEvent, AuditFilter, CreatedToken, HeldGrant, Invitation, NewUserForm,
    PasswordForm, TokenForm, UserAccount, UserSummary,
};
use shared::auth::{Action, Caller, Grant, Place, Scope};
use shared::community::{Community, CommunityForm};
use shared::donor::Donor;
use shared::program::{Program, ProgramDetail, ProgramForm};
use shared::project::{Project, ProjectForm, ProjectRights};
use shared::validation::{FieldError, Problem};

mod actuals;
mod agreements;
mod dashboards;
mod donor_reports;
mod field_sync;
mod funding;
mod funding_records;
mod households;
mod iati_import;
mod imports;
mod livelihood;
mod outcomes;
mod plan;
mod plots;
mod projects;
mod publishing;
mod results;
mod timeline;
mod visits;

pub use funding::FundingFilter;

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

fn program_place(program: &Program) -> Place {
    Place {
        organisation: program.organisation_id,
        program: Some(program.id),
        ..Place::default()
    }
}

fn project_place(project: &Project) -> Place {
    Place {
        organisation: project.organisation_id,
        program: Some(project.program_id),
        project: Some(project.id),
        community: None,
        donor: None,
    }
}

/// Flags a community located outside its project's area.
fn with_area_flag(mut community: Community, area: Option<&shared::geometry::Area>) -> Community {
    community.outside_project_area = match (area, community.longitude, community.latitude) {
        (Some(area), Some(lon), Some(lat)) => Some(!area.contains(lon, lat)),
        _ => None,
    };
    community
}

fn json<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// How long an invitation link works.
const INVITATION_DAYS: i64 = 7;

fn signed_in(caller: &Caller) -> Result<i64, Error> {
    caller.user_id.ok_or(Error::Unauthorized)
}

fn hashing_failed(error: String) -> Error {
    tracing::error!(error, "password hashing failed");
    Error::Internal
}

impl Services {
    /// A project the caller may see, and where it sits.
    async fn visible_project(
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
    async fn editable_project(
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
    async fn log(
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
    async fn audit(
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
    async fn place_of_scope(&self, scope: Scope) -> Result<Place, Error> {
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

    /// Whether `caller` may act on `user`'s account (a new invitation link, which sets its
    /// password; disabling it; its grants and tokens): it manages users in the account's
    /// organisation and every grant the account holds lies within its own reach, so an
    /// administrator of an organisation never takes over an account that reaches further.
    async fn authorize_account(
        &self,
        caller: &Caller,
        user: &db::accounts::User,
    ) -> Result<(), Error> {
        authorize(
            caller,
            Action::ManageUsers,
            &Place::organisation(user.organisation_id),
        )?;
        for grant in db::accounts::grants_of(&mut *self.db.conn().await?, user.id).await? {
            let place = match self.place_of_scope(grant.scope).await {
                Ok(place) => place,
                // A grant on a place that is gone reaches nothing more.
                Err(Error::Invalid(_)) => continue,
                Err(error) => return Err(error),
            };
            if !caller.may(Action::ManageUsers, &place) {
                return Err(Error::Forbidden);
            }
        }
        Ok(())
    }

    /// The account `user_id`, once `caller` is known to manage it.
    async fn managed_account(
        &self,
        caller: &Caller,
        user_id: i64,
    ) -> Result<db::accounts::User, Error> {
        signed_in(caller)?;
        let user = db::accounts::user_by_id(&mut *self.db.conn().await?, user_id)
            .await?
            .ok_or(Error::NotFound)?;
        self.authorize_account(caller, &user).await?;
        Ok(user)
    }

    /// `managed_account`, refusing the caller's own: an administrator never deactivates itself
    /// or strips its own roles (another one must), so that nobody locks the last one out.
    async fn managed_other_account(
        &self,
        caller: &Caller,
        user_id: i64,
    ) -> Result<db::accounts::User, Error> {
        let user = self.managed_account(caller, user_id).await?;
        if caller.user_id == Some(user.id) {
            return Err(Error::Invalid(vec![FieldError::new(
                "user",
                Problem::OwnAccount,
            )]));
        }
        Ok(user)
    }

    async fn account_of(
        &self,
        caller: &Caller,
        user: &db::accounts::User,
    ) -> Result<UserAccount, Error> {
        Ok(UserAccount {
            user: db::accounts::user_summary(&mut *self.db.conn().await?, user.id).await?,
            grants: db::accounts::held_grants(&mut *self.db.conn().await?, user.id)
                .await?
                .into_iter()
                .map(|(id, grant)| HeldGrant { id, grant })
                .collect(),
            tokens: db::tokens::list_for_user(&mut *self.db.conn().await?, user.id).await?,
            is_caller: caller.user_id == Some(user.id),
        })
    }

    /// Deactivates an account (its sessions end, its API tokens are revoked) or lets it sign in
    /// again; audited when it changes anything.
    pub async fn set_user_active(
        &self,
        caller: &Caller,
        user_id: i64,
        active: bool,
    ) -> Result<UserAccount, Error> {
        let user = self.managed_other_account(caller, user_id).await?;
        if user.is_active != active {
            let mut tx = self.db.begin().await?;
            db::accounts::set_active(&mut tx, user.id, active).await?;
            let (action, summary) = if active {
                ("reactivate", format!("Account {} reactivated", user.email))
            } else {
                (
                    "deactivate",
                    format!(
                        "Account {} deactivated: sessions ended, API tokens revoked",
                        user.email
                    ),
                )
            };
            self.audit(
                &mut tx,
                caller,
                action,
                "user",
                Some(user.id),
                summary,
                None,
            )
            .await?;
            tx.commit().await?;
        }
        let user = db::accounts::user_by_id(&mut *self.db.conn().await?, user.id)
            .await?
            .ok_or(Error::NotFound)?;
        self.account_of(caller, &user).await
    }

    /// Removes one role of an account; audited. Its sessions and tokens lose what the role gave
    /// at once (both read the account's roles on every request).
    pub async fn revoke_grant(
        &self,
        caller: &Caller,
        user_id: i64,
        grant_id: i64,
    ) -> Result<(), Error> {
        let user = self.managed_other_account(caller, user_id).await?;
        let mut tx = self.db.begin().await?;
        let grant = db::accounts::delete_grant(&mut tx, user.id, grant_id)
            .await?
            .ok_or(Error::NotFound)?;
        self.audit(
            &mut tx,
            caller,
            "revoke",
            "role_grant",
            Some(grant_id),
            format!(
                "Role {} ({}) removed from {}",
                grant.role.code(),
                grant.scope.describe(shared::i18n::Locale::En),
                user.email
            ),
            json(&grant),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Revokes one API token of an account the caller manages; audited.
    pub async fn revoke_user_token(
        &self,
        caller: &Caller,
        user_id: i64,
        token_id: i64,
    ) -> Result<(), Error> {
        let user = self.managed_account(caller, user_id).await?;
        let mut tx = self.db.begin().await?;
        db::tokens::revoke(&mut tx, user.id, token_id).await?;
        self.audit(
            &mut tx,
            caller,
            "revoke",
            "api_token",
            Some(token_id),
            format!("API token {token_id} of {} revoked", user.email),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn invitation_for(
        &self,
        conn: &mut Conn,
        caller: &Caller,
        user_id: i64,
    ) -> Result<Invitation, Error> {
        let token = new_token("inv_");
        let expires_at = db::accounts::create_invitation(
            &mut *conn,
            &token_hash(&token),
            user_id,
            caller.user_id,
            chrono::Duration::days(INVITATION_DAYS),
        )
        .await?;
        Ok(Invitation {
            user: db::accounts::user_summary(&mut *conn, user_id).await?,
            path: format!("/invite/{token}"),
            expires_at,
        })
    }

    /// Where a community sits.
    async fn community_place(&self, community: &Community) -> Result<Place, Error> {
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

    /// The account an invitation link is for (its email), if the link still works.
    pub async fn invitation_email(&self, token: &str) -> Result<Option<String>, Error> {
        Ok(
            db::accounts::invitation_user(&mut *self.db.conn().await?, &token_hash(token))
                .await?
                .map(|u| u.email),
        )
    }

    /// Accepts an invitation: checks and sets the password.
    pub async fn accept_invitation(&self, token: &str, form: &PasswordForm) -> Result<(), Error> {
        let hash = token_hash(token);
        let invalid = || {
            Error::Invalid(vec![FieldError::new(
                "password",
                Problem::InvitationInvalid,
            )])
        };
        let user = db::accounts::invitation_user(&mut *self.db.conn().await?, &hash)
            .await?
            .ok_or_else(invalid)?;
        let password = form.validate_new(&user.email).map_err(Error::Invalid)?;
        let password_hash = hash_password(password).await.map_err(hashing_failed)?;
        let mut tx = self.db.begin().await?;
        if !db::accounts::accept_invitation(&mut tx, &hash, user.id, &password_hash).await? {
            return Err(invalid());
        }
        let caller = db::accounts::caller_for(&mut tx, &user).await?;
        self.audit(
            &mut tx,
            &caller,
            "accept_invitation",
            "user",
            Some(user.id),
            format!("{} accepted the invitation and set a password", user.email),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes the caller's own password after checking the current one; ends the caller's other
    /// sessions (`keep_session` is the hash of the one to keep).
    pub async fn change_password(
        &self,
        caller: &Caller,
        form: &PasswordForm,
        keep_session: Option<&str>,
    ) -> Result<(), Error> {
        let user_id = signed_in(caller)?;
        let stored = db::accounts::password_hash(&mut *self.db.conn().await?, user_id).await?;
        if !verify_password(form.current_password.clone(), stored).await {
            return Err(Error::Invalid(vec![FieldError::new(
                "current_password",
                Problem::WrongCurrentPassword,
            )]));
        }
        let password = form.validate_new(&caller.email).map_err(Error::Invalid)?;
        let password_hash = hash_password(password).await.map_err(hashing_failed)?;
        let mut tx = self.db.begin().await?;
        db::accounts::change_password(&mut tx, user_id, &password_hash, keep_session).await?;
        self.audit(
            &mut tx,
            caller,
            "change_password",
            "user",
            Some(user_id),
            format!("{} changed their password", caller.email),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The places inside a program (its projects and their communities) or inside a project
    /// (its communities): a grant on one of them lets the reader see the program or project.
    async fn places_inside(&self, place: &Place) -> Result<Vec<Place>, Error> {
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
    async fn sees_project(&self, caller: &Caller, place: &Place) -> Result<bool, Error> {
        Ok(caller.may(Action::ViewProject, place)
            || caller.reaches(
                Action::ViewProject,
                place,
                &self.places_inside(place).await?,
            ))
    }

    /// The programs the caller may see, each with the projects it may see.
    async fn visible_programs(&self, caller: &Caller) -> Result<Vec<(Program, Vec<i64>)>, Error> {
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

    /// The accounts the caller administers.
    pub async fn list_users(&self, caller: &Caller) -> Result<Vec<UserSummary>, Error> {
        signed_in(caller)?;
        if caller.may(Action::ManageUsers, &Place::default()) {
            return db::accounts::list_users(&mut *self.db.conn().await?, None).await;
        }
        let organisation = caller.organisation_id.ok_or(Error::Forbidden)?;
        authorize(
            caller,
            Action::ManageUsers,
            &Place::organisation(organisation),
        )?;
        db::accounts::list_users(&mut *self.db.conn().await?, Some(organisation)).await
    }

    /// Creates an account with one role and answers its one-time invitation link.
    pub async fn create_user(
        &self,
        caller: &Caller,
        form: NewUserForm,
    ) -> Result<Invitation, Error> {
        signed_in(caller)?;
        let organisation = caller.organisation_id.ok_or(Error::Forbidden)?;
        authorize(
            caller,
            Action::ManageUsers,
            &Place::organisation(organisation),
        )?;
        let new = form.validate().map_err(Error::Invalid)?;
        // An administrator hands out only what lies within its own reach.
        let place = self.place_of_scope(new.grant.scope).await?;
        if !caller.may(Action::ManageUsers, &place) {
            return Err(Error::Forbidden);
        }
        let grants: [Grant; 1] = [new.grant];
        let mut tx = self.db.begin().await?;
        let id = db::accounts::create_user(
            &mut tx,
            organisation,
            &new.email,
            &new.display_name,
            None,
            &grants,
        )
        .await?;
        let invitation = self.invitation_for(&mut tx, caller, id).await?;
        self.audit(
            &mut tx,
            caller,
            "create",
            "user",
            Some(id),
            format!("Account {} created as {}", new.email, new.grant.role.code()),
            json(&invitation.user),
        )
        .await?;
        tx.commit().await?;
        Ok(invitation)
    }

    /// A new invitation link for an account (the old one stops working).
    pub async fn new_invitation(&self, caller: &Caller, user_id: i64) -> Result<Invitation, Error> {
        signed_in(caller)?;
        let user = db::accounts::user_by_id(&mut *self.db.conn().await?, user_id)
            .await?
            .ok_or(Error::NotFound)?;
        self.authorize_account(caller, &user).await?;
        let mut tx = self.db.begin().await?;
        let invitation = self.invitation_for(&mut tx, caller, user_id).await?;
        self.audit(
            &mut tx,
            caller,
            "invite",
            "user",
            Some(user_id),
            format!("New invitation link for {}", user.email),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(invitation)
    }

    /// One account the caller administers: its roles with their ids and its API tokens.
    pub async fn user_account(&self, caller: &Caller, user_id: i64) -> Result<UserAccount, Error> {
        let user = self.managed_account(caller, user_id).await?;
        self.account_of(caller, &user).await
    }

    /// The caller's own API tokens.
    pub async fn list_tokens(&self, caller: &Caller) -> Result<Vec<ApiToken>, Error> {
        db::tokens::list_for_user(&mut *self.db.conn().await?, signed_in(caller)?).await
    }

    /// Makes an API token for the caller; its secret is in the answer and nowhere else.
    pub async fn create_token(
        &self,
        caller: &Caller,
        form: TokenForm,
    ) -> Result<CreatedToken, Error> {
        let user_id = signed_in(caller)?;
        let (name, role, projects) = form.validate().map_err(Error::Invalid)?;
        // A token limited to some projects makes only tokens limited to some of them: an empty
        // list means "wherever the user holds the role", which is further than it reaches.
        if caller.token_projects.is_some() && projects.is_empty() {
            return Err(Error::Invalid(vec![FieldError::new(
                "projects",
                Problem::TokenNeedsProjects,
            )]));
        }
        if !caller.grants.iter().any(|g| g.role == role) {
            return Err(Error::Invalid(vec![FieldError::new(
                "role",
                Problem::UnknownRole,
            )]));
        }
        let with_role = Caller {
            grants: caller
                .grants
                .iter()
                .copied()
                .filter(|g| g.role == role)
                .collect(),
            ..caller.clone()
        };
        for project in &projects {
            let place =
                db::accounts::place_of(&mut *self.db.conn().await?, None, Some(*project)).await?;
            if !place.is_some_and(|p| with_role.may(Action::ViewProject, &p)) {
                return Err(Error::Invalid(vec![FieldError::new(
                    "projects",
                    Problem::ProjectNotReachable,
                )]));
            }
        }
        let secret = new_token("smb_");
        let mut tx = self.db.begin().await?;
        let id = db::tokens::create(
            &mut tx,
            user_id,
            &name,
            &token_hash(&secret),
            role,
            &projects,
        )
        .await?;
        let token = db::tokens::list_for_user(&mut tx, user_id)
            .await?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or(Error::Internal)?;
        self.audit(
            &mut tx,
            caller,
            "create",
            "api_token",
            Some(id),
            format!("API token “{name}” created as {}", role.code()),
            json(&token),
        )
        .await?;
        tx.commit().await?;
        Ok(CreatedToken { token, secret })
    }

    /// Revokes one of the caller's tokens.
    pub async fn revoke_token(&self, caller: &Caller, token_id: i64) -> Result<(), Error> {
        let user_id = signed_in(caller)?;
        let mut tx = self.db.begin().await?;
        db::tokens::revoke(&mut tx, user_id, token_id).await?;
        self.audit(
            &mut tx,
            caller,
            "revoke",
            "api_token",
            Some(token_id),
            format!("API token {token_id} revoked"),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest audit events matching a filter.
    pub async fn list_audit(
        &self,
        caller: &Caller,
        filter: AuditFilter,
    ) -> Result<Vec<AuditEvent>, Error> {
        signed_in(caller)?;
        if !caller.may_somewhere(Action::ViewAudit) {
            return Err(Error::Forbidden);
        }
        // Each reader sees the events that happened within its own scope, and its own actions.
        audit::list(&mut *self.db.conn().await?, &filter, |place, actor| {
            caller.may(Action::ViewAudit, place) || (actor.is_some() && actor == caller.user_id)
        })
        .await
    }
}
