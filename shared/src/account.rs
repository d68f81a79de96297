//! Accounts as administrators manage them: new accounts with their role, invitations, API
//! tokens, and the audit trail's events and filters.

use crate::auth::{Grant, Role, Scope, email};
use crate::i18n::{Locale, Msg};
use crate::program::NAME_MAX;
use crate::validation::{Collector, FieldError, Problem, required_line};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// An account as the user administration shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserSummary {
    /// Id.
    pub id: i64,
    /// Email (lower case).
    pub email: String,
    /// Name shown.
    pub display_name: String,
    /// Whether the account may sign in.
    pub is_active: bool,
    /// Whether a password is set (false until the invitation is accepted).
    pub has_password: bool,
    /// Whether failed sign-ins have locked it for now.
    pub is_locked: bool,
    /// Roles and where they apply.
    pub grants: Vec<Grant>,
}

/// A role of an account with the id that removes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeldGrant {
    /// Id (`DELETE /api/v1/users/{id}/grants/{grant_id}`).
    pub id: i64,
    /// The role and where it applies.
    pub grant: Grant,
}

/// One account as its administrator sees it: who it is, its roles, its API tokens (never their
/// secrets), and whether it is the caller's own (which the caller may not deactivate or strip).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserAccount {
    /// The account.
    pub user: UserSummary,
    /// Its roles, with their ids.
    pub grants: Vec<HeldGrant>,
    /// Its API tokens, revoked ones included.
    pub tokens: Vec<ApiToken>,
    /// Whether it is the caller's own account.
    pub is_caller: bool,
}

/// Whether an account may sign in (`PUT /api/v1/users/{id}/active`). Deactivating ends its
/// sessions and revokes its API tokens; reactivating lets it sign in with its password again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActiveForm {
    /// `false` deactivates the account, `true` lets it sign in again.
    pub active: bool,
}

/// A new account as typed or sent: email, name and one role in one scope.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewUserForm {
    /// Email address; the account's sign-in name.
    pub email: String,
    /// Name shown in the interface.
    pub display_name: String,
    /// Role code: `administrator`, `program_officer`, `me_officer`, `field_monitor`,
    /// `donor_viewer`.
    pub role: String,
    /// `global`, `organisation`, `program` or `project`.
    pub scope_kind: String,
    /// The organisation, program or project id (ignored for `global`).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "3"))]
    pub scope_id: String,
}

/// A valid new account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUser {
    /// Email, lower case.
    pub email: String,
    /// Name.
    pub display_name: String,
    /// The role granted.
    pub grant: Grant,
}

crate::text_form_from_pairs!(NewUserForm {
    email,
    display_name,
    role,
    scope_kind,
    scope_id
});

impl NewUserForm {
    /// Checks every field.
    pub fn validate(&self) -> Result<NewUser, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let email = ok.take(email("email", &self.email));
        let display_name = ok.take(required_line("display_name", &self.display_name, NAME_MAX));
        let role = ok.take(match self.role.trim() {
            "" => Err(FieldError::new("role", Problem::Required)),
            code => {
                Role::from_code(code).ok_or_else(|| FieldError::new("role", Problem::UnknownRole))
            }
        });
        let id = self.scope_id.trim();
        let scope = ok.take(match self.scope_kind.trim() {
            "" => Err(FieldError::new("scope_kind", Problem::Required)),
            "global" => Ok(Scope::Global),
            kind => match id.parse::<i64>() {
                Ok(id) if id > 0 => Scope::from_parts(kind, id)
                    .ok_or_else(|| FieldError::new("scope_kind", Problem::UnknownScope)),
                _ if id.is_empty() => Err(FieldError::new("scope_id", Problem::Required)),
                _ => Err(FieldError::new("scope_id", Problem::NotANumber)),
            },
        });
        match (email, display_name, role, scope) {
            (Some(email), Some(display_name), Some(role), Some(scope)) if errors.is_empty() => {
                Ok(NewUser {
                    email,
                    display_name,
                    grant: Grant { role, scope },
                })
            }
            _ => Err(errors),
        }
    }
}

/// A created account and its one-time invitation link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    /// The account.
    pub user: UserSummary,
    /// The path of the one-time link (`/invite/inv_...`) that lets the person set a password.
    /// Shown once; only its hash is stored.
    pub path: String,
    /// Until when the link works.
    pub expires_at: DateTime<Utc>,
}

/// A password chosen when accepting an invitation, or changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordForm {
    /// The current password (only when changing one's own).
    pub current_password: String,
    /// The new password.
    pub password: String,
    /// The new password again.
    pub password_repeat: String,
}

crate::text_form_from_pairs!(PasswordForm {
    current_password,
    password,
    password_repeat
});

impl PasswordForm {
    /// Checks the new password for the account `email`.
    pub fn validate_new(&self, email: &str) -> Result<String, Vec<FieldError>> {
        let password =
            crate::auth::new_password("password", &self.password, email).map_err(|e| vec![e])?;
        if self.password_repeat != self.password {
            return Err(vec![FieldError::new(
                "password_repeat",
                Problem::PasswordsDiffer,
            )]);
        }
        Ok(password)
    }
}

/// A new API token as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenForm {
    /// What the token is for, such as "KoboToolbox sync".
    pub name: String,
    /// One of the user's own roles.
    pub role: String,
    /// Project ids the token is limited to; none means wherever the user holds the role.
    pub projects: Vec<i64>,
}

impl TokenForm {
    /// Checks the name and role (the server checks that the role and projects are the user's).
    pub fn validate(&self) -> Result<(String, Role, Vec<i64>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let name = ok.take(required_line("name", &self.name, NAME_MAX));
        let role = ok.take(
            Role::from_code(self.role.trim())
                .ok_or_else(|| FieldError::new("role", Problem::UnknownRole)),
        );
        let mut projects = self.projects.clone();
        projects.sort_unstable();
        projects.dedup();
        match (name, role) {
            (Some(name), Some(role)) if errors.is_empty() => Ok((name, role, projects)),
            _ => Err(errors),
        }
    }
}

/// The token form as typed in a page: the projects as one text of ids separated by commas.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenInput {
    /// What the token is for.
    pub name: String,
    /// The role code chosen.
    pub role: String,
    /// Project ids as typed, such as `3, 7`; empty for none.
    pub projects: String,
}

crate::text_form_from_pairs!(TokenInput {
    name,
    role,
    projects
});

impl TokenInput {
    /// Reads the project ids and checks the name and role: the [`TokenForm`] to send.
    pub fn parse(&self) -> Result<TokenForm, Vec<FieldError>> {
        let mut projects = Vec::new();
        let mut project_error = None;
        for part in self
            .projects
            .split([',', ';', ' '])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match part.trim_start_matches('#').parse::<i64>() {
                Ok(id) if id > 0 => projects.push(id),
                Ok(_) => project_error = Some(Problem::NotPositive),
                Err(_) => project_error = Some(Problem::NotANumber),
            }
        }
        let form = TokenForm {
            name: self.name.clone(),
            role: self.role.clone(),
            projects,
        };
        let mut errors = form.validate().err().unwrap_or_default();
        if self.role.trim().is_empty() {
            for error in errors.iter_mut().filter(|e| e.field == "role") {
                error.problem = Problem::Required;
            }
        }
        if let Some(problem) = project_error {
            errors.push(FieldError::new("projects", problem));
        }
        if errors.is_empty() {
            Ok(form)
        } else {
            Err(errors)
        }
    }
}

/// An API token as listed (never its secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiToken {
    /// Id.
    pub id: i64,
    /// What it is for.
    pub name: String,
    /// The role it carries.
    pub role: Role,
    /// The projects it is limited to (empty: wherever the user holds the role).
    pub projects: Vec<i64>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was last used.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A token just made: the only time its secret is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedToken {
    /// The token.
    pub token: ApiToken,
    /// The secret to send as `Authorization: Bearer <secret>`.
    pub secret: String,
}

/// One event of the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEvent {
    /// Id, increasing.
    pub id: i64,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Who.
    pub actor_email: String,
    /// What: `create`, `update`, `approve`, `export`, `view_personal_data`, `sign_in`, ...
    pub action: String,
    /// To what: `program`, `project`, `user`, `session`, `api_token`, ...
    pub entity_type: String,
    /// Which one.
    pub entity_id: Option<String>,
    /// A sentence for people.
    pub summary: String,
    /// The value before (JSON text).
    pub old_value: Option<String>,
    /// The value after (JSON text).
    pub new_value: Option<String>,
}

/// Which events to show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct AuditFilter {
    /// Part of the actor's email.
    pub actor: String,
    /// The action, exactly.
    pub action: String,
    /// The entity type, exactly.
    pub entity_type: String,
    /// From this day (UTC), `YYYY-MM-DD`.
    pub from: String,
    /// To this day (UTC), inclusive.
    pub to: String,
}

impl AuditFilter {
    /// Reads a query string's or form's fields.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut filter = AuditFilter::default();
        for (key, value) in pairs {
            let target = match key {
                "actor" => &mut filter.actor,
                "action" => &mut filter.action,
                "entity_type" => &mut filter.entity_type,
                "from" => &mut filter.from,
                "to" => &mut filter.to,
                _ => continue,
            };
            *target = value.to_owned();
        }
        filter
    }

    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        [
            &self.actor,
            &self.action,
            &self.entity_type,
            &self.from,
            &self.to,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }

    /// The day bounds, when given and valid.
    pub fn days(&self) -> Result<(Option<NaiveDate>, Option<NaiveDate>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let day = |field: &str, text: &str| {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                crate::validation::date(field, text).map(Some)
            }
        };
        let from = ok.take(day("from", &self.from)).flatten();
        let to = ok.take(day("to", &self.to)).flatten();
        if errors.is_empty() {
            Ok((from, to))
        } else {
            Err(errors)
        }
    }
}

/// The most events the audit trail shows at once.
pub const AUDIT_PAGE_SIZE: usize = 500;

/// The actions the audit trail records, as its filter offers them.
pub const AUDIT_ACTIONS: [&str; 15] = [
    "create",
    "update",
    "approve",
    "export",
    "view_personal_data",
    "invite",
    "accept_invitation",
    "change_password",
    "revoke",
    "deactivate",
    "reactivate",
    "sign_in",
    "sign_in_failed",
    "sign_in_locked",
    "sign_out",
];

/// The kinds of things audit events are about, as its filter offers them.
pub const AUDIT_ENTITY_TYPES: [&str; 7] = [
    "program",
    "project",
    "community",
    "user",
    "session",
    "api_token",
    "role_grant",
];

/// The translated name of an audit action code, when it is one of [`AUDIT_ACTIONS`].
pub fn audit_action_name(code: &str, locale: Locale) -> Option<&'static str> {
    let msg = match code {
        "create" => Msg::ActionCreate,
        "update" => Msg::ActionUpdate,
        "approve" => Msg::ActionApprove,
        "export" => Msg::ActionExport,
        "view_personal_data" => Msg::ActionViewPersonalData,
        "invite" => Msg::ActionInvite,
        "accept_invitation" => Msg::ActionAcceptInvitation,
        "change_password" => Msg::ActionChangePassword,
        "revoke" => Msg::ActionRevoke,
        "deactivate" => Msg::ActionDeactivate,
        "reactivate" => Msg::ActionReactivate,
        "sign_in" => Msg::ActionSignIn,
        "sign_in_failed" => Msg::ActionSignInFailed,
        "sign_in_locked" => Msg::ActionSignInLocked,
        "sign_out" => Msg::ActionSignOut,
        _ => return None,
    };
    Some(locale.t(msg))
}

/// The translated name of an audit entity type, when it is one of [`AUDIT_ENTITY_TYPES`].
pub fn audit_entity_name(code: &str, locale: Locale) -> Option<&'static str> {
    let msg = match code {
        "program" => Msg::ScopeProgram,
        "project" => Msg::ScopeProject,
        "community" => Msg::ScopeCommunity,
        "user" => Msg::EntityUser,
        "session" => Msg::EntitySession,
        "api_token" => Msg::EntityApiToken,
        "role_grant" => Msg::EntityRoleGrant,
        _ => return None,
    };
    Some(locale.t(msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_account_needs_an_email_a_name_a_known_role_and_a_scope() {
        let errors = NewUserForm {
            email: "nope".into(),
            role: "boss".into(),
            scope_kind: "project".into(),
            ..NewUserForm::default()
        }
        .validate()
        .unwrap_err();
        let fields: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.problem.code()))
            .collect();
        assert_eq!(
            fields,
            [
                ("email", "invalid_email"),
                ("display_name", "required"),
                ("role", "unknown_role"),
                ("scope_id", "required"),
            ]
        );
    }

    #[test]
    fn a_valid_new_account_carries_its_grant() {
        let user = NewUserForm::from_pairs([
            ("email", "Ana@Example.org"),
            ("display_name", "Ana Quispe"),
            ("role", "field_monitor"),
            ("scope_kind", "project"),
            ("scope_id", "12"),
        ])
        .validate()
        .unwrap();
        assert_eq!(user.email, "ana@example.org");
        assert_eq!(
            user.grant,
            Grant {
                role: Role::FieldMonitor,
                scope: Scope::Project(12)
            }
        );
    }

    #[test]
    fn a_new_password_must_be_typed_twice_the_same() {
        let form = PasswordForm {
            password: "long enough password".into(),
            password_repeat: "long enough passwort".into(),
            ..PasswordForm::default()
        };
        assert_eq!(
            form.validate_new("a@b.org").unwrap_err()[0].problem,
            Problem::PasswordsDiffer
        );
    }

    #[test]
    fn typed_token_projects_are_read_as_ids() {
        let form = TokenInput::from_pairs([
            ("name", "Kobo sync"),
            ("role", "field_monitor"),
            ("projects", " 3, 7;#9 "),
        ])
        .parse()
        .unwrap();
        assert_eq!(form.projects, [3, 7, 9]);
        let errors = TokenInput {
            projects: "3, seven".into(),
            ..TokenInput::default()
        }
        .parse()
        .unwrap_err();
        let fields: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.problem.code()))
            .collect();
        assert_eq!(
            fields,
            [
                ("name", "required"),
                ("role", "required"),
                ("projects", "not_a_number")
            ]
        );
    }

    #[test]
    fn every_audit_code_offered_has_a_name() {
        for code in AUDIT_ACTIONS {
            assert!(audit_action_name(code, Locale::Es).is_some(), "{code}");
        }
        for code in AUDIT_ENTITY_TYPES {
            assert!(audit_entity_name(code, Locale::Es).is_some(), "{code}");
        }
        assert_eq!(audit_action_name("dance", Locale::En), None);
    }

    #[test]
    fn audit_filter_days_must_be_dates() {
        let filter = AuditFilter {
            from: "2026-13-01".into(),
            ..AuditFilter::default()
        };
        assert_eq!(filter.days().unwrap_err()[0].field, "from");
        assert_eq!(AuditFilter::default().days().unwrap(), (None, None));
    }
}
