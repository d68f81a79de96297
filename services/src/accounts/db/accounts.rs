//! Queries about organisations, users, their role grants, sessions, invitations and API tokens.

use crate::Error;
use crate::db::Conn;
use crate::db::{db_error, is_unique_violation, now_text};
use chrono::{DateTime, Duration, Utc};
use shared::auth::{Caller, Grant, Role, Scope};
use shared::validation::{FieldError, Problem};
use sqlx::Connection;
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
    /// Until when sign-ins from some address are locked after failed ones (the latest).
    pub locked_until: Option<DateTime<Utc>>,
}

fn user_from_row(row: &AnyRow) -> Result<User, Error> {
    let locked: Option<String> = row.try_get("locked_until").map_err(db_error)?;
    Ok(User {
        id: row.try_get("id").map_err(db_error)?,
        organisation_id: row.try_get("organisation_id").map_err(db_error)?,
        email: row.try_get("email").map_err(db_error)?,
        display_name: row.try_get("display_name").map_err(db_error)?,
        is_active: row.try_get::<i64, _>("is_active").map_err(db_error)? != 0,
        locked_until: locked
            .as_deref()
            .map(crate::db::parse_timestamp)
            .transpose()?,
    })
}

const USER_COLUMNS: &str = "id, organisation_id, email, display_name, is_active, \
     (SELECT MAX(f.locked_until) FROM login_failures f WHERE f.user_id = users.id) AS locked_until";

/// Creates an organisation or finds the one with that name; answers its id.
pub async fn ensure_organisation(conn: &mut Conn, name: &str, is_demo: bool) -> Result<i64, Error> {
    if let Some(id) = sqlx::query_scalar::<_, i64>("SELECT id FROM organisations WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut *conn)
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
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)
}

/// The organisation created first, if any.
pub async fn first_organisation(conn: &mut Conn) -> Result<Option<i64>, Error> {
    sqlx::query_scalar::<_, i64>("SELECT id FROM organisations ORDER BY id LIMIT 1")
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)
}

/// Gives programs that have no organisation yet (created before accounts existed) to
/// `organisation_id`.
pub async fn adopt_orphan_programs(conn: &mut Conn, organisation_id: i64) -> Result<(), Error> {
    sqlx::query("UPDATE programs SET organisation_id = $1 WHERE organisation_id IS NULL")
        .bind(organisation_id)
        .execute(&mut *conn)
        .await
        .map(|_| ())
        .map_err(db_error)
}

/// How many users there are.
pub async fn count_users(conn: &mut Conn) -> Result<i64, Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users")
        .fetch_one(&mut *conn)
        .await
        .map_err(db_error)
}

/// Creates a user (with a password hash, or none until an invitation is accepted) and its
/// grants; an email already in use is a field error on `email`.
pub async fn create_user(
    conn: &mut Conn,
    organisation_id: i64,
    email: &str,
    display_name: &str,
    password_hash: Option<&str>,
    grants: &[Grant],
) -> Result<i64, Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
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
            Error::Invalid(vec![FieldError::new("email", Problem::NameTaken)])
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
    conn: &mut Conn,
    email: &str,
) -> Result<Option<(User, Option<String>)>, Error> {
    let sql = format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1");
    let Some(row) = sqlx::query(&sql)
        .bind(email)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
    else {
        return Ok(None);
    };
    let hash: Option<String> = row.try_get("password_hash").map_err(db_error)?;
    Ok(Some((user_from_row(&row)?, hash)))
}

/// A user by id.
pub async fn user_by_id(conn: &mut Conn, id: i64) -> Result<Option<User>, Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?
        .as_ref()
        .map(user_from_row)
        .transpose()
}

/// The role grants of a user.
pub async fn grants_of(conn: &mut Conn, user_id: i64) -> Result<Vec<Grant>, Error> {
    Ok(held_grants(conn, user_id)
        .await?
        .into_iter()
        .map(|(_, grant)| grant)
        .collect())
}

/// The role grants of a user with their ids.
pub async fn held_grants(conn: &mut Conn, user_id: i64) -> Result<Vec<(i64, Grant)>, Error> {
    let rows = sqlx::query(
        "SELECT id, role, scope_kind, scope_id FROM role_grants WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("role").map_err(db_error)?;
            let kind: String = row.try_get("scope_kind").map_err(db_error)?;
            let id: i64 = row.try_get("scope_id").map_err(db_error)?;
            let grant_id: i64 = row.try_get("id").map_err(db_error)?;
            match (Role::from_code(&role), Scope::from_parts(&kind, id)) {
                (Some(role), Some(scope)) => Ok((grant_id, Grant { role, scope })),
                _ => {
                    tracing::error!(user_id, role, kind, "unreadable role grant");
                    Err(Error::Internal)
                }
            }
        })
        .collect()
}

/// Lets an account sign in again, or stops it: a deactivated account's sessions end and its API
/// tokens are revoked, in one transaction.
pub async fn set_active(conn: &mut Conn, user_id: i64, active: bool) -> Result<(), Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    sqlx::query("UPDATE users SET is_active = $1 WHERE id = $2")
        .bind(i64::from(active))
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    if !active {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
        )
        .bind(now_text())
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    }
    tx.commit().await.map_err(db_error)
}

/// Removes grant `grant_id` of `user_id`; answers it, or `None` when the user has no such grant.
pub async fn delete_grant(
    conn: &mut Conn,
    user_id: i64,
    grant_id: i64,
) -> Result<Option<Grant>, Error> {
    let Some((_, grant)) = held_grants(conn, user_id)
        .await?
        .into_iter()
        .find(|(id, _)| *id == grant_id)
    else {
        return Ok(None);
    };
    let done = sqlx::query("DELETE FROM role_grants WHERE id = $1 AND user_id = $2")
        .bind(grant_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
    Ok((done.rows_affected() == 1).then_some(grant))
}

/// The caller for a user: identity and grants.
pub async fn caller_for(conn: &mut Conn, user: &User) -> Result<Caller, Error> {
    let grants = grants_of(conn, user.id).await?;
    let funded = funded_by_grants(conn, &grants).await?;
    Ok(Caller {
        user_id: Some(user.id),
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        organisation_id: Some(user.organisation_id),
        grants,
        funded,
        token_projects: None,
    })
}

/// The projects the donors of `grants` fund (none without a donor grant).
pub async fn funded_by_grants(
    conn: &mut Conn,
    grants: &[Grant],
) -> Result<Vec<shared::auth::Funded>, Error> {
    let donors: Vec<i64> = grants
        .iter()
        .filter_map(|g| match g.scope {
            shared::auth::Scope::Donor(d) => Some(d),
            _ => None,
        })
        .collect();
    if donors.is_empty() {
        return Ok(Vec::new());
    }
    crate::db::funding::funded_projects(conn, &donors).await
}

/// Until when sign-ins to `user_id` from `address` are locked, when they are now.
pub async fn login_locked_until(
    conn: &mut Conn,
    user_id: i64,
    address: &str,
) -> Result<Option<DateTime<Utc>>, Error> {
    let locked: Option<Option<String>> = sqlx::query_scalar(
        "SELECT locked_until FROM login_failures WHERE user_id = $1 AND address = $2",
    )
    .bind(user_id)
    .bind(address)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?;
    let until = locked
        .flatten()
        .as_deref()
        .map(crate::db::parse_timestamp)
        .transpose()?;
    Ok(until.filter(|until| *until > Utc::now()))
}

/// Counts a failed sign-in to `user_id` from `address`, in one statement (two servers counting
/// at once both count): the `max_failures`th in a row locks that account from that address for
/// `lock`. A run starts again once a lock has passed, or when the last failure is older than
/// `lock`.
pub async fn record_failed_login(
    conn: &mut Conn,
    user_id: i64,
    address: &str,
    max_failures: i64,
    lock: Duration,
) -> Result<(), Error> {
    let now = Utc::now();
    let stamp = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    // $3 now, $4 most failures, $5 the lock's end, $6 the start of the window that counts.
    let restarts = "(login_failures.locked_until IS NOT NULL AND login_failures.locked_until <= $3) \
                    OR login_failures.last_failed_at <= $6";
    let failures = format!("CASE WHEN {restarts} THEN 1 ELSE login_failures.failures + 1 END");
    let sql = format!(
        "INSERT INTO login_failures (user_id, address, failures, last_failed_at, locked_until) \
         VALUES ($1, $2, 1, $3, CASE WHEN 1 >= $4 THEN $5 ELSE NULL END) \
         ON CONFLICT (user_id, address) DO UPDATE SET \
         failures = {failures}, \
         last_failed_at = $3, \
         locked_until = CASE WHEN {failures} >= $4 THEN $5 \
                        WHEN {restarts} THEN NULL ELSE login_failures.locked_until END"
    );
    sqlx::query(&sql)
        .bind(user_id)
        .bind(address)
        .bind(stamp(now))
        .bind(max_failures)
        .bind(stamp(now + lock))
        .bind(stamp(now - lock))
        .execute(&mut *conn)
        .await
        .map(|_| ())
        .map_err(db_error)
}

/// Clears the failed sign-ins from `address` after a success from there.
pub async fn clear_failed_logins(
    conn: &mut Conn,
    user_id: i64,
    address: &str,
) -> Result<(), Error> {
    sqlx::query("DELETE FROM login_failures WHERE user_id = $1 AND address = $2")
        .bind(user_id)
        .bind(address)
        .execute(&mut *conn)
        .await
        .map(|_| ())
        .map_err(db_error)
}

/// Stores a session under the hash of its token.
pub async fn create_session(
    conn: &mut Conn,
    token_hash: &str,
    user_id: i64,
    csrf_token: &str,
    ttl: Duration,
) -> Result<(), Error> {
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
    .execute(&mut *conn)
    .await
    .map(|_| ())
    .map_err(db_error)
}

/// The user and CSRF token of a session that has not expired.
pub async fn session(conn: &mut Conn, token_hash: &str) -> Result<Option<(User, String)>, Error> {
    let row = sqlx::query(
        "SELECT s.user_id, s.csrf_token, s.expires_at FROM sessions s WHERE s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?;
    let Some(row) = row else { return Ok(None) };
    let expires: String = row.try_get("expires_at").map_err(db_error)?;
    if crate::db::parse_timestamp(&expires)? <= Utc::now() {
        delete_session(conn, token_hash).await?;
        return Ok(None);
    }
    let user_id: i64 = row.try_get("user_id").map_err(db_error)?;
    let csrf: String = row.try_get("csrf_token").map_err(db_error)?;
    Ok(user_by_id(conn, user_id)
        .await?
        .filter(|u| u.is_active)
        .map(|u| (u, csrf)))
}

/// Ends a session.
pub async fn delete_session(conn: &mut Conn, token_hash: &str) -> Result<(), Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut *conn)
        .await
        .map(|_| ())
        .map_err(db_error)
}

/// Every account of an organisation (of all organisations when `organisation` is `None`), with
/// grants, by email.
pub async fn list_users(
    conn: &mut Conn,
    organisation: Option<i64>,
) -> Result<Vec<shared::account::UserSummary>, Error> {
    let sql = format!(
        "SELECT {USER_COLUMNS}, password_hash FROM users \
         WHERE ($1 = 0 OR organisation_id = $1) ORDER BY email"
    );
    let rows = sqlx::query(&sql)
        .bind(organisation.unwrap_or(0))
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?;
    let mut users = Vec::new();
    for row in &rows {
        let user = user_from_row(row)?;
        let hash: Option<String> = row.try_get("password_hash").map_err(db_error)?;
        users.push(shared::account::UserSummary {
            id: user.id,
            grants: grants_of(conn, user.id).await?,
            email: user.email,
            display_name: user.display_name,
            is_active: user.is_active,
            has_password: hash.is_some(),
            is_locked: user.locked_until.is_some_and(|t| t > Utc::now()),
        });
    }
    Ok(users)
}

/// One account as the user administration shows it.
pub async fn user_summary(conn: &mut Conn, id: i64) -> Result<shared::account::UserSummary, Error> {
    let user = user_by_id(conn, id).await?.ok_or(Error::NotFound)?;
    let users = list_users(conn, Some(user.organisation_id)).await?;
    users
        .into_iter()
        .find(|u| u.id == id)
        .ok_or(Error::NotFound)
}

/// Stores a one-time invitation for `user_id` (replacing unused ones); answers when it expires.
pub async fn create_invitation(
    conn: &mut Conn,
    token_hash: &str,
    user_id: i64,
    created_by: Option<i64>,
    ttl: Duration,
) -> Result<DateTime<Utc>, Error> {
    let now = Utc::now();
    let expires = now + ttl;
    let text = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let mut tx = conn.begin().await.map_err(db_error)?;
    sqlx::query("DELETE FROM invitations WHERE user_id = $1 AND used_at IS NULL")
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    sqlx::query(
        "INSERT INTO invitations (token_hash, user_id, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(created_by)
    .bind(text(now))
    .bind(text(expires))
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    tx.commit().await.map_err(db_error)?;
    Ok(expires)
}

/// The account an unused, unexpired invitation is for.
pub async fn invitation_user(conn: &mut Conn, token_hash: &str) -> Result<Option<User>, Error> {
    let row = sqlx::query(
        "SELECT user_id, expires_at FROM invitations WHERE token_hash = $1 AND used_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?;
    let Some(row) = row else { return Ok(None) };
    let expires: String = row.try_get("expires_at").map_err(db_error)?;
    if crate::db::parse_timestamp(&expires)? <= Utc::now() {
        return Ok(None);
    }
    let user_id: i64 = row.try_get("user_id").map_err(db_error)?;
    user_by_id(conn, user_id).await
}

/// Uses an invitation: sets the password and ends every session and API token the account had;
/// answers false when the invitation was used meanwhile.
pub async fn accept_invitation(
    conn: &mut Conn,
    token_hash: &str,
    user_id: i64,
    password_hash: &str,
) -> Result<bool, Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    let now = now_text();
    let used = sqlx::query(
        "UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
    )
    .bind(&now)
    .bind(token_hash)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    if used.rows_affected() != 1 {
        return Ok(false);
    }
    set_password_in(&mut tx, user_id, password_hash, &now).await?;
    // An invitation to an account that was in use is a password reset: whoever held the old
    // password (its sessions, its API tokens) is out.
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(&now)
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    tx.commit().await.map_err(db_error)?;
    Ok(true)
}

async fn set_password_in(
    tx: &mut Conn,
    user_id: i64,
    password_hash: &str,
    now: &str,
) -> Result<(), Error> {
    sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    // A new password starts every address afresh.
    sqlx::query("DELETE FROM login_failures WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// Sets a new password and ends every other session of the user.
pub async fn change_password(
    conn: &mut Conn,
    user_id: i64,
    password_hash: &str,
    keep_session: Option<&str>,
) -> Result<(), Error> {
    let mut tx = conn.begin().await.map_err(db_error)?;
    set_password_in(&mut tx, user_id, password_hash, &now_text()).await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep_session.unwrap_or(""))
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    tx.commit().await.map_err(db_error)
}

/// The stored password hash of a user.
pub async fn password_hash(conn: &mut Conn, user_id: i64) -> Result<Option<String>, Error> {
    sqlx::query_scalar::<_, Option<String>>("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await
        .map(Option::flatten)
        .map_err(db_error)
}

/// The organisation and program of a project, or of a program (`project` = `None`).
pub async fn place_of(
    conn: &mut Conn,
    program: Option<i64>,
    project: Option<i64>,
) -> Result<Option<shared::auth::Place>, Error> {
    if let Some(project) = project {
        let row = sqlx::query(
            "SELECT j.program_id, p.organisation_id FROM projects j \
             JOIN programs p ON p.id = j.program_id WHERE j.id = $1",
        )
        .bind(project)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?;
        return row
            .map(|r| {
                Ok(shared::auth::Place {
                    organisation: r.try_get("organisation_id").map_err(db_error)?,
                    program: Some(r.try_get("program_id").map_err(db_error)?),
                    project: Some(project),
                    community: None,
                    donor: None,
                })
            })
            .transpose();
    }
    let Some(program) = program else {
        return Ok(None);
    };
    let organisation =
        sqlx::query_scalar::<_, Option<i64>>("SELECT organisation_id FROM programs WHERE id = $1")
            .bind(program)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_error)?;
    Ok(organisation.map(|organisation| shared::auth::Place {
        organisation,
        program: Some(program),
        ..shared::auth::Place::default()
    }))
}
