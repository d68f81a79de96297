//! Accounts: who may sign in and with which roles, invitations, passwords, API tokens, and the
//! audit trail as its readers may see it.

use crate::Error;
use crate::audit::{self};
use crate::auth::{hash_password, new_token, token_hash, verify_password};
use crate::db::{self, Conn};
use crate::service::*;
use shared::account::{
    ApiToken, AuditEvent, AuditFilter, CreatedToken, HeldGrant, Invitation, NewUserForm,
    PasswordForm, TokenForm, UserAccount, UserSummary,
};
use shared::auth::{Action, Caller, Grant, Place};
use shared::validation::{FieldError, Problem};

impl Services {
    /// Whether `caller` may act on `user`'s account (a new invitation link, which sets its
    /// password; disabling it; its grants and tokens): it manages users in the account's
    /// organisation and every grant the account holds lies within its own reach, so an
    /// administrator of an organisation never takes over an account that reaches further.
    pub(crate) async fn authorize_account(
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
    pub(crate) async fn managed_account(
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
    pub(crate) async fn managed_other_account(
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

    pub(crate) async fn account_of(
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

    pub(crate) async fn invitation_for(
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
