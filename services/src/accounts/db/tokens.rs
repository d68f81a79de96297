//! API tokens: created by a user for itself, scoped to one of its roles and (optionally) to some
//! projects, stored only as a hash, revocable.

use crate::Error;
use crate::db::Conn;
use crate::db::accounts;
use crate::db::{db_error, now_text};
use shared::auth::{Action, Caller, Grant, Place, Role, Scope};
use sqlx::Connection;
use sqlx::Row;

/// The caller an API token stands for, or `None` when the token is unknown, revoked, or its user
/// is inactive. The token's grants are its role, within the user's own grants of that role, on
/// the token's projects (or wherever the user holds the role, when the token names none).
pub async fn caller_for_token(conn: &mut Conn, token_hash: &str) -> Result<Option<Caller>, Error> {
    let row = sqlx::query(
        "SELECT id, user_id, role FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?;
    let Some(row) = row else { return Ok(None) };
    let token_id: i64 = row.try_get("id").map_err(db_error)?;
    let user_id: i64 = row.try_get("user_id").map_err(db_error)?;
    let role_code: String = row.try_get("role").map_err(db_error)?;
    let Some(role) = Role::from_code(&role_code) else {
        return Ok(None);
    };
    let Some(user) = accounts::user_by_id(conn, user_id)
        .await?
        .filter(|u| u.is_active)
    else {
        return Ok(None);
    };
    let mut caller = accounts::caller_for(conn, &user).await?;
    let own: Vec<Grant> = caller
        .grants
        .iter()
        .copied()
        .filter(|g| g.role == role)
        .collect();
    let projects = sqlx::query(
        "SELECT t.project_id, j.program_id, p.organisation_id FROM api_token_projects t \
         JOIN projects j ON j.id = t.project_id JOIN programs p ON p.id = j.program_id \
         WHERE t.token_id = $1",
    )
    .bind(token_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    caller.grants = own;
    caller.grants = if projects.is_empty() {
        caller.grants
    } else {
        let mut grants = Vec::new();
        let mut limits = Vec::with_capacity(projects.len());
        for r in &projects {
            let project: i64 = r.try_get("project_id").map_err(db_error)?;
            limits.push(project);
            let program: i64 = r.try_get("program_id").map_err(db_error)?;
            let organisation: Option<i64> = r.try_get("organisation_id").map_err(db_error)?;
            let place = Place {
                organisation,
                program: Some(program),
                project: Some(project),
                community: None,
                donor: None,
            };
            // The same test as when the token was made: the role reaches the project (a donor
            // viewer's grant of its donor reaches the projects the donor funds).
            if caller.may(Action::ViewProject, &place) {
                grants.push(Grant {
                    role,
                    scope: Scope::Project(project),
                });
            }
        }
        caller.token_projects = Some(limits);
        grants
    };
    sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
        .bind(now_text())
        .bind(token_id)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    Ok(Some(caller))
}

/// Stores a new token's hash for `user_id`; answers its id.
pub async fn create(
    conn: &mut Conn,
    user_id: i64,
    name: &str,
    token_hash: &str,
    role: Role,
    projects: &[i64],
) -> Result<i64, Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO api_tokens (user_id, name, token_hash, role, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(user_id)
    .bind(name)
    .bind(token_hash)
    .bind(role.code())
    .bind(now_text())
    .fetch_one(&mut *tx)
    .await
    .map_err(db_error)?;
    for project in projects {
        sqlx::query("INSERT INTO api_token_projects (token_id, project_id) VALUES ($1, $2)")
            .bind(id)
            .bind(project)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
    }
    tx.commit().await.map_err(db_error)?;
    Ok(id)
}

/// Revokes a token of `user_id`; `NotFound` when it has no such token.
pub async fn revoke(conn: &mut Conn, user_id: i64, token_id: i64) -> Result<(), Error> {
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
    )
    .bind(now_text())
    .bind(token_id)
    .bind(user_id)
    .execute(&mut *conn)
    .await
    .map_err(db_error)?;
    if done.rows_affected() == 0 {
        Err(Error::NotFound)
    } else {
        Ok(())
    }
}

/// The tokens of a user, newest first (revoked ones too, marked).
pub async fn list_for_user(
    conn: &mut Conn,
    user_id: i64,
) -> Result<Vec<shared::account::ApiToken>, Error> {
    let rows = sqlx::query(
        "SELECT id, name, role, created_at, last_used_at, revoked_at FROM api_tokens \
         WHERE user_id = $1 ORDER BY id DESC",
    )
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let mut tokens = Vec::new();
    for row in &rows {
        let id: i64 = row.try_get("id").map_err(db_error)?;
        let role: String = row.try_get("role").map_err(db_error)?;
        let time = |name: &str| -> Result<Option<chrono::DateTime<chrono::Utc>>, Error> {
            row.try_get::<Option<String>, _>(name)
                .map_err(db_error)?
                .as_deref()
                .map(crate::db::parse_timestamp)
                .transpose()
        };
        let projects = sqlx::query_scalar::<_, i64>(
            "SELECT project_id FROM api_token_projects WHERE token_id = $1 ORDER BY project_id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?;
        tokens.push(shared::account::ApiToken {
            id,
            name: row.try_get("name").map_err(db_error)?,
            role: Role::from_code(&role).ok_or(Error::Internal)?,
            projects,
            created_at: time("created_at")?.ok_or(Error::Internal)?,
            last_used_at: time("last_used_at")?,
            revoked_at: time("revoked_at")?,
        });
    }
    Ok(tokens)
}
