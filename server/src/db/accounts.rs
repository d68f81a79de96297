//! Queries about organisations, users, their role grants, sessions, invitations and API tokens.

use super::{Db, db_error, is_unique_violation, now_text};
use app::error::AppError;
use chrono::{DateTime, Duration, Utc};
use shared::auth::{Caller, Grant, Role, Scope};
use shared::validation::{FieldError, Problem};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A user as stored (without the password hash).
#[derive(Clone, Debug)]
pub struct User {
    /// Id.
    pub id: i64,
    /// Organisation.
    pub organisation_id: i64,
    /// Email, lower case.
    pub email: String,
    /// Name shown in the interface.
    pub display_name: String,
    /// Whether the account may sign in.
    pub is_active: bool,
    /// Failed sign-ins since the last success.
    pub failed_logins: i64,
    /// Until when the account is locked after failed sign-ins.
    pub locked_until: Option<DateTime<Utc>>,
}

fn user_from_row(row: &AnyRow) -> Result<User, AppError> {
    let locked: Option<String> = row.try_get("locked_until").map_err(db_error)?;
    Ok(User {
        id: row.try_get("id").map_err(db_error)?,
        organisation_id: row.try_get("organisation_id").map_err(db_error)?,
        email: row.try_get("email").map_err(db_error)?,
        display_name: row.try_get("display_name").map_err(db_error)?,
        is_active: row.try_get::<i64, _>("is_active").map_err(db_error)? != 0,
        failed_logins: row.try_get("failed_logins").map_err(db_error)?,
        locked_until: locked.as_deref().map(super::parse_timestamp).transpose()?,
    })
}

const USER_COLUMNS: &str =
    "id, organisation_id, email, display_name, is_active, failed_logins, locked_until";

/// Creates an organisation or finds the one with that name; answers its id.
pub async fn ensure_organisation(db: &Db, name: &str, is_demo: bool) -> Result<i64, AppError> {
    if let Some(id) = sqlx::query_scalar::<_, i64>("SELECT id FROM organisations WHERE name = $1")
        .bind(name)
        .fetch_optional(&db.pool)
        .await
        .map_err(db_error)?
    {
        return Ok(id);
    }
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO organisations (name, is_demo, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(i64::from(is_demo))
    .bind(now_text())
    .fetch_one(&db.pool)
    .await
    .map_err(db_error)
}

/// The organisation created first, if any.
pub async fn first_organisation(db: &Db) -> Result<Option<i64>, AppError> {
    sqlx::query_scalar::<_, i64>("SELECT id FROM organisations ORDER BY id LIMIT 1")
        .fetch_optional(&db.pool)
        .await
        .map_err(db_error)
}

/// Gives programs that have no organisation yet (created before accounts existed) to
/// `organisation_id`.
pub async fn adopt_orphan_programs(db: &Db, organisation_id: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE programs SET organisation_id = $1 WHERE organisation_id IS NULL")
        .bind(organisation_id)
        .execute(&db.pool)
        .await
        .map(|_| ())
        .map_err(db_error)
}

/// How many users there are.
pub async fn count_users(db: &Db) -> Result<i64, AppError> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users")
        .fetch_one(&db.pool)
        .await
        .map_err(db_error)
}

/// Creates a user (with a password hash, or none until an invitation is accepted) and its
/// grants; an email already in use is a field error on `email`.
pub async fn create_user(
    db: &Db,
    organisation_id: i64,
    email: &str,
    display_name: &str,
    password_hash: Option<&str>,
    grants: &[Grant],
) -> Result<i64, AppError> {
    let mut tx = db.pool.begin().await.map_err(db_error)?;
    let now = now_text();
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO users (organisation_id, email, display_name, password_hash, created_at, \
         password_changed_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(organisation_id)
    .bind(email)
    .bind(display_name)
    .bind(password_hash)
    .bind(&now)
    .bind(password_hash.map(|_| now.clone()))
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| {
        if is_unique_violation(&e, "users_email_key") {
            AppError::Invalid(vec![FieldError::new("email", Problem::NameTaken)])
        } else {
            db_error(e)
        }
    })?;
    for grant in grants {
        sqlx::query(
            "INSERT INTO role_grants (user_id, role, scope_kind, scope_id, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(grant.role.code())
        .bind(grant.scope.kind_code())
        .bind(grant.scope.id())
        .bind(&now)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    }
    tx.commit().await.map_err(db_error)?;
    Ok(id)
}

/// A user by email, with the stored password hash.
pub async fn user_by_email(
    db: &Db,
    email: &str,
) -> Result<Option<(User, Option<String>)>, AppError> {
    let sql = format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1");
    let Some(row) = sqlx::query(&sql)
        .bind(email)
        .fetch_optional(&db.pool)
        .await
        .map_err(db_error)?
    else {
        return Ok(None);
    };
    let hash: Option<String> = row.try_get("password_hash").map_err(db_error)?;
    Ok(Some((user_from_row(&row)?, hash)))
}

/// A user by id.
pub async fn user_by_id(db: &Db, id: i64) -> Result<Option<User>, AppError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&db.pool)
        .await
        .map_err(db_error)?
        .as_ref()
        .map(user_from_row)
        .transpose()
}

/// The role grants of a user.
pub async fn grants_of(db: &Db, user_id: i64) -> Result<Vec<Grant>, AppError> {
    let rows = sqlx::query(
        "SELECT role, scope_kind, scope_id FROM role_grants WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("role").map_err(db_error)?;
            let kind: String = row.try_get("scope_kind").map_err(db_error)?;
            let id: i64 = row.try_get("scope_id").map_err(db_error)?;
            match (Role::from_code(&role), Scope::from_parts(&kind, id)) {
                (Some(role), Some(scope)) => Ok(Grant { role, scope }),
                _ => {
                    tracing::error!(user_id, role, kind, "unreadable role grant");
                    Err(AppError::Internal)
                }
            }
        })
        .collect()
}

/// The caller for a user: identity and grants.
pub async fn caller_for(db: &Db, user: &User) -> Result<Caller, AppError> {
    Ok(Caller {
        user_id: Some(user.id),
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        organisation_id: Some(user.organisation_id),
        grants: grants_of(db, user.id).await?,
    })
}

/// Records a failed sign-in; after `max_failures` the account is locked for `lock`.
pub async fn record_failed_login(
    db: &Db,
    user: &User,
    max_failures: i64,
    lock: Duration,
) -> Result<(), AppError> {
    let failures = user.failed_logins + 1;
    let locked_until = (failures >= max_failures)
        .then(|| (Utc::now() + lock).to_rfc3339_opts(chrono::SecondsFormat::Micros, true));
    sqlx::query("UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3")
        .bind(failures)
        .bind(locked_until)
        .bind(user.id)
        .execute(&db.pool)
        .await
        .map(|_| ())
        .map_err(db_error)
}

/// Clears the failed sign-ins after a success.
pub async fn clear_failed_logins(db: &Db, user_id: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
        .bind(user_id)
        .execute(&db.pool)
        .await
        .map(|_| ())
        .map_err(db_error)
}

/// Stores a session under the hash of its token.
pub async fn create_session(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    csrf_token: &str,
    ttl: Duration,
) -> Result<(), AppError> {
    let now = Utc::now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(csrf_token)
    .bind(now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    .bind((now + ttl).to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    .execute(&db.pool)
    .await
    .map(|_| ())
    .map_err(db_error)
}

/// The user and CSRF token of a session that has not expired.
pub async fn session(db: &Db, token_hash: &str) -> Result<Option<(User, String)>, AppError> {
    let row = sqlx::query(
        "SELECT s.user_id, s.csrf_token, s.expires_at FROM sessions s WHERE s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(&db.pool)
    .await
    .map_err(db_error)?;
    let Some(row) = row else { return Ok(None) };
    let expires: String = row.try_get("expires_at").map_err(db_error)?;
    if super::parse_timestamp(&expires)? <= Utc::now() {
        delete_session(db, token_hash).await?;
        return Ok(None);
    }
    let user_id: i64 = row.try_get("user_id").map_err(db_error)?;
    let csrf: String = row.try_get("csrf_token").map_err(db_error)?;
    Ok(user_by_id(db, user_id)
        .await?
        .filter(|u| u.is_active)
        .map(|u| (u, csrf)))
}

/// Ends a session.
pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&db.pool)
        .await
        .map(|_| ())
        .map_err(db_error)
}
